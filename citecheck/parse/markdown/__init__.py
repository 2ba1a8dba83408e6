"""The Markdown reader: where a Markdown document's notes and note markers are.

Markdown is parsed by markdown-it-py (CommonMark with GFM tables and strikethrough) with the
footnote and front-matter plugins; this module only walks the tokens. Three citation styles are
read:

* footnotes, ``claim.[^1]`` with ``[^1]: Source …`` (multi-line, several paragraphs, inline
  ``^[…]`` footnotes too);
* reference-style links, ``[text][3]`` with ``[3]: https://… "Title"``: the definition is the
  note, every use a marker;
* inline links and autolinks in body text: each is an inline note (``link-1``, ``link-2``, …)
  whose claim is the sentence around it.

Raw HTML that marks or holds notes (Word's and Google Docs' exports) in a document without
Markdown notes is rendered to HTML line for line and read by the HTML reader (``rawhtml.py``).

A Markdown file written in the plain-text style (``[i]`` markers and a Notes section) has none of
the first two; it is handed to the plain-text reader, with Markdown markup removed from what that
reader finds.

Positions are 1-based lines and columns in the original text. markdown-it-py records lines only
for blocks, so the inline rules that make markers are wrapped to stamp each token they emit with
its offset in the block's inline source; :class:`_BlockLines` maps that offset back to a line.
"""

from __future__ import annotations

from typing import Any

from citecheck.models import Diagnostic, DiagnosticCode
from citecheck.parse.base import ReaderOutput
from citecheck.parse.deferred import regex
from citecheck.parse.markdown.footnotes import _add_definitions, _record_definition
from citecheck.parse.markdown.parser import _parser, make_parser
from citecheck.parse.markdown.plain import _read_plain_style
from citecheck.parse.markdown.rawhtml import carries_note_html, html_view
from citecheck.parse.markdown.reader import _Reader
from citecheck.parse.markdown.walk import _inline_link_notes, _walk, _with_embeds
from citecheck.parse.names import normalise_newlines

__all__ = ["make_parser", "read_markdown"]

_TOML_FRONT_MATTER = regex(r"\A\ufeff?\+\+\+[ \t]*\n(?:.*\n)*?\+\+\+[ \t]*(?=\n|\Z)")

# "[^" that no short label and "]" follow cannot start a footnote reference, yet the footnote
# plugin scans from each one to the next space or "]": "[^[^[^…" (20 KB) took 12 s.
_HOPELESS_FOOTNOTE_REF = regex(r"\[\^(?![^\]\s]{1,200}\])")


def _defuse_footnote_refs(source: str) -> str:
    """``source`` with each hopeless "[^" spelled "[ˆ" (same length, so positions hold)."""
    if "[^" not in source:
        return source
    return _HOPELESS_FOOTNOTE_REF.sub("[\u02c6", source)


#: The most "[" (link and footnote openers) a document may hold to be read as Markdown. The
#: parser spends some 20 µs on each, linearly, so 5 MB of "[^" took 50 s; a document past this
#: (several times the largest real ones) is read as plain text, with a diagnostic.
MAX_BRACKETS = 200_000


def _read_too_complex(source: str) -> ReaderOutput:
    from citecheck.parse.text import read_text

    notes, markers, diagnostics = read_text(source)
    warning = Diagnostic(
        code=DiagnosticCode.MARKDOWN_TOO_COMPLEX,
        message=f"the document has more than {MAX_BRACKETS:,} '[' characters; it was read as "
        "plain text, so Markdown links and footnotes may be missed",
    )
    return ReaderOutput(notes, markers, [warning, *diagnostics])


def read_markdown(text: str) -> ReaderOutput:
    """Find the notes and note markers of a Markdown document.

    Returns raw notes (footnote definitions, reference-link definitions, inline body links) and
    markers (footnote references, reference-link uses, inline links), each with a 1-based line
    and column in ``text``, plus diagnostics. A document without footnotes or reference links is
    read as plain text (``[1]`` markers and a Notes section) with its Markdown markup removed.
    """
    source = normalise_newlines(text).replace("\0", "\ufffd")
    # Hugo's TOML front matter (+++ … +++) is metadata, like YAML's (the plugin knows only
    # that one): blanked line for line, so every later line keeps its number.
    toml = _TOML_FRONT_MATTER.match(source)
    if toml is not None:
        source = "\n" * toml.group().count("\n") + source[toml.end() :]
    if source.count("[") > MAX_BRACKETS:
        return _read_too_complex(source)
    lines = source.split("\n")
    env: dict[str, Any] = {}
    tokens = _parser().parse(_defuse_footnote_refs(source), env)
    reader = _Reader(lines=lines, env=env)
    for token in tokens:
        if token.type == "definition":
            _record_definition(reader, token)
    _walk(reader, tokens)
    _add_definitions(reader)
    if not reader.found_notes and carries_note_html(tokens):
        # Word's or Google Docs' notes as raw HTML: read as the page they would be as .html.
        from citecheck.parse.html import read_html

        found = read_html(html_view(tokens, env))
        if any(not note.inline for note in found.notes):
            return _with_embeds(found, [e for e in reader.inline_links if e[0].kind == "embed"])
    if not reader.found_notes:
        return _read_plain_style(text, reader)
    if not reader.notes and reader.markers:
        # Footnote references and no definition at all: "[^1] Popkin, …" written without its
        # colon (so no definition), cited as "[1]" in the text. Read as the plain text it is,
        # if that finds the notes.
        plain = _read_plain_style(text, reader)
        if any(not note.inline for note in plain.notes):
            return plain
    link_notes, link_markers = _inline_link_notes(reader.inline_links)
    notes = sorted([*reader.notes, *link_notes], key=lambda n: (n.line, n.column))
    markers = sorted([*reader.markers, *link_markers], key=lambda m: (m.line, m.column))
    return ReaderOutput(notes, markers, reader.diagnostics)
