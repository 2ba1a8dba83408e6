"""URL extraction and repair: punctuation, brackets, wraps, DOIs, and what must not join."""

from __future__ import annotations

import pytest

from citecheck.parse.urls import (
    extract_urls,
    find_doi,
    prose_url_spans,
    repair_url,
    scheme_added,
    url_spans,
)

CASES: list[tuple[str, list[str]]] = [
    # trailing sentence punctuation
    ("Studies, 2016. https://www.csis.org/analysis/militancy-and-arc-instability.",
     ["https://www.csis.org/analysis/militancy-and-arc-instability"]),
    ("See https://example.org/page, and more", ["https://example.org/page"]),
    ("(https://example.org/a);", ["https://example.org/a"]),
    ("Was it https://example.org/q?", ["https://example.org/q"]),
    ("“https://example.org/quoted”", ["https://example.org/quoted"]),
    ("at https://example.org/a…", ["https://example.org/a"]),
    # fragments, trailing slashes and queries are kept
    ("https://news.un.org/en/story/2015/05/498902#.VYXO2flVhBd",
     ["https://news.un.org/en/story/2015/05/498902#.VYXO2flVhBd"]),
    ("http://search.proquest.com/docview/2329130006/.",
     ["http://search.proquest.com/docview/2329130006/"]),
    ("https://example.org/search?q=mali&page=2.", ["https://example.org/search?q=mali&page=2"]),
    # brackets
    ("Available at <https://example.org/a/b>.", ["https://example.org/a/b"]),
    ("<https://example.org/a b>", ["https://example.org/a"]),
    ("(see https://en.wikipedia.org/wiki/Mali_(disambiguation)).",
     ["https://en.wikipedia.org/wiki/Mali_(disambiguation)"]),
    ("https://en.wikipedia.org/wiki/Bamako_(city)", ["https://en.wikipedia.org/wiki/Bamako_(city)"]),
    ("[https://example.org/a]", ["https://example.org/a"]),
    ("https://example.org/a.[3] Next", ["https://example.org/a"]),
    ("https://example.org/a.¹² Next", ["https://example.org/a"]),
    # broken by a space after - / _ . ? = &
    ("https://www.passblue.com/2019/06/24/a-survey-on-mali-for- malians-what-they-want-for-their-"
     "country/",
     ["https://www.passblue.com/2019/06/24/a-survey-on-mali-for-malians-what-they-want-for-their-"
      "country/"]),
    ("https://example.org/reports/ annual_report_2019.pdf",
     ["https://example.org/reports/annual_report_2019.pdf"]),
    ("https://example.org/search? q=mali&x=1 ok", ["https://example.org/search?q=mali&x=1"]),
    ("https://example.org/search?q= mali&x=1", ["https://example.org/search?q=mali&x=1"]),
    ("https://example.org/a?x=1& y=2", ["https://example.org/a?x=1&y=2"]),
    ("https://example.org/my_ file_name.html", ["https://example.org/my_file_name.html"]),
    ("https://example.org/report. pdf", ["https://example.org/report.pdf"]),
    # an exporter's spaces before each "/" of a path, and before a hash after a "/"
    ("URL https://github.com /ethereum /EIPs /issues /20",
     ["https://github.com/ethereum/EIPs/issues/20"]),
    ("https://q.example/files/ cf6d69348ca50dd9. pdf", ["https://q.example/files/cf6d69348ca50dd9.pdf"]),
    # a justified line's space inside a path segment, the rest going on with its own segments
    ("Available: http://example.gov/publi cations/pubs/\n800-30/sp800-30.pdf",
     ["http://example.gov/publications/pubs/800-30/sp800-30.pdf"]),
    # broken by a line wrap (PDF paste)
    ("https://www.nytimes.com/2020/09/21/world/afr\nica/mali-president-coup.html. Accessed",
     ["https://www.nytimes.com/2020/09/21/world/africa/mali-president-coup.html"]),
    ("https://example.org/reports/\nannual-report-2019.pdf.",
     ["https://example.org/reports/annual-report-2019.pdf"]),
    ("https://publicservice.vermont.gov/\n    broadband-availability-map",
     ["https://publicservice.vermont.gov/broadband-availability-map"]),
    ("https://www.example.org\n/path/to/page.html", ["https://www.example.org/path/to/page.html"]),
    ("https://\nwww.example.org/a", ["https://www.example.org/a"]),
    ("https://example.org/a-very-long-\nslug-name/", ["https://example.org/a-very-long-slug-name/"]),
    ("https://example.org/index.php?id=\n42&lang=en", ["https://example.org/index.php?id=42&lang=en"]),
    ("https://example.org/one/two/\nthree/four/five.",
     ["https://example.org/one/two/three/four/five"]),
    # several URLs, dedupe, order
    ("https://a.example/x and https://b.example/y; again https://a.example/x.",
     ["https://a.example/x", "https://b.example/y"]),
    # bare www. gets a scheme; schemes are lower-cased
    ("www.example.org/page, and", ["https://www.example.org/page"]),
    ("Report at example.org/report.pdf, 2020.", ["https://example.org/report.pdf"]),
    ("node.js/x and a@b.org/x and report.pdf/x", []),
    ("HTTPS://Example.org/Path", ["https://Example.org/Path"]),
    # DOIs written as identifiers become https://doi.org/; a resolver link keeps its spelling
    ("doi:10.1000/xyz123. Next", ["https://doi.org/10.1000/xyz123"]),
    ("DOI: 10.1038/nature12373", ["https://doi.org/10.1038/nature12373"]),
    ("http://dx.doi.org/10.1111/j.1468-2478.2010.00123.x.",
     ["http://dx.doi.org/10.1111/j.1468-2478.2010.00123.x"]),
    ("https://dx.doi.org/10.1111/abc", ["https://dx.doi.org/10.1111/abc"]),
    ("http://doi.org/10.1111/abc", ["http://doi.org/10.1111/abc"]),
    ("doi.org/10.1111/abc", ["https://doi.org/10.1111/abc"]),
    ("Phys. Lett. B 117, 10.1016/0370-2693(82)90077-4, 1982.",
     ["https://doi.org/10.1016/0370-2693(82)90077-4"]),
    ("http://dx.doi.org/10.1111/j.1468-\n2478.2010.00123.x.",
     ["http://dx.doi.org/10.1111/j.1468-2478.2010.00123.x"]),
    ("https://doi.org/10.1038/nature12373 and doi:10.1038/nature12373",
     ["https://doi.org/10.1038/nature12373"]),
    ("https://onlinelibrary.wiley.com/doi/10.1111/j.1468-2478.2010.00123.x",
     ["https://onlinelibrary.wiley.com/doi/10.1111/j.1468-2478.2010.00123.x"]),
    # a wiki title wrapped at "_" goes on capitalised; wraps inside a query string
    ("https://austria-forum.org/af/AEIOU/Kraus,_Karl/Die_demolirte_\nLiteratur.",
     ["https://austria-forum.org/af/AEIOU/Kraus,_Karl/Die_demolirte_Literatur"]),
    ("https://w.example/history/?lang=en&utm_source=\nblog&utm_campaign=vienna.",
     ["https://w.example/history/?lang=en&utm_source=blog&utm_campaign=vienna"]),
    ("https://forestsandfinance.org/data/?\nyear=2016-2022&commodity=soy,cattle.",
     ["https://forestsandfinance.org/data/?year=2016-2022&commodity=soy,cattle"]),
    ("https://doi.\norg/10.1155/2018/7973519.", ["https://doi.org/10.1155/2018/7973519"]),
    ("https://news.un.org/en/story/2015/05/498902#.\nVYXO2flVhBd",
     ["https://news.un.org/en/story/2015/05/498902#.VYXO2flVhBd"]),
    ("https://x.example/search?lang=\nEnglish&q=1.", ["https://x.example/search?lang=English&q=1"]),
    ("https://x.example/page#\nsection-2.", ["https://x.example/page#section-2"]),
    ("https://en.wikipedia.org/wiki/Mercury_(planet) (section 2).",
     ["https://en.wikipedia.org/wiki/Mercury_(planet)"]),
]  # fmt: skip

