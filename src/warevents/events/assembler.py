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
from collections.abc import Iterable
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import ensure_path

from ..components.base import RuleComponent
from ..components.s1_layout import read as layout
from .anchor import AnchorBuilder
from .classify import Classifier
from .collect import MentionCollector
from .index import DocIndex
from .merge_loop import MergeLoop
from .merging import Cluster
from .models import Event, EventDate, EventLocation, Evidence, Trigger, get_events  # noqa: F401
from .paragraphs import paragraph_relevance, paragraph_scores, paragraphs
from .parse import indexed_children
from .relevance import RelevanceModel, default_relevance_data
from .triggers import Cues, TriggerTable


class EventAssembler(MentionCollector, AnchorBuilder, MergeLoop, RuleComponent):
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
            relevance = default_relevance_data()
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
        self.classifier = Classifier(self.cues, self.types, self.massacre_min_killed)

    # -- spaCy protocol -------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            doc._.events = [e.model_dump() for e in self.assemble(doc)]
        except Exception as err:
            error_handler(self.name, self, [doc], err)
        return doc

    # Settings live in the pipeline config only (as for the span stages): to_disk writes
    # data (tables, the relevance model), never settings, so values passed through
    # spacy.load(path, config={"components": {"warevents_events": {...}}}) are the ones in
    # force. A cfg.json written by older versions repeats the saved config and is ignored.
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        super().to_disk(path, exclude=exclude)
        path = ensure_path(path)
        if self.relevance_data:
            (path / "relevance.json").write_text(json.dumps(self.relevance_data), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EventAssembler:
        path = ensure_path(path)
        if (path / "relevance.json").exists():
            self.relevance_data = json.loads((path / "relevance.json").read_text(encoding="utf-8"))
        return super().from_disk(path, exclude=exclude)  # type: ignore[return-value]

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"data": self.data, "relevance": self.relevance_data})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> EventAssembler:
        msg = srsly.msgpack_loads(data)  # a "cfg" entry (older bytes) is ignored, as cfg.json is
        self.data.update(msg["data"])
        self.relevance_data = msg["relevance"]
        self._compile()
        return self

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
        paras = layout.paragraph_offsets(doc)
        if not paras or len(doc) == 0:
            doc._.war_related = False
            return []
        matches = self.table.match_doc(doc)  # once per doc, reused per sentence
        relevant = layout.war_flags(doc)  # decided once by warevents_relevance
        if relevant is None:  # a pipeline without that stage (saved by an older version)
            scores = self.paragraph_scores(doc, paras, matches)
            relevant = [s >= self.relevance_threshold for s in scores]
            doc._.war_related = any(relevant)
        index = DocIndex(doc, paras)
        boxes = layout.infoboxes(doc, self.keys)
        title_para = layout.title(doc)
        title_text = text[paras[title_para][0]:paras[title_para][1]].strip() if title_para is not None else None

        mentions = self._collect_mentions(doc, index, matches, relevant, boxes, title_text)
        title_start = None
        if title_text is not None:
            title_start = text.index(title_text, paras[title_para][0])
        anchor = self._anchor(doc, mentions, boxes, title_text, title_start)
        clusters = self._merge_mentions(mentions, index, anchor, paras, text)
        clusters = [c for c in clusters if not c.is_anchor or self._anchor_supported(c, title_text)]
        events = [self._to_event(c) for c in sorted(clusters, key=lambda c: c.first)]
        events = [e for e in events if e.confidence >= self.min_confidence]
        for n, ev in enumerate(events, start=1):
            ev.id = f"ev{n}"
        return events

    def _event_type(self, c: Cluster) -> str:
        """The record's final type (:class:`warevents.events.classify.Classifier`): armed
        forces killed make a BATTLE, an attack on civilians is one-sided, and a killing of
        ``massacre_min_killed`` or more defenceless people (a CASUALTY span: low bound, else
        high bound) is a MASSACRE (GUIDELINES E1)."""
        return self._decide(c).type

    def _decide(self, c: Cluster):
        lemma = (c.trigger or {}).get("lemma", "")
        return self.classifier.decide(c.type, trigger_lemma=lemma, means=c.extra.get("means"),
                                      perpetrators=c.perpetrators, victims=c.victims, counts=c.counts,
                                      military_target=bool(c.extra.get("military_target")))

    def _to_event(self, c: Cluster) -> Event:
        decision = self._decide(c)
        c.type = decision.type
        conf = max(c.confidences) + 0.05 * (len(c.confidences) - 1)
        if "asserted" in c.modalities:
            modality = "asserted"
        elif "reported" in c.modalities:
            modality = "reported"
        else:
            modality = "disputed"
        return Event(
            id="", type=c.type, event_type=decision.event_type, sub_event_type=decision.sub_event_type,
            civilian_targeting=decision.civilian_targeting, type_of_violence=decision.type_of_violence,
            trigger=Trigger(**c.trigger), name=c.name, date=c.date, location=c.location,
            perpetrators=c.perpetrators, victims=c.victims, evidence=c.evidence,
            counts=[n for n in c.counts if n.scope != "subset"],
            sub_counts=[n for n in c.counts if n.scope == "subset"],
            modality=modality, merge_ties=list(c.extra.get("ties", [])), confidence=round(min(0.99, conf), 3), sources=c.sources,
        )


@Language.factory(
    "warevents_events",
    # the layout stage's span groups and the relevance stage's decision
    requires=["doc.spans", "doc._.war_related", "doc.ents"],
    assigns=["doc._.events"],
    default_config={"min_confidence": 0.4, "relevance_threshold": 0.5, "use_relevance": True,
                    "trigger_boost": 0.35, "massacre_min_killed": 5},
)
def make_events(nlp: Language, name: str, min_confidence: float, relevance_threshold: float,
                use_relevance: bool, trigger_boost: float, massacre_min_killed: int) -> EventAssembler:
    return EventAssembler(nlp, name, min_confidence=min_confidence, relevance_threshold=relevance_threshold,
                          use_relevance=use_relevance, trigger_boost=trigger_boost,
                          massacre_min_killed=massacre_min_killed)
