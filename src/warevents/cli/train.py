"""`warevents train` (placeholder, being built)."""

from __future__ import annotations

import typer


def train_cli() -> None:
    """Not implemented yet."""
    raise typer.Exit(2)
