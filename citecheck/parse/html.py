"""The HTML reader: where an HTML page's notes and note markers are.

The page is parsed by selectolax (lexbor), and text always comes from the DOM (entities decoded,
``<script>``/``<style>``/``<noscript>``/``<template>`` ignored). Recognised note styles:

* note links into a notes list: ``<sup><a href="#fn1">1</a></sup>`` … ``<li id="fn1">``, as
  written by hand and by pandoc, kramdown, python-markdown, markdown-it, WordPress plugins,
  Substack and Word's "Save as HTML";
* Wikipedia's ``<sup class="reference"><a href="#cite_note-…">[1]</a></sup>`` with
  ``<ol class="references">`` and ``<span class="reference-text">``;
* docutils/Sphinx, LibreOffice, Google Docs and arXiv notes, margin notes, and the
  bibliography entries that Wikipedia's short notes link to;
* plain ``<a href>`` links in body text, which become inline notes (``link-1``, …) with the
  sentence around them as the claim; links in navigation, headers, footers and asides are not.

A page with no note markup but written in the plain-text style (``[1]`` markers and a Notes
section, unlinked ``<sup>1</sup>`` markers with a numbered list, author–year references) is
rendered to text, block by block, and read by the plain-text reader; positions map back through
the DOM text nodes found in the source.

lexbor keeps no source positions, so a small scanner finds every start tag in the source and the
k-th ``<a>`` of the DOM is matched to the k-th ``<a …>`` of the source (checked against its
``id``/``href``); lines come from precomputed line starts by bisection, never by rescanning.
"""

from __future__ import annotations

import html as html_lib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from citecheck.models import Diagnostic
from citecheck.parse.base import RawMarker, RawNote, ReaderOutput
from citecheck.parse.claims import ClaimText, strip_text_markers, visible
from citecheck.parse.inline import body_link, is_chrome_link_text, is_citable_href, link_note_text
from citecheck.parse.names import TO_SUPERSCRIPT, normalise_newlines
from citecheck.parse.urls import url_spans

__all__ = ["read_html"]

_LINE_BREAK = re.compile(r"[ \t\r\f\v]*\n\s*")

_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
        "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
        "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_MARKER_WRAPPERS = frozenset({"sup", "cite", "span", "small", "b", "strong", "i", "em"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Never text: the page's machinery, or not prose (drawings, formulas, form widgets).
_SKIP_TAGS = frozenset(
    {
        "-comment", "script", "style", "noscript", "template", "head", "title", "svg", "math",
        "iframe", "object", "select", "textarea", "button", "link", "meta",
    }
)  # fmt: skip
# Not claim text: editing links, "[citation needed]" and the like, cite backlinks.
_SKIP_SELECTOR = (
    ".noprint, .mw-editsection, .mw-cite-backlink, .backrefs, .sr-only, .screen-reader-text"
)
# Page furniture: links here are navigation, not citations.
_CHROME_SELECTOR = ", ".join(
    (
        "nav", "header", "footer", "aside", "[role=navigation]", "[role=banner]",
        "[role=contentinfo]", "[role=complementary]", "[role=search]", ".navbox",
        ".vertical-navbox", ".sidebar", ".toc", "#toc", ".breadcrumb", ".breadcrumbs", ".menu",
        ".widget", ".sharedaddy", ".sharing", ".share", ".social", ".comments", "#comments",
        ".comment-list", ".comments-area", "#respond", ".printfooter", ".catlinks",
        ".mw-editsection", ".noprint", ".navigation", ".navbar", ".site-header",
        ".site-footer", ".post-navigation", ".related-posts", ".infobox", ".hatnote",
        ".ambox", ".metadata", ".mw-jump-link", "#coordinates", ".geo-default",
        ".sistersitebox", ".side-box", ".authority-control", ".portalbox", ".shortdescription",
        # Class-named furniture of blog and newsletter platforms (Substack, Medium, WordPress
        # themes): top bars, bylines, share/subscribe widgets, cookie and consent dialogs.
        ".topbar", ".top-bar", ".footer", "#footer", ".footer-wrap", ".site-nav", ".masthead",
        ".post-meta", ".entry-meta", ".entry-footer", ".post-footer", ".byline", ".author-bio",
        ".author-info", ".post-ufi", ".button-wrapper", ".subscription-widget-wrap",
        ".post-tags", ".tag-list", ".pagination", ".nav-links", ".skip-link", "[role=dialog]",
        "[role=alertdialog]", "[aria-modal=true]", "[class*=cookie]", "[id*=cookie]",
        "[class*=consent]", "[id*=consent]", "[class*=gdpr]", "[class*=subscribe]",
        "[class*=share-]", "[class*=-share]", "[class*=social-]", "[class*=author]",
        "[class*=byline]",
    )
)  # fmt: skip
# Where a page's own text is, when it says so: links outside are the site's, not the author's.
_CONTENT_SELECTOR = "[itemprop=articleBody], article, main, [role=main]"
# Lists whose items are notes even when nothing in the text links to them.
_NOTE_LIST_SELECTOR = ", ".join(
    (
        "ol.references > li", "li[id^=cite_note]", ".footnotes li", ".footnote > ol > li",
        ".footnotes-list > li", "li.footnote-item", "ol.wp-block-footnotes > li",
        "ol.easy-footnotes-wrapper > li", "li.easy-footnote-single", "[role=doc-endnotes] li",
        "[role=doc-endnote]", "[role=doc-footnote]",
    )
)  # fmt: skip

