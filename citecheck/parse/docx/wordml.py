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

from citecheck.parse.deferred import regex

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
    indented: bool = False  # all its lines set in from the margin (w:ind left, no hanging)


_HYPERLINK = regex(r"^\s*HYPERLINK\s+(?P<rest>.*)$", re.S | re.I)
_TOKEN = regex(r'\\[a-zA-Z]|"[^"]*"|\S+')
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
    walked = _paragraphs_to_walk(root)
    return [_paragraph(n, p, rels) if p in walked else _plain_paragraph(n, p)
            for n, p in enumerate(root.iter(w("p")), 1)]


def _plain_paragraph(index: int, element: Any) -> Paragraph:
    """A paragraph of runs' text alone, read by lxml's own iteration; its indent still counts
    (an entry typed as two paragraphs, the second set in by hand, is one entry)."""
    paragraph = Paragraph(index, "".join(element.itertext(_TEXT)))
    indent = element.find(f"{w('pPr')}/{w('ind')}")
    paragraph.indented = indent is not None and _indented(indent)
    return paragraph


# What makes a paragraph more than its runs' text: :func:`_paragraph` walks a paragraph that
# holds one of these; the rest (most of a long document: table cells, plain prose) are their
# w:t text, read by lxml's own iteration.
_SPECIAL = tuple(w(tag) for tag in (
    "hyperlink", "fldSimple", "fldChar", "instrText", "tab", "br", "cr", "noBreakHyphen",
    "footnoteReference", "endnoteReference", "del", "delText", "moveFrom", "sectPr",
    "txbxContent"))
_TEXT = w("t")


def _paragraphs_to_walk(root: Any) -> set[Any]:
    """The paragraphs holding a :data:`_SPECIAL` element (and every paragraph around one, as a
    text box's paragraph sits inside another): one pass over the tree, not one per paragraph."""
    found: set[Any] = set()
    paragraph = w("p")
    for element in root.iter(*_SPECIAL):
        parent = element.getparent()
        while parent is not None:
            if parent.tag == paragraph:
                if parent in found:
                    break  # its ancestors are in already
                found.add(parent)
            parent = parent.getparent()
    return found


def _paragraph(index: int, element: Any, rels: dict[str, str]) -> Paragraph:
    walk = _Walk(Paragraph(index, ""), rels)
    walk.node(element)
    paragraph = walk.paragraph
    paragraph.text = "".join(walk.buffer)
    if paragraph.links and "://" in paragraph.text:
        _drop_doubled_prefixes(paragraph)
    properties = element.find(w("pPr"))
    paragraph.ends_section = properties is not None and properties.find(w("sectPr")) is not None
    indent = properties.find(w("ind")) if properties is not None else None
    paragraph.indented = indent is not None and _indented(indent)
    return paragraph


def _twips(element: Any, *names: str) -> int:
    for name in names:
        value = element.get(w(name))
        if value is not None:
            try:
                return int(float(value))
            except ValueError:
                return 0
    return 0


def _indented(indent: Any) -> bool:
    """Whether a paragraph's ``w:ind`` sets every line of it in from the margin: a left indent
    whose first line is not pulled back out (a hanging indent is a list item's)."""
    left = _twips(indent, "left", "start")
    return left > 0 and _twips(indent, "hanging") <= 0 and _twips(indent, "firstLine") >= 0


# A URL's scheme and host alone, typed right before a hyperlink ("https://doi.org/" then a
# link showing "https://doi.org/10.1007/…": a reference template that printed the prefix twice).
_DANGLING_PREFIX = regex(r"(?i)(?:https?|ftp)://[^\s/]+/?$")
_URL_SHOWN = regex(r"(?i)\s*(?:https?|ftp)://")


