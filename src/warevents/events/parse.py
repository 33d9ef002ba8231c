"""Bounded walks over the dependency parse.

spaCy builds a new :class:`~spacy.tokens.Token` object at every access, so
``tok.head is tok`` is never true, not even at the root: a loop that waits for
it never ends. These helpers compare token indices and bound every climb by the
sentence length, so each walk over the parse terminates by construction.

>>> import spacy
>>> from spacy.tokens import Doc
>>> doc = Doc(spacy.blank("en").vocab, words=["They", "killed", "him"],
...           heads=[1, 1, 1], deps=["nsubj", "ROOT", "dobj"])
>>> [t.text for t in climb(doc[0])]
['They', 'killed']
>>> is_root(doc[1])
True
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token


def is_root(tok: Token) -> bool:
    """The token heads itself (the root of its sentence)."""
    return tok.head.i == tok.i


def climb(tok: Token, limit: int | None = None) -> Iterator[Token]:
    """``tok``, its head, its head's head ... up to and including the root (once).

    At most ``limit`` tokens are yielded (default: the sentence length, which no
    path to the root can exceed).
    """
    steps = len(tok.sent) if limit is None else limit
    cur = tok
    for _ in range(steps):
        yield cur
        if is_root(cur):
            return
        cur = cur.head
