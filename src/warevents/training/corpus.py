"""Annotated documents -> spaCy ``DocBin`` training data.

Each character span is mapped onto the tokens of the pipeline's own tokenizer.
A span whose edges fall inside a token fails (``E005``, naming file and line)
unless ``align`` is ``"expand"`` (grow to the covering tokens) or
``"contract"`` (shrink to the tokens fully inside; dropped if none are); how
many spans were changed is reported in a ``W001`` warning per file.

Gold spans go to ``doc.spans["warevents_model"]`` (the model's span group,
:data:`~warevents.components.common.MODEL_ENTS`), never to ``doc.ents``.
Documents are cut into paragraph-sized examples for training (a few long
documents make poor SGD batches); spans never straddle a cut.

>>> from warevents.training.formats import TrainDoc, TrainSpan
>>> import spacy
>>> nlp = spacy.blank("en")
>>> docs = to_docs(nlp, [TrainDoc("d", "The 39th Army", [TrainSpan(4, 13, "MILITARY_UNIT")])])
>>> [(s.text, s.label_) for s in docs[0].spans["warevents_model"]]
[('39th Army', 'MILITARY_UNIT')]
"""

from __future__ import annotations

import itertools
import re
import warnings
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.util import filter_spans

from ..components.common import MODEL_ENTS
from ..errors import Errors, Warnings
from .formats import TrainDoc

Align = Literal["strict", "expand", "contract"]
ALIGN_MODES = ("strict", "expand", "contract")
_PARA_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")


class AlignmentError(ValueError):
    """A span that does not fall on token boundaries (``E005``)."""


def _spans_for(nlp: Language, doc: Doc, tdoc: TrainDoc, offset: int, spans: list,
               align: Align, changed: Counter) -> list[Span]:
    out: list[Span] = []
    for s in spans:
        start, end = s.start - offset, s.end - offset
        span = doc.char_span(start, end, label=s.label, alignment_mode="strict")
        if span is None:
            if align == "strict":
                raise AlignmentError(
                    Errors.E005.format(path=tdoc.path or tdoc.doc_id, line=s.line, start=s.start,
                                       end=s.end, text=tdoc.text[s.start:s.end])
                    + " Pass --align expand or --align contract to snap it to tokens."
                )
            span = doc.char_span(start, end, label=s.label, alignment_mode=align)
            changed[tdoc.path or tdoc.doc_id] += 1
            if span is None or not span.text.strip():
                continue
        out.append(span)
    # Expanding can make two spans touch the same token; keep the longer one.
    return sorted(filter_spans(out), key=lambda sp: sp.start)


def _chunks(tdoc: TrainDoc) -> list[tuple[int, int]]:
    """Paragraph intervals of the text, merged where a span crosses a break."""
    cuts = [0]
    for m in _PARA_BREAK.finditer(tdoc.text):
        pos = m.end()
        if not any(s.start < pos < s.end or s.start < m.start() < s.end for s in tdoc.spans):
            cuts.append(pos)
    cuts.append(len(tdoc.text))
    return [(a, b) for a, b in itertools.pairwise(cuts) if tdoc.text[a:b].strip()]


def to_docs(nlp: Language, tdocs: Iterable[TrainDoc], *, align: Align = "strict",
            split: bool = False) -> list[Doc]:
    """Reference ``Doc`` objects with the gold spans in ``doc.spans["warevents_model"]``.

    ``split`` cuts every document into paragraph examples.
    """
    if align not in ALIGN_MODES:
        raise ValueError(f"align must be one of {', '.join(ALIGN_MODES)}, not {align!r}")
    docs: list[Doc] = []
    changed: Counter = Counter()
    for tdoc in tdocs:
        pieces = _chunks(tdoc) if split else [(0, len(tdoc.text))]
        for a, b in pieces:
            doc = nlp.make_doc(tdoc.text[a:b])
            inside = [s for s in tdoc.spans if a <= s.start and s.end <= b]
            doc.spans[MODEL_ENTS] = _spans_for(nlp, doc, tdoc, a, inside, align, changed)
            doc.user_data["warevents_doc_id"] = tdoc.doc_id
            docs.append(doc)
    for path, n in changed.items():
        action = "expanded to token boundaries" if align == "expand" else "contracted to tokens"
        warnings.warn(Warnings.W001.format(path=path, n=n, action=action), UserWarning,
                      stacklevel=2)
    return docs


def write_docbin(docs: Iterable[Doc], path: str | Path) -> Path:
    """Write ``docs`` to a ``.spacy`` file (span groups included)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=list(docs), store_user_data=False).to_disk(path)
    return path


__all__ = ["ALIGN_MODES", "AlignmentError", "to_docs", "write_docbin"]
