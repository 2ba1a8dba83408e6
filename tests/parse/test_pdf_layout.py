"""The PDF layout rules that work on extracted lines: indents, hyphens, footnote numbers."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from support.pdf import Page, Run, build_pdf

from citecheck.parse.pdf import extract
from citecheck.parse.pdf.extract import PdfLink, PdfPage, _settle_hyphens, extract_pdf
from citecheck.parse.pdf.footnotes import _indents, split_layout
from citecheck.parse.pdf.repair import repair_lines


def page(lines: list[str], lefts: list[float], sizes: list[float] | None = None,
         number: int = 1) -> PdfPage:
    heights = [700.0 - 12 * i for i in range(len(lines))]
    return PdfPage(number, lines, sizes or [10.0] * len(lines), 10.0, heights, lefts)


ENTRIES = [
    ("Ahmed, S. (2000). Strange encounters: Embodied others in post-coloniality.",
     "London: Routledge."),
    ("Ahmed, S. (2014). The Cultural Politics of Emotion (NED - New edition).",
     "Edinburgh University Press."),
    ("Allport, G. W. (1954). The nature of prejudice. Oxford, England: Addison.",
     "Wesley and Sons."),
    ("Dinan, T. G., Stilling, R. M., & Cryan, J. F. (2015). Collective gut microbes.",
     "Research, 63, 1–9."),
]


def test_a_list_set_as_first_line_indented_paragraphs_reads_as_hanging_indents() -> None:
    lines = [text for entry in ENTRIES for text in entry]
    # Each entry's first line indented (the first after the heading is not), the rest flush.
    lefts = [72.0 if i == 0 or i % 2 else 90.0 for i in range(len(lines))]
    indents, paragraphs = _indents(page(lines, lefts), set())
    assert indents == [0, 2] * len(ENTRIES)
    assert paragraphs is True


def test_hanging_indents_stay_as_they_are() -> None:
    lines = [text for entry in ENTRIES for text in entry]
    lefts = [72.0 if i % 2 == 0 else 90.0 for i in range(len(lines))]
    indents, paragraphs = _indents(page(lines, lefts), set())
    assert indents == [0, 2] * len(ENTRIES)
    assert paragraphs is not True


def test_a_flush_list_whose_entries_stand_apart_by_space_reads_as_hanging_indents() -> None:
    # WeasyPrint: every line flush, 12 pt within an entry, 18 pt between entries; the pages
    # before said "first-line indents", which must not turn the whole block into one entry.
    lines = [text for entry in ENTRIES for text in entry] + [ENTRIES[0][0]]
    heights, y = [], 700.0
    for i in range(len(lines)):
        heights.append(y)
        y -= 12.0 if i % 2 == 0 else 18.0
    flush = PdfPage(1, lines, [10.0] * len(lines), 10.0, heights, [72.0] * len(lines))
    indents, _ = _indents(flush, set(), paragraphs=True)
    assert indents == [0, 2] * len(ENTRIES) + [0]


def test_a_flush_block_at_one_pitch_stays_flush() -> None:
    lines = [text for entry in ENTRIES for text in entry]
    indents, _ = _indents(page(lines, [72.0] * len(lines)), set(), paragraphs=True)
    assert indents == [0] * len(lines)


def test_lines_after_a_line_pdfium_joined_keep_their_hanging_indent() -> None:
    # "Foerster, … Decisions and Welfare. Boston College …" came out as one line, leaving two
    # pitches (40 pt at 20 pt, body 12 pt) before the entry's next line, indented like the rest.
    lines = ["Foerster, Hanno. 2023. Untying the Knot: How Child Support and Alimony Affect "
             "Couples' Decisions and Welfare. Working Papers 1043.",
             "Boston College Department of Economics, December. Accessed April 29, 2024.",
             "https://econpapers.repec.org/paper/bocbocoec/1043.htm.",
             "Guner, Nezih, Remzi Kaygusuz, and Gustavo Ventura. 2020. Child-Related Transfers,",
             "Household Labour Supply, and Welfare."]
    heights = [645.8, 605.6, 585.5, 558.0, 538.2]
    joined = PdfPage(1, lines, [12.0] * 5, 12.0, heights, [77.0, 100.5, 100.3, 77.2, 100.4])
    indents, _ = _indents(joined, set())
    assert indents == [0, 2, 2, 0, 2]


def test_a_printed_line_pdfium_gives_as_two_on_one_baseline_stays_one_entry() -> None:
    # biblatex's repeated-author dash: "—" and ". 1999. Preemptive …" share a baseline, the
    # second to the right of the first; then the entry's indented last line, the page's last.
    lines = ["Centers for Disease Control. 2005. Preemptive Laws. Tech. rep. 54(10).",
             "Centers for Disease Control.", "\u2014", ". 1999. Preemptive State Laws.",
             "Centers for Disease Control."]
    heights = [161.7, 147.3, 127.8, 127.8, 113.4]
    lefts = [72.6, 90.4, 72.0, 90.6, 90.2]
    indents, _ = _indents(PdfPage(1, lines, [12.0] * 5, 12.0, heights, lefts), set())
    assert indents == [0, 2, 0, 2, 2]


def test_a_line_end_hyphen_stays_only_where_the_documents_words_say_so() -> None:
    text = page(["A supply chain assessment across an attack compromises it.",
                 "See https://x.example/secure-supply-chain\u00adassessment.md and",
                 "https://x.example/shades-of-crisis-across\u00ad",
                 "an-insecure/ and https://x.example/compromis\u00ades-with"], [72.0] * 4)
    _settle_hyphens([text])
    assert text.lines[1:] == [
        "See https://x.example/secure-supply-chain-assessment.md and",
        "https://x.example/shades-of-crisis-across-",
        "an-insecure/ and https://x.example/compromises-with",
    ]


def test_a_line_end_hyphen_in_an_address_path_stays_unless_the_join_is_a_word() -> None:
    # pdfTeX breaks a plain-text URL after its own hyphen: "…/analyse-" + "synthese/"; a
    # layout engine that hyphenates addresses splits a word the document uses elsewhere.
    text = page(["Available online: http://recherche.ircam.fr/equipes/analyse\u00ad",
                 "synthese/peeters/ARTICLES/ and http://x.example/lib/Articles\u00ad",
                 "Books/Report.pdf and see https://x.example/supply-chain-compromis\u00ad",
                 "es.html on compromises."], [72.0] * 4)
    _settle_hyphens([text])
    assert text.lines[:3] == [
        "Available online: http://recherche.ircam.fr/equipes/analyse-",
        "synthese/peeters/ARTICLES/ and http://x.example/lib/Articles-",
        "Books/Report.pdf and see https://x.example/supply-chain-compromis",
    ]


def test_a_line_end_hyphen_before_a_capitalised_word_in_an_address_path_stays() -> None:
    # Word's "…/projects/UNIMARC-" ⏎ "AuthoritiesFormat.pdf", the lines apart or joined by
    # PDFium: hyphenation never breaks before a capital that opens the next word.
    apart = page(["UNIMARC Manual. Online: http://www.ifla.org/VI/8/projects/UNIMARC\u00ad",
                  "AuthoritiesFormat.pdf (accessed 2008)"], [72.0] * 2)
    joined = page(["UNIMARC Manual. Online: http://x.example/UNIMARC\u00adAuthoritiesFormat.pdf"],
                  [72.0])
    _settle_hyphens([apart])
    _settle_hyphens([joined])
    assert apart.lines[0].endswith("/projects/UNIMARC-")
    assert joined.lines[0].endswith("/UNIMARC-AuthoritiesFormat.pdf")


def test_a_line_end_hyphen_in_an_address_of_a_tex_pdf_stays_even_when_the_join_is_a_word() -> None:
    # "Smart Cities … http://mohua.gov.in/cms/smart-" ⏎ "cities.php", and the document also
    # prints "smartcities.gov.in": TeX never hyphenates a URL, so the hyphen is the URL's.
    lines = ["Smart Cities, at http://mohua.gov.in/cms/smart\u00ad", "cities.php and at",
             "http://smartcities.gov.in/upload/."]
    tex, other = page(list(lines), [72.0] * 3), page(list(lines), [72.0] * 3)
    _settle_hyphens([tex], tex=True)
    _settle_hyphens([other])
    assert tex.lines[0] == "Smart Cities, at http://mohua.gov.in/cms/smart-"
    assert other.lines[0] == "Smart Cities, at http://mohua.gov.in/cms/smart"


def test_a_hyphen_in_an_address_already_joined_stays_in_a_tex_pdf_only() -> None:
    # PDFium may join the two lines itself ("…/europe/great\u00adbritain/…"). TeX breaks a URL
    # only after the URL's own hyphen; a word processor hyphenates the words of one.
    lines = ["See http://download.example/europe/great\u00adbritain/london.html and",
             "https://github.com/tc39/propos\u00adal-compartments."]
    tex, other = page(list(lines), [72.0] * 2), page(list(lines), [72.0] * 2)
    _settle_hyphens([tex], tex=True)
    _settle_hyphens([other])
    assert tex.lines == ["See http://download.example/europe/great-britain/london.html and",
                         "https://github.com/tc39/propos-al-compartments."]
    assert other.lines == ["See http://download.example/europe/greatbritain/london.html and",
                           "https://github.com/tc39/proposal-compartments."]


def test_a_hyphen_already_joined_in_a_slug_of_hyphenated_words_stays() -> None:
    # Word breaks a slug at its own hyphens ("…/development-of-indicators-" ⏎ "on-municipal-…",
    # "…-intl-hnk-" ⏎ "scli/…"), and PDFium may join the lines: where the slug has hyphens
    # before the break, the one at the break is the slug's too, unless the join is a word the
    # document uses ("…/supply-chain-compromis" + "es.html" and "compromises" elsewhere).
    lines = ["See https://x.example/en/development-of-indicators\u00adon-municipal-waste,1.html",
             "and https://x.example/2019/10/08/asia/japan-fertility-intl-hnk\u00adscli/index.html",
             "and https://x.example/supply-chain-compromis\u00ades.html on compromises."]
    text = page(list(lines), [72.0] * 3)
    _settle_hyphens([text])
    assert text.lines == [
        "See https://x.example/en/development-of-indicators-on-municipal-waste,1.html",
        "and https://x.example/2019/10/08/asia/japan-fertility-intl-hnk-scli/index.html",
        "and https://x.example/supply-chain-compromises.html on compromises."]
    # Without a hyphen before the break in its slug, a word processor's hyphenation of the
    # slug's first word stays undone ("…/tc39/propos" + "al-compartments", as before).
    alone = page(["See https://github.com/tc39/propos\u00adal-compartments."], [72.0])
    _settle_hyphens([alone])
    assert alone.lines == ["See https://github.com/tc39/proposal-compartments."]


def test_a_line_end_hyphen_next_to_a_digit_is_the_texts_own() -> None:
    # Hyphenation splits a word between letters: Word's "…-Revenue-and-" ⏎ "151-Billion-…"
    # (no annotation to confirm it), "2008-" ⏎ "02", and the same with the lines already joined.
    broken = page(["Retrieved: https://x.example/2019/Fitbit-Q4-Revenue-and\u00ad",
                   "151-Billion-FY18-Revenue/ and http://lua.example/lua-l/2008\u00ad",
                   "02/msg00051.html in 2008\u00ad09 and pages 12\u00ad15 too."], [72.0] * 3)
    _settle_hyphens([broken])
    assert broken.lines == ["Retrieved: https://x.example/2019/Fitbit-Q4-Revenue-and-",
                            "151-Billion-FY18-Revenue/ and http://lua.example/lua-l/2008-",
                            "02/msg00051.html in 2008-09 and pages 12-15 too."]
    # A word broken between letters still loses the layout's hyphen.
    word = page(["The growth was measured com\u00ad", "pletely in 2020."], [72.0] * 2)
    _settle_hyphens([word])
    assert word.lines[0] == "The growth was measured com"


def test_a_wrapped_url_whose_joined_line_lost_a_hyphen_is_whole_from_its_link() -> None:
    # Word's two-column list: PDFium gives two printed lines as one and drops the hyphen at
    # their break ("establishmentoffice"); the URL's next piece must not be read twice.
    uri = ("https://www.whitehouse.gov/presidential-actions/presidential-executive-order-"
           "establishment-office-trade-manufacturing-policy/")
    other = ("https://www.whitehouse.gov/presidential-actions/presidential-executive-order-"
             "addressing-trade-agreement-violations-abuses/")
    lines = ["9. https://www.whitehouse.gov/presid", "ential-actions/presidential-",
             "executive-order-establishmentoffice-trade-manufacturing-policy/",
             "10. https://x.example/next"]
    printed = repair_lines(lines, [PdfLink(1, 0, uri, ""), PdfLink(1, 0, other, "")])
    assert (0, uri) in printed
    assert lines[0] == f"9. {uri}"
    assert lines[3] == "10. https://x.example/next"
    cnbc = ("https://www.cnbc.com/2020/12/02/biden-tells-nyt-columnist-he-wont-immediately-"
            "remove-trumps-tariffs-on-china.html")
    lines = ["27. https://www.cnbc.com/2020/12/02",
             "/biden-tells-nyt-columnist-he-wontimmediately-remove-trumps-tariffs-",
             "on-china.html."]
    assert repair_lines(lines, [PdfLink(1, 0, cnbc, "")]) == {(0, cnbc)}
    assert lines[0] == f"27. {cnbc}"
    assert "biden" not in "".join(lines[1:])


def _boxes(*runs: tuple[str, float, float, float]) -> tuple[str, dict[int, tuple[float, ...]]]:
    """A line's text and each character's (left, bottom, top), from runs of (text, left,
    bottom, height), characters 3 pt apart."""
    text, boxes = "", {}
    for piece, left, bottom, height in runs:
        for k, _ in enumerate(piece):
            boxes[len(text) + k] = (left + 3 * k, bottom, bottom + height)
        text += piece
    return text, boxes


class _FakeBoxes:
    """extract._Boxes over boxes given by hand: each character's baseline is its box's bottom."""

    def __init__(self, boxes: dict[int, tuple[float, ...]]) -> None:
        self.boxes = boxes

    def __call__(self, index: int) -> tuple[float, ...] | None:
        return self.boxes.get(index)

    def baseline(self, index: int, fallback: float) -> float:
        return fallback


@pytest.mark.parametrize(("runs", "cut"), [
    # GPO: footnote 8 run on from footnote 7's last line, a line lower, back at the left.
    ([("2020, in the AD docket. ", 399, 211.2, 4.5), ("8", 406, 204.2, 2.9),
      ("MCAS is a function", 410, 202.3, 4.9)], "8MCAS is a function"),
    # A slip opinion: the line opens with a short letter ("sion"), no taller than the raised
    # "4" of the note run on from it; the text's height is its tallest letters'.
    ([("s", 156, 331.2, 4.3), ("ion.” §3.01(k), ibid. ", 159, 331.2, 6.6),
      ("4", 165, 323.0, 4.0), (" In such circumstances", 170, 320.5, 6.5)],
     "4 In such circumstances"),
    # A URL's tail set a line lower at the left is no new note: it has no raised number.
    ([("See https://github.com/tc39/propos-", 45, 211.2, 4.5),
      ("al-compartments or", 45, 202.3, 4.5)], None),
    # Word's footnotes that are a bare URL each, three printed lines PDFium gives as one: each
    # note is cut off where its number starts, then the URL's tail where the text drops.
    ([("7", 72.5, 144.1, 4.1), (" https://x.example/en/importance ", 78, 141.8, 6.6),
      ("8", 72.6, 132.8, 4.2), (" https://x.example/#!/unterstuetzte-", 78, 130.5, 6.6),
      ("statistiken/umwelt", 72.8, 119.1, 4.2)],
     ["8 https://x.example/#!/unterstuetzte-", "statistiken/umwelt"]),
    # A subscript at the end of a line stays on it.
    ([("The water molecule is H", 45, 211.2, 4.5), ("2", 120, 209.0, 2.9)], None),
])  # fmt: skip
def test_a_footnote_run_on_from_the_line_above_is_cut_where_its_number_starts(
    monkeypatch: pytest.MonkeyPatch, runs: list[tuple[str, float, float, float]],
    cut: str | list[str] | None,
) -> None:
    text, boxes = _boxes(*runs)
    monkeypatch.setattr(extract, "_Boxes", lambda raw: _FakeBoxes(boxes))
    spans, _ = extract._split_merged(None, text, [(0, len(text))])
    expected = [] if cut is None else [cut] if isinstance(cut, str) else cut
    assert [text[a:b] for a, b in spans][1:] == expected


@pytest.mark.parametrize("number", ["2", "2."])  # "2." as biblatex-chicago prints it
def test_a_footnote_number_printed_level_with_its_text_starts_a_footnote(number: str) -> None:
    body = ["Attacks have been extensive, as NotPetya\x012\x02 showed.", "More text here."]
    foot = [f"{number} https://www.wired.com/story/notpetya/"]
    lines = body + [""] * 20 + foot
    sizes = [10.0, 10.0] + [0.0] * 20 + [7.0]
    heights = [700.0, 688.0] + [0.0] * 20 + [60.0]
    layout = split_layout([PdfPage(1, lines, sizes, 10.0, heights, [72.0] * len(lines))])
    assert [(n.label, n.text) for n in layout.footnotes] == [
        ("2", "https://www.wired.com/story/notpetya/")]
    assert [m.label for m in layout.markers] == ["2"]


def test_tex_accents_go_back_on_their_letters_or_away() -> None:
    from citecheck.parse.pdf.extract import _settle_accents

    text = page(["Francisco Guzm´an, ´ Edouard Grave, Johannes Hohne, ¨ Jean and a na¨ıve one"],
                [72.0])
    _settle_accents([text])
    assert text.lines == ["Francisco Guzmán, Edouard Grave, Johannes Hohne, Jean and a naïve one"]


def test_a_tex_grave_accent_goes_back_on_its_letter_but_a_code_backtick_stays() -> None:
    from citecheck.parse.pdf.extract import _settle_accents

    text = page(["C. F. Julia and S. Jord ` a. SongExplorer, 2009.",
                 "[7] D. Bogdanov, J. Serra, N. Wack. Hybrid similarity `",
                 "Run `git push --force` with care."], [72.0] * 3)
    _settle_accents([text])
    assert text.lines == ["C. F. Julia and S. Jordà. SongExplorer, 2009.",
                          "[7] D. Bogdanov, J. Serra, N. Wack. Hybrid similarity ",
                          "Run `git push --force` with care."]


def test_a_footnote_pdfium_runs_on_from_a_body_line_is_cut_off_it() -> None:
    # cncf page 12: "…client-side (pre" and, far below, "19 See, for example: https://docs."
    # come as one line of PDFium's text.
    from pathlib import Path

    from citecheck.parse.pdf import read_pdf

    path = Path(__file__).parents[1] / "data" / "real" / "pdf" / \
        "cncf-software-supply-chain-wrapped-urls.pdf"
    document = read_pdf(path.read_bytes(), str(path))
    note = next(n for n in document.notes if n.label == "19")
    assert note.page == 12
    assert note.urls == (
        "https://docs.gitlab.com/ee/user/project/repository/gpg_signed_commits/",
        "https://docs.github.com/en/github/authenticating-to-github/telling-git-about-your-"
        "signing-key",
    )


def test_a_footnote_ends_where_the_next_column_starts_in_the_same_small_type() -> None:
    # A two-column paper: footnote 1 at the foot of the left column, then the right column's
    # reference list, set in the footnotes' small type, from the top of the page.
    lines = ["Sources are online.\x011\x02", "\x011\x02 http://github.com/MTG/essentia",
             "[11] P. Brossier. Automatic Annotation of Musical Audio. PhD thesis, 2007.",
             "[12] J. Bullock. Libxtract: a library for audio feature extraction, 2007."]
    sizes = [10.0, 7.0, 7.0, 7.0]
    heights = [700.0, 80.0, 780.0, 770.0]
    layout = split_layout([PdfPage(1, lines, sizes, 10.0, heights, [72.0, 72.0, 300.0, 300.0])])
    assert [(n.label, n.text) for n in layout.footnotes] == [
        ("1", "http://github.com/MTG/essentia")]
    assert [line.strip()[:4] for line in layout.body_lines[1:]] == ["[11]", "[12]"]


def test_a_stamp_in_tiny_type_under_the_text_is_not_part_of_the_last_entry() -> None:
    # ResearchGate adds "View publication stats" in the bottom margin, under the last reference.
    lines = ["References", "[75] J. R. Zapata. Assigning a confidence threshold, 2012.",
             "Conf. (ISMIR'12), 2012.", "View publication stats"]
    sizes = [10.0, 8.0, 8.0, 4.0]
    heights = [700.0, 110.0, 100.0, 5.0]
    layout = split_layout([PdfPage(1, lines, sizes, 10.0, heights, [72.0] * 4)])
    assert layout.body_lines == lines[:3]
    # Tiny type among the text (a figure's label) stays.
    heights = [700.0, 110.0, 100.0, 400.0]
    layout = split_layout([PdfPage(1, lines, sizes, 10.0, heights, [72.0] * 4)])
    assert "View publication stats" in layout.body_lines


def test_an_address_printed_with_spaces_for_its_underscores_is_whole_from_its_link() -> None:
    uri = "https://www.oecd-ilibrary.org/employment/social-policies_2074_3408"
    lines = ["OECD. 2019. Reviews. https://www.oecd-ilibrary.org/employment/social-policies "
             "2074 3408. Text."]
    printed = repair_lines(lines, [PdfLink(1, 0, uri, "")])
    assert printed == {(0, uri)}
    assert lines == [f"OECD. 2019. Reviews. {uri}. Text."]
    # Without a link saying so, a space ends the address as printed.
    lines = ["See https://x.example/a-page 2074 for more."]
    assert repair_lines(lines, [PdfLink(1, 0, "https://x.example/other", "")]) == set()
    assert lines == ["See https://x.example/a-page 2074 for more."]


def test_an_address_spaced_at_its_dots_inside_a_line_is_whole_from_its_link() -> None:
    # A cover page's "(https://www. example. com)": the text layer spaced it at its dots, the
    # annotation has it whole (with the "/" the print left off); no "https://www" is left.
    uri = "https://www.example.com/"
    links = [PdfLink(1, 0, uri, ""), PdfLink(1, 0, "https://www.other.org/", "")]
    lines = ["Under the aegis of Example (https://www. example. com) and more."]
    assert repair_lines(lines, links) == {(0, uri)}
    assert lines == [f"Under the aegis of Example ({uri}) and more."]
    # Without an annotation to say so, the pieces are not joined here.
    lines = ["Under the aegis of Example (https://www. example. com) and more."]
    assert repair_lines(lines, [PdfLink(1, 0, "https://www.other.org/", "")]) == set()


def test_a_line_end_hyphen_in_a_host_name_stays_unless_the_join_is_a_word() -> None:
    # Word's: "https://www.sac-" ⏎ "isc.gc.ca/…", PDFium joining the lines or not.
    joined = page(["Retrieved from https://www.sac\u00adisc.gc.ca/eng/1690909773300."], [72.0])
    _settle_hyphens([joined])
    assert joined.lines == ["Retrieved from https://www.sac-isc.gc.ca/eng/1690909773300."]
    broken = page(["Retrieved from https://www.sac\u00ad", "isc.gc.ca/eng/1."], [72.0] * 2)
    _settle_hyphens([broken])
    assert broken.lines == ["Retrieved from https://www.sac-", "isc.gc.ca/eng/1."]
    word = page(["An example: https://www.ex\u00adample.org/."], [72.0])
    _settle_hyphens([word])
    assert word.lines == ["An example: https://www.example.org/."]


def test_a_url_split_over_two_annotations_is_whole_with_the_hyphen_the_text_lost() -> None:
    # The note's link covers only ".../n1/daily"; the whole address is another link's on the
    # page, and the hyphen at the break is not in the text.
    whole = "https://www150.statcan.gc.ca/n1/daily-quotidien/220921/dq220921a-eng.htm"
    lines = ["Retrieved from https://www150.statcan.gc.ca/n1/daily",
             "quotidien/220921/dq220921a-eng.htm", "Next note."]
    links = [PdfLink(1, 0, "https://www150.statcan.gc.ca/n1/daily", ""), PdfLink(1, 5, whole, "")]
    printed = repair_lines(lines, links)
    assert printed == {(0, whole), (0, "https://www150.statcan.gc.ca/n1/daily")}
    assert lines[0] == f"Retrieved from {whole}"
    assert lines[2] == "Next note."


def test_a_wrapped_url_whose_text_has_spaces_at_its_break_points_is_read_once() -> None:
    # biblatex's breakable \url: the text layer has a space after each break point ("uk-
    # news/…") or around every separator ("theguardian . com / world"); two links of the page
    # start alike, so only the pieces after the first word tell them apart.
    gatwick = ("https://www.theguardian.com/uk-news/2018/dec/22/gatwick-drone-arrests-two-"
               "people-held")
    drone = "https://www.theguardian.com/world/2014/apr/08/air-safety-triathlete-struck-drone"
    lines = ["[2] The Guardian. Gatwick. 2018. url: https://www.",
             "theguardian.com/uk- news/2018/dec/22/gatwick- drone- arrests- two- people- held "
             "(visited on 10/13/2023).",
             "[3] The Guardian. Triathlete. 2014. url: https://www.",
             "theguardian . com / world / 2014 / apr / 08 / air - safety - triathlete - struck "
             "- drone (visited on", "11/01/2023)."]
    printed = repair_lines(lines, [PdfLink(1, 0, gatwick, ""), PdfLink(1, 2, drone, "")])
    assert printed == {(0, gatwick), (0, drone)}
    assert lines[0].endswith(f"url: {gatwick}") and lines[2].endswith(f"url: {drone}")
    assert lines[1] == " (visited on 10/13/2023)." and lines[3] == " (visited on"
    # A piece that does not go on with the link is prose, not URL: "and" stays.
    lines = ["See https://www.", "example.org/a and more"]
    repair_lines(lines, [PdfLink(1, 0, "https://www.example.org/a/b", "")])
    assert lines == ["See https://www.example.org/a/b", " and more"]


def test_a_table_figure_whose_digits_a_font_raises_starts_no_footnote() -> None:
    # WeasyPrint table cells: "¹.⁷⁵x ²⁹% −$¹.⁷T" under a raised "t+¹⁰" in the header.
    body = ["Scenario Multiple t+\x0110\x02", "Concentrated / Low"]
    foot = ["\x011\x02.\x0175\x02x \x0129\x02% \u2212$\x011\x02.\x017\x02T"]
    lines = body + [""] * 20 + foot
    sizes = [10.0, 10.0] + [0.0] * 20 + [8.0]
    heights = [700.0, 688.0] + [0.0] * 20 + [60.0]
    layout = split_layout([PdfPage(1, lines, sizes, 10.0, heights, [72.0] * len(lines))])
    assert layout.footnotes == []


def test_a_host_name_hyphenated_as_an_unknown_compound_loses_the_hyphen() -> None:
    # InDesign hyphenates "openaccess" in a host as a word it does not know: neither piece is
    # a word the document uses, their join is two that it does ("open" + "access").
    lines = ["Open access means access that is open to all readers, open access to all.",
             "See eLIFE (https://openac\u00adcess.mpg.de/2203014/elife) and https://www.sac\u00ad",
             "isc.gc.ca/eng/1 and https://open\u00adscience.org/ for open access."]
    text = page(list(lines), [72.0] * 3)
    _settle_hyphens([text])
    assert text.lines[1:] == [
        "See eLIFE (https://openaccess.mpg.de/2203014/elife) and https://www.sac-",
        "isc.gc.ca/eng/1 and https://open-science.org/ for open access."]


def test_a_lone_footnote_number_above_its_text_after_a_raised_mark_is_the_only_footnote() -> None:
    # Word through Distiller: the report's one footnote, "¹" alone on its line and the text in
    # footnote type below; no second footnote follows to vouch for it.
    body = ["A paper prepared by Barbara B. Tillett\x011\x02", "More text of the report."]
    foot = ["\x011\x02", " An earlier version was published as Tillett, “Numbers,” 2007."]
    lines = body + [""] * 20 + foot
    sizes = [12.0, 12.0] + [0.0] * 20 + [0.0, 10.0]
    heights = [700.0, 686.0] + [0.0] * 20 + [113.0, 108.0]
    layout = split_layout([PdfPage(1, lines, sizes, 12.0, heights, [90.0] * len(lines))])
    assert [(n.label, n.text) for n in layout.footnotes] == [
        ("1", "An earlier version was published as Tillett, “Numbers,” 2007.")]
    assert [m.label for m in layout.markers] == ["1"]


def test_lone_footnote_numbers_above_footnotes_that_are_only_addresses_are_footnotes() -> None:
    # LaTeX (LLNCS + hyperref): each raised "¹" on a line of its own, the footnote below it only
    # an address, which starts lower-case; no footnote starts with a capital to vouch for them.
    body = ["like the National Vulnerability Database (NVD)\x011\x02", "and the CVE list\x012\x02."]
    foot = ["\x011\x02", "https://nvd.nist.gov/", "\x012\x02", "https://cve.mitre.org/index.html"]
    lines = body + [""] * 20 + foot
    sizes = [10.0, 10.0] + [0.0] * 20 + [0.0, 9.0, 0.0, 9.0]
    heights = [700.0, 688.0] + [0.0] * 20 + [113.0, 108.0, 101.0, 96.0]
    layout = split_layout([PdfPage(1, lines, sizes, 10.0, heights, [135.0] * len(lines))])
    assert [(n.label, n.text) for n in layout.footnotes] == [
        ("1", "https://nvd.nist.gov/"), ("2", "https://cve.mitre.org/index.html")]
    assert [m.label for m in layout.markers] == ["1", "2"]


def test_a_title_s_symbol_footnote_is_a_note_and_a_tables_is_not() -> None:
    # LaTeX's \thanks: "Title∗" in the title's type, "∗University…" at the page foot in
    # footnote type. A table's "Cost*" rows and "* Modeled by …" under them are the table's.
    lines = ["The Meaning Of Justice in Pyre∗", "Body text of the essay goes on here.",
             "∗Trinity Western University, GAME 471, Inst. Eric Stein", "1"]
    sizes = [17.0, 10.0, 8.0, 0.0]
    heights = [615.0, 500.0, 122.0, 89.0]
    layout = split_layout([PdfPage(1, lines, sizes, 10.0, heights, [90.0] * 4)])
    assert [(n.label, n.text) for n in layout.footnotes] == [
        ("∗", "Trinity Western University, GAME 471, Inst. Eric Stein")]
    assert [(m.label, m.line) for m in layout.markers] == [("∗", 1)]
    assert layout.body_lines[0] == "The Meaning Of Justice in Pyre"
    table = ["Body text above the table goes on here.", "Social Security* $884,641",
             "Medicare* $593,105", "* Modeled by C-TAM"]
    layout = split_layout([PdfPage(1, table, [10.0, 8.0, 8.0, 8.0], 10.0,
                                   [600.0, 300.0, 280.0, 150.0], [90.0] * 4)])
    assert layout.footnotes == [] and layout.markers == []


def test_a_url_pdfium_ran_on_at_its_line_end_hyphens_is_cut_back_into_its_printed_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Word wrapped a reference's URL at its own hyphens, twice; PDFium gives each such hyphen
    # as U+FFFE and runs the next printed line on, the next entry's first line too. The URL's
    # own tail stays joined; the entry after the URL's last hyphen is a line of its own.
    text, boxes = _boxes(
        ("Mass.gov. https://x.example/info/shelter-resources\ufffe", 72, 500.0, 7.5),
        ("and-data#placement-data\ufffe", 90, 486.2, 7.5),
        ("Ives, N. (2014). Transnational elements", 72, 472.4, 7.5))
    monkeypatch.setattr(extract, "_Boxes", lambda raw: _FakeBoxes(boxes))
    spans, _ = extract._split_merged(None, text, [(0, len(text))])
    assert [text[a:b] for a, b in spans] == [
        "Mass.gov. https://x.example/info/shelter-resources\ufffeand-data#placement-data\ufffe",
        "Ives, N. (2014). Transnational elements"]


def test_a_word_hyphenated_in_prose_stays_as_pdfium_joined_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text, boxes = _boxes(("una m´aquina cuya carac\ufffe", 72, 500.0, 7.5),
                         ("ter´ıstica m´as relevante", 72, 486.2, 7.5))
    monkeypatch.setattr(extract, "_Boxes", lambda raw: _FakeBoxes(boxes))
    spans, _ = extract._split_merged(None, text, [(0, len(text))])
    assert [text[a:b] for a, b in spans] == [text]


def test_a_line_opening_with_a_hyphen_is_measured_on_its_letters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "…--uninsured-" ⏎ "-total&sortModel=…": the hyphen's box is a hairline, and the letters
    # after it sit lower than its bottom; they are the same printed line.
    text, boxes = _boxes(("-", 54, 321.5, 0.7), ("total&sortModel=%7B%22colId", 57, 319.3, 6.5))
    monkeypatch.setattr(extract, "_Boxes", lambda raw: _FakeBoxes(boxes))
    spans, _ = extract._split_merged(None, text, [(0, len(text))])
    assert [text[a:b] for a, b in spans] == [text]


def test_a_url_printed_whole_stays_as_printed_when_its_link_differs_only_in_scheme() -> None:
    printed_url = "https://www.energy.ca.gov/sb100"
    linked = "http://www.energy.ca.gov/sb100"
    lines = [f"[1] SB 100 Joint Agency Report, 2025. [Online] Available: {printed_url}",
             "[2] Next entry, 2025."]
    # The link is the printed URL's own (not a second, unprinted link of the note).
    assert repair_lines(lines, [PdfLink(1, 0, linked, printed_url)]) == {(0, linked)}
    assert lines[0].endswith(printed_url)
    # A URL the text cut short is still made whole from its link.
    lines = ["Available: https://www.energy.ca.gov/data-reports/", "storage-targets and more"]
    whole = "https://www.energy.ca.gov/data-reports/storage-targets"
    assert repair_lines(lines, [PdfLink(1, 0, whole, "")]) == {(0, whole)}
    assert lines[0] == f"Available: {whole}"


def test_a_urls_hyphen_cut_from_the_next_line_is_settled_as_in_a_joined_word() -> None:
    from citecheck.parse.pdf.extract import _JOINED, _settle_hyphens

    # "…/propos-" ⏎ "al-compartments": the layout hyphenated a word, made whole on its line;
    # "…placement-data-" ⏎ "Ives, N.": the URL's own hyphen, before the next entry, stays.
    lines = [f"See https://github.com/tc39/propos\u00ad{_JOINED}", "al-compartments or others",
             f"Mass.gov. https://x.example/info/placement-data\u00ad{_JOINED}",
             "Ives, N. (2014). Transnational elements"]
    text = page(lines, [72.0] * 4)
    _settle_hyphens([text])
    assert text.lines == ["See https://github.com/tc39/proposal-compartments", "or others",
                          "Mass.gov. https://x.example/info/placement-data-",
                          "Ives, N. (2014). Transnational elements"]


def test_a_footnote_number_raised_onto_a_line_of_its_own_starts_the_note_at_its_text() -> None:
    # PDFium sets a number raised above its note's first line as a line of its own; a link
    # annotation over the note's title sits on the text's line, which is the note's.
    body = ["They asked to be forgotten.\x013\x02", "More text here."]
    foot = ["\x013\x02", "Ward, P. “Politician and paedophile ask Google”, BBC News, 2014"]
    lines = body + [""] * 20 + foot
    sizes = [10.0, 10.0] + [0.0] * 20 + [0.0, 7.0]
    heights = [700.0, 688.0] + [0.0] * 20 + [63.0, 60.0]
    layout = split_layout([PdfPage(1, lines, sizes, 10.0, heights, [72.0] * len(lines))])
    assert [(n.label, n.line, n.text) for n in layout.footnotes] == [
        ("3", 24, "Ward, P. “Politician and paedophile ask Google”, BBC News, 2014")]


def test_a_link_over_words_is_its_own_though_the_page_prints_its_url() -> None:
    from citecheck.parse.pdf import _over_address

    uri = "https://support.google.com/legal/contact/lr_eudpa?product=websearch"
    assert not _over_address(PdfLink(2, 31, uri, "online form"))
    assert _over_address(PdfLink(2, 43, uri, "https://support.google.com/legal/contact/"))
    # The pieces of a wrapped URL, a DOI's under "doi:", trailing punctuation and all.
    assert _over_address(PdfLink(2, 8, "https://papers.ssrn.com/abstract=4118084", "4118084."))
    assert _over_address(PdfLink(2, 8, "https://doi.org/10.1086/591908", "doi: 10.1086/591908"))


def test_a_url_whose_hyphen_the_layout_dropped_takes_it_back_from_its_link() -> None:
    uri = "https://nhsjs.com/wp-content/uploads/2024/11/Predicting-Solar-Curtailment.pdf"
    lines = ["Available: https://nhsjs.com/wpcontent/uploads/2024/11/Predicting-Solar-Curtailment.pdf",
             "[12] Next entry, 2024."]
    assert repair_lines(lines, [PdfLink(1, 0, uri, "https://nhsjs.com/wp")]) == {(0, uri)}
    assert lines[0] == f"Available: {uri}"


def test_a_line_end_hyphen_in_an_address_is_settled_by_how_the_pdf_draws_it() -> None:
    # Word draws a hyphen it inserts with the letters before it and a typed one as a text
    # object of its own (extract marks that one U+E0AD). Prose shows which is which: "ver-" +
    # "klebter" (a word the text writes) is the layout's, "Wecker-" + "Kacheln" the text's.
    # So in the URLs "www.anna-" + "belle.ch" loses its hyphen, "…/wenn-der-" + "wecker…"
    # keeps it; both are words nowhere else, which the words alone could not tell.
    soft, apart = "\u00ad", extract._SOFT_APART
    lines = [f"Die Teile sind ver{soft}", "klebter als verklebter Kleber, die Teile.",
             f"Die Wecker{apart}", f"Kacheln der Wecker und der Kacheln, auf{soft}",
             "gerufen und aufgerufen. Siehe https://www.anna" + soft,
             "belle.ch/stil/ und https://yougov.de/news/wenn-der" + apart,
             "wecker-zweimal-klingelt/ und https://web.ar" + soft,
             "chive.org/web/2003/ am Ende."]
    text = page(list(lines), [72.0] * len(lines))
    _settle_hyphens([text])
    assert text.lines[4:] == [
        "gerufen und aufgerufen. Siehe https://www.annabelle.ch/stil/",
        "und https://yougov.de/news/wenn-der-",
        "wecker-zweimal-klingelt/ und https://web.archive.org/web/2003/",
        "am Ende.",
    ]
    # Drawn all alike, the hyphens tell nothing: the words decide as before.
    alike = page([line.replace(apart, soft) for line in lines], [72.0] * len(lines))
    _settle_hyphens([alike])
    assert alike.lines[4] == "gerufen und aufgerufen. Siehe https://www.anna-"


def _right_edge(text: str, x: float, y: float) -> float:
    """Where PDFium measures the last character of ``text`` set at (x, y) to end."""
    probe = pdfium.PdfDocument(build_pdf([Page(runs=[Run(x, y, text)])]))
    textpage = probe[0].get_textpage()
    return float(textpage.get_charbox(textpage.count_chars() - 1)[2])


def test_a_hyphen_drawn_as_its_own_text_object_is_told_from_one_drawn_with_its_letters() -> None:
    # A PDF built as Word draws it: inserted hyphens inside the run of letters, the typed
    # hyphens "Wecker-" and "…/wenn-der-" each a text object of its own, right after them.
    rows = [("Die Teile sind ver-", False), ("klebter, verklebter und auf-", False),
            ("gerufen, aufgerufen. Die Wecker", True), ("Kacheln der Wecker und Kacheln.", False),
            ("See https://www.anna-", False), ("belle.ch/stil/ and", False),
            ("See https://yougov.de/news/wenn-der", True), ("wecker-zweimal/ end.", False)]
    runs = []
    for row, (text, apart) in enumerate(rows):
        y = 700.0 - 14 * row
        runs.append(Run(72, y, text))
        if apart:
            runs.append(Run(_right_edge(text, 72, y) + 0.5, y, "-"))
    pages, _, _ = extract_pdf(build_pdf([Page(runs=runs)]))
    assert pages[0].lines[-2:] == ["See https://www.annabelle.ch/stil/ and",
                                   "See https://yougov.de/news/wenn-der-wecker-zweimal/ end."]


def test_an_access_date_ending_a_sentence_at_each_page_foot_is_no_running_foot() -> None:
    # Word's bibliography pages: each ends with an entry whose access date wraps onto a line
    # of its own ("…, zuletzt aufgerufen am" ⏎ "01.11.2022."), the same figures on every
    # page. The line finishes the sentence above; a real running foot ("Seite 3") still goes.
    pages = []
    for number in range(1, 5):
        lines = [f"Seite {number}", f"Autor {number}, „Titel“, in: https://x.example/{number},",
                 "zuletzt aufgerufen am", "01.11.2022.", "Seminararbeit 2022"]
        pages.append(PdfPage(number, lines, [10.0] * 5, 10.0,
                             [700.0 - 12 * i for i in range(5)], [72.0] * 5))
    body = split_layout(pages).body_lines
    assert body.count("01.11.2022.") == 4
    assert not any(line.startswith(("Seite", "Seminararbeit")) for line in body)
