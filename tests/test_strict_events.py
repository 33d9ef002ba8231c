"""The strict event rule on small hand-made cases: a record with the wrong date, place or
actors is not a match, however much evidence it shares."""

from __future__ import annotations

from warevents.evaluation.headline import bootstrap, f1_of
from warevents.evaluation.scorer import normalise_event, strict_event_scores
from warevents.evaluation.strict import heads, match_events_strict

GOLD = {
    "event_type": "REMOTE_VIOLENCE",
    "date": {"start": "2017-11-01", "end": "2017-11-01", "precision": "day"},
    "location": "Saada",
    "perpetrators": ["Saudi-led coalition"],
    "victims": "people",
    "counts": {"killed": {"low": 26, "high": None}},
    "evidence": [[0, 120]],
}


def _pred(**changes):
    pred = {"type": "REMOTE_VIOLENCE", "date": dict(GOLD["date"]),
            "location": {"text": "Saada", "canonical": "Sa'dah"},
            "perpetrators": ["the Saudi-led coalition"], "victims": ["26 people"],
            "counts": [{"kind": "killed", "low": 26, "high": None}],
            "evidence": [{"start": 10, "end": 90}]}
    pred.update(changes)
    return normalise_event(pred)


def _strict(pred):
    return match_events_strict([normalise_event(GOLD)], [pred])


def test_a_right_record_matches():
    assert _strict(_pred()) == [(0, 0)]


def test_wrong_date_is_not_a_match():
    assert _strict(_pred(date={"start": "2017-10-30", "end": "2017-10-30"})) == []


def test_missing_date_is_not_a_match_when_gold_has_one():
    assert _strict(_pred(date=None)) == []


def test_wrong_place_is_not_a_match():
    assert _strict(_pred(location={"text": "Sanaa"})) == []


def test_place_within_25_km_matches_by_coordinates():
    near = _pred(location={"text": "Saada city centre", "lat": 16.94, "lon": 43.76})
    assert _strict(near) == [(0, 0)]


def test_wrong_type_is_not_a_match():
    assert _strict(_pred(type="MASSACRE")) == []


def test_actors_must_share_a_head_noun():
    assert _strict(_pred(perpetrators=["Houthi rebels"], victims=["hotel"])) == []
    assert _strict(_pred(perpetrators=[], victims=["civilians and people"])) == [(0, 0)]


def test_heads_take_the_last_word_of_each_conjunct():
    assert heads("Japanese women and children") == {"women", "children"}
    assert heads("soldiers of the 39th Army") == {"soldier"}


def test_strict_scores_count_fields_only_on_strict_matches():
    gold = [normalise_event(GOLD)]
    out = strict_event_scores([gold, gold], [[_pred()], [_pred(location={"text": "Sanaa"})]])
    assert out["detection"]["tp"] == 1 and out["detection"]["fn"] == 1
    assert out["fields"]["killed"]["n"] == 1


def test_bootstrap_interval_contains_the_value_and_is_seeded():
    rows = [{"tp": 3, "fp": 1, "fn": 0}, {"tp": 1, "fp": 0, "fn": 2}, {"tp": 2, "fp": 2, "fn": 1}]
    a, b = bootstrap(rows, f1_of), bootstrap(rows, f1_of)
    assert a == b
    assert a["ci95"][0] <= a["value"] <= a["ci95"][1]
