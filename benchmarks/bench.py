"""Side-by-side benchmark of citecheck and lychee on a locally served "rotten web".

Run it through ``bash benchmarks/run.sh`` (which installs nginx, the echo module, hyperfine and
both tools first). Two scenarios, both against nginx on 127.0.0.1 only:

* **rot** — the corpus in ``cases.toml``: one cited URL per way a source rots. Both tools check
  the same generated document (``doc.txt``); each answer is scored against the case's truth.
* **throughput** — 300 distinct live URLs on 6 ports, each answered after 0.2–1.0 s
  (``echo_sleep``): wall time and peak memory at each tool's default concurrency.

Every run is bounded: a fixed number of hyperfine runs, a per-tool timeout, and nginx is stopped
(SIGTERM, then SIGKILL) whatever happens. Results go to ``benchmarks/results/latest.{json,md}``.
This is not a test suite: nothing here is collected by pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from html import escape
from pathlib import Path
from types import FrameType
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ECHO_MODULE = Path("/usr/lib/nginx/modules/ngx_http_echo_module.so")
TOOL_DEADLINE = 900.0  # seconds; a tool run that takes longer is killed (bounded benchmark)

# Coarse classes: the level at which a binary link checker can be compared with citecheck.
OK, ROTTEN, BLOCKED, ERROR, TIMEOUT, OTHER = "ok", "rotten", "blocked", "error", "timeout", "other"
VERDICT_CLASS = {
    "live": OK,
    "moved": OK,
    "dead": ROTTEN,
    "soft404": ROTTEN,
    "drifted": ROTTEN,
    "invalid": ROTTEN,
    "blocked": BLOCKED,
    "error": ERROR,
    "timeout": TIMEOUT,
}
# Status codes a careful reader of lychee's output recognises as "access refused", not "gone".
ACCESS_CODES = frozenset({401, 403, 407, 429, 451, 999})

THROUGHPUT_SITES = 6
THROUGHPUT_URLS = 300
THROUGHPUT_OFFSET = 20  # layout "ports": 127.0.0.1, ports base+20 … base+25
THROUGHPUT_HOSTS_OFFSET = 30  # layout "hosts": 127.0.0.21 … 127.0.0.26, all on port base+30
LAYOUTS = ("ports", "hosts")
DELAYS = tuple(round(0.2 + 0.1 * i, 1) for i in range(9))  # 0.2 … 1.0 s


# ----------------------------------------------------------------------------------- corpus


@dataclass(frozen=True)
class Site:
    """One server of the rotten web (a port on 127.0.0.1)."""

    key: str
    port: int
    name: str
    about: str
    nginx: str

    @property
    def origin(self) -> str:
        """The site's origin, as cited URLs spell it."""
        return f"http://127.0.0.1:{self.port}"


@dataclass(frozen=True)
class Case:
    """One rot case: a cited URL, its cited title and the verdict a careful reader would give."""

    index: int
    name: str
    site: str
    url: str
    title: str
    truth: str
    why: str
    nginx: str
    page: Mapping[str, str] | None
    also: Mapping[str, str]


@dataclass(frozen=True)
class Corpus:
    """The parsed ``cases.toml`` with ports assigned."""

    sites: dict[str, Site]
    pages: dict[str, Mapping[str, str]]
    cases: list[Case]


