"""``--jobs N``: the hosts split over N worker processes, each with its own event loop.

A host lives in one worker (:func:`~citecheck.check.shard.split_by_host`), so its per-host
limits and spacing hold as in one process; the overall limit (``--concurrency``) is divided
between the workers. Results stream back to the parent as they settle (for the progress bar)
and are merged in the order of the URLs given, then settled together
(:func:`~citecheck.check.runner.settle_runs`), so the report is the one a single process makes.

Workers are forked where the platform can (they inherit the imported modules: no start-up
cost), spawned elsewhere. The parent forks before it starts any event loop.

A worker's warnings (a host's header left unsent because its environment variable is unset)
travel back through the same pipe as its results and are told by the parent, each once: two
workers can meet the same host (a redirect hop), and one user must not read a warning twice.

With one job, the check stage's start-up (httpx, aiohttp, the client's TLS context: ≈0.12 s
before the first request) is taken off the critical path on a machine with two usable CPUs or
more: :meth:`WarmWorker.start` forks a worker before the documents are read; it imports the
check stack while this process reads and parses, then checks the URLs it is handed
(:meth:`WarmWorker.check`), streaming its results back as a ``--jobs`` worker does. Ended
unused (:meth:`WarmWorker.close`) when there is nothing to check. It ignores Ctrl-C (the
parent decides how the run ends and ends it) and, on Linux, dies with the parent.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Mapping
from dataclasses import replace
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any

from citecheck.models import CheckOptions, LinkResult

if TYPE_CHECKING:
    import ssl

    from citecheck.check.runner import CheckRun

__all__ = ["WarmWorker", "WorkerFailed", "check_in_workers", "usable_cpus"]


class WorkerFailed(RuntimeError):
    """A worker process ended without handing back its results."""


def _work(
    targets: dict[str, str | None],
    options: CheckOptions,
    stream: bool,
    pipe: Connection,
    verify: ssl.SSLContext | None = None,
) -> None:
    from citecheck.check.client import make_client
    from citecheck.check.heap import collector_for_checks
    from citecheck.check.runner import check_urls

    def send(result: LinkResult) -> None:
        pipe.send(("result", result))

    def warn(message: str) -> None:
        pipe.send(("warn", message))

    async def check() -> CheckRun:
        client = make_client(options) if verify is None else make_client(options, verify=verify)
        async with client:
            return await check_urls(targets, options, client=client,
                                    on_result=send if stream else None, warn=warn)

    try:
        with collector_for_checks():
            run = asyncio.run(check())
        pipe.send(("done", run))
    except BaseException as exc:  # reported by the parent, which owns the exit code
        pipe.send(("failed", f"{type(exc).__name__}: {exc}"))
    finally:
        pipe.close()


def _warm(pipe: Connection, parent: int) -> None:
    """A warm worker's life: import the check stack, wait for URLs, check them, end."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
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
    targets, options, stream = message
    _work(targets, options, stream, pipe, verify)


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


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


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
        """A new worker, or None where it cannot pay: fewer than two usable CPUs (it would
        take the CPU this process parses with), or no ``fork`` (a spawned worker would start
        a whole interpreter and import everything again: Windows, macOS)."""
        if "fork" not in multiprocessing.get_all_start_methods() or usable_cpus() < 2:
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
        try:
            self._pipe.send((dict(targets), options, on_result is not None))
        except OSError:  # it died before it got the URLs (killed, out of memory)
            self.close()
            raise WorkerFailed("the check's worker process ended before it started") from None
        if while_waiting is not None:
            while_waiting()
        readers = {self._pipe: self._process}
        try:
            runs = _collect(readers, on_result, _told_once(warn))
        finally:
            self._end(readers)
        return runs[0]

    def close(self) -> None:
        """End the worker unused (nothing to check): at once, whatever it is importing."""
        self._end({self._pipe: self._process})

    def _end(self, readers: dict[Connection, Any]) -> None:
        self._pipe.close()
        for process in readers.values():
            process.terminate()
            process.join()


def _told_once(warn: Callable[[str], None] | None) -> Callable[[str], None]:
    """``warn``, saying each distinct message once whichever worker gave it."""
    told: set[str] = set()

    def tell(message: str) -> None:
        if warn is not None and message not in told:
            told.add(message)
            warn(message)

    return tell


def _collect(
    readers: dict[Connection, Any],
    on_result: Callable[[LinkResult], None] | None,
    tell: Callable[[str], None],
) -> list[CheckRun]:
    """Every worker's :class:`CheckRun`, passing on results and warnings as they come.

    A worker that fails or ends without its run raises :class:`WorkerFailed`; the workers
    still running then are the caller's to end (``readers`` keeps them).
    """
    runs: list[CheckRun] = []
    while readers:
        for ready in wait(list(readers)):
            assert isinstance(ready, Connection)
            try:
                kind, payload = ready.recv()
            except EOFError:
                raise WorkerFailed("a worker process ended without its results") from None
            if kind == "result" and on_result is not None:
                on_result(payload)
            elif kind == "warn":
                tell(payload)
            elif kind == "done":
                runs.append(payload)
                readers.pop(ready).join()
                ready.close()
            elif kind == "failed":
                raise WorkerFailed(f"a worker process failed: {payload}")
    return runs


def check_in_workers(
    targets: Mapping[str, str | None],
    options: CheckOptions,
    jobs: int,
    on_result: Callable[[LinkResult], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> CheckRun:
    """Check ``targets`` in up to ``jobs`` worker processes; a :class:`CheckRun` of them all.

    Hosts are split by :func:`split_by_host`; a part with no URLs gets no process, and one part
    alone is checked here, in this process. ``on_result`` and ``warn`` are called here, in this
    process; ``warn`` once per distinct message, whichever workers gave it.
    """
    from citecheck.check.runner import check_urls, settle_runs
    from citecheck.check.shard import split_by_host

    tell = _told_once(warn)
    parts = [part for part in split_by_host(targets, jobs, options.doi_base) if part]
    if len(parts) <= 1:
        return asyncio.run(check_urls(dict(targets), options, on_result=on_result, warn=tell))
    # The overall limit is the run's, shared out: N workers do not open N times the connections.
    share = replace(options, concurrency=max(1, options.concurrency // len(parts)))
    context = _context()
    # A forked worker flushes the standard streams it inherited when it ends: anything still
    # buffered here would be printed twice.
    sys.stdout.flush()
    sys.stderr.flush()
    readers: dict[Connection, Any] = {}
    for part in parts:
        reader, writer = context.Pipe(duplex=False)
        process = context.Process(
            target=_work, args=(part, share, on_result is not None, writer), daemon=True
        )
        process.start()
        writer.close()
        readers[reader] = process
    try:
        runs = _collect(readers, on_result, tell)
    finally:
        for process in readers.values():
            process.terminate()
            process.join()
    return settle_runs(targets, runs)
