"""OpenDocument text: ``text:note`` elements carry their class, printed citation and body."""

from __future__ import annotations

import zipfile
from typing import Any

from citecheck.models import Document, DocumentFormat
from citecheck.parse.base import RawMarker, RawNote, build_document
from citecheck.parse.inline import body_link, is_citable_href
from citecheck.parse.sentences import split_sentences

__all__ = ["read_odt_package"]

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_XLINK = "{http://www.w3.org/1999/xlink}href"


def _t(tag: str) -> str:
    return f"{{{_TEXT}}}{tag}"


#: Deeper elements are not read (their text is dropped): real documents nest a few levels, and
#: the walk is recursive (5,000 nested spans raised RecursionError).
_MAX_DEPTH = 200
#: The most spaces one ``text:s`` gives (``text:c="300000000"`` took 19 s and 600 MB).
_MAX_SPACES = 1000


def _spaces(node: Any) -> int:
    count = (node.get(_t("c"), "1") or "1").strip()
    return min(int(count), _MAX_SPACES) if count.isdigit() else 1


def _text(element: Any, links: list[tuple[int, str, str]] | None = None) -> str:
    """Visible text; a note inside shows its citation; links collected as (offset, href, text)."""
    out: list[str] = []
    length = 0  # of the text in ``out``, kept as it grows: never summed again per element

    def emit(piece: str) -> None:
        nonlocal length
        out.append(piece)
        length += len(piece)

    def walk(node: Any, depth: int) -> None:
        if node.tag == _t("note"):
            emit("\x00")  # the note mark's place; removed from claims
            return
        if node.tag == _t("s"):
            emit(" " * _spaces(node))
        elif node.tag == _t("tab"):
            emit("\t")
        elif node.tag == _t("line-break"):
            emit("\n")
        elif node.text:
            emit(node.text)
        start, first = length, len(out)
        if depth < _MAX_DEPTH:
            for child in node:
                walk(child, depth + 1)
                if child.tail:
                    emit(child.tail)
        if node.tag == _t("a") and links is not None:
            links.append((start, node.get(_XLINK, ""), "".join(out[first:])))

    walk(element, 0)
    return "".join(out)


def read_odt_package(package: zipfile.ZipFile, path: str) -> Document:
    """Notes, claims and body links of an OpenDocument text package."""
    from citecheck.parse.docx import _package_guard, read_xml
    from citecheck.parse.docx.reduced import read_package_reduced

    unpacked: dict[str, bytes] = {}
    dense = _package_guard(package, ["content.xml"], unpacked)
    if dense is not None:
        return read_package_reduced(package, ["content.xml"], ["content.xml"], path,
                                    fmt=DocumentFormat.ODT, reason=dense)
    root = read_xml(package, "content.xml", unpacked)
    body = root.find(f".//{{{_OFFICE}}}text")
    notes: list[RawNote] = []
    markers: list[RawMarker] = []
    number = 0
    if body is None:
        return build_document(path, DocumentFormat.ODT, [], [])
    for index, paragraph in enumerate(body.iter(_t("p"), _t("h")), 1):
        if any(a.tag == _t("note-body") for a in paragraph.iterancestors()):
            continue
        links: list[tuple[int, str, str]] = []
        text = _text(paragraph, links)
        plain = text.replace("\x00", "")
        spans = split_sentences(plain) or [(0, len(plain))]

        def sentence(at: int, plain: str = plain, spans: list[tuple[int, int]] = spans) -> str:
            for start, end in spans:
                if start <= at <= end:
                    return " ".join(plain[start:end].split())
            return " ".join(plain.split())

        offsets = [i - n for n, i in enumerate(i for i, c in enumerate(text) if c == "\x00")]
        for note, at in zip(paragraph.iter(_t("note")), offsets, strict=False):
            label = (note.findtext(_t("note-citation")) or "").strip() or note.get(_t("id"), "")
            note_links: list[tuple[int, str, str]] = []
            parts = [_text(p, note_links).replace("\x00", "")
                     for p in note.find(_t("note-body")).iter(_t("p"))]
            hrefs = tuple(href for _, href, _ in note_links if is_citable_href(href))
            notes.append(RawNote(label, index, "\n".join(parts), hrefs=hrefs, column=at + 1))
            markers.append(RawMarker(label, index, sentence(at), at + 1))
        for start, href, shown in links:
            if is_citable_href(href):
                number += 1
                note, marker = body_link(number, shown.replace("\x00", "") or href, href,
                                         sentence(start), line=index, column=start + 1)
                notes.append(note)
                markers.append(marker)
    return build_document(path, DocumentFormat.ODT, notes, markers)
