"""Markdown for PR comments and step summaries."""

from __future__ import annotations

import html as htmllib
import re

import pytest
from markdown_it import MarkdownIt

from citecheck.models import Claim, Document, Note, NoteKind, Report
from citecheck.report.assemble import assemble
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


# ---------------------------------------------------------------- read back by a CommonMark parser


def _render(markdown: str) -> str:
    # CommonMark with raw HTML (as GitHub allows <details>) and GFM tables.
    return MarkdownIt("commonmark").enable("table").render(markdown)


def _report_with(path: str, claim: str) -> Report:
    note = Note(label="1", index=0, line=2, kind=NoteKind.FULL, text="x", urls=(fx.ALJAZEERA,),
                claims=(Claim(line=2, text=claim),))
    return assemble([Document(path, "markdown", (note,))], fx.LINKS, policy=fx.POLICY,
                    offline=False, version="0", generated_at=fx.GENERATED_AT)


@pytest.mark.parametrize("path", ["seeds/000_f49f.txt", "a*b*/<x> & y.md", "docs/c`d`.md"])
def test_summary_shows_the_document_path_as_written(path: str) -> None:
    # <summary> sits in a raw HTML block, where Markdown backslash escapes are not processed:
    # the path must be HTML-escaped there, or "000_f49f" shows as "000\_f49f".
    html = _render(format_markdown(_report_with(path, "claim")))
    summary = re.search(r"<summary>(.*?) · 1 note</summary>", html)
    assert summary is not None
    assert htmllib.unescape(summary.group(1)) == path


@pytest.mark.parametrize(
    "claim",
    [
        'It cost $5-$10 | a "share" <b>&amp; more</b> *x* _y_ `z` [l](u) \\ ~s~ 50%',
        "a claim with\na newline and :: colons, commas",
    ],
)
def test_claim_cell_reads_back_as_the_claim(claim: str) -> None:
    markdown = format_markdown(_report_with("a.md", claim))
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    cells: list[str] = []
    for i, token in enumerate(tokens):
        if token.type == "td_open":
            inline = tokens[i + 1]
            cells.append("".join(c.content if c.type != "softbreak" else "\n"
                                 for c in inline.children or []
                                 if c.type in ("text", "code_inline", "softbreak")))
    # Both tables (attention and the full one) carry the claim, its whitespace normalised.
    expected = " ".join(claim.split())
    assert sum(cell == expected for cell in cells) == 2, cells
    # A GitHub math span needs an unescaped "$": none is left.
    assert re.search(r"(?<!\\)\$", markdown) is None


def test_a_huge_report_still_fits_in_a_pull_request_comment() -> None:
    from dataclasses import replace

    from citecheck.report.markdown import MAX_CHARACTERS

    documents = tuple(
        replace(document, path=f"chapter-{i}/{document.path}", notes=document.notes * 40)
        for i in range(6)
        for document in fx.REPORT.documents
    )
    big = replace(fx.REPORT, documents=documents)
    text = format_markdown(big)
    assert len(text) <= MAX_CHARACTERS
    assert "full table left out" in text
    assert re.search(r"… and \d+ more: see the JSON report\.", text)
    assert text.startswith("## citecheck\n")
    MarkdownIt("commonmark").enable("table").parse(text)  # still well-formed
    # A normal report is untouched by the budget.
    assert "left out" not in format_markdown(fx.REPORT)
