"""What a check of a set of URLs hands back: :class:`CheckRun`.

Apart from the runner so that a process receiving one from a worker (``--jobs``, the warm
worker) does not load the HTTP stack to unpickle it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from citecheck.models import FetchFacts, LinkResult

__all__ = ["CheckRun"]


@dataclass(frozen=True, slots=True)
class CheckRun:
    """The outcome of checking a set of URLs: a result per URL (in the order given).

    ``facts`` keeps, per URL, what :func:`settle_runs` needs to settle "offline or dead" across
    runs that checked parts of one set (``--jobs``): the facts without page and headers.
    """

    results: dict[str, LinkResult]
    offline: bool
    facts: dict[str, FetchFacts] = field(default_factory=dict)
    dns_works: bool | None = None  # the DNS probe's answer, if one was asked (settle_runs)
