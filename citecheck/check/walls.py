"""What a robot is shown instead of the cited work: sign-in and consent walls, bot challenges,
and the parked page of a domain that lapsed.

Pure detectors over :class:`~citecheck.models.FetchFacts`; each returns the reason (or says
whether) and leaves the verdict, and the order in which these are asked, to
:mod:`citecheck.check.classify`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, unquote, urlsplit

from citecheck.check.reasons import final_url, quoted, short_place
from citecheck.check.similarity import normalize_title, title_matches
from citecheck.check.soft404 import canonical, host_name, is_html, says_any
from citecheck.models import FetchFacts

__all__ = ["bot_wall", "login_redirect", "parked_domain", "password_wall"]


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


def login_redirect(facts: FetchFacts) -> str | None:
    """The reason when the fetch was redirected to a sign-in or consent page, else None."""
    if not facts.chain:
        return None
    final = final_url(facts)
    if canonical(final) == canonical(facts.url):
        return None
    f_parts = urlsplit(final)
    host = (f_parts.hostname or "").lower()
    where = short_place(final, facts.url)
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


def password_wall(facts: FetchFacts, cited_title: str | None) -> bool:
    """A short page whose form asks for a password, and that is not visibly the cited work."""
    page = facts.page
    if page is None or not page.has_password_field:
        return False
    titled_login = bool(page.title) and normalize_title(page.title or "") in _LOGIN_TITLES
    if len(page.text) > _SHORT_LOGIN_TEXT and not titled_login:
        return False
    if cited_title:
        titles = (page.title, page.og_title, page.h1)
        if title_matches(cited_title, titles, site=host_name(final_url(facts))) is True:
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


# One pass that fails for nearly every page, before the signs are tried one by one.
_ANY_TEXT_SIGN = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _, _ in _TEXT_SIGNS))
# Words one of which every text sign contains: a page without any is not scanned with
# _ANY_TEXT_SIGN at all (17 µs for a few lines; tests/check/test_wording_filters.py holds
# this list to the patterns with generated matches).
_TEXT_SIGN_WORDS = (
    "checking", "security", "javascript", "verif", "press", "captcha", "robot", "unusual",
    "datadome", "turnstile", "incapsula", "blocked", "ddos",
)


# Pure, and asked twice in a row about one page (whether to probe it, then its verdict).
@lru_cache(maxsize=256)
def _page_sign(title: str | None, text: str) -> tuple[str, str] | None:
    """(kind, vendor) of the first challenge or block sign in a page's title or short text."""
    normal = normalize_title(title or "")
    if normal:
        for pattern, kind, vendor in _TITLE_SIGNS:
            if pattern.search(normal):
                return kind, vendor
    if text and len(text) <= _SHORT_CHALLENGE_TEXT:
        folded = " ".join(text.casefold().split())
        if not says_any(folded, _TEXT_SIGN_WORDS) or _ANY_TEXT_SIGN.search(folded) is None:
            return None
        for pattern, kind, vendor in _TEXT_SIGNS:
            if pattern.search(folded):
                return kind, vendor
    return None


def bot_wall(facts: FetchFacts) -> str | None:
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
    found = _page_sign(page.title, page.text)
    if found is None:
        return None
    kind, vendor = found
    vendor = vendor or _vendor(facts)
    if kind == "challenge":
        return f"bot challenge ({vendor})" if vendor else "bot challenge"
    return f"access denied by bot protection ({vendor})" if vendor else "access denied"


# ------------------------------------------------------------------------- parked domains

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
# Words one of which every match of _PARKED_WORDING contains, in lower case. The pattern
# ignores case, so "ſ", "K" (Kelvin), "ı" and "İ" match ASCII letters in it: text with one
# of those always goes to the pattern; any other text without the words is not parked (the
# pattern's \w runs cost 26 µs for a few lines; tests/check/test_wording_filters.py).
_PARKED_WORDS = ("domain", "for sale", "parked")
_CASE_TWINS = ("\u017f", "\u212a", "\u0131", "\u0130")


def _may_be_parked(shown: str) -> bool:
    return says_any(shown, _CASE_TWINS) or says_any(shown.lower(), _PARKED_WORDS)


def parked_domain(facts: FetchFacts, cited_title: str | None) -> str | None:
    """The dead reason when the answer is a parked or for-sale domain page, else None."""
    final = final_url(facts)
    host = (host_name(final) or "").lower().removeprefix("www.")
    cited_host = (host_name(facts.url) or "").lower().removeprefix("www.")
    if host in _PARKING_HOSTS and host != cited_host:
        return f"lapsed domain: redirected to domain marketplace {host}"
    page = facts.page
    if page is None or not is_html(facts):
        return None
    # The title or heading says so, or the whole page is a few lines that do: a news story
    # that mentions "example.com is for sale" in its text is not a parked page.
    wording = _parked_wording(page.title, page.h1, page.text)
    if wording is None:
        return None
    if cited_title and title_matches(cited_title, (page.title, page.og_title, page.h1)) is True:
        return None  # an article about selling domains
    return f"lapsed domain: parked page says {quoted(wording)}"


# Pure, and asked twice in a row about one page (whether to probe it, then its verdict).
@lru_cache(maxsize=256)
def _parked_wording(title: str | None, h1: str | None, text: str) -> str | None:
    shown = f"{title or ''} . {h1 or ''}"
    if len(text) < _PARKED_PAGE_TEXT:
        shown = f"{shown} . {text}"
    wording = _PARKED_WORDING.search(shown) if _may_be_parked(shown) else None
    return None if wording is None else wording.group()
