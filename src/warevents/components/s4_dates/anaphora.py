"""Anaphoric and deictic time expressions: "the next day", "that evening", "three days
earlier", "five years later", "the following spring", "two weeks ago".

The guidelines (D1) do not make these DATE spans, so they are written to their own span
group, ``doc.spans["warevents_dates_relative"]``, each with a ``DateValue`` in
``span._.norm``: anaphoric ones count from the reference time (the last date told
before them in the same story, their own resolved values included, so "the next day
... the next day" walks on), deictic ones ("ago") from the document's date. Without
what they need, ``start`` and ``end`` are None and ``precision`` is still set.

>>> import datetime as dt
>>> from warevents.components.common import data_path, read_jsonl
>>> from warevents.components.s4_dates.lexicon import DateLexicon
>>> ana = Anaphora(DateLexicon(read_jsonl(data_path("lexicons", "date_parts.jsonl"))))
>>> ref = DateValue(start="1942-05-03", end="1942-05-03", precision="day")
>>> [(m.group(), ana.resolve(m, ref, None).start) for m in ana.rx.finditer("The next day and three days later.")]
[('The next day', '1942-05-04'), ('three days later', '1942-05-06')]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from ...schemas import DateValue
from .lexicon import DateLexicon, _alt, _iso, _last_day

GROUP = "warevents_dates_relative"
_UNIT_PRECISION = {"day": "day", "week": "days", "month": "month", "year": "year", "season": "season"}


class Anaphora:
    """Find anaphoric/deictic expressions in a text and resolve them (pure: no spaCy)."""

    def __init__(self, lex: DateLexicon) -> None:
        self.lex = lex
        self.fixed: dict[str, tuple[str, int]] = {}
        self.season_prefix: dict[str, int] = {}
        self.counts: dict[str, int] = {}
        for row in lex.rows:
            if row["kind"] == "anaphor":
                for form in row["forms"]:
                    if row["unit"] == "season":
                        self.season_prefix[form] = int(row["offset"])
                    else:
                        self.fixed[form] = (row["unit"], int(row["offset"]))
            elif row["kind"] == "count_word":
                self.counts.update(zip(row["forms"], row["numbers"]))
        words = rf"|{_alt(list(self.counts))}" if self.counts else ""
        count = rf"(?P<n>\d{{1,3}}{words})"
        unit = r"(?P<unit>day|week|month|year)s?"
        direction = r"(?P<dir>(?:later|earlier)(?!\s+than)|afterwards|ago|(?:before|after)(?=\s*(?:[.,;:)]|$)))"
        # a pipeline saved before these lexicon rows existed has none: only the counted forms
        parts = [rf"{count} {unit} {direction}"]
        if self.fixed:
            parts.insert(0, rf"(?P<fixed>{_alt(list(self.fixed))})")
        if self.season_prefix and lex.seasons:
            parts.insert(1, rf"(?P<sp>{_alt(list(self.season_prefix))}) (?P<season>{_alt(list(lex.seasons))})")
        self.rx = re.compile(rf"\b(?:{'|'.join(parts)})\b", re.IGNORECASE)

    def find(self, text: str) -> Iterable[re.Match[str]]:
        return self.rx.finditer(text)

    # -- resolution ---------------------------------------------------------------
    def resolve(self, m: re.Match[str], ref: DateValue | None, dct: dt.date | None) -> DateValue:
        """The value of one match, from the reference date ``ref`` or the DCT ``dct``."""
        groups = m.groupdict()
        if groups.get("fixed"):
            unit, offset = self.fixed[m.group("fixed").lower()]
            return self._shift(ref, unit, offset, "anaphoric")
        if groups.get("season"):
            return self._season(ref, m.group("season").lower(), self.season_prefix[m.group("sp").lower()])
        word = m.group("n").lower()
        n = int(word) if word.isdigit() else self.counts[word]
        unit, direction = m.group("unit").lower(), m.group("dir").lower()
        if direction == "ago":
            base = None if dct is None else DateValue(start=dct.isoformat(), end=dct.isoformat(), precision="day")
            return self._shift(base, unit, -n, "deictic", source="document")
        sign = -1 if direction in ("earlier", "before") else 1
        if unit == "week":
            unit, n = "day", 7 * n
        return self._shift(ref, unit, sign * n, "anaphoric")

    @staticmethod
    def _empty(unit: str, method: str) -> DateValue:
        return DateValue(start=None, end=None, precision=_UNIT_PRECISION[unit], year_source="none",
                         method=method)

    def _shift(self, ref: DateValue | None, unit: str, offset: int, method: str,
               source: str = "context") -> DateValue:
        day = _day_of(ref)
        need_day = unit in ("day", "week")
        if ref is None or ref.start is None or (need_day and (day is None or ref.precision not in ("day", "days"))):
            return self._empty(unit, method)
        year = int(ref.start[:4]) if ref.start[:1] != "-" else None
        if year is None:
            return self._empty(unit, method)
        if unit == "day":
            d = day + dt.timedelta(days=offset)  # type: ignore[operator]
            start = end = d.isoformat()
        elif unit == "week":
            monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=offset)  # type: ignore[union-attr,operator]
            start, end = monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
        elif unit == "month":
            if ref.precision in ("year", "years", "part_of_year", "season"):
                return self._empty(unit, method)
            idx = year * 12 + int(ref.start[5:7]) - 1 + offset
            y, mo = divmod(idx, 12)
            start, end = _iso(y, mo + 1, 1), _iso(y, mo + 1, _last_day(y, mo + 1))
        else:
            start, end = f"{year + offset:04d}-01-01", f"{year + offset:04d}-12-31"
        return DateValue(start=start, end=end, precision=_UNIT_PRECISION[unit], year_source=source,
                         method=method)

    def _season(self, ref: DateValue | None, name: str, offset: int) -> DateValue:
        day = _day_of(ref)
        if day is None:
            return self._empty("season", "anaphoric")
        row = self.lex.seasons[name]
        (sm, sd), (em, ed) = row["start"], row["end"]

        def span(y: int) -> tuple[dt.date, dt.date]:
            ey = y + 1 if row.get("next_year") else y
            return dt.date(y, sm, sd), dt.date(ey, em, ed or _last_day(ey, em))

        years = range(day.year - 2, day.year + 3)
        if offset > 0:
            y = next(y for y in years if span(y)[0] > day)
        elif offset < 0:
            y = max(y for y in years if span(y)[1] < day)
        else:  # "that summer": the one holding the date, else the one of its year
            y = next((y for y in years if span(y)[0] <= day <= span(y)[1]), day.year)
        a, b = span(y)
        return DateValue(start=a.isoformat(), end=b.isoformat(), precision="season",
                         year_source="context", method="anaphoric")


def _day_of(value: DateValue | None) -> dt.date | None:
    if value is None or value.start is None or value.start[:1] == "-":
        return None
    try:
        return dt.date.fromisoformat(value.start[:10])
    except ValueError:
        return None


__all__ = ["GROUP", "Anaphora"]
