"""PDF and Word documents built in the test from readable recipes (tests/support/pdf.py and a
WordprocessingML writer here): the edge cases real files seldom show one at a time."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from support.pdf import Link, Page, Run, build_pdf

from citecheck.models import DiagnosticCode, DocumentFormat
from citecheck.parse import parse_bytes
from citecheck.parse.formats import sniff_binary

FILLER = "Planners measured the growth of every district over the whole decade again."


def _body(runs: list[Run], top: int = 720) -> list[Run]:
    # Body type must be the commonest size, as in any real document.
    return [*runs, *(Run(72, top - 20 * i, FILLER) for i in range(1, 12))]


def _footnoted_pdf() -> bytes:
    page = Page(
        runs=[
            *_body([Run(72, 740, "Cities grew fast in the decade."),
                    Run(262, 740, "1", size=7, rise=5)]),
            Run(72, 100, "1", size=6, rise=3),
            Run(78, 100, "Smith, Growth, 2020, https://example.org/a and https://example.org/b",
                size=9),
            Run(300, 40, "1"),
        ],
    )
    return build_pdf([page])


def test_a_footnote_with_two_urls_keeps_both_in_order_with_its_page() -> None:
    document = parse_bytes(_footnoted_pdf(), "report.pdf")
    assert document.format is DocumentFormat.PDF
    note = document.note("1")
    assert note is not None
    assert note.urls == ("https://example.org/a", "https://example.org/b")
    assert (note.page, note.line) == (1, 13)
    assert [c.text for c in note.claims] == ["Cities grew fast in the decade."]
    assert note.claims[0].page == 1 and note.claims[0].line == 1


def test_url_footnotes_in_body_type_listed_bottom_up_under_a_wrapped_mark() -> None:
    # A word processor's export: notes in body type holding only an address, the page's notes
    # listed last-first, and the first mark wrapped to the start of a line ("tools" ⏎ "¹ and").
    page = Page(
        runs=[
            *_body([
                Run(72, 740, "Two tools audit dependencies: pip-audit"),
                Run(72, 720, "1", size=7, rise=5), Run(78, 720, "and It-Depends."),
                Run(170, 720, "2", size=7, rise=5),
            ], top=700),
            Run(72, 100, "2", size=7, rise=5), Run(78, 100, "https://example.org/it-depends/"),
            Run(72, 80, "1", size=7, rise=5), Run(78, 80, "https://example.com/pip-audit"),
        ],
    )
    document = parse_bytes(build_pdf([page]), "response.pdf")
    assert [(n.label, n.urls) for n in document.notes] == [
        ("1", ("https://example.com/pip-audit",)),
        ("2", ("https://example.org/it-depends/",)),
    ]


def test_a_wrapped_url_is_made_whole_from_its_link_annotation() -> None:
    uri = "https://example.org/very/long/path/to/page.html"
    page = Page(
        runs=[
            *_body([Run(72, 740, "Sources")]),
            Run(72, 300, "1. Jones, Cities, 2019, https://example.org/very/long/"),
            Run(72, 288, "path/to/page.html. Accessed May 2020."),
        ],
        links=[Link((200, 298, 400, 310), uri), Link((72, 286, 160, 298), uri)],
    )
    document = parse_bytes(build_pdf([page]), "refs.pdf")
    urls = [url for note in document.notes for url in note.urls]
    assert uri in urls
    assert "https://example.org/very/long/" not in urls


def test_footnote_1_and_reference_1_are_two_notes_cited_by_their_own_marks() -> None:
    page = Page(runs=[
        *_body([Run(72, 740, "Hashes name blocks."), Run(160, 740, "1", size=7, rise=5)]),
        Run(72, 480, "Kademlia routes lookups [1]."),
        Run(72, 440, "References"),
        Run(72, 420, "[1] P. Maymounkov and D. Mazieres. Kademlia. In IPTPS, 2002."),
        Run(72, 100, "1", size=6, rise=3),
        Run(78, 100, "Throughout this document, hash means a cryptographic hash.", size=9),
    ])
    document = parse_bytes(build_pdf([page]), "paper.pdf")
    ones = [n for n in document.notes if n.label == "1"]
    assert [(n.page, n.line) for n in ones] == [(1, 15), (1, 16)]
    assert [[c.text for c in n.claims] for n in ones] == [
        ["Kademlia routes lookups."], ["Hashes name blocks."]]
    assert not [d for d in document.diagnostics if d.code is DiagnosticCode.DUPLICATE_LABEL]


def test_a_footnote_broken_off_by_the_page_break_goes_on_at_the_next_pages_foot() -> None:
    # LaTeX runs a long footnote on at the foot of the next page, under its body text, with no
    # number: that part is the note's (its link too), not the body's.
    uri = "https://example.org/speech-2014"
    first = Page(runs=[
        *_body([Run(72, 740, "Orban announced a new state."), Run(250, 740, "1", size=7, rise=5)]),
        Run(72, 100, "1", size=6, rise=3),
        Run(78, 100, "See his speech of 30 July 2014, given after the elections: the new",
            size=9),
        Run(300, 40, "1"),
    ])
    second = Page(
        runs=[*_body([Run(72, 740, "Hungary changed its constitution.")]),
              Run(72, 120, "state is an illiberal state, as the speech says at his own site.",
                  size=9),
              Run(72, 110, "Transcript online.", size=9),
              Run(300, 40, "2")],
        links=[Link((72, 108, 160, 118), uri)],
    )
    document = parse_bytes(build_pdf([first, second]), "essay.pdf")
    note = document.note("1")
    assert note is not None
    assert note.text.endswith("the new state is an illiberal state, as the speech says at his "
                              "own site. Transcript online.")
    assert note.urls == (uri,)
    assert [n.label for n in document.notes] == ["1"]


def test_a_raised_number_that_cites_no_footnote_is_no_mark_of_a_reference() -> None:
    # Footnotes cited by raised numbers beside a numbered list cited by brackets: an exponent
    # at the foot of page 1 ("x²") neither takes footnote 2's mark (its own page raises one)
    # nor cites reference [2].
    first = Page(runs=[
        *_body([Run(72, 740, "Growth was fast."), Run(170, 740, "1", size=7, rise=5)]),
        Run(72, 460, "The area grows as x"), Run(182, 460, "2", size=7, rise=5),
        Run(190, 460, "over the years [1]."),
        Run(72, 100, "1", size=6, rise=3), Run(78, 100, "Smith, Growth, 2020.", size=9),
    ])
    second = Page(runs=[
        *_body([Run(72, 740, "Rents rose."), Run(140, 740, "2", size=7, rise=5)]),
        Run(72, 460, "References"),
        Run(72, 440, "[1] A. Jones. Cities and their growth. Urban Review, 2019."),
        Run(72, 420, "[2] B. Brown. Rents in towns. Housing Studies, 2018."),
        Run(72, 100, "2", size=6, rise=3), Run(78, 100, "Smith, Rents, 2021.", size=9),
    ])
    document = parse_bytes(build_pdf([first, second]), "paper.pdf")
    assert [(n.label, n.text.split(",")[0], [c.text for c in n.claims])
            for n in document.notes] == [
        ("1", "Smith", ["Growth was fast."]),
        ("1", "A. Jones. Cities and their growth. Urban Review", [
            "The area grows as x over the years."]),
        ("2", "B. Brown. Rents in towns. Housing Studies", []),
        ("2", "Smith", ["Rents rose."]),
    ]


def test_a_url_cut_by_a_page_break_is_joined_past_the_page_number() -> None:
    uri = "https://example.org/reports/2019/cities-and-growth.html"
    first = Page(
        runs=[*_body([Run(72, 740, "Cities grew [1].")]), Run(72, 420, "References"),
              Run(72, 400, "[1] Jones, Cities, 2019, https://example.org/reports/2019/"),
              Run(300, 40, "1")],
        links=[Link((250, 398, 400, 410), uri)],
    )
    second = Page(
        runs=[Run(72, 740, "cities-and-growth.html. Accessed May 2020."),
              Run(72, 720, "[2] Smith, Towns, 2020."), Run(300, 40, "2")],
        links=[Link((72, 738, 200, 750), uri)],
    )
    document = parse_bytes(build_pdf([first, second]), "refs.pdf")
    note = document.note("1")
    assert note is not None and note.urls == (uri,)
    assert (note.page, note.line) == (1, 14)  # 1 claim line, 11 filler lines, the heading


def test_a_link_on_words_gives_its_uri_to_the_note_on_its_line() -> None:
    page = Page(
        runs=[
            *_body([Run(72, 740, "Merkle trees help."), Run(170, 740, "1", size=7, rise=5)]),
            Run(72, 100, "1", size=6, rise=3),
            Run(78, 100, "See Merkle Tree on Wikipedia.", size=9),
        ],
        links=[Link((95, 98, 150, 108), "https://en.wikipedia.org/wiki/Merkle_tree")],
    )
    note = parse_bytes(build_pdf([page]), "p.pdf").note("1")
    assert note is not None and note.urls == ("https://en.wikipedia.org/wiki/Merkle_tree",)


def test_a_link_rectangle_far_taller_than_its_word_still_finds_its_line() -> None:
    # Word's link on "here.": its rectangle runs 18 pt below the baseline and 11 above, so its
    # middle is below the word; the link is a body link all the same, on its line.
    uri = "https://fas.org/sgp/crs/misc/IF11016.pdf"
    page = Page(
        runs=_body([Run(72, 740, "The tariffs are summarised here. Another sentence.")]),
        links=[Link((240, 722, 270, 751), uri)],
    )
    document = parse_bytes(build_pdf([page]), "paper.pdf")
    links = [(n.urls, n.line) for n in document.notes if n.kind.value == "link"]
    assert links == [((uri,), 1)]


def test_a_bulleted_reference_list_whose_urls_are_only_links_over_its_entries() -> None:
    # ONLYOFFICE: each reference's URL is a link annotation over the entry, printed nowhere;
    # one entry's year wraps to a line of its own, which is no page number on a document that
    # numbers none of its pages.
    entries = [("· Open Forum Europe, \"Feasibility Study: Sovereign Tech Fund,\" July", 680),
               ("2025", 668),
               ("· European Commission, \"EU Budget 2028-2034 Proposal,\" July 2025", 656),
               ("· OECD, \"The Economic and Social Impact of Software,\" 2021", 644)]
    first = Page(runs=_body([Run(72, 740, "Funding for open source infrastructure.")]))
    last = Page(
        runs=[Run(72, 710, "E. Selected References", size=14),
              *(Run(108 if text == "2025" else 90, y, text, size=10) for text, y in entries),
              Run(72, 610, "Document Metadata:", size=10),
              Run(90, 596, "· Date: December 2025", size=10)],
        links=[Link((95, 678, 400, 690), "https://stf.example/"),
               Link((108, 666, 140, 678), "https://stf.example/"),
               Link((95, 654, 400, 666), "https://ec.example/budget"),
               Link((95, 642, 400, 654), "https://oecd.example/software.pdf")],
    )
    document = parse_bytes(build_pdf([first, first, last]), "brief.pdf")
    assert [(n.label, n.urls) for n in document.notes] == [
        ("ref-1", ("https://stf.example/",)),
        ("ref-2", ("https://ec.example/budget",)),
        ("ref-3", ("https://oecd.example/software.pdf",)),
    ]
    assert document.note("ref-1").text.endswith("July 2025")  # type: ignore[union-attr]
    assert "Metadata" not in document.note("ref-3").text  # type: ignore[union-attr]


def test_flush_entries_apart_by_space_are_measured_at_their_baselines() -> None:
    # pandoc's APA list: entries set flush and told apart only by the space between them. A
    # line opening with a quotation mark (its glyph stands above the baseline) or a parenthesis
    # (it hangs below) must not look closer to, or farther from, its neighbours than it is.
    lines = [
        ("World Health Organization. (2021). Violence against Women. Retrieved from", 0),
        ("'https://www.who.int/news-room/fact-sheets/detail/violence-against-women'", 12),
        ("Cepeda, I., & Torralba, M. (2022). Measuring Violence Against Women: An Index.", 18),
        ("Journal of Interpersonal Violence, 37(19), 86. https://doi.org/10.1177/0886", 12),
        ("Vartanian, V. (2023, August). Gender in Armenia. Hetq Online. Retrieved from", 18),
        ("(archived) https://hetq.am/en/article/159066", 12),
        ("Queensland Centre. (n.d.). What About Men? No to Violence. Retrieved from", 18),
        ("https://noviolence.org.au/wp-content/uploads/2018/09/Whataboutmen.pdf", 12),
    ]
    runs, y = [Run(72, 420, "References", size=12)], 420
    for text, gap in lines:
        y -= gap or 20
        runs.append(Run(72, y, text, size=10))
    page = Page(runs=_body([Run(72, 740, "Violence is measured (Cepeda et al., 2022).")]) + runs)
    document = parse_bytes(build_pdf([page]), "paper.pdf")
    assert [(n.label, n.urls) for n in document.notes] == [
        ("ref-1", ("https://www.who.int/news-room/fact-sheets/detail/violence-against-women",)),
        ("ref-2", ("https://doi.org/10.1177/0886",)),
        ("ref-3", ("https://hetq.am/en/article/159066",)),
        ("ref-4", ("https://noviolence.org.au/wp-content/uploads/2018/09/Whataboutmen.pdf",)),
    ]


def test_unreadable_pdfs_become_one_error_diagnostic() -> None:
    good = _footnoted_pdf()
    cases = {
        DiagnosticCode.ENCRYPTED: build_pdf([Page(runs=_body([]))], encrypt=True),
        DiagnosticCode.DAMAGED: good[: len(good) // 2],
        DiagnosticCode.NO_TEXT: build_pdf([Page(), Page()]),
    }
    for code, data in cases.items():
        document = parse_bytes(data, "x.pdf")
        assert document.format is DocumentFormat.UNREADABLE
        assert [(d.code, d.severity) for d in document.diagnostics] == [(code, "error")]


def test_a_page_pypdfium2_cannot_give_in_one_range_is_read_character_by_character(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pypdfium2 steps over the generated characters at the ends of a text range by recursion,
    one level each: a real page opening with a thousand of them overflowed the stack (ctypes
    wrapped the RecursionError in an ArgumentError) and the whole run ended in a traceback."""
    import ctypes

    import pypdfium2

    expected = parse_bytes(_footnoted_pdf(), "x.pdf")

    def overflow(*_args: object, **_kwargs: object) -> str:
        raise ctypes.ArgumentError("argument 1: RecursionError: maximum recursion depth exceeded")

    monkeypatch.setattr(pypdfium2.PdfTextPage, "get_text_range", overflow)
    document = parse_bytes(_footnoted_pdf(), "x.pdf")
    assert document.format is DocumentFormat.PDF
    assert [(n.label, n.kind, n.urls) for n in document.notes] == [
        (n.label, n.kind, n.urls) for n in expected.notes
    ]
    assert document.note("1") is not None


