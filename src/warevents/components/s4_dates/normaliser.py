"""Date expression (plain text) -> :class:`~warevents.schemas.DateValue` (pure: no spaCy)."""

from __future__ import annotations

import datetime as dt
import re

from ...schemas import DateValue
from .lexicon import (
    _BC,
    _COMPACT,
    _DASH,
    _ISO,
    _MILTIME,
    _NUMERIC,
    _ORDINAL_WORDS,
    _SHORT_YEAR,
    _SLASH_DAYS,
    _SPACE,
    _TIME_PATTERNS,
    _TO_PRESENT,
    _YEAR_RE,
    MAX_YEAR,
    MIN_YEAR,
    DateContext,
    DateLexicon,
    _full_year,
    _iso,
    _last_day,
    _Parts,
)
from .parsing import parse_single

_OLD_ORDINAL = re.compile(r"\b((?:[12]?[23]))d\b")


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
        if self.lex.re_misspelt is not None:
            t = self.lex.re_misspelt.sub(lambda m: self.lex.misspelt[m.group()], t)
        if "d" in t:
            t = _OLD_ORDINAL.sub(r"\1", t)  # "April 22d", "the 3d of May" (older American style)
        if (m := _COMPACT.match(t)) and m.group("m") + "." in self.lex.months:
            t = f"{m.group('m')}. {t[m.start('d'):]}"
        for rule in (
            self._relative,
            self._deictic,
            self._bc,
            self._century,
            self._to_present,
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

    def _deictic(self, t: str, ctx: DateContext) -> DateValue | None:
        """"last June", "next spring", "this autumn": counted from the document's date."""
        m = self.lex.re_deictic.match(t)
        if not m:
            return None
        precision = "month" if m.group("m") else "season"
        base = ctx.doc_date
        if base is None:
            return self._value(None, None, precision, "none", "relative")
        rel = m.group("rel")
        spans = []
        for y in range(base.year - 2, base.year + 2):
            if m.group("m"):
                mo = self._month_no(m.group("m"))
                spans.append((dt.date(y, mo, 1), dt.date(y, mo, _last_day(y, mo))))
            else:
                row = self.lex.seasons[m.group("s")]
                (sm, sd), (em, ed) = row["start"], row["end"]
                ey = y + 1 if row.get("next_year") else y
                spans.append((dt.date(y, sm, sd), dt.date(ey, em, ed or _last_day(ey, em))))
        if rel == "last":  # the latest one over before the document's date
            a, b = max(p for p in spans if p[1] < base)
        elif rel == "next":  # the first one that starts after it
            a, b = min(p for p in spans if p[0] > base)
        else:  # "this June": the one touching the document's year, nearest to its date
            near = [p for p in spans if base.year in (p[0].year, p[1].year)]
            a, b = min(near, key=lambda p: 0 if p[0] <= base <= p[1] else min(
                abs((p[0] - base).days), abs((p[1] - base).days)))
        return self._value(a.isoformat(), b.isoformat(), precision, "document", "relative")

    def _bc(self, t: str, ctx: DateContext) -> DateValue | None:
        """"331 BC" -> the astronomical ISO year -0330 (1 BC is year 0000)."""
        m = _BC.match(t)
        if not m:
            return None
        year = 1 - int(m.group("n"))
        iso = f"-{-year:04d}" if year < 0 else f"{year:04d}"
        return self._value(f"{iso}-01-01", f"{iso}-12-31", "year", "explicit", "rule")

    def _century(self, t: str, ctx: DateContext) -> DateValue | None:
        """"20th century" -> 1901..2000; "early 20th century" -> its first 40 years."""
        m = re.match(rf"^(?:(?P<part>{'|'.join(map(re.escape, self.lex.parts))})[ -]?(?:the )?)?"
                     r"(?P<n>\d{1,2}(?:st|nd|rd|th)|[a-z-]+) century$", t)
        if not m:
            return None
        word = m.group("n")
        n = int(word[:-2]) if word[0].isdigit() else _ORDINAL_WORDS.get(word)
        if not n or n > 21:
            return None
        first = (n - 1) * 100 + 1
        lo, hi = 0, 99
        if m.group("part"):
            dlo, dhi = self.lex.parts[m.group("part")]["decade"]
            lo, hi = dlo * 10, dhi * 10 + 9
        return self._value(f"{first + lo:04d}-01-01", f"{first + hi:04d}-12-31", "years", "explicit", "rule")

    def _to_present(self, t: str, ctx: DateContext) -> DateValue | None:
        """"2022–present": from the year to the document's date (end unknown without one)."""
        m = _TO_PRESENT.match(t)
        if not m:
            return None
        end = ctx.doc_date.isoformat() if ctx.doc_date is not None else None
        return self._value(f"{m.group('y')}-01-01", end, "years", "explicit", "rule")

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
            pair = re.match(r"^(\w+) (?:and|or) (\w+)$", t)
            if not pair or not all(w in self.lex.weekdays for w in pair.groups()):
                return None
            # "Monday and Tuesday": one span for both days (the guidelines' convention)
            a, b = (self._weekday(w, ctx) for w in pair.groups())
            if a is None or b is None or a.start is None or b.start is None:
                return self._value(None, None, "days", "none", "weekday")
            lo, hi = sorted((a.start, b.start))
            return self._value(lo, hi, "days", "document", "weekday")
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
        if not candidates and re.search(r"\d:\d\d|[ap]\.?m\.?$|^\d{1,2}(?:\.\d\d)? ?[ap]\.?m\.?", t):
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
        a_text, b_text = a_text.removeprefix("the "), b_text.removeprefix("the ")
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
                value = self._value(None, None, "days", "none", "range")
                if a.day and b.day:
                    value.edtf = f"XXXX-{a.month:02d}-{a.day:02d}/XXXX-{b.month:02d}-{b.day:02d}"
                return value
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
        value = self._value(start, end, period, source, "dateparser")
        if source == "none":
            # the year is unknown: keep what the text fixes ("June 18" -> XXXX-06-18)
            value.start = value.end = None
            value.edtf = "XXXX" + iso[4:] if period == "day" else "XXXX" + iso[4:7]
        return value
