"""Positions in the page's source: DOM nodes and text offsets back to 1-based line and column."""

from __future__ import annotations

import html as html_lib
import re
from bisect import bisect_left, bisect_right

from selectolax.lexbor import LexborHTMLParser, LexborNode

from citecheck.parse.deferred import regex

# Start tags of the source, for positions. Raw-text elements are skipped whole, as lexbor does;
# possessive quantifiers keep broken markup from backtracking.
_TAG_BODY = r"(?:\s++|/|[^\s/>=]++(?:\s*+=\s*+(?:\"[^\"]*+\"|'[^']*+'|[^\s>]++))?+|=)*+"
_SCAN = regex(
    r"<!--.*?(?:-->|\Z)"
    rf"|<([a-zA-Z][^\s/>]*+){_TAG_BODY}>"
    # A start tag the page never closes runs to its end (HTML drops it there): matched as
    # nothing, in one pass, so each later "<" is not rescanned to the end ("<a href='<a
    # href='…", 100 KB, took 5 s).
    rf"|<[a-zA-Z][^\s/>]*+{_TAG_BODY}\Z"
    r"|<[!?][^>]*+>?",
    re.S,
)
# Elements whose content lexbor reads as text (or keeps out of the tree): no tags inside count.
_RAW_TEXT_END = {
    name: re.compile(rf"</{name}[\s/>]", re.I)
    for name in (
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "template",
    )
}  # fmt: skip
_ATTR = regex(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")
_SIMPLE_TAG = regex(r"^[a-z][a-z0-9-]*$")


# --------------------------------------------------------------------------- positions


class _Source:
    """Source offsets of DOM elements, and 1-based lines/columns of offsets."""

    def __init__(self, source: str, tree: LexborHTMLParser) -> None:
        self._tree = tree
        self._line_starts = [0]
        self._line_starts.extend(m.end() for m in re.finditer("\n", source))
        self._source = source
        self._tags: dict[str, list[tuple[int, int]]] = {}
        tags = self._tags
        # One finditer from the start, begun again only after a raw-text element (its content
        # is skipped): every match is non-empty, so this finds what a search from each
        # match's end would, without a Python-level call per tag.
        position: int | None = 0
        while position is not None:
            start_at, position = position, None
            for match in _SCAN.finditer(source, start_at):
                name = match[1]
                if name is None:
                    continue
                name = name.lower()
                found = tags.get(name)
                if found is None:
                    found = tags[name] = []
                end = match.end()
                found.append((match.start(), end))
                closing = _RAW_TEXT_END.get(name)
                if closing is not None:
                    close = closing.search(source, end)
                    position = close.start() if close else len(source)
                    break
        self._offsets: dict[int, int | None] = {}  # mem_id → offset(): asked again and again
        self._order: dict[str, dict[int, int]] = {}
        self._by_attr: dict[tuple[str, str, str], list[int]] = {}
        self._indexed_attrs: set[tuple[str, str]] = set()

    def locate(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of a source offset."""
        index = bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def text_offset(self, node: LexborNode, needle: str) -> int:
        """Where ``needle`` (text of the text node ``node``) is in the source: searched from
        the node's parent element, up to the first character markup could have encoded."""
        parent = node.parent
        base = self.offset(parent) if parent is not None else None
        base = base or 0
        head = re.split(r"[&<>\"']", needle, maxsplit=1)[0][:40]
        found = self._source.find(head, base) if head else -1
        return found if found >= 0 else base

    def anchored_offset(self, node: LexborNode) -> int | None:
        """Where the element is in the source, told by an attribute where it has none itself.

        An element without ``id``/``href``/``name`` is placed by its order among its tags, which
        a tag the parser made up (an empty ``<p>`` for a stray ``</p>`` in Word's HTML) shifts;
        its first descendant with such an attribute is placed for certain.
        """
        attrs = node.attributes
        if not any(attrs.get(key) for key in ("id", "href", "name")):
            inner = node.css_first("[id], [href], [name]")
            if inner is not None:
                found = self.offset(inner)
                if found is not None:
                    return found
        return self.offset(node)

    def offset(self, node: LexborNode) -> int | None:
        """Where the element's start tag is in the source, if it can be told.

        Remembered per element (the tree is never changed): a note's offset orders the notes,
        then places it, and a marker's is asked by several readings.
        """
        ident = node.mem_id
        if ident in self._offsets:
            return self._offsets[ident]
        found = self._offset(node)
        self._offsets[ident] = found
        return found

    def _offset(self, node: LexborNode) -> int | None:
        tag = node.tag
        if not tag or not _SIMPLE_TAG.match(tag):
            return None
        order = self._order.get(tag)
        if order is None:
            order = {n.mem_id: i for i, n in enumerate(self._tree.css(tag))}
            self._order[tag] = order
        index = order.get(node.mem_id)
        tags = self._tags.get(tag, [])
        if index is None or not tags:
            return None
        attrs = node.attributes
        for key in ("id", "href", "name"):
            value = attrs.get(key)
            if value:
                found = self._match(tag, index, key, value, tags)
                if found is not None:
                    return found
        return tags[index][0] if index < len(tags) else None

    def _match(
        self, tag: str, index: int, key: str, value: str, tags: list[tuple[int, int]]
    ) -> int | None:
        if index < len(tags):
            start, end = tags[index]
            raw = self._source[start:end]
            if f'"{value}"' in raw or f"'{value}'" in raw or f"={value}" in raw:
                return start
            if _attr_value(raw, key) == value:
                return start
        # The DOM and the source disagree here (an element the parser made up or cloned):
        # take the source tag with this attribute value nearest in order.
        if (tag, key) not in self._indexed_attrs:
            self._indexed_attrs.add((tag, key))
            for i, (start, end) in enumerate(tags):
                found = _attr_value(self._source[start:end], key)
                if found is not None:
                    self._by_attr.setdefault((tag, key, found), []).append(i)
        candidates = self._by_attr.get((tag, key, value))
        if not candidates:
            return None
        at = bisect_left(candidates, index)
        nearest = min(
            candidates[max(at - 1, 0) : at + 1], key=lambda i: abs(i - index), default=None
        )
        return None if nearest is None else tags[nearest][0]


def _attr_value(raw: str, key: str) -> str | None:
    """An attribute's decoded value in a start tag's source text (``<a href="…">``)."""
    head = re.match(r"<[^\s/>]*", raw)
    for match in _ATTR.finditer(raw, head.end() if head else 0):
        if match.group(1).lower() == key:
            value = match.group(2) or match.group(3) or match.group(4) or ""
            return html_lib.unescape(value)
    return None
