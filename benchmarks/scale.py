"""Throughput at scale: citecheck vs lychee against the floor (issue #13).

Run through ``bash benchmarks/run.sh --scenario scale`` (options: ``--runs``, ``--only NAME``,
``--timeout``, ``--tools``, ``--profile NAME``). Every scenario is N notes, each citing one
distinct live URL, spread evenly over H hosts that each answer after L ms (nginx +
``echo_sleep``). A *host* is a distinct loopback address 127.20.x.y (Linux routes all of
127/8 to ``lo``), so both tools' per-host limits (keyed on the host, not the port) see H hosts.

Both tools get the same limits: 128 requests in flight, 10 per host, no cache; citecheck also
``--no-archive`` (and ``--allow-private``: it refuses loopback otherwise), lychee
``--host-request-interval 0s`` (citecheck has no minimum interval between requests to a host)
and ``--max-retries 0`` (citecheck's ``--timeout`` is a deadline per URL *including* retries;
nothing here fails except the hanging host, so only that scenario is affected).

For each tool and scenario: runs alternate (citecheck, lychee, citecheck, …), each under
``/usr/bin/time`` (wall, user + sys CPU, peak RSS); the **floor**
``L × max(ceil(N / C), max over hosts ceil(n_host / P))``; requests served (nginx access-log
lines, told apart by a per-run User-Agent); and nginx's own CPU per run (its worker's
utime + stime from ``/proc``), which shows whether the server could be the bottleneck.

The head-of-line scenario (``hol``): 49 fast hosts and one whose pages do not answer within the
tools' timeout (``echo_sleep`` of the timeout + 5 s). From the access log's end times and request
times: when the fast hosts' answers were sent and when the hanging host's requests went out,
against the run's end.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shlex
import statistics
import subprocess
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import bench  # benchmarks/ is on sys.path: bench.py imports this module from its own folder

CONCURRENCY = 128  # requests in flight, both tools
PER_HOST = 10  # requests in flight per host, both tools
HANG_AFTER_TIMEOUT_S = 5  # the hanging host answers this long after the tools' timeout
PORT_OFFSET = 40  # every scale host listens on base_port + 40
TITLE = "Field Report {n} on Security in the Sahel"


@dataclass(frozen=True)
class Scenario:
    """N notes over H hosts answering after L ms; ``hang`` of the hosts never answer."""

    name: str
    notes: int
    hosts: int
    latency_ms: int
    hang: int = 0
    hang_notes: int = 0  # notes on the hanging host (part of ``notes``)
    about: str = ""

    def host(self, h: int) -> str:
        """Host h's loopback address (127.20.0.1 …)."""
        return f"127.20.{h // 200}.{h % 200 + 1}"

    def url(self, h: int, port: int, i: int) -> str:
        """Note i's URL on host h."""
        return f"http://{self.host(h)}:{port}/d/item-{i:05d}"

    def targets(self, port: int) -> list[tuple[str, str, int]]:
        """(url, title, host index) per note; fast notes round-robin over the fast hosts."""
        fast_hosts = self.hosts - self.hang
        out = []
        fast_notes = self.notes - self.hang_notes
        for i in range(fast_notes):
            h = i % fast_hosts
            out.append((self.url(h, port, i), TITLE.format(n=f"{i:05d}"), h))
        for j in range(self.hang_notes):
            i = fast_notes + j
            h = fast_hosts + j % self.hang
            out.append((self.url(h, port, i), TITLE.format(n=f"{i:05d}"), h))
        # Interleave the hanging host's notes among the others, as a real document would.
        if self.hang_notes:
            step = max(1, len(out) // self.hang_notes)
            fast, slow = out[:fast_notes], out[fast_notes:]
            mixed: list[tuple[str, str, int]] = []
            for k, item in enumerate(fast):
                if k % step == 0 and slow:
                    mixed.append(slow.pop(0))
                mixed.append(item)
            out = mixed + slow
        return out

    def floor_s(self) -> float:
        """L × max(ceil(N / C), max over hosts ceil(n_host / P)), over the answering hosts."""
        per_host = Counter(h for _, _, h in self.targets(0) if h < self.hosts - self.hang)
        n = sum(per_host.values())
        busiest = max(per_host.values())
        rounds = max(math.ceil(n / CONCURRENCY), math.ceil(busiest / PER_HOST))
        return self.latency_ms / 1000 * rounds


SCENARIOS = {
    s.name: s
    for s in [
        Scenario("2000x50@100", 2000, 50, 100, about="2,000 notes / 50 hosts / 100 ms"),
        Scenario("300x100@300", 300, 100, 300, about="300 notes / 100 hosts / 300 ms"),
        Scenario("500x5@100", 500, 5, 100, about="500 notes / 5 hosts / 100 ms"),
        Scenario("5000x500@50", 5000, 500, 50, about="5,000 notes / 500 hosts / 50 ms"),
        Scenario("2000x50@0", 2000, 50, 0, about="2,000 notes / 50 hosts / 0 ms (overhead)"),
        Scenario("hol", 1000, 50, 100, hang=1, hang_notes=10,
                 about="990 notes on 49 hosts / 100 ms + 10 notes on 1 host that never answers"),
    ]
}


# ----------------------------------------------------------------------------------- nginx


def nginx_conf(scenario: Scenario, port: int, tmp: Path, hang_s: float = 60.0) -> str:
    """nginx.conf serving the scenario's hosts; anything but /d/item-<n> is an honest 404."""
    body = (
        '"<!doctype html><html><head><title>Field Report $1 on Security in the Sahel</title>'
        "</head><body><h1>Field Report $1</h1><p>Observations from post $1: patrols, markets "
        'and roads in the region, week by week.</p></body></html>"'
    )
    sleep = f"  echo_sleep {scenario.latency_ms / 1000:g};\n" if scenario.latency_ms else ""
    fast = "\n".join(f" listen {scenario.host(h)}:{port};"
                     for h in range(scenario.hosts - scenario.hang))
    servers = [
        f"server {{\n{fast}\n location ~ ^/d/item-([0-9]+)$ {{\n  default_type text/html;\n"
        f"{sleep}  echo {body};\n }}\n location / {{ return 404; }}\n}}"
    ]
    if scenario.hang:
        slow = "\n".join(f" listen {scenario.host(h)}:{port};"
                         for h in range(scenario.hosts - scenario.hang, scenario.hosts))
        servers.append(
            f"server {{\n{slow}\n location ~ ^/d/item-([0-9]+)$ {{\n  default_type text/html;\n"
            f"  echo_sleep {hang_s:g};\n  echo {body};\n }}\n location / {{ return 404; }}\n}}"
        )
    log = tmp / "logs"
    return f"""# generated by benchmarks/scale.py — do not edit
load_module {bench.ECHO_MODULE};
daemon off;
worker_processes 1;
worker_rlimit_nofile 16384;
pid {tmp}/nginx.pid;
error_log {log}/error.log warn;
events {{ worker_connections 8192; }}
http {{
 log_format scale '$msec $request_time $status $server_addr "$http_user_agent" $request_uri';
 access_log {log}/access.log scale;
 client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;
 fastcgi_temp_path {tmp}/fastcgi; uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
 keepalive_timeout 30s;
 keepalive_requests 100000;
 server_tokens off;
{chr(10).join(servers)}
}}
"""


def nginx_cpu_s(master_pid: int) -> float:
    """utime + stime (s) of nginx's worker processes, read from /proc."""
    total = 0
    try:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    except OSError:
        return float("nan")
    for child in children:
        try:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)
    return total / os.sysconf("SC_CLK_TCK")


