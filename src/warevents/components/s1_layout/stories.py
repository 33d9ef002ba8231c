"""Story starts and wire datelines on multi-story news pages (a year never crosses into another story)."""

from __future__ import annotations

import re

_AGO_LINE = re.compile(
    r"^\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago$", re.IGNORECASE
)
_DATELINE = re.compile(
    # "HONG KONG (AP) --", "KYIV, March 3 (Reuters) -", "SEOUL, South Korea, Nov. 23 (AP) \u2014"
    r"^[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*"
    r"(?:, [A-Z][a-z]+(?: [A-Z][a-z]+)?(?=,| \())?"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2}(?:, (?:1\d|20)\d\d)?)?"
    r",?(?: \([A-Za-z .]+\))? ?(?:--|\u2014|\u2013|-(?= ))"
)


def story_starts(text: str, break_lines: set[str] | frozenset[str] = frozenset()) -> list[int]:
    """Character offsets where a new story starts on a multi-story (news) page.

    A story starts at a line that is a known boilerplate marker ("Related Articles"),
    a relative time stamp ("2 hours ago") or a wire dateline ("HONG KONG (AP) --").

    >>> story_starts("Aug. 9, 1945 story.\\n2 hours ago\\nOn Aug. 13 a court ruled.")
    [20]
    """
    starts = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and (
            stripped.lower().rstrip(":") in break_lines
            or _AGO_LINE.match(stripped)
            or _DATELINE.match(stripped)
        ):
            starts.append(pos)
        pos += len(line)
    return starts


def dateline_at(text: str, start: int) -> tuple[int, int] | None:
    """``(start, end)`` of the wire dateline opening the line at ``start``, if any.

    >>> text = "KHARKIV, Ukraine, March 2 (AP) - Shells fell."
    >>> s, e = dateline_at(text, 0); text[s:e]
    'KHARKIV, Ukraine, March 2 (AP) -'
    """
    m = _DATELINE.match(text[start : start + 120])
    return (start, start + m.end()) if m else None
