"""Fetch one URL into :class:`FetchFacts`: redirects followed by hand, a bounded body, retries,
and one hard deadline around all of it.

Everything that can go wrong on the network becomes a :class:`FailureKind` and a human detail,
once (:mod:`citecheck.check.failures`), with the lower layer's cause kept in the words
(``"TLS: certificate has expired"``). Nothing raises past :func:`fetch` except bugs.

Why by hand:

* **Redirects** are followed here, not by httpx, to record every hop, to put every hop's host
  through the private-address guard, and to tell a loop from a cookie gate (a URL that sets a
  cookie and redirects to itself expecting it back). A loop is the same URL requested twice
  with the same cookies; anything else that goes on too long is "too many redirects".
* **The body** is read raw and decompressed with an output bound (:mod:`citecheck.check.body`).
* **The deadline** is an ``asyncio`` timeout around attempts, redirects, waits between retries
  and body reads alike: httpx's timeouts are per operation, so a server that sends its status
  line one byte a second would never trip them.
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import re
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin, urlsplit

import httpx
from httpx._urlparse import ParseResult

from citecheck.check.body import kept_headers, read_prefix
from citecheck.check.client import send_get
from citecheck.check.credentials import strip_userinfo_text, strip_userinfo_url
from citecheck.check.failures import describe_error
from citecheck.check.hosts import doi_target
from citecheck.check.netguard import HostGuard
from citecheck.check.retry import Sleep, with_retries
from citecheck.models import CheckOptions, FailureKind, FetchFacts, Hop

__all__ = [
    "REDIRECT_STATUSES", "HopHeaders", "doi_target", "fetch", "parse_url",
]

#: The credentials-bearing headers for one hop's address (a host's configured headers).
HopHeaders = Callable[[str], Mapping[str, str]]

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


# ----------------------------------------------------------------------------- URLs


def parse_url(url: str) -> httpx.URL | tuple[FailureKind, str]:
    """``url`` parsed for requesting it (once per hop), or why it cannot be (pure).

    No scheme, no host, a bad port or a malformed host name → INVALID_URL; a scheme other
    than http(s) → UNSUPPORTED.
    """
    text = url.strip()
    simple = _simple_url(text)
    if simple is not None:
        return simple
    try:
        parts = urlsplit(text)
        scheme = parts.scheme.lower()
        if not scheme or (not parts.netloc and scheme in ("http", "https")):
            return FailureKind.INVALID_URL, "invalid URL: no host"
        if scheme not in ("http", "https"):
            return FailureKind.UNSUPPORTED, f"unsupported scheme: {scheme}"
        host = parts.hostname
        port = parts.port
    except ValueError:
        return FailureKind.INVALID_URL, "invalid URL: bad port or host"
    if not host:
        return FailureKind.INVALID_URL, "invalid URL: no host"
    if port is not None and not 0 < port < 65536:
        return FailureKind.INVALID_URL, f"invalid URL: bad port {port}"
    if not _valid_host(host):
        return FailureKind.INVALID_URL, "invalid URL: malformed host name"
    try:
        return httpx.URL(text)
    except (httpx.InvalidURL, ValueError) as exc:  # idna errors are ValueErrors too
        return FailureKind.INVALID_URL, strip_userinfo_text(f"invalid URL: {exc}")


# The shape of nearly every cited URL, in the characters httpx's parser leaves as they are:
# http(s), a host name or IPv4 address, a port, a path, a query and a fragment of URL-safe
# ASCII (no space, quote, angle bracket, backtick, brace; no user-info). httpx's parser
# (``httpx.URL(text)``: a dozen regular expressions and a pass per character, about as much
# CPU per URL as aiohttp's request) would return these components unchanged, so they are
# put together here; anything else goes through httpx.
_SAFE = r"A-Za-z0-9\-._~!$&'()*+,;=:@%"
_SIMPLE = re.compile(
    rf"(https?)://([A-Za-z0-9.-]+)(?::([0-9]{{1,5}}))?(/[{_SAFE}/]*)?"
    rf"(?:\?([{_SAFE}/?]*))?(?:#([{_SAFE}/?]*))?",
    re.ASCII,
)
_IPV4_SHAPED = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+", re.ASCII)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _simple_url(text: str) -> httpx.URL | None:
    """``httpx.URL(text)`` built from its components when ``text`` has the simple shape
    (see ``_SIMPLE``) and names a valid host and port; None for the general way."""
    return None if _PARSED is None else _built(_PARSED, text)


def _built(parts: type[ParseResult], text: str) -> httpx.URL | None:
    found = _SIMPLE.fullmatch(text)
    if found is None:
        return None
    scheme, host, port_text, path, query, fragment = found.groups()
    path = path or ""
    if "/." in path:  # a dot segment, which httpx removes
        return None
    port = int(port_text) if port_text is not None else None
    if port is not None and not 0 < port < 65536:
        return None
    host = host.lower()
    if not _valid_host(host):
        return None
    if _IPV4_SHAPED.fullmatch(host):
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            return None
    parsed = httpx.URL.__new__(httpx.URL)
    parsed._uri_reference = parts(
        scheme, "", host, None if port == _DEFAULT_PORTS[scheme] else port, path, query,
        fragment,
    )
    return parsed


def _components() -> type[ParseResult] | None:
    """httpx's parsed-URL tuple, if httpx still keeps a URL as one (checked on a sample)."""
    sample = "http://Example.org:80/a/b;c?d=e/f?#g"
    try:
        built = _built(ParseResult, sample)
        same = built is not None and str(built) == str(httpx.URL(sample)) and (
            built._uri_reference == httpx.URL(sample)._uri_reference
        )
    except Exception:  # any change in httpx: its own parser, always
        same = False
    return ParseResult if same else None


