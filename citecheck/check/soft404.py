"""Soft-404 evidence: pages that answer 200 although what was cited is gone.

Three kinds of evidence, all pure:

* **Where a redirect lands.** A deep link sent to the site's home page, to an ancestor section
  page or to an error page (``/404``) no longer shows what was cited.
* **The random-sibling probe** (Bar-Yossef, Broder, Kumar, Tomkins, "Sic Transit Gloria Telae:
  Towards an Understanding of the Web's Decay", WWW 2004). The runner fetches a made-up sibling
  of the page (:func:`probe_url`); if the host answers that with a 4xx it is *honest* and its
  200s can be believed, unless the 4xx carries this very page (then the 200 is the host's own
  error page); if it answers with the same page and a 200, the page proves nothing.
* **Wording.** A title/h1 that plainly says "Page not found", or a short page whose text says
  so. Only supporting evidence: never enough on its own against an honest host.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache
from urllib.parse import SplitResult, parse_qsl, quote, unquote, urljoin, urlsplit, urlunsplit

from citecheck.check.similarity import (
    content_words,
    normalize_title,
    plain_text,
    shingle_similarity,
    words,
)
from citecheck.models import FetchFacts, PageFacts

__all__ = [
    "ProbeOutcome",
    "canonical",
    "error_page_path",
    "is_ancestor",
    "is_deep_link",
    "is_home_path",
    "is_html",
    "is_root",
    "not_found_wording",
    "probe_key",
    "probe_outcome",
    "probe_url",
    "resolve",
]


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Query parameters that only track the visitor; dropping them is not a different page.
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|igshid|yclid|ref_src|cmpid)$",
    re.IGNORECASE,
)
_INDEX_FILE = re.compile(r"/(index|default)\.(html?|php|aspx?|jsp|cfm)$", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}

# ISO 639-1 codes: "/en/", "/fr-ca/", "/pt_BR/" are language roots, i.e. home pages.
_LANGUAGES = _wordset(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
    hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
    lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
    or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
    ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
    """
)
_LANGUAGE_TAG = re.compile(r"^([a-z]{2})(?:[-_][a-z]{2,4})?$", re.IGNORECASE)
_HOME_FILES = _wordset(
    """
    index.html index.htm index.php index.asp index.aspx index.jsp default.aspx default.asp
    default.htm default.html home home.html home.htm home.php home.aspx homepage start welcome
    main portal
    """
)
_ERROR_SEGMENTS = _wordset(
    """
    404 404.html 404.htm 404.php 404.aspx 410 410.html not-found notfound not_found
    page-not-found pagenotfound page_not_found error errors error.html error.htm error.php
    error.aspx error.asp errorpage error-page error_page error404 error-404 404-error 404error
    """
)
_ERROR_QUERY = re.compile(r"^(aspxerrorpath|error|err|status)$", re.IGNORECASE)

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})

# ----------------------------------------------------------------------------------- URLs


def resolve(base: str, location: str | None) -> str:
    """An absolute URL for a redirect target (Location may be relative)."""
    return urljoin(base, location or "")


def _port(parts: SplitResult) -> int | None:
    try:
        return parts.port
    except ValueError:  # a malformed port is not ours to reject; the fetcher already did
        return None


