"""Word's citation system (CITATION and BIBLIOGRAPHY fields over the b:Sources part), and the
package quirks real Word, Word Online, Google Docs and LibreOffice files showed: footnote ids
from 0, a link's fragment kept in w:anchor, a backslash in a link target, field results that
run over many paragraphs."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

from hypothesis import given
from hypothesis import strategies as st
from support.docx import docx, external, field, field_end, run, sources

from citecheck.models import DiagnosticCode, Document
from citecheck.parse import parse_bytes
from citecheck.parse.docx.sources import citation_tags, csl_sources, endnote_sources

_SMITH = ("<b:Source><b:Tag>Smi20</b:Tag><b:SourceType>Book</b:SourceType><b:Author><b:Author>"
          "<b:NameList><b:Person><b:Last>Smith</b:Last><b:First>John</b:First></b:Person>"
          "</b:NameList></b:Author></b:Author><b:Title>Rents in Cities</b:Title>"
          "<b:Year>2020</b:Year><b:Publisher>City Press</b:Publisher>"
          "<b:URL>https://example.org/rents</b:URL><b:YearAccessed>2021</b:YearAccessed>"
          "<b:MonthAccessed>March</b:MonthAccessed><b:DayAccessed>4</b:DayAccessed></b:Source>")
_DOE = ("<b:Source><b:Tag>Doe19</b:Tag><b:SourceType>JournalArticle</b:SourceType><b:Author>"
        "<b:Author><b:NameList><b:Person><b:Last>Doe</b:Last><b:First>Jane</b:First></b:Person>"
        "</b:NameList></b:Author></b:Author><b:Title>Towns and Their Growth</b:Title>"
        "<b:Year>2019</b:Year><b:JournalName>Urban Review</b:JournalName>"
        "<b:DOI>https://doi.org/10.1000/towns</b:DOI></b:Source>")
_LISTED = ("<b:Source><b:Tag>Unk18</b:Tag><b:SourceType>Book</b:SourceType><b:Author><b:Author>"
           "<b:Corporate>Town Board</b:Corporate></b:Author></b:Author>"
           "<b:Title>A Listed Work</b:Title><b:Year>2018</b:Year></b:Source>")
_DOE_ENTRY = "Doe, J. (2019). Towns and Their Growth. Urban Review."
_SMITH_CITED = "CITATION Smi20 \\l 1033"
_DOE_CITED = "CITATION Doe19 \\l 1033"
_SOURCES = {"customXml/item1.xml": sources(_SMITH, _DOE, _LISTED)}


def _labels(document: Document) -> list[tuple[str, str, tuple[str, ...], list[str]]]:
    return [(n.label, n.kind.value, n.sources, [c.text for c in n.claims])
            for n in document.notes]


def test_a_word_bibliography_lists_its_sources_cited_by_citation_fields() -> None:
    both = field(_DOE_CITED + " \\m Smi20", run("(Doe, 2019; Smith, 2020)"))
    body = (f"<w:p>{run('Rents rose fast ')}{field(_SMITH_CITED, run('(Smith, 2020)'))}"
            f"{run('. Towns grew ')}{both}{run('.')}</w:p>"
            f"<w:p>{run('References')}</w:p><w:p/>"
            f"<w:p>{field('BIBLIOGRAPHY', run(_DOE_ENTRY), end=False)}</w:p>"
            f"<w:p>{run('Smith, J. (2020). Rents in Cities. City Press.')}</w:p>"
            f"<w:p>{run('Town Board. (2018). A Listed Work. See ')}"
            f'<w:hyperlink r:id="h1">{run("the board")}</w:hyperlink>{field_end()}</w:p>'
            f"<w:p>{run('After the list, no more sources.')}</w:p>")
    document = parse_bytes(docx(body, rels=external("h1", "https://board.example/work"),
                                extra=_SOURCES), "paper.docx")
    assert _labels(document) == [
        ("ref-1", "full", ("https://doi.org/10.1000/towns",), ["Towns grew."]),
        # The style prints no URL: the source's own gives the address to check.
        ("ref-2", "full", ("https://example.org/rents",), ["Rents rose fast.", "Towns grew."]),
        ("ref-3", "full", ("https://board.example/work",), []),  # listed, never cited
    ]
    smith = document.note("ref-2")
    assert smith is not None and smith.citation.accessed == "2021-03-04"
    assert smith.citation.title == "Rents in Cities" and smith.line == 5
    assert not [d for d in document.diagnostics if d.severity == "error"]


def test_an_ieee_bibliography_keeps_the_numbers_it_prints_in_its_own_cells() -> None:
    def row(label: str, entry: str, begin: bool = False, end: bool = False) -> str:
        first = field("BIBLIOGRAPHY", run(label), end=False) if begin else run(label)
        return (f"<w:tr><w:tc><w:p>{first}</w:p></w:tc>"
                f"<w:tc><w:p>{run(entry)}{field_end() if end else ''}</w:p></w:tc></w:tr>")

    body = (f"<w:p>{run('Rents rose ')}{field(_SMITH_CITED, run('[2]'))}"
            f"{run(' and towns grew ')}{field(_DOE_CITED, run('[1]'))}"
            f"{run('.')}</w:p>"
            "<w:tbl>"
            f"{row('[1]', 'J. Doe, Towns and Their Growth, Urban Review, 2019.', begin=True)}"
            f"{row('[2]', 'J. Smith, Rents in Cities, City Press, 2020.', end=True)}"
            "</w:tbl>")
    document = parse_bytes(docx(body, extra=_SOURCES), "ieee.docx")
    assert _labels(document) == [
        ("1", "full", ("https://doi.org/10.1000/towns",), ["Rents rose and towns grew."]),
        ("2", "full", ("https://example.org/rents",), ["Rents rose and towns grew."]),
    ]
    assert document.note("2").text.startswith("J. Smith")  # type: ignore[union-attr]


def test_sources_cited_without_a_bibliography_are_notes_where_first_cited() -> None:
    body = (f"<w:p>{run('Rents rose ')}{field('CITATION Smi20', run('[4]'))}"
            f"{run('. Towns grew ')}{field('CITATION Doe19', run('(Doe, 2019)'))}"
            f"{run('. Then ')}{field('CITATION Gone99', run('(Gone, 1999)'))}{run('.')}</w:p>"
            f"<w:p>{run('Rents rose again ')}<w:fldSimple w:instr=\" CITATION Smi20 \">"
            f"{run('[4]')}</w:fldSimple>{run('.')}</w:p>")
    document = parse_bytes(docx(body, extra=_SOURCES), "draft.docx")
    assert _labels(document) == [
        ("4", "full", ("https://example.org/rents",), ["Rents rose.", "Rents rose again."]),
        ("Doe19", "full", ("https://doi.org/10.1000/towns",), ["Towns grew."]),
    ]
    assert document.note("Doe19").citation.doi == "10.1000/towns"  # type: ignore[union-attr]
    missing = [d for d in document.diagnostics if d.code is DiagnosticCode.MARKER_WITHOUT_NOTE]
    assert [d.label for d in missing] == ["Gone99"]


def test_citation_field_instructions_name_every_source() -> None:
    assert citation_tags("CITATION Wil05 \\l 1033") == ["Wil05"]
    assert citation_tags('CITATION "Two Words" \\p 45 \\m Kos06 \\l 1033 \\m Cle94') == [
        "Two Words", "Kos06", "Cle94"]
    assert citation_tags("CITATION") == [] and citation_tags("SEQ Figure") == []


def test_a_field_left_open_in_its_instruction_does_not_hide_the_rest() -> None:
    broken = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
              '<w:r><w:instrText> CITATION Smi20</w:instrText></w:r>')
    body = (f"<w:p>{run('A claim.')}{broken}</w:p>"
            f"<w:p>{run('See https://example.org/later for more.')}</w:p>")
    document = parse_bytes(docx(body, extra=_SOURCES), "x.docx")
    assert [n.urls for n in document.notes] == [("https://example.org/later",)]


def test_footnote_ids_from_0_without_separators_are_real_notes() -> None:
    body = (f"<w:p>{run('First claim.')}<w:r><w:footnoteReference w:customMarkFollows=\"0\" "
            f'w:id="0"/></w:r>{run(" Second claim.")}<w:r><w:footnoteReference w:id="1"/>'
            "</w:r></w:p>")
    footnotes = (f'<w:footnote w:id="0"><w:p>{run("Smith, One, https://example.org/1.")}'
                 f'</w:p></w:footnote><w:footnote w:id="1"><w:p>{run("A remark.")}</w:p>'
                 "</w:footnote>")
    document = parse_bytes(docx(body, footnotes=footnotes), "gdocs.docx")
    assert [(n.label, n.urls) for n in document.notes] == [
        ("1", ("https://example.org/1",)), ("2", ())]


def test_a_link_fragment_kept_in_w_anchor_and_a_backslash_in_a_target() -> None:
    body = f"<w:p>{run('A claim.')}<w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>"
    footnote = (f'<w:footnote w:id="1"><w:p><w:hyperlink r:id="h1" w:anchor="part-2">'
                f'{run("https://t.example/doc#part-2")}</w:hyperlink>{run("; ")}'
                f'<w:hyperlink r:id="h2">{run("https://t.example/a.html%5Cnb")}</w:hyperlink>'
                "</w:p></w:footnote>")
    rels = external("h1", "https://t.example/doc") + external("h2", "https://t.example/a.html\\nb")
    document = parse_bytes(docx(body, footnotes=footnote, note_rels=rels), "x.docx")
    assert document.note("1").urls == (  # type: ignore[union-attr]
        "https://t.example/doc#part-2", "https://t.example/a.html%5Cnb")


def test_a_footnote_citing_a_stored_source_checks_the_source_url() -> None:
    body = f"<w:p>{run('Rents rose.')}<w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>"
    footnote = (f'<w:footnote w:id="1"><w:p>{run("See ")}'
                f"{field(_SMITH_CITED, run('Smith, Rents in Cities (City Press, 2020)'))}"
                f"{run('.')}</w:p></w:footnote>")
    document = parse_bytes(docx(body, footnotes=footnote, extra=_SOURCES), "x.docx")
    note = document.note("1")
    assert note is not None and note.kind.value == "full"
    assert note.urls == ("https://example.org/rents",)
    assert note.citation.accessed == "2021-03-04"
    assert [c.text for c in note.claims] == ["Rents rose."]


def _csl(*items: dict[str, object], zotero: bool = True) -> str:
    """A Zotero (or Mendeley) citation field's instruction carrying ``items`` as CSL JSON."""
    payload = json.dumps({"citationItems": [
        {"id": f"ITEM-{n}", "itemData": item} if not zotero else
        {"id": n, "uris": [f"http://zotero.org/users/1/items/{item['title']}"], "itemData": item}
        for n, item in enumerate(items, 1)]})
    return escape(("ADDIN ZOTERO_ITEM CSL_CITATION " if zotero else "ADDIN CSL_CITATION ")
                  + payload)


