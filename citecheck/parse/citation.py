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
from collections.abc import Callable, Sequence

from citecheck.models import Citation
from citecheck.parse.authors import _author_block_end, name_like, split_authors, surname
from citecheck.parse.deferred import regex
from citecheck.parse.identified import without_shorthand
from citecheck.parse.names import NAME_WORD
from citecheck.parse.sentences import split_sentences
from citecheck.parse.urls import doi_of, url_spans

__all__ = [
    "YEAR",
    "citation_from",
    "comma_readings",
    "first_citation",
    "is_ibid",
    "name_like",
    "parse_citation",
    "split_authors",
    "surname",
]

# "المرجع نفسه" ("the same reference") is Ibid. in Arabic, as UN documents print it.
_IBID = regex(
    r"(?i)^\W{0,3}(?:see\s+)?(?:ib[ií]d(?:em)?\b\.?|id\.|idem\b|ebd\.|المرجع\s+نفسه)"
)
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_DATE = regex(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{YEAR}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+{YEAR}"
    rf"|{YEAR}-\d\d-\d\d"
    rf"|(?:{_MONTH}|Spring|Summer|Fall|Autumn|Winter),?\s+{YEAR})(?!\d)"
)
_SENTENCE_END = regex(r"[.!?…][”’\"')\]]*\s")
_BARE_YEAR = regex(rf"(?<![\w/.–-]){YEAR}(?!s\b)[a-z]?(?![\d/–-])")  # not in a range
_ACCESSED = regex(
    r"(?i)[\[(]?\b(?:last\s+)?(?:accessed|retrieved|viewed|consulted|visited|downloaded)"
    r"(?:\s+on)?\s*:?\s*(?P<date>" + _DATE.pattern[2:] + r")[\])]?(?:,?\s*from\b)?",
)
_OPENING_QUOTES = "“\"‘'«"
_QUOTES = (("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"), ("«", "»"))
_TITLE_TRAILING = ",.;: "
_LEADING_CUE = regex(
    # German and French papers cue the same way: "Vgl. Schadschneider, A. (2004)", "Siehe …",
    # "Voir …".
    r"(?i)^(?:(?:see\s+also|see|cf\.?|compare|quoted\s+in|as\s+cited\s+in|vgl\.|siehe|voir)"
    r"(?:,?\s*(?:e\.\s?g\.|for\s+example|for\s+instance))?|e\.\s?g\.)[,:]?\s+"
    # "See, e.g., Section 7.3 of …", "See, for example: Ohno, T., 1988 …"
)
_TRAILING_CUE = regex(r"(?i)(?:^|[\s,.;:])(?:see\s+also|see|cf\.?|also)\s*:?$")
_AUTHOR_YEAR = regex(
    rf"^(?P<authors>[^\d“”\"():]{{2,160}}?),?\s+\(?(?P<year>{YEAR}[a-z]?|n\.\s?d\.)"
    r"(?:\)[.,:]?|[.,]|$|(?<=\d)(?=\s+[A-Z]))"  # "Ohno, T., 1988 Toyota Production System"
    r"(?:\s+(?P<rest>.*))?$"
)
_LOCATOR = regex(  # "p. 230", "at 4", and spelt out: "page 3", "chapters 2-4"
    # German "S. 63f" (Seite, and the page after), "S. 12ff.", "Rn. 4"; a statute's "s. 12".
    r"(?i)(?:(?:pp?|at|n|nn|note|para|ch|sec|pages?|chapters?|sections?|paragraphs?|parts?"
    r"|s|rn)"
    # Pages joined by "&" or "and" as by commas: "pp. 151–152, 175 & 200–202".
    r"\.?\s*)?[\dxivlc]+(?:\s*(?:[-–,&]|and(?=\s))\s*\d+)*(?:(?<=\d)\s?ff?(?![\w]))?\.?"
)
# "Devereux, Stephen. 2009. “…”", "Smith (2019) “…”", Wikipedia's "Mustain, Andrea (22 December
# 2011). “…”" and "(December 22, 2011)".
_YEAR_BEFORE_TITLE = regex(
    rf"[.,]?\s*\(?(?:(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}(?:\s+\d{{1,2}})?),?\s+)?"
    rf"(?<!\w)(?P<year>{YEAR}[a-z]?)\)?[.,:]?\s*$"
)
_YEAR_DIGITS = regex(YEAR)  # a cheap test before the year-before-title pattern
_URL_DEBRIS = regex(
    r"(?i)\b(?:available\s+(?:at|from|online)|url|doi|online|web)\s*:?\s*[.,]?\s*$"
)
_URL_DEBRIS_WORDS = ("available", "url", "doi", "online", "web")
_TRAILING_CUE_WORDS = ("see", "cf", "also")
_TRAILING_IN = regex(r"(?i)[,.]?\s*\bin\s*:?$")
_LEADING_IN = regex(r"(?i)^in\s*:?\s+")
_CONTAINER_END = regex(r"[,;(\[]|\.(?=\s|$)")
_ABBREVIATED_WORD = regex(r"(?:[A-Za-z]\.)*[A-Za-z]")
# A pin cite where a title would be: "section 8(a)(2)", "chapter 3", "para. 12", "art. 5",
# "S. 63f".
_LOCATOR_WORD = regex(
    r"(?:sections?|sec\.|§+|chapters?|ch\.|paragraphs?|paras?\.?|parts?|articles?|art\.|annex"
    r"|appendix|tables?|figures?|figs?\.|pp?\.|at|notes?|n\."
    # German pins: "S. 63f" (Seite), "Rn. 12" (Randnummer), "Art. 3", "Abs. 1".
    r"|S\.|Rn\.|Art\.|Abs\.)\s*[\dA-Z]"
)
_PAGES = regex(r"(?i)(?:pp?\.?|no\.?|vol\.?)?\s*[\d–-]+")
# A period after an initial or a title of address ("Dr. Who", "Mrs. Dalloway", "St. Louis") does
# not end a piece: the name runs on.
_PIECES = regex(
    r",\s+|(?<!\b[A-Z])(?<!\bDr)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bSt)(?<!\bProf)\.\s+(?=[A-Z])"
)
_TITLE_PIECE = regex(r"([^(,.]+)")
_NUMBER_RANGE = regex(r"\d[\d–-]*")
_PUBLISHER_PARENS = regex(r"\(([^():]+:\s*)?([^(),]+),\s*([^()]*)\)")
_ACCESS_WORD = regex(r"accessed|retrieved|viewed|consulted|visited|downloaded")
_YEAR_ONLY = regex(rf"(?<!\d){YEAR}(?!\d)")
_DATE_BEFORE_YEAR = regex(
    rf"(?:\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+"
    rf"|\b(?:{_MONTH}|Spring|Summer|Fall|Autumn|Winter),?\s+)$"
)
_ISO_TAIL = regex(r"-\d\d-\d\d(?!\d)")
# The day and month before a year in the numeric dates of German and other European writing:
# "02.05.2025", "1.11.2017".
_DAY_MONTH_BEFORE_YEAR = regex(r"(?<![\d.])(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.$")
_NAME_WORDS = r"[^\W\d_][\w’'.-]*(?:\s+[^\W\d_][\w’'.-]*){0,3}"
# Several authors before a comma-separated title, when the list says so unambiguously: an
# Oxford comma ("Cooke, Johnson, and Sanderson, Militancy…") or "et al." ("Straus, Making and
# Unmaking Nations" stays one author and a title).
_SEVERAL_AUTHORS = regex(
    rf"^(?P<names>{_NAME_WORDS}(?:,\s+{_NAME_WORDS})*?,\s+(?:and|&)\s+{_NAME_WORDS}"
    rf"|{_NAME_WORDS},?\s+et\s+al\.?),\s+"
)
_NEXT_CITATION = regex(
    r";\s+(?:(?:[Ss]ee(?:\s+also)?|[Cc]f\.?|[Cc]ompare|[Aa]lso)\s"
    rf"|{NAME_WORD}(?:\s+(?:and|&)\s+{NAME_WORD}|\s+et\s+al\.?)?,?\s+\(?{YEAR}[a-z]?\b"
    # A short form with its quoted title: "…; Kang, “Wonders of Mathematical Magic”; …".
    rf"|{NAME_WORD}(?:\s+(?:and|&)\s+{NAME_WORD}|\s+et\s+al\.?)?,\s+[“\"‘])"
)
# An editor's remark on the quotation that opens a note before its citation: "Emphasis in
# original. Lev Manovich, Software Takes Command (…, 2013), 15.", "My translation. …".
_EDITORIAL_REMARK = regex(
    r"^(?:(?:Emphasis|Italics)\s+(?:in\s+(?:the\s+)?original|added|mine|removed|omitted)"
    r"|(?:My|Our)\s+translation|Translation\s+(?:mine|my\s+own|ours))\.\s+(?=[A-Z“\"‘])"
)
# ("Ramon Lobato and James Meese, eds., Geoblocking …": Chicago's note sets the role off too.)
_EDITOR_ROLE = regex(r"^([^,;“\"]{2,60}),\s+eds?\.,?\s+(?=[A-Z“\"‘])")
# A bracket holding text in another script and no Latin letter: a translation or original.
_TRANSLATION = regex(r"\s*\[(?=[^\]]*[^\x00-\x7f])[^\]A-Za-z]*\]")
_GLUED_QUOTE = regex(r"(?<=\w)([,;:])(?=[“‘]\w)")
_GLUED_PAIRS = (",“", ";“", ":“", ",‘", ";‘", ":‘")  # what every _GLUED_QUOTE match holds
_OP_CIT_WORDS = regex(r"(?i)(?:op|loc)\.?\s*cit\b|ibid|supra")


