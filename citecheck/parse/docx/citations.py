"""Word's citation system: ``CITATION`` fields, the ``BIBLIOGRAPHY`` field and their sources.

A writer who cites with Word's References tab stores each work once (a ``b:Source``, see
:mod:`~citecheck.parse.docx.sources`), cites it with a ``CITATION`` field (shown as
"(Smith, 2020)" or "[3]") and lists the works with a ``BIBLIOGRAPHY`` field, whose result is
one paragraph per work in the style's order.

* Each paragraph of a bibliography's result is a note, listed like a typed reference list:
  labelled as printed when the style numbers its entries (``[1]``, ``1.``; IEEE puts the number
  in a cell of its own), else ``ref-1``, ``ref-2``, … in the order printed. It is matched to its
  source by title (then authors and year), which gives it the source's URL, DOI and access date
  even where the style prints none or wraps them.
* Each ``CITATION`` field in the body is a marker of the entry of every source it names (its
  tag and each ``\\m`` tag); the claim is its sentence without the citation's own text.
* A footnote or endnote holding ``CITATION`` fields checks its sources' URLs too (a style that
  prints none still cites them).
* A cited source that no bibliography prints is a note of its own where it is first cited,
  labelled by the number the citation prints (``[3]`` → ``3``) or else by its tag.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from citecheck.parse.base import RawMarker, RawNote
from citecheck.parse.deferred import regex
from citecheck.parse.docx.fields import Field
from citecheck.parse.docx.sources import (
    Source,
    citation_tags,
    csl_sources,
    endnote_sources,
    fold,
)
from citecheck.parse.docx.wordml import Paragraph
from citecheck.parse.sentences import split_sentences
from citecheck.parse.text.entries import _HEADING
from citecheck.parse.text.paragraphs import _claim

__all__ = ["WordCitations", "cited_sources", "word_citations"]

KEY = "word"  # the note part of the labels given here (see the reader's _internal)
# A printed entry number: "[12]", "12.", "(12)" at the start of an entry or alone in a cell.
_PRINTED = regex(
    r"^\s*(?:\[(?P<a>[^\]\s]{1,8})\]|\((?P<b>\d{1,4})\)|(?P<c>\d{1,4})\.)(?=\s|$)")
_NUMERIC_CITATION = regex(r"^\s*[\[(]?\s*(\d{1,4})\s*[\])]?\s*$")
_EMPTY_BIBLIOGRAPHY = "there are no sources in the current document"

NoteText = Callable[[list[Paragraph]], tuple[str, tuple[str, ...]]]
Internal = Callable[[str, tuple[str, str]], str]


@dataclass
class WordCitations:
    """What Word's citation fields give: notes, markers and the paragraphs they take."""

    notes: list[RawNote] = field(default_factory=list)
    markers: list[RawMarker] = field(default_factory=list)
    covered: set[int] = field(default_factory=set)  # bibliography paragraphs and headings


@dataclass
class _Entry:
    parts: list[Paragraph]
    printed: str | None


