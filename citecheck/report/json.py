"""The JSON report: citecheck's versioned contract with other programs.

The shape is described by ``schema/report.schema.json`` (JSON Schema 2020-12), shipped inside the
package and printed by ``citecheck schema``. ``schema_version`` changes only when a field is
removed or changes meaning; new fields may appear within a version, so consumers should ignore
keys they do not know. Every key is always present (``null`` when there is no value), and
``summary.counts`` lists all verdicts, zeros included, so consumers need no defaults.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from citecheck.models import (
    Diagnostic,
    DocumentResult,
    LinkResult,
    NoteResult,
    Policy,
    Report,
    Verdict,
)
from citecheck.report.scrub import scrub_report

SCHEMA_RESOURCE = "schema/report.schema.json"


def load_schema() -> dict[str, Any]:
    """The JSON Schema of the report, read from the installed package."""
    text = resources.files("citecheck.report").joinpath(SCHEMA_RESOURCE).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _verdicts(verdicts: frozenset[Verdict]) -> list[str]:
    # Declaration order, not set order: the output must be the same on every run.
    return [v.value for v in Verdict if v in verdicts]


def _policy(policy: Policy) -> dict[str, Any]:
    return {
        "fail_on": _verdicts(policy.fail_on),
        "warn_on": _verdicts(policy.warn_on),
        "max_failures": policy.max_failures,
        "fail_on_empty": policy.fail_on_empty,
    }


def _diagnostic(diagnostic: Diagnostic) -> dict[str, Any]:
    return {
        "code": diagnostic.code,
        "message": diagnostic.message,
        "line": diagnostic.line,
        "label": diagnostic.label,
        "severity": diagnostic.severity,
    }


def _note(result: NoteResult) -> dict[str, Any]:
    note = result.note
    citation = note.citation
    return {
        "label": note.label,
        "index": note.index,
        "line": note.line,
        "column": note.column,
        "kind": note.kind.value,
        "resolves_to": note.resolves_to,
        "points_to": note.points_to,
        "text": note.text,
        "citation": {
            "authors": list(citation.authors),
            "title": citation.title,
            "container": citation.container,
            "date": citation.date,
            "accessed": citation.accessed,
            "doi": citation.doi,
        },
        "urls": list(note.urls),
        "url": result.url,
        "status": result.status.value,
        "http_status": result.http_status,
        "final_url": result.final_url,
        "archive_url": result.archive_url,
        "detail": result.detail,
        "gate": result.gate.value,
        "claims": [
            {"line": claim.line, "column": claim.column, "text": claim.text}
            for claim in note.claims
        ],
    }


def _document(document: DocumentResult) -> dict[str, Any]:
    return {
        "path": document.path,
        "format": document.format,
        "notes": [_note(n) for n in document.notes],
        "diagnostics": [_diagnostic(d) for d in document.diagnostics],
    }


def _link(link: LinkResult) -> dict[str, Any]:
    return {
        "url": link.url,
        "status": link.status.value,
        "http_status": link.http_status,
        "final_url": link.final_url,
        "redirects": list(link.redirects),
        "title": link.title,
        "elapsed_ms": link.elapsed_ms,
        "attempts": link.attempts,
        "detail": link.detail,
        "archive_url": link.archive_url,
    }


def report_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON values (credentials masked), in the documented key order."""
    report = scrub_report(report)
    summary = report.summary
    counts = dict(summary.counts)
    return {
        "schema_version": report.schema_version,
        "schema_minor": report.schema_minor,
        "citecheck_version": report.citecheck_version,
        "generated_at": report.generated_at,
        "summary": {
            "counts": {v.value: counts.get(v, 0) for v in Verdict},
            "notes": summary.notes,
            "body_links": summary.body_links,
            "empty_documents": summary.empty,
            "claims": summary.claims,
            "links": summary.links,
            "failed": summary.failed,
            "warned": summary.warned,
            "exit_code": int(summary.exit_code),
            "offline": report.offline,
        },
        "policy": _policy(report.policy),
        "documents": [_document(d) for d in report.documents],
        "links": [_link(k) for k in report.links],
    }


def format_json(report: Report) -> str:
    """The JSON report: indented by two, UTF-8 text kept as is, ending in a newline."""
    return json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n"
