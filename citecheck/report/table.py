"""The terminal table: one row per note, grouped by document, then the summary.

Rendered with rich into a string, so the CLI decides where it goes. Column widths are computed
here from the requested width and every cell is shortened before rich sees it: URLs keep their
host and last segment ("shortened in the middle"), text is cut at a word with "…". Only the
reason column wraps, because the reason is what the reader acts on. Cells are ``rich.text.Text``
values, never markup strings, so a claim containing "[bold]" is shown as written.
"""

from __future__ import annotations

import re
from io import StringIO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from citecheck.models import Diagnostic, DocumentResult, Gate, LinkResult, NoteResult, Report
from citecheck.report._text import (
    claim_text,
    count_phrase,
    display_url,
    gate_line,
    shorten,
    shorten_middle,
    source_text,
)
from citecheck.report.assemble import summary_line
from citecheck.report.scrub import scrub_report
from citecheck.report.verdicts import GATES, VERDICTS

_GAP = 3  # SIMPLE_HEAD box: one divider plus one space of padding either side
_MIN_FLEX = 40
# Widest the claim, source, URL and reason columns grow on a wide terminal.
_CAPS = (80, 50, 60, 60)
_NARROW = 110  # below this many columns the table drops its source column


def _console(buffer: StringIO, width: int, color: bool) -> Console:
    # Every knob that rich would otherwise read from the environment or the terminal is set, so
    # the output depends on the arguments alone.
    return Console(
        file=buffer,
        width=width,
        force_terminal=color,
        force_jupyter=False,
        force_interactive=False,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
        soft_wrap=False,
    )


def fit_widths(natural: list[int], total: int, minimum: int = 8) -> list[int]:
    """Share ``total`` characters among columns that would like ``natural`` widths.

    Water-filling: columns narrower than the common cap keep their natural width, the rest are
    cut to the cap, so one long URL does not squeeze every short reason (and the reverse).
    """
    natural = [max(minimum, n) for n in natural]
    if sum(natural) <= total:
        return natural
    low, high = minimum, max(natural)
    while low < high:
        cap = (low + high + 1) // 2
        if sum(min(n, cap) for n in natural) <= total:
            low = cap
        else:
            high = cap - 1
    widths = [min(n, low) for n in natural]
    spare = total - sum(widths)
    for i, n in enumerate(natural):
        if spare > 0 and n > low:
            widths[i] += 1
            spare -= 1
    return widths


def _shown(document: DocumentResult, quiet: bool) -> list[NoteResult]:
    return [n for n in document.notes if not quiet or n.gate is not Gate.PASS]


def _column_widths(rows: list[NoteResult], width: int) -> tuple[int, ...]:
    """Widths of the note columns, from every row shown, so all documents' tables align."""
    if not rows:
        return ()
    label_w = min(12, max(4, *(len(r.note.label) for r in rows)))
    verdict_w = max(7, *(len(r.status.value) for r in rows))
    natural = [
        min(_CAPS[0], max(len(claim_text(r)) for r in rows)),
        min(_CAPS[2], max(len(display_url(r.url or "—")) for r in rows)),
        min(_CAPS[3], max(len(r.detail) for r in rows)),
    ]
    if width < _NARROW:
        # On a narrow terminal the source column goes first (the JSON keeps it): a claim, a URL
        # and a reason squeezed into a few characters each are unreadable.
        flex = max(_MIN_FLEX, width - 1 - label_w - verdict_w - 5 * _GAP)
        claim_w, url_w, reason_w = fit_widths(natural, flex)
        return 1, label_w, claim_w, 0, url_w, verdict_w, reason_w
    flex = max(_MIN_FLEX, width - 1 - label_w - verdict_w - 6 * _GAP)
    claim_w, source_w, url_w, reason_w = fit_widths(
        [natural[0], min(_CAPS[1], max(len(source_text(r)) for r in rows)), *natural[1:]],
        flex,
    )
    return 1, label_w, claim_w, source_w, url_w, verdict_w, reason_w


def _notes_table(rows: list[NoteResult], widths: tuple[int, ...]) -> Table:
    _, label_w, claim_w, source_w, url_w, verdict_w, reason_w = widths

    table = Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1),
        header_style="bold", expand=False,
    )
    for name, col_width, wrap in (
        ("", 1, False), ("note", label_w, False), ("claim", claim_w, False),
        ("source", source_w, False), ("url", url_w, False), ("verdict", verdict_w, False),
        ("reason", reason_w, True),
    ):
        if not col_width:
            continue
        table.add_column(
            name, width=col_width, no_wrap=not wrap, overflow="fold" if wrap else "ellipsis"
        )
    for result in rows:
        gate = GATES[result.gate]
        url = shorten_middle(display_url(result.url), url_w) if result.url else "—"
        cells = [
            Text(gate.mark, style=gate.style),
            Text(shorten_middle(result.note.label, label_w),
                 style="bold" if result.gate is Gate.FAIL else ""),
            Text(claim_text(result, claim_w)),
            Text(shorten(source_text(result), source_w)) if source_w else None,
            Text(url, style="dim" if result.note.resolves_to and not result.note.urls else ""),
            Text(result.status.value, style=VERDICTS[result.status].style),
            Text(result.detail),
        ]
        table.add_row(*(cell for cell in cells if cell is not None))
    return table


