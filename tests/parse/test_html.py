"""The HTML reader: note lists, Wikipedia references and body links, with source lines."""

from __future__ import annotations

import html as html_lib
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.corpus import Corpus, assert_document_matches, assert_reader_matches, read_document

from citecheck.parse import parse_document
from citecheck.parse.base import RawMarker, RawNote
from citecheck.parse.html import read_html


def _labels(notes: list[RawNote]) -> list[str]:
    return [n.label for n in notes]


# --------------------------------------------------------------------------- note styles


def test_sup_link_into_ordered_list() -> None:
    html = (
        "<html><body>\n"
        '<p>The sky is blue.<sup><a href="#fn1" id="r1">1</a></sup> Grass is green.</p>\n'
        "<ol>\n"
        '<li id="fn1">Smith, <a href="https://example.org/sky">Sky</a>, 2020. '
        '<a href="#r1">↩</a></li>\n'
        "</ol></body></html>\n"
    )
    notes, markers, diagnostics = read_html(html)
    assert notes == [RawNote("1", 4, "Smith, Sky, 2020.", ("https://example.org/sky",), column=1)]
    assert markers == [RawMarker("1", 2, "The sky is blue.", 20)]
    assert diagnostics == []


def test_gutenberg_footnotes_after_their_paragraphs_with_empty_anchors() -> None:
    html = (
        "<html><body>\n"
        '<p>Only one Beethoven.<a name="FNanchor_A_1" id="FNanchor_A_1"></a>'
        '<a href="#Footnote_A_1" class="fnanchor">[A]</a></p>\n'
        '<div class="footnotes"><div class="footnote"><p><a name="Footnote_A_1" id="Footnote_A_1">'
        '</a><a href="#FNanchor_A_1"><span class="label">[A]</span></a> '
        "Frimmel&#x27;s Beethoven.</p>"
        "</div></div>\n"
        '<p>Pity,<a name="FNanchor_B_2" id="FNanchor_B_2"></a> <a href="#Footnote_B_2" '
        'class="fnanchor">[B]</a> comes first.</p>\n'
        '<div class="footnotes"><div class="footnote"><p><a name="Footnote_B_2" id="Footnote_B_2">'
        '</a><a href="#FNanchor_B_2"><span class="label">[B]</span></a> Mitleid.</p></div></div>\n'
        "</body></html>\n"
    )
    notes, markers, _ = read_html(html)
    # The footnotes' return links lead to the body's empty anchors: those are no notes.
    assert [(n.label, n.text) for n in notes] == [("A", "Frimmel's Beethoven."), ("B", "Mitleid.")]
    assert [(m.label, m.sentence) for m in markers] == [
        ("A", "Only one Beethoven."),
        ("B", "Pity, comes first."),
    ]


def test_wikipedia_references() -> None:
    html = (
        '<p>Claim one.<sup id="cite_ref-a_1-0" class="reference">'
        '<a href="#cite_note-a-1">[1]</a></sup> Claim two.'
        '<sup id="cite_ref-a_1-1" class="reference"><a href="#cite_note-a-1">[1]</a></sup>'
        '<sup class="noprint Inline-Template"><a href="/wiki/Citation_needed">citation needed</a>'
        "</sup></p>\n"
        '<ol class="references">\n'
        '<li id="cite_note-a-1"><span class="mw-cite-backlink">^ <a href="#cite_ref-a_1-0">'
        '<sup><i><b>a</b></i></sup></a> <a href="#cite_ref-a_1-1"><sup>b</sup></a></span> '
        '<span class="reference-text">Doe, J. <a class="external text" '
        'href="https://example.org/doe">"Title"</a>. <a href="/wiki/ISBN">ISBN</a></span></li>\n'
        '<li id="cite_note-Smith2019-2"><span class="reference-text">Never cited.</span></li>\n'
        "</ol>\n"
    )
    notes, markers, _ = read_html(html)
    assert [(n.label, n.line, n.text, n.hrefs) for n in notes] == [
        ("1", 3, 'Doe, J. "Title". ISBN', ("https://example.org/doe",)),
        ("2", 4, "Never cited.", ()),
    ]
    assert [(m.label, m.sentence) for m in markers] == [("1", "Claim one."), ("1", "Claim two.")]


def test_wikipedia_named_reference_group_and_infobox_links() -> None:
    # A bundled note in a named group prints "[list 1]": that is its label, not its place in
    # its own list (which would clash with note 1). The infobox's website and identifier links
    # are the article's external links, not page chrome.
    html = (
        '<table class="infobox"><tr><th>Website</th><td><a class="external text" '
        'href="https://example.org/">example.org</a></td></tr></table>\n'
        '<p>Claim one.<sup class="reference"><a href="#cite_note-1">[1]</a></sup> Claim two.'
        '<sup class="reference"><a href="#cite_note-Clime-2">[list 1]</a></sup></p>\n'
        '<ol class="references">\n'
        '<li id="cite_note-1"><span class="reference-text">Doe, J. '
        '<a class="external text" href="https://example.org/doe">"Title"</a>.</span></li>\n'
        "</ol>\n"
        '<ol class="references">\n'
        '<li id="cite_note-Clime-2"><span class="reference-text">Bundled.</span></li>\n'
        "</ol>\n"
    )
    notes, markers, _ = read_html(html)
    assert [(n.label, n.inline, n.hrefs) for n in notes] == [
        ("link-1", True, ("https://example.org/",)),
        ("1", False, ("https://example.org/doe",)),
        ("list 1", False, ()),
    ]
    assert [(m.label, m.sentence) for m in markers if not m.label.startswith("link")] == [
        ("1", "Claim one."),
        ("list 1", "Claim two."),
    ]


def test_pandoc_kramdown_and_python_markdown_footnotes() -> None:
    pandoc = (
        '<p>A.<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a>'
        '</p><section class="footnotes" role="doc-endnotes"><hr /><ol><li id="fn1"><p>Note '
        '<a href="https://example.org/p">p</a>.<a href="#fnref1" class="footnote-back" '
        'role="doc-backlink">↩︎</a></p></li></ol></section>'
    )
    kramdown = (
        '<p>B.<sup id="fnref:x" role="doc-noteref"><a href="#fn:x" class="footnote" '
        'rel="footnote">1</a></sup></p><div class="footnotes" role="doc-endnotes"><ol>'
        '<li id="fn:x" role="doc-endnote"><p>Note k.&nbsp;<a href="#fnref:x" '
        'class="reversefootnote" role="doc-backlink">&#8617;</a></p></li></ol></div>'
    )
    python_markdown = (
        '<p>C.<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>'
        '<div class="footnote"><hr /><ol><li id="fn:1"><p>Note m.&#160;<a class="footnote-backref"'
        ' href="#fnref:1" title="Jump back to footnote 1 in the text">&#8617;</a></p></li></ol>'
        "</div>"
    )
    for html, sentence, text in (
        (pandoc, "A.", "Note p."),
        (kramdown, "B.", "Note k."),
        (python_markdown, "C.", "Note m."),
    ):
        notes, markers, _ = read_html(html)
        assert [(n.label, n.text.strip()) for n in notes] == [("1", text)]
        assert [(m.label, m.sentence) for m in markers] == [("1", sentence)]


def test_sidenote_inside_the_paragraph() -> None:
    html = (
        '<p>Claim one.<sup class="footnote-ref"><a class="footnote-ref-link" href="#fn-1" '
        'id="fnref-1">1</a></sup><span class="marginnote" id="fn-1"><sup><a '
        'class="footnote-ref-link" href="#fnref-1">1</a></sup> Source, <a '
        'href="https://example.org/s">S</a>.</span> Claim two.</p>'
    )
    notes, markers, _ = read_html(html)
    assert [(n.label, n.text, n.hrefs) for n in notes] == [
        ("1", "Source, S.", ("https://example.org/s",))
    ]
    assert [(m.label, m.sentence) for m in markers] == [("1", "Claim one.")]


def test_a_list_inside_a_note_is_its_text() -> None:
    html = (
        '<p>Claim.<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup>'
        '</a></p><section class="footnotes" role="doc-endnotes"><ol><li id="fn1"><p>Two:</p><ul>'
        '<li>A, <a href="https://a.example/">a</a></li><li>B.</li></ul><a href="#fnref1" '
        'class="footnote-back" role="doc-backlink">↩︎</a></li></ol></section>'
    )
    notes, _, _ = read_html(html)
    assert [(n.label, n.text, n.hrefs) for n in notes] == [
        ("1", "Two:\nA, a\nB.", ("https://a.example/",))
    ]


def test_a_note_target_inside_a_listed_note_is_that_note() -> None:
    # pandoc from Word keeps its notes as '<li><div id="fn1">…</div></li>' in a doc-endnotes
    # list: the marker's target is within the listed item, which is the one note.
    html = (
        '<p>Claim.<a href="#fn1" id="fnref1" class="footnote-ref"><sup>1</sup></a> More.'
        '<a href="#fn2" id="fnref2" class="footnote-ref"><sup>2</sup></a></p>'
        '<div class="section footnotes" role="doc-endnotes"><hr /><ol><li><div id="fn1"><p>'
        'Source, <a href="https://a.example/">https://a.example/</a>.<a href="#fnref1" '
        'class="footnote-back">↩︎</a></p></div></li><li><div id="fn2"><p>Ibid.<a href="#fnref2"'
        ' class="footnote-back">↩︎</a></p></div></li></ol></div>'
    )
    notes, markers, diagnostics = read_html(html)
    assert [(n.label, n.text, n.hrefs) for n in notes] == [
        ("1", "Source, https://a.example/.", ("https://a.example/",)),
        ("2", "Ibid.", ()),
    ]
    assert [(m.label, m.sentence) for m in markers] == [("1", "Claim."), ("2", "More.")]
    assert diagnostics == []


