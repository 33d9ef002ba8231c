"""Input documents: files, directories, JSON Lines and stdin.

Every input becomes an :class:`InputDoc` (text exactly as decoded, so span
offsets index the original file text) or an :class:`InputError` (one line,
naming the file and, for JSONL, the line), so one bad file never stops a run.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import Errors

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl",)
_SNIFF = 8192
#: Documentation files skipped when a directory is expanded (named files are always read).
SKIP_NAMES = ("readme", "license", "changelog", "contributing")


@dataclass
class InputDoc:
    doc_id: str
    text: str
    source: str
    doc_date: str | None = None

    @property
    def text_sha256(self) -> str:
        return text_sha256(self.text)


@dataclass
class InputError:
    source: str
    message: str


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_paths(paths: Iterable[str]) -> list[str]:
    """Fail before any work starts if a path does not exist."""
    paths = list(paths)
    for p in paths:
        if p != "-" and not Path(p).exists():
            raise FileNotFoundError(Errors.E004.format(path=p))
    return paths


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files as given; directories expanded recursively to *.txt, *.md, *.jsonl (sorted),
    leaving out a folder's own documentation (README.md, LICENSE.txt...)."""
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.is_file()
                    and child.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES
                    and child.stem.lower() not in SKIP_NAMES
                ):
                    yield str(child)
        else:
            yield p


def decode_bytes(data: bytes, source: str, encoding: str = "utf-8") -> str:
    """Decode file bytes; raise ValueError with a one-line reason for binary/undecodable data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:_SNIFF]:
        raise ValueError(Errors.E003.format(path=source))
    if data.startswith(b"\xef\xbb\xbf") and encoding.lower().replace("-", "") == "utf8":
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        reason = f"invalid {encoding} byte at offset {err.start}; try --encoding"
        raise ValueError(Errors.E002.format(path=source, reason=reason)) from err


def _read_jsonl(path: str, data: str) -> Iterator[InputDoc | InputError]:
    stem = Path(path).stem
    for n, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(path, Errors.E001.format(path=path, line=n, reason=f"bad JSON: {err.msg}"))
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield InputError(path, Errors.E001.format(path=path, line=n, reason="no 'text' string field"))
            continue
        doc_id = str(obj.get("doc_id") or obj.get("id") or f"{stem}:{n}")
        date = obj.get("date") or obj.get("doc_date")
        yield InputDoc(doc_id, obj["text"], f"{path}:{n}", str(date) if date else None)


def read_inputs(
    paths: Iterable[str], *, encoding: str = "utf-8", stdin: Iterable[str] | None = None
) -> Iterator[InputDoc | InputError]:
    """Yield documents (or one-line errors) from files, directories, JSONL and ``-``."""
    for p in expand_paths(check_paths(paths)):
        if p == "-":
            text = "".join(stdin if stdin is not None else sys.stdin)
            yield InputDoc("stdin", text, "-")
            continue
        try:
            raw = Path(p).read_bytes()
        except OSError as err:
            yield InputError(p, Errors.E002.format(path=p, reason=err.strerror or err))
            continue
        try:
            text = decode_bytes(raw, p, encoding)
        except ValueError as err:
            yield InputError(p, str(err))
            continue
        if p.lower().endswith(JSONL_SUFFIXES):
            yield from _read_jsonl(p, text)
        else:
            yield InputDoc(Path(p).stem, text, p)
