"""The PDF reader: a PDF's text, page by page, read like a plain-text document.

:func:`~citecheck.parse.pdf.extract.extract_pdf` gives each page's lines (superscript note
numbers kept apart) and its URI link annotations; :mod:`~citecheck.parse.pdf.repair` makes each
wrapped or truncated URL whole from its annotation; :mod:`~citecheck.parse.pdf.footnotes` takes
the footnotes off the foot of each page (a line that starts with a superscript number in the
smaller footnote type) with the superscript marks citing them; the rest, the body, goes through
the plain-text reader (:func:`~citecheck.parse.text.read_text`), which finds reference lists and
endnote sections as in any text. A link annotation whose URI the text does not print (a link on
the words "Merkle tree") belongs to the note on its line, or is a body link.

Lines are counted per page: a note's ``page`` is its 1-based page and its ``line`` the line on
that page, shown as ``page:line`` (``3:12``). Encrypted, damaged and text-less PDFs become one
error diagnostic on an unreadable document.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from dataclasses import replace
from urllib.parse import urlsplit

from citecheck.models import Diagnostic, DiagnosticCode, Document, DocumentFormat
from citecheck.parse.base import RawMarker, RawNote, build_document
from citecheck.parse.deferred import regex
from citecheck.parse.inline import body_link, is_citable_href
from citecheck.parse.pdf.extract import (
    MAX_CHARACTERS,
    MAX_PAGES,
    PdfLink,
    PdfProblem,
    extract_pdf,
)
from citecheck.parse.pdf.footnotes import Layout, split_layout
from citecheck.parse.pdf.guard import MAX_INFLATED, inflates_past
from citecheck.parse.pdf.repair import HOLD, repair_lines
from citecheck.parse.reduced import read_reduced, too_dense
from citecheck.parse.text import read_text
from citecheck.parse.urls import prose_url_spans

__all__ = ["read_pdf"]

_FOOTNOTE = "\u2063"  # INVISIBLE SEPARATOR: marks a footnote's label while the document is built
_FIRST_ON_LINE = regex(r"first on line (\d+)")


def read_pdf(data: bytes, path: str = "-") -> Document:
    """Parse a PDF's bytes into its notes, claims and diagnostics; never raises on bad input."""
    if inflates_past(data):
        bomb = Diagnostic(DiagnosticCode.DAMAGED, f"{path}: its compressed streams inflate to "
                          f"more than {MAX_INFLATED // 2**20} MiB; refusing to read it (a "
                          "decompression bomb?)", severity="error")
        return Document(path=path, format=DocumentFormat.UNREADABLE, diagnostics=(bomb,))
    try:
        pages, links, stopped = extract_pdf(data)
    except PdfProblem as problem:
        code = {"encrypted": DiagnosticCode.ENCRYPTED, "no-text": DiagnosticCode.NO_TEXT}.get(
            problem.kind, DiagnosticCode.DAMAGED)
        diagnostic = Diagnostic(code, f"{path}: {problem}", severity="error")
        return Document(path=path, format=DocumentFormat.UNREADABLE, diagnostics=(diagnostic,))
    links = _off_own_site(links)
    text = "\n".join(line for page in pages for line in page.lines)
    dense = too_dense(text)
    if dense is not None:  # as for any document (parse/reduced.py); lines count through it
        return read_reduced(text + "\n" + "\n".join(link.uri for link in links), path,
                            DocumentFormat.PDF, dense)
    printed: set[tuple[int, str]] = set()  # (page, URI) the text of that page prints
    by_page: dict[int, list[PdfLink]] = {}  # each page's links once: not all links per page
    for link in links:
        by_page.setdefault(link.page, []).append(link)
    for index, page in enumerate(pages):
        following = pages[index + 1].lines if index + 1 < len(pages) else None
        nearby = [*by_page.get(page.number, ()), *by_page.get(page.number + 1, ())]
        on_page = repair_lines(page.lines, nearby, following)
        printed |= {(page.number + offset, uri) for offset, uri in on_page}
    layout = split_layout(pages)
    body = read_text("\n".join(layout.body_lines))
    where = layout.body_where

    notes = [replace(n, line=where[n.line - 1] + 1, text=n.text.replace(HOLD, ""))
             for n in body.notes]
    markers = [replace(m, line=where[m.line - 1] + 1, sentence=m.sentence.replace(HOLD, ""))
               for m in body.markers if not (layout.footnotes and _raised(layout, m))]
    # Footnote 1 and reference [1] are different notes: their labels are kept apart (and the
    # bracket markers go to the references, the raised marks to the footnotes) until the
    # document is built, then both print as "1".
    # (Only a label both print is kept apart: "see note 3 above" must find note 3.)
    shared = {n.label for n in notes}

    def apart(label: str) -> str:
        return label + _FOOTNOTE if label in shared else label

    footnotes = [replace(n, label=apart(n.label)) for n in layout.footnotes]
    notes += footnotes
    markers += [replace(m, label=apart(m.label)) for m in layout.markers]
    extra_notes, extra_markers = _links_outside_text(layout, notes, links, printed)
    notes = _numbered_order(sorted(notes + extra_notes, key=lambda n: (n.line, n.column)),
                            {id(note) for note in footnotes}, layout)
    document = build_document(
        path, DocumentFormat.PDF, notes, markers + extra_markers, body.diagnostics)
    document = _paginate(document, layout)
    if stopped:
        stop = Diagnostic(DiagnosticCode.DOCUMENT_TOO_DENSE,
                          f"{path}: only the first {len(pages):,} pages were read (at most "
                          f"{MAX_PAGES:,} pages or {MAX_CHARACTERS:,} characters are read in "
                          "time); the pages after them, if any, were not")
        document = replace(document, diagnostics=(stop, *document.diagnostics))
    return document


