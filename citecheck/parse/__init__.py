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

from citecheck.models import Document, DocumentFormat
from citecheck.parse.base import RawMarker, RawNote, ReaderOutput, build_document
from citecheck.parse.formats import detect_format

__all__ = [
    "RawMarker",
    "RawNote",
    "ReaderOutput",
    "build_document",
    "detect_format",
    "parse_document",
]

def parse_document(
    text: str, path: str = "-", fmt: DocumentFormat | str | None = None
) -> Document:
    """Parse one document's text into its notes, claims and diagnostics.

    ``fmt`` is ``"text"``, ``"markdown"`` or ``"html"``; None detects it from ``path`` and the
    text. Never raises on odd input: problems become diagnostics.
    """
    with _collector_paused():
        return _parse(text, path, fmt)


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


def _parse(text: str, path: str, fmt: DocumentFormat | str | None) -> Document:
    try:
        kind = DocumentFormat(fmt) if fmt else detect_format(text, path)
    except ValueError:  # a name no reader has: plain text, as the else-branch below
        kind = DocumentFormat.TEXT
    found: ReaderOutput
    if kind is DocumentFormat.MARKDOWN:
        from citecheck.parse.markdown import read_markdown

        found = read_markdown(text)
    elif kind is DocumentFormat.HTML:
        from citecheck.parse.html import read_html

        found = read_html(text)
    else:
        from citecheck.parse.text import read_text

        kind = DocumentFormat.TEXT
        found = read_text(text, links=True)
    return build_document(path, kind, found.notes, found.markers, found.diagnostics)
