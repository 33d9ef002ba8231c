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

The document's date (DCT, ``doc._.doc_date``, with ``doc._.doc_date_source``) is
given by the caller or found in a dateline of the first lines (:mod:`.dct`). A date
without a year takes it from the reference time (:mod:`.reference`): the last date of
the main story before it (years in parentheses, citations and reference lists do not
count); with a DCT, only from a date in the same paragraph, else from the DCT moved by
the tense of its verb; else from the story's dominant year; never from today. Weekdays
and "last month" resolve against the DCT only. Anaphoric expressions ("the next day",
"three days later") go to ``doc.spans["warevents_dates_relative"]`` (:mod:`.anaphora`).

>>> import warevents  # doctest: +SKIP
>>> nlp = warevents.load()  # doctest: +SKIP
>>> doc = nlp("On Aug. 9, 1945 the war began; on Aug. 17 police killed 18.")  # doctest: +SKIP
>>> [(e.text, e._.norm["start"]) for e in doc.ents if e.label_ == "DATE"]  # doctest: +SKIP
[('Aug. 9, 1945', '1945-08-09'), ('Aug. 17', '1945-08-17')]
"""

from __future__ import annotations

from .anaphora import Anaphora
from .component import Dates
from .dct import DocDate, find_dct
from .factory import make_dates
from .lexicon import DateContext, DateLexicon
from .normaliser import DateNormaliser
from .parsing import parse_single
from ..s1_layout.stories import story_starts  # moved to the layout stage

__all__ = [
    "Anaphora",
    "DateContext",
    "DateLexicon",
    "DateNormaliser",
    "Dates",
    "DocDate",
    "find_dct",
    "make_dates",
    "parse_single",
    "story_starts",
]
