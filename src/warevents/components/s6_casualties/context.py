"""The war/violence gate: cue counts per paragraph."""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc

from ..common import CANDIDATES
from ..s1_layout.read import token_paragraphs
from .harm import _Harm


class WarContext:
    """War and criminal-justice cues per paragraph (mixed into :class:`Casualties`)."""

    # -- context -------------------------------------------------------------
    def _paragraphs(self, doc: Doc) -> list[int]:
        """Paragraph index of every token, from the layout stage's paragraphs."""
        return token_paragraphs(doc)

    def _cue_counts(self, doc: Doc, para: list[int]) -> tuple[dict[int, int], dict[int, int]]:
        war: dict[int, int] = {}
        crime: dict[int, int] = {}
        strings = doc.vocab.strings
        arr = doc.to_array([LOWER, LEMMA]).tolist()
        lower_of = {h: strings[h] for h in {a for a, _ in arr}}
        lemma_of = {h: strings[h].lower() for h in {b for _, b in arr}}
        lowered = [lower_of[a] for a, _ in arr]
        lemmas = [lemma_of[b] for _, b in arr]
        for i in range(len(doc)):
            words = {lowered[i], lemmas[i]}
            if i + 1 < len(doc):
                words |= {f"{lowered[i]} {lowered[i + 1]}", f"{lemmas[i]} {lemmas[i + 1]}"}
            if words & self._war_cues:
                war[para[i]] = war.get(para[i], 0) + 1
            if words & self._crime_cues:
                crime[para[i]] = crime.get(para[i], 0) + 1
        for span in doc.spans.get(CANDIDATES["MILITARY_UNIT"], []):
            war[para[span.start]] = war.get(para[span.start], 0) + 1
        return war, crime

    def _in_context(
        self,
        harm: _Harm,
        p: int,
        war: dict[int, int],
        crime: dict[int, int],
        nonempty: list[int],
        doc_flag: bool | None,
    ) -> bool:
        if harm.custody:
            return war.get(p, 0) > crime.get(p, 0)
        if harm.violent or doc_flag is True:
            return True
        pos = nonempty.index(p) if p in nonempty else None
        window = [p] if pos is None else nonempty[max(0, pos - 1) : pos + 2]
        return any(war.get(k, 0) for k in window)
