"""The ``warevents_military_units`` component: match, validate, select, merge."""

from __future__ import annotations

from typing import ClassVar

from spacy.tokens import Doc, Span

from ..base import RuleComponent, match_near_anchors
from .compiler import UnitCompiler
from .groups import UnitGroups
from .naming import _KIND_PRIORITY, _MAX_PHRASE, _Candidate, _join
from .validators import UnitValidators


class MilitaryUnits(UnitCompiler, UnitValidators, UnitGroups, RuleComponent):
    """Find MILITARY_UNIT candidates; see the module docstring for the grammar."""

    label = "MILITARY_UNIT"
    data_files: ClassVar[dict[str, tuple[str, ...]]] = {
        "nationalities": ("lexicons", "units_nationalities.jsonl"),
        "echelons": ("lexicons", "units_echelons.jsonl"),
        "terms": ("lexicons", "units_terms.jsonl"),
        "named": ("lexicons", "units_named.jsonl"),
        "armed_groups": ("lexicons", "units_armed_groups.jsonl"),
        "group_cues": ("lexicons", "units_group_cues.jsonl"),
        "name_words": ("lexicons", "units_name_words.jsonl"),
        "patterns": ("patterns", "military_units.jsonl"),
    }

    # -- finding --------------------------------------------------------------
    def _candidate(self, doc: Doc, kind: str, s: int, e: int) -> _Candidate | None:
        if any("\n" in t.text or "\n" in t.whitespace_ for t in doc[s : e - 1]):
            return None
        if kind == "SHORT":
            return self._shorthand(doc, s, e)
        if kind == "COORD":
            return self._coordinated(doc, s, e)
        if kind in ("ORD", "ROMAN", "NUMBERED"):
            return self._numbered(doc, kind, s, e)
        if kind == "LETTERED":
            return self._lettered(doc, kind, s, e)
        if kind == "CODENAME":
            return self._codename(doc, kind, s, e)
        if kind == "NAMED":
            return self._named(doc, kind, s, e)
        if kind == "GEN":
            return self._general(doc, kind, s, e)
        if kind == "COLL":
            return self._collective(doc, kind, s, e)
        return None

    def _with_nationality(self, doc: Doc, cand: _Candidate) -> _Candidate:
        """Let a nationality adjective right before the match join it (guideline U1)."""
        for n in range(min(_MAX_PHRASE, cand.start), 0, -1):
            length, nationality = self._nat_at(doc, cand.start - n, cand.start)
            if length == n and not any(
                "\n" in t.whitespace_ for t in doc[cand.start - n : cand.start]
            ):
                cand.start -= n
                cand.norm = dict(cand.norm, nationality=nationality)
                break
        return cand

    def _merge_designations(self, doc: Doc, chosen: list[_Candidate]) -> list[_Candidate]:
        """ "3rd Battalion, 5th Marines" is one battalion: merge a unit with its parent after a comma."""
        out: list[_Candidate] = []
        for cand in chosen:
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.designated
                and cand.designated
                and cand.start == prev.end + 1
                and doc[prev.end].text == ","
                and prev.rank is not None
                and cand.rank is not None
                and prev.rank < cand.rank
            ):
                norm = dict(prev.norm, name=_join(list(doc[prev.start : cand.end]), None))
                out[-1] = _Candidate(prev.start, cand.end, prev.kind, norm, cand.rank, True)
            else:
                out.append(cand)
        return out

    def find(self, doc: Doc) -> list[Span]:
        matches = match_near_anchors(
            self.matcher,
            doc,
            self._is_anchor,
            before=12,
            after=10,
            gate=self.gate,
            allow_missing=not doc.has_annotation("POS"),
        )
        candidates: list[_Candidate] = []
        seen: set[tuple[int, int, str]] = set()
        for match_id, s, e in matches:
            kind = self.nlp.vocab.strings[match_id]
            if (s, e, kind) in seen:
                continue
            seen.add((s, e, kind))
            cand = self._candidate(doc, kind, s, e)
            if cand is not None:
                candidates.append(cand if kind == "COLL" else self._with_nationality(doc, cand))
        candidates += self._group_candidates(doc)
        candidates.sort(key=lambda c: (-(c.end - c.start), _KIND_PRIORITY[c.kind], c.start))
        taken = [False] * len(doc)
        chosen = []
        for cand in candidates:
            if any(taken[cand.start : cand.end]):
                continue
            taken[cand.start : cand.end] = [True] * (cand.end - cand.start)
            chosen.append(cand)
        chosen += self._acronyms_and_repeats(doc, chosen)
        chosen.sort(key=lambda c: c.start)
        spans = []
        for cand in self._merge_designations(doc, chosen):
            span = Span(doc, cand.start, cand.end, label=self.label)
            span._.norm = cand.norm
            spans.append(span)
        return spans
