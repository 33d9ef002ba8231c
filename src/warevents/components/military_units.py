"""Stage: MILITARY_UNIT spans. (Placeholder: finds nothing yet.)"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .base import RuleComponent


class MilitaryUnits(RuleComponent):
    label = "MILITARY_UNIT"
    data_files: dict[str, tuple[str, ...]] = {}

    def find(self, doc: Doc) -> list[Span]:
        return []


@Language.factory("warevents_military_units", assigns=["doc.spans"], default_config={})
def make_military_units(nlp: Language, name: str) -> MilitaryUnits:
    return MilitaryUnits(nlp, name)
