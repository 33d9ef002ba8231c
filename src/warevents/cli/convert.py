"""``warevents convert``: annotation exports (Prodigy, Label Studio, doccano...) -> warevents gold JSONL.

    python -m warevents convert export.json --label-map GPE=PLACE,LOC=PLACE,PERSON=- \\
        --drop-unknown -o annotations/mine/

Prints the labels found, mapped and dropped, then writes one gold file per
document. Exit codes: 0 written; 2 bad input or option (the message names file
and line).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

LABEL_MAP_HELP = ("FROM=TO[,FROM=TO...]: rename the export's labels to MILITARY_UNIT, PLACE, "
                  "DATE or CASUALTY; TO '-' drops FROM (e.g. GPE=PLACE,LOC=PLACE,PERSON=-). "
                  "Repeatable.")
DROP_UNKNOWN_HELP = "Drop spans whose label is neither ours nor in --label-map (default: an error)."


def convert(paths: list[str], output: str | Path, *, fmt: str = "auto",
            label_map: list[str] | None = None, drop_unknown: bool = False) -> dict:
    """Read ``paths`` and write gold files into ``output``; return a summary dict."""
    from ..training.formats import LabelPolicy, read_annotations
    from ..training.formats.writer import GoldWriter

    policy = LabelPolicy.parse(label_map, drop_unknown=drop_unknown)
    docs = read_annotations(paths, fmt=fmt, policy=policy)
    writer = GoldWriter()
    files = writer.write(docs, output)
    return {"files": files, "docs": len(docs), "spans": sum(len(d.spans) for d in docs),
            "skipped": dict(writer.skipped), "labels": policy.summary()}


def convert_cli(
    data: Annotated[list[str], typer.Argument(
        help="Export files or directories (Prodigy, Label Studio JSON/JSON-MIN/CoNLL, doccano).",
        show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write the gold "
                                         "files to (one <doc_id>.jsonl per document).")],
    fmt: Annotated[str, typer.Option(
        "--format", help="auto | warevents | prodigy | labelstudio | labelstudio-min | conll | "
        "doccano.")] = "auto",
    label_map: Annotated[list[str] | None, typer.Option("--label-map", help=LABEL_MAP_HELP)] = None,
    drop_unknown: Annotated[bool, typer.Option("--drop-unknown", help=DROP_UNKNOWN_HELP)] = False,
) -> None:
    """Convert annotation exports to warevents gold JSONL (labels mapped, summary printed)."""
    from ..training.formats import AnnotationError

    def say(text: str) -> None:
        typer.echo(text, err=True)

    try:
        summary = convert(data, output, fmt=fmt, label_map=label_map, drop_unknown=drop_unknown)
    except (AnnotationError, FileNotFoundError, ValueError) as exc:
        say(f"error: {exc}")
        raise typer.Exit(2) from None
    say(summary["labels"])
    if summary["skipped"]:
        say("left out (the gold format needs a normalised value the export does not give; "
            "`warevents train` on the export keeps them): "
            + ", ".join(f"{k} {n}" for k, n in sorted(summary["skipped"].items())))
    say(f"{summary['docs']} document(s), {summary['spans']} span(s) -> "
        f"{len(summary['files'])} file(s) in {output}")
