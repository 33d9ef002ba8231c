"""Readers for the annotation formats users bring to ``warevents train`` and ``warevents convert``.

Every reader returns :class:`TrainDoc` records (text + character spans with the
line they came from), whatever the input: warevents gold JSONL, Prodigy
(``ner_manual``, ``spans_manual``...), Label Studio JSON, JSON-MIN and CoNLL
exports, doccano (both JSONL layouts, pretty-printed or a JSON list). The format
is detected per file (:func:`detect_format`). Foreign labels go through a
:class:`LabelPolicy` (``--label-map GPE=PLACE,PERSON=-``, ``--drop-unknown``).

A bad line raises :class:`AnnotationError` (``E001``: ``file:line: reason``);
an unknown label raises it with the ``E006`` message as the reason.

>>> docs = read_annotations(["tests/fixtures/exports/doccano_label.jsonl"],
...                         policy=LabelPolicy.parse("ORG=MILITARY_UNIT", drop_unknown=True))  # doctest: +SKIP
>>> docs[0].spans[0].label  # doctest: +SKIP
'MILITARY_UNIT'
"""

from .base import AnnotationError, TrainDoc, TrainSpan, check_spans, json_values, jsonl_objects
from .exports import read_conll, read_labelstudio_min
from .labels import LabelPolicy, UnknownLabel, current_policy, use_labels
from .readers import read_doccano, read_labelstudio, read_prodigy, read_warevents
from .registry import DATA_SUFFIXES, FORMATS, READERS, detect_format, expand_paths, read_annotations

__all__ = [
    "DATA_SUFFIXES",
    "FORMATS",
    "READERS",
    "AnnotationError",
    "LabelPolicy",
    "TrainDoc",
    "TrainSpan",
    "UnknownLabel",
    "check_spans",
    "current_policy",
    "detect_format",
    "expand_paths",
    "json_values",
    "jsonl_objects",
    "read_annotations",
    "read_conll",
    "read_doccano",
    "read_labelstudio",
    "read_labelstudio_min",
    "read_prodigy",
    "read_warevents",
    "use_labels",
]