NEGATIVES: list[tuple[str, list[str]]] = [
    ("See https://x.org/a. The next sentence", ["https://x.org/a"]),
    ("https://x.org/a.\nThe next sentence", ["https://x.org/a"]),
    ("https://x.org/page\nand the rest", ["https://x.org/page"]),
    ("https://x.org/page\nwell-known words", ["https://x.org/page"]),
    ("https://x.org/a/ Accessed May 3, 2020.", ["https://x.org/a/"]),
    ("https://x.org/a/ accessed May 3, 2020.", ["https://x.org/a/"]),
    ("https://x.org/a/ well-known", ["https://x.org/a/"]),
    ("https://x.org/a/ 2020.", ["https://x.org/a/"]),
    ("https://x.org/a/ 20201231.", ["https://x.org/a/"]),
    ("https://x.org/a/ decade.", ["https://x.org/a/"]),
    ("https://x.org/a / b", ["https://x.org/a"]),
    ("https://x.org/a-\nThe end.", ["https://x.org/a-"]),
    ("https://x.org/a_ The end.", ["https://x.org/a_"]),
    ("https://x.org/a\n\nnext/paragraph/here", ["https://x.org/a"]),
    ("https://x.org/a   next/far-away", ["https://x.org/a"]),
    ("https://x.org/a/page and/or the other", ["https://x.org/a/page"]),
    ("https://x.org/a\nhttps://y.org/b", ["https://x.org/a", "https://y.org/b"]),
    ("https://x.org/a/\n(accessed 3 May 2020)", ["https://x.org/a/"]),
    ("no url here, just 10.5 percent and 2020/21", []),
    ("https:// and http://", []),
    ("mailto:someone@example.org", []),
    ("file.txt and example.org", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_extract_urls(text: str, expected: list[str]) -> None:
    assert extract_urls(text) == expected


@pytest.mark.parametrize(("text", "expected"), NEGATIVES, ids=[c[0][:40] for c in NEGATIVES])
def test_does_not_join_prose(text: str, expected: list[str]) -> None:
    assert extract_urls(text) == expected


@pytest.mark.parametrize(
    ("url", "repaired"),
    [
        ("https://example.org/a.", "https://example.org/a"),
        ("<https://example.org/a>", "https://example.org/a"),
        (" https://example.org/mali-for- malians/ ", "https://example.org/mali-for-malians/"),
        ("URL: https://example.org/a", "https://example.org/a"),
        ("https://example.org/a)", "https://example.org/a"),
        ("https://example.org/a_(b)", "https://example.org/a_(b)"),
        ("doi:10.1000/xyz", "https://doi.org/10.1000/xyz"),
        ("10.1000/xyz", "https://doi.org/10.1000/xyz"),
        ("http://dx.doi.org/10.1000/xyz", "http://dx.doi.org/10.1000/xyz"),
        ("www.example.org", "https://www.example.org"),
        ("HTTP://example.org/", "http://example.org/"),
        ("https://example.org/a#frag", "https://example.org/a#frag"),
    ],
)
def test_repair_url(url: str, repaired: str) -> None:
    assert repair_url(url) == repaired
    assert repair_url(repaired) == repaired


@pytest.mark.parametrize(
    ("text", "doi"),
    [
        ("Journal 3 (2019). doi:10.1000/xyz123.", "10.1000/xyz123"),
        ("https://doi.org/10.1038/nature12373", "10.1038/nature12373"),
        ("http://dx.doi.org/10.1111/j.1468-2478.2010.00123.x", "10.1111/j.1468-2478.2010.00123.x"),
        ("bare 10.1016/0370-2693(82)90077-4.", "10.1016/0370-2693(82)90077-4"),
        ("https://example.org/a then doi: 10.5555/12345678", "10.5555/12345678"),
        ("no doi here, 10.5 percent", None),
        ("https://example.org/10.1000/xyz", None),
    ],
)
def test_find_doi(text: str, doi: str | None) -> None:
    assert find_doi(text) == doi


def test_invisible_characters_and_non_breaking_spaces() -> None:
    assert extract_urls("https://example.org/a\u200b/b\u00ad/c.") == ["https://example.org/a/b/c"]
    assert extract_urls("https://example.org/mali-for-\u00a0malians/") == [
        "https://example.org/mali-for-malians/"
    ]


def test_a_non_breaking_space_right_after_a_slash_is_a_tex_tie_that_was_a_tilde() -> None:
    # TtH printed the bibliography's "http://www.eskimo.com/~weidai/pipenet.txt" with its "~"
    # (TeX's tie) as "&nbsp;": the home directory is the address, not the host's front page.
    text = "Usenet post. <http://www.eskimo.com/\u00a0weidai/pipenet.txt> First mentioned"
    assert extract_urls(text) == ["http://www.eskimo.com/~weidai/pipenet.txt"]
    # A plain space is a wrap or an extraction's gap, bridged as before; prose after a
    # non-breaking space is not part of the address.
    assert extract_urls("<http://a.example/ weidai/x.txt>") == ["http://a.example/weidai/x.txt"]
    assert extract_urls("see http://a.example/\u00a0and more") == ["http://a.example/"]


def test_percent_encoded_doi_slash_is_the_same_doi_and_kept_as_written() -> None:
    text = "https://doi.org/10.1371%2Fjournal.pone.0001 and 10.1371/journal.pone.0001"
    assert extract_urls(text) == ["https://doi.org/10.1371%2Fjournal.pone.0001"]
    assert find_doi(text) == "10.1371/journal.pone.0001"


def test_bare_doi_is_extracted_already_repaired() -> None:
    for text in ("doi:10.1000/\xad", "doi:10.1000/abc\u200b", "see 10.1000/xyz."):
        for url in extract_urls(text):
            assert repair_url(url) == url


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("Wood FA. 2020;383:2182. doi.org/10.1056/\nNEJMc2031173.",
         ["https://doi.org/10.1056/NEJMc2031173"]),
        ("See https://doi.org/10.1016/\nS0140-6736(20)30183-5 for the trial.",
         ["https://doi.org/10.1016/S0140-6736(20)30183-5"]),
        # A word is no DOI suffix: the prefix stays broken rather than taking prose in.
        ("Available at https://doi.org/10.1056/\nThe next sentence.",
         ["https://doi.org/10.1056/"]),
    ],
)  # fmt: skip
def test_a_doi_wrapped_after_its_prefix_goes_on(text: str, urls: list[str]) -> None:
    assert extract_urls(text) == urls


