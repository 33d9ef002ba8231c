"""Scope of a count: an incident's total, a subset of another count, or a running toll.

- ``subset``: the count narrows another one: "killing 34 civilians, including 12
  children", "48 wounded, 30 of whom were children", "among them 5 journalists".
  ``subset_of`` gives the character offsets of the total's span. "The dead included 12
  Dutch citizens" with no count before it stays a total.
- ``cumulative``: a running toll, told by a cue in the count's own clause ("since
  April", "since the war began", "so far", "to date", "bringing the toll to").
  A sub-count of a cumulative toll is cumulative too.
- ``total`` otherwise.
"""

from __future__ import annotations

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from ..common import max_climb

#: Words introducing a sub-count of the count before them ("including 12 children").
SUBSET_WORDS = {"including", "among", "incl.", "includes", "included", "include"}
#: Pronouns that stand for an earlier count: "30 of whom", "five of them".
SUBSET_PRONOUNS = {"whom", "them", "those", "these"}


def clause_head(token: Token) -> Token:
    """The nearest verb (or the root) at or above ``token``."""
    node = token
    for _ in range(max_climb(token)):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        node = node.head
    return node


class ScopeReader:
    """Subset and cumulative scope (mixed into :class:`Casualties`)."""

    _cumulative: Matcher

    def _cumulative_heads(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(start, end, clause head index) of every running-toll cue in ``doc``."""
        if len(self._cumulative) == 0:  # a pipeline saved before the cues existed
            return []
        return [
            (start, end, clause_head(doc[start]).i)
            for _, start, end in self._cumulative(doc)
        ]

    @staticmethod
    def subset_word(n: Token, q_start: int, q_end: int) -> Token | None:
        """The "including"/"among" or "of whom" that makes the count at ``n`` a subset."""
        doc = n.doc
        if n.dep_ in ("pobj", "dobj") and n.head.lower_ in SUBSET_WORDS:
            return n.head
        if q_start > 0 and doc[q_start - 1].lower_ in SUBSET_WORDS:
            return doc[q_start - 1]
        if q_start > 1 and doc[q_start - 1].lower_ == "them" and doc[q_start - 2].lower_ == "among":
            return doc[q_start - 2]
        if (
            q_end + 1 < len(doc)
            and doc[q_end].lower_ == "of"
            and doc[q_end + 1].lower_ in SUBSET_PRONOUNS
        ):
            return doc[q_end + 1]
        return None

    @staticmethod
    def total_of(word: Token, spans: list[Span]) -> Span | None:
        """The span a subset word narrows: the one holding the word's head noun, else
        the nearest span before it in its sentence (or the sentence before, for "them")."""
        head = word.head
        for span in spans:
            if span.start <= head.i < span.end:
                return span
        sent = word.sent
        lower = sent.start
        if word.lower_ in ("them", "those", "these") and sent.start > 0:
            lower = word.doc[sent.start - 1].sent.start
        before = [s for s in spans if lower <= s.start and s.end <= word.i]
        return before[-1] if before else None

    def scope_of(
        self,
        n: Token,
        q_start: int,
        q_end: int,
        spans: list[Span],
        cues: list[tuple[int, int, int]],
    ) -> tuple[str, list[int] | None, Span | None]:
        """(scope, subset_of offsets, the total span) of the count at ``n``."""
        scope, subset_of, total = "total", None, None
        word = self.subset_word(n, q_start, q_end)
        if word is not None:
            total = self.total_of(word, spans)
            if total is not None:
                # "the dead included 12 Dutch citizens" with no count before: a total
                scope, subset_of = "subset", [total.start_char, total.end_char]
                if total._.norm.get("scope") == "cumulative":
                    return "cumulative", subset_of, total
            elif word.lower_ in SUBSET_PRONOUNS:
                scope = "subset"
        sent = n.sent
        head = clause_head(n).i
        for start, end, cue_head in cues:
            if sent.start <= start < sent.end and cue_head == head:
                return "cumulative", subset_of, total
        return scope, subset_of, total
