"""Inline tokens to plain text: the links, footnote references and positions in a block."""

from __future__ import annotations

import html
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it.token import Token

from citecheck.parse.deferred import regex
from citecheck.parse.inline import link_address

# kramdown's inline attribute lists: "[text](url){:target="_blank"}", "claim.[^1]{:.fn}".
_ATTRIBUTE_LIST = regex(r"\{:[^{}\n]*\}")
_HTML_OPEN_A = regex(r"(?is)^<a(\s[^>]*)?>$")
_HTML_CLOSE_A = regex(r"(?i)^</a\s*>$")
_HTML_BR = regex(r"(?i)^<br\b")
_HTML_IMG = regex(r"(?i)^<img\b")
_HTML_ATTR = regex(r"""([^\s"'>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")


# --------------------------------------------------------------------------- positions


class _BlockLines:
    """Maps offsets in a block's inline source (``Token.content``) to source lines and columns.

    markdown-it-py builds the inline source from the block's lines with container prefixes
    (``>``, list indentation) removed, so each of its lines is the tail of a source line.
    """

    __slots__ = ("_cols", "_first", "_starts")

    def __init__(self, content: str, first_line: int, lines: Sequence[str]) -> None:
        self._first = first_line
        self._starts: list[int] = []
        self._cols: list[int] = []
        offset = 0
        for i, piece in enumerate(content.split("\n")):
            number = first_line + i
            source = lines[number] if number < len(lines) else ""
            if piece and source.endswith(piece):
                col = len(source) - len(piece)
            else:
                found = source.find(piece) if piece else -1
                col = found if found >= 0 else len(source) - len(source.lstrip())
            self._starts.append(offset)
            self._cols.append(col)
            offset += len(piece) + 1

    def locate(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of an offset in the inline source."""
        i = max(bisect_right(self._starts, offset) - 1, 0)
        return self._first + i + 1, self._cols[i] + offset - self._starts[i] + 1


# --------------------------------------------------------------------------- inline rendering


@dataclass(slots=True)
class _Link:
    href: str
    title: str
    text: str
    start: int  # offset of the link text in the rendered plain text
    src: int  # offset of the link in the inline source, -1 when unknown
    kind: str  # inline | reference | autolink | bare | embed (an <iframe src>)
    ref: str | None  # normalised reference label, for reference links
    image_only: bool


@dataclass(slots=True)
class _FootRef:
    label: str | None  # as written; None for an inline ^[…] footnote
    ident: int
    at: int  # offset in the rendered plain text
    src: int


@dataclass(slots=True)
class _Inline:
    text: str
    links: list[_Link]
    refs: list[_FootRef]
    removed: list[int]
    image_refs: list[str]  # reference labels that images use


def _link_kind(token: Token) -> str:
    if token.markup == "autolink":
        return "autolink"
    if token.markup == "linkify" or token.info == "auto":
        return "bare"
    return "reference" if token.meta.get("label") else "inline"


def _render(children: Sequence[Token] | None, *, in_note: bool = False) -> _Inline:
    """Plain text of an inline token's children, with where its links and markers sit."""
    parts: list[str] = []
    length = 0
    links: list[_Link] = []
    refs: list[_FootRef] = []
    removed: list[int] = []
    image_refs: list[str] = []
    # (opening token, offset in text, index into parts, saw an image)
    open_links: list[tuple[Token, int, int, list[bool]]] = []
    for child in children or ():
        token, kind = child, child.type
        if kind == "html_inline":
            # Raw HTML in the text: an <a href> is a link like any other, <br> a line break.
            content = child.content
            opener = _html_link(child)
            if opener is not None:
                token, kind = opener, "link_open"
            elif _HTML_CLOSE_A.match(content):
                kind = "link_close"
            elif _HTML_BR.match(content):
                kind = "hardbreak"
            elif _HTML_IMG.match(content):
                kind = "image"
        if kind in ("text", "text_special"):
            piece = token.content
            if "{:" in piece:
                piece = _ATTRIBUTE_LIST.sub("", piece)  # kramdown's "{:.class}" is markup
        elif kind in ("softbreak", "hardbreak"):
            piece = "\n"
        elif kind == "code_inline":
            # Code is not a citation: in a note, a URL shown as code is not the note's source.
            piece = token.content
            if in_note and "://" in piece:
                continue
        elif kind == "footnote_ref":
            meta = token.meta
            label = meta.get("label")
            refs.append(
                _FootRef(
                    label=label if isinstance(label, str) else None,
                    ident=int(meta.get("id", -1)),
                    at=length,
                    src=int(meta.get("pos", -1)),
                )
            )
            removed.append(length)
            continue
        elif kind == "link_open":
            open_links.append((token, length, len(parts), [False]))
            continue
        elif kind == "link_close":
            if open_links:
                opener, start, index, image = open_links.pop()
                label = opener.meta.get("label")
                links.append(
                    _Link(
                        href=link_address(str(opener.attrGet("href") or "")),
                        title=str(opener.attrGet("title") or ""),
                        text="".join(parts[index:]),
                        start=start,
                        src=_link_source(opener),
                        kind=_link_kind(opener),
                        ref=label if isinstance(label, str) else None,
                        image_only=image[0] and not "".join(parts[index:]).strip(),
                    )
                )
            continue
        elif kind == "image":
            for _, _, _, image in open_links:
                image[0] = True
            label = token.meta.get("label")
            if isinstance(label, str):
                image_refs.append(label)
            continue
        else:
            continue
        parts.append(piece)
        length += len(piece)
    links.sort(key=lambda link: link.start)
    return _Inline("".join(parts), links, refs, removed, image_refs)


def _html_link(token: Token) -> Token | None:
    """A ``link_open`` token for a raw ``<a href="…">`` tag, None for any other HTML."""
    match = _HTML_OPEN_A.match(token.content)
    if match is None:
        return None
    attrs: dict[str, str] = {}
    for name, double, single, bare in _HTML_ATTR.findall(match.group(1) or ""):
        attrs.setdefault(name.lower(), html.unescape(double or single or bare))
    href = attrs.get("href")
    if href is None:
        return None
    opener = Token("link_open", "a", 1, attrs={"href": href.strip()}, meta=dict(token.meta))
    if attrs.get("title"):
        opener.attrSet("title", attrs["title"])
    return opener


def _link_source(opener: Token) -> int:
    pos = int(opener.meta.get("pos", -1))
    if pos >= 0 and opener.markup == "linkify":
        # The linkify rule fires on the ":" of "://"; the link began at its scheme.
        href = str(opener.attrGet("href") or "")
        colon = href.find(":")
        if colon > 0:
            pos = max(pos - colon, 0)
    return pos
