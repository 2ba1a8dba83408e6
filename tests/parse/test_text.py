"""The plain-text reader: notes sections, entry styles, markers, claims and positions."""

from __future__ import annotations

import time

import pytest

from citecheck.models import NoteKind
from citecheck.parse import detect_format, parse_document
from citecheck.parse.text import read_text, roman_value
from citecheck.parse.text.entries import _Entry
from citecheck.parse.text.listed import _second_half


def labels(text: str) -> list[str]:
    return [note.label for note in read_text(text)[0]]


def marked(text: str) -> list[tuple[str, str]]:
    return [(m.label, m.sentence) for m in read_text(text)[1]]


BODY = "First claim here.[1] Second claim there.[2]\n\n"


@pytest.mark.parametrize(
    "heading",
    ["Notes", "NOTES", "Notes:", "Endnotes", "End Notes", "Footnotes", "References", "Sources",
     "Bibliography", "Works Cited", "## Notes", "# References:", "**Notes**", "Notes\n-----"],
)  # fmt: skip
def test_headings(heading: str) -> None:
    text = f"{BODY}{heading}\n\n1. A source, https://a.example/1\n2. Another, https://b.example/2\n"
    assert labels(text) == ["1", "2"]


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ("1. One.\n2. Two.\n", ["1", "2"]),
        ("1) One.\n2) Two.\n", ["1", "2"]),
        ("[1] One.\n[2] Two.\n", ["1", "2"]),
        ("^1 One.\n^2 Two.\n", ["1", "2"]),
        ("¹ One.\n² Two.\n", ["1", "2"]),
        ("1 One.\n2 Two.\n", ["1", "2"]),
        ("[^1]: One.\n[^2]: Two.\n", ["1", "2"]),
        ("I. One.\nII. Two.\n", ["I", "II"]),
        ("i. One.\nii. Two.\niii. Three.\n", ["i", "ii", "iii"]),
    ],
)
def test_entry_styles(entries: str, expected: list[str]) -> None:
    assert labels(f"Body.[1]\n\nNotes\n\n{entries}") == expected


def test_wrapped_entries_and_bare_numbers_that_are_not_entries() -> None:
    text = (
        "Body.¹ More.²\n\nNOTES\n\n1 UNHCR, “Displacement,” Data Portal, December\n"
        "2022, https://data.unhcr.org/en/country/\nbfa.\n2 Ibid\n"
    )
    notes, _, _ = read_text(text)
    assert [n.label for n in notes] == ["1", "2"]
    assert notes[0].text.splitlines()[1].startswith("2022, https://")
    document = parse_document(text, "x.txt")
    assert document.notes[0].urls == ("https://data.unhcr.org/en/country/bfa",)


def test_a_table_of_contents_last_item_is_no_notes_heading() -> None:
    # "References" closing the contents, then the first numbered heading: no note "1".
    text = (
        "Paper\n\nContents\n\n1 Introduction\n2 Design\nReferences\n\n1 Introduction\n\n"
        "We build on the TS [1].\n\nReferences\n\n[1] Niebler, E. 2015. N4560: Working Draft.\n"
    )
    notes, markers, _ = read_text(text)
    assert [(n.label, n.line) for n in notes] == [("1", 15)]
    assert [m.label for m in markers] == ["1"]
    # A one-note section is a section, its heading printed again or not.
    once = "Body.[1]\n\nNotes\n\n1 Smith, Rivers, 2019.\n\nMore.[2]\n\nNotes\n\n2 Jones, 2020.\n"
    assert [n.label for n in read_text(once)[0]] == ["1", "2"]


def test_a_line_set_in_under_a_list_of_one_entry_a_line_goes_on_with_the_entry() -> None:
    # Entries one a line, longer than any page wraps (a web list, or Word paragraphs); one
    # entry broken inside its title goes on in a line set in, which is no entry of its own.
    tail = ", Guardian News and Media, 12 Nov. 2018, www.theguardian.com/technology/2018/nov/12."
    entries = [f"{name}. “A Long Title About Deep Fakes and the News of the Day.” "
               f"Review of Technology{tail}" for name in
               ("Alibasic, Haris", "Chawla, Ronit", "Chollet, Francois", "Rossler, Andreas")]
    text = "\n\n".join([
        "Deep fakes spread (Schwartz).", "Works Cited", *entries,
        "Schwartz, Oscar. “You Thought Fake News Was Bad? Deep Fakes Are Where Truth Goes"
        " to\n    Die.” The Guardian" + tail,
        "Westerlund, Mika. “The Emergence of Deepfake Technology.” Technology "
        "Innovation Management Review, Volume 9, Issue 11: 39-52. Nov. 2019, www.timreview.ca."])
    notes = read_text(text).notes
    assert [n.text.split(",", 1)[0] for n in notes] == [
        "Alibasic", "Chawla", "Chollet", "Rossler", "Schwartz", "Westerlund"]
    assert "The Guardian" in notes[4].text


def test_german_quoted_titles_close_with_the_english_opening_mark() -> None:
    # „SD Library“ is closed: German quotes close with “, the mark English titles open with, so
    # the next paragraph's ” (a title typed „…”) closes nothing left open above.
    entries = [
        "Arduino AG (Hrsg.): „SD Library“ in https://a.example/sd, abgerufen am 22.10.2017",
        "YouTube LLC (Hrsg.), upgrdman: „Graph Sensor Data with Java” https://b.example/v, "
        "abgerufen am 06.11.2017",
        "Oracle (Hrsg.): „Full-Screen Exclusive Mode” https://c.example/fs, abgerufen am "
        "04.11.2017",
    ]
    notes = read_text("\n\n".join(["Text.", "Quellenverzeichnis", *entries])).notes
    assert [n.text.split(" ", 1)[0] for n in notes] == ["Arduino", "YouTube", "Oracle"]
    # A German title left open does go on in the next paragraph, up to its “ (or ”).
    entry = _Entry("ref-1", 0, 0, ["Meier, Anna: „Ein langer Titel über"])
    assert _second_half(entry, "Raumklima“, in: Zeitschrift 3, 2017, https://d.example/r")
    assert _second_half(entry, "Raumklima”, in: Zeitschrift 3, 2017, https://d.example/r")
    assert not _second_half(entry, entries[1])  # opens its own title first
    assert not _second_half(_Entry("ref-1", 0, 0, [entries[0]]), entries[1])


def test_multi_paragraph_note_continues_while_numbering_goes_on() -> None:
    text = (
        "Claim.[1] Other.[2]\n\nNotes\n\n[1] First paragraph of the note.\n\n"
        "Second paragraph of the same note.\n\n[2] Next note.\n\nLeave a Reply\n\n"
        "This site uses Akismet to reduce spam.\n"
    )
    notes, _, _ = read_text(text)
    assert [n.label for n in notes] == ["1", "2"]
    assert "Second paragraph" in notes[0].text
    assert notes[1].text == "Next note."


def test_headless_bracket_block_after_the_body_is_the_notes_section() -> None:
    text = "A claim.[i] Another.[ii]\n\n[i] Source one. https://a.example/\n\n[ii] Ibid.\n"
    document = parse_document(text, "x.txt")
    assert [(n.label, n.kind, n.line) for n in document.notes] == [
        ("i", NoteKind.FULL, 3),
        ("ii", NoteKind.IBID, 5),
    ]


def test_gutenberg_footnotes_after_their_paragraphs() -> None:
    text = (
        "The tribe[1] sang to the phonograph\r\nin April.[A] Then [trail] went on.\r\n\r\n"
        "[Footnote 1: Rand, _American Antiquarian_ [vol. xii],\r\nno. 1, p. 8.\r\n\r\n"
        "A second paragraph of the note.]\r\n\r\n"
        "[Footnote A: See https://a.example/songs for the songs.]\r\n\r\n"
        "Later prose [Footnote 2: never closed\r\n"
    )
    notes, markers, _ = read_text(text)
    assert [(n.label, n.line, n.text.split()[-1]) for n in notes] == [
        ("1", 4, "note."),
        ("A", 9, "songs."),
    ]
    assert "[vol. xii]" in notes[0].text
    assert [(m.label, m.line) for m in markers] == [("1", 1), ("A", 2)]
    assert "Footnote" not in " ".join(m.sentence for m in markers)


def test_footnotes_at_the_feet_of_an_exported_pdfs_pages() -> None:
    footer = "Electronic copy available at: https://ssrn.example/abstract=1"
    text = "\n".join([
        "TITLE 1/3", "Readers rarely read the problem.1 They skim contracts,2 and",
        "sign anyway. The Act3 controls language.",
        "1 See generally Ann Roe, A Problem, 66 STAN. L. REV. 545 (2014).",
        "2 Cy Doe, Fine Print?, 43 J. LEGAL STUD. 1, 22 (2014), https://a.example/fine-",
        "print [https://perma.cc/AB12-CD34].", "3 15 U.S.C. § 2301.", footer, "",
        "<<PAGE_BREAK>>", "", "TITLE 2/3", "Then, in 1990, the law moved on.4 And", "that was",
        "4 Id. at 5.", footer, "", "<<PAGE_BREAK>>", "", "TITLE 3/3", "The end.", footer, "",
    ])  # fmt: skip
    document = parse_document(text, "x.txt")
    notes = [n for n in document.notes if not n.label.startswith("link")]
    assert [(n.label, n.kind, n.line) for n in notes] == [
        ("1", NoteKind.FULL, 4),
        ("2", NoteKind.FULL, 5),
        ("3", NoteKind.FULL, 7),
        ("4", NoteKind.IBID, 15),
    ]
    assert list(notes[1].urls) == [
        "https://a.example/fine-print", "https://perma.cc/AB12-CD34"
    ]
    assert "Electronic" not in notes[2].text
    # "Act3" glued to a word numbers the foot's note 3, but is not yet taken as its marker in
    # the body ("MP3", "F16" would be too).
    assert [len(n.claims) for n in notes] == [1, 1, 0, 1]
    assert not [n for n in document.notes if "ssrn" in " ".join(n.urls)]  # a running foot


def test_a_paragraph_starting_with_a_bracketed_word_is_not_a_note() -> None:
    assert labels("[Editor's note: updated.] Text.\n\n[sic] is Latin.\n") == []


def test_markers_in_many_shapes() -> None:
    text = (
        "Alpha rose,[1] beta fell [2] and gamma held.[3][4] Delta moved.[5, 6] Epsilon too.[7–9]\n"
        "Zeta was “quoted.”¹⁰ Eta,¹¹ theta.¹²,¹³\n\nNotes\n\n"
        + "".join(f"{i}. Source {i}.\n" for i in range(1, 14))
    )
    got = [m.label for m in read_text(text)[1]]
    assert got == [str(i) for i in range(1, 14)]


def test_claims_remove_markers_and_normalise_spaces() -> None:
    text = (
        "The U.N. mission grew,[1] and its budget[2] doubled.[3]\nA second\nwrapped sentence "
        "ends here [4].\n\nNotes\n\n1. a\n2. b\n3. c\n4. d\n"
    )
    assert marked(text) == [
        ("1", "The U.N. mission grew, and its budget doubled."),
        ("2", "The U.N. mission grew, and its budget doubled."),
        ("3", "The U.N. mission grew, and its budget doubled."),
        ("4", "A second wrapped sentence ends here."),
    ]


