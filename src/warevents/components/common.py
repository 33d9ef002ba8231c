"""Shared plumbing for the span components: extensions, data files, span groups."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import srsly
from spacy.tokens import Doc, Span, Token

from ..errors import Errors

#: Span group each rule component writes its candidates to; ``resolve_ents``
#: reads them, resolves overlaps and writes ``doc.ents``.
CANDIDATES = {
    "MILITARY_UNIT": "warevents_units",
    "PLACE": "warevents_places",
    "DATE": "warevents_dates",
    "CASUALTY": "warevents_casualties",
}
#: Span group holding the pretrained pipeline's own entities (PERSON, ORG, NORP...).
PRETRAINED_ENTS = "spacy_ents"
#: Span group a trained statistical NER may write to (see training/).
MODEL_ENTS = "warevents_model"


def register_extensions() -> None:
    """Register the ``._`` attributes warevents uses (idempotent).

    ``Span._.norm`` holds the normalised value as a plain JSON dict, so it is
    stored in ``doc.user_data`` and survives ``Doc.to_bytes`` and
    ``nlp.pipe(n_process=2)``.
    """
    if not Span.has_extension("norm"):
        Span.set_extension("norm", default=None)
    if not Doc.has_extension("doc_date"):
        Doc.set_extension("doc_date", default=None)
    if not Doc.has_extension("doc_date_source"):
        Doc.set_extension("doc_date_source", default=None)
    if not Doc.has_extension("events"):
        Doc.set_extension("events", default=None)
    if not Doc.has_extension("war_related"):
        Doc.set_extension("war_related", default=None)


register_extensions()


def data_path(*parts: str) -> Path:
    """Path of a data file shipped inside the package (``warevents/data/...``)."""
    return Path(str(resources.files("warevents").joinpath("data", *parts)))


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSONL data file; a bad line raises ValueError naming file and line."""
    path = Path(path)
    rows: list[dict[str, Any]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise ValueError(Errors.E012.format(path=path, reason=err)) from err
    for n, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as err:
            raise ValueError(Errors.E001.format(path=path, line=n, reason=err.msg)) from err
    return rows


def write_jsonl(path: str | Path, rows: Iterable[dict[str, Any]]) -> None:
    srsly.write_jsonl(path, list(rows))


def set_candidates(doc: Doc, label: str, spans: list[Span]) -> None:
    """Store a component's candidate spans (label set, sorted) in its span group."""
    out = []
    for span in spans:
        if span.label_ != label:
            span = Span(doc, span.start, span.end, label=label)
        out.append(span)
    out.sort(key=lambda s: (s.start, -s.end))
    doc.spans[CANDIDATES[label]] = out


def strip_span(span: Span) -> Span | None:
    """Trim whitespace and punctuation tokens from both ends; None if nothing is left."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_space or doc[start].is_punct and doc[start].text not in "("):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct and doc[end - 1].text != ")"):
        end -= 1
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label)


def max_climb(token: Token) -> int:
    """Most steps a climb up the parse from ``token`` can take: its sentence's length.

    Loops over heads compare ``tok.i`` (spaCy makes a new ``Token`` at each access) and
    stop after this many steps, so they terminate even on a malformed parse.
    """
    doc = token.doc
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return len(token.sent)
    return len(doc)


def climb_within(token: Token, start: int, end: int) -> Token:
    """Highest ancestor of ``token`` reached through heads inside tokens ``start:end``."""
    n = token
    for _ in range(max(0, end - start)):  # each step reaches a new token inside the span
        head = n.head
        if head.i == n.i or not start <= head.i < end:
            break
        n = head
    return n
