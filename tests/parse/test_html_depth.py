"""The nesting guard in front of the HTML reader: linear, and deep pages never reach the tree."""

from __future__ import annotations

import pytest

from citecheck.parse import html as html_reader
from citecheck.parse import parse_document
from citecheck.parse.html_depth import MAX_DEPTH, MAX_TAGS, as_text, nesting_depth


@pytest.mark.parametrize(
    ("page", "depth"),
    [
        ("<p>plain</p>", 1),
        ("<div>" * 40 + "x" + "</div>" * 40, 40),
        ("<div>" * 40, 40),  # unclosed: still open, still nested
        ("<div/>" * 40, 40),  # <div/> opens a div in HTML
        ("<ul>" + "<li>item" * 2000 + "</ul>", 2),  # unclosed <li>s are siblings
        ("<p>one" * 2000, 1),  # so are unclosed <p>s
        ("<table>" + "<tr><td>cell" * 2000 + "</table>", 3),
        ("<br>" * 2000 + "<img src=x>" * 2000, 0),  # void elements hold nothing
        ("</div>" * 2000 + "<span>x</span>", 1),  # stray end tags are ignored
        ("<script>'" + "<div>" * 2000 + "'</script><p>x", 1),  # a script's text is not tags
        ("<!--" + "<div>" * 2000 + "--><p>x", 1),
        ("<b>" + "<i>x</b></i>" * 2000, 2),
    ],
)
def test_nesting_depth(page: str, depth: int) -> None:
    assert nesting_depth(page, stop_at=10_000) == depth


def test_counting_stops_past_the_limit() -> None:
    assert nesting_depth("<div>" * 100_000, stop_at=100) == 101


def test_a_deep_page_never_reaches_the_html_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("a page nested this deep must not be parsed into a tree")

    monkeypatch.setattr(html_reader, "LexborHTMLParser", refuse)
    page = (
        "<html><body>\n" + "<div>" * (MAX_DEPTH * 40) + "\n<p>Solar is cheap.[1]</p>\n"
        + "</div>" * (MAX_DEPTH * 40) + "\n<h2>Notes</h2>\n<p>[1] https://example.org/solar</p>\n"
    )
    document = parse_document(page, "deep.html")
    assert [d.code for d in document.diagnostics][:1] == ["html-too-complex"]
    assert document.diagnostics[0].message == (
        f"HTML elements nest more than {MAX_DEPTH} deep; the page was read as plain text, so "
        "note links may be missed"
    )
    [note] = document.notes
    assert note.urls == ("https://example.org/solar",)
    assert note.line == 6  # lines are the page's own
    assert [c.text for c in note.claims] == ["Solar is cheap."]


def test_a_page_within_the_limit_is_read_as_html() -> None:
    page = (
        "<div>" * 100 + "<p>Solar is cheap.<sup><a href='#fn1'>1</a></sup></p>" + "</div>" * 100
        + "<ol><li id='fn1'>https://example.org/solar</li></ol>"
    )
    document = parse_document(page, "ok.html")
    assert not any(d.code == "html-too-complex" for d in document.diagnostics)
    assert [n.urls for n in document.notes] == [("https://example.org/solar",)]


def test_a_page_of_too_many_tags_is_read_as_text_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_reader, "LexborHTMLParser", None)  # calling it would fail
    page = "<p>" + "<b><i>x</b></i>" * (MAX_TAGS // 4 + 1) + "</p>"
    document = parse_document(page, "big.html")
    assert document.diagnostics[0].message.startswith(f"the page has more than {MAX_TAGS:,} tags")


def test_as_text_keeps_lines_link_targets_and_entities() -> None:
    page = (
        "<p>One &amp; two <a class=x href='https://example.org/a'>link</a></p>\n"
        "<script>var x = '<b>';\n</script><div\nclass=y>three</div>"
    )
    text = as_text(page)
    assert text.split("\n") == ["One & two  https://example.org/a link", "", "", "three"]


def test_as_text_never_adds_lines_for_line_break_entities() -> None:
    page = "a&#10;b&#x0A;c&#13;d&NewLine;e&#010\nf"
    assert as_text(page) == "a b c d e \nf"
    assert as_text("&#100;&#x0ab;") == "d\u00ab"
