"""Registration of ``warevents_places``."""

from __future__ import annotations

from spacy.language import Language

from .component import Places


@Language.factory(
    "warevents_places",
    assigns=["doc.spans"],
    default_config={"geonames": True, "ner_labels": ["GPE", "LOC", "FAC"]},
)
def make_places(nlp: Language, name: str, geonames: bool, ner_labels: list[str]) -> Places:
    return Places(nlp, name, geonames=geonames, ner_labels=ner_labels)
