"""What every annotation reader shares: the record types, span checks, JSON reading.

Spans are checked against the text (integer offsets inside it, no same-label
overlaps) and their labels go through the active :class:`~.labels.LabelPolicy`
(``--label-map``/``--drop-unknown``); without one, an unknown label fails with
``E006``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import Errors
from ...evaluation.gold import GoldError
from ...io.jsonl import JsonlProblem, iter_objects
from ...schemas import LABELS
from .labels import LabelPolicy, UnknownLabel, current_policy


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


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_spans(
    path: Path, line: int, text: str, raw: Iterable[tuple[Any, Any, Any]],
    policy: LabelPolicy | None = None,
) -> list[TrainSpan]:
    """Validate (start, end, label) triples against ``text``; labels go through the label
    policy (mapped, dropped or refused); same-label overlaps fail."""
    policy = policy if policy is not None else current_policy()
    spans: list[TrainSpan] = []
    for start, end, label in raw:
        if policy is not None and isinstance(label, str):
            try:
                label = policy.apply(label)
            except UnknownLabel:
                raise AnnotationError(path, line, _unknown(label)) from None
            if label is None:
                continue
        if not (is_int(start) and is_int(end)):
            raise AnnotationError(path, line, f"span offsets {start!r}, {end!r} are not integers")
        if not 0 <= start < end <= len(text):
            raise AnnotationError(
                path, line, f"span [{start}, {end}) is empty or outside the text (0..{len(text)})"
            )
        if label not in LABELS:
            raise AnnotationError(path, line, _unknown(label))
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


def _unknown(label: Any) -> str:
    return (Errors.E006.format(label=label, labels=", ".join(LABELS)) + " "
            + Errors.E035.format(label=label))


def text_of(path: Path, line: int, obj: Any, getter: Callable[[Any], Any]) -> str:
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


def json_values(path: Path) -> list[tuple[int, Any]]:
    """Every JSON value in a file, with the line it starts on: one per line (JSONL),
    pretty-printed objects one after another, or one document (a list is not unpacked)."""
    try:
        data = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise AnnotationError(path, 0, f"cannot read: {err}") from err
    decoder = json.JSONDecoder()
    out: list[tuple[int, Any]] = []
    pos = 0
    while True:
        while pos < len(data) and data[pos].isspace():
            pos += 1
        if pos >= len(data):
            return out
        line = data.count("\n", 0, pos) + 1
        try:
            value, pos = decoder.raw_decode(data, pos)
        except json.JSONDecodeError as err:
            raise AnnotationError(path, err.lineno, f"invalid JSON: {err.msg}") from None
        out.append((line, value))


def doc_id_of(path: Path, n: int, obj: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return str(value)
    return f"{path.stem}:{n}"
