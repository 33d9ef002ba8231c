"""Counts: digits, number words, magnitudes, ranges, qualifiers and fractions of a group."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from ..base import match_near_anchors

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")
_DETERMINERS = {
    "a",
    "an",
    "the",
    "these",
    "those",
    "this",
    "that",
    "their",
    "its",
    "his",
    "her",
    "our",
}
_RANGE_LINKS = {"to", "-", "–", "and", "or"}


#: Longer runs of digits are no count (an ID, a hash); Python also refuses to convert
#: or print ints of over 4,300 digits.
_MAX_DIGITS = 1000


def _is_digits(text: str) -> bool:
    return len(text) <= _MAX_DIGITS and _DIGITS.match(text) is not None


def _exact(text: str) -> Fraction | int:
    """A count in digits ("1,000", "1.5", a 400-digit run) as an exact number."""
    text = text.replace(",", "")
    return int(text) if text.isdecimal() else Fraction(text)


@dataclass
class _Quantity:
    start: int  # first token (qualifier included)
    core_start: int  # first token of the number itself
    end: int  # one past the number's last token
    low: int | None
    high: int | None
    qualifier: str | None
    fraction_root: int | None = None  # "half" in "half of a group of 1,800"


class QuantityParser:
    """Find quantities in a doc (mixed into :class:`Casualties`)."""

    # -- quantities ---------------------------------------------------------
    def _match_words(self, doc: Doc, i: int, table: list) -> tuple[int, Any] | None:
        """Longest entry of ``table`` whose words start at token ``i``."""
        index = self._by_first.get(id(table))
        if index is None:  # built once per table: entries keep their longest-first order
            index = self._by_first[id(table)] = {}
            for entry in table:
                index.setdefault(entry[0][0], []).append(entry)
        for entry in index.get(doc[i].lower_, ()):
            words = entry[0]
            if i + len(words) <= len(doc) and all(
                doc[i + k].lower_ == w for k, w in enumerate(words)
            ):
                return i + len(words), entry
        return None

    def _match_words_ending(self, doc: Doc, end: int, table: list) -> tuple[int, Any] | None:
        """Longest entry of ``table`` whose words end just before token ``end``."""
        if end <= 0:
            return None
        index = self._by_last.get(id(table))
        if index is None:
            index = self._by_last[id(table)] = {}
            for entry in table:
                index.setdefault(entry[0][-1], []).append(entry)
        for entry in index.get(doc[end - 1].lower_, ()):
            words = entry[0]
            start = end - len(words)
            if start >= 0 and all(doc[start + k].lower_ == w for k, w in enumerate(words)):
                return start, entry
        return None

    def _number_value(self, token: Token) -> Fraction | int | None:
        text = token.lower_
        if _is_digits(text):
            return _exact(text)
        return self._numbers.get(text)

    def _parse_core(self, doc: Doc, i: int) -> tuple[int, Fraction | int, Fraction | int] | None:
        """A number or magnitude starting at ``i``: (end, low, high)."""
        hit = self._match_words(doc, i, self._magnitudes)
        if hit:
            end, (_, low, high) = hit
            return end, low, high
        hit = self._match_words(doc, i, self._multipliers)
        if hit and hit[0] < len(doc) and doc[hit[0]].lower_ in self._scales:
            end, (_, low, high) = hit
            scale = self._scales[doc[end].lower_]
            return end + 1, low * scale, high * scale
        # digits, number words and scale words: "1.5 million", "two hundred and fifty"
        # exact arithmetic (ints and Fractions, never floats): a 400-digit count stays exact
        total: Fraction | int = 0
        current: Fraction | int = 0
        prev = None  # kind of the previous token: digit, word, scale, article, link
        j = i
        while j < len(doc):
            low = doc[j].lower_
            nxt = doc[j + 1].lower_ if j + 1 < len(doc) else ""
            if prev is None and low in ("a", "an") and nxt in self._scales:
                current, kind = 1, "article"
            elif prev is None and _is_digits(low):
                current, kind = _exact(low), "digit"
            elif low in self._numbers and prev in (None, "word", "scale", "link"):
                current, kind = current + self._numbers[low], "word"
            elif low in self._scales and prev is not None and prev != "link":
                current, kind = (current or 1) * self._scales[low], "scale"
                if self._scales[low] >= 1000:
                    total, current = total + current, 0
            elif low in ("and", "-") and prev in ("word", "scale") and nxt in self._numbers:
                kind = "link"
            else:
                break
            prev = kind
            j += 1
        if prev is None or prev in ("article", "link"):
            return None
        value = total + current
        if value < 1:
            return None
        return j, value, value

    def _quantities(self, doc: Doc) -> list[_Quantity]:
        excluded: set[int] = set()
        # every exclusion pattern contains a number: match only around numbers
        for _, start, end in match_near_anchors(
            self._exclude, doc, lambda t: t.like_num, before=4, after=4
        ):
            excluded.update(t.i for t in doc[start:end] if t.like_num)
        found: list[_Quantity] = []
        # _parse_core returns None unless token i starts a table entry, is a digit
        # string, a number word or "a"/"an": test that once per distinct word
        starts = {"a", "an", *self._numbers}
        starts.update(entry[0][0] for table in (self._magnitudes, self._multipliers) for entry in table)
        strings = doc.vocab.strings
        lowers = doc.to_array(LOWER).tolist()
        can_start = {h: (w := strings[h]) in starts or _is_digits(w) for h in set(lowers)}
        i = 0
        while i < len(doc):
            core = None if i in excluded or not can_start[lowers[i]] else self._parse_core(doc, i)
            if core is None:
                i += 1
                continue
            end, low, high = core
            if any(k in excluded for k in range(i, end)):
                i = end
                continue
            between = i > 0 and doc[i - 1].lower_ == "between"
            link = doc[end].lower_ if end < len(doc) else ""
            second = None
            if link in _RANGE_LINKS and (between or link not in ("and",)):
                second = self._parse_core(doc, end + 1)
            if second is not None:
                # "5,000 to 8,000", "between 1.5 and 2 million", "five or six"
                end2, _, high2 = second
                scale = self._scales.get(doc[end2 - 1].lower_, 1)
                if scale > 1 and doc[end - 1].lower_ not in self._scales and high < scale:
                    low, high = low * scale, high * scale
                # "between 800 and 700": the bounds come in either order
                lo, hi = sorted((round(low), round(high2)))
                q = self._qualify(doc, i, end2, lo, hi)
                if between:
                    q.start, q.qualifier = i - 1, "between"
                found.append(q)
                i = end2
                continue
            q = self._qualify(doc, i, end, round(low), round(high))
            q = self._bounded_range(doc, q)
            found.append(q)
            i = q.end
        return found

    def _bounded_range(self, doc: Doc, q: _Quantity) -> _Quantity:
        """'At least 347 and up to 504': a lower bound joined to an upper bound is one
        range (qualifier "at least and up to")."""
        end = q.end
        if q.low is None or q.high is not None or q.qualifier is None or end + 2 >= len(doc):
            return q
        if doc[end].lower_ not in ("and", "but", "to", "-", "–"):
            return q
        hit = self._match_words(doc, end + 1, self._qualifiers)
        if not hit or hit[1][1] != "upper":
            return q
        second = self._parse_core(doc, hit[0])
        if second is None:
            return q
        end2, _, high2 = second
        if round(high2) < q.low:
            return q
        qualifier = f"{q.qualifier} and {hit[1][2]}"
        return _Quantity(q.start, q.core_start, end2, q.low, round(high2), qualifier)

    def _qualify(self, doc: Doc, core_start: int, end: int, low: int, high: int) -> _Quantity:
        """Attach a qualifier and a fraction-of-group prefix to a bare number."""
        start = core_start
        fraction_root = None
        frac_value = None
        # "over half of a group of 1,800", "a third of the 600 prisoners"
        j = start - 1
        saw_of = False
        while j >= 0 and start - j <= 6:
            low_j = doc[j].lower_
            if low_j == "of":
                saw_of = True
            elif low_j in _DETERMINERS or low_j in self._group_nouns:
                pass
            else:
                break
            j -= 1
        if saw_of:
            hit = self._match_words_ending(doc, j + 1, self._fractions)
            if hit:
                fstart, (_, frac_value) = hit
                fraction_root = j
                start = fstart
        bound = None
        norm = None
        hit = self._match_words_ending(doc, start, self._qualifiers)
        if hit:
            start, (_, bound, norm) = hit
        if frac_value is not None:
            part = round(frac_value * high)
            qualifier = " ".join(t.lower_ for t in doc[start : fraction_root + 1]) + " of"
            if bound == "lower":
                return _Quantity(start, core_start, end, part, high, qualifier, fraction_root)
            if bound == "upper":
                return _Quantity(start, core_start, end, None, part, qualifier, fraction_root)
            return _Quantity(start, core_start, end, part, part, qualifier, fraction_root)
        # a qualifier applies to a magnitude's range too: "over hundreds" -> 200..None
        if bound == "lower":
            return _Quantity(start, core_start, end, low, None, norm)
        if bound == "upper":
            return _Quantity(start, core_start, end, None, high, norm)
        if bound == "about":
            return _Quantity(start, core_start, end, low, high, "about")
        return _Quantity(start, core_start, end, low, high, None)
