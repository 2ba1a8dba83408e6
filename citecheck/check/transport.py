"""httpx's interface over aiohttp's connection pool: the transport of direct connections.

Why not httpx's own transport: httpcore 1.0's one shared pool scans every connection for every
request (``_assign_requests_to_connections``), which was half of citecheck's CPU at 2,000 URLs;
aiohttp's connector keys its pool by origin. Measured on loopback (2,000 URLs, 50 hosts, 100 ms,
see ``benchmarks/RESULTS.md``): one httpx client 6.06 s CPU, a httpcore pool per origin 1.33 s,
httpx over this transport 1.04 s. aiohttp speaks HTTP/1.1 only.

What it keeps from citecheck's contract:

* **The private-address guard.** Names are resolved by the run's :class:`HostGuard` (one
  lookup per host per run, every address vetted) and aiohttp connects to exactly the addresses
  it returns; an IP literal, which aiohttp never hands to a resolver, is vetted here.
* **No decompression, no cookies, no redirects, no proxies**: :mod:`citecheck.check.fetch`
  reads the raw body through its bounded decoder, keeps a jar per fetch, follows redirects hop
  by hop; proxies from the environment are httpx's own transports, mounted beside this one.
* **httpx's exceptions**, translated once here with the lower cause kept, so
  :mod:`citecheck.check.failures` describes them as it describes httpx's: a dropped
  connection is a :class:`httpx.RemoteProtocolError`, not a timeout.
"""

from __future__ import annotations

import re
import socket
import ssl
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

import httpx
from yarl import URL

# aiohttp itself, imported without the CA loads of its unused default contexts (see aio).
from citecheck.check.aio import AbstractResolver, ResolveResult, aiohttp
from citecheck.check.failures import causes
from citecheck.check.netguard import (
    HostGuard,
    PrivateAddressError,
    Refusal,
    literal_refusal,
)
from citecheck.models import FailureKind

__all__ = ["AiohttpTransport"]

_BYTES = re.compile(r"""^b(['"])(.*)\1$""")
# Real pages send long Set-Cookie and Content-Security-Policy lines; aiohttp's default bound
# (8,190 bytes) would make them protocol errors where browsers and h11 read them.
_MAX_HEADER_LINE = 65536


