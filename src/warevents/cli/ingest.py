"""``warevents ingest``: store documents (or extract records) in the incident registry."""

from __future__ import annotations

import typer

DB_HELP = "Registry: an SQLite file path, or a URL (duckdb:///x.duckdb, postgresql://...)."


def ingest_cli(
    paths: list[str] = typer.Argument(..., help="Text files, folders (as for extract) or JSONL "
                                      "record files written by `extract`."),
    db: str = typer.Option("events.db", "--db", help=DB_HELP),
    model: str | None = typer.Option(None, "--model", "-m", help="Saved warevents pipeline "
                                        "for texts (default: the installed default model)."),
    base_model: str | None = typer.Option(None, "--base-model", help="Build the rule pipeline "
                                             "on this installed spaCy pipeline instead."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No line per document."),
) -> None:
    """Store documents, spans, events and cross-document incidents (idempotent, incremental)."""
    from ..store import Store
    from ..store.errors import StoreError

    def on_doc(doc_id: str, status: str) -> None:
        if not quiet:
            typer.echo(f"{status} {doc_id}", err=True)

    try:
        with Store(db) as store:
            summary = store.ingest(paths, model=model, base_model=base_model, on_doc=on_doc)
    except (StoreError, FileNotFoundError, ValueError) as exc:
        typer.echo(f"error {exc}", err=True)
        raise typer.Exit(2) from exc
    for msg in summary.errors:
        typer.echo(f"error {msg}", err=True)
    typer.echo(f"{summary.added} added, {summary.replaced} replaced, {summary.skipped} unchanged, "
               f"{summary.events} event(s) resolved, {len(summary.errors)} error(s) -> {db}", err=True)
    if summary.errors:
        raise typer.Exit(1)
