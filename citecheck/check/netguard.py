"""The private-address guard, and credential redaction for anything a human will read.

A document can cite any URL, including ones that point into the network the checker runs on
(``http://10.0.0.5/admin``, ``http://localhost:8080``, a public name that resolves to
``169.254.169.254``). Fetching those from a CI runner would turn citecheck into a probe of the
runner's own network, so every host, at every redirect hop, is resolved first and refused when
it *is or resolves to* an address that is not globally routable, unless the user passed
``--allow-private``.

Known gap: the guard resolves the name, then httpx resolves it again to connect; a DNS server
that answers differently the second time (rebinding) can slip past. Closing that needs a custom
transport that connects to the checked address, which httpx does not expose publicly.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass, field

from citecheck.models import FailureKind
from citecheck.redact import redact_text, redact_url

__all__ = [
    "HostGuard",
    "Refusal",
    "check_host",
    "is_public_address",
    "redact_text",  # re-exported: the check stage strips credentials through netguard
    "redact_url",
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


async def check_host(host: str, allow_private: bool) -> Refusal | None:
    """None when ``host`` may be contacted; otherwise why not.

    A host is refused when it is, or resolves to (any one of its addresses), a non-public
    address. A name that does not resolve gives :attr:`FailureKind.DNS`. With
    ``allow_private`` nothing is looked up here: httpx resolves the name itself.
    """
    if allow_private:
        return None
    host = host.rstrip(".").lower()
    literal = _literal(host)
    if literal is not None:
        return None if is_public_address(literal) else _private(literal)
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        return Refusal(FailureKind.DNS, f"domain does not resolve ({exc.strerror})")
    except UnicodeError:
        return Refusal(FailureKind.INVALID_URL, "invalid host name")
    for info in infos:
        address = _literal(str(info[4][0]))
        if address is not None and not is_public_address(address):
            return _private(address)
    if not infos:
        return Refusal(FailureKind.DNS, "domain does not resolve (no addresses)")
    return None


@dataclass
class HostGuard:
    """:func:`check_host` with one lookup per host per run, shared by concurrent fetches."""

    allow_private: bool
    _lookups: dict[str, asyncio.Future[Refusal | None]] = field(default_factory=dict)

    async def check(self, host: str) -> Refusal | None:
        """None when ``host`` may be contacted; otherwise the cached refusal."""
        if self.allow_private:
            return None
        key = host.rstrip(".").lower()
        pending = self._lookups.get(key)
        if pending is None:
            pending = asyncio.ensure_future(check_host(key, self.allow_private))
            self._lookups[key] = pending
        # shield: one fetch timing out must not cancel a lookup other fetches are waiting on.
        return await asyncio.shield(pending)
