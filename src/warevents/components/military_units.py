"""Stage: MILITARY_UNIT spans.

A grammar of military formations and national armed forces, written as spaCy
``Matcher`` token patterns in ``data/patterns/military_units.jsonl``. The
patterns hold placeholders (``{"LEX": "NAT"}``, ``{"MACRO": "ORD"}``...) that
are expanded at compile time from the ``data/lexicons/units_*.jsonl`` word
lists, so adding a nationality, an echelon noun or a named force is a one-line
data change.

Rule kinds (the pattern label) and what they find:

* ``ORD`` numbered formations, ordinal in digits or words, nationality before
  or after it: "Soviet 39th Army", "5th Japanese Army", "Sixth Army",
  "101st Airborne Division", "the first front army of the Far East";
* ``ROMAN``/``NUMBERED``/``LETTERED`` "XXX Corps", "No. 617 Squadron",
  "Task Force 58", "Charlie Company", "Army Group B";
* ``NAMED`` forces from the lexicon: "Red Army", "Kwantung Army", "Wehrmacht",
  with an optional nationality in front ("Japanese Kwantung Army");
* ``GEN`` capitalised names ending in a force noun: "Soviet Far East army",
  "Black Sea Fleet", "Transbaikal Front";
* ``COLL`` a nation's forces as a whole: "Soviet forces", "Japanese army",
  "Ukrainian Armed Forces", "Russia's army".

People are never units ("Soviet troops", "Red Army soldiers" -> "Red Army"),
nor are unnamed generic formations ("a volunteer corps", bare "the army").
Leading determiners are never part of a span. ``span._.norm`` is a
:class:`warevents.schemas.UnitValue` dump.

>>> import warevents
>>> nlp = warevents.pipeline.build_pipeline(events=False)  # doctest: +SKIP
>>> doc = nlp("Reports from the Soviet 39th Army reached the Kwantung Army.")  # doctest: +SKIP
>>> [(s.text, s._.norm["ordinal"]) for s in doc.spans["warevents_units"]]  # doctest: +SKIP
[('Soviet 39th Army', 39), ('Kwantung Army', None)]
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from ..schemas import UnitValue
from .base import RuleComponent, match_near_anchors

#: Lower rank wins a tie between candidates of equal length.
_KIND_PRIORITY = {
    "NAMED": 0,
    "ORD": 1,
    "ROMAN": 1,
    "NUMBERED": 1,
    "LETTERED": 1,
    "CODENAME": 1,
    "COLL": 2,
    "GEN": 3,
}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_DIGIT_ORDINAL = re.compile(r"^(\d{1,4})(?:st|nd|rd|th|d)$")
_POSSESSIVE = ("'s", "’s")
_LOWER_IN_NAME = {"of", "the", "and", "de", "la"}
_MAX_PHRASE = 4
#: Mid words marking a German formation, whose honour title may follow the
#: echelon noun: "12th SS Panzer Division Hitlerjugend".
_HONOUR_TITLE_MIDS = {"ss", "waffen", "panzer", "panzergrenadier"}
_HONOUR_TITLE_JOINERS = {"von", "der", "des"}


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


def _cap(token: Token) -> str:
    """The token as it would appear in a canonical name."""
    if token.is_lower and token.is_alpha and token.lower_ not in _LOWER_IN_NAME:
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


class MilitaryUnits(RuleComponent):
    """Find MILITARY_UNIT candidates; see the module docstring for the grammar."""

    label = "MILITARY_UNIT"
    data_files: ClassVar[dict[str, tuple[str, ...]]] = {
        "nationalities": ("lexicons", "units_nationalities.jsonl"),
        "echelons": ("lexicons", "units_echelons.jsonl"),
        "terms": ("lexicons", "units_terms.jsonl"),
        "named": ("lexicons", "units_named.jsonl"),
        "patterns": ("patterns", "military_units.jsonl"),
    }

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
        for row in self.data.get("named", []):
            for alias in [row["name"], *row.get("aliases", [])]:
                toks = add("NAMED", alias, row, exact=len(self._tokens(alias)) == 1)
                tables.named[tuple(t.lower() for t in toks)] = row
        tables.phrases = phrases
        self._t = tables

        # The last word of every head phrase: a match of a phrase contains its last word.
        self._anchor_words = {
            toks[-1].lower()
            for key in ("echelons", "named", "terms")
            for row in self.data.get(key, [])
            if key != "terms" or row.get("class") == "MOD"
            for phrase in [row.get("term") or row.get("name") or "", *row.get("aliases", [])]
            if (toks := self._tokens(phrase))
        }
        macros: dict[str, list[list[dict]]] = {}
        self.matcher = Matcher(self.nlp.vocab, validate=True)
        for row in self.data.get("patterns", []):
            if "macro" in row:
                macros[row["macro"]] = [
                    [self._subst(tok) for tok in alt] for alt in row["alternatives"]
                ]
            else:
                self.matcher.add(row["label"], self._expand(row["pattern"], macros))

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

    # -- lookups ------------------------------------------------------------
    def _phrase_at(self, doc: Doc, i: int, end: int, table: dict) -> tuple[int, Any]:
        """Longest phrase of ``table`` starting at token i (before ``end``): (length, value)."""
        for n in range(min(_MAX_PHRASE, end - i), 0, -1):
            key = tuple(t.lower_ for t in doc[i : i + n])
            if key in table:
                return n, table[key]
        return 0, None

    def _nat_at(self, doc: Doc, i: int, end: int) -> tuple[int, str | None]:
        for n in range(min(_MAX_PHRASE, end - i), 0, -1):
            exact = tuple(t.text for t in doc[i : i + n])
            if exact in self._t.nat_exact:
                return n, self._t.nat_exact[exact]
            key = tuple(t.lower_ for t in doc[i : i + n])
            if key in self._t.nat:
                return n, self._t.nat[key]
        return 0, None

    def _phrase_ending(
        self, doc: Doc, end: int, start: int, table: dict
    ) -> tuple[int, dict | None]:
        """Longest phrase of ``table`` ending at token ``end`` (not before ``start``)."""
        for n in range(min(_MAX_PHRASE, end - start), 0, -1):
            key = tuple(t.lower_ for t in doc[end - n : end])
            if key in table:
                return n, table[key]
        return 0, None

    def _ordinal_at(self, doc: Doc, i: int, end: int) -> tuple[int, int | None]:
        """(tokens used, value) of an ordinal designation at token i."""
        tok = doc[i]
        m = _DIGIT_ORDINAL.match(tok.text)
        if m:
            return 1, int(m.group(1))
        words = self._t.words
        if tok.lower_ in words.get("ORDW", {}):
            return 1, words["ORDW"][tok.lower_]["value"]
        if tok.lower_ in words.get("TENS", {}) and i + 2 < end and doc[i + 1].text == "-":
            unit = words.get("ORDW", {}).get(doc[i + 2].lower_)
            if unit and unit["value"] < 10:
                return 3, words["TENS"][tok.lower_]["value"] + unit["value"]
        if tok.text in ("No", "No."):
            j = i + 1 + (i + 1 < end and doc[i + 1].text == ".")
            if j < end and doc[j].text.isdigit():
                return j - i + 1, int(doc[j].text)
        roman = _roman_value(tok.text)
        if roman:
            return 1, roman
        return 0, None

    def _is_word(self, cls: str, token: Token) -> bool:
        return token.lower_ in self._t.words.get(cls, {})

    # -- validating and normalising one match --------------------------------
    def _numbered(self, doc: Doc, kind: str, s: int, e: int) -> _Candidate | None:
        nat_len, nationality = self._nat_at(doc, s, e)
        i = s + nat_len
        n_ord, ordinal = self._ordinal_at(doc, i, e)
        if not n_ord and nat_len:  # the "nationality" was a title word of a longer name
            return None
        if kind == "NUMBERED" and doc[s].lower_ == "task":
            return _Candidate(
                s, e, kind, self._value(_join(list(doc[s:e])), None, "task force", ordinal), 8, True
            )
        mid_start = i + n_ord
        tail = next((j for j in range(mid_start, e) if doc[j].lower_ == "of"), None)
        head_end = tail if tail is not None else e
        n_head, ech = self._phrase_ending(doc, head_end, mid_start, self._t.ech)
        if ech is None:
            return None
        head = doc[head_end - n_head : head_end]
        mids = list(doc[mid_start : head_end - n_head])
        head_cap = head[-1].is_title or head[-1].is_upper
        if ech.get("elliptic") and not head_cap:
            return None
        if kind == "ROMAN" and not head_cap:
            return None
        specific = bool(mids) or tail is not None or n_head > 1
        if (
            doc[i].is_alpha and doc[i].is_lower and not head_cap and not specific
        ):  # "the first army to enter"
            return None
        if ech.get("weak") and not head_cap and not mids:  # "the 2nd group of prisoners"
            return None
        if tail is not None and self._force_follows(doc, e):
            # "of the Americal Division", "of the soviet army", "of the United States Army":
            # the tail is a unit of its own
            return None
        if tail is not None and nationality is None:  # "the second army of japan"
            k = tail + 1 + (doc[tail + 1].lower_ == "the")
            n, country = self._phrase_at(doc, k, e, self._t.country)
            if n and k + n == e:
                nationality = country
        # Nationalities after the ordinal: "5th Japanese Army" -> nationality; but in a Soviet
        # front's name ("1st Ukrainian Front") the adjective is the front's region.
        name_texts: list[str] = []
        name_tokens: list[Token] = []
        j = mid_start
        while j < head_end - n_head:
            n, nat = self._nat_at(doc, j, head_end - n_head)
            if n and ech["echelon"] != "front":
                nationality = nationality or nat
                j += n
                continue
            name_tokens.append(doc[j])
            name_texts.append(_cap(doc[j]))
            j += 1
        if tail is None and {t.lower_ for t in mids} & _HONOUR_TITLE_MIDS:
            e = self._honour_title_end(doc, e)
        rest = list(doc[head_end - n_head : e])
        name_tokens += rest
        name_texts += [_cap(t) for t in rest]
        prefix = _ordinal_suffix(ordinal) if kind == "ORD" else _join(list(doc[i : i + n_ord]))
        name = prefix + " " + _join(name_tokens, name_texts) if name_tokens else prefix
        value = self._value(name, nationality, ech["echelon"], ordinal)
        return _Candidate(s, e, kind, value, ech.get("rank"), True)

    def _force_follows(self, doc: Doc, e: int) -> bool:
        """Does a force noun follow at e, maybe after the rest of a title-case name?"""
        j = e
        while j < len(doc) and j - e < 3:
            key = (doc[j].lower_,)
            if key in self._t.ech or key in self._t.genhead or key in self._t.coll:
                return True
            if not doc[j].is_title:
                return False
            j += 1
        return False

    def _honour_title_end(self, doc: Doc, e: int) -> int:
        """End of an honour title after a German formation's echelon noun
        ("... Division Leibstandarte SS Adolf Hitler", "... Division Das Reich")."""
        j = e
        while j < len(doc) and j - e < 5:
            tok = doc[j]
            if "\n" in doc[j - 1].whitespace_ or tok.is_sent_start:
                break
            joiner = tok.lower_ in _HONOUR_TITLE_JOINERS and j > e
            if not (joiner or (tok.is_title or tok.is_upper and len(tok) > 1) and tok.is_alpha):
                break
            if (
                tok.ent_type_ in {"DATE", "TIME", "NORP"}
                or self._is_word("STOP", tok)
                or (tok.lower_,) in self._t.ech
                or (tok.lower_,) in self._t.coll
                or self._nat_at(doc, j, j + 1)[0]
                or tok.pos_ not in {"PROPN", "X", "NOUN", "ADP", "DET"}
            ):
                break
            j += 1
        while j > e and doc[j - 1].lower_ in _HONOUR_TITLE_JOINERS:
            j -= 1
        return j

    def _codename(self, doc: Doc, kind: str, s: int, e: int) -> _Candidate | None:
        """ "Task Force Smith", "Kampfgruppe Peiper", "Combat Command B", "Einsatzgruppe C"."""
        head = doc[s].lower_
        name_start = s + (2 if head in ("task", "combat") else 1)
        if any(
            t.is_sent_start or t.ent_type_ in {"DATE", "TIME", "NORP"} for t in doc[name_start:e]
        ):
            return None
        if any("task force" in self._nonunit.get(t.lower_, ()) for t in doc[name_start:e]):
            return None  # "Task Force Report": a committee's paper
        echelon = {
            "task": "task force",
            "kampfgruppe": "battle group",
            "combat": "combat command",
        }.get(head, "task force")
        value = self._value(_join(list(doc[s:e])), None, echelon, None)
        return _Candidate(s, e, kind, value, 6 if head != "task" else 8, True)

    def _lettered(self, doc: Doc, kind: str, s: int, e: int) -> _Candidate | None:
        span = doc[s:e]
        if span[0].text == "Army":
            if e < len(doc) and doc[e].is_title and doc[e].pos_ == "PROPN":
                return None
            return _Candidate(
                s, e, kind, self._value(span.text, None, "army group", None), 10, True
            )
        noun = next(t for t in span if t.text in ("Company", "Battery", "Troop"))
        return _Candidate(s, e, kind, self._value(span.text, None, noun.lower_, None), 3, True)

    def _named(self, doc: Doc, kind: str, s: int, e: int) -> _Candidate | None:
        row = self._t.named.get(tuple(t.lower_ for t in doc[s:e]))
        nationality = None
        if row is None:
            n, nationality = self._nat_at(doc, s, e)
            row = self._t.named.get(tuple(t.lower_ for t in doc[s + n : e])) if n else None
            if row is None:
                return None
        value = self._value(
            row["name"],
            nationality or row.get("nationality"),
            row.get("echelon"),
            row.get("ordinal"),
            row.get("collective", False),
        )
        return _Candidate(s, e, kind, value)

    def _general(self, doc: Doc, kind: str, s: int, e: int) -> _Candidate | None:
        i = s
        for back in range(1, min(_MAX_PHRASE, s + 1)):  # match began inside a country name
            n, _ = self._phrase_at(doc, s - back, e, self._t.country)
            if n > back:
                i = s - back + n
                break
        while i < e:  # "Soviet Union Red Army" -> "Red Army": the country is a PLACE
            n, _ = self._phrase_at(doc, i, e, self._t.country)
            if n and not self._nat_at(doc, i, e)[0] >= n:
                i += n
            elif doc[i].text in _POSSESSIVE:
                i += 1
            else:
                break
        if (
            i < e
            and doc[i].is_sent_start
            and doc[i].pos_ != "PROPN"
            and not self._nat_at(doc, i, e)[0]
        ):
            i += 1  # a capitalised sentence-initial word is no part of the name
        tail = next((j for j in range(i, e) if doc[j].lower_ == "of"), None)
        head_end = tail if tail is not None else e
        n_head, head = self._phrase_ending(doc, head_end, i, self._t.genhead)
        if head is None or head_end - n_head <= i:
            return None
        prefix = list(doc[i : head_end - n_head])
        head_words = {t.lower_ for t in doc[head_end - n_head : head_end]}
        for tok in prefix:
            if self._nonunit.get(tok.lower_, set()) & head_words:
                return None
        if (
            head["echelon"] == "front"
            and e < len(doc)
            and doc[e].is_title
            and not doc[e].is_sent_start
        ):
            return None  # "Horqin Right Front Banner": part of a longer place name
        nationality = None
        only_nat = True
        j = 0
        while j < len(prefix):
            n, nat = self._nat_at(doc, prefix[j].i, head_end - n_head)
            if n:
                nationality = nationality or nat
                j += n
            else:
                only_nat = False
                j += 1
        if only_nat and head["echelon"] in ("front", "corps"):
            return None  # "Ukrainian Front" needs its ordinal; "the Italian Front" is a theatre
        tokens = list(doc[i:e])
        value = self._value(
            _join(tokens, [_cap(t) for t in tokens]), nationality, head["echelon"], None, only_nat
        )
        return _Candidate(i, e, kind, value)

    def _collective(self, doc: Doc, kind: str, s: int, e: int) -> _Candidate | None:
        n, nationality = self._nat_at(doc, s, e)
        written = _join(list(doc[s : s + n]), [_cap(t) for t in doc[s : s + n]])
        if not n:  # "Russia's army"
            n, nationality = self._phrase_at(doc, s, e, self._t.country)
            n += 1  # the possessive
            written = nationality
        row = self._t.coll.get(tuple(t.lower_ for t in doc[s + n : e]))
        if row is None or nationality is None:
            return None
        if row["term"] == "military" and e < len(doc) and doc[e].pos_ in ("NOUN", "PROPN"):
            return None  # "US military bases": an adjective
        head = " ".join(_cap(t) for t in doc[s + n : e])
        head = head if head[:1].isupper() else head.title()
        value = self._value(f"{written} {head}", nationality, row["echelon"], None, True)
        return _Candidate(s, e, kind, value)

    @staticmethod
    def _value(
        name: str,
        nationality: str | None,
        echelon: str | None,
        ordinal: int | None,
        collective: bool = False,
    ) -> dict[str, Any]:
        return UnitValue(
            name=name,
            nationality=nationality,
            echelon=echelon,
            ordinal=ordinal,
            collective=collective,
        ).model_dump()

    # -- finding --------------------------------------------------------------
    def _candidate(self, doc: Doc, kind: str, s: int, e: int) -> _Candidate | None:
        if any("\n" in t.text or "\n" in t.whitespace_ for t in doc[s : e - 1]):
            return None
        if kind in ("ORD", "ROMAN", "NUMBERED"):
            return self._numbered(doc, kind, s, e)
        if kind == "LETTERED":
            return self._lettered(doc, kind, s, e)
        if kind == "CODENAME":
            return self._codename(doc, kind, s, e)
        if kind == "NAMED":
            return self._named(doc, kind, s, e)
        if kind == "GEN":
            return self._general(doc, kind, s, e)
        if kind == "COLL":
            return self._collective(doc, kind, s, e)
        return None

    def _with_nationality(self, doc: Doc, cand: _Candidate) -> _Candidate:
        """Let a nationality adjective right before the match join it (guideline U1)."""
        for n in range(min(_MAX_PHRASE, cand.start), 0, -1):
            length, nationality = self._nat_at(doc, cand.start - n, cand.start)
            if length == n and not any(
                "\n" in t.whitespace_ for t in doc[cand.start - n : cand.start]
            ):
                cand.start -= n
                cand.norm = dict(cand.norm, nationality=nationality)
                break
        return cand

    def _merge_designations(self, doc: Doc, chosen: list[_Candidate]) -> list[_Candidate]:
        """ "3rd Battalion, 5th Marines" is one battalion: merge a unit with its parent after a comma."""
        out: list[_Candidate] = []
        for cand in chosen:
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.designated
                and cand.designated
                and cand.start == prev.end + 1
                and doc[prev.end].text == ","
                and prev.rank is not None
                and cand.rank is not None
                and prev.rank < cand.rank
            ):
                norm = dict(prev.norm, name=_join(list(doc[prev.start : cand.end]), None))
                out[-1] = _Candidate(prev.start, cand.end, prev.kind, norm, cand.rank, True)
            else:
                out.append(cand)
        return out

    def find(self, doc: Doc) -> list[Span]:
        matches = match_near_anchors(
            self.matcher,
            doc,
            self._is_anchor,
            before=12,
            after=10,
            allow_missing=not doc.has_annotation("POS"),
        )
        candidates: list[_Candidate] = []
        seen: set[tuple[int, int, str]] = set()
        for match_id, s, e in matches:
            kind = self.nlp.vocab.strings[match_id]
            if (s, e, kind) in seen:
                continue
            seen.add((s, e, kind))
            cand = self._candidate(doc, kind, s, e)
            if cand is not None:
                candidates.append(cand if kind == "COLL" else self._with_nationality(doc, cand))
        candidates.sort(key=lambda c: (-(c.end - c.start), _KIND_PRIORITY[c.kind], c.start))
        taken = [False] * len(doc)
        chosen = []
        for cand in candidates:
            if any(taken[cand.start : cand.end]):
                continue
            taken[cand.start : cand.end] = [True] * (cand.end - cand.start)
            chosen.append(cand)
        chosen.sort(key=lambda c: c.start)
        spans = []
        for cand in self._merge_designations(doc, chosen):
            span = Span(doc, cand.start, cand.end, label=self.label)
            span._.norm = cand.norm
            spans.append(span)
        return spans


@Language.factory("warevents_military_units", assigns=["doc.spans"], default_config={})
def make_military_units(nlp: Language, name: str) -> MilitaryUnits:
    return MilitaryUnits(nlp, name)
