"""Registration of ``warevents_line_breaks``."""

from __future__ import annotations

from spacy.language import Language

from .component import LineBreaks


@Language.factory("warevents_line_breaks", assigns=["token.is_sent_start"])
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    return LineBreaks(nlp, name)
