"""Citation fields read from notes in Chicago, MLA, APA, Harvard and loose styles."""

from __future__ import annotations

import pytest

from citecheck.models import Citation
from citecheck.parse.citation import parse_citation, split_authors, surname


@pytest.mark.parametrize(("style", "text", "title"), [
    ("authors, year, title",
     "Ferguson, James. 1990. The Anti-Politics Machine. Cambridge University Press.",
     "The Anti-Politics Machine"),
    ("quoted title", "Smith, John. “Rivers of Mali.” Journal of Water 4 (2019): 1–9.",
     "Rivers of Mali"),
    ("inverted author block",
     "Scott, James C. Seeing Like a State. New Haven: Yale University Press, 1998.",
     "Seeing Like a State"),
    ("initials first",
     "A. J. Mashtizadeh, A. Bittau, and D. Mazieres. Replication, history, and grafting in the "
     "ori file system. In Proceedings of SOSP, 2013.",
     "Replication, history, and grafting in the ori file system"),
    ("Vancouver", "Parlet B. N. The symmetric eigenvalue problem. SIAM, Philadelphia, 1998.",
     "The symmetric eigenvalue problem"),
    ("surnames, initials: title", "Francis, J., Fuegi, J.: Lovelace and Babbage. Annals 25(4), "
     "16–26 (2003)", "Lovelace and Babbage"),
])
def test_each_citation_style_is_read_by_its_rule_first(style: str, text: str, title: str) -> None:
    from citecheck.parse.citation import _STYLES

    first = next(name for name, read in _STYLES if read(text, None, None) is not None)
    assert first == style
    assert parse_citation(text).title == title


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fornof, Emily and Emily Cole. “Five Things to Know about Mali’s Coup,” United States "
            "Institute of Peace, August 27, 2020. https://www.usip.org/publications/2020/08/x",
            Citation(("Fornof, Emily", "Emily Cole"), "Five Things to Know about Mali’s Coup",
                     "United States Institute of Peace", "August 27, 2020"),
        ),
        (
            "U.N. “Ban hails Mali peace agreement as important step towards stability”, UN News, "
            "May 15, 2015. https://news.un.org/en/story/2015/05/498902#.VYXO2flVhBd",
            Citation(("U.N.",), "Ban hails Mali peace agreement as important step towards "
                     "stability", "UN News", "May 15, 2015"),
        ),
        (
            "Stepansky, Joseph. “What does the coup mean for Mali’s spiraling security crisis?” "
            "Al Jazeera, August 31, 2020. https://www.aljazeera.com/news/x",
            Citation(("Stepansky, Joseph",), "What does the coup mean for Mali’s spiraling "
                     "security crisis?", "Al Jazeera", "August 31, 2020"),
        ),
        (
            "U.N. “History of MINUSMA”. MINUSMA Mission History. Accessed November 17, 2020. "
            "https://minusma.unmissions.org/en/history",
            Citation(("U.N.",), "History of MINUSMA", "MINUSMA Mission History",
                     accessed="November 17, 2020"),
        ),
        (
            "Cooke, Jennifer G, J. Caleb Johnson, and Thomas M Sanderson. “Militancy and the Arc "
            "of Instability.” Center for Strategic and International Studies, September 27, 2016.",
            Citation(("Cooke, Jennifer G", "J. Caleb Johnson", "Thomas M Sanderson"),
                     "Militancy and the Arc of Instability",
                     "Center for Strategic and International Studies", "September 27, 2016"),
        ),
        (
            "“Fatalities,” United Nations Peacekeeping, accessed November 17, 2020. "
            "https://peacekeeping.un.org/en/fatalities",
            Citation((), "Fatalities", "United Nations Peacekeeping",
                     accessed="November 17, 2020"),
        ),
        (
            "Le Roux, Pauline. “Responding to the Rise in Violent Extremism in the Sahel.” Africa "
            "Security Briefs, no. 36 (December 1, 2019): 1–8.",
            Citation(("Le Roux, Pauline",), "Responding to the Rise in Violent Extremism in the "
                     "Sahel", "Africa Security Briefs", "December 1, 2019"),
        ),
        (
            "Security Council, “Weeks after Coup d’État in Mali,” United Nations. "
            "https://www.un.org/press/en/2020/sc14320.doc.htm",
            Citation(("Security Council",), "Weeks after Coup d’État in Mali", "United Nations"),
        ),
        (
            'Jane Doe, "Water Rights in the Sahel," Journal of Arid Lands 12, no. 3 (2018): 4-19, '
            "doi:10.1000/jal.2018.12",
            Citation(("Jane Doe",), "Water Rights in the Sahel", "Journal of Arid Lands 12",
                     "2018", doi="10.1000/jal.2018.12"),
        ),
        (
            "Jones, Mary. ‘Mali’s coup and the Sahel’, The Guardian, 3 May 2021 [Accessed 4 May "
            "2021].",
            Citation(("Jones, Mary",), "Mali’s coup and the Sahel", "The Guardian", "3 May 2021",
                     "4 May 2021"),
        ),
        # author-year
        (
            "Turing, A. M. 1936. On computable numbers, with an application to the "
            "Entscheidungsproblem. Proceedings of the London Mathematical Society 42: 230–265.",
            Citation(("Turing, A. M.",), "On computable numbers, with an application to the "
                     "Entscheidungsproblem", "Proceedings of the London Mathematical Society 42: "
                     "230–265", "1936"),
        ),
        (
            "Smith, J., Jones, K. L., & Lee, M. (2019). A study of things. Journal of Stuff, "
            "3(2), 1-10. https://doi.org/10.1000/abc",
            Citation(("Smith, J.", "Jones, K. L.", "Lee, M."), "A study of things",
                     "Journal of Stuff", "2019", doi="10.1000/abc"),
        ),
        ("Turing 1936, p. 230.", Citation(("Turing",), date="1936")),
        # a locator spelt out is no title either
        ("Armstrong 2007, page 3.", Citation(("Armstrong",), date="2007")),
        ("Smith and Jones (2010), chapters 2-4.", Citation(("Smith", "Jones"), date="2010")),
        # loose comma styles and short forms
        (
            "John Smith, The Book Title (New York: Penguin, 2010), 23.",
            Citation(("John Smith",), "The Book Title", "Penguin", "2010"),
        ),
        ("Smith, Short Title, 45.", Citation(("Smith",), "Short Title")),
        (
            "Aboul-Nasr, “MINUSMA, Malian Government Struggle with Growing Support for Armed "
            "Groups.”",
            Citation(("Aboul-Nasr",), "MINUSMA, Malian Government Struggle with Growing Support "
                     "for Armed Groups"),
        ),
        (
            "Bah N’Daou is technically a civilian today, but he is a retired military officer. "
            "Maclean, “Mali Appoints New President After Military Coup.”",
            Citation(("Maclean",), "Mali Appoints New President After Military Coup"),
        ),
        ("Ibid.", Citation()),
        ("", Citation()),
        # A year in the title is not the date; the publisher's parentheses give it.
        (
            "Frederick Cooper, Africa since 1940: The Past of the Present (Cambridge: Cambridge "
            "University Press, 2002), 38.",
            Citation(("Frederick Cooper",), "Africa since 1940: The Past of the Present",
                     "Cambridge University Press", "2002"),
        ),
        ("Cooper, Africa since 1940, 87.", Citation(("Cooper",), "Africa since 1940")),
        # A name and a title followed by a sentence: not an inverted "Surname, Given." block.
        (
            "Christine Kinealy, This Great Calamity: The Irish Famine 1845–52 (Dublin: Gill & "
            "Macmillan, 1994), 297. See https://www.cso.ie/en/.",
            Citation(("Christine Kinealy",), "This Great Calamity: The Irish Famine 1845–52",
                     "Gill & Macmillan", "1994"),
        ),
        # Nature style: "Surname, I. et al. Title. Journal vol, pages (year)."; a page range
        # is not a year.
        (
            "Nerem, R. S. et al. Climate-change–driven accelerated sea-level rise detected in "
            "the altimeter era. Proc. Natl Acad. Sci. USA 115, 2022–2025 (2018).",
            Citation(("Nerem, R. S.",), "Climate-change–driven accelerated sea-level rise "
                     "detected in the altimeter era", "Proc", "2018"),
        ),
        # Wikipedia's CS1: a full date in parentheses after the author.
        (
            'Mustain, Andrea (22 December 2011). "Weird wildlife: The real land animals of '
            'Antarctica". Live Science. Retrieved 6 March 2015.',
            Citation(("Mustain, Andrea",), "Weird wildlife: The real land animals of Antarctica",
                     "Live Science", "2011", "6 March 2015"),
        ),
    ],
)  # fmt: skip
def test_parse_citation(text: str, expected: Citation) -> None:
    assert parse_citation(text) == expected


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        ("Fornof, Emily and Emily Cole", ("Fornof, Emily", "Emily Cole")),
        ("Fornof and Cole", ("Fornof", "Cole")),
        ("Smith, John, and Jane Doe", ("Smith, John", "Jane Doe")),
        ("Tim Lister", ("Tim Lister",)),
        ("Tim Lister, John Doe, and Jane Roe", ("Tim Lister", "John Doe", "Jane Roe")),
        ("Smith, J., Jones, K. L., & Lee, M.", ("Smith, J.", "Jones, K. L.", "Lee, M.")),
        ("Smith, John, et al.", ("Smith, John",)),
        ("Doe, Jane, ed.", ("Doe, Jane",)),
        ("Security Council", ("Security Council",)),
        ("U.N.", ("U.N.",)),
        ("", ()),
    ],
)
def test_split_authors(text: str, authors: tuple[str, ...]) -> None:
    assert split_authors(text) == authors