@functools.lru_cache(maxsize=4096)  # pure, and a run asks about the same few hosts again and again
def _valid_host(host: str) -> bool:
    if ":" in host:  # an IPv6 literal; urlsplit already checked its brackets
        try:
            socket.inet_pton(socket.AF_INET6, host.split("%", 1)[0])
        except OSError:
            return False
        return True
    try:
        ascii_host = host.rstrip(".").encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.split(".")
    # Underscores are not in the host-name grammar but real hosts use them; anything else
    # outside letters, digits and hyphens (a space, a quote) is a mangled URL.
    return all(label and all(c.isalnum() or c in "-_" for c in label) for label in labels)


_PARSED = _components()  # after _valid_host, which it uses


def _normal(url: httpx.URL) -> str:
    """A URL's request identity (no fragment), for loop detection.

    httpx percent-encodes a ``#`` anywhere but before the fragment, so cutting the normalised
    text at its first ``#`` is ``copy_with(fragment=None)`` without parsing the URL again.
    """
    return str(url).partition("#")[0]


# ----------------------------------------------------------------------------- fetch


@dataclass
class _Progress:
    """What the current attempt has seen, for reporting when the deadline cuts it off."""

    chain: list[Hop] = field(default_factory=list)
    current: str | None = None
    status: int | None = None
    headers: tuple[tuple[str, str], ...] = ()


_CookieState = frozenset[tuple[str, str | None, str, str]]


def _cookie_state(jar: httpx.Cookies | None) -> _CookieState:
    if jar is None:
        return frozenset()
    return frozenset((c.name, c.value, c.domain, c.path) for c in jar.jar)


@dataclass
class _Walk:
    """One attempt's way along a redirect chain: where it is, where it has been, its cookies."""

    url: str  # as cited
    target: str  # the first address requested (a doi.org link rewritten through doi_base)
    current: str
    hop: httpx.URL  # ``current``, parsed (once per hop)
    chain: list[Hop] = field(default_factory=list)
    jar: httpx.Cookies | None = None  # made when a response sets a cookie: few ever do
    seen: set[tuple[str, _CookieState]] = field(default_factory=set)
    secure: bool = False  # some hop so far was https: never send credentials over http after it

    def shown(self, address: str) -> str:
        """How an address is reported: the rewritten DOI address stands for the cited URL."""
        return self.url if address == self.target else address

    def visit(self) -> None:
        """Remember the current address with the cookies it is requested with."""
        self.seen.add((_normal(self.hop), _cookie_state(self.jar)))

    def headers(self, base: Mapping[str, str], for_hop: HopHeaders | None) -> dict[str, str]:
        """The headers of the request to the current address.

        ``base`` goes everywhere (User-Agent, --header), but a credential in it only to the
        first URL's origin (:func:`hop_headers`); a host's own headers, which may carry
        credentials, go only to that host, and never over plain http once the chain has been
        on https (a downgrade), as browsers and curl treat ``Authorization`` across origins.
        """
        headers = dict(hop_headers(self.target, self.current, base))
        secure = self.hop.scheme == "https"
        if for_hop is not None and (secure or not self.secure):
            headers.update(for_hop(self.current))
        self.secure = self.secure or secure
        return headers

    def failed(self, kind: FailureKind, detail: str) -> FetchFacts:
        """The facts of an attempt that ended here without a final response."""
        return FetchFacts(
            url=self.url,
            final_url=self.shown(self.current) if self.chain else None,
            chain=tuple(self.chain),
            failure=kind,
            failure_detail=strip_userinfo_text(detail),
        )


