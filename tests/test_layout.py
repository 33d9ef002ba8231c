"""The layout stage: span groups computed once, read by the later stages."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from warevents.components.s1_layout.component import GROUPS, attrs_of

MODEL = Path(__file__).resolve().parents[1] / "models" / "warevents-default"


@pytest.fixture(scope="module")
def layout_nlp():
    """A blank English pipeline with the layout stage only (no model needed)."""
    from warevents.components.s1_layout import customize_tokenizer

    nlp = spacy.blank("en")
    customize_tokenizer(nlp)
    nlp.add_pipe("warevents_layout")
    return nlp


def _texts(doc, key):
    return [doc.text[a["start"]:a["end"]] for a in attrs_of(doc, key)]


def test_layout_blank_line_paragraphs_and_blocks(layout_nlp):
    doc = layout_nlp("First paragraph here.\nStill the first block.\n\n\nSecond block.\n   \nThird block.")
    attrs = attrs_of(doc, "layout_paragraphs")
    assert _texts(doc, "layout_paragraphs") == ["First paragraph here.", "Still the first block.",
                                                "Second block.", "Third block."]
    assert [a["block"] for a in attrs] == [0, 0, 1, 2]
    assert [a["index"] for a in attrs] == [0, 1, 2, 3]
    assert [s.text for s in doc.spans["layout_paragraphs"]] == _texts(doc, "layout_paragraphs")
    assert all(name in doc.spans for name in GROUPS)


def test_layout_title_and_headings(layout_nlp):
    doc = layout_nlp("Gegenmiao massacre\n\nSoldiers killed the villagers.\n\nAftermath\n\nThe town was rebuilt.")
    heads = doc.spans["layout_headings"]
    assert [(s.label_, s.text) for s in heads] == [("title", "Gegenmiao massacre"), ("heading", "Aftermath")]
    kinds = [a["kind"] for a in attrs_of(doc, "layout_paragraphs")]
    assert kinds == ["title", "text", "heading", "text"]


def test_layout_no_title_when_the_first_line_is_a_sentence(layout_nlp):
    doc = layout_nlp("Soldiers killed the villagers.\nAftermath")
    assert [s.label_ for s in doc.spans["layout_headings"]] == ["heading"]


def test_layout_infobox_block(layout_nlp):
    text = ("Gegenmiao massacre\nLocationGegenmiao lamasery\nDateAugust 14, 1945\nDeathsOver 1,000\n"
            "PerpetratorsSoviet troops\n\nThe massacre took place on August 14.")
    doc = layout_nlp(text)
    (box,) = attrs_of(doc, "layout_infoboxes")
    assert text[box["start"]:box["end"]].startswith("LocationGegenmiao")
    assert [line[0] for line in box["lines"]][:3] == ["Location", "Date", "Deaths"]
    assert doc.spans["layout_infoboxes"][0].label_ == "infobox"
    kinds = [a["kind"] for a in attrs_of(doc, "layout_paragraphs")]
    assert kinds[1:5] == ["infobox"] * 4


def test_layout_dateline_starts_a_story(layout_nlp):
    text = "Earlier story about a court case.\nKHARKIV, Ukraine, March 2 (AP) - Shells hit the city."
    doc = layout_nlp(text)
    assert _texts(doc, "layout_datelines") == ["KHARKIV, Ukraine, March 2 (AP) -"]
    assert doc.spans["layout_datelines"][0].text == "KHARKIV, Ukraine, March 2 (AP) -"
    assert [a["start"] for a in attrs_of(doc, "layout_story_breaks")] == [text.index("KHARKIV")]
    paras = attrs_of(doc, "layout_paragraphs")
    assert [(p["story"], p["dateline"]) for p in paras] == [(0, False), (1, True)]


def test_layout_story_break_lines(layout_nlp):
    text = "Aug. 9, 1945 story.\nRelated Articles\nOn Aug. 13 a court ruled.\n2 hours ago\nMore."
    doc = layout_nlp(text)
    assert [text[s:s + 11] for s in (a["start"] for a in attrs_of(doc, "layout_story_breaks"))] == [
        "Related Art", "2 hours ago"]


def test_layout_reference_list(layout_nlp):
    text = ("The town was shelled in 1945.\nReferences\n1. ^ Smith, J. (2001). War. ISBN 978-0-00-000000-0\n"
            "2. ^ Jones. Retrieved 3 May 2010.\nExternal links")
    doc = layout_nlp(text)
    (refs,) = attrs_of(doc, "layout_references")
    assert refs["items"] == 2
    assert text[refs["start"]:refs["end"]].startswith("1. ^ Smith") and text[:refs["end"]].endswith("2010.")
    assert [a["kind"] for a in attrs_of(doc, "layout_paragraphs")] == [
        "text", "heading", "reference", "reference", "heading"]


def test_layout_sentence_starts_at_line_breaks(layout_nlp):
    doc = layout_nlp("Location Harbin\nDate 1945")
    assert next(t for t in doc if t.text == "Date").is_sent_start


def test_layout_groups_survive_to_bytes(layout_nlp):
    from spacy.tokens import Doc

    doc = layout_nlp("Title\n\nKYIV, March 3 (Reuters) - Shells fell.")
    restored = Doc(layout_nlp.vocab).from_bytes(doc.to_bytes())
    assert attrs_of(restored, "layout_paragraphs") == attrs_of(doc, "layout_paragraphs")
    assert attrs_of(restored, "layout_datelines") == attrs_of(doc, "layout_datelines")


def test_layout_old_factory_name_builds_the_layout_stage():
    nlp = spacy.blank("en")
    nlp.add_pipe("warevents_line_breaks")
    doc = nlp("Title\n\nText here.")
    assert "layout_paragraphs" in doc.spans


def test_layout_stages_read_the_layout_not_the_text(nlp):
    """Every later stage declares what it reads from the earlier ones."""
    analysis = nlp.analyze_pipes()
    assert "doc.spans" in nlp.get_pipe_meta("warevents_dates").requires
    assert "doc._.war_related" in nlp.get_pipe_meta("warevents_casualties").requires
    assert "doc._.war_related" in nlp.get_pipe_meta("warevents_events").requires
    assert not analysis["problems"].get("warevents_casualties")
    assert not analysis["problems"].get("warevents_events")
    names = nlp.pipe_names
    assert names.index("warevents_layout") < names.index("parser")
    assert names.index("warevents_relevance") < names.index("warevents_casualties")


def test_layout_relevance_is_decided_once_and_read_by_casualties_and_events(nlp, monkeypatch):
    """The casualty stage sees the flag the events stage uses (it used to read
    doc._.war_related before anything had set it)."""
    from warevents.components.s6_casualties import Casualties

    seen = []
    original = Casualties.find

    def spy(self, doc):
        seen.append(doc._.war_related)
        return original(self, doc)

    monkeypatch.setattr(Casualties, "find", spy)
    text = ("Soviet troops attacked the lamasery on August 14, 1945.\n\n"
            "Over 1,000 refugees were killed by the soldiers.")
    doc = nlp(text)
    flags = [a["war_related"] for a in attrs_of(doc, "layout_paragraphs")]
    assert seen == [True] and doc._.war_related is True and all(flags)
    assert doc._.events  # the events stage used the same per-paragraph flags
    events = nlp.get_pipe("warevents_events")
    # the events stage's own (fallback) decision agrees with the relevance stage
    assert [r for _, _, r in events.paragraph_relevance(doc)] == flags


def test_layout_not_war_related_doc_gives_no_casualties_and_no_events(nlp):
    relevance = nlp.get_pipe("warevents_relevance")
    saved = relevance.threshold
    relevance.threshold = 2.0  # nothing is war-related
    try:
        doc = nlp("Soldiers killed 18 villagers in the town.")
    finally:
        relevance.threshold = saved
    assert doc._.war_related is False
    assert not [e for e in doc.ents if e.label_ == "CASUALTY"]
    assert doc._.events == []


def test_layout_old_saved_model_is_upgraded_on_load(old_saved_model):
    from warevents.pipeline import resolve_model

    nlp = resolve_model(old_saved_model)
    names = nlp.pipe_names
    assert "warevents_line_breaks" in names  # the old name, now the layout stage
    assert names.index("warevents_relevance") == names.index("warevents_casualties") - 1
    relevance, events = nlp.get_pipe("warevents_relevance"), nlp.get_pipe("warevents_events")
    assert relevance.relevance_data == events.relevance_data
    doc = nlp("Gegenmiao massacre\n\nSoviet troops killed over 1,000 refugees at the lamasery.")
    assert "layout_paragraphs" in doc.spans and doc._.war_related is True