def is_ibid(text: str) -> bool:
    """Whether a note's text is an Ibid. (``Ibid.``, ``ibid. 23``, ``Ibid., p. 4``, ``Id.``)."""
    return _IBID.match(text) is not None


def parse_citation(text: str) -> Citation:
    """The citation fields written in one note's text (any field may come back empty)."""
    return citation_from(text, url_spans(text))


def citation_from(text: str, spans: Sequence[tuple[int, int, str]]) -> Citation:
    """:func:`parse_citation` for a caller that already has the text's :func:`url_spans`."""
    if is_ibid(text.lstrip()) and not spans:
        return Citation()  # "Ibid., 14." names no fields of its own
    doi = next((named for _, _, url in spans if (named := doi_of(url)) is not None), None)
    body, accessed = _cited_body(text, spans)
    for _, style in _STYLES:
        found = style(body, accessed, doi)
        if found is not None:
            return found
    return _comma_list(body, accessed, doi)


def _cited_body(text: str, spans: Sequence[tuple[int, int, str]]) -> tuple[str, str | None]:
    """The citation a note's text holds, without its URLs, access date, leading cue ("See"),
    shorthand, other citations and editor's role; and the access date."""
    body = _without_urls(text, spans)
    accessed = None
    lower = body.lower()
    word = _ACCESS_WORD.search(lower)  # a literal search of lower-cased text: 5x faster
    found = None
    if word is not None:
        # "[last accessed …": a match starts at most a bracket and "last " before the word.
        begin = word.start() - 8 if len(lower) == len(body) else 0
        found = _ACCESSED.search(body, max(0, begin))
    if found:
        accessed = found.group("date")
        body = (body[: found.start()] + body[found.end() :]).strip()
    body = _LEADING_CUE.sub("", without_shorthand(body))
    if body[:1] in "EeIiMmTtOo":
        body = _EDITORIAL_REMARK.sub("", body, count=1)
    body = first_citation(body)
    if "See" in body or "Cf" in body:
        body = _cited_after_remark(body)
    if ", ed" in body:
        # "James Acton, ed. Entanglement (…, 2017)": the role is not the title.
        body = _EDITOR_ROLE.sub(r"\1, ", body, count=1)
    return body, accessed


