"""A bounded body prefix → :class:`PageFacts` (title, og:title, first h1, visible text).

Pure: bytes in, facts out. The fetcher has already cut the body at its bound, so a page whose
``</title>`` lies beyond the bound simply has no title; lexbor is tolerant of the truncated
markup that leaves.
"""

from __future__ import annotations

import codecs
import re

from selectolax.lexbor import LexborHTMLParser

from citecheck.models import PageFacts

__all__ = ["TEXT_LIMIT", "decode_body", "media_type", "page_facts", "refresh_target"]

TEXT_LIMIT = 20_000  # visible characters kept: enough for similarity and phrase checks
_TITLE_LIMIT = 500

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
# Elements whose content a reader never sees as prose.
_INVISIBLE = ["script", "style", "noscript", "template", "svg", "head"]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_:.-]+)""", re.I)
_LOOKS_HTML = re.compile(
    rb"^\s*(<!doctype\s+html|<html|<head|<body|<title|<!--|<meta|<div|<p\b)", re.I
)


def media_type(content_type: str | None) -> str | None:
    """``"text/html; charset=utf-8"`` → ``"text/html"``; None when absent or empty."""
    if not content_type:
        return None
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind or None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_body(body: bytes, content_type: str | None) -> str:
    """Body bytes → text, by BOM, then the header's charset, then ``<meta charset>``, then UTF-8.

    Undecodable bytes are replaced: a page with one bad byte still has a title.
    """
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if body.startswith(bom):
            return body[len(bom) :].decode(name, errors="replace")
    header = _CHARSET.search(content_type or "")
    codec = _codec(header.group(1)) if header else None
    if codec is None:
        meta = _META_CHARSET.search(body[:4096])
        codec = _codec(meta.group(1).decode("ascii")) if meta else None
    return body.decode(codec or "utf-8", errors="replace")


def _squash(text: str | None, limit: int) -> str | None:
    if text is None:
        return None
    text = " ".join(text.split())
    return text[:limit] or None


def _is_html(kind: str | None, body: bytes) -> bool:
    if kind in _HTML_TYPES:
        return True
    # Servers that send no type mostly send HTML; sniff only then, never override a real type.
    return kind is None and bool(_LOOKS_HTML.match(body[:1024]))


def page_facts(body: bytes, content_type: str | None, *, truncated: bool = False) -> PageFacts:
    """What a reader (and the classifier) sees in a body prefix.

    HTML gives title, og:title, first h1, visible text (scripts, styles, templates and the
    head left out) and whether a password field is present; plain text gives its text; any
    other type (PDF, images) only its content type.
    """
    kind = media_type(content_type)
    if _is_html(kind, body):
        return _html_facts(decode_body(body, content_type), content_type, truncated)
    if kind in _TEXT_TYPES:
        text = _squash(decode_body(body, content_type), TEXT_LIMIT) or ""
        return PageFacts(content_type=content_type, text=text, truncated=truncated)
    return PageFacts(content_type=content_type, truncated=truncated)


def _html_facts(html: str, content_type: str | None, truncated: bool) -> PageFacts:
    # Elements by tag name, not CSS: a CSS query costs ten times as much on lexbor, and the
    # first one on a tree more still (about as much as parsing a small page).
    tree = LexborHTMLParser(html)
    titles = tree.tags("title")
    title_node = next((t for t in titles if t.parent is not None and t.parent.tag == "head"),
                      titles[0] if titles else None)
    title = _squash(title_node.text(), _TITLE_LIMIT) if title_node else None
    og_title = None
    refresh = None
    for meta in tree.tags("meta"):
        attrs = meta.attributes
        if og_title is None and (
            (attrs.get("property") or attrs.get("name") or "").lower() == "og:title"
        ):
            og_title = _squash(attrs.get("content"), _TITLE_LIMIT)
            # An empty og:title is still the first one: no later one is looked for.
            og_title = og_title if og_title is not None else ""
        if refresh is None and "http-equiv" in attrs and (
            (attrs.get("http-equiv") or "").strip().lower() == "refresh"
        ):
            refresh = refresh_target(attrs.get("content") or "") or ""
    h1_nodes = tree.tags("h1")
    h1 = _squash(h1_nodes[0].text(separator=" "), _TITLE_LIMIT) if h1_nodes else None
    password = any(
        (node.attributes.get("type") or "").strip().lower() == "password"
        for node in tree.tags("input")
    )
    tree.strip_tags(_INVISIBLE)
    body = tree.body
    text = _squash(body.text(separator=" "), TEXT_LIMIT) if body is not None else None
    return PageFacts(
        content_type=content_type,
        title=title,
        og_title=og_title or None,
        h1=h1,
        text=text or "",
        has_password_field=password,
        truncated=truncated,
        refresh=refresh or None,
    )


_REFRESH = re.compile(r"""(?is)^\s*(\d+(?:\.\d*)?)?\s*[;,]?\s*(?:url\s*=\s*)?(['"]?)(.*?)\2\s*$""")
# A refresh later than this is a page that reloads itself, not a redirect a reader sees.
REFRESH_DELAY_LIMIT = 10.0


def refresh_target(content: str) -> str | None:
    """The URL a ``<meta http-equiv="refresh" content="0; url=/">`` sends a reader to, or None.

    Only a refresh within :data:`REFRESH_DELAY_LIMIT` seconds that names a URL counts; the
    URL is returned as written (relative to the page).
    """
    found = _REFRESH.match(content)
    if found is None or not found.group(3).strip():
        return None
    delay = float(found.group(1) or 0)
    if delay > REFRESH_DELAY_LIMIT:
        return None
    return found.group(3).strip()