_MARKER_TEXT = re.compile(
    r"(?i)^[\[(]?\s*(?:\d{1,5}[a-z]?|[ivxlcdm]{1,8}|[a-z]{1,2}|[*†‡§¶]{1,3}"
    r"|(?:note|nb|n\.?|fn|lower-alpha|upper-alpha)\s*[0-9a-z]{1,4})\s*[\])]?$"
    # A bracketed key, as docutils and academic pages show citations: "[Smith2019]", "[AB-12]".
    r"|^\[[A-Za-z][\w.:+-]{0,23}\]$"
)
_NOTEISH = re.compile(r"(?i)foot|endnote|fn|note|ref|cite|bib|_ftn|_edn|sdfoot|sdend")
_BACKLINK_TEXT = re.compile(r"^\s*\[?\s*(?:[↩↑⤴^⏎]|back\b|return\b)", re.I)
_BACKLINK_CLASS = re.compile(r"(?i)back|reverse|return|to-top|footnote-number")
_SIDENOTE_CLASS = re.compile(r"(?i)note|foot|margin|side")
_LABEL_BRACKETS = re.compile(r"^[\[(]\s*|\s*[\])]$")
_TRAILING_NUMBER = re.compile(r"(\d+)\D*$")
_REDIRECTOR = re.compile(
    r"(?i)^https?://(?:www\.google\.[a-z.]+/url\?|l\.facebook\.com/l\.php\?"
    r"|[a-z0-9.-]+\.safelinks\.protection\.outlook\.com/)"
)
_DOI_HREF = re.compile(r"(?i)^https?://(?:dx\.)?doi\.org/10\.\d+%2F")
_EMPTY_BRACKETS = re.compile(r"^\s*(?:\[\s*\]|\(\s*\))\s*")

# Start tags of the source, for positions. Raw-text elements are skipped whole, as lexbor does;
# possessive quantifiers keep broken markup from backtracking.
_SCAN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<([a-zA-Z][^\s/>]*+)"
    r"(?:\s++|/|[^\s/>=]++(?:\s*+=\s*+(?:\"[^\"]*+\"|'[^']*+'|[^\s>]++))?+|=)*+>"
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
_ATTR = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")
_SIMPLE_TAG = re.compile(r"^[a-z][a-z0-9-]*$")


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
        position = 0
        scan = _SCAN.search
        while (match := scan(source, position)) is not None:
            position = match.end()
            name = match[1]
            if name is None:
                continue
            name = name.lower()
            found = tags.get(name)
            if found is None:
                found = tags[name] = []
            found.append((match.start(), position))
            closing = _RAW_TEXT_END.get(name)
            if closing is not None:
                close = closing.search(source, position)
                position = close.start() if close else len(source)
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

    def offset(self, node: LexborNode) -> int | None:
        """Where the element's start tag is in the source, if it can be told."""
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


# --------------------------------------------------------------------------- DOM helpers


