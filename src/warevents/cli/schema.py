"""``warevents schema``: print the JSON Schema of the output records."""

from __future__ import annotations

import json

import typer


def record_schema(which: str = "document") -> dict:
    """JSON Schema of a ``Document`` record (``which="document"``) or an event (``"event"``)."""
    if which == "event":
        from ..events.models import Event

        return Event.model_json_schema()
    from ..schemas import Document

    return Document.model_json_schema()


def schema_cli(
    which: str = typer.Argument("document", help="document | event"),
) -> None:
    """Print the JSON Schema of the records `extract` writes."""
    if which not in ("document", "event"):
        typer.echo("error: expected 'document' or 'event'", err=True)
        raise typer.Exit(2)
    typer.echo(json.dumps(record_schema(which), indent=2))
