"""Pure helpers for unit names: ordinals, Roman numerals, capitalisation, candidates."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

#: Lower rank wins a tie between candidates of equal length.
_KIND_PRIORITY = {
    "NAMED": 0,
    "ORD": 1,
    "SHORT": 1,
    "COORD": 1,
    "ROMAN": 1,
    "NUMBERED": 1,
    "LETTERED": 1,
    "CODENAME": 1,
    "COLL": 2,
    "GROUP": 2,
    "GEN": 3,
}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_DIGIT_ORDINAL = re.compile(r"^(\d{1,4})(?:st|nd|rd|th|d)$")
_POSSESSIVE = ("'s", "’s")
_MAX_PHRASE = 4


@dataclass
class _Candidate:
    start: int
    end: int
    kind: str
    norm: dict[str, Any]
    rank: int | None = None  # echelon rank, for "3rd Battalion, 5th Marines"
    designated: bool = False  # carries a number or letter designation


@dataclass
class _Tables:
    """Lookup tables compiled from the lexicons (one per component instance)."""

    phrases: dict[str, list[tuple[tuple[str, ...], bool, dict]]] = field(default_factory=dict)
    nat: dict[tuple[str, ...], str] = field(default_factory=dict)
    nat_exact: dict[tuple[str, ...], str] = field(default_factory=dict)
    country: dict[tuple[str, ...], str] = field(default_factory=dict)
    ech: dict[tuple[str, ...], dict] = field(default_factory=dict)
    coll: dict[tuple[str, ...], dict] = field(default_factory=dict)
    genhead: dict[tuple[str, ...], dict] = field(default_factory=dict)
    named: dict[tuple[str, ...], dict] = field(default_factory=dict)
    words: dict[str, dict[str, dict]] = field(default_factory=dict)


def _ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}" + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _roman_value(text: str) -> int | None:
    if not text or any(c not in _ROMAN for c in text):
        return None
    total = 0
    for cur, nxt in itertools.zip_longest(text, text[1:]):
        value = _ROMAN[cur]
        total += -value if nxt is not None and _ROMAN[nxt] > value else value
    return total


def _cap(token: Token, keep_lower: set[str] | frozenset[str]) -> str:
    """The token as it would appear in a canonical name (``keep_lower``: "of", "the"...)."""
    if token.is_lower and token.is_alpha and token.lower_ not in keep_lower:
        return token.text[:1].upper() + token.text[1:]
    return token.text


def _join(tokens: list[Token], texts: list[str] | None = None) -> str:
    texts = texts if texts is not None else [t.text for t in tokens]
    out = []
    for i, (tok, text) in enumerate(zip(tokens, texts)):
        out.append(text)
        if i < len(tokens) - 1:
            out.append(" " if tok.whitespace_ else "")
    return "".join(out)
