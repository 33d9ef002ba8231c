"""Registration of ``warevents_layout`` and its old name ``warevents_line_breaks``.

Pipelines saved before the layout stage name ``warevents_line_breaks`` in their
config (at the same place, before the parser); it builds the same component,
so they load and get the layout span groups too.
"""

from __future__ import annotations

from spacy.language import Language

from .component import Layout

_ASSIGNS = ["token.is_sent_start", "doc.spans"]


@Language.factory("warevents_layout", assigns=_ASSIGNS)
def make_layout(nlp: Language, name: str) -> Layout:
    return Layout(nlp, name)


@Language.factory("warevents_line_breaks", assigns=_ASSIGNS)
def make_line_breaks(nlp: Language, name: str) -> Layout:
    return Layout(nlp, name)
