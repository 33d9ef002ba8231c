"""Share of pipeline time spent in the dates stage (``warevents_dates``) on long articles.

    python benchmarks/bench_dates.py                 # the 12 longest dev-split corpus texts, 3 repeats
    python benchmarks/bench_dates.py --docs 6 --repeats 1

The documents are the longest real texts of the corpus's ``dev`` split
(``annotations/corpus/texts``; the frozen ``test`` split is left alone). Each document
goes through the rule pipeline built from the current code (``build_pipeline()``)
component by component, timing every stage; the figure is the dates stage's share of
the whole pipeline time (goal: at most 15%). Median over ``--repeats``; the first
pass (lazy imports such as dateparser, empty caches) is reported apart as "cold". Prints a table and writes JSON to
``benchmarks/results/``.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "annotations" / "corpus"


def long_dev_texts(n: int) -> list[tuple[str, str]]:
    """``(doc id, text)`` of the ``n`` longest dev-split texts."""
    rows = [json.loads(line) for line in (CORPUS / "SOURCES.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    texts = []
    for row in rows:
        path = CORPUS / "texts" / f"{row['id']}.txt"
        if row.get("split") == "dev" and path.is_file():
            texts.append((row["id"], path.read_text(encoding="utf-8")))
    return sorted(texts, key=lambda t: -len(t[1]))[:n]


def time_stages(nlp, text: str) -> dict[str, float]:
    """Seconds per stage (the tokenizer counted as ``make_doc``) for one text."""
    out = {}
    t0 = time.perf_counter()
    doc = nlp.make_doc(text)
    out["make_doc"] = time.perf_counter() - t0
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        doc = proc(doc)
        out[name] = time.perf_counter() - t0
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=12)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()

    from warevents.pipeline import build_pipeline

    nlp = build_pipeline()
    docs = long_dev_texts(args.docs)
    cold: dict[str, float] = defaultdict(float)
    for _, text in docs:  # warm-up: lazy imports (dateparser), caches; reported apart
        for stage, secs in time_stages(nlp, text).items():
            cold[stage] += secs
    runs: list[dict[str, float]] = []
    for _ in range(args.repeats):
        total: dict[str, float] = defaultdict(float)
        for _, text in docs:
            for stage, secs in time_stages(nlp, text).items():
                total[stage] += secs
        runs.append(dict(total))
    stages = list(runs[0])
    median = {s: statistics.median(r[s] for r in runs) for s in stages}
    whole = sum(median.values())
    share = median.get("warevents_dates", 0.0) / whole if whole else 0.0
    chars = sum(len(t) for _, t in docs)
    print(f"{len(docs)} dev texts, {chars:,} characters, median of {args.repeats} run(s)")
    print(f"{'stage':32} {'seconds':>9} {'share':>7}")
    for stage in stages:
        print(f"{stage:32} {median[stage]:9.3f} {100 * median[stage] / whole:6.1f}%")
    cold_share = cold["warevents_dates"] / sum(cold.values())
    print(f"dates stage share: {100 * share:.1f}% (goal <= 15%); first (cold) pass: {100 * cold_share:.1f}%")
    result = {
        "when": datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S"),
        "python": platform.python_version(),
        "docs": [d for d, _ in docs],
        "chars": chars,
        "repeats": args.repeats,
        "seconds": median,
        "dates_share": share,
        "cold_seconds": dict(cold),
        "cold_dates_share": cold_share,
    }
    if not args.no_write:
        out = ROOT / "benchmarks" / "results" / f"dates_{result['when']}.json"
        out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        print(f"written {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
