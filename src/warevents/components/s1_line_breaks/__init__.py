"""Stage 0: layout-aware tokenisation and sentence starts at line breaks.

Scraped pages glue infobox keys to their values ("LocationGegenmiao lamasery",
"DeathsOver 1,000") and put one item per line. ``customize_tokenizer`` adds
zero-width infixes that split a known infobox key from a capitalised value and
split "A/B" name pairs; the ``warevents.line_breaks`` component (placed before
the parser) starts a new sentence after every line break, so headers, list
items and infobox rows never run into the prose.
"""

from __future__ import annotations

from .component import LineBreaks
from .factory import make_line_breaks
from .tokenizer import customize_tokenizer, extra_infixes, infobox_keys

__all__ = ["LineBreaks", "customize_tokenizer", "extra_infixes", "infobox_keys", "make_line_breaks"]
