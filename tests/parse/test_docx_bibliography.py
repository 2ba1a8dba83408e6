"""Word documents whose footnotes sit beside a bibliography typed in the body: both are read,
and a footnote that cites by author and year is a short form of its entry."""

from __future__ import annotations

from support.docx import docx, external, run

from citecheck.parse import parse_bytes


def _paragraph(*runs: str) -> str:
    return f"<w:p>{''.join(runs)}</w:p>"


def _footnote(number: int, text: str) -> str:
    return f'<w:footnote w:id="{number}">{_paragraph(run(text))}</w:footnote>'


def _mark(number: int) -> str:
    return f'<w:r><w:footnoteReference w:id="{number}"/></w:r>'


def test_footnotes_beside_an_author_date_reference_list_cite_its_entries() -> None:
    body = (
        _paragraph(run("Platforms reward outrage."), _mark(2))
        + _paragraph(run("References"))
        + _paragraph(run("Baker, Keith Michael. 1976. Condorcet: Selected Writings. "
                         "Bobbs-Merrill Company."))
        + _paragraph(run("boyd, danah, and Kate Crawford. 2012. “Critical Questions for Big "
                         "Data.” Information, Communication &amp; Society 15 (5): 662–79. "),
                     '<w:hyperlink r:id="d1">'
                     + run("https://doi.org/10.1080/1369118X.2012.678878") + "</w:hyperlink>",
                     run("."))
        + _paragraph(run("Wu, Tim. 2017. The Attention Merchants. London: Atlantic Books."))
    )
    footnotes = _footnote(2, "The New York Sun printed reports of life on Mars (Wu 2017, 17–18).")
    document = parse_bytes(
        docx(body, footnotes=footnotes,
             rels=external("d1", "https://doi.org/10.1080/1369118X.2012.678878")),
        "chapter.docx",
    )
    assert [(n.label, n.kind.value, n.resolves_to) for n in document.notes] == [
        ("1", "short", "ref-3"),
        ("ref-1", "full", None),
        ("ref-2", "full", None),
        ("ref-3", "full", None),
    ]
    assert document.notes[2].urls == ("https://doi.org/10.1080/1369118X.2012.678878",)


def test_a_work_cited_list_after_chicago_footnotes_is_read() -> None:
    body = (
        _paragraph(run("Audubon drew from life."), _mark(1))
        + _paragraph(run("Work Cited:"))
        + _paragraph(run("“John James Audubon.” Last modified March 9, 2017.\t"
                         "https://www.britannica.com/biography/John-James-Audubon."))
        + _paragraph(run("Doughty, Robin W. The Mockingbird. Austin: University of Texas Press, "
                         "1995."))
    )
    footnotes = _footnote(1, "Robin W. Doughty, the Mockingbird (Austin: University of Texas "
                             "Press, 1995), 14.")
    document = parse_bytes(docx(body, footnotes=footnotes), "paper.docx")
    assert [(n.label, n.kind.value) for n in document.notes] == [
        ("1", "full"), ("ref-1", "full"), ("ref-2", "full")]
    assert document.notes[1].urls == ("https://www.britannica.com/biography/John-James-Audubon",)


DOI = "https://doi.org/10.1007/s10654-016-0149-3"


def _doubled(rid: str) -> tuple[str, str]:
    """Text 'https://doi.org/' glued to a hyperlink that shows and targets the whole DOI URL."""
    return run("https://doi.org/"), f'<w:hyperlink r:id="{rid}">{run(DOI)}</w:hyperlink>'


def test_a_doi_prefix_typed_before_a_doi_hyperlink_is_not_a_second_url() -> None:
    body = (
        _paragraph(run("Tests mislead."), _mark(1), run(" See "), *_doubled("d2"), run("."))
        + _paragraph(run("References"))
        + _paragraph(run("Greenland, Sander. 2016. “Statistical Tests, p Values.” European "
                         "Journal of Epidemiology 31 (4): 337–50. "), *_doubled("d1"), run("."))
    )
    footnotes = ('<w:footnote w:id="1"><w:p>' + run("Greenland, Statistical Tests, ")
                 + "".join(_doubled("n1")) + run(".") + "</w:p></w:footnote>")
    document = parse_bytes(
        docx(body, footnotes=footnotes, rels=external("d1", DOI) + external("d2", DOI),
             note_rels=external("n1", DOI)),
        "manuscript.docx",
    )
    assert {n.label: n.urls for n in document.notes} == {
        "1": (DOI,), "link-1": (DOI,), "ref-1": (DOI,)}
    assert "https://doi.org/https://" not in document.notes[0].text


