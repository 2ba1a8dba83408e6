"""fetch(): what is observed for each route of the real test servers."""

from __future__ import annotations

import asyncio
import base64
import socket
import time
import tracemalloc

import httpx
import pytest
from support.server import SOLAR_TITLE, Tls, Web

from citecheck.check.client import DEFAULT_USER_AGENT, make_client
from citecheck.check.fetch import _follow, _Walk, doi_target, fetch, parse_url
from citecheck.models import FailureKind, FetchFacts, Hop

from .support import SLACK, Sleeps, fetch_one, local

# ----------------------------------------------------------------------------- pure parts


@pytest.mark.parametrize(
    ("url", "kind", "words"),
    [
        ("https://example.org/a", None, ""),
        ("http://[2001:db8::1]:8080/x", None, ""),
        ("https://bücher.example/", None, ""),
        ("example.org/a", FailureKind.INVALID_URL, "no host"),
        ("http:///path", FailureKind.INVALID_URL, "no host"),
        ("http://:80/", FailureKind.INVALID_URL, "no host"),
        ("http://example.org:99999/", FailureKind.INVALID_URL, "bad port"),
        ("http://example.org:abc/", FailureKind.INVALID_URL, "bad port"),
        ("http://[::1/", FailureKind.INVALID_URL, ""),
        ("http://exa mple.org/", FailureKind.INVALID_URL, "malformed host"),
        ('http://exa"mple.org/', FailureKind.INVALID_URL, "malformed host"),
        ("mailto:someone@example.org", FailureKind.UNSUPPORTED, "mailto"),
        ("ftp://example.org/file", FailureKind.UNSUPPORTED, "ftp"),
    ],
)
def test_parse_url(url: str, kind: FailureKind | None, words: str) -> None:
    parsed = parse_url(url)
    if kind is None:
        assert isinstance(parsed, httpx.URL)
        assert str(parsed) == str(httpx.URL(url))
    else:
        assert isinstance(parsed, tuple) and parsed[0] is kind and words in parsed[1]


DOI = "https://doi.org/10.1000/xyz"
DOI_TARGET = "http://127.0.0.1:9/doi/10.1000/xyz"


@pytest.mark.parametrize(
    ("location", "kind", "detail"),
    [
        # A target that cannot be fetched is the server's protocol error...
        ("http://exa mple.org/x", FailureKind.PROTOCOL,
         "redirect to http://exa mple.org/x: invalid URL: malformed host name"),
        # ...or a scheme citecheck does not fetch; credentials never reach the words.
        ("ftp://u:pw@files.example/x", FailureKind.UNSUPPORTED,
         "redirect to ftp://files.example/x: unsupported scheme: ftp"),
    ],
)
def test_a_redirect_to_an_unfetchable_target_ends_the_walk(
    location: str, kind: FailureKind, detail: str
) -> None:
    walk = _Walk(url=DOI, target=DOI_TARGET, current=DOI_TARGET, hop=httpx.URL(DOI_TARGET))
    facts = _follow(walk, 302, location, max_redirects=10)
    # The DOI resolver's address is shown as the doi.org URL the document cites.
    assert facts == FetchFacts(
        url=DOI, final_url=DOI, chain=(Hop(DOI, 302, location),), failure=kind,
        failure_detail=detail,
    )


def test_a_followed_redirect_moves_the_walk_on() -> None:
    walk = _Walk(url=DOI, target=DOI_TARGET, current=DOI_TARGET, hop=httpx.URL(DOI_TARGET))
    assert _follow(walk, 301, "/page", max_redirects=10) is None
    assert walk.current == "http://127.0.0.1:9/page" and walk.chain == [Hop(DOI, 301, "/page")]
    assert walk.hop == httpx.URL("http://127.0.0.1:9/page")  # parsed once, for the next hop


