"""Incidents in the database: assigning a new event, summaries, a coder's split and merge.

An incident's id comes from the event that founded it (``I`` + 12 hex digits of
its key's SHA-1), so ids do not depend on the database's sequences and a
re-run gives the same ids. Corrections are stored as pairwise constraints
between event keys (``must``/``cannot``), so they survive re-ingest and rebuilds.
"""

from __future__ import annotations

import hashlib
import json
import statistics
from collections import Counter
from typing import Any

from sqlalchemy import and_, bindparam, delete, or_, select, update
from sqlalchemy.engine import Connection

from .errors import Errors, StoreError
from .features import EventFeatures, features_of, iso_day
from .resolve import compatible, index_keys, probe_keys, resolvable, score, settings
from .schema import constraints, documents, events, incident_blocks, incidents

TYPE_ORDER = ("MASSACRE", "KILLING", "REMOTE_VIOLENCE", "BATTLE", "SEXUAL_VIOLENCE", "ABDUCTION",
              "DETENTION", "MASS_SUICIDE", "LOOTING", "RIOT", "OTHER_VIOLENCE")


# Statements built once with bound parameters: SQLAlchemy compiles each one once.
_PARTNERS = select(constraints.c.event_a, constraints.c.event_b).where(and_(
    constraints.c.kind == bindparam("kind"),
    or_(constraints.c.event_a == bindparam("key"), constraints.c.event_b == bindparam("key"))))
_ANY_CONSTRAINT = select(constraints.c.kind).limit(1)
_CANDIDATES = select(incident_blocks.c.incident_id).where(
    incident_blocks.c.block_key.in_(bindparam("keys", expanding=True))).distinct()
_MEMBERS_OF = select(events).where(events.c.incident_id.in_(bindparam("ids", expanding=True)))
_MEMBERS = select(events).where(events.c.incident_id == bindparam("iid")).order_by(events.c.event_key)
_FILED = select(incident_blocks.c.block_key).where(and_(
    incident_blocks.c.incident_id == bindparam("iid"),
    incident_blocks.c.block_key.in_(bindparam("keys", expanding=True))))
_SET_INCIDENT = update(events).where(events.c.event_key == bindparam("key")).values(
    incident_id=bindparam("iid"), join_reasons=bindparam("why"))
_DROP_INCIDENT = delete(incidents).where(incidents.c.incident_id == bindparam("iid"))


def new_incident_id(seed: str) -> str:
    return "I" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:12]


def _partners(conn: Connection, key: str, kind: str) -> set[str]:
    rows = conn.execute(_PARTNERS, {"kind": kind, "key": key})
    return {b if a == key else a for a, b in rows}


def has_constraints(conn: Connection) -> bool:
    return conn.execute(_ANY_CONSTRAINT).first() is not None


def _fit(f: EventFeatures, rows: list, cannot: set[str]) -> tuple[float, dict] | None:
    """How well a new event fits an incident, or None when it cannot join it.

    Each document already in the incident must agree with the event through at
    least one of its events (a document may hold an "attack" and a "killed"
    event of one sentence); a coder's "cannot" with any member forbids the join.
    """
    by_doc: dict[str, list] = {}
    for row in rows:
        if row.event_key in cannot:
            return None
        by_doc.setdefault(row.doc_id, []).append(row)
    total, why = 0.0, {}
    for _doc, group in sorted(by_doc.items()):
        agree = []
        for row in group:
            other = features_of(row)
            good, reasons = compatible(f, other)
            if good:
                agree.append((score(f, other), row.event_key, reasons))
        if not agree:
            return None
        top = max(agree, key=lambda a: a[0])
        total += top[0]
        why.update({key: reasons for _s, key, reasons in agree})
    return total / len(by_doc), why


def assign(conn: Connection, f: EventFeatures, *, corrections: bool = True) -> tuple[str, dict[str, Any]]:
    """The incident a new event joins (existing or new), with the reasons.

    ``corrections=False`` says the database holds no coder's constraint (saves two queries).
    """
    must = _partners(conn, f.event_key, "must") if corrections else set()
    if must:
        row = conn.execute(select(events.c.incident_id, events.c.event_key).where(
            and_(events.c.event_key.in_(sorted(must)), events.c.incident_id.is_not(None)))
            .order_by(events.c.event_key)).first()
        if row:
            return row[0], {"joined": True, "by": "coder", "reasons": [f"merged by a coder with {row[1]}"]}
    cannot = _partners(conn, f.event_key, "cannot") if corrections else set()
    cand = sorted({r[0] for r in conn.execute(_CANDIDATES, {"keys": probe_keys(f)})})
    best: tuple[float, str, dict] | None = None
    if cand:
        members: dict[str, list] = {}
        for row in sorted(conn.execute(_MEMBERS_OF, {"ids": cand}), key=lambda r: r.event_key):
            members.setdefault(row.incident_id, []).append(row)
        for inc, rows in sorted(members.items()):
            fit = _fit(f, rows, cannot)
            if fit and (best is None or fit[0] > best[0]):
                best = (fit[0], inc, fit[1])
    if best is None:
        why = "first report: no compatible incident before it" if resolvable(f) else \
            "no date or no place: joins only events of its own sentence"
        return new_incident_id(f.event_key), {"joined": False, "reasons": [why]}
    return best[1], {"joined": True, "by": "rules", "score": round(best[0], 3), "with": best[2]}


