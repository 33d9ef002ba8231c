"""``warevents incidents``: a coder's corrections (split, merge), the reasons of a join, rebuild."""

from __future__ import annotations

import json

import typer

from .ingest import DB_HELP

app = typer.Typer(help="Inspect and correct cross-document incidents.", no_args_is_help=True)


def _fail(exc: Exception) -> None:
    typer.echo(f"error {exc}", err=True)
    raise typer.Exit(2) from exc


@app.command("split")
def split_cli(
    incident: str = typer.Argument(..., help="Incident id."),
    event_keys: list[str] = typer.Argument(..., help="Event keys (DOC_ID#EVENT_ID) to move out."),
    db: str = typer.Option("events.db", "--db", help=DB_HELP),
) -> None:
    """Move events out of an incident; they never join the rest again, even after re-ingest."""
    from ..store import Store
    from ..store.errors import StoreError

    try:
        with Store(db) as store:
            typer.echo(store.split(incident, event_keys))
    except StoreError as exc:
        _fail(exc)


@app.command("merge")
def merge_cli(
    keep: str = typer.Argument(..., help="Incident id that stays."),
    other: str = typer.Argument(..., help="Incident id joined into it."),
    db: str = typer.Option("events.db", "--db", help=DB_HELP),
) -> None:
    """Join two incidents; their events stay together, even after re-ingest."""
    from ..store import Store
    from ..store.errors import StoreError

    try:
        with Store(db) as store:
            typer.echo(store.merge(keep, other))
    except StoreError as exc:
        _fail(exc)


@app.command("show")
def show_cli(
    incident: str = typer.Argument(..., help="Incident id."),
    db: str = typer.Option("events.db", "--db", help=DB_HELP),
) -> None:
    """Print one incident as JSON: figures, sources, evidence and the reasons of every join."""
    from ..store import Store

    with Store(db) as store:
        rows = [r for r in store.incidents() if r["incident_id"] == incident]
    if not rows:
        typer.echo(f"error unknown incident '{incident}'", err=True)
        raise typer.Exit(2)
    typer.echo(json.dumps(rows[0], indent=2, ensure_ascii=False))


@app.command("rebuild")
def rebuild_cli(db: str = typer.Option("events.db", "--db", help=DB_HELP)) -> None:
    """Resolve every stored event again (after changing the rules); corrections are kept."""
    from ..store import Store

    with Store(db) as store:
        typer.echo(f"{store.rebuild()} event(s) resolved", err=True)
