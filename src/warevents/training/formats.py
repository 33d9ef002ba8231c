"""Readers for the annotation formats users bring to ``warevents train``.

Every reader returns :class:`TrainDoc` records (text + character spans with
the line they came from), whatever the input:

``warevents``
    warevents' own gold JSONL (``annotations/README.md``), one document per
    file; validated by :func:`warevents.evaluation.gold.load_gold_file`.
``prodigy``
    Prodigy spans JSONL: ``{"text", "spans": [{"start", "end", "label"}], "answer"}``;
    only ``answer == "accept"`` (or no answer) is kept.
``labelstudio``
    A Label Studio JSON export: a list of tasks ``{"data": {"text"}, "annotations":
    [{"result": [{"value": {"start", "end", "labels"}}], "was_cancelled"}]}``; the
    first annotation that is not cancelled is used.
``doccano``
    doccano JSONL: ``{"text", "label": [[start, end, "LABEL"], ...]}`` or
    ``{"text", "entities": [{"start_offset", "end_offset", "label"}]}``.

A bad line raises :class:`AnnotationError` (``E001``: ``file:line: reason``);
an unknown label raises it with the ``E006`` message as the reason.

>>> docs = read_annotations(["tests/fixtures/formats/doccano.jsonl"])  # doctest: +SKIP
>>> docs[0].spans[0].label  # doctest: +SKIP
'MILITARY_UNIT'
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Errors
from ..evaluation.gold import GoldError
from ..io.jsonl import JsonlProblem, iter_objects
from ..schemas import LABELS

FORMATS = ("warevents", "prodigy", "labelstudio", "doccano")
#: Files a directory contributes (README and similar are skipped).
DATA_SUFFIXES = (".jsonl", ".json")


class AnnotationError(GoldError):
    """A malformed annotation file; ``str(err)`` is ``[E001] file:line: reason``
    (or, wrapping a gold-file error, that error's own coded message)."""

    def __init__(self, path: str | Path, line: int, reason: str, *, message: str | None = None) -> None:
        super().__init__(message or Errors.E001.format(path=path, line=line, reason=reason), path, line)


@dataclass(frozen=True)
class TrainSpan:
    start: int
    end: int
    label: str
    line: int = 0  # where the span was read (for error messages)


@dataclass
class TrainDoc:
    """One annotated text, whatever format it came from."""

    doc_id: str
    text: str
    spans: list[TrainSpan] = field(default_factory=list)
    #: ``{"start", "end", "war_related"}`` paragraph labels (warevents gold only).
    paragraphs: list[dict[str, Any]] = field(default_factory=list)
    path: str = ""
    line: int = 0
    doc_date: str | None = None


# ---------------------------------------------------------------- helpers


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_spans(
    path: Path, line: int, text: str, raw: Iterable[tuple[Any, Any, Any]]
) -> list[TrainSpan]:
    """Validate (start, end, label) triples against ``text``; same-label overlaps fail."""
    spans: list[TrainSpan] = []
    for start, end, label in raw:
        if not (_is_int(start) and _is_int(end)):
            raise AnnotationError(path, line, f"span offsets {start!r}, {end!r} are not integers")
        if not 0 <= start < end <= len(text):
            raise AnnotationError(
                path, line, f"span [{start}, {end}) is empty or outside the text (0..{len(text)})"
            )
        if label not in LABELS:
            raise AnnotationError(
                path, line, Errors.E006.format(label=label, labels=", ".join(LABELS))
            )
        spans.append(TrainSpan(start, end, label, line))
    spans.sort(key=lambda s: (s.start, s.end, s.label))
    last: dict[str, TrainSpan] = {}
    for span in spans:
        prev = last.get(span.label)
        if prev is not None and span.start < prev.end:
            raise AnnotationError(
                path,
                line,
                f"{span.label} span [{span.start}, {span.end}) overlaps [{prev.start}, "
                f"{prev.end}) '{text[prev.start:prev.end]}'",
            )
        last[span.label] = span
    return spans


def _text_of(path: Path, line: int, obj: Any, getter: Callable[[Any], Any]) -> str:
    try:
        text = getter(obj)
    except (KeyError, TypeError, AttributeError):
        text = None
    if not isinstance(text, str) or not text:
        raise AnnotationError(path, line, "no non-empty 'text'")
    return text


def jsonl_objects(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    try:
        data = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise AnnotationError(path, 0, f"cannot read: {err}") from err
    for n, obj in iter_objects(data):
        if isinstance(obj, JsonlProblem):
            raise AnnotationError(path, n, obj.reason.replace("bad JSON", "invalid JSON"))
        yield n, obj


def _doc_id(path: Path, n: int, obj: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return str(value)
    return f"{path.stem}:{n}"


# ---------------------------------------------------------------- readers


def read_warevents(path: str | Path) -> list[TrainDoc]:
    """warevents gold JSONL (one document per file)."""
    from ..evaluation.gold import load_gold_file

    path = Path(path)
    try:
        gold = load_gold_file(path)
    except GoldError as err:
        # Already "[E0xx] file:line: reason"; keep the message and code.
        raise AnnotationError(err.path, err.line or 0, "", message=str(err)) from err
    lines: dict[tuple[int, int, str], int] = {}
    for n, obj in jsonl_objects(path):
        if obj.get("type") == "span":
            lines.setdefault((obj["start"], obj["end"], obj["label"]), n)
    spans = [TrainSpan(s.start, s.end, s.label, lines.get((s.start, s.end, s.label), 0))
             for s in gold.spans]
    return [
        TrainDoc(gold.doc_id, gold.text, spans, list(gold.paragraphs), str(path), 1, gold.doc_date)
    ]


def read_prodigy(path: str | Path) -> list[TrainDoc]:
    """Prodigy spans JSONL; rejected and ignored answers are skipped."""
    path = Path(path)
    docs = []
    for n, obj in jsonl_objects(path):
        answer = obj.get("answer", "accept")
        if answer != "accept":
            continue
        text = _text_of(path, n, obj, lambda o: o["text"])
        if "spans" not in obj:
            raise AnnotationError(path, n, "an accepted task has no 'spans' list (export spans "
                                  "with Prodigy's db-out from a spans or ner recipe)")
        raw = obj.get("spans") or []
        if not isinstance(raw, list) or not all(isinstance(s, dict) for s in raw):
            raise AnnotationError(path, n, "'spans' is not a list of objects")
        missing = [s for s in raw if "label" not in s or "start" not in s or "end" not in s]
        if missing:
            raise AnnotationError(path, n, f"a span lacks start/end/label: {missing[0]}")
        spans = _check_spans(path, n, text, ((s["start"], s["end"], s["label"]) for s in raw))
        meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
        doc_id = _doc_id(path, n, meta, "doc_id", "id") if meta else _doc_id(path, n, obj, "id")
        docs.append(TrainDoc(doc_id, text, spans, path=str(path), line=n))
    return docs


def read_doccano(path: str | Path) -> list[TrainDoc]:
    """doccano JSONL (``label`` triples or ``entities`` objects)."""
    path = Path(path)
    docs = []
    for n, obj in jsonl_objects(path):
        text = _text_of(path, n, obj, lambda o: o.get("text", o.get("data")))
        triples: list[tuple[Any, Any, Any]] = []
        if "entities" in obj:
            ents = obj["entities"]
            if not isinstance(ents, list) or not all(isinstance(e, dict) for e in ents):
                raise AnnotationError(path, n, "'entities' is not a list of objects")
            for ent in ents:
                if not {"start_offset", "end_offset", "label"} <= ent.keys():
                    raise AnnotationError(
                        path, n, f"an entity lacks start_offset/end_offset/label: {ent}"
                    )
                triples.append((ent["start_offset"], ent["end_offset"], ent["label"]))
        else:
            labels = obj.get("label", obj.get("labels", []))
            if not isinstance(labels, list):
                raise AnnotationError(path, n, "'label' is not a list of [start, end, LABEL]")
            for item in labels:
                if not (isinstance(item, (list, tuple)) and len(item) == 3):
                    raise AnnotationError(path, n, f"label item {item!r} is not [start, end, LABEL]")
                triples.append(tuple(item))
        spans = _check_spans(path, n, text, triples)
        docs.append(TrainDoc(_doc_id(path, n, obj, "id", "doc_id"), text, spans, path=str(path), line=n))
    return docs


def read_labelstudio(path: str | Path) -> list[TrainDoc]:
    """Label Studio JSON export; cancelled annotations are skipped.

    Label Studio exports one JSON array, so the "line" in error messages is
    the line where the task starts in the file (1-based task order if unknown).
    """
    path = Path(path)
    try:
        raw_text = path.read_text(encoding="utf-8")
        tasks = json.loads(raw_text)
    except json.JSONDecodeError as err:
        raise AnnotationError(path, err.lineno, f"invalid JSON: {err.msg}") from err
    except (OSError, UnicodeDecodeError) as err:
        raise AnnotationError(path, 0, f"cannot read: {err}") from err
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise AnnotationError(path, 1, "a Label Studio export is a JSON list of tasks")
    starts = _task_lines(raw_text, len(tasks))
    docs = []
    for i, task in enumerate(tasks):
        n = starts[i]
        if not isinstance(task, dict):
            raise AnnotationError(path, n, f"task #{i + 1} is not a JSON object")
        text = _text_of(path, n, task, lambda t: t["data"]["text"])
        annotations = task.get("annotations", task.get("completions", []))
        if not isinstance(annotations, list):
            raise AnnotationError(path, n, f"task #{i + 1}: 'annotations' is not a list")
        kept = [a for a in annotations if isinstance(a, dict) and not a.get("was_cancelled")]
        if not kept:
            continue
        triples = []
        for result in kept[0].get("result", []):
            value = result.get("value") if isinstance(result, dict) else None
            if not isinstance(value, dict) or "labels" not in value:
                continue  # other control types (choices, relations) carry no spans
            labels = value["labels"]
            if not (isinstance(labels, list) and len(labels) == 1):
                raise AnnotationError(
                    path, n, f"task #{i + 1}: a region needs exactly one label, got {labels!r}"
                )
            triples.append((value.get("start"), value.get("end"), labels[0]))
        spans = _check_spans(path, n, text, triples)
        doc_id = _doc_id(path, n, task, "id")
        docs.append(TrainDoc(doc_id, text, spans, path=str(path), line=n))
    return docs


def _task_lines(raw: str, n_tasks: int) -> list[int]:
    """Best-effort start line of each top-level task in a JSON array."""
    starts: list[int] = []
    depth = 0
    in_str = esc = False
    line = 1
    for ch in raw:
        if ch == "\n":
            line += 1
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
            continue
        if ch == '"':
            in_str = True
        elif ch in "[{":
            if depth == 1 and ch == "{":
                starts.append(line)
            depth += 1
        elif ch in "]}":
            depth -= 1
    if len(starts) < n_tasks:
        starts += list(range(len(starts) + 1, n_tasks + 1))
    return starts


READERS: dict[str, Callable[[str | Path], list[TrainDoc]]] = {
    "warevents": read_warevents,
    "prodigy": read_prodigy,
    "labelstudio": read_labelstudio,
    "doccano": read_doccano,
}


def detect_format(path: str | Path) -> str:
    """Guess a file's format from its suffix and first record."""
    path = Path(path)
    if path.suffix == ".json":
        return "labelstudio"
    for n, obj in jsonl_objects(path):
        if obj.get("type") == "document" or "type" in obj and "doc_id" in obj:
            return "warevents"
        if "entities" in obj or "label" in obj or "labels" in obj:
            return "doccano"
        if "spans" in obj or "answer" in obj or "_input_hash" in obj:
            return "prodigy"
        raise AnnotationError(
            path, n, "cannot tell the annotation format (expected a warevents 'document' line, "
            "Prodigy 'spans', or doccano 'label'/'entities')"
        )
    raise AnnotationError(path, 1, "file is empty")


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files, and the ``*.jsonl``/``*.json`` files in directories (sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(
                f for f in p.iterdir() if f.is_file() and f.suffix in DATA_SUFFIXES
                and not f.name.startswith(".")
            )
        elif p.is_file():
            out.append(p)
        else:
            raise FileNotFoundError(Errors.E004.format(path=p))
    return out


def read_annotations(paths: Iterable[str | Path], fmt: str = "auto") -> list[TrainDoc]:
    """Read every annotated document in ``paths`` (files or directories).

    ``fmt`` is one of :data:`FORMATS` or ``"auto"`` (per file). Document ids are
    made unique by suffixing a counter where two files share one.
    """
    if fmt != "auto" and fmt not in READERS:
        raise ValueError(Errors.E011.format(fmt=fmt, formats=", ".join(("auto", *FORMATS))))
    paths = list(paths)
    files = expand_paths(paths)
    docs: list[TrainDoc] = []
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


__all__ = [
    "FORMATS",
    "AnnotationError",
    "TrainDoc",
    "TrainSpan",
    "detect_format",
    "expand_paths",
    "read_annotations",
    "read_doccano",
    "read_labelstudio",
    "read_prodigy",
    "read_warevents",
]
