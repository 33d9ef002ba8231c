"""The gold loader's checks, and the shipped gold files themselves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warevents.evaluation.gold import (
    GoldDoc,
    GoldError,
    GoldSpan,
    dump_gold,
    gold_lines,
    load_gold_dir,
    load_gold_file,
    sha256,
)

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "annotations" / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*.jsonl")) if GOLD_DIR.is_dir() else []

TEXT = "On 9 August 1945 the Soviet 39th Army entered Hailar; 18 people were killed."


def _doc(**changes) -> GoldDoc:
    doc = GoldDoc(
        doc_id="t1",
        text=TEXT,
        text_sha256=sha256(TEXT),
        source="seeds/t1.txt",
        doc_date=None,
        spans=[
            GoldSpan(
                3,
                16,
                "DATE",
                "9 August 1945",
                {"start": "1945-08-09", "end": "1945-08-09", "precision": "day"},
            ),
            GoldSpan(21, 37, "MILITARY_UNIT", "Soviet 39th Army", None),
            GoldSpan(46, 52, "PLACE", "Hailar", {"canonical": "Hailar", "modern": None}),
            GoldSpan(
                54,
                63,
                "CASUALTY",
                "18 people",
                {"kind": "killed", "low": 18, "high": 18, "qualifier": None},
            ),
        ],
        events=[
            {
                "type": "event",
                "id": "E1",
                "event_type": "KILLING",
                "date": None,
                "location": "Hailar",
                "perpetrators": [],
                "victims": "people",
                "counts": {"killed": {"low": 18, "high": 18}},
                "evidence": [[54, 76]],
            }
        ],
        paragraphs=[{"type": "paragraph", "start": 0, "end": len(TEXT), "war_related": True}],
    )
    for key, value in changes.items():
        setattr(doc, key, value)
    return doc


def _write(tmp_path: Path, lines: list[dict], name: str = "t1.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def test_gold_loader_round_trips_a_valid_file(tmp_path):
    path = tmp_path / "t1.jsonl"
    dump_gold(_doc(), path)
    loaded = load_gold_file(path)
    assert loaded.doc_id == "t1"
    assert [s.label for s in loaded.spans] == ["DATE", "MILITARY_UNIT", "PLACE", "CASUALTY"]
    assert loaded.events[0]["event_type"] == "KILLING"
    assert loaded.paragraphs[0]["war_related"] is True


def _expect_error(tmp_path: Path, lines: list[dict] | str, line: int, *fragments: str) -> None:
    if isinstance(lines, str):
        path = tmp_path / "t1.jsonl"
        path.write_text(lines, encoding="utf-8")
    else:
        path = _write(tmp_path, lines)
    with pytest.raises(GoldError) as info:
        load_gold_file(path)
    message = str(info.value)
    assert f"{path}:{line}" in message
    assert info.value.line == line
    for fragment in fragments:
        assert fragment in message


def test_gold_loader_rejects_bad_json_with_file_and_line(tmp_path):
    lines = [json.dumps(line) for line in gold_lines(_doc())]
    lines[2] = lines[2][:-5]
    _expect_error(tmp_path, "\n".join(lines) + "\n", 3, "[E001]", "invalid JSON")


def test_gold_loader_rejects_text_offset_mismatch(tmp_path):
    lines = gold_lines(_doc())
    lines[3]["start"] += 1  # the PLACE span no longer covers "Hailar"
    _expect_error(tmp_path, lines, 4, "[E010]", "Hailar")


def test_gold_loader_rejects_wrong_hash(tmp_path):
    lines = gold_lines(_doc())
    lines[0]["text_sha256"] = "0" * 64
    _expect_error(tmp_path, lines, 1, "[E009]")


def test_gold_loader_rejects_schema_violations(tmp_path):
    lines = gold_lines(_doc())
    lines[4]["norm"]["kind"] = "injured"  # not a casualty kind
    _expect_error(tmp_path, lines, 5, "[E001]", "schema")


def test_gold_loader_rejects_unknown_label(tmp_path):
    lines = gold_lines(_doc())
    lines[2]["label"] = "UNIT"
    _expect_error(tmp_path, lines, 3, "UNIT")


def test_gold_loader_rejects_same_label_overlap(tmp_path):
    doc = _doc()
    doc.spans.append(GoldSpan(28, 37, "MILITARY_UNIT", "39th Army", None))
    _expect_error(tmp_path, gold_lines(doc), 6, "overlaps", "line 3")


def test_gold_loader_accepts_different_label_overlap(tmp_path):
    doc = _doc()
    doc.spans.append(
        GoldSpan(21, 27, "PLACE", "Soviet", {"canonical": "Soviet Union", "modern": None})
    )
    path = tmp_path / "t1.jsonl"
    dump_gold(doc, path)
    assert len(load_gold_file(path).spans) == 5


def test_gold_loader_rejects_evidence_outside_text(tmp_path):
    lines = gold_lines(_doc())
    lines[5]["evidence"] = [[54, 500]]
    _expect_error(tmp_path, lines, 6, "evidence")


def test_gold_loader_rejects_missing_or_late_document_line(tmp_path):
    lines = gold_lines(_doc())
    _expect_error(tmp_path, lines[1:], 1, "before the 'document' line")
    _expect_error(tmp_path, [*lines, lines[0]], len(lines) + 1, "second 'document'")


def test_gold_dir_rejects_duplicate_doc_ids_and_empty_dirs(tmp_path):
    with pytest.raises(FileNotFoundError, match="E013"):
        load_gold_dir(tmp_path)
    dump_gold(_doc(), tmp_path / "a.jsonl")
    dump_gold(_doc(), tmp_path / "b.jsonl")
    with pytest.raises(GoldError, match="also in"):
        load_gold_dir(tmp_path)


# ------------------------------------------------------------ the shipped gold files


@pytest.mark.parametrize("path", GOLD_FILES or [None], ids=lambda p: p.name if p else "none")
def test_gold_file_is_valid(path):
    """Schema-valid, offsets match the text, hash matches, no same-label overlaps."""
    assert path is not None, "annotations/gold/ has no *.jsonl files"
    doc = load_gold_file(path)
    assert doc.spans, f"{path.name} has no spans"
    for span in doc.spans:
        assert doc.text[span.start : span.end] == span.text


def test_gold_files_match_their_seed_texts():
    assert len(GOLD_FILES) == 4, "one gold file per seed expected in annotations/gold/"
    for doc in load_gold_dir(GOLD_DIR):
        seed = ROOT / doc.source
        assert seed.is_file(), f"{doc.doc_id}: source {doc.source} not found"
        assert sha256(seed.read_text(encoding="utf-8")) == doc.text_sha256


def test_gold_spans_never_overlap_across_labels():
    """GUIDELINES G2: gold spans are flat, like doc.ents."""
    for doc in load_gold_dir(GOLD_DIR):
        spans = sorted(doc.spans, key=lambda s: s.start)
        for a, b in zip(spans, spans[1:]):
            assert a.end <= b.start, f"{doc.doc_id}: {a.text!r} overlaps {b.text!r}"