# The words that date a sentence's opening ("In 1987, …", "By 2020, …"), never an author.
_DATING_WORDS = frozenset({
    "In", "By", "Since", "From", "Until", "Till", "After", "Before", "Around", "During",
    "Circa", "Through", "Throughout", "Of", "On", "At", "As", "For",
})


def _year_first(body: str, accessed: str | None, doi: str | None) -> Citation | None:
    """Authors, year, then the title: "Ferguson, James. 1990. The Anti-Politics Machine: …"."""
    year_first = _AUTHOR_YEAR.match(body)
    if year_first is None or year_first.group("authors").strip(" ,.") in _DATING_WORDS:
        return None  # "In 1987, I wanted to teach myself …": a sentence dated, no author
    rest = year_first.group("rest") or ""
    opening = rest[:1]
    if not (
        name_like(year_first.group("authors"))
        and (
            not opening
            or opening not in _OPENING_QUOTES
            # '… 1928. "An objective method … Elementary school journal 28:373–81.': a quote
            # never closed opens no quoted title; the title is the sentence after the year.
            or _quoted_title(rest) is None
        )
        and not _titled_after_authors(year_first.group("authors"))
    ):
        return None
    # "Ferguson, James. 1990. The Anti-Politics Machine: “Development,” …": the title is
    # the sentence after the year, whatever it quotes.
    title_text, after = _first_sentence(rest)
    if _LOCATOR.fullmatch(title_text.strip("()[] ")):
        title_text, after = "", rest  # "Turing 1936, p. 230": a page, not a title
    return Citation(
        split_authors(year_first.group("authors")),
        title_text or None,
        _container(after),
        year_first.group("year"),
        accessed,
        doi,
    )


