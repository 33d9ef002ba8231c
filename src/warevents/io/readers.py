"""Input documents: files, directories, JSON Lines and stdin.

Every input becomes an :class:`InputDoc` (text exactly as decoded, so span
offsets index the original file text) or an :class:`InputError` (one line,
naming the file and, for JSONL, the line), so one bad file never stops a run.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import Errors
from .jsonl import JsonlProblem, find_lone_surrogate, iter_objects

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
    #: where ``doc_date`` came from: "jsonl", "given" (library call), "option" (--doc-date),
    #: "dateline" (found in the first lines of the text) or None
    doc_date_source: str | None = None

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
    """Decode file bytes; raise ValueError with a one-line reason naming ``source``
    for binary or undecodable data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif b"\x00" in data[:_SNIFF]:
        raise ValueError(Errors.E003.format(path=source))
    elif data.startswith(b"\xef\xbb\xbf") and encoding.lower().replace("-", "") == "utf8":
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        reason = f"invalid {encoding} byte at offset {err.start}; try --encoding"
        raise ValueError(Errors.E002.format(path=source, reason=reason)) from err
    except LookupError as err:
        raise ValueError(Errors.E002.format(path=source, reason=f"unknown encoding {encoding!r}")) from err


def _surrogate_reason(text: str) -> str | None:
    """Why ``text`` cannot be written back as UTF-8 (a lone surrogate from a JSON escape)."""
    at = find_lone_surrogate(text)
    if at is None:
        return None
    return f"text has a lone surrogate U+{ord(text[at]):04X} at offset {at}, which is not valid Unicode text"


def check_text(text: str, source: str) -> None:
    """Refuse text that cannot be written back as UTF-8."""
    reason = _surrogate_reason(text)
    if reason is not None:
        raise ValueError(Errors.E015.format(path=source, reason=reason))


def parse_doc_date(value: object) -> str | None:
    """A document date as ``YYYY-MM-DD`` (an ISO date or datetime), else ValueError."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"'date' must be an ISO date string, not {type(value).__name__}")
    head = value.strip()[:10]
    try:
        if len(head) != 10:
            raise ValueError
        return _dt.date.fromisoformat(head).isoformat()
    except ValueError:
        raise ValueError(f"'date' {value!r} is not an ISO date (YYYY-MM-DD)") from None


def settle_doc_date(item: InputDoc, option: str | None = None) -> InputDoc:
    """Fix the document creation time (DCT) of ``item`` in place, in the order: its own
    date (JSONL ``date`` or a library argument), the ``--doc-date`` option, a dateline in
    its first lines. Never today's date.

    >>> settle_doc_date(InputDoc("a", "Published 14 June 2016\\nRain on Friday.", "a.txt")).doc_date
    '2016-06-14'
    """
    if item.doc_date is not None:
        item.doc_date_source = item.doc_date_source or "given"
    elif option is not None:
        item.doc_date, item.doc_date_source = option, "option"
    else:
        from ..components.s4_dates.dct import find_dct

        found = find_dct(item.text)
        if found is not None:
            item.doc_date, item.doc_date_source = found.date, found.source
    return item


def _read_jsonl(path: str, data: str) -> Iterator[InputDoc | InputError]:
    stem = Path(path).stem
    for n, obj in iter_objects(data):
        if isinstance(obj, JsonlProblem):
            yield InputError(path, Errors.E001.format(path=path, line=n, reason=obj.reason))
            continue
        if not isinstance(obj.get("text"), str):
            yield InputError(path, Errors.E001.format(path=path, line=n, reason="no 'text' string field"))
            continue
        reason = _surrogate_reason(obj["text"])
        if reason is None:
            try:
                date = parse_doc_date(obj.get("date") or obj.get("doc_date"))
            except ValueError as err:
                reason = str(err)
        if reason is not None:
            yield InputError(path, Errors.E001.format(path=path, line=n, reason=reason))
            continue
        doc_id = str(obj.get("doc_id") or obj.get("id") or f"{stem}:{n}")
        yield InputDoc(doc_id, obj["text"], f"{path}:{n}", date, "jsonl" if date else None)


def read_inputs(
    paths: Iterable[str], *, encoding: str = "utf-8", stdin: bytes | None = None,
    skip: str | None = None,
) -> Iterator[InputDoc | InputError]:
    """Yield documents (or one-line errors) from files, directories, JSONL and ``-``.

    ``stdin`` replaces the bytes of standard input (for tests); ``skip`` is a
    file never read (the run's own output, when it lies inside an input folder).
    """
    for p in expand_paths(check_paths(paths)):
        if p == "-":
            raw = stdin if stdin is not None else sys.stdin.buffer.read()
            try:
                yield InputDoc("stdin", decode_bytes(raw, "<stdin>", encoding), "-")
            except ValueError as err:
                yield InputError("-", str(err))
            continue
        if skip is not None and _same_file(p, skip):
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


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def check_output(paths: Iterable[str], output: str | None) -> None:
    """Refuse an output file that is also one of the inputs (it would be truncated
    before it is read)."""
    if output in (None, "-"):
        return
    for p in paths:
        if p != "-" and Path(p).is_file() and _same_file(p, output):
            raise ValueError(Errors.E016.format(path=output))