@pytest.mark.parametrize(("name", "module", "reader"), [
    ("x.pdf", "citecheck.parse.pdf", "read_pdf"),
    ("x.docx", "citecheck.parse.docx", "read_docx"),
])
def test_a_reader_failing_on_one_file_reports_it_unread_instead_of_raising(
    monkeypatch: pytest.MonkeyPatch, name: str, module: str, reader: str
) -> None:
    import importlib

    def fails(*_args: object) -> None:
        raise MemoryError("the C library gave up")

    monkeypatch.setattr(importlib.import_module(module), reader, fails)
    data = _footnoted_pdf() if name.endswith(".pdf") else _docx("<w:p/>")
    document = parse_bytes(data, name)
    assert document.format is DocumentFormat.UNREADABLE
    [diagnostic] = document.diagnostics
    assert (diagnostic.code, diagnostic.severity) == (DiagnosticCode.UNREADABLE, "error")
    assert "reader failed on this file (MemoryError)" in diagnostic.message


def test_a_txt_that_is_really_a_pdf_is_read_as_one_and_says_so() -> None:
    document = parse_bytes(_footnoted_pdf(), "notes.txt")
    assert document.format is DocumentFormat.PDF
    assert document.diagnostics[0].code is DiagnosticCode.FORMAT_MISMATCH
    assert document.note("1") is not None


