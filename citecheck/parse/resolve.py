"""Note kinds and what each Ibid. or short-form note refers to.

* **Ibid.** (``Ibid.``, ``Ibid``, ``Ibid., p. 4``, ``ibid. 23``) refers to the note before it (the
  nearest one that cites something), and through it to that note's root.
* A **short form** repeats an earlier full citation by author surname(s) and (possibly
  abbreviated) title: ``Maclean, “Mali Appoints New President After Military Coup.”`` — also at the
  end of a longer comment. An author–year form (``Turing 1936, p. 230``) names a bibliography
  entry by author and year. A short form points at the earliest full note that matches; when no
  earlier note does, a later one (a bibliography after the notes) may.
* A **comment** cites nothing; everything else is a **full** citation.

Full notes are indexed by surname and by title word, so each short form is compared with a few
candidates instead of every note; the comparison itself is rapidfuzz's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from citecheck.models import Citation, DiagnosticCode, NoteKind
from citecheck.parse.citation import (
    YEAR,
    comma_readings,
    first_citation,
    is_ibid,
    name_like,
    parse_citation,
    surname,
)
from citecheck.parse.identified import (
    names_a_work,
    numbered_works,
    shorthand_of,
    uses_shorthand,
)
from citecheck.parse.names import CITED_NAME, LEADING_PARTICLE

__all__ = ["Entry", "Resolution", "is_ibid", "resolve"]

# "Turing 1936", "Smith and Jones (2010)", "de Waal 2015", "World Bank 2011", "Smith et al. 2019"
_CITED_NAME = rf"(?:{LEADING_PARTICLE}\s+)?{CITED_NAME}"
_AUTHOR_YEAR = re.compile(
    r"(?:^|(?<=[.;]\s))(?:[Ss]ee\s+(?:also\s+)?|[Cc]f\.\s+)?"
    rf"(?P<names>{_CITED_NAME}(?:(?:,|,?\s+and|\s*&)\s+{_CITED_NAME})*(?:,?\s+et\s+al\.?)?)"
    rf",?\s+\(?(?P<year>{YEAR})[a-z]?(?:\)|,|\.|\s|$)(?![\d/])"
)
# "Smith et al.", "Smith and Jones et al., 12.": authors alone, with at most a page after.
_ET_AL_ONLY = re.compile(
    rf"^(?P<names>{_CITED_NAME}(?:(?:,|,?\s+and|\s*&)\s+{_CITED_NAME})*),?\s+et\s+al\.?"
    r"(?:,?\s*(?:pp?\.\s*)?\d+(?:\s*[-–]\s*\d+)?)?\s*\.?$"
)
# Capitalised words that open sentences, not author names ("During 2019, …").
_NOT_NAMES = frozenset(
    {
        "in", "during", "since", "by", "after", "before", "from", "until", "as", "of", "for",
        "the", "this", "that", "these", "those", "between", "through", "throughout", "around",
        "about", "on", "at", "unlike", "like", "under", "over", "within", "without", "when",
        "while", "it", "its", "a", "an", "and", "but", "or", "yet", "so", "then", "there",
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "spring", "summer", "fall", "autumn", "winter",
        "early", "late", "mid", "circa", "ca", "see", "cf", "also", "note", "notes", "table",
        "figure", "fig", "chapter", "section", "page", "vol", "volume", "no", "number",
    }
)  # fmt: skip
_OP_CIT = re.compile(r"(?i)\b(?:op|loc)\.?\s*cit\b")
# "Idem, Physics, p. 55.": the same author as the note before, another of their works.
_IDEM_TITLE = re.compile(
    r"^(?:Idem|Eadem|Iidem|Eaedem)\s*,\s*(?P<title>[^\W\d][^,]*?)"
    r"(?:,\s*(?:pp?\.\s*)?\d[\d\s,–-]*)?\.?$"
)
_WORD = re.compile(r"\w+")
_STOPWORDS = frozenset(
    {
        "the", "a", "an", "and", "or", "of", "for", "to", "in", "on", "at", "by", "with",
        "from", "about", "into", "over", "after", "as", "is", "are", "was", "were", "be", "its",
        "it", "this", "that", "these", "those", "what", "why", "how", "who", "when", "where",
        "which", "not", "no", "new", "de", "la", "le", "el", "et",
    }
)  # fmt: skip
_YEARS = re.compile(YEAR)
_SUPRA = re.compile(
    r"(?i)\b(?:supra|above),?\s+(?:note|n\.?)\s+(?P<a>\w+)"
    r"|\b(?:see\s+)?(?:note|n\.)\s+(?P<b>\w+),?\s+(?:above|supra)\b"
    r"|^(?:see\s+)?note\s+(?P<c>\w+)\W*$"
    r"|\(n\s+(?P<d>\d+)\)"  # OSCOLA: "L'Oréal (n 2) para 115"
    r"|الحاشية\s+(?P<e>\d+)\s+أعلاه"  # Arabic "footnote 35 above", as UN documents write it
)
_INITIALS = re.compile(r"^(?:[A-Z]\.\s?)+[A-Z][\w'’-]+[,.]?\s")  # "J. Dean and …", "A. J. Smith, …"
_CUE_WORDS = frozenset({"see", "also", "cf", "compare"})
# What leads up to an address: "available at", "retrieved from", "online via", its scheme.
_ADDRESS_LEAD = frozenset(
    {"available", "at", "from", "online", "url", "via", "retrieved", "on", "https", "http", "ftp"}
)
_TITLE_THRESHOLD = 88.0
_MAX_AFTER_SHORT_TITLE = 8  # words
_REPEAT_THRESHOLD = 95.0
_MAX_CANDIDATES = 400
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


@dataclass(frozen=True, slots=True)
class Resolution:
    """A note's kind and the notes it refers to (positions in the note list)."""

    kind: NoteKind
    points_to: int | None = None  # the note referred to directly
    resolves_to: int | None = None  # the full note at the root of the chain
    problem: DiagnosticCode | None = None


