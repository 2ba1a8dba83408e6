"""Works a note names by number rather than by author and title: laws, standards, UN documents.

Government, legal and standards writing cites "Article 34 of Federal Law No. 44-FZ of
05.04.2013", "ISO/IEC 42001, Annex B", "A/HRC/26/22, para. 21" or "General Comment No. 7
(2005)", in any language, with no author or quoted title to read. Such a note cites a findable
source all the same: a full citation, even without a URL. A later "General Comment No. 12,
para. 27" repeats the earlier note that named "General Comment No. 12 (2009) on …" with its
year: a short form of it (:func:`numbered_works`).

Pure functions over a note's text; the words that mean "article", "number" or "source" are
listed per language below, one table to extend.
"""

from __future__ import annotations

import re
from functools import lru_cache

from citecheck.parse.deferred import regex

__all__ = [
    "NumberedWork",
    "name_at_page",
    "names_a_work",
    "numbered_works",
    "pinned_titles",
    "short_titles_given",
    "shorthand_of",
    "states_name",
    "uses_shorthand",
    "without_shorthand",
]

_YEAR = regex(r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)")
# A standard by its body and number: "ISO/IEC 42001", "ISO 9001:2015", "IEEE Std 802.11",
# "RFC 2119", "NIST SP 800-53", "ECMA-262", "ITU-T X.509".
_STANDARD = regex(
    r"\b(?:ISO(?:/IEC)?|IEC|IEEE(?:\s+Std\.?)?|ANSI(?:/[A-Z]+)?|RFC|NIST\s+SP|ECMA|ETSI\s+[A-Z]{2}"
    r"|ITU-T\s+[A-Z]\.)[\s-]?\d{2,6}(?:[-:.]\d+)*\b"
)
# A UN (or similar) document symbol: "A/HRC/26/22", "CRC/C/15/Add.194", "E/CN.4/2005/7".
_DOCUMENT_SYMBOL = regex(r"\b[A-Z]{1,5}(?:/[A-Z0-9][A-Za-z0-9.]*){2,}")
# An article of a law, treaty or convention, in the languages notes are written in.
_ARTICLE = regex(
    r"(?i)(?<!\w)(?:art(?:icles?|ículos?|igos?|ikel|\.|s\.)|статьи|статья|статьей|статье"
    r"|статей|المادة|المادتين|المواد)\s*\d"
)
# What befell an article, told as history: "… when Article 370 of the Constitution was
# abrogated by Parliament." The note recounts an event; it cites no text of the law.
_ARTICLE_EVENT = regex(
    r"\s*[^.;:,()]{0,60}?\b(?:was|were|had\s+been|has\s+been|have\s+been)\s+"
    r"(?:abrogated|repealed|revoked|amended|scrapped|suspended|invoked|struck\s+down|read\s+down"
    r"|nullified|annulled|removed|diluted|withdrawn)\b"
)


def _cites_article(text: str) -> bool:
    """Whether a note cites an article of a law: names one, other than as the subject of what
    befell it."""
    return any(_ARTICLE_EVENT.match(text, found.end()) is None
               for found in _ARTICLE.finditer(text))


# A section of a code or statute ("28 U.S.C. § 586(b)", "§§ 12–14 BGB") and a court's rules by
# number ("Fed. R. Bankr. P. 2003(e)", "Fed. R. Civ. P. 26").
_SECTION = regex(r"§\s*\d")
_COURT_RULE = regex(r"\bR\.\s*(?:Civ|Crim|Bankr|App|Evid)\.\s*(?:P\.\s*)?\d")
# A numbered instrument: "No. 7", "Nº 1.939", "№ 44-ФЗ", "Nr. 12", "núm. 3", "رقم 12".
_NUMBER = r"(?:No\.|Nos\.|Nº|N°|n\.?º|№|Nr\.|núm\.|رقم)\s*(?P<number>\d[\d.]*)"
_NUMBERED = regex(rf"(?i){_NUMBER}")
# A resolution or decision by its number: "resolution 70/1", "قرار الجمعية العامة 70/1".
_RESOLUTION = regex(
    r"(?i)(?<!\w)(?:resolution|résolution|resolución|резолюци\w*|decision|قرار)\b\D{0,40}?"
    r"\d{1,3}/\d{1,4}"
)
# "Source: …", as tables and figures in reports print their sources.
_SOURCE_LABEL = regex(r"(?i)(?<!\w)(?:sources?|fuentes?|quelles?|источник|المصدر)\s?:")
# A page locator: "p. 23", "pp. 4–5", "pág. 23", "S. 12", "стр. 5", "الصفحة 3".
_PAGE = regex(r"(?<!\w)(?:pp?\.|págs?\.|S\.|стр\.|с\.|الصفحة|الصفحات)\s*\d")
# The words before "No. N" that name the instrument: "General Comment", "التعليق العام".
_TITLE_BEFORE = regex(r"([^\W\d_](?:[\w’'-]*)(?:\s+[^\W\d_][\w’'-]*){0,3})\s*,?\s*$")