def canonical(url: str) -> tuple[str, int | None, str, tuple[tuple[str, str], ...]]:
    """The parts of a URL that name a *different page* when they differ.

    Decided here once, for "moved", "same final URL" and "did the redirect go anywhere": the
    scheme (http→https), a leading "www.", the host's case, a default port, a trailing slash, a
    directory index file (``/a/index.html`` ≡ ``/a/``), percent-encoding, the path's case,
    tracking parameters and the fragment are *trivial*. A citation of ``http://x.org/a`` that
    the site upgrades to ``https://www.x.org/a/`` keeps working for as long as the site keeps
    its canonicalising redirect, and asking authors to "update" it would drown real moves in
    noise. Everything else (another path, another query, another host) is a different page.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = _port(parts)
    if port == _DEFAULT_PORTS.get(parts.scheme.lower()) or port in (80, 443):
        port = None
    path = _INDEX_FILE.sub("/", unquote(parts.path)).casefold().rstrip("/")
    query = tuple(
        sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING.match(k)
        )
    )
    return host, port, path, query


def _segments(url: str) -> list[str]:
    return [s for s in unquote(urlsplit(url).path).split("/") if s]


@lru_cache(maxsize=1024)  # pure; asked of a URL's final address up to five times a verdict
def host_name(url: str) -> str | None:
    """``urlsplit(url).hostname``: the host name in lower case, None when there is none."""
    return urlsplit(url).hostname


def is_root(url: str) -> bool:
    """Whether the URL's path is empty or "/" (a site's root is never a soft 404)."""
    return urlsplit(url).path in ("", "/")


def is_home_path(url: str) -> bool:
    """Whether the URL is a site's home page: "/", "/index.html", "/home", "/en/", "/en-us/home"."""
    segments = [s.casefold() for s in _segments(url)]
    if not segments:
        return True
    if len(segments) == 1:
        return segments[0] in _HOME_FILES or _is_language(segments[0])
    return len(segments) == 2 and _is_language(segments[0]) and segments[1] in _HOME_FILES


def _is_language(segment: str) -> bool:
    match = _LANGUAGE_TAG.match(segment)
    return bool(match) and match.group(1).lower() in _LANGUAGES  # type: ignore[union-attr]


def is_deep_link(url: str) -> bool:
    """A URL that names one page: a non-home path, or a home path with a real query (``/?p=12``)."""
    if not is_home_path(url):
        return True
    return bool(canonical(url)[3])


def is_ancestor(final: str, original: str) -> bool:
    """Whether ``final`` is a proper ancestor section of ``original`` on the same host.

    ``/news/`` is an ancestor of ``/news/2020/story``; ``/a/`` of ``/a/index.html`` is not (that
    is the same page).
    """
    f_host, f_port, f_path, _ = canonical(final)
    o_host, o_port, o_path, _ = canonical(original)
    if (f_host, f_port) != (o_host, o_port):
        return False
    f_segs = [s for s in f_path.split("/") if s]
    o_segs = [s for s in o_path.split("/") if s]
    return len(f_segs) < len(o_segs) and o_segs[: len(f_segs)] == f_segs


def error_page_path(url: str) -> bool:
    """Whether the URL itself names an error page: ``/404``, ``/not-found``, ``/error?…``."""
    if any(s.casefold() in _ERROR_SEGMENTS for s in _segments(url)):
        return True
    return any(_ERROR_QUERY.match(k) for k, _ in parse_qsl(urlsplit(url).query))


def is_html(facts: FetchFacts) -> bool:
    """Whether the body is HTML, or of unknown type (which servers mostly mean as HTML)."""
    ctype = facts.page.content_type if facts.page else None
    ctype = ctype or facts.header("content-type")
    if not ctype:
        return True
    return ctype.split(";", 1)[0].strip().lower() in _HTML_TYPES


# ----------------------------------------------------------------------------------- probe

_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")


def probe_url(url: str, token: str) -> str | None:
    """The made-up sibling of a page: its parent path plus ``token``; None for a root URL.

    The sibling keeps what a router may dispatch on: a trailing slash (``/blog/post/`` →
    ``/blog/<token>/``) and a file extension (``/a/index.html`` → ``/a/<token>.html``). Query
    and fragment are dropped; credentials and port are kept so the probe reaches the same
    server the same way. Pass the page's *final* URL.
    """
    if not token:
        raise ValueError("probe token must not be empty")
    parts = urlsplit(url)
    path = parts.path
    if path in ("", "/"):
        return None
    slash = path.endswith("/")
    trimmed = path.rstrip("/")
    parent, _, last = trimmed.rpartition("/")
    ext = _EXTENSION.search(last)
    name = quote(token, safe="") + (ext.group(0) if ext and not slash else "")
    new_path = f"{parent}/{name}" + ("/" if slash else "")
    return urlunsplit((parts.scheme, parts.netloc, new_path, "", ""))


