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


def _text(element: Any, links: list[tuple[int, str, str]] | None = None) -> str:
    """Visible text; a note inside shows its citation; links collected as (offset, href, text)."""
    out: list[str] = []

    def walk(node: Any) -> None:
        if node.tag == _t("note"):
            out.append("\x00")  # the note mark's place; removed from claims
            return
        if node.tag == _t("s"):
            out.append(" " * int(node.get(_t("c"), "1") or 1))
        elif node.tag == _t("tab"):
            out.append("\t")
        elif node.tag == _t("line-break"):
            out.append("\n")
        elif node.text:
            out.append(node.text)
        start = sum(len(s) for s in out)
        for child in node:
            walk(child)
            if child.tail:
                out.append(child.tail)
        if node.tag == _t("a") and links is not None:
            shown = "".join(out)[start:]
            links.append((start, node.get(_XLINK, ""), shown))

    walk(element)
    return "".join(out)


def read_odt_package(package: zipfile.ZipFile, path: str) -> Document:
    """Notes, claims and body links of an OpenDocument text package."""
    from citecheck.parse.docx import read_xml

    root = read_xml(package, "content.xml")
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
