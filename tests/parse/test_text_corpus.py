"""Realistic plain-text documents, each checked note by note against its .expected.json.

The documents cover the styles the plain-text reader promises: a "Notes" heading with ``1.``
entries and superscript markers, ``[12]`` markers with an "Endnotes:" section, an author–year
"References" list, text pasted from a PDF with wrapped URLs and bare-number entries, a
newsletter with ``1)`` sources and trailing boilerplate, ``^1`` footnotes with multi-paragraph
notes, and Chicago short forms resolving to a bibliography.

And the styles found failing on unseen documents: a think-tank PDF paste whose running footer
and page break cut a note's URL, flattened superscripts after years; footnotes at the foot of
each PDF page without a heading; a Substack post whose notes have each label alone on its line;
a news explainer's bulleted "Sources:" list numbered by ``[n]`` markers (``[4][5]``); an APA
reference list cited ``[1], [2]`` with DOIs in three spellings; a government report with CRLF
line endings, non-breaking spaces and bare ``1 `` entries; a blog with URLs wrapped after
``_``, ``=``, ``&`` and ``?``, Wikipedia parentheses and two URLs in a note; lower-case roman
``i.`` endnotes with *op. cit.*
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.corpus import Corpus, assert_document_matches, parse_as_cli, read_document

from citecheck.models import NoteKind

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# Documents whose source list is unnumbered on the page and numbered by the body's markers.
NUMBERED_BY_POSITION = {"apa_references_numeric", "news_explainer_sources"}
# Expectations the parser does not meet yet: each case is a strict xfail, so fixing the parser
# turns it into a failure that asks for its removal from this list.
KNOWN_WRONG: dict[str, str] = {}
CORPUS = Corpus("text", ".txt", KNOWN_WRONG)
DOCUMENTS = CORPUS.documents()


def test_the_corpus_covers_every_promised_style() -> None:
    # Named here so a document added without its expectation, or lost, fails by name.
    CORPUS.assert_complete(
        [
            "apa_references_numeric",
            "blog_unicode_wrapped_urls",
            "chicago_bibliography",
            "essay_roman_lower_opcit",
            "government_report_crlf",
            "journal_author_year",
            "legal_memo_supra_id",
            "magazine_roman_upper",
            "news_explainer_sources",
            "newsletter_sources",
            "ngo_report_endnotes_pagebreak",
            "pdf_paste_wrapped",
            "policy_brief_superscripts",
            "report_footnotes_caret",
            "substack_headless_notes",
            "thesis_chapter_short_forms",
            "think_tank_brackets",
            "thinktank_pdf_page_breaks",
            "working_paper_page_footnotes",
        ]
    )


@pytest.mark.parametrize("path", CORPUS.cases())
def test_document_matches_expected(path: Path) -> None:
    assert_document_matches(path)


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_positions_point_at_labels_and_markers(path: Path) -> None:
    lines = read_document(path).split("\n")
    document = parse_as_cli(path)
    for note in document.notes:
        line = lines[note.line - 1]
        if note.kind is NoteKind.LINK:
            # A body link is where its URL is written, and so is its one claim's position.
            assert line[note.column - 1 :].startswith(note.text[:20]), note.label
            assert [(c.line, c.column) for c in note.claims] == [(note.line, note.column)]
            continue
        if path.stem in NUMBERED_BY_POSITION:
            # An unnumbered list the body's [n] markers number: the entry's text is where it is.
            assert note.text.startswith(line[note.column - 1 :].strip()[:20]), note.label
        elif not note.label.startswith("ref-"):
            assert (
                note.label
                in line[note.column - 1 :].translate(str.maketrans(SUPERSCRIPTS, "0123456789"))[
                    : len(note.label) + 3
                ]
            )
        for claim in note.claims:
            at = lines[claim.line - 1][claim.column - 1 :]
            assert at[:1] in f"[({SUPERSCRIPTS}" or at[:1].isdigit(), (note.label, at[:20])


def test_note_texts_lose_their_labels_and_keep_paragraphs() -> None:
    document = parse_as_cli(CORPUS.folder / "report_footnotes_caret.txt")
    note = document.note("2")
    assert note is not None
    assert note.text == (
        "Observation mission field reports, polling day. Teams visited 312 polling stations in "
        "11 of 13 regions. Long queues were reported mainly in the morning; by midday most "
        "stations had cleared them."
    )
    assert all(not n.text.startswith(("^", "[")) for n in document.notes)


def test_trailing_boilerplate_is_not_a_note() -> None:
    for name in ("newsletter_sources.txt", "policy_brief_superscripts.txt"):
        document = parse_as_cli(CORPUS.folder / name)
        last = document.notes[-1]
        assert "Share this" not in last.text and "©" not in last.text
        assert "Subscribe" not in last.text and "rights reserved" not in last.text


def test_the_crlf_document_keeps_its_line_endings() -> None:
    raw = (CORPUS.folder / "government_report_crlf.txt").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") > 20
