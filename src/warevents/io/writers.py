"""Output writers: one record is written (and flushed) as soon as it is finished,
so an interrupted run keeps every document it completed."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import IO, Any

from ..extractor.records import Processed
from .jsonl import dumps

FORMATS = ("jsonl", "json", "csv", "events-csv", "events-parquet", "html")
#: The format each output file extension means (``-o out.csv`` writes CSV).
EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": ("csv", "events-csv"),
              ".parquet": "events-parquet", ".html": "html", ".htm": "html"}
#: A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text cells (OWASP CSV injection): prefix ``'``."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class SafeDictWriter(csv.DictWriter):
    def writerow(self, rowdict: Any) -> Any:
        return super().writerow({k: safe_cell(v) for k, v in rowdict.items()})
SPAN_COLUMNS = ["doc_id", "source", "label", "text", "start", "end", "norm"]


class Writer:
    def __init__(self, out: str | None, *, append: bool = False) -> None:
        self.path = out
        if out in (None, "-"):
            self.fh: IO[str] = sys.stdout
            self._own = False
        else:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            self.fh = open(out, "a" if append else "w", encoding="utf-8", newline="")
            self._own = True
        self.n = 0

    def write(self, item: Processed) -> None:
        self._write(item)
        self.n += 1
        self.fh.flush()

    def _write(self, item: Processed) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def close(self) -> None:
        if self._own:
            self.fh.close()

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class JsonlWriter(Writer):
    def _write(self, item: Processed) -> None:
        self.fh.write(dumps(item.record.model_dump(mode="json")) + "\n")


class JsonWriter(Writer):
    """A JSON array, still written record by record (closed on exit)."""

    def _write(self, item: Processed) -> None:
        self.fh.write("[\n" if self.n == 0 else ",\n")
        self.fh.write(json.dumps(item.record.model_dump(mode="json"), ensure_ascii=False, indent=1))

    def close(self) -> None:
        self.fh.write("[]\n" if self.n == 0 else "\n]\n")
        super().close()


class CsvWriter(Writer):
    """One row per span."""

    def __init__(self, out: str | None, **kwargs: Any) -> None:
        super().__init__(out, **kwargs)
        self.csv = SafeDictWriter(self.fh, fieldnames=SPAN_COLUMNS)
        self.csv.writeheader()

    def _write(self, item: Processed) -> None:
        rec = item.record
        for span in rec.spans:
            row = span.model_dump()
            self.csv.writerow(
                {
                    "doc_id": rec.doc_id,
                    "source": rec.source,
                    "label": row["label"],
                    "text": row["text"],
                    "start": row["start"],
                    "end": row["end"],
                    "norm": json.dumps(row["norm"], ensure_ascii=False) if row["norm"] else "",
                }
            )


class EventsCsvWriter(Writer):
    """One row per event, in columns that concatenate with ACLED/UCDP exports (README codebook)."""

    def __init__(self, out: str | None, **kwargs: Any) -> None:
        from .tables import EVENT_COLUMNS, EventTable

        super().__init__(out, **kwargs)
        self.table = EventTable()
        self.csv = SafeDictWriter(self.fh, fieldnames=EVENT_COLUMNS, extrasaction="ignore")
        if not (kwargs.get("append") and self.fh.tell()):
            self.csv.writeheader()

    def _write(self, item: Processed) -> None:
        for row in self.table.rows(item.record, item.text):
            self.csv.writerow({k: "" if v is None else v for k, v in row.items()})


class EventsParquetWriter(Writer):
    """The events-csv table as one Parquet file (needs ``pyarrow``), typed columns.

    Parquet cannot be appended row by row: the rows are kept and written on close.
    """

    def __init__(self, out: str | None, **kwargs: Any) -> None:
        from ..errors import Errors
        from .tables import EventTable

        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ValueError(Errors.E030.format(fmt="events-parquet", package="pyarrow")) from None
        if out in (None, "-"):
            raise ValueError(Errors.E031.format(fmt="events-parquet"))
        super().__init__(out, **kwargs)
        self.table = EventTable()
        self.rows: list[dict[str, Any]] = []

    def _write(self, item: Processed) -> None:
        self.rows.extend(self.table.rows(item.record, item.text))

    def close(self) -> None:
        import datetime as dt

        import pyarrow as pa
        import pyarrow.parquet as pq

        from .tables import EVENT_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS

        def kind(col: str) -> Any:
            if col in INT_COLUMNS:
                return pa.int64()
            if col in FLOAT_COLUMNS:
                return pa.float64()
            return pa.date32() if col in ("event_date", "date_start", "date_end") else pa.string()

        schema = pa.schema([(c, kind(c)) for c in EVENT_COLUMNS])
        columns = {c: [r[c] for r in self.rows] for c in EVENT_COLUMNS}
        for c in ("event_date", "date_start", "date_end"):
            columns[c] = [dt.date.fromisoformat(v) if v else None for v in columns[c]]
        self.fh.close()
        pq.write_table(pa.table(columns, schema=schema), self.path)
        self._own = False


class HtmlWriter(Writer):
    """A self-contained report page (no CDN): spans coloured with their normalised value on
    hover, and each document's events as a table whose rows highlight their evidence."""

    def _write(self, item: Processed) -> None:
        from .report.page import document_html, page_head

        if self.n == 0:
            self.fh.write(page_head())
        self.fh.write(document_html(item.record, item.text, self.n))

    def close(self) -> None:
        from .report.page import page_head, page_tail

        if self.n == 0:
            self.fh.write(page_head() + "<p>No documents were extracted.</p>\n")
        self.fh.write(page_tail())
        super().close()


def make_writer(fmt: str, out: str | None, *, append: bool = False) -> Writer:
    from ..errors import Errors

    classes = {
        "jsonl": JsonlWriter,
        "json": JsonWriter,
        "csv": CsvWriter,
        "events-csv": EventsCsvWriter,
        "events-parquet": EventsParquetWriter,
        "html": HtmlWriter,
    }
    if fmt not in classes:
        raise ValueError(Errors.E011.format(fmt=fmt, formats=", ".join(FORMATS)))
    return classes[fmt](out, append=append)


def done_keys(path: str | Path) -> set[tuple[str, str]]:
    """(doc_id, text_sha256) of every complete record already in a JSONL output.

    A torn last line (the run was killed mid-write) is ignored and rewritten.
    """
    from ..errors import Errors

    keys: set[tuple[str, str]] = set()
    path = Path(path)
    if not path.exists():
        return keys
    good_bytes = 0
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, start=1):
            if not raw.endswith(b"\n"):
                break  # a torn last line: rewritten
            try:
                obj = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as err:
                reason = "not JSON" if isinstance(err, json.JSONDecodeError) else "not UTF-8"
                raise ValueError(Errors.E019.format(path=path, line=n, reason=reason)) from None
            if not (isinstance(obj, dict) and isinstance(obj.get("doc_id"), str)
                    and isinstance(obj.get("text_sha256"), str)):
                raise ValueError(Errors.E019.format(path=path, line=n,
                                                    reason="no 'doc_id' and 'text_sha256'"))
            keys.add((obj["doc_id"], obj["text_sha256"]))
            good_bytes += len(raw)
    if good_bytes != path.stat().st_size:
        with open(path, "r+b") as fh:
            fh.truncate(good_bytes)
    return keys