def _fold(text: str) -> str:
    """Lower-case, accents and apostrophe variants folded, punctuation to spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("’", "'")
    return " ".join(_WORD.findall(text.lower().replace("'", "")))


# A statute or a reported case cited in full: "740 Ill. Comp. Stat. 14/15(b) (2008).",
# "42 U.S.C. § 1983.", "Rosenbach v. Six Flags, 2019 IL 123186." A pin cite ("369 F. Supp. 3d
# at 380") repeats an earlier citation instead.
_LEGAL_CITATION = re.compile(
    r"^(?:[A-Z][\w.’'&-]*(?:\s+[\w.’'&-]+)*\s+v\.\s+[^,]+,\s+)?\d+\s+(?:[A-Z][A-Za-z.]*\.?\s+){1,5}"
    r"(?:§+\s*)?\d[\w/.()–-]*(?:,\s*\d[\w–-]*)?(?:\s*\([^()]*\d{4}\))?\.?$"
)


# A case name: "Alpha v Beta", "Roe v. Wade", "R v Smith", "L'Oréal SA v eBay".
_CASE_NAME = re.compile(r"\b[A-Z][\w.&’'-]*(?: [\w.&’'-]+){0,5} v\.? [A-Za-z][\w’'-]")


# A standard identifier of a published work: it cites something findable.
_IDENTIFIER = re.compile(
    r"\b(?:ISBN(?:-1[03])?:?\s*(?:97[89][\s-]?)?\d[\d\s-]{7,}[\dXx]|ISSN:?\s*\d{4}-\d{3}[\dXx]"
    r"|PMID:?\s*\d{4,}|arXiv:\s*\d{4}\.\d{4,5}|hdl:\s*\d+(?:\.\d+)*/\S+)"
)


# What every identifier above holds: a literal scan that rules most notes out (3x cheaper).
_IDENTIFIER_HINT = re.compile(r"ISBN|ISSN|PMID|arXiv|hdl:")
# A bibliography key in brackets, author letters and a two-digit year: "[Hol14]", "[BCK+96]".
_CITATION_KEY = re.compile(r"\[[A-Z][A-Za-z]{1,5}\+?\d{2}[a-z]?\]")
# An editor's or translator's role after the names: only a citation names one.
_EDITED = re.compile(r"(?i)\((?:eds?|editors?|trans|comp)\.?\)|,\s+eds?\.\s")
# Where a locator opens a note: "Page 13 of …", "p. 4, …", "See pp. 3–5 in …".
_OPENING_LOCATOR = re.compile(
    r"(?i)^(?:see\s+)?(?:pages?|pp?\.?)\s*\d+(?:\s*[–-]\s*\d+)?(?:\s+(?:of|in)\b|,)?\s+"
)
_TITLE_WORD = re.compile(r"[^\W\d_][\w’'&.-]*")


def _titled_work(text: str) -> bool:
    """A short note that only names a dated work by its title-cased name, perhaps after a page.

    "Page 13 of Newzoo Global Games Market Report 2017" cites a report; "The launching of
    Sputnik 1 in 1957 marked the start of the Space Age." and "7 of 10 hospitals joined the
    Consortium" are sentences: their longer words are not capitalised.
    """
    if len(text) > 160 or not _YEARS.search(text):
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


_SENTENCE_END_INSIDE = re.compile(r"[a-z]{3}[.!?]\s+[A-Z]")


def _is_fullish(entry: Entry) -> bool:
    """A citation complete enough to be a source of its own, even without a URL.

    An author or title with a date or publisher, or a DOI, ISBN, ISSN, PMID, arXiv or handle.
    A dated remark with neither ("Interview with the author, March 2022.") cites nothing that
    can be checked: a comment.
    """
    citation = entry.citation
    if citation.doi or _LEGAL_CITATION.match(entry.text):
        return True
    if (_IDENTIFIER_HINT.search(entry.text) and _IDENTIFIER.search(entry.text)) or names_a_work(
        entry.text
    ):
        # "… Suomen Kunnallisliitto. 1982. p. 147. ISBN 951-773-085-3.", "ISO/IEC 42001",
        # "Article 34 of Federal Law No. 44-FZ of 05.04.2013"
        return True
    if "[" in entry.text and _CITATION_KEY.search(entry.text):
        return True  # "See Applying Cardiac Alarm Management … [Hol14] for an example …"
    if citation.title and citation.authors and _EDITED.search(entry.text):
        return True  # "Academy of Military Science (ed.), The Science of Military Strategy."
    if not citation.title and not citation.authors and _titled_work(entry.text):
        return True  # "Page 13 of Newzoo Global Games Market Report 2017"
    if _CASE_NAME.search(entry.text) and _YEARS.search(entry.text) and not _SUPRA.search(
        entry.text
    ):
        return True  # "Case C-1/09 Alpha v Beta [2011] ECR I-1, para 3."
    if citation.title and citation.title[0].islower() and not (
        citation.date and _INITIALS.match(entry.text)
    ):
        return False  # a quoted phrase in a comment, not a title ("J. Dean and S. Ghemawat.
        # leveldb–a fast … 2011." is a title all the same: named authors, a date)
    if not all(name_like(author) for author in citation.authors):
        return False  # "The phrase “…” is from HRW": prose, not an author
    return bool(citation.title or citation.authors) and bool(citation.date or citation.container)


@dataclass(slots=True)
class _Target:
    position: int
    surnames: frozenset[str]
    names_text: str  # the authors, and for author-less notes the whole text
    title: str  # folded
    years: frozenset[str]
    authors: tuple[str, ...] = ()
    work: str = ""  # what names the work when no title does (the words before its URL)
    listed: bool = False  # a bibliography entry, not a note
    _acronyms: frozenset[str] | None = None
    _author_text: str | None = None

    def author_text(self) -> str:
        """``names_text`` folded, with a space each side; worked out only when compared."""
        if self._author_text is None:
            self._author_text = f" {_fold(self.names_text)} "
        return self._author_text

    def acronyms(self) -> frozenset[str]:
        """Initials of institutional authors, worked out only when a short form needs them."""
        if self._acronyms is None:
            self._acronyms = _acronyms(self.authors)
        return self._acronyms


class _Index:
    """The full notes, findable by surname and by title word."""

    def __init__(self) -> None:
        self.targets: list[_Target] = []
        self.by_surname: dict[str, list[int]] = {}
        self.by_word: dict[str, list[int]] = {}
        self.works: dict[int, list[tuple[str, str]]] = {}  # position → (folded title, text)

    def work_of(self, position: int, title: str) -> tuple[str, str]:
        """The (folded title, text) of the work cited at ``position`` that best matches
        ``title`` (a note may cite several)."""
        works = self.works.get(position) or [("", "")]
        return max(works, key=lambda work: _title_score(title, work[0]))

    def add(self, position: int, entry: Entry) -> None:
        citation = entry.citation
        authors = citation.authors
        surnames = frozenset(_fold(name) for name in map(surname, authors) if name)
        years = frozenset(_YEARS.findall(citation.date)) if citation.date else frozenset()
        target = _Target(
            position,
            surnames,
            " ".join(authors) if authors else entry.text,
            _fold(citation.title) if citation.title else "",
            years,
            authors,
            listed=entry.listed,
        )
        slot = len(self.targets)
        self.targets.append(target)
        self.works.setdefault(position, []).append((target.title, entry.text))
        for name in surnames:
            for word in name.split():
                if word not in _STOPWORDS:
                    self.by_surname.setdefault(word, []).append(slot)
        for word in set(target.title.split()):
            if len(word) > 2 and word not in _STOPWORDS:
                self.by_word.setdefault(word, []).append(slot)
        if not authors and not target.title and entry.has_urls:
            # "OMB Circular A-130, available at https://…": no fields, but the words before
            # the address name the work, and "See OMB Circular A-130, section 8" repeats them.
            named = _fold(entry.text.split("://", 1)[0]).split()
            while named and named[0] in _CUE_WORDS:
                named.pop(0)  # "See OMB Circular A-130, available at …"
            while named and named[-1] in _ADDRESS_LEAD:
                named.pop()
            named = named[:12]
            target.work = " ".join(named)
            for word in set(named):
                if word not in _STOPWORDS:
                    self.by_surname.setdefault(word, []).append(slot)

    def candidates(self, surnames: Sequence[str], title: str) -> list[int]:
        """Index slots worth comparing, in document order."""
        # Sets grown in place: a new set per word made every short form cost 2 x 400 inserts
        # more than it needed to.
        by_name: set[int] | None = None
        for name in surnames:
            for word in name.split():
                found = self.by_surname.get(word)
                if found:
                    if by_name is None:
                        by_name = set(found[:_MAX_CANDIDATES])
                    else:
                        by_name.update(found[:_MAX_CANDIDATES])
        by_title: set[int] | None = None
        words = sorted(
            (w for w in set(title.split()) if len(w) > 2 and w not in _STOPWORDS),
            key=lambda w: len(self.by_word.get(w, ())),
        )
        for word in words[:3]:
            found = self.by_word.get(word)
            if found:
                if by_title is None:
                    by_title = set(found[:_MAX_CANDIDATES])
                else:
                    by_title.update(found[:_MAX_CANDIDATES])
        if by_name is not None and by_title is not None:
            # No note has both: either may hold it (a title read as an author, a name only
            # in an author-less note's text).
            chosen = (by_name & by_title) or (by_name | by_title)
        else:
            chosen = by_name or by_title or set()
        return sorted(chosen)


def _author_matches(names: Sequence[str], target: _Target) -> bool:
    """Every surname of the short form is among the target's authors."""
    if not names:
        return True
    for name in names:
        if name in target.surnames or f" {name} " in target.author_text():
            continue
        if any(
            fuzz.ratio(name, other) >= 85 or _transposed(name, other) for other in target.surnames
        ):
            continue  # "Aboul Nasr" / "Aboul-Nasr", a dropped accent, a typo ("Yeun" / "Yuen")
        if " " not in name and name in target.acronyms():
            continue  # "IMF" for "International Monetary Fund"
        return False
    return True


