"""Kind of harm a count suffers, read off the dependency parse and the harm lexicon."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from ..common import max_climb
from .quantities import _Quantity

_PERPETRATOR = "perpetrator"
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
class _Harm:
    kind: str
    trigger: str
    violent: bool
    custody: bool
    requires_person: bool = False


class HarmResolver:
    """Harm of a counted nominal (mixed into :class:`Casualties`)."""

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
        """'were found dead', 'went missing', 'were reported killed', 'are among the dead'."""
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "among" and verb.lemma_ == "be":
                for obj in child.children:
                    row = self._nouns.get(obj.lemma_.lower()) or self._adjs.get(obj.lower_)
                    if obj.dep_ == "pobj" and row and row.get("people"):
                        return self._harm(row, doc_text=obj.text)
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
        if head.i == n.i:
            return None
        if dep in ("nsubj", "nsubjpass", "csubjpass"):
            return self._subject_harm(head, n)
        if dep == "dep" and head.pos_ == "VERB" and n.i < head.i:
            # "Some 4,000 prisoners, most of them officers, were shot": a fronted count that
            # the parser leaves unattached is the subject of the verb it hangs on
            role = "object" if self._is_passive(head) else "subject"
            return self._coordinated_harm(head, role, n)
        if dep in ("dobj", "obj"):
            if head.pos_ not in ("VERB", "AUX"):
                return None
            # "killed 12 soldiers"; "left 23 civilians dead"
            harm = self._coordinated_harm(head, "object", n) or self._complement_harm(head)
            if harm is not None:
                return harm
        if dep in ("pobj", "dobj") and head.lower_ in _SUBSET_WORDS:
            # "killing 34 civilians, including 12 children": the sub-count shares the harm
            harm = self._subset_harm(head, depth)
            if harm is not None or dep == "pobj":
                return harm
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
            # "the death toll was 57", "casualties numbered 300", "the dead included 12 Dutch"
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
        if gov.i == word.i:
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

    def _toll_harm(self, doc: Doc, q: _Quantity) -> _Harm | None:
        """Fallback for a misparsed toll: 'the death toll ... rose to 300', 'bringing the
        toll to 340', 'estimates of the dead have ranged from dozens to 500'. A bare
        count right after "to"/"at"/"from" takes the harm of a toll or harm noun earlier
        in its sentence, with no other count in between."""
        if q.start == 0 or doc[q.start - 1].lower_ not in ("to", "at", "from", "reached", "hit"):
            return None
        sent = doc[q.start].sent
        for k in range(q.start - 2, max(sent.start, q.start - 16) - 1, -1):
            tok = doc[k]
            if tok.like_num:
                return None
            if tok.lemma_.lower() in ("toll", "tally"):
                harm = self._noun_harm(tok)
                return harm or _Harm("killed", tok.text, False, False)
            row = self._nouns.get(tok.lemma_.lower()) or self._adjs.get(tok.lower_) or {}
            if (
                row.get("people")
                and row.get("nominal", True)
                and (tok.pos_ == "NOUN" or tok.dep_ in ("pobj", "nsubj", "nsubjpass", "dobj"))
            ):
                # "estimates of the dead have ranged from dozens to 500"
                return self._harm(row, doc_text=tok.text)
        return None

    def _headline_harm(self, doc: Doc, q: _Quantity) -> _Harm | None:
        """A title-case headline ("Israeli Strikes Kill 21 Palestinians", "Car Bombs
        Kills Dozens"): the small parser misreads it, so a harm verb right before the
        count is taken at its word."""
        if q.start == 0:
            return None
        verb = doc[q.start - 1]
        sent = doc[q.start].sent
        words = [t for t in sent if t.is_alpha and len(t) > 3]
        if not verb.is_title or verb.i == sent.start or not words:
            return None
        if sum(t.is_title or t.is_upper for t in words) < 0.75 * len(words):
            return None
        low = verb.lower_
        forms = [low] + [low[: -len(x)] for x in ("s", "es", "ed", "d") if low.endswith(x)]
        for lemma in forms:
            for row in self._verbs.get(lemma, []):
                if row["victim"] == "object" and not row.get("requires"):
                    return self._harm(row, doc_text=verb.text)
        return None

    @staticmethod
    def _left_result(word: Token) -> bool:
        """'left 23 dead and 40 injured': ``word`` is a result complement of "leave"."""
        verb = word
        for _ in range(max_climb(word)):
            if verb.dep_ != "conj" or verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.lemma_.lower() == "leave" and verb.i != word.i:
            return True
        return word.dep_ in ("oprd", "acomp", "xcomp") and word.head.lemma_.lower() == "leave"

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
