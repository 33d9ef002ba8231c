"""Readers for warevents gold, Prodigy, doccano and Label Studio JSON exports.

``warevents``
    warevents' own gold JSONL (``annotations/README.md``), one document per
    file; validated by :func:`warevents.evaluation.gold.load_gold_file`.
``prodigy``
    Prodigy ``db-out`` JSONL from span and NER recipes (``ner_manual``,
    ``spans_manual``...): ``{"text", "spans": [{"start", "end", "label"}], "answer"}``;
    only ``answer == "accept"`` (or no answer) is kept; ``tokens`` are ignored.
``labelstudio``
    A Label Studio JSON export: a list of tasks ``{"data": {"text"}, "annotations":
    [{"result": [{"value": {"start", "end", "labels"}}], "was_cancelled"}]}`` (older
    versions: ``completions``; one task file: one object); the first annotation that is
    not cancelled is used.
``doccano``
    doccano: ``{"text", "label": [[start, end, "LABEL"], ...]}`` or ``{"text", "entities":
    [{"start_offset", "end_offset", "label"}]}``, as JSONL, pretty-printed or a JSON list.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .base import (
    AnnotationError,
    TrainDoc,
    TrainSpan,
    check_spans,
    doc_id_of,
    json_values,
    jsonl_objects,
    text_of,
)


def flat_values(path: Path) -> list[tuple[int, Any]]:
    """JSON values of a file, a top-level list unpacked (its items keep the list's line)."""
    out: list[tuple[int, Any]] = []
    for n, value in json_values(path):
        out.extend((n, v) for v in value) if isinstance(value, list) else out.append((n, value))
    return out


def task_text(data: Any) -> Any:
    """The text of a Label Studio task: ``data.text``, else its only string field."""
    if not isinstance(data, dict):
        return None
    if "text" in data:
        return data["text"]
    strings = [v for v in data.values() if isinstance(v, str)]
    return strings[0] if len(strings) == 1 else None


# ---------------------------------------------------------------- readers


def read_warevents(path: str | Path) -> list[TrainDoc]:
    """warevents gold JSONL (one document per file)."""
    from ...evaluation.gold import GoldError, load_gold_file

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
        text = text_of(path, n, obj, lambda o: o["text"])
        if "spans" not in obj:
            raise AnnotationError(path, n, "an accepted task has no 'spans' list (export spans "
                                  "with Prodigy's db-out from a spans or ner recipe)")
        raw = obj.get("spans") or []
        if not isinstance(raw, list) or not all(isinstance(s, dict) for s in raw):
            raise AnnotationError(path, n, "'spans' is not a list of objects")
        missing = [s for s in raw if "label" not in s or "start" not in s or "end" not in s]
        if missing:
            raise AnnotationError(path, n, f"a span lacks start/end/label: {missing[0]}")
        spans = check_spans(path, n, text, ((s["start"], s["end"], s["label"]) for s in raw))
        meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
        doc_id = doc_id_of(path, n, meta, "doc_id", "id") if meta else doc_id_of(path, n, obj, "id")
        docs.append(TrainDoc(doc_id, text, spans, path=str(path), line=n))
    return docs


def read_doccano(path: str | Path) -> list[TrainDoc]:
    """doccano exports: ``label`` triples or ``entities`` objects, one per line (JSONL),
    pretty-printed one after another, or a JSON list."""
    path = Path(path)
    docs = []
    for n, obj in flat_values(path):
        if not isinstance(obj, dict):
            raise AnnotationError(path, n, "a doccano record is a JSON object")
        text = text_of(path, n, obj, lambda o: o.get("text", o.get("data")))
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
        spans = check_spans(path, n, text, triples)
        docs.append(TrainDoc(doc_id_of(path, n, obj, "id", "doc_id"), text, spans, path=str(path), line=n))
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
        text = text_of(path, n, task, lambda t: task_text(t["data"]))
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
        spans = check_spans(path, n, text, triples)
        doc_id = doc_id_of(path, n, task, "id")
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