def test_doi_urls_go_through_the_configured_resolver() -> None:
    base = "http://127.0.0.1:9/doi/"
    assert doi_target("https://doi.org/10.1000/xyz", base) == "http://127.0.0.1:9/doi/10.1000/xyz"
    assert doi_target("http://dx.doi.org/10.1000/xyz", base) == "http://127.0.0.1:9/doi/10.1000/xyz"
    assert doi_target("https://example.org/10.1000/xyz", base) == "https://example.org/10.1000/xyz"


# ----------------------------------------------------------------------------- answers


def test_page_facts_and_headers(web: Web) -> None:
    facts = fetch_one(web.main.url("/page"), local())
    assert facts.status == 200 and facts.failure is None
    assert facts.final_url == web.main.url("/page") and facts.chain == ()
    assert facts.page is not None and facts.page.title == SOLAR_TITLE
    assert facts.page.h1 == SOLAR_TITLE and "Rooftop solar" in facts.page.text
    assert facts.header("content-type") == "text/html; charset=utf-8"
    assert facts.attempts == 1 and facts.elapsed_ms >= 0
    assert web.main.hits("/page") == 1


def test_cookie_values_are_not_kept_only_their_names(web: Web) -> None:
    facts = fetch_one(web.main.url("/with-cookie"), local())
    cookies = [value for name, value in facts.headers if name == "set-cookie"]
    assert cookies == ["session=", "datadome="]
    assert not any("s3cr3t" in value for _, value in facts.headers)
    assert facts.header("server") == "test-server"


def test_www_authenticate_is_kept(web: Web) -> None:
    facts = fetch_one(web.main.url("/auth"), local())
    assert facts.status == 401 and facts.header("www-authenticate") == 'Basic realm="reports"'


@pytest.mark.parametrize(
    ("path", "status"), [("/moved-301", 301), ("/moved-308", 308), ("/temp-302", 302)]
)
def test_redirect_chain_is_recorded(web: Web, path: str, status: int) -> None:
    facts = fetch_one(web.main.url(path), local())
    assert facts.chain == (Hop(web.main.url(path), status, "/page"),)
    assert facts.final_url == web.main.url("/page") and facts.status == 200
    assert web.main.hits(path) == 1 and web.main.hits("/page") == 1


def test_cookie_gate_is_not_a_loop(web: Web) -> None:
    facts = fetch_one(web.main.url("/cookie-gate"), local())
    assert facts.status == 200 and facts.failure is None and len(facts.chain) == 1
    first, second = web.main.requests("/cookie-gate")
    assert "Cookie" not in first.headers and second.headers["Cookie"] == "gate=passed"


def test_cookies_do_not_leak_from_one_url_to_the_next(web: Web) -> None:
    async def go() -> FetchFacts:
        options = local()
        async with make_client(options) as client:
            await fetch(client, web.main.url("/cookie-gate"), options)
            return await fetch(client, web.main.url("/echo"), options)

    echo = asyncio.run(go())
    assert echo.page is not None and "gate=passed" not in echo.page.text


def test_redirect_loop(web: Web) -> None:
    facts = fetch_one(web.main.url("/loop-a"), local())
    assert facts.failure is FailureKind.REDIRECT_LOOP
    assert facts.failure_detail == "redirect loop after 2 hops"
    assert web.main.hits("/loop-a") == 1 and web.main.hits("/loop-b") == 1
    self_loop = fetch_one(web.main.url("/self-loop"), local())
    assert self_loop.failure_detail == "redirect loop after 1 hop"


def test_too_many_redirects(web: Web) -> None:
    facts = fetch_one(web.main.url("/chain/12"), local(max_redirects=10))
    assert facts.failure is FailureKind.TOO_MANY_REDIRECTS and len(facts.chain) == 11
    assert facts.failure_detail == "too many redirects (more than 10)"
    assert web.main.hits("/chain/1") == 0  # stopped, not followed to the end
    enough = fetch_one(web.main.url("/chain/12"), local(max_redirects=12))
    assert enough.status == 200 and len(enough.chain) == 12