#: (name in lower case, number) of a numbered instrument: ("general comment", "12").
NumberedWork = tuple[str, str]


# A statute or regulation by title and section, or a public law by number: "44 U.S.C. § 3501
# et seq.", "5 USC 552(a)(2)", "36 CFR Subchapter B", "Pub. L. No. 111-352".
_STATUTE = regex(
    r"\b\d{1,3}\s+(?:U\.?\s?S\.?\s?C\.?|C\.?\s?F\.?\s?R\.?)\s+"
    r"(?:§{1,2}\s*|Chapters?\s+|Subchapter\s+|Part\s+|Sec(?:tion|\.)\s*)?[\dA-Z]"
    r"|\bPub(?:lic|\.)\s?L(?:aw|\.)\s*(?:No\.\s*)?\d{2,3}-\d+"
)
_STATUTE_HINT = regex(r"U\.?\s?S\.?\s?C|C\.?\s?F\.?\s?R|Pub")
# A document by its title-cased name and its date, as government writing cites one: "Boeing
# Alert Service Bulletin 737-57A1234, dated May 1, 2020", "Final KNKT.18.10.35.04 Aircraft
# Accident Investigation Report, dated October 2019", "Advisory Circular 25-7D, dated …".
_DATED_DOCUMENT = regex(
    r"\b(?:[A-Z][\w.’'–-]*\s+){1,8}(?:Report|Bulletin|Circular|Directive|Order|Memorandum"
    r"|Manual|Handbook|Guidance|Notice|Study|Assessment|Specification|Instructions?)\b"
    r"(?:\s+[\w./–-]*\d[\w./–-]*)?,?\s+dated\s+(?:[A-Z][a-z]{2,8}\.?\s+(?:\d{1,2},\s+)?)?(?:1[89]|20)\d\d\b"
)


# A character beyond ASCII, Latin-1 and the general punctuation (curly quotes, dashes). In a
# text without one, a case-insensitive pattern can only match its Latin words, and exactly
# where the text's lower-case form holds them (no other character there folds to an ASCII or
# Latin-1 letter): a literal search, many times faster, tells whether the regex can match.
_BEYOND_LATIN1 = regex(r"[^\x00-\u00ff\u2000-\u206f]")
# The literal words each pattern's matches hold, lower-case (the case-sensitive ones as
# written).
_STANDARD_WORDS = ("ISO", "IE", "ANSI", "RFC", "NIST", "ECMA", "ETSI", "ITU-T")
_RESOLUTION_WORDS = ("resolu", "résolu", "decision")
_NUMBERED_WORDS = ("no.", "nos.", "º", "n°", "nr.", "núm.")
_SOURCE_WORDS = ("source", "fuente", "quelle")
_PAGE_WORDS = ("p.", "pág", "S.", "стр.", "с.", "الصفح")


def _holds(lower: str, words: tuple[str, ...]) -> bool:
    return any(word in lower for word in words)


def names_a_work(text: str) -> bool:
    """Whether a note without a URL still names a findable work: a standard, a document
    symbol, an article or section of a law, a statute or public law, a court rule, a numbered
    and dated instrument, a resolution, a document named with its date, a source line, a page
    of a dated work, or a dated list of pieces in a non-Latin script."""
    if len(text) > _CACHED_UP_TO:
        return _names_a_work.__wrapped__(text)  # a huge note is not kept alive by the cache
    return _names_a_work(text)