_ROBOTS = {"type": "article-journal", "title": "Untethered soft robotics",
           "author": [{"family": "Rich", "given": "Steven"}, {"family": "Wood", "given": "R."}],
           "issued": {"date-parts": [[2018, 2]]}, "DOI": "10.1038/s41928-018-0024-1",
           "URL": "https://www.nature.com/articles/s41928-018-0024-1"}
_FLESH = {"type": "book", "title": "The Visible and the Invisible",
          "author": [{"family": "Merleau-Ponty", "given": "Maurice"}],
          "issued": {"date-parts": [["1968"]]}, "URL": "https://aalto.finna.fi/Record/alli.761571",
          "accessed": {"date-parts": [[2019, 11, 2]]}}


_ROBOTS_ENTRY = "Rich, S., &amp; Wood, R. (2018). Untethered soft robotics. Nature Electronics."


def test_zotero_citations_and_bibliography_give_their_items_urls() -> None:
    bibliography = field(escape('ADDIN ZOTERO_BIBL {"uncited":[]} CSL_BIBLIOGRAPHY'),
                         run("Merleau-Ponty, M. (1968). The visible and the invisible."),
                         end=False)
    both = field(_csl(_FLESH, _ROBOTS), run("(Merleau-Ponty, 1968; Rich &amp; Wood, 2018)"))
    body = (f"<w:p>{run('Robots move softly ')}{field(_csl(_ROBOTS), run('(Rich, 2018)'))}"
            f"{run('. Flesh is seen ')}{both}{run('.')}</w:p><w:p>{run('Bibliography')}</w:p>"
            f"<w:p>{bibliography}</w:p>"
            f"<w:p>{run(_ROBOTS_ENTRY)}{field_end()}</w:p>")
    document = parse_bytes(docx(body), "zotero.docx")
    assert _labels(document) == [
        ("ref-1", "full", ("https://aalto.finna.fi/Record/alli.761571",), ["Flesh is seen."]),
        ("ref-2", "full", (_ROBOTS["URL"], "https://doi.org/10.1038/s41928-018-0024-1"),
         ["Robots move softly.", "Flesh is seen."]),
    ]
    assert document.note("ref-1").citation.accessed == "2019-11-02"  # type: ignore[union-attr]
    assert document.note("ref-2").citation.doi == "10.1038/s41928-018-0024-1"  # type: ignore[union-attr]


