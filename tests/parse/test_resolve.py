"""build_document: kinds, Ibid./short-form resolution, URLs per note, claims and diagnostics."""

from __future__ import annotations

import pytest
from support.built import build, codes, kinds

from citecheck.models import NoteKind
from citecheck.parse import parse_document
from citecheck.parse.base import RawMarker, RawNote, build_document
from citecheck.parse.resolve import is_ibid

USIP = "https://www.usip.org/five-things"
NYT = "https://www.nytimes.com/mali-president-coup.html"




def test_ibid_spellings() -> None:
    for text in ("Ibid.", "Ibid", "ibid.", "Ibid., p. 4.", "ibid. 23", "IBID.", "Ibidem, 12.",
                 "See ibid., 7.", "Id. at 5."):  # fmt: skip
        assert is_ibid(text), text
    for text in ("Ibidem-style notes are rare.", "Identity politics, 2019.", "Bibliography"):
        assert not is_ibid(text) or text.startswith("Ibidem"), text


def test_ibid_chain_resolves_to_root() -> None:
    document = build(
        f"Maclean, Ruth. “Mali Appoints New President,” New York Times, 2020. {NYT}",
        "Ibid.",
        "Ibid, 4.",
        "ibid. 23",
    )
    assert kinds(document) == [
        ("1", "full", None, None),
        ("2", "ibid", "1", "1"),
        ("3", "ibid", "2", "1"),
        ("4", "ibid", "3", "1"),
    ]
    assert all(n.urls == () for n in document.notes[1:])
    assert document.diagnostics == ()


def test_ibid_skips_a_comment_and_follows_a_short_form() -> None:
    document = build(
        f"Fornof, Emily. “Five Things to Know about Mali’s Coup,” USIP, 2020. {USIP}",
        f"Maclean, Ruth. “Mali Appoints New President,” New York Times, 2020. {NYT}",
        "Fornof, “Five Things.”",
        "Ibid.",
        "The author visited Bamako twice during the transition.",
        "Ibid., 12.",
    )
    assert kinds(document) == [
        ("1", "full", None, None),
        ("2", "full", None, None),
        ("3", "short", "1", "1"),
        ("4", "ibid", "3", "1"),
        ("5", "comment", None, None),
        ("6", "ibid", "4", "1"),
    ]


def test_an_author_date_short_form_repeats_the_authors_one_undated_work() -> None:
    # Note 1 names its work only by its author's possessive and a link, and no note dates it:
    # "Armstrong 2007, page 3." repeats it, and an Ibid. after repeats what the short form does.
    document = build(
        "See Armstrong's paper https://example.org/hopl_erlang.pdf.",
        "The conference was held in San Diego in June 2007. https://example.org/hopl3",
        "Armstrong 2007, page 3.",
        "Ibid., page 2.",
    )
    assert kinds(document) == [
        ("1", "full", None, None),
        ("2", "full", None, None),
        ("3", "short", "1", "1"),
        ("4", "ibid", "3", "1"),
    ]
    assert document.diagnostics == ()
    # Two undated works by the author: which one is not guessed.
    two = build(
        "See Armstrong's paper https://example.org/a.pdf.",
        "See Armstrong's thesis https://example.org/b.pdf.",
        "Armstrong 2007, page 3.",
    )
    assert kinds(two)[2] == ("3", "short", None, None)
    # A work the notes date in another year is another work.
    dated = build(
        "Joe Armstrong, “Making Reliable Systems,” 2003. https://example.org/thesis.pdf",
        "Armstrong 2007, page 3.",
    )
    assert kinds(dated)[1] == ("2", "short", None, None)


def test_ibid_without_antecedent() -> None:
    document = build("Ibid.", f"Someone, “A Title,” Site, 2020. {USIP}")
    assert kinds(document)[0] == ("1", "ibid", None, None)
    assert ("ibid-without-antecedent", "1") in codes(document)


def test_ibid_after_an_unresolved_short_form_repeats_that_note() -> None:
    # The full references are in another file's bibliography: every short form is unresolved,
    # and an Ibid. after one repeats its work (the short note), through a chain of Ibid.s.
    document = build(
        "SERRA, 2024, p. 118",
        "Ibid., p. 114",
        "Ibid., p. 116",
        "FAROULT, 2006, p. 5",
        "Ibid., p. 9",
    )
    assert kinds(document) == [
        ("1", "short", None, None),
        ("2", "ibid", "1", "1"),
        ("3", "ibid", "2", "1"),
        ("4", "short", None, None),
        ("5", "ibid", "4", "4"),
    ]
    # Only the short forms are unresolved; the Ibid.s have their antecedent.
    assert codes(document) == [("unresolved-short", "1"), ("unresolved-short", "4")]
    # An Ibid. after an Ibid. that has none still has none.
    assert kinds(build("Ibid.", "Ibid., 4."))[1] == ("2", "ibid", "1", None)


def test_abnt_author_date_short_forms_with_semicolons() -> None:
    # ABNT separates co-authors by a semicolon ("KIMBALL; ROSS, 2013"); some writers put it
    # before the year instead ("KIMBALL, ROSS; 2013"): both are the authors' 2013 work.
    document = build(
        "Kimball, Ralph, and Margy Ross. The Data Warehouse Toolkit. 3rd ed. Wiley, 2013.",
        "KIMBALL; ROSS, 2013, p. 44",
        "KIMBALL, ROSS; 2013, p. 45",
    )
    assert kinds(document) == [
        ("1", "full", None, None),
        ("2", "short", "1", "1"),
        ("3", "short", "1", "1"),
    ]
    # With the full reference in another file, a short form still, unresolved.
    assert kinds(build("KIMBALL, ROSS; 2013, p. 44")) == [("1", "short", None, None)]


def test_an_unmatched_author_and_title_given_name_first_is_a_first_citation() -> None:
    # A figure credit naming its author in full and a title, no imprint: the work's first (and
    # only) citation. The surname alone and a title is the short form of a work cited elsewhere.
    document = build(
        "From Edward Tufte, Visual Display of Quantitative Information, page 92.",
        'Kenji Hall, "The PlayStation 2 Still Rocks."',
        "Tufte, Visual Display, 92.",
        "Hall, “PlayStation 2,” 4.",
    )
    assert kinds(document) == [
        ("1", "full", None, None),
        ("2", "full", None, None),
        ("3", "short", "1", "1"),
        ("4", "short", "2", "2"),
    ]
    alone = build("Tufte, Visual Display of Quantitative Information, 92.")
    assert kinds(alone) == [("1", "short", None, None)]


def test_short_forms_match_abbreviated_titles_and_author_spellings() -> None:
    document = build(
        "Bénédicte Aboul-Nasr, “MINUSMA, Malian Government Struggle with Growing Public Support "
        "for Armed Groups,” CIVIC, June 28, 2017. https://civic.org/a",
        f"Fornof, Emily and Emily Cole. “Five Things to Know about Mali’s Coup,” USIP, 2020. "
        f"{USIP}",
        "Aboul-Nasr, “MINUSMA, Malian Government Struggle with Growing Support for Armed Groups.”",
        "Fornof and Cole. “Five Things to Know about Mali’s Coup.”",
        "Fornof and Cole, “Five Things,” 3.",
        "Aboul Nasr, “MINUSMA,” 2.",
        "Bah N’Daou is a civilian. Fornof, “Five Things to Know.”",
    )
    assert [(n.label, n.kind.value, n.resolves_to) for n in document.notes[2:]] == [
        ("3", "short", "1"),
        ("4", "short", "2"),
        ("5", "short", "2"),
        ("6", "short", "1"),
        ("7", "short", "2"),
    ]
    assert document.diagnostics == ()


def test_short_form_points_at_the_earliest_full_note() -> None:
    full = f"Maclean, Ruth. “Mali Appoints New President After Military Coup,” NYT, 2020. {NYT}"
    document = build(
        full, full.replace(NYT, "https://mirror.example/nyt"), "Maclean, “Mali Appoints.”"
    )
    assert kinds(document)[2] == ("3", "short", "1", "1")


def test_same_author_different_titles_are_told_apart() -> None:
    document = build(
        "Smith, John. “Water Wars in the Sahel,” Foreign Affairs, 2019. https://fa.example/water",
        "Smith, John. “Gold Mining and Conflict,” Foreign Affairs, 2020. https://fa.example/gold",
        "Smith, “Gold Mining.”",
        "Smith, “Water Wars.”",
    )
    assert [n.resolves_to for n in document.notes[2:]] == ["2", "1"]


def test_wrong_author_does_not_match() -> None:
    document = build(
        "Smith, John. “Water Wars in the Sahel,” Foreign Affairs, 2019. https://fa.example/w",
        "Jones, “Water Wars in the Sahel.”",
    )
    assert kinds(document)[1] == ("2", "short", None, None)
    assert ("unresolved-short", "2") in codes(document)


def test_author_year_short_notes_resolve_to_a_later_bibliography_entry() -> None:
    notes = [
        RawNote("1", 1, "Turing 1936, p. 230."),
        RawNote("2", 2, "Ibid., 231."),
        RawNote("3", 3, "Shannon and Weaver 1949, 12."),
        RawNote("4", 4, "Turing 1950, 433."),
        RawNote("ref-1", 10, "Shannon, Claude E., and Warren Weaver. 1949. The Mathematical "
                "Theory of Communication. Urbana: University of Illinois Press.", listed=True),
        RawNote("ref-2", 11, "Turing, A. M. 1936. On computable numbers. Proceedings of the "
                "London Mathematical Society 42: 230–265. https://doi.org/10.1112/plms/s2-42.1.230",
                listed=True),
        RawNote("ref-3", 12, "Turing, A. M. 1950. Computing machinery and intelligence. Mind 59: "
                "433–460. https://doi.org/10.1093/mind/LIX.236.433", listed=True),
    ]  # fmt: skip
    markers = [RawMarker(str(i), 1, "claim") for i in range(1, 5)]
    document = build_document("doc", "text", notes, markers)
    assert kinds(document) == [
        ("1", "short", "ref-2", "ref-2"),
        ("2", "ibid", "1", "ref-2"),
        ("3", "short", "ref-1", "ref-1"),
        ("4", "short", "ref-3", "ref-3"),
        ("ref-1", "full", None, None),
        ("ref-2", "full", None, None),
        ("ref-3", "full", None, None),
    ]
    assert document.notes[5].urls == ("https://doi.org/10.1112/plms/s2-42.1.230",)
    assert document.diagnostics == ()  # listed entries need no marker


def test_full_citation_without_url_is_full_and_comment_is_comment() -> None:
    document = build(
        "Interview with a MINUSMA officer, Bamako, March 3, 2020.",
        "John Smith, The Sahel in Crisis (New York: Penguin, 2010), 23.",
        "This figure excludes contractors, as in 2019.",
    )
    assert [n.kind for n in document.notes] == [
        NoteKind.COMMENT,
        NoteKind.FULL,
        NoteKind.COMMENT,
    ]
    assert all(n.urls == () for n in document.notes)


