"""Write imported documents as warevents gold JSONL, one file per document (``warevents convert``).

The files are what ``annotations/README.md`` describes, so they train, evaluate
and can be annotated further like the project's own gold. The gold format needs a
normalised value for PLACE, DATE and CASUALTY spans, which exports do not carry:
PLACE gets its text as canonical name, DATE the value warevents' date normaliser
reads from the span text (no year borrowed from context), MILITARY_UNIT none. A
span whose value cannot be given that way (a CASUALTY's kind, an unreadable DATE)
is left out and counted in :class:`GoldWriter`'s ``skipped``; ``warevents train``
reading the export itself keeps every span.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from .base import TrainDoc, TrainSpan

_UNSAFE = re.compile(r"[^\w.-]+")


def file_name(doc_id: str, taken: set[str]) -> str:
    """A safe, unique file name for a document id (``doc#2`` -> ``doc_2.jsonl``)."""
    stem = _UNSAFE.sub("_", doc_id).strip("._") or "doc"
    name, k = f"{stem}.jsonl", 1
    while name.lower() in taken:
        k += 1
        name = f"{stem}_{k}.jsonl"
    taken.add(name.lower())
    return name


class GoldWriter:
    """Writes documents as gold files; ``skipped`` counts spans left out, per label."""

    def __init__(self) -> None:
        self.skipped: Counter = Counter()
        self._dates: Any = None

    def _date_norm(self, text: str) -> dict[str, Any] | None:
        if self._dates is None:
            from ...components.common import data_path, read_jsonl
            from ...components.s4_dates import DateContext, DateLexicon, DateNormaliser

            lexicon = DateLexicon(read_jsonl(data_path("lexicons", "date_parts.jsonl")))
            self._dates = (DateNormaliser(lexicon), DateContext)
        normaliser, context = self._dates
        value = normaliser.normalise(text, context())
        if value is None or value.precision == "months":  # "months" is not a gold precision
            return None
        return {"start": value.start, "end": value.end, "precision": value.precision}

    def norm(self, span: TrainSpan, text: str) -> tuple[bool, dict[str, Any] | None]:
        """(keep, norm) for one span."""
        if span.label == "MILITARY_UNIT":
            return True, None
        if span.label == "PLACE":
            return True, {"canonical": text, "modern": None}
        if span.label == "DATE":
            norm = self._date_norm(text)
            return norm is not None, norm
        return False, None

    def lines(self, doc: TrainDoc, doc_id: str | None = None) -> list[dict]:
        """The gold lines of one document; ``doc_id`` must match ``[A-Za-z0-9_.-]+``."""
        head = {"type": "document", "doc_id": doc_id or doc.doc_id,
                "source": doc.path or "imported",
                "text": doc.text, "text_sha256": hashlib.sha256(doc.text.encode("utf-8")).hexdigest(),
                "doc_date": doc.doc_date}
        spans = []
        last_end = -1
        for s in sorted(doc.spans, key=lambda s: (s.start, -s.end)):
            text = doc.text[s.start:s.end]
            keep, norm = self.norm(s, text)
            if not keep or s.start < last_end:  # gold spans never overlap (GUIDELINES G2)
                self.skipped[s.label] += 1
                continue
            last_end = s.end
            spans.append({"type": "span", "start": s.start, "end": s.end, "label": s.label,
                          "text": text, "norm": norm})
        paragraphs = [{"type": "paragraph", **p} for p in doc.paragraphs]
        return [head, *spans, *paragraphs]

    def write(self, docs: list[TrainDoc], out_dir: str | Path) -> list[Path]:
        """Write each document to ``out_dir/<doc_id>.jsonl`` (the id made file-safe; the gold
        ``doc_id`` is that file name); return the paths written."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        taken = {p.name.lower() for p in out.glob("*.jsonl")}
        written = []
        for doc in docs:
            path = out / file_name(doc.doc_id, taken)
            path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n"
                                    for line in self.lines(doc, path.stem)), encoding="utf-8")
            written.append(path)
        return written


def write_gold(docs: list[TrainDoc], out_dir: str | Path) -> list[Path]:
    """Shortcut: :meth:`GoldWriter.write`."""
    return GoldWriter().write(docs, out_dir)
