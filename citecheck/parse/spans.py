"""Where each note's URLs are written in the original text, for reports and ``citecheck fix``.

Readers record where a note starts (its line and column); a note's URLs are found again in the
source between that point and the start of the next note, by the same URL scanner the readers'
notes went through (:func:`citecheck.parse.urls.url_spans`), so a URL broken across a line or by
a stray space is located whole, from its first character to its last. Pure: text in, values out.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from citecheck.models import Document, Note, UrlSpan
from citecheck.parse.deferred import regex
from citecheck.parse.urls import url_spans

_NEWLINE = regex("\n")


def line_starts(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts (lines split on ``\\n``)."""
    return [0, *(match.end() for match in _NEWLINE.finditer(text))]


def offset(starts: list[int], line: int, column: int) -> int:
    """The offset of a 1-based (line, column)."""
    line = min(max(line, 1), len(starts))
    return starts[line - 1] + max(column, 1) - 1


def position(starts: list[int], at: int) -> tuple[int, int]:
    """The 1-based (line, column) of an offset."""
    line = bisect_right(starts, at)
    return line, at - starts[line - 1] + 1


def _tighten(raw: str, url: str) -> int:
    """How much of ``raw`` the URL covers: trailing punctuation the repair dropped is left out,
    whitespace inside (a wrap) is kept in. ``len(raw)`` when the two do not line up."""
    if raw.startswith(url):
        return len(url)
    i = j = 0
    while j < len(url) and i < len(raw):
        if raw[i] == url[j]:
            i, j = i + 1, j + 1
        elif raw[i].isspace():
            i += 1
        else:
            return len(raw)
    return i if j == len(url) else len(raw)


def _spans(
    note: Note, text: str, starts: list[int], start: int, end: int
) -> tuple[UrlSpan, ...]:
    wanted = set(note.urls)
    found: dict[str, UrlSpan] = {}
    for begin, scanned, url in url_spans(text[start:end]):
        if url in wanted and url not in found:
            finish = begin + _tighten(text[start + begin:start + scanned], url)
            line, column = position(starts, start + begin)
            found[url] = UrlSpan(url, line, column, start + begin, start + finish,
                                 text[start + begin:start + finish])
    return tuple(found[url] for url in note.urls if url in found)


def region_ends(begins: list[int], length: int) -> list[int]:
    """For sorted note starts, where each note's region ends: the next start beyond it (or the
    text's ``length``). Linear, for documents with ten thousand notes."""
    ends = [length] * len(begins)
    following = length
    for number in range(len(begins) - 1, -1, -1):
        ends[number] = following
        if number and begins[number - 1] < begins[number]:
            following = begins[number]
    return ends


def locate_urls(document: Document, text: str) -> Document:
    """The document with each note's ``spans`` filled in (URLs not found are left out)."""
    if not document.notes:
        return document
    starts = line_starts(text)
    ordered = sorted(document.notes, key=lambda n: (n.line, n.column, n.index))
    begins = [offset(starts, n.line, n.column) for n in ordered]
    ends = region_ends(begins, len(text))
    located: dict[int, Note] = {}
    for number, note in enumerate(ordered):
        if not note.urls:
            continue
        spans = _spans(note, text, starts, begins[number], ends[number])
        located[note.index] = replace(note, spans=spans)
    notes = tuple(located.get(note.index, note) for note in document.notes)
    return replace(document, notes=notes)
