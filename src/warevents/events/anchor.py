"""The document's title record, enriched by the infoboxes about it.

A title mention ("Gegenmiao massacre") and each infobox block become one
anchor record that later mentions inherit dates and places from; the anchor is
kept as a record only when the body or an infobox reports it
(:meth:`AnchorBuilder._anchor_supported`).

Mixed into :class:`warevents.events.assembler.EventAssembler`, which provides
``table``, ``compat``, ``type_rank`` and ``_to_cluster``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .infobox import Infobox, box_title, infobox_fields, is_heading
from .linking import Mention
from .merging import Cluster, absorb, should_merge
from .models import Evidence
from .triggers import TriggerTable


class AnchorBuilder:
    """Title and infobox handling (a mixin of the events stage)."""

    table: TriggerTable
    compat: dict[str, set[str]]
    type_rank: dict[str, int]

    def _anchor(self, doc: Doc, mentions: list[Mention], boxes: list[Infobox], title_text: str | None,
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

    def _anchor_supported(self, c: Cluster, title_text: str | None) -> bool:
        """A title event is a record when an infobox or a prose sentence of the body
        (ending like a sentence) also reports it, or when the title is a headline with a
        finite verb. A noun-phrase title alone ("Soviet Invasion of Manchuria - War
        Crimes") names the page's frame, not an incident the page reports."""
        if "infobox" in c.sources:
            return True
        if any(not is_heading(e.text) for e in c.evidence):
            return True
        return bool(c.extra.get("headline"))
