"""Registration of ``warevents_casualties``."""

from __future__ import annotations

from spacy.language import Language

from .component import Casualties


@Language.factory("warevents_casualties", assigns=["doc.spans"], default_config={})
def make_casualties(nlp: Language, name: str) -> Casualties:
    return Casualties(nlp, name)
