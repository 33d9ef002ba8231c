"""``X (now Y)``, ``Y (formerly X)``, ``X/Y`` and CJK glosses: linked names (P2, P7)."""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc

from .candidates import _CJK, _Cand, _Context, _link_pair
from .geonames import geonames_lookup


class PlaceLinks:
    """Find and link name pairs (mixed into :class:`Places`)."""

    def _marker_at(self, doc: Doc, i: int, markers: list[tuple[str, ...]]) -> int | None:
        """If a link marker starts at token i, return the index after it (and a ':' or ',')."""
        if not 0 <= i < len(doc):
            return None
        first = doc[i].lower_
        for marker in markers:
            if marker[0] != first:
                continue
            n = len(marker)
            if tuple(t.lower_ for t in doc[i : i + n]) == marker:
                j = i + n
                if j < len(doc) and doc[j].text in {":", ","}:
                    j += 1
                return j
        return None

    def _proper_run(self, ctx: _Context, i: int, step: int) -> tuple[int, int] | None:
        """1-4 title-case words from i forwards (step=1) or backwards (step=-1)."""
        doc = ctx.doc
        j = i
        while 0 <= j < len(doc) and abs(j - i) < 4 and self._name_token(ctx, doc[j], strict=False):
            j += step
        if j == i:
            return None
        return (i, j) if step == 1 else (j + 1, i + 1)

    def _link_sites(
        self, ctx: _Context, cands: list[_Cand]
    ) -> list[tuple[list[tuple[int, int]], tuple[int, int], bool]]:
        """Find ``X (now Y)``, ``X, now Y`` and ``Y (formerly X)``.

        Returns (outer chain, inner span, inner is modern) triples, as token
        offsets; spans that are not candidates yet are title-case runs.
        """
        doc = ctx.doc
        by_end = {c.end: c for c in cands if c.kind == "name"}
        by_start = {c.start: c for c in cands if c.kind == "name"}
        sites = []
        for i in ctx.where(lambda text: text in {"(", ","}):
            tok = doc[i]
            if tok.i == 0:
                continue
            for markers, modern_inside in ((self.link_forward, True), (self.link_reverse, False)):
                j = self._marker_at(doc, tok.i + 1, markers)
                if j is None:
                    continue
                inner_c = by_start.get(j)
                inner = (inner_c.start, inner_c.end) if inner_c else self._proper_run(ctx, j, 1)
                outer_c = by_end.get(tok.i)
                outer = (
                    (outer_c.start, outer_c.end)
                    if outer_c
                    else self._proper_run(ctx, tok.i - 1, -1)
                )
                if inner is None or outer is None:
                    continue
                if not (
                    inner_c
                    or outer_c
                    or self.use_geonames
                    and (
                        geonames_lookup(doc[inner[0] : inner[1]].text)
                        or geonames_lookup(doc[outer[0] : outer[1]].text)
                    )
                ):
                    continue
                chain = [outer]
                while (
                    chain[0][0] >= 2
                    and doc[chain[0][0] - 1].text == "/"
                    and chain[0][0] - 1 in by_end
                ):
                    prev = by_end[chain[0][0] - 1]
                    chain.insert(0, (prev.start, prev.end))
                sites.append((chain, inner, modern_inside))
                break
        return sites

    def _add_link_partners(self, ctx: _Context, cands: list[_Cand]) -> list[_Cand]:
        have = {(c.start, c.end) for c in cands}
        occupied = {i for c in cands for i in range(c.start, c.end)}
        for chain, inner, _ in self._link_sites(ctx, cands):
            for s, e in [*chain, inner]:
                if (s, e) not in have and not any(i in occupied for i in range(s, e)):
                    cands.append(_Cand(s, e, "name", "ner"))
                    have.add((s, e))
                    occupied.update(range(s, e))
        return cands

    def _cjk(self, ctx: _Context, cands: list[_Cand]) -> list[_Cand]:
        """A CJK name in brackets next to a romanised place (P7)."""
        doc = ctx.doc
        have = {c.start for c in cands}
        out = []
        for i in ctx.where(_CJK.match):
            tok = doc[i]
            if tok.i in have:
                continue
            # inside brackets: find the opening "(" on the same line
            k = tok.i - 1
            while k >= 0 and doc[k].text not in {"(", ")"} and "\n" not in doc[k].text:
                k -= 1
            if k < 0 or doc[k].text != "(":
                continue
            out.append(_Cand(tok.i, tok.i + 1, "cjk", "ner"))
        return out

    def _link(self, ctx: _Context, cands: list[_Cand]) -> None:
        by_span = {(c.start, c.end): c for c in cands}
        for chain, inner, modern_inside in self._link_sites(ctx, cands):
            outer = [by_span[s] for s in chain if s in by_span]
            inner_c = by_span.get(inner)
            if not outer or inner_c is None:
                continue
            old, new = (outer, [inner_c]) if modern_inside else ([inner_c], outer)
            for o in old:
                for n in new:
                    o.norm["modern"] = n.norm["canonical"]
                    if n.norm.get("lat") is not None:
                        o.norm["lat"], o.norm["lon"] = n.norm["lat"], n.norm["lon"]
                    _link_pair(o, n)
        # the document's modern name holds for every mention of that place (P2)
        modern = {c.norm["canonical"]: c.norm for c in cands if c.norm.get("modern")}
        for c in cands:
            known = modern.get(c.norm["canonical"])
            if known is not None and not c.norm.get("modern"):
                c.norm["modern"] = known["modern"]
                c.norm["lat"], c.norm["lon"] = known.get("lat"), known.get("lon")
        # "Gegenmiao/Koken-miao": two names for one place
        ordered = sorted(cands, key=lambda c: c.start)
        for a, b in pairwise(ordered):
            if b.start == a.end + 1 and ctx.doc[a.end].text == "/" and a.kind == b.kind == "name":
                _link_pair(a, b)
        # CJK names link to their romanised neighbour
        names = {c.norm["canonical"]: c for c in cands if c.kind == "name"}
        for c in cands:
            if c.kind == "cjk" and c.norm["canonical"] in names:
                _link_pair(c, names[c.norm["canonical"]])
