"""Markdown for PR comments and step summaries."""

from __future__ import annotations

import re

import pytest

from citecheck.report.markdown import escape_cell, format_markdown

from . import fixtures as fx
from .expected import assert_expected
from .samples import offline_report


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_markdown_rows_keep_their_column_count() -> None:
    markdown = format_markdown(fx.REPORT)
    for block in re.split(r"\n\n", markdown):
        lines = [line for line in block.splitlines() if line.startswith("|")]
        if lines:
            assert len({_unescaped_pipes(line) for line in lines}) == 1, block


def test_markdown_puts_failures_first() -> None:
    markdown = format_markdown(fx.REPORT)
    attention = markdown.split("### Needs attention")[1].split("<details>")[0]
    rows = [line for line in attention.splitlines() if line.startswith("|")][2:]
    marks = [row.split("|")[1].strip() for row in rows]
    assert marks == ["❌"] * 5 + ["⚠️"] * 6


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("a | b", "a \\| b"),
        ("line\nbreak\r\nand\rmore", "line<br>break<br>and<br>more"),
        ("*x* _y_ `z` [l](u) <b> ~s~ &amp; \\", "\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\<b\\> "
         "\\~s\\~ \\&amp; \\\\"),
    ],
)
def test_escape_cell(text: str, cell: str) -> None:
    assert escape_cell(text) == cell


def test_markdown_offline_headline() -> None:
    assert "⚪ **Network unavailable:**" in format_markdown(offline_report())


def test_markdown_matches_frozen_file() -> None:
    assert_expected("report.md", format_markdown(fx.REPORT))