def test_urls_hrefs_first_then_text_deduplicated() -> None:
    notes = [
        RawNote("1", 1, f"Title, https://b.example/x. Also {USIP}.", hrefs=(USIP, "http://dx.doi.org/10.1000/a")),
        RawNote("link-1", 2, "some link text", hrefs=("https://c.example/",), inline=True),
        RawNote("2", 3, "Ibid.", hrefs=()),
    ]  # fmt: skip
    markers = [RawMarker("1", 5, "a"), RawMarker("link-1", 6, "b"), RawMarker("2", 7, "c")]
    document = build_document("doc", "markdown", notes, markers)
    assert document.notes[0].urls == (USIP, "http://dx.doi.org/10.1000/a", "https://b.example/x")
    assert document.notes[1].kind is NoteKind.LINK and document.notes[1].urls == (
        "https://c.example/",
    )
    # an inline link is not the note an Ibid. refers to
    assert kinds(document)[2] == ("2", "ibid", "1", "1")


def test_inline_notes_are_always_body_links_with_their_own_url() -> None:
    notes = [RawNote("link-1", 1, "Ibid.", hrefs=("https://a.example/",), inline=True)]
    document = build_document("doc", "html", notes, [RawMarker("link-1", 1, "x")])
    assert document.notes[0].kind is NoteKind.LINK
    assert document.notes[0].urls == ("https://a.example/",)
    assert document.notes[0].resolves_to is None


def test_claims_and_diagnostics() -> None:
    notes = [
        RawNote("1", 10, f"A, “B,” C, 2020. {USIP}"),
        RawNote("2", 11, f"D, “E,” F, 2021. {NYT}"),
        RawNote("3", 12, "Ibid."),
        RawNote("2", 13, "Duplicate of two. https://dup.example/"),
    ]
    markers = [
        RawMarker("1", 1, "First claim.", 5),
        RawMarker("1", 2, "Second claim citing one.", 9),
        RawMarker("9", 3, "Orphan.", 2),
        RawMarker("2", 4, "Claim for two.", 1),
    ]
    document = build_document("doc.txt", "text", notes, markers, [])
    first = document.notes[0]
    assert [(c.line, c.column, c.text) for c in first.claims] == [
        (1, 5, "First claim."),
        (2, 9, "Second claim citing one."),
    ]
    assert [c.text for c in document.notes[1].claims] == ["Claim for two."]
    assert codes(document) == [
        ("marker-without-note", "9"),
        ("note-never-cited", "3"),
        ("duplicate-label", "2"),
        ("note-never-cited", "2"),
    ]
    assert document.diagnostics[2].line == 13


def test_duplicate_labels_take_markers_from_the_following_notes_section() -> None:
    notes = [
        RawNote("1", 5, "Chapter one source. https://one.example/"),
        RawNote("1", 15, "Chapter two source. https://two.example/"),
    ]
    markers = [RawMarker("1", 2, "chapter one claim"), RawMarker("1", 12, "chapter two claim")]
    document = build_document("doc", "text", notes, markers)
    assert [[c.text for c in n.claims] for n in document.notes] == [
        ["chapter one claim"],
        ["chapter two claim"],
    ]
    # Numbering that starts over, each copy cited just before it, is no duplicate label; a
    # label printed twice with no marker between the copies is one.
    assert codes(document) == []
    twice = build_document("doc", "text", notes, [RawMarker("1", 2, "one claim")])
    assert codes(twice) == [("duplicate-label", "1"), ("note-never-cited", "1")]


def test_reader_diagnostics_come_first_and_nothing_is_mutated() -> None:
    from citecheck.models import Diagnostic

    given = [Diagnostic("unreadable", "odd bytes", line=1)]
    notes = [RawNote("1", 1, "Ibid.")]
    document = build_document("doc", "text", notes, [], given)
    assert document.diagnostics[0] == given[0]
    assert len(given) == 1
    assert build_document("doc", "text", [], []).notes == ()


def test_cross_references_by_note_number() -> None:
    document = build(
        f"Smith, John. “Water Wars in the Sahel,” Foreign Affairs, 2019. {USIP}",
        "Ibid., 4.",
        "The committee met twice.",
        "Smith, supra note 1, at 7.",
        "See note 2 above.",
        "Idem, 9.",
    )
    assert kinds(document)[3:] == [
        ("4", "short", "1", "1"),
        ("5", "short", "2", "1"),
        ("6", "ibid", "5", "1"),
    ]


@pytest.mark.parametrize("words", ["Refer to footnote 1.", "See endnote 1.", "Note 1."])
def test_a_cross_reference_naming_a_footnote_or_endnote_is_its_short_form(words: str) -> None:
    document = build(f"Smith, John. “Water Wars in the Sahel,” Foreign Affairs, 2019. {USIP}",
                     "The committee met twice.", words)
    assert kinds(document)[2] == ("3", "short", "1", "1")


def test_a_footnote_remark_citing_author_date_with_a_page_is_a_short_form_of_its_entry() -> None:
    footnotes = [
        "States also considered wider forms of preemption across expansive policy domains, "
        "such as private property, business, and commerce (Briffault 2018, p. 2007).",
        "For instance, in 2013, Oregon preempted cities from regulating genetically-modified "
        "crops and, in 2017, New York overturned New York City’s tax on plastic bags (McKinley "
        "2017; Scharff 2018).",
    ]
    entries = [
        "Briffault, Richard. 2018. “The Challenge of the New Preemption”. Stanford Law Review "
        "70, no. 6: 1995–2027.",
        "McKinley, Jesse. 2017. “Cuomo Blocks New York City Plastic Bag Law”. The New York "
        "Times.",
        "Scharff, Erin Adele. 2018. Hyper Preemption: A Reordering of the State-Local "
        "Relationship? Georgetown Law Journal.",
    ]
    notes = [RawNote(str(i), i, text) for i, text in enumerate(footnotes, start=1)]
    notes += [RawNote(f"ref-{i}", 10 + i, text, listed=True)
              for i, text in enumerate(entries, start=1)]
    document = build_document("doc", "text", notes, [RawMarker("1", 1, "a"),
                                                      RawMarker("2", 2, "b")])
    assert kinds(document)[:2] == [("1", "short", "ref-1", "ref-1"),
                                   ("2", "short", "ref-2", "ref-2")]


def test_a_lower_case_title_after_surname_and_initials_with_a_year_is_a_full_note() -> None:
    document = build("SWEENEY, L. k-anonymity: a model for protecting privacy. International "
                     "Journal on Uncertainty 10, 5 (2002), 557–570.")
    assert document.notes[0].kind is NoteKind.FULL


def test_an_apa_entry_whose_title_opens_in_lower_case_is_a_full_note() -> None:
    # APA: "Surname, I., Surname, I., & Surname, I. (year). title …" — a software name
    # ("ros2_tracing") may open the title in lower case.
    document = build("Bédard, C., Lütkebohle, I., & Dagenais, M. (2022). ros2_tracing: "
                     "Multipurpose Low-Overhead Framework for Real-Time Tracing of ROS 2. IEEE "
                     "Robotics and Automation Letters, 7(3), 6511-6518.",
                     "Bédard, C. (2021). lttng: a tracer. Journal of Tracing, 3(1), 1-9.")
    assert [n.kind for n in document.notes] == [NoteKind.FULL, NoteKind.FULL]


def test_a_lower_case_quoted_title_after_undotted_initials_and_a_co_author_is_a_full_note() -> None:
    # OSCOLA as a law firm types it: "Surname, E & Surname J, ‘title in lower case’ …, 2004".
    document = build("Bellucci, E & Zeleznikow J, ‘integrating artificial intelligence and game "
                     "theory to develop an online dispute resolution environment.’ 16th IEEE "
                     "International Conference on Tools with Artificial Intelligence, IEEE, 2004",
                     "Smith, who wrote ‘a fine phrase’ in passing, 2004")
    assert [n.kind.value for n in document.notes] == ["full", "comment"]


def test_a_chapter_in_an_edited_book_without_a_year_is_a_full_note() -> None:
    document = build("STRANDBURG, K. J. Monitoring, Datafication, and Consent: Legal Approaches "
                     "to Privacy in the Big Data Context. In Privacy, Big Data, and the Public "
                     "Good, J. Lane, V. Stodden, S. Bender, and H. Nissenbaum, Eds.",
                     "The committee met twice. In Boston, the mayor spoke.")
    assert [n.kind.value for n in document.notes] == ["full", "comment"]


def test_comments_that_quote_or_date_things_are_not_short_forms() -> None:
    document = build(
        f"Smith, John. “Water Wars,” Foreign Affairs, 2019. {USIP}",
        "As Smith notes, “the war is over.”",
        "During 2019, the mission expanded.",
        "The phrase “benevolent alternative” is from HRW.",
        "Jones, “Reforming Candidate Registration,” 4.",
        "Smith 2019, 4.",
    )
    assert [n.kind.value for n in document.notes] == [
        "full", "comment", "comment", "comment", "short", "short",
    ]  # fmt: skip
    assert document.notes[5].resolves_to == "1"
    assert [(d.code, d.label) for d in document.diagnostics] == [("unresolved-short", "5")]


CSIS = (
    "Jennifer G. Cooke, J. Caleb Johnson, and Thomas M. Sanderson, Militancy and the Arc of "
    "Instability (Washington, DC: CSIS, 2016), https://csis.org/a"
)
STRAUS = (
    "Scott Straus, Making and Unmaking Nations: War, Leadership, and Genocide in Modern Africa "
    "(Ithaca: Cornell University Press, 2015), 45, https://cup.example/straus"
)
DE_WAAL = (
    "Alex de Waal, The Real Politics of the Horn of Africa (Cambridge: Polity, 2015), "
    "https://polity.example/dw"
)
HRW = (
    "Human Rights Watch, “‘We Used to Be Brothers’: Self-Defense Group Abuses in Central Mali,” "
    "December 7, 2018, https://www.hrw.org/report/2018/12/07/we-used-be-brothers"
)
MACLEAN = (
    "Ruth Maclean, “Mali Appoints New President After Military Coup,” New York Times, "
    "September 21, 2020, https://nyt.example/a"
)
ICG = (
    "International Crisis Group, “Central Mali: An Uprising in the Making?” Africa Report "
    "No. 238, July 6, 2016, https://crisisgroup.example/238"
)
CIVIC = (
    "Bénédicte Aboul-Nasr, “MINUSMA, Malian Government Struggle,” CIVIC, 2017, "
    "https://civic.example/a"
)
APA = "Smith, J. (2019). Water and war. Journal of Peace, 3(2), 1–10. https://doi.org/10.1000/jp"
UNSC = (
    "United Nations Security Council, “Report of the Secretary-General on the Situation in "
    "Mali,” S/2020/1281, December 28, 2020, https://undocs.org/S/2020/1281"
)
WDR = (
    "World Bank, World Development Report 2011: Conflict, Security, and Development "
    "(Washington, DC: World Bank, 2011), https://wb.example/wdr2011"
)
SHORT_FORMS = [
    (CSIS, "Cooke, Johnson, and Sanderson, Militancy and the Arc, 12."),
    (CSIS, "Cooke et al., Militancy, 12."),
    (STRAUS, "Straus, Making and Unmaking Nations, 50."),
    (DE_WAAL, "De Waal, Real Politics, 33."),
    (DE_WAAL, "de Waal, The Real Politics of the Horn, 33."),
    (HRW, "Human Rights Watch, “We Used to Be Brothers.”"),
    (HRW, "HRW, “We Used to Be Brothers,” 12."),
    (MACLEAN, "Maclean, op. cit."),
    (MACLEAN, "Maclean, “Mali Appoints New President.”"),
    (MACLEAN, 'Maclean, "Mali Appoints New President," 3.'),
    (MACLEAN, "Maclean (2020)."),
    (MACLEAN, "Maclean, “Military Coup.”"),
    (ICG, "Crisis Group, “Central Mali,” 4."),
    (ICG, "ICG, “Central Mali.”"),
    (CIVIC, "Aboul-Nasr, “MINUSMA.”"),
    (APA, "Smith (2019, p. 4)."),
    (APA, "Smith, 2019, p. 4."),
    (UNSC, "UN Security Council, “Situation in Mali,” 5."),
    (WDR, "World Bank, World Development Report 2011, 51."),
]


