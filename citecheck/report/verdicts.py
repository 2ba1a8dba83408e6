"""How each verdict and each gate outcome is presented: one table, every formatter reads it.

A verdict's words in the summary line, its terminal and HTML colours, its SARIF rule and
whether JUnit counts it as skipped live in :data:`VERDICTS`; what the CI gate made of a note
(fail, warn, pass) is shown through :data:`GATES` (its mark, colour, SARIF level, workflow
command). Which verdict fails or warns is the run's :class:`~citecheck.models.Policy`, not a
presentation fact. Adding a verdict means adding one row here; ``tests/report/test_verdicts.py``
fails until then.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from citecheck.models import Gate, Verdict


@dataclass(frozen=True, slots=True)
class VerdictRow:
    """Everything a formatter shows about one verdict."""

    singular: str  # the summary line's words: "1 error" ...
    plural: str  # ... "2 errors"
    style: str  # rich style in the terminal table
    rule_name: str  # SARIF rule name
    description: str  # SARIF rule short description: what the verdict means
    help: str  # SARIF rule help: what a reader can do about it
    junit_skipped: bool = False  # JUnit shows the case as <skipped> (nothing was checked)
    # HTML: the verdict's colour (badge text, chart bars and lines) and its badge background.
    # Each contrasts 4.5:1 or more (WCAG AA) with the page's white and with its tint, and no two
    # verdicts look alike (tests/report/test_verdicts.py measures both).
    colour: str = field(kw_only=True)
    tint: str = field(kw_only=True)

    def phrase(self, count: int) -> str:
        """``count`` notes of this verdict in words: "3 dead", "1 error", "2 soft 404s"."""
        return f"{count} {self.singular if count == 1 else self.plural}"


@dataclass(frozen=True, slots=True)
class GateRow:
    """Everything a formatter shows about what the CI gate made of a note."""

    mark: str  # table and plain text, visible without colour
    emoji: str  # Markdown
    style: str  # rich style of the table's mark column
    sarif_level: str  # SARIF result level (and rule default level)
    command: str | None  # GitHub Actions workflow command; a passing note gets none


# Rows in Verdict order: SARIF's rule index is a position in this table.
VERDICTS: Mapping[Verdict, VerdictRow] = MappingProxyType({
    Verdict.LIVE: VerdictRow(
        "live", "live", "green",
        "LiveSource", "The cited source answers and shows the cited work.",
        "Nothing to do: the claim still stands on its source.",
        colour="#0b6b2e", tint="#dcf5e3",
    ),
    Verdict.MOVED: VerdictRow(
        "moved", "moved", "cyan",
        "MovedSource", "The cited source moved permanently to a new address.",
        "Update the citation to the address the source moved to (the final URL).",
        colour="#075e6e", tint="#d9f1f5",
    ),
    Verdict.DRIFTED: VerdictRow(
        "drifted", "drifted", "magenta",
        "DriftedSource", "The cited address answers with a different work.",
        "Open the page and check that it still shows the cited work; if it does not, cite an "
        "archived copy or find where the work went.",
        colour="#7a1f78", tint="#f6e1f5",
    ),
    Verdict.SOFT404: VerdictRow(
        "soft 404", "soft 404s", "red",
        "Soft404Source", "The cited address answers 200 with a 'not found' page.",
        "The page is gone although the site answers 200: find the work's new address or cite "
        "an archived copy.",
        colour="#a63d00", tint="#fde5d6",
    ),
    Verdict.DEAD: VerdictRow(
        "dead", "dead", "bold red",
        "DeadSource", "The cited source is gone (e.g. HTTP 404 or 410).",
        "Find the work's new address or cite an archived copy (citecheck names the Wayback "
        "Machine snapshot nearest the note's accessed date when there is one).",
        colour="#b3001b", tint="#fbd5d9",
    ),
    Verdict.BLOCKED: VerdictRow(
        "blocked", "blocked", "yellow",
        "BlockedSource", "The cited site refused the check (e.g. HTTP 403).",
        "The site refused an automated check: open the URL in a browser, or leave it out of "
        "the check with --exclude.",
        colour="#6b5200", tint="#f8efc8",
    ),
    Verdict.ERROR: VerdictRow(
        "error", "errors", "red",
        "SourceError", "The cited source could not be fetched (e.g. TLS error).",
        "The fetch failed (TLS, connection, protocol): retry, then check the URL in a browser.",
        colour="#5c2a1a", tint="#f1e2dc",
    ),
    Verdict.TIMEOUT: VerdictRow(
        "timed out", "timed out", "yellow",
        "SourceTimeout", "The cited source did not answer in time.",
        "Retry with a longer --timeout, or check the URL in a browser.",
        colour="#1d4f91", tint="#dde8f7",
    ),
    Verdict.INVALID: VerdictRow(
        "invalid", "invalid", "bold red",
        "InvalidUrl", "The cited URL is malformed.",
        "Correct the URL as written in the note.",
        colour="#4a2c8f", tint="#e8e1fa",
    ),
    Verdict.SKIPPED: VerdictRow(
        "skipped", "skipped", "dim",
        "SkippedSource", "The cited URL was not checked (excluded by a rule).",
        "The URL was left out by --exclude/--include and was not checked.",
        junit_skipped=True,
        colour="#2b2f36", tint="#e6e8eb",
    ),
    Verdict.OFFLINE: VerdictRow(
        "offline", "offline", "dim",
        "OfflineSource", "The network was unavailable; the URL was not checked.",
        "Run citecheck again with network access.",
        junit_skipped=True,
        colour="#666666", tint="#f2f2f2",
    ),
    Verdict.NO_URL: VerdictRow(
        "without URL", "without URL", "dim",
        "NoUrl", "The note cites no URL.",
        "Add the source's URL or DOI to the note if it is online.",
        colour="#58436b", tint="#ece6f2",
    ),
})

GATES: Mapping[Gate, GateRow] = MappingProxyType({
    Gate.FAIL: GateRow(mark="✗", emoji="❌", style="bold red", sarif_level="error",
                       command="error"),
    Gate.WARN: GateRow(mark="!", emoji="⚠️", style="yellow", sarif_level="warning",
                       command="warning"),
    Gate.PASS: GateRow(mark="", emoji="", style="", sarif_level="none", command=None),
})


def verdict_phrase(verdict: Verdict, count: int) -> str:
    """``count`` notes of ``verdict`` in words: "3 dead", "1 error", "2 soft 404s"."""
    return VERDICTS[verdict].phrase(count)


def rule_id(verdict: Verdict) -> str:
    """The SARIF rule id of a verdict: ``citecheck/dead``."""
    return f"citecheck/{verdict.value}"
