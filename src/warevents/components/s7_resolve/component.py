"""Resolve overlapping candidates of the four span stages into ``doc.ents``."""

from __future__ import annotations

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ...schemas import LABELS
from ..common import CANDIDATES, MODEL_ENTS, PRETRAINED_ENTS

DEFAULT_PRIORITY = ["CASUALTY", "MILITARY_UNIT", "DATE", "PLACE"]


class ResolveEnts:
    def __init__(
        self,
        nlp: Language,
        name: str = "warevents_resolve_ents",
        *,
        priority: list[str] = DEFAULT_PRIORITY,
        use_model: bool = True,
        prefer_model: bool = False,
        model_labels: list[str] | None = None,
        min_model_score: float = 0.0,
    ) -> None:
        self.name = name
        self.priority = list(priority)
        self.use_model = use_model
        self.prefer_model = prefer_model
        #: Labels the model may add (None: all four); the others stay rules-only.
        self.model_labels = None if model_labels is None else list(model_labels)
        #: Model spans scored below this (spancat's probability of its label) are ignored.
        self.min_model_score = float(min_model_score)

    def accepted_model_spans(self, doc: Doc) -> list[Span]:
        """The model's spans this policy lets through (before overlap resolution)."""
        if not self.use_model or MODEL_ENTS not in doc.spans:
            return []
        group = doc.spans[MODEL_ENTS]
        scores = group.attrs.get("scores")
        if scores is not None:  # spancat_singlelabel keeps one (1,)-shaped row per span
            scores = numpy.asarray(scores, dtype="float32").reshape(-1)
        labels = LABELS if self.model_labels is None else self.model_labels
        out = []
        for i, span in enumerate(group):
            if span.label_ not in labels:
                continue
            score = 1.0 if scores is None or i >= len(scores) else float(scores[i])
            if score >= self.min_model_score:
                out.append(span)
        return out

    def _rank(self, span: Span, from_model: bool) -> tuple:
        label_rank = self.priority.index(span.label_) if span.label_ in self.priority else 99
        source_rank = (0 if self.prefer_model else 1) if from_model else (1 if self.prefer_model else 0)
        return (-(span.end - span.start), label_rank, source_rank, span.start)

    def __call__(self, doc: Doc) -> Doc:
        if PRETRAINED_ENTS not in doc.spans:
            doc.spans[PRETRAINED_ENTS] = [e for e in doc.ents if e.label_ not in LABELS]
        rule_spans = [s for key in CANDIDATES.values() if key in doc.spans for s in doc.spans[key]]
        model_spans = [
            m
            for m in self.accepted_model_spans(doc)
            if not any(
                r.label_ != m.label_ and r.start < m.end and m.start < r.end for r in rule_spans
            )
        ]
        ranked = sorted(
            [(self._rank(s, False), s) for s in rule_spans]
            + [(self._rank(s, True), s) for s in model_spans],
            key=lambda pair: pair[0],
        )
        taken = [False] * (len(doc) + 1)
        chosen: list[Span] = []
        for _, span in ranked:
            if any(taken[i] for i in range(span.start, span.end)):
                continue
            for i in range(span.start, span.end):
                taken[i] = True
            chosen.append(span)
        chosen.sort(key=lambda s: s.start)
        doc.set_ents(chosen, default="outside")
        return doc
