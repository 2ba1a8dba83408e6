"""Past verdicts → how long a source has failed, and whether ``--confirm`` is met (pure)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from citecheck.models import History, TrendPoint, Verdict

#: The most recent runs a document's trend keeps: enough for a chart, small in a report.
MAX_TREND_POINTS = 60


@dataclass(frozen=True, slots=True)
class Check:
    """One recorded check of a URL."""

    at: float  # POSIX seconds
    verdict: Verdict
    reason: str


def iso(at: float) -> str:
    """POSIX seconds as ISO 8601 UTC, to the second."""
    return datetime.fromtimestamp(at, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def streak(checks: Sequence[Check], failing: Collection[Verdict]) -> list[Check]:
    """The latest run of consecutive failing checks, oldest first (empty if the last passed)."""
    run: list[Check] = []
    for check in sorted(checks, key=lambda c: c.at, reverse=True):
        if check.verdict not in failing:
            break
        run.append(check)
    return run[::-1]


def confirmations(run: Sequence[Check], spacing: float) -> int:
    """How many checks of a failing streak are at least ``spacing`` seconds apart, counted
    from the first (what InternetArchiveBot counts before it calls a link dead)."""
    count, last = 0, None
    for check in run:
        if last is None or check.at - last >= spacing:
            count += 1
            last = check.at
    return count


def history(
    checks: Sequence[Check], failing: Collection[Verdict], spacing: float
) -> History | None:
    """The failing streak of a URL as the report shows it; None when it does not fail now."""
    run = streak(checks, failing)
    if not run:
        return None
    return History(
        failing_since=iso(run[0].at),
        failed_checks=len(run),
        confirmations=confirmations(run, spacing),
    )


def trend(urls: Sequence[str], checks: Mapping[str, Sequence[Check]]) -> tuple[TrendPoint, ...]:
    """A document's rot over time: one point per run that checked any of its ``urls`` (one per
    note, repeats included), the most recent :data:`MAX_TREND_POINTS`, oldest first.

    At each run, a note counts with its URL's latest check up to then (a run that reused a
    cached result recorded no check: the verdict it reused still holds); a note whose URL
    had not been checked yet is not counted.
    """
    known = {url: sorted(checks.get(url, ()), key=lambda c: c.at) for url in set(urls)}
    times = sorted({check.at for found in known.values() for check in found})
    points: list[TrendPoint] = []
    for at in times[-MAX_TREND_POINTS:]:
        rotten = ok = unverifiable = 0
        for url in urls:
            latest = None
            for check in known[url]:
                if check.at > at:
                    break
                latest = check
            if latest is None:
                continue
            if latest.verdict.is_rotten:
                rotten += 1
            elif latest.verdict.is_ok:
                ok += 1
            else:
                unverifiable += 1
        points.append(TrendPoint(iso(at), rotten, ok, unverifiable))
    return tuple(points)
