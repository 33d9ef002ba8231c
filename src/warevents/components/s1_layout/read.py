"""What later stages read from the layout stage's span groups.

Each reader falls back to computing the same value from the text with the
package data when the layout stage did not run (a pipeline built without it,
or a hand-made Doc), so the definition lives in one place either way.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache

from spacy.attrs import IDX
from spacy.tokens import Doc

from ..common import data_path, read_jsonl
from .blocks import Infobox, InfoboxLine, find_infoboxes, paragraphs, title_paragraph
from .component import INFOBOXES, PARAGRAPHS, STORY_BREAKS, attrs_of
from .stories import story_starts


@cache
def default_story_breaks() -> frozenset[str]:
    rows = read_jsonl(data_path("patterns", "layout.jsonl"))
    return frozenset(f for r in rows if r["type"] == "story_break" for f in r["forms"])


def has_layout(doc: Doc) -> bool:
    return PARAGRAPHS in doc.spans


def paragraph_offsets(doc: Doc) -> list[tuple[int, int]]:
    """``(start_char, end_char)`` of every paragraph (non-empty line)."""
    if not has_layout(doc):
        return paragraphs(doc.text)
    return [(p["start"], p["end"]) for p in attrs_of(doc, PARAGRAPHS)]


def token_paragraphs(doc: Doc) -> list[int]:
    """Paragraph index of every token (whitespace before the first paragraph: 0)."""
    starts = [s for s, _ in paragraph_offsets(doc)]
    if not len(doc):
        return []
    return [max(0, bisect_right(starts, idx) - 1) for idx in doc.to_array(IDX).tolist()]


def title(doc: Doc) -> int | None:
    """Index of the title paragraph, or None."""
    if not has_layout(doc):
        return title_paragraph(doc.text, paragraphs(doc.text))
    return next((p["index"] for p in attrs_of(doc, PARAGRAPHS) if p["kind"] == "title"), None)


def infoboxes(doc: Doc, keys: list[str]) -> list[Infobox]:
    """Infobox blocks (``keys``: the infobox keys to use when the layout stage did not run)."""
    if INFOBOXES not in doc.spans:
        return find_infoboxes(doc.text, keys)
    return [Infobox([InfoboxLine(*line) for line in b["lines"]]) for b in attrs_of(doc, INFOBOXES)]


def story_start_offsets(doc: Doc) -> list[int]:
    """Character offsets where a new story starts on a multi-story page."""
    if STORY_BREAKS not in doc.spans:
        return story_starts(doc.text, default_story_breaks())
    return [b["start"] for b in attrs_of(doc, STORY_BREAKS)]


def war_flags(doc: Doc) -> list[bool] | None:
    """Per-paragraph war relevance set by ``warevents_relevance``; None if it did not run."""
    if not has_layout(doc):
        return None
    flags = [p.get("war_related") for p in attrs_of(doc, PARAGRAPHS)]
    return None if any(f is None for f in flags) else flags
