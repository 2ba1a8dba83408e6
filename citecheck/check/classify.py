"""Where a verdict is decided: the facts seen while fetching one URL → (Verdict, short reason).

Pure: no I/O, no clock. The runner fetches (and, when :func:`needs_probe` says so, fetches the
made-up sibling from :func:`probe_url` once per :func:`probe_key`) and hands the facts here.

The order of the rules is the policy, top to bottom:

1. a network failure decides alone (DNS → dead, refused → error, TLS → error, ...);
2. a redirect to a sign-in or consent page → blocked, whatever its status;
3. a status in ``accept`` → live (or moved);
4. a non-2xx status → dead (404, 410), blocked (401/402/403/407/429/451/999, bot challenges),
   timeout (408) or error (anything else, 400 included);
5. a 2xx that is a bot challenge → blocked; a domain parking or for-sale page → dead (the
   domain lapsed);
6. a deep link redirected (by HTTP or by ``<meta http-equiv="refresh">``) to the home page,
   an ancestor section or an error page → soft404;
7. a short page asking for a password → blocked;
8. the random-sibling probe and not-found wording → soft404 (the probe's honesty outranks
   wording, unless the probe's 4xx carried this very page: then it is the host's error page);
9. the page's titles no longer match the cited title → drifted;
10. a permanent redirect to a different page → moved; otherwise live.

Reasons are short, human, and never carry credentials from a URL.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlsplit

from citecheck.check.credentials import strip_userinfo_text, strip_userinfo_url
from citecheck.check.similarity import normalize_title, text_mentions, title_matches
from citecheck.check.soft404 import (
    ProbeOutcome,
    canonical,
    error_page_path,
    is_ancestor,
    is_deep_link,
    is_html,
    is_root,
    not_found_wording,
    probe_key,
    probe_outcome,
    probe_url,
    resolve,
)
from citecheck.models import FailureKind, FetchFacts, Verdict

__all__ = ["classify", "display_url", "needs_probe", "probe_key", "probe_url"]

PERMANENT = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# The source may exist but refuses to show itself to a robot: never "dead".
BLOCKED_STATUSES = frozenset({401, 402, 403, 407, 429, 451, 999})
DEAD_STATUSES = frozenset({404, 410})

# Phrases only where the bare number would puzzle a reader.
_PHRASES = {
    400: "Bad Request",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    408: "Request Timeout",
    410: "Gone",
    429: "Too Many Requests",
    451: "Unavailable For Legal Reasons",
    999: "(bot block)",
}

_FAILURE_DEFAULTS = {
    FailureKind.CONNECT: "connection refused",
    FailureKind.RESET: "connection reset",
    FailureKind.TLS: "TLS error",
    FailureKind.TIMEOUT: "timed out",
    FailureKind.PROTOCOL: "malformed response",
    FailureKind.INVALID_URL: "invalid URL",
    FailureKind.PRIVATE: "private address",
    FailureKind.EXCLUDED: "excluded by rule",
    FailureKind.UNSUPPORTED: "unsupported scheme",
}
_FAILURE_VERDICTS = {
    FailureKind.DNS: Verdict.DEAD,
    FailureKind.CONNECT: Verdict.ERROR,
    FailureKind.RESET: Verdict.ERROR,
    FailureKind.TLS: Verdict.ERROR,
    FailureKind.TIMEOUT: Verdict.TIMEOUT,
    FailureKind.PROTOCOL: Verdict.ERROR,
    FailureKind.TOO_MANY_REDIRECTS: Verdict.ERROR,
    FailureKind.REDIRECT_LOOP: Verdict.ERROR,
    FailureKind.INVALID_URL: Verdict.INVALID,
    FailureKind.PRIVATE: Verdict.SKIPPED,
    FailureKind.EXCLUDED: Verdict.SKIPPED,
    FailureKind.UNSUPPORTED: Verdict.SKIPPED,
}

_MAX_DETAIL = 160
_MAX_QUOTE = 80

# ------------------------------------------------------------------------- reasons and URLs


def display_url(url: str) -> str:
    """A URL fit for a reason or a report: credentials (``user:pass@``) removed."""
    return strip_userinfo_url(url)


def _clean(text: str) -> str:
    """Collapse whitespace, drop credentials, cap the length of a human detail."""
    text = strip_userinfo_text(" ".join(text.split()))
    return text if len(text) <= _MAX_DETAIL else text[: _MAX_DETAIL - 1].rstrip() + "…"


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > _MAX_QUOTE:
        text = text[: _MAX_QUOTE - 1].rstrip() + "…"
    return f"“{text}”"


def _http(status: int) -> str:
    phrase = _PHRASES.get(status)
    return f"HTTP {status} {phrase}" if phrase else f"HTTP {status}"


def _final(facts: FetchFacts) -> str:
    return facts.final_url or facts.url


def _where(target: str, origin: str) -> str:
    """A short name for a redirect target: its path on the same host, else host + path."""
    t, o = urlsplit(target), urlsplit(origin)
    path = t.path or "/"
    if (t.hostname or "").lower() == (o.hostname or "").lower():
        return path
    return f"{(t.hostname or '').lower()}{path}"


def _redirected(facts: FetchFacts) -> bool:
    """Whether the fetch ended somewhere that is a different page from the cited URL."""
    return bool(facts.chain) and canonical(_final(facts)) != canonical(facts.url)


# ------------------------------------------------------------------------- failures


def _failure(facts: FetchFacts, kind: FailureKind) -> tuple[Verdict, str]:
    verdict = _FAILURE_VERDICTS[kind]
    if kind is FailureKind.DNS:
        # The resolver's own words ("[Errno -2] Name or service not known") help nobody.
        return verdict, "domain does not resolve"
    if facts.failure_detail and facts.failure_detail.strip():
        return verdict, _clean(facts.failure_detail)
    hops = len(facts.chain)
    if kind is FailureKind.REDIRECT_LOOP:
        return verdict, f"redirect loop after {hops} hops" if hops else "redirect loop"
    if kind is FailureKind.TOO_MANY_REDIRECTS:
        return verdict, f"too many redirects ({hops} hops)" if hops else "too many redirects"
    if kind is FailureKind.UNSUPPORTED:
        scheme = urlsplit(facts.url).scheme
        return verdict, f"unsupported scheme: {scheme}" if scheme else "unsupported scheme"
    return verdict, _FAILURE_DEFAULTS[kind]


# ------------------------------------------------------------------------- login walls

_LOGIN_SEGMENTS = frozenset(
    {
        "login",
        "log-in",
        "log_in",
        "logon",
        "signin",
        "sign-in",
        "sign_in",
        "signon",
        "auth",
        "sso",
        "cas",
        "oauth",
        "oauth2",
        "authorize",
        "wp-login.php",
        "login.php",
        "login.aspx",
        "login.jsp",
        "login.html",
        "servicelogin",
        "accountlogin",
        "session",
        "sessions",
        "saml",
        "idp",
    }
)
# Query parameters that carry "come back here after signing in". Generic ones ("from", "url")
# are left out: sites also use them to note where a moved page came from.
_RETURN_PARAMS = frozenset(
    {
        "next",
        "returnto",
        "return_to",
        "returnurl",
        "return_url",
        "returnpath",
        "redirect",
        "redirect_to",
        "redirect_uri",
        "redirecturl",
        "redirect_url",
        "continue",
        "dest",
        "destination",
        "goto",
        "service",
        "came_from",
        "backurl",
    }
)
_LOGIN_TITLES = frozenset(
    {
        "sign in",
        "log in",
        "login",
        "sign on",
        "sign in to your account",
        "log in to your account",
        "login required",
        "members login",
        "member login",
        "subscriber login",
        "anmelden",
        "anmeldung",
        "connexion",
        "se connecter",
        "iniciar sesion",
        "accedi",
        "inloggen",
    }
)
_CONSENT_HOST = re.compile(r"^(consent|guce|privacy|cmp)\.")
# A sign-in page is short; a long page with a password box in its header is an article.
_SHORT_LOGIN_TEXT = 1500


def _returns_to(query: str, origin: str) -> bool:
    """Whether a query carries the cited page as its "come back here afterwards" address."""
    parts = urlsplit(origin)
    path = parts.path.rstrip("/")
    if not path:
        return False
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key.lower() not in _RETURN_PARAMS:
            continue
        decoded = unquote(unquote(value))
        if path in decoded:
            return True
    return False


def _login_redirect(facts: FetchFacts) -> str | None:
    """The reason when the fetch was redirected to a sign-in or consent page, else None."""
    if not facts.chain:
        return None
    final = _final(facts)
    if canonical(final) == canonical(facts.url):
        return None
    f_parts = urlsplit(final)
    host = (f_parts.hostname or "").lower()
    where = _where(final, facts.url)
    if _CONSENT_HOST.match(host):
        return f"consent required: redirected to {host}"
    origin_segments = {s.casefold() for s in urlsplit(facts.url).path.split("/") if s}
    segments = {s.casefold() for s in unquote(f_parts.path).split("/") if s}
    # A login segment the cited URL did not already have: "/docs/auth" → "/docs/auth/intro" is
    # documentation about signing in, "/auth/x" → "/auth/login" is a sign-in page.
    if (segments & _LOGIN_SEGMENTS) - origin_segments:
        return f"login required: redirected to {where}"
    if _returns_to(f_parts.query, facts.url):
        return f"login required: redirected to {where}"
    page = facts.page
    if page and page.title and normalize_title(page.title) in _LOGIN_TITLES:
        return f"login required: redirected to {where}"
    return None


def _password_wall(facts: FetchFacts, cited_title: str | None) -> bool:
    """A short page whose form asks for a password, and that is not visibly the cited work."""
    page = facts.page
    if page is None or not page.has_password_field:
        return False
    titled_login = bool(page.title) and normalize_title(page.title or "") in _LOGIN_TITLES
    if len(page.text) > _SHORT_LOGIN_TEXT and not titled_login:
        return False
    if cited_title:
        titles = (page.title, page.og_title, page.h1)
        if title_matches(cited_title, titles, site=urlsplit(_final(facts)).hostname) is True:
            return False
    return True


# ------------------------------------------------------------------------- bot challenges

# (pattern on the normalised <title>, kind, vendor or ""). Anchored at both ends: a page
# titled "Access Denied: the story of a hacker" or "CAPTCHA: a history" is an article.
_TITLE_SIGNS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"^just a moment$"), "challenge", "Cloudflare"),
    (re.compile(r"^attention required( cloudflare)?$"), "challenge", "Cloudflare"),
    (re.compile(r"^access to this page has been denied$"), "challenge", "PerimeterX"),
    (re.compile(r"^pardon our interruption$"), "challenge", "Imperva"),
    (re.compile(r"^(amazon com )?robot check$"), "challenge", "Amazon"),
    (re.compile(r"^ddos guard$"), "challenge", "DDoS-Guard"),
    (re.compile(r"^sucuri website firewall( access denied)?$"), "denied", "Sucuri"),
    (
        re.compile(
            r"^(checking your browser( before accessing .*)?|please wait while we verify.*|"
            r"verifying you are human|human verification|bot verification|"
            r"are you a (robot|human)|captcha|security check|one more step|"
            r"please verify you are (a )?human)$"
        ),
        "challenge",
        "",
    ),
    (
        re.compile(
            r"^(access denied|request rejected|request unsuccessful|you have been blocked|"
            r"sorry you have been blocked|error 1020( access denied)?|blocked)$"
        ),
        "denied",
        "",
    ),
)
_TEXT_SIGNS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"checking (your browser|if the site connection is secure)"), "challenge", ""),
    (re.compile(r"needs to review the security of your connection"), "challenge", "Cloudflare"),
    (re.compile(r"enable javascript and cookies to continue"), "challenge", ""),
    (re.compile(r"verify(ing)? (that )?you are (a )?human"), "challenge", ""),
    (re.compile(r"please complete the security check"), "challenge", ""),
    (re.compile(r"press (&|and) hold"), "challenge", "PerimeterX"),
    (re.compile(r"px-captcha"), "challenge", "PerimeterX"),
    (re.compile(r"are you a robot"), "challenge", ""),
    (re.compile(r"unusual traffic from your computer network"), "challenge", "Google"),
    (re.compile(r"captcha-delivery|datadome"), "challenge", "DataDome"),
    (re.compile(r"\b(g-recaptcha|recaptcha|hcaptcha|h-captcha|cf-turnstile)\b"), "challenge", ""),
    (re.compile(r"incapsula incident id"), "denied", "Imperva"),
    (re.compile(r"sorry, you have been blocked|why have i been blocked"), "denied", "Cloudflare"),
    (re.compile(r"ddos protection by ddos-guard"), "challenge", "DDoS-Guard"),
)
# Challenge pages are short; a long article *about* CAPTCHAs is not one.
_SHORT_CHALLENGE_TEXT = 3000


def _vendor(facts: FetchFacts) -> str:
    """The bot-protection service behind a response, from its headers and text."""
    server = (facts.header("server") or "").lower()
    cookies = (facts.header("set-cookie") or "").lower()
    text = (facts.page.text if facts.page else "")[:_SHORT_CHALLENGE_TEXT].lower()
    if "cloudflare" in server or facts.header("cf-ray") or facts.header("cf-mitigated"):
        return "Cloudflare"
    if "akamai" in server or "errors.edgesuite.net" in text or "reference #" in text:
        return "Akamai"
    if facts.header("x-datadome") or "datadome=" in cookies or "captcha-delivery" in text:
        return "DataDome"
    if "px-captcha" in text or "perimeterx" in text or facts.header("x-px-block"):
        return "PerimeterX"
    if facts.header("x-iinfo") or "incap_ses" in cookies or "incapsula" in text:
        return "Imperva"
    if facts.header("x-sucuri-id") or "sucuri" in server:
        return "Sucuri"
    if "ddos-guard" in server:
        return "DDoS-Guard"
    return ""


def _bot_wall(facts: FetchFacts) -> str | None:
    """The reason when the response is a bot challenge or a bot-protection block, else None."""
    if (facts.header("cf-mitigated") or "").lower() == "challenge":
        return "bot challenge (Cloudflare)"
    if (facts.header("x-amzn-waf-action") or "").lower() in ("captcha", "challenge"):
        return "bot challenge (AWS WAF)"
    if (facts.header("x-vercel-mitigated") or "").lower() == "challenge":
        return "bot challenge (Vercel)"
    page = facts.page
    if page is None:
        return None
    found: tuple[str, str] | None = None
    title = normalize_title(page.title or "")
    for pattern, kind, vendor in _TITLE_SIGNS:
        if title and pattern.search(title):
            found = (kind, vendor)
            break
    if found is None and page.text and len(page.text) <= _SHORT_CHALLENGE_TEXT:
        text = " ".join(page.text.casefold().split())
        for pattern, kind, vendor in _TEXT_SIGNS:
            if pattern.search(text):
                found = (kind, vendor)
                break
    if found is None:
        return None
    kind, vendor = found
    vendor = vendor or _vendor(facts)
    if kind == "challenge":
        return f"bot challenge ({vendor})" if vendor else "bot challenge"
    return f"access denied by bot protection ({vendor})" if vendor else "access denied"


# ------------------------------------------------------------------------- redirects


def _hop_targets(facts: FetchFacts) -> list[str]:
    targets = []
    for i, hop in enumerate(facts.chain):
        if i + 1 < len(facts.chain):
            targets.append(facts.chain[i + 1].url)
        elif facts.final_url:
            targets.append(facts.final_url)
        else:
            targets.append(resolve(hop.url, hop.location))
    return targets


def _permanent_target(facts: FetchFacts) -> str | None:
    """Where the cited URL moved permanently, or None when it did not.

    The first hop that goes somewhere *different* (see :func:`canonical`) decides: a 301/308
    there means the citation should be updated; a 302/303/307 means the cited URL is still the
    entry point, whatever happens after it. The new address is the end of the unbroken run of
    permanent (or trivial) hops, not a temporary hop's target (a session or CDN URL, say) that
    a citation must not adopt.
    """
    target: str | None = None
    for hop, dest in zip(facts.chain, _hop_targets(facts), strict=True):
        trivial = canonical(dest) == canonical(hop.url)
        if hop.status in PERMANENT:
            target = dest
        elif trivial:
            if target is not None:
                target = dest
        else:
            break
    if target is None or canonical(target) == canonical(facts.url):
        return None
    if (
        not is_deep_link(facts.url)
        and not is_deep_link(target)
        and canonical(target)[:2] == canonical(facts.url)[:2]
    ):
        return None  # "/" → "/en/": a site choosing a language for its home page
    return target


# Last segments that are views of a page, not pages: "/story/amp" → "/story" is the same work.
_VIEW_SEGMENTS = frozenset(
    {
        "amp",
        "print",
        "full",
        "fulltext",
        "comments",
        "view",
        "all",
        "embed",
        "preview",
        "share",
        "abstract",
        "summary",
        "html",
        "pdf",
        "index",
    }
)


def _section_of(final: str, origin: str) -> bool:
    """Whether ``final`` is a section page above the cited page, not the page in another form.

    A deep link sent to ``/news/`` or to ``/en/news/`` from three levels down no longer shows
    one article; ``/story/amp`` → ``/story`` or ``/a/b/c`` → ``/a/b`` (one level, into a page
    that may well be the article itself) is left to the probe and the title check.
    """
    if not is_ancestor(final, origin):
        return False
    kept = [s for s in canonical(final)[2].split("/") if s]
    lost = [s for s in canonical(origin)[2].split("/") if s][len(kept) :]
    if not kept:
        return False  # the root with a query ("/?s=…"): neither home nor a section
    if len(lost) == 1 and lost[0] in _VIEW_SEGMENTS:
        return False
    return len(kept) == 1 or len(lost) >= 2


def _dead_end_redirect(facts: FetchFacts, cited_title: str | None) -> str | None:
    """The soft-404 reason when a deep link was redirected to a page that cannot be it."""
    if not facts.chain or not is_deep_link(facts.url):
        return None
    final = _final(facts)
    if canonical(final) == canonical(facts.url):
        return None
    if error_page_path(final) and not error_page_path(facts.url):
        return f"redirected to error page {_where(final, facts.url)}"
    home = not is_deep_link(final)
    parent = _section_of(final, facts.url)
    if not (home or parent):
        return None
    page = facts.page
    if cited_title and page is not None:
        # A citation of the site itself (or of a page folded into its section) still stands.
        titles = (page.title, page.og_title, page.h1)
        if title_matches(cited_title, titles) is True:
            return None
    if home:
        same_site = canonical(final)[:2] == canonical(facts.url)[:2]
        if same_site:
            return "redirected to home page"
        return f"redirected to home page of {(urlsplit(final).hostname or '').lower()}"
    return f"redirected to section page {_where(final, facts.url)}"


def _dead_end_refresh(facts: FetchFacts, cited_title: str | None) -> str | None:
    """The soft-404 reason when the page's meta refresh sends a deep link home or to an error
    page (the HTML way of the same redirect), else None."""
    page = facts.page
    if page is None or not page.refresh or not is_deep_link(facts.url):
        return None
    final = _final(facts)
    target = resolve(final, page.refresh)
    if canonical(target) == canonical(final):
        return None
    if cited_title and title_matches(cited_title, (page.title, page.og_title, page.h1)) is True:
        return None
    if error_page_path(target) and not error_page_path(facts.url):
        return f"page refreshes to error page {_where(target, facts.url)}"
    if not is_deep_link(target):
        if canonical(target)[:2] == canonical(final)[:2]:
            return "page refreshes to the home page"
        return f"page refreshes to the home page of {(urlsplit(target).hostname or '').lower()}"
    return None


# Domain parking and for-sale pages: the domain lapsed and someone else holds it now.
_PARKING_HOSTS = frozenset(
    {
        "hugedomains.com", "sedo.com", "sedoparking.com", "dan.com", "afternic.com",
        "parkingcrew.net", "bodis.com", "above.com", "domainmarket.com", "buydomains.com",
        "undeveloped.com", "efty.com", "atom.com", "squadhelp.com", "brandbucket.com",
        "parklogic.com", "domainnamesales.com", "namebright.com", "uniregistry.com",
    }
)  # fmt: skip
_PARKED_WORDING = re.compile(
    r"(?i)\b(?:(?:this|the) domain(?: name)?(?: [\w.-]+\.[a-z]{2,})? (?:is|may be|might be) "
    r"for sale|[\w-]+\.[a-z]{2,}(?: domain)? (?:is|may be) for sale|buy this domain"
    r"|this domain is parked|this (?:web )?page is parked|parked free,? courtesy of"
    r"|make an offer on this domain|(?:this|the) domain (?:name )?has expired"
    r"|domain (?:is )?available for (?:purchase|registration))\b"
)


_PARKED_PAGE_TEXT = 1500


def _parked(facts: FetchFacts, cited_title: str | None) -> str | None:
    """The dead reason when the answer is a parked or for-sale domain page, else None."""
    final = _final(facts)
    host = (urlsplit(final).hostname or "").lower().removeprefix("www.")
    cited_host = (urlsplit(facts.url).hostname or "").lower().removeprefix("www.")
    if host in _PARKING_HOSTS and host != cited_host:
        return f"lapsed domain: redirected to domain marketplace {host}"
    page = facts.page
    if page is None or not is_html(facts):
        return None
    # The title or heading says so, or the whole page is a few lines that do: a news story
    # that mentions "example.com is for sale" in its text is not a parked page.
    shown = f"{page.title or ''} . {page.h1 or ''}"
    if len(page.text) < _PARKED_PAGE_TEXT:
        shown = f"{shown} . {page.text}"
    wording = _PARKED_WORDING.search(shown)
    if wording is None:
        return None
    if cited_title and title_matches(cited_title, (page.title, page.og_title, page.h1)) is True:
        return None  # an article about selling domains
    return f"lapsed domain: parked page says {_quote(wording.group())}"


# ------------------------------------------------------------------------- status codes


def _status_verdict(facts: FetchFacts, status: int) -> tuple[Verdict, str]:
    """The verdict of a final non-2xx status (not in ``accept``)."""
    reason = _http(status)
    if _redirected(facts):
        reason += f" after redirect to {display_url(_final(facts))}"
    if status in DEAD_STATUSES:
        return Verdict.DEAD, reason
    if status == 429:
        return Verdict.BLOCKED, reason
    wall = _bot_wall(facts) if 400 <= status < 500 or status == 503 else None
    if wall:
        return Verdict.BLOCKED, wall
    if status in BLOCKED_STATUSES:
        return Verdict.BLOCKED, reason
    if status == 408:
        return Verdict.TIMEOUT, reason
    if status in REDIRECTS:
        return Verdict.ERROR, f"{reason} without a usable Location"
    # 400 on a plain GET of a published URL says more about the request (headers, cookies, a
    # bot filter, a mangled query) than about the source, so it is "error", not "dead"; so are
    # 405/406 (often bot filters too), the other 4xx, 5xx after retries, 1xx and 3xx leftovers.
    return Verdict.ERROR, reason


# ------------------------------------------------------------------------- entry points


def needs_probe(facts: FetchFacts) -> bool:
    """Whether the runner should fetch the random sibling of this page before classifying.

    Only a 2xx HTML (or untyped) answer at a non-root path, reached without a failure, can be
    a soft 404 that the probe would expose; pages already settled by a redirect to a sign-in,
    home or error page, or by a bot challenge, are not worth a request.
    """
    if facts.failure is not None or facts.status is None or not 200 <= facts.status < 300:
        return False
    if is_root(_final(facts)) or is_root(facts.url) or not is_html(facts):
        return False
    if _login_redirect(facts) or _bot_wall(facts) or _parked(facts, None):
        return False
    return _dead_end_redirect(facts, None) is None and _dead_end_refresh(facts, None) is None


def _drift(facts: FetchFacts, cited_title: str | None) -> str | None:
    """The drift reason when the page's titles no longer name the cited work, else None."""
    page = facts.page
    if not cited_title or page is None or not is_html(facts):
        return None
    titles = (page.title, page.og_title, page.h1)
    site = urlsplit(_final(facts)).hostname
    if title_matches(cited_title, titles, site=site) is not False:
        return None
    if text_mentions(cited_title, page.text):
        return None  # the cited title is the author's description, and the page still has it
    shown = next(t for t in titles if t and t.strip())
    return f"page title no longer matches: {_quote(shown)}"