# A wiki page printed to PDF links back into itself: its notes' backlinks ("#cite_ref-2"), its
# markers ("#cite_note-2") and its sections' edit links ("index.php?…&action=edit&section=3").
_OWN_PAGE_LINK = regex(r"(?i)#cite_(?:ref|note)-|[?&]action=edit&section=")


def _off_own_site(links: list[PdfLink]) -> list[PdfLink]:
    """The links without those to the printed page's own site. A web page printed or exported
    to PDF turns its relative links absolute: a wiki's backlinks, edit links, article links and
    ISBN lookups ("https://en.wikipedia.org/wiki/Special:BookSources/…") are the site's own
    navigation, which the page's HTML left relative, not sources it cites. The site is the host
    of the links that point back into the page itself (:data:`_OWN_PAGE_LINK`)."""
    own = {urlsplit(link.uri).hostname for link in links if _OWN_PAGE_LINK.search(link.uri)}
    if not own:
        return links
    return [link for link in links if urlsplit(link.uri).hostname not in own]


_SUPERSCRIPT_DIGITS = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹")


def _raised(layout: Layout, marker: RawMarker) -> bool:
    """Whether a marker the text reader found is a raised number that cites no footnote. Where
    a PDF's footnotes are cited by raised numbers, its other raised numbers are exponents,
    a formula's indices or a chart's ticks ("αt−1", "¹⁰ ²⁰ ³⁰"), not marks of its numbered
    reference list (which brackets or names cite)."""
    line = layout.body_lines[marker.line - 1] if 0 < marker.line <= len(layout.body_lines) else ""
    at = marker.column - 1
    if line[at : at + 1] not in _SUPERSCRIPT_DIGITS:
        return False
    # "esposo.[⁵]": a bracketed citation set raised is still a citation.
    before = line[:at].rstrip("".join(_SUPERSCRIPT_DIGITS) + ",–- ")
    return not before.endswith("[")


def _numbered_order(
    notes: list[RawNote], footnotes: set[int], layout: Layout
) -> list[RawNote]:
    """Footnotes of one page in the order of their numbers: some producers (Google Docs) write
    a page's footnotes bottom-up, and Ibid. means the note numbered before."""
    by_page: dict[int, list[int]] = {}
    for position, note in enumerate(notes):
        if id(note) in footnotes:
            by_page.setdefault(layout.where(note.line - 1)[0], []).append(position)
    ordered = list(notes)
    for positions in by_page.values():
        chosen = sorted((notes[p] for p in positions), key=_number_of)
        for position, note in zip(positions, chosen, strict=True):
            ordered[position] = note
    return ordered


def _number_of(note: RawNote) -> tuple[int, int]:
    """A footnote's place among its page's: a symbol's ("∗", a title's note) first."""
    label = note.label.removesuffix(_FOOTNOTE)
    return (1, int(label)) if label.isdigit() else (0, 0)


