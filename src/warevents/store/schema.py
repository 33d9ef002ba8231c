"""The registry's tables (SQLAlchemy Core) and its versioned migrations.

The schema version lives in ``meta`` (key ``schema_version``). :func:`migrate`
brings any older database up to :data:`SCHEMA_VERSION`, one step per version,
each step in its own transaction; a database newer than the code is refused.

>>> [v for v, _ in MIGRATIONS]
[1, 2]
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Column,
    Double,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    select,
    text,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from .errors import Errors, StoreError

metadata = MetaData()

meta = Table("meta", metadata, Column("key", String(64), primary_key=True), Column("value", Text))

documents = Table(
    "documents", metadata,
    Column("doc_id", String(512), primary_key=True),
    Column("text_sha256", String(64), nullable=False),
    Column("seq", Integer, nullable=False, index=True),  # ingest order
    Column("source", Text),
    Column("doc_date", String(32)),
    Column("n_chars", Integer),
    Column("error", Text),
)

spans = Table(
    "spans", metadata,
    Column("doc_id", String(512), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("label", String(32), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("norm", Text),
    PrimaryKeyConstraint("doc_id", "idx"),
)


def _event_columns() -> list[Column]:
    """The v1 columns of ``events`` (fresh objects: one table per MetaData)."""
    return [
        Column("event_key", String(600), primary_key=True),  # doc_id '#' event id
        Column("doc_id", String(512), nullable=False, index=True),
        Column("idx", Integer, nullable=False),
        Column("type", String(32), nullable=False),
        Column("event_type", String(64)),
        Column("sub_event_type", String(64)),
        Column("date_start", String(32)),
        Column("date_end", String(32)),
        Column("precision", String(32)),
        Column("day_lo", Integer),
        Column("day_hi", Integer),
        Column("place", Text),
        Column("canonical", Text),
        Column("lat", Double),
        Column("lon", Double),
        Column("country", String(8)),
        Column("geo_precision", String(16)),
        Column("perpetrators", Text),  # JSON list of texts
        Column("victims", Text),
        Column("sides", Text),  # JSON {"perpetrators": [...], "victims": [...]}
        Column("killed_low", Integer),
        Column("killed_high", Integer),
        Column("evidence", Text),  # JSON list of sentences
        Column("record", Text, nullable=False),  # the event as extracted (JSON)
        Column("incident_id", String(32), index=True),
        Column("join_reasons", Text),  # JSON: why it joined its incident
    ]


V2_EVENT_COLUMNS = ("type_of_violence", "civilian_targeting")
events = Table(
    "events", metadata, *_event_columns(),
    *(Column(name, Integer) for name in V2_EVENT_COLUMNS),
)

incidents = Table(
    "incidents", metadata,
    Column("incident_id", String(32), primary_key=True),
    Column("type", String(32)),
    Column("date_start", String(32)),
    Column("date_end", String(32)),
    Column("day_lo", Integer, index=True),
    Column("day_hi", Integer),
    Column("place", Text),
    Column("lat", Double),
    Column("lon", Double),
    Column("country", String(8)),
    Column("geo_precision", String(16)),
    Column("fatalities_low", Integer),
    Column("fatalities_best", Integer),
    Column("fatalities_high", Integer),
    Column("n_events", Integer),
    Column("n_sources", Integer),
)

incident_blocks = Table(
    "incident_blocks", metadata,
    Column("block_key", String(200), nullable=False),
    Column("incident_id", String(32), nullable=False),
    PrimaryKeyConstraint("block_key", "incident_id"),
    Index("ix_incident_blocks_incident", "incident_id"),
)

constraints = Table(
    "constraints", metadata,
    Column("kind", String(8), nullable=False),  # 'must' | 'cannot'
    Column("event_a", String(600), nullable=False),
    Column("event_b", String(600), nullable=False),
    PrimaryKeyConstraint("kind", "event_a", "event_b"),
)

def _v1(conn: Connection) -> None:
    v1_events = Table("events", MetaData(), *_event_columns())
    for table in (meta, documents, spans, v1_events, incidents, incident_blocks, constraints):
        table.create(conn, checkfirst=True)


def _v2(conn: Connection) -> None:
    # Optional event fields added by newer event layers (ACLED-style violence typing).
    # v1 never had them; no reflection here (not every dialect supports it).
    for name in V2_EVENT_COLUMNS:
        conn.execute(text(f"ALTER TABLE events ADD COLUMN {name} INTEGER"))


MIGRATIONS: list[tuple[int, Callable[[Connection], None]]] = [(1, _v1), (2, _v2)]
SCHEMA_VERSION = MIGRATIONS[-1][0]

def schema_version(conn: Connection) -> int:
    """The version recorded in the database (0: empty database)."""
    try:
        row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
    except DBAPIError:  # no meta table yet
        conn.rollback()
        return 0
    return int(row[0]) if row else 0


def migrate(engine: Engine, target: int = SCHEMA_VERSION) -> int:
    """Bring the database to ``target``; return the version it had before."""
    with engine.connect() as conn:
        found = schema_version(conn)
    if found > SCHEMA_VERSION:
        raise StoreError(Errors.S002.format(found=found, known=SCHEMA_VERSION))
    for version, step in MIGRATIONS:
        if found < version <= target:
            with engine.begin() as conn:
                step(conn)
                conn.execute(meta.delete().where(meta.c.key == "schema_version"))
                conn.execute(meta.insert().values(key="schema_version", value=str(version)))
    return found
