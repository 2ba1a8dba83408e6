"""Inline disable comments → line ranges → disabled notes."""

from __future__ import annotations

from citecheck.models import Claim, Note, NoteKind
from citecheck.parse.disable import Disabled, disabled_lines


def test_next_line_line_and_blocks() -> None:
    text = "\n".join([
        "a",                                      # 1
        "<!-- citecheck-disable-next-line -->",   # 2
        "b",                                      # 3
        "c <!-- citecheck-disable-line -->",      # 4
        "<!--citecheck-disable-->",               # 5
        "d",                                      # 6
        "<!-- citecheck-enable -->",              # 7
        "e",                                      # 8
        "<!-- CITECHECK-DISABLE -->",             # 9
        "f",                                      # 10
    ])
    lines = disabled_lines(text)
    assert [n for n in range(1, 11) if n in lines] == [3, 4, 5, 6, 7, 9, 10]


def test_no_comment_no_ranges() -> None:
    assert not disabled_lines("plain text with citecheck mentioned\n")
    assert disabled_lines("<!-- citecheck-enable -->\n") == Disabled()


def test_a_note_is_covered_by_its_line_or_by_all_its_claims() -> None:
    lines = Disabled(((3, 3), (10, 12)))
    note = Note(label="1", index=0, line=20, kind=NoteKind.FULL, text="x",
                claims=(Claim(line=10, text="a"), Claim(line=11, text="b")))
    assert lines.covers(note)
    assert not lines.covers(Note(label="2", index=1, line=20, kind=NoteKind.FULL, text="x",
                                 claims=(Claim(line=10, text="a"), Claim(line=30, text="b"))))
    assert lines.covers(Note(label="3", index=2, line=3, kind=NoteKind.FULL, text="x"))
