"""Note markers in HTML: superscript links, backlinks, sidenotes, and the element each marks."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from citecheck.parse.deferred import regex
from citecheck.parse.html.dom import _BLOCK_TAGS, _href, _text
from citecheck.parse.html.page import _Page

_MARKER_WRAPPERS = frozenset({"sup", "cite", "span", "small", "b", "strong", "i", "em"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Wikipedia's older skins print "Jump up ^" (or "Jump up to: a b") before a note.
_BACKLINK_TEXT = regex(
    r"^\s*(?:jump\s+up\b|\[?\s*(?:[↩↑⤴^⏎]|back\b|return\b))", re.I
)
_BACKLINK_CLASS = regex(r"(?i)back|reverse|return|to-top|footnote-number")
_SIDENOTE_CLASS = regex(r"(?i)note|foot|margin|side")
# A table cell that prints nothing but a note's label: "3", "[3]", "3.", "↑3", "^ 3".
_LABEL_ONLY = regex(r"^[↑↩^*†‡§]?\s?[\[(]?\w{0,5}[\])]?[.:]?$")


def _in_sup(link: LexborNode) -> bool:
    parent = link.parent
    for _ in range(2):
        if parent is None:
            break
        if parent.tag == "sup":
            return True
        parent = parent.parent
    return link.css_first("sup") is not None


def _is_backlink(
    link: LexborNode, attrs: dict[str, str | None] | None = None, text: str | None = None
) -> bool:
    """A note's link back to its marker ("↩", "^", role=doc-backlink, class=footnote-backref)."""
    attrs = link.attributes if attrs is None else attrs
    if (attrs.get("role") or "") == "doc-backlink":
        return True
    if _BACKLINK_CLASS.search(str(attrs.get("class") or "")):
        return True
    return bool(_BACKLINK_TEXT.match(link.text(deep=True) if text is None else text))


def _points_back(page: _Page, link: LexborNode, target: LexborNode) -> bool:
    """Whether a link leads back to a marker earlier in the page (a note's return link)."""
    if target.tag == "a":
        back = target
        if not _href(back):
            # An empty anchor just before the marker, Project Gutenberg's way:
            # <a name="FNanchor_A_1"></a><a href="#Footnote_A_1">[A]</a>.
            after = target.next
            while after is not None and after.tag == "-text" and not (after.text() or "").strip():
                after = after.next
            if after is not None and after.tag == "a":
                back = after
    elif target.tag in ("sup", "span"):
        found = target.css_first('a[href*="#"]')
        if found is None:
            return False
        back = found
    else:
        return False
    if "#" not in _href(back):
        return False
    here = page.source.offset(link)
    there = page.source.offset(target)
    return here is not None and there is not None and there < here


def _marker_element(link: LexborNode) -> LexborNode:
    """What a marker occupies in the text: the link, or the ``<sup>``/``<cite>`` around it.

    A wrapper holding nothing but the link (and brackets) goes with it, so no "[]" is left in
    the claim.
    """
    element = link
    own = _bare_label(_text(link))
    parent = link.parent
    while parent is not None and parent.tag in _MARKER_WRAPPERS and (
        _bare_label(_text(parent)) == own or _only_markers(parent)
    ):
        element = parent
        parent = parent.parent
    return element


# What may stand between the links of one marker group: "1–3", "4, 5", "[2][3]", "6 and 7".
_MARKER_GLUE = regex(r"^(?:[\s\[\](),;–—‐-]|and|&)*$")


def _only_markers(wrapper: LexborNode) -> bool:
    """Whether a ``<sup>`` holds several note links and nothing but separators between them
    (``<sup><a href="#fn4">4</a>–<a href="#fn6">6</a></sup>``): the group is one marker."""
    links = wrapper.css("a")
    if len(links) < 2 or not all(_href(link).startswith("#") for link in links):
        return False
    rest = _text(wrapper)
    for link in links:
        rest = rest.replace(_text(link), " ", 1)
    return _MARKER_GLUE.match(rest) is not None


def _bare_label(text: str) -> str:
    return text.replace("[", "").replace("]", "").replace(" ", "")


def _is_sidenote(node: LexborNode) -> bool:
    """An inline element holding a note's text (Tufte-style margin notes)."""
    return node.tag in ("span", "small", "aside") and bool(
        _SIDENOTE_CLASS.search(str(node.attributes.get("class") or ""))
    )


def _note_element(target: LexborNode) -> LexborNode | None:
    node: LexborNode | None = target
    while node is not None and node.tag not in _BLOCK_TAGS:
        node = node.parent
    if node is None or node.tag in ("body", "html", "main", "article"):
        return None
    if node.tag in _HEADINGS:
        return None  # a heading: a table-of-contents link, not a note
    if node.tag in ("td", "th") and _LABEL_ONLY.match(_text(node)):
        # A table of notes whose label cell holds the anchor ("↑3" | "See …", the WordPress
        # "footnotes" plugin): the row is the note, its other cells the text.
        row = node.parent
        if row is not None and row.tag == "tr":
            return row
    return node