def _links_outside_text(
    layout: Layout, notes: list[RawNote], links: list[PdfLink], printed: set[tuple[int, str]]
) -> tuple[list[RawNote], list[RawMarker]]:
    """Annotation URIs the text does not print, given to the note on their line (or body links);
    and URLs printed in the body outside any note, as body links."""
    spans: list[tuple[int, int, int]] = []  # (first, last global line, note position)
    for position, note in enumerate(notes):
        if not note.inline:
            spans.append((note.line, note.line + note.text.count("\n"), position))
            if note.line in layout.carried:  # (a footnote's: no body line is one's)
                spans.append((*layout.carried[note.line], position))
    extra: dict[int, list[str]] = {}
    found: list[tuple[int, int, str, str]] = []  # (global line, column, url, text) body links
    for link in links:
        if ((link.page, link.uri) in printed and _over_address(link)) or (
            link.line is None or not is_citable_href(link.uri)
        ):
            continue
        line = layout.global_line(link.page, link.line) + 1
        owner = next((p for first, last, p in spans if first <= line <= last), None)
        if owner is not None:
            extra.setdefault(owner, []).append(link.uri)
        else:
            found.append((line, 1, link.uri, link.anchor))
    found += _printed_links(layout, [(first, last) for first, last, _ in spans])
    for position, hrefs in extra.items():
        note = notes[position]
        notes[position] = replace(note, hrefs=tuple(dict.fromkeys((*note.hrefs, *hrefs))))
    new_notes: list[RawNote] = []
    new_markers: list[RawMarker] = []
    seen: set[tuple[int, str]] = set()
    for line, column, url, text in sorted(found):
        if (line, url) in seen:
            continue
        seen.add((line, url))
        sentence = " ".join(layout.line_text(line - 1).split())
        note, marker = body_link(len(new_notes) + 1, text, url, sentence, line=line,
                                 column=column)
        new_notes.append(note)
        new_markers.append(marker)
    return new_notes, new_markers


def _over_address(link: PdfLink) -> bool:
    """Whether a link annotation lies over its address as printed (or a piece of it), not
    over words: a link on the words "online form" is the body's own, though a footnote of the
    same page prints its URL."""
    anchor = "".join(link.anchor.split()).lower().strip(".,;:()[]<>'\"‘’“”")
    if not anchor:
        return True
    parts = urlsplit(link.uri.lower())
    host = (parts.hostname or "").removeprefix("www.")
    last = parts.path.rstrip("/").rsplit("/", 1)[-1]  # a DOI's suffix under "doi: 10.1086/…"
    return anchor in link.uri.lower() or "://" in anchor or "www." in anchor or (
        bool(host) and host in anchor) or (len(last) >= 4 and last in anchor)


def _printed_links(layout: Layout, spans: list[tuple[int, int]]
                   ) -> list[tuple[int, int, str, str]]:
    """The URLs the body prints outside any note, as (global line, column, url, text).

    The body is read in runs of lines between notes, not line by line: a URL wraps at a line
    end as readily in running text as in a note ("(https://" ⏎ "paleorxiv.org/)", "…wordpress
    .com/" ⏎ "2018/11/30/…"), and the rules that rejoin one in a note's text decide here too.
    A host with a path and no scheme ("creativecommons.org/licenses/by-nc-sa/4.0/") counts as
    it does in any text; so does a host named alone ("berlin.craigslist.com" in a table of
    platforms), read as the text and Word readers read a body (:func:`prose_url_spans`)."""
    runs: list[list[int]] = [[]]  # indices of body lines, run by run
    for index, where in enumerate(layout.body_where):
        if any(first <= where + 1 <= last for first, last in spans):
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(index)
    found: list[tuple[int, int, str, str]] = []
    for run in runs:
        texts = [layout.body_lines[i] for i in run]
        joined = "\n".join(texts)
        if "." not in joined:
            continue
        ends = list(itertools.accumulate(len(text) + 1 for text in texts))
        for start, _, url in prose_url_spans(joined):
            at = bisect_right(ends, start)
            column = start - (ends[at - 1] if at else 0)
            found.append((layout.body_where[run[at]] + 1, column + 1, url, url))
    return found


def _paginate(document: Document, layout: Layout) -> Document:
    """Global line numbers (all pages in a row) → the page and the line on it; footnote labels
    as printed."""

    def at(line: int) -> tuple[int, int]:
        return layout.where(line - 1)

    def printed(label: str | None) -> str | None:
        return None if label is None else label.removesuffix(_FOOTNOTE)

    def message(text: str) -> str:
        text = text.replace(_FOOTNOTE, "")
        return _FIRST_ON_LINE.sub(lambda m: "first at p{}:{}".format(*at(int(m[1]))), text)

    notes = []
    for note in document.notes:
        page, line = at(note.line)
        claims = tuple(
            replace(claim, page=at(claim.line)[0], line=at(claim.line)[1])
            for claim in note.claims
        )
        notes.append(replace(
            note, page=page, line=line, claims=claims, label=note.label.removesuffix(_FOOTNOTE),
            resolves_to=printed(note.resolves_to), points_to=printed(note.points_to),
        ))
    diagnostics = []
    for found in document.diagnostics:
        diagnostic = replace(found, label=printed(found.label), message=message(found.message))
        if diagnostic.line is None:
            diagnostics.append(diagnostic)
            continue
        page, line = at(diagnostic.line)
        diagnostics.append(replace(diagnostic, page=page, line=line))
    return replace(document, notes=tuple(notes), diagnostics=tuple(diagnostics))
