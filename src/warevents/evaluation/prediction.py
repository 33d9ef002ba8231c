"""What one system produced for one document, in the form the scorer compares."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Prediction:
    """What one system produced for one document: spans (with norms) and events."""

    spans: list[tuple[int, int, str]] = field(default_factory=list)
    norms: list[dict | None] | None = field(default_factory=list)  # None: no normalisation
    events: list[dict[str, Any]] | None = None  # None: the system makes no events


__all__ = ["Prediction"]
