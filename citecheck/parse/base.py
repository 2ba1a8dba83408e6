"""The format-neutral middle of parsing.

Each format reader (plain text, Markdown, HTML) only finds *where* the notes and the note
markers are. It hands :func:`build_document` a list of :class:`RawNote` and :class:`RawMarker`,
and everything that is the same for every format happens once, here: citation fields, URL
extraction and repair, note kinds, Ibid./short-form resolution, claims and diagnostics.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from citecheck.models import (
    Citation,
    Claim,
    Diagnostic,
    DiagnosticCode,
    Document,
    DocumentFormat,
    Note,
    NoteKind,
)
from citecheck.parse.citation import citation_from
from citecheck.parse.csljson import csl_note
from citecheck.parse.deferred import regex
from citecheck.parse.resolve import Entry, Resolution, resolve
from citecheck.parse.urls import (
    DOI_BASE,
    doi_of,
    is_email_address,
    repair_url,
    scheme_added,
    url_spans,
)
from citecheck.parse.urls import url_identity as _identity

#: Kinds that stand on their own URLs (an Ibid. or short form stands on its root's).
_OWN_SOURCE = frozenset({NoteKind.FULL, NoteKind.LINK})
# Wikipedia's links back to a note's markers, printed before the note wherever the page is
# copied, printed or saved: "^ a b", "↑", "Jump up^", "^ Jump up to:a b c". Not the note's
# words. ("^in" is no backlink: a letter follows one only after a space or "to:".)
_BACKLINK = r"(?:\^|↑|Jump up(?: to)?:?)"
WIKI_BACKLINKS = regex(
    rf"^\s*(?:{_BACKLINK}\s*)*{_BACKLINK}(?:\s+|(?<=:)|$)(?:(?:[a-z]{{1,2}}|\d+\.\d+)\s+){{0,26}}"
)


@dataclass(frozen=True, slots=True)
class RawNote:
    """A note as a format reader found it."""

    label: str
    line: int  # 1-based
    text: str  # the note's plain text (markup removed, entities decoded)
    hrefs: tuple[str, ...] = ()  # URLs given by markup (<a href>, Markdown link targets), in order
    column: int = 1
    inline: bool = False  # a body link rather than a note: kind ``link``, its own source
    listed: bool = False  # a bibliography entry: listed, not cited by a marker
    # Fields a reader read from structure (a BibTeX entry) rather than from the note's text;
    # the ones left None are still read from the text.
    citation: Citation | None = None
    reference: bool = False  # an entry of a labelled reference list ("[RFC5246] …"): a source
    # An entry of an unlabelled list of sources that the text's markers cite by number (a
    # bibliography copied without its numbers): an Ibid. or a short form may be among them, but
    # not a comment, and a title-only entry that repeats nothing is a source of its own.
    bibliography: bool = False
    file: str | None = None  # the file it is in (a .tex's .bib or \input file), if not the document
    # Numbered in a list headed "References": an entry that reads as a short form but repeats
    # none of the others is a source of its own ("[14] B. McCloskey. Personal communication.").
    reference_list: bool = False
    # The note this one names as its source by label, not by a work's words (a LaTeX footnote
    # "For Bitcoin, refer to \cite{nakamoto}, section 5"): without an address of its own, it is
    # a short form of that note, as "Nakamoto, Bitcoin, 5." is of the full citation.
    refers_to: str | None = None


class ReaderOutput(NamedTuple):
    """What a format reader found: its notes, the markers citing them, and its diagnostics.

    A named tuple rather than a dataclass so that ``notes, markers, diagnostics = read_x(text)``
    keeps working for callers and tests; it is immutable and typed all the same.
    """

    notes: list[RawNote]
    markers: list[RawMarker]
    diagnostics: list[Diagnostic]


@dataclass(frozen=True, slots=True)
class RawMarker:
    """An in-text reference to a note, with the sentence it supports."""

    label: str
    line: int  # 1-based
    sentence: str  # the claim sentence, markers removed, whitespace normalised
    column: int = 1
    file: str | None = None  # the file it is in (an \input file), if not the document


def build_document(
    path: str,
    fmt: DocumentFormat,
    notes: list[RawNote],
    markers: list[RawMarker],
    diagnostics: list[Diagnostic] | None = None,
) -> Document:
    """Turn what a format reader found into a :class:`Document`.

    Notes keep the reader's order (their ``index``). Each note gets its citation fields, its own
    repaired URLs (markup ``hrefs`` first, then URLs written in its text; none for Ibid. and short
    forms), its kind and references, and the claims of the markers that cite it. What does not
    add up becomes a diagnostic: ``marker-without-note``, ``note-never-cited``,
    ``duplicate-label``, ``unresolved-short``, ``ibid-without-antecedent``.
    """
    found = list(diagnostics or [])
    notes = [_csl_read(_without_backlinks(raw)) for raw in notes]
    normal: dict[str, str] = {}  # "Ibid." and a repeated comment are normalised once
    texts = [
        normal.get(raw.text) or normal.setdefault(raw.text, " ".join(raw.text.split()))
        for raw in notes
    ]
    # URLs and citation fields depend on a note's text alone: a text that repeats ("Ibid.",
    # "Ibid., 14.", one comment in many notes) is read once. The span lists are shared, never
    # changed.
    read: dict[str, tuple[list[tuple[int, int, str]], Citation]] = {}
    for raw in notes:
        if raw.text not in read:
            found_spans = url_spans(raw.text)
            read[raw.text] = (found_spans, citation_from(raw.text, found_spans))
    spans = [read[raw.text][0] for raw in notes]
    citations = [_citation(raw, read[raw.text][1]) for raw in notes]
    own_urls = [_own_urls(raw, found) for raw, found in zip(notes, spans, strict=True)]
    claims, extra = _claims(notes, markers)
    resolutions = resolve(
        [
            Entry(
                text,
                citation,
                bool(urls or citation.doi),  # a bare DOI is a source of its own too
                raw.inline,
                raw.label,
                raw.listed or raw.reference,
                raw.bibliography,
                raw.reference_list,
                _gives_email(raw),
                " ".join(claim.text for claim in cited_by),
                urls,
            )
            for raw, text, citation, urls, cited_by in zip(
                notes, texts, citations, own_urls, claims, strict=True
            )
        ]
    )

    _refer_to_cited(notes, own_urls, citations, resolutions)

    def label_of(position: int | None) -> str | None:
        return None if position is None else notes[position].label

    built: list[Note] = []
    for position, raw in enumerate(notes):
        resolution = resolutions[position]
        kind = NoteKind.LINK if raw.inline else resolution.kind
        # A short form that writes its work's address again keeps it: it is checked as given.
        own = kind in _OWN_SOURCE or (kind is NoteKind.SHORT and bool(own_urls[position]))
        if resolution.problem is DiagnosticCode.AMBIGUOUS_SHORT:
            fits = ", ".join(f"[{notes[at].label}]" for at in resolution.candidates)
            extra.append(_about(raw, resolution.problem,
                                f" names an author and a year that fit several works: {fits}"))
        elif resolution.problem is not None:
            extra.append(_problem(resolution.problem, raw, label_of(resolution.points_to)))
        if not raw.inline and own:
            extra.extend(_schemes_added(raw, spans[position]))
        if not claims[position] and not raw.inline and not raw.listed:
            extra.append(
                _about(raw, DiagnosticCode.NOTE_NEVER_CITED, " is not cited in the text")
            )
        built.append(
            Note(
                label=raw.label,
                index=position,
                line=raw.line,
                kind=kind,
                text=texts[position],
                citation=citations[position],
                urls=own_urls[position] if own else (),
                # A full note is its own source: the chain fields are for ibid/short notes.
                resolves_to=None if kind in _OWN_SOURCE else label_of(resolution.resolves_to),
                points_to=label_of(resolution.points_to),
                claims=tuple(claims[position]),
                column=raw.column,
                file=raw.file,
            )
        )
    extra.sort(key=lambda d: d.line if d.line is not None else 0)
    empty = _nothing_found(notes, markers, claims)
    if empty is not None:
        extra.insert(0, empty)
    return Document(path=path, format=fmt, notes=tuple(built), diagnostics=(*found, *extra))



def _refer_to_cited(
    notes: list[RawNote],
    own_urls: list[tuple[str, ...]],
    citations: list[Citation],
    resolutions: list[Resolution],
) -> None:
    """A note whose reader says which entry it cites (a LaTeX footnote whose only source is a
    ``\\cite``) and that gives no address of its own is a short form of that entry."""
    first: dict[str, int] = {}
    for position, raw in enumerate(notes):
        first.setdefault(raw.label, position)
    for position, raw in enumerate(notes):
        named = first.get(raw.refers_to or "")
        if named is None or named == position or own_urls[position] or citations[position].doi:
            continue
        if resolutions[named].kind is NoteKind.FULL:
            resolutions[position] = Resolution(
                NoteKind.SHORT, points_to=named, resolves_to=resolutions[named].resolves_to
            )

def _claims(
    notes: list[RawNote], markers: list[RawMarker]
) -> tuple[list[list[Claim]], list[Diagnostic]]:
    """Each note's claims (the sentences of the markers that cite it, in order), and a
    diagnostic for each label defined twice and each marker that cites no note."""
    extra: list[Diagnostic] = []
    positions: dict[str, list[int]] = {}
    cited_on: dict[str, list[int]] = {}  # label → the lines of its markers (document's own)
    for marker in markers:
        if marker.file is None:
            cited_on.setdefault(marker.label, []).append(marker.line)
    for rows in cited_on.values():
        rows.sort()
    for position, raw in enumerate(notes):
        same = positions.setdefault(raw.label, [])
        if same and not _restarted(notes[same[-1]], raw, cited_on.get(raw.label, ())):
            extra.append(
                _about(raw, DiagnosticCode.DUPLICATE_LABEL,
                       f" is defined more than once (first on line {notes[same[0]].line})")
            )
        same.append(position)

    claims: list[list[Claim]] = [[] for _ in notes]
    for marker in markers:
        candidates = positions.get(marker.label)
        if not candidates:
            extra.append(
                Diagnostic(
                    DiagnosticCode.MARKER_WITHOUT_NOTE,
                    f"marker [{marker.label}] refers to no note",
                    line=marker.line,
                    label=marker.label,
                )
            )
            continue
        target = _copy_for(candidates, notes, marker.line)
        sentence = marker.sentence
        text = sentence if len(sentence) <= MAX_CLAIM else _bounded(sentence)
        previous = claims[target][-1] if claims[target] else None
        if (
            previous is not None
            and previous.text == text
            and previous.file == marker.file
            and 0 <= marker.line - previous.line <= 3
        ):
            continue  # cited twice in one sentence: that sentence is its claim once
        claims[target].append(Claim(marker.line, text, marker.column, file=marker.file))
    return claims, extra


def _restarted(before: RawNote, again: RawNote, lines: list[int] | tuple[()]) -> bool:
    """Whether a note's label printed again starts the numbering over (an essay's or a book's
    notes after each section or chapter, "(1)" in each), not a duplicate: the text between the
    two copies cites the label once more, so each copy has the markers just before it."""
    if before.file is not None or again.file is not None or again.line <= before.line:
        return False
    at = bisect_right(lines, before.line)
    return at < len(lines) and lines[at] < again.line


#: The longest claim kept whole. A "sentence" longer than this is a page without sentence
#: ends (hostile or mangled); each of its notes would repeat all of it in every report.
MAX_CLAIM = 1000


@lru_cache(maxsize=256)  # the markers of one long sentence share one bounded claim
def _bounded(sentence: str) -> str:
    if len(sentence) <= MAX_CLAIM:
        return sentence
    cut = sentence.rfind(" ", 0, MAX_CLAIM)
    return sentence[: cut if cut > MAX_CLAIM // 2 else MAX_CLAIM].rstrip() + " …"


def _without_backlinks(raw: RawNote) -> RawNote:
    """A note without the Wikipedia backlinks printed before its text (:data:`WIKI_BACKLINKS`)."""
    if raw.inline:
        return raw
    text = WIKI_BACKLINKS.sub("", raw.text, count=1)
    return raw if text == raw.text else replace(raw, text=text)


def _csl_read(raw: RawNote) -> RawNote:
    """A note whose whole text is a CSL-JSON item (the citation processors' data, pasted as
    the note) as the citation it encodes; any other note as it is."""
    if raw.citation is not None or raw.text.lstrip()[:1] not in ("{", "["):
        return raw
    found = csl_note(raw.text)
    if found is None:
        return raw
    hrefs = tuple(dict.fromkeys((*raw.hrefs, *found.urls)))
    return replace(raw, text=found.text, hrefs=hrefs, citation=found.citation)


_DOI_WORD = regex(r"(?i)\bdoi\s*:")


def _citation(raw: RawNote, read: Citation) -> Citation:
    """The note's citation fields: the reader's own where it gave them, else ``read`` (the
    fields its text holds)."""
    given = raw.citation
    if read.doi is None and raw.hrefs:
        linked = list(dict.fromkeys(doi for href in raw.hrefs if (doi := doi_of(href))))
        if len(linked) == 1 or (linked and (
            # the pattern's case folding reads "ı" and "İ" as "i": beyond ASCII, always searched
            ("doi" in raw.text.lower() or not raw.text.isascii()) and _DOI_WORD.search(raw.text)
        )):
            # A DOI only a link's target holds ("`Remote Sensing 5(12) <https://doi.org/…>`_")
            # is the note's, as a resolver link written out is; so is "doi:10 . 1001 / jama …",
            # letter-spaced past reading, linked to its doi.org address (the first such link).
            read = replace(read, doi=linked[0])
    if given is None:
        return read
    return Citation(
        authors=given.authors or read.authors,
        title=given.title or read.title,
        container=given.container or read.container,
        date=given.date or read.date,
        accessed=given.accessed or read.accessed,
        doi=given.doi or read.doi,
    )


def _nothing_found(
    notes: list[RawNote], markers: list[RawMarker], claims: list[list[Claim]]
) -> Diagnostic | None:
    """A document-level diagnostic when a document yields nothing to check where notes belong.

    No notes, references or links at all; markers in the text but not one note for them (the
    notes section was lost, or is in a form not read); notes that not one marker cites (the
    markers were lost in copying). A bibliography cited by no marker is a list, not a loss.
    """
    own = [i for i, raw in enumerate(notes) if not raw.inline]
    if not own:
        if any(raw.inline for raw in notes):
            return None
        if markers:
            named = list(dict.fromkeys(m.label for m in markers))
            labels = ", ".join(f"[{label}]" for label in named[:3])
            labels += "…" if len(named) > 3 else ""
            noun = "marker" if len(markers) == 1 else "markers"
            return Diagnostic(
                DiagnosticCode.NO_NOTES_SECTION,
                f"{len(markers)} note {noun} ({labels}) but no notes were found for them",
                line=markers[0].line,
            )
        return Diagnostic(DiagnosticCode.NO_NOTES, "no notes, references or links found")
    cited = [i for i in own if not notes[i].listed]
    if cited and not any(claims[i] for i in cited):
        return Diagnostic(
            DiagnosticCode.NO_MARKERS,
            f"{len(cited)} notes but no marker in the text cites any of them",
            line=notes[cited[0]].line,
        )
    return None


def _own_urls(raw: RawNote, spans: list[tuple[int, int, str]]) -> tuple[str, ...]:
    """Markup links first, then URLs written in the text, repaired and without repeats.

    A DOI is one source however it is spelled: the text's ``doi:10.1118/1.3267037`` repeats the
    link ``https://doi.org/10.1118%2F1.3267037`` it labels.
    """
    hrefs = _hrefs(raw)
    if not hrefs and len(spans) <= 1:
        return tuple(url for start, end, url in spans if not is_bare_doi(raw.text[start:end], url))
    if len(hrefs) == 1 and len(spans) == 1 and spans[0][2] == hrefs[0]:
        return (hrefs[0],)  # a link showing its own address: one URL, whichever way it is read
    urls: dict[str, str] = {}
    for url in hrefs:
        urls.setdefault(_identity(url), url)
    hosts = {identity.partition("/")[0] for identity in urls}
    spaced = {identity.replace("%20", "") for identity in urls if "%20" in identity}
    for start, end, url in spans:
        if is_bare_doi(raw.text[start:end], url):
            continue
        identity = _identity(url)
        if hrefs and (identity in hosts or "/" not in identity) and scheme_added(
            raw.text[start:end]
        ):
            # "www.wiresnr.org" after a link to a page there, "www.world-gazetter.com" (sic)
            # after a link to world-gazetteer.com: the website's name beside the linked page.
            continue
        if raw.text[end : end + 1] == "\\" and any(
            href.startswith((url + "%5C", url + "\\")) for href in hrefs
        ):
            # "…?tag=x\&path=y" linked to its own address: the text's URL stops at the
            # backslash, which no URL holds; the link's target (the backslash as %5C) is it.
            continue
        if spaced and identity not in urls and identity in spaced:
            # "[https://a.example/](…)[ news/item/](https://a.example/%20news/item/)": the link
            # texts read as one URL, but what was linked is the target, space and all.
            continue
        urls.setdefault(identity, url)
    return tuple(urls.values())


def is_bare_doi(written: str, url: str) -> bool:
    """A DOI written as an identifier ("doi:10.1000/xyz", "DOI 10.1000/xyz"), not as a link:
    the note's citation.doi, checked at doi.org (Note.sources), not one of its URLs."""
    return url.startswith(DOI_BASE) and "doi.org" not in written.lower()


