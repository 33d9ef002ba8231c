"""Stage: PLACE spans. (Placeholder: finds nothing yet.)"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .base import RuleComponent


class Places(RuleComponent):
    label = "PLACE"
    data_files: dict[str, tuple[str, ...]] = {}

    def find(self, doc: Doc) -> list[Span]:
        return []


@Language.factory("warevents_places", assigns=["doc.spans"], default_config={})
def make_places(nlp: Language, name: str) -> Places:
    return Places(nlp, name)
