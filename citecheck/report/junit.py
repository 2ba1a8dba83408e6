"""The JUnit XML report: CI systems (GitLab, Jenkins, Azure) show each cited source as a test.

One ``<testsuite>`` per document and one ``<testcase>`` per note that stands on a URL (notes
without a URL test nothing, unless the policy fails or warns on ``no_url``: then they are cases
too, so the failures match the gate's). A note that failed the gate has a ``<failure>`` whose
``type`` is the verdict; skipped and offline notes are ``<skipped>``; warnings pass, with the
reason in ``<system-out>``. A case's time is its link's fetch time; an ibid repeating a URL
costs nothing.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping

from citecheck.models import DocumentResult, Gate, NoteResult, Report
from citecheck.report._text import (
    by_label,
    full_source_text,
    history_status_text,
    location,
    repo_path,
)
from citecheck.report.scrub import scrub_report
from citecheck.report.verdicts import VERDICTS

# XML 1.0 cannot carry most C0 controls, even escaped; a stray one would make the file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _seconds(ms: int) -> str:
    return f"{ms / 1000:.3f}"


def _fetch_times(report: Report) -> list[dict[int, int]]:
    """Per document, milliseconds per note position. A URL's fetch time goes to the first note
    that cites it itself; ibid/short notes and repeated citations fetched nothing."""
    links = {link.url: link for link in report.links}
    seen: set[str] = set()
    times: list[dict[int, int]] = [{} for _ in report.documents]
    for d, document in enumerate(report.documents):
        for n, result in enumerate(document.notes):
            url = result.url
            if url is None or not result.note.urls or url in seen or url not in links:
                continue
            seen.add(url)
            times[d][n] = links[url].elapsed_ms
    return times


def _at(file: str | None, line: int) -> str:
    """"line 12", or "refs.bib line 12" for a line of another file than the document."""
    return f"{file} line {line}" if file else f"line {line}"


def _describe(result: NoteResult, notes: Mapping[str, NoteResult]) -> str:
    line, column = location(result)
    claims = "\n".join(
        f"claim ({f'p{c.page}:{c.line}' if c.page is not None else _at(c.file, c.line)}): "
        f"{c.text}"
        for c in result.note.claims
    )
    lines = [
        f"[{result.note.label}] {result.status.value}: {result.detail}",
        f"source: {full_source_text(result, notes)}",
    ]
    if result.url is not None:
        lines.append(f"url: {result.url}")
    if result.final_url and result.final_url != result.url:
        lines.append(f"final url: {result.final_url}")
    if result.archive_url:
        lines.append(f"archived copy: {result.archive_url}")
    history = history_status_text(result)
    if history:
        lines.append(f"history: {history}")
    lines.append(f"note [{result.note.label}] at {_at(result.note.file, line)}, column {column}")
    lines.append(claims or "not cited in the text")
    return _clean("\n".join(lines))


def _suite(document: DocumentResult, times: dict[int, int], file: str) -> ET.Element:
    cases = [
        (n, r) for n, r in enumerate(document.notes) if r.url is not None or r.gate is not Gate.PASS
    ]
    failures = sum(1 for _, r in cases if r.gate is Gate.FAIL)
    skipped = sum(
        1 for _, r in cases if r.gate is not Gate.FAIL and VERDICTS[r.status].junit_skipped
    )
    total_ms = sum(times.get(n, 0) for n, _ in cases)
    notes = by_label(document)
    suite = ET.Element(
        "testsuite",
        {
            "name": _clean(document.path),
            "tests": str(len(cases)),
            "failures": str(failures),
            "errors": "0",
            "skipped": str(skipped),
            "time": _seconds(total_ms),
        },
    )
    for n, result in cases:
        line, _ = location(result)
        case = ET.SubElement(
            suite,
            "testcase",
            {
                "classname": _clean(document.path),
                "name": _clean(f"[{result.note.label}] line {line}: {result.url or '(no URL)'}"),
                "file": _clean(file),
                "line": str(line),
                "time": _seconds(times.get(n, 0)),
            },
        )
        if result.gate is Gate.FAIL:
            failure = ET.SubElement(
                case,
                "failure",
                {"message": _clean(f"{result.status.value}: {result.detail}"),
                 "type": result.status.value},
            )
            failure.text = _describe(result, notes)
        elif VERDICTS[result.status].junit_skipped:
            ET.SubElement(case, "skipped", {"message": _clean(result.detail)})
        elif result.gate is Gate.WARN:
            ET.SubElement(case, "system-out").text = "warning: " + _describe(result, notes)
    return suite


def format_junit(report: Report, *, root: str | None = None, cwd: str | None = None) -> str:
    """The report as JUnit XML (UTF-8 declared), one ``<testsuite>`` per document.

    ``root`` and ``cwd`` make each case's ``file`` a path from the repository root, where
    GitLab looks for it (see :func:`~citecheck.report._text.repo_path`).
    """
    report = scrub_report(report)
    times = _fetch_times(report)
    suites = [
        _suite(document, times[d], repo_path(document.path, root=root, cwd=cwd)[0])
        for d, document in enumerate(report.documents)
    ]
    top = ET.Element(
        "testsuites",
        {
            "name": "citecheck",
            "tests": str(sum(int(s.get("tests", "0")) for s in suites)),
            "failures": str(sum(int(s.get("failures", "0")) for s in suites)),
            "errors": "0",
            "skipped": str(sum(int(s.get("skipped", "0")) for s in suites)),
            "time": _seconds(sum(sum(t.values()) for t in times)),
        },
    )
    top.extend(suites)
    ET.indent(top)
    body = ET.tostring(top, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
