"""The verdict rules, one table per rule, on hand-built facts (no network)."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from citecheck.check.classify import (
    classify,
    display_url,
    needs_probe,
    probe_key,
    probe_url,
    shows_cited_work,
)
from citecheck.models import FailureKind, FetchFacts, Hop, PageFacts, Verdict

URL = "https://e.org/news/2020/08/five-things-know-about-malis-coup"
TITLE = "Five Things to Know about Mali’s Coup"
PAGE_TITLE = "Five Things to Know About Mali's Coup | United States Institute of Peace"
STORY = (
    "Five things to know about Mali's coup. On August 18, soldiers detained President Ibrahim "
    "Boubacar Keita and Prime Minister Boubou Cisse at a military base outside Bamako. "
    "The coup follows months of protests over disputed legislative elections. "
) * 3
NOT_FOUND = (
    "Home News Publications. Page not found. Sorry, the page {path} could not be found. "
    "Search the site or return to the home page. Contact Privacy Terms"
)
PIZZA = "Best pizza recipes for summer: grilled margherita, white pizza, peach and prosciutto."
TOKEN = "qzxkvbwplmtrhgfdsjnacyeou"


def page(
    *,
    title: str | None = PAGE_TITLE,
    og: str | None = None,
    h1: str | None = None,
    text: str = STORY,
    ctype: str | None = "text/html; charset=utf-8",
    password: bool = False,
) -> PageFacts:
    return PageFacts(
        content_type=ctype, title=title, og_title=og, h1=h1, text=text, has_password_field=password
    )


def fetched(
    url: str = URL,
    status: int | None = 200,
    *,
    final: str | None = None,
    chain: tuple[Hop, ...] = (),
    headers: tuple[tuple[str, str], ...] = (),
    body: PageFacts | None = None,
    failure: FailureKind | None = None,
    detail: str | None = None,
) -> FetchFacts:
    return FetchFacts(
        url=url,
        final_url=final or url,
        status=status,
        chain=chain,
        headers=headers,
        page=body if body is not None else page(),
        failure=failure,
        failure_detail=detail,
    )


def redirected(
    url: str,
    *steps: tuple[int, str],
    status: int = 200,
    body: PageFacts | None = None,
    **kw: object,
) -> FetchFacts:
    """Facts of a fetch that followed ``steps`` (status, Location) from ``url``."""
    chain = []
    current = url
    for code, location in steps:
        chain.append(Hop(current, code, location))
        current = urljoin(current, location)
    headers = kw.get("headers", ())
    assert isinstance(headers, tuple)
    return fetched(url, status, final=current, chain=tuple(chain), body=body, headers=headers)


def probe_of(
    facts: FetchFacts, status: int = 200, body: PageFacts | None = None, **kw: object
) -> FetchFacts:
    """Facts of fetching the made-up sibling of ``facts``'s final URL."""
    address = probe_url(facts.final_url or facts.url, TOKEN)
    assert address is not None
    final = kw.get("final")
    chain = kw.get("chain", ())
    assert final is None or isinstance(final, str)
    assert isinstance(chain, tuple)
    return fetched(
        address, status, final=final, chain=chain, body=body or page(title=None, text="")
    )


# ----------------------------------------------------------------------------- failures


@pytest.mark.parametrize(
    ("failure", "detail", "chain_len", "verdict", "reason"),
    [
        (
            FailureKind.DNS,
            "[Errno -2] Name or service not known",
            0,
            Verdict.DEAD,
            "domain does not resolve",
        ),
        (FailureKind.DNS, None, 0, Verdict.DEAD, "domain does not resolve"),
        (FailureKind.CONNECT, None, 0, Verdict.ERROR, "connection refused"),
        (FailureKind.CONNECT, "network unreachable", 0, Verdict.ERROR, "network unreachable"),
        (FailureKind.RESET, None, 0, Verdict.ERROR, "connection reset"),
        (
            FailureKind.TLS,
            "TLS: self-signed certificate",
            0,
            Verdict.ERROR,
            "TLS: self-signed certificate",
        ),
        (FailureKind.TLS, None, 0, Verdict.ERROR, "TLS error"),
        (FailureKind.TIMEOUT, None, 0, Verdict.TIMEOUT, "timed out"),
        (FailureKind.TIMEOUT, "timed out after 20 s", 0, Verdict.TIMEOUT, "timed out after 20 s"),
        (FailureKind.PROTOCOL, None, 0, Verdict.ERROR, "malformed response"),
        (FailureKind.TOO_MANY_REDIRECTS, None, 10, Verdict.ERROR, "too many redirects (10 hops)"),
        (
            FailureKind.REDIRECT_LOOP,
            "redirect loop after 10 hops",
            10,
            Verdict.ERROR,
            "redirect loop after 10 hops",
        ),
        (FailureKind.REDIRECT_LOOP, None, 3, Verdict.ERROR, "redirect loop after 3 hops"),
        (
            FailureKind.INVALID_URL,
            "invalid URL: bad port",
            0,
            Verdict.INVALID,
            "invalid URL: bad port",
        ),
        (FailureKind.INVALID_URL, None, 0, Verdict.INVALID, "invalid URL"),
        (
            FailureKind.PRIVATE,
            "private address 10.0.0.7",
            0,
            Verdict.SKIPPED,
            "private address 10.0.0.7",
        ),
        (
            FailureKind.EXCLUDED,
            "excluded by --exclude '^https://e.org'",
            0,
            Verdict.SKIPPED,
            "excluded by --exclude '^https://e.org'",
        ),
        (FailureKind.UNSUPPORTED, None, 0, Verdict.SKIPPED, "unsupported scheme: https"),
        (FailureKind.CONNECT, "  connection\n  refused  ", 0, Verdict.ERROR, "connection refused"),
    ],
)
def test_failures(
    failure: FailureKind, detail: str | None, chain_len: int, verdict: Verdict, reason: str
) -> None:
    chain = tuple(Hop(f"https://e.org/{i}", 302, f"/{i + 1}") for i in range(chain_len))
    facts = fetched(status=None, failure=failure, detail=detail, chain=chain, body=PageFacts())
    assert classify(facts) == (verdict, reason)


def test_unsupported_scheme_names_the_scheme() -> None:
    facts = fetched("mailto:someone@example.org", None, failure=FailureKind.UNSUPPORTED)
    assert classify(facts) == (Verdict.SKIPPED, "unsupported scheme: mailto")


