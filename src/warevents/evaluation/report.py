"""Rich tables for an :func:`~warevents.evaluation.evaluate` report."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from ..schemas import LABELS
from .dates import date_markdown, date_table


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def _prf_cells(cell: dict[str, Any] | None) -> list[str]:
    if cell is None:
        return ["-", "-", "-", "-"]
    counts = f"{cell['tp']}/{cell['fp']}/{cell['fn']}"
    return [_pct(cell["precision"]), _pct(cell["recall"]), _pct(cell["f1"]), counts]


def span_table(report: dict[str, Any], mode: str) -> Table:
    """One row per label (+ micro, macro); warevents and baseline side by side."""
    systems = report["systems"]
    how = "exact offsets" if mode == "strict" else "overlap"
    table = Table(title=f"Spans, {mode} ({how}): P / R / F1 (%), tp/fp/fn", title_justify="left")
    table.add_column("label")
    table.add_column("gold", justify="right")
    for name in systems:
        for head in ("P", "R", "F1", "tp/fp/fn"):
            table.add_column(f"{name} {head}", justify="right")
    for row in [*LABELS, "micro", "macro"]:
        if row in LABELS:
            gold = str(report["n_gold_spans"].get(row, 0))
        elif row == "micro":
            gold = str(sum(report["n_gold_spans"].values()))
        else:
            gold = ""
        cells = [row, gold]
        for system in systems.values():
            scores = system["spans"][mode]
            if row in LABELS:
                cells += _prf_cells(scores["per_label"][row])
            elif row == "micro":
                cells += _prf_cells(scores["micro"])
            else:
                macro = scores["macro"]
                cells += [_pct(macro["precision"]), _pct(macro["recall"]), _pct(macro["f1"]), ""]
        table.add_row(*cells, end_section=row == LABELS[-1])
    return table


def norm_table(report: dict[str, Any]) -> Table:
    table = Table(title="Normalisation accuracy on strictly matched spans", title_justify="left")
    for col in ("system", "label", "field", "correct / n", "accuracy (%)"):
        table.add_column(col, justify="right" if col[0] in "ca" and col != "system" else "left")
    for name, system in report["systems"].items():
        norm = system.get("normalisation")
        if norm is None:
            table.add_row(name, "-", "-", "-", "n/a (no normalised values)")
            continue
        for label, fields in norm.items():
            for field, cell in fields.items():
                table.add_row(
                    name, label, field, f"{cell['correct']} / {cell['n']}", _pct(cell["accuracy"])
                )
    return table


def event_table(report: dict[str, Any]) -> Table:
    table = Table(title="Events", title_justify="left")
    for col in ("system", "measure", "P", "R", "F1 / acc (%)", "tp/fp/fn or correct/n"):
        table.add_column(col, justify="left" if col in ("system", "measure") else "right")
    for name, system in report["systems"].items():
        events = system.get("events")
        if events is None:
            table.add_row(name, "detection", "-", "-", "-", "n/a (no events)")
            continue
        p, r, f, counts = _prf_cells(events["detection"])
        table.add_row(name, f"lenient detection ({report['n_gold_events']} gold)", p, r, f, counts)
        strict = system.get("events_strict")
        if strict:
            p, r, f, counts = _prf_cells(strict["detection"])
            table.add_row(name, "strict detection", p, r, f, counts)
            for field, cell in strict["fields"].items():
                table.add_row(name, f"field: {field} (strict matches)", "", "",
                              _pct(cell["accuracy"]), f"{cell['correct']}/{cell['n']}")
        for etype, cell in events["per_type"].items():
            p, r, f, counts = _prf_cells(cell)
            table.add_row(name, f"  {etype}", p, r, f, counts)
        for field, cell in events["fields"].items():
            table.add_row(
                name,
                f"field: {field} (lenient matches)",
                "",
                "",
                _pct(cell["accuracy"]),
                f"{cell['correct']}/{cell['n']}",
            )
        cell = events["no_event_docs"]
        table.add_row(
            name,
            "documents: event / no event",
            "",
            "",
            _pct(cell["accuracy"]),
            f"{cell['correct']}/{cell['n']}",
        )
    return table


def _ci(cell: dict[str, Any] | None, scale: float = 100.0, digits: int = 1) -> str:
    if not cell or cell.get("value") is None:
        return "-"
    ci = cell.get("ci95")
    band = f" [{scale * ci[0]:.{digits}f}, {scale * ci[1]:.{digits}f}]" if ci else ""
    return f"{scale * cell['value']:.{digits}f}{band}"


#: Figures that are counts per document, not rates: shown as they are, not in %.
PER_DOC = {"events_per_nonwar_doc"}


def _fmt(key: str, cell: dict[str, Any] | None) -> str:
    return _ci(cell, 1.0, 2) if key in PER_DOC else _ci(cell)


HEADLINES = [
    ("span_strict_f1", "spans strict F1 (micro)"),
    ("span_lenient_f1", "spans lenient F1 (micro)"),
    *[(f"span_strict_f1_{lab}", f"  {lab} strict F1") for lab in
      ("MILITARY_UNIT", "PLACE", "DATE", "CASUALTY")],
    ("event_strict_f1", "events strict F1"),
    ("event_lenient_f1", "events lenient F1"),
    ("killed_exact_rate", "killed count exact (strict matches)"),
    ("events_per_nonwar_doc", "events per non-war document"),
    ("nonwar_docs_with_events", "non-war documents with any event"),
]


def headline_table(report: dict[str, Any]) -> Table:
    table = Table(title=f"Headline figures, split '{report.get('split', 'all')}' "
                  "(value and 95% bootstrap interval; % except events per document)", title_justify="left")
    table.add_column("figure")
    for name in report["systems"]:
        table.add_column(name, justify="right")
    for key, title in HEADLINES:
        cells = [_fmt(key, (s.get("headline") or {}).get(key)) for s in report["systems"].values()]
        if any(c != "-" for c in cells):
            table.add_row(title, *cells)
    return table


def print_report(report: dict[str, Any], console: Console | None = None) -> None:
    """Print the span, normalisation and event tables, and the caveat."""
    console = console or Console()
    docs = ", ".join(d["doc_id"] for d in report["docs"])
    console.print(f"Gold: {report['gold_dir']} ({len(report['docs'])} documents: {docs})")
    model = report["model"]
    console.print(f"Model: {model['name']} {model.get('version') or ''}".rstrip())
    console.print(headline_table(report))
    console.print(span_table(report, "strict"))
    console.print(span_table(report, "lenient"))
    console.print(norm_table(report))
    if (dates := date_table(report)) is not None:
        console.print(dates)
    console.print(event_table(report))
    console.print(f"[italic]Note: {report['rules']['caveat']}.[/italic]")


__all__ = ["event_table", "headline_table", "norm_table", "print_report", "span_table"]


def markdown_report(report: dict[str, Any]) -> str:
    """The headline numbers as Markdown tables (for READMEs and model cards)."""
    systems = report["systems"]
    lines = ["| label | gold | " + " | ".join(
        f"{name} strict F1 | {name} lenient F1" for name in systems) + " |",
        "|---|---|" + "---|---|" * len(systems)]
    for label in [*report["n_gold_spans"], "micro", "macro"]:
        gold = report["n_gold_spans"].get(label, "")
        cells = []
        for sysrep in systems.values():
            for mode in ("strict", "lenient"):
                block = sysrep["spans"][mode]
                cell = block["per_label"].get(label) if label in block["per_label"] else block.get(label)
                cells.append(_pct(cell["f1"]) if cell else "-")
        lines.append(f"| {label} | {gold} | " + " | ".join(cells) + " |")
    lines += ["", "| figure (split " + str(report.get("split", "all")) + ") | "
              + " | ".join(systems) + " |", "|---|" + "---|" * len(systems)]
    for key, title in HEADLINES:
        cells = [_fmt(key, (s.get("headline") or {}).get(key)) for s in systems.values()]
        if any(c != "-" for c in cells):
            lines.append(f"| {title.strip()} | " + " | ".join(cells) + " |")
    ev = systems["warevents"]["events"]
    det = ev["detection"]
    lines += ["", "| events (warevents) | value |", "|---|---|",
              f"| lenient detection P / R / F1 | {_pct(det['precision'])} / {_pct(det['recall'])} / "
              f"{_pct(det['f1'])} (tp {det['tp']}, fp {det['fp']}, fn {det['fn']}) |"]
    strict = systems["warevents"].get("events_strict")
    if strict:
        sd = strict["detection"]
        lines.append(f"| strict detection P / R / F1 | {_pct(sd['precision'])} / {_pct(sd['recall'])}"
                     f" / {_pct(sd['f1'])} (tp {sd['tp']}, fp {sd['fp']}, fn {sd['fn']}) |")
        for name, cell in strict["fields"].items():
            lines.append(f"| field {name} (on strict matches) | {_pct(cell['accuracy'])} "
                         f"({cell['correct']}/{cell['n']}) |")
    for name, cell in ev["fields"].items():
        lines.append(f"| field {name} (on lenient matches) | {_pct(cell['accuracy'])} "
                     f"({cell['correct']}/{cell['n']}) |")
    ne = ev["no_event_docs"]
    lines.append(f"| documents right about event / no event | {ne['correct']}/{ne['n']} |")
    norm = systems["warevents"].get("normalisation", {})
    for label, fields in norm.items():
        if isinstance(fields, dict) and "all" in fields and fields["all"].get("n"):
            lines.append(f"| {label} norm all fields right (strict matches) | "
                         f"{_pct(fields['all']['accuracy'])} ({fields['all']['correct']}/{fields['all']['n']}) |")
    lines += date_markdown(report)
    return "\n".join(lines) + "\n"
