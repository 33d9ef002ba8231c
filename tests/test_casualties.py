"""CASUALTY spans: counts of people harmed by war or political violence.

Gold examples are inline markup; every test asserts the exact set of CASUALTY
candidates in the sentence (so a missing span and a spurious one both fail)
and the normalised attributes given in the markup.
"""

from __future__ import annotations

import pytest
from conftest import seed_doc_text

from warevents.components.common import CANDIDATES
from warevents.markup import parse_markup

GROUP = CANDIDATES["CASUALTY"]


def _casualties(doc) -> dict[tuple[int, int], dict]:
    return {(s.start_char, s.end_char): s._.norm for s in doc.spans[GROUP]}


def assert_casualties(nlp, marked: str) -> None:
    text, gold = parse_markup(marked)
    found = _casualties(nlp(text))
    expected = {(g["start"], g["end"]): g for g in gold if g["label"] == "CASUALTY"}
    assert {text[a:b] for a, b in found} == {g["text"] for g in expected.values()}
    for key, g in expected.items():
        norm = found[key]
        for attr, value in g["attrs"].items():
            assert norm[attr] == value, (g["text"], attr, norm)


# -- the seed phenomena, as inline markup -----------------------------------

SEED_CASES = [
    # infobox row: the key "Deaths" is glued to the value and split off by the tokenizer
    (
        "Gegenmiao massacre\nAttack type\nWar crime, massacre, mass rape\n"
        "Deaths<CASUALTY kind='killed' low=1000 high=None qualifier='over' trigger='Deaths'>Over 1,000</CASUALTY>\n"
        "PerpetratorsSoviet Union Red Army 39th Army"
    ),
    (
        "Amid the fighting with Soviet forces, the Kamishisuka incident, in which "
        "<CASUALTY kind='killed' low=18 high=18 qualifier=None victims='people'>18 people</CASUALTY> "
        "were killed at a police station on Aug. 17, 1945, and the Mizuho incident, in which "
        "<CASUALTY kind='killed' low=27 high=27>27 villagers</CASUALTY> were killed between around Aug. 20 and 25."
    ),
    (
        "After two hours, Red Army soldiers had murdered "
        "<CASUALTY kind='killed' low=1000 high=None qualifier='well over' victims='Japanese refugees' "
        "trigger='murdered'>well over one thousand Japanese refugees</CASUALTY>, mostly women and children."
    ),
    (
        "The Gegenmiao massacre was a war crime by the Red Army and a part of the local Chinese population against "
        "<CASUALTY kind='killed' low=900 high=1800 qualifier='over half of' "
        "victims='Japanese women and children'>over half of a group of 1,800 Japanese women and children</CASUALTY> "
        "who had taken refuge in the lamasery."
    ),
    (
        "At first, <CASUALTY kind='detained' low=None high=600000 qualifier='nearly' "
        "victims='Japanese prisoners of war'>nearly 600000 Japanese prisoners of war</CASUALTY> were temporarily "
        "detained in the temporary Japanese prisoner of war camp in Northeast China."
    ),
    (
        "The successive wars made the Soviet Union lose <CASUALTY kind='died' low=20000 high=99999 "
        "victims='male citizens'>tens of thousands of male citizens</CASUALTY>, and the gender ratio was unbalanced."
    ),
]


@pytest.mark.parametrize("marked", SEED_CASES)
def test_casualties_seed_phenomena(nlp, marked):
    assert_casualties(nlp, marked)


# -- other wars and news wires ------------------------------------------------

