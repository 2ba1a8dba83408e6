"""The Markdown reader: footnotes, reference links and inline links, with source positions."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.corpus import Corpus, assert_document_matches, assert_reader_matches, read_document

from citecheck.models import DocumentFormat
from citecheck.parse import parse_document
from citecheck.parse.base import RawMarker, RawNote, build_document
from citecheck.parse.markdown import make_parser, read_markdown


def _read(text: str) -> tuple[list[RawNote], list[RawMarker], list[Any]]:
    notes, markers, diagnostics = read_markdown(text)
    return notes, markers, diagnostics


def _note(notes: list[RawNote], label: str) -> RawNote:
    found = [n for n in notes if n.label == label]
    assert len(found) == 1, f"{label!r} in {[n.label for n in notes]}"
    return found[0]


def _claims(markers: list[RawMarker], label: str) -> list[tuple[int, str]]:
    return [(m.line, m.sentence) for m in markers if m.label == label]


# --------------------------------------------------------------------------- footnotes


def test_footnote_reference_and_definition() -> None:
    text = "Intro line.\n\nThe sky is blue.[^1] Grass is green.\n\n[^1]: Smith, Sky, 2020.\n"
    notes, markers, diagnostics = _read(text)
    note = _note(notes, "1")
    assert (note.line, note.column, note.text, note.inline) == (5, 1, "Smith, Sky, 2020.", False)
    assert markers == [RawMarker("1", 3, "The sky is blue.", 17)]
    assert diagnostics == []


def test_multiline_definition_with_paragraphs_links_and_bare_urls() -> None:
    text = (
        "Claim.[^long]\n"
        "\n"
        "[^long]: First line of the note,\n"
        '    continued with [the report](https://example.org/report "Report") and\n'
        "    <https://example.org/auto>.\n"
        "\n"
        "    A second paragraph with a bare https://example.org/bare link.\n"
        "\n"
        "    ```\n"
        "    code https://example.org/in-code\n"
        "    ```\n"
    )
    notes, _, _ = _read(text)
    note = _note(notes, "long")
    assert note.line == 3
    assert note.hrefs == ("https://example.org/report", "https://example.org/auto")
    assert "continued with the report and\nhttps://example.org/auto." in note.text
    assert "A second paragraph with a bare https://example.org/bare link." in note.text
    assert "in-code" not in note.text
    # Bare URLs stay in the text for the core to extract (and repair across line wraps).
    assert "https://example.org/bare" not in note.hrefs


def test_several_markers_per_sentence_and_after_punctuation() -> None:
    text = (
        "First claim, with a comma,[^a] continues here.[^b][^c] Second claim [^d].\n"
        'Third claim is "quoted."[^e]\n'
        "\n"
        "[^a]: A.\n[^b]: B.\n[^c]: C.\n[^d]: D.\n[^e]: E.\n"
    )
    _, markers, _ = _read(text)
    first = "First claim, with a comma, continues here."
    assert [(m.label, m.sentence) for m in markers] == [
        ("a", first),
        ("b", first),
        ("c", first),
        ("d", "Second claim."),
        ("e", 'Third claim is "quoted."'),
    ]
    assert [m.column for m in markers] == [27, 47, 51, 69, 25]


def test_abbreviations_do_not_end_the_claim() -> None:
    text = (
        "The U.N. and the U.S. disagreed, as Mr. Smith et al. reported in J. R. Doe's study."
        "[^1] Next sentence.\n\n[^1]: Source.\n"
    )
    _, markers, _ = _read(text)
    assert markers[0].sentence == (
        "The U.N. and the U.S. disagreed, as Mr. Smith et al. reported in J. R. Doe's study."
    )


def test_marker_without_note_and_note_without_marker() -> None:
    text = "Claim one.[^missing] Claim two.[^1]\n\n[^1]: One.\n\n[^spare]: Never cited.\n"
    notes, markers, _ = _read(text)
    assert [n.label for n in notes] == ["1", "spare"]
    assert [m.label for m in markers] == ["missing", "1"]


def test_duplicate_footnote_definition_is_reported_once() -> None:
    text = "Claim.[^1]\n\n[^1]: First.\n\n[^1]: Second.\n"
    notes, _, diagnostics = _read(text)
    assert [(n.label, n.text) for n in notes] == [("1", "First.")]
    assert [(d.code, d.line, d.label) for d in diagnostics] == [("duplicate-label", 5, "1")]


def test_markdown_comment_idiom_repeated_is_no_duplicate_label() -> None:
    # "[//]: # (…)" is how Markdown writes a comment; a README has several. A link reference
    # really defined twice is still reported.
    text = (
        "[//]: # (Open on GitHub to see the diagram)\n\nClaim.[^1]\n\n"
        "[//]: # (another remark)\n\n[comment]: <> (a third)\n\n[comment]: <> (a fourth)\n\n"
        "See [the site][s].\n\n[s]: https://a.example/\n\n[s]: https://b.example/\n\n"
        "[^1]: SERRA, 2024, p. 118\n"
    )
    _, _, diagnostics = _read(text)
    assert [(d.code, d.label) for d in diagnostics] == [("duplicate-label", "s")]


def test_inline_footnote_is_a_note_at_its_marker() -> None:
    text = "Claim here.^[Jones, <https://example.org/j>, 2019.] More.\n"
    notes, markers, _ = _read(text)
    assert [(n.label, n.line, n.column, n.hrefs) for n in notes] == [
        ("1", 1, 12, ("https://example.org/j",))
    ]
    assert notes[0].text == "Jones, https://example.org/j, 2019."
    assert markers == [RawMarker("1", 1, "Claim here.", 12)]


def test_markers_in_code_are_not_markers() -> None:
    text = "Use `[^1]` literally.\n\n```\nclaim[^1]\n```\n\n    indented[^1]\n\n[^1]: Note.\n"
    notes, markers, _ = _read(text)
    assert [n.label for n in notes] == ["1"]
    assert markers == []


def test_positions_inside_containers_and_with_crlf() -> None:
    text = "> Quoted claim.[^q]\r\n\r\n- item one\r\n- item two[^l]\r\n\r\n[^q]: Q.\r\n[^l]: L.\r\n"
    notes, markers, _ = _read(text)
    assert [(m.label, m.line, m.column, m.sentence) for m in markers] == [
        ("q", 1, 16, "Quoted claim."),
        ("l", 4, 11, "item two"),
    ]
    assert [(n.label, n.line) for n in notes] == [("q", 6), ("l", 7)]


def test_front_matter_is_not_body_text() -> None:
    text = "---\ntitle: T\nimage: https://example.org/cover.png\n---\n\nBody.[^1]\n\n[^1]: N.\n"
    notes, markers, _ = _read(text)
    assert [n.label for n in notes] == ["1"]
    assert [(m.line, m.sentence) for m in markers] == [(6, "Body.")]


# --------------------------------------------------------------------------- reference links


def test_reference_links_full_collapsed_and_shortcut() -> None:
    text = (
        "See [the report][Rep] and [Docs][] and [Site].\n"
        "Then [the report][rep] again.\n"
        "\n"
        '[rep]: https://example.org/report "The Report"\n'
        "[docs]: <https://example.org/docs>\n"
        "[Site]: https://example.org/ 'Home'\n"
    )
    notes, markers, _ = _read(text)
    assert [(n.label, n.line, n.text, n.hrefs) for n in notes] == [
        ("rep", 4, "The Report", ("https://example.org/report",)),
        ("docs", 5, "Docs", ("https://example.org/docs",)),
        ("Site", 6, "Home", ("https://example.org/",)),
    ]
    assert [(m.label, m.line, m.column) for m in markers] == [
        ("rep", 1, 5),
        ("docs", 1, 27),
        ("Site", 1, 40),
        ("rep", 2, 6),
    ]
    assert markers[0].sentence == "See the report and Docs and Site."
    assert markers[3].sentence == "Then the report again."


def test_reference_definitions_that_are_not_citations() -> None:
    text = (
        "A [local page][local], an image ![logo][img] and a [source][src].\n"
        "[![Build][badge]][ci]\n"
        "\n"
        "[local]: ./other.md\n"
        "[badge]: https://ci.example.org/badge.svg\n"
        "[ci]: https://ci.example.org/\n"
        "[img]: https://example.org/logo.png\n"
        "[src]: https://example.org/source\n"
        "[spare]: https://example.org/spare\n"
        "[src]: https://example.org/duplicate\n"
    )
    notes, markers, diagnostics = _read(text)
    assert [n.label for n in notes] == ["src", "spare"]
    assert [m.label for m in markers] == ["src"]
    assert [(d.code, d.line) for d in diagnostics] == [("duplicate-label", 10)]


# --------------------------------------------------------------------------- inline links


def test_inline_links_autolinks_and_bare_urls_are_inline_notes() -> None:
    text = (
        "# Heading [skip](https://example.org/heading)\n"
        "\n"
        'Read [the paper](https://example.org/paper "Paper title"), then\n'
        "<https://example.org/auto>. Also https://example.org/bare.\n"
        "Not [relative](docs/x.md), [anchor](#top), <mailto:a@example.org>, `https://example.org/code`,\n"
        "![image](https://example.org/i.png) or [![badge](https://example.org/b.svg)](https://example.org/ci).\n"
    )
    notes, markers, _ = _read(text)
    assert [(n.label, n.line, n.column, n.text, n.hrefs, n.inline) for n in notes] == [
        ("link-1", 3, 6, "the paper — Paper title", ("https://example.org/paper",), True),
        ("link-2", 4, 1, "https://example.org/auto", ("https://example.org/auto",), True),
        ("link-3", 4, 34, "https://example.org/bare", ("https://example.org/bare",), True),
    ]
    sentence = "Read the paper, then https://example.org/auto."
    assert [(m.label, m.sentence) for m in markers] == [
        ("link-1", sentence),
        ("link-2", sentence),
        ("link-3", "Also https://example.org/bare."),
    ]


def test_bare_url_keeps_balanced_parentheses_and_drops_trailing_punctuation() -> None:
    text = "See https://en.wikipedia.org/wiki/Mali_(country), and (https://example.org/x).\n"
    notes, _, _ = _read(text)
    assert [n.hrefs[0] for n in notes] == [
        "https://en.wikipedia.org/wiki/Mali_(country)",
        "https://example.org/x",
    ]


def test_link_targets_are_kept_exactly_as_written() -> None:
    text = (
        "[Москва](https://ru.wikipedia.org/wiki/Москва) and [q](https://example.org/a?b=1&c=%2F).\n"
    )
    notes, _, _ = _read(text)
    assert [n.hrefs[0] for n in notes] == [
        "https://ru.wikipedia.org/wiki/Москва",
        "https://example.org/a?b=1&c=%2F",
    ]


def test_raw_html_links_count_like_markdown_links() -> None:
    text = (
        'Claim with <a href="https://example.org/a?x=1&amp;y=2" title="T">a raw link</a>.[^1]\n'
        'And <a href="#local">local</a>, <a href="https://example.org/i"><img src="x.png"></a>.\n'
        "\n"
        '[^1]: See <a href="https://example.org/n">the note link</a>.\n'
    )
    notes, markers, _ = _read(text)
    assert [(n.label, n.line, n.column, n.text, n.hrefs) for n in notes] == [
        ("link-1", 1, 12, "a raw link — T", ("https://example.org/a?x=1&y=2",)),
        ("1", 4, 1, "See the note link.", ("https://example.org/n",)),
    ]
    assert [(m.label, m.sentence) for m in markers] == [
        ("link-1", "Claim with a raw link."),
        ("1", "Claim with a raw link."),
    ]


def test_footnote_like_link_text_stays_a_link() -> None:
    # "[^1]" followed by a target or a reference label is a link, not a footnote marker.
    text = (
        "See [^1](https://example.org/x) and [^2][ref] and [^3].\n"
        "\n"
        "[ref]: https://example.org/r\n"
        "[^3]: Note.\n"
    )
    notes, markers, _ = _read(text)
    assert [(n.label, n.text, n.hrefs) for n in notes] == [
        ("link-1", "^1", ("https://example.org/x",)),
        ("ref", "^2", ("https://example.org/r",)),
        ("3", "Note.", ()),
    ]
    assert [(m.label, m.column) for m in markers] == [("link-1", 5), ("ref", 37), ("3", 51)]


def test_links_inside_footnotes_are_hrefs_not_inline_notes() -> None:
    text = "Claim[^1] and [a link](https://example.org/body).\n\n[^1]: See [x](https://example.org/x).\n"
    notes, markers, _ = _read(text)
    assert [(n.label, n.hrefs) for n in notes] == [
        ("link-1", ("https://example.org/body",)),
        ("1", ("https://example.org/x",)),
    ]
    assert [m.label for m in markers] == ["1", "link-1"]


# --------------------------------------------------------------------------- plain-text style

SEED = Path(__file__).parent.parent.parent / "seeds" / "000_f49f3406d1885974.txt"


def test_plain_text_style_markdown_reads_like_the_text() -> None:
    from citecheck.parse import parse_document

    text = SEED.read_text(encoding="utf-8")
    as_text = parse_document(text, "seed.txt", "text")
    as_markdown = parse_document(text, "seed.md", "markdown")
    assert len(as_text.notes) == 27
    assert [
        (n.label, n.line, n.column, n.kind, n.urls, n.resolves_to, n.claims)
        for n in as_markdown.notes
    ] == [
        (n.label, n.line, n.column, n.kind, n.urls, n.resolves_to, n.claims) for n in as_text.notes
    ]
    assert as_markdown.diagnostics == as_text.diagnostics


def test_plain_text_style_markdown_loses_its_markup() -> None:
    text = (
        "The **first** claim, per [the agency](https://example.org/agency).[1] A *second*.[2]\n"
        "\n"
        "Notes\n"
        "\n"
        "[1] Agency, [*Report*](https://example.org/report), 2020.\n"
        "\n"
        "[2] Bare https://example.org/bare-\n"
        "url-wrapped.\n"
    )
    notes, markers, _ = _read(text)
    assert [(n.label, n.line, n.text, n.hrefs) for n in notes] == [
        ("link-1", 1, "the agency", ("https://example.org/agency",)),
        ("1", 5, "Agency, Report, 2020.", ("https://example.org/report",)),
        ("2", 7, "Bare https://example.org/bare-\nurl-wrapped.", ()),
    ]
    assert [(m.label, m.sentence) for m in markers] == [
        ("link-1", "The first claim, per the agency."),
        ("1", "The first claim, per the agency."),
        ("2", "A second."),
    ]


def test_plain_text_style_with_html_superscripts_and_a_numbered_list() -> None:
    from citecheck.parse import parse_document

    text = (
        "In 1858 the Thames stank.<sup>1</sup> Parliament acted in\n"
        "eighteen days.<sup>2</sup>\n"
        "\n"
        "## Notes\n"
        "\n"
        "1. Rosemary Ashton, *One Hot Summer* (New Haven: Yale, 2017), 82.\n"
        "2. Stephen Halliday, [The Great Stink](https://archive.org/details/stink) (1999).\n"
    )
    document = parse_document(text, "notes.md", "markdown")
    assert [
        (n.label, n.line, n.text, n.urls, [(c.line, c.column, c.text) for c in n.claims])
        for n in document.notes
    ] == [
        (
            "1",
            6,
            "Rosemary Ashton, One Hot Summer (New Haven: Yale, 2017), 82.",
            (),
            [(1, 26, "In 1858 the Thames stank.")],
        ),
        (
            "2",
            7,
            "Stephen Halliday, The Great Stink (1999).",
            ("https://archive.org/details/stink",),
            [(2, 15, "Parliament acted in eighteen days.")],
        ),
    ]
    assert document.diagnostics == ()


# --------------------------------------------------------------------------- corpus


# Expectations the parser does not meet yet: each case is a strict xfail, so fixing the parser
# turns it into a failure that asks for its removal from this list.
KNOWN_WRONG: dict[str, str] = {}
CORPUS = Corpus("markdown", ".md", KNOWN_WRONG)


def test_corpus_is_complete() -> None:
    # Named here so a document added without its expectation, or lost, fails by name.
    CORPUS.assert_complete(
        [
            "footnotes_essay",
            "inline_links",
            "mixed_report",
            "plain_style_notes",
            "reference_links",
            "reference_links_titles",
        ]
    )


@pytest.mark.parametrize("path", CORPUS.cases())
def test_corpus_raw_notes_and_claims(path: Path) -> None:
    notes, markers, _ = read_markdown(read_document(path))
    assert_reader_matches(path, (notes, markers))


@pytest.mark.parametrize("path", CORPUS.cases())
def test_corpus_through_parse_document(path: Path) -> None:
    assert_document_matches(path)


# --------------------------------------------------------------------------- robustness


_MARKDOWN_BITS = st.sampled_from(
    [
        "[^1]", "[^1]:", "[^x]", "[^", "]", "[", "](", ")", "[a][b]", "[b]:", "[]", "^[", "<",
        ">", "https://", "http://x.y/", "www.", "://", "`", "```", "    ", "\t", "\n", "\r\n",
        "\r", " ", "> ", "- ", "1. ", "#", "*", "_", "!", "|", "---", '"', "'", "(", "\\",
        "&amp;", "&#", "a", "word. ", "U.S. ", "é", "\u2028", "\x00",
    ]
)  # fmt: skip


def _check_positions(text: str, notes: list[RawNote], markers: list[RawMarker]) -> None:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    positions = [(n.line, n.column) for n in notes] + [(m.line, m.column) for m in markers]
    for line, column in positions:
        assert 1 <= line <= lines
        assert column >= 1
    # Body links are link-1, link-2, …; a reference definition used as a body link in a
    # document with footnotes keeps its reference's name ("[b]: http://…" is "b").
    inline = [n.label for n in notes if n.inline and n.label.startswith("link-")]
    assert sorted(inline, key=lambda s: int(s.split("-")[1])) == [
        f"link-{i}" for i in range(1, len(inline) + 1)
    ]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_MARKDOWN_BITS, max_size=60).map("".join))
def test_never_raises_on_markdownish_text(text: str) -> None:
    notes, markers, _ = read_markdown(text)
    _check_positions(text, notes, markers)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    notes, markers, _ = read_markdown(text)
    _check_positions(text, notes, markers)


# --------------------------------------------------------------------------- fast definitions
# The one-line footnote definition fast path must produce exactly the plugin's tokens.

_FAST = make_parser()
_PLUGIN_ONLY = make_parser(fast_definitions=False)

_DEFINITION_LINES = st.sampled_from(
    [
        "[^1]: Smith, “Title,” 2020. https://x.org/a_b_c",
        "[^a-b]: Plain text with *emphasis* and [a link](https://y.org).",
        "[^2]: “Quoted,” says Jones.",
        "[^3]:  Two spaces first.",
        "[^4]:\tA tab first.",
        "[^5]: 1. A list item",
        "[^6]: - A bullet",
        "[^7]: > A quote",
        "[^8]: # Heading",
        "[^9]: <b>html</b>",
        "[^x y]: Not a definition.",
        "[^]: Empty label.",
        "   [^10]: Indented definition.",
        "    [^11]: Indented as code.",
        "[^12]: Title",
        "===",
        "---",
        "    Indented continuation.",
        "  Lazy continuation two spaces.",
        "Lazy continuation.",
        "> [^13]: Inside a quote.",
        "- [^14]: Inside a list.",
        "Body text with a marker.[^1]",
        "```",
        "| a | b |",
        "|---|---|",
        "[ref]: https://ref.example/",
        "",
        "",
    ]
)


def _token_stream(parser: Any, text: str) -> list[tuple[Any, ...]]:
    env: dict[str, Any] = {}
    tokens = parser.parse(text, env)
    stream = [
        (t.type, t.tag, t.nesting, t.level, t.map, t.content, t.markup, t.info, t.block,
         t.hidden, dict(t.meta), dict(t.attrs),
         [(c.type, c.content, dict(c.meta)) for c in t.children or []])
        for t in tokens
    ]  # fmt: skip
    return [*stream, ("env", repr(env.get("footnotes")))]


@settings(max_examples=400, deadline=None)
@given(st.lists(_DEFINITION_LINES, max_size=12).map("\n".join))
def test_one_line_definitions_match_the_plugin_exactly(text: str) -> None:
    assert _token_stream(_FAST, text) == _token_stream(_PLUGIN_ONLY, text)


@pytest.mark.parametrize(
    "path", sorted((Path(__file__).parents[1] / "data" / "markdown").glob("*.md")),
    ids=lambda p: p.stem,
)
def test_one_line_definitions_match_the_plugin_on_the_corpus(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _token_stream(_FAST, text) == _token_stream(_PLUGIN_ONLY, text)


# --------------------------------------------------------------------------- performance
# CPU time of this process, so other work on the machine does not make the bounds flaky.


def test_ten_thousand_footnotes_parse_quickly() -> None:
    count = 10_000
    body = "\n\n".join(
        " ".join(
            f"Claim {i} is stated here, with enough words to be a sentence.[^{i}]"
            for i in range(start, start + 5)
        )
        for start in range(0, count, 5)
    )
    definitions = "\n".join(
        f"[^{i}]: Author {i}, “Title {i},” Publisher, 2020. https://example.org/{i}"
        for i in range(count)
    )
    text = f"{body}\n\n{definitions}\n"
    started = time.process_time()
    notes, markers, _ = read_markdown(text)
    elapsed = time.process_time() - started
    assert len(notes) == count
    assert len(markers) == count
    assert notes[-1].line == text.count("\n")
    assert (
        markers[-1].sentence
        == f"Claim {count - 1} is stated here, with enough words to be a sentence."
    )
    assert elapsed < 2.5, f"{elapsed:.2f} s"


def test_one_sentence_with_ten_thousand_markers_is_not_quadratic() -> None:
    count = 10_000
    text = (
        "One long claim"
        + "".join(f"[^{i}]" for i in range(count))
        + ".\n\n"
        + "\n".join(f"[^{i}]: Note {i}." for i in range(count))
    )
    started = time.process_time()
    _, markers, _ = read_markdown(text)
    elapsed = time.process_time() - started
    assert len(markers) == count
    assert {m.sentence for m in markers} == {"One long claim."}
    assert elapsed < 2.5, f"{elapsed:.2f} s"


# --------------------------------------------------------------------------- platform markup


def test_toml_front_matter_is_metadata_and_lines_are_kept() -> None:
    text = (
        '+++\ntitle = "Essay"\ncanonical = "https://blog.example/p/"\n+++\n\n'
        "The library burned.[^1]\n\n[^1]: Smith, “Fire,” 2001. https://src.example/fire\n"
    )
    notes, markers, _ = read_markdown(text)
    assert [(n.label, n.line, n.hrefs) for n in notes] == [("1", 8, ())]
    assert [(m.label, m.line, m.sentence) for m in markers] == [("1", 6, "The library burned.")]


def test_kramdown_attribute_lists_are_not_claim_text() -> None:
    text = (
        "Talune reached Apia.[^1]{:.fn} Within two months 22% had died.[^2]\n"
        'See [Te Ara](https://teara.example/e){:target="_blank"} today.\n\n'
        "[^1]: One.\n[^2]: Two.\n"
    )
    _, markers, _ = read_markdown(text)
    claims = {m.label: m.sentence for m in markers}
    assert claims["1"] == "Talune reached Apia."
    assert claims["2"] == "Within two months 22% had died."
    assert claims["link-1"] == "See Te Ara today."


def test_share_and_subscribe_buttons_are_not_sources() -> None:
    text = (
        "Buses run every 15 minutes ([TriMet](https://trimet.example/frequent)).\n\n"
        "If you liked this, [Subscribe now](https://me.example/subscribe) or "
        "[share it](https://me.example/p/x?action=share), or "
        "[tweet it](https://twitter.com/intent/tweet?url=x).\n"
    )
    notes, _, _ = read_markdown(text)
    assert [n.hrefs for n in notes] == [("https://trimet.example/frequent",)]


def test_a_marker_in_a_table_cell_supports_its_row() -> None:
    text = (
        "| Source | Particles | Ref |\n|---|---|---|\n| Tap (global) | 5.45 | [^1] |\n"
        "| Bottled | 325 [^2] | |\n\n[^1]: One.\n[^2]: Two.\n"
    )
    _, markers, _ = read_markdown(text)
    assert [(m.label, m.line, m.sentence) for m in markers] == [
        ("1", 3, "Tap (global) 5.45"),
        ("2", 4, "Bottled 325"),  # a cell's words are no sentence of their own
    ]


def test_html_superscript_lists_in_a_plain_style_markdown_file() -> None:
    text = (
        "Temperatures rose by 1.1 °C<sup>1</sup>. Sea level rise is accelerating<sup>2,3</sup>."
        " Ice is melting<sup>4–5</sup>.\n\n## References\n\n"
        + "".join(f"{i}. Author{i}, “Title {i},” 2020. https://a.org/{i}\n" for i in range(1, 6))
    )
    from citecheck.parse import parse_document

    document = parse_document(text, "refs.md")
    claims = {n.label: [(c.column, c.text) for c in n.claims] for n in document.notes}
    assert claims == {
        "1": [(text.index("<sup>1") + 1, "Temperatures rose by 1.1 °C.")],
        "2": [(text.index("<sup>2") + 1, "Sea level rise is accelerating.")],
        "3": [(text.index("<sup>2") + 1, "Sea level rise is accelerating.")],
        "4": [(text.index("<sup>4") + 1, "Ice is melting.")],
        "5": [(text.index("<sup>4") + 1, "Ice is melting.")],
    }
    assert document.diagnostics == ()


def test_a_numbered_list_in_the_body_is_not_a_notes_section() -> None:
    text = (
        "# Bus maps\n\nSome cities get this right:\n\n"
        "1. Portland's TriMet marks its [Frequent Service lines](https://trimet.example/fs) "
        "in green, since 2019.\n"
        "2. Vancouver publishes a [FTN map](https://translink.example/ftn) (2020).\n"
        "3. Los Angeles Metro does not (see https://metro.example/nextgen).\n"
    )
    from citecheck.parse import parse_document

    document = parse_document(text, "maps.md")
    assert [(n.label, n.urls[0]) for n in document.notes] == [
        ("link-1", "https://trimet.example/fs"),
        ("link-2", "https://translink.example/ftn"),
        ("link-3", "https://metro.example/nextgen"),
    ]
    assert document.diagnostics == ()


def test_a_link_that_is_all_of_its_table_cell_stands_for_the_row() -> None:
    text = (
        "| City | Shows? | Source |\n|---|---|---|\n"
        "| Portland | Yes | [TriMet](https://trimet.example/maps) |\n"
        "| Houston | Yes, see [the map](https://ridemetro.example/map) |  |\n"
    )
    _, markers, _ = read_markdown(text)
    assert [m.sentence for m in markers] == ["Portland Yes TriMet", "Yes, see the map"]


def test_word_endnotes_as_raw_html_in_markdown_keep_their_lines() -> None:
    from citecheck.parse import parse_document

    text = (
        "# Title\n"
        "\n"
        "<p>Smart contracts came late<a href=\"#_edn1\" name=\"_ednref1\"><span\n"
        "class=MsoEndnoteReference>[i]</span></a>, see <a href=\"https://e.example/a\">this</a>.</p>\n"
        "\n"
        "- a Markdown list item\n"
        "- another one\n"
        "\n"
        "**Footnotes**\n"
        "\n"
        "<div id=edn1>\n"
        "<p><a href=\"#_ednref1\" name=\"_edn1\">[i]</a> Szabo, “Smart Contracts”, 1994,\n"
        "https://s.example/szabo.</p>\n"
        "</div>\n"
    )
    document = parse_document(text, "export.md")
    notes = {n.label: n for n in document.notes}
    assert notes["i"].line == 12
    assert notes["i"].urls == ("https://s.example/szabo",)
    assert [c.line for c in notes["i"].claims] == [3]
    links = [n for n in document.notes if n.label != "i"]
    assert [(n.urls, n.line) for n in links] == [(("https://e.example/a",), 4)]


def test_a_link_showing_another_url_than_its_target_keeps_reading_order() -> None:
    # The visible URL is read before the (mis-pasted) target behind it, and both before a URL
    # written later in the note: a note's URLs are listed in the order a reader meets them.
    text = (
        "Claim.[^1]\n\n"
        "[^1]: Doe, \"Report,\" [https://shown.example/report](https://target.example/other), "
        "see also https://later.example/page.\n"
    )
    assert _urls_of_first_note(text) == (
        "https://shown.example/report",
        "https://target.example/other",
        "https://later.example/page",
    )


def _urls_of_first_note(text: str) -> tuple[str, ...]:
    notes, markers, diagnostics = _read(text)
    document = build_document("t.md", DocumentFormat.MARKDOWN, notes, markers, diagnostics)
    return document.notes[0].urls


def test_a_link_on_the_first_part_of_a_written_url_is_that_url() -> None:
    # The editor linked only "…/news"; the text goes on writing the address: one URL, whole.
    text = (
        "Claim.[^1]\n\n[^1]: Intel, 2018, [https://newsroom.intel.com/news]"
        "(https://newsroom.intel.com/news)/intel-advances-quantum/. And "
        "[https://a.example/news](https://a.example/news) is a site.\n"
    )
    assert set(_urls_of_first_note(text)) == {
        "https://newsroom.intel.com/news/intel-advances-quantum/",
        "https://a.example/news",
    }


def test_link_texts_that_read_as_one_url_are_the_links_they_are() -> None:
    text = (
        "Claim.[^1]\n\n[^1]: Benjamin, 2018, [https://ontheradar.csis.org/]"
        "(https://ontheradar.csis.org/)[ issue-briefs/sensors/]"
        "(https://ontheradar.csis.org/%20issue-briefs/sensors/).\n"
    )
    assert _urls_of_first_note(text) == (
        "https://ontheradar.csis.org/",
        "https://ontheradar.csis.org/%20issue-briefs/sensors/",
    )


def test_pdf_converter_markdown_with_anchor_linked_citations() -> None:
    # A PDF converter's Markdown: citation numbers are links to the entries' span anchors, one
    # link per number in a group; entries are bullets after an empty anchor; a cross-reference
    # to a figure looks alike but prints no brackets; an entry's label may itself be a link.
    text = (
        "Counting is hard [\\[2\\]](#page-8-0), see Figure [1](#page-1-0).\n"
        "\n"
        "Density maps help [\\[1,](#page-8-1)[3\\]](#page-8-2).\n"
        "\n"
        "# References\n"
        "\n"
        '- <span id="page-8-1"></span>[1] A. Author. Counting. 2015. Code on '
        "[https://github.com/](https://github.com/acme/count) "
        "[acme/count](https://github.com/acme/count).\n"
        '- <span id="page-8-0"></span>[2] B. Author. Crowds. 2016.\n'
        '- <span id="page-8-2"></span>[\\[3\\]](#page-8-9) C. Author. Maps. 2017.\n'
    )
    notes, markers, diagnostics = _read(text)
    assert diagnostics == []
    assert [(n.label, n.hrefs) for n in notes] == [
        ("1", ("https://github.com/acme/count",)),
        ("2", ()),
        ("3", ()),
    ]
    assert [(m.label, m.line) for m in markers] == [("2", 1), ("1", 3), ("3", 3)]
    assert _note(notes, "2").text.startswith("B. Author. Crowds.")


def test_word_notes_converted_by_pandoc_are_read() -> None:
    # Word's footnotes through pandoc: markers are '[[1]](#_ftn1)' links, the notes after a rule
    # open with '[[1]](#_ftnref1)'; a note may be a bare URL on the next line with Markdown
    # specials escaped by pandoc. A bracketed '[DoW 2.1]' is no marker.
    text = (
        "Hypermedia drives state[[1]](#_ftn1). See [DoW 2.1] too.\n"
        "\n"
        "Stores exist[[2]](#_ftn2).\n"
        "\n"
        "* * * * *\n"
        "\n"
        "[[1]](#_ftnref1)\n"
        "http://www.example.edu/\\~rf/rest\\_arch.htm\\#sec\\_5\n"
        "\n"
        "[[2]](#_ftnref2) See [https://example.org/a](https://example.org/a) (old).\n"
    )
    notes, markers, diagnostics = _read(text)
    assert diagnostics == []
    assert [(m.label, m.line) for m in markers] == [("1", 1), ("2", 3)]
    assert [(n.label, n.line) for n in notes] == [("1", 7), ("2", 10)]
    document = build_document("t.md", DocumentFormat.MARKDOWN, notes, markers, diagnostics)
    assert [n.urls for n in document.notes] == [
        ("http://www.example.edu/~rf/rest_arch.htm#sec_5",),
        ("https://example.org/a",),
    ]


def test_word_endnotes_in_roman_numerals_converted_by_pandoc_are_read() -> None:
    text = (
        "One[[i]](#_edn1). Two[\\[ii\\]](#_edn2).\n"
        "\n"
        "* * * * *\n"
        "\n"
        "[[i]](#_ednref1) Smith, Report, 2020, https://a.example/x\n"
        "\n"
        "[\\[ii\\]](#_ednref2) Ibid.\n"
    )
    notes, markers, _ = _read(text)
    assert [(n.label, n.line) for n in notes] == [("i", 5), ("ii", 7)]
    assert [(m.label, m.sentence) for m in markers] == [("i", "One."), ("ii", "Two.")]


def test_bibliography_list_beside_footnotes_is_read_as_listed_entries() -> None:
    # Footnotes and, apart from them, a bulleted "Bibliography" whose links are raw HTML (one
    # href with a stray leading space); its entries wrap over lines and print no label.
    text = (
        "A claim.[^1] See [the site](https://example.org/site).\n"
        "\n"
        "### Bibliography\n"
        "\n"
        "- Bagnall, Philip. “Walking in the Light.” *Scannain.*\n"
        '<a href="https://example.org/walk">https://example.org/walk</a>.\n'
        "\n"
        "- Breslin, James. *Mark Rothko*. Chicago: UCP, 1993.\n"
        '- Kuhn, Annette. *Dictionary*. 2012. <a href=" https://doi.org/10.1/x">link</a>.\n'
        "\n"
        "### Notes\n"
        "\n"
        "- not a source, a list after the section\n"
        "\n"
        "[^1]: Philip Bagnall, “Walking in the Light,” *Scannain*.\n"
    )
    notes, markers, diagnostics = _read(text)
    assert diagnostics == []
    assert [(n.label, n.line, n.listed, n.hrefs) for n in notes] == [
        ("link-1", 1, False, ("https://example.org/site",)),
        ("ref-1", 5, True, ("https://example.org/walk",)),
        ("ref-2", 8, True, ()),
        ("ref-3", 9, True, ("https://doi.org/10.1/x",)),
        ("1", 15, False, ()),
    ]
    assert _note(notes, "ref-2").text == "Breslin, James. Mark Rothko. Chicago: UCP, 1993."
    assert [m.label for m in markers] == ["1", "link-1"]


@pytest.mark.parametrize(
    "heading", ["Reference materials", "Reference-level explanation", "Reference implementation"]
)
def test_a_reference_compound_heading_is_no_list_of_sources(heading: str) -> None:
    # "Reference materials" (companion documents), the Rust RFC template's "Reference-level
    # explanation": "reference" qualifies another word, so the list under it is the writer's
    # own text, its links body links, not bibliography entries.
    text = (
        f"## {heading}\n"
        "\n"
        "- [Full motivation](rfc/motivation.md)\n"
        "  - [The blog post](https://blog.example/governance.html)\n"
        "- [Non-goals](rfc/non-goals.md)\n"
        "\n"
        "A claim.[^core]\n"
        "\n"
        "[^core]: The core team does not decide the technical direction.\n"
    )
    notes, _, _ = _read(text)
    assert [(n.label, n.inline, n.hrefs) for n in notes] == [
        ("link-1", True, ("https://blog.example/governance.html",)),
        ("core", False, ()),
    ]
    # A "Reference list" is one.
    listed, _, _ = _read(text.replace(heading, "Reference list"))
    assert [n.label for n in listed] == ["ref-1", "ref-2", "core"]



def test_escapes_inside_a_bare_url_are_markup() -> None:
    # Pandoc writes "_" in a bare URL as "\_"; the address has no backslash.
    text = (
        "A claim.[^1]\n\n[^1]: Extract available at:\n"
        "    https://example.org/ebooks/mesh\\_kapitel4\\_leseprobe.pdf.\n"
    )
    from citecheck.parse import parse_document

    document = parse_document(text, "doc.md", "markdown")
    assert document.notes[0].urls == ("https://example.org/ebooks/mesh_kapitel4_leseprobe.pdf",)


def test_an_iframe_embed_written_in_the_text_is_a_body_link() -> None:
    # An embedded video the writer put between paragraphs (a raw-HTML block) and one inside a
    # paragraph: each is a body link in document order, with its title as its words.
    text = (
        "A claim.[^1] See [the paper](https://a.example/paper).\n"
        "\n"
        '<iframe width="560" src="https://www.youtube.com/embed/abc" title="Demo"></iframe>\n'
        "\n"
        "Also this <iframe src='//maps.example/m?a=1&amp;b=2'></iframe> map.\n"
        "\n"
        "[^1]: Smith, https://s.example/.\n"
    )
    notes, markers, _ = _read(text)
    assert [(n.label, n.text, n.hrefs) for n in notes if n.inline] == [
        ("link-1", "the paper", ("https://a.example/paper",)),
        ("link-2", "Demo", ("https://www.youtube.com/embed/abc",)),
        ("link-3", "", ("https://maps.example/m?a=1&b=2",)),
    ]
    assert [(m.label, m.line) for m in markers if m.label.startswith("link")] == [
        ("link-1", 1), ("link-2", 3), ("link-3", 5),
    ]


def test_an_iframe_embed_beside_raw_html_notes_is_numbered_among_the_body_links() -> None:
    # Raw-HTML notes send the document to the HTML reader; the embed is still a body link,
    # numbered where it stands among the others.
    text = (
        'Claim.<a href="#fn1" name="r1"><sup>1</sup></a> See [a](https://a.example/).\n'
        "\n"
        '<iframe src="https://v.example/embed/1"></iframe>\n'
        "\n"
        "After [b](https://b.example/).\n"
        "\n"
        '<div id="fn1"><p><a href="#r1">1</a> Smith, Source, 2020.</p></div>\n'
    )
    notes, markers, _ = _read(text)
    assert [(n.label, n.hrefs) for n in notes if n.inline] == [
        ("link-1", ("https://a.example/",)),
        ("link-2", ("https://v.example/embed/1",)),
        ("link-3", ("https://b.example/",)),
    ]
    assert sorted(m.label for m in markers) == ["1", "link-1", "link-2", "link-3"]


def test_notes_in_a_front_matter_block_scalar_are_read() -> None:
    # A Jekyll page whose layout prints the notes: raw HTML in a "footnotes: |" value of the
    # YAML front matter; the body's markers are links to "#footnotes".
    text = (
        "---\n"
        "layout: narrative\n"
        "footnotes: |\n"
        '  <p class="footnotes"><span><a id="footnotes"></a>[3]</span> “Gaps,” Index, '
        '<a href="/report/gaps">example.org/report/gaps</a></p><p class="footnotes">'
        '<span>[4]</span> “Privacy,” <a href="https://apple.example/p/">apple.example/p</a></p>\n'
        "---\n"
        "\n"
        "# Governance\n"
        "\n"
        "Leaders govern better.[<sup>3</sup>](#footnotes) "
        "Apple does not.[<sup>4</sup>](#footnotes)\n"
    )
    notes, markers, _ = _read(text)
    assert [(n.label, n.line) for n in notes] == [("3", 4), ("4", 4)]
    assert [(m.label, m.line, m.sentence) for m in markers] == [
        ("3", 9, "Leaders govern better."),
        ("4", 9, "Apple does not."),
    ]
    document = build_document("t.md", DocumentFormat.MARKDOWN, notes, markers, [])
    assert [n.urls for n in document.notes] == [
        ("https://example.org/report/gaps",),
        ("https://apple.example/p/",),
    ]


def test_front_matter_without_notes_stays_metadata() -> None:
    text = (
        "---\n"
        "summary: |\n"
        '  <p class="lead">See <a href="https://meta.example/">this</a>.</p>\n'
        "---\n"
        "\n"
        "A claim.[^1]\n\n[^1]: Smith, https://s.example/.\n"
    )
    notes, _, _ = _read(text)
    assert [(n.label, n.hrefs) for n in notes] == [("1", ())]


def test_a_footnote_citing_a_bibliography_entry_by_author_and_year_resolves_to_it() -> None:
    # Issue #11: footnote 1 explains, and its only citation is '(Kerckhoffs 1883)' in its prose:
    # a short form of the bibliography entry, found by the resolver every reader shares.
    from citecheck.parse import parse_document

    text = (
        "Keys must stay secret.[^1] Ciphers are old (Kahn 1996).[^2]\n"
        "\n"
        "[^1]: A restatement of Kerckhoffs’ Principle, one of several principles in his “La "
        "Cryptographie Militaire” (Kerckhoffs 1883), which we can summarize as “the key is all”.\n"
        "[^2]: Please note, this is not actually a password.\n"
        "\n"
        "# Bibliography\n"
        "\n"
        "- Kahn, David. *The Codebreakers*. Simon and Schuster, 1996.\n"
        "- Kerckhoffs, Auguste. “La Cryptographie Militaire.” *Journal des Sciences "
        "militaires*, 9th series, IX (January 1883), 5-38.\n"
    )
    document = parse_document(text, "doc.md", DocumentFormat.MARKDOWN)
    kinds = {n.label: (n.kind.value, n.resolves_to) for n in document.notes}
    assert kinds["1"] == ("short", "ref-2")
    assert kinds["2"] == ("comment", None)
    assert kinds["ref-2"][0] == "full"


def test_bibliography_paragraphs_beside_footnotes_are_entries() -> None:
    # Pandoc's Markdown of a Word document: the "Bibliography" is paragraphs, not a list; a
    # remark among them and the paragraphs after the next heading are no entries.
    text = (
        "A claim.[^1]\n"
        "\n"
        "## Bibliography\n"
        "\n"
        "See the works below, read in 2023.\n"
        "\n"
        "Kahn, David. *The Codebreakers*. Simon and Schuster, 1996.\n"
        "\n"
        "Kerckhoffs, Auguste. “La Cryptographie Militaire.” 1883.\n"
        "<https://example.org/kerckhoffs>\n"
        "\n"
        "## Author\n"
        "\n"
        "Drummond, Mark. Director, 2024.\n"
        "\n"
        "[^1]: As Kerckhoffs wrote in “La Cryptographie Militaire” (Kerckhoffs 1883), keys.\n"
    )
    notes, _, diagnostics = _read(text)
    assert diagnostics == []
    assert [(n.label, n.line, n.listed, n.hrefs) for n in notes] == [
        ("ref-1", 7, True, ()),
        ("ref-2", 9, True, ("https://example.org/kerckhoffs",)),
        ("1", 16, False, ()),
    ]
    assert _note(notes, "ref-1").text == "Kahn, David. The Codebreakers. Simon and Schuster, 1996."
    from citecheck.parse import parse_document

    document = parse_document(text, "doc.md", DocumentFormat.MARKDOWN)
    assert [(n.label, n.kind.value, n.resolves_to) for n in document.notes][-1] == (
        "1", "short", "ref-2")


def test_a_bibliographic_essay_under_sources_is_prose_whose_addresses_are_body_links() -> None:
    # "**Part I.** work; work; work.": a run-in label, then several works separated by
    # semicolons, is the writer's account of where a part draws from, no entry of its own; an
    # address it writes without a scheme is still checked, as a body link. Entries beside it
    # (a bold author among them, authors separated by semicolons) stay entries.
    text = (
        "A claim.[^1]\n"
        "\n"
        "## Sources\n"
        "\n"
        "**Part I.** Office of the Auditor General, *An Examination of Laboratory Services*"
        " (2025); reporting in *The Globe and Mail* (2023–2025); Public Accounts, 2021–22.\n"
        "\n"
        "**Part II.** Alberta registration data; National Institute of Standards and"
        " Technology, *Randomness Beacon* (csrc.example.gov/projects/beacons); *McIver v."
        " Alberta*, 2018 ABQB 240.\n"
        "\n"
        "**Part III.** This brief.\n"
        "\n"
        "**Smith, J.** *The Water Report*. Ottawa: Example Press, 2019.\n"
        "\n"
        "Lee, K.; Park, M.; Chan, R. Beacons. *J. Example Chem.* 2010, 132, 1–9.\n"
        "\n"
        "[^1]: Mario Dion, *Trudeau II Report*, 2019. <https://example.org/report.pdf>\n"
    )
    from citecheck.parse import parse_document

    document = parse_document(text, "doc.md", DocumentFormat.MARKDOWN)
    assert [(n.label, n.kind.value, n.urls) for n in document.notes] == [
        ("link-1", "link", ("https://csrc.example.gov/projects/beacons",)),
        ("ref-1", "full", ()),
        ("ref-2", "full", ()),
        ("1", "full", ("https://example.org/report.pdf",)),
    ]
    link = document.notes[0]
    assert (link.line, link.column) == (7, text.split("\n")[6].index("csrc") + 1)
    assert [n.text[:8] for n in document.notes[1:3]] == ["Smith, J", "Lee, K.;"]


def test_hand_made_html_notes_in_a_readme_are_one_note_per_anchor() -> None:
    text = (
        "# lib\n"
        "Built on [libigl](www.github.com/libigl/libigl)<sup>[1](#fn1)</sup> and "
        "[Eigen](http://eigen.example/). See Trivial Connections<sup>[2](#fn2)</sup>.\n"
        "\n"
        "## References\n"
        '<a name="fn1">1</a>: A. Jacobson, [libigl](http://igl.example/), 2016.<br>\n'
        '<a name="fn2">2</a>: K. Crane, [Trivial Connections](https://tc.example/), 2010.\n'
    )
    notes, markers, _ = _read(text)
    assert [(n.label, n.line, n.hrefs) for n in notes if not n.inline] == [
        ("1", 5, ("http://igl.example/",)),
        ("2", 6, ("https://tc.example/",)),
    ]
    # The scheme-less body link is the host it names, not a path in the repository.
    assert [n.hrefs for n in notes if n.inline] == [
        ("https://www.github.com/libigl/libigl",),
        ("http://eigen.example/",),
    ]
    assert sorted(m.label for m in markers if not m.label.startswith("link-")) == ["1", "2"]


def test_links_in_raw_html_blocks_are_body_links() -> None:
    text = (
        '<aside class="posted">\n'
        'This post also appears at <a href="http://blog.example/post/">BlogWest</a>.\n'
        "</aside>\n"
        "\n"
        "Public lands matter.[^2]\n"
        "\n"
        '<center><p>Download: <a href="lands.webp">PNG</a> | '
        '<a href="https://code.example/lands">Code</a></p></center>\n'
        "\n"
        '<!-- <a href="https://hidden.example/">draft</a> -->\n'
        "\n"
        '<div><pre><a href="https://code.example/in-pre">x</a></pre> [^9] here</div>\n'
        "\n"
        "[^2]: Karin Merrell, *Public Lands and Political Meaning* (Berkeley, 2002), 12.\n"
    )
    notes, markers, _ = _read(text)
    links = [(n.line, n.hrefs, n.text) for n in notes if n.inline]
    # The relative link (no address stated), the comment and the preformatted code give none.
    assert links == [
        (2, ("http://blog.example/post/",), "BlogWest"),
        (7, ("https://code.example/lands",), "Code"),
    ]
    assert _claims(markers, "link-1") == [(2, "This post also appears at BlogWest.")]
    # "[^9]" in raw HTML is shown as written, no marker.
    assert sorted(m.label for m in markers if not m.label.startswith("link-")) == ["2"]


def test_a_shortcode_after_a_footnote_is_not_the_notes_text() -> None:
    text = (
        "{{< hint info >}}\n"
        "A box that cites.[^1]\n\n"
        "[^1]: Ann Roe, “Leadership at the Agency”.\n"
        "{{< /hint >}}\n\n"
        "After the box.\n"
    )
    notes, _, _ = read_markdown(text)
    assert [(n.label, n.text) for n in notes] == [("1", "Ann Roe, “Leadership at the Agency”.")]


def test_footnotes_written_without_their_colon_are_read_as_the_plain_notes_they_are() -> None:
    # A student essay: "[^1] Popkin, …" (no colon, so no Markdown definition) and "[1]" in the
    # text; the Markdown reader alone found references to footnotes defined nowhere, 0 notes.
    text = ("History changed.[1] It changed again.[2]\n\n"
            "[^1] Jeremy D. Popkin, *From Herodotus to H-Net* (Oxford University Press, 2016), 57."
            "\n\n[^2] Ibid., 60.\n")
    document = parse_document(text, "essay.md")
    assert [(n.label, n.kind.value, n.resolves_to) for n in document.notes] == [
        ("1", "full", None), ("2", "ibid", "1")]
    assert [c.text for c in document.notes[0].claims] == ["History changed."]