def test_a_failure_outranks_a_status() -> None:
    facts = fetched(status=200, failure=FailureKind.RESET)
    assert classify(facts) == (Verdict.ERROR, "connection reset")


def test_failure_detail_is_shortened_and_loses_credentials() -> None:
    detail = "TLS: hostname mismatch for https://bob:hunter2@e.org/x " + "x" * 400
    verdict, reason = classify(fetched(status=None, failure=FailureKind.TLS, detail=detail))
    assert verdict is Verdict.ERROR
    assert "hunter2" not in reason
    assert "bob" not in reason
    assert reason.startswith("TLS: hostname mismatch for https://e.org/x")
    assert len(reason) <= 160


# ----------------------------------------------------------------------------- statuses


@pytest.mark.parametrize(
    ("status", "verdict", "reason"),
    [
        (200, Verdict.LIVE, "HTTP 200"),
        (203, Verdict.LIVE, "HTTP 203"),
        (204, Verdict.LIVE, "HTTP 204"),
        (404, Verdict.DEAD, "HTTP 404"),
        (410, Verdict.DEAD, "HTTP 410 Gone"),
        (400, Verdict.ERROR, "HTTP 400 Bad Request"),
        (401, Verdict.BLOCKED, "HTTP 401"),
        (402, Verdict.BLOCKED, "HTTP 402"),
        (403, Verdict.BLOCKED, "HTTP 403"),
        (407, Verdict.BLOCKED, "HTTP 407"),
        (429, Verdict.BLOCKED, "HTTP 429 Too Many Requests"),
        (451, Verdict.BLOCKED, "HTTP 451 Unavailable For Legal Reasons"),
        (999, Verdict.BLOCKED, "HTTP 999 (bot block)"),
        (405, Verdict.ERROR, "HTTP 405 Method Not Allowed"),
        (406, Verdict.ERROR, "HTTP 406 Not Acceptable"),
        (408, Verdict.TIMEOUT, "HTTP 408 Request Timeout"),
        (409, Verdict.ERROR, "HTTP 409"),
        (418, Verdict.ERROR, "HTTP 418"),
        (422, Verdict.ERROR, "HTTP 422"),
        (500, Verdict.ERROR, "HTTP 500"),
        (502, Verdict.ERROR, "HTTP 502"),
        (503, Verdict.ERROR, "HTTP 503"),
        (504, Verdict.ERROR, "HTTP 504"),
        (522, Verdict.ERROR, "HTTP 522"),
        (301, Verdict.ERROR, "HTTP 301 without a usable Location"),
        (304, Verdict.ERROR, "HTTP 304"),
        (100, Verdict.ERROR, "HTTP 100"),
        (600, Verdict.ERROR, "HTTP 600"),
    ],
)
def test_statuses(status: int, verdict: Verdict, reason: str) -> None:
    assert classify(fetched(status=status)) == (verdict, reason)


def test_no_response_at_all_is_an_error() -> None:
    assert classify(fetched(status=None)) == (Verdict.ERROR, "no response")


def test_a_not_found_page_with_a_404_is_dead_not_soft() -> None:
    body = page(title="Page not found", text=NOT_FOUND.format(path="/x"))
    assert classify(fetched(status=404, body=body)) == (Verdict.DEAD, "HTTP 404")


@pytest.mark.parametrize(
    ("status", "accept", "verdict", "reason"),
    [
        (403, (403,), Verdict.LIVE, "HTTP 403 (accepted)"),
        (404, (404, 410), Verdict.LIVE, "HTTP 404 (accepted)"),
        (999, (999,), Verdict.LIVE, "HTTP 999 (bot block) (accepted)"),
        (503, (403,), Verdict.ERROR, "HTTP 503"),
        (403, (401,), Verdict.BLOCKED, "HTTP 403"),
    ],
)
def test_accept(status: int, accept: tuple[int, ...], verdict: Verdict, reason: str) -> None:
    assert classify(fetched(status=status), accept=accept) == (verdict, reason)


def test_an_accepted_status_ignores_the_body() -> None:
    challenge = page(title="Just a moment...", text="Checking your browser before accessing")
    facts = fetched(status=403, body=challenge, headers=(("cf-mitigated", "challenge"),))
    assert classify(facts, accept=(403,)) == (Verdict.LIVE, "HTTP 403 (accepted)")
    assert classify(facts) == (Verdict.BLOCKED, "bot challenge (Cloudflare)")


def test_an_accepted_status_after_a_permanent_redirect_is_moved() -> None:
    facts = redirected(URL, (301, "/new/place"), status=403)
    assert classify(facts, accept=(403,)) == (
        Verdict.MOVED,
        "moved permanently to https://e.org/new/place",
    )


# ----------------------------------------------------------------------------- bot challenges

CLOUDFLARE = (("server", "cloudflare"), ("cf-ray", "8a1b2c3d4e5f-AMS"))


