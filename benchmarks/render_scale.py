"""Offline render and memory (issue #13): every output format at 2,000 and 20,000 notes, the CLI
with no network, and where a run's memory goes.

No nginx, no network. Three parts, each also alone:

* ``formats``: the Markdown document of ``report_size.py`` with N notes (2,000 and 20,000 by
  default), parsed and assembled with mixed verdicts (every tenth fails), then every formatter
  timed (best CPU of ``--repeat``): json, markdown, junit, sarif, github, html, the table
  (compact and ``--all``) and the lines. The last column is the time per note at the larger
  size divided by the time per note at the smaller: about 1 for a linear formatter.
* ``cli``: ``citecheck DOC --no-cache --no-archive`` on the 2,000-note document, run in a new
  network namespace (``unshare -n``, as root) so that the machine is really offline: every
  name fails to resolve at once, as on a laptop with no network. Without ``unshare`` (or not
  root) the run uses whatever network there is, and a resolver that drops queries makes the
  wall time meaningless (its CPU time still counts). Wall, user + sys CPU and peak RSS of each
  run, with ``--output table`` (what a terminal shows), ``--output lines`` and ``--quiet``;
  and ``citecheck --version``. The load average is printed with the numbers: the machine is
  shared.
* ``memory``: the same CLI run under ``tracemalloc`` in-process (``--notes``, default 5,000),
  printing the peak of Python's allocations and the largest allocation sites at the end (run
  the script itself under ``unshare -n`` to keep this part offline too).

    python benchmarks/render_scale.py                     # all three
    python benchmarks/render_scale.py formats --sizes 2000 20000 --repeat 3
    python benchmarks/render_scale.py cli --runs 5
    python benchmarks/render_scale.py memory --notes 5000
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from report_size import document  # noqa: E402  (a sibling script, not a package)


def _report(notes: int) -> object:
    from report_size import report

    return report(notes)


def _formatters() -> dict[str, Callable[[object], str]]:
    from citecheck.report.github import format_annotations
    from citecheck.report.html import format_html
    from citecheck.report.json import format_json
    from citecheck.report.junit import format_junit
    from citecheck.report.lines import format_lines
    from citecheck.report.markdown import format_markdown
    from citecheck.report.sarif import format_sarif
    from citecheck.report.table import format_table

    return {
        "json": format_json,  # type: ignore[dict-item]
        "markdown": format_markdown,  # type: ignore[dict-item]
        "junit": lambda r: format_junit(r, root="/r", cwd="/r"),  # type: ignore[arg-type]
        "sarif": lambda r: format_sarif(r, root="/r", cwd="/r"),  # type: ignore[arg-type]
        "github": lambda r: format_annotations(r, root="/r", cwd="/r"),  # type: ignore[arg-type]
        "html": format_html,  # type: ignore[dict-item]
        "table (compact, 120)": lambda r: format_table(r, width=120),  # type: ignore[arg-type]
        "table --all (120)": lambda r: format_table(r, width=120, show_all=True),  # type: ignore[arg-type]
        "lines": format_lines,  # type: ignore[dict-item]
    }


def _cpu() -> float:
    return time.process_time()


def formats(sizes: list[int], repeat: int) -> None:
    """Best CPU time of each formatter at each size, and how far from linear it is."""
    timings: dict[str, list[float]] = {}
    start = _cpu()
    reports = {n: _report(n) for n in sizes}
    print(f"parse + assemble of {' and '.join(map(str, sizes))} notes: "
          f"{(_cpu() - start):.2f} s CPU")
    for name, format_ in _formatters().items():
        timings[name] = []
        for n in sizes:
            best = float("inf")
            for _ in range(repeat):
                # A new Report object each time: what a formatter shares with the others of
                # one run (the masked report) is paid by each here, as by the first in a run.
                fresh = dataclasses.replace(reports[n])  # type: ignore[type-var]
                began = _cpu()
                format_(fresh)
                best = min(best, _cpu() - began)
            timings[name].append(best)
    head = " | ".join(f"{n:,} notes" for n in sizes)
    print(f"| format | {head} | per note, largest / smallest |")
    print("|---|" + "---:|" * (len(sizes) + 1))
    for name, seconds in timings.items():
        cells = " | ".join(f"{s * 1000:,.0f} ms" for s in seconds)
        ratio = (seconds[-1] / sizes[-1]) / (seconds[0] / sizes[0]) if seconds[0] else 0.0
        print(f"| {name} | {cells} | {ratio:.2f} |")


def _timed(args: list[str], cwd: str, offline: bool) -> tuple[float, float, int, int]:
    """Wall, user + sys CPU, peak RSS in kB and the exit code of one run."""
    prefix = ["unshare", "-n"] if offline else []  # unshare execs the command: same process
    began = time.perf_counter()
    child = subprocess.Popen(prefix + args, cwd=cwd, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, child.returncode


def _can_unshare() -> bool:
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    return subprocess.run(["unshare", "-n", "true"], check=False).returncode == 0


def cli(notes: int, runs: int) -> None:
    """The CLI on an N-note document with no network: wall, CPU and peak RSS per run."""
    offline = _can_unshare()
    exe = shutil.which("citecheck") or "citecheck"
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "big.md").write_text(document(notes), encoding="utf-8")
        variants = {
            "--version": [exe, "--version"],
            "--output table": [exe, "big.md", "--no-cache", "--no-archive", "--output", "table"],
            "--output lines": [exe, "big.md", "--no-cache", "--no-archive", "--output", "lines"],
            "--quiet": [exe, "big.md", "--no-cache", "--no-archive", "--quiet"],
        }
        print(f"{notes:,} notes, {'no network (unshare -n)' if offline else 'this network'}, "
              f"load average before: {os.getloadavg()[0]:.2f}")
        print("| run | wall (median; runs) | CPU user+sys (median) | peak RSS (max) | exit |")
        print("|---|---:|---:|---:|---:|")
        rows: dict[str, list[tuple[float, float, int, int]]] = {k: [] for k in variants}
        for _ in range(runs):  # alternate the variants, so load hits them alike
            for name, args in variants.items():
                rows[name].append(_timed(args, tmp, offline))
        for name, measured in rows.items():
            walls = sorted(m[0] for m in measured)
            cpus = sorted(m[1] for m in measured)
            print(f"| `citecheck {name}` | {walls[len(walls) // 2]:.2f} s "
                  f"({', '.join(f'{m[0]:.2f}' for m in measured)}) | "
                  f"{cpus[len(cpus) // 2]:.2f} s | {max(m[2] for m in measured) / 1024:.0f} MB"
                  f" | {measured[-1][3]} |")
        print(f"load average after: {os.getloadavg()[0]:.2f}")


_STAGES = r"""
import sys, time
start = time.process_time()
marks = []
def mark(name):
    marks.append((name, time.process_time()))
