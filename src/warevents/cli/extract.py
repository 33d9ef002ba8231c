"""``warevents extract``: tag spans and assemble events in files, directories, JSONL or stdin."""

from __future__ import annotations

import typer


def extract_files(
    paths: list[str],
    *,
    output: str | None = None,
    fmt: str = "jsonl",
    model: str | None = None,
    base_model: str | None = None,
    encoding: str = "utf-8",
    batch_size: int = 8,
    n_process: int = 1,
    resume: bool = False,
    progress: bool = True,
    time_budget: float | None = None,
    chunk_chars: int | None = None,
) -> tuple[int, int, int]:
    """Extract every input into ``output``; return (written, skipped, errors).

    Missing paths, an output that is also an input and a bad --resume file
    raise before any work starts; unreadable or failing documents are reported
    on stderr (one line each) and the run goes on.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..extractor import DEFAULT_CHUNK_CHARS, DEFAULT_TIME_BUDGET, Extractor

    err_console = Console(stderr=True)
    ex = Extractor(
        model, base_model=base_model, batch_size=batch_size, n_process=n_process,
        encoding=encoding, chunk_chars=chunk_chars or DEFAULT_CHUNK_CHARS,
        time_budget=DEFAULT_TIME_BUDGET if time_budget is None else time_budget,
    )
    show = progress and err_console.is_terminal
    with Progress(
        TextColumn("extract"), BarColumn(), MofNCompleteColumn(), TextColumn("docs"),
        TimeElapsedColumn(), console=err_console, disable=not show, transient=True,
    ) as bar:
        task = bar.add_task("extract", total=None)

        def on_error(item: object) -> None:
            # File names may contain "[...]": never interpret them as markup.
            err_console.print("error " + item.message, markup=False, highlight=False, soft_wrap=True)  # type: ignore[attr-defined]
            bar.advance(task)

        summary = ex.run(paths, output=output, fmt=fmt, resume=resume, on_error=on_error,
                         on_done=lambda _: bar.advance(task))
    return summary.written, summary.skipped, summary.errors


def extract_cli(
    paths: list[str] = typer.Argument(..., help="Files, directories (recursive *.txt, *.md, except README/LICENSE, "
                                      "*.jsonl with a 'text' field) or '-' for stdin."),
    output: str | None = typer.Option(None, "--output", "-o", help="Output file (default: stdout)."),
    fmt: str = typer.Option("jsonl", "--format", "-f",
                            help="jsonl | json | csv (one row per span) | events-csv (ACLED-like) | html (displaCy)."),
    model: str | None = typer.Option(None, "--model", "-m",
                                        help="Saved warevents pipeline (default: $WAREVENTS_MODEL, "
                                        "else the installed default model)."),
    base_model: str | None = typer.Option(None, "--base-model",
                                             help="Build the rule pipeline on this installed spaCy "
                                             "pipeline instead (e.g. en_core_web_sm)."),
    encoding: str = typer.Option("utf-8", help="Encoding of the input files and of stdin "
                                 "(a UTF-16 byte-order mark is always honoured)."),
    time_budget: float = typer.Option(120.0, "--time-budget", help="Seconds each piece of "
                                      "--chunk-chars characters may take; a document past it gets "
                                      "an error line and the run goes on (0: no limit)."),
    chunk_chars: int = typer.Option(50_000, "--chunk-chars", help="Longer documents are "
                                    "processed in pieces of at most this many characters."),
    batch_size: int = typer.Option(8, help="Documents per nlp.pipe batch (memory grows with it)."),
    n_process: int = typer.Option(1, "--n-process", "-j", help="Worker processes."),
    resume: bool = typer.Option(False, help="Skip documents already in the JSONL --output "
                                "(same doc id and text hash) and append the rest."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
    engine: str = typer.Option("local", help="local | dask (needs the [dask] extra; -o is then a "
                               "directory of part-*.jsonl files)."),
    scheduler: str | None = typer.Option(None, help="Dask scheduler address (default: start a "
                                            "LocalCluster)."),
) -> None:
    """Tag MILITARY_UNIT, PLACE, DATE and CASUALTY spans and assemble event records.

    Writes one record per document as soon as it is done. Exit code 1 if any
    input could not be read (the others are still written).
    """
    if engine == "dask":
        from ..dask import extract_bag

        if fmt != "jsonl" or resume:
            typer.echo("error: --engine dask writes JSONL partition files only; it cannot "
                       "--resume or write --format " + fmt, err=True)
            raise typer.Exit(2)
        try:
            parts, errors = extract_bag(
                paths, output or "out/dask", model=model, base_model=base_model,
                scheduler=scheduler, n_workers=max(1, n_process) if n_process > 1 else 2,
                encoding=encoding, time_budget=time_budget, chunk_chars=chunk_chars,
            )
        except (FileNotFoundError, ValueError, OSError) as err:
            typer.echo(f"error: {err}", err=True)
            raise typer.Exit(2) from None
        for message in errors:
            typer.echo(f"error {message}", err=True)
        if not quiet:
            typer.echo(f"{len(parts)} partition file(s) written to {output or 'out/dask'}, "
                       f"{len(errors)} error(s)", err=True)
        if errors:
            raise typer.Exit(1)
        return
    if engine != "local":
        typer.echo("error: --engine must be 'local' or 'dask'", err=True)
        raise typer.Exit(2)
    try:
        written, skipped, errors = extract_files(
            paths, output=output, fmt=fmt, model=model, base_model=base_model, encoding=encoding,
            batch_size=batch_size, n_process=n_process, resume=resume, progress=not quiet,
            time_budget=time_budget, chunk_chars=chunk_chars,
        )
    except (FileNotFoundError, ValueError, OSError) as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2) from None
    if not quiet:
        where = output or "stdout"
        typer.echo(f"{written} document(s) written to {where}, {skipped} skipped, {errors} error(s)",
                   err=True)
    if errors:
        raise typer.Exit(1)


__all__ = ["extract_cli", "extract_files"]