def _live(facts: FetchFacts, status: int, cited_title: str | None) -> tuple[Verdict, str]:
    """Drift, move or plain life for a page that answered and is not a soft 404."""
    target = _permanent_target(facts)
    moved = f"moved permanently to {display_url(target)}" if target else None
    drift = _drift(facts, cited_title)
    if drift:
        return Verdict.DRIFTED, f"{drift} ({moved})" if moved else drift
    if moved:
        return Verdict.MOVED, moved
    page = facts.page
    if page is not None and page.refresh:
        target = resolve(_final(facts), page.refresh)
        if canonical(target) != canonical(_final(facts)):
            return Verdict.LIVE, f"{_http(status)}, page refreshes to {display_url(target)}"
    return Verdict.LIVE, _http(status)


def classify(
    facts: FetchFacts,
    *,
    cited_title: str | None = None,
    probe: FetchFacts | None = None,
    accept: tuple[int, ...] = (),
) -> tuple[Verdict, str]:
    """The verdict on one fetched URL and a short human reason for it.

    ``cited_title`` is the title the note cites (for drift); ``probe`` the facts of fetching
    :func:`probe_url` of the page's final URL (for soft 404s); ``accept`` extra statuses that
    count as live for this host.
    """
    if facts.failure is not None:
        return _failure(facts, facts.failure)
    status = facts.status
    if status is None:
        return Verdict.ERROR, "no response"

    wall = _login_redirect(facts)
    if wall:
        return Verdict.BLOCKED, wall

    if status in accept and not 200 <= status < 300:
        # The user vouches for this status on this host: the body is whatever the host sends
        # with it, so it is not read for challenges, soft 404s or drift.
        target = _permanent_target(facts)
        if target:
            return Verdict.MOVED, f"moved permanently to {display_url(target)}"
        return Verdict.LIVE, f"{_http(status)} (accepted)"
    if not 200 <= status < 300:
        return _status_verdict(facts, status)

    wall = _bot_wall(facts)
    if wall:
        return Verdict.BLOCKED, wall

    parked = _parked(facts, cited_title)
    if parked:
        return Verdict.DEAD, parked

    dead_end = _dead_end_redirect(facts, cited_title) or _dead_end_refresh(facts, cited_title)
    if dead_end:
        return Verdict.SOFT404, dead_end

    if _password_wall(facts, cited_title):
        return Verdict.BLOCKED, "login required: page asks for a password"

    caveat = None
    if not (is_root(facts.url) or is_root(_final(facts))):
        soft, caveat = _soft404(facts, cited_title, probe)
        if soft:
            return Verdict.SOFT404, soft
    verdict, reason = _live(facts, status, cited_title)
    if verdict is Verdict.LIVE and caveat:
        reason = f"{reason}, {caveat}"
    return verdict, reason