def busy_cpu_s() -> float:
    """CPU seconds the whole machine has spent busy (all CPUs, from /proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def wait_quiet(limit_s: float) -> float:
    """Wait (at most ``limit_s``) until other processes use under 10 % of one CPU; the wait.

    The benchmark machine may be shared: anything else running steals CPU from the tool being
    timed. Every run records the CPU others used during it (``others_cpu_s``) either way.
    """
    start = time.monotonic()
    while time.monotonic() - start < limit_s:
        before = busy_cpu_s()
        time.sleep(0.5)
        if busy_cpu_s() - before < 0.05:
            break
    return time.monotonic() - start


def master_pid(tmp: Path) -> int:
    """nginx's master pid (written to its pid file once it has started)."""
    return int((tmp / "nginx.pid").read_text().strip())


# ----------------------------------------------------------------------------------- runs


@dataclass
class Run:
    """One timed run of one tool."""

    tool: str
    index: int
    agent: str
    started: float  # time.time() at start, to compare with nginx's $msec
    wall_s: float
    cpu_s: float  # user + sys of the tool (children included)
    rss_mb: float
    exit_code: int
    nginx_cpu_s: float
    others_cpu_s: float = 0.0  # CPU used by every other process on the machine during the run
    waited_s: float = 0.0  # time spent waiting for the machine to be quiet before the run
    ok: int = 0  # URLs the tool judged live / OK
    requests: int = 0  # access-log lines with this run's User-Agent
    fast_done_s: float | None = None  # hol: last answer to a fast host, after start
    fast_p50_s: float | None = None  # hol: median answer to a fast host, after start
    fast_p90_s: float | None = None
    hang_sent_s: list[float] = field(default_factory=list)  # hol: when hanging requests went out
    stderr_tail: str = ""


