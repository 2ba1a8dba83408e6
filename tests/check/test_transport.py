"""The aiohttp-backed transport under httpx's interface, against the 127.0.0.1 test servers."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from support.server import Tls, Web

from citecheck.check.client import make_client, send_get
from citecheck.check.failures import describe_error
from citecheck.check.transport import _parser_message
from citecheck.models import FailureKind, Verdict

from .support import check, local


def test_each_host_name_is_looked_up_once_per_run(
    web: Web, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    real = asyncio.BaseEventLoop.getaddrinfo

    async def counting(self: asyncio.BaseEventLoop, host: Any, port: Any, **kw: Any) -> Any:
        asked.append(host)
        return await real(self, host, port, **kw)

    monkeypatch.setattr(asyncio.BaseEventLoop, "getaddrinfo", counting)
    urls = [f"http://localhost:{web.main.port}/slow?ms=0&i={i}" for i in range(5)]
    run = check(dict.fromkeys(urls), local(per_host=2))
    assert all(result.status is Verdict.LIVE for result in run.results.values())
    assert asked.count("localhost") == 1


def test_a_dropped_connection_is_a_reset_not_a_timeout(web: Web) -> None:
    run = check({web.main.url("/reset"): None}, local(retries=0))
    result = run.results[web.main.url("/reset")]
    assert result.status is Verdict.ERROR and "connection" in result.detail
    assert "timed out" not in result.detail


def test_the_connection_is_reused_within_an_origin(web: Web) -> None:
    async def go() -> None:
        async with make_client(local()) as client:
            for _ in range(3):
                response = await client.get(web.main.url("/page"))
                await response.aread()

    asyncio.run(go())
    ports = {hit.client_port for hit in web.main.requests("/page")}
    assert len(web.main.requests("/page")) == 3 and len(ports) == 1


def test_refused_literal_names_the_address() -> None:
    async def go() -> BaseException:
        async with make_client(local(allow_private=False)) as client:
            try:
                await client.get("http://10.0.0.5/x")
            except Exception as exc:
                return exc
        raise AssertionError("no refusal")

    kind, detail = describe_error(asyncio.run(go()))
    assert (kind, detail) == (FailureKind.PRIVATE, "private address 10.0.0.5 (use --allow-private)")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Bad status line:\n  Invalid status code:\n\n  b'HTTP/1.1 two hundred OK'\n     ^",
         "illegal status line: HTTP/1.1 two hundred OK"),
        ("Bad header:\n  Invalid header token\n\n  b'x y: z'\n ^",
         "Bad header: invalid header token: x y: z"),
        ("plain words", "plain words"),
    ],
)
def test_parser_messages_read_as_one_line(message: str, expected: str) -> None:
    assert _parser_message(message) == expected


def test_tls_verifies_the_name_while_connecting_to_the_resolved_address(
    tls: Tls, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wrong-host server's certificate names other.example: reached by that name (resolved
    to 127.0.0.1) it verifies; the good server's names 127.0.0.1, so as good.test it must not."""
    real = asyncio.BaseEventLoop.getaddrinfo

    async def fake(self: asyncio.BaseEventLoop, host: Any, port: Any, **kw: Any) -> Any:
        if host in ("other.example", "good.test"):
            host = "127.0.0.1"
        return await real(self, host, port, **kw)

    monkeypatch.setattr(asyncio.BaseEventLoop, "getaddrinfo", fake)

    async def go() -> tuple[int, BaseException]:
        async with make_client(local(), verify=tls.trusting) as client:
            response = await client.get(f"https://other.example:{tls.wrong_host.port}/page")
            try:
                await client.get(f"https://good.test:{tls.good.port}/page")
            except Exception as exc:
                return response.status_code, exc
        raise AssertionError("a certificate for 127.0.0.1 was accepted for good.test")

    status, mismatch = asyncio.run(go())
    assert status == 200
    assert describe_error(mismatch) == (FailureKind.TLS, "TLS: hostname mismatch")


def test_a_direct_get_sends_the_header_lines_httpx_would_send(web: Web) -> None:
    """send_get hands the direct transport header pairs instead of an httpx.Request: the
    server must see the same lines, in the same order and case, as through httpx's request."""
    extra = {"User-Agent": "probe/1", "X-Extra": "one", "accept": "text/plain"}

    async def go() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        async with make_client(local()) as client:
            direct = await send_get(client, httpx.URL(web.main.url("/page?way=direct")), extra)
            await direct.aread()
            merged = httpx.Headers(client.headers)
            merged.update(extra)
            request = httpx.Request("GET", web.main.url("/page?way=general"), headers=merged)
            general = await client.send(request)
            await general.aread()
            # The request the direct response stands for is made when asked for.
            assert direct.request.url == httpx.URL(web.main.url("/page?way=direct"))
            assert direct.request.headers["user-agent"] == "probe/1"
        hits = {hit.query: list(hit.headers.items()) for hit in web.main.requests("/page")}
        return hits["way=direct"], hits["way=general"]

    direct, general = asyncio.run(go())
    assert direct == general
    assert direct[0][0] == "Host" and ("User-Agent", "probe/1") in direct


def test_a_failed_direct_get_carries_its_request() -> None:
    async def go() -> httpx.HTTPError:
        async with make_client(local(allow_private=False)) as client:
            try:
                await send_get(client, httpx.URL("http://10.0.0.5/x"), {})
            except httpx.HTTPError as exc:
                return exc
        raise AssertionError("no refusal")

    error = asyncio.run(go())
    assert error.request.url == httpx.URL("http://10.0.0.5/x")
    assert describe_error(error)[0] is FailureKind.PRIVATE
