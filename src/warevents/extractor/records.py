"""From a processed spaCy Doc (one piece of a document) to record parts.

A piece is converted as soon as the pipeline yields it and its Doc is then
dropped, so memory stays bounded by one batch of pieces however long the
document is. Offsets are shifted so that they index the whole document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from ..schemas import Document, SpanRecord

_OFFSET_KEYS = frozenset({"start", "end", "start_char", "end_char", "span_start", "span_end"})


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def shift_offsets(value: Any, offset: int) -> Any:
    """Shift every character offset inside an event dict by ``offset``."""
    if offset == 0:
        return value
    if isinstance(value, dict):
        return {
            k: (v + offset if k in _OFFSET_KEYS and _is_int(v) else shift_offsets(v, offset))
            for k, v in value.items()
        }
    if isinstance(value, list):
        if len(value) == 2 and all(_is_int(x) for x in value):
            return [value[0] + offset, value[1] + offset]
        return [shift_offsets(v, offset) for v in value]
    return value


@dataclass
class Processed:
    """One finished document: its record and its text (for writers that show it)."""

    record: Document
    text: str


@dataclass
class PieceResult:
    """What one piece contributed: spans and events, offsets already shifted."""

    offset: int
    spans: list[SpanRecord] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)


def piece_result(doc: Doc, offset: int) -> PieceResult:
    spans = [
        SpanRecord(label=ent.label_, text=ent.text, start=ent.start_char + offset,
                   end=ent.end_char + offset, norm=ent._.norm)
        for ent in doc.ents
    ]
    events = []
    for event in doc._.events or []:
        if hasattr(event, "model_dump"):
            event = event.model_dump()
        events.append(shift_offsets(dict(event), offset))
    return PieceResult(offset, spans, events)


def build_record(doc_id: str, source: str, text: str, doc_date: str | None,
                 pieces: list[PieceResult], doc_date_source: str | None = None) -> Document:
    """Join the pieces of one document, in text order, into its record."""
    spans: list[SpanRecord] = []
    events: list[dict] = []
    many = len(pieces) > 1
    for k, piece in enumerate(sorted(pieces, key=lambda p: p.offset)):
        spans.extend(piece.spans)
        for event in piece.events:
            if many and "id" in event:
                event = {**event, "id": f"{event['id']}-c{k + 1}"}
            events.append(event)
    return Document(doc_id=doc_id, source=source, text_sha256=_sha(text), n_chars=len(text),
                    doc_date=doc_date, doc_date_source=doc_date_source, spans=spans, events=events)


def _sha(text: str) -> str:
    from ..io.readers import text_sha256

    return text_sha256(text)


__all__ = ["Processed", "PieceResult", "piece_result", "build_record", "shift_offsets"]
