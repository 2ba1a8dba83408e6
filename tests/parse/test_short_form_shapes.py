"""Note kinds and short forms of uncommon shape: case names, citation keys, Chicago's dateless
short form, a later list naming a work again, a title with its maker, an article's history."""

from __future__ import annotations

from support.built import build, codes, kinds

from citecheck.parse import parse_document
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


GORDON_1997 = ("Gordon, Edwin E. Learning Sequences in Music: Skill, Content, and Patterns. "
               "Chicago: GIA Publications, 1997, p. 3.")
GORDON_1988 = GORDON_1997.replace("1997, p. 3", "1988, p. 7")


def test_chicago_authors_and_pages_repeat_the_work_those_authors_wrote() -> None:
    # "pp" is no title: the note is its authors and a page range, Chicago's shortest form.
    document = build(
        "Colwell, Richard and Frank Abrahams, “Edwin Gordon’s Contribution: An Appraisal.” The "
        "Quarterly Journal of Music Teaching and Learning, 2:1-2 spring-summer 1991, p. 19.",
        GORDON_1997,
        "Colwell and Abrahams, pp. 19-37.",
        "Gordon, 47.",
    )
    assert kinds(document)[2:] == [("3", "short", "1", "1"), ("4", "short", "2", "2")]


def test_a_remark_closing_with_an_author_date_citation_repeats_that_edition() -> None:
    # The years tell the 1997 edition from the 1988 one; an Ibid. after remarks that cite
    # nothing repeats the source cited last.
    document = build(
        GORDON_1997,
        GORDON_1988,
        "Music babble is analogous to the babble stage in speech. Commonly, children emerge "
        "from it within three years. See Gordon (1997), p. 47.",
        "For a full discussion of Content Learning Sequences, see Gordon (1997), pp. 137-160 "
        "(Tonal), pp. 161-202 (Rhythmic).",
        "See Rhythm Content Learning Sequence for an explanation of the meters.",
        "Ibid. p. 139.",
        "For the earlier sequence, see Gordon (1988), pp. 92-110.",
    )
    assert kinds(document)[2:] == [
        ("3", "short", "1", "1"),
        ("4", "short", "1", "1"),
        ("5", "comment", None, None),
        ("6", "ibid", "4", "1"),
        ("7", "short", "2", "2"),
    ]


def test_an_author_title_and_year_in_brackets_repeating_nothing_is_full() -> None:
    # It reads like "Almanac (1757)", an author–date citation, but repeats no earlier note.
    document = build("Benjamin Franklin, Poor Richard’s Almanac (1757).")
    assert kinds(document) == [("1", "full", None, None)]
    assert codes(document) == []


def test_a_bluebook_reporter_pin_cite_repeats_the_case_or_decision_it_names() -> None:
    document = build(
        "Verizon v. FCC, 740 F.3d 623 (D.C. Cir. 2014).",
        "Cellco P’ship v. FCC, 700 F.3d 534 (D.C. Cir. 2012).",
        "See New Docket Established, GN Docket No. 14-28, Public Notice, 29 FCC Rcd 1746 (2014). "
        "See Protecting and Promoting the Open Internet, GN Docket No. 14-28, Notice of "
        "Proposed Rulemaking, 29 FCC Rcd 5561 (2014) (2014 Open Internet NPRM).",
        "Verizon, 740 F.3d at 645-46.",
        "See 2014 Open Internet NPRM, 29 FCC Rcd at 5562, para. 2.",
        "Cellco, 740 F.3d at 650.",
        "See Verizon, 740 F. 3d at 645-46 & n.7 (citing Comcast).",
    )
    found = kinds(document)
    assert found[3:5] == [("4", "short", "1", "1"), ("5", "short", "3", "3")]
    assert found[6] == ("7", "short", "1", "1")
    # Cellco is reported in volume 700, not 740: no note before gives "Cellco, 740 F.3d".
    assert found[5][0] == "6" and found[5][2:] != ("1", "1") and found[5][2:] != ("2", "2")


def test_a_docket_filing_cited_by_its_filer_and_a_pin_is_a_source() -> None:
    document = build(
        "Mozilla Comments at 20.",
        "See, e.g., Free Press Comments at 50 (“In packet-switching, if there is no congestion, "
        "there is no meaning to priority.”).",
        "See Public Knowledge, Benton Foundation, and Access Sonoma Broadband (Public "
        "Knowledge) Comments at 52-53 (discussing exemption of video applications).",
        "The comments at 5 p.m. were many.",
    )
    assert [kind for _, kind, _, _ in kinds(document)] == ["full", "full", "full", "comment"]


def test_a_short_note_finds_the_bibliographys_ditto_entry_by_its_authors() -> None:
    # "________." repeats the authors of the entry above: Gordon's second work is found by
    # "Gordon" and its title; "Gordon, 47." names neither of two works, and is left unresolved.
    text = (
        "Audiation precedes notation.1 Teaching follows.2 Learning too.3\n\nNotes\n"
        "1. Gordon, The Psychology of Music Teaching, 12.\n2. Gordon, 47.\n"
        "3. Weber and Vincent, p. 5.\n4. Gordon, Musical Aptitude Profile, 3.\n\n"
        "Selected Bibliography\n\n"
        "Gordon, Edwin E. How Children Learn When They Learn Music. Iowa City: University of "
        "Iowa, 1968.\n\n"
        "________. The Psychology of Music Teaching. Englewood Cliffs: Prentice-Hall, 1971.\n\n"
        "__________. Musical Aptitude Profile. Chicago: GIA Publications, 1965.\n\n"
        "Weber, Fred and Herman Vincent. Alto Saxophone Student. New York: Belwin-Mills, 1969.\n"
    )
    document = parse_document(text, "thesis.txt")
    assert kinds(document)[:4] == [
        ("1", "short", "ref-2", "ref-2"),
        ("2", "short", None, None),
        ("3", "short", "ref-4", "ref-4"),
        ("4", "short", "ref-3", "ref-3"),  # a typist's longer rule of underscores, the same
    ]


def test_a_book_whose_citation_ends_with_its_publisher_and_year_in_brackets_stays_full() -> None:
    # "GIA Publications (1997)." reads like "Gordon (1997)" but names no earlier work: the note
    # is the book's own citation, and later short forms find it.
    document = build(
        "Gordon, Edwin E. Learning Sequences in Music. Chicago: GIA Publications (1997).",
        "Gordon, Learning Sequences, 12.",
        "For the tonal patterns, see Gordon (1997), p. 4.",
    )
    assert kinds(document) == [
        ("1", "full", None, None),
        ("2", "short", "1", "1"),
        ("3", "short", "1", "1"),
    ]
