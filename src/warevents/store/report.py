"""One self-contained HTML page: a timeline of incidents by type and a map sized by fatalities.

No script, no CDN, no tile server: the map is an inline SVG of a shipped world
outline (Natural Earth 1:110m, public domain; see ``data/world_110m.json``).
Every mark links to its incident's entry, which lists the sources with their
figures, evidence sentences and the reasons each one joined.

>>> "<svg" in render_report([], title="empty")
True
"""

from __future__ import annotations

import json
import math
from datetime import date
from functools import lru_cache
from html import escape
from importlib import resources
from typing import Any

PALETTE = {"MASSACRE": "#b2182b", "KILLING": "#ef8a62", "REMOTE_VIOLENCE": "#7b3294",
           "BATTLE": "#2166ac", "SEXUAL_VIOLENCE": "#c51b7d", "ABDUCTION": "#1b7837",
           "DETENTION": "#5aae61", "LOOTING": "#8c510a", "RIOT": "#d8b365",
           "MASS_SUICIDE": "#542788", "OTHER_VIOLENCE": "#666666"}

CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em} h2{font-size:1.15em;margin-top:1.5em}
svg{background:#fff;border:1px solid #ccc;max-width:100%;height:auto}
.land{fill:#e8e4d8;stroke:#b8b2a0;stroke-width:.15}
.mark{fill-opacity:.7;stroke:#222;stroke-width:.2}
.axis{stroke:#999;stroke-width:1} .lbl{font-size:11px;fill:#444}
.inc{border-top:1px solid #ddd;padding:.5em 0} .inc:target{background:#fff6d5}
.ev{color:#444;margin:.2em 0 .2em 1.5em} .why{color:#777;font-size:.9em}
table{border-collapse:collapse} td,th{padding:2px 8px;text-align:left}
.key span{display:inline-block;width:.9em;height:.9em;margin:0 .3em 0 1em;vertical-align:middle}
"""


@lru_cache(maxsize=1)
def world() -> dict[str, str]:
    raw = resources.files("warevents.store").joinpath("data/world_110m.json").read_text("utf-8")
    return json.loads(raw)


def _colour(t: str | None) -> str:
    return PALETTE.get(t or "", "#666666")


def _radius(killed: int | None, scale: float) -> float:
    return scale * (0.6 + math.sqrt(max(0, killed or 0)) / 3)


def _label(r: dict[str, Any]) -> str:
    d = r["date_start"] or "undated"
    if r["date_end"] and r["date_end"] != r["date_start"]:
        d += f"..{r['date_end']}"
    k = r["fatalities_best"]
    return f"{r['type']} {d} {r['place'] or 'unplaced'}" + (f", {k} killed" if k is not None else "")


def _map(rows: list[dict[str, Any]]) -> str:
    marks = []
    for r in sorted(rows, key=lambda r: -(r["fatalities_best"] or 0)):  # small marks on top
        if r["lat"] is None or r["lon"] is None:
            continue
        x, y = r["lon"] + 180, 90 - r["lat"]
        marks.append(f'<a href="#{escape(r["incident_id"])}"><circle class="mark" cx="{x:.2f}" '
                     f'cy="{y:.2f}" r="{_radius(r["fatalities_best"], 0.8):.2f}" '
                     f'fill="{_colour(r["type"])}"><title>{escape(_label(r))}</title></circle></a>')
    w = world()
    return (f'<svg id="map" viewBox="{w["viewBox"]}" width="1080" height="540" role="img" '
            f'aria-label="map of incidents"><path class="land" d="{w["path"]}"/>{"".join(marks)}</svg>')


def _timeline(rows: list[dict[str, Any]]) -> str:
    dated = [r for r in rows if r["date_start"]]
    types = sorted({r["type"] for r in rows if r["type"]}) or ["-"]
    width, left, row_h = 1080, 150, 34
    height = 40 + row_h * len(types)
    if dated:
        days = [date.fromisoformat(r["date_start"][:10]).toordinal() for r in dated]
        lo, hi = min(days) - 1, max(days) + 1
    else:
        lo, hi = 0, 1
    span = max(1, hi - lo)
    parts = [f'<line class="axis" x1="{left}" y1="{height - 20}" x2="{width - 10}" y2="{height - 20}"/>']
    for t_i, t in enumerate(types):
        y = 20 + row_h * t_i + row_h / 2
        parts.append(f'<text class="lbl" x="4" y="{y + 4:.0f}">{escape(t)}</text>')
    if dated:
        for k in range(5):
            d = lo + span * k / 4
            x = left + (width - 10 - left) * k / 4
            anchor = ("start", "middle", "middle", "middle", "end")[k]
            parts.append(f'<text class="lbl" x="{x:.0f}" y="{height - 4}" text-anchor="{anchor}">'
                         f'{date.fromordinal(int(d)).isoformat()}</text>')
    for r in dated:
        d = date.fromisoformat(r["date_start"][:10]).toordinal()
        x = left + (width - 10 - left) * (d - lo) / span
        y = 20 + row_h * types.index(r["type"]) + row_h / 2
        parts.append(f'<a href="#{escape(r["incident_id"])}"><circle class="mark" cx="{x:.1f}" '
                     f'cy="{y:.1f}" r="{min(16.0, _radius(r["fatalities_best"], 3)):.1f}" '
                     f'fill="{_colour(r["type"])}"><title>{escape(_label(r))}</title></circle></a>')
    return (f'<svg id="timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" aria-label="timeline of incidents by type">{"".join(parts)}</svg>')


def _link(source: str | None, doc_id: str) -> str:
    text = escape(source or doc_id)
    if source and source.startswith(("http://", "https://")):
        return f'<a href="{escape(source)}">{text}</a>'
    return f"<code>{text}</code>"


def _entry(r: dict[str, Any]) -> str:
    figs = " / ".join("?" if r[k] is None else str(r[k])
                      for k in ("fatalities_low", "fatalities_best", "fatalities_high"))
    out = [f'<div class="inc" id="{escape(r["incident_id"])}"><b>{escape(_label(r))}</b> '
           f'<span class="why">[{escape(r["incident_id"])}; killed low/best/high {figs}; '
           f'{r["n_sources"]} source(s)]</span>']
    for s in r["sources"]:
        kill = "" if s["killed_low"] is None else f" — killed {s['killed_low']}" + (
            "" if s["killed_high"] in (None, s["killed_low"]) else f"–{s['killed_high']}")
        why = "; ".join(s["join"].get("reasons", [])) or "; ".join(
            sorted({x for rs in s["join"].get("with", {}).values() for x in rs}))
        out.append(f'<div class="ev">{_link(s["source"], s["doc_id"])} '
                   f'<code>{escape(s["event_key"])}</code>{escape(kill)}'
                   + "".join(f"<br>“{escape(e)}”" for e in s["evidence"])
                   + (f'<br><span class="why">joined: {escape(why)}</span>' if why else "")
                   + "</div>")
    out.append("</div>")
    return "".join(out)


def render_report(rows: list[dict[str, Any]], *, title: str = "warevents incident registry") -> str:
    """The page for incident rows (as :meth:`warevents.store.Store.incidents` returns them)."""
    key = "".join(f'<span style="background:{c}"></span>{escape(t)}' for t, c in PALETTE.items()
                  if any(r["type"] == t for r in rows))
    n_src = len({s["doc_id"] for r in rows for s in r["sources"]})
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<style>{CSS}</style></head><body><h1>{escape(title)}</h1>'
        f'<p id="summary">{len(rows)} incident(s) from {n_src} document(s). Marks are sized by '
        f'the best fatality estimate; click one to see its sources.</p><p class="key">{key}</p>'
        f'<h2>Timeline</h2>{_timeline(rows)}<h2>Map</h2>{_map(rows)}'
        f'<h2>Incidents</h2>{"".join(_entry(r) for r in rows)}'
        f'<p class="why">World outline: Natural Earth 1:110m, public domain.</p></body></html>\n'
    )


def write_report(rows: list[dict[str, Any]], path: str, *, title: str = "warevents incident registry") -> int:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(render_report(rows, title=title))
    return len(rows)
