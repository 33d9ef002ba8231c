"""CASUALTY phenomena of issues 13 and 14, on new sentences from several wars and news.

Each case asserts the exact set of CASUALTY candidates in the sentence and the
normalised values in the markup (kind, low, high, qualifier, scope). The sentences
are single lines out of context, so the document-level war decision is switched off
(the phrasing is what is tested) except where the war gate itself is the subject.
"""

from __future__ import annotations

import pytest

from warevents.components.common import CANDIDATES
from warevents.components.s6_casualties.implicit import IMPLICIT_GROUP
from warevents.markup import parse_markup

GROUP = CANDIDATES["CASUALTY"]


def _run(nlp, text: str):
    with nlp.select_pipes(disable=["warevents_relevance", "warevents_events"]):
        return nlp(text)


def assert_casualties(nlp, marked: str) -> None:
    text, gold = parse_markup(marked)
    doc = _run(nlp, text)
    found = {(s.start_char, s.end_char): s._.norm for s in doc.spans[GROUP]}
    expected = {(g["start"], g["end"]): g for g in gold if g["label"] == "CASUALTY"}
    assert sorted(text[a:b] for a, b in found) == sorted(g["text"] for g in expected.values())
    for key, g in expected.items():
        for attr, value in g["attrs"].items():
            assert found[key][attr] == value, (g["text"], attr, found[key])


# -- where the count stands ------------------------------------------------------

PHRASING = [
    # the count far from its harm verb (Katyn-like, WWII)
    (
        "<CASUALTY kind='killed' low=4000 high=4000 qualifier='about' scope='total'>Some 4,000 Polish "
        "prisoners</CASUALTY>, most of them officers, were later shot by the NKVD in the forest."
    ),
    # "lives": claimed / loss of
    (
        "The genocide in Rwanda claimed <CASUALTY kind='killed' low=800000 high=None qualifier='over'>"
        "over 800,000 lives</CASUALTY> in a hundred days."
    ),
    (
        "The troopship was torpedoed by a submarine off Crete with the loss of <CASUALTY kind='died' low=1200 high=1200>"
        "1,200 lives</CASUALTY>."
    ),
    # "N of the M" (Afghanistan)
    (
        "Taliban fighters shot down the helicopter, killing <CASUALTY kind='killed' low=6 high=6 "
        "victims='crew'>six of "
        "the nine crew</CASUALTY>."
    ),
    # ranges: "from X to Y", "around X to Y", "at least X and up to Y"
    (
        "Estimates of the dead in the siege of the town range from <CASUALTY kind='killed' low=2000 "
        "high=5000>2,000 to 5,000</CASUALTY>."
    ),
    (
        "During the offensive, <CASUALTY kind='killed' low=300 high=400 qualifier='about'>around 300 to "
        "400 civilians</CASUALTY> were killed in the shelling of Mariupol."
    ),
    (
        "<CASUALTY kind='killed' low=150 high=220 qualifier='at least and up to'>At least 150 and up to "
        "220 villagers</CASUALTY> were massacred by the militia near Bogoro."
    ),
    # apposition and lists of nationalities (a hotel siege)
    (
        "After the siege of the hotel, the dead included <CASUALTY kind='killed' low=12 high=12 "
        "scope='total'>12 Dutch "
        "citizens</CASUALTY>, <CASUALTY kind='killed' low=4 high=4>4 Belgians</CASUALTY> and "
        "<CASUALTY kind='killed' low=2 high=2>two Germans</CASUALTY>."
    ),
    (
        "The group claims that <CASUALTY kind='killed' low=7 high=7>seven civilians</CASUALTY> and "
        "<CASUALTY kind='killed' low=2 high=2>two soldiers</CASUALTY> are among the dead in Kidal."
    ),
    # "casualties" in the military sense stays kind wounded (the split is unknown), trigger kept
    (
        "The division suffered <CASUALTY kind='wounded' low=2500 high=2500 trigger='casualties'>2,500 "
        "casualties</CASUALTY> in the offensive on the Somme."
    ),
    # combatant victims (Syria, Colombia)
    (
        "<CASUALTY kind='killed' low=12 high=None qualifier='at least'>At least 12 fighters</CASUALTY> "
        "were killed in clashes with government forces in Idlib."
    ),
    (
        "<CASUALTY kind='killed' low=38 high=38>Thirty-eight FARC dissidents</CASUALTY> were killed in an "
        "army bombing in Guaviare."
    ),
    # "N more" and "a dozen others" (news wires)
    (
        "A suicide bomber struck a market in Kabul, killing <CASUALTY kind='killed' low=9 high=9>nine "
        "people</CASUALTY> and wounding <CASUALTY kind='wounded' low=30 high=30>30 more</CASUALTY>."
    ),
    # a vague conjunct is no part of the count
    (
        "The car bomb wounded <CASUALTY kind='wounded' low=8 high=None qualifier='at least'>at least 8 "
        "policemen</CASUALTY> and several passers-by near the checkpoint."
    ),
    # documented magnitude ranges and "half a dozen"
    (
        "Government troops burned the village and killed <CASUALTY kind='killed' low=200 high=999>"
        "hundreds of villagers</CASUALTY>."
    ),
    (
        "A drone strike on a wedding party in the province killed <CASUALTY kind='killed' low=6 high=None "
        "qualifier='more than'>more than half a dozen guests</CASUALTY>."
    ),
    # "about 2,000" stays a single approximate value; "thousands" is its documented range
    (
        "The army said <CASUALTY kind='killed' low=2000 high=2000 qualifier='about'>about 2,000 "
        "insurgents</CASUALTY> were killed; local groups said <CASUALTY kind='killed' low=2000 high=9999>"
        "thousands of civilians</CASUALTY> were killed in the fighting."
    ),
    # a title-case headline
    "Suicide Bomber Kills <CASUALTY kind='killed' low=14 high=14>14 Soldiers</CASUALTY> in Mogadishu",
    # a parallel nominal list (Colombia)
    (
        "The bombing of the church by the guerrillas left <CASUALTY kind='killed' low=79 high=79>79 dead"
        "</CASUALTY> and <CASUALTY kind='wounded' low=112 high=112>112 wounded</CASUALTY>."
    ),
]