def _quoted(body: str, accessed: str | None, doi: str | None) -> Citation | None:
    """A title in quotes, the authors before it: "Smith, John. “Title.” Journal (2019)"."""
    title = _quoted_title(body)
    if title is None:
        return None
    start, end, title_text = title
    before, after = body[:start], body[end:]
    # Author–year with a quoted title: "Devereux, Stephen. 2009. “Why Does Famine…”"
    # Every match holds a year: without four digits that could be one, none is searched for.
    year = _YEAR_BEFORE_TITLE.search(before) if _YEAR_DIGITS.search(before) else None
    if year is not None:
        before = before[: year.start()]
    clause = _last_clause(before)
    authors = split_authors(clause)
    container = _container(after)
    date = year["year"] if year is not None else _date(after) or _date(clause)
    return Citation(authors, title_text or None, container, date, accessed, doi)


def _inverted(body: str, accessed: str | None, doi: str | None) -> Citation | None:
    """An inverted author block: see :func:`_inverted_block`."""
    inverted = _inverted_block(body)
    return None if inverted is None else Citation(*inverted, accessed=accessed, doi=doi)


def _initials_first(body: str, accessed: str | None, doi: str | None) -> Citation | None:
    """Initials before surnames, then the title up to its stop (ACM, IEEE and LNCS lists)."""
    initials = _INITIALS_FIRST.match(body) if body[1:2] == "." else None
    if initials is None:
        return None
    # "A. J. Mashtizadeh, A. Bittau, and D. Mazieres. Replication, history, and grafting in
    # the ori file system. In Proceedings of …, 2013."
    title_text, after = _first_sentence(initials["rest"])
    return Citation(split_authors(initials["authors"]), title_text or None,
                    _container(after), _date(after) or _date(initials["rest"]), accessed, doi)


def _vancouver(body: str, accessed: str | None, doi: str | None) -> Citation | None:
    """Surnames then initials, then the title up to the first full stop (Vancouver style)."""
    vancouver = _INITIALS_AFTER.match(body) if "." in body[:80] else None
    if vancouver is None or _NAME_GOES_ON.match(body, vancouver.end()):
        return None
    # "Parlet B. N. The symmetric eigenvalue problem, SIAM, …, 1998"
    rest = body[vancouver.end() :]
    title_text, after = _first_sentence(rest)
    if not title_text:
        return None
    return Citation(
        split_authors(vancouver["names"]),
        title_text,
        _container(after),
        _date(after) or _date(rest),
        accessed,
        doi,
    )


_SURNAME_COMMA_INITIALS = rf"{NAME_WORD}(?:[ -]{NAME_WORD})?,\s(?:[A-Z]\.\s?-?)+"
# Springer's LNCS (splncs): "Bromley, A.G.: Charles Babbage’s Analytical Engine.", "Francis,
# J., Fuegi, J.: Lovelace and Babbage …": surnames and initials, a colon, then the title.
_SURNAMES_COLON = regex(
    rf"^(?P<authors>{_SURNAME_COMMA_INITIALS}(?:,\s(?:and\s)?{_SURNAME_COMMA_INITIALS})*"
    r"(?:,?\s+et\s+al\.)?)\s?:\s+(?P<rest>\S.*)$"
)


def _surnames_colon(body: str, accessed: str | None, doi: str | None) -> Citation | None:
    """Surnames, initials and a colon before the title (LNCS): see ``_SURNAMES_COLON``."""
    found = _SURNAMES_COLON.match(body) if ".:" in body[:200] or ". :" in body[:200] else None
    if found is None:
        return None
    title_text, after = _first_sentence(found["rest"])
    if not title_text:
        return None
    return Citation(split_authors(found["authors"]), title_text, _container(after),
                    _date(after) or _date(found["rest"]), accessed, doi)


#: How a citation's fields are laid out, tried in this order; the first that reads the body
#: wins, and a body none reads is a comma list (:func:`_comma_list`).
# A work listed by its title, its translator or editor named after it (Chicago's entry for a
# work whose author is not given first): "Regiomontanus: On Triangles. Translated by Barnabas
# Hughes. Madison: University of Wisconsin Press, 1967."
_TITLE_THEN_MAKER_ROLE = regex(
    r"^(?P<title>[A-Z“\"‘][^.]{2,200}?)[.?!][”\"’]?\s+(?:Translated|Edited|Compiled|Introduced)"
    r"(?:,?\s+(?:and|with)\s+[a-z]+)*\s+by\s+(?P<after>.+)$"
)


