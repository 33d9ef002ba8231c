"""The paragraph war-relevance decision is a pure function of the Doc, callable
before the events stage (issue 10: the casualty stage reads doc._.war_related,
which only the later events stage sets)."""

from __future__ import annotations

from warevents.events.paragraphs import paragraph_relevance, paragraphs


def test_paragraphs_are_non_empty_lines():
    assert paragraphs("Title\n\n  \nFirst line.\nSecond.") == [(0, 5), (10, 21), (22, 29)]


def test_paragraph_relevance_agrees_with_the_events_stage(nlp):
    text = ("Liverpool beat Barcelona 4-0 at Anfield.\n\n"
            "On 11 July 1995 Bosnian Serb forces killed more than 8,000 men and boys near Srebrenica.")
    with nlp.select_pipes(disable=["warevents_events"]):
        doc = nlp(text)
    stage = nlp.get_pipe("warevents_events")
    decisions = stage.paragraph_relevance(doc)
    assert [(s, e) for s, e, _ in decisions] == paragraphs(text)
    scores = stage.paragraph_scores(doc, paragraphs(text))
    assert [rel for _, _, rel in decisions] == [x >= stage.relevance_threshold for x in scores]
    assert decisions[1][2] is True
    stage(doc)
    assert doc._.war_related is True
    direct = paragraph_relevance(doc, stage.relevance, is_war_trigger=lambda t: False, threshold=2.0)
    assert [rel for _, _, rel in direct] == [False, False]