@pytest.mark.parametrize(
    ("text", "doi"),
    [
        ("Science 319 (5860): 192–195. doi:10.1126/ science.1151579.", "10.1126/science.1151579"),
        ("doi: 10.1111/ j.1468-2478.2010.00123.x, 2010.", "10.1111/j.1468-2478.2010.00123.x"),
        ("at https://doi.org/10.1056/ NEJMc2031173 today", "10.1056/NEJMc2031173"),
        # Prose, a year or a page after the slash is no DOI's suffix.
        ("see 10.1056/ The next sentence", None),
        ("doi: 10.1126/ 2008, p. 4", None),
    ],
)  # fmt: skip
def test_a_doi_spaced_after_its_prefix_is_rejoined(text: str, doi: str | None) -> None:
    assert find_doi(text) == doi


@pytest.mark.parametrize(
    ("text", "doi"),
    [
        # A bare DOI (after "doi:" or alone) cut after a dot is rejoined as a resolver's is.
        ("PLoS Comput Biol, 2015. doi: 10.1371/journal.pcbi. 1004568. URL http://x.org/a",
         "10.1371/journal.pcbi.1004568"),
        ("Biol 11 (2015). 10.1371/journal.pcbi.\n1004415.", "10.1371/journal.pcbi.1004415"),
        ("Biol 11. https://doi.org/10.1371/journal.pcbi.\n1004415.",
         "10.1371/journal.pcbi.1004415"),
        # a year is no DOI part: prose goes on after the DOI's sentence
        ("Comput 12. doi:10.1016/j.cpc. 2016 saw more.", "10.1016/j.cpc"),
    ],
)  # fmt: skip
def test_a_doi_cut_after_a_dot_takes_its_numeric_part(text: str, doi: str) -> None:
    assert find_doi(text) == doi


