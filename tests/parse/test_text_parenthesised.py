"""Parenthesised footnotes in plain text: "(1) …" printed after the section citing "(1)"."""

from __future__ import annotations

import pytest

from citecheck.models import NoteKind
from citecheck.parse import parse_document
from citecheck.parse.text import read_text

PAREN_NOTES = (
    "  The first community\n\n"
    "   When I started, the lab's staff hackers (1) had written the system\n"
    "   themselves, as I was told by Hillel (2): it was theirs.\n\n"
    "   (1) The use of \"hacker\" to mean \"security breaker\" is a confusion\n"
    "   on the part of the mass media.\n\n"
    "   (2) As an Atheist, I follow no religious leaders, but I sometimes admire what\n"
    "   one of them has said.\n\n"
    "  Copyleft\n\n"
    "   The method is called \"copyleft\".(1) The manual is free as well, and\n"
    "   so is the Bourne Again Shell(2), which we wrote.\n\n"
    "   (1) Don Hopkins mailed me a letter: \"Copyleft--all rights reversed.\" I used\n"
    "   the word for the concept.\n\n"
    "   (2) See http://www.gnu.org/philosophy/why-not-lgpl.html.\n\n"
    "  What came next\n\n"
    "   More text.\n"
)


def test_parenthesised_notes_after_their_section_restart_their_numbering() -> None:
    notes, markers, _ = read_text(PAREN_NOTES)
    assert [(n.label, n.line) for n in notes] == [("1", 6), ("2", 9), ("1", 17), ("2", 20)]
    assert notes[0].text.startswith('The use of "hacker"')
    assert [(m.label, m.line) for m in markers] == [("1", 3), ("2", 4), ("1", 14), ("2", 15)]
    assert markers[0].sentence == (
        "When I started, the lab's staff hackers had written the system themselves, as I "
        "was told by Hillel: it was theirs."
    )
    document = parse_document(PAREN_NOTES, "essay.txt")
    assert [n.kind for n in document.notes] == [
        NoteKind.COMMENT, NoteKind.COMMENT, NoteKind.COMMENT, NoteKind.FULL]
    # each marker cites the note printed after it, not the first note of its number
    assert [[c.line for c in n.claims] for n in document.notes] == [[3], [4], [14], [15]]


@pytest.mark.parametrize(
    "body",
    [
        "Three services are offered:\n\n",  # a numbered list the text never cites
        "For two reasons: (1) it is cheap, and (2) it is fast.\n\n",  # an enumeration
        "As equation (1) shows, and step (2) too.\n\n",  # what the numbers name in the text
        "Under Article 6(1) and section 230(c)(2), nothing.\n\n",  # legal sub-divisions
    ],
)
def test_a_numbered_list_in_the_body_is_no_parenthesised_notes(body: str) -> None:
    text = body + "(1) A content delivery service.\n\n(2) A storage service.\n"
    notes, markers, _ = read_text(text)
    assert notes == [] and markers == []
