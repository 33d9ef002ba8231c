"""Ingest into the registry: schema versions, idempotence, replacement, crash safety (SQLite)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from warevents.store import Store
from warevents.store.schema import SCHEMA_VERSION, migrate
from warevents.store.synthetic import event, record


def _write(path: Path, records: list[dict]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _kramatorsk(doc: str, killed: int, day: str = "2022-04-08") -> dict:
    return record(doc, [event("MASSACRE", day, "Kramatorsk", 48.731, 37.568, killed=killed,
                              perpetrator="Russian forces",
                              sentence=f"A missile hit the station in Kramatorsk, killing {killed}.")])


def test_store_new_database_gets_the_latest_schema(tmp_path):
    st = Store(str(tmp_path / "r.db"))
    assert st.version == SCHEMA_VERSION
    cols = {c["name"] for c in inspect(st.engine).get_columns("events")}
    assert {"incident_id", "join_reasons", "type_of_violence", "civilian_targeting"} <= cols


def test_store_migrates_a_version_1_database_keeping_its_rows(tmp_path):
    db = str(tmp_path / "old.db")
    st = Store(db, migrate_schema=False)
    migrate(st.engine, target=1)
    assert st.version == 1
    assert "civilian_targeting" not in {c["name"] for c in inspect(st.engine).get_columns("events")}
    with st.engine.begin() as conn:  # a row written by version 1 of the tool
        from warevents.store.schema import documents

        conn.execute(documents.insert().values(doc_id="old", text_sha256="0" * 64, seq=1))
    st.close()
    st = Store(db)
    assert st.version == SCHEMA_VERSION
    assert st.dump()["documents"][0][0] == "old"


def test_store_refuses_a_database_from_a_newer_tool(tmp_path):
    db = str(tmp_path / "new.db")
    Store(db).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    con.commit()
    con.close()
    with pytest.raises(ValueError, match="S002"):
        Store(db)


def test_store_ingest_twice_gives_the_same_database(tmp_path):
    recs = [_kramatorsk("voa", 50), _kramatorsk("wiki", 61)]
    path = _write(tmp_path / "recs.jsonl", recs)
    st = Store(str(tmp_path / "r.db"))
    first = st.ingest([path])
    dump = st.dump()
    second = st.ingest([path])
    assert (first.added, second.added, second.skipped) == (2, 0, 2)
    assert st.dump() == dump


def test_store_changed_text_replaces_the_document_and_its_events(tmp_path):
    st = Store(str(tmp_path / "r.db"))
    st.ingest_records([_kramatorsk("voa", 50), _kramatorsk("wiki", 61)])
    (inc,) = st.incidents()
    assert (inc["fatalities_low"], inc["fatalities_high"]) == (50, 61)
    summary = st.ingest_records([_kramatorsk("voa", 52)])
    assert summary.replaced == 1
    (inc,) = st.incidents()
    assert (inc["fatalities_low"], inc["fatalities_high"], inc["n_sources"]) == (52, 61, 2)


def test_store_tolerates_new_optional_event_fields(tmp_path):
    ev = event("KILLING", "2023-10-07", "Be'eri", 31.42, 34.49, killed=100,
               type_of_violence=3, civilian_targeting=True, some_future_field={"x": 1})
    st = Store(str(tmp_path / "r.db"))
    st.ingest_records([record("d", [ev])])
    (inc,) = st.incidents()
    assert inc["place"] == "Be'eri" and inc["fatalities_best"] == 100


def test_store_bad_record_lines_are_reported_and_the_rest_stored(tmp_path):
    path = tmp_path / "recs.jsonl"
    good = json.dumps(_kramatorsk("wiki", 61))
    path.write_text(good + "\n{not json\n" + json.dumps({"doc_id": "x"}) + "\n", encoding="utf-8")
    summary = Store(str(tmp_path / "r.db")).ingest([str(path)])
    assert summary.added == 1
    assert [m[:6] for m in summary.errors] == ["[S003]", "[S003]"]
    assert ":2:" in summary.errors[0] and ":3:" in summary.errors[1]


# kill -9 mid-ingest: tests/test_store_backends.py (SQLite, PostgreSQL)