def test_region_ends_skip_notes_that_start_at_the_same_place() -> None:
    from citecheck.parse.spans import region_ends

    assert region_ends([0, 10, 10, 25], 40) == [10, 25, 25, 40]
    assert region_ends([], 5) == []


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        # a percent-escape broken by the extraction
        ("http://tec.gov.in/pdf/White%20paper%20on%\n20DPI.pdf.",
         ["http://tec.gov.in/pdf/White%20paper%20on%20DPI.pdf"]),
        ("https://philpapers.org/rec/X%2\nFphil", ["https://philpapers.org/rec/X%2Fphil"]),
        # the scheme's colon at the line end
        ("Ring CT (2016), https:\n//lab.getmonero.org/pubs/MRL-0005.pdf.",
         ["https://lab.getmonero.org/pubs/MRL-0005.pdf"]),
        # the URL's own "." or "-" opening the next line
        ("https://doi.org/10.1112/plms/s2-43\n.1.230", ["https://doi.org/10.1112/plms/s2-43.1.230"]),
        ("https://bitinfocharts.com/comparison/fees-btc-eth-ltc\n-dash-xmr-sma7.html#1y",
         ["https://bitinfocharts.com/comparison/fees-btc-eth-ltc-dash-xmr-sma7.html#1y"]),
        # a page name ending the note after "/"; not a sentence
        ("Litecoin Wiki, https://litecoin.info/index.php/\nScrypt.",
         ["https://litecoin.info/index.php/Scrypt"]),
        ("https://litecoin.info/index.php/\nThe next sentence.", ["https://litecoin.info/index.php/"]),
        ("https://x.org/a/b\n.NET is great", ["https://x.org/a/b"]),
    ],
)
def test_urls_broken_by_pdf_extraction_are_rejoined(text: str, urls: list[str]) -> None:
    assert extract_urls(text) == urls
    for url in urls:
        assert repair_url(url) == url


