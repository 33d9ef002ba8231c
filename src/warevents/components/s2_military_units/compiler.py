"""Compile the unit lexicons and the placeholder patterns into lookup tables and a Matcher."""

from __future__ import annotations

import re
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Token

from ..gate import PatternGate
from .naming import _Tables


class UnitCompiler:
    """Lexicons and patterns -> tables and matcher (mixed into :class:`MilitaryUnits`)."""

    # -- compiling ----------------------------------------------------------
    def _tokens(self, text: str) -> tuple[str, ...]:
        return tuple(t.text for t in self.nlp.make_doc(text))

    def _compile(self) -> None:
        tables = _Tables()
        phrases: dict[str, list[tuple[tuple[str, ...], bool, dict]]] = {}

        def add(cls: str, text: str, row: dict, exact: bool = False) -> tuple[str, ...]:
            toks = self._tokens(text)
            phrases.setdefault(cls, []).append((toks, exact, row))
            return toks

        for row in self.data.get("nationalities", []):
            exact = row.get("case") == "exact"
            toks = add("NAT", row["term"], row, exact)
            table = tables.nat_exact if exact else tables.nat
            table[toks if exact else tuple(t.lower() for t in toks)] = row["norm"]
            for country in row.get("country", []):
                ctoks = add("COUNTRY", country, row, country.isupper())
                tables.country[tuple(t.lower() for t in ctoks)] = row["norm"]
        for row in self.data.get("echelons", []):
            toks = add(row["class"], row["term"], row)
            key = tuple(t.lower() for t in toks)
            {"ECH": tables.ech, "COLL": tables.coll, "GENHEAD": tables.genhead}[row["class"]][
                key
            ] = row
            if row["class"] == "ECH" and len(toks) == 1 and not row.get("elliptic"):
                phrases.setdefault("ECH_CORE", []).append((toks, False, row))
        self._nonunit: dict[str, set[str]] = {}  # word -> heads it vetoes (one word, many heads)
        for row in self.data.get("terms", []):
            add(row["class"], row["term"], row)
            tables.words.setdefault(row["class"], {})[row["term"].lower()] = row
            if row["class"] == "NONUNIT_WORD":
                self._nonunit.setdefault(row["term"].lower(), set()).add(row["head"])
        for row in [*self.data.get("named", []), *self.data.get("armed_groups", [])]:
            for alias in [row["name"], *row.get("aliases", [])]:
                toks = add("NAMED", alias, row, exact=len(self._tokens(alias)) == 1)
                tables.named[tuple(t.lower() for t in toks)] = row
        tables.phrases = phrases
        self._t = tables
        self._nat_first = {k[0].lower() for k in tables.nat_exact} | {k[0] for k in tables.nat}
        self._name_words: dict[str, dict[str, dict]] = {}
        for row in self.data.get("name_words", []):
            self._name_words.setdefault(row["class"], {})[row["term"]] = row
        self._keep_lower = frozenset(self._name_words.get("LOWER_IN_NAME", ()))
        self._honour_mids = set(self._name_words.get("HONOUR_MID", ()))
        self._honour_joiners = set(self._name_words.get("HONOUR_JOINER", ()))

        # The last word of every head phrase: a match of a phrase contains its last word.
        self._compile_groups()
        # An armed group's name matches only as a whole, so any of its words can anchor it: the
        # longest is the rarest ("mobilization", not "forces"; "islamic", not "state").
        self._anchor_words = {
            max(toks, key=len).lower()
            for row in self.data.get("armed_groups", [])
            for phrase in [row["name"], *row.get("aliases", [])]
            if (toks := self._tokens(phrase))
        } | {
            toks[-1].lower()
            for key in ("echelons", "named", "terms")
            for row in self.data.get(key, [])
            if key != "terms" or row.get("class") == "MOD"
            for phrase in [row.get("term") or row.get("name") or "", *row.get("aliases", [])]
            if (toks := self._tokens(phrase))
        }
        macros: dict[str, list[list[dict]]] = {}
        self.matcher = Matcher(self.nlp.vocab, validate=True)
        gated: list[tuple[str, list[dict]]] = []  # (label, pattern) in the matcher's order
        for row in self.data.get("patterns", []):
            if "macro" in row:
                macros[row["macro"]] = [
                    [self._subst(tok) for tok in alt] for alt in row["alternatives"]
                ]
            else:
                patterns = self._expand(row["pattern"], macros)
                self.matcher.add(row["label"], patterns)
                gated.extend((row["label"], p) for p in patterns)
        self.gate = PatternGate(self.nlp.vocab, gated, self.matcher)

    def _is_anchor(self, token: Token) -> bool:
        """Every unit pattern contains a head: an echelon/force noun, a modifier used
        as head, or a word of a named force."""
        return token.lower_ in self._anchor_words

    def _singles(self, classes: list[str]) -> list[str]:
        return sorted(
            {
                toks[0].lower()
                for cls in classes
                for toks, _, _ in self._t.phrases.get(cls, [])
                if len(toks) == 1
            }
        )

    def _subst(self, tok: dict) -> dict:
        """Replace IN_LEX/NOT_IN_LEX sets and @CLASS@ regex slots in one token pattern."""
        out: dict[str, Any] = {}
        for attr, value in tok.items():
            if isinstance(value, dict):
                value = dict(value)
                if "IN_LEX" in value:
                    value["IN"] = self._singles(value.pop("IN_LEX"))
                if "NOT_IN_LEX" in value:
                    value["NOT_IN"] = self._singles(value.pop("NOT_IN_LEX"))
                if "REGEX" in value:
                    value["REGEX"] = re.sub(
                        r"@([A-Z_]+)@",
                        lambda m: "|".join(re.escape(w) for w in self._singles([m.group(1)])),
                        value["REGEX"],
                    )
            out[attr] = value
        return out

    def _phrase_alternatives(self, cls: str, case: str | None) -> list[list[dict]]:
        # Phrases of one length share a pattern with a word set per position: few patterns,
        # a fast matcher. It over-generates ("Red Fourth Army"); the validators look every
        # match up in the lexicon again.
        entries = self._t.phrases.get(cls, [])
        groups: dict[tuple[int, bool], list[set[str]]] = {}
        for toks, exact, _ in entries:
            exact = exact or case == "title"
            if case == "title":
                toks = tuple(t[:1].upper() + t[1:] for t in toks)
            slots = groups.setdefault((len(toks), exact), [set() for _ in toks])
            for slot, t in zip(slots, toks):
                slot.add(t if exact else t.lower())
        return [
            [{"ORTH" if exact else "LOWER": {"IN": sorted(slot)}} for slot in slots]
            for (_, exact), slots in sorted(groups.items())
        ]

    def _expand(self, pattern: list[dict], macros: dict[str, list[list[dict]]]) -> list[list[dict]]:
        variants: list[list[dict]] = [[]]
        for tok in pattern:
            if "LEX" in tok:
                options = self._phrase_alternatives(tok["LEX"], tok.get("CASE"))
            elif "MACRO" in tok:
                options = macros[tok["MACRO"]]
            else:
                options = [[self._subst(tok)]]
            if tok.get("OP") == "?" and ("LEX" in tok or "MACRO" in tok):
                options = [*options, []]
            variants = [v + o for v in variants for o in options]
        return [v for v in variants if v]
