"""Body links: a link in running text is its own entry (``link-1``, ``link-2``, …).

Which links count (:func:`is_citable_href`, :func:`is_chrome_link_text`) and how one becomes a
note with its claim (:func:`body_link`) is decided here, once, for every reader.
"""

from __future__ import annotations

from collections.abc import Iterable

from citecheck.parse.base import RawMarker, RawNote
from citecheck.parse.deferred import regex

__all__ = [
    "body_link", "is_chrome_link_text", "is_citable_href", "is_titled_link", "link_address",
    "link_note_text",
]

_CITABLE = regex(r"(?i)(?:https?|ftp)://[^\s/?#]|doi:\s*10\.")
# "Share this on …" buttons: a link that posts the page somewhere cites nothing.
_SHARE_INTENT = regex(
    r"(?i)^[a-z]+://(?:[\w-]+\.)*(?:"
    r"(?:twitter|x)\.com/(?:intent/|share\b)|facebook\.com/(?:sharer|share\.php|dialog/share)"
    r"|linkedin\.com/(?:sharearticle|sharing/|cws/share)|reddit\.com/submit"
    r"|api\.whatsapp\.com/send|wa\.me/\?|t\.me/share|pinterest\.[a-z.]+/pin/create"
    r"|news\.ycombinator\.com/submitlink|bsky\.app/intent/|threads\.net/intent/"
    r"|[\w.-]+/share\?(?:text|url)=)|[?&]action=share\b"
)
# What every _SHARE_INTENT match holds, lower-cased: a literal test that clears most links. (Not
# for non-ASCII links: there the pattern's case folding matches "ſ" for "s".)
_SHARE_WORDS = ("shar", "intent/", "submit", "send", "wa.me/", "pin/create")
# What a link says when it is a site's button, not a source ("Sign in", "Share", "12 responses").
_CHROME_LINK_TEXT = regex(
    r"(?i)^(?:subscribe(?: now)?|sign (?:in|up)|log ?in|log out|follow|share(?: this)?|clap|"
    r"reply|like|comments?|\d+ (?:comments?|responses?|replies)|privacy(?: policy)?|terms"
    r"(?: of (?:service|use))?|help|status|start writing|write|home|menu|back to top|"
    r"skip to (?:main )?content|read more|continue reading|next|previous|newer|older)$"
)


def is_chrome_link_text(text: str) -> bool:
    """Whether a link's text is a site's button ("Subscribe now", "Sign in", "12 responses")."""
    return _CHROME_LINK_TEXT.match(" ".join(text.split())) is not None


# A link target that is a web host written without its scheme: "www.github.com/libigl/libigl".
_WWW_TARGET = regex(r"(?i)www\d{0,3}\.[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?=[/?#:]|$)")


def link_address(href: str) -> str:
    """A link's target as its writer meant it: ``www.github.com/x`` (a host whose scheme was
    left out, which a browser would take for a path on the page's own site) is
    ``https://www.github.com/x``; any other target is returned as it is."""
    target = href.strip()
    if target[:3].lower() == "www" and _WWW_TARGET.match(target):
        return "https://" + target
    return href


def is_citable_href(href: str) -> bool:
    """Whether a link target can be a cited source: an absolute http(s)/ftp URL or a DOI.

    Relative links, fragments and ``mailto:``/``javascript:`` targets point inside the document
    or at no source at all.
    """
    href = href.strip()
    if _CITABLE.match(href) is None:
        return False
    if href.isascii():
        lower = href.lower()
        if not any(word in lower for word in _SHARE_WORDS):
            return True
    return _SHARE_INTENT.search(href) is None


# Targets that lead to no document: the page itself, mail, scripts, telephones.
_NO_DOCUMENT = regex(r"(?i)^\s*(?:#|mailto:|javascript:|tel:|data:|$)")


def is_titled_link(text: str, links: Iterable[tuple[str, str]]) -> bool:
    """Whether a note's whole ``text`` is the title of one of its ``links`` (shown text,
    target) to a document: "`ZIP 200: Network Upgrade Mechanism <zip-0200.rst>`_",
    "[Zcash Protocol Specification](protocol/protocol.pdf)". Such a note cites that document
    (a full citation), whether its target is an absolute URL or a path relative to the page;
    a link to a place in the page, a mail address or a script cites nothing.
    """
    links = [(title, href) for title, href in links if abs(len(title) - len(text)) <= 16]
    if not links:  # (most notes: no link whose words are about as long as the note's)
        return False
    shown = " ".join(text.split()).rstrip(".").strip()
    if len(shown.split()) < 2 or not any(map(str.isalpha, shown)):
        return False
    return any(
        " ".join(title.split()).rstrip(".").strip() == shown and not _NO_DOCUMENT.match(href)
        for title, href in links
    )


def link_note_text(text: str, title: str) -> str:
    """A body link's note text: its words, then its ``title`` attribute when that adds any."""
    title = " ".join(title.split())
    if title and title != text:
        return f"{text} — {title}" if text else title
    return text


def body_link(
    number: int, text: str, href: str, sentence: str, *, line: int, column: int,
    file: str | None = None,
) -> tuple[RawNote, RawMarker]:
    """The ``number``-th body link as an inline note (``link-N``) and the marker citing it.

    The note is always a full citation of ``href``; the marker carries the sentence the link
    sits in as its claim. ``file``: the file it is written in, when not the document itself.
    """
    label = f"link-{number}"
    note = RawNote(label, line, text, hrefs=(href,), column=column, inline=True, file=file)
    return note, RawMarker(label, line, sentence, column, file=file)
