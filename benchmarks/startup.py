"""Start-up: how long citecheck takes from launch to its first request (issue #13).

    python benchmarks/startup.py [--runs 7] [--notes 2000] [--hosts 50] BIN [BIN ...]

Each BIN is a ``citecheck`` executable (two installs compare before and after: runs alternate
between them, so a change in the machine's load hits both). A run starts BIN on a document of
``--notes`` notes, each citing a distinct URL on one of ``--hosts`` loopback addresses
(127.20.0.x, as in ``scale.py``), with the scale scenario's options; a listener on those addresses
notes when the first connection arrives and the run is then stopped. The time from launch to that
connection is everything before checking: interpreter, imports, options, configuration, reading
and parsing the document, choosing the targets. ``citecheck --version`` is timed too (to exit).
Medians of wall and CPU (the process's, until it is stopped) are printed, and every run's
wall with ``--all``. Byte-compile both installs first (``python -m compileall``), as ``run.sh``
does: with ``PYTHONDONTWRITEBYTECODE`` set an editable install recompiles every module per run.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # benchmarks/ is not a package: its folder is put on sys.path above

FIRST_CONNECTION_LIMIT_S = 60.0


def write_document(path: Path, notes: int, hosts: int, port: int) -> None:
    """The scale scenario's document: note i cites host i mod ``hosts``."""
    cited = [(f"Observation {i} is documented.", f"Field Report {i:05d} on Security in the Sahel",
              "Sahel Field Reports", f"http://127.20.0.{i % hosts + 1}:{port}/d/item-{i:05d}")
             for i in range(notes)]
    path.write_text(bench.make_document("Start-up", cited, arabic=True), encoding="utf-8")


def listeners(hosts: int, port: int) -> list[socket.socket]:
    """One listening socket per host address; nothing is ever answered."""
    socks = []
    for h in range(hosts):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((f"127.20.0.{h + 1}", port))
        sock.listen(256)
        sock.setblocking(False)
        socks.append(sock)
    return socks


def first_connection(socks: list[socket.socket], started: float) -> float:
    """Seconds from ``started`` until any listener has a connection waiting."""
    import selectors

    selector = selectors.DefaultSelector()
    for sock in socks:
        selector.register(sock, selectors.EVENT_READ)
    try:
        if not selector.select(timeout=FIRST_CONNECTION_LIMIT_S):
            raise SystemExit("no request within the limit")
        return time.perf_counter() - started
    finally:
        selector.close()


def drain(socks: list[socket.socket]) -> None:
    for sock in socks:
        while True:
            try:
                conn, _ = sock.accept()
            except BlockingIOError:
                break
            conn.close()


def one_run(binary: str, doc: Path, out: Path,
            socks: list[socket.socket]) -> tuple[float, float]:
    """(wall, CPU) from launch to the first connection."""
    cmd = [binary, str(doc), "--json", str(out), "--allow-private", "--no-archive", "--no-cache",
           "--timeout", "10", "--concurrency", "128", "--per-host", "10", "--user-agent",
           "citecheck-bench/startup"]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=bench.child_env(), start_new_session=True)
    try:
        wall = first_connection(socks, started)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        _, _, usage = os.wait4(proc.pid, 0)
        proc.returncode = -signal.SIGKILL
        drain(socks)
    return wall, usage.ru_utime + usage.ru_stime


def version_run(binary: str) -> float:
    started = time.perf_counter()
    subprocess.run([binary, "--version"], check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bins", nargs="+", metavar="BIN")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--port", type=int, default=18490)
    parser.add_argument("--all", action="store_true", help="print every run")
    args = parser.parse_args()
    socks = listeners(args.hosts, args.port)
    first: dict[str, list[float]] = {b: [] for b in args.bins}
    cpu: dict[str, list[float]] = {b: [] for b in args.bins}
    version: dict[str, list[float]] = {b: [] for b in args.bins}
    with tempfile.TemporaryDirectory(prefix="citecheck-startup-") as tmp:
        doc = Path(tmp) / "doc.txt"
        write_document(doc, args.notes, args.hosts, args.port)
        for binary in args.bins:  # one unmeasured run each: the file cache, .pyc files
            one_run(binary, doc, Path(tmp) / "out.json", socks)
        for _ in range(args.runs):
            for binary in args.bins:
                wall, used = one_run(binary, doc, Path(tmp) / "out.json", socks)
                first[binary].append(wall)
                cpu[binary].append(used)
                version[binary].append(version_run(binary))
    print(f"load average (1 min) at the end: {os.getloadavg()[0]:.2f}")
    for binary in args.bins:
        runs = " ".join(f"{t:.3f}" for t in first[binary]) if args.all else ""
        print(f"{binary}: first request {statistics.median(first[binary]):.3f} s (median of "
              f"{args.runs}; min {min(first[binary]):.3f}), CPU "
              f"{statistics.median(cpu[binary]):.3f} s · --version "
              f"{statistics.median(version[binary]):.3f} s  {runs}")


if __name__ == "__main__":
    main()