# Headers that carry credentials: never sent on to another host (as browsers and requests do).
_CREDENTIAL_HEADER = re.compile(
    r"authorization|cookie|token|secret|password|api[-_]?key|session|credential|auth",
    re.IGNORECASE,
)


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


def hop_headers(first: str, current: str, headers: Mapping[str, str]) -> Mapping[str, str]:
    """The headers for one hop: all of them on the first URL's origin (an http → https upgrade
    of the same host included); elsewhere, none that carries a credential."""
    if current == first:  # the cited URL itself: nearly every request
        return headers
    scheme, host, port = _origin(first)
    hop_scheme, hop_host, hop_port = _origin(current)
    same = host == hop_host and (
        (scheme, port) == (hop_scheme, hop_port)
        or (scheme == "http" and hop_scheme == "https" and port in (None, 80)
            and hop_port in (None, 443))
    )
    if same:
        return headers
    return {name: value for name, value in headers.items()
            if not _CREDENTIAL_HEADER.search(name)}


async def _send(
    client: httpx.AsyncClient, walk: _Walk, headers: Mapping[str, str]
) -> httpx.Response | FetchFacts:
    """The streamed response for the current address, or why none came (translated once, here)."""
    try:
        return await send_get(client, walk.hop, headers, walk.jar)
    except httpx.HTTPError as exc:
        return walk.failed(*describe_error(exc))


def _keep_cookies(walk: _Walk, response: httpx.Response) -> None:
    """The response's cookies into the fetch's own jar (made on the first one)."""
    if "set-cookie" in response.headers:
        if walk.jar is None:
            walk.jar = httpx.Cookies()
        walk.jar.extract_cookies(response)


def _follow(walk: _Walk, status: int, location: str, max_redirects: int) -> FetchFacts | None:
    """Record a redirect and move to its target; the facts instead when the chain ends here.

    It ends at a target that cannot be fetched (a malformed ``Location`` is the server's
    protocol error), past ``max_redirects``, and at an address already requested with the same
    cookies (a loop; a cookie gate redirecting to itself with a new cookie is not one).
    """
    walk.chain.append(Hop(url=walk.shown(walk.current), status=status, location=location))
    following = urljoin(walk.current, location)
    parsed = parse_url(following)
    if isinstance(parsed, tuple):
        kind = FailureKind.PROTOCOL if parsed[0] is FailureKind.INVALID_URL else parsed[0]
        return walk.failed(kind, f"redirect to {strip_userinfo_url(following)}: {parsed[1]}")
    if len(walk.chain) > max_redirects:
        return walk.failed(
            FailureKind.TOO_MANY_REDIRECTS, f"too many redirects (more than {max_redirects})"
        )
    if (_normal(parsed), _cookie_state(walk.jar)) in walk.seen:
        hops = f"{len(walk.chain)} hop" + ("s" if len(walk.chain) > 1 else "")
        return walk.failed(FailureKind.REDIRECT_LOOP, f"redirect loop after {hops}")
    walk.current, walk.hop = following, parsed
    return None


async def _final(
    walk: _Walk, response: httpx.Response, max_body_bytes: int, progress: _Progress
) -> FetchFacts:
    """The facts of the response that ends the chain: status, headers, a bounded body's page."""
    from citecheck.check.page import page_facts  # see runner.ANSWER_MODULES

    kept = kept_headers(response.headers)
    progress.status, progress.headers = response.status_code, kept
    body = await read_prefix(response, max_body_bytes)
    content_type = response.headers.get("content-type")
    page = page_facts(body.data, content_type, truncated=body.truncated) if body.readable else None
    return FetchFacts(
        url=walk.url,
        final_url=walk.shown(walk.current),
        status=response.status_code,
        chain=tuple(walk.chain),
        headers=kept,
        page=page,
    )


