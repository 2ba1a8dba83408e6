"""The one HTTP client of a run, made in one place.

Redirects are *not* followed by httpx: :mod:`citecheck.check.fetch` follows them itself so it
can record the chain and put every hop's host through the private-address guard.

Cookies: the client's own jar refuses every cookie, so no state leaks from one cited URL to
another (a result must not depend on which URL happened to be fetched first); each fetch keeps
its own jar across its redirect chain instead, which is what cookie-gated redirects need.

Direct connections go through :class:`~citecheck.check.transport.AiohttpTransport` (chosen
by measurement, see its module), which connects only to addresses the run's
:class:`~citecheck.check.netguard.HostGuard` resolved and, unless ``--allow-private``, vetted.
Connections to a proxy from ``HTTP(S)_PROXY`` do not: the proxy is the user's own explicit
configuration. :class:`PinnedTransport` (httpx's transport over the pinning httpcore backend)
is the measured fallback, kept with its tests.
"""

from __future__ import annotations

import ssl
from base64 import b64encode
from collections.abc import Mapping
from http.cookiejar import CookieJar, DefaultCookiePolicy

import httpcore
import httpx

from citecheck import __version__
from citecheck.check.netguard import HostGuard
from citecheck.check.transport import AiohttpTransport
from citecheck.models import CheckOptions

__all__ = [
    "ACCEPT", "DEFAULT_USER_AGENT", "PinnedTransport", "guard_of", "make_client", "send_get",
]

DEFAULT_USER_AGENT = f"citecheck/{__version__} (+https://example.invalid/citecheck)"
# What a browser asks for: some servers answer a bare "*/*" with an API error or a 406.
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
# The body decoder in fetch.py bounds its *output*; it knows exactly these two.
ACCEPT_ENCODING = "gzip, deflate"


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport for direct connections, its connections made by ``backend``.

    httpx (0.28) has no public way to give its transport an httpcore network backend, while
    httpcore's connection pool takes one as a public argument. So the transport is httpx's
    own (its request/response conversion and exception mapping, which the check stage's error
    descriptions depend on, stay httpx's), and only the pool it built is replaced by one made
    with httpcore's public constructor and the same settings. Reimplementing the transport
    would copy httpx internals; poking the backend into the pool's private attribute would
    touch httpcore's. The one private name used, ``_pool``, is checked: if an httpx upgrade
    changes it, making a client fails loudly instead of silently connecting unguarded.
    """

    def __init__(
        self,
        backend: httpcore.AsyncNetworkBackend,
        *,
        verify: ssl.SSLContext,
        http2: bool,
        limits: httpx.Limits,
    ) -> None:
        super().__init__(verify=verify, http2=http2, limits=limits)
        if not isinstance(getattr(self, "_pool", None), httpcore.AsyncConnectionPool):
            raise RuntimeError("httpx's transport has changed: cannot pin connections")
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=verify,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=http2,
            network_backend=backend,
        )


def make_client(
    options: CheckOptions,
    *,
    verify: ssl.SSLContext | bool = True,
    guard: HostGuard | None = None,
) -> httpx.AsyncClient:
    """The run's :class:`httpx.AsyncClient`; the caller closes it (``async with``).

    ``verify`` replaces the system trust store (tests pass a context trusting a throwaway CA);
    ``guard`` is the run's private-address guard (default: a new one), whose one resolution per
    host the direct connections use (see :func:`guard_of`).
    """
    connections = max(1, options.concurrency)
    limits = httpx.Limits(
        max_connections=connections,
        max_keepalive_connections=connections,
        keepalive_expiry=5.0,
    )
    # One context for every transport (direct and proxies), built as httpx would build it.
    # HTTP/1.1 only: the direct transport is aiohttp's, and a proxy transport advertising h2
    # through ALPN on the shared context would make servers pick a protocol aiohttp lacks.
    context = httpx.create_ssl_context(verify=verify, trust_env=True)
    client = httpx.AsyncClient(
        http2=False,
        follow_redirects=False,
        verify=context,
        trust_env=True,  # HTTP(S)_PROXY / NO_PROXY: CI runners often sit behind a proxy
        cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
        limits=limits,
        # Per-operation limits; the hard per-URL deadline is enforced around them in fetch.py.
        timeout=httpx.Timeout(options.timeout, connect=min(options.timeout, 10.0)),
        headers={
            "User-Agent": options.user_agent or DEFAULT_USER_AGENT,
            "Accept": ACCEPT,
            "Accept-Language": "en-US,en;q=0.9,*;q=0.5",
            "Accept-Encoding": ACCEPT_ENCODING,
        },
    )
    # Not ``transport=``: given one, httpx drops the proxies it reads from the environment.
    # The client's default transport serves every URL no proxy takes (NO_PROXY included);
    # it is replaced before any connection is made. The private name is checked, as above.
    # send_get asks the client which transport a URL takes (``_transport_for_url``).
    direct = getattr(client, "_transport", None)
    if not isinstance(direct, httpx.AsyncHTTPTransport) or not callable(
        getattr(client, "_transport_for_url", None)
    ):
        raise RuntimeError("httpx's client has changed: cannot replace its transport")
    per_host = max([options.per_host, *(s.concurrency or 0 for _, s in options.hosts)])
    client._transport = AiohttpTransport(
        guard if guard is not None else HostGuard(options.allow_private),
        verify=context,
        connections=connections,
        per_host=per_host,
    )
    return client


def guard_of(client: httpx.AsyncClient) -> HostGuard | None:
    """The guard whose resolutions ``client``'s direct connections use, if it was made here.

    The runner's pre-check shares it, so a host name is looked up once per run and every
    connection goes to an address the pre-check vetted.
    """
    transport = getattr(client, "_transport", None)
    return transport.guard if isinstance(transport, AiohttpTransport) else None


def _basic(url: httpx.URL) -> str:
    """The Basic credentials httpx derives from a URL's user-info (UTF-8, as httpx encodes)."""
    token = b64encode(f"{url.username}:{url.password}".encode()).decode("ascii")
    return f"Basic {token}"


#: (the client's default headers, a fetch's headers) → the two merged as send_get merges them,
#: and as the name-value pairs the direct transport sends. A run has a handful of such pairs
#: (the User-Agent, --header, a host's own headers); merging them per request cost as much CPU
#: as building the request.
_MERGED: dict[
    tuple[tuple[tuple[bytes, bytes], ...], tuple[tuple[str, str], ...]],
    tuple[httpx.Headers, list[tuple[str, str]]],
] = {}
_MERGED_LIMIT = 256


def _merged(
    client: httpx.AsyncClient, headers: Mapping[str, str]
) -> tuple[httpx.Headers, list[tuple[str, str]]]:
    """The client's default headers with ``headers`` over them (remembered; never mutated)."""
    key = (tuple(client.headers.raw), tuple(headers.items()))
    found = _MERGED.get(key)
    if found is None:
        merged = httpx.Headers(client.headers)
        merged.update(headers)
        pairs = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in merged.raw]
        if len(_MERGED) >= _MERGED_LIMIT:
            _MERGED.clear()
        found = _MERGED[key] = (merged, pairs)
    return found


