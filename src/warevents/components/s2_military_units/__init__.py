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

* ``SHORT``/``COORD`` shorthand and coordinated designations: "112 Rifle Division",
  "the 3rd and 4th Divisions"; a bracketed honour title joins ("36th (Ulster) Division");
* ``GROUP`` armed groups, coalitions, joint and peacekeeping forces (guideline U7): the
  ``units_armed_groups.jsonl`` lexicon ("al-Shabaab", "FARC", "AMISOM") and the cues of
  ``units_group_cues.jsonl`` ("Gulf Cartel gunmen" -> "Gulf Cartel", "the rebel group X",
  "Puntland forces", "NATO aircraft", "the Saudi-led coalition"), a bracketed acronym after
  a unit, and later mentions of a name found so (``groups.py``).

A nation's troops are its force ("Soviet troops", revised U3), but words for people never join
a unit ("Red Army soldiers" -> "Red Army", U5), nor are unnamed generic formations units
("a volunteer corps", bare "the army").
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
