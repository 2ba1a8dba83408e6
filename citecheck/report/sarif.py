"""The SARIF 2.1.0 report: GitHub code scanning (and other SARIF viewers) show rotten sources
as alerts on the note that cites them, where its URL is written.

One rule per verdict (``citecheck/dead``, …) whose default level follows the run's policy; one
result per note that failed the gate (``error``) or warned (``warning``), however many claims
cite it. A result's location is the note's URL (its line and column; the note's own line for an
Ibid., which names no URL): that is what a reviewer edits and what ``citecheck fix`` rewrites.
The claim markers citing the note are its ``relatedLocations``. Each result carries a stable
fingerprint (document, label, URL) so an alert survives unrelated edits.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote, unquote

from citecheck.models import ExitCode, Gate, NoteResult, Policy, Report, Verdict
from citecheck.report._layout import run_wide_cause
from citecheck.report._text import (
    by_label,
    cited_by,
    claim_text,
    full_source_text,
    history_status_text,
    in_file,
    location,
    repo_path,
    shorten,
)
from citecheck.report.scrub import scrub_report
from citecheck.report.verdicts import GATES, VERDICTS, rule_id

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://example.invalid/citecheck"

#: GitHub code scanning rejects a run with more results than this.
MAX_RESULTS = 25_000


def artifact_uri(path: str, *, root: str | None = None, cwd: str | None = None) -> str:
    """A document path as a SARIF artifact URI, "/" separated and percent-encoded.

    A path from the repository root (see :func:`~citecheck.report._text.repo_path`); a
    document outside the root, or an absolute path without one, becomes a ``file://`` URI.
    """
    path, inside = repo_path(path, root=root, cwd=cwd)
    if not inside:
        return _file_uri(path)
    # ":" would make the first segment look like a URI scheme, so it is encoded in relative paths.
    return quote(path, safe="/!$&'()*+,;=@")


def _file_uri(path: str) -> str:
    return "file://" + ("" if path.startswith("/") else "/") + quote(path, safe="/:")


def _rules(policy: Policy) -> list[dict[str, Any]]:
    return [
        {
            "id": rule_id(verdict),
            "name": row.rule_name,
            "shortDescription": {"text": row.description},
            "fullDescription": {"text": f"{row.description} {row.help}"},
            "help": {"text": row.help, "markdown": row.help},
            "defaultConfiguration": {"level": GATES[policy.gate(verdict)].sarif_level},
            "properties": {"verdict": verdict.value},
        }
        for verdict, row in VERDICTS.items()
    ]


def _message(result: NoteResult, notes: Mapping[str, NoteResult]) -> str:
    note = result.note
    via = f" (→ {note.resolves_to})" if note.resolves_to and not note.urls else ""
    lines = [f"Note [{note.label}]{via}: {result.status.value} — {result.detail}"]
    if note.claims:
        lines.append(f"Claim: “{claim_text(result)}” ({cited_by(result)})")
    else:
        lines.append("The note is not cited in the text.")
    lines.append(f"Source: {shorten(full_source_text(result, notes), 160)}")
    if result.url is not None:
        lines.append(f"URL: {result.url}")
    if result.archive_url:
        lines.append(f"Archived copy: {result.archive_url}")
    history = history_status_text(result)
    if history:
        lines.append(f"History: {history}")
    return "\n".join(lines)


def _location(uri: str, line: int, column: int) -> dict[str, Any]:
    return {
        "artifactLocation": {"uri": uri},
        "region": {"startLine": max(1, line), "startColumn": max(1, column)},
    }


def _result(
    uri: Callable[[str | None], str], result: NoteResult, notes: Mapping[str, NoteResult],
    index: dict[Verdict, int],
) -> dict[str, Any]:
    """``uri``: the artifact URI of the document (None) or of a file named from its folder."""
    note = result.note
    line, column = location(result)
    # The document as code scanning sees it, so the fingerprint does not depend on the directory
    # citecheck ran from.
    identity = "\0".join((unquote(uri(None)), note.label, result.url or ""))
    return {
        "ruleId": rule_id(result.status),
        "ruleIndex": index[result.status],
        "level": GATES[result.gate].sarif_level,
        "message": {"text": _message(result, notes)},
        "locations": [{
            "physicalLocation": _location(uri(note.file), line, column),
            "message": {"text": f"note [{note.label}]"},
        }],
        "relatedLocations": [
            {
                "id": number,
                "physicalLocation": _location(uri(claim.file), claim.line, claim.column),
                "message": {"text": f"claim citing note [{note.label}]"},
            }
            for number, claim in enumerate(note.claims, start=1)
        ],
        "partialFingerprints": {
            "citecheckNote/v1": hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32],
        },
        "properties": _page({"verdict": result.status.value, "url": result.url}, result),
    }


def _page(properties: dict[str, Any], result: NoteResult) -> dict[str, Any]:
    """A PDF's page: SARIF regions count lines in a text file, so ``startLine`` is the line on
    that page and the page goes in the result's properties."""
    note = result.note
    page = note.claims[0].page if note.claims else note.page
    if page is not None:
        properties["page"] = page
    return properties


def _within_limit(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """At most :data:`MAX_RESULTS` results, errors kept before warnings, in document order."""
    if len(results) <= MAX_RESULTS:
        return results
    ranked = sorted(range(len(results)), key=lambda i: results[i]["level"] != "error")
    return [results[i] for i in sorted(ranked[:MAX_RESULTS])]


def _invocation(report: Report) -> dict[str, Any]:
    """Whether the run did its job. A run that could check nothing (no network, exit 3) says
    so: its empty ``results`` do not mean every earlier alert is fixed, and a consumer (code
    scanning) must not close them on its word."""
    if report.summary.exit_code is not ExitCode.UNCHECKED:
        return {"executionSuccessful": True}
    cause = run_wide_cause(report) or "network unavailable, so no source could be checked"
    return {
        "executionSuccessful": False,
        "exitCode": int(ExitCode.UNCHECKED),
        "toolExecutionNotifications": [{
            "level": "error",
            "message": {"text": f"{cause}; these results are not a verdict on the documents"},
            "descriptor": {"id": "citecheck/offline"},
        }],
    }


def format_sarif(report: Report, *, root: str | None = None, cwd: str | None = None) -> str:
    """The report as a SARIF 2.1.0 log with one run, indented by two, ending in a newline.

    ``root`` and ``cwd`` place documents relative to the repository (see :func:`artifact_uri`).
    Past :data:`MAX_RESULTS` results (GitHub would reject the file), warnings are left out
    first; the run's ``properties.omittedResults`` says how many were.
    """
    report = scrub_report(report)
    index = {verdict: i for i, verdict in enumerate(VERDICTS)}
    results: list[dict[str, Any]] = []
    for document in report.documents:
        notes = by_label(document)
        def uri(file: str | None, path: str = document.path) -> str:
            return artifact_uri(in_file(path, file), root=root, cwd=cwd)

        results.extend(
            _result(uri, result, notes, index)
            for result in document.notes
            if result.gate is not Gate.PASS
        )
    kept = _within_limit(results)
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
                "invocations": [_invocation(report)],
                "columnKind": "unicodeCodePoints",
                "results": kept,
                **({"properties": {"omittedResults": len(results) - len(kept)}}
                   if len(kept) < len(results) else {}),
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