@pytest.mark.parametrize(
    ("status", "headers", "body", "verdict", "reason"),
    [
        (
            403,
            (("cf-mitigated", "challenge"),),
            page(title=None, text=""),
            Verdict.BLOCKED,
            "bot challenge (Cloudflare)",
        ),
        (
            200,
            (("cf-mitigated", "challenge"),),
            page(),
            Verdict.BLOCKED,
            "bot challenge (Cloudflare)",
        ),
        (
            403,
            CLOUDFLARE,
            page(title="Just a moment...", text="Enable JavaScript and cookies to continue"),
            Verdict.BLOCKED,
            "bot challenge (Cloudflare)",
        ),
        (
            403,
            (),
            page(title="Attention Required! | Cloudflare", text="Sorry, you have been blocked"),
            Verdict.BLOCKED,
            "bot challenge (Cloudflare)",
        ),
        (
            503,
            CLOUDFLARE,
            page(title="Just a moment...", text=""),
            Verdict.BLOCKED,
            "bot challenge (Cloudflare)",
        ),
        (
            503,
            (),
            page(title=None, text="Checking your browser before accessing e.org."),
            Verdict.BLOCKED,
            "bot challenge",
        ),
        (
            503,
            (("server", "Server"),),
            page(title="Robot Check", text="Type the characters you see"),
            Verdict.BLOCKED,
            "bot challenge (Amazon)",
        ),
        (
            200,
            CLOUDFLARE,
            page(title="Just a moment...", text=""),
            Verdict.BLOCKED,
            "bot challenge (Cloudflare)",
        ),
        (
            403,
            (("server", "AkamaiGHost"),),
            page(
                title="Access Denied",
                text="You don't have permission to access this page. Reference #18.6",
            ),
            Verdict.BLOCKED,
            "access denied by bot protection (Akamai)",
        ),
        (
            403,
            (),
            page(
                title="Access to this page has been denied",
                text="Press & Hold to confirm you are a human",
            ),
            Verdict.BLOCKED,
            "bot challenge (PerimeterX)",
        ),
        (
            405,
            (),
            page(
                title="Pardon Our Interruption",
                text="Something about your browser made us think you were a bot.",
            ),
            Verdict.BLOCKED,
            "bot challenge (Imperva)",
        ),
        (
            403,
            (("x-datadome", "protected"),),
            page(
                title=None, text="Please enable JS and disable any ad blocker. captcha-delivery.com"
            ),
            Verdict.BLOCKED,
            "bot challenge (DataDome)",
        ),
        (
            200,
            (("x-amzn-waf-action", "captcha"),),
            page(),
            Verdict.BLOCKED,
            "bot challenge (AWS WAF)",
        ),
        (
            429,
            (("x-vercel-mitigated", "challenge"),),
            page(),
            Verdict.BLOCKED,
            "HTTP 429 Too Many Requests",
        ),
        (200, (), page(title="Are you a robot?", text=""), Verdict.BLOCKED, "bot challenge"),
        (
            200,
            (),
            page(title="Verify", text="Please verify you are a human. g-recaptcha"),
            Verdict.BLOCKED,
            "bot challenge",
        ),
        (
            200,
            (),
            page(title="Security", text="hcaptcha challenge loading"),
            Verdict.BLOCKED,
            "bot challenge",
        ),
        (
            200,
            (),
            page(
                title=None,
                text="Our systems have detected unusual traffic from your computer network.",
            ),
            Verdict.BLOCKED,
            "bot challenge (Google)",
        ),
        (
            403,
            (("x-iinfo", "13-5"),),
            page(title=None, text="Request unsuccessful. Incapsula incident ID: 123"),
            Verdict.BLOCKED,
            "access denied by bot protection (Imperva)",
        ),
        # Negatives: a plain 403 stays a plain 403, even behind Cloudflare.
        (
            403,
            (),
            page(title="403 Forbidden", text="Forbidden. You don't have permission."),
            Verdict.BLOCKED,
            "HTTP 403",
        ),
        (403, CLOUDFLARE, page(title="Forbidden", text="Forbidden"), Verdict.BLOCKED, "HTTP 403"),
        (
            503,
            CLOUDFLARE,
            page(title="Service Unavailable", text="Back soon."),
            Verdict.ERROR,
            "HTTP 503",
        ),
        # A long article about CAPTCHAs is an article.
        (
            200,
            (),
            page(
                title="How reCAPTCHA works | Security Blog",
                text="reCAPTCHA and hCaptcha are ... " * 200,
            ),
            Verdict.LIVE,
            "HTTP 200",
        ),
        (
            200,
            (),
            page(title="Access Denied: The story of a hacker", text=STORY),
            Verdict.LIVE,
            "HTTP 200",
        ),
        (404, (), page(title="Just a moment...", text=""), Verdict.DEAD, "HTTP 404"),
    ],
)
def test_bot_challenges(
    status: int,
    headers: tuple[tuple[str, str], ...],
    body: PageFacts,
    verdict: Verdict,
    reason: str,
) -> None:
    assert classify(fetched(status=status, headers=headers, body=body)) == (verdict, reason)


# ----------------------------------------------------------------------------- login walls


@pytest.mark.parametrize(
    ("steps", "status", "body", "verdict", "reason"),
    [
        (
            [(302, "/login?next=/news/2020/08/five-things-know-about-malis-coup")],
            200,
            page(title="Log in"),
            Verdict.BLOCKED,
            "login required: redirected to /login",
        ),
        (
            [(302, "/account/login")],
            200,
            page(title="Account"),
            Verdict.BLOCKED,
            "login required: redirected to /account/login",
        ),
        (
            [(302, "/users/sign-in")],
            200,
            page(title="Welcome back"),
            Verdict.BLOCKED,
            "login required: redirected to /users/sign-in",
        ),
        (
            [(303, "https://sso.e.org/auth/realms/x")],
            200,
            page(title="SSO"),
            Verdict.BLOCKED,
            "login required: redirected to sso.e.org/auth/realms/x",
        ),
        (
            [(302, "https://accounts.example.com/ServiceLogin?continue=https%3A%2F%2Fe.org%2F")],
            200,
            page(title="Google"),
            Verdict.BLOCKED,
            "login required: redirected to accounts.example.com/ServiceLogin",
        ),
        (
            [(302, "/gate?returnTo=%2Fnews%2F2020%2F08%2Ffive-things-know-about-malis-coup")],
            200,
            page(title="Subscribe"),
            Verdict.BLOCKED,
            "login required: redirected to /gate",
        ),
        (
            [
                (
                    302,
                    "/members?redirect=https%253A%252F%252Fe.org%252Fnews%252F2020%252F08%252Ffive-things-know-about-malis-coup",
                )
            ],
            200,
            page(title="Members"),
            Verdict.BLOCKED,
            "login required: redirected to /members",
        ),
        (
            [(302, "/x/y")],
            200,
            page(title="Sign in"),
            Verdict.BLOCKED,
            "login required: redirected to /x/y",
        ),
        (
            [(302, "https://consent.yahoo.com/v2/collectConsent?sessionId=3")],
            200,
            page(title="Yahoo"),
            Verdict.BLOCKED,
            "consent required: redirected to consent.yahoo.com",
        ),
        (
            [(302, "/login")],
            401,
            page(title="Unauthorized"),
            Verdict.BLOCKED,
            "login required: redirected to /login",
        ),
        (
            [(302, "/wp-login.php?redirect_to=x")],
            404,
            page(title="Log in"),
            Verdict.BLOCKED,
            "login required: redirected to /wp-login.php",
        ),
        # An ordinary temporary redirect is not a login wall.
        ([(302, "/news/2020/08/five-things-to-know")], 200, page(), Verdict.LIVE, "HTTP 200"),
        ([(302, "/news/2020/08/login-troubles-at-bank")], 200, page(), Verdict.LIVE, "HTTP 200"),
        ([(302, "/authors/jane")], 200, page(), Verdict.LIVE, "HTTP 200"),
        ([(302, "/search?next=2")], 200, page(), Verdict.LIVE, "HTTP 200"),
        (
            [(301, "/news/2020/08/mali-coup?from=/news/2020/08/five-things-know-about-malis-coup")],
            200,
            page(),
            Verdict.MOVED,
            "moved permanently to https://e.org/news/2020/08/mali-coup?from=/news/2020/08/five-things-know-about-malis-coup",
        ),
    ],
)
def test_login_redirects(
    steps: list[tuple[int, str]], status: int, body: PageFacts, verdict: Verdict, reason: str
) -> None:
    assert classify(redirected(URL, *steps, status=status, body=body), cited_title=TITLE) == (
        verdict,
        reason,
    )


