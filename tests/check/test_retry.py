"""The retry policy: the pure predicate and Retry-After parsing, then retries at a real server."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from support.server import Web

from citecheck.check.retry import retry_after_seconds, should_retry, wait_seconds, with_retries
from citecheck.models import FailureKind, FetchFacts

from .support import Sleeps, fetch_one, local

NOW = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        (429, True),
        (502, True),
        (503, True),
        (504, True),
        (500, False),
        (404, False),
        (200, False),
        (None, False),
        (FetchFacts("u", status=503), True),
        (FetchFacts("u", status=429), True),
        (FetchFacts("u", status=403), False),
        (FetchFacts("u", failure=FailureKind.RESET), True),
        (FetchFacts("u", failure=FailureKind.CONNECT), True),
        (FetchFacts("u", failure=FailureKind.TIMEOUT), True),
        (FetchFacts("u", failure=FailureKind.DNS), False),
        (FetchFacts("u", failure=FailureKind.TLS), False),
        (FetchFacts("u", failure=FailureKind.PROTOCOL), False),
        (FetchFacts("u", failure=FailureKind.PRIVATE), False),
        (FetchFacts("u", failure=FailureKind.REDIRECT_LOOP), False),
    ],
)
def test_should_retry(subject: FetchFacts | int | None, expected: bool) -> None:
    assert should_retry(subject) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        (" 3 ", 3.0),
        ("0", 0.0),
        (format_datetime(NOW + timedelta(seconds=30), usegmt=True), 30.0),
        (format_datetime(NOW - timedelta(seconds=30), usegmt=True), 0.0),
        ("Wed, 01 May 2024 12:01:00 -0000", 60.0),
        ("-5", None),
        ("1.5", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_seconds(value: str | None, expected: float | None) -> None:
    assert retry_after_seconds(value, NOW) == expected


def test_wait_is_the_larger_of_retry_after_and_backoff_capped() -> None:
    limited = FetchFacts("u", status=429, headers=(("retry-after", "100"),))
    assert wait_seconds(limited, backoff=0.7, cap=30.0) == 30.0
    short = FetchFacts("u", status=429, headers=(("retry-after", "1"),))
    assert wait_seconds(short, backoff=2.5, cap=30.0) == 2.5
    assert wait_seconds(short, backoff=0.2, cap=30.0) == 1.0
    assert wait_seconds(FetchFacts("u", status=503), backoff=0.4, cap=30.0) == 0.4


# ----------------------------------------------------------------------------- at the server


def test_503_then_200_is_retried_once(web: Web) -> None:
    facts = fetch_one(web.main.url("/unavailable-then-ok"), local(retries=2))
    assert facts.status == 200 and facts.attempts == 2
    assert web.main.hits("/unavailable-then-ok") == 2


def test_retry_after_seconds_is_honoured(web: Web) -> None:
    sleeps = Sleeps()
    facts = fetch_one(web.main.url("/rate-then-ok"), local(retries=2, timeout=20), sleep=sleeps)
    assert facts.status == 200 and facts.attempts == 3
    assert web.main.hits("/rate-then-ok") == 3
    assert len(sleeps.calls) == 2 and all(2.0 <= s <= 8.0 for s in sleeps.calls)


def test_retry_after_date_is_honoured(web: Web) -> None:
    sleeps = Sleeps()
    facts = fetch_one(web.main.url("/rate-date"), local(retries=1, timeout=20), sleep=sleeps)
    assert facts.status == 200 and web.main.hits("/rate-date") == 2
    (wait,) = sleeps.calls
    assert 6.0 <= wait <= 8.0  # the server said "7 s from my Date"


def test_retries_stop_after_options_retries(web: Web) -> None:
    facts = fetch_one(web.main.url("/rate-forever"), local(retries=2, timeout=20))
    assert facts.status == 429 and facts.attempts == 3
    assert web.main.hits("/rate-forever") == 3


def test_no_retries_means_one_request(web: Web) -> None:
    facts = fetch_one(web.main.url("/rate-forever"), local(retries=0))
    assert facts.status == 429 and facts.attempts == 1
    assert web.main.hits("/rate-forever") == 1


def test_retry_after_is_capped(web: Web) -> None:
    sleeps = Sleeps()
    options = local(retries=2, timeout=60, retry_after_cap=30)
    facts = fetch_one(web.main.url("/rate-long"), options, sleep=sleeps)
    assert facts.status == 429 and sleeps.calls == [30.0, 30.0]


def test_a_wait_past_the_deadline_is_not_taken(web: Web) -> None:
    sleeps = Sleeps()
    options = local(retries=2, timeout=5, retry_after_cap=30)
    facts = fetch_one(web.main.url("/rate-long"), options, sleep=sleeps)
    assert facts.status == 429 and facts.attempts == 1 and sleeps.calls == []
    assert web.main.hits("/rate-long") == 1


@pytest.mark.parametrize("path", ["/error-500", "/missing", "/forbidden", "/page"])
def test_answers_are_not_retried(web: Web, path: str) -> None:
    facts = fetch_one(web.main.url(path), local(retries=3))
    assert facts.attempts == 1 and web.main.hits(path) == 1


@pytest.mark.parametrize(
    ("statuses", "calls", "waits"),
    [
        ((200,), 1, []),  # answered at once: no controller, no wait
        ((404,), 1, []),
        ((503, 200), 2, [7.0]),  # the first outcome's Retry-After sets the first wait
        ((503, 503, 503, 503), 3, [7.0, 7.0]),  # retries=2: three attempts in all
    ],
)
def test_with_retries_runs_the_first_attempt_bare_then_hands_over(
    statuses: tuple[int, ...], calls: int, waits: list[float]
) -> None:
    made: list[int] = []

    async def attempt() -> FetchFacts:
        status = statuses[len(made)]
        made.append(status)
        return FetchFacts(url="https://e.org/a", status=status, headers=(("retry-after", "7"),))

    sleeps = Sleeps()
    facts = asyncio.run(with_retries(
        attempt, retries=2, retry_after_cap=30.0, remaining=lambda: 100.0, sleep=sleeps))
    assert len(made) == calls and facts.status == statuses[calls - 1]
    assert sleeps.calls == waits
