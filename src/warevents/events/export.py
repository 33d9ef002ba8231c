"""Flat ACLED-like rows, one per event (for ``--format events-csv``).

>>> events_to_rows([], "a.txt")
[]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# the event model itself (warevents.schemas), not events.models: that module is the
# event layer's typed view of doc._.events and must not depend on its exports
from ..schemas import Event

ACLED_COLUMNS = [
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "warevents_type",
    "actor1",
    "actor2",
    "civilian_targeting",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities_low",
    "fatalities_high",
    "confidence",
    "notes",
    "source",
]

_FATAL = ("killed", "died")


def _as_event(ev: Event | dict) -> Event:
    return ev if isinstance(ev, Event) else Event.model_validate(ev)


def events_to_rows(
    events: Iterable[Event | dict], source: str | None, text: str | None = None
) -> list[dict[str, Any]]:
    """One flat dict per event with ACLED-like column names.

    ``notes`` joins the evidence sentences (read from ``text`` when given, else
    from the stored evidence text).
    """
    rows: list[dict[str, Any]] = []
    for raw in events:
        ev = _as_event(raw)
        date = ev.date
        event_date = ""
        if date and date.start:
            event_date = date.start if date.end in (None, date.start) else f"{date.start}/{date.end}"
        fatal = [c for c in ev.counts if c.kind in _FATAL]
        low = min((c.low for c in fatal if c.low is not None), default=None)
        high = max((c.high for c in fatal if c.high is not None), default=None)
        notes = []
        for e in ev.evidence:
            sent = text[e.start : e.end] if text is not None and e.end <= len(text) else e.text
            notes.append(" ".join(sent.split()))
        loc = ev.location
        rows.append(
            {
                "event_id": ev.id,
                "event_date": event_date,
                "time_precision": (date.precision or "") if date else "",
                "event_type": ev.event_type,
                "sub_event_type": ev.sub_event_type,
                "warevents_type": ev.type,
                "actor1": "; ".join(a.text for a in ev.perpetrators),
                "actor2": "; ".join(a.text for a in ev.victims),
                "civilian_targeting": "" if ev.civilian_targeting is None else ev.civilian_targeting,
                "location": (loc.canonical or loc.text) if loc else "",
                "latitude": loc.lat if loc and loc.lat is not None else "",
                "longitude": loc.lon if loc and loc.lon is not None else "",
                "geo_precision": (loc.geo_precision or "") if loc else "",
                "fatalities_low": "" if low is None else low,
                "fatalities_high": "" if high is None else high,
                "confidence": round(ev.confidence, 3),
                "notes": " | ".join(notes),
                "source": source or "",
            }
        )
    return rows