def test_a_login_segment_the_cited_url_already_had_is_not_a_wall() -> None:
    docs = redirected("https://e.org/docs/auth", (302, "/docs/auth/intro"), body=page(text=STORY))
    assert classify(docs) == (Verdict.LIVE, "HTTP 200")
    wall = redirected("https://e.org/auth/report", (302, "/auth/login"), body=page(title="Auth"))
    assert classify(wall) == (Verdict.BLOCKED, "login required: redirected to /auth/login")


def test_a_cited_login_page_is_not_a_wall() -> None:
    facts = fetched("https://e.org/login", body=page(title="Log in", text="Log in", password=True))
    assert classify(facts) == (Verdict.BLOCKED, "login required: page asks for a password")
    login_url = "https://e.org/auth/login"
    again = redirected(login_url, (302, "/auth/login/"), body=page(title="Docs: auth", text=STORY))
    assert classify(again) == (Verdict.LIVE, "HTTP 200")


@pytest.mark.parametrize(
    ("body", "cited", "verdict", "reason"),
    [
        (
            page(title="Sign in", text="Email Password Forgot?", password=True),
            TITLE,
            Verdict.BLOCKED,
            "login required: page asks for a password",
        ),
        (
            page(title="Members area", text="Please log in to read this.", password=True),
            None,
            Verdict.BLOCKED,
            "login required: page asks for a password",
        ),
        # A forum thread with a quick-login box in its header: a long page is not a login page.
        (
            page(title="Re: Mali coup thread - Forum", text=STORY * 5, password=True),
            None,
            Verdict.LIVE,
            "HTTP 200",
        ),
        # The cited work is visibly there; the password box is beside it.
        (
            page(title=PAGE_TITLE, text="Short teaser. Log in to comment.", password=True),
            TITLE,
            Verdict.LIVE,
            "HTTP 200",
        ),
    ],
)
def test_password_walls(body: PageFacts, cited: str | None, verdict: Verdict, reason: str) -> None:
    assert classify(fetched(body=body), cited_title=cited) == (verdict, reason)


# ----------------------------------------------------------------------------- moved


@pytest.mark.parametrize(
    ("url", "steps", "verdict", "reason"),
    [
        (
            URL,
            [(301, "/analysis/mali-coup")],
            Verdict.MOVED,
            "moved permanently to https://e.org/analysis/mali-coup",
        ),
        (
            URL,
            [(308, "https://new.org/mali-coup")],
            Verdict.MOVED,
            "moved permanently to https://new.org/mali-coup",
        ),
        # Canonicalising redirects are not moves: the cited URL keeps working.
        ("http://e.org/a/b", [(301, "https://e.org/a/b")], Verdict.LIVE, "HTTP 200"),
        ("https://e.org/a/b", [(301, "https://e.org/a/b/")], Verdict.LIVE, "HTTP 200"),
        ("https://e.org/a/b", [(301, "https://www.e.org/a/b")], Verdict.LIVE, "HTTP 200"),
        ("https://e.org/a/b/index.html", [(301, "/a/b/")], Verdict.LIVE, "HTTP 200"),
        ("https://e.org/a/b?utm_source=x", [(301, "/a/b")], Verdict.LIVE, "HTTP 200"),
        (
            "http://e.org/a/b",
            [(301, "https://e.org/a/b"), (301, "/a/c")],
            Verdict.MOVED,
            "moved permanently to https://e.org/a/c",
        ),
        # A trivial temporary hop first does not hide the permanent move behind it.
        (
            "http://e.org/a/b",
            [(302, "https://e.org/a/b"), (301, "/a/c")],
            Verdict.MOVED,
            "moved permanently to https://e.org/a/c",
        ),
        # Temporary redirects keep the cited URL as the entry point.
        ("https://e.org/a/b", [(302, "/a/c")], Verdict.LIVE, "HTTP 200"),
        ("https://e.org/a/b", [(303, "/a/c")], Verdict.LIVE, "HTTP 200"),
        ("https://e.org/a/b", [(307, "/a/c")], Verdict.LIVE, "HTTP 200"),
        (
            "https://doi.org/10.1000/xyz",
            [(302, "https://publisher.org/article/xyz")],
            Verdict.LIVE,
            "HTTP 200",
        ),
        # The first hop that goes somewhere decides...
        ("https://e.org/a/b", [(302, "/a/c"), (301, "/a/d")], Verdict.LIVE, "HTTP 200"),
        # ...and the new address is the end of the permanent run, not a temporary target.
        (
            "https://e.org/a/b",
            [(301, "/a/c"), (302, "/a/c?session=123")],
            Verdict.MOVED,
            "moved permanently to https://e.org/a/c",
        ),
        # Credentials never reach a reason.
        (
            "https://bob:hunter2@e.org/a/b",
            [(301, "https://bob:hunter2@e.org/a/c")],
            Verdict.MOVED,
            "moved permanently to https://e.org/a/c",
        ),
    ],
)
def test_moved(url: str, steps: list[tuple[int, str]], verdict: Verdict, reason: str) -> None:
    assert classify(redirected(url, *steps)) == (verdict, reason)


@pytest.mark.parametrize(
    ("steps", "status", "verdict", "reason"),
    [
        (
            [(301, "/gone/place")],
            404,
            Verdict.DEAD,
            "HTTP 404 after redirect to https://e.org/gone/place",
        ),
        (
            [(301, "https://e.org/news/2020/08/five-things-know-about-malis-coup/")],
            404,
            Verdict.DEAD,
            "HTTP 404",
        ),
        (
            [(301, "/new/place")],
            403,
            Verdict.BLOCKED,
            "HTTP 403 after redirect to https://e.org/new/place",
        ),
        (
            [(301, "/new/place")],
            500,
            Verdict.ERROR,
            "HTTP 500 after redirect to https://e.org/new/place",
        ),
        ([(301, "/")], 500, Verdict.ERROR, "HTTP 500 after redirect to https://e.org/"),
    ],
)
def test_a_redirect_to_a_failing_page_takes_the_final_status(
    steps: list[tuple[int, str]], status: int, verdict: Verdict, reason: str
) -> None:
    assert classify(redirected(URL, *steps, status=status)) == (verdict, reason)


