"""A Markdown file written in plain-text style (``[1]`` markers, a Notes section)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from citecheck.parse.base import RawMarker, RawNote, ReaderOutput
from citecheck.parse.claims import ClaimText
from citecheck.parse.deferred import regex
from citecheck.parse.markdown.parser import _parser
from citecheck.parse.markdown.reader import _note_hrefs, _Reader
from citecheck.parse.markdown.render import _Link, _render
from citecheck.parse.markdown.walk import _inline_link_notes
from citecheck.parse.names import TO_SUPERSCRIPT
from citecheck.parse.plain import NoteRegions

# A raw-HTML superscript marker in a plain-text-style file; the text reader knows "¹²".
_SUP_TAG = regex(r"(?i)<sup>\s*(\d{1,4}(?:\s*[,–-]\s*\d{1,4})*)\s*</sup>")
# An empty raw-HTML anchor a PDF converter leaves before entries and captions (marker's
# '<span id="page-8-4"></span>'): a link target, no text.
_EMPTY_ANCHOR = regex(r'(?i)<(span|a)\s+(?:id|name)="[^"<>]*"\s*>\s*</\1>')
# A citation number linked to its entry's anchor, one link per number in a group:
# '[\\[20\\]](#page-8-0)', '[\\[18,](#page-8-4)[28\\]](#page-9-0)'.
# Word's endnotes count in roman numerals: '[[iv]](#_edn4)'.
_NUMBER = r"(?:\d{1,4}|[ivxlc]{1,7})"
_ANCHOR_CITE = regex(
    rf"\[\\?\[?{_NUMBER}(?:\s*[,–-]\s*{_NUMBER})*,?\\?\]?\]\(#[^()\s]*\)"
    rf"(?:\s?\[\\?\[?{_NUMBER}(?:\s*[,–-]\s*{_NUMBER})*,?\\?\]?\]\(#[^()\s]*\))*"
)
# A link's text may hold escaped brackets (a PDF converter's '[\\[20\\]](#page-8-0)') or one
# unescaped pair (pandoc's Word notes: '[[1]](#_ftn1)', '[[1]](#_ftnref1)').
_ANCHOR_LINK_TEXT = regex(r"\[((?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]\(#[^()\s]*\)")
_CITE_GROUP = regex(rf"\[{_NUMBER}(?:\s*[,–-]\s*{_NUMBER})*\]")
# A list bullet before a reference entry's printed label ('- [12] A. Author …').
_BULLETED_LABEL = regex(r"(?m)^([ \t]*)[-*+][ \t]+(?=[ \t]*\[\d{1,4}\][ \t])")
# Characters without which a fragment has no inline Markdown to remove.
_MARKUP = regex(r"[\\`*_\[\]<>!&~]")


def _plain(markdown: str) -> tuple[str, list[str]]:
    """A Markdown fragment's plain text and its link targets."""
    if not _MARKUP.search(markdown):
        return markdown, []
    tokens = _parser().parseInline(markdown, {})
    rendered = _render(tokens[0].children if tokens else None, in_note=True)
    return rendered.text, _note_hrefs(rendered.links, rendered.text)