@pytest.mark.parametrize(
    ("author", "name"),
    [
        ("Fornof, Emily", "Fornof"),
        ("Emily Cole", "Cole"),
        ("Le Roux, Pauline", "Le Roux"),
        ("Turing A. M.", "Turing"),
        ("U.N.", "U.N."),
    ],
)
def test_surname(author: str, name: str) -> None:
    assert surname(author) == name


def test_a_quoted_title_glued_to_the_comma_before_it_still_follows_its_authors() -> None:
    # (closed by a straight quote, as word processors mix them)
    glued = parse_citation('Ana Ruiz and Li Wen,“Tidal Power at Scale," Energy Review, 2011.')
    spaced = parse_citation('Ana Ruiz and Li Wen, “Tidal Power at Scale," Energy Review, 2011.')
    assert glued == spaced
    assert glued.authors == ("Ana Ruiz", "Li Wen") and glued.date == "2011"


def test_a_cue_with_for_example_and_a_year_before_an_unquoted_title() -> None:
    citation = parse_citation("See, for example: Ohno, T., 1988 Toyota Production System.")
    assert citation.authors == ("Ohno, T.",)
    assert citation.title == "Toyota Production System"
    assert citation.date == "1988"


def test_initials_first_author_lists_of_acm_and_ieee_references() -> None:
    citation = parse_citation(
        "A. J. Mashtizadeh, A. Bittau, Y. F. Huang, and D. Mazieres. Replication, history, and "
        "grafting in the ori file system. In Proceedings of the Twenty-Fourth ACM Symposium on "
        "Operating Systems Principles, pages 151–166. ACM, 2013.")
    assert citation.authors == ("A. J. Mashtizadeh", "A. Bittau", "Y. F. Huang", "D. Mazieres")
    assert citation.title == "Replication, history, and grafting in the ori file system"
    assert citation.date == "2013"

