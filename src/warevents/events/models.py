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

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from spacy.tokens import Doc

from ..schemas import EventType

Provenance = Literal["stated", "inherited", "infobox"]
GeoPrecision = Literal["site", "town", "region", "country"]
Modality = Literal["asserted", "reported", "disputed"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Trigger(_Model):
    """The word(s) that say the event happened; offsets are characters into the doc."""

    text: str
    start: int
    end: int
    lemma: str


class EventDate(_Model):
    start: str | None = None
    end: str | None = None
    precision: str | None = None
    text: str | None = None
    span_start: int | None = None
    span_end: int | None = None
    provenance: Provenance = "stated"


class EventLocation(_Model):
    text: str
    canonical: str | None = None
    modern: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: GeoPrecision | None = None
    span_start: int | None = None
    span_end: int | None = None
    provenance: Provenance = "stated"


class Actor(_Model):
    """A perpetrator or victim phrase; ``units`` are the MILITARY_UNIT spans inside it."""

    text: str
    start: int | None = None
    end: int | None = None
    units: list[dict] = Field(default_factory=list)
    provenance: Provenance = "stated"


class CountSource(_Model):
    text: str
    start: int | None = None
    end: int | None = None
    low: int | None = None
    high: int | None = None


class Count(_Model):
    """People harmed of one kind; conflicting reports widen ``low``..``high``."""

    kind: str
    low: int | None = None
    high: int | None = None
    qualifier: str | None = None
    sources: list[CountSource] = Field(default_factory=list)


class Evidence(_Model):
    start: int
    end: int
    text: str
    trigger: str | None = None


class Event(_Model):
    """One incident, with every sentence that reports it."""

    id: str
    type: EventType
    event_type: str
    sub_event_type: str
    civilian_targeting: bool | None = None
    trigger: Trigger
    name: str | None = None
    date: EventDate | None = None
    location: EventLocation | None = None
    perpetrators: list[Actor] = Field(default_factory=list)
    victims: list[Actor] = Field(default_factory=list)
    counts: list[Count] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    modality: Modality = "asserted"
    confidence: float = Field(0.5, ge=0.0, le=1.0)
    sources: list[str] = Field(default_factory=list, description="'prose' and/or 'infobox'")


def get_events(doc: Doc) -> list[Event]:
    """Typed events of a processed doc (``doc._.events`` holds plain dicts)."""
    return [Event.model_validate(e) for e in (doc._.events or [])]


def events_to_rows(events: list, source: str | None, text: str | None = None) -> list[dict]:
    """Flat ACLED-like rows; see :func:`warevents.events.export.events_to_rows`."""
    from .export import events_to_rows as _rows

    return _rows(events, source, text)
