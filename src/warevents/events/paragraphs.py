"""Paragraphs and their war relevance, as pure functions of a Doc.

The ``warevents_relevance`` stage (before the casualty stage) makes this decision
once per document; the events stage reads it, and calls the same functions
itself only in pipelines saved without that stage. Paragraphs are the layout
stage's (:mod:`warevents.components.s1_layout`).

>>> paragraphs("Title\\n\\nFirst line.\\nSecond line.")
[(0, 5), (7, 18), (19, 31)]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from functools import cache

from spacy.tokens import Doc, Token

from ..components.common import data_path, read_jsonl
from ..components.s1_layout.blocks import paragraphs
from .relevance import RelevanceModel

SHORT_PARAGRAPH_WORDS = 12
#: below this classifier probability a paragraph is rejected outright: a war trigger or a
#: unit mention can raise only a borderline paragraph (``borderline`` <= p < threshold)
BORDERLINE = 0.25
#: a neighbouring paragraph at least this likely to be about war also raises a borderline one
NEIGHBOUR_LEVEL = 0.5


@cache
def reference_line() -> re.Pattern[str]:
    """A citation or bibliography line (``data/patterns/layout.jsonl``, read once)."""
    rows = read_jsonl(data_path("patterns", "layout.jsonl"))
    return re.compile("|".join(r["pattern"] for r in rows if r["type"] == "reference_line"))


def paragraph_scores(doc: Doc, paras: list[tuple[int, int]], model: RelevanceModel | None, *,
                     is_war_trigger: Callable[[Token], bool] | Iterable[int], trigger_boost: float,
                     unit_chars: Iterable[int] | None = None, borderline: float = BORDERLINE) -> list[float]:
    """Probability that each paragraph is about war (1.0 each without a model).

    A short paragraph (heading, infobox row) is judged with its neighbours; a
    reference line scores 0; a borderline paragraph (probability at least
    ``borderline``) holding a war trigger or a MILITARY_UNIT mention is boosted
    by ``trigger_boost``, as is one next to a paragraph the classifier calls war
    (``NEIGHBOUR_LEVEL``); one the classifier rejects (below ``borderline``) stays
    rejected whatever words it holds. ``is_war_trigger``
    is a token predicate, or the character offsets of the war triggers;
    ``unit_chars`` the start offsets of the unit mentions (default: the
    MILITARY_UNIT entities of ``doc.ents``).
    """
    text = doc.text
    if model is None:
        return [1.0] * len(paras)
    inputs = []
    for i, (s, e) in enumerate(paras):
        chunk = text[s:e]
        if len(chunk.split()) < SHORT_PARAGRAPH_WORDS:  # headings, infobox rows: judge with their neighbours
            lo, hi = max(0, i - 2), min(len(paras), i + 3)
            chunk = " ".join(text[a:b] for a, b in paras[lo:hi])
        inputs.append(chunk)
    probs = model.predict_proba(inputs)
    war_chars = {t.idx for t in doc if is_war_trigger(t)} if callable(is_war_trigger) else set(is_war_trigger)
    # character offsets of war triggers and unit mentions, sorted: a paragraph holds
    # one iff the first offset >= its start is < its end (bisection, not all pairs)
    if unit_chars is None:
        unit_chars = [e.start_char for e in doc.ents if e.label_ == "MILITARY_UNIT"]
    cue_chars = sorted(war_chars | set(unit_chars))
    scores = []
    is_reference = reference_line().search
    for i, ((s, e), p) in enumerate(zip(paras, probs)):
        if is_reference(text[s:e]):
            scores.append(0.0)
            continue
        k = bisect_left(cue_chars, s)
        # a borderline paragraph next to one the classifier calls war continues its story
        near = any(0 <= j < len(probs) and probs[j] >= NEIGHBOUR_LEVEL for j in (i - 1, i + 1))
        cue = (k < len(cue_chars) and cue_chars[k] < e or near) and p >= borderline
        scores.append(1 - (1 - p) * (1 - trigger_boost) if cue else p)
    return scores


def paragraph_relevance(doc: Doc, model: RelevanceModel | None, *, is_war_trigger: Callable[[Token], bool],
                        threshold: float = 0.5, trigger_boost: float = 0.35,
                        borderline: float = BORDERLINE) -> list[tuple[int, int, bool]]:
    """``(start_char, end_char, war_related)`` for every paragraph of ``doc``."""
    paras = paragraphs(doc.text)
    scores = paragraph_scores(doc, paras, model, is_war_trigger=is_war_trigger, trigger_boost=trigger_boost,
                              borderline=borderline)
    return [(s, e, score >= threshold) for (s, e), score in zip(paras, scores)]
