"""Bound the work on deeply nested HTML before it is parsed: a linear pre-pass.

A page of 100,000 nested ``<div>``\\s is a few hundred kilobytes, yet the HTML reader's work
grows with depth times size (an element's ancestors are walked for its notes, links and text
blocks): 50,000 levels took 7.5 s, 100,000 took 56 s. No real page nests more than a few hundred
elements, so :func:`nesting_depth` estimates the depth first, in linear time, and a page deeper
than :data:`MAX_DEPTH` is not given to the tree at all: :func:`as_text` turns it into plain text
(tags dropped, line breaks kept, link targets kept as text) for the plain-text reader, and the
reader says so in a diagnostic.

The estimate is made with regular expressions (comments and raw-text elements such as
``<script>`` removed first, so the ``<div>`` in a script string is not counted) and a count of
open elements. Void elements are not counted, and a start tag closes what HTML's parser would
close for it in the common cases (``<li>`` after ``<li>``, a block after an unclosed ``<p>``), so
a page of unclosed ``<li>``\\s or ``<p>``\\s is not mistaken for a nested one; ``<div/>`` opens a
``div``, as it does in a browser.
"""

from __future__ import annotations

import html
import re

from citecheck.parse.deferred import regex

__all__ = ["MAX_DEPTH", "MAX_TAGS", "as_text", "nesting_depth", "too_big"]

#: The deepest nesting read as HTML. Real pages nest a few dozen elements, generated ones a
#: hundred or two; the reader's cost grows with depth times size, so the bound is low.
MAX_DEPTH = 512

#: The most tags read as HTML. Beyond nesting, the tree's work grows with its size (misnested
#: formatting tags are re-opened by the parser one by one): a page with more tags than this
#: (several times the largest real articles) is read as text too.
MAX_TAGS = 500_000

_RAW_NAMES = "script|style|textarea|title|xmp|iframe|noembed|noframes|noscript"
# Comments (an unclosed one runs to the end, as in HTML), raw-text elements (likewise) and
# declarations: nothing in them is a tag.
_NOT_TAGS = regex(
    rf"<!--.*?(?:-->|\Z)|<({_RAW_NAMES})\b[^>]*>.*?(?:</\1\s*>|\Z)|<[!?][^<>]*>",
    re.DOTALL | re.IGNORECASE,
)
# [^<>] keeps each attempt from running past the next "<": the scan stays linear.
_TAG = regex(r"<(/?[A-Za-z][^\s/<>]*)[^<>]*>")  # the name, "/" first in an end tag
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "basefont", "bgsound", "frame", "keygen", "image", "isindex",
    "html", "head", "body",  # never nested
})
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul",
})
_ONLY_P = frozenset({"p"})
_IMPLIED_END: dict[str, frozenset[str]] = {
    "li": frozenset({"li", "p"}),
    "dt": frozenset({"dt", "dd", "p"}),
    "dd": frozenset({"dt", "dd", "p"}),
    "option": frozenset({"option"}),
    "optgroup": frozenset({"option", "optgroup"}),
    "tr": frozenset({"tr", "td", "th"}),
    "td": frozenset({"td", "th"}),
    "th": frozenset({"td", "th"}),
    "rb": frozenset({"rb", "rt", "rtc", "rp"}),
    "rt": frozenset({"rb", "rt", "rp"}),
    "rp": frozenset({"rb", "rt", "rp"}),
    **dict.fromkeys(_BLOCKS, _ONLY_P),
}


def nesting_depth(source: str, *, stop_at: int = MAX_DEPTH) -> int:
    """How deep the elements of ``source`` nest (an estimate; see the module docstring).

    Counting stops once the depth passes ``stop_at``: the answer is then ``stop_at + 1``.
    """
    tags = _TAG.findall(_NOT_TAGS.sub("", source))
    stack: list[str] = []
    open_count: dict[str, int] = {}
    deepest = 0
    for raw_name in tags:
        name = raw_name.lower()
        if name[0] == "/":
            name = name[1:]
            if not open_count.get(name):
                continue  # a stray end tag: the parser ignores it too
            while stack:
                top = stack.pop()
                open_count[top] -= 1
                if top == name:
                    break
            continue
        if name in _VOID:
            continue
        implied = _IMPLIED_END.get(name)
        while implied is not None and stack and stack[-1] in implied:
            open_count[stack.pop()] -= 1  # <tr> after "<tr><td>" ends the cell and the row
        stack.append(name)
        open_count[name] = open_count.get(name, 0) + 1
        if len(stack) > deepest:
            deepest = len(stack)
            if deepest > stop_at:
                break
    return deepest


def too_big(source: str) -> str | None:
    """Why ``source`` should not be parsed into a tree (too many tags, too deep), or None."""
    tags = source.count("<")  # an upper bound of the tags, in one C-speed pass
    if tags > MAX_TAGS:
        return f"the page has more than {MAX_TAGS:,} tags"
    if tags > MAX_DEPTH and nesting_depth(source) > MAX_DEPTH:
        return f"HTML elements nest more than {MAX_DEPTH} deep"
    return None


# Tags without and with line breaks inside: the first go in one C-speed pass; the second keep
# their line breaks, so every line of the text is the line of the page it came from.
# Possessive (``++``, ``*+``): an unclosed "<a href='…" before a long run of text must not be
# backtracked over character by character (a fuzzer's 90 KB page took 6 s).
_LINK_TARGET = regex(
    r"""<a\s[^<>\n]*?\bhref\s*+=\s*+["']?+([^"'\s<>]++)[^<>\n]*+>""", re.IGNORECASE
)
_TAG_ON_ONE_LINE = regex(r"</?[A-Za-z][^<>\n]*>")
_TAG_OVER_LINES = regex(r"</?[A-Za-z][^<>]*>")


def _raw_lines(match: re.Match[str]) -> str:
    return "\n" * match.group().count("\n")


# Entities that decode to a line break would add lines: decoded to a space instead.
_BREAK_ENTITY = regex(r"&(?:#0*1[03](?![0-9])|#x0*[ad](?![0-9a-f])|NewLine);?", re.IGNORECASE)


def as_text(source: str) -> str:
    """The text of an HTML page for the plain-text reader: linear, lines kept.

    Comments, scripts and styles are dropped, a link becomes its target followed by its text,
    other tags disappear, and entities are decoded. A page's line N is the text's line N.
    """
    text = _NOT_TAGS.sub(_raw_lines, source)
    text = _LINK_TARGET.sub(r" \1 ", text)
    text = _TAG_ON_ONE_LINE.sub("", text)
    text = _TAG_OVER_LINES.sub(_raw_lines, text)
    if "&" in text:
        text = html.unescape(_BREAK_ENTITY.sub(" ", text))
    return text
