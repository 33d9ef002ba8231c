"""`warevents train` on the corpus: splits, the rules + model policy chosen by CV, the
model card and ``spacy package`` (training tests are slow: a few steps on tiny data)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy
import pytest
import spacy
from typer.testing import CliRunner

from warevents.cli import app
from warevents.components.common import CANDIDATES, MODEL_ENTS
from warevents.components.s7_resolve import ResolveEnts
from warevents.training.cv import choose_policy, format_cv
from warevents.training.formats import read_annotations
from warevents.training.splits import HeldOutSplitError, select_split
from warevents.training.train import model_spans_decision

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
FEW_STEPS = ["--training.max_steps", "3", "--training.eval_frequency", "3"]

# Our own short texts: (doc_id, split, text, spans as (text, label, norm)).
CORPUS = [
    ("d1_hue", "dev", "In February 1968, the 1st Marine Division fought in Hue.",
     [("February 1968", "DATE", {"start": "1968-02-01", "end": "1968-02-29", "precision": "month"}),
      ("1st Marine Division", "MILITARY_UNIT", None),
      ("Hue", "PLACE", {"canonical": "Hue", "modern": None})]),
    ("d2_mosul", "dev", "On 17 October 2016, the Iraqi 9th Armoured Division moved on Mosul.",
     [("17 October 2016", "DATE", {"start": "2016-10-17", "end": "2016-10-17", "precision": "day"}),
      ("9th Armoured Division", "MILITARY_UNIT", None),
      ("Mosul", "PLACE", {"canonical": "Mosul", "modern": None})]),
    ("t1_goma", "test", "In November 2012, M23 fighters entered Goma; 12 civilians were killed.",
     [("November 2012", "DATE", {"start": "2012-11-01", "end": "2012-11-30", "precision": "month"}),
      ("Goma", "PLACE", {"canonical": "Goma", "modern": None}),
      ("12 civilians", "CASUALTY", {"kind": "killed", "low": 12, "high": None,
                                    "qualifier": None})]),
]


def _write_corpus(root: Path) -> Path:
    """A corpus folder as annotations/corpus is laid out: gold/ and SOURCES.jsonl beside it."""
    gold = root / "gold"
    gold.mkdir(parents=True)
    sources = []
    for doc_id, split, text, spans in CORPUS:
        lines = [{"type": "document", "doc_id": doc_id, "source": f"texts/{doc_id}.txt",
                  "text": text, "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
                  "doc_date": None}]
        for span_text, label, norm in spans:
            start = text.index(span_text)
            lines.append({"type": "span", "start": start, "end": start + len(span_text),
                          "label": label, "text": span_text, "norm": norm})
        (gold / f"{doc_id}.jsonl").write_text(
            "".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
        sources.append({"id": doc_id, "split": split, "licence": "CC BY-SA 4.0"})
    (root / "SOURCES.jsonl").write_text("".join(json.dumps(s) + "\n" for s in sources),
                                        encoding="utf-8")
    return gold


# ---------------------------------------------------------------- splits


def test_training_split_dev_keeps_dev_and_unsplit_documents(tmp_path):
    gold = _write_corpus(tmp_path / "corpus")
    docs = read_annotations([gold, FIXTURES / "doccano.jsonl"])
    kept = [d.doc_id for d in select_split(docs, "dev")]
    assert "t1_goma" not in kept
    assert {"d1_hue", "d2_mosul"} <= set(kept)
    assert len(kept) == len(docs) - 1  # the doccano documents have no split: kept


def test_training_refuses_test_split_documents_unless_allowed(tmp_path):
    gold = _write_corpus(tmp_path / "corpus")
    docs = read_annotations([gold])
    with pytest.raises(HeldOutSplitError, match=r"\[E040\] 1 training document.*t1_goma"):
        select_split(docs, "all")
    assert [d.doc_id for d in select_split(docs, "all", allow_test=True)] == [
        "d1_hue", "d2_mosul", "t1_goma"]
    # A single test file given by name is refused too.
    with pytest.raises(HeldOutSplitError):
        select_split(read_annotations([gold / "t1_goma.jsonl"]), "all")


def test_training_cli_refuses_test_split_before_any_work(tmp_path):
    gold = _write_corpus(tmp_path / "corpus")
    out = tmp_path / "model"
    result = CliRunner().invoke(app, ["train", str(gold), "--output", str(out), "--quiet"])
    assert result.exit_code == 2, result.output
    assert "[E040]" in result.output and "--split dev" in result.output
    assert not out.exists()


# ---------------------------------------------------------------- resolver policy


def _doc_with_rules_and_model():
    nlp = spacy.blank("en")
    doc = nlp("Shelling by the 3rd Brigade near Kupiansk killed 4 people on Friday .")
    doc.spans[CANDIDATES["DATE"]] = [doc.char_span(61, 67, label="DATE")]
    doc.spans[CANDIDATES["MILITARY_UNIT"]] = [doc.char_span(16, 27, label="MILITARY_UNIT")]
    model = [doc.char_span(33, 41, label="PLACE"),      # Kupiansk, rules silent
             doc.char_span(49, 57, label="CASUALTY"),   # 4 people, rules silent
             doc.char_span(16, 27, label="PLACE")]      # clashes with a rule unit
    doc.spans[MODEL_ENTS] = model
    doc.spans[MODEL_ENTS].attrs["scores"] = numpy.array([[0.95], [0.6], [0.99]])
    return nlp, doc


def _ents(doc):
    return [(e.text, e.label_) for e in doc.ents]


def test_resolve_model_adds_where_rules_are_silent_and_never_relabels():
    nlp, doc = _doc_with_rules_and_model()
    assert _ents(ResolveEnts(nlp)(doc)) == [
        ("3rd Brigade", "MILITARY_UNIT"), ("Kupiansk", "PLACE"), ("4 people", "CASUALTY"),
        ("Friday", "DATE")]


def test_resolve_model_threshold_and_labels_restrict_the_model():
    nlp, doc = _doc_with_rules_and_model()
    assert _ents(ResolveEnts(nlp, min_model_score=0.7)(doc)) == [
        ("3rd Brigade", "MILITARY_UNIT"), ("Kupiansk", "PLACE"), ("Friday", "DATE")]
    assert _ents(ResolveEnts(nlp, model_labels=["CASUALTY"])(doc)) == [
        ("3rd Brigade", "MILITARY_UNIT"), ("4 people", "CASUALTY"), ("Friday", "DATE")]
    assert _ents(ResolveEnts(nlp, use_model=False)(doc)) == [
        ("3rd Brigade", "MILITARY_UNIT"), ("Friday", "DATE")]


def test_resolve_policy_is_configurable_from_spacy_config():
    nlp = spacy.blank("en")
    pipe = nlp.add_pipe("warevents_resolve_ents",
                        config={"model_labels": ["PLACE"], "min_model_score": 0.5})
    assert pipe.model_labels == ["PLACE"] and pipe.min_model_score == 0.5


# ---------------------------------------------------------------- policy choice


def _cv(micro: dict[str, float]) -> dict:
    systems = {}
    for name, f1 in micro.items():
        policy = None if name == "model-only" else {"use_model": name != "rules-only"}
        if name.startswith("model+rules>=0.9"):
            policy["min_model_score"] = 0.9
        row = {lab: {"precision": f1, "recall": f1, "f1": f1}
               for lab in ("MILITARY_UNIT", "PLACE", "DATE", "CASUALTY", "micro")}
        systems[name] = {"policy": policy, "pooled": row,
                         "per_fold": {lab: {"mean": f1, "sd": 0.0} for lab in row}}
    return {"k": 4, "seed": 0, "n_docs": 40, "systems": systems}


def test_training_policy_is_the_best_cv_combination_rules_win_ties():
    cv = _cv({"rules-only": 0.80, "model-only": 0.95, "model+rules": 0.78,
              "model+rules>=0.9": 0.83})
    assert choose_policy(cv) == ("model+rules>=0.9", {"use_model": True, "min_model_score": 0.9})
    name, _, why = model_spans_decision("auto", cv)
    assert name == "model+rules>=0.9" and "0.830" in why
    tie = _cv({"rules-only": 0.80, "model-only": 0.5, "model+rules": 0.80})
    assert model_spans_decision("auto", tie)[:2] == ("rules-only", {"use_model": False})
    assert model_spans_decision("on", tie)[1] == {"use_model": True}
    assert model_spans_decision("off", cv)[1] == {"use_model": False}
    with pytest.raises(ValueError):
        model_spans_decision("maybe", None)
    table = format_cv(cv)
    assert "rules-only" in table and "model-only" in table and "0.830" in table


# ---------------------------------------------------------------- a trained model


@pytest.fixture(scope="module")
def cv_trained(tmp_path_factory):
    """Trained through the CLI with --split dev and --cv 2 on our corpus + a fixture file."""
    root = tmp_path_factory.mktemp("cvtrain")
    gold = _write_corpus(root / "corpus")
    out = root / "models" / "m"
    args = ["train", str(gold), str(FIXTURES / "warevents"), "--split", "dev", "--cv", "2",
            "--output", str(out), "--seed", "0", "--quiet", *FEW_STEPS]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.slow
def test_training_split_dev_never_trains_on_test_documents(cv_trained):
    meta = json.loads((cv_trained / "meta.json").read_text(encoding="utf-8"))["warevents"]
    assert "t1_goma" not in meta["doc_ids"] and {"d1_hue", "d2_mosul"} <= set(meta["doc_ids"])
    assert not any("t1_goma" in f for f in meta["data_files"])
    assert meta["split"] == "dev"
    assert meta["data_licences"]["CC BY-SA 4.0"] == 2


@pytest.mark.slow
def test_training_card_and_meta_are_ready_to_package(cv_trained):
    meta = json.loads((cv_trained / "meta.json").read_text(encoding="utf-8"))
    assert meta["license"] == "MIT" and meta["author"]
    assert any(r.startswith("warevents>=0.1") for r in meta["requirements"])
    perf = meta["performance"]
    assert set(perf) == {"ents_p", "ents_r", "ents_f", "ents_per_type"}  # no zeroed scores
    cv = meta["warevents"]["cv"]
    shipped = meta["warevents"]["shipped_system"]
    assert perf["ents_f"] == cv["systems"][shipped]["pooled"]["micro"]["f1"]
    card = (cv_trained / "README.md").read_text(encoding="utf-8")
    assert "| label | rules-only | model-only | model+rules |" in card
    assert "Licence: MIT" in card and "warevents>=0.1" in card
    config = (cv_trained / "config.cfg").read_text(encoding="utf-8")
    assert ".tmp-" not in config and str(cv_trained.parent) not in config
    # The saved resolver runs the policy the card names.
    nlp = spacy.load(cv_trained)
    resolver = nlp.get_pipe("warevents_resolve_ents")
    policy = meta["warevents"]["policy"]
    assert resolver.use_model == policy["use_model"]
    assert resolver.min_model_score == policy["min_model_score"]
    assert ("warevents_spancat" in nlp.disabled) == (not policy["use_model"])


@pytest.mark.slow
def test_training_spacy_package_builds_an_installable_package(cv_trained, tmp_path):
    """`spacy package` on a trained model makes an sdist that pip installs and spaCy loads."""
    pytest.importorskip("wheel")  # pip builds the sdist with the installed setuptools + wheel
    dist = tmp_path / "dist"
    dist.mkdir()
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    subprocess.run([sys.executable, "-m", "spacy", "package", str(cv_trained), str(dist),
                    "--build", "sdist", "--force"], check=True, capture_output=True, env=env)
    sdists = list(dist.rglob("*.tar.gz"))
    assert [p.name for p in sdists] == ["en_warevents_trained-0.1.0.tar.gz"]
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index",
                    "--no-build-isolation", "--target", str(site), str(sdists[0])],
                   check=True, capture_output=True, env=env)
    code = ("import spacy, json; nlp = spacy.load('en_warevents_trained'); "
            "doc = nlp('On 6 June 1944, the 1st Infantry Division landed near Vierville.'); "
            "print(json.dumps([[e.text, e.label_] for e in doc.ents]))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, cwd=tmp_path, env={**env, "PYTHONPATH": str(site)})
    ents = json.loads(out.stdout.strip().splitlines()[-1])
    assert ["6 June 1944", "DATE"] in ents and ["1st Infantry Division", "MILITARY_UNIT"] in ents
    requires = (site / "en_warevents_trained-0.1.0.dist-info" / "METADATA").read_text()
    assert "Requires-Dist: warevents" in requires
    shutil.rmtree(site, ignore_errors=True)
