"""SARIF 2.1.0, validated against the OASIS schema."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

from citecheck.models import Gate, Report, Verdict
from citecheck.report import sarif
from citecheck.report.assemble import assemble
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
    dead = results[1]
    assert dead["ruleId"] == "citecheck/dead"
    region = dead["locations"][0]["physicalLocation"]["region"]
    # The note's URL, where a reviewer edits (and `citecheck fix` writes), not the claim marker.
    url_at = fx.N_IV.spans[0]
    assert (region["startLine"], region["startColumn"]) == (46, url_at.column) == (
        fx.N_IV.line, len("[iv] ") + fx.N_IV.text.index(fx.ALJAZEERA) + 1)
    claims = [(r["physicalLocation"]["region"]["startLine"],
               r["physicalLocation"]["region"]["startColumn"]) for r in dead["relatedLocations"]]
    assert claims == [(11, 231)]  # the claim marker citing it
    dead_ibid = results[2]
    region = dead_ibid["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (48, 1)  # an Ibid. is its own line
    assert fx.ALJAZEERA_ARCHIVE in dead_ibid["message"]["text"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"essays/mali.txt", "reports/sahel,%20part%202.md"}


def test_a_note_cited_by_several_claims_is_one_result_with_each_claim_related() -> None:
    results = _sarif(fx.REPORT)["runs"][0]["results"]
    # Note i is cited by two claims; make it fail to see its result.
    failing = replace(fx.REPORT, documents=(replace(fx.REPORT.documents[0], notes=tuple(
        replace(n, gate=Gate.FAIL) if n.note.label == "i" else n
        for n in fx.REPORT.documents[0].notes)), *fx.REPORT.documents[1:]))
    results = _sarif(failing)["runs"][0]["results"]
    mine = [r for r in results if "Note [i]:" in r["message"]["text"]]
    assert len(mine) == 1
    related = [(r["physicalLocation"]["region"]["startLine"],
                r["physicalLocation"]["region"]["startColumn"])
               for r in mine[0]["relatedLocations"]]
    assert related == [(5, 187), (9, 12)]
    assert "cited at lines 5:187, 9:12" in mine[0]["message"]["text"]


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


# ------------------------------------------------------------- GitHub code scanning's ingestion


def _github_problems(log: dict[str, Any]) -> list[str]:
    """What GitHub code scanning requires beyond the schema ("SARIF support for code scanning"):
    a tool name; rules with id, shortDescription, fullDescription and help text; results with a
    message, a known ruleId, a level, a fingerprint and a location whose URI is a path from the
    repository root with a startLine and startColumn >= 1."""
    problems: list[str] = []
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    if not driver.get("name"):
        problems.append("tool.driver.name")
    rules = {r["id"]: r for r in driver["rules"]}
    for rule in driver["rules"]:
        for key in ("shortDescription", "fullDescription", "help"):
            if not rule.get(key, {}).get("text"):
                problems.append(f"{rule['id']}: {key}.text")
    for result in run["results"]:
        if result["ruleId"] not in rules or not result["message"]["text"]:
            problems.append(f"{result['ruleId']}: rule or message")
        if result.get("level") not in ("error", "warning", "note"):
            problems.append(f"{result['ruleId']}: level {result.get('level')}")
        if not result.get("partialFingerprints"):
            problems.append(f"{result['ruleId']}: partialFingerprints")
        physical = result["locations"][0]["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        if ":" in uri.split("/")[0] or uri.startswith("/") or uri.split("/")[0] in (".", ".."):
            problems.append(f"{result['ruleId']}: uri {uri}")
        region = physical["region"]
        if region["startLine"] < 1 or region.get("startColumn", 1) < 1:
            problems.append(f"{result['ruleId']}: region {region}")
        if "None" in result["message"]["text"]:
            problems.append(f"{result['ruleId']}: message says None")
    return problems


def test_sarif_meets_github_code_scanning_requirements() -> None:
    assert _github_problems(_sarif(fx.REPORT)) == []


def test_a_failing_note_without_url_is_described_without_none() -> None:
    policy = replace(fx.POLICY, fail_on=fx.POLICY.fail_on | {Verdict.NO_URL})
    report = assemble(fx.DOCUMENTS, fx.LINKS, policy=policy, offline=False, version="0",
                      generated_at=fx.GENERATED_AT)
    log = _sarif(report)
    no_url = [r for r in log["runs"][0]["results"] if r["ruleId"] == "citecheck/no_url"]
    assert no_url and all("URL:" not in r["message"]["text"] for r in no_url)
    assert _github_problems(log) == []


@pytest.mark.parametrize(
    ("path", "cwd", "uri"),
    [
        ("docs/a.md", "/work/repo", "docs/a.md"),
        ("./a b.md", "/work/repo/docs", "docs/a%20b.md"),
        ("../docs/a.md", "/work/repo/src", "docs/a.md"),
        ("/work/repo/docs/a.md", "/tmp", "docs/a.md"),
        ("/elsewhere/a.md", "/work/repo", "file:///elsewhere/a.md"),
        ("../../a.md", "/work/repo/docs", "file:///work/a.md"),
        ("C:\\repo\\docs\\a.md", "C:\\repo", "docs/a.md"),
    ],
)
def test_artifact_uri_is_relative_to_the_repository_root(path: str, cwd: str, uri: str) -> None:
    root = "C:\\repo" if path.startswith("C:") else "/work/repo"
    assert artifact_uri(path, root=root, cwd=cwd) == uri


def test_artifact_uri_without_a_root_drops_dot_segments() -> None:
    assert artifact_uri("./docs/./a.md") == "docs/a.md"


def test_format_sarif_places_documents_from_the_root() -> None:
    log = json.loads(format_sarif(fx.REPORT, root="/work", cwd="/work/repo"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]}
    assert uris == {"repo/essays/mali.txt", "repo/reports/sahel,%20part%202.md"}
    # The fingerprint follows the document, not the directory citecheck ran from.
    moved = json.loads(format_sarif(fx.REPORT))["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in log["runs"][0]["results"]] != [
        r["partialFingerprints"] for r in moved
    ]


def test_results_past_githubs_limit_keep_errors_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sarif, "MAX_RESULTS", 7)
    run = _sarif(fx.REPORT)["runs"][0]
    levels = [r["level"] for r in run["results"]]
    assert levels.count("error") == 5 and len(levels) == 7
    assert run["properties"]["omittedResults"] == fx.REPORT.summary.failed + \
        fx.REPORT.summary.warned - 7
    assert "properties" not in _sarif(empty_report())["runs"][0]


def test_a_run_that_checked_nothing_says_so_and_a_normal_run_succeeded() -> None:
    # Code scanning closes alerts a successful run no longer reports: an offline run must not
    # look like one.
    offline = _sarif(offline_report())["runs"][0]["invocations"]
    assert len(offline) == 1 and offline[0]["executionSuccessful"] is False
    notices = offline[0]["toolExecutionNotifications"]
    assert notices[0]["level"] == "error" and "no source could be checked" in notices[0][
        "message"]["text"]
    for report in (fx.REPORT, empty_report()):
        assert _sarif(report)["runs"][0]["invocations"] == [{"executionSuccessful": True}]
