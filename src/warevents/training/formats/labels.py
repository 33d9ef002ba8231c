"""Label maps for imported annotations: ``--label-map PERSON=-,GPE=PLACE`` and ``--drop-unknown``.

Annotation exports carry their own label sets (PERSON, GPE, LOC, Location...).
A :class:`LabelPolicy` says which of them become which warevents label, which
are dropped (``-``), and what happens to the rest: an error naming the label
(default) or, with ``drop_unknown``, dropped. It also counts what it saw, for
the summary printed before training.

>>> policy = LabelPolicy.parse("GPE=PLACE, LOC=PLACE, PERSON=-")
>>> policy.apply("GPE"), policy.apply("PERSON"), policy.apply("DATE")
('PLACE', None, 'DATE')
>>> policy.found["GPE"], policy.dropped["PERSON"]
(1, 1)
"""

from __future__ import annotations

import contextlib
import contextvars
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ...errors import Errors
from ...schemas import LABELS

DROP = "-"


class UnknownLabel(ValueError):
    """A label that is neither one of ours nor mapped (and --drop-unknown is off)."""

    def __init__(self, label: str) -> None:
        super().__init__(label)
        self.label = label


@dataclass
class LabelPolicy:
    mapping: dict[str, str] = field(default_factory=dict)
    drop_unknown: bool = False
    found: Counter = field(default_factory=Counter)
    mapped: Counter = field(default_factory=Counter)  # (from, to) -> n
    dropped: Counter = field(default_factory=Counter)

    @classmethod
    def parse(cls, items: str | Iterable[str] | None = None, *, drop_unknown: bool = False) -> LabelPolicy:
        """``"A=B,C=-"`` (or a list of such strings, as a repeated CLI option)."""
        if items is None:
            items = []
        elif isinstance(items, str):
            items = [items]
        labels = ", ".join(LABELS)
        mapping: dict[str, str] = {}
        for chunk in items:
            for item in chunk.split(","):
                item = item.strip()
                if not item:
                    continue
                src, sep, dst = (part.strip() for part in item.partition("="))
                if not sep or not src or (dst != DROP and dst not in LABELS):
                    raise ValueError(Errors.E034.format(item=item, labels=labels))
                mapping[src] = dst
        return cls(mapping=mapping, drop_unknown=drop_unknown)

    def apply(self, label: str) -> str | None:
        """Our label for ``label``, or None to drop the span; raises :class:`UnknownLabel`."""
        self.found[label] += 1
        target = self.mapping.get(label)
        if target is None:
            if label in LABELS:
                return label
            if not self.drop_unknown:
                raise UnknownLabel(label)
            target = DROP
        if target == DROP:
            self.dropped[label] += 1
            return None
        if target != label:
            self.mapped[(label, target)] += 1
        return target

    def summary(self) -> str:
        """Labels found, mapped and dropped: printed before any training starts."""
        lines = ["labels found: " + (", ".join(f"{k} {n}" for k, n in sorted(self.found.items()))
                                     or "none")]
        if self.mapped:
            lines.append("mapped: " + ", ".join(f"{a} -> {b} {n}" for (a, b), n in sorted(self.mapped.items())))
        if self.dropped:
            lines.append("dropped: " + ", ".join(f"{k} {n}" for k, n in sorted(self.dropped.items())))
        kept = Counter()
        for label, n in self.found.items():
            target = self.mapping.get(label, label if label in LABELS else DROP)
            if target != DROP:
                kept[target] += n
        lines.append("training labels: " + (", ".join(f"{k} {kept[k]}" for k in LABELS if kept[k])
                                          or "none"))
        return "\n".join(lines)


_CURRENT: contextvars.ContextVar[LabelPolicy | None] = contextvars.ContextVar(
    "warevents_label_policy", default=None)


def current_policy() -> LabelPolicy | None:
    return _CURRENT.get()


@contextlib.contextmanager
def use_labels(policy: LabelPolicy | None) -> Iterator[LabelPolicy | None]:
    """Every reader inside the block maps labels through ``policy`` (used by the CLI, which
    hands paths to :func:`warevents.training.train.train`, which reads them itself)."""
    token = _CURRENT.set(policy)
    try:
        yield policy
    finally:
        _CURRENT.reset(token)