OTHER_WARS = [
    # Syria / Ukraine shelling; "some" is an approximation
    (
        "<CASUALTY kind='killed' low=40 high=None qualifier='at least'>At least 40 civilians</CASUALTY> "
        "were killed in the shelling, and <CASUALTY kind='wounded' low=300 high=300 qualifier='about'>some 300"
        "</CASUALTY> wounded."
    ),
    (
        "After the shelling of Sarajevo, <CASUALTY kind='wounded' low=300 high=300 qualifier='about'>"
        "some 300 wounded</CASUALTY> were evacuated."
    ),
    # vague magnitude
    (
        "<CASUALTY kind='abducted' low=24 high=99 victims='villagers'>Dozens of villagers</CASUALTY> "
        "were abducted by rebels."
    ),
    # Korea
    (
        "After the battle, <CASUALTY kind='detained' low=2000 high=2000>2,000 prisoners</CASUALTY> were taken "
        "by the Chinese army."
    ),
    # Bosnia
    (
        "<CASUALTY kind='killed' low=None high=8000 qualifier='up to' victims='men and boys'>Up to 8,000 men and boys"
        "</CASUALTY> were murdered at Srebrenica by Bosnian Serb forces."
    ),
    # Vietnam
    (
        "The ambush by Viet Cong guerrillas, killing <CASUALTY kind='killed' low=12 high=12>12 soldiers</CASUALTY>, "
        "ended the patrol."
    ),
    # Iraq: active voice, two counts, "others"
    (
        "Militants killed <CASUALTY kind='killed' low=45>at least 45 people</CASUALTY> and wounded "
        "<CASUALTY kind='wounded' low=120 high=120>120 others</CASUALTY> in the bombing of the market in Baghdad."
    ),
    # WWII Europe: agent after "by" is not a count of victims anyway
    (
        "<CASUALTY kind='killed' low=60000 high=None qualifier='over'>Over 60,000 Polish civilians</CASUALTY> "
        "were murdered in Volhynia by Ukrainian nationalists."
    ),
    (
        "<CASUALTY kind='killed' low=250 high=250 qualifier='about'>Around two hundred and fifty prisoners of war"
        "</CASUALTY> were executed by the SS at Malmedy."
    ),
    # Cambodia: a range sharing its scale word
    (
        "The Khmer Rouge killed <CASUALTY kind='killed' low=1500000 high=2000000 qualifier='between'>"
        "between 1.5 and 2 million people</CASUALTY>."
    ),
    # Iraq / Yazidis
    (
        "ISIS militants abducted <CASUALTY kind='abducted' low=6000 high=None qualifier='more than' "
        "victims='Yazidi women and girls'>more than 6,000 Yazidi women and girls</CASUALTY> in Sinjar in 2014."
    ),
    # rape verb (the small model lemmatises "raped" as "rap")
    "During the massacre, soldiers raped <CASUALTY kind='raped' low=200 high=999>hundreds of women</CASUALTY>.",
    # harm nominals and complements
    "The bombing left <CASUALTY kind='killed' low=1000 high=1000>1,000 dead</CASUALTY> in Dresden.",
    "The airstrike on Aleppo left <CASUALTY kind='killed' low=23 high=23>23 civilians</CASUALTY> dead.",
    (
        "<CASUALTY kind='missing' low=1500 high=1500 qualifier='about'>Some 1,500 people</CASUALTY> went missing "
        "during the fighting in Srebrenica."
    ),
    (
        "The death toll from the Russian missile strike on Kramatorsk rose to "
        "<CASUALTY kind='killed' low=57 high=57 trigger='death toll'>57</CASUALTY>."
    ),
    # casualties = killed + wounded, split unknown: tagged "wounded", trigger kept
    (
        "During the war, <CASUALTY kind='wounded' low=300 high=None trigger='casualties'>more than 300 casualties"
        "</CASUALTY> were reported after the artillery attack."
    ),
    # "take ... prisoner" and deportation to camps
    (
        "The army took <CASUALTY kind='detained' low=500 high=500>500 men</CASUALTY> prisoner and deported "
        "<CASUALTY kind='detained' low=200000 high=999999>hundreds of thousands of civilians</CASUALTY> to camps."
    ),
    # Vietnam, My Lai (GUIDELINES C2)
    (
        "At My Lai, American soldiers massacred <CASUALTY kind='killed' low=504 high=504 "
        "qualifier='about'>some 504 villagers</CASUALTY>."
    ),
    # two kinds govern one count: the more severe wins (GUIDELINES C1)
    (
        "During the war, soldiers raped and murdered <CASUALTY kind='killed' low=30 high=30>30 women"
        "</CASUALTY>."
    ),
    # a qualifier applies to a magnitude's range
    (
        "During the war, <CASUALTY kind='abducted' low=200 high=None qualifier='over'>over hundreds of "
        "villagers</CASUALTY> were abducted."
    ),
    # Syria 2011: political violence outside a declared war
    (
        "After the uprising, the regime detained <CASUALTY kind='detained' low=2000 high=2000>"
        "2,000 protesters</CASUALTY>."
    ),
    # political violence: arrests of protesters during a war are detentions
    (
        "Police arrested <CASUALTY kind='detained' low=300 high=300>300 anti-war protesters</CASUALTY> in Moscow "
        "after the invasion of Ukraine."
    ),
]


