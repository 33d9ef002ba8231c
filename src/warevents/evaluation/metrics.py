"""Pure scoring functions: span matching, P/R/F1, normalisation and event scores.

Nothing here loads spaCy; every function takes plain tuples and dicts, so the
scorer can be tested on tiny hand-made gold/prediction pairs.

Matching rules (also printed in the JSON report under ``"rules"``):

* **Strict span match**: same label, same start, same end. One-to-one, so a
  prediction repeated twice counts as one true positive and one false positive.
* **Lenient span match**: same label and at least one character in common.
  One-to-one, greedy: candidate pairs are taken by decreasing overlap length
  (ties: earlier gold span first), each gold and each predicted span used once.
* **P/R/F1** come from scikit-learn's ``precision_recall_fscore_support`` on
  aligned label vectors: each matched pair contributes ``(label, label)``, each
  unmatched gold span ``(label, "O")``, each unmatched prediction ``("O", label)``.
  That gives exactly ``P = tp/(tp+fp)``, ``R = tp/(tp+fn)``; scores with a zero
  denominator are 0. Micro averages pool the counts of all labels; macro averages
  are the unweighted mean over the labels present in gold or prediction.

>>> gold = [(0, 5, "PLACE"), (10, 14, "DATE")]
>>> pred = [(0, 5, "PLACE"), (9, 14, "DATE")]
>>> span_scores(gold, pred, mode="strict")["micro"]["f1"]
0.5
>>> span_scores(gold, pred, mode="lenient")["micro"]["f1"]
1.0
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from ..schemas import LABELS

Span = tuple[int, int, str]
Mode = Literal["strict", "lenient"]
NONE = "O"

# ---------------------------------------------------------------- matching


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters that two half-open intervals share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def greedy_match(
    n_gold: int, n_pred: int, weights: Iterable[tuple[int, int, float]]
) -> list[tuple[int, int]]:
    """One-to-one matching from (gold index, pred index, weight) candidates.

    Pairs are taken by decreasing weight (ties: lower gold index, then lower
    prediction index); each index is used at most once.

    >>> greedy_match(2, 2, [(0, 0, 3), (0, 1, 5), (1, 1, 4)])
    [(0, 1)]
    """
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for g, p, w in sorted(weights, key=lambda c: (-c[2], c[0], c[1])):
        if w <= 0 or g in used_g or p in used_p or g >= n_gold or p >= n_pred:
            continue
        used_g.add(g)
        used_p.add(p)
        pairs.append((g, p))
    return sorted(pairs)


def match_spans(
    gold: Sequence[Span], pred: Sequence[Span], mode: Mode = "strict"
) -> list[tuple[int, int]]:
    """Indices ``(gold_i, pred_j)`` of matched spans (same label; exact or overlapping)."""
    candidates = []
    for i, (gs, ge, gl) in enumerate(gold):
        for j, (ps, pe, pl) in enumerate(pred):
            if gl != pl:
                continue
            if mode == "strict":
                if (gs, ge) == (ps, pe):
                    candidates.append((i, j, ge - gs))
            else:
                ov = overlap((gs, ge), (ps, pe))
                if ov > 0:
                    candidates.append((i, j, ov))
    return greedy_match(len(gold), len(pred), candidates)


def aligned_labels(
    gold: Sequence[Span], pred: Sequence[Span], pairs: Sequence[tuple[int, int]]
) -> tuple[list[str], list[str]]:
    """The aligned (y_true, y_pred) vectors described in the module docstring."""
    y_true: list[str] = []
    y_pred: list[str] = []
    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    for g, p in pairs:
        y_true.append(gold[g][2])
        y_pred.append(pred[p][2])
    for i, span in enumerate(gold):
        if i not in matched_g:
            y_true.append(span[2])
            y_pred.append(NONE)
    for j, span in enumerate(pred):
        if j not in matched_p:
            y_true.append(NONE)
            y_pred.append(span[2])
    return y_true, y_pred


# ---------------------------------------------------------------- P/R/F1


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """P/R/F1 with counts from raw counts (0 where a denominator is 0)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def _sk_prf(y_true: list[str], y_pred: list[str], labels: list[str], average: str | None) -> Any:
    from sklearn.metrics import precision_recall_fscore_support

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return precision_recall_fscore_support(
            y_true, y_pred, labels=labels, average=average, zero_division=0
        )


