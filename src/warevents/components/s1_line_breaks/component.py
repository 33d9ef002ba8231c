"""A sentence starts after every line break (placed before the parser)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class LineBreaks:
    """Mark the first token after a line break as a sentence start."""

    def __init__(self, nlp: Language, name: str = "warevents_line_breaks") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for i, token in enumerate(doc[:-1]):
            if "\n" in token.text or "\n" in token.whitespace_:
                nxt = doc[i + 1]
                nxt.is_sent_start = True
        return doc
