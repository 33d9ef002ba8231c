"""Inter-annotator agreement between two blind annotation passes.

    python annotations/tools/agreement.py annotations/passes/A/gold annotations/passes/B/gold

Treats pass A as reference and pass B as prediction (F1 is symmetric) and prints,
as Markdown: span F1 per label (strict and lenient), agreement on normalised values
for strictly matched spans, event agreement (type + evidence overlap) and the
paragraph relevance labels. Uses warevents' own scorer, so the numbers mean the
same as those of `warevents evaluate`.
"""

from __future__ import annotations

import sys

from warevents.evaluation.gold import load_gold_dir
from warevents.evaluation.metrics import corpus_span_scores, event_scores, match_spans, norm_accuracy
from warevents.evaluation.scorer import normalise_event
from warevents.schemas import LABELS


def main(dir_a: str, dir_b: str) -> None:
    a = {d.doc_id: d for d in load_gold_dir(dir_a)}
    b = {d.doc_id: d for d in load_gold_dir(dir_b)}
    ids = sorted(set(a) & set(b))
    spans = [
        ([(s.start, s.end, s.label) for s in a[i].spans], [(s.start, s.end, s.label) for s in b[i].spans])
        for i in ids
    ]
    print(f"Documents: {len(ids)}; spans A={sum(len(x) for x, _ in spans)}, B={sum(len(y) for _, y in spans)}\n")
    print("| label | strict F1 | lenient F1 | A | B |\n|---|---|---|---|---|")
    strict = corpus_span_scores(spans, "strict")
    lenient = corpus_span_scores(spans, "lenient")
    for label in LABELS:
        n_a = sum(1 for x, _ in spans for s in x if s[2] == label)
        n_b = sum(1 for _, y in spans for s in y if s[2] == label)
        print(f"| {label} | {strict['per_label'][label]['f1']:.3f} | {lenient['per_label'][label]['f1']:.3f} | {n_a} | {n_b} |")
    print(f"| micro | {strict['micro']['f1']:.3f} | {lenient['micro']['f1']:.3f} | | |\n")
    pairs = []
    for i, (ga, gb) in zip(ids, spans):
        for x, y in match_spans(ga, gb, "strict"):
            pairs.append((a[i].spans[x].label, a[i].spans[x].norm, b[i].spans[y].norm))
    acc = norm_accuracy(pairs)
    print("Normalised values on strictly matched spans:", acc, "\n")
    ev = event_scores([
        ([normalise_event(e) for e in a[i].events], [normalise_event(e) for e in b[i].events]) for i in ids
    ])
    print("Events (type + evidence overlap):", ev["detection"])
    print("Event fields on matched events:", {k: v["accuracy"] for k, v in ev["fields"].items()})
    agree = total = 0
    for i in ids:
        pb = {(p["start"], p["end"]): p["war_related"] for p in b[i].paragraphs}
        for p in a[i].paragraphs:
            if (p["start"], p["end"]) in pb:
                total += 1
                agree += int(pb[(p["start"], p["end"])] == p["war_related"])
    print(f"Paragraph war_related labels: {agree}/{total} agree")


if __name__ == "__main__":
    main(*sys.argv[1:3])