def scores_from_vectors(
    y_true: list[str], y_pred: list[str], labels: Sequence[str] = LABELS
) -> dict[str, Any]:
    """Per-label, micro and macro P/R/F1 (with counts) from aligned label vectors."""
    labels = list(labels)
    per_label: dict[str, dict[str, float | int]] = {}
    for label in labels:
        tp = sum(1 for t, p in zip(y_true, y_pred) if t == p == label)
        fp = sum(1 for t, p in zip(y_true, y_pred) if p == label and t != label)
        fn = sum(1 for t, p in zip(y_true, y_pred) if t == label and p != label)
        per_label[label] = {**prf(tp, fp, fn), "support": tp + fn}
    totals = {k: sum(int(per_label[lab][k]) for lab in labels) for k in ("tp", "fp", "fn")}
    present = [
        lab for lab in labels if per_label[lab]["tp"] + per_label[lab]["fp"] + per_label[lab]["fn"]
    ]
    micro = {
        **prf(totals["tp"], totals["fp"], totals["fn"]),
        "support": totals["tp"] + totals["fn"],
    }
    macro = {"precision": 0.0, "recall": 0.0, "f1": 0.0, "labels": present}
    if y_true:
        # scikit-learn gives the scores; the counts above are kept for the report.
        p, r, f, _ = _sk_prf(y_true, y_pred, labels, None)
        for k, label in enumerate(labels):
            per_label[label].update(precision=float(p[k]), recall=float(r[k]), f1=float(f[k]))
        p, r, f, _ = _sk_prf(y_true, y_pred, labels, "micro")
        micro.update(precision=float(p), recall=float(r), f1=float(f))
        if present:
            p, r, f, _ = _sk_prf(y_true, y_pred, present, "macro")
            macro.update(precision=float(p), recall=float(r), f1=float(f))
    return {"per_label": per_label, "micro": micro, "macro": macro}


def span_scores(
    gold: Sequence[Span],
    pred: Sequence[Span],
    mode: Mode = "strict",
    labels: Sequence[str] = LABELS,
) -> dict[str, Any]:
    """Span P/R/F1 for one document (or many, pre-offset so spans never collide)."""
    pairs = match_spans(gold, pred, mode)
    return scores_from_vectors(*aligned_labels(gold, pred, pairs), labels=labels)


def corpus_span_scores(
    docs: Sequence[tuple[Sequence[Span], Sequence[Span]]],
    mode: Mode = "strict",
    labels: Sequence[str] = LABELS,
) -> dict[str, Any]:
    """Span scores pooled over documents: matching is per document."""
    y_true: list[str] = []
    y_pred: list[str] = []
    for gold, pred in docs:
        t, p = aligned_labels(gold, pred, match_spans(gold, pred, mode))
        y_true += t
        y_pred += p
    return scores_from_vectors(y_true, y_pred, labels=labels)


# ---------------------------------------------------------------- normalisation

#: Fields compared for each label's ``norm`` on strictly matched spans.
NORM_FIELDS = {"DATE": ("start", "end", "precision"), "CASUALTY": ("kind", "low", "high")}


def norm_accuracy(pairs: Iterable[tuple[str, dict | None, dict | None]]) -> dict[str, Any]:
    """Accuracy of normalised values on matched spans.

    ``pairs`` holds ``(label, gold_norm, pred_norm)`` for strictly matched spans.
    A field is right when the predicted value equals the gold value (a missing
    prediction is wrong unless gold is None too). ``all`` needs every field right.

    >>> norm_accuracy([("DATE", {"start": "1945-08-09", "end": "1945-08-09", "precision": "day"},
    ...                         {"start": "1945-08-09", "end": "1945-08-10", "precision": "day"})]
    ...              )["DATE"]["end"]["accuracy"]
    0.0
    """
    out: dict[str, Any] = {}
    for label, fields in NORM_FIELDS.items():
        out[label] = {f: {"correct": 0, "n": 0, "accuracy": None} for f in (*fields, "all")}
    for label, gold, pred in pairs:
        if label not in NORM_FIELDS or gold is None:
            continue
        pred = pred or {}
        ok_all = True
        for f in NORM_FIELDS[label]:
            ok = pred.get(f) == gold.get(f)
            ok_all &= ok
            out[label][f]["n"] += 1
            out[label][f]["correct"] += int(ok)
        out[label]["all"]["n"] += 1
        out[label]["all"]["correct"] += int(ok_all)
    for fields_out in out.values():
        for cell in fields_out.values():
            cell["accuracy"] = cell["correct"] / cell["n"] if cell["n"] else None
    return out


# ---------------------------------------------------------------- events

_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "by",
        "for",
        "from",
        "with",
        "'s",
        "s",
        "his",
        "her",
        "their",
        "its",
        "some",
        "many",
        "several",
        "other",
        "others",
    ]
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def content_tokens(text: str | None) -> set[str]:
    """Lower-cased word tokens without function words (used for actor matching)."""
    return {t for t in _WORD.findall((text or "").lower()) if t not in _STOP}