def _walk(
    root: LexborNode, into: set[int] | None = None
) -> Iterable[tuple[LexborNode, bool]]:
    """The descendants of ``root`` in document order, as (node, entering); no recursion.

    Without ``into`` every node is entered and left (a leaf right after it is entered). With
    it, the walk goes into a node's children only when the caller has put the node's
    ``mem_id`` in ``into`` while handling its (node, True), and only such nodes are left.
    """
    node = root.child
    parents: list[LexborNode] = []
    while node is not None:
        yield node, True
        child = node.child
        if child is not None and (into is None or node.mem_id in into):
            parents.append(node)
            node = child
            continue
        if into is None:
            yield node, False
        while node is not None:
            following = node.next
            if following is not None:
                node = following
                break
            node = parents.pop() if parents else None
            if node is not None:
                yield node, False


def _classes(attrs: dict[str, str | None]) -> str:
    return " ".join(str(attrs.get(key) or "") for key in ("class", "id", "rel", "role"))


def _text(node: LexborNode) -> str:
    return " ".join(node.text(deep=True).split())


def _label_of(text: str) -> str:
    return _LABEL_BRACKETS.sub("", " ".join(text.split())).strip()


def _block_of(node: LexborNode) -> LexborNode | None:
    parent = node.parent
    while parent is not None and parent.tag not in _BLOCK_TAGS:
        parent = parent.parent
    return parent


def _href(node: LexborNode) -> str:
    value = node.attributes.get("href")
    return value.strip() if isinstance(value, str) else ""


def _citable(href: str) -> str | None:
    """The absolute URL a link cites, or None for page-relative and non-web links.

    Click-tracking wrappers (Google Docs' ``google.com/url?q=…``, Facebook's ``l.php?u=…``,
    Outlook safe links) are unwrapped: the cited source is the address inside.
    """
    if href.startswith("//") and len(href) > 2:
        href = "https:" + href  # protocol-relative: a network address, not a page path
    if not is_citable_href(href):
        return None
    wrapped = _REDIRECTOR.match(href)
    if wrapped:
        for key, value in parse_qsl(urlsplit(href).query):
            if key in ("q", "u", "url") and is_citable_href(value):
                return value
    if _DOI_HREF.match(href):
        # Wikipedia writes doi.org links as 10.1371%2Fjournal…; the DOI's slash is a slash.
        href = href.replace("%2F", "/").replace("%2f", "/")
    return href


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


# --------------------------------------------------------------------------- notes


@dataclass(slots=True)
class _Marker:
    element: LexborNode  # what is cut from the claim: the <sup>, or the link itself
    link: LexborNode
    note: int | None  # mem_id of the note element, None when the target is missing
    text_label: str


@dataclass(slots=True)
class _Page:
    source: _Source
    tree: LexborHTMLParser
    skip: set[int] = field(default_factory=set)
    notes: dict[int, LexborNode] = field(default_factory=dict)  # mem_id → note element
    markers: list[_Marker] = field(default_factory=list)
    backlinks: set[int] = field(default_factory=set)
    labels: dict[int, str] = field(default_factory=dict)  # labels fixed before assembly
    listed: set[int] = field(default_factory=set)  # bibliography entries, cited through notes
    diagnostics: list[Diagnostic] = field(default_factory=list)


def read_html(text: str) -> ReaderOutput:
    """Find the notes and note markers of an HTML page.

    Returns raw notes (note-list items, Wikipedia references, inline body links) and markers,
    each with a 1-based line and column in ``text``, plus diagnostics. A page without note
    markup is read as plain text (``[1]`` markers and a Notes section).
    """
    source = normalise_newlines(text)
    tree = LexborHTMLParser(source)
    page = _Page(_Source(source, tree), tree)
    page.skip = {node.mem_id for node in tree.css(_SKIP_SELECTOR)}
    _find_notes(page)
    if not page.notes and not page.markers:
        return _read_plain_style(text, page)
    return _assemble(page)


