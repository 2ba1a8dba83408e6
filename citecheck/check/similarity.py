"""Text comparison for classification: word-shingle similarity and cited-title matching.

Two questions are answered here, both without any I/O:

* Are two page texts near-identical? (:func:`shingle_similarity`, used by the soft-404 probe.)
* Does a page still show the work a note cites? (:func:`title_matches`, used for drift.)

Titles are compared as sets of *content words* (stopwords removed), with a forgiving per-word
match (``spiraling``/``spiralling``, ``Mali``/``Mali's``/``Malian``), because a citation's title
is typed by a person and a page's title is decorated by a CMS ("… | Al Jazeera").
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TypeVar

from rapidfuzz import fuzz

__all__ = [
    "content_words",
    "normalize_title",
    "plain_text",
    "shingle_similarity",
    "text_mentions",
    "title_matches",
    "words",
]

_WORD = re.compile(r"\w+")

# Mapped before anything else so that "Title – Site" splits like "Title - Site".
_PLAIN = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "–": "-",
        "—": "-",
        "‒": "-",
        "―": "-",
        "−": "-",
        "‐": "-",
        "‑": "-",
        "\u00a0": " ",
        "\u200b": "",
    }
)

# Separators that (almost) only ever join a page title and a site name.
_STRONG_SEP = re.compile(r"\s*\|\s*|\s*::\s*|\s+[·•»«~]\s+")
# Separators that also occur inside real titles ("Mali - a country in crisis").
_WEAK_SEP = re.compile(r"\s+-+\s+")
_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)*\.[a-z]{2,6}$", re.IGNORECASE)
_ACRONYM_DOTS = re.compile(r"\b(?:\w\.){2,}")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_NON_WORD = re.compile(r"[\W_]+")


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that may sit uncapitalised inside a site name ("Institute of Peace").
_NAME_GLUE = _wordset("of the and for de la le du des del di in on at a an & y et und")

_STOPWORDS = _wordset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not of off on once only or other our ours out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself s t d ll re ve m
    le la les un une des du de et en au aux pour par sur dans est
    el los las una del y por para con
    der die das den dem des ein eine und im zu mit von fur
    il lo gli di e
    """
)

# Page titles that say nothing about the page: never evidence for or against drift.
_GENERIC_TITLES = frozenset(
    """
    home|homepage|home page|welcome|index|untitled|untitled document|default|main page|start|
    start page|news|blog|page|document|loading|redirecting|redirect|please wait|moved|
    object moved|document moved|404|error|not found|sign in|log in|login|search|search results|
    accueil|inicio|startseite|pagina principal|main|site|website|portal|web page|webpage|article
    """.replace("\n", "").split("|")
)

# Words that decorate a site's name in its own <title>: "CNN International", "BBC News".
_SITE_WORDS = _wordset(
    "news international online official site website home homepage global edition magazine"
    " journal daily media group blog web the com org"
)


def words(text: str) -> list[str]:
    """The case-folded word tokens of ``text`` (letters, digits, underscores)."""
    return _WORD.findall(text.casefold())


def _shingles(tokens: Sequence[str], k: int) -> set[tuple[str, ...]]:
    if not tokens:
        return set()
    if len(tokens) < k:
        # A text shorter than one shingle is its own single shingle, so short texts compare.
        return {tuple(tokens)}
    return set(zip(*(tokens[i:] for i in range(k)), strict=False))


def shingle_similarity(a: str, b: str, k: int = 3) -> float:
    """Jaccard similarity (0..1) of the sets of ``k``-word shingles of two texts.

    Case and punctuation are ignored. Two texts without any word are identical (1.0); a text
    without words and one with words share nothing (0.0).
    """
    if k < 1:
        raise ValueError(f"shingle size must be at least 1, got {k}")
    sa = _shingles(words(a), k)
    sb = _shingles(words(b), k)
    if not sa and not sb:
        return 1.0
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


#: Titles and short texts are folded again and again while one link is classified (each rule
#: asks); remembering the short ones saves a third of classification. Long page texts are not
#: kept: a run's pages would pile up in memory.
_SHORT = 512
_T = TypeVar("_T")


def _short_cached(function: Callable[[str], _T]) -> Callable[[str], _T]:
    cached = lru_cache(maxsize=8192)(function)

    def lookup(text: str) -> _T:
        return cached(text) if len(text) <= _SHORT else function(text)

    lookup.__doc__ = function.__doc__
    lookup.__name__ = function.__name__
    lookup.__wrapped__ = function  # type: ignore[attr-defined]  # the uncached function
    return lookup


@_short_cached
def _fold(text: str) -> str:
    """Unescape entities, plain quotes/dashes, NFKC, and drop accents on Latin letters only."""
    if "&" in text:
        text = html.unescape(text)
    if text.isascii():  # most titles: NFKC keeps ASCII as it is, and one ASCII mark is mapped
        return text.replace("`", "'") if "`" in text else text
    text = unicodedata.normalize("NFKC", text).translate(_PLAIN)
    if text.isascii():
        return text
    out: list[str] = []
    for ch in unicodedata.normalize("NFKD", text):
        # Accents are dropped only after a Latin base letter: removing the combining marks of
        # other scripts (Japanese dakuten, Devanagari vowel signs) would change the word itself.
        if unicodedata.category(ch) == "Mn" and out and out[-1] < "\u0250":
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


