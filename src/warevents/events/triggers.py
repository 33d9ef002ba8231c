"""Event triggers (lemma -> type, from ``data/triggers.jsonl``) and their modality.

A trigger is a token whose lemma is listed, optionally with a required
dependent (multiword triggers: "commit suicide", "cross the border", "take
away"). :func:`assess` classifies the trigger's context as asserted,
reported, disputed, negated or hypothetical using the word lists in
``data/event_cues.jsonl``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from .parse import children, is_root

NOUNISH = {"NOUN", "PROPN"}
_DEFINITE = {"the", "this", "that", "these", "those"}


@dataclass
class TriggerMatch:
    token: Token
    type: str
    lemma: str
    weight: float
    war: bool
    tokens: list[Token] = field(default_factory=list)
    subject_is_victim: bool = False
    weak: bool = False
    umbrella: bool = False
    military_target: bool = False

    @property
    def start_char(self) -> int:
        return min(t.idx for t in self.tokens)

    @property
    def end_char(self) -> int:
        return max(t.idx + len(t.text) for t in self.tokens)

    @property
    def text(self) -> str:
        # Doc.text rebuilds the whole string on every access: slice a char span instead.
        span = self.token.doc.char_span(self.start_char, self.end_char)
        if span is not None:
            return span.text
        first = min(self.tokens, key=lambda t: t.i)
        last = max(self.tokens, key=lambda t: t.i)
        return first.doc[first.i : last.i + 1].text

    @property
    def is_noun(self) -> bool:
        return self.token.pos_ in NOUNISH


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower() if tok.lemma_ else tok.lower_


def _inflection_keys(tok: Token) -> list[str]:
    """Base forms of a regular inflection, for when the lemmatizer gets it wrong
    ("raped" -> "rap"): raped -> rape/rap, looting -> loot/loote."""
    word = tok.lower_
    if tok.tag_ in {"VBD", "VBN"} and word.endswith("ed"):
        return [word[:-1], word[:-2]]
    if tok.tag_ == "VBZ" and word.endswith("s"):
        return [word[:-1]]
    if tok.tag_ == "VBG" and word.endswith("ing"):
        return [word[:-3] + "e", word[:-3]]
    return []


class Cues:
    """Word lists by cue kind (negation, dispute, report, ...)."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.words: dict[str, set[str]] = {}
        for row in rows:
            self.words.setdefault(row["cue"], set()).add(row["lemma"].lower())

    def has(self, kind: str, word: str) -> bool:
        return word.lower() in self.words.get(kind, ())


