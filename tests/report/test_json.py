"""The JSON report and its shipped JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.models import ExitCode, Verdict
from citecheck.report.json import _encoded, _parts, format_json, load_schema, report_dict

from . import fixtures as fx
from .expected import assert_expected
from .samples import empty_report, offline_report, validate_json


def test_json_validates_against_the_shipped_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(load_schema())
    document = validate_json(format_json(fx.REPORT))
    assert document["schema_version"] == 2
    assert list(document["summary"]["counts"]) == [v.value for v in Verdict]
    assert document["summary"]["exit_code"] == 1
    assert document["policy"] == {
        "fail_on": ["soft404", "dead", "invalid"],
        "warn_on": ["moved", "drifted", "blocked", "error", "timeout"],
        "max_failures": 0,
        "confirm": 1,
        "fail_on_empty": False,
    }


def test_json_ibid_note_shows_its_resolved_url() -> None:
    document = json.loads(format_json(fx.REPORT))
    ibid = document["documents"][0]["notes"][4]
    assert (ibid["label"], ibid["kind"], ibid["resolves_to"]) == ("v", "ibid", "iv")
    assert ibid["urls"] == []
    assert (ibid["url"], ibid["verdict"], ibid["gate"]) == (fx.ALJAZEERA, "dead", "fail")
    assert ibid["archive_url"] == fx.ALJAZEERA_ARCHIVE


def test_jsonoffline_report() -> None:
    document = validate_json(format_json(offline_report()))
    assert document["summary"]["offline"] is True
    assert document["summary"]["exit_code"] == 3
    assert document["summary"]["counts"]["offline"] == 14


@pytest.mark.parametrize(
    "path",
    [
        ("schema_version",),
        ("summary", "counts", "dead"),
        ("documents", 0, "notes", 0, "gate"),
        ("documents", 0, "notes", 0, "citation", "doi"),
        ("documents", 0, "diagnostics", 0, "severity"),
        ("links", 0, "redirects"),
    ],
)
def test_schema_requires_every_documented_key(path: tuple[str | int, ...]) -> None:
    document = json.loads(format_json(fx.REPORT))
    parent: Any = document
    for key in path[:-1]:
        parent = parent[key]
    del parent[path[-1]]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, load_schema(), cls=jsonschema.Draft202012Validator)


def test_schema_rejects_unknown_verdicts_and_allows_new_keys() -> None:
    document = json.loads(format_json(fx.REPORT))
    document["documents"][0]["notes"][0]["future_field"] = True
    document["links"][0]["verdict"] = "gone"
    validator = jsonschema.Draft202012Validator(load_schema())
    errors = list(validator.iter_errors(document))
    assert [list(e.absolute_path) for e in errors] == [["links", 0, "verdict"]]


def test_schema_is_package_data() -> None:
    shipped = Path(__file__).parents[2] / "citecheck" / "report" / "schema" / "report.schema.json"
    assert load_schema() == json.loads(shipped.read_text(encoding="utf-8"))


def test_json_matches_frozen_file() -> None:
    assert_expected("report.json", format_json(fx.REPORT))


@pytest.mark.parametrize("report", [fx.REPORT, offline_report(), empty_report()],
                         ids=["full", "offline", "empty"])
def test_json_is_written_note_by_note_as_json_dumps_would(report: Any) -> None:
    # format_json streams the notes and links; the text is json.dumps's, byte for byte.
    expected = json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n"
    assert format_json(report) == expected


# The kinds of value a report holds: no fractional numbers (see the schema test below), where
# orjson and json.dumps differ in exponent notation. Integers beyond 64 bits and lone
# surrogates are refused by orjson and written by the standard library instead.
_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text()
    | st.sampled_from(list(Verdict)) | st.sampled_from([ExitCode.OK, ExitCode.USAGE]),
    lambda children: st.lists(children, max_size=4) | st.tuples(children, children)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None)
@given(_JSON_VALUES, st.integers(min_value=0, max_value=3))
def test_the_report_encoder_writes_what_json_dumps_writes(value: Any, depth: int) -> None:
    expected = json.dumps(value, indent=2, ensure_ascii=False)
    assert "".join(_parts(value, "", depth)) == expected
    assert _encoded(value, "") == expected


def test_the_report_has_no_fractional_numbers() -> None:
    # The encoder's byte-for-byte promise above holds because no value of the report is a
    # float: a new field that is one needs the encoder looked at (orjson writes 1e-05 as 0.00001).
    def numbers(node: Any) -> list[Any]:
        if isinstance(node, dict):
            found = [node] if node.get("type") == "number" or "number" in (
                node.get("type") if isinstance(node.get("type"), list) else []) else []
            return found + [n for value in node.values() for n in numbers(value)]
        if isinstance(node, list):
            return [n for value in node for n in numbers(value)]
        return []

    assert numbers(load_schema()) == []


@pytest.mark.parametrize("value", ["lone \udcff surrogate", 2**70, {"k": ["\ud800", -(2**65)]}])
def test_values_orjson_refuses_are_written_by_the_standard_library(value: Any) -> None:
    expected = json.dumps(value, indent=2, ensure_ascii=False)
    assert _encoded(value, "") == expected
    assert _encoded([value], "  ") == json.dumps([value], indent=2, ensure_ascii=False).replace(
        "\n", "\n  ")