# ----------------------------------------------------------------------------- soft 404: redirects

HOME = page(title="United States Institute of Peace", text="Welcome. Latest analysis. " * 20)


@pytest.mark.parametrize(
    ("url", "steps", "verdict", "reason"),
    [
        (URL, [(301, "/")], Verdict.SOFT404, "redirected to home page"),
        (URL, [(302, "/")], Verdict.SOFT404, "redirected to home page"),
        (URL, [(302, "/index.html")], Verdict.SOFT404, "redirected to home page"),
        (URL, [(302, "/home")], Verdict.SOFT404, "redirected to home page"),
        (URL, [(301, "/en/")], Verdict.SOFT404, "redirected to home page"),
        (URL, [(301, "/en-us")], Verdict.SOFT404, "redirected to home page"),
        (URL, [(301, "/fr/index.php")], Verdict.SOFT404, "redirected to home page"),
        (
            "http://e.org/a/b",
            [(301, "https://www.e.org/")],
            Verdict.SOFT404,
            "redirected to home page",
        ),
        (
            URL,
            [(301, "https://newowner.com/")],
            Verdict.SOFT404,
            "redirected to home page of newowner.com",
        ),
        ("https://e.org/?p=123", [(301, "/")], Verdict.SOFT404, "redirected to home page"),
        (URL, [(301, "/news/")], Verdict.SOFT404, "redirected to section page /news/"),
        (URL, [(302, "/news/2020")], Verdict.SOFT404, "redirected to section page /news/2020"),
        (URL, [(302, "/404")], Verdict.SOFT404, "redirected to error page /404"),
        (
            URL,
            [(302, "/errors/not-found.html")],
            Verdict.SOFT404,
            "redirected to error page /errors/not-found.html",
        ),
        (
            URL,
            [(302, "/Error.aspx?aspxerrorpath=/news/x")],
            Verdict.SOFT404,
            "redirected to error page /Error.aspx",
        ),
        # A root URL is never a soft 404.
        ("https://e.org/", [(301, "/en/")], Verdict.LIVE, "HTTP 200"),
        ("https://e.org", [(302, "/home")], Verdict.LIVE, "HTTP 200"),
        ("https://e.org/index.html", [(301, "/")], Verdict.LIVE, "HTTP 200"),
        ("https://e.org/en", [(301, "/en/")], Verdict.LIVE, "HTTP 200"),
        ("https://e.org/?utm_source=feed", [(301, "/")], Verdict.LIVE, "HTTP 200"),
        # A view of the same page, or one level up into what may be the article itself.
        (
            "https://e.org/my-story/amp",
            [(301, "/my-story")],
            Verdict.MOVED,
            "moved permanently to https://e.org/my-story",
        ),
        (
            "https://e.org/blog/my-story/print",
            [(301, "/blog/my-story")],
            Verdict.MOVED,
            "moved permanently to https://e.org/blog/my-story",
        ),
        ("https://e.org/a/b/c", [(302, "/a/b")], Verdict.LIVE, "HTTP 200"),
        ("https://e.org/?p=12", [(302, "/?s=story")], Verdict.LIVE, "HTTP 200"),
        (
            "https://e.org/blog/my-story",
            [(301, "/blog/")],
            Verdict.SOFT404,
            "redirected to section page /blog/",
        ),
        (
            "https://e.org/en/news/2020/x",
            [(301, "/en/news/")],
            Verdict.SOFT404,
            "redirected to section page /en/news/",
        ),
        # Not an ancestor: a sibling or a deeper page.
        ("https://e.org/a/b/index.html", [(301, "/a/b/")], Verdict.LIVE, "HTTP 200"),
        (
            URL,
            [(302, "/news/2020/08/five-things-know-about-malis-coup/amp")],
            Verdict.LIVE,
            "HTTP 200",
        ),
    ],
)
def test_redirect_dead_ends(
    url: str, steps: list[tuple[int, str]], verdict: Verdict, reason: str
) -> None:
    assert classify(redirected(url, *steps, body=HOME)) == (verdict, reason)


def test_a_citation_of_the_site_itself_survives_a_home_redirect() -> None:
    facts = redirected(URL, (301, "/"), body=HOME)
    cited = "United States Institute of Peace"
    assert classify(facts, cited_title=cited) == (
        Verdict.MOVED,
        "moved permanently to https://e.org/",
    )
    assert classify(facts, cited_title=TITLE) == (Verdict.SOFT404, "redirected to home page")


def test_a_home_redirect_ending_in_a_challenge_is_blocked_not_soft() -> None:
    facts = redirected(URL, (301, "/"), body=page(title="Just a moment...", text=""))
    assert classify(facts) == (Verdict.BLOCKED, "bot challenge (Cloudflare)")


# ----------------------------------------------------------------------------- soft 404: probe

SOFT_SAME = "soft 404: the site answers a made-up sibling URL with the same page"
NOT_FOUND_PAGE = page(title="Page not found – USIP", text=NOT_FOUND.format(path="/news/x"))


def test_an_honest_404_host_keeps_a_real_200_page_live() -> None:
    facts = fetched()
    assert classify(facts, cited_title=TITLE, probe=probe_of(facts, 404)) == (
        Verdict.LIVE,
        "HTTP 200",
    )


def test_a_200_for_everything_site_keeps_its_one_real_page_live() -> None:
    facts = fetched()
    probe = probe_of(
        facts, 200, page(title="Page not found – USIP", text=NOT_FOUND.format(path=TOKEN))
    )
    assert classify(facts, cited_title=TITLE, probe=probe) == (Verdict.LIVE, "HTTP 200")


