"""The JSON schema of a configuration file (``citecheck config --schema``), read from the table."""

from __future__ import annotations

from enum import Enum

from citecheck.settings.table import FIELDS


def config_schema() -> dict[str, object]:
    """A JSON Schema (draft 2020-12) of ``citecheck.toml`` and ``[tool.citecheck]``."""
    properties: dict[str, object] = {}
    for field in FIELDS:
        entry: dict[str, object] = {"description": field.row.help, **field.row.kind.schema}
        if field.default is not None:
            entry["default"] = _json(field.default)
        properties[field.name] = entry
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "citecheck configuration",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }


def _json(value: object) -> object:
    if isinstance(value, tuple):
        return [_json(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    return value
