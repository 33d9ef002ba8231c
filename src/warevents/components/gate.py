"""Skip the patterns a window of tokens cannot match, with the same matches.

A token spec a pattern must match (no ``?``, ``*``, ``!`` or ``{..}`` operator)
that tests ``LOWER``, ``ORTH`` or ``TEXT`` with a string, ``IN`` or ``REGEX``
is a lexical test: the pattern can match inside a window only if some token of
the window passes each such test. :class:`PatternGate` runs, per window, a
matcher holding only the patterns whose tests all pass there (in their original
order, so the matches and their order are the full matcher's), and no matcher
when none do. Tests run once per distinct word of a document.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.matcher import Matcher

_MANDATORY = (None, "1", "+")
_MAX_MATCHERS = 512
_MAX_WORDS = 200_000


def _spec_tests(spec: dict[str, Any]) -> list[tuple[str, frozenset[str] | re.Pattern[str]]]:
    """Lexical tests (field, words or regex) that any token matching ``spec`` passes."""
    tests: list[tuple[str, frozenset[str] | re.Pattern[str]]] = []
    for attr, field in (("LOWER", "lower_"), ("ORTH", "text"), ("TEXT", "text")):
        if attr not in spec:
            continue
        value = spec[attr]
        if isinstance(value, str):
            tests.append((field, frozenset([value])))
        elif isinstance(value, dict):
            words = value.get("IN")
            if isinstance(words, list) and all(isinstance(w, str) for w in words):
                tests.append((field, frozenset(words)))
            regex = value.get("REGEX")
            if isinstance(regex, str):
                tests.append((field, re.compile(regex)))
    return tests


class PatternGate:
    """The patterns of a matcher, each with the lexical tests a window must pass for it."""

    def __init__(self, vocab: Any, patterns: list[tuple[str, list[dict[str, Any]]]], matcher: Matcher) -> None:
        """``patterns``: (key, pattern) in the order they were added to ``matcher``, one pattern each."""
        self.vocab = vocab
        self.patterns = patterns
        self.matcher = matcher
        n_tests = 0
        self.needs: list[int] = []  # per pattern: bit mask of the tests it needs
        #: field -> word -> mask of the word-list tests it passes; field -> [(bit, regex)]
        self._words: dict[str, dict[str, int]] = {"lower_": {}, "text": {}}
        #: field -> regex -> mask of the tests using it (one search per regex)
        self._regexes: dict[str, dict[re.Pattern[str], int]] = {"lower_": {}, "text": {}}
        for _, pattern in patterns:
            mask = 0
            for spec in pattern:
                if spec.get("OP") not in _MANDATORY:
                    continue
                for field, test in _spec_tests(spec):
                    bit = 1 << n_tests
                    n_tests += 1
                    mask |= bit
                    if isinstance(test, frozenset):
                        table = self._words[field]
                        for word in test:
                            table[word] = table.get(word, 0) | bit
                    else:
                        table_re = self._regexes[field]
                        table_re[test] = table_re.get(test, 0) | bit
            self.needs.append(mask)
        self._matchers: dict[tuple[int, ...], Matcher] = {}
        # pure caches: a word's mask and a window mask's matcher never change
        self._word_mask: dict[int, int] = {}
        self._by_window: dict[int, Matcher | None] = {}

    def word_masks(self, orths: set[int]) -> dict[int, int]:
        """Bit mask of the tests each distinct word (ORTH id) passes."""
        vocab, words, regexes = self.vocab, self._words, self._regexes
        out = {}
        cache = self._word_mask
        if len(cache) > _MAX_WORDS:
            cache.clear()
        for orth in orths:
            known = cache.get(orth)
            if known is not None:
                out[orth] = known
                continue
            lex = vocab[orth]
            mask = 0
            for field in ("lower_", "text"):
                value = getattr(lex, field)
                mask |= words[field].get(value, 0)
                for regex, bit in regexes[field].items():
                    if regex.search(value) is not None:
                        mask |= bit
            out[orth] = cache[orth] = mask
        return out

    def matcher_for(self, window_mask: int) -> Matcher | None:
        """The matcher of the patterns whose tests the window passes (None: no pattern)."""
        if window_mask in self._by_window:
            return self._by_window[window_mask]
        if len(self._by_window) >= _MAX_MATCHERS * 8:
            self._by_window.clear()
        self._by_window[window_mask] = found = self._matcher_for(window_mask)
        return found

    def _matcher_for(self, window_mask: int) -> Matcher | None:
        keep = tuple(k for k, need in enumerate(self.needs) if need & ~window_mask == 0)
        if not keep:
            return None
        if len(keep) == len(self.needs):
            return self.matcher
        matcher = self._matchers.get(keep)
        if matcher is None:
            if len(self._matchers) >= _MAX_MATCHERS:
                self._matchers.clear()
            matcher = Matcher(self.vocab)
            for k in keep:
                key, pattern = self.patterns[k]
                matcher.add(key, [pattern])
            self._matchers[keep] = matcher
        return matcher
