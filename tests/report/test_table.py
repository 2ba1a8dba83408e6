"""The terminal table: plain and coloured, quiet and verbose, within its width."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from rich.console import Console
from rich.text import Text

from citecheck.models import Claim, Document
from citecheck.report.assemble import assemble
from citecheck.report.table import fit_widths, format_table

from . import fixtures as fx
from .expected import assert_expected
from .samples import offline_report

ANSI = re.compile(r"\x1b\[")


def test_plain_table_has_no_ansi_and_colour_table_does() -> None:
    plain = format_table(fx.REPORT, color=False)
    coloured = format_table(fx.REPORT, color=True)
    assert not ANSI.search(plain)
    assert ANSI.search(coloured)
    stripped = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    assert not ANSI.search(stripped)
    assert [line.rstrip() for line in stripped.splitlines()] == plain.splitlines()


def test_table_marks_gates_without_colour() -> None:
    rows = {
        line.split()[1] if line[0] in "✗!" else line.split()[0]: line[0]
        for line in format_table(fx.REPORT, color=False).splitlines()
        if re.match(r"^[✗! ]  \S", line)
    }
    assert rows["iv"] == rows["v"] == rows["xiii"] == rows["1"] == "✗"
    assert rows["iii"] == rows["xiv"] == "!"
    assert rows["i"] == " "


def test_table_shows_markup_literally() -> None:
    doc = Document(path="[red]x[/red].md", format="markdown", notes=(
        replace(fx.N_I, claims=(Claim(line=1, text="[bold]loud[/bold] :smile:"),)),
    ))
    report = assemble([doc], fx.LINKS, policy=fx.POLICY, offline=False, version="0",
                      generated_at=fx.GENERATED_AT)
    table = format_table(report, color=False, width=160)
    assert "[red]x[/red].md" in table
    assert "[bold]loud[/bold] :smile:" in table


@pytest.mark.parametrize("width", [80, 100, 120, 160, 200])
@pytest.mark.parametrize("verbose", [False, True])
def test_table_fits_its_width(width: int, verbose: bool) -> None:
    table = format_table(fx.REPORT, width=width, color=False, verbose=verbose)
    assert max(len(line) for line in table.splitlines()) <= width


def test_quiet_and_verbose() -> None:
    normal = format_table(fx.REPORT, color=False)
    quiet = format_table(fx.REPORT, color=False, quiet=True)
    verbose = format_table(fx.REPORT, color=False, verbose=True)
    label = re.compile(r"^[✗! ]  (\S+)", re.MULTILINE)
    shown = set(label.findall(quiet)) - {"note"}  # the header row
    assert shown == {"iii", "iv", "v", "vi", "vii", "viii", "ix", "xi", "xiii", "xiv", "1"}
    assert "marker-without-note" in normal and "marker-without-note" not in quiet
    assert "unresolved-short" in quiet  # an error diagnostic is never hidden
    assert quiet.splitlines()[-2:] == normal.splitlines()[-2:]  # the summary stays
    assert not re.search(r"\btries\b", normal) and re.search(r"\btries\b", verbose)
    assert "20000 ms" in verbose
    assert "→ news.un.org" in verbose  # the redirect chain


def test_quiet_table_of_a_clean_run_is_only_the_summary() -> None:
    links = {fx.USIP: fx.L_USIP}
    doc = Document(path="ok.txt", format="text", notes=(fx.N_I, fx.N_II))
    report = assemble([doc], links, policy=fx.POLICY, offline=False, version="0",
                      generated_at=fx.GENERATED_AT)
    assert format_table(report, color=False, quiet=True) == (
        "2 of 2 claims have a live source\n✓ gate passed\n"
    )


def test_offline_table_explains() -> None:
    table = format_table(offline_report(), color=False)
    assert "network unavailable: 1 of 19 claims could be checked" in table
    assert "gate" not in table


@pytest.mark.parametrize(
    ("options", "filename"),
    [({}, "table.txt"), ({"quiet": True}, "table-quiet.txt"),
     ({"verbose": True}, "table-verbose.txt")],
)
def test_table_matches_frozen_file(options: dict[str, bool], filename: str) -> None:
    assert_expected(filename, format_table(fx.REPORT, color=False, **options))


def test_verdicts_wear_their_colours() -> None:
    coloured = format_table(fx.REPORT, color=True)
    assert "\x1b[1;31mdead" in coloured  # VERDICTS[Verdict.DEAD].style == "bold red"
    assert "\x1b[32mlive" in coloured
    assert "\x1b[36mmoved" in coloured


def test_output_ignores_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = format_table(fx.REPORT, color=False, width=100)
    for name, value in [("COLUMNS", "40"), ("NO_COLOR", "1"), ("FORCE_COLOR", "1"),
                        ("TERM", "dumb"), ("TTY_COMPATIBLE", "1")]:
        monkeypatch.setenv(name, value)
    assert format_table(fx.REPORT, color=False, width=100) == expected


@pytest.mark.parametrize(
    ("natural", "total", "widths"),
    [
        ([10, 20, 30], 100, [10, 20, 30]),  # everything fits
        ([10, 50, 60], 70, [10, 30, 30]),  # the short column keeps its width
        ([40, 40, 40], 61, [21, 20, 20]),  # the spare character goes to the first
        ([2, 3], 100, [8, 8]),  # never below the minimum
    ],
)
def test_fit_widths(natural: list[int], total: int, widths: list[int]) -> None:
    assert fit_widths(natural, total) == widths


def _header(table: str) -> list[str]:
    return next(line for line in table.splitlines() if "verdict" in line).split()


def _on_terminal(table: str, width: int) -> list[str]:
    """The table as a terminal of ``width`` columns shows it (rich's recording console): a line
    longer than the terminal would wrap and come back as two."""
    console = Console(record=True, width=width, file=io.StringIO(), color_system=None,
                      soft_wrap=False, markup=False, highlight=False, emoji=False)
    console.print(Text(table.rstrip("\n")), overflow="fold")
    return console.export_text().rstrip("\n").split("\n")


@pytest.mark.parametrize(
    ("width", "columns"),
    [
        # 80: what a reader needs first: verdict, note, URL (host + path end), claim, reason.
        (80, ["note", "verdict", "url", "claim", "reason"]),
        (120, ["note", "verdict", "url", "claim", "reason"]),
        # 200: room for the source's author and title too.
        (200, ["note", "verdict", "url", "claim", "source", "reason"]),
    ],
)
def test_layout_at_each_width_keeps_one_line_per_row(width: int, columns: list[str]) -> None:
    table = format_table(fx.REPORT, width=width, color=False)
    assert _header(table) == columns
    shown = _on_terminal(table, width)
    assert shown == table.rstrip("\n").split("\n")  # nothing wrapped on the terminal
    rows = [line for line in shown if re.match(r"^[✗! ]  \S", line) and "verdict" not in line]
    assert len(rows) == 19  # one line per note, the reason never folded onto a second line
    dead = next(line for line in rows if re.match(r"^✗  iv ", line))
    # The URL keeps its host and the end of its path, whatever the width.
    assert "www.aljazeera.com/…" in dead and dead.split("…")[1].split()[0].endswith("crisis")
    assert "HTTP 404" in dead


def test_claim_and_reason_get_room_as_the_terminal_grows() -> None:
    def cell(width: int, column: str) -> int:
        header = next(line for line in format_table(fx.REPORT, width=width, color=False)
                      .splitlines() if "verdict" in line)
        start = header.index(column)
        after = [header.index(c) for c in ("claim", "source", "reason") if c in header
                 and header.index(c) > start]
        return (min(after) if after else width) - start

    for column in ("url", "claim", "reason"):
        assert cell(80, column) < cell(120, column) <= cell(200, column), column


def test_offline_cause_is_said_once_above_the_rows() -> None:
    table = format_table(offline_report(), width=80, color=False)
    lines = table.splitlines()
    assert lines[0] == "network unreachable, so no source could be checked"
    assert table.count("network unreachable") == 1
    offline_rows = [line for line in lines if re.match(r"^ +\w+ +offline ", line)]
    assert len(offline_rows) == 14
    assert all(line == line.rstrip() and not line.endswith("unreachable")
               for line in offline_rows)


def test_large_report_shows_the_problems_and_counts_the_rest() -> None:
    notes = [replace(fx.N_I, label=str(i), index=i) for i in range(300)]
    notes.append(replace(fx.N_IV, label="300", index=300))
    doc = Document(path="big.md", format="markdown", notes=tuple(notes))
    report = assemble([doc], fx.LINKS, policy=fx.POLICY, offline=False, version="0",
                      generated_at=fx.GENERATED_AT)
    compact = format_table(report, width=100, color=False)
    rows = [line for line in compact.splitlines() if re.match(r"^[✗! ]  \d", line)]
    assert rows == [next(line for line in compact.splitlines() if line.startswith("✗  300"))]
    assert "… and 300 passing rows not shown (300 live); --all shows every row" in compact
    full = format_table(report, width=100, color=False, show_all=True)
    assert len([line for line in full.splitlines() if re.match(r"^[✗! ]  \d", line)]) == 301
    assert "not shown" not in full
    assert format_table(report, width=100, color=False, verbose=True).count("live") > 300


def test_no_line_reads_as_a_github_workflow_command() -> None:
    # The Actions runner runs any output line that starts with "::" after leading spaces; a
    # reason quoting a page title must not, once wrapped, forge an annotation or stop commands.
    link = replace(fx.L_ALJAZEERA, detail="page title no longer matches: ::stop-commands::x "
                   "then ::error file=a,line=1::forged and ::add-mask::secret words")
    links = {**fx.LINKS, fx.ALJAZEERA: link}
    report = assemble(fx.DOCUMENTS, links, policy=fx.POLICY, offline=False, version="0",
                      generated_at=fx.GENERATED_AT)
    for width in range(60, 141, 3):
        table = format_table(report, width=width, color=False, verbose=True)
        assert not [line for line in table.splitlines() if line.lstrip().startswith("::")], width