def _title_then_maker_role(body: str, accessed: str | None, doi: str | None) -> Citation | None:
    """An author-less work's title first, then "Translated by …"/"Edited by …": the names
    after it are no author, and the title is no author either."""
    found = _TITLE_THEN_MAKER_ROLE.match(body.strip()) if "by " in body else None
    if found is None:
        return None
    title = found["title"].strip(" “\"‘”’")
    return Citation((), title, None, _date(found["after"]), accessed, doi)


_STYLES: tuple[tuple[str, Callable[[str, str | None, str | None], Citation | None]], ...] = (
    ("title, then translator or editor", _title_then_maker_role),
    ("authors, year, title", _year_first),
    ("surnames, initials: title", _surnames_colon),
    ("quoted title", _quoted),
    ("inverted author block", _inverted),
    ("initials first", _initials_first),
    ("Vancouver", _vancouver),
)


_INITIALS_SURNAME = (  # "J. Dean", "A. J. Mashtizadeh", "J.-P. Sartre", "M. Van der Berg"
    r"(?:[A-Z]\.\s?(?:-?[A-Z]\.\s?)*)\s*[A-Z][\w'’-]+(?:\s(?:[a-z]{1,3}\s)?[A-Z][\w'’-]+)?"
)
_INITIALS_FIRST = regex(
    rf"^(?P<authors>{_INITIALS_SURNAME}(?:,\s+{_INITIALS_SURNAME})*"
    rf"(?:,?\s+and\s+{_INITIALS_SURNAME})?"
    r"(?:,?\s+et\s+al\.?)?)\.\s+(?P<rest>\S.*)$"
)


def _titled_after_authors(authors: str) -> bool:
    """Whether what an author–year reading takes for names is names and then a title.

    "Harrison, Johnson, and Roberts, Space Threat Assessment 2019, 4." names three authors and
    a report whose title holds a year; "Smith, J., and Jones, K. 2010." is only names.
    """
    if " and " not in authors and "&" not in authors:
        return False
    several = _SEVERAL_AUTHORS.match(authors + ", ")
    if several is None:
        return False
    rest = (authors + ", ")[several.end() :].strip(" ,").split()
    return len(rest) >= 2 and not all(_ABBREVIATED_WORD.fullmatch(w.strip(".,")) for w in rest)


_SEE_SENTENCE = regex(r"(?<=[.!?])[”’\"')]*\s+(?:See(?:\s+also)?|Cf\.)\s+(?=[A-Z“\"‘])")


def _cited_after_remark(body: str) -> str:
    """The citation a remark leads to: 'This is a description of the "actor-network." See
    Bruno Latour, Reassembling the Social (Oxford: OUP, 2005).' cites Latour's book, not the
    quoted phrase. A note that opens with a citation keeps it (a second one after "See also"
    is the note's second work)."""
    cue = _SEE_SENTENCE.search(body)
    if cue is None:
        return body
    head = body[: cue.start()]
    quoted = _quoted_title(head)
    if (
        quoted is not None
        and quoted[2][:1].isupper()
        and name_like(_last_clause(head[: quoted[0]]) or "X")
    ):
        return body  # '“Title,” Site, 2020. See also …': the head is the citation
    if quoted is None and name_like(head.split(",", 1)[0]):
        return body  # "Smith, Title (2010), 4. See also …"
    return body[cue.end() :]


def first_citation(body: str) -> str:
    """The first of several citations in one note: its fields are the note's.

    "WHO, Microplastics in Drinking-Water, 12; see also Koelmans et al., “Microplastics in
    Freshwaters,” 415." cites WHO first; "Mason, “Synthetic Polymer Contamination,” 4;
    Koelmans et al. 2019." is a short form followed by an author–year one. Only a ``;`` that
    a cue ("see also", "cf.") or an author–year citation follows separates citations: between
    authors ("Smith, J.; Jones, K.") it does not.
    """
    if ";" not in body:
        return body
    found = _NEXT_CITATION.search(body)
    if found is None:
        return body
    head = body[: found.start()].rstrip()
    # The head must itself read as a citation, not as prose that a citation follows ("The
    # kiosks are listed buildings; see Historic England, “K6 Telephone Kiosk.”").
    if len(head.split()) < 2 or (_SENTENCE_END.search(head) and len(split_sentences(head)) > 1):
        return body
    if (
        any(quote in head for quote in "“\"«")
        or name_like(head.split(",", 1)[0])
        or _AUTHOR_YEAR.match(head) is not None  # "Cooper and McKenna (2008, p. 295)"
    ):
        return head
    return body


