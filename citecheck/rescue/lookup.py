"""The archive look-ups' I/O: each API request made like a check's, politely and retried.

Every request goes through the run's one client, under the archive host's own limits (its
``[hosts]`` settings, else ``--per-host``, and its ``interval``), with the check stage's retry
policy (:func:`citecheck.check.retry.retrying`: connect failures, resets, timeouts, 429 and
502-504, Retry-After honoured) inside a hard deadline of ``--timeout`` (or the host's). A look-up
never raises: whatever goes wrong becomes "no snapshot" and a reason, and never touches the
verdict it was asked about.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from citecheck.check.failures import describe_error
from citecheck.check.retry import Sleep, retrying
from citecheck.check.runner import HostGate, host_key, host_settings
from citecheck.models import CheckOptions, FetchFacts
from citecheck.rescue.wayback import (
    BadAnswer,
    Snapshot,
    availability_url,
    cdx_url,
    choose,
    is_before,
    parse_availability,
    parse_cdx,
)

__all__ = ["NO_SNAPSHOT", "Archive", "LookupFailed", "Rescue"]

NO_SNAPSHOT = "no snapshot in the archive"


class LookupFailed(Exception):
    """An archive request that produced no usable answer; the message is the reason."""


@dataclass(frozen=True, slots=True)
class Rescue:
    """The outcome of one look-up: a snapshot, or why there is none."""

    snapshot: Snapshot | None
    reason: str | None = None


@dataclass
class Archive:
    """The archive APIs at ``base``, asked through ``client`` under ``options``' politeness."""

    client: httpx.AsyncClient
    options: CheckOptions
    base: str
    sleep: Sleep = asyncio.sleep
    requests: int = 0
    _gates: dict[str, HostGate] = field(default_factory=dict)

    def _gate(self, url: str) -> HostGate:
        key = host_key(url)
        gate = self._gates.get(key)
        if gate is None:
            settings = host_settings(url, self.options.hosts)
            limit = settings.concurrency or self.options.per_host
            gate = HostGate(asyncio.Semaphore(max(1, limit)), settings.interval or 0.0)
            self._gates[key] = gate
        return gate

    async def get_json(self, url: str) -> object:
        """The JSON answer of one API request, retried like a check; raises LookupFailed."""
        settings = host_settings(url, self.options.hosts)
        timeout = settings.timeout or self.options.timeout
        headers = {**dict(settings.headers), "Accept": "application/json"}
        user_agent = settings.user_agent or self.options.user_agent
        if user_agent:
            headers["User-Agent"] = user_agent
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        body: dict[str, bytes] = {}

        async def attempt() -> FetchFacts:
            self.requests += 1
            try:
                # Redirects are followed by httpx here: every connection still goes through
                # the run's pinned transport, so the private-address rule holds on each hop.
                response = await self.client.get(url, headers=headers, follow_redirects=True)
                content = await response.aread()
            except httpx.HTTPError as exc:
                kind, detail = describe_error(exc)
                return FetchFacts(url=url, failure=kind, failure_detail=detail)
            body["content"] = content
            kept = tuple((name, value) for name, value in response.headers.items()
                         if name in ("retry-after", "date"))
            return FetchFacts(url=url, status=response.status_code, headers=kept)

        gate = self._gate(url)
        try:
            async with gate.semaphore, asyncio.timeout_at(deadline):
                await gate.pace(self.sleep)
                controller = retrying(
                    retries=self.options.retries,
                    retry_after_cap=self.options.retry_after_cap,
                    remaining=lambda: deadline - loop.time(),
                    sleep=self.sleep,
                )
                facts: FetchFacts = await controller(attempt)
        except TimeoutError:
            raise LookupFailed(f"archive timed out after {timeout:g}s") from None
        if facts.failure is not None:
            raise LookupFailed(f"archive unreachable: {facts.failure_detail or facts.failure}")
        if facts.status != 200:
            raise LookupFailed(f"archive answered HTTP {facts.status}")
        try:
            return json.loads(body.get("content", b"").decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise LookupFailed("archive answered malformed JSON") from None

    async def rescue(self, url: str, stamp: str | None) -> Rescue:
        """The snapshot to cite for ``url``, cited at ``stamp``: the closest 200 capture on or
        before the date, else the closest after it. Never raises."""
        problems: list[str] = []
        closest = await self._ask(availability_url(self.base, url, stamp), problems,
                                  parse_availability)
        if closest is not None and (stamp is None or is_before(closest, stamp)):
            return Rescue(closest)
        if stamp is None:
            latest = await self._ask(cdx_url(self.base, url, latest=True), problems,
                                     lambda answer: choose(parse_cdx(answer), None))
            return Rescue(latest) if latest else self._none(problems)
        # The closest capture is after the date, or there is none: look for one before.
        best = await self._ask(cdx_url(self.base, url, before=stamp), problems,
                               lambda answer: choose(parse_cdx(answer), stamp))
        if best is not None and is_before(best, stamp):
            return Rescue(best)
        if closest is not None:
            return Rescue(closest)
        if best is None:
            best = await self._ask(cdx_url(self.base, url, after=stamp), problems,
                                   lambda answer: choose(parse_cdx(answer), stamp))
        return Rescue(best) if best else self._none(problems)

    async def _ask(
        self, query: str, problems: list[str], read: Callable[[object], Snapshot | None]
    ) -> Snapshot | None:
        try:
            return read(await self.get_json(query))
        except (LookupFailed, BadAnswer) as exc:
            problems.append(str(exc))
            return None

    @staticmethod
    def _none(problems: list[str]) -> Rescue:
        return Rescue(None, "; ".join(dict.fromkeys(problems)) or NO_SNAPSHOT)