def test_a_wayback_address_typed_before_a_hyperlink_is_kept() -> None:
    # Only a bare scheme and host is a doubled prefix: an archive's path before the link is
    # the reader's own address.
    archived = "https://web.archive.org/web/2020/"
    link = f'<w:hyperlink r:id="a1">{run("https://example.org/page")}</w:hyperlink>'
    body = _paragraph(run("Archived at " + archived), link)
    document = parse_bytes(docx(body, rels=external("a1", "https://example.org/page")), "a.docx")
    assert [n.urls for n in document.notes] == [
        ("https://web.archive.org/web/2020/https://example.org/page",),
        ("https://example.org/page",),
    ]


def test_a_host_named_alone_in_the_body_is_a_body_link_with_its_scheme_added() -> None:
    body = _paragraph(run("Sites were tracked in SMARTS (smarts.waterboards.ca.gov, last accessed "
                          "31 July 2017); Amazon.com was not used."))
    document = parse_bytes(docx(body), "manuscript.docx")
    assert [(n.label, n.urls) for n in document.notes] == [
        ("link-1", ("https://smarts.waterboards.ca.gov",))]


def test_a_doi_typed_in_a_footnote_is_its_doi_not_a_url_as_in_every_reader() -> None:
    typed = ("Jukes M. HIV Prevention. JAMA. 2006;296(7):855–858. doi:10.1001/jama.296.7.855",
             "Jukes M. AIDS 22 Suppl 4. S41-56. 10.1097/01.aids.0000341776.71253.04.")
    linked = "https://doi.org/10.1093/wber/lhg013"
    body = _paragraph(run("Girls stay in school."), _mark(1), _mark(2), _mark(3))
    footnotes = (_footnote(1, typed[0]) + _footnote(2, typed[1])
                 + '<w:footnote w:id="3"><w:p>' + run("Duflo E. Pensions. WBER 17. ")
                 + f'<w:hyperlink r:id="n1">{run(linked)}</w:hyperlink></w:p></w:footnote>')
    document = parse_bytes(docx(body, footnotes=footnotes, note_rels=external("n1", linked)),
                           "paper.docx")
    assert [(n.urls, n.citation.doi) for n in document.notes] == [
        ((), "10.1001/jama.296.7.855"),
        ((), "10.1097/01.aids.0000341776.71253.04"),
        ((linked,), "10.1093/wber/lhg013"),  # a hyperlink Word made is a URL, as written
    ]
    # the same typed text in a Markdown footnote reads the same way
    markdown = parse_bytes(f"Claim.[^1]\n\n[^1]: {typed[0]}\n".encode(), "paper.md")
    assert [(n.urls, n.citation.doi) for n in markdown.notes] == [
        ((), "10.1001/jama.296.7.855")]


def test_a_selected_bibliography_after_chicago_footnotes_is_read_entry_by_entry() -> None:
    # A thesis's unlabelled "Selected Bibliography": one paragraph an entry with empty ones
    # between, "________." for the same author again, a stray field code in one entry.
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             '<w:r><w:instrText xml:space="preserve"> SEQ CHAPTER \\h \\r 1</w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    body = (
        _paragraph(run("Audiation precedes notation."), _mark(2))
        + _paragraph(run("Selected Bibliography"))
        + _paragraph(run("Azzara, Christopher. “Audiation and Improvisation,” The Quarterly "
                         "Journal of Music Teaching and Learning, 2:1-2 spring 1991, pp. 106-9."))
        + _paragraph()
        + _paragraph(run("Gordon, Edwin E. How Children Learn When They Learn Music. Iowa "
                         "City: University of Iowa, 1968."))
        + _paragraph()
        + _paragraph(run("________. The Psychology of Music Teaching. Englewood Cliffs: "
                         "Prentice-Hall, 1971."))
        + _paragraph()
        + _paragraph(field, run("Schleuter, Stanley L. A Sound Approach to Teaching "
                                "Instrumentalists. New York: Schirmer Books, 1997."))
        + _paragraph(run("Appendix A: Lesson plans"))
        + _paragraph(run("The outlines presented constitute 32 lessons."))
    )
    footnotes = _footnote(2, "Gordon, Edwin E. Learning Sequences in Music. Chicago: GIA "
                             "Publications, 1997, p. 3.")
    document = parse_bytes(docx(body, footnotes=footnotes), "thesis.docx")
    assert [(n.label, n.kind.value) for n in document.notes] == [
        ("1", "full"), ("ref-1", "full"), ("ref-2", "full"), ("ref-3", "full"),
        ("ref-4", "full")]
    assert document.notes[3].text.startswith("________. The Psychology of Music Teaching.")
    assert document.notes[4].text.startswith("Schleuter, Stanley L. A Sound Approach")