def _transposed(name: str, other: str) -> bool:
    """Two neighbouring letters swapped ("Yeun" for "Yuen"), which short names score low on."""
    if len(name) != len(other) or name == other:
        return False
    diffs = [i for i, (a, b) in enumerate(zip(name, other, strict=True)) if a != b]
    return (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and name[diffs[0]] == other[diffs[1]]
        and name[diffs[1]] == other[diffs[0]]
    )


def _acronyms(authors: Sequence[str]) -> frozenset[str]:
    """The initials of each institutional author ("International Monetary Fund" → "imf")."""
    out: set[str] = set()
    for author in authors:
        words = _fold(author).split()
        if len(words) >= 2:
            out.add("".join(w[0] for w in words if w not in _STOPWORDS))
            out.add("".join(w[0] for w in words))
    return frozenset(out)


def _title_score(short: str, full: str) -> float:
    """How well an (abbreviated) folded title matches a full one, 0–100 (110: the same)."""
    if not short or not full:
        return 0.0
    if full == short:
        # "Acton, Entanglement." is the book titled so, not "Escalation through Entanglement"
        # by the same author, which holds the word too.
        return 110.0
    if full.startswith(short):
        return 100.0
    words = full.split()
    if any(w.isdigit() and w not in words for w in short.split()):
        return 0.0  # "Report 2019" is not "Report 2020", however alike the rest
    return float(fuzz.token_set_ratio(short, full))


