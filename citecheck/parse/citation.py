"""Reading the bibliographic fields of one note: authors, title, container, dates, DOI.

Notes are written by people, in Chicago, MLA, APA, Harvard or no style at all, so this is a
reader of likely shapes, not a grammar. The shapes, in the order they are tried:

* a quoted title (“…”, "…", ‘…’): authors before it, container and date after it
  (``Fornof, Emily and Emily Cole. “Five Things…,” United States Institute of Peace, August 27,
  2020.``);
* author–year (``Turing, A. M. 1936. On computable numbers… Proceedings…``, APA's
  ``Turing, A. M. (1936).``);
* a comma list (``John Smith, The Book Title (New York: Penguin, 2010), 23.``,
  ``Smith, Short Title, 45.``).

Any field that cannot be read is left empty; nothing here raises.
"""

from __future__ import annotations

import re

from citecheck.models import Citation
from citecheck.parse.sentences import split_sentences
from citecheck.parse.urls import find_doi, url_spans

__all__ = ["YEAR", "parse_citation", "split_authors", "surname"]

_WS = re.compile(r"\s+")
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{YEAR}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+{YEAR}"
    rf"|{YEAR}-\d\d-\d\d"
    rf"|(?:{_MONTH}|Spring|Summer|Fall|Autumn|Winter),?\s+{YEAR})(?!\d)"
)
_BARE_YEAR = re.compile(rf"(?<![\d/.-]){YEAR}[a-z]?(?![\d/-])")
_ACCESSED = re.compile(
    r"(?i)[\[(]?\b(?:last\s+)?(?:accessed|retrieved|viewed|consulted|visited|downloaded)"
    r"(?:\s+on)?\s*:?\s*(?P<date>" + _DATE.pattern[2:] + r")[\])]?(?:,?\s*from\b)?",
)
_QUOTES = (("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"), ("«", "»"))
_TITLE_TRAILING = ",.;: "
_LEADING_CUE = re.compile(r"(?i)^(?:see\s+also|see|cf\.?|compare|quoted\s+in|as\s+cited\s+in)\s+")
_AUTHOR_YEAR = re.compile(
    rf"^(?P<authors>[^\d“”\"():]{{2,160}}?),?\s+\(?(?P<year>{YEAR}[a-z]?|n\.\s?d\.)\)?[.,:]?"
    r"(?:\s+(?P<rest>.*))?$"
)
_LOCATOR = re.compile(
    r"(?i)(?:(?:pp?|at|n|nn|note|para|ch|sec)\.?\s*)?[\dxivlc]+(?:\s*[-–,]\s*\d+)*\.?"
)
_INITIALS = re.compile(r"^(?:[A-Z]\.?[ -]?){1,4}$")
_PARTICLES = frozenset(
    {
        "le", "la", "de", "del", "della", "der", "den", "di", "du", "da", "van", "von", "dos",
        "das", "al", "el", "bin", "ibn", "st", "st.", "mac", "ter", "ten",
    }
)  # fmt: skip
_ETAL = re.compile(r"(?i),?\s*\bet\s+al\.?$")
_EDITORS = re.compile(r"(?i),?\s*\(?\b(?:eds?|editors?|trans|comp)\.?\)?$")
_AUTHOR_SPLIT = re.compile(r"\s*;\s*|\s*,?\s+(?:and|&)\s+|\s*,?\s*&\s*")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w’'.-]*|[A-Z]\.|[a-z]{1,3}|\d+(?:/\d+)*)$")


def parse_citation(text: str) -> Citation:
    """The citation fields written in one note's text (any field may come back empty)."""
    text = _WS.sub(" ", text).strip()
    doi = find_doi(text)
    body = _without_urls(text)
    accessed = None
    found = _ACCESSED.search(body)
    if found:
        accessed = found.group("date")
        body = (body[: found.start()] + body[found.end() :]).strip()
    body = _LEADING_CUE.sub("", body)

    title = _quoted_title(body)
    if title is not None:
        start, end, title_text = title
        before, after = body[:start], body[end:]
        authors = split_authors(_last_clause(before))
        container = _container(after)
        date = _date(after) or _date(before)
        return Citation(authors, title_text or None, container, date, accessed, doi)

    year_first = _AUTHOR_YEAR.match(body)
    if year_first and _name_like(year_first.group("authors")):
        rest = year_first.group("rest") or ""
        title_text, after = _first_sentence(rest)
        if _LOCATOR.fullmatch(title_text):
            title_text, after = "", rest  # "Turing 1936, p. 230": a page, not a title
        return Citation(
            split_authors(year_first.group("authors")),
            title_text or None,
            _container(after),
            _date(rest) or year_first.group("year"),
            accessed,
            doi,
        )

    return _comma_list(body, accessed, doi)


