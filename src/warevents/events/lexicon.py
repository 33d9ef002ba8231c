"""Word lists of the event layer, read once from ``warevents/data/lexicons``.

The argument linking and merging rules are code; the words they test are data
(``event_linking.jsonl``, ``event_merging.jsonl``, ``geo_precision.jsonl``).
Each file is read on first use and cached; the returned sets and maps are
immutable, so no caller can change what another one sees.

>>> "they" in word_list("event_linking", "pronoun")
True
>>> number_qualifiers()["over"]
'more than'
"""

from __future__ import annotations

from functools import cache
from types import MappingProxyType
from typing import Any

from ..components.common import data_path, read_jsonl


@cache
def _rows(name: str) -> tuple[dict[str, Any], ...]:
    return tuple(read_jsonl(data_path("lexicons", f"{name}.jsonl")))


@cache
def word_list(name: str, kind: str, field: str = "word") -> frozenset[str]:
    """The ``field`` values of the rows of list ``kind`` in ``lexicons/<name>.jsonl``."""
    return frozenset(row[field] for row in _rows(name) if row["list"] == kind)


@cache
def number_qualifiers() -> MappingProxyType[str, str]:
    """Word before a plain numeral -> count qualifier ("over" -> "more than")."""
    return MappingProxyType({r["word"]: r["norm"] for r in _rows("event_linking") if r["list"] == "number_qualifier"})


@cache
def precision_rank() -> MappingProxyType[str | None, int]:
    """Geographic precision -> rank, finer first; ``None`` (unknown) ranks last."""
    levels = [r for r in _rows("geo_precision") if r["list"] == "precision"]
    ranks: dict[str | None, int] = {r["precision"]: r["rank"] for r in levels}
    ranks[None] = max(ranks.values(), default=-1) + 1
    return MappingProxyType(ranks)


@cache
def feature_levels() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(precision, feature words)`` in the order a place's feature is tested."""
    levels = sorted((r for r in _rows("geo_precision") if r["list"] == "precision"), key=lambda r: r["match_order"])
    words = [r for r in _rows("geo_precision") if r["list"] == "feature_word"]
    return tuple((lv["precision"], tuple(w["word"] for w in words if w["precision"] == lv["precision"]))
                 for lv in levels)
