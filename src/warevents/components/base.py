"""Base class for the data-driven rule components.

A component's lexicons and patterns are JSONL data files shipped in
``warevents/data``. They are read once when the component is built, compiled
once (``_compile``), and written by ``to_disk`` next to the pipeline, so a
saved pipeline is self-contained and ``from_disk`` restores exactly the data
it was saved with, even if the package data changes later.

Settings (``geonames``, ``date_order``...) live in the pipeline config only:
``to_disk`` writes data tables, never settings, so values passed through
``spacy.load(path, config={"components": {...}})`` are the ones in force.
A table whose file a saved pipeline lacks (one added to the package later)
keeps the package's data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable

import srsly
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

from .common import data_path, read_jsonl, set_candidates
from .gate import PatternGate


class RuleComponent:
    """Subclasses set ``label`` and ``data_files`` and implement ``find``."""

    label: str = ""
    #: name -> path parts under ``warevents/data`` of a JSONL file.
    data_files: dict[str, tuple[str, ...]] = {}

    def __init__(
        self, nlp: Language, name: str, *, data: dict[str, list[dict[str, Any]]] | None = None
    ) -> None:
        self.nlp = nlp
        self.name = name
        # tables not given (e.g. one added to the package later) come from the package data
        self.data: dict[str, list[dict[str, Any]]] = dict(data or {})
        for key, parts in self.data_files.items():
            if key not in self.data:
                self.data[key] = read_jsonl(data_path(*parts))
        self._compile()

    # -- to implement -------------------------------------------------------
    def _compile(self) -> None:
        """Build matchers and lookup tables from ``self.data`` (once)."""

    def find(self, doc: Doc) -> list[Span]:
        """Return candidate spans with ``span._.norm`` set."""
        raise NotImplementedError

    # -- spaCy protocol -----------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            set_candidates(doc, self.label, self.find(doc))
        except Exception as err:  # noqa: BLE001 - spaCy's error-handler protocol
            error_handler(self.name, self, [doc], err)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def get_error_handler(self) -> Callable:
        return getattr(self, "_error_handler", _raise_error)

    def set_error_handler(self, error_handler: Callable) -> None:
        self._error_handler = error_handler

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None, **data: Any) -> None:
        """Replace data tables, e.g. from ``[initialize.components]`` in a config."""
        for key, rows in data.items():
            if rows is not None:
                self.data[key] = list(rows)
        self._compile()

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        for key, rows in self.data.items():
            srsly.write_jsonl(path / f"{key}.jsonl", rows)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "RuleComponent":
        path = ensure_path(path)
        for key in self.data_files:
            file = path / f"{key}.jsonl"
            if file.exists():
                self.data[key] = read_jsonl(file)
        self._compile()
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps(self.data)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "RuleComponent":
        # tables missing from older bytes keep the package's data, as from_disk does
        self.data.update(srsly.msgpack_loads(data))
        self._compile()
        return self


def _raise_error(proc_name: str, proc: Any, docs: list, err: Exception) -> None:
    raise err


def match_near_anchors(
    matcher: Any,
    doc: Doc,
    is_anchor: Callable[[Any], bool],
    *,
    before: int = 12,
    after: int = 12,
    gate: PatternGate | None = None,
    **kwargs: Any,
) -> list[tuple[int, int, int]]:
    """Run ``matcher`` only on windows around anchor tokens; doc-level offsets.

    A pattern that must contain an anchor (a month name, a digit, an echelon
    noun...) can only match inside such a window, so the result equals the
    full-document match for patterns no longer than the window margins, at a
    fraction of the cost on long documents where anchors are sparse.

    ``is_anchor`` must be lexical: it reads only attributes a ``Lexeme`` shares
    with a ``Token`` (``text``, ``lower_``, ``like_num``...), and is called once
    per distinct word of ``doc`` with its ``Lexeme``. With ``gate`` (built from
    ``matcher``'s patterns), a window runs only the patterns it can match.
    """
    windows: list[list[int]] = []
    n = len(doc)
    if not n:
        return []
    vocab = doc.vocab
    orths = doc.to_array(ORTH).tolist()
    anchor = {orth: is_anchor(vocab[orth]) for orth in set(orths)}
    for i, orth in enumerate(orths):
        if anchor[orth]:
            start, end = max(0, i - before), min(n, i + after + 1)
            if windows and start <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], end)
            else:
                windows.append([start, end])
    out: list[tuple[int, int, int]] = []
    masks: dict[int, int] = {}
    if gate is not None and windows:
        masks = gate.word_masks(set(orths))
        start = windows[0][0]
        matcher(doc[start:start], **kwargs)  # the full matcher's annotation checks (E155)
    for start, end in windows:
        run = matcher
        if gate is not None:
            window_mask = 0
            for orth in orths[start:end]:
                window_mask |= masks[orth]
            run = gate.matcher_for(window_mask)
            if run is None:
                continue
        for match_id, s, e in run(doc[start:end], **kwargs):
            out.append((match_id, s + start, e + start))
    return out