def _without_urls(text: str) -> str:
    """The text with its URLs and DOIs cut out (they are read separately)."""
    pieces: list[str] = []
    last = 0
    for start, end, _ in url_spans(text):
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    cut = _WS.sub(" ", " ".join(pieces)).strip()
    # "… 2015. doi: ." or "Available at: ." leave debris behind.
    cut = re.sub(
        r"(?i)\b(?:available\s+(?:at|from|online)|url|doi|online|web)\s*:?\s*[.,]?\s*$", "", cut
    )
    return cut.strip()


def _quoted_title(text: str) -> tuple[int, int, str] | None:
    """The first quoted title: (start of the opening quote, end of the closing one, title)."""
    best: tuple[int, int, str] | None = None
    for opening, closing in _QUOTES:
        start = text.find(opening)
        while start != -1:
            if opening in "'‘" and start > 0 and text[start - 1].isalnum():
                # An apostrophe ("Mali’s", "don't") opens nothing.
                start = text.find(opening, start + 1)
                continue
            close = _closing(text, start + 1, closing)
            if close == -1:
                break
            inner = text[start + 1 : close].strip().rstrip(_TITLE_TRAILING).strip()
            if len(inner) >= 2 and any(ch.isalpha() for ch in inner):
                if best is None or start < best[0]:
                    best = (start, close + 1, inner)
                break
            start = text.find(opening, close + 1)
        if best is not None and opening == "“":
            break
    return best


def _closing(text: str, begin: int, closing: str) -> int:
    """The index of the quote that closes a title opened before ``begin``, or -1."""
    i = text.find(closing, begin)
    while i != -1 and closing in "'’" and i + 1 < len(text) and text[i + 1].isalnum():
        # "Mali’s" inside ‘…’: an apostrophe, not the closing quote.
        i = text.find(closing, i + 1)
    return i


def _last_clause(text: str) -> str:
    """The part of ``text`` right before a title: the last sentence, without cue words.

    A short form can sit at the end of a comment ("…close ties to the military. Maclean,
    “Mali Appoints…”"): only "Maclean" names the author.
    """
    text = text.strip()
    if not text:
        return ""
    spans = split_sentences(text)
    if len(spans) > 1:
        text = text[spans[-1][0] : spans[-1][1]]
    text = _LEADING_CUE.sub("", text.strip())
    text = re.sub(r"(?i)[,.]?\s*\bin\s*:?$", "", text)  # "…,” in Book" shapes
    return text.strip()


def split_authors(text: str) -> tuple[str, ...]:
    """Author names from the text before a title, split the way the style wrote them.

    ``"Fornof, Emily and Emily Cole"`` → ``("Fornof, Emily", "Emily Cole")``;
    ``"Smith, J., Jones, K. L., & Lee, M."`` → three inverted names;
    an institution (``"U.N."``, ``"Security Council"``) is one author.
    """
    text = text.strip().strip(",;:").strip()
    text = _ETAL.sub("", text)
    text = _EDITORS.sub("", text).strip().strip(",;:").strip()
    if text.endswith(".") and not re.search(r"(?:^|[\s.])[A-Za-z]\.$", text):
        text = text[:-1].rstrip()
    if not text or len(text) > 200:
        return ()
    authors: list[str] = []
    parts = [p for p in _AUTHOR_SPLIT.split(text) if p and p.strip(" ,")]
    for number, part in enumerate(parts):
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        j = 0
        while j < len(pieces):
            piece = pieces[j]
            following = pieces[j + 1] if j + 1 < len(pieces) else None
            if following is not None and (
                _INITIALS.match(following)
                or (number == 0 and j == 0 and _surname_like(piece) and _given_like(following))
            ):
                authors.append(f"{piece}, {following}")
                j += 2
            else:
                authors.append(piece)
                j += 1
    return tuple(a for a in authors if any(ch.isalpha() for ch in a))


