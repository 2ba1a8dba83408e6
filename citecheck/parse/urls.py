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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

from citecheck.parse.deferred import regex

__all__ = [
    "DOI_BASE", "doi_of", "extract_urls", "find_doi", "is_email_address", "prose_url_spans",
    "repair_url", "scheme_added", "url_identity", "url_spans", "web_address",
]  # fmt: skip

DOI_BASE = "https://doi.org/"

# Top-level domains that mark "example.org/report.pdf" as an address without its scheme.
_TLDS = (
    r"(?:com|org|net|edu|gov|mil|int|info|biz|io|ai|co|eu|uk|us|ca|au|de|fr|nl|it|es|ch|se|no"
    r"|dk|fi|be|at|jp|cn|in|ru|br|nz|za|ie|pl|pt|kr|tw|sg|hk|il|mx|ar|gl|ly|me|tv|cc|dev|app)"
)
# Where a URL starts: a scheme, a bare "www." host, or a host with a path and a well-known
# top-level domain ("example.org/path"); the last two are checked as https://.
_START = regex(
    r"(?i)(?<![\w@./-])(?:(?:h?ttps?|htps?|https{2}|ftp)://|https?//(?=[\w-]+\.)|www\d{0,3}\.(?=[\w-]+\.)|(?:dx\.)?doi\.org/(?=10\.)"
    # ("http//www.johnfoxe.org": a scheme whose colon was lost, repaired in _canonical.)
    # A PDF's line break right after the scheme's colon: "https:" ⏎ "//lab.example.org/…".
    r"|(?:https?|ftp):(?=[ \t]*\n[ \t]*//)"
    rf"|(?=(?:[a-z0-9][a-z0-9-]*\.)+{_TLDS}/[\w~%-]))"
    # A word glued on by a layout that lost the space: "Link here: ternhttps://github.com/…".
    r"|(?<=[a-z])https?://(?=[\w-]+\.)"
    # A browser's PDF viewer before the page's own address, copied from its address bar:
    # "chrome-extension://efaidnbmnnnibpcajpcglclefindmkaj/https://…" (a Chrome extension's
    # 32-letter id), "moz-extension://<uuid>/https://…": the address is the one after it.
    r"|(?<=extension://[a-p]{32}/)https?://"
    r"|(?<=extension://[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/)https?://"
)
# DOIs written outside a URL: "doi:10.…", "doi 10.…", "DOI: 10.…", or bare "10.1234/…".
_DOI_START = regex(r"(?i)(?:\bdoi\s*:?\s*|(?<![\w./-]))(?=10\.\d{4,9}/\s?\S)")
_DOI_IN_URL = regex(r"(?i)^(?:https?://)?(?:dx\.)?doi\.org/(10\.\d{4,9}(?:/|%2F).+)$")
_DOI_PREFIX = regex(r"(?i)^doi\s*:?\s*(?=10\.)")
# A resolver before a DOI already written with one ("https://doi.org/https://doi.org/10.1016/…",
# biblatex's link for a doi field holding a URL; "https://doi.org/doi:10.…"): one DOI link.
_RESOLVER_TWICE = regex(
    r"(?i)^(?:https?://)?(?:dx\.)?doi\.org/+(?=(?:(?:https?:/+)?(?:dx\.)?doi\.org/|doi\s*:))")
