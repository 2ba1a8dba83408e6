"""SARIF 2.1.0, validated against the OASIS schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

from citecheck.models import Report, Verdict
from citecheck.report.sarif import artifact_uri, format_sarif

from . import fixtures as fx
from .expected import assert_expected
from .samples import empty_report, offline_report

SARIF_SCHEMA = Path(__file__).parents[1] / "data" / "schemas" / "sarif-schema-2.1.0.json"


def _sarif(report: Report) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(format_sarif(report))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator(schema).validate(log)
    return log


def test_sarif_validates_and_has_one_result_per_failed_or_warned_note() -> None:
    run = _sarif(fx.REPORT)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [f"citecheck/{v.value}" for v in Verdict]
    results = run["results"]
    assert len(results) == fx.REPORT.summary.failed + fx.REPORT.summary.warned
    assert sum(r["level"] == "error" for r in results) == 5
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    dead_ibid = results[2]
    assert dead_ibid["ruleId"] == "citecheck/dead"
    region = dead_ibid["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (11, 390)  # v's claim, not the note
    assert fx.ALJAZEERA_ARCHIVE in dead_ibid["message"]["text"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"essays/mali.txt", "reports/sahel,%20part%202.md"}


def test_sarif_of_offline_and_empty_reports_validate() -> None:
    assert _sarif(offline_report())["runs"][0]["results"] != []  # the invalid URL still fails
    assert _sarif(empty_report())["runs"][0]["results"] == []


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("docs/a.md", "docs/a.md"),
        ("docs\\sub\\a b.md", "docs/sub/a%20b.md"),
        ("notes:v2.md", "notes%3Av2.md"),
        ("/home/me/a.md", "file:///home/me/a.md"),
        ("C:\\Users\\me\\a.md", "file:///C:/Users/me/a.md"),
    ],
)
def test_artifact_uri(path: str, uri: str) -> None:
    assert artifact_uri(path) == uri


def test_sarif_matches_frozen_file() -> None:
    assert_expected("report.sarif", format_sarif(fx.REPORT))
