"""From what was found to notes and markers: labels, note text, claims and body links."""

from __future__ import annotations

from collections.abc import Callable

from selectolax.lexbor import LexborNode

from citecheck.parse.base import RawMarker, RawNote, ReaderOutput
from citecheck.parse.claims import visible
from citecheck.parse.deferred import regex
from citecheck.parse.html.blocks import _SKIP_TAGS, _block_text, _BlockText
from citecheck.parse.html.dom import (
    _BLOCK_TAGS,
    _block_of,
    _citable,
    _href,
    _label_of,
    _row_text,
    _text,
    _walk,
)
from citecheck.parse.html.links import _body_links, _TextUrl
from citecheck.parse.html.markers import _is_backlink
from citecheck.parse.html.page import _Page
from citecheck.parse.html.source import _Source
from citecheck.parse.inline import body_link, is_titled_link, link_note_text

_CELLS = ("td", "th")  # where _row_text finds a row (of the cell's block)
_LINE_BREAK = regex(r"[ \t\r\f\v]*\n\s*")
_TRAILING_NUMBER = regex(r"(\d+)\D*$")
_YEAR_LABEL = regex(r"^(?:1[5-9]|20)\d\d[a-z]?$")  # "1975", "2019b": a year, not a number
_EMPTY_BRACKETS = regex(r"^\s*(?:\[\s*\]|\(\s*\))\s*")


def _assemble(page: _Page) -> ReaderOutput:
    source = page.source
    marker_ids = {m.element.mem_id for m in page.markers}
    for marker in page.markers:
        marker_ids.add(marker.link.mem_id)
    note_ids = set(page.notes)
    # A note inside a paragraph (a sidenote) is not part of the paragraph's claim.
    claim_skip = page.skip | note_ids

    labels = _note_labels(page)
    continued = _continuations(page)
    notes: list[RawNote] = []
    # Wikipedia's notes hold their text in a span: looked for in each note only when the page
    # has one at all (a selector query per note is a tenth of a plain page's note reading).
    wrapped = page.tree.css_first(_REFERENCE_TEXT) is not None
    for ident, element in page.notes.items():
        offset = source.anchored_offset(element)
        line, column = source.locate(offset if offset is not None else 0)
        text, hrefs = _note_text(element, page, marker_ids, wrapped=wrapped)
        for more in continued.get(ident, ()):
            more_text, more_hrefs = _note_text(more, page, marker_ids, wrapped=wrapped)
            text, hrefs = f"{text}\n\n{more_text}", (*hrefs, *more_hrefs)
        text = _strip_label(text, labels[ident])
        if text[:1].isdigit() and _opens_with_label_link(element, text, labels[ident]):
            text = text[len(labels[ident]) :].lstrip()
        notes.append(
            RawNote(
                labels[ident],
                line,
                text,
                hrefs,
                column=column,
                listed=ident in page.listed,
                reference=not hrefs and _titled_link(element, text),
            )
        )

    in_notes = note_ids | {more.mem_id for run in continued.values() for more in run}
    links, text_urls = _body_links(page, marker_ids, in_notes)
    blocks: dict[int, _BlockText] = {}
    link_ids = {link.mem_id for link in links}
    link_ids.update(found.node.mem_id for found in text_urls)

    def block_for(node: LexborNode) -> _BlockText | None:
        return text_of(_block_of(node))

    def text_of(block: LexborNode | None) -> _BlockText | None:
        if block is None:
            return None
        found = blocks.get(block.mem_id)
        if found is None:
            found = _block_text(block, marker_ids, link_ids, claim_skip)
            blocks[block.mem_id] = found
        return found

    def claim_text(cell: LexborNode) -> str:
        """A cell's text as its claims read it (markers and sidenotes left out)."""
        found = block_for(cell.child) if cell.child is not None else None
        return " ".join(found.claims.text.split()) if found is not None else ""

    def row_text(node: LexborNode) -> str:
        return _row_text(node, claim_text)

    markers: list[RawMarker] = []
    for marker in page.markers:
        label = labels[marker.note] if marker.note is not None else _label_of(marker.text_label)
        offset = source.offset(marker.element)
        if offset is None:
            offset = source.offset(marker.link)
        line, column = source.locate(offset if offset is not None else 0)
        # In a table (an infobox too) a cell's words are no sentence: the marker claims the row.
        holder = _block_of(marker.element)
        sentence = row_text(marker.element) if holder is not None and holder.tag in _CELLS else ""
        if not sentence:
            block = text_of(holder)
            if block is not None and marker.element.mem_id in block.anchors:
                sentence = block.claims.after(block.anchors[marker.element.mem_id])
        markers.append(RawMarker(label, line, sentence, column))

    link_notes, link_markers = _link_entries(source, links, text_urls, block_for, row_text)
    notes.extend(link_notes)
    markers.extend(link_markers)

    notes.sort(key=lambda n: (n.line, n.column))
    markers.sort(key=lambda m: (m.line, m.column))
    return ReaderOutput(notes, markers, page.diagnostics)



