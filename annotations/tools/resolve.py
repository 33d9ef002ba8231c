#!/usr/bin/env python3
"""Turn an authoring file into a gold file (annotations/README.md gives both formats).

Annotators write spans by their text and events by sentence snippets; this
script looks up the source text and fills in every character offset, the
document text and its hash, and one line per paragraph.

Usage:
    python annotations/tools/resolve.py AUTHORING.jsonl -o annotations/gold/<doc_id>.jsonl

Standard library only. Any problem is reported as ``FILE:LINE: message`` and
the script exits with status 1 without writing the output file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys

LABELS = {"MILITARY_UNIT", "PLACE", "DATE", "CASUALTY"}
EVENT_TYPES = {
    "MASSACRE", "KILLING", "SEXUAL_VIOLENCE", "ABDUCTION", "LOOTING", "BATTLE",
    "RIOT", "MASS_SUICIDE", "DETENTION", "OTHER_VIOLENCE", "REMOTE_VIOLENCE",
}
EVENT_FIELDS = ["date", "location", "perpetrators", "victims", "counts"]
EVENT_DEFAULTS = {"date": None, "location": None, "perpetrators": [], "victims": None, "counts": {}}

# Words whose trailing period never ends a sentence (compared lower-cased, without the period).
ABBREVIATIONS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "st", "no",
    "vol", "pp", "p", "ed", "eds", "etc", "vs", "approx", "inc", "co", "corp", "jr", "sr",
    "a.m", "p.m", "u.s", "u.k", "u.n", "i.e", "e.g",
}
CLOSERS = "\"'”’)]»"
CITATION = re.compile(r"(?:\[[0-9a-z]{1,3}\])+")
LEADING_DETERMINER = re.compile(r"^(the|a|an|The|A|An)\s")
TRAILING_PUNCT = ".,;:!?)]}\"'”’"


class AuthoringError(Exception):
    pass


# ---------------------------------------------------------------- text helpers


def _trim(text: str, s: int, e: int) -> tuple[int, int] | None:
    """``[s, e)`` without whitespace at either end; None when nothing is left."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if e > s else None