@_short_cached
def _plain_words(text: str) -> str:
    """Case-fold and reduce to words separated by single spaces (no site-name handling)."""
    # Each substitution only where its character occurs: most titles have neither.
    if "." in text:
        text = _ACRONYM_DOTS.sub(lambda m: m.group(0).replace(".", ""), text)  # "U.N." -> "UN"
    text = text.casefold()
    if "'" in text:
        text = _APOSTROPHE.sub("", text)  # "Mali's" -> "malis", "don't" -> "dont"
    return _NON_WORD.sub(" ", text).strip()


def _word_count(part: str) -> int:
    return len(_WORD.findall(part))


def _looks_like_name(part: str) -> bool:
    """Whether a title fragment reads like a site name: "CNN.com", "BBC News", "Al Jazeera"."""
    tokens = part.split()
    if not tokens or len(tokens) > 4:
        return False
    if any(_DOMAIN.match(t) for t in tokens):
        return True
    capitalised = False
    for token in tokens:
        first = token[0]
        if first.isupper() or first.isdigit():
            capitalised = True
        elif token.lower() not in _NAME_GLUE:
            return False
    return capitalised


def _is_site_prefix(part: str) -> bool:
    """A short leading fragment that is clearly a brand: "CNN", "UN News", "CNN.com"."""
    tokens = part.split()
    if not tokens or len(tokens) > 3:
        return False
    return any(_DOMAIN.match(t) or (len(t) >= 2 and t.isupper()) for t in tokens)


def _strip_site(title: str) -> str:
    """Remove "| Site", "- Site", ":: Site" decorations (and a "Site | " brand prefix)."""
    for _ in range(4):
        parts = [p for p in (s.strip() for s in _STRONG_SEP.split(title)) if p]
        if len(parts) >= 2:
            first, last = parts[0], parts[-1]
            if _is_site_prefix(first) and _word_count(last) >= 4:
                title = " | ".join(parts[1:])
                continue
            if _word_count(last) <= 6:
                title = " | ".join(parts[:-1])
                continue
            return title
        pieces = _WEAK_SEP.split(title)
        if len(pieces) >= 2:
            head, tail = " - ".join(pieces[:-1]).strip(), pieces[-1].strip()
            if head and _looks_like_name(tail):
                title = head
                continue
            first, rest = pieces[0].strip(), " - ".join(pieces[1:]).strip()
            if _is_site_prefix(first) and _word_count(rest) >= 4:
                title = rest
                continue
        return title
    return title


@_short_cached
def normalize_title(s: str) -> str:
    """A title reduced for comparison: folded, plain, unpunctuated, without the site name.

    ``"Mali coup explained | Politico"`` → ``"mali coup explained"``; ``"… – Site Name"``,
    ``"… - CNN"``, ``"… :: Site"`` and a short brand prefix (``"CNN | …"``) are removed too.
    A title that is nothing but decoration is kept rather than emptied.
    """
    folded = " ".join(_fold(s).split())
    stripped = _plain_words(_strip_site(folded))
    return stripped or _plain_words(folded)


def plain_text(s: str) -> str:
    """Text folded like :func:`normalize_title` (case, accents, quotes, punctuation), kept whole."""
    return _plain_words(" ".join(_fold(s).split()))


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def content_words(s: str) -> list[str]:
    """The distinct content words of a title or text, in order (stopwords removed)."""
    return list(_words_of(s))


@_short_cached
def _words_of(s: str) -> tuple[str, ...]:
    """:func:`content_words`, remembered for titles (asked of each title several times)."""
    seen: dict[str, None] = {}
    for word in plain_text(s).split():
        if word in _STOPWORDS or (len(word) == 1 and not word.isdigit()):
            continue
        seen.setdefault(word, None)
    return tuple(seen)



# Pure, and called for every pair of words of two titles: a run's titles share their words
# (a site's name, a topic's), so most pairs were asked about already. Bounded: a few MB.
@lru_cache(maxsize=65536)
def _same_word(a: str, b: str) -> bool:
    """Forgiving word equality: plurals, possessives, demonyms and one-letter spellings."""
    if a == b:
        return True
    if a.isdigit() or b.isdigit():
        return False
    if _stem(a) == _stem(b):
        return True
    for x, y in ((a, b), (_stem(a), _stem(b))):
        short, long = (x, y) if len(x) <= len(y) else (y, x)
        if len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 3:
            return True  # "mali"/"malian", "malis"/"malian", "know"/"known"
    short = a if len(a) <= len(b) else b
    # "spiraling"/"spiralling" (94.7), "organisation"/"organization" (91.7); "reasons"/"seasons"
    # (85.7) must stay apart, hence 88.
    return len(short) >= 5 and fuzz.ratio(a, b) >= 88