def test_doi_is_resolved_through_doi_base_and_keeps_the_doi_url(web: Web) -> None:
    doi = "https://doi.org/10.1234/solar.2020"
    facts = fetch_one(doi, local(doi_base=web.main.url("/doi/")))
    assert facts.url == doi and facts.chain[0].url == doi
    assert facts.final_url == web.main.url("/page") and facts.status == 200
    assert web.main.hits("/doi/10.1234/solar.2020") == 1


def test_default_user_agent_and_browser_accept(web: Web) -> None:
    facts = fetch_one(web.main.url("/echo"), local())
    assert facts.page is not None
    assert f"user-agent: {DEFAULT_USER_AGENT}" in facts.page.text
    assert "accept: text/html" in facts.page.text
    custom = fetch_one(web.main.url("/echo"), local(), headers={"User-Agent": "other/1.0"})
    assert custom.page is not None and "user-agent: other/1.0" in custom.page.text


@pytest.mark.parametrize("path", ["/gzip-page", "/deflate-page"])
def test_compressed_pages_are_decoded(web: Web, path: str) -> None:
    facts = fetch_one(web.main.url(path), local())
    assert facts.page is not None and facts.page.title == SOLAR_TITLE
    assert not facts.page.truncated


def test_pdf_has_a_type_and_no_title(web: Web) -> None:
    facts = fetch_one(web.main.url("/report.pdf"), local())
    assert facts.status == 200 and facts.page is not None
    assert facts.page.content_type == "application/pdf" and facts.page.title is None


# ----------------------------------------------------------------------------- misbehaviour


@pytest.mark.parametrize("path", ["/hang", "/trickle"])
def test_hard_deadline(web: Web, path: str) -> None:
    start = time.monotonic()
    facts = fetch_one(web.main.url(path), local(timeout=1.5))
    took = time.monotonic() - start
    assert facts.failure is FailureKind.TIMEOUT and facts.status is None
    assert facts.failure_detail == "timed out after 1.5 s"
    assert 1.4 <= took < 1.5 + SLACK  # the routes take 30 s and 45 s without the deadline
    assert web.main.hits(path) == 1


def test_deadline_while_reading_the_body_keeps_the_status(web: Web) -> None:
    start = time.monotonic()
    facts = fetch_one(web.main.url("/trickle-body"), local(timeout=0.6))
    assert time.monotonic() - start < 0.6 + SLACK  # the body takes 100 s without it
    assert facts.failure is FailureKind.TIMEOUT and facts.status == 200
    assert facts.failure_detail == "timed out after 0.6 s reading the body"


def test_deadline_includes_retries_and_their_waits(web: Web) -> None:
    start = time.monotonic()
    facts = fetch_one(web.main.url("/reset"), local(timeout=1.0, retries=50), sleep=asyncio.sleep)
    assert time.monotonic() - start < 1.0 + SLACK
    assert facts.failure in (FailureKind.RESET, FailureKind.TIMEOUT)
    assert 1 <= facts.attempts < 50  # backoff is random; the deadline is not


def test_endless_body_is_cut_at_the_bound(web: Web) -> None:
    bound = 64 * 1024
    tracemalloc.start()
    try:
        facts = fetch_one(web.main.url("/endless"), local(max_body_bytes=bound))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert facts.status == 200 and facts.page is not None
    assert facts.page.truncated and facts.page.title == "Endless"
    assert len(facts.page.text) <= bound
    assert peak < 8 * 1024 * 1024


def test_gzip_bomb_is_cut_at_the_decompressed_bound(web: Web) -> None:
    bound = 256 * 1024
    tracemalloc.start()
    try:
        facts = fetch_one(web.main.url("/gzip-bomb"), local(max_body_bytes=bound))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert facts.status == 200 and facts.page is not None
    assert facts.page.truncated and facts.page.title == "Bomb"
    # 1 GiB inflated; the fetch kept a few times the bound, not the bomb.
    assert peak < 8 * 1024 * 1024
    assert web.main.sent["/gzip-bomb"] < 2 * 1024 * 1024


