"""``warevents report``: one offline HTML page with a timeline and a map of the incidents."""

from __future__ import annotations

import typer

from .ingest import DB_HELP


def report_cli(
    db: str = typer.Option("events.db", "--db", help=DB_HELP),
    output: str = typer.Option("report.html", "--output", "-o", help="HTML file to write."),
    title: str = typer.Option("warevents incident registry", "--title", help="Page title."),
) -> None:
    """Write a self-contained page (no network): timeline by type, map sized by fatalities."""
    from ..store import Store
    from ..store.report import write_report

    with Store(db) as store:
        n = write_report(store.incidents(), output, title=title)
    typer.echo(f"{n} incident(s) -> {output}", err=True)