class TriggerTable:
    """Lookup of trigger rows by lemma; multiword rows take precedence."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.single: dict[str, list[dict]] = {}
        self.multi: dict[str, list[dict]] = {}
        for row in rows:
            target = self.multi if row.get("with") else self.single
            target.setdefault(row["lemma"].lower(), []).append(row)
        # lower-case surface forms that can reach a key: the key itself and the
        # regular inflections ``_inflection_keys`` strips (a superset is fine)
        keys = set(self.single) | set(self.multi)
        forms = set(keys)
        for k in keys:
            forms.update((k + "d", k + "ed", k + "s", k + "ing"))
            if k.endswith("e"):
                forms.add(k[:-1] + "ing")
        self._keys = keys
        self._forms = forms

    @staticmethod
    def _pos_ok(tok: Token, row: dict) -> bool:
        pos = row.get("pos")
        if not pos:
            return True
        if tok.dep_ == "amod":  # "wounded soldiers", "looted goods" describe, not report
            return False
        if tok.pos_ in pos:
            return True
        # taggers often call a participle an adjective ("the looted town" is not an event,
        # but "shot dead" / "were killed" tagged ADJ/AUX-less still are)
        return "VERB" in pos and tok.tag_ in {"VBN", "VBD", "VBG"}

    def _with_child(self, tok: Token, words: list[str]) -> Token | None:
        wanted = {w.lower() for w in words}
        for child in children(tok):
            if _lemma(child) in wanted or child.lower_ in wanted:
                return child
            if child.dep_ == "prep":  # "escorted to the camps"
                for grand in children(child):
                    if _lemma(grand) in wanted or grand.lower_ in wanted:
                        return grand
        return None

    @staticmethod
    def _make(tok: Token, row: dict, tokens: list[Token]) -> TriggerMatch:
        return TriggerMatch(tok, row["type"], row["lemma"], float(row.get("weight", 0.7)), bool(row.get("war")),
                            tokens, row.get("subject") == "victims", bool(row.get("weak")),
                            bool(row.get("umbrella")))

    def match(self, tok: Token) -> TriggerMatch | None:
        keys = [_lemma(tok), tok.lower_]
        if not any(k in self.single or k in self.multi for k in keys):
            keys += _inflection_keys(tok)
        for key in keys:
            for row in self.multi.get(key, ()):
                if not self._pos_ok(tok, row):
                    continue
                child = self._with_child(tok, row["with"])
                if child is not None:
                    return self._make(tok, row, sorted([tok, child], key=lambda t: t.i))
        for key in keys:
            for row in self.single.get(key, ()):
                if self._pos_ok(tok, row):
                    return self._make(tok, row, [tok])
        return None

    def match_doc(self, doc: Doc) -> list[TriggerMatch | None]:
        """``match`` of every token of ``doc``, calling it only on tokens that can match:
        those whose lower-case form or lower-cased lemma can reach a table key."""
        out: list[TriggerMatch | None] = [None] * len(doc)
        if not len(doc):
            return out
        strings = doc.vocab.strings
        arr = doc.to_array([LEMMA, LOWER]).tolist()
        keys, forms = self._keys, self._forms
        lemma_ok = {h: strings[h].lower() in keys for h in {a for a, _ in arr}}
        lower_ok = {h: strings[h] in forms for h in {b for _, b in arr}}
        for i, (lemma, lower) in enumerate(arr):
            if lemma_ok[lemma] or lower_ok[lower]:
                out[i] = self.match(doc[i])
        return out

    def find(self, span: Span | Doc, matches: list | None = None) -> list[TriggerMatch]:
        """Triggers in ``span``; ``matches`` (``match`` of every doc token) saves recomputing."""
        found: list[TriggerMatch] = []
        covered: set[int] = set()
        if matches is not None:
            candidates = matches[span.start:span.end] if isinstance(span, Span) else list(matches)
        else:
            candidates = [self.match(tok) for tok in span]
        # multiword triggers first, so "commit suicide" does not also yield "suicide"
        for m in sorted((m for m in candidates if m), key=lambda m: -len(m.tokens)):
            if any(t.i in covered for t in m.tokens):
                continue
            covered.update(t.i for t in m.tokens)
            found.append(m)
        found.sort(key=lambda m: m.token.i)
        return found


def clause_head(tok: Token) -> Token:
    """The verb whose clause the token belongs to (the token itself for verbs)."""
    cur = tok
    for _ in range(30):
        if cur.pos_ in {"VERB", "AUX"} or cur.dep_ == "ROOT" or is_root(cur):
            return cur
        cur = cur.head
    return cur


def is_context_mention(m: TriggerMatch, cues: Cues) -> bool:
    """A noun trigger used as a time frame or modifier ("after the massacre",
    "during the invasion", "massacre survivors"), not a report of an event."""
    tok = m.token
    if not m.is_noun:
        return False
    if tok.dep_ in {"compound", "npadvmod"}:
        return True
    cur = tok
    for _ in range(30):
        if cur.pos_ in {"VERB", "AUX"} or is_root(cur):
            return False
        if cur.dep_ == "prep" and cues.has("context_prep", _lemma(cur)):
            return True
        if cur.dep_ == "pobj" and cues.has("context_prep", cur.head.lower_):
            return True
        cur = cur.head
    return False


def is_anaphoric(m: TriggerMatch) -> bool:
    """A definite noun mention without its own name ("the massacre", "the riot"); a
    conjoined noun shares its head's determiner ("the mass rape and looting")."""
    tok = m.token
    if not m.is_noun:
        return False
    if tok.dep_ == "conj" and tok.head.pos_ in NOUNISH and not any(c.dep_ == "det" for c in children(tok)):
        if any(c.dep_ == "prep" for c in children(tok)):
            return False
        tok = tok.head
    kids = list(children(tok))
    if any(c.dep_ in {"compound", "amod", "poss", "nmod"} and c.pos_ in {"PROPN", "ADJ"} and c.text[:1].isupper()
           for c in kids):
        return False
    if any(c.dep_ == "prep" for c in kids):
        return False
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in kids) or any(
        c.dep_ == "poss" and c.pos_ == "PRON" for c in kids)