async def send_get(
    client: httpx.AsyncClient,
    url: httpx.URL,
    headers: Mapping[str, str],
    cookies: httpx.Cookies | None = None,
) -> httpx.Response:
    """One GET of ``url``, its body still streaming, with no redirect followed.

    :mod:`citecheck.check.fetch` follows redirects, keeps cookies and reads bodies itself, so
    :meth:`httpx.AsyncClient.send`'s auth, redirect, cookie-jar and event-hook machinery did
    nothing for it but cost as much CPU as the transport itself (``benchmarks/RESULTS.md``).
    What of it matters is done here: the client's default headers under ``headers``, Basic
    credentials from the URL's user-info (which win, as httpx's do), ``cookies`` (a fetch's
    own jar), the client's timeouts, and the transport the client picks for the URL (a proxy's
    from the environment, or the direct one); httpx raises what it would raise.

    The direct transport is handed the request's headers as pairs, ``Host`` first as httpx
    puts it, and no :class:`httpx.Request` (see :meth:`AiohttpTransport.get`); a URL with
    user-info or a fetch with cookies takes the general way.
    """
    merged, pairs = _merged(client, headers)

    def request() -> httpx.Request:
        full = merged
        if url.username or url.password:
            full = httpx.Headers(merged)
            full["Authorization"] = _basic(url)
        built = httpx.Request(
            "GET", url, headers=full, extensions={"timeout": client.timeout.as_dict()}
        )
        if cookies:
            cookies.set_cookie_header(built)
        return built

    # make_client checked that httpx's client still has this method.
    transport = client._transport_for_url(url)
    if isinstance(transport, AiohttpTransport) and not cookies and not (
        url.username or url.password
    ):
        if "host" not in merged:  # httpx's own Host header, first (Request._prepare)
            pairs = [("Host", url.netloc.decode("latin-1")), *pairs]
        return await transport.get(url, pairs, client.timeout, request)
    made = request()
    response = await transport.handle_async_request(made)
    response.request = made
    return response
