"""Opening a registry database: a file path means SQLite; URLs go to SQLAlchemy.

>>> database_url("events.db").startswith("sqlite:///")
True
>>> database_url("postgresql://u@h/db")
'postgresql+psycopg://u@h/db'
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from .errors import Errors, StoreError


def database_url(db: str) -> str:
    """SQLAlchemy URL for ``--db``: a plain path is an SQLite file; PostgreSQL uses psycopg 3."""
    if "://" not in db:
        return "sqlite:///" + str(Path(db).expanduser().resolve())
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    return db


def open_engine(db: str) -> Engine:
    url = database_url(db)
    try:
        engine = create_engine(url, future=True)
    except Exception as exc:  # unknown dialect, missing driver
        raise StoreError(Errors.S001.format(url=db, reason=exc)) from exc
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:
            # WAL: readers never block the writer; NORMAL is durable against a killed process
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

    return engine
