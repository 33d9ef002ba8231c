"""Registration of ``warevents_dates``."""

from __future__ import annotations

from spacy.language import Language

from .component import Dates


@Language.factory(
    "warevents_dates",
    requires=["doc.spans"],  # layout_story_breaks
    assigns=["doc.spans"],
    default_config={"date_order": "MDY", "use_ner": True},
)
def make_dates(nlp: Language, name: str, date_order: str, use_ner: bool) -> Dates:
    return Dates(nlp, name, date_order=date_order, use_ner=use_ner)