@pytest.mark.parametrize("marked", PHRASING)
def test_casualties_phenomena_phrasing(nlp, marked):
    assert_casualties(nlp, marked)


# -- scope: total, subset, cumulative ------------------------------------------

SCOPE = [
    (
        "Russian missiles struck Dnipro, killing <CASUALTY kind='killed' low=23 high=None "
        "qualifier='at least' scope='total'>at least 23 people</CASUALTY>, including <CASUALTY "
        "kind='killed' low=7 high=7 scope='subset'>7 children</CASUALTY>."
    ),
    (
        "Gunmen ambushed the convoy, wounding <CASUALTY kind='wounded' low=48 high=48 scope='total'>48 "
        "soldiers</CASUALTY>, <CASUALTY kind='wounded' low=30 high=30 scope='subset'>30</CASUALTY> of "
        "whom were conscripts."
    ),
    (
        "The death toll from Israeli strikes in the camp since April rose to <CASUALTY kind='killed' "
        "low=300 high=300 scope='cumulative'>300</CASUALTY>, the ministry said."
    ),
    (
        "So far this year, <CASUALTY kind='killed' low=412 high=412 scope='cumulative'>412 civilians"
        "</CASUALTY> have been killed by roadside bombs in the province."
    ),
    (
        "Soldiers killed <CASUALTY kind='killed' low=12 high=12 scope='total'>12 villagers</CASUALTY> on "
        "Monday, bringing the death toll since the war began to <CASUALTY kind='killed' low=3400 "
        "high=3400 scope='cumulative'>3,400</CASUALTY>."
    ),
    (
        "<CASUALTY kind='killed' low=70 high=None qualifier='at least' scope='cumulative'>At least 70 "
        "Palestinians</CASUALTY> have been killed by Israeli troops since the start of the year, "
        "including <CASUALTY kind='killed' low=25 high=25 scope='cumulative'>25</CASUALTY> killed in "
        "Tulkarm."
    ),
]


@pytest.mark.parametrize("marked", SCOPE)
def test_casualties_scope(nlp, marked):
    assert_casualties(nlp, marked)