_BARE_DOI = regex(r"^10\.\d{4,9}/\S+$")
# The rest of a DOI made from a SICI (Wiley's older DOIs), whose "<…>" would end a URL in prose.
_SICI_TAIL = regex(r"<[\d:;A-Z.]*::AID-[A-Z0-9-]+>[\d.]+CO;\d-[\dA-Z]")
_SCHEME = regex(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_COLONLESS_SCHEME = regex(r"(?i)^(https?)//(?=[\w-]+\.)")

# Characters that never belong to a URL written in prose: they end it.
_STOPS = frozenset('<>"“”‘«»`|{}\\^⁰¹²³⁴⁵⁶⁷⁸⁹'
                   # bidirectional controls that right-to-left text puts after a URL
                   "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
# Invisible characters that copying from web pages and PDFs leaves inside URLs.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_PATH_START = regex(r"[/?#]")
_DOI_UNFINISHED = regex(r"(?i)(?:^|doi\.org/|doi:\s*)10\.\d{4,9}/$")
_HAS_INVISIBLE = regex("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BARE_START = regex(rf"(?i)www\d{{0,3}}\.|doi\.org/|\.{_TLDS}/")
_BARE_HOST = regex(rf"(?i)^(?:[a-z0-9][a-z0-9-]*\.)+{_TLDS}(?=/)")
# A markup target's host under any country's domain ("shahr.ir" of \href{shahr.ir/x3F3}): with a
# path after it, it is no file name ("notes.txt"); prose keeps to the list above.
_COUNTRY_HOST = regex(r"(?i)^(?:[a-z0-9][a-z0-9-]*\.)+[a-z]{2}$")
_WWW = regex(r"(?i)www\d{0,3}\.")  # "www.", "www2.": a host written without a scheme
# A host named alone in prose, without scheme or path: "(smarts.waterboards.ca.gov, last
# accessed 31 July 2017)". Without a path, prose needs more to tell a host from a word than
# "example.org/x" does: three labels or more, in lower case, under a generic top-level domain
# (or a country's "gov.uk"-like second level), so that "Amazon.com" and "node.js" stay words.
_HOST_ALONE = regex(
    r"(?:[a-z0-9][a-z0-9-]*\.)+(?:[a-z0-9][a-z0-9-]*\.(?:com|org|net|edu|gov|mil|int)"
    r"|(?:co|ac|gov|org|edu|com|net)\.[a-z]{2})"
)
# Where one ends: its top-level domain, then no more host, path, or e-mail.
_HOST_ALONE_END = regex(
    r"\.(?:com|org|net|edu|gov|mil|int|(?:co|ac|gov|org|edu|com|net)\.[a-z]{2})"
    r"(?![\w@/-]|\.[\w-])"
)
_LOWER_HOST_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-")
_RUN = regex(r"[^\s<>\"“”‘«»`|{}\\^⁰¹²³⁴⁵⁶⁷⁸⁹\u202a-\u202e\u2066-\u2069\u200e\u200f]*")
# A run of URL characters, stopping at the first bracket: where the bracket-counting loop takes
# over.
_RUN_TO_BRACKET = regex(
    r"[^\s<>\"“”‘«»`|{}\\^⁰¹²³⁴⁵⁶⁷⁸⁹\u202a-\u202e\u2066-\u2069\u200e\u200f()\[\]]*"
)
# Sentence punctuation that is read as the prose's, not the URL's, when it ends a URL.
_TRAILING = ".,;:!?'’*…؛،"  # with the Arabic semicolon and comma
_CLOSERS = {")": "(", "]": "["}
# A note marker glued to the end of a URL ("https://x.org/a.[3]").
_TRAILING_MARKER = regex(r"\[\^?(?:\d{1,5}|[ivxlcdm]{1,12})\]$", re.IGNORECASE)
# After one of these, a URL is visibly unfinished: a space or line break is a damage to bridge.
_JOINERS = frozenset("-/_.?=&")
_WRAP_JOINERS = frozenset("-/_.?=&%#~+:")
_FILE_EXT = regex(
    r"(?i)\.(?:s?html?|php\d?|aspx?|jspx?|cfm|pdf|xml|json|txt|docx?|xlsx?|pptx?|csv|png|jpe?g|gif)$"
)
_EXTENSIONS = frozenset({"html", "htm", "shtml", "php", "asp", "aspx", "pdf", "jsp", "cfm", "xml"})
_URLISH = frozenset("/-_=&%#")
_LOWER_TAIL = regex(r"^[a-z0-9][a-z0-9._~-]*$")
_DOI_PART = regex(r"^(?:0\d{3,}|\d{5,})$")
_FRAGMENT_TAIL = regex(r"^[a-z0-9][a-z0-9._~=&%#-]*$")
_PAGE_TAIL = regex(r"^[A-Za-z0-9][\w.~-]*$")
_SCHEME_ONLY = regex(r"(?i)^(?:https?|ftp):$")
_UNFINISHED_ESCAPE = regex(r"%[0-9A-Fa-f]?$")
# The next identifier of a citation, not more of the URL: "hdl:10315/1", "arXiv:1512.01655".
_IDENTIFIER_PREFIX = regex(r"(?i)^(?:hdl|arxiv|isbn|issn|pmid|pmc|doi|urn|oclc|bibcode):")
_HEX_NAME = regex(r"[0-9a-f]{8,}")  # with a letter and a digit: a hash, not a word or a number
_PLAIN_WORD = regex(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")


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


def _cut_glued_marker(url: str) -> str | None:
    marker = _TRAILING_MARKER.search(url)
    return url[: marker.start()] if marker and marker.start() > 0 else None


def _cut_sentence_punctuation(url: str) -> str | None:
    last = url[-1]
    return url[:-1] if last in _TRAILING or last in "([" else None


def _cut_unbalanced_closer(url: str) -> str | None:
    last = url[-1]
    if last in _CLOSERS and url.count(last) > url.count(_CLOSERS[last]):
        return url[:-1]
    return None


# What comes off the end of a URL written in prose, in the order tried: after any cut the list
# is tried again from the top, until no rule cuts.
_TRIM_RULES: tuple[tuple[str, Callable[[str], str | None]], ...] = (
    ("a note marker glued on (…/a.[3])", _cut_glued_marker),
    ("sentence punctuation or an opening bracket", _cut_sentence_punctuation),
    ("a closing bracket without its opener", _cut_unbalanced_closer),
)


# Every rule above cuts only a URL ending in one of these (a marker ends in "]"): most URLs
# end in none, and skip the rules.
_TRIM_ENDINGS = frozenset(_TRAILING + "([" + "".join(_CLOSERS) + "]")


def _trim(url: str) -> str:
    """Drop sentence punctuation, a glued note marker and unbalanced brackets from the end.

    The cuts are those of :data:`_TRIM_RULES`, in that order, tried again from the top after
    each cut. Linear: the end moves left over an index and the bracket counts are kept as it
    goes (a "URL" ending in ten thousand "[1]"s must not be rescanned for each one).
    """
    if not url or url[-1] not in _TRIM_ENDINGS:
        return url  # most URLs: nothing to cut
    end = len(url)
    counts = {ch: url.count(ch) for ch in "()[]"}

    def drop(start: int) -> None:
        for ch in url[start:end]:
            if ch in counts:
                counts[ch] -= 1

    while end and url[end - 1] in _TRIM_ENDINGS:
        # _cut_glued_marker; a marker is at most 15 characters: look at the tail only.
        marker = _TRAILING_MARKER.search(url, max(0, end - 16), end)
        if marker and marker.start() > 0:
            drop(marker.start())
            end = marker.start()
            continue
        last = url[end - 1]
        if last in _TRAILING or last in "([" or (  # _cut_sentence_punctuation
            last in _CLOSERS and counts[last] > counts[_CLOSERS[last]]  # _cut_unbalanced_closer
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
        # a URL of its own; one inside a path ("chive.org/web/2003…/http://…", an archive's
        # copy after "https://web.ar") goes on the URL broken before it
        or -1 < core.find("://") <= core.find("/")
        or ("://" in core and "/" not in core)
        or _WWW.match(core) is not None
        or core[0] in "(["
        or _IDENTIFIER_PREFIX.match(core) is not None
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
    # finished URL ("…/a/ 2020.") is prose, a hexadecimal name after "/" ("…/files/
    # cf6d69348ca50dd9….pdf", a hash or a file's id) is not.
    if not any(ch.isdigit() for ch in core):
        return False
    return after in "-_=&?" or (
        after == "/" and not core.isdigit() and _HEX_NAME.fullmatch(core) is not None)


@dataclass(frozen=True, slots=True)
class _Break:
    """A URL in prose followed by whitespace, and the token after the whitespace."""

    url: str  # the URL so far
    last: str  # its last character
    token: str  # the run of URL characters after the break
    core: str  # ``token`` without trailing sentence punctuation (:func:`_trim`)
    wrapped: bool  # the break is a line end, not a space on the same line
    text: str  # the whole text the URL is in
    token_end: int  # where ``token`` ends in ``text``


def _scheme_alone(b: _Break) -> bool | None:
    # "https://" alone at a line end: the host is on the next line.
    if _SCHEME.match(b.url) and b.url.endswith("://"):
        return b.wrapped and "." in b.core
    return None


def _scheme_colon(b: _Break) -> bool | None:
    # "https:" ⏎ "//lab.getmonero.org/…": the address is on the next line.
    if b.url.endswith(":") and _SCHEME_ONLY.match(b.url):
        return b.wrapped and b.core.startswith("//") and len(b.core) > 2
    return None


def _broken_escape(b: _Break) -> bool | None:
    # "…White%20paper%20on%" ⏎ "20DPI.pdf", "…/X%2" ⏎ "Fphil…": a percent-escape is never left
    # unfinished; the hex digits it lacks open the next line.
    unfinished = _UNFINISHED_ESCAPE.search(b.url)
    if unfinished is None:
        return None
    missing = 3 - len(unfinished.group())
    head = b.core[:missing]
    return len(head) == missing and all(ch in "0123456789abcdefABCDEF" for ch in head)


def _continued_by_url_punctuation(b: _Break) -> bool | None:
    # "…/s2-43" ⏎ ".1.230", "…-eth-ltc" ⏎ "-dash-xmr-sma7.html#1y": prose never opens a line
    # with a dot or a hyphen glued to the next word; a URL broken before its own "." or "-" does.
    core = b.core
    if (
        b.wrapped
        and len(core) > 1
        and core[0] in ".-"
        and core[1].isalnum()
        and any(ch.isdigit() or ch in ".-#/" for ch in core[1:])
        and b.last.isalnum()
        and b.url.count("/") >= 3
    ):
        return True
    return None


# "http://sites. Nationalacademies. Org/DBASSE/…": a bibliography's sentence-casing put a space
# (and a capital) after each dot of the host. Bridged only while the host so far ends in no
# top-level domain, and only where the labels after it end in one right before a path's "/".
_HOST_CUT = regex(r"(?i)^https?://(?:[a-z0-9-]+\.)*(?P<label>[a-z0-9-]+)\.$")
_SPACED_HOST_REST = regex(r"(?:[A-Za-z0-9-]+\.[ \u00a0])*[A-Za-z]{2,6}/")
_TOP_LEVEL = regex(r"[A-Za-z]{2,6}")


def _host_spaced_at_its_dots(b: _Break) -> bool | None:
    if b.wrapped:
        return None
    cut = _HOST_CUT.match("".join(b.url.split()))
    if cut is None or ("." in cut.group()[:-1].split("://", 1)[1]
                       and _TOP_LEVEL.fullmatch(cut.group("label"))):
        return None
    start = b.token_end - len(b.token)
    return True if _SPACED_HOST_REST.match(b.text, start) else None


def _doi_numeric_part(b: _Break) -> bool | None:
    # "…/WACV48630.2021. 00074", "doi: 10.1371/journal.pcbi. 1004568", and the same cut at a
    # line end: a DOI's numeric part, not a number in prose. The DOI may be a resolver's address
    # or written bare (``url_spans`` rejoins a "doi:"'s DOI without its "doi:").
    if b.last == "." and _DOI_PART.match(b.core) and (
        _DOI_IN_URL.match(b.url) or _BARE_DOI.match("".join(b.url.split()))
    ):
        return True
    return None


def _mid_word_space_before_path(b: _Break) -> bool | None:
    # "http://csrc.nist.gov/publi cations/nistpubs/": a justified line put a space inside a path
    # segment; the rest is lower-case and goes on with path segments of its own ("and/or" after
    # a URL has one "/" and does not end on it, so it stays prose).
    core = b.core
    if (
        not b.wrapped
        and b.last.isalnum()
        and b.url.count("/") >= 3
        and core[:1].islower()
        and "://" not in core
        and (core.count("/") >= 2 or (core.endswith("/") and len(core) > 1))
        and _plainly_url(b.token, "/")
    ):
        return True
    return None


def _path_segment_spaced_off(b: _Break) -> bool | None:
    # "https://github.com /ethereum /EIPs /issues /20": an exporter put a space before each
    # "/" of the path; prose does not open a word with "/".
    core = b.core
    if (
        not b.wrapped
        and b.last.isalnum()
        and len(core) > 1
        and core[0] == "/"
        and core[1].isalnum()
        and "://" not in core
    ):
        return True
    return None


def _same_line_space(b: _Break) -> bool | None:
    if b.wrapped:
        return None
    return b.last in _JOINERS and _plainly_url(b.token, b.last)


def _doi_suffix_spaced_off(b: _Break) -> bool | None:
    # "doi:10.1126/ science.1151579": a space typed (or set by a justified line) after a DOI's
    # prefix; the rest is plainly the DOI's when it holds a digit and is no bare year or page.
    if (
        not b.wrapped
        and _DOI_UNFINISHED.search(b.url)
        and b.core[:1].isalnum()
        and any(ch.isdigit() for ch in b.core)
        and not (b.core.isdigit() and len(b.core) < 5)
    ):
        return True
    return None


def _zero_led_number(b: _Break) -> bool | None:
    # "…/spo.bbp2372.1987." ⏎ "025": a number with a leading zero is no page number or count,
    # but the rest of an identifier the line end cut after its dot.
    if b.wrapped and b.last == "." and _ZERO_LED.fullmatch(b.core):
        return True
    return None


_ZERO_LED = regex(r"0\d{1,6}")


def _doi_suffix(b: _Break) -> bool | None:
    # "doi.org/10.1056/\nNEJMc2031173": a DOI is never just its prefix, and its suffix is an
    # identifier, not a word ("…/10.1056/\nThe next sentence").
    if (
        _DOI_UNFINISHED.search(b.url)
        and b.core[:1].isalnum()
        and (any(ch.isdigit() for ch in b.core) or not _PLAIN_WORD.match(b.core))
    ):
        return True
    return None


def _joiner_then_url_text(b: _Break) -> bool | None:
    if b.last in _WRAP_JOINERS and _plainly_url(b.token, b.last, wrapped=True):
        return True
    return None


def _empty_fragment_or_value(b: _Break) -> bool | None:
    # "…/498902#.\nVYXO2flVhBd", "?lang=\nEnglish": a fragment or a query value left empty at
    # the line end is never where a URL in prose ends.
    if (
        b.last in _WRAP_JOINERS
        and (b.last in "#=&" or b.url.endswith("#."))
        and b.core
        and b.core[0].isalnum()
    ):
        return True
    return None


def _lower_tail_ending_note(b: _Break) -> bool | None:
    # "https://data.unhcr.org/en/country/\nbfa." ending the note: a lone lower-case tail after
    # an unfinished URL is the URL's, since a note does not end on such a word.
    if b.last not in _WRAP_JOINERS:
        return None
    if not b.core:
        return False
    # After "/" a capitalised page name ends a note too: "…/index.php/" ⏎ "Scrypt."
    tail = _LOWER_TAIL if b.last != "/" or not b.wrapped else _PAGE_TAIL
    if not tail.match(b.core):
        return False
    return not b.text[b.token_end :].strip(" \t\n.,;)")


def _mid_word_tail_ending_note(b: _Break) -> bool | None:
    # "…?timespan=3" ⏎ "0days.", "…-closed-loop-gif" ⏎ "t-cards." ending the note: broken
    # mid-word by a PDF's line end; a note does not end on such a fragment of prose.
    if not (b.wrapped and b.last.isalnum() and b.url.count("/") >= 3):
        return None
    if not _FRAGMENT_TAIL.match(b.core) or b.text[b.token_end :].strip(" \t\n.,;)"):
        return None
    return True


def _mid_word_with_url_syntax(b: _Break) -> bool | None:
    # Broken mid-word at the line end: the continuation must carry URL syntax of its own, and
    # not open an address of its own once the URL has its path ("…/10.26879/968" ⏎
    # "palaeo-electronica.org/content/…": two links, one a line; but "https://www-statista-
    # com.lib" ⏎ "proxy.berkeley.edu/…" is one host broken).
    core = b.core
    return bool(
        core
        and (_BARE_HOST.match(core) is None or "/" not in b.url.split("://", 1)[-1])
        and (core[0].islower() or core[0].isdigit() or core[0] in "/-_.?=&#%")
        and _plainly_url(b.token, b.last, wrapped=True)
        and ("/" in core or "=" in core or _FILE_EXT.search(core) is not None
             # a path's slug of hyphenated words ("…/wirtschaft/plas" ⏎ "tik-ist-zu-billig-…")
             or (core.count("-") >= _SLUG_HYPHENS and "/" in b.url.split("://", 1)[-1]))
    )


_SLUG_HYPHENS = 2  # a lone hyphenated word ("well-known") is prose; a slug joins more


# Whether a URL goes on after a break, in the order asked: the first rule with an answer
# (True: the token is the URL's; False: the URL ends at the break) decides.
_CONTINUATION_RULES: tuple[tuple[str, Callable[[_Break], bool | None]], ...] = (
    ("a scheme alone at a line end", _scheme_alone),
    ("a scheme's colon at a line end", _scheme_colon),
    ("a percent-escape broken off", _broken_escape),
    ("a host spaced at its dots", _host_spaced_at_its_dots),
    ("a DOI's numeric part after its dot", _doi_numeric_part),
    ("a space inside a path segment", _mid_word_space_before_path),
    ("a path segment spaced off its URL", _path_segment_spaced_off),
    ("a DOI's suffix spaced off its prefix", _doi_suffix_spaced_off),
    ("a space on the same line", _same_line_space),
    ("a DOI broken after its prefix", _doi_suffix),
    ("a zero-led number after a dot", _zero_led_number),
    ("URL text after a joining character", _joiner_then_url_text),
    ("an empty fragment or query value", _empty_fragment_or_value),
    ("a lower-case tail that ends the note", _lower_tail_ending_note),
    ("URL punctuation opening the next line", _continued_by_url_punctuation),
    ("a mid-word tail that ends the note", _mid_word_tail_ending_note),
    ("a word broken mid-way, with URL syntax", _mid_word_with_url_syntax),
)


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
    if _HAS_INVISIBLE.search(token):
        # "…-quiz.html\u200b.": a PDF's zero-width space is no part of what the token says.
        found = _Break(url, url[-1], token, _trim(token.translate(_INVISIBLE)), wrapped, text,
                       token_end)
    else:
        found = _Break(url, url[-1], token, _trim(token), wrapped, text, token_end)
    for _, rule in _CONTINUATION_RULES:
        verdict = rule(found)
        if verdict is not None:
            return token_end if verdict else None
    return None


def _canonical(url: str) -> str:
    """Canonical spelling: lower-case scheme, DOIs at doi.org, ``https://`` for bare ``www.``."""
    twice = _RESOLVER_TWICE.match(url)
    if twice:
        return url[twice.end() :]  # the inner spelling, settled by repair_url's next pass
    doi = _DOI_IN_URL.match(url)
    if doi:
        # "doi.org/10.1371%2Fjournal…" (Wikipedia's links) is kept as written: the same DOI as
        # "10.1371/journal…" (see find_doi), and the address the reader follows. So is a
        # resolver address written in full ("http://dx.doi.org/10.1109/SP.2007.8"): the link
        # the document gives, which leads to the same DOI (doi_of reads it from either).
        scheme = _SCHEME.match(url)
        if scheme is not None and url.startswith(("http://", "https://", "HTTP")):
            return scheme.group(1).lower() + url[len(scheme.group(1)) :]
        return DOI_BASE + doi.group(1)
    prefixed = _DOI_PREFIX.match(url)
    if prefixed and _BARE_DOI.match(url[prefixed.end() :]):
        return DOI_BASE + url[prefixed.end() :]
    if _BARE_DOI.match(url):
        return DOI_BASE + url
    colonless = _COLONLESS_SCHEME.match(url)
    if colonless is not None:
        url = colonless.group(1) + ":" + url[colonless.end(1) :]  # "http//www.x.org"
    scheme = _SCHEME.match(url)
    if scheme:
        name = scheme.group(1).lower()
        if name in ("ttp", "ttps"):
            name = "h" + name  # the first letter lost in extraction: "ttps://www.ipcc.ch/…"
        return name + url[len(scheme.group(1)) :]
    if _WWW.match(url) or _BARE_HOST.match(url):
        return "https://" + url  # today's default; a site still on http redirects there
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
    if url.endswith("-"):
        # "…/5797.pdf-": a file name's extension ends the address; a hyphen after it is where
        # a PDF hyphenated the line (and the next line is a page number, or nothing).
        url = _HYPHEN_AFTER_EXTENSION.sub(r"\1", url)
    glued = _DIGITS_THEN_WORD.search(url) if "doi.org/10." in url else None
    if glued is not None:
        url = url[: glued.end()]  # "…/10.13039/100009633Eunice Kennedy …": text follows
    return _canonical(url)


_HYPHEN_AFTER_EXTENSION = regex(
    r"^([^?#]*/[^/?#]*\.(?:pdf|html?|php|aspx?|jsp|docx?|xlsx?|pptx?|txt|csv|xml|json|zip|ps))-+$",
    re.IGNORECASE,
)
# A DOI whose suffix is all digits, then a capitalised word glued on by extraction (funder
# DOIs in an article's funding list: "10.13039/501100001711Swiss National Science …").
_DIGITS_THEN_WORD = regex(r"doi\.org/10\.\d{4,9}/\d+(?=[A-Z][a-z]{2})")


# A page's link and its visible text are one URL, repaired once; the cache holds a whole
# large document's URLs (7,000 and more): build_document repairs every note's written URLs,
# then its links, so a smaller cache was emptied before the links came (no hit at all).
@lru_cache(maxsize=16384)
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


# Where a _START match can begin, found by cheap scans: at "www", at "doi.org/" (or the "dx."
# before it), and at the "." before a top-level domain and a slash (the host before it is
# walked back over). A scheme's match begins three to six characters before its colon.
_WWW_AT = regex(r"(?i)w(?=ww)")
_DOI_AT = regex(r"(?i)d(?=oi\.org/)")
_TLD_AT = regex(rf"(?i)\.(?={_TLDS}/)")
# Every character the case-insensitive [a-z0-9.-] of a bare host matches (the last four fold
# to "i", "i", "s" and "k").
_HOST_CHARACTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-\u0130\u0131\u017f\u212a"
)


def _start_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_START.finditer(text)``, found by trying ``_START`` only where one can
    begin: three times faster than letting it try every position of a long note.

    A bare host's match begins where the run of host characters before its ".org/" does (a
    match inside the run has a host character before it, which the pattern forbids). After an
    empty match (a bare host's lookahead) the next is looked for one character on, as
    ``finditer`` does: no other alternative can match where a bare host's did.
    """
    candidates: set[int] = set()
    colon = text.find(":")
    while colon != -1:
        candidates.update(range(max(0, colon - 6), max(0, colon - 2)))
        colon = text.find(":", colon + 1)
    slashes = text.find("//")  # "http//www.x.org": a scheme that lost its colon
    while slashes != -1:
        if text[slashes - 1 : slashes] in ("p", "s", "P", "S"):
            candidates.update((max(0, slashes - 5), max(0, slashes - 4)))
        slashes = text.find("//", slashes + 1)
    # A text without "www" or "doi.org/" (most notes) needs no scan for them. Only "W" folds to
    # "w"; but the patterns' case folding also reads "ı" as "i", so beyond ASCII only the
    # ".org/" of a DOI's host is looked for.
    lower = text.lower()
    if "www" in lower:
        candidates.update(found.start() for found in _WWW_AT.finditer(text))
    if ("doi.org/" if text.isascii() else ".org/") in lower:
        for found in _DOI_AT.finditer(text):
            candidates.add(found.start())
            candidates.add(max(0, found.start() - 3))  # "dx.doi.org/"
    if "/" in text:  # a bare host is followed by its path
        for found in _TLD_AT.finditer(text):
            begin = found.start()
            while begin > 0 and text[begin - 1] in _HOST_CHARACTERS:
                begin -= 1
            candidates.add(begin)
    after = 0
    for position in sorted(candidates):
        if position < after:
            continue
        match = _START.match(text, position)
        if match is not None:
            yield match
            after = match.end() if match.end() > position else position + 1


def _rejoined(text: str, raw: str, end: int, breaks: int) -> tuple[str, int]:
    """The URL ``raw`` (written up to ``end``) with what a wrap or a stray space broke off it,
    at most ``breaks`` times (one broken more often is not one URL), and a SICI's tail: the URL
    as written and where it ends."""
    for _ in range(breaks):
        joined = _continue(text, end, raw)
        if joined is None:
            lost = _LOST_UNDERSCORE.match(text, end) if _has_path(raw) else None
            if lost is None or not raw[-1:].isalnum():
                break
            # "…/xpl/freeabs all.jsp?arnumber=…", "…/article-p111 001.xml": a single space
            # inside a path, before a file name with its extension, is an underscore the
            # extraction lost (a font's or TeX's drawn "_"): no prose names a file so.
            raw, end = raw + "_" + lost.group(1), lost.end()
            continue
        if raw.endswith("/") and text[end:end + 1] == "\u00a0" and text[end + 1:end + 2].isalpha():
            # "http://www.eskimo.com/\u00a0weidai/pipenet.txt": TeX's "~" is its tie, a
            # non-breaking space, and a converter (TtH, LaTeX2HTML) prints it so; a home
            # directory's "/~weidai/" is the one place a URL has one right after a "/".
            raw, end = raw + "~" + text[end + 1:joined], joined
            continue
        raw, end = raw + text[end:joined], joined
    sici = _SICI_TAIL.match(text, end) if "(SICI)" in raw else None
    if sici is not None:  # "doi:10.1002/(SICI)…19:4<377::AID-JCC1>3.0.CO;2-P": its brackets
        raw, end = raw + sici.group(), sici.end()  # are the SICI's own, not the prose's
    return raw, end


# A single space, then a file name (lower-case or digits, an extension, perhaps a query): the
# rest of a path whose "_" extraction printed as a space.
_LOST_UNDERSCORE = regex(
    r" ([a-z0-9][a-z0-9.-]*\.(?:s?html?|php\d?|aspx?|jspx?|cfm|pdf|xml|json)"
    r"(?:[?#][^\s<>\"]*)?)(?=[\s.,;:)\]]|$)")


def _has_path(url: str) -> bool:
    return "/" in url.split("://", 1)[-1].rstrip("/")


def url_spans(text: str) -> list[tuple[int, int, str]]:
    """Every URL and DOI in ``text`` as (start, end, repaired URL), in text order."""
    found: list[tuple[int, int, str]] = []
    n = len(text)
    pos = 0
    if "://" not in text and _BARE_START.search(text) is None:
        starts: Iterable[re.Match[str]] = ()
    else:
        starts = _start_matches(text)
    for match in starts:
        start = match.start()
        if start < pos:
            continue
        end = _scan(text, match.end(), n)
        raw = text[start:end]
        if start and text[start - 1] == "<":
            end = _angle_end(text, end)
            raw = text[start:end]
        raw, end = _rejoined(text, raw, end, 64)
        url = repair_url(raw)
        pos = end
        if raw.startswith("Www.") and not _has_path(url):
            continue  # "“Title” Www.foreignaffairs.com. September 23, 2021.": Zotero's site name
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
        raw, end = _rejoined(text, text[begin:end], end, 16)
        doi = _trim("".join(raw.split()))
        if _BARE_DOI.match(doi):
            # Through repair_url like every other URL, so extraction is already a fixed point.
            dois.append((match.start(), end, repair_url(DOI_BASE + doi)))
    return sorted(found + dois)


def prose_url_spans(text: str) -> list[tuple[int, int, str]]:
    """:func:`url_spans` of a document's running text, with the hosts it names alone
    (:data:`_HOST_ALONE`) read as https:// addresses, in text order.

    In the body a host is an address given to the reader ("… (smarts.waterboards.ca.gov, last
    accessed 31 July 2017)"); in a citation it is mostly the site's name ("“State of the Union
    Address”. history.house.gov. Retrieved …", the page's own link lost), so notes keep to
    :func:`url_spans`.
    """
    # Substring tests first: a body is mostly paragraphs without an address, and even
    # url_spans's own pattern test costs a 2 MB document's 10,000 paragraphs 60 ms.
    found = url_spans(text) if (
        "://" in text or "www." in text or "10." in text or ("/" in text and "." in text)
    ) else []
    hosts: list[tuple[int, int, str]] = []
    starts = [start for start, _, _ in found]
    for end_match in _HOST_ALONE_END.finditer(text):
        end = end_match.end()
        begin = end_match.start()
        while begin > 0 and text[begin - 1] in _LOWER_HOST_CHARACTERS:
            begin -= 1
        if begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in "@/:_\\"):
            continue  # inside a word, an address or a path
        if _HOST_ALONE.fullmatch(text, begin, end) is None or in_spans(found, starts, begin):
            continue
        hosts.append((begin, end, "https://" + text[begin:end]))
    return sorted(found + hosts) if hosts else found


_ANGLE_WRAP = regex(r"(?:[ \t]*\n[ \t]*[^\s<>\"]+){1,4}(?=>)")


def _angle_end(text: str, end: int) -> int:
    """Where a URL in angle brackets ends: at its ">", across up to four line wraps
    (``<http://web.archive.org/web/`` / ``20020803110822/http://…>``; RFC 3986, appendix C:
    the brackets delimit it, whitespace inside is not part of it)."""
    if text.startswith(">", end):
        return end
    wrapped = _ANGLE_WRAP.match(text, end)
    return wrapped.end() if wrapped is not None else end


def _has_host(url: str) -> bool:
    scheme = _SCHEME.match(url)
    rest = url[scheme.end() :] if scheme else url
    host = _PATH_START.split(rest, maxsplit=1)[0]
    return bool(host.strip(".:@"))


def extract_urls(text: str) -> list[str]:
    """The URLs cited in a note's text, repaired, deduplicated, in order of appearance.

    A DOI is one source however it is spelled; its first spelling is kept.
    """
    found: dict[str, str] = {}
    for _, _, url in url_spans(text):
        found.setdefault(doi_of(url) or url, url)
    return list(found.values())


def find_doi(text: str) -> str | None:
    """The first DOI the text cites (``10.1000/xyz``), in any of its spellings, or None."""
    for _, _, url in url_spans(text):
        doi = doi_of(url)
        if doi is not None:
            return doi
    return None


def doi_of(url: str) -> str | None:
    """The DOI a doi.org URL names, escapes decoded (``…10.1371%2Fj`` → ``10.1371/j``,
    ``%2802%29`` → ``(02)``)."""
    if url.startswith(DOI_BASE):
        doi = url[len(DOI_BASE) :]
    else:
        found = _DOI_IN_URL.match(url) if "doi.org/" in url else None
        if found is None:
            return None
        doi = found.group(1)
    return unquote(doi) if "%" in doi else doi


def url_identity(url: str) -> str:
    """What makes two spellings one source: the DOI; else the address without its scheme and
    ``www.`` (a link shown as ``ijc.org/en/x`` is its ``href``, ``https://www.ijc.org/en/x``);
    an empty query (``…/x?``) is none."""
    doi = doi_of(url)
    if doi is not None:
        return doi.lower()
    rest = url.split("://", 1)[-1]
    host, _, path = rest.partition("/")
    return f"{host.lower().removeprefix('www.')}/{path.removesuffix('?')}".rstrip("/")


def scheme_added(written: str) -> bool:
    """Whether a URL as written lacks its scheme (``www.example.org/x``), so one was added."""
    head = written.lstrip("<([").lower()
    return not head.startswith(("http://", "https://", "ftp://", "doi", "10.", "dx.doi")) and (
        head.startswith("www.") or _BARE_HOST.match(head) is not None
        or _HOST_ALONE.fullmatch(head.strip()) is not None
    )


_EMAIL = regex(r"(?i)^(?:mailto:.*|[\w.%+-]+@(?:[a-z0-9-]+\.)+[a-z]{2,})$", re.DOTALL)


def is_email_address(target: str) -> bool:
    """Whether a link target is an e-mail address (``mailto:x@y.org``, or ``x@y.org`` written
    in ``\\url{}``): a mailbox, never a web page to check."""
    return _EMAIL.match(target.strip()) is not None


def web_address(written: str) -> str:
    """A link target that markup declares a URL (LaTeX ``\\url{example.com}``), with ``https://``
    when it is a bare host (``www.x.org``, ``example.com``, ``example.com/a``, a country's
    ``shahr.ir/x3F3`` with a path); else unchanged.

    Prose needs a path to tell ``example.org/x`` from a word (:func:`scheme_added`); a markup
    target is an address by the writer's own word, so a host alone is enough. A scheme-relative
    ``//www.x.org/a`` (a page's "same scheme as me", meaningless outside it) gets ``https:``.
    """
    if written.startswith("//") and written[2:3].isalnum():
        host = _PATH_START.split(written[2:], 1)[0]
        return "https:" + written if _WWW.match(host) or _BARE_HOST.match(host + "/") \
            else written
    if _SCHEME.match(written) or ":" in written or not written[:1].isalnum():
        return written
    host = _PATH_START.split(written, 1)[0]
    if _WWW.match(host) or _BARE_HOST.match(host + "/") or (
            written[len(host):len(host) + 1] == "/" and _COUNTRY_HOST.match(host)):
        return "https://" + written
    return written