def test_a_german_entry_that_opens_with_its_quoted_title_is_an_entry_of_its_own() -> None:
    # „Public Domain“, unter: … has no author: it opens with German quotes, not a name, and is
    # the next entry, not the rest of the one above.
    body = (
        _paragraph(run("Open Source ist offener Quellcode."), _mark(1))
        + _paragraph(run("Quellenverzeichnis"))
        + _paragraph(run("Wikipedia, „Open Source“, unter: https://de.wikipedia.org/wiki/"
                         "Open_Source (aufgerufen: 01.11.2017)"))
        + _paragraph(run("„Public Domain“, unter: https://www.roru.de/software/publicdomain.htm"
                         " (aufgerufen: 01.11.2017)"))
        + _paragraph(run("«Logiciel libre», sur : https://fr.example.org/libre (consulté le "
                         "01.11.2017)"))
    )
    footnotes = _footnote(1, "Vgl. Wikipedia, „Open Source“, unter: "
                             "https://de.wikipedia.org/wiki/Open_Source")
    document = parse_bytes(docx(body, footnotes=footnotes), "seminar.docx")
    assert [(n.label, n.urls) for n in document.notes[1:]] == [
        ("ref-1", ("https://de.wikipedia.org/wiki/Open_Source",)),
        ("ref-2", ("https://www.roru.de/software/publicdomain.htm",)),
        ("ref-3", ("https://fr.example.org/libre",)),
    ]


def test_a_tab_stop_laid_out_inside_a_hyperlinked_address_is_no_part_of_it() -> None:
    # Word wraps a long URL with a tab stop; the tab shows in the display text and, as %09,
    # in the target. A hyperlink with no target at all shows the address only in its text.
    tab = '<w:r><w:tab/><w:t>'
    body = (
        _paragraph(run("Der Bestand wuchs."), _mark(1))
        + _paragraph(run("Literaturverzeichnis"))
        + _paragraph(run("Kraftfahrt-Bundesamt (2018): Bestand nach Fahrzeugklassen."),
                     '<w:r><w:tab/></w:r><w:hyperlink r:id="k1">'
                     + run("https://www.kba.de/DE/Fahrzeugklass") + tab + "enAufbauarten/"
                     "zeitreihe.html</w:t></w:r></w:hyperlink>", run(" [04.11.2018]."))
        + _paragraph(run("Neubert, Lutz (2001): Statistische Analyse. "),
                     '<w:hyperlink w:history="1">' + run("https://duepublico.uni-duisburg-")
                     + tab + "essen.de/neubert.pdf</w:t></w:r></w:hyperlink>",
                     run(" "), tab + "[04.11.2018].</w:t></w:r>")
    )
    footnotes = _footnote(1, "Vgl. Kraftfahrt-Bundesamt (2018).")
    document = parse_bytes(
        docx(body, footnotes=footnotes,
             rels=external("k1", "https://www.kba.de/DE/Fahrzeugklass%09enAufbauarten/"
                                 "zeitreihe.html")),
        "seminar.docx",
    )
    assert [(n.label, n.urls) for n in document.notes[1:]] == [
        ("ref-1", ("https://www.kba.de/DE/FahrzeugklassenAufbauarten/zeitreihe.html",)),
        ("ref-2", ("https://duepublico.uni-duisburg-essen.de/neubert.pdf",)),
    ]


