"""`--format events-csv` / `events-parquet`: rows that sit next to ACLED and UCDP data.

Records are built by hand (texts written for these tests), so no model is loaded.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from warevents.extractor.records import Processed
from warevents.io.tables import EVENT_COLUMNS, Codes, EventTable, Geo, event_id
from warevents.io.writers import make_writer
from warevents.schemas import Document

TEXT = ("On 3 May 1999, Serb paramilitaries killed 23 villagers in Meja. "
        "In mid-March 2023, rebels and government troops clashed near Goma.")

ACLED_COLUMNS = [  # the column names of an ACLED export (2023 layout), written out by hand
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]


def _event(i: str, etype: str, start: int, end: int, **kw) -> dict:
    base = {"id": i, "type": etype, "event_type": kw.pop("event_type", ""),
            "sub_event_type": kw.pop("sub_event_type", ""),
            "trigger": {"text": TEXT[start:end], "start": start, "end": end, "lemma": "x"},
            "evidence": [{"start": kw.pop("ev_start"), "end": kw.pop("ev_end"), "text": "?"}]}
    base.update(kw)
    return base


def _record(doc_id: str = "kosovo-1999") -> Document:
    meja = TEXT.index("Meja")
    goma = TEXT.index("Goma")
    second = TEXT.index("In mid-March")
    events = [
        _event("ev1", "MASSACRE", TEXT.index("killed"), TEXT.index("killed") + 6,
               event_type="Violence against civilians", sub_event_type="Attack",
               civilian_targeting=True, ev_start=0, ev_end=second - 1,
               date={"start": "1999-05-03", "end": "1999-05-03", "precision": "day"},
               location={"text": "Meja", "canonical": "Meja", "lat": 42.45, "lon": 20.31,
                         "geo_precision": "town", "span_start": meja, "span_end": meja + 4},
               perpetrators=[{"text": "Serb paramilitaries"}],
               victims=[{"text": "23 villagers"}],
               counts=[{"kind": "killed", "low": 23, "high": 23}]),
        # no ACLED fields on the record: they come from the mapping table
        _event("ev2", "BATTLE", TEXT.index("clashed"), TEXT.index("clashed") + 7,
               ev_start=second, ev_end=len(TEXT),
               date={"start": "2023-03-11", "end": "2023-03-20", "precision": "part_of_month"},
               location={"text": "Goma", "canonical": "Goma", "lat": -1.68, "lon": 29.22,
                         "geo_precision": "town", "span_start": goma, "span_end": goma + 4},
               perpetrators=[{"text": "rebels"}, {"text": "government troops"}],
               counts=[{"kind": "killed", "low": 12, "high": None},
                       {"kind": "wounded", "low": 40, "high": 40}]),
    ]
    spans = [{"label": "PLACE", "text": "Meja", "start": meja, "end": meja + 4,
              "norm": {"canonical": "Meja", "country": "XK", "lat": 42.45, "lon": 20.31}},
             {"label": "PLACE", "text": "Goma", "start": goma, "end": goma + 4,
              "norm": {"canonical": "Goma", "country": "CD", "lat": -1.68, "lon": 29.22}}]
    return Document(doc_id=doc_id, source=f"news/{doc_id}.txt", text_sha256="ab" * 32,
                    n_chars=len(TEXT), spans=spans, events=events)


@pytest.fixture(scope="module")
def table() -> EventTable:
    return EventTable()


def test_outputs_events_columns_are_exactly_the_codebook(table):
    rows = table.rows(_record(), TEXT)
    assert [list(r) for r in rows] == [EVENT_COLUMNS, EVENT_COLUMNS]
    assert len(EVENT_COLUMNS) == 32 and len(set(EVENT_COLUMNS)) == 32


def test_outputs_events_massacre_row(table):
    row = table.rows(_record(), TEXT)[0]
    assert row["event_date"] == "1999-05-03" and row["year"] == 1999
    assert (row["time_precision"], row["date_prec"]) == (1, 1)
    assert row["event_type"] == "Violence against civilians" and row["type_of_violence"] == 3
    assert (row["actor1"], row["inter1"]) == ("Serb paramilitaries", 3)
    assert (row["actor2"], row["inter2"], row["interaction"]) == ("23 villagers", 7, 37)
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["fatalities"], row["low"], row["high"]) == (23, 23, 23)
    assert row["location"] == "Meja" and (row["geo_precision"], row["where_prec"]) == (1, 1)
    assert row["notes"] == "On 3 May 1999, Serb paramilitaries killed 23 villagers in Meja."


def test_outputs_events_mapping_table_fills_missing_fields(table):
    row = table.rows(_record(), TEXT)[1]
    assert (row["event_type"], row["sub_event_type"]) == ("Battles", "Armed clash")
    assert row["type_of_violence"] == 1 and row["civilian_targeting"] is None
    # rebels as actor1, government troops associated (ACLED's assoc_actor_1)
    assert (row["actor1"], row["assoc_actor_1"], row["inter1"]) == ("rebels", "government troops", 2)
    assert row["interaction"] == 20
    # a ten-day period: ACLED's middle day, UCDP's "month" precision; best estimate = low
    assert (row["date_start"], row["date_end"], row["event_date"]) == ("2023-03-11", "2023-03-20", "2023-03-15")
    assert (row["time_precision"], row["date_prec"]) == (3, 4)
    assert (row["fatalities"], row["low"], row["high"]) == (12, 12, None)


def test_outputs_events_country_from_place_norm_and_admin_from_coordinates(table):
    row = table.rows(_record(), TEXT)[1]
    assert (row["country"], row["iso"]) == ("Democratic Republic of the Congo", 180)
    assert row["admin1"] == "Nord Kivu"
    # no country in the place norm: the reverse geocoder's
    rec = _record()
    rec.spans[1].norm = {"canonical": "Goma"}
    assert table.rows(rec, TEXT)[1]["country"] == "Democratic Republic of the Congo"


def test_outputs_events_ids_are_stable_and_globally_unique(table):
    a = [r["event_id"] for r in table.rows(_record("doc-a"), TEXT)]
    b = [r["event_id"] for r in table.rows(_record("doc-b"), TEXT)]
    assert a == [r["event_id"] for r in table.rows(_record("doc-a"), TEXT)]
    assert len(set(a + b)) == 4
    assert a[0] == event_id("doc-a", "ab" * 32, 0)


def test_outputs_events_codes_precision_and_actor_types():
    codes = Codes.load()
    assert codes.time_precision("2022-02-24", "2022-02-28") == 2
    assert codes.date_prec("2022-02-01", "2022-12-31") == 5
    assert codes.event_day("1945-01-01", "1945-12-31") == "1945-01-01"  # longer than a month: first day
    assert codes.inter("UN peacekeepers", has_unit=False) == 8
    assert codes.inter("the Kosovo Liberation Army", has_unit=True) == 2
    assert codes.inter("Marines of the 1st Division", has_unit=True) == 1
    assert codes.type_of_violence("BATTLE", 2, 3) == 2  # rebels against a militia: non-state
    assert Geo(reverse=False).lookup("UA", None, None)["iso"] == 804


def _write(fmt: str, path, records) -> None:
    with make_writer(fmt, str(path)) as writer:
        for rec in records:
            writer.write(Processed(rec, TEXT))


def test_outputs_events_csv_loads_in_pandas_and_concatenates_with_acled(tmp_path):
    pd = pytest.importorskip("pandas")
    out = tmp_path / "events.csv"
    _write("events-csv", out, [_record("doc-a"), _record("doc-b")])
    ours = pd.read_csv(out, parse_dates=["event_date"])
    assert list(ours.columns) == EVENT_COLUMNS and len(ours) == 4
    assert str(ours["event_date"].dtype).startswith("datetime64")
    assert ours["event_id"].is_unique
    acled = pd.DataFrame([{c: None for c in ACLED_COLUMNS}]).assign(
        event_date=pd.to_datetime(["2023-03-15"]), country="Ukraine", fatalities=3)
    both = pd.concat([acled, ours], ignore_index=True)
    assert len(both) == 5
    assert str(both["event_date"].dtype).startswith("datetime64")
    assert both["country"].tolist()[1:3] == ["Kosovo", "Democratic Republic of the Congo"]
    assert both["fatalities"].sum() == 3 + 2 * (23 + 12)


def test_outputs_events_parquet_has_typed_columns(tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    out = tmp_path / "events.parquet"
    _write("events-parquet", out, [_record()])
    frame = pd.read_parquet(out)
    assert list(frame.columns) == EVENT_COLUMNS
    assert str(pd.to_datetime(frame["event_date"]).iloc[0].date()) == "1999-05-03"
    assert frame["latitude"].tolist() == [42.45, -1.68]


def test_outputs_events_csv_header_only_when_no_events(tmp_path):
    out = tmp_path / "none.csv"
    _write("events-csv", out, [Document(doc_id="calm", text_sha256="0", n_chars=0)])
    assert next(csv.reader(io.StringIO(out.read_text(encoding="utf-8")))) == EVENT_COLUMNS
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    json.dumps(EVENT_COLUMNS)
