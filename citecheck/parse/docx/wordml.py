"""WordprocessingML paragraphs: visible text, note reference marks and hyperlinks, in order.

Hyperlinks come from ``w:hyperlink`` (the relationship's target; ``w:anchor`` alone is a link
inside the document) and from ``HYPERLINK`` fields, simple (``w:fldSimple``) or complex (the
instruction in ``w:instrText`` runs between ``fldChar`` begin and separate, possibly split over
many runs, fields nesting). Tracked deletions are not text; text boxes are their own paragraphs.

Word's citation fields are kept too (:class:`Field`): ``CITATION`` (an in-text citation of a
source stored in the package) and ``BIBLIOGRAPHY`` (the rendered list of sources), whose result
spans many paragraphs, so a field's result carries on into the paragraphs after its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

__all__ = ["Field", "Link", "Mark", "Paragraph", "W", "hyperlink_target", "paragraphs", "w"]

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


@dataclass(frozen=True, slots=True)
class Field:
    """A kept field (``CITATION``, ``BIBLIOGRAPHY``), on the paragraph where it ends: its
    instruction and its result from ``start`` in paragraph ``first`` to ``end`` in this one."""

    instruction: str
    first: int  # the ordinal of the paragraph its result starts in
    start: int
    end: int


@dataclass
class Paragraph:
    """One ``w:p``: its visible text, marks and links; ``index`` is its 1-based ordinal."""

    index: int
    text: str
    marks: list[Mark] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    ends_section: bool = False  # its properties hold a section break (w:pPr/w:sectPr)
    fields: list[Field] = field(default_factory=list)  # kept fields ending here


_HYPERLINK = re.compile(r"^\s*HYPERLINK\s+(?P<rest>.*)$", re.S | re.I)
_TOKEN = re.compile(r'\\[a-zA-Z]|"[^"]*"|\S+')
_KEPT_FIELDS = ("CITATION", "BIBLIOGRAPHY")
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
    carried: list[list[Any]] = []  # fields whose result goes on past their paragraph
    return [_paragraph(n, p, rels, carried) for n, p in enumerate(root.iter(w("p")), 1)]


def _kept(instruction: str) -> bool:
    return instruction.lstrip()[:12].upper().startswith(_KEPT_FIELDS)


def _paragraph(index: int, element: Any, rels: dict[str, str], carried: list[list[Any]]
               ) -> Paragraph:
    buffer: list[str] = []
    length = 0
    paragraph = Paragraph(index, "")
    # [instruction parts, result start or None, paragraph of the result start]
    fields: list[list[Any]] = carried

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
                instruction = child.get(w("instr"), "")
                target = hyperlink_target(instruction)
                if target:
                    paragraph.links.append(Link(target, start, length))
                elif _kept(instruction):
                    paragraph.fields.append(Field(instruction, index, start, length))
            elif tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    fields.append([[], None, index])
                elif kind == "separate" and fields:
                    fields[-1][1] = length
                elif kind == "end" and fields:
                    parts, start, first = fields.pop()
                    instruction = "".join(parts)
                    target = hyperlink_target(instruction) if first == index else None
                    if target:
                        paragraph.links.append(Link(target, start if start is not None else
                                                    length, length))
                    elif _kept(instruction):
                        at = start if start is not None else (length if first == index else 0)
                        paragraph.fields.append(Field(instruction, first, at, length))
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
    # Only a field's result goes on into the next paragraph; one still in its instruction part
    # when its paragraph ends is broken (and would otherwise hide the rest of the document).
    carried[:] = [f for f in fields if f[1] is not None]
    paragraph.text = "".join(buffer)
    properties = element.find(w("pPr"))
    paragraph.ends_section = properties is not None and properties.find(w("sectPr")) is not None
    return paragraph
