"""Registration of ``warevents_relevance``."""

from __future__ import annotations

from spacy.language import Language

from .component import WarRelevance


@Language.factory(
    "warevents_relevance",
    requires=["doc.spans", "token.lemma"],
    assigns=["doc._.war_related", "doc.spans"],
    default_config={"threshold": 0.5, "trigger_boost": 0.35, "use_model": True, "borderline": 0.25},
)
def make_relevance(nlp: Language, name: str, threshold: float, trigger_boost: float,
                   use_model: bool, borderline: float) -> WarRelevance:
    return WarRelevance(nlp, name, threshold=threshold, trigger_boost=trigger_boost, use_model=use_model,
                        borderline=borderline)