def word_citations(
    body: list[Paragraph], fields: list[Field], sources: dict[str, Source], *,
    internal: Internal, note_text: NoteText,
) -> WordCitations:
    """Notes and markers from the body's ``BIBLIOGRAPHY`` and ``CITATION`` ``fields``.

    ``internal(label, key)`` makes a label unique to this reader's notes; ``note_text`` gives a
    note's text and URLs from its paragraphs, as for footnotes.
    """
    found = WordCitations()
    ranges = [(f.first, f.last) for f in fields if f.kind() == "BIBLIOGRAPHY"]
    by_index = {p.index: p for p in body}
    citing = [(by_index[f.first], f) for f in fields
              if f.kind() == "CITATION" and f.first in by_index]
    if not ranges and not citing:
        return found
    entries: list[_Entry] = []
    for first, last in ranges:
        before = first - 1  # the list's heading, blank paragraphs between
        while before in by_index and not by_index[before].text.strip():
            before -= 1
        if before in by_index and _HEADING.match(by_index[before].text.strip()):
            found.covered.update(range(before, first))
        paragraphs = [by_index[i] for i in range(first, last + 1) if i in by_index]
        found.covered.update(p.index for p in paragraphs)
        entries += _entries(paragraphs)

    cited = [(paragraph, citation, _named(citation, sources)) for paragraph, citation in citing
             if paragraph.index not in found.covered]
    pool = dict(sources)  # Word's stored sources, then the items reference managers carry
    for _, _, named in cited:
        for tag, source in named:
            if source is not None:
                pool.setdefault(tag, source)
    labels = _list(found, entries, pool, internal, note_text)
    sentences = _Sentences(fields)
    for paragraph, citation, named in cited:
        _cite(found, paragraph, citation, named, labels=labels, internal=internal,
              sentences=sentences)
    return found


def cited_sources(fields: list[Field], sources: dict[str, Source]) -> tuple[Source, ...]:
    """The sources that citation fields name (in a footnote, say), each once."""
    named = (source for f in fields if f.kind() == "CITATION" for _, source in _named(f, sources))
    return tuple(dict.fromkeys(source for source in named if source is not None))


def _named(citation: Field, sources: dict[str, Source]) -> list[tuple[str, Source | None]]:
    """The works one citation field names, by tag: Word's from its stored sources (None for a
    tag it does not store), a reference manager's from the field's own CSL JSON or EndNote
    XML."""
    if citation.instruction.upper().startswith("CITATION"):
        return [(tag, sources.get(tag)) for tag in citation_tags(citation.instruction)]
    found = (endnote_sources if "EN.CITE" in citation.instruction[:24].upper() else csl_sources)(
        citation.instruction)
    return [(source.tag, source) for source in found]


def _list(found: WordCitations, entries: list[_Entry], sources: dict[str, Source],
          internal: Internal, note_text: NoteText) -> dict[str, str]:
    """The bibliography's entries as listed notes; returns each printed source's label."""
    matched = _match(entries, sources)
    labels: dict[str, str] = {}  # source tag → the label of the note that prints it
    for number, entry in enumerate(entries, 1):
        label = entry.printed or f"ref-{number}"
        source = matched.get(number - 1)
        text, hrefs = note_text(entry.parts)
        if entry.printed:
            text = _PRINTED.sub("", text, count=1).lstrip()
        if source is not None:
            labels.setdefault(source.tag, label)
            hrefs = (*hrefs, source.url) if source.url else hrefs
        found.notes.append(RawNote(
            internal(label, (KEY, label)), entry.parts[0].index, text, hrefs=hrefs,
            listed=True, citation=source.citation() if source is not None else None))
    return labels


def _cite(found: WordCitations, paragraph: Paragraph, citation: Field,
          named: list[tuple[str, Source | None]], *, labels: dict[str, str],
          internal: Internal, sentences: _Sentences) -> None:
    """A marker for each work one citation field names; a note for a work that no bibliography
    printed, the first time it is cited. A tag Word does not store stays a marker of its own,
    which the build reports as citing no note."""
    start = citation.start
    shown = paragraph.text[start:citation.end] if citation.last == citation.first else ""
    claim = sentences.citing(paragraph, start)
    for tag, source in named:
        label = labels.get(tag)
        if label is None and source is not None:
            label = labels[tag] = _own_label(shown, source.label, labels)
            found.notes.append(RawNote(
                internal(label, (KEY, label)), paragraph.index, source.text(),
                hrefs=(source.url,) if source.url else (), column=start + 1,
                citation=source.citation(), reference=True))
        marker = internal(label, (KEY, label)) if label is not None else tag
        found.markers.append(RawMarker(marker, paragraph.index, claim, start + 1))


