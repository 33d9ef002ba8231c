"""Place candidates, their selection, and the per-document context the rules share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span

from ..common import CANDIDATES

if TYPE_CHECKING:
    from .component import Places


_CJK = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff]+$")
_NUMBERED = re.compile(r"^\d{1,5}(?:st|nd|rd|th)?$")
_REFERENCE_LINE = re.compile(r"^\s*(?:\d+\.\s*)?\^")
_DETERMINERS = {"the", "a", "an", "The", "A", "An", "THE"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
#: Order in which overlapping candidates of equal length are preferred.
_NOT_PLACE_LABELS = {"NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_SOURCE_RANK = {"gazetteer": 0, "pattern": 1, "geonames": 2, "ner": 3}


# -- candidates -------------------------------------------------------------
# -- candidates -------------------------------------------------------------
@dataclass
class _Cand:
    start: int
    end: int
    kind: str  # name | facility | cjk
    source: str  # gazetteer | pattern | ner | geonames
    row: dict[str, Any] | None = None
    name_end: int | None = None  # end of the proper-name part (before a feature word)
    feature: str | None = None
    canonical: str | None = None
    norm: dict[str, Any] = field(default_factory=dict)

    @property
    def length(self) -> int:
        return self.end - self.start


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates: longest first, then the more reliable source."""
    ranked = sorted(cands, key=lambda c: (-c.length, _SOURCE_RANK.get(c.source, 9), c.start))
    taken: set[int] = set()
    out = []
    for c in ranked:
        if any(i in taken for i in range(c.start, c.end)):
            continue
        taken.update(range(c.start, c.end))
        out.append(c)
    return sorted(out, key=lambda c: c.start)


def _clean_name(text: str) -> str:
    return " ".join(text.split())


def _link_pair(a: _Cand, b: _Cand) -> None:
    a_name, b_name = a.norm["canonical"], b.norm["canonical"]
    if b_name not in a.norm.setdefault("linked_to", []):
        a.norm["linked_to"].append(b_name)
    if a_name not in b.norm.setdefault("linked_to", []) and a_name != b_name:
        b.norm["linked_to"].append(a_name)


class _Context:
    """Per-document lookups shared by the rules (pretrained entities, lines)."""

    def __init__(self, doc: Doc, ents: list[Span], comp: Places) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text rebuilds the string on every access
        self.ents = ents
        self.comp = comp
        self._label = [""] * len(doc)
        self._place = [False] * len(doc)
        for ent in ents:
            for i in range(ent.start, ent.end):
                self._label[i] = ent.label_
                if ent.label_ in comp.ner_labels:
                    self._place[i] = True
        self._unit = [False] * len(doc)
        for span in doc.spans.get(CANDIDATES["MILITARY_UNIT"], []):
            for i in range(span.start, span.end):
                self._unit[i] = True
        self._ref_lines: dict[int, bool] = {}
        #: token end -> named candidate ending there (filled once norms exist)
        self.names_by_end: dict[int, _Cand] = {}
        #: ISO codes of the countries the document names (set before normalising)
        self.countries: set[str] = set()
        self._orths: list[int] = doc.to_array(ORTH).tolist() if len(doc) else []
        self._texts: dict[int, str] | None = None

    def where(self, test: Any) -> list[int]:
        """Indices of the tokens whose text passes ``test`` (called once per distinct text)."""
        if self._texts is None:
            strings = self.doc.vocab.strings
            self._texts = {orth: strings[orth] for orth in set(self._orths)}
        ok = {orth: bool(test(text)) for orth, text in self._texts.items()}
        return [i for i, orth in enumerate(self._orths) if ok[orth]]

    def in_unit(self, start: int, end: int) -> bool:
        """Does the span overlap a MILITARY_UNIT candidate (written by the earlier stage)?"""
        return any(self._unit[start:end])

    def ent_label(self, i: int) -> str:
        return self._label[i]

    def is_place_ent(self, start: int, end: int) -> bool:
        return all(self._place[i] for i in range(start, end))

    def ents_over(self, start: int, end: int) -> list[Span]:
        return [e for e in self.ents if e.start <= start and end <= e.end]

    def starts_place(self, i: int) -> bool:
        return self._place[i]

    def locative_before(self, i: int) -> bool:
        """A preposition or verb of place before i: ``in X``, ``In X``, ``north of X``,
        ``the village of X``, ``shelled X``."""
        doc, comp = self.doc, self.comp
        j = i - 1
        while j >= 0 and doc[j].text in _DETERMINERS:
            j -= 1
        if j < 0:
            return False
        if doc[j].text in comp.words.get("locative", ()) or doc[j].lower_ in comp.locative_lower:
            return True
        if doc[j].lower_ in comp.locative_weak:  # "a book on Lincoln": not before a person or org
            return self._label[i] not in {"PERSON", "ORG"}
        if doc[j].lower_ == "of" and j > 0:
            prev = doc[j - 1].lower_
            return prev in comp.direction_of or prev in comp.settlement_of
        return False

    def place_cue(self, start: int, end: int) -> bool:
        """Evidence that an ambiguous gazetteer name is a place here."""
        if any(self._label[i] in {"PERSON", "ORG", "NORP"} for i in range(start, end)):
            return False
        doc, w = self.doc, self.comp.words
        if any(self._place[i] for i in range(start, end)) or self.locative_before(start):
            return True
        if end < len(doc) and (doc[end].text in w.get("event_head", ()) or doc[end].text == "("):
            return True
        return start >= 2 and doc[start - 1].text == "(" or start > 0 and doc[start - 1].text == "/"

    def in_citation(self, start: int, end: int) -> bool:
        """Inside a source credit in brackets after a sentence: ``... in Gaza. (Middle East
        Monitor) (India Today)``, ``(AP via Ottumwa Courier)``."""
        doc = self.doc
        k = start - 1
        while k >= 0 and start - k <= 6 and doc[k].text not in {"(", ")"} and "\n" not in doc[k].text:
            k -= 1
        if k < 1 or doc[k].text != "(":
            return False
        j = end
        while j < len(doc) and j - end <= 6 and doc[j].text not in {"(", ")"}:
            j += 1
        if j >= len(doc) or doc[j].text != ")":
            return False
        return self._credit_opens(k)

    def _credit_opens(self, k: int) -> bool:
        """Does the bracket at token k follow a sentence end or another credit?"""
        doc = self.doc
        for _ in range(4):  # "(Reuters) (The Times of Israel) (Ynet News)"
            prev = doc[k - 1] if k >= 1 else None
            if prev is None:
                return False
            if prev.text in {".", "!", "?", '"', "”"}:
                return True
            if prev.text != ")":
                return False
            k = k - 2
            while k >= 0 and k > prev.i - 8 and doc[k].text != "(":
                k -= 1
            if k < 1 or doc[k].text != "(":
                return False
        return False

    def in_reference_line(self, i: int) -> bool:
        text = self.text
        char = self.doc[i].idx
        line_start = text.rfind("\n", 0, char) + 1
        if line_start not in self._ref_lines:
            line_end = text.find("\n", char)
            line = text[line_start : line_end if line_end >= 0 else len(text)]
            self._ref_lines[line_start] = bool(_REFERENCE_LINE.match(line))
        return self._ref_lines[line_start]
