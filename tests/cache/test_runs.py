"""Memory across runs, end to end against the local servers: cache hits counted at the server,
expiry and the --confirm gate over simulated runs (an injected clock), two processes sharing
one cache, a corrupt cache file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from typer.testing import CliRunner

from citecheck import pipeline
from citecheck.cache.store import FILE_NAME
from citecheck.cli import app
from citecheck.models import ExitCode, Gate, NoteResult, Report
from citecheck.report._text import reason_text
from citecheck.settings import Settings

if TYPE_CHECKING:  # the fixture's type; the module moves in the test tree
    from server import Web

HOUR = 3600.0
DAY = 24 * HOUR
START = 1_793_577_600.0  # 2026-11-02T00:00:00Z


def essay(web: Web, folder: Path) -> Path:
    path = folder / "essay.txt"
    path.write_text(
        "Rooftop solar grew by a third in 2020.[1] The outlook was withdrawn.[2]\n\n"
        "Notes\n\n"
        f"[1] Doe, Jane. “Solar Power Adoption Report 2020,” 2020. {web.main.url('/page-two')}\n"
        f"[2] Coe, Di. “Offshore Wind Outlook,” 2019. {web.main.url('/withdrawn-report')}\n",
        encoding="utf-8",
    )
    return path


def settings(path: Path, folder: Path, **more: object) -> Settings:
    return Settings(paths=(str(path),), allow_private=True, timeout=5.0, archive=False,
                    probe=False, cache_dir=str(folder), **more)


def run_at(when: float, config: Settings, warnings: list[str] | None = None) -> Report:
    sink = warnings if warnings is not None else []
    return pipeline.run(config, clock=lambda: when, warn=sink.append)


def notes(report: Report) -> dict[str, NoteResult]:
    return {n.note.label: n for n in report.documents[0].notes}


def test_a_second_run_within_the_age_makes_no_request(web: Web, tmp_path: Path) -> None:
    config = settings(essay(web, tmp_path), tmp_path / "cache")
    first = run_at(START, config)
    assert not any(n.cached for n in first.documents[0].notes)
    assert (web.main.hits("/page-two"), web.main.hits("/withdrawn-report")) == (1, 1)
    web.reset()
    second = run_at(START + 0.5 * HOUR, config)
    assert all(n.cached for n in second.documents[0].notes)
    assert (web.main.hits("/page-two"), web.main.hits("/withdrawn-report")) == (0, 0)
    assert [n.status for n in second.documents[0].notes] == [
        n.status for n in first.documents[0].notes]


def test_failures_expire_after_an_hour_live_results_after_a_day(web: Web, tmp_path: Path) -> None:
    config = settings(essay(web, tmp_path), tmp_path / "cache")
    run_at(START, config)
    web.reset()
    later = run_at(START + 2 * HOUR, config)
    assert (web.main.hits("/page-two"), web.main.hits("/withdrawn-report")) == (0, 1)
    assert {label: n.cached for label, n in notes(later).items()} == {"1": True, "2": False}
    web.reset()
    run_at(START + 25 * HOUR, config)
    assert (web.main.hits("/page-two"), web.main.hits("/withdrawn-report")) == (1, 1)
    # --max-age changes both: 0 means every run checks again.
    web.reset()
    run_at(START + 25.1 * HOUR, settings(essay(web, tmp_path), tmp_path / "cache",
                                          max_age="0s"))
    assert (web.main.hits("/page-two"), web.main.hits("/withdrawn-report")) == (1, 1)


def test_no_cache_bypasses_it(web: Web, tmp_path: Path) -> None:
    config = settings(essay(web, tmp_path), tmp_path / "cache", cache=False)
    run_at(START, config)
    run_at(START + 60, config)
    assert web.main.hits("/withdrawn-report") == 2
    assert not (tmp_path / "cache").exists()


def test_the_history_says_how_long_a_source_has_failed(web: Web, tmp_path: Path) -> None:
    config = settings(essay(web, tmp_path), tmp_path / "cache")
    first = notes(run_at(START, config))["2"]
    assert first.history is not None and first.history.failed_checks == 1
    assert reason_text(first) == "HTTP 404 · first failure"
    run_at(START + DAY, config)
    run_at(START + 2 * DAY, config)
    last = run_at(START + 3 * DAY, config)
    history = notes(last)["2"].history
    assert history is not None
    assert (history.failing_since, history.failed_checks) == ("2026-11-02T00:00:00Z", 4)
    assert notes(last)["1"].history is None
    assert reason_text(notes(last)["2"]) == "HTTP 404 · failing since 2026-11-02, 4 checks"


def test_confirm_fails_the_gate_only_after_n_spaced_runs(web: Web, tmp_path: Path) -> None:
    config = settings(essay(web, tmp_path), tmp_path / "cache", confirm=3)
    timeline = [
        (START, ExitCode.OK),  # first failure: shown, does not fail
        (START + 2 * HOUR, ExitCode.OK),  # checked again, but too soon to confirm
        (START + DAY, ExitCode.OK),  # two runs a day apart
        (START + 2 * DAY + HOUR, ExitCode.GATE_FAILED),  # three: confirmed
    ]
    for when, expected in timeline:
        report = run_at(when, config)
        dead = notes(report)["2"]
        assert report.summary.exit_code is expected, when
        assert dead.gate is (Gate.FAIL if expected else Gate.WARN)
        assert dead.unconfirmed is (not expected)
        assert report.summary.unconfirmed == (0 if expected else 1)


def test_confirm_needs_the_cache(tmp_path: Path) -> None:
    with pytest.raises(pipeline.UsageProblem, match="needs the results cache"):
        run_at(START, settings(tmp_path / "x.txt", tmp_path, confirm=2, cache=False))


def test_a_corrupt_cache_is_reported_in_one_line_and_rebuilt(web: Web, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / FILE_NAME).write_bytes(b"\x00garbage, not SQLite\x00" * 100)
    path = essay(web, tmp_path)
    result = CliRunner().invoke(app, [str(path), "--allow-private", "--no-archive",
                                      "--cache-dir", str(cache), "--json", "-"])
    assert result.exit_code == 1, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "rebuilt" in warnings[0] and "Traceback" not in result.stderr
    json.loads(result.stdout)
    web.reset()
    again = CliRunner().invoke(app, [str(path), "--allow-private", "--no-archive",
                                     "--cache-dir", str(cache)])
    assert again.exit_code == 1 and "warning" not in again.stderr
    assert web.main.hits("/withdrawn-report") == 0  # the rebuilt cache works


def test_the_cli_marks_cached_results_and_keeps_secrets_out(web: Web, tmp_path: Path) -> None:
    path = essay(web, tmp_path)
    cache = tmp_path / "cache"
    args = [str(path), "--allow-private", "--no-archive", "--cache-dir", str(cache),
            "--user-agent", "agent-with-secret-token-123"]
    CliRunner().invoke(app, args)
    web.reset()
    result = CliRunner().invoke(app, [*args, "--json", "-"])
    report = json.loads(result.stdout)
    assert [n["cached"] for n in report["documents"][0]["notes"]] == [True, True]
    assert [k["cached"] for k in report["links"]] == [True, True]
    assert web.main.hits("/page-two") == 0
    table = CliRunner().invoke(app, [*args, "--output", "table"], env={"COLUMNS": "200"})
    assert "live · cached" in table.stdout and "dead · cached" in table.stdout
    lines = CliRunner().invoke(app, [*args, "--output", "lines"]).stdout.splitlines()
    assert sum("(cached)" in line for line in lines) == 2
    for file in cache.iterdir():
        assert b"agent-with-secret-token-123" not in file.read_bytes()
    # Another user agent is another question: asked again.
    CliRunner().invoke(app, [*args[:-1], "other-agent"])
    assert web.main.hits("/page-two") == 1


def test_two_processes_share_one_cache(web: Web, tmp_path: Path) -> None:
    path = essay(web, tmp_path)
    cache = tmp_path / "cache"
    script = Path(sys.executable).with_name("citecheck")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "citecheck"]
    env = {**os.environ, "CITECHECK_CACHE_DIR": str(cache)}
    runs = [
        subprocess.Popen([*command, str(path), "--allow-private", "--no-archive", "--json",
                          str(tmp_path / f"r{n}.json")], env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for n in range(2)
    ]
    outcomes = [(run.wait(timeout=60), run.stderr.read() if run.stderr else "") for run in runs]
    for run in runs:
        for stream in (run.stdout, run.stderr):
            if stream:
                stream.close()
    for code, stderr in outcomes:
        assert code == 1, stderr
        assert "warning" not in stderr and "Traceback" not in stderr
    for n in range(2):
        report = json.loads((tmp_path / f"r{n}.json").read_text(encoding="utf-8"))
        assert [x["verdict"] for x in report["documents"][0]["notes"]] == ["live", "dead"]
    web.reset()
    third = CliRunner().invoke(app, [str(path), "--allow-private", "--no-archive",
                                     "--cache-dir", str(cache)])
    assert third.exit_code == 1
    assert web.main.hits("/page-two") == 0  # what the two runs wrote is there


def test_the_html_report_draws_rot_over_time_from_the_cache(tmp_path: Path) -> None:
    # Its own server: the source is live at the first run and gone at the second.
    from support.server import Site, _not_found, _page

    from citecheck.report.html import format_html
    from citecheck.report.json import format_json, load_schema

    state = {"gone": False}
    alive = _page("Offshore Wind Outlook", "<h1>Offshore Wind Outlook</h1><p>Turbines.</p>")
    gone = _page("Not Found", "<p>No such report.</p>", 404)

    def flip(h: Any, s: Any) -> None:
        (gone if state["gone"] else alive)(h, s)

    site = Site("flip", {"/report": flip}, _not_found).start()
    try:
        path = tmp_path / "essay.txt"
        path.write_text("Wind grew.[1]\n\nNotes\n\n[1] Coe, Di. “Offshore Wind Outlook,” "
                        f"2019. {site.url('/report')}\n", encoding="utf-8")
        config = settings(path, tmp_path / "cache")
        first = run_at(START, config)
        assert [p.rotten for p in first.documents[0].trend] == [0]
        state["gone"] = True
        second = run_at(START + 2 * DAY, config)  # past the live result's day in the cache
    finally:
        site.close()
    assert notes(second)["1"].status.value == "dead"
    points = second.documents[0].trend
    assert [(p.at, p.rotten, p.ok) for p in points] == [
        ("2026-11-02T00:00:00Z", 0, 1), ("2026-11-04T00:00:00Z", 1, 0)]
    page = format_html(second)
    assert 'data-points="2"' in page and "No history in this report" not in page
    assert page.count('class="run"') == 2
    assert 'data-at="2026-11-04T00:00:00Z" data-rotten="1" data-ok="0"' in page
    import jsonschema  # type: ignore[import-untyped]

    report = json.loads(format_json(second))
    jsonschema.validate(report, load_schema())
    assert [p["rotten"] for p in report["documents"][0]["trend"]] == [0, 1]
    # Without the cache: no trend, and the chart is the labelled placeholder.
    uncached = pipeline.run(settings(path, tmp_path / "c2", cache=False))
    assert uncached.documents[0].trend == ()
    assert "No history in this report" in format_html(uncached)


def test_the_callers_preparation_runs_once_with_checks_and_with_all_cached(
    web: Web, tmp_path: Path
) -> None:
    config = settings(essay(web, tmp_path), tmp_path / "cache")
    calls: list[float] = []
    for when in (START, START + 0.5 * HOUR):  # checked, then answered by the cache alone
        pipeline.run(config, clock=lambda when=when: when,
                     prepare=lambda when=when: calls.append(when))
    assert calls == [START, START + 0.5 * HOUR]
    assert web.main.hits("/page-two") == 1