def test_a_bibliography_in_numbered_parts_is_read_part_by_part() -> None:
    # "6.1 …" under "6. Literaturverzeichnis" heads a part of the list, however long it is
    # and whatever year it names; "7. Anhang" after the list is no entry.
    body = (
        _paragraph(run("Art. 3 regelt den Zugang."), _mark(1))
        + _paragraph(run("6. Literaturverzeichnis"))
        + _paragraph(run("6.1 Rechtsquellen und amtliche Dokumente"))
        + _paragraph(run("Europäische Kommission (2020). Eine europäische Datenstrategie. "
                         "COM (2020) 66 final, Brüssel."))
        + _paragraph(run("6.2 Fachliteratur"))
        + _paragraph(run("Eckardt, M. &amp; Kerber, W. (2024). Property rights theory. "
                         "https://doi.org/10.1007/s10657-023-09791-8"))
        + _paragraph(run("6.3 Untersuchte Primärdokumente der Anbieter (Stand Oktober 2025)"))
        + _paragraph(run("Somfy: Datenschutzinformation TaHoma, https://www.somfy.fr/vie-privee "
                         "(abgerufen am [TT.MM.JJJJ])."))
        + _paragraph(run("7. Anhang"))
        + _paragraph(run("Produktseite"))
    )
    footnotes = _footnote(1, "Verordnung (EU) 2023/2854 (Data Act), ABl. L 2023/2854.")
    document = parse_bytes(docx(body, footnotes=footnotes), "seminar.docx")
    assert [(n.label, n.urls) for n in document.notes[1:]] == [
        ("ref-1", ()),
        ("ref-2", ("https://doi.org/10.1007/s10657-023-09791-8",)),
        ("ref-3", ("https://www.somfy.fr/vie-privee",)),
    ]


def test_german_author_date_footnotes_cite_the_entry_with_that_author_and_year() -> None:
    # "Vgl." (compare) is a cue, the initials after the surname are no author, "S. 63f" is a
    # page; "ebd." after a short form repeats the entry the short form stands for.
    body = (
        _paragraph(run("Der Verkehr staut sich."), _mark(1), run(" Es bleibt so."), _mark(2),
                   run(" Das Modell ist zellular."), _mark(3))
        + _paragraph(run("Literaturverzeichnis"))
        + _paragraph(run("Nagel, Kai/ Schreckenberg, Michael: A cellular automaton model for "
                         "freeway traffic. Journal de Physique I, 1992, 2 (12), pp.2221-2229."))
        + _paragraph(run("Schadschneider, Andreas: Physik des Straßenverkehrs. Köln 2004."))
        + _paragraph(run("Schadschneider, Andreas (2000): Verkehrsmodelle. "
                         "http://www.thp.uni-koeln.de/~as/Mypage/verkehr.html [04.11.2018]."))
    )
    footnotes = (_footnote(1, "Vgl. Schadschneider, A. (2004), S. 63f")
                 + _footnote(2, "ebd.")
                 + _footnote(3, "Vgl. Nagel, K./ Schreckenberg, M. (1992)"))
    document = parse_bytes(docx(body, footnotes=footnotes), "seminar.docx")
    assert [(n.label, n.kind.value, n.resolves_to) for n in document.notes] == [
        ("1", "short", "ref-2"),
        ("2", "ibid", "ref-2"),
        ("3", "short", "ref-1"),
        ("ref-1", "full", None),
        ("ref-2", "full", None),
        ("ref-3", "full", None),
    ]


def test_an_entry_with_initials_and_an_unbracketed_year_keeps_its_title() -> None:
    document = parse_bytes(
        docx(_paragraph(run("Athens grew."), _mark(1)),
             footnotes=_footnote(1, "Osborne, R. 1996, 2009. Greece in the Making 1200 – 479 "
                                    "BC.")),
        "athens.docx",
    )
    assert [(n.label, n.kind.value) for n in document.notes] == [("1", "full")]


