"""WordprocessingML paragraphs: visible text, note reference marks and hyperlinks, in order.

Hyperlinks come from ``w:hyperlink`` (the relationship's target; ``w:anchor`` alone is a link
inside the document) and from ``HYPERLINK`` fields, simple (``w:fldSimple``) or complex (the
instruction in ``w:instrText`` runs between ``fldChar`` begin and separate, possibly split over
many runs, fields nesting). Tracked deletions are not text; text boxes are their own paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

__all__ = ["Link", "Mark", "Paragraph", "W", "hyperlink_target", "paragraphs", "w"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@cache
def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag."""
    return f"{{{W}}}{tag}"


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink: its target and the span of its display text in the paragraph."""

    target: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mark:
    """A footnote or endnote reference in a paragraph."""

    kind: str  # "footnote" | "endnote"
    id: str
    offset: int
    custom: bool  # w:customMarkFollows: the printed mark is the text that follows


@dataclass
class Paragraph:
    """One ``w:p``: its visible text, marks and links; ``index`` is its 1-based ordinal."""

    index: int
    text: str
    marks: list[Mark] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    ends_section: bool = False  # its properties hold a section break (w:pPr/w:sectPr)


_HYPERLINK = re.compile(r"^\s*HYPERLINK\s+(?P<rest>.*)$", re.S | re.I)
_TOKEN = re.compile(r'\\[a-zA-Z]|"[^"]*"|\S+')
_SKIPPED = frozenset({w("delText"), w("del"), w("moveFrom"), w("rPr"), w("pPr"),
                      w("instrText") + "-never"})


def hyperlink_target(instruction: str) -> str | None:
    """The target of a ``HYPERLINK`` field instruction (``\\l`` is the fragment), or None."""
    match = _HYPERLINK.match(instruction)
    if match is None:
        return None
    tokens = _TOKEN.findall(match.group("rest"))
    url: str | None = None
    anchor: str | None = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.startswith("\\"):
            switch = token.lower()
            argument = tokens[i + 1].strip('"') if i + 1 < len(tokens) else ""
            if switch == "\\l":
                anchor = argument
            i += 2 if switch in ("\\l", "\\o", "\\t") else 1
            continue
        if url is None:
            url = token.strip('"')
        i += 1
    if url:
        return url + (f"#{anchor}" if anchor else "")
    return f"#{anchor}" if anchor else None


def paragraphs(root: Any, rels: dict[str, str]) -> list[Paragraph]:
    """Every ``w:p`` under ``root`` in document order (tables, text boxes, content controls)."""
    return [_paragraph(n, p, rels) for n, p in enumerate(root.iter(w("p")), 1)]


def _paragraph(index: int, element: Any, rels: dict[str, str]) -> Paragraph:
    buffer: list[str] = []
    length = 0
    paragraph = Paragraph(index, "")
    fields: list[list[Any]] = []  # [instruction parts, result start or None]

    def add(text: str) -> None:
        nonlocal length
        buffer.append(text)
        length += len(text)

    def walk(node: Any) -> None:
        for child in node:
            tag = child.tag
            if tag == w("p") or tag in _SKIPPED:
                continue
            if tag == w("hyperlink"):
                rid = child.get(f"{{{R}}}id")
                anchor = child.get(w("anchor"))
                target = rels.get(rid) if rid else None
                if target is None and anchor:
                    target = f"#{anchor}"
                elif target is not None and anchor:
                    target += f"#{anchor}"
                start = length
                walk(child)
                if target:
                    paragraph.links.append(Link(target, start, length))
            elif tag == w("fldSimple"):
                start = length
                walk(child)
                target = hyperlink_target(child.get(w("instr"), ""))
                if target:
                    paragraph.links.append(Link(target, start, length))
            elif tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    fields.append([[], None])
                elif kind == "separate" and fields:
                    fields[-1][1] = length
                elif kind == "end" and fields:
                    parts, start = fields.pop()
                    target = hyperlink_target("".join(parts))
                    if target:
                        paragraph.links.append(Link(target, start if start is not None else
                                                    length, length))
            elif tag == w("instrText"):
                if fields:
                    fields[-1][0].append(child.text or "")
            elif tag == w("t"):
                if not (fields and fields[-1][1] is None):  # not the field's instruction part
                    add(child.text or "")
            elif tag == w("tab"):
                add("\t")
            elif tag in (w("br"), w("cr")):
                add("\n")
            elif tag == w("noBreakHyphen"):
                add("-")
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                kind = "footnote" if tag == w("footnoteReference") else "endnote"
                custom = child.get(w("customMarkFollows")) in ("1", "true", "on")
                paragraph.marks.append(Mark(kind, child.get(w("id"), ""), length, custom))
            else:
                walk(child)

    walk(element)
    paragraph.text = "".join(buffer)
    properties = element.find(w("pPr"))
    paragraph.ends_section = properties is not None and properties.find(w("sectPr")) is not None
    return paragraph
