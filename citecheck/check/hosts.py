"""Which host a URL is requested from (doi.org links through ``--doi-base``) and which of the
configured host sections applies to it.

Apart from the runner and the fetch so that what only needs the answer (the results cache's
keys, splitting hosts over workers and shards) does not load the HTTP stack with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from citecheck.models import HostSettings

__all__ = ["doi_target", "host_settings"]

_DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/")


def doi_target(url: str, doi_base: str) -> str:
    """The URL actually requested for ``url``: doi.org links go through ``doi_base``."""
    lower = url.lower()
    for prefix in _DOI_PREFIXES:
        if lower.startswith(prefix):
            return doi_base.rstrip("/") + "/" + url[len(prefix) :]
    return url


_DEFAULT = HostSettings()


def host_settings(url: str, hosts: Iterable[tuple[str, HostSettings]]) -> HostSettings:
    """The settings for a URL's host: exact ``host:port`` first, then the longest host-name
    suffix on a dot boundary (``example.org`` matches ``www.example.org``, not ``badexample.org``).
    """
    if hosts == ():  # no host has settings of its own: every URL asks, nothing to look up
        return _DEFAULT
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    best: tuple[int, HostSettings] | None = None
    for raw, settings in hosts:
        pattern = raw.strip().rstrip(".").lower()
        if port is not None and pattern == f"{host}:{port}":
            return settings
        matches = bool(pattern) and (host == pattern or host.endswith("." + pattern))
        if matches and (best is None or len(pattern) > best[0]):
            best = (len(pattern), settings)
    return best[1] if best else _DEFAULT
