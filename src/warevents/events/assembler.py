"""Stage: event records on ``doc._.events``. (Placeholder: no events yet.)"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class EventAssembler:
    def __init__(self, nlp: Language, name: str = "warevents_events") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = []
        return doc


@Language.factory("warevents_events", assigns=["doc._.events"], default_config={})
def make_events(nlp: Language, name: str) -> EventAssembler:
    return EventAssembler(nlp, name)
