"""The results cache's key: the normalised URL plus everything that can change its verdict.

Two checks of one URL may only share a result when they would have been made the same way, so
the key hashes the URL with the timeouts, user agent, headers, private-address rule, accepted
statuses, redirect limit, probe and DOI resolver in force for it, and the title the note cites
(drift is judged against it). Only the digest is stored: headers may carry tokens.
"""

from __future__ import annotations

import hashlib
import json
from urllib.parse import urlsplit, urlunsplit

from citecheck.check.hosts import host_settings
from citecheck.models import CheckOptions


def normalise_url(url: str) -> str:
    """The URL as a cache sees it: scheme and host lower-cased, default port and fragment
    dropped, an empty path written ``/``."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    if port is not None and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    if parts.username is not None or parts.password is not None:
        userinfo = parts.netloc.rsplit("@", 1)[0]
        host = f"{userinfo}@{host}"
    return urlunsplit((scheme, host, parts.path or "/", parts.query, ""))


def _digest(value: object) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def url_key(url: str) -> str:
    """The history's key for a URL (its normalised form, hashed)."""
    return _digest(normalise_url(url))


def result_key(url: str, cited_title: str | None, options: CheckOptions) -> str:
    """The results cache's key for checking ``url`` under ``options``."""
    host = host_settings(url, options.hosts)
    return _digest({
        "url": normalise_url(url),
        "title": cited_title,
        "timeout": host.timeout or options.timeout,
        "retries": options.retries,
        "user_agent": host.user_agent or options.user_agent,
        "headers": sorted([list(pair) for pair in host.headers]),
        "accept": sorted(host.accept),
        # --accept and -H apply to every host: a 403 cached as blocked is live under --accept 403.
        "accept_everywhere": sorted(options.accept),
        "headers_everywhere": sorted([list(pair) for pair in options.headers]),
        "allow_private": options.allow_private,
        "max_redirects": options.max_redirects,
        "max_body_bytes": options.max_body_bytes,
        "probe": options.soft404_probe,
        "doi_base": options.doi_base,
    })
