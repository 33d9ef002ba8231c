"""Candidate sources: gazetteer, name + feature-word patterns, facilities, datelines, NER."""

from __future__ import annotations

from typing import Any

from .candidates import _CJK, _DETERMINERS, _NUMBERED, _POSSESSIVE, _Cand, _Context
from .geonames import geonames_lookup


class PlaceSources:
    """Where place candidates come from (mixed into :class:`Places`)."""

    # -- candidate sources --------------------------------------------------
    def _gazetteer(self, ctx: _Context) -> list[_Cand]:
        out = []
        for _, start, end in self.matcher(ctx.doc):
            text = ctx.doc[start:end].text
            idx, _is_modern = self.surface[text]
            row = self.entries[idx]
            if text in self.ambiguous and not ctx.place_cue(start, end):
                continue
            kind = "cjk" if _CJK.match(text) else "name"
            out.append(_Cand(start, end, kind, "gazetteer", row=row, feature=row.get("feature")))
        return out

    def _countries(self, ctx: _Context) -> list[_Cand]:
        """Country names and aliases as written ("Niger", "Democratic Republic of the Congo", "DRC")."""
        out = []
        for _, start, end in self.country_matcher(ctx.doc):
            text = ctx.doc[start:end].text
            if text in self.country_person and (
                start > 0 and ctx.doc[start - 1].is_title and not ctx.doc[start - 1].is_sent_start
                or end < len(ctx.doc) and ctx.doc[end].is_title
            ):
                continue  # "Chad Smith", "Michael Jordan"
            out.append(_Cand(start, end, "name", "geonames", feature="country", canonical=text))
        return out

    def _patterns(self, ctx: _Context, known: list[_Cand]) -> list[_Cand]:
        """``X League``, ``X lamasery``, ``Mount X``: the feature word joins the span."""
        doc, w = ctx.doc, self.words
        known_at = {c.end: c for c in known if c.kind == "name"}
        title_heads = w.get("admin_head", set()) | w.get("feature_head", set())
        out = []
        # only a numbered height, a head word or a pre-head word starts a pattern
        heads = (set(self.numbered_heights) | title_heads | set(w.get("site_head_lower", ()))
                 | set(w.get("pre_head", ())) | set(w.get("of_head", ())))
        for i in ctx.where(heads.__contains__):
            tok = doc[i]
            if (
                tok.text in self.numbered_heights
                and i + 1 < len(doc)
                and doc[i + 1].text.isdigit()
                and len(doc[i + 1].text) <= 4
            ):  # numbered heights: "Hill 262", "Height 776"
                out.append(_Cand(i, i + 2, "name", "pattern", feature="site"))
            if tok.text in w.get("of_head", ()) and i + 2 < len(doc) and doc[i + 1].text == "of":
                end = i + 2  # "Strait of Hormuz", "Port of Barcelona"
                while end < len(doc) and end - i <= 4 and self._name_token(ctx, doc[end], strict="geo"):
                    end += 1
                if end > i + 2:
                    out.append(_Cand(i, end, "name", "pattern", feature="site"))
                    continue
            if tok.text in title_heads or tok.text in w.get("site_head_lower", ()):
                lower = tok.text in w.get("site_head_lower", ()) and tok.is_lower
                # "Jabalia refugee camp": a lower-case modifier between name and head
                k = i
                if lower and i > 1 and doc[i - 1].text in self.head_modifiers:
                    k = i - 1
                # a natural feature names a place even after a word the NER calls a
                # person or organisation ("Saddam Canal", "the Chosin Reservoir")
                geo = (
                    tok.text in self.natural_heads
                    or tok.text in w.get("admin_head", ())
                    or lower and tok.text in self.lower_name_heads
                )
                strict: bool | str = "geo" if geo else True
                if k in known_at:  # a known place right before: "Gegenmiao lamasery"
                    start = known_at[k].start
                else:
                    limit = 1 if tok.text in self.one_word_heads else 4
                    start = k
                    while start > 0 and k - start < limit:
                        if self._name_token(ctx, doc[start - 1], strict=strict):
                            start -= 1
                        elif (  # "Babila-Babombi chiefdom", "Zamora–Carapan highway"
                            start < k
                            and start >= 2
                            and doc[start - 1].text in {"-", "–"}
                            and not doc[start - 1].whitespace_
                            and not doc[start - 2].whitespace_
                            and self._name_token(ctx, doc[start - 2], strict=strict)
                        ):
                            start -= 2
                        else:
                            break
                    if (
                        start == k
                        and k >= 3
                        and doc[k - 2].text == "-"
                        and doc[k - 3].lower_ in self.name_particles
                        and doc[k - 1].is_title
                    ):
                        start = k - 3
                    elif (
                        start < k
                        and start >= 2
                        and doc[start - 1].text == "-"
                        and (doc[start - 2].lower_ in self.name_particles)
                    ):
                        start -= 2
                    if start == k and lower and tok.text in self.lower_name_heads:
                        start = self._lower_name_start(ctx, k)
                    if start == k or lower and not self._lower_head_ok(ctx, start, k, tok):
                        continue
                    names = {t.text for t in doc[start:k]}
                    if names & (w.get("org_word", set()) | self.not_place):
                        continue
                admin = w.get("admin_head", set())
                feature = "admin" if tok.text in admin or tok.text.capitalize() in admin else "site"
                feature = self.head_feature.get(tok.text.lower(), feature)
                out.append(_Cand(start, i + 1, "name", "pattern", name_end=k, feature=feature))
            elif tok.text in w.get("pre_head", ()):
                end = i + 1
                while end < len(doc) and end - i <= 3 and self._name_token(ctx, doc[end]):
                    end += 1
                if end > i + 1:
                    out.append(_Cand(i, end, "name", "pattern", feature="site"))
        return out

    def _lower_head_ok(self, ctx: _Context, start: int, end: int, head: Any) -> bool:
        """May a lower-case feature word join the name before it (``Kharkiv region``)?"""
        doc = ctx.doc
        if ctx.is_place_ent(start, end) or doc[start:end].text in self.surface:
            return True
        if doc[start].is_lower and doc[start].text not in self.name_particles:
            return True  # found by _lower_name_start
        # A proper name before a geographic head: "the rebel-held Sukkari district".
        return head.text in self.lower_name_heads and all(
            t.pos_ == "PROPN" and ctx.ent_label(t.i) not in {"PERSON", "NORP", "DATE"}
            for t in doc[start:end]
            if t.text not in {"-", "–"}
        )

    def _lower_name_start(self, ctx: _Context, end: int) -> int:
        """Start of a lower-case name before a lower-case geographic head in
        machine-translated text (``heilongjiang river``, ``fangzheng county``)."""
        if end == 0:
            return end
        tok = ctx.doc[end - 1]
        if (
            not (tok.is_alpha and tok.is_lower and len(tok) >= 4)
            or tok.is_stop
            or tok.text in self.direction
            or tok.text.capitalize() in self.demonym
        ):
            return end
        known = self.use_geonames and geonames_lookup(tok.text) is not None
        if tok.pos_ == "PROPN" or known or ctx.is_place_ent(tok.i, end):
            return tok.i
        return end

    def _name_token(self, ctx: _Context, tok: Any, strict: bool | str = True) -> bool:
        """A word that can be part of a proper place name (``strict``: no PERSON/ORG...;
        ``"geo"``: PERSON/ORG allowed, for a name before a natural-feature word)."""
        if not (tok.is_title or tok.is_upper and len(tok) > 1) or not tok.text[:1].isalpha():
            return False
        if tok.text in self.demonym or tok.text in _DETERMINERS or tok.is_stop and not tok.is_upper:
            return False
        if tok.text in self.words.get("org_head", ()) or "\n" in tok.whitespace_:
            return False
        if not strict:
            return True
        if strict == "geo":
            return ctx.ent_label(tok.i) not in {"NORP", "DATE"}
        return ctx.ent_label(tok.i) not in {"PERSON", "NORP", "DATE", "ORG"} or ctx.is_place_ent(
            tok.i, tok.i + 1
        )

    def _numbered_facilities(self, ctx: _Context) -> list[_Cand]:
        """``437th prisoner of war camp``, ``2715 hospital`` (guidelines P6)."""
        doc, heads = ctx.doc, self.words.get("facility_head", set())
        out = []
        for i in ctx.where(_NUMBERED.match):
            tok = doc[i]
            for j in range(tok.i + 1, min(len(doc), tok.i + 9)):
                t = doc[j]
                if t.text in heads:
                    out.append(_Cand(tok.i, j + 1, "facility", "pattern", feature="site"))
                    break
                if not (t.is_alpha and t.is_lower) or t.text in {"and", "or", "the", "a", "in", "years", "months", "days"}:
                    break
        return out

    def _datelines(self, ctx: _Context) -> list[_Cand]:
        """``TOKYO (Kyodo) --``, ``HONG KONG--``: an upper-case name opening a line."""
        doc = ctx.doc
        out = []
        # a line starts at token 0 and after a token holding a line break
        # (``whitespace_`` is one space or nothing, never a line break)
        breaks = ctx.where(lambda text: "\n" in text)
        for tok in [doc[0], *(doc[i + 1] for i in breaks if i + 1 < len(doc))] if len(doc) else []:
            end = tok.i
            while (
                end < len(doc)
                and end - tok.i < 3
                and doc[end].is_upper
                and doc[end].is_alpha
                and len(doc[end]) > 1
            ):
                end += 1
            if end == tok.i or end >= len(doc):
                continue
            nxt = doc[end].text
            # "TOKYO (Kyodo)": a one-word agency in brackets; "HONG KONG--": a dash
            k = end
            if nxt == "," and end + 1 < len(doc):  # "ODESA, Ukraine (AFP)": skip the country
                k = end + 1
                while k < len(doc) and k - end <= 3 and doc[k].is_title:
                    k += 1
                nxt = doc[k].text if k < len(doc) and k > end + 1 else nxt
            agency = nxt == "(" and k + 2 < len(doc) and doc[k + 2].text == ")"
            dash = nxt.startswith("--") or nxt in {"—", "–"}
            if dash and not agency and not self._known_name(doc[tok.i : end].text):
                continue  # "BODIES--IDENTIFYING BODIES": a shouted headline, not a dateline
            if agency or dash:
                out.append(_Cand(tok.i, end, "name", "pattern", feature="settlement"))
        return out

    def _known_name(self, text: str) -> bool:
        """Is an upper-case name a known place (gazetteer, country or GeoNames)?"""
        if text in self.surface or text.title() in self.country_names:
            return True
        return self.use_geonames and geonames_lookup(text) is not None

    def _ner(self, ctx: _Context) -> list[_Cand]:
        doc = ctx.doc
        out = []
        for ent in ctx.ents:
            if ent.label_ not in self.ner_labels:
                continue
            # Split "X/Y" pairs and cut at a bracket or a line break.
            pieces, start = [], ent.start
            for tok in ent:
                if (
                    tok.lower_ in {"in", "near", "for", "to", "from"}
                    and tok.is_lower
                    and start is not None
                    and tok.i > start
                ):
                    pieces.append((start, tok.i))  # "Hotel Fontana in Bratunac": two places
                    start = tok.i + 1
                elif tok.text in {"/", "(", "["} or "\n" in tok.text:
                    pieces.append((start, tok.i))
                    if tok.text != "/":
                        start = None
                        break
                    start = tok.i + 1
                elif "\n" in tok.whitespace_:
                    pieces.append((start, tok.i + 1))
                    start = None
                    break
            if start is not None:
                pieces.append((start, ent.end))
            for s, e in pieces:
                while s < e and (doc[s].text in _DETERMINERS or doc[s].is_punct or doc[s].is_space):
                    s += 1
                while e > s and (
                    doc[e - 1].text in _POSSESSIVE or doc[e - 1].is_punct or doc[e - 1].is_space
                ):
                    e -= 1
                if (
                    e - s > 1
                    and doc[s].is_lower
                    and doc[s].lower_ in self.direction
                    and doc[s + 1].is_title
                ):
                    s += 1  # "southern Lebanon" -> "Lebanon" (decision 32)
                if s >= e:
                    continue
                if doc[e - 1].text in self.words.get("org_after", ()):
                    continue  # "Middle East Monitor": a publication
                if doc[e - 1].text in self.words.get("event_head", ()):
                    continue  # "Mukden Operation": its place words come from elsewhere
                if any(t.text in self.words.get("event_head", ()) for t in doc[s : e - 1]):
                    continue  # "Tet Offensive Viet Cong": an event name glued to a name
                if e - s > 1 and doc[e - 1].text in self.words.get("org_head", ()):
                    continue  # "the Newfoundland Regiment": an organisation or unit
                out.append(
                    _Cand(s, e, "name", "ner", feature="site" if ent.label_ == "FAC" else None)
                )
        return out