def _without_urls(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    """The text with its URLs and DOIs cut out (they are read separately)."""
    pieces: list[str] = []
    last = 0
    for start, end, _ in spans:
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    cut = " ".join(" ".join(pieces).split())
    if "[" in cut and not cut.isascii():
        # "Xiao Tianliang [肖天亮] (ed.), The Science of Military Strategy [战略学]": a name or
        # title given again in its own script is not another field.
        cut = " ".join(_TRANSLATION.sub("", cut).split())
    if any(glued in cut for glued in _GLUED_PAIRS):
        cut = _GLUED_QUOTE.sub(r"\1 ", cut)  # "Mohoric,“Broadband …”": a space lost in typing
    # "… 2015. doi: ." or "Available at: ." leave debris behind.
    return _cut_tail(_URL_DEBRIS, cut, 40, _URL_DEBRIS_WORDS).strip()


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
            if len(inner) >= 2 and any(map(str.isalpha, inner)):
                if best is None or start < best[0]:
                    best = (start, close + 1, inner)
                break
            start = text.find(opening, close + 1)
        if best is not None and opening == "“":
            break
    if best is not None and text[best[0]] in "“\"":
        return _enclosing_single(text, best) or best
    return best


def _enclosing_single(text: str, inner: tuple[int, int, str]) -> tuple[int, int, str] | None:
    """The ‘…’ title holding a double-quoted phrase, as British style nests them: ‘Why privacy
    is not enough privacy in the context of “ubiquitous computing” and “big data”’."""
    start = text.rfind("‘", 0, inner[0])
    if start == -1 or (start > 0 and text[start - 1].isalnum()):
        return None
    close = _closing(text, start + 1, "’")
    if close < inner[1]:
        return None
    title = text[start + 1 : close].strip().rstrip(_TITLE_TRAILING).strip()
    return (start, close + 1, title) if len(title) >= 2 else None


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
    names = [piece.strip(" .,") for piece in text.split(";")]
    if len(names) > 1 and all(name_like(piece) for piece in names):
        # "Madsen, Cort S.; McHugh, Kevin P.; de Kloet, Siwo R. (July 1988)." (Wikipedia's
        # CS1): every clause between the semicolons is a name, so all of them are the authors.
        return text.strip(" .,(")
    if _SENTENCE_END.search(text):
        spans = split_sentences(text)
        if len(spans) > 1:
            text = text[spans[-1][0] : spans[-1][1]]
    text = text.rsplit(";", 1)[-1]  # "…made in 2016; see “Provisional Results.”"
    text = _LEADING_CUE.sub("", text.strip())
    cued = _cut_tail(_TRAILING_CUE, text, needles=_TRAILING_CUE_WORDS)
    if (len(cued) < len(text) or cued.endswith(":")) and not name_like(cued):
        # "For further information, see: “640 Project.”", "…released online: “Title”": the
        # words before the cue are the writer's, not the title's authors.
        return ""
    text = _cut_tail(_TRAILING_IN, cued, needles=("in",))  # "…,” in Book" shapes
    if ": " in text and not name_like(text):
        # "Classification according to: Jesús Gonzalo, Deibi López, …, “Title”": the names
        # follow the writer's lead-in.
        named = text.rsplit(": ", 1)[1].strip()
        if name_like(named):
            return named
    return text.strip()


def _cut_tail(
    pattern: re.Pattern[str], text: str, window: int = 16, needles: tuple[str, ...] = ()
) -> str:
    """Remove what ``pattern`` (anchored with ``$``) matches at the end of ``text``.

    Searching only the last few characters keeps this cheap on long comments; a ``^`` in the
    pattern still means the real start of the text, not the window's. ``needles`` are
    lower-case words one of which any match contains: without one in the window, the regex
    (slow, case-insensitive) is not run at all.
    """
    begin = max(0, len(text) - window)
    if needles:
        tail = text[begin:].lower()
        if not any(needle in tail for needle in needles):
            return text
    found = pattern.search(text, begin)
    return text[: found.start()] if found else text


def _container(after: str) -> str | None:
    """The publisher, site or journal: what follows the title up to its first delimiter."""
    after = after.strip().lstrip(",.;: ").strip()
    after = _LEADING_IN.sub("", after)
    if not after or _DATE.match(after):
        return None
    end = len(after)
    for match in _CONTAINER_END.finditer(after):
        if match.group() == ".":
            word = after[: match.start()].rsplit(" ", 1)[-1]
            if _ABBREVIATED_WORD.fullmatch(word):
                continue  # "U.S. News", "J. Econ."
        end = match.start()
        break
    container = after[:end].strip().strip("“”\"'‘’").strip()
    if (
        not container
        or not any(map(str.isalpha, container))
        or _DATE.fullmatch(container)
        or _PAGES.fullmatch(container)
        or len(container) > 120
        # "see “Values” section below": a pointer, not a publisher ("cnbc.com" is one)
        or (container.islower() and " " in container)
        # "“Serious bodily injury” as defined by …": prose goes on after a quoted phrase.
        or (container.split(None, 1)[0].isalpha() and container.split(None, 1)[0].islower())
        # "… this one: "Copyleft--all rights reversed." I used the word …": a sentence of
        # the writer's after a quotation (a pronoun and a lower-case verb), no publisher.
        or _PRONOUN_CLAUSE.match(container) is not None
    ):
        return None
    return container


_PRONOUN_CLAUSE = regex(r"(?:I|We|He|She|They|It|You)\s+[a-z]")


def _date(text: str) -> str | None:
    """The first publication date written in ``text``: a full date, else a bare year."""
    # Every date holds a year: look for years (cheap), then at what precedes or follows each.
    for year in _YEAR_ONLY.finditer(text):
        before = _DATE_BEFORE_YEAR.search(text, max(0, year.start() - 24), year.start())
        if before is not None:
            return " ".join(text[before.start() : year.end()].split())
        if _ISO_TAIL.match(text, year.end()):
            return text[year.start() : year.end() + 6]
        if text[year.start() - 1 : year.start()] == ".":
            day_month = _DAY_MONTH_BEFORE_YEAR.search(text, max(0, year.start() - 6), year.start())
            if day_month is not None:
                return text[day_month.start() : year.end()]  # "Stand 02.05.2025"
    bare = _BARE_YEAR.search(text)
    return bare.group() if bare else None


def _first_sentence(text: str) -> tuple[str, str]:
    """Split author–year remainder into its title (first sentence) and what follows."""
    spans = split_sentences(text)
    if not spans:
        return "", ""
    start, end = spans[0]
    title = text[start:end].strip().strip("“”\"'").rstrip(_TITLE_TRAILING).strip()
    return title, text[end:]


def _comma_list(body: str, accessed: str | None, doi: str | None) -> Citation:
    """Unquoted: ``Author, Title (Place: Publisher, Year), page.`` or ``Author, Title, 4.``"""
    if not body:
        return Citation(accessed=accessed, doi=doi)
    # A period after an initial ("Peter L. Bernstein") does not end a piece.
    pieces = [p.strip() for p in _PIECES.split(body) if p.strip()]
    date = _date(body)
    several = _SEVERAL_AUTHORS.match(body)
    if several is not None and name_like(several["names"]):
        # "Cooke, Johnson, and Sanderson, Militancy…", "Cooke et al., Militancy…"
        pieces = [several["names"], body[several.end() :]]
    if len(pieces) >= 2 and name_like(pieces[0]) and not _DATE.fullmatch(pieces[0]):
        authors = split_authors(pieces[0])
        rest = body[len(body.split(pieces[0], 1)[0]) + len(pieces[0]) :].lstrip(",. ")
        title_match = _TITLE_PIECE.match(rest)
        # A quote opened before the title and never closed (a truncated note: 'Kenji Hall,
        # "The PlayStation 2 Still Rocks.') is no part of it.
        title = title_match.group(1).strip().lstrip("“\"‘'«").strip() if title_match else None
        if title and (
            title.isdigit()
            or _DATE.fullmatch(title)
            or _NUMBER_RANGE.fullmatch(title)
            or sum(map(str.isalpha, title)) < 2  # "To Section A.5. A.I. driven policy"
            or _LOCATOR_WORD.match(title) is not None  # "OMB Circular A-130, section 8(a)(2)."
        ):
            title = None
        if title and title_match is not None:
            # A year in the title ("Africa since 1940") is not the date of publication.
            date = _date(rest[title_match.end() :])
        publisher = _PUBLISHER_PARENS.search(rest)
        container = publisher.group(2).strip() if publisher else None
        if publisher is not None:
            date = _date(publisher.group(3)) or date  # "(New York: Penguin, 2010)"
        return Citation(authors, title, container, date, accessed, doi)
    if date is not None:
        titled = _title_first(body)
        if titled is not None:
            return Citation((), titled[0], titled[1], date, accessed, doi)
    return Citation(date=date, accessed=accessed, doi=doi)


_TITLE_CASE_WORD = regex(r"[^\W\d_][\w’'&-]*")


def _title_first(body: str) -> tuple[str, str | None] | None:
    """(title, publisher) of a note that opens with its title: "Global Trends 2040: A More
    Contested World. National Intelligence Council, March 2021." The title is the first
    sentence, its longer words capitalised as titles are ("Interview with the author, March
    2022." is a remark); the publisher is what follows, up to a comma."""
    title, after = _first_sentence(body)
    if not title or not after.strip():
        return None
    words = _TITLE_CASE_WORD.findall(title)
    long_words = [w for w in words if len(w) > 3]
    if len(long_words) < 2 or len(words) > 20 or not all(w[0].isupper() for w in long_words):
        return None
    return title, _container(after)


def comma_readings(text: str) -> list[tuple[tuple[str, ...], str]]:
    """The ways a comma-separated short form splits into (authors, title).

    "Straus, Making and Unmaking Nations, 50." is one author and a title; "Cooke, Johnson, and
    Sanderson, Militancy and the Arc, 12." is three authors and a title. Text alone cannot tell
    which, so each reading with 1–3 name-like pieces before a title is offered, in order.
    """
    body = " ".join(text.split())
    body = _LEADING_CUE.sub("", body)
    pieces = [p.strip() for p in body.split(",")]
    readings: list[tuple[tuple[str, ...], str]] = []
    for count in range(1, min(4, len(pieces))):
        head = ", ".join(pieces[:count])
        title = pieces[count].strip(" .;:“”\"'‘’")
        if not name_like(head) or not title or title.lower().startswith(("and ", "& ")):
            continue
        if title[:1].isdigit() or _LOCATOR.fullmatch(title) or _OP_CIT_WORDS.match(title):
            continue
        authors = split_authors(head)
        if authors:
            readings.append((authors, title))
    return readings


def _inverted_block(body: str) -> tuple[tuple[str, ...], str | None, str | None, str | None] | None:
    """Chicago bibliography: ``Scott, James C. Seeing Like a State. New Haven: Yale, 1998.``

    Returns (authors, title, container, date) when ``body`` opens with an inverted author name
    closed by a period, or None.
    """
    head = _INVERTED_HEAD.match(body)
    if head is None:
        return None
    end = _author_block_end(body, head.end())
    if end is None or _NOT_NAMES.search(body, 0, end):
        # Names hold no digits, brackets or colons: "Christine Kinealy, This Great Calamity
        # (Dublin: Gill & Macmillan, 1994), 297. See …" is a name and a title, not inverted.
        return None
    authors = split_authors(body[: end + 1])
    rest = body[end + 1 :].strip()
    title, after = _first_sentence(rest)
    if not title or not authors:
        return None
    publisher = _PUBLISHER.search(after)
    container = publisher["name"].strip() if publisher else _container(after)
    return authors, title, container, _date(after) or _date(rest)


_NOT_NAMES = regex(r"[\d():;“”\"]")
_SURNAME_INITIALS = rf"{NAME_WORD}(?:[ -]{NAME_WORD})?\s+[A-Z]\.(?:\s?[A-Z]\.){{0,2}}"
# "Parlet B. N. ", "Smith J., Jones A. B. ": surnames each followed by initials, then a title.
# "Jennifer G. Cooke, J. Caleb Johnson, and …": the initial is a middle one; the name goes on.
_NAME_GOES_ON = regex(rf"{NAME_WORD}(?:,|\s+(?:and|&)\s|\s+{NAME_WORD},)")
_INITIALS_AFTER = regex(
    rf"^(?P<names>{_SURNAME_INITIALS}(?:,\s+{_SURNAME_INITIALS})*(?:,?\s+et\s+al\.)?)"
    r"\s+(?=[A-Z“\"])"
)
_INVERTED_HEAD = regex(r"^[^\W\d_][\w’'-]*(?:\s+[^\W\d_][\w’'-]*){0,2},\s+[A-Z]")
_PUBLISHER = regex(r"^\s*[^.:]{2,40}:\s*(?P<name>[^,.]+)")