def test_wordpress_easy_footnotes_and_block_footnotes() -> None:
    easy = (
        '<p>Claim.<span class="easy-footnote-margin-adjust" id="easy-footnote-1-7"></span>'
        '<span class="easy-footnote"><a href="#easy-footnote-bottom-1-7" title="t"><sup>1</sup>'
        '</a></span></p><ol class="easy-footnotes-wrapper"><li class="easy-footnote-single">'
        '<span id="easy-footnote-bottom-1-7" class="easy-footnote-margin-adjust"></span>Source '
        '<a href="https://example.org/e">e</a>.<a class="easy-footnote-to-top" '
        'href="#easy-footnote-1-7"></a></li></ol>'
    )
    gutenberg = (
        '<p>Claim.<sup data-fn="ab12" class="fn"><a href="#ab12" id="ab12-link">1</a></sup></p>'
        '<ol class="wp-block-footnotes"><li id="ab12">Source g. <a href="#ab12-link" '
        'aria-label="Jump to footnote reference 1">↩︎</a></li></ol>'
    )
    for html, text, hrefs in (
        (easy, "Source e.", ("https://example.org/e",)),
        (gutenberg, "Source g.", ()),
    ):
        notes, markers, _ = read_html(html)
        assert [(n.label, n.text, n.hrefs) for n in notes] == [("1", text, hrefs)]
        assert [(m.label, m.sentence) for m in markers] == [("1", "Claim.")]


def test_substack_and_word_footnotes_point_back_and_forth() -> None:
    substack = (
        '<p>Claim.<a class="footnote-anchor" id="footnote-anchor-1" href="#footnote-1">1</a></p>'
        '<div class="footnote"><a id="footnote-1" href="#footnote-anchor-1" '
        'class="footnote-number">1</a><div class="footnote-content"><p>Source s.</p></div></div>'
    )
    word = (
        '<p class=MsoNormal>Claim.<a href="#_ftn1" name="_ftnref1"><span '
        "class=MsoFootnoteReference>[1]</span></a></p>"
        '<div id=ftn1><p class=MsoFootnoteText><a href="#_ftnref1" name="_ftn1">[1]</a> '
        "Source w.</p></div>"
    )
    for html, text in ((substack, "Source s."), (word, "Source w.")):
        notes, markers, _ = read_html(html)
        assert [(n.label, n.text) for n in notes] == [("1", text)]
        assert [(m.label, m.sentence) for m in markers] == [("1", "Claim.")]


def test_docutils_libreoffice_google_docs_and_arxiv_notes() -> None:
    docutils = (
        '<p>Claim d.<a class="footnote-reference brackets" href="#id3" id="id1" '
        'role="doc-noteref"><span class="fn-bracket">[</span>1<span class="fn-bracket">]</span>'
        '</a></p><aside class="footnote brackets" id="id3" role="doc-footnote">'
        '<span class="label"><span class="fn-bracket">[</span><a role="doc-backlink" href="#id1">1'
        '</a><span class="fn-bracket">]</span></span><p>Source d.</p></aside>'
    )
    libreoffice = (
        '<p>Claim l.<a class="sdfootnoteanc" name="sdfootnote1anc" href="#sdfootnote1sym">'
        '<sup>1</sup></a></p><div id="sdfootnote1"><p class="sdfootnote"><a class="sdfootnotesym" '
        'name="sdfootnote1sym" href="#sdfootnote1anc">1</a>Source l.</p></div>'
    )
    google_docs = (
        '<p><span>Claim g.</span><sup><a href="#ftnt1" id="ftnt_ref1">[1]</a></sup></p><div><p>'
        '<a href="#ftnt_ref1" id="ftnt1">[1]</a><span>&nbsp;Source g, <a href="https://www.'
        'google.com/url?q=https://example.org/g%3Fa%3D1&amp;sa=D">example.org/g</a></span></p></div>'
    )
    arxiv = (
        '<p>Claim a <cite class="ltx_cite">[<a href="#bib.bib12" class="ltx_ref">12</a>]</cite>.'
        '</p><ul class="ltx_biblist"><li id="bib.bib12" class="ltx_bibitem"><span class="ltx_tag">'
        '[12]</span><span class="ltx_bibblock">Source a.</span></li></ul>'
    )
    for html, label, sentence, text, hrefs in (
        (docutils, "1", "Claim d.", "Source d.", ()),
        (libreoffice, "1", "Claim l.", "Source l.", ()),
        (google_docs, "1", "Claim g.", "Source g, example.org/g", ("https://example.org/g?a=1",)),
        (arxiv, "12", "Claim a.", "Source a.", ()),
    ):
        notes, markers, _ = read_html(html)
        assert [(n.label, n.text, n.hrefs) for n in notes] == [(label, text, hrefs)]
        assert [(m.label, m.sentence) for m in markers] == [(label, sentence)]


def test_a_notes_printed_label_linking_back_to_its_marker_is_no_cross_reference() -> None:
    # Project Gutenberg's endnotes: the marker '<a name="tag1" href="#note1">1</a>' sits in a
    # paragraph; the note's label '<a name="note1" href="#tag1">1.</a>' links back to it. The
    # paragraph is the claim, not a bibliography entry the note cites.
    html = (
        "<html><body>\n"
        '<p>The range forms the watershed.<a class="tag" name="tag1" id="tag1" '
        'href="#note1">1</a> Rivers run north.</p>\n'
        '<p>Graves abound.<a class="tag" name="tag2" id="tag2" href="#note2">2</a></p>\n'
        '<div class="footnote"><h4>Footnotes</h4>\n'
        '<p><a name="note1" id="note1" href="#tag1">1.</a> Bollaert: Antiquarian Researches. '
        "London, 1860.</p>\n"
        '<p><a name="note2" id="note2" href="#tag2">2.</a> Seemann: Voy. Herald, p. 312.</p>\n'
        "</div></body></html>\n"
    )
    notes, markers, _ = read_html(html)
    assert [(n.label, n.listed) for n in notes] == [("1", False), ("2", False)]
    assert [(m.label, m.sentence) for m in markers] == [
        ("1", "The range forms the watershed."),
        ("2", "Graves abound."),
    ]


def test_a_label_printed_as_a_link_back_opens_no_note_text() -> None:
    # Project Gutenberg's XHTML: the note's number links back to an anchor before the marked
    # word, '<span><a href="#ft07">&nbsp;7&nbsp;</a></span>' then the text.
    html = (
        '<p><a name="ft07"></a>onomatopoetic<a class="fn" href="#fn07">&nbsp;7&nbsp;</a> '
        "music.</p>\n"
        '<p class="fn"><span><a href="#ft07">&nbsp;7&nbsp;</a></span><a name="fn07"></a>'
        "7 of the pieces imitate the sound signified.</p>\n"
    )
    notes, _, _ = read_html(html)
    assert [(n.label, n.text) for n in notes] == [
        ("7", "7 of the pieces imitate the sound signified.")
    ]
    notes, _, _ = read_html(html.replace("7 of the pieces imitate", "Imitating"))
    assert [(n.label, n.text) for n in notes] == [("7", "Imitating the sound signified.")]


def test_wikipedia_short_notes_bring_their_bibliography_entries() -> None:
    html = (
        '<p>Claim one.<sup class="reference"><a href="#cite_note-FOOTNOTESmith201945-1">[1]</a>'
        "</sup></p>\n"
        '<ol class="references"><li id="cite_note-FOOTNOTESmith201945-1"><span '
        'class="reference-text"><a href="#CITEREFSmith2019">Smith 2019</a>, p.&nbsp;45.</span>'
        "</li></ol>\n"
        "<h2>Sources</h2>\n"
        '<ul><li><cite id="CITEREFSmith2019" class="citation book">Smith, John (2019). '
        '<a class="external text" href="https://example.org/book"><i>A Book</i></a>.</cite></li>'
        "</ul>\n"
    )
    notes, markers, _ = read_html(html)
    assert [(n.label, n.line, n.text, n.hrefs, n.listed) for n in notes] == [
        ("1", 2, "Smith 2019, p.\xa045.", (), False),
        ("ref-1", 4, "Smith, John (2019). A Book.", ("https://example.org/book",), True),
    ]
    assert [(m.label, m.sentence) for m in markers] == [("1", "Claim one.")]



def test_wikipedia_general_sources_of_titles_are_no_bibliography_entries() -> None:
    # "General sources" under References lists works to read by title, linked only to other
    # articles: no year, URL or DOI, nothing to check or resolve a short note to. The
    # Bibliography after it is read, and a remark closing "cf. Author (year), p. N" cites it.
    html = (
        '<p>Claim.<sup class="reference"><a href="#cite_note-1">[1]</a></sup> Two.<sup '
        'class="reference"><a href="#cite_note-2">[2]</a></sup></p>\n'
        "<h2>References</h2>\n<h3>General sources</h3>\n"
        '<ul><li><a href="/wiki/Notitia_Dignitatum">Notitia Dignitatum</a>, an early '
        "5th-century document</li>\n<li>The <a href=\"/wiki/Strategikon\">Strategikon</a>, a "
        "military handbook of the late 6th century</li></ul>\n<h3>Notes</h3>\n"
        '<ol class="references"><li id="cite_note-1"><span class="reference-text">The themata '
        "were formed about 660; the empire was conquered in 1453, cf.<a "
        'href="#CITEREFTreadgold1997">Treadgold (1997)</a>, p.&#160;108.</span></li>\n'
        '<li id="cite_note-2"><span class="reference-text"><a href="#CITEREFTreadgold1997">'
        "Treadgold (1997)</a>, p.&#160;12.</span></li></ol>\n<h3>Bibliography</h3>\n"
        '<ul><li><cite id="CITEREFTreadgold1997">Treadgold, Warren (1997). <i>A History of the '
        "Byzantine State and Society</i>. Stanford University Press.</cite></li></ul>\n"
    )
    document = parse_document(html, "army.html")
    assert [(n.label, n.kind.value, n.resolves_to) for n in document.notes] == [
        ("1", "short", "ref-1"), ("2", "short", "ref-1"), ("ref-1", "full", None)]