def test_an_article_or_recital_pin_with_a_statute_short_title_repeats_the_note_giving_it() -> None:
    # Note 1 gives the regulation its short title in brackets; "Art. 3 Abs. 1 Data Act" and
    # "Vgl. ErwG 24 Data Act zur …" cite it by that title and a pin, wherever the pin stands.
    # Note 2 names the title in passing (with its own address): not the definition.
    notes = [
        "Verordnung (EU) 2023/2854 des Europäischen Parlaments und des Rates vom 13. Dezember "
        "2023 über harmonisierte "
        "Vorschriften für einen fairen Datenzugang (Data Act), ABl. L, 2023/2854.",
        "Robert Bosch GmbH, „Datenzugang gemäß Verordnung (EU) 2023/2854 (‚Data Act‘)“, "
        "abrufbar unter https://www.example.com/eu-data-act/.",
        "Art. 3 Abs. 2 lit. a–d Data Act.",
        "Vgl. ErwG 24 Data Act zur dauerhaften Verfügbarkeit der Informationen.",
        "Maßstab ist Art. 3 Abs. 1 Data Act: standardmäßig einfacher Zugang.",
        "Art. 13 DSGVO.",
    ]
    body = _paragraph(*(part for n in range(1, len(notes) + 1)
                        for part in (run(f"Satz {n}."), _mark(n))))
    footnotes = "".join(_footnote(n, text) for n, text in enumerate(notes, 1))
    document = parse_bytes(docx(body, footnotes=footnotes), "seminar.docx")
    assert [(n.label, n.kind.value, n.resolves_to) for n in document.notes[:5]] == [
        ("1", "full", None),
        ("2", "full", None),
        ("3", "short", "1"),
        ("4", "short", "1"),
        ("5", "short", "1"),
    ]
    assert document.notes[5].resolves_to is None  # no note gives "DSGVO" a title


def test_a_numeric_european_date_dates_a_citation() -> None:
    # "Stand 02.05.2025" (as of) dates the privacy notice: a source cited in full, no URL.
    document = parse_bytes(
        docx(_paragraph(run("Die App speichert Daten."), _mark(1)),
             footnotes=_footnote(1, "Bosch Smart Home GmbH, Datenschutzhinweis Bosch Smart Home "
                                    "App, Stand 02.05.2025 (zu Speicherung/Werksreset).")),
        "seminar.docx",
    )
    note = document.notes[0]
    assert (note.kind.value, note.citation.date) == ("full", "02.05.2025")


def _institution_notes(*entries: str) -> list[tuple[str, str, str | None]]:
    body = (_paragraph(run("Die Zahl der Pkw stieg."), _mark(1))
            + _paragraph(run("Literaturverzeichnis"))
            + "".join(_paragraph(run(entry)) for entry in entries))
    document = parse_bytes(docx(body, footnotes=_footnote(1, "Statistisches Bundesamt")),
                           "seminar.docx")
    return [(n.label, n.kind.value, n.resolves_to) for n in document.notes]


def test_a_note_that_is_only_an_institution_cites_its_one_listed_work() -> None:
    assert _institution_notes(
        "Kraftfahrt-Bundesamt (2018): Bestand nach Fahrzeugklassen. https://www.kba.de/b.html",
        "Statistisches Bundesamt (2013): Verkehr auf einen Blick. https://www.destatis.de/v.pdf",
    )[0] == ("1", "short", "ref-2")
    # Two works by that institution: the note names neither.
    assert _institution_notes(
        "Statistisches Bundesamt (2013): Verkehr auf einen Blick. https://www.destatis.de/v.pdf",
        "Statistisches Bundesamt (2015): Unfallentwicklung. https://www.destatis.de/u.pdf",
    )[0][2] is None


def _misspelt(note: str) -> str | None:
    body = (_paragraph(run("Der Bestand wuchs."), _mark(1))
            + _paragraph(run("Literaturverzeichnis"))
            + _paragraph(run("Kraftfahrt-Bundesamt (2018): Bestand nach Fahrzeugklassen. "
                             "https://www.kba.de/b.html"))
            + _paragraph(run("Statistisches Bundesamt (2013): Verkehr auf einen Blick. "
                             "https://www.destatis.de/v.pdf")))
    document = parse_bytes(docx(body, footnotes=_footnote(1, note)), "seminar.docx")
    return document.notes[0].resolves_to


def test_an_author_date_short_form_with_its_author_misspelt_cites_the_one_entry_of_that_year(
) -> None:
    assert _misspelt("Kraftfahr-Bundesamtes (2018)") == "ref-1"  # a letter lost, a genitive
    assert _misspelt("Kraftfahr-Bundesamtes (2013)") is None  # no entry of that year by it
    assert _misspelt("Deutsche Bundesbank (2018)") is None  # another author altogether
