"""Scoring warevents against the gold set: ``evaluate(gold_dir, model=None) -> dict``.

>>> from warevents.evaluation import evaluate
>>> report = evaluate("annotations/gold")  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

from .gold import GoldError, load_gold_dir, load_gold_file


def evaluate(gold_dir: Any = "annotations/gold", model: Any = None, **kwargs: Any) -> dict:
    """See :func:`warevents.evaluation.scorer.evaluate`."""
    from .scorer import evaluate as _evaluate

    return _evaluate(gold_dir, model, **kwargs)


__all__ = ["GoldError", "evaluate", "load_gold_dir", "load_gold_file"]
