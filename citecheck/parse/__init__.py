"""Parsing: a document's text in, a :class:`~citecheck.models.Document` out.

Each format has a reader that finds where notes and note markers are (``text``, ``markdown``,
``html``); :func:`~citecheck.parse.base.build_document` does the rest the same way for all.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager

from citecheck.models import Diagnostic, Document
from citecheck.parse.base import RawMarker, RawNote, build_document

__all__ = ["RawMarker", "RawNote", "build_document", "detect_format", "parse_document"]

_EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
}
_HTML_START = re.compile(r"(?is)^\ufeff?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])")
_FOOTNOTE_DEFINITION = re.compile(r"(?m)^ {0,3}\[\^[^\]\s]+\]:")


def detect_format(text: str, path: str = "-") -> str:
    """``markdown``, ``html`` or ``text``: by file extension, else by sniffing the text.

    A leading ``<!doctype html>``/``<html>`` is HTML; a ``[^x]:`` footnote definition is
    Markdown; anything else is plain text.
    """
    lower = path.lower()
    dot = lower.rfind(".")
    if dot > lower.rfind("/") and lower[dot:] in _EXTENSIONS:
        return _EXTENSIONS[lower[dot:]]
    if _HTML_START.match(text[:4096]):
        return "html"
    if _FOOTNOTE_DEFINITION.search(text):
        return "markdown"
    return "text"


def parse_document(text: str, path: str = "-", fmt: str | None = None) -> Document:
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


def _parse(text: str, path: str, fmt: str | None) -> Document:
    kind = fmt or detect_format(text, path)
    notes: list[RawNote]
    markers: list[RawMarker]
    diagnostics: list[Diagnostic]
    if kind == "markdown":
        from citecheck.parse.markdown import read_markdown

        notes, markers, diagnostics = read_markdown(text)
    elif kind == "html":
        from citecheck.parse.html import read_html

        notes, markers, diagnostics = read_html(text)
    else:
        from citecheck.parse.text import read_text

        kind = "text"
        notes, markers, diagnostics = read_text(text)
    return build_document(path, kind, notes, markers, diagnostics)
