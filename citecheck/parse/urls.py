"""Finding and repairing the URLs (and DOIs) cited in a note's text.

Notes pasted from PDFs, word processors and web pages damage their URLs in a few recurring ways:
sentence punctuation glued to the end (``…instability.``), a line wrap or a stray space in the
middle (``…/mali-for- malians-what…``), angle brackets or parentheses around them. This module
undoes exactly those, and no more: a space is only bridged when what follows is plainly URL text,
so ``https://x.org/a. The next sentence`` stays two things.

DOIs in any of their spellings (``doi:10.…``, ``https://doi.org/10.…``, ``http://dx.doi.org/…``,
bare ``10.1234/…``) become the canonical ``https://doi.org/<doi>`` URL.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

__all__ = ["DOI_BASE", "extract_urls", "find_doi", "repair_url", "url_spans"]

DOI_BASE = "https://doi.org/"

# Where a URL starts: a scheme, or a bare "www." host (given "http://", as linkifiers do).
_START = re.compile(
    r"(?i)(?<![\w@./-])(?:(?:https?|ftp)://|www\.(?=[\w-]+\.)|(?:dx\.)?doi\.org/(?=10\.))"
)
# DOIs written outside a URL: "doi:10.…", "doi 10.…", "DOI: 10.…", or bare "10.1234/…".
_DOI_START = re.compile(r"(?i)(?:\bdoi\s*:?\s*|(?<![\w./-]))(?=10\.\d{4,9}/\S)")
_DOI_IN_URL = re.compile(r"(?i)^(?:https?://)?(?:dx\.)?doi\.org/(10\.\d{4,9}(?:/|%2F).+)$")
_DOI_PREFIX = re.compile(r"(?i)^doi\s*:?\s*(?=10\.)")
_BARE_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")

# Characters that never belong to a URL written in prose: they end it.
_STOPS = frozenset('<>"“”‘«»`|{}\\^⁰¹²³⁴⁵⁶⁷⁸⁹')
# Invisible characters that copying from web pages and PDFs leaves inside URLs.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_PATH_START = re.compile(r"[/?#]")
_DOI_UNFINISHED = re.compile(r"(?i)(?:^|doi\.org/|doi:\s*)10\.\d{4,9}/$")
_HAS_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BARE_START = re.compile(r"(?i)www\.|doi\.org/")
# A run of URL characters, stopping at the first bracket: where the bracket-counting loop takes
# over.
_RUN_TO_BRACKET = re.compile(r"[^\s<>\"“”‘«»`|{}\\^⁰¹²³⁴⁵⁶⁷⁸⁹()\[\]]*")
# Sentence punctuation that is read as the prose's, not the URL's, when it ends a URL.
_TRAILING = ".,;:!?'’*…"
_CLOSERS = {")": "(", "]": "["}
# A note marker glued to the end of a URL ("https://x.org/a.[3]").
_TRAILING_MARKER = re.compile(r"\[\^?(?:\d{1,5}|[ivxlcdm]{1,12})\]$", re.IGNORECASE)
# After one of these, a URL is visibly unfinished: a space or line break is a damage to bridge.
_JOINERS = frozenset("-/_.?=&")
_WRAP_JOINERS = frozenset("-/_.?=&%#~+:")
_FILE_EXT = re.compile(
    r"(?i)\.(?:s?html?|php\d?|aspx?|jspx?|cfm|pdf|xml|json|txt|docx?|xlsx?|pptx?|csv|png|jpe?g|gif)$"
)
_EXTENSIONS = frozenset({"html", "htm", "shtml", "php", "asp", "aspx", "pdf", "jsp", "cfm", "xml"})
_URLISH = frozenset("/-_=&%#")
_LOWER_TAIL = re.compile(r"^[a-z0-9][a-z0-9._~-]*$")
_PLAIN_WORD = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")


def _scan(text: str, start: int, limit: int) -> int:
    """The end of the run of URL characters beginning at ``start``.

    An unbalanced closing bracket ends the run (the URL sat inside brackets); balanced ones are
    kept (``…/wiki/Mali_(disambiguation)``). Inside ``<…>`` the ``>`` ends it.
    """
    # Up to the first bracket by regex (the common case ends there); the rest, if a bracket
    # follows, by the counting loop. Never the whole rest of the text per URL: a page of URLs
    # glued together ("…/a)[text](https://…") stays linear.
    run = _RUN_TO_BRACKET.match(text, start, limit)
    i = run.end() if run else start
    if i >= limit or text[i] not in "()[]":
        return i
    depth = {"(": 0, "[": 0}
    while i < limit:
        ch = text[i]
        if ch.isspace() or ch in _STOPS:
            break
        if ch in "([":
            depth[ch] += 1
        elif ch in _CLOSERS:
            opener = _CLOSERS[ch]
            if depth[opener] == 0:
                break
            depth[opener] -= 1
        i += 1
    return i


def _trim(url: str) -> str:
    """Drop sentence punctuation, a glued note marker and unbalanced brackets from the end.

    Linear: the end moves left over an index and the bracket counts are kept as it goes (a
    "URL" ending in ten thousand "[1]"s must not be rescanned for each one).
    """
    end = len(url)
    counts = {ch: url.count(ch) for ch in "()[]"}

    def drop(start: int) -> None:
        for ch in url[start:end]:
            if ch in counts:
                counts[ch] -= 1

    while end:
        # A marker is at most 15 characters: look at the tail only.
        marker = _TRAILING_MARKER.search(url, max(0, end - 16), end)
        if marker and marker.start() > 0:
            drop(marker.start())
            end = marker.start()
            continue
        last = url[end - 1]
        if last in _TRAILING or last in "([" or (
            last in _CLOSERS and counts[last] > counts[_CLOSERS[last]]
        ):
            drop(end - 1)
            end -= 1
            continue
        break
    return url[:end]


def _plainly_url(token: str, after: str, wrapped: bool = False) -> bool:
    """Whether ``token`` (the text after a break in a URL) is evidently the URL's continuation.

    ``after`` is the URL's last character before the break; ``wrapped`` tells a line wrap from
    a space on the same line.
    """
    core = _trim(token)
    if (
        not any(ch.isalnum() for ch in core)
        or "://" in core
        or core.lower().startswith("www.")
        or core[0] in "(["
    ):
        return False
    if _PLAIN_WORD.match(core):
        # A word ("The", "accessed", "well-known") is prose, unless it completes a file name
        # ("report. pdf") or a hyphenated slug broken at its hyphen ("for- malians"); a
        # capitalised word after a hyphen reads as a new sentence.
        if after == ".":
            return core.lower() in _EXTENSIONS
        if after in "-_":
            # A wiki title goes on capitalised after a wrap at "_" ("Die_demolirte_\nLiteratur"):
            # a URL ends at "_" far more rarely than prose starts a sentence after "-".
            return core[0].islower() or (after == "_" and wrapped)
        # After "/", a lower-case slug ("broadband-availability-map") is the next path segment:
        # on a new line one hyphen is enough, on the same line it takes two ("well-known" is
        # prose).
        return (
            after == "/"
            and core.islower()
            and core.count("-") + core.count("_") >= (1 if wrapped else 2)
        )
    if any(ch in _URLISH for ch in core) or _FILE_EXT.search(core):
        return True
    # "2478.2010.00123.x" after "j.1468-" continues an identifier; a bare number after a
    # finished URL ("…/a/ 2020.") is prose.
    return any(ch.isdigit() for ch in core) and after in "-_=&?"


def _continue(text: str, end: int, url: str) -> int | None:
    """If the URL ending at ``end`` was broken by a wrap or a stray space, where it really ends."""
    n = len(text)
    i = end
    while i < n and text[i] in " \t\r\n\u00a0\u202f":
        i += 1
    gap = text[end:i]
    if i == end or i >= n:
        return None
    newlines = gap.count("\n")
    if newlines > 1:
        return None
    wrapped = newlines == 1
    if not wrapped and len(gap) > 2:
        return None
    token_end = _scan(text, i, n)
    token = text[i:token_end]
    if not token:
        return None
    last = url[-1]
    if _SCHEME.match(url) and url.endswith("://"):
        # "https://" alone at a line end: the host is on the next line.
        return token_end if wrapped and "." in _trim(token) else None
    if wrapped:
        suffix = _trim(token)
        if (
            _DOI_UNFINISHED.search(url)
            and suffix[:1].isalnum()
            and (any(ch.isdigit() for ch in suffix) or not _PLAIN_WORD.match(suffix))
        ):
            # "doi.org/10.1056/\nNEJMc2031173": a DOI is never just its prefix, and its
            # suffix is an identifier, not a word ("…/10.1056/\nThe next sentence").
            return token_end
        if last in _WRAP_JOINERS:
            if _plainly_url(token, last, wrapped=True):
                return token_end
            core = _trim(token)
            if (last in "#=&" or url.endswith("#.")) and core and core[0].isalnum():
                # "…/498902#.\nVYXO2flVhBd", "?lang=\nEnglish": a fragment or a query value
                # left empty at the line end is never where a URL in prose ends.
                return token_end
            # "https://data.unhcr.org/en/country/\nbfa." ending the note: a lone lower-case tail
            # after an unfinished URL is the URL's, since a note does not end on such a word.
            tail = _trim(token)
            if tail and _LOWER_TAIL.match(tail) and not text[token_end:].strip(" \t\n.,;)"):
                return token_end
            return None
        # Broken mid-word at the line end: the continuation must carry URL syntax of its own.
        core = _trim(token)
        if (
            core
            and (core[0].islower() or core[0].isdigit() or core[0] in "/-_.?=&#%")
            and _plainly_url(token, last, wrapped=True)
            and ("/" in core or "=" in core or _FILE_EXT.search(core) is not None)
        ):
            return token_end
        return None
    if last in _JOINERS and _plainly_url(token, last):
        return token_end
    return None


def _canonical(url: str) -> str:
    """Canonical spelling: lower-case scheme, DOIs at doi.org, a scheme for bare ``www.``."""
    doi = _DOI_IN_URL.match(url)
    if doi:
        # Some sites link "doi.org/10.1371%2Fjournal…": the same DOI as "10.1371/journal…".
        return DOI_BASE + re.sub("%2[Ff]", "/", doi.group(1))
    prefixed = _DOI_PREFIX.match(url)
    if prefixed and _BARE_DOI.match(url[prefixed.end() :]):
        return DOI_BASE + url[prefixed.end() :]
    if _BARE_DOI.match(url):
        return DOI_BASE + url
    scheme = _SCHEME.match(url)
    if scheme:
        return scheme.group(1).lower() + url[len(scheme.group(1)) :]
    if url.lower().startswith("www."):
        return "http://" + url
    return url


def _repair_once(url: str) -> str:
    url = url.strip()
    # "url:", "<" and spaces before the URL, in any order and number, in one scan.
    start, bracketed = 0, False
    while start < len(url):
        if url[start].isspace():
            start += 1
        elif url[start] == "<":
            start, bracketed = start + 1, True
        elif url[start : start + 4].lower() == "url:":
            start += 4
        else:
            break
    url = url[start:]
    if bracketed and ">" in url:
        url = url[: url.index(">")]
    url = "".join(url.split())
    if _HAS_INVISIBLE.search(url):
        url = url.translate(_INVISIBLE)
    url = _trim(url)
    return _canonical(url)


def repair_url(url: str) -> str:
    """Undo prose damage to one URL: whitespace, brackets, trailing punctuation, DOI spellings.

    Idempotent: ``repair_url(repair_url(u)) == repair_url(u)``.
    """
    # Each pass only removes characters or settles a prefix, so this reaches a fixed point.
    for _ in range(len(url) + 2):
        repaired = _repair_once(url)
        if repaired == url:
            break
        url = repaired
    return url


def in_spans(spans: Sequence[tuple[int, int, str]], starts: Sequence[int], offset: int) -> bool:
    """Whether ``offset`` falls inside one of ``spans`` (sorted, not overlapping; ``starts``
    their start offsets): by bisection, so a text with thousands of URLs stays linear."""
    index = bisect_right(starts, offset) - 1
    return index >= 0 and offset < spans[index][1]


def url_spans(text: str) -> list[tuple[int, int, str]]:
    """Every URL and DOI in ``text`` as (start, end, repaired URL), in text order."""
    found: list[tuple[int, int, str]] = []
    n = len(text)
    pos = 0
    if "://" not in text and _BARE_START.search(text) is None:
        starts: Iterable[re.Match[str]] = ()
    else:
        starts = _START.finditer(text)
    for match in starts:
        start = match.start()
        if start < pos:
            continue
        end = _scan(text, match.end(), n)
        raw = text[start:end]
        for _ in range(64):  # a URL broken more than a few times is not one URL
            joined = _continue(text, end, raw)
            if joined is None:
                break
            raw = raw + text[end:joined]
            end = joined
        url = repair_url(raw)
        pos = end
        if len(url) > len(match.group()) and _has_host(url):
            found.append((start, end, url))
    dois: list[tuple[int, int, str]] = []
    if "10." not in text:
        return found
    found_starts = [s for s, _, _ in found]
    for match in _DOI_START.finditer(text):
        begin = match.end()
        # DOIs are found left to right, so only the last one can hold ``begin``.
        if in_spans(found, found_starts, begin) or (dois and begin < dois[-1][1]):
            continue
        end = _scan(text, begin, n)
        raw = text[begin:end]
        for _ in range(16):
            joined = _continue(text, end, raw)
            if joined is None:
                break
            raw = raw + text[end:joined]
            end = joined
        doi = _trim("".join(raw.split()))
        if _BARE_DOI.match(doi):
            # Through repair_url like every other URL, so extraction is already a fixed point.
            dois.append((match.start(), end, repair_url(DOI_BASE + doi)))
    return sorted(found + dois)


def _has_host(url: str) -> bool:
    scheme = _SCHEME.match(url)
    rest = url[scheme.end() :] if scheme else url
    host = _PATH_START.split(rest, maxsplit=1)[0]
    return bool(host.strip(".:@"))


def extract_urls(text: str) -> list[str]:
    """The URLs cited in a note's text, repaired, deduplicated, in order of appearance."""
    return list(dict.fromkeys(url for _, _, url in url_spans(text)))


def find_doi(text: str) -> str | None:
    """The first DOI the text cites (``10.1000/xyz``), in any of its spellings, or None."""
    for _, _, url in url_spans(text):
        if url.startswith(DOI_BASE):
            return url[len(DOI_BASE) :]
    return None
