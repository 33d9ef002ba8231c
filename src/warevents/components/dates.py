"""Stage: DATE spans. (Placeholder: finds nothing yet.)"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .base import RuleComponent


class Dates(RuleComponent):
    label = "DATE"
    data_files: dict[str, tuple[str, ...]] = {}

    def find(self, doc: Doc) -> list[Span]:
        return []


@Language.factory("warevents_dates", assigns=["doc.spans"], default_config={})
def make_dates(nlp: Language, name: str) -> Dates:
    return Dates(nlp, name)
