"""The `extract` command and the library API, as a user meets them: good files,
bad files, empty and huge documents, JSONL and stdin, and resuming."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warevents.api import process, split_chunks
from warevents.cli import app
from warevents.io.readers import InputDoc, read_inputs

runner = CliRunner()
WAR = "On Aug. 17, 1945, 18 people were killed at a police station in Kamishisuka by Japanese forces.\n"


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("inputs")
    (d / "good.txt").write_text(WAR, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (d / "latin1.txt").write_bytes("Caf\xe9 in Mukden, 1945".encode("latin-1"))
    (d / "docs.jsonl").write_text(
        json.dumps({"id": "a", "text": "Soviet forces invaded southern Sakhalin on Aug. 11.", "date": "1945-08-20"})
        + "\n{not json\n"
        + json.dumps({"id": "c", "body": "no text field"}) + "\n",
        encoding="utf-8",
    )
    return d


def _records(out: Path) -> list[dict]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_extract_cli_missing_path_fails_before_work(tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", "no/such/file.txt", "-o", str(out)])
    assert result.exit_code == 2
    assert "no/such/file.txt" in result.output
    assert not out.exists()


def test_extract_cli_bad_files_reported_and_rest_written(files, tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(files), "-o", str(out), "-q"])
    assert result.exit_code == 1
    # one clear line per bad input, naming the file (and the JSONL line)
    assert "binary.txt" in result.output and "binary" in result.output
    assert "latin1.txt" in result.output and "--encoding" in result.output
    assert "docs.jsonl:2" in result.output and "docs.jsonl:3" in result.output
    recs = {r["doc_id"]: r for r in _records(out)}
    assert set(recs) == {"a", "empty", "good"}
    assert recs["empty"]["spans"] == [] and recs["empty"]["n_chars"] == 0
    assert recs["a"]["doc_date"] == "1945-08-20"
    good_text = (files / "good.txt").read_text(encoding="utf-8")
    assert recs["good"]["spans"], "the war sentence should yield spans"
    for span in recs["good"]["spans"]:
        assert good_text[span["start"] : span["end"]] == span["text"]


def test_extract_cli_encoding_option_reads_latin1(files, tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        app, ["extract", str(files / "latin1.txt"), "-o", str(out), "--encoding", "latin-1", "-q"]
    )
    assert result.exit_code == 0, result.output
    assert _records(out)[0]["n_chars"] == len("Café in Mukden, 1945")


def test_extract_cli_stdin(tmp_path):
    result = runner.invoke(app, ["extract", "-", "-q"], input=WAR)
    assert result.exit_code == 0, result.output
    rec = json.loads(result.stdout.strip().splitlines()[0])
    assert rec["doc_id"] == "stdin" and rec["n_chars"] == len(WAR)


@pytest.mark.parametrize("fmt,marker", [("csv", "doc_id,source,label"), ("html", "<mark"),
                                        ("json", '"doc_id"')])
def test_extract_cli_formats(files, tmp_path, fmt, marker):
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, ["extract", str(files / "good.txt"), "-o", str(out), "-f", fmt, "-q"])
    assert result.exit_code == 0, result.output
    body = out.read_text(encoding="utf-8")
    assert marker in body
    if fmt == "json":
        assert json.loads(body)[0]["doc_id"] == "good"


def test_split_chunks_cuts_at_breaks_and_covers_text():
    text = ("Para one about Mukden.\n\n" * 50) + "tail"
    chunks = split_chunks(text, max_chars=200)
    assert "".join(c for _, c in chunks) == text
    assert all(len(c) <= 200 for _, c in chunks)
    assert all(text[o : o + len(c)] == c for o, c in chunks)
    assert all(c.endswith("\n\n") for _, c in chunks[:-1])


def test_process_huge_document_offsets_index_original_text(nlp):
    text = WAR * 40
    one = next(process(nlp, [InputDoc("big", text, "<mem>")], chunk_chars=1000)).record
    assert len(one.spans) >= 40
    for span in one.spans:
        assert text[span.start : span.end] == span.text
    # the same spans, shifted, as when the text is processed whole
    whole = next(process(nlp, [InputDoc("big", text, "<mem>")])).record
    assert [(s.start, s.end, s.label) for s in one.spans] == [(s.start, s.end, s.label) for s in whole.spans]


def test_read_inputs_keeps_original_newlines(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"Line one.\r\nLine two.\r\n")
    item = next(read_inputs([str(p)]))
    assert item.text == "Line one.\r\nLine two.\r\n"


def test_extract_resume_after_interruption_equals_uninterrupted(files, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(5):
        (inputs / f"d{i}.txt").write_text(WAR.replace("18", str(10 + i)), encoding="utf-8")
    full = tmp_path / "full.jsonl"
    assert runner.invoke(app, ["extract", str(inputs), "-o", str(full), "-q"]).exit_code == 0
    lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
    # interrupted: two complete records and half of the third one
    part = tmp_path / "part.jsonl"
    part.write_text("".join(lines[:2]) + lines[2][: len(lines[2]) // 2], encoding="utf-8")
    result = runner.invoke(app, ["extract", str(inputs), "-o", str(part), "--resume", "-q"])
    assert result.exit_code == 0, result.output
    assert part.read_text(encoding="utf-8") == full.read_text(encoding="utf-8")


def test_library_api_example_from_readme(nlp):
    import warevents

    record = warevents.extract(
        "On Aug. 17, 1945, Japanese soldiers killed 18 people at a police station in Kamishisuka.",
        nlp=nlp,
    )
    spans = {(s.label, s.text): s.norm for s in record.spans}
    assert spans[("DATE", "Aug. 17, 1945")]["start"] == "1945-08-17"
    assert spans[("CASUALTY", "18 people")]["low"] == 18
    assert ("PLACE", "Kamishisuka") in spans
    (event,) = record.events
    assert event.type == "MASSACRE" and event.date.start == "1945-08-17"
    assert record.model_dump()["doc_id"] == "text"
