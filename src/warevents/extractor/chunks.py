"""Cutting long texts into pieces the pipeline can take, at natural breaks."""

from __future__ import annotations

import re

#: Documents longer than this are processed in pieces cut at paragraph or line breaks.
DEFAULT_CHUNK_CHARS = 50_000
_BREAKS = (re.compile(r"\n[^\S\n]*\n"), re.compile(r"\n"), re.compile(r"[.!?]\s"), re.compile(r"\s"))


def split_chunks(text: str, max_chars: int = DEFAULT_CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut ``text`` into (offset, chunk) pieces of at most ``max_chars``, at the
    last paragraph break, else line break, else sentence end, else space, in the
    last three quarters of the window (a hard cut where there is none).

    >>> [(o, len(c)) for o, c in split_chunks("aaaa bbbb\\n\\ncccc", 12)]
    [(0, 11), (11, 4)]
    """
    if len(text) <= max_chars:
        return [(0, text)]
    chunks: list[tuple[int, str]] = []
    start = 0
    floor = max_chars // 4
    while start < len(text):
        end = min(start + max_chars, len(text))
        if end < len(text):
            for pattern in _BREAKS:
                last = None
                for m in pattern.finditer(text, start + floor, end):
                    last = m
                if last is not None:
                    end = last.end()
                    break
        chunks.append((start, text[start:end]))
        start = end
    return chunks


__all__ = ["DEFAULT_CHUNK_CHARS", "split_chunks"]