# --------------------------------------------------------------------------- Word

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _docx(body: str, footnotes: str = "", endnotes: str = "", rels: str = "",
          note_rels: str = "") -> bytes:
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxml'
                               'formats.org/package/2006/content-types"/>',
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                       f'relationships"><Relationship Id="d" Type="{_REL}/officeDocument" '
                       'Target="word/document.xml"/></Relationships>',
        "word/document.xml": f"<w:document {_W}><w:body>{body}</w:body></w:document>",
        "word/_rels/document.xml.rels":
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="fn" Type="{_REL}/footnotes" Target="footnotes.xml"/>'
            f'<Relationship Id="en" Type="{_REL}/endnotes" Target="endnotes.xml"/>'
            f"{rels}</Relationships>",
        "word/footnotes.xml": f"<w:footnotes {_W}>{footnotes}</w:footnotes>",
        "word/endnotes.xml": f"<w:endnotes {_W}>{endnotes}</w:endnotes>",
        "word/_rels/footnotes.xml.rels":
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{note_rels}</Relationships>",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, text in parts.items():
            package.writestr(name, text)
    return buffer.getvalue()


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_docx_notes_are_labelled_as_word_prints_them() -> None:
    body = (f"<w:p>{_run('Growth was fast.')}<w:r><w:footnoteReference w:id=\"7\"/></w:r>"
            f"{_run(' Rents rose.')}<w:r><w:endnoteReference w:id=\"3\"/></w:r>"
            f"{_run(' See it.')}<w:r><w:footnoteReference w:id=\"2\"/></w:r></w:p>")
    footnotes = (f'<w:footnote w:type="separator" w:id="-1"><w:p>{_run("---")}</w:p></w:footnote>'
                 f'<w:footnote w:id="2"><w:p>{_run("Ibid.")}</w:p></w:footnote>'
                 f'<w:footnote w:id="7"><w:p>{_run("Smith, Growth, https://example.org/g.")}'
                 "</w:p></w:footnote>")
    endnotes = f'<w:endnote w:id="3"><w:p>{_run("Jones, A. Rents in Cities. Urban Review, 2020, https://example.org/r.")}</w:p></w:endnote>'
    data = _docx(body, footnotes, endnotes)
    assert sniff_binary(data) is DocumentFormat.DOCX
    document = parse_bytes(data, "paper.docx")
    assert [(n.label, n.kind.value) for n in document.notes] == [
        ("1", "full"), ("2", "ibid"), ("i", "full")]
    assert document.note("1").urls == ("https://example.org/g",)  # type: ignore[union-attr]
    assert document.note("2").resolves_to == "1"  # type: ignore[union-attr]
    assert document.note("1").claims[0].text == "Growth was fast."  # type: ignore[union-attr]


