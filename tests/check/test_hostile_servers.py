"""The hostile-server set: every misbehaving server the checker must survive, in one table.

Each route lives in tests/server.py. For each: the fetch ends (the deadline or a bound cuts it),
with the failure it should, without reading more than its bound, and the run goes on.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from support.server import Web

from citecheck.check.classify import classify
from citecheck.models import FailureKind, Verdict

from .support import SLACK, fetch_one, local


@dataclass(frozen=True)
class Hostile:
    path: str
    failure: FailureKind | None  # None: a response, cut at the body bound
    verdict: Verdict
    timeout: float = 5.0


HOSTILE = [
    Hostile("/hang", FailureKind.TIMEOUT, Verdict.TIMEOUT, timeout=0.5),
    Hostile("/trickle", FailureKind.TIMEOUT, Verdict.TIMEOUT, timeout=0.5),  # slow drip
    Hostile("/trickle-body", FailureKind.TIMEOUT, Verdict.TIMEOUT, timeout=0.5),
    Hostile("/endless", None, Verdict.LIVE),  # endless body, cut at the bound
    Hostile("/endless-chunks", None, Verdict.LIVE),
    Hostile("/gzip-bomb", None, Verdict.LIVE),
    Hostile("/loop-a", FailureKind.REDIRECT_LOOP, Verdict.ERROR),
    Hostile("/self-loop", FailureKind.REDIRECT_LOOP, Verdict.ERROR),
    Hostile("/ladder", FailureKind.TOO_MANY_REDIRECTS, Verdict.ERROR),
    Hostile("/huge-headers", FailureKind.PROTOCOL, Verdict.ERROR),
    Hostile("/endless-headers", FailureKind.PROTOCOL, Verdict.ERROR),
    Hostile("/huge-location", FailureKind.PROTOCOL, Verdict.ERROR),
    Hostile("/reset", FailureKind.RESET, Verdict.ERROR),
    Hostile("/malformed", FailureKind.PROTOCOL, Verdict.ERROR),
]


@pytest.mark.parametrize("case", HOSTILE, ids=lambda c: c.path)
def test_a_hostile_server_is_survived(web: Web, case: Hostile) -> None:
    bound = 64 * 1024
    facts = fetch_one(
        web.main.url(case.path), local(timeout=case.timeout, retries=0, max_body_bytes=bound)
    )
    assert facts.failure is case.failure, facts.failure_detail
    verdict, _ = classify(facts)
    assert verdict is case.verdict
    if case.failure is None:
        assert facts.page is not None and facts.page.truncated
    assert facts.elapsed_ms <= (case.timeout + SLACK) * 1000
    # Bounded: nothing is read much past the body bound (the server may have sent ahead).
    if case.path in ("/endless", "/endless-chunks", "/gzip-bomb"):
        assert len(facts.page.text if facts.page else "") <= bound


def test_every_hostile_route_is_in_the_table(web: Web) -> None:
    hostile_routes = {
        "/hang", "/trickle", "/trickle-body", "/endless", "/endless-chunks", "/gzip-bomb",
        "/loop-a", "/self-loop", "/ladder", "/huge-headers", "/endless-headers",
        "/huge-location", "/reset", "/malformed",
    }
    assert hostile_routes <= set(web.main.routes)
    assert {case.path for case in HOSTILE} == hostile_routes
