"""Note kinds and what each Ibid. or short-form note refers to.

* **Ibid.** (``Ibid.``, ``Ibid``, ``Ibid., p. 4``, ``ibid. 23``) refers to the note before it (the
  nearest one that cites something), and through it to that note's root.
* A **short form** repeats an earlier full citation by author surname(s) and (possibly
  abbreviated) title: ``Maclean, “Mali Appoints New President After Military Coup.”`` — also at the
  end of a longer comment. An author–year form (``Turing 1936, p. 230``) names a bibliography
  entry by author and year. A short form points at the earliest full note that matches; when no
  earlier note does, a later one (a bibliography after the notes) may.
* A **comment** cites nothing; everything else is a **full** citation.

Which full note a short form repeats is found in :mod:`citecheck.parse.shortforms`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from citecheck.models import Citation, DiagnosticCode, NoteKind
from citecheck.parse.cases import (
    case_short_form,
    cases_named,
    reported_at,
    reporter_pin,
    same_case,
)
from citecheck.parse.citation import (
    YEAR,
    comma_readings,
    first_citation,
    is_ibid,
    name_like,
    parse_citation,
    surname,
)
from citecheck.parse.deferred import regex
from citecheck.parse.identified import (
    name_at_page,
    names_a_work,
    numbered_works,
    pinned_titles,
    short_titles_given,
    shorthand_of,
    states_name,
    uses_shorthand,
)
from citecheck.parse.names import CITED_NAME, DITTO, LEADING_PARTICLE
from citecheck.parse.shortforms import (
    TITLE_THRESHOLD,
    YEARS,
    Index,
    dated_works,
    fold,
    match_form,
    title_score,
)

__all__ = ["Entry", "Resolution", "is_ibid", "resolve"]

# "Turing 1936", "Smith and Jones (2010)", "de Waal 2015", "World Bank 2011", "Smith et al. 2019"
_CITED_NAME = rf"(?:{LEADING_PARTICLE}\s+)?{CITED_NAME}"
_INITIALS_AFTER = r"(?:,\s(?:[A-Z]\.\s?-?){1,3}(?<!\s))?"  # "Schadschneider, A.", "Li, J.-H."
_INITIALS_ONLY = regex(r"^[a-z](?:\s[a-z])*$")  # a folded name that is initials: "a", "j h"
_AUTHOR_YEAR = regex(
    # (at the start, after a sentence or a semicolon, or opening a bracket: "(McKinley 2017;
    # Scharff 2018)" cites McKinley first)
    r"(?:^|(?<=[.;]\s)|(?<=\())(?:[Ss]ee\s+(?:also\s+)?|[Cc]f\.\s+)?"
    # (ABNT separates authors, and some writers the year, by a semicolon: "KIMBALL; ROSS, 2013",
    # "KIMBALL, ROSS; 2013, p. 44")
    # (German author–date notes give the initials after the surname and part names by a
    # slash: "Schadschneider, A. (2004)", "Nagel, K./ Schreckenberg, M. (1992)")
    rf"(?P<names>{_CITED_NAME}{_INITIALS_AFTER}"
    rf"(?:(?:,|;|\s*/|,?\s+and|\s*&)\s+{_CITED_NAME}{_INITIALS_AFTER})*(?:,?\s+et\s+al\.?)?)"
    rf"[,;]?\s+\(?(?P<year>{YEAR})[a-z]?(?:\)|,|\.|;|\s|$)(?![\d/])"
)
# "Smith et al.", "Smith and Jones et al., 12.": authors alone, with at most a page after.
_ET_AL_ONLY = regex(
    rf"^(?P<names>{_CITED_NAME}(?:(?:,|,?\s+and|\s*&)\s+{_CITED_NAME})*),?\s+et\s+al\.?"
    r"(?:,?\s*(?:pp?\.\s*)?\d+(?:\s*[-–]\s*\d+)?)?\s*\.?$"
)
# Capitalised words that open sentences, not author names ("During 2019, …").
_NOT_NAMES = frozenset(
    {
        "in", "during", "since", "by", "after", "before", "from", "until", "as", "of", "for",
        "the", "this", "that", "these", "those", "between", "through", "throughout", "around",
        "about", "on", "at", "unlike", "like", "under", "over", "within", "without", "when",
        "while", "whilst", "although", "though", "whereas", "because", "it", "its", "a", "an",
        "and", "but", "or", "yet", "so", "then", "there",
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "spring", "summer", "fall", "autumn", "winter",
        "early", "late", "mid", "circa", "ca", "see", "cf", "also", "note", "notes", "table",
        "figure", "fig", "chapter", "section", "page", "vol", "volume", "no", "number",
    }
)  # fmt: skip
_OP_CIT = regex(r"(?i)\b(?:op|loc)\.?\s*cit\b")
# "Idem, Physics, p. 55.": the same author as the note before, another of their works.
_IDEM_TITLE = regex(
    r"^(?:Idem|Eadem|Iidem|Eaedem)\s*,\s*(?P<title>[^\W\d][^,]*?)"
    r"(?:,\s*(?:pp?\.\s*)?\d[\d\s,–-]*)?\.?$"
)
_SUPRA = regex(
    r"(?i)\b(?:supra|above),?\s+(?:note|n\.?)\s+(?P<a>\w+)"
    r"|\b(?:see\s+)?(?:note|n\.)\s+(?P<b>\w+),?\s+(?:above|supra)\b"
    # "See note 3.", "Refer to footnote 5.", "See endnote 2."
    r"|^(?:(?:see|refer\s+to)\s+)?(?:foot|end)?note\s+(?P<c>\w+)\W*$"
    r"|\(n\s+(?P<d>\d+)\)"  # OSCOLA: "L'Oréal (n 2) para 115"
    r"|الحاشية\s+(?P<e>\d+)\s+أعلاه"  # Arabic "footnote 35 above", as UN documents write it
)
# "SWEENEY, L. k-anonymity: …": surname first, then initials.
# "SWEENEY, L. k-anonymity", and undotted before a co-author: "Bellucci, E & Zeleznikow J, …";
# APA's "Bédard, C., Lütkebohle, I., & …" and "Bédard, C. (2022)" too.
_SURNAME_INITIALS = regex(
    r"^[^\W\d_][\w'’-]+,\s+(?:(?:[A-Z]\.\s?)+(?=[^\W\d_]|,\s|\()"
    r"|[A-Z]{1,2}(?=\s*(?:&|and\s)))"
)
_INITIALS = regex(r"^(?:[A-Z]\.\s?)+[A-Z][\w'’-]+[,.]?\s")  # "J. Dean and …", "A. J. Smith, …"
_MAX_AFTER_SHORT_TITLE = 8  # words
_ABBREVIATED = 0.6  # a repeat at most this long (relative to the note it repeats) abbreviates


@dataclass(frozen=True, slots=True)
class Entry:
    """What resolution needs to know about one note."""

    text: str
    citation: Citation
    has_urls: bool
    inline: bool = False
    label: str = ""
    listed: bool = False  # a bibliography entry: a reference, never a comment
    bibliography: bool = False  # cited by number from an unlabelled list: never a comment
    reference_list: bool = False  # numbered under "References": no unresolved short form
    contact: bool = False  # gives an e-mail address: an affiliation or contact, not a citation
    context: str = ""  # the body sentences that cite it ("Mr. Warren remarks:")
    urls: tuple[str, ...] = ()  # the note's own URLs, repaired


@dataclass(frozen=True, slots=True)
class Resolution:
    """A note's kind and the notes it refers to (positions in the note list)."""

    kind: NoteKind
    points_to: int | None = None  # the note referred to directly
    resolves_to: int | None = None  # the full note at the root of the chain
    problem: DiagnosticCode | None = None
    # The works an ambiguous author–year short form can mean (``ambiguous-short``).
    candidates: tuple[int, ...] = ()


# A statute or a reported case cited in full: "740 Ill. Comp. Stat. 14/15(b) (2008).",
# "42 U.S.C. § 1983.", "Rosenbach v. Six Flags, 2019 IL 123186." A pin cite ("369 F. Supp. 3d
# at 380") repeats an earlier citation instead.
_LEGAL_CITATION = regex(
    r"^(?:[A-Z][\w.’'&-]*(?:\s+[\w.’'&-]+)*\s+v\.\s+[^,]+,\s+)?\d+\s+(?:[A-Z][A-Za-z.]*\.?\s+){1,5}"
    r"(?:§+\s*)?\d[\w/.()–-]*(?:,\s*\d[\w–-]*)?(?:\s*\([^()]*\d{4}\))?\.?$"
)

# A legal source cited the way courts cite, anywhere in a note's prose: the United States Code,
# Statutes at Large, reporters and the Joint Appendix by volume and page ("28 U. S. C. §1331",
# "77 Stat. 353", "540 U. S. 56", "656 F. 3d 1222", "1 App. 9"); a party's brief ("Brief for
# Petitioner 16", "Reply Brief 11–12"); a book by title, page and year ("Webster's Third New
# International Dictionary 19 (1966)").
_LEGAL_SOURCE = regex(
    r"\b\d{1,4}\s+(?:U\.\s?S\.(?:\s?C\.)?|Stat\.|App\.|F\.\s?(?:2d|3d|4th|Supp\.(?:\s?[23]d)?)?"
    # ("740 F.3d at 645" is a pin cite: its "3" opens the series "3d", not a page.)
    r"|S\.\s?Ct\.|L\.\s?Ed\.(?:\s?2d)?|C\.\s?F\.\s?R\.|Fed\.\s?Reg\.)\s*(?:§+\s*)?\d(?!d\b|th\b)"
    r"|\b(?:Reply\s+)?Brief(?:\s+for\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})?\s+\d{1,4}\b"
    r"|(?:\b[A-Z][\w’'-]*\s+){2,}[\w’'-]*\s*\d{1,4}(?:[–-]\d{1,4})?\s+\((?:1[5-9]|20)\d\d\)"
)
# A Bluebook citation of a periodical or reporter: volume, abbreviated name, first page, pin
# and a parenthesis with the year: "66 STAN. L. REV. 545 (2014)", "36 L. & HUM. BEHAV. 293, 293
# (2012)", "418 F.2d. 716, 768 (2d Cir. 1969)", "56 ARIZ. ST. L. REV. (forthcoming 2024)".
_BLUEBOOK_CITE = regex(
    r"\b\d{1,4}\s+(?=[^()]{0,80}?[A-Z][\w’']*\.)(?:(?:[A-Z][\w.’']*|&)\s+){1,6}"
    r"(?:\d{1,5}(?:,\s*\d[\d–-]*)?\s+)?\([^()]{0,40}\b(?:1[5-9]|20)\d\d\)"
)

# A work named by its author's possessive and its title, the whole of a terse older note:
# "Frimmel's Beethoven.", "Quoted from Leland's _Algonquin Legends_." (Gutenberg's italics).
# (Initials may open the name, a page may follow: "See V. Schoelcher's _Life of Handel_, p. 23.",
# "Cullen’s Darien, p. 38.")
_POSSESSIVE_WORK = regex(
    r"^(?:(?:Quoted |Taken )?from |See |Cf\. )?(?:[A-Z]\. ?){0,3}[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
    r"['’]s _?(?:[A-Z][\w’'-]*)(?: (?:[A-Z][\w’'-]*|of|the|and|in|on))*_?"
    r"(?:, (?:pp?\. ?)?\d{1,4}(?: ?[–-] ?\d{1,4})?)?\.$"
)
# An ancient or classic work cited by its author's possessive, its title and its book (and
# section): "Strabo's Geography, Book III, 2.9", "Caesar's Gallic War, Book V, 12." The book
# locator is how such works are cited in full.
_CLASSIC_WORK = regex(
    r"^(?:[A-Z]\. ?){0,3}[A-Z][a-z]+['’]s [A-Z][\w’'-]*(?: [\w’'-]+){0,5},"
    r" (?:Book|Bk\.|Books|Chapter|Ch\.|Canto|Part)\s+[IVXLC\d]+"
    r"(?:,\s*[\d.]+(?:\s*[–-]\s*[\d.]+)?)?\.?$"
)
# A note that is one italic title and nothing else, as plain-text editions mark italics:
# "_Musikalisches Lexicon oder musikalische Bibliothek._" names a work.
_ITALIC_TITLE = regex(r"^_[A-Z][^_\n]{2,150}?\.?_\.?$")