@pytest.mark.parametrize(("full", "short"), SHORT_FORMS, ids=[s for _, s in SHORT_FORMS])
def test_short_form_styles_resolve(full: str, short: str) -> None:
    document = build(full, short)
    assert (document.notes[1].kind, document.notes[1].resolves_to) == (NoteKind.SHORT, "1")


def test_a_short_form_followed_by_a_second_citation_resolves_to_the_first() -> None:
    document = build(
        "World Health Organization, Microplastics in Drinking-Water (Geneva: WHO, 2019), "
        "https://www.who.int/publications/i/item/9789241516198",
        "Sherri A. Mason, Victoria G. Welch, and Joseph Neratko, “Synthetic Polymer "
        "Contamination in Bottled Water,” Frontiers in Chemistry 6 (2018), "
        "https://doi.org/10.3389/fchem.2018.00407",
        "Albert A. Koelmans et al., “Microplastics in Freshwaters and Drinking Water,” Water "
        "Research 155 (2019): 410–22, https://doi.org/10.1016/j.watres.2019.02.054",
        "WHO, Microplastics in Drinking-Water, 12; see also Koelmans et al., “Microplastics in "
        "Freshwaters,” 415.",
        "Mason, Welch, and Neratko, “Synthetic Polymer Contamination,” 4; Koelmans et al. 2019.",
    )
    assert kinds(document)[3:] == [("4", "short", "1", "1"), ("5", "short", "2", "2")]


def test_prose_before_see_is_not_the_citation() -> None:
    # The note's source is the one after "see": the prose before it cites nothing.
    document = build(
        "Historic England, “K6 Telephone Kiosk,” List entry 1031480, 2020, "
        "https://historicengland.org.uk/listing/the-list/list-entry/1031480",
        "The kiosks are listed buildings in many villages; see Historic England, “K6 "
        "Telephone Kiosk.”",
    )
    assert kinds(document)[1] == ("2", "short", "1", "1")


def test_markup_hrefs_are_read_as_a_browser_reads_them() -> None:
    notes = [
        RawNote("1", 1, "FTN map", hrefs=("<https://t.example/frequent transit>",)),
        RawNote("2", 2, "Report", hrefs=("https://r.example/long-\n\tpath.pdf",)),
    ]
    markers = [RawMarker("1", 1, "a"), RawMarker("2", 1, "b")]
    document = build_document("doc", "html", notes, markers)
    assert [n.urls for n in document.notes] == [
        ("https://t.example/frequent%20transit",),
        ("https://r.example/long-path.pdf",),
    ]


def test_case_law_is_a_source_that_ibid_and_oscola_n_refer_to() -> None:
    document = build(
        "Jane Roe, A Book (Oxford UP 2010) 4.",
        "Case C-1/09 Alpha v Beta [2011] ECR I-1, para 3.",
        "Ibid. para 4.",
        "Alpha v Beta (n 2) para 7.",
    )
    assert kinds(document) == [
        ("1", "full", None, None),
        ("2", "full", None, None),
        ("3", "ibid", "2", "2"),
        ("4", "short", "2", "2"),
    ]


def test_bluebook_citations_are_sources_that_id_and_supra_refer_to() -> None:
    document = build(
        "See generally Ann Roe & Bo Lee, A Problem, 66 STAN. L. REV. 545 (2014) (a remark).",
        "The scope is contested. See, e.g., Cy Doe, Fine Print?, 43 J. LEGAL STUD. 1, 22 (2014).",
        "Dee Poe, Nano Contracts, 37 HARV. J. L. & TECH. (forthcoming 2024).",
        "See id. at 5.",
        "Doe, supra note 2, at 9.",
        "The literature is vast, and 12 of its 40 studies (most before 2010) say so.",
    )
    assert kinds(document) == [
        ("1", "full", None, None),
        ("2", "full", None, None),
        ("3", "full", None, None),
        ("4", "ibid", "3", "3"),
        ("5", "short", "2", "2"),
        ("6", "comment", None, None),
    ]


def test_a_work_named_by_its_authors_possessive_is_a_source() -> None:
    document = build(
        "Frimmel's Beethoven.",
        "Quoted from Leland's _Algonquin Legends_.",
        "“Owl,” Sakka's clan name, as the Commentary has it.",
        "Sakka's clan name.",
        "See V. Schoelcher's _Life of Handel_, p. 23.",
        "Cullen’s Darien, p. 38.",
        "Poe's “Raven”, 4 of which are lost.",
    )
    assert [n.kind.value for n in document.notes][:2] == ["full", "full"]
    assert document.notes[3].kind.value == "comment"
    assert [n.kind.value for n in document.notes][4:6] == ["full", "full"]
    assert document.notes[6].kind.value != "full"


def test_a_note_that_is_one_italic_title_names_a_work() -> None:
    document = build(
        "_Musikalisches Lexicon oder musikalische Bibliothek._", "_Sic._", "_Tempo_ is slow."
    )
    assert [n.kind.value for n in document.notes] == ["full", "comment", "comment"]


def test_author_title_place_and_year_is_a_book_not_an_author_date_short_form() -> None:
    document = build("Kalischer. Neue Beethovenbriefe. Berlin, 1902.", "Smith 2010, 4.")
    assert [n.kind.value for n in document.notes] == ["full", "short"]


def test_a_bibliography_entry_is_never_a_comment() -> None:
    # Undated and without a publisher it would read as a remark; in a reference list it is a
    # reference (a repeat of a footnote still stands on that footnote: see test_text.py).
    notes = [
        RawNote("1", 1, "Smith, “A Study,” 2018. https://a.example/study"),
        RawNote("ref-1", 5, "Glaeser, E. L. The economic implications of housing supply.",
                listed=True),
    ]  # fmt: skip
    document = build_document("doc", "text", notes, [RawMarker("1", 1, "claim")])
    assert [(n.label, n.kind.value) for n in document.notes] == [("1", "full"), ("ref-1", "full")]


def test_harvard_footnotes_resolve_to_the_reference_list() -> None:
    notes = [
        RawNote("1", 1, "Cooper and McKenna (2008, p. 295); see also Few et al. (2007)."),
        RawNote("2", 2, "Beltrán, Maddison and Elliott (2019)."),
        RawNote("ref-1", 10, "Cooper, R. and McKenna, J. (2008) Social justice in coastal "
                "erosion management. Geoforum, 39(1), 294–306.", listed=True),
        RawNote("ref-2", 11, "Beltrán, A., Maddison, D. and Elliott, R. (2019) The impact of "
                "flooding on property prices. J. Environ. Econ., 95, 62–86.", listed=True),
        RawNote("ref-3", 12, "Few, R. et al. (2007) Public participation and climate change "
                "adaptation. Tyndall Centre Working Paper 95.", listed=True),
    ]  # fmt: skip
    markers = [RawMarker("1", 1, "a"), RawMarker("2", 1, "b")]
    document = build_document("doc", "text", notes, markers)
    assert [(n.label, n.kind.value, n.resolves_to) for n in document.notes][:2] == [
        ("1", "short", "ref-1"),
        ("2", "short", "ref-2"),
    ]


def test_a_case_against_a_lower_case_name_is_a_source() -> None:
    document = build(
        "Jane Roe, A Book (Oxford UP 2010) 4.",
        "Case C-324/09 L'Oréal SA v eBay International AG [2011] ECLI:EU:C:2011:474, para 107.",
        "Id. para 120.",
    )
    assert kinds(document)[1:] == [("2", "full", None, None), ("3", "ibid", "2", "2")]


def test_op_cit_means_the_work_of_that_author_cited_last() -> None:
    # "op. cit.", "the work cited": of an author with several works, the one cited last (as
    # biblatex's op. cit. tracker prints it), through its short forms too; with none cited
    # before it, it is reported, not guessed.
    document = build(
        "See Ofcom, op. cit.",
        "Ofcom, Connected Nations: Spring Update 2024 (London: Ofcom, 2024).",
        "Ofcom, Media Nations 2023 (London: Ofcom, 2023).",
        "See Ofcom, op. cit.",
        "NAO, Report on Broadband (London: NAO, 2022).",
        "Ofcom, Connected Nations, 4.",
        "See NAO, op. cit.",
        "Ofcom, loc. cit.",
    )
    assert kinds(document) == [
        ("1", "short", None, None),
        ("2", "full", None, None),
        ("3", "full", None, None),
        ("4", "short", "3", "3"),
        ("5", "full", None, None),
        ("6", "short", "2", "2"),
        ("7", "short", "5", "5"),
        ("8", "short", "2", "2"),
    ]
    assert codes(document) == [("unresolved-short", "1")]


def test_short_form_with_another_year_is_another_report() -> None:
    # The year guard in _title_score: the titles are alike (fuzzy score 92 without it), but a
    # number the short form has and the full title lacks makes them different works.
    full = "World Bank, “Mali Security Report 2019,” Washington, DC, 2019. https://a.org/r2019."
    same_year = build(full, "World Bank, “Mali Security Report 2019.”")
    assert kinds(same_year)[1] == ("2", "short", "1", "1")
    other_year = build(full, "World Bank, “Mali Security Report 2020.”")
    assert kinds(other_year)[1] == ("2", "short", None, None)
    assert codes(other_year) == [("unresolved-short", "2")]


def test_a_short_form_of_a_later_work_in_a_multi_citation_note_resolves_to_that_note() -> None:
    notes = [
        RawNote("1", 1, "Garino and Gibson, “Space System Threats,” AU-18 Space Primer (Maxwell: "
                "Air University Press, 2009), p. 274; Todd Harrison, Future of MILSATCOM "
                "(Washington, DC: CSBA, 2013), p. 10."),
        RawNote("2", 2, "Harrison, Future of MILSATCOM, 11."),
    ]  # fmt: skip
    document = build_document("doc", "markdown", notes, [])
    assert kinds(document)[1] == ("2", "short", "1", "1")


def test_an_identical_title_beats_a_title_that_only_holds_its_word() -> None:
    notes = [
        RawNote("5", 1, "James Acton, “Escalation through Entanglement,” International "
                "Security 43, no. 1 (2018): 58."),
        RawNote("22", 2, "James Acton, ed. Entanglement (Washington, D.C.: Carnegie Endowment "
                "for International Peace, 2017), 5."),
        RawNote("24", 3, "James Acton, Entanglement."),
    ]  # fmt: skip
    document = build_document("doc", "markdown", notes, [])
    assert kinds(document)[1][:2] == ("22", "full")
    assert kinds(document)[2] == ("24", "short", "22", "22")


