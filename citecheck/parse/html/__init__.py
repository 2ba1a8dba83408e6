"""The HTML reader: where an HTML page's notes and note markers are.

The page is parsed by selectolax (lexbor), and text always comes from the DOM (entities decoded,
``<script>``/``<style>``/``<noscript>``/``<template>`` ignored). Recognised note styles:

* note links into a notes list: ``<sup><a href="#fn1">1</a></sup>`` … ``<li id="fn1">``, as
  written by hand and by pandoc, kramdown, python-markdown, markdown-it, WordPress plugins,
  Substack and Word's "Save as HTML";
* Wikipedia's ``<sup class="reference"><a href="#cite_note-…">[1]</a></sup>`` with
  ``<ol class="references">`` and ``<span class="reference-text">``;
* docutils/Sphinx, LibreOffice, Google Docs and arXiv notes, margin notes, and the
  bibliography entries that Wikipedia's short notes link to;
* plain ``<a href>`` links in body text, which become inline notes (``link-1``, …) with the
  sentence around them as the claim; links in navigation, headers, footers and asides are not.

A page with no note markup but written in the plain-text style (``[1]`` markers and a Notes
section, unlinked ``<sup>1</sup>`` markers with a numbered list, author–year references) is
rendered to text, block by block, and read by the plain-text reader; positions map back through
the DOM text nodes found in the source.

lexbor keeps no source positions, so a small scanner finds every start tag in the source and the
k-th ``<a>`` of the DOM is matched to the k-th ``<a …>`` of the source (checked against its
``id``/``href``); lines come from precomputed line starts by bisection, never by rescanning.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from citecheck.models import Diagnostic, DiagnosticCode
from citecheck.parse.base import ReaderOutput
from citecheck.parse.html.assemble import _assemble, _note_labels
from citecheck.parse.html.authordate import _with_author_date_markers
from citecheck.parse.html.links import _resolve_relative_links
from citecheck.parse.html.notes import _find_notes
from citecheck.parse.html.page import _Page
from citecheck.parse.html.plain import _read_plain_style
from citecheck.parse.html.source import _Source
from citecheck.parse.html_depth import as_text, too_big
from citecheck.parse.names import normalise_newlines

__all__ = ["read_html"]

# Not claim text: editing links, "[citation needed]" and the like, cite backlinks.
_SKIP_SELECTOR = (
    ".noprint, .mw-editsection, .mw-cite-backlink, .backrefs, .sr-only, .screen-reader-text"
)


def read_html(text: str) -> ReaderOutput:
    """Find the notes and note markers of an HTML page.

    Returns raw notes (note-list items, Wikipedia references, inline body links) and markers,
    each with a 1-based line and column in ``text``, plus diagnostics. A page without note
    markup is read as plain text (``[1]`` markers and a Notes section).
    """
    source = normalise_newlines(text)
    reason = too_big(source)
    if reason is not None:
        return _read_too_big(source, reason)
    tree = LexborHTMLParser(source)
    page = _Page(_Source(source, tree), tree)
    page.skip = {node.mem_id for node in tree.css(_SKIP_SELECTOR)}
    _resolve_relative_links(page)
    _find_notes(page)
    if not page.notes and not page.markers:
        return _read_plain_style(text, page)
    found = _assemble(page)
    if page.listed:
        found = _with_author_date_markers(page, _note_labels(page), found)
    return _with_plain_references(text, page, found)


def _with_plain_references(text: str, page: _Page, found: ReaderOutput) -> ReaderOutput:
    """Add a plain-style reference list to a page whose markup holds other notes.

    A Google Docs export keeps its footnotes as note links (``<a href="#ftn1">``) but its
    "References" as one paragraph of ``[1] …`` lines that the text cites as ``[1]``: those
    entries are notes too. Only when the markup's notes do not already carry label "1" (a
    Wikipedia page's "[1]" is its markup) and a ``[1]`` is written at all.
    """
    labels = {note.label for note in found.notes if not note.inline}
    if "1" in labels or "[1]" not in text:
        return found
    # Only the "[1]" notes and their markers are wanted: the body's links were found already.
    plain = _read_plain_style(text, page, links=False)
    new = [n for n in plain.notes if not n.inline and n.label not in labels]
    added = {note.label for note in new}
    if any(label.startswith("link-") for label in added):
        # A note printed as "[link-1]" would take the claim of body link 1, as it always has.
        plain = _read_plain_style(text, page)
        new = [n for n in plain.notes if not n.inline and n.label not in labels]
        added = {note.label for note in new}
    cited = [m for m in plain.markers if m.label in added]
    if not cited:
        return found
    return ReaderOutput(
        sorted([*found.notes, *new], key=lambda n: (n.line, n.column)),
        sorted([*found.markers, *cited], key=lambda m: (m.line, m.column)),
        found.diagnostics,
    )


def _read_too_big(source: str, reason: str) -> ReaderOutput:
    """A page too deep or too big for the tree (see :mod:`citecheck.parse.html_depth`): read as
    plain text, with a diagnostic saying so."""
    from citecheck.parse.text import read_text

    # links: the page's body links are its sources too (as_text keeps each link's target).
    notes, markers, diagnostics = read_text(as_text(source), links=True)
    warning = Diagnostic(
        code=DiagnosticCode.HTML_TOO_COMPLEX,
        message=f"{reason}; the page was read as plain text, so note links may be missed",
    )
    return ReaderOutput(notes, markers, [warning, *diagnostics])
