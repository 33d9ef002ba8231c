"""Event offsets index the text they quote, also when documents are concatenated
(issue 10: an infobox record of the second part got the first part's title as
trigger text, at the box's own offsets)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT / "annotations" / "synthetic" / "texts" / "h06_nonwar_newspage.txt"
INFOBOX = ROOT / "seeds" / "000_e28c72fd2f95dad9.txt"


def _offset_errors(text: str, events: list[dict]) -> list[tuple]:
    bad = []
    for ev in events:
        t = ev["trigger"]
        if text[t["start"]:t["end"]] != t["text"]:
            bad.append((ev["id"], "trigger", t["text"], text[t["start"]:t["end"]]))
        for e in ev["evidence"]:
            if text[e["start"]:e["end"]] != e["text"]:
                bad.append((ev["id"], "evidence", e["text"][:30]))
        for key in ("date", "location"):
            v = ev.get(key)
            if v and v.get("span_start") is not None and text[v["span_start"]:v["span_end"]] != v["text"]:
                bad.append((ev["id"], key, v["text"]))
        for actor in ev["perpetrators"] + ev["victims"]:
            if actor["start"] is not None and text[actor["start"]:actor["end"]] != actor["text"]:
                bad.append((ev["id"], "actor", actor["text"]))
    return bad


@pytest.mark.parametrize("order", ["news+infobox", "infobox+news"])
def test_events_concatenated_documents_offsets_index_their_text(nlp, order):
    a, b = NEWS.read_text(encoding="utf-8"), INFOBOX.read_text(encoding="utf-8")
    if order == "infobox+news":
        a, b = b, a
    text = a.rstrip("\n") + "\n\n" + b
    doc = nlp(text)
    assert doc._.events, "the infobox page reports events"
    assert _offset_errors(text, doc._.events) == []


def test_events_infobox_record_named_by_its_own_block_title(nlp):
    text = NEWS.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + INFOBOX.read_text(encoding="utf-8")
    doc = nlp(text)
    boxed = [e for e in doc._.events if "infobox" in e["sources"]]
    assert boxed and all(e["name"] == "Gegenmiao massacre" for e in boxed)
