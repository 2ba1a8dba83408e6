"""The private-address guard."""

from __future__ import annotations

import asyncio
import ipaddress
import socket

import pytest
from support.server import Web

from citecheck.check import netguard
from citecheck.check.client import make_client
from citecheck.check.fetch import fetch
from citecheck.check.netguard import (
    HostGuard,
    IPAddress,
    Refusal,
    check_host,
    is_public_address,
)
from citecheck.models import CheckOptions, FailureKind, FetchFacts, Verdict

from .support import check, fetch_one, local


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("::ffff:8.8.8.8", True),
        ("10.0.0.5", False),
        ("172.16.3.4", False),
        ("192.168.1.1", False),
        ("127.0.0.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("240.0.0.1", False),
        ("255.255.255.255", False),
        ("::1", False),
        ("::", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("ff02::1", False),
        ("::ffff:10.0.0.1", False),
        ("2002:a00:1::", False),  # 6to4 wrapping 10.0.0.1
        ("64:ff9b::a00:1", False),  # NAT64 wrapping 10.0.0.1
    ],
)
def test_is_public_address(address: str, public: bool) -> None:
    assert is_public_address(address) is public


@pytest.mark.parametrize(
    ("host", "kind", "detail"),
    [
        ("127.0.0.1", FailureKind.PRIVATE, "private address 127.0.0.1 (use --allow-private)"),
        ("[::1]", FailureKind.PRIVATE, "private address ::1 (use --allow-private)"),
        ("localhost", FailureKind.PRIVATE, "(use --allow-private)"),
        ("10.0.0.5", FailureKind.PRIVATE, "private address 10.0.0.5 (use --allow-private)"),
        ("nonexistent.invalid", FailureKind.DNS, "domain does not resolve"),
    ],
)
def test_check_host_refuses(host: str, kind: FailureKind, detail: str) -> None:
    refusal = asyncio.run(check_host(host, allow_private=False))
    assert refusal is not None and refusal.kind is kind and detail in refusal.detail


def _resolving_to(*addresses: str) -> Refusal | None:
    """check_host on a name whose lookup answers ``addresses``, in that order."""

    async def lookup(host: str, port: object, **_: object) -> list[tuple[object, ...]]:
        family = socket.AF_INET6 if ":" in addresses[0] else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (a, 0)) for a in addresses]

    async def go() -> Refusal | None:
        loop = asyncio.get_running_loop()
        loop.getaddrinfo = lookup  # type: ignore[method-assign,assignment]
        return await check_host("mixed.example", allow_private=False)

    return asyncio.run(go())


@pytest.mark.parametrize(
    "addresses",
    [("93.184.216.34", "10.0.0.5"), ("10.0.0.5", "93.184.216.34"),
     ("93.184.216.34", "8.8.8.8", "169.254.169.254")],
)
def test_check_host_refuses_a_name_when_any_address_is_private(
    addresses: tuple[str, ...],
) -> None:
    private = next(a for a in addresses if not is_public_address(a))
    assert _resolving_to(*addresses) == Refusal(
        FailureKind.PRIVATE, f"private address {private} (use --allow-private)"
    )


def test_check_host_allows_a_name_whose_addresses_are_all_public() -> None:
    assert _resolving_to("93.184.216.34", "8.8.8.8") is None


def test_check_host_allows() -> None:
    assert asyncio.run(check_host("8.8.8.8", allow_private=False)) is None
    assert asyncio.run(check_host("10.0.0.5", allow_private=True)) is None


def test_guard_looks_each_host_up_once(monkeypatch: pytest.MonkeyPatch) -> None:
    looked_up: list[str] = []

    async def counting(host: str, allow_private: bool) -> list[IPAddress]:
        looked_up.append(host)
        await asyncio.sleep(0.01)
        return [ipaddress.ip_address("8.8.8.8")]

    monkeypatch.setattr(netguard, "resolve_host", counting)

    async def go() -> None:
        guard = HostGuard(allow_private=False)
        await asyncio.gather(*(guard.check(h) for h in ["a.test", "A.test", "a.test.", "b.test"]))
        await guard.check("a.test")

    asyncio.run(go())
    assert sorted(looked_up) == ["a.test", "b.test"]


def test_loopback_is_refused_by_default_without_a_request(web: Web) -> None:
    facts = fetch_one(web.main.url("/page"), CheckOptions(timeout=5))
    assert facts.failure is FailureKind.PRIVATE
    assert facts.failure_detail == "private address 127.0.0.1 (use --allow-private)"
    run = check({web.main.url("/page"): None}, CheckOptions(timeout=5))
    result = run.results[web.main.url("/page")]
    assert result.status is Verdict.SKIPPED and "use --allow-private" in result.detail
    assert not run.offline
    assert web.main.total == 0


class _LoopbackByNumberOnly(HostGuard):
    """Lets 127.0.0.1 through but not "localhost", to show every hop is checked."""

    async def check(self, host: str) -> Refusal | None:
        if host == "127.0.0.1":
            return None
        return Refusal(FailureKind.PRIVATE, f"private address {host} (use --allow-private)")


def test_every_redirect_hop_is_checked(web: Web) -> None:
    async def go() -> FetchFacts:
        options = local(allow_private=False)
        # The client may reach loopback (its connect-time pinning is tested on its own in
        # test_pinned_connect.py): what is shown here is the per-hop check in fetch.
        async with make_client(local()) as client:
            guard = _LoopbackByNumberOnly(allow_private=False)
            return await fetch(client, web.main.url("/to-localhost"), options, guard=guard)

    facts = asyncio.run(go())
    assert facts.failure is FailureKind.PRIVATE and len(facts.chain) == 1
    assert web.main.hits("/to-localhost") == 1 and web.main.hits("/page") == 0


def test_credentials_never_reach_a_reason_or_a_reported_url(web: Web) -> None:
    with_credentials = web.main.url("/to-credentials").replace("://", "://alice:s3cret@")
    refused = "http://alice:s3cret@127.0.0.1:1/x"
    missing = web.main.url("/missing").replace("://", "://alice:s3cret@")
    run = check({with_credentials: None, refused: None, missing: None}, local(retries=0))
    for result in run.results.values():
        shown = [result.detail, result.final_url or "", *result.redirects]
        assert not any("s3cret" in text or "hunter2" in text for text in shown), result
    moved = run.results[with_credentials]
    assert moved.final_url == web.main.url("/page")
    assert run.results[refused].detail == "connection refused"