@pytest.mark.parametrize("marked", OTHER_WARS)
def test_casualties_other_wars(nlp, marked):
    assert_casualties(nlp, marked)


# -- counts that are not CASUALTY -------------------------------------------

NEGATIVES = [
    # perpetrators: passive agents
    "During the Soviet invasion, a Korean man was shot dead by eight Japanese soldiers.",
    "His body was then bayoneted by 27 Japanese under the pretext of combat training.",
    # troop strengths
    "More than 1.5 million troops of the second front army crossed the Sino Soviet borders.",
    "The Soviet troops that occupied Manchuria (about 700,000) looted and terrorized the people of Mukden.",
    "Asmolov pointed to isolated incidents regarding the nearly 2,000,000 Soviet troops in the Far East.",
    "The regiment had 3,000 soldiers when the war began.",
    # rioters, not victims
    "The door of the auditorium was opened and hundreds of Japanese prisoners rushed out.",
    # money, weights, ages, durations
    "In the war, a Japanese boy could sell for 300 yen, and a girl for 500 yen.",
    "Japanese narcotics agents said they have seized 1.046 tons of cannabis worth about 5.2 billion yen.",
    "The young, 19-year-old Soviet soldier shot her first and then shot himself in the head.",
    "The bombardment lasted 18 days and destroyed 300 houses.",
    # vague quantifiers and singular indefinites are not counts
    "Many civilians were killed in the shelling.",
    "Several soldiers were wounded in the ambush.",
    "Soldiers raped several women and children, sometimes after murdering them.",
    "Chinese civilians raped and murdered a Japanese woman after Red Army soldiers murdered her child.",
    # criminal justice, not war
    "Police arrested three men for smuggling heroin, a court heard.",
    "Police said 3 people were killed in a robbery at a petrol station.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_casualties_not_counts_of_victims(nlp, text):
    assert _casualties(nlp(text)) == {}


# -- news-wire and NGO-report phrasing ------------------------------------------

WIRE_AND_REPORTS = [
    # coordinated counts: one span per count, each with its own kind
    (
        "An Israeli airstrike on Rafah killed <CASUALTY kind='killed' low=5 high=5>5 people</CASUALTY> "
        "and injured <CASUALTY kind='wounded' low=17 high=17>17</CASUALTY>."
    ),
    (
        "In eastern Ghouta, <CASUALTY kind='killed' low=12 high=12>12 soldiers</CASUALTY> and "
        "<CASUALTY kind='killed' low=3 high=3>3 civilians</CASUALTY> were killed when barrel bombs hit Douma."
    ),
    # two passive clauses: each count takes its own verb, not the more severe neighbour
    (
        # war context stated ("siege"): "of" in "tens of thousands" no longer counts as a war word
        "During the siege, <CASUALTY kind='killed' low=22700 high=25000 qualifier='between'>between 22,700 and 25,000 people"
        "</CASUALTY> were killed, and <CASUALTY kind='wounded' low=20000 high=99999>tens of thousands"
        "</CASUALTY> were injured."
    ),
    (
        "in the battle, <CASUALTY kind='killed' low=80000>more than 80,000 japanese soldiers</CASUALTY> were "
        "killed and <CASUALTY kind='wounded' qualifier='about'>about 50,000</CASUALTY> were injured, and the "
        "soviet army captured <CASUALTY kind='detained' low=590000>590,000 japanese prisoners</CASUALTY>."
    ),
    # "including N": a sub-count of the same harm (its own span, same kind)
    (
        "Russian missiles struck Zaporizhzhia, killing <CASUALTY kind='killed' low=34 high=None "
        "qualifier='at least'>at least 34 civilians</CASUALTY>, including <CASUALTY kind='killed' low=12 "
        "high=12>12 children</CASUALTY>, officials said."
    ),
    (
        "The siege left <CASUALTY kind='killed' low=11541>11,541 people</CASUALTY> dead, including "
        "<CASUALTY kind='killed' low=1601>1,601 children</CASUALTY>."
    ),
    # "claimed the lives of", result complements of "leave"
    (
        "Across Darfur, the war has claimed the lives of <CASUALTY kind='killed' low=150000 high=150000>"
        "150,000 people</CASUALTY>."
    ),
    (
        "A strike on a school in Gaza left <CASUALTY kind='killed' low=23>23 dead</CASUALTY> and "
        "<CASUALTY kind='wounded' low=40>40 injured</CASUALTY>."
    ),
    (
        "The Korean War (1950-53) left <CASUALTY kind='killed' low=2500000 high=None>more than 2.5 million "
        "people</CASUALTY> dead."
    ),
    # counts after the harm word
    (
        "Marine casualties numbered <CASUALTY kind='wounded' low=1580 high=1580>1,580</CASUALTY> "
        "during the battle."
    ),
    # missing and prisoners without a noun
    (
        "When the town fell to government forces, <CASUALTY kind='detained' low=200 high=200 qualifier='about'>"
        "some 200</CASUALTY> were taken prisoner."
    ),
    (
        "After the shelling of Srebrenica, <CASUALTY kind='missing' low=1000 high=None>More than 1,000 "
        "people</CASUALTY> are still missing."
    ),
    (
        "A truck bomb killed <CASUALTY kind='killed' low=230>at least 230 people</CASUALTY> in Mogadishu, and "
        "<CASUALTY kind='missing' low=70 high=70>70</CASUALTY> remain missing."
    ),
    # "X-Y" ranges and "hacked to death"
    (
        "Rebels attacked Kamanyola, where <CASUALTY kind='killed' low=30 high=40>30-40 civilians</CASUALTY> "
        "were hacked to death."
    ),
    # a harm noun head still yields to a more severe governing verb (C1)
    (
        "The militants executed <CASUALTY kind='killed' low=21 high=21>21 hostages</CASUALTY> in "
        "February 2015."
    ),
]


@pytest.mark.parametrize("marked", WIRE_AND_REPORTS)
def test_casualties_wire_and_report_phrasing(nlp, marked):
    # phrasing only: without the document-level war decision (single sentences out of context)
    with nlp.select_pipes(disable=["warevents_relevance"]):
        assert_casualties(nlp, marked)


def test_casualties_agree_with_events_on_a_sentence_judged_not_war_related(nlp):
    """The relevance stage judges this lone sentence not war-related: the casualty
    stage now sees that (it used to read doc._.war_related before anything set it)
    and, like the events stage, reports nothing."""
    doc = nlp("Police said 3 people were killed in a robbery at a petrol station.")
    assert doc._.war_related is False
    assert not doc.spans[GROUP] and doc._.events == []


WIRE_NEGATIVES = [
    # "including" over things, not people
    "The museum's collection, including 12 paintings, was destroyed in the bombing.",
    # "lives" with no count
    "The war claimed the lives of many people and left the city in ruins.",
    # "left" with a count of things
    "The retreating army left 40 tanks behind at the front.",
    # "between" a count of non-people
    "Between 200 and 300 houses were destroyed in the shelling.",
    # a traffic accident is not war harm
    "Police said 12 people were injured in a traffic accident on the motorway.",
]


@pytest.mark.parametrize("text", WIRE_NEGATIVES)
def test_casualties_wire_negatives(nlp, text):
    assert _casualties(nlp(text)) == {}


# -- whole seeds -------------------------------------------------------------


def test_casualties_news_page_court_and_drug_stories_yield_nothing(nlp, seed_texts):
    text = seed_doc_text(seed_texts, "003")
    cut = text.index("Japanese pop idol Kenshin")
    doc = nlp(text)
    found = _casualties(doc)
    assert [text[a:b] for a, b in found if a >= cut] == []
    # the war story above it keeps its two counts
    assert sorted(text[a:b] for a, b in found if a < cut) == ["18 people", "27 villagers"]


def test_casualties_infobox_seed(nlp, seed_texts):
    text = seed_doc_text(seed_texts, "000")
    doc = nlp(text)
    found = {text[a:b]: norm for (a, b), norm in _casualties(doc).items()}
    assert found["Over 1,000"]["kind"] == "killed"
    assert found["Over 1,000"]["low"] == 1000
    assert "300 yen" not in " ".join(found)
    assert next(e.text for e in doc.ents if e.label_ == "CASUALTY") == "Over 1,000"


def test_casualties_norm_validates_against_schema(nlp):
    from warevents.schemas import CasualtyValue

    doc = nlp("During the war, rebels abducted dozens of villagers and killed 12 soldiers.")
    norms = [s._.norm for s in doc.spans[GROUP]]
    assert len(norms) == 2
    for norm in norms:
        assert CasualtyValue(**norm).model_dump() == norm


def test_casualties_component_round_trips_to_disk(nlp, tmp_path):
    from warevents.components.s6_casualties import Casualties

    pipe = nlp.get_pipe("warevents_casualties")
    pipe.to_disk(tmp_path / "casualties")
    restored = Casualties(nlp, "warevents_casualties").from_disk(tmp_path / "casualties")
    assert restored.data == pipe.data
    text = "In the war, 15 soldiers were killed and 40 wounded."
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "warevents_casualties":
            break
        doc = proc(doc)
    assert [s.text for s in restored(doc).spans[GROUP]] == ["15 soldiers", "40"]


# -- regressions (issue 10) ---------------------------------------------------


def _norms(nlp, text: str) -> list[dict]:
    # the casualty stage alone (the events stage is not what these tests are about)
    with nlp.select_pipes(disable=["warevents_events"]):
        doc = nlp(text)
    return [s._.norm for s in doc.spans[GROUP]]


def test_casualties_huge_digit_run_is_exact_int_and_no_crash(nlp):
    """A run of 309+ digits raised OverflowError (through float); counts are exact ints."""
    digits = "9" * 400
    norms = _norms(nlp, f"During the war, soldiers killed {digits} civilians in the town.")
    assert len(norms) == 1
    assert norms[0]["low"] == norms[0]["high"] == int(digits)
    assert type(norms[0]["low"]) is int


def test_casualties_absurd_digit_run_is_no_count_and_no_crash(nlp):
    """Past 1,000 digits a number is no count (Python cannot even print a 4,301-digit int)."""
    assert _norms(nlp, "During the war, soldiers killed " + "7" * 5000 + " civilians.") == []


def test_casualties_decimal_scale_is_exact(nlp):
    norms = _norms(nlp, "During the war, 1.5 million people were killed.")
    assert [(n["low"], n["high"]) for n in norms] == [(1_500_000, 1_500_000)]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("In the war, between 800 and 700 people were killed.", 700, 800),
        ("In the war, between 700 and 800 people were killed.", 700, 800),
        ("In the war, 900 to 600 civilians were killed.", 600, 900),
    ],
)
def test_casualties_range_bounds_are_ordered(nlp, text, low, high):
    assert [(n["low"], n["high"]) for n in _norms(nlp, text)] == [(low, high)]


def test_casualties_parse_climbs_terminate_on_a_cyclic_parse():
    """Loops over heads compare token indices and are bounded: heads that form a cycle
    (the parser never makes one; a hand-built Doc can) still end."""
    import spacy
    from spacy.tokens import Doc

    from warevents.components.common import climb_within, max_climb

    words = ["some", "300", "people", "were", "killed"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 0, 2, 3, 4], deps=["dep"] * 5)
    assert climb_within(doc[0], 0, 2).i in (0, 1)
    assert max_climb(doc[0]) <= len(doc)
