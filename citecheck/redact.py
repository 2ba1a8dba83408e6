"""Keeping credentials that ride in cited URLs out of everything citecheck prints or writes.

One module for every stage. The check stage *strips* ``user:password@`` from the URLs and
reasons it produces (:func:`redact_url`, :func:`redact_text`); the report stage *masks* them, and
secret-named query values too, with ``***`` (:func:`mask_secrets`), so a reader sees that
something was there.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

MASK = "***"

# userinfo cannot contain "/", "?", "#" or "@", so "https://medium.com/@user" is left alone.
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^/?#\s@]*@")
# Query/fragment parameters whose values are credentials by name (signed S3 URLs included).
_SECRET_PARAM = re.compile(
    r"(?i)([?&;#](?:[a-z0-9_.\-]*(?:token|secret|passw(?:or)?d|api[_\-]?key|signature|credential|"
    r"session(?:id)?)|key|sig|auth|pwd|code)=)[^&#;\s\"'<>]+"
)


def redact_url(url: str) -> str:
    """The URL without its ``user:password@`` part; safe to print, log or put in a reason.

    Works on strings that do not parse as URLs too (a regular expression strips anything that
    looks like ``scheme://userinfo@``), so a malformed URL cannot leak what it carries.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return redact_text(url)
    if "@" not in parts.netloc:
        return redact_text(url)
    netloc = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def redact_text(text: str) -> str:
    """Free text (an exception message, a reason) with every ``scheme://user:pass@`` stripped."""
    return _USERINFO.sub(r"\1", text) if "@" in text else text


def mask_secrets(text: str) -> str:
    """``text`` with URL user-info and secret-named query values replaced by ``***``."""
    # Most strings hold neither "@" nor "="; checking first keeps 10,000-note reports fast.
    if "@" in text:
        text = _USERINFO.sub(rf"\1{MASK}@", text)
    if "=" in text:
        text = _SECRET_PARAM.sub(rf"\1{MASK}", text)
    return text