def test_bracketed_citation_keys_are_markers() -> None:
    html = (
        '<p>As argued <a class="citation-reference" href="#smith2019" id="id5" '
        'role="doc-biblioref">[Smith2019]</a>.</p><div role="list" class="citation-list">'
        '<div class="citation" id="smith2019" role="doc-biblioentry"><span class="label">'
        '<span class="fn-bracket">[</span><a role="doc-backlink" href="#id5">Smith2019</a>'
        '<span class="fn-bracket">]</span></span><p>Smith, <em>Book</em>, 2019.</p></div></div>'
    )
    notes, markers, _ = read_html(html)
    assert [(n.label, n.text) for n in notes] == [("Smith2019", "Smith, Book, 2019.")]
    assert [(m.label, m.sentence) for m in markers] == [("Smith2019", "As argued.")]


def test_marker_whose_note_is_missing_is_still_a_marker() -> None:
    html = '<p>Claim.<sup class="reference"><a href="#cite_note-9">[9]</a></sup></p>'
    notes, markers, _ = read_html(html)
    assert notes == []
    assert [(m.label, m.sentence) for m in markers] == [("9", "Claim.")]


def test_table_of_contents_links_are_not_markers() -> None:
    html = (
        '<ul class="toc"><li><a href="#History">1 History</a></li></ul>'
        '<p>See <a href="#sec2">2</a> below.</p><h2 id="History">History</h2><h2 id="sec2">Two</h2>'
    )
    notes, markers, _ = read_html(html)
    assert notes == []
    assert markers == []


# --------------------------------------------------------------------------- inline links


def test_body_links_are_inline_notes_but_not_page_furniture() -> None:
    html = (
        "<html><head><title>T</title></head><body>\n"
        '<header><a href="https://example.org/">Home</a></header>\n'
        '<nav><a href="https://example.org/about">About</a></nav>\n'
        '<main><p>The study is <a href="https://example.org/study" title="Study">here</a>; '
        'see <a href="/local">local</a> and <a href="//cdn.example.org/x">the mirror</a>.\n'
        'Second <a href="https://example.org/2"><img src="i.png"></a> sentence.</p></main>\n'
        '<aside><a href="https://example.org/ad">Ad</a></aside>\n'
        '<footer><a href="https://example.org/privacy">Privacy</a></footer>\n'
        "</body></html>\n"
    )
    notes, markers, _ = read_html(html)
    assert [(n.label, n.line, n.column, n.text, n.hrefs, n.inline) for n in notes] == [
        ("link-1", 4, 23, "here — Study", ("https://example.org/study",), True),
        ("link-2", 4, 118, "the mirror", ("https://cdn.example.org/x",), True),
    ]
    assert [(m.label, m.sentence) for m in markers] == [
        ("link-1", "The study is here; see local and the mirror."),
        ("link-2", "The study is here; see local and the mirror."),
    ]


def test_entities_scripts_and_templates() -> None:
    html = (
        '<p>Caf&eacute; &amp; bar &ldquo;quoted&rdquo;&nbsp;claim.<sup><a href="#n1">1</a>'
        "</sup><script>document.write('<sup><a href=\"#n2\">2</a></sup>')</script></p>"
        '<template><p>Hidden.<sup><a href="#n1">1</a></sup></p></template>'
        "<noscript><p>No script.</p></noscript>"
        '<ol><li id="n1">Caf&eacute; guide, <a href="https://example.org/?a=1&amp;b=2">x</a>.</li>'
        '<li id="n2">Two.</li></ol>'
    )
    notes, markers, _ = read_html(html)
    assert [(n.label, n.text, n.hrefs) for n in notes] == [
        ("1", "Café guide, x.", ("https://example.org/?a=1&b=2",)),
        ("2", "Two.", ()),
    ]
    assert [(m.label, m.sentence) for m in markers] == [("1", "Café & bar “quoted” claim.")]


def test_soft_hyphens_and_zero_width_characters_are_dropped() -> None:
    html = (
        '<p>Claim&shy;ing with zero\u200bwidth.<sup><a href="#f1">1</a></sup></p>'
        '<ol><li id="f1">See https://exa\u200bmple.org/x&shy;y</li></ol>'
    )
    notes, markers, _ = read_html(html)
    assert [n.text for n in notes] == ["See https://example.org/xy"]
    assert [m.sentence for m in markers] == ["Claiming with zerowidth."]


def test_lines_follow_the_source_with_crlf_and_multiline_tags() -> None:
    html = (
        '<p>One\r\ntwo.<sup\r\n  class="x"><a\r\nhref="#f">1</a></sup></p>\r\n'
        '<ol>\r\n<li\r\nid="f">Note.</li></ol>\r\n'
    )
    notes, markers, _ = read_html(html)
    assert [(n.line, n.column) for n in notes] == [(6, 1)]
    assert [(m.line, m.column, m.sentence) for m in markers] == [(2, 5, "One two.")]


def test_title_is_not_a_note() -> None:
    notes, markers, _ = read_html("<title>[1] Title https://example.org/t</title><p>Body.</p>")
    assert notes == []
    assert markers == []


# --------------------------------------------------------------------------- plain-text style

SEED = Path(__file__).parent.parent.parent / "seeds" / "000_f49f3406d1885974.txt"


def _summary(document: Any) -> list[tuple[Any, ...]]:
    return [
        (n.label, n.line, n.kind, n.urls, n.resolves_to, [(c.line, c.text) for c in n.claims])
        for n in document.notes
    ]


@pytest.mark.parametrize("entities", [False, True], ids=["utf8", "entities"])
def test_seed_as_html_paragraphs_reads_like_the_text(entities: bool) -> None:
    from citecheck.parse import parse_document

    text = SEED.read_text(encoding="utf-8")
    lines = []
    for line in text.split("\n"):
        escaped = html_lib.escape(line, quote=False)
        if entities:
            escaped = escaped.encode("ascii", "xmlcharrefreplace").decode("ascii")
        lines.append(f"<p>{escaped}</p>" if line.strip() else line)
    as_text = parse_document(text, "seed.txt", "text")
    as_html = parse_document("\n".join(lines), "seed.html", "html")
    assert len(as_text.notes) == 27
    assert _summary(as_html) == _summary(as_text)
    # Every position is three columns on: the "<p>" before each line.
    assert [n.column for n in as_html.notes] == [n.column + 3 for n in as_text.notes]


def test_author_year_references_list_through_the_text_reader() -> None:
    from citecheck.parse import parse_document

    html = (
        "<html><body>\n"
        "<p>The theory was first proposed by Smith (2019), and later tested by Jones (2021).</p>\n"
        "<h2>References</h2>\n"
        "<ul>\n"
        "<li>Smith, J. (2019). <i>A Theory</i>. Publisher. "
        '<a href="https://example.org/smith">link</a></li>\n'
        '<li>Jones, A. (2021). "A Test." <i>Journal</i> 3: 1-9.</li>\n'
        "</ul></body></html>\n"
    )
    document = parse_document(html, "refs.html", "html")
    claim = "The theory was first proposed by Smith (2019), and later tested by Jones (2021)."
    assert [
        (n.label, n.line, n.urls, [(c.line, c.text) for c in n.claims]) for n in document.notes
    ] == [
        ("ref-1", 5, ("https://example.org/smith",), [(2, claim)]),
        ("ref-2", 6, (), [(2, claim)]),
    ]


def _source_at(html: str, line: int, column: int) -> str:
    return html.replace("\r\n", "\n").split("\n")[line - 1][column - 1 :]


@pytest.mark.parametrize(
    ("html", "notes", "markers"),
    [
        # lexbor drops the stray "</ol>" and joins "1\n" and "[1]" into one text node, and the
        # paragraph adds blank lines: the rendering has more lines than the source.
        ("1\n</ol>[1]<p>[1]text. ", [("1", 2, 12)], [("1", 2, 6)]),
        # One source line, every block its own paragraph in the rendering.
        (
            "<div>Claim one.[1]</div><div>Claim two.[2]</div><h2>Notes</h2>"
            "<p>[1] First source.</p><p>[2] Second source.</p>",
            [("1", 1, 66), ("2", 1, 90)],
            [("1", 1, 16), ("2", 1, 40)],
        ),
        # Dropped markup and a reference inside one text node, notes in a table cell.
        (
            "A claim &amp; more.</ol>[1]<table><tr><td>[1] Source &eacute;, <b>2020</b>."
            "</td></tr></table>",
            [("1", 1, 43)],
            [("1", 1, 25)],
        ),
        # Nested blocks and a rule, each adding blank lines before the note.
        (
            "<p>a</p><blockquote><p>Quoted claim.[1]</p></blockquote><hr>\n<p>[1] Source.</p>",
            [("1", 2, 4)],
            [("1", 1, 37)],
        ),
    ],
    ids=["stray-close-tag", "blocks-on-one-line", "entities-and-table", "nested-blocks"],
)
def test_plain_style_positions_are_source_positions(
    html: str, notes: list[tuple[str, int, int]], markers: list[tuple[str, int, int]]
) -> None:
    got_notes, got_markers, _ = read_html(html)
    assert [(n.label, n.line, n.column) for n in got_notes] == notes
    assert [(m.label, m.line, m.column) for m in got_markers] == markers
    for label, line, column in notes + markers:
        assert _source_at(html, line, column).startswith(f"[{label}]")
    _check_positions(html, got_notes, got_markers)


