"""Body links and URLs written in body text: which count as sources, fenced page chrome aside."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborNode

from citecheck.parse.deferred import regex
from citecheck.parse.html.blocks import _SKIP_TAGS
from citecheck.parse.html.dom import _citable, _href, _inside, _text, _walk
from citecheck.parse.html.page import _Page
from citecheck.parse.inline import is_chrome_link_text, link_address
from citecheck.parse.urls import url_spans

# Page furniture: links here are navigation, not citations.
_CHROME_SELECTOR = ", ".join(
    (
        "nav", "header", "footer", "aside", "[role=navigation]", "[role=banner]",
        "[role=contentinfo]", "[role=complementary]", "[role=search]", ".navbox",
        ".vertical-navbox", ".sidebar", ".toc", "#toc", ".breadcrumb", ".breadcrumbs", ".menu",
        ".widget", ".sharedaddy", ".sharing", ".share", ".social", ".comments", "#comments",
        ".comment-list", ".comments-area", "#respond", ".printfooter", ".catlinks",
        ".mw-editsection", ".noprint", ".navigation", ".navbar", ".site-header",
        ".site-footer", ".post-navigation", ".related-posts", ".hatnote",
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


def _by_attribute(selectors: str) -> dict[str | None, str]:
    """A selector list grouped by the attribute an element needs to match each selector
    (``class`` for ``.toc``, ``role`` for ``[role=search]``; None for a tag name).

    Lexbor tries every selector of a list on every element (0.4 ms a selector on a 3 MB page):
    a page none of whose elements has, say, a class attribute is asked only the others.
    """
    groups: dict[str | None, list[str]] = {}
    for selector in selectors.split(", "):
        needs: str | None = None
        if selector.startswith((".", "[class")):
            needs = "class"
        elif selector.startswith(("#", "[id")):
            needs = "id"
        elif selector.startswith("["):
            needs = re.split(r"[=*~|^$\]]", selector[1:], maxsplit=1)[0]
        groups.setdefault(needs, []).append(selector)
    return {needs: ", ".join(group) for needs, group in groups.items()}


_CHROME_BY_ATTRIBUTE = _by_attribute(_CHROME_SELECTOR)
# Where a page's own text is, when it says so: links outside are the site's, not the author's.
_CONTENT_SELECTOR = "[itemprop=articleBody], article, main, [role=main]"


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
_MAY_HOLD_URL = regex(r"(?i)://|www\.|doi|10\.\d")
_DOI_NUMBER = regex(r"10\.\d")


def _may_hold_url(text: str) -> bool:
    """``_MAY_HOLD_URL.search(text)``, by literal scans: an element's whole text is tested at
    each level of the walk into it, and a case-insensitive alternation is the slowest way.

    Exact: only "W" lower-cases to "w" and "D", "O" to "d", "o"; the pattern's case folding
    also takes "ı" for "i" (lower-casing "İ" gives "i" and a combining dot).
    """
    if "://" in text:
        return True
    lower = text.lower()
    if "www." in lower or "doi" in lower or "doı" in lower:
        return True
    return "10." in text and _DOI_NUMBER.search(text) is not None


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
                if _may_hold_url(content):
                    for start, end, url in url_spans(content):
                        if wiki is None or not _on_host(url, wiki):
                            found.append(_TextUrl(node, start, content[start:end], url))
            elif (
                tag not in _NO_TEXT_URLS
                and node.mem_id not in fenced
                and _may_hold_url(node.text(deep=True))  # lexbor's text: one C call
            ):
                into.add(node.mem_id)
    return found


def _fenced(page: _Page) -> set[int]:
    """The page furniture whose links are navigation: nav, header, footer, asides, … (a
    ``<footer>`` that attributes a ``<blockquote>`` is the quote's, not furniture).

    An element that marks content (``<article>``, ``<main>``) is not furniture itself, whatever
    its class says ("author-page"); inside furniture (a comment's ``<article>``) it still is.
    """
    tree = page.tree
    content = {node.mem_id for node in tree.css(_CONTENT_SELECTOR)}
    groups = [selectors for needs, selectors in _CHROME_BY_ATTRIBUTE.items()
              if needs is None or tree.css_first(f"[{needs}]") is not None]
    fenced = {node.mem_id for node in tree.css(", ".join(groups))} - content
    if fenced:
        # A quotation's attribution ('<blockquote>…<footer><a href="…">Tufte, forum post</a>
        # </footer></blockquote>') is the writer's source for the quote, not the page's footer.
        fenced -= {node.mem_id for node in tree.css("blockquote > footer")}
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


# Link relations that mark a blog's taxonomy links (microformats' rel-tag, WordPress's
# rel="category tag"): navigation to other posts of the site.
_TAXONOMY_REL = frozenset({"tag", "category"})


def _is_body_link(
    link: LexborNode, fenced: set[int], wiki: str | None, roots: set[int] | None = None
) -> bool:
    href = _citable(_href(link))
    if href is None or link.mem_id in fenced or _inside(link, fenced) is not None:
        # Furniture or a note (a note's own links are its sources), asked first: on a page of
        # notes most links are in one, and the other tests read the link's text.
        return False
    if wiki is not None and _on_host(href, wiki):
        return False  # a wiki's link to its own articles is navigation, not a source
    text = _text(link)
    if not text:
        return False  # a linked image or icon
    rel = str(link.attributes.get("rel") or "").lower()
    if is_chrome_link_text(text) or "author" in rel:
        return False
    if _TAXONOMY_REL.intersection(rel.split()):
        return False  # rel="tag", rel="category tag": the site's index of posts, not a source
    return roots is None or link.mem_id in roots or _inside(link, roots) is not None


def _on_host(url: str, host: str) -> bool:
    """Whether ``url``'s host is ``host`` (lower-case, as ``urlsplit`` gives it).

    A link whose lower-cased text does not hold the host cannot be on it: most of a wiki's
    links to other sites are told so without ``urlsplit`` (pure Python, a few µs a link). Only
    for ASCII text, where lower-casing the whole is lower-casing each part.
    """
    if url.isascii() and host not in url.lower():
        return False
    return urlsplit(url).hostname == host


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


# A relative link's form: a path, not a fragment of this page, a scheme or a network path.
_RELATIVE = regex(r"^(?![a-zA-Z][a-zA-Z0-9+.-]*:|//|#)\S")


def _page_address(page: _Page) -> str | None:
    """The address a saved page states for itself: ``<base href>``, ``<link rel=canonical>``
    or ``og:url``, when absolute http(s); None when it does not say (never guessed)."""
    tree = page.tree
    for selector, key in (("base[href]", "href"), ('link[rel="canonical"]', "href"),
                          ('meta[property="og:url"]', "content")):
        node = tree.css_first(selector)
        address = str(node.attributes.get(key) or "").strip() if node is not None else ""
        if urlsplit(address).scheme in ("http", "https") and urlsplit(address).hostname:
            return address
    return None


def _resolve_relative_links(page: _Page) -> None:
    """Make a saved page's relative links (``/suttas/AN/AN7_58.html``) absolute against the
    address the page states, as the browser that showed it did: they are checkable then.

    A wiki's relative links lead to its own articles, navigation not sources: left alone. So
    are a page's links to itself (``#note1``). The tree changes only in these ``href``
    attributes; a link without an ``id`` is then placed in the source by its order among links.
    """
    address = _page_address(page)
    if address is None or _wiki_host(page) is not None:
        return
    page_itself = address.partition("#")[0]
    for link in page.tree.css("a[href]"):
        href = str(link.attributes.get("href") or "").strip()
        if not _RELATIVE.match(href) or link_address(href) != href:
            continue  # "www.x.org/a" is a host whose scheme was left out, not a path here
        absolute = urljoin(address, href)
        if absolute.partition("#")[0] != page_itself:
            link.attrs["href"] = absolute
