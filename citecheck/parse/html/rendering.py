"""A page rendered to plain text, with a map from every rendered offset back to the source."""

from __future__ import annotations

import html as html_lib
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from citecheck.parse.deferred import regex
from citecheck.parse.html.assemble import _list_numbers
from citecheck.parse.html.blocks import _SKIP_TAGS
from citecheck.parse.html.dom import _BLOCK_TAGS, _citable, _href, _walk
from citecheck.parse.html.page import _Page
from citecheck.parse.html.source import _RAW_TEXT_END
from citecheck.parse.names import TO_SUPERSCRIPT

# --------------------------------------------------------------------------- plain-text style

_SAFE_RUN = regex(r"[!#-%(-;=?-~][ !#-%(-;=?-~]{2,39}")
_SUP_MARKER = regex(r"^\s*\d{1,4}(?:\s*,\s*\d{1,4})*\s*$")
# What the DOM keeps no text of: tags, comments, doctypes, processing instructions; a tag cut
# off by the end of the page is dropped whole, as lexbor does.
_MARKUP = regex(
    r"<!--.*?(?:-->|\Z)"
    r"|<([a-zA-Z][^\s/>]*+)"
    r"(?:\s++|/|[^\s/>=]++(?:\s*+=\s*+(?:\"[^\"]*+\"|'[^']*+'|[^\s>]++))?+|=)*+(?:>|\Z)"
    r"|</[^>]*+(?:>|\Z)|<[!?][^>]*+(?:>|\Z)",
    re.S,
)
_REFERENCE = regex(r"&(?:#[xX][0-9a-fA-F]++;?|#[0-9]++;?|[a-zA-Z][a-zA-Z0-9]*+;?)")
_SPECIAL = regex(r"[<&]")
_SPACE_RUN = regex(r"[ \t\n\f]+")


# A table of contents and the page's other navigation: lists of the page's own headings
# ("1 Introduction" … "References"), which the plain-text reader would take for a notes heading
# and its first entry. Pandoc writes ``<div id="TOC">`` (``<nav id="TOC" role="doc-toc">``
# since 2.0): the id is matched in any case, as a standards-mode page's selectors do not.
_NAVIGATION = "nav, [role=navigation], [role=doc-toc], [id=toc i], [class~=toc i]"


def _navigation(root: LexborNode) -> set[int]:
    """The navigation elements of ``root`` not rendered as text: those that hold less than
    half of its text (a site that wraps its whole page in ``<nav>`` keeps its text)."""
    found = root.css(_NAVIGATION)
    if not found:
        return set()
    whole = len(root.text(deep=True).strip())
    return {node.mem_id for node in found if len(node.text(deep=True).strip()) * 2 < whole}


@dataclass(slots=True)
class _Segment:
    """A DOM text node in the rendered text, and where its characters are in the source."""

    start: int  # offset in the rendered text of the node's first shown character
    lead: int  # characters of the node not shown (whitespace trimmed at a line start)
    size: int  # characters in the node
    # (node offset, source offset, length): the node's text is the source verbatim for
    # ``length`` characters; length 0 anchors text the source spells otherwise (``&amp;``).
    runs: list[tuple[int, int, int]]

    def source_offset(self, rendered: int) -> int:
        """The source offset of a rendered offset at or after this segment's start."""
        at = min(max(rendered - self.start, 0) + self.lead, self.size)
        index = max(bisect_right(self.runs, at, key=lambda run: run[0]) - 1, 0)
        node_at, source_at, length = self.runs[index]
        return source_at + min(max(at - node_at, 0), length)


@dataclass(slots=True)
class _Rendering:
    """The page as plain text, one block a paragraph, with a way back to source lines."""

    text: str
    segments: list[_Segment]
    segment_starts: list[int]
    line_starts: list[int]
    links: list[tuple[int, LexborNode]]  # (rendered offset, <a>) for citable links
    blocks: list[tuple[int, int]]  # rendered (start, end) of each block's text
    # text node mem_id → rendered offset of its first character (negative if trimmed away)
    text_nodes: dict[int, int] = field(default_factory=dict)