def _untitled_work(names: Sequence[str], target: _Target) -> str:
    """What names the work of a note parsed without a title: its "authors" that are none of the
    short form's (an italic title read as a name once markup is gone: "David Rodriguez, Colors
    of Ozu, 2022")."""
    rest = [a for a in target.authors if _fold(surname(a)) not in names]
    return _fold(" ".join(rest)) if rest and len(rest) < len(target.authors) else ""


def _short_form(entry: Entry) -> tuple[list[str], str, str | None] | None:
    """The (surnames, folded title, year) a note repeats, if it reads as a short form."""
    citation = entry.citation
    et_al = _ET_AL_ONLY.match(entry.text.strip()) if "et al" in entry.text else None
    if et_al is not None:
        # "Kim, et al." reads "et al." as a title; "Briottet et al." as no author at all.
        names = [_fold(n) for n in re.split(r",?\s+and\s+|,\s*|\s*&\s*", et_al["names"])]
        folded = [n.split()[-1] for n in names if n.strip()]
        if folded and not any(n.split()[0] in _NOT_NAMES for n in names if n.strip()):
            return folded, "", None
    if citation.title and not _OP_CIT.search(entry.text):
        names = [_fold(surname(a)) for a in citation.authors if surname(a)]
        return [n for n in names if n], _fold(citation.title), None
    match = _AUTHOR_YEAR.search(entry.text)
    if match:
        bare = re.sub(r",?\s+et\s+al\.?$", "", match["names"])
        folded = [_fold(n) for n in re.split(r",?\s+and\s+|,\s*|\s*&\s*", bare) if n.strip()]
        if folded and not any(n.split()[0] in _NOT_NAMES for n in folded):
            return folded, "", match["year"]
    if citation.authors and (len(entry.text.split()) <= 8 or _OP_CIT.search(entry.text)):
        names = [_fold(surname(a)) for a in citation.authors if surname(a)]
        return [n for n in names if n], "", None
    return None