def _gives_email(raw: RawNote) -> bool:
    """Whether a note gives an e-mail address (linked or written): "Department of Mathematics,
    …, USA, turcksin@math.tamu.edu" is where to reach an author, not a work cited in short."""
    # Most notes hold no "@": their text is not split into words at all.
    return any(is_email_address(href) for href in raw.hrefs) or ("@" in raw.text and any(
        is_email_address(word.strip("<>()[]{},;:.")) for word in raw.text.split() if "@" in word))


def _hrefs(raw: RawNote) -> list[str]:
    """The note's markup links as addresses to check; an e-mail address (``\\url{me@x.org}``,
    ``mailto:``) is a way to write to someone, not a source."""
    return [_repair_href(_markup_href(href)) for href in raw.hrefs
            if href.strip() and not is_email_address(href)]


def _repair_href(href: str) -> str:
    """A markup link target repaired, its closing ``?`` kept: an empty query written in an
    ``href`` ("…/d-id/1140696?") is the address, where after a URL in prose it is the
    sentence's question mark."""
    repaired = repair_url(href)
    return href if href.endswith("?") and repaired == href[:-1] else repaired


def _schemes_added(raw: RawNote, spans: list[tuple[int, int, str]]) -> list[Diagnostic]:
    """A diagnostic for each URL of a note written without its scheme, saying how it is read
    (not for a link's visible text: its ``href`` has the scheme)."""
    bare = [(start, end, url) for start, end, url in spans if "://" not in raw.text[start:end]]
    if not bare:
        return []
    linked = {_identity(url) for url in _hrefs(raw)}
    hosts = {identity.partition("/")[0] for identity in linked}
    return [
        _about(raw, DiagnosticCode.URL_SCHEME_ADDED,
               f": {raw.text[start:end].strip()} has no scheme; checked as {url}")
        for start, end, url in bare
        if scheme_added(raw.text[start:end])
        and _identity(url) not in linked
        and _identity(url) not in hosts
    ]