def test_a_url_broken_mid_word_at_the_end_of_a_note_is_rejoined() -> None:
    assert extract_urls("Fees. https://blockchain.info/charts/time?timespan=3\n0days.") == [
        "https://blockchain.info/charts/time?timespan=30days"
    ]
    assert extract_urls("Cards. https://www.giftcards.com/gcgf/closed-loop-gif\nt-cards.") == [
        "https://www.giftcards.com/gcgf/closed-loop-gift-cards"
    ]
    # prose after it: the line is not the URL's
    assert extract_urls("See https://x.org/a/report\nupdated in May 2020.") == [
        "https://x.org/a/report"
    ]


@pytest.mark.parametrize(
    ("written", "checked"),
    [
        ("http://www.ipv.pt/ci/adm/docs/5797.pdf-", "http://www.ipv.pt/ci/adm/docs/5797.pdf"),
        ("https://x.example/report.HTML--", "https://x.example/report.HTML"),
        ("https://x.example/a-", "https://x.example/a-"),  # no file name: a hyphen may end it
        ("https://x.example/a.pdf?v=1-", "https://x.example/a.pdf?v=1-"),  # a query's value
        ("https://x.example/v1.0-", "https://x.example/v1.0-"),
    ],
)
def test_a_hyphen_after_a_file_extension_is_a_line_break_left_over(
    written: str, checked: str
) -> None:
    assert repair_url(written) == checked
    assert [url for _, _, url in url_spans(f"At {written}\n\n46\n")] == [checked]


def test_a_url_glued_to_the_word_before_it_starts_at_its_scheme() -> None:
    text = "Link here: ternhttps://github.com/tern-tools/tern and syfthttps://github.com/a/s"
    assert [url for _, _, url in url_spans(text)] == [
        "https://github.com/tern-tools/tern", "https://github.com/a/s"]
    archived = "https://web.archive.org/web/2020/https://x.example/a"
    assert [url for _, _, url in url_spans(archived)] == [archived]

def test_an_address_copied_from_a_browsers_pdf_viewer_is_the_page_it_shows() -> None:
    # Chrome's (Adobe's extension) and Firefox's PDF viewers put their own address before the
    # document's; the second is the source, the first cannot be fetched. A wrap inside the
    # viewer's scheme ("chrome-" ⏎ "extension") changes nothing.
    viewer = "chrome-extension://efaidnbmnnnibpcajpcglclefindmkaj/"
    text = (f"Fact Sheet (Ceres, n.d.), {viewer}https://www.ceres.org/x/RGGI.pdf. And "
            "chrome-\nextension://efaidnbmnnnibpcajpcglclefindmkaj/https://b.example/y.pdf; "
            "moz-extension://0a1b2c3d-1111-2222-3333-444455556666/http://c.example/z")
    assert [url for _, _, url in url_spans(text)] == [
        "https://www.ceres.org/x/RGGI.pdf", "https://b.example/y.pdf", "http://c.example/z"]
    # Any other address after a slash is still part of the one before it, or nothing.
    assert url_spans("a/https://c.example/") == []
    assert [url for _, _, url in url_spans("extension://short/https://d.example/")] == []


def test_a_misspelled_scheme_is_read_as_written() -> None:
    # "httpss://…" is the address the document gives: the checker must find it broken.
    assert extract_urls("available at httpss://acquisition.gov/far/27_4.html") == [
        "httpss://acquisition.gov/far/27_4.html"
    ]


def test_a_word_glued_to_a_funder_doi_is_text() -> None:
    # An article's funding list copied as text: "…/10.13039/100009633Eunice Kennedy Shriver …".
    assert extract_urls("- http://dx.doi.org/10.13039/100009633Eunice Kennedy Shriver") == [
        "http://dx.doi.org/10.13039/100009633"
    ]
    assert extract_urls("https://doi.org/10.1016/S0140-6736(20)30183-5") == [
        "https://doi.org/10.1016/S0140-6736(20)30183-5"
    ]


def test_a_hyphen_after_a_file_name_ends_no_address() -> None:
    assert extract_urls("http://www.ipv.pt/ci/adm/docs/5797.pdf-\n\n46") == [
        "http://www.ipv.pt/ci/adm/docs/5797.pdf"
    ]
    assert repair_url(repair_url("https://a.example/x.pdf-")) == "https://a.example/x.pdf"


def test_a_host_spaced_at_its_dots_is_bridged_only_up_to_a_top_level_domain_and_path() -> None:
    # A .bib field sentence-cased: a space (and a capital) after every dot of the host.
    text = "Retrieved from http://sites. Nationalacademies. Org/DBASSE/BBCSS/DBASSE_085357."
    assert extract_urls(text) == ["http://sites.Nationalacademies.Org/DBASSE/BBCSS/DBASSE_085357"]
    # A finished host, or words with no path after them, are prose.
    assert extract_urls("See http://example.com. Then we go.") == ["http://example.com"]
    assert extract_urls("Use http://intranet. Then go on.") == ["http://intranet"]
    assert extract_urls("At http://sites. Next we look at it.") == ["http://sites"]