def test_marker_positions_are_one_based() -> None:
    _, markers, _ = read_text("Title\n\nSome claim.[2] Other.\n\nNotes\n\n1. x\n2. y\n")
    assert [(m.label, m.line, m.column) for m in markers] == [("2", 3, 12)]
    notes, _, _ = read_text("Claim.[1]\n\nNotes\n\n  [1] Indented entry.\n")
    assert (notes[0].line, notes[0].column) == (5, 3)


def test_sic_and_brackets_inside_urls_are_not_markers() -> None:
    text = (
        "He was “blacklisted [sic]” once.[1] Data at https://x.example/s?tab[1]=a&b[2]=c "
        "shows it.[2]\n\nNotes\n\n[1] One.\n[2] Two.\n"
    )
    assert [(m.label, m.column) for m in read_text(text)[1]] == [("1", 33), ("2", 90)]


def test_superscripts_count_only_when_the_note_exists() -> None:
    text = "Area of 40 km² and x² grew.¹ Water is H₂O.\n\nNotes\n\n1. Source.\n2. Other.\n"
    assert [m.label for m in read_text(text)[1]] == ["1"]


def test_plausible_undefined_labels_become_diagnostics() -> None:
    text = (
        "One.[1] Two.[2] Missing.[9] Not a note.[400] Roman.[c]\n\nNotes\n\n1. a https://a.example/\n"
        "2. b https://b.example/\n"
    )
    document = parse_document(text, "x.txt")
    assert [(d.code, d.label) for d in document.diagnostics] == [("marker-without-note", "9")]


def test_numbered_markers_without_any_notes_section() -> None:
    document = parse_document("One [1]. Two [2]. Three [3].\n", "x.txt")
    assert document.notes == ()
    assert [(d.code, d.label) for d in document.diagnostics] == [
        ("no-notes-section", None), *(("marker-without-note", label) for label in "123")
    ]
    assert "3 note markers ([1], [2], [3]) but no notes" in document.diagnostics[0].message
    # one bracket is not a marker: the document has nothing at all, and says so
    single = parse_document("A single [1] bracket.\n", "x.txt").diagnostics
    assert [d.code for d in single] == ["no-notes"]


def test_notes_that_no_marker_cites_are_said_to_be_uncited_as_a_whole() -> None:
    text = "A claim without markers.\n\nNotes\n\n1. Smith, Book, 2010.\n2. Jones, Paper, 2011.\n"
    codes = [d.code for d in parse_document(text, "x.txt").diagnostics]
    assert codes[0] == "no-markers" and codes.count("note-never-cited") == 2
    # a bibliography is a list, not notes that lost their markers
    listed = "A claim.\n\nReferences\n\nSmith, J. (2010). Book. Press.\n"
    assert parse_document(listed, "x.txt").diagnostics == ()


def test_pdf_flattened_superscripts() -> None:
    text = "Land is the state's.1 Planners moved people.2\n\nNotes\n\n1. a\n2. b\n"
    assert marked(text) == [
        ("1", "Land is the state's."),
        ("2", "Planners moved people."),
    ]
    # after a number it is a decimal, not a marker; and only defined labels count
    text = "Output grew by 4.1 Planners moved people.2 Then more.7\n\nNotes\n\n1. a\n2. b\n"
    assert marked(text) == [("2", "Output grew by 4.1 Planners moved people.")]
    # a year is never written with decimals: "in 1975.1 Planners" is the year and note 1
    text = (
        "Under the Derg, all rural land was nationalised in\n1975.1 Planners moved "
        "40,000 people (FAO, 1986).2 Yields fell 12%.3 Then more.\n\nNotes\n\n1. a\n2. b\n3. c\n"
    )
    assert marked(text) == [
        ("1", "Under the Derg, all rural land was nationalised in 1975."),
        ("2", "Planners moved 40,000 people (FAO, 1986)."),
        ("3", "Yields fell 12%."),
    ]


def test_author_year_citations_cite_bibliography_entries() -> None:
    text = (
        "Famines need no food shortage (Sen 1981, p. 4). Devereux (2009) agreed.\n\n"
        "References\n\nDevereux, Stephen. 2009. “Why Does Famine Persist?” Food Security 1.\n"
        "Sen, Amartya. 1981. Poverty and Famines. Oxford: Clarendon.\n"
    )
    notes, markers, _ = read_text(text)
    assert [(n.label, n.listed) for n in notes] == [("ref-1", True), ("ref-2", True)]
    assert [(m.label, m.sentence) for m in markers] == [
        ("ref-2", "Famines need no food shortage."),
        ("ref-1", "Devereux (2009) agreed."),
    ]


@pytest.mark.parametrize("heading", ["Works Cited", "Work Cited", "  Work Cited"])
def test_an_unnumbered_works_cited_list_under_either_number_of_work(heading: str) -> None:
    # Google Docs papers head the list "Work Cited" as often as "Works Cited".
    text = (
        "Pipelines create jobs (Hoeven, J., 2012). Oil is imported (ECODAD 2015).\n\n"
        f"{heading}\nECODAD. Green Lifestyle Changes. (2015, September 10). How Much did the "
        "U.S Spend? Retrieved from\nhttps://a.example/oil\nHoeven, J., CNN. (2012, February "
        "24). Why we Need the Pipeline. Retrieved from\nhttps://b.example/pipeline\n"
    )
    notes =  read_text(text)[0]
    assert [(n.label, n.listed) for n in notes] == [("ref-1", True), ("ref-2", True)]
    assert "https://b.example/pipeline" in notes[1].text


@pytest.mark.parametrize("heading", ["Selected Bibliography", "Select Bibliography",
                                     "SELECTED BIBLIOGRAPHY", "Selected Works Cited"])
def test_a_selected_bibliography_without_numbers_is_read_as_its_entries(heading: str) -> None:
    # A thesis lists "Selected" sources; the word says which, not that the list is no list.
    text = (
        "Audiation precedes notation.\n\n"
        f"{heading}\n\nAzzara, Christopher. “Audiation,” The Quarterly 2 (1991): 106-9.\n\n"
        "Gordon, Edwin E. The Psychology of Music Teaching. Prentice-Hall, 1971.\n"
    )
    notes = read_text(text)[0]
    assert [(n.label, n.listed) for n in notes] == [("ref-1", True), ("ref-2", True)]


def test_apa_author_lists_with_a_serial_comma_before_the_ampersand_cite_their_entry() -> None:
    text = (
        "Robots moved softly (Rich, Wood, & Majidi, 2018). Bodies touch (Meyer, Streeck, & "
        "Jordan, 2017; Rich et al., 2018).\n\nReferences\n\n"
        "Meyer, C., Streeck, J., & Jordan, J. S. (Eds.). (2017). Intercorporeality. Oxford.\n"
        "Rich, S. I., Wood, R. J., & Majidi, C. (2018). Untethered soft robotics. Nature "
        "Electronics, 1(2), 102–112.\n"
    )
    _, markers, _ = read_text(text)
    assert [m.label for m in markers] == ["ref-2", "ref-1", "ref-2"]


@pytest.mark.parametrize(
    ("label", "value"),
    [("i", 1), ("iv", 4), ("xxvii", 27), ("XLII", 42), ("mmmcmxcix", 3999), ("iiii", None),
     ("vx", None), ("", None), ("sic", None)],
)  # fmt: skip
def test_roman_value(label: str, value: int | None) -> None:
    assert roman_value(label) == value


@pytest.mark.parametrize(
    ("text", "path", "fmt"),
    [
        ("anything", "a.md", "markdown"),
        ("anything", "a.markdown", "markdown"),
        ("anything", "A.HTML", "html"),
        ("anything", "a.htm", "html"),
        ("<html><p>x</p>", "a.txt", "text"),
        ("  <!DOCTYPE html><p>x", "-", "html"),
        ("<html lang=en>", "notes", "html"),
        ("Claim.[^1]\n\n[^1]: Source.", "-", "markdown"),
        ("Claim.[1]\n\n[1] Source.", "-", "text"),
        ("plain", "dir.md/file", "text"),
    ],
)
def test_detect_format(text: str, path: str, fmt: str) -> None:
    assert detect_format(text, path) == fmt
    assert parse_document(text, path).format == fmt


def _numbered_document(count: int) -> str:
    """``count`` claims and notes: full citations, every tenth an Ibid., every tenth short."""
    body: list[str] = []
    notes: list[str] = []
    for i in range(1, count + 1):
        body.append(f"Claim {i} says the U.N. mission in region {i % 97} grew.[{i}] It did.")
        if i % 10 == 2:
            notes.append(f"[{i}] Ibid., {i % 40}.")
        elif i % 10 == 5:
            notes.append(f"[{i}] Author{i - 2}, “Report on Topic {i - 2}.”")
        else:
            notes.append(
                f"[{i}] Author{i}, Jane. “Report on Topic {i} and Region {i % 97},” Institute of "
                f"Studies, March 3, 2020. https://example.org/reports/{i}/full-text.html"
            )
    return "\n\n".join(body) + "\n\nNotes\n\n" + "\n".join(notes) + "\n"


def _best_of_three(text: str) -> float:
    # CPU time of this process: other processes on a busy machine do not count against it.
    timings = []
    for _ in range(3):
        started = time.process_time()
        parse_document(text, "big.txt")
        timings.append(time.process_time() - started)
    return min(timings)


