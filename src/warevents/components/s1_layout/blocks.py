r"""Page layout as pure functions of the text: paragraphs, headings, infobox blocks.

Scraped pages put one paragraph, heading, list item or infobox row per line, so a
paragraph is a non-empty line; blank lines group paragraphs into blocks.

>>> paragraphs("Title\n\nFirst line.\nSecond line.")
[(0, 5), (7, 18), (19, 31)]
>>> is_heading("Gegenmiao massacre"), is_heading("Soldiers shot 18 people.")
(True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: headings and titles are at most this many words
HEADING_MAX_WORDS = 20
_LINE = re.compile(r"[^\n]+")

_KEY_ROLES = {
    "location": "location", "date": "date", "dates": "date", "target": "victims", "targets": "victims",
    "victims": "victims", "deaths": "killed", "casualties": "killed", "injured": "wounded",
    "wounded": "wounded", "perpetrators": "perpetrators", "perpetrator": "perpetrators",
    "accused": "perpetrators", "attack type": "type", "belligerents": "perpetrators",
}



@dataclass
class InfoboxLine:
    key: str
    value: str
    start: int  # char offset of the value
    end: int
    line_start: int


@dataclass
class Infobox:
    lines: list[InfoboxLine] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.lines[0].line_start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    def get(self, role: str) -> list[InfoboxLine]:
        return [ln for ln in self.lines if _KEY_ROLES.get(ln.key.lower()) == role]


def find_infoboxes(text: str, keys: list[str], min_lines: int = 3) -> list[Infobox]:
    keys = sorted(keys, key=len, reverse=True)
    boxes: list[Infobox] = []
    current = Infobox()
    pending_key: tuple[str, int] | None = None  # a key alone on its line ("Attack type")
    pos = 0
    for raw in text.split("\n"):
        line_start = pos
        pos += len(raw) + 1
        line = raw.strip()
        if not line:
            continue
        lead = line_start + (len(raw) - len(raw.lstrip()))
        if pending_key is not None:
            current.lines.append(InfoboxLine(pending_key[0], line, lead, lead + len(line), pending_key[1]))
            pending_key = None
            continue
        key = next((k for k in keys if line.startswith(k) and (len(line) == len(k) or
                                                              line[len(k)].isupper() or line[len(k)].isdigit())), None)
        if key is not None and len(line) < 200:
            value = line[len(key):].strip()
            if value:
                vstart = lead + line.index(value, len(key))
                current.lines.append(InfoboxLine(key, value, vstart, vstart + len(value), lead))
            else:
                pending_key = (key, lead)
            continue
        if len(current.lines) >= min_lines:
            boxes.append(current)
        current = Infobox()
    if len(current.lines) >= min_lines:
        boxes.append(current)
    return boxes


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines: scraped pages put one paragraph, heading or list item per line."""
    return [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group(0).strip()]


def blocks(text: str, paras: list[tuple[int, int]]) -> list[int]:
    r"""Block number of each paragraph: a new block starts after a blank line.

    >>> blocks("a\nb\n\nc", [(0, 1), (2, 3), (5, 6)])
    [0, 0, 1]
    """
    out: list[int] = []
    block = 0
    for k, (s, _) in enumerate(paras):
        if k and text.count("\n", paras[k - 1][1], s) > 1:
            block += 1
        out.append(block)
    return out


def is_heading(line: str, max_tokens: int = HEADING_MAX_WORDS) -> bool:
    """A title, heading or caption line: short, without sentence-final punctuation."""
    line = line.strip()
    return bool(line) and len(line.split()) <= max_tokens and line[-1] not in ".:;,!?\"”"


def title_paragraph(text: str, paras: list[tuple[int, int]]) -> int | None:
    """0 when the first paragraph is a heading-like title line, else None."""
    if not paras:
        return None
    s, e = paras[0]
    return 0 if is_heading(text[s:e]) else None