# A book cited whole in three parts: "Author. Title. Place, Year." (the imprint a short form
# never repeats).
_IMPRINT = regex(r"^[^.]+\. [^.]+\. [A-Z][a-z]+(?: [A-Z][a-z]+)?, (?:1[5-9]|20)\d\d\.$")


# A case name: "Alpha v Beta", "Roe v. Wade", "R v Smith", "L'Oréal SA v eBay".
_CASE_NAME = regex(r"\b[A-Z][\w.&’'-]*(?: [\w.&’'-]+){0,5} v\.? [A-Za-z][\w’'-]")


# A standard identifier of a published work: it cites something findable.
_IDENTIFIER = regex(
    r"\b(?:ISBN(?:-1[03])?:?\s*(?:97[89][\s-]?)?\d[\d\s-]{7,}[\dXx]|ISSN:?\s*\d{4}-\d{3}[\dXx]"
    r"|PMID:?\s*\d{4,}|arXiv:\s*\d{4}\.\d{4,5}|hdl:\s*\d+(?:\.\d+)*/\S+)"
)


# What every identifier above holds: a literal scan that rules most notes out (3x cheaper).
_IDENTIFIER_HINT = regex(r"ISBN|ISSN|PMID|arXiv|hdl:")
# A bibliography key in brackets, author letters and a two-digit year: "[Hol14]", "[BCK+96]".
_CITATION_KEY = regex(r"\[[A-Z][A-Za-z]{1,5}\+?\d{2}[a-z]?\]")
# An editor's or translator's role after the names: only a citation names one.
# A chapter "In <book>, <editors>, Eds." (ACM's style, the year sometimes left out).
_IN_EDITED_BOOK = regex(
    r"[.?!]\s+In\s+[A-Z][^.]{3,200}?,\s+(?:[A-Z]\.\s?)+[A-Z].{0,200}?,?\s+Eds?\.(?:\s|$)")
_EDITED = regex(r"(?i)\((?:eds?|editors?|trans|comp)\.?\)|,\s+eds?\.\s")
# Where a locator opens a note: "Page 13 of …", "p. 4, …", "See pp. 3–5 in …".
_OPENING_LOCATOR = regex(
    r"(?i)^(?:see\s+)?(?:pages?|pp?\.?)\s*\d+(?:\s*[–-]\s*\d+)?(?:\s+(?:of|in)\b|,)?\s+"
)
# A Chicago note's publication facts in brackets: "(Austin: University of Texas Press, 1995)",
# "(New York: G. P. Putnam's Sons, 1966)": a place, a publisher, a year; only a full note gives
# them (a short form drops them).
_PUBLICATION_FACTS = regex(
    r"\((?:[A-Z][\w.'’-]*(?:,? [A-Z][\w.'’-]*){0,3}): [A-Z][^():;]{1,80}?"
    # a co-publisher's place and name: "(Madison: Fairleigh Dickinson University Press; London:
    # Associated University Presses, 1994)"
    r"(?:; [A-Z][\w.'’-]*(?:,? [A-Z][\w.'’-]*){0,3}: [A-Z][^():;]{1,80}?)?, (?:1[5-9]|20)\d\d\)"
)
_TITLE_WORD = regex(r"[^\W\d_][\w’'&.-]*")
# When a source was consulted, in the languages notes are written in: "[consulté le 19/11/2021]",
# "consultado el 3 de mayo de 2020", "abgerufen am 2.3.2021", "accessed 3 May 2020". Only a
# source is consulted: a note saying so, after a year of its own, cites that source.
_CONSULTED = regex(
    r"(?i)\b(?:accessed|retrieved|consulted|consulté|consultée|consultado|consultada|consultato"
    r"|consultata|abgerufen|zugegriffen)(?:\s+(?:on|le|el|il|am|the))?\s*:?\s*\d"
)
# The French (and Italian, Spanish) book note's imprint, in commas at its end: "…, Paris,
# Hermès/Lavoisier, 2008.", "…, Aix-en-Provence, Presses universitaires de Provence, 2015.":
# a place, a publisher, a year. (A publisher has no digits: "…, Bamako, November 3, 2022." dates
# an interview.)
_COMMA_IMPRINT = regex(
    r",\s+[A-Z][\w'’.-]+(?:[ -][A-Z][\w'’.-]+)?,\s+[A-Z][^,;()\d]{1,60},\s+(?:1[5-9]|20)\d\d\.?$"
)


def _named_imprint(text: str) -> bool:
    """Whether a note prints a book's imprint ("(Place: Publisher, 1973)") after an author's
    name and a title set off by commas, wherever in its prose: "…, Frank Moore Cross, Title
    (Cambridge, Mass.: Harvard University Press, 1973)"."""
    facts = _PUBLICATION_FACTS.search(text)
    if facts is None:
        return False
    pieces = text[max(0, facts.start() - 300) : facts.start()].split(", ")
    # ("Thomas More, A letter of syr Tho. More … (London: William Rastell, 1533)": the name
    # may open the note itself, the title after it.)
    return len(pieces) >= (2 if facts.start() < 300 else 3) and any(
        (len(piece.split()) >= 2 and name_like(piece)) or _NAME_CLOSING_PROSE.search(piece)
        for piece in pieces[-3:-1]
    )


# Prose that hands over to an author's name: "… consonant with the findings of Stephanie
# McCurry, Title (Place: Publisher, 2010)", "… as argued by Jane Smith, Title (…)".
_NAME_CLOSING_PROSE = regex(
    r"\b(?:of|by|see|[Cc]f\.)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w.'’-]*){0,2}\s+[A-Z][\w'’-]{2,}$"
)


def _titled_work(text: str) -> bool:
    """A short note that only names a dated work by its title-cased name, perhaps after a page.

    "Page 13 of Newzoo Global Games Market Report 2017" cites a report; "The launching of
    Sputnik 1 in 1957 marked the start of the Space Age." and "7 of 10 hospitals joined the
    Consortium" are sentences: their longer words are not capitalised.
    """
    if len(text) > 160 or not YEARS.search(text):
        return False
    rest = _OPENING_LOCATOR.sub("", text.strip(), count=1).rstrip(". ")
    words = _TITLE_WORD.findall(rest)
    long_words = [w for w in words if len(w) > 3]
    return (
        len(words) <= 15
        and len(long_words) >= 3
        and all(w[0].isupper() for w in long_words)
        and _SENTENCE_END_INSIDE.search(rest) is None
    )


_SENTENCE_END_INSIDE = regex(r"[a-z]{3}[.!?]\s+[A-Z]")

# The comma-separated pieces of a terse older citation ("New Voyages to North America, London,
# 1703, vol. 2, pp. 47, 48.", "Coll. Minn. Hist. Soc., 1885, vol. 5, p. 130."): a year, or a
# place and its year in brackets ("London [1843?]"; "Wu 2017" is an author and a year); a
# volume, number, page, figure or document locator ("Vol. VI", "No. 3", "pp. 47", "48",
# "Figs. 2 and 3", "Ex. Doc. 41", "et seq.").
_YEAR_PIECE = regex(
    rf"^(?:(?:[A-Z][a-z]+(?: [A-Z][a-z]+)? )?[\[(])?(?:{YEAR})(?:\(?\?\)?)?[\])]?$"
)
_LOCATOR_PIECE = regex(
    r"(?i)^(?:(?:[a-z]{1,3}\.\s*)?(?:vols?|nos?|pp?|figs?|pls?|plates?|ch|chap|art|pts?|parts?"
    r"|secs?|doc)\.?\s*)?[\divxlc]{1,5}[a-z]?(?:\s*(?:[–-]|and|&)\s*[\divxlc]{1,5})?"
    r"(?:\s+et\.?\s*seq\.?)?$|^et\.?\s*seq\.?$"
)
# A volume of a named series and the pages in it: "the ninth volume of the New York Colonial
# Documents, pp. 1054, 1055."
_VOLUME_OF = regex(
    r"\b\w+\s+volume\s+of\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){1,6}[A-Z][\w’'-]*,?\s+pp?\.\s*\d"
)
_FREE_PIECES = 2  # title, journal or place: what else a terse citation holds
_TERSE_WORDS = 25


def _terse_citation(text: str) -> bool:
    """Whether ``text`` (or its closing parenthesis) is a terse citation: a year and a
    locator among comma-separated pieces, at most two others, each opening with a capital (a
    title, a place, an abbreviated journal), and no sentence. "In the Sonatas of 1781, for
    instance, the first movement of No. 2 …" is prose: its year and number are no pieces."""
    body = text.strip().rstrip(".").strip()
    if body.endswith(")") and "(" in body:
        body = body[body.rfind("(") + 1 : -1]  # "see report of Norton (Report …, 1860)"
    if len(body.split()) > _TERSE_WORDS or _SENTENCE_END_INSIDE.search(body):
        return False
    year = locator = False
    free = 0
    for raw in body.split(","):
        piece = raw.strip().rstrip(".").strip()
        if _YEAR_PIECE.match(piece):
            year = True
        elif _LOCATOR_PIECE.match(piece):
            locator = True
        elif piece[:1].isupper() and len(piece.split()) <= 8 and free < _FREE_PIECES:
            free += 1
        else:
            return False
    return year and locator


# A periodical named with the volume and the issue cited, and nothing else: "Nature, vol. 5,
# no. 3.", the Arabic "مجلة القافلة، العدد 5، المجلد 59." (the magazine al-Qafila, issue 5,
# volume 59; the Arabic comma separates the pieces).
_VOLUME_PIECE = regex(r"(?i)^(?:vol(?:ume)?\.?|المجلد|مجلد)\s*[\divxlc]{1,5}$")
_ISSUE_PIECE = regex(r"(?i)^(?:nos?\.?|numbers?|issues?|iss\.|العدد|عدد)\s*\d{1,5}$")
_PIECE_SEPARATOR = regex(r"\s*[,،]\s*")


# An article named by its title, then its periodical, issue date and page range: "Silver Bullet
# Talks with Ivan Arce; IEEE Security & Privacy Nov/Dec 2010 pp. 9-13." (the title's italics
# gone with the markup). The page range and the year are what a remark seldom prints together.
_ARTICLE_PAGES = regex(rf"\b(?:{YEAR})\b[^.;]{{0,20}}?,?\s+pp\.\s*\d+\s*[–-]\s*\d+\.?$")


# A manuscript cited by its shelfmark and leaf: "ECL MS 260, fol. 64v.", "MS 260 fols. 87r-v",
# "BL MS Additional 19400, fol. 33v", "MSS 3, ff. 2-4": an archive's document, a source.
_MANUSCRIPT = regex(
    r"\bMSS?\.?\s+(?:[A-Z][a-z]+\.?\s+)?\d+[A-Za-z]?(?:[./]\d+)?,?\s+(?:fols?\.?|ff?\.)\s*\d+[rv]?"
)


def _article_with_pages(text: str) -> bool:
    """Whether a short note is a title-cased title, a periodical and its pages: no sentence,
    the year just before the page range at its end, and, before the first ';' or ',', a title
    whose words of five letters or more are capitalised."""
    body = text.strip()
    if len(body.split()) > _TERSE_WORDS or _SENTENCE_END_INSIDE.search(body):
        return False
    if _ARTICLE_PAGES.search(body) is None:
        return False
    title = re.split(r"[;,]", body, maxsplit=1)[0]
    long_words = [w for w in _TITLE_WORD.findall(title) if len(w) > 4]  # not "with", "from"
    return len(long_words) >= 2 and all(w[0].isupper() for w in long_words) and title != body