def _find_notes(page: _Page) -> None:
    tree = page.tree
    listed = {node.mem_id: node for node in tree.css(_NOTE_LIST_SELECTOR)}
    listed_ids = set(listed)
    for mem_id, node in listed.items():
        # A list inside a note (pandoc writes one for a note with bullet points) is its text.
        if _inside(node, listed_ids) is None:
            page.notes[mem_id] = node
    in_lists = set(page.notes)

    ids: dict[str, LexborNode] = {}
    for node in tree.css("[id]"):
        ident = node.id
        if ident and ident not in ids:
            ids[ident] = node
    for node in tree.css("a[name]"):
        name = node.attributes.get("name")
        if name and name not in ids:
            ids[name] = node

    cross_links: list[tuple[LexborNode, LexborNode]] = []  # in-page links that are not markers
    for link in tree.css('a[href*="#"]'):
        attrs = link.attributes
        href = str(attrs.get("href") or "").strip()
        fragment = unquote(href[href.find("#") + 1 :])
        if not fragment:
            continue
        label_text = _text(link)
        if _is_backlink(link, attrs, label_text):
            page.backlinks.add(link.mem_id)
            continue
        if label_text and not _MARKER_TEXT.match(label_text):
            if fragment in ids:
                cross_links.append((link, ids[fragment]))
            continue
        in_sup = _in_sup(link)
        noteish = bool(_NOTEISH.search(f"{_classes(attrs)} {fragment}"))
        if not noteish and link.parent is not None:
            noteish = bool(_NOTEISH.search(_classes(link.parent.attributes)))
        if not (in_sup or noteish) or _inside(link, in_lists) is not None:
            continue
        target = ids.get(fragment)
        if target is None:
            if in_sup and noteish and label_text:
                page.markers.append(_Marker(_marker_element(link), link, None, label_text))
            continue
        if _points_back(page, link, target):
            page.backlinks.add(link.mem_id)
            continue
        note = _note_element(target)
        if note is None or _contains(note, link):
            # A sidenote sits in the paragraph it annotates: the note is the element itself.
            if not _is_sidenote(target) or _contains(target, link):
                continue
            note = target
        page.notes.setdefault(note.mem_id, note)
        page.markers.append(_Marker(_marker_element(link), link, note.mem_id, label_text))
    _add_sidenotes(page)
    _expand_ranges(page)
    _add_list_siblings(page)
    _add_bibliography(page, cross_links)


_RANGE = re.compile(r"(\d{1,4})\s*[–—‐-]\s*(\d{1,4})")


def _expand_ranges(page: _Page) -> None:
    """A marker group "4–6" that links only 4 and 6 cites 5 too: it gets a marker as well."""
    groups: dict[int, list[_Marker]] = {}
    for marker in page.markers:
        if marker.element is not marker.link:
            groups.setdefault(marker.element.mem_id, []).append(marker)
    for group in groups.values():
        if len(group) < 2:
            continue
        element = group[0].element
        present = {_label_of(marker.text_label) for marker in group}
        for found in _RANGE.finditer(_text(element)):
            first, last = int(found[1]), int(found[2])
            if str(first) in present and str(last) in present and last - first <= 50:
                for number in range(first + 1, last):
                    if str(number) not in present:
                        page.markers.append(_Marker(element, element, None, str(number)))


def _add_sidenotes(page: _Page) -> None:
    """Tufte-style side- and margin notes that no link points to.

    ``claim.<label for="sn-1" class="margin-toggle sidenote-number"></label><input …>
    <span class="sidenote">Source…</span>`` (tufte-css, Hugo and Jekyll themes): the note sits
    in the paragraph right after its claim; the label (or the note itself) is its marker.
    """
    taken = set(page.notes)
    taken.update(m.note for m in page.markers if m.note is not None)
    number = 0
    for node in page.tree.css(".sidenote, .marginnote"):
        classes = str(node.attributes.get("class") or "").split()
        if "sidenote" not in classes and "marginnote" not in classes:
            continue  # "sidenote-number" is the toggle, not the note
        if node.mem_id in taken or _inside(node, taken) is not None:
            continue
        marker = node
        label = ""
        previous = node.prev
        while previous is not None and previous.tag in ("input", "-text") and not (
            previous.tag == "-text" and (previous.text_content or "").strip()
        ):
            previous = previous.prev
        if previous is not None and previous.tag == "label":
            marker = previous
            label = str(previous.attributes.get("for") or "")
        number += 1
        label = label or f"{'sn' if 'sidenote' in classes else 'mn'}-{number}"
        page.notes[node.mem_id] = node
        page.labels[node.mem_id] = label
        page.markers.append(_Marker(marker, marker, node.mem_id, label))
        taken.add(node.mem_id)


