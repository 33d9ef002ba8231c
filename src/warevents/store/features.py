"""Flat, comparable features of one event record (dicts tolerated, new fields ignored).

The registry reads event records as plain dicts so that an event layer adding
optional fields (``type_of_violence``, ``civilian_targeting``...) never breaks
ingest. Dates become day numbers (proleptic Gregorian ordinals) so intervals
compare as integers.

>>> day_number("1945-08-17") - day_number("1945-08-16")
1
>>> sorted(sides_of(["Russian troops", "Wagner fighters"]))
['RU', 'WAGNER']
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

FATAL_KINDS = ("killed", "died")
_WORD = re.compile(r"[A-Za-z][A-Za-z.\-0-9]*")


def day_number(iso: str | None) -> int | None:
    """Day number of an ISO date or date-time (its first 10 characters); None if unreadable."""
    if not iso:
        return None
    try:
        return date.fromisoformat(str(iso)[:10]).toordinal()
    except ValueError:
        return None


def iso_day(n: int | None) -> str | None:
    return date.fromordinal(n).isoformat() if n else None


@lru_cache(maxsize=1)
def _sides() -> dict[str, str]:
    raw = json.loads(resources.files("warevents.store").joinpath("data/sides.json").read_text("utf-8"))
    return {k: v for k, v in raw.items() if not k.startswith("_")}


def sides_of(texts: list[str], units: list[dict] | None = None) -> set[str]:
    """Side keys named in actor phrases (demonyms, groups) and their units' nationality."""
    table = _sides()
    out: set[str] = set()
    for t in texts:
        for w in _WORD.findall(t):
            key = table.get(w.lower().rstrip("."), table.get(w.lower()))
            if key and (w[0].isupper() or w.lower() in ("u.s.",)):
                out.add(key)
    for u in units or []:
        nat = (u.get("nationality") or "") if isinstance(u, dict) else ""
        key = table.get(nat.lower())
        if key:
            out.add(key)
    return out


@dataclass
class EventFeatures:
    """What incident resolution compares; one per stored event."""

    event_key: str
    doc_id: str
    type: str
    day_lo: int | None = None
    day_hi: int | None = None
    precision: str | None = None
    canonical: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    geo_precision: str | None = None
    perp_sides: set[str] = field(default_factory=set)
    victim_sides: set[str] = field(default_factory=set)
    killed_low: int | None = None
    killed_high: int | None = None
    #: character ranges of the evidence sentences in the document
    evidence: list[tuple[int, int]] = field(default_factory=list)


def _place_country(loc: dict, spans: list[dict]) -> str | None:
    if loc.get("country"):
        return str(loc["country"]).upper()
    s, e = loc.get("span_start"), loc.get("span_end")
    for sp in spans:
        if sp.get("label") == "PLACE" and sp.get("start") == s and sp.get("end") == e:
            c = (sp.get("norm") or {}).get("country")
            return str(c).upper() if c else None
    return None


def _killed(counts: list[dict]) -> tuple[int | None, int | None]:
    fatal = [c for c in counts if c.get("kind") in FATAL_KINDS]
    if not fatal:
        return None, None
    # kinds of one report add up ("12 killed ... 3 died later"); open ends stay open
    lows = [c.get("low") for c in fatal]
    highs = [c.get("high") for c in fatal]
    low = sum(v for v in lows if v is not None) if any(v is not None for v in lows) else None
    high = None if any(v is None for v in highs) else sum(highs)
    if high is not None and low is not None and high < low:
        high = low
    return low, high


def event_row(doc_id: str, idx: int, ev: dict, spans: list[dict],
              doc_date: str | None = None) -> dict[str, Any]:
    """The ``events`` table row of one event record (without incident columns).

    An event without a date of its own is placed on the day of its document and
    the day before (news is reported the day it happens or the next; precision
    ``document``), when the document has a date.
    """
    date_ = ev.get("date") or {}
    loc = ev.get("location") or {}
    perps = ev.get("perpetrators") or []
    victims = ev.get("victims") or []
    lo, hi = day_number(date_.get("start")), day_number(date_.get("end") or date_.get("start"))
    if lo is not None and hi is not None and hi < lo:
        lo, hi = hi, lo
    precision = date_.get("precision")
    if lo is None and day_number(doc_date) is not None:
        hi = day_number(doc_date)
        lo, precision = hi - 1, "document"
    klow, khigh = _killed(ev.get("counts") or [])
    sides = {
        "perpetrators": sorted(sides_of([a.get("text", "") for a in perps],
                                        [u for a in perps for u in a.get("units") or []])),
        "victims": sorted(sides_of([a.get("text", "") for a in victims])),
    }
    civ = ev.get("civilian_targeting")
    tov = ev.get("type_of_violence")
    return {
        "event_key": f"{doc_id}#{ev.get('id') or idx}",
        "doc_id": doc_id,
        "idx": idx,
        "type": ev.get("type") or "OTHER_VIOLENCE",
        "event_type": ev.get("event_type"),
        "sub_event_type": ev.get("sub_event_type"),
        "date_start": date_.get("start"),
        "date_end": date_.get("end"),
        "precision": precision,
        "day_lo": lo,
        "day_hi": hi,
        "place": loc.get("text"),
        "canonical": loc.get("canonical") or loc.get("text"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "country": _place_country(loc, spans) if loc else None,
        "geo_precision": loc.get("geo_precision"),
        "perpetrators": json.dumps([a.get("text") for a in perps], ensure_ascii=False),
        "victims": json.dumps([a.get("text") for a in victims], ensure_ascii=False),
        "sides": json.dumps(sides),
        "killed_low": klow,
        "killed_high": khigh,
        "evidence": json.dumps([{"start": e.get("start"), "end": e.get("end"),
                                 "text": " ".join(str(e.get("text", "")).split())}
                                for e in ev.get("evidence") or []], ensure_ascii=False),
        "record": json.dumps(ev, ensure_ascii=False, sort_keys=True),
        "type_of_violence": tov if isinstance(tov, int) else None,
        "civilian_targeting": None if civ is None else int(bool(civ)),
    }


def features_of(row: Any) -> EventFeatures:
    """Features from an ``events`` row (a mapping or SQLAlchemy row)."""
    m = row._mapping if hasattr(row, "_mapping") else row
    sides = json.loads(m["sides"] or "{}")
    canonical = m["canonical"]
    return EventFeatures(
        event_key=m["event_key"], doc_id=m["doc_id"], type=m["type"],
        day_lo=m["day_lo"], day_hi=m["day_hi"], precision=m["precision"],
        canonical=canonical.casefold().strip() if canonical else None,
        lat=m["lat"], lon=m["lon"], country=m["country"], geo_precision=m["geo_precision"],
        perp_sides=set(sides.get("perpetrators", [])), victim_sides=set(sides.get("victims", [])),
        killed_low=m["killed_low"], killed_high=m["killed_high"],
        evidence=[(e["start"], e["end"]) for e in json.loads(m["evidence"] or "[]")
                  if isinstance(e, dict) and e.get("start") is not None and e.get("end") is not None],
    )
