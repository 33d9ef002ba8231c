"""``Store``: the registry from Python (the CLI commands are thin wrappers over it).

>>> st = Store(":memory:")  # doctest: +SKIP
>>> st.ingest(["out/corpus.jsonl"])  # doctest: +SKIP
>>> import pandas as pd; pd.DataFrame(st.incidents(type="MASSACRE"))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select

from . import incidents as inc
from .db import open_engine
from .ingest import IngestSummary, ingest_paths, store_record
from .query import Filters, query_incidents, render
from .schema import SCHEMA_VERSION, metadata, migrate, schema_version


class Store:
    """An incident registry in SQLite (a path), DuckDB or PostgreSQL (a URL).

    Opening creates the schema or migrates an older one to :data:`SCHEMA_VERSION`.
    """

    def __init__(self, db: str, *, migrate_schema: bool = True) -> None:
        self.db = db
        if db == ":memory:":
            # one shared in-memory database for every connection of this Store
            from sqlalchemy import create_engine
            from sqlalchemy.pool import StaticPool

            self.engine = create_engine("sqlite://", poolclass=StaticPool,
                                        connect_args={"check_same_thread": False})
        else:
            self.engine = open_engine(db)
        if migrate_schema:
            migrate(self.engine)

    # ---------------------------------------------------------------- writing
    def ingest(self, paths: list[str], *, model: str | None = None, base_model: str | None = None,
               on_doc: Callable[[str, str], None] | None = None) -> IngestSummary:
        """Store files, folders and record files; one transaction per document."""
        return ingest_paths(self.engine, paths, model=model, base_model=base_model, on_doc=on_doc)

    def ingest_records(self, records: Iterable[dict[str, Any]]) -> IngestSummary:
        """Store record dicts (``Document.model_dump()``), one transaction each."""
        summary = IngestSummary()
        for rec in records:
            status = store_record(self.engine, rec)
            setattr(summary, status, getattr(summary, status) + 1)
            summary.events += 0 if status == "skipped" else len(rec.get("events") or [])
        return summary

    def split(self, incident_id: str, event_keys: list[str]) -> str:
        """Move events out of an incident into a new one (a coder's correction); returns its id."""
        with self.engine.begin() as conn:
            return inc.split(conn, incident_id, event_keys)

    def merge(self, keep: str, other: str) -> str:
        """Join incident ``other`` into ``keep`` (a coder's correction)."""
        with self.engine.begin() as conn:
            return inc.merge(conn, keep, other)

    def rebuild(self) -> int:
        """Resolve every stored event again (coders' corrections kept); returns the event count."""
        with self.engine.begin() as conn:
            return inc.rebuild(conn)

    # ---------------------------------------------------------------- reading
    def incidents(self, *, date_from: str | None = None, date_to: str | None = None,
                  near: str | None = None, km: float = 25.0, country: str | None = None,
                  actor: str | None = None, type: str | None = None,
                  min_killed: int | None = None) -> list[dict[str, Any]]:
        """Incident rows (plain dicts, ``pandas.DataFrame(rows)`` ready) with their sources."""
        f = Filters(date_from, date_to, near, km, country, actor, type, min_killed)
        with self.engine.connect() as conn:
            return query_incidents(conn, f)

    def query(self, fmt: str = "table", **filters: Any) -> str:
        """:meth:`incidents` rendered as table, csv, jsonl or events-csv text."""
        return render(self.incidents(**filters), fmt)

    def clusters(self) -> dict[str, list[str]]:
        """Incident id -> its event keys."""
        from .schema import events

        out: dict[str, list[str]] = {}
        with self.engine.connect() as conn:
            for key, iid in conn.execute(select(events.c.event_key, events.c.incident_id)
                                         .order_by(events.c.event_key)):
                out.setdefault(iid, []).append(key)
        return out

    def dump(self) -> dict[str, list[tuple]]:
        """Every table's rows, sorted: two registries are equal when their dumps are."""
        out = {}
        with self.engine.connect() as conn:
            for name, table in sorted(metadata.tables.items()):
                rows = conn.execute(select(table)).all()
                out[name] = sorted((tuple(r) for r in rows), key=repr)
        return out

    @property
    def version(self) -> int:
        with self.engine.connect() as conn:
            return schema_version(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["SCHEMA_VERSION", "Store"]