#: citecheck run other ways, as more "tools" (``--tools citecheck,lychee,citecheck-jobs2``).
CITECHECK_VARIANTS: dict[str, list[str]] = {
    "citecheck": [],
    "citecheck-jobs1": ["--jobs", "1"],
    "citecheck-jobs2": ["--jobs", "2"],
}


def binary(tool: str) -> str:
    """The program a tool runs: every citecheck variant is the citecheck script."""
    return "citecheck" if tool in CITECHECK_VARIANTS else tool


def tool_cmd(tool: str, bin_dir: Path, doc: Path, out: Path, *, timeout: float, agent: str,
             lychee_interval: str) -> list[str]:
    """The command for one run; both tools with 128 in flight and 10 per host."""
    if tool in CITECHECK_VARIANTS:
        # --no-cache: every timed run must make its requests (the results cache would answer).
        return [str(bin_dir / "citecheck"), str(doc), "--json", str(out), "--allow-private",
                "--no-archive", "--no-cache", "--timeout", f"{timeout:g}",
                "--concurrency", str(CONCURRENCY), "--per-host", str(PER_HOST),
                "--user-agent", agent, *CITECHECK_VARIANTS[tool]]
    return [str(bin_dir / "lychee"), "--format", "json", "--output", str(out), "--no-progress",
            "--timeout", str(math.ceil(timeout)), "--max-concurrency", str(CONCURRENCY),
            "--host-concurrency", str(PER_HOST), "--host-request-interval", lychee_interval,
            "--max-retries", "0", "--user-agent", agent, str(doc)]


def ok_count(tool: str, report: Path) -> int:
    """URLs judged live (citecheck) or OK (lychee) in a tool's JSON report."""
    if not report.exists():
        return 0
    data = json.loads(report.read_text(encoding="utf-8"))
    if tool in CITECHECK_VARIANTS:
        return sum(1 for link in data.get("links", [])
                   if link.get("verdict", link.get("status")) == "live")
    return int(data.get("successful", 0))


def timed(cmd: Sequence[str], workdir: Path,
          deadline: float) -> tuple[float, float, float, int, str]:
    """(wall, cpu, peak RSS MB, exit code, stderr tail) of one run under /usr/bin/time."""
    timefile = workdir / "time.txt"
    timefile.unlink(missing_ok=True)
    full = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", str(timefile), *cmd]
    start = time.perf_counter()
    try:
        proc = subprocess.run(full, capture_output=True, text=True, env=bench.child_env(),
                              cwd=workdir, timeout=deadline, check=False)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, float("nan"), float("nan"), -1, "killed: deadline"
    wall = time.perf_counter() - start
    parts = timefile.read_text().split()[-4:] if timefile.exists() else []
    if len(parts) != 4:
        return wall, float("nan"), float("nan"), proc.returncode, proc.stderr[-600:]
    _, user, sys_, rss_kb = parts
    return wall, float(user) + float(sys_), int(rss_kb) / 1024, proc.returncode, proc.stderr[-600:]