def test_ten_thousand_notes_parse_quickly() -> None:
    count = 10_000
    text = _numbered_document(count)
    document = parse_document(text, "big.txt")
    assert len(document.notes) == count
    assert sum(len(n.claims) for n in document.notes) == count
    shorts = [n for n in document.notes if n.kind is NoteKind.SHORT]
    assert len(shorts) == count // 10
    assert all(n.resolves_to == str(int(n.label) - 2) for n in shorts)
    assert document.diagnostics == ()
    # Growth, not a budget (that is benchmarks/parse_speed.py): five times the notes may cost
    # about five times the time, never twenty-five. Best of three on each size keeps a busy
    # machine from failing this. The limit is 15x, not 5x, because a linear parse is still not
    # linear in CPU time: the large document's objects outgrow the CPU caches (a clean CI run
    # measured 15.2x for 1,000 against 10,000 notes, whose profiles are linear call for call).
    small = _best_of_three(_numbered_document(count // 5))
    large = _best_of_three(text)
    assert large < 15 * small, f"{count // 5} notes: {small:.3f} s, {count} notes: {large:.3f} s"


def test_wikipedia_reference_list_copied_as_text() -> None:
    text = (
        "Mali is landlocked.[1] It has a coup history.[2][3]\n\nReferences\n\n"
        '^ a b Smith, John (2010). "Mali". Journal of Sahel Studies. 12 (3): 45–67. '
        "doi:10.1000/xyz.\n"
        '^ "Coup in Mali". BBC News. 19 August 2020. Retrieved 20 August 2020.\n'
        "^ Ibid.\n\nExternal links\n"
    )
    document = parse_document(text, "w.txt")
    assert [(n.label, n.kind.value, n.resolves_to, n.sources) for n in document.notes] == [
        ("1", "full", None, ("https://doi.org/10.1000/xyz",)),  # a bare DOI: checked, not a URL
        ("2", "full", None, ()),
        ("3", "ibid", "2", ()),
    ]
    assert document.notes[0].urls == () and document.notes[0].citation.doi == "10.1000/xyz"
    assert document.notes[0].text.startswith("Smith, John (2010).")


def test_a_printed_wikipedia_reference_list_with_edit_links_and_jump_up_backlinks() -> None:
    # A 2016-skin page printed or pasted: "[edit]" after each heading, "Jump up^" / "^ Jump up
    # to:a b" before each entry, the space after "10." lost; the next section ends the list.
    text = (
        "IFLA was founded in 1927.[1] It grew.[2] Members joined. [2] Most now.[10]:3\n"
        "References[edit]\n"
        '1. Jump up^ "IFLA: The Federation". Goethe.de. Retrieved 2013-05-08.\n'
        "2. ^ Jump up to:a b Henry, Carol. World Encyclopedia of\n"
        "Library and Information Services. 3rd ed. 1993.\n"
        + "".join(f'{n}. Jump up^ "Report {n}". IFLA. 2014.\n' for n in range(3, 10))
        + '10.^ Jump up to:a b c "FAIFE Mission". IFLA.\n'
        "External links[edit]\n"
        "Official website\n"
    )
    document = parse_document(text, "w.txt")
    notes = {n.label: n for n in document.notes}
    assert list(notes) == [str(n) for n in range(1, 11)]
    assert notes["1"].text.startswith('"IFLA: The Federation"')
    assert notes["2"].text.startswith("Henry, Carol.") and notes["2"].kind is NoteKind.FULL
    assert notes["10"].text == '"FAIFE Mission". IFLA.'  # not the links section after it
    assert [len(notes[label].claims) for label in ("1", "2", "10")] == [1, 2, 1]


def test_wikipedia_backlinks_leave_a_caret_led_word_alone() -> None:
    # "^" glued to a word is no backlink: only "^" or "Jump up" set apart is.
    document = parse_document("A claim.[1]\n\nNotes\n\n1. ^in press, Smith 2020.\n", "x.txt")
    assert document.notes[0].text == "^in press, Smith 2020."


def test_label_alone_on_its_line_under_a_heading() -> None:
    text = (
        "Claim one.1 Claim two.2\n\nNotes\n\n1\nSmith, “A Title,” Review, 2020, "
        "https://a.example/x\n\n2\n\nIbid.\nBibliography\n"
        "Smith, John. A Title. London: Verso, 2020.\n"
    )
    document = parse_document(text, "s.txt")
    assert [(n.label, n.kind.value, n.text) for n in document.notes] == [
        ("1", "full", "Smith, “A Title,” Review, 2020, https://a.example/x"),
        ("2", "ibid", "Ibid."),
        # A bibliography lists each work as a source of its own, even one a note cited first.

        ("ref-1", "full", "Smith, John. A Title. London: Verso, 2020."),
    ]
    assert [c.text for c in document.notes[1].claims] == ["Claim two."]
    # without a heading, a bare "[1]" line is not a note
    assert read_text("1\n\n[1]\n\n[1]")[0] == []


def test_bulleted_sources_are_cited_by_the_numbers_of_the_markers() -> None:
    text = (
        "Why coasts erode\n\nSea levels are rising.¹ Mangroves help a lot.²\n\nSources:\n"
        "- https://marine.copernicus.eu/sea-level\n"
        "- Narayan, S. et al. (2016). The Effectiveness of Nature-Based Defences. PLOS ONE. "
        "https://doi.org/10.1371/journal.pone.0154735\n"
    )
    document = parse_document(text, "a.txt")
    assert [(n.label, n.urls, [c.text for c in n.claims]) for n in document.notes] == [
        ("ref-1", ("https://marine.copernicus.eu/sea-level",), ["Sea levels are rising."]),
        ("ref-2", ("https://doi.org/10.1371/journal.pone.0154735",), ["Mangroves help a lot."]),
    ]  # the list prints no numbers: ref-n, which marker n cites
    assert document.notes[1].column == 3  # after the bullet


def test_numbered_notes_at_the_end_without_a_heading() -> None:
    text = (
        "My essay\n\nIt was hot.1 Then it rained.2 And a list:\n\n1. Buy milk\n2. Go home\n\n"
        "Later it snowed.3\n\n1. Copernicus, “Sea level,” 2020, https://a.example/1\n2. Ibid.\n"
        "3. Smith, “Snow,” Weather, 2021, https://b.example/3\n\nThanks for reading!\n"
    )
    document = parse_document(text, "b.txt")
    assert [
        (n.label, n.line, n.kind.value, [c.text for c in n.claims]) for n in document.notes
    ] == [
        ("1", 10, "full", ["It was hot."]),
        ("2", 11, "ibid", ["Then it rained."]),
        ("3", 12, "full", ["Later it snowed."]),
    ]
    # a numbered list in the body alone is not a notes section
    assert read_text("Steps:\n\n1. Buy milk\n2. Go home\n3. Sleep\n")[0] == []


def test_roman_markers_in_the_other_case_find_their_note() -> None:
    text = "A claim.[I] Another.[ii]\n\n[i] Source. https://a.example/\n\n[ii] Ibid.\n"
    assert [(m.label, m.sentence) for m in read_text(text)[1]] == [
        ("i", "A claim."),
        ("ii", "Another."),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Ice lies near the poles [1][2]. Next.",
        "Ice lies near the poles [1], [2]. Next.",
        "Ice lies near the poles [1]; [2]. Next.",
        "Ice lies near the poles.[1] [2] Next.",
    ],
)
def test_markers_in_a_row_leave_no_spacing_or_commas_in_the_claim(body: str) -> None:
    text = f"{body}\n\nNotes\n\n[1] A, https://a.example/1\n[2] B, https://b.example/2\n"
    assert marked(text) == [("1", "Ice lies near the poles."), ("2", "Ice lies near the poles.")]


def test_a_compound_broken_at_its_hyphen_by_the_wrap_is_rejoined_in_the_claim() -> None:
    text = (
        "Importers must prove that products are deforestation-\nfree.[1] Banks are\n"
        "exposed too, since two-\nThirds of loans [2] are secured.\n\n"
        "Notes\n\n[1] A, https://a.example/1\n[2] B, https://b.example/2\n"
    )
    assert marked(text) == [
        ("1", "Importers must prove that products are deforestation-free."),
        ("2", "Banks are exposed too, since two- Thirds of loans are secured."),
    ]


def test_headless_notes_with_each_label_alone_on_its_line() -> None:
    # Substack's footnotes copied as text: no heading, "1" on one line, the note on the next.
    text = (
        "Spikes were shorter in 2023.1 Texas added 3 GW of storage.2\n\n"
        "Thanks for reading! Subscribe for free to receive new posts.\n\n"
        '1\nERCOT, "Fact Sheet," January 2024, https://www.ercot.example/fact.pdf\n'
        '2\nEIA, "Battery capacity," March 2024, https://www.eia.example/detail.php?id=61202\n\n'
        "Share\nLeave a comment\n"
    )
    notes, markers, _ = read_text(text)
    assert [(n.label, n.line) for n in notes] == [("1", 5), ("2", 7)]
    assert [(m.label, m.sentence) for m in markers] == [
        ("1", "Spikes were shorter in 2023."),
        ("2", "Texas added 3 GW of storage."),
    ]
    # numbers alone on lines with nothing sourced after them are a list, not notes
    assert labels("Ranking\n\n1\n2\n3\n\nThe end of 2023 and of 2024.\n") == []


@pytest.mark.parametrize(
    "furniture",
    ["12 | Heat and the Informal City", "Heat and the Informal City | 12", "Page 12 of 20", "12"],
)
def test_a_page_break_inside_the_notes_is_skipped_and_its_url_rejoined(furniture: str) -> None:
    text = (
        "Lagos will have 32 million people.[1] Most live in informal housing.[2]\n\n"
        "Endnotes\n\n"
        "1 UN-Habitat, World Cities Report 2022 (Nairobi: UN-Habitat, 2022), 41,\n"
        "https://unhabitat.org/sites/default/files/\n2022/06/wcr_\n\n"
        f"{furniture}\n\n2022.pdf.\n"
        "2 Ibid., 43.\n"
    )
    document = parse_document(text, "x.txt")
    assert [n.label for n in document.notes] == ["1", "2"]
    assert document.notes[0].urls == (
        "https://unhabitat.org/sites/default/files/2022/06/wcr_2022.pdf",
    )
    assert furniture not in document.notes[0].text
    assert document.notes[1].kind is NoteKind.IBID


def test_a_running_footer_without_blank_lines_is_not_note_text() -> None:
    text = (
        "A claim.[1] Another.[2]\n\nNotes\n\n"
        "1 Smith, A Report (2020), 4.\nAnnual Review 2022 | Page 6\n2 Jones, Another (2021), 5.\n"
    )
    notes = read_text(text)[0]
    assert [n.text for n in notes] == ["Smith, A Report (2020), 4.", "Jones, Another (2021), 5."]


def test_a_page_break_does_not_glue_a_finished_url_to_the_next_paragraph() -> None:
    text = (
        "A claim.[1] Another.[2]\n\nNotes\n\n"
        "1 Smith, https://a.example/report/\n\nSee also the annex, 12.\n2 Jones, 2021.\n"
    )
    document = parse_document(text, "x.txt")
    assert document.notes[0].urls == ("https://a.example/report/",)


def test_footnotes_at_the_foot_of_each_pdf_page_without_a_heading() -> None:
    text = (
        "Remittances equal a fifth of GDP.1 Most come from the Gulf.2\n\n"
        "1 World Bank, WDI, 2023, https://data.worldbank.example/BX.TRF?locations=NP.\n"
        "2 Ministry of Labour, Migration Report 2022, 14.\n\n"
        "2\n\n"
        "2 Data\n\n"
        "We use the third survey round, which covers 5,988 households.3 The survey records\n"
        "each child's enrolment.4\n\n"
        "3 Central Bureau of Statistics, Survey 2010/11, 2011, https://cbs.example/1000.\n"
        "4 Ibid., vol. 2, 88.\n"
    )
    notes, markers, _ = read_text(text)
    assert [(n.label, n.line) for n in notes] == [("1", 3), ("2", 4), ("3", 13), ("4", 14)]
    assert notes[1].text == "Ministry of Labour, Migration Report 2022, 14."
    assert [(m.label, m.line) for m in markers] == [("1", 1), ("2", 1), ("3", 10), ("4", 11)]


@pytest.mark.parametrize("separator", [" – ", " — ", " - ", " . ", " : "])
def test_bare_number_entries_with_a_spaced_separator(separator: str) -> None:
    text = f"{BODY}Notes\n\n1{separator}Smith, 2020, https://a.example/1\n2{separator}Ibid., 4.\n"
    notes = read_text(text)[0]
    assert [(n.label, n.text) for n in notes] == [
        ("1", "Smith, 2020, https://a.example/1"),
        ("2", "Ibid., 4."),
    ]


def test_flattened_markers_mid_sentence_and_after_a_year_range() -> None:
    notes = "\n\nNotes\n\n1. A, https://a.example/1\n2. B, https://b.example/2\n3. C, 2022.\n"
    text = "“Prices rose,”1 she said. Wages fell in the north;2 then in 2019–20.3 The end." + notes
    assert marked(text) == [
        ("1", "“Prices rose,” she said."),
        ("2", "Wages fell in the north; then in 2019–20."),
        ("3", "Wages fell in the north; then in 2019–20."),
    ]
    # after a full stop a lower-case word means a decimal: "by 1.2 percent" cites nothing
    assert marked("Wages fell by 1.2 percent. The end.3" + notes) == [("3", "The end.")]


def test_a_wrapped_note_line_starting_with_the_next_number_is_not_that_note() -> None:
    text = (
        "A.[1] B.[2] C.[3]\n\nEndnotes\n\n"
        "1 IDMC, Grid 2023, which estimated that\n"
        "2 million people were displaced, https://idmc.example/grid.\n"
        "2 OCHA, Sahel Overview 2023, https://ocha.example/sahel.\n"
        "3 ibid., 4.\n"
    )
    notes = read_text(text)[0]
    assert [(n.label, n.text.split(",")[0]) for n in notes] == [
        ("1", "IDMC"),
        ("2", "OCHA"),
        ("3", "ibid."),
    ]


def test_ieee_ranges_pinpoints_and_a_flattened_marker_after_a_quote() -> None:
    text = (
        "Surveys compare policies [1]–[3]. Later work disagrees [4], [5]. It is poorly "
        'understood [6, p. 12]. Cities emptied, the "donut effect".7 Rents fell.8\n\n'
        "References\n\n"
        + "".join(f"[{i}] Author{i}, “T{i},” 2020. https://a.org/{i}\n" for i in range(1, 9))
    )
    document = parse_document(text, "ieee.txt")
    assert {n.label: [c.text for c in n.claims] for n in document.notes} == {
        "1": ["Surveys compare policies."],
        "2": ["Surveys compare policies."],
        "3": ["Surveys compare policies."],
        "4": ["Later work disagrees."],
        "5": ["Later work disagrees."],
        "6": ["It is poorly understood."],
        "7": ['Cities emptied, the "donut effect".'],
        "8": ["Rents fell."],
    }
    assert document.diagnostics == ()


def test_wrapped_wikipedia_and_unnumbered_reference_entries_go_on() -> None:
    wiki = (
        "Tardigrades survive radiation.[1] They were described in 1773.[2]\n\nReferences\n\n"
        '^ Jönsson, K. (2019). "Radiation Tolerance in Tardigrades: Current\n'
        'Knowledge". Cancers. 11 (9): 1333. doi:10.3390/cancers11091333.\n'
        '^ Goeze, Johann (1773). "Über den Kleinen Wasserbär". Halle.\n'
    )
    document = parse_document(wiki, "wiki.txt")
    assert [(n.label, n.sources) for n in document.notes] == [
        ("1", ("https://doi.org/10.3390/cancers11091333",)),
        ("2", ()),
    ]
    listed = (
        "Floods are rising.[1] Insurance lags.[2]\n\nReferences\n\n"
        "Lane, S.N. et al. (2011) 'Doing flood risk science differently', Transactions, 36(1). "
        "Available at: https://rgs-ibg.onlinelibrary.wiley.com/doi/10.1111/\n"
        "j.1475-5661.2010.00410.x (Accessed: 5 January 2024).\n\n"
        "Met Office (2018) UKCP18 Science Overview Report. Available at: "
        "https://www.metoffice.gov.uk/ukcp18 (Accessed: 5 January 2024).\n"
    )
    document = parse_document(listed, "harvard.txt")
    assert [n.urls for n in document.notes] == [
        ("https://rgs-ibg.onlinelibrary.wiley.com/doi/10.1111/j.1475-5661.2010.00410.x",),
        ("https://www.metoffice.gov.uk/ukcp18",),
    ]
    assert document.diagnostics == ()


def test_a_flattened_superscript_list_after_a_sentence() -> None:
    text = (
        "Capital was scarce.5, 6 Climate shocks raise costs.7 Prices fell by 2.5, 3 percent.\n\n"
        "Notes\n\n"
        + "".join(f"{i}. Author{i}, “T{i},” 2020. https://a.org/{i}\n" for i in (5, 6, 7))
    )
    document = parse_document(text, "pdf.txt")
    assert {n.label: [c.text for c in n.claims] for n in document.notes} == {
        "5": ["Capital was scarce."],
        "6": ["Capital was scarce."],
        "7": ["Climate shocks raise costs."],
    }


def test_scheme_less_urls_in_notes_are_checked_as_https_and_the_repair_is_said() -> None:
    from citecheck.models import DiagnosticCode
    from citecheck.parse import parse_document

    text = (
        "Rents rose.[1] Wages did not.[2]\n"
        "\n"
        "Notes\n"
        "\n"
        "[1] City of Example, Housing Report 2020, www.example.org/report.pdf.\n"
        "[2] Statistics Office, Wages 2021, stats.example.gov/wages/2021.\n"
    )
    document = parse_document(text, "notes.txt")
    assert [n.urls for n in document.notes] == [
        ("https://www.example.org/report.pdf",),
        ("https://stats.example.gov/wages/2021",),
    ]
    repaired = [d for d in document.diagnostics if d.code is DiagnosticCode.URL_SCHEME_ADDED]
    assert [(d.label, d.line) for d in repaired] == [("1", 5), ("2", 6)]
    assert "checked as https://www.example.org/report.pdf" in repaired[0].message


def test_urls_in_the_body_of_a_text_document_are_body_links_not_notes() -> None:
    from citecheck.models import NoteKind
    from citecheck.parse import parse_document

    text = (
        "The data are at https://data.example.org/x. Rents rose.[1]\n"
        "\n"
        "Notes\n"
        "\n"
        "[1] Smith, Rents, 2020, https://a.example/rents.\n"
    )
    document = parse_document(text, "notes.txt")
    assert [(n.label, n.kind, n.urls) for n in document.notes] == [
        ("link-1", NoteKind.LINK, ("https://data.example.org/x",)),
        ("1", NoteKind.FULL, ("https://a.example/rents",)),
    ]
    assert [c.text for c in document.notes[0].claims] == ["The data are at https://data.example.org/x."]


def test_a_running_head_and_page_number_inside_a_reference_list_do_not_split_it() -> None:
    from citecheck.parse import parse_document

    text = (
        "Claims [1] and [2] and [3].\n\nReferences\n[1] A. Back. Hashcash, 1997.\n"
        "[2] T. Bäck. Evolutionary Algorithms, 1996.\n\n\fREFERENCES\n\n43\n\n"
        "[3] C. Decker. Information propagation, 2013.\n"
    )
    document = parse_document(text, "paper.txt")
    assert [n.label for n in document.notes] == ["1", "2", "3"]


def test_a_label_column_extracted_apart_from_its_texts_is_paired_by_position() -> None:
    from citecheck.parse import parse_document

    text = (
        "Ethereum1 and Bancor2 and a study3.\n\nReferences\n\n1\n\n2\n\n3\n\n"
        "https://github.com/ethereum/wiki/wiki/White-Paper\n"
        "https://www.bancor.network/static/whitepaper.pdf\n"
        "product development and distribution, pricing and underwriting, claims,\n"
        "policy & administration\n"
    )
    document = parse_document(text, "paper.txt")
    assert [(n.label, n.urls, n.kind.value) for n in document.notes] == [
        ("1", ("https://github.com/ethereum/wiki/wiki/White-Paper",), "full"),
        ("2", ("https://www.bancor.network/static/whitepaper.pdf",), "full"),
        ("3", (), "comment"),
    ]
    graft = (
        "Bitcoin[1] and a definition[2] and IOTA[3].\n\nReferences\n1.\n2.\n\n"
        "Bitcoin. https://bitcoin.org/en/.\nGRAFT Definition. Merriam-Webster (2017).\n"
        "https://www.merriam-webster.com/dictionary/graft#h2.\n3.IOTA. https://iota.org/.\n"
    )
    document = parse_document(graft, "paper.txt")
    assert [(n.label, n.urls) for n in document.notes] == [
        ("1", ("https://bitcoin.org/en/",)),
        ("2", ("https://www.merriam-webster.com/dictionary/graft#h2",)),
        ("3", ("https://iota.org/",)),
    ]


def test_entries_swapped_by_extraction_fill_the_gap_they_left() -> None:
    from citecheck.parse import parse_document

    text = (
        "Claims [5], [6] and [7].\n\nReferences\n\n"
        "5. Kayal, P.: Tables to latex (2021)\n7. Li, M.: Tablebank (2019)\n"
        "6. Lee, E.: Table structure recognition (2022)\n"
        "8. Zheng, X.: GTE (2021). https://doi.org/10.1109/WACV48630.2021. 00074\n"
    )
    document = parse_document(text, "paper.md.txt")
    assert [n.label for n in document.notes] == ["5", "7", "6", "8"]
    assert document.note("8") is not None
    assert document.note("8").urls == ("https://doi.org/10.1109/WACV48630.2021.00074",)


def test_pdf_endnotes_whose_numbers_were_extracted_apart_from_their_texts() -> None:
    # A PDF extractor wrote each note's number as its own block, sometimes before, sometimes
    # after its text, two numbers in a row, with a page number and a running foot in between.
    foot = "ACME ANNUAL REVIEW"
    body = "\n\n".join(f"Paragraph {k} says something.\n\n{k}\n\n{foot}" for k in range(1, 4))
    text = (
        f"{body}\n\nNotes\t\t\n\n"
        "See the report at https://www.\nexample.org/report.pdf\n\n1\n\n2\n\n"
        "See https://example.com/two\n\n3\n\nSecond edition of the Survey, 2019\n\n"
        f"14\n\n{foot}\n\n4\nSee https://example.net/four and\nhttps://example.net/five\n"
    )
    notes, _, _ = read_text(text)
    assert [(n.label, n.text.split()[0]) for n in notes] == [
        ("1", "See"), ("2", "See"), ("3", "Second"), ("4", "See")]
    document = parse_document(text, "notes.txt")
    assert [note.urls for note in document.notes] == [
        ("https://www.example.org/report.pdf",),
        ("https://example.com/two",),
        (),
        ("https://example.net/four", "https://example.net/five"),
    ]


def test_lone_numbers_that_do_not_match_the_paragraphs_are_not_detached_notes() -> None:
    text = "Body.\n\nNotes\n\nOne.\n\n1\n\nTwo.\n\nThree.\n\n2\n\n3\n\nFour.\n"
    notes, _, _ = read_text(text)
    assert notes == []


def _page(number: int, paragraph: str) -> str:
    lines = "\n".join(f"{paragraph} line {k} of the page goes on." for k in range(20))
    return f"{number}\n\n{lines}\n"


def test_page_numbers_after_a_contents_entry_are_not_a_notes_list() -> None:
    # "References" in the table of contents, then the pages of a PDF copied as text: each page
    # number alone on its line is no note label, and the body's "1. Goal" lists are no notes.
    pages = "\n".join(
        _page(k, f"1. Point {k}\n2. Another point\nBody") for k in range(1, 5))
    text = (
        f"Contents\n\nIntroduction\nReferences\n\n9\n11\n\n{pages}\n"
        "References\nhttps://one.example/a\nhttps://two.example/b\n"
    )
    notes, _, _ = read_text(text)
    assert [(n.label, n.text) for n in notes] == [
        ("ref-1", "https://one.example/a"), ("ref-2", "https://two.example/b")]


def test_a_list_of_addresses_wrapped_mid_word_and_across_a_page() -> None:
    text = (
        "Body.\n\nReferences\n"
        "https://one.example/whitepapers/a-prime-opportunity-for-merch\n"
        "ant-acquirers.pdf\n"
        "https://two.example/blog/challenges/\n"
        "https://three.example/uploads/mobile_and\n\n45\n\n\f_money_report.pdf\n"
        "https://four.example/x\n"
    )
    document = parse_document(text, "refs.txt")
    assert [note.urls for note in document.notes] == [
        ("https://one.example/whitepapers/a-prime-opportunity-for-merchant-acquirers.pdf",),
        ("https://two.example/blog/challenges/",),
        ("https://three.example/uploads/mobile_and_money_report.pdf",),
        ("https://four.example/x",),
    ]


def test_a_reference_list_copied_from_a_web_page_is_one_entry_a_line() -> None:
    # The copy lost the numbers and the wrapping: each line is one entry, whatever it ends with
    # (a template's error text) and however short (a title alone).
    filler = "Retrieved March 3, 2021. An additional remark that makes the copied line long."
    rows = [
        f' Doe, Jane (May 2, 2019). "Harbour dredging resumes". Coast Post. {filler}',
        f' "Tide tables for the estuary". Port Authority. {filler} {{cite web}}: |author= has',
        ' "Official page of the Port Authority".',
        f' Roe, Ann (2020). "Dredging costs rise". Marine Weekly. {filler}',
        f' "Harbour history". Town Museum. {filler} https://museum.example/history',
        f' Poe, Al (2018). "Silt and ships". Estuary Review. {filler}',
    ]
    text = "Body text.[1]\n\nReferences\n" + "\n".join(rows) + "\nExternal links\n"
    notes, _, _ = read_text(text)
    assert [(n.label, n.text.split(".")[0]) for n in notes] == [
        ("ref-1", "Doe, Jane (May 2, 2019)"), ("ref-2", '"Tide tables for the estuary"'),
        ("ref-3", '"Official page of the Port Authority"'), ("ref-4", "Roe, Ann (2020)"),
        ("ref-5", '"Harbour history"'), ("ref-6", "Poe, Al (2018)")]


def test_an_alpha_labelled_list_under_a_small_caps_heading() -> None:
    # pdftotext prints a small-caps heading with its first letter apart ("R EFERENCES").
    text = (
        "Music was composed [Joh15a].\n\nR EFERENCES\n\n[Joh15a]\n\n"
        "D. Johnson, “Biaxial recurrent neural network,” GitHub, Aug. 2015. Available: https:\n"
        "//github.com/hexahedria/biaxial-rnn-music-composition\n\n[Mit97]\n\n"
        "T. M. Mitchell, Machine learning. McGraw-Hill, 1997.\n"
    )
    document = parse_document(text, "p.txt")
    assert [(n.label, n.urls) for n in document.notes] == [
        ("Joh15a", ("https://github.com/hexahedria/biaxial-rnn-music-composition",)),
        ("Mit97", ()),
    ]


@pytest.mark.parametrize("heading", [
    "Literatur", "Literaturverzeichnis", "Références bibliographiques", "Bibliografía",
    "Referências", "Riferimenti bibliografici", "Список литературы",
])
def test_a_labelled_list_under_a_heading_in_another_language(heading: str) -> None:
    # A German seminar paper's "Literatur" with alpha labels, then its appendix: the list ends
    # at the flush lettered heading, whose table of addresses is body text, not the last entry.
    text = (
        "Studien zeigen das [HSU16]. Andere auch [BC15].\n\n"
        f"{heading}\n"
        "[BC15]    Birte Balck and Daniel Cracau. Empirical analysis of customer motives in the\n"
        "          shareconomy. FEMM Working Papers 150002, February 2015.\n\n"
        "[HSU16] Juho Hamari and Antti Ukkonen. The sharing economy: Why people participate.\n"
        "        JASIST, 67(9):2047–2059, 2016.\n"
        "A. Untersuchte Markteilnehmer\n"
        " Allygator Shuttle kollaborativer Lebensstil https://www.allygatorshuttle.com\n"
    )
    document = parse_document(text, "seminar.txt")
    assert [(n.label, n.kind, n.urls) for n in document.notes if n.kind != NoteKind.LINK] == [
        ("BC15", NoteKind.FULL, ()), ("HSU16", NoteKind.FULL, ()),
    ]
    assert [n.urls for n in document.notes if n.kind == NoteKind.LINK] == [
        ("https://www.allygatorshuttle.com",)
    ]


@pytest.mark.parametrize("heading", ["伍、參考資料", "五、参考文献", "參考書目", "References"])
def test_a_cjk_reference_list_under_its_own_heading_with_caseless_sub_headings(
    heading: str,
) -> None:
    # A Chinese APA paper: the list under "伍、參考資料" (its part number in words), split by
    # language under "一、英文部分" and "二、中文部分", which are no entries; Chinese entries open
    # with a name in a script without case. Before, the heading was not known and the list was
    # read as body text: no notes at all.
    text = (
        "本文引用 Coleman et al.（2008）與（傅文成 et al., 2019; 廖淑伶, 1990）。\n"
        f"{heading}\n"
        "一、英文部分\n"
        "Coleman, R., McCombs, M., Shaw, D., & Weaver, D. (2008). Agenda Setting. In The\n"
        "  Handbook of Journalism Studies. Routledge. https://doi.org/10.4324/9780203877685\n"
        "二、中文部分\n"
        "傅文成, 謝奇任, & 邊明道. (2019). 以大數據分析取徑探究傳統媒體與社群媒體\n"
        "  的議題設定與預示效果. 傳播與社會學刊, 50, 99–131.\n"
        "廖淑伶. (1990). 議題設定理論之探討. 新聞學研究, 43, 25–37.\n"
    )
    document = parse_document(text, "paper.txt")
    assert [(n.label, n.kind, n.urls, n.text[:3]) for n in document.notes] == [
        ("ref-1", NoteKind.FULL, ("https://doi.org/10.4324/9780203877685",), "Col"),
        ("ref-2", NoteKind.FULL, (), "傅文成"),
        ("ref-3", NoteKind.FULL, (), "廖淑伶"),
    ]


def test_an_entry_ending_in_its_access_date_without_a_stop_has_ended() -> None:
    # A German seminar paper's list, every line flush: "…, zuletzt aufgerufen am 05.11.2022"
    # ends its entry without a stop, and the next name opens the next one (before, the two
    # entries were read as one, its URLs shifting every entry after).
    text = (
        "Wie gezeigt.\n\nLiteraturverzeichnis\n"
        "Lyn, Gordon, „Mono vs Stereo“, in: https://www.hifireport.com/mono-vs-stereo/, "
        "zuletzt aufgerufen am 05.11.2022\n"
        "Mikula, Tobias, „Lichtwecker“, in: https://schlafwissen.com/lichtwecker, zuletzt\n"
        "aufgerufen am 05.11.2022\n"
        "„Right to Repair Europe“, in: https://repair.eu/de/, accessed 1 November 2022\n"
        "Ruda, Neha, „What is a bridge?“, in: https://www.geeksforgeeks.org/bridge/, zuletzt "
        "aufgerufen am 30.10.2022.\n"
    )
    document = parse_document(text, "seminar.txt")
    assert [(n.label, n.urls) for n in document.notes] == [
        ("ref-1", ("https://www.hifireport.com/mono-vs-stereo/",)),
        ("ref-2", ("https://schlafwissen.com/lichtwecker",)),
        ("ref-3", ("https://repair.eu/de/",)),
        ("ref-4", ("https://www.geeksforgeeks.org/bridge/",)),
    ]


def test_a_url_broken_before_its_host_ends_stays_in_its_entry() -> None:
    # "https://web.ar" ⏎ "chive.org/web/…/http://…": the line opens with no URL of its own
    # (its "://" belongs to the archived address), so it opens no entry of its own.
    text = (
        "Wie gezeigt.\n\nLiteraturverzeichnis\n"
        "Nowak, Paul, “The Powerful Economic Underpinnings of OSS”, in: https://web.ar\n"
        "chive.org/web/20031204125550/http://www.linuxworld.com/story/34293.htm, zuletzt\n"
        "aufgerufen am 30.09.2022.\n"
        "„One Call API 2.5”, in: https://openweathermap.org/api/one-call-api, zuletzt\n"
        "aufgerufen am 01.11.2022.\n"
    )
    document = parse_document(text, "seminar.txt")
    assert [(n.label, n.urls) for n in document.notes] == [
        ("ref-1", ("https://web.archive.org/web/20031204125550/http://www.linuxworld.com/story/"
                   "34293.htm",)),
        ("ref-2", ("https://openweathermap.org/api/one-call-api",)),
    ]


def test_a_titled_list_of_bare_addresses_after_a_numbered_sources_list_is_its_own() -> None:
    # A white paper's "Sources", numbered addresses, then "Images" and its credits, one a
    # line, one of them without an address. Before, the last source swallowed them all.
    text = (
        "Brands matter (1). They cost (2).\n\nSources\n"
        "1. https://smallbusiness.example/effect-brand-61767.html\n"
        "2. https://www.forbes.example/sites/most-valuable-brands-2018/\n"
        "Images\n"
        "https://upload.wikimedia.org/wikipedia/commons/thumb/6/6a/Gap.svg/1024px-Gap.svg.png\n"
        "apple watch - Bing images\n"
        "https://www.fastcompany.example/3066401/the-best-and-worst-branding-of-2016\n"
    )
    document = parse_document(text, "paper.txt")
    assert [(n.label, n.urls) for n in document.notes] == [
        ("1", ("https://smallbusiness.example/effect-brand-61767.html",)),
        ("2", ("https://www.forbes.example/sites/most-valuable-brands-2018/",)),
        ("ref-1", ("https://upload.wikimedia.org/wikipedia/commons/thumb/6/6a/Gap.svg/"
                   "1024px-Gap.svg.png",)),
        ("ref-2", ()),
        ("ref-3", ("https://www.fastcompany.example/3066401/the-best-and-worst-branding-of-2016",)),
    ]


def test_a_credit_for_the_authors_own_figure_is_a_comment() -> None:
    # A German seminar paper's "Bildquellen" under its bibliography: a figure the author made
    # cites no source (it was read as a full citation); a credit naming a source still does.
    text = (
        "Wie gezeigt.\n\nLiteraturverzeichnis\n"
        "Lyn, Gordon, „Mono vs Stereo“, in: https://www.hifireport.com/mono-vs-stereo/, "
        "zuletzt aufgerufen am 05.11.2022.\n"
        "Abbildung 1: eigene Abbildung vom 30.08.2022.\n"
        "Abbildung 2-3: eigene Abbildung, vom 16.10.2022.\n"
        "Figure 4: Own illustration, 2022.\n"
        "Abbildung 5: Statista (2021), Plastikmüll in Deutschland.\n"
    )
    document = parse_document(text, "seminar.txt")
    assert [(n.label, n.kind) for n in document.notes] == [
        ("ref-1", NoteKind.FULL), ("ref-2", NoteKind.COMMENT), ("ref-3", NoteKind.COMMENT),
        ("ref-4", NoteKind.COMMENT), ("ref-5", NoteKind.FULL),
    ]


def test_the_next_numbered_section_ends_a_numbered_bibliography() -> None:
    # "14 Literaturverzeichnis" with its part "14.2 Bildquellen", then "15 Eidesstattliche
    # Erklärung": the next section, no more of the last entry (which took its text before).
    text = (
        "Wie gezeigt.\n\n14 Literaturverzeichnis\n"
        "Lyn, Gordon, „Mono vs Stereo“, in: https://www.hifireport.com/mono-vs-stereo/, "
        "zuletzt aufgerufen am 05.11.2022.\n"
        "14.2 Bildquellen\n"
        "Abbildung 5: Statista (2021), Plastikmüll in Deutschland.\n"
        "15 Eidesstattliche Erklärung\n"
        "Ich erkläre hiermit, dass ich die Arbeit 2022 selbst angefertigt habe.\n"
    )
    document = parse_document(text, "seminar.txt")
    assert [(n.label, n.text) for n in document.notes] == [
        ("ref-1", "Lyn, Gordon, „Mono vs Stereo“, in: https://www.hifireport.com/mono-vs-stereo/, "
                  "zuletzt aufgerufen am 05.11.2022."),
        ("ref-2", "Abbildung 5: Statista (2021), Plastikmüll in Deutschland."),
    ]


def test_author_date_entries_keep_their_doi_line_subtitle_and_page_break() -> None:
    text = (
        "Stars pulse (Basri et al., 2010). Missions flew (Howell et al., 2014). Dwarfs pulse "
        "(Winget & Kepler, 2008).\n\nReferences\n"
        "Basri, G., & Brown, T. (2010). Photometric variability. The Astrophysical Journal, 713.\n"
        "https://doi.org/10.1088/2041-8205/713/2/L155\n"
        "Howell, S. B., & Fortney, J. J. (2014). The k2 mission:\n"
        "Characterization and early results. PASP, 126. https://doi.org/10.1086/676406\n"
        "\n\f12\n"
        "Winget, D. E., & Kepler, S. O. (2008). Pulsating white dwarf stars. ARAA, 46.\n"
        "https://doi.org/10.1146/annurev.astro.46.060407.145250\n"
    )
    document = parse_document(text, "w.txt")
    assert [(n.label, n.urls) for n in document.notes] == [
        ("ref-1", ("https://doi.org/10.1088/2041-8205/713/2/L155",)),
        ("ref-2", ("https://doi.org/10.1086/676406",)),
        ("ref-3", ("https://doi.org/10.1146/annurev.astro.46.060407.145250",)),
    ]


def _listed(text: str) -> list[tuple[str, str]]:
    return [(n.label, " ".join(n.text.split())) for n in read_text(text)[0]]


@pytest.mark.parametrize(
    "heading", ["Prior Art / References:", "Further reading / Sources", "Appendix B: References",
                "Annex 2 – Bibliography"],
)  # fmt: skip
def test_a_heading_with_a_label_before_its_name(heading: str) -> None:
    text = (f"Body text.\n{heading}\nOWASP Packman\nhttps://github.com/OWASP/packman\n"
            "OSSF Scorecard\nhttps://github.com/ossf/scorecard\n")
    assert _listed(text) == [("ref-1", "OWASP Packman https://github.com/OWASP/packman"),
                             ("ref-2", "OSSF Scorecard https://github.com/ossf/scorecard")]


def test_a_label_before_a_word_that_is_no_heading_name_is_prose() -> None:
    text = "Body.\nSee also / References to come\n1. Not a note, 2020.\n"
    assert labels(text) == []


def test_entries_ending_in_a_url_without_a_stop_each_end_there() -> None:
    text = (
        "References\n"
        "CycloneDX Specification\nhttps://cyclonedx.org/docs/1.2/\n"
        "What is sigstore?\nhttps://sigstore.dev/what_is_sigstore/\n"
        "Google Binary Authorization/SLSA\nhttps://github.com/slsa-framework/slsa\n"
        "https://cloud.google.com/binary-authorization\n"
        "2020 data-breach investigation report\nhttps://example.com/dbir-2020.pdf\n"
        "\u200b\n"
        "Snyk Best Practices\nhttps://example.com/snyk.pdf\n"
        "Accessed 3 May 2021.\n"
        "Infosec Institute security best practices\nhttps://example.com/git\n"
        "Appendix I - Containers\nBase Container Images\nA container build starts with a base.\n"
    )
    assert _listed(text) == [
        ("ref-1", "CycloneDX Specification https://cyclonedx.org/docs/1.2/"),
        ("ref-2", "What is sigstore? https://sigstore.dev/what_is_sigstore/"),
        ("ref-3", "Google Binary Authorization/SLSA https://github.com/slsa-framework/slsa"),
        ("ref-4", "https://cloud.google.com/binary-authorization"),
        ("ref-5", "2020 data-breach investigation report https://example.com/dbir-2020.pdf"),
        ("ref-6", "Snyk Best Practices https://example.com/snyk.pdf Accessed 3 May 2021."),
        ("ref-7", "Infosec Institute security best practices https://example.com/git"),
    ]


@pytest.mark.parametrize("ditto", ["— — —.", "———.", "——.", "---.", "___."])
def test_a_ditto_entry_repeats_the_authors_and_is_an_entry_of_its_own(ditto: str) -> None:
    text = (
        "References\n"
        "Office of Management and Budget. “Table 3.2—Outlays by Function.”\n"
        "  https://example.gov/omb/Historicals.\n"
        f"{ditto} “Table 11.3—Outlays for Payments for Individuals: 1940–\n"
        "  2021.” https://example.gov/omb/Historicals.\n"
        "O’Higgins, Michael. 1981. “The Distribution of Public Expenditures.”\n"
        "  https://example.org/full.\n"
    )
    found = _listed(text)
    assert [label for label, _ in found] == ["ref-1", "ref-2", "ref-3"]
    assert found[1][1].startswith(ditto) and found[1][1].endswith("Historicals.")
    assert [n.kind for n in parse_document(text, "refs.txt").notes] == [NoteKind.FULL] * 3


def test_a_ditto_dash_alone_on_its_line_takes_the_title_from_the_next() -> None:
    text = (
        "References\n"
        "Aristotle. De Anima. Cambridge: Cambridge University Press, 1907.\n"
        "—\n"
        "  Physics. Trans. by P. H. Wicksteed. New York: G. P.\n"
        "  Putnam, 1929.\n"
        "Kant, Immanuel. “Kritik der praktischen Vernunft.” Berlin, 1968.\n"
        "—\n"
        "“Kritik der Urtheilskraft.” In: Kants Werke. Vol. 5:\n"
        "Kritik der praktischen Vernunft. Berlin: Walter de\n"
        "Gruyter, 1968, pp. 165–485.\n"
    )
    found = _listed(text)
    assert [label for label, _ in found] == ["ref-1", "ref-2", "ref-3", "ref-4"]
    assert found[1][1] == "— Physics. Trans. by P. H. Wicksteed. New York: G. P. Putnam, 1929."
    assert found[3][1].startswith("— “Kritik der Urtheilskraft.”")
    assert found[3][1].endswith("pp. 165–485.")


def test_a_bibliography_split_under_sub_headings_goes_on_under_each() -> None:
    text = (
        "Bibliography\n"
        "Printed Sources\n"
        "Goossens, Michel, and Alexander Samarin (1994). The LaTeX\n"
        "  Companion. Reading, Mass.: Addison-Wesley.\n"
        "Knuth, Donald E. (1984). The TEXbook. Reading, Mass.: Addison-Wesley.\n"
        "Online Sources\n"
        "CTAN (2006). The Comprehensive TeX Archive Network. url: http://www.ctan.org\n"
        "  (visited on 10/01/2006).\n"
    )
    found = _listed(text)
    assert [label for label, _ in found] == ["ref-1", "ref-2", "ref-3"]
    assert found[0][1].startswith("Goossens") and found[1][1].startswith("Knuth")
    assert found[2][1].startswith("CTAN (2006)")
    assert "Sources" not in " ".join(t for _, t in found)


def test_a_short_title_line_before_its_own_wrapped_text_is_no_sub_heading() -> None:
    text = (
        "References\n"
        "Smith, J. (2010). A study. https://a.example/1\n"
        "World Health Organization\n"
        "  Global report, 2019. https://who.example/report\n"
    )
    assert [t for _, t in _listed(text)][1].startswith("World Health Organization Global")


SHORTHANDS = (
    "KpV Immanuel Kant. “Kritik der praktischen Vernunft.” In: Kants Werke.\n"
    "Akademie Textausgabe. Vol. 5. Berlin: Walter de Gruyter, 1968, pp. 1–163.\n"
    "  KU Immanuel Kant. “Kritik der Urtheilskraft.” In: Kants Werke. Akademie\n"
    "  Textausgabe. Vol. 5. Berlin: Walter de Gruyter, 1968, pp. 165–485.\n"
)


@pytest.mark.parametrize("heading", ["Abbreviations", "List of Shorthands", "Shorthands", "Sigla"])
def test_a_list_of_shorthands_names_its_works_by_their_shorthand(heading: str) -> None:
    text = (f"Body text.\n\n{heading}\n{SHORTHANDS}References\n"
            "Aristotle. De Anima. Cambridge: Cambridge University Press, 1907.\n")
    found = _listed(text)
    assert [label for label, _ in found] == ["KpV", "KU", "ref-1"]
    assert found[0][1] == ("Immanuel Kant. “Kritik der praktischen Vernunft.” In: Kants Werke. "
                           "Akademie Textausgabe. Vol. 5. Berlin: Walter de Gruyter, 1968, "
                           "pp. 1–163.")
    assert found[1][1].endswith("pp. 165–485.")
    assert [n.kind for n in parse_document(text, "a.txt").notes] == [NoteKind.FULL] * 3


def test_a_glossary_of_abbreviations_is_no_list_of_sources() -> None:
    text = ("Body text.\n\nAbbreviations\nNATO North Atlantic Treaty Organization\n"
            "UNCLOS United Nations Convention on the Law of the Sea (1982)\n"
            "WHO World Health Organization\n")
    assert labels(text) == []


def _kinds(text: str) -> dict[str, NoteKind]:
    return {n.label: n.kind for n in parse_document(text, "a.txt").notes}


def test_a_brief_entry_of_a_numbered_reference_list_is_a_source() -> None:
    text = ("Trace trees (1) and the JIT [2] help (3).\n\nReferences\n"
            "[1] A. Gal. Trace-based compilation. PhD thesis, UC Irvine, 2006.\n"
            "[2] B. McCloskey. Personal communication.\n"
            "[3] Gal, Trace-based compilation, p. 4.\n")
    assert _kinds(text) == {"1": NoteKind.FULL, "2": NoteKind.FULL, "3": NoteKind.SHORT}


def test_a_brief_entry_of_a_numbered_notes_list_is_still_an_unresolved_short_form() -> None:
    text = ("Trace trees.[1] The JIT.[2]\n\nNotes\n"
            "[1] A. Gal. Trace-based compilation. PhD thesis, UC Irvine, 2006.\n"
            "[2] B. McCloskey. Personal communication.\n")
    kinds = _kinds(text)
    assert kinds["1"] is NoteKind.FULL and kinds["2"] is not NoteKind.FULL


READING = (
    "References\n"
    "Itzhaki: Some remarks on ’t Hooft’s S-matrix for black holes itzhaki\n"
    "Nissan Itzhaki. Some remarks on ’t Hooft’s S-matrix for black holes. Version 1.\n"
    "Mar. 11, 1996. arXiv: hep-th/9603067.\n"
    "Annotations: An online reference from arXiv. Note the eprint and eprinttype\n"
    "fields.\n"
    "Abstract: We discuss the limitations of the S-matrix.\n"
    "Padhye et al.: A Stochastic Model of TCP Reno Congestion Avoidance\n"
    "and Control padhye\n"
    "Jitendra Padhye, Victor Firoiu, and Don Towsley. A Stochastic Model of TCP\n"
    "Reno Congestion Avoidance and Control. Tech. rep. 99-02. Amherst, Mass.:\n"
    "University of Massachusetts, 1999.\n"
    "Annotations: This is a report entry for a technical report.\n"
    "Abstract: The steady state performance of a bulk transfer TCP flow\n"
    "may be characterized by three quantities.\n"
    "File: ftp://gaia.cs.umass.edu/pub/Padhey99-markov.ps.\n"
)


def test_an_annotated_reading_list_keeps_each_abstract_with_its_entry() -> None:
    found = _listed(READING)
    assert [label for label, _ in found] == ["ref-1", "ref-2"]
    assert found[0][1].startswith("Itzhaki: Some remarks")
    assert found[0][1].endswith("limitations of the S-matrix.")
    assert found[1][1].endswith("File: ftp://gaia.cs.umass.edu/pub/Padhey99-markov.ps.")
    notes = parse_document(READING, "a.txt").notes
    assert [n.urls for n in notes][1] == ("ftp://gaia.cs.umass.edu/pub/Padhey99-markov.ps",)


def test_a_list_without_annotations_is_no_reading_list() -> None:
    text = ("References\nSmith: a note on names smith\nJohn Smith. Names. Oxford, 2001.\n"
            "Jones, Ann. Places. London, 2003.\n")
    assert [t for _, t in _listed(text)][-1] == "Jones, Ann. Places. London, 2003."


def test_an_entry_ending_in_a_wrapped_url_ends_there() -> None:
    text = (
        "References\n"
        "Marx, K. H. (2015). Capital (Vol. 1). Moscow: Progress Publishers. Retrieved from\n"
        "  https://www.marxists.\n"
        "  org/archive/marx/works/download/pdf/Capital-Volume-I.pdf\n"
        "Merleau-Ponty, M. (1964). The primacy of perception: And other essays\n"
        "  on phenomenological psychology. Northwestern University Press.\n"
    )
    notes = parse_document(text, "a.txt").notes
    assert [n.label for n in notes] == ["ref-1", "ref-2"]
    assert notes[0].urls == (
        "https://www.marxists.org/archive/marx/works/download/pdf/Capital-Volume-I.pdf",)
    assert notes[1].text.startswith("Merleau-Ponty")


def test_a_line_ending_in_an_initial_or_opening_in_lower_case_goes_on_with_its_entry() -> None:
    text = (
        "References\n"
        "Aristotle. Physics. Trans. by P. H. Wicksteed. New York: G. P.\n"
        "Putnam, 1929.\n"
        "Averroes. The Epistle on the Possibility of Conjunction. Ed. and trans.\n"
        "by Kalman P. Bland. New York: Jewish Theological Seminary, 1982.\n"
        "van Zanten, H. Livestock. Wageningen, 2016.\n"
    )
    found = _listed(text)
    assert [label for label, _ in found] == ["ref-1", "ref-2", "ref-3"]
    assert found[0][1].endswith("G. P. Putnam, 1929.")
    assert found[1][1].endswith("Seminary, 1982.")
    assert found[2][1].startswith("van Zanten")


def test_a_ditto_entry_is_cited_by_the_authors_it_repeats() -> None:
    text = (
        "Duty comes first (Kant 1968a). Taste is judged (Kant 1968b).\n\nReferences\n"
        "Kant, Immanuel. 1968a. Kritik der praktischen Vernunft. Berlin: de Gruyter.\n"
        "———. 1968b. Kritik der Urtheilskraft. Berlin: de Gruyter.\n"
    )
    notes = parse_document(text, "a.txt").notes
    assert [n.citation.authors for n in notes] == [("Kant, Immanuel",)] * 2
    assert [[c.text for c in n.claims] for n in notes] == [
        ["Duty comes first."], ["Taste is judged."]]


def test_a_count_under_a_heading_word_is_not_a_note() -> None:
    # A PDF's cover page: "CITATIONS" (a heading word) over a count, then more stats.
    cover = ("Conference Paper · November 2013\nCITATIONS\n58\nREADS\n875\n"
             "10 authors, including:\n\nWe present a library [1].\n\n"
             "References\n\n[1] A. Author. A title. Journal, 2009.\n")
    assert labels(cover) == ["1"]
    # A list whose first note stands alone on its line is still read.
    assert labels("Text.¹ More.²\n\nNotes\n1\nSee the report.\n2\nAnd the appendix.\n") == [
        "1", "2"]


def test_harvard_entries_open_with_a_name_and_its_year_in_parentheses() -> None:
    # Cite Them Right: "Author (year) 'Title'", no comma after a corporate author; a line that
    # opens so after an entry's full stop is the next entry, not the entry's next line.
    text = (
        "References\n"
        "London Datastore (2019) ‘Cultural Infrastructure Map - London Datastore’.\n"
        "Mayor of London (2022) ‘London Borough of Culture — The story so far’.\n"
        "Mayor of London (no date) ‘The Mayor’s priorities on arts and culture | London\n"
        "City Hall’. https://www.london.example/priorities.\n"
    )
    found = _listed(text)
    assert [label for label, _ in found] == ["ref-1", "ref-2", "ref-3"]
    assert found[1][1].startswith("Mayor of London (2022)")
    assert found[2][1].endswith("City Hall’. https://www.london.example/priorities.")


def test_a_paragraph_after_a_list_is_no_entry_of_it_unless_the_list_goes_on_after_it() -> None:
    # "Cognitive Therapy Research, 37(4), 704-712." between two entries is the rest of the one
    # above; a remark after the last entry ends the list and joins no entry.
    text = (
        "References\n\n"
        "Mogoase, C. (2013). Can Concreteness Training Alone Reduce Depressive Symptoms?\n\n"
        "Cognitive Therapy Research, 37(4), 704-712.\n\n"
        "Zung, W.W.K. (1965). A self-rating depression scale.\n\n"
        "This paper was typeset by the authors.\n\n"
        "Thanks to the reviewers for their comments.\n"
    )
    found = _listed(text)
    assert [label for label, _ in found] == ["ref-1", "ref-2"]
    assert found[0][1].endswith("Cognitive Therapy Research, 37(4), 704-712.")
    assert found[1][1] == "Zung, W.W.K. (1965). A self-rating depression scale."


def test_an_appendix_heading_ends_the_notes_and_the_references() -> None:
    text = (
        "Aadhaar¹ is everywhere.\n\nNotes\n"
        "¹The book of Nilekani and Shah is one of many references.\n"
        "²Not all cities provide such SLAs.\n"
        "Appendix: Figures\n"
        "Name* Mobile No* Email\n"
        "Figure 1: Public Grievance Data Usage\n"
    )
    notes = read_text(text)[0]
    assert [(n.label, n.text) for n in notes] == [
        ("1", "The book of Nilekani and Shah is one of many references."),
        ("2", "Not all cities provide such SLAs."),
    ]
    text = (
        "Transfers matter (Voena 2015).\n\nReferences\n"
        "Voena, Alessandra. 2015. “Yours, Mine, and Ours.” American Economic Review 105.\n"
        "Appendix\nReplication\nThe code is at https://github.com/x/y. The files also hold "
        "all of the parameters.\n"
    )
    notes = read_text(text)[0]
    assert [n.label for n in notes] == ["ref-1"]
    assert "github" not in notes[0].text


def test_a_percentage_set_small_is_no_note_number() -> None:
    # A chart's axis in small type: "¹⁰%", "²⁰%" after the notes are percentages.
    text = "Aadhaar¹ is everywhere.\n\nNotes\n¹A note.\n\n⁰%\n¹⁰%\n²⁰%\n³⁰%\n"
    assert labels(text) == ["1"]


def test_a_decimal_number_in_raised_figures_is_no_note_number() -> None:
    text = "Aadhaar¹ is everywhere.\n\nNotes\n¹A note.\n\n¹.⁷⁵x ²⁹% −$¹.⁷T\n"
    assert labels(text) == ["1"]


def test_an_entry_whose_first_word_css_hyphenation_broke_opens_an_entry() -> None:
    text = (
        "Consumption responds (Jappelli and Pistaferri, 2010).\n\nReferences\n"
        "Fisher, I. (1933). \"The Debt-Deflation Theory of Great Depressions.\" Econometrica, "
        "1(4),\n  337–357.\n"
        "Jap\u2010\n  pelli, T. and Pistaferri, L. (2010). \"The Consumption Response to Income "
        "Changes.\" An\u2010\n  nual Review of Economics, 2, 479–506.\n"
        "Kornai, J. (1986). \"The Soft Budget Constraint.\" Kyklos, 39(1), 3–30.\n"
    )
    notes = read_text(text)[0]
    assert [n.label for n in notes] == ["ref-1", "ref-2", "ref-3"]
    assert notes[1].text.startswith("Jap\u2010")


@pytest.mark.parametrize("heading", ["Work Cited:", "Works Cited:", "WORK CITED"])
def test_a_work_cited_list_is_a_bibliography_under_either_spelling(heading: str) -> None:
    text = (
        "Audubon drew birds.\n\n"
        f"{heading}\n\n"
        "Adams, Alexander. John James Audubon. New York: Putnam, 1966.\n\n"
        "Cahalane, Victor. The Imperial Collection of Audubon Animals. New York: Bonanza, 1967.\n"
    )
    assert [label for label, _ in _listed(text)] == ["ref-1", "ref-2"]


def test_an_author_who_writes_their_name_in_lower_case_opens_an_entry() -> None:
    text = (
        "References\n\n"
        "Berend, Daniel, and Jacob Paroush. 1998. “When Is Condorcet’s Jury Theorem Valid?”\n\n"
        "boyd, danah, and Kate Crawford. 2012. “Critical Questions for Big Data.” Information, "
        "Communication & Society 15 (5): 662–79. https://doi.org/10.1080/1369118X.2012.678878.\n\n"
        "hooks, bell. (2000). Where we stand: Class matters. Routledge.\n\n"
        "Condorcet, Marquis de. 1976. “Essay on the Application of Mathematics.”\n"
    )
    found = _listed(text)
    assert [t.split(",")[0] for _, t in found] == ["Berend", "boyd", "hooks", "Condorcet"]


def test_an_apa_author_in_lower_case_opens_an_entry_after_a_url_ending_in_a_slash() -> None:
    # Word's APA list, no blank lines: an entry's URL ends in "/" (which may go on), and the
    # next entry's author is an agency written as its site writes it ("dhcs.").
    text = (
        "References\n"
        "California, S. of. (2022, January 11). In the Central Valley. California Governor.\n"
        "https://www.gov.ca.gov/2022/01/11/in-the-central-valley/\n"
        "dhcs. (n.d.). Refugee Insurance policy. https://www.dhcs.ca.gov/services/letters\n"
        "Ives, N. (2014). Transnational elements. https://doi.org/10.1080/21931674.2014.950107\n"
    )
    assert [t.split(".")[0] for _, t in _listed(text)] == ["California, S", "dhcs", "Ives, N"]


def test_prose_in_lower_case_after_a_bibliography_is_no_entry() -> None:
    text = (
        "References\n\n"
        "Wu, Tim. 2017. The Attention Merchants. London: Atlantic Books.\n\n"
        "however, in 2019 the platform changed its rules\n"
    )
    assert [t.split(",")[0] for _, t in _listed(text)] == ["Wu"]


def test_a_host_named_alone_in_body_text_is_a_body_link_but_not_in_a_reference() -> None:
    text = (
        "Permits are listed in SMARTS (smarts.waterboards.ca.gov, last accessed 2017).[1]\n\n"
        "Notes\n\n"
        "1. “Construction permits”. permits.waterboards.ca.gov. Retrieved 2017.\n"
    )
    document = parse_document(text, "notes.txt")
    assert [(n.label, n.urls) for n in document.notes] == [
        ("link-1", ("https://smarts.waterboards.ca.gov",)), ("1", ())]


_TEMPLATE_REFERENCES = """\
Appendix A. References
[Required section.]
This appendix lists the references used in this document.

The proper format for a citation is:

[Citation Label]
Work Product title (italicized). Edited by A. Alston. Approval date (DD Month YYYY).

[OpenDoc-1.2]
Open Document Format Version 1.2. Edited by P. Durusau. 19 January 2011. https://a.example/od.html.

Reference sources:
For references to IETF RFCs, use the approved citation formats at:
https://b.example/rfc-list.html.

A.1 Normative References
The following documents are referenced in such a way that they constitute requirements.

[RFC2119]
Bradner, S., "Key words for use in RFCs", BCP 14, RFC 2119, March 1997, <https://c.example/rfc2119>.
[Reference]
[Full reference citation]

[Unicode]
The Unicode Consortium. The Unicode Standard,
https://d.example/unicode/

Appendix B. Security Considerations
[Optional section.]
For example, IETF [RFC2119] lists the threats that must be considered.
"""


def test_a_labelled_entry_goes_on_over_a_page_break_to_its_set_in_second_paragraph() -> None:
    text = (
        "   Browsers use XMLHttpRequest [XHR] and the API [WSAPI].\n\n"
        "14.2.  Informative References\n\n"
        "   [WSAPI]    Hickson, I., \"The WebSocket API\", September 2011,\n"
        "              <http://www.w3.org/TR/2011/WD-websockets-20110929/>.\n\n"
        "              Latest version available at\n"
        "              <http://www.w3.org/TR/websockets/>.\n\n"
        "   [XHR]\n"
        "              van Kesteren, A., Ed., \"XMLHttpRequest\", August 2010,\n"
        "              <http://www.w3.org/TR/2010/CR-XMLHttpRequest-20100803/>.\n\n\n"
        "Fette & Melnikov             Standards Track                   [Page 70]\n"
        "\fRFC 6455                 The WebSocket Protocol            December 2011\n\n\n"
        "              Latest version available at\n"
        "              <http://www.w3.org/TR/XMLHttpRequest/>.\n\n"
        "Authors' Addresses\n\n"
        "   Ian Fette\n"
    )
    notes = {n.label: n for n in parse_document(text, "rfc.txt").notes}
    assert notes["WSAPI"].text.endswith("Latest version available at <http://www.w3.org/TR/websockets/>.")
    assert notes["XHR"].urls == (
        "http://www.w3.org/TR/2010/CR-XMLHttpRequest-20100803/",
        "http://www.w3.org/TR/XMLHttpRequest/",
    )
    assert "Ian Fette" not in notes["XHR"].text


def test_a_labelled_list_keeps_a_templates_tags_and_prose_out_of_its_entries() -> None:
    """A bracketed phrase ("[Citation Label]", "[Required section.]") is a placeholder, not a
    label; a paragraph between entries that is no reference is prose of the body, with its
    links, not more of the entry before it."""
    document = parse_document(_TEMPLATE_REFERENCES, "template.txt")
    notes = {note.label: note for note in document.notes}
    assert [n.label for n in document.notes if n.kind is not NoteKind.LINK] == [
        "OpenDoc-1.2", "RFC2119", "Unicode"]
    assert notes["OpenDoc-1.2"].urls == ("https://a.example/od.html",)
    assert notes["Unicode"].urls == ("https://d.example/unicode/",)
    assert "following documents" not in notes["OpenDoc-1.2"].text
    links = [n.urls for n in document.notes if n.kind is NoteKind.LINK]
    assert links == [("https://b.example/rfc-list.html",)]
    cited_at = _TEMPLATE_REFERENCES.split("\n").index(
        "For example, IETF [RFC2119] lists the threats that must be considered.") + 1
    assert [claim.line for claim in notes["RFC2119"].claims] == [cited_at]


def test_a_labelled_entrys_paragraphs_that_read_as_a_reference_stay_with_it() -> None:
    text = (
        "References\n\n[Cur14]\n\nMIT Press\n\n"
        "A. Curtis, “Now then,” BBC, Jul. 2014. [Online]. Available: https://e.example/now\n\n"
        "[Knuth '84] D. Knuth, Literate Programming, 1984.\n"
        "    continued on an indented line after a break, https://f.example/lp\n"
    )
    notes = {note.label: note for note in parse_document(text, "refs.txt").notes}
    assert notes["Cur14"].urls == ("https://e.example/now",)
    assert notes["Knuth '84"].urls == ("https://f.example/lp",)


def test_a_hanging_indent_list_opens_an_entry_at_each_flush_line_however_the_last_ended() -> None:
    # Word's bibliography: entries told apart by the hanging indent only; an entry may end in
    # ")" or an access date, and one with no author opens with its title.
    text = (
        "Authority data is shared (see Bourdon).\n\nBibliography\n\n"
        "Bourdon, Françoise. International Cooperation in the Field of Authority Data: an\n"
        "  Analytical Study. München: K.G. Saur, 1993. (UBCIM\n"
        "  Publications, New series, v. 11)\n"
        "Delsey, Tom (1989). “Authority Control in an International Context,” Cataloging &\n"
        "  Classification Quarterly, v.9, no. 3, p. 13-28.\n"
        "Guidelines for Authority Records and References. 2nd ed. München: K.G. Saur, 2001.\n"
        "  (UBCIM Publications, New series, v. 23)\n"
        "Structure of Corporate Name Headings. Final report of the Working Group, 2000.\n"
        "  Available online: http://www.ifla.org/VII/s13/scatn/final2000.htm\n"
        "  (accessed July 9, 2008)\n"
        "Tillett, Barbara B. “Authority Control on the Web,” Proceedings, 2001.\n"
    )
    notes = parse_document(text, "x.txt").notes
    assert [n.text.split(".")[0] for n in notes] == [
        "Bourdon, Françoise", "Delsey, Tom (1989)", "Guidelines for Authority Records and "
        "References", "Structure of Corporate Name Headings", "Tillett, Barbara B"]


def test_a_numbered_reference_entry_that_is_only_a_title_is_a_source_but_a_remark_is_not() -> None:
    # Under "References": a report named only by its title (in title case) is a source the
    # body cites; a remark set in the list ("7 of 10 hospitals joined …") stays a comment.
    text = (
        "Intro text cites a standard [1] and a remark [2] and a paper [3].\n\nReferences\n"
        "1. The Technical Specification for the Security Content Automation Protocol (SCAP) "
        "Special Publication 800-126 Revision 3.\n"
        "2. 7 of 10 state-designated research hospitals joined the consortium\n"
        "3. Takahashi, Takeshi, and Koji Nakao. \"Toward automated vulnerability monitoring.\" "
        "IEEE, 2016.\n"
    )
    document = parse_document(text, "x.txt")
    assert [(n.label, n.kind) for n in document.notes] == [
        ("1", NoteKind.FULL), ("2", NoteKind.COMMENT), ("3", NoteKind.FULL)]


def test_an_access_note_flush_under_a_hanging_indent_stays_with_its_entry() -> None:
    # Word's Harvard: the entry's lines set in, but "Available at:" and "[Accessed …]" may
    # come back to the margin, after a line that ends in a stop and "[Online]".
    text = (
        "Works Cited\n"
        "Puckett, B., 2019. Japan: Supreme Court rules on Mandatory Retirement. [Online]\n"
        "Available at: https://example.com/japan-supreme-court/\n"
        "[Accessed 20 May 2020].\n"
        "Kanert, M., 2019. All About Pensions in Japan. [Online]\n"
        "  Available at: https://example.com/article/7663/\n"
        "  [Accessed 20 May 2020].\n"
        "Savage, M., 2015. Social Class in the 21st Century. London, UK: Penguin.\n"
    )
    assert _listed(text) == [
        ("ref-1", "Puckett, B., 2019. Japan: Supreme Court rules on Mandatory Retirement. "
                  "[Online] Available at: https://example.com/japan-supreme-court/ "
                  "[Accessed 20 May 2020]."),
        ("ref-2", "Kanert, M., 2019. All About Pensions in Japan. [Online] Available at: "
                  "https://example.com/article/7663/ [Accessed 20 May 2020]."),
        ("ref-3", "Savage, M., 2015. Social Class in the 21st Century. London, UK: Penguin."),
    ]


def test_reference_in_the_singular_heads_a_list_only_where_a_heading_stands() -> None:
    entries = ("Inmon, W. H. (1992). Building the data warehouse. John Wiley & Sons.\n"
               "Srnicek, N. (2016). Platform capitalism. Polity Press.\n")
    document = parse_document(f"Data is big (Inmon, 1992).\n\nReference\n\n{entries}", "a.txt")
    assert [note.label for note in document.notes] == ["ref-1", "ref-2"]
    # A table cell's wrapped name ("OSCAL Syntax" ⏎ "Reference") is no heading.
    cell = ("OSCAL Syntax           The latest syntax reference for each OSCAL Model.\n"
            "Reference\n\nhttps://pages.nist.gov/OSCAL/documentation/schema/\n")
    document = parse_document(cell, "a.txt")
    assert [note.kind.value for note in document.notes] == ["link"]
