"""The real-text corpus: every document has a source and a licence, and the frozen test
split cannot change silently."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "annotations" / "corpus"


def _sources() -> list[dict]:
    return [json.loads(line) for line in (CORPUS / "SOURCES.jsonl").read_text(encoding="utf-8")
            .split("\n") if line.strip()]


def test_every_source_record_is_valid():
    schema = json.loads((CORPUS / "sources.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for n, rec in enumerate(_sources(), start=1):
        errors = sorted(validator.iter_errors(rec), key=str)
        assert not errors, f"SOURCES.jsonl:{n} ({rec.get('id')}): {errors[0].message}"


def test_every_corpus_text_has_a_source_and_its_hash():
    records = {r["id"]: r for r in _sources()}
    texts = {p.stem: p for p in (CORPUS / "texts").glob("*")}
    assert set(texts) == set(records), "a corpus text without a source record, or the reverse"
    for doc_id, path in texts.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == records[doc_id]["sha256"], doc_id


def test_corpus_mix_is_what_the_readme_says():
    rows = _sources()
    assert len(rows) >= 150
    assert sum(not r["war"] for r in rows) / len(rows) >= 0.30
    assert len({r["conflict"] for r in rows if r["war"]}) >= 15
    tests = [r for r in rows if r["split"] == "test"]
    assert len(tests) / len(rows) >= 0.40


def test_frozen_test_split_has_not_changed():
    manifest = json.loads((CORPUS / "TEST_MANIFEST.json").read_text(encoding="utf-8"))
    records = {r["id"]: r for r in _sources()}
    test_ids = {i for i, r in records.items() if r["split"] == "test"}
    assert test_ids == set(manifest["texts"]), "documents moved in or out of the test split"
    for doc_id, sha in manifest["texts"].items():
        got = hashlib.sha256((CORPUS / "texts" / f"{doc_id}.txt").read_bytes()).hexdigest()
        assert got == sha, f"test text {doc_id} changed"
    for doc_id, sha in manifest.get("gold", {}).items():
        path = CORPUS / "gold" / f"{doc_id}.jsonl"
        assert path.is_file(), f"test gold {doc_id} is missing"
        got = hashlib.sha256(path.read_bytes()).hexdigest()
        assert got == sha, (f"test gold {doc_id} changed: a gold change needs its reason in the "
                            "commit and a new manifest entry")
