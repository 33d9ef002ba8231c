"""Normalised values of place candidates: canonical name, coordinates, feature."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span

from .candidates import _Cand, _clean_name, _Context
from .geonames import FEATURE_CLASS, geonames_in_context, geonames_lookup


class PlaceNormaliser:
    """Build each candidate's ``PlaceValue`` fields (mixed into :class:`Places`)."""

    # -- normalisation ------------------------------------------------------
    def _norm(self, ctx: _Context, c: _Cand) -> dict[str, Any]:
        doc = ctx.doc
        text = doc[c.start : c.end].text
        row = c.row
        value: dict[str, Any] = {"canonical": text, "source": "ner", "feature": c.feature}
        if c.kind == "cjk":
            value["canonical"] = self._cjk_romanised(ctx, c) or (row["canonical"] if row else text)
        elif c.kind == "facility":
            value["canonical"] = " ".join(text.split())
        else:
            value["canonical"] = self._canonical(doc[c.start : c.end], row)
        if row is None:
            # the proper-name part of "X Prefecture", "southern X" may be known
            s = c.start + (1 if doc[c.start].lower_ in self.direction and c.length > 1 else 0)
            e = c.name_end or c.end
            key = doc[s:e].text
            if key in self.surface:
                row = self.entries[self.surface[key][0]]
        country_iso = self.country_names.get(text) if c.kind == "name" else None
        if row is not None:
            value.update(
                lat=row.get("lat"),
                lon=row.get("lon"),
                country=row.get("country"),
                source="gazetteer",
                reference_modern=row.get("modern"),
            )
            value["feature"] = value["feature"] or row.get("feature")
            if self.use_geonames and row.get("lat") is not None:
                # the gazetteer has no admin1: take it from the GeoNames place at the same spot
                hit = geonames_in_context(_clean_name(text), ctx.countries)
                if (
                    hit is not None
                    and hit.lat is not None
                    and abs(hit.lat - row["lat"]) < 0.25
                    and abs(hit.lon - row["lon"]) < 0.25
                ):
                    value["admin1"] = hit.admin1
                    value["country"] = value["country"] or hit.country
        elif country_iso is not None:
            value.update(country=country_iso, feature="country", source="geonames")
        elif self.use_geonames and c.kind == "name":
            s = c.start + (1 if doc[c.start].lower_ in self.direction and c.length > 1 else 0)
            hit = geonames_in_context(_clean_name(doc[s : c.end].text), ctx.countries)
            head = doc[c.name_end].text if c.name_end else ""
            if hit is None and head in self.words.get("admin_head_capital", ()):
                hit = geonames_in_context(_clean_name(doc[s : c.name_end].text), ctx.countries)
            if hit is not None:
                value.update(
                    lat=hit.lat,
                    lon=hit.lon,
                    country=hit.country,
                    admin1=hit.admin1,
                    source="geonames",
                    reference_modern=hit.name,
                )
                value["feature"] = value["feature"] or hit.feature
        value["feature_class"] = FEATURE_CLASS.get(value["feature"] or "")
        return value

    def _doc_countries(self, ctx: _Context, cands: list[_Cand]) -> set[str]:
        """ISO codes of the countries a document names (they pick among same-named places)."""
        doc, out = ctx.doc, set()
        for c in cands:
            text = doc[c.start : c.end].text
            iso = self.country_names.get(text)
            if iso is None and c.row is not None and c.row.get("feature") == "country":
                iso = c.row.get("country")
            if iso is not None:
                out.add(iso)
        return out

    def _canonical(self, span: Span, row: dict[str, Any] | None) -> str:
        """As written, proper-name words capitalised (``kaleli village`` -> ``Kaleli village``)."""
        text = " ".join(span.text.split())
        if text.isupper():
            # a dateline or shouted name: take the casing a reference gives
            names = (
                [row["canonical"], *row.get("aliases", []), row.get("modern") or ""] if row else []
            )
            for name in names:
                if name.lower() == text.lower():
                    return name
            hit = geonames_lookup(text) if self.use_geonames else None
            if hit is not None and hit.name.lower() == text.lower():
                return hit.name
            return " ".join(w.capitalize() if len(w) > 3 else w for w in text.split())
        keep = self.words.get("lower_keep", set()) | self.direction
        heads = self.words.get("site_head_lower", set())
        out = []
        for word in text.split():
            if word.islower() and word not in keep and word not in heads:
                word = word[:1].upper() + word[1:]
            out.append(word)
        return " ".join(out)

    def _cjk_romanised(self, ctx: _Context, c: _Cand) -> str | None:
        """The romanised name next to a CJK one: inside its brackets, or before them."""
        doc, by_end = ctx.doc, ctx.names_by_end
        k = c.start - 1
        while k >= 0 and doc[k].text != "(":
            if k + 1 in by_end and k + 1 < c.start or k + 1 == c.start and k in by_end:
                return (
                    by_end[k + 1].norm["canonical"]
                    if k + 1 in by_end
                    else by_end[k].norm["canonical"]
                )
            k -= 1
        if k in by_end:  # "Gegenmiao/Koken-miao (葛根廟)": the first of an X/Y pair
            first = by_end[k]
            while (
                first.start >= 2 and doc[first.start - 1].text == "/" and first.start - 1 in by_end
            ):
                first = by_end[first.start - 1]
            return first.norm["canonical"]
        return None