def _match(
    index: _Index,
    position: int,
    form: tuple[list[str], str, str | None],
    *,
    earlier_only: bool = False,
    years: frozenset[str] = frozenset(),
    work_cited: Sequence[int | None] | None = None,
) -> int | None:
    """The note a short form repeats: the earliest good match before it, else after it.

    ``earlier_only`` and ``years`` are for full citations that may repeat an earlier one: then
    only earlier notes, near-identical titles and agreeing years count. ``work_cited`` is for
    "Smith, op. cit.": the roots the notes before it cite, in order; the work of that author
    cited last is meant (as biblatex's op. cit. tracker prints it), whatever else they wrote.
    """
    names, title, year = form
    slots = index.candidates(names, title)
    best_before: tuple[float, int] | None = None
    listed_before = False
    best_after: tuple[float, int] | None = None
    author_only = not title and year is None
    matches_author_only: list[int] = []
    works_author_only: set[str] = set()  # the titles matched: one work cited twice is one
    for slot in slots:
        target = index.targets[slot]
        if target.position == position or not _author_matches(names, target):
            continue
        if earlier_only and (
            target.position > position or (years and target.years and not years & target.years)
        ):
            continue
        if title:
            score = _title_score(title, target.title or _untitled_work(names, target))
            if score < (_REPEAT_THRESHOLD if earlier_only else _TITLE_THRESHOLD):
                continue
            if not names and len(title.split()) < 2 and score < 100:
                continue
        elif year is not None:
            if year not in target.years or not names:
                continue
            score = 100.0
        else:
            if not names:
                continue
            matches_author_only.append(target.position)
            works_author_only.add(target.title or target.work or f"#{target.position}")
            continue
        # A clearly better title wins; near-ties go to the earliest note, and to a note that
        # gave the work in full over the bibliography entry listing it (Chicago's short form
        # repeats the first note).
        if target.position < position:
            if best_before is None or score > best_before[0] + 5 or (
                listed_before and not target.listed and score >= best_before[0] - 5
            ):
                best_before = (score, target.position)
                listed_before = target.listed
        elif best_after is None or score > best_after[0] + 5:
            best_after = (score, target.position)
    if author_only and work_cited is not None:
        by_author = set(matches_author_only)
        return next((root for root in reversed(work_cited) if root in by_author), None)
    if author_only:
        # "Smith, 45.": only when one source by that author exists (perhaps cited in full twice).
        unique = len(set(matches_author_only)) == 1 or len(works_author_only) == 1
        return min(matches_author_only) if matches_author_only and unique else None
    if best_before is not None:
        return best_before[1]
    return best_after[1] if best_after is not None else None


