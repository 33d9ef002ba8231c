r"""The whole page layout of a text, as one pure function (:func:`analyse`).

>>> lay = analyse("Gegenmiao massacre\n\nKYIV, March 3 (Reuters) - Shells fell.\n1. ^ Smith. Retrieved 3 May 2010.",
...               reference=re.compile(r"\bRetrieved\s+\d"))
>>> [p.kind for p in lay.paragraphs]
['title', 'text', 'reference']
>>> lay.story_starts, lay.datelines
([20], [(20, 45)])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import Infobox, blocks, find_infoboxes, is_heading, paragraphs, title_paragraph
from .stories import dateline_at, story_starts


@dataclass
class Paragraph:
    """One non-empty line: ``kind`` is title, heading, infobox, reference or text."""

    start: int
    end: int
    index: int
    block: int
    story: int
    kind: str
    dateline: bool = False


@dataclass
class PageLayout:
    paragraphs: list[Paragraph] = field(default_factory=list)
    title: int | None = None
    infoboxes: list[Infobox] = field(default_factory=list)
    datelines: list[tuple[int, int]] = field(default_factory=list)
    story_starts: list[int] = field(default_factory=list)
    references: list[tuple[int, int, int]] = field(default_factory=list)  # start, end, items


def analyse(text: str, *, infobox_keys: list[str] | None = None, reference: re.Pattern[str] | None = None,
            story_breaks: set[str] | frozenset[str] = frozenset()) -> PageLayout:
    """Paragraphs (with kind, block and story), title, infoboxes, datelines, story starts, reference lists."""
    from bisect import bisect_right

    paras = paragraphs(text)
    boxes = find_infoboxes(text, infobox_keys) if infobox_keys else []
    starts = story_starts(text, story_breaks)
    title = title_paragraph(text, paras)
    box_ranges = [(b.start, b.end) for b in boxes]
    out: list[Paragraph] = []
    datelines: list[tuple[int, int]] = []
    for k, ((s, e), block) in enumerate(zip(paras, blocks(text, paras))):
        line = text[s:e]
        if k == title:
            kind = "title"
        elif any(a <= s < b for a, b in box_ranges):
            kind = "infobox"
        elif reference is not None and reference.search(line):
            kind = "reference"
        elif is_heading(line):
            kind = "heading"
        else:
            kind = "text"
        lead = s + len(line) - len(line.lstrip())
        dl = dateline_at(text, lead)
        if dl is not None:
            datelines.append(dl)
        out.append(Paragraph(s, e, k, block, bisect_right(starts, s), kind, dl is not None))
    refs: list[tuple[int, int, int]] = []
    for p in out:
        if p.kind != "reference":
            continue
        if refs and out[p.index - 1].kind == "reference":
            refs[-1] = (refs[-1][0], p.end, refs[-1][2] + 1)
        else:
            refs.append((p.start, p.end, 1))
    return PageLayout(out, title, boxes, datelines, starts, refs)
