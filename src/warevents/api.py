"""Library entry points: texts or files to :class:`~warevents.schemas.Document` records.

All of them run through :class:`warevents.extractor.Extractor`, as the CLI does.

>>> import warevents
>>> nlp = warevents.load()  # doctest: +SKIP
>>> record = warevents.extract("On Aug. 17, 1945, soldiers killed 18 villagers.", nlp=nlp)  # doctest: +SKIP
>>> record.spans[0].label  # doctest: +SKIP
'DATE'
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language

from .extractor import DEFAULT_CHUNK_CHARS, ExtractionError, Extractor, Processed, split_chunks
from .io.readers import InputDoc, InputError, text_sha256
from .schemas import Document


def process(
    nlp: Language,
    items: Iterable[InputDoc | InputError],
    *,
    batch_size: int = 8,
    n_process: int = 1,
    chunk_chars: int = DEFAULT_CHUNK_CHARS,
) -> Iterator[Processed | InputError]:
    """Run ``nlp`` over input documents, streaming one result per document, in order.

    A document that cannot be processed comes back as an ``InputError``.
    """
    ex = Extractor(nlp=nlp, batch_size=batch_size, n_process=n_process, chunk_chars=chunk_chars)
    return ex.process(items)


def extract(text: str | Path, *, nlp: Language | None = None, doc_date: str | None = None,
            doc_id: str = "text") -> Document:
    """Extract one document. A ``str`` is always the text itself; pass a
    :class:`pathlib.Path` (or use :func:`extract_file`) to read a file."""
    if isinstance(text, Path):
        return extract_file(text, nlp=nlp, doc_date=doc_date)
    return Extractor(nlp=nlp).extract_text(text, doc_id=doc_id, doc_date=doc_date)


def extract_file(path: str | Path, *, nlp: Language | None = None,
                 doc_date: str | None = None) -> Document:
    """Extract one text file (UTF-8, or UTF-16 with a byte-order mark)."""
    return Extractor(nlp=nlp).extract_file(path, doc_date=doc_date)


__all__ = ["extract", "extract_file", "process", "split_chunks", "Processed", "text_sha256",
           "ExtractionError"]
