"""DATE spans for the phenomena of issue 12, each with its ISO start/end and precision.

Examples are our own, written for these tests, from several wars and from news.
"""

from __future__ import annotations

import pytest

from warevents.components.common import CANDIDATES


def dates(nlp, text: str, doc_date: str | None = None) -> dict[str, tuple]:
    doc = nlp.make_doc(text)
    doc._.doc_date = doc_date
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return {s.text: (s._.norm["start"], s._.norm["end"], s._.norm["precision"])
            for s in doc.spans[CANDIDATES["DATE"]]}


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        # time of day joined with its date
        ("The barrage began at 0600 on 21 June 1941 along the border.", "0600 on 21 June 1941",
         ("1941-06-21T06:00", "1941-06-21T06:00", "day")),
        ("Paratroopers landed at 4.15 a.m. on 6 June 1944 near the canal.",
         "4.15 a.m. on 6 June 1944", ("1944-06-06T04:15", "1944-06-06T04:15", "day")),
        ("The strike came at 9:40 p.m. on Oct. 2, 2016, in Aleppo.", "9:40 p.m. on Oct. 2, 2016",
         ("2016-10-02T21:40", "2016-10-02T21:40", "day")),
        # BC/BCE: astronomical ISO years (1 BC is year 0000)
        ("Alexander defeated Darius at Gaugamela in 331 BC.", "331 BC",
         ("-0330-01-01", "-0330-12-31", "year")),
        ("The Persians burned Athens in 480 BCE.", "480 BCE", ("-0479-01-01", "-0479-12-31", "year")),
        # centuries, with early/mid/late
        ("Trench warfare shaped the 20th century.", "20th century",
         ("1901-01-01", "2000-12-31", "years")),
        ("Raids went on into the early nineteenth century.", "early nineteenth century",
         ("1801-01-01", "1840-12-31", "years")),
        # seasons, decades, halves
        ("The siege dragged on through the winter of 1941.", "winter of 1941",
         ("1941-12-01", "1942-02-28", "season")),
        ("Guerrillas held the hills in the 1980s.", "1980s", ("1980-01-01", "1989-12-31", "years")),
        ("Shelling eased in the first half of 2015.", "first half of 2015",
         ("2015-01-01", "2015-06-30", "part_of_year")),
        ("Famine spread in late 1943.", "late 1943", ("1943-09-01", "1943-12-31", "part_of_year")),
        # compact and misspelt months
        ("Allied troops reached the river on Sept.3, 1943.", "Sept.3, 1943",
         ("1943-09-03", "1943-09-03", "day")),
        ("The ghetto was sealed in Febuary 1942.", "Febuary 1942", ("1942-02-01", "1942-02-28", "month")),
        # older American ordinals
        ("The hospital ship sailed on March 22d, 1918, for Brest.", "March 22d, 1918",
         ("1918-03-22", "1918-03-22", "day")),
        # open ranges end at the document's date
        ("Clashes in the Sahel (2012–present) continue.", "2012–present",
         ("2012-01-01", "2024-05-20", "years")),
        # years that head a name
        ("Armed conflicts\n2024 Kursk offensive\nTroops crossed the border.", "2024",
         ("2024-01-01", "2024-12-31", "year")),
        ("Disasters\n2023 Hawaii wildfires\nLahaina burned.", "2023", ("2023-01-01", "2023-12-31", "year")),
        ("Analysts said 2023 saw the most drone strikes yet.", "2023",
         ("2023-01-01", "2023-12-31", "year")),
    ],
)
def test_dates_spans_phenomena(nlp, text, span, value):
    got = dates(nlp, text, "2024-05-20")
    assert span in got, f"{span!r} not in {list(got)}"
    assert got[span] == value


def test_dates_spans_coordinated_years_are_split(nlp):
    got = dates(nlp, "Drought struck in 2011 and 2012, and again in 2017.")
    assert got["2011"] == ("2011-01-01", "2011-12-31", "year")
    assert got["2012"] == ("2012-01-01", "2012-12-31", "year")


def test_dates_spans_coordinated_days_are_split(nlp):
    got = dates(nlp, "The bombers struck Hiroshima and Nagasaki on August 6 and 9, 1945.")
    assert got["August 6"] == ("1945-08-06", "1945-08-06", "day")
    assert got["9, 1945"] == ("1945-08-09", "1945-08-09", "day")
    got = dates(nlp, "Riots broke out on 13 and 14 May 1969 in Kuala Lumpur.")
    assert got["13"] == ("1969-05-13", "1969-05-13", "day")
    assert got["14 May 1969"] == ("1969-05-14", "1969-05-14", "day")


def test_dates_spans_ranges_stay_one_span(nlp):
    got = dates(nlp, "Talks were held between the 3rd and 9th March, 1999, in Rambouillet.")
    assert got["between the 3rd and 9th March, 1999"] == ("1999-03-03", "1999-03-09", "days")


def test_dates_spans_weekday_pair_is_one_span(nlp):
    got = dates(nlp, "Gunmen raided two villages on Monday and Tuesday.", "2021-04-08")
    assert got["Monday and Tuesday"] == ("2021-04-05", "2021-04-06", "days")
    assert dates(nlp, "Gunmen raided two villages Monday and Tuesday.")["Monday and Tuesday"] == (
        None, None, "days")


@pytest.mark.parametrize(
    "text",
    ["The town had a population of over 1700 before the war.",
     "The March 23 Movement took Goma.",
     "Some 480 soldiers were buried there.",
     "Turkey took in the 1200 Syrian refugees.\n1500 Yemeni fighters were freed."],
)
def test_dates_spans_counts_and_names_are_not_dates(nlp, text):
    got = dates(nlp, text)
    assert not any(s in got for s in ("1700", "480", "March 23", "1200", "1500")), got