def resolve(entries: Sequence[Entry]) -> list[Resolution]:
    """Each note's kind and references, in note order."""
    index = _Index()
    kinds: list[NoteKind | None] = []
    for position, entry in enumerate(entries):
        if entry.inline or entry.has_urls or entry.listed:
            kinds.append(NoteKind.FULL)
        elif "dem" in entry.text[:8] and _IDEM_TITLE.match(entry.text.strip()):
            kinds.append(None)  # "Idem, Physics, p. 55.": a short form by the last author
            continue
        elif is_ibid(entry.text):
            kinds.append(NoteKind.IBID)
            continue
        elif _is_fullish(entry) and _short_form_only(entry) is False:
            kinds.append(NoteKind.FULL)
        else:
            kinds.append(None)
            continue
        if not entry.inline:
            index.add(position, entry)
            for later in _later_citations(entry):
                index.add(position, later)

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
    # "(henceforth cited as KpV)": a full note's shorthand, which later notes cite it by.
    shorthands = [(position, name) for position, entry in enumerate(entries)
                  if kinds[position] is NoteKind.FULL and (name := shorthand_of(entry.text))]
    results: list[Resolution] = []
    for position, entry in enumerate(entries):
        kind = kinds[position]
        if kind is NoteKind.FULL:
            # A bibliography lists each work once as a source of its own, even when a footnote
            # cited it in full before.
            repeated = None if entry.listed else _repeat_of(index, position, entry)
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
        idem = _IDEM_TITLE.match(entry.text.strip()) if "dem" in entry.text[:8] else None
        form = _idem_form(idem["title"], entries, results) if idem else _short_form(entry)
        target = _cross_reference(entries, position, labels)
        if target is None and idem is None:
            target = _numbered_repeat(dated, position, entry.text)
        if target is None and idem is None:
            target = next((earlier for earlier, name in shorthands
                           if earlier < position and uses_shorthand(entry.text, name)), None)
        if idem is not None:
            target = _match(index, position, form) if form is not None else None
        elif target is None:
            # The first reading that matches wins: the parsed fields, then the other ways a
            # comma-separated short form can split into authors and title.
            cited = [r.resolves_to for r in results] if _OP_CIT.search(entry.text) else None
            for reading in _readings(entry, form):
                target = _match(index, position, reading, work_cited=cited)
                if target is not None:
                    break
        if target is None and idem is None and form is None:
            target = _cited_within(index, position, entry.text)
            if target is None:
                target = _named_work(index, position, entry)
        if target is not None:
            # A cross-reference may name an Ibid. or short note: follow it to its root.
            root = results[target].resolves_to if target < position else target
            problem = None if root is not None else DiagnosticCode.UNRESOLVED_SHORT
            results.append(Resolution(NoteKind.SHORT, target, root, problem))
        elif entry.bibliography:
            # An entry of a list of sources that repeats none of the others is a source of its
            # own, however little it says ("“Official page on Gwinnett County Website”.").
            results.append(Resolution(NoteKind.FULL, resolves_to=position))
        elif form is not None and not _pointer(entry) and _reads_as_short_form(entry, form):
            if entry.reference_list:
                # "[14] B. McCloskey. Personal communication.": a list of sources names each
                # once; what repeats none of them is a source, however briefly given.
                results.append(Resolution(NoteKind.FULL, resolves_to=position))
            else:
                results.append(
                    Resolution(NoteKind.SHORT, problem=DiagnosticCode.UNRESOLVED_SHORT)
                )
        else:
            results.append(Resolution(NoteKind.COMMENT))
    return results


