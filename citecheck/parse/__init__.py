"""Parsing: a document's text in, a :class:`~citecheck.models.Document` out.

Each format has a reader package that finds where notes and note markers are (``text/``,
``markdown/``, ``html/``); :func:`~citecheck.parse.base.build_document` does the rest the same
way for all. What several readers share lives once beside them: ``formats.py`` (suffixes and
sniffing), ``names.py`` (author patterns, superscripts, newlines), ``claims.py`` (marker → claim
sentence), ``inline.py`` (body links as ``link-N`` entries) and ``plain.py`` (the plain-style
path of the Markdown and HTML readers).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING

from citecheck.models import Diagnostic, DiagnosticCode, Document, DocumentFormat
from citecheck.parse.base import RawMarker, RawNote, ReaderOutput, build_document
from citecheck.parse.formats import detect_format, format_of_path, sniff_binary
from citecheck.parse.reduced import read_reduced, too_dense

if TYPE_CHECKING:
    from citecheck.parse.latex import Folder

__all__ = [
    "RawMarker",
    "RawNote",
    "ReaderOutput",
    "build_document",
    "detect_format",
    "parse_bytes",
    "parse_document",
]

def parse_document(
    text: str,
    path: str = "-",
    fmt: DocumentFormat | str | None = None,
    *,
    folder: Folder | None = None,
) -> Document:
    """Parse one document's text into its notes, claims and diagnostics.

    ``fmt`` is a :class:`DocumentFormat` value (``"text"``, ``"markdown"``, ``"html"``,
    ``"latex"``, ``"bibtex"``, ``"rst"``); None detects it from ``path`` and the text.
    ``folder`` lets the LaTeX reader read the files a document includes and the ``.bib`` files
    it cites from; without it only ``text`` is read. Never raises on odd input: problems
    become diagnostics.
    """
    with _collector_paused():
        return _parse(text, path, fmt, folder)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector off while one document is parsed.

    Parsing allocates hundreds of thousands of short-lived, acyclic objects (tokens, DOM
    wrappers, strings); each allocation burst triggers collections that walk every live object
    again, up to a fifth of a large document's parse time. Reference counting still frees
    everything at once; anything cyclic is collected when the collector resumes.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _parse(
    text: str, path: str, fmt: DocumentFormat | str | None, folder: Folder | None
) -> Document:
    try:
        kind = DocumentFormat(fmt) if fmt else detect_format(text, path)
    except ValueError:  # a name no reader has: plain text, as the else-branch below
        kind = DocumentFormat.TEXT
    dense = too_dense(text, kind)
    if dense is not None:
        # Past the work any reader does in time: a linear scan instead (parse/reduced.py).
        return read_reduced(text, path, kind, dense)
    found: ReaderOutput
    if kind is DocumentFormat.MARKDOWN:
        from citecheck.parse.markdown import read_markdown

        found = read_markdown(text)
    elif kind is DocumentFormat.HTML:
        from citecheck.parse.html import read_html

        found = read_html(text)
    elif kind is DocumentFormat.LATEX:
        from citecheck.parse.latex import read_latex

        found = read_latex(text, path, folder)
    elif kind is DocumentFormat.BIBTEX:
        from citecheck.parse.latex import read_bibtex

        found = read_bibtex(text, path)
    elif kind is DocumentFormat.RST:
        from citecheck.parse.rst import read_rst

        found = read_rst(text, path, folder)
    else:
        from citecheck.parse.text import read_text

        kind = DocumentFormat.TEXT
        found = read_text(text, links=True)
    return build_document(path, kind, found.notes, found.markers, found.diagnostics)


def _reader_failed(path: str, kind: DocumentFormat, exc: Exception) -> Document:
    """The document a binary reader failed on: unread, with an error saying so.

    PDF and Word files are read through C libraries and archive formats whose failures on an
    odd file cannot all be foreseen; one such file must not end a run over a whole folder with
    a traceback. The other documents are read and checked; this one is reported unread.
    """
    reason = type(exc).__name__
    diagnostic = Diagnostic(
        DiagnosticCode.UNREADABLE,
        f"{path}: the {kind.value} reader failed on this file ({reason}); it was not read "
        "(please report it to citecheck)",
        severity="error",
    )
    return Document(path=path, format=DocumentFormat.UNREADABLE, diagnostics=(diagnostic,))


def parse_bytes(data: bytes, path: str = "-") -> Document:
    """Parse one document from its bytes: PDF and Word by their readers, text formats decoded.

    The bytes decide a binary format before the name does: a ``.txt`` that is really a PDF is
    read as a PDF, with a ``format-mismatch`` diagnostic saying so. A file named ``.pdf`` or
    ``.docx`` whose bytes are not one gets the reader's ``damaged`` diagnostic; one a reader
    fails on is reported ``unreadable`` (:func:`_reader_failed`). Never raises on odd input.
    """
    named = format_of_path(path)
    sniffed = sniff_binary(data)
    kind = sniffed or named
    if kind is None or not kind.is_binary:
        # Decoding is collect's rule (BOMs, UTF-16, binary sniffing); imported here, not at module
        # level, because collect imports this package's format table.
        from citecheck.collect.documents import decode

        text, problem = decode(data, path)
        if text is None:
            problems = (problem,) if problem else ()
            return Document(path=path, format=DocumentFormat.UNREADABLE, diagnostics=problems)
        document = parse_document(text, path)
        if problem is not None:  # read, with a warning (an encoding it had to guess)
            document = replace(document, diagnostics=(problem, *document.diagnostics))
        return document
    with _collector_paused():
        try:
            if kind is DocumentFormat.PDF:
                from citecheck.parse.pdf import read_pdf

                document = read_pdf(data, path)
            else:
                from citecheck.parse.docx import read_docx, read_odt

                document = (read_odt if kind is DocumentFormat.ODT else read_docx)(data, path)
        except Exception as exc:  # a failure of the libraries under the reader, on this file
            return _reader_failed(path, kind, exc)
    if named is not None and sniffed is not None and named is not sniffed:
        mismatch = Diagnostic(
            DiagnosticCode.FORMAT_MISMATCH,
            f"{path} is named as {named.value} but is a {sniffed.value} file; read as "
            f"{sniffed.value}",
        )
        document = replace(document, diagnostics=(mismatch, *document.diagnostics))
    return document
