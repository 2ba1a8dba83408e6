"""The warm worker: the check stage's start-up taken off the critical path.

Before the first request leaves, a one-job run imports httpx, aiohttp and the check stage and
builds the client's TLS context: ≈0.12 s of CPU (aiohttp ≈50 ms of it, its two import-time TLS
contexts left without a CA store: :mod:`citecheck.check.aio`). On a machine with two usable
CPUs or more that is done by a worker process forked as early as the run can tell it will
check (the console script forks it before it imports the command line: :func:`start_ahead`),
while this process imports the command line, reads and parses; the worker then checks the
URLs it is handed (:meth:`WarmWorker.check`), streaming its results back as a ``--jobs`` worker does
(:mod:`citecheck.check.jobs`; with ``--jobs N`` it is the first of the N). Nothing to check
(everything cached, no URL, a usage error, another command) ends it unused.

It ignores Ctrl-C (the parent decides how the run ends, and ends it) and, on Linux, dies with
the parent. Where processes are not forked by default (Windows, and macOS, where a forked
process may crash in system libraries; a spawned worker would start a whole interpreter and
import everything again), or with one usable CPU (the worker would take the CPU this process
parses with), no worker is started and the run checks in-process as before.

This module imports nothing heavy: it is imported before the command line is.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Mapping
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from citecheck.check.outcome import CheckRun
    from citecheck.models import CheckOptions, LinkResult

__all__ = [
    "SHARED_MODULES", "WarmWorker", "end_ahead", "leave_signals_to_parent", "start_ahead",
    "take_ahead", "usable_cpus",
]


def usable_cpus() -> int:
    """How many CPUs this process may run on (its affinity, where the platform tells)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


class WarmWorker:
    """A forked process readying the check stack while this one reads the documents.

    :meth:`start` it before anything else (no event loop, no thread running here); then
    either :meth:`check` the URLs in it once, or :meth:`close` it unused.
    """

    def __init__(self, process: Any, pipe: Connection) -> None:
        self._process = process
        self._pipe = pipe

    @classmethod
    def start(cls) -> WarmWorker | None:
        """A new worker, or None where it cannot pay: where processes are not forked by
        default (a spawned worker would start a whole interpreter and import everything
        again: Windows; macOS, where a forked process may crash in system libraries), or on
        one usable CPU (the worker would take the CPU this process parses with)."""
        # The first start method is the platform's default (fork on Linux only).
        if multiprocessing.get_all_start_methods()[0] != "fork" or usable_cpus() < 2:
            return None
        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe(duplex=True)
        sys.stdout.flush()  # see check_in_workers
        sys.stderr.flush()
        process = context.Process(target=_warm, args=(theirs, os.getpid()), daemon=True)
        process.start()
        theirs.close()
        return cls(process, ours)

    def check(
        self,
        targets: Mapping[str, str | None],
        options: CheckOptions,
        on_result: Callable[[LinkResult], None] | None = None,
        warn: Callable[[str], None] | None = None,
        while_waiting: Callable[[], object] | None = None,
    ) -> CheckRun:
        """Check ``targets`` in the worker; ``on_result`` and ``warn`` are called here, as
        :func:`check_in_workers` calls them, and ``while_waiting`` once the URLs are handed
        over. The worker ends with the check."""
        from citecheck.check.jobs import _collect, _told_once

        readers = self.hand(targets, options, stream=on_result is not None, facts=False)
        try:
            if while_waiting is not None:
                while_waiting()
            runs = _collect(readers, on_result, _told_once(warn))
        finally:
            self._end(readers)
        return runs[0]

    def hand(
        self,
        targets: Mapping[str, str | None],
        options: CheckOptions,
        *,
        stream: bool,
        facts: bool = True,
    ) -> dict[Connection, Any]:
        """Give the worker its URLs; its pipe and process, for the caller to read results
        from (:func:`~citecheck.check.jobs._collect`) and end. ``stream`` and ``facts`` as
        :func:`~citecheck.check.jobs._work` takes them. Raises
        :class:`~citecheck.check.jobs.WorkerFailed` if it died before."""
        from citecheck.check.jobs import WorkerFailed

        try:
            self._pipe.send((dict(targets), options, stream, facts))
        except OSError:  # it died before it got the URLs (killed, out of memory)
            self.close()
            raise WorkerFailed("the check's worker process ended before it started") from None
        return {self._pipe: self._process}

    def close(self) -> None:
        """End the worker unused (nothing to check): at once, whatever it is importing."""
        self._end({self._pipe: self._process})

    def _end(self, readers: dict[Connection, Any]) -> None:
        self._pipe.close()
        for process in readers.values():
            process.terminate()
            process.join()


#: What both processes import whatever the run (the event loop, the models between stages,
#: the fuzzy matcher of titles and notes, the JSON codec): imported once, before the fork,
#: rather than by each process after it. ≈60 ms of CPU that one of them spent for nothing;
#: the worker is ready no later (what it imports before or after the fork is the same).
SHARED_MODULES = (
    "asyncio", "citecheck.models", "rapidfuzz.fuzz", "rapidfuzz.process", "json", "ssl",
    "datetime", "inspect", "logging", "pathlib", "uuid", "ipaddress", "hashlib",
)


#: The worker the console script started before the command line was imported, if any.
_ahead: list[WarmWorker] = []


def start_ahead() -> None:
    """Start a warm worker now, for :func:`take_ahead` to hand to the run (the console script,
    before it imports the command line, when its arguments name a check)."""
    for name in SHARED_MODULES:
        importlib.import_module(name)
    worker = WarmWorker.start()
    if worker is not None:
        _ahead.append(worker)


def take_ahead() -> WarmWorker | None:
    """The worker :func:`start_ahead` started, now the caller's to use or close; else None."""
    return _ahead.pop() if _ahead else None


def end_ahead() -> None:
    """End a worker started ahead that no run took (another command, a usage error)."""
    while _ahead:
        _ahead.pop().close()


def _warm(pipe: Connection, parent: int) -> None:
    """A warm worker's life: import the check stack, wait for URLs, check them, end."""
    leave_signals_to_parent()  # before any import: Ctrl-C is the parent's to handle
    _die_with(parent)
    import httpx

    from citecheck.check import runner
    from citecheck.check.client import make_client  # noqa: F401

    # make_client's own context, built before the URLs come rather than after.
    verify = httpx.create_ssl_context(verify=True, trust_env=True)
    for name in runner.ANSWER_MODULES:  # while the parent still parses; else after the start
        if pipe.poll():
            break
        importlib.import_module(name)
    try:
        message = pipe.recv()
    except EOFError:  # the parent is gone, or ended this worker without a word
        return
    targets, options, stream, facts = message
    from citecheck.check.jobs import _work

    _work(targets, options, stream, pipe, verify=verify, facts=facts)


def leave_signals_to_parent() -> None:
    """In a worker: the parent decides how the run ends (Ctrl-C is ignored here) and ends this
    process (SIGTERM: the default action, not a handler the parent installed) at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _die_with(parent: int) -> None:
    """Have the kernel end this process when its parent ends (Linux); no orphan checks on."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent ended before the request took hold
        os._exit(0)