async def _attempt(
    client: httpx.AsyncClient,
    url: str,
    *,
    target: str,
    first: httpx.URL,
    options: CheckOptions,
    headers: Mapping[str, str],
    hop_headers: HopHeaders | None,
    guard: HostGuard,
    progress: _Progress,
) -> FetchFacts:
    """One attempt: the request, its redirects (every hop's host guarded) and the final body."""
    walk = _Walk(url=url, target=target, current=target, hop=first)
    progress.chain = walk.chain
    progress.status = None
    progress.headers = ()
    while True:
        progress.current = walk.shown(walk.current)
        if not guard.allow_private:
            refusal = await guard.check(walk.hop.raw_host.decode("ascii"))
            if refusal is not None:
                return walk.failed(refusal.kind, refusal.detail)
        walk.visit()
        response = await _send(client, walk, walk.headers(headers, hop_headers))
        if isinstance(response, FetchFacts):
            return response
        try:
            _keep_cookies(walk, response)
            location = response.headers.get("location", "").strip()
            if response.status_code not in REDIRECT_STATUSES or not location:
                return await _final(walk, response, options.max_body_bytes, progress)
            ended = _follow(walk, response.status_code, location, options.max_redirects)
            if ended is not None:
                return ended
        finally:
            await response.aclose()


def _timed_out(url: str, progress: _Progress, seconds: float) -> FetchFacts:
    """The facts of a fetch the deadline cut off: whatever the last attempt had seen."""
    where = " reading the body" if progress.status is not None else ""
    return FetchFacts(
        url=url,
        final_url=progress.current if progress.chain else None,
        status=progress.status,
        chain=tuple(progress.chain),
        headers=progress.headers,
        failure=FailureKind.TIMEOUT,
        failure_detail=f"timed out after {seconds:.3g} s{where}",
    )


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    options: CheckOptions,
    *,
    deadline: float | None = None,
    headers: Mapping[str, str] | None = None,
    hop_headers: HopHeaders | None = None,
    guard: HostGuard | None = None,
    retries: int | None = None,
    sleep: Sleep = asyncio.sleep,
    parsed: httpx.URL | None = None,
) -> FetchFacts:
    """Fetch ``url`` (following redirects, retrying) into facts; never raises for network trouble.

    ``deadline`` is an absolute ``loop.time()`` (default: now + ``options.timeout``) by which
    the whole fetch, retries and waits included, ends; ``headers`` are extra request headers
    sent on every hop (User-Agent); ``hop_headers`` gives, for each hop's address, the headers
    configured for that hop's host (credentials: sent to no other host, and not over http after
    https); ``guard`` is the run's shared private-address guard; ``retries``
    overrides ``options.retries`` (the soft-404 probe is not retried); ``sleep`` is awaited
    between attempts; ``parsed`` is ``url`` as :func:`parse_url` gave it, when the caller
    already asked (a URL is parsed once).
    """
    loop = asyncio.get_running_loop()
    start = loop.time()
    end = start + options.timeout if deadline is None else deadline
    checked = parsed if parsed is not None else parse_url(url)
    if isinstance(checked, tuple):
        return FetchFacts(url=url, failure=checked[0], failure_detail=checked[1])
    guard = guard if guard is not None else HostGuard(options.allow_private)
    target = doi_target(url.strip(), options.doi_base)
    first = checked if target == url.strip() else parse_url(target)
    if isinstance(first, tuple):  # a --doi-base that makes no URL
        return FetchFacts(url=url, failure=first[0], failure_detail=f"{target}: {first[1]}")
    progress = _Progress()
    attempts = 0
    answered: FetchFacts | None = None  # the last attempt that got an HTTP response

    async def attempt() -> FetchFacts:
        nonlocal attempts, answered
        attempts += 1
        facts = await _attempt(
            client,
            url,
            target=target,
            first=first,
            options=options,
            headers=headers or {},
            hop_headers=hop_headers,
            guard=guard,
            progress=progress,
        )
        if facts.status is not None:
            answered = facts
        return facts

    try:
        async with asyncio.timeout_at(end):
            facts = await with_retries(
                attempt,
                retries=options.retries if retries is None else retries,
                retry_after_cap=options.retry_after_cap,
                remaining=lambda: end - loop.time(),
                sleep=sleep,
            )
    except TimeoutError:
        # A retry that ran out of time after the server did answer reports that answer.
        seconds = max(0.0, end - start)
        facts = answered if answered is not None else _timed_out(url, progress, seconds)
    elapsed_ms = int((loop.time() - start) * 1000)
    return replace(facts, elapsed_ms=elapsed_ms, attempts=max(1, attempts))
