"""The extraction core (see :mod:`warevents.extractor.core`)."""

from .budget import BudgetExceeded, deadline
from .chunks import DEFAULT_CHUNK_CHARS, split_chunks
from .core import DEFAULT_TIME_BUDGET, ExtractionError, Extractor, Processed, Result
from .run import RunSummary

__all__ = [
    "Extractor", "Processed", "Result", "RunSummary", "ExtractionError", "BudgetExceeded",
    "deadline", "split_chunks", "DEFAULT_CHUNK_CHARS", "DEFAULT_TIME_BUDGET",
]
