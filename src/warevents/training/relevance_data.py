"""Paragraph labels for the war-relevance classifier, from gold documents and from
paragraph sets (``annotations/relevance/corpus/paragraphs.jsonl``).

Rows marked ``"split": "test"`` are never read: a test split only measures.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .formats import AnnotationError, jsonl_objects

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from .formats import TrainDoc


def read_relevance_rows(paths: list[str | Path]) -> list[dict[str, Any]]:
    """``{"text", "war_related"}`` rows from JSONL paragraph files, test rows left out;
    a bad line raises :class:`AnnotationError` naming the file and line."""
    rows: list[dict[str, Any]] = []
    for path in map(Path, paths):
        for n, obj in jsonl_objects(path):
            if not isinstance(obj.get("text"), str) or not isinstance(obj.get("war_related"), bool):
                raise AnnotationError(path, n, "needs a 'text' string and a 'war_related' boolean")
            if obj.get("split") == "test":
                continue
            rows.append({"text": obj["text"], "war_related": obj["war_related"]})
    return rows


def train_relevance_from(tdocs: list[TrainDoc], nlp: Language,
                         extra: list[dict[str, Any]] | None = None) -> dict[str, Any] | None:
    """Retrain the war-relevance classifier from the gold documents' paragraph labels plus
    ``extra`` rows, and put it into the pipeline's relevance and events components."""
    rows = [
        {"text": t.text[p["start"]:p["end"]], "war_related": bool(p["war_related"])}
        for t in tdocs for p in t.paragraphs if "war_related" in p
    ] + list(extra or [])
    if len({r["war_related"] for r in rows}) < 2:
        return None  # no paragraph labels, or only one class: nothing to learn
    from ..events.relevance import train_relevance

    model = train_relevance(rows)
    for name in ("warevents_relevance", "warevents_events"):  # the deciding stage; the events fallback
        if name in nlp.pipe_names:
            nlp.get_pipe(name).relevance_data = model.to_dict()
            nlp.get_pipe(name)._compile()
    return dict(model.meta)


__all__ = ["read_relevance_rows", "train_relevance_from"]