def _periodical_issue(text: str) -> bool:
    """Whether a note is a periodical's name followed by the volume and issue it cites."""
    pieces = _PIECE_SEPARATOR.split(text.strip().rstrip(".").strip())
    if len(pieces) < 3:
        return False
    name, rest = pieces[0], pieces[1:]
    # The name is a title: capitalised, or in a script without case (Arabic, Hebrew, CJK).
    opening = name[:1]
    if not (opening.isalpha() and not opening.islower()) or len(name.split()) > 8:
        return False
    volume = issue = False
    for piece in rest:
        if _VOLUME_PIECE.match(piece):
            volume = True
        elif _ISSUE_PIECE.match(piece):
            issue = True
        else:
            return False
    return volume and issue


def _is_fullish(entry: Entry) -> bool:
    """A citation complete enough to be a source of its own, even without a URL.

    An author or title with a date or publisher, or a DOI, ISBN, ISSN, PMID, arXiv or handle.
    A dated remark with neither ("Interview with the author, March 2022.") cites nothing that
    can be checked: a comment.
    """
    citation = entry.citation
    if citation.doi or _LEGAL_CITATION.match(entry.text):
        return True
    if YEARS.search(entry.text) and _terse_citation(entry.text):
        return True  # "London, 1689, p. 59, et. seq.", "Vol. 1, No. 3, 1888, p. 216."
    if len(entry.text) <= 200 and _periodical_issue(entry.text):
        return True  # "مجلة القافلة، العدد 5، المجلد 59.", "Nature, vol. 5, no. 3."
    if "MS" in entry.text and _MANUSCRIPT.search(entry.text):
        return True  # "ECL MS 260, fol. 64v.", "BL MS Additional 19400, fol. 33v- 34r."
    if "pp." in entry.text and _article_with_pages(entry.text):
        return True  # "Silver Bullet Talks with Ivan Arce; IEEE Security & Privacy Nov/Dec
        # 2010 pp. 9-13."
    if "olume" in entry.text and _VOLUME_OF.search(entry.text):
        return True  # "Reproduced from the ninth volume of the New York Colonial Documents, …"
    if ("'" in entry.text or "’" in entry.text) and _POSSESSIVE_WORK.match(entry.text.strip()):
        return True  # "Frimmel's Beethoven.": an author's work, named the old terse way
    if ("'" in entry.text or "’" in entry.text) and _CLASSIC_WORK.match(entry.text.strip()):
        return True  # "Strabo's Geography, Book III, 2.9"
    if entry.text[:1] == "_" and _ITALIC_TITLE.match(entry.text) and " " in entry.text:
        return True
    if _LEGAL_SOURCE.search(entry.text):
        return True  # "… Compact, Comment on Preamble, 1 App. 9.", "Brief for Petitioner 16."
    if "(" in entry.text and _BLUEBOOK_CITE.search(entry.text):
        return True  # "… Ian Ayres, The No-Reading Problem, 66 STAN. L. REV. 545 (2014)"
    if (_IDENTIFIER_HINT.search(entry.text) and _IDENTIFIER.search(entry.text)) or names_a_work(
        entry.text
    ):
        # "… Suomen Kunnallisliitto. 1982. p. 147. ISBN 951-773-085-3.", "ISO/IEC 42001",
        # "Article 34 of Federal Law No. 44-FZ of 05.04.2013"
        return True
    consulted = _CONSULTED.search(entry.text)
    if consulted is not None and YEARS.search(entry.text, 0, consulted.start()):
        return True  # "…, France Culture, 2016 [consulté le 19/11/2021 à 14h27]"
    if "[" in entry.text and _CITATION_KEY.search(entry.text):
        return True  # "See Applying Cardiac Alarm Management … [Hol14] for an example …"
    if citation.title and citation.authors and _EDITED.search(entry.text):
        return True  # "Academy of Military Science (ed.), The Science of Military Strategy."
    if citation.authors and _IN_EDITED_BOOK.search(entry.text):
        return True  # "STRANDBURG, K. J. Monitoring, … In Privacy, Big Data, and the Public
        # Good, J. Lane, V. Stodden, and H. Nissenbaum, Eds." (ACM): a chapter of a book
    if not citation.title and not citation.authors and _titled_work(entry.text):
        return True  # "Page 13 of Newzoo Global Games Market Report 2017"
    if _CASE_NAME.search(entry.text) and YEARS.search(entry.text) and not _SUPRA.search(
        entry.text
    ):
        return True  # "Case C-1/09 Alpha v Beta [2011] ECR I-1, para 3."
    if (
        citation.authors
        and _PUBLICATION_FACTS.search(entry.text)
        and all(name_like(author) for author in citation.authors)
    ):
        return True  # "Robin W. Doughty, the Mockingbird (Austin: University of Texas Press,
        # 1995), 14.": a book's facts, whatever case its italics-stripped title is in
    if (
        citation.authors
        and name_like(citation.authors[0])
        and _COMMA_IMPRINT.search(entry.text.strip())
    ):
        return True  # "Yves Jeanneret, Penser la trivialité. Volume 1, …, Paris,
        # Hermès/Lavoisier, 2008.": an author, then a book's place, publisher and year
    if "(" in entry.text and _named_imprint(entry.text):
        return True  # "… laborum., Frank Moore Cross, Canaanite Myth (Cambridge, Mass.: Harvard
        # University Press, 1973). Duis …": a book cited in full inside a remark's prose
    if citation.title and citation.title[0].islower() and not (
        citation.date and (_INITIALS.match(entry.text) or _SURNAME_INITIALS.match(entry.text))
    ):
        return False  # a quoted phrase in a comment, not a title ("J. Dean and S. Ghemawat.
        # leveldb–a fast … 2011." or "SWEENEY, L. k-anonymity: a model … (2002)" is a title
        # all the same: named authors, a date)
    if not all(name_like(author) for author in citation.authors):
        return False  # "The phrase “…” is from HRW": prose, not an author
    return bool(citation.title or citation.authors) and bool(citation.date or citation.container)


# A note that is only its authors' names: "Santa Cruz.", "Apel, Nagin, and Paternoster."
# Between the names of a note's authors: "Smith, Jones and Lee", "Bishop & Coulston".
_AUTHOR_SEPARATOR = regex(r",?\s+and\s+|[,;]\s*|\s*&\s*")
_NAMES_ONLY = regex(
    r"^(?P<names>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2}"
    r"(?:(?:,\s+|,?\s+and\s+|\s*&\s*)[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2}){0,5})\.?$"
)


def _authors_again(entries: Sequence[Entry], position: int,
                   results: Sequence[Resolution]) -> int | None:
    """The note before, when this one is only the authors of the work that note cites.

    CSL's note styles print a citation of the work the note before cites as its authors alone
    ("Santa Cruz." after "Jamie Santa Cruz, “Rethinking Prison…,” 2022."), where others print
    "Ibid.": a short form of that note's work, whatever else those authors wrote."""
    if position == 0 or entries[position].listed:
        return None
    found = _NAMES_ONLY.match(entries[position].text.strip())
    if found is None or entries[position - 1].listed:
        return None
    root = results[position - 1].resolves_to
    if root is None:
        return None
    authors = [fold(author) for author in entries[root].citation.authors]
    names = [fold(name) for name in _AUTHOR_SEPARATOR.split(found["names"])]
    if not authors or not names or len(names) > len(authors):
        return None
    if all(any(author == name or author.endswith(" " + name) for author in authors)
           for name in names):
        return position - 1
    return None


def _short_form(entry: Entry) -> tuple[list[str], str, str | None] | None:
    """The (surnames, folded title, year) a note repeats, if it reads as a short form."""
    citation = entry.citation
    et_al = _ET_AL_ONLY.match(entry.text.strip()) if "et al" in entry.text else None
    if et_al is not None:
        # "Kim, et al." reads "et al." as a title; "Briottet et al." as no author at all.
        names = [fold(n) for n in _AUTHOR_SEPARATOR.split(et_al["names"])]
        folded = [n.split()[-1] for n in names if n.strip()]
        if folded and not any(n.split()[0] in _NOT_NAMES for n in names if n.strip()):
            return folded, "", None
    if citation.title and not _OP_CIT.search(entry.text) and not (
        citation.authors and _AUTHOR_PAGE.fullmatch(entry.text.strip())
    ):
        # ("Colwell and Abrahams, pp. 19-37." parses "pp" as a title: the authors alone.)
        names = [fold(surname(a)) for a in citation.authors if surname(a)]
        return [n for n in names if n], fold(citation.title), None
    match = _AUTHOR_YEAR.search(entry.text)
    if match:
        bare = re.sub(r",?\s+et\s+al\.?$", "", match["names"])
        names = [fold(n) for n in _AUTHOR_SEPARATOR.split(bare.replace("/", ",")) if n.strip()]
        folded = [n for n in names if not _INITIALS_ONLY.match(n)]
        bracketed = entry.text[match.start("year") - 1 : match.start("year")] == "("
        if len(folded) < len(names) and not bracketed:
            # Initials after a name cite by author and date only with the year bracketed
            # ("Schadschneider, A. (2004), S. 63f"); "Osborne, R. 1996, 2009. Greece in the
            # Making …" is a reference list's entry, its title after the years.
            folded = []
        if folded and not any(n.split()[0] in _NOT_NAMES for n in folded):
            return folded, "", match["year"]
    if citation.authors and (len(entry.text.split()) <= 8 or _OP_CIT.search(entry.text)):
        names = [fold(surname(a)) for a in citation.authors if surname(a)]
        return [n for n in names if n], "", None
    return None


# The older "Author: Title" note ("Seemann: Voy. Herald, Vol. I, p. 312.", "A. De Zeltner: Notes
# sur les sépultures indiennes."): initials, a name of one or two words, a colon, the title.
_AUTHOR_COLON = regex(
    r"^(?P<author>(?:[A-Z]\.\s?){0,3}(?:[A-Z][\w’'-]+\s)?(?:(?:de|De|van|von|du|la|le)\s)?"
    r"[A-Z][\w’'-]+):\s+(?P<rest>[A-Z“\"‘].*)$"
)
# Where such a title ends: at a comma, or at the full stop before its imprint ("… in New
# Granada. London, 1860.").
_COLON_TITLE_END = regex(
    rf",\s|\.\s+(?=[A-Z][a-z]+(?: [A-Z][a-z]+)?,? [\[(]?{YEAR})"
)
_CLOSING_QUOTE = {"“": "”", '"': '"', "‘": "’"}
# A page the note ends on: ", p. 5", ", S.6", ", pp. 12-14".
_PAGE_PIN = regex(r",\s*(?:pp?\.|S\.|Seite|page)\s?\d+(?:\s?[-–]\s?\d+)?\.?\s*$")
_COLON_STYLE_MIN = 3  # notes written so before a document counts as using the style


def _author_colon(entry: Entry) -> tuple[str, str] | None:
    """(author, title) of a URL-less note written "Author: Title, …"."""
    if entry.has_urls or entry.inline or entry.listed or ": " not in entry.text[:60]:
        return None
    found = _AUTHOR_COLON.match(entry.text)
    if found is None:
        return None
    rest = found["rest"]
    if rest[0] in _CLOSING_QUOTE:
        close = rest.find(_CLOSING_QUOTE[rest[0]], 1)
        title = rest[1:close] if close > 0 else ""
    else:
        end = _COLON_TITLE_END.search(rest)
        title = rest[: end.start()] if end is not None else rest
    title = title.strip().rstrip(".,;: ")
    return (found["author"], title) if len(title) >= 3 else None