def _soft404(
    facts: FetchFacts, cited_title: str | None, probe: FetchFacts | None
) -> tuple[str | None, str | None]:
    """Probe and wording → (soft-404 reason, or None; caveat for a live reason, or None)."""
    if not is_html(facts):
        return None, None
    outcome = probe_outcome(facts, probe)
    if outcome is ProbeOutcome.SAME:
        page = facts.page
        if (
            cited_title
            and page is not None
            and not_found_wording(page) is None
            and title_matches(cited_title, (page.title, page.og_title, page.h1)) is True
        ):
            # Slug-tolerant sites (/questions/123/any-slug) answer a made-up sibling with the
            # same real page; when that page still shows the cited work, it is not a soft 404.
            return None, "though the site answers made-up sibling URLs with this same page"
        return "soft 404: the site answers a made-up sibling URL with the same page", None
    if outcome is ProbeOutcome.ERROR_PAGE and probe is not None and probe.status is not None:
        # The honest host's own 4xx body, served here with a 200: only the status lies. No
        # cited-title or wording check: a copy of the host's error page is never the cited work.
        status = probe.status
        kind = "not-found page" if status in DEAD_STATUSES else f"{_http(status)} error page"
        return f"soft 404: the page is the site's own {kind} (served with 200)", None
    wording = not_found_wording(facts.page)
    if wording is None:
        return None, None
    page = facts.page
    if cited_title and page is not None:
        titles = (page.title, page.og_title, page.h1)
        if title_matches(cited_title, titles) is True:
            return None, None  # the cited work is *about* not-found pages
    if outcome is ProbeOutcome.HONEST:
        # The host answers made-up URLs with a real 4xx, yet serves this one with a 200 that
        # says "not found". Wording is only supporting evidence and never outweighs an honest
        # host on its own: the verdict stays live and the reader is told. (When a cited title
        # is known, the drift check that follows still flags a page that no longer shows it.)
        return None, f"though the page says {_quote(wording)}"
    return f"soft 404: page says {_quote(wording)}", None