def _insert_ignore(conn: Connection):  # noqa: ANN202
    """An INSERT that skips rows already there, where the dialect has one (else None)."""
    name = conn.dialect.name
    if name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    elif name in ("postgresql", "duckdb"):
        from sqlalchemy.dialects.postgresql import insert
    else:
        return None
    return insert(incident_blocks).on_conflict_do_nothing()


def file_event(conn: Connection, incident_id: str, f: EventFeatures) -> None:
    """File the incident under the event's blocking keys (no duplicates)."""
    keys = index_keys(f)
    stmt = _insert_ignore(conn)
    if stmt is not None:
        conn.execute(stmt, [{"block_key": k, "incident_id": incident_id} for k in keys])
        return
    have = {r[0] for r in conn.execute(_FILED, {"iid": incident_id, "keys": keys})}
    rows = [{"block_key": k, "incident_id": incident_id} for k in keys if k not in have]
    if rows:
        conn.execute(incident_blocks.insert(), rows)


def _source_figures(rows: list) -> list[tuple[int | None, int | None]]:
    by_doc: dict[str, list] = {}
    for r in rows:
        if r.killed_low is not None or r.killed_high is not None:
            by_doc.setdefault(r.doc_id, []).append(r)
    out = []
    for _doc, rs in sorted(by_doc.items()):
        lows = [r.killed_low for r in rs if r.killed_low is not None]
        highs = [r.killed_high for r in rs]
        out.append((min(lows) if lows else None,
                    None if any(h is None for h in highs) else max(highs)))
    return out


