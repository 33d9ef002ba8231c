"""ACLED and UCDP codes for event rows: type table, actor types, precision codes.

The tables live in ``data/exports/acled_ucdp.jsonl`` and are read once per
:class:`Codes` instance (no module-level state).

>>> codes = Codes.load()
>>> codes.inter("Bosnian Serb paramilitaries", has_unit=False)
3
>>> codes.interaction(1, 7), codes.interaction(2, None)
(17, 20)
>>> codes.time_precision("1945-08-01", "1945-08-31"), codes.date_prec("1945-08-01", "1945-08-31")
(3, 4)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...components.common import data_path, read_jsonl

_NON_STATE = {2, 3, 4}


def _days(start: str, end: str) -> int | None:
    """Length in days of the inclusive interval ``start..end`` (ISO days), None if unreadable."""
    try:
        return (date.fromisoformat(end[:10]) - date.fromisoformat(start[:10])).days + 1
    except ValueError:
        return None


@dataclass
class Codes:
    types: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: (code, compiled phrase pattern) in rank order
    inters: list[tuple[int, re.Pattern[str]]] = field(default_factory=list)
    geo: dict[str, dict[str, int]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Codes:
        rows = read_jsonl(data_path("exports", "acled_ucdp.jsonl"))
        codes = cls()
        for row in rows:
            if row["table"] == "type":
                codes.types[row["type"]] = row
            elif row["table"] == "geo":
                codes.geo[row["geo_precision"]] = {"acled": row["acled"], "ucdp": row["ucdp"]}
        for row in sorted((r for r in rows if r["table"] == "inter"), key=lambda r: r["rank"]):
            words = sorted(row["words"], key=len, reverse=True)
            pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])")
            codes.inters.append((row["code"], pattern))
        return codes

    # ------------------------------------------------------------ actors

    def inter(self, text: str, *, has_unit: bool) -> int | None:
        """ACLED actor type code (1-8) of an actor phrase; None when nothing says."""
        low = text.lower()
        for code, pattern in self.inters:
            if pattern.search(low):
                return code
        return 1 if has_unit else None

    @staticmethod
    def interaction(inter1: int | None, inter2: int | None) -> int | None:
        """ACLED's joint code: the two codes, lowest first (17); one actor only: 10, 20..."""
        if inter1 is None:
            return None
        if inter2 is None:
            return inter1 * 10
        lo, hi = sorted((inter1, inter2))
        return lo * 10 + hi

    def type_of_violence(self, wtype: str, inter1: int | None, inter2: int | None) -> int | None:
        """UCDP type of violence: 1 state-based, 2 non-state, 3 one-sided."""
        tov = self.types.get(wtype, {}).get("type_of_violence")
        if tov == 1 and inter1 in _NON_STATE and inter2 in _NON_STATE:
            return 2
        return tov

    # ------------------------------------------------------------ precision

    @staticmethod
    def time_precision(start: str, end: str) -> int:
        """ACLED time_precision: 1 the day is known; 2 within a week; 3 a longer period."""
        days = _days(start, end)
        if days == 1:
            return 1
        return 2 if days is not None and days <= 7 else 3

    @staticmethod
    def date_prec(start: str, end: str) -> int:
        """UCDP date_prec: 1 day, 2 two to six days, 3 a week, 4 a month (8-31 days), 5 longer."""
        days = _days(start, end)
        if days is None:
            return 5
        for limit, code in ((1, 1), (6, 2), (7, 3), (31, 4)):
            if days <= limit:
                return code
        return 5

    @staticmethod
    def event_day(start: str, end: str) -> str:
        """ACLED's one day for an interval: the day itself, or the middle of a period of up
        to a month (a week, "early September", a month); the first day of a longer one."""
        days = _days(start, end)
        if days is None or days == 1 or days > 31:
            return start[:10]
        return date.fromordinal(date.fromisoformat(start[:10]).toordinal() + (days - 1) // 2).isoformat()

    def geo_codes(self, geo_precision: str | None, has_coords: bool) -> tuple[int | None, int | None]:
        """(ACLED geo_precision 1-3, UCDP where_prec 1-7) of an event location."""
        if geo_precision in self.geo:
            row = self.geo[geo_precision]
            return row["acled"], row["ucdp"]
        return (2, 2) if has_coords else (None, None)
