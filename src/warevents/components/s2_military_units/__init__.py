"""Stage: MILITARY_UNIT spans.

A grammar of military formations and national armed forces, written as spaCy
``Matcher`` token patterns in ``data/patterns/military_units.jsonl``. The
patterns hold placeholders (``{"LEX": "NAT"}``, ``{"MACRO": "ORD"}``...) that
are expanded at compile time from the ``data/lexicons/units_*.jsonl`` word
lists, so adding a nationality, an echelon noun or a named force is a one-line
data change.

Rule kinds (the pattern label) and what they find:

* ``ORD`` numbered formations, ordinal in digits or words, nationality before
  or after it: "Soviet 39th Army", "5th Japanese Army", "Sixth Army",
  "101st Airborne Division", "the first front army of the Far East";
* ``ROMAN``/``NUMBERED``/``LETTERED`` "XXX Corps", "No. 617 Squadron",
  "Task Force 58", "Charlie Company", "Army Group B";
* ``NAMED`` forces from the lexicon: "Red Army", "Kwantung Army", "Wehrmacht",
  with an optional nationality in front ("Japanese Kwantung Army");
* ``GEN`` capitalised names ending in a force noun: "Soviet Far East army",
  "Black Sea Fleet", "Transbaikal Front";
* ``COLL`` a nation's forces as a whole: "Soviet forces", "Japanese army",
  "Ukrainian Armed Forces", "Russia's army".

People are never units ("Soviet troops", "Red Army soldiers" -> "Red Army"),
nor are unnamed generic formations ("a volunteer corps", bare "the army").
Leading determiners are never part of a span. ``span._.norm`` is a
:class:`warevents.schemas.UnitValue` dump.

>>> import warevents
>>> nlp = warevents.pipeline.build_pipeline(events=False)  # doctest: +SKIP
>>> doc = nlp("Reports from the Soviet 39th Army reached the Kwantung Army.")  # doctest: +SKIP
>>> [(s.text, s._.norm["ordinal"]) for s in doc.spans["warevents_units"]]  # doctest: +SKIP
[('Soviet 39th Army', 39), ('Kwantung Army', None)]
"""

from __future__ import annotations

from .component import MilitaryUnits
from .factory import make_military_units

__all__ = ["MilitaryUnits", "make_military_units"]
