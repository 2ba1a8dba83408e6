"""The retry policy: one pure predicate and a Retry-After parser, wired into tenacity.

What is retried: failures that a second try may not repeat (refused or reset connections, a
single attempt timing out) and statuses that say "later" (429, 502, 503, 504). Everything
else, a 404 included, is an answer and is never asked twice.

How long to wait: the larger of the server's Retry-After (capped) and exponential backoff with
full jitter; and never past the URL's deadline: when the next wait would cross it, the last
answer is reported instead (a 429 stays a 429, which the classifier calls blocked).
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from tenacity import AsyncRetrying, RetryCallState, retry_if_result, stop_after_attempt
from tenacity.stop import stop_base
from tenacity.wait import wait_random_exponential

from citecheck.models import FailureKind, FetchFacts

__all__ = [
    "RETRY_FAILURES",
    "RETRY_STATUSES",
    "Sleep",
    "retry_after_seconds",
    "retrying",
    "should_retry",
    "wait_seconds",
    "with_retries",
]

RETRY_STATUSES = frozenset({429, 502, 503, 504})
RETRY_FAILURES = frozenset({FailureKind.CONNECT, FailureKind.RESET, FailureKind.TIMEOUT})

Sleep = Callable[[float], Awaitable[None]]

_BACKOFF = wait_random_exponential(multiplier=0.5, max=8.0)


def should_retry(subject: FetchFacts | int | None) -> bool:
    """Whether a fetch outcome (or a bare HTTP status) is worth another attempt."""
    if subject is None:
        return False
    if isinstance(subject, int):
        return subject in RETRY_STATUSES
    if subject.failure is not None:
        return subject.failure in RETRY_FAILURES
    return subject.status in RETRY_STATUSES


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or HTTP-date); None if unusable.

    A date in the past means "now" (0.0). ``now`` must be timezone-aware.
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(int(value))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # "-0000" in an HTTP-date means UTC all the same
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def _server_now(facts: FetchFacts) -> datetime:
    """The server's idea of now (its Date header), so an HTTP-date Retry-After is not skewed
    by a difference between its clock and ours; our clock when it sends none."""
    date = facts.header("date")
    if date:
        try:
            parsed = parsedate_to_datetime(date)
        except (TypeError, ValueError, IndexError, OverflowError):
            parsed = None
        if parsed is not None:
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return datetime.now(UTC)


def wait_seconds(facts: FetchFacts | None, backoff: float, cap: float) -> float:
    """The wait before the next attempt: max(Retry-After capped at ``cap``, ``backoff``)."""
    after = None
    if facts is not None and facts.status is not None:
        after = retry_after_seconds(facts.header("retry-after"), _server_now(facts))
    if after is None or math.isnan(after):
        return backoff
    return max(min(after, cap), backoff)


class _StopAtDeadline(stop_base):
    """Stop when the wait before the next attempt would not leave time for that attempt."""

    def __init__(self, remaining: Callable[[], float]) -> None:
        self._remaining = remaining

    def __call__(self, retry_state: RetryCallState) -> bool:
        return retry_state.upcoming_sleep >= self._remaining()


def retrying(
    *,
    retries: int,
    retry_after_cap: float,
    remaining: Callable[[], float],
    sleep: Sleep,
) -> AsyncRetrying:
    """A tenacity controller for one URL's attempts (each attempt returns FetchFacts).

    ``remaining`` gives the seconds left before the URL's deadline; ``sleep`` is awaited for
    each wait (tests pass a recording no-op). When retries run out, the last facts are
    returned, never an exception.
    """

    def wait(state: RetryCallState) -> float:
        outcome = state.outcome
        facts = outcome.result() if outcome is not None and not outcome.failed else None
        return wait_seconds(facts, _BACKOFF(state), retry_after_cap)

    def give_up(state: RetryCallState) -> FetchFacts:
        assert state.outcome is not None
        result: FetchFacts = state.outcome.result()
        return result

    return AsyncRetrying(
        retry=retry_if_result(should_retry),
        stop=stop_after_attempt(max(0, retries) + 1) | _StopAtDeadline(remaining),
        wait=wait,
        sleep=sleep,
        retry_error_callback=give_up,
        reraise=True,
    )


async def with_retries(
    attempt: Callable[[], Awaitable[FetchFacts]],
    *,
    retries: int,
    retry_after_cap: float,
    remaining: Callable[[], float],
    sleep: Sleep,
) -> FetchFacts:
    """``attempt`` run under :func:`retrying`'s policy; the facts of the last attempt made.

    Nearly every URL is answered at the first attempt, and tenacity's bookkeeping per call
    costs more than the decision it makes then; so the first attempt runs bare, and only when
    its outcome asks for another does the controller take over, starting from that outcome
    (counted as its first attempt, its Retry-After read for the first wait).
    """
    first = await attempt()
    if retries <= 0 or not should_retry(first):
        return first
    replayed = False

    async def again() -> FetchFacts:
        nonlocal replayed
        if not replayed:
            replayed = True
            return first
        return await attempt()

    controller = retrying(
        retries=retries, retry_after_cap=retry_after_cap, remaining=remaining, sleep=sleep
    )
    facts: FetchFacts = await controller(again)
    return facts