def test_docx_numbering_that_restarts_each_section_keeps_each_mark_on_its_own_note() -> None:
    def mark(number: int) -> str:
        return f'<w:r><w:footnoteReference w:id="{number}"/></w:r>'

    section = '<w:pPr><w:sectPr><w:footnotePr><w:numRestart w:val="eachSect"/>' \
              "</w:footnotePr></w:sectPr></w:pPr>"
    body = (f"<w:p>{_run('Chapter one claim.')}{mark(2)}</w:p>"
            f"<w:p>{section}{_run('End of chapter one.')}</w:p>"
            f"<w:p>{_run('Chapter two claim.')}{mark(3)}</w:p>"
            '<w:sectPr><w:footnotePr><w:numRestart w:val="eachSect"/></w:footnotePr></w:sectPr>')
    footnotes = "".join(
        f'<w:footnote w:id="{i}"><w:p>{_run(text)}</w:p></w:footnote>'
        for i, text in ((2, "Smith, One, https://example.org/1."),
                        (3, "Jones, Two, https://example.org/2.")))
    document = parse_bytes(_docx(body, footnotes), "book.docx")
    assert [(n.label, n.urls, [c.text for c in n.claims]) for n in document.notes] == [
        ("1", ("https://example.org/1",), ["Chapter one claim."]),
        ("1", ("https://example.org/2",), ["Chapter two claim."]),
    ]
    assert all("\u2063" not in d.message for d in document.diagnostics)


def test_a_reference_list_typed_in_a_docx_body_is_read_as_notes() -> None:
    body = (f"<w:p>{_run('Rents rose [1]. Towns grew.')}"
            '<w:r><w:footnoteReference w:id="2"/></w:r></w:p>'
            f"<w:p>{_run('References')}</w:p>"
            f"<w:p>{_run('[1] Jones, A. Rents in Cities. Urban Review, 2020. ')}"
            f'<w:hyperlink r:id="h1">{_run("Online")}</w:hyperlink></w:p>')
    footnotes = f'<w:footnote w:id="2"><w:p>{_run("A remark about towns.")}</w:p></w:footnote>'
    rels = (f'<Relationship Id="h1" Type="{_REL}/hyperlink" Target="https://example.org/rents" '
            'TargetMode="External"/>')
    document = parse_bytes(_docx(body, footnotes, rels=rels), "paper.docx")
    assert [(n.label, n.kind.value, n.line, n.urls, [c.text for c in n.claims])
            for n in document.notes] == [
        ("1", "comment", 1, (), ["Towns grew."]),
        ("1", "full", 3, ("https://example.org/rents",), ["Rents rose."]),
    ]


def _paragraphs(*texts: str) -> str:
    return "".join(f"<w:p>{_run(text)}</w:p>" for text in texts)


def test_a_docx_entry_continued_in_paragraphs_of_its_own_stays_one_entry() -> None:
    # Word for Mac, APA typed by hand: the journal and pages, "Available online at: <url>" and
    # "Accessed …" each in a paragraph of their own, empty paragraphs between entries.
    body = (_paragraphs("Depressed people overgeneralise (Mogoase, 2013).", "References", "",
                        "Abramson, L.Y. (1978). Learned helplessness in humans.", "",
                        "Mogoase, C. & David, D. (2013). Can Concreteness Training Alone Reduce "
                        "Depressive Symptoms?",
                        "Cognitive Therapy Research, 37(4), 704-712. ", "", "",
                        "Weissman, A.N. & Beck, A.T. (1978). Development of the dysfunctional "
                        "attitude scale.")
            + '<w:p><w:r><w:t xml:space="preserve">Available online at: </w:t></w:r>'
            f'<w:hyperlink r:id="h1">{_run("https://files.example/ED167619.pdf")}</w:hyperlink>'
            "</w:p>"
            + _paragraphs("Accessed 08/2018", "",
                          "Zung, W.W.K. (1965). A self-rating depression scale. Archives of "
                          "General Psychiatry, 12, 63-70."))
    rels = (f'<Relationship Id="h1" Type="{_REL}/hyperlink" '
            'Target="https://files.example/ED167619.pdf" TargetMode="External"/>')
    document = parse_bytes(_docx(body, rels=rels), "dissertation.docx")
    assert [(n.label, n.text.split(" ", 1)[0], n.urls) for n in document.notes] == [
        ("ref-1", "Abramson,", ()),
        ("ref-2", "Mogoase,", ()),
        ("ref-3", "Weissman,", ("https://files.example/ED167619.pdf",)),
        ("ref-4", "Zung,", ()),
    ]
    assert document.note("ref-2").text.endswith("704-712.")  # type: ignore[union-attr]
    assert document.note("ref-3").text.endswith("Accessed 08/2018")  # type: ignore[union-attr]


