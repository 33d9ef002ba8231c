"""The events stage's settings come from the config, not from what from_disk/from_bytes read."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

MODEL = Path(__file__).resolve().parents[1] / "models" / "warevents-default"
OVERRIDES = {"min_confidence": 0.9, "relevance_threshold": 0.7, "use_relevance": False,
             "trigger_boost": 0.1, "massacre_min_killed": 12}


def _settings(stage) -> dict:
    return {k: getattr(stage, k) for k in OVERRIDES}


@pytest.mark.skipif(not (MODEL / "config.cfg").exists(), reason="no shipped model")
def test_events_config_passed_to_load_wins_over_saved_pipeline(old_saved_model):
    """A pipeline saved with an old cfg.json of settings: it no longer overrides."""
    assert (old_saved_model / "warevents_events" / "cfg.json").exists()
    nlp = spacy.load(old_saved_model, config={"components": {"warevents_events": OVERRIDES}})
    stage = nlp.get_pipe("warevents_events")
    assert _settings(stage) == OVERRIDES
    assert stage.relevance_data is not None  # the saved relevance model is still read


def test_events_to_disk_writes_no_settings_and_round_trips(tmp_path):
    from warevents.pipeline import build_pipeline

    built = build_pipeline()
    built.get_pipe("warevents_events").data["types"][0]["rank"] = 77
    built.to_disk(tmp_path / "p")
    assert not (tmp_path / "p" / "warevents_events" / "cfg.json").exists()
    loaded = spacy.load(tmp_path / "p", config={"components": {"warevents_events": OVERRIDES}})
    stage = loaded.get_pipe("warevents_events")
    assert _settings(stage) == OVERRIDES
    assert stage.data["types"][0]["rank"] == 77  # data tables come from disk


def test_events_from_bytes_keeps_settings_and_reads_data():
    from warevents.pipeline import build_pipeline

    nlp = build_pipeline()
    source = nlp.get_pipe("warevents_events")
    source.data["types"][0]["rank"] = 55
    data = source.to_bytes()
    target = nlp.create_pipe("warevents_events", config=OVERRIDES)
    target.from_bytes(data)
    assert _settings(target) == OVERRIDES
    assert target.data["types"][0]["rank"] == 55
    assert target.relevance_data == source.relevance_data