def load_corpus(path: Path, base_port: int) -> Corpus:
    """Read the case file, assign ports from ``base_port`` and check that every truth is known."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    sites = {
        key: Site(key, base_port + int(s["offset"]), s["name"], s["about"], s["nginx"])
        for key, s in data["sites"].items()
    }
    cases: list[Case] = []
    for i, c in enumerate(data["case"]):
        if c["truth"] not in VERDICT_CLASS:
            raise SystemExit(f"cases.toml: {c['name']}: unknown truth {c['truth']!r}")
        if c["site"] not in sites:
            raise SystemExit(f"cases.toml: {c['name']}: unknown site {c['site']!r}")
        cases.append(
            Case(
                index=i,
                name=c["name"],
                site=c["site"],
                url=sites[c["site"]].origin + c["path"],
                title=c["title"],
                truth=c["truth"],
                why=c["why"],
                nginx=c.get("nginx", ""),
                page=c.get("page"),
                also=c.get("also", {}),
            )
        )
    names = Counter(c.name for c in cases)
    urls = Counter(c.url for c in cases)
    dupes = [n for n, k in names.items() if k > 1] + [u for u, k in urls.items() if k > 1]
    if dupes:
        raise SystemExit(f"cases.toml: duplicate names or URLs: {dupes}")
    return Corpus(sites, dict(data.get("pages", {})), cases)


def render_page(page: Mapping[str, str]) -> str:
    """The HTML of a page description {title, h1, text, form, refresh}."""
    head = f"<title>{escape(page['title'])}</title>" if "title" in page else ""
    if "refresh" in page:
        head += f"<meta http-equiv='refresh' content='{escape(page['refresh'])}'>"
    h1 = f"<h1>{escape(page['h1'])}</h1>" if "h1" in page else ""
    text = " ".join(page.get("text", "").split())
    form = ""
    if page.get("form") == "password":
        form = (
            "<form method='post' action='/session'><label>E-mail <input type='email' "
            "name='email'></label><label>Password <input type='password' name='password'>"
            "</label><button type='submit'>Sign in</button></form>"
        )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"{head}</head><body>{h1}<p>{escape(text)}</p>{form}</body></html>"
    )


def nginx_string(text: str) -> str:
    """``text`` as a double-quoted nginx string (no variables may hide in it)."""
    if "$" in text:
        raise SystemExit(f"nginx strings must not contain '$': {text[:60]!r}")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def expand(text: str, corpus: Corpus, page: Mapping[str, str] | None, www: Path) -> str:
    """Replace the @…@ placeholders of cases.toml's nginx snippets."""

    def one(match: re.Match[str]) -> str:
        kind, _, arg = match.group(1).partition(":")
        if kind == "page" and not arg:
            if page is None:
                raise SystemExit(f"@page@ used without a page in: {text[:80]!r}")
            return nginx_string(render_page(page))
        if kind == "page":
            return nginx_string(render_page(corpus.pages[arg]))
        if kind == "site":
            return corpus.sites[arg].origin
        if kind == "www":
            return str(www)
        raise SystemExit(f"unknown placeholder @{match.group(1)}@")

    return re.sub(r"@([a-z]+(?::[a-z_0-9]+)?)@", one, text)


