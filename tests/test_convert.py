"""Imports of real annotation exports (tests/fixtures/exports/SOURCES.md): detection, label
maps, `warevents convert` to gold JSONL, and `warevents train` on them with a label map."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warevents.cli import app
from warevents.training.formats import (
    AnnotationError,
    LabelPolicy,
    detect_format,
    read_annotations,
    read_warevents,
)

runner = CliRunner()
EXPORTS = Path(__file__).parent / "fixtures" / "exports"
FILES = {  # file -> (detected format, documents, labels found)
    "prodigy_ner_manual.jsonl": ("prodigy", 6, {"Location": 4, "Hours": 2, "Cuisine": 3,
                                                "Rating": 2, "Amenity": 1, "Dish": 1, "Price": 1}),
    "prodigy_spans.jsonl": ("prodigy", 4, {"ORG": 4}),
    "labelstudio_completions.json": ("labelstudio", 1, {"INGREDIENT": 38}),
    "labelstudio_min.json": ("labelstudio-min", 1, {"INGREDIENT": 38}),
    "labelstudio.conll": ("conll", 1, {"INGREDIENT": 38}),
    "doccano_label.jsonl": ("doccano", 3, {"ORG": 1, "MISC": 1, "PERSON": 2}),
    "doccano_entities.jsonl": ("doccano", 1, {"ORG": 1, "DATE": 1, "PERSON": 2}),
    "doccano_pretty.jsonl": ("doccano", 1, {"ORG": 1, "DATE": 1, "PERSON": 2}),
}
LABEL_MAP = "Location=PLACE,Hours=DATE,ORG=-,PERSON=-,MISC=-"


@pytest.mark.parametrize("name", sorted(FILES))
def test_convert_reads_each_real_export(name):
    fmt, n_docs, found = FILES[name]
    path = EXPORTS / name
    assert detect_format(path) == fmt
    policy = LabelPolicy.parse(drop_unknown=True)
    docs = read_annotations([path], policy=policy)
    assert len(docs) == n_docs
    assert dict(policy.found) == found
    assert sum(len(d.spans) for d in docs) == found.get("DATE", 0)  # the only label of ours


def test_convert_unknown_label_names_file_label_and_the_fix():
    with pytest.raises(AnnotationError) as err:
        read_annotations([EXPORTS / "doccano_label.jsonl"])
    message = str(err.value)
    assert "doccano_label.jsonl:1" in message and "[E006] Unknown label 'ORG'" in message
    assert "--label-map ORG=PLACE" in message and "--drop-unknown" in message


def test_convert_label_map_renames_and_drops():
    policy = LabelPolicy.parse([LABEL_MAP])
    docs = read_annotations([EXPORTS / "prodigy_ner_manual.jsonl"], policy=policy.__class__.parse(
        [LABEL_MAP], drop_unknown=True))
    spans = [(d.text[s.start:s.end], s.label) for d in docs for s in d.spans]
    assert ("around", "PLACE") in spans and ("open before 5", "DATE") in spans
    assert {label for _, label in spans} == {"PLACE", "DATE"}
    with pytest.raises(ValueError, match="E034"):
        LabelPolicy.parse("GPE=TOWN")
    with pytest.raises(ValueError, match="E034"):
        LabelPolicy.parse("GPE")


def test_convert_conll_rebuilds_text_and_spans():
    doc = read_annotations([EXPORTS / "labelstudio.conll"],
                           policy=LabelPolicy.parse("INGREDIENT=PLACE"))[0]
    assert doc.text.startswith("-Antioxidant Vitamins : Contain natural amino acids")
    texts = [doc.text[s.start:s.end] for s in doc.spans]
    assert "Aqua ( Water )" in texts and "Limonene" in texts
    assert len(texts) == 38


def test_convert_label_studio_json_min_and_json_agree():
    policy = "INGREDIENT=PLACE"
    full = read_annotations([EXPORTS / "labelstudio_completions.json"], policy=LabelPolicy.parse(policy))
    mini = read_annotations([EXPORTS / "labelstudio_min.json"], policy=LabelPolicy.parse(policy))
    assert full[0].text == mini[0].text
    assert {(s.start, s.end) for s in full[0].spans} == {(s.start, s.end) for s in mini[0].spans}


def test_convert_cli_writes_gold_that_reads_back(tmp_path):
    out = tmp_path / "gold"
    result = runner.invoke(app, ["convert", str(EXPORTS), "-o", str(out), "--label-map", LABEL_MAP,
                                 "--label-map", "INGREDIENT=MILITARY_UNIT", "--drop-unknown"])
    assert result.exit_code == 0, result.output
    assert "labels found:" in result.output and "mapped: Hours -> DATE 2" in result.output
    assert "dropped:" in result.output and "18 document(s)" in result.output
    files = sorted(out.glob("*.jsonl"))
    assert len(files) == 18
    back = [d for f in files for d in read_warevents(f)]
    labels = {s.label for d in back for s in d.spans}
    assert labels == {"PLACE", "DATE", "MILITARY_UNIT"}
    date = next(json.loads(line) for f in files for line in f.read_text().splitlines()
                if '"September 4, 1998"' in line)
    assert date["norm"] == {"start": "1998-09-04", "end": "1998-09-04", "precision": "day"}


def test_convert_cli_bad_input_exits_2(tmp_path):
    result = runner.invoke(app, ["convert", str(EXPORTS / "doccano_label.jsonl"), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "Unknown label 'ORG'" in result.output
    result = runner.invoke(app, ["convert", str(EXPORTS), "-o", str(tmp_path), "--label-map", "X"])
    assert result.exit_code == 2 and "E034" in result.output


@pytest.mark.slow
def test_convert_train_on_every_real_export_with_a_label_map(tmp_path):
    out = tmp_path / "model"
    result = runner.invoke(app, [
        "train", str(EXPORTS), "--output", str(out), "--label-map", LABEL_MAP, "--label-map",
        "INGREDIENT=-", "--drop-unknown", "-q", "--training.max_steps", "3",
        "--training.eval_frequency", "3"])
    assert result.exit_code == 0, result.output
    assert (out / "meta.json").exists()
    meta = json.loads((out / "meta.json").read_text())
    assert meta["warevents"]["n_spans_per_label"]["PLACE"] == 4
    assert meta["warevents"]["n_docs"] == 18


def test_convert_train_cli_prints_label_summary_before_training(tmp_path):
    # a bad label map fails before any training; without one, the unknown label is named
    result = runner.invoke(app, ["train", str(EXPORTS / "prodigy_spans.jsonl"), "--output",
                                 str(tmp_path / "m")])
    assert result.exit_code == 2 and "Unknown label 'ORG'" in result.output
    assert not (tmp_path / "m").exists()