def test_unlinked_superscript_marker_is_placed_on_its_digit() -> None:
    html = "<p>Claim.<sup>1</sup> More.</p>\n<h2>Notes</h2><ol><li>Source one, 2020.</li></ol>"
    notes, markers, _ = read_html(html)
    assert [(m.label, m.line, m.column) for m in markers] == [("1", 1, 15)]
    assert [(n.label, n.line, n.column) for n in notes] == [("1", 2, 19)]
    assert _source_at(html, 2, 19).startswith("<li>Source one")


# --------------------------------------------------------------------------- corpus


# Expectations the parser does not meet yet: each case is a strict xfail, so fixing the parser
# turns it into a failure that asks for its removal from this list.
KNOWN_WRONG = {
    "medium_article_with_chrome": "link-6's claim is cut at the quotation's full stop; the "
    "link supports the quotation it attributes",
}
CORPUS = Corpus("html", ".html", KNOWN_WRONG)


def test_corpus_is_complete() -> None:
    # Named here so a document added without its expectation, or lost, fails by name.
    CORPUS.assert_complete(
        [
            "hugo_blackfriday",
            "jekyll_kramdown",
            "medium_article_with_chrome",
            "pandoc_article",
            "plain_text_markers",
            "simple_sup_ol",
            "substack_footnotes_with_chrome",
            "unlinked_superscripts",
            "wikipedia_excerpt",
            "wikipedia_great_stink_full",
            "wordpress_block_footnotes",
            "wordpress_easy_footnotes",
        ]
    )


@pytest.mark.parametrize("path", CORPUS.cases())
def test_corpus_raw_notes_and_claims(path: Path) -> None:
    notes, markers, _ = read_html(read_document(path))
    assert_reader_matches(path, (notes, markers))


@pytest.mark.parametrize("path", CORPUS.cases())
def test_corpus_through_parse_document(path: Path) -> None:
    assert_document_matches(path)


# --------------------------------------------------------------------------- robustness

_TAG_SOUP = st.sampled_from(
    [
        "<p>", "</p>", "<sup>", "</sup>", '<a href="#fn1">', '<a href="https://x.org/">', "</a>",
        '<li id="fn1">', "<ol>", "</ol>", "<li>", "</li>", "<table>", "<td>", "<div>", "</div>",
        "<script>", "</script>", "<!--", "-->", "<template>", "</template>", "<br>", "<nav>",
        '<span class="reference-text">', '<ol class="references">', '<a name="fn1">', "[1]",
        "1", "text. ", "U.S. ", "&amp;", "&#", "&", "<", ">", '"', "'", "\n", "\r\n", " ",
        "<b>", "<i>", "</b>", "<a href='#x'>", '<p id="x">', "é", "\x00",
    ]
)  # fmt: skip


def _check_positions(text: str, notes: list[RawNote], markers: list[RawMarker]) -> None:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    positions = [(n.line, n.column) for n in notes] + [(m.line, m.column) for m in markers]
    for line, column in positions:
        assert 1 <= line <= lines
        assert column >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TAG_SOUP, max_size=80).map("".join))
def test_never_raises_on_tag_soup(text: str) -> None:
    notes, markers, _ = read_html(text)
    _check_positions(text, notes, markers)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    notes, markers, _ = read_html(text)
    _check_positions(text, notes, markers)


# --------------------------------------------------------------------------- performance
# CPU time of this process, so other work on the machine does not make the bounds flaky.


def test_ten_thousand_notes_parse_quickly() -> None:
    count = 10_000
    body = "\n".join(
        f'<p>Claim {i} is stated here, with enough words to be a sentence.<sup id="r{i}">'
        f'<a href="#n{i}">{i}</a></sup> Another sentence follows.</p>'
        for i in range(1, count + 1)
    )
    notes_list = "\n".join(
        f'<li id="n{i}">Author {i}, <a href="https://example.org/{i}">Title {i}</a>, 2020. '
        f'<a href="#r{i}">↩</a></li>'
        for i in range(1, count + 1)
    )
    html = f"<html><body>\n{body}\n<ol>\n{notes_list}\n</ol>\n</body></html>\n"
    started = time.process_time()
    notes, markers, _ = read_html(html)
    elapsed = time.process_time() - started
    assert len(notes) == count
    assert len(markers) == count
    assert (notes[-1].label, notes[-1].line) == (str(count), 2 * count + 2)
    assert (
        markers[-1].sentence == f"Claim {count} is stated here, with enough words to be a sentence."
    )
    assert elapsed < 2.5, f"{elapsed:.2f} s"


def test_ten_thousand_plain_text_style_notes_parse_quickly() -> None:
    count = 10_000
    body = "\n".join(
        f"<p>Claim {i} is stated here, with enough words to be a sentence.[{i}] More.</p>"
        for i in range(1, count + 1)
    )
    notes_section = "\n".join(
        f'<p>[{i}] Author {i}, “Title {i},” 2020. <a href="https://example.org/{i}">link</a></p>'
        for i in range(1, count + 1)
    )
    html = f"<html><body>\n{body}\n<h2>Notes</h2>\n{notes_section}\n</body></html>\n"
    started = time.process_time()
    notes, markers, _ = read_html(html)
    elapsed = time.process_time() - started
    assert len(notes) == len(markers) == count
    assert (notes[-1].label, notes[-1].line, notes[-1].hrefs) == (
        str(count),
        2 * count + 2,
        (f"https://example.org/{count}",),
    )
    assert (markers[-1].line, markers[-1].column) == (count + 1, 62 + len(str(count)))
    assert elapsed < 2.5, f"{elapsed:.2f} s"


def test_one_paragraph_with_ten_thousand_markers_is_not_quadratic() -> None:
    count = 10_000
    html = (
        "<p>"
        + " ".join(f'Sentence {i}.<sup><a href="#n{i}">{i}</a></sup>' for i in range(count))
        + "</p><ol>"
        + "".join(f'<li id="n{i}">Note {i}.</li>' for i in range(count))
        + "</ol>"
    )
    started = time.process_time()
    _, markers, _ = read_html(html)
    elapsed = time.process_time() - started
    assert [m.sentence for m in markers[-2:]] == [
        f"Sentence {count - 2}.",
        f"Sentence {count - 1}.",
    ]
    assert elapsed < 2.5, f"{elapsed:.2f} s"


# --------------------------------------------------------------------------- platform furniture


def _inline_urls(html: str) -> list[str]:
    notes, _, _ = read_html(html)
    return [n.hrefs[0] for n in notes if n.inline]


def test_class_named_furniture_and_buttons_are_not_sources() -> None:
    html = (
        '<html><body><div class="topbar"><a href="https://me.example/">My Newsletter</a></div>'
        '<article class="newsletter-post"><div class="post-meta">'
        '<a href="https://me.example/@ana">Ana Ferreira</a></div>'
        '<p>Growth slowed, <a href="https://src.example/a">the study says</a>. It was long and '
        "detailed enough to be the page's text, as an article is.</p>"
        '<p class="button-wrapper"><a href="https://me.example/p/x?action=share">Share</a></p>'
        '<p>Read <a href="https://twitter.com/intent/tweet?url=x">on Twitter</a>.</p>'
        '<p><a href="https://me.example/subscribe">Subscribe now</a></p></article>'
        '<div id="cookie-notice" role="dialog"><a href="https://me.example/privacy">policy</a>'
        '</div><div class="footer"><a href="https://platform.example/tos">Terms</a></div>'
        "</body></html>"
    )
    assert _inline_urls(html) == ["https://src.example/a"]


def test_links_outside_the_article_are_the_sites_own() -> None:
    html = (
        '<html><body><a href="https://more.example/other-post">More from the author</a>'
        '<article><p>The river flooded in 1858, <a href="https://src.example/flood">records '
        "show</a>, and the city rebuilt its embankments over the following decade.</p>"
        '</article><div id="comments"><article class="comment-body"><p>Great! '
        '<a href="https://spam.example/">my site</a></p></article></div></body></html>'
    )
    assert _inline_urls(html) == ["https://src.example/flood"]


def test_article_teaser_cards_do_not_hide_the_real_text() -> None:
    # <article> used for two small "related" cards; the essay itself is in plain <div>s.
    essay = " ".join(f"Sentence {i} of the essay text, long enough to count." for i in range(20))
    html = (
        f'<html><body><div class="post"><p>{essay} <a href="https://src.example/b">A source'
        "</a> says so.</p></div>"
        '<article class="card"><a href="https://blog.example/1">Card one</a></article>'
        "</body></html>"
    )
    assert "https://src.example/b" in _inline_urls(html)


def test_a_marker_in_a_table_cell_supports_its_row() -> None:
    html = (
        "<table><tr><th>Source</th><th>Particles</th><th></th></tr>\n"
        '<tr><td>Tap (global)</td><td>5.45</td><td><sup><a href="#fn1">1</a></sup></td></tr>\n'
        '<tr><td>Bottled</td><td>325<sup><a href="#fn2">2</a></sup></td><td></td></tr>'
        '</table>\n<ol><li id="fn1">One.</li><li id="fn2">Two.</li></ol>'
    )
    _, markers, _ = read_html(html)
    assert [(m.label, m.line, m.sentence) for m in markers] == [
        ("1", 2, "Tap (global) 5.45"),
        ("2", 3, "Bottled 325"),  # a cell's words are no sentence of their own
    ]


