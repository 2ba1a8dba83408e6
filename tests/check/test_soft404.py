"""Soft-404 evidence: probe URLs and keys, URL shapes, probe outcomes, not-found wording."""

from __future__ import annotations

import pytest

from citecheck.check.soft404 import (
    ProbeOutcome,
    canonical,
    error_page_path,
    is_ancestor,
    is_deep_link,
    is_home_path,
    not_found_wording,
    probe_key,
    probe_outcome,
    probe_url,
)
from citecheck.models import FailureKind, FetchFacts, Hop, PageFacts

TOKEN = "qzxkvbwplmtrhgfdsjnacyeou"

# ----------------------------------------------------------------------------- probe URL


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.usip.org/publications/2020/08/five-things-know-about-malis-coup",
            f"https://www.usip.org/publications/2020/08/{TOKEN}",
        ),
        (
            "https://civiliansinconflict.org/blog/minusma-malian-government/",
            f"https://civiliansinconflict.org/blog/{TOKEN}/",
        ),
        (
            "https://www.cnn.com/2013/01/16/world/africa/mali-six-reasons/index.html",
            f"https://www.cnn.com/2013/01/16/world/africa/mali-six-reasons/{TOKEN}.html",
        ),
        (
            "https://news.un.org/en/story/2015/05/498902#.VYXO2flVhBd",
            f"https://news.un.org/en/story/2015/05/{TOKEN}",
        ),
        ("https://example.org/page?id=3&x=1", f"https://example.org/{TOKEN}"),
        ("https://user:pw@example.org:8443/a/b", f"https://user:pw@example.org:8443/a/{TOKEN}"),
        ("https://example.org/a", f"https://example.org/{TOKEN}"),
        ("https://example.org/", None),
        ("https://example.org", None),
        ("https://example.org?q=1", None),
    ],
)
def test_probe_url(url: str, expected: str | None) -> None:
    assert probe_url(url, TOKEN) == expected


def test_probe_url_quotes_an_odd_token_and_rejects_an_empty_one() -> None:
    assert probe_url("https://e.org/a/b", "x y/z") == "https://e.org/a/x%20y%2Fz"
    with pytest.raises(ValueError, match="token"):
        probe_url("https://e.org/a/b", "")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.usip.org/publications/2020/08/five",
            ("https://www.usip.org:443", "/publications/2020/08/"),
        ),
        (
            "https://www.usip.org/publications/2020/08/six/",
            ("https://www.usip.org:443", "/publications/2020/08/"),
        ),
        ("HTTP://Example.ORG/a", ("http://example.org:80", "/")),
        ("http://example.org:80/x/y", ("http://example.org:80", "/x/")),
        ("http://user:secret@example.org:8080/x/y", ("http://example.org:8080", "/x/")),
        ("http://[::1]:8000/x/y", ("http://[::1]:8000", "/x/")),
    ],
)
def test_probe_key(url: str, expected: tuple[str, str]) -> None:
    assert probe_key(url) == expected


def test_probe_key_is_shared_by_siblings_and_matches_the_probe() -> None:
    page = "https://e.org/blog/2020/one-post"
    assert probe_key(page) == probe_key("https://e.org/blog/2020/another-post?x=1")
    probe = probe_url(page, TOKEN)
    assert probe is not None
    assert probe_key(probe) == probe_key(page)
    assert probe_key(page) != probe_key("https://e.org/blog/2021/one-post")


# ----------------------------------------------------------------------------- URL shapes


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("http://example.org/a", "https://example.org/a", True),
        ("https://example.org/a", "https://www.example.org/a/", True),
        ("https://Example.org:443/a/index.html", "https://example.org/a/", True),
        ("https://example.org/a?utm_source=x&id=1", "https://example.org/a?id=1", True),
        ("https://example.org/caf%C3%A9", "https://example.org/café", True),
        ("https://example.org/a#top", "https://example.org/a", True),
        ("https://example.org/a", "https://example.org/b", False),
        ("https://example.org/a?id=1", "https://example.org/a?id=2", False),
        ("https://example.org/a", "https://example.com/a", False),
        ("https://example.org:8443/a", "https://example.org/a", False),
    ],
)
def test_canonical(a: str, b: str, same: bool) -> None:
    assert (canonical(a) == canonical(b)) is same


