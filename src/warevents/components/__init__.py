"""The span-tagging stages of the warevents pipeline, one folder per stage.

The folders are numbered in pipeline order; each has the same shape (edsnlp's):
``factory.py`` (the ``@Language.factory`` registration and its ``default_config``),
``component.py`` (the component class) and pure-logic modules beside it. Word
lists and patterns are data files under ``warevents/data`` that each component
loads once and writes with ``to_disk``.

1. ``s1_layout``: ``warevents_layout`` (old name ``warevents_line_breaks``), before
   the parser; sentence starts at line breaks and the page layout as span groups
   (paragraphs, headings and title, infoboxes, datelines, story breaks, reference
   lists), plus the tokenizer infixes (``customize_tokenizer``).
2. ``s2_military_units``: ``warevents_military_units``, after the pretrained NER.
3. ``s3_places``: ``warevents_places`` (reads the unit candidates).
4. ``s4_dates``: ``warevents_dates`` (reads the story breaks).
5. ``s5_relevance``: ``warevents_relevance``, war relevance of each paragraph and of
   the document, decided once (reads the paragraphs and the unit candidates).
6. ``s6_casualties``: ``warevents_casualties`` (reads the paragraphs, the war flag and
   the unit candidates).
7. ``s7_resolve``: ``warevents_resolve_ents``, writes the four labels to ``doc.ents``.

The event stage, ``warevents_events``, follows in :mod:`warevents.events` (reads the
paragraphs, title, infoboxes and war relevance).
``base`` (the data-driven ``RuleComponent``) and ``common`` (extensions, span
groups, data files) are shared by all stages.
"""

#: (factory name, stage package under ``warevents.components``) in pipeline order.
PIPELINE_ORDER: list[tuple[str, str]] = [
    ("warevents_layout", "s1_layout"),
    ("warevents_military_units", "s2_military_units"),
    ("warevents_places", "s3_places"),
    ("warevents_dates", "s4_dates"),
    ("warevents_relevance", "s5_relevance"),
    ("warevents_casualties", "s6_casualties"),
    ("warevents_resolve_ents", "s7_resolve"),
]
