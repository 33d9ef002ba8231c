"""``warevents extract``: tag spans and assemble events in files, directories, JSONL or stdin."""

from __future__ import annotations

from typing import Iterator, Optional

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
) -> tuple[int, int, int]:
    """Extract every input into ``output``; return (written, skipped, errors).

    Missing paths raise FileNotFoundError before any work starts; unreadable
    files are reported on stderr and the run goes on.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..api import process
    from ..io.readers import InputError, check_paths, read_inputs
    from ..io.writers import done_keys, make_writer
    from ..pipeline import DEFAULT_BASE_MODEL, build_pipeline, load

    check_paths(paths)
    err_console = Console(stderr=True)
    if resume and (output in (None, "-") or fmt != "jsonl"):
        raise ValueError("--resume needs a JSONL --output file")
    done = done_keys(output) if resume else set()
    if base_model and not model:
        nlp = build_pipeline(base_model)
    else:
        nlp = load(model, base_model=base_model or DEFAULT_BASE_MODEL)
    n_errors = 0
    n_skipped = 0

    def inputs() -> Iterator:
        nonlocal n_errors, n_skipped
        for item in read_inputs(paths, encoding=encoding):
            if isinstance(item, InputError):
                n_errors += 1
                err_console.print(f"[red]error[/red] {item.message}", highlight=False, markup=True)
                continue
            if (item.doc_id, item.text_sha256) in done:
                n_skipped += 1
                continue
            yield item

    writer = make_writer(fmt, output, append=resume)
    show = progress and err_console.is_terminal
    with writer, Progress(
        TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(), TextColumn("docs"),
        TimeElapsedColumn(), console=err_console, disable=not show, transient=True,
    ) as bar:
        task = bar.add_task("extract", total=None)
        for processed in process(nlp, inputs(), batch_size=batch_size, n_process=n_process):
            writer.write(processed)
            bar.advance(task)
    return writer.n, n_skipped, n_errors


def extract_cli(
    paths: list[str] = typer.Argument(..., help="Files, directories (recursive *.txt, *.md, except README/LICENSE, "
                                      "*.jsonl with a 'text' field) or '-' for stdin."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Output file (default: stdout)."),
    fmt: str = typer.Option("jsonl", "--format", "-f",
                            help="jsonl | json | csv (one row per span) | events-csv (ACLED-like) | html (displaCy)."),
    model: Optional[str] = typer.Option(None, "--model", "-m",
                                        help="Saved warevents pipeline (default: models/warevents-default, "
                                        "else the rule pipeline)."),
    base_model: Optional[str] = typer.Option(None, "--base-model",
                                             help="Build the rule pipeline on this installed spaCy "
                                             "pipeline instead (e.g. en_core_web_sm)."),
    encoding: str = typer.Option("utf-8", help="Encoding of the input files."),
    batch_size: int = typer.Option(8, help="Documents per nlp.pipe batch (memory grows with it)."),
    n_process: int = typer.Option(1, "--n-process", "-j", help="Worker processes."),
    resume: bool = typer.Option(False, help="Skip documents already in the JSONL --output "
                                "(same doc id and text hash) and append the rest."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
    engine: str = typer.Option("local", help="local | dask (needs the [dask] extra; -o is then a "
                               "directory of part-*.jsonl files)."),
    scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address (default: start a "
                                            "LocalCluster)."),
) -> None:
    """Tag MILITARY_UNIT, PLACE, DATE and CASUALTY spans and assemble event records.

    Writes one record per document as soon as it is done. Exit code 1 if any
    input could not be read (the others are still written).
    """
    if engine == "dask":
        from ..dask import extract_bag

        try:
            parts = extract_bag(paths, output or "out/dask", model=model, scheduler=scheduler,
                                n_workers=max(1, n_process) if n_process > 1 else 2, encoding=encoding)
        except (FileNotFoundError, ValueError, OSError) as err:
            typer.echo(f"error: {err}", err=True)
            raise typer.Exit(2) from None
        if not quiet:
            typer.echo(f"{len(parts)} partition file(s) written to {output or 'out/dask'}", err=True)
        return
    if engine != "local":
        typer.echo("error: --engine must be 'local' or 'dask'", err=True)
        raise typer.Exit(2)
    try:
        written, skipped, errors = extract_files(
            paths, output=output, fmt=fmt, model=model, base_model=base_model, encoding=encoding,
            batch_size=batch_size, n_process=n_process, resume=resume, progress=not quiet,
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


__all__ = ["extract_files", "extract_cli"]
