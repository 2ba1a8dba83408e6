"""The check stage's handling of credentials that ride in cited URLs: it *strips* them.

A reason, a final URL or a redirect target the check stage produces never shows the
``user:password@`` of a URL; it is removed outright (:func:`strip_userinfo_url`,
:func:`strip_userinfo_text`). Reports go further and *mask* what is left, secret-named query
values too, with ``***`` (:mod:`citecheck.report.scrub`), using :data:`USERINFO` from here.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

#: ``scheme://userinfo@``, the scheme in group 1: everything of the authority up to its *last*
#: ``@`` (a password may hold an unescaped ``@``: ``http://user:SEC@RET@host/``). The authority
#: ends at "/", "?", "#" or a space, so "https://medium.com/@user" is left alone.
#: No word boundary is required before the scheme: "xhttp://user:pw@host" must not escape it.
USERINFO = re.compile(r"(?i)([a-z][a-z0-9+.\-]*://)[^/?#\s]*@")


def strip_userinfo_url(url: str) -> str:
    """The URL without its ``user:password@`` part; safe to print, log or put in a reason.

    Works on strings that do not parse as URLs too (a regular expression strips anything that
    looks like ``scheme://userinfo@``), so a malformed URL cannot leak what it carries.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return strip_userinfo_text(url)
    if "@" not in parts.netloc:
        return strip_userinfo_text(url)
    netloc = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def strip_userinfo_text(text: str) -> str:
    """Free text (an exception message, a reason) with every ``scheme://user:pass@`` stripped."""
    return USERINFO.sub(r"\1", text) if "@" in text else text