@pytest.mark.parametrize(
    ("url", "home"),
    [
        ("https://e.org", True),
        ("https://e.org/", True),
        ("https://e.org/index.html", True),
        ("https://e.org/home", True),
        ("https://e.org/en/", True),
        ("https://e.org/en-us", True),
        ("https://e.org/pt_BR/", True),
        ("https://e.org/fr/index.php", True),
        ("https://e.org/news/", False),
        ("https://e.org/go/", False),
        ("https://e.org/en/news", False),
        ("https://e.org/2020/08/story", False),
    ],
)
def test_is_home_path(url: str, home: bool) -> None:
    assert is_home_path(url) is home


def test_is_deep_link() -> None:
    assert is_deep_link("https://e.org/a")
    assert is_deep_link("https://e.org/?p=123")
    assert not is_deep_link("https://e.org/?utm_source=feed")
    assert not is_deep_link("https://e.org/en/")


def test_is_ancestor() -> None:
    assert is_ancestor("https://e.org/news/", "https://e.org/news/2020/story")
    assert is_ancestor("https://www.e.org/news", "http://e.org/news/story")
    assert not is_ancestor("https://e.org/a/", "https://e.org/a/index.html")
    assert not is_ancestor("https://e.org/news/", "https://other.org/news/story")
    assert not is_ancestor("https://e.org/new/", "https://e.org/news/story")


def test_error_page_path() -> None:
    assert error_page_path("https://e.org/404")
    assert error_page_path("https://e.org/en/not-found/")
    assert error_page_path("https://e.org/Error.aspx?aspxerrorpath=/x")
    assert error_page_path("https://e.org/pages/404.html")
    assert not error_page_path("https://e.org/blog/error-handling-in-go")
    assert not error_page_path("https://e.org/2020/04/04/story")


# ----------------------------------------------------------------------------- probe outcome

PAGE_TEXT = (
    "Five things to know about Mali's coup. On August 18, soldiers detained the president "
    "and the prime minister. Here is what happened and what comes next for the Sahel."
)
NOT_FOUND_TEXT = (
    "Home News About. Sorry, the page {url} could not be found. Try searching the site. "
    "Footer: contact us, privacy policy, terms of use."
)


def fetched(
    url: str,
    status: int = 200,
    *,
    text: str = "",
    title: str | None = None,
    final: str | None = None,
    chain: tuple[Hop, ...] = (),
    page: bool = True,
    failure: FailureKind | None = None,
) -> FetchFacts:
    return FetchFacts(
        url=url,
        final_url=final or url,
        status=None if failure else status,
        chain=chain,
        page=PageFacts(content_type="text/html", title=title, text=text) if page else None,
        failure=failure,
    )


PAGE = fetched("https://e.org/news/2020/five-things", text=PAGE_TEXT, title="Five things")


@pytest.mark.parametrize(
    ("probe", "outcome"),
    [
        (None, ProbeOutcome.NONE),
        (fetched("https://e.org/news/2020/T", failure=FailureKind.TIMEOUT), ProbeOutcome.NONE),
        (fetched("https://e.org/news/2020/T", 404), ProbeOutcome.HONEST),
        (fetched("https://e.org/news/2020/T", 410), ProbeOutcome.HONEST),
        (fetched("https://e.org/news/2020/T", 400), ProbeOutcome.HONEST),
        (fetched("https://e.org/news/2020/T", 403), ProbeOutcome.HONEST),
        (fetched("https://e.org/news/2020/T", 429), ProbeOutcome.NONE),
        (fetched("https://e.org/news/2020/T", 500), ProbeOutcome.NONE),
        (
            fetched("https://e.org/news/2020/T", text=PAGE_TEXT, title="Five things"),
            ProbeOutcome.SAME,
        ),
        (
            fetched("https://e.org/news/2020/T", text=NOT_FOUND_TEXT.format(url="/news/2020/T")),
            ProbeOutcome.DIFFERENT,
        ),
        (fetched("https://e.org/news/2020/T", page=False), ProbeOutcome.NONE),
        # Redirected to this very page: the page is the catch-all target and stands on its own.
        (
            fetched(
                "https://e.org/news/2020/T",
                final="https://e.org/news/2020/five-things",
                chain=(Hop("https://e.org/news/2020/T", 302, "/news/2020/five-things"),),
                text=PAGE_TEXT,
            ),
            ProbeOutcome.DIFFERENT,
        ),
    ],
)
def test_probe_outcome(probe: FetchFacts | None, outcome: ProbeOutcome) -> None:
    assert probe_outcome(PAGE, probe) is outcome


