"""``$GITHUB_TOKEN``, sent to GitHub and nowhere else.

Unauthenticated requests to github.com and api.github.com are rate-limited hard (60 an hour for
the API), so a CI run citing many GitHub pages fails with 429s. When the token is set, it goes
as ``Authorization: Bearer …`` to exactly those hosts (their per-host settings), unless the user
configured an Authorization header for them. The fetcher drops credential headers on a redirect
to another host, so a redirect cannot carry the token elsewhere. The value is a
:class:`~citecheck.settings.files.Secret`: its repr is masked.
"""

from __future__ import annotations

from dataclasses import replace

from citecheck.models import CheckOptions, HostSettings
from citecheck.settings.files import Secret

GITHUB_HOSTS = ("github.com", "api.github.com")


def with_github_token(options: CheckOptions, token: str | None) -> CheckOptions:
    """``options`` whose GitHub hosts send ``token`` (unchanged when there is none)."""
    if not token or not token.strip():
        return options
    hosts = dict(options.hosts)
    for host in GITHUB_HOSTS:
        current = hosts.get(host, HostSettings())
        if any(name.lower() == "authorization" for name, _ in current.headers):
            continue  # the user's own header wins
        header = ("Authorization", Secret(f"Bearer {token.strip()}"))
        hosts[host] = replace(current, headers=(*current.headers, header))
    return replace(options, hosts=tuple(hosts.items()))
