"""Offline is decided from the run's own evidence, whatever the per-URL timeout (#14.6).

The resolver is the seam: ``socket.getaddrinfo`` is replaced (not httpx), so the private-address
guard's lookups and the DNS probe meet the same broken or working resolver, while HTTP goes
through the real client.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from citecheck.check import CheckRun, check_urls
from citecheck.check.runner import OFFLINE_DETAIL, system_resolves
from citecheck.models import CheckOptions, Verdict

MISSING = [f"https://missing-{i}.example/page" for i in range(6)]
HANGING = [f"https://hanging-{i}.example/page" for i in range(4)]


class Resolver:
    """A fake system resolver: names starting "hanging-" hang, the probe name may resolve."""

    def __init__(self, *, probe_resolves: bool) -> None:
        self.probe_resolves = probe_resolves
        self.release = threading.Event()
        self.asked: list[str] = []

    def __call__(self, host: Any, *args: Any, **kwargs: Any) -> list[Any]:
        name = str(host)
        self.asked.append(name)
        if name.startswith("hanging-"):
            self.release.wait(30)  # a resolver with no network that never answers
        elif name == "probe.test" and self.probe_resolves:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 0))]
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")


@pytest.fixture(params=[True, False], ids=["probe-resolves", "probe-fails"])
def resolver(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Resolver]:
    fake = Resolver(probe_resolves=request.param)
    monkeypatch.setattr(socket, "getaddrinfo", fake)
    yield fake
    fake.release.set()


def _run(coro: Coroutine[Any, Any, CheckRun], resolver: Resolver) -> CheckRun:
    """Run without waiting, at the end, for the resolver threads that hang."""
    loop = asyncio.new_event_loop()
    loop.set_default_executor(ThreadPoolExecutor(16))
    try:
        return loop.run_until_complete(coro)
    finally:
        resolver.release.set()
        loop.close()


@pytest.mark.parametrize("timeout", [0.3, 1.0])
def test_a_short_timeout_does_not_turn_a_broken_resolver_into_rot(
    resolver: Resolver, timeout: float
) -> None:
    options = CheckOptions(timeout=timeout, retries=0, dns_probe="probe.test")
    run = _run(check_urls(dict.fromkeys(MISSING + HANGING), options), resolver)
    statuses = {url: result.status for url, result in run.results.items()}
    if resolver.probe_resolves:
        # DNS works: the names that do not resolve are dead, the hanging ones timed out.
        assert {statuses[url] for url in MISSING} == {Verdict.DEAD}
        assert {statuses[url] for url in HANGING} == {Verdict.TIMEOUT}
        assert not run.offline
    else:
        # The resolver fails for every name, the probe included: offline, not dead.
        assert set(statuses.values()) == {Verdict.OFFLINE}
        assert {r.detail for r in run.results.values()} == {OFFLINE_DETAIL}
        assert run.offline
    assert resolver.asked.count("probe.test") == 1


def test_no_probe_when_nothing_depends_on_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    async def resolves(name: str) -> bool:
        asked.append(name)
        return False

    options = CheckOptions(timeout=5, retries=0, allow_private=True, dns_probe="probe.test")
    # Nothing here depends on DNS: no probe.
    run = asyncio.run(check_urls({"http://127.0.0.1:9/": None}, options, resolves=resolves))
    assert asked == [] and run.results["http://127.0.0.1:9/"].status is not Verdict.OFFLINE


def test_the_probe_can_be_turned_off() -> None:
    asked: list[str] = []

    async def resolves(name: str) -> bool:
        asked.append(name)
        return True

    options = CheckOptions(timeout=5, retries=0, dns_probe="")
    run = asyncio.run(check_urls({"https://x.invalid/": None}, options, resolves=resolves))
    assert asked == []
    assert run.results["https://x.invalid/"].status is Verdict.OFFLINE  # unknown: not "dead"


def test_system_resolves_gives_up_on_a_hanging_resolver(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def hang(*args: Any, **kwargs: Any) -> list[Any]:
        release.wait(30)
        return []

    monkeypatch.setattr(socket, "getaddrinfo", hang)
    monkeypatch.setattr("citecheck.check.runner.DNS_PROBE_TIMEOUT", 0.2)
    try:
        assert asyncio.run(system_resolves("probe.test")) is False
    finally:
        release.set()


def test_runs_settled_together_keep_the_probes_answer(resolver: Resolver) -> None:
    # main's --jobs checks parts of a run in workers and settles them together (settle_runs):
    # each part's DNS probe answer must count there, or a broken resolver's timeouts would be
    # re-classified as rot.
    from citecheck.check.runner import settle_runs

    options = CheckOptions(timeout=0.3, retries=0, dns_probe="probe.test")
    first = _run(check_urls(dict.fromkeys(MISSING[:3] + HANGING[:2]), options), resolver)
    resolver.release.clear()
    second = _run(check_urls(dict.fromkeys(MISSING[3:] + HANGING[2:]), options), resolver)
    run = settle_runs(MISSING + HANGING, [first, second])
    statuses = {url: result.status for url, result in run.results.items()}
    if resolver.probe_resolves:
        assert {statuses[url] for url in MISSING} == {Verdict.DEAD}
        assert {statuses[url] for url in HANGING} == {Verdict.TIMEOUT}
        assert not run.offline
    else:
        assert set(statuses.values()) == {Verdict.OFFLINE}
        assert run.offline
