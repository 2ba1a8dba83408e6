"""The warm worker (``check/warm.py``): a one-job check in a process forked before the documents
are read, on the real 127.0.0.1 test server; the same results as checking in-process, and no
process left behind, whichever way the run ends."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from support.server import Web

from citecheck.check import warm
from citecheck.check.jobs import WorkerFailed, check_in_workers
from citecheck.check.shard import balance_by_host, host_of
from citecheck.check.warm import WarmWorker
from citecheck.models import HostSettings, LinkResult

from .support import check, local

needs_fork = pytest.mark.skipif(
    multiprocessing.get_all_start_methods()[0] != "fork", reason="the warm worker is forked"
)

#: Run a script as if the machine had two usable CPUs, whatever it has.
TWO_CPUS = "from citecheck.check import warm; warm.usable_cpus = lambda: 2\n"


@pytest.fixture(autouse=True)
def _two_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warm, "usable_cpus", lambda: 2)

PATHS = ("/page", "/gone", "/moved-301", "/error-500", "/forbidden")


def _comparable(result: LinkResult) -> tuple[object, ...]:
    return (result.url, result.status, result.detail, result.http_status, result.final_url,
            result.redirects, result.title, result.attempts)


def _started() -> WarmWorker:
    worker = WarmWorker.start()
    assert worker is not None
    return worker


def _gone(pid: int, within: float = 10.0) -> bool:
    """Whether process ``pid`` has ended (and been reaped, or is a zombie) within seconds."""
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
        except FileNotFoundError:
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


@needs_fork
def test_the_worker_checks_as_this_process_would(web: Web) -> None:
    targets: dict[str, str | None] = {web.main.url(path): None for path in PATHS}
    options = local(retries=0)
    here = check(targets, options)
    hits_here = ([web.main.hits(path) for path in PATHS], web.main.total)
    web.reset()
    streamed: list[LinkResult] = []
    handed: list[str] = []
    worker = _started()
    run = worker.check(targets, options, on_result=streamed.append,
                       while_waiting=lambda: handed.append("now"))
    assert list(run.results) == list(targets)  # in the order given
    assert [_comparable(r) for r in run.results.values()] == [
        _comparable(r) for r in here.results.values()]
    assert sorted(r.url for r in streamed) == sorted(targets)  # each streamed once
    assert handed == ["now"]
    assert run.offline is here.offline is False
    assert ([web.main.hits(path) for path in PATHS], web.main.total) == hits_here  # no more
    assert _gone(worker._process.pid)


@needs_fork
def test_a_warning_in_the_worker_is_told_here_once(web: Web) -> None:
    from citecheck.models import UnsetSecret

    secret = UnsetSecret(("CITECHECK_TEST_UNSET_TOKEN",))
    options = local(retries=0, hosts=(
        ("127.0.0.1", HostSettings(headers=(("Authorization", secret),))),))
    told: list[str] = []
    worker = _started()
    worker.check({web.main.url("/page"): None, web.main.url("/page-two"): None}, options,
                 warn=told.append)
    assert len(told) == 1 and "CITECHECK_TEST_UNSET_TOKEN" in told[0]


@needs_fork
def test_a_worker_closed_unused_ends_at_once() -> None:
    worker = _started()
    pid = worker._process.pid
    worker.close()
    assert _gone(pid, within=2.0)


@needs_fork
def test_a_worker_that_died_is_a_failure_not_a_hang(web: Web) -> None:
    worker = _started()
    os.kill(worker._process.pid, signal.SIGKILL)
    worker._process.join()
    with pytest.raises(WorkerFailed):
        worker.check({web.main.url("/page"): None}, local())


def test_no_worker_with_one_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warm, "usable_cpus", lambda: 1)
    assert WarmWorker.start() is None


@pytest.mark.parametrize("methods", [["spawn"], ["spawn", "fork", "forkserver"]],
                         ids=["Windows", "macOS"])
def test_no_worker_where_fork_is_not_the_default(
    monkeypatch: pytest.MonkeyPatch, methods: list[str]
) -> None:
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: methods)
    assert WarmWorker.start() is None


def test_usable_cpus_is_this_process_affinity(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the real usable_cpus
    expected = (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                else os.cpu_count())
    assert warm.usable_cpus() == expected


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.extend(int(child) for child in (task / "children").read_text().split())
    return found


@pytest.mark.skipif(not Path("/proc/self/task").exists() or not sys.platform.startswith("linux"),
                    reason="reads a process's children from /proc (Linux)")
@needs_fork
def test_the_worker_dies_with_its_parent(web: Web) -> None:
    # The worker is mid-check (a URL that hangs for a minute) when its parent is killed: no
    # pipe tells it, only the kernel can end it.
    script = TWO_CPUS + textwrap.dedent(f"""
        import sys
        from citecheck.check.warm import WarmWorker
        from citecheck.models import CheckOptions
        worker = WarmWorker.start()
        print(worker._process.pid, flush=True)
        worker.check({{{web.main.url('/hang')!r}: None}},
                     CheckOptions(allow_private=True, timeout=60, retries=0))
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        for _ in range(600):
            if web.main.hits("/hang"):
                break
            time.sleep(0.05)
        assert web.main.hits("/hang") == 1
        parent.kill()  # SIGKILL: no exit handler runs
        parent.wait()
        assert _gone(child)
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc (Linux)")
@needs_fork
def test_ctrl_c_leaves_no_worker_behind(web: Web, tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text(f"A claim.[^1]\n\n[^1]: {web.main.url('/hang')}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CITECHECK_", "GITHUB_"))}
    script = TWO_CPUS + "from citecheck import entry\nentry.main()\n"  # python -m citecheck
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(doc), "--allow-private", "--timeout", "60",
         "--retries", "0", "--no-archive", "--no-cache"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        for _ in range(600):
            if web.main.hits("/hang") or process.poll() is not None:
                break
            time.sleep(0.05)
        assert web.main.hits("/hang") == 1, process.communicate(timeout=5)
        workers = _children(process.pid)
        assert len(workers) == 1  # the request came from the warm worker
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole group
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines() == ["citecheck: interrupted"]
    assert all(_gone(pid) for pid in workers)


