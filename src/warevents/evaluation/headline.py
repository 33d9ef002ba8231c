"""Headline figures with 95% bootstrap confidence intervals.

Every figure is computed from per-document counts, so a bootstrap replicate
resamples *documents* (with replacement, seeded) and re-pools their counts: the
interval reflects how much the score depends on which documents were drawn,
which is what a user running warevents on other documents should expect.

>>> rows = [{"tp": 3, "fp": 1, "fn": 0}, {"tp": 1, "fp": 0, "fn": 2}]
>>> f1_of(sum_counts(rows))
0.6666666666666666
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np

from ..schemas import LABELS
from . import metrics
from .strict import match_events_strict

N_BOOT = 1000
SEED = 0


def sum_counts(rows: Sequence[dict[str, int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in rows:
        for k, v in row.items():
            out[k] = out.get(k, 0) + v
    return out


def f1_of(c: dict[str, int]) -> float | None:
    tp, fp, fn = c.get("tp", 0), c.get("fp", 0), c.get("fn", 0)
    return 2 * tp / (2 * tp + fp + fn) if (2 * tp + fp + fn) else None


def ratio_of(num: str, den: str) -> Callable[[dict[str, int]], float | None]:
    return lambda c: c.get(num, 0) / c[den] if c.get(den) else None


def bootstrap(rows: Sequence[dict[str, int]], stat: Callable[[dict[str, int]], float | None],
              n_boot: int = N_BOOT, seed: int = SEED) -> dict[str, Any]:
    """Point estimate and 95% percentile interval of ``stat`` over documents."""
    value = stat(sum_counts(rows))
    if not rows or value is None:
        return {"value": value, "ci95": None, "n_docs": len(rows)}
    keys = sorted({k for r in rows for k in r})
    table = np.array([[r.get(k, 0) for k in keys] for r in rows], dtype=np.int64)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(rows), size=(n_boot, len(rows)))
    sums = table[idx].sum(axis=1)
    vals = [stat(dict(zip(keys, map(int, s)))) for s in sums]
    vals = np.array([v for v in vals if v is not None], dtype=float)
    lo, hi = (np.percentile(vals, [2.5, 97.5]) if len(vals) else (None, None))
    return {"value": value, "ci95": [float(lo), float(hi)] if len(vals) else None,
            "n_docs": len(rows)}


def per_doc_rows(gold_spans: Sequence[Sequence[tuple[int, int, str]]],
                 pred_spans: Sequence[Sequence[tuple[int, int, str]]],
                 gold_events: Sequence[Sequence[dict]] | None,
                 pred_events: Sequence[Sequence[dict]] | None,
                 war: Sequence[bool | None]) -> list[dict[str, int]]:
    """One row of counts per document: spans (strict/lenient, per label), events
    (lenient/strict), killed-count exactness on strict matches, events on non-war docs."""
    rows = []
    for k, (gs, ps) in enumerate(zip(gold_spans, pred_spans)):
        row: dict[str, int] = {}
        for mode in ("strict", "lenient"):
            pairs = metrics.match_spans(gs, ps, mode)
            for label in LABELS:
                tp = sum(1 for i, j in pairs if gs[i][2] == label)
                row[f"span_{mode}_{label}_tp"] = tp
                row[f"span_{mode}_{label}_fp"] = sum(1 for s in ps if s[2] == label) - tp
                row[f"span_{mode}_{label}_fn"] = sum(1 for s in gs if s[2] == label) - tp
            row[f"span_{mode}_tp"] = len(pairs)
            row[f"span_{mode}_fp"] = len(ps) - len(pairs)
            row[f"span_{mode}_fn"] = len(gs) - len(pairs)
        if gold_events is not None and pred_events is not None:
            ge, pe = gold_events[k], pred_events[k]
            for mode, match in (("lenient", metrics.match_events), ("strict", match_events_strict)):
                pairs = match(ge, pe)
                row[f"event_{mode}_tp"] = len(pairs)
                row[f"event_{mode}_fp"] = len(pe) - len(pairs)
                row[f"event_{mode}_fn"] = len(ge) - len(pairs)
                if mode == "strict":
                    killed = [(ge[i], pe[j]) for i, j in pairs if (ge[i].get("counts") or {}).get("killed")]
                    row["killed_n"] = len(killed)
                    row["killed_exact"] = sum(_killed(g) == _killed(p) for g, p in killed)
            if war[k] is False:
                row["nonwar_docs"] = 1
                row["nonwar_events"] = len(pe)
                row["nonwar_docs_with_events"] = int(bool(pe))
        rows.append(row)
    return rows


def _killed(event: dict) -> tuple[Any, Any]:
    value = (event.get("counts") or {}).get("killed") or {}
    return (value.get("low"), value.get("high"))


def _prf_stat(prefix: str) -> Callable[[dict[str, int]], float | None]:
    return lambda c: f1_of({"tp": c.get(f"{prefix}_tp", 0), "fp": c.get(f"{prefix}_fp", 0),
                            "fn": c.get(f"{prefix}_fn", 0)})


def headline(rows: Sequence[dict[str, int]], *, events: bool) -> dict[str, Any]:
    """The figures a user should expect, each with its 95% interval."""
    out: dict[str, Any] = {}
    for mode in ("strict", "lenient"):
        out[f"span_{mode}_f1"] = bootstrap(rows, _prf_stat(f"span_{mode}"))
        for label in LABELS:
            out[f"span_{mode}_f1_{label}"] = bootstrap(rows, _prf_stat(f"span_{mode}_{label}"))
    if events:
        out["event_strict_f1"] = bootstrap(rows, _prf_stat("event_strict"))
        out["event_lenient_f1"] = bootstrap(rows, _prf_stat("event_lenient"))
        out["killed_exact_rate"] = bootstrap(rows, ratio_of("killed_exact", "killed_n"))
        nonwar = [r for r in rows if r.get("nonwar_docs")]
        out["events_per_nonwar_doc"] = bootstrap(nonwar, ratio_of("nonwar_events", "nonwar_docs"))
        out["nonwar_docs_with_events"] = bootstrap(
            nonwar, ratio_of("nonwar_docs_with_events", "nonwar_docs"))
    pooled = sum_counts(rows)
    out["counts"] = {k: v for k, v in pooled.items() if not k.startswith("span_") or k.count("_") <= 2}
    return out


__all__ = ["bootstrap", "headline", "per_doc_rows", "f1_of", "sum_counts", "N_BOOT", "SEED"]
