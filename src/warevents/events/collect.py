"""Mention collection: the triggers of war-related paragraphs, linked on the parse.

For every sentence of a war-related paragraph outside an infobox: find the
triggers, drop context mentions ("after the massacre"), umbrella nouns ("the
atrocities"), negated and hypothetical ones, link the arguments, mark the
title's mentions and topic-label headings, apply the actor rules (an attack by
non-combatants is a RIOT, their taking of goods no LOOTING), fold weak acts into
the act they serve and group conjoined triggers.

Mixed into :class:`warevents.events.assembler.EventAssembler`, which provides
``table``, ``cues``, ``types`` and ``compat``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from .classify import INCIDENT_TYPES, retype_remote
from .index import DocIndex
from .infobox import Infobox, is_heading
from .linking import Mention, link, tree_distance
from .triggers import (
    Cues,
    TriggerMatch,
    TriggerTable,
    _lemma,
    assess,
    is_anaphoric,
    is_context_mention,
)

TITLE_MAX_TOKENS = 20
#: clause links by which a trigger describes (the result or manner of) another one
#: BATTLE nouns that frame a clash ("during a battle with", "in a shootout between")
BATTLE_FRAMES = frozenset({"battle", "fighting", "clash", "skirmish", "shootout", "firefight", "gunfight"})
_DESCRIBING = frozenset({"relcl", "acl", "advcl", "xcomp"})


def _described(tok):
    """The token whose relative, adnominal or adverbial clause ``tok`` heads (through
    conjuncts, within three arcs), or None."""
    cur = tok
    for _ in range(3):
        if cur.dep_ not in _DESCRIBING | {"conj"} or cur.head is cur:
            return None
        if cur.dep_ in _DESCRIBING:
            return cur.head
        cur = cur.head
    return None


class MentionCollector:
    """Sentence-by-sentence mention collection (a mixin of the events stage)."""

    table: TriggerTable
    cues: Cues
    types: dict[str, dict[str, Any]]
    compat: dict[str, set[str]]

    def _collect_mentions(self, doc: Doc, index: DocIndex, matches: list[TriggerMatch | None],
                          relevant: list[bool], boxes: list[Infobox], title_text: str | None) -> list[Mention]:
        """Mentions of every war-related paragraph, in document order."""
        text = doc.text
        paras = index.paragraphs
        para_of: Callable[[int], int] = index.paragraph_of
        in_box = lambda c: any(b.start <= c < b.end for b in boxes)
        mentions: list[Mention] = []
        pretrained = doc.spans["spacy_ents"] if "spacy_ents" in doc.spans else []
        norp = {t.i for e in pretrained if e.label_ == "NORP" for t in e}
        norp |= {t.i for e in index.label("MILITARY_UNIT") for t in e}
        people = {t.i for e in pretrained if e.label_ == "PERSON" for t in e}
        for sent in doc.sents:
            if not text[sent.start_char:sent.end_char].strip() or in_box(sent.start_char):
                continue
            p = para_of(sent.start_char)
            if not relevant[p]:
                continue
            # umbrella nouns ("the atrocities", "violence") never start a record
            all_found = self.table.find(sent, matches)
            found = [m for m in all_found if not is_context_mention(m, self.cues) and not m.umbrella]
            # "killed during a six-hour battle with separatists", "in a shootout between": the
            # dead of a clash the sentence frames are its casualties (GUIDELINES E1: BATTLE)
            in_battle = any(m.type == "BATTLE" and m.lemma in BATTLE_FRAMES and m not in found for m in all_found)
            heading = is_heading(text[paras[p][0]:paras[p][1]])
            sent_mentions: list[Mention] = []
            for m in found:
                status, factor = assess(m, self.cues)
                if status in {"negated", "hypothetical"}:
                    continue
                kind = self.types.get(m.type, {}).get("count_kind")
                mention = link(m, sent, p, status, factor, self.cues, index=index, norp_tokens=norp, people=people,
                               default_kind=kind, n_triggers=len(found), anaphoric=is_anaphoric(m))
                is_title = title_text is not None and text[paras[p][0]:paras[p][1]].strip() == title_text
                if heading and (mention.extra.get("generic_noun") == "bare" or not is_title):
                    # "Japanese prisoner riots", "Russian invasion of Ukraine", "M23 offensive": a
                    # heading names a topic; it is evidence of a record its paragraphs state, never one
                    mention.generic = True
                if is_title:
                    mention.extra["title"] = True
                if not self._actor_rules(doc, mention):
                    continue
                sent_mentions.append(mention)
            retype_remote(sent_mentions, sent, self.cues)
            if in_battle:
                for m in sent_mentions:
                    if m.match.type in {"KILLING", "MASSACRE"}:
                        m.match.type = "BATTLE"
            mentions.extend(self._group_conjuncts(self._fold_weak(sent_mentions)))

        return mentions

    def _title_paragraph(self, doc: Doc, paras: list[tuple[int, int]]) -> int | None:
        s, e = paras[0]
        line = doc.text[s:e].strip()
        if not line or len(line.split()) > TITLE_MAX_TOKENS or line[-1] in ".:;,!?\"”":
            return None
        return 0

    _is_heading = staticmethod(is_heading)

    def _noncombatant(self, doc: Doc, actors: list) -> bool:
        """Every actor is a non-combatant group ("Japanese prisoners", "local residents")."""
        if not actors:
            return False
        for a in actors:
            span = doc.char_span(a.start, a.end, alignment_mode="expand") if a.start is not None else None
            if span is None or a.units:
                return False
            head = span.root
            if not (self.cues.has("noncombatant", _lemma(head)) or self.cues.has("noncombatant", head.lower_)):
                return False
        return True

    def _figurative(self, doc: Doc, actor) -> bool:
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand") if actor.start is not None else None
        return span is not None and not actor.units and (
            self.cues.has("figurative_object", _lemma(span.root)) or self.cues.has("figurative_object", span.root.lower_))

    def _actor_rules(self, doc: Doc, m: Mention) -> bool:
        """Who acted decides what the act is. An attack by non-combatants (prisoners,
        residents, a crowd) is mob violence, not a battle; goods taken by non-combatants
        are theft, not looting in armed conflict (GUIDELINES E5). False: not an event."""
        if m.match.type == "LOOTING" and self._noncombatant(doc, m.perpetrators):
            return False
        tok = m.match.token
        if m.match.lemma == "strike" and len(m.match.tokens) == 1 and any(
                c.dep_ in {"poss", "compound", "amod"} and (self.cues.has("labour_strike", _lemma(c))
                                                            or self.cues.has("labour_strike", c.lower_))
                for c in tok.children):
            return False  # "the teachers' strike", "a general strike": a work stoppage
        if m.victims and not m.counts and all(self._figurative(doc, v) for v in m.victims):
            return False  # "killed off their title hopes", "massacred a tired defence": no one was harmed
        if m.match.type == "BATTLE" and self._noncombatant(doc, m.perpetrators):
            m.match.type = "RIOT"
            m.victims = []  # the attacked guards are not a defending force
        return True

    def _fold_weak(self, ms: list[Mention]) -> list[Mention]:
        """A weak trigger ("beat", "terrorized", "took ... away") in a sentence that
        states another act describes that act's means or manner: it folds into the
        syntactically nearest non-weak mention of another type (GUIDELINES E2: "the
        beating is folded into the abduction it served")."""
        strong = [m for m in ms if not m.match.weak]
        out = []
        for m in ms:
            hosts = [h for h in strong if h.match.type != m.match.type] if m.match.weak else []
            if not hosts:
                out.append(m)
                continue
            host = min(hosts, key=lambda h: tree_distance(h.match.token, m.match.token))
            host.extra.setdefault("folded", []).append(m)
        return out

    def _group_conjuncts(self, ms: list[Mention]) -> list[Mention]:
        """'shot refugees ... and bayoneted them': conjoined triggers of compatible type are one
        mention; so is a violent act in a clause that describes another one ("the Diapaga attack
        ... that killed 60 soldiers", "stormed a base, killing 12"), whatever places each names."""
        out: list[Mention] = []
        by_token: dict[int, Mention] = {}
        for m in ms:
            tok = m.match.token
            host = None
            if tok.dep_ == "conj":
                above = {t.i for t in tok.ancestors}
                host = next((o for o in out if o.match.token.i in above and (
                    o.match.type == m.match.type or m.match.type in self.compat.get(o.match.type, ()))), None)
            if host is None and m.match.type in INCIDENT_TYPES:
                described = _described(tok)  # at most one token: walk up, never over all mentions
                cand = by_token.get(described.i) if described is not None else None
                if cand is not None and cand.match.type in INCIDENT_TYPES:
                    host = cand
            if host is None:
                out.append(m)
                by_token[tok.i] = m
                continue
            host.extra.setdefault("conj", []).append(m)
        return out
