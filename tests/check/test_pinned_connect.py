"""Connect-time pinning: the address the guard checked is the address connected to.

The first half drives :class:`PinnedBackend` with a fake resolver and a recording inner backend
(pure logic: which address is dialled, what is refused). The second half runs the real client
against the 127.0.0.1 test servers, faking only DNS answers.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Sequence
from typing import Any

import httpcore
import httpx
import pytest
from support.server import Tls, Web

from citecheck.check.client import PinnedTransport, make_client
from citecheck.check.failures import describe_error
from citecheck.check.fetch import fetch
from citecheck.check.netguard import PinnedBackend, PrivateAddressError
from citecheck.models import CheckOptions, FailureKind, Verdict

from .support import check, local

PUBLIC = "93.184.216.34"
LOOPBACK_REFUSAL = "private address 127.0.0.1 (use --allow-private)"


def _info(address: str, port: int) -> tuple[Any, ...]:
    if ":" in address:
        return (socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port, 0, 0))
    return (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))


class Resolver:
    """A fake ``getaddrinfo``: each lookup of a name pops that name's next answer."""

    def __init__(self, answers: dict[str, list[list[str]]]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    async def __call__(self, host: str, port: int) -> Sequence[tuple[Any, ...]]:
        self.asked.append(host)
        queue = self.answers.get(host)
        if not queue:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        return [_info(address, port) for address in answer]


class Recorder(httpcore.AsyncNetworkBackend):
    """An inner backend that records what it was asked to dial; some addresses fail or hang."""

    def __init__(self, failing: Sequence[str] = (), hanging: Sequence[str] = ()) -> None:
        self.dialled: list[str] = []
        self.connected: list[str] = []
        self.failing = set(failing)
        self.hanging = set(hanging)

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.AsyncNetworkStream:
        self.dialled.append(host)
        if host in self.failing:
            raise httpcore.ConnectError("connection refused") from ConnectionRefusedError()
        if host in self.hanging:
            await asyncio.sleep(60)
        self.connected.append(host)
        return httpcore.AsyncMockStream([])


def _connect(backend: PinnedBackend, host: str, timeout: float | None = 5.0) -> None:
    async def go() -> None:
        await backend.connect_tcp(host, 443, timeout=timeout)

    asyncio.run(go())


def test_connects_to_the_vetted_address_not_the_name() -> None:
    resolver = Resolver({"example.test": [[PUBLIC]]})
    inner = Recorder()
    _connect(PinnedBackend(inner, getaddrinfo=resolver), "example.test")
    assert resolver.asked == ["example.test"]
    assert inner.dialled == [PUBLIC]


def test_a_rebinding_answer_is_refused_and_never_dialled() -> None:
    resolver = Resolver({"rebind.test": [[PUBLIC], ["127.0.0.1"]]})
    inner = Recorder()
    backend = PinnedBackend(inner, getaddrinfo=resolver)
    _connect(backend, "rebind.test")
    with pytest.raises(PrivateAddressError) as refused:
        _connect(backend, "rebind.test")
    assert refused.value.refusal.kind is FailureKind.PRIVATE
    assert refused.value.refusal.detail == LOOPBACK_REFUSAL
    assert inner.dialled == [PUBLIC]


def test_one_private_address_among_public_ones_refuses_the_host() -> None:
    resolver = Resolver({"mixed.test": [[PUBLIC, "169.254.169.254", "2606:4700::1"]]})
    inner = Recorder()
    with pytest.raises(PrivateAddressError, match=r"private address 169\.254\.169\.254"):
        _connect(PinnedBackend(inner, getaddrinfo=resolver), "mixed.test")
    assert inner.dialled == []


@pytest.mark.parametrize(
    ("host", "dialled"),
    [("8.8.8.8", ["8.8.8.8"]), ("10.0.0.5", []), ("::1", []), ("::ffff:127.0.0.1", [])],
)
def test_ip_literals_are_judged_without_a_lookup(host: str, dialled: list[str]) -> None:
    resolver = Resolver({})
    inner = Recorder()
    backend = PinnedBackend(inner, getaddrinfo=resolver)
    if dialled:
        _connect(backend, host)
    else:
        with pytest.raises(PrivateAddressError):
            _connect(backend, host)
    assert resolver.asked == [] and inner.dialled == dialled


def test_a_name_that_does_not_resolve_is_a_dns_failure() -> None:
    with pytest.raises(httpcore.ConnectError) as failed:
        _connect(PinnedBackend(Recorder(), getaddrinfo=Resolver({})), "missing.test")
    assert describe_error(failed.value) == (FailureKind.DNS, "domain does not resolve")


def test_addresses_are_raced_ipv6_first_and_a_failure_falls_back() -> None:
    v6, v4 = "2606:4700::1", PUBLIC
    resolver = Resolver({"dual.test": [[v4, v6]]})
    inner = Recorder(failing=[v6])
    _connect(PinnedBackend(inner, getaddrinfo=resolver, stagger=5.0), "dual.test")
    assert inner.dialled == [v6, v4] and inner.connected == [v4]


def test_a_hanging_address_does_not_hold_up_the_next() -> None:
    v6, v4 = "2606:4700::1", PUBLIC
    inner = Recorder(hanging=[v6])
    backend = PinnedBackend(inner, getaddrinfo=Resolver({"dual.test": [[v6, v4]]}), stagger=0.01)
    _connect(backend, "dual.test", timeout=2.0)
    assert inner.dialled == [v6, v4] and inner.connected == [v4]


def test_every_address_failing_raises_the_connect_error() -> None:
    v6, v4 = "2606:4700::1", PUBLIC
    inner = Recorder(failing=[v6, v4])
    backend = PinnedBackend(inner, getaddrinfo=Resolver({"dual.test": [[v6, v4]]}), stagger=0.01)
    with pytest.raises(httpcore.ConnectError) as failed:
        _connect(backend, "dual.test")
    assert describe_error(failed.value) == (FailureKind.CONNECT, "connection refused")


def test_the_timeout_covers_resolution() -> None:
    async def hangs(host: str, port: int) -> Sequence[tuple[Any, ...]]:
        await asyncio.sleep(60)
        return []

    with pytest.raises(httpcore.ConnectTimeout):
        _connect(PinnedBackend(Recorder(), getaddrinfo=hangs), "slow.test", timeout=0.05)


# ----------------------------------------------------------------------------- real servers


@pytest.fixture
def no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy from the environment unless a test sets one."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture
def rebinding_dns(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The event loop's DNS answers "rebind.test" with a public address, then with 127.0.0.1."""
    answers = [PUBLIC, "127.0.0.1"]
    asked: list[str] = []
    real = asyncio.BaseEventLoop.getaddrinfo

    async def getaddrinfo(
        self: asyncio.BaseEventLoop, host: Any, port: Any, **kwargs: Any
    ) -> list[tuple[Any, ...]]:
        if host != "rebind.test":
            return await real(self, host, port, **kwargs)
        asked.append(host)
        address = answers.pop(0) if len(answers) > 1 else answers[0]
        return [_info(address, port or 0)]

    monkeypatch.setattr(asyncio.BaseEventLoop, "getaddrinfo", getaddrinfo)
    return asked


@pytest.mark.usefixtures("no_proxy_env")
def test_dns_rebinding_gains_nothing(web: Web, rebinding_dns: list[str]) -> None:
    """The pre-check and the connection share one lookup: the second, rebound answer
    (127.0.0.1) is never asked for, so the local server is never reached."""
    url = f"http://rebind.test:{web.main.port}/page"
    run = check({url: None}, CheckOptions(timeout=1, retries=0))
    result = run.results[url]
    assert rebinding_dns == ["rebind.test"]  # once per run, for the pre-check and the connect
    assert result.status is not Verdict.LIVE and result.http_status is None
    assert web.main.total == 0


@pytest.mark.usefixtures("no_proxy_env")
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_the_client_itself_refuses_loopback(web: Web, host: str) -> None:
    """Without the pre-check (a bare request), the connection is still refused."""

    async def go() -> httpx.ConnectError:
        async with make_client(CheckOptions(timeout=5)) as client:
            with pytest.raises(httpx.ConnectError) as refused:
                await client.get(f"http://{host}:{web.main.port}/page")
            return refused.value

    kind, detail = describe_error(asyncio.run(go()))
    assert kind is FailureKind.PRIVATE and detail.endswith("(use --allow-private)")
    assert web.main.total == 0


@pytest.mark.usefixtures("no_proxy_env")
def test_allow_private_reaches_loopback(web: Web) -> None:
    url = web.main.url("/page")
    run = check({url: None}, local())
    assert run.results[url].status is Verdict.LIVE
    assert web.main.hits("/page") == 1


@pytest.mark.usefixtures("no_proxy_env")
def test_a_configured_proxy_is_reached_even_on_loopback(
    web: Web, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The proxy is the user's own choice; a host NO_PROXY exempts is connected directly."""
    monkeypatch.setenv("HTTP_PROXY", web.main.origin)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")

    async def go() -> tuple[int, httpx.ConnectError]:
        async with make_client(CheckOptions(timeout=5)) as client:
            response = await client.get("http://proxied.invalid/page")
            with pytest.raises(httpx.ConnectError) as direct:
                await client.get(web.main.url("/page"))
            return response.status_code, direct.value

    status, direct = asyncio.run(go())
    assert status == 200 and web.main.hits("/page") == 1  # the one request, through the proxy
    assert describe_error(direct) == (FailureKind.PRIVATE, LOOPBACK_REFUSAL)


def _pinned_tls_client(tls: Tls, resolver: Resolver) -> httpx.AsyncClient:
    # Loopback admitted so the pinned path can be exercised against the local TLS servers.
    backend = PinnedBackend(getaddrinfo=resolver, admit=lambda address: True)
    transport = PinnedTransport(backend, verify=tls.trusting, http2=False, limits=httpx.Limits())
    return httpx.AsyncClient(transport=transport)


def test_tls_verifies_the_host_name_not_the_pinned_address(tls: Tls) -> None:
    """The wrong-host server's certificate names other.example: reached by that name through a
    pinned 127.0.0.1 it verifies; the good server's certificate names 127.0.0.1, so reached as
    good.test it must not."""
    resolver = Resolver({"other.example": [["127.0.0.1"]], "good.test": [["127.0.0.1"]]})
    before = tls.wrong_host.hits("/page")  # the TLS sites live for the session, never reset

    async def go() -> tuple[httpx.Response, httpx.ConnectError]:
        async with _pinned_tls_client(tls, resolver) as client:
            response = await client.get(f"https://other.example:{tls.wrong_host.port}/page")
            with pytest.raises(httpx.ConnectError) as mismatch:
                await client.get(f"https://good.test:{tls.good.port}/page")
            return response, mismatch.value

    response, mismatch = asyncio.run(go())
    assert response.status_code == 200 and tls.wrong_host.hits("/page") == before + 1
    assert describe_error(mismatch) == (FailureKind.TLS, "TLS: hostname mismatch")
    assert resolver.asked == ["other.example", "good.test"]


def test_default_client_fetches_over_tls_with_allow_private(tls: Tls) -> None:
    async def go() -> int | None:
        options = local()
        async with make_client(options, verify=tls.trusting) as client:
            return (await fetch(client, tls.good.url("/page"), options)).status

    assert asyncio.run(go()) == 200