def _surname_like(piece: str) -> bool:
    words = piece.split()
    return bool(words) and all(w.lower() in _PARTICLES for w in words[:-1])


def _given_like(piece: str) -> bool:
    words = piece.split()
    return (
        0 < len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not any(ch.isdigit() for ch in piece)
    )


def surname(author: str) -> str:
    """The family name of one author as written (``"Fornof, Emily"`` and ``"Emily Fornof"``
    both give ``"Fornof"``); an institution gives its whole name."""
    author = author.strip()
    if "," in author:
        return author.split(",", 1)[0].strip()
    words = author.split()
    if not words:
        return ""
    if len(words) > 1 and _INITIALS.match(words[-1]):
        return words[0]  # "Turing A. M." style
    return words[-1]


def _container(after: str) -> str | None:
    """The publisher, site or journal: what follows the title up to its first delimiter."""
    after = after.strip().lstrip(",.;: ").strip()
    after = re.sub(r"(?i)^in\s*:?\s+", "", after)
    if not after:
        return None
    end = len(after)
    for match in re.finditer(r"[,;(\[]|\.(?=\s|$)", after):
        if match.group() == ".":
            word = after[: match.start()].rsplit(" ", 1)[-1]
            if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", word):
                continue  # "U.S. News", "J. Econ."
        end = match.start()
        break
    container = after[:end].strip().strip("“”\"'‘’").strip()
    if (
        not container
        or not any(ch.isalpha() for ch in container)
        or _DATE.fullmatch(container)
        or re.fullmatch(r"(?i)(?:pp?\.?|no\.?|vol\.?)?\s*[\d–-]+", container)
        or len(container) > 120
    ):
        return None
    return container


def _date(text: str) -> str | None:
    """The first publication date written in ``text``: a full date, else a bare year."""
    found = _DATE.search(text)
    if found:
        return _WS.sub(" ", found.group())
    year = _BARE_YEAR.search(text)
    return year.group() if year else None


def _first_sentence(text: str) -> tuple[str, str]:
    """Split author–year remainder into its title (first sentence) and what follows."""
    spans = split_sentences(text)
    if not spans:
        return "", ""
    start, end = spans[0]
    title = text[start:end].strip().strip("“”\"'").rstrip(_TITLE_TRAILING).strip()
    return title, text[end:]


def _name_like(text: str) -> bool:
    """Whether ``text`` reads as author names (capitalised words, initials, particles)."""
    text = _ETAL.sub("", text.strip().strip(",.;:")).strip()
    words = [w.strip(",;:()") for w in text.replace("&", " ").split()]
    words = [w for w in words if w and w.lower() != "and"]
    return 0 < len(words) <= 16 and all(_NAME_WORD.match(w) for w in words)


def _comma_list(body: str, accessed: str | None, doi: str | None) -> Citation:
    """Unquoted: ``Author, Title (Place: Publisher, Year), page.`` or ``Author, Title, 4.``"""
    if not body:
        return Citation(accessed=accessed, doi=doi)
    pieces = [p.strip() for p in re.split(r",\s+|\.\s+(?=[A-Z])", body) if p.strip()]
    date = _date(body)
    if len(pieces) >= 2 and _name_like(pieces[0]) and not _DATE.fullmatch(pieces[0]):
        authors = split_authors(pieces[0])
        rest = body[len(body.split(pieces[0], 1)[0]) + len(pieces[0]) :].lstrip(",. ")
        title_match = re.match(r"([^(,.]+)", rest)
        title = title_match.group(1).strip() if title_match else None
        if title and (
            title.isdigit() or _DATE.fullmatch(title) or re.fullmatch(r"\d[\d–-]*", title)
        ):
            title = None
        publisher = re.search(r"\(([^():]+:\s*)?([^(),]+),", rest)
        container = publisher.group(2).strip() if publisher else None
        return Citation(authors, title, container, date, accessed, doi)
    return Citation(date=date, accessed=accessed, doi=doi)