def make_pdf(title: str) -> bytes:
    """A minimal valid one-page PDF whose Info dictionary and page text carry ``title``."""
    safe = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 14 Tf 72 720 Td ({safe}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        f"<< /Title ({safe}) /Producer (citecheck benchmark) >>".encode(),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


# ----------------------------------------------------------------------------------- documents


def roman(number: int) -> str:
    """Lower-case roman numeral, as the seed article labels its notes."""
    values = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
              (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in values:
        while number >= value:
            out += letters
            number -= value
    return out


def make_document(heading: str, cited: Sequence[tuple[str, str, str, str]], *,
                  arabic: bool = False) -> str:
    """A document in the seed's style: claim sentences with [i] markers, then the notes.

    ``cited`` holds (claim, title, container, url) per note, in marker order. ``arabic``
    numbers the notes [1], [2], … instead (roman numerals stop at 3,999).
    """
    label = str if arabic else roman
    lines = [heading, "", "A benchmark document generated by benchmarks/bench.py.", ""]
    paragraph: list[str] = []
    for i, (claim, _, _, _) in enumerate(cited, start=1):
        paragraph.append(f"{claim}[{label(i)}]")
        if len(paragraph) == 4:
            lines += [" ".join(paragraph), ""]
            paragraph = []
    if paragraph:
        lines += [" ".join(paragraph), ""]
    lines.append("")
    for i, (_, title, container, url) in enumerate(cited, start=1):
        lines += [f"[{label(i)}] “{title},” {container}, 2020. {url}", ""]
    return "\n".join(lines)


def rot_document(corpus: Corpus) -> str:
    """The document citing every rot case once."""
    cited = [
        (f"Case {c.index + 1} ({c.name}) is supported by this source.", c.title,
         corpus.sites[c.site].name, c.url)
        for c in corpus.cases
    ]
    return make_document("The Rotten Web: Thirty Ways a Citation Decays", cited)


def throughput_origins(base_port: int, layout: str) -> list[tuple[str, int]]:
    """The six (address, port) pairs of a throughput layout.

    "ports" puts the six sites on one address, so every per-host limit (citecheck's and
    lychee's, both keyed on the host name) sees a single host; "hosts" gives each site its own
    loopback address, as six real web sites would be.
    """
    if layout == "ports":
        return [("127.0.0.1", base_port + THROUGHPUT_OFFSET + i) for i in range(THROUGHPUT_SITES)]
    port = base_port + THROUGHPUT_HOSTS_OFFSET
    return [(f"127.0.0.{21 + i}", port) for i in range(THROUGHPUT_SITES)]


def throughput_targets(base_port: int, layout: str) -> list[tuple[str, str, float]]:
    """(url, title, delay) for the throughput scenario: delays spread evenly over the sites."""
    origins = throughput_origins(base_port, layout)
    targets = []
    for i in range(THROUGHPUT_URLS):
        address, port = origins[i % THROUGHPUT_SITES]
        delay = DELAYS[(i * 7) % len(DELAYS)]
        title = f"Field Report {i:03d} on Security in the Sahel"
        targets.append((f"http://{address}:{port}/t/{delay}/item-{i:03d}", title, delay))
    return targets


def throughput_document(base_port: int, layout: str) -> str:
    """The document citing the 300 slow-but-live throughput URLs."""
    cited = [(f"Observation {i} is documented.", title, "Sahel Field Reports", url)
             for i, (url, title, _) in enumerate(throughput_targets(base_port, layout))]
    return make_document("Throughput: Three Hundred Slow Sources", cited)


# ----------------------------------------------------------------------------------- nginx


def nginx_conf(corpus: Corpus, base_port: int, tmp: Path, www: Path) -> str:
    """One nginx.conf serving every site of the corpus and the throughput ports."""
    blocks: dict[str, list[str]] = {key: [] for key in corpus.sites}
    for case in corpus.cases:
        for where, text in [(case.site, case.nginx), *case.also.items()]:
            if text.strip():
                blocks[where].append(f"# case {case.name}\n" + expand(text, corpus, case.page, www))
    servers = []
    for key, site in corpus.sites.items():
        if not site.nginx.strip():
            if blocks[key]:
                raise SystemExit(f"site {key} is closed (no nginx) but cases configure it")
            continue  # a closed port: nothing listens
        body = "\n".join([*blocks[key], f"# site {key}", expand(site.nginx, corpus, None, www)])
        servers.append(f"server {{\n listen 127.0.0.1:{site.port};\n{body}\n}}")
    for address, port in [o for lay in LAYOUTS for o in throughput_origins(base_port, lay)]:
        # Only /t/<delay>/item-<n> exists; anything else is an honest 404, so a soft-404 probe
        # of a made-up sibling sees a real "not found".
        servers.append(
            f"server {{\n listen {address}:{port};\n"
            r" location ~ ^/t/([0-9.]+)/item-([0-9]+)$ {"
            "\n  default_type text/html;\n  echo_sleep $1;\n"
            '  echo "<!doctype html><html><head><title>Field Report $2 on Security in the Sahel'
            '</title></head><body><h1>Field Report $2</h1><p>Observations from post $2: '
            'patrols, markets and roads in the region, week by week.</p></body></html>";\n }\n'
            ' location / { return 404; }\n}'
        )
    log = tmp / "logs"
    return f"""# generated by benchmarks/bench.py — do not edit
load_module {ECHO_MODULE};
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {log}/error.log warn;
events {{ worker_connections 4096; }}
http {{
 log_format bench '$server_addr:$server_port $status "$request_uri" "$http_user_agent"';
 access_log {log}/access.log bench;
 client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;
 fastcgi_temp_path {tmp}/fastcgi; uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
 keepalive_timeout 30s;
 server_tokens off;
{chr(10).join(servers)}
}}
"""


Endpoint = tuple[str, int]


def port_open(endpoint: Endpoint) -> bool:
    """Whether something accepts connections on (address, port)."""
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(endpoint) == 0


@contextmanager
def nginx_running(conf: str, tmp: Path, ports: Sequence[Endpoint],
                  closed: Sequence[Endpoint]) -> Iterator[Path]:
    """Start nginx in the foreground (daemon off) with ``conf``; always stop it. Yields the log."""
    busy = [p for p in [*ports, *closed] if port_open(p)]
    if busy:
        raise SystemExit(f"ports already in use: {busy} (choose another --base-port)")
    for sub in ("logs", "body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / sub).mkdir(parents=True, exist_ok=True)
    conf_path = tmp / "nginx.conf"
    conf_path.write_text(conf, encoding="utf-8")
    base = ["nginx", "-p", str(tmp), "-e", str(tmp / "logs" / "error.log"), "-c", str(conf_path)]
    check = subprocess.run([*base, "-t", "-q"], capture_output=True, text=True, check=False)
    if check.returncode != 0:
        raise SystemExit(f"nginx rejected the generated config {conf_path}:\n{check.stderr}")
    proc = subprocess.Popen(base)
    try:
        deadline = time.monotonic() + 10
        while not all(port_open(p) for p in ports):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("nginx did not start; see " + str(tmp / "logs" / "error.log"))
            time.sleep(0.05)
        yield tmp / "logs" / "access.log"
    finally:
        proc.terminate()  # fast shutdown: hanging echo_sleep requests are cut
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# ----------------------------------------------------------------------------------- running


@dataclass
class Run:
    """One measured run of a tool: exit code, wall time and peak RSS."""

    exit_code: int
    wall_s: float
    peak_rss_mb: float | None
    stderr_tail: str = ""


def child_env() -> dict[str, str]:
    """The environment for tool runs: no proxy for loopback, no colour."""
    env = dict(os.environ)
    env.update(NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost", NO_COLOR="1")
    return env


def run_measured(cmd: Sequence[str], workdir: Path) -> Run:
    """Run ``cmd`` once under /usr/bin/time -v (peak RSS) with a hard deadline."""
    timefile = workdir / "time.txt"
    full = [*cmd]
    if Path("/usr/bin/time").exists():
        full = ["/usr/bin/time", "-v", "-o", str(timefile), *cmd]
    start = time.perf_counter()
    try:
        proc = subprocess.run(full, capture_output=True, text=True, env=child_env(),
                              timeout=TOOL_DEADLINE, check=False, cwd=workdir)
    except subprocess.TimeoutExpired:
        return Run(-1, time.perf_counter() - start, None, "killed: exceeded the deadline")
    wall = time.perf_counter() - start
    rss = None
    if timefile.exists():
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", timefile.read_text())
        rss = int(found.group(1)) / 1024 if found else None
    return Run(proc.returncode, wall, rss, (proc.stderr or proc.stdout)[-600:])


@dataclass
class Timing:
    """Wall-time statistics over repeated runs."""

    runs: int
    mean_s: float
    stddev_s: float
    min_s: float
    max_s: float
    method: str


def time_commands(commands: Mapping[str, Sequence[str]], runs: int, workdir: Path) -> dict[
        str, Timing]:
    """Wall time of each command over ``runs`` runs: hyperfine if installed, else perf_counter."""
    if runs <= 0:
        return {}
    if shutil.which("hyperfine"):
        export = workdir / "hyperfine.json"
        cmd = ["hyperfine", "--runs", str(runs), "--ignore-failure", "--style", "basic",
               "--export-json", str(export)]
        for name, command in commands.items():
            cmd += ["--command-name", name, shlex.join(command)]
        subprocess.run(cmd, env=child_env(), cwd=workdir, check=True,
                       timeout=TOOL_DEADLINE * runs * len(commands))
        data = json.loads(export.read_text())
        return {
            r["command"]: Timing(runs, r["mean"], r["stddev"] or 0.0, r["min"], r["max"],
                                 "hyperfine")
            for r in data["results"]
        }
    out = {}
    for name, command in commands.items():
        walls = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(command, env=child_env(), cwd=workdir, capture_output=True,
                           timeout=TOOL_DEADLINE, check=False)
            walls.append(time.perf_counter() - start)
        sd = statistics.stdev(walls) if len(walls) > 1 else 0.0
        out[name] = Timing(runs, statistics.mean(walls), sd, min(walls), max(walls),
                           "perf_counter")
    return out


# ----------------------------------------------------------------------------------- answers


@dataclass(frozen=True)
class Answer:
    """What one tool said about one URL, in its own words and as a coarse class."""

    said: str  # citecheck's verdict, or lychee's ok/fail/timeout/...
    klass: str  # ok | rotten | blocked | error | timeout | other
    http_status: int | None = None
    detail: str = ""


def citecheck_answers(report: Path, document: str) -> dict[str, Answer]:
    """citecheck's verdict per cited URL, read from the notes of its JSON report.

    Notes are the unit a user reads; each cites its URL once, so URL → verdict is unambiguous.
    ``links[]`` fills in the HTTP status and detail.
    """
    data = json.loads(report.read_text(encoding="utf-8"))
    links = {link.get("url"): link for link in data.get("links", [])}
    out: dict[str, Answer] = {}
    for doc in data.get("documents", []):
        if not str(doc.get("path", "")).endswith(document):
            continue
        for note in doc.get("notes", []):
            # Report schema 2 names it "verdict" (schema 1: "status").
            url, status = note.get("url"), note.get("verdict", note.get("status"))
            if not url or not status:
                continue
            link = links.get(url, {})
            out[url] = Answer(status, VERDICT_CLASS.get(status, OTHER),
                              note.get("http_status", link.get("http_status")),
                              note.get("detail") or link.get("detail") or "")
    for url, link in links.items():  # URLs no note carried (should not happen)
        verdict = link.get("verdict", link.get("status"))
        if url and url not in out and verdict:
            out[url] = Answer(verdict, VERDICT_CLASS.get(verdict, OTHER),
                              link.get("http_status"), link.get("detail") or "")
    return out


def lychee_class(kind: str, code: int | None) -> str:
    """lychee's answer read the way a careful user reads it (documented in README.md)."""
    if kind == "ok":
        return OK
    if kind == "timeout":
        return TIMEOUT
    if kind != "fail":
        return OTHER
    if code in ACCESS_CODES:
        return BLOCKED
    if code is None or code >= 500:
        return ERROR  # network failures, redirect limits, server faults
    if 400 <= code < 500:
        return ROTTEN
    return ERROR  # e.g. a 3xx lychee could not follow


def lychee_answers(report: Path) -> dict[str, Answer]:
    """lychee's answer per URL from its ``--format json`` report."""
    data = json.loads(report.read_text(encoding="utf-8"))
    kinds = {"success_map": "ok", "error_map": "fail", "timeout_map": "timeout",
             "excluded_map": "excluded", "unsupported_map": "unsupported"}
    out: dict[str, Answer] = {}
    for key, kind in kinds.items():
        for entries in (data.get(key) or {}).values():
            for entry in entries:
                status = entry.get("status") or {}
                code = status.get("code")
                text = str(status.get("text", ""))
                out[entry["url"]] = Answer(kind, lychee_class(kind, code), code, text)
    return out


def fill_lychee_successes(answers: dict[str, Answer], urls: Sequence[str], report: Path) -> None:
    """lychee lists successes only with --verbose; URLs it counted as successful are OK.

    A URL missing from every map is OK only if the report's success count accounts for it.
    """
    data = json.loads(report.read_text(encoding="utf-8"))
    missing = [u for u in urls if u not in answers]
    listed_ok = sum(1 for a in answers.values() if a.said == "ok")
    if missing and int(data.get("successful", 0)) - listed_ok == len(missing):
        for url in missing:
            answers[url] = Answer("ok", OK, None, "counted as successful")


# ----------------------------------------------------------------------------------- scenarios


@dataclass
class ToolResult:
    """One tool's outcome in one scenario."""

    run: Run
    timing: Timing | None
    requests_per_run: float | None = None
    answers: dict[str, Answer] = field(default_factory=dict)


def citecheck_cmd(bin_dir: Path, doc: Path, out: Path, timeout: float) -> list[str]:
    """The command a user types to check ``doc`` with citecheck."""
    # --no-cache: every timed run must make its requests (the results cache would answer them).
    return [str(bin_dir / "citecheck"), str(doc), "--json", str(out), "--allow-private",
            "--timeout", str(timeout), "--no-cache"]


def lychee_cmd(bin_dir: Path, doc: Path, out: Path, timeout: float) -> list[str]:
    """The command a user types to check ``doc`` with lychee (defaults otherwise).

    Loopback is checked by default (``--exclude-loopback`` is opt-in) and the cache is off by
    default (``--cache`` is opt-in), so only the output format, timeout and progress are set.
    """
    return [str(bin_dir / "lychee"), "--format", "json", "--output", str(out), "--no-progress",
            "--timeout", str(int(timeout)), str(doc)]


Hits = Counter[tuple[str, Endpoint, str]]


def count_requests(log: Path) -> Hits:
    """Requests per (tool, (address, port), path) from nginx's access log; tool from User-Agent."""
    hits: Hits = Counter()
    if not log.exists():
        return hits
    pattern = re.compile(r'^([\d.]+):(\d+) (\d+) "([^"]*)" "([^"]*)"$')
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        m = pattern.match(line)
        if not m:
            continue
        agent = m.group(5).lower()
        tool = next((t for t in ("lychee", MATCHED, "citecheck") if t in agent), "other")
        hits[(tool, (m.group(1), int(m.group(2))), m.group(4).split("?")[0])] += 1
    return hits


def run_tool(name: str, cmd: list[str], workdir: Path, runs: int) -> ToolResult:
    """One measured run (outputs + peak RSS), then ``runs`` timed runs."""
    print(f"  {name}: {shlex.join(cmd)}", flush=True)
    run = run_measured(cmd, workdir)
    print(f"  {name}: exit {run.exit_code}, {run.wall_s:.2f} s, "
          f"{run.peak_rss_mb or 0:.0f} MB peak RSS", flush=True)
    timing = time_commands({name: cmd}, runs, workdir).get(name)
    return ToolResult(run, timing)


# ----------------------------------------------------------------------------------- scoring


def score_rot(corpus: Corpus, cite: ToolResult, lyc: ToolResult) -> list[dict[str, Any]]:
    """Per-case rows: truth, each tool's answer and whether it is right."""
    rows = []
    for case in corpus.cases:
        c = cite.answers.get(case.url)
        ly = lyc.answers.get(case.url)
        truth_class = VERDICT_CLASS[case.truth]
        rows.append({
            "case": case.name,
            "url": case.url,
            "truth": case.truth,
            "truth_class": truth_class,
            "citecheck": asdict(c) if c else None,
            "citecheck_exact": bool(c and c.said == case.truth),
            "citecheck_class": bool(c and c.klass == truth_class),
            "lychee": asdict(ly) if ly else None,
            "lychee_class": bool(ly and ly.klass == truth_class),
        })
    return rows


def fmt_timing(t: Timing | None, run: Run) -> str:
    """'mean ± sd s' (or the single measured run)."""
    if run.stderr_tail == "not run":
        return "not run"
    if t is None:
        return f"{run.wall_s:.2f} s (1 run)"
    return f"{t.mean_s:.2f} ± {t.stddev_s:.2f} s"


def markdown(results: dict[str, Any]) -> str:
    """The human summary written to latest.md (and printed)."""
    lines = [
        f"# citecheck vs lychee — {results['generated_at']}",
        "",
        f"citecheck {results['versions']['citecheck']}, lychee {results['versions']['lychee']}, "
        f"nginx {results['versions']['nginx']}; {results['machine']}; per-URL timeout "
        f"{results['timeout_s']:g} s for both tools; wall times are the mean ± sd of "
        f"{results['runs']} hyperfine runs.",
        "",
    ]
    rot = results.get("rot")
    if rot:
        rows = rot["cases"]
        n = len(rows)
        cite, lyc = rot["tools"]["citecheck"], rot["tools"]["lychee"]
        score = rot["score"]
        lines += [
            "## Rot corpus",
            "",
            "| | citecheck | lychee |",
            "| --- | --- | --- |",
            f"| exact verdict right | **{score['citecheck_exact']}/{n}** | n/a |",
            "| coarse class right (ok / rotten / blocked / error / timeout) | "
            f"{score['citecheck_class']}/{n} | {score['lychee_class']}/{n} |",
            f"| wall time | {cite['time']} | {lyc['time']} |",
            f"| peak RSS | {cite['rss']} | {lyc['rss']} |",
            f"| requests sent per run | {cite['requests']} | {lyc['requests']} |",
            "",
            "| # | case | truth | citecheck | | lychee | | requests c / l |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for i, row in enumerate(rows, start=1):
            c, ly = row["citecheck"], row["lychee"]
            c_txt = f"{c['said']} ({c['detail']})" if c else "—"
            ly_txt = "—"
            if ly:
                code = f" {ly['http_status']}" if ly["http_status"] else ""
                ly_txt = f"{ly['said']}{code} → {ly['klass']}"
            c_mark = "✓" if row["citecheck_exact"] else ("~" if row["citecheck_class"] else "✗")
            ly_mark = "✓" if row["lychee_class"] else "✗"
            req = row.get("requests_to_cited_url_per_run", {})
            req_txt = f"{req.get('citecheck', 0):g} / {req.get('lychee', 0):g}"
            lines.append(f"| {i} | {row['case']} | {row['truth']} | {c_txt.replace('|', '/')} "
                         f"| {c_mark} | {ly_txt.replace('|', '/')} | {ly_mark} | {req_txt} |")
        for tool in ("citecheck", "lychee"):
            summary = rot["tools"][tool]
            if summary["time"] != "not run" and not summary["answers"]:
                last = (summary["stderr_tail"].strip().splitlines() or ["(no output)"])[-1]
                lines += ["", f"**{tool} produced no report** (exit {summary['exit_code']}): "
                          f"`{last}`"]
        lines += ["", "✓ right; ~ citecheck's verdict is wrong but in the right coarse class; "
                  "✗ wrong. lychee's answer is shown as `said status → class`. Requests: to the "
                  "cited URL itself, per run (probes and redirect targets not included).", ""]
    for layout, tp in results.get("throughput", {}).items():
        names = [t for t in ("citecheck", "lychee", MATCHED) if t in tp["tools"]]
        cols = [tp["tools"][t] for t in names]
        heads = {"citecheck": "citecheck (defaults)", "lychee": "lychee (defaults)",
                 MATCHED: "citecheck `--concurrency 128 --per-host 10`"}

        def row(label: str, cells: list[str]) -> str:
            return f"| {label} | " + " | ".join(cells) + " |"

        lines += [
            f"## Throughput ({layout})",
            "",
            f"{tp['urls']} live URLs on {tp['about']}, each answered after 0.2–1.0 s "
            f"(sum of delays {tp['total_delay_s']:.0f} s).",
            "",
            row("", [heads[t] for t in names]),
            row("---", ["---"] * len(names)),
            row("wall time", [c["time"] for c in cols]),
            row("peak RSS", [c["rss"] for c in cols]),
            row("URLs judged live / OK", [f"{c['ok']}/{tp['urls']}" for c in cols]),
            row("requests sent per run", [c["requests"] for c in cols]),
            "",
        ]
    return "\n".join(lines)


def tool_summary(result: ToolResult, requests: float | None) -> dict[str, Any]:
    """The per-tool numbers of a scenario, raw and formatted for the tables."""
    return {
        "time": fmt_timing(result.timing, result.run),
        "rss": f"{result.run.peak_rss_mb:.0f} MB" if result.run.peak_rss_mb else "n/a",
        "requests": f"{requests:.0f}" if requests is not None else "n/a",
        "ok": sum(1 for a in result.answers.values() if a.klass == OK),
        "answers": len(result.answers),
        "exit_code": result.run.exit_code,
        "measured_run_s": round(result.run.wall_s, 3),
        "timing": asdict(result.timing) if result.timing else None,
        "peak_rss_mb": result.run.peak_rss_mb,
        "requests_per_run": requests,
        "stderr_tail": result.run.stderr_tail,
    }


def version(cmd: Sequence[str]) -> str:
    """First line of a tool's version output."""
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "unavailable"
    if proc.returncode != 0:  # e.g. a traceback: not a version
        return "unavailable"
    text = (proc.stdout or proc.stderr).strip().splitlines()
    return text[0].split()[-1].split("/")[-1] if text else "unknown"  # "nginx/1.22.1" → 1.22.1


# ----------------------------------------------------------------------------------- scenarios


# citecheck with lychee's default limits (128 in flight, 10 per host), for the throughput
# scenario: separates "citecheck is slower" from "citecheck is more polite by default". Its own
# User-Agent keeps its requests apart in the access log.
MATCHED = "citecheck-matched"
MATCHED_ARGS = ("--concurrency", "128", "--per-host", "10",
                "--user-agent", f"{MATCHED} (benchmark)")


def run_both(args: argparse.Namespace, tools: Sequence[str], label: str, doc: Path, *,
             urls: Sequence[str], work: Path, matched: bool = False) -> dict[str, ToolResult]:
    """Run each selected tool on ``doc`` and read its answers per URL."""
    out: dict[str, ToolResult] = {}
    names = ["citecheck", "lychee"] + ([MATCHED] if matched and "citecheck" in tools else [])
    for tool in names:
        if tool not in tools and tool != MATCHED:
            out[tool] = ToolResult(Run(-1, 0.0, None, "not run"), None)
            continue
        report = args.results / f"{label}-{tool}.json"
        report.unlink(missing_ok=True)
        if tool == "lychee":
            cmd = lychee_cmd(args.bin, doc, report, args.timeout)
        else:
            cmd = citecheck_cmd(args.bin, doc, report, args.timeout)
            cmd += MATCHED_ARGS if tool == MATCHED else ()
        result = run_tool(tool, cmd, work, args.runs)
        if report.exists():
            if tool != "lychee":
                result.answers = citecheck_answers(report, doc.name)
            else:
                result.answers = lychee_answers(report)
                fill_lychee_successes(result.answers, urls, report)
        out[tool] = result
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Parse options, serve the rotten web, run both tools, score and write the results."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--base-port", type=int, default=18400)
    parser.add_argument("--runs", type=int, default=3, help="timed runs per tool (hyperfine)")
    parser.add_argument("--timeout", type=float, default=10.0, help="per-URL timeout, both tools")
    parser.add_argument("--bin", type=Path, default=HERE / ".venv" / "bin",
                        help="directory holding the citecheck and lychee executables")
    parser.add_argument("--scenario", choices=["all", "rot", "throughput", "scale"],
                        default="all", help="scale: the issue #13 scenarios (scale.py); "
                        "not part of 'all'")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="scale: run only this scenario (repeatable), e.g. 2000x50@100")
    parser.add_argument("--profile", metavar="NAME",
                        help="scale: profile one citecheck run of NAME with py-spy instead")
    parser.add_argument("--memray", metavar="NAME",
                        help="scale: record where one citecheck run of NAME holds its memory "
                        "(memray: peak RSS, the allocation tree at the peak) instead")
    parser.add_argument("--quiet-wait", type=float, default=60.0,
                        help="scale: wait up to this many seconds before each run for other "
                        "processes to go quiet (the machine may be shared)")
    parser.add_argument("--lychee-interval", default="0s",
                        help="scale: lychee's --host-request-interval (citecheck has none)")
    parser.add_argument("--tools", default="citecheck,lychee")
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument("--serve", action="store_true",
                        help="only serve the rotten web until interrupted (for exploring)")
    args = parser.parse_args(argv)

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)  # unwinds through nginx_running's finally

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)
    if args.scenario == "scale":
        import scale  # only this scenario needs it

        return scale.main(args)

    corpus = load_corpus(HERE / "cases.toml", args.base_port)
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    for tool in [] if args.serve else tools:
        if not (args.bin / tool).exists():
            raise SystemExit(f"{args.bin / tool} not found: run `bash benchmarks/run.sh`")
    if not ECHO_MODULE.exists() or not shutil.which("nginx"):
        raise SystemExit("nginx or its echo module is missing: run `bash benchmarks/run.sh`")

    args.results.mkdir(parents=True, exist_ok=True)
    rot_doc = HERE / "doc.txt"
    rot_doc.write_text(rot_document(corpus), encoding="utf-8")
    tp_docs = {}
    for layout in LAYOUTS:
        tp_docs[layout] = args.results / f"throughput-{layout}-doc.txt"
        tp_docs[layout].write_text(throughput_document(args.base_port, layout), encoding="utf-8")

    rot_endpoints = {("127.0.0.1", s.port) for s in corpus.sites.values() if s.nginx.strip()}
    closed = [("127.0.0.1", s.port) for s in corpus.sites.values() if not s.nginx.strip()]
    tp_endpoints = {lay: set(throughput_origins(args.base_port, lay)) for lay in LAYOUTS}
    serving = sorted(rot_endpoints.union(*tp_endpoints.values()))
    results: dict[str, Any] = {
        "generated_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "versions": {
            "citecheck": version([str(args.bin / "citecheck"), "--version"]),
            "lychee": version([str(args.bin / "lychee"), "--version"]),
            "nginx": version(["nginx", "-v"]),
        },
        "machine": f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}",
        "timeout_s": args.timeout,
        "runs": args.runs,
    }
    raw: dict[str, dict[str, ToolResult]] = {}

    with tempfile.TemporaryDirectory(prefix="citecheck-bench-") as tmp_name:
        tmp = Path(tmp_name)
        tmp.chmod(0o755)  # nginx workers run as an unprivileged user and must read www/
        www = tmp / "www"
        www.mkdir(mode=0o755)
        pdf_case = next((c for c in corpus.cases if c.url.endswith(".pdf")), None)
        (www / "sample.pdf").write_bytes(make_pdf(pdf_case.title if pdf_case else "Sample"))
        conf = nginx_conf(corpus, args.base_port, tmp, www)
        with nginx_running(conf, tmp, serving, closed) as access_log:
            print(f"nginx serving {len(corpus.cases)} rot cases on {sorted(rot_endpoints)} "
                  f"(closed: {closed}) and the throughput sites", flush=True)
            if args.serve:
                print(f"config: {tmp / 'nginx.conf'}; document: {rot_doc}; Ctrl-C to stop")
                with suppress(KeyboardInterrupt):
                    signal.pause()
                return 0
            work = tmp / "work"
            work.mkdir()
            if args.scenario in ("all", "rot"):
                print(f"\n== rot corpus: {len(corpus.cases)} cases, {rot_doc}", flush=True)
                raw["rot"] = run_both(args, tools, "rot", rot_doc,
                                      urls=[c.url for c in corpus.cases], work=work)
            if args.scenario in ("all", "throughput"):
                for layout in LAYOUTS:
                    targets = throughput_targets(args.base_port, layout)
                    print(f"\n== throughput ({layout}): {len(targets)} URLs, {tp_docs[layout]}",
                          flush=True)
                    raw[f"throughput-{layout}"] = run_both(
                        args, tools, f"throughput-{layout}", tp_docs[layout],
                        urls=[u for u, _, _ in targets], work=work, matched=True)
        # nginx has stopped: every finished request is in the access log now.
        hits = count_requests(access_log)

    per_run = 1 + max(args.runs, 0)  # the measured run plus the timed runs

    def requests(tool: str, endpoints: set[Endpoint]) -> float | None:
        sent = sum(n for (t, ep, _), n in hits.items() if t == tool and ep in endpoints)
        return sent / per_run if tool in tools or tool == MATCHED else None

    if "rot" in raw:
        cite, lyc = raw["rot"]["citecheck"], raw["rot"]["lychee"]
        rows = score_rot(corpus, cite, lyc)
        for row, case in zip(rows, corpus.cases, strict=True):
            endpoint = ("127.0.0.1", corpus.sites[case.site].port)
            path = case.url.split(f":{endpoint[1]}", 1)[1]
            row["requests_to_cited_url_per_run"] = {
                t: hits[(t, endpoint, path)] / per_run for t in ("citecheck", "lychee")}
        results["rot"] = {
            "score": {
                "cases": len(rows),
                "citecheck_exact": sum(r["citecheck_exact"] for r in rows),
                "citecheck_class": sum(r["citecheck_class"] for r in rows),
                "lychee_class": sum(r["lychee_class"] for r in rows),
            },
            "tools": {t: tool_summary(r, requests(t, rot_endpoints))
                      for t, r in raw["rot"].items()},
            "cases": rows,
        }
    about = {"ports": f"{THROUGHPUT_SITES} ports of 127.0.0.1 (one host name)",
             "hosts": f"{THROUGHPUT_SITES} loopback addresses 127.0.0.21–26 (six host names)"}
    for layout in LAYOUTS:
        if f"throughput-{layout}" not in raw:
            continue
        targets = throughput_targets(args.base_port, layout)
        results.setdefault("throughput", {})[layout] = {
            "urls": len(targets),
            "about": about[layout],
            "total_delay_s": sum(d for _, _, d in targets),
            "tools": {t: tool_summary(r, requests(t, tp_endpoints[layout]))
                      for t, r in raw[f"throughput-{layout}"].items()},
        }

    (args.results / "latest.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    summary = markdown(results)
    (args.results / "latest.md").write_text(summary, encoding="utf-8")
    print()
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