def test_a_zero_led_number_after_a_dot_at_a_line_end_goes_on() -> None:
    assert extract_urls("Available: http://hdl.handle.net/2027/spo.bbp2372.1987.\n025\n") == [
        "http://hdl.handle.net/2027/spo.bbp2372.1987.025"
    ]
    assert extract_urls("See http://a.example/x.\n12 people came.") == ["http://a.example/x"]


def test_a_doi_made_from_a_sici_keeps_its_angle_brackets() -> None:
    sici = "10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P"
    for text in (f"doi: {sici}.", f"doi: {sici[:19]}\n{sici[19:]}.", f"https://doi.org/{sici} x"):
        assert [url for _, _, url in url_spans(text)] == [f"https://doi.org/{sici}"], text
    assert [url for _, _, url in url_spans("<https://a.example/x> and 10.1000/x<b>")] == [
        "https://a.example/x", "https://doi.org/10.1000/x"]

# --------------------------------------------------------------------------- where URLs start

_START_CASES = [
    "See https://example.org/a and www.example.org/b, dx.doi.org/10.1000/x or doi.org/10.1/y.",
    "sci.doi.org/abc example.org/path x.y.gov/z @mail.org/a /a.org/b -b.org/c",
    "ternhttps://github.com/x htps://a.b/c ttps://www.ipcc.ch/x httpss://a.b ftp://f.org/x",
    "https:\n//lab.example.org/x HTTP://A.ORG/B WWW2.EXAMPLE.COM/x wwww.a.org/ www.a",
    "New York: Penguin, 2010. Accessed: May 1. a:b ::: http:// https:",
    "\u017fci.org/x K.org/y ı.com/z İ.net/w xhttps://a.b/c",
    "",
    ":",
    "a.org/",
    "co.uk/x com/ .com/x a..org/x a-.org/x",
]


def _corpus_texts() -> list[str]:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    files = sorted([*root.glob("seeds/*"), *root.glob("tests/data/*/*")])
    texts = []
    for path in files:
        if path.is_file() and path.suffix in {".txt", ".md", ".html", ".htm", ".tex", ".rst"}:
            texts.append(path.read_text(encoding="utf-8", errors="replace")[:200_000])
    return texts


def test_start_scan_finds_what_the_pattern_finds() -> None:
    """url_spans tries its start pattern only where a match can begin; that must find the very
    matches a scan of every position finds, on tricky text and on the whole test corpus."""
    from citecheck.parse.urls import _START, _start_matches

    texts = [*_START_CASES, *_corpus_texts()]
    assert len(texts) > 50
    for text in texts:
        expected = [(m.start(), m.end()) for m in _START.finditer(text)]
        assert [(m.start(), m.end()) for m in _start_matches(text)] == expected, text[:80]


def test_url_in_angle_brackets_wrapped_over_lines_runs_to_its_bracket() -> None:
    # RFC 3986, appendix C: whitespace inside <...> is no part of the URL (RFC reference lists
    # wrap long URLs so, the next line indented, at any character).
    text = (
        '"HTTP Cookies", 1999, <http://web.archive.org/web/\n'
        "              20020803110822/http://wp.netscape.com/newsref/std/\n"
        "              cookie_spec.html>.\n"
        "<https://a.example/x> is\nhttps://b.example/y and <https://c.example/ no bracket\n"
    )
    assert [url for _, _, url in url_spans(text)] == [
        "http://web.archive.org/web/20020803110822/http://wp.netscape.com/newsref/std/"
        "cookie_spec.html",
        "https://a.example/x",
        "https://b.example/y",
        "https://c.example/",
    ]


@pytest.mark.parametrize(("written", "repaired"), [
    ("Doi:10.1000/xyz", "https://doi.org/10.1000/xyz"),
    ("DOI: 10.1000/xyz", "https://doi.org/10.1000/xyz"),
    ("doi 10.1000/xyz", "https://doi.org/10.1000/xyz"),
    # A DOI is "10.", a registrant number, "/" and a suffix: anything else is left as written.
    ("Doi:10.abc/x", "Doi:10.abc/x"),
    ("10.abc/x", "10.abc/x"),
    ("doi:10.1000", "doi:10.1000"),
    ("10.1000/", "10.1000/"),
])
def test_repair_url_makes_doi_org_addresses_of_dois_only(written: str, repaired: str) -> None:
    assert repair_url(written) == repaired


