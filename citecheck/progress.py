"""Progress for a log rather than a terminal: a short line every few seconds.

In CI the progress bar is not drawn (there is no terminal), and a run with slow sources would
otherwise be silent for many seconds. :class:`ProgressLines` counts each settled URL and, at most
every ``interval`` seconds, writes "checked 12/40 sources · 3 failing so far"; a run that ends
before the first interval writes nothing. The clock is passed in, so tests need no sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from citecheck.models import LinkResult, Policy

#: Seconds between two progress lines.
INTERVAL = 5.0


class ProgressLines:
    """A result callback that writes a progress line when ``interval`` seconds have passed."""

    def __init__(
        self,
        total: int,
        write: Callable[[str], None],
        *,
        policy: Policy,
        interval: float = INTERVAL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.write = write
        self.policy = policy
        self.interval = interval
        self.clock = clock
        self.done = 0
        self.failing = 0
        self.written = 0
        self.last = clock()

    def line(self) -> str:
        """The current progress in words."""
        noun = "source" if self.total == 1 else "sources"
        return (f"citecheck: checked {self.done}/{self.total} {noun} · {self.failing} failing "
                "so far")

    def __call__(self, result: LinkResult) -> None:
        self.done += 1
        if result.status in self.policy.fail_on:
            self.failing += 1
        now = self.clock()
        if now - self.last >= self.interval:
            self.last = now
            self.written += 1
            self.write(self.line())

    def close(self) -> None:
        """After the last result: a closing line, if any line was written (else none at all)."""
        if self.written and self.done != self.total:
            self.write(self.line())
        elif self.written:
            self.write(self.line().replace(" so far", ""))