def _markup_href(href: str) -> str:
    """A link target from markup, read as a browser reads it.

    Tabs and line breaks inside are dropped and spaces are percent-encoded
    (``<https://t.example/frequent transit>`` is ``…/frequent%20transit``): unlike a URL
    typed in prose, a space in an ``href`` is part of the address, not a line-wrap to close.
    """
    href = href.strip().replace("\t", "").replace("\n", "").replace("\r", "")
    return href.replace(" ", "%20") if " " in href else href


def _copy_for(candidates: list[int], notes: list[RawNote], line: int) -> int:
    """Which of several notes sharing a label a marker on ``line`` means.

    Documents that restart numbering per chapter put each chapter's notes after its text, so a
    marker means the first note with its label that comes after it; past the last, the last.
    """
    if len(candidates) == 1:
        return candidates[0]
    lines = [notes[c].line for c in candidates]
    at = bisect_right(lines, line)
    return candidates[min(at, len(candidates) - 1)]


def _problem(code: DiagnosticCode, raw: RawNote, antecedent: str | None) -> Diagnostic:
    if code is DiagnosticCode.IBID_WITHOUT_ANTECEDENT:
        where = f" (note [{antecedent}] has none)" if antecedent else ""
        return _about(raw, code, f" says Ibid. but no earlier note cites a source{where}")
    return _about(raw, code, " looks like a short form but matches no full citation")


def _about(raw: RawNote, code: DiagnosticCode, says: str) -> Diagnostic:
    """A diagnostic about note ``raw``: "note [3]" and ``says`` (" is not cited…", ": … has no
    scheme"), at the note's line; a note in another file than the document is named by file
    and line instead ("refs.bib:12: note [3] …")."""
    if raw.file:
        return Diagnostic(code, f"{raw.file}:{raw.line}: note [{raw.label}]{says}",
                          label=raw.label)
    return Diagnostic(code, f"note [{raw.label}]{says}", line=raw.line, label=raw.label)
