"""What the terminal table and the linter-style lines share: the run-wide cause, URL cells,
and which rows a large report shows.

A cause that every row would repeat (the network was unavailable) is said once, above the rows;
a row then leaves its reason empty rather than repeat it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from citecheck.models import Gate, NoteResult, Report, Verdict
from citecheck.report._text import ELLIPSIS, display_url, reason_text, shorten_middle

#: Beyond this many rows a table shows only the problems (``--all`` shows every row).
MAX_ROWS = 200


def run_wide_cause(report: Report) -> str | None:
    """The one cause that explains every unchecked row, or None when there is none."""
    if not report.offline:
        return None
    details = {link.detail for link in report.links if link.status is Verdict.OFFLINE}
    cause = details.pop() if len(details) == 1 else "network unavailable"
    return f"{cause}, so no source could be checked"


def row_reason(result: NoteResult, report: Report) -> str:
    """A row's reason, or "" when the run-wide cause above the rows already says it."""
    if report.offline and result.status is Verdict.OFFLINE:
        return ""
    return reason_text(result)


def url_cell(url: str, width: int) -> str:
    """A URL in ``width`` characters, keeping what identifies it: the host and the path's end.

    "www.usip.org/publications/2020/08/five-things-know" at 30 reads
    "www.usip.org/…/five-things-know"; a host too long for that is shortened in the middle.
    """
    shown = display_url(url)
    if len(shown) <= width:
        return shown
    parts = urlsplit(url)
    scheme = shown[: shown.index("://") + 3] if "://" in shown else ""
    rest = shown[len(scheme):]
    host = scheme + rest.split("/", 1)[0]
    if not parts.netloc or "/" not in rest or len(host) + 8 > width:
        return shorten_middle(shown, width)  # too little room left for the path's end
    room = width - len(host) - 2  # host + "/…"
    tail = shown[len(shown) - room :] if room > 0 else ""
    return f"{host}/{ELLIPSIS}{tail}"


def compact_rows(
    rows: list[NoteResult], *, show_all: bool, max_rows: int = MAX_ROWS
) -> tuple[list[NoteResult], int]:
    """The rows to draw and how many passing rows were left out.

    Up to ``max_rows`` rows every one is drawn; beyond, only the rows the gate failed or warned
    about, since a reader scrolling thousands of live rows misses the dead ones (and drawing
    them is slow). ``show_all`` draws every row.
    """
    if show_all or len(rows) <= max_rows:
        return rows, 0
    problems = [row for row in rows if row.gate is not Gate.PASS]
    return problems, len(rows) - len(problems)
