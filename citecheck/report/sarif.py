"""The SARIF 2.1.0 report: GitHub code scanning (and other SARIF viewers) show rotten sources
as alerts on the line of the claim that cites them.

One rule per verdict (``citecheck/dead``, …) whose default level follows the run's policy; one
result per note that failed the gate (``error``) or warned (``warning``). A result points at the
note's first claim marker, with the note itself as a related location, and carries a stable
fingerprint (document, label, URL) so an alert survives unrelated edits.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from citecheck.models import Gate, NoteResult, Policy, Report, Verdict
from citecheck.report._text import by_label, claim_text, full_source_text, location, shorten
from citecheck.report.redact import redact_report

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://example.invalid/citecheck"

_RULES: dict[Verdict, tuple[str, str]] = {
    Verdict.LIVE: ("LiveSource", "The cited source answers and shows the cited work."),
    Verdict.MOVED: ("MovedSource", "The cited source moved permanently to a new address."),
    Verdict.DRIFTED: ("DriftedSource", "The cited address answers with a different work."),
    Verdict.SOFT404: ("Soft404Source", "The cited address answers 200 with a 'not found' page."),
    Verdict.DEAD: ("DeadSource", "The cited source is gone (e.g. HTTP 404 or 410)."),
    Verdict.BLOCKED: ("BlockedSource", "The cited site refused the check (e.g. HTTP 403)."),
    Verdict.ERROR: ("SourceError", "The cited source could not be fetched (e.g. TLS error)."),
    Verdict.TIMEOUT: ("SourceTimeout", "The cited source did not answer in time."),
    Verdict.INVALID: ("InvalidUrl", "The cited URL is malformed."),
    Verdict.SKIPPED: ("SkippedSource", "The cited URL was not checked (excluded by a rule)."),
    Verdict.OFFLINE: ("OfflineSource", "The network was unavailable; the URL was not checked."),
    Verdict.NO_URL: ("NoUrl", "The note cites no URL."),
}
_LEVELS = {Gate.FAIL: "error", Gate.WARN: "warning", Gate.PASS: "none"}
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")


def rule_id(verdict: Verdict) -> str:
    """The SARIF rule id of a verdict: ``citecheck/dead``."""
    return f"citecheck/{verdict.value}"


def artifact_uri(path: str) -> str:
    """A document path as a SARIF artifact URI: relative paths stay relative, "/" separated."""
    path = path.replace("\\", "/")
    if path.startswith("/") or _WINDOWS_DRIVE.match(path):
        return "file://" + ("" if path.startswith("/") else "/") + quote(path, safe="/:")
    # ":" would make the first segment look like a URI scheme, so it is encoded in relative paths.
    return quote(path, safe="/!$&'()*+,;=@")


def _rules(policy: Policy) -> list[dict[str, Any]]:
    return [
        {
            "id": rule_id(verdict),
            "name": name,
            "shortDescription": {"text": text},
            "defaultConfiguration": {"level": _LEVELS[policy.gate(verdict)]},
            "properties": {"verdict": verdict.value},
        }
        for verdict, (name, text) in _RULES.items()
    ]


def _message(result: NoteResult, notes: Mapping[str, NoteResult]) -> str:
    note = result.note
    via = f" (→ {note.resolves_to})" if note.resolves_to and not note.urls else ""
    lines = [f"Note [{note.label}]{via}: {result.status.value} — {result.detail}"]
    if note.claims:
        lines.append(f"Claim: “{claim_text(result)}”")
    else:
        lines.append("The note is not cited in the text.")
    lines.append(f"Source: {shorten(full_source_text(result, notes), 160)}")
    lines.append(f"URL: {result.url}")
    if result.archive_url:
        lines.append(f"Archived copy: {result.archive_url}")
    return "\n".join(lines)


def _location(uri: str, line: int, column: int) -> dict[str, Any]:
    return {
        "artifactLocation": {"uri": uri},
        "region": {"startLine": max(1, line), "startColumn": max(1, column)},
    }


def _result(
    path: str, result: NoteResult, notes: Mapping[str, NoteResult], index: dict[Verdict, int]
) -> dict[str, Any]:
    note = result.note
    uri = artifact_uri(path)
    line, column = location(result)
    identity = "\0".join((path, note.label, result.url or ""))
    return {
        "ruleId": rule_id(result.status),
        "ruleIndex": index[result.status],
        "level": _LEVELS[result.gate],
        "message": {"text": _message(result, notes)},
        "locations": [{"physicalLocation": _location(uri, line, column)}],
        "relatedLocations": [
            {
                "id": 1,
                "physicalLocation": _location(uri, note.line, note.column),
                "message": {"text": f"note [{note.label}]"},
            }
        ],
        "partialFingerprints": {
            "citecheckNote/v1": hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32],
        },
        "properties": {"verdict": result.status.value, "url": result.url},
    }


def format_sarif(report: Report) -> str:
    """The report as a SARIF 2.1.0 log with one run, indented by two, ending in a newline."""
    report = redact_report(report)
    index = {verdict: i for i, verdict in enumerate(_RULES)}
    results: list[dict[str, Any]] = []
    for document in report.documents:
        notes = by_label(document)
        results.extend(
            _result(document.path, result, notes, index)
            for result in document.notes
            if result.gate is not Gate.PASS
        )
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "citecheck",
                        "version": report.citecheck_version,
                        "informationUri": INFORMATION_URI,
                        "rules": _rules(report.policy),
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