import citecheck.cli as cli
from citecheck import pipeline
mark("start-up and importing the CLI")

def timed(module, name, label):
    inner = getattr(module, name)
    def wrapper(*args, **kwargs):
        mark("(before " + label + ")")
        try:
            return inner(*args, **kwargs)
        finally:
            mark(label)
    setattr(module, name, wrapper)

def timed_async(module, name, label):
    inner = getattr(module, name)
    async def wrapper(*args, **kwargs):
        mark("(before " + label + ")")
        try:
            return await inner(*args, **kwargs)
        finally:
            mark(label)
    setattr(module, name, wrapper)

timed(pipeline, "_read_documents", "read and parse")
timed_async(pipeline, "_check_and_rescue", "check (importing the checker included)")
timed(pipeline, "assemble", "assemble")
timed(cli, "_write_outputs", "write --json")
timed(cli, "_show", "show (" + sys.argv[-1] + ")")
sys.argv = ["citecheck", *sys.argv[1:]]
try:
    cli.main()
except SystemExit:
    pass
mark("exit")
last = start
for name, at in marks:
    print(f"{name}\t{at - last:.3f}")
    last = at
print(f"total CPU\t{time.process_time():.3f}")
"""


def stages(notes: int, runs: int) -> None:
    """Where the offline CLI run's CPU goes, stage by stage (best of ``runs`` per stage)."""
    offline = _can_unshare()
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "big.md").write_text(document(notes), encoding="utf-8")
        for output in ("table", "lines"):
            best: dict[str, float] = {}
            order: list[str] = []
            for _ in range(runs):
                args = ["big.md", "--no-cache", "--no-archive", "--json", "out.json",
                        "--output", output]
                done = subprocess.run([*(["unshare", "-n"] if offline else []), sys.executable,
                                       "-c", _STAGES, *args], cwd=tmp, capture_output=True,
                                      text=True, check=False)
                seen: dict[str, float] = {}
                for line in done.stdout.splitlines():
                    if "\t" in line:
                        name, value = line.rsplit("\t", 1)
                        seen[name] = seen.get(name, 0.0) + float(value)
                for name, value in seen.items():
                    if name not in best:
                        order.append(name)
                    best[name] = min(best.get(name, value), value)
            print(f"\n{notes:,} notes, --output {output} --json, "
                  f"{'no network' if offline else 'this network'}, best CPU of {runs}:")
            for name in order:
                print(f"  {name:<45} {best[name]:6.3f} s")


def memory(notes: int, top: int) -> None:
    """Peak of Python's allocations in an offline CLI run, and what held them at the peak."""
    import tracemalloc

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "big.md")
        path.write_text(document(notes), encoding="utf-8")
        tracemalloc.start(8)
        from citecheck.cli import app

        try:
            app([str(path), "--no-cache", "--no-archive", "--quiet", "--output", "lines"],
                standalone_mode=False)
        except SystemExit:
            pass
        except BaseException as exc:  # typer.Exit and friends
            if type(exc).__name__ not in ("Exit", "SystemExit"):
                raise
        current, peak = tracemalloc.get_traced_memory()
        snapshot = tracemalloc.take_snapshot()
        tracemalloc.stop()
    print(f"tracemalloc: peak {peak / 2**20:.1f} MiB, at the end {current / 2**20:.1f} MiB; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB "
          "(with tracemalloc's own overhead)")
    for stat in snapshot.statistics("filename")[:top]:
        print(f"{stat.size / 2**20:8.2f} MiB {stat.count:8d}  {stat.traceback[0].filename}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("part", nargs="?",
                        choices=("formats", "cli", "stages", "memory", "all"),
                        default="all")
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--notes", type=int, default=None,
                        help="notes for cli (2,000) and memory (5,000)")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    if args.part in ("formats", "all"):
        formats(args.sizes, args.repeat)
    if args.part in ("cli", "all"):
        cli(args.notes or 2000, args.runs)
    if args.part in ("stages", "all"):
        stages(args.notes or 2000, args.runs)
    if args.part in ("memory", "all"):
        memory(args.notes or 5000, args.top)


if __name__ == "__main__":
    main()
