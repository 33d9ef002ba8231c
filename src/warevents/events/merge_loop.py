"""The merge loop: mentions -> incident records (``Cluster``), with deferred mentions.

Each mention becomes a one-mention record and either folds into an earlier
record (a back-reference, a killing of kin beside a mass suicide, a mention that
shares a name, place or day and agrees with a record) or starts a new one.
Missing dates and places are inherited (the paragraph's previous mention, an
entity earlier in the paragraph, then the document's title record). Mentions
that are not incidents of their own are deferred and resolved at the end
(:meth:`MergeLoop._resolve_deferred`).

Mixed into :class:`warevents.events.assembler.EventAssembler`, which provides
``cues``, ``compat`` and ``type_rank``.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span

from .classify import ATTACK_LEMMAS, INCIDENT_TYPES, VIOLENT
from .index import DocIndex
from .infobox import is_heading
from .linking import Mention, date_from_span, in_report_frame, is_destination, location_from_span
from .merging import (
    Cluster,
    MergeIndex,
    absorb,
    compatible_types,
    dates_compatible,
    places_compatible,
    should_merge,
)
from .models import Evidence
from .triggers import Cues


class MergeLoop:
    """Mentions to records (a mixin of the events stage)."""

    cues: Cues
    compat: dict[str, set[str]]
    type_rank: dict[str, int]

    def _merge_mentions(self, mentions: list[Mention], index: DocIndex, anchor: Cluster | None,
                        paras: list[tuple[int, int]], text: str) -> list[Cluster]:
        """Records of ``mentions`` (and the title ``anchor``), deferred mentions resolved."""
        para_of: Callable[[int], int] = index.paragraph_of
        clusters: list[Cluster] = []
        # a generic title ("Japanese prisoner riots", "more murders of Koreans in 1945") sets the
        # scene (dates and places are inherited from it) but is no incident of its own: its
        # evidence goes to every specific record of its type
        spread: list[Cluster] = []
        if anchor is not None and anchor.extra.get("generic"):
            spread.append(anchor)
        elif anchor is not None:
            clusters.append(anchor)
        merge_index = MergeIndex(clusters)
        deferred: list[tuple[str, Mention, Cluster]] = []
        last_in_para: dict[int, Mention] = {}
        for mention in mentions:
            if mention.extra.get("title"):
                continue
            cluster = self._to_cluster(mention, index)
            if mention.post_mortem:
                deferred.append(("post_mortem", mention, cluster))
                continue
            if mention.extra.get("kin"):
                target = self._kin_target(mention, clusters, para_of)
                if target is not None:
                    self._add_evidence(target, cluster)
                    continue
            if mention.anaphoric:
                host = self._attach_anaphor(mention, cluster, clusters)
                if host is not None:
                    merge_index.refile(host)
                    continue
            if mention.anaphoric and not mention.generic and any(
                    compatible_types(a.type, cluster.type, self.compat) for a in spread):
                deferred.append(("spread", mention, cluster))  # "the newly reported murders" -> the title's
                continue
            self._inherit(index, mention, cluster, last_in_para.get(mention.paragraph), anchor, paras)
            if mention.generic:
                deferred.append(("generic", mention, cluster))
                continue
            if mention.date is not None or mention.location is not None:
                last_in_para[mention.paragraph] = mention
            target = self._same_incident(cluster, clusters) or merge_index.find(cluster, self.compat)
            if target is not None:
                absorb(target, cluster, self.type_rank)
                merge_index.refile(target)
            else:
                merge_index.append(cluster)
        self._resolve_deferred(deferred, spread, clusters, para_of, paras, text)
        return clusters

    def _same_incident(self, cluster: Cluster, clusters: list[Cluster]) -> Cluster | None:
        """Acts stated in one sentence about one incident ("an air strike killed 34 and
        wounded 50", "beat and wounded a local official", "killed 10 soldiers and captured
        5") are one record with counts per kind, unless their dates or places conflict.
        Distinct acts (rape, abduction, looting: GUIDELINES E2) keep their own records."""
        sent = cluster.evidence[0].start if cluster.evidence else None
        if sent is None or cluster.type not in INCIDENT_TYPES:
            return None
        for target in reversed(clusters[-8:]):
            if target.type not in INCIDENT_TYPES or not any(e.start == sent for e in target.evidence):
                continue
            if target.type == "DETENTION" and cluster.type == "DETENTION":
                continue  # two captures in one sentence: the ordinary merge rules decide
            if dates_compatible(target.date, cluster.date) is False:
                continue
            if places_compatible(target.location, cluster.location) is False:
                continue
            target.extra.setdefault("ties", []).append("same sentence")
            return target
        return None

    def _kin_target(self, m: Mention, clusters: list[Cluster], para_of) -> Cluster | None:
        """'Mothers were forced to kill their own children': killings of one's own people
        next to a mass suicide are part of it (GUIDELINES E1)."""
        for c in reversed(clusters):
            if c.type == "MASS_SUICIDE" and para_of(c.evidence[-1].start) in {m.paragraph, m.paragraph - 1}:
                return c
        return None

    @staticmethod
    def _add_evidence(target: Cluster, other: Cluster) -> None:
        seen = {(e.start, e.end) for e in target.evidence}
        target.evidence.extend(e for e in other.evidence if (e.start, e.end) not in seen)
        target.evidence.sort(key=lambda e: e.start)

    def _resolve_deferred(self, deferred: list, spread: list[Cluster], clusters: list[Cluster], para_of,
                          paras: list[tuple[int, int]], text: str) -> None:
        """Mentions that are not incidents of their own.

        - post_mortem ("His body was then bayoneted by 27 Japanese"): evidence of the latest
          killing in the same paragraph, adding no actors; otherwise dropped.
        - generic / habitual statements ("Riots even occurred in some camps", "These riots
          were often triggered by ...", "similar killings occurred ... including in early
          September"): evidence of a specific record of a compatible type in the same
          paragraph (the nearest, before or after it); for a heading, of the first such
          record after it; for a dated generic, of a record anywhere in the document
          whose date agrees. A generic statement with none of these is dropped: a
          frequency adverb or a class noun reports a pattern, not an incident.
        - spread (a back-reference to a generic title): evidence of every record of its type.
        Generic titles themselves (``spread``) add their evidence to every record of their type.
        """
        def compatible(c: Cluster, cl: Cluster) -> bool:
            return compatible_types(c.type, cl.type, self.compat) or compatible_types(cl.type, c.type, self.compat)

        for reason, m, cl in deferred:
            if reason == "post_mortem":
                target = next((c for c in reversed(clusters) if c.type in {"KILLING", "MASSACRE"}
                               and c.first < cl.first and para_of(c.first) == m.paragraph
                               or c.type in {"KILLING", "MASSACRE"} and c.first < cl.first
                               and any(para_of(e.start) == m.paragraph for e in c.evidence)), None)
                if target is not None:
                    self._add_evidence(target, cl)
                continue
            if reason == "spread":
                spread.append(cl)
                continue
            dated = m.date is not None and m.date.provenance == "stated"
            cands = [c for c in clusters if compatible(c, cl) and not (dated and dates_compatible(c.date, m.date) is False)]
            same = [c for c in cands if any(para_of(e.start) == m.paragraph for e in c.evidence)]
            target = None
            if same:
                target = min(same, key=lambda c: min(abs(e.start - cl.first) for e in c.evidence))
            elif is_heading(text[paras[m.paragraph][0]:paras[m.paragraph][1]]):
                target = next((c for c in sorted(cands, key=lambda c: c.first) if c.first > cl.first), None)
            elif dated:
                target = next((c for c in cands if dates_compatible(c.date, m.date)), None)
            if target is not None:
                self._add_evidence(target, cl)
        for g in spread:
            for c in clusters:
                if compatible(c, g):
                    self._add_evidence(c, g)

    def _evidence(self, sent: Span, trigger: str | None, index: DocIndex | None = None) -> Evidence:
        text = (index.sent_text(sent) if index is not None else sent.text).rstrip()
        return Evidence(start=sent.start_char, end=sent.start_char + len(text), text=text, trigger=trigger)

    def _confidence(self, m: Mention) -> float:
        c = m.match.weight * m.factor
        c += 0.05 * sum(x is not None and x.provenance == "stated" for x in (m.date, m.location))
        c += 0.05 * bool(m.counts) + 0.05 * bool(m.perpetrators)
        if m.generic:
            c *= 0.5
        return max(0.0, min(0.95, c))

    def _to_cluster(self, m: Mention, index: DocIndex | None = None) -> Cluster:
        tm = m.match
        cluster = Cluster(
            type=tm.type,
            trigger={"text": tm.text, "start": tm.start_char, "end": tm.end_char, "lemma": tm.lemma},
            name=m.name, date=m.date, location=m.location, perpetrators=list(m.perpetrators),
            victims=list(m.victims), counts=list(m.counts),
            evidence=[self._evidence(m.sent, tm.text, index)], confidences=[self._confidence(m)],
            modalities=[m.status], sources=[m.source], first=tm.start_char,
        )
        for key in ("means", "military_target"):
            if m.extra.get(key):
                cluster.extra[key] = m.extra[key]
        for other in m.extra.get("conj", []):
            absorb(cluster, self._to_cluster(other, index), self.type_rank)
        for other in m.extra.get("folded", []):
            folded = self._to_cluster(other, index)
            folded.type, folded.trigger, folded.counts = cluster.type, cluster.trigger, []
            absorb(cluster, folded, self.type_rank)
        return cluster

    def _attach_anaphor(self, m: Mention, cluster: Cluster, clusters: list[Cluster]) -> Cluster | None:
        """The record a back-reference ("the massacre") folds into, or None."""
        own_type = cluster.type
        found = self._attach_to(m, cluster, clusters)
        if found is None:
            cluster.type = own_type
        return found

    def _attach_to(self, m: Mention, cluster: Cluster, clusters: list[Cluster]) -> Cluster | None:
        own_type = cluster.type
        for target in reversed(clusters):
            cluster.type = own_type
            if own_type == "BATTLE" and cluster.trigger.get("lemma") in ATTACK_LEMMAS and target.type in VIOLENT:
                cluster.type = target.type  # "the attack" names any violent incident: the car bombing
            if not (target.type == cluster.type or cluster.type in self.compat.get(target.type, ())):
                continue
            if m.ends_event and cluster.date is not None and target.date is not None:
                # "As of August 30, the raid ended": the back-reference dates the end
                new_end = cluster.date.end or cluster.date.start
                cluster.date = None
                if should_merge(target, cluster, self.compat, anaphoric=True):
                    if new_end and (target.date.end or "") < new_end:
                        target.date = target.date.model_copy(update={"end": new_end})
                    absorb(target, cluster, self.type_rank)
                    return target
                return None
            if should_merge(target, cluster, self.compat, anaphoric=True):
                absorb(target, cluster, self.type_rank)
                return target
            return None
        return None

    def _inherit(self, index: DocIndex, m: Mention, cluster: Cluster, prev: Mention | None,
                 anchor: Cluster | None, paras: list[tuple[int, int]]) -> None:
        p_start = paras[m.paragraph][0]
        sent_start = m.sent.start_char
        if cluster.date is None:
            date = None
            if prev is not None and prev.date is not None:
                date = prev.date
            else:
                cands = [d for d in index.starting_in("DATE", p_start, sent_start)
                         if (d._.norm or {}).get("start") and not in_report_frame(d, self.cues)]
                if cands:
                    date = date_from_span(cands[-1])
                elif anchor is not None and anchor.date is not None:
                    date = anchor.date
            if date is not None:
                cluster.date = date.model_copy(update={"provenance": "inherited"})
                m.date = cluster.date
        if cluster.location is None:
            loc = None
            if prev is not None and prev.location is not None:
                loc = prev.location
            else:
                cands = [e for e in index.starting_in("PLACE", p_start, sent_start)
                         if not is_destination(e, self.cues)]
                if cands:
                    loc = location_from_span(cands[-1])
                elif anchor is not None and anchor.location is not None:
                    loc = anchor.location
            if loc is not None:
                cluster.location = loc.model_copy(update={"provenance": "inherited"})
                m.location = cluster.location
