"""One flat row per event, in columns that sit next to ACLED and UCDP exports.

The column list is :data:`EVENT_COLUMNS`; the README's codebook says how each
column relates to ACLED's and UCDP's. Rows are plain dicts (``None`` for an
empty cell), for ``--format events-csv`` and ``events-parquet``.

>>> from warevents.schemas import Document
>>> EventTable(geo=Geo(reverse=False)).rows(Document(doc_id="d", text_sha256="0", n_chars=0))
[]
"""

from __future__ import annotations

import hashlib
from typing import Any

from ...schemas import Actor, Document, Event
from .codes import Codes
from .geo import Geo

EVENT_COLUMNS = [
    "event_id", "doc_id", "source",
    "event_date", "date_start", "date_end", "year", "time_precision", "date_prec",
    "event_type", "sub_event_type", "type_of_violence",
    "actor1", "assoc_actor_1", "inter1", "actor2", "inter2", "interaction", "civilian_targeting",
    "iso", "country", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "where_prec",
    "fatalities", "low", "high", "notes",
]
#: Columns holding whole numbers (nullable); the rest are text, except the two below.
INT_COLUMNS = ("year", "time_precision", "date_prec", "type_of_violence", "inter1", "inter2",
               "interaction", "iso", "geo_precision", "where_prec", "fatalities", "low", "high")
FLOAT_COLUMNS = ("latitude", "longitude")
#: Count kinds that are fatalities, in order of preference.
_FATAL = ("killed", "died")


def event_id(doc_id: str, text_sha256: str, index: int) -> str:
    """Globally unique, stable id: same document (id and text) and position, same id.

    >>> event_id("a", "0" * 64, 0)
    'WE-1e54b0bcd1a8-1'
    """
    digest = hashlib.sha256(f"{doc_id}\x1f{text_sha256}".encode()).hexdigest()[:12]
    return f"WE-{digest}-{index + 1}"


class EventTable:
    """Builds rows; holds the code tables and the geocoder's cache for a whole run."""

    def __init__(self, codes: Codes | None = None, geo: Geo | None = None) -> None:
        self.codes = codes or Codes.load()
        self.geo = geo or Geo()

    def rows(self, record: Document, text: str | None = None) -> list[dict[str, Any]]:
        countries = {(s.start, s.end): (s.norm or {}).get("country")
                     for s in record.spans if s.label == "PLACE"}
        out = []
        for i, raw in enumerate(record.events):
            ev = raw if isinstance(raw, Event) else Event.model_validate(raw)
            row = {"event_id": event_id(record.doc_id, record.text_sha256, i),
                   "doc_id": record.doc_id, "source": record.source}
            row.update(self._dates(ev))
            row.update(self._actors(ev))
            row.update(self._place(ev, countries))
            row.update(self._fatalities(ev))
            row["notes"] = " | ".join(
                " ".join((text[e.start:e.end] if text is not None and e.end <= len(text)
                          else e.text).split())
                for e in ev.evidence) or None
            out.append({col: row.get(col) for col in EVENT_COLUMNS})
        return out

    def _dates(self, ev: Event) -> dict[str, Any]:
        d = ev.date
        start = (d.start or d.end) if d else None
        if not start:
            return {}
        start = start[:10]
        end = ((d.end or d.start) or start)[:10]  # type: ignore[union-attr]
        if end < start:
            start, end = end, start
        day = self.codes.event_day(start, end)
        return {"event_date": day, "date_start": start, "date_end": end, "year": int(day[:4]),
                "time_precision": self.codes.time_precision(start, end),
                "date_prec": self.codes.date_prec(start, end)}

    def _actors(self, ev: Event) -> dict[str, Any]:
        codes = self.codes
        table = codes.types.get(ev.type, {})
        perps = sorted(ev.perpetrators, key=lambda a: not a.units)  # a named unit first
        victims = sorted(ev.victims, key=lambda a: not a.units)
        actor1 = perps[0] if perps else None
        actor2 = victims[0] if victims else None
        inter1 = self._inter(actor1)
        inter2 = self._inter(actor2)
        targeting = ev.civilian_targeting
        if targeting is None:
            targeting = table.get("civilian_targeting")
        if actor2 is not None and inter2 is None and targeting:
            inter2 = 7  # the victims of an attack on civilians
        assoc = []
        for a in perps[1:]:
            if a.text not in assoc and a.text != actor1.text:  # type: ignore[union-attr]
                assoc.append(a.text)
        return {
            "event_type": ev.event_type or table.get("event_type"),
            "sub_event_type": ev.sub_event_type or table.get("sub_event_type"),
            # the event layer's own code when the record carries one, else from the table
            "type_of_violence": getattr(ev, "type_of_violence", None)
            or codes.type_of_violence(ev.type, inter1, inter2),
            "actor1": actor1.text if actor1 else None,
            "assoc_actor_1": "; ".join(assoc) or None,
            "inter1": inter1,
            "actor2": actor2.text if actor2 else None,
            "inter2": inter2,
            "interaction": codes.interaction(inter1, inter2),
            "civilian_targeting": "Civilian targeting" if targeting else None,
        }

    def _inter(self, actor: Actor | None) -> int | None:
        """Actor type; an actor holding a MILITARY_UNIT span is typed by its first unit
        ("Red Army ... and local rioters" are state forces, "Kosovo Liberation Army" rebels)."""
        if actor is None:
            return None
        if actor.units:
            unit = actor.units[0]
            return self.codes.inter(str(unit.get("text") or actor.text), has_unit=True)
        return self.codes.inter(actor.text, has_unit=False)

    def _place(self, ev: Event, countries: dict[tuple[int, int], str | None]) -> dict[str, Any]:
        loc = ev.location
        if loc is None:
            return {}
        has_coords = loc.lat is not None and loc.lon is not None
        acled, ucdp = self.codes.geo_codes(loc.geo_precision, has_coords)
        country = countries.get((loc.span_start, loc.span_end)) if loc.span_start is not None else None
        # admin levels only where the point stands for a town or site (a country's or a
        # region's centre says nothing about its second-level unit)
        geo = self.geo.lookup(country, loc.lat, loc.lon,
                              admin=loc.geo_precision != "country",
                              admin2=loc.geo_precision in (None, "site", "town"))
        return {**geo, "location": loc.canonical or loc.text, "latitude": loc.lat,
                "longitude": loc.lon, "geo_precision": acled, "where_prec": ucdp}

    @staticmethod
    def _fatalities(ev: Event) -> dict[str, Any]:
        for kind in _FATAL:
            for count in ev.counts:
                if count.kind == kind and (count.low is not None or count.high is not None):
                    best = count.low if count.low is not None else count.high
                    return {"fatalities": best, "low": count.low, "high": count.high}
        return {}