def _render_page(page: _Page, source: str) -> _Rendering:
    parts: list[str] = []
    length = 0
    segments: list[_Segment] = []
    links: list[tuple[int, LexborNode]] = []
    blocks: list[tuple[int, int]] = []
    text_nodes: dict[int, int] = {}
    block_start = 0
    has_text = False
    line_start = True  # nothing yet on the current rendered line
    cursor = 0
    skipping: list[int] = []  # mem_ids of open elements whose content is not text
    root = page.tree.body or page.tree.root
    if root is None:
        return _Rendering("", [], [], [0], [], [])
    navigation = _navigation(root)

    def boundary() -> None:
        nonlocal length, block_start, has_text, line_start
        if has_text:
            blocks.append((block_start, length))
            parts.append("\n\n")
            length += 2
        block_start = length
        has_text = False
        line_start = True

    superscript: list[int] = []  # an open unlinked <sup>1</sup>: its digits become "¹"
    numbers: dict[int, dict[int, int]] = {}  # <ol> → its items' numbers
    for node, entering in _walk(root):
        tag = node.tag
        if skipping:
            if not entering and node.mem_id == skipping[-1]:
                skipping.pop()
            continue
        if tag == "-text":
            if not entering:
                continue
            raw = node.text_content or ""
            # A rendered line starts at its text: the plain-text reader looks for "[1]" there.
            trimmed = raw.lstrip(" \t\n\r\f") if line_start else raw
            if not trimmed:
                continue
            runs, cursor = _align(source, raw, cursor)
            segments.append(_Segment(length, len(raw) - len(trimmed), len(raw), runs))
            text_nodes[node.mem_id] = length - (len(raw) - len(trimmed))
            if superscript:
                trimmed = trimmed.translate(TO_SUPERSCRIPT)
            flat = trimmed.replace("\n", " ")
            parts.append(flat)
            length += len(flat)
            has_text = has_text or not flat.isspace()
            line_start = False
        elif (
            tag in _SKIP_TAGS or tag is None or node.mem_id in page.skip
            or node.mem_id in navigation
        ):
            if entering and node.child is not None:
                skipping.append(node.mem_id)
        elif tag == "br":
            if entering:
                parts.append("\n")
                length += 1
                line_start = True
        elif tag in _BLOCK_TAGS:
            boundary()
            parent = node.parent
            if entering and tag == "li" and parent is not None and parent.tag == "ol":
                # An ordered list shows its numbers without writing them: write them, so a
                # Notes list reads "1. Source …" as the plain-text reader expects.
                found_numbers = numbers.get(parent.mem_id)
                if found_numbers is None:
                    found_numbers = numbers[parent.mem_id] = _list_numbers(parent)
                prefix = f"{found_numbers.get(node.mem_id, 1)}. "
                offset = page.source.offset(node)
                runs = [] if offset is None else [(0, offset, 0)]
                segments.append(_Segment(length, 0, 0, runs))
                parts.append(prefix)
                length += len(prefix)
                line_start = False
        elif tag == "sup":
            if not entering:
                if superscript and superscript[-1] == node.mem_id:
                    superscript.pop()
            elif _SUP_MARKER.match(node.text(deep=True)) and node.css_first("a") is None:
                # An unlinked "<sup>1</sup>" marker: the plain-text reader knows "¹".
                superscript.append(node.mem_id)
        elif tag == "a" and entering:
            href = _citable(_href(node))
            if href:
                links.append((length, node))
    boundary()
    text = "".join(parts)
    line_starts = [0]
    line_starts.extend(m.end() for m in re.finditer("\n", text))
    return _Rendering(
        text, segments, [s.start for s in segments], line_starts, links, blocks, text_nodes
    )


def _align(source: str, text: str, cursor: int) -> tuple[list[tuple[int, int, int]], int]:
    """Where a DOM text node's characters are in the source, reading forward from ``cursor``.

    A text node is not one stretch of the source: markup the parser drops (``</ol>`` with no
    list open, comments, misnested tags) can sit inside it, and character references are
    spelt differently. So the source is read alongside the text, markup skipped and
    references decoded; where the two still disagree (text the walk left out, a character the
    parser replaced) reading resumes at the next run of plain ASCII found verbatim ahead.
    Returns the runs for :class:`_Segment` and the source offset after the node (``cursor``
    unchanged when none of it was found).
    """
    runs: list[tuple[int, int, int]] = []
    i, j = 0, cursor
    size, end = len(text), len(source)
    while i < size and j < end:
        char = source[j]
        if char == "<":
            markup = _MARKUP.match(source, j)
            if markup is not None:
                j = markup.end()
                name = markup.group(1)
                closing = _RAW_TEXT_END.get(name.lower()) if name else None
                if closing is not None:
                    close = closing.search(source, j)
                    j = close.start() if close else end
                continue
        elif char == "&":
            reference = _REFERENCE.match(source, j)
            if reference is not None:
                decoded = html_lib.unescape(reference.group())
                if decoded != reference.group() and text.startswith(decoded, i):
                    runs.append((i, j, 0))
                    i += len(decoded)
                    j = reference.end()
                    continue
        if text[i] == char:
            stop = _SPECIAL.search(source, j + 1)
            chunk = text[i : (stop.start() if stop else end) - j + i]
            length = len(chunk)
            if not source.startswith(chunk, j):
                length = next(k for k, c in enumerate(chunk) if c != source[j + k])
            runs.append((i, j, length))
            i += length
            j += length
            continue
        space = _SPACE_RUN.match(source, j)
        if space is not None:
            j = space.end()  # whitespace the parser kept no node for (between table rows, …)
            continue
        found = _resync(source, text, i, j)
        if found is None:
            break
        at, j_found = found
        runs.append((i, max(j_found - (at - i), j), 0))
        i, j = at, j_found
    return runs, (j if runs else cursor)


def _resync(source: str, text: str, i: int, j: int) -> tuple[int, int] | None:
    """The next (text offset, source offset) from (``i``, ``j``) where the text is verbatim."""
    match = _SAFE_RUN.search(text, i)
    if match is not None:
        needle, at = match.group(), match.start()
    else:
        needle, at = text[i : i + 16], i
    window = j + 4 * (len(text) - i) + 4096
    found = source.find(needle, j, window)
    return None if found < 0 else (at, found)


def _source_position(page: _Page, rendering: _Rendering, line: int, column: int) -> tuple[int, int]:
    """The source (line, column) of a 1-based position in the rendered text."""
    starts = rendering.line_starts
    row = min(max(line, 1), len(starts)) - 1
    offset = starts[row] + max(column, 1) - 1
    index = bisect_right(rendering.segment_starts, offset) - 1
    # Text never found in the source is placed where the text before it ends.
    while index >= 0 and not rendering.segments[index].runs:
        index -= 1
    if index < 0:
        return 1, 1
    return page.source.locate(rendering.segments[index].source_offset(offset))
