"""The plain-text reader: where a text document's notes and note markers are.

Notes sections are found in these ways:

* a heading line (``Notes``, ``Endnotes``, ``References``, ``Sources``, ``Bibliography``,
  ``Works Cited`` …, any case, optional ``#``/``**`` and colon) followed by entries written
  ``1.``, ``1)``, ``[1]``, ``^1``, ``¹`` or ``1 `` (or a label alone on its line, the text on
  the next), or by Wikipedia's copied ``^ a b …`` lines;
* under a bibliography-type heading, unnumbered entries (a paragraph, a hanging-indented block
  or a bullet each), labelled ``ref-1``, … — or numbered 1…n when the body's numeric markers
  say the list is numbered;
* without a heading: a block of ``[label] …`` lines after the body (the seed's style), or a run
  of ``1.`` entries at the very end that mostly carry URLs or years.

An entry runs over its wrapped lines until the next entry or a blank line; a paragraph after a
blank line still belongs to the entry when a later entry continues the numbering (multi-paragraph
notes), and ends the section otherwise (``Leave a Reply …``). Labels are arabic (1 … 99999) or
roman (i … mmmcmxcix, either case), and numbering must advance, so a wrapped line that starts
with a year is not a new note.

Markers are ``[i]``, ``[12]``, ``[^3]``, ``[1, 2]``, ``[1–3]``, superscript digits (``¹²`` is
note 12, ``¹,²`` notes 1 and 2; not ``km²``) and superscripts flattened by a PDF copy
(``land.1 Planners``). A token counts only when it is a plausible label of this document, never
inside a URL. With an author–year bibliography, ``(Turing 1936, p. 230)`` and ``Turing (1936)``
in the body cite the entry they name.

The claim of a marker is the sentence holding it (:func:`split_sentences`), markers removed.
"""

from __future__ import annotations

from bisect import bisect_right

from citecheck.models import Citation, Diagnostic
from citecheck.parse.base import RawMarker, RawNote, ReaderOutput
from citecheck.parse.inline import body_link
from citecheck.parse.names import normalise_newlines
from citecheck.parse.sentences import split_sentences
from citecheck.parse.text.entries import _Entry
from citecheck.parse.text.labels import _expand, roman_value
from citecheck.parse.text.markers import (
    _BRACKET_MARKER,
    _author_year_index,
    _author_year_tokens,
    _ditto_authors,
    _number_listed,
    _Plausible,
    _tokens,
)
from citecheck.parse.text.paragraphs import (
    _claim,
    _merge_runs,
    _Paragraph,
    _paragraphs,
    _position,
)
from citecheck.parse.text.sections import (
    _find_sections,
    _page_breaks,
    _paged,
    _repeated_lines,
)
from citecheck.parse.urls import prose_url_spans

__all__ = ["read_text", "roman_value"]



