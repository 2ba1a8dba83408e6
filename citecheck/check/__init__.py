"""The check stage: fetch every distinct cited URL once and classify what came back.

:func:`check_urls` is the entry point; the modules name their parts: ``client`` (the one HTTP
client), ``netguard`` (private-address refusal), ``credentials`` (user-info stripped from what
the check reports), ``fetch`` (one URL → facts), ``body`` (the bounded body read),
``failures`` (network errors in words), ``retry`` (the retry policy), ``page`` (body prefix →
page facts), ``classify`` (facts → verdict, its rules in order) with ``walls`` (sign-in
walls, bot challenges, parked domains), ``soft404`` and ``reasons`` (a reason's words),
``runner`` (the whole run).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from citecheck.check.runner import CheckRun, check_urls

__all__ = ["CheckRun", "check_urls"]


def __getattr__(name: str) -> Any:
    # Lazy: the report formatters import ``check.credentials``, and that must not load httpx and
    # aiohttp (a third of a second) for ``citecheck --version`` or an offline render.
    if name in __all__:
        from citecheck.check import runner

        return getattr(runner, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
