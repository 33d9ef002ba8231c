"""The ``warevents_dates`` component: candidates, selection, year context, normalisation."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from typing import Any

from spacy.language import Language
from spacy.lexeme import Lexeme
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from ...schemas import DateValue
from ..base import RuleComponent, match_near_anchors
from ..gate import PatternGate
from ..s1_layout.read import story_start_offsets
from ..s1_layout.stories import dateline_at
from .anaphora import GROUP as ANAPHORA_GROUP
from .anaphora import Anaphora
from .dct import find_dct
from .lexicon import _BARE_YEAR, _BLANK_LINE, _YEAR_RE, MAX_YEAR, MIN_YEAR, DateContext, DateLexicon
from .normaliser import DateNormaliser
from .parsing import _parse_doc_date
from .reference import Asides, shift_by_tense, tense_of


def _year_of(iso: str) -> int:
    """The (astronomical) year of an ISO date: "-0330-01-01" -> -330."""
    return int(iso.split("T")[0].rsplit("-", 2)[0])


# --------------------------------------------------------------------------
# The spaCy component
# --------------------------------------------------------------------------
class Dates(RuleComponent):
    """Find calendar expressions and normalise them to ``DateValue`` dicts."""

    label = "DATE"
    data_files: dict[str, tuple[str, ...]] = {
        "date_parts": ("lexicons", "date_parts.jsonl"),
        "date_patterns": ("patterns", "dates.jsonl"),
    }

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        date_order: str = "MDY",
        use_ner: bool = True,
        data: dict[str, list[dict[str, Any]]] | None = None,
    ) -> None:
        self.date_order = date_order
        self.use_ner = use_ner
        super().__init__(nlp, name, data=data)

    # -- compile once ---------------------------------------------------------
    def _compile(self) -> None:
        self.lexicon = DateLexicon(self.data["date_parts"])
        self.normaliser = DateNormaliser(self.lexicon, self.date_order)
        self.anaphora = Anaphora(self.lexicon)
        lex = self.lexicon
        macros: dict[str, dict[str, Any]] = {
            "MONTH": {"LOWER": {"IN": sorted(lex.months)}},
            "WEEKDAY": {"LOWER": {"IN": sorted(lex.weekdays)}},
            "SEASON": {"LOWER": {"IN": sorted(lex.seasons)}},
            "PART": {"LOWER": {"IN": sorted(lex.parts)}},
            "HALF": {"LOWER": {"IN": sorted(lex.halves)}},
            "ERA": {"LOWER": {"IN": sorted(lex.eras)}},
        }
        rows = self.data["date_patterns"]
        for row in rows:
            if "macro" in row:
                macros[row["macro"]] = row["token"]
        self.matcher = Matcher(self.nlp.vocab)
        self.trims: dict[int, tuple[int, int]] = {}
        gated: list[tuple[str, list[dict[str, Any]]]] = []
        for row in rows:
            if "pattern" not in row:
                continue
            gated.append((row["id"], self._expand(row["pattern"], macros)))
            self.matcher.add(row["id"], [gated[-1][1]])
            self.trims[self.nlp.vocab.strings[row["id"]]] = tuple(row.get("trim", (0, 0)))  # type: ignore[assignment]
        # Every date pattern contains a number or a calendar word: match only near them.
        self._anchor_words = (
            set(lex.months) | set(lex.weekdays) | set(lex.seasons) | set(lex.eras)
            | {w for phrase in lex.relative for w in phrase.split()}
            | {"century", "centuries"}
        )
        self.name_heads = lex.words.get("name_head", set())
        # "the 2026 Wimbledon Championships", not "the 1200 Syrian refugees"
        self.name_year_ids = {self.nlp.vocab.strings[i] for i in ("the_year_name", "year_heading")}
        self.gate = PatternGate(self.nlp.vocab, gated, self.matcher)
        self.determiners = lex.words.get("determiner", set())
        self.qualifiers = lex.words.get("qualifier", set())
        self.duration_units = lex.words.get("duration_unit", set())
        self.future_markers = lex.words.get("future_marker", set())

    @staticmethod
    def _expand(elements: list[Any], macros: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        """Macro names -> token specs, with optional whitespace tokens between elements."""
        out: list[dict[str, Any]] = []
        for i, el in enumerate(elements):
            if isinstance(el, dict):
                spec = dict(el)
            else:
                optional = el.endswith("?") and len(el) > 1
                name = el[:-1] if optional else el
                if name in macros:
                    spec = dict(macros[name])
                else:
                    words = name.split("|")
                    spec = {"LOWER": words[0]} if len(words) == 1 else {"LOWER": {"IN": words}}
                if optional:
                    spec["OP"] = "?"
            if i:
                # nbsp and single line breaks are tokens of their own: let a date run across them
                out.append({"IS_SPACE": True, "OP": "?"})
            out.append(spec)
        return out

    # -- candidates -----------------------------------------------------------
    def _month_ok(self, doc: Doc, start: int, end: int) -> bool:
        """Ambiguous month words ("May", "March") count only when capitalised."""
        if any(t.like_num for t in doc[start:end]):
            return True  # "may 1945" in lower-cased text is still a month
        return not any(
            t.lower_ in self.lexicon.ambiguous_months and not t.text[:1].isupper()
            for t in doc[start:end]
        )

    def _trim(self, doc: Doc, start: int, end: int, hedges: bool) -> tuple[int, int]:
        drop = set(self.determiners) | (self.qualifiers if hedges else set())
        while start < end and not self._keeps_whole(doc[start:end].text.lower()) and (
            doc[start].is_space
            or doc[start].is_punct and not self._short_year_apostrophe(doc, start, end)
            or doc[start].lower_ in drop
            or doc[start].lower_ == "'s"
        ):
            start += 1
        while end > start and (
            doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text != "?")
        ):
            end -= 1
        return start, end

    def _keeps_whole(self, text: str) -> bool:
        """"this week", "this June": the determiner is part of the expression."""
        return text in self.lexicon.relative or self.lexicon.re_deictic.match(text) is not None

    @staticmethod
    def _short_year_apostrophe(doc: Doc, i: int, end: int) -> bool:
        """The apostrophe of "'68" belongs to the year."""
        return (
            doc[i].text in ("'", "\u2019")
            and not doc[i].whitespace_
            and i + 1 < end
            and doc[i + 1].text[:2].isdigit()
        )

    def _bare_year_ok(self, doc: Doc, start: int, end: int) -> bool:
        """A lone 4-digit number is a year unless it counts something ("1500 troops")."""
        text = doc[start:end].text
        if not _BARE_YEAR.match(text):
            return True
        if not MIN_YEAR <= int(text) <= MAX_YEAR:
            return False
        after = [t for t in doc[end : end + 3] if not t.is_space][:2]
        nxt = after[0] if after else None
        if nxt is not None and (nxt.tag_ in ("NNS", "NNPS") or nxt.text in ("%", "km", "m")):
            return False
        prev = doc[start - 1] if start > 0 else None
        # "No. 1945", "a population of over 1700": counts, not years
        return prev is None or prev.lower_ not in ("no.", "no", "number", "#", "$", "nos.", "over", "than")

    @staticmethod
    def _counts_people(doc: Doc, end: int) -> bool:
        """A lower-case plural right after "<year> <Name>" makes the number a count."""
        nxt = next((t for t in doc[end : end + 2] if not t.is_space), None)
        return nxt is not None and nxt.is_lower and nxt.tag_ == "NNS"

    @staticmethod
    def _heading(doc: Doc, start: int) -> bool:
        """Is the line starting at token ``start`` a short heading ("2026 Canadian wildfires")?"""
        text = doc.text
        a = doc[start].idx
        if a and text[a - 1] != "\n":
            return False
        b = text.find("\n", a)
        line = text[a : b if b >= 0 else len(text)].strip()
        return len(line) <= 80 and not line.endswith((".", "!", "?", ":", ","))

    def _names_something(self, doc: Doc, end: int) -> bool:
        """"March 23 Movement", "6th of October Bridge": the date is part of a name."""
        nxt = doc[end] if end < len(doc) else None
        return nxt is not None and nxt.is_title and nxt.lower_ in self.name_heads

    def _blank_line_inside(self, doc: Doc, start: int, end: int) -> bool:
        return _BLANK_LINE.search(doc[start:end].text) is not None

    def _is_anchor(self, token: Token | Lexeme) -> bool:
        return token.lower_ in self._anchor_words or any(c.isdigit() for c in token.text)

    def _candidates(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(start, end, source rank) for pattern matches (rank 0) and cleaned NER dates (rank 1)."""
        found: list[tuple[int, int, int]] = []
        for match_id, start, end in match_near_anchors(self.matcher, doc, self._is_anchor, gate=self.gate):
            left, right = self.trims.get(match_id, (0, 0))
            if match_id in self.name_year_ids and self._counts_people(doc, end) and not self._heading(doc, start):
                continue
            s, e = self._trim(doc, start + left, end - right, hedges=False)
            if s < e:
                found.append((s, e, 0))
        if self.use_ner:
            for ent in doc.ents:
                if ent.label_ != "DATE":
                    continue
                s, e = self._trim(doc, ent.start, ent.end, hedges=True)
                if s < e and self._anchored(doc, s, e):
                    found.append((s, e, 1))
        out = []
        for s, e, rank in set(found):
            if not self._month_ok(doc, s, e) or not self._bare_year_ok(doc, s, e):
                continue
            if self._blank_line_inside(doc, s, e) or self._names_something(doc, e):
                continue
            out.append((s, e, rank))
        return out

    def _anchored(self, doc: Doc, start: int, end: int) -> bool:
        """A pretrained DATE is kept only with a calendar anchor and no duration unit."""
        toks = [t for t in doc[start:end] if not t.is_space]
        lows = [t.lower_ for t in toks]
        lex = self.lexicon
        if " ".join(lows) in lex.relative:
            return True  # "last month": a unit word, but a calendar expression
        has_era = any(w in lex.eras for w in lows)
        if any(w in self.duration_units for w in lows) and not has_era:
            return False
        return has_era or any(
            w in lex.months
            or w in lex.weekdays
            or _YEAR_RE.fullmatch(w.rstrip("s?"))
            or re.fullmatch(r"(1\d|20)\d\d\??[-\u2013\u2014]\d{2,4}\??", w)
            for w in lows
        )

    # -- selection and normalisation -------------------------------------------
    def find(self, doc: Doc) -> list[Span]:
        blank = DateContext()
        scored = []
        for s, e, rank in self._candidates(doc):
            text = doc[s:e].text
            if self.normaliser.normalise(text, blank) is None and not self._split_coordinated(doc, s, e):
                continue  # not a date we can read: let a shorter candidate win
            n_tokens = sum(1 for t in doc[s:e] if not t.is_space)
            scored.append((-n_tokens, rank, s, e))
        scored.sort()
        taken = [False] * (len(doc) + 1)
        chosen: list[tuple[int, int]] = []
        for _, _, s, e in scored:
            if any(taken[s:e]):
                continue
            for i in range(s, e):
                taken[i] = True
            chosen.append((s, e))
        chosen.sort()
        texts: dict[tuple[int, int], str] = {}
        for s, e in list(chosen):
            parts = self._split_coordinated(doc, s, e)
            if parts:
                chosen.remove((s, e))
                for s2, e2, text in parts:
                    chosen.append((s2, e2))
                    texts[(s2, e2)] = text
        chosen.sort()

        doc_date = _parse_doc_date(getattr(doc._, "doc_date", None))
        if doc_date is None and (found := find_dct(doc.text)) is not None:
            # the spaCy route (nlp(text)): the extractor settles the DCT before the pipeline
            doc._.doc_date, doc._.doc_date_source = found.date, found.source
            doc_date = _parse_doc_date(found.date)
        elif doc_date is not None and doc._.doc_date_source is None:
            doc._.doc_date_source = "given"
        breaks = story_start_offsets(doc)  # from the layout stage
        story_of = {(s, e): bisect.bisect_right(breaks, doc[s].idx) for s, e in chosen}
        years: dict[int, Counter] = {}
        for (s, e), story in story_of.items():
            m = _YEAR_RE.search(doc[s:e].text)
            if m:
                years.setdefault(story, Counter())[int(m.group())] += 1
        # end offset of the wire dateline ("KYIV, March 3 (Reuters) -") opening each story
        page = doc.text
        dateline_end = {k + 1: dl[1] for k, start in enumerate(breaks) if (dl := dateline_at(page, start))}
        asides = Asides(doc)
        last_year: int | None = None
        last_par = -1  # paragraph of the date that set last_year
        current_story = -1
        anchor: dt.date | None = None  # the story's dateline date: its "today"
        anchor_source = "none"
        spans: list[Span] = []
        for s, e in chosen:
            span = Span(doc, s, e, label=self.label)
            if story_of[(s, e)] != current_story:
                # a year-less date never borrows a year from another story on the page
                current_story, last_year, anchor = story_of[(s, e)], None, None
                counts = years.get(current_story)
                dominant = min(counts, key=lambda y: (-counts[y], y)) if counts else None
            today = anchor or doc_date
            par = asides.paragraph(span.start_char)
            from_today = False
            if last_year is not None and (today is None or last_par == par):
                # narrative: the reference time; news: only a year stated in this paragraph
                ctx = DateContext(last_year, "context", today)
            elif anchor is not None:
                ctx, from_today = DateContext(anchor.year, anchor_source, today), True
            elif doc_date is not None:
                ctx, from_today = DateContext(doc_date.year, "document", today), True
            elif dominant is not None:
                ctx = DateContext(dominant, "context", today)
            else:
                ctx = DateContext(None, "none", today)
            ctx.future = self._future(span)
            value = self.normaliser.normalise(texts.get((s, e), span.text), ctx)
            if value is None:
                continue
            in_dateline = doc[s].idx < dateline_end.get(current_story, -1)
            if in_dateline and value.precision == "day" and value.start:
                value = self._dateline_value(value, doc_date)
                anchor = dt.date.fromisoformat(value.start[:10])
                anchor_source = "context" if value.year_source == "explicit" else value.year_source
            elif from_today and today is not None and value.year_source != "explicit":
                value = shift_by_tense(value, today, tense_of(span, ctx.future))
            if (
                value.year_source == "explicit"
                and (value.end or value.start)
                and not asides.is_aside(span.start_char, span.end_char)
            ):
                last_year, last_par = _year_of(value.end or value.start), par  # type: ignore[arg-type]
            span._.norm = value.model_dump()
            spans.append(span)
        doc.spans[ANAPHORA_GROUP] = self._anaphors(doc, spans, breaks, doc_date)
        return spans

    def _anaphors(self, doc: Doc, spans: list[Span], breaks: list[int], dct: dt.date | None) -> list[Span]:
        """"the next day", "three days later"...: resolved along the story's dates."""
        dated = [(sp.start_char, sp.end_char, sp) for sp in spans]
        found = [m for m in self.anaphora.find(doc.text)
                 if not any(a < m.end() and m.start() < b for a, b, _ in dated)]
        timeline = sorted([(a, b, sp) for a, b, sp in dated] + [(m.start(), m.end(), m) for m in found],
                          key=lambda x: x[0])
        out: list[Span] = []
        last: DateValue | None = None
        story = -1
        for a, b, item in timeline:
            here = bisect.bisect_right(breaks, a)
            if here != story:
                story, last = here, None
            if isinstance(item, Span):
                value = DateValue(**item._.norm)
            else:
                value = self.anaphora.resolve(item, last, dct)
                span = doc.char_span(a, b, label=self.label, alignment_mode="expand")
                if span is None:
                    continue
                span._.norm = value.model_dump()
                out.append(span)
            if value.start is not None:
                last = value
        return out

    def _split_coordinated(self, doc: Doc, s: int, e: int) -> list[tuple[int, int, str]]:
        """"August 9 and 10, 1945" -> ("August 9", "August 9 1945"), ("10, 1945", "10 August 1945"):
        one DATE per day, each read with the month and year the pair shares."""
        toks = [t for t in doc[s:e] if not t.is_space]
        words = [t.lower_ for t in toks]
        if "and" not in words or words[0] in ("between", "from") or any(w in self.lexicon.weekdays for w in words):
            return []
        k = words.index("and")
        before = next((t.lower_ for t in reversed(doc[max(0, s - 3) : s]) if not t.is_space), "")
        if before in ("between", "from", "the"):
            return []  # a range: "between the 6th and 21st April"
        month = next((t.text for t in toks if t.lower_ in self.lexicon.months), None)
        year = next((t.text for t in toks if _YEAR_RE.fullmatch(t.text)), "")
        days = [t.text for t in toks if t.like_num and not _YEAR_RE.fullmatch(t.text)]
        if month is None or len(days) != 2 or k == 0 or k + 1 >= len(toks):
            return []
        left = (toks[0].i, toks[k - 1].i + 1, f"{days[0]} {month} {year}".strip())
        right = (toks[k + 1].i, toks[-1].i + 1, f"{days[1]} {month} {year}".strip())
        return [left, right]

    @staticmethod
    def _dateline_value(value: DateValue, doc_date: dt.date | None) -> DateValue:
        """A year-less dateline is never later than the page date: "Dec. 30" on a page of
        2 January 2024 is 2023-12-30."""
        day = dt.date.fromisoformat(value.start[:10])  # type: ignore[index]
        if value.year_source == "document" and doc_date is not None and day > doc_date:
            try:
                day = day.replace(year=day.year - 1)
            except ValueError:  # 29 February
                day = day.replace(year=day.year - 1, day=28)
            return value.model_copy(update={"start": day.isoformat(), "end": day.isoformat()})
        return value

    def _future(self, span: Span) -> bool:
        try:
            sent = span.sent
        except ValueError:
            sent = span.doc[max(0, span.start - 10) : span.end]
        return any(t.lower_ in self.future_markers for t in sent)
