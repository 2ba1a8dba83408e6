"""Linter-style lines: one line per note, never truncated, for CI logs and pipes.

``seeds/mali.txt:212: dead     https://www.usip.org/… — HTTP 404 (note i; claim: "Since a 2012
coup…")`` — the path and line (of the note, where the URL is to be fixed) come first so editors
and CI log viewers link them; the URL is printed whole so it can be read and clicked. A
run-wide cause (no network) is said once on the first line; the summary and the gate close.
"""

from __future__ import annotations

from citecheck.models import Gate, LinkResult, NoteResult, Report
from citecheck.report._layout import row_reason, run_wide_cause
from citecheck.report._text import archive_date, claim_text, gate_line, in_file
from citecheck.report.assemble import summary_line
from citecheck.report.scrub import scrub_report
from citecheck.report.table import inert

#: How much of the claim a line quotes: enough to recognise it, not the whole paragraph.
CLAIM_CHARS = 60


def _line(path: str, result: NoteResult, reason: str, verdict_w: int) -> str:
    note = result.note
    parts = [f"{in_file(path, note.file)}:{note.line}: {result.status.value:<{verdict_w}}"]
    parts.append(result.url if result.url else "(no URL)")
    if reason:
        parts.append(f"— {reason}")
    if result.unconfirmed:
        parts.append("(unconfirmed)")  # failing, but not yet in enough --confirm runs: a warning
    if result.cached:
        parts.append("(cached)")
    if result.archive_url:
        stamp = archive_date(result)
        parts.append(f"(archived {stamp}: {result.archive_url})" if stamp
                     else f"(archived: {result.archive_url})")
    claim = claim_text(result, CLAIM_CHARS) if note.claims else "not cited in the text"
    quoted = f'"{claim}"' if note.claims else claim
    parts.append(f"(note {note.label}; claim: {quoted})")
    return " ".join(parts)


def _link_line(link: LinkResult) -> str:
    parts = [link.status.value]
    if link.http_status is not None:
        parts.append(f"HTTP {link.http_status}")
    parts.append(f"{link.attempts} {'try' if link.attempts == 1 else 'tries'}")
    parts.append(f"{link.elapsed_ms} ms")
    if link.cached:
        parts.append("cached")
    if link.redirects:
        parts.append("redirects → " + " → ".join(link.redirects))
    return f"citecheck: link {link.url} — " + ", ".join(parts)


def format_lines(report: Report, *, quiet: bool = False, verbose: bool = False) -> str:
    """The report as one line per note (only failures and warnings when ``quiet``), each with
    its full URL, then (``verbose``) how each distinct URL was fetched: attempts, time and
    redirect chain, as the table's links section shows; then document diagnostics, the summary
    and the gate."""
    report = scrub_report(report)
    lines: list[str] = []
    cause = run_wide_cause(report)
    if cause:
        lines.append(f"citecheck: {cause}")
    rows = [(d, r) for d in report.documents for r in d.notes
            if not quiet or r.gate is not Gate.PASS]
    verdict_w = max((len(r.status.value) for _, r in rows), default=0)
    for document, result in rows:
        lines.append(_line(document.path, result, row_reason(result, report), verdict_w))
    if verbose:
        lines.extend(_link_line(link) for link in report.links)
    for document in report.documents:
        for d in document.diagnostics:
            if quiet and d.severity != "error":
                continue
            where = f"{document.path}:{d.line}:" if d.line is not None else f"{document.path}:"
            label = f" [{d.label}]" if d.label else ""
            lines.append(f"{where} {d.severity}{label}: {d.message} ({d.code})")
    lines.append(summary_line(report))
    gate = gate_line(report)
    if gate:
        lines.append(gate)
    # A line starting with "::" would be a GitHub workflow command (a path can start so).
    return "\n".join(inert(line) for line in lines) + "\n"
