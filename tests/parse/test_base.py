"""build_document's diagnostics about notes: where they point, in the document or another file."""

from __future__ import annotations

from citecheck.models import DiagnosticCode, DocumentFormat
from citecheck.parse.base import RawMarker, RawNote, build_document


def _said(notes: list[RawNote]) -> list[tuple[DiagnosticCode, str, int | None, str | None]]:
    document = build_document("paper.tex", DocumentFormat.LATEX, notes,
                              [RawMarker("1", 1, "A claim.")])
    return [(d.code, d.message, d.line, d.label) for d in document.diagnostics]


def test_a_note_in_the_document_is_pointed_at_by_its_line() -> None:
    notes = [RawNote("1", 10, "Smith, https://e.org/a."), RawNote("1", 12, "Jones."),
             RawNote("2", 14, "Doe, e.org/b/c.")]
    assert _said(notes) == [
        (DiagnosticCode.DUPLICATE_LABEL,
         "note [1] is defined more than once (first on line 10)", 12, "1"),
        (DiagnosticCode.NOTE_NEVER_CITED, "note [1] is not cited in the text", 12, "1"),
        (DiagnosticCode.URL_SCHEME_ADDED,
         "note [2]: e.org/b/c. has no scheme; checked as https://e.org/b/c", 14, "2"),
        (DiagnosticCode.NOTE_NEVER_CITED, "note [2] is not cited in the text", 14, "2"),
    ]


def test_a_note_in_another_file_is_named_by_file_and_line() -> None:
    notes = [RawNote("smith20", 7, "Ibid., 4.", file="refs.bib"),
             RawNote("1", 3, "Smith, https://e.org/a.")]
    said = _said(notes)
    assert (DiagnosticCode.NOTE_NEVER_CITED,
            "refs.bib:7: note [smith20] is not cited in the text", None, "smith20") in said
    assert (DiagnosticCode.IBID_WITHOUT_ANTECEDENT,
            "refs.bib:7: note [smith20] says Ibid. but no earlier note cites a source", None,
            "smith20") in said


def test_a_doi_printed_past_reading_takes_its_linked_address() -> None:
    # biblatex letter-spaced "doi:10 . 1001 / jama . 1995.03530030021007", hyperref's link.
    text = ("Skolnick, Andrew A. 1995. “Cancer Converts Tobacco Lobbyist”. JAMA 274, no. 3: "
            "199–202. doi:10 . 1001 / jama . 1995.03530030021007.")
    linked = "http://dx.doi.org/10.1001/jama.1995.03530030021007"
    notes = [RawNote("ref-1", 1, text, hrefs=(linked,), listed=True),
             RawNote("ref-2", 2, "Smith, J. 2001. A Book. Boston: Beacon.",
                     hrefs=("https://example.org/book",), listed=True)]
    document = build_document("doc", "pdf", notes, [])
    assert document.notes[0].citation.doi == "10.1001/jama.1995.03530030021007"
    assert document.notes[0].urls == (linked,)
    assert document.notes[1].citation.doi is None  # no "doi:" printed, no DOI taken



def test_a_doi_only_a_link_target_holds_is_the_notes_doi_in_every_reader() -> None:
    # The link shows the journal ("`Remote Sensing 5(12) <http://doi.org/…>`_" in rST, the
    # same as a Markdown or HTML link): the DOI is in the target alone, still the note's DOI.
    linked = "http://doi.org/10.3390/rs5126481"
    two = ("https://doi.org/10.1000/one", "https://doi.org/10.1000/two")
    notes = [RawNote("1", 1, "Flood, N. (2013). Medoid Composites. Remote Sensing, 5(12).",
                     hrefs=(linked,)),
             RawNote("2", 2, "See Smith (2001) and Jones (2002).", hrefs=two)]
    document = build_document("doc.rst", DocumentFormat.RST, notes,
                              [RawMarker("1", 5, "A claim."), RawMarker("2", 6, "Another.")])
    assert document.notes[0].urls == (linked,)
    assert document.notes[0].citation.doi == "10.3390/rs5126481"
    # two works linked through two DOIs: neither is "the" note's DOI
    assert document.notes[1].citation.doi is None

def test_a_linked_address_with_a_backslash_is_one_url_not_two() -> None:
    # A BibTeX escape kept by the export: the text prints "…07-20\&path=…", the link's target
    # has the backslash as %5C; the text's URL stops at the backslash. One link, one URL.
    target = "http://www.amazon.com/exec/redirect?tag=cite07-20%5C&path=ASIN/1594512825"
    text = ("Garfinkel, Harold. 2009. Studies. Paradigm. "
            "http://www.amazon.com/exec/redirect?tag=cite07-20\\&path=ASIN/1594512825.")
    document = build_document("k.docx", DocumentFormat.DOCX,
                              [RawNote("ref-1", 3, text, hrefs=(target,), listed=True)], [])
    assert document.notes[0].urls == (target,)


def test_wikipedia_backlinks_before_a_note_are_left_out_in_any_format() -> None:
    notes = [RawNote("1", 3, '^ Jump up to:a b c Henry, Carol. "Federation". 1993.'),
             RawNote("2", 4, 'Jump up^ "About FAIFE". IFLA. Retrieved 2014.'),
             RawNote("3", 5, "↑ Smith, Title, 2010.")]
    document = build_document("w.docx", DocumentFormat.DOCX, notes,
                              [RawMarker(str(n), 1, "A claim.") for n in (1, 2, 3)])
    assert [n.text for n in document.notes] == [
        'Henry, Carol. "Federation". 1993.', '"About FAIFE". IFLA. Retrieved 2014.',
        "Smith, Title, 2010."]