def test_probe_outcome_ignores_the_echoed_url_in_a_not_found_page() -> None:
    page_url = "https://e.org/news/2020/five-things-know-about-malis-coup"
    probe_address = f"https://e.org/news/2020/{TOKEN}"
    page = fetched(
        page_url, text=NOT_FOUND_TEXT.format(url="/news/2020/five-things-know-about-malis-coup")
    )
    probe = fetched(probe_address, text=NOT_FOUND_TEXT.format(url=f"/news/2020/{TOKEN}"))
    assert probe_outcome(page, probe) is ProbeOutcome.SAME


def test_probe_outcome_same_final_url_after_redirects() -> None:
    hop = Hop("https://e.org/a/old", 302, "/a/missing")
    page = fetched("https://e.org/a/old", final="https://e.org/a/missing", chain=(hop,), text="x")
    probe = fetched(
        "https://e.org/a/T",
        final="https://e.org/a/missing",
        chain=(Hop("https://e.org/a/T", 302, "/a/missing"),),
        text="y",
    )
    assert probe_outcome(page, probe) is ProbeOutcome.SAME


def test_probe_outcome_falls_back_to_titles_for_script_shells() -> None:
    shell = fetched("https://app.e.org/docs/page", text="", title="My App")
    same = fetched("https://app.e.org/docs/T", text="", title="My App")
    other = fetched("https://app.e.org/docs/T", text="", title="Not Found")
    assert probe_outcome(shell, same) is ProbeOutcome.SAME
    assert probe_outcome(shell, other) is ProbeOutcome.DIFFERENT
    text_vs_shell = fetched("https://app.e.org/docs/T", text=PAGE_TEXT, title="My App")
    assert probe_outcome(shell, text_vs_shell) is ProbeOutcome.DIFFERENT


# The host's own 404 body, as a benchmark host served it (nginx-style wording).
ERROR_TEXT = "Not Found. The requested URL {url} was not found on this server."
CITED = "https://e.org/docview/2329130006/"
SIBLING = f"https://e.org/docview/{TOKEN}/"


@pytest.mark.parametrize(
    ("page", "probe", "outcome"),
    [
        # The 200 page is a copy of the body the honest host sends with its real 404s.
        (
            fetched(CITED, text=ERROR_TEXT.format(url=""), title="404 Not Found"),
            fetched(SIBLING, 404, text=ERROR_TEXT.format(url=""), title="404 Not Found"),
            ProbeOutcome.ERROR_PAGE,
        ),
        # ... also when each copy echoes its own address, in the text and in the title.
        (
            fetched(
                CITED,
                text=ERROR_TEXT.format(url="/docview/2329130006/"),
                title="2329130006 not found | E.org",
            ),
            fetched(
                SIBLING,
                410,
                text=ERROR_TEXT.format(url=f"/docview/{TOKEN}/"),
                title=f"{TOKEN} not found | E.org",
            ),
            ProbeOutcome.ERROR_PAGE,
        ),
        (
            fetched(CITED, text=NOT_FOUND_TEXT.format(url=""), title="Forbidden"),
            fetched(SIBLING, 403, text=NOT_FOUND_TEXT.format(url=""), title="Forbidden"),
            ProbeOutcome.ERROR_PAGE,
        ),
        # Same text, other title: a different page.
        (
            fetched(CITED, text=ERROR_TEXT.format(url=""), title="Page not found – E.org"),
            fetched(SIBLING, 404, text=ERROR_TEXT.format(url=""), title="404 Not Found"),
            ProbeOutcome.HONEST,
        ),
        # Same title, other text: a real page that happens to share the error page's title.
        (
            fetched(CITED, text=PAGE_TEXT, title="E.org"),
            fetched(SIBLING, 404, text=NOT_FOUND_TEXT.format(url=""), title="E.org"),
            ProbeOutcome.HONEST,
        ),
        # Not-found wording on both, but two different pages (similarity well below 0.9).
        (
            fetched(CITED, text=NOT_FOUND_TEXT.format(url=""), title="404 Not Found"),
            fetched(SIBLING, 404, text=ERROR_TEXT.format(url=""), title="404 Not Found"),
            ProbeOutcome.HONEST,
        ),
        # Script shells with one title: what an app serves for real and unknown routes alike.
        (
            fetched(CITED, title="My App"),
            fetched(SIBLING, 404, title="My App"),
            ProbeOutcome.HONEST,
        ),
        (
            fetched(CITED, text=ERROR_TEXT.format(url=""), title="404 Not Found"),
            fetched(SIBLING, 404, page=False),
            ProbeOutcome.HONEST,
        ),
        # Statuses that say nothing about the host are still no evidence.
        (
            fetched(CITED, text=ERROR_TEXT.format(url=""), title="404 Not Found"),
            fetched(SIBLING, 429, text=ERROR_TEXT.format(url=""), title="404 Not Found"),
            ProbeOutcome.NONE,
        ),
    ],
)
def test_probe_outcome_error_page_copy(
    page: FetchFacts, probe: FetchFacts, outcome: ProbeOutcome
) -> None:
    assert probe_outcome(page, probe) is outcome