# ----------------------------------------------------------------------------- two processes


def test_hosts_are_balanced_by_their_url_counts() -> None:
    sizes = {"a.example": 5, "b.example": 3, "c.example": 2, "d.example": 2}
    urls = [f"https://{host}/{i}" for host, n in sizes.items() for i in range(n)]
    parts = balance_by_host(dict.fromkeys(urls), 2)
    assert sorted(len(part) for part in parts) == [5, 7]  # a+d / b+c: as even as hosts allow
    assert sorted(u for part in parts for u in part) == sorted(urls)  # each URL once
    for part in parts:  # a host lives in one part; the given order is kept
        others = {host_of(u) for p in parts if p is not part for u in p}
        assert not {host_of(u) for u in part} & others
        assert list(part) == [u for u in urls if u in part]
    assert parts == balance_by_host(dict.fromkeys(urls), 2)  # the same split every time
    # One host with most of the URLs: it gets a process of its own, the rest the other.
    skewed = [f"https://big.example/{i}" for i in range(50)] + [
        f"https://small{i}.example/" for i in range(10)]
    assert sorted(len(p) for p in balance_by_host(dict.fromkeys(skewed), 2)) == [10, 50]
    assert [len(p) for p in balance_by_host(dict.fromkeys(skewed), 3)] == [50, 5, 5]


@needs_fork
def test_the_warm_worker_and_one_more_check_as_this_process_would(web: Web) -> None:
    # Two hosts (127.0.0.1 and localhost, the same server): one for each process.
    paths = ("/page", "/gone", "/moved-301")
    targets: dict[str, str | None] = {}
    for path in paths:
        targets[web.main.url(path)] = None
        targets[web.main.url(path).replace("127.0.0.1", "localhost")] = None
    options = local(retries=0)
    here = check(targets, options)
    hits_here = ([web.main.hits(path) for path in PATHS], web.main.total)
    web.reset()
    streamed: list[LinkResult] = []
    worker = _started()
    run = check_in_workers(targets, options, 2, streamed.append, warm=worker)
    assert [_comparable(r) for r in run.results.values()] == [
        _comparable(r) for r in here.results.values()]
    assert sorted(r.url for r in streamed) == sorted(targets)
    assert ([web.main.hits(path) for path in PATHS], web.main.total) == hits_here
    assert _gone(worker._process.pid)


@needs_fork
def test_a_bug_in_the_worker_is_raised_here_with_its_traceback(
    web: Web, monkeypatch: pytest.MonkeyPatch
) -> None:
    from citecheck.check import runner

    async def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("a bug in the check")

    monkeypatch.setattr(runner, "check_urls", broken)  # before the fork: the worker has it too
    worker = _started()
    with pytest.raises(WorkerFailed, match=r"(?s)Traceback.*ValueError: a bug in the check"):
        worker.check({web.main.url("/page"): None}, local())
    assert _gone(worker._process.pid)