def test_tufte_sidenotes_and_margin_notes_are_notes() -> None:
    html = (
        "<html><body><article><p>Edward Tufte popularised margin notes."
        '<label for="sn-1" class="margin-toggle sidenote-number"></label>'
        '<input type="checkbox" id="sn-1" class="margin-toggle"/>'
        '<span class="sidenote">Tufte, <em>Beautiful Evidence</em> (2006), '
        "https://www.edwardtufte.com/tufte/books_be.</span> They save space."
        '<label for="mn-x" class="margin-toggle">&#8853;</label>'
        '<input type="checkbox" id="mn-x" class="margin-toggle"/>'
        '<span class="marginnote">See <a href="https://example.org/m">this</a>.</span>'
        "</p></article></body></html>"
    )
    from citecheck.parse import parse_document

    document = parse_document(html, "tufte.html")
    # The sidenote prints the number a CSS counter gives it; the margin note prints none.
    assert [(n.label, n.urls, [c.text for c in n.claims]) for n in document.notes] == [
        ("1", ("https://www.edwardtufte.com/tufte/books_be",),
         ["Edward Tufte popularised margin notes."]),
        ("mn-x", ("https://example.org/m",), ["They save space."]),
    ]  # fmt: skip
    assert document.diagnostics == ()


def test_tufte_sidenotes_are_numbered_as_the_css_counter_prints_them() -> None:
    # tufte-css: every toggle label is empty (the number is a CSS counter's), one sits inside
    # the small-caps words it marks, apart from its checkbox; margin notes between the
    # sidenotes keep their ids and do not count; a toggle that prints its number is read.
    html = (
        '<html><body><article><p><span class="newthought">In his later books'
        '<label for="sn-in-his-later-books" class="margin-toggle sidenote-number"></label>'
        '</span><input type="checkbox" id="sn-in-his-later-books" class="margin-toggle"/>'
        '<span class="sidenote"><a href="https://b.example/be"><em>Beautiful Evidence</em></a>'
        "</span>, Tufte starts each section anew.</p>"
        '<p>Links are underlined. <label for="mn-blue" class="margin-toggle">&#8853;</label>'
        '<input type="checkbox" id="mn-blue" class="margin-toggle"/>'
        '<span class="marginnote">Blue text is crass.</span> Credit goes to Adam.</p>'
        '<p>Monotype Bembo<label for="sn-bembo" class="margin-toggle sidenote-number"></label>'
        '<input type="checkbox" id="sn-bembo" class="margin-toggle"/><span class="sidenote">'
        'See the <a href="https://f.example/fonts">fonts</a> thread.</span> font.</p>'
        '<p>A demo.<label for="sn-demo" class="margin-toggle sidenote-number">3</label>'
        '<input type="checkbox" id="sn-demo" class="margin-toggle"/>'
        '<span class="sidenote">This is a sidenote.</span></p>'
        "<pre><code>&lt;span class=\"sidenote\"&gt;example&lt;/span&gt;</code></pre>"
        "</article></body></html>"
    )
    from citecheck.parse import parse_document

    document = parse_document(html, "tufte.html")
    assert [(n.label, n.kind.value, n.urls) for n in document.notes] == [
        ("1", "full", ("https://b.example/be",)),
        ("mn-blue", "comment", ()),
        ("2", "full", ("https://f.example/fonts",)),
        ("3", "comment", ()),
    ]
    assert document.notes[0].claims[0].text.startswith("In his later books")


def test_a_quotations_footer_is_its_attribution_not_page_furniture() -> None:
    # '<blockquote>…<footer><a>…</a></footer></blockquote>' (tufte-css, Bootstrap's
    # blockquote-footer) credits the quote: its link is a body link; the page's footer is not.
    html = (
        "<html><body><article><p>Tufte writes:</p>"
        '<blockquote cite="https://q.example/post"><p>Good design is clear thinking.</p>'
        '<footer><a href="https://q.example/post">Edward Tufte, forum post</a></footer>'
        '</blockquote><p>A claim.<sup><a href="#fn1">1</a></sup></p>'
        '<ol class="footnotes"><li id="fn1">Tufte, Envisioning Information, 1990.</li></ol>'
        "</article>"
        '<footer><a href="https://site.example/about">About this site</a></footer>'
        "</body></html>"
    )
    from citecheck.parse import parse_document

    document = parse_document(html, "quote.html")
    assert [(n.label, n.urls) for n in document.notes] == [
        ("link-1", ("https://q.example/post",)),
        ("1", ()),
    ]
    # The source it names supports the quotation, not the attribution line.
    assert document.notes[0].claims[0].text == "Good design is clear thinking."
    cited = parse_document(html.replace("<footer><a", "<footer>— <cite><a").replace(
        "</a></footer></blockquote>", "</a></cite></footer></blockquote>"), "quote.html")
    assert cited.notes[0].claims[0].text == "Good design is clear thinking."


def test_urls_written_out_in_body_text_are_inline_notes() -> None:
    html = (
        '<html><body><article><p>Growth slowed.<sup><a href="#fn1">1</a></sup> DHH’s essay '
        "(https://world.hey.com/dhh/essay-59625580) says the same. See "
        '<a href="https://x.org/a">this</a> and www.example.org/report?a=1&amp;b=2.</p>\n'
        "<pre>curl https://internal.example.corp/health</pre>\n"
        '<ol><li id="fn1">Smith, “Growth,” 2020, https://src.example/growth.</li></ol>'
        "</article><footer>Contact https://footer.example/contact</footer></body></html>"
    )
    from citecheck.parse import parse_document

    document = parse_document(html, "a.html")
    inline = [(n.label, n.urls, n.claims[0].text) for n in document.notes if n.label[:5] == "link-"]
    assert inline == [
        ("link-1", ("https://world.hey.com/dhh/essay-59625580",),
         "DHH’s essay (https://world.hey.com/dhh/essay-59625580) says the same."),
        ("link-2", ("https://x.org/a",), "See this and www.example.org/report?a=1&b=2."),
        ("link-3", ("https://www.example.org/report?a=1&b=2",),
         "See this and www.example.org/report?a=1&b=2."),
    ]  # fmt: skip
    first = document.notes[0]
    assert (first.line, first.claims[0].column) == (1, html.index("https://world") + 1)
    # The note's own URL stays the note's.
    assert [n.urls for n in document.notes if n.label == "1"] == [("https://src.example/growth",)]


def test_urls_written_out_in_a_plain_style_page() -> None:
    html = (
        "<html><body><p>Intro claim.[1] Also DHH (https://world.hey.com/dhh/essay) says so.</p>"
        "\n<h2>Notes</h2><p>[1] Smith, “Growth,” 2020, https://src.example/growth.</p>"
        "</body></html>"
    )
    notes, markers, _ = read_html(html)
    assert [(n.label, n.hrefs or n.text) for n in notes] == [
        ("link-1", ("https://world.hey.com/dhh/essay",)),
        ("1", "Smith, “Growth,” 2020, https://src.example/growth."),
    ]
    assert [(m.label, m.sentence) for m in markers] == [
        ("1", "Intro claim."),
        ("link-1", "Also DHH (https://world.hey.com/dhh/essay) says so."),
    ]


def test_a_plain_style_note_takes_the_links_of_its_own_text_only() -> None:
    # The body between note 1 and note 2 is no part of note 1: its link is a body link.
    html = (
        "<p>Claim.[1]</p><h2>Notes</h2><p>[1] Source one.</p><h2>Later</h2>"
        '<p>See <a href="https://ex.org/x">the report</a>.[2]</p><h2>References</h2>'
        "<p>[2] Source two.</p>"
    )
    notes, markers, _ = read_html(html)
    assert [(n.label, n.hrefs) for n in notes] == [
        ("1", ()), ("link-1", ("https://ex.org/x",)), ("2", ()),
    ]
    assert [m.label for m in markers] == ["1", "link-1", "2"]


def test_a_table_of_contents_is_not_rendered_as_the_pages_text() -> None:
    # pandoc's standalone page: a "References" item of the table of contents, then the first
    # numbered heading, read as a notes heading and its note "1 Introduction".
    html = (
        '<!DOCTYPE html><html><body><div id="TOC"><ul><li><a href="#intro"><span>1</span> '
        'Introduction</a></li><li><a href="#references">References</a></li></ul></div>'
        '<h1 id="intro"><span>1</span> Introduction</h1><p>We build on '
        '<a href="https://ex.org/ts">the TS</a>[1].</p><h1 id="references">References</h1>'
        '<div id="refs"><p>[1] Niebler, E. 2015. N4560: Working Draft.</p></div></body></html>'
    )
    notes, markers, diagnostics = read_html(html)
    assert [(n.label, n.hrefs, n.text) for n in notes] == [
        ("link-1", ("https://ex.org/ts",), "the TS"),
        ("1", (), "Niebler, E. 2015. N4560: Working Draft."),
    ]
    assert [m.label for m in markers] == ["link-1", "1"]
    assert diagnostics == []
    # A page wrapped whole in <nav> keeps its text (its links are navigation, as ever).
    wrapped = html.replace("<body>", "<body><nav>").replace("</body>", "</nav></body>")
    assert [(n.label, n.text) for n in read_html(wrapped)[0]] == [
        ("1", "Niebler, E. 2015. N4560: Working Draft."),
    ]


