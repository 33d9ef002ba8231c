"""Document creation time (DCT): where it comes from, and that the record shows it.

Examples are our own, written for these tests.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from warevents.components.s4_dates.dct import find_dct
from warevents.extractor import Extractor
from warevents.io.readers import InputDoc, settle_doc_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Convoy ambushed near Beni\nNovember 3, 2019\nRebels struck on Friday.", "2019-11-03"),
        ("Published 14 June 2016\nShelling resumed on Tuesday.", "2016-06-14"),
        ("Aid cut off\n\nUpdated: Feb. 2, 2023 4:15 PM ET\nTrucks waited on Monday.", "2023-02-02"),
        ("Posted on Sunday, 5 May 2024 at 10:42\nThe ceasefire held.", "2024-05-05"),
        ("2021-09-30\nTroops withdrew.", "2021-09-30"),
        ("KHARTOUM, April 16, 2023 (Reuters) - Fighting spread on Sunday.", "2023-04-16"),
        ("MOGADISHU, 12 March 2022 - A car bomb exploded.", "2022-03-12"),
    ],
)
def test_dates_dct_found_in_first_lines(text, iso):
    found = find_dct(text)
    assert found is not None and (found.date, found.source) == (iso, "dateline")
    assert text[found.start : found.end].strip()


@pytest.mark.parametrize(
    "text",
    [
        "The siege of Sarajevo began on 5 April 1992 and lasted years.",  # a date in a sentence
        "KYIV, March 3 (Reuters) - Shelling went on.",  # no year: never today's year
        "Line one\nLine two\nLine three\nLine four\nLine five\nLine six\nMay 9, 1945",  # too far down
        "February 30, 2020\nA date that does not exist.",
    ],
)
def test_dates_dct_not_found(text):
    assert find_dct(text) is None


def test_dates_dct_order_jsonl_option_dateline():
    text = "Published 14 June 2016\nRain fell on Friday."
    own = settle_doc_date(InputDoc("a", text, "a.jsonl:1", "2016-06-20", "jsonl"), "2016-01-01")
    assert (own.doc_date, own.doc_date_source) == ("2016-06-20", "jsonl")
    opt = settle_doc_date(InputDoc("b", text, "b.txt"), "2016-01-01")
    assert (opt.doc_date, opt.doc_date_source) == ("2016-01-01", "option")
    line = settle_doc_date(InputDoc("c", text, "c.txt"))
    assert (line.doc_date, line.doc_date_source) == ("2016-06-14", "dateline")
    none = settle_doc_date(InputDoc("d", "Troops left on Friday.", "d.txt"))
    assert (none.doc_date, none.doc_date_source) == (None, None)


def _dates(record):
    return {s.text: s.norm for s in record.spans if s.label == "DATE"}


def test_dates_dct_news_bare_dateline_resolves_weekdays(nlp):
    # 3 November 2019 was a Sunday
    text = ("November 3, 2019\n\nRebels ambushed an army convoy near Beni on Friday, killing "
            "nine soldiers. The governor said talks will resume on Tuesday.")
    record = Extractor(nlp=nlp).extract_text(text)
    assert (record.doc_date, record.doc_date_source) == ("2019-11-03", "dateline")
    dates = _dates(record)
    assert (dates["Friday"]["start"], dates["Friday"]["end"], dates["Friday"]["precision"]) == (
        "2019-11-01", "2019-11-01", "day")
    assert (dates["Tuesday"]["start"], dates["Tuesday"]["precision"]) == ("2019-11-05", "day")


def test_dates_dct_spacy_route_sets_doc_date_source(nlp):
    doc = nlp("Published 14 June 2016\nMilitias burned the market last week.")
    assert (doc._.doc_date, doc._.doc_date_source) == ("2016-06-14", "dateline")
    week = next(e for e in doc.ents if e.text == "last week")
    assert (week._.norm["start"], week._.norm["end"], week._.norm["precision"]) == (
        "2016-06-06", "2016-06-12", "days")


def test_dates_dct_given_date_wins_over_dateline(nlp):
    record = Extractor(nlp=nlp).extract_text("Published 14 June 2016\nShots on Monday.",
                                             doc_date="2016-06-20")
    assert (record.doc_date, record.doc_date_source) == ("2016-06-20", "given")
    assert _dates(record)["Monday"]["start"] == "2016-06-20"


def test_dates_dct_option_for_documents_without_a_date(nlp):
    ex = Extractor(nlp=nlp, doc_date="2022-03-04")
    (done,) = list(ex.process([InputDoc("x", "Shells hit the plant on Wednesday.", "x.txt")]))
    assert (done.record.doc_date, done.record.doc_date_source) == ("2022-03-04", "option")
    assert _dates(done.record)["Wednesday"]["start"] == "2022-03-02"


def test_dates_dct_option_is_checked():
    with pytest.raises(ValueError):
        Extractor(doc_date="3 March")


def test_dates_dct_cli_has_doc_date_option():
    from warevents.cli import app

    result = CliRunner().invoke(app, ["extract", "--help"])
    assert result.exit_code == 0 and "--doc-date" in result.output
