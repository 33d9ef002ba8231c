"""Stage: CASUALTY spans. (Placeholder: finds nothing yet.)"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .base import RuleComponent


class Casualties(RuleComponent):
    label = "CASUALTY"
    data_files: dict[str, tuple[str, ...]] = {}

    def find(self, doc: Doc) -> list[Span]:
        return []


@Language.factory("warevents_casualties", assigns=["doc.spans"], default_config={})
def make_casualties(nlp: Language, name: str) -> Casualties:
    return Casualties(nlp, name)
