"""The private-address guard: cited URLs must not probe the network citecheck runs on.

A document can cite any URL, including ones that point into the network the checker runs on
(``http://10.0.0.5/admin``, ``http://localhost:8080``, a public name that resolves to
``169.254.169.254``). Fetching those from a CI runner would turn citecheck into a probe of the
runner's own network, so unless the user passed ``--allow-private`` a host is refused when it
*is or resolves to* an address that is not globally routable. Two layers do this:

* :class:`HostGuard`, before each request (every redirect hop included), resolves the host
  once per run and refuses it early; its answers (refused, does not resolve) are the facts the
  runner reasons with, e.g. whether DNS works at all on this machine.
* At connect time the client's transport (:mod:`citecheck.check.transport`) takes a name's
  addresses from the *same* cached resolution and connects only to them, never to the name;
  an IP literal is vetted there too. The address checked is the address connected to, and a
  DNS server that answers a public address to the first lookup and ``127.0.0.1`` to the next
  (DNS rebinding) is never asked twice. TLS still verifies the original host name.
  :class:`PinnedBackend` does the same for httpcore (the fallback transport,
  :class:`~citecheck.check.client.PinnedTransport`), resolving again at connect time.

Connections to an HTTP(S) proxy the user configured (``HTTP(S)_PROXY``) are the user's own
explicit choice and are not refused; the proxy resolves target names itself, which only the
first layer, on names, can check.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import anyio
import httpcore

from citecheck.models import FailureKind

__all__ = [
    "HostGuard",
    "PinnedBackend",
    "PrivateAddressError",
    "Refusal",
    "Resolution",
    "check_host",
    "is_public_address",
    "literal_refusal",
    "resolve_host",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_public_address(ip: str | IPAddress) -> bool:
    """Whether an address is globally routable, i.e. safe for a link checker to contact.

    Private, loopback, link-local, multicast, reserved, unspecified and shared (CGNAT) ranges
    are not; an IPv4-mapped IPv6 address (``::ffff:10.0.0.1``) is judged by its IPv4 address,
    and so are NAT64/6to4 forms that embed one.
    """
    address = ipaddress.ip_address(ip) if isinstance(ip, str) else ip
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            return is_public_address(embedded)
        if address in _NAT64:
            return is_public_address(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why the guard refused a host: a failure kind and a human detail."""

    kind: FailureKind
    detail: str


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def _private(address: IPAddress) -> Refusal:
    return Refusal(FailureKind.PRIVATE, f"private address {address} (use --allow-private)")


def literal_refusal(host: str, allow_private: bool) -> Refusal | None:
    """The guard's refusal of an IP-literal host, without any lookup (None for a name)."""
    literal = _literal(host)
    if literal is None or allow_private or is_public_address(literal):
        return None
    return _private(literal)


async def check_host(host: str, allow_private: bool) -> Refusal | None:
    """None when ``host`` may be contacted; otherwise why not.

    A host is refused when it is, or resolves to (any one of its addresses), a non-public
    address. A name that does not resolve gives :attr:`FailureKind.DNS`. With
    ``allow_private`` nothing is looked up here: httpx resolves the name itself.
    """
    if allow_private:
        return None
    found = await resolve_host(host.rstrip(".").lower(), allow_private=False)
    return found if isinstance(found, Refusal) else None


#: A host's resolution: the addresses to connect to, or why there are none to use.
Resolution = list[IPAddress] | Refusal


async def resolve_host(host: str, allow_private: bool) -> Resolution:
    """``host``'s addresses, every one vetted unless ``allow_private``; or why not.

    :func:`check_host` is this rule without the addresses; keeping them lets a connection be
    made to exactly what was vetted (see :class:`HostGuard`).
    """
    literal = _literal(host)
    if literal is not None:
        return [literal] if allow_private or is_public_address(literal) else _private(literal)
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        return Refusal(FailureKind.DNS, f"domain does not resolve ({exc.strerror})")
    except UnicodeError:
        return Refusal(FailureKind.INVALID_URL, "invalid host name")
    found = (_literal(str(info[4][0])) for info in infos)
    addresses = [address for address in found if address is not None]
    if not addresses:
        return Refusal(FailureKind.DNS, "domain does not resolve (no addresses)")
    if not allow_private:
        for address in addresses:
            if not is_public_address(address):
                return _private(address)
    return _happy_order(addresses)


@dataclass
class HostGuard:
    """One lookup per host per run, shared by the pre-check and the connections.

    :meth:`check` (before each request, every redirect hop included) and :meth:`addresses`
    (the transport's resolver, at connect time) read the same cached resolution, so a host
    name is resolved once per run and a connection goes to exactly the addresses that were
    vetted: a DNS server that answers a public address first and ``127.0.0.1`` later (DNS
    rebinding) is never asked twice.
    """

    allow_private: bool
    _lookups: dict[str, asyncio.Future[Resolution]] = field(default_factory=dict)

    async def check(self, host: str) -> Refusal | None:
        """None when ``host`` may be contacted; otherwise the cached refusal.

        With ``allow_private`` nothing is looked up here (the connection resolves the name).
        """
        if self.allow_private:
            return None
        found = await self.addresses(host)
        return found if isinstance(found, Refusal) else None

    async def addresses(self, host: str) -> Resolution:
        """``host``'s vetted addresses (in Happy-Eyeballs order), or the cached refusal."""
        key = host.rstrip(".").lower()
        pending = self._lookups.get(key)
        if pending is None:
            pending = asyncio.ensure_future(resolve_host(key, self.allow_private))
            self._lookups[key] = pending
        # shield: one fetch timing out must not cancel a lookup other fetches are waiting on.
        return await asyncio.shield(pending)


