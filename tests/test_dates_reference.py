"""The reference time: which year a year-less date takes (narrative and news).

Examples are our own, written for these tests, from several wars and from news.
"""

from __future__ import annotations

from warevents.components.common import CANDIDATES


def dates(nlp, text: str, doc_date: str | None = None) -> dict[str, tuple]:
    doc = nlp.make_doc(text)
    doc._.doc_date = doc_date
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return {
        s.text: (s._.norm["start"], s._.norm["end"], s._.norm["precision"], s._.norm["year_source"])
        for s in doc.spans[CANDIDATES["DATE"]]
    }


def test_dates_reference_parenthetical_year_does_not_move_it(nlp):
    text = ("On 14 June 1940 German troops entered Paris. The old forts (built after the "
            "Franco-Prussian War, 1870–1871) were taken without a fight. On 22 June the "
            "armistice was signed at Compiègne.")
    got = dates(nlp, text)
    assert got["22 June"] == ("1940-06-22", "1940-06-22", "day", "context")
    assert got["1870–1871"][:3] == ("1870-01-01", "1871-12-31", "years")


def test_dates_reference_bracketed_and_cited_years_are_asides(nlp):
    text = ("The offensive opened in March 1968 [see Oberdorfer, 1971] and stalled. "
            "By 5 May the city was quiet.")
    assert dates(nlp, text)["5 May"][:3] == ("1968-05-05", "1968-05-05", "day")
    cited = ("Hue was retaken in February 1968. Smith, 2003, p. 41 counts the dead. "
             "On 2 March the marines left.")
    assert dates(nlp, cited)["2 March"][:3] == ("1968-03-02", "1968-03-02", "day")


def test_dates_reference_main_narrative_year_still_moves_it(nlp):
    text = "The war began in 1950. In 1953 an armistice was signed on 27 July."
    assert dates(nlp, text)["27 July"][:3] == ("1953-07-27", "1953-07-27", "day")


def test_dates_reference_news_past_tense_goes_back_from_the_dct(nlp):
    got = dates(nlp, "Fighting broke out in December near Bakhmut.", "2023-03-10")
    assert got["December"] == ("2022-12-01", "2022-12-31", "month", "document")


def test_dates_reference_news_future_and_present_stay_ahead(nlp):
    got = dates(nlp, "Elections will be held in June, officials say.", "2023-03-10")
    assert got["June"][:3] == ("2023-06-01", "2023-06-30", "month")
    got = dates(nlp, "The truce is expected to last until April 22.", "2023-03-10")
    assert got["April 22"][:3] == ("2023-04-22", "2023-04-22", "day")


def test_dates_reference_news_year_of_another_paragraph_is_not_borrowed(nlp):
    text = "The insurgency began in 2014.\n\nOn May 2 militants attacked a checkpoint in Borno."
    got = dates(nlp, text, "2024-05-20")
    assert got["May 2"] == ("2024-05-02", "2024-05-02", "day", "document")
    same = dates(nlp, "In 2014, on May 2, militants attacked a checkpoint.", "2024-05-20")
    assert same["May 2"] == ("2014-05-02", "2014-05-02", "day", "context")


def test_dates_reference_text_with_no_year_keeps_month_and_day(nlp):
    doc = nlp.make_doc("The patrol left on June 18 and returned between Aug. 20 and 25, in late "
                       "September.")
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    got = {s.text: s._.norm for s in doc.spans[CANDIDATES["DATE"]]}
    assert (got["June 18"]["start"], got["June 18"]["end"], got["June 18"]["precision"]) == (None, None, "day")
    assert got["June 18"]["edtf"] == "XXXX-06-18"
    assert got["between Aug. 20 and 25"]["edtf"] == "XXXX-08-20/XXXX-08-25"
    assert got["between Aug. 20 and 25"]["precision"] == "days"
    assert (got["late September"]["start"], got["late September"]["precision"]) == (None, "part_of_month")


def relative(nlp, text: str, doc_date: str | None = None) -> dict[str, tuple]:
    doc = nlp.make_doc(text)
    doc._.doc_date = doc_date
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert not any(e.text in ("The next day", "that evening") for e in doc.ents)  # not DATE (D1)
    return {s.text: (s._.norm["start"], s._.norm["end"], s._.norm["precision"])
            for s in doc.spans["warevents_dates_relative"]}


def test_dates_reference_anaphora_walk_from_the_story_dates(nlp):
    text = ("On 3 May 1942 the division crossed the Donets. The next day it reached Izium, and "
            "that evening the bridge fell. Three days later the counterattack came. Five years "
            "later the town was rebuilt; the following spring farmers returned.")
    got = relative(nlp, text)
    assert got["The next day"] == ("1942-05-04", "1942-05-04", "day")
    assert got["that evening"] == ("1942-05-04", "1942-05-04", "day")
    assert got["Three days later"] == ("1942-05-07", "1942-05-07", "day")
    assert got["Five years later"] == ("1947-01-01", "1947-12-31", "year")
    assert got["the following spring"] == ("1947-03-01", "1947-05-31", "season")


def test_dates_reference_anaphora_news_and_no_anchor(nlp):
    text = ("Published 14 June 2016\nTwo weeks ago a memorial opened in Srebrenica. On Friday "
            "survivors gathered; the same day a mass grave was found.")
    got = relative(nlp, text)
    assert got["Two weeks ago"] == ("2016-05-30", "2016-06-05", "days")
    assert got["the same day"] == ("2016-06-10", "2016-06-10", "day")
    bare = relative(nlp, "Shelling resumed the next day; a week earlier, talks had failed. It ended "
                         "two days later than planned.")
    assert "two days later" not in bare
    assert bare["the next day"] == (None, None, "day")
    assert bare["a week earlier"] == (None, None, "day")


def test_dates_reference_last_next_this_month_and_season(nlp):
    text = ("Talks in Juba collapsed last June. Fighting resumed last spring and may end this "
            "autumn; elections are due next March. This winter was hard.")
    got = dates(nlp, text, "2023-03-10")
    assert got["last June"] == ("2022-06-01", "2022-06-30", "month", "document")
    assert got["last spring"][:3] == ("2022-03-01", "2022-05-31", "season")
    assert got["this autumn"][:3] == ("2023-09-01", "2023-11-30", "season")
    assert got["next March"][:3] == ("2024-03-01", "2024-03-31", "month")
    assert got["This winter"][:3] == ("2022-12-01", "2023-02-28", "season")
    assert dates(nlp, "Talks collapsed last June.")["last June"][:3] == (None, None, "month")