@pytest.mark.parametrize(
    ("body", "probe_status", "probe_body", "verdict", "reason"),
    [
        # The made-up sibling gets the very same page: the page's 200 proves nothing.
        (
            page(
                title="USIP",
                text=NOT_FOUND.format(path="/news/2020/08/five-things-know-about-malis-coup"),
            ),
            200,
            page(title="USIP", text=NOT_FOUND.format(path=f"/news/2020/08/{TOKEN}")),
            Verdict.SOFT404,
            SOFT_SAME,
        ),
        # The same page for a made-up sibling, but it still shows the cited work: slug-tolerant
        # sites (/questions/123/any-slug) do this, and the cited page is there.
        (
            page(),
            200,
            page(),
            Verdict.LIVE,
            "HTTP 200, though the site answers made-up sibling URLs with this same page",
        ),
        # ... and when its title no longer shows the cited work, it is the soft-404 page.
        (
            page(title="Welcome to our site", text=STORY),
            200,
            page(title="Welcome to our site", text=STORY),
            Verdict.SOFT404,
            SOFT_SAME,
        ),
        # Not-found wording with no honest probe: soft 404.
        (
            NOT_FOUND_PAGE,
            None,
            None,
            Verdict.SOFT404,
            "soft 404: page says “Page not found – USIP”",
        ),
        (
            page(title="USIP", h1="Oops! That page can’t be found."),
            None,
            None,
            Verdict.SOFT404,
            "soft 404: page says “Oops! That page can’t be found.”",
        ),
        (
            page(title="Error 404", text="x"),
            200,
            page(title="Home", text=STORY),
            Verdict.SOFT404,
            "soft 404: page says “Error 404”",
        ),
        (
            page(title="USIP", text=NOT_FOUND.format(path="/a")),
            503,
            None,
            Verdict.SOFT404,
            "soft 404: page says “page not found”",
        ),
        # Wording never outweighs an honest host on its own; the page title still tells that
        # the cited work is not shown, which is drift.
        (
            page(title="Error 404", text="x"),
            404,
            None,
            Verdict.DRIFTED,
            "page title no longer matches: “Error 404”",
        ),
        (
            NOT_FOUND_PAGE,
            410,
            None,
            Verdict.DRIFTED,
            "page title no longer matches: “Page not found – USIP”",
        ),
        # A failed probe tells nothing.
        (page(), None, None, Verdict.LIVE, "HTTP 200"),
    ],
)
def test_probe_and_wording(
    body: PageFacts,
    probe_status: int | None,
    probe_body: PageFacts | None,
    verdict: Verdict,
    reason: str,
) -> None:
    facts = fetched(body=body)
    probe = None if probe_status is None else probe_of(facts, probe_status, probe_body)
    assert classify(facts, cited_title=TITLE, probe=probe) == (verdict, reason)


@pytest.mark.parametrize(
    "body",
    [page(title="Error 404", text="x"), NOT_FOUND_PAGE, page(title="USIP", h1="Page not found")],
)
def test_wording_against_an_honest_host_stays_live_with_a_caveat(body: PageFacts) -> None:
    facts = fetched(body=body)
    verdict, reason = classify(facts, probe=probe_of(facts, 404))
    assert verdict is Verdict.LIVE
    assert reason.startswith("HTTP 200, though the page says “")


DOCVIEW = "https://e.org/docview/2329130006/"
SAHEL = "Violent Extremism in the Sahel: Africa Security Brief No. 36"
HOST_404 = page(
    title="404 Not Found",
    h1="Not Found",
    text="Not Found The requested URL was not found on this server.",
)
OWN_404 = "soft 404: the page is the site's own not-found page (served with 200)"


NOTHING = page(title="Example Archive", text="Hmm, nothing here. Try the search box above.")
OTHER_404 = page(title="Page not found – USIP", text=NOT_FOUND.format(path="/docview/x"))
SHELL = page(title="My App", text="")


@pytest.mark.parametrize(
    ("body", "probe", "cited", "expected"),
    [
        # The benchmark case: a 200 carrying the body the honest host sends with its 404s.
        (HOST_404, (404, HOST_404), SAHEL, (Verdict.SOFT404, OWN_404)),
        (HOST_404, (404, HOST_404), None, (Verdict.SOFT404, OWN_404)),
        (HOST_404, (410, HOST_404), SAHEL, (Verdict.SOFT404, OWN_404)),
        # No not-found wording at all ("nothing here"): the copy alone settles it.
        (NOTHING, (404, NOTHING), None, (Verdict.SOFT404, OWN_404)),
        (
            NOTHING,
            (400, NOTHING),
            None,
            (
                Verdict.SOFT404,
                "soft 404: the page is the site's own HTTP 400 Bad Request error page "
                "(served with 200)",
            ),
        ),
        # A real page on an honest host stays live.
        (page(), (404, HOST_404), TITLE, (Verdict.LIVE, "HTTP 200")),
        # Wording, but the probe's 404 carries a different page: live with the caveat, or
        # drifted when the cited title is known and absent (both as before).
        (
            HOST_404,
            (404, OTHER_404),
            None,
            (Verdict.LIVE, "HTTP 200, though the page says “404 Not Found”"),
        ),
        (
            HOST_404,
            (404, OTHER_404),
            SAHEL,
            (Verdict.DRIFTED, "page title no longer matches: “404 Not Found”"),
        ),
        # Same text under another title is another page.
        (
            HOST_404,
            (404, page(title="Error", h1="Not Found", text=HOST_404.text)),
            None,
            (Verdict.LIVE, "HTTP 200, though the page says “404 Not Found”"),
        ),
        # Empty script shells with one title prove nothing against an honest host.
        (SHELL, (404, SHELL), None, (Verdict.LIVE, "HTTP 200")),
    ],
)
def test_a_copy_of_the_honest_hosts_error_page_is_a_soft_404(
    body: PageFacts,
    probe: tuple[int, PageFacts],
    cited: str | None,
    expected: tuple[Verdict, str],
) -> None:
    facts = fetched(DOCVIEW, body=body)
    sibling = probe_of(facts, *probe)
    assert classify(facts, cited_title=cited, probe=sibling) == expected


def test_a_timed_out_probe_is_no_evidence() -> None:
    facts = fetched()
    probe = fetched("https://e.org/news/2020/08/x", None, failure=FailureKind.TIMEOUT)
    assert classify(facts, probe=probe) == (Verdict.LIVE, "HTTP 200")


def test_page_and_probe_funnelled_to_one_address_is_a_soft_404() -> None:
    facts = redirected(
        URL, (302, "/news/unavailable"), body=page(title="Sorry", text="Unavailable.")
    )
    probe = probe_of(
        fetched(),
        200,
        page(title="Sorry", text="Unavailable."),
        final="https://e.org/news/unavailable",
        chain=(Hop("https://e.org/news/2020/08/x", 302, "/news/unavailable"),),
    )
    assert classify(facts, probe=probe) == (Verdict.SOFT404, SOFT_SAME)