def _count_matched(left: Sequence[str], right: Sequence[str]) -> int:
    exact = set(right)  # most matched words are equal: no pair to compare for them
    return sum(1 for w in left if w in exact or any(_same_word(w, v) for v in right))


def _is_match(cited: Sequence[str], page: Sequence[str]) -> bool:
    """Enough shared words that the page is the cited work."""
    if not cited or not page:
        return False
    in_page = _count_matched(cited, page)  # cited words the page title has
    in_cited = _count_matched(page, cited)  # page words the cited title has
    if in_page == 0:
        return False
    # A short page title that is a subset of a long cited title ("History" + site name vs.
    # "History of MINUSMA"), or a cited title wholly inside the page title.
    if in_cited == len(page) and len(page) >= 2:
        return True
    if in_page == len(cited):
        return True
    dice = (in_page + in_cited) / (len(cited) + len(page))
    # Three shared content words are rarely chance, even on a site about one topic; a rewritten
    # headline ("Mali Appoints New President After Military Coup" → "Mali Appoints Ex-Defense
    # Minister as Interim President After Coup") keeps about that many.
    return dice >= 0.6 or (dice >= 0.5 and in_page >= 3)


@lru_cache(maxsize=1024)
def _site_labels(site: str) -> frozenset[str]:
    labels = {label for label in _NON_WORD.split(site.casefold()) if label}
    return frozenset(labels - {"www", "com", "org", "net", "edu", "gov", "int", "co", "uk", "eu",
                               "io"})


def _is_site_name(page_words: Sequence[str], site: str | None) -> bool:
    """Whether the title is just the site's name, judged against the host name."""
    if not site or not page_words:
        return False
    labels = _site_labels(site)
    if not labels:
        return False
    joined = "".join(page_words)
    acronym = "".join(w[0] for w in page_words)
    if joined in labels or acronym in labels:
        return True
    named = [w for w in page_words if w in labels]
    return bool(named) and all(w in labels or w in _SITE_WORDS for w in page_words)


def _title_verdict(
    cited: Sequence[str], cited_core: Sequence[str], title: str, site: str | None
) -> bool | None:
    stripped_text = normalize_title(title)
    stripped = _words_of(stripped_text)
    full = _words_of(title)
    if not stripped or stripped_text in _GENERIC_TITLES or plain_text(title) in _GENERIC_TITLES:
        return None
    if _is_site_name(stripped, site) or _is_site_name(full, site):
        return None
    if any(_is_match(c, p) for c in (cited, cited_core) for p in (stripped, full)):
        return True
    if len(stripped) < 2:
        return None  # one word ("Mali", "Casino") is as likely a site name as a page title
    in_full = _count_matched(cited, full)
    if in_full == 0:
        return False  # nothing in common, not even with the site name
    in_page = _count_matched(cited, stripped)
    in_cited = _count_matched(stripped, cited)
    dice = (in_page + in_cited) / (len(cited) + len(stripped))
    if len(cited) >= 4 and len(stripped) >= 4 and dice <= 0.2:
        return False  # one shared word among many is what any page on the same topic has
    return None


def title_matches(
    cited: str, page_titles: Sequence[str | None], *, site: str | None = None
) -> bool | None:
    """Whether a page (by its title, og:title, first h1) still shows the cited work.

    True when any page title shares words well above chance with the cited title; False when a
    page title is specific and has nothing in common with it (or only one word among many);
    None when undecidable: no cited words, or only generic titles ("Home", the bare site name
    when ``site``, the host name, is given, a single word). True wins over False, because a
    page's h1 is often a logo or a section name while its <title> names the article.
    """
    return _title_matches(cited, tuple(page_titles), site)


# Pure, and asked twice in a row about one page (whether to probe it, then its verdict).
@lru_cache(maxsize=256)
def _title_matches(
    cited: str, page_titles: tuple[str | None, ...], site: str | None
) -> bool | None:
    cited_words = _words_of(cited)
    if not cited_words:
        return None
    # A citation may copy a page title with its decoration ("Fatalities | UN Peacekeeping").
    core = _words_of(normalize_title(cited)) or cited_words
    mismatch = False
    for title in page_titles:
        if not (title and title.strip()):
            continue
        verdict = _title_verdict(cited_words, core, title, site)
        if verdict is True:  # True wins: the titles after it need not be asked
            return True
        mismatch = mismatch or verdict is False
    return False if mismatch else None


# Where a page names its own subject: its head, not the comments a megabyte further down.
_MENTION_SPAN = 50_000


def text_mentions(cited: str, text: str, *, share: float = 0.6) -> bool:
    """Whether a page's visible text contains most of the cited title's content words.

    A safety net against false drift: a cited title is often the author's own description of
    the page, not its <title>, yet the page's text still names what was cited.
    """
    cited_words = content_words(cited)
    if not cited_words or not text:
        return False
    present = {_stem(w) for w in plain_text(text[:_MENTION_SPAN]).split()}
    found = sum(1 for w in cited_words if _stem(w) in present)
    return found / len(cited_words) >= share