def assess(m: TriggerMatch, cues: Cues) -> tuple[str, float]:
    """Return (status, factor): status is asserted/reported/disputed/negated/hypothetical."""
    tok = m.token
    verb = clause_head(tok)
    scope = [tok] if tok is verb else [tok, verb]
    # negation on the trigger, or on the verb that reports a noun trigger happening
    for t in scope:
        for c in children(t, ("neg", "det", "prep")):
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
                if t is tok or cues.has("occurrence_verb", _lemma(t)) or cues.has("light_verb", _lemma(t)) \
                        or t.dep_ in {"ROOT", "conj"} and tok.dep_ in {"nsubj", "nsubjpass", "dobj"}:
                    return "negated", 0.0
            if c.dep_ == "prep" and c.lower_ == "without" and t is tok:
                return "negated", 0.0
    # hypothetical: conditional clause, intention ("wanted to take away")
    chain = [tok, *islice(tok.ancestors, 11)]  # only the first 12 are read
    for t in [tok, verb]:
        if any(cues.has("hypothetical", c.lower_) for c in children(t, ("mark",))):
            return "hypothetical", 0.0
        if t.dep_ == "xcomp" and cues.has("intent", _lemma(t.head)):
            return "hypothetical", 0.0
    # prospective: "ground battles loomed", "an offensive was approaching"
    if tok.dep_ in {"nsubj", "nsubjpass"} and cues.has("prospective", _lemma(tok.head)):
        return "hypothetical", 0.0
    status, factor = "asserted", 1.0
    for t in chain[:12]:
        lemma = _lemma(t)
        if t is not tok and cues.has("dispute", lemma):
            return "disputed", 0.4
        if t is not tok and cues.has("report", lemma):
            status, factor = "reported", 0.8
        for c in children(t, ("advmod", "prep", "aux")):
            if c.dep_ in {"advmod", "prep"} and cues.has("report", _lemma(c)):
                status, factor = "reported", 0.8
            if c.dep_ == "aux" and c.lower_ in {"may", "might", "could"}:
                status, factor = "reported", min(factor, 0.7)
    return status, factor


def _phrase_text(tok: Token, max_tokens: int = 6) -> str:
    lo, hi = tok.left_edge.i, tok.right_edge.i + 1
    return " ".join(t.lower_ for t in tok.doc[lo:min(hi, lo + max_tokens)])


def is_habitual(m: TriggerMatch, cues: Cues) -> bool:
    """A frequency adverbial on the trigger or its clause ("often triggered", "from
    time to time, prisoners committed suicide", "occurred again and again") makes the
    clause a habitual statement about many incidents. A frequency word that opens an
    adjunct of its own ("raped them, sometimes after murdering them") does not."""
    tok = m.token
    heads = [tok, clause_head(tok)]
    cur = heads[-1]
    for _ in range(len(cur.sent)):  # "committed suicide, rioted and fled"
        if cur.dep_ != "conj" or is_root(cur):
            break
        cur = cur.head
        heads.append(cur)
    phrases = {w for w in cues.words.get("habitual", ()) if " " in w}
    for h in heads:
        for c in children(h, ("advmod", "prep", "npadvmod", "advcl")):
            if cues.has("habitual", c.lower_):
                nxt = c.doc[c.i + 1] if c.i + 1 < len(c.doc) else None
                if c.i > h.i and nxt is not None and nxt.pos_ in {"ADP", "SCONJ"}:
                    continue
                return True
            text = _phrase_text(c)
            if any(text == p or text.startswith(p + " ") for p in phrases):
                return True
    return False


def generic_noun(m: TriggerMatch, cues: Cues) -> str | None:
    """'strong': a noun trigger standing for a class of incidents ("similar killings",
    "such riots", "riots ... in some camps"); 'bare': a bare plural ("Riots occurred",
    "prisoner riots"), generic unless its sentence anchors it; None otherwise."""
    tok = m.token
    if not m.is_noun:
        return None
    host = tok.head if tok.dep_ == "conj" and tok.head.pos_ in NOUNISH else tok
    mods = [c for t in {tok, host} for c in children(t)
            if c.dep_ in {"det", "amod", "advmod", "predet", "nummod", "poss", "quantmod"}]
    if any(cues.has("generic_mod", c.lower_) for c in mods):
        return "strong"
    clause = clause_head(tok)
    for c in children(clause) if clause is not tok else ():
        if c.dep_ == "prep":
            for obj in (g for g in children(c) if g.dep_ == "pobj"):
                if obj.tag_ in {"NNS", "NNPS"} and any(d.dep_ == "det" and d.lower_ == "some" for d in children(obj)):
                    return "strong"
    plural = tok.tag_ in {"NNS", "NNPS"}
    if plural and not any(c.dep_ in {"det", "poss", "nummod"} for c in mods):
        return "bare"
    return None
