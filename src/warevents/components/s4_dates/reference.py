"""The reference time: which dates may lend their year to later year-less dates.

* **Narrative** (no document date): a year-less date takes the year of the last date of
  the main narrative before it in the same story. Years in asides do not move it:
  inside parentheses or brackets ("(first used in the Boer War, 1899–1902)"), in a
  reference list, or in a citation ("Smith, 1995, p. 12").
* **News** (a document date, DCT): a year-less date takes its year from a date in the
  same paragraph, else from the DCT and the sentence's tense: a past "in June" on a page
  of March is last June, a future one next June.

>>> import datetime as dt
>>> from warevents.schemas import DateValue
>>> v = DateValue(start="2019-06-01", end="2019-06-30", precision="month", year_source="document")
>>> shift_by_tense(v, dt.date(2019, 3, 3), "past").start
'2018-06-01'
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from spacy.tokens import Doc, Span

from ...schemas import DateValue
from ..s1_layout.component import REFERENCES, attrs_of
from ..s1_layout.read import paragraph_offsets
from .lexicon import _iso

#: "Smith, 1995, p. 12", "1995: 323": a year followed by a page reference
_PAGE_AFTER = re.compile(r"^[,:]?\s*(?:pp?\.|pages?\b|\d+\s*[-\u2013]\s*\d+\b)")
#: precisions that a year-less expression can have and that tense may move
_MOVABLE = frozenset({"day", "days", "month", "part_of_month", "season"})


class Asides:
    """Paragraphs of a doc, and which character ranges are asides."""

    def __init__(self, doc: Doc) -> None:
        self.text = doc.text
        pars = paragraph_offsets(doc)
        self.starts = [s for s, _ in pars] or [0]
        self.refs: list[tuple[int, int]] = []
        if REFERENCES in doc.spans:
            self.refs = [(a["start"], a["end"]) for a in attrs_of(doc, REFERENCES)]

    def paragraph(self, char: int) -> int:
        """Index of the paragraph holding character ``char``."""
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def is_aside(self, start: int, end: int) -> bool:
        """Is the date at ``start:end`` inside parentheses, a reference list or a citation?"""
        if any(a <= start < b for a, b in self.refs):
            return True
        before = self.text[self.starts[self.paragraph(start)] : start]
        if before.count("(") > before.count(")") or before.count("[") > before.count("]"):
            return True
        return _PAGE_AFTER.match(self.text[end : end + 20]) is not None


def _shift(iso: str | None, years: int) -> str | None:
    if iso is None:
        return None
    y, m, d = int(iso[:4]) + years, int(iso[5:7]), int(iso[8:10])
    return _iso(y, m, d) + iso[10:]


def tense_of(span: Span, future: bool) -> str:
    """"past", "future" or "present": the tense of the verb the date hangs on."""
    if future:
        return "future"
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX"):
            if tok.tag_ in ("VBD", "VBN"):
                return "past"
            return "present"
        if tok.head is tok:
            break
        tok = tok.head
    return "past" if any(t.tag_ == "VBD" for t in span.sent) else "present"


def shift_by_tense(value: DateValue, today: dt.date, tense: str) -> DateValue:
    """A date that borrowed the year of ``today``: in a past sentence it is not after
    ``today``, in a future one not before it; in the present it stays in today's year."""
    if value.start is None or value.end is None or value.precision not in _MOVABLE:
        return value
    if value.method in ("relative", "weekday"):
        return value  # already counted from today
    start, end = value.start[:10], value.end[:10]
    iso = today.isoformat()
    years = 0
    if tense == "past" and start > iso:
        years = -1
    elif tense == "future" and end < iso:
        years = 1
    if not years:
        return value
    return value.model_copy(update={"start": _shift(value.start, years), "end": _shift(value.end, years)})


__all__ = ["Asides", "shift_by_tense", "tense_of"]
