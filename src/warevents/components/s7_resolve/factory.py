"""Registration of ``warevents_resolve_ents``."""

from __future__ import annotations

from spacy.language import Language

from .component import DEFAULT_PRIORITY, ResolveEnts


@Language.factory(
    "warevents_resolve_ents",
    assigns=["doc.ents", "doc.spans"],
    default_config={"priority": DEFAULT_PRIORITY, "use_model": True, "prefer_model": False},
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_resolve_ents(
    nlp: Language, name: str, priority: list[str], use_model: bool, prefer_model: bool
) -> ResolveEnts:
    return ResolveEnts(nlp, name, priority=priority, use_model=use_model, prefer_model=prefer_model)