def test_a_bare_doi_is_the_notes_doi_and_checked_at_doi_org_but_is_no_url_of_it() -> None:
    from citecheck.collect.targets import collect_targets

    notes = [
        RawNote("1", 1, "Bailey TL. MEME SUITE. Nucleic Acids Res (2009). DOI: 10.1093/nar/gkp335"),
        RawNote("2", 2, "Smith, “A,” 2013, https://doi.org/10.1371%2Fjournal.pone.0064146, "
                "doi:10.1371/journal.pone.0064146."),
        RawNote("3", 3, "Jones, “B,” 2014. doi:10.1000/b. https://b.example/"),
    ]  # fmt: skip
    document = build_document("doc", "text", notes, [])
    assert [(n.urls, n.citation.doi) for n in document.notes] == [
        ((), "10.1093/nar/gkp335"),
        (("https://doi.org/10.1371%2Fjournal.pone.0064146",), "10.1371/journal.pone.0064146"),
        (("https://b.example/",), "10.1000/b"),
    ]
    assert [n.sources for n in document.notes] == [
        ("https://doi.org/10.1093/nar/gkp335",),
        ("https://doi.org/10.1371%2Fjournal.pone.0064146",),
        ("https://b.example/", "https://doi.org/10.1000/b"),
    ]
    assert list(collect_targets([document])) == [
        "https://doi.org/10.1093/nar/gkp335",
        "https://doi.org/10.1371%2Fjournal.pone.0064146",
        "https://b.example/",
        "https://doi.org/10.1000/b",
    ]


def test_author_only_short_forms_with_et_al_and_a_swapped_letter() -> None:
    # Chicago's shortest short forms name only the authors: "Surname et al.", "Given Surname,
    # et al." (read as a title "et al." before), or the authors with a page, the name misspelt
    # by two swapped letters.
    document = build(
        "Ana Lindqvist and Mark Okafor, “Spectral methods for coastal survey,” Journal of "
        "Hydrography 12, no. 3 (2014): 41-60.",
        "Pieter Vandermeer, Jun Osei and Clara Ruiz, “Thermal drift in buoy arrays,” Ocean "
        "Instruments 8 (2019): 3.",
        "Vandermeer et al.",
        "Pjeter Vandermeer, et al., 7.",
        "Lindqvist and Okfaor, 44.",
        "As noted above, et al. is not a source.",
    )
    assert [(n.label, n.kind.value, n.resolves_to) for n in document.notes[2:]] == [
        ("3", "short", "2"),
        ("4", "short", "2"),
        ("5", "short", "1"),
        ("6", "comment", None),
    ]


def test_one_title_from_two_publishers_is_two_full_citations() -> None:
    document = build(
        '"President Delivers Annual Address". Channel Nine News. January 28, 2008.',
        '"President Delivers Annual Address". Presidential Archive. Retrieved February 6, 2019.',
        '"President Delivers Annual Address". Channel Nine News. January 28, 2008.',
    )
    # Cited in full again, a work is a full citation again: what the reader is given there.
    assert [(n.label, n.kind.value, n.resolves_to) for n in document.notes] == [
        ("1", "full", None), ("2", "full", None), ("3", "full", None)]


def test_a_complete_citation_of_an_earlier_work_is_full_an_abbreviated_one_short() -> None:
    document = build(
        "Rothstein, Richard. 2018. The Color of Law: A Forgotten History of how Our Government "
        "Segregated America. New York, NY: Liveright Publishing Corporation. 55-56.",
        "Rothstein, Richard. 2018. The Color of Law: A Forgotten History of how Our Government "
        "Segregated America. New York, NY: Liveright Publishing Corporation. Chapter 3.",
        "Rothstein, “The Color of Law,” 2018, 60.",
        '"The Four Freedoms were goals first articulated by Roosevelt". Google. 2019.',
        '"The Four Freedoms". Four Freedoms Park Conservancy. 2020.',
    )
    assert [(n.label, n.kind.value, n.resolves_to) for n in document.notes] == [
        ("1", "full", None), ("2", "full", None), ("3", "short", "1"), ("4", "full", None),
        ("5", "full", None)]  # without authors only the same title repeats a work


def test_idem_with_a_title_is_another_work_by_the_last_author() -> None:
    # "Idem" alone repeats the last note; "Idem, <title>" names another work by its author.
    document = build(
        "Galen. On the Natural Faculties. Trans. by A. J. Brock. London: Heinemann, 1916.",
        "Galen. On the Usefulness of the Parts. Ithaca: Cornell University Press, 1968.",
        "Idem, On the Natural Faculties, p. 12.",
        "Ibid., p. 14.",
        "Idem, Usefulness of the Parts.",
    )
    assert kinds(document)[2:] == [
        ("3", "short", "1", "1"),
        ("4", "ibid", "3", "1"),
        ("5", "short", "2", "2"),
    ]


def test_a_bibliography_entry_is_a_source_even_when_a_footnote_cited_it_in_full() -> None:
    book = ("Aristotle. De Anima. Ed. by Robert Drew Hicks. Cambridge: Cambridge University "
            "Press, 1907.")
    notes = [RawNote("1", 1, book), RawNote("2", 2, book), RawNote("ref-1", 9, book, listed=True)]
    document = build_document("doc", "text", notes, [RawMarker("1", 1, "a"),
                                                     RawMarker("2", 1, "b")])
    assert kinds(document) == [
        ("1", "full", None, None),
        ("2", "full", None, None),  # a repeat as complete as the first is full again
        ("ref-1", "full", None, None),  # the list names each work once, as a source
    ]


def test_a_reference_with_initials_first_authors_is_full_even_with_a_lower_case_title() -> None:
    document = build("J. Dean and S. Ghemawat. leveldb–a fast and lightweight key/value "
                     "database library by google, 2011.",
                     "He wrote “the war is over” to me in 2019.")
    assert [n.kind.value for n in document.notes] == ["full", "comment"]


def test_a_remark_citing_a_reference_by_author_and_bracketed_year_is_a_short_form() -> None:
    notes = [
        RawNote("1", 1, "The max refundable proportion of gas was reduced from one half to one "
                "fifth by EIP-3529 by Buterin and Swende [2021] in the London release"),
        RawNote("2", 2, "During [2021] the rule changed again."),
        RawNote("ref-1", 9, "Vitalik Buterin and Martin Swende. EIP-3529: Reduction in refunds, "
                "2021. https://eips.ethereum.org/EIPS/eip-3529", listed=True),
    ]
    document = build_document("doc", "text", notes, [RawMarker("1", 1, "a"),
                                                     RawMarker("2", 1, "b")])
    assert kinds(document)[:2] == [("1", "short", "ref-1", "ref-1"), ("2", "comment", None, None)]


def test_a_remark_opening_with_a_conjunction_before_the_cited_author_is_a_short_form() -> None:
    # "While Balashov (2020) …": the capitalised word opening the sentence is not a name; the
    # year tells the author's two works apart. A name matching no entry stays a comment.
    notes = [
        RawNote("1", 1, "While Balashov (2020) primarily targets human translators, extending "
                "this ontology to automated systems exposes a structural parallel."),
        RawNote("2", 2, "Although Balashov (2025) argues otherwise, the point stands."),
        RawNote("3", 3, "While Smith (2020) disagrees, nobody else does."),
        RawNote("ref-1", 9, "Balashov, Y. (2020). The Extended Mind in Technical Translation. "
                "Journal of Translation Studies, 24(3), 345-370.", listed=True),
        RawNote("ref-2", 10, "Balashov, Y. (2025). Translation in the Wild. AI & Society, "
                "40(2), 101-115.", listed=True),
    ]
    document = build_document("doc", "text", notes, [RawMarker(n.label, 1, "a") for n in notes])
    assert kinds(document)[:3] == [
        ("1", "short", "ref-1", "ref-1"),
        ("2", "short", "ref-2", "ref-2"),
        ("3", "comment", None, None),
    ]


def test_a_remark_citing_a_reference_in_parentheses_by_author_and_year_is_a_short_form() -> None:
    # Its quoted title and comma-split words parse as a citation that matches nothing: the
    # "(Kerckhoffs 1883)" inside it is what it cites.
    notes = [
        RawNote("1", 1, "A restatement of Kerckhoffs’ Principle, one of several principles for "
                "cryptographic systems in his “La Cryptographie Militaire” (Kerckhoffs 1883), "
                "which we can summarize as “the key must stay secret”."),
        RawNote("2", 2, "Every cipher of the kind was broken, as shown later (Shannon and "
                "Weaver 1949) and since."),
        RawNote("3", 3, "It was first printed (Kerckhoffs 1890) in a journal."),
        RawNote("4", 4, "The principle dates from (January 1883) onwards."),
        RawNote("ref-1", 9, "Kerckhoffs, Auguste. “La Cryptographie Militaire.” Journal des "
                "Sciences militaires, 9th series, IX (January 1883), 5-38.", listed=True),
        RawNote("ref-2", 10, "Shannon, Claude, and Warren Weaver. The Mathematical Theory of "
                "Communication. Urbana: University of Illinois Press, 1949.", listed=True),
    ]
    document = build_document("doc", "text", notes, [RawMarker(n.label, 1, "a") for n in notes])
    assert kinds(document)[:4] == [
        ("1", "short", "ref-1", "ref-1"),
        ("2", "short", "ref-2", "ref-2"),
        ("3", "comment", None, None),  # another year: another work, not this entry
        ("4", "comment", None, None),  # a month is no author
    ]


def test_a_quoted_word_in_prose_does_not_make_a_repeated_note_a_short_form() -> None:
    text = ("References to “continue” in this Handbook shall have the same meaning as "
            "“adjourn.” See Fed. R. Bankr. P. 2003(e).")
    document = build(text, text)
    assert [n.kind.value for n in document.notes] == ["full", "full"]


def test_a_comma_list_that_goes_on_as_prose_is_no_short_form() -> None:
    document = build("Sr Purchasing Manager, Global Procurement, Israel thought this was a bad "
                     "idea because we do not currently have reliable material content data.")
    assert [n.kind.value for n in document.notes] == ["comment"]

@pytest.mark.parametrize(
    "text",
    [
        "Page 13 of Newzoo Global Games Market Report 2017",  # a dated work named by its title
        "ISO 14044. INTERNATIONAL STANDARD—Environmental management—Requirements. 2006: 46.",
        "See Applying Cardiac Alarm Management Techniques [Hol14] for an example of fatigue.",
        "Academy of Military Science [军事科学院] (ed.), The Science of Military Strategy.",
        "Xiao Tianliang [肖天亮] (ed.), The Science of Military Strategy [战略学], NDU, 2015.",
        "Parlet B. N. The symmetric eigenvalue problem, SIAM, Classics in Applied Mathematics,1998",
        "For a survey, see “Space Threat Assessment,” CSIS, 2019.",
    ],
)
def test_citations_without_the_usual_shape_are_full(text: str) -> None:
    assert build(text).notes[0].kind is NoteKind.FULL


@pytest.mark.parametrize(
    "text",
    [
        "7 of 10 state-designated research hospitals joined the Consortium",
        "The launching of USSR’s Sputnik 1 in 1957 marked the start of the Space Age.",
        "To Section A.5. A.I. driven policy",
        'For exceptions, see "Values" section below',
        "Unspent transaction outputs",
    ],
)
def test_remarks_stay_comments(text: str) -> None:
    assert build(text).notes[0].kind is NoteKind.COMMENT