def probe_key(url: str) -> tuple[str, str]:
    """The probe cache key of a page: ``("scheme://host:port", "/parent/path/")``.

    Pages under the same parent path share one probe. Credentials are left out of the key (it
    may end up in logs); the port is always explicit so ``http://h`` and ``http://h:80`` agree.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = _port(parts) or _DEFAULT_PORTS.get(scheme, 0)
    if ":" in host:
        host = f"[{host}]"
    parent = parts.path.rstrip("/").rpartition("/")[0] + "/"
    return f"{scheme}://{host}:{port}", parent


class ProbeOutcome(StrEnum):
    """What the random-sibling probe says about the host's 200s."""

    NONE = "none"  # no probe, or one that tells nothing (network failure, 5xx, 429)
    HONEST = "honest"  # made-up URLs get a real 4xx: this page's 200 is believable
    SAME = "same"  # made-up URLs get this very page: its 200 proves nothing
    DIFFERENT = "different"  # made-up URLs get a 200 page that differs from this one
    # Made-up URLs get a real 4xx whose body is this very page: the host is honest, and this
    # 200 is its own error page served with the wrong status.
    ERROR_PAGE = "error-page"


def _final(facts: FetchFacts) -> str:
    return facts.final_url or facts.url


def _scrub(text: str, url: str) -> str:
    """Remove the echoes of a URL from a page's text.

    Not-found pages often repeat the requested address ("/2020/08/xyzzy was not found") or its
    slug as words ("Did you mean: five things know about…"). Left in, the made-up token alone
    would push two copies of one short not-found page below the similarity threshold.
    """
    parts = urlsplit(url)
    last = parts.path.rstrip("/").rpartition("/")[2]
    stem = _EXTENSION.sub("", last)
    echoes = {
        url,
        unquote(url),
        f"{parts.netloc}{parts.path}",
        parts.path,
        unquote(parts.path),
        last,
        unquote(last),
        stem,
        re.sub(r"[-_+]+", " ", unquote(stem)),
    }
    # Most echoes are not in the text: a plain search first, since compiling a pattern per
    # echo and page cost milliseconds a URL (re's cache holds 512 patterns; a run has more).
    flat = " ".join(text.split()).lower()
    for echo in sorted((e for e in echoes if len(e) >= 3), key=len, reverse=True):
        if " ".join(echo.split()).lower() not in flat:
            continue
        pattern = r"\s+".join(re.escape(piece) for piece in echo.split())
        text = re.sub(pattern, " ", text, flags=re.IGNORECASE)
        flat = " ".join(text.split()).lower()
    return text


# Not-found pages are short; comparing the first 20,000 characters tells them apart from a
# real page just as well as comparing a megabyte would, at a fraction of the cost.
_COMPARE_SPAN = 20_000


def _same_page(page: FetchFacts, probe: FetchFacts, threshold: float) -> bool | None:
    a, b = page.page, probe.page
    if a is None or b is None:
        return None
    text_a = _scrub(a.text[:_COMPARE_SPAN], _final(page))
    text_b = _scrub(b.text[:_COMPARE_SPAN], _final(probe))
    long_a, long_b = len(words(text_a)) >= 3, len(words(text_b)) >= 3
    if long_a and long_b:
        return shingle_similarity(text_a, text_b) >= threshold
    if long_a != long_b:
        return False
    # Neither has text to compare (script-rendered shells, empty bodies): fall back to titles.
    title_a = a.title or a.og_title or a.h1
    title_b = b.title or b.og_title or b.h1
    if title_a is None and title_b is None:
        return True
    if title_a is None or title_b is None:
        return False
    return shingle_similarity(normalize_title(title_a), normalize_title(title_b)) >= threshold


