"""``warevents schema``: print the JSON Schema of the records ``extract`` writes.

The schema is generated from the typed records (:mod:`warevents.schemas`): a
document with its spans and events (``Event`` and every argument type), each
span's ``norm`` typed by its label (``DateValue``, ``CasualtyValue``,
``PlaceValue``, ``UnitValue``), with ``$schema`` (draft 2020-12) and ``$id``.

>>> schema = record_schema("document")
>>> schema["$schema"], schema["$defs"]["SpanRecord"]["allOf"][0]["then"]["properties"]["norm"]["anyOf"][0]
('https://json-schema.org/draft/2020-12/schema', {'$ref': '#/$defs/DateValue'})
"""

from __future__ import annotations

import json
from typing import Any

import typer

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://warevents.local/schemas/{which}.schema.json"
#: The value model of each label's ``norm``.
NORM_MODELS = {"DATE": "DateValue", "CASUALTY": "CasualtyValue", "PLACE": "PlaceValue",
               "MILITARY_UNIT": "UnitValue"}


def _add_defs(schema: dict[str, Any], models: list[Any]) -> None:
    defs = schema.setdefault("$defs", {})
    for model in models:
        sub = model.model_json_schema(ref_template="#/$defs/{model}")
        defs.update(sub.pop("$defs", {}))
        defs[model.__name__] = sub


def _type_norms(defs: dict[str, Any]) -> None:
    """``SpanRecord.norm``: the value model of the span's label (or null)."""
    span = defs["SpanRecord"]
    span["properties"]["norm"] = {
        "anyOf": [{"$ref": f"#/$defs/{m}"} for m in dict.fromkeys(NORM_MODELS.values())]
        + [{"type": "null"}],
        "default": None, "title": "Norm",
        "description": "The normalised value; its shape depends on the label."}
    span["allOf"] = [
        {"if": {"properties": {"label": {"const": label}}, "required": ["label"]},
         "then": {"properties": {"norm": {"anyOf": [{"$ref": f"#/$defs/{model}"},
                                                    {"type": "null"}]}}}}
        for label, model in NORM_MODELS.items()]


def _type_units(defs: dict[str, Any]) -> None:
    """``Actor.units``: the MILITARY_UNIT spans inside the actor phrase, with their norm."""
    if "Actor" not in defs:
        return
    defs["ActorUnit"] = {
        "type": "object", "title": "ActorUnit",
        "properties": {"text": {"type": "string"}, "start": {"type": ["integer", "null"]},
                       "end": {"type": ["integer", "null"]},
                       "norm": {"anyOf": [{"$ref": "#/$defs/UnitValue"}, {"type": "null"}]}},
        "required": ["text"]}
    defs["Actor"]["properties"]["units"]["items"] = {"$ref": "#/$defs/ActorUnit"}


def record_schema(which: str = "document") -> dict[str, Any]:
    """JSON Schema of a ``Document`` record (``which="document"``) or of one event (``"event"``)."""
    from ..schemas import CasualtyValue, DateValue, Document, Event, PlaceValue, UnitValue

    model = Event if which == "event" else Document
    body = model.model_json_schema(ref_template="#/$defs/{model}")
    schema: dict[str, Any] = {"$schema": DRAFT, "$id": SCHEMA_ID.format(which=which), **body}
    _add_defs(schema, [DateValue, CasualtyValue, PlaceValue, UnitValue])
    if "SpanRecord" in schema["$defs"]:
        _type_norms(schema["$defs"])
    _type_units(schema["$defs"])
    return schema


def schema_cli(
    which: str = typer.Argument("document", help="document | event"),
) -> None:
    """Print the JSON Schema of the records `extract` writes (draft 2020-12)."""
    if which not in ("document", "event"):
        typer.echo("error: expected 'document' or 'event'", err=True)
        raise typer.Exit(2)
    typer.echo(json.dumps(record_schema(which), indent=2))
