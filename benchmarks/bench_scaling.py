"""How extraction time and memory grow with document length.

    python benchmarks/bench_scaling.py                      # 10 KB .. 5 MB, 1,000 .. 100,000 lines
    python benchmarks/bench_scaling.py --sizes 10000 100000 --lines 1000   # quick look

Each document is built from the real corpus texts (``annotations/corpus/texts``),
concatenated with blank lines until it reaches the size, or cut into one short line
per sentence-like piece for the line series. Every measurement runs in its own
process through :class:`warevents.extractor.Extractor` (the path ``extract`` takes:
chunking, records, no Docs kept), with the shipped default model; it reports seconds,
seconds per 100 KB (flat = linear) and the process's peak RSS. Writes JSON to
``benchmarks/results/`` and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "annotations" / "corpus" / "texts"


def source_text() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(TEXTS.glob("*.txt")))


def make_doc(kind: str, n: int) -> str:
    base = source_text()
    if kind == "chars":
        reps = n // len(base) + 1
        return ("\n\n".join([base] * reps))[:n]
    pieces = [p.strip() for p in base.replace("\n", " ").split(". ") if len(p.strip()) > 3]
    out = []
    while len(out) < n:
        out.extend(pieces)
    return "\n".join(p[:30] for p in out[:n]) + "\n"  # short lines, ~2.5 MB at 100,000 (as in issue 10)


def worker(kind: str, n: int) -> dict:
    from warevents.extractor import Extractor
    from warevents.io.readers import InputDoc

    text = make_doc(kind, n)
    ex = Extractor(time_budget=None)
    ex.nlp  # load outside the timing
    t0 = time.perf_counter()
    (result,) = list(ex.process([InputDoc("bench", text, "<bench>")]))
    seconds = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"kind": kind, "n": n, "chars": len(text), "seconds": round(seconds, 2),
            "s_per_100kb": round(seconds / (len(text) / 100_000), 3),
            "peak_rss_mb": round(rss_mb), "n_spans": len(result.record.spans),
            "n_events": len(result.record.events)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*",
                    default=[10_000, 100_000, 1_000_000, 5_000_000])
    ap.add_argument("--lines", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    ap.add_argument("--worker", nargs=2, metavar=("KIND", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker[0], int(args.worker[1]))))
        return
    rows = []
    for kind, ns in (("chars", args.sizes), ("lines", args.lines)):
        for n in ns:
            out = subprocess.run([sys.executable, __file__, "--worker", kind, str(n)],
                                 capture_output=True, text=True, check=True)
            row = json.loads(out.stdout.strip().splitlines()[-1])
            rows.append(row)
            print(f"{kind} {n}: {row['seconds']} s, {row['peak_rss_mb']} MB", file=sys.stderr,
                  flush=True)
    print("| input | chars | seconds | s per 100 KB | peak RSS (MB) | spans | events |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        label = f"{r['n']:,} chars" if r["kind"] == "chars" else f"{r['n']:,} lines"
        print(f"| {label} | {r['chars']:,} | {r['seconds']} | {r['s_per_100kb']} | "
              f"{r['peak_rss_mb']} | {r['n_spans']} | {r['n_events']} |")
    res = ROOT / "benchmarks" / "results"
    res.mkdir(exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    (res / f"scaling_{stamp}.json").write_text(json.dumps(
        {"rows": rows, "machine": platform.platform(), "python": platform.python_version()},
        indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
