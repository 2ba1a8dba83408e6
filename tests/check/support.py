"""Helpers for the check-stage tests: options for local servers, a recording sleep, runners."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Mapping
from typing import Any

from citecheck.check import CheckRun, check_urls
from citecheck.check.client import make_client
from citecheck.check.fetch import fetch
from citecheck.check.retry import Sleep
from citecheck.models import CheckOptions, FetchFacts

#: Seconds a deadline test allows past the deadline itself: wide enough for a slow, shared CI
#: machine, and still far below what the test routes take when no deadline cuts them short.
SLACK = 8.0


def local(**changes: Any) -> CheckOptions:
    """Options for the 127.0.0.1 test servers: private addresses allowed, short timeout."""
    values: dict[str, Any] = {"allow_private": True, "timeout": 5.0, "retries": 2}
    values.update(changes)
    return CheckOptions(**values)


class Sleeps:
    """A no-op sleep that records every wait it was asked for."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def fetch_one(
    url: str,
    options: CheckOptions,
    *,
    verify: ssl.SSLContext | bool = True,
    sleep: Sleep | None = None,
    **kwargs: Any,
) -> FetchFacts:
    """Fetch one URL with a fresh client (no real sleeping between retries)."""

    async def go() -> FetchFacts:
        async with make_client(options, verify=verify) as client:
            return await fetch(client, url, options, sleep=sleep or Sleeps(), **kwargs)

    return asyncio.run(go())


def check(
    targets: Mapping[str, str | None],
    options: CheckOptions,
    *,
    sleep: Any = None,
    **kwargs: Any,
) -> CheckRun:
    """Run :func:`check_urls` (no real sleeping unless ``sleep`` says otherwise)."""
    return asyncio.run(check_urls(targets, options, sleep=sleep or Sleeps(), **kwargs))
