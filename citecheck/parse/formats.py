"""Which documents citecheck reads and which reader each one gets: one table, used everywhere.

The directory walker (:mod:`citecheck.inputs`) reads :data:`DOCUMENT_SUFFIXES`; the parser reads
:func:`detect_format`. Both come from :data:`SUFFIX_FORMATS`, so a suffix that parses when a file
is named also counts when a directory is walked.
"""

from __future__ import annotations

import functools
import re
from types import MappingProxyType

from citecheck.models import DocumentFormat

__all__ = [
    "DOCUMENT_SUFFIXES",
    "SUFFIX_FORMATS",
    "detect_format",
    "format_of_path",
    "sniff_binary",
]

#: File suffix (lower case, with the dot) → the reader for it.
SUFFIX_FORMATS: MappingProxyType[str, DocumentFormat] = MappingProxyType(
    {
        ".md": DocumentFormat.MARKDOWN,
        ".markdown": DocumentFormat.MARKDOWN,
        ".mdown": DocumentFormat.MARKDOWN,
        ".mkd": DocumentFormat.MARKDOWN,
        ".html": DocumentFormat.HTML,
        ".htm": DocumentFormat.HTML,
        ".xhtml": DocumentFormat.HTML,
        ".txt": DocumentFormat.TEXT,
        ".text": DocumentFormat.TEXT,
        ".tex": DocumentFormat.LATEX,
        ".ltx": DocumentFormat.LATEX,
        ".bib": DocumentFormat.BIBTEX,
        ".rst": DocumentFormat.RST,
        ".rest": DocumentFormat.RST,

        ".pdf": DocumentFormat.PDF,
        ".docx": DocumentFormat.DOCX,
        ".docm": DocumentFormat.DOCX,
        ".odt": DocumentFormat.ODT,
    }
)
#: Suffixes read when walking a directory. A file named explicitly is read whatever its name.
DOCUMENT_SUFFIXES = frozenset(SUFFIX_FORMATS)


@functools.cache
def _sniffers() -> tuple[re.Pattern[str], ...]:
    """The sniffing patterns, compiled on first use: a document named ``*.txt`` or ``*.md``
    never needs them (start-up, issue #13)."""
    return (
        re.compile(r"(?is)^\ufeff?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])"),
        re.compile(r"(?m)^\ufeff?[ \t]*\\documentclass\b"),
        re.compile(r"(?is)^\ufeff?(?:\s*%[^\n]*\n)*\s*@[a-z]+\s*[{(]"),
        re.compile(r"(?m)^ {0,3}\[\^[^\]\s]+\]:"),
        # A reStructuredText footnote or citation (``.. [1]``, ``.. [#name]``, ``.. [*]``,
        # ``.. [CIT2002]``) or hyperlink target (``.. _name: URL``) opening a line.
        re.compile(r"(?m)^\.\. (?:\[(?:#[\w.-]*|\*|[\w.-]+)\]|_[^:\n`]+:)(?:[ \t]|$)"),
    )


def format_of_path(path: str) -> DocumentFormat | None:
    """The format a path's suffix names (case-insensitive), or None for any other name."""
    lower = path.lower()
    dot = lower.rfind(".")
    if dot > lower.rfind("/"):
        return SUFFIX_FORMATS.get(lower[dot:])
    return None


def detect_format(text: str, path: str = "-") -> DocumentFormat:
    """The reader for a document: by file suffix, else by sniffing the text.

    A leading ``<!doctype html>``/``<html>`` is HTML; a ``\\documentclass`` line is LaTeX; a
    text opening with an ``@type{`` entry is a BibTeX database; a ``[^x]:`` footnote definition
    is Markdown; a ``.. [1]`` footnote, ``.. [CIT]`` citation or ``.. _name:`` target
    definition is reStructuredText (so a document piped to ``citecheck -`` is not read as plain
    text and found to cite nothing); anything else is plain text. A ``.txt`` holding ``[^x]:``
    footnote definitions is Markdown too.
    """
    named = format_of_path(path)
    if named is DocumentFormat.TEXT and "[^" in text and _sniffers()[3].search(text):
        # Pandoc Markdown saved as ``.txt`` (a site's sources): its ``[^x]:`` notes, reference
        # links ``[text][]`` and emphasis are Markdown's to read, as they are on stdin.
        return DocumentFormat.MARKDOWN
    if named is not None:
        return named
    html_start, latex_start, bibtex_start, footnote_definition, rst_definition = _sniffers()
    if html_start.match(text[:4096]):
        return DocumentFormat.HTML
    if latex_start.search(text[:65536]):
        return DocumentFormat.LATEX
    if bibtex_start.match(text[:4096]):
        return DocumentFormat.BIBTEX
    if footnote_definition.search(text):
        return DocumentFormat.MARKDOWN
    if rst_definition.search(text):
        return DocumentFormat.RST
    return DocumentFormat.TEXT


_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def sniff_binary(data: bytes) -> DocumentFormat | None:
    """The binary format a file's first bytes show, whatever its name; None for text.

    ``%PDF-`` (within the first KiB, as readers allow) is a PDF; a ZIP package holding
    ``word/document.xml`` is Word; one whose ``mimetype`` entry names OpenDocument text is ODT.
    """
    head = data[:1024]
    if b"%PDF-" in head:
        return DocumentFormat.PDF
    if data.startswith(b"PK\x03\x04"):
        # ODF stores its uncompressed mimetype first, so the name shows in the first bytes;
        # a Word package's part names are in the ZIP directory at the end.
        if _ODT_MIMETYPE in data[:200]:
            return DocumentFormat.ODT
        if b"word/document" in data[-65536:] or b"word/document" in head:
            return DocumentFormat.DOCX
    return None
