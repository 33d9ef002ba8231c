"""Stage 5: war relevance of every paragraph and of the document, decided once.

See :mod:`.component`. The scoring itself is pure functions in
:mod:`warevents.events.paragraphs` and :mod:`warevents.events.relevance`.
"""

from __future__ import annotations

from .component import WarRelevance
from .factory import make_relevance

__all__ = ["WarRelevance", "make_relevance"]