def _add_bibliography(page: _Page, cross_links: list[tuple[LexborNode, LexborNode]]) -> None:
    """Entries a note links to (Wikipedia's "Smith 2019, p. 4" → Sources list) are notes too.

    A short note names its full citation; when that citation is a bibliography entry rather than
    another note, the entry has to be a note for the short one to resolve to it.
    """
    if not page.notes or not cross_links:
        return
    notes = set(page.notes)
    added = False
    for link, target in cross_links:
        entry: LexborNode | None = target
        while entry is not None and entry.tag not in ("li", "cite", "p", "dd"):
            entry = entry.parent
        if entry is None or entry.mem_id in notes or _inside(entry, notes) is not None:
            continue
        if _inside(link, notes) is None:
            continue
        parent = entry.parent
        while entry.tag == "cite" and parent is not None and parent.tag == "li":
            entry, parent = parent, parent.parent
        if entry.mem_id in notes:
            continue
        ident = str(target.id or "")
        page.labels[entry.mem_id] = ident.removeprefix("CITEREF") or _label_of(_text(link))
        page.listed.add(entry.mem_id)
        page.notes[entry.mem_id] = entry
        notes.add(entry.mem_id)
        added = True
    if added:
        page.notes = dict(sorted(page.notes.items(), key=lambda item: _order_key(page, item[1])))


def _add_list_siblings(page: _Page) -> None:
    """A list that holds one note holds only notes: its uncited items are notes too."""
    lists: dict[int, LexborNode] = {}
    for element in page.notes.values():
        parent = element.parent
        if element.tag == "li" and parent is not None and parent.tag in ("ol", "ul"):
            lists.setdefault(parent.mem_id, parent)
    if not lists:
        return
    found = dict(page.notes)
    for parent in lists.values():
        child = parent.child
        while child is not None:
            if child.tag == "li":
                found.setdefault(child.mem_id, child)
            child = child.next
    # Keep the page's order, so labels and lines come out as the reader sees them.
    page.notes = dict(sorted(found.items(), key=lambda item: _order_key(page, item[1])))


def _order_key(page: _Page, node: LexborNode) -> int:
    offset = page.source.offset(node)
    return offset if offset is not None else 0


def _inside(node: LexborNode, containers: set[int]) -> int | None:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in containers:
            return parent.mem_id
        parent = parent.parent
    return None


def _contains(outer: LexborNode, inner: LexborNode) -> bool:
    node: LexborNode | None = inner
    ident = outer.mem_id
    while node is not None:
        if node.mem_id == ident:
            return True
        node = node.parent
    return False


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
_MARKER_GLUE = re.compile(r"^(?:[\s\[\](),;–—‐-]|and|&)*$")


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
    return node


# --------------------------------------------------------------------------- assembly


def _row_text(node: LexborNode) -> str:
    """The text of the table row whose cell holds ``node``, cell by cell; "" outside a table."""
    cell = _block_of(node)
    row = cell.parent if cell is not None and cell.tag in ("td", "th") else None
    if row is None or row.tag != "tr":
        return ""
    cells: list[str] = []
    child = row.child
    while child is not None:
        if child.tag in ("td", "th"):
            cells.append(_text(child))
        child = child.next
    return " ".join(cell for cell in cells if cell)


def _assemble(page: _Page) -> ReaderOutput:
    source = page.source
    marker_ids = {m.element.mem_id for m in page.markers}
    for marker in page.markers:
        marker_ids.add(marker.link.mem_id)
    note_ids = set(page.notes)
    # A note inside a paragraph (a sidenote) is not part of the paragraph's claim.
    claim_skip = page.skip | note_ids

    labels = _note_labels(page)
    notes: list[RawNote] = []
    for ident, element in page.notes.items():
        offset = source.offset(element)
        line, column = source.locate(offset if offset is not None else 0)
        text, hrefs = _note_text(element, page, marker_ids)
        notes.append(
            RawNote(
                labels[ident],
                line,
                _strip_label(text, labels[ident]),
                hrefs,
                column=column,
                listed=ident in page.listed,
            )
        )

    links, text_urls = _body_links(page, marker_ids, note_ids)
    blocks: dict[int, _BlockText] = {}
    link_ids = {link.mem_id for link in links}
    link_ids.update(found.node.mem_id for found in text_urls)

    def block_for(node: LexborNode) -> _BlockText | None:
        block = _block_of(node)
        if block is None:
            return None
        found = blocks.get(block.mem_id)
        if found is None:
            found = _block_text(block, marker_ids, link_ids, claim_skip)
            blocks[block.mem_id] = found
        return found

    def row_text(node: LexborNode) -> str:
        """A marker alone in a table cell supports the whole row: the row's cells' text."""
        cell = _block_of(node)
        row = cell.parent if cell is not None and cell.tag in ("td", "th") else None
        if row is None or row.tag != "tr":
            return ""
        cells: list[str] = []
        child = row.child
        while child is not None:
            if child.tag in ("td", "th"):
                found = block_for(child.child) if child.child is not None else None
                if found is not None:
                    cells.append(" ".join(found.claims.text.split()))
            child = child.next
        return " ".join(cell for cell in cells if cell)

    markers: list[RawMarker] = []
    for marker in page.markers:
        label = labels[marker.note] if marker.note is not None else _label_of(marker.text_label)
        offset = source.offset(marker.element)
        if offset is None:
            offset = source.offset(marker.link)
        line, column = source.locate(offset if offset is not None else 0)
        block = block_for(marker.element)
        sentence = ""
        if block is not None and marker.element.mem_id in block.anchors:
            sentence = block.claims.after(block.anchors[marker.element.mem_id])
        if not sentence:
            sentence = row_text(marker.element)
        markers.append(RawMarker(label, line, sentence, column))

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
        note, link_marker = body_link(number, text, href, sentence, line=line, column=column)
        notes.append(note)
        markers.append(link_marker)

    notes.sort(key=lambda n: (n.line, n.column))
    markers.sort(key=lambda m: (m.line, m.column))
    return ReaderOutput(notes, markers, page.diagnostics)


