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
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import sys
from collections.abc import Callable, Mapping
from dataclasses import replace
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any

from citecheck.check.warm import leave_signals_to_parent
from citecheck.models import CheckOptions, LinkResult

if TYPE_CHECKING:
    import ssl

    from citecheck.check.outcome import CheckRun
    from citecheck.check.warm import WarmWorker

__all__ = ["WorkerFailed", "check_in_workers"]


class WorkerFailed(RuntimeError):
    """A worker process ended without handing back its results."""


def _work(
    targets: dict[str, str | None],
    options: CheckOptions,
    stream: bool,
    pipe: Connection,
    *,
    verify: ssl.SSLContext | None = None,
    facts: bool = True,
) -> None:
    """Check ``targets`` and send the results up ``pipe``: streamed (``stream``) as they
    settle, then the whole :class:`CheckRun`, with its facts only if ``facts`` (the parent
    settles several runs together with them)."""
    from citecheck.check.client import make_client
    from citecheck.check.heap import collector_for_checks
    from citecheck.check.runner import check_urls

    # The results settled in one turn of the event loop go up in one message: one per result
    # cost both processes 25 µs each (pickling, a write, a wait and a read), 0.13 s at 5,000.
    batch: list[LinkResult] = []

    def send(result: LinkResult) -> None:
        if not batch:
            asyncio.get_running_loop().call_soon(flush)
        batch.append(result)

    def flush() -> None:
        if batch:
            pipe.send(("results", batch[:]))
            batch.clear()

    def warn(message: str) -> None:
        flush()
        pipe.send(("warn", message))

    done = False

    async def check() -> None:
        nonlocal done
        client = make_client(options) if verify is None else make_client(options, verify=verify)
        async with client:
            run = await check_urls(targets, options, client=client,
                                   on_result=send if stream else None, warn=warn)
            flush()
            # Before the connections are closed: the parent has all it needs and ends this
            # process without waiting for the teardown.
            pipe.send(("done", run if facts else replace(run, facts={})))
            done = True

    leave_signals_to_parent()
    try:
        with collector_for_checks():
            asyncio.run(check())
    except BaseException:  # reported by the parent, which owns the exit code
        if not done:
            import traceback

            with contextlib.suppress(OSError):  # the worker's own traceback, for a bug report
                pipe.send(("failed", traceback.format_exc().rstrip()))
    finally:
        pipe.close()


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


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
            if kind == "results" and on_result is not None:
                for result in payload:
                    on_result(result)
            elif kind == "warn":
                tell(payload)
            elif kind == "done":
                runs.append(payload)
                _end(readers.pop(ready))  # not waiting for its teardown (closing connections)
                ready.close()
            elif kind == "failed":
                raise WorkerFailed(f"a worker process failed: {payload}")
    return runs


def _end(process: Any) -> None:
    process.terminate()
    process.join()


def check_in_workers(
    targets: Mapping[str, str | None],
    options: CheckOptions,
    jobs: int,
    on_result: Callable[[LinkResult], None] | None = None,
    warn: Callable[[str], None] | None = None,
    *,
    warm: WarmWorker | None = None,
    while_waiting: Callable[[], object] | None = None,
) -> CheckRun:
    """Check ``targets`` in up to ``jobs`` worker processes; a :class:`CheckRun` of them all.

    Hosts are balanced over the workers by their URL counts (:func:`balance_by_host`); a part
    with no URLs gets no process. ``warm`` (a :class:`WarmWorker` started ahead) checks the
    first part; without it, one part alone is checked here, in this process. ``on_result`` and
    ``warn`` are called here, in this process; ``warn`` once per distinct message, whichever
    workers gave it; ``while_waiting`` once every worker has its URLs.
    """
    from citecheck.check.outcome import settle_runs
    from citecheck.check.shard import balance_by_host

    tell = _told_once(warn)
    parts = [part for part in balance_by_host(targets, jobs, options.doi_base) if part]
    if len(parts) <= 1:
        if warm is not None:
            return warm.check(targets, options, on_result, warn=tell, while_waiting=while_waiting)
        from citecheck.check.runner import check_urls

        return asyncio.run(check_urls(dict(targets), options, on_result=on_result, warn=tell,
                                      while_waiting=while_waiting))
    # The overall limit is the run's, shared out: N workers do not open N times the connections.
    share = replace(options, concurrency=max(1, options.concurrency // len(parts)))
    context = _context()
    # A forked worker flushes the standard streams it inherited when it ends: anything still
    # buffered here would be printed twice.
    sys.stdout.flush()
    sys.stderr.flush()
    readers: dict[Connection, Any] = {}
    try:
        if warm is not None:
            readers.update(warm.hand(parts.pop(0), share, stream=on_result is not None))
        for part in parts:
            reader, writer = context.Pipe(duplex=False)
            process = context.Process(
                target=_work, args=(part, share, on_result is not None, writer), daemon=True
            )
            process.start()
            writer.close()
            readers[reader] = process
        if while_waiting is not None:
            while_waiting()
        runs = _collect(readers, on_result, tell)
    finally:
        for process in readers.values():
            _end(process)
    return settle_runs(targets, runs)
