"""Resolve overlapping candidates of the four span stages into ``doc.ents``."""

from __future__ import annotations

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
    ) -> None:
        self.name = name
        self.priority = list(priority)
        self.use_model = use_model
        self.prefer_model = prefer_model

    def _rank(self, span: Span, from_model: bool) -> tuple:
        label_rank = self.priority.index(span.label_) if span.label_ in self.priority else 99
        source_rank = (0 if self.prefer_model else 1) if from_model else (1 if self.prefer_model else 0)
        return (-(span.end - span.start), label_rank, source_rank, span.start)

    def __call__(self, doc: Doc) -> Doc:
        if PRETRAINED_ENTS not in doc.spans:
            doc.spans[PRETRAINED_ENTS] = [e for e in doc.ents if e.label_ not in LABELS]
        rule_spans = [s for key in CANDIDATES.values() if key in doc.spans for s in doc.spans[key]]
        model_spans: list[Span] = []
        if self.use_model and MODEL_ENTS in doc.spans:
            model_spans = [s for s in doc.spans[MODEL_ENTS] if s.label_ in LABELS]
            model_spans = [
                m
                for m in model_spans
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
