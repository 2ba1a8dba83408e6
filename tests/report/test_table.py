"""The terminal table: plain and coloured, quiet and verbose, within its width."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

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
        if re.match(r"^[✗! ]   \S", line)
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
    label = re.compile(r"^[✗! ]   (\S+)", re.MULTILINE)
    shown = set(label.findall(quiet)) - {"note"}  # the header row
    assert shown == {"iii", "iv", "v", "vi", "vii", "viii", "ix", "xi", "xiii", "xiv", "1"}
    assert "marker-without-note" in normal and "marker-without-note" not in quiet
    assert "unresolved-short" in quiet  # an error diagnostic is never hidden
    assert quiet.splitlines()[-2:] == normal.splitlines()[-2:]  # the summary stays
    assert "tries" not in normal and "tries" in verbose
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


def test_narrow_table_drops_the_source_column_first() -> None:
    report = fx.REPORT
    wide = format_table(report, width=120, color=False)
    narrow = format_table(report, width=80, color=False)
    assert "source" in next(line for line in wide.splitlines() if "verdict" in line)
    header = next(line for line in narrow.splitlines() if "verdict" in line)
    assert "source" not in header
    assert "claim" in header
    assert "url" in header
    assert all(len(line) <= 80 for line in narrow.splitlines())


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
