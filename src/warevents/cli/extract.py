"""``warevents extract``: tag spans and assemble events in files, directories, JSONL or stdin."""

from __future__ import annotations

from pathlib import Path

import typer


def output_format(output: str | None, fmt: str | None) -> str:
    """The format to write: ``--format`` if given, else the one ``-o``'s extension means
    (``out.csv`` -> csv), else JSONL; an extension that disagrees with ``--format`` is an
    error (E033), so ``-o out.csv`` never silently holds JSON Lines.

    >>> output_format("out/events.parquet", None), output_format(None, None)
    ('events-parquet', 'jsonl')
    """
    from ..errors import Errors
    from ..io.writers import EXTENSIONS

    ext = Path(output).suffix.lower() if output not in (None, "-") else ""
    meant = EXTENSIONS.get(ext)
    if fmt is None:
        if meant is None:
            return "jsonl"
        return meant if isinstance(meant, str) else meant[0]
    if meant is not None and fmt not in ((meant,) if isinstance(meant, str) else meant):
        shown = meant if isinstance(meant, str) else " or ".join(meant)
        raise ValueError(Errors.E033.format(path=output, ext_fmt=shown, fmt=fmt))
    return fmt


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
    doc_date: str | None = None,
) -> tuple[int, int, int]:
    """Extract every input into ``output``; return (written, skipped, errors).

    Missing paths, an output that is also an input and a bad --resume file
    raise before any work starts; unreadable or failing documents are reported
    on stderr (one line each) and the run goes on.
    """
    from ..extractor import DEFAULT_CHUNK_CHARS, DEFAULT_TIME_BUDGET, Extractor
    from .progress import Reporter, count_documents

    ex = Extractor(
        model, base_model=base_model, batch_size=batch_size, n_process=n_process,
        encoding=encoding, chunk_chars=chunk_chars or DEFAULT_CHUNK_CHARS,
        time_budget=DEFAULT_TIME_BUDGET if time_budget is None else time_budget, doc_date=doc_date,
    )
    # --resume skips documents without reporting them: the total would never be reached
    total = None if resume or not progress else count_documents(paths, skip=output)
    with Reporter(total, enabled=progress) as reporter:

        def on_error(item: object) -> None:
            reporter.error("error " + item.message)  # type: ignore[attr-defined]
            reporter.advance()

        summary = ex.run(paths, output=output, fmt=fmt, resume=resume, on_error=on_error,
                         on_done=lambda _: reporter.advance())
    return summary.written, summary.skipped, summary.errors


def extract_cli(
    paths: list[str] = typer.Argument(..., help="Files, directories (recursive *.txt, *.md, except README/LICENSE, "
                                      "*.jsonl with a 'text' field) or '-' for stdin."),
    output: str | None = typer.Option(None, "--output", "-o", help="Output file (default: stdout)."),
    fmt: str | None = typer.Option(
        None, "--format", "-f", help="jsonl | json | csv (one row per span) | events-csv (one row "
        "per event, ACLED/UCDP columns) | events-parquet (the same, needs pyarrow) | html (report "
        "page). Default: from the -o extension (.jsonl .json .csv .parquet .html), else jsonl."),
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
    engine: str = typer.Option("local", help="local | dask (needs the \\[dask] extra; -o is then a "
                               "directory of part-*.jsonl files)."),
    scheduler: str | None = typer.Option(None, help="Dask scheduler address (default: start a "
                                            "LocalCluster)."),
    doc_date: str | None = typer.Option(None, "--doc-date", help="Date of the documents "
                                           "(YYYY-MM-DD) that carry none of their own (JSONL "
                                           "'date'); else a dateline in their first lines is used."),
) -> None:
    """Tag MILITARY_UNIT, PLACE, DATE and CASUALTY spans and assemble event records.

    Writes one record per document as soon as it is done. Exit code 1 if any
    input could not be read (the others are still written).
    """
    if engine == "dask":
        from ..dask import extract_bag

        fmt = fmt or "jsonl"
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
        fmt = output_format(output, fmt)
        written, skipped, errors = extract_files(
            paths, output=output, fmt=fmt, model=model, base_model=base_model, encoding=encoding,
            batch_size=batch_size, n_process=n_process, resume=resume, progress=not quiet,
            time_budget=time_budget, chunk_chars=chunk_chars, doc_date=doc_date,
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
