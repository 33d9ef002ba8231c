"""Loading and validating the gold set (``annotations/gold/*.jsonl``).

One JSON Lines file per document; every line is an object with a ``type``:
``document`` (exactly one, first), ``span``, ``event`` and ``paragraph``
(format: ``annotations/README.md``). A file is checked in this order, and the
first problem raises :class:`GoldError` naming the file and line:

1. every line parses as JSON (``E001``);
2. every line validates against the shipped JSON Schema
   ``warevents/data/schemas/gold.schema.json`` (``E001``);
3. the document line comes first and only once (``E001``);
4. ``text_sha256`` is the SHA-256 of ``text`` (``E009``);
5. every span's ``text`` equals ``text[start:end]`` (``E010``);
6. event evidence and paragraphs lie inside the text, ``start < end`` (``E001``);
7. no two spans with the same label overlap (``E001``).

>>> from warevents.evaluation.gold import load_gold_dir
>>> docs = load_gold_dir("annotations/gold")  # doctest: +SKIP
>>> docs[0].spans[0].label  # doctest: +SKIP
'DATE'
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..errors import Errors
from ..io.jsonl import JsonlProblem, dumps, iter_objects
from ..schemas import LABELS

#: The shipped schema, one object per JSONL line.
SCHEMA_PARTS = ("schemas", "gold.schema.json")
LINE_TYPES = ("document", "span", "event", "paragraph")


class GoldError(ValueError):
    """A malformed gold file; ``str(err)`` names the file and line."""

    def __init__(self, message: str, path: str | Path, line: int | None = None) -> None:
        super().__init__(message)
        self.path = str(path)
        self.line = line


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    label: str
    text: str = ""
    norm: dict[str, Any] | None = None


@dataclass
class GoldDoc:
    """One annotated document, as loaded from its JSONL file."""

    doc_id: str
    text: str
    text_sha256: str
    source: str | None = None
    doc_date: str | None = None
    spans: list[GoldSpan] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    paragraphs: list[dict[str, Any]] = field(default_factory=list)
    path: str = ""


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _validator() -> Any | None:
    """A jsonschema validator for one gold line, or None if the schema is not shipped."""
    import jsonschema

    from ..components.common import data_path

    path = data_path(*SCHEMA_PARTS)
    if not path.exists():
        return None
    schema = json.loads(path.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _schema_error(obj: dict[str, Any]) -> str | None:
    validator = _validator()
    if validator is None:
        return None
    errors = sorted(validator.iter_errors(obj), key=lambda e: list(e.absolute_path))
    if not errors:
        return None
    # With oneOf/anyOf the best error is the most specific one.
    import jsonschema

    err = jsonschema.exceptions.best_match(errors)
    where = "/".join(str(p) for p in err.absolute_path)
    return f"schema: {err.message}" + (f" (at {where})" if where else "")


def _basic_error(obj: Any) -> str | None:
    """Structural checks that hold whatever the schema says (and when it is absent)."""
    if not isinstance(obj, dict):
        return "line is not a JSON object"
    kind = obj.get("type")
    if kind not in LINE_TYPES:
        return f"unknown line type {kind!r}; expected one of {', '.join(LINE_TYPES)}"
    required = {
        "document": ("doc_id", "text", "text_sha256"),
        "span": ("start", "end", "label", "text"),
        "event": ("event_type", "evidence"),
        "paragraph": ("start", "end"),
    }[kind]
    missing = [k for k in required if k not in obj]
    if missing:
        return f"{kind} line lacks {', '.join(missing)}"
    if kind == "span" and obj["label"] not in LABELS:
        return Errors.E006.format(label=obj["label"], labels=", ".join(LABELS))
    for key in ("start", "end"):
        if kind in ("span", "paragraph") and not _is_int(obj[key]):
            return f"{kind} {key} is not an integer: {obj[key]!r}"
    return None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _interval_error(start: Any, end: Any, n_chars: int) -> str | None:
    if not (_is_int(start) and _is_int(end)):
        return f"offsets [{start!r}, {end!r}) are not integers"
    if not 0 <= start < end <= n_chars:
        return f"offsets [{start}, {end}) are not inside the text (0..{n_chars}) or empty"
    return None


def evidence_pairs(evidence: Any) -> list[tuple[Any, Any]]:
    """Evidence as (start, end) pairs, from ``[[s, e], ...]`` or ``[{"start", "end"}, ...]``."""
    pairs: list[tuple[Any, Any]] = []
    for item in evidence or []:
        if isinstance(item, dict):
            pairs.append((item.get("start"), item.get("end")))
        elif isinstance(item, (list, tuple)) and len(item) == 2:
            pairs.append((item[0], item[1]))
        else:
            pairs.append((item, None))
    return pairs


def load_gold_file(path: str | Path) -> GoldDoc:
    """Load and validate one gold JSONL file; raise :class:`GoldError` on the first problem."""
    path = Path(path)

    def fail(line: int, reason: str) -> GoldError:
        return GoldError(Errors.E001.format(path=path, line=line, reason=reason), path, line)

    try:
        data = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise GoldError(Errors.E001.format(path=path, line=0, reason=err), path, 0) from err
    doc: GoldDoc | None = None
    span_lines: list[tuple[int, GoldSpan]] = []
    for n, obj in iter_objects(data):
        if isinstance(obj, JsonlProblem):
            raise fail(n, obj.reason.replace("bad JSON", "invalid JSON"))
        reason = _basic_error(obj) or _schema_error(obj)
        if reason:
            raise fail(n, reason)
        kind = obj["type"]
        if kind == "document":
            if doc is not None:
                raise fail(n, "a second 'document' line; one document per file")
            got = sha256(obj["text"])
            if got != obj["text_sha256"]:
                raise GoldError(
                    Errors.E009.format(path=f"{path}:{n}", expected=obj["text_sha256"], got=got),
                    path,
                    n,
                )
            doc = GoldDoc(
                doc_id=obj["doc_id"],
                text=obj["text"],
                text_sha256=obj["text_sha256"],
                source=obj.get("source"),
                doc_date=obj.get("doc_date"),
                path=str(path),
            )
            continue
        if doc is None:
            raise fail(n, f"'{kind}' line before the 'document' line")
        text = doc.text
        if kind == "span":
            start, end = obj["start"], obj["end"]
            got = text[start:end] if 0 <= start <= end <= len(text) else "<out of range>"
            if start >= end or got != obj["text"]:
                raise GoldError(
                    Errors.E010.format(
                        path=path, line=n, start=start, end=end, got=got, text=obj["text"]
                    ),
                    path,
                    n,
                )
            span = GoldSpan(start, end, obj["label"], obj["text"], obj.get("norm"))
            span_lines.append((n, span))
            doc.spans.append(span)
        elif kind == "event":
            for s, e in evidence_pairs(obj["evidence"]):
                reason = _interval_error(s, e, len(text))
                if reason:
                    raise fail(n, f"event evidence {reason}")
            doc.events.append(obj)
        else:
            reason = _interval_error(obj["start"], obj["end"], len(text))
            if reason:
                raise fail(n, f"paragraph {reason}")
            doc.paragraphs.append(obj)
    if doc is None:
        raise fail(max(data.count("\n"), 1), "no 'document' line")
    _check_overlaps(span_lines, fail)
    doc.spans.sort(key=lambda s: (s.start, s.end, s.label))
    return doc


def _check_overlaps(span_lines: list[tuple[int, GoldSpan]], fail: Any) -> None:
    by_label: dict[str, list[tuple[int, GoldSpan]]] = {}
    for n, span in span_lines:
        by_label.setdefault(span.label, []).append((n, span))
    for label, items in by_label.items():
        items.sort(key=lambda item: (item[1].start, item[1].end))
        for (n1, a), (n2, b) in pairwise(items):
            if b.start < a.end:
                raise fail(
                    n2,
                    f"{label} span [{b.start}, {b.end}) '{b.text}' overlaps the {label} span "
                    f"[{a.start}, {a.end}) '{a.text}' on line {n1}",
                )


def gold_lines(doc: GoldDoc) -> list[dict[str, Any]]:
    """The JSONL lines of a gold document (the inverse of :func:`load_gold_file`).

    >>> doc = GoldDoc("d1", "In Harbin.", sha256("In Harbin."), source="seeds/d1.txt",
    ...               spans=[GoldSpan(3, 9, "PLACE", "Harbin", None)])
    >>> [line["type"] for line in gold_lines(doc)]
    ['document', 'span']
    """
    lines: list[dict[str, Any]] = [
        {
            "type": "document",
            "doc_id": doc.doc_id,
            "source": doc.source,
            "text": doc.text,
            "text_sha256": doc.text_sha256,
            "doc_date": doc.doc_date,
        }
    ]
    for span in doc.spans:
        lines.append(
            {
                "type": "span",
                "start": span.start,
                "end": span.end,
                "label": span.label,
                "text": span.text,
                "norm": span.norm,
            }
        )
    for event in doc.events:
        lines.append({"type": "event", **{k: v for k, v in event.items() if k != "type"}})
    for para in doc.paragraphs:
        lines.append({"type": "paragraph", **{k: v for k, v in para.items() if k != "type"}})
    return lines


def dump_gold(doc: GoldDoc, path: str | Path) -> None:
    """Write a gold document as JSONL (one object per line, UTF-8, not ASCII-escaped)."""
    text = "".join(dumps(line) + "\n" for line in gold_lines(doc))
    Path(path).write_text(text, encoding="utf-8")


def gold_files(gold_dir: str | Path) -> list[Path]:
    """The gold files in a directory, sorted by name."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise FileNotFoundError(Errors.E004.format(path=gold_dir))
    return sorted(p for p in gold_dir.glob("*.jsonl") if p.is_file())


def load_gold_dir(gold_dir: str | Path) -> list[GoldDoc]:
    """Load every ``*.jsonl`` in ``gold_dir``; doc ids must be unique."""
    files = gold_files(gold_dir)
    if not files:
        raise FileNotFoundError(Errors.E013.format(paths=gold_dir))
    docs: list[GoldDoc] = []
    seen: dict[str, str] = {}
    for path in files:
        doc = load_gold_file(path)
        if doc.doc_id in seen:
            raise GoldError(
                Errors.E001.format(
                    path=path, line=1, reason=f"doc_id {doc.doc_id!r} also in {seen[doc.doc_id]}"
                ),
                path,
                1,
            )
        seen[doc.doc_id] = str(path)
        docs.append(doc)
    return docs


__all__ = [
    "GoldDoc",
    "GoldError",
    "GoldSpan",
    "dump_gold",
    "evidence_pairs",
    "gold_files",
    "gold_lines",
    "load_gold_dir",
    "load_gold_file",
    "sha256",
]
