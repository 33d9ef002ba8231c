"""Per-document lookups built once, so event assembly stays near-linear.

``doc.ents`` and ``Span.ents`` rebuild their whole list on every access, and a
scan of every paragraph or every earlier record per trigger makes assembly
quadratic or worse in the number of triggers. :class:`DocIndex` sorts the
entities by label once and answers range queries by bisection; paragraphs are
found by bisection too, and each sentence's text is sliced once.

>>> import spacy
>>> doc = spacy.blank("en")("Soldiers killed 18 villagers in Harbin.")
>>> doc.ents = [doc.char_span(32, 38, label="PLACE")]
>>> index = DocIndex(doc, [(0, len(doc.text))])
>>> [e.text for e in index.starting_in("PLACE", 0, 40)]
['Harbin']
>>> index.paragraph_of(35)
0
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from spacy.tokens import Doc, Span


class _Ents:
    """Entities of one label, sorted (non-overlapping, as ``doc.ents`` are)."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans
        self.starts = [e.start for e in spans]
        self.ends = [e.end for e in spans]
        self.start_chars = [e.start_char for e in spans]


class DocIndex:
    """Entities by label, paragraph of a character offset, sentence texts."""

    def __init__(self, doc: Doc, paragraphs: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.ents = list(doc.ents)
        by_label: dict[str, list[Span]] = {}
        for e in self.ents:
            by_label.setdefault(e.label_, []).append(e)
        self._by_label = {label: _Ents(spans) for label, spans in by_label.items()}
        self._empty = _Ents([])
        self.paragraphs = paragraphs
        self.para_starts = [s for s, _ in paragraphs]
        self._sent_text: dict[int, str] = {}

    def label(self, label: str) -> list[Span]:
        """Every entity of ``label``, in document order (``[e for e in doc.ents if ...]``)."""
        return self._by_label.get(label, self._empty).spans

    def in_span(self, span: Span, label: str) -> list[Span]:
        """Entities of ``label`` wholly inside ``span`` (what ``span.ents`` filters to)."""
        ents = self._by_label.get(label, self._empty)
        out = []
        for k in range(bisect_left(ents.starts, span.start), len(ents.spans)):
            if ents.ends[k] > span.end:
                break
            out.append(ents.spans[k])
        return out

    def overlapping(self, label: str, start: int, end: int) -> Iterator[Span]:
        """Entities of ``label`` overlapping the token range ``[start, end)``."""
        ents = self._by_label.get(label, self._empty)
        for k in range(bisect_right(ents.ends, start), len(ents.spans)):
            if ents.starts[k] >= end:
                break
            yield ents.spans[k]

    def starting_in(self, label: str, start_char: int, end_char: int) -> list[Span]:
        """Entities of ``label`` whose first character is in ``[start_char, end_char)``."""
        ents = self._by_label.get(label, self._empty)
        lo = bisect_left(ents.start_chars, start_char)
        hi = bisect_left(ents.start_chars, end_char)
        return ents.spans[lo:hi]

    def paragraph_of(self, char: int) -> int:
        """Index of the last paragraph starting at or before ``char`` (0 if none)."""
        return max(0, bisect_right(self.para_starts, char) - 1)

    def sent_text(self, sent: Span) -> str:
        text = self._sent_text.get(sent.start)
        if text is None:
            text = self._sent_text[sent.start] = sent.text
        return text
