"""Word and OpenDocument packages too big or too dense to read in full: the reduced reading.

A ``.docx`` is a ZIP of XML: 5 MB of it unpacks to 50 to 500 MB, and the full reader (lxml, then
a walk over every element in Python) spends about 0.1 s on each MB of XML and some 50 µs on
each link (5 MB of typed URLs took 3.7 s). So before an XML part is parsed,
:func:`package_too_dense` looks at the text parts' unpacked sizes (the ZIP directory says them;
the reading never goes past them) and counts links, note marks and paragraphs in their bytes:
past :data:`FULL_XML_BYTES` or :data:`~citecheck.parse.reduced.MAX_WORK`, the package is read
by :func:`read_package_reduced` instead. That one streams each part in chunks, drops the tags
with regular expressions (a paragraph end is a line end), adds the package's external link
targets, and gives the text to :func:`~citecheck.parse.reduced.read_reduced`: every URL once,
with the ``document-too-dense`` diagnostic. No XML parser, so no entity, however nested, is
ever expanded.
"""

from __future__ import annotations

import html
import zipfile
from collections.abc import Iterator, Sequence

from citecheck.models import Document, DocumentFormat
from citecheck.parse.deferred import regex
from citecheck.parse.reduced import LINK_WEIGHT, MAX_WORK, read_reduced

__all__ = [
    "FULL_XML_BYTES", "MAX_XML_BYTES", "package_too_dense", "read_package_reduced", "unpacked_size",
]

#: The most XML (all text parts together) read in full: about 2 s of the full reader, enough
#: for a 2 MB document of dense tables (75 MB of XML, benchmarks/binary_speed.py).
FULL_XML_BYTES = 80 * 2**20
#: The most XML (all text parts together) read at all (the reduced reading takes some 2 s on
#: it): past it a package is refused, as a ZIP bomb would be.
MAX_XML_BYTES = 96 * 2**20
_CHUNK = 2**20
_PARAGRAPH_END = regex(rb"</w:p>|</text:p>|</text:h>|<w:br\b[^>]*>|<text:line-break/>")
_TAG = regex(rb"<[^>]*>")
_RELATIONSHIP = regex(rb"<(?:\w+:)?Relationship\b[^>]*>")
_TARGET = regex(rb"""\sTarget\s*=\s*["']([^"']*)["']""")
_ODF_LINK = regex(rb"""xlink:href\s*=\s*["']([^"']+)["']""")


def unpacked_size(package: zipfile.ZipFile, parts: Sequence[str]) -> int:
    """What the ``parts`` present in ``package`` unpack to, as its directory declares (the
    reading stops there whatever the data says)."""
    return sum(package.NameToInfo[name].file_size for name in dict.fromkeys(parts)
               if name in package.NameToInfo)


def package_too_dense(
    package: zipfile.ZipFile, parts: Sequence[str], keep: dict[str, bytes] | None = None
) -> str | None:
    """Why the text ``parts`` of ``package`` are too big or dense to read in full, or None.

    Parts that are missing are left for the full reader to report. The parts unpacked to be
    counted are put in ``keep`` (when given), so that the full reading does not unpack them
    again: inflating is most of the cost of a large document's guard.
    """
    present = [name for name in dict.fromkeys(parts) if name in package.NameToInfo]
    unpacked = unpacked_size(package, present)
    if unpacked > FULL_XML_BYTES:
        return (f"its text unpacks to {unpacked / 2**20:.0f} MiB of XML, more than the "
                f"{FULL_XML_BYTES // 2**20} MiB read in full in time")
    work = 0
    for name in present:
        try:
            data = package.read(name)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
            continue  # the full reader says why
        if keep is not None:
            keep[name] = data
        links = data.count(b"://")
        marks = data.count(b"Reference ") + data.count(b"<text:note ")
        paragraphs = data.count(b"<w:p>") + data.count(b"<w:p ") + data.count(b"<text:p")
        work += links * LINK_WEIGHT + marks + 2 * paragraphs
    if work <= MAX_WORK:
        return None
    return (f"it is too dense to read in full in time (about {work:,} units of work: a note "
            f"mark is 1, a paragraph 2, a link {LINK_WEIGHT}; at most {MAX_WORK:,})")


def read_package_reduced(
    package: zipfile.ZipFile, parts: Sequence[str], rels: Sequence[str], path: str, *,
    fmt: DocumentFormat, reason: str,
) -> Document:
    """The reduced reading of the text ``parts`` (in order) and the link targets of ``rels``
    (relationship parts): see the module docstring. Never raises on a damaged part."""
    pieces: list[str] = []
    for name in parts:
        if name in package.NameToInfo:
            pieces.extend(_text_of(package, name))
    targets: dict[str, None] = {}
    for name in dict.fromkeys(rels):
        if name not in package.NameToInfo:
            continue
        for chunk in _chunks(package, name):
            for found in _link_targets(chunk, fmt):
                targets.setdefault(html.unescape(found.decode("utf-8", "replace")))
    if targets:
        pieces.append("\n" + "\n".join(targets) + "\n")
    return read_reduced("".join(pieces), path, fmt, reason)


def _text_of(package: zipfile.ZipFile, name: str) -> list[str]:
    """A part's text, paragraph by paragraph on lines, from its bytes one chunk at a time."""
    pieces: list[str] = []
    for chunk in _chunks(package, name):
        lines = _PARAGRAPH_END.sub(b"\n", chunk.replace(b"\n", b" ").replace(b"\r", b" "))
        text = _TAG.sub(b"", lines).decode("utf-8", "replace")
        pieces.append(html.unescape(text) if "&" in text else text)
    return pieces


def _link_targets(chunk: bytes, fmt: DocumentFormat) -> Iterator[bytes]:
    """Link targets in a chunk: ODF's ``xlink:href``, or Word's external relationships."""
    if fmt is DocumentFormat.ODT:
        yield from (match.group(1) for match in _ODF_LINK.finditer(chunk))
        return
    for tag in _RELATIONSHIP.finditer(chunk):
        target = _TARGET.search(tag.group())
        if target is not None and b"External" in tag.group():
            yield target.group(1)


def _chunks(package: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    """A part's bytes in chunks that end before a tag opens (a tag is never cut in two), at
    most its declared size; what could be read when it is damaged."""
    carry = b""
    try:
        with package.open(name) as stream:
            while True:
                block = stream.read(_CHUNK)
                if not block:
                    break
                data = carry + block
                cut = data.rfind(b"<")
                if cut <= 0 or len(data) - cut > _CHUNK:  # no tag to cut at: take it all
                    cut = len(data)
                yield data[:cut]
                carry = data[cut:]
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        pass  # a damaged part: what was read so far is kept
    if carry:
        yield carry
