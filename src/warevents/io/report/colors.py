"""Span colours, shared by the report page and spaCy's displaCy.

Registered as the ``spacy_displacy_colors`` entry point ``warevents`` (see
``pyproject.toml``), so ``displacy.render(doc, style="ent")`` colours all four
labels once warevents is installed. This module imports nothing: displaCy loads
it on every render.

>>> sorted(DISPLACY_COLORS)
['CASUALTY', 'DATE', 'MILITARY_UNIT', 'PLACE']
"""

DISPLACY_COLORS = {
    "MILITARY_UNIT": "#f4a261",
    "PLACE": "#8ecae6",
    "DATE": "#b7e4c7",
    "CASUALTY": "#ef8fa6",
}