def _note_labels(page: _Page) -> dict[int, str]:
    """Each note's label as the reader sees it: its marker's text, else its list number."""
    labels: dict[int, str] = dict(page.labels)
    for marker in page.markers:
        if marker.note is not None and marker.note not in labels:
            label = _label_of(marker.text_label)
            if label:
                labels[marker.note] = label
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
        labels[ident] = label or f"note-{len(labels) + 1}"
    return labels


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


def _note_text(
    element: LexborNode, page: _Page, marker_ids: set[int]
) -> tuple[str, tuple[str, ...]]:
    """A note's plain text and the absolute URLs its links point to, backlinks left out."""
    root = element.css_first("span.reference-text") or element
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
    text = "".join(parts)
    text = _LINE_BREAK.sub("\n", visible(text)).strip()
    return text, tuple(dict.fromkeys(hrefs))


def _strip_label(text: str, label: str) -> str:
    """Drop a note's own number from its start ("[1] Smith…", "1. Smith…").

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
        if rest[:1] in (".", ")") and (len(rest) == 1 or rest[1].isspace()):
            return rest[1:].lstrip()
    return text


def _body_links(
    page: _Page, marker_ids: set[int], note_ids: set[int]
) -> tuple[list[LexborNode], list[_TextUrl]]:
    """What the body text cites outside notes and page chrome: absolute links, and URLs
    written out as text ("DHH's essay (https://world.hey.com/…) says so")."""
    fenced = _fenced(page)
    fenced.update(note_ids)
    wiki = _wiki_host(page)
    roots = _content_roots(page, fenced)
    found: list[LexborNode] = []
    for link in page.tree.css("a[href]"):
        ident = link.mem_id
        if ident in marker_ids or ident in page.backlinks:
            continue
        if _is_body_link(link, fenced, wiki, roots):
            found.append(link)
    return found, _text_urls(page, fenced | marker_ids | page.skip, roots, wiki)


@dataclass(frozen=True, slots=True)
class _TextUrl:
    node: LexborNode  # the text node
    start: int  # where the URL starts in the node's text
    raw: str  # the URL as written
    url: str  # repaired


# Elements whose text is never a citation written out: links (read as links), code, forms.
_NO_TEXT_URLS = _SKIP_TAGS | {"a", "pre", "code", "kbd", "samp", "var", "input"}
_MAY_HOLD_URL = re.compile(r"(?i)://|www\.|doi|10\.\d")


def _text_urls(
    page: _Page, fenced: set[int], roots: set[int] | None, wiki: str | None
) -> list[_TextUrl]:
    """URLs written as text in the body's prose, outside links, code and furniture."""
    tree = page.tree
    starts = (
        [node for node in tree.css(_CONTENT_SELECTOR) if node.mem_id in roots]
        if roots is not None
        else [tree.body] if tree.body is not None else []
    )
    found: list[_TextUrl] = []
    into: set[int] = set()
    for root in starts:
        for node, entering in _walk(root, into):
            tag = node.tag
            if not entering:
                continue
            if tag == "-text":
                content = node.text_content or ""
                if _MAY_HOLD_URL.search(content):
                    for start, end, url in url_spans(content):
                        if wiki is None or urlsplit(url).hostname != wiki:
                            found.append(_TextUrl(node, start, content[start:end], url))
            elif (
                tag not in _NO_TEXT_URLS
                and node.mem_id not in fenced
                and _MAY_HOLD_URL.search(node.text(deep=True))  # lexbor's text: one C call
            ):
                into.add(node.mem_id)
    return found