def _colon_style(entries: Sequence[Entry]) -> dict[int, tuple[str, str]]:
    """The notes written "Author: Title, p." in a document whose notes are mostly so (the
    19th-century style: "Bollaert: Antiquarian Researches in New Granada. London, 1860."),
    by position; none in a document where "Title: Subtitle" is only an occasional note.
    There the first note naming a work is its full citation, and a later one with that
    author and title repeats it, whatever it adds (another page, volume or plate)."""
    found = {position: named for position, entry in enumerate(entries)
             if (named := _author_colon(entry)) is not None}
    plain = sum(1 for entry in entries
                if not (entry.inline or entry.has_urls or entry.listed or is_ibid(entry.text)))
    if len(found) >= _COLON_STYLE_MIN and 2 * len(found) >= plain:
        return found
    # Elsewhere (notes mostly addresses), one author and title pinned to a page in two notes
    # or more ("Chris Griffith: Mobile App Development with Ionic 2, S.5", then "…, S.6") is a
    # work cited in full and then again.
    pinned = {position: named for position, named in found.items()
              if _PAGE_PIN.search(entries[position].text)}
    works = Counter((fold(author), fold(title)) for author, title in pinned.values())
    return {position: named for position, named in pinned.items()
            if works[fold(named[0]), fold(named[1])] > 1}


def _ditto_authors(entries: list[Entry]) -> list[Entry]:
    """Entries with a bibliography's "________. Title. …" read as the work of the authors of
    the entry above it, so that "Gordon, The Psychology of Music Teaching, 12." finds it."""
    if not any(entry.listed and DITTO.match(entry.text) for entry in entries):
        return entries
    found = list(entries)
    authors: tuple[str, ...] = ()
    for position, entry in enumerate(entries):
        if not entry.listed:
            continue
        mark = DITTO.match(entry.text)
        if mark is None:
            authors = entry.citation.authors
        elif authors:
            again = parse_citation(f"{' and '.join(authors)}. {entry.text[mark.end():].strip()}")
            citation = replace(again, authors=authors) if again.title else replace(
                entry.citation, authors=authors)
            found[position] = replace(entry, citation=citation)
    return found


# "… par le marché ». Voir, F. Cochoy, op. cit., 2011 p. 56.": a remark whose last sentence is
# an op. cit. by a named author (initials allowed), after a cue or none, with a locator at most.
_CLOSING_OP_CIT = regex(
    r"(?<=[.!?»”\"')])\s+(?:(?:See(?:\s+also)?|Voir(?:\s+aussi)?|Cf\.|Vgl\.|Siehe)[,:]?\s+)?"
    r"(?P<tail>(?:[A-Z]\.\s?(?:-?[A-Z]\.\s?)*)?[A-Z][\w'’-]+"
    r"(?:\s+(?:and|et|und|&)\s+(?:[A-Z]\.\s?)*[A-Z][\w'’-]+)?"
    r",?\s+(?:[Oo]p|[Ll]oc)\.?\s*cit\b[^!?«»“”\"]{0,40})$"
)


def _closing_op_cit(entry: Entry) -> Entry:
    """The note as its closing op. cit. when a remark (prose that cites nothing itself) ends
    with one: that sentence is what the note cites, and it repeats the author's work cited
    last. A note whose opening is a citation of its own keeps its text (it is full)."""
    if entry.has_urls or entry.inline or entry.listed or "cit" not in entry.text:
        return entry
    return _closing_source(entry, _CLOSING_OP_CIT, authors_allowed=True)


# "“Yann LeCun … pure scaling.” Ibid., p. 159.", "“… all relevant factors.” Id. at 43.": a
# quoted passage (or a remark) whose source is given last, as an Ibid. with a locator at most.
_CLOSING_IBID = regex(
    r"(?<=[.!?»”\"')])\s+(?:(?:[Ss]ee|[Cc]f\.|Voir|Vgl\.)[,:]?\s+)?"
    r"(?P<tail>(?:(?i:ib[ií]d(?:em)?)\b\.?|Id\.|Idem\b\.?|Ebd\.)"
    r"(?:,?\s*(?:at|pp?\.|paras?\.|ch\.|n\.)?\s*\d+(?:\s*(?:[-–,]|and)\s*\d+)*)?\.?)$"
)
_NAME_WORDS = 5  # "Jean-Baptiste de La Salle", "Martin Luther King Jr.": no name is longer
_CLOSING_IBID_HINT = regex(r"(?i)\bib[ií]d|\bId\.|\bIdem\b|\bEbd\.")


def _closing_ibid(entry: Entry) -> Entry:
    """The note as its closing Ibid. when a quotation or remark that names no author and cites
    nothing itself ends with one: the quotation is the note's content, the Ibid. its source.
    A note that opens with a citation of its own ("Smith, Title, p. 4. Ibid., p. 5.") keeps
    its text."""
    if entry.has_urls or entry.inline or entry.listed or not _CLOSING_IBID_HINT.search(
        entry.text
    ):
        return entry
    return _closing_source(entry, _CLOSING_IBID, authors_allowed=False)


def _closing_source(entry: Entry, closing: re.Pattern[str], *, authors_allowed: bool) -> Entry:
    """The note as the source its last sentence gives (``closing``'s "tail"), when what comes
    before it cites nothing itself (and, unless ``authors_allowed``, names no author)."""
    text = entry.text.strip()
    found = closing.search(text)
    if found is None:
        return entry
    head = text[: found.start()]
    citation = parse_citation(head)
    # A first "author" of many words is a translated passage's prose cut at its commas
    # ("On the opposite side Austria is pictured …, dressed in red and white, …"), no name.
    named = bool(citation.authors) and len(citation.authors[0].split()) <= _NAME_WORDS
    if (named and not authors_allowed) or _is_fullish(Entry(head, citation, False)):
        return entry
    tail = found["tail"]
    return replace(entry, text=tail, citation=parse_citation(tail))


def resolve(entries: Sequence[Entry]) -> list[Resolution]:
    """Each note's kind and references, in note order."""
    entries = _ditto_authors([_closing_op_cit(_closing_ibid(entry)) for entry in entries])
    index = Index()
    kinds: list[NoteKind | None] = []
    colon = _colon_style(entries)
    repeats: dict[int, int] = {}  # an "Author: Title" note → the earlier one it repeats
    heads: dict[int, list[str]] = {}  # full notes' opening titles, folded, as they are needed
    # "(henceforth cited as KpV)": the shorthands full notes gave their works, which later
    # notes cite them by: (the full note's position, the shorthand).
    shorthands: list[tuple[int, str]] = []
    for position, given in enumerate(entries):
        entry = given
        if not (entry.inline or entry.listed) and _opens_with_repeat(index, position, entry):
            # "Freeman, “Dissenters”, 129-56; Martin, 61-3; and Andrew D. Penny, Freewill … (…,
            # 1990), 103-24.": a note is typed by its first citation, a short form here.
            kinds.append(None)
            _index_later(index, position, entry)
            continue
        if entry.inline or entry.has_urls or entry.listed:
            kinds.append(NoteKind.FULL)
        elif position in colon:
            author, title = colon[position]
            named = fold(surname(author))
            target = match_form(index, position, ([named] if named else [], fold(title), None))
            if target is not None:
                repeats[position] = target
                kinds.append(None)
                continue
            kinds.append(NoteKind.FULL)
            # Indexed by the author and title the style gives (its colon confuses the fields).
            entry = replace(given, citation=replace(given.citation, authors=(author,),
                                                    title=title))
        elif "dem" in entry.text[:8] and _IDEM_TITLE.match(entry.text.strip()):
            kinds.append(None)  # "Idem, Physics, p. 55.": a short form by the last author
            continue
        elif is_ibid(entry.text):
            kinds.append(NoteKind.IBID)
            continue
        elif any(uses_shorthand(entry.text, name) for _, name in shorthands) and not (
            "MS" in entry.text and _MANUSCRIPT.search(entry.text)  # "ECL MS 260, fol. 64v."
        ):
            kinds.append(None)  # "TAMO (1563), 1335-6.": the shorthand a full note gave its work
            _index_later(index, position, entry)  # "…; see also Garrett, The Marian Exiles (…)"
            continue
        elif (
            _is_fullish(entry)
            and _short_form_only(entry) is False
            and not _repeats_by_author_date(index, position, entry)
        ) or _first_citation(index, position, entry):
            kinds.append(NoteKind.FULL)
        else:
            kinds.append(None)
            continue
        if kinds[-1] is NoteKind.FULL and (name := shorthand_of(entry.text)):
            shorthands.append((position, name))
        if not entry.inline:
            index.add(position, entry)
            _index_later(index, position, entry)

    labels: dict[str, int] = {}
    for position, entry in enumerate(entries):
        labels.setdefault(entry.label, position)
    # "General Comment No. 7 (2005)": numbered works full notes name with their year.
    dated: dict[tuple[str, str], int] = {}
    for position, entry in enumerate(entries):
        if kinds[position] is NoteKind.FULL and len(entry.text) <= 4000:
            for work, with_year in numbered_works(entry.text):
                if with_year:
                    dated.setdefault(work, position)
    named_cases: dict[str, list[tuple[int, tuple[str, str]]]] = {}  # see _case_repeat
    results: list[Resolution] = []
    for position, entry in enumerate(entries):
        kind = kinds[position]
        if _OWN_WORK.match(entry.text) and not entry.has_urls:
            # "Abbildung 1: eigene Abbildung vom 30.08.2022.": a figure the author made cites
            # no source, whatever list of credits it stands in.
            results.append(Resolution(NoteKind.COMMENT))
            continue
        if position in repeats:
            target = repeats[position]
            root = results[target].resolves_to
            problem = None if root is not None else DiagnosticCode.UNRESOLVED_SHORT
            results.append(Resolution(NoteKind.SHORT, target, root, problem))
            continue
        pinned = None if entry.listed or entry.inline or entry.has_urls or (
            kind is NoteKind.IBID) else _statute_pin_repeat(entries, position, kinds)
        if pinned is not None:
            results.append(Resolution(NoteKind.SHORT, pinned, results[pinned].resolves_to))
            continue
        if kind is NoteKind.FULL:
            # A bibliography lists each work once as a source of its own, even when a footnote
            # cited it in full before.
            repeated = None if entry.listed or position in colon else _repeat_of(
                index, position, entry
            )
            if repeated is None and not (entry.listed or entry.has_urls or entry.inline):
                repeated = _abbreviated_repeat(entries, position, kinds, heads)
            elif repeated is None and entry.has_urls and not (entry.listed or entry.inline):
                # "Trudeau II Report at paras. 51–55. … <https://…/Trudeau%20II%20Report.pdf>":
                # a pin cite by the short name of a work one earlier full note gives repeats
                # that work, the address written again or not (the note keeps its own).
                repeated = _named_pin_cite(entries, position, kinds, reporters=False)
                if repeated is None:
                    repeated = _linked_repeat(entries, index, position, entry)
            if repeated is not None and _other_publisher(entry, entries[repeated]):
                repeated = None
            if repeated is not None:
                results.append(Resolution(NoteKind.SHORT, points_to=repeated, resolves_to=repeated))
            else:
                results.append(Resolution(NoteKind.FULL, resolves_to=position))
            continue
        if kind is NoteKind.IBID:
            results.append(_ibid(position, entries, results))
            continue
        if _glosses(entry):
            results.append(Resolution(NoteKind.COMMENT))
            continue
        before = _authors_again(entries, position, results)
        if before is not None:
            results.append(Resolution(NoteKind.SHORT, before, results[before].resolves_to))
            continue
        idem = _IDEM_TITLE.match(entry.text.strip()) if "dem" in entry.text[:8] else None
        rivals: tuple[int, ...] = ()
        form = _idem_form(idem["title"], entries, results) if idem else _short_form(entry)
        target = _cross_reference(entries, position, labels)
        if target is not None and results[target].kind is NoteKind.COMMENT and idem is None:
            # "Giuffrida, Lederer & Vermeys, supra note 1" where note 1 is the author's
            # biography: the number was copied from another printing; the names tell the work.
            target = next((found for reading in [*_names_before_supra(entry.text),
                                                 *_readings(entry, form)]
                           if (found := match_form(index, position, reading)) is not None),
                          target)
        if target is None and idem is None:
            target = _numbered_repeat(dated, position, entry.text)
        if target is None and idem is None:
            target = next((earlier for earlier, name in shorthands
                           if earlier < position and uses_shorthand(entry.text, name)), None)
        if target is None and idem is None:
            target = _named_pin_cite(entries, position, kinds)
        case = case_short_form(entry.text) if idem is None else None
        if target is None and case is not None:
            target = _case_repeat(entries, position, kinds, case, named_cases)
        keyed = _KEYED.match(entry.text.strip()) if idem is None and case is None else None
        if target is None and keyed is not None and labels.get(keyed["key"], position) != position:
            target = labels[keyed["key"]]  # the source listed under that key
        if idem is not None:
            target = match_form(index, position, form) if form is not None else None
        elif target is None:
            # The first reading that matches wins: the parsed fields, then the other ways a
            # comma-separated short form can split into authors and title.
            cited = [r.resolves_to for r in results] if _OP_CIT.search(entry.text) else None
            for reading in _readings(entry, form):
                target = match_form(index, position, reading, work_cited=cited)
                if target is not None:
                    break
            if target is None:
                rivals = next((works for reading in _readings(entry, form)
                               if len(works := dated_works(index, position, reading)) > 1), ())
            if target is None and cited is not None and entry.context:
                target = _op_cit_in_body(entries, position, results)
        if target is None and idem is None:
            # A remark that cites a work inside its prose ("… (Kerckhoffs 1883), which …")
            # repeats it, whatever its words parse as (a quoted title, garbled "authors").
            target = _cited_within(index, position, entry.text)
            if target is None and form is None:
                target = _named_work(index, position, entry)
        if target is None and idem is None and form is not None and form[2] is not None \
                and not rivals:
            target = _misspelt_author(entries, position, form)
        if target is None and rivals:
            # "Smith 2000, p. 3" where two works of Smith's are dated 2000 and nothing (a
            # "2000a", a title) tells them apart: reported with the works it can mean.
            results.append(Resolution(NoteKind.SHORT, problem=DiagnosticCode.AMBIGUOUS_SHORT,
                                      candidates=rivals))
        elif target is not None:
            # A cross-reference may name an Ibid. or short note: follow it to its root.
            root = results[target].resolves_to if target < position else target
            if (
                target < position
                and results[target].kind is NoteKind.SHORT
                and _gives_in_full(entries[target], form)
            ):
                root = target  # the work that short note cites in full after its short form
            problem = None if root is not None else DiagnosticCode.UNRESOLVED_SHORT
            results.append(Resolution(NoteKind.SHORT, target, root, problem))
        elif _closes_by_author_date(entry) and _is_fullish(entry):
            # "…, see Gordon (1997), pp. 86-136." citing a work no note or list gives: it
            # names that work all the same, as it did before short forms were looked for.
            results.append(Resolution(NoteKind.FULL, resolves_to=position))
        elif entry.bibliography or (entry.reference_list and not _pointer(entry)
                                    and not entry.contact and _title_cased(entry.text)):
            # An entry of a list of sources that repeats none of the others is a source of its
            # own, however little it says ("“Official page on Gwinnett County Website”.", a
            # numbered "References" entry that is only a report's title in title case; a
            # remark there, "7 of 10 hospitals joined the Consortium", is not).
            results.append(Resolution(NoteKind.FULL, resolves_to=position))
        elif (form is not None and not _pointer(entry) and not entry.contact
              and not _AFFILIATION.match(entry.text) and _reads_as_short_form(entry, form)):
            if entry.reference_list:
                # "[14] B. McCloskey. Personal communication.": a list of sources names each
                # once; what repeats none of them is a source, however briefly given.
                results.append(Resolution(NoteKind.FULL, resolves_to=position))
            else:
                results.append(
                    Resolution(NoteKind.SHORT, problem=DiagnosticCode.UNRESOLVED_SHORT)
                )
        elif (case is not None or keyed is not None
              or (idem is None and reporter_pin(entry.text) is not None)
              ) and not entry.reference_list:
            # "Shreya Singhal v UOI." with no earlier note naming the case, "self2003, 17."
            # with no source listed under that key: a short form all the same (legal writing
            # repeats a case by its name; a citation key names a bibliography entry), its full
            # citation missing.
            results.append(Resolution(NoteKind.SHORT, problem=DiagnosticCode.UNRESOLVED_SHORT))
        elif (titled := _titled_within(index, position, entry)) is not None:
            results.append(Resolution(NoteKind.SHORT, titled, titled if titled > position
                                      else results[titled].resolves_to))
        elif (closing := _closing_short_form(index, position, entry)) is not None:
            results.append(Resolution(NoteKind.SHORT, closing, closing if closing > position
                                      else results[closing].resolves_to))
        elif "at" in entry.text and _FILING.search(entry.text):
            # "Mozilla Comments at 20.": a filing in an agency's docket, which rulemakings cite
            # by its filer and kind alone; a note naming it earlier would have been matched.
            results.append(Resolution(NoteKind.FULL, resolves_to=position))
        else:
            results.append(Resolution(NoteKind.COMMENT))
    return results


