"""Argument linking on the dependency parse, and inheritance from context.

For each trigger: perpetrators (subject / passive agent / "by" phrase,
nationality modifiers of noun triggers), victims (object / passive subject /
"of" or "against" phrase), the PLACE and DATE entities nearest to the trigger
in the parse tree of its sentence, and the CASUALTY counts it governs.
Fields a sentence does not state are inherited later (see ``assembler``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from .actors import VICTIM, trim_actor
from .actors import agent as resolve_agent
from .counts import governed_counts as _counts
from .index import DocIndex
from .lexicon import feature_levels, word_list
from .models import Actor, Count, EventDate, EventLocation
from .parse import children, climb, is_root, tree_distance
from .triggers import Cues, TriggerMatch, _lemma, clause_head, generic_noun, is_habitual


@dataclass
class Mention:
    """One trigger with its linked arguments, before merging."""

    match: TriggerMatch
    sent: Span
    paragraph: int
    status: str
    factor: float
    anaphoric: bool = False
    name: str | None = None
    date: EventDate | None = None
    location: EventLocation | None = None
    perpetrators: list[Actor] = field(default_factory=list)
    victims: list[Actor] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    generic: bool = False
    habitual: bool = False
    post_mortem: bool = False
    ends_event: bool = False
    source: str = "prose"
    extra: dict[str, Any] = field(default_factory=dict)


def phrase(tok: Token, limit: int = 16) -> tuple[int, int]:
    """Token range of a noun phrase: left dependents, conjuncts and "of" phrases."""
    keep = {tok.i}
    phrase_right = word_list("event_linking", "phrase_right_dep", "dep") - {"appos"}

    def walk(t: Token) -> None:
        for c in children(t):
            left = c.i < t.i and c.dep_ not in {"punct", "relcl", "acl", "advcl", "prep", "cc"}
            right = c.i > t.i and (c.dep_ in phrase_right or
                                   c.dep_ == "prep" and c.lower_ == "of" or
                                   c.dep_ == "pobj" and t.lower_ == "of")
            if left or right:
                keep.add(c.i)
                walk(c)

    walk(tok)
    lo, hi = min(keep), max(keep) + 1
    while hi - lo > limit:
        hi -= 1
    doc = tok.doc
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    return lo, max(hi, lo + 1)


def is_actor_head(tok: Token, cues: Cues | None = None) -> bool:
    """Perpetrators and victims are people, groups or units: never a pronoun, a date,
    a place, a bare number, or a time / body / geographic noun ("the evening of
    August 14", "His body", "the Sino Soviet ... borders")."""
    word = re.match(r"[a-z']*", tok.lower_).group(0)
    if word in word_list("event_linking", "pronoun") or tok.pos_ == "PRON" or tok.ent_type_ in {"DATE", "PLACE"}:
        return False
    if tok.like_num and tok.ent_type_ != "CASUALTY":
        return False
    return cues is None or not (cues.has("non_actor", _lemma(tok)) or cues.has("non_actor", tok.lower_))


def make_actor(tok: Token, index: DocIndex, cues: Cues | None = None) -> Actor | None:
    if not is_actor_head(tok, cues):
        return None
    lo, hi = phrase(tok)
    doc = tok.doc
    span = doc[lo:hi]
    if any(e.root.i == tok.i for e in index.overlapping("DATE", lo, hi)):
        return None
    cut = re.search(r"\.?\[\d*\]?|\.$", span.text)
    if cut and cut.start() > 0:
        span = doc.char_span(span.start_char, span.start_char + cut.start(), alignment_mode="contract") or span
    inside = list(index.overlapping("MILITARY_UNIT", lo, hi))
    return Actor(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        units=[{"text": u.text, "start": u.start_char, "end": u.end_char, "norm": u._.norm} for u in inside],
    )


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """(subject token, is_passive) of a verb, walking up conjunctions."""
    cur = verb
    controlled = False  # the subject comes from a governing verb ("were forced to kill")
    for _ in range(6):
        for c in children(cur, ("nsubj", "csubj", "nsubjpass")):
            if c.dep_ in {"nsubj", "csubj"}:
                return c, False
            if c.dep_ == "nsubjpass":
                return c, not controlled
        if cur.dep_ == "conj" and cur.head.pos_ in {"VERB", "AUX"}:
            cur = cur.head
            continue
        if cur.dep_ == "relcl":
            return cur.head, False
        # non-finite purpose / adverbial clause: its subject is the governing verb's
        # ("beat mothers ... in order to kidnap their children", "fled to avoid capture")
        if cur.tag_ in {"VB", "VBG"} and cur.dep_ in {"xcomp", "advcl", "acl"}:
            gov = cur.head
            if gov.dep_ == "pobj" and gov.head.dep_ == "prep":  # "in order to"
                gov = gov.head.head
            if gov.pos_ in {"VERB", "AUX"} and gov.i != cur.i:
                cur, controlled = gov, True
                continue
        break
    return None, False


def _resolve_relative(tok: Token) -> Token:
    """'who'/'that' in a relative clause -> the noun it refers to; the pronoun
    itself when no relative clause is above it ("That killed 18 civilians.")."""
    if tok.lower_ in {"who", "that", "which", "whom"}:
        for cur in climb(tok.head):
            if cur.dep_ in {"relcl", "acl"}:
                return cur.head
    return tok


def link_actors(m: TriggerMatch, index: DocIndex, norp_tokens: set[int],
                cues: Cues | None = None) -> tuple[list[Actor], list[Actor]]:
    tok = m.token
    perps: list[Token] = []
    victims: list[Token] = []
    if not m.is_noun:
        subj, passive = _subject(tok)
        agent = [g for c in children(tok) if c.dep_ == "agent" for g in children(c) if g.dep_ == "pobj"]
        if passive or any(c.dep_ == "auxpass" for c in children(tok)):
            perps.extend(agent)
            if subj is not None:
                victims.append(_resolve_relative(subj))
        elif subj is not None:
            perps.append(_resolve_relative(subj))
        for c in children(tok):
            if c.dep_ in {"dobj", "obj"} and c.lower_ not in {"suicide"}:
                victims.append(c)
            if c.dep_ == "prep" and (c.lower_ == "against" or c.lower_ == "on" and m.type == "BATTLE"):
                victims.extend(g for g in children(c) if g.dep_ == "pobj")
        if m.subject_is_victim and not passive:
            victims.extend(perps)
            perps = []
    else:
        holders = [tok]
        head = tok.head
        # "committed the massacre", "launched attacks": the light verb holds the arguments
        if tok.dep_ in {"dobj", "obj"} and head.pos_ in {"VERB", "AUX"} and (
                cues is None or cues.has("light_verb", _lemma(head))):
            subj, passive = _subject(head)
            if subj is not None and not passive:
                perps.append(_resolve_relative(subj))
        # "the BLA claims responsibility for the attack": who claims an act committed it
        if tok.dep_ == "pobj" and head.lower_ == "for" and head.head.lower_ == "responsibility":
            verb = head.head.head
            if verb.pos_ in {"VERB", "AUX"} and _lemma(verb) in {"claim", "accept", "admit", "take", "bear"}:
                subj, passive = _subject(verb)
                if subj is not None and not passive:
                    perps.append(_resolve_relative(subj))
        # "the massacre was committed by ..."
        if tok.dep_ == "nsubjpass" and (cues is None or cues.has("light_verb", _lemma(head))):
            perps.extend(g for c in children(head) if c.dep_ == "agent" for g in children(c) if g.dep_ == "pobj")
        # "the X massacre was a war crime by A against B"
        if tok.dep_ == "nsubj" and _lemma(head) == "be":
            holders.extend(c for c in children(head) if c.dep_ == "attr")
        for h in holders:
            for c in children(h):
                if c.dep_ == "poss" and c.pos_ != "PRON":
                    perps.append(c)
                if c.dep_ in {"amod", "compound"} and c.i in norp_tokens:
                    perps.append(c)
                if c.dep_ == "prep":
                    objs = [g for g in children(c) if g.dep_ == "pobj"]
                    if c.lower_ == "by":
                        perps.extend(objs)
                    elif c.lower_ in {"against", "of", "on"} and m.type != "BATTLE":
                        victims.extend(o for o in objs if o.ent_type_ not in {"PLACE", "DATE"})
                    elif c.lower_ in {"against", "on"}:
                        victims.extend(objs)
    own = {t.i for t in m.tokens}  # "crossed the border": the border is part of the trigger
    out_p = []
    for t in perps:
        found = resolve_agent(t, index, cues, make_actor) if cues is not None else make_actor(t, index, cues)
        if found == VICTIM:  # "15 wounded": a count of people harmed is never the perpetrator
            victims.append(t)
        elif found is not None:
            out_p.append(found)
    victims = [v for v in victims if v.i not in own]
    if cues is not None:  # "an air strike on a market": the market is the site, not a victim
        sites = [v for v in victims if cues.has("site", _lemma(v)) or cues.has("site", v.lower_)]
        m.military_target = any(cues.has("military_site", _lemma(v)) or any(
            cues.has("military_site", c.lower_) for c in v.lefts) for v in sites)
        victims = [v for v in victims if v not in sites]
    out_v = [a for a in (make_actor(t, index, cues) for t in victims) if a]
    out_p = [trim_actor(a, m.token.doc, quantity=False) for a in out_p]
    out_v = [trim_actor(a, m.token.doc, quantity=True) for a in out_v]
    return _dedupe([a for a in out_p if a]), _dedupe([a for a in out_v if a])


def _dedupe(actors: list[Actor]) -> list[Actor]:
    seen: set[tuple] = set()
    out = []
    for a in actors:
        key = (a.start, a.end)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def _nearest(m: TriggerMatch, ents: list[Span], cues: Cues, *, skip_destinations: bool,
             max_distance: float = 5) -> Span | None:
    """The entity closest to the trigger in the parse tree (within ``max_distance`` arcs)."""
    best, best_d = None, 99
    subtree = {t.i for t in m.token.subtree} if ents else set()
    for e in ents:
        root = e.root
        if skip_destinations and root.dep_ == "pobj" and cues.has("destination_prep", root.head.lower_) \
                and tree_distance(m.token, root) <= 2:
            continue
        d = tree_distance(m.token, root)
        if _in_report_source(root, m.token, cues):
            continue  # "US and British reports indicate that ...": the source, not the scene
        if root.i in subtree:
            d -= 0.5
        if _in_modifier_clause(root, m.token):
            d += 3  # "troops that occupied Manchuria looted Mukden": the relative clause describes the actor
        # a fronted scene-setting phrase ("In Chirikoro, ...", "On Aug. 15, ...") covers the sentence
        first = e.sent[0]
        fronted = first.dep_ == "prep" and first.i < root.i <= first.right_edge.i
        if d < best_d and (d <= max_distance or fronted):
            best, best_d = e, d
    return best


def in_report_frame(span: Span, cues: Cues | None) -> bool:
    """A date that dates the reporting, not the event: it hangs (through a preposition)
    off a publication verb or noun ("published ... on May 11, 2005", "a paper in 2024",
    "the article of 12 March")."""
    if cues is None:
        return False
    for cur in climb(span.root.head, 4):
        if cues.has("publication", _lemma(cur)) or cues.has("publication", cur.lower_):
            return True
        if cur.pos_ in {"VERB", "AUX"}:
            return False
    return False


def is_destination(span: Span, cues: Cues | None, depth: int = 3) -> bool:
    """A place reached through "to"/"into"... within ``depth`` arcs ("return to her
    hometown in Japan"): where someone goes, not where something happened."""
    if cues is None:
        return False
    for cur in climb(span.root.head, depth):
        if cur.dep_ == "prep" and cues.has("destination_prep", cur.lower_):
            return True
        if cur.pos_ in {"VERB", "AUX"}:
            return False
    return False


def _own_pp(m: TriggerMatch, ents: list[Span], cues: Cues) -> list[Span]:
    """Entities in a locative prepositional phrase of the trigger itself (or of the verb
    that holds a noun trigger): "killed ... at Kamishisuka", "the massacre in Srebrenica"."""
    holders = {m.token.i, clause_head(m.token).i}
    out = []
    for e in ents:
        root = e.root
        for _ in range(len(root.sent)):  # a climb never needs more steps than the sentence has tokens
            if root.dep_ not in {"compound", "conj", "appos"} or is_root(root) or root.head.i in holders:
                break
            root = root.head
        if root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.i in holders \
                and cues.has("location_prep", root.head.lower_):
            out.append(e)
    return out


def _in_modifier_clause(tok: Token, trigger: Token) -> bool:
    """``tok`` sits in a relative/adnominal clause, not containing the trigger, that
    describes the acting subject ("the troops that occupied Manchuria looted ...").
    Clauses on the object stay ("attacked the army entrenched in Northeast China")."""
    above = {t.i for t in trigger.ancestors} | {trigger.i}
    cur = tok
    for _ in range(30):
        if cur.i in above or is_root(cur):
            return False
        if cur.dep_ in {"relcl", "acl"}:
            noun = cur.head
            subject = noun.dep_ in {"nsubj", "nsubjpass"} or noun.dep_ == "pobj" and noun.head.dep_ == "agent"
            return subject and trigger.i not in {t.i for t in cur.subtree}
        cur = cur.head
    return False


def _in_report_source(tok: Token, trigger: Token, cues: Cues) -> bool:
    """``tok`` is inside the subject of a reporting verb that governs the trigger
    ("US and British reports indicate that the troops looted ..."): the source of
    the report, not a field of the event."""
    up = {t.i for t in [trigger, *trigger.ancestors]}
    branch = tok
    for _ in range(30):
        if is_root(branch):
            return False
        if branch.head.i in up:
            break
        branch = branch.head
    top = branch.head
    if top.i == trigger.i or not (cues.has("report", _lemma(top)) or cues.has("publication", _lemma(top))):
        return False
    return branch.dep_ in {"nsubj", "nsubjpass", "agent"}


def date_from_span(span: Span, provenance: str = "stated") -> EventDate | None:
    norm = span._.norm or {}
    if not norm.get("start") and not norm.get("end"):
        return None
    return EventDate(start=norm.get("start"), end=norm.get("end") or norm.get("start"),
                     precision=norm.get("precision"), text=span.text, span_start=span.start_char,
                     span_end=span.end_char, provenance=provenance)


def geo_precision(norm: dict) -> str | None:
    feature = str(norm.get("feature") or "").lower()
    for label, words in feature_levels():
        if any(w in feature for w in words):
            return label
    return "town" if norm.get("lat") is not None else None


_DIRECTION = re.compile(r"^(?:the\s+)?(?:(?:north|south)-?(?:east|west)?(?:ern)?|east(?:ern)?|west(?:ern)?|"
                        r"central|upper|lower|far)\s+(?=\S)")  # lower case only: "North Kivu" is a name


def location_from_span(span: Span, provenance: str = "stated") -> EventLocation:
    """The record's place; its canonical name drops a direction ("northern Iraq" -> Iraq)."""
    norm = span._.norm or {}
    canonical = norm.get("canonical") or span.text
    canonical = _DIRECTION.sub("", canonical) or canonical
    return EventLocation(text=span.text, canonical=canonical,
                         modern=norm.get("modern"), lat=norm.get("lat"), lon=norm.get("lon"),
                         geo_precision=geo_precision(norm), span_start=span.start_char,
                         span_end=span.end_char, provenance=provenance)


def _name_tokens(tok: Token, exclude: set[int]) -> list[Token]:
    """Proper-noun modifiers that name an incident ("the Mizuho incident")."""
    return [c for c in children(tok) if c.dep_ in {"compound", "nmod", "amod"} and c.pos_ == "PROPN"
            and c.ent_type_ not in {"MILITARY_UNIT", "DATE"} and c.i not in exclude and c.i < tok.i]


def incident_name(m: TriggerMatch, exclude: set[int] = frozenset()) -> tuple[str | None, list[Token]]:
    """The trigger's own name ("Gegenmiao massacre") or, for a trigger in a
    relative clause, its antecedent's ("the Kamishisuka incident, in which ...")."""
    tok = m.token
    cands = [tok]
    cur = tok
    for _ in range(4):
        if cur.dep_ in {"relcl", "acl"}:
            cands.append(cur.head)
            break
        if is_root(cur):
            break
        cur = cur.head
    for noun in cands:
        names = _name_tokens(noun, exclude)
        if names:
            doc = tok.doc
            lo = min(t.i for t in names)
            return f"{doc[lo:names[-1].i + 1].text} {noun.text}", names
    return None, []


def link(m: TriggerMatch, sent: Span, paragraph: int, status: str, factor: float, cues: Cues,
         *, index: DocIndex, norp_tokens: set[int], default_kind: str | None, n_triggers: int,
         people: set[int] = frozenset(),
         anaphoric: bool) -> Mention:
    mention = Mention(match=m, sent=sent, paragraph=paragraph, status=status, factor=factor,
                      anaphoric=anaphoric)
    mention.perpetrators, mention.victims = link_actors(m, index, norp_tokens, cues)
    if getattr(m, "military_target", False):
        mention.extra["military_target"] = True  # "an attack on a military base": a BATTLE target
    name, name_toks = incident_name(m, norp_tokens)
    mention.name = name
    dates = [d for d in index.in_span(sent, "DATE") if date_from_span(d) and not in_report_frame(d, cues)]
    d = _nearest(m, dates, cues, skip_destinations=False)
    if d is not None:
        mention.date = date_from_span(d)
    # PLACE: the trigger's own locative phrase first, then the nearest in the sentence
    # a place inside an actor's phrase ("U.S. soldiers", "Gaza militants") names who, not where
    actor_spans = [(a.start, a.end) for a in (*mention.perpetrators, *mention.victims) if a.start is not None]
    places = [e for e in index.in_span(sent, "PLACE")
              if not any(s <= e.start_char and e.end_char <= t for s, t in actor_spans)]
    p = _nearest(m, _own_pp(m, places, cues), cues, skip_destinations=True, max_distance=99) \
        or _nearest(m, places, cues, skip_destinations=True)
    if p is None:  # a place stated anywhere in the sentence beats one inherited from elsewhere,
        # unless it belongs to an actor's name ("an IS-Central Africa-aligned faction")
        inside = [(a.start, a.end) for a in mention.perpetrators if a.start is not None]
        free = [e for e in places if not any(s <= e.start_char and e.end_char <= t for s, t in inside)]
        p = _nearest(m, free, cues, skip_destinations=True, max_distance=99)
    if p is not None:
        mention.location = location_from_span(p)
    elif name_toks:
        doc = m.token.doc
        span = doc[name_toks[0].i : name_toks[-1].i + 1]
        mention.location = EventLocation(text=span.text, canonical=span.text, span_start=span.start_char,
                                         span_end=span.end_char, provenance="stated")
    victim_toks = [m.token.doc.char_span(v.start, v.end, alignment_mode="expand").root
                   for v in mention.victims if v.start is not None]
    cumulative: list[Span] = []
    mention.counts = _counts(m, sent, victim_toks, default_kind, n_triggers, index, cumulative)
    if cumulative and not mention.counts:
        mention.extra["cumulative"] = True  # "... killed so far this year": no incident of its own
    verb = clause_head(m.token)
    mention.ends_event = m.is_noun and _lemma(verb) in {"end", "finish", "conclude", "stop", "cease"}
    # generic statements: a bare plural noun/gerund with nothing anchoring it in time or space
    tok = m.token
    bare = m.is_noun and not any(c.dep_ in {"det", "poss", "nummod", "compound"} for c in children(tok)) \
        and not name
    anchored = mention.date is not None or mention.location is not None or bool(mention.counts)
    kind = generic_noun(m, cues)
    mention.extra["generic_noun"] = kind
    mention.habitual = is_habitual(m, cues)
    mention.generic = bool(mention.extra.get("cumulative")) or mention.habitual or kind == "strong" or (
        (bare or kind == "bare" or tok.tag_ == "VBG") and not anchored)
    # an act on the body of someone already dead ("His body was then bayoneted") is
    # not a new victim: it is evidence for the killing, never an incident of its own
    objs = [c for c in children(tok) if c.dep_ in {"dobj", "obj", "nsubjpass"}]
    mention.post_mortem = not m.is_noun and any(cues.has("post_mortem", _lemma(o)) or
                                                cues.has("post_mortem", o.lower_) for o in objs)
    if mention.post_mortem:
        mention.perpetrators, mention.victims, mention.counts = [], [], []
    # "forced to kill their own children", "killing themselves": own-side victims
    mention.extra["kin"] = m.type in {"KILLING", "MASSACRE"} and any(
        cues.has("kin", o.lower_) or any(cues.has("kin", g.lower_) and g.dep_ == "amod" for g in children(o))
        for o in objs)
    return mention
