"""The ``warevents_places`` component: candidates from four sources, merged and cleaned."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ...schemas import PlaceValue
from ..base import RuleComponent
from ..common import PRETRAINED_ENTS
from .candidates import _Cand, _Context, _select
from .filters import PlaceFilters
from .geonames import country_names
from .linking import PlaceLinks
from .normalise import PlaceNormaliser
from .sources import PlaceSources


class Places(PlaceSources, PlaceFilters, PlaceLinks, PlaceNormaliser, RuleComponent):
    """Tag named places; ``span._.norm`` is a ``schemas.PlaceValue`` dump."""

    label = "PLACE"
    data_files: ClassVar[dict[str, tuple[str, ...]]] = {
        "gazetteer": ("gazetteer", "places.jsonl"),
        "place_words": ("lexicons", "place_words.jsonl"),
        "place_rules": ("lexicons", "place_rules.jsonl"),
    }

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        geonames: bool = True,
        ner_labels: Iterable[str] = ("GPE", "LOC", "FAC"),
        data: dict[str, list[dict[str, Any]]] | None = None,
    ) -> None:
        self.use_geonames = geonames
        self.ner_labels = set(ner_labels)
        super().__init__(nlp, name, data=data)

    # -- compile ------------------------------------------------------------
    def _compile(self) -> None:
        words: dict[str, set[str]] = {}
        for row in self.data["place_words"]:
            words.setdefault(row["kind"], set()).add(row["word"])
        self.words = words
        self.direction = {w.lower() for w in words.get("direction", ())}
        self.demonym = words.get("demonym", set())
        self.locative_lower = {w.lower() for w in words.get("locative", ()) if w.islower()}
        # "north of X" (compass words only: "the northern of" is no cue)
        rules: dict[str, set[str]] = {}
        self.head_feature: dict[str, str] = {}
        for row in self.data["place_rules"]:
            rules.setdefault(row["kind"], set()).add(row["word"])
            if row["kind"] == "head_feature":
                self.head_feature[row["word"]] = row["feature"]
        self.numbered_heights = rules.get("numbered_height", set())
        self.one_word_heads = rules.get("one_word_name_head", set())
        self.direction_of = {w for w in self.direction if not w.endswith("ern")} - rules.get(
            "not_of_direction", set()
        )
        self.settlement_of = {w.lower() for w in words.get("settlement_of", ())}
        self.locative_weak = {w.lower() for w in words.get("locative_weak", ())}
        self.org_prefix = words.get("org_prefix", set())
        self.natural_heads = words.get("natural_head", set())
        self.lower_name_heads = words.get("lower_name_head", set())
        self.head_modifiers = words.get("head_modifier", set())
        self.name_particles = words.get("name_particle", set())
        self.not_place = words.get("not_place", set())
        tokenize = self.nlp.make_doc
        self.link_forward = [
            tuple(t.lower_ for t in tokenize(p)) for p in words.get("link_forward", ())
        ]
        self.link_reverse = [
            tuple(t.lower_ for t in tokenize(p)) for p in words.get("link_reverse", ())
        ]
        # Longest markers first, so "now called" wins over "now".
        self.link_forward.sort(key=len, reverse=True)
        self.link_reverse.sort(key=len, reverse=True)

        self.entries: list[dict[str, Any]] = []
        self.surface: dict[str, tuple[int, bool]] = {}  # name -> (row index, is modern form)
        self.ambiguous: set[str] = set()
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for i, row in enumerate(self.data["gazetteer"]):
            self.entries.append(row)
            modern = [row["modern"]] if row.get("modern") else []
            names = [(n, False) for n in [row["canonical"], *row.get("aliases", [])]]
            names += [(n, True) for n in modern + row.get("modern_aliases", [])]
            amb = row.get("ambiguous")
            for name, is_modern in names:
                for form in {name, name.upper()} if len(name) >= 4 else {name}:
                    if form not in self.surface or is_modern:
                        self.surface[form] = (i, is_modern)
                    if amb is True or (isinstance(amb, list) and name in amb):
                        self.ambiguous.add(form)
        patterns = [tokenize(name) for name in self.surface]
        self.matcher.add("PLACE", patterns)
        # Country names (GeoNames) and their aliases: the small NER often calls them DATE or
        # PERSON, or cuts "Democratic Republic of the Congo" in two.
        self.country_names: dict[str, str] = {}
        self.country_person = rules.get("country_person", set())
        if self.use_geonames:
            self.country_names.update(country_names())
        for row in self.data["place_rules"]:
            if row["kind"] == "country_alias":
                self.country_names[row["word"]] = row["country"]
        self.country_matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.country_matcher.add("COUNTRY", [tokenize(n) for n in self.country_names])

    # -- spaCy --------------------------------------------------------------
    def find(self, doc: Doc) -> list[Span]:
        ents = list(doc.spans[PRETRAINED_ENTS]) if PRETRAINED_ENTS in doc.spans else list(doc.ents)
        ctx = _Context(doc, ents, self)
        cands: list[_Cand] = []
        cands += self._gazetteer(ctx)
        cands += self._countries(ctx)
        cands += self._patterns(ctx, cands)
        cands += self._numbered_facilities(ctx)
        cands += self._datelines(ctx)
        cands += self._ner(ctx)
        # tokens of rejected candidates ("Far East" in a unit name) are not re-probed
        raw_tokens = {i for c in cands for i in range(c.start, c.end)}
        cands = [c for c in cands if self._keep(ctx, c)]
        cands = _select(cands)
        cands += self._probe(ctx, raw_tokens, {c.start for c in cands})
        cands = self._extend_directions(ctx, cands)
        cands = self._extend_particles(ctx, cands)
        cands = self._add_link_partners(ctx, cands)
        cands = _select(cands)
        cands += self._cjk(ctx, cands)
        cands.sort(key=lambda c: c.start)
        ctx.countries = self._doc_countries(ctx, cands)
        for cand in cands:
            if cand.kind != "cjk":
                cand.norm = self._norm(ctx, cand)
                ctx.names_by_end[cand.end] = cand
        for cand in cands:
            if cand.kind == "cjk":
                cand.norm = self._norm(ctx, cand)
        self._link(ctx, cands)
        spans = []
        for cand in cands:
            span = Span(doc, cand.start, cand.end, label=self.label)
            span._.norm = PlaceValue(**cand.norm).model_dump()
            spans.append(span)
        return spans
