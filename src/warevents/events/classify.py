"""Event types aligned with ACLED and UCDP: how the harm was done, then who was harmed.

Two steps, both rules over word lists in ``data/event_cues.jsonl``:

1. :func:`remote_means` (per sentence, before merging): a violent act stated in a
   sentence that names remote or explosive means ("an air strike killed 34",
   "killed by shelling", "a roadside bomb wounded 5") is ``REMOTE_VIOLENCE``
   (GUIDELINES E1: the means decide first); the means give ACLED's sub-event type.
2. :func:`classify` (per record, after merging): who was harmed decides the rest.
   Armed forces killed are a ``BATTLE``, never a ``MASSACRE``/``KILLING``; an attack
   on civilians is violence against civilians, never a ``BATTLE``; a ``MASSACRE``
   needs defenceless victims. It fills the flat fields an ACLED/UCDP export reads:
   ``event_type``, ``sub_event_type``, ``type_of_violence`` (UCDP: 1 state-based,
   2 non-state, 3 one-sided) and ``civilian_targeting``.

>>> from warevents.events.classify import head_word
>>> head_word("12 Nigerian soldiers of the 5th brigade")
'soldier'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from .triggers import Cues, _lemma

VIOLENT = frozenset({"REMOTE_VIOLENCE", "MASSACRE", "KILLING", "OTHER_VIOLENCE", "BATTLE"})
#: types that describe one violent incident together when one sentence states them (the
#: wounded, captured and killed of one attack); not rape, abduction or looting (GUIDELINES E2)
INCIDENT_TYPES = VIOLENT | {"DETENTION"}
#: BATTLE triggers that name an attack (its means or its target can make it something else)
ATTACK_LEMMAS = frozenset({"attack", "assault", "raid", "strike", "ambush"})
#: means category (cue list) -> ACLED sub-event type of "Explosions/Remote violence"
SUB_EVENT = {
    "remote_air": "Air/drone strike",
    "remote_shelling": "Shelling/artillery/missile attack",
    "remote_explosive": "Remote explosive/landmine/IED",
    "remote_suicide": "Suicide bomb",
    "grenade": "Grenade",
}
#: most specific first: a "suicide car bomb" is a suicide bomb, a "drone-dropped bomb" an air strike
MEANS_ORDER = ("remote_suicide", "remote_air", "remote_shelling", "remote_explosive")
#: means words that only count as a modifier of another word ("air strike", "suicide bomber")
MODIFIER_ONLY = frozenset({"air", "aerial", "suicide", "roadside", "booby"})
_CUT = re.compile(r"\s(?:of|from|who|which|that|in|at|on|near|including)\s|[,;(]")
_WORD = re.compile(r"[^\W\d_]+")


def _singular(word: str) -> str:
    if word in {"men", "women", "children", "people", "police", "gunmen", "servicemen", "policemen",
                "militiamen", "fishermen"}:
        return word
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def head_word(phrase: str) -> str | None:
    """The head noun of an actor or victim phrase (its last word before any
    'of'/relative clause), singular and lower-case."""
    first = _CUT.split(f" {phrase} ")[0]
    words = _WORD.findall(first.lower())
    return _singular(words[-1]) if words else None


def _means_of(tok: Token, cues: Cues) -> str | None:
    for key in (_lemma(tok), tok.lower_):
        if key == "grenade":
            return "grenade"
        for cue in MEANS_ORDER:
            if cues.has(cue, key):
                if key in MODIFIER_ONLY and tok.dep_ not in {"compound", "amod", "nmod"}:
                    return None
                return cue
    return None


def remote_means(sent: Span | Iterable[Token], cues: Cues) -> str | None:
    """The means category of remote violence named in ``sent`` (the most specific), or None."""
    found = {m for m in (_means_of(t, cues) for t in sent if t.pos_ in {"NOUN", "PROPN", "ADJ", "VERB"}) if m}
    if not found:
        return None
    if "grenade" in found and len(found) == 1:
        return "grenade"
    return next((c for c in MEANS_ORDER if c in found), None)


def retype_remote(mentions: list, sent: Span, cues: Cues) -> None:
    """GUIDELINES E1: remote or explosive means make every violent act of the sentence
    REMOTE_VIOLENCE ("Israeli strikes killed 12", "a landmine wounded two children")."""
    has_remote = any(m.match.type == "REMOTE_VIOLENCE" for m in mentions)
    means = remote_means(sent, cues)
    if not has_remote and means is None:
        return
    for m in mentions:
        t = m.match.type
        if t in {"KILLING", "MASSACRE", "OTHER_VIOLENCE", "REMOTE_VIOLENCE"} or (
                t == "BATTLE" and m.match.lemma in ATTACK_LEMMAS):
            if t == "OTHER_VIOLENCE" and m.match.weak:
                continue
            m.match.type = "REMOTE_VIOLENCE"
            m.extra["means"] = means or m.extra.get("means")


def _texts(actors: Iterable) -> list[str]:
    return [a.text for a in actors if getattr(a, "text", None)]


def _count_victims(counts: Iterable) -> list[str]:
    return [s.text for c in counts for s in c.sources if s.text]


@dataclass
class Decision:
    type: str
    event_type: str
    sub_event_type: str
    civilian_targeting: bool | None
    type_of_violence: int | None


class Classifier:
    """Final type and ACLED/UCDP fields of a merged record (see the module docstring)."""

    def __init__(self, cues: Cues, types: dict[str, dict], massacre_min_killed: int = 5) -> None:
        self.cues = cues
        self.types = types
        self.massacre_min_killed = massacre_min_killed

    def _kind_of(self, phrase: str) -> str | None:
        """'civilian', 'combatant' or None for a victim phrase."""
        head = head_word(phrase)
        if head is None:
            return None
        words = {_singular(w) for w in _WORD.findall(phrase.lower())}
        if self.cues.has("civilian", head) or self.cues.has("noncombatant", head):
            # "civilians and soldiers" -> civilian; "people" alone -> civilian
            return "civilian"
        if self.cues.has("combatant", head):
            # "prisoners of war", "captured soldiers" are defenceless
            if words & {"captured", "surrendered", "unarmed", "wounded", "prisoner", "detained"}:
                return "civilian"
            return "combatant"
        return None

    def victim_kinds(self, victims: Iterable, counts: Iterable) -> set[str]:
        return {k for k in (self._kind_of(p) for p in [*_texts(victims), *_count_victims(counts)]) if k}

    def _state(self, phrases: list[str], units: list[dict]) -> bool:
        if any(u.get("norm") for u in units):
            return True
        words = {_singular(w) for p in phrases for w in _WORD.findall(p.lower())}
        return any(self.cues.has("state_actor", w) for w in words)

    def decide(self, type_: str, *, trigger_lemma: str, means: str | None, perpetrators: list,
               victims: list, counts: list, military_target: bool = False) -> Decision:
        kinds = self.victim_kinds(victims, counts)
        killed = [n.low if n.low is not None else n.high for n in counts if n.kind == "killed"]
        n_killed = max((k for k in killed if k is not None), default=0)
        if type_ in {"KILLING", "MASSACRE"} and kinds == {"combatant"}:
            type_ = "BATTLE"  # soldiers killed in combat (GUIDELINES E1)
        elif type_ == "BATTLE" and trigger_lemma in ATTACK_LEMMAS and "combatant" not in kinds and not military_target \
                and (kinds == {"civilian"} or n_killed):
            # an attack on civilians (or one that killed people not said to be armed) is one-sided
            type_ = "KILLING" if n_killed else "OTHER_VIOLENCE"
        if type_ == "KILLING" and self.massacre_min_killed and n_killed >= self.massacre_min_killed:
            type_ = "MASSACRE"
        row = self.types.get(type_, {})
        sub = row.get("sub_event_type", "Attack")
        civ = row.get("civilian_targeting")
        tov = row.get("type_of_violence")
        if type_ == "REMOTE_VIOLENCE":
            if means is None and trigger_lemma in {"strike", "airstrike", "bomb"}:
                means = "remote_air"  # "Israeli strikes", "bombed the town": from the air unless said otherwise
            sub = SUB_EVENT.get(means or "", sub)
            civ = "civilian" in kinds
        elif type_ == "OTHER_VIOLENCE":
            civ = True if "civilian" in kinds else None
        state_perp = self._state(_texts(perpetrators), [u for a in perpetrators for u in a.units])
        state_vict = self._state(_texts(victims), [u for a in victims for u in a.units])
        if type_ == "BATTLE":
            named_both = bool(perpetrators) and bool(victims)
            tov = 2 if named_both and not state_perp and not state_vict else 1
        elif type_ == "REMOTE_VIOLENCE":
            tov = 3 if civ else (2 if perpetrators and victims and not (state_perp or state_vict) else 1)
        return Decision(type_, row.get("event_type", "Violence against civilians"), sub, civ, tov)


__all__ = ["INCIDENT_TYPES", "SUB_EVENT", "VIOLENT", "Classifier", "Decision", "head_word", "remote_means", "retype_remote"]