_CACHED_UP_TO = 2_000  # characters: notes are far shorter; a hostile one is not remembered


@lru_cache(maxsize=1024)  # a comment repeated in many notes is read once
def _names_a_work(text: str) -> bool:
    # ``unsure``: the literal pre-checks cannot rule a case-insensitive pattern out.
    unsure = _BEYOND_LATIN1.search(text) is not None
    lower = text.lower()
    if (
        (_holds(text, _STANDARD_WORDS) and _STANDARD.search(text))
        or ((unsure or _holds(lower, _RESOLUTION_WORDS)) and _RESOLUTION.search(text))
        or ((unsure or "art" in lower) and _cites_article(text))
    ):
        return True
    if ("§" in text and _SECTION.search(text)) or ("R." in text and _COURT_RULE.search(text)):
        return True
    if _STATUTE_HINT.search(text) and _STATUTE.search(text):
        return True
    if "dated" in text and _DATED_DOCUMENT.search(text):
        return True
    symbol = _DOCUMENT_SYMBOL.search(text) if "/" in text else None
    if symbol is not None and any(ch.isdigit() for ch in symbol.group()):
        return True
    dated = _YEAR.search(text) is not None
    return dated and bool(
        ((unsure or _holds(lower, _NUMBERED_WORDS)) and _NUMBERED.search(text))
        or ((unsure or _holds(lower, _SOURCE_WORDS)) and _SOURCE_LABEL.search(text))
        or ("," in text and _page_of_a_listed_work(text))
        or _listed_in_another_script(text)
    )


def _page_of_a_listed_work(text: str) -> bool:
    """A page of a work named in comma-separated pieces ("Política Nacional…, Ámbito 1, pág. 23
    Marzo 2013"), not a page of the document itself in a sentence ("see p. 4 of this report")."""
    if not _holds(text, _PAGE_WORDS):
        return False
    page = _PAGE.search(text)
    if page is None or any(m.start() < page.start() < m.end()
                           for m in _AUTHOR_DATE_PAGE.finditer(text)):
        return False  # "… and commerce (Briffault 2018, p. 2007).": a page of a cited work
    if any(m.end() == page.start() for m in _AUTHOR_YEAR_THEN.finditer(text)):
        return False  # "… conquered in 1453, cf. Treadgold (1997), p. 108.": the same
    return "," in text[: page.start()]


# An author–date citation's page in brackets, "(Briffault 2018, p. 2007)": that work's page.
_AUTHOR_DATE_PAGE = regex(r"\([^()]{2,80}?\b(?:1[5-9]\d\d|20\d\d)[a-z]?,\s*pp?\.\s*\d[^()]*\)")
# An author–date short form after a cue, its year alone in brackets, before the page it cites
# ("cf. Treadgold (1997), p. 108"); a title's last word before its year ("… in Cornwall (1811),
# p. 63") has no cue before it.
_AUTHOR_YEAR_THEN = regex(
    r"\b(?:[Cc]f\.|[Ss]ee(?:\s+also)?|[Cc]ompare)\s*[A-Z][\w'’-]+"
    r"(?:\s+(?:and|&)\s+[A-Z][\w'’-]+)?\s*\((?:1[5-9]\d\d|20\d\d)[a-z]?\),?\s*"
)
_SEPARATOR = regex(r"\s*[,،、，;؛]\s*")
_DATED_AUTHOR = regex(r"^[^(),،]{2,80}\([^()]*(?:1[89]\d\d|20\d\d)\)\s*[,،、，]?\s*[^\W\d_]")
_MAX_LISTED_WORDS = 40
# A letter (or another word character: never fewer than the letters) that is neither ASCII
# nor in "À"–"ɏ".
_OTHER_LETTER = regex(r"(?=[^\W\d_])[^\x00-\x7f\u00c0-\u024f]")