def test_an_entry_whose_second_paragraph_is_set_in_stays_one_entry_with_its_link() -> None:
    # Google Docs, APA by hand: each entry broken mid-sentence into a flush paragraph and a
    # paragraph indented as a whole (w:ind left, no hanging), an empty paragraph between
    # entries; the URL is a hyperlink in the second half.
    indent = '<w:pPr><w:ind w:left="720" w:firstLine="0"/></w:pPr>'

    def set_in(text: str, rid: str = "") -> str:
        link = (f'<w:hyperlink r:id="{rid}">{_run(f"https://news.example/{rid}")}</w:hyperlink>'
                if rid else "")
        return f"<w:p>{indent}{_run(text)}{link}</w:p>"

    body = (_paragraphs("Media shape opinion (Bennett, 2018; Diepenbrock, 2016).",
                        "References", "", "Bennett, B. (2018). Trump wants to kill two "
                          "immigration programs, but doesn't seem to know ")
            + set_in("how they work. Los Angeles Times. Retrieved from: ", "h1")
            + _paragraphs("", "Diepenbrock, G. (2016). Negative media portrayals drive "
                          "perception of immigration policy, study ")
            + set_in("finds. The University of Kansas. Retrieved from: ", "h2"))
    rels = "".join(
        f'<Relationship Id="{rid}" Type="{_REL}/hyperlink" Target="https://news.example/{rid}" '
        'TargetMode="External"/>' for rid in ("h1", "h2"))
    document = parse_bytes(_docx(body, rels=rels), "white-paper.docx")
    assert [(n.label, n.text.split(" ", 1)[0], n.urls) for n in document.notes] == [
        ("ref-1", "Bennett,", ("https://news.example/h1",)),
        ("ref-2", "Diepenbrock,", ("https://news.example/h2",)),
    ]
    assert "Los Angeles Times" in document.note("ref-1").text  # type: ignore[union-attr]


def test_a_whole_entry_set_in_after_a_whole_flush_entry_is_an_entry_of_its_own() -> None:
    # Word, a German Quellenverzeichnis: most entries set in as a whole (w:ind left), a few
    # flush; a flush entry complete in itself (a book, its date) does not go on into the
    # set-in entry after it, nor a flush URL entry into the set-in URL entry after it.
    indent = '<w:pPr><w:ind w:left="360" w:firstLine="0"/></w:pPr>'

    def set_in(rid: str) -> str:
        link = f'<w:hyperlink r:id="{rid}">{_run(f"https://docs.example/{rid}")}</w:hyperlink>'
        return f"<w:p>{indent}{link}{_run(', Zeitpunkt des Zugriffs: 10.02.18, 12:40')}</w:p>"

    body = (_paragraphs("Ionic ist ein Framework.", "Quellenverzeichnis")
            + set_in("h1")
            + _paragraphs("https://ryte.example/wiki/Native_App, Zeitpunkt des Zugriffs: "
                          "10.02.18, 12:20",
                          "Chris Griffith: Mobile App Development with Ionic 2, First Edition "
                          "April 2017")
            + set_in("h2")
            + _paragraphs("https://wiki.example/REST, Zeitpunkt des Zugriffs: 18.02.2018, 12:00")
            + set_in("h3"))
    rels = "".join(
        f'<Relationship Id="{rid}" Type="{_REL}/hyperlink" Target="https://docs.example/{rid}" '
        'TargetMode="External"/>' for rid in ("h1", "h2", "h3"))
    document = parse_bytes(_docx(body, rels=rels), "hausarbeit.docx")
    assert [(n.label, n.text.split(",", 1)[0], n.urls) for n in document.notes] == [
        ("ref-1", "https://docs.example/h1", ("https://docs.example/h1",)),
        ("ref-2", "https://ryte.example/wiki/Native_App", ("https://ryte.example/wiki/Native_App",)),
        ("ref-3", "Chris Griffith: Mobile App Development with Ionic 2", ()),
        ("ref-4", "https://docs.example/h2", ("https://docs.example/h2",)),
        ("ref-5", "https://wiki.example/REST", ("https://wiki.example/REST",)),
        ("ref-6", "https://docs.example/h3", ("https://docs.example/h3",)),
    ]


def test_an_mla_entry_split_over_two_docx_paragraphs_keeps_its_own_link() -> None:
    # Word, MLA: an entry broken after its title, or inside its quoted title; the link on
    # the second half shows no scheme ("www.vice.com/…") and its target is http.
    def linked(text: str, shown: str, rid: str) -> str:
        return f'<w:p>{_run(text)}<w:hyperlink r:id="{rid}">{_run(shown)}</w:hyperlink></w:p>'

    body = (_paragraphs(
        "Deepfakes spread (Cole). Truth dies (Schwartz).", "Bibliography",
        "Chawla, Ronit. “Deepfakes.” Research and Development, 10 June, 2019. ",
        "Cole, Samantha. “This Deepfake of Mark Zuckerberg Tests Facebook's Policies.”")
        + linked("Vice, 11 June 2019, ", "www.vice.com/en_us/article/ywyxex/deepfake.", "h1")
        + _paragraphs("Schwartz, Oscar. “You Thought Fake News Was Bad? Deep Fakes Are Where "
                      "Truth Goes to ")
        + linked("Die.” The Guardian, 12 Nov. 2018, ",
                 "www.theguardian.com/technology/deep-fakes.", "h2")
        + _paragraphs("Westerlund, Mika. “The Emergence of Deepfake Technology.” Review, "
                      "Nov. 2019."))
    rels = "".join(
        f'<Relationship Id="{rid}" Type="{_REL}/hyperlink" Target="{target}" '
        'TargetMode="External"/>'
        for rid, target in (("h1", "http://www.vice.com/en_us/article/ywyxex/deepfake"),
                            ("h2", "http://www.theguardian.com/technology/deep-fakes")))
    document = parse_bytes(_docx(body, rels=rels), "essay.docx")
    assert [(n.label, n.text.split(" ", 1)[0], n.urls) for n in document.notes] == [
        ("ref-1", "Chawla,", ()),
        ("ref-2", "Cole,", ("http://www.vice.com/en_us/article/ywyxex/deepfake",)),
        ("ref-3", "Schwartz,", ("http://www.theguardian.com/technology/deep-fakes",)),
        ("ref-4", "Westerlund,", ()),
    ]


