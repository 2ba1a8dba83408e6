"""Reports beside the fixture, shared by the format tests."""

from __future__ import annotations

import json
from typing import Any

import jsonschema  # type: ignore[import-untyped]

from citecheck.models import Document, LinkResult, Report, Verdict
from citecheck.report.assemble import assemble
from citecheck.report.json import load_schema

from . import fixtures as fx


def offline_report() -> Report:
    """The fixture as an offline run sees it: every reachable URL offline, the malformed one
    still invalid."""
    links = {
        url: LinkResult(url, Verdict.OFFLINE, "network unreachable")
        for url in fx.LINKS
        if url != fx.MALFORMED
    }
    links[fx.MALFORMED] = fx.L_MALFORMED
    return assemble(fx.DOCUMENTS, links, policy=fx.POLICY, offline=True, version=fx.VERSION,
                    generated_at=fx.GENERATED_AT)


def empty_report() -> Report:
    """One document without notes."""
    return assemble([Document(path="empty.md", format="markdown")], {}, policy=fx.POLICY,
                    offline=False, version=fx.VERSION, generated_at=fx.GENERATED_AT)


def validate_json(text: str) -> dict[str, Any]:
    """The JSON report parsed, after validating it against the shipped schema."""
    document: dict[str, Any] = json.loads(text)
    jsonschema.Draft202012Validator(load_schema()).validate(document)
    return document