@pytest.mark.parametrize(("written", "repaired"), [
    # biblatex links a doi field that holds a URL as "https://doi.org/" + that URL.
    ("https://doi.org/https://doi.org/10.1016/j.socscimed.2018.02.025",
     "https://doi.org/10.1016/j.socscimed.2018.02.025"),
    ("https://doi.org/http://dx.doi.org/10.1109/SP.2007.8", "http://dx.doi.org/10.1109/SP.2007.8"),
    ("http://dx.doi.org/doi:10.1000/xyz", "https://doi.org/10.1000/xyz"),
    # Not a resolver twice: a DOI-like path on another site is left as written.
    ("https://doi.org/https://www.example.org/doi.org/10.1000/x",
     "https://doi.org/https://www.example.org/doi.org/10.1000/x"),
])
def test_a_resolver_written_twice_before_a_doi_is_one_doi_link(written: str, repaired: str
                                                                ) -> None:
    assert repair_url(written) == repaired
    assert repair_url(repaired) == repaired


def test_a_links_empty_query_is_kept_and_is_the_same_source_as_without() -> None:
    from citecheck.parse import parse_document

    html = (
        '<p>Claim.<sup id="cite_ref-1"><a href="#cite_note-1">[1]</a></sup></p>'
        '<ol class="references"><li id="cite_note-1"><span class="reference-text">'
        '<a class="external text" href="http://a.example/d-id/1140696?">Siege</a>. '
        "<i>Dark Reading</i>. 2014.</span></li></ol>"
    )
    assert [n.urls for n in parse_document(html, "x.html").notes] == [
        ("http://a.example/d-id/1140696?",)
    ]
    markdown = "A claim.[^1] Is it at http://b.example/x? Yes.\n\n[^1]: <http://c.example/y?>\n"
    assert {u for n in parse_document(markdown, "x.md").notes for u in n.urls} == {
        "http://b.example/x",  # in prose the "?" is the sentence's
        "http://c.example/y?",  # the link's own, and not read a second time from its text
    }


def test_a_websites_name_beside_a_linked_page_is_not_a_second_url() -> None:
    from citecheck.parse import parse_document

    def urls(note: str) -> list[str]:
        html = (
            '<p>Claim.<sup id="cite_ref-1"><a href="#cite_note-1">[1]</a></sup></p>'
            '<ol class="references"><li id="cite_note-1"><span class="reference-text">'
            f"{note}</span></li></ol>"
        )
        return [u for n in parse_document(html, "x.html").notes for u in n.urls]

    linked = '<a class="external text" href="http://www.world-gazetteer.com/wg.php?x=1">"Pop"</a>'
    # The CS1 website field, misspelt by the editor: a name, not a page of its own.
    assert urls(f"{linked}. www.world-gazetter.com. 2011.") == [
        "http://www.world-gazetteer.com/wg.php?x=1"
    ]
    # A page of another site, written out, is cited all the same.
    assert urls(f"{linked}. See also www.other.example/data.") == [
        "http://www.world-gazetteer.com/wg.php?x=1", "https://www.other.example/data"
    ]


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("(smarts.waterboards.ca.gov, last accessed 31 July 2017).",
         ["https://smarts.waterboards.ca.gov"]),
        ("Data from data.gov.uk and docs.python.org/3/ were used.",
         ["https://data.gov.uk", "https://docs.python.org/3/"]),
        # Words, not hosts: two labels, capitals, a code path, an e-mail, a file name.
        ("Sold on Amazon.com, built with node.js.", []),
        ("See Data.Census.gov for more.", []),
        ("Write to help@smarts.waterboards.ca.gov today.", []),
        ("Call client.session.net_request() here; open sub.site.com_backup.", []),
        # One address, not two: the host of a URL with a scheme or "www.".
        ("At https://smarts.waterboards.ca.gov and www.bbc.co.uk.",
         ["https://smarts.waterboards.ca.gov", "https://www.bbc.co.uk"]),
    ],
)  # fmt: skip
def test_prose_names_a_host_alone_with_three_labels_under_a_known_domain(
    text: str, urls: list[str]
) -> None:
    assert [url for _, _, url in prose_url_spans(text)] == urls


def test_a_host_alone_is_no_url_inside_a_citation() -> None:
    # "history.house.gov" after a Wikipedia title is the site's name: notes keep url_spans.
    text = "“State of the Union Address”. history.house.gov. Retrieved January 28, 2018."
    assert url_spans(text) == []
    assert [url for _, _, url in prose_url_spans(text)] == ["https://history.house.gov"]
    assert scheme_added("history.house.gov")