def test_casualties_subset_points_at_its_total(nlp):
    text = "A car bomb in Mogadishu killed 31 people, including 6 students, police said."
    doc = _run(nlp, text)
    spans = {s.text: s for s in doc.spans[GROUP]}
    total, part = spans["31 people"], spans["6 students"]
    assert part._.norm["subset_of"] == [total.start_char, total.end_char]
    assert total._.norm["subset_of"] is None


# -- implicit counts: a span group of their own, never CASUALTY spans -----------------

IMPLICIT = [
    ("In Kandahar, a man was shot dead by Taliban gunmen on Tuesday.", "a man", "killed", 1, 1),
    ("An Israeli airstrike on Khan Younis killed a woman and her two children.",
     "a woman and her two children", "killed", 3, 3),
    ("A family of five was killed in a Russian drone strike on Kherson.", "A family of five", "killed", 5, 5),
    ("Al-Shabaab militants abducted a couple near the Kenyan border.", "a couple", "abducted", 2, 2),
    ("A Ukrainian soldier was wounded by sniper fire near Bakhmut.", "A Ukrainian soldier", "wounded", 1, 1),
    ("Militiamen killed a farmer and his sons in a raid on the village.", "a farmer and his sons", "killed",
     3, None),
]


@pytest.mark.parametrize(("text", "span", "kind", "low", "high"), IMPLICIT)
def test_casualties_implicit_counts(nlp, text, span, kind, low, high):
    doc = _run(nlp, text)
    found = {s.text: s._.norm for s in doc.spans[IMPLICIT_GROUP]}
    assert list(found) == [span]
    norm = found[span]
    assert (norm["kind"], norm["low"], norm["high"], norm["implicit"]) == (kind, low, high, True)
    # the explicit group holds only counts with a number
    assert all(not s._.norm["implicit"] for s in doc.spans[GROUP])
    assert [s.text for s in doc.spans[GROUP]] == (["two children"] if "two" in text else [])


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers beat a journalist and his wife during the raid on the newspaper.",
        "A couple of soldiers were wounded in the ambush near Gao.",
        "A family was killed when the house collapsed in the storm.",
    ],
)
def test_casualties_no_implicit_count(nlp, text):
    doc = _run(nlp, text)
    assert [s.text for s in doc.spans[IMPLICIT_GROUP]] == []


# -- the war gate: accidents, disasters, disease and ordinary crime ----------------

NOT_WAR = [
    "Eleven people were killed when a bus collided with a truck near Kano.",
    "A fire at a nightclub in Skopje killed 59 people and injured 155 others.",
    "At least 30 people died in floods and landslides in Kerala, officials said.",
    "The cholera outbreak has killed more than 400 people since January.",
    "A doctor was charged with murdering twelve patients at the hospital.",
]


@pytest.mark.parametrize("text", NOT_WAR)
def test_casualties_accidents_disasters_and_crime_are_not_counts(nlp, text):
    doc = _run(nlp, text)
    assert [s.text for s in doc.spans[GROUP]] == []
    assert [s.text for s in doc.spans[IMPLICIT_GROUP]] == []


def test_casualties_war_fire_is_still_war(nlp):
    doc = _run(nlp, "Soldiers opened fire on the protesters in Mandalay, killing 14 people.")
    assert [(s.text, s._.norm["kind"]) for s in doc.spans[GROUP]] == [("14 people", "killed")]


def test_casualties_disaster_page_without_war_cues_yields_nothing(nlp):
    text = (
        "EARTHQUAKE AND FIRE\n\nThe fire burned for three days after the earthquake.\n\n"
        "At least 300 persons are said to have been killed in the hotel district."
    )
    doc = _run(nlp, text)
    assert [s.text for s in doc.spans[GROUP]] == []


def test_casualties_war_page_with_fire_keeps_its_counts(nlp):
    text = (
        "Shelling set the market in Aleppo on fire.\n\n"
        "The fire spread to the old town, and 12 civilians were killed, the monitor said."
    )
    doc = _run(nlp, text)
    assert [s.text for s in doc.spans[GROUP]] == ["12 civilians"]


def test_casualties_war_cues_are_not_function_words(nlp):
    """'of', 'air' and 'red' no longer make a paragraph about war (issue 13)."""
    doc = _run(nlp, "Tens of thousands of people were injured in the heat of the red summer air.")
    assert [s.text for s in doc.spans[GROUP]] == []
