"""Inline span markup for readable examples and tests.

>>> text, spans = parse_markup("on <DATE start='1945-08-17'>Aug. 17</DATE>, "
...                            "<CASUALTY kind='killed' low=18>18 people</CASUALTY> died")
>>> text
'on Aug. 17, 18 people died'
>>> spans[1]
{'label': 'CASUALTY', 'start': 12, 'end': 21, 'text': '18 people', 'attrs': {'kind': 'killed', 'low': 18}}
"""

from __future__ import annotations

import ast
import re
from typing import Any

_TAG = re.compile(r"<(/?)([A-Z_]+)((?:\s+[a-z_]+=(?:'[^']*'|\"[^\"]*\"|[^\s>]+))*)\s*>")
_ATTR = re.compile(r"([a-z_]+)=('[^']*'|\"[^\"]*\"|[^\s>]+)")


def _value(raw: str) -> Any:
    if raw[0] in "'\"":
        return raw[1:-1]
    if raw in ("None", "null"):
        return None
    try:
        return ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return raw


def parse_markup(marked: str) -> tuple[str, list[dict[str, Any]]]:
    """Strip ``<LABEL attr=value>text</LABEL>`` tags; return text and spans (not nested)."""
    out: list[str] = []
    spans: list[dict[str, Any]] = []
    pos = 0
    length = 0
    open_: dict[str, Any] | None = None
    for m in _TAG.finditer(marked):
        chunk = marked[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, label, attrs = m.group(1), m.group(2), m.group(3)
        if not closing:
            if open_ is not None:
                raise ValueError(f"nested tag <{label}> inside <{open_['label']}>")
            open_ = {
                "label": label,
                "start": length,
                "attrs": {k: _value(v) for k, v in _ATTR.findall(attrs)},
            }
        else:
            if open_ is None or open_["label"] != label:
                raise ValueError(f"unexpected </{label}>")
            text = "".join(out)
            spans.append(
                {
                    "label": label,
                    "start": open_["start"],
                    "end": length,
                    "text": text[open_["start"] : length],
                    "attrs": open_["attrs"],
                }
            )
            open_ = None
    out.append(marked[pos:])
    if open_ is not None:
        raise ValueError(f"unclosed <{open_['label']}>")
    return "".join(out), spans
