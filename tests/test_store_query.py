"""Queries over the registry: filters, formats, pandas-ready rows and the CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from warevents.cli import app
from warevents.store import Store
from warevents.store.synthetic import event, record


def _recs() -> list[dict]:
    return [
        record("wiki-kram", [event("MASSACRE", "2022-04-08", "Kramatorsk", 48.731, 37.568, killed=61,
                                   perpetrator="Russian forces", victims="civilians")]),
        record("voa-kram", [event("KILLING", "2022-04-08", "Kramatorsk", 48.731, 37.568, killed=50,
                                  perpetrator="a Russian missile")]),
        record("voa-khar", [event("REMOTE_VIOLENCE", "2022-04-16", "Kharkiv", 49.993, 36.231,
                                  killed=3, perpetrator="Russian shelling")]),
        record("un-gaza", [event("KILLING", "2023-10-17", "Gaza City", 31.5, 34.467, killed=471,
                                 killed_high=500, perpetrator="=cmd|' /C calc'!A0")]),
    ]


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "r.db")
    Store(path).ingest_records(_recs())
    return path


def _ids_by_doc(rows) -> list[list[str]]:
    return [sorted(s["doc_id"] for s in r["sources"]) for r in rows]


def test_store_query_filters(db):
    st = Store(db)
    assert _ids_by_doc(st.incidents()) == [["voa-kram", "wiki-kram"], ["voa-khar"], ["un-gaza"]]
    assert _ids_by_doc(st.incidents(date_from="2022-04-10", date_to="2022-12-31")) == [["voa-khar"]]
    assert _ids_by_doc(st.incidents(near="Kramatorsk", km=50)) == [["voa-kram", "wiki-kram"]]
    assert _ids_by_doc(st.incidents(near="49.99,36.23", km=5)) == [["voa-khar"]]
    assert _ids_by_doc(st.incidents(type="remote_violence")) == [["voa-khar"]]
    assert _ids_by_doc(st.incidents(min_killed=100)) == [["un-gaza"]]
    assert _ids_by_doc(st.incidents(actor="shelling")) == [["voa-khar"]]


def test_store_query_country_comes_from_the_place_span(tmp_path):
    rec = record("d", [event("KILLING", "2022-04-08", "Kramatorsk", 48.731, 37.568, killed=61)])
    rec["spans"] = [{"label": "PLACE", "text": "Kramatorsk", "start": 0, "end": 10,
                     "norm": {"canonical": "Kramatorsk", "country": "UA"}}]
    rec["events"][0]["location"].update(span_start=0, span_end=10)
    st = Store(str(tmp_path / "r.db"))
    st.ingest_records([rec])
    assert len(st.incidents(country="ua")) == 1 and st.incidents(country="RU") == []


def test_store_rows_load_into_pandas(db):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(Store(db).incidents())
    assert list(frame["fatalities_best"]) == [55, 3, 485]
    assert frame.loc[0, "n_sources"] == 2


def test_store_near_an_unknown_place_is_a_coded_error(db):
    with pytest.raises(ValueError, match="S007"):
        Store(db).incidents(near="Nowhereville-on-Sea")


def test_store_query_cli_formats(db):
    runner = CliRunner()
    out = runner.invoke(app, ["query", "--db", db, "--format", "jsonl", "--country", "", "--min-killed", "50"])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["fatalities_best"] for r in rows] == [55, 485]
    assert rows[0]["sources"][0]["evidence"]
    out = runner.invoke(app, ["query", "--db", db, "--format", "csv"])
    table = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [t["sources"] for t in table] == ["voa-kram; wiki-kram", "voa-khar", "un-gaza"]
    assert table[2]["actors"].startswith("'=")  # a spreadsheet formula is defused
    out = runner.invoke(app, ["query", "--db", db, "--format", "events-csv", "--type", "MASSACRE"])
    (row,) = list(csv.DictReader(io.StringIO(out.stdout)))
    assert (row["event_date"], row["location"], row["fatalities_low"], row["fatalities_high"]) == (
        "2022-04-08", "Kramatorsk", "50", "61")
    assert row["source"] == "wiki-kram.txt; voa-kram.txt"
    out = runner.invoke(app, ["query", "--db", db])
    assert "Kramatorsk" in out.stdout and "50/55/61" in out.stdout
    out = runner.invoke(app, ["query", "--db", db, "--format", "xml"])
    assert out.exit_code == 2 and "S008" in out.output


def test_store_incidents_cli_show_split_merge(db):
    runner = CliRunner()
    (inc,) = [r for r in Store(db).incidents() if len(r["sources"]) == 2]
    out = runner.invoke(app, ["incidents", "show", inc["incident_id"], "--db", db])
    assert out.exit_code == 0 and json.loads(out.stdout)["n_sources"] == 2
    out = runner.invoke(app, ["incidents", "split", inc["incident_id"], "voa-kram#ev1", "--db", db])
    assert out.exit_code == 0, out.output
    new = out.stdout.strip()
    assert len(Store(db).incidents()) == 4
    out = runner.invoke(app, ["incidents", "merge", inc["incident_id"], new, "--db", db])
    assert out.exit_code == 0 and len(Store(db).incidents()) == 3
    out = runner.invoke(app, ["incidents", "split", "Inope", "x#ev1", "--db", db])
    assert out.exit_code == 2 and "S004" in out.output


def test_store_readme_example_runs_as_written(tmp_path, monkeypatch):
    pytest.importorskip("pandas")
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Incident registry\n"):]
    section = section[: section.index("\n## ", 1)]
    (block,) = re.findall(r"```python\n(.*?)```", section, re.S)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    recs = _recs()
    recs[0]["spans"] = [{"label": "PLACE", "text": "Kramatorsk", "start": 0, "end": 10,
                         "norm": {"country": "UA"}}]
    recs[0]["events"][0]["location"].update(span_start=0, span_end=10)
    (tmp_path / "out" / "seeds.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs),
                                                  encoding="utf-8")
    namespace: dict = {}
    exec(compile(block, "README.md#incident-registry", "exec"), namespace)  # noqa: S102
    assert list(namespace["frame"]["fatalities_best"]) == [55]