def _continuations(page: _Page) -> dict[int, list[LexborNode]]:
    """Paragraphs that go on with a note set as a paragraph of its own (``<p id="note2">2. …``
    ``<p>More…`` ``<p id="note3">3. …``): those without an ``id`` between two notes' paragraphs
    belong to the first. After the last note, nothing says where it ends: none do."""
    found: dict[int, list[LexborNode]] = {}
    for ident, element in page.notes.items():
        if element.tag != "p":
            continue
        run: list[LexborNode] = []
        sibling = element.next
        while sibling is not None:
            if sibling.tag == "-text" and not (sibling.text_content or "").strip():
                sibling = sibling.next
                continue
            if sibling.tag == "-comment":
                sibling = sibling.next
                continue
            if sibling.mem_id in page.notes:
                if run:
                    found[ident] = run
                break
            if sibling.tag != "p" or sibling.attributes.get("id"):
                break
            run.append(sibling)
            sibling = sibling.next
    return found


def _link_entries(
    source: _Source,
    links: list[LexborNode],
    text_urls: list[_TextUrl],
    block_for: Callable[[LexborNode], _BlockText | None],
    row_text: Callable[[LexborNode], str],
) -> tuple[list[RawNote], list[RawMarker]]:
    """Body links and written-out URLs as ``link-N`` entries, with the sentence each sits in."""
    notes: list[RawNote] = []
    markers: list[RawMarker] = []
    # Links and written-out URLs are numbered together, in the order a reader meets them.
    inline: list[tuple[int, LexborNode | _TextUrl]] = []
    for link in links:
        offset = source.offset(link)
        inline.append((offset if offset is not None else 0, link))
    for text_url in text_urls:
        inline.append((source.text_offset(text_url.node, text_url.raw), text_url))
    inline.sort(key=lambda item: item[0])
    for number, (offset, item) in enumerate(inline, start=1):
        line, column = source.locate(offset)
        if isinstance(item, _TextUrl):
            text, href, anchor_node, at = item.raw, item.url, item.node, item.start
        else:
            text = link_note_text(_text(item), str(item.attributes.get("title") or ""))
            href, anchor_node, at = _citable(_href(item)) or "", item, 0
        block = block_for(anchor_node)
        sentence = ""
        if block is not None and anchor_node.mem_id in block.anchors:
            sentence = block.claims.around(block.anchors[anchor_node.mem_id] + at)
        if sentence == " ".join(text.split()):
            # A link that is all of its table cell ("Portland | Yes | TriMet") stands for the row.
            sentence = row_text(anchor_node) or sentence
        sentence = _quotation_of(anchor_node) or sentence
        note, link_marker = body_link(number, text, href, sentence, line=line, column=column)
        notes.append(note)
        markers.append(link_marker)
    return notes, markers


def _quotation_of(node: LexborNode) -> str:
    """For a link in a quotation's attribution (``<blockquote>…<cite><a>``, ``<footer><a>``),
    the quotation: the source it names supports what is quoted, not the attribution line."""
    cite = node.parent
    while cite is not None and cite.tag not in (
        "cite", "figcaption", "footer", "blockquote", "body"
    ):
        cite = cite.parent
    if cite is None or cite.tag not in ("cite", "figcaption", "footer"):
        return ""
    quote = cite.parent
    if quote is not None and quote.tag == "footer":
        quote = quote.parent  # '<footer>— Tufte, <cite><a>…</a></cite></footer>'
    if quote is not None and quote.tag == "figure":
        quote = quote.css_first("blockquote")
    if quote is None or quote.tag != "blockquote":
        return ""
    parts = []
    child = quote.child
    while child is not None:
        if child.tag not in ("cite", "footer"):
            parts.append(child.text(deep=True))
        child = child.next
    return " ".join(" ".join(parts).split())


def _note_labels(page: _Page) -> dict[int, str]:
    """Each note's label as the reader sees it: its marker's text, else its list number; a
    bibliography entry's, and a note's that prints none, is ``ref-N``."""
    labels: dict[int, str] = dict(page.labels)
    # A marker whose text is a year ("[Newell <a href="#BibPLXBIB0004">1975</a>]", ACM's
    # author-year links) names no label: the entry it leads to prints none, so it is ref-N.
    dated: set[int] = set()
    for marker in page.markers:
        if marker.note is not None and marker.note not in labels:
            label = _label_of(marker.text_label)
            if label and _YEAR_LABEL.match(label) and not _numbered_item(page.notes[marker.note]):
                dated.add(marker.note)
            elif label:
                labels[marker.note] = label
    # A bibliography entry prints no label (Wikipedia's "Sources" under short notes): ref-1, …
    # in page order, as in the other readers, not its CITEREF anchor.
    listed = [
        ident
        for ident in page.notes
        if (ident in page.listed or ident in dated) and ident not in labels
    ]
    for number, ident in enumerate(listed, start=1):
        labels[ident] = f"ref-{number}"
    ordinals: dict[int, dict[int, int]] = {}
    for ident, element in page.notes.items():
        if ident in labels:
            continue
        label = ""
        parent = element.parent
        if element.tag == "li" and parent is not None and parent.tag == "ol":
            numbers = ordinals.get(parent.mem_id)
            if numbers is None:
                numbers = _list_numbers(parent)
                ordinals[parent.mem_id] = numbers
            if ident in numbers:
                label = str(numbers[ident])
        if not label:
            element_id = str(element.attributes.get("id") or "")
            match = _TRAILING_NUMBER.search(element_id)
            label = match.group(1) if match else element_id
        if not label:
            # A note that prints no label (Word's marker with a blank text): ref-N, after the
            # bibliography's, as every reader names what prints none.
            label = f"ref-{len(listed) + 1}"
            listed.append(ident)
        labels[ident] = label
    return labels


