"""Stage: DATE spans, normalised to inclusive ISO intervals.

Candidates come from two sources: the token patterns in
``data/patterns/dates.jsonl`` (a spaCy ``Matcher``, compiled once) and the
pretrained ``DATE`` entities, cleaned (leading "the"/hedges stripped) and kept
only when they carry a calendar anchor, so durations ("two hours", "about two
weeks", "nearly 80 years") never become dates. Overlaps are resolved longest
first, then every span is normalised in document order to a
:class:`~warevents.schemas.DateValue`:

* single dates go through ``dateparser`` (cached per distinct string and base
  year, English only, fixed ``DATE_ORDER``, first day of month preferred);
* ranges, vague parts ("early September"), seasons, decades, Japanese era years
  ("20 years of Showa"), weekdays and deictic words use the rules below.

A date without a year takes it from the nearest preceding explicit year in the
document, else from ``doc._.doc_date``, else from the document's dominant year;
never from today. Weekdays and "last month" resolve against ``doc._.doc_date``
only.

>>> import warevents  # doctest: +SKIP
>>> nlp = warevents.load()  # doctest: +SKIP
>>> doc = nlp("On Aug. 9, 1945 the war began; on Aug. 17 police killed 18.")  # doctest: +SKIP
>>> [(e.text, e._.norm["start"]) for e in doc.ents if e.label_ == "DATE"]  # doctest: +SKIP
[('Aug. 9, 1945', '1945-08-09'), ('Aug. 17', '1945-08-17')]
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from ..schemas import DateValue
from .base import RuleComponent, match_near_anchors

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
    # "June 5, 1944, at 6:30" (time last)
    re.compile(
        r"^(?P<rest>.+?),?\s+(?:at\s+)?(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))?\s*(?P<ap>a\.?m\.?|p\.?m\.?|hrs|hours|h)?$"
    ),
]
_MILTIME = re.compile(
    r"^(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s+(?:hours|hrs)\s*(?:on\s+|,\s*)?(?P<rest>.+)$"
)
_AGO_LINE = re.compile(
    r"^\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago$", re.IGNORECASE
)
_DATELINE = re.compile(
    # "HONG KONG (AP) --", "KYIV, March 3 (Reuters) -", "SEOUL, South Korea, Nov. 23 (AP) \u2014"
    r"^[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*"
    r"(?:, [A-Z][a-z]+(?: [A-Z][a-z]+)?(?=,| \())?"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2}(?:, (?:1\d|20)\d\d)?)?"
    r",?(?: \([A-Za-z .]+\))? ?(?:--|\u2014|\u2013|-(?= ))"
)
#: "'68", "'44", "'60s": a year written with two digits after an apostrophe.
_SHORT_YEAR = re.compile(r"(?<![\w'\u2019])['\u2019](\d\d)(s?)\b")
#: "13/14 February 1945" (the night of the 13th to the 14th): a two-day range.
_SLASH_DAYS = re.compile(r"\b(\d{1,2})/(\d{1,2})(?= [a-z])")
_ISO = re.compile(r"^(1\d|20)\d\d-\d\d-\d\d$")
_NUMERIC = re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{4}$")


# --------------------------------------------------------------------------
# dateparser, cached: each distinct (string, base year, order) is parsed once.
# --------------------------------------------------------------------------
@lru_cache(maxsize=64)
def _date_data_parser(base_year: int, date_order: str, require_month: bool) -> Any:
    from dateparser.date import DateDataParser  # slow import, done on first use only

    settings: dict[str, Any] = {
        "DATE_ORDER": date_order,
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": "current_period",
        "RELATIVE_BASE": dt.datetime(base_year, 1, 1),
    }
    if require_month:
        settings["REQUIRE_PARTS"] = ["month"]
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=8192)
def parse_single(text: str, base_year: int, date_order: str = "MDY") -> tuple[str, str] | None:
    """Parse one calendar date with dateparser: ``(ISO date, period)`` or None.

    ``base_year`` supplies the year when ``text`` has none. Pure and cached.

    >>> parse_single("Aug. 17", 1945)
    ('1945-08-17', 'day')
    >>> parse_single("December 1945", 2000)
    ('1945-12-01', 'month')
    """
    require_month = _YEAR_RE.search(text) is None
    try:
        data = _date_data_parser(base_year, date_order, require_month).get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return None
    if data is None or data.date_obj is None:
        return None
    period = data.period or "day"
    if period not in ("day", "month", "year"):
        period = "day"
    return data.date_obj.date().isoformat(), period


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

    def __post_init__(self) -> None:
        for row in self.rows:
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
        d = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
        y = r"(?:1\d|20)\d\d"
        self.re_month = m
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
        self.re_weekday = re.compile(rf"^(?:(?P<rel>last|next|this) )?(?P<w>{weekday})$")
        self.re_weekday_prefix = re.compile(rf"^(?:{weekday}),? (?P<rest>.+)$")
        self.re_range = [
            re.compile(rf"^between {hedge}(?P<a>.+?) and {hedge}(?P<b>.+)$"),
            re.compile(rf"^(?:from )?(?P<a>.+?){_TO}(?P<b>.+)$"),
        ]


class DateNormaliser:
    """Turn a date expression (plain text) into a :class:`DateValue`.

    >>> from warevents.components.common import data_path, read_jsonl
    >>> norm = DateNormaliser(DateLexicon(read_jsonl(data_path("lexicons", "date_parts.jsonl"))))
    >>> v = norm.normalise("early September", DateContext(year=1945, year_source="context"))
    >>> (v.start, v.end, v.precision)
    ('1945-09-01', '1945-09-10', 'part_of_month')
    """

    def __init__(self, lexicon: DateLexicon, date_order: str = "MDY") -> None:
        self.lex = lexicon
        self.date_order = date_order

    # -- entry point --------------------------------------------------------
    def normalise(self, text: str, ctx: DateContext) -> DateValue | None:
        t = _SPACE.sub(" ", text.replace("\u00a0", " ")).strip().lower()
        t = re.sub(r"^the ", "", t).strip(" ,;")
        if not t:
            return None
        if "/" in t:
            t = _SLASH_DAYS.sub(r"\1-\2", t)
        if "'" in t or "\u2019" in t:
            t = _SHORT_YEAR.sub(lambda m: f"{_full_year(int(m.group(1)), ctx)}{m.group(2)}", t)
        for rule in (
            self._relative,
            self._era,
            self._decade,
            self._year_range,
            self._half,
            self._part,
            self._season,
            self._weekday,
        ):
            value = rule(t, ctx)
            if value is not None:
                return value
        m = self.lex.re_weekday_prefix.match(t)
        if m:
            t = m.group("rest")
        return self._with_time(t, ctx)

    # -- helpers --------------------------------------------------------------
    @staticmethod
    def _value(
        start: str | None, end: str | None, precision: str, source: str, method: str
    ) -> DateValue:
        return DateValue(
            start=start, end=end, precision=precision, year_source=source, method=method
        )

    def _year(self, explicit: str | None, ctx: DateContext) -> tuple[int | None, str]:
        if explicit:
            return int(explicit), "explicit"
        return ctx.year, (ctx.year_source if ctx.year is not None else "none")

    def _month_no(self, form: str) -> int:
        return (
            self.lex.months[form.lower()]
            if form.lower() in self.lex.months
            else self.lex.months[form.lower().rstrip(".")]
        )

    def _parts(self, text: str) -> _Parts | None:
        for rx in (self.lex.re_mdy, self.lex.re_dmy, self.lex.re_my, self.lex.re_d, self.lex.re_y):
            m = rx.match(text)
            if not m:
                continue
            g = m.groupdict()
            day = int(re.match(r"\d+", g["d"]).group()) if g.get("d") else None
            month = self._month_no(g["m"]) if g.get("m") else None
            year = int(g["y"].rstrip("?")) if g.get("y") else None
            return _Parts(day, month, year)
        return None

    # -- rules ----------------------------------------------------------------
    def _relative(self, t: str, ctx: DateContext) -> DateValue | None:
        row = self.lex.relative.get(t)
        if row is None:
            return None
        unit, offset = row["unit"], int(row["offset"])
        precision = {"day": "day", "week": "days", "month": "month", "year": "year"}[unit]
        if ctx.doc_date is None:
            return self._value(None, None, precision, "none", "relative")
        base = ctx.doc_date
        if unit == "day":
            d = base + dt.timedelta(days=offset)
            start = end = d.isoformat()
        elif unit == "week":
            monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=offset)
            start, end = monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
        elif unit == "month":
            idx = base.year * 12 + base.month - 1 + offset
            y, mo = divmod(idx, 12)
            start, end = _iso(y, mo + 1, 1), _iso(y, mo + 1, 31)
        else:
            start, end = f"{base.year + offset}-01-01", f"{base.year + offset}-12-31"
        return self._value(start, end, precision, "document", "relative")

    def _era(self, t: str, ctx: DateContext) -> DateValue | None:
        for rx in self.lex.re_era:
            m = rx.match(t)
            if m:
                n = int(m.group("n"))
                if n < 1:
                    return None
                year = self.lex.eras[m.group("era")] + n - 1
                return self._value(f"{year}-01-01", f"{year}-12-31", "year", "explicit", "era")
        return None

    def _decade(self, t: str, ctx: DateContext) -> DateValue | None:
        m = self.lex.re_decade.match(t)
        if not m:
            return None
        base = int(m.group("dec")) * 10
        lo, hi = 0, 9
        if m.group("part"):
            lo, hi = self.lex.parts[m.group("part")]["decade"]
        return self._value(f"{base + lo}-01-01", f"{base + hi}-12-31", "years", "explicit", "rule")

    def _year_range(self, t: str, ctx: DateContext) -> DateValue | None:
        m = self.lex.re_year_range.match(t)
        if not m:
            return None
        a, b = int(m.group("a")), m.group("b")
        y2 = int(b) if len(b) == 4 else a // 100 * 100 + int(b)
        if not (MIN_YEAR <= a <= y2 <= MAX_YEAR):
            return None
        return self._value(f"{a}-01-01", f"{y2}-12-31", "years", "explicit", "rule")

    def _half(self, t: str, ctx: DateContext) -> DateValue | None:
        m = self.lex.re_half.match(t)
        if not m:
            return None
        year = int(m.group("y"))
        lo, hi = self.lex.halves[m.group("half")]["months"]
        return self._value(
            _iso(year, lo, 1), _iso(year, hi, 31), "part_of_year", "explicit", "rule"
        )

    def _part(self, t: str, ctx: DateContext) -> DateValue | None:
        m = self.lex.re_part_of_year.match(t)
        if m:
            # "end of the year": the year in context
            lo, hi = self.lex.parts[m.group("part")]["months"]
            if ctx.year is None:
                return self._value(None, None, "part_of_year", "none", "rule")
            return self._value(
                _iso(ctx.year, lo, 1),
                _iso(ctx.year, hi, 31),
                "part_of_year",
                ctx.year_source,
                "rule",
            )
        m = self.lex.re_part.match(t)
        if not m:
            return None
        part = self.lex.parts[m.group("part")]
        if m.group("yo"):
            year = int(m.group("yo"))
            lo, hi = part["months"]
            return self._value(
                _iso(year, lo, 1), _iso(year, hi, 31), "part_of_year", "explicit", "rule"
            )
        month = self._month_no(m.group("m"))
        year, source = self._year(m.group("y"), ctx)
        if year is None:
            return self._value(None, None, "part_of_month", "none", "rule")
        lo, hi = part["days"]
        return self._value(
            _iso(year, month, lo), _iso(year, month, hi), "part_of_month", source, "rule"
        )

    def _season(self, t: str, ctx: DateContext) -> DateValue | None:
        m = self.lex.re_season.match(t)
        if not m:
            return None
        season = self.lex.seasons[m.group("s")]
        year, source = self._year(m.group("y"), ctx)
        if year is None:
            return self._value(None, None, "season", "none", "rule")
        (sm, sd), (em, ed) = season["start"], season["end"]
        end_year = year + 1 if season.get("next_year") else year
        end_day = ed or _last_day(end_year, em)
        return self._value(
            _iso(year, sm, sd), _iso(end_year, em, end_day), "season", source, "rule"
        )

    def _weekday(self, t: str, ctx: DateContext) -> DateValue | None:
        m = self.lex.re_weekday.match(t)
        if not m:
            return None
        if ctx.doc_date is None:
            return self._value(None, None, "day", "none", "weekday")
        target, base, rel = self.lex.weekdays[m.group("w")], ctx.doc_date, m.group("rel")
        back = (base.weekday() - target) % 7
        fwd = (target - base.weekday()) % 7
        if rel == "last":
            d = base - dt.timedelta(days=back or 7)
        elif rel == "next":
            d = base + dt.timedelta(days=fwd or 7)
        elif ctx.future:
            d = base + dt.timedelta(days=fwd)
        else:
            d = base - dt.timedelta(days=back)
        return self._value(d.isoformat(), d.isoformat(), "day", "document", "weekday")

    def _with_time(self, t: str, ctx: DateContext) -> DateValue | None:
        """Split off a time of day, parse the date, put the time back on."""
        m = _MILTIME.match(t)
        candidates = [m] if m else []
        if not candidates and re.search(r"\d:\d\d|[ap]\.?m\.?$|^\d{1,2} ?[ap]\.?m\.?", t):
            candidates = [p.match(t) for p in _TIME_PATTERNS]
        for cm in candidates:
            if cm is None:
                continue
            hour, minute = int(cm.group("h")), int(cm.group("m") or 0)
            ap = (cm.groupdict().get("ap") or "").replace(".", "")
            if cm.group("m") is None and ap not in ("am", "pm"):
                continue  # a bare number is a day, not an hour
            if ap == "pm" and hour < 12:
                hour += 12
            elif ap == "am" and hour == 12:
                hour = 0
            value = self._dates(cm.group("rest").strip(" ,"), ctx)
            if value is None or value.precision != "day":
                return None
            if value.start is None:
                return value
            stamp = f"{value.start}T{hour:02d}:{minute:02d}"
            return self._value(stamp, stamp, "day", value.year_source, value.method)
        return self._dates(t, ctx)

    def _dates(self, t: str, ctx: DateContext) -> DateValue | None:
        if not (_ISO.match(t) or _NUMERIC.match(t)):
            for rx in self.lex.re_range:
                m = rx.match(t)
                if m:
                    value = self._range(m.group("a").strip(" ,"), m.group("b").strip(" ,"), ctx)
                    if value is not None:
                        return value
        return self._single(t, ctx)

    def _range(self, a_text: str, b_text: str, ctx: DateContext) -> DateValue | None:
        a, b = self._parts(a_text), self._parts(b_text)
        if a is None or b is None:
            return None
        # Fill what one end leaves out from the other: "20 and 25 August", "Aug. 20 and 25".
        a.month = a.month or b.month
        b.month = b.month or a.month
        a.year = a.year or b.year
        b.year = b.year or a.year
        if a.month is None or (a.day is None) != (b.day is None):
            return None
        year_src = "explicit"
        if a.year is None:
            if ctx.year is None:
                return self._value(None, None, "days", "none", "range")
            a.year = b.year = ctx.year
            year_src = ctx.year_source
        try:
            start = _iso(a.year, a.month, a.day or 1) if a.day else _iso(a.year, a.month, 1)
            end = (
                _iso(b.year, b.month, b.day)
                if b.day
                else _iso(b.year, b.month, _last_day(b.year, b.month))
            )
            if (
                a.day
                and a.day > _last_day(a.year, a.month)
                or b.day
                and b.day > _last_day(b.year, b.month)
            ):
                return None
        except ValueError:
            return None
        if end < start:
            # "December 28 - January 3, 1945": the start belongs to the previous year.
            if a.month > b.month and a.year == b.year:
                start = _iso(a.year - 1, a.month, a.day or 1)
            else:
                return None
        # a month range ("March–April 1945") is also "days": the guidelines' vocabulary has
        # no "months", and the interval itself says which months
        precision = "day" if start == end else "days"
        return self._value(start, end, precision, year_src, "range")

    def _single(self, t: str, ctx: DateContext) -> DateValue | None:
        if not (_ISO.match(t) or _NUMERIC.match(t)) and re.search(
            rf"\d\s*{_DASH}\s*\d|\b(?:and|to|through|until|till|between|from)\b", t
        ):
            return None  # an unread range: dateparser would silently keep one end
        ym = _YEAR_RE.search(t)
        if ym:
            if not MIN_YEAR <= int(ym.group()) <= MAX_YEAR:
                return None
            parsed = parse_single(t, 2000, self.date_order)
            source = "explicit"
        else:
            if not re.search(rf"(?:^|\W)(?:{self.lex.re_month})(?:\W|$)", t):
                return None  # a bare number or word: never guess a month
            base = ctx.year if ctx.year is not None else 2000  # leap year: validates Feb 29
            parsed = parse_single(t, base, self.date_order)
            source = ctx.year_source if ctx.year is not None else "none"
        if parsed is None:
            return None
        iso, period = parsed
        year, month = int(iso[:4]), int(iso[5:7])
        if ym and year != int(ym.group()):
            return None
        if period == "day":
            start = end = iso
        elif period == "month":
            start, end = iso[:8] + "01", _iso(year, month, 31)
        else:
            start, end = f"{year}-01-01", f"{year}-12-31"
        if source == "none":
            start = end = None
        return self._value(start, end, period, source, "dateparser")


# --------------------------------------------------------------------------
# The spaCy component
# --------------------------------------------------------------------------
class Dates(RuleComponent):
    """Find calendar expressions and normalise them to ``DateValue`` dicts."""

    label = "DATE"
    data_files: dict[str, tuple[str, ...]] = {  # noqa: RUF012 - as in RuleComponent
        "date_parts": ("lexicons", "date_parts.jsonl"),
        "date_patterns": ("patterns", "dates.jsonl"),
    }

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        date_order: str = "MDY",
        use_ner: bool = True,
        data: dict[str, list[dict[str, Any]]] | None = None,
    ) -> None:
        self.date_order = date_order
        self.use_ner = use_ner
        super().__init__(nlp, name, data=data)

    # -- compile once ---------------------------------------------------------
    def _compile(self) -> None:
        self.lexicon = DateLexicon(self.data["date_parts"])
        self.normaliser = DateNormaliser(self.lexicon, self.date_order)
        lex = self.lexicon
        macros: dict[str, dict[str, Any]] = {
            "MONTH": {"LOWER": {"IN": sorted(lex.months)}},
            "WEEKDAY": {"LOWER": {"IN": sorted(lex.weekdays)}},
            "SEASON": {"LOWER": {"IN": sorted(lex.seasons)}},
            "PART": {"LOWER": {"IN": sorted(lex.parts)}},
            "HALF": {"LOWER": {"IN": sorted(lex.halves)}},
            "ERA": {"LOWER": {"IN": sorted(lex.eras)}},
        }
        rows = self.data["date_patterns"]
        for row in rows:
            if "macro" in row:
                macros[row["macro"]] = row["token"]
        self.matcher = Matcher(self.nlp.vocab)
        self.trims: dict[int, tuple[int, int]] = {}
        for row in rows:
            if "pattern" not in row:
                continue
            self.matcher.add(row["id"], [self._expand(row["pattern"], macros)])
            self.trims[self.nlp.vocab.strings[row["id"]]] = tuple(row.get("trim", (0, 0)))  # type: ignore[assignment]
        # Every date pattern contains a number or a calendar word: match only near them.
        self._anchor_words = (
            set(lex.months) | set(lex.weekdays) | set(lex.seasons) | set(lex.eras)
            | {w for phrase in lex.relative for w in phrase.split()}
        )
        self.determiners = lex.words.get("determiner", set())
        self.qualifiers = lex.words.get("qualifier", set())
        self.duration_units = lex.words.get("duration_unit", set())
        self.future_markers = lex.words.get("future_marker", set())
        self.story_breaks = lex.words.get("story_break", set())

    @staticmethod
    def _expand(elements: list[Any], macros: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        """Macro names -> token specs, with optional whitespace tokens between elements."""
        out: list[dict[str, Any]] = []
        for i, el in enumerate(elements):
            if isinstance(el, dict):
                spec = dict(el)
            else:
                optional = el.endswith("?") and len(el) > 1
                name = el[:-1] if optional else el
                if name in macros:
                    spec = dict(macros[name])
                else:
                    words = name.split("|")
                    spec = {"LOWER": words[0]} if len(words) == 1 else {"LOWER": {"IN": words}}
                if optional:
                    spec["OP"] = "?"
            if i:
                # nbsp and single line breaks are tokens of their own: let a date run across them
                out.append({"IS_SPACE": True, "OP": "?"})
            out.append(spec)
        return out

    # -- candidates -----------------------------------------------------------
    def _month_ok(self, doc: Doc, start: int, end: int) -> bool:
        """Ambiguous month words ("May", "March") count only when capitalised."""
        if any(t.like_num for t in doc[start:end]):
            return True  # "may 1945" in lower-cased text is still a month
        return not any(
            t.lower_ in self.lexicon.ambiguous_months and not t.text[:1].isupper()
            for t in doc[start:end]
        )

    def _trim(self, doc: Doc, start: int, end: int, hedges: bool) -> tuple[int, int]:
        drop = set(self.determiners) | (self.qualifiers if hedges else set())
        while start < end and (
            doc[start].is_space
            or doc[start].is_punct and not self._short_year_apostrophe(doc, start, end)
            or doc[start].lower_ in drop
            or doc[start].lower_ == "'s"
        ):
            start += 1
        while end > start and (
            doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text != "?")
        ):
            end -= 1
        return start, end

    @staticmethod
    def _short_year_apostrophe(doc: Doc, i: int, end: int) -> bool:
        """The apostrophe of "'68" belongs to the year."""
        return (
            doc[i].text in ("'", "\u2019")
            and not doc[i].whitespace_
            and i + 1 < end
            and doc[i + 1].text[:2].isdigit()
        )

    def _bare_year_ok(self, doc: Doc, start: int, end: int) -> bool:
        """A lone 4-digit number is a year unless it counts something ("1500 troops")."""
        text = doc[start:end].text
        if not _BARE_YEAR.match(text):
            return True
        if not MIN_YEAR <= int(text) <= MAX_YEAR:
            return False
        nxt = next((t for t in doc[end : end + 2] if not t.is_space), None)
        if nxt is not None and (nxt.tag_ in ("NNS", "NNPS") or nxt.text in ("%", "km", "m")):
            return False
        prev = doc[start - 1] if start > 0 else None
        return prev is None or prev.lower_ not in ("no.", "no", "number", "#", "$", "nos.")

    def _blank_line_inside(self, doc: Doc, start: int, end: int) -> bool:
        return _BLANK_LINE.search(doc[start:end].text) is not None

    def _is_anchor(self, token: Token) -> bool:
        return token.lower_ in self._anchor_words or any(c.isdigit() for c in token.text)

    def _candidates(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(start, end, source rank) for pattern matches (rank 0) and cleaned NER dates (rank 1)."""
        found: list[tuple[int, int, int]] = []
        for match_id, start, end in match_near_anchors(self.matcher, doc, self._is_anchor):
            left, right = self.trims.get(match_id, (0, 0))
            s, e = self._trim(doc, start + left, end - right, hedges=False)
            if s < e:
                found.append((s, e, 0))
        if self.use_ner:
            for ent in doc.ents:
                if ent.label_ != "DATE":
                    continue
                s, e = self._trim(doc, ent.start, ent.end, hedges=True)
                if s < e and self._anchored(doc, s, e):
                    found.append((s, e, 1))
        out = []
        for s, e, rank in set(found):
            if not self._month_ok(doc, s, e) or not self._bare_year_ok(doc, s, e):
                continue
            if self._blank_line_inside(doc, s, e):
                continue
            out.append((s, e, rank))
        return out

    def _anchored(self, doc: Doc, start: int, end: int) -> bool:
        """A pretrained DATE is kept only with a calendar anchor and no duration unit."""
        toks = [t for t in doc[start:end] if not t.is_space]
        lows = [t.lower_ for t in toks]
        lex = self.lexicon
        if " ".join(lows) in lex.relative:
            return True  # "last month": a unit word, but a calendar expression
        has_era = any(w in lex.eras for w in lows)
        if any(w in self.duration_units for w in lows) and not has_era:
            return False
        return has_era or any(
            w in lex.months
            or w in lex.weekdays
            or _YEAR_RE.fullmatch(w.rstrip("s?"))
            or re.fullmatch(r"(1\d|20)\d\d\??[-\u2013\u2014]\d{2,4}\??", w)
            for w in lows
        )

    # -- selection and normalisation -------------------------------------------
    def find(self, doc: Doc) -> list[Span]:
        blank = DateContext()
        scored = []
        for s, e, rank in self._candidates(doc):
            text = doc[s:e].text
            if self.normaliser.normalise(text, blank) is None:
                continue  # not a date we can read: let a shorter candidate win
            n_tokens = sum(1 for t in doc[s:e] if not t.is_space)
            scored.append((-n_tokens, rank, s, e))
        scored.sort()
        taken = [False] * (len(doc) + 1)
        chosen: list[tuple[int, int]] = []
        for _, _, s, e in scored:
            if any(taken[s:e]):
                continue
            for i in range(s, e):
                taken[i] = True
            chosen.append((s, e))
        chosen.sort()

        doc_date = _parse_doc_date(getattr(doc._, "doc_date", None))
        breaks = story_starts(doc.text, self.story_breaks)
        story_of = {(s, e): bisect.bisect_right(breaks, doc[s].idx) for s, e in chosen}
        years: dict[int, Counter] = {}
        for (s, e), story in story_of.items():
            m = _YEAR_RE.search(doc[s:e].text)
            if m:
                years.setdefault(story, Counter())[int(m.group())] += 1
        # end offset of the wire dateline ("KYIV, March 3 (Reuters) -") opening each story
        dateline_end = {
            k + 1: start + m.end()
            for k, start in enumerate(breaks)
            if (m := _DATELINE.match(doc.text[start : start + 120]))
        }
        last_year: int | None = None
        current_story = -1
        anchor: dt.date | None = None  # the story's dateline date: its "today"
        anchor_source = "none"
        spans: list[Span] = []
        for s, e in chosen:
            span = Span(doc, s, e, label=self.label)
            if story_of[(s, e)] != current_story:
                # a year-less date never borrows a year from another story on the page
                current_story, last_year, anchor = story_of[(s, e)], None, None
                counts = years.get(current_story)
                dominant = min(counts, key=lambda y: (-counts[y], y)) if counts else None
            today = anchor or doc_date
            if last_year is not None:
                ctx = DateContext(last_year, "context", today)
            elif anchor is not None:
                ctx = DateContext(anchor.year, anchor_source, today)
            elif doc_date is not None:
                ctx = DateContext(doc_date.year, "document", today)
            elif dominant is not None:
                ctx = DateContext(dominant, "context", today)
            else:
                ctx = DateContext(None, "none", today)
            ctx.future = self._future(span)
            value = self.normaliser.normalise(span.text, ctx)
            if value is None:
                continue
            in_dateline = doc[s].idx < dateline_end.get(current_story, -1)
            if in_dateline and value.precision == "day" and value.start:
                value = self._dateline_value(value, doc_date)
                anchor = dt.date.fromisoformat(value.start[:10])
                anchor_source = "context" if value.year_source == "explicit" else value.year_source
            if value.year_source == "explicit" and value.end:
                last_year = int(value.end[:4])
            span._.norm = value.model_dump()
            spans.append(span)
        return spans

    @staticmethod
    def _dateline_value(value: DateValue, doc_date: dt.date | None) -> DateValue:
        """A year-less dateline is never later than the page date: "Dec. 30" on a page of
        2 January 2024 is 2023-12-30."""
        day = dt.date.fromisoformat(value.start[:10])  # type: ignore[index]
        if value.year_source == "document" and doc_date is not None and day > doc_date:
            try:
                day = day.replace(year=day.year - 1)
            except ValueError:  # 29 February
                day = day.replace(year=day.year - 1, day=28)
            return value.model_copy(update={"start": day.isoformat(), "end": day.isoformat()})
        return value

    def _future(self, span: Span) -> bool:
        try:
            sent = span.sent
        except ValueError:
            sent = span.doc[max(0, span.start - 10) : span.end]
        return any(t.lower_ in self.future_markers for t in sent)


def story_starts(text: str, break_lines: set[str] | frozenset[str] = frozenset()) -> list[int]:
    """Character offsets where a new story starts on a multi-story (news) page.

    A story starts at a line that is a known boilerplate marker ("Related Articles"),
    a relative time stamp ("2 hours ago") or a wire dateline ("HONG KONG (AP) --").

    >>> story_starts("Aug. 9, 1945 story.\\n2 hours ago\\nOn Aug. 13 a court ruled.")
    [20]
    """
    starts = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and (
            stripped.lower().rstrip(":") in break_lines
            or _AGO_LINE.match(stripped)
            or _DATELINE.match(stripped)
        ):
            starts.append(pos)
        pos += len(line)
    return starts


def _parse_doc_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@Language.factory(
    "warevents_dates",
    assigns=["doc.spans"],
    default_config={"date_order": "MDY", "use_ner": True},
)
def make_dates(nlp: Language, name: str, date_order: str, use_ner: bool) -> Dates:
    return Dates(nlp, name, date_order=date_order, use_ner=use_ner)
