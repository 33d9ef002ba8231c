"""Paragraph labels for the war-relevance classifier, from gold documents and from
paragraph sets (``annotations/relevance/corpus/paragraphs.jsonl``).

Rows marked ``"split": "test"`` are never read: a test split only measures.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .formats import AnnotationError, jsonl_objects

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from .formats import TrainDoc


def read_relevance_rows(paths: list[str | Path]) -> list[dict[str, Any]]:
    """``{"text", "war_related"}`` rows from JSONL paragraph files, test rows left out;
    a bad line raises :class:`AnnotationError` naming the file and line."""
    rows: list[dict[str, Any]] = []
    for path in map(Path, paths):
        for n, obj in jsonl_objects(path):
            if not isinstance(obj.get("text"), str) or not isinstance(obj.get("war_related"), bool):
                raise AnnotationError(path, n, "needs a 'text' string and a 'war_related' boolean")
            if obj.get("split") == "test":
                continue
            rows.append({"text": obj["text"], "war_related": obj["war_related"]})
    return rows


def train_relevance_from(tdocs: list[TrainDoc], nlp: Language,
                         extra: list[dict[str, Any]] | None = None) -> dict[str, Any] | None:
    """Retrain the war-relevance classifier from the gold documents' paragraph labels plus
    ``extra`` rows, and put it into the pipeline's relevance and events components."""
    rows = [
        {"text": t.text[p["start"]:p["end"]], "war_related": bool(p["war_related"])}
        for t in tdocs for p in t.paragraphs if "war_related" in p
    ] + list(extra or [])
    if len({r["war_related"] for r in rows}) < 2:
        return None  # no paragraph labels, or only one class: nothing to learn
    from ..events.relevance import train_relevance

    model = train_relevance(rows, C=C_DEFAULT)
    for name in ("warevents_relevance", "warevents_events"):  # the deciding stage; the events fallback
        if name in nlp.pipe_names:
            nlp.get_pipe(name).relevance_data = model.to_dict()
            nlp.get_pipe(name)._compile()
    return dict(model.meta)


#: chosen by 5-fold CV on the dev rows (C in 1, 4, 16; extra weight 1, 3, 6): P/R equal within
#: 0.01, and C=16 with weight 3 separates hand-written non-war passages (fires, sport) best
C_DEFAULT = 16.0
EXTRA_WEIGHT = 3


def cross_validated(rows: list[dict[str, Any]], extra: list[dict[str, Any]] | None = None, *, C: float = 4.0,
                    folds: int = 5, threshold: float = 0.5, seed: int = 0) -> dict[str, Any]:
    """Out-of-fold precision/recall of the classifier on ``rows`` at ``threshold``
    (``extra`` rows join every training fold, never a test fold)."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    from ..events.relevance import train_relevance

    y = np.array([bool(r["war_related"]) for r in rows])
    oof = np.zeros(len(rows))
    for tr, te in StratifiedKFold(folds, shuffle=True, random_state=seed).split(np.zeros(len(rows)), y):
        model = train_relevance([rows[i] for i in tr] + list(extra or []), C=C)
        oof[te] = model.predict_proba([rows[i]["text"] for i in te])
    pred = oof >= threshold
    tp, fp, fn = int((pred & y).sum()), int((pred & ~y).sum()), int((~pred & y).sum())
    return {"folds": folds, "n": len(rows), "threshold": threshold, "C": C,
            "precision": round(tp / max(1, tp + fp), 4), "recall": round(tp / max(1, tp + fn), 4),
            "accuracy": round(float((pred == y).mean()), 4)}


def main(argv: list[str] | None = None) -> int:
    """Fit the packaged classifier: ``python -m warevents.training.relevance_data OUT.json
    CORPUS_PARAGRAPHS.jsonl [EXTRA.jsonl ...]``. The first file's non-test rows are
    cross-validated (the figures go into the model's ``meta``); the extra files only
    join the training folds."""
    import sys

    from ..events.relevance import train_relevance

    argv = list(sys.argv[1:] if argv is None else argv)
    out, main_file, extra_files = Path(argv[0]), argv[1], argv[2:]
    rows = read_relevance_rows([main_file])
    # the extra rows (hand-labelled passages of older wars) count EXTRA_WEIGHT times: the
    # corpus paragraphs are 2025-26 news only, and the classifier must also know other wars
    extra = (read_relevance_rows(extra_files) if extra_files else []) * EXTRA_WEIGHT
    cv = cross_validated(rows, extra, C=C_DEFAULT)
    model = train_relevance(rows + extra, C=cv["C"])
    model.meta.update({"cv_dev": cv, "trained_on": [main_file, *extra_files], "threshold": cv["threshold"],
                       "extra_weight": EXTRA_WEIGHT})
    model.save(out)
    print(f"wrote {out}: {model.meta}")
    return 0


__all__ = ["cross_validated", "read_relevance_rows", "train_relevance_from"]


if __name__ == "__main__":
    raise SystemExit(main())
