"""Coded error and warning messages, in the style of ``spacy.errors``.

Every message a user can see lives here, so it can be searched for and
filtered by its code::

    raise ValueError(Errors.E001.format(path=path, line=3, reason="bad JSON"))
"""

from __future__ import annotations


class _Messages(type):
    def __getattribute__(cls, code: str) -> str:  # noqa: N805
        msg = super().__getattribute__(code)
        if code.startswith("_"):
            return msg
        return f"[{code}] {msg}"


class Warnings(metaclass=_Messages):
    W001 = "{path}: {n} span(s) did not align to token boundaries and were {action}."
    W002 = "{path}: document has {n_chars} characters; processing it in {n_chunks} chunks."
    W003 = "No war-relevance model in the pipeline; every paragraph is treated as war-related."
    W004 = "No shipped default model is installed; using the rule pipeline on {base}."


class Errors(metaclass=_Messages):
    E001 = "{path}:{line}: {reason}"
    E002 = "{path}: cannot decode as text ({reason}); skipped."
    E003 = "{path}: looks like a binary file, not text; skipped."
    E004 = "Path does not exist: {path}"
    E005 = "{path}:{line}: span [{start}, {end}) '{text}' does not align to token boundaries."
    E006 = "Unknown label '{label}'. Expected one of: {labels}."
    E007 = "Output {path} exists; pass --overwrite to replace it."
    E008 = "Cannot load model '{model}': {reason}"
    E009 = "{path}: gold text hash does not match its text (expected {expected}, got {got})."
    E010 = "{path}:{line}: span offsets [{start}, {end}) do not match its text: '{got}' != '{text}'."
    E011 = "Unsupported output format '{fmt}'. Expected one of: {formats}."
    E012 = "Data file {path} is missing from the package: {reason}"
    E013 = "No documents found in {paths}."
    E014 = "Training failed: {reason}. The previous model at {path} was left untouched."
    E015 = "{path}: {reason}; skipped."
    E016 = "Output {path} is also an input; it would be overwritten before it is read. Choose another -o."
    E017 = "{path}: processing failed ({reason}); skipped."
    E018 = "{path}: gave up after {seconds:g} s (the per-document time budget, --time-budget); skipped."
    E019 = "{path}:{line}: not a warevents record ({reason}); cannot --resume into this file."
    # E030-E039: outputs, imports and the CLI (io/, cli/, training/formats)
    E030 = "--format {fmt} needs the '{package}' package: pip install {package}"
    E031 = "--format {fmt} writes a binary file; give an output file with -o."
    E032 = "Unsupported annotation format '{fmt}'. Expected one of: {formats}."
    E033 = "-o {path} has the extension of {ext_fmt}, but --format is {fmt}; change one of them."
    E034 = "Bad --label-map item '{item}': expected FROM=TO (TO one of {labels}, or '-' to drop FROM)."
    E035 = "Map it with --label-map {label}=PLACE (or {label}=- to drop it), or pass --drop-unknown."
    # E040-E049: training (kept apart from the numbers other stages add).
    E040 = ("{n} training document(s) belong to the frozen test split ({docs}); "
            "train with --split dev, or pass --allow-test to train on them anyway.")
