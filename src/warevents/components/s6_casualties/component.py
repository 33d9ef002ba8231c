"""The ``warevents_casualties`` component: quantity -> people -> kind -> war gate."""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from spacy.attrs import IS_SPACE
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from ...schemas import CasualtyValue
from ..base import RuleComponent
from ..common import climb_within
from .context import WarContext
from .harm import _PERPETRATOR, _SEVERITY, HarmResolver, _Harm
from .people import PeopleFinder
from .quantities import _DETERMINERS, QuantityParser, _Quantity
from .implicit import IMPLICIT_GROUP, ImplicitCounts
from .scope import SUBSET_PRONOUNS, ScopeReader

_BARE_EXCLUDED_ENTS = {"TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
_YEAR = re.compile(r"^1[0-9]{3}$|^20[0-9]{2}$")


class Casualties(
    QuantityParser,
    PeopleFinder,
    HarmResolver,
    WarContext,
    ScopeReader,
    ImplicitCounts,
    RuleComponent,
):
    """Find counts of people killed, wounded, missing, detained, raped, abducted or dead."""

    label = "CASUALTY"
    data_files: dict[str, tuple[str, ...]] = {
        "quantities": ("lexicons", "quantities.jsonl"),
        "harm_terms": ("lexicons", "harm_terms.jsonl"),
        "people": ("lexicons", "people.jsonl"),
        "context": ("lexicons", "casualty_context.jsonl"),
        "patterns": ("patterns", "casualties.jsonl"),
    }

    # -- compile ------------------------------------------------------------
    def _compile(self) -> None:
        self._numbers: dict[str, int] = {}
        self._scales: dict[str, int] = {}
        self._magnitudes: list[tuple[tuple[str, ...], int, int]] = []
        self._multipliers: list[tuple[tuple[str, ...], int, int]] = []
        self._qualifiers: list[tuple[tuple[str, ...], str, str]] = []
        self._fractions: list[tuple[tuple[str, ...], Fraction]] = []
        self._group_nouns: set[str] = set()
        for row in self.data.get("quantities", []):
            kind = row["type"]
            if kind == "number":
                self._numbers[row["word"]] = row["value"]
            elif kind == "scale":
                self._scales[row["word"]] = row["value"]
            elif kind == "magnitude":
                self._magnitudes.append((tuple(row["words"]), row["low"], row["high"]))
            elif kind == "multiplier":
                self._multipliers.append((tuple(row["words"]), row["low"], row["high"]))
            elif kind == "qualifier":
                self._qualifiers.append((tuple(row["words"]), row["bound"], row["norm"]))
            elif kind == "fraction":
                self._fractions.append((tuple(row["words"]), Fraction(row["num"], row["den"])))
            elif kind == "group_noun":
                self._group_nouns.add(row["word"])
        for table in (self._magnitudes, self._multipliers, self._qualifiers, self._fractions):
            table.sort(key=lambda item: -len(item[0]))

        self._verbs: dict[str, list[dict[str, Any]]] = {}
        self._nouns: dict[str, dict[str, Any]] = {}
        self._adjs: dict[str, dict[str, Any]] = {}
        for row in self.data.get("harm_terms", []):
            table = {"VERB": None, "NOUN": self._nouns, "ADJ": self._adjs}[row["pos"]]
            if table is None:
                self._verbs.setdefault(row["lemma"], []).append(row)
            else:
                table.setdefault(row["lemma"], row)
        self._people = {row["lemma"] for row in self.data.get("people", [])}
        # cue term -> type; a cue with "pos" counts only on a token with that part of speech
        self._war_cues: set[str] = set()
        self._crime_cues: set[str] = set()
        self._nonwar_cues: set[str] = set()
        self._cue_pos: dict[str, str] = {}
        tables = {"war": self._war_cues, "criminal": self._crime_cues, "nonwar": self._nonwar_cues}
        for row in self.data.get("context", []):
            tables[row["type"]].add(row["term"])
            if row.get("pos"):
                self._cue_pos[row["term"]] = row["pos"]

        self._by_first: dict[int, dict[str, list]] = {}
        self._by_last: dict[int, dict[str, list]] = {}
        self._infobox: dict[str, str] = {}
        self._exclude = Matcher(self.nlp.vocab)
        self._cumulative = Matcher(self.nlp.vocab)
        for row in self.data.get("patterns", []):
            if row["type"] == "infobox_key":
                self._infobox[row["key"]] = row["kind"]
            elif row["type"] == "exclude":
                self._exclude.add(row["id"], [row["pattern"]])
            elif row["type"] == "cumulative":
                self._cumulative.add(row["id"], [row["pattern"]])

    # -- main ----------------------------------------------------------------
    def find(self, doc: Doc) -> list[Span]:
        """CASUALTY candidates; the implicit counts go to ``doc.spans[IMPLICIT_GROUP]``."""
        doc.spans[IMPLICIT_GROUP] = []
        doc_flag = doc._.war_related if isinstance(doc._.war_related, bool) else None
        if doc_flag is False:
            return []
        context: list = []

        def gate(harm: _Harm, tok: Token) -> bool:
            if not context:  # the cues are counted once, and only when needed
                para = self._paragraphs(doc)
                spaces = doc.to_array(IS_SPACE).tolist()
                nonempty = sorted({para[i] for i, space in enumerate(spaces) if not space})
                context.extend((para, self._cues(doc, para), nonempty))
            para, cues, nonempty = context
            return self._in_context(harm, para[tok.i], cues, nonempty, doc_flag, tok.sent)

        spans = self._explicit_counts(doc, gate)
        taken = {i for span in spans for i in range(span.start, span.end)}
        doc.spans[IMPLICIT_GROUP] = self._implicit_counts(doc, taken, gate)
        return spans

    def _explicit_counts(self, doc: Doc, gate: Callable[[_Harm, Token], bool]) -> list[Span]:
        quantities = self._quantities(doc)
        if not quantities:
            return []
        spans: list[Span] = []
        cumulative: list[tuple[int, int, int]] | None = None
        for q in quantities:
            head, end, counts_things = self._people_np(doc, q)
            if counts_things:
                continue
            if head is not None:
                n = climb_within(head, q.start, end)
            else:
                # a bare count: its syntactic head among its own tokens
                n = climb_within(doc[q.end - 1], q.start, q.end)
                if q.fraction_root is not None:
                    n = doc[q.fraction_root]
            own = self._self_harm(head) if head is not None else None
            harm = self._resolve(n)
            if own is not None and not (
                isinstance(harm, _Harm)
                and _SEVERITY.index(harm.kind) < _SEVERITY.index(own.kind)
            ):
                # "300 casualties were reported": the noun itself says the harm; but
                # "executed 21 hostages": the more severe governing harm wins (C1)
                harm = own
            if harm == _PERPETRATOR:
                continue
            if harm is None and head is not None and n.i != head.i:
                harm = self._resolve(head)
            if harm is None and head is not None and head.dep_ == "compound" and head.head.i >= end:
                harm = self._resolve(head.head)
            if harm is None:
                harm = self._infobox_kind(doc, q)
            if harm is None and head is None:
                harm = self._toll_harm(doc, q)
            if harm is None:
                harm = self._headline_harm(doc, q)
            if harm is None and head is not None:
                harm = self._adjacent_verb_harm(doc, q, head)
            if harm is None and spans:
                harm = self._antecedent_harm(n, q, spans)
            if harm is None or harm == _PERPETRATOR:
                continue
            if head is None:
                if harm.requires_person:
                    continue
                if self._not_a_bare_count(doc, q):
                    continue
                # a bare "one" ("one of the men") is not a count
                if q.low is not None and q.low == q.high and q.low <= 1:
                    continue
            if not gate(harm, doc[q.start]):
                continue
            if head is None and end < len(doc):
                # "some 300 wounded were evacuated": the harm word modifies the count itself
                nxt = doc[end]
                row = self._adjs.get(nxt.lower_) or {}
                if row.get("people") and (
                    (row.get("nominal", True) and q.start <= nxt.head.i < q.end)
                    or self._left_result(nxt)
                    or self._parallel_nominal(doc, q, nxt)
                ):
                    end += 1
            span = Span(doc, q.start, end, label=self.label)
            victims = None
            if head is not None:
                victim_start = q.end
                if doc[victim_start].lower_ == "of":
                    victim_start += 1
                while victim_start < end and doc[victim_start].lower_ in _DETERMINERS:
                    victim_start += 1
                if victim_start + 1 < end and doc[victim_start].like_num:
                    victim_start += 1  # "six of the nine crew": the victims are "crew"
                victims = doc[victim_start:end].text or None
            if cumulative is None:
                cumulative = self._cumulative_heads(doc)
            scope, subset_of, _ = self.scope_of(n, q.start, q.end, spans, cumulative)
            span._.norm = CasualtyValue(
                kind=harm.kind,
                low=q.low,
                high=q.high,
                qualifier=q.qualifier,
                victims=victims,
                trigger=harm.trigger,
                scope=scope,
                subset_of=subset_of,
            ).model_dump()
            spans.append(span)
        return spans

    def _antecedent_harm(self, n: Token, q: _Quantity, spans: list[Span]) -> _Harm | None:
        """'48 wounded individuals, 30 of whom were children': a count of "whom"/"them"
        shares the harm of the count it narrows."""
        word = self.subset_word(n, q.start, q.end)
        if word is None or word.lower_ not in SUBSET_PRONOUNS:
            return None
        total = self.total_of(word, spans)
        if total is None:
            return None
        norm = total._.norm
        return _Harm(norm["kind"], norm.get("trigger") or total.text, False, False)

    def _parallel_nominal(self, doc: Doc, q: _Quantity, word: Token) -> bool:
        """'caused 119 dead and 98 wounded': after a conjunction, a harm word that can
        head a noun phrase stands as a noun when the conjunct before it is one too."""
        row = self._adjs.get(word.lower_) or {}
        if not row.get("nominal", True) or q.start < 3:
            return False
        if doc[q.start - 1].lower_ not in ("and", "or", ","):
            return False
        # "163 dead or missing and 55 wounded": a count and a nominal harm word shortly before
        for k in range(q.start - 2, max(0, q.start - 6), -1):
            row = self._adjs.get(doc[k].lower_)
            if row and row.get("nominal", True) and doc[k - 1].like_num:
                return True
        return False

    def _not_a_bare_count(self, doc: Doc, q: _Quantity) -> bool:
        """A bare number the pretrained NER reads as a time, sum or measure, or a
        date: a year, or a number inside a longer DATE entity ("Aug. 17"). A bare
        "57" alone tagged DATE is a frequent small-model error and is kept."""
        for tok in doc[q.core_start : q.end]:
            if tok.ent_type_ in _BARE_EXCLUDED_ENTS or _YEAR.match(tok.text):
                return True
            if tok.ent_type_ == "DATE":
                ent = next(e for e in doc.ents if e.start <= tok.i < e.end)
                if ent.start < q.core_start or ent.end > q.end:
                    return True
        return False