def _diagnostic(diagnostic: Diagnostic) -> Text:
    where = f"line {diagnostic.line}" if diagnostic.line is not None else "document"
    label = f" [{diagnostic.label}]" if diagnostic.label else ""
    style = "red" if diagnostic.severity == "error" else "yellow"
    text = Text("  ")
    text.append(diagnostic.severity, style=style)
    text.append(f" {where}{label}: {diagnostic.message} ({diagnostic.code})")
    return text


def _document(
    document: DocumentResult, widths: tuple[int, ...], quiet: bool
) -> list[RenderableType]:
    rows = _shown(document, quiet)
    diagnostics = [d for d in document.diagnostics if not quiet or d.severity == "error"]
    if quiet and not rows and not diagnostics:
        return []
    heading = Text(document.path, style="bold underline")
    heading.append(f"  {document.format} · {count_phrase(document)}", style="dim")
    parts: list[RenderableType] = [heading]
    if rows:
        parts.append(_notes_table(rows, widths))
    elif not document.notes:
        parts.append(Text("  no notes found", style="dim"))
    parts.extend(_diagnostic(d) for d in diagnostics)
    parts.append(Text(""))
    return parts


def _links_table(links: tuple[LinkResult, ...], width: int) -> Table:
    """Verbose mode: how each distinct URL was fetched (attempts, time, redirect chain)."""
    verdict_w = max(7, *(len(k.status.value) for k in links))
    flex = max(_MIN_FLEX, width - verdict_w - 4 - 5 - 8 - 5 * _GAP)
    url_w, chain_w = fit_widths(
        [
            min(_CAPS[2], max(len(display_url(k.url)) for k in links)),
            min(_CAPS[2], 2 + max((len(display_url(u)) for k in links for u in k.redirects),
                                  default=1)),
        ],
        flex,
    )
    table = Table(
        title="links", title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
        show_edge=False, pad_edge=False, padding=(0, 1), header_style="bold",
    )
    table.add_column("url", width=url_w, no_wrap=True, overflow="ellipsis")
    table.add_column("verdict", width=verdict_w, no_wrap=True)
    table.add_column("http", width=4, justify="right", no_wrap=True)
    table.add_column("tries", width=5, justify="right", no_wrap=True)
    table.add_column("time", width=8, justify="right", no_wrap=True)
    table.add_column("redirects", width=chain_w, no_wrap=True, overflow="ellipsis")
    for link in links:
        chain = "\n".join(
            f"→ {shorten_middle(display_url(u), chain_w - 2)}" for u in link.redirects
        )
        table.add_row(
            Text(shorten_middle(display_url(link.url), url_w)),
            Text(link.status.value, style=VERDICTS[link.status].style),
            Text(str(link.http_status) if link.http_status is not None else "—"),
            Text(str(link.attempts)),
            Text(f"{link.elapsed_ms} ms"),
            Text(chain or "—"),
        )
    return table


def format_table(
    report: Report,
    *,
    width: int = 120,
    color: bool = True,
    quiet: bool = False,
    verbose: bool = False,
) -> str:
    """The report as a terminal table of ``width`` columns.

    Rows that failed the gate are marked "✗", rows that only warned "!", in plain output too.
    ``quiet`` keeps only those rows (and error diagnostics) plus the summary; ``verbose`` adds a
    table of every link with its attempts, timing and redirect chain. With ``color`` False the
    text has no ANSI escapes.
    """
    report = scrub_report(report)
    parts: list[RenderableType] = []
    widths = _column_widths([r for d in report.documents for r in _shown(d, quiet)], width)
    for document in report.documents:
        parts.extend(_document(document, widths, quiet))
    if verbose and report.links:
        parts.extend([_links_table(report.links, width), Text("")])
    summary_style = "bold red" if report.summary.failed else "bold"
    parts.append(Text(summary_line(report), style=summary_style))
    gate = gate_line(report)
    if gate:
        failed = gate.startswith("✗")
        parts.append(Text(gate, style="bold red" if failed else "green"))
    buffer = StringIO()
    _console(buffer, width, color).print(Group(*parts))
    output = buffer.getvalue()
    return "\n".join(_inert(line.rstrip()) for line in output.split("\n"))


# A zero-width space between the colons: the line looks the same but is no workflow command.
_COMMAND_START = re.compile(r"^(\s*(?:\x1b\[[0-9;]*m)*):(?=:)")


def _inert(line: str) -> str:
    """``line``, unless GitHub's runner would read it as a workflow command: it runs any line of
    a step's output that starts with "::" after leading spaces, and a reason folded onto its own
    line can quote a page title such as "::stop-commands::x"."""
    return _COMMAND_START.sub("\\1:\u200b", line)
