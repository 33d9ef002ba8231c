"""DATE scores in the style of TempEval-3, on news and narrative documents separately.

TempEval-3 scores time expressions with

* **relaxed** span P/R/F1: a predicted span matches a gold span it overlaps
  (one-to-one, same label);
* **strict** span P/R/F1: the offsets are exactly the gold offsets;
* **value** accuracy on matched spans: the normalised value is right. Here a value is
  right when ``start`` and ``end`` are both the gold ones (``None`` included), so a
  date the text leaves open must also be left open.

Documents are grouped by the ``genre`` of ``SOURCES.jsonl``: news-like genres (a
publication date anchors the text) against narrative ones (history, reports,
testimony), where dates hang on the story's own reference time.

>>> from warevents.evaluation.dates import genre_group
>>> genre_group("event_note"), genre_group("memoir"), genre_group(None)
('news', 'narrative', 'unknown')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.table import Table

from . import metrics
from .gold import GoldDoc
from .prediction import Prediction

#: genres whose dates hang on a publication date (DCT)
NEWS_GENRES = frozenset({"news", "event_note", "machine_translated"})
#: genres told as a story, anchored by their own reference time
NARRATIVE_GENRES = frozenset({"encyclopedia", "report", "court", "memoir"})
GROUPS = ("news", "narrative", "all")


def genre_group(genre: str | None) -> str:
    """``news``, ``narrative`` or ``unknown`` for a ``SOURCES.jsonl`` genre."""
    if genre in NEWS_GENRES:
        return "news"
    if genre in NARRATIVE_GENRES:
        return "narrative"
    return "unknown"


def _value_right(gold: dict | None, pred: dict | None) -> bool:
    gold, pred = gold or {}, pred or {}
    return gold.get("start") == pred.get("start") and gold.get("end") == pred.get("end")


def _empty() -> dict[str, int]:
    return {"tp_strict": 0, "tp_relaxed": 0, "n_gold": 0, "n_pred": 0,
            "value_relaxed": 0, "value_strict": 0}


def date_scores(golds: Sequence[GoldDoc], preds: Sequence[Prediction],
                genres: Sequence[str | None] | None = None) -> dict[str, Any]:
    """Relaxed and strict DATE span P/R/F1 and value accuracy, per genre group and overall.

    ``genres`` gives each document's ``SOURCES.jsonl`` genre (None: unknown); documents
    of an unknown genre count only in ``all``.
    """
    genres = list(genres) if genres is not None else [None] * len(golds)
    counts = {g: _empty() for g in GROUPS}
    for gold, pred, genre in zip(golds, preds, genres):
        gspans = [(s.start, s.end, s.label) for s in gold.spans if s.label == "DATE"]
        gnorms = [s.norm for s in gold.spans if s.label == "DATE"]
        pidx = [j for j, s in enumerate(pred.spans) if s[2] == "DATE"]
        pspans = [pred.spans[j] for j in pidx]
        norms = pred.norms or []
        pnorms = [norms[j] if j < len(norms) else None for j in pidx]
        cell = _empty()
        cell["n_gold"], cell["n_pred"] = len(gspans), len(pspans)
        for mode in ("strict", "relaxed"):
            pairs = metrics.match_spans(gspans, pspans, "strict" if mode == "strict" else "lenient")
            cell[f"tp_{mode}"] = len(pairs)
            cell[f"value_{mode}"] = sum(_value_right(gnorms[i], pnorms[j]) for i, j in pairs)
        for group in {genre_group(genre), "all"} & set(GROUPS):
            for key, n in cell.items():
                counts[group][key] += n
    out: dict[str, Any] = {}
    for group, c in counts.items():
        row: dict[str, Any] = {"n_gold": c["n_gold"], "n_pred": c["n_pred"]}
        for mode in ("strict", "relaxed"):
            tp = c[f"tp_{mode}"]
            row[mode] = metrics.prf(tp, c["n_pred"] - tp, c["n_gold"] - tp)
            row[f"value_{mode}"] = {"correct": c[f"value_{mode}"], "n": tp,
                                    "accuracy": c[f"value_{mode}"] / tp if tp else None}
        out[group] = row
    return out


def genres_for(golds: Sequence[GoldDoc], gold_dir: str) -> list[str | None]:
    """Each document's genre from the ``SOURCES.jsonl`` beside ``gold_dir`` (None: unknown)."""
    from .splits import sources_for

    sources = sources_for(gold_dir) if gold_dir else {}
    return [sources.get(g.doc_id, {}).get("genre") for g in golds]


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def _short(value: float | None) -> str:
    """A percentage in at most four characters ("98.7", "100")."""
    if value is None:
        return "-"
    return "100" if round(100 * value, 1) >= 100 else f"{100 * value:.1f}"


def date_table(report: dict[str, Any]) -> Table | None:
    """DATE, TempEval-3 style: relaxed/strict P, R, F1 and value accuracy per genre group."""
    scores = report["systems"].get("warevents", {}).get("dates")
    if not scores:
        return None
    table = Table(title="DATE, TempEval-3 style (warevents): span P / R / F1 (%), relaxed (overlap) "
                  "and strict (exact); value accuracy (start and end right, %) on relaxed and "
                  "strict matches", title_justify="left")
    for col in ("docs", "gold", "pred", "relaxed P/R/F1", "strict P/R/F1", "val r", "val s"):
        table.add_column(col, justify="left" if col == "docs" else "right", no_wrap=True)
    for group in GROUPS:
        row = scores.get(group)
        if not row or not (row["n_gold"] or row["n_pred"]):
            continue
        cells = [group, str(row["n_gold"]), str(row["n_pred"])]
        for mode in ("relaxed", "strict"):
            cells.append("/".join(_short(row[mode][k]) for k in ("precision", "recall", "f1")))
        cells += [_short(row[f"value_{mode}"]["accuracy"]) for mode in ("relaxed", "strict")]
        table.add_row(*cells)
    return table


def date_markdown(report: dict[str, Any]) -> list[str]:
    """The same figures as Markdown table lines (empty when there are none)."""
    scores = report["systems"].get("warevents", {}).get("dates")
    if not scores:
        return []
    lines = ["", "| DATE (TempEval-3 style) | gold | relaxed F1 | strict F1 | value acc. (relaxed) |",
             "|---|---|---|---|---|"]
    for group in GROUPS:
        row = scores.get(group)
        if row and row["n_gold"]:
            v = row["value_relaxed"]
            lines.append(f"| {group} | {row['n_gold']} | {_pct(row['relaxed']['f1'])} | "
                         f"{_pct(row['strict']['f1'])} | {_pct(v['accuracy'])} ({v['correct']}/{v['n']}) |")
    return lines


__all__ = ["GROUPS", "NARRATIVE_GENRES", "NEWS_GENRES", "date_markdown", "date_scores", "date_table",
           "genre_group", "genres_for"]
