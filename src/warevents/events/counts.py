"""Counts of people harmed that a trigger governs, from the CASUALTY spans of its sentence.

The span norm's optional ``scope`` is honoured: ``cumulative`` tolls are set aside (they
date no incident), ``subset`` counts ("including 7 children") are marked so that they never
replace the total. Implicit counts (the casualty stage's span group ``IMPLICIT_GROUP``:
"a man was shot dead" = 1, "a woman and her two children" = 3) count when the sentence has
no explicit CASUALTY count of that kind, or when they hold the explicit span (the fuller
count wins); such a count says ``implicit=True``. An implicit count names particular
people, often a part of a toll, so an explicit count of its kind keeps it out. Without
either, a plain numeral on a victim noun counts.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..components.s6_casualties.implicit import IMPLICIT_GROUP
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
    implicit = implicit_spans(sent)
    subtree = {t.i for t in m.token.subtree} if casualties or implicit else set()

    def governs(c: Span) -> bool:
        governed = c.root.i in subtree or c.root.head == m.token or tree_distance(m.token, c.root) <= 2
        return governed or n_triggers == 1

    chosen = [c for c in casualties if governs(c)]
    chosen_implicit = [c for c in implicit if governs(c)]
    # "a woman and her two children": the implicit count holds the explicit one and replaces it
    fuller = [c for c in chosen if any(i.start <= c.start and c.end <= i.end for i in chosen_implicit)]
    chosen = [c for c in chosen if c not in fuller]
    out = _span_counts(chosen, default_kind, cumulative)
    for span in chosen_implicit:
        # an explicit count of that kind anywhere in the sentence, not held by this span, wins:
        # "Twelve villagers were killed, including a priest who was shot dead" stays 12
        kind = (span._.norm or {}).get("kind") or default_kind
        rival = any((c._.norm or {}).get("kind", default_kind) == kind
                    and not (span.start <= c.start and c.end <= span.end) for c in casualties)
        if not rival:
            out.extend(n.model_copy(update={"implicit": True})
                       for n in _span_counts([span], default_kind, cumulative))
    if out or casualties or not default_kind:
        return out
    return _numeral_counts(victim_toks, default_kind)


def implicit_spans(sent: Span) -> list[Span]:
    """The casualty stage's implicit counts inside ``sent`` (none when the stage did not run)."""
    group = sent.doc.spans.get(IMPLICIT_GROUP) if IMPLICIT_GROUP in sent.doc.spans else None
    if not group:
        return []
    return [s for s in group if sent.start <= s.start and s.end <= sent.end]


def _span_counts(chosen: list[Span], default_kind: str | None, cumulative: list[Span]) -> list[Count]:
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
    return out


def _numeral_counts(victim_toks: list[Token], default_kind: str) -> list[Count]:
    """No CASUALTY tagger output: a plain numeral on the victims ("18 people were killed")."""
    out: list[Count] = []
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



__all__ = ["governed_counts", "implicit_spans"]