def test_a_title_after_a_prose_lead_in_is_a_short_form_of_it() -> None:
    document = build(
        "See the history released online: “640 Project – Mao Zedong and Qian Xuesen’s "
        "Discussion,” http://www.cwzg.cn/history/201703/34993.html.",
        "For further information, see: “640 Project.”",
    )
    assert kinds(document)[1] == ("2", "short", "1", "1")


def test_several_authors_and_a_title_holding_a_year_are_a_short_form() -> None:
    document = build(
        "Todd Harrison, Kaitlyn Johnson, and Thomas G. Roberts, Space Threat Assessment 2019 "
        "(Washington, DC: CSIS, April 2019), 4.",
        "Harrison, Johnson, and Roberts, Space Threat Assessment 2019, 4.",
    )
    assert kinds(document)[1] == ("2", "short", "1", "1")


def test_entries_of_a_numbered_source_list_are_never_comments() -> None:
    notes = [
        RawNote("ref-1", 1, "“Official page on Gwinnett County Website”.", bibliography=True),
        RawNote("ref-2", 2, "Ibid.", bibliography=True),
    ]
    markers = [RawMarker("ref-1", 1, "a"), RawMarker("ref-2", 1, "b")]
    document = build_document("doc", "text", notes, markers)
    assert kinds(document) == [("ref-1", "full", None, None), ("ref-2", "ibid", "ref-1", "ref-1")]


@pytest.mark.parametrize(
    "text",
    ["44 U.S.C. § 3501 et seq.", "5 USC 552(a)(2).", "Pub. L. No. 111-352 (2011).",
     "44 U.S.C. Chapters 21, 22, 29, 31, and 33. See also 36 CFR Subchapter B."],
)  # fmt: skip
def test_statutes_cite_sources(text: str) -> None:
    assert build(text).notes[0].kind is NoteKind.FULL


def test_a_work_named_before_its_url_is_repeated_by_name_and_pin_cite() -> None:
    document = build(
        "OMB Circular A-130, available at https://www.whitehouse.gov/omb/a130/",
        "OMB Circular A-130, available at https://www.whitehouse.gov/omb/a130/",
        "See OMB Circular A-130, section 8(b)(2)(a).",
    )  # cited in full twice, it is still one work: the short form takes the first
    assert kinds(document)[2] == ("3", "short", "1", "1")


def test_a_cue_before_an_address_names_no_work_a_remark_could_repeat() -> None:
    document = build(
        "See for example: https://hacks.example/2014/05/feedback/",
        "For example text colours, background colours, or font styles.",
        "For instance: https://b.example/",
        "For instance, a remark.",
    )
    assert [n.kind.value for n in document.notes] == ["full", "comment", "full", "comment"]


def test_a_term_and_a_sentence_explaining_it_is_a_remark_not_a_short_form() -> None:
    document = build(
        "Serializer-Deserializer. Such interfaces can be configured to support various PHY "
        "adapters.",
        "Lloyd-George, War Memoirs of David Lloyd George, 12.",
        "Smith, “The long and winding road to somewhere else entirely,” 4.",
    )
    assert [n.kind.value for n in document.notes] == ["comment", "short", "short"]


def test_a_note_that_opens_with_its_title_is_full() -> None:
    document = build(
        "Global Trends 2040: A More Contested World. National Intelligence Council, March 2021.",
        "Interview with the author, March 2022.",
    )
    assert [n.kind.value for n in document.notes] == ["full", "comment"]
    assert document.notes[0].citation.container == "National Intelligence Council"


def test_short_form_repeats_the_note_not_the_bibliography_entry_listing_it() -> None:
    # Chicago with a bibliography: the entries come first in the file, the notes after; a short
    # form repeats the note that gave the work in full, and a note whose italic title was read
    # as an author ("David Rodriguez, Colors of Ozu, 2022") is still found by that title.
    notes = [
        RawNote("ref-1", 1, "Ferguson, Kyle L. “Digital Surrealism.” DHQ 11, no. 1 (2017).",
                listed=True),
        RawNote("ref-2", 2, "Rodriguez, Dave. Colors of Ozu. 2022. https://example.org/ozu/",
                listed=True),
        RawNote("ref-3", 3, "Richie, Donald. Colors and Light. Berkeley: UC Press, 1974.",
                listed=True),
        RawNote("1", 10, "Kyle L. Ferguson, “Digital Surrealism,” DHQ 11, no. 1 (2017)."),
        RawNote("2", 11, "David Rodriguez, Colors of Ozu, 2022, https://example.org/ozu/."),
        RawNote("3", 12, "Ferguson, “Digital Surrealism.”"),
        RawNote("4", 13, "Rodriguez, Colors of Ozu."),
    ]
    markers = [RawMarker(str(i), 5, f"claim {i}") for i in range(1, 5)]
    document = build_document("doc", "markdown", notes, markers)
    assert [(n.label, n.kind.value, n.resolves_to) for n in document.notes][3:] == [
        ("1", "full", None),
        ("2", "full", None),
        ("3", "short", "1"),
        ("4", "short", "2"),
    ]


def test_a_bare_title_names_the_listed_source_it_repeats() -> None:
    # "*Paul Thomas Annotated: In the Margins.*" with its italics gone parses as nothing; it is
    # the bibliography entry so titled (the words before its URL), not a remark. A bare remark
    # that names no source stays a comment.
    notes = [
        RawNote("ref-1", 1, "Paul Thomas Annotated: In the Margins. https://example.org/pta.",
                listed=True),
        RawNote("1", 10, "Paul Thomas Annotated: In the Margins."),
        RawNote("2", 11, "Thanks to the archivists for their help."),
    ]
    markers = [RawMarker(str(i), 5, f"claim {i}") for i in range(1, 3)]
    document = build_document("doc", "markdown", notes, markers)
    assert [(n.label, n.kind.value, n.resolves_to) for n in document.notes] == [
        ("ref-1", "full", None),
        ("1", "short", "ref-1"),
        ("2", "comment", None),
    ]


