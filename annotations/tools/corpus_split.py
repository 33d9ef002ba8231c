"""Merge the collectors' source records into annotations/corpus/SOURCES.jsonl and draw the
frozen test split: per stratum (genre x war), ceil(40%) of the documents, seeded.

    python annotations/tools/corpus_split.py --seed 20261202

Run once. Re-running keeps every split already assigned (the test split is frozen) and only
draws splits for documents that have none yet. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from collections import defaultdict
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
TEST_SHARE = 0.4


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=20261202)
    args = ap.parse_args()
    out = CORPUS / "SOURCES.jsonl"
    existing = {}
    if out.exists():
        for line in out.read_text(encoding="utf-8").split("\n"):
            if line.strip():
                rec = json.loads(line)
                existing[rec["id"]] = rec
    rows = dict(existing)
    for part in sorted((CORPUS / "sources").glob("*.jsonl")):
        for line in part.read_text(encoding="utf-8").split("\n"):
            if line.strip():
                rec = json.loads(line)
                rows.setdefault(rec["id"], rec)
    strata = defaultdict(list)
    for rec in rows.values():
        if "split" not in rec:
            strata[(rec["genre"], bool(rec["war"]))].append(rec["id"])
    rng = random.Random(args.seed)
    for key in sorted(strata):
        ids = sorted(strata[key])
        rng.shuffle(ids)
        n_test = math.ceil(TEST_SHARE * len(ids))
        for k, doc_id in enumerate(ids):
            rows[doc_id]["split"] = "test" if k < n_test else "dev"
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        for doc_id in sorted(rows):
            fh.write(json.dumps(rows[doc_id], ensure_ascii=False) + "\n")
    n = {s: sum(r["split"] == s for r in rows.values()) for s in ("test", "dev")}
    print(f"{len(rows)} documents: {n['test']} test, {n['dev']} dev -> {out}")


if __name__ == "__main__":
    main()