def _listed_in_another_script(text: str) -> bool:
    """A short, dated list of pieces in a script whose names citation.py cannot read (Arabic,
    Cyrillic, CJK…): "Bangladesh Bureau of Statistics, November 2008, Report on …, 2007."
    or "Planning Commission (October 2005), National Strategy …" written in Arabic. In Latin
    script the authors and title are read instead: "Interview with an officer, Bamako, March 3,
    2020." is a remark, not a citation."""
    if _OTHER_LETTER.search(text, 0, 300) is None:
        return False  # every letter Latin: the count below could not come out otherwise
    letters = [ch for ch in text[:300] if ch.isalpha()]
    if not letters or sum(ch.isascii() or "À" <= ch <= "ɏ" for ch in letters) * 2 > len(letters):
        return False
    if len(text.split()) > _MAX_LISTED_WORDS:
        return False
    pieces = [p for p in _SEPARATOR.split(text.strip().rstrip(".。")) if p.strip()]
    return len(pieces) >= 3 or _DATED_AUTHOR.match(text) is not None


def numbered_works(text: str) -> list[tuple[NumberedWork, bool]]:
    """The numbered instruments a note names, each with whether a year follows its number
    closely ("General Comment No. 7 (2005)": a full citation of it; "No. 12, para. 27": a
    short form)."""
    if _BEYOND_LATIN1.search(text) is None and not _holds(text.lower(), _NUMBERED_WORDS):
        return []
    found: list[tuple[NumberedWork, bool]] = []
    for match in _NUMBERED.finditer(text):
        name = _TITLE_BEFORE.search(text, max(0, match.start() - 60), match.start())
        if name is None:
            continue
        # The last two words name it: "See General Comment No. 12" is "General Comment No. 12".
        words = " ".join(name.group(1).lower().split()[-2:])
        after = text[match.end() : match.end() + 12]
        found.append(((words, match["number"].rstrip(".")), _YEAR.search(after) is not None))
    return found


# "(henceforth cited as KpV)", "(hereafter “Report”)", "(hereinafter referred to as the CRC)".
_SHORTHAND = regex(
    r"(?i)\((?:henceforth|hereafter|hereinafter)\s+(?:(?:cited|referred\s+to|quoted)\s+as\s+)?"
    r"(?:the\s+)?[“\"‘']?(?P<name>[^()“”\"‘’']{1,40}?)[”\"’']?\)"
)


# A title that gives its own acronym: "The Unabridged Acts and Monuments Online or TAMO (1563
# edition)", later cited as "TAMO (1563), 1335-6.".
_OR_ACRONYM = regex(r"\s+or\s+(?P<name>[A-Z]{3,8})(?=\s*[(,.;:)]|\s+\()")


def shorthand_of(text: str) -> str | None:
    """The shorthand a full note introduces for later notes ("… (henceforth cited as KpV)",
    "… Online or TAMO (1563 edition)")."""
    if "ere" in text or "enceforth" in text:
        found = _SHORTHAND.search(text)
        if found:
            return found["name"].strip()
    if " or " in text:
        acronym = _OR_ACRONYM.search(text)
        if acronym:
            return acronym["name"]
    return None


def uses_shorthand(text: str, shorthand: str) -> bool:
    """Whether a note cites by ``shorthand``: it opens with it, a page or nothing after
    ("KpV, p. 24.", "KU, pp. 59–63.", "Report 12.")."""
    body = text.strip()
    if not body.startswith(shorthand):
        return False
    rest = body[len(shorthand):]
    return not rest or not (rest[0].isalnum() or rest[0] in "-’'")


def without_shorthand(text: str) -> str:
    """``text`` without the shorthand it introduces: "(hereafter “Report”)" quotes no title."""
    if shorthand_of(text) is None:
        return text
    return " ".join(_SHORTHAND.sub("", text).split())