def test_a_line_opening_with_a_schemeless_address_starts_a_new_url_once_one_has_a_path() -> None:
    # Front matter: a DOI, then the article's page without its scheme on the next line.
    assert [url for _, _, url in url_spans(
        "22.2.27A 1-10. https://doi.org/10.26879/968\npalaeo-electronica.org/content/2019/x")] == [
        "https://doi.org/10.26879/968", "https://palaeo-electronica.org/content/2019/x"]
    # A host broken before its path goes on: one address.
    assert [url for _, _, url in url_spans(
        "Statista. https://www-statista-com.lib\nproxy.berkeley.edu/statistics/503455/")] == [
        "https://www-statista-com.libproxy.berkeley.edu/statistics/503455/"]


def test_a_space_before_a_file_name_inside_a_path_is_an_underscore_extraction_lost() -> None:
    # pdftotext prints a drawn "_" as a space: "…/freeabs all.jsp?" ⏎ "arnumber=…".
    assert [url for _, _, url in url_spans(
        "Available: http://ieeexplore.ieee.org/xpl/freeabs all.jsp?\narnumber=6795963\n")] == [
        "http://ieeexplore.ieee.org/xpl/freeabs_all.jsp?arnumber=6795963"]
    assert [url for _, _, url in url_spans(
        "from https://brill.example/clsr/6/2/article-p111 001.xml.")] == [
        "https://brill.example/clsr/6/2/article-p111_001.xml"]
    # Prose after an address is not a file name: it ends there.
    for text in ("See https://x.example/docs and index.html there.",
                 "At https://x.example report.pdf is the host alone.",
                 "See https://x.example/docs Report.pdf, capitalised."):
        assert next(url for _, _, url in url_spans(text)) in (
            "https://x.example/docs", "https://x.example")


def test_a_site_name_capitalised_from_its_host_is_no_url() -> None:
    # Zotero's Chicago "website title" made from the host, capitalised as a sentence's word.
    text = ("Drezner, Daniel W. 2021. “The United States of Sanctions” Www.foreignaffairs.com. "
            "September 23, 2021. https://www.foreignaffairs.com/articles/united-states/x.")
    assert [url for _, _, url in url_spans(text)] == [
        "https://www.foreignaffairs.com/articles/united-states/x"]
    # An address with a path is one, capital or not; so is a host written in lower case.
    assert [url for _, _, url in url_spans("Www.example.org/report and www.bbc.co.uk.")] == [
        "https://Www.example.org/report", "https://www.bbc.co.uk"]


def test_a_scheme_that_lost_its_colon_is_repaired() -> None:
    text = "Available from: http//www.example.org [accessed 2013]; also https//example.org/a/b."
    assert [url for _, _, url in url_spans(text)] == [
        "http://www.example.org",
        "https://example.org/a/b",
    ]
    assert repair_url("HTTP//www.example.org/x") == "http://www.example.org/x"
    # Inside a path, "http//" is the path's own text, not a second address.
    assert [url for _, _, url in url_spans("http://a.org/http//b.org/c")] == [
        "http://a.org/http//b.org/c"
    ]


def test_a_url_broken_mid_word_goes_on_with_an_archived_address_or_a_hyphenated_slug() -> None:
    # Word breaks a URL wherever the line ends, without a hyphen: "https://web.ar" ⏎
    # "chive.org/web/…/http://…" (the archived address inside is no URL of its own), and
    # "…/wirtschaft/plas" ⏎ "tik-ist-zu-billig-…" (a slug of hyphenated words).
    archived = ("in: https://web.ar\nchive.org/web/20031204125550/http://www.linuxworld.com/"
                "story/34293.htm, zuletzt aufgerufen am")
    slug = ("in: https://www.rnd.de/wirtschaft/plas\ntik-ist-zu-billig-warnt-vor-recycling-"
            "problemen-\nCACDXQM.html, zuletzt aufgerufen am 30.08.2022.")
    assert [url for *_, url in url_spans(archived)] == [
        "https://web.archive.org/web/20031204125550/http://www.linuxworld.com/story/34293.htm"]
    assert [url for *_, url in url_spans(slug)] == [
        "https://www.rnd.de/wirtschaft/plastik-ist-zu-billig-warnt-vor-recycling-problemen-"
        "CACDXQM.html"]
    # Two addresses, one a line, stay two; a hyphenated word of prose is no slug.
    assert [url for *_, url in url_spans("see https://a.example/x and\nhttps://b.example/y")] \
        == ["https://a.example/x", "https://b.example/y"]
    assert [url for *_, url in url_spans("at https://a.example/docs/intro\nwell-known facts.")] \
        == ["https://a.example/docs/intro"]
