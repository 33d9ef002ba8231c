"""Output writers: one record is written (and flushed) as soon as it is finished,
so an interrupted run keeps every document it completed."""

from __future__ import annotations

import csv
import html
import json
import sys
from pathlib import Path
from typing import IO, Any

from ..api import Processed

FORMATS = ("jsonl", "json", "csv", "events-csv", "html")
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

    def __enter__(self) -> "Writer":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class JsonlWriter(Writer):
    def _write(self, item: Processed) -> None:
        self.fh.write(json.dumps(item.record.model_dump(), ensure_ascii=False) + "\n")


class JsonWriter(Writer):
    """A JSON array, still written record by record (closed on exit)."""

    def _write(self, item: Processed) -> None:
        self.fh.write("[\n" if self.n == 0 else ",\n")
        self.fh.write(json.dumps(item.record.model_dump(), ensure_ascii=False, indent=1))

    def close(self) -> None:
        self.fh.write("[]\n" if self.n == 0 else "\n]\n")
        super().close()


class CsvWriter(Writer):
    """One row per span."""

    def __init__(self, out: str | None, **kwargs: Any) -> None:
        super().__init__(out, **kwargs)
        self.csv = csv.DictWriter(self.fh, fieldnames=SPAN_COLUMNS)
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
    """One row per event, in flat ACLED-like columns."""

    def __init__(self, out: str | None, **kwargs: Any) -> None:
        from ..events.export import ACLED_COLUMNS

        super().__init__(out, **kwargs)
        self.csv = csv.DictWriter(self.fh, fieldnames=ACLED_COLUMNS, extrasaction="ignore")
        self.csv.writeheader()

    def _write(self, item: Processed) -> None:
        from ..events.export import events_to_rows

        text = "".join(doc.text for _, doc in item.docs)
        for row in events_to_rows(item.record.events, item.record.source or item.record.doc_id, text):
            self.csv.writerow(row)


class HtmlWriter(Writer):
    """A displaCy page with the four span labels highlighted, one section per document."""

    COLORS = {"MILITARY_UNIT": "#f4a261", "PLACE": "#8ecae6", "DATE": "#b7e4c7", "CASUALTY": "#ef476f"}

    def _write(self, item: Processed) -> None:
        from spacy import displacy

        if self.n == 0:
            self.fh.write("<!DOCTYPE html><html><head><meta charset='utf-8'>"
                          "<title>warevents</title></head><body>\n")
        self.fh.write(f"<h2>{html.escape(item.record.doc_id)}</h2>\n")
        for _, doc in item.docs:
            self.fh.write(
                displacy.render(doc, style="ent", page=False, options={"colors": self.COLORS})
            )

    def close(self) -> None:
        if self.n:
            self.fh.write("</body></html>\n")
        super().close()


def make_writer(fmt: str, out: str | None, *, append: bool = False) -> Writer:
    from ..errors import Errors

    classes = {
        "jsonl": JsonlWriter,
        "json": JsonWriter,
        "csv": CsvWriter,
        "events-csv": EventsCsvWriter,
        "html": HtmlWriter,
    }
    if fmt not in classes:
        raise ValueError(Errors.E011.format(fmt=fmt, formats=", ".join(FORMATS)))
    return classes[fmt](out, append=append)


def done_keys(path: str | Path) -> set[tuple[str, str]]:
    """(doc_id, text_sha256) of every complete record already in a JSONL output.

    A torn last line (the run was killed mid-write) is ignored and rewritten.
    """
    keys: set[tuple[str, str]] = set()
    path = Path(path)
    if not path.exists():
        return keys
    good_bytes = 0
    with open(path, "rb") as fh:
        for raw in fh:
            try:
                obj = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError):
                break
            if not raw.endswith(b"\n"):
                break
            keys.add((obj["doc_id"], obj["text_sha256"]))
            good_bytes += len(raw)
    if good_bytes != path.stat().st_size:
        with open(path, "r+b") as fh:
            fh.truncate(good_bytes)
    return keys
