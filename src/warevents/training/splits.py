"""Which annotated documents may be trained on: the corpus splits.

A gold folder with a ``SOURCES.jsonl`` beside it (``annotations/corpus/gold`` and
``annotations/corpus/SOURCES.jsonl``) gives each document a ``split``: ``dev`` or
the frozen ``test``. Training never sees a ``test`` document unless forced
(``allow_test``), and ``split="dev"`` keeps only the ``dev`` ones. Documents
from folders without a ``SOURCES.jsonl`` (the seeds' ``annotations/gold``, a
user's own export) have no split and are always kept.

>>> from warevents.training.formats import TrainDoc
>>> docs = [TrainDoc("a", "x", path="my/gold/a.jsonl")]
>>> [d.doc_id for d in select_split(docs, "all")]
['a']
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import Errors
from ..evaluation.splits import sources_for
from .formats import TrainDoc

TRAIN_SPLITS = ("dev", "all")


class HeldOutSplitError(ValueError):
    """Training data holds documents of the frozen test split (``E040``)."""


def source_row(tdoc: TrainDoc, cache: dict[Path, dict[str, dict[str, Any]]]) -> dict[str, Any] | None:
    """The document's row in the ``SOURCES.jsonl`` beside its gold folder (None: no such
    file, or it does not list the document). ``cache`` holds the files already read."""
    if not tdoc.path:
        return None
    folder = Path(tdoc.path).resolve().parent
    if folder not in cache:
        cache[folder] = sources_for(folder)
    return cache[folder].get(tdoc.doc_id.split("#", 1)[0])


def doc_split(tdoc: TrainDoc, cache: dict[Path, dict[str, dict[str, Any]]]) -> str | None:
    """``dev``/``test`` from the document's ``SOURCES.jsonl`` row; None without one."""
    row = source_row(tdoc, cache)
    return row.get("split") if row else None


def select_split(tdocs: Sequence[TrainDoc], split: str = "all", *,
                 allow_test: bool = False) -> list[TrainDoc]:
    """The documents to train on.

    ``split="dev"`` keeps the corpus ``dev`` documents and every document without a
    split (seeds, users' own data); ``"all"`` keeps everything except ``test``
    documents. A ``test`` document that is kept raises :class:`HeldOutSplitError`
    unless ``allow_test`` (then ``split="all"`` trains on it too).
    """
    if split not in TRAIN_SPLITS:
        raise ValueError(f"--split must be one of {', '.join(TRAIN_SPLITS)}, not {split!r}")
    cache: dict[Path, dict[str, dict[str, Any]]] = {}
    splits = [doc_split(t, cache) for t in tdocs]
    if split == "dev":
        return [t for t, s in zip(tdocs, splits) if s != "test"]
    test = [t.doc_id for t, s in zip(tdocs, splits) if s == "test"]
    if test and not allow_test:
        shown = ", ".join(test[:3]) + (f" and {len(test) - 3} more" if len(test) > 3 else "")
        raise HeldOutSplitError(Errors.E040.format(n=len(test), docs=shown))
    return list(tdocs)


__all__ = ["TRAIN_SPLITS", "HeldOutSplitError", "doc_split", "select_split", "source_row"]
