"""Counts of people harmed that a trigger governs, from the CASUALTY spans of its sentence.

The span norm's optional ``scope`` is honoured: ``cumulative`` tolls are set aside (they
date no incident), ``subset`` counts ("including 7 children") are marked so that they never
replace the total. Without CASUALTY spans, a plain numeral on a victim noun counts.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .index import DocIndex
from .lexicon import number_qualifiers
from .models import Count, CountSource
from .parse import children, tree_distance
from .triggers import TriggerMatch


def governed_counts(m: TriggerMatch, sent: Span, victim_toks: list[Token], default_kind: str | None,
                    n_triggers: int, index: DocIndex, cumulative: list[Span] | None = None) -> list[Count]:
    """The counts the trigger governs; cumulative tolls (the span norm's ``scope``) go to
    ``cumulative`` instead, and subset counts carry ``scope="subset"``."""
    cumulative = [] if cumulative is None else cumulative
    casualties = index.in_span(sent, "CASUALTY")
    chosen: list[Span] = []
    subtree = {t.i for t in m.token.subtree} if casualties else set()
    for c in casualties:
        governed = c.root.i in subtree or c.root.head == m.token or tree_distance(m.token, c.root) <= 2
        if governed or n_triggers == 1:
            chosen.append(c)
    out: list[Count] = []
    for c in chosen:
        norm = c._.norm or {}
        kind = norm.get("kind") or default_kind
        if not kind:
            continue
        scope = norm.get("scope") or "total"
        if scope == "cumulative":  # "the toll since April rose to 300": a running total, not this incident's
            cumulative.append(c)
            continue
        low, high = norm.get("low"), norm.get("high")
        out.append(Count(kind=kind, low=low, high=high, qualifier=norm.get("qualifier"),
                         scope="subset" if scope == "subset" else None,
                         sources=[CountSource(text=c.text, start=c.start_char, end=c.end_char, low=low, high=high)]))
    if out or casualties or not default_kind:
        return out
    # No CASUALTY tagger output: a plain numeral on the victims ("18 people were killed")
    for v in victim_toks:
        for num in (c for c in children(v) if c.dep_ == "nummod"):
            digits = num.text.replace(",", "")
            if not digits.isdigit() or num.ent_type_ == "DATE" or v.ent_type_ == "DATE":
                continue
            n = int(digits)
            quals = number_qualifiers()
            qual = next((quals[q.lower_] for q in children(num) if q.lower_ in quals), None)
            low, high = n, n
            if qual == "more than" or qual == "at least":
                high = None
            elif qual in {"nearly", "up to"}:
                low = None
            span = v.doc[min(num.i, v.i): max(num.i, v.i) + 1]
            out.append(Count(kind=default_kind, low=low, high=high, qualifier=qual,
                             sources=[CountSource(text=span.text, start=span.start_char, end=span.end_char,
                                                  low=low, high=high)]))
    return out



__all__ = ["governed_counts"]
