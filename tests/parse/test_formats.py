"""The one suffix table: every suffix that parses when named is also found by a directory walk."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.collect.documents import discover
from citecheck.models import DocumentFormat
from citecheck.parse.formats import DOCUMENT_SUFFIXES, SUFFIX_FORMATS, detect_format


@pytest.mark.parametrize(("suffix", "fmt"), sorted(SUFFIX_FORMATS.items()))
def test_every_suffix_names_its_format(suffix: str, fmt: DocumentFormat) -> None:
    assert detect_format("plain words", f"dir/notes{suffix}") is fmt
    assert detect_format("plain words", f"dir/NOTES{suffix.upper()}") is fmt


def test_directory_walk_reads_every_suffix_the_parser_knows(tmp_path: Path) -> None:
    # Deliberate fix: .mdown, .mkd, .xhtml and .text files used to be skipped by a directory
    # walk (inputs kept its own, shorter list) although each parses when named directly.
    for suffix in SUFFIX_FORMATS:
        (tmp_path / f"doc{suffix}").write_text("A claim.[1]\n\n[1] https://example.org/\n")
    (tmp_path / "notes.adoc").write_text("not a document citecheck reads\n")
    found = {Path(path).name for path in discover([str(tmp_path)])}
    assert found == {f"doc{suffix}" for suffix in SUFFIX_FORMATS}
    assert frozenset(SUFFIX_FORMATS) == DOCUMENT_SUFFIXES


def test_mdown_directory_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "chapter.mdown").write_text("Text.[^1]\n\n[^1]: https://example.org/\n")
    assert discover([str(tmp_path)]) == [str(tmp_path / "chapter.mdown")]


def test_unknown_suffix_is_sniffed() -> None:
    assert detect_format("<!doctype html><p>x</p>", "page.php") is DocumentFormat.HTML
    assert detect_format("x[^1]\n\n[^1]: y\n", "notes.adoc") is DocumentFormat.MARKDOWN
    assert detect_format("x", "no-suffix") is DocumentFormat.TEXT
    assert detect_format("x", "dir.md/file") is DocumentFormat.TEXT


@pytest.mark.parametrize(
    "text",
    [
        "Talks began [1]_.\n\n.. [1] Smith. https://example.org/a\n",
        "Talks began [#gone]_.\n\n.. [#gone] Doe. https://example.org/b\n",
        "Talks [*]_.\n\n.. [*] Doe. https://example.org/c\n",
        "As shown [CIT2002]_.\n\n.. [CIT2002] Doe. https://example.org/d\n",
        "See `the report`_.\n\n.. _the report: https://example.org/e\n",
    ],
)
def test_restructuredtext_on_stdin_is_sniffed(text: str) -> None:
    # `cat guide.rst | citecheck -` read these as plain text: "no cited claims found", gate passed.
    assert detect_format(text, "-") is DocumentFormat.RST


@pytest.mark.parametrize(
    "text",
    [
        "A claim.[1]\n\n[1] Smith. https://example.org/\n",
        "Wait.. [1] is not a definition\n",
        "x[^1]\n\n[^1]: y\n\n.. [2] z\n",  # Markdown footnotes win
    ],
)
def test_plain_text_and_markdown_are_not_taken_for_restructuredtext(text: str) -> None:
    assert detect_format(text, "-") is not DocumentFormat.RST


def test_a_txt_file_holding_markdown_footnote_definitions_is_markdown() -> None:
    # Pandoc Markdown saved as .txt: its notes, reference links and emphasis are Markdown's.
    markdown = "A claim.[^1]\n\n[^1]: See the [timeline][].\n\n  [timeline]: http://example.org/t\n"
    assert detect_format(markdown, "essay.txt") is DocumentFormat.MARKDOWN
    assert detect_format("A claim [^1] in prose.\n\n1. https://example.org/\n", "a.txt") is (
        DocumentFormat.TEXT
    )
    assert detect_format(markdown, "essay.rst") is DocumentFormat.RST


def test_a_markdown_txt_notes_take_urls_from_link_definitions_after_them() -> None:
    from citecheck.parse import parse_document

    text = (
        "% Title\n\nA claim.[^1]\n\n"
        "[^1]: For more, see the [timeline I am compiling][] and\n"
        "    [the exhibit][ex].\n\n"
        "  [timeline I am compiling]: http://example.org/Slave%20Impressment\n"
        "  [ex]: http://example.org/exhibit/1\n"
    )
    document = parse_document(text, "essay.txt")
    assert [(n.label, n.urls) for n in document.notes] == [
        ("1", ("http://example.org/Slave%20Impressment", "http://example.org/exhibit/1"))
    ]
