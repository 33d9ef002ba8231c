"""A self-contained HTML report: each document's text with its spans coloured
(normalised value on hover) and its event records as a table whose rows
highlight their evidence sentences. No CDN, no network: the CSS and the small
script are inlined. Every piece of input text is HTML-escaped.

>>> from warevents.schemas import Document
>>> html = document_html(Document(doc_id="<d>", text_sha256="0", n_chars=0), "", 1)
>>> "&lt;d&gt;" in html and "<d>" not in html
True
"""

from __future__ import annotations

import bisect
import itertools
from html import escape
from importlib import resources
from typing import Any

from ...schemas import Document, Event
from .colors import DISPLACY_COLORS

_DEFAULT_COLOR = "#ddd"


def _asset(name: str) -> str:
    return resources.files("warevents").joinpath("data", "report", name).read_text(encoding="utf-8")


def page_head(title: str = "warevents report") -> str:
    legend = " ".join(f'<mark class="ent" style="background:{c}">{escape(lab)}</mark>'
                      for lab, c in DISPLACY_COLORS.items())
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{escape(title)}</title>\n<style>\n{_asset('report.css')}</style></head>\n<body>\n"
        f"<header><h1>{escape(title)}</h1><div class=\"legend\">{legend} "
        "<span class=\"meta\" style=\"color:#ccd\">hover a span for its normalised value; "
        "hover or click an event row to highlight its evidence</span></div></header>\n<main>\n"
    )


def page_tail() -> str:
    return f"</main>\n<script>\n{_asset('report.js')}</script>\n</body></html>\n"


def _norm_title(norm: dict[str, Any] | None) -> str:
    if not norm:
        return "no normalised value"
    parts = []
    for key, value in norm.items():
        if value in (None, [], ""):
            continue
        parts.append(f"{key}: {', '.join(map(str, value)) if isinstance(value, list) else value}")
    return "\n".join(parts) or "no normalised value"


def _segments(text: str, cuts: set[int]) -> list[tuple[int, int]]:
    points = sorted({0, len(text), *(c for c in cuts if 0 < c < len(text))})
    return list(itertools.pairwise(points))


def _text_html(text: str, record: Document, keys: list[str], events: list[Event]) -> str:
    """The text cut at every span and evidence boundary; spans become ``<mark>``s and every
    piece inside an evidence sentence carries the keys of its events (``data-ev``)."""
    ranges = [(e.start, e.end, key) for key, ev in zip(keys, events) for e in ev.evidence
              if 0 <= e.start < e.end <= len(text)]
    spans = sorted((s for s in record.spans if 0 <= s.start < s.end <= len(text)),
                   key=lambda s: s.start)
    cuts = {b for s in spans for b in (s.start, s.end)} | {b for r in ranges for b in r[:2]}
    starts = [s.start for s in spans]

    # a sweep over the segments keeps the evidence ranges covering the current one
    ranges.sort()
    nxt = 0
    active: list[tuple[int, int, str]] = []
    out: list[str] = []
    open_span = None
    for a, b in _segments(text, cuts):
        while nxt < len(ranges) and ranges[nxt][0] <= a:
            active.append(ranges[nxt])
            nxt += 1
        active = [r for r in active if r[1] >= b]
        i = bisect.bisect_right(starts, a) - 1
        span = spans[i] if i >= 0 and spans[i].start <= a < spans[i].end else None
        if span is not open_span:
            if open_span is not None:
                out.append(f'<span class="lab">{escape(open_span.label)}</span></mark>')
            if span is not None:
                color = DISPLACY_COLORS.get(span.label, _DEFAULT_COLOR)
                out.append(f'<mark class="ent" data-label="{escape(span.label)}" '
                           f'style="background:{color}" title="{escape(_norm_title(span.norm))}">')
            open_span = span
        body = escape(text[a:b])
        here = sorted({r[2] for r in active})
        out.append(f'<span class="ev" data-ev="{" ".join(here)}">{body}</span>' if here else body)
    if open_span is not None:
        out.append(f'<span class="lab">{escape(open_span.label)}</span></mark>')
    return "".join(out)


def _cell(value: Any) -> str:
    return escape(str(value)) if value not in (None, "", []) else '<span class="none">-</span>'


def _range(low: int | None, high: int | None) -> str:
    if low == high:
        return "?" if low is None else str(low)
    if high is None:
        return f"{low}+"
    return f"up to {high}" if low is None else f"{low}-{high}"


def _events_table(events: list[Event], keys: list[str]) -> str:
    if not events:
        return '<p class="none">No event records.</p>'
    head = ("<tr><th>#</th><th>type</th><th>date</th><th>place</th><th>perpetrators</th>"
            "<th>victims</th><th>counts</th><th>modality</th><th>confidence</th><th>evidence</th></tr>")
    rows = []
    for n, (key, ev) in enumerate(zip(keys, events), start=1):
        date = ""
        if ev.date and (ev.date.start or ev.date.end):
            date = ev.date.start if ev.date.end in (None, ev.date.start) else f"{ev.date.start} .. {ev.date.end}"
        place = (ev.location.canonical or ev.location.text) if ev.location else ""
        counts = "; ".join(f"{c.kind} {_range(c.low, c.high)}" for c in ev.counts)
        evidence = " | ".join(" ".join(e.text.split()) for e in ev.evidence)
        if len(evidence) > 240:
            evidence = evidence[:239] + "…"
        rows.append(
            f'<tr class="row" data-key="{escape(key)}"><td>{n}</td>'
            f"<td>{_cell(ev.type)}<br><span class=\"meta\">{_cell(ev.event_type)}: {_cell(ev.sub_event_type)}</span></td>"
            f"<td>{_cell(date)}</td><td>{_cell(place)}</td>"
            f"<td>{_cell('; '.join(a.text for a in ev.perpetrators))}</td>"
            f"<td>{_cell('; '.join(a.text for a in ev.victims))}</td>"
            f"<td>{_cell(counts)}</td><td>{_cell(ev.modality)}</td><td>{ev.confidence:.2f}</td>"
            f"<td>{_cell(evidence)}</td></tr>"
        )
    return f'<table class="events">{head}{"".join(rows)}</table>'


def document_html(record: Document, text: str, index: int) -> str:
    """One ``<section>`` for one document (``index`` makes its event keys page-unique)."""
    events = [e if isinstance(e, Event) else Event.model_validate(e) for e in record.events]
    keys = [f"d{index}-{k}" for k in range(len(events))]  # page-unique, whatever the event ids
    by_label: dict[str, int] = {}
    for s in record.spans:
        by_label[s.label] = by_label.get(s.label, 0) + 1
    counts = ", ".join(f"{n} {lab}" for lab, n in by_label.items()) or "no spans"
    return (
        f'<section class="doc" id="doc-{index}"><h2>{escape(record.doc_id)}</h2>'
        f'<div class="meta">{escape(record.source or "")} · {record.n_chars} characters · '
        f"{escape(counts)} · {len(events)} event(s)</div>\n"
        f"<h3>Events</h3>{_events_table(events, keys)}\n"
        f'<h3>Text</h3><div class="text">{_text_html(text, record, keys, events)}</div></section>\n'
    )
