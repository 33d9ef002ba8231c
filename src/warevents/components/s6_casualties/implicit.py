"""Implicit counts: people counted by a singular or group noun, not by a number.

"a man was shot dead" (1), "a woman and her child were killed" (2), "a couple" (2),
"a family of five" (5). GUIDELINES C3 does not make these CASUALTY spans, so they go to
their own span group (:data:`IMPLICIT_GROUP`), norm ``implicit: true``, for the events
stage to use as counts. An implicit count may hold an explicit span ("a woman and her two
children" = 3 holds "two children" = 2): it is then the fuller count. A plural conjunct without a number ("a man and his sons")
makes the count open-ended (low = the people counted so far + 2, high None).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ...schemas import CasualtyValue
from .harm import _Harm

#: Span group of the implicit counts (never written to ``doc.ents``).
IMPLICIT_GROUP = "warevents_casualties_implicit"
_INDEFINITE = {"a", "an"}
_POSSESSIVE = {"his", "her", "their", "its", "our", "my", "your"}
#: Group nouns with a fixed size.
_FIXED = {"couple": 2, "pair": 2, "twin": 2}


class ImplicitCounts:
    """Counts read off singular and group nouns (mixed into :class:`Casualties`)."""

    def _implicit_member(self, tok: Token) -> tuple[int, int | None] | None:
        """(low, high) people one conjunct stands for, or None if it is no person."""
        lemma = tok.lemma_.lower()
        if tok.tag_ in ("NN", "NNP") and lemma in _FIXED:
            return _FIXED[lemma], _FIXED[lemma]
        if lemma == "family":
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for obj in prep.children:
                        value = self._number_value(obj) if obj.dep_ == "pobj" else None
                        if value is not None and int(value) == value and value > 0:
                            return int(value), int(value)
            return None
        if not self._is_people_head(tok) or tok.ent_type_ == "NORP" and tok.tag_ == "NNPS":
            return None
        if tok.tag_ in ("NNS", "NNPS"):
            for child in tok.children:
                if child.dep_ == "nummod":
                    value = self._number_value(child)
                    if value is not None and int(value) == value:
                        return int(value), int(value)
            return 2, None
        return (1, 1) if tok.tag_ in ("NN", "NNP") else None

    def _implicit_counts(
        self, doc: Doc, taken: set[int], gate: Callable[[_Harm, Token], bool]
    ) -> list[Span]:
        out: list[Span] = []
        for tok in doc:
            if tok.i in taken or tok.dep_ == "conj" or tok.tag_ not in ("NN", "NNP"):
                continue
            det = next((c for c in tok.children if c.dep_ == "det" and c.i < tok.i), None)
            if det is None or det.lower_ not in _INDEFINITE:
                continue
            if tok.lemma_.lower() in _FIXED and any(
                c.dep_ == "prep" and c.lower_ == "of" for c in tok.children
            ):
                continue  # "a couple of soldiers": a vague quantity
            first = self._implicit_member(tok)
            if first is None:
                continue
            low, high = first
            end = tok.i + 1
            for conj in tok.conjuncts:
                if conj.i < tok.i:
                    continue
                lead = next((c for c in conj.children if c.dep_ in ("det", "poss")), None)
                if lead is not None and lead.lower_ not in _INDEFINITE | _POSSESSIVE:
                    break
                member = self._implicit_member(conj)
                if member is None:
                    break
                low += member[0]
                high = None if high is None or member[1] is None else high + member[1]
                end = conj.i + 1
            if tok.lemma_.lower() == "family":
                end = max(end, max(t.i for t in tok.subtree) + 1)
            harm = self._resolve(tok)
            if not isinstance(harm, _Harm) or harm.requires_person or not gate(harm, tok):
                # "beat a journalist": a verb that means killing only with a count of people
                continue
            span = Span(doc, det.i, end, label=self.label)
            span._.norm = CasualtyValue(
                kind=harm.kind,
                low=low,
                high=high,
                victims=doc[det.i + 1 : end].text,
                trigger=harm.trigger,
                implicit=True,
            ).model_dump()
            out.append(span)
            taken.update(range(det.i, end))
        return out