def test_marker_groups_and_ranges_in_one_sup() -> None:
    html = (
        '<p>Reviews agree.<sup><a href="#fn1">1</a>&ndash;<a href="#fn3">3</a></sup>\n'
        'Delays were common.<sup><a href="#fn4">4</a>, <a href="#fn5">5</a></sup>\n'
        'All accepted.<sup><a href="#fn6">6</a></sup></p>\n<ol>'
        + "".join(f'<li id="fn{i}">Author {i}, “T{i},” 2020.</li>' for i in range(1, 7))
        + "</ol>"
    )
    _, markers, _ = read_html(html)
    assert sorted((m.label, m.line, m.sentence) for m in markers) == [
        ("1", 1, "Reviews agree."),
        ("2", 1, "Reviews agree."),  # inside the range 1–3, linked or not
        ("3", 1, "Reviews agree."),
        ("4", 2, "Delays were common."),
        ("5", 2, "Delays were common."),
        ("6", 3, "All accepted."),
    ]


def test_a_link_that_is_all_of_its_table_cell_stands_for_the_row() -> None:
    row = (
        "<table><tr><th>City</th><th>Shows?</th><th>Source</th></tr>\n<tr><td>Portland</td>"
        '<td>Yes</td><td><a href="https://trimet.example/maps">TriMet</a></td></tr></table>'
    )
    plain = f'<article><p>A <a href="https://x.example/s">survey</a> says so.</p>{row}</article>'
    marked = f'<p>Claim.<sup><a href="#f1">1</a></sup></p>{row}<ol><li id="f1">A, 2020.</li></ol>'
    for html in (plain, marked):
        _, markers, _ = read_html(html)
        assert [m.sentence for m in markers][-1] == "Portland Yes TriMet"


def test_older_wikipedia_backlinks_jump_up_to_the_markers() -> None:
    # 2016 skins print "Jump up ^" / "Jump up to: a b" links back to the markers: the body
    # paragraphs they lead to are not bibliography entries.
    html = (
        '<p>Claim one.<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a>'
        '</sup></p>\n<p>Claim two.<sup id="cite_ref-D_2-0" class="reference">'
        '<a href="#cite_note-D-2">[2]</a></sup> Again.<sup id="cite_ref-D_2-1" '
        'class="reference"><a href="#cite_note-D-2">[2]</a></sup></p>\n<ol class="references">\n'
        '<li id="cite_note-1"><span class="mw-cite-backlink"><b><a href="#cite_ref-1">'
        '<span class="cite-accessibility-label">Jump up </span>^</a></b></span> '
        '<span class="reference-text">Klare, G. R. 1963. The measurement of readability.</span>'
        '</li>\n<li id="cite_note-D-2"><span class="mw-cite-backlink">^ <a href="#cite_ref-D_2-0">'
        '<span class="cite-accessibility-label">Jump up to: </span><sup><i><b>a</b></i></sup></a>'
        ' <a href="#cite_ref-D_2-1"><sup><i><b>b</b></i></sup></a></span> '
        '<span class="reference-text">DuBay, W. H. 2004. The principles of readability.</span>'
        "</li>\n</ol>\n"
    )
    notes, markers, _ = read_html(html)
    assert [n.label for n in notes] == ["1", "2"]
    assert [m.label for m in markers] == ["1", "2", "2"]


def test_a_plain_reference_list_beside_markup_footnotes() -> None:
    # A Google Docs export: one footnote as a note link with a blank marker, and a References
    # paragraph of "[n] …" lines (hard breaks) that the text cites as "[n]".
    html = (
        '<p>Data is linked [1]. AGIFT<a href="#_ftn1" name="_ftnref1" id="_ftnref1"> </a> '
        "lists functions [2].</p>\n<h2>References</h2>\n"
        '<p>[1] Linked Data,<a href="http://www.w3.org/DesignIssues/LinkedData.html">'
        "http://www.w3.org/DesignIssues/LinkedData.html</a> <br />\n"
        '  [2] Cool URIs,<a href="http://www.w3.org/TR/cooluris/">'
        "http://www.w3.org/TR/cooluris/</a></p>\n"
        '<div id="ftn1"><p><a href="#_ftnref1" name="_ftn1" id="_ftn1"> </a> See '
        "http://agift.naa.gov.au/</p></div>\n"
    )
    notes, markers, _ = read_html(html)
    assert [(n.label, n.hrefs) for n in notes if not n.inline] == [
        ("1", ("http://www.w3.org/DesignIssues/LinkedData.html",)),
        ("2", ("http://www.w3.org/TR/cooluris/",)),
        ("ref-1", ()),
    ]
    assert sorted(m.label for m in markers if not m.label.startswith("link")) == [
        "1", "2", "ref-1"]


def test_the_last_labelled_reference_keeps_the_links_of_every_block_it_spans() -> None:
    # xml2rfc's HTML: labels in <dt>, entries in <dd> (a block apart from the label); the last
    # entry's links belong to it as much as the first's, none is a body link.
    html = (
        '<p>See <a href="#RFC2119"><cite title="Key words">[RFC2119]</cite></a> and '
        '<a href="#RFC4924"><cite title="Transparency">[RFC4924]</cite></a>.</p>'
        "<h2>References</h2><dl>"
        '<dt id="RFC2119">[<a href="#RFC2119">RFC2119</a>]</dt><dd>Bradner, S., “<a href='
        '"https://www.rfc-editor.org/rfc/rfc2119.html">Key words</a>”, RFC 2119, &lt;<a href='
        '"https://www.rfc-editor.org/info/rfc2119">https://www.rfc-editor.org/info/rfc2119</a>'
        "&gt;.</dd>"
        '<dt id="RFC4924">[<a href="#RFC4924">RFC4924</a>]</dt><dd>Aboba, B., “<a href='
        '"https://www.rfc-editor.org/rfc/rfc4924.html">Reflections on Internet Transparency'
        '</a>”, RFC 4924, <a href="https://dx.doi.org/10.17487/RFC4924">DOI 10.17487/RFC4924'
        '</a>, July 2007, &lt;<a href="https://www.rfc-editor.org/info/rfc4924">'
        "https://www.rfc-editor.org/info/rfc4924</a>&gt;.</dd></dl>"
        '<h2>Author</h2><p>URI: <a href="https://author.example/">https://author.example/</a>'
        "</p>"
    )
    notes, markers, _ = read_html(html)
    assert [(n.label, n.hrefs) for n in notes if not n.inline] == [
        (
            "RFC2119",
            (
                "https://www.rfc-editor.org/rfc/rfc2119.html",
                "https://www.rfc-editor.org/info/rfc2119",
            ),
        ),
        (
            "RFC4924",
            (
                "https://www.rfc-editor.org/rfc/rfc4924.html",
                "https://dx.doi.org/10.17487/RFC4924",
                "https://www.rfc-editor.org/info/rfc4924",
            ),
        ),
    ]
    assert [n.hrefs for n in notes if n.inline] == [("https://author.example/",)]
    assert [m.label for m in markers if not m.label.startswith("link")] == ["RFC2119", "RFC4924"]


def test_an_unlabelled_list_under_a_references_heading_holds_notes() -> None:
    # Wikipedia's "Citations" list, then a "References" heading (wrapped, with an edit link)
    # over a bulleted bibliography nothing links to; a navigation box after it is no source.
    html = (
        '<div class="mw-parser-output"><p>Claim.<sup class="reference" id="cite_ref-1">'
        '<a href="#cite_note-1">[1]</a></sup></p>'
        '<h2><span class="mw-headline" id="Citations">Citations</span></h2>'
        '<ol class="references"><li id="cite_note-1"><span class="reference-text">Smith, '
        '<a href="https://a.example/">A</a>.</span></li></ol>'
        '<div class="mw-heading"><h2 id="References">References</h2><span class="mw-editsection">'
        '[<a href="/edit">edit</a>]</span></div>'
        '<ul><li>Choudary (2013) <a href="https://b.example/">Platform Thinking</a></li>'
        "<li>Rochet and Tirole (2003). <i>Platform Competition</i>.</li></ul>"
        '<div role="navigation" class="navbox"><ul><li><a href="https://nav.example/">Nav</a>'
        "</li></ul></div>"
        '<h2 id="See">See also</h2><ul><li><a href="https://c.example/">Other</a></li></ul></div>'
    )
    notes, _, _ = read_html(html)
    assert [(n.label, n.listed, n.hrefs) for n in notes if not n.inline] == [
        ("1", False, ("https://a.example/",)),
        ("ref-1", True, ("https://b.example/",)),
        ("ref-2", True, ()),
    ]
    assert [n.hrefs for n in notes if n.inline] == [("https://c.example/",)]


def test_markers_that_all_link_to_one_anchor_cite_the_notes_by_their_printed_labels() -> None:
    # Every marker links to "#footnotes", an anchor in the first note; each cites the note
    # that prints its label. Numbered paragraphs further on, and an empty last one, are no notes.
    html = (
        '<p>One.<a href="#footnotes"><sup>28</sup></a> Two.<a href="#footnotes"><sup>29</sup>'
        '</a> Again.<a href="#footnotes"><sup>28</sup></a></p>'
        '<p class="footnotes"><span><a id="footnotes"></a>[28]</span> “Gaps,” Index, '
        '<a href="https://a.example/gaps">a.example/gaps</a></p>'
        '<p class="footnotes"><span>[29]</span>“Privacy,” Apple, 2019.</p>'
        '<p class="footnotes">&nbsp;</p>'
        "<h2>1. Recommendations</h2><p>2. Strengthen oversight.</p>"
    )
    notes, markers, diagnostics = read_html(html)
    assert [(n.label, n.text, n.hrefs) for n in notes] == [
        ("28", "“Gaps,” Index, a.example/gaps", ("https://a.example/gaps",)),
        ("29", "“Privacy,” Apple, 2019.", ()),
    ]
    assert [(m.label, m.sentence) for m in markers] == [
        ("28", "One."), ("29", "Two."), ("28", "Again."),
    ]
    assert diagnostics == []


