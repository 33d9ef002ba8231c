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

from collections.abc import Collection, Iterator
from contextlib import contextmanager

from spacy.attrs import DEP, HEAD
from spacy.tokens import Doc, Token


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


# Children lists of the docs being assembled (by id), so that ``children`` costs
# O(number of children) instead of a scan of the token's whole subtree span
# (spaCy's ``Token.children``), which made long sentences quadratic.
_TABLES: dict[int, tuple[Doc, list[dict[str, list[int]]]]] = {}


@contextmanager
def indexed_children(doc: Doc) -> Iterator[None]:
    """Within the block, :func:`children` reads a table built once for ``doc``."""
    table: list[dict[str, list[int]]] = [{} for _ in range(len(doc))]
    if len(doc):
        arr = doc.to_array([HEAD, DEP])  # HEAD: offset to the head, as uint64
        strings = doc.vocab.strings
        for i, (offset, dep) in enumerate(zip(arr[:, 0].view("int64").tolist(), arr[:, 1].tolist())):
            if offset:
                table[i + offset].setdefault(strings[dep], []).append(i)
    key = id(doc)
    _TABLES[key] = (doc, table)
    try:
        yield
    finally:
        _TABLES.pop(key, None)


def children(tok: Token, deps: Collection[str] | None = None) -> list[Token]:
    """``[c for c in tok.children if deps is None or c.dep_ in deps]``, in document order.

    Asking only for the relations wanted keeps a token with many children (the
    root of a long run-on sentence) from being scanned whole at every trigger.
    """
    entry = _TABLES.get(id(tok.doc))
    if entry is None or entry[0] is not tok.doc:
        return [c for c in tok.children if deps is None or c.dep_ in deps]
    doc, table = entry
    by_dep = table[tok.i]
    if deps is None:
        idx = [j for js in by_dep.values() for j in js]
    else:
        idx = [j for d in deps for j in by_dep.get(d, ())]
    idx.sort()
    return [doc[j] for j in idx]


def tree_distance(a: Token, b: Token) -> int:
    up_a = [a] + list(a.ancestors)
    index = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate([b] + list(b.ancestors)):
        if t.i in index:
            return n + index[t.i]
    return 99
