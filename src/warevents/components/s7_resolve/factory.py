"""Registration of ``warevents_resolve_ents``."""

from __future__ import annotations

from spacy.language import Language

from .component import DEFAULT_PRIORITY, ResolveEnts


@Language.factory(
    "warevents_resolve_ents",
    assigns=["doc.ents", "doc.spans"],
    default_config={"priority": DEFAULT_PRIORITY, "use_model": True, "prefer_model": False,
                    "model_labels": None, "min_model_score": 0.0},
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_resolve_ents(
    nlp: Language,
    name: str,
    priority: list[str],
    use_model: bool,
    prefer_model: bool,
    model_labels: list[str] | None,
    min_model_score: float,
) -> ResolveEnts:
    return ResolveEnts(nlp, name, priority=priority, use_model=use_model, prefer_model=prefer_model,
                       model_labels=model_labels, min_model_score=min_model_score)
