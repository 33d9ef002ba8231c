"""Scaling of the event stage alone (``warevents_events``) with input size.

Parses each input once with every other stage, then times the event stage on
the finished Doc (min of ``--repeat`` runs), so the numbers show how event
assembly grows with the number of triggers, sentences and paragraphs.

    python benchmarks/bench_events_scaling.py --sizes 250 500 1000 2000
"""

from __future__ import annotations

import argparse
import time

LINE = "Soldiers killed 18 villagers in the town."


def inputs(n: int) -> dict[str, str]:
    return {
        "killed x n (one line)": "killed " * n,
        "n short lines": "\n".join(f"{LINE} Report {k}." for k in range(n)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from warevents.pipeline import build_pipeline

    nlp = build_pipeline()
    nlp.max_length = 10_000_000
    events = nlp.get_pipe("warevents_events")
    print(f"{'input':<24}{'n':>7}{'tokens':>9}{'events s':>10}{'ratio':>8}{'n events':>10}")
    prev: dict[str, float] = {}
    for n in args.sizes:
        for name, text in inputs(n).items():
            with nlp.select_pipes(disable=["warevents_events"]):
                doc = nlp(text)
            best = float("inf")
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                events(doc)
                best = min(best, time.perf_counter() - t0)
            ratio = f"{best / prev[name]:.2f}" if name in prev else ""
            prev[name] = best
            print(f"{name:<24}{n:>7}{len(doc):>9}{best:>10.3f}{ratio:>8}{len(doc._.events):>10}", flush=True)


if __name__ == "__main__":
    main()
