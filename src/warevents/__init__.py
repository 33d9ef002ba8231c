"""warevents: structured, checkable war-event records from English text.

Three ways in: the CLI (``python -m warevents extract seeds/``), the spaCy
route (``warevents.load()(text).ents``) and this library API::

    >>> import warevents
    >>> record = warevents.extract(
    ...     "On Aug. 17, 1945, Japanese soldiers killed 18 people at a police station in Kamishisuka."
    ... )  # doctest: +SKIP
    >>> [(s.label, s.text) for s in record.spans]  # doctest: +SKIP
    [('DATE', 'Aug. 17, 1945'), ('CASUALTY', '18 people'), ('PLACE', 'Kamishisuka')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["load", "extract", "extract_file", "build_pipeline", "Extractor", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from .schemas import Document


def load(model: Any = None, **kwargs: Any):
    """Load a warevents pipeline (see :func:`warevents.pipeline.load`)."""
    from .pipeline import load as _load

    return _load(model, **kwargs)


def build_pipeline(*args: Any, **kwargs: Any):
    """Build the rule pipeline on a pretrained one (see :mod:`warevents.pipeline`)."""
    from .pipeline import build_pipeline as _build

    return _build(*args, **kwargs)


def extract(text: Any, *, nlp: Any = None, doc_date: str | None = None) -> "Document":
    """Extract spans and events from a text (a ``str`` is never read as a path;
    pass a ``pathlib.Path`` for a file) into a ``Document`` record."""
    from .api import extract as _extract

    return _extract(text, nlp=nlp, doc_date=doc_date)


def extract_file(path: Any, *, nlp: Any = None, doc_date: str | None = None) -> "Document":
    """Extract one text file into a ``Document`` record."""
    from .api import extract_file as _extract_file

    return _extract_file(path, nlp=nlp, doc_date=doc_date)


def __getattr__(name: str) -> Any:
    if name == "Extractor":
        from .extractor import Extractor

        return Extractor
    raise AttributeError(name)
