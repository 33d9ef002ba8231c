"""The ``warevents_layout`` component: the page layout, computed once, as span groups.

Placed before the parser. It starts a sentence after every line break (so
headers, list items and infobox rows never run into the prose) and stores the
layout of the page for every later stage:

- ``doc.spans["layout_paragraphs"]``: every non-empty line, label ``paragraph``;
- ``doc.spans["layout_headings"]``: the title (label ``title``) and headings;
- ``doc.spans["layout_infoboxes"]``: infobox blocks (``infobox``);
- ``doc.spans["layout_datelines"]``: wire datelines (``dateline``);
- ``doc.spans["layout_story_breaks"]``: lines where a new story starts (``story_break``);
- ``doc.spans["layout_references"]``: reference lists (``reference_list``).

Each group's ``attrs["layout"]`` holds one plain dict of attributes per span, in
the group's order (exact character offsets, paragraph ``index``/``kind``/
``block``/``story``, infobox lines): span groups and their attrs survive
``Doc.to_bytes``, and unlike ``Span._`` values (keyed by offsets) a heading's
attributes cannot overwrite those of the paragraph with the same offsets. The
``warevents_relevance`` stage adds ``war_score``/``war_related`` to the
paragraphs. Read them through :mod:`warevents.components.s1_layout.read`.
"""

from __future__ import annotations

import re
from dataclasses import asdict

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..base import RuleComponent
from .analysis import PageLayout, analyse

PARAGRAPHS = "layout_paragraphs"
HEADINGS = "layout_headings"
INFOBOXES = "layout_infoboxes"
DATELINES = "layout_datelines"
STORY_BREAKS = "layout_story_breaks"
REFERENCES = "layout_references"
GROUPS = (PARAGRAPHS, HEADINGS, INFOBOXES, DATELINES, STORY_BREAKS, REFERENCES)


def _span(doc: Doc, start: int, end: int, label: str, attrs: dict) -> tuple[Span, dict]:
    span = doc.char_span(start, end, label=label, alignment_mode="contract")
    if span is None or not len(span):
        span = doc.char_span(start, max(end, start + 1), label=label, alignment_mode="expand")
    return span, attrs


def _set_group(doc: Doc, key: str, items: list[tuple[Span, dict]]) -> None:
    doc.spans[key] = [span for span, _ in items]
    doc.spans[key].attrs["layout"] = [attrs for _, attrs in items]


def attrs_of(doc: Doc, key: str) -> list[dict]:
    """The attribute dicts of the spans of layout group ``key``, in order."""
    return doc.spans[key].attrs["layout"]


class Layout(RuleComponent):
    """Sentence starts at line breaks, and the page layout as span groups."""

    data_files = {
        "patterns": ("patterns", "layout.jsonl"),
        "infobox_keys": ("lexicons", "infobox_keys.jsonl"),
    }

    def __init__(self, nlp: Language, name: str = "warevents_layout") -> None:
        super().__init__(nlp, name)

    def _compile(self) -> None:
        rows = self.data.get("patterns", [])
        refs = [r["pattern"] for r in rows if r["type"] == "reference_line"]
        self.reference = re.compile("|".join(refs)) if refs else None
        self.story_breaks = frozenset(f for r in rows if r["type"] == "story_break" for f in r["forms"])
        self.infobox_keys = [row["key"] for row in self.data.get("infobox_keys", [])]

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self.set_sent_starts(doc)
            self.set_layout(doc, analyse(doc.text, infobox_keys=self.infobox_keys, reference=self.reference,
                                         story_breaks=self.story_breaks))
        except Exception as err:  # noqa: BLE001 - spaCy's error-handler protocol
            error_handler(self.name, self, [doc], err)
        return doc

    @staticmethod
    def set_sent_starts(doc: Doc) -> None:
        # a token holding a line break ends a sentence (``whitespace_`` is " " or "")
        strings = doc.vocab.strings
        orths = doc.to_array(ORTH).tolist()[:-1] if len(doc) else []
        breaks = {orth: "\n" in strings[orth] for orth in set(orths)}
        for i, orth in enumerate(orths):
            if breaks[orth]:
                doc[i + 1].is_sent_start = True

    @staticmethod
    def set_layout(doc: Doc, lay: PageLayout) -> None:
        text = doc.text
        _set_group(doc, PARAGRAPHS, [_span(doc, p.start, p.end, "paragraph", asdict(p)) for p in lay.paragraphs])
        _set_group(doc, HEADINGS, [_span(doc, p.start, p.end, p.kind, {"start": p.start, "end": p.end, "index": p.index})
                                   for p in lay.paragraphs if p.kind in {"title", "heading"}])
        _set_group(doc, INFOBOXES, [
            _span(doc, b.start, b.end, "infobox", {"start": b.start, "end": b.end,
                                                    "lines": [[ln.key, ln.value, ln.start, ln.end, ln.line_start]
                                                              for ln in b.lines]})
            for b in lay.infoboxes])
        _set_group(doc, DATELINES, [_span(doc, s, e, "dateline", {"start": s, "end": e}) for s, e in lay.datelines])
        breaks = []
        for s in lay.story_starts:
            e = text.find("\n", s)
            e = len(text) if e < 0 else e
            breaks.append(_span(doc, s, max(e, s + 1), "story_break", {"start": s}))
        _set_group(doc, STORY_BREAKS, breaks)
        _set_group(doc, REFERENCES, [_span(doc, s, e, "reference_list", {"start": s, "end": e, "items": n})
                                     for s, e, n in lay.references])