# ----------------------------------------------------------------------------- connect time

#: ``loop.getaddrinfo(host, port, type=SOCK_STREAM)``: what :class:`PinnedBackend` resolves with.
GetAddrInfo = Callable[[str, int], Awaitable[Sequence[tuple[Any, ...]]]]

#: Happy Eyeballs (RFC 8305): start the next address if the last has not connected by then;
#: the same delay anyio uses when httpx connects to a name itself.
STAGGER = 0.25


async def _system_getaddrinfo(host: str, port: int) -> Sequence[tuple[Any, ...]]:
    return await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)


class PrivateAddressError(httpcore.ConnectError):
    """A connection refused because its host is, or resolves to, a non-public address.

    httpx reports it as an :class:`httpx.ConnectError` caused by this exception; the check
    stage reads :attr:`refusal` back off the cause chain.
    """

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.detail)
        self.refusal = refusal


def _happy_order(addresses: Iterable[IPAddress]) -> list[IPAddress]:
    """Unique addresses, the first IPv6 one first and the first IPv4 one second (as anyio)."""
    unique = list(dict.fromkeys(addresses))
    v6 = next((a for a in unique if a.version == 6), None)
    v4 = next((a for a in unique if a.version == 4), None)
    head = [a for a in (v6, v4) if a is not None]
    return head + [a for a in unique if a not in head]


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """An httpcore network backend that connects only to addresses it has vetted itself.

    :meth:`connect_tcp` resolves the host (an IP literal is taken as is), raises
    :class:`PrivateAddressError` if *any* address fails ``admit`` (by default
    :func:`is_public_address`, the rule :func:`check_host` applies), and otherwise connects
    ``inner`` to the vetted addresses, never to the name, racing them Happy-Eyeballs style.
    A name that does not resolve raises :class:`httpcore.ConnectError` caused by the
    :class:`socket.gaierror`, as httpx's own connect would. ``timeout`` bounds resolution and
    connection together.

    ``inner`` defaults to :class:`httpcore.AnyIOBackend`, the backend httpcore itself picks
    under asyncio (its ``AutoBackend`` chooses between AnyIO and Trio; citecheck runs on
    asyncio, and resolves with the asyncio loop). ``getaddrinfo`` and ``admit`` are for tests.
    """

    def __init__(
        self,
        inner: httpcore.AsyncNetworkBackend | None = None,
        *,
        getaddrinfo: GetAddrInfo = _system_getaddrinfo,
        admit: Callable[[IPAddress], bool] = is_public_address,
        stagger: float = STAGGER,
    ) -> None:
        self._inner = inner if inner is not None else httpcore.AnyIOBackend()
        self._getaddrinfo = getaddrinfo
        self._admit = admit
        self._stagger = stagger

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """A stream connected to one of ``host``'s addresses, all of which were vetted."""
        try:
            with anyio.fail_after(timeout):
                addresses = await self.vetted(host, port)
                return await self._connect_first(addresses, port, local_address, socket_options)
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout("timed out connecting") from exc

    async def vetted(self, host: str, port: int) -> list[IPAddress]:
        """``host``'s addresses in the order to try them; raises if any is refused."""
        literal = _literal(host)
        if literal is not None:
            addresses = [literal]
        else:
            try:
                infos = await self._getaddrinfo(host, port)
            except socket.gaierror as exc:
                raise httpcore.ConnectError(f"domain does not resolve ({exc.strerror})") from exc
            except UnicodeError as exc:
                raise httpcore.ConnectError("invalid host name") from exc
            found = (_literal(str(info[4][0])) for info in infos)
            addresses = [address for address in found if address is not None]
            if not addresses:
                gaierror = socket.gaierror(socket.EAI_NONAME, "no addresses")
                raise httpcore.ConnectError("domain does not resolve (no addresses)") from gaierror
        for address in addresses:
            if not self._admit(address):
                raise PrivateAddressError(_private(address))
        return _happy_order(addresses)

    async def _connect_first(
        self,
        addresses: list[IPAddress],
        port: int,
        local_address: str | None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None,
    ) -> httpcore.AsyncNetworkStream:
        options = list(socket_options) if socket_options is not None else None

        async def connect(address: IPAddress) -> httpcore.AsyncNetworkStream:
            return await self._inner.connect_tcp(
                str(address), port, local_address=local_address, socket_options=options
            )

        if len(addresses) == 1:
            return await connect(addresses[0])
        winner: httpcore.AsyncNetworkStream | None = None
        errors: list[Exception] = []

        async def attempt(address: IPAddress, done: anyio.Event, scope: anyio.CancelScope) -> None:
            nonlocal winner
            try:
                stream = await connect(address)
            except Exception as exc:  # each failure is kept; the first is raised if all fail
                errors.append(exc)
                return
            finally:
                done.set()
            if winner is None:
                winner = stream
                scope.cancel()
            else:
                with anyio.CancelScope(shield=True):
                    await stream.aclose()

        try:
            async with anyio.create_task_group() as group:
                for address in addresses:
                    done = anyio.Event()
                    group.start_soon(attempt, address, done, group.cancel_scope)
                    with anyio.move_on_after(self._stagger):
                        await done.wait()
        except BaseException:
            if winner is not None:
                with anyio.CancelScope(shield=True):
                    await winner.aclose()
            raise
        if winner is None:
            raise errors[0]
        return winner

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Refused: a Unix socket is local by definition (and citecheck never asks for one)."""
        raise PrivateAddressError(
            Refusal(FailureKind.PRIVATE, f"local socket {path} (use --allow-private)")
        )

    async def sleep(self, seconds: float) -> None:
        """httpcore's wait between connect retries."""
        await self._inner.sleep(seconds)