def _shown_title(page: PageFacts, url: str) -> str:
    title = page.title or page.og_title or page.h1 or ""
    return normalize_title(_scrub(title, url)) if title.strip() else ""


def _error_page_copy(page: FetchFacts, probe: FetchFacts, threshold: float) -> bool:
    """Whether a page is a copy of the error page the probe's 4xx carried.

    Stricter than :func:`_same_page`: the normalised titles must agree *and* both bodies must
    have text to compare. Two empty script shells with one title are what a single-page app
    serves for a real route (200) and an unknown one (404) alike, so they prove nothing here.
    """
    a, b = page.page, probe.page
    if a is None or b is None:
        return False
    if _shown_title(a, _final(page)) != _shown_title(b, _final(probe)):
        return False
    text_a = _scrub(a.text[:_COMPARE_SPAN], _final(page))
    text_b = _scrub(b.text[:_COMPARE_SPAN], _final(probe))
    if len(words(text_a)) < 3 or len(words(text_b)) < 3:
        return False
    return shingle_similarity(text_a, text_b) >= threshold


def probe_outcome(
    page: FetchFacts, probe: FetchFacts | None, threshold: float = 0.9
) -> ProbeOutcome:
    """Compare a page's fetch with the fetch of its made-up sibling (:func:`probe_url`)."""
    if probe is None or probe.failure is not None or probe.status is None:
        return ProbeOutcome.NONE
    status = probe.status
    if 400 <= status < 500 and status not in (408, 429):
        if _error_page_copy(page, probe, threshold):
            return ProbeOutcome.ERROR_PAGE
        return ProbeOutcome.HONEST
    if not 200 <= status < 300:
        return ProbeOutcome.NONE
    if canonical(_final(page)) == canonical(_final(probe)):
        if page.chain:
            return ProbeOutcome.SAME  # the cited URL and a made-up one are funnelled alike
        # The made-up URL is redirected *to* this page: it is the site's catch-all target and
        # still stands at its own address (a section index, say), so its 200 is genuine.
        return ProbeOutcome.DIFFERENT
    same = _same_page(page, probe, threshold)
    if same is None:
        return ProbeOutcome.NONE
    return ProbeOutcome.SAME if same else ProbeOutcome.DIFFERENT


# ----------------------------------------------------------------------------------- wording

