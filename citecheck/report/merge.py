"""``citecheck merge``: the JSON reports of a run's shards (``--shard K/N``) joined into one.

Every shard parses the same documents and reports every note; each checks only its own hosts
and reports the other URLs as ``skipped`` / "not in this shard". Merging takes each URL's
result from the shard that checked it and assembles the report again, with the shards' policy,
so the notes, links, counts, gate and exit code are those of one full run (the timings are
the shards' own; ``generated_at`` is the merge's).

What makes a set of reports not the shards of one run is refused in one line
(:class:`MergeError`): an unreadable file, another schema version, other documents or
policy, or a cited URL that no report checked (a shard's report missing).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from citecheck.models import (
    Citation,
    Claim,
    Diagnostic,
    DiagnosticCode,
    Document,
    DocumentFormat,
    History,
    LinkResult,
    Note,
    NoteKind,
    Policy,
    Report,
    UrlSpan,
    Verdict,
)
from citecheck.report.assemble import NOT_IN_SHARD, assemble

__all__ = ["MergeError", "ShardReport", "load_shard_report", "merge_reports"]

#: The version this citecheck writes, and so the one it reads back.
SCHEMA_VERSION = next(f.default for f in fields(Report) if f.name == "schema_version")


class MergeError(Exception):
    """Reports that cannot be merged, said in one line."""


@dataclass(frozen=True, slots=True)
class ShardReport:
    """One JSON report read back: its documents (as parsed), links, policy and offline flag."""

    name: str  # where it was read from, for messages
    version: str
    documents: tuple[Document, ...]
    links: dict[str, LinkResult]
    policy: Policy
    offline: bool


def _verdicts(names: Sequence[str]) -> frozenset[Verdict]:
    return frozenset(Verdict(name) for name in names)


def _note(data: Mapping[str, Any]) -> Note:
    citation = data["citation"]
    return Note(
        label=data["label"],
        index=data["index"],
        line=data["line"],
        column=data["column"],
        kind=NoteKind(data["kind"]),
        text=data["text"],
        citation=Citation(
            authors=tuple(citation["authors"]),
            title=citation["title"],
            container=citation["container"],
            date=citation["date"],
            accessed=citation["accessed"],
            doi=citation["doi"],
        ),
        urls=tuple(data["urls"]),
        resolves_to=data["resolves_to"],
        points_to=data.get("points_to"),
        claims=tuple(
            Claim(line=c["line"], text=c["text"], column=c["column"], page=c.get("page"))
            for c in data["claims"]
        ),
        # Offsets and the raw text are not in a report (only ``fix`` needs them, on a document).
        spans=tuple(UrlSpan(s["url"], s["line"], s["column"], 0, 0, s["url"])
                    for s in data.get("url_locations", ())),
        page=data.get("page"),
    )


def _diagnostic(data: Mapping[str, Any]) -> Diagnostic:
    return Diagnostic(
        code=DiagnosticCode(data["code"]),
        message=data["message"],
        line=data["line"],
        label=data["label"],
        page=data.get("page"),
        severity=data["severity"],
    )


def _link(data: Mapping[str, Any]) -> LinkResult:
    return LinkResult(
        url=data["url"],
        status=Verdict(data["verdict"] if "verdict" in data else data["status"]),
        detail=data["detail"],
        http_status=data["http_status"],
        final_url=data["final_url"],
        redirects=tuple(data["redirects"]),
        title=data["title"],
        elapsed_ms=data["elapsed_ms"],
        attempts=data["attempts"],
        archive_url=data["archive_url"],
        archive_timestamp=data.get("archive_timestamp"),
        archive_detail=data.get("archive_detail"),
        cached=data.get("cached", False),
        history=_history(data.get("history")),
    )


def _history(data: Mapping[str, Any] | None) -> History | None:
    if data is None:
        return None
    return History(data["failing_since"], data["failed_checks"], data["confirmations"])


def load_shard_report(text: str, name: str) -> ShardReport:
    """A JSON report (``citecheck --json``) read back; :class:`MergeError` when it is not one."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise MergeError(f"{name}: not JSON ({exc})") from None
    if not isinstance(data, dict) or "schema_version" not in data:
        raise MergeError(f"{name}: not a citecheck JSON report (no schema_version)")
    if data["schema_version"] != SCHEMA_VERSION:
        raise MergeError(f"{name}: schema_version {data['schema_version']!r}; this citecheck "
                         f"merges version {SCHEMA_VERSION}")
    try:
        documents = tuple(
            Document(
                path=d["path"],
                format=DocumentFormat(d["format"]),
                notes=tuple(_note(n) for n in d["notes"]),
                diagnostics=tuple(_diagnostic(g) for g in d["diagnostics"]),
            )
            for d in data["documents"]
        )
        links = {link["url"]: _link(link) for link in data["links"]}
        policy = data["policy"]
        return ShardReport(
            name=name,
            version=data["citecheck_version"],
            documents=documents,
            links=links,
            policy=Policy(
                fail_on=_verdicts(policy["fail_on"]),
                warn_on=_verdicts(policy["warn_on"]),
                max_failures=policy["max_failures"],
                confirm=policy.get("confirm", 1),
                fail_on_empty=policy.get("fail_on_empty", False),
            ),
            offline=bool(data["summary"]["offline"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise MergeError(f"{name}: not a citecheck JSON report ({type(exc).__name__}: "
                         f"{exc})") from None


def _is_elsewhere(link: LinkResult) -> bool:
    return link.status is Verdict.SKIPPED and link.detail == NOT_IN_SHARD


def _checked_any(report: ShardReport) -> bool:
    return any(not _is_elsewhere(link) and link.attempts > 0 for link in report.links.values())


def merge_reports(reports: Sequence[ShardReport], *, generated_at: str) -> Report:
    """The report of one full run, made from the reports of its shards."""
    if not reports:
        raise MergeError("no reports to merge")
    first = reports[0]
    for other in reports[1:]:
        if other.documents != first.documents:
            raise MergeError(f"{other.name} and {first.name} report different documents: not "
                             "shards of one run")
        if other.policy != first.policy:
            raise MergeError(f"{other.name} and {first.name} have different gate settings "
                             "(--fail-on, --warn-on, --max-failures)")
    links: dict[str, LinkResult] = {}
    for report in reports:
        for url, link in report.links.items():
            if _is_elsewhere(link):
                links.setdefault(url, link)
            elif url not in links or _is_elsewhere(links[url]):
                links[url] = link
    missing = [url for url, link in links.items() if _is_elsewhere(link)]
    if missing:
        more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
        raise MergeError(f"{missing[0]}{more} checked by none of the reports: is a shard's "
                         "report missing?")
    # Offline when every shard that checked something was offline (a shard may check nothing).
    checking = [report for report in reports if _checked_any(report)] or list(reports)
    offline = all(report.offline for report in checking)
    return assemble(
        first.documents, links, policy=first.policy, offline=offline,
        version=first.version, generated_at=generated_at,
    )
