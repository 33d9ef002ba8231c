"""Library entry points: turn texts or files into :class:`~warevents.schemas.Document` records.

>>> import warevents
>>> nlp = warevents.load()  # doctest: +SKIP
>>> record = warevents.extract("On Aug. 17, 1945, soldiers killed 18 villagers.", nlp=nlp)  # doctest: +SKIP
>>> record.model_dump()["spans"][0]["label"]  # doctest: +SKIP
'DATE'
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .components.common import register_extensions
from .errors import Warnings
from .io.readers import InputDoc, InputError, read_inputs, text_sha256
from .schemas import Document, SpanRecord

#: Documents longer than this are processed in chunks cut at paragraph or line breaks.
DEFAULT_CHUNK_CHARS = 100_000


@dataclass
class Processed:
    """One finished document: its record and the spaCy Doc(s) it came from."""

    record: Document
    docs: list[tuple[int, Doc]] = field(default_factory=list)


def split_chunks(text: str, max_chars: int = DEFAULT_CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut ``text`` into (offset, chunk) pieces of at most ``max_chars``, at the
    last paragraph break, else line break, else sentence end, else space."""
    if len(text) <= max_chars:
        return [(0, text)]
    chunks: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        if end < len(text):
            window = text[start:end]
            cut = -1
            for pattern in (r"\n\s*\n", r"\n", r"[.!?]\s", r"\s"):
                hits = [m.end() for m in re.finditer(pattern, window)]
                hits = [h for h in hits if h > max_chars // 4]
                if hits:
                    cut = hits[-1]
                    break
            if cut > 0:
                end = start + cut
        chunks.append((start, text[start:end]))
        start = end
    return chunks


def _shift(value: Any, offset: int) -> Any:
    """Shift every character offset inside an event dict by ``offset``."""
    if offset == 0:
        return value
    if isinstance(value, dict):
        return {
            k: (v + offset if k in ("start", "end", "start_char", "end_char") and isinstance(v, int)
                and not isinstance(v, bool) else _shift(v, offset))
            for k, v in value.items()
        }
    if isinstance(value, list):
        if len(value) == 2 and all(isinstance(x, int) and not isinstance(x, bool) for x in value):
            return [value[0] + offset, value[1] + offset]
        return [_shift(v, offset) for v in value]
    return value


def doc_spans(doc: Doc, offset: int = 0) -> list[SpanRecord]:
    return [
        SpanRecord(
            label=ent.label_,
            text=ent.text,
            start=ent.start_char + offset,
            end=ent.end_char + offset,
            norm=ent._.norm,
        )
        for ent in doc.ents
    ]


def _finish(item: InputDoc, parts: list[tuple[int, Doc]]) -> Processed:
    spans: list[SpanRecord] = []
    events: list[dict] = []
    many = len(parts) > 1
    for k, (offset, doc) in enumerate(parts):
        spans.extend(doc_spans(doc, offset))
        for event in doc._.events or []:
            event = _shift(dict(event), offset)
            if many and "id" in event:
                event["id"] = f"{event['id']}-c{k + 1}"
            events.append(event)
    record = Document(
        doc_id=item.doc_id,
        source=item.source,
        text_sha256=item.text_sha256,
        n_chars=len(item.text),
        doc_date=item.doc_date,
        spans=spans,
        events=events,
    )
    return Processed(record, parts)


def process(
    nlp: Language,
    items: Iterable[InputDoc],
    *,
    batch_size: int = 8,
    n_process: int = 1,
    chunk_chars: int = DEFAULT_CHUNK_CHARS,
) -> Iterator[Processed]:
    """Run ``nlp`` over input documents, streaming one :class:`Processed` per document.

    Long documents are split with :func:`split_chunks`; offsets in the records
    always index the original text.
    """
    register_extensions()
    chunk_chars = min(chunk_chars, nlp.max_length)
    pending: dict[int, tuple[InputDoc, int, list[tuple[int, Doc]]]] = {}

    def feed() -> Iterator[tuple[Doc, tuple[int, int]]]:
        for idx, item in enumerate(items):
            chunks = split_chunks(item.text, chunk_chars)
            if len(chunks) > 1:
                warnings.warn(
                    Warnings.W002.format(path=item.source, n_chars=len(item.text), n_chunks=len(chunks))
                )
            pending[idx] = (item, len(chunks), [])
            for offset, chunk in chunks:
                doc = nlp.make_doc(chunk)
                doc._.doc_date = item.doc_date
                yield doc, (idx, offset)

    for doc, (idx, offset) in nlp.pipe(feed(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        item, n_chunks, parts = pending[idx]
        parts.append((offset, doc))
        if len(parts) == n_chunks:
            del pending[idx]
            yield _finish(item, parts)


def extract(
    text_or_path: str | Path, *, nlp: Language | None = None, doc_date: str | None = None
) -> Document:
    """Extract one document from a text string or a path to a text file."""
    from .pipeline import load

    nlp = nlp or load()
    if isinstance(text_or_path, Path) or (
        isinstance(text_or_path, str) and "\n" not in text_or_path and len(text_or_path) < 4096
        and Path(text_or_path).is_file()
    ):
        items = list(read_inputs([str(text_or_path)]))
        errors = [i for i in items if isinstance(i, InputError)]
        if errors:
            raise ValueError(errors[0].message)
        item = items[0]
        item.doc_date = doc_date or item.doc_date
    else:
        item = InputDoc("text", str(text_or_path), "<string>", doc_date)
    return next(process(nlp, [item])).record


__all__ = ["extract", "process", "split_chunks", "Processed", "text_sha256"]