# An abbreviation in the sentence citing a note: "ECC", "ECDSA", "DoS", "NGOs".
_ABBREVIATION = regex(r"\b[A-Z][A-Za-z]{0,8}[A-Z]s?\b")
# Words alone, joined by spaces, hyphens or slashes: "elliptic-curve discrete logarithm problem".
_GLOSS = regex(r"[^\W\d_]+(?:[ /-]+[^\W\d_]+){1,7}")
_GLOSS_WORD = regex(r"[^\W\d_]+")
_GLOSS_SKIPPED = frozenset({"of", "the", "and", "for", "in", "on", "to", "a", "an", "by",
                            "de", "der", "die", "das", "des", "und", "für", "la", "le", "et"})


# A credit for the author's own figure, after its figure's label if any: "Abbildung 2-3: eigene
# Abbildung, vom 16.10.2022.", "Figure 4: Own illustration.", "Source: author's own work".
_OWN_WORK = regex(
    r"(?i)^\s*(?:(?:abbildung|abb\.|figure|fig\.|tabelle|tab\.|table|grafik|source|quelle)"
    r"\s*[\d\s.,–-]*[:.]?\s*)?(?:eigene\s+(?:abbildung|darstellung|aufnahme|grafik|tabelle)"
    r"|own\s+(?:illustration|figure|work|photo(?:graph)?|drawing|image)|(?:the\s+)?author'?s?’?s?"
    r"\s+own(?:\s+\w+)?)\b[^()\[\]]{0,60}$"
)


def _glosses(entry: Entry) -> bool:
    """Whether a note only spells out an abbreviation of the sentence that cites it ("… RSA
    ECC¹ …", "¹ Elliptic curve cryptography"; "(ECDSA²)", "² Elliptic Curve Digital Signature
    Algorithm"): a gloss, not a short title, whatever work's title holds those words."""
    text = entry.text.strip().rstrip(".")
    if (not entry.context or entry.listed or entry.bibliography or entry.reference_list
            or len(text) > 100 or not _GLOSS.fullmatch(text)):
        return False
    words = _GLOSS_WORD.findall(text)
    initials = "".join(w[0] for w in words).casefold()
    content = "".join(w[0] for w in words if w.casefold() not in _GLOSS_SKIPPED).casefold()
    return any(found.rstrip("s").casefold() in (initials, content)
               or found.casefold() in (initials, content)
               for found in _ABBREVIATION.findall(entry.context))


# A filing in an agency's docket cited with a pin, as rulemakings cite it: "Mozilla Comments at
# 20", "AT&T Reply at 3", "(Public Knowledge) Comments at 52-53", "Verizon Petition at 4".
_FILING = regex(
    r"\b[A-Z][\w&.’'-]*\)?\s+(?:(?:Reply\s+)?Comments|Reply|Petition|Ex\s+Parte(?:\s+Letter)?)"
    r"\s+at\s+\d"
)


_LONG_WORD = regex(r"[^\W\d_][\w’'-]{3,}")


def _title_cased(text: str) -> bool:
    """Whether ``text`` opens like a title in title case: of its first twelve words of four
    letters or more, at least four and three in five are capitalised."""
    words = _LONG_WORD.findall(text)[:12]
    capitals = sum(1 for word in words if word[0].isupper())
    return capitals >= 4 and capitals * 5 >= len(words) * 3


# Whom a body sentence quotes or names: "Mr. Schoolcraft, in a foot-note, affirms:",
# "Warren remarks", "the Rev. Peter Jones".
_BODY_AUTHOR = regex(
    r"\b(?:Mr|Mrs|Dr|Prof|Rev(?:\.\s+Mr)?)\.\s+(?:(?:[A-Z]\.\s?)+|[A-Z][a-z]+\s+(?=[A-Z]))?"
    r"(?P<a>[A-Z][\w’'-]{2,})"
    r"|\b(?P<b>[A-Z][\w’'-]{2,})\s+(?:says|said|remarks|affirms|states|writes|observes|adds)\b"
)


def _op_cit_in_body(
    entries: Sequence[Entry], position: int, done: Sequence[Resolution]
) -> int | None:
    """The work an "Op. cit., p. 25." names through its body sentence ("Mr. Warren remarks"):
    the one earlier full note whose own body sentence, or authors, name that author — and
    only when exactly one does (a pronoun, "he says", or two candidates resolve nothing)."""
    names = {found["a"] or found["b"] for found in _BODY_AUTHOR.finditer(entries[position].context)}
    named = [re.compile(rf"\b{re.escape(name)}\b") for name in names]
    return _sole_earlier_full(
        entries, position, lambda earlier: done[earlier].kind is NoteKind.FULL,
        lambda entry: any(name.search(entry.context)
                          or any(name.search(a) for a in entry.citation.authors)
                          for name in named),
    )


def _sole_earlier_full(
    entries: Sequence[Entry],
    position: int,
    full: Callable[[int], bool],
    names_it: Callable[[Entry], bool],
) -> int | None:
    """The one full note before ``position`` (not an inline citation) that ``names_it``; None
    when none does or several do: a name two works share is a guess, not a resolution."""
    holders = [earlier for earlier in range(position)
               if full(earlier) and not entries[earlier].inline and names_it(entries[earlier])]
    return holders[0] if len(holders) == 1 else None


def _idem_form(
    title: str, entries: Sequence[Entry], done: Sequence[Resolution]
) -> tuple[list[str], str, str | None] | None:
    """"Idem, Physics.": the title given, by the authors of the last note that cites a work."""
    for earlier in range(len(done) - 1, -1, -1):
        root = done[earlier].resolves_to
        if entries[earlier].inline or root is None:
            continue
        names = [fold(surname(a)) for a in entries[root].citation.authors if surname(a)]
        return ([n for n in names if n], fold(title), None) if names else None
    return None


# A note that is a bibliography's citation key and a locator at most: "self2003, 17.",
# "clayton1967coldwar: 449--473.", "@smith2010, p. 4" (pandoc, BibTeX and Zotero keys: lower-case
# letters, a year, perhaps a word after it).
_KEYED = regex(
    r"^@?(?P<key>[a-z][a-z_-]*(?:1[5-9]|20)\d\d[a-z_-]*)"
    r"(?:[:,]?\s*(?:(?:pp?\.|at)\s*)?\d+(?:\s*[-–]{1,2}\s*\d+)?)?\.?$"
)


