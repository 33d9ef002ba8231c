"""Infobox-style header blocks ("Location ... / Date ... / Deaths ...").

Scraped encyclopedia pages start with key/value lines whose keys are glued to
their values ("DeathsOver 1,000"). A block is a run of at least three lines
starting with a known key (``data/lexicons/infobox_keys.jsonl``); its values
become one event record, typed from the page title and the "Attack type"
line, with the DATE/PLACE/CASUALTY/MILITARY_UNIT spans found inside each line.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..components.s1_layout.blocks import Infobox, InfoboxLine, find_infoboxes, is_heading  # noqa: F401
from .linking import date_from_span, geo_precision
from .models import Actor, Count, CountSource, EventDate, EventLocation

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_NUMBER = re.compile(r"(?i)\b(over|more than|at least|nearly|almost|about|around|up to)?\s*(\d{1,3}(?:,\d{3})+|\d+)\b")
def box_title(text: str, box_start: int, doc_title: str | None,
              doc_title_start: int | None) -> tuple[str | None, int]:
    r"""(title, offset) naming the infobox that starts at ``box_start``.

    The title is the first line of the block holding the box (the lines after
    the last blank line before it: "Gegenmiao massacre / Part of ... / Location
    ..."), when it is a heading; otherwise the document title. The offset is
    where that text is, so ``text[offset:offset + len(title)] == title`` even
    when several documents were concatenated (the box of the second one used
    to get the first one's title at the box's own offset). Without either,
    ``(None, box_start)``.

    >>> box_title("A\n\nMy Lai massacre\nLocationMy Lai", 19, "A", 0)
    ('My Lai massacre', 3)
    """
    block = max(text.rfind("\n\n", 0, box_start), text.rfind("\n \n", 0, box_start))
    line_start = 0 if block < 0 else text.index("\n", block + 1) + 1
    while line_start < box_start and text[line_start] in " \t\n":
        line_start += 1
    line_end = text.find("\n", line_start)
    line = text[line_start:line_end if line_end >= 0 else len(text)].rstrip()
    if line and line_start < box_start and is_heading(line):
        return line, line_start
    if doc_title is not None and doc_title_start is not None:
        return doc_title, doc_title_start
    return None, box_start


def _spans_in(doc: Doc, start: int, end: int, label: str) -> list[Span]:
    return [e for e in doc.ents if e.label_ == label and e.start_char >= start and e.end_char <= end]


def infobox_fields(doc: Doc, box: Infobox) -> dict:
    """Event fields from an infobox: date, location, victims, perpetrators, counts, type words."""
    out: dict = {"perpetrators": [], "victims": [], "counts": [], "type_words": []}
    for ln in box.get("date"):
        spans = [d for d in _spans_in(doc, ln.start, ln.end, "DATE") if date_from_span(d)]
        if spans:
            out["date"] = date_from_span(spans[0], "infobox")
        else:
            iso = _ISO.search(ln.value)
            if iso:
                s = ln.start + iso.start()
                out["date"] = EventDate(start=iso.group(0), end=iso.group(0), precision="day",
                                        text=iso.group(0), span_start=s, span_end=s + len(iso.group(0)),
                                        provenance="infobox")
        break
    for ln in box.get("location"):
        places = _spans_in(doc, ln.start, ln.end, "PLACE")
        if places:
            p = places[0]
            norm = p._.norm or {}
            out["location"] = EventLocation(text=ln.value, canonical=norm.get("canonical") or p.text,
                                            modern=norm.get("modern"), lat=norm.get("lat"), lon=norm.get("lon"),
                                            geo_precision=geo_precision(norm), span_start=ln.start,
                                            span_end=ln.end, provenance="infobox")
        else:
            out["location"] = EventLocation(text=ln.value, canonical=ln.value, span_start=ln.start,
                                            span_end=ln.end, provenance="infobox")
        break
    for role in ("victims", "perpetrators"):
        for ln in box.get(role):
            units = _spans_in(doc, ln.start, ln.end, "MILITARY_UNIT")
            out[role].append(Actor(text=ln.value, start=ln.start, end=ln.end, provenance="infobox",
                                   units=[{"text": u.text, "start": u.start_char, "end": u.end_char,
                                           "norm": u._.norm} for u in units]))
    for kind in ("killed", "wounded"):
        for ln in box.get(kind):
            cas = _spans_in(doc, ln.start, ln.end, "CASUALTY")
            if cas:
                for c in cas:
                    norm = c._.norm or {}
                    out["counts"].append(Count(kind=norm.get("kind") or kind, low=norm.get("low"),
                                               high=norm.get("high"), qualifier=norm.get("qualifier"),
                                               sources=[CountSource(text=c.text, start=c.start_char, end=c.end_char,
                                                                    low=norm.get("low"), high=norm.get("high"))]))
                continue
            num = _NUMBER.search(ln.value)
            if num:
                n = int(num.group(2).replace(",", ""))
                qual = (num.group(1) or "").lower() or None
                low, high = n, n
                if qual in {"over", "more than", "at least"}:
                    high = None
                elif qual in {"nearly", "almost", "up to"}:
                    low = None
                out["counts"].append(Count(kind=kind, low=low, high=high, qualifier=qual,
                                           sources=[CountSource(text=ln.value, start=ln.start, end=ln.end,
                                                                low=low, high=high)]))
    for ln in box.get("type"):
        out["type_words"].extend(w.strip().lower() for w in re.split(r"[,;/]", ln.value) if w.strip())
    return out