def _idem_form(
    title: str, entries: Sequence[Entry], done: Sequence[Resolution]
) -> tuple[list[str], str, str | None] | None:
    """"Idem, Physics.": the title given, by the authors of the last note that cites a work."""
    for earlier in range(len(done) - 1, -1, -1):
        root = done[earlier].resolves_to
        if entries[earlier].inline or root is None:
            continue
        names = [_fold(surname(a)) for a in entries[root].citation.authors if surname(a)]
        return ([n for n in names if n], _fold(title), None) if names else None
    return None


def _later_citations(entry: Entry) -> list[Entry]:
    """The second and later works a note cites, each findable by a short form.

    "Garino and Gibson, “Space System Threats,” …, p. 274; Todd Harrison, Future of MILSATCOM
    (…, 2013), p. 10; …" is cited again as "Harrison, Future of MILSATCOM, 11": that short form
    repeats this note, though not its first work.
    """
    if ";" not in entry.text or len(entry.text) > 2000:
        return []
    found = []
    for raw in entry.text.split(";")[1:]:
        piece = raw.strip()
        if len(piece.split()) < 3:
            continue
        citation = parse_citation(piece)
        if citation.title and (citation.authors or citation.date or citation.container):
            found.append(replace(entry, text=piece, citation=citation))
    return found


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

        )
    if names and words <= 8 and _OP_CIT.search(entry.text):
        return True  # "See Ofcom, op. cit." with two Ofcom works: say so, do not guess
    return year is not None and words <= 8 and bool(names)


# "… by EIP-3529 by Buterin and Swende [2021] in the London release": an author–year citation
# inside a remark, its year bracketed as natbib and biblatex print it.
_CITED_WITHIN = re.compile(
    rf"(?P<names>{_CITED_NAME}(?:\s+(?:and|&)\s+{_CITED_NAME}|,?\s+et\s+al\.?)?)"
    rf"\s+[\[(](?P<year>{YEAR})[a-z]?[\])]"
)


def _cited_within(index: _Index, position: int, text: str) -> int | None:
    """The reference a remark cites inside its prose by author and bracketed year, if one
    matches: the remark is then a short form of it."""
    if "[" not in text and "(" not in text:
        return None
    for found in _CITED_WITHIN.finditer(text):
        bare = re.sub(r",?\s+et\s+al\.?$", "", found["names"])
        names = [_fold(n) for n in re.split(r"\s+(?:and|&)\s+", bare) if n.strip()]
        if not names or any(n.split()[0] in _NOT_NAMES for n in names):
            continue
        target = _match(index, position, (names, "", found["year"]))
        if target is not None:
            return target
    return None


