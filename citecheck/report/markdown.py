"""The Markdown report: for a pull-request comment or ``$GITHUB_STEP_SUMMARY``.

GitHub-flavoured: the verdict and the gate first, then one table of the notes that need attention
(failures before warnings, marked ❌ / ⚠️), then every note per document in a collapsed
``<details>`` block. Every cell is escaped, so a claim cannot break the table or inject markup.
"""

from __future__ import annotations

import html

from citecheck.models import Diagnostic, DocumentResult, Gate, NoteResult, Report
from citecheck.report._text import (
    claim_text,
    count_phrase,
    display_url,
    gate_status,
    in_file,
    location,
    reason_text,
    shorten,
    shorten_middle,
    source_text,
    verdict_text,
)
from citecheck.report.assemble import summary_line
from citecheck.report.scrub import scrub_report
from citecheck.report.verdicts import GATES

#: Rows per document in the collapsed full tables; a PR comment holds at most 65,536 characters.
MAX_ROWS_PER_DOCUMENT = 500
#: The whole report's budget: under GitHub's 65,536-character limit for a comment, with room
#: for a bot's own header. Past it the full tables go first, then rows of the attention table.
MAX_CHARACTERS = 60_000
_CLAIM_WIDTH = 90
_SOURCE_WIDTH = 60
_URL_WIDTH = 50
# Characters with a meaning inside a GFM table cell. A backslash escapes any ASCII punctuation.
# "$" opens a math span on GitHub ("$5-$10" would render "5-" as a formula).
_SPECIAL = frozenset("\\`*_[]<>|~&$")


def escape_cell(text: str) -> str:
    """``text`` safe inside a GFM table cell: markup escaped, line breaks as ``<br>``."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    escaped = ["".join(f"\\{c}" if c in _SPECIAL else c for c in line) for line in lines]
    return "<br>".join(escaped)


def _link(url: str, text: str) -> str:
    # The <…> form keeps parentheses in the URL; characters that would end it are percent-coded.
    target = url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20").replace("|", "%7C")
    return f"[{escape_cell(text)}](<{target}>)"


def _url_cell(result: NoteResult) -> str:
    if result.url is None:
        return "—"
    return _link(result.url, shorten_middle(display_url(result.url), _URL_WIDTH))


def _reason_cell(result: NoteResult) -> str:
    reason = escape_cell(reason_text(result))
    if result.archive_url:
        reason += f" · {_link(result.archive_url, 'archived copy')}"
    elif result.archive_detail and result.status.is_rotten:
        reason += f" · no archived copy: {escape_cell(result.archive_detail)}"
    return reason


def _cells(result: NoteResult) -> list[str]:
    return [
        GATES[result.gate].emoji,
        escape_cell(result.note.label),
        escape_cell(claim_text(result, _CLAIM_WIDTH)),
        escape_cell(shorten(source_text(result), _SOURCE_WIDTH)),
        _url_cell(result),
        f"`{verdict_text(result)}`",
        _reason_cell(result),
    ]


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [*_head(header), *map(_row, rows)]


def _head(header: list[str]) -> list[str]:
    return [_row(header), "|" + "---|" * len(header)]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


_HEADER = ["", "Note", "Claim", "Source", "URL", "Verdict", "Reason"]


def _attention_rows(report: Report) -> list[str]:
    """The rows of the "Needs attention" table, failures before warnings, as table lines."""
    rows: list[list[str]] = []
    for gate in (Gate.FAIL, Gate.WARN):
        for document in report.documents:
            for result in document.notes:
                if result.gate is gate:
                    line, _ = location(result)
                    page = (result.note.claims[0].page if result.note.claims
                            else result.note.page)
                    at = f"p{page}:{line}" if page is not None else f"{line}"
                    where = escape_cell(f"{in_file(document.path, result.note.file)}:{at}")
                    cells = _cells(result)
                    rows.append([cells[0], where, *cells[1:]])
    return [_row(row) for row in rows]


def _attention(rows: list[str], limit: int | None = None) -> list[str]:
    """The "Needs attention" section with at most ``limit`` of its ``rows``."""
    if not rows:
        return []
    header = [_HEADER[0], "Where", *_HEADER[1:]]
    hidden = len(rows) - limit if limit is not None and len(rows) > limit else 0
    table = [*_head(header), *rows[: len(rows) - hidden]]
    more = [f"… and {hidden} more: see the JSON report.", ""] if hidden else []
    return ["### Needs attention", "", *table, "", *more]


def _diagnostic(path: str, diagnostic: Diagnostic) -> str:
    mark = GATES[Gate.FAIL if diagnostic.severity == "error" else Gate.WARN].emoji
    where = f"line {diagnostic.line}" if diagnostic.line is not None else "document"
    return (
        f"- {mark} `{path}` {where}: {escape_cell(diagnostic.message)} "
        f"(`{diagnostic.code}`)"
    )


def _document(document: DocumentResult) -> list[str]:
    path = document.path.replace("`", "'")
    lines = [
        "<details>",
        # <summary> is raw HTML, where backslash escapes show as written: escape it as HTML.
        f"<summary>{html.escape(document.path)} · {count_phrase(document)}</summary>",
        "",
    ]
    shown = document.notes[:MAX_ROWS_PER_DOCUMENT]
    if shown:
        lines.extend(_table(_HEADER, [_cells(r) for r in shown]))
    else:
        lines.append("No notes found.")
    hidden = len(document.notes) - len(shown)
    if hidden:
        lines.extend(["", f"… and {hidden} more notes: see the JSON report."])
    lines.extend(["", "</details>", ""])
    lines.extend(_diagnostic(path, d) for d in document.diagnostics)
    if document.diagnostics:
        lines.append("")
    return lines


def format_markdown(report: Report) -> str:
    """The report as GitHub-flavoured Markdown, ending in a newline."""
    report = scrub_report(report)
    status = gate_status(report)
    if status is None:
        headline = "⚪ **Network unavailable:** no source could be checked."
    else:
        passed, why = status
        headline = "✅ **Gate passed**" if passed else "❌ **Gate failed**"
        headline += f": {why}" if why else ""
    head = ["## citecheck", "", headline, "", escape_cell(summary_line(report)), ""]

    def render(attention: list[str], documents: list[str]) -> str:
        return "\n".join([*head, *attention, *documents]).rstrip("\n") + "\n"

    rows = _attention_rows(report)  # drawn once, however many times the section is cut
    attention = _attention(rows)
    full = [line for document in report.documents for line in _document(document)]
    text = render(attention, full)
    if len(text) <= MAX_CHARACTERS:
        return text
    # Too long for a comment: every document as one line, then fewer attention rows.
    brief = [*(_brief(document) for document in report.documents), ""]
    text = render(attention, brief)
    limit = len(attention)
    while len(text) > MAX_CHARACTERS and limit > 0:
        limit = limit * 3 // 4
        text = render(_attention(rows, limit), brief)
    return text


def _brief(document: DocumentResult) -> str:
    problems = len(document.diagnostics)
    extra = f", {problems} parse diagnostics" if problems else ""
    return (
        f"- {escape_cell(document.path)}: {count_phrase(document)}{extra} "
        "(full table left out: too long for a comment; see the JSON report)"
    )
