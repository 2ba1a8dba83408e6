"""The one HTTP client of a run, made in one place.

Redirects are *not* followed by httpx: :mod:`citecheck.check.fetch` follows them itself so it
can record the chain and put every hop's host through the private-address guard.

Cookies: the client's own jar refuses every cookie, so no state leaks from one cited URL to
another (a result must not depend on which URL happened to be fetched first); each fetch keeps
its own jar across its redirect chain instead, which is what cookie-gated redirects need.
"""

from __future__ import annotations

import ssl
from http.cookiejar import CookieJar, DefaultCookiePolicy

import httpx

from citecheck import __version__
from citecheck.models import CheckOptions

__all__ = ["ACCEPT", "DEFAULT_USER_AGENT", "make_client"]

DEFAULT_USER_AGENT = f"citecheck/{__version__} (+https://example.invalid/citecheck)"
# What a browser asks for: some servers answer a bare "*/*" with an API error or a 406.
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
# The body decoder in fetch.py bounds its *output*; it knows exactly these two.
ACCEPT_ENCODING = "gzip, deflate"


def make_client(
    options: CheckOptions, *, verify: ssl.SSLContext | bool = True
) -> httpx.AsyncClient:
    """The run's :class:`httpx.AsyncClient`; the caller closes it (``async with``).

    ``verify`` replaces the system trust store (tests pass a context trusting a throwaway CA).
    """
    connections = max(1, options.concurrency)
    return httpx.AsyncClient(
        http2=True,
        follow_redirects=False,
        verify=verify,
        trust_env=True,  # HTTP(S)_PROXY / NO_PROXY: CI runners often sit behind a proxy
        cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
        limits=httpx.Limits(
            max_connections=connections,
            max_keepalive_connections=connections,
            keepalive_expiry=5.0,
        ),
        # Per-operation limits; the hard per-URL deadline is enforced around them in fetch.py.
        timeout=httpx.Timeout(options.timeout, connect=min(options.timeout, 10.0)),
        headers={
            "User-Agent": options.user_agent or DEFAULT_USER_AGENT,
            "Accept": ACCEPT,
            "Accept-Language": "en-US,en;q=0.9,*;q=0.5",
            "Accept-Encoding": ACCEPT_ENCODING,
        },
    )