LOG_LINE = re.compile(r'^([\d.]+) ([\d.]+) (\d+) ([\d.]+) "([^"]*)" (\S+)$')


def read_log(log: Path) -> dict[str, list[tuple[float, float, str, int]]]:
    """Access-log entries (end time, request time, server address, status) per User-Agent."""
    out: dict[str, list[tuple[float, float, str, int]]] = defaultdict(list)
    if not log.exists():
        return out
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        m = LOG_LINE.match(line)
        if m:
            out[m.group(5)].append(
                (float(m.group(1)), float(m.group(2)), m.group(4), int(m.group(3))))
    return out


@dataclass
class Outcome:
    """One scenario's runs and profile."""

    scenario: Scenario
    floor_s: float
    runs: list[Run] = field(default_factory=list)
    served_per_s: float | None = None


def write_document(scenario: Scenario, targets: Sequence[tuple[str, str, int]],
                   results: Path) -> Path:
    """The scenario's document: one note per target, numbered 1, 2, … (roman stops at 3,999)."""
    cited = [(f"Observation {i} is documented.", title, "Sahel Field Reports", url)
             for i, (url, title, _) in enumerate(targets)]
    doc = results / f"scale-{scenario.name}-doc.txt"
    text = bench.make_document(f"Scale: {scenario.about}", cited, arabic=True)
    doc.write_text(text, encoding="utf-8")
    return doc