def _fenced(page: _Page) -> set[int]:
    """The page furniture whose links are navigation: nav, header, footer, asides, …

    An element that marks content (``<article>``, ``<main>``) is not furniture itself, whatever
    its class says ("author-page"); inside furniture (a comment's ``<article>``) it still is.
    """
    tree = page.tree
    content = {node.mem_id for node in tree.css(_CONTENT_SELECTOR)}
    fenced = {node.mem_id for node in tree.css(_CHROME_SELECTOR)} - content
    fenced.update(node.mem_id for node in tree.css("head"))
    return fenced


def _content_roots(page: _Page, fenced: set[int]) -> set[int] | None:
    """The elements that hold the page's own text, or None when the page does not say.

    ``<article>``, ``<main>`` and schema.org's ``articleBody`` mark it (not inside furniture:
    a comment's ``<article>`` is no content root); they count only when they hold at least
    half of the page's text, so a page that uses ``<article>`` for a few teaser cards beside
    its real text is not cut down to the cards.
    """
    tree = page.tree
    roots = [node for node in tree.css(_CONTENT_SELECTOR) if _inside(node, fenced) is None]
    body = tree.body
    if not roots or body is None:
        return None
    ids = {node.mem_id for node in roots}
    outermost = [node for node in roots if _inside(node, ids) is None]
    inside = sum(len(node.text(deep=True).strip()) for node in outermost)
    if inside * 2 < len(body.text(deep=True).strip()):
        return None
    return {node.mem_id for node in outermost}


def _is_body_link(
    link: LexborNode, fenced: set[int], wiki: str | None, roots: set[int] | None = None
) -> bool:
    href = _citable(_href(link))
    if href is None or link.mem_id in fenced:
        return False
    if wiki is not None and urlsplit(href).hostname == wiki:
        return False  # a wiki's link to its own articles is navigation, not a source
    text = _text(link)
    if not text:
        return False  # a linked image or icon
    if is_chrome_link_text(text) or "author" in str(link.attributes.get("rel") or ""):
        return False
    if roots is not None and link.mem_id not in roots and _inside(link, roots) is None:
        return False
    return _inside(link, fenced) is None


def _wiki_host(page: _Page) -> str | None:
    """The host of a MediaWiki page (Wikipedia, saved with absolute links), else None."""
    tree = page.tree
    generator = tree.css_first('meta[name="generator"]')
    is_wiki = generator is not None and str(generator.attributes.get("content") or "").startswith(
        "MediaWiki"
    )
    if not is_wiki and tree.css_first(".mw-parser-output") is None:
        return None
    for selector in ('link[rel="canonical"]', 'meta[property="og:url"]'):
        node = tree.css_first(selector)
        if node is not None:
            address = str(node.attributes.get("href") or node.attributes.get("content") or "")
            host = urlsplit(address).hostname
            if host:
                return host
    return None


# --------------------------------------------------------------------------- plain-text style

_SAFE_RUN = re.compile(r"[!#-%(-;=?-~][ !#-%(-;=?-~]{2,39}")
_SUP_MARKER = re.compile(r"^\s*\d{1,4}(?:\s*,\s*\d{1,4})*\s*$")


# What the DOM keeps no text of: tags, comments, doctypes, processing instructions; a tag cut
# off by the end of the page is dropped whole, as lexbor does.
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<([a-zA-Z][^\s/>]*+)"
    r"(?:\s++|/|[^\s/>=]++(?:\s*+=\s*+(?:\"[^\"]*+\"|'[^']*+'|[^\s>]++))?+|=)*+(?:>|\Z)"
    r"|</[^>]*+(?:>|\Z)|<[!?][^>]*+(?:>|\Z)",
    re.S,
)
_REFERENCE = re.compile(r"&(?:#[xX][0-9a-fA-F]++;?|#[0-9]++;?|[a-zA-Z][a-zA-Z0-9]*+;?)")
_SPECIAL = re.compile(r"[<&]")
_SPACE_RUN = re.compile(r"[ \t\n\f]+")


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
        elif tag in _SKIP_TAGS or tag is None or node.mem_id in page.skip:
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


