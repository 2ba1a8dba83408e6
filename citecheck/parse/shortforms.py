"""Finding the full citation a short form repeats: the index of full notes and the comparison.

Full notes are indexed by surname and by title word (:class:`Index`), so each short form is
compared with a few candidates instead of every note; the comparison itself is rapidfuzz's
(:func:`title_score`). :func:`match_form` picks, among the candidates whose authors agree, the
earliest good match before the short form, else the first after it. What counts as a short
form, an Ibid. or a full note is :mod:`citecheck.parse.resolve`'s.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from citecheck.parse.citation import YEAR, surname
from citecheck.parse.deferred import regex

if TYPE_CHECKING:
    from citecheck.parse.resolve import Entry

__all__ = [
    "TITLE_THRESHOLD", "YEARS", "Index", "dated_works", "fold", "match_form", "title_score",
]

_WORD = regex(r"\w+")
_STOPWORDS = frozenset(
    {
        "the", "a", "an", "and", "or", "of", "for", "to", "in", "on", "at", "by", "with",
        "from", "about", "into", "over", "after", "as", "is", "are", "was", "were", "be", "its",
        "it", "this", "that", "these", "those", "what", "why", "how", "who", "when", "where",
        "which", "not", "no", "new", "de", "la", "le", "el", "et",
    }
)  # fmt: skip
YEARS = regex(YEAR)
_CUE_WORDS = frozenset({"see", "also", "cf", "compare"})
_CUE_PHRASES = (["for", "example"], ["for", "instance"], ["e", "g"], ["i", "e"])
# What leads up to an address: "available at", "retrieved from", "online via", its scheme.
_ADDRESS_LEAD = frozenset(
    {"available", "at", "from", "online", "url", "via", "retrieved", "on", "https", "http", "ftp"}
)
TITLE_THRESHOLD = 88.0
_REPEAT_THRESHOLD = 95.0
_MAX_CANDIDATES = 400
_POSSESSIVE = regex(r"(?<=[^\W\d_])['’]s\b")


def fold(text: str) -> str:
    """Lower-case, accents and apostrophe variants folded, punctuation to spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("’", "'")
    return " ".join(_WORD.findall(text.lower().replace("'", "")))


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
        """``names_text`` folded, with a space each side; worked out only when compared. An
        author named by a possessive ("See Armstrong's paper") is there by name too."""
        if self._author_text is None:
            folded = fold(self.names_text)
            if "'" in self.names_text or "’" in self.names_text:
                owners = fold(_POSSESSIVE.sub("", self.names_text))
                folded = f"{folded} {owners}" if owners != folded else folded
            self._author_text = f" {folded} "
        return self._author_text

    def acronyms(self) -> frozenset[str]:
        """Initials of institutional authors, worked out only when a short form needs them."""
        if self._acronyms is None:
            self._acronyms = _acronyms(self.authors)
        return self._acronyms


class Index:
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
        return max(works, key=lambda work: title_score(title, work[0]))

    def add(self, position: int, entry: Entry) -> None:
        citation = entry.citation
        authors = citation.authors
        surnames = frozenset(fold(name) for name in map(surname, authors) if name)
        years = frozenset(YEARS.findall(citation.date)) if citation.date else frozenset()
        target = _Target(
            position,
            surnames,
            " ".join(authors) if authors else entry.text,
            fold(citation.title) if citation.title else "",
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
            # "See Armstrong's paper here": the work's author is named by the possessive.
            named = fold(_POSSESSIVE.sub("", entry.text.split("://", 1)[0])).split()
            while named and (named[0] in _CUE_WORDS or named[:2] in _CUE_PHRASES):
                # "See OMB Circular A-130, available at …", "See for example: https://…"
                del named[:2 if named[:2] in _CUE_PHRASES else 1]
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
        words = fold(author).split()
        if len(words) >= 2:
            out.add("".join(w[0] for w in words if w not in _STOPWORDS))
            out.add("".join(w[0] for w in words))
    return frozenset(out)


def title_score(short: str, full: str) -> float:
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
    rest = [a for a in target.authors if fold(surname(a)) not in names]
    return fold(" ".join(rest)) if rest and len(rest) < len(target.authors) else ""


def match_form(
    index: Index,
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
    if not title and year is not None and names and len(dated_works(index, position, form)) > 1:
        return None  # "Smith 2000" where two works of Smith's are dated 2000: not guessed
    slots = index.candidates(names, title)
    best_before: tuple[float, int] | None = None
    listed_before = False
    best_after: tuple[float, int] | None = None
    author_only = not title and year is None
    # "Armstrong 2007, page 3." after "See Armstrong's paper <link>.": the author's one earlier
    # work, which no note dates (another year given is another work).
    undated: set[int] = set()
    matches_author_only: list[int] = []
    works_author_only: set[str] = set()  # the titles matched: one work cited twice is one
    for slot in slots:
        target = index.targets[slot]
        if target.position == position or not _author_matches(names, target):
            continue
        if target.position > position and not target.listed:
            # A short form repeats a note before it, or names an entry of a list of sources
            # (which may stand after the notes); a later footnote is no work it can repeat.
            continue
        if earlier_only and (
            target.position > position or (years and target.years and not years & target.years)
        ):
            continue
        if title:
            score = title_score(title, target.title or _untitled_work(names, target))
            if score < (_REPEAT_THRESHOLD if earlier_only else TITLE_THRESHOLD):
                continue
            if not names and len(title.split()) < 2 and (
                score < 100 or not f"{target.title} ".startswith(f"{title} ")):
                # A lone word names a work only as its title's first word ("“Tractatus”");
                # one inside a longer title ("“Version” here means …" against "YAML … version
                # 1.1") is a term the note discusses.
                continue
        elif year is not None:
            if not names:
                continue
            if year not in target.years:
                if not target.years and not earlier_only and target.position < position:
                    undated.add(target.position)
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
    if best_after is not None:
        return best_after[1]
    return undated.pop() if len(undated) == 1 else None


def dated_works(
    index: Index, position: int, form: tuple[list[str], str, str | None]
) -> tuple[int, ...]:
    """The distinct works an author–year short form (names and a year, no title) can mean: the
    first note or entry of each work with those authors and that year, in document order.

    Two of them make "Smith 2000, p. 3" ambiguous (a list giving Smith's two works of 2000 with
    no "2000a"/"2000b" to tell them apart): it is reported, not resolved to the first. A work
    cited in a full note and listed again in the bibliography is one work (its titles agree).
    """
    names, title, year = form
    if title or year is None or not names:
        return ()
    works: list[tuple[int, str]] = []  # (position, the work's folded title or words)
    for slot in index.candidates(names, title):
        target = index.targets[slot]
        if (target.position == position or year not in target.years
                or not _author_matches(names, target)
                or (target.position > position and not target.listed)):
            continue
        named = target.title or target.work
        if not named:
            continue  # a note naming no work of its own (a remark dated by its author) is no rival
        if any(title_score(named, other) >= TITLE_THRESHOLD or title_score(other, named)
               >= TITLE_THRESHOLD for _, other in works):
            continue
        works.append((target.position, named))
    return tuple(sorted(position for position, _ in works))

