"""Armed groups the lexicons do not list, found by their cues (guideline U7).

* a proper name before a word for the group's people: "Gulf Cartel gunmen" ->
  "Gulf Cartel" (the people word never joins, U5);
* a name after "the militant group", "the rebel group": "the rebel group Seleka";
* a region's name before "forces"/"troops": "Puntland forces";
* an acronym in brackets after a unit: "Balochistan Liberation Army (BLA)";
* later mentions of a name or acronym found so in the same document.
"""

from __future__ import annotations

import re

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from .naming import _Candidate, _join

_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9]{0,2}[A-Z0-9](?:-[A-Z0-9]+)?$")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’]*|[A-Z0-9]*\d[A-Z0-9]*[A-Z][A-Z0-9]*|[A-Z]+\d+)$")
_PARTICLES = frozenset({"al", "el", "ad", "ash", "as", "an", "ar", "wal", "e", "i", "ul"})
_NOT_NAME_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


class UnitGroups:
    """Cue-based armed-group candidates (mixed into :class:`MilitaryUnits`)."""

    def _compile_groups(self) -> None:
        cues: dict[str, set[str]] = {}
        for row in self.data.get("group_cues", []):
            cues.setdefault(row["class"], set()).add(row["term"])
        self._cues = cues
        self._members = cues.get("MEMBERS", set()) | cues.get("MEMBERS_WEAK", set())
        self._group_anchor_words = (
            self._members
            | cues.get("GROUP_NOUN", set())
            | cues.get("REGION_FORCE", set())
            | cues.get("LED", set())
            | {w.lower() for w in cues.get("ALLIANCE", set())}
        )

    # -- names ----------------------------------------------------------------
    def _name_word(self, tok: Token) -> bool:
        if tok.text in self._cues.get("NOT_GROUP", ()) or not _NAME_WORD.match(tok.text):
            return False
        if tok.is_stop and not tok.is_upper and tok.pos_ != "PROPN":  # "Front" is a stop word
            return False
        if tok.ent_type_ in _NOT_NAME_ENTS:
            return False
        return not ((tok.lower_,) in self._t.coll or tok.lower_ in self._members)

    def _name_start(self, doc: Doc, end: int, limit: int = 7) -> int:
        """Start of a title-case name ending right before token ``end``."""
        joiners = self._cues.get("NAME_JOINER", set())
        j = end
        while j > 0 and end - j < limit:
            tok = doc[j - 1]
            if "\n" in tok.whitespace_ and j < end or "\n" in tok.text:
                break
            if self._name_word(tok):
                j -= 1
                if tok.is_sent_start:
                    break
            elif tok.text in {"-", "'", "’"} and j < end and j >= 2 and (
                self._name_word(doc[j - 2]) or doc[j - 2].lower_ in _PARTICLES
            ) or tok.lower_ in _PARTICLES and j < end and doc[j].text == "-" or tok.lower_ in joiners and j < end and j >= 2 and self._name_word(doc[j - 2]):
                j -= 1
            else:
                break
        while j < end and (doc[j].lower_ in joiners or doc[j].text in {"-", "'", "’"}):
            j += 1
        return j

    def _name_end(self, doc: Doc, start: int, limit: int = 8) -> int:
        """End of a title-case name starting at token ``start``."""
        joiners = self._cues.get("NAME_JOINER", set())
        j = start
        while j < len(doc) and j - start < limit:
            tok = doc[j]
            if j > start and (tok.is_sent_start or "\n" in doc[j - 1].whitespace_):
                break
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            if self._name_word(tok) or tok.lower_ in _PARTICLES and nxt is not None and nxt.text == "-" or (
                j > start
                and nxt is not None
                and (tok.text == "-" or tok.lower_ in joiners)
                and (self._name_word(nxt) or nxt.lower_ in _PARTICLES)
            ):
                j += 1
            else:
                break
        while j > start and (doc[j - 1].lower_ in joiners or doc[j - 1].text == "-"):
            j -= 1
        return j

    def _plain_name(self, doc: Doc, s: int, e: int, person_ok: bool = False) -> bool:
        """Not only a nationality, a people or a place: "Somali", "Tuareg", "Mali" (the
        small NER often calls an Arabic group name a person: ``person_ok`` after a strong cue)."""
        if s >= e:
            return False
        n, _ = self._nat_at(doc, s, e)
        if n == e - s:
            return False
        blocked = {"NORP", "GPE", "LOC"} if person_ok else {"NORP", "GPE", "LOC", "PERSON"}
        for ent in doc.ents:
            if ent.start == s and ent.end == e and ent.label_ in blocked:
                return False
        return True

    def _armed_enough(self, doc: Doc, s: int, e: int, people: str) -> bool:
        """A weak people word ("fighters", "rebels") needs a name that sounds armed."""
        if people not in self._cues.get("MEMBERS_WEAK", ()):
            return True
        if any(t.text in self._cues.get("ARMED_WORD", ()) for t in doc[s:e]):
            return True
        return (
            people in self._cues.get("ACRONYM_OK", ())
            and e - s == 1
            and _ACRONYM.match(doc[s].text) is not None
        )

    def _group_value(self, doc: Doc, s: int, e: int, echelon: str = "armed group") -> dict:
        return self._value(_join(list(doc[s:e])), None, echelon, None, True)

    # -- candidates -------------------------------------------------------------
    def _group_candidates(self, doc: Doc) -> list[_Candidate]:
        out: list[_Candidate] = []
        group_nouns = self._cues.get("GROUP_NOUN", set())
        group_mods = self._cues.get("GROUP_MOD", set())
        region_force = self._cues.get("REGION_FORCE", set())
        strings = doc.vocab.strings
        anchors = {strings.add(w) for w in self._group_anchor_words}
        for i, low_id in enumerate(doc.to_array(LOWER).tolist() if len(doc) else []):
            if low_id not in anchors:
                continue
            tok = doc[i]
            low = tok.lower_
            if low in self._members and tok.is_lower:
                s = self._name_start(doc, i)
                while s < i and (self._nat_at(doc, s, i)[0] and s + self._nat_at(doc, s, i)[0] < i):
                    s += self._nat_at(doc, s, i)[0]  # "Kurdish YPG fighters" -> "YPG"
                strong = low not in self._cues.get("MEMBERS_WEAK", ())
                if s < i and self._plain_name(doc, s, i, strong) and self._armed_enough(doc, s, i, low):
                    out.append(_Candidate(s, i, "GROUP", self._group_value(doc, s, i)))
            if low in group_nouns and tok.is_lower and i > 0 and doc[i - 1].lower_ in group_mods:
                e = self._name_end(doc, i + 1)
                if e > i + 1 and self._plain_name(doc, i + 1, e, person_ok=True):
                    out.append(_Candidate(i + 1, e, "GROUP", self._group_value(doc, i + 1, e)))
            if tok.text in self._cues.get("ALLIANCE", ()):
                k = i + 1
                while k < len(doc) and k - i <= 3 and (doc[k].text == "-" or doc[k].is_title):
                    k += 1  # "NATO-Afghan army base"
                if k < len(doc) and doc[k].lower_ in self._cues.get("FORCE_USE", ()):
                    out.append(_Candidate(i, i + 1, "GROUP", self._group_value(doc, i, i + 1, "alliance")))
            if low in self._cues.get("LED", ()) and tok.is_lower and i >= 3 and doc[i - 1].lower_ == "led" and doc[i - 2].text == "-":
                s = self._name_start(doc, i - 2, limit=3)
                if s < i - 2:  # "the Saudi-led coalition", "US-led forces"
                    value = self._group_value(doc, s, i + 1, "coalition")
                    out.append(_Candidate(s, i + 1, "GROUP", value))
            if low in region_force and tok.is_lower and i > 0:
                s = i
                while (
                    s > 0
                    and i - s < 2
                    and doc[s - 1].is_title
                    and (doc[s - 1].ent_type_ in {"GPE", "LOC"}
                         or doc[s - 1].pos_ == "PROPN" and not doc[s - 1].ent_type_)
                    and (doc[s - 1].pos_ == "PROPN" or not doc[s - 1].is_sent_start)
                ):
                    s -= 1
                if s < i and not self._nat_at(doc, s, i)[0]:
                    value = self._value(
                        f"{_join(list(doc[s:i]))} {tok.lower_}", doc[s:i].text, "armed forces", None, True
                    )
                    out.append(_Candidate(s, i + 1, "GROUP", value))
        return out

    def _acronyms_and_repeats(self, doc: Doc, chosen: list[_Candidate]) -> list[_Candidate]:
        """Acronyms in brackets after a unit, and later mentions of names found by cues."""
        taken = [False] * len(doc)
        for c in chosen:
            taken[c.start : c.end] = [True] * (c.end - c.start)
        extra: list[_Candidate] = []
        repeat: dict[tuple[str, ...], dict] = {}
        for c in chosen:
            e = c.end
            if (
                e + 2 < len(doc)
                and doc[e].text == "("
                and doc[e + 2].text == ")"
                and _ACRONYM.match(doc[e + 1].text)
                and not taken[e + 1]
            ):
                norm = dict(c.norm)
                extra.append(_Candidate(e + 1, e + 2, "GROUP", norm))
                taken[e + 1] = True
                repeat[(doc[e + 1].text,)] = norm
            if c.kind == "GROUP" and c.norm.get("echelon") == "armed group":
                repeat[tuple(t.text for t in doc[c.start : c.end])] = c.norm
        if repeat:
            firsts = {key[0] for key in repeat}
            for tok in doc:
                if tok.text not in firsts or taken[tok.i]:
                    continue
                for key, norm in repeat.items():
                    e = tok.i + len(key)
                    if (
                        key[0] == tok.text
                        and e <= len(doc)
                        and not any(taken[tok.i : e])
                        and tuple(t.text for t in doc[tok.i : e]) == key
                    ):
                        extra.append(_Candidate(tok.i, e, "GROUP", dict(norm)))
                        taken[tok.i : e] = [True] * len(key)
                        break
        return extra
