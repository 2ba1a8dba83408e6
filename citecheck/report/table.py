"""The terminal table: one line per note, grouped by document, then the summary.

Laid out for the width it is given, in the order a reader needs: whether the gate failed (✗)
or warned (!), the note, its verdict, the URL (host and path end), the claim's start, the
reason, and from 160 columns the source. Every cell is shortened before it is drawn and no row
wraps: a URL keeps its host and last segment, text is cut at a word with "…". The full text of
every row is in ``--output lines`` and the JSON report.

A cause every row would repeat (no network) is said once above the rows. Beyond
:data:`~citecheck.report._layout.MAX_ROWS` rows only the problems are drawn, with one line
counting the rest (``show_all`` draws them). Rows are drawn by hand rather than by
``rich.table``: every cell is one line of known width, and 2,000 rows draw in a fraction of the
time. Cells are plain strings painted with rich styles, so a claim containing "[bold]" is shown
as written.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len, set_cell_size
from rich.color import ColorSystem
from rich.style import Style

from citecheck.models import Diagnostic, DocumentResult, Gate, LinkResult, NoteResult, Report
from citecheck.report._layout import compact_rows, row_reason, run_wide_cause, url_cell
from citecheck.report._text import (
    claim_text,
    count_phrase,
    display_url,
    gate_line,
    shorten,
    shorten_middle,
    source_text,
    verdict_text,
)
from citecheck.report.assemble import summary_line
from citecheck.report.scrub import scrub_report
from citecheck.report.verdicts import GATES, VERDICTS, verdict_phrase

_GAP = "  "
#: From this width the table shows the source column (the JSON and --output lines have the
#: claim and URL in full; the source's author and title are the least needed to act).
SOURCE_FROM = 160


@dataclass(frozen=True, slots=True)
class _Flex:
    """A column that takes what the fixed ones leave: at least ``least``, at most ``most``."""

    name: str
    least: int
    most: int


def _flex_columns(width: int) -> tuple[_Flex, ...]:
    """The flexible columns at one terminal width, in the order they are given room.

    The URL comes first (a reader must find the source to fix it), then the claim's start (to
    know what is at stake), then the reason; the source's author and title only from
    :data:`SOURCE_FROM` columns, after the rest.
    """
    if width < 100:
        return (_Flex("url", 22, 26), _Flex("claim", 18, 24), _Flex("reason", 12, 40))
    if width < SOURCE_FROM:
        return (_Flex("url", 28, 44), _Flex("claim", 18, 32), _Flex("reason", 16, 48))
    return (_Flex("url", 36, 56), _Flex("claim", 28, 44), _Flex("reason", 24, 70),
            _Flex("source", 18, 40))


def share_room(natural: Sequence[int], flex: Sequence[_Flex], room: int) -> list[int]:
    """Widths for the flexible columns: each gets its least (or less, if its text is shorter),
    then spare room goes to them in order, each up to its most, then up to its text's width."""
    widths = [min(n, f.least) for n, f in zip(natural, flex, strict=True)]
    spare = room - sum(widths)
    # Up to each column's most first; room still left (a column was dropped, texts are short)
    # goes to any column whose text is longer.
    first = [min(n, f.most) for n, f in zip(natural, flex, strict=True)]
    # The claim's words gain most from extra room; a URL already shows its host and path end.
    second = sorted(range(len(flex)), key=lambda i: _LEFTOVER.index(flex[i].name))
    for order, limit in ((range(len(flex)), first), (second, list(natural))):
        for i in order:
            grow = max(0, min(spare, limit[i] - widths[i]))
            widths[i] += grow
            spare -= grow
    return widths


_LEFTOVER = ("claim", "reason", "source", "url")


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


@lru_cache(maxsize=64)
def _style(name: str) -> Style:
    return Style.parse(name)