_PANDOC_BIBLIOGRAPHY = (
    "<h1 id='intro'>Introduction</h1>\n"
    "<p>Cryptography is secret writing. (Garfinkel 1996) Keys stay secret.<a class='footnote-ref'"
    " href='#fn1' id='fnref1'><sup>1</sup></a> See <a href='https://en.example/wiki/Plot'>the"
    " plot</a>.</p>\n"
    "<h1 id='bibliography'>Bibliography</h1>\n"
    "<p>Please note that this list is not complete.</p>\n"
    "<p>Buchanan, Bill. “Asecuritysite.Com.” Accessed January 31, 2024.\n"
    "   https://asecuritysite.com/.</p>\n"
    "<p>Garfinkel, Simson, and Gene Spafford.\n   <em>Practical UNIX Security</em>\n"
    "   . O’Reilly Media, Inc., 1996.</p>\n"
    "<h2 id='older'>Older works</h2>\n"
    "<p>Kerckhoffs, Auguste. “La Cryptographie Militaire.” <em>Journal des Sciences"
    " militaires</em>, IX (January 1883), 5-38.</p>\n"
    "<p>———. <em>Another Work</em>. Paris, 1891.</p>\n"
    "<h1 id='appendix'>Appendix</h1>\n"
    "<p>Smith, in 2019, said so.</p>\n"
    "<section class='footnotes'><hr/><ol><li id='fn1'><p>A restatement of Kerckhoffs’"
    " Principle, one of several in his “La Cryptographie Militaire” (Kerckhoffs 1883), which"
    " we can summarize as “the key is all”.<a class='footnote-back' href='#fnref1'>↩</a></p>"
    "</li></ol></section>\n"
)


def test_paragraphs_under_a_bibliography_heading_are_entries() -> None:
    # Issue #11 (pandoc's HTML of a Word document): the "Bibliography" is paragraphs, one
    # entry each, not a list; its sub-heading goes on with it, the next h1 ends it.
    notes, _, _ = read_html(_PANDOC_BIBLIOGRAPHY)
    assert [(n.label, n.line, n.listed) for n in notes if not n.inline] == [
        ("ref-1", 5, True),
        ("ref-2", 7, True),
        ("ref-3", 11, True),
        ("ref-4", 12, True),
        ("1", 15, False),
    ]
    assert notes[1].text.startswith("Buchanan, Bill. “Asecuritysite.Com.”")
    # The address written in an entry is the entry's, not a link of the body.
    assert [n.hrefs for n in notes if n.inline] == [("https://en.example/wiki/Plot",)]


def test_a_footnote_citing_a_paragraph_entry_by_author_and_year_is_its_short_form() -> None:
    from citecheck.parse import parse_document

    document = parse_document(_PANDOC_BIBLIOGRAPHY, "page.html")
    kinds = [(n.label, n.kind.value, n.urls, n.resolves_to) for n in document.notes
             if not n.label.startswith("link-")]
    assert kinds == [
        ("ref-1", "full", ("https://asecuritysite.com/",), None),
        ("ref-2", "full", (), None),
        ("ref-3", "full", (), None),
        ("ref-4", "full", (), None),
        ("1", "short", (), "ref-3"),
    ]


def test_citeproc_entries_under_a_references_heading_are_entries() -> None:
    html = (
        "<p>A claim.<sup><a href='#fn1' id='r1'>1</a></sup></p>"
        "<h2>References</h2>"
        "<div id='refs' class='references csl-bib-body hanging-indent' role='list'>"
        "<div id='ref-lee' class='csl-entry' role='listitem'>Lee, Ann. 2020. <em>Title</em>."
        " <a href='https://doi.org/10.1/lee'>https://doi.org/10.1/lee</a>.</div>"
        "<div id='ref-ng' class='csl-entry' role='listitem'>Ng, Bo. 2021. “Paper.”</div></div>"
        "<section class='footnotes'><ol><li id='fn1'><p>See Lee 2020.</p></li></ol></section>"
    )
    notes, _, _ = read_html(html)
    assert [(n.label, n.hrefs) for n in notes] == [
        ("ref-1", ("https://doi.org/10.1/lee",)),
        ("ref-2", ()),
        ("1", ()),
    ]


def test_a_references_section_of_prose_holds_no_entries() -> None:
    # A "References" heading over remarks and a sentence with a link: no entry reads as one,
    # so no note is made and the link stays a body link.
    html = (
        "<p>A claim.<sup><a href='#fn1' id='r1'>1</a></sup></p>"
        "<h2>References</h2>"
        "<p>See the bibliography below for the works cited in 2019.</p>"
        "<p>This post draws on the 2019 report by the consortium, which is at"
        " <a href='https://w3.example/report'>its site</a>.</p>"
        "<div><p>Sources are listed at https://sources.example/list in full.</p></div>"
        "<blockquote><p>Smith, J. 2010. Quoted, not listed.</p></blockquote>"
        "<p>Copyright 2024 Foo Inc. All rights reserved.</p><p>Last updated: 2021-03-04.</p>"
        "<p>Posted by Jane, March 2020.</p><p>Smith, whose 2019 book we follow, is cited.</p>"
        "<h2>Further reading</h2><p>Jones, Kim. <em>Book</em>. 2018.</p>"
        "<section class='footnotes'><ol><li id='fn1'><p>A note.</p></li></ol></section>"
    )
    notes, _, _ = read_html(html)
    assert [n.label for n in notes if not n.inline] == ["1"]
    assert [n.hrefs for n in notes if n.inline] == [
        ("https://w3.example/report",),
        ("https://sources.example/list",),
    ]


@pytest.mark.parametrize("title", ["Sources", "Works Cited", "References", "Bibliography"])
def test_entries_under_any_sources_heading_at_any_level(title: str) -> None:
    html = (
        "<p>A claim.<sup><a href='#fn1' id='r1'>1</a></sup></p>"
        f"<section><h4>{title}</h4>"
        "<p class='MsoBibliography'>Kahn, David. <i>The Codebreakers</i>. Scribner, 1967.</p>"
        "<h5>Online</h5><p>“Cipher Museum.” 2020. <a href='https://museum.example/'>site</a>.</p>"
        "</section><h4>Acknowledgements</h4><p>Lee, Ann, read a draft in 2020, “kindly”.</p>"
        "<div class='footnotes'><ol><li id='fn1'>A note.</li></ol></div>"
    )
    notes, _, _ = read_html(html)
    assert [(n.label, n.hrefs) for n in notes] == [
        ("ref-1", ()),
        ("ref-2", ("https://museum.example/",)),
        ("1", ()),
    ]


def test_author_date_citations_in_the_text_are_markers_of_paragraph_entries() -> None:
    # "(Garfinkel 1996)" after its sentence; "Kerckhoffs (1883)" inside one; the citation in
    # the footnote is the footnote's (it resolves there), not a marker of the body.
    # "(Garfinkel)" alone names the one entry he opens; "(Kerckhoffs)" opens two (the ditto's).
    html = _PANDOC_BIBLIOGRAPHY.replace(
        "Keys stay secret.",
        "Keys stay secret, as Kerckhoffs (1883) said, (Nobody 1999). Unix (Garfinkel) and"
        " ciphers (Kerckhoffs) too.",
    )
    _, markers, _ = read_html(html)
    assert [(m.label, m.line, m.sentence) for m in markers if m.label.startswith("ref-")] == [
        ("ref-2", 2, "Cryptography is secret writing."),
        ("ref-3", 2, "Keys stay secret, as Kerckhoffs (1883) said, (Nobody 1999)."),
        ("ref-2", 2, "Unix and ciphers (Kerckhoffs) too."),
    ]
    assert [m.label for m in markers][:3] == ["ref-2", "ref-3", "ref-2"]


def _relative_page(head: str) -> str:
    return (
        f"<html><head>{head}</head><body>\n"
        '<p>Seven ways.<span class="fn"><a href="#n1">1</a></span> See'
        ' <a href="../AN/AN9_36.html">AN 9:36</a> and <a href="#n1">the note</a>.</p>\n'
        '<div class="note"><ol><li id="n1">AN 7:58; <a href="/suttas/AN/AN7_58.html">AN 7:58</a>,'
        ' <a href="MN37.html#x">here</a>.</li></ol></div>\n'
        "</body></html>\n"
    )


@pytest.mark.parametrize(
    "head",
    [
        '<link rel="canonical" href="https://www.example.org/suttas/MN/MN37.html" />',
        '<base href="https://www.example.org/suttas/MN/MN37.html">',
        '<meta property="og:url" content="https://www.example.org/suttas/MN/MN37.html">',
    ],
)
def test_relative_links_resolve_against_the_address_a_saved_page_states(head: str) -> None:
    notes, markers, _ = read_html(_relative_page(head))
    assert [(n.label, n.hrefs) for n in notes] == [
        ("link-1", ("https://www.example.org/suttas/AN/AN9_36.html",)),
        ("1", ("https://www.example.org/suttas/AN/AN7_58.html",)),  # the page itself is not one
    ]
    assert [m.label for m in markers] == ["1", "link-1"]


def test_relative_links_of_a_page_that_states_no_address_are_not_guessed() -> None:
    notes, _, _ = read_html(_relative_page("<title>MN 37</title>"))
    assert [(n.label, n.hrefs) for n in notes] == [("1", ())]


