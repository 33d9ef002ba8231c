"""Retraining warevents on new annotations (``python -m warevents train``)."""

from __future__ import annotations

from .train import TrainingError, train

__all__ = ["TrainingError", "train"]