@pytest.mark.parametrize(
    ("text", "authors", "title", "date"),
    [
        # Vancouver style: surname, then initials, then the title.
        ("Parlet B. N. The symmetric eigenvalue problem, SIAM, Classics,1998",
         ("Parlet B. N.",), "The symmetric eigenvalue problem, SIAM, Classics,1998", "1998"),
        # After initials a year needs no full stop.
        ("Thorndike E.L. 1921 The teacher's word book. New York: Teachers College.",
         ("Thorndike E.L.",), "The teacher's word book", "1921"),
        # A quote never closed opens no quoted title.
        ('Washburne, C. and M. Vogel. 1928. "An objective method of grading. School journal 28.',
         ("Washburne, C.", "M. Vogel"), "An objective method of grading", "1928"),
        # Several authors, then a title that holds a year.
        ("Harrison, Johnson, and Roberts, Space Threat Assessment 2019, 4.",
         ("Harrison, Johnson", "Roberts"), "Space Threat Assessment 2019", None),
        # The work a remark leads to with "See" is the note's citation.
        ('This is a description of the "actor-network." See Bruno Latour, Reassembling the '
         "Social (Oxford: Oxford University Press, 2005).",
         ("Bruno Latour",), "Reassembling the Social", "2005"),
        # A name or title given again in its own script is not another field.
        ("Xiao Tianliang [肖天亮] (ed.), The Science of Military Strategy [战略学], NDU, 2015.",
         ("Xiao Tianliang",), "The Science of Military Strategy", "2015"),
        # A pin cite where the title would be; a work named before its URL is its title.
        ("OMB Circular A-130, section 8(a)(2).", ("OMB Circular A-130",), None, None),
    ],
)  # fmt: skip
def test_citations_of_less_common_shapes(
    text: str, authors: tuple[str, ...], title: str | None, date: str | None
) -> None:
    citation = parse_citation(text)
    assert (citation.authors, citation.title, citation.date) == (authors, title, date)


def test_prose_after_a_quoted_phrase_is_no_publisher() -> None:
    citation = parse_citation("“Serious bodily injury” as defined by California’s law means harm.")
    assert citation.container is None


def test_names_after_a_writers_lead_in_and_a_site_as_publisher() -> None:
    citation = parse_citation(
        "Classification according to: Jesús Gonzalo and Deibi López, “On the capabilities of "
        "pseudo-satellites.” Progress in Aerospace Sciences, 98 (2018): 37-56."
    )
    assert citation.authors == ("Jesús Gonzalo", "Deibi López")
    citation = parse_citation(
        '"President Delivers Address". georgewbush-whitehouse.archives.gov. Retrieved 2019.'
    )
    assert citation.container == "georgewbush-whitehouse.archives.gov"