def test_a_docx_note_naming_an_earlier_note_resolves_to_it() -> None:
    body = (f"<w:p>{_run('Rents rose.')}<w:r><w:footnoteReference w:id=\"1\"/></w:r>"
            f"{_run(' Towns grew.')}<w:r><w:footnoteReference w:id=\"2\"/></w:r></w:p>")
    first = _run("Jones, A. Rents in Cities. Urban Review, 2020, https://example.org/r.")
    footnotes = (f'<w:footnote w:id="1"><w:p>{first}</w:p></w:footnote>'
                 f'<w:footnote w:id="2"><w:p>{_run("See note 1 above.")}</w:p></w:footnote>')
    document = parse_bytes(_docx(body, footnotes), "x.docx")
    note = document.note("2")
    assert note is not None and (note.kind.value, note.resolves_to) == ("short", "1")


def test_a_docx_hyperlink_whose_text_is_another_url_cites_its_target() -> None:
    link = (f'<w:hyperlink r:id="h1">{_run("https://shown.example/old")}</w:hyperlink>')
    body = f"<w:p>{_run('A claim.')}<w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>"
    footnotes = f'<w:footnote w:id="1"><w:p>{_run("See ")}{link}</w:p></w:footnote>'
    note_rels = (f'<Relationship Id="h1" Type="{_REL}/hyperlink" '
                 'Target="https://target.example/new" TargetMode="External"/>')
    document = parse_bytes(_docx(body, footnotes, note_rels=note_rels), "x.docx")
    assert document.note("1").urls == ("https://target.example/new",)  # type: ignore[union-attr]


def test_docx_field_hyperlinks_and_body_links() -> None:
    body = ("<w:p>"
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
            "<w:r><w:instrText> HYPERLINK \"https://books.example/b?id=1&amp;pg=</w:instrText></w:r>"
            "<w:r><w:instrText>2\" \\l \"page3\" </w:instrText></w:r>"
            "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
            f"{_run('A Book')}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
            f'<w:hyperlink r:id="h2">{_run("the site")}</w:hyperlink></w:p>')
    rels = (f'<Relationship Id="h2" Type="{_REL}/hyperlink" Target="https://site.example/" '
            'TargetMode="External"/>')
    document = parse_bytes(_docx(body, rels=rels), "x.docx")
    assert [n.urls for n in document.notes] == [
        ("https://books.example/b?id=1&pg=2#page3",), ("https://site.example/",)]
    assert all(n.label.startswith("link-") for n in document.notes)


def test_damaged_and_legacy_word_files_are_diagnosed() -> None:
    truncated = _docx("<w:p/>")[:40]
    legacy = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100
    for data, code in ((truncated, DiagnosticCode.DAMAGED), (legacy, DiagnosticCode.ENCRYPTED)):
        document = parse_bytes(data, "x.docx")
        assert document.format is DocumentFormat.UNREADABLE
        assert document.diagnostics[0].code is code


# --------------------------------------------------------------------------- OpenDocument


def _odt(body: str) -> bytes:
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
        ' xmlns:xlink="http://www.w3.org/1999/xlink"><office:body><office:text>'
        f"{body}</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)
    return buffer.getvalue()


def test_odt_notes_keep_their_printed_citation_and_links() -> None:
    note = ('<text:note text:id="ftn1" text:note-class="footnote">'
            "<text:note-citation>1</text:note-citation><text:note-body><text:p>Smith, "
            '<text:a xlink:href="https://example.org/growth">Growth report</text:a>, 2020.'
            "</text:p></text:note-body></text:note>")
    body = (f"<text:p>Cities grew fast.{note} See "
            '<text:a xlink:href="https://example.org/data">the data</text:a>.</text:p>')
    data = _odt(body)
    assert sniff_binary(data) is DocumentFormat.ODT
    document = parse_bytes(data, "paper.odt")
    assert document.format is DocumentFormat.ODT
    assert [(n.label, n.urls) for n in document.notes] == [
        ("1", ("https://example.org/growth",)), ("link-1", ("https://example.org/data",))]
    assert document.notes[0].claims[0].text == "Cities grew fast."


def test_a_zip_bomb_part_is_refused_before_it_is_unpacked(monkeypatch: pytest.MonkeyPatch) -> None:
    from citecheck.parse import docx

    monkeypatch.setattr(docx, "MAX_PART_BYTES", 1000)
    body = "<w:p>" + _run("x" * 2000) + "</w:p>"
    document = parse_bytes(_docx(body), "bomb.docx")
    assert document.format is DocumentFormat.UNREADABLE
    assert "over the" in document.diagnostics[0].message


def test_pdf_text_by_character_index_matches_pdfium_one_character_at_a_time() -> None:
    # Pages whose text PDFium shortens (a NUL dropped, U+0002 given as U+FFFE): the chunked
    # read must still give one character per index, as reading each index does.
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from citecheck.parse.pdf.extract import _text_by_index

    real = Path(__file__).parents[1] / "data" / "real"
    document = pdfium.PdfDocument(real / "pdf" / "ethereum-yellowpaper.pdf")
    try:
        for number in (2, 9):
            textpage = document[number].get_textpage()
            raw = textpage.raw
            count = pdfium_c.FPDFText_CountChars(raw)
            one_by_one = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count))
            assert len(textpage.get_text_range(0, count)) != count  # the case in question
            assert _text_by_index(raw, count) == one_by_one
    finally:
        document.close()


