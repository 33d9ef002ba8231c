"""Stage: DATE spans, normalised to inclusive ISO intervals.

Candidates come from two sources: the token patterns in
``data/patterns/dates.jsonl`` (a spaCy ``Matcher``, compiled once) and the
pretrained ``DATE`` entities, cleaned (leading "the"/hedges stripped) and kept
only when they carry a calendar anchor, so durations ("two hours", "about two
weeks", "nearly 80 years") never become dates. Overlaps are resolved longest
first, then every span is normalised in document order to a
:class:`~warevents.schemas.DateValue`:

* single dates go through ``dateparser`` (cached per distinct string and base
  year, English only, fixed ``DATE_ORDER``, first day of month preferred);
* ranges, vague parts ("early September"), seasons, decades, Japanese era years
  ("20 years of Showa"), weekdays and deictic words use the rules below.

A date without a year takes it from the nearest preceding explicit year in the
document, else from ``doc._.doc_date``, else from the document's dominant year;
never from today. Weekdays and "last month" resolve against ``doc._.doc_date``
only.

>>> import warevents  # doctest: +SKIP
>>> nlp = warevents.load()  # doctest: +SKIP
>>> doc = nlp("On Aug. 9, 1945 the war began; on Aug. 17 police killed 18.")  # doctest: +SKIP
>>> [(e.text, e._.norm["start"]) for e in doc.ents if e.label_ == "DATE"]  # doctest: +SKIP
[('Aug. 9, 1945', '1945-08-09'), ('Aug. 17', '1945-08-17')]
"""

from __future__ import annotations

from .component import Dates
from .factory import make_dates
from .lexicon import DateContext, DateLexicon
from .normaliser import DateNormaliser
from .parsing import parse_single
from ..s1_layout.stories import story_starts  # moved to the layout stage

__all__ = [
    "DateContext",
    "DateLexicon",
    "DateNormaliser",
    "Dates",
    "make_dates",
    "parse_single",
    "story_starts",
]
