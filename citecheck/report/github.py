"""GitHub Actions annotations: one workflow command per note that failed or warned.

``::error file=…,line=…,col=…,title=…::message`` puts the reason on the note's URL in the pull
request's diff (the note's line for an Ibid.), the line a reviewer edits; the message names the
claim markers that cite the note. A note cited by several claims is one annotation. Data and
property values are escaped as GitHub's runner expects (its ``escapeData``/``escapeProperty``), so
a claim containing a newline, "%" or "::" cannot end the command early or inject another one.
"""

from __future__ import annotations

from collections.abc import Mapping

from citecheck.models import Gate, NoteResult, Report
from citecheck.report._text import (
    by_label,
    cited_by,
    claim_text,
    full_source_text,
    history_status_text,
    in_file,
    location,
    repo_path,
)
from citecheck.report.scrub import scrub_report
from citecheck.report.verdicts import GATES


def escape_data(text: str) -> str:
    """A workflow command's message, escaped: ``%``, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value, escaped: as data, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(path: str, result: NoteResult, notes: Mapping[str, NoteResult]) -> str:
    """``path``: of the file the note is in, from the repository root."""
    note = result.note
    line, column = location(result)
    via = f" → {note.resolves_to}" if note.resolves_to and not note.urls else ""
    message = f"[{note.label}{via}] {result.status.value}: {result.detail}"
    if result.url is not None:
        message += f" — {result.url}"
    message += f"\nsource: {full_source_text(result, notes)}"
    if note.claims:
        message += f"\nclaim: {claim_text(result)} ({cited_by(result)})"
    else:
        message += f"\n{cited_by(result)}"
    if result.archive_url:
        message += f"\narchived copy: {result.archive_url}"
    history = history_status_text(result)
    if history:
        message += f"\nhistory: {history}"
    properties = {
        "file": path,
        "line": str(line),
        "col": str(column),
        "title": f"citecheck {result.status.value}",
    }
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{GATES[result.gate].command} {rendered}::{escape_data(message)}\n"


def format_annotations(report: Report, *, root: str | None = None, cwd: str | None = None) -> str:
    """One ``::error``/``::warning`` line per failed/warned note, in document order.

    ``root`` and ``cwd`` give each ``file=`` its path from the repository root, where the
    runner looks for it (see :func:`~citecheck.report._text.repo_path`).
    """
    report = scrub_report(report)
    lines: list[str] = []
    for document in report.documents:
        notes = by_label(document)
        lines.extend(
            _annotation(repo_path(in_file(document.path, result.note.file), root=root,
                                  cwd=cwd)[0], result, notes)
            for result in document.notes
            if result.gate is not Gate.PASS
        )
    return "".join(lines)