def test_a_page_number_in_small_type_is_no_mark_between_two_references() -> None:
    # A journal's page number set smaller than the text (PDFium gives it as a raised "⁸", and
    # second on the page): it must not end the last reference of the page before its wrapped
    # address does, nor glue the next page's first reference onto it. (Text in 10 pt, the
    # references in 9.)
    entry = [Run(72, 300, "Alpha, A. 2018. The journal impact factor. ArXiv, January. "
                 "http://arxiv.org/abs/", size=9),
             Run(84, 289, "1801.08992", size=9)]
    text = [Run(72, 740 - 20 * i, FILLER, size=10) for i in range(1, 12)]
    first = Page(runs=[Run(72, 760, "Running head of the article", size=7),
                       Run(300, 40, "8", size=7),
                       Run(72, 740, "Open access grew (Alpha 2018; Beta 2015).", size=10),
                       *text, Run(72, 320, "REFERENCES", size=10), *entry])
    second = Page(runs=[Run(300, 40, "9", size=7),
                        Run(72, 740, "Beta, B. 2015. Open access in an open world. "
                            "Electronica 18:3p.", size=9),
                        Run(84, 729, "https://doi.org/10.26879/152E", size=9),
                        Run(84, 718, "https://example.org/content/2015/open-access", size=9),
                        Run(72, 707, "Gamma, C. 2016. Access. Review 2:1-9.", size=9)])
    document = parse_bytes(build_pdf([first, second]), "article.pdf")
    assert [(n.label, n.urls) for n in document.notes if n.kind.value != "link"] == [
        ("ref-1", ("http://arxiv.org/abs/1801.08992",)),
        ("ref-2", ("https://doi.org/10.26879/152E",
                   "https://example.org/content/2015/open-access")),
        ("ref-3", ()),
    ]


def test_addresses_the_body_prints_are_links_when_wrapped_or_without_a_scheme() -> None:
    # Running text wraps an address as a note does ("(https://" ⏎ "paleorxiv.org/)"); the
    # front matter prints one without its scheme under a DOI (a line each: two links).
    page = Page(runs=[
        Run(72, 740, "Article 22.2.27A 1-10. https://doi.org/10.26879/968"),
        Run(72, 728, "palaeo-electronica.org/content/2019/2548-open-access"),
        Run(72, 716, "Licence: creativecommons.org/licenses/by-nc-sa/4.0/"),
        *_body([Run(72, 680, "Servers grew, as did the community-driven paleorXiv (https://"),
                Run(72, 668, "paleorxiv.org/). Routes are listed at https://example.org/"),
                Run(72, 656, "2018/11/30/nine-routes/). Evidently, they work.")], top=650),
    ])
    document = parse_bytes(build_pdf([page]), "article.pdf")
    assert [n.urls[0] for n in document.notes if n.kind.value == "link"] == [
        "https://doi.org/10.26879/968",
        "https://palaeo-electronica.org/content/2019/2548-open-access",
        "https://creativecommons.org/licenses/by-nc-sa/4.0/",
        "https://paleorxiv.org/",
        "https://example.org/2018/11/30/nine-routes/",
    ]



def test_a_host_the_body_prints_alone_is_a_link_as_in_text_and_word() -> None:
    # A table of platforms: "www." hosts and a few bare ones ("berlin.craigslist.com"); a
    # country's two-label name ("shaere.me"), "Node.js" and "e.g." in prose stay words.
    page = Page(runs=[
        Run(72, 740, "URL"),
        Run(72, 728, "www.ebay.com"),
        Run(72, 716, "berlin.craigslist.com"),
        Run(72, 704, "Now consulting as shaere.me, e.g. on Node.js servers."),
        *_body([], top=690),
    ])
    document = parse_bytes(build_pdf([page]), "platforms.pdf")
    assert [n.urls[0] for n in document.notes if n.kind.value == "link"] == [
        "https://www.ebay.com", "https://berlin.craigslist.com"]

def _right_edge(data: bytes, text: str) -> tuple[float, float]:
    """Where ``text`` ends on page 1: its last character's right edge and its baseline."""
    import pypdfium2 as pdfium

    textpage = pdfium.PdfDocument(data)[0].get_textpage()
    last = textpage.get_text_range().find(text) + len(text) - 1
    return textpage.get_charbox(last)[2], textpage.get_charbox(last)[1]


def test_an_underscore_tex_draws_as_a_rule_is_read_back_into_its_address() -> None:
    # IEEEtran's "\\url{…/article-p111_001/abstract}" with \\_ set in OT1 type: no glyph, a
    # rule filling the gap, which PDFium reads as a space. A gap with no rule stays a space
    # (the text alone reads one before a file name as "_": see test_urls.py).
    head = "[1] G. Greenleaf. Law. Review, 2021. https://brill.example/6/2/article-p111"
    runs = [*_body([Run(72, 740, "Laws differ [1].")]), Run(72, 420, "References"),
            Run(72, 400, head, size=9)]
    right, baseline = _right_edge(build_pdf([Page(runs=runs)]), head)
    tail = Run(right + 4.5, 400, "001/abstract", size=9)
    rule = (right + 0.3, baseline - 0.9, 4.4, 0.4)
    ruled = parse_bytes(build_pdf([Page(runs=[*runs, tail], rules=[rule])]), "paper.pdf")
    assert ruled.note("1").urls == (  # type: ignore[union-attr]
        "https://brill.example/6/2/article-p111_001/abstract",)
    plain = parse_bytes(build_pdf([Page(runs=[*runs, tail])]), "paper.pdf")
    assert plain.note("1").urls == (  # type: ignore[union-attr]
        "https://brill.example/6/2/article-p111",)
    # A rule elsewhere on the line (a table's, under other words) makes no underscore.
    apart = (right - 40, baseline - 0.9, 4.4, 0.4)
    other = parse_bytes(build_pdf([Page(runs=[*runs, tail], rules=[apart])]), "paper.pdf")
    assert other.note("1").urls == (  # type: ignore[union-attr]
        "https://brill.example/6/2/article-p111",)