def _case_repeat(
    entries: Sequence[Entry],
    position: int,
    kinds: Sequence[NoteKind | None],
    case: tuple[str, str],
    named: dict[str, list[tuple[int, tuple[str, str]]]],
) -> int | None:
    """The earliest full note before ``position`` naming the case a short case note names
    ("Shreya Singhal v UOI." after "…, Shreya Singhal v Union of India, WP … (2015), https://…").
    ``named``: the cases full notes name, by the first party's last word, filled once per
    document when the first short case note needs it (a note list is not scanned per note)."""
    if not named:
        named[""] = []
        for earlier, entry in enumerate(entries):
            if kinds[earlier] is NoteKind.FULL and not entry.inline and " v" in entry.text:
                for full in cases_named(entry.text):
                    if full[0]:
                        named.setdefault(full[0].split()[-1], []).append((earlier, full))
    first = case[0].split()
    for earlier, full in named.get(first[-1] if first else "", []):
        if earlier >= position:
            break
        if same_case(case, full):
            return earlier
    return None


def _later_citations(entry: Entry) -> list[Entry]:
    """The second and later works a note cites, each findable by a short form.

    "Garino and Gibson, “Space System Threats,” …, p. 274; Todd Harrison, Future of MILSATCOM
    (…, 2013), p. 10; …" is cited again as "Harrison, Future of MILSATCOM, 11": that short form
    repeats this note, though not its first work.
    """
    if len(entry.text) > 2000 or (";" not in entry.text and "ee " not in entry.text):
        return []
    found = []
    # A work cited in a sentence of its own counts as well: "…; and M. E. J. Newman, Networks
    # (…, 2010). For a general overview, see Albert-László Barabási, Linked (…, 2002)."
    pieces = [
        part
        for number, piece in enumerate(entry.text.split(";"))
        for part in _LATER_SENTENCE.split(piece)[(1 if number == 0 else 0) :]
    ]
    for raw in pieces:
        piece = raw.strip()
        if len(piece.split()) < 3:
            continue
        citation = parse_citation(piece)
        if citation.title and (citation.authors or citation.date or citation.container):
            found.append(replace(entry, text=piece, citation=citation))
    return found


# A later sentence that cites another work: ". See also …", ". For a general overview, see …".
_LATER_SENTENCE = regex(
    r"(?<=[.)])\s+(?:[A-Z][^.;]{0,60}?,\s+)?(?:[Ss]ee(?:\s+also)?)\s+(?=[A-Z“\"‘])"
)
_AUTHORLESS_TAIL = 6  # words after an author-less short form's title: a locator, a date


def _reads_as_short_form(entry: Entry, form: tuple[list[str], str, str | None]) -> bool:
    """Whether a note that matched nothing still reads as a short form, not as a comment.

    "Jones, “Reforming Candidate Registration,” 4." does; "As Smith notes, “the war is over.”"
    and "During 2019, the mission expanded." do not.
    """
    names, title, year = form
    words = len(entry.text.split())
    if title:
        title_text = entry.citation.title or ""
        # Without an author, only a locator may follow the title ("“Reforming…,” 4."): a
        # sentence after a quoted word ("“Secure” in this context means …") is a remark.
        rest = words - len(title_text.split())
        at = entry.text.find(title_text) if title_text else -1
        after = entry.text[at + len(title_text):] if at >= 0 else ""
        return (
            title_text[:1].isupper()
            and words <= 30
            and all(name_like(author) for author in entry.citation.authors)
            and (bool(entry.citation.authors) or rest <= _AUTHORLESS_TAIL)
            # A short form ends after its title with a page at most: "Sr Purchasing Manager,
            # Global Procurement, Israel thought this was a bad idea because …" goes on as prose.
            and len(after.split()) <= _MAX_AFTER_SHORT_TITLE
            and not _explains(entry.text, title_text)
            # "Poe's “Raven” has much of this character.": a work named as a sentence's
            # subject, by its author's possessive, and a remark about it.
            and not (_POSSESSIVE_AUTHOR.search(" ".join(entry.citation.authors))
                     and _WORDS_AFTER.search(after))
        )
    if names and words <= 8 and _OP_CIT.search(entry.text):
        return True  # "See Ofcom, op. cit." with two Ofcom works: say so, do not guess
    if names and year is None and _AUTHOR_PAGE.fullmatch(entry.text.strip()):
        return True  # "Lessing, 239.": Chicago's short form of an author's one work
    return year is not None and words <= 8 and bool(names)


_GIVEN_NAME_FIRST = regex(
    r"^(?:[A-Z]\.\s?){0,2}[A-Z][a-z][\w’'-]*(?:\s+[A-Z]\.)?\s+[A-Z][\w’'-]*[a-z][\w’'-]*$"
)


# Words that make a two-word "name" an organisation's, which short forms name whole.
_ORGANISATION_WORDS = frozenset(
    {
        "bank", "watch", "institute", "organization", "organisation", "council", "foundation",
        "association", "agency", "ministry", "department", "office", "group", "centre",
        "center", "commission", "university", "college", "school", "academy", "society",
        "committee", "fund", "forum", "union", "nations", "times", "post", "news", "press",
        "service", "services", "network", "project", "initiative", "trust", "board",
        "authority", "bureau", "court", "company", "corporation", "inc", "ltd", "lab", "labs",
        "team", "review", "journal", "library", "museum", "government", "parliament",
        "assembly", "party", "coalition", "alliance", "partnership", "institution", "research",
        "affairs", "international", "national", "united", "world", "global", "european",
        "american", "federal", "state", "city", "county", "police", "army", "health",
    }
)  # fmt: skip


def _first_citation(index: Index, position: int, entry: Entry) -> bool:
    """Whether a note that reads as an author and a title, repeating no earlier note, names
    its author given name first ("From Edward Tufte, Visual Display of Quantitative
    Information, page 92.", "Kenji Hall, "The PlayStation 2 Still Rocks.""), as a first
    citation does, its imprint left out; a short form gives the surname alone."""
    if len(entry.citation.authors) != 1 or entry.inline or entry.listed:
        return False
    words = entry.citation.authors[0].split()
    while words and words[0].lower() in _NOT_NAMES:
        words = words[1:]
    if not _GIVEN_NAME_FIRST.match(" ".join(words)) or _ORGANISATION_WORDS & {
        word.lower().strip(".") for word in words
    }:
        return False  # ("World Bank, “Mali Security Report.”": an organisation, named whole)
    form = _short_form(entry)
    return (
        form is not None and bool(form[1])
        and not _pointer(entry) and not entry.contact and not _AFFILIATION.match(entry.text)
        and _reads_as_short_form(entry, form)
        and match_form(index, position, form) is None
    )


_SHORT_TITLE_WORDS = 6  # a short form shortens its title; an unquoted one longer than this…


def _explains(text: str, title: str) -> bool:
    """Whether the "title" of a note read as "Author. Title." is a sentence explaining a term:
    "Serializer-Deserializer. Such interfaces can be configured to support various PHY
    adapters." A short form's title is short, quoted or capitalised as a title; this is long,
    unquoted and in lower case past its first word."""
    words = title.split()
    if len(words) <= _SHORT_TITLE_WORDS or any(q in text for q in "“”\"«»"):
        return False
    lower = sum(1 for word in words[1:] if word[:1].islower() and word.lower() not in _MINOR)
    return lower * 2 > len(words) - 1


_MINOR = frozenset({"a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "at", "by",
                    "with", "from", "as", "but", "nor", "vs"})
_POSSESSIVE_AUTHOR = regex(r"\w['’]s$")
_WORDS_AFTER = regex(r"\b[a-z]{3,}\b")


# "Lessing, 239.", "Smith and Jones, pp. 12–14.": a surname (or two) and a page, nothing else —
# the short form of a work cited in full elsewhere (perhaps in another chapter of the book).
_AUTHOR_PAGE = regex(
    r"[A-Z][\w'’.-]+(?:\s+(?:and|&)\s+[A-Z][\w'’.-]+)?,\s*(?:pp?\.\s*)?\d{1,5}"
    r"(?:\s*[-–]\s*\d{1,5})?\.?"
)


# "… by EIP-3529 by Buterin and Swende [2021] in the London release": an author–year citation
# inside a remark, its year bracketed as natbib and biblatex print it.
_CITED_WITHIN = regex(
    rf"(?P<names>{_CITED_NAME}(?:\s+(?:and|&)\s+{_CITED_NAME}|,?\s+et\s+al\.?)?)"
    rf"\s+[\[(](?P<year>{YEAR})[a-z]?[\])]"
)
# "… in his “La Cryptographie Militaire” (Kerckhoffs 1883), which …": the parenthetical
# author–date form, names and year inside the brackets (a page may follow the year).
_CITED_IN_BRACKETS = regex(
    rf"[\[(](?P<names>{_CITED_NAME}(?:\s+(?:and|&)\s+{_CITED_NAME}|,?\s+et\s+al\.?)?)"
    rf",?\s+(?P<year>{YEAR})[a-z]?(?:,\s*(?:pp?\.\s*)?\d[\d\s–-]{{0,12}})?[\])]"
)


# "(see Baker 1976; Berend and Paroush 1998; Owen, Grofman, and Feld 1989)": several
# author–date citations in one pair of brackets, each after a cue ("see", "cf.", "and") at most.
_BRACKETED_GROUP = regex(r"[\[(](?P<inside>[^()\[\]]{1,600};[^()\[\]]{1,600})[\])]")
_GROUP_ITEM = regex(
    r"^\s*(?:(?:[Ss]ee(?:\s+also)?|[Cc]f\.|[Ee]\.g\.,?|and|&)\s+)*"
    rf"(?P<names>{_CITED_NAME}(?:(?:,\s+|,?\s+and\s+|,?\s*&\s*){_CITED_NAME})*"
    r"(?:,?\s+et\s+al\.?)?)"
    # "Kanazawa1998": a space lost between the name and the year.
    rf",?\s*(?P<year>{YEAR})[a-z]?(?:,\s*(?:pp?\.\s*)?\d[\d\s–-]{{0,12}})?\s*$"
)


def _group_items(text: str) -> list[tuple[int, str, str]]:
    """(position, names, year) of each citation in a bracketed group of several."""
    items = []
    for group in _BRACKETED_GROUP.finditer(text):
        at = group.start("inside")
        for part in group["inside"].split(";"):
            item = _GROUP_ITEM.match(part)
            if item is not None:
                items.append((at, item["names"], item["year"]))
            at += len(part) + 1
    return items


def _cited_within(index: Index, position: int, text: str) -> int | None:
    """The reference a remark cites inside its prose by author and bracketed year, if one
    matches: the remark is then a short form of it (the first cited, of several)."""
    if "[" not in text and "(" not in text:
        return None
    found_all = [(found.start(), found["names"], found["year"])
                 for found in (*_CITED_WITHIN.finditer(text), *_CITED_IN_BRACKETS.finditer(text))]
    if ";" in text:
        found_all += _group_items(text)
    for _, cited, year in sorted(found_all):
        bare = re.sub(r",?\s+et\s+al\.?$", "", cited)
        names = [fold(n) for n in re.split(r",?\s+(?:and|&)\s+|,\s+", bare) if n.strip()]
        if names:
            # "While Balashov (2020) primarily targets …": the capitalised word opening the
            # sentence is no part of the first author's name.
            words = names[0].split()
            while words and words[0] in _NOT_NAMES:
                words.pop(0)
            names[0] = " ".join(words)
        if not names or not all(names) or any(n.split()[0] in _NOT_NAMES for n in names):
            continue
        target = match_form(index, position, (names, "", year))
        if target is not None:
            return target
    return None


