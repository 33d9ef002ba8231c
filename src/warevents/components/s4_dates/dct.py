"""Document creation time (DCT) from the first lines of a text (pure: no spaCy).

The DCT anchors year-less and relative expressions ("on Friday", "last month").
It comes, in order, from the JSONL ``date`` field, an explicit ``--doc-date``,
or a dateline in the first lines of the text:

* a bare date line: ``November 3, 2019``, ``Sunday, 3 November 2019 10:42``,
  ``2019-11-03``;
* a publication line: ``Published 14 June 2016``, ``Updated: Nov. 3, 2019 4:15 PM ET``;
* a wire dateline with a year: ``KYIV, March 3, 2022 (Reuters) -``.

Only a full date (day, month and year) makes a DCT; today's date is never used.

>>> find_dct("Floods in the north\\nPublished 14 June 2016\\nRain fell on Friday.")
DocDate(date='2016-06-14', source='dateline', start=20, end=42)
>>> find_dct("No date here.") is None
True
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

#: How many non-empty lines at the top of a text may hold the dateline.
MAX_LINES = 6
#: A dateline is a short line.
MAX_LINE_CHARS = 160

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?P<m>jan(?:uary)?|feb(?:ruary)?|febuary|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+)?"
_DAY = r"(?P<d>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
_DATE_FORMS = (
    rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}",
    rf"{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}",
    r"(?P<iy>(?:19|20)\d\d)-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])(?:[T ]\d\d:\d\d(?::\d\d)?\S*)?",
)
_LABEL = r"(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified|dated?)(?:\s+on)?\s*:?\s*)"


@lru_cache(maxsize=1)
def _line_res() -> list[re.Pattern[str]]:
    """Whole-line patterns: an optional label, one date, an optional time."""
    out = []
    for form in _DATE_FORMS:
        out.append(re.compile(rf"^\W*{_LABEL}?{form}{_TIME}\W*$", re.IGNORECASE))
        # "Published 3:41 PM, November 3, 2019"
        out.append(re.compile(rf"^\W*{_LABEL}\d{{1,2}}[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{{2,4}})?,?\s*{form}\W*$",
                              re.IGNORECASE))
    return out


@lru_cache(maxsize=1)
def _wire_res() -> list[re.Pattern[str]]:
    """Wire datelines with a year: "KYIV, March 3, 2022 (Reuters) -", "LONDON, 3 March 2022 -"."""
    city = r"[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:, [A-Z][a-z]+(?: [A-Z][a-z]+)?)?,?\s+"
    tail = r",?(?:\s*\([A-Za-z .]+\))?\s*(?:--|\u2014|\u2013|-(?=\s)|:)"
    return [re.compile(rf"^{city}(?i:{form}){tail}") for form in _DATE_FORMS[:2]]


@dataclass(frozen=True)
class DocDate:
    """The DCT, where it came from, and the character offsets of the dateline (if any)."""

    date: str
    source: str
    start: int | None = None
    end: int | None = None


def _date_of(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    try:
        if g.get("iy"):
            return dt.date(int(g["iy"]), int(g["im"]), int(g["id"])).isoformat()
        month = _MONTHS[g["m"].lower()[:3]]
        return dt.date(int(g["y"]), month, int(g["d"])).isoformat()
    except (ValueError, KeyError, TypeError):
        return None


def find_dct(text: str, max_lines: int = MAX_LINES) -> DocDate | None:
    """The document's date from a dateline in its first ``max_lines`` non-empty lines.

    >>> find_dct("KYIV, March 3, 2022 (Reuters) - Shelling went on.").date
    '2022-03-03'
    >>> find_dct("Sunday, November 3, 2019\\nTroops left on Friday.").date
    '2019-11-03'
    """
    pos, seen = 0, 0
    for line in text[:4000].splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            seen += 1
            lead = pos + len(line) - len(line.lstrip())
            if len(stripped) <= MAX_LINE_CHARS:
                for rx in _line_res():
                    m = rx.match(stripped)
                    if m and (iso := _date_of(m)):
                        return DocDate(iso, "dateline", lead, lead + len(stripped))
            for rx in _wire_res():
                m = rx.match(stripped)
                if m and (iso := _date_of(m)):
                    return DocDate(iso, "dateline", lead, lead + m.end())
            if seen >= max_lines:
                break
        pos += len(line)
    return None


__all__ = ["MAX_LINES", "DocDate", "find_dct"]
