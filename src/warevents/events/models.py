"""Typed event records (pydantic) written to ``doc._.events``.

``doc._.events`` holds plain dicts (``Event.model_dump()``) so that events
survive ``Doc.to_bytes`` and ``nlp.pipe(n_process=2)``; :func:`get_events`
turns them back into typed :class:`Event` objects.

>>> ev = Event(id="ev1", type="KILLING", event_type="Violence against civilians",
...            sub_event_type="Attack", civilian_targeting=True,
...            trigger=Trigger(text="killed", start=10, end=16, lemma="kill"))
>>> ev.model_dump()["type"]
'KILLING'
"""

from __future__ import annotations

from spacy.tokens import Doc

# The event model lives in warevents.schemas next to Document (which holds a
# list[Event]); it is re-exported here for the event layer.
from ..schemas import (  # noqa: F401
    Actor,
    Count,
    CountSource,
    Event,
    EventDate,
    EventLocation,
    Evidence,
    GeoPrecision,
    Modality,
    Provenance,
    Trigger,
)


def get_events(doc: Doc) -> list[Event]:
    """Typed events of a processed doc (``doc._.events`` holds plain dicts)."""
    return [Event.model_validate(e) for e in (doc._.events or [])]

