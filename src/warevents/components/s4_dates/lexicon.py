"""Date lexicon tables, the regexes built from them, and calendar arithmetic (pure)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

MIN_YEAR, MAX_YEAR = 1000, 2100
_YEAR_RE = re.compile(r"(?<!\d)(1\d|20)\d\d(?!\d)")
_BARE_YEAR = re.compile(r"^(1\d|20)\d\d$")
_SPACE = re.compile(r"\s+")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_DASH = r"(?:-|\u2013|\u2014|\u2212)"
_TO = rf"(?:\s*{_DASH}\s*|\s+(?:to|through|thru|till|until)\s+)"
_TIME_PATTERNS = [
    # "0:10 on August 9" / "9:30 p.m., June 5" (time first)
    re.compile(
        r"^(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))?\s*(?P<ap>a\.?m\.?|p\.?m\.?|hrs|hours|h)?\s*(?:on\s+|,\s*)?(?P<rest>.+)$"
    ),
    # "4.15 a.m. on 6 June" (a dot between hour and minute: only with a.m./p.m.)
    re.compile(
        r"^(?P<h>[01]?\d|2[0-3])\.(?P<m>[0-5]\d)\s*(?P<ap>a\.?m\.?|p\.?m\.?)\s*(?:on\s+|,\s*)?(?P<rest>.+)$"
    ),
    # "June 5, 1944, at 6:30" (time last)
    re.compile(
        r"^(?P<rest>.+?),?\s+(?:at\s+)?(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))?\s*(?P<ap>a\.?m\.?|p\.?m\.?|hrs|hours|h)?$"
    ),
]
_MILTIME = re.compile(
    r"^(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s+(?:(?:hours|hrs)\s*(?:on\s+|,\s*)?|on\s+)(?P<rest>.+)$"
)
#: "331 bc", "480 b.c.e." -> the year number
_BC = re.compile(r"^(?P<n>[1-9]\d{0,3}) ?(?:bce?|b\.c\.(?:e\.?)?|b\.c(?:\.e)?)$")
#: "20th century", "early nineteenth century"
_ORDINAL_WORDS = {
    w: i + 1 for i, w in enumerate(
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"]
    )
} | {"twenty-first": 21}
#: "2022–present": an open range up to the document's date
_TO_PRESENT = re.compile(r"^(?:since |from )?(?P<y>(?:1\d|20)\d\d)\s*(?:-|\u2013|\u2014|to)\s*(?:present|today|now)$")
#: "sept.3": a month abbreviation glued to its day
_COMPACT = re.compile(r"^(?P<m>[a-z]{3,4})\.(?P<d>\d{1,2})\b")


#: "'68", "'44", "'60s": a year written with two digits after an apostrophe.
_SHORT_YEAR = re.compile(r"(?<![\w'\u2019])['\u2019](\d\d)(s?)\b")
#: "13/14 February 1945" (the night of the 13th to the 14th): a two-day range.
_SLASH_DAYS = re.compile(r"\b(\d{1,2})/(\d{1,2})(?= [a-z])")
_ISO = re.compile(r"^(1\d|20)\d\d-\d\d-\d\d$")
_NUMERIC = re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{4}$")


# --------------------------------------------------------------------------
# Lexicon and normalisation rules (pure: no spaCy objects)
# --------------------------------------------------------------------------
def _alt(forms: list[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))


def _full_year(yy: int, ctx: DateContext) -> int:
    """"'68" -> the year ending in 68 nearest the year in context (else the 1900s); against
    the page date it is the latest one not after it: 1968 on a page of 2023."""
    if ctx.year is None:
        return 1900 + yy
    candidates = [ctx.year // 100 * 100 + yy + k for k in (-100, 0, 100)]
    if ctx.year_source == "document" and not ctx.future:
        return max(y for y in candidates if y <= ctx.year)
    return min(candidates, key=lambda y: (abs(y - ctx.year), y))


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _iso(year: int, month: int, day: int) -> str:
    return dt.date(year, month, min(day, _last_day(year, month))).isoformat()


@dataclass
class DateContext:
    """What a year-less expression may borrow: a year and where it came from."""

    year: int | None = None
    year_source: str = "none"
    doc_date: dt.date | None = None
    future: bool = False


@dataclass
class _Parts:
    day: int | None = None
    month: int | None = None
    year: int | None = None


@dataclass
class DateLexicon:
    """Tables built from ``lexicons/date_parts.jsonl`` and the regexes built from them."""

    rows: list[dict[str, Any]]
    months: dict[str, int] = field(default_factory=dict)
    ambiguous_months: set[str] = field(default_factory=set)
    weekdays: dict[str, int] = field(default_factory=dict)
    seasons: dict[str, dict[str, Any]] = field(default_factory=dict)
    parts: dict[str, dict[str, Any]] = field(default_factory=dict)
    halves: dict[str, dict[str, Any]] = field(default_factory=dict)
    eras: dict[str, int] = field(default_factory=dict)
    relative: dict[str, dict[str, Any]] = field(default_factory=dict)
    hedges: set[str] = field(default_factory=set)
    words: dict[str, set[str]] = field(default_factory=dict)
    #: misspelt month forms -> the month's first form ("febuary" -> "february")
    misspelt: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for row in self.rows:
            for form in row.get("misspelt", []):
                self.misspelt[form.lower()] = row["forms"][0]
                self.months[form.lower()] = row["value"]
            kind, forms = row["kind"], [f.lower() for f in row.get("forms", [])]
            target = {
                "month": self.months,
                "weekday": self.weekdays,
                "season": self.seasons,
                "part": self.parts,
                "half": self.halves,
                "relative": self.relative,
            }.get(kind)
            for form in forms:
                if kind in ("month", "weekday"):
                    target[form] = row["value"]  # type: ignore[index]
                elif kind == "era":
                    self.eras[form] = row["base"]
                elif target is not None:
                    target[form] = row
                self.words.setdefault(kind, set()).add(form)
            if kind == "qualifier" and row["value"] == "hedge":
                self.hedges.update(forms)
            if kind == "month":
                self.ambiguous_months.update(f.lower() for f in row.get("ambiguous", []))
        m = rf"(?:{_alt(list(self.months))})\.?"
        d = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th|(?<=[23])d)?"
        y = r"(?:1\d|20)\d\d"
        self.re_month = m
        self.re_misspelt = (
            re.compile(rf"\b(?:{_alt(list(self.misspelt))})\b") if self.misspelt else None
        )
        self.re_mdy = re.compile(rf"^(?P<m>{m}) (?P<d>{d})(?:,? (?P<y>{y}))?$")
        self.re_dmy = re.compile(rf"^(?P<d>{d}) (?:of )?(?P<m>{m})(?:,? (?P<y>{y}))?$")
        self.re_my = re.compile(rf"^(?P<m>{m})(?:,? (?P<y>{y}))?$")
        self.re_d = re.compile(rf"^(?P<d>{d})(?:,? (?P<y>{y}))?$")
        self.re_y = re.compile(rf"^(?P<y>{y})\??$")
        era, part = _alt(list(self.eras)), _alt(list(self.parts))
        season, weekday = _alt(list(self.seasons)), _alt(list(self.weekdays))
        hedge = rf"(?:(?:{_alt(sorted(self.hedges))}) )?"
        self.re_era = [
            re.compile(
                rf"^(?P<n>\d{{1,2}})(?:st|nd|rd|th)? years? of (?:the )?(?P<era>{era})(?: era)?$"
            ),
            re.compile(rf"^(?P<era>{era}) (?P<n>\d{{1,2}})$"),
        ]
        self.re_year_range = re.compile(
            rf"^(?:between |from )?(?P<a>{y})\??(?:{_TO}|\s+and\s+)(?P<b>{y}|\d\d)\??$"
        )
        self.re_decade = re.compile(
            rf"^(?:(?P<part>{part})[ -]?(?:the )?)?(?P<dec>(?:1\d|20)\d)0s$"
        )
        self.re_part = re.compile(
            rf"^(?P<part>{part})(?: ?- ?| of | )(?:the )?"
            rf"(?:(?P<m>{m})(?:,? (?P<y>{y}))?|(?P<yo>{y}))$"
        )
        self.re_part_of_year = re.compile(rf"^(?P<part>{part}) of (?:the|that) year$")
        self.re_half = re.compile(rf"^(?P<half>{_alt(list(self.halves))}) half of (?P<y>{y})$")
        self.re_season = re.compile(
            rf"^(?:(?:{part})[ -]?)?(?P<s>{season})(?: of)?"
            rf"(?: (?P<y>{y})(?:(?:{_DASH}|/)\d{{2,4}})?)?$"
        )
        self.re_deictic = re.compile(rf"^(?P<rel>last|next|this) (?:(?P<m>{m})|(?P<s>{season}))$")
        self.re_weekday = re.compile(rf"^(?:(?P<rel>last|next|this) )?(?P<w>{weekday})$")
        self.re_weekday_prefix = re.compile(rf"^(?:{weekday}),? (?P<rest>.+)$")
        self.re_range = [
            re.compile(rf"^between {hedge}(?P<a>.+?) and {hedge}(?P<b>.+)$"),
            re.compile(rf"^(?:from )?(?P<a>.+?){_TO}(?P<b>.+)$"),
        ]