def _entries(paragraphs: list[Paragraph]) -> list[_Entry]:
    """A bibliography result's entries: one per paragraph, a number alone in its cell (IEEE's
    table) joined to the paragraph after it."""
    entries: list[_Entry] = []
    pending: str | None = None
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        if not text or fold(text) == _EMPTY_BIBLIOGRAPHY:
            continue
        printed = _PRINTED.match(text)
        label = next((g for g in printed.groups() if g), None) if printed else None
        if printed is not None and printed.end() >= len(text):
            pending = label
            continue
        entries.append(_Entry([paragraph], pending or label))
        pending = None
    return entries


def _match(entries: list[_Entry], sources: dict[str, Source]) -> dict[int, Source]:
    """Which source each entry prints: the entry holding the source's title (the longest titles
    first, so "The Grammar of Graphics" does not take "An Implementation of the Grammar of
    Graphics"), its first author's surname and year breaking ties; else one holding all its
    authors' surnames and its year."""
    folded = [f" {fold(' '.join(p.text for p in entry.parts))} " for entry in entries]
    taken: dict[int, Source] = {}
    unmatched: list[Source] = []
    for source in sorted(sources.values(), key=lambda s: -len(fold(s.title or ""))):
        title = fold(source.title or "")
        candidates = [i for i, text in enumerate(folded)
                      if i not in taken and len(title) >= 3 and f" {title} " in text]
        if not candidates:
            unmatched.append(source)
            continue
        taken[max(candidates, key=lambda i: _closeness(source, folded[i]))] = source
    for source in unmatched:
        if not source.surnames or not source.year:
            continue
        candidates = [i for i, text in enumerate(folded) if i not in taken
                      and f" {fold(source.year)} " in text
                      and all(f" {name} " in text for name in source.surnames)]
        if len(candidates) == 1:
            taken[candidates[0]] = source
    return taken


def _closeness(source: Source, text: str) -> tuple[bool, bool, int]:
    first_author = bool(source.surnames) and f" {source.surnames[0]} " in text
    year = bool(source.year) and f" {fold(source.year or '')} " in text
    return first_author, year, -len(text)


def _own_label(shown: str, name: str, taken: dict[str, str]) -> str:
    """A cited source's label when no bibliography prints it: the number its citation shows,
    else its name (Word's tag, "Smith2020"), made unique with a letter ("Smith2020b")."""
    number = _NUMERIC_CITATION.match(shown)
    used = set(taken.values())
    if number and number.group(1) not in used:
        return number.group(1)
    label, letter = name, "b"
    while label in used:
        label, letter = f"{name}{letter}", chr(ord(letter) + 1)
    return label


class _Sentences:
    """The sentences of the paragraphs that citation fields sit in, split once per paragraph.

    A paragraph citing many works (or a document citing thousands) was re-blanked and re-split
    for each citation, after a scan of every field of the document: quadratic.
    """

    def __init__(self, fields: list[Field]) -> None:
        self._runs: dict[int, list[tuple[int, int]]] = {}
        for f in fields:
            if f.first == f.last and f.kind() == "CITATION":
                self._runs.setdefault(f.first, []).append((f.start, f.end))
        self._split: dict[int, tuple[list[tuple[int, int]], list[int]]] = {}

    def citing(self, paragraph: Paragraph, at: int) -> str:
        """The sentence of a citation at ``at``, without any citation's shown text."""
        runs = sorted(self._runs.get(paragraph.index, ()))
        split = self._split.get(paragraph.index)
        if split is None:
            blanked = paragraph.text
            for start, end in runs:
                blanked = blanked[:start] + " " * (end - start) + blanked[end:]
            spans = split_sentences(blanked) or [(0, len(blanked))]
            split = self._split[paragraph.index] = (spans, [s for s, _ in spans])
        spans, starts = split
        index = max(bisect_right(starts, at) - 1, 0)
        return _claim(paragraph.text, spans[index], runs)