def test_error_page_copy_needs_near_identical_text() -> None:
    words = " ".join(f"w{i}" for i in range(40))
    page = fetched(CITED, text=words, title="Not Found")
    close = fetched(SIBLING, 404, text=words + " w40", title="Not Found")  # 38/39 shingles
    far = fetched(SIBLING, 404, text=words.replace("w20", "x"), title="Not Found")  # 35/41
    assert probe_outcome(page, close) is ProbeOutcome.ERROR_PAGE
    assert probe_outcome(page, far) is ProbeOutcome.HONEST
    assert probe_outcome(page, close, threshold=0.99) is ProbeOutcome.HONEST


# ----------------------------------------------------------------------------- wording


@pytest.mark.parametrize(
    "title",
    [
        "Page not found",
        "Page Not Found – Al Jazeera",
        "404",
        "404 | MINUSMA",
        "Error 404 (Not Found)!!1",
        "404 - Not Found",
        "Not Found",
        "Oops! That page can’t be found. – CSIS",
        "Sorry, this page doesn't exist",
        "This story is no longer available - BBC News",
        "Article not found | The Guardian",
        "Seite nicht gefunden",
        "Page introuvable",
        "Página no encontrada",
        "Pagina non trovata",
        "Pagina niet gevonden",
        "ページが見つかりません",
        "Страница не найдена",
        "The page you requested could not be found",
    ],
)
def test_not_found_titles(title: str) -> None:
    assert not_found_wording(PageFacts(title=title)) == " ".join(title.split())


@pytest.mark.parametrize(
    "title",
    [
        "404 Page Not Found: How to Build a Custom Error Page in WordPress",
        "Why Windows XP is no longer available in stores",
        "The Day the Music Died: Napster's site no longer exists",
        "Five Things to Know about Mali’s Coup",
        "Found: the lost city of Z",
        "Error handling in Go",
        "",
    ],
)
def test_titles_with_a_subject_are_not_not_found(title: str) -> None:
    assert not_found_wording(PageFacts(title=title)) is None


def test_h1_and_short_text_are_evidence_long_text_is_not() -> None:
    assert not_found_wording(PageFacts(title="CSIS", h1="Page not found")) == "Page not found"
    short = PageFacts(title="Site", text=NOT_FOUND_TEXT.format(url="/a/b"))
    assert not_found_wording(short) == "page a b could not be found"
    long = PageFacts(title="Site", text=NOT_FOUND_TEXT.format(url="/a/b") + " lorem ipsum" * 200)
    assert not_found_wording(long) is None
    assert not_found_wording(None) is None
    assert not_found_wording(PageFacts(title="A story", text=PAGE_TEXT)) is None
