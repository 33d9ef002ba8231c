"""War relevance: is a paragraph about war or armed conflict?

A TF-IDF + logistic-regression classifier trained with scikit-learn on labelled
paragraphs and saved as plain JSON (vocabulary, idf, coef, intercept) -- no pickle.
Applying it needs numpy only, so the shipped pipeline does not import scikit-learn.

The packaged classifier (``data/relevance/model.json``, used by pipelines built with
``build_pipeline``/``--base-model``) is fitted by::

    python -m warevents.training.relevance_data src/warevents/data/relevance/model.json \
        annotations/relevance/corpus/paragraphs.jsonl annotations/relevance/paragraphs.jsonl

on the ``dev`` paragraphs of the real relevance set (test rows are never read) plus the 136
hand-labelled paragraphs of older wars, weighted 3x; its ``meta.cv_dev`` holds the 5-fold CV
precision/recall on the dev paragraphs at its threshold (0.83 / 0.82 at 0.5). The shipped
model (``models/warevents-default``) carries the one ``warevents train --relevance`` fitted.
To fit one from a single JSONL file::

    python -m warevents.events.relevance PARAGRAPHS.jsonl OUT.json

>>> model = RelevanceModel.load()  # doctest: +SKIP
>>> model.predict_proba(["Soldiers shot the villagers."])[0] > 0.5  # doctest: +SKIP
True
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from ..components.common import data_path, read_jsonl

TOKEN_PATTERN = r"(?u)\b[^\W\d_][^\W\d_]+\b"
NGRAM_RANGE = (1, 2)
DEFAULT_MODEL_FILE = ("relevance", "model.json")


def _analyze(text: str) -> list[str]:
    tokens = re.findall(TOKEN_PATTERN, text.lower())
    grams: list[str] = []
    lo, hi = NGRAM_RANGE
    for n in range(lo, hi + 1):
        if n == 1:
            grams.extend(tokens)
        elif n == 2:
            grams.extend([f"{a} {b}" for a, b in zip(tokens, tokens[1:])])
        else:
            grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


class RelevanceModel:
    """Logistic regression over sublinear, l2-normalised TF-IDF features."""

    def __init__(self, vocabulary: dict[str, int], idf: list[float], coef: list[float],
                 intercept: float, meta: dict[str, Any] | None = None) -> None:
        self.vocabulary = dict(vocabulary)
        self.idf = np.asarray(idf, dtype=float)
        self.coef = np.asarray(coef, dtype=float)
        self.intercept = float(intercept)
        self.meta = dict(meta or {})

    # -- I/O ---------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "tfidf-logreg",
            "token_pattern": TOKEN_PATTERN,
            "ngram_range": list(NGRAM_RANGE),
            "sublinear_tf": True,
            "norm": "l2",
            "meta": self.meta,
            "intercept": self.intercept,
            "vocabulary": self.vocabulary,
            "idf": [round(float(x), 6) for x in self.idf],
            "coef": [round(float(x), 6) for x in self.coef],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RelevanceModel:
        return cls(data["vocabulary"], data["idf"], data["coef"], data["intercept"], data.get("meta"))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=0), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path | None = None) -> RelevanceModel:
        path = Path(path) if path is not None else data_path(*DEFAULT_MODEL_FILE)
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    # -- inference ---------------------------------------------------------
    def transform(self, texts: Iterable[str]) -> np.ndarray:
        texts = list(texts)
        X = np.zeros((len(texts), len(self.idf)))
        for row, text in enumerate(texts):
            for gram, tf in Counter(_analyze(text)).items():
                col = self.vocabulary.get(gram)
                if col is not None:
                    X[row, col] = (1.0 + math.log(tf)) * self.idf[col]
            norm = np.linalg.norm(X[row])
            if norm > 0:
                X[row] /= norm
        return X

    def predict_proba(self, texts: Iterable[str]) -> list[float]:
        """Probability that each text is about war or armed conflict.

        Computed text by text from the sparse features (no dense texts x vocabulary
        matrix: a page of 2,000 one-line paragraphs would need ~0.6 GB)."""
        out = []
        for text in texts:
            cols, vals = [], []
            for gram, tf in Counter(_analyze(text)).items():
                col = self.vocabulary.get(gram)
                if col is not None:
                    cols.append(col)
                    vals.append((1.0 + math.log(tf)) * self.idf[col])
            z = self.intercept
            if cols:
                v = np.asarray(vals)
                z += float(v @ self.coef[cols]) / float(np.linalg.norm(v))
            out.append(1.0 / (1.0 + math.exp(-z)))
        return out

    def top_features(self, n: int = 15) -> dict[str, list[tuple[str, float]]]:
        inv = {i: g for g, i in self.vocabulary.items()}
        order = np.argsort(self.coef)
        return {
            "war": [(inv[i], float(self.coef[i])) for i in order[::-1][:n]],
            "not_war": [(inv[i], float(self.coef[i])) for i in order[:n]],
        }


def default_relevance_data() -> dict[str, Any] | None:
    """The packaged relevance model as a dict (what the stages keep and save), or None."""
    path = data_path(*DEFAULT_MODEL_FILE)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def train_relevance(rows: list[dict[str, Any]], *, C: float = 4.0) -> RelevanceModel:
    """Fit the classifier on rows ``{"text": ..., "war_related": bool}`` (needs scikit-learn)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = [r["text"] for r in rows]
    labels = [int(bool(r["war_related"])) for r in rows]
    vec = TfidfVectorizer(token_pattern=TOKEN_PATTERN, ngram_range=NGRAM_RANGE, sublinear_tf=True,
                          lowercase=True, norm="l2")
    X = vec.fit_transform(texts)
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=2000)
    clf.fit(X, labels)
    vocab = {str(k): int(v) for k, v in vec.vocabulary_.items()}
    meta = {"n_train": len(rows), "n_positive": sum(labels), "C": C,
            "train_accuracy": float(clf.score(X, labels))}
    return RelevanceModel(vocab, vec.idf_.tolist(), clf.coef_[0].tolist(), float(clf.intercept_[0]), meta)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    src = Path(argv[0]) if argv else Path("annotations/relevance/paragraphs.jsonl")
    dst = Path(argv[1]) if len(argv) > 1 else data_path(*DEFAULT_MODEL_FILE)
    model = train_relevance(read_jsonl(src))
    dst.parent.mkdir(parents=True, exist_ok=True)
    model.save(dst)
    print(f"wrote {dst}: {model.meta}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
