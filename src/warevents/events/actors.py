"""Perpetrators are agents: never a number, a weapon or an act; pronouns resolved.

:func:`agent` turns the token the parse puts in the perpetrator slot into an agent:

- a count ("15 were wounded", "228 killed") is a victim group, never a perpetrator;
- a weapon or an act ("Airstrikes killed 15", "the shelling", "A Russian drone") gives
  the agent named on it: its "by" phrase ("strikes by government and allied warplanes"
  -> "government and allied"), else its nationality or owner modifier ("Israeli strikes"
  -> "Israeli", normalised ``Israeli forces``); with neither there is no perpetrator;
- a pronoun or a definite description ("they", "it", "the group", "the militants")
  resolves to the last compatible actor: first the subject of a verb that governs the
  trigger ("the BLA claims ... they killed 90"), else the last actor named earlier in the
  paragraph; the actor records ``resolved_from``.

Word lists: ``non_agent`` and ``anaphor`` in ``data/event_cues.jsonl``, the remote means
(``remote_*``) and ``civilian``.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .index import DocIndex
from .models import Actor
from .parse import children
from .triggers import Cues, _lemma

VICTIM = "victim"
PRONOUNS = frozenset({"they", "it", "he", "she", "we", "them"})
_MEANS_CUES = ("remote_air", "remote_shelling", "remote_explosive", "remote_suicide", "non_agent")
_MOD_DEPS = frozenset({"amod", "compound", "nmod", "poss"})


def _is_non_agent(tok: Token, cues: Cues) -> bool:
    return any(cues.has(c, _lemma(tok)) or cues.has(c, tok.lower_) for c in _MEANS_CUES)


#: quantity words that stand alone for a number of people ("dozens were killed")
QUANTITY_WORDS = frozenset({"dozens", "hundreds", "thousands", "scores", "several", "many", "some", "few",
                            "dozen", "hundred", "thousand", "others", "more", "all", "both"})


def _is_count(tok: Token) -> bool:
    """A number of people ("15", "Twelve", "dozens", "at least 40"), never an agent."""
    return tok.like_num or tok.ent_type_ == "CASUALTY" or tok.lower_ in QUANTITY_WORDS


def _is_anaphor(tok: Token, cues: Cues) -> bool:
    if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
        return True
    return cues.has("anaphor", _lemma(tok)) and any(
        c.dep_ == "det" and c.lower_ in {"the", "this", "these", "those"} for c in children(tok))


def _owner(tok: Token, cues: Cues) -> Span | None:
    """The agent modifier of a weapon or act noun: "Israeli" strikes, "Saudi-led coalition"
    warplanes, "government" shelling (not "air", "drone", "heavy")."""
    mods = [c for c in children(tok) if c.dep_ in _MOD_DEPS and c.i < tok.i and not _is_non_agent(c, cues)
            and (c.ent_type_ in {"NORP", "GPE", "ORG", "MILITARY_UNIT"} or c.pos_ == "PROPN"
                 or c.text[:1].isupper() or cues.has("state_actor", c.lower_))]
    if not mods:
        return None
    lo = min(m.left_edge.i for m in mods)
    hi = min(max(m.right_edge.i for m in mods) + 1, tok.i)
    doc = tok.doc
    while lo < hi and (doc[lo].dep_ == "det" or doc[lo].is_punct):
        lo += 1
    return doc[lo:hi] if lo < hi else None


def _is_candidate(tok: Token, cues: Cues) -> bool:
    """A token that can head an antecedent: a named or armed actor, not a victim group."""
    if tok.pos_ == "PRON" or _is_count(tok) or _is_non_agent(tok, cues) or _is_anaphor(tok, cues):
        return False
    if cues.has("civilian", _lemma(tok)) or cues.has("non_actor", _lemma(tok)):
        return False
    return tok.pos_ == "PROPN" or tok.ent_type_ in {"ORG", "NORP", "MILITARY_UNIT"} or cues.has("combatant", _lemma(tok))


def antecedent(tok: Token, index: DocIndex, cues: Cues) -> Token | None:
    """The actor a pronoun or definite description refers to (see the module docstring)."""
    for anc in list(tok.ancestors)[:6]:
        if anc.pos_ in {"VERB", "AUX"}:
            for c in children(anc, ("nsubj",)):
                if c.i != tok.i and c.i < tok.i and _is_candidate(c, cues):
                    return c
    doc = tok.doc
    para = index.paragraphs[index.paragraph_of(tok.idx)]
    span = doc.char_span(para[0], tok.idx, alignment_mode="expand")
    start = span.start if span is not None else tok.sent.start
    best: Token | None = None
    for t in doc[start:tok.i]:
        subject = t.dep_ == "nsubj" or t.dep_ == "pobj" and t.head.lower_ == "by" and t.head.dep_ == "agent"
        if subject and _is_candidate(t, cues):
            best = t
    for u in index.label("MILITARY_UNIT"):
        if para[0] <= u.start_char < tok.idx and (best is None or u.root.i > best.i):
            best = u.root
    return best


def agent(tok: Token, index: DocIndex, cues: Cues, make_actor, depth: int = 0) -> Actor | str | None:
    """An :class:`Actor` for the perpetrator slot token, :data:`VICTIM` when the token is
    a count of people harmed, or None when nothing in it names an agent."""
    if _is_count(tok):
        return VICTIM
    of_obj = next((g for c in children(tok, ("prep",)) if c.lower_ == "of" for g in children(c, ("pobj",))), None)
    if cues.has("site", _lemma(tok)) or cues.has("site", tok.lower_):
        return None  # "a checkpoint ... that killed 4": a place is no agent
    if of_obj is not None and _is_non_agent(of_obj, cues) and depth < 2:
        return agent(of_obj, index, cues, make_actor, depth + 1)  # "the force of the blast": the blast's agent
    if _is_non_agent(tok, cues):
        if depth < 2:
            for c in children(tok, ("prep",)):
                if c.lower_ == "by":
                    for g in children(c, ("pobj",)):
                        found = agent(g, index, cues, make_actor, depth + 1)
                        if isinstance(found, Actor):
                            return found
        owner = _owner(tok, cues)
        if owner is None:
            return None
        adjective = owner.root.pos_ == "ADJ" or len(owner) == 1 and owner.root.ent_type_ == "NORP"
        return Actor(text=owner.text, start=owner.start_char, end=owner.end_char,
                     norm=f"{owner.text} forces" if adjective else owner.text,
                     resolved_from=tok.doc[tok.left_edge.i:tok.i + 1].text)
    if _is_anaphor(tok, cues):
        ant = antecedent(tok, index, cues)
        if ant is not None:
            actor = make_actor(ant, index, cues)
            if actor is not None:
                return actor.model_copy(update={"resolved_from": tok.doc[tok.left_edge.i:tok.i + 1].text})
        if tok.pos_ == "PRON":
            return None
    actor = make_actor(tok, index, cues)
    if actor is None:
        return None
    doc = tok.doc
    weapon = next((c for c in children(tok, ("conj",)) if _is_non_agent(c, cues)), None)
    if weapon is not None:  # "government and allied warplanes": the agent is who flies them
        cut = doc[tok.left_edge.i:weapon.i]
        actor = actor.model_copy(update={"text": cut.text, "end": cut.end_char,
                                         "resolved_from": actor.text, "norm": f"{cut.text} forces"})
    elif tok.pos_ == "ADJ" and actor.text == tok.text:  # "Israeli" (strikes) -> Israeli forces
        actor = actor.model_copy(update={"norm": f"{tok.text} forces"})
    return actor


_QUANT_DEPS = frozenset({"det", "nummod", "quantmod", "predet"})
_QUANT_WORDS = frozenset({"at", "least", "most", "more", "than", "over", "about", "around", "some", "nearly",
                          "almost", "up", "to", "approximately", "roughly", "another", "dozens", "hundreds",
                          "thousands", "scores", "several", "many", "of", "a", "an", "dozen"})


def trim_actor(actor: Actor, doc, *, quantity: bool) -> Actor | None:
    """GUIDELINES: an actor's text without its determiner; a victim group's also without its
    quantity ("at least 20 people" -> "people", "a dozen others" -> "others")."""
    if actor.start is None:
        return actor
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None:
        return actor
    if quantity and all(t.like_num or t.lower_ in _QUANT_WORDS | {"others", "more", "other"} or t.is_punct
                        for t in span):
        return None  # a bare count ("15", "five others"): the count says it, no group is named
    if len(span) < 2:
        return actor
    lo = span.start
    root = span.root
    while lo < root.i:
        t = doc[lo]
        determiner = t.dep_ == "det" and t.lower_ in {"the", "a", "an", "this", "these", "those"}
        amount = quantity and (t.like_num or t.dep_ in _QUANT_DEPS or t.lower_ in _QUANT_WORDS) and t.lower_ != "no"
        if not (determiner or amount):
            break
        lo += 1
    if lo == span.start:
        return actor
    cut = doc[lo:span.end]
    return actor.model_copy(update={"text": cut.text, "start": cut.start_char})


__all__ = ["VICTIM", "agent", "antecedent", "trim_actor"]
