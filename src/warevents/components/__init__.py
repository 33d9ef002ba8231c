"""The span-tagging stages of the warevents pipeline, one folder per stage.

The folders are numbered in pipeline order; each has the same shape (edsnlp's):
``factory.py`` (the ``@Language.factory`` registration and its ``default_config``),
``component.py`` (the component class) and pure-logic modules beside it. Word
lists and patterns are data files under ``warevents/data`` that each component
loads once and writes with ``to_disk``.

1. ``s1_line_breaks``: ``warevents_line_breaks``, before the parser; sentence
   starts at line breaks, plus the tokenizer infixes (``customize_tokenizer``).
2. ``s2_military_units``: ``warevents_military_units``, after the pretrained NER.
3. ``s3_places``: ``warevents_places`` (reads the unit candidates).
4. ``s4_dates``: ``warevents_dates``.
5. ``s5_casualties``: ``warevents_casualties`` (reads the unit candidates).
6. ``s6_resolve``: ``warevents_resolve_ents``, writes the four labels to ``doc.ents``.

The event stage, ``warevents_events``, follows in :mod:`warevents.events`.
``base`` (the data-driven ``RuleComponent``) and ``common`` (extensions, span
groups, data files) are shared by all stages.
"""

#: (factory name, stage package under ``warevents.components``) in pipeline order.
PIPELINE_ORDER: list[tuple[str, str]] = [
    ("warevents_line_breaks", "s1_line_breaks"),
    ("warevents_military_units", "s2_military_units"),
    ("warevents_places", "s3_places"),
    ("warevents_dates", "s4_dates"),
    ("warevents_casualties", "s5_casualties"),
    ("warevents_resolve_ents", "s6_resolve"),
]
