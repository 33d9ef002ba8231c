"""Final stage of span tagging: resolve overlaps and write ``doc.ents``.

Reads the candidate span groups of the four rule components (and, in a
trained pipeline, the statistical NER's group ``warevents_model``), keeps the
pretrained entities in ``doc.spans["spacy_ents"]`` for the event layer, and
writes a non-overlapping selection with exactly the four warevents labels.

Overlap policy (documented in the README): longer spans win; on equal length
the label earlier in ``priority`` wins; on equal length and label, rules win
over the model unless ``prefer_model`` is set. A model span is only kept
where it does not overlap a rule span of a *different* label, so the model
adds recall where the rules are silent without overruling their labels.
Which model spans are considered at all is the trained model's policy, chosen
by cross-validation in ``warevents train``: ``model_labels`` (the labels the
model may add; None: all) and ``min_model_score`` (spancat's probability).
"""

from __future__ import annotations

from .component import DEFAULT_PRIORITY, ResolveEnts
from .factory import make_resolve_ents

__all__ = ["DEFAULT_PRIORITY", "ResolveEnts", "make_resolve_ents"]
