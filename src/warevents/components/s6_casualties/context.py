"""The war/violence gate: cue counts per paragraph, and a veto per sentence."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.attrs import LEMMA, LOWER, POS
from spacy.tokens import Doc, Span

from ..common import CANDIDATES
from ..s1_layout.read import token_paragraphs
from .harm import _Harm


@dataclass
class _Cues:
    """Cue counts per paragraph and the token indices of every cue."""

    war: dict[int, int] = field(default_factory=dict)
    crime: dict[int, int] = field(default_factory=dict)
    nonwar: dict[int, int] = field(default_factory=dict)
    war_tokens: set[int] = field(default_factory=set)
    crime_tokens: set[int] = field(default_factory=set)
    nonwar_tokens: set[int] = field(default_factory=set)


class WarContext:
    """War, criminal-justice and accident/disaster cues (mixed into :class:`Casualties`)."""

    # -- context -------------------------------------------------------------
    def _paragraphs(self, doc: Doc) -> list[int]:
        """Paragraph index of every token, from the layout stage's paragraphs."""
        return token_paragraphs(doc)

    def _cues(self, doc: Doc, para: list[int]) -> _Cues:
        cues = _Cues()
        strings = doc.vocab.strings
        arr = doc.to_array([LOWER, LEMMA, POS]).tolist()
        lower_of = {h: strings[h] for h in {row[0] for row in arr}}
        lemma_of = {h: strings[h].lower() for h in {row[1] for row in arr}}
        lowered = [lower_of[row[0]] for row in arr]
        lemmas = [lemma_of[row[1]] for row in arr]
        pos_of = [row[2] for row in arr]
        need = {term: doc.vocab.strings.add(pos) for term, pos in self._cue_pos.items()}
        tables = (
            (self._war_cues, cues.war, cues.war_tokens),
            (self._crime_cues, cues.crime, cues.crime_tokens),
            (self._nonwar_cues, cues.nonwar, cues.nonwar_tokens),
        )
        for i in range(len(doc)):
            words = {w for w in (lowered[i], lemmas[i]) if need.get(w, pos_of[i]) == pos_of[i]}
            if i + 1 < len(doc):
                words |= {f"{lowered[i]} {lowered[i + 1]}", f"{lemmas[i]} {lemmas[i + 1]}"}
            for terms, counts, tokens in tables:
                if words & terms:
                    counts[para[i]] = counts.get(para[i], 0) + 1
                    tokens.add(i)
        for span in doc.spans.get(CANDIDATES["MILITARY_UNIT"], []):
            cues.war[para[span.start]] = cues.war.get(para[span.start], 0) + 1
            cues.war_tokens.add(span.start)
        return cues

    def _in_context(
        self,
        harm: _Harm,
        p: int,
        cues: _Cues,
        nonempty: list[int],
        doc_flag: bool | None,
        sent: Span | None = None,
    ) -> bool:
        if harm.custody:
            return cues.war.get(p, 0) > cues.crime.get(p, 0)
        if sent is not None and self._vetoed(harm, p, cues, sent):
            return False
        if harm.violent or doc_flag is True:
            return True
        pos = nonempty.index(p) if p in nonempty else None
        window = [p] if pos is None else nonempty[max(0, pos - 1) : pos + 2]
        return any(cues.war.get(k, 0) for k in window)

    @staticmethod
    def _vetoed(harm: _Harm, p: int, cues: _Cues, sent: Span) -> bool:
        """Harm from an accident, a disaster, disease or ordinary crime (GUIDELINES C4):
        the count's sentence names such a cause and no war cue ("Sixteen people are
        killed when the funicular crashes"); or the sentence names neither and its
        paragraph only names such causes, or the document names such causes over twice
        as often as war. A violent trigger ("massacred") is war evidence of its own."""
        ids = range(sent.start, sent.end)
        if any(i in cues.war_tokens for i in ids):
            return False
        if any(i in cues.crime_tokens for i in ids) and not cues.war.get(p, 0):
            # "a doctor was charged with murdering twelve patients": even a violent verb
            return True
        if harm.violent:
            return False
        if any(i in cues.nonwar_tokens or i in cues.crime_tokens for i in ids):
            return True
        if len(cues.nonwar_tokens) > 2 * len(cues.war_tokens):
            # a page about a disaster ("350 bodies had been recovered"): no war cue of its own
            return True
        return cues.nonwar.get(p, 0) > 0 and cues.war.get(p, 0) == 0
