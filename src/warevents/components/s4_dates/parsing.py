"""dateparser, cached: each distinct (string, base year, order) is parsed once."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from .lexicon import _YEAR_RE


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
