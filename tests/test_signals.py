"""Stopping a run: SIGTERM and Ctrl-C end it with one line and the conventional exit code.

A real subprocess (signals cannot be sent to CliRunner) checks a URL that hangs on the local
test server; the signal arrives once the server has seen the request.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.server import Web


def _start(web: Web, folder: Path) -> subprocess.Popen[str]:
    doc = folder / "doc.md"
    doc.write_text(f"A claim.[^1]\n\n[^1]: {web.main.url('/hang')}\n", encoding="utf-8")
    report = folder / "report.json"
    report.write_text("previous report\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CITECHECK_", "GITHUB_"))}
    return subprocess.Popen(
        [sys.executable, "-m", "citecheck", str(doc), "--allow-private", "--timeout", "60",
         "--retries", "0", "--no-archive", "--json", str(report)],
        cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _wait_for_the_request(web: Web, process: subprocess.Popen[str]) -> None:
    for _ in range(600):  # the interpreter's start-up, then the request
        if web.main.hits("/hang") or process.poll() is not None:
            return
        time.sleep(0.05)


@pytest.mark.parametrize(
    ("signum", "code", "line"),
    [
        (signal.SIGTERM, 143, "citecheck: terminated"),
        (signal.SIGINT, 130, "citecheck: interrupted"),
    ],
    ids=["SIGTERM", "SIGINT"],
)
def test_a_signal_stops_the_run_with_one_line(
    web: Web, tmp_path: Path, signum: int, code: int, line: str
) -> None:
    process = _start(web, tmp_path)
    try:
        _wait_for_the_request(web, process)
        assert web.main.hits("/hang") == 1, process.communicate(timeout=5)
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == code, stderr
    assert stderr.strip().splitlines() == [line]
    assert "Traceback" not in stderr
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.md", "report.json"]