def read_text(path: str) -> str:
    """Read exactly as the gold format requires: UTF-8, no newline translation."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def find_all(text: str, needle: str, *, boundary: bool) -> list[int]:
    """Start offsets of ``needle``; with ``boundary`` a match may not continue a word.

    "Japan" therefore does not match inside "Japanese", and "Army" does not match
    inside "Armyworm". Boundaries are only checked on sides where the needle itself
    starts/ends with a letter or digit.
    """
    # A plain space in the needle also matches a no-break space (U+00A0): infoboxes use them.
    pattern = re.compile("[ \u00a0]".join(re.escape(part) for part in needle.split(" ")))
    out = []
    for m in pattern.finditer(text) if needle else []:
        i, j = m.start(), m.end()
        ok = True
        if boundary:
            glued = text[i - 1].islower() and needle[0].isupper() if i > 0 else False
            if _is_word(needle[0]) and i > 0 and _is_word(text[i - 1]) and not glued:
                ok = False  # (glued: infobox label + value, e.g. "DateAugust 14" -> "August 14")
            if _is_word(needle[-1]) and j < len(text) and _is_word(text[j]):
                ok = False
        if ok:
            out.append(i)
    # finditer does not report overlapping matches; the needle never matters that way here
    return out


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences; returns (start, end) with surrounding whitespace trimmed.

    A sentence ends at a newline, or after a run of . ! ? (plus closing quotes or
    brackets and citation markers such as "[3]") that is followed by whitespace or
    the end of the text. A single period does not end a sentence when it closes a
    known abbreviation ("Aug.", "p.m.", "Ms."), a single-letter initial ("A."),
    or when the next word starts with a lower-case letter or a digit ("Aug. 17").
    """
    bounds: list[tuple[int, int]] = []
    n = len(text)
    start = 0
    i = 0

    def push(s: int, e: int) -> None:
        trimmed = _trim(text, s, e)
        if trimmed:
            bounds.append(trimmed)

    while i < n:
        ch = text[i]
        if ch in "\r\n":
            push(start, i)
            start = i + 1
            i += 1
            continue
        if ch in ".!?":
            j = i
            while j < n and text[j] in ".!?":
                j += 1
            while True:
                k = j
                while k < n and text[k] in CLOSERS:
                    k += 1
                m = CITATION.match(text, k)
                if m:
                    k = m.end()
                if k == j:
                    break
                j = k
            at_break = j >= n or text[j].isspace()
            if at_break and ch == "." and j - i >= 1 and text[i:j].rstrip(CLOSERS) == ".":
                # single period: check abbreviation / initial / what follows
                w = i
                while w > 0 and not text[w - 1].isspace() and text[w - 1] not in "(\"“'":
                    w -= 1
                word = text[w:i].lower()
                nxt = j
                while nxt < n and text[nxt] in " \t":
                    nxt += 1
                following = text[nxt] if nxt < n else ""
                if (
                    word in ABBREVIATIONS
                    or (len(word) == 1 and word.isalpha())
                    or re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", word) is not None
                    or (following and (following.islower() or following.isdigit()))
                ):
                    at_break = False
            if at_break:
                push(start, j)
                start = j
            i = j
            continue
        i += 1
    push(start, n)
    return bounds


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Paragraphs = maximal runs of non-blank lines; whitespace at either end is trimmed."""
    bounds = []
    for m in re.finditer(r"(?:[^\r\n]*\S[^\r\n]*(?:\r\n|\r|\n|$))+", text):
        trimmed = _trim(text, m.start(), m.end())
        if trimmed:
            bounds.append(trimmed)
    return bounds


# ---------------------------------------------------------------- resolution

def resolve_span(text: str, rec: dict) -> tuple[int, int]:
    needle = rec.get("text")
    if not isinstance(needle, str) or not needle:
        raise AuthoringError('span needs a non-empty "text"')
    if "start" in rec or "end" in rec:
        s, e = rec.get("start"), rec.get("end")
        if not (isinstance(s, int) and isinstance(e, int)) or text[s:e] != needle:
            raise AuthoringError(f"explicit start/end do not cover {needle!r}")
        return s, e
    hits = find_all(text, needle, boundary=True)
    if not hits:
        raise AuthoringError(f"span text {needle!r} not found in the document (whole-word match)")
    if "after" in rec:
        if "occurrence" in rec:
            raise AuthoringError('give "after" or "occurrence", not both')
        ctx = rec["after"]
        ctx_hits = find_all(text, ctx, boundary=False) if isinstance(ctx, str) and ctx else []
        if len(ctx_hits) != 1:
            raise AuthoringError(
                f'"after" context {ctx!r} occurs {len(ctx_hits)} times; it must occur exactly once'
            )
        later = [h for h in hits if h >= ctx_hits[0]]
        if not later:
            raise AuthoringError(f"span text {needle!r} not found at or after context {ctx!r}")
        s = later[0]
    else:
        occ = rec.get("occurrence", 1)
        if not isinstance(occ, int) or occ < 1:
            raise AuthoringError('"occurrence" must be an integer >= 1')
        if occ > len(hits):
            raise AuthoringError(
                f"span text {needle!r} occurs {len(hits)} times; occurrence {occ} does not exist"
            )
        s = hits[occ - 1]
    return s, s + len(needle)  # a no-break space is one character, like the space it replaced


def resolve_evidence(text: str, sentences: list[tuple[int, int]], items) -> list[list[int]]:
    if not isinstance(items, list) or not items:
        raise AuthoringError('event needs a non-empty "evidence_text" list')
    out = []
    for item in items:
        occ = 1
        if isinstance(item, dict):
            snippet, occ = item.get("snippet"), item.get("occurrence", 1)
        else:
            snippet = item
        if not isinstance(snippet, str) or not snippet:
            raise AuthoringError(f"bad evidence item {item!r}")
        hits = find_all(text, snippet, boundary=False)
        if not hits:
            raise AuthoringError(f"evidence snippet {snippet!r} not found")
        if isinstance(item, str) and len(hits) > 1:
            raise AuthoringError(
                f"evidence snippet {snippet!r} occurs {len(hits)} times; make it unique "
                'or write {"snippet": ..., "occurrence": N}'
            )
        if occ > len(hits):
            raise AuthoringError(f"evidence snippet {snippet!r} has no occurrence {occ}")
        h = hits[occ - 1]
        covering = [(s, e) for s, e in sentences if s < h + len(snippet) and h < e]
        if not covering:
            raise AuthoringError(f"evidence snippet {snippet!r} is only whitespace")
        s, e = covering[0][0], covering[-1][1]  # a snippet may run across a boundary
        out.append([s, e])
    return sorted({tuple(x): x for x in out}.values())


def check_span_style(text: str, start: int, end: int, lineno: int, path: str) -> None:
    piece = text[start:end]
    if LEADING_DETERMINER.match(piece) or piece[0].isspace() or piece[-1].isspace():
        print(f"{path}:{lineno}: warning: span {piece!r} starts with a determiner or whitespace",
              file=sys.stderr)
    if piece[-1] in TRAILING_PUNCT or piece.endswith("'s") or piece.endswith("’s"):
        print(f"{path}:{lineno}: warning: span {piece!r} ends with punctuation or a possessive",
              file=sys.stderr)


def resolve(path: str, repo_root: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        raw_lines = fh.read().splitlines()

    records: list[tuple[int, dict]] = []
    for lineno, line in enumerate(raw_lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise AuthoringError(f"{path}:{lineno}: invalid JSON: {exc}") from None
        if not isinstance(rec, dict) or "type" not in rec:
            raise AuthoringError(f'{path}:{lineno}: each line must be an object with a "type"')
        records.append((lineno, rec))

    docs = [(n, r) for n, r in records if r["type"] == "document"]
    if len(docs) != 1 or records[0][1]["type"] != "document":
        raise AuthoringError(f"{path}:1: the first line must be the one and only document line")
    dline, drec = docs[0]
    for key in ("doc_id", "source"):
        if not isinstance(drec.get(key), str):
            raise AuthoringError(f'{path}:{dline}: document line needs "{key}"')
    src_path = os.path.join(repo_root, drec["source"])
    if not os.path.isfile(src_path):
        raise AuthoringError(f"{path}:{dline}: source file {src_path} not found")
    text = read_text(src_path)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if "text_sha256" in drec and drec["text_sha256"] != sha:
        raise AuthoringError(f"{path}:{dline}: source text changed since text_sha256 was recorded")
    document = {
        "type": "document",
        "doc_id": drec["doc_id"],
        "source": drec["source"],
        "text": text,
        "text_sha256": sha,
        "doc_date": drec.get("doc_date"),
    }

    sentences = sentence_bounds(text)
    spans: list[tuple[int, dict]] = []
    events: list[dict] = []
    not_related: list[str] | None = None
    used_ids = set()

    for lineno, rec in records[1:]:
        where = f"{path}:{lineno}"
        kind = rec["type"]
        try:
            if kind == "span":
                label = rec.get("label")
                if label not in LABELS:
                    raise AuthoringError(f"unknown label {label!r}")
                s, e = resolve_span(text, rec)
                check_span_style(text, s, e, lineno, path)
                norm = rec.get("norm")
                if label == "MILITARY_UNIT" and norm is not None:
                    raise AuthoringError("MILITARY_UNIT norm must be null")
                if label != "MILITARY_UNIT" and not isinstance(norm, dict):
                    raise AuthoringError(f"{label} span needs a norm object")
                spans.append((lineno, {"type": "span", "start": s, "end": e, "label": label,
                                       # text is copied from the document (keeps U+00A0)
                                       "text": text[s:e], "norm": norm}))
            elif kind == "event":
                et = rec.get("event_type")
                if et not in EVENT_TYPES:
                    raise AuthoringError(f"unknown event_type {et!r}")
                ev = {"type": "event", "id": rec.get("id"), "event_type": et}
                for f in EVENT_FIELDS:
                    ev[f] = rec.get(f, EVENT_DEFAULTS[f])
                if not isinstance(ev["perpetrators"], list):
                    raise AuthoringError('"perpetrators" must be a list of strings')
                ev["evidence"] = resolve_evidence(text, sentences, rec.get("evidence_text"))
                if ev["id"] is not None:
                    if ev["id"] in used_ids:
                        raise AuthoringError(f"duplicate event id {ev['id']!r}")
                    used_ids.add(ev["id"])
                events.append(ev)
            elif kind == "paragraphs":
                if not_related is not None:
                    raise AuthoringError('only one "paragraphs" line is allowed')
                not_related = rec.get("not_war_related_containing", [])
                if not isinstance(not_related, list):
                    raise AuthoringError('"not_war_related_containing" must be a list')
            else:
                raise AuthoringError(f"unknown line type {kind!r}")
        except AuthoringError as exc:
            raise AuthoringError(f"{where}: {exc}") from None

    # spans: sorted, flat (no overlap of any kind)
    spans.sort(key=lambda x: (x[1]["start"], x[1]["end"]))
    for (la, a), (lb, b) in zip(spans, spans[1:]):
        if b["start"] < a["end"]:
            raise AuthoringError(
                f"{path}:{lb}: span {b['text']!r} [{b['start']},{b['end']}) overlaps "
                f"span {a['text']!r} [{a['start']},{a['end']}) from line {la}"
            )

    # event ids: keep given ones, number the rest
    n = 1
    for ev in events:
        if ev["id"] is None:
            while f"E{n}" in used_ids:
                n += 1
            ev["id"] = f"E{n}"
            used_ids.add(ev["id"])

    # paragraphs
    paras = paragraph_bounds(text)
    flags = [True] * len(paras)
    for snippet in not_related or []:
        hits = find_all(text, snippet, boundary=False)
        if len(hits) != 1:
            raise AuthoringError(
                f"{path}: not_war_related snippet {snippet!r} occurs {len(hits)} times; "
                "it must occur exactly once"
            )
        idx = [i for i, (s, e) in enumerate(paras) if s <= hits[0] < e]
        if not idx:
            raise AuthoringError(f"{path}: snippet {snippet!r} is not inside any paragraph")
        flags[idx[0]] = False

    out = [document]
    out += [rec for _, rec in spans]
    out += events
    out += [{"type": "paragraph", "start": s, "end": e, "war_related": f}
            for (s, e), f in zip(paras, flags)]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("authoring", help="authoring JSONL file")
    ap.add_argument("-o", "--output", required=True, help="gold JSONL file to write")
    ap.add_argument("--root", default=None,
                    help="repository root that 'source' paths are relative to "
                         "(default: two levels above this script)")
    args = ap.parse_args(argv)
    root = args.root or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    try:
        lines = resolve(args.authoring, root)
    except AuthoringError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w", encoding="utf-8", newline="\n") as fh:
        for rec in lines:
            line = json.dumps(rec, ensure_ascii=False)
            # str.splitlines() (used by readers) also breaks on these; keep them escaped
            for ch in ("\u0085", "\u2028", "\u2029"):
                line = line.replace(ch, "\\u%04x" % ord(ch))
            fh.write(line + "\n")
    n_sp = sum(r["type"] == "span" for r in lines)
    n_ev = sum(r["type"] == "event" for r in lines)
    n_pa = sum(r["type"] == "paragraph" for r in lines)
    print(f"wrote {args.output}: {n_sp} spans, {n_ev} events, {n_pa} paragraphs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