def read_text(text: str, *, links: bool = False) -> ReaderOutput:
    """Find the notes and note markers of a plain-text document.

    With ``links``, URLs written in the body (outside the notes) become body links
    (``link-1``, …) with the sentence each sits in; the Markdown and HTML readers, which find
    their documents' links themselves, leave it off.
    """
    text = normalise_newlines(text.removeprefix("\ufeff"))
    lines = text.split("\n")
    sections = _find_sections(lines)
    diagnostics: list[Diagnostic] = []

    entries: list[_Entry] = []
    for section in sections:
        entries.extend(section.entries)
    paragraphs = _paragraphs(lines, [span for s in sections for span in s.spans()])
    numbered: dict[str, str] = {}  # marker number → the listed entry it cites
    if entries and all(entry.listed for entry in entries):
        numbered = _number_listed(entries, paragraphs)
        for entry in entries if numbered else ():
            entry.listed = False  # cited by the markers: notes, an "Ibid." among them too

    notes: list[RawNote] = []
    dittos = _ditto_authors(entries)  # "— — —. Title…": the entry before's authors again
    for position, entry in enumerate(entries):
        inherited = dittos.get(position)
        notes.append(
            RawNote(
                label=entry.label,
                line=entry.line + 1,
                text="\n".join(entry.parts).strip(),  # (backlinks go in build_document)
                column=entry.column + 1,
                listed=entry.listed,
                reference=entry.reference,
                bibliography=bool(numbered),
                reference_list=entry.reference_list,
                citation=Citation(authors=inherited) if inherited else None,
            )
        )

    # "(1) …" notes are cited "(1)", not "[1]" or "¹" (see parenthesised.py).
    parenthesised = frozenset(entry.label for entry in entries if entry.parenthesised)
    defined = {
        entry.label for entry in entries if not entry.listed and not entry.parenthesised
    } | set(numbered)
    listed = [entry for entry in entries if entry.listed]
    author_year = _author_year_index(listed) if listed else {}
    counts: dict[str, int] = {}
    if not defined and not parenthesised:
        for paragraph in paragraphs:
            for match in _BRACKET_MARKER.finditer(paragraph.text):
                for label in _expand(match["labels"]):
                    counts[label] = counts.get(label, 0) + 1
    plausible = _Plausible(defined, counts, parenthesised)

    markers = _markers(paragraphs, plausible, author_year, numbered)
    if links:
        # A paged export prints its running head and foot on every page ("Electronic copy
        # available at: https://…"): furniture, not links of the text.
        paged = _paged(lines) and len(_page_breaks(lines)) > 1
        furniture = _repeated_lines(lines) if paged else set()
        link_notes, link_markers = _body_links(paragraphs, lines, furniture)
        notes = sorted([*notes, *link_notes], key=lambda n: (n.line, n.column))
        markers.extend(link_markers)
    return ReaderOutput(notes, markers, diagnostics)



def _markers(
    paragraphs: list[_Paragraph], plausible: _Plausible, author_year: dict[tuple[str, str], str],
    numbered: dict[str, str],
) -> list[RawMarker]:
    """The note markers of the body paragraphs, each with the sentence it sits in as its claim.

    ``author_year``: (surname, year) → the label of the listed entry "Smith 2010" cites;
    ``numbered``: a marker's number → the listed entry it cites.
    """
    markers: list[RawMarker] = []
    for paragraph in paragraphs:
        tokens = _tokens(paragraph.text, plausible)
        if author_year:
            tokens = sorted(
                tokens + _author_year_tokens(paragraph.text, author_year), key=lambda t: t.start
            )
        if not tokens:
            continue
        spans = split_sentences(paragraph.text) or [(0, len(paragraph.text))]
        starts = [s for s, _ in spans]
        runs = _merge_runs(paragraph.text, [(t.start, t.end) for t in tokens if t.cut])
        claims: dict[int, str] = {}  # per sentence: a sentence of many markers is cut once
        for token in tokens:
            index = max(bisect_right(starts, token.start) - 1, 0)
            claim = claims.get(index)
            if claim is None:
                claim = claims[index] = _claim(paragraph.text, spans[index], runs)
            line, column = _position(paragraph, token.start)
            for label in dict.fromkeys(token.labels):
                markers.append(RawMarker(numbered.get(label, label), line, claim, column))
    return markers

def _body_links(
    paragraphs: list[_Paragraph], lines: list[str], furniture: set[str]
) -> tuple[list[RawNote], list[RawMarker]]:
    """URLs written in body paragraphs, each a body link with the sentence around it; those on
    a ``furniture`` line (a running head or foot) are left out."""
    notes: list[RawNote] = []
    markers: list[RawMarker] = []
    for paragraph in paragraphs:
        body = paragraph.text
        spans = prose_url_spans(body)
        if not spans:
            continue
        sentences = split_sentences(body) or [(0, len(body))]
        starts = [s for s, _ in sentences]
        claims: dict[int, str] = {}  # one string per sentence, however many links it holds
        for start, end, url in spans:
            index = max(bisect_right(starts, start) - 1, 0)
            line, column = _position(paragraph, start)
            if furniture and lines[line - 1].strip() in furniture:
                continue
            claim = claims.get(index)
            if claim is None:
                claim = claims[index] = _claim(body, sentences[index], [])
            note, marker = body_link(
                len(notes) + 1,
                " ".join(body[start:end].split()),
                url,
                claim,
                line=line,
                column=column,
            )
            notes.append(note)
            markers.append(marker)
    return notes, markers
