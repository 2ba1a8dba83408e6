"""Small questions about DOM nodes: text, classes, links, the block or table row holding one."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import parse_qsl, urlsplit

from selectolax.lexbor import LexborNode

from citecheck.parse.deferred import regex
from citecheck.parse.inline import is_citable_href, link_address

_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
        "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
        "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_LABEL_BRACKETS = regex(r"^[\[(]\s*|\s*[\])]$")
_REDIRECTOR = regex(
    r"(?i)^https?://(?:www\.google\.[a-z.]+/url\?|l\.facebook\.com/l\.php\?"
    r"|[a-z0-9.-]+\.safelinks\.protection\.outlook\.com/)"
)


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
    if "&amp;" in href:
        # Escaped twice by the page's generator (Blackfriday's "&amp;amp;"): a query never
        # means a literal "&amp;".
        href = href.replace("&amp;", "&")
    if href.startswith("//") and len(href) > 2:
        href = "https:" + href  # protocol-relative: a network address, not a page path
    href = link_address(href)
    if not is_citable_href(href):
        return None
    wrapped = _REDIRECTOR.match(href)
    if wrapped:
        for key, value in parse_qsl(urlsplit(href).query):
            if key in ("q", "u", "url") and is_citable_href(value):
                return value
    # Wikipedia's doi.org/10.1371%2Fjournal… stays as written: the address the reader follows.
    # Its DOI is read with the escape decoded (parse.urls.doi_of), so the link text
    # "doi:10.1371/journal…" is the same source, not a second one.
    return href


def _inside(node: LexborNode, containers: set[int]) -> int | None:
    if not containers:
        return None  # nothing to be inside: no walk up to the root
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


# --------------------------------------------------------------------------- assembly


def _row_text(node: LexborNode, cell_text: Callable[[LexborNode], str] | None = None) -> str:
    """The text of the table row whose cell holds ``node``, cell by cell; "" outside a table.

    A marker or link alone in a table cell supports the whole row. ``cell_text`` gives one
    cell's text (default: all of its text).
    """
    cell = _block_of(node)
    row = cell.parent if cell is not None and cell.tag in ("td", "th") else None
    if row is None or row.tag != "tr":
        return ""
    text_of = cell_text or _text
    cells: list[str] = []
    child = row.child
    while child is not None:
        if child.tag in ("td", "th"):
            cells.append(text_of(child))
        child = child.next
    return " ".join(cell for cell in cells if cell)
