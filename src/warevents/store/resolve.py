"""Cross-document incident resolution: blocking keys and pairwise compatibility.

Two event records describe one incident when their types are compatible, their
date intervals overlap (a day-precise date may be one day off: overnight events,
time zones), their places agree (same canonical place, or within a distance
that depends on the coarser geo precision, two differently named towns only
when they are one town under two names, or the same country when both are
country-level) and their perpetrators and victims do not name disjoint sides.
Events of one document join only when they come from the same sentence (the
event layer already merged the mentions it judged to be one incident, but may
report "killed" and "wounded" of one sentence as two events). Every decision comes with its reasons.

>>> a = EventFeatures("a#ev1", "a", "KILLING", 739000, 739000, "day", "kharkiv", 49.99, 36.23)
>>> b = EventFeatures("b#ev1", "b", "MASSACRE", 739001, 739001, "day", "kharkiv", 49.99, 36.23)
>>> compatible(a, b)[0]
True
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any

from ..geo import km_between
from .features import EventFeatures, iso_day


@lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    raw = resources.files("warevents.store").joinpath("data/resolution.json").read_text("utf-8")
    cfg = json.loads(raw)
    cfg["_pairs"] = {frozenset(p) for p in cfg["compatible_types"]}
    return cfg


def resolvable(f: EventFeatures) -> bool:
    """Only events with a date and a place can join others; the rest stay alone."""
    has_place = f.canonical is not None or f.lat is not None
    return f.day_lo is not None and f.day_hi is not None and has_place


def _cell(lat: float, lon: float) -> tuple[int, int]:
    size = settings()["cell_degrees"]
    return math.floor(lat / size), math.floor(lon / size)


def _narrow(f: EventFeatures) -> bool:
    return (f.day_hi - f.day_lo) <= settings()["narrow_days"]


def _place_keys(f: EventFeatures, neighbours: bool) -> list[str]:
    keys = []
    if f.canonical:
        keys.append("n" + f.canonical)
    if f.lat is not None and f.lon is not None:
        cy, cx = _cell(f.lat, f.lon)
        # a region's point stands for an area: it is filed one cell around and looks two around
        reach = (1 if neighbours else 0) + (1 if f.geo_precision == "region" else 0)
        span = range(-reach, reach + 1)
        keys += [f"c{cy + dy}:{cx + dx}" for dy in span for dx in span]
    if f.geo_precision == "country" and f.country:
        keys.append("k" + f.country)
    return keys


def _days(f: EventFeatures) -> tuple[int, int]:
    slack = settings()["day_slack"].get(f.precision or "", 0)
    return f.day_lo - slack, f.day_hi + slack


def _years(f: EventFeatures) -> list[str]:
    lo, hi = _days(f)
    return [str(y) for y in range(iso_year(lo), iso_year(hi) + 1)][:6]


def _buckets(f: EventFeatures) -> list[str]:
    width = settings()["date_bucket_days"]
    lo, hi = _days(f)
    return [str(b) for b in range(lo // width, hi // width + 1)]


def iso_year(day: int) -> int:
    return int(iso_day(day)[:4])


def _sentence_keys(f: EventFeatures) -> list[str]:
    return [f"s{f.doc_id}|{start}" for start, _ in f.evidence]


def index_keys(f: EventFeatures) -> list[str]:
    """Keys an incident is filed under for one member (date bucket x place cell).

    A narrow member (interval up to ``narrow_days``) is filed under its 8-day
    buckets (``d``) and its years (``y``); a wide one under its years only (``w``).
    Every member is also filed under its evidence sentences (``s``).
    """
    if not resolvable(f):
        return sorted(set(_sentence_keys(f)))
    places = _place_keys(f, neighbours=False)
    if _narrow(f):
        times = ["d" + b for b in _buckets(f)] + ["y" + y for y in _years(f)]
    else:
        times = ["w" + y for y in _years(f)]
    return sorted({t + "|" + p for t in times for p in places} | set(_sentence_keys(f)))


def probe_keys(f: EventFeatures) -> list[str]:
    """Keys a new event looks up: its buckets (or years) x its place and neighbouring cells."""
    if not resolvable(f):
        return sorted(set(_sentence_keys(f)))
    places = _place_keys(f, neighbours=True)
    times = ["w" + y for y in _years(f)]
    times += ["d" + b for b in _buckets(f)] if _narrow(f) else ["y" + y for y in _years(f)]
    return sorted({t + "|" + p for t in times for p in places} | set(_sentence_keys(f)))


def _same_sentence(a: EventFeatures, b: EventFeatures) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a.evidence for s2, e2 in b.evidence)


def _types_ok(a: str, b: str) -> bool:
    return a == b or frozenset((a, b)) in settings()["_pairs"]


def _place_agreement(a: EventFeatures, b: EventFeatures) -> str | None:
    """Why two places agree, or None when they do not."""
    if a.canonical and a.canonical == b.canonical:
        return f"same place '{a.canonical}'"
    if a.geo_precision == "country" or b.geo_precision == "country":
        if a.geo_precision == b.geo_precision == "country" and a.country and a.country == b.country:
            return f"same country {a.country} (both country-level)"
        return None
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    if a.country and b.country and a.country != b.country:
        return None
    limits = settings()["max_km"]
    rank = settings()["precision_rank"]
    coarser = min((a.geo_precision, b.geo_precision), key=lambda p: rank.get(p or "", 0))
    limit = limits.get(coarser or "none", limits["none"])
    if a.geo_precision == b.geo_precision == "town" and a.canonical and b.canonical:
        limit = limits["town_alias"]  # two named towns: one town under two names, or two towns
    km = km_between(a.lat, a.lon, b.lat, b.lon)
    if km <= limit:
        return f"{km:.1f} km apart (limit {limit} km at {coarser or 'unknown'} precision)"
    return None


def compatible(a: EventFeatures, b: EventFeatures) -> tuple[bool, list[str]]:
    """Whether two events can be one incident, with the reasons (or the first objection)."""
    if a.doc_id == b.doc_id:
        if not _same_sentence(a, b):
            return False, ["same document, other sentences: kept apart by the event layer"]
        return _same_sentence_compatible(a, b)
    if not (resolvable(a) and resolvable(b)):
        return False, ["no date or no place"]
    if not _types_ok(a.type, b.type):
        return False, [f"types {a.type} and {b.type} are not compatible"]
    slack = settings()["day_slack"].get(a.precision or "", 0) if a.precision == b.precision else 0
    if a.day_lo - slack > b.day_hi or b.day_lo - slack > a.day_hi:
        return False, [f"dates {iso_day(a.day_lo)}..{iso_day(a.day_hi)} and "
                       f"{iso_day(b.day_lo)}..{iso_day(b.day_hi)} do not overlap"]
    place = _place_agreement(a, b)
    if place is None:
        return False, [f"places '{a.canonical}' and '{b.canonical}' do not agree"]
    for role, sa, sb in (("perpetrators", a.perp_sides, b.perp_sides),
                         ("victims", a.victim_sides, b.victim_sides)):
        if sa and sb and not (sa & sb):
            return False, [f"{role} conflict: {sorted(sa)} vs {sorted(sb)}"]
    reasons = [
        f"type {a.type}" if a.type == b.type else f"types {a.type}~{b.type} compatible",
        f"dates overlap ({iso_day(max(a.day_lo, b.day_lo) - slack)}"
        f"..{iso_day(min(a.day_hi, b.day_hi) + slack)})",
        place,
    ]
    shared = (a.perp_sides & b.perp_sides) | (a.victim_sides & b.victim_sides)
    reasons.append(f"actors agree: {sorted(shared)}" if shared else "no actor conflict")
    return True, reasons


def _same_sentence_compatible(a: EventFeatures, b: EventFeatures) -> tuple[bool, list[str]]:
    """Two events of one sentence (the event layer's "killed" and "wounded", or "attack" and
    "killed" of one report): one incident unless what both state conflicts."""
    if None not in (a.day_lo, b.day_lo) and (a.day_lo > b.day_hi or b.day_lo > a.day_hi):
        return False, ["same sentence, but the dates do not overlap"]
    if (a.canonical or a.lat is not None) and (b.canonical or b.lat is not None) \
            and _place_agreement(a, b) is None:
        return False, ["same sentence, but the places do not agree"]
    for role, sa, sb in (("perpetrators", a.perp_sides, b.perp_sides),
                         ("victims", a.victim_sides, b.victim_sides)):
        if sa and sb and not (sa & sb):
            return False, [f"same sentence, but {role} conflict: {sorted(sa)} vs {sorted(sb)}"]
    return True, ["same sentence of one document", f"types {a.type}~{b.type}",
                  "no date, place or actor conflict"]


def score(a: EventFeatures, b: EventFeatures) -> float:
    """How strongly two compatible events match (higher first; used to pick an incident)."""
    s = 2.0 if a.canonical and a.canonical == b.canonical else 0.0
    s += 1.0 if a.type == b.type else 0.0
    s += 1.0 if a.day_lo == b.day_lo and a.day_hi == b.day_hi else 0.0
    s += 0.5 * len((a.perp_sides & b.perp_sides) | (a.victim_sides & b.victim_sides))
    if None not in (a.lat, a.lon, b.lat, b.lon):
        s += 1.0 / (1.0 + km_between(a.lat, a.lon, b.lat, b.lon))
    return s
