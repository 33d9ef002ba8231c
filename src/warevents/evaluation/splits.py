"""Corpus splits: which gold documents are ``dev`` and which are the frozen ``test``.

A gold folder may have a ``SOURCES.jsonl`` beside it (``annotations/corpus/``) giving
each document's ``split`` and whether it is about war (``war``). Without one (the
seeds' gold), every document is in ``all`` and nothing is known about ``war``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from ..io.jsonl import JsonlProblem, iter_objects
from .gold import GoldDoc, GoldError

SPLITS = ("dev", "test", "all")


def sources_for(gold_dir: str | Path) -> dict[str, dict[str, Any]]:
    path = Path(gold_dir).parent / "SOURCES.jsonl"
    if not path.is_file():
        return {}
    rows = {}
    for n, rec in iter_objects(path.read_text(encoding="utf-8")):
        reason = rec.reason if isinstance(rec, JsonlProblem) else (
            None if isinstance(rec.get("id"), str) else "no 'id' string")
        if reason is not None:
            raise GoldError(f"{path}:{n}: bad source record ({reason})", path, n)
        rows[rec["id"]] = rec
    return rows


def select(golds: Sequence[GoldDoc], gold_dir: str | Path, split: str) -> tuple[list[GoldDoc], list[bool | None]]:
    """The gold documents of ``split`` and, for each, whether it is about war (None: unknown)."""
    if split not in SPLITS:
        raise ValueError(f"--split must be one of {', '.join(SPLITS)}, not {split!r}")
    sources = sources_for(gold_dir)
    if split != "all" and not sources:
        raise ValueError(f"--split {split} needs {Path(gold_dir).parent / 'SOURCES.jsonl'} "
                         "(this gold folder has no splits; use --split all)")
    chosen = [g for g in golds if split == "all" or sources.get(g.doc_id, {}).get("split") == split]
    war = [sources[g.doc_id].get("war") if g.doc_id in sources else None for g in chosen]
    return chosen, war


__all__ = ["SPLITS", "select", "sources_for"]
