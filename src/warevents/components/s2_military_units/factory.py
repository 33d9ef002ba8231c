"""Registration of ``warevents_military_units``."""

from __future__ import annotations

from spacy.language import Language

from .component import MilitaryUnits


@Language.factory("warevents_military_units", assigns=["doc.spans"], default_config={})
def make_military_units(nlp: Language, name: str) -> MilitaryUnits:
    return MilitaryUnits(nlp, name)
