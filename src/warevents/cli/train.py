"""`warevents train`: retrain the statistical part of warevents on annotated texts.

    python -m warevents train annotations/gold --output models/warevents-default --seed 0
    python -m warevents train my.jsonl other.json --output models/mine --cv 4 \
        --training.max_steps 600

DATA are files or directories in warevents gold JSONL, Prodigy JSONL, Label
Studio JSON, JSON-MIN or CoNLL, or doccano (detected per file); --label-map and
--drop-unknown turn their labels into ours, and a summary of the labels found and
mapped is printed before any training. Extra ``--section.key
value`` options override the training config, as for ``spacy train``.

Exit codes: 0 trained; 2 bad input (the message names file and line), an
existing --output without --overwrite, or a bad option; 1 training failed
(the previous model is untouched).
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Annotated

import typer

from .convert import DROP_UNKNOWN_HELP, LABEL_MAP_HELP

#: Passed to ``app.command`` so unknown ``--section.key value`` pairs reach us.
CONTEXT_SETTINGS = {"allow_extra_args": True, "ignore_unknown_options": True}


def split_overrides(tokens: list[str]) -> tuple[list[str], dict]:
    """Separate DATA paths from ``--section.key value`` config overrides."""
    from spacy.cli._util import parse_config_overrides

    data: list[str] = []
    extra: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.startswith("--"):
            extra.append(tok)
            if "=" not in tok and i + 1 < len(tokens) and not tokens[i + 1].startswith("--"):
                extra.append(tokens[i + 1])
                i += 1
        else:
            data.append(tok)
        i += 1
    return data, parse_config_overrides(extra)


def train_cli(
    ctx: typer.Context,
    data: Annotated[list[str], typer.Argument(
        help="Annotated files or directories (warevents gold, Prodigy, Label Studio JSON, "
        "JSON-MIN or CoNLL, doccano).",
        show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="Model directory to write.")],
    config: Annotated[str, typer.Option(
        "--config", "-c", help="default | transformer | path to a .cfg file.")] = "default",
    cv: Annotated[int | None, typer.Option(
        "--cv", help="Also run K-fold cross-validation over documents and report it.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (training and CV folds).")] = 0,
    overwrite: Annotated[bool, typer.Option(
        "--overwrite", help="Replace an existing --output (only once training succeeded).")] = False,
    align: Annotated[str, typer.Option(
        "--align", help="strict | expand | contract: spans that do not fall on token "
        "boundaries fail (strict) or are snapped to tokens.")] = "strict",
    fmt: Annotated[str, typer.Option(
        "--format", help="auto | warevents | prodigy | labelstudio | labelstudio-min | conll | "
        "doccano.")] = "auto",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No training table.")] = False,
    relevance: Annotated[list[Path] | None, typer.Option(
        "--relevance", help="Extra war/not-war paragraph labels (JSONL: text, war_related) for the "
        "relevance classifier; repeatable. Rows with split 'test' are never used.")] = None,
    model_spans: Annotated[str, typer.Option(
        "--model-spans", help="auto | on | off: run the trained span categorizer in the saved "
        "pipeline. auto: the rules + model combination that --cv scores best (rules only, "
        "model spans for some labels or above a probability, or all).")] = "auto",
    split: Annotated[str, typer.Option(
        "--split", help="dev | all: with a SOURCES.jsonl beside a gold folder, dev trains on "
        "its dev documents only. Documents without a split (seeds, your own data) are always "
        "used.")] = "all",
    allow_test: Annotated[bool, typer.Option(
        "--allow-test", help="Train on documents of the frozen test split too (refused "
        "otherwise, [E040]); the test scores then mean nothing.")] = False,
    label_map: Annotated[list[str] | None, typer.Option("--label-map", help=LABEL_MAP_HELP)] = None,
    drop_unknown: Annotated[bool, typer.Option("--drop-unknown", help=DROP_UNKNOWN_HELP)] = False,
) -> None:
    """Train rules + a span categorizer on annotated texts; write the model atomically.

    Config overrides go after the options, as for `spacy train`: --training.max_steps 50
    """
    from rich.console import Console

    from ..training.corpus import AlignmentError
    from ..training.formats import AnnotationError
    from ..training.train import TrainingError, train

    err = Console(stderr=True)
    paths, overrides = split_overrides(list(data) + list(ctx.args))
    if not paths:
        err.print("error: no DATA paths given", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    command = "python -m warevents train " + " ".join(shlex.quote(a) for a in sys.argv[2:]) \
        if len(sys.argv) > 2 and sys.argv[1] == "train" else None
    try:
        # the labels found, mapped and dropped, before any training (bad labels fail here)
        from ..training.formats import LabelPolicy, read_annotations, use_labels

        policy = LabelPolicy.parse(label_map, drop_unknown=drop_unknown)
        read_annotations(paths, fmt=fmt, policy=policy)
        if not quiet:
            err.print(policy.summary(), markup=False, highlight=False, soft_wrap=True)
    except (AnnotationError, FileNotFoundError, ValueError) as exc:
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    try:
        with use_labels(LabelPolicy.parse(label_map, drop_unknown=drop_unknown)):
            report = train(paths, output, config=config, cv=cv, seed=seed, overwrite=overwrite,
                           overrides=overrides, quiet=quiet, align=align, fmt=fmt,  # type: ignore[arg-type]
                           command=command, model_spans=model_spans, relevance=relevance,
                           split=split, allow_test=allow_test)
    except (AnnotationError, AlignmentError, FileExistsError, FileNotFoundError,
            ValueError) as exc:
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except TrainingError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    if not quiet:
        scores = report["train_scores"]["shipped"]
        Console().print(
            f"Saved {output} ({report['n_docs']} docs, {report['n_spans']} spans; shipped "
            f"{report['shipped_system']}, training-set micro F1 {scores['micro']['f1']:.3f}). "
            f"Model card: {output / 'README.md'}",
            highlight=False, markup=False, soft_wrap=True,
        )
