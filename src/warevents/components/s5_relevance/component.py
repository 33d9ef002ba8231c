"""The ``warevents_relevance`` component: is each paragraph about war? Decided once.

The TF-IDF relevance model (``data/relevance/model.json``, or the one a
trained pipeline saved) scores every paragraph of the layout stage, boosted by
a war trigger or a MILITARY_UNIT candidate in it when the classifier finds it
borderline (never one it rejects: :func:`warevents.events.paragraphs.paragraph_scores`). It writes
``war_score``/``war_related`` into the attributes of each ``layout_paragraphs``
span and ``doc._.war_related`` (any paragraph relevant). The
casualty stage and the events stage both read these, so they agree.

It runs after the lemmatizer (triggers are matched on lemmas) and the
military-unit stage, and before the casualty stage: the earliest point where
its inputs exist.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from ...events.paragraphs import BORDERLINE, paragraph_scores
from ...events.relevance import RelevanceModel, default_relevance_data
from ...events.triggers import TriggerTable
from ..base import RuleComponent
from ..common import CANDIDATES
from ..s1_layout.component import PARAGRAPHS
from ..s1_layout.read import paragraph_offsets


class WarRelevance(RuleComponent):
    """Per-paragraph and per-document war relevance."""

    data_files = {"triggers": ("triggers.jsonl",), "context": ("lexicons", "casualty_context.jsonl")}

    def __init__(self, nlp: Language, name: str = "warevents_relevance", *, threshold: float = 0.5,
                 trigger_boost: float = 0.35, use_model: bool = True,
                 relevance: dict[str, Any] | None = None, borderline: float = BORDERLINE) -> None:
        self.threshold = threshold
        self.borderline = borderline
        self.trigger_boost = trigger_boost
        self.use_model = use_model
        if relevance is None and use_model:
            relevance = default_relevance_data()
        self.relevance_data = relevance
        super().__init__(nlp, name)

    def _compile(self) -> None:
        self.table = TriggerTable(self.data["triggers"])
        # the one war-word list (also the casualty stage's context gate): words and two-word phrases
        self.war_words = frozenset(
            r["term"] for r in self.data.get("context", []) if r.get("type") == "war" and not r.get("pos")
        )
        self.model = RelevanceModel.from_dict(self.relevance_data) if self.relevance_data else None

    def set_model(self, relevance: dict[str, Any] | None) -> None:
        """Use another relevance model (e.g. one retrained by ``warevents train``)."""
        self.relevance_data = relevance
        self._compile()

    # -- spaCy protocol -------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self.set_relevance(doc)
        except Exception as err:  # noqa: BLE001 - spaCy's error-handler protocol
            error_handler(self.name, self, [doc], err)
        return doc

    def scores(self, doc: Doc, paras: list[tuple[int, int]]) -> list[float]:
        war = {m.token.idx for m in self.table.match_doc(doc) if m is not None and m.war}
        war |= self._war_word_chars(doc)
        units = [s.start_char for s in doc.spans.get(CANDIDATES["MILITARY_UNIT"], [])]
        model = self.model if self.use_model else None
        return paragraph_scores(doc, paras, model, is_war_trigger=war, trigger_boost=self.trigger_boost,
                                unit_chars=units, borderline=self.borderline)

    def _war_word_chars(self, doc: Doc) -> set[int]:
        """Offsets of the tokens that start a war word or two-word phrase ("uprising",
        "air strike"); like a war trigger, one raises only a borderline paragraph."""
        out = set()
        words = self.war_words
        for i, tok in enumerate(doc):
            forms = {tok.lower_, tok.lemma_.lower()}
            if i + 1 < len(doc):
                nxt = doc[i + 1]
                forms |= {f"{tok.lower_} {nxt.lower_}", f"{tok.lemma_.lower()} {nxt.lemma_.lower()}"}
            if forms & words:
                out.add(tok.idx)
        return out

    def set_relevance(self, doc: Doc) -> None:
        paras = paragraph_offsets(doc)
        if not paras or len(doc) == 0:
            doc._.war_related = False
            return
        scores = self.scores(doc, paras)
        flags = [s >= self.threshold for s in scores]
        doc._.war_related = any(flags)
        if PARAGRAPHS in doc.spans:
            group = doc.spans[PARAGRAPHS]
            group.attrs["layout"] = [{**attrs, "war_score": round(float(score), 6), "war_related": flag}
                                     for attrs, score, flag in zip(group.attrs["layout"], scores, flags)]

    # settings live in the config; to_disk writes data only (the trigger table, the model)
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        super().to_disk(path, exclude=exclude)
        if self.relevance_data:
            (ensure_path(path) / "relevance.json").write_text(json.dumps(self.relevance_data), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> WarRelevance:
        path = ensure_path(path)
        if (path / "relevance.json").exists():
            self.relevance_data = json.loads((path / "relevance.json").read_text(encoding="utf-8"))
        return super().from_disk(path, exclude=exclude)  # type: ignore[return-value]

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"data": self.data, "relevance": self.relevance_data})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> WarRelevance:
        msg = srsly.msgpack_loads(data)
        self.data.update(msg["data"])
        self.relevance_data = msg["relevance"]
        self._compile()
        return self
