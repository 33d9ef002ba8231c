"""Incident registry throughput: ingest and resolution at 10k and 100k synthetic records.

    python benchmarks/bench_store.py                     # 10,000 and 100,000 events, SQLite
    python benchmarks/bench_store.py --sizes 2000 20000  # quick look
    python benchmarks/bench_store.py --db-url postgresql://postgres@127.0.0.1:5432/bench

Records come from :func:`warevents.store.synthetic.corpus`: incidents told by 1-4
reports each (one day apart at most, places jittered by ~2 km), 5 events per
document, spread over a period that grows with the archive (constant density per
day and place, as in a growing real archive). Per size it measures

* ingest: every document in its own transaction, incidents resolved as they come;
* resolution: ``Store.rebuild()``, every event resolved again in one transaction;

and reports events per second (flat = linear growth), the ratio of seconds per
event at the largest size to the smallest, and pairwise precision/recall against
the synthetic truth. Writes JSON to ``benchmarks/results/`` and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from warevents.store import Store
from warevents.store.scoring import pairwise
from warevents.store.synthetic import corpus

ROOT = Path(__file__).resolve().parents[1]


def run(n: int, db_url: str | None) -> dict:
    recs = corpus(n, seed=7)
    truth = {f"{r['doc_id']}#{e['id']}": e["location"]["canonical"] for r in recs for e in r["events"]}
    with tempfile.TemporaryDirectory() as tmp:
        st = Store(db_url or str(Path(tmp) / "bench.db"))
        t0 = time.perf_counter()
        st.ingest_records(recs)
        ingest = time.perf_counter() - t0
        system = {k: inc for inc, keys in st.clusters().items() for k in keys}
        scores = pairwise(system, truth)
        t0 = time.perf_counter()
        events = st.rebuild()
        resolve = time.perf_counter() - t0
        n_inc = len(st.clusters())
        st.close()
    return {"events": events, "documents": len(recs), "incidents": n_inc,
            "ingest_s": round(ingest, 2), "ingest_events_per_s": round(events / ingest, 1),
            "resolve_s": round(resolve, 2), "resolve_events_per_s": round(events / resolve, 1),
            "precision": scores["precision"], "recall": scores["recall"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--db-url", default=None, help="Registry URL (default: a temporary SQLite file).")
    args = ap.parse_args()
    rows = []
    for n in args.sizes:
        rows.append({"size": n, **run(n, args.db_url)})
        print(json.dumps(rows[-1]), flush=True)
    first, last = rows[0], rows[-1]
    growth = {k: round((last[k] / last["events"]) / (first[k] / first["events"]), 2)
              for k in ("ingest_s", "resolve_s")}
    out = {"when": datetime.now(UTC).isoformat(timespec="seconds"),
           "machine": platform.platform(), "python": platform.python_version(),
           "backend": (args.db_url or "sqlite").split(":")[0], "rows": rows,
           "seconds_per_event_growth_largest_over_smallest": growth}
    res = ROOT / "benchmarks" / "results"
    res.mkdir(parents=True, exist_ok=True)
    path = res / f"store_{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    path.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print("\n| events | documents | incidents | ingest s | ingest ev/s | resolve s | resolve ev/s | P | R |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['events']:,} | {r['documents']:,} | {r['incidents']:,} | {r['ingest_s']} | "
              f"{r['ingest_events_per_s']} | {r['resolve_s']} | {r['resolve_events_per_s']} | "
              f"{r['precision']} | {r['recall']} |")
    print(f"\nseconds per event, largest size over smallest: {growth} (1.0 = linear); written to {path}")


if __name__ == "__main__":
    main()
