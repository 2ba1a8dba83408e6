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

import json
from pathlib import Path
from typing import Any

import pytest

from citecheck.models import Document
from citecheck.parse import parse_document

CORPUS = Path(__file__).parents[1] / "data" / "text"
DOCUMENTS = sorted(CORPUS.glob("*.txt"))
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# Documents whose source list is unnumbered on the page and numbered by the body's markers.
NUMBERED_BY_POSITION = {"apa_references_numeric", "news_explainer_sources"}


def _read(path: Path) -> str:
    # As the CLI reads a file: bytes decoded, so CRLF line endings reach the parser as written.
    return path.read_bytes().decode("utf-8")


def _parse(path: Path) -> Document:
    return parse_document(_read(path), str(path))


def _summary(document: Document) -> dict[str, Any]:
    return {
        "notes": [
            {
                "label": n.label,
                "line": n.line,
                "kind": n.kind.value,
                "points_to": n.points_to,
                "resolves_to": n.resolves_to,
                "urls": list(n.urls),
                "claims": [{"line": c.line, "text": c.text} for c in n.claims],
            }
            for n in document.notes
        ],
        "diagnostics": [
            {"code": d.code, "label": d.label, "line": d.line} for d in document.diagnostics
        ],
    }


def test_the_corpus_covers_every_promised_style() -> None:
    assert len(DOCUMENTS) >= 6
    for path in DOCUMENTS:
        assert path.with_name(f"{path.stem}.expected.json").exists(), path.name


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_document_matches_expected(path: Path) -> None:
    expected = json.loads(path.with_name(f"{path.stem}.expected.json").read_text("utf-8"))
    got = _summary(_parse(path))
    assert got["notes"] == expected["notes"]
    assert got["diagnostics"] == expected["diagnostics"]


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_positions_point_at_labels_and_markers(path: Path) -> None:
    lines = _read(path).split("\n")
    document = _parse(path)
    for note in document.notes:
        line = lines[note.line - 1]
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
    document = _parse(CORPUS / "report_footnotes_caret.txt")
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
        document = _parse(CORPUS / name)
        last = document.notes[-1]
        assert "Share this" not in last.text and "©" not in last.text
        assert "Subscribe" not in last.text and "rights reserved" not in last.text


def test_the_crlf_document_keeps_its_line_endings() -> None:
    raw = (CORPUS / "government_report_crlf.txt").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") > 20
