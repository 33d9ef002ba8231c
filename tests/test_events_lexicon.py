"""The event layer's word lists are data files, read once."""

from __future__ import annotations

import pytest

from warevents.events.lexicon import feature_levels, number_qualifiers, precision_rank, word_list
from warevents.events.linking import geo_precision


def test_events_lexicon_lists_load_and_are_immutable():
    assert {"they", "who", "itself"} <= word_list("event_linking", "pronoun")
    assert "appos" in word_list("event_linking", "phrase_right_dep", "dep")
    assert number_qualifiers()["least"] == "at least"
    assert "massacre" in word_list("event_merging", "name_stop")
    assert word_list("event_merging", "place_stop") is word_list("event_merging", "place_stop")  # cached
    with pytest.raises(TypeError):
        number_qualifiers()["over"] = "x"  # type: ignore[index]


@pytest.mark.parametrize("feature,lat,expected", [
    ("PCLI", None, "country"), ("camp", None, "site"), ("ADM1", None, "region"), ("PPL", None, "town"),
    ("", 40.0, "town"), ("", None, None),
    ("country school", None, "country"),  # the levels are tested in their data order: country first
])
def test_events_lexicon_geo_precision(feature, lat, expected):
    assert geo_precision({"feature": feature, "lat": lat}) == expected


def test_events_lexicon_precision_rank_orders_finer_first():
    rank = precision_rank()
    assert rank["site"] < rank["town"] < rank["region"] < rank["country"] < rank[None]
    assert [level for level, _ in feature_levels()] == ["country", "site", "region", "town"]
