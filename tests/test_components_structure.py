"""Shape of the span components: pipeline order in the tree, file sizes, config vs disk."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import spacy

from warevents.components import PIPELINE_ORDER

COMPONENTS = Path(__file__).resolve().parents[1] / "src" / "warevents" / "components"
MODEL = Path(__file__).resolve().parents[1] / "models" / "warevents-default"


def test_components_folders_show_pipeline_order():
    stages = sorted(p.name for p in COMPONENTS.iterdir() if p.is_dir() and p.name[:1] == "s")
    assert stages == [folder for _, folder in PIPELINE_ORDER]
    for factory, folder in PIPELINE_ORDER:
        assert (COMPONENTS / folder / "factory.py").exists()
        module = importlib.import_module(f"warevents.components.{folder}.factory")
        assert any(getattr(f, "__name__", "").startswith("make_") for f in vars(module).values())
        assert factory in spacy.registry.factories.get_all() or spacy.blank("en").has_factory(factory)


def test_components_no_module_over_500_lines():
    sizes = {p.relative_to(COMPONENTS): len(p.read_text(encoding="utf-8").splitlines())
             for p in COMPONENTS.rglob("*.py")}
    assert {p: n for p, n in sizes.items() if n > 500} == {}


def test_components_pipeline_order_matches_built_pipeline(nlp):
    names = [name for name in nlp.pipe_names if name.startswith("warevents_")]
    assert [n for n in names if n != "warevents_events"] == [f for f, _ in PIPELINE_ORDER]


@pytest.mark.skipif(not (MODEL / "config.cfg").exists(), reason="no shipped model")
def test_components_config_passed_to_load_wins_over_saved_pipeline():
    """spacy.load(..., config=...) settings are not overwritten by what from_disk reads."""
    overrides = {
        "components": {
            "warevents_places": {"geonames": False, "ner_labels": ["GPE"]},
            "warevents_dates": {"date_order": "DMY", "use_ner": False},
        }
    }
    nlp = spacy.load(MODEL, config=overrides)
    places, dates = nlp.get_pipe("warevents_places"), nlp.get_pipe("warevents_dates")
    assert places.use_geonames is False and places.ner_labels == {"GPE"}
    assert dates.date_order == "DMY" and dates.normaliser.date_order == "DMY"
    assert dates.use_ner is False


def test_components_to_disk_round_trip_keeps_config_and_data(tmp_path, nlp):
    """A re-saved pipeline loads with the config given at load time and its own data."""
    from warevents.pipeline import build_pipeline

    built = build_pipeline(events=False)
    built.get_pipe("warevents_places").data["place_rules"].append(
        {"kind": "numbered_height", "word": "Kopje"}
    )
    built.to_disk(tmp_path / "p")
    assert (tmp_path / "p" / "warevents_places" / "place_rules.jsonl").exists()
    loaded = spacy.load(
        tmp_path / "p", config={"components": {"warevents_places": {"geonames": False}}}
    )
    places = loaded.get_pipe("warevents_places")
    assert places.use_geonames is False
    assert "Kopje" in places.numbered_heights