def test_a_page_about_404_errors_is_not_a_soft_404() -> None:
    body = page(title="404 Not Found: how to fix it | Web Guide", text=STORY)
    assert classify(fetched(body=body)) == (Verdict.LIVE, "HTTP 200")
    bare = page(title="Error 404", text=STORY)
    assert classify(fetched(body=bare), cited_title="Error 404") == (Verdict.LIVE, "HTTP 200")


@pytest.mark.parametrize("url", ["https://e.org/", "https://e.org"])
def test_a_root_url_is_never_a_soft_404(url: str) -> None:
    facts = fetched(url, body=NOT_FOUND_PAGE)
    probe = fetched("https://e.org/x", body=NOT_FOUND_PAGE)
    assert classify(facts, probe=probe) == (Verdict.LIVE, "HTTP 200")


def test_a_pdf_is_not_judged_by_probe_or_wording() -> None:
    pdf = page(title="Page not found", text="", ctype="application/pdf")
    facts = fetched("https://e.org/files/report.pdf", body=pdf)
    probe = fetched("https://e.org/files/x.pdf", body=pdf)
    assert classify(facts, probe=probe) == (Verdict.LIVE, "HTTP 200")


# ----------------------------------------------------------------------------- drift


@pytest.mark.parametrize(
    ("body", "cited", "verdict", "reason"),
    [
        (
            page(title="Best Pizza Recipes for Summer", text=PIZZA),
            "History of MINUSMA",
            Verdict.DRIFTED,
            "page title no longer matches: “Best Pizza Recipes for Summer”",
        ),
        (
            page(title=None, og="Buy cheap watches online", text="Watches."),
            TITLE,
            Verdict.DRIFTED,
            "page title no longer matches: “Buy cheap watches online”",
        ),
        (
            page(title="History | MINUSMA", text="History."),
            "History of MINUSMA",
            Verdict.LIVE,
            "HTTP 200",
        ),
        (page(), TITLE, Verdict.LIVE, "HTTP 200"),
        (
            page(
                title="What does the coup mean for Mali’s spiralling security crisis? | Al Jazeera"
            ),
            "What does the coup mean for Mali’s spiraling security crisis?",
            Verdict.LIVE,
            "HTTP 200",
        ),
        (page(title="Best Pizza Recipes for Summer", text=PIZZA), None, Verdict.LIVE, "HTTP 200"),
        (
            page(title="Best Pizza Recipes for Summer", text="", ctype="application/pdf"),
            TITLE,
            Verdict.LIVE,
            "HTTP 200",
        ),
        (page(title=None, text=PIZZA), TITLE, Verdict.LIVE, "HTTP 200"),
        (page(title="Home", text=PIZZA), TITLE, Verdict.LIVE, "HTTP 200"),
        (page(title="Home", og=PAGE_TITLE, h1="USIP"), TITLE, Verdict.LIVE, "HTTP 200"),
        # The cited title is the author's description; the page's text still names it.
        (
            page(
                title="Situation Mali situation | Operational Data Portal",
                text="Malian refugees in Burkina Faso, Mauritania and Niger: March 2020.",
            ),
            "Malian Refugees in Burkina Faso, Mauritania, and Niger",
            Verdict.LIVE,
            "HTTP 200",
        ),
        (
            page(
                title="Operational Data Portal: dashboard",
                text="Malian refugees in Burkina Faso, Mauritania and Niger.",
            ),
            "Malian Refugees in Burkina Faso, Mauritania, and Niger",
            Verdict.LIVE,
            "HTTP 200",
        ),
    ],
)
def test_drift(body: PageFacts, cited: str | None, verdict: Verdict, reason: str) -> None:
    assert classify(fetched(body=body), cited_title=cited) == (verdict, reason)


def test_the_bare_site_name_is_not_drift() -> None:
    facts = fetched(
        "https://www.aljazeera.com/news/2020/8/31/x", body=page(title="Al Jazeera", text=PIZZA)
    )
    assert classify(facts, cited_title="What does the coup mean for Mali?") == (
        Verdict.LIVE,
        "HTTP 200",
    )


def test_moved_and_drifted_is_drifted_and_says_so() -> None:
    facts = redirected(
        URL, (301, "/shop/pizza"), body=page(title="Best Pizza Recipes for Summer", text=PIZZA)
    )
    assert classify(facts, cited_title=TITLE) == (
        Verdict.DRIFTED,
        "page title no longer matches: “Best Pizza Recipes for Summer” "
        "(moved permanently to https://e.org/shop/pizza)",
    )


def test_moved_and_matching_is_moved() -> None:
    facts = redirected(URL, (301, "/analysis/five-things"))
    assert classify(facts, cited_title=TITLE) == (
        Verdict.MOVED,
        "moved permanently to https://e.org/analysis/five-things",
    )


def test_a_long_page_title_is_shortened_in_the_reason() -> None:
    long_title = "Casino " + "bonus " * 40
    verdict, reason = classify(fetched(body=page(title=long_title, text=PIZZA)), cited_title=TITLE)
    assert verdict is Verdict.DRIFTED
    assert reason.endswith("…”")
    assert len(reason) < 130


# ----------------------------------------------------------------------------- needs_probe


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (fetched(), True),
        (fetched(body=PageFacts()), True),  # unknown type
        (fetched(body=page(ctype="application/xhtml+xml")), True),
        (
            FetchFacts(
                url=URL, final_url=URL, status=200, headers=(("content-type", "text/html"),)
            ),
            True,
        ),
        (FetchFacts(url=URL, final_url=URL, status=200), True),
        (redirected(URL, (302, "/news/2020/08/other")), True),
        (fetched(body=page(ctype="application/pdf")), False),
        (FetchFacts(url=URL, status=200, headers=(("content-type", "application/pdf"),)), False),
        (fetched("https://e.org/"), False),
        (fetched("https://e.org"), False),
        (fetched(status=404), False),
        (fetched(status=403), False),
        (fetched(status=None, failure=FailureKind.TIMEOUT), False),
        (redirected(URL, (302, "/login")), False),
        (redirected(URL, (301, "/")), False),
        (redirected(URL, (301, "/news/")), False),
        (redirected(URL, (302, "/404")), False),
        (fetched(headers=(("cf-mitigated", "challenge"),)), False),
        (fetched(body=page(title="Just a moment...", text="")), False),
    ],
)
def test_needs_probe(facts: FetchFacts, expected: bool) -> None:
    assert needs_probe(facts) is expected