def _named_work(index: Index, position: int, entry: Entry) -> int | None:
    """The source a bare title names ("Paul Thomas Annotated: In the Margins."; its italics
    gone, nothing parses): the first whose title, or words before its URL, are that title."""
    citation = entry.citation
    if citation.authors or citation.title or citation.date or any(c.isdigit() for c in entry.text):
        return None
    title = fold(entry.text)
    if not 2 <= len(title.split()) <= 12:
        return None
    # Only sources sharing a word with it can match (a full notes' list is not scanned per
    # note: that made 10,000 notes take 16 s); in document order, the first one wins.
    slots: set[int] = set()
    for word in set(title.split()):
        slots.update(index.by_word.get(word, ()))
        slots.update(index.by_surname.get(word, ()))
    for slot in sorted(slots):
        target = index.targets[slot]
        if target.position != position and title_score(title, target.title or target.work) >= 100:
            return target.position
    # A note that is only an institution's name ("Statistisches Bundesamt") cites the one work
    # listed under that author; with two or more it names none of them.
    by_author = {target.position for slot in slots
                 if (target := index.targets[slot]).position != position and target.authors
                 and fold(" ".join(target.authors)) == title}
    return by_author.pop() if len(by_author) == 1 else None


# Where a remark hands over to the work it cites: "…; Chapuis and Droz, Automata, chap. 7.",
# "On the significance of pietre dure, see Koeppe, Art of the Royal Court, 55–70."
_HANDOVER = regex(r";\s+|,?\s+\b(?:[Ss]ee(?:\s+also)?|[Cc]f\.)\s+(?=[A-Z“\"‘])")
_HANDOVER_TEXT = 1500  # characters: a longer note is an essay, not a remark with a source


def _closing_short_form(index: Index, position: int, entry: Entry) -> int | None:
    """The work a remark's closing short form repeats, after a ";" or a "see": the remark
    is that short form with words of its own before it. Only a match counts: a remark whose
    tail matches no work stays a comment."""
    if len(entry.text) > _HANDOVER_TEXT or (";" not in entry.text and "ee " not in entry.text
                                            and "f. " not in entry.text):
        return None
    for cue in _HANDOVER.finditer(entry.text):
        piece = entry.text[cue.end() :].split(";", 1)[0].strip()
        if len(piece.split()) < 2:
            continue
        tail = replace(entry, text=piece, citation=parse_citation(piece))
        for reading in _readings(tail, _short_form(tail)):
            target = match_form(index, position, reading)
            if target is not None:
                return target
    return None


_TITLED_WORDS = 3  # a title named inside a remark: at least this many words…
_TITLED_REMARK = 40  # …in a remark at most this long (words)


def _titled_within(index: Index, position: int, entry: Entry) -> int | None:
    """The source whose whole title a remark names in its prose ("Per the most recent data,
    reported by the 2015 PSA Census of Population." and the list's "Philippine Statistics
    Authority. (2015). 2015 Census of Population."): the remark points to it. The author's
    initials may stand inside the title's words ("2015 PSA Census"); a title of fewer than
    three words is too likely a phrase of the remark's own."""
    if entry.reference_list or entry.bibliography:
        return None
    words = fold(entry.text).split()
    if len(words) > _TITLED_REMARK:
        return None
    slots: set[int] = set()
    for word in set(words):
        slots.update(index.by_word.get(word, ()))
    for slot in sorted(slots):
        target = index.targets[slot]
        title = target.title.split()
        if target.position == position or len(title) < _TITLED_WORDS:
            continue
        initials = target.acronyms()
        said = [word for word in words if word not in initials] if initials else words
        if any(said[at : at + len(title)] == title for at in range(len(said) - len(title) + 1)):
            return target.position
    return None


def _numbered_repeat(
    dated: dict[tuple[str, str], int], position: int, text: str
) -> int | None:
    """The earlier full note that named, with its year, the numbered work this note names
    without one: "General Comment No. 12, para. 27" after "General Comment No. 12 (2009) …".
    ``dated``: each numbered work to the first full note naming it with its year."""
    if len(text) > 400 or not dated:
        return None
    work = next((work for work, with_year in numbered_works(text) if not with_year), None)
    earlier = dated.get(work) if work is not None else None
    return earlier if earlier is not None and earlier < position else None
# An author's affiliation, as a title's or author's note gives it: "Trinity Western University,
# GAME 471 …", "Department of History, …" — where the author works, no work cited in short.
_AFFILIATION = regex(
    r"^\s*(?:[^,.;]{0,60}\b(?:University|Universit[éäà]t?|College|Institute|Polytechnic)\b"
    r"|(?:Department|Faculty|School) of\b)[^,.;]{0,60}(?:,|$)"
)


def _pointer(entry: Entry) -> bool:
    """A remark pointing at a quoted name, not a work: 'For exceptions, see "Values" section
    below' (an author-less note whose words beyond the title are more than a locator's few)."""
    title = entry.citation.title
    return (
        bool(title)
        and not entry.citation.authors
        and len(entry.text.split()) - len((title or "").split()) > _POINTER_WORDS
    )


_POINTER_WORDS = 3


def _named_pin_cite(
    entries: Sequence[Entry], position: int, kinds: Sequence[NoteKind | None],
    *, reporters: bool = True,
) -> int | None:
    """The earlier full note whose short name a Bluebook pin cite opens with ("OLC Op. at 257"
    after "… 24 Op. O.L.C. 222 (2000) (OLC Op.)"): only when exactly one full note before it
    gives that name; two would make it a guess. Else, with ``reporters``, the case a reporter
    pin cite repeats."""
    name = name_at_page(entries[position].text)
    if name is None:
        return _reporter_repeat(entries, position, kinds) if reporters else None
    return _sole_earlier_full(entries, position, lambda earlier: kinds[earlier] is NoteKind.FULL,
                              lambda entry: states_name(entry.text, name))


_MISSPELT_NAME = 88.0  # how alike (rapidfuzz ratio) a misspelt author is to the listed one
_MISSPELT_LENGTH = 10  # …and how long, so a short name's one letter is not forgiven


def _misspelt_author(
    entries: Sequence[Entry], position: int, form: tuple[list[str], str, str | None]
) -> int | None:
    """The one listed entry of a short form's year whose author it names misspelt or declined
    ("Kraftfahr-Bundesamtes (2018)" for "Kraftfahrt-Bundesamt (2018): Bestand …"), when no
    author matched as written; two such entries, or a short name, make it a guess."""
    names, _, year = form
    named = " ".join(names)
    if year is None or len(named) < _MISSPELT_LENGTH:
        return None
    found = [
        at for at, entry in enumerate(entries)
        if entry.listed and at != position and entry.citation.authors
        and year in (entry.citation.date or "")
        and fuzz.ratio(named, fold(" ".join(entry.citation.authors))) >= _MISSPELT_NAME
    ]
    return found[0] if len(found) == 1 else None


def _statute_pin_repeat(
    entries: Sequence[Entry], position: int, kinds: Sequence[NoteKind | None]
) -> int | None:
    """The earlier full note that first gives, in brackets, the short title a note cites by an
    article or recital pin: "Art. 3 Abs. 1 Data Act" after "Verordnung (EU) 2023/2854 … (Data
    Act), ABl. L …". Legal writing repeats a statute so; a later note naming the title in
    passing ("… gemäß Verordnung (EU) 2023/2854 (‚Data Act‘)") does not define it again."""
    text = entries[position].text
    if "Art" not in text and "§" not in text and "Erw" not in text and "Rec" not in text:
        return None
    given: dict[str, int] = {}
    for earlier in range(position):
        if kinds[earlier] is NoteKind.FULL and not entries[earlier].inline:
            for name in short_titles_given(entries[earlier].text):
                given.setdefault(name, earlier)
    pinned = pinned_titles(text, list(given)) if given else None
    return None if pinned is None else given[pinned]


def _reporter_repeat(
    entries: Sequence[Entry], position: int, kinds: Sequence[NoteKind | None]
) -> int | None:
    """The earlier full note a reporter pin cite repeats ("Verizon, 740 F.3d at 645-46." after
    "Verizon v. FCC, 740 F.3d 623 (D.C. Cir. 2014)."): one that names it and cites that volume
    of that reporter from a first page at or before the pin, the nearest such page."""
    pin_cite = reporter_pin(entries[position].text)
    if pin_cite is None:
        return None
    name, volume, reporter, pin = pin_cite
    found: list[tuple[int, int]] = []  # (first page, note)
    for earlier in range(position):
        entry = entries[earlier]
        if kinds[earlier] is not NoteKind.FULL or entry.inline or not states_name(entry.text, name):
            continue
        first = reported_at(entry.text, volume, reporter, pin)
        if first is not None:
            found.append((first, earlier))
    if not found:
        return None
    nearest = max(first for first, _ in found)
    return min(earlier for first, earlier in found if first == nearest)


_NAME_SEPARATOR = regex(r",\s*|\s*&\s*|\s+and\s+")


def _names_before_supra(text: str) -> list[tuple[list[str], str, None]]:
    """"Giuffrida, Lederer & Vermeys, supra note 1": the surnames before "supra", as a short
    form by authors alone (none when the text before it is no list of names)."""
    match = _SUPRA.search(text)
    if match is None:
        return []
    pieces = [piece.strip() for piece in _NAME_SEPARATOR.split(text[: match.start()].strip(" ,;"))]
    if not pieces or not all(pieces) or len(pieces) > 4 or not all(
            name_like(piece) for piece in pieces):
        return []
    names = [fold(surname(piece)) for piece in pieces]
    return [(names, "", None)] if all(names) else []


def _cross_reference(entries: Sequence[Entry], position: int, labels: dict[str, int]) -> int | None:
    """An earlier note named by number: "Smith, supra note 3, at 5", "See note 3 above"."""
    match = _SUPRA.search(entries[position].text)
    if match is None:
        return None
    target = labels.get(match["a"] or match["b"] or match["c"] or match["d"] or match["e"] or "")
    if target is None or target >= position:
        return None
    return target


def _repeat_of(index: Index, position: int, entry: Entry) -> int | None:
    """The earlier full note that a URL-less citation abbreviates, if it does.

    "Acton, Entanglement and Escalation (2017), 12." after the book's full citation repeats it
    and stands on its URL. A citation as complete as the earlier one is full in its own right,
    even of the same work (another chapter, page or printing of one book; one report filed by
    two archives): it is what the reader is given there. Only a near-identical title by the same
    authors, of the same year, in a note clearly shorter than the earlier one, counts.
    """
    title = entry.citation.title
    if entry.has_urls or entry.inline or not title or title[0].islower():
        return None  # (a quoted word in prose, "“continue” means “adjourn”", is no title)
    form = _short_form(entry)
    if form is None:
        return None
    years = YEARS.findall(entry.citation.date or "")
    target = match_form(index, position, form, earlier_only=True, years=frozenset(years))
    if target is None:
        return None
    title, text = index.work_of(target, form[1])
    if len(entry.text) > _ABBREVIATED * len(text):
        return None
    if not form[0] and title != form[1]:
        return None  # without authors, "The Four Freedoms" is not "The Four Freedoms were …"
    return target


def _gives_in_full(entry: Entry, form: tuple[list[str], str, str | None] | None) -> bool:
    """Whether a short note ("TAMO (1563), 1781. See also …; and Christina Hallowell Garrett,
    The Marian Exiles (…, 1938), 121-2.") cites in full, after its short form, the work whose
    authors ``form`` names."""
    if form is None or not form[0]:
        return False
    laters = _later_citations(entry)
    return any(
        later.citation.date and all(name in fold(later.text) for name in form[0])
        for later in laters
    )


_CLOSING_PAGES = regex(r",\s*(?:pp?\.\s*)?[\divxlc]{1,5}(?:\s*[-–]\s*[\divxlc]{1,5})?\.?$")


