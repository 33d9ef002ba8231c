"""Which reader reads a file: by ``--format`` or detected from the file; reading a set of paths.

>>> detect_format("tests/fixtures/exports/labelstudio.conll")  # doctest: +SKIP
'conll'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ...errors import Errors
from .base import AnnotationError, TrainDoc, json_values
from .exports import read_conll, read_labelstudio_min
from .labels import LabelPolicy, use_labels
from .readers import read_doccano, read_labelstudio, read_prodigy, read_warevents

FORMATS = ("warevents", "prodigy", "labelstudio", "labelstudio-min", "conll", "doccano")
#: Files a directory contributes (README and similar are skipped).
DATA_SUFFIXES = (".jsonl", ".json", ".conll", ".conll2003", ".iob", ".bio")
CONLL_SUFFIXES = (".conll", ".conll2003", ".iob", ".bio")

READERS: dict[str, Callable[[str | Path], list[TrainDoc]]] = {
    "warevents": read_warevents,
    "prodigy": read_prodigy,
    "labelstudio": read_labelstudio,
    "labelstudio-min": read_labelstudio_min,
    "conll": read_conll,
    "doccano": read_doccano,
}


def _kind(obj: Any) -> str | None:
    """The format one JSON record belongs to, or None if it says nothing."""
    if not isinstance(obj, dict):
        return None
    if obj.get("type") == "document" or "type" in obj and "doc_id" in obj:
        return "warevents"
    if "data" in obj and ("annotations" in obj or "completions" in obj or "predictions" in obj):
        return "labelstudio"
    if "entities" in obj or isinstance(obj.get("label"), list) and all(
            isinstance(x, list) for x in obj["label"]) or "labels" in obj and "text" in obj:
        return "doccano"
    if "spans" in obj or "answer" in obj or "_input_hash" in obj:
        return "prodigy"
    if isinstance(obj.get("text"), str) and ("annotation_id" in obj or any(
            isinstance(v, list) and v and isinstance(v[0], dict) and "labels" in v[0]
            for v in obj.values())):
        return "labelstudio-min"
    return None


def detect_format(path: str | Path) -> str:
    """Guess a file's format from its suffix and first record."""
    path = Path(path)
    if path.suffix.lower() in CONLL_SUFFIXES:
        return "conll"
    values = json_values(path)
    if not values:
        raise AnnotationError(path, 1, "file is empty")
    n, first = values[0]
    if isinstance(first, list):
        if not first:
            raise AnnotationError(path, n, "the JSON list is empty")
        first = first[0]
    kind = _kind(first)
    if kind is None:
        raise AnnotationError(
            path, n, "cannot tell the annotation format (expected a warevents 'document' line, "
            "Prodigy 'spans', doccano 'label'/'entities', a Label Studio task with 'data' and "
            "'annotations', or a JSON-MIN item with 'text' and labelled regions)")
    return kind


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files, and the annotation files (:data:`DATA_SUFFIXES`) in directories (sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(
                f for f in p.iterdir() if f.is_file() and f.suffix.lower() in DATA_SUFFIXES
                and not f.name.startswith(".")
            )
        elif p.is_file():
            out.append(p)
        else:
            raise FileNotFoundError(Errors.E004.format(path=p))
    return out


def read_annotations(paths: Iterable[str | Path], fmt: str = "auto", *,
                     policy: LabelPolicy | None = None) -> list[TrainDoc]:
    """Read every annotated document in ``paths`` (files or directories).

    ``fmt`` is one of :data:`FORMATS` or ``"auto"`` (per file). ``policy`` maps and drops
    labels (``LabelPolicy.parse("GPE=PLACE,PERSON=-")``); without it the policy set by
    :func:`~.labels.use_labels` applies, if any. Document ids are made unique by
    suffixing a counter where two files share one.
    """
    if fmt != "auto" and fmt not in READERS:
        raise ValueError(Errors.E032.format(fmt=fmt, formats=", ".join(("auto", *FORMATS))))
    paths = list(paths)
    files = expand_paths(paths)
    docs: list[TrainDoc] = []
    with use_labels(policy) if policy is not None else _nothing():
        for path in files:
            reader = READERS[detect_format(path) if fmt == "auto" else fmt]
            docs += reader(path)
    if not docs:
        raise FileNotFoundError(Errors.E013.format(paths=", ".join(map(str, paths))))
    seen: dict[str, int] = {}
    for doc in docs:
        if doc.doc_id in seen:
            seen[doc.doc_id] += 1
            doc.doc_id = f"{doc.doc_id}#{seen[doc.doc_id]}"
        else:
            seen[doc.doc_id] = 0
    return docs


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
