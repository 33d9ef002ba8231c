"""`warevents schema`: a full typed JSON Schema; every record the CLI writes validates."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from warevents.cli import app

jsonschema = pytest.importorskip("jsonschema")
runner = CliRunner()
TEXT = ("On 12 July 1995 Bosnian Serb forces killed more than 8,000 men near Srebrenica.\n\n"
        "The 28th Division of the Army of the Republic of Bosnia and Herzegovina retreated "
        "through the hills towards Tuzla in July 1995.\n")


@pytest.fixture(scope="module")
def schema() -> dict:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_outputs_schema_is_typed_with_schema_and_id(schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("/document.schema.json")
    assert schema["properties"]["events"]["items"] == {"$ref": "#/$defs/Event"}
    span = schema["$defs"]["SpanRecord"]
    assert {"$ref": "#/$defs/PlaceValue"} in span["properties"]["norm"]["anyOf"]
    norms = {rule["if"]["properties"]["label"]["const"]:
             rule["then"]["properties"]["norm"]["anyOf"][0]["$ref"] for rule in span["allOf"]}
    assert norms == {"DATE": "#/$defs/DateValue", "CASUALTY": "#/$defs/CasualtyValue",
                     "PLACE": "#/$defs/PlaceValue", "MILITARY_UNIT": "#/$defs/UnitValue"}
    event = runner.invoke(app, ["schema", "event"])
    assert json.loads(event.stdout)["$id"].endswith("/event.schema.json")


def test_outputs_schema_rejects_a_norm_of_the_wrong_kind(schema):
    record = {"doc_id": "d", "text_sha256": "0", "n_chars": 10,
              "spans": [{"label": "DATE", "text": "July 1995", "start": 0, "end": 9,
                         "norm": {"start": "1995-07-01", "end": "1995-07-31", "precision": "month"}}]}
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid(record)
    record["spans"][0]["norm"] = {"canonical": "July"}  # a place value on a DATE
    assert not validator.is_valid(record)


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_outputs_schema_every_record_the_cli_writes_validates(schema, tmp_path, fmt):
    src = tmp_path / "srebrenica.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, ["extract", str(src), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    body = out.read_text(encoding="utf-8")
    records = json.loads(body) if fmt == "json" else [json.loads(x) for x in body.splitlines()]
    assert records and any(r["events"] for r in records) and any(r["spans"] for r in records)
    validator = jsonschema.Draft202012Validator(schema)
    for record in records:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(record)]
        assert not errors, errors[:5]