def _drop_doubled_prefixes(paragraph: Paragraph) -> None:
    """Cut a URL's scheme and host typed, glued, before a hyperlink that shows a URL itself:
    the reader clicks the link's one address, and "https://doi.org/https://doi.org/10…" read
    as one typed URL would be checked as a second, broken one."""
    for link in sorted(paragraph.links, key=lambda found: found.start, reverse=True):
        text = paragraph.text
        if not _URL_SHOWN.match(text, link.start, link.end):
            continue
        glued = re.search(r"\S+$", text[max(0, link.start - 64) : link.start])
        if glued is None or _DANGLING_PREFIX.fullmatch(glued.group()) is None:
            continue
        cut = len(glued.group())
        at = link.start - cut
        paragraph.text = text[:at] + text[link.start :]
        paragraph.links = [
            found if found.end <= at else Link(found.target, max(found.start - cut, at),
                                                found.end - cut)
            for found in paragraph.links
        ]
        paragraph.marks = [
            mark if mark.offset <= at else Mark(mark.kind, mark.id, max(mark.offset - cut, at),
                                                mark.custom)
            for mark in paragraph.marks
        ]


class _Walk:
    """One paragraph's walk (an object, not a recursive closure: a closure that calls itself is
    a reference cycle, and tens of thousands of them wait for the cyclic collector)."""

    __slots__ = ("buffer", "fields", "length", "link_from", "paragraph", "rels")

    def __init__(self, paragraph: Paragraph, rels: dict[str, str]) -> None:
        self.paragraph = paragraph
        self.rels = rels
        self.buffer: list[str] = []
        self.length = 0
        self.fields: list[list[Any]] = []  # [instruction parts, result start or None]
        self.link_from: int | None = None  # where the w:hyperlink being walked starts (buffer)

    def add(self, text: str) -> None:
        self.buffer.append(text)
        self.length += len(text)

    def _inside_shown_address(self) -> bool:
        """Whether the hyperlink being walked shows an address so far, a tab in it being a
        tab stop Word laid out to wrap a long URL ("…/Fahrzeugklass⇥enAufbauarten/…"), not
        part of it: the address reads on without it."""
        if self.link_from is None:
            return False
        shown = "".join(self.buffer[self.link_from :])
        return _URL_SHOWN.match(shown) is not None and len(shown.split()) == 1

    def node(self, node: Any) -> None:
        paragraph, fields = self.paragraph, self.fields
        for child in node:
            tag = child.tag
            if tag == w("p") or tag in _SKIPPED:
                continue
            if tag == w("hyperlink"):
                rid = child.get(f"{{{R}}}id")
                anchor = child.get(w("anchor"))
                target = self.rels.get(rid) if rid else None
                if target is None and anchor:
                    target = f"#{anchor}"
                elif target is not None and anchor:
                    target += f"#{anchor}"
                start = self.length
                outer, self.link_from = self.link_from, len(self.buffer)
                self.node(child)
                self.link_from = outer
                if target:
                    paragraph.links.append(Link(target, start, self.length))
            elif tag == w("fldSimple"):
                start = self.length
                self.node(child)
                target = hyperlink_target(child.get(w("instr"), ""))
                if target:
                    paragraph.links.append(Link(target, start, self.length))
            elif tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    fields.append([[], None])
                elif kind == "separate" and fields:
                    fields[-1][1] = self.length
                elif kind == "end" and fields:
                    parts, begin = fields.pop()
                    target = hyperlink_target("".join(parts))
                    if target:
                        paragraph.links.append(Link(target, begin if begin is not None else
                                                    self.length, self.length))
            elif tag == w("instrText"):
                if fields:
                    fields[-1][0].append(child.text or "")
            elif tag == w("t"):
                if not (fields and fields[-1][1] is None):  # not the field's instruction part
                    self.add(child.text or "")
            elif tag == w("tab"):
                if not self._inside_shown_address():
                    self.add("\t")
            elif tag in (w("br"), w("cr")):
                self.add("\n")
            elif tag == w("noBreakHyphen"):
                self.add("-")
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                kind = "footnote" if tag == w("footnoteReference") else "endnote"
                custom = child.get(w("customMarkFollows")) in ("1", "true", "on")
                paragraph.marks.append(Mark(kind, child.get(w("id"), ""), self.length, custom))
            else:
                self.node(child)
