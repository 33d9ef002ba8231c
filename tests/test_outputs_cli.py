"""CLI polish: the format follows -o, --version, progress with total and ETA in logs,
whole error lines, help text, E011 wording."""

from __future__ import annotations

import io
import json

import pytest
from typer.testing import CliRunner

from warevents.cli import app
from warevents.cli.extract import output_format
from warevents.cli.progress import Reporter, count_documents
from warevents.io.writers import make_writer

runner = CliRunner()
TEXT = "Ethiopian troops shelled Mekelle on 28 November 2020, killing 27 civilians.\n"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("in")
    (d / "tigray.txt").write_text(TEXT, encoding="utf-8")
    return d


@pytest.mark.parametrize(("name", "marker"), [("out.csv", "doc_id,source,label,text"),
                                              ("out.html", "<!DOCTYPE html>"),
                                              ("out.json", "[\n")])
def test_outputs_cli_format_follows_the_output_extension(inputs, tmp_path, name, marker):
    out = tmp_path / name
    result = runner.invoke(app, ["extract", str(inputs / "tigray.txt"), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith(marker)


def test_outputs_cli_extension_and_format_must_agree(inputs, tmp_path):
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["extract", str(inputs), "-o", str(out), "-f", "json"])
    assert result.exit_code == 2
    assert "E033" in result.output and "out.csv" in result.output and not out.exists()
    assert output_format("x.csv", "events-csv") == "events-csv"
    assert output_format("x.out", None) == "jsonl" and output_format("-", "html") == "html"


def test_outputs_cli_version_and_help_text():
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"warevents {version('warevents')}"
    help_text = runner.invoke(app, ["extract", "--help"], terminal_width=200).output
    assert "[dask]" in help_text and "events-parquet" in help_text


def test_outputs_cli_progress_lines_with_total_and_eta_when_not_a_terminal():
    now = [0.0]
    out = io.StringIO()
    with Reporter(total=10, stream=out, interval=5, tty=False, clock=lambda: now[0]) as rep:
        for _ in range(4):
            now[0] += 2.0
            rep.advance()
    lines = out.getvalue().splitlines()
    assert lines == ["extract: 3/10 documents (30%), 0.5/s, 0:00:06 elapsed, ETA 0:00:14"]
    quiet = io.StringIO()
    with Reporter(total=None, stream=quiet, interval=0, tty=False, enabled=False) as rep:
        rep.advance()
        rep.error("error " + "x" * 300)
    assert quiet.getvalue() == "error " + "x" * 300 + "\n"  # errors always, whole


def test_outputs_cli_count_documents(tmp_path):
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n', encoding="utf-8")
    assert count_documents([str(tmp_path)]) == 3
    assert count_documents([str(tmp_path), "-"]) is None


def test_outputs_cli_error_lines_are_not_wrapped(tmp_path):
    long_name = "a-very-long-file-name-" * 8 + ".txt"
    (tmp_path / long_name).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (tmp_path / "ok.txt").write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "-o", str(tmp_path / "o.jsonl"), "-q"])
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if "error" in x)
    assert long_name in line and len(line) > 200


def test_outputs_cli_e011_names_an_output_format():
    with pytest.raises(ValueError, match=r"\[E011\] Unsupported output format 'xml'"):
        make_writer("xml", None)


def test_outputs_cli_events_csv_from_the_command_line(inputs, tmp_path):
    pd = pytest.importorskip("pandas")
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["extract", str(inputs), "-o", str(out), "-f", "events-csv", "-q"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, parse_dates=["event_date"])
    assert len(frame) >= 1 and frame["event_id"].str.startswith("WE-").all()
    assert json.dumps(list(frame.columns)).startswith('["event_id", "doc_id", "source", "event_date"')
