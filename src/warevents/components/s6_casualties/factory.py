"""Registration of ``warevents_casualties``."""

from __future__ import annotations

from spacy.language import Language

from .component import Casualties


@Language.factory(
    "warevents_casualties",
    # layout_paragraphs (layout stage), doc._.war_related (relevance stage), unit candidates
    requires=["doc.spans", "doc._.war_related"],
    assigns=["doc.spans"],
    default_config={},
)
def make_casualties(nlp: Language, name: str) -> Casualties:
    return Casualties(nlp, name)
