"""Stage: CASUALTY spans, quantified counts of people harmed by war or political violence.

A candidate is built in three steps:

1. **Quantity.** A count in digits or words ("1,000", "one thousand", "1.5 million"),
   a vague magnitude ("dozens", "tens of thousands"), optionally preceded by a
   qualifier ("well over", "nearly", "some") and/or a fraction of a group
   ("over half of a group of 1,800"). Bare "many", "several", "a few" and
   singular indefinites are never counts.
2. **People.** The noun phrase the count quantifies ("18 *people*", "dozens of
   *villagers*", "1,800 *Japanese women and children*"). Its head must denote
   people (``people.jsonl``, or a NORP demonym, or a harm nominal such as
   "dead"/"casualties"). A count of something else (yen, tons, hours) is
   dropped. A bare count is kept only where the parse or an infobox key ties it
   directly to harm ("Deaths Over 1,000", "killing at least 12").
3. **Kind.** The dependency parse links the count to a harm term
   (``harm_terms.jsonl``): it is the object or passive subject of a transitive
   harm verb ("18 people were killed", "murdered ... refugees"), the subject of
   an intransitive one ("died"), the complement of a harm noun ("deaths of 300
   civilians", "a war crime ... against over half of ..."), or is itself a harm
   nominal ("1,000 dead", "300 casualties"). Counts in a passive agent ("by eight
   Japanese soldiers") or the active subject of a harm verb are perpetrators and
   are never CASUALTY.

**War/violence gate.** A count is kept only in a war or political-violence
context: the trigger is inherently violent ("massacre", "bayonet", "rape"), a
war cue (``casualty_context.jsonl``) or a MILITARY_UNIT candidate occurs in the
paragraph or a neighbouring paragraph, or ``doc._.war_related`` is True.
A count whose sentence names an accident, a disaster, a disease or ordinary crime
(``nonwar`` and ``criminal`` cues) and no war cue is dropped whatever the document
flag says ("Sixteen people are killed when the funicular crashes"; GUIDELINES C4).
Custody triggers ("arrest", "detain", "indict", "convict") are ambiguous with
criminal justice: they need a war cue in their *own* paragraph that outnumbers
its criminal-justice cues (drugs, courts, charges), so "arrested three
Vietnamese nationals for smuggling cannabis" yields nothing.

Normalisation (``schemas.CasualtyValue``): exact N -> low=high=N; lower-bound
qualifiers (over, more than, at least) -> low=N, high=None; upper-bound ones
(nearly, almost, up to) -> low=None, high=N; approximations (about, around,
some) -> low=high=N, qualifier "about"; magnitudes are ranges ("dozens" 24-99);
"over half of a group of 1,800" -> low=900, high=1800, qualifier "over half of".
"Casualties" (killed + wounded, split unknown) is tagged kind "wounded" with
trigger "casualties". "at least 347 and up to 504" -> 347..504, qualifier "at least and
up to".

Scope (``scope.py``): ``total``, ``subset`` ("including 7 children", "30 of whom";
``subset_of`` = the total span's character offsets) or ``cumulative`` (a running-toll
cue in the count's clause: "since April", "so far", "bringing the toll to").

Implicit counts (``implicit.py``): "a man was shot dead" (1), "a woman and her two
children" (3), "a couple" (2), "a family of five" (5) go to
``doc.spans["warevents_casualties_implicit"]`` with ``implicit: true``, never to the
CASUALTY candidates (GUIDELINES C3).

>>> import warevents  # doctest: +SKIP
>>> doc = warevents.load()("In 1995, up to 8,000 men and boys were murdered by Serb forces.")  # doctest: +SKIP
>>> [(s.text, s._.norm["kind"], s._.norm["high"]) for s in doc.spans["warevents_casualties"]]  # doctest: +SKIP
[('up to 8,000 men and boys', 'killed', 8000)]
"""

from __future__ import annotations

from .component import Casualties
from .factory import make_casualties

__all__ = ["Casualties", "make_casualties"]