# A Bluebook short form by the short name a full note gave its work: "OLC Op. at 257 n.36",
# "See Restatement at 12", "cf. Mueller Report at 4–5": capitalised words (or a dotted
# abbreviation), "at", a page; the Canadian (McGill) pin names its unit: "Trudeau II Report at
# paras. 51–55 and 304–315", "at para 12", "at p. 4". "Id. at 5" is an Ibid. and "Smith, supra
# note 1, at 7" a cross reference: read elsewhere.
_PIN_UNIT = r"(?:(?:paras?|pp?)\.?\s*)?"
_NAME_AT_PAGE = regex(
    r"^(?:(?:[Ss]ee(?:,?\s+e\.g\.,?)?(?:\s+also)?|[Cc]f\.|[Cc]ompare|[Aa]ccord|[Bb]ut\s+see)\s+)?"
    r"(?P<name>[A-Z][\w.’'&-]*(?:\s+(?:[A-Z][\w.’'&-]*|of|the|and|on|for|&)){0,5})"
    # The pin: a page or range (or several: "51–55 and 304–315"), then a footnote ("n.36",
    # "& n.38"), a parenthetical or the end; "The President at 5 p.m. said …" is a sentence.
    rf",?\s+at\s+{_PIN_UNIT}\d[\d,–-]*(?:\s+(?:and|&)\s+\d[\d,–-]*)*"
    r"(?=\s*(?:$|[.;,(&]|nn?\.\s*\d))"
)
_NOT_SHORT_NAMES = frozenset({"id", "ibid", "supra", "see", "cf"})
_FOLDED_WORD = regex(r"[^\W_]+")


def _folded(text: str) -> str:
    return " ".join(_FOLDED_WORD.findall(text.casefold()))


def name_at_page(text: str) -> str | None:
    """The short name a note opens with as a pin cite ("OLC Op. at 257" → "OLC Op."), or None."""
    found = _NAME_AT_PAGE.match(text.strip())
    if found is None:
        return None
    name = found["name"]
    words = _folded(name).split()
    if not words or words[0] in _NOT_SHORT_NAMES or "supra" in words:
        return None
    return name


def states_name(text: str, name: str) -> bool:
    """Whether a note gives ``name`` otherwise than as a pin cite of its own ("… 24 Op. O.L.C.
    222 (2000) (OLC Op.)" does; "cf. OLC Op. at 257–258" only uses it): the note that
    introduces the short name, whatever words it wraps it in ("hereinafter", brackets)."""
    folded = f" {_folded(text)} "
    key = _folded(name)
    if f" {key} " not in folded:
        return False
    used = re.compile(rf" {re.escape(key)} at (?:(?:paras?|pp?) )?\d")
    return f" {key} " in used.sub(" ", folded)


# A short title a full note gives its work in brackets, after the title: "Verordnung (EU)
# 2023/2854 … über … Datennutzung (Data Act)", "… Regulation (‚GDPR‘)". Capitalised words or an
# acronym, quoted or not; a bracketed year or page is none.
_GIVEN_TITLE = regex(
    r"\((?:hereinafter\s+|im\s+Folgenden\s+)?[‚‘'\"“„«]?"
    r"(?P<name>[A-Z][\w-]*[A-Za-z](?:\s+[A-Z][\w-]*[A-Za-z]){0,3})[’‘'\"”“»]?\)"
)
# The pin of a statute's article or recital before its short title: "Art. 3 Abs. 2 lit. a–d",
# "ErwG 24", "Art. 50", "§ 5 Abs. 1 S. 2", "Article 6(1)(a)", "Recital 14".
_STATUTE_PIN = (
    r"(?:Art(?:ikel|icles?)?\.?|Arts\.|§§?|ErwG|Erwägungsgr(?:und|ünde)|Recitals?|Rec\.)\s*"
    r"\d+[a-z]?(?:\(\w{1,4}\))*"
    r"(?:\s*(?:Abs\.|UAbs\.|Satz|S\.|lit\.|Nr\.|Buchst\.|para\.?|sub)\s*\w{1,4}"
    r"(?:\(\w{1,4}\))*(?:\s*[–-]\s*\w{1,4})?)*"
)


def short_titles_given(text: str) -> list[str]:
    """The short titles a full note gives its works in brackets ("… (Data Act)")."""
    if "(" not in text:
        return []
    return [found["name"] for found in _GIVEN_TITLE.finditer(text)]


def pinned_titles(text: str, names: list[str]) -> str | None:
    """The first of ``names`` a note cites by an article or recital pin ("Art. 3 Abs. 1 Data
    Act", "Vgl. ErwG 24 Data Act zur …"), or None."""
    for name in names:
        if name in text and re.search(rf"{_STATUTE_PIN}\s+{re.escape(name)}\b", text):
            return name
    return None
