"""Check every distinct URL once, politely, and classify each into a :class:`LinkResult`.

Politeness: one shared client; at most ``options.concurrency`` fetches at a time overall and
``options.per_host`` per host (a host's settings may lower or raise that, and space request
starts ``interval`` seconds apart); each URL fetched once (plus retries); the soft-404 probe
fetched once per host and parent path, shared by concurrent pages that need it.

Offline is decided from the run's own evidence, never from the per-URL timeout:

* When no URL got any HTTP response and every fetch that was tried failed to reach its host
  (DNS, or a connect failure other than a refusal), the machine is offline, not the web dead:
  those links become ``offline`` and :attr:`CheckRun.offline` is set.
* A refused connection proves the network works: it is a verdict (``error``), never offline.
* A name that does not resolve is ``dead`` only once DNS is known to work: some other *name*
  was resolved in the same run (a response, a refusal, a TLS failure on it), or, failing that,
  the known-good name :attr:`CheckOptions.dns_probe` resolves (looked up once, with its own
  :data:`DNS_PROBE_TIMEOUT`). When the probe fails too, the resolver is broken: unresolved
  names are ``offline``, and so are names that timed out before any response (a hanging
  resolver looks like a timeout under a short ``--timeout``). A local server reached by IP
  address proves nothing about DNS (see :func:`settle_unreachable`).

Results that could still turn out "offline" are held back from ``on_result`` until the
question is settled, so the callback only ever sees final results.

``LinkResult.final_url`` is set only when the fetch ended at a different URL than the cited
one (after redirects); it is None when the URL answered itself or nothing answered.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib
import secrets
import socket
import string
import threading
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Mapping, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx

from citecheck.check.client import guard_of, make_client
from citecheck.check.fetch import doi_target, fetch, parse_url
from citecheck.check.hosts import host_settings
from citecheck.check.netguard import HostGuard
from citecheck.check.outcome import (
    OFFLINE_DETAIL,
    CheckRun,
    _undecided,
    is_offline,
    link_result,
    needs_dns_probe,
    offline_result,
    reached,
    run_offline,
    settle_runs,
    settle_unreachable,
    unreachable,
)
from citecheck.check.retry import Sleep
from citecheck.models import (
    CheckOptions,
    FetchFacts,
    HostSettings,
    LinkResult,
    UnsetSecret,
)

__all__ = [
    "DNS_PROBE_TIMEOUT",
    "OFFLINE_DETAIL",
    "CheckRun",
    "Resolves",
    "check_urls",
    "host_settings",
    "is_offline",
    "link_result",
    "reached",
    "settle_runs",
    "system_resolves",
    "unreachable",
]

#: Seconds the DNS probe may take, whatever ``--timeout`` says.
DNS_PROBE_TIMEOUT = 5.0

#: Whether a host name resolves (the DNS probe's seam; tests pass their own).
Resolves = Callable[[str], Awaitable[bool]]


# The pure parts (what was reached, what is offline, a fetch's reported result, settling runs)
# live in citecheck.check.outcome, imported above.


async def system_resolves(name: str) -> bool:
    """Whether ``name`` resolves, asked of the system resolver within DNS_PROBE_TIMEOUT.

    The lookup runs in a daemon thread of its own: a resolver that hangs must not hold the
    run (or the interpreter's exit) past the probe's timeout, as an executor thread would.
    """
    loop = asyncio.get_running_loop()
    answer: asyncio.Future[bool] = loop.create_future()

    def settle(value: bool) -> None:
        if not answer.done():
            answer.set_result(value)

    def lookup() -> None:
        try:
            value = bool(socket.getaddrinfo(name, None, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError):
            value = False
        with contextlib.suppress(RuntimeError):  # the loop is gone: nobody is waiting
            loop.call_soon_threadsafe(settle, value)

    threading.Thread(target=lookup, name="citecheck-dns-probe", daemon=True).start()
    try:
        async with asyncio.timeout(DNS_PROBE_TIMEOUT):
            return await answer
    except TimeoutError:
        return False


# ----------------------------------------------------------------------------- the run


@dataclass
class _HostGate:
    """Per-host politeness: a concurrency limit and a minimum spacing of request starts."""

    semaphore: asyncio.Semaphore
    interval: float
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0

    async def pace(self, sleep: Sleep) -> None:
        if self.interval <= 0:
            return
        loop = asyncio.get_running_loop()
        async with self.lock:
            now = loop.time()
            wait = self.next_start - now
            self.next_start = max(now, self.next_start) + self.interval
        if wait > 0:
            await sleep(wait)


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{(parts.hostname or '').lower()}:{port or ''}"


def _token() -> str:
    # Letters only, long enough that no real page has it as a name.
    return "".join(secrets.choice(string.ascii_lowercase) for _ in range(16))


@dataclass
class _Run:
    client: httpx.AsyncClient
    options: CheckOptions
    sleep: Sleep
    on_result: Callable[[LinkResult], None] | None
    guard: HostGuard
    overall: asyncio.Semaphore
    gates: dict[str, _HostGate] = field(default_factory=dict)
    probes: dict[tuple[str, str], asyncio.Future[FetchFacts]] = field(default_factory=dict)
    warn: Callable[[str], None] = field(default=lambda message: None)
    warned: set[tuple[str, str]] = field(default_factory=set)

    @functools.cached_property
    def any_host_headers(self) -> bool:
        """Whether some host has headers of its own (else no hop needs its host looked up)."""
        return any(settings.headers for _, settings in self.options.hosts)

    def gate(self, url: str, settings: HostSettings) -> _HostGate:
        key = _host_key(url)
        gate = self.gates.get(key)
        if gate is None:
            limit = settings.concurrency or self.options.per_host
            gate = _HostGate(asyncio.Semaphore(max(1, limit)), settings.interval or 0.0)
            self.gates[key] = gate
        return gate

    async def polite_fetch(
        self,
        url: str,
        settings: HostSettings,
        *,
        retries: int | None = None,
        parsed: httpx.URL | None = None,
    ) -> FetchFacts:
        """Fetch under the overall and per-host limits, with the host's own headers."""
        gate = self.gate(doi_target(url, self.options.doi_base), settings)
        # Headers for every host (--header) go on every hop; a host's own headers only on hops to
        # that host (hop_headers), and they win over these there.
        headers: dict[str, str] = dict(self.options.headers)
        user_agent = settings.user_agent or self.options.user_agent
        if user_agent:  # also when the caller brought its own client
            headers["User-Agent"] = user_agent
        timeout = settings.timeout or self.options.timeout
        # The host's slot first, then the global one: a fetch waiting on its host holds no
        # global slot, so one slow host's queue cannot take every slot (head-of-line blocking).
        async with gate.semaphore:
            await gate.pace(self.sleep)
            async with self.overall:
                deadline = asyncio.get_running_loop().time() + timeout
                return await fetch(
                    self.client,
                    url,
                    self.options,
                    deadline=deadline,
                    headers=headers,
                    hop_headers=self.hop_headers,
                    guard=self.guard,
                    retries=retries,
                    sleep=self.sleep,
                    parsed=parsed,
                )

    def hop_headers(self, address: str) -> dict[str, str]:
        """The headers configured for the host of one hop's address (not the cited URL's: a
        redirect to another host must not carry this host's credentials).

        A header whose environment variable is unset is left out, with one warning per host
        and header, given only now that the host is contacted.
        """
        headers: dict[str, str] = {}
        if not self.any_host_headers:
            return headers
        for name, value in host_settings(address, self.options.hosts).headers:
            if isinstance(value, UnsetSecret):
                host = urlsplit(address).hostname or address
                key = (host, name.lower())
                if key not in self.warned:
                    self.warned.add(key)
                    names = ", ".join(value.variables)
                    self.warn(f"header {name!r} not sent to {host}: environment variable "
                              f"{names} is not set")
                continue
            headers[name] = value
        return headers

    async def probe(self, facts: FetchFacts, settings: HostSettings) -> FetchFacts | None:
        """The made-up sibling's facts, fetched once per host and parent path."""
        from citecheck.check.soft404 import probe_key, probe_url

        final = facts.final_url or facts.url
        key = probe_key(final)
        pending = self.probes.get(key)
        if pending is None:
            sibling = probe_url(final, _token())
            if sibling is None:
                return None
            # Not retried: the probe is an extra request, and a flaky one just means no probe.
            pending = asyncio.ensure_future(self.polite_fetch(sibling, settings, retries=0))
            self.probes[key] = pending
        return await asyncio.shield(pending)

    async def check(self, url: str, cited_title: str | None) -> tuple[FetchFacts, LinkResult]:
        # Imported once the answer is in, not before the request (see ANSWER_MODULES).
        parsed = parse_url(url)
        if isinstance(parsed, tuple):
            from citecheck.check.classify import classify

            facts = FetchFacts(url=url, failure=parsed[0], failure_detail=parsed[1])
            verdict, detail = classify(facts)
            return facts, link_result(facts, verdict, detail)
        settings = host_settings(url, self.options.hosts)
        facts = await self.polite_fetch(url, settings, parsed=parsed)
        # The slot this fetch freed woke a waiting check: let its request go out before this
        # answer is judged (otherwise it leaves only after every answer read in the same turn
        # of the loop has been classified, tens of ms when a whole wave of answers arrives).
        await asyncio.sleep(0)
        from citecheck.check.classify import classify, needs_probe

        probe = None
        if self.options.soft404_probe and needs_probe(facts, cited_title):
            probe = await self.probe(facts, settings)
        verdict, detail = classify(
            facts, cited_title=cited_title, probe=probe,
            accept=(*self.options.accept, *settings.accept),
        )
        return facts, link_result(facts, verdict, detail)

    def emit(self, facts: FetchFacts, result: LinkResult) -> None:
        """Pass a result on, unless it might still become "offline"."""
        if self.on_result is None:
            return
        if _undecided(facts):
            return  # offline or not is settled, and reported, once every fetch is in
        self.on_result(result)


async def check_urls(
    targets: Mapping[str, str | None],
    options: CheckOptions,
    *,
    client: httpx.AsyncClient | None = None,
    on_result: Callable[[LinkResult], None] | None = None,
    sleep: Sleep = asyncio.sleep,
    warn: Callable[[str], None] | None = None,
    resolves: Resolves = system_resolves,
    while_waiting: Callable[[], object] | None = None,
) -> CheckRun:
    """Check each distinct URL in ``targets`` (URL → cited title, for drift) once.

    ``client`` defaults to a fresh :func:`make_client` closed at the end; ``on_result`` is
    called once per URL with its final result, in completion order; ``sleep`` is awaited for
    retry waits and host intervals (tests pass a recording no-op); ``warn`` gets one line
    per problem worth telling that is not a result (a host's header that cannot be sent);
    ``resolves`` answers the DNS probe (see the module docstring); ``while_waiting`` is
    called once, when every check has started and the first requests are out: the caller's
    own preparation (imports) then costs the time the first answers take anyway.
    """
    async with AsyncExitStack() as stack:
        if client is None:
            client = await stack.enter_async_context(make_client(options))
        run = _Run(
            client=client,
            options=options,
            sleep=sleep,
            on_result=on_result,
            guard=guard_of(client) or HostGuard(options.allow_private),
            overall=asyncio.Semaphore(max(1, options.concurrency)),
        )
        if warn is not None:
            run.warn = warn

        async def one(url: str, title: str | None) -> tuple[FetchFacts, LinkResult]:
            facts, result = await run.check(url, title)
            run.emit(facts, result)
            # Only what settling "offline or dead" reads is kept: not every page's text.
            return _slim(facts), result

        tasks = await _started(one(url, title) for url, title in targets.items())
        try:
            await asyncio.sleep(0)  # the last started checks' requests go out first
            for name in ANSWER_MODULES:
                importlib.import_module(name)
            if while_waiting is not None:
                while_waiting()
        except BaseException:
            await _cancel(tasks)
            raise
        done = await asyncio.gather(*tasks)
        for pending in run.probes.values():
            pending.cancel()  # only an orphan whose waiters all timed out can still be running

        results = {url: result for url, (_, result) in zip(targets, done, strict=True)}
        all_facts = [facts for facts, _ in done]
        dns_works: bool | None = None
        if options.dns_probe and needs_dns_probe(all_facts):
            dns_works = await resolves(options.dns_probe)

    settled = settle_unreachable(all_facts, dns_works)
    for url, facts, is_offline_link in zip(targets, all_facts, settled, strict=True):
        if is_offline_link:
            results[url] = offline_result(results[url])
        if on_result is not None and _undecided(facts):
            on_result(results[url])
    kept = dict(zip(targets, all_facts, strict=True))
    return CheckRun(results=results, offline=run_offline(all_facts, settled), facts=kept,
                    dns_works=dns_works)


_T = TypeVar("_T")

#: What reading and judging an answer needs and sending a request does not (page facts,
#: classification and its detectors, about 35 ms of imports): imported once every check has
#: started, while the first requests are on the wire, instead of before the first request.
#: A check that gets its answer sooner imports them itself.
ANSWER_MODULES = ("citecheck.check.page", "citecheck.check.classify")

#: Tasks started between two looks at the network (see :func:`_started`).
_START_BATCH = 16


async def _started(
    checks: Iterable[Coroutine[Any, Any, _T]], batch: int = _START_BATCH
) -> list[asyncio.Task[_T]]:
    """A task per check, started ``batch`` at a time with a look at the network between.

    Every check runs until it waits (on its host's slot, mostly) as soon as its task starts,
    and the event loop polls the network only once every task that was ready has run: with
    thousands started at once, the first requests' connections were completed, and their
    bytes sent, only after every other check had run its first steps (70 ms at 2,000 URLs,
    240 ms at 5,000, all of it before the first round trip). Started in batches, the first
    requests leave while the later checks start; every check still waits on its own host's
    slot, so no host waits for another. Batches of 16 rather than 64: at 300 URLs the first
    request reached the server 20 ms after the check began instead of 35 ms (the 44th, which
    sets the pace of a third round of 128, 27 ms instead of 36 ms).
    """
    tasks: list[asyncio.Task[_T]] = []
    try:
        for check in checks:
            tasks.append(asyncio.ensure_future(check))
            if len(tasks) % batch == 0:
                await asyncio.sleep(0)
    except BaseException:  # cancelled while starting: no check is left running unawaited
        await _cancel(tasks)
        raise
    return tasks


async def _cancel(tasks: Sequence[asyncio.Task[Any]]) -> None:
    """Cancel ``tasks`` and wait until each has ended."""
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def _slim(facts: FetchFacts) -> FetchFacts:
    return replace(facts, page=None, headers=(), chain=facts.chain[:1])


#: For other stages that contact hosts the same polite way (the archive look-ups).
HostGate = _HostGate
host_key = _host_key