_NOT_FOUND = re.compile(
    r"""
    \b(?:
        404 | 410
      | (?:page|file|url|document|article|story|content|post|resource)?\s*not\s+found
      | no\s+longer\s+(?:available|exists?|online|accessible)
      | (?:does\s+not|doesnt|do\s+not|dont)\s+exist
      | (?:could\s+not|couldnt|cannot|can\s+not|cant|was\s+not|wasnt)\s+be\s+found
      | (?:has|have)\s+been\s+(?:removed|deleted|taken\s+down)
      | (?:is\s+)?(?:not|no\s+longer)\s+available
      | oops
      | (?:seite|datei)\s+nicht\s+gefunden | nicht\s+gefunden | existiert\s+nicht
      | page\s+introuvable | introuvable | n\s?existe\s+pas | n\s+existe\s+plus
      | pagina\s+no\s+encontrada | no\s+encontrad[ao] | no\s+existe
      | pagina\s+non\s+trovata | non\s+trovat[ao]
      | pagina\s+niet\s+gevonden | niet\s+gevonden
      | pagina\s+nao\s+encontrada | nao\s+encontrad[ao]
      | strona\s+nie\s+(?:zostala\s+)?znaleziona | nie\s+znaleziono
      | sidan\s+(?:kunde\s+inte\s+hittas|hittades\s+inte)
    )\b
    | ページが見つかりません | 页面不存在 | 找不到页面 | 页面未找到
    | 페이지를\s*찾을\s*수\s*없습니다
    | страница\s+не\s+найдена | الصفحة\s+غير\s+موجودة
    """,
    re.VERBOSE,
)
# Words a not-found title wraps around its message; anything else means an actual subject.
_FILLER = _wordset(
    """
    sorry oops error http status code page pages file url link document article story content
    post requested request you youre your looking look were for is was this that the we our can
    cant cannot could couldnt find found not no here there anymore longer seems appears it
    seite datei fehler pagina page erreur erro errore strona sidan hmm uh oh whoops ups
    """
)
# Sentences that, on a short page, say the page is gone.
_NOT_FOUND_TEXT = re.compile(
    r"""
    \bpage\s+not\s+found\b
  | \b(?:error\s+404|404\s+(?:error|not\s+found|page))\b
  | \b(?:page|url|article|story|content|file|post)s?\b[^.]{0,80}?\b
       (?:could\s+not|couldnt|cannot|cant|can\s+not|was\s+not|wasnt)\s+(?:be\s+)?found\b
  | \b(?:page|article|story|content|post)\s+(?:you\s+(?:are|were|re)\s+looking\s+for\s+)?
       (?:is\s+)?no\s+longer\s+(?:available|exists?)\b
  | \b(?:page|url|article|story|post)\s+(?:you\s+(?:are|were|re)\s+looking\s+for\s+)?
       (?:does\s+not|doesnt)\s+exist\b
  | \bwe\s+(?:cant|cannot|couldnt|could\s+not)\s+find\s+(?:that|the|this|what\s+you)\b
  | \bseite\s+nicht\s+gefunden\b | \bpage\s+introuvable\b | \bpagina\s+no\s+encontrada\b
  | \bpagina\s+non\s+trovata\b | \bpagina\s+niet\s+gevonden\b
    """,
    re.VERBOSE,
)
# A not-found page is short; a long page that mentions "page not found" is about something.
_SHORT_TEXT = 1500

# Words one of which every match of _NOT_FOUND (of _NOT_FOUND_TEXT) contains: a title or text
# without any of them, nearly every page, is answered without the pattern, which tries each of
# its alternatives at every word (10 µs for a title; tests/check/test_wording_filters.py holds
# these lists to the patterns with generated matches).
_NOT_FOUND_WORDS = (
    "404", "410", "found", "longer", "exist", "been", "available", "oops", "gefunden",
    "introuvable", "encontrad", "trovat", "gevonden", "znalezi", "hitta", "页面", "ページ",
    "페이지", "найдена", "موجودة",
)
_NOT_FOUND_TEXT_WORDS = (
    "found", "404", "longer", "exist", "find", "gefunden", "introuvable", "encontrada",
    "trovata", "gevonden",
)


def says_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` holds one of ``words`` (a pattern's necessary words) at all."""
    for word in words:  # noqa: SIM110 - a loop, not any() over a generator: half the cost
        if word in text:
            return True
    return False


def _plain_not_found(title: str) -> bool:
    """Whether a title is a not-found message and nothing else ("Page not found – Site")."""
    norm = normalize_title(title)
    if not says_any(norm, _NOT_FOUND_WORDS) or not _NOT_FOUND.search(norm):
        return False
    rest = _NOT_FOUND.sub(" ", norm)
    subject = [w for w in content_words(rest) if w not in _FILLER and not w.isdigit()]
    return not subject


def not_found_wording(page: PageFacts | None) -> str | None:
    """The title, h1 or sentence that says the page is gone, to quote in a reason; else None."""
    if page is None:
        return None
    return _not_found_wording(page)


# Pure, and asked twice in a row about one page (whether to probe it, then its verdict).
@lru_cache(maxsize=256)
def _not_found_wording(page: PageFacts) -> str | None:
    for candidate in (page.title, page.h1):
        if candidate and _plain_not_found(candidate):
            return " ".join(candidate.split())
    if page.text and len(page.text) <= _SHORT_TEXT:
        plain = plain_text(page.text)
        match = _NOT_FOUND_TEXT.search(plain) if says_any(plain, _NOT_FOUND_TEXT_WORDS) else None
        if match:
            return " ".join(match.group(0).split())
    return None
