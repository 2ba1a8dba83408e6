"""A block's plain text with where markers and links sit in it, from which claims are cut."""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from citecheck.parse.claims import ClaimText
from citecheck.parse.html.dom import _BLOCK_TAGS, _walk

# Never text: the page's machinery, or not prose (drawings, formulas, form widgets).
_SKIP_TAGS = frozenset(
    {
        "-comment", "script", "style", "noscript", "template", "head", "title", "svg", "math",
        "iframe", "object", "select", "textarea", "button", "link", "meta",
    }
)  # fmt: skip


# --------------------------------------------------------------------------- block text


@dataclass(slots=True)
class _BlockText:
    text: str
    removed: list[int]
    breaks: list[int]
    anchors: dict[int, int]  # mem_id of a marker or link → its offset in ``text``
    claims: ClaimText


def _block_text(
    block: LexborNode, markers: set[int], links: set[int], skip: set[int]
) -> _BlockText:
    """A block's own text (nested blocks are breaks), markers cut out, anchors noted."""
    parts: list[str] = []
    length = 0
    removed: list[int] = []
    breaks: list[int] = []
    anchors: dict[int, int] = {}
    into: set[int] = set()
    for node, entering in _walk(block, into):
        tag = node.tag
        if not entering:
            continue
        if tag == "-text":
            piece = node.text_content or ""
            if links and node.mem_id in links:
                anchors[node.mem_id] = length  # a text node that holds a URL written out
            parts.append(piece)
            length += len(piece)
        elif tag == "br":
            parts.append("\n")
            length += 1
        elif tag in _SKIP_TAGS or tag is None:
            pass
        else:
            ident = node.mem_id
            if ident in markers:
                anchors[ident] = length
                removed.append(length)
            elif tag in _BLOCK_TAGS:
                breaks.append(length)
            elif ident not in skip:
                if ident in links:
                    anchors[ident] = length
                into.add(ident)
    text = "".join(parts)
    return _BlockText(text, removed, breaks, anchors, ClaimText(text, removed, breaks))
