"""Note kinds and short forms of uncommon shape: case names, citation keys, Chicago's dateless
short form, a later list naming a work again, a title with its maker, an article's history."""

from __future__ import annotations

from support.built import build, codes, kinds

from citecheck.parse.base import RawMarker, RawNote, build_document


def test_case_name_repeats_the_full_case_citation() -> None:
    # Legal writing repeats a judgment by its case name, a party abbreviated or as initials.
    document = build(
        "Supreme Court of India, Shreya Singhal v Union of India, WP (Criminal) No. 167 of 2012"
        " (24 March 2015), https://indiankanoon.org/doc/110813550/.",
        "Supreme Court of India, Romila Thapar v Union of India, Writ Petition (Criminal) No. 268"
        " of 2018, 28 September, 2018, https://indiankanoon.org/doc/52834611/.",
        "Shreya Singhal v UOI.",
        "Romila Thapar v Union, para 12.",
        "See Shreya Singhal v UOI, supra.",
        "Smith v Jones.",
        "The court in Roe v Wade said otherwise.",
    )
    assert kinds(document)[2:] == [
        ("3", "short", "1", "1"),
        ("4", "short", "2", "2"),
        ("5", "short", "1", "1"),
        ("6", "short", None, None),
        ("7", "comment", None, None),
    ]
    assert codes(document) == [("unresolved-short", "6")]


def test_case_name_needs_both_parties_to_agree() -> None:
    document = build(
        "Supreme Court of India, S. Rangarajan Etc v P. Jagjivan Ram, 1989 SCR (2) 204, 30 March"
        " 1989, https://indiankanoon.org/doc/341773/.",
        "Rangarajan v State of Tamil Nadu.",
    )
    assert kinds(document)[1] == ("2", "short", None, None)


def test_a_short_form_repeats_the_first_note_not_a_later_list_naming_the_work_again() -> None:
    # Note 2 lists sources, the last one Marazzi's again (spelled as the short form spells it):
    # the short form repeats note 1, where the work was cited in full.
    document = build(
        "See: Christian Marazzi, ‘Summer School: La moneta del comune’, Uninomade 2.0, 13"
        " September 2012, http://www.uninomade.org/moneta-del-comune/.",
        "Andrea Fumagalli, ‘Twenty Theses on Contemporary Capitalism’, Angelaki 16 (2011):"
        " 7-17; Michael Hardt and Antonio Negri, Commonwealth, Cambridge, MA: Belknap Press,"
        " 2011; Christian Marazzi, ‘Summer School: La Moneta del Commune’.",
        "Christian Marazzi, ‘Summer School: La Moneta del Commune’.",
        "Fumagalli, ‘Twenty Theses’, 9.",
    )
    assert kinds(document)[2:] == [("3", "short", "1", "1"), ("4", "short", "2", "2")]


def test_a_citation_key_with_a_page_is_a_short_form_of_the_source_listed_under_it() -> None:
    notes = [
        RawNote("1", 1, "self2003, 17."),
        RawNote("2", 2, "clayton1967coldwar: 449--473."),
        RawNote("3", 3, "Richard White, “It's Your Misfortune,” Western History 3 (1991): 5."),
        RawNote("self2003", 9, "Robert O. Self, American Babylon (Princeton UP, 2003).",
                listed=True),
    ]
    document = build_document("doc", "text", notes, [RawMarker(str(i), 1, "x") for i in (1, 2, 3)])
    assert kinds(document)[:2] == [("1", "short", "self2003", "self2003"),
                                   ("2", "short", None, None)]
    assert codes(document) == [("unresolved-short", "2")]


def test_a_title_then_its_maker_and_year_in_brackets_is_a_full_citation() -> None:
    document = build(
        "Erme Ingot Wreck Site Summary (English Heritage, 2000)",
        "English Heritage 2000, 4.",
        "Later work was done (Smith, 2004).",
    )
    assert kinds(document)[:2] == [("1", "full", None, None), ("2", "short", "1", "1")]
    assert kinds(document)[2][1] != "full"


def test_surname_title_and_book_without_a_date_is_a_short_form() -> None:
    document = build(
        'Carl Abbott, "Frontiers and Sections," American Quarterly 37 (1985): 398.',
        'Abbott, "Paul Allen," Western Lives, 391.',
        'Abbott, "Frontiers and Sections," American Quarterly, 399.',
        'Carl Abbott, "Paul Allen," Western Lives, 391.',
    )
    assert kinds(document) == [
        ("1", "full", None, None),
        ("2", "short", None, None),
        ("3", "short", "1", "1"),
        ("4", "full", None, None),
    ]


def test_a_classic_work_by_its_authors_possessive_and_its_book_is_a_full_citation() -> None:
    document = build(
        "Strabo's Geography, Book III, 2.9",
        "Caesar's Gallic War, Book V, 12.",
        "Smith's paper, Book II.",
    )
    assert [kind for _, kind, _, _ in kinds(document)] == ["full", "full", "comment"]


def test_an_author_date_short_form_with_a_long_page_list_is_still_short() -> None:
    # Wikipedia's "Bishop & Coulston (2006), pp. 151–152, 175 & 200–202": the pages ran the
    # note past the word count of a short form, so it read as a full note citing nothing.
    full = ("Bishop, M. C.; Coulston, J. C. N. (2006). Roman Military Equipment: From the Punic"
            " Wars to the Fall of Rome. Oxbow Books. ISBN 1-8421-7159-3.")
    for pages in ("pp. 151–152, 175 & 200–202", "pp. 151, 175 and 200", "pp. 151 & 200–202"):
        document = build(full, f"Bishop & Coulston (2006), {pages}")
        assert kinds(document)[1] == ("2", "short", "1", "1"), pages
    # A long note that names a work is no short form however many pages it gives.
    other = build(full, "Bishop & Coulston (2006) on the equipment of the late Roman field"
                  " armies and their supply, pp. 151–152, 175 & 200–202")
    assert kinds(other)[1][1] != "short"