def _named_work(index: _Index, position: int, entry: Entry) -> int | None:
    """The source a bare title names ("Paul Thomas Annotated: In the Margins."; its italics
    gone, nothing parses): the first whose title, or words before its URL, are that title."""
    citation = entry.citation
    if citation.authors or citation.title or citation.date or any(c.isdigit() for c in entry.text):
        return None
    title = _fold(entry.text)
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
        if target.position != position and _title_score(title, target.title or target.work) >= 100:
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


def _cross_reference(entries: Sequence[Entry], position: int, labels: dict[str, int]) -> int | None:
    """An earlier note named by number: "Smith, supra note 3, at 5", "See note 3 above"."""
    match = _SUPRA.search(entries[position].text)
    if match is None:
        return None
    target = labels.get(match["a"] or match["b"] or match["c"] or match["d"] or match["e"] or "")
    if target is None or target >= position:
        return None
    return target


def _repeat_of(index: _Index, position: int, entry: Entry) -> int | None:
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
    years = _YEARS.findall(entry.citation.date or "")
    target = _match(index, position, form, earlier_only=True, years=frozenset(years))
    if target is None:
        return None
    title, text = index.work_of(target, form[1])
    if len(entry.text) > _ABBREVIATED * len(text):
        return None
    if not form[0] and title != form[1]:
        return None  # without authors, "The Four Freedoms" is not "The Four Freedoms were …"
    return target


def _other_publisher(entry: Entry, earlier: Entry) -> bool:
    """Whether two author-less full citations of one title name different publishers or sites:
    two works ("State of the Union Address", CNN / the White House archive), not one cited
    twice. (With the same authors, the same title is the same work in another edition.)"""
    mine, theirs = entry.citation.container, earlier.citation.container
    if not mine or not theirs or entry.citation.authors or earlier.citation.authors:
        return False
    return fuzz.token_set_ratio(_fold(mine), _fold(theirs)) < _TITLE_THRESHOLD


def _readings(
    entry: Entry, form: tuple[list[str], str, str | None] | None
) -> list[tuple[list[str], str, str | None]]:
    """Every way to read a note as (surnames, folded title, year), the parsed one first."""
    readings = [form] if form is not None else []
    if len(entry.text.split()) <= 40:
        for authors, title in comma_readings(entry.text):
            names = [_fold(surname(a)) for a in authors if surname(a)]
            reading = ([n for n in names if n], _fold(title), None)
            if reading[0] and reading[1] and reading not in readings:
                readings.append(reading)
    return readings


def _short_form_only(entry: Entry) -> bool:
    """A fullish-looking note that is still only a short form ("Smith 2010, 4")."""
    if entry.citation.title and not _OP_CIT.search(entry.text):
        return False
    if len(first_citation(entry.text).split()) > 8:
        return False  # (a second citation after "; see also" does not make it longer)
    form = _short_form(entry)
    return form is not None and (form[2] is not None or bool(_OP_CIT.search(entry.text)))


def _ibid(position: int, entries: Sequence[Entry], done: Sequence[Resolution]) -> Resolution:
    """Ibid.: the nearest earlier note that cites something, followed to its root."""
    for earlier in range(position - 1, -1, -1):
        if entries[earlier].inline:
            continue
        previous = done[earlier]
        if previous.kind is NoteKind.COMMENT:
            continue
        root = previous.resolves_to
        if root is None:
            return Resolution(
                NoteKind.IBID, points_to=earlier, problem=DiagnosticCode.IBID_WITHOUT_ANTECEDENT
            )
        return Resolution(NoteKind.IBID, points_to=earlier, resolves_to=root)
    return Resolution(NoteKind.IBID, problem=DiagnosticCode.IBID_WITHOUT_ANTECEDENT)
