"""Infixes warevents adds to the base tokenizer: glued infobox keys, ``A/B``, citation marks."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.util import compile_infix_regex

from ..common import data_path, read_jsonl

_INFOBOX_KEYS_FILE = ("lexicons", "infobox_keys.jsonl")


def infobox_keys() -> list[str]:
    return [row["key"] for row in read_jsonl(data_path(*_INFOBOX_KEYS_FILE))]


def extra_infixes() -> list[str]:
    """Infix patterns warevents adds to the base tokenizer (kept when saved)."""
    keys = sorted(infobox_keys(), key=len, reverse=True)
    # A zero-width split between a glued key and a capitalised/digit value.
    # Python's look-behinds must be fixed-width: one per key.
    behind = "|".join(f"(?<=^{re.escape(k)})" for k in keys if " " not in k)
    glued = rf"(?:{behind})(?=[A-Z0-9\u00C0-\u024F])"
    # "Gegenmiao/Koken-miao": split on a slash between letters.
    slash = r"(?<=[A-Za-z])/(?=[A-Za-z])"
    # Wikipedia-style citation marks glued to a word: "Manchuria.[1][2]", "children.[3]".
    citations = [r"\.(?=\[\d)", r"(?<=[A-Za-z0-9\]])\[(?=\d)", r"(?<=\d)\](?=\[)"]
    return [*citations, glued, slash]


def customize_tokenizer(nlp: Language) -> None:
    """Add warevents' infixes to ``nlp.tokenizer`` (idempotent)."""
    current = list(nlp.Defaults.infixes or [])
    pattern = getattr(nlp.tokenizer.infix_finditer, "__self__", None)
    existing = pattern.pattern if pattern is not None else ""
    new = [p for p in extra_infixes() if p not in existing]
    if not new:
        return
    nlp.tokenizer.infix_finditer = compile_infix_regex(new + current).finditer