def run_scenario(scenario: Scenario, args: argparse.Namespace, tools: Sequence[str]) -> Outcome:
    """Serve the scenario, run the tools alternately, read the access log."""
    port = args.base_port + PORT_OFFSET
    targets = scenario.targets(port)
    doc = write_document(scenario, targets, args.results)
    outcome = Outcome(scenario, scenario.floor_s())
    hang_hosts = {scenario.host(h) for h in range(scenario.hosts - scenario.hang, scenario.hosts)}
    endpoints = [(scenario.host(h), port) for h in range(scenario.hosts)]
    # Worst case per run: every URL waits out a timeout, in rounds of the per-host limit.
    deadline = min(bench.TOOL_DEADLINE, 120 + 2 * args.timeout * len(targets) / PER_HOST)
    with tempfile.TemporaryDirectory(prefix="citecheck-scale-") as tmp_name:
        tmp = Path(tmp_name)
        tmp.chmod(0o755)
        work = tmp / "work"
        work.mkdir()
        # The hanging host answers only after the tools have given up; nginx logs a request when
        # it ends, so it is kept running until the last run's hanging requests have ended.
        hang_s = args.timeout + HANG_AFTER_TIMEOUT_S
        conf = nginx_conf(scenario, port, tmp, hang_s)
        with bench.nginx_running(conf, tmp, endpoints[:3] + endpoints[-1:], []) as log:
            pid = master_pid(tmp)
            print(f"\n== scale {scenario.name}: {scenario.about}; floor {outcome.floor_s:.2f} s",
                  flush=True)
            for k in range(args.runs):
                for tool in tools:
                    agent = f"{tool}-bench/{scenario.name}/{k}"
                    report = args.results / f"scale-{scenario.name}-{tool}.json"
                    report.unlink(missing_ok=True)
                    cmd = tool_cmd(tool, args.bin, doc, report, timeout=args.timeout,
                                   agent=agent, lychee_interval=args.lychee_interval)
                    if k == 0:
                        print(f"  {tool}: {shlex.join(cmd)}", flush=True)
                    waited = wait_quiet(args.quiet_wait)
                    cpu0, busy0 = nginx_cpu_s(pid), busy_cpu_s()
                    started = time.time()
                    wall, cpu, rss, code, err = timed(cmd, work, deadline)
                    ngx = nginx_cpu_s(pid) - cpu0
                    others = max(0.0, busy_cpu_s() - busy0 - ngx - cpu)
                    run = Run(tool, k, agent, started, wall, cpu, rss, code, ngx, others,
                              waited, ok_count(tool, report), stderr_tail=err)
                    outcome.runs.append(run)
                    print(f"  {tool} run {k + 1}: {wall:.2f} s wall, {cpu:.2f} s CPU, "
                          f"{rss:.0f} MB, {run.ok}/{len(targets) - scenario.hang_notes} ok, "
                          f"nginx {run.nginx_cpu_s:.2f} s CPU, others {others:.2f} s CPU, "
                          f"exit {code}",
                          flush=True)
                    time.sleep(1.0)  # let connections close before the next run
            if scenario.hang and outcome.runs:
                time.sleep(max(0.0, outcome.runs[-1].started + wall + hang_s - time.time()))
        entries = read_log(log)  # nginx has stopped: every finished request is logged
    for run in outcome.runs:
        lines = entries.get(run.agent, [])
        run.requests = len(lines)
        fast = sorted(t - run.started for t, _, addr, _ in lines if addr not in hang_hosts)
        if scenario.hang and fast:
            run.fast_done_s = fast[-1]
            run.fast_p50_s = fast[len(fast) // 2]
            run.fast_p90_s = fast[int(len(fast) * 0.9)]
            # When the hanging host's requests were sent (end time minus time taken), after start.
            run.hang_sent_s = sorted(round(t - d - run.started, 2)
                                     for t, d, addr, _ in lines if addr in hang_hosts)
    return outcome


def median(values: Sequence[float]) -> float:
    """Median, NaN-safe enough for a table."""
    return statistics.median(values) if values else float("nan")


def summary(outcome: Outcome, tool: str) -> dict[str, Any]:
    """Medians over a tool's runs in a scenario."""
    runs = [r for r in outcome.runs if r.tool == tool]
    if not runs:
        return {}
    wall = median([r.wall_s for r in runs])
    out = {
        "runs": len(runs),
        "wall_s": wall,
        "walls_s": [round(r.wall_s, 3) for r in runs],
        "wall_over_floor": wall / outcome.floor_s if outcome.floor_s else None,
        "cpu_s": median([r.cpu_s for r in runs]),
        "rss_mb": median([r.rss_mb for r in runs]),
        "requests": median([r.requests for r in runs]),
        "ok": median([r.ok for r in runs]),
        "nginx_cpu_s": median([r.nginx_cpu_s for r in runs]),
        "others_cpu_s": median([r.others_cpu_s for r in runs]),
    }
    if outcome.scenario.hang:
        for key in ("fast_done_s", "fast_p50_s", "fast_p90_s"):
            out[key] = median([getattr(r, key) for r in runs if getattr(r, key) is not None])
        out["hang_sent_s"] = [r.hang_sent_s for r in runs]
    return out


def table(outcomes: Sequence[Outcome], tools: Sequence[str], timeout: float) -> str:
    """The markdown table of every scenario: medians per tool and the ratio."""
    lines = [
        "| scenario | floor | tool | wall (median) | wall / floor | CPU user+sys | peak RSS "
        "| requests served | live / OK | nginx CPU | others' CPU | citecheck / lychee wall · CPU |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for o in outcomes:
        s = {t: summary(o, t) for t in tools}
        ly = s.get("lychee")
        for t in tools:
            x = s[t]
            if not x:
                continue
            ratio = ""
            if ly and t in CITECHECK_VARIANTS:  # each citecheck variant against lychee's run
                cpu_ratio = x["cpu_s"] / max(ly["cpu_s"], 0.01)
                ratio = f"{x['wall_s'] / ly['wall_s']:.2f}× · {cpu_ratio:.0f}×"
            wf = f"{x['wall_over_floor']:.2f}" if x["wall_over_floor"] else "—"
            expected = o.scenario.notes - o.scenario.hang_notes
            lines.append(
                f"| {o.scenario.about} | {o.floor_s:.2f} s | {t} | {x['wall_s']:.2f} s "
                f"({', '.join(f'{w:.2f}' for w in x['walls_s'])}) | {wf} | {x['cpu_s']:.2f} s "
                f"| {x['rss_mb']:.0f} MB | {x['requests']:.0f} | {x['ok']:.0f}/{expected} "
                f"| {x['nginx_cpu_s']:.2f} s | {x['others_cpu_s']:.2f} s "
                f"| {ratio} |"
            )
    hol = [o for o in outcomes if o.scenario.hang]
    if hol:
        o = hol[0]
        lines += ["", f"Head-of-line ({o.scenario.about}; per-URL timeout {timeout:g} s; fast "
                  f"hosts' floor {o.floor_s:.2f} s):", "",
                  "| tool | fast hosts' answers sent: median · 90 % · last | run ends (wall) "
                  "| hanging host's requests sent at (first run) |",
                  "|---|---:|---:|---|"]
        for t in tools:
            x = summary(o, t)
            if x:
                sent = x["hang_sent_s"][0] if x["hang_sent_s"] else []
                shown = ", ".join(f"{v:g}" for v in sent) + " s" if sent else "not logged"
                lines.append(f"| {t} | {x['fast_p50_s']:.2f} · {x['fast_p90_s']:.2f} · "
                             f"{x['fast_done_s']:.2f} s | {x['wall_s']:.2f} s | {shown} |")
    return "\n".join(lines)


def profile(scenario: Scenario, args: argparse.Namespace) -> None:
    """One citecheck run of ``scenario`` under py-spy (speedscope + collapsed stacks)."""
    spy = args.bin / "py-spy"
    if not spy.exists():
        raise SystemExit(f"{spy} not found: pip install py-spy into benchmarks/.venv")
    port = args.base_port + PORT_OFFSET
    targets = scenario.targets(port)
    doc = write_document(scenario, targets, args.results)
    endpoints = [(scenario.host(h), port) for h in range(scenario.hosts)]
    with tempfile.TemporaryDirectory(prefix="citecheck-scale-") as tmp_name:
        tmp = Path(tmp_name)
        tmp.chmod(0o755)
        with bench.nginx_running(nginx_conf(scenario, port, tmp), tmp, endpoints[:2], []):
            report = args.results / f"scale-{scenario.name}-profile.json"
            cmd = tool_cmd("citecheck", args.bin, doc, report, timeout=args.timeout,
                           agent="citecheck-bench/profile", lychee_interval=args.lychee_interval)
            for fmt, ext in (("raw", "collapsed.txt"), ("speedscope", "speedscope.json")):
                out = args.results / f"profile-{scenario.name}.{ext}"
                full = [str(spy), "record", "--rate", "200", "--format", fmt, "-o", str(out),
                        "--", *cmd]
                print(f"  {shlex.join(full)}", flush=True)
                subprocess.run(full, env=bench.child_env(), timeout=bench.TOOL_DEADLINE,
                               check=False, capture_output=True)
                time.sleep(1.0)


def memory(scenario: Scenario, args: argparse.Namespace) -> None:
    """One citecheck run of ``scenario`` under memray: the peak, and what held it.

    Writes ``results/memray-<name>.bin`` (``memray flamegraph`` makes a page of it) and
    ``memray-<name>.txt``: ``memray stats`` and what held memory at the high-water mark.
    Python allocators are traced (``--trace-python-allocators``), so small objects count too.
    """
    python = args.bin / "python"
    probe = subprocess.run([str(python), "-c", "import memray"], capture_output=True, check=False)
    if probe.returncode != 0:
        raise SystemExit(f"memray is not installed in {args.bin.parent}: "
                         f"{args.bin / 'pip'} install memray")
    port = args.base_port + PORT_OFFSET
    targets = scenario.targets(port)
    doc = write_document(scenario, targets, args.results)
    endpoints = [(scenario.host(h), port) for h in range(scenario.hosts)]
    out = args.results / f"memray-{scenario.name}.bin"
    out.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="citecheck-scale-") as tmp_name:
        tmp = Path(tmp_name)
        tmp.chmod(0o755)
        with bench.nginx_running(nginx_conf(scenario, port, tmp), tmp, endpoints[:2], []):
            report = args.results / f"scale-{scenario.name}-memray.json"
            cmd = tool_cmd("citecheck", args.bin, doc, report, timeout=args.timeout,
                           agent="citecheck-bench/memray", lychee_interval=args.lychee_interval)
            full = [str(python), "-m", "memray", "run", "--trace-python-allocators", "-q",
                    "-o", str(out), "-m", "citecheck", *cmd[1:]]
            print(f"  {shlex.join(full)}", flush=True)
            subprocess.run(full, env=bench.child_env(), timeout=bench.TOOL_DEADLINE,
                           check=False, capture_output=True)
    stats = subprocess.run([str(python), "-m", "memray", "stats", str(out)],
                           capture_output=True, text=True, check=False)
    summary_path = args.results / f"memray-{scenario.name}.txt"
    summary_path.write_text(stats.stdout + "\n" + peak_holders(out), encoding="utf-8")
    print(f"  {out}\n  {summary_path}")


def peak_holders(capture: Path, top: int = 40) -> str:
    """What held memory at the high-water mark: by the innermost citecheck frame, by the file
    that allocated, and by stack (``memray tree`` does this too, but takes many minutes on a
    capture of every Python allocation)."""
    from memray import FileReader  # only in a venv where memray was installed by hand

    reader = FileReader(str(capture))
    ours: Counter[str] = Counter()
    files: Counter[str] = Counter()
    stacks: Counter[str] = Counter()
    for record in reader.get_high_watermark_allocation_records(merge_threads=True):
        try:
            frames = record.stack_trace(max_stacks=40)
        except Exception:  # a frame memray could not resolve
            frames = []
        ours[next((f"{fn} {file.split('/citecheck/')[-1]}:{line}"
                   for fn, file, line in frames if "/citecheck/" in file), "(no citecheck frame)")
             ] += record.size
        files[frames[0][1].split("site-packages/")[-1] if frames else "?"] += record.size
        stacks[" < ".join(f"{fn}:{line}" for fn, _, line in frames[:6])] += record.size
    lines = [f"peak (heap): {reader.metadata.peak_memory / 2**20:.1f} MiB"]
    for title, counter in (("innermost citecheck frame", ours), ("allocating file", files),
                           ("stack", stacks)):
        lines.append(f"\n== held at the peak, by {title}")
        lines.extend(f"{size / 2**20:8.2f} MiB  {where}"
                     for where, size in counter.most_common(top))
    return "\n".join(lines) + "\n"


def main(args: argparse.Namespace) -> int:
    """Run the selected scale scenarios and write results/scale.{json,md}."""
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    for tool in tools:
        if not (args.bin / binary(tool)).exists():
            raise SystemExit(f"{args.bin / binary(tool)} not found: run `bash benchmarks/run.sh`")
    names = args.only or list(SCENARIOS)
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        raise SystemExit(f"unknown scale scenario(s) {unknown}; known: {list(SCENARIOS)}")
    args.results.mkdir(parents=True, exist_ok=True)
    if args.profile:
        profile(SCENARIOS[args.profile], args)
        return 0
    if args.memray:
        memory(SCENARIOS[args.memray], args)
        return 0
    outcomes = [run_scenario(SCENARIOS[n], args, tools) for n in names]
    versions = {binary(t): bench.version([str(args.bin / binary(t)), "--version"]) for t in tools}
    versions["nginx"] = bench.version(["nginx", "-v"])
    head = (f"# scale — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n\n"
            f"{', '.join(f'{k} {v}' for k, v in versions.items())}; {os.cpu_count()} CPUs; "
            f"{args.runs} alternating runs per tool; {CONCURRENCY} in flight, {PER_HOST} per "
            f"host; timeout {args.timeout:g} s.\n\n")
    text = head + table(outcomes, tools, args.timeout) + "\n"
    data = {
        "versions": versions,
        "scenarios": {o.scenario.name: {"scenario": asdict(o.scenario), "floor_s": o.floor_s,
                                        "summary": {t: summary(o, t) for t in tools},
                                        "runs": [asdict(r) for r in o.runs]} for o in outcomes},
    }
    (args.results / "scale.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    (args.results / "scale.md").write_text(text, encoding="utf-8")
    print()
    print(text)
    return 0
