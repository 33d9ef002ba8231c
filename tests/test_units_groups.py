"""MILITARY_UNIT: armed groups, national forces, commands and shorthand (guidelines U3, U5, U7).

New sentences written for these tests, from several wars and from news; each asserts the
label after overlap resolution, the exact text and the normalised value.
"""

from __future__ import annotations

import pytest


def units(nlp, text: str) -> list[tuple[str, dict]]:
    doc = nlp(text)
    return [(e.text, e._.norm) for e in doc.ents if e.label_ == "MILITARY_UNIT"]


CASES = [
    # non-state armed groups from the lexicon (Somalia, Gaza, Colombia, Sierra Leone)
    (
        "Al-Shabaab militants attacked a base near Kismayo before AMISOM troops drove them off.",
        [("Al-Shabaab", {"name": "al-Shabaab", "echelon": "armed group", "collective": True}),
         ("AMISOM", {"name": "AMISOM", "echelon": "peacekeeping force"})],
    ),
    (
        "FARC guerrillas and AUC paramilitaries fought over the river towns in 2002.",
        [("FARC", {"name": "Revolutionary Armed Forces of Colombia"}),
         ("AUC", {"name": "United Self-Defense Forces of Colombia"})],
    ),
    (
        "RUF rebels held the diamond fields until ECOMOG retook Freetown.",
        [("RUF", {"name": "Revolutionary United Front"}), ("ECOMOG", {"echelon": "peacekeeping force"})],
    ),
    # a nationality before a group's name joins it (U1)
    (
        "Pakistani Taliban fighters crossed the border at night.",
        [("Pakistani Taliban", {"name": "Taliban", "nationality": "Pakistani"})],
    ),
    # groups nobody listed, found by their cues
    (
        "Ogaden National Liberation Front rebels ambushed a convoy near Degehabur.",
        [("Ogaden National Liberation Front", {"echelon": "armed group"})],
    ),
    (
        "The militant group Ansar Beit al-Maqdis claimed the bombing in the Sinai.",
        [("Ansar Beit al-Maqdis", {"name": "Ansar Beit al-Maqdis", "echelon": "armed group"})],
    ),
    # a name found by a cue counts at its other mentions too (Mali)
    (
        "FLM gunmen burned the market near Mopti. A week later the FLM claimed the attack.",
        [("FLM", {"name": "FLM", "echelon": "armed group"}), ("FLM", {"name": "FLM"})],
    ),
    # national forces as a body (revised U3), regional forces, commands, services
    (
        "Chadian troops crossed into Darfur while Puntland forces held Bosaso.",
        [("Chadian troops", {"nationality": "Chadian", "echelon": "troops", "collective": True}),
         ("Puntland forces", {"nationality": "Puntland", "collective": True})],
    ),
    (
        "U.S. Africa Command said the Kenya Air Force had flown the sorties.",
        [("U.S. Africa Command", {"echelon": "command"}),
         ("Kenya Air Force", {"nationality": "Kenyan", "echelon": "air force"})],
    ),
    # shorthand designations, brackets, coordinated formations, services inside titles (WWI, WWII)
    (
        "The 150 Rifle Division raised the flag; the 36th (Ulster) Division attacked at Thiepval.",
        [("150 Rifle Division", {"name": "150th Rifle Division", "ordinal": 150, "echelon": "division"}),
         ("36th (Ulster) Division", {"name": "36th (Ulster) Division", "ordinal": 36})],
    ),
    (
        "The 3rd and 4th Divisions crossed the Rhine with the Royal Army Service Corps behind them.",
        [("3rd and 4th Divisions", {"echelon": "division"}),
         ("Royal Army Service Corps", {"echelon": "corps"})],
    ),
    (
        "The SS ran the camp, and the Waffen-SS guarded the road.",
        [("SS", {"name": "Schutzstaffel"}), ("Waffen-SS", {"name": "Waffen-SS"})],
    ),
]

CASES += [
    # alliances acting as a force, coalitions named by their leader (Kosovo, Yemen, Iraq)
    (
        "NATO aircraft bombed the bridge at Varvarin; later NATO-Afghan army bases were shelled.",
        [("NATO", {"echelon": "alliance"}), ("NATO", {"echelon": "alliance"}),
         ("Afghan army", {"nationality": "Afghan", "collective": True})],
    ),
    (
        "The Saudi-led coalition struck Hodeidah, and Russian-led forces crossed the river.",
        [("Saudi-led coalition", {"name": "Saudi-led coalition"}),
         ("Russian-led forces", {"echelon": "coalition"})],
    ),
]

NEGATIVES = [
    "NATO said the summit in Vilnius would discuss the budget.",
    "Two UFC fighters were suspended after the bout in Las Vegas.",
    "The Tory rebels voted against the bill while Labour dissidents abstained.",
    "Another 75 soldiers arrived, and Tuareg rebels were seen near the wells.",
    "The club's fighters and the city's rebels met for a charity match.",
]


@pytest.mark.parametrize(("text", "want"), CASES)
def test_units_groups_spans_and_norms(nlp, text, want):
    got = units(nlp, text)
    assert [t for t, _ in got] == [t for t, _ in want]
    for (_, norm), (_, expected) in zip(got, want):
        for key, value in expected.items():
            assert norm[key] == value, (norm, key)


@pytest.mark.parametrize("text", NEGATIVES)
def test_units_groups_negatives(nlp, text):
    assert units(nlp, text) == []


def test_units_groups_acronym_after_name_and_later_mentions(nlp):
    text = ("Militants of the Allied Democratic Forces (ADF) raided Mayba. "
            "Later the ADF withdrew toward the forest.")
    got = units(nlp, text)
    assert [t for t, _ in got] == ["Allied Democratic Forces", "ADF", "ADF"]
    assert {n["name"] for _, n in got} == {"Allied Democratic Forces"}
