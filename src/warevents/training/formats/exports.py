"""Readers for Label Studio's other text exports: JSON-MIN and CoNLL 2003.

``labelstudio-min``
    ``[{"id", "text", "<from_name>": [{"start", "end", "text", "labels": [...]}],
    "annotator", "annotation_id", ...}]``: one item per annotation, the regions under
    the labelling control's name (``label``, ``ner``...).
``conll``
    Token-per-line CoNLL (``word -X- _ B-LOC`` as Label Studio writes it, or plain
    ``word B-LOC``): the tag is the last column, BIO/IOB/BILOU. ``-DOCSTART-`` lines
    start documents; without them (Label Studio), each blank-line block is one
    document. The text is rebuilt with single spaces between tokens (and line breaks
    between sentences), so offsets index that text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .base import AnnotationError, TrainDoc, check_spans, doc_id_of, json_values

_META = {"id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time",
         "agreement", "text"}


def _regions(item: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for key, value in item.items():
        if key in _META or not isinstance(value, list):
            continue
        out += [r for r in value if isinstance(r, dict) and "labels" in r and "start" in r]
    return out



def read_labelstudio_min(path: str | Path) -> list[TrainDoc]:
    """Label Studio JSON-MIN export (one item per annotation)."""
    path = Path(path)
    docs = []
    for n, value in json_values(path):
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"]:
                raise AnnotationError(path, n, f"item #{i + 1} has no non-empty 'text'")
            triples = []
            for region in _regions(item):
                labels = region["labels"]
                if not (isinstance(labels, list) and len(labels) == 1):
                    raise AnnotationError(path, n, f"item #{i + 1}: a region needs exactly one "
                                          f"label, got {labels!r}")
                triples.append((region.get("start"), region.get("end"), labels[0]))
            spans = check_spans(path, n, item["text"], triples)
            docs.append(TrainDoc(doc_id_of(path, i + 1, item, "id"), item["text"], spans,
                                 path=str(path), line=n))
    return docs


def _tag(tag: str) -> tuple[str, str | None]:
    """("B", "LOC") from "B-LOC" (also I, L, U, E, S); ("O", None) outside."""
    if tag in ("O", "_", ""):
        return "O", None
    prefix, sep, label = tag.partition("-")
    if sep and prefix.upper() in ("B", "I", "L", "U", "E", "S"):
        return prefix.upper(), label
    return "I", tag  # IO tagging: a bare label continues a span of that label


def read_conll(path: str | Path) -> list[TrainDoc]:
    """Token-per-line CoNLL, as Label Studio exports it (CONLL2003)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise AnnotationError(path, 0, f"cannot read: {err}") from err
    by_docstart = sum(line.startswith("-DOCSTART-") for line in lines) > 1
    # documents -> sentences -> (line number, token, tag)
    docs_raw: list[list[list[tuple[int, str, str]]]] = [[[]]]
    for n, line in enumerate(lines, start=1):
        if line.startswith("-DOCSTART-"):
            if any(docs_raw[-1]):
                docs_raw.append([[]])
            continue
        if not line.strip():
            if by_docstart:
                docs_raw[-1].append([])
            elif any(docs_raw[-1]):
                docs_raw.append([[]])
            continue
        cols = line.split()
        if len(cols) < 2:
            raise AnnotationError(path, n, f"expected 'TOKEN ... TAG', got {line!r}")
        docs_raw[-1][-1].append((n, cols[0], cols[-1]))
    docs = []
    for sentences in docs_raw:
        sentences = [s for s in sentences if s]
        if not sentences:
            continue
        text_parts: list[str] = []
        triples: list[tuple[int, int, str]] = []
        pos = 0
        open_span: list[Any] | None = None  # [start, end, label]
        first_line = sentences[0][0][0]
        for k, sentence in enumerate(sentences):
            for j, (n, token, tag) in enumerate(sentence):
                if text_parts:
                    sep = "\n" if j == 0 and k > 0 else " "
                    text_parts.append(sep)
                    pos += 1
                start, end = pos, pos + len(token)
                text_parts.append(token)
                pos = end
                kind, label = _tag(tag)
                if open_span is not None and (kind in ("B", "U", "S", "O") or label != open_span[2]
                                              or j == 0):
                    triples.append(tuple(open_span))  # type: ignore[arg-type]
                    open_span = None
                if label is None:
                    continue
                if open_span is None:
                    open_span = [start, end, label]
                else:
                    open_span[1] = end
                if kind in ("L", "E", "U", "S"):
                    triples.append(tuple(open_span))  # type: ignore[arg-type]
                    open_span = None
        if open_span is not None:
            triples.append(tuple(open_span))  # type: ignore[arg-type]
        text = "".join(text_parts)
        spans = check_spans(path, first_line, text, triples)
        docs.append(TrainDoc(f"{path.stem}:{first_line}", text, spans, path=str(path),
                             line=first_line))
    return docs
