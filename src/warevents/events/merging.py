"""Merging event mentions into incident records.

Two mentions describe one incident when their types are compatible
(``data/event_types.jsonl``), their dates and places do not conflict, and
something positive ties them: the same place, the same incident name, a
definite back-reference ("the massacre"), or shared actors on the same day.
Distinct incidents on the same day in different places stay apart.
Counts are combined per kind, each source span kept. Statements that agree
(their intervals overlap: "over 1,000" and "over half of a group of 1,800")
narrow the count to what they all allow (1000..1800); conflicting reports
(disjoint intervals: "about 7,000" and "over 8,000") keep low = smallest
stated low and high = largest stated high, an open end staying open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import precision_rank, word_list
from .models import Actor, Count, EventDate, EventLocation, Evidence

_WORD = re.compile(r"[^\W_]+")


@dataclass
class Cluster:
    type: str
    trigger: dict
    name: str | None = None
    date: EventDate | None = None
    location: EventLocation | None = None
    perpetrators: list[Actor] = field(default_factory=list)
    victims: list[Actor] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    confidences: list[float] = field(default_factory=list)
    modalities: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    first: int = 0
    is_anchor: bool = False
    extra: dict = field(default_factory=dict)


def _words(text: str | None) -> set[str]:
    return {w.lower() for w in _WORD.findall(text or "")}


def place_key(loc: EventLocation | None) -> set[str]:
    if loc is None:
        return set()
    return _words(loc.canonical or loc.text) - word_list("event_merging", "place_stop")


def places_compatible(a: EventLocation | None, b: EventLocation | None) -> bool | None:
    """True: same or contained place; False: different places; None: unknown."""
    if a is None or b is None:
        return None
    ka, kb = place_key(a), place_key(b)
    if not ka or not kb:
        return None
    if ka <= kb or kb <= ka:
        return True
    for x, y in ((a, b), (b, a)):
        if x.modern and _words(x.modern) & ky(y):
            return True
    return False


def ky(loc: EventLocation) -> set[str]:
    return place_key(loc)


def dates_compatible(a: EventDate | None, b: EventDate | None) -> bool | None:
    if a is None or b is None or not (a.start or a.end) or not (b.start or b.end):
        return None
    a0, a1 = (a.start or a.end)[:10], (a.end or a.start)[:10]
    b0, b1 = (b.start or b.end)[:10], (b.end or b.start)[:10]
    return a0 <= b1 and b0 <= a1


def same_day(a: EventDate | None, b: EventDate | None) -> bool:
    return bool(a and b and a.start and b.start and a.start[:10] == b.start[:10]
                and (a.end or a.start)[:10] == (b.end or b.start)[:10])


def _date_width(d: EventDate) -> int:
    order = ["time", "day", "days", "part_of_month", "month", "season", "part_of_year", "year", "years"]
    return order.index(d.precision) if d.precision in order else len(order)


def actors_overlap(a: list[Actor], b: list[Actor]) -> bool:
    stop = word_list("event_merging", "actor_stop")
    wa = set().union(*(_words(x.text) for x in a)) - stop if a else set()
    wb = set().union(*(_words(x.text) for x in b)) - stop if b else set()
    return bool(wa & wb)


def better_date(a: EventDate | None, b: EventDate | None) -> EventDate | None:
    if a is None or not (a.start or a.end):
        return b
    if b is None or not (b.start or b.end):
        return a
    rank = {"stated": 0, "infobox": 0, "inherited": 1}
    return min((a, b), key=lambda d: (rank[d.provenance], _date_width(d)))


def better_location(a: EventLocation | None, b: EventLocation | None) -> EventLocation | None:
    if a is None:
        return b
    if b is None:
        return a
    rank = {"stated": 0, "infobox": 0, "inherited": 1}
    rank_of = precision_rank()
    return min((a, b), key=lambda x: (rank[x.provenance], x.lat is None, rank_of[x.geo_precision]))


def merge_actors(a: list[Actor], b: list[Actor]) -> list[Actor]:
    out = list(a)
    keys = [_words(x.text) for x in out]
    for actor in b:
        w = _words(actor.text)
        if any(w <= k for k in keys):
            continue
        out.append(actor)
        keys.append(w)
    return out


def combine_interval(
    a: tuple[int | None, int | None], b: tuple[int | None, int | None]
) -> tuple[int | None, int | None]:
    """Combine two count intervals (None = open end): intersection when they
    agree, otherwise the union of the conflicting reports.

    >>> combine_interval((1000, None), (900, 1800))
    (1000, 1800)
    >>> combine_interval((7000, 7000), (8000, 8372))
    (7000, 8372)
    """
    lows = [x for x in (a[0], b[0]) if x is not None]
    highs = [x for x in (a[1], b[1]) if x is not None]
    low = max(lows) if lows else None
    high = min(highs) if highs else None
    if low is None or high is None or low <= high:
        return low, high
    union_low = None if None in (a[0], b[0]) else min(lows)
    union_high = None if None in (a[1], b[1]) else max(highs)
    return union_low, union_high


def merge_counts(a: list[Count], b: list[Count]) -> list[Count]:
    """Counts per kind (a subset count, "including 7 children", kept apart from the total);
    an explicit count of a kind replaces an implicit one ("a soldier" = 1)."""
    by_kind: dict[tuple[str, str | None], Count] = {(c.kind, c.scope): c.model_copy(deep=True) for c in a}
    for c in b:
        cur = by_kind.get((c.kind, c.scope))
        if cur is None:
            by_kind[(c.kind, c.scope)] = c.model_copy(deep=True)
            continue
        if c.implicit and not cur.implicit:  # "a soldier was killed" ... "11 soldiers were killed":
            continue  # a count read off a noun names particular people; the number is the toll
        if cur.implicit and not c.implicit:
            by_kind[(c.kind, c.scope)] = c.model_copy(deep=True)
            continue
        cur.low, cur.high = combine_interval((cur.low, cur.high), (c.low, c.high))
        seen = {(s.start, s.end) for s in cur.sources}
        cur.sources.extend(s for s in c.sources if (s.start, s.end) not in seen)
    return list(by_kind.values())


def absorb(target: Cluster, other: Cluster, type_rank: dict[str, int]) -> None:
    """Fold ``other`` into ``target``."""
    if type_rank.get(other.type, 99) < type_rank.get(target.type, 99):
        target.type, target.trigger = other.type, other.trigger
    target.name = target.name or other.name
    target.date = better_date(target.date, other.date)
    target.location = better_location(target.location, other.location)
    target.perpetrators = merge_actors(target.perpetrators, other.perpetrators)
    target.victims = merge_actors(target.victims, other.victims)
    target.counts = merge_counts(target.counts, other.counts)
    seen = {(e.start, e.end) for e in target.evidence}
    target.evidence.extend(e for e in other.evidence if (e.start, e.end) not in seen)
    target.evidence.sort(key=lambda e: e.start)
    target.confidences.extend(other.confidences)
    target.modalities.extend(other.modalities)
    target.sources.extend(s for s in other.sources if s not in target.sources)
    target.first = min(target.first, other.first)
    if other.extra.get("ties"):
        target.extra.setdefault("ties", []).extend(other.extra["ties"])
    for key in ("means", "military_target"):
        if other.extra.get(key) and not target.extra.get(key):
            target.extra[key] = other.extra[key]
    target.is_anchor = target.is_anchor or other.is_anchor


def compatible_types(a: str, b: str, compat: dict[str, set[str]]) -> bool:
    return a == b or b in compat.get(a, set())


def merge_tie(c: Cluster, m: Cluster, compat: dict[str, set[str]], *, anaphoric: bool = False) -> str | None:
    """Why ``m`` is the same incident as ``c`` ("same place", "same name", "same day and
    actors", "back-reference"), or None: types incompatible, dates or places in conflict
    (an inherited date is a guess and cannot veto), or nothing positive ties them."""
    if not compatible_types(c.type, m.type, compat):
        return None
    dc = dates_compatible(c.date, m.date)
    pc = places_compatible(c.location, m.location)
    guessed = dc is False and "inherited" in {c.date.provenance, m.date.provenance}
    if guessed:
        dc = None  # an inherited date is a guess from context: it cannot veto a stated one
    if dc is False or pc is False:
        return None
    if anaphoric:
        return "back-reference"
    if c.name and m.name and _words(c.name) & _words(m.name) - {"massacre", "incident", "killing", "killings"}:
        return "same name"
    if pc is True:
        # both dated at coarse precision (a year) is not enough to call it one incident
        if dc is True or dc is None and (c.date is None or m.date is None or guessed):
            return "same place"
    if dc is True and same_day(c.date, m.date) and pc is None and (
            actors_overlap(c.perpetrators, m.perpetrators) or actors_overlap(c.victims, m.victims)):
        return "same day and actors"
    return None


def should_merge(c: Cluster, m: Cluster, compat: dict[str, set[str]], *, anaphoric: bool = False) -> bool:
    tie = merge_tie(c, m, compat, anaphoric=anaphoric)
    if tie is not None:
        c.extra.setdefault("ties", []).append(tie)
    return tie is not None


def _stored_keys(c: Cluster) -> set[tuple[str, str]]:
    """Keys under which a record is filed: every positive tie of :func:`should_merge`
    (a shared name word, a shared place word, a modern name word, the same day)."""
    keys = {("name", w) for w in _words(c.name) - word_list("event_merging", "name_stop")}
    keys |= {("place", w) for w in place_key(c.location)}
    if c.location is not None and c.location.modern:
        keys |= {("modern", w) for w in _words(c.location.modern)}
    if c.date is not None and c.date.start:
        keys.add(("day", c.date.start[:10]))
    return keys


def _probe_keys(m: Cluster) -> set[tuple[str, str]]:
    """Keys of the records ``m`` could merge with (the mirror of :func:`_stored_keys`)."""
    own = place_key(m.location)
    keys = {("name", w) for w in _words(m.name) - word_list("event_merging", "name_stop")}
    keys |= {("place", w) for w in own} | {("modern", w) for w in own}
    if m.location is not None and m.location.modern:
        keys |= {("place", w) for w in _words(m.location.modern)}
    if m.date is not None and m.date.start:
        keys.add(("day", m.date.start[:10]))
    return keys


class MergeIndex:
    """The records assembled so far, filed by the ties that can merge a new mention.

    ``find`` returns what ``next(c for c in reversed(records) if should_merge(c, m))``
    returns, but only tests the records that share a key with ``m``: a record
    sharing no name word, place word or day with ``m`` can never merge with it
    outside the anaphoric path. Assembly is then near-linear in the number of
    mentions instead of quadratic.
    """

    def __init__(self, records: list[Cluster]) -> None:
        self.records = records
        self._pos: dict[int, int] = {}
        self._keys: dict[tuple[str, str], set[int]] = {}
        for c in records:
            self._file(c)

    def _file(self, c: Cluster) -> None:
        pos = self._pos.setdefault(id(c), len(self._pos))
        for key in _stored_keys(c):
            self._keys.setdefault(key, set()).add(pos)

    def append(self, c: Cluster) -> None:
        self.records.append(c)
        self._file(c)

    def refile(self, c: Cluster) -> None:
        """Call after ``c`` changed (absorbed another mention): file its new keys.
        Stale keys only add candidates, which ``should_merge`` then rejects."""
        self._file(c)

    def find(self, m: Cluster, compat: dict[str, set[str]]) -> Cluster | None:
        cands: set[int] = set()
        for key in _probe_keys(m):
            cands |= self._keys.get(key, set())
        for pos in sorted(cands, reverse=True):
            if should_merge(self.records[pos], m, compat):
                return self.records[pos]
        return None
