"""Validate and normalise one pattern match per rule kind (ORD, NAMED, GEN, COLL...)."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from ...schemas import UnitValue
from .naming import (
    _DIGIT_ORDINAL,
    _MAX_PHRASE,
    _POSSESSIVE,
    _Candidate,
    _cap,
    _join,
    _ordinal_suffix,
    _roman_value,
)


class UnitValidators:
    """Lexicon look-ups and one validator per rule kind (mixed into :class:`MilitaryUnits`)."""

    # -- lookups ------------------------------------------------------------
    def _phrase_at(self, doc: Doc, i: int, end: int, table: dict) -> tuple[int, Any]:
        """Longest phrase of ``table`` starting at token i (before ``end``): (length, value)."""
        for n in range(min(_MAX_PHRASE, end - i), 0, -1):
            key = tuple(t.lower_ for t in doc[i : i + n])
            if key in table:
                return n, table[key]
        return 0, None

    def _nat_at(self, doc: Doc, i: int, end: int) -> tuple[int, str | None]:
        m = min(_MAX_PHRASE, end - i)
        if m <= 0 or doc[i].lower_ not in self._nat_first:  # most words start no nationality
            return 0, None
        toks = doc[i : i + m]
        texts = [t.text for t in toks]
        lowers = [t.lower_ for t in toks]
        for n in range(m, 0, -1):
            exact = tuple(texts[:n])
            if exact in self._t.nat_exact:
                return n, self._t.nat_exact[exact]
            key = tuple(lowers[:n])
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
        if tok.text.isdigit() and len(tok.text) <= 3:  # shorthand: "112 Rifle Division"
            return 1, int(tok.text)
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
            name_texts.append(_cap(doc[j], self._keep_lower))
            j += 1
        if tail is None and {t.lower_ for t in mids} & self._honour_mids:
            e = self._honour_title_end(doc, e)
        rest = list(doc[head_end - n_head : e])
        name_tokens += rest
        name_texts += [_cap(t, self._keep_lower) for t in rest]
        prefix = _ordinal_suffix(ordinal) if kind == "ORD" else _join(list(doc[i : i + n_ord]))
        name = prefix + " " + _join(name_tokens, name_texts) if name_tokens else prefix
        value = self._value(name, nationality, ech["echelon"], ordinal)
        return _Candidate(s, e, kind, value, ech.get("rank"), True)

    def _shorthand(self, doc: Doc, s: int, e: int) -> _Candidate | None:
        """ "112 Rifle Division": a bare number, capitalised words, a capitalised head."""
        mids = doc[s + 1 : e - 1]
        if not (doc[e - 1].is_title and len(mids) and all(t.is_title or t.is_upper for t in mids)):
            return None
        if any(self._nat_at(doc, t.i, t.i + 1)[0] for t in mids):
            return None  # "75 Guatemalan Army troops": a count of people
        if e < len(doc) and doc[e].pos_ == "NOUN" and doc[e].is_lower:
            return None
        if s > 0 and (doc[s - 1].like_num or doc[s - 1].lower_ in {"of", "than", "about", "some"}):
            return None  # "one of 12 Rifle Divisions", "some 40 Tank Brigades"
        cand = self._numbered(doc, "ORD", s, e)
        if cand is not None:
            cand.kind = "SHORT"
        return cand

    def _coordinated(self, doc: Doc, s: int, e: int) -> _Candidate | None:
        """ "the 3rd and 4th Divisions": one span for formations sharing a plural head."""
        if not doc[e - 1].is_title:
            return None
        head = doc[e - 1].lower_
        echelon = {"armies": "army", "companies": "company", "corps": "corps"}.get(head, head.rstrip("s"))
        value = self._value(_join(list(doc[s:e])), None, echelon, None)
        return _Candidate(s, e, "COORD", value)

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
            joiner = tok.lower_ in self._honour_joiners and j > e
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
        while j > e and doc[j - 1].lower_ in self._honour_joiners:
            j -= 1
        return j

    def _codename(self, doc: Doc, kind: str, s: int, e: int) -> _Candidate | None:
        """ "Task Force Smith", "Kampfgruppe Peiper", "Combat Command B", "Einsatzgruppe C"."""
        head = self._name_words.get("CODENAME_HEAD", {}).get(doc[s].lower_, {})
        name_start = s + head.get("words", 1)
        if any(
            t.is_sent_start or t.ent_type_ in {"DATE", "TIME", "NORP"} for t in doc[name_start:e]
        ):
            return None
        if any("task force" in self._nonunit.get(t.lower_, ()) for t in doc[name_start:e]):
            return None  # "Task Force Report": a committee's paper
        echelon = head.get("echelon", "task force")
        value = self._value(_join(list(doc[s:e])), None, echelon, None)
        return _Candidate(s, e, kind, value, head.get("rank", 6), True)

    def _lettered(self, doc: Doc, kind: str, s: int, e: int) -> _Candidate | None:
        span = doc[s:e]
        nouns = self._name_words.get("LETTERED_NOUN", {})
        group = nouns.get(span[0].text)
        if group is not None and group.get("echelon"):  # "Army Group B"
            if e < len(doc) and doc[e].is_title and doc[e].pos_ == "PROPN":
                return None
            value = self._value(span.text, None, group["echelon"], None)
            return _Candidate(s, e, kind, value, group["rank"], True)
        noun = next(t for t in span if t.text in nouns and not nouns[t.text].get("echelon"))
        value = self._value(span.text, None, noun.lower_, None)
        return _Candidate(s, e, kind, value, nouns[noun.text]["rank"], True)

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
        country_start, country_nat = i, None
        while i < e:  # "Soviet Union Red Army" -> "Red Army": the country is a PLACE
            n, country = self._phrase_at(doc, i, e, self._t.country)
            if n and not self._nat_at(doc, i, e)[0] >= n:
                i += n
                country_nat = country
            elif doc[i].text in _POSSESSIVE:
                i += 1
            else:
                break
        n_force, force = self._phrase_ending(doc, e, i, self._t.genhead)
        if (  # only a force noun after the country: "Pakistan Air Force", "Israel Navy"
            country_nat is not None
            and i < e
            and n_force == e - i
            and doc[e - 1].is_title
            and doc[i - 1].text not in _POSSESSIVE
        ):
            value = self._value(
                _join(list(doc[country_start:e])), country_nat, force["echelon"], None, True
            )
            return _Candidate(country_start, e, kind, value)
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
            _join(tokens, [_cap(t, self._keep_lower) for t in tokens]),
            nationality,
            head["echelon"],
            None,
            only_nat,
        )
        return _Candidate(i, e, kind, value)

    def _collective(self, doc: Doc, kind: str, s: int, e: int) -> _Candidate | None:
        n, nationality = self._nat_at(doc, s, e)
        written = _join(list(doc[s : s + n]), [_cap(t, self._keep_lower) for t in doc[s : s + n]])
        if not n:  # "Russia's army"
            n, nationality = self._phrase_at(doc, s, e, self._t.country)
            n += 1  # the possessive
            written = nationality
        row = self._t.coll.get(tuple(t.lower_ for t in doc[s + n : e]))
        if row is None or nationality is None:
            return None
        if row["term"] == "military" and e < len(doc) and doc[e].pos_ in ("NOUN", "PROPN"):
            return None  # "US military bases": an adjective
        head = " ".join(_cap(t, self._keep_lower) for t in doc[s + n : e])
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