def test_digits_wrapped_under_a_line_in_small_type_are_its_text_not_raised_marks() -> None:
    # References in 8 pt under 10-pt text: the identifier wrapped to a line of its own
    # ("S0267364922001017") is measured against the entry's type, not the page's.
    runs = [Run(72, 740, "Health data is regulated [1].", size=10),
            *(Run(72, 720 - 14 * i, FILLER, size=10) for i in range(12)),
            Run(72, 500, "References", size=10),
            Run(72, 488, "[1] Z. He. Health data. Computer Law & Security Review 47, 2022.",
                size=8),
            Run(80, 479, "Retrieved from https://www.sciencedirect.example/science/pii/", size=8),
            Run(80, 470, "S0267364922001017", size=8)]
    document = parse_bytes(build_pdf([Page(runs=runs)]), "paper.pdf")
    assert document.note("1").urls == (  # type: ignore[union-attr]
        "https://www.sciencedirect.example/science/pii/S0267364922001017",)


def test_a_printed_wiki_page_keeps_its_external_links_and_drops_its_own_navigation() -> None:
    # A Wikipedia article printed to PDF: no URL is printed, each reference's source is a link
    # over the entry; the page's own links (the "Jump up^" backlink, the ISBN lookup, article
    # links) became absolute on export and are the site's navigation, not sources.
    wiki = "https://en.wikipedia.org/wiki/"
    first = Page(runs=_body([Run(72, 740, "IFLA was founded in 1927.[1] Books followed.[2]")]),
                 links=[Link((72, 738, 120, 750), wiki + "IFLA")])
    last = Page(
        runs=[Run(72, 710, "References[edit]", size=14),
              Run(72, 690, '1. Jump up^ "IFLA: The Federation". Goethe.de. Retrieved 2013.',
                  size=10),
              Run(72, 676, "2. Jump up^ Rubin, Richard (2010). Foundations. ISBN 978-1-555",
                  size=10),
              Run(72, 640, "External links[edit]", size=14),
              Run(72, 620, "Wikimedia Commons has media on the Federation.", size=10)],
        links=[Link((90, 688, 130, 700), wiki + "IFLA#cite_ref-1"),
               Link((140, 688, 300, 700), "http://www.goethe.de/wis/en576.htm"),
               Link((90, 674, 130, 686), wiki + "IFLA#cite_ref-2"),
               Link((300, 674, 400, 686), wiki + "Special:BookSources/978-1-555"),
               Link((72, 618, 300, 630), "https://commons.wikimedia.org/wiki/Category:IFLA")],
    )
    document = parse_bytes(build_pdf([first, first, last]), "ifla.pdf")
    notes = {n.label: n for n in document.notes}
    assert notes["1"].urls == ("http://www.goethe.de/wis/en576.htm",)
    assert notes["2"].urls == ()
    links = [n.urls for n in document.notes if n.kind.value == "link"]
    assert links == [("https://commons.wikimedia.org/wiki/Category:IFLA",)]


def test_an_apa_list_typed_with_hanging_indents_by_hand_in_plain_paragraphs() -> None:
    # Google Docs / Word, a student's APA list: each entry's later lines are paragraphs of their
    # own, set in by w:ind (no hyperlink or field in them: the reader's fast path for plain
    # paragraphs must still see the indent) or by typed spaces and a tab; an address alone on the
    # third line of an entry is that entry's; "Reference" (singular) heads the list.
    indent = '<w:pPr><w:ind w:left="720" w:firstLine="0"/></w:pPr>'

    def set_in(text: str) -> str:
        return f"<w:p>{indent}{_run(text)}</w:p>"

    body = (_paragraphs("HIV is clustered (Aral et al., 2015; Koenig et al., 2016).", "",
                        "Reference", "",
                        "Aral, S. O., Torrone, E., & Bernstein, K. (2015). Geographical targeting "
                        "to improve progression")
            + set_in("through the care continua. Current opinion in HIV and AIDS, 10(6), "
                     "477–482. https://doi.org/10.1097/COH.0000000000000195")
            + _paragraphs("Koenig, L. J., Hoyer, D., & Mermin, J. (2016). Young People and HIV:",
                          "         \tA Call to Action. American journal of public health, "
                          "106(3), 402–405.",
                          "         \thttps://doi.org/10.2105/AJPH.2015.302979",
                          "U.S. Department of Health and Human Services. (2021, June 2). U.S. "
                          "Statistics. Retrieved from",
                          "        \thttps://www.hiv.gov/hiv-basics/statistics"))
    document = parse_bytes(_docx(body), "paper.docx")
    assert [(n.label, n.urls) for n in document.notes] == [
        ("ref-1", ("https://doi.org/10.1097/COH.0000000000000195",)),
        ("ref-2", ("https://doi.org/10.2105/AJPH.2015.302979",)),
        ("ref-3", ("https://www.hiv.gov/hiv-basics/statistics",)),
    ]


def test_a_heading_and_a_tab_indented_paragraph_of_prose_stay_apart() -> None:
    # A paragraph of prose typed with a tab first, under a heading that ends in a lower-case
    # word, is no entry's continuation: the heading still heads its list.
    body = _paragraphs("Methods and results", "\tWe did the study in 2019 and it went well.",
                       "A claim (Smith, 2000).", "References",
                       "\tSmith, J. (2000). A book about things. Oxford: Clarendon.")
    document = parse_bytes(_docx(body), "paper.docx")
    assert [(n.label, n.text) for n in document.notes] == [
        ("ref-1", "Smith, J. (2000). A book about things. Oxford: Clarendon.")]
    from citecheck.parse.docx.body import _continues
    from citecheck.parse.docx.wordml import Paragraph
    heading, prose = Paragraph(1, "Methods and results"), Paragraph(2, "\tWe did the study.")
    assert not _continues(heading, prose)