def _numbered_item(element: LexborNode) -> bool:
    parent = element.parent
    return element.tag == "li" and parent is not None and parent.tag == "ol"


def _list_numbers(ol: LexborNode) -> dict[int, int]:
    start_attr = str(ol.attributes.get("start") or "1").strip()
    number = int(start_attr) if start_attr.lstrip("-").isdigit() else 1
    numbers: dict[int, int] = {}
    child = ol.child
    while child is not None:
        if child.tag == "li":
            value = str(child.attributes.get("value") or "").strip()
            if value.lstrip("-").isdigit():
                number = int(value)
            numbers[child.mem_id] = number
            number += 1
        child = child.next
    return numbers


_REFERENCE_TEXT = "span.reference-text"


def _note_text(
    element: LexborNode, page: _Page, marker_ids: set[int], *, wrapped: bool = True
) -> tuple[str, tuple[str, ...]]:
    """A note's plain text and the absolute URLs its links point to, backlinks left out.

    ``wrapped=False`` says that the page has no ``span.reference-text`` to look for.
    """
    root = (element.css_first(_REFERENCE_TEXT) if wrapped else None) or element
    parts: list[str] = []
    hrefs: list[str] = []
    into: set[int] = set()
    for node, entering in _walk(root, into):
        tag = node.tag
        if not entering:
            if tag in _BLOCK_TAGS:
                parts.append("\n")
        elif tag == "-text":
            parts.append(node.text_content or "")
        elif tag == "br":
            parts.append("\n")
        elif tag not in _SKIP_TAGS and tag is not None:
            ident = node.mem_id
            left_out = ident in page.skip or ident in page.backlinks or ident in marker_ids
            if not left_out and not (tag == "a" and _is_backlink(node)):
                if tag == "a":
                    href = _citable(_href(node))
                    if href:
                        hrefs.append(href)
                if tag in _BLOCK_TAGS:
                    parts.append("\n")
                into.add(ident)
    text = visible("".join(parts))
    if "\n" in text:
        text = _LINE_BREAK.sub("\n", text)
    text = text.strip()
    return text, tuple(dict.fromkeys(hrefs))


def _opens_with_label_link(element: LexborNode, text: str, label: str) -> bool:
    """Whether a note's text opens with its label printed as a link and a space, Project
    Gutenberg's '<a href="#ft07">&nbsp;7&nbsp;</a>Imitating …' (the link leads back to the
    marker's place): the label, not the note's first word."""
    if not text.startswith(label) or not text[len(label) : len(label) + 1].isspace():
        return False
    first = element.css_first("a[href]")
    return first is not None and _text(first) == label and _href(first).startswith("#")


def _titled_link(element: LexborNode, text: str) -> bool:
    """Whether a note is all one link's title, its target a document given by a relative
    path (``<li><a href="zip-0200.html">ZIP 200: Network Upgrade Mechanism</a></li>``): a
    citation of that document. (Looked for only in short notes without an absolute URL.)"""
    if len(text) > 300 or " " not in text.strip():
        return False
    return is_titled_link(text, ((_text(a), _href(a)) for a in element.css("a[href]")))


def _strip_label(text: str, label: str) -> str:
    """Drop a note's own number from its start ("[1] Smith…", "1. Smith…", "1: Smith…").

    Brackets left empty by a removed backlink (docutils' ``[<a>1</a>]``) go too.
    """
    text = _EMPTY_BRACKETS.sub("", text, count=1)
    head = text.lstrip()
    if not label:
        return text
    for opener, closer in (("[", "]"), ("(", ")")):
        if head.startswith(opener):
            inner = head[1:].lstrip()
            if inner.startswith(label):
                rest = inner[len(label) :].lstrip()
                if rest.startswith(closer):
                    return rest[1:].lstrip()
    if head.startswith(label):
        rest = head[len(label) :]
        if rest[:1] in (".", ")", ":") and (len(rest) == 1 or rest[1].isspace()):
            return rest[1:].lstrip()
    return text
