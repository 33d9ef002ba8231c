"""``warevents query``: select incidents from the registry."""

from __future__ import annotations

import typer

from .ingest import DB_HELP


def query_cli(
    db: str = typer.Option("events.db", "--db", help=DB_HELP),
    date_from: str | None = typer.Option(None, "--from", help="Incidents ending on or after this ISO date."),
    date_to: str | None = typer.Option(None, "--to", help="Incidents starting on or before this ISO date."),
    near: str | None = typer.Option(None, "--near", help="A place name (registry or GeoNames) or 'LAT,LON'."),
    km: float = typer.Option(25.0, "--km", help="Radius around --near, in kilometres."),
    country: str | None = typer.Option(None, "--country", help="ISO 3166 alpha-2 code."),
    actor: str | None = typer.Option(None, "--actor", help="Text in a perpetrator or victim phrase."),
    type_: str | None = typer.Option(None, "--type", help="Event type (MASSACRE, KILLING, ...)."),
    min_killed: int | None = typer.Option(None, "--min-killed", help="Best fatality estimate at least N."),
    fmt: str = typer.Option("table", "--format", "-f", help="table | csv | jsonl | events-csv."),
    output: str | None = typer.Option(None, "--output", "-o", help="Output file (default: stdout)."),
) -> None:
    """Incidents matching every filter given, each with all its sources."""
    from ..store import Store
    from ..store.errors import StoreError

    try:
        with Store(db) as store:
            text = store.query(fmt, date_from=date_from, date_to=date_to, near=near, km=km,
                               country=country, actor=actor, type=type_, min_killed=min_killed)
    except StoreError as exc:
        typer.echo(f"error {exc}", err=True)
        raise typer.Exit(2) from exc
    if output:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    else:
        typer.echo(text, nl=False)