def _read_plain_style(text: str, page: _Page) -> ReaderOutput:
    """Read a page written with ``[1]`` markers and a Notes section, rendered to text."""
    from citecheck.parse.text import read_text

    source = normalise_newlines(text)
    rendering = _render_page(page, source)
    text_notes, text_markers, diagnostics = read_text(rendering.text)

    def rendered_offset(line: int, column: int) -> int:
        starts = rendering.line_starts
        row = min(max(line, 1), len(starts)) - 1
        return starts[row] + max(column, 1) - 1

    block_ends = [end for _, end in rendering.blocks]
    regions: list[tuple[int, int]] = []
    ordered = sorted(text_notes, key=lambda n: (n.line, n.column))
    for i, note in enumerate(ordered):
        start = rendered_offset(note.line, note.column)
        if i + 1 < len(ordered):
            end = rendered_offset(ordered[i + 1].line, ordered[i + 1].column)
        else:
            at = bisect_left(block_ends, start + 1)
            end = block_ends[at] if at < len(block_ends) else len(rendering.text)
        regions.append((start, end))
    region_starts = [start for start, _ in regions]

    fenced = _fenced(page)
    wiki = _wiki_host(page)
    roots = _content_roots(page, fenced)
    note_hrefs: dict[int, list[str]] = {}
    body: list[tuple[int, LexborNode | _TextUrl]] = []

    def in_note(offset: int) -> int | None:
        region = bisect_right(region_starts, offset) - 1
        return region if region >= 0 and offset < regions[region][1] else None

    for offset, link in rendering.links:
        region = in_note(offset)
        if region is not None:
            href = _citable(_href(link))
            if href:
                note_hrefs.setdefault(region, []).append(href)
        elif _is_body_link(link, fenced, wiki, roots):
            body.append((offset, link))
    for text_url in _text_urls(page, fenced | page.skip, roots, wiki):
        node_at = rendering.text_nodes.get(text_url.node.mem_id)
        if node_at is not None and in_note(node_at + text_url.start) is None:
            body.append((node_at + text_url.start, text_url))  # the notes' URLs are their own
    body.sort(key=lambda item: item[0])

    notes: list[RawNote] = []
    for i, note in enumerate(ordered):
        line, column = _source_position(page, rendering, note.line, note.column)
        hrefs = tuple(dict.fromkeys([*note.hrefs, *note_hrefs.get(i, [])]))
        notes.append(replace(note, line=line, column=column, hrefs=hrefs))
    markers = []
    for marker in text_markers:
        line, column = _source_position(page, rendering, marker.line, marker.column)
        markers.append(RawMarker(marker.label, line, marker.sentence, column))

    block_starts = [start for start, _ in rendering.blocks]
    claims: dict[int, ClaimText] = {}
    for number, (offset, item) in enumerate(body, start=1):
        if isinstance(item, _TextUrl):
            source_offset: int | None = page.source.text_offset(item.node, item.raw)
        else:
            source_offset = page.source.offset(item)
        line, column = page.source.locate(source_offset if source_offset is not None else 0)
        sentence = ""
        block = bisect_right(block_starts, offset) - 1
        if block >= 0:
            start, end = rendering.blocks[block]
            claim = claims.get(block)
            if claim is None:
                claim = claims[block] = ClaimText(rendering.text[start:end])
            sentence = strip_text_markers(claim.around(offset - start))
        if isinstance(item, _TextUrl):
            text_of_link, href = item.raw, item.url
        else:
            text_of_link = link_note_text(_text(item), str(item.attributes.get("title") or ""))
            href = _citable(_href(item)) or ""
            if sentence == " ".join(text_of_link.split()):
                sentence = strip_text_markers(_row_text(item)) or sentence
        note, link_marker = body_link(
            number, text_of_link, href, sentence, line=line, column=column
        )
        notes.append(note)
        markers.append(link_marker)

    notes.sort(key=lambda n: (n.line, n.column))
    markers.sort(key=lambda m: (m.line, m.column))
    return ReaderOutput(notes, markers, [*page.diagnostics, *diagnostics])