@pytest.mark.parametrize(
    ("body", "cited", "expected"),
    [
        # The page names the cited work: live whatever a made-up URL gets, so no probe.
        (page(), TITLE, False),
        (page(title=None, h1="Five Things to Know About Mali's Coup"), TITLE, False),
        # A different title, or none cited: only the probe can tell a soft 404.
        (page(title="Best Pizza Recipes", text=PIZZA), TITLE, True),
        (page(), None, True),
        # The title matches but the page says "not found": still asked.
        (page(text=NOT_FOUND.format(path="/x")), TITLE, True),
        # A title that is only the site's name matches nothing specific.
        (page(title="E.org"), "E.org: Five things to know", True),
    ],
)
def test_no_probe_for_a_page_that_shows_the_cited_work(
    body: PageFacts, cited: str | None, expected: bool
) -> None:
    facts = fetched(body=body)
    assert needs_probe(facts, cited) is expected
    assert shows_cited_work(facts, cited) is not expected
    # The verdict the probe could not change: live (classify's own rules agree).
    if not expected:
        assert classify(facts, cited_title=cited)[0] is Verdict.LIVE


def test_probe_helpers_are_exported_for_the_runner() -> None:
    assert probe_url(URL, TOKEN) == f"https://e.org/news/2020/08/{TOKEN}"
    assert probe_key(URL) == ("https://e.org:443", "/news/2020/08/")


# ----------------------------------------------------------------------------- credentials


def test_display_url_strips_credentials() -> None:
    assert display_url("https://bob:hunter2@e.org:8443/a?b=1#c") == "https://e.org:8443/a?b=1#c"
    assert display_url("https://e.org/a") == "https://e.org/a"


@pytest.mark.parametrize(
    "facts",
    [
        redirected("https://bob:hunter2@e.org/a/b", (301, "https://bob:hunter2@e.org/c/d")),
        redirected(
            "https://bob:hunter2@e.org/a/b", (301, "https://bob:hunter2@e.org/c/d"), status=404
        ),
        redirected("https://bob:hunter2@e.org/a/b", (302, "https://bob:hunter2@login.e.org/login")),
        redirected("https://bob:hunter2@e.org/a/b", (301, "https://bob:hunter2@other.org/")),
        fetched(
            "https://bob:hunter2@e.org/a",
            None,
            failure=FailureKind.TLS,
            detail="bad cert for https://bob:hunter2@e.org/a",
        ),
    ],
)
def test_no_reason_carries_credentials(facts: FetchFacts) -> None:
    verdict, reason = classify(facts, cited_title="Best Pizza Recipes")
    assert "hunter2" not in reason
    assert "bob" not in reason
    assert verdict is not Verdict.LIVE or reason.startswith("HTTP")


# ------------------------------------------------------------------------- lapsed domains

PARKED_TEXT = "example.org This domain may be for sale. Buy this domain. Related searches"
NEWS_TEXT = (
    "Markets. The registrar said on Monday that example.com is for sale, the latest in a run "
    "of premium names to change hands this year. " + STORY
)


@pytest.mark.parametrize(
    ("facts", "cited", "verdict", "reason"),
    [
        (
            fetched(body=page(title="example.org", text=PARKED_TEXT)),
            TITLE,
            Verdict.DEAD,
            "lapsed domain: parked page says “This domain may be for sale”",
        ),
        (
            fetched(body=page(title="example.org is for sale | HugeDomains", text="Buy now")),
            None,
            Verdict.DEAD,
            "lapsed domain: parked page says “example.org is for sale”",
        ),
        (
            redirected(URL, (302, "https://www.hugedomains.com/domain_profile.cfm?d=e.org")),
            TITLE,
            Verdict.DEAD,
            "lapsed domain: redirected to domain marketplace hugedomains.com",
        ),
        # A long news story that mentions a domain sale is not a parking page.
        (fetched(body=page(title=PAGE_TITLE, text=NEWS_TEXT)), TITLE, Verdict.LIVE, "HTTP 200"),
        # Nor is the cited article about selling domains.
        (
            fetched(body=page(title="This Domain Is For Sale: Inside the Aftermarket")),
            "This Domain Is for Sale: Inside the Aftermarket",
            Verdict.LIVE,
            "HTTP 200",
        ),
    ],
)
def test_parked_domains(
    facts: FetchFacts, cited: str | None, verdict: Verdict, reason: str
) -> None:
    assert classify(facts, cited_title=cited) == (verdict, reason)
    if verdict is Verdict.DEAD:
        assert not needs_probe(facts)


# ------------------------------------------------------------------------- meta refresh


def refreshing(target: str, *, title: str = "Redirecting", url: str = URL) -> FetchFacts:
    body = PageFacts(content_type="text/html", title=title, text="Redirecting…", refresh=target)
    return fetched(url, body=body)


@pytest.mark.parametrize(
    ("facts", "verdict", "reason"),
    [
        (refreshing("/"), Verdict.SOFT404, "page refreshes to the home page"),
        (refreshing("https://other.example/"), Verdict.SOFT404,
         "page refreshes to the home page of other.example"),
        (refreshing("/404.html"), Verdict.SOFT404, "page refreshes to error page /404.html"),
        (refreshing("/news/2021/new-home", title=PAGE_TITLE), Verdict.LIVE,
         "HTTP 200, page refreshes to https://e.org/news/2021/new-home"),
        (refreshing(URL, title=PAGE_TITLE), Verdict.LIVE, "HTTP 200"),  # reloads itself
        (refreshing("/", url="https://e.org/"), Verdict.LIVE, "HTTP 200"),  # a root is a root
    ],
)  # fmt: skip
def test_meta_refresh(facts: FetchFacts, verdict: Verdict, reason: str) -> None:
    assert classify(facts, cited_title=TITLE) == (verdict, reason)


def test_page_facts_read_the_refresh_target() -> None:
    from citecheck.check.page import page_facts

    body = b'<html><head><meta http-equiv="Refresh" content="0; URL=\'/new\'"></head></html>'
    assert page_facts(body, "text/html").refresh == "/new"
    slow = b'<html><head><meta http-equiv="refresh" content="300"></head></html>'
    assert page_facts(slow, "text/html").refresh is None
