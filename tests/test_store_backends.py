"""The same registry tests on SQLite, DuckDB and a real PostgreSQL server started here.

PostgreSQL runs from the machine's own server binaries (``initdb``/``pg_ctl``) in a
temporary directory, as the ``postgres`` user when the tests run as root; the
tests skip with the reason only when no server binary or driver exists.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

import pytest

from warevents.store import Store
from warevents.store.synthetic import corpus, event, record


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    hits = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return hits[-1] if hits else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def pg_server():
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) on this machine")
    pytest.importorskip("psycopg", reason="psycopg 3 is not installed (pip install -e '.[store]')")
    base = tempfile.mkdtemp(prefix="warevents-pg-")
    os.chmod(base, 0o755)
    data = os.path.join(base, "data")
    prefix: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        runuser = shutil.which("runuser")
        if not runuser:
            pytest.skip("running as root and no runuser to start PostgreSQL as another user")
        prefix = [runuser, "-u", "postgres", "--"]
        shutil.chown(base, user="postgres")
    port = _free_port()
    subprocess.run(prefix + [initdb, "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8"],
                   check=True, capture_output=True)
    subprocess.run(prefix + [pg_ctl, "-D", data, "-l", os.path.join(base, "log"), "-w", "-o",
                             f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off",
                             "start"], check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(prefix + [pg_ctl, "-D", data, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


_N = iter(range(10**6))


@pytest.fixture(params=["sqlite", "duckdb", "postgresql"])
def make_db(request, tmp_path):
    """A function giving the URL of a new, empty registry on the parametrised backend."""
    if request.param == "sqlite":
        return lambda: str(tmp_path / f"r{next(_N)}.db")
    if request.param == "duckdb":
        pytest.importorskip("duckdb_engine", reason="duckdb-engine is not installed (pip install -e '.[store]')")
        return lambda: f"duckdb:///{tmp_path}/r{next(_N)}.duckdb"
    server = request.getfixturevalue("pg_server")
    import psycopg

    def new() -> str:
        name = f"t{os.getpid()}_{next(_N)}"
        with psycopg.connect(server + "/postgres", autocommit=True) as con:
            con.execute(f"CREATE DATABASE {name}")
        return f"{server}/{name}"

    return new


def test_store_backends_ingest_twice_and_resolve_the_same(make_db):
    recs = corpus(200, seed=5, days=20)
    a = Store(make_db())
    a.ingest_records(recs)
    dump = a.dump()
    a.ingest_records(recs)
    assert a.dump() == dump
    ref = Store(":memory:")
    ref.ingest_records(recs)
    assert dump == ref.dump()  # every backend gives the SQLite database, row for row


def test_store_backends_query_and_corrections(make_db):
    st = Store(make_db())
    st.ingest_records([
        record("wiki", [event("MASSACRE", "2022-04-08", "Kramatorsk", 48.731, 37.568, killed=61)]),
        record("voa", [event("KILLING", "2022-04-08", "Kramatorsk", 48.731, 37.568, killed=50)]),
        record("khar", [event("KILLING", "2022-04-16", "Kharkiv", 49.993, 36.231, killed=3)]),
    ])
    rows = st.incidents(near="Kramatorsk", km=20, min_killed=10, date_from="2022-04-01")
    assert [(r["n_sources"], r["fatalities_best"]) for r in rows] == [(2, 55)]
    new = st.split(rows[0]["incident_id"], ["voa#ev1"])
    assert len(st.incidents()) == 3
    st.merge(rows[0]["incident_id"], new)
    st.rebuild()
    assert len(st.incidents()) == 2


@pytest.mark.slow
def test_store_backends_kill_9_mid_ingest_then_ingest_again(make_db, tmp_path):
    import json

    path = tmp_path / "recs.jsonl"
    recs = corpus(800, seed=9)
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    cmd = [sys.executable, "-m", "warevents", "ingest", str(path), "--quiet", "--db"]
    whole, killed = make_db(), make_db()
    if whole.startswith("duckdb"):
        pytest.skip("DuckDB allows one writing process at a time: the progress probe cannot read it")
    subprocess.run(cmd + [whole], check=True, capture_output=True)
    proc = subprocess.Popen(cmd + [killed], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    from sqlalchemy import func, select

    from warevents.store.schema import documents

    probe = Store(killed, migrate_schema=False)
    n = 0
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            with probe.engine.connect() as conn:
                n = conn.execute(select(func.count()).select_from(documents)).scalar()
        except Exception:  # schema not created yet
            continue
        if n >= 5:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "ingest finished before it could be killed"
    assert 0 < n < len(recs)
    subprocess.run(cmd + [killed], check=True, capture_output=True)
    assert Store(killed).dump() == Store(whole).dump()