def test_bare_title_notes_are_matched_without_comparing_every_source(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A bare title ("Paul Thomas Annotated") is looked up among the sources sharing a word with
    # it, not compared with every earlier note: 10,000 notes once took 16 s that way.
    from citecheck.parse import resolve, shortforms

    calls = 0
    score = shortforms.title_score

    def counting(short: str, full: str) -> float:
        nonlocal calls
        calls += 1
        return score(short, full)

    # Counted wherever a title is compared: matching a short form and naming a bare work.
    monkeypatch.setattr(shortforms, "title_score", counting)
    monkeypatch.setattr(resolve, "title_score", counting)

    def compared(count: int) -> int:
        nonlocal calls
        calls = 0
        texts = []
        for i in range(count):
            texts.append(f"Author{i}, “Study of Topic{i},” Journal (2020), https://e.org/{i}")
            texts.append("Remarks about the weather")  # author-less, dateless: a bare title
        build(*texts)
        return calls

    small, large = compared(100), compared(1000)
    assert large < 20 * max(small, 1), (small, large)


@pytest.mark.parametrize(("name", "text"), [
    ("paper.tex", "A.\\footnote{Department of Mathematics, Texas A\\&M University, College "
                  "Station, TX 77843-3368, USA, \\url{turcksin@math.tamu.edu}}\n"),
    ("notes.md", "A.[^1]\n\n[^1]: Mathematical Sciences, O-110 Martin Hall, Clemson University, "
                 "USA, [heister@clemson.edu](mailto:heister@clemson.edu)\n"),
    ("notes.rst", "A [#a]_.\n\n.. [#a] Department of Physics, Example University, USA, "
                  "jane.doe@physics.example.edu\n"),
])
def test_an_e_mail_address_is_never_a_url_and_its_note_is_a_comment(name: str, text: str) -> None:
    document = parse_document(text, name)
    [note] = document.notes
    assert note.urls == ()
    assert note.sources == ()
    assert note.kind is NoteKind.COMMENT
    assert not [d for d in document.diagnostics if d.code.value == "unresolved-short"]


def test_a_note_with_an_e_mail_and_a_web_source_is_full_with_the_web_source_only() -> None:
    document = parse_document("A.\\footnote{Data from \\url{https://data.example/x}, "
                              "ask \\url{mailto:me@data.example}.}\n", "paper.tex")
    [note] = document.notes
    assert note.kind is NoteKind.FULL
    assert note.urls == ("https://data.example/x",)


def test_a_short_form_never_repeats_a_later_footnote() -> None:
    # "GartnerG2, 26-27." comes before the only note that names GartnerG2 as an author: a
    # footnote cannot repeat what the reader has not seen yet (a list of sources may follow).
    document = build(
        "GartnerG2, 26-27.",
        "For example, the bill failed. See GartnerG2, “Copyright and Digital Media in a "
        "Post-Napster World,” 27 June 2003, 33-34.",
    )
    assert kinds(document)[0] == ("1", "short", None, None)
    assert ("unresolved-short", "1") in codes(document)


def test_author_and_page_alone_is_a_short_form_and_ibid_follows_it() -> None:
    # "Lessing, 239." repeats a work cited in another chapter: a short form that resolves to
    # nothing here (said so), and the "Ibid." after it points at it, not at an older note.
    document = build(
        "Smith, John. “Water Wars in the Sahel,” Foreign Affairs, 2019. https://fa.example/w",
        "Lessing, 239.",
        "Ibid., 229.",
        "This example was derived from fees set by the original panel.",
    )
    assert [k[1:3] for k in kinds(document)] == [
        ("full", None), ("short", None), ("ibid", "2"), ("comment", None)
    ]
    assert ("unresolved-short", "2") in codes(document)

def test_a_chicago_note_with_its_publication_facts_is_full_whatever_case_its_title_is() -> None:
    # Italics lost, the title's "The" lower-cased by hand: the place, publisher and year
    # in brackets still say a book is cited in full; a later bibliography entry of the same
    # book does not make the note a short form.
    notes = [
        RawNote("1", 1, "Robin W. Doughty, the Mockingbird (Austin: University of Texas Press, "
                "1995), 14."),
        RawNote("2", 2, "The phrase “the mockingbird” was coined in 1995."),
        RawNote("ref-1", 10, "Doughty, Robin W. The Mockingbird. Austin: University of Texas "
                "Press, 1995.", listed=True),
    ]
    document = build_document("doc", "text", notes, [RawMarker("1", 1, "a"),
                                                     RawMarker("2", 1, "b")])
    assert [(n.label, n.kind.value) for n in document.notes] == [
        ("1", "full"), ("2", "comment"), ("ref-1", "full")]


def test_a_remark_citing_several_works_in_one_bracket_is_a_short_form_of_the_first() -> None:
    notes = [
        RawNote("1", 1, "Many of these assumptions have since been generalised (see Baker 1976; "
                "Owen, Grofman, and Feld 1989; Kanazawa1998; and List and Goodin 2001)."),
        RawNote("2", 2, "Later work relaxed them (cf. Kanazawa1998, 70; Fey 2003)."),
        RawNote("3", 3, "Nothing here is cited (Smith 1990; Jones 1991)."),
        RawNote("ref-1", 10, "Baker, Keith Michael. 1976. Condorcet: Selected Writings. "
                "Bobbs-Merrill.", listed=True),
        RawNote("ref-2", 11, "Kanazawa, Satoshi. 1998. “A Brief Note on the Condorcet Jury "
                "Theorem.” Mathematical Social Sciences 35 (1): 69–73.", listed=True),
        RawNote("ref-3", 12, "Owen, Guillermo, Bernard Grofman, and Scott L Feld. 1989. “Proving "
                "a Distribution-Free Generalization.” Mathematical Social Sciences 17: 1–16.",
                listed=True),
    ]  # fmt: skip
    markers = [RawMarker(str(i), 1, "claim") for i in range(1, 4)]
    document = build_document("doc", "text", notes, markers)
    assert kinds(document)[:2] == [
        ("1", "short", "ref-1", "ref-1"),
        ("2", "short", "ref-2", "ref-2"),
    ]
    assert document.notes[2].resolves_to is None  # cites no listed work


def test_a_terse_older_citation_of_place_year_and_locators_is_full() -> None:
    document = build(
        "New Voyages to North America, London, 1703, vol. 2, pp. 47, 48.",
        "London, 1689, p. 59, et. seq.",
        "Vol. 1, No. 3, 1888, p. 216, Figs. 2 and 3.",
        "See report of Lieutenant Norton (Report Chiriqui Commission, Ex. Doc. 41, 1860).",
        "History of the Ojebway Indians, London [1843(?)], pp. 143,144.",
        # (no year: a volume of a named series and its pages)
        "Reproduced from the ninth volume of the New York Colonial Documents, pp. 1054, 1055.",
        # Prose holding a year and a number, and an author–date citation, are not.
        "In the Sonatas of 1781, for instance, the first movement of No. 2, in F, has a "
        "definite second subject.",
        "E. Bach did some strange things. One of his sonatas (Coll. of 1783, No. 1) has the "
        "first movement in G major.",
        "The Sun in 1835 printed reports of life on Mars (Wu 2017, 17–18).",
        "See ch. iii. on Pasquini.",
    )
    assert [n.kind.value for n in document.notes][:6] == ["full"] * 6
    assert all(n.kind.value != "full" for n in document.notes[6:])


def test_author_colon_title_notes_first_mention_full_then_repeats() -> None:
    document = build(
        "Bollaert: Antiquarian Researches in New Granada. London, 1860.",
        "A. De Zeltner: Notes sur les sépultures indiennes de département de Chiriqui.",
        "Seemann: Voy. Herald, Vol. I, p. 312.",
        "I am indebted to Mr. J. S. Diller for the determination of the stone.",
        "Seemann: Voy. Herald, Vol. I, p. 313.",
        "A. de Zeltner: Notes sur les sépultures indiennes, p. 7.",
        "Bollaert: Ethnological and Other Researches in New Granada, &c.",
        "Bollaert: Antiquarian Researches in New Granada, plate facing p. 31.",
    )
    assert kinds(document) == [
        ("1", "full", None, None),
        ("2", "full", None, None),
        ("3", "full", None, None),
        ("4", "comment", None, None),
        ("5", "short", "3", "3"),
        ("6", "short", "2", "2"),
        ("7", "full", None, None),  # another title by the same author
        ("8", "short", "1", "1"),
    ]


def test_an_occasional_title_and_subtitle_note_is_not_the_author_colon_style() -> None:
    # Two "X: Y" notes among others: titles with subtitles, read as before (a short form of
    # the entry that gives the work with its address; a remark).
    document = build(
        "Paul Thomas Annotated: In the Margins. https://ptannotated.com.",
        "Smith, John. The Long Book. New York: Penguin, 2010.",
        "Paul Thomas Annotated: In the Margins.",
        "Hovering: Placing the mouse cursor over an element.",
        "Smith, The Long Book, 4.",
    )
    assert [n.kind.value for n in document.notes] == ["full", "full", "short", "comment", "short"]


def test_one_author_colon_work_pinned_twice_among_address_notes_is_full_then_short() -> None:
    # Notes that are mostly addresses: the style is no "Author: Title" one, but the same
    # author and title pinned to two pages is a work cited in full, then again.
    document = build(
        "https://ionic.example/docs/overview/",
        "Chris Griffith: Mobile App Development with Ionic 2, S.5",
        "https://wiki.example/Ionic",
        "Chris Griffith: Mobile App Development with Ionic 2, S.6",
    )
    assert kinds(document)[1:] == [
        ("2", "full", None, None),
        ("3", "full", None, None),
        ("4", "short", "2", "2"),
    ]


def test_op_cit_resolves_through_the_author_its_body_sentence_names() -> None:
    document = build(
        "Coll. Minn. Hist. Soc., 1885, vol. 5, p. 130.",
        "Information respecting the history of the Indian tribes. Philadelphia, 1851, p. 319.",
        "Op. cit., p. 25.",
        "Op. cit., vol. 5, p. 71.",
        "Op. cit., pp. 65, 66.",
        "Op. cit., p. 9.",
        markers=[
            RawMarker("1", 1, "Mr. Warren, in his History of the Ojibwa, bases his belief on it."),
            RawMarker("2", 2, "Schoolcraft, in referring to the Shamans, says so."),
            RawMarker("3", 3, "Mr. Warren remarks in reference to the Ojibwa:"),
            RawMarker("4", 4, "This statement is followed by another, in which Mr. Schoolcraft, "
                      "in a foot-note, affirms:"),
            # A pronoun names nobody; two authors in one sentence are two candidates.
            RawMarker("5", 5, "In speaking of the Society, he says:"),
            RawMarker("6", 6, "Mr. Warren and Mr. Schoolcraft agree:"),
        ],
    )
    assert kinds(document)[2:] == [
        ("3", "short", "1", "1"),
        ("4", "short", "2", "2"),
        ("5", "short", None, None),
        ("6", "short", None, None),
    ]


def test_an_lncs_reference_with_only_authors_and_title_is_a_source() -> None:
    notes = [RawNote("1", 1, "Bromley, A.G.: Charles Babbage’s Analytical Engine.",
                     reference_list=True),
             RawNote("2", 2, "Giudice, J.P.: Complejidad y Dimensiones en los Estudios sobre "
                     "Babbage, Universidad del País Vasco.", reference_list=True)]
    markers = [RawMarker("1", 1, "c"), RawMarker("2", 1, "c")]
    document = build_document("doc", "text", notes, markers)
    assert [n.kind.value for n in document.notes] == ["full", "full"]


def test_a_title_written_shortened_repeats_the_earlier_full_note_however_long() -> None:
    document = build(
        "History of the Ojebway Indians, London [1843(?)], pp. 143,144.",
        "History of the Ojebway Indians, etc., London (1843?), pp. 145, 146.",
        "Hist. of the Ojebway Indians. London [1843?], p. 155.",
        # Written out again in full: a full citation of its own (another page, printing).
        "History of the Ojebway Indians, London [1843(?)], p. 160.",
        "Hist. of the Cherokee, London, 1850, p. 3.",
    )
    assert kinds(document) == [
        ("1", "full", None, None),
        ("2", "short", "1", "1"),
        ("3", "short", "1", "1"),
        ("4", "full", None, None),
        ("5", "full", None, None),
    ]


def test_a_work_named_as_a_sentences_subject_by_a_possessive_is_a_remark() -> None:
    document = build(
        "Imitating the sound of the thing signified. Poe's “Raven” has much of this character.",
        "Maclean, “Mali Appoints New President,” 4.",
    )
    assert [n.kind.value for n in document.notes] == ["comment", "short"]


_OLC = ("A Sitting President's Amenability to Indictment and Criminal Prosecution, 24 Op. "
        "O.L.C. 222, 260 (2000) (OLC Op.).")


def test_a_pin_cite_by_a_short_name_repeats_the_one_note_that_gave_it() -> None:
    document = build(
        _OLC,
        "See U.S. Const. art. I, § 2, cl. 5; cf. OLC Op. at 257–258 (discussing impeachment).",
        "OLC Op. at 257 n.36 (“A grand jury could continue to gather evidence”).",
        "The committee met twice.",
        "See OLC Op. at 259 & n.38 (citation omitted).",
        "Id. at 260.",
    )
    assert kinds(document) == [
        ("1", "full", None, None),
        ("2", "full", None, None),  # it uses the name, after citing the Constitution
        ("3", "short", "1", "1"),
        ("4", "comment", None, None),
        ("5", "short", "1", "1"),
        ("6", "ibid", "5", "1"),
    ]


def test_a_short_name_that_two_notes_give_or_none_resolves_nothing() -> None:
    twice = build(
        "Smith, The Water Report, 12 Env. L. Rev. 3 (2001) (Report).",
        "Jones, The Other Report, 14 Env. L. Rev. 9 (2003) (Report).",
        "Report at 7.",
    )
    assert twice.notes[2].kind is not NoteKind.SHORT
    unnamed = build(_OLC, "Mueller Report at 4 (nothing before names it).")
    assert unnamed.notes[1].kind is NoteKind.COMMENT
    prose = build(_OLC, "OLC Op. at 5 p.m. the office had closed.")  # a time, not a page
    assert prose.notes[1].kind is NoteKind.COMMENT


_REPORT_URL = "https://ethics.example.ca/reports/Trudeau%20II%20Report.pdf"


def test_a_canadian_pin_cite_by_short_title_repeats_its_work_and_keeps_a_url_it_gives() -> None:
    # McGill's pin names its unit ("at paras.", "at para", "at p."); a writer who repeats the
    # report's address after the pin still cites that report: short, with the URL kept.
    document = build(
        "Mario Dion, Conflict of Interest and Ethics Commissioner, Trudeau II Report, August 14,"
        f" 2019. Found a contravention of section 9. <{_REPORT_URL}>",
        "Trudeau II Report at paras. 51–55 and 304–315. The partial waiver covered the Attorney"
        f" General; nine witnesses were constrained as a result. <{_REPORT_URL}>",
        "Trudeau II Report at para 12.",
        "See Trudeau II Report at p. 4, https://ethics.example.ca/summary.html",
        # A pin cite by a name no earlier note gives is no short form.
        "Mueller Report at paras. 3–4. https://example.org/mueller.pdf",
    )
    assert kinds(document) == [
        ("1", "full", None, None),
        ("2", "short", "1", "1"),
        ("3", "short", "1", "1"),
        ("4", "short", "1", "1"),
        ("5", "full", None, None),
    ]
    assert [n.urls for n in document.notes[1:4]] == [
        (_REPORT_URL,), (), ("https://ethics.example.ca/summary.html",)
    ]


def test_a_pin_cite_by_short_name_resolves_in_every_reader() -> None:
    markdown = (
        "First.[^1] Second.[^2]\n\n"
        f"[^1]: {_OLC}\n[^2]: OLC Op. at 257.\n"
    )
    latex = (
        "\\documentclass{article}\\begin{document}\n"
        "First.\\footnote{\\textit{A Sitting President's Amenability to Indictment}, 24~Op.\\ "
        "O.L.C. 222 (2000) (OLC Op.).}\n"
        "Second.\\footnote{OLC Op.\\ at~257 n.36.}\n\\end{document}\n"
    )
    for text, name in ((markdown, "a.md"), (latex, "a.tex")):
        notes = parse_document(text, name).notes
        own = [n for n in notes if n.kind is not NoteKind.LINK]
        assert [(n.kind, n.resolves_to) for n in own][1] == (NoteKind.SHORT, own[0].label), name


def test_a_quoted_title_alone_with_a_page_repeats_the_author_less_full_note() -> None:
    # Chicago's short form of an author-less report: its title again and a page. The page
    # after the title is no publisher that would make it another work.
    document = build(
        "“Completion Report / A History of the ARPANET: The First Decade.” BBN Report No."
        " 4799, April 1981, https://example.org/completion-report.pdf, p. II-13.",
        "Hafner and Lyon, Where Wizards Stay Up Late (New York: Simon & Schuster, 1996), 52.",
        "“Completion Report / A History of the ARPANET: The First Decade,” p. II-29.",
    )
    assert kinds(document)[2] == ("3", "short", "1", "1")
    # Another publisher's report of that title is another work, not a repeat.
    other = build(
        "“State of the Union Address,” CNN, January 2018, https://example.org/cnn.",
        "“State of the Union Address,” The White House Archive, January 2018.",
    )
    assert kinds(other)[1][1] == "full"


def test_a_remark_ending_with_an_op_cit_repeats_that_authors_work() -> None:
    document = build(
        "Franck Cochoy, De la curiosité: L'art de la séduction marchande, Armand Colin, 2011.",
        "Yves Jeanneret, Penser la trivialité, Paris, Hermès/Lavoisier, 2008.",
        "La différenciation consiste à « décaler les caractéristiques d’un produit » . Voir,"
        " F. Cochoy, op. cit., 2011 p. 56.",
        "The committee never met again, as the minutes show. See Jeanneret, op. cit., p. 12.",
        # A note that opens with a citation of its own stays that citation.
        "Bruno Latour, Reassembling the Social, Oxford, OUP, 2005. Cochoy, op. cit., p. 3.",
        "A remark that names nobody and ends. See op. cit., p. 3.",
    )
    assert kinds(document)[2:5] == [
        ("3", "short", "1", "1"),
        ("4", "short", "2", "2"),
        ("5", "full", None, None),
    ]
    assert kinds(document)[5][3] is None  # no author named: nothing to resolve through


def test_a_french_book_note_ending_with_place_publisher_and_year_is_full() -> None:
    # Its italic title held a full stop ("Penser la trivialité. Volume 1, …"): with the markup
    # gone the title reads as a second "author", yet the imprint says it is a book.
    document = build(
        "Yves Jeanneret, Penser la trivialité. Volume 1, la vie triviale des êtres culturels,"
        " Paris, Hermès/Lavoisier, 2008.",
        "Marie Dupont, Une histoire. Tome 2, les années, Aix-en-Provence, Presses"
        " universitaires de Provence, 2015.",
        "Ce point reste discuté. Nous en reparlerons, plus loin, 2008.",
        "Aminata Touré, interview by the author, Bamako, November 3, 2022.",  # a date
    )
    assert [k[1] for k in kinds(document)] == ["full", "full", "comment", "comment"]


def test_a_note_saying_when_its_source_was_consulted_is_full() -> None:
    document = build(
        "François Theurel aussi connu sous le pseudonyme Le Fossoyeur de films, entretien dans"
        " Sur YouTube, des vulgarisateurs face caméra, France Culture, 2016 [consulté le"
        " 19/11/2021 à 14h27]",
        "Entrevista con la autora, Radio Nacional, 2019, consultado el 3 de mayo de 2020.",
        "Interview with the author, March 2022.",  # dated, but nothing was consulted
        "Page consulted on 3 May 2020.",  # no year of its own before the access date
    )
    assert [k[1] for k in kinds(document)] == ["full", "full", "comment", "comment"]


def test_a_periodical_with_its_volume_and_issue_is_full_without_a_year() -> None:
    document = build(
        "مجلة القافلة، العدد 5، المجلد 59.",  # the magazine al-Qafila, issue 5, volume 59
        "Nature, vol. 5, no. 3.",
        "Vol. 2, No. 3.",  # no periodical named
        "see Table 2, vol. 3, no. 4",  # a pointer, not a periodical
    )
    assert [k[1] for k in kinds(document)] == ["full", "full", "comment", "comment"]
def test_a_book_cited_in_full_inside_a_remark_is_a_full_note() -> None:
    # A citation spliced into prose: an author, a title and the book's imprint, set off by
    # commas after a sentence of the author's own.
    text = (
        "A claim.[^1] Another.[^2]\n\n"
        "[^1]: The argument is old, it was made long ago., Frank Moore Cross, Canaanite Myth "
        "and Hebrew Epic (Cambridge, Mass.: Harvard University Press, 1973). It still holds.\n"
        "[^2]: The argument is old (Cambridge: nobody, 1973).\n"
    )
    notes = parse_document(text, "a.md").notes
    assert [n.kind for n in notes] == [NoteKind.FULL, NoteKind.COMMENT]


def test_a_book_whose_author_closes_a_remarks_clause_is_a_full_note() -> None:
    # The remark's own words lead to the author: "… the findings of Stephanie McCurry, Title
    # (Place: Publisher, Year)". A remark naming no one before an imprint stays a comment.
    text = (
        "A claim.[^1] Another.[^2]\n\n"
        "[^1]: The letter offers more evidence of this, a point that is consonant with the "
        "findings of Stephanie McCurry, *Confederate Reckoning: Power and Politics* (Cambridge, "
        "Mass.: Harvard University Press, 2010), chap. 6.\n"
        "[^2]: The letter offers more evidence of this, a point made often, in the press of "
        "the day (Cambridge, Mass.: no press, 2010).\n"
    )
    notes = parse_document(text, "a.md").notes
    assert [n.kind for n in notes] == [NoteKind.FULL, NoteKind.COMMENT]


@pytest.mark.parametrize("text", [
    "Interpretive comments were included so that readers “might be apprised of the intent.” "
    "Compact, Comment on Preamble, 1 App. 9.",
    "The parties have stipulated that the board will not act. Brief for Petitioner 16.",
    "An acre-foot is the volume of one acre filled a foot deep. Webster’s Third New "
    "International Dictionary 19 (1966).",
    "See also Amended Costilla Creek Compact, Art. III(2), 77 Stat. 353 (“Each State grants "
    "the rights”).",
    "Jurisdiction lies under 28 U.S.C. §1331, as the court held.",
])  # fmt: skip
def test_a_legal_citation_inside_a_remark_makes_the_note_full(text: str) -> None:
    notes = parse_document(f"A claim.[^1]\n\n[^1]: {text}\n", "a.md").notes
    assert notes[0].kind is NoteKind.FULL


def test_numbers_and_words_that_are_no_legal_citation_leave_a_remark_a_comment() -> None:
    text = "A claim.[^1]\n\n[^1]: We met on page 10 Fig. 3 of the draft, as Brief as it was.\n"
    assert parse_document(text, "a.md").notes[0].kind is NoteKind.COMMENT


def test_a_note_of_only_the_authors_repeats_the_work_the_note_before_cites() -> None:
    # CSL note styles print the authors alone where others print "Ibid.".
    text = (
        "One.[^1] Two.[^2] Three.[^3] Four.[^4] Five.[^5]\n\n"
        "[^1]: Jamie Santa Cruz, “Rethinking Prison Deterrence,” Knowable Magazine, July 2022.\n"
        "[^2]: Santa Cruz.\n"
        "[^3]: Robert Apel, Daniel Nagin, and Raymond Paternoster, “Prison Sentences and "
        "Recidivism,” Criminology 49, no. 1 (2011): 57–82.\n"
        "[^4]: Apel, Nagin, and Paternoster.\n"
        "[^5]: Santa Cruz.\n"  # not the work the note before cites: nothing to repeat here
    )
    notes = parse_document(text, "a.md").notes
    assert [(n.kind, n.resolves_to) for n in notes[1:4]] == [
        (NoteKind.SHORT, "1"), (NoteKind.FULL, None), (NoteKind.SHORT, "3")]
    assert notes[4].resolves_to != "3"


def test_an_author_s_affiliation_in_a_note_is_a_comment_not_a_short_form() -> None:
    text = ("A title.[^1] A claim.[^2]\n\n"
            "[^1]: Trinity Western University, GAME 471 Video Game Aesthetics, Inst. Eric Stein\n"
            "[^2]: Smith, Big Book.\n")
    notes = parse_document(text, "a.md").notes
    assert [n.kind for n in notes] == [NoteKind.COMMENT, NoteKind.SHORT]


def test_supra_note_naming_an_authors_biography_resolves_by_the_names_it_gives() -> None:
    # "supra note 1" copied from another printing, where note 1 here is the author's biography:
    # the names (one misspelt) tell the work; a supra note naming a citation still wins.
    document = build(
        "Author is an Assistant Professor at Example University, Dehradun, India.",
        "Iria Giuffrida, Fredric Lederer and Nicolas Vermeys, 'A Legal Perspective On The "
        "Trials Of AI' (2018) 68 Case Western Reserve Law Review 747.",
        "Tom Krazit, 'Senator Prepping Bill Calling For AI Committee' (GeekWire, 2021).",
        "Giuffrida, Lederer & Vermerys, supra note 1, at 756.",
        "Krazit, supra note 3, at 3.",
    )
    assert kinds(document)[3:] == [("4", "short", "2", "2"), ("5", "short", "3", "3")]


def test_a_remark_naming_a_listed_sources_whole_title_points_to_it() -> None:
    # "… reported by the 2015 PSA Census of Population." and the list's entry of that title:
    # the remark points to it (the author's initials may stand among the title's words), and
    # Ibid. after it means the same source. A remark that does not give the title's words in
    # a row stays a comment.
    notes = [
        RawNote("1", 1, "Per the most recent data dated 2010, reported by the 2015 PSA Census "
                "of Population."),
        RawNote("2", 2, "Ibid."),
        RawNote("3", 3, "The census of population was late, as reported by the 2015 PSA."),
        RawNote("ref-1", 10, "Philippine Statistics Authority. (2015). 2015 Census of "
                "Population. Quezon City: PSA.", listed=True),
    ]  # fmt: skip
    markers = [RawMarker(str(i), 1, "claim") for i in range(1, 4)]
    document = build_document("doc", "text", notes, markers)
    assert kinds(document) == [
        ("1", "short", "ref-1", "ref-1"),
        ("2", "ibid", "1", "ref-1"),
        ("3", "comment", None, None),
        ("ref-1", "full", None, None),
    ]


def test_a_quotation_followed_by_ibid_is_an_ibid_of_the_note_before() -> None:
    # A quoted passage whose source is given after it as "Ibid., p. N" or "Id. at N": the
    # quotation is the note's content, the Ibid. its source.
    document = build(
        "Karen Hao, Empire of AI (Allen Lane, 2025), p. 115.",
        '"Yann LeCun... had a particular distaste for OpenAI and what he viewed as its'
        ' bludgeon approach to pure scaling." Ibid., p. 159.',
        "“The agency must consider all relevant factors.” Id. at 43.",
        "The court rejected that reading of the statute. See ibid., 160–61.",
        # A note that opens with a citation of its own stays that citation.
        "Jane Smith, Another Book (OUP, 2019), p. 4. Ibid., p. 5.",
        # An "Id." or "Ibid." that is no closing source sentence is not an Ibid.
        "Freud wrote of the ego. Id. was his word for the rest of the mind.",
        "“He called it the Id.”",
    )
    assert kinds(document)[:5] == [
        ("1", "full", None, None),
        ("2", "ibid", "1", "1"),
        ("3", "ibid", "2", "1"),
        ("4", "ibid", "3", "1"),
        ("5", "full", None, None),
    ]
    assert [kind for _, kind, _, _ in kinds(document)[5:]] == ["comment", "short"]
    # The note keeps its own words: only its kind is read from the closing Ibid.
    assert document.notes[1].text.startswith('"Yann LeCun')


def test_a_translated_passage_cut_at_commas_closing_with_ibid_is_an_ibid() -> None:
    # A translation then its original, then "Ibid., 216.": the prose's commas make no authors.
    document = build(
        "Thomas DaCosta Kaufmann, The Mastery of Nature (Princeton, 1993), 215.",
        "On the opposite side Austria is pictured in the guise of a graceful and elegant girl,"
        " dressed in red and white, and which is set up to bow to his Majesty. \"Ex altero"
        ' latere picta est Austria, forma puella venustae ac lepidae." Ibid., 216.',
        # A named author before the closing Ibid. still keeps the note its own.
        'Smith, Jones, "A Title." Ibid., 5.',
    )
    assert kinds(document)[:2] == [("1", "full", None, None), ("2", "ibid", "1", "1")]
    assert kinds(document)[2][1] != "ibid"


def test_a_note_spelling_out_an_abbreviation_of_its_sentence_is_a_gloss_not_a_short_title() -> None:
    # "RSA ECC¹" with "¹ Elliptic curve cryptography": the abbreviation written out, though a
    # listed work's subtitle holds the same words. The same words cited from a sentence without
    # that abbreviation still name the work.
    notes = [
        RawNote("1", 1, "Elliptic curve cryptography"),
        RawNote("2", 2, "Elliptic Curve Digital Signature Algorithm."),
        RawNote("3", 3, "Elliptic Curve Cryptography."),
        RawNote("ref-1", 10, "Certicom Research. Standards for Efficient Cryptography; SEC 1: "
                "Elliptic Curve Cryptography. 2009. https://www.secg.org/sec1-v2.pdf",
                listed=True),
    ]
    markers = [RawMarker("1", 1, "Schlüssellänge: RSA ECC zB."),
               RawMarker("2", 2, "Signieren mit elliptischen Kurven (ECDSA)."),
               RawMarker("3", 3, "The curves are standardised.")]
    document = build_document("doc", "text", notes, markers)
    assert kinds(document) == [
        ("1", "comment", None, None),
        ("2", "comment", None, None),
        ("3", "short", "ref-1", "ref-1"),
        ("ref-1", "full", None, None),
    ]


def test_a_title_a_periodical_and_its_page_range_is_a_full_citation() -> None:
    document = build(
        "Silver Bullet Talks with Jane Roe; IEEE Software Nov/Dec 2011 pp. 19-23.",
        "ibid.",
        "Roe says much the same; see her remarks of 2011 pp. 19-23.",
    )
    assert kinds(document) == [
        ("1", "full", None, None),
        ("2", "ibid", "1", "1"),
        ("3", "comment", None, None),
    ]


def test_a_repeat_by_author_and_title_with_the_same_link_is_a_short_form() -> None:
    link = "https://example.org/2016/leadership-innovation/"
    full = "Ann Roe and Bo Lee, “Leadership and Innovation at the Agency”, Blog, May 2, 2016."
    full = f"{full} {link}"
    document = build(
        full,
        f"Ann Roe and Bo Lee, “Leadership and Innovation at the Agency”. {link}",
        "Ann Roe and Bo Lee, “Leadership and Innovation at the Agency”. https://example.org/other",
    )
    assert kinds(document) == [
        ("1", "full", None, None),
        ("2", "short", "1", "1"),
        ("3", "full", None, None),  # another address: another printing, cited in its own right
    ]
    assert document.notes[1].urls == (link,)


def test_an_edited_book_set_off_by_commas_is_a_full_citation() -> None:
    document = build("Ann Roe and Bo Lee, eds., Geoblocking and Global Video Culture, 2015.")
    assert kinds(document) == [("1", "full", None, None)]


def test_a_short_form_of_the_work_a_later_sentence_of_a_note_cites() -> None:
    document = build(
        "See D. Roe and S. Lee, “Collective Dynamics,” Nature 393 (1998): 440–442; and M. Poe, "
        "Networks: An Introduction (Oxford: Oxford University Press, 2010). For a general "
        "overview, see Albert Moe, Linked: The New Science of Networks (Cambridge, MA: Perseus, "
        "2002).",
        "Moe, Linked, 56.",
    )
    assert kinds(document) == [("1", "full", None, None), ("2", "short", "1", "1")]


def test_a_manuscript_cited_by_shelfmark_and_leaf_is_a_full_citation() -> None:
    document = build(
        "ECL MS 260, fol. 64v.",
        "BL MS Additional 19400, fol. 33v- 34r.",
        "ECL MS 260 fols. 87r-v.",
        "The MS was lost in 1940, its folios scattered.",
    )
    assert kinds(document) == [
        ("1", "full", None, None),
        ("2", "full", None, None),
        ("3", "full", None, None),
        ("4", "comment", None, None),
    ]


def test_a_title_that_gives_its_acronym_is_cited_by_it_later() -> None:
    document = build(
        "John Roe, The Unabridged Acts Online or TAMO (1563 edition) (Sheffield, 2011), 1534-5.",
        "TAMO (1563), 1335-6.",
        "TAMO (1563), 1781. See also Ann Poe, The Marian Exiles (Cambridge: Cambridge University "
        "Press, 1938), 121-2.",
        "See Poe, The Marian Exiles, 127.",
        "Emmanuel College Library (hereafter ECL) MS 260, fol. 28r, has the letter.",
        "ECL MS 260, fol. 64v.",
    )
    assert kinds(document)[:4] == [
        ("1", "full", None, None),
        ("2", "short", "1", "1"),
        ("3", "short", "1", "1"),
        ("4", "short", "3", "3"),  # the work note 3 cites in full after its short form
    ]
    assert kinds(document)[5] == ("6", "full", None, None)  # a manuscript, not a short form


def test_a_name_a_title_and_its_imprint_is_a_full_citation() -> None:
    document = build(
        "Thomas Roe, A letter of syr Tho. Roe knyght impugnynge the wrytyng of Iohn Fryth "
        "(London: William Rastell, 1533), sig. A.3v.",
        "On Porrege, see Michael T. Pearse, Between Known Men and Visible Saints (Madison: "
        "Fairleigh Dickinson University Press; London: Associated University Presses, 1994), 48.",
    )
    assert kinds(document) == [("1", "full", None, None), ("2", "full", None, None)]


def test_a_note_opening_with_a_short_form_is_short_though_it_cites_more() -> None:
    document = build(
        "Ann Roe, Macroanalysis: Digital Methods (Urbana: University of Illinois Press, 2013).",
        "Roe, Macroanalysis, 23; and Bo Lee, https://example.org/scalable/.",
        "Roe, Macroanalysis, 129-56; Poe, 61-3; and Andrew D. Penny, Freewill or Predestination "
        "(Woodbridge: Boydell and Brewer, 1990), 103-24.",
        "Penny, Freewill or Predestination, 4.",
    )
    assert kinds(document) == [
        ("1", "full", None, None),
        ("2", "short", "1", "1"),
        ("3", "short", "1", "1"),
        ("4", "short", "3", "3"),  # the work note 3 cites in full after its short form
    ]
    assert document.notes[1].urls == ("https://example.org/scalable/",)


def test_a_sentence_dated_at_its_opening_is_no_author_year_citation() -> None:
    document = build(
        "In 1987, I wanted to teach myself about AI programming. So I asked the teacher at Nova "
        "University what the best language would be; he said “prolog or Lisp?”",
        "Ann Roe. 1987. Teaching Lisp. Nova University Press.",
    )
    assert kinds(document) == [("1", "comment", None, None), ("2", "full", None, None)]


def test_an_author_year_short_form_two_listed_works_fit_is_reported_not_guessed() -> None:
    notes = [
        RawNote("1", 1, "Smith 2000, p. 3."),
        RawNote("2", 2, "Vgl. Smith, J. (2000), S. 4."),
        RawNote("3", 3, "Jones 1999, 4."),
        RawNote("4", 4, "Lee 2010, 7."),
        RawNote("ref-1", 10, "Jones, K. (1999). A single work. Oxford: Clarendon.", listed=True),
        RawNote("ref-2", 11, "Smith, J. (2000). Traffic flow models. Berlin: Springer.",
                listed=True),
        RawNote("ref-3", 12, "Smith, J. (2000). Cellular automata for traffic. Physica A, 12, "
                "1-20.", listed=True),
        # One work, cited in a full note and listed again: no rival to itself.
        RawNote("ref-4", 13, "Lee, A. (2010). Queues. Oxford: Clarendon.", listed=True),
        RawNote("ref-5", 14, "Lee, A. (2010). Queues. Oxford: Clarendon Press.", listed=True),
    ]  # fmt: skip
    markers = [RawMarker(str(i), 1, "claim") for i in range(1, 5)]
    document = build_document("doc", "text", notes, markers)
    assert kinds(document)[:4] == [
        ("1", "short", None, None),
        ("2", "short", None, None),
        ("3", "short", "ref-1", "ref-1"),
        ("4", "short", "ref-4", "ref-4"),
    ]
    ambiguous = [d for d in document.diagnostics if d.code.value == "ambiguous-short"]
    assert [(d.label, d.message) for d in ambiguous] == [
        ("1", "note [1] names an author and a year that fit several works: [ref-2], [ref-3]"),
        ("2", "note [2] names an author and a year that fit several works: [ref-2], [ref-3]"),
    ]
    assert not [d for d in document.diagnostics if d.code.value == "unresolved-short"]
    # A title tells them apart: "Smith, Cellular automata, 3" is no longer ambiguous.
    told = build_document("doc", "text", [
        RawNote("1", 1, "Smith, Cellular Automata, 3."), *notes[4:7]], [RawMarker("1", 1, "c")])
    assert kinds(told)[0] == ("1", "short", "ref-3", "ref-3")
    assert not [d for d in told.diagnostics if d.code.value == "ambiguous-short"]


def test_a_remark_closing_with_a_short_form_after_see_or_a_semicolon_repeats_that_work() -> None:
    # "…, see Koeppe, Art of the Royal Court, 55–70." and "…; Chapuis and Droz, Automata,
    # chap. 7.": a remark handing over to a listed work's short form is that short form. A
    # remark whose tail names no listed work stays a comment.
    notes = [
        RawNote("1", 1, "On the significance of pietre dure, see Koeppe, Art of the Royal "
                "Court, 55–70."),
        RawNote("2", 2, "Extant pictures in Paris are likely descendants of these objects; "
                "Chapuis and Droz, Automata, chap. 7."),
        RawNote("3", 3, "The pictures were lost in the fire; see Appendix B, Table 4."),
        RawNote("ref-1", 10, "Chapuis, Alfred, and Edmond Droz. Automata: A Historical and "
                "Technological Study. Neuchâtel: Éditions du Griffon, 1958.", listed=True),
        RawNote("ref-2", 11, "Koeppe, Wolfram. Art of the Royal Court: Treasures in Pietre "
                "Dure from the Palaces of Europe. New York: Metropolitan Museum of Art, 2008.",
                listed=True),
    ]  # fmt: skip
    markers = [RawMarker(str(i), 1, "claim") for i in range(1, 4)]
    document = build_document("doc", "text", notes, markers)
    assert kinds(document)[:3] == [
        ("1", "short", "ref-2", "ref-2"),
        ("2", "short", "ref-1", "ref-1"),
        ("3", "comment", None, None),
    ]
