"""Stage: CASUALTY spans, quantified counts of people harmed by war or political violence.

A candidate is built in three steps:

1. **Quantity.** A count in digits or words ("1,000", "one thousand", "1.5 million"),
   a vague magnitude ("dozens", "tens of thousands"), optionally preceded by a
   qualifier ("well over", "nearly", "some") and/or a fraction of a group
   ("over half of a group of 1,800"). Bare "many", "several", "a few" and
   singular indefinites are never counts.
2. **People.** The noun phrase the count quantifies ("18 *people*", "dozens of
   *villagers*", "1,800 *Japanese women and children*"). Its head must denote
   people (``people.jsonl``, or a NORP demonym, or a harm nominal such as
   "dead"/"casualties"). A count of something else (yen, tons, hours) is
   dropped. A bare count is kept only where the parse or an infobox key ties it
   directly to harm ("Deaths Over 1,000", "killing at least 12").
3. **Kind.** The dependency parse links the count to a harm term
   (``harm_terms.jsonl``): it is the object or passive subject of a transitive
   harm verb ("18 people were killed", "murdered ... refugees"), the subject of
   an intransitive one ("died"), the complement of a harm noun ("deaths of 300
   civilians", "a war crime ... against over half of ..."), or is itself a harm
   nominal ("1,000 dead", "300 casualties"). Counts in a passive agent ("by eight
   Japanese soldiers") or the active subject of a harm verb are perpetrators and
   are never CASUALTY.

**War/violence gate.** A count is kept only in a war or political-violence
context: the trigger is inherently violent ("massacre", "bayonet", "rape"), a
war cue (``casualty_context.jsonl``) or a MILITARY_UNIT candidate occurs in the
paragraph or a neighbouring paragraph, or ``doc._.war_related`` is True.
Custody triggers ("arrest", "detain", "indict", "convict") are ambiguous with
criminal justice: they need a war cue in their *own* paragraph that outnumbers
its criminal-justice cues (drugs, courts, charges), so "arrested three
Vietnamese nationals for smuggling cannabis" yields nothing.

Normalisation (``schemas.CasualtyValue``): exact N -> low=high=N; lower-bound
qualifiers (over, more than, at least) -> low=N, high=None; upper-bound ones
(nearly, almost, up to) -> low=None, high=N; approximations (about, around,
some) -> low=high=N, qualifier "about"; magnitudes are ranges ("dozens" 24-99);
"over half of a group of 1,800" -> low=900, high=1800, qualifier "over half of".
"Casualties" (killed + wounded, split unknown) is tagged kind "wounded" with
trigger "casualties".

>>> import warevents  # doctest: +SKIP
>>> doc = warevents.load()("In 1995, up to 8,000 men and boys were murdered by Serb forces.")  # doctest: +SKIP
>>> [(s.text, s._.norm["kind"], s._.norm["high"]) for s in doc.spans["warevents_casualties"]]  # doctest: +SKIP
[('up to 8,000 men and boys', 'killed', 8000)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from ..schemas import CasualtyValue
from .base import RuleComponent, match_near_anchors
from .common import CANDIDATES

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")
_DETERMINERS = {
    "a",
    "an",
    "the",
    "these",
    "those",
    "this",
    "that",
    "their",
    "its",
    "his",
    "her",
    "our",
}
_BARE_EXCLUDED_ENTS = {"TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
_YEAR = re.compile(r"^1[0-9]{3}$|^20[0-9]{2}$")
_PERPETRATOR = "perpetrator"
_RANGE_LINKS = {"to", "-", "–", "and", "or"}
#: Range and qualifier words the parser may attach as a preposition of the verb.
_COUNT_PREPS = {"between", "over", "about", "around", "some", "nearly", "approximately"}
#: Words introducing a sub-count of the count before them ("including 12 children").
_SUBSET_WORDS = {"including", "among", "incl.", "includes", "included"}
#: When one count is governed by two kinds, the more severe wins (GUIDELINES C1).
_SEVERITY = ("killed", "died", "raped", "wounded", "abducted", "detained", "missing")


def _verb_lemmas(verb: Token) -> list[str]:
    """The parser's lemma plus naive de-inflections of the surface form; the
    small model sometimes mislemmatises ("raped" -> "rap")."""
    out = [verb.lemma_.lower()]
    low = verb.lower_
    for suffix, repl in (("ed", ""), ("d", ""), ("ing", ""), ("ing", "e"), ("s", "")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            out.append(low[: -len(suffix)] + repl)
    if len(low) > 5 and low.endswith("ed") and low[-3] == low[-4]:
        out.append(low[:-3])  # "shelled" is handled above; "stabbed" -> "stab"
    return list(dict.fromkeys(out))


@dataclass
class _Quantity:
    start: int  # first token (qualifier included)
    core_start: int  # first token of the number itself
    end: int  # one past the number's last token
    low: int | None
    high: int | None
    qualifier: str | None
    fraction_root: int | None = None  # "half" in "half of a group of 1,800"


@dataclass
class _Harm:
    kind: str
    trigger: str
    violent: bool
    custody: bool
    requires_person: bool = False


class Casualties(RuleComponent):
    """Find counts of people killed, wounded, missing, detained, raped, abducted or dead."""

    label = "CASUALTY"
    data_files: dict[str, tuple[str, ...]] = {
        "quantities": ("lexicons", "quantities.jsonl"),
        "harm_terms": ("lexicons", "harm_terms.jsonl"),
        "people": ("lexicons", "people.jsonl"),
        "context": ("lexicons", "casualty_context.jsonl"),
        "patterns": ("patterns", "casualties.jsonl"),
    }

    # -- compile ------------------------------------------------------------
    def _compile(self) -> None:
        self._numbers: dict[str, float] = {}
        self._scales: dict[str, int] = {}
        self._magnitudes: list[tuple[tuple[str, ...], int, int]] = []
        self._multipliers: list[tuple[tuple[str, ...], int, int]] = []
        self._qualifiers: list[tuple[tuple[str, ...], str, str]] = []
        self._fractions: list[tuple[tuple[str, ...], float]] = []
        self._group_nouns: set[str] = set()
        for row in self.data.get("quantities", []):
            kind = row["type"]
            if kind == "number":
                self._numbers[row["word"]] = row["value"]
            elif kind == "scale":
                self._scales[row["word"]] = row["value"]
            elif kind == "magnitude":
                self._magnitudes.append((tuple(row["words"]), row["low"], row["high"]))
            elif kind == "multiplier":
                self._multipliers.append((tuple(row["words"]), row["low"], row["high"]))
            elif kind == "qualifier":
                self._qualifiers.append((tuple(row["words"]), row["bound"], row["norm"]))
            elif kind == "fraction":
                self._fractions.append((tuple(row["words"]), row["num"] / row["den"]))
            elif kind == "group_noun":
                self._group_nouns.add(row["word"])
        for table in (self._magnitudes, self._multipliers, self._qualifiers, self._fractions):
            table.sort(key=lambda item: -len(item[0]))

        self._verbs: dict[str, list[dict[str, Any]]] = {}
        self._nouns: dict[str, dict[str, Any]] = {}
        self._adjs: dict[str, dict[str, Any]] = {}
        for row in self.data.get("harm_terms", []):
            table = {"VERB": None, "NOUN": self._nouns, "ADJ": self._adjs}[row["pos"]]
            if table is None:
                self._verbs.setdefault(row["lemma"], []).append(row)
            else:
                table.setdefault(row["lemma"], row)
        self._people = {row["lemma"] for row in self.data.get("people", [])}
        self._war_cues = {r["term"] for r in self.data.get("context", []) if r["type"] == "war"}
        self._crime_cues = {
            r["term"] for r in self.data.get("context", []) if r["type"] == "criminal"
        }

        self._by_first: dict[int, dict[str, list]] = {}
        self._by_last: dict[int, dict[str, list]] = {}
        self._infobox: dict[str, str] = {}
        self._exclude = Matcher(self.nlp.vocab)
        for row in self.data.get("patterns", []):
            if row["type"] == "infobox_key":
                self._infobox[row["key"]] = row["kind"]
            elif row["type"] == "exclude":
                self._exclude.add(row["id"], [row["pattern"]])

    # -- quantities ---------------------------------------------------------
    def _match_words(self, doc: Doc, i: int, table: list) -> tuple[int, Any] | None:
        """Longest entry of ``table`` whose words start at token ``i``."""
        index = self._by_first.get(id(table))
        if index is None:  # built once per table: entries keep their longest-first order
            index = self._by_first[id(table)] = {}
            for entry in table:
                index.setdefault(entry[0][0], []).append(entry)
        for entry in index.get(doc[i].lower_, ()):
            words = entry[0]
            if i + len(words) <= len(doc) and all(
                doc[i + k].lower_ == w for k, w in enumerate(words)
            ):
                return i + len(words), entry
        return None

    def _match_words_ending(self, doc: Doc, end: int, table: list) -> tuple[int, Any] | None:
        """Longest entry of ``table`` whose words end just before token ``end``."""
        if end <= 0:
            return None
        index = self._by_last.get(id(table))
        if index is None:
            index = self._by_last[id(table)] = {}
            for entry in table:
                index.setdefault(entry[0][-1], []).append(entry)
        for entry in index.get(doc[end - 1].lower_, ()):
            words = entry[0]
            start = end - len(words)
            if start >= 0 and all(doc[start + k].lower_ == w for k, w in enumerate(words)):
                return start, entry
        return None

    def _number_value(self, token: Token) -> float | None:
        text = token.lower_
        if _DIGITS.match(text):
            return float(text.replace(",", ""))
        return self._numbers.get(text)

    def _parse_core(self, doc: Doc, i: int) -> tuple[int, float, float] | None:
        """A number or magnitude starting at ``i``: (end, low, high)."""
        hit = self._match_words(doc, i, self._magnitudes)
        if hit:
            end, (_, low, high) = hit
            return end, low, high
        hit = self._match_words(doc, i, self._multipliers)
        if hit and hit[0] < len(doc) and doc[hit[0]].lower_ in self._scales:
            end, (_, low, high) = hit
            scale = self._scales[doc[end].lower_]
            return end + 1, low * scale, high * scale
        # digits, number words and scale words: "1.5 million", "two hundred and fifty"
        total = current = 0.0
        prev = None  # kind of the previous token: digit, word, scale, article, link
        j = i
        while j < len(doc):
            low = doc[j].lower_
            nxt = doc[j + 1].lower_ if j + 1 < len(doc) else ""
            if prev is None and low in ("a", "an") and nxt in self._scales:
                current, kind = 1.0, "article"
            elif prev is None and _DIGITS.match(low):
                current, kind = float(low.replace(",", "")), "digit"
            elif low in self._numbers and prev in (None, "word", "scale", "link"):
                current, kind = current + self._numbers[low], "word"
            elif low in self._scales and prev is not None and prev != "link":
                current, kind = (current or 1.0) * self._scales[low], "scale"
                if self._scales[low] >= 1000:
                    total, current = total + current, 0.0
            elif low in ("and", "-") and prev in ("word", "scale") and nxt in self._numbers:
                kind = "link"
            else:
                break
            prev = kind
            j += 1
        if prev is None or prev in ("article", "link"):
            return None
        value = total + current
        if value < 1:
            return None
        return j, value, value

    def _quantities(self, doc: Doc) -> list[_Quantity]:
        excluded: set[int] = set()
        # every exclusion pattern contains a number: match only around numbers
        for _, start, end in match_near_anchors(
            self._exclude, doc, lambda t: t.like_num, before=4, after=4
        ):
            excluded.update(t.i for t in doc[start:end] if t.like_num)
        found: list[_Quantity] = []
        i = 0
        while i < len(doc):
            core = None if i in excluded else self._parse_core(doc, i)
            if core is None:
                i += 1
                continue
            end, low, high = core
            if any(k in excluded for k in range(i, end)):
                i = end
                continue
            between = i > 0 and doc[i - 1].lower_ == "between"
            link = doc[end].lower_ if end < len(doc) else ""
            second = None
            if link in _RANGE_LINKS and (between or link not in ("and",)):
                second = self._parse_core(doc, end + 1)
            if second is not None:
                # "5,000 to 8,000", "between 1.5 and 2 million", "five or six"
                end2, _, high2 = second
                scale = self._scales.get(doc[end2 - 1].lower_, 1)
                if scale > 1 and doc[end - 1].lower_ not in self._scales and high < scale:
                    low, high = low * scale, high * scale
                q = self._qualify(doc, i, end2, round(low), round(high2))
                if between:
                    q.start, q.qualifier = i - 1, "between"
                found.append(q)
                i = end2
                continue
            found.append(self._qualify(doc, i, end, round(low), round(high)))
            i = end
        return found

    def _qualify(self, doc: Doc, core_start: int, end: int, low: int, high: int) -> _Quantity:
        """Attach a qualifier and a fraction-of-group prefix to a bare number."""
        start = core_start
        fraction_root = None
        frac_value = None
        # "over half of a group of 1,800", "a third of the 600 prisoners"
        j = start - 1
        saw_of = False
        while j >= 0 and start - j <= 6:
            low_j = doc[j].lower_
            if low_j == "of":
                saw_of = True
            elif low_j in _DETERMINERS or low_j in self._group_nouns:
                pass
            else:
                break
            j -= 1
        if saw_of:
            hit = self._match_words_ending(doc, j + 1, self._fractions)
            if hit:
                fstart, (_, frac_value) = hit
                fraction_root = j
                start = fstart
        bound = None
        norm = None
        hit = self._match_words_ending(doc, start, self._qualifiers)
        if hit:
            start, (_, bound, norm) = hit
        if frac_value is not None:
            part = round(frac_value * high)
            qualifier = " ".join(t.lower_ for t in doc[start : fraction_root + 1]) + " of"
            if bound == "lower":
                return _Quantity(start, core_start, end, part, high, qualifier, fraction_root)
            if bound == "upper":
                return _Quantity(start, core_start, end, None, part, qualifier, fraction_root)
            return _Quantity(start, core_start, end, part, part, qualifier, fraction_root)
        # a qualifier applies to a magnitude's range too: "over hundreds" -> 200..None
        if bound == "lower":
            return _Quantity(start, core_start, end, low, None, norm)
        if bound == "upper":
            return _Quantity(start, core_start, end, None, high, norm)
        if bound == "about":
            return _Quantity(start, core_start, end, low, high, "about")
        return _Quantity(start, core_start, end, low, high, None)

    # -- people ------------------------------------------------------------
    def _is_people_head(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        lower = token.lower_
        if lemma in self._people or lower in self._people:
            return True
        if lower.endswith("s") and (lower[:-1] in self._people or lower[:-2] in self._people):
            return True
        if token.ent_type_ == "NORP" and token.pos_ in ("NOUN", "PROPN", "ADJ"):
            return True
        # a plural proper noun or a capitalised adjective heading the count: "300 Koreans", "27 Japanese"
        if token.tag_ == "NNPS" or (
            token.pos_ == "ADJ" and token.is_title and token.dep_ not in ("amod",)
        ):
            return True
        rows = (
            self._nouns.get(lemma),
            self._nouns.get(lower),
            self._adjs.get(lower),
            self._adjs.get(lemma),
        )
        return any(row and row.get("people") for row in rows)

    def _people_np(self, doc: Doc, q: _Quantity) -> tuple[Token | None, int, bool]:
        """Head noun of the counted people, end of the span, and whether a
        non-person noun is counted instead (then the count is dropped)."""
        i = q.end
        if i < len(doc) and doc[i].lower_ == "of":
            i += 1
            while i < len(doc) and doc[i].lower_ in _DETERMINERS:
                i += 1
        run: list[Token] = []
        while i < len(doc) and len(run) < 6:
            tok = doc[i]
            if (
                tok.is_alpha
                and not tok.whitespace_
                and i + 2 < len(doc)
                and doc[i + 1].text in ("-", "–")
            ):
                run.append(tok)  # "anti-war protesters", "pro-Russian separatists"
                i += 2
                continue
            if tok.is_space or tok.is_punct:
                break
            if tok.pos_ in ("ADJ", "NOUN", "PROPN") or (
                tok.tag_ in ("VBN", "VBG") and tok.dep_ == "amod"
            ):
                run.append(tok)
                i += 1
                continue
            # a participle right after the count is a predicate ("and some 300 wounded")
            break
        if not run:
            return None, q.end, False
        last_num = doc[q.end - 1]
        ids = {t.i for t in run}
        head = last_num.head if last_num.head.i in ids else None
        if head is None:
            roots = [t for t in run if t.head.i not in ids or t.head == t]
            head = roots[0] if roots else run[-1]
        # "took 500 men prisoner": the parser makes "men" a compound of "prisoner"
        prev = doc[head.i - 1]
        if (
            head.tag_ == "NN"
            and prev.i in ids
            and prev.tag_ == "NNS"
            and self._is_people_head(prev)
            and head.lemma_.lower() in ("prisoner", "captive", "hostage")
        ):
            head = prev
        if head.pos_ not in ("NOUN", "PROPN") and not self._is_people_head(head):
            return None, q.end, False
        if not self._is_people_head(head):
            # the run may extend past the counted noun ("27 Japanese under"): trust the parse
            return None, q.end, head.pos_ in ("NOUN", "PROPN")
        end = head.i + 1
        # "prisoners of war"
        if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].lower_ == "war":
            end += 2
        # "women and children" (not "civilians and 3 soldiers")
        for conj in head.conjuncts:
            if (
                conj.i > head.i
                and conj.i - end <= 3
                and self._is_people_head(conj)
                and not any(c.dep_ == "nummod" or c.like_num for c in conj.children)
            ):
                end = max(end, conj.i + 1)
        return head, end, False

    # -- harm ----------------------------------------------------------------
    def _noun_harm(self, token: Token) -> _Harm | None:
        lemma = token.lemma_.lower()
        for child in token.children:
            if child.dep_ in ("compound", "amod") and child.i < token.i:
                two = f"{child.lemma_.lower()} {lemma}"
                if two in self._nouns:
                    return self._harm(self._nouns[two], doc_text=f"{child.text} {token.text}")
        row = self._nouns.get(lemma)
        if row is None and token.pos_ == "ADJ":
            row = self._adjs.get(lemma) or self._adjs.get(token.lower_)
        return self._harm(row, doc_text=token.text) if row else None

    def _harm(self, row: dict[str, Any], doc_text: str) -> _Harm:
        return _Harm(
            kind=row["kind"],
            trigger=doc_text,
            violent=bool(row.get("violent")),
            custody=row.get("domain") == "custody",
            requires_person=bool(row.get("requires_person")),
        )

    def _verb_harm(self, verb: Token, role: str, victim: Token) -> _Harm | None:
        """Harm entry for ``verb`` where the victim stands in ``role``."""
        particles = [
            c
            for c in verb.children
            if c.dep_ in ("prt", "dobj", "acomp", "advmod", "advcl", "oprd") and c.i > verb.i
        ]
        keys = []
        for lemma in _verb_lemmas(verb):
            keys += [f"{lemma} {p.lower_}" for p in particles] + [lemma]
        near = self._near_lemmas(verb) | {victim.lemma_.lower()}
        for key in keys:
            for row in self._verbs.get(key, []):
                if row["victim"] != role:
                    continue
                if row.get("requires") and not near & set(row["requires"]):
                    continue
                text = verb.text if " " not in key else f"{verb.text} {key.split(' ', 1)[1]}"
                return self._harm(row, doc_text=text)
        return None

    def _near_lemmas(self, verb: Token) -> set[str]:
        out: set[str] = set()
        for child in verb.children:
            out.add(child.lemma_.lower())
            for grand in child.children:
                out.add(grand.lemma_.lower())
                if grand.dep_ == "compound":
                    continue
                for c in grand.children:
                    if c.dep_ == "compound":
                        out.add(f"{c.lemma_.lower()} {grand.lemma_.lower()}")
        return out

    def _is_passive(self, verb: Token) -> bool:
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            return True
        # reduced passive: "300 civilians killed in the attack", "some 300 wounded"
        return verb.tag_ == "VBN" and not any(
            c.lemma_ == "have" and c.dep_ == "aux" for c in verb.children
        )

    def _complement_harm(self, verb: Token) -> _Harm | None:
        """'were found dead', 'went missing', 'were reported killed'."""
        for child in verb.children:
            if (
                child.dep_ in ("acomp", "oprd", "xcomp", "attr", "ccomp", "advcl")
                and child.i > verb.i
            ):
                row = self._adjs.get(child.lower_) or self._adjs.get(child.lemma_.lower())
                if row:
                    return self._harm(row, doc_text=child.text)
                if child.pos_ == "VERB" and self._is_passive(child):
                    harm = self._verb_harm(child, "object", child)
                    if harm:
                        return harm
                if child.pos_ in ("NOUN",) and child.dep_ == "attr":
                    harm = self._noun_harm(child)
                    if harm:
                        return harm
        return None

    def _resolve(self, n: Token, depth: int = 0) -> _Harm | str | None:
        """Kind of harm the nominal ``n`` suffers, ``_PERPETRATOR``, or None."""
        if depth > 4:
            return None
        for child in n.children:
            if child.dep_ == "amod" and (
                child.i < n.i
                # "left 2.5 million people dead": a result complement parsed as a modifier
                or child.i == n.i + 1 and n.dep_ in ("dobj", "obj") and n.head.pos_ == "VERB"
            ):
                row = self._adjs.get(child.lower_) or self._adjs.get(child.lemma_.lower())
                if row:
                    return self._harm(row, doc_text=child.text)
            if child.dep_ in ("acl", "relcl") and child.pos_ in ("VERB", "AUX"):
                if child.dep_ == "acl" and child.tag_ == "VBN":
                    harm = self._verb_harm(child, "object", n)
                    if harm:
                        return harm
                if child.dep_ == "relcl":
                    rel = next(
                        (
                            c
                            for c in child.children
                            if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WP", "WDT", "PRP")
                        ),
                        None,
                    )
                    if rel is not None:
                        harm = self._subject_harm(child, rel)
                        if harm is not None:
                            return harm
        head = n.head
        dep = n.dep_
        if head == n:
            return None
        if dep in ("nsubj", "nsubjpass", "csubjpass"):
            return self._subject_harm(head, n)
        if dep in ("dobj", "obj"):
            if head.pos_ not in ("VERB", "AUX"):
                return None
            # "killed 12 soldiers"; "left 23 civilians dead"
            harm = self._coordinated_harm(head, "object", n) or self._complement_harm(head)
            if harm is not None:
                return harm
        if dep in ("pobj", "dobj") and head.lower_ in _SUBSET_WORDS:
            # "killing 34 civilians, including 12 children": the sub-count shares the harm
            return self._subset_harm(head, depth)
        if dep == "pobj" and head.lower_ in _COUNT_PREPS and head.head.pos_ in ("VERB", "AUX"):
            # "Between 22,700 and 25,000 people were killed": the parser reads the range
            # word as a preposition of the verb; the count is its subject or object
            verb = head.head
            passive = self._is_passive(verb)
            if head.i < verb.i:
                harm = self._coordinated_harm(verb, "object" if passive else "subject", n)
            else:
                harm = None if passive else self._coordinated_harm(verb, "object", n)
            if harm is not None:
                return harm
        if dep == "pobj":
            prep = head
            gov = prep.head
            if prep.dep_ == "agent" or (prep.lower_ == "by" and gov.tag_ == "VBN"):
                return _PERPETRATOR
            if gov.pos_ in ("NOUN", "PROPN", "ADJ"):
                harm = self._noun_harm(gov)
                if harm is None and gov.dep_ == "conj":
                    harm = self._noun_harm(gov.head)
                if harm is not None and prep.lower_ in ("of", "against", "among", "on"):
                    return harm
                if gov.lemma_.lower() in self._group_nouns or gov.lemma_.lower() in (
                    "half",
                    "third",
                    "quarter",
                    "life",
                ):
                    return self._resolve(gov, depth + 1)
                return None
            if gov.pos_ in ("VERB", "AUX") and prep.lower_ in ("to", "at", "of"):
                # "the death toll rose to 45"
                for subj in gov.children:
                    if subj.dep_ in ("nsubj", "nsubjpass"):
                        harm = self._noun_harm(subj)
                        if harm is not None:
                            return harm
            return None
        if dep in ("attr", "dobj", "npadvmod") and head.pos_ in ("VERB", "AUX"):
            # "the death toll was 57", "casualties numbered 300"
            for subj in head.children:
                if subj.dep_ in ("nsubj",):
                    harm = self._noun_harm(subj)
                    if harm is not None:
                        return harm
            return None
        if dep in ("conj", "appos"):
            return self._resolve(head, depth + 1)
        return None

    def _subset_harm(self, word: Token, depth: int) -> _Harm | None:
        """Harm of the count that ``including``/``among`` narrows: the noun it modifies
        ("12 people, including 5 children") or the victim of the verb it hangs on
        ("left 11,541 people dead, including 1,601 children")."""
        gov = word.head
        if gov == word:
            return None
        if gov.pos_ in ("NOUN", "PROPN", "NUM", "ADJ"):
            harm = self._resolve(gov, depth + 1)
            return harm if isinstance(harm, _Harm) else None
        if gov.pos_ in ("VERB", "AUX"):
            for child in gov.children:
                if child.dep_ in ("dobj", "nsubjpass") and child.i < word.i:
                    harm = self._resolve(child, depth + 1)
                    if isinstance(harm, _Harm):
                        return harm
        return None

    def _subject_harm(self, verb: Token, subj: Token) -> _Harm | str | None:
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        if verb.tag_ in ("VBG", "JJ"):
            # "1,000 people are still missing": the harm adjective is the predicate itself
            row = self._adjs.get(verb.lower_)
            if row and row.get("people"):
                return self._harm(row, doc_text=verb.text)
        passive = subj.dep_ == "nsubjpass" or (
            subj.dep_ == "nsubj" and verb.tag_ == "VBN" and self._is_passive(verb)
        )
        if passive:
            harm = self._coordinated_harm(verb, "object", subj)
            if harm is not None:
                return harm
        else:
            harm = self._coordinated_harm(verb, "subject", subj)
            if harm is not None:
                return harm
            if self._verb_harm(verb, "object", subj) is not None and any(
                c.dep_ in ("dobj", "obj") for c in verb.children
            ):
                return _PERPETRATOR
        return self._complement_harm(verb)

    def _coordinated_harm(self, verb: Token, role: str, victim: Token) -> _Harm | None:
        """Harm of ``verb`` and of verbs coordinated with it that share its
        argument ("were raped and killed", "raped and murdered 30 women"); the
        most severe kind wins."""
        own = (
            # "X were killed and Y were injured": a passive auxiliary starts a new clause
            ("nsubj", "nsubjpass", "auxpass")
            if role == "subject" or victim.dep_ != "dobj"
            # "the army captured 590,000 prisoners" after "80,000 soldiers were killed":
            # a conjunct with a subject of its own is a separate clause
            else ("dobj", "nsubj", "nsubjpass", "auxpass")
        )
        verbs = [verb] + [
            c
            for c in verb.conjuncts
            if c.pos_ == "VERB" and not any(d.dep_ in own for d in c.children)
        ]
        harms = [h for v in verbs if (h := self._verb_harm(v, role, victim)) is not None]
        if not harms:
            return None
        return min(harms, key=lambda h: _SEVERITY.index(h.kind))

    def _infobox_kind(self, doc: Doc, q: _Quantity) -> _Harm | None:
        """'Deaths Over 1,000': a harm key opening the line right before the count."""
        line_start = q.start
        while line_start > 0 and not (
            "\n" in doc[line_start - 1].text or "\n" in doc[line_start - 1].whitespace_
        ):
            line_start -= 1
        words = [t for t in doc[line_start : q.start] if not (t.is_punct or t.is_space)]
        if not words or len(words) > 2:
            return None
        key = " ".join(t.lower_ for t in words)
        if key in self._infobox:
            return _Harm(self._infobox[key], " ".join(t.text for t in words), False, False)
        return None

    # -- context -------------------------------------------------------------
    def _paragraphs(self, doc: Doc) -> list[int]:
        """Paragraph index of every token (a new paragraph after a line break)."""
        para = []
        current = 0
        for tok in doc:
            para.append(current)
            if "\n" in tok.text or "\n" in tok.whitespace_:
                current += 1
        return para

    def _cue_counts(self, doc: Doc, para: list[int]) -> tuple[dict[int, int], dict[int, int]]:
        war: dict[int, int] = {}
        crime: dict[int, int] = {}
        lowered = [t.lower_ for t in doc]
        lemmas = [t.lemma_.lower() for t in doc]
        for i in range(len(doc)):
            words = {lowered[i], lemmas[i]}
            if i + 1 < len(doc):
                words |= {f"{lowered[i]} {lowered[i + 1]}", f"{lemmas[i]} {lemmas[i + 1]}"}
            if words & self._war_cues:
                war[para[i]] = war.get(para[i], 0) + 1
            if words & self._crime_cues:
                crime[para[i]] = crime.get(para[i], 0) + 1
        for span in doc.spans.get(CANDIDATES["MILITARY_UNIT"], []):
            war[para[span.start]] = war.get(para[span.start], 0) + 1
        return war, crime

    def _in_context(
        self,
        harm: _Harm,
        p: int,
        war: dict[int, int],
        crime: dict[int, int],
        nonempty: list[int],
        doc_flag: bool | None,
    ) -> bool:
        if harm.custody:
            return war.get(p, 0) > crime.get(p, 0)
        if harm.violent or doc_flag is True:
            return True
        pos = nonempty.index(p) if p in nonempty else None
        window = [p] if pos is None else nonempty[max(0, pos - 1) : pos + 2]
        return any(war.get(k, 0) for k in window)

    # -- main ----------------------------------------------------------------
    def find(self, doc: Doc) -> list[Span]:
        doc_flag = doc._.war_related if isinstance(doc._.war_related, bool) else None
        if doc_flag is False:
            return []
        quantities = self._quantities(doc)
        if not quantities:
            return []
        para = self._paragraphs(doc)
        war, crime = self._cue_counts(doc, para)
        nonempty = sorted({para[t.i] for t in doc if not t.is_space})
        spans: list[Span] = []
        for q in quantities:
            head, end, counts_things = self._people_np(doc, q)
            if counts_things:
                continue
            if head is not None:
                n = head
                while q.start <= n.head.i < end and n.head != n:
                    n = n.head
            else:
                # a bare count: its syntactic head among its own tokens
                n = doc[q.end - 1]
                while q.start <= n.head.i < q.end and n.head != n:
                    n = n.head
                if q.fraction_root is not None:
                    n = doc[q.fraction_root]
            own = self._self_harm(head) if head is not None else None
            harm = self._resolve(n)
            if own is not None and not (
                isinstance(harm, _Harm)
                and _SEVERITY.index(harm.kind) < _SEVERITY.index(own.kind)
            ):
                # "300 casualties were reported": the noun itself says the harm; but
                # "executed 21 hostages": the more severe governing harm wins (C1)
                harm = own
            if harm == _PERPETRATOR:
                continue
            if harm is None and head is not None and n != head:
                harm = self._resolve(head)
            if harm is None and head is not None and head.dep_ == "compound" and head.head.i >= end:
                harm = self._resolve(head.head)
            if harm is None:
                harm = self._infobox_kind(doc, q)
            if harm is None and head is not None:
                harm = self._adjacent_verb_harm(doc, q, head)
            if harm is None or harm == _PERPETRATOR:
                continue
            if head is None:
                if harm.requires_person:
                    continue
                if self._not_a_bare_count(doc, q):
                    continue
                # a bare "one" ("one of the men") is not a count
                if q.low is not None and q.low == q.high and q.low <= 1:
                    continue
            if not self._in_context(harm, para[q.start], war, crime, nonempty, doc_flag):
                continue
            if head is None and end < len(doc):
                # "some 300 wounded were evacuated": the harm word modifies the count itself
                nxt = doc[end]
                if (self._adjs.get(nxt.lower_) or {}).get("people") and (
                    q.start <= nxt.head.i < q.end or self._left_result(nxt)
                ):
                    end += 1
            span = Span(doc, q.start, end, label=self.label)
            victims = None
            if head is not None:
                victim_start = q.end
                if doc[victim_start].lower_ == "of":
                    victim_start += 1
                while victim_start < end and doc[victim_start].lower_ in _DETERMINERS:
                    victim_start += 1
                victims = doc[victim_start:end].text or None
            span._.norm = CasualtyValue(
                kind=harm.kind,
                low=q.low,
                high=q.high,
                qualifier=q.qualifier,
                victims=victims,
                trigger=harm.trigger,
            ).model_dump()
            spans.append(span)
        return spans

    @staticmethod
    def _left_result(word: Token) -> bool:
        """'left 23 dead and 40 injured': ``word`` is a result complement of "leave"."""
        verb = word
        while verb.dep_ == "conj" and verb.head != verb:
            verb = verb.head
        if verb.lemma_.lower() == "leave" and verb != word:
            return True
        return word.dep_ in ("oprd", "acomp", "xcomp") and word.head.lemma_.lower() == "leave"

    def _not_a_bare_count(self, doc: Doc, q: _Quantity) -> bool:
        """A bare number the pretrained NER reads as a time, sum or measure, or a
        date: a year, or a number inside a longer DATE entity ("Aug. 17"). A bare
        "57" alone tagged DATE is a frequent small-model error and is kept."""
        for tok in doc[q.core_start : q.end]:
            if tok.ent_type_ in _BARE_EXCLUDED_ENTS or _YEAR.match(tok.text):
                return True
            if tok.ent_type_ == "DATE":
                ent = next(e for e in doc.ents if e.start <= tok.i < e.end)
                if ent.start < q.core_start or ent.end > q.end:
                    return True
        return False

    def _adjacent_verb_harm(self, doc: Doc, q: _Quantity, head: Token) -> _Harm | None:
        """Fallback for a misparsed sentence: a transitive harm verb right before
        the count ("had murdered well over one thousand Japanese refugees")."""
        if q.start == 0:
            return None
        verb = doc[q.start - 1]
        if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBN", "VBG", "VBZ", "VBP"):
            return None
        if verb.tag_ == "VBN" and not any(
            c.lemma_ == "have" and c.dep_ == "aux" for c in verb.children
        ):
            # a true passive ("were killed 30 ...") is never followed by its victims; a VBN
            # with no passive auxiliary, right after a plural subject, is a mis-tagged past
            if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
                return None
            prev = doc[q.start - 2] if q.start >= 2 else None
            if prev is None or prev.tag_ not in ("NNS", "NNPS") or verb.dep_ != "acl":
                return None
        return self._verb_harm(verb, "object", head)

    def _self_harm(self, head: Token) -> _Harm | None:
        """A head noun that is itself a harm nominal: '1,000 dead', '300 casualties'."""
        lemma = head.lemma_.lower()
        row = self._nouns.get(lemma) or self._adjs.get(head.lower_) or self._adjs.get(lemma)
        if row and row.get("people"):
            return self._harm(row, doc_text=head.text)
        return None


@Language.factory("warevents_casualties", assigns=["doc.spans"], default_config={})
def make_casualties(nlp: Language, name: str) -> Casualties:
    return Casualties(nlp, name)