class _Painter:
    """Text in rich styles as ANSI escapes (or as it is, without colour)."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, style: str = "") -> str:
        if not self.color or not style or not text:
            return text
        return _style(style).render(text, color_system=ColorSystem.STANDARD)


@dataclass(frozen=True, slots=True)
class _Column:
    name: str
    width: int
    right: bool = False


def _cell(text: str, width: int, right: bool = False) -> str:
    if cell_len(text) > width:
        text = shorten(text, width) if cell_len(shorten(text, width)) <= width else (
            set_cell_size(text, width))
    pad = " " * (width - cell_len(text))
    return pad + text if right else text + pad


def _line(columns: Sequence[_Column], cells: Sequence[tuple[str, str]], paint: _Painter) -> str:
    parts = [paint(_cell(text, column.width, column.right), style)
             for column, (text, style) in zip(columns, cells, strict=True)]
    return _GAP.join(parts).rstrip()


def _header(columns: Sequence[_Column], paint: _Painter) -> list[str]:
    head = _line(columns, [(c.name, "bold") for c in columns], paint)
    total = sum(c.width for c in columns) + len(_GAP) * (len(columns) - 1)
    return [head, "─" * total]


def _note_columns(rows: list[NoteResult], reasons: list[str], width: int) -> list[_Column]:
    """The note table's columns, sized from every row shown so all documents' tables align."""
    label_w = min(8, max(4, *(len(r.note.label) for r in rows)))
    natural = {
        "url": max(len(display_url(r.url or "—")) for r in rows),
        "claim": max(len(claim_text(r)) for r in rows),
        "source": max(len(source_text(r)) for r in rows),
        "reason": max(len(reason) for reason in reasons),
    }
    # No reason column when the run-wide cause above the rows says every reason.
    flex = [f for f in _flex_columns(width) if f.name != "reason" or natural["reason"]]
    # What a run adds to a verdict ("dead · archived 2020-11-17") is shown, for every row, when
    # it fits beside the URL and the claim at their full room and the rest at their least (on a
    # wide terminal); else the verdicts alone are, and the lines output (-o lines) says it all.
    least = sum(min(natural[f.name], f.most if f.name in ("url", "claim") else f.least)
                for f in flex)
    room = width - (1 + label_w + len(_GAP) * (2 + len(flex)) + least)
    full = max(len(verdict_text(r)) for r in rows)
    verdict_w = max(7, full if full <= room else max(len(r.status.value) for r in rows))
    fixed = 1 + label_w + verdict_w + len(_GAP) * (2 + len(flex))
    widths = share_room([natural[f.name] for f in flex], flex, width - fixed)
    by_name = {f.name: w for f, w in zip(flex, widths, strict=True)}
    order = [name for name in ("url", "claim", "source", "reason") if name in by_name]
    return [
        _Column("", 1), _Column("note", label_w), _Column("verdict", verdict_w),
        *(_Column(name, max(1, by_name[name])) for name in order),
    ]


def _verdict_cell(result: NoteResult, width: int) -> str:
    text = verdict_text(result)
    return text if len(text) <= width else result.status.value


def _note_cells(
    result: NoteResult, reason: str, columns: Sequence[_Column]
) -> list[tuple[str, str]]:
    gate = GATES[result.gate]
    cells: list[tuple[str, str]] = [
        (gate.mark, gate.style),
        (shorten_middle(result.note.label, columns[1].width),
         "bold" if result.gate is Gate.FAIL else ""),
        (_verdict_cell(result, columns[2].width), VERDICTS[result.status].style),
    ]
    for column in columns[3:]:
        if column.name == "url":
            inherited = result.note.resolves_to is not None and not result.note.urls
            cells.append((url_cell(result.url, column.width) if result.url else "—",
                          "dim" if inherited else ""))
        elif column.name == "claim":
            cells.append((claim_text(result, column.width), ""))
        elif column.name == "source":
            cells.append((shorten(source_text(result), column.width), ""))
        else:
            cells.append((shorten(reason, column.width), ""))
    return cells


def _wrapped(text: str, width: int, style: str, paint: _Painter, indent: str = "") -> list[str]:
    """A line of prose folded at words to ``width`` (continuation lines indented)."""
    lines = textwrap.wrap(text, width=max(20, width), initial_indent=indent,
                          subsequent_indent=indent + "  ", break_on_hyphens=False) or [""]
    return [paint(line, style) for line in lines]


def _diagnostic(diagnostic: Diagnostic, width: int, paint: _Painter) -> list[str]:
    where = "document"
    if diagnostic.line is not None:
        where = (f"p{diagnostic.page}:{diagnostic.line}" if diagnostic.page is not None
                 else f"line {diagnostic.line}")
    label = f" [{diagnostic.label}]" if diagnostic.label else ""
    style = "red" if diagnostic.severity == "error" else "yellow"
    lines = _wrapped(f"{diagnostic.severity} {where}{label}: {diagnostic.message} "
                     f"({diagnostic.code})", width, "", paint, indent="  ")
    # Only the severity word is coloured.
    lines[0] = lines[0].replace(diagnostic.severity, paint(diagnostic.severity, style), 1)
    return lines


def _hidden_line(hidden: Sequence[NoteResult], width: int, paint: _Painter) -> list[str]:
    counts: dict[object, int] = {}
    for row in hidden:
        counts[row.status] = counts.get(row.status, 0) + 1
    words = " · ".join(verdict_phrase(v, n) for v, n in counts.items())  # type: ignore[arg-type]
    noun = "row" if len(hidden) == 1 else "rows"
    return _wrapped(f"… and {len(hidden)} passing {noun} not shown ({words}); --all shows "
                    "every row", width, "dim", paint, indent="  ")


def _document(
    document: DocumentResult,
    *,
    shown: list[NoteResult],
    columns: list[_Column],
    report: Report,
    quiet: bool,
    width: int,
    paint: _Painter,
) -> list[str]:
    diagnostics = [d for d in document.diagnostics if not quiet or d.severity == "error"]
    drawn = {id(n) for n in shown}
    hidden = [] if quiet else [n for n in document.notes
                               if n.gate is Gate.PASS and id(n) not in drawn]
    if quiet and not shown and not diagnostics:
        return []
    heading = f"  {document.format} · {count_phrase(document)}"
    lines = [paint(document.path, "bold underline") + paint(heading, "dim")]
    if cell_len(document.path) + len(heading) > width:  # a long path: own line
        lines = [paint(document.path, "bold underline"), paint(heading, "dim")]
    if shown:
        lines.extend(_header(columns, paint))
        lines.extend(_line(columns, _note_cells(r, row_reason(r, report), columns), paint)
                     for r in shown)
    elif not document.notes:
        lines.append(paint("  no notes found", "dim"))
    if hidden:
        lines.extend(_hidden_line(hidden, width, paint))
    for diagnostic in diagnostics:
        lines.extend(_diagnostic(diagnostic, width, paint))
    lines.append("")
    return lines


def _links_table(links: Sequence[LinkResult], width: int, paint: _Painter) -> list[str]:
    """Verbose mode: how each distinct URL was fetched (attempts, time, redirect chain)."""
    verdict_w = max(7, *(len(k.status.value) for k in links))
    chains = [" → ".join(display_url(u) for u in k.redirects) for k in links]
    fixed = verdict_w + 4 + 5 + 8 + 5 * len(_GAP)
    url_w, chain_w = fit_widths(
        [min(70, max(len(display_url(k.url)) for k in links)),
         min(90, 2 + max((len(c) for c in chains), default=1))],
        max(16, width - fixed),
    )
    columns = [_Column("url", url_w), _Column("verdict", verdict_w),
               _Column("http", 4, right=True), _Column("tries", 5, right=True),
               _Column("time", 8, right=True), _Column("redirects", chain_w)]
    lines = [paint("links", "bold"), *_header(columns, paint)]
    for link, chain in zip(links, chains, strict=True):
        lines.append(_line(columns, [
            (url_cell(link.url, url_w), ""),
            (link.status.value, VERDICTS[link.status].style),
            (str(link.http_status) if link.http_status is not None else "—", ""),
            (str(link.attempts), ""),
            (f"{link.elapsed_ms} ms", ""),
            (shorten_middle("→ " + chain, chain_w) if chain else "—", ""),
        ], paint))
    return lines


def format_table(
    report: Report,
    *,
    width: int = 120,
    color: bool = True,
    quiet: bool = False,
    verbose: bool = False,
    show_all: bool = False,
) -> str:
    """The report as a terminal table of ``width`` columns.

    Rows that failed the gate are marked "✗", rows that only warned "!", in plain output too.
    ``quiet`` keeps only those rows (and error diagnostics) plus the summary; ``verbose`` adds a
    table of every link with its attempts, timing and redirect chain, and like ``show_all``
    draws every row however many there are. With ``color`` False the text has no ANSI escapes.
    """
    report = scrub_report(report)
    paint = _Painter(color)
    lines: list[str] = []
    cause = run_wide_cause(report)
    if cause:
        lines.extend([*_wrapped(cause, width, "bold yellow", paint), ""])
    every = [r for d in report.documents for r in d.notes if not quiet or r.gate is not Gate.PASS]
    drawn, _ = compact_rows(every, show_all=show_all or verbose)
    drawn_ids = {id(r) for r in drawn}
    if drawn:
        reasons = [row_reason(r, report) for r in drawn]
        columns = _note_columns(drawn, reasons, width)
    else:
        columns = []
    for document in report.documents:
        shown = [r for r in document.notes if id(r) in drawn_ids]
        lines.extend(_document(document, shown=shown, columns=columns, report=report,
                               quiet=quiet, width=width, paint=paint))
    if verbose and report.links:
        lines.extend([*_links_table(report.links, width, paint), ""])
    lines.extend(_wrapped(summary_line(report), width,
                          "bold red" if report.summary.failed else "bold", paint))
    gate = gate_line(report)
    if gate:
        lines.extend(_wrapped(gate, width, "bold red" if gate.startswith("✗") else "green",
                              paint))
    return "\n".join(inert(line.rstrip()) for line in lines) + "\n"


# A zero-width space between the colons: the line looks the same but is no workflow command.
_COMMAND_START = re.compile(r"^(\s*(?:\x1b\[[0-9;]*m)*):(?=:)")


def inert(line: str) -> str:
    """``line``, unless GitHub's runner would read it as a workflow command: it runs any line of
    a step's output that starts with "::" after leading spaces, and a cell can quote a page
    title such as "::stop-commands::x"."""
    return _COMMAND_START.sub("\\1:\u200b", line)
