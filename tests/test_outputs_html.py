"""`--format html`: a self-contained report page, escaped, checked in a real headless browser.

Records are built by hand from texts written for these tests (no model is loaded).
"""

from __future__ import annotations

import re

import pytest

from warevents.extractor.records import Processed
from warevents.io.report.colors import DISPLACY_COLORS
from warevents.io.writers import make_writer
from warevents.schemas import Document

TEXT = ("On 17 July 2014 the 53rd Brigade was seen near Snizhne. "
        "Two days later 298 people were killed when the airliner fell near Hrabove.\n"
        "A reader wrote <script>alert('x')</script> & <b>bold</b> here.")


def _span(label: str, text: str, norm: dict | None = None) -> dict:
    start = TEXT.index(text)
    return {"label": label, "text": text, "start": start, "end": start + len(text), "norm": norm}


def _record(doc_id: str = "mh17 <script>alert(1)</script>") -> Document:
    second = TEXT.index("Two days")
    end_second = TEXT.index("\n")
    killed = TEXT.index("killed")
    return Document(
        doc_id=doc_id, source="news/mh17.txt", text_sha256="cd" * 32, n_chars=len(TEXT),
        spans=[
            _span("DATE", "17 July 2014", {"start": "2014-07-17", "end": "2014-07-17", "precision": "day"}),
            _span("MILITARY_UNIT", "53rd Brigade", {"name": "53rd Brigade", "ordinal": 53}),
            _span("PLACE", "Snizhne", {"canonical": "Snizhne", "country": "UA", "lat": 48.03, "lon": 38.77}),
            _span("CASUALTY", "298 people", {"kind": "killed", "low": 298, "high": 298}),
            _span("PLACE", "Hrabove", {"canonical": "Hrabove <img src=x onerror=alert(2)>"}),
        ],
        events=[{
            "id": "ev1", "type": "KILLING", "event_type": "Violence against civilians",
            "sub_event_type": "Attack", "civilian_targeting": True,
            "trigger": {"text": "killed", "start": killed, "end": killed + 6, "lemma": "kill"},
            "date": {"start": "2014-07-17", "end": "2014-07-17", "precision": "day"},
            "location": {"text": "Hrabove", "canonical": "Hrabove"},
            "victims": [{"text": "298 people </td><script>alert(3)</script>"}],
            "counts": [{"kind": "killed", "low": 298, "high": 298}],
            "evidence": [{"start": second, "end": end_second, "text": TEXT[second:end_second]}],
        }],
    )


def _page(tmp_path, records=None) -> tuple[str, object]:
    out = tmp_path / "report.html"
    with make_writer("html", str(out)) as writer:
        for rec in records if records is not None else [_record()]:
            writer.write(Processed(rec, TEXT))
    return out.read_text(encoding="utf-8"), out


def test_outputs_html_escapes_every_input_string(tmp_path):
    page, _ = _page(tmp_path)
    assert page.count("<script>") == 1  # the page's own script, nothing from the input
    assert "alert(" not in page.replace("&#x27;", "'").split("<script>")[1].split("</script>")[0]
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # doc id
    assert "<img" not in page and "&lt;img src=x" in page  # norm shown on hover, escaped
    assert "&lt;/td&gt;&lt;script&gt;alert(3)" in page  # event table cell
    assert "&lt;b&gt;bold&lt;/b&gt; here" in page


def test_outputs_html_is_self_contained_with_all_four_colours_and_norms(tmp_path):
    page, _ = _page(tmp_path)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<style>" in page and "@import" not in page
    for label, color in DISPLACY_COLORS.items():
        assert f'data-label="{label}" style="background:{color}"' in page
    assert 'title="start: 2014-07-17\nend: 2014-07-17\nprecision: day"' in page
    assert 'title="kind: killed\nlow: 298\nhigh: 298"' in page
    # the event row and its evidence sentence share one key
    assert '<tr class="row" data-key="d0-0">' in page
    assert page.count('data-ev="d0-0"') >= 3  # the sentence is cut at its spans: several pieces
    assert "killed 298" in page


def test_outputs_html_no_documents_still_a_page(tmp_path):
    page, _ = _page(tmp_path, records=[])
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "No documents were extracted." in page


def test_outputs_html_displacy_entry_point_colours_all_labels():
    import spacy
    from spacy import displacy
    from spacy.tokens import Span

    doc = spacy.blank("en")("The 3rd Battalion shelled Aleppo on Monday , killing 4 civilians .")
    doc.ents = [Span(doc, 1, 3, "MILITARY_UNIT"), Span(doc, 4, 5, "PLACE"), Span(doc, 6, 7, "DATE"),
                Span(doc, 9, 11, "CASUALTY")]
    html = displacy.render(doc, style="ent")
    for color in DISPLACY_COLORS.values():
        assert f"background: {color}" in html


@pytest.mark.slow
def test_outputs_html_renders_in_headless_chromium(tmp_path, headless_chromium):
    _, path = _page(tmp_path, [_record("first"), _record("second")])
    flags = ["--hide-scrollbars", "--disable-extensions", "--window-size=1200,1400"]
    shot = tmp_path / "report.png"
    run = headless_chromium(*flags, f"--screenshot={shot}", path.as_uri())
    assert run.returncode == 0, run.stderr.decode(errors="replace")[-2000:]
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000  # a real, non-blank page
    # the DOM after the script ran: the second document's event selected through #ev=KEY
    dom = headless_chromium(*flags, "--dump-dom", path.as_uri() + "#ev=d1-0").stdout.decode("utf-8")
    assert dom.count('<tr class="row') == 2  # both documents' events are listed
    assert '<tr class="row active" data-key="d1-0">' in dom
    highlighted = re.findall(r'<span class="ev hl" data-ev="d1-0">([^<]*)</span>', dom)
    assert "Two days later " in highlighted and "298 people" in highlighted
    assert not re.findall(r'class="ev hl" data-ev="d0-0"', dom)
