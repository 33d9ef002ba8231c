"""Ingest: documents (extracted here, or records already written by ``extract``) into the registry.

Each document is one transaction: its row, spans, events and their incidents
commit together or not at all, so a killed run loses nothing it had finished
and a second run skips what is stored (same doc id and text hash) and does the
rest in the same order. A stored document whose text changed is replaced: its
old events leave their incidents and the new ones are resolved again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection, Engine

from .errors import Errors
from .features import event_row
from .incidents import has_constraints, resolve_new, summarise
from .schema import documents, events, spans

REQUIRED = ("doc_id", "text_sha256")


@dataclass
class IngestSummary:
    added: int = 0
    replaced: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    events: int = 0


def is_record_file(path: str) -> bool:
    """A ``.jsonl`` file whose first line is a warevents record (``doc_id``, ``text_sha256``)."""
    p = Path(path)
    if p.suffix != ".jsonl" or not p.is_file():
        return False
    with p.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.strip():
                try:
                    obj = json.loads(line)
                except ValueError:
                    return False
                return isinstance(obj, dict) and all(k in obj for k in REQUIRED) and "text" not in obj
    return False


def read_records(path: str) -> Iterator[dict | str]:
    """Records of a record file; a bad line gives an error message instead."""
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as exc:
                yield Errors.S003.format(path=path, line=n, reason=f"not JSON: {exc.msg}")
                continue
            if not isinstance(rec, dict) or any(k not in rec for k in REQUIRED):
                yield Errors.S003.format(path=path, line=n, reason="no doc_id or text_sha256")
                continue
            yield rec


def stored_hash(conn: Connection, doc_id: str) -> str | None:
    row = conn.execute(select(documents.c.text_sha256).where(documents.c.doc_id == doc_id)).first()
    return row[0] if row else None


def _remove(conn: Connection, doc_id: str) -> None:
    touched = {r[0] for r in conn.execute(select(events.c.incident_id).where(
        events.c.doc_id == doc_id)) if r[0]}
    conn.execute(delete(events).where(events.c.doc_id == doc_id))
    conn.execute(delete(spans).where(spans.c.doc_id == doc_id))
    conn.execute(delete(documents).where(documents.c.doc_id == doc_id))
    for inc in sorted(touched):
        summarise(conn, inc)


def store_record(engine: Engine, rec: dict[str, Any]) -> str:
    """Store one document record in one transaction; return 'added', 'replaced' or 'skipped'."""
    doc_id = str(rec["doc_id"])
    with engine.begin() as conn:
        old = stored_hash(conn, doc_id)
        if old == rec["text_sha256"]:
            return "skipped"
        if old is not None:
            _remove(conn, doc_id)
        seq = (conn.execute(select(func.max(documents.c.seq))).scalar() or 0) + 1
        conn.execute(documents.insert().values(
            doc_id=doc_id, text_sha256=rec["text_sha256"], seq=seq, source=rec.get("source"),
            doc_date=rec.get("doc_date"), n_chars=rec.get("n_chars"), error=rec.get("error")))
        span_list = [s for s in rec.get("spans") or [] if isinstance(s, dict)]
        if span_list:
            conn.execute(spans.insert(), [
                {"doc_id": doc_id, "idx": i, "label": s.get("label", ""), "text": s.get("text", ""),
                 "start": s.get("start", 0), "end": s.get("end", 0),
                 "norm": json.dumps(s.get("norm"), ensure_ascii=False, sort_keys=True)}
                for i, s in enumerate(span_list)])
        rows = [event_row(doc_id, i, ev, span_list, rec.get("doc_date"))
                for i, ev in enumerate(rec.get("events") or []) if isinstance(ev, dict)]
        seen: set[str] = set()
        for row in rows:
            if row["event_key"] in seen:  # duplicate event ids in one record
                row["event_key"] += f"~{row['idx']}"
            seen.add(row["event_key"])
        corrections = has_constraints(conn)
        touched = []
        for row in rows:
            inc = resolve_new(conn, row, corrections=corrections)
            if inc not in touched:
                touched.append(inc)
        for inc in touched:
            summarise(conn, inc)
        return "replaced" if old is not None else "added"


def _extracted(paths: list[str], engine: Engine, model: str | None, base_model: str | None,
               summary: IngestSummary) -> Iterator[dict | str]:
    from ..extractor import Extractor
    from ..io.readers import InputError

    ex = Extractor(model, base_model=base_model)
    with engine.connect() as conn:
        def todo() -> Iterator[Any]:
            for item in ex.read(paths):
                if isinstance(item, InputError):
                    yield item
                else:
                    seen = stored_hash(conn, item.doc_id) == item.text_sha256
                    conn.rollback()  # no read transaction held open while extracting
                    if seen:
                        summary.skipped += 1  # incremental: stored documents are not read again
                    else:
                        yield item

        for result in ex.process(todo()):
            if isinstance(result, InputError):
                yield result.message
            else:
                yield result.record.model_dump(mode="json")


def ingest_paths(engine: Engine, paths: list[str], *, model: str | None = None,
                 base_model: str | None = None,
                 on_doc: Callable[[str, str], None] | None = None) -> IngestSummary:
    """Ingest files and folders; record files (``extract`` output) are read, the rest extracted."""
    from ..io.readers import check_paths

    check_paths(paths)
    summary = IngestSummary()
    record_files = [p for p in paths if is_record_file(p)]
    texts = [p for p in paths if p not in record_files]
    streams: list[Iterable[dict | str]] = [read_records(p) for p in record_files]
    if texts:
        streams.append(_extracted(texts, engine, model, base_model, summary))
    for stream in streams:
        for item in stream:
            if isinstance(item, str):
                summary.errors.append(item)
                continue
            status = store_record(engine, item)
            setattr(summary, status, getattr(summary, status) + 1)
            summary.events += 0 if status == "skipped" else len(item.get("events") or [])
            if on_doc:
                on_doc(str(item["doc_id"]), status)
    return summary