def _read_plain_style(text: str, reader: _Reader) -> ReaderOutput:
    """Read a Markdown file written with ``[1]`` markers and a Notes section.

    The plain-text reader finds the notes and markers; their text and claims lose their Markdown
    markup here, links inside a note become its hrefs, and links elsewhere are inline notes.
    """
    from citecheck.parse.text import read_text

    # Where each <sup> tag was: a marker read inside one is placed at its "<sup>".
    sup_tags: dict[tuple[int, int], int] = {}
    line, counted = 1, 0
    for found in _SUP_TAG.finditer(text):
        line += text.count("\n", counted, found.start())
        counted = found.start()
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        for at in range(column, column + found.end() - found.start()):
            sup_tags[(line, at)] = column
    plain_text = _unlink_citations(_SUP_TAG.sub(_superscript, text))
    text_notes, text_markers, diagnostics = read_text(plain_text)
    starts = sorted({note.line for note in text_notes})
    ends = [*starts[1:], _paragraph_end(reader.lines, starts[-1]) if starts else 0]
    regions = NoteRegions(starts, ends)
    note_links: dict[int, list[str]] = {}
    body_links: list[tuple[_Link, int, int, ClaimText]] = []
    for link, line, column, claims in reader.inline_links:
        region = regions.holding(line)
        if region is not None:
            if link.kind != "bare":  # a bare URL is in the note's text, wrap damage and all
                note_links.setdefault(starts[region], []).append(link.href)
        else:
            body_links.append((link, line, column, claims))

    notes: list[RawNote] = []
    for note in text_notes:
        plain, hrefs = _plain(note.text)
        # Two notes never share a line in practice; if they do, the links go to the first.
        extra = note_links.pop(note.line, [])
        notes.append(
            replace(note, text=plain, hrefs=tuple(dict.fromkeys([*note.hrefs, *hrefs, *extra])))
        )
    plain_claims: dict[str, str] = {}  # markers of one sentence share its claim: made once
    for m in text_markers:
        if m.sentence not in plain_claims:
            plain_claims[m.sentence] = " ".join(_plain(m.sentence)[0].split())
    markers = [
        RawMarker(
            m.label, m.line, plain_claims[m.sentence], sup_tags.get((m.line, m.column), m.column)
        )
        for m in text_markers
    ]
    link_notes, link_markers = _inline_link_notes(body_links, text_markers=True)
    return ReaderOutput(
        sorted([*notes, *link_notes], key=lambda n: (n.line, n.column)),
        sorted([*markers, *link_markers], key=lambda m: (m.line, m.column)),
        [*reader.diagnostics, *diagnostics],
    )


def _superscript(match: re.Match[str]) -> str:
    """``<sup>12</sup>`` as ``¹²`` (``<sup>2, 3</sup>`` as ``²,³``, ``<sup>4–6</sup>`` as
    ``⁴–⁶``), padded in front to the same length so lines keep their columns. In front: the
    marker then touches what follows, so "times<sup>1</sup>." still ends its claim "times."."""
    digits = "".join(match.group(1).split()).translate(TO_SUPERSCRIPT)
    return " " * (len(match.group(0)) - len(digits)) + digits


def _unlink_citations(text: str) -> str:
    """``text`` as the plain-text reader should see a PDF converter's Markdown, lines and
    lengths kept: empty anchors blanked, citation numbers linked to in-document anchors
    (``[\\[18,](#p)[28\\]](#q)``) written ``[18,28]`` padded in front, and the list bullet
    before a reference entry's ``[n]`` label blanked."""
    if "](#" not in text and "</" not in text:
        return text
    text = _EMPTY_ANCHOR.sub(lambda m: " " * len(m.group()), text)
    text = _ANCHOR_CITE.sub(_citation_run, text)
    return _BULLETED_LABEL.sub(lambda m: m.group(1) + " " * (m.end() - m.end(1)), text)


def _citation_run(match: re.Match[str]) -> str:
    """A run of links to anchors as the citation group they print; one that prints none
    (``Figure [1](#page-1-0)`` has no brackets: a cross-reference) as its bare text, so the
    link's brackets are not read as a marker either."""
    shown = "".join(_ANCHOR_LINK_TEXT.findall(match.group()))
    shown = "".join(shown.replace("\\", "").split())
    if not _CITE_GROUP.fullmatch(shown):
        shown = shown.replace("[", " ").replace("]", " ")
    return " " * (len(match.group()) - len(shown)) + shown


def _paragraph_end(lines: Sequence[str], start: int) -> int:
    """The 1-based line after the paragraph that holds 1-based line ``start``."""
    line = start
    while line <= len(lines) and lines[line - 1].strip():
        line += 1
    return line