def fatalities(figures: list[tuple[int | None, int | None]]) -> tuple[int | None, int | None, int | None]:
    """UCDP-style low, best, high over every source's figure.

    low: the lowest figure any source gives; high: the highest (None when a
    source is open-ended); best: the median (rounded down) of each source's point estimate
    (its figure, or the middle of its range).

    >>> fatalities([(18, 18), (20, 25), (30, None)])
    (18, 22, None)
    """
    if not figures:
        return None, None, None
    lows = [lo for lo, _ in figures if lo is not None]
    highs = [hi for _, hi in figures]
    points = [lo if hi is None or lo is None else (lo + hi) // 2 for lo, hi in figures]
    points = [p if p is not None else hi for p, (_, hi) in zip(points, figures)]
    points = [p for p in points if p is not None]
    low = min(lows) if lows else None
    high = None if any(h is None for h in highs) else max(highs)
    best = int(statistics.median(points)) if points else None
    return low, best, high


def summarise(conn: Connection, incident_id: str) -> None:
    """Recompute one incident's row from its members (deleted when it has none)."""
    rows = conn.execute(_MEMBERS, {"iid": incident_id}).all()
    conn.execute(_DROP_INCIDENT, {"iid": incident_id})
    if not rows:
        conn.execute(delete(incident_blocks).where(incident_blocks.c.incident_id == incident_id))
        return
    counts = Counter(r.type for r in rows)
    top = max(counts.values())
    itype = min((t for t, n in counts.items() if n == top),
                key=lambda t: TYPE_ORDER.index(t) if t in TYPE_ORDER else 99)
    dated = [r for r in rows if r.day_lo is not None and r.day_hi is not None]
    lo = hi = None
    if dated:
        lo, hi = max(r.day_lo for r in dated), min(r.day_hi for r in dated)
        if lo > hi:  # day-precision slack: take the narrowest member's interval
            r = min(dated, key=lambda r: (r.day_hi - r.day_lo, r.event_key))
            lo, hi = r.day_lo, r.day_hi
    rank = settings()["precision_rank"]
    placed = [r for r in rows if r.canonical or r.lat is not None]
    place = max(placed, key=lambda r: (rank.get(r.geo_precision or "", 0), r.lat is not None),
                default=None)
    low, best, high = fatalities(_source_figures(rows))
    conn.execute(incidents.insert(), [dict(
        incident_id=incident_id, type=itype, date_start=iso_day(lo), date_end=iso_day(hi),
        day_lo=lo, day_hi=hi,
        place=(place.canonical or place.place) if place else None,
        lat=place.lat if place else None, lon=place.lon if place else None,
        country=next((r.country for r in rows if r.country), None),
        geo_precision=place.geo_precision if place else None,
        fatalities_low=low, fatalities_best=best, fatalities_high=high,
        n_events=len(rows), n_sources=len({r.doc_id for r in rows}),
    )])


def refile(conn: Connection, incident_id: str) -> None:
    """Rebuild an incident's blocking keys from its members."""
    conn.execute(delete(incident_blocks).where(incident_blocks.c.incident_id == incident_id))
    for row in conn.execute(select(events).where(events.c.incident_id == incident_id)).all():
        file_event(conn, incident_id, features_of(row))


def members(conn: Connection, incident_id: str) -> list[str]:
    return [r[0] for r in conn.execute(select(events.c.event_key).where(
        events.c.incident_id == incident_id).order_by(events.c.event_key))]


def _add_constraint(conn: Connection, kind: str, a: str, b: str) -> None:
    a, b = sorted((a, b))
    c = constraints.c
    other = "cannot" if kind == "must" else "must"
    conn.execute(delete(constraints).where(and_(c.kind == other, c.event_a == a, c.event_b == b)))
    if not conn.execute(select(c.kind).where(and_(c.kind == kind, c.event_a == a, c.event_b == b))).first():
        conn.execute(constraints.insert().values(kind=kind, event_a=a, event_b=b))


def split(conn: Connection, incident_id: str, event_keys: list[str]) -> str:
    """Move ``event_keys`` out of an incident into a new one; they never join the rest again."""
    have = members(conn, incident_id)
    if not have:
        raise StoreError(Errors.S004.format(incident=incident_id))
    for k in event_keys:
        if k not in have:
            raise StoreError(Errors.S005.format(event=k, incident=incident_id))
    moved = sorted(set(event_keys))
    rest = [k for k in have if k not in moved]
    if not rest:
        raise StoreError(Errors.S006.format(n=len(moved), total=len(have)))
    for a in moved:
        for b in rest:
            _add_constraint(conn, "cannot", a, b)
    new_id = new_incident_id("split:" + "|".join(moved))
    conn.execute(update(events).where(events.c.event_key.in_(moved)).values(
        incident_id=new_id, join_reasons=json.dumps({"joined": False, "by": "coder",
                                                     "reasons": [f"split by a coder from {incident_id}"]})))
    for inc in (incident_id, new_id):
        summarise(conn, inc)
        refile(conn, inc)
    return new_id


def merge(conn: Connection, keep: str, other: str) -> str:
    """Join incident ``other`` into ``keep``; their events stay together from now on."""
    a, b = members(conn, keep), members(conn, other)
    for inc, m in ((keep, a), (other, b)):
        if not m:
            raise StoreError(Errors.S004.format(incident=inc))
    for x in a:
        for y in b:
            _add_constraint(conn, "must", x, y)
    conn.execute(update(events).where(events.c.incident_id == other).values(
        incident_id=keep, join_reasons=json.dumps({"joined": True, "by": "coder",
                                                   "reasons": [f"merged by a coder from {other}"]})))
    summarise(conn, other)
    summarise(conn, keep)
    refile(conn, keep)
    return keep


def resolve_new(conn: Connection, row: dict[str, Any], *, corrections: bool = True) -> str:
    """Resolve a new event row, then insert it with its incident (one statement fewer than
    :func:`place_event`); the caller summarises the incidents it touched."""
    f = features_of(row)
    inc, why = assign(conn, f, corrections=corrections)
    row = dict(row, incident_id=inc, join_reasons=json.dumps(why, ensure_ascii=False, sort_keys=True))
    conn.execute(events.insert(), [row])
    file_event(conn, inc, f)
    return inc


def place_event(conn: Connection, row: dict[str, Any], *, corrections: bool = True,
                summary: bool = True) -> str:
    """Resolve one stored event (a row dict just inserted); ``summary=False`` leaves the
    incident's row for the caller to :func:`summarise` (once per document)."""
    f = features_of(row)
    inc, why = assign(conn, f, corrections=corrections)
    conn.execute(_SET_INCIDENT, {"key": f.event_key, "iid": inc,
                                 "why": json.dumps(why, ensure_ascii=False, sort_keys=True)})
    file_event(conn, inc, f)
    if summary:
        summarise(conn, inc)
    return inc


def rebuild(conn: Connection) -> int:
    """Resolve every event again, in ingest order, honouring the coders' constraints."""
    conn.execute(delete(incident_blocks))
    conn.execute(delete(incidents))
    conn.execute(update(events).values(incident_id=None, join_reasons=None))
    order = (select(events).join(documents, documents.c.doc_id == events.c.doc_id)
             .order_by(documents.c.seq, events.c.idx))
    n = 0
    corrections = has_constraints(conn)
    touched: dict[str, None] = {}
    for row in conn.execute(order).all():
        touched[place_event(conn, dict(row._mapping), corrections=corrections, summary=False)] = None
        n += 1
    for inc in touched:
        summarise(conn, inc)
    return n