def test_a_quote_opened_before_a_title_and_never_closed_is_not_part_of_it() -> None:
    # A truncated note: the quote opens, the note ends before it closes.
    citation = parse_citation('Kenji Hall, "The PlayStation 2 Still Rocks.')
    assert citation.authors == ("Kenji Hall",)
    assert citation.title == "The PlayStation 2 Still Rocks"


def test_springer_lncs_names_a_colon_and_the_title() -> None:
    assert parse_citation("Bromley, A.G.: Charles Babbage’s Analytical Engine.") == Citation(
        ("Bromley, A.G.",), "Charles Babbage’s Analytical Engine"
    )
    assert parse_citation("Smith, J., Jones, K.: Deep nets. Nature 521(7553), 436–444 (2015)") == (
        Citation(("Smith, J.", "Jones, K."), "Deep nets", "Nature 521", "2015")
    )


def test_a_single_quoted_title_keeps_the_double_quoted_phrases_it_holds() -> None:
    # British style nests “…” inside ‘…’: the outer quotes hold the title.
    citation = parse_citation(
        "See: Tobias Matzner, ‘Why privacy is not enough privacy in the context of “ubiquitous"
        " computing” and “big data”’, Journal of Information, Communication and Ethics in"
        " Society 12.2 (2014): 93–106."
    )
    assert citation.authors == ("Tobias Matzner",)
    assert citation.title == (
        "Why privacy is not enough privacy in the context of “ubiquitous computing” and “big data”"
    )
    # A “…” title after a ‘…’ phrase that closes before it stays the title.
    assert parse_citation("Smith, ‘Notes’ and “The Real Title,” Journal 3 (2019).").title == (
        "The Real Title"
    )


def test_a_sentence_after_a_quotation_is_no_container() -> None:
    text = ('In 1985 Don Hopkins mailed me a letter: "Copyleft--all rights reversed." I used '
            'the word "copyleft" to name the concept.')
    assert parse_citation(text).container is None


def test_an_editorial_remark_before_a_citation_is_not_the_citation() -> None:
    found = parse_citation(
        "Emphasis in original. Ann Roe, Software Takes Command: A Study (London: Bloomsbury, "
        "2013), 15."
    )
    assert (found.authors, found.title, found.date) == (
        ("Ann Roe",), "Software Takes Command: A Study", "2013"
    )
    assert parse_citation("My translation. Ann Roe, Of Frames (Paris: Seuil, 2001), 4.").title == (
        "Of Frames"
    )


def test_editors_set_off_by_commas_are_not_the_title() -> None:
    # (Without its italics the title cannot be told from more names; the role is no title.)
    found = parse_citation("Ann Roe and Bo Lee, eds., Geoblocking and Global Video Culture, 2015.")
    assert found.title != "eds"
    assert found.authors[:2] == ("Ann Roe", "Bo Lee")
    assert found.date == "2015"


@pytest.mark.parametrize(
    ("text", "title", "date"),
    [
        ("Regiomontanus: On Triangles. Translated by Barnabas Hughes. Madison: University of "
         "Wisconsin Press, 1967.", "Regiomontanus: On Triangles", "1967"),
        ("The Letters of Abelard and Heloise. Edited and translated by Betty Radice. London: "
         "Penguin, 1974.", "The Letters of Abelard and Heloise", "1974"),
    ],
)  # fmt: skip
def test_a_title_then_its_translator_or_editor_names_no_author(
    text: str, title: str, date: str
) -> None:
    citation = parse_citation(text)
    assert (citation.authors, citation.title, citation.date) == ((), title, date)


def test_an_author_then_a_title_then_a_translator_keeps_the_author() -> None:
    citation = parse_citation("Zinner, Ernst. Regiomontanus: His Life and Work. Translated by "
                              "Ezra Brown. Amsterdam: North-Holland, 1990.")
    assert citation.authors == ("Zinner, Ernst",)
    assert citation.title == "Regiomontanus: His Life and Work"


def test_a_semicolon_before_a_name_and_a_quoted_title_starts_another_citation() -> None:
    from citecheck.parse.citation import first_citation

    assert first_citation(
        "Bedini, “The Role of Automata”; Kang, “Wonders of Mathematical Magic”; Marr, “Late.”"
    ) == "Bedini, “The Role of Automata”"
    citation = parse_citation("Bedini, “The Role of Automata”; Kang, “Wonders of Magic.”")
    assert (citation.authors, citation.title, citation.container) == (
        ("Bedini",), "The Role of Automata", None)
    # Between two authors of one work, a semicolon separates no citations.
    assert first_citation("Smith, J.; Jones, K. “A Title.” Journal 4 (2001).") == (
        "Smith, J.; Jones, K. “A Title.” Journal 4 (2001).")
