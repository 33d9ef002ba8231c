"""Stage: event records on ``doc._.events``.

For every war-related paragraph: find triggers, drop negated, hypothetical
and context mentions, link arguments on the parse, inherit missing dates and
places (the paragraph's previous event or entity, then the document's title
event), parse infobox header blocks, and merge mentions of one incident.

Mentions that are not incidents of their own (see ``_resolve_deferred``):
umbrella nouns ("the atrocities") start no record; weak acts ("beat",
"terrorized", "took ... away") fold into another act stated in the same
sentence; generic or habitual statements (frequency adverbials, "similar
killings", "riots ... in some camps", bare plurals in headings) become evidence
of a specific record of a compatible type in the same paragraph, or are dropped;
acts on a dead body are evidence of the killing; a generic or noun-phrase-only
title record is kept only when the body or an infobox reports it. Dates of a
reporting frame ("published ... on May 11, 2005") are never event dates, and an
attack by non-combatants is a RIOT, their taking of goods no LOOTING.

>>> import warevents
>>> nlp = warevents.load()  # doctest: +SKIP
>>> doc = nlp("On Aug. 17, 1945, 18 people were killed at the police station in Kamishisuka.")  # doctest: +SKIP
>>> get_events(doc)[0].type  # doctest: +SKIP
'KILLING'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import ensure_path

from ..components.base import RuleComponent
from ..components.common import data_path
from .infobox import box_title, find_infoboxes, infobox_fields
from .linking import Mention, in_report_frame, is_destination, link
from .index import DocIndex
from .parse import indexed_children
from .paragraphs import paragraph_relevance, paragraph_scores, paragraphs
from .merging import Cluster, MergeIndex, absorb, compatible_types, dates_compatible, should_merge
from .models import Event, EventDate, EventLocation, Evidence, Trigger, get_events  # noqa: F401
from .relevance import DEFAULT_MODEL_FILE, RelevanceModel
from .triggers import Cues, TriggerTable, _lemma, assess, is_anaphoric, is_context_mention

_TITLE_MAX_TOKENS = 20


class EventAssembler(RuleComponent):
    label = ""
    data_files = {
        "triggers": ("triggers.jsonl",),
        "cues": ("event_cues.jsonl",),
        "types": ("event_types.jsonl",),
        "infobox_keys": ("lexicons", "infobox_keys.jsonl"),
    }

    def __init__(self, nlp: Language, name: str = "warevents_events", *, min_confidence: float = 0.4,
                 relevance_threshold: float = 0.5, use_relevance: bool = True,
                 trigger_boost: float = 0.35, massacre_min_killed: int = 5,
                 relevance: dict | None = None) -> None:
        self.min_confidence = min_confidence
        self.massacre_min_killed = massacre_min_killed
        self.relevance_threshold = relevance_threshold
        self.use_relevance = use_relevance
        self.trigger_boost = trigger_boost
        if relevance is None and use_relevance:
            path = data_path(*DEFAULT_MODEL_FILE)
            relevance = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
        self.relevance_data = relevance
        super().__init__(nlp, name)

    def _compile(self) -> None:
        self.table = TriggerTable(self.data["triggers"])
        self.cues = Cues(self.data["cues"])
        self.types = {row["type"]: row for row in self.data["types"]}
        self.type_rank = {t: row["rank"] for t, row in self.types.items()}
        self.compat = {t: set(row.get("compatible", [])) for t, row in self.types.items()}
        self.keys = [row["key"] for row in self.data["infobox_keys"]]
        self.relevance = RelevanceModel.from_dict(self.relevance_data) if self.relevance_data else None

    # -- spaCy protocol -------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            doc._.events = [e.model_dump() for e in self.assemble(doc)]
        except Exception as err:  # noqa: BLE001 - spaCy's error-handler protocol
            error_handler(self.name, self, [doc], err)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        super().to_disk(path, exclude=exclude)
        path = ensure_path(path)
        srsly.write_json(path / "cfg.json", self._cfg())
        if self.relevance_data:
            (path / "relevance.json").write_text(json.dumps(self.relevance_data), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EventAssembler:
        path = ensure_path(path)
        if (path / "relevance.json").exists():
            self.relevance_data = json.loads((path / "relevance.json").read_text(encoding="utf-8"))
        if (path / "cfg.json").exists():
            for k, v in srsly.read_json(path / "cfg.json").items():
                setattr(self, k, v)
        return super().from_disk(path, exclude=exclude)  # type: ignore[return-value]

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"data": self.data, "relevance": self.relevance_data, "cfg": self._cfg()})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> EventAssembler:
        msg = srsly.msgpack_loads(data)
        self.data, self.relevance_data = msg["data"], msg["relevance"]
        for k, v in msg.get("cfg", {}).items():
            setattr(self, k, v)
        self._compile()
        return self

    def _cfg(self) -> dict[str, Any]:
        return {"min_confidence": self.min_confidence, "relevance_threshold": self.relevance_threshold,
                "use_relevance": self.use_relevance, "trigger_boost": self.trigger_boost,
                "massacre_min_killed": self.massacre_min_killed}

    # -- paragraphs and relevance (pure functions in paragraphs.py) ------------
    paragraphs = staticmethod(paragraphs)

    def paragraph_scores(self, doc: Doc, paras: list[tuple[int, int]],
                         matches: list | None = None) -> list[float]:
        if matches is None:
            matches = [self.table.match(t) for t in doc]
        war = {m.token.idx for m in matches if m is not None and m.war}
        model = self.relevance if self.use_relevance else None
        return paragraph_scores(doc, paras, model, is_war_trigger=war, trigger_boost=self.trigger_boost)

    def paragraph_relevance(self, doc: Doc) -> list[tuple[int, int, bool]]:
        """Per-paragraph war relevance with this component's model and settings."""
        def is_war(tok: Token) -> bool:
            m = self.table.match(tok)
            return m is not None and m.war

        model = self.relevance if self.use_relevance else None
        return paragraph_relevance(doc, model, is_war_trigger=is_war, threshold=self.relevance_threshold,
                                   trigger_boost=self.trigger_boost)

    # -- assembly ---------------------------------------------------------------
    def assemble(self, doc: Doc) -> list[Event]:
        with indexed_children(doc):
            return self._assemble(doc)

    def _assemble(self, doc: Doc) -> list[Event]:
        text = doc.text
        paras = self.paragraphs(text)
        if not paras or len(doc) == 0:
            doc._.war_related = False
            return []
        matches = [self.table.match(t) for t in doc]  # once per doc, reused per sentence
        scores = self.paragraph_scores(doc, paras, matches)
        relevant = [s >= self.relevance_threshold for s in scores]
        doc._.war_related = any(relevant)
        para_starts = [s for s, _ in paras]
        index = DocIndex(doc, paras)
        para_of = index.paragraph_of

        boxes = find_infoboxes(text, self.keys)
        in_box = lambda c: any(b.start <= c < b.end for b in boxes)
        title_para = self._title_paragraph(doc, paras)
        title_text = text[paras[title_para][0]:paras[title_para][1]].strip() if title_para is not None else None

        mentions: list[Mention] = []
        pretrained = doc.spans["spacy_ents"] if "spacy_ents" in doc.spans else []
        norp = {t.i for e in pretrained if e.label_ == "NORP" for t in e}
        norp |= {t.i for e in index.label("MILITARY_UNIT") for t in e}
        people = {t.i for e in pretrained if e.label_ == "PERSON" for t in e}
        for sent in doc.sents:
            if not sent.text.strip() or in_box(sent.start_char):
                continue
            p = para_of(sent.start_char)
            if not relevant[p]:
                continue
            # umbrella nouns ("the atrocities", "violence") never start a record
            found = [m for m in self.table.find(sent, matches) if not is_context_mention(m, self.cues) and not m.umbrella]
            heading = self._is_heading(text[paras[p][0]:paras[p][1]])
            sent_mentions: list[Mention] = []
            for m in found:
                status, factor = assess(m, self.cues)
                if status in {"negated", "hypothetical"}:
                    continue
                kind = self.types.get(m.type, {}).get("count_kind")
                mention = link(m, sent, p, status, factor, self.cues, index=index, norp_tokens=norp, people=people,
                               default_kind=kind, n_triggers=len(found), anaphoric=is_anaphoric(m))
                if heading and mention.extra.get("generic_noun") == "bare":
                    mention.generic = True  # "Japanese prisoner riots": a topic label, not an incident
                if title_text is not None and text[paras[p][0]:paras[p][1]].strip() == title_text:
                    mention.extra["title"] = True
                if not self._actor_rules(doc, mention):
                    continue
                sent_mentions.append(mention)
            mentions.extend(self._group_conjuncts(self._fold_weak(sent_mentions)))

        clusters: list[Cluster] = []
        title_start = None
        if title_text is not None:
            title_start = text.index(title_text, paras[title_para][0])
        anchor = self._anchor(doc, mentions, boxes, title_text, title_start)
        # a generic title ("Japanese prisoner riots", "more murders of Koreans in 1945") sets the
        # scene (dates and places are inherited from it) but is no incident of its own: its
        # evidence goes to every specific record of its type
        spread: list[Cluster] = []
        if anchor is not None and anchor.extra.get("generic"):
            spread.append(anchor)
        elif anchor is not None:
            clusters.append(anchor)
        merge_index = MergeIndex(clusters)
        deferred: list[tuple[str, Mention, Cluster]] = []
        last_in_para: dict[int, Mention] = {}
        for mention in mentions:
            if mention.extra.get("title"):
                continue
            cluster = self._to_cluster(mention, index)
            if mention.post_mortem:
                deferred.append(("post_mortem", mention, cluster))
                continue
            if mention.extra.get("kin"):
                target = self._kin_target(mention, clusters, para_of)
                if target is not None:
                    self._add_evidence(target, cluster)
                    continue
            if mention.anaphoric:
                host = self._attach_anaphor(mention, cluster, clusters)
                if host is not None:
                    merge_index.refile(host)
                    continue
            if mention.anaphoric and not mention.generic and any(
                    compatible_types(a.type, cluster.type, self.compat) for a in spread):
                deferred.append(("spread", mention, cluster))  # "the newly reported murders" -> the title's
                continue
            self._inherit(index, mention, cluster, last_in_para.get(mention.paragraph), anchor, paras)
            if mention.generic:
                deferred.append(("generic", mention, cluster))
                continue
            if mention.date is not None or mention.location is not None:
                last_in_para[mention.paragraph] = mention
            target = merge_index.find(cluster, self.compat)
            if target is not None:
                absorb(target, cluster, self.type_rank)
                merge_index.refile(target)
            else:
                merge_index.append(cluster)
        self._resolve_deferred(deferred, spread, clusters, para_of, paras, text)
        clusters = [c for c in clusters if not c.is_anchor or self._anchor_supported(c, title_text)]
        events = [self._to_event(c) for c in sorted(clusters, key=lambda c: c.first)]
        events = [e for e in events if e.confidence >= self.min_confidence]
        for n, ev in enumerate(events, start=1):
            ev.id = f"ev{n}"
        return events

    def _title_paragraph(self, doc: Doc, paras: list[tuple[int, int]]) -> int | None:
        s, e = paras[0]
        line = doc.text[s:e].strip()
        if not line or len(line.split()) > _TITLE_MAX_TOKENS or line[-1] in ".:;,!?\"”":
            return None
        return 0

    @staticmethod
    def _is_heading(line: str) -> bool:
        """A title, heading or caption line: short, without sentence-final punctuation."""
        line = line.strip()
        return bool(line) and len(line.split()) <= _TITLE_MAX_TOKENS and line[-1] not in ".:;,!?\"”"

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

    def _actor_rules(self, doc: Doc, m: Mention) -> bool:
        """Who acted decides what the act is. An attack by non-combatants (prisoners,
        residents, a crowd) is mob violence, not a battle; goods taken by non-combatants
        are theft, not looting in armed conflict (GUIDELINES E5). False: not an event."""
        if m.match.type == "LOOTING" and self._noncombatant(doc, m.perpetrators):
            return False
        if m.match.type == "BATTLE" and self._noncombatant(doc, m.perpetrators):
            m.match.type = "RIOT"
            m.victims = []  # the attacked guards are not a defending force
        return True

    def _fold_weak(self, ms: list[Mention]) -> list[Mention]:
        """A weak trigger ("beat", "terrorized", "took ... away") in a sentence that
        states another act describes that act's means or manner: it folds into the
        syntactically nearest non-weak mention of another type (GUIDELINES E2: "the
        beating is folded into the abduction it served")."""
        from .linking import tree_distance

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

    def _kin_target(self, m: Mention, clusters: list[Cluster], para_of) -> Cluster | None:
        """'Mothers were forced to kill their own children': killings of one's own people
        next to a mass suicide are part of it (GUIDELINES E1)."""
        for c in reversed(clusters):
            if c.type == "MASS_SUICIDE" and para_of(c.evidence[-1].start) in {m.paragraph, m.paragraph - 1}:
                return c
        return None

    @staticmethod
    def _add_evidence(target: Cluster, other: Cluster) -> None:
        seen = {(e.start, e.end) for e in target.evidence}
        target.evidence.extend(e for e in other.evidence if (e.start, e.end) not in seen)
        target.evidence.sort(key=lambda e: e.start)

    def _resolve_deferred(self, deferred: list, spread: list[Cluster], clusters: list[Cluster], para_of,
                          paras: list[tuple[int, int]], text: str) -> None:
        """Mentions that are not incidents of their own.

        - post_mortem ("His body was then bayoneted by 27 Japanese"): evidence of the latest
          killing in the same paragraph, adding no actors; otherwise dropped.
        - generic / habitual statements ("Riots even occurred in some camps", "These riots
          were often triggered by ...", "similar killings occurred ... including in early
          September"): evidence of a specific record of a compatible type in the same
          paragraph (the nearest, before or after it); for a heading, of the first such
          record after it; for a dated generic, of a record anywhere in the document
          whose date agrees. A generic statement with none of these is dropped: a
          frequency adverb or a class noun reports a pattern, not an incident.
        - spread (a back-reference to a generic title): evidence of every record of its type.
        Generic titles themselves (``spread``) add their evidence to every record of their type.
        """
        def compatible(c: Cluster, cl: Cluster) -> bool:
            return compatible_types(c.type, cl.type, self.compat) or compatible_types(cl.type, c.type, self.compat)

        for reason, m, cl in deferred:
            if reason == "post_mortem":
                target = next((c for c in reversed(clusters) if c.type in {"KILLING", "MASSACRE"}
                               and c.first < cl.first and para_of(c.first) == m.paragraph
                               or c.type in {"KILLING", "MASSACRE"} and c.first < cl.first
                               and any(para_of(e.start) == m.paragraph for e in c.evidence)), None)
                if target is not None:
                    self._add_evidence(target, cl)
                continue
            if reason == "spread":
                spread.append(cl)
                continue
            dated = m.date is not None and m.date.provenance == "stated"
            cands = [c for c in clusters if compatible(c, cl) and not (dated and dates_compatible(c.date, m.date) is False)]
            same = [c for c in cands if any(para_of(e.start) == m.paragraph for e in c.evidence)]
            target = None
            if same:
                target = min(same, key=lambda c: min(abs(e.start - cl.first) for e in c.evidence))
            elif self._is_heading(text[paras[m.paragraph][0]:paras[m.paragraph][1]]):
                target = next((c for c in sorted(cands, key=lambda c: c.first) if c.first > cl.first), None)
            elif dated:
                target = next((c for c in cands if dates_compatible(c.date, m.date)), None)
            if target is not None:
                self._add_evidence(target, cl)
        for g in spread:
            for c in clusters:
                if compatible(c, g):
                    self._add_evidence(c, g)

    def _anchor_supported(self, c: Cluster, title_text: str | None) -> bool:
        """A title event is a record when an infobox or a prose sentence of the body
        (ending like a sentence) also reports it, or when the title is a headline with a
        finite verb. A noun-phrase title alone ("Soviet Invasion of Manchuria - War
        Crimes") names the page's frame, not an incident the page reports."""
        if "infobox" in c.sources:
            return True
        if any(not self._is_heading(e.text) for e in c.evidence):
            return True
        return bool(c.extra.get("headline"))

    def _group_conjuncts(self, ms: list[Mention]) -> list[Mention]:
        """'shot refugees ... and bayoneted them': conjoined triggers of compatible type are one mention."""
        out: list[Mention] = []
        for m in ms:
            tok = m.match.token
            host = None
            if tok.dep_ == "conj":
                above = {t.i for t in tok.ancestors}
                host = next((o for o in out if o.match.token.i in above and (
                    o.match.type == m.match.type or m.match.type in self.compat.get(o.match.type, ()))), None)
            if host is None:
                out.append(m)
                continue
            host.extra.setdefault("conj", []).append(m)
        return out

    def _evidence(self, sent: Span, trigger: str | None, index: DocIndex | None = None) -> Evidence:
        text = (index.sent_text(sent) if index is not None else sent.text).rstrip()
        return Evidence(start=sent.start_char, end=sent.start_char + len(text), text=text, trigger=trigger)

    def _confidence(self, m: Mention) -> float:
        c = m.match.weight * m.factor
        c += 0.05 * sum(x is not None and x.provenance == "stated" for x in (m.date, m.location))
        c += 0.05 * bool(m.counts) + 0.05 * bool(m.perpetrators)
        if m.generic:
            c *= 0.5
        return max(0.0, min(0.95, c))

    def _to_cluster(self, m: Mention, index: DocIndex | None = None) -> Cluster:
        tm = m.match
        cluster = Cluster(
            type=tm.type,
            trigger={"text": tm.text, "start": tm.start_char, "end": tm.end_char, "lemma": tm.lemma},
            name=m.name, date=m.date, location=m.location, perpetrators=list(m.perpetrators),
            victims=list(m.victims), counts=list(m.counts),
            evidence=[self._evidence(m.sent, tm.text, index)], confidences=[self._confidence(m)],
            modalities=[m.status], sources=[m.source], first=tm.start_char,
        )
        for other in m.extra.get("conj", []):
            absorb(cluster, self._to_cluster(other, index), self.type_rank)
        for other in m.extra.get("folded", []):
            folded = self._to_cluster(other, index)
            folded.type, folded.trigger, folded.counts = cluster.type, cluster.trigger, []
            absorb(cluster, folded, self.type_rank)
        return cluster

    def _attach_anaphor(self, m: Mention, cluster: Cluster, clusters: list[Cluster]) -> Cluster | None:
        """The record a back-reference ("the massacre") folds into, or None."""
        for target in reversed(clusters):
            if not (target.type == cluster.type or cluster.type in self.compat.get(target.type, ())):
                continue
            if m.ends_event and cluster.date is not None and target.date is not None:
                # "As of August 30, the raid ended": the back-reference dates the end
                new_end = cluster.date.end or cluster.date.start
                cluster.date = None
                if should_merge(target, cluster, self.compat, anaphoric=True):
                    if new_end and (target.date.end or "") < new_end:
                        target.date = target.date.model_copy(update={"end": new_end})
                    absorb(target, cluster, self.type_rank)
                    return target
                return None
            if should_merge(target, cluster, self.compat, anaphoric=True):
                absorb(target, cluster, self.type_rank)
                return target
            return None
        return None

    def _inherit(self, index: DocIndex, m: Mention, cluster: Cluster, prev: Mention | None,
                 anchor: Cluster | None, paras: list[tuple[int, int]]) -> None:
        p_start = paras[m.paragraph][0]
        sent_start = m.sent.start_char
        if cluster.date is None:
            date = None
            if prev is not None and prev.date is not None:
                date = prev.date
            else:
                cands = [d for d in index.starting_in("DATE", p_start, sent_start)
                         if (d._.norm or {}).get("start") and not in_report_frame(d, self.cues)]
                if cands:
                    from .linking import date_from_span
                    date = date_from_span(cands[-1])
                elif anchor is not None and anchor.date is not None:
                    date = anchor.date
            if date is not None:
                cluster.date = date.model_copy(update={"provenance": "inherited"})
                m.date = cluster.date
        if cluster.location is None:
            loc = None
            if prev is not None and prev.location is not None:
                loc = prev.location
            else:
                cands = [e for e in index.starting_in("PLACE", p_start, sent_start)
                         if not is_destination(e, self.cues)]
                if cands:
                    from .linking import location_from_span
                    loc = location_from_span(cands[-1])
                elif anchor is not None and anchor.location is not None:
                    loc = anchor.location
            if loc is not None:
                cluster.location = loc.model_copy(update={"provenance": "inherited"})
                m.location = cluster.location

    def _anchor(self, doc: Doc, mentions: list[Mention], boxes: list, title_text: str | None,
                title_start: int | None = None) -> Cluster | None:
        """The document's title event, enriched by an infobox about it."""
        anchor: Cluster | None = None
        for m in mentions:
            if m.extra.get("title"):
                c = self._to_cluster(m)
                c.extra["generic"] = m.generic
                c.extra["headline"] = any(t.pos_ in {"VERB", "AUX"} and t.tag_ in {"VBD", "VBZ", "VBP"}
                                          for t in m.sent)
                if anchor is None:
                    anchor = c
                elif should_merge(anchor, c, self.compat, anaphoric=True):
                    absorb(anchor, c, self.type_rank)
        for box in boxes:
            fields = infobox_fields(doc, box)
            types = []
            for word in fields["type_words"]:
                for w in reversed(word.split()):
                    m = self.table.single.get(w)
                    if m:
                        types.append(m[0]["type"])
                        break
            if types:
                etype = min(types, key=lambda t: self.type_rank.get(t, 99))
            elif anchor is not None:
                etype = anchor.type
            else:
                continue
            text = doc.text[box.start:box.end]
            name, name_start = box_title(doc.text, box.start, title_text, title_start)
            label = name if name is not None else text.split("\n")[0]
            c = Cluster(
                type=etype,
                trigger={"text": label, "start": name_start, "end": name_start + len(label), "lemma": etype.lower()},
                name=name, date=fields.get("date"), location=fields.get("location"),
                perpetrators=fields["perpetrators"], victims=fields["victims"], counts=fields["counts"],
                evidence=[Evidence(start=box.start, end=box.end, text=text, trigger=None)],
                confidences=[0.8], modalities=["asserted"], sources=["infobox"], first=box.start,
            )
            if anchor is None:
                anchor = c
            elif should_merge(anchor, c, self.compat, anaphoric=True):
                absorb(anchor, c, self.type_rank)
                anchor.extra["generic"] = False  # an infobox describes one incident
            if title_text is not None and anchor.trigger["start"] > c.trigger["start"]:
                anchor.trigger = c.trigger
        if anchor is not None:
            anchor.is_anchor = True
        return anchor

    def _event_type(self, c: Cluster) -> str:
        """GUIDELINES: a killing of ``massacre_min_killed`` or more people (counted
        by a CASUALTY span: low bound, else high bound) is a MASSACRE."""
        if c.type != "KILLING" or not self.massacre_min_killed:
            return c.type
        killed = [n.low if n.low is not None else n.high for n in c.counts if n.kind == "killed"]
        if max((k for k in killed if k is not None), default=0) >= self.massacre_min_killed:
            return "MASSACRE"
        return c.type

    def _to_event(self, c: Cluster) -> Event:
        c.type = self._event_type(c)
        row = self.types.get(c.type, {})
        conf = max(c.confidences) + 0.05 * (len(c.confidences) - 1)
        if "asserted" in c.modalities:
            modality = "asserted"
        elif "reported" in c.modalities:
            modality = "reported"
        else:
            modality = "disputed"
        return Event(
            id="", type=c.type, event_type=row.get("event_type", "Violence against civilians"),
            sub_event_type=row.get("sub_event_type", "Attack"), civilian_targeting=row.get("civilian_targeting"),
            trigger=Trigger(**c.trigger), name=c.name, date=c.date, location=c.location,
            perpetrators=c.perpetrators, victims=c.victims, counts=c.counts, evidence=c.evidence,
            modality=modality, confidence=round(min(0.99, conf), 3), sources=c.sources,
        )


@Language.factory(
    "warevents_events",
    assigns=["doc._.events", "doc._.war_related"],
    default_config={"min_confidence": 0.4, "relevance_threshold": 0.5, "use_relevance": True,
                    "trigger_boost": 0.35, "massacre_min_killed": 5},
)
def make_events(nlp: Language, name: str, min_confidence: float, relevance_threshold: float,
                use_relevance: bool, trigger_boost: float, massacre_min_killed: int) -> EventAssembler:
    return EventAssembler(nlp, name, min_confidence=min_confidence, relevance_threshold=relevance_threshold,
                          use_relevance=use_relevance, trigger_boost=trigger_boost,
                          massacre_min_killed=massacre_min_killed)
