"""The extraction core: every entry point (CLI, library, Dask, evaluate) runs documents
through one :class:`Extractor`, so they all choose the model, read, decode, chunk,
budget time and treat bad input the same way.

The bad-input policy, in one place: a document that cannot be read, decoded,
parsed or processed within its time budget becomes an
:class:`~warevents.io.readers.InputError` (one line naming the file and, for
JSONL, the line) in the result stream, *in input order*, and the run goes on.
Callers count and print them; nothing else is dropped.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from spacy.language import Language

from ..errors import Errors
from ..io.readers import InputDoc, InputError, read_inputs, settle_doc_date
from ..schemas import Document
from .budget import BudgetExceeded, deadline
from .chunks import DEFAULT_CHUNK_CHARS, split_chunks
from .records import PieceResult, Processed, build_record, piece_result

if TYPE_CHECKING:  # pragma: no cover
    from .run import RunSummary

#: Seconds each piece of up to ``chunk_chars`` characters may take before its
#: document is given up (generous: a 50,000-character piece takes ~3 s).
DEFAULT_TIME_BUDGET = 120.0


Result = Processed | InputError


class ExtractionError(ValueError):
    """Raised by the single-document library calls when a document cannot be extracted."""


class Extractor:
    """Owns the model and the whole road from paths or texts to records.

    >>> ex = Extractor()  # doctest: +SKIP
    >>> ex.extract_text("On 3 May 1942 the 5th Army shelled Kharkov.").spans  # doctest: +SKIP
    """

    def __init__(
        self,
        model: str | Path | None = None,
        *,
        base_model: str | None = None,
        nlp: Language | None = None,
        batch_size: int = 8,
        n_process: int = 1,
        chunk_chars: int = DEFAULT_CHUNK_CHARS,
        time_budget: float | None = DEFAULT_TIME_BUDGET,
        encoding: str = "utf-8",
        doc_date: str | None = None,
    ) -> None:
        if batch_size < 1 or n_process < 1 or chunk_chars < 100:
            raise ValueError("batch_size and n_process must be >= 1, chunk_chars >= 100")
        self.model = model
        self.base_model = base_model
        self._nlp = nlp
        self.batch_size = batch_size
        self.n_process = n_process
        self.chunk_chars = chunk_chars
        self.time_budget = time_budget
        self.encoding = encoding
        from ..io.readers import parse_doc_date

        #: the --doc-date option: the DCT of documents that carry no date of their own
        try:
            self.doc_date = parse_doc_date(doc_date)
        except ValueError:
            raise ValueError(f"--doc-date {doc_date!r} is not an ISO date (YYYY-MM-DD)") from None

    # ------------------------------------------------------------------ model
    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from ..pipeline import resolve_model

            self._nlp = resolve_model(self.model, base_model=self.base_model)
        return self._nlp

    # ------------------------------------------------------------------ reading
    def read(self, paths: Iterable[str], *, skip: str | None = None,
             stdin: bytes | None = None) -> Iterator[InputDoc | InputError]:
        return read_inputs(paths, encoding=self.encoding, skip=skip, stdin=stdin)

    # ------------------------------------------------------------------ processing
    def process(self, items: Iterable[InputDoc | InputError]) -> Iterator[Result]:
        """Records (or errors) for ``items``, streamed in input order."""
        from ..components.common import register_extensions

        register_extensions()
        groups = self._groups(items)
        if self.n_process > 1:
            yield from self._process_parallel(groups)
        else:
            for group in groups:
                yield from self._process_group(group)

    def _groups(self, items: Iterable[InputDoc | InputError]) -> Iterator[list]:
        """Consecutive items, cut into groups of about ``batch_size`` pieces."""
        group: list = []
        n_pieces = 0
        chunk_chars = min(self.chunk_chars, self.nlp.max_length)
        for item in items:
            if isinstance(item, InputError):
                group.append(item)
                continue
            settle_doc_date(item, self.doc_date)
            chunks = split_chunks(item.text, chunk_chars)
            group.append((item, chunks))
            n_pieces += len(chunks)
            if n_pieces >= self.batch_size:
                yield group
                group, n_pieces = [], 0
        if group:
            yield group

    def _process_group(self, group: list) -> list[Result]:
        nlp = self.nlp
        pieces = [(k, off, text) for k, entry in enumerate(group)
                  if not isinstance(entry, InputError) for off, text in entry[1]]
        results: dict[int, list[PieceResult]] = {}
        failed: dict[int, str] = {}
        for batch in self._batches(pieces):
            batch = [piece for piece in batch if piece[0] not in failed]  # its document is lost
            done = 0
            budget = self.time_budget * len(batch) if self.time_budget else None
            try:
                with deadline(budget):
                    docs = nlp.pipe((self._make_doc(group, k, text) for k, _, text in batch),
                                    batch_size=max(1, len(batch)))
                    # only the records are kept: memory stays one batch wide
                    for (k, off, _), doc in zip(batch, docs):
                        results.setdefault(k, []).append(piece_result(doc, off))
                        done += 1
            except Exception:  # isolate the culprit below, one piece at a time
                pass
            for k, off, text in batch[done:]:
                if k in failed:
                    continue
                try:
                    with deadline(self.time_budget):
                        doc = nlp(self._make_doc(group, k, text))
                        results.setdefault(k, []).append(piece_result(doc, off))
                except BudgetExceeded:
                    failed[k] = Errors.E018.format(path=group[k][0].source, seconds=self.time_budget)
                except Exception as err:  # noqa: BLE001 - the policy: report, go on
                    reason = f"{type(err).__name__}: {err}".strip()[:300]
                    failed[k] = Errors.E017.format(path=group[k][0].source, reason=reason)
        out: list[Result] = []
        for k, entry in enumerate(group):
            if isinstance(entry, InputError):
                out.append(entry)
            elif k in failed:
                out.append(InputError(entry[0].source, failed[k]))
            else:
                item = entry[0]
                record = build_record(item.doc_id, item.source, item.text, item.doc_date,
                                      results.get(k, []), doc_date_source=item.doc_date_source)
                out.append(Processed(record, item.text))
        return out

    def _batches(self, pieces: list[tuple[int, int, str]]) -> Iterator[list[tuple[int, int, str]]]:
        """At most ``batch_size`` pieces and about ``chunk_chars`` characters per batch: the
        parser's memory grows with the characters in flight (one 100,000-character piece
        takes ~350 MB), so long documents go through one piece at a time."""
        batch: list[tuple[int, int, str]] = []
        chars = 0
        for piece in pieces:
            if batch and (len(batch) >= self.batch_size or chars + len(piece[2]) > self.chunk_chars):
                yield batch
                batch, chars = [], 0
            batch.append(piece)
            chars += len(piece[2])
        if batch:
            yield batch

    def _make_doc(self, group: list, k: int, text: str) -> Any:
        doc = self.nlp.make_doc(text)
        doc._.doc_date = group[k][0].doc_date
        doc._.doc_date_source = group[k][0].doc_date_source
        return doc

    def _process_parallel(self, groups: Iterator[list]) -> Iterator[Result]:
        global _WORKER
        self.nlp  # load once in the parent; forked workers share it copy-on-write
        _WORKER = self
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(self.n_process) as pool:
            window: deque = deque()
            for group in groups:
                window.append(pool.apply_async(_worker_group, (group,)))
                if len(window) >= 2 * self.n_process:
                    yield from window.popleft().get()
            while window:
                yield from window.popleft().get()

    # ------------------------------------------------------------------ single documents
    def extract_text(self, text: str, *, doc_id: str = "text", doc_date: str | None = None,
                     source: str = "<string>") -> Document:
        """One text (a ``str``, never read as a path) to its record."""
        if not isinstance(text, str):
            raise TypeError(f"extract_text takes a str, not {type(text).__name__}; "
                            "use extract_file for paths")
        from ..io.readers import check_text, parse_doc_date

        try:
            check_text(text, source)
            doc_date = parse_doc_date(doc_date)
        except ValueError as err:
            raise ExtractionError(str(err)) from err
        return self._one(InputDoc(doc_id, text, source, doc_date))

    def extract_file(self, path: str | Path, *, doc_date: str | None = None) -> Document:
        """One text file to its record (a JSONL file must hold exactly one document)."""
        items = list(self.read([str(path)]))
        if len(items) != 1:
            raise ExtractionError(f"{path}: holds {len(items)} documents; use Extractor.run")
        item = items[0]
        if isinstance(item, InputDoc) and doc_date:
            from ..io.readers import parse_doc_date

            item.doc_date = parse_doc_date(doc_date)
        return self._one(item)

    def _one(self, item: InputDoc | InputError) -> Document:
        result = next(self.process([item]))
        if isinstance(result, InputError):
            raise ExtractionError(result.message)
        return result.record

    # ------------------------------------------------------------------ whole runs
    def run(
        self,
        paths: list[str],
        *,
        output: str | None = None,
        fmt: str = "jsonl",
        resume: bool = False,
        on_error: Callable[[InputError], None] | None = None,
        on_done: Callable[[Processed], None] | None = None,
        stdin: bytes | None = None,
    ) -> "RunSummary":
        """Extract every input into ``output`` (stdout when None or '-')."""
        from .run import run

        return run(self, paths, output=output, fmt=fmt, resume=resume, on_error=on_error,
                   on_done=on_done, stdin=stdin)


_WORKER: Extractor | None = None


def _worker_group(group: list) -> list[Result]:
    assert _WORKER is not None
    return _WORKER._process_group(group)


__all__ = ["Extractor", "Processed", "Result", "ExtractionError", "DEFAULT_TIME_BUDGET"]
