"""Incident pairwise precision and recall against hand-made gold clusters.

Gold (``annotations/incidents/gold.jsonl``) lists each real incident with the
passages (``doc_id``, character offsets of an anchor phrase) that report it.
A stored event stands for the gold incident whose anchor lies in one of its
evidence sentences (the anchor nearest its trigger when there are several);
events that report no gold incident are left out and counted. Over the events
that do, every pair is a true join (same gold, same registry incident), a
false join or a missed join.

>>> pairwise({"a": "I1", "b": "I1", "c": "I2"}, {"a": "G1", "b": "G1", "c": "G1"})
{'precision': 1.0, 'recall': 0.333, 'f1': 0.5, 'true': 1, 'system_pairs': 1, 'gold_pairs': 3}
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from sqlalchemy import select


def pairwise(system: dict[str, str], gold: dict[str, str]) -> dict[str, Any]:
    """Pairwise scores of event -> incident maps over the events in ``gold``.

    Pairs are counted from cluster sizes (n choose 2), never enumerated: linear in the events.
    """
    keys = [k for k in gold if k in system]

    def pairs(counts: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    n_sys = pairs(Counter(system[k] for k in keys))
    n_gold = pairs(Counter(gold[k] for k in keys))
    true = pairs(Counter((system[k], gold[k]) for k in keys))
    p = true / n_sys if n_sys else 1.0
    r = true / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "true": true,
            "system_pairs": n_sys, "gold_pairs": n_gold}


def load_gold(path: str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def map_events(store: Any, gold: list[dict[str, Any]]) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """(event -> registry incident, event -> gold incident, events reporting no gold incident)."""
    from .schema import events

    anchors: dict[str, list[tuple[int, int, str]]] = {}
    for g in gold:
        for m in g["mentions"]:
            anchors.setdefault(m["doc_id"], []).append((m["start"], m["end"], g["incident"]))
    system, mapped, unmapped = {}, {}, []
    with store.engine.connect() as conn:
        rows = conn.execute(select(events.c.event_key, events.c.doc_id, events.c.incident_id,
                                   events.c.evidence, events.c.record)).all()
    for key, doc, inc, evidence, record in rows:
        system[key] = inc
        trigger = (json.loads(record).get("trigger") or {}).get("start", 0)
        best = None
        for e in json.loads(evidence or "[]"):
            for s, t, gid in anchors.get(doc, []):
                if e.get("start") is not None and s < e["end"] and e["start"] < t:
                    dist = 0 if s <= trigger < t else min(abs(trigger - s), abs(trigger - t))
                    if best is None or dist < best[0]:
                        best = (dist, gid)
        if best:
            mapped[key] = best[1]
        else:
            unmapped.append(key)
    return system, mapped, sorted(unmapped)


def score_store(store: Any, gold_path: str) -> dict[str, Any]:
    """Pairwise scores of a registry against gold, plus per-gold-incident coverage."""
    gold = load_gold(gold_path)
    system, mapped, unmapped = map_events(store, gold)
    out = pairwise(system, mapped)
    cross = {k: v for k, v in mapped.items()}
    by_gold: dict[str, set[str]] = {}
    for k, g in cross.items():
        by_gold.setdefault(g, set()).add(system[k])
    out.update({"events": len(system), "events_on_gold": len(mapped), "events_off_gold": len(unmapped),
                "gold_incidents": len(gold),
                "gold_incidents_found": len(by_gold),
                "gold_incidents_in_one_registry_incident": sum(1 for v in by_gold.values() if len(v) == 1)})
    return out
