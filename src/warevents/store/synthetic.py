"""Synthetic records for tests and benchmarks: incidents told by several documents.

>>> rec = record("d1", [event("KILLING", "2022-04-08", "Kramatorsk", 48.73, 37.57, killed=61)])
>>> rec["events"][0]["location"]["canonical"], rec["events"][0]["counts"][0]["low"]
('Kramatorsk', 61)
"""

from __future__ import annotations

import hashlib
import random
from typing import Any


def event(type_: str, start: str | None, place: str | None, lat: float | None = None,
          lon: float | None = None, *, end: str | None = None, precision: str = "day",
          killed: int | None = None, killed_high: int | None = None, perpetrator: str | None = None,
          victims: str | None = None, geo: str = "town", sentence: str = "", ev_id: str = "ev1",
          offset: int = 0, **extra: Any) -> dict[str, Any]:
    """One event record shaped like the event layer's output (``extra`` adds new fields)."""
    sentence = sentence or f"{perpetrator or 'Someone'} killed {killed or 'some'} people in {place}."
    ev: dict[str, Any] = {
        "id": ev_id, "type": type_, "event_type": "Violence against civilians",
        "sub_event_type": "Attack", "civilian_targeting": None,
        "trigger": {"text": "killed", "start": offset, "end": offset + 6, "lemma": "kill"},
        "date": {"start": start, "end": end or start, "precision": precision} if start else None,
        "location": {"text": place, "canonical": place, "lat": lat, "lon": lon,
                     "geo_precision": geo} if place else None,
        "perpetrators": [{"text": perpetrator}] if perpetrator else [],
        "victims": [{"text": victims}] if victims else [],
        "counts": ([{"kind": "killed", "low": killed, "high": killed if killed_high is None
                     else killed_high}] if killed is not None else []),
        "evidence": [{"start": offset, "end": offset + len(sentence), "text": sentence}],
    }
    ev.update(extra)
    return ev


def record(doc_id: str, events: list[dict[str, Any]], *, text: str | None = None,
           source: str | None = None) -> dict[str, Any]:
    """A document record (as ``extract`` writes it) holding ``events``."""
    text = text if text is not None else " ".join(e["evidence"][0]["text"] for e in events)
    return {"doc_id": doc_id, "source": source or f"{doc_id}.txt",
            "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "n_chars": len(text), "doc_date": None, "spans": [], "events": events}


TYPES = ("KILLING", "MASSACRE", "BATTLE", "REMOTE_VIOLENCE", "ABDUCTION")
SIDES = ("Russian", "Ukrainian", "Sudanese", "Israeli", "Houthi", "Taliban", "Syrian")


def corpus(n_events: int, *, seed: int = 0, events_per_doc: int = 5,
           days: int | None = None) -> list[dict[str, Any]]:
    """About ``n_events`` events in documents of ``events_per_doc``; each incident is told 1-4 times.

    Incidents are spread over ``days`` (default: grows with ``n_events`` so the
    density per day and place stays constant, as in a real growing archive).
    """
    rng = random.Random(seed)
    days = days or max(30, n_events // 20)
    base = 738000  # 2021-07-28
    reports = []
    k = 0
    while len(reports) < n_events:
        k += 1
        day = base + rng.randrange(days)
        lat, lon = rng.uniform(-40, 60), rng.uniform(-20, 120)
        t, side, killed = rng.choice(TYPES), rng.choice(SIDES), rng.randint(1, 200)
        for _ in range(rng.randint(1, 4)):
            from datetime import date

            iso = date.fromordinal(day + rng.choice((0, 0, 0, 1))).isoformat()
            reports.append(event(t, iso, f"Place{k}", lat + rng.uniform(-0.02, 0.02),
                                 lon + rng.uniform(-0.02, 0.02), perpetrator=f"{side} forces",
                                 killed=max(1, killed + rng.randint(-5, 5))))
    rng.shuffle(reports)
    docs = []
    for i in range(0, len(reports), events_per_doc):
        evs = []
        offset = 0
        for j, ev in enumerate(reports[i:i + events_per_doc]):
            ev = dict(ev, id=f"ev{j + 1}")
            n = len(ev["evidence"][0]["text"])
            ev["evidence"] = [dict(ev["evidence"][0], start=offset, end=offset + n)]
            offset += n + 1
            evs.append(ev)
        docs.append(record(f"syn{i // events_per_doc:07d}", evs))
    return docs
