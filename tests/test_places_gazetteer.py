"""PLACE: GeoNames countries and admin units, norms (country, admin1, feature class), names
inside organisations and credits, directions, unknown names in place slots.

New sentences written for these tests (Sahel, Great Lakes, Levant, Ukraine, Gulf, sport).
"""

from __future__ import annotations

from test_places import _places, assert_places


def test_places_gazetteer_country_names_and_aliases(nlp):
    assert_places(
        nlp,
        "Refugees fled the <PLACE country='CD' feature='country'>Democratic "
        "Republic of the Congo</PLACE> for <PLACE country='UG'>Uganda</PLACE>; aid reached the "
        "<PLACE country='CD'>DRC</PLACE> and <PLACE country='NE'>Niger</PLACE> by road.",
    )


def test_places_gazetteer_admin_heads_and_unknown_names_before_their_region(nlp):
    assert_places(
        nlp,
        "Gunmen killed nine villagers in <PLACE source='ner' feature='settlement'>Tin-Goara"
        "</PLACE>, <PLACE feature='admin'>Tillabéri Region</PLACE>, "
        "<PLACE country='NE'>Niger</PLACE>, and in <PLACE feature='admin'>Lubero Territory"
        "</PLACE>.",
    )


def test_places_gazetteer_geonames_norm_has_country_admin1_and_class(nlp):
    found = assert_places(
        nlp,
        "The offensive to retake <PLACE country='IQ'>Mosul</PLACE> began in "
        "October, and <PLACE>Iraq</PLACE> declared victory.",
    )
    mosul, iraq = (found[k] for k in sorted(found))
    assert (mosul["admin1"], mosul["feature_class"]) == ("Ninawa", "P")
    assert abs(mosul["lat"] - 36.335) < 0.05 and abs(mosul["lon"] - 43.119) < 0.05
    assert (iraq["country"], iraq["feature"], iraq["feature_class"]) == ("IQ", "country", "A")


def test_places_gazetteer_same_name_resolved_by_the_countries_in_the_document(nlp):
    assert_places(
        nlp,
        "Clashes in <PLACE country='LB' lat=34.43 lon=35.84>Tripoli</PLACE>, "
        "<PLACE country='LB'>Lebanon</PLACE>, killed two people.",
    )


def test_places_gazetteer_lower_case_direction_stays_outside(nlp):
    assert_places(
        nlp,
        "Shelling hit northern <PLACE>Gaza</PLACE> and southern <PLACE canonical='Lebanon'>"
        "Lebanon</PLACE> overnight.",
    )


def test_places_gazetteer_straits_and_ports(nlp):
    assert_places(
        nlp,
        "Tankers were struck in the <PLACE feature='site'>Strait of Hormuz</PLACE> and a blast "
        "hit the <PLACE>Port of Beirut</PLACE>.",
    )


def test_places_gazetteer_list_after_a_preposition(nlp):
    assert_places(
        nlp,
        "Drone strikes hit houses across <PLACE>Kfar Dounine</PLACE>, <PLACE>Tayr Harfa</PLACE> "
        "and <PLACE>Yaroun</PLACE> in <PLACE>Lebanon</PLACE>.",
    )


def test_places_gazetteer_not_inside_organisations_credits_teams_or_ships(nlp):
    text = (
        "The International Criminal Tribunal for Rwanda heard the case. Manchester City fans "
        "celebrated in Manchester. The liner Bremen reached New York. Fighting went on in "
        "Kherson. (Kyiv Independent) (Reuters)\nThe Iran national football team arrived, "
        "and the Premier League resumed."
    )
    assert sorted(text[s:e] for s, e in _places(nlp, text)) == [
        "Kherson", "Manchester", "New York",
    ]


def test_places_gazetteer_common_words_and_people_are_no_places(nlp):
    text = (
        "During the Battle of the Bulge he wrote in Spanish. Haaland scored twice, and the "
        "factions of Los Zetas met Peter Mandelson."
    )
    assert _places(nlp, text) == {}
