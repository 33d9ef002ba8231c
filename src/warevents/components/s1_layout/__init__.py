"""Stage 1: layout-aware tokenisation, sentence starts at line breaks, the page layout.

Scraped pages glue infobox keys to their values ("LocationGegenmiao lamasery",
"DeathsOver 1,000") and put one item per line. ``customize_tokenizer`` adds
zero-width infixes that split a known infobox key from a capitalised value and
split "A/B" name pairs; the ``warevents_layout`` component (placed before the
parser) starts a new sentence after every line break and stores paragraphs,
headings and title, infobox blocks, datelines, story breaks and reference lists
as span groups (see :mod:`.component`), read by later stages through :mod:`.read`.
"""

from __future__ import annotations

from .analysis import PageLayout, Paragraph, analyse
from .component import GROUPS, Layout
from .factory import make_layout, make_line_breaks
from .stories import dateline_at, story_starts
from .tokenizer import customize_tokenizer, extra_infixes, infobox_keys

#: the component's old name, kept for imports
LineBreaks = Layout

__all__ = ["GROUPS", "Layout", "LineBreaks", "PageLayout", "Paragraph", "analyse", "customize_tokenizer",
           "dateline_at", "extra_infixes", "infobox_keys", "make_layout", "make_line_breaks", "story_starts"]