def token_jaccard(a: str | None, b: str | None) -> float:
    ta, tb = content_tokens(a), content_tokens(b)
    return len(ta & tb) / len(ta | tb) if ta | tb else 0.0


def strings_agree(gold: Sequence[str], pred: Sequence[str]) -> bool:
    """Actor/victim rule: both empty, or some gold and some predicted string share a
    content word (token Jaccard > 0)."""
    gold = [g for g in gold if g and content_tokens(g)]
    pred = [p for p in pred if p and content_tokens(p)]
    if not gold and not pred:
        return True
    return any(token_jaccard(g, p) > 0 for g in gold for p in pred)


def location_agrees(gold: str | None, pred: Sequence[str]) -> bool:
    """Location rule: both absent, or a predicted name (text or canonical) equals the
    gold location case-insensitively or one contains the other."""
    pred = [p.strip().lower() for p in pred if p and p.strip()]
    if not gold or not gold.strip():
        return not pred
    g = gold.strip().lower()
    return any(p == g or p in g or g in p for p in pred)


def _date_key(date: dict | None) -> tuple[Any, Any]:
    if not date:
        return (None, None)
    return (date.get("start"), date.get("end"))


def _killed(counts: dict | None) -> tuple[Any, Any] | None:
    value = (counts or {}).get("killed")
    if not value:
        return None
    return (value.get("low"), value.get("high"))


def _intervals_overlap(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> int:
    return sum(overlap(x, y) for x in a for y in b)


EVENT_FIELDS = ("date", "location", "perpetrators", "victims", "killed")


def field_agreement(gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, bool]:
    """Per-field agreement of two events in the normal form of ``scorer.normalise_event``."""
    return {
        "date": _date_key(gold.get("date")) == _date_key(pred.get("date")),
        "location": location_agrees(
            (gold.get("location") or [None])[0], pred.get("location") or []
        ),
        "perpetrators": strings_agree(
            gold.get("perpetrators") or [], pred.get("perpetrators") or []
        ),
        "victims": strings_agree(gold.get("victims") or [], pred.get("victims") or []),
        "killed": _killed(gold.get("counts")) == _killed(pred.get("counts")),
    }


def match_events(
    gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]]
) -> list[tuple[int, int]]:
    """Event matching: same type and overlapping evidence; one-to-one, greedy by the
    number of evidence characters shared (ties: earlier gold event first)."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if g["type"] != p["type"]:
                continue
            ov = _intervals_overlap(g["evidence"], p["evidence"])
            if ov > 0:
                candidates.append((i, j, ov))
    return greedy_match(len(gold), len(pred), candidates)


def event_scores(docs: Sequence[tuple[Sequence[dict], Sequence[dict]]]) -> dict[str, Any]:
    """Event detection P/R/F1, per-field accuracy on matched events, and document-level
    no-event accuracy, over ``(gold_events, pred_events)`` per document (normal form)."""
    tp = fp = fn = 0
    fields = {f: {"correct": 0, "n": 0, "accuracy": None} for f in EVENT_FIELDS}
    per_type: dict[str, dict[str, int]] = {}
    no_event = {"correct": 0, "n": 0, "accuracy": None}
    for gold, pred in docs:
        pairs = match_events(gold, pred)
        tp += len(pairs)
        fp += len(pred) - len(pairs)
        fn += len(gold) - len(pairs)
        matched_g = {g for g, _ in pairs}
        matched_p = {p for _, p in pairs}
        for i, g in enumerate(gold):
            cell = per_type.setdefault(g["type"], {"tp": 0, "fp": 0, "fn": 0})
            cell["tp" if i in matched_g else "fn"] += 1
        for j, p in enumerate(pred):
            if j not in matched_p:
                per_type.setdefault(p["type"], {"tp": 0, "fp": 0, "fn": 0})["fp"] += 1
        for g, p in pairs:
            for name, ok in field_agreement(gold[g], pred[p]).items():
                fields[name]["n"] += 1
                fields[name]["correct"] += int(ok)
        no_event["n"] += 1
        no_event["correct"] += int((len(gold) == 0) == (len(pred) == 0))
    for cell in (*fields.values(), no_event):
        cell["accuracy"] = cell["correct"] / cell["n"] if cell["n"] else None
    return {
        "detection": prf(tp, fp, fn),
        "per_type": {t: prf(**c) for t, c in sorted(per_type.items())},
        "fields": fields,
        "no_event_docs": no_event,
    }


__all__ = [
    "aligned_labels",
    "content_tokens",
    "corpus_span_scores",
    "event_scores",
    "field_agreement",
    "greedy_match",
    "location_agrees",
    "match_events",
    "match_spans",
    "norm_accuracy",
    "overlap",
    "prf",
    "scores_from_vectors",
    "span_scores",
    "strings_agree",
    "token_jaccard",
]
