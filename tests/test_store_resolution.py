"""Cross-document incident resolution: what joins, what stays apart, why, and a coder's corrections."""

from __future__ import annotations

import pytest

from warevents.store import Store
from warevents.store.synthetic import event, record

KRAM = (48.731, 37.568)
SLOVIANSK = (48.852, 37.605)  # 14 km from Kramatorsk
KHARKIV = (49.993, 36.231)


def _station(doc: str, killed: int, day: str = "2022-04-08", **kw) -> dict:
    kw.setdefault("perpetrator", "Russian forces")
    return record(doc, [event(kw.pop("type_", "MASSACRE"), day, kw.pop("place", "Kramatorsk"),
                              *kw.pop("at", KRAM), killed=killed, **kw)])


@pytest.fixture
def st(tmp_path):
    return Store(str(tmp_path / "r.db"))


def _groups(st: Store) -> list[list[str]]:
    return sorted(sorted(k.split("#")[0] for k in keys) for keys in st.clusters().values())


def test_store_three_reports_of_one_strike_make_one_incident_with_every_figure(st):
    st.ingest_records([
        _station("wiki", 61, killed_high=63),
        _station("voa", 50, day="2022-04-09", type_="KILLING"),  # filed the next day
        _station("un", 59, place="Kramatorsk railway station", at=(48.7365, 37.5845), geo="site"),
    ])
    (inc,) = st.incidents()
    assert inc["n_sources"] == 3
    assert (inc["fatalities_low"], inc["fatalities_best"], inc["fatalities_high"]) == (50, 59, 63)
    assert inc["type"] == "MASSACRE" and inc["date_start"] == "2022-04-08"
    assert inc["place"] == "Kramatorsk railway station"  # the most precise place
    assert {s["killed_low"] for s in inc["sources"]} == {50, 59, 61}
    reasons = inc["sources"][1]["join"]
    assert reasons["joined"] and reasons["by"] == "rules"
    why = reasons["with"]["wiki#ev1"]
    assert "types KILLING~MASSACRE compatible" in why[0] or "types MASSACRE~KILLING compatible" in why[0]
    assert any("same place 'kramatorsk'" in w for w in why)
    assert "actors agree: ['RU']" in why


def test_store_same_day_strikes_in_other_towns_stay_apart(st):
    st.ingest_records([_station("a", 61), _station("b", 12, place="Kharkiv", at=KHARKIV),
                       _station("c", 3, place="Sloviansk", at=SLOVIANSK)])
    # Sloviansk is only 14 km away, but two different towns are two places
    assert _groups(st) == [["a"], ["b"], ["c"]]


def test_store_a_site_joins_the_town_it_lies_in_and_a_town_under_another_name(st):
    st.ingest_records([_station("a", 61), _station("b", 60, place="Kramatorsk station",
                                                   at=(48.7365, 37.5845), geo="site"),
                       _station("c", 61, place="Kramatorske", at=(48.73, 37.57))])
    assert _groups(st) == [["a", "b", "c"]]


def test_store_places_further_than_the_precision_allows_stay_apart(st):
    st.ingest_records([_station("a", 61, geo="site"), _station("b", 3, place="Sloviansk", at=SLOVIANSK, geo="site")])
    assert _groups(st) == [["a"], ["b"]]


def test_store_dates_more_than_a_day_apart_stay_apart(st):
    st.ingest_records([_station("a", 61), _station("b", 61, day="2022-04-11")])
    assert _groups(st) == [["a"], ["b"]]


def test_store_a_month_precise_report_joins_a_day_precise_one(st):
    st.ingest_records([_station("a", 61), _station("b", 60, day="2022-04-01", end="2022-04-30",
                                                   precision="month")])
    assert _groups(st) == [["a", "b"]]