class _Refused(OSError):
    """The guard's refusal, raised from the resolver (aiohttp wraps a resolver's OSError)."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.detail)
        self.refusal = refusal


class _GuardResolver(AbstractResolver):
    """aiohttp's resolver: the run's :class:`HostGuard` resolution, vetted and cached."""

    def __init__(self, guard: HostGuard) -> None:
        self._guard = guard

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        found = await self._guard.addresses(host)
        if isinstance(found, Refusal):
            if found.kind is FailureKind.PRIVATE:
                raise _Refused(found)
            raise socket.gaierror(socket.EAI_NONAME, found.detail)
        return [
            ResolveResult(
                hostname=host,
                host=str(address),
                port=port,
                family=socket.AF_INET6 if address.version == 6 else socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST | socket.AI_NUMERICSERV,
            )
            for address in found
            if family in (socket.AF_UNSPEC, 0) or family == (
                socket.AF_INET6 if address.version == 6 else socket.AF_INET)
        ]

    async def close(self) -> None:
        return None


def _connect_error(exc: aiohttp.ClientConnectorError) -> httpx.HTTPError:
    """A failed connection → :class:`httpx.ConnectError` caused by what really failed."""
    for cause in causes(exc.os_error):
        if isinstance(cause, _Refused):
            error = httpx.ConnectError(cause.refusal.detail)
            error.__cause__ = PrivateAddressError(cause.refusal)
            return error
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        error = httpx.ConnectError(str(exc.certificate_error))
        error.__cause__ = exc.certificate_error
        return error
    error = httpx.ConnectError(str(exc.os_error) or str(exc))
    error.__cause__ = exc.os_error
    return error


def _parser_message(message: str) -> str:
    """aiohttp's parser error in h11's words: ``illegal status line: HTTP/1.1 two hundred OK``.

    llhttp says ``Bad status line:\n  Invalid status code:\n\n  b'...'\n  ^``: a kind, a
    reason, the offending bytes and a caret; one line is what a report row has room for.
    """
    lines = [line.strip() for line in message.splitlines() if line.strip() not in ("", "^")]
    if len(lines) < 2:
        return message.strip()
    words = [line.rstrip(":") for line in lines]
    data = _BYTES.sub(lambda m: m.group(2), words[-1])
    if words[0].lower() == "bad status line":
        return f"illegal status line: {data}"
    return ": ".join([words[0], *(w.lower() for w in words[1:-1]), data])


def translate(exc: BaseException, request: httpx.Request) -> BaseException:
    """An aiohttp (or socket) failure → the httpx exception httpx's own transport would raise.

    Anything else (cancellation, bugs) is returned unchanged, to be re-raised as it is.
    """
    error: httpx.HTTPError
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        error = httpx.ConnectTimeout("timed out connecting")
    elif isinstance(exc, aiohttp.ServerTimeoutError | TimeoutError):
        error = httpx.ReadTimeout("timed out waiting for the server")
    elif isinstance(exc, aiohttp.ClientConnectorError):
        error = _connect_error(exc)
    elif isinstance(exc, aiohttp.ServerDisconnectedError):
        error = httpx.RemoteProtocolError("Server disconnected without sending a response.")
    elif isinstance(exc, aiohttp.ClientPayloadError):
        error = httpx.RemoteProtocolError(
            f"peer closed connection without sending complete message body: {exc}"
        )
    elif isinstance(exc, aiohttp.ClientResponseError):  # an unparsable status line or header
        error = httpx.RemoteProtocolError(_parser_message(exc.message or str(exc)))
    elif isinstance(exc, ssl.SSLError):
        error = httpx.ConnectError(str(exc))
    elif isinstance(exc, aiohttp.ClientOSError | OSError):
        error = httpx.ReadError(str(exc) or type(exc).__name__)
    elif isinstance(exc, aiohttp.InvalidURL):
        error = httpx.UnsupportedProtocol(f"invalid URL: {exc}")
    elif isinstance(exc, aiohttp.ClientError):
        error = httpx.RemoteProtocolError(str(exc) or type(exc).__name__)
    else:
        return exc
    error.request = request
    if error.__cause__ is None:
        error.__cause__ = exc
    return error


#: Makes the :class:`httpx.Request` a direct GET was sent without, when something asks for it.
RequestOf = Callable[[], httpx.Request]


class _Body(httpx.AsyncByteStream):
    """The raw (still compressed) body, as aiohttp hands it over; failures translated."""

    def __init__(self, response: aiohttp.ClientResponse, request: RequestOf) -> None:
        self._response = response
        self._request = request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._response.content.iter_any():
                yield chunk
        except Exception as exc:
            translated = translate(exc, self._request())
            if translated is exc:
                raise
            raise translated from translated.__cause__

    async def aclose(self) -> None:
        # Read to the end: the connection returns to the pool; cut short: it is closed.
        self._response.release()


class _Response(httpx.Response):
    """An httpx response whose :attr:`request` is made the first time it is asked for.

    :meth:`AiohttpTransport.get` sends a GET without building an :class:`httpx.Request`
    (its headers, URL and extensions cost as much CPU as aiohttp's own request); the few
    readers of ``response.request`` (a cookie jar, an error) get the same request
    :func:`~citecheck.check.client.send_get` would have built.
    """

    def __init__(self, *args: Any, request_of: RequestOf, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._request_of = request_of

    @property
    def request(self) -> httpx.Request:
        if self._request is None:
            self._request = self._request_of()
        return self._request

    @request.setter
    def request(self, value: httpx.Request) -> None:
        self._request = value

    async def aiter_raw(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        """httpx's :meth:`~httpx.Response.aiter_raw` for chunks as they come (no
        ``chunk_size``), read straight from aiohttp: the same chunks (empty ones skipped), the
        same translated errors, the response closed at the end, without three layers of
        generators, a chunker and a context manager per body."""
        stream = self.stream
        if chunk_size is not None or not isinstance(stream, _Body):
            async for chunk in super().aiter_raw(chunk_size):
                yield chunk
            return
        if self.is_stream_consumed:
            raise httpx.StreamConsumed()
        if self.is_closed:
            raise httpx.StreamClosed()
        self.is_stream_consumed = True
        self._num_bytes_downloaded = 0
        try:
            async for chunk in stream._response.content.iter_any():
                if chunk:
                    self._num_bytes_downloaded += len(chunk)
                    yield chunk
        except Exception as exc:
            translated = translate(exc, self.request)
            if translated is exc:
                raise
            raise translated from translated.__cause__
        await self.aclose()


class AiohttpTransport(httpx.AsyncBaseTransport):
    """An httpx transport whose requests one :class:`aiohttp.ClientSession` sends.

    ``guard`` resolves and vets every host (its :attr:`HostGuard.allow_private` decides whether
    private addresses are refused); ``verify`` is the TLS context; ``connections`` bounds the
    connections overall and ``per_host`` per origin (redirect targets included, which the
    runner's per-host gates do not see). The session is made on first use, inside the loop.
    """

    def __init__(
        self,
        guard: HostGuard,
        *,
        verify: ssl.SSLContext,
        connections: int,
        per_host: int,
        keepalive: float = 5.0,
    ) -> None:
        self.guard = guard
        self._verify = verify
        self._connections = max(1, connections)
        self._per_host = max(1, per_host)
        self._keepalive = keepalive
        self._session: aiohttp.ClientSession | None = None
        self._timeouts: dict[tuple[Any, ...], aiohttp.ClientTimeout] = {}
        self._literals: dict[str, Refusal | None] = {}

    def _open(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(
            ssl=self._verify,
            limit=self._connections,
            limit_per_host=self._per_host,
            keepalive_timeout=self._keepalive,
            resolver=_GuardResolver(self.guard),
            ttl_dns_cache=None,  # the guard caches for the run; aiohttp need not ask again
        )
        session = aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),
            auto_decompress=False,
            trust_env=False,  # proxies are httpx's transports, mounted beside this one
            skip_auto_headers=("User-Agent", "Accept", "Accept-Encoding"),
            max_line_size=_MAX_HEADER_LINE,
            max_field_size=_MAX_HEADER_LINE,
        )
        # aiohttp resends an idempotent request once when a reused connection drops; citecheck
        # counts its attempts itself (retry.py), and a resetting server must see each once.
        # No public switch exists: the private flag is checked, so an upgrade fails loudly.
        if not isinstance(getattr(session, "_retry_connection", None), bool):
            raise RuntimeError("aiohttp's session has changed: cannot turn off its retry")
        session._retry_connection = False
        return session

    def _literal_refusal(self, host: str) -> Refusal | None:
        """:func:`literal_refusal`, once per host of the run (hosts repeat; parsing costs)."""
        try:
            return self._literals[host]
        except KeyError:
            refusal = self._literals[host] = literal_refusal(host, self.guard.allow_private)
            return refusal

    def _timeout(self, connect: float | None, read: float | None) -> aiohttp.ClientTimeout:
        key = (connect, read)
        timeout = self._timeouts.get(key)
        if timeout is None:
            # The wait for a free connection is bounded by the fetch's own deadline.
            timeout = aiohttp.ClientTimeout(
                total=None, connect=None, sock_connect=connect, sock_read=read
            )
            self._timeouts[key] = timeout
        return timeout

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request``; the response's body streams from the open aiohttp response."""
        given = request.extensions.get("timeout", {})
        body = await request.aread()
        return await self._send(
            request.method,
            request.url,
            # The raw pairs: their case as given (multi_items() lowercases the names).
            [(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw],
            body=body,
            timeout=self._timeout(given.get("connect"), given.get("read")),
            request_of=lambda: request,
        )

    async def get(
        self,
        url: httpx.URL,
        headers: Sequence[tuple[str, str]],
        timeout: httpx.Timeout,
        request_of: RequestOf,
    ) -> httpx.Response:
        """A GET of ``url`` with exactly ``headers`` (``Host`` included), no request object.

        What :meth:`handle_async_request` does with the request ``request_of`` makes; that
        request is made only if something asks the response (or an error) for it.
        """
        return await self._send(
            "GET", url, headers, body=b"",
            timeout=self._timeout(timeout.connect, timeout.read), request_of=request_of,
        )

    async def _send(
        self,
        method: str,
        address: httpx.URL,
        headers: Sequence[tuple[str, str]],
        *,
        body: bytes,
        timeout: aiohttp.ClientTimeout,
        request_of: RequestOf,
    ) -> httpx.Response:
        # aiohttp hands no IP literal to a resolver: the guard's rule is applied here.
        refusal = None if self.guard.allow_private else self._literal_refusal(address.host)
        if refusal is not None:
            error = httpx.ConnectError(refusal.detail, request=request_of())
            raise error from PrivateAddressError(refusal)
        if self._session is None:
            self._session = self._open()
        url = URL(str(address), encoded=True)
        if url.user is not None or url.password is not None:
            url = url.with_user(None)  # httpx already sent them as an Authorization header
        try:
            response = await self._session.request(
                method,
                url,
                headers=headers,
                data=body or None,
                allow_redirects=False,
                timeout=timeout,
            )
        except Exception as exc:
            translated = translate(exc, request_of())
            if translated is exc:
                raise
            raise translated from translated.__cause__
        return _Response(
            status_code=response.status,
            headers=list(response.raw_headers),
            stream=_Body(response, request_of),
            extensions={
                "http_version": b"HTTP/1.1",
                "reason_phrase": (response.reason or "").encode("latin-1", "replace"),
            },
            request_of=request_of,
        )

    async def aclose(self) -> None:
        """Close every pooled connection."""
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()

