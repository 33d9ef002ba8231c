"""Filters on candidates (organisations, units, references) and the proper-noun probe."""

from __future__ import annotations

from spacy.attrs import POS
from spacy.symbols import PROPN

from .candidates import _NOT_PLACE_LABELS, _Cand, _clean_name, _Context
from .geonames import geonames_lookup


class PlaceFilters:
    """Keep, drop and extend candidates (mixed into :class:`Places`)."""

    # -- filters ------------------------------------------------------------
    def _keep(self, ctx: _Context, c: _Cand) -> bool:
        doc, w = ctx.doc, self.words
        span = doc[c.start : c.end]
        text = span.text
        if ctx.in_unit(c.start, c.end):
            return False  # "Task Force Tarawa", "Black Sea Fleet": part of a unit name (G2, U2)
        if ctx.in_citation(c.start, c.end):
            return False  # "(Middle East Monitor)", "(India Today)": a source credit
        if c.kind == "name":
            if all(t.text in self.demonym or t.is_punct for t in span):
                return False
            if c.length == 1 and span[0].is_lower and (span[0].is_stop or len(span[0]) <= 2):
                return False  # "us", "in" in lower-case text
            if c.start > 0 and doc[c.start - 1].text in self.org_prefix:
                return False  # a club named after a city: "Dynamo Kyiv", "Shakhtar Donetsk"
            if text.lower() in self.direction:
                return False
            if c.length == 1 and text in w.get("not_alone", ()):
                return False  # "Los" of "Los Tiguerones", "Cup" of "Stanley Cup"
            if c.length == 1 and (
                text in w.get("admin_head", ()) or text in w.get("feature_head", ())
            ):
                return False
            if self._org_like(ctx, c):
                return False
        if c.source == "ner":
            return self._keep_ner(ctx, c)
        return True

    def _org_like(self, ctx: _Context, c: _Cand) -> bool:
        """Is the place part of an organisation, unit, publication or currency name (P4)?"""
        doc, w = ctx.doc, self.words
        org_head, org_word = w.get("org_head", set()), w.get("org_word", set())
        # followed by an organisation word, maybe after title-case modifiers:
        # "Hokkaido University", "Sakhalin Regional Museum", "Sakhalin museum's", "Far East army"
        j = c.end
        while (
            j < len(doc)
            and j - c.end < 3
            and (doc[j].text in org_word or doc[j].text in self.one_word_heads)
        ):
            j += 1
        if j < len(doc) and (doc[j].text in org_head or doc[j].text in w.get("org_after", ())):
            return True
        # in an "of" complement of an organisation or unit:
        # "Ministry of internal affairs of the Soviet Union", "front army of the Far East"
        i = c.start - 1
        if i >= 0 and doc[i].lower_ == "the":
            i -= 1
        hops = 0
        while i > 0 and (doc[i].lower_ == "of" or hops == 0 and doc[i].lower_ == "for") and hops < 3:
            head = doc[i - 1]
            if head.text in org_head:
                return True
            k = i - 1  # skip a short lower-case phrase ("internal affairs") to the next "of"
            while (
                k > 0
                and i - k <= 3
                and doc[k].is_lower
                and doc[k].is_alpha
                and doc[k].lower_ != "of"
            ):
                k -= 1
            if k == i - 1 or doc[k].lower_ != "of":
                break
            i = k
            hops += 1
        # a football club named after a British city: "Manchester City", "Hull City"
        text = doc[c.start : c.end].text
        club = text[:-5] if text.endswith(" City") else text if doc[c.end : c.end + 1].text == "City" else None
        if club and self.use_geonames and geonames_lookup(f"{club} City") is None:
            hit = geonames_lookup(club)
            if hit is not None and hit.country == "GB":
                return True
        # inside a larger pretrained ORG whose words mark an organisation
        for ent in ctx.ents_over(c.start, c.end):
            if ent.label_ != "ORG" or (ent.start, ent.end) == (c.start, c.end):
                continue
            words = {t.text for t in ent}
            if words & (org_head | org_word) and not words & w.get("event_head", set()):
                return True
        # a publication opening a segment of a reference: '... War". Japan Focus.'
        if ctx.in_reference_line(c.start) and c.end < len(doc) and c.start > 0:
            nxt, prev = doc[c.end], doc[c.start - 1]
            opens = (
                prev.is_punct and prev.text not in {"-", "–", "—", "/"} or "\n" in prev.whitespace_
            )
            if (
                opens
                and nxt.is_title
                and nxt.text not in w.get("event_head", ())
                and not ctx.starts_place(c.end)
            ):
                return True
        return False

    def _keep_ner(self, ctx: _Context, c: _Cand) -> bool:
        doc = ctx.doc
        span = doc[c.start : c.end]
        if c.length == 1 and span.text.isupper() and len(span.text) <= 3:
            return False
        if ctx.in_reference_line(c.start):
            return False
        if c.start > 0 and doc[c.start - 1].text in self.words.get("person_title", ()):
            return False
        hit = geonames_lookup(_clean_name(span.text)) if self.use_geonames else None
        if hit is not None:
            if (
                c.length == 1
                and hit.feature == "settlement"
                and not hit.main_name
                and hit.population < 100_000
                and not (ctx.locative_before(c.start) or self._after_spatial_prep(ctx, c.start))
            ):
                return False  # "Haaland scored": a town's other name, and no place cue
            c.source = "geonames"
            return True
        if c.length > 1 and any(t.is_title or t.is_upper for t in span):
            return True
        if c.length > 1 and any(t.lower_ in self.direction for t in span):
            # lower case "the west bank" (of a river) is no name; "mudanjiang city" ends in a head
            return span[-1].text in self.lower_name_heads
        return ctx.locative_before(c.start) or self._after_spatial_prep(ctx, c.start)

    def _probe(self, ctx: _Context, taken: set[int], place_starts: set[int] = frozenset()) -> list[_Cand]:
        """Proper-noun runs the NER missed or mislabelled.

        A run that GeoNames knows is a place when a cue says so (``toward
        Aleppo``, ``Battle of Stalingrad``, ``Saigon massacre``) or, for a city
        of over 100,000 that the NER did not call a person or organisation,
        without one (``shelling hit Mariupol``). A run GeoNames does not know
        is a place when an event word follows (``The Srebrenica massacre``).
        """
        doc, w = ctx.doc, self.words
        event_heads = w.get("event_name_head", set())
        titles = w.get("person_title", set())
        out: list[_Cand] = []
        propn = (doc.to_array(POS) == PROPN).tolist() if len(doc) else []
        i = 0
        while i < len(doc):
            if i in taken or not propn[i]:
                i += 1
                continue
            tok = doc[i]
            if not self._name_token(ctx, tok, strict=False):
                i += 1
                continue
            j = i
            while (
                j < len(doc)
                and j - i < 4
                and j not in taken
                and self._name_token(ctx, doc[j], strict=False)
            ):
                j += 1
                if (  # "Tin-Goara", "Tell-Abyad": a hyphen inside one name
                    j + 1 < len(doc)
                    and doc[j].text == "-"
                    and not doc[j - 1].whitespace_
                    and not doc[j].whitespace_
                    and doc[j + 1].is_title
                    and j + 1 not in taken
                ):
                    j += 1
            labels = {ctx.ent_label(k) for k in range(i, j)}
            if any(t.text in self.not_place for t in doc[i:j]) or (
                j - i == 1 and tok.text in w.get("not_alone", ())
            ):
                i = j
                continue
            if (
                i > 0
                and doc[i - 1].text in titles
                or labels & _NOT_PLACE_LABELS
                or any(t.lower_ in self.direction for t in doc[i:j])
            ):
                i = j
                continue
            found = None
            for e in range(j, i, -1):
                hit = geonames_lookup(doc[i:e].text) if self.use_geonames else None
                if hit is not None and not (
                    e - i == 1
                    and (tok.text in w.get("not_alone", ()) or tok.text in w.get("event_of", ()))
                ):
                    found = (e, hit)
                    break
            locative = ctx.locative_before(i)
            cue = locative or ctx.ent_label(i) in {"GPE", "LOC", "EVENT"}
            cue = (
                cue
                or i >= 2
                and doc[i - 1].lower_ == "of"
                and doc[i - 2].text in w.get("event_of", ())
            )
            if found is not None:
                e, hit = found
                cue = cue or e < len(doc) and doc[e].text in event_heads
                if hit.feature == "settlement" and hit.population < 100_000 and not hit.main_name:
                    cue = locative  # a town's other name ("Haaland" for Sola): only after "in"
                person_org = any(ctx.ent_label(k) in {"PERSON", "ORG"} for k in range(i, e))
                if person_org:
                    ok = cue or e - i > 1 and hit.main_name and hit.population >= 50_000
                else:
                    big = hit.feature == "country" or hit.population >= 100_000
                    ok = cue or big and (e - i > 1 or not tok.is_sent_start)
                if ok:
                    out.append(_Cand(i, e, "name", "geonames", feature=hit.feature))
                    i = e
                    continue
            elif j < len(doc) and doc[j].text in event_heads:
                out.append(_Cand(i, j, "name", "ner"))
                i = j
                continue
            elif (
                locative
                and j + 2 < len(doc)
                and doc[j].lower_ in self.name_particles
                and doc[j + 1].text == "-"
                and doc[j + 2].is_title
            ):
                # "into Ras al-Ain", "in Tell el-Kebir": an Arabic name after a place cue
                out.append(_Cand(i, j, "name", "ner", feature="settlement"))
                i = j
                continue
            elif self._after_spatial_prep(ctx, i) and not labels & _NOT_PLACE_LABELS and not (
                "PERSON" in labels and j - i > 1  # "Peter Mandelson", but "Tayr Debba, and ..."
                and not (j < len(doc) and doc[j].text in {",", "and"})
            ) and not (
                "PERSON" in labels and j < len(doc) and doc[j].text in {"'s", "’s"}  # "Sankoh's"
            ) and not (
                j - i == 1 and (doc[i].is_upper or doc[i].text in w.get("not_alone", ()))
            ) and not doc[i].is_sent_start:
                # "in Takoubatt", "across Jwaya, Tayr Debba and Tayr Felsay"
                out.append(_Cand(i, j, "name", "ner", feature="settlement"))
                i = j
                continue
            elif (
                i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in self.settlement_of
                or locative and j + 1 < len(doc) and doc[j].text == ","
                and j + 1 in place_starts
            ) and "PERSON" not in labels:
                # "the village of Mayba", "in Takoubatt, Tillabéri Region, Niger": a name in a
                # settlement slot or before the region it lies in
                out.append(_Cand(i, j, "name", "ner", feature="settlement"))
                i = j
                continue
            i = j
        return [
            c
            for c in out
            if not ctx.in_unit(c.start, c.end)
            and not ctx.in_citation(c.start, c.end)
            and not self._org_like(ctx, c)
        ]

    def _after_spatial_prep(self, ctx: _Context, i: int) -> bool:
        """Is token i right after a spatial preposition, or a later item of a list of
        names that starts after one ("in Kanam and Wase", "across Jwaya, Tayr Debba")?"""
        doc, preps = ctx.doc, self.words.get("spatial_prep", set())
        k = i - 1
        for _ in range(12):
            if k < 0:
                return False
            tok = doc[k]
            if tok.text in preps:
                return True
            if tok.text in {",", "and"} or tok.is_title and not tok.is_sent_start:
                k -= 1
                continue
            return False
        return False

    # -- direction words, links, CJK ----------------------------------------
    def _extend_directions(self, ctx: _Context, cands: list[_Cand]) -> list[_Cand]:
        """``southern Sakhalin``, ``mainland China``, ``northern Iraq`` (P5)."""
        doc = ctx.doc
        taken = {i for c in cands for i in range(c.start, c.end)}
        for c in cands:
            if c.kind != "name" or c.start == 0 or c.start - 1 in taken:
                continue
            prev = doc[c.start - 1]
            # only a capitalised direction is part of a region's name: "Western Syria", "North
            # Kivu"; lower-case "northern Gaza" tags only the name (decision 32)
            if prev.lower_ not in self.direction or not prev.is_title:
                continue
            feature = c.feature or (c.row or {}).get("feature")
            if feature is None and c.source in ("geonames", "ner"):
                hit = (
                    geonames_lookup(_clean_name(doc[c.start : c.end].text))
                    if self.use_geonames
                    else None
                )
                feature = hit.feature if hit else None
            if feature in {"country", "region", "island"}:
                c.start -= 1
                c.feature = "region"
        return cands

    def _extend_particles(self, ctx: _Context, cands: list[_Cand]) -> list[_Cand]:
        """``Ras al-Ain``, ``Tell el-Kebir``: an Arabic article and the name after it join."""
        doc = ctx.doc
        starts = {c.start for c in cands}
        for c in cands:
            e = c.end
            if (
                c.kind == "name"
                and e + 2 < len(doc)
                and doc[e].lower_ in self.name_particles
                and doc[e + 1].text == "-"
                and doc[e + 2].is_title
                and not any(k in starts for k in range(e, e + 3))
                and not ctx.in_unit(e, e + 3)
            ):
                c.end = e + 3
                c.row = None
        return cands