def test_paragraphs_without_ids_between_two_paragraph_notes_continue_the_first() -> None:
    html = (
        "<html><body>\n"
        '<p>All dhammas.<span class="fn"><a href="#n2">2</a></span> Owl.'
        '<span class="fn"><a href="#n3">3</a></span></p>\n'
        '<div class="note"><p id="n2">2. The Commentary, <a href="https://a.example/iti90">Iti'
        " 90</a>.</p>\n"
        '<p>It should also be noted, <a href="https://a.example/an9">AN 9:36</a>.</p>\n'
        '<p id="n3">3. “Owl,” a clan name.</p>\n'
        '<p>After the last note: <a href="https://a.example/more">more</a>.</p></div>\n'
        "</body></html>\n"
    )
    notes, _, _ = read_html(html)
    assert [(n.label, n.hrefs) for n in notes] == [
        ("2", ("https://a.example/iti90", "https://a.example/an9")),
        ("3", ()),
        ("link-1", ("https://a.example/more",)),  # nothing bounds the last note: not its own
    ]
    assert notes[0].text.endswith("It should also be noted, AN 9:36.")


def test_notes_written_as_anchored_runs_in_one_paragraph_are_one_note_each() -> None:
    html = (
        "<html><body>\n"
        '<p>Fields<sup><a href="#fn2">2</a></sup> on meshes<sup><a href="#fn1">1</a></sup>.</p>\n'
        "<h2>References</h2>\n"
        '<p>Sources: <a name="fn1">1</a>: A. Jacobson, <a href="https://a.example/igl">libigl'
        "</a>, 2016.<br>\n"
        '<a name="fn2">2</a>: A. Vaxman, <a href="https://b.example/dfs">Directional</a>, 2016.'
        "<br>\n"
        '<a name="fn3">3</a>: K. Crane, <a href="https://c.example/tc">Trivial Connections</a>, '
        "2010.</p>\n"
        "</body></html>\n"
    )
    notes, markers, _ = read_html(html)
    # Each anchor opens a note that ends where the next begins; the uncited third one of the
    # same kind is a note too, and the words before the first anchor belong to no note.
    assert [(n.label, n.line, n.text, n.hrefs) for n in notes if not n.inline] == [
        ("1", 4, "A. Jacobson, libigl, 2016.", ("https://a.example/igl",)),
        ("2", 5, "A. Vaxman, Directional, 2016.", ("https://b.example/dfs",)),
        ("3", 6, "K. Crane, Trivial Connections, 2010.", ("https://c.example/tc",)),
    ]
    assert [(m.label, m.sentence) for m in markers] == [
        ("2", "Fields on meshes."),
        ("1", "Fields on meshes."),
    ]


def test_a_note_target_in_a_label_cell_makes_the_table_row_the_note() -> None:
    html = (
        "<html><body>\n"
        '<p>Scans grew.<sup><a href="#f+1">[1]</a></sup></p>\n'
        "<table><tr><th>"
        '<a href="#r+1" class="footnote_backlink"><span id="f+1"></span>↑1</a></th>\n'
        '<td>See <a href="https://d.example/syn">the SYN/ACK article</a>.</td></tr></table>\n'
        "</body></html>\n"
    )
    notes, _, _ = read_html(html)
    # The note is the row (label cell and text cell), not the cell printing "↑1".
    assert [(n.label, n.text, n.hrefs, n.inline) for n in notes] == [
        ("1", "See the SYN/ACK article.", ("https://d.example/syn",), False)
    ]


def test_a_link_to_a_www_host_without_a_scheme_is_that_host() -> None:
    html = (
        '<html><head><link rel="canonical" href="https://e.example/readme/"></head><body>\n'
        '<p>Built on <a href="www.github.com/libigl/libigl">libigl</a> and '
        '<a href="docs/intro.html">the intro</a>.</p>\n'
        "</body></html>\n"
    )
    notes, _, _ = read_html(html)
    assert [n.hrefs for n in notes] == [
        ("https://www.github.com/libigl/libigl",),
        ("https://e.example/readme/docs/intro.html",),
    ]


def test_tag_and_category_links_are_navigation_not_body_links() -> None:
    html = (
        "<html><body>\n"
        '<p>Scanners such as <a href="https://github.example/zmap">ZMap</a> grew.</p>\n'
        '<p>Category: <a href="https://blog.example/cat/incident/" rel="category tag">Incidents'
        '</a> Tags: <a href="https://blog.example/tag/iot/" rel="tag">IoT</a></p>\n'
        "</body></html>\n"
    )
    notes, _, _ = read_html(html)
    assert [n.hrefs for n in notes] == [("https://github.example/zmap",)]


def test_a_marker_whose_text_is_a_year_names_no_label() -> None:
    # ACM's author-year links: only the year is linked, the entries print no label.
    html = (
        "<html><body>\n"
        '<p>Models [Newell <a class="bib" href="#Bib2">1975</a>] and maps [Blinn and Newell '
        '<a class="bib" href="#Bib1">1976</a>]; again [Newell <a class="bib" href="#Bib2">'
        "1975</a>].</p>\n"
        '<ul class="bibUl">\n'
        '<li id="Bib1">James F. Blinn and Martin E. Newell. 1976. Texture and reflection. '
        '<a href="https://doi.org/10.1145/360349.360353">doi</a></li>\n'
        '<li id="Bib2">Martin E. Newell. 1975. The utilization of procedure models. '
        '<a href="https://example.org/newell.pdf">pdf</a></li>\n'
        "</ul></body></html>\n"
    )
    notes, markers, _ = read_html(html)
    assert _labels(notes) == ["ref-1", "ref-2"]
    assert [marker.label for marker in markers] == ["ref-2", "ref-1", "ref-2"]


def test_a_paragraph_set_as_a_works_cited_heading_lists_sources() -> None:
    # Word's "Save as HTML": the heading is a centred paragraph, each entry a paragraph; an
    # organisation and a user name can be an entry's author.
    html = (
        "<html><body>\n"
        '<p>Text.<a href="#_ftn1" name="_ftnref1">[1]</a></p>\n'
        "<p align=center><span>Works Cited</span></p>\n"
        "<p><span>Andrejevic, Mark. “The Work of Being Watched.” <i>Critical Studies</i> 19, "
        "no. 2 (June 2002): 230–48. https://doi.org/10.1080/07393180216561.</span></p>\n"
        "<p><span>Department of Justice Office of Public Affairs. “United States Seizes Domain "
        "Names.” Press Release, October 7, 2020. https://www.justice.gov/opa/pr/x.</span></p>\n"
        "<p><span>gjtorikian. “The 451 Status Code Is Now Supported.” GitHub Developer, March "
        "17, 2016. https://developer.github.com/changes/451/.</span></p>\n"
        "<p><span>This list draws on the sources above, which I read in 2022.</span></p>\n"
        "<h2>Notes:</h2>\n"
        '<div id=ftn1><p><a href="#_ftnref1" name="_ftn1">[1]</a> Andrejevic, “The Work of '
        "Being Watched,” 231.</p></div>\n"
        "</body></html>\n"
    )
    notes, _, _ = read_html(html)
    assert [(n.label, n.hrefs or n.text[:12]) for n in notes] == [
        ("ref-1", "Andrejevic, "),
        ("ref-2", "Department o"),
        ("ref-3", "gjtorikian. "),
        ("1", "Andrejevic, "),
    ]


def test_a_bracketed_key_link_to_a_block_opening_with_that_key_is_a_marker() -> None:
    # An RFC-style draft rendered to HTML: plain '<p id>' references printing '[KEY]: …', cited
    # by '<a href="#id">[KEY]</a>' with no sup and no note-like id or class; two glued together.
    html = (
        "<html><body><main>\n"
        '<p>Monto (<a href="#m14">[MONTO-2014]</a><a href="#m16">[MONTO-2016]</a>) and see '
        '<a href="#rfc2119">[RFC2119]</a>, <a href="#intro">[Intro]</a>.</p>\n'
        '<h1 id="intro">Intro</h1>\n'
        '<p id="m14">[MONTO-2014]: Sloane, A., "Monto", '
        '<a href="https://doi.org/10.1007/978-3-319-11245-9_12">doi</a>, 2014.</p>\n'
        '<p id="m16">[MONTO-2016]: Keidel, S., "IDE", 2016.</p>\n'
        '<p id="rfc2119">[RFC2119]: Bradner, S., "Key words", '
        '<a href="https://tools.ietf.org/html/bcp14">BCP 14</a>, '
        '<a href="https://tools.ietf.org/html/rfc2119">RFC 2119</a>, March 1997.</p>\n'
        "</main></body></html>\n"
    )
    notes, markers, _ = read_html(html)
    assert [(n.label, n.hrefs) for n in notes] == [
        ("MONTO-2014", ("https://doi.org/10.1007/978-3-319-11245-9_12",)),
        ("MONTO-2016", ()),
        ("RFC2119", ("https://tools.ietf.org/html/bcp14", "https://tools.ietf.org/html/rfc2119")),
    ]
    assert [m.label for m in markers] == ["MONTO-2014", "MONTO-2016", "RFC2119"]


def test_a_bracketed_key_link_to_a_block_not_opening_with_it_is_no_marker() -> None:
    html = (
        "<html><body><main>\n"
        '<p>As shown in <a href="#s2">[Setup]</a>.</p>\n'
        '<p id="s2">The setup is described here, <a href="https://example.org/x">x</a>.</p>\n'
        "</main></body></html>\n"
    )
    notes, markers, _ = read_html(html)
    assert all("Setup" not in m.label for m in markers)
    assert all("Setup" not in n.label for n in notes)
