"""The one JSON Lines reader every warevents module uses.

JSON Lines separates records with ``\\n`` only. ``str.splitlines()`` also
splits at U+2028, U+2029, U+0085, U+000B/C and ``\\r`` alone, which are legal
*inside* a JSON string, so a valid line would be cut in two and every later
line number would shift. :func:`iter_lines` splits on ``\\n`` (dropping one
trailing ``\\r`` of a CRLF file) and numbers lines from 1.

>>> [n for n, _ in iter_lines('{"a": 1}\\n\\n{"b": "x\\u2028y"}\\n')]
[1, 3]
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterator


@dataclass(frozen=True)
class JsonlProblem:
    """A line that is not a JSON object: its number and a one-line reason."""

    line: int
    reason: str


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    """Non-blank lines of ``text`` split on ``\\n`` only, numbered from 1."""
    for n, raw in enumerate(text.split("\n"), start=1):
        if raw.endswith("\r"):
            raw = raw[:-1]
        if raw.strip():
            yield n, raw


def find_lone_surrogate(text: str) -> int | None:
    """Offset of the first lone surrogate (not encodable as UTF-8), else None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        return err.start
    return None


def iter_objects(text: str) -> Iterator[tuple[int, dict[str, Any] | JsonlProblem]]:
    """Parse each non-blank line; yield ``(line, dict)`` or ``(line, JsonlProblem)``.

    A problem never stops the iteration: callers decide whether to skip,
    report or raise.
    """
    for n, raw in iter_lines(text):
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as err:
            yield n, JsonlProblem(n, f"bad JSON: {err.msg} (column {err.colno})")
            continue
        except RecursionError:
            yield n, JsonlProblem(n, "bad JSON: nested too deeply")
            continue
        if not isinstance(obj, dict):
            yield n, JsonlProblem(n, "line is not a JSON object")
            continue
        yield n, obj


def dumps(obj: Any) -> str:
    """One JSON line (no raw line separators inside, so any reader splits it right)."""
    return json.dumps(obj, ensure_ascii=False).replace("\u2028", "\\u2028").replace(
        "\u2029", "\\u2029"
    ).replace("\u0085", "\\u0085")


__all__ = ["iter_lines", "iter_objects", "dumps", "find_lone_surrogate", "JsonlProblem"]
