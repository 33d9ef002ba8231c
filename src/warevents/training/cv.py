"""Cross-validation over documents: rules alone, the model alone, and their combinations.

Each fold trains the span categorizer on K-1 folds of documents and runs the trained
pipeline once over the held-out documents. From that one pass every system is scored
(strict span F1, the evaluation scorer's metric), because the rules' candidates and the
model's spans (with their probabilities) are both on the ``Doc``:

- ``rules-only``: the resolver without the model;
- ``model-only``: the span categorizer's own spans;
- ``model+rules``: the resolver's policy with every model span (the previous default);
- ``model+rules>=T``: only model spans with probability >= T;
- ``model+rules>=T[LABELS]``: as above, for the labels where model+rules>=T beat
  rules-only in this CV (the others stay rules-only). Chosen on the same folds, so its
  figure is slightly optimistic.

:func:`choose_policy` picks the system with the best pooled micro F1 (rules-only wins ties);
the saved pipeline is configured with it (``warevents_resolve_ents``: ``use_model``,
``model_labels``, ``min_model_score``).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..components.common import MODEL_ENTS
from ..components.s7_resolve import ResolveEnts
from ..schemas import LABELS
from .formats import TrainDoc

#: Probability thresholds tried for the model's spans.
THRESHOLDS = (0.0, 0.5, 0.7, 0.9)
RULES, MODEL, COMBINED = "rules-only", "model-only", "model+rules"
RESOLVER = "warevents_resolve_ents"

Spans = list[tuple[int, int, str]]


def policy_name(threshold: float, labels: Sequence[str] | None = None) -> str:
    name = COMBINED if threshold == 0.0 else f"{COMBINED}>={threshold:g}"
    return name if labels is None else f"{name}[{','.join(labels)}]"


def _ents(doc: Doc) -> Spans:
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in LABELS]


def _resolve(doc: Doc, policy: dict[str, Any]) -> Spans:
    resolver = ResolveEnts(None, RESOLVER, **policy)  # type: ignore[arg-type]  # nlp is unused
    return _ents(resolver(doc))


def predict_docs(nlp: Language, tdocs: Sequence[TrainDoc]) -> list[Doc]:
    """Run ``nlp`` (without the event stage: spans only) over the documents, with their
    ``doc_date`` as the extractor sets it."""
    names = [n for n in ("warevents_events",) if n in nlp.pipe_names]
    with nlp.select_pipes(disable=names):
        docs = []
        for tdoc in tdocs:
            doc = nlp.make_doc(tdoc.text)
            if Doc.has_extension("doc_date"):
                doc._.doc_date = tdoc.doc_date
            docs.append(doc)
        return list(nlp.pipe(docs, batch_size=8))


def system_spans(docs: Sequence[Doc], policy: dict[str, Any] | None) -> list[Spans]:
    """Spans of one system on predicted docs: ``None`` is model-only, else a resolver policy."""
    if policy is None:
        return [[(s.start_char, s.end_char, s.label_) for s in d.spans.get(MODEL_ENTS, [])
                 if s.label_ in LABELS] for d in docs]
    return [_resolve(d, policy) for d in docs]


def base_policies() -> dict[str, dict[str, Any] | None]:
    out: dict[str, dict[str, Any] | None] = {RULES: {"use_model": False}, MODEL: None}
    for t in THRESHOLDS:
        out[policy_name(t)] = {"use_model": True, "min_model_score": t}
    return out


def f1_table(tdocs: Sequence[TrainDoc], preds: Sequence[Spans]) -> dict[str, Any]:
    """Strict span P/R/F1 per label and micro (the evaluation scorer's metric)."""
    from ..evaluation import metrics

    pairs = [([(s.start, s.end, s.label) for s in t.spans], p) for t, p in zip(tdocs, preds)]
    scores = metrics.corpus_span_scores(pairs, "strict")
    table = {lab: {k: round(float(scores["per_label"].get(lab, {}).get(k, 0.0)), 4)
                   for k in ("precision", "recall", "f1")} for lab in LABELS}
    table["micro"] = {k: round(float(scores["micro"][k]), 4) for k in ("precision", "recall", "f1")}
    return table


def cross_validate(
    tdocs: list[TrainDoc],
    k: int,
    workdir: Path,
    *,
    train_fold: Callable[[list[TrainDoc], Path], Language],
    seed: int,
    quiet: bool,
) -> dict[str, Any]:
    """K-fold over documents; every system scored per fold and pooled over all folds.

    ``train_fold(train_docs, workdir)`` returns a trained pipeline.
    """
    import numpy as np
    from sklearn.model_selection import KFold

    if not 2 <= k <= len(tdocs):
        raise ValueError(f"--cv needs 2 <= K <= number of documents ({len(tdocs)}), got {k}")
    policies = base_policies()
    folds: list[dict[str, Any]] = []
    held: list[tuple[list[TrainDoc], list[Doc]]] = []  # docs only: the fold's model is freed
    splitter = KFold(n_splits=k, shuffle=True, random_state=seed)
    for i, (train_idx, test_idx) in enumerate(splitter.split(list(range(len(tdocs))))):
        train_docs = [tdocs[j] for j in train_idx]
        test_docs = [tdocs[j] for j in test_idx]
        if not quiet:
            print(f"\n=== CV fold {i + 1}/{k}: train {len(train_docs)} docs, "
                  f"test {len(test_docs)} docs", flush=True)
        t0 = time.perf_counter()
        nlp = train_fold(train_docs, workdir / f"fold{i}")
        t1 = time.perf_counter()
        docs = predict_docs(nlp, test_docs)
        t2 = time.perf_counter()
        held.append((test_docs, docs))
        del nlp
        folds.append({"test_docs": [d.doc_id for d in test_docs],
                      "seconds": {"train": round(t1 - t0, 1), "predict": round(t2 - t1, 1)}})
        shutil.rmtree(workdir / f"fold{i}", ignore_errors=True)

    def score(name: str, policy: dict[str, Any] | None) -> None:
        pooled_docs: list[TrainDoc] = []
        pooled_preds: list[Spans] = []
        for fold, (test_docs, docs) in zip(folds, held):
            preds = system_spans(docs, policy)
            fold.setdefault("systems", {})[name] = {
                lab: row["f1"] for lab, row in f1_table(test_docs, preds).items()}
            pooled_docs += test_docs
            pooled_preds += preds
        systems[name] = {"policy": policy, "pooled": f1_table(pooled_docs, pooled_preds)}

    systems: dict[str, Any] = {}
    for name, policy in policies.items():
        score(name, policy)
    # Per-label restriction: only the labels where the model helped at that threshold.
    rules_f1 = systems[RULES]["pooled"]
    for t in THRESHOLDS:
        row = systems[policy_name(t)]["pooled"]
        labels = [lab for lab in LABELS if row[lab]["f1"] > rules_f1[lab]["f1"]]
        if labels and len(labels) < len(LABELS):
            score(policy_name(t, labels),
                  {"use_model": True, "min_model_score": t, "model_labels": labels})
    for name, system in systems.items():
        system["per_fold"] = {}
        for lab in (*LABELS, "micro"):
            vals = np.array([f["systems"][name][lab] for f in folds])
            system["per_fold"][lab] = {
                "mean": round(float(vals.mean()), 4),
                "sd": round(float(vals.std(ddof=1)) if len(vals) > 1 else 0.0, 4),
            }
    return {"k": k, "seed": seed, "n_docs": len(tdocs),
            "metric": "strict span F1; pooled over all held-out documents, and mean +- sd "
            "over folds", "folds": folds, "systems": systems}


def choose_policy(cv: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The system with the best pooled micro F1 among the resolver policies (the model alone
    is never chosen: the events need the rules' normalised values); rules-only wins ties."""
    best = RULES
    for name, system in cv["systems"].items():
        if name in (RULES, MODEL):
            continue
        if system["pooled"]["micro"]["f1"] > cv["systems"][best]["pooled"]["micro"]["f1"]:
            best = name
    return best, dict(cv["systems"][best]["policy"])


def format_cv(cv: dict[str, Any]) -> str:
    """The CV table as plain text: pooled F1 per label, and micro mean +- sd over folds."""
    head = f"{'system':<44}" + "".join(f"{lab:>14}" for lab in (*LABELS, "micro")) + \
        f"{'micro/fold':>18}"
    lines = [(f"{cv['k']}-fold CV over {cv['n_docs']} documents (seed {cv['seed']}), strict span "
              "F1 pooled over held-out documents; micro/fold: mean +- sd over folds"), head]
    for name, system in cv["systems"].items():
        cells = "".join(f"{system['pooled'][lab]['f1']:>14.3f}" for lab in (*LABELS, "micro"))
        fold = system["per_fold"]["micro"]
        lines.append(f"{name:<44}{cells}{fold['mean']:>11.3f} +- {fold['sd']:.3f}")
    return "\n".join(lines)


__all__ = ["THRESHOLDS", "choose_policy", "cross_validate", "format_cv", "policy_name",
           "predict_docs", "system_spans"]
