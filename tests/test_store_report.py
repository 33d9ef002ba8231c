"""The registry's HTML page: self-contained, and drawn by a real headless browser."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from warevents.cli import app
from warevents.store import Store
from warevents.store.report import render_report
from warevents.store.synthetic import event, record


@pytest.fixture
def rows(tmp_path):
    st = Store(str(tmp_path / "r.db"))
    st.ingest_records([
        record("wiki", [event("MASSACRE", "2022-04-08", "Kramatorsk", 48.731, 37.568, killed=61,
                              sentence="A missile killed 61 people at Kramatorsk station.")],
               source="https://en.wikipedia.org/wiki/Kramatorsk_railway_station_attack"),
        record("voa", [event("KILLING", "2022-04-08", "Kramatorsk", 48.731, 37.568, killed=50,
                             sentence="At least 50 died, <b>officials</b> said.")]),
        record("sudan", [event("REMOTE_VIOLENCE", "2025-02-01", "Omdurman", 15.644, 32.477, killed=56)]),
        record("nowhere", [event("BATTLE", "2024-05-01", None, killed=2)]),
    ])
    return st.incidents()


def test_store_report_is_one_offline_page_linking_marks_to_sources(rows):
    page = render_report(rows)
    assert not re.search(r"""(src|href)=["']?(https?:)?//(?!en\.wikipedia\.org)""", page)
    assert "<script" not in page and "<link" not in page
    # every incident has one mark on the map (when placed) and the timeline, linking to its entry
    for r in rows:
        assert f'id="{r["incident_id"]}"' in page
    placed = [r for r in rows if r["lat"] is not None]
    assert page.count('<circle class="mark"') == len(placed) + len(rows)
    assert "&lt;b&gt;officials&lt;/b&gt;" in page  # evidence is escaped, never markup
    assert 'href="https://en.wikipedia.org/wiki/Kramatorsk_railway_station_attack"' in page
    kram = next(r for r in rows if r["place"] == "Kramatorsk")
    assert kram["fatalities_best"] == 55 and "killed low/best/high 50 / 55 / 61" in page


def test_store_report_cli_writes_the_page(tmp_path, rows):
    db = str(tmp_path / "r.db")
    out = tmp_path / "report.html"
    res = CliRunner().invoke(app, ["report", "--db", db, "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "3 incident(s) from 4 document(s)" in out.read_text(encoding="utf-8")


def test_store_report_renders_in_headless_chromium(tmp_path, rows, headless_chromium):
    page = tmp_path / "report.html"
    page.write_text(render_report(rows), encoding="utf-8")
    dom = headless_chromium("--virtual-time-budget=3000", "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr.decode(errors="replace")[-2000:]
    dom_text = dom.stdout.decode("utf-8")
    # the browser parsed the inline SVGs: the marks are elements of the live DOM
    assert dom_text.count("<circle") == sum(1 for r in rows if r["lat"] is not None) + len(rows)
    assert 'id="map"' in dom_text and 'id="timeline"' in dom_text
    shot = tmp_path / "report.png"
    res = headless_chromium("--virtual-time-budget=3000", f"--screenshot={shot}", "--window-size=1200,1400",
                            page.as_uri())
    assert res.returncode == 0 and shot.exists(), res.stderr.decode(errors="replace")[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a drawn page, not a blank one
