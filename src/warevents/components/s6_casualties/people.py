"""The noun phrase a count quantifies, and whether its head denotes people."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .quantities import _DETERMINERS, _Quantity


#: Words that stand for the people of an earlier count ("124 more").
_ELLIPTIC_HEADS = {"more"}
#: Vague quantifiers: a conjunct they quantify is no part of the count ("11 soldiers and
#: several civilians").
_VAGUE = {"several", "many", "some", "few", "numerous", "other", "more", "dozens", "scores"}
#: Entity types of a capitalised plural that names a place or thing ("the Four Corners").
_NOT_PEOPLE_ENTS = {"GPE", "LOC", "FAC", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "PLACE"}


class PeopleFinder:
    """Counted people (mixed into :class:`Casualties`)."""

    # -- people ------------------------------------------------------------
    def _is_people_head(self, token: Token, loose: bool = True) -> bool:
        """Whether ``token`` denotes people; ``loose`` also trusts a capitalised plural."""
        lemma = token.lemma_.lower()
        lower = token.lower_
        if lemma in self._people or lower in self._people:
            return True
        if lower.endswith("s") and (lower[:-1] in self._people or lower[:-2] in self._people):
            return True
        if token.ent_type_ == "NORP" and token.pos_ in ("NOUN", "PROPN", "ADJ"):
            return True
        # a plural proper noun or a capitalised adjective heading the count: "300 Koreans", "27 Japanese"
        if loose and (
            (token.tag_ == "NNPS" and token.ent_type_ not in _NOT_PEOPLE_ENTS)
            or (token.pos_ == "ADJ" and token.is_title and token.dep_ not in ("amod",))
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
        if (
            i < len(doc)
            and doc[i].lower_ in _ELLIPTIC_HEADS
            and (i + 1 == len(doc) or doc[i + 1].pos_ not in ("NOUN", "PROPN", "ADJ"))
        ):
            # "wounding 124 more", "21 more are injured": the people are those counted before
            return doc[i], i + 1, False
        if i < len(doc) and doc[i].lower_ == "of":
            i += 1
            while i < len(doc) and doc[i].lower_ in _DETERMINERS:
                i += 1
            if i + 1 < len(doc) and doc[i].like_num and not doc[i + 1].like_num:
                # "six of the nine crew": the whole group's size is not the count
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
            roots = [t for t in run if t.head.i not in ids or t.head.i == t.i]
            head = roots[0] if roots else run[-1]
        for _ in range(len(run)):
            # "70 vigilante group members": the count hangs on a compound of the head
            if head.dep_ != "compound" or head.head.i not in ids or head.head.i <= head.i:
                break
            head = head.head
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
                # "21 Palestinians, Gaza Rockets": a conjunct needs a people word of its own
                and self._is_people_head(conj, loose=conj.i == end + 1 or doc[end].lower_ != ",")
                and not any(
                    c.dep_ == "nummod" or c.like_num or c.lower_ in _VAGUE for c in conj.children
                )
            ):
                end = max(end, conj.i + 1)
        return head, end, False
