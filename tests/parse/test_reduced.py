"""The reduced reading (parse/reduced.py): a document too dense to read in full in time.

Pinned by what is called and what comes back, never by timing: past the bound no format's full
reader runs, every URL is still listed once, bracketed notes keep their first marker, and one
``document-too-dense`` diagnostic says so. Under the bound nothing changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from citecheck.models import DiagnosticCode, DocumentFormat, NoteKind
from citecheck.parse import parse_document, reduced
from citecheck.parse.reduced import MAX_WORK, read_reduced, too_dense, work_estimate
from citecheck.parse.urls import extract_urls

DENSE = "[x](https://e.org/a) " * (MAX_WORK // 10 + 1)


def _no_reader(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("a full reader ran on a document past the bound")


@pytest.fixture
def readers_off(monkeypatch: pytest.MonkeyPatch) -> None:
    from citecheck.parse import html, latex, markdown, rst, text

    for module, name in ((text, "read_text"), (markdown, "read_markdown"), (html, "read_html"),
                         (latex, "read_latex"), (latex, "read_bibtex"), (rst, "read_rst")):
        monkeypatch.setattr(module, name, _no_reader)


@pytest.mark.usefixtures("readers_off")
@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".rst", ".tex", ".bib"])
def test_past_the_bound_no_full_reader_runs_and_the_urls_are_listed(suffix: str) -> None:
    body = "".join(f"See [x](https://e.org/{i % 3}) " for i in range(MAX_WORK // 10 + 1))
    document = parse_document(body + "\n", "dense" + suffix)
    assert [note.urls for note in document.notes] == [
        ("https://e.org/0",), ("https://e.org/1",), ("https://e.org/2",)
    ]
    assert all(note.kind is NoteKind.LINK for note in document.notes)
    assert [d.code for d in document.diagnostics] == [DiagnosticCode.DOCUMENT_TOO_DENSE]
    assert "reduced mode" in document.diagnostics[0].message
    [claim] = document.notes[0].claims
    assert claim.line == 1 and claim.column == 9 and "https://e.org/0" in claim.text
    assert len(claim.text) < 500  # the line around it, not the 5 MB line


def test_bracketed_notes_keep_their_first_marker_and_their_urls() -> None:
    text = ("A claim.[^1] Another.[^2] Again.[^1]\n" + "x[^9] " * (MAX_WORK + 1) + "\n\n"
            "[^1]: Smith, https://e.org/one. And https://e.org/two\n"
            "[^2]: Jones, doi:10.1234/abc\n"
            "Body link https://e.org/three.\n")
    document = parse_document(text, "notes.md")
    by_label = {note.label: note for note in document.notes}
    assert by_label["1"].urls == ("https://e.org/one", "https://e.org/two")
    assert by_label["2"].urls == ("https://doi.org/10.1234/abc",)
    assert [(c.line, c.column, c.text) for c in by_label["1"].claims] == [
        (1, 9, "A claim.[^1] Another.[^2] Again.[^1]")
    ]
    assert by_label["2"].kind is NoteKind.FULL and by_label["2"].line == 5
    assert by_label["link-1"].urls == ("https://e.org/three",)
    assert [note.index for note in document.notes] == list(range(len(document.notes)))


def test_rst_footnotes_are_bracketed_notes_too() -> None:
    text = "Claim [1]_.\n" + "*a* " * MAX_WORK + "\n\n.. [1] https://e.org/rst\n"
    [note] = parse_document(text, "d.rst").notes
    assert (note.label, note.urls, note.claims[0].line) == ("1", ("https://e.org/rst",), 1)


def test_urls_are_trimmed_without_looping_over_their_tails() -> None:
    calls: list[str] = []
    real = reduced.repair_url

    def counting(url: str) -> str:
        calls.append(url)
        return real(url)

    pytest.MonkeyPatch().setattr(reduced, "repair_url", counting)
    text = ("A.[1]\n\n[1] https://e.org/wiki/Mali_(country))." + "." * 3000 + " and "
            "https://e.org/b" + "[1]" * (MAX_WORK + 1) + "\n")
    document = parse_document(text, "x.txt")
    assert document.notes[0].urls == ("https://e.org/wiki/Mali_(country)", "https://e.org/b")
    assert all(len(url) < 50 for url in calls)


def test_past_the_note_cap_the_rest_is_counted_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reduced, "MAX_NOTES", 5)
    text = " ".join(f"https://e.org/{i}" for i in range(20_001))
    document = parse_document(text, "x.txt")
    assert len(document.notes) == 5
    assert "19,996 further notes or URLs past the first 5 sources were left out" in (
        document.diagnostics[0].message
    )


def test_an_html_page_is_read_as_its_text() -> None:
    page = "<p>Claim <a href='https://e.org/a'>x</a>.</p>" * (MAX_WORK // 10 + 1)
    [note] = parse_document(page, "x.html").notes
    assert note.urls == ("https://e.org/a",)
    assert "<a" not in note.claims[0].text


def test_nothing_found_says_so() -> None:
    document = parse_document("[" * (MAX_WORK + 1), "x.txt")
    assert [d.code for d in document.diagnostics] == [
        DiagnosticCode.DOCUMENT_TOO_DENSE, DiagnosticCode.NO_NOTES
    ]


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        (DocumentFormat.LATEX, "\\emph{x} " * (MAX_WORK // 5)),
        (DocumentFormat.LATEX, "word " * 25_000),  # one run of prose: pylatexenc is quadratic
        (DocumentFormat.RST, "*a* " * (MAX_WORK // 4)),
        (DocumentFormat.RST, "plain words " * 500_000),
        (DocumentFormat.BIBTEX, "@misc{k, title={T}}\n" * (MAX_WORK // 5)),
        (DocumentFormat.MARKDOWN, "*a* _b_ " * (MAX_WORK // 10)),
        (DocumentFormat.MARKDOWN, "&amp;" * (MAX_WORK + 1)),
        (DocumentFormat.TEXT, "claim¹ " * (MAX_WORK + 1)),
        (DocumentFormat.TEXT, "(Smith 2010) " * (MAX_WORK + 1)),
        (DocumentFormat.TEXT, "doi:10.1234/x " * (MAX_WORK // 10 + 1)),
    ],
    ids=["tex commands", "tex prose run", "rst markup", "rst size", "bib entries", "md emphasis",
         "md entities",
         "superscripts", "author-year", "dois"],
)
def test_what_each_parser_pays_for_is_counted(fmt: DocumentFormat, text: str) -> None:
    assert too_dense(text, fmt) is not None
    assert too_dense(text[: len(text) // 10], fmt) is None


def test_under_the_bound_the_full_reader_runs_unchanged() -> None:
    text = "Claim.[^1]\n\n[^1]: Smith, “Title,” https://e.org/a\n"
    assert work_estimate(text) < MAX_WORK
    document = parse_document(text, "x.md")
    assert document.notes[0].citation.title == "Title"
    assert not any(d.code is DiagnosticCode.DOCUMENT_TOO_DENSE for d in document.diagnostics)


@pytest.mark.parametrize("fmt", [None, DocumentFormat.MARKDOWN, DocumentFormat.HTML])
def test_the_real_corpora_are_far_from_the_bound(fmt: DocumentFormat | None) -> None:
    data = Path(__file__).parents[1] / "data"
    densest = max(
        work_estimate(path.read_text(encoding="utf-8", errors="replace"), fmt)
        for path in data.rglob("*")
        # text documents only: a .docx or .pdf read as text is zip or stream bytes
        if path.is_file() and path.suffix not in {".pdf", ".docx", ".odt"}
        and "hostile" not in path.parts
    )
    assert densest * 5 < MAX_WORK


def test_read_reduced_takes_any_text() -> None:
    for text in ("", "\n", "[", "[^]: x", "https://", "www.", "10.1/x", "\x00[1]\x00"):
        document = read_reduced(text, "x.txt", DocumentFormat.TEXT, "test")
        assert document.diagnostics[0].code is DiagnosticCode.DOCUMENT_TOO_DENSE


def test_a_page_too_deep_for_the_tree_keeps_its_body_links() -> None:
    page = "<div>" * 600 + "<p>Claim <a href='https://e.org/deep'>x</a>.</p>" + "</div>" * 600
    document = parse_document(page, "deep.html")
    assert [note.urls for note in document.notes] == [("https://e.org/deep",)]
    assert document.diagnostics[0].code is DiagnosticCode.HTML_TOO_COMPLEX


@pytest.mark.parametrize("written", [
    "doi:10.1000/xyz", "Doi:10.1000/xyz", "DOI: 10.1000/xyz", "doi 10.1000/xyz", "10.1000/xyz",
    "DOI:10.1000/xyz.", "https://dx.doi.org/10.1000/xyz", "doi.org/10.1000/xyz",
    # Not DOIs (no registrant number, or no suffix): no doi.org address is made up for them.
    "doi:10.abc/x", "Doi:10.abc/x", "10.abc/x", "doi:10.1000", "10.1000/", "Doi: 10.1000/ x",
])
def test_doi_spellings_are_read_as_the_full_readers_read_them(written: str) -> None:
    sentence = f"Cited as {written} here."
    document = read_reduced(sentence + "\n", "x.txt", DocumentFormat.TEXT, "dense")
    assert [url for note in document.notes for url in note.urls] == extract_urls(sentence)
