"""The ``warevents`` command line: one typer app, one thin module per command."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="warevents",
    help="Extract checkable war-event records (units, places, dates, casualties, events) "
    "from English text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("warevents")
        except PackageNotFoundError:  # running from a source tree that was never installed
            number = "unknown"
        typer.echo(f"warevents {number}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the warevents version and exit."),
) -> None:
    """Extract checkable war-event records (units, places, dates, casualties, events) from
    English text."""


def _register() -> None:
    # Imports stay inside the command modules' functions, so `--help` is fast.
    from . import convert, evaluate, extract, incidents, ingest, query, report, schema, train

    app.command("extract")(extract.extract_cli)
    app.command("evaluate")(evaluate.evaluate_cli)
    app.command("train", context_settings=train.CONTEXT_SETTINGS)(train.train_cli)
    app.command("schema")(schema.schema_cli)
    app.command("convert")(convert.convert_cli)
    app.command("ingest")(ingest.ingest_cli)
    app.command("query")(query.query_cli)
    app.add_typer(incidents.app, name="incidents")
    app.command("report")(report.report_cli)


_register()


def main() -> None:
    app()