def test_mendeley_citations_without_a_bibliography_and_in_footnotes() -> None:
    body = (f"<w:p>{run('Robots move softly ')}"
            f"{field(_csl(_ROBOTS, zotero=False), run('(Rich &amp; Wood, 2018)'))}{run('.')}"
            f"{run(' Flesh is seen.')}<w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>")
    footnote = (f'<w:footnote w:id="1"><w:p>'
                f"{field(_csl(_FLESH, zotero=False), run('Merleau-Ponty, The Visible, 1968.'))}"
                "</w:p></w:footnote>")
    document = parse_bytes(docx(body, footnotes=footnote), "mendeley.docx")
    assert _labels(document) == [
        ("Rich2018", "full", (_ROBOTS["URL"], "https://doi.org/10.1038/s41928-018-0024-1"),
         ["Robots move softly."]),
        ("1", "full", ("https://aalto.finna.fi/Record/alli.761571",), ["Flesh is seen."]),
    ]


def test_endnote_citations_carry_their_records() -> None:
    record = ("<EndNote><Cite><Author>Smith</Author><Year>2020</Year><RecNum>12</RecNum>"
              "<DisplayText>(Smith, 2020)</DisplayText><record><rec-number>12</rec-number>"
              "<contributors><authors><author><style face=\"normal\">Smith, John</style></author>"
              "</authors></contributors><titles><title><style face=\"normal\">Rents in Cities"
              "</style></title></titles><dates><year>2020</year></dates><urls><related-urls>"
              "<url>https://example.org/rents</url></related-urls></urls>"
              "<electronic-resource-num>10.1000/rents</electronic-resource-num></record></Cite>"
              "</EndNote>")
    data_only = "ADDIN EN.CITE.DATA "  # EndNote's other way: the record in w:fldData
    cited = field(escape("ADDIN EN.CITE " + record), run("(Smith, 2020)"))
    body = (f"<w:p>{run('Rents rose ')}{cited}"
            f"{run('. Again ')}{field(data_only, run('(Smith, 2020)'))}{run('.')}</w:p>"
            f"<w:p>{field('ADDIN EN.REFLIST', run('Smith, J. 2020. Rents in Cities. City Press.'))}"
            "</w:p>")
    document = parse_bytes(docx(body), "endnote.docx")
    assert _labels(document) == [
        ("ref-1", "full", ("https://example.org/rents", "https://doi.org/10.1000/rents"),
         ["Rents rose."]),
    ]


_INSTRUCTION_BITS = st.sampled_from([
    "CITATION ", "ADDIN ZOTERO_ITEM CSL_CITATION ", "ADDIN EN.CITE ", "{", "}", "[", "]", '"',
    ":", ",", '"citationItems"', '"itemData"', '"uris"', '"author"', '"issued"', '"URL"',
    '{"date-parts":[[', "2020", "null", "<EndNote>", "<Cite>", "<record>", "</record>",
    "<urls><related-urls><url>", "</url>", "\\m ", "\\l 1033 ", "Smi20 ", "&", "x"])


@given(st.lists(_INSTRUCTION_BITS, max_size=40).map("".join))
def test_citation_field_instructions_never_raise(instruction: str) -> None:
    for source in [*csl_sources(instruction), *endnote_sources(instruction)]:
        assert source.tag and isinstance(source.text(), str)
    assert all(citation_tags(instruction))
