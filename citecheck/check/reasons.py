"""The words of a verdict's reason: short, human, and never carrying a URL's credentials.

Shared by the rules (:mod:`citecheck.check.classify`) and the wall detectors
(:mod:`citecheck.check.walls`), so that every reason names a status, a place or a page's
words the same way.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from citecheck.check.credentials import strip_userinfo_text, strip_userinfo_url
from citecheck.models import FetchFacts

__all__ = ["clean_detail", "display_url", "final_url", "http_reason", "quoted", "short_place"]

# Phrases only where the bare number would puzzle a reader.
_PHRASES = {
    400: "Bad Request",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    408: "Request Timeout",
    410: "Gone",
    429: "Too Many Requests",
    451: "Unavailable For Legal Reasons",
    999: "(bot block)",
}

_MAX_DETAIL = 160
_MAX_QUOTE = 80


def display_url(url: str) -> str:
    """A URL fit for a reason or a report: credentials (``user:pass@``) removed."""
    return strip_userinfo_url(url)


def clean_detail(text: str) -> str:
    """Collapse whitespace, drop credentials, cap the length of a human detail."""
    text = strip_userinfo_text(" ".join(text.split()))
    return text if len(text) <= _MAX_DETAIL else text[: _MAX_DETAIL - 1].rstrip() + "…"


def quoted(text: str) -> str:
    """Page words in a reason: whitespace collapsed, capped, in curly quotes."""
    text = " ".join(text.split())
    if len(text) > _MAX_QUOTE:
        text = text[: _MAX_QUOTE - 1].rstrip() + "…"
    return f"“{text}”"


def http_reason(status: int) -> str:
    """"HTTP 404", or with a phrase where the bare number would puzzle: "HTTP 410 Gone"."""
    phrase = _PHRASES.get(status)
    return f"HTTP {status} {phrase}" if phrase else f"HTTP {status}"


def final_url(facts: FetchFacts) -> str:
    """Where the fetch ended: the last URL of its redirect chain, else the cited URL."""
    return facts.final_url or facts.url


def short_place(target: str, origin: str) -> str:
    """A short name for a redirect target: its path on the same host, else host + path."""
    t, o = urlsplit(target), urlsplit(origin)
    path = t.path or "/"
    if (t.hostname or "").lower() == (o.hostname or "").lower():
        return path
    return f"{(t.hostname or '').lower()}{path}"
