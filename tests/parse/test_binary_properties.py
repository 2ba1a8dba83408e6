"""Properties of the binary readers' pure parts: Word's note numbers and the PDF URL repair."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citecheck.parse.docx.numbering import format_number
from citecheck.parse.pdf.extract import PdfLink
from citecheck.parse.pdf.repair import HOLD, repair_lines
from citecheck.parse.text.labels import roman_value

_PATH = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_/", min_size=8, max_size=60)


@given(st.integers(min_value=1, max_value=3999))
def test_word_roman_note_numbers_read_back(number: int) -> None:
    assert roman_value(format_number(number, "lowerRoman")) == number
    assert roman_value(format_number(number, "upperRoman")) == number
    assert format_number(number, "decimal") == str(number)


@given(_PATH, st.data())
def test_a_url_wrapped_anywhere_is_whole_again_and_lines_stay(
    path: str, data: st.DataObject
) -> None:
    uri = f"https://example.org/{path}"
    cuts = sorted(data.draw(st.sets(st.integers(min_value=9, max_value=len(uri) - 1),
                                    max_size=3)))
    pieces = [uri[a:b] for a, b in zip([0, *cuts], [*cuts, len(uri)], strict=True)]
    lines = ["Smith, Growth, 2020, " + pieces[0], *pieces[1:-1],
             *([pieces[-1] + ". Accessed May 2020."] if len(pieces) > 1 else [])]
    if len(pieces) == 1:
        lines[0] += ". Accessed May 2020."
    before = len(lines)
    printed = repair_lines(lines, [PdfLink(1, 0, uri, "")])
    assert (0, uri) in printed
    assert len(lines) == before
    assert uri in lines[0]
    assert all(line in (HOLD, ". Accessed May 2020.") for line in lines[1:])
