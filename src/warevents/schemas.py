"""Typed records: normalised span values, spans, events and documents.

All records are pydantic models, so they validate, dump to plain JSON with
``.model_dump()`` and publish a JSON Schema with ``.model_json_schema()``.

>>> DateValue(start="1945-08-17", end="1945-08-17", precision="day").start
'1945-08-17'
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

LABELS = ("MILITARY_UNIT", "PLACE", "DATE", "CASUALTY")
Label = Literal["MILITARY_UNIT", "PLACE", "DATE", "CASUALTY"]
Precision = Literal[
    "day", "days", "month", "months", "part_of_month", "season", "year", "years",
    "part_of_year",
]
CasualtyKind = Literal["killed", "wounded", "missing", "detained", "raped", "abducted", "died"]
EventType = Literal[
    "MASSACRE",
    "KILLING",
    "SEXUAL_VIOLENCE",
    "ABDUCTION",
    "LOOTING",
    "BATTLE",
    "RIOT",
    "MASS_SUICIDE",
    "DETENTION",
    "OTHER_VIOLENCE",
    "REMOTE_VIOLENCE",
]
EVENT_TYPES: tuple[str, ...] = get_args(EventType)


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DateValue(_Record):
    """A calendar expression as an inclusive ISO interval.

    ``start``/``end`` are ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM`` (a time of day
    was given), or None when the text does not determine them.
    """

    start: str | None
    end: str | None
    precision: Precision
    year_source: Literal["explicit", "context", "document", "none"] = "explicit"
    method: str = "rule"
    edtf: str | None = Field(
        None, description="what the text fixes when the year is unknown, as EDTF with an "
        "unspecified year: 'XXXX-06-18', 'XXXX-06', 'XXXX-08-20/XXXX-08-25'")


CasualtyScope = Literal["total", "subset", "cumulative"]


class CasualtyValue(_Record):
    """A count of people harmed: ``low``/``high`` are None when open-ended.

    ``scope`` (system output, not a gold field): ``total`` (the count of an incident),
    ``subset`` (a part of another count: "including 7 children"; ``subset_of`` gives
    the character offsets of that total's span when it is known) or ``cumulative``
    (a running toll: "since April", "so far this year"). ``implicit`` marks a count
    read off a singular or group noun ("a man was shot dead" = 1), which is never a
    CASUALTY span (GUIDELINES C3) and lives in its own span group.
    """

    kind: CasualtyKind
    low: int | None
    high: int | None
    qualifier: str | None = None
    victims: str | None = None
    trigger: str | None = None
    scope: CasualtyScope = "total"
    subset_of: list[int] | None = None
    implicit: bool = False


class PlaceValue(_Record):
    """A named place, with its modern name and coordinates when known."""

    canonical: str
    modern: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None
    country: str | None = None
    #: First-level division (province, state, governorate) from GeoNames, when known.
    admin1: str | None = None
    #: GeoNames feature class: A admin/country, P populated place, H water, T relief,
    #: S site or building, L area.
    feature_class: str | None = None
    source: str = "ner"
    linked_to: list[str] = Field(default_factory=list)
    #: Present-day name from reference data (gazetteer, GeoNames), i.e. outside
    #: knowledge; ``modern`` only holds a modern name the document itself gives.
    reference_modern: str | None = None


class UnitValue(_Record):
    """A military formation or national armed force."""

    name: str
    nationality: str | None = None
    echelon: str | None = None
    ordinal: int | None = None
    collective: bool = False


class SpanRecord(_Record):
    """One tagged span; ``start``/``end`` are character offsets into the source text."""

    label: Label
    text: str
    start: int
    end: int
    norm: dict | None = None
    source: str = "rules"


# -- events: one model with shared argument types, from doc._.events to the JSON record --

Provenance = Literal["stated", "inherited", "infobox"]
GeoPrecision = Literal["site", "town", "region", "country"]
Modality = Literal["asserted", "reported", "disputed"]


class Trigger(_Record):
    """The word(s) that say the event happened; offsets are characters into the doc."""

    text: str
    start: int
    end: int
    lemma: str


class EventDate(_Record):
    start: str | None = None
    end: str | None = None
    precision: str | None = None
    text: str | None = None
    span_start: int | None = None
    span_end: int | None = None
    provenance: Provenance = "stated"


class EventLocation(_Record):
    text: str
    canonical: str | None = None
    modern: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: GeoPrecision | None = None
    span_start: int | None = None
    span_end: int | None = None
    provenance: Provenance = "stated"


class Actor(_Record):
    """A perpetrator or victim phrase; ``units`` are the MILITARY_UNIT spans inside it."""

    text: str
    start: int | None = None
    end: int | None = None
    units: list[dict] = Field(default_factory=list)
    provenance: Provenance = "stated"
    #: the agent's normalised name ("Israeli forces" for "Israeli strikes"), when it differs
    norm: str | None = None
    #: the words the agent was resolved from: a pronoun or definite description ("they",
    #: "the group") or a weapon or act ("Israeli strikes"); None when stated as it is
    resolved_from: str | None = None


class CountSource(_Record):
    text: str
    start: int | None = None
    end: int | None = None
    low: int | None = None
    high: int | None = None


class Count(_Record):
    """People harmed of one kind; conflicting reports widen ``low``..``high``."""

    kind: str
    low: int | None = None
    high: int | None = None
    qualifier: str | None = None
    sources: list[CountSource] = Field(default_factory=list)
    #: the casualty span's scope: "total" (absent means total) or "subset" ("including 7
    #: children"); a subset is kept in ``Event.sub_counts`` and never replaces the total
    scope: Literal["total", "subset"] | None = None
    #: read off a singular or group noun, not a number ("a man was shot dead" = 1; "a woman
    #: and her two children" = 3); an explicit count of the same kind merged in makes it False
    implicit: bool = False


class Evidence(_Record):
    start: int
    end: int
    text: str
    trigger: str | None = None


class Event(_Record):
    """One incident, with every sentence that reports it."""

    id: str
    type: EventType
    event_type: str
    sub_event_type: str
    civilian_targeting: bool | None = None
    #: UCDP type of violence: 1 state-based, 2 non-state, 3 one-sided; None: not armed violence
    type_of_violence: Literal[1, 2, 3] | None = None
    trigger: Trigger
    name: str | None = None
    date: EventDate | None = None
    location: EventLocation | None = None
    perpetrators: list[Actor] = Field(default_factory=list)
    victims: list[Actor] = Field(default_factory=list)
    counts: list[Count] = Field(default_factory=list)
    #: counts of a part of the victims ("including 7 children"), never the total
    sub_counts: list[Count] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    modality: Modality = "asserted"
    #: why the mentions of this record were merged, one tie per merge ("same sentence",
    #: "same place", "same name", "same day and actors", "back-reference")
    merge_ties: list[str] = Field(default_factory=list)
    confidence: float = Field(0.5, ge=0.0, le=1.0)
    sources: list[str] = Field(default_factory=list, description="'prose' and/or 'infobox'")


class Document(_Record):
    """Everything warevents extracted from one document."""

    doc_id: str
    source: str | None = None
    text_sha256: str
    n_chars: int
    doc_date: str | None = None
    doc_date_source: str | None = Field(
        None, description="where doc_date came from: jsonl, given, option (--doc-date) or dateline")
    spans: list[SpanRecord] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    error: str | None = None