def test_reset_is_retried_then_reported(web: Web) -> None:
    facts = fetch_one(web.main.url("/reset"), local(retries=2))
    assert facts.failure is FailureKind.RESET and facts.attempts == 3
    assert web.main.hits("/reset") == 3


def test_malformed_response(web: Web) -> None:
    facts = fetch_one(web.main.url("/malformed"), local())
    assert facts.failure is FailureKind.PROTOCOL
    assert facts.failure_detail is not None
    assert facts.failure_detail.startswith("malformed response: illegal status line")
    assert web.main.hits("/malformed") == 1  # a malformed answer is an answer: not retried


def test_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    facts = fetch_one(f"http://127.0.0.1:{port}/x", local(retries=1))
    assert facts.failure is FailureKind.CONNECT and facts.failure_detail == "connection refused"
    assert facts.attempts == 2


def test_invalid_url_makes_no_request(web: Web) -> None:
    facts = fetch_one("http://exa mple.org/", local())
    assert facts.failure is FailureKind.INVALID_URL and facts.attempts == 0
    assert web.main.total == 0


# ----------------------------------------------------------------------------- TLS


def test_tls_self_signed(tls: Tls) -> None:
    facts = fetch_one(tls.self_signed.url("/page"), local(retries=0))
    assert facts.failure is FailureKind.TLS
    assert facts.failure_detail == "TLS: self-signed certificate"


def test_tls_expired(tls: Tls) -> None:
    facts = fetch_one(tls.expired.url("/page"), local(retries=0), verify=tls.trusting)
    assert facts.failure is FailureKind.TLS
    assert facts.failure_detail == "TLS: certificate has expired"


def test_tls_hostname_mismatch(tls: Tls) -> None:
    facts = fetch_one(tls.wrong_host.url("/page"), local(retries=0), verify=tls.trusting)
    assert facts.failure is FailureKind.TLS and facts.failure_detail == "TLS: hostname mismatch"


def test_tls_good_certificate(tls: Tls) -> None:
    facts = fetch_one(tls.good.url("/page"), local(retries=0), verify=tls.trusting)
    assert facts.status == 200 and facts.page is not None and facts.page.title == SOLAR_TITLE


def test_retries_are_counted_with_a_recording_sleep(web: Web) -> None:
    sleeps = Sleeps()
    facts = fetch_one(web.main.url("/unavailable-then-ok"), local(), sleep=sleeps)
    assert facts.status == 200 and facts.attempts == 2 and len(sleeps.calls) == 1
    assert web.main.hits("/unavailable-then-ok") == 2


# ----------------------------------------------------------------------------- one hop's request


def test_userinfo_is_sent_as_basic_credentials_and_never_reported(web: Web) -> None:
    url = web.main.url("/page").replace("http://", "http://reader:pa%20ss@")
    facts = fetch_one(url, local())
    token = base64.b64encode(b"reader:pa ss").decode()
    assert facts.status == 200 and facts.final_url == url and not facts.chain
    assert web.main.requests("/page")[0].headers["Authorization"] == f"Basic {token}"


def test_the_clients_default_headers_go_under_the_callers(web: Web) -> None:
    facts = fetch_one(web.main.url("/page"), local(), headers={"Accept": "text/plain"})
    sent = {name.lower(): value for name, value in web.main.requests("/page")[0].headers.items()}
    assert facts.status == 200 and sent["accept"] == "text/plain"  # the caller's wins
    assert sent["user-agent"] == DEFAULT_USER_AGENT and sent["accept-encoding"] == "gzip, deflate"
    assert "cookie" not in sent and "authorization" not in sent


def test_a_proxy_from_the_environment_carries_the_requests(
    web: Web, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", web.main.url("/"))
    facts = fetch_one("http://proxied.invalid/page", local())
    # The proxy (the test server) got the absolute URL: the name was never resolved here.
    assert facts.status == 200 and facts.page is not None and facts.page.title == SOLAR_TITLE
    (hit,) = web.main.requests("/page")
    assert hit.headers["Host"] == "proxied.invalid"