def test_store_conflicting_perpetrators_stay_apart(st):
    st.ingest_records([_station("a", 20, place="Donetsk", at=(48.0159, 37.8028)),
                       _station("b", 20, place="Donetsk", at=(48.0159, 37.8028),
                                perpetrator="Ukrainian artillery")])
    assert _groups(st) == [["a"], ["b"]]
    (b,) = [r for r in st.incidents() if r["sources"][0]["doc_id"] == "b"]
    assert b["sources"][0]["join"]["reasons"] == ["first report: no compatible incident before it"]


def test_store_incompatible_types_stay_apart(st):
    st.ingest_records([_station("a", 61), _station("b", 0, type_="ABDUCTION")])
    assert _groups(st) == [["a"], ["b"]]


def test_store_country_level_reports_join_only_each_other(st):
    ua = dict(place="Ukraine", at=(49.0, 32.0), geo="country")
    recs = [_station("a", 61), _station("b", 5, **ua), _station("c", 7, **ua)]
    for r in recs[1:]:
        r["spans"] = [{"label": "PLACE", "text": "Ukraine", "start": 0, "end": 7, "norm": {"country": "UA"}}]
        r["events"][0]["location"].update(span_start=0, end=None, span_end=7)
        r["events"][0]["location"].pop("end")
    st.ingest_records(recs)
    assert _groups(st) == [["a"], ["b", "c"]]


def test_store_events_without_a_date_stay_alone(st):
    st.ingest_records([_station("a", 61), record("b", [event("MASSACRE", None, "Kramatorsk", *KRAM)])])
    assert _groups(st) == [["a"], ["b"]]


def test_store_events_of_one_document_join_only_from_the_same_sentence(st):
    s = "A missile killed 61 and wounded 121 in Kramatorsk."
    one = event("MASSACRE", "2022-04-08", "Kramatorsk", *KRAM, killed=61, sentence=s)
    two = event("OTHER_VIOLENCE", "2022-04-08", "Kramatorsk", *KRAM, sentence=s, ev_id="ev2")
    later = event("MASSACRE", "2022-04-08", "Kramatorsk", *KRAM, killed=3, ev_id="ev3",
                  sentence="Another strike killed 3 in Kramatorsk.", offset=60)
    st.ingest_records([record("d", [one, two, later])])
    assert sorted(sorted(v) for v in st.clusters().values()) == [["d#ev1", "d#ev2"], ["d#ev3"]]


def test_store_a_coders_split_survives_rebuild_and_reingest(st):
    st.ingest_records([_station("a", 61), _station("b", 50), _station("c", 59)])
    (inc,) = st.incidents()
    new = st.split(inc["incident_id"], ["c#ev1"])
    assert _groups(st) == [["a", "b"], ["c"]]
    assert new in st.clusters()
    st.rebuild()
    assert _groups(st) == [["a", "b"], ["c"]]
    st.ingest_records([_station("c", 58)])  # the document changed and comes again
    assert _groups(st) == [["a", "b"], ["c"]]


def test_store_a_coders_merge_survives_rebuild(st):
    st.ingest_records([_station("a", 61), _station("b", 61, day="2022-04-20")])
    ids = sorted(st.clusters())
    st.merge(ids[0], ids[1])
    assert _groups(st) == [["a", "b"]]
    st.rebuild()
    assert _groups(st) == [["a", "b"]]
    (inc,) = st.incidents()
    assert any("merged by a coder" in r for s in inc["sources"] for r in s["join"].get("reasons", []))


def test_store_split_checks_its_arguments(st):
    st.ingest_records([_station("a", 61), _station("b", 50)])
    (inc,) = st.incidents()
    with pytest.raises(ValueError, match="S005"):
        st.split(inc["incident_id"], ["zzz#ev1"])
    with pytest.raises(ValueError, match="S006"):
        st.split(inc["incident_id"], ["a#ev1", "b#ev1"])
    with pytest.raises(ValueError, match="S004"):
        st.split("Inope", ["a#ev1"])