def _opens_with_repeat(index: Index, position: int, entry: Entry) -> bool:
    """Whether a note citing several works opens with a short form (author and title) of an
    earlier note's work, with no URL of its own in that first citation."""
    if ";" not in entry.text or len(entry.text) > 2000:
        return False
    head = entry.text.split(";", 1)[0].strip()
    if (
        "://" in head
        or "www." in head
        or len(head.split()) > _MAX_AFTER_SHORT_TITLE + 4
        or _CLOSING_PAGES.search(head) is None  # "Berners-Lee, Tim; Connolly, …": more names
    ):
        return False
    first = replace(entry, text=head, citation=parse_citation(head), has_urls=False, urls=())
    form = _short_form(first)
    if form is None or not form[0] or not form[1] or _is_fullish(first):
        return False
    return match_form(index, position, form, earlier_only=True) is not None


def _index_later(index: Index, position: int, entry: Entry) -> None:
    """Index the second and later works ``entry`` cites that no earlier note gave."""
    for later in _later_citations(entry):
        # A work an earlier note cites, named again in a list of sources ("…; Marazzi,
        # ‘Summer School’."), is that note's: a short form of it repeats the earlier one.
        again = _short_form(later)
        if again is None or match_form(index, position, again, earlier_only=True) is None:
            index.add(position, later)


def _linked_repeat(
    entries: Sequence[Entry], index: Index, position: int, entry: Entry
) -> int | None:
    """The earlier full note a note repeats by author and title and with the same link: "Drown
    and Wilkening, “Leadership and Innovation …”. <its URL again>" after the full citation is
    a short form that keeps its address (as a URL-less repeat would, see _repeat_of)."""
    citation = entry.citation
    title = citation.title
    if not entry.urls or citation.date or citation.container or not title or title[0].islower():
        return None  # a note with a date or a publisher is complete in its own right
    form = _short_form(entry)
    if form is None or not form[0]:
        return None
    target = match_form(index, position, form, earlier_only=True)
    if target is None or not set(entry.urls) <= set(entries[target].urls):
        return None
    # A note that says again all the earlier one did (a list of charts cited twice) is cited in
    # full again; a short form says less.
    shorter = len(_WRITTEN_URL.sub("", entry.text)) <= _SHORTER * len(
        _WRITTEN_URL.sub("", entries[target].text)
    )
    return target if shorter else None


_WRITTEN_URL = regex(r"\S+://\S+")
_SHORTER = 0.85


# The title a full note opens with ends at its first comma or full stop.
_HEAD_END = regex(r",\s|\.\s")
_ABBREVIATION_WORD = regex(r"[^\W_]+(?:['’][^\W_]+)?\.?")
_ETC = regex(r"\s*,?\s+(?:etc|&c)\.")
_HEAD_WORDS = 3
_ABBREVIATED_LOOKBACK = 400  # notes


def _abbreviates(text: str, title: list[str]) -> bool:
    """Whether ``text`` opens with the folded ``title`` written shortened: a word cut with a
    full stop ("Hist. of the Ojebway Indians" for "history of the ojebway indians") or the
    whole title followed by "etc." or "&c."."""
    cut = False
    end = 0
    words = _ABBREVIATION_WORD.finditer(text)
    for full in title:
        word = next(words, None)
        if word is None:
            return False
        bare = fold(word.group().rstrip("."))
        end = word.end()
        if bare == full:
            continue
        if word.group().endswith(".") and len(bare) >= 2 and full.startswith(bare):
            cut = True
            continue
        return False
    return cut or _ETC.match(text, end) is not None


# What a shortened title shows: a capitalised word cut with a full stop, or "etc." / "&c.".
_SHORTENED = regex(r"^\W*(?:\w+\s+){0,8}?[A-Z][a-z]{1,5}\.\s|,?\s(?:etc|&c)\.")


def _abbreviated_repeat(
    entries: Sequence[Entry],
    position: int,
    kinds: Sequence[NoteKind | None],
    heads: dict[int, list[str]],
) -> int | None:
    """The earlier full note whose opening title this one gives again, shortened: "Hist. of
    the Ojebway Indians. London [1843?], p. 155." and "History of the Ojebway Indians, etc.,
    London (1843?), pp. 145, 146." after "History of the Ojebway Indians, London [1843(?)],
    pp. 143,144." A title written shortened repeats a work, however long the rest of the note;
    a title written out in full is a full citation again."""
    text = entries[position].text
    if "." not in text or _SHORTENED.search(text) is None:
        return None
    first = fold(text.split(None, 1)[0])
    for earlier in range(max(0, position - _ABBREVIATED_LOOKBACK), position):
        entry = entries[earlier]
        if kinds[earlier] is not NoteKind.FULL or entry.inline:
            continue
        title = heads.get(earlier)
        if title is None:  # each full note's opening title is folded once per document
            head = _HEAD_END.search(entry.text)
            title = fold(entry.text[: head.start()] if head else entry.text).split()
            heads[earlier] = title
        if (len(title) >= _HEAD_WORDS and first and title[0].startswith(first)
                and _abbreviates(text, title)):
            return earlier
    return None


def _other_publisher(entry: Entry, earlier: Entry) -> bool:
    """Whether two author-less full citations of one title name different publishers or sites:
    two works ("State of the Union Address", CNN / the White House archive), not one cited
    twice. (With the same authors, the same title is the same work in another edition.)"""
    mine, theirs = entry.citation.container, earlier.citation.container
    if not mine or not theirs or entry.citation.authors or earlier.citation.authors:
        return False
    if _LOCATOR_PIECE.match(mine.strip().rstrip(".")):
        return False  # "“Completion Report …,” p. II-29.": a page of the work, no publisher
    return fuzz.token_set_ratio(fold(mine), fold(theirs)) < TITLE_THRESHOLD


def _readings(
    entry: Entry, form: tuple[list[str], str, str | None] | None
) -> list[tuple[list[str], str, str | None]]:
    """Every way to read a note as (surnames, folded title, year), the parsed one first."""
    readings = [form] if form is not None else []
    if len(entry.text.split()) <= 40:
        for authors, title in comma_readings(entry.text):
            names = [fold(surname(a)) for a in authors if surname(a)]
            reading = ([n for n in names if n], fold(title), None)
            if reading[0] and reading[1] and reading not in readings:
                readings.append(reading)
    return readings


# A work's title, then its maker and year in brackets: "Erme Ingot Wreck Site Summary (English
# Heritage, 2000)". The title is what an author–date short form ("English Heritage 2000") leaves
# out: the note names the work in full.
_TITLE_THEN_MAKER = regex(
    r"^(?P<title>[A-Z][^(),;:.]{2,150}?)\s+\([A-Z][^()]{1,80},\s+(?:1[5-9]|20)\d\d[a-z]?\)\.?$"
)


def _titled_with_maker(text: str) -> bool:
    """Whether a note is a title-cased title of three words or more, then "(Maker, Year)"."""
    found = _TITLE_THEN_MAKER.match(text.strip())
    if found is None:
        return False
    words = found["title"].split()
    long_words = [word for word in words if len(word) > 3]
    return len(words) >= 3 and len(long_words) >= 2 and all(w[0].isupper() for w in long_words)


_SHORT_NOTE_WORDS = 20


def _surname_title_container(entry: Entry) -> bool:
    """Chicago's short form of a chapter or article: surnames alone, the title, the book or
    journal and a page, no date anywhere ('Abbott, "Paul Allen," Western Lives, 391.'). A first
    citation gives the author's full name and a date."""
    citation = entry.citation
    return (
        bool(citation.title and citation.authors and citation.container)
        and not citation.date
        and all(" " not in author and "." not in author and author[:1].isupper()
                for author in citation.authors)
        and len(entry.text.split()) <= _SHORT_NOTE_WORDS
        and YEARS.search(entry.text) is None
    )


# Words of a locator that say nothing of the work: "pp. 151–152, 175 & 200–202".
_PAGE_WORDS = frozenset({"p", "pp", "page", "pages", "and", "ff", "f"})


def _worded(text: str) -> list[str]:
    """The words of ``text`` that hold a letter, less the locator's: a long page list makes a
    short form no longer ("Bishop & Coulston (2006), pp. 151–152, 175 & 200–202" is 3)."""
    return [
        word for word in text.split()
        if any(c.isalpha() for c in word) and word.lower().strip(".,;:()") not in _PAGE_WORDS
    ]


# What may follow a remark's closing author–date citation: its pages, each perhaps named
# (", pp. 137-160 (Tonal), pp. 161-202 (Rhythmic).").
_CLOSING_LOCATORS = regex(
    r"(?:,?\s*(?:pp?\.\s*)?\d{1,5}(?:\s*[-–]\s*\d{1,5})?(?:\s*\([^()]{1,30}\))?)*\s*[.;]?\s*$"
)


def _closes_by_author_date(entry: Entry) -> bool:
    """Whether a remark's only citation is the one it closes with, by author and year in
    brackets and pages at most: "For a full discussion …, see Gordon (1997), pp. 86-136." A
    note giving a work of its own has a title, its imprint or another year besides."""
    text = entry.text.strip()
    if "(" not in text or text.count(")") > 4:
        return False
    cited = list(_CITED_WITHIN.finditer(text))
    found = cited[-1] if cited else None
    if found is None or _CLOSING_LOCATORS.fullmatch(text, found.end()) is None:
        return False
    names = found["names"].split()
    while names and names[0].lower() in _NOT_NAMES:  # "See Gordon (1997)": the name is Gordon
        names.pop(0)
    return (bool(names)
            and all(year == found["year"] for year in YEARS.findall(text))
            and not any(q in text[: found.start()] for q in "“”\"«»")
            and _PUBLICATION_FACTS.search(text) is None)


def _repeats_by_author_date(index: Index, position: int, entry: Entry) -> bool:
    """Whether a remark closing with an author–date citation ("…, see Gordon (1997), pp.
    86-136.") cites a work an earlier full note gives: then it is a short form of that note.
    (A work no earlier note gives keeps the note full: "… GIA Publications (1997)." ends a
    book's own citation the same way.)"""
    return _closes_by_author_date(entry) and _cited_within(index, position, entry.text) is not None


def _short_form_only(entry: Entry) -> bool:
    """A fullish-looking note that is still only a short form ("Smith 2010, 4")."""
    if _surname_title_container(entry):
        return True
    if entry.citation.title and not _OP_CIT.search(entry.text):
        return False
    if "(" in entry.text and _titled_with_maker(entry.text):
        return False
    if len(_worded(first_citation(entry.text))) > 8:
        return False  # (a second citation after "; see also" does not make it longer)
    if _IMPRINT.match(entry.text.strip()):
        return False  # "Kalischer. Neue Beethovenbriefe. Berlin, 1902.": a book and its imprint
    form = _short_form(entry)
    return form is not None and (form[2] is not None or bool(_OP_CIT.search(entry.text)))


def _ibid(position: int, entries: Sequence[Entry], done: Sequence[Resolution]) -> Resolution:
    """Ibid.: the nearest earlier note that cites something, followed to its root (or to that
    note itself, when it is a short form whose full citation is not in the document)."""
    for earlier in range(position - 1, -1, -1):
        if entries[earlier].inline:
            continue
        previous = done[earlier]
        if previous.kind is NoteKind.COMMENT:
            continue
        root = previous.resolves_to
        if root is None and previous.kind is NoteKind.SHORT:
            # "SERRA, 2024, p. 118" whose full citation is elsewhere (another file's
            # bibliography), then "Ibid., p. 114": the Ibid. repeats that short note's work, so
            # the short note is as far as its chain goes (its own warning says it is unresolved).
            root = earlier
        if root is None:
            return Resolution(
                NoteKind.IBID, points_to=earlier, problem=DiagnosticCode.IBID_WITHOUT_ANTECEDENT
            )
        return Resolution(NoteKind.IBID, points_to=earlier, resolves_to=root)
    return Resolution(NoteKind.IBID, problem=DiagnosticCode.IBID_WITHOUT_ANTECEDENT)
