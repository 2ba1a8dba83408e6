"""The command line end to end: exit codes, what goes to stdout and stderr, and the files written.

Runs go through ``typer.testing.CliRunner`` against the real test servers on 127.0.0.1 (see
``server.py``); one test runs the installed console script in a subprocess. Every test runs in its
own empty working directory with no ``CITECHECK_*``, CI or colour variables set, so a
configuration file or environment on the developer's machine cannot change the outcome.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from support.archive import FakeWayback, fake_wayback
from support.server import Web
from typer.testing import CliRunner, Result

from citecheck import __version__
from citecheck.cli import app
from citecheck.models import Verdict
from citecheck.report.json import load_schema

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_f49f3406d1885974.txt"
DATA = Path(__file__).parent / "data" / "cli"
SARIF_SCHEMA = Path(__file__).parent / "data" / "schemas" / "sarif-schema-2.1.0.json"

# What a run against the 127.0.0.1 servers needs: private addresses allowed, a short deadline,
# and no Wayback look-ups (they would go to archive.org).
LOCAL = ("--allow-private", "--timeout", "5", "--no-archive")
ANSI = re.compile(r"\x1b\[")
# A line of --output lines: "path:line: verdict  URL ... (note label; claim: ...)".
LINE_ROW = re.compile(
    rf"^(?P<path>.+?):(?P<line>\d+): (?P<verdict>{'|'.join(v.value for v in Verdict)}) +"
    r"(?P<url>\S+).* \(note (?P<label>[^;]+); claim: .*\)$"
)
# A table row: gate mark, note label, ..., verdict, reason.
VERDICT_ROW = re.compile(
    # The verdict may be followed by what the run adds: " · first failure", " · cached"…
    rf"^(.)\s+(\w+)\s{{2,}}(?:.*\s)?({'|'.join(v.value for v in Verdict)})(?: · [^·]+?)*\s{{2,}}\S"
)

# The verdict each note of tests/data/cli/article.txt gets from the test servers.
ARTICLE_VERDICTS = {
    "1": "live",  # /page
    "2": "live",  # /page-two
    "3": "moved",  # /moved-301 -> /page
    "4": "blocked",  # /forbidden
    "5": "soft404",  # the catch-all site answers a made-up sibling with the same page
    "6": "soft404",  # Ibid. -> 5
    "7": "live",  # /page-two again
    "8": "dead",  # /withdrawn-report: 404
    "9": "dead",  # short form -> 8
}

# The seed's ibid and short-form notes and the full note each one repeats.
SEED_RESOLUTIONS = {
    "ii": "i",
    "v": "iv",
    "xvi": "xv",
    "xvii": "xv",
    "xix": "xv",
    "xxi": "xx",
    "xxii": "xx",
    "xxiv": "i",
    "xxvi": "xxv",
    "xxvii": "xxv",
}


@pytest.fixture(autouse=True)
def workdir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty working directory and an environment without citecheck, CI or colour settings."""
    for name in list(os.environ):
        if name.startswith("CITECHECK_") or name in (
            "GITHUB_ACTIONS",
            "GITHUB_STEP_SUMMARY",
            "NO_COLOR",
            "FORCE_COLOR",
            "TTY_COMPATIBLE",
            "TTY_INTERACTIVE",
        ):
            monkeypatch.delenv(name)
    # Wide enough that the table does not wrap the verdict column.
    monkeypatch.setenv("COLUMNS", "160")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def run(*args: str | os.PathLike[str], stdin: str | None = None,
        env: dict[str, str] | None = None) -> Result:
    """Invoke the CLI in-process; a traceback or an escaped exception fails the test."""
    result = CliRunner().invoke(
        app, [os.fspath(a) for a in args], input=stdin, env=env, prog_name="citecheck"
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"citecheck raised {result.exception!r}") from result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result


def assert_usage_error(result: Result, *fragments: str) -> str:
    """Exit 2, nothing on stdout, one stderr line "citecheck: error: ..." naming the problem."""
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("citecheck: error: "), lines[0]
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


def render(name: str, web: Web, folder: Path) -> Path:
    """Write tests/data/cli/<name> into ``folder`` with the test servers' origins filled in."""
    text = (DATA / name).read_text(encoding="utf-8")
    text = text.replace("{main}", web.main.origin).replace("{catchall}", web.catchall.origin)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def note_fields(report: dict[str, Any], field: str, document: int = 0) -> dict[str, Any]:
    """``{label: note[field]}`` for one document of a JSON report."""
    return {n["label"]: n[field] for n in report["documents"][document]["notes"]}


def validate_report(report: dict[str, Any]) -> None:
    """The report matches the schema ``citecheck schema`` publishes."""
    jsonschema.Draft202012Validator(load_schema()).validate(report)


@pytest.fixture
def article(web: Web, tmp_path: Path) -> Path:
    """The nine-note text article, citing every kind of source the servers reproduce."""
    folder = tmp_path / "docs"
    folder.mkdir()
    return render("article.txt", web, folder)


# ----------------------------------------------------------------------------- the seed, offline


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No name resolves, as on a machine without a network: the seed cites public URLs, and this
    keeps the run from reaching them wherever the suite runs (here, CI, a laptop online)."""

    def no_network(host: object, *args: object, **kwargs: object) -> list[Any]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)


@pytest.mark.usefixtures("offline")
def test_seed_offline_is_exit_3_with_every_note_offline() -> None:
    result = run(SEEDS)  # not a terminal: one line per note, each URL whole
    assert result.exit_code == 3
    rows = [LINE_ROW.match(line) for line in result.stdout.splitlines()]
    verdicts = {row.group("label"): row.group("verdict") for row in rows if row}
    assert len(verdicts) == 27
    assert set(verdicts.values()) == {"offline"}
    assert "network unavailable: 0 of 27 claims could be checked (27 offline)" in result.stdout
    # The run-wide cause is said once, first, and not repeated on every row or on stderr.
    assert result.stdout.splitlines()[0] == (
        "citecheck: network unavailable: no host could be reached, so no source could be checked")
    assert result.stdout.count("no host could be reached") == 1
    assert result.stderr == ""
    table = run(SEEDS, "--output", "table")
    rows = [VERDICT_ROW.match(line) for line in table.stdout.splitlines()]
    assert len([row for row in rows if row]) == 27
    assert table.stdout.count("no host could be reached") == 1


@pytest.mark.usefixtures("offline")
def test_seed_json_on_stdout_validates_and_keeps_the_resolutions() -> None:
    result = run(SEEDS, "--json", "-")
    assert result.exit_code == 3
    report = json.loads(result.stdout)  # nothing else on stdout: the table went to stderr
    validate_report(report)
    assert len([line for line in result.stderr.splitlines() if LINE_ROW.match(line)]) == 27
    assert "no host could be reached" in result.stderr
    [document] = report["documents"]
    assert document["path"] == str(SEED)
    assert len(document["notes"]) == 27
    assert set(note_fields(report, "verdict").values()) == {"offline"}
    resolved = {label: root for label, root in note_fields(report, "resolves_to").items() if root}
    assert resolved == SEED_RESOLUTIONS
    assert report["summary"]["exit_code"] == 3
    assert report["summary"]["counts"]["offline"] == 27
    assert report["summary"]["notes"] == 27
    assert {link["verdict"] for link in report["links"]} == {"offline"}


@pytest.mark.usefixtures("offline")
def test_seed_json_file_is_the_only_file_written(workdir: Path) -> None:
    result = run(SEEDS, "--json", "report.json")
    assert result.exit_code == 3
    assert sorted(os.listdir(workdir)) == ["report.json"]  # no temporary file left behind
    report = json.loads((workdir / "report.json").read_text(encoding="utf-8"))
    validate_report(report)
    assert report["summary"]["notes"] == 27
    umask = os.umask(0)
    os.umask(umask)
    assert (workdir / "report.json").stat().st_mode & 0o777 == 0o666 & ~umask
    # The table still goes to stdout when no report does.
    assert len([line for line in result.stdout.splitlines() if LINE_ROW.match(line)]) == 27


# ----------------------------------------------------------------------------- against the servers


def test_article_table_exit_1_and_one_fetch_per_url(web: Web, article: Path) -> None:
    result = run(article, *LOCAL, "--output", "table")
    assert result.exit_code == 1
    assert result.stderr == ""
    rows = {}
    for line in result.stdout.splitlines():
        match = VERDICT_ROW.match(line)
        if match:
            rows[match.group(2)] = (match.group(1), match.group(3))
    assert {label: verdict for label, (_, verdict) in rows.items()} == ARTICLE_VERDICTS
    assert {label for label, (mark, _) in rows.items() if mark == "✗"} == {"5", "6", "8", "9"}
    assert {label for label, (mark, _) in rows.items() if mark == "!"} == {"3", "4"}
    assert "✗ gate failed: 4 notes failed, 0 allowed · 2 warned" in result.stdout
    # /page-two is cited by notes 2 and 7: one request. /page: one direct, one via /moved-301.
    assert web.main.hits("/page-two") == 1
    assert web.main.hits("/page") == 2
    assert web.main.hits("/withdrawn-report") == 1
    assert web.catchall.hits("/articles/solar-farm") == 1


def test_ibid_and_short_notes_take_their_root_verdict_in_json(web: Web, article: Path) -> None:
    result = run(article, *LOCAL, "--json", "-")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    validate_report(report)
    assert note_fields(report, "verdict") == ARTICLE_VERDICTS
    kinds = note_fields(report, "kind")
    roots = note_fields(report, "resolves_to")
    urls = note_fields(report, "url")
    assert (kinds["6"], roots["6"], urls["6"]) == ("ibid", "5", urls["5"])
    assert (kinds["9"], roots["9"], urls["9"]) == ("short", "8", urls["8"])
    assert note_fields(report, "urls")["6"] == []  # the ibid has no URL of its own
    assert note_fields(report, "gate")["6"] == "fail"
    assert report["summary"]["failed"] == 4 and report["summary"]["warned"] == 2
    assert report["summary"]["links"] == 6  # 9 notes, 6 distinct URLs
    assert len(report["links"]) == 6


def test_policy_flags_change_the_exit_code(web: Web, article: Path) -> None:
    lenient = run(article, *LOCAL, "--fail-on", "error", "--warn-on", "dead", "--json", "-")
    assert lenient.exit_code == 0
    report = json.loads(lenient.stdout)
    assert report["summary"]["failed"] == 0
    assert report["summary"]["exit_code"] == 0
    gates = note_fields(report, "gate")
    assert (gates["8"], gates["9"]) == ("warn", "warn")
    assert (gates["3"], gates["4"], gates["5"]) == ("pass", "pass", "pass")
    assert report["policy"] == {"fail_on": ["error"], "warn_on": ["dead"], "max_failures": 0,
                                "confirm": 1, "fail_on_empty": False}

    strict = run(article, *LOCAL, "--fail-on", "blocked")
    assert strict.exit_code == 1
    assert "1 note failed" in strict.stdout


def test_max_failures_allows_that_many_failed_notes(web: Web, article: Path) -> None:
    assert run(article, *LOCAL, "--max-failures", "4").exit_code == 0
    assert run(article, *LOCAL, "--max-failures", "3").exit_code == 1


def test_without_allow_private_loopback_is_skipped_and_never_contacted(
    web: Web, article: Path
) -> None:
    result = run(article, "--timeout", "5", "--no-archive", "--json", "-")
    assert result.exit_code == 0  # skipped is not a failure
    report = json.loads(result.stdout)
    assert set(note_fields(report, "verdict").values()) == {"skipped"}
    details = set(note_fields(report, "detail").values())
    assert len(details) == 1 and "--allow-private" in details.pop()
    assert web.main.total == 0
    assert web.catchall.total == 0


def test_exclude_skips_a_link_and_names_the_rule(web: Web, article: Path) -> None:
    result = run(article, *LOCAL, "--exclude", "withdrawn-[a-z]+$", "--json", "-")
    report = json.loads(result.stdout)
    status, detail = note_fields(report, "verdict"), note_fields(report, "detail")
    assert (status["8"], status["9"]) == ("skipped", "skipped")
    assert detail["8"] == "excluded by --exclude 'withdrawn-[a-z]+$'"
    assert web.main.hits("/withdrawn-report") == 0
    assert result.exit_code == 1  # the soft 404s still fail
    assert note_fields(report, "verdict")["1"] == "live"


def test_exclude_reason_shows_the_rule_as_written(web: Web, article: Path) -> None:
    result = run(article, *LOCAL, "--exclude", r"withdrawn-\w+", "--json", "-")
    detail = note_fields(json.loads(result.stdout), "detail")["8"]
    assert detail == r"excluded by --exclude 'withdrawn-\w+'"


def test_bad_exclude_regex_is_a_usage_error(web: Web, article: Path) -> None:
    assert_usage_error(run(article, *LOCAL, "--exclude", "(unclosed"), "--exclude", "(unclosed")
    assert web.main.total == 0


# ----------------------------------------------------------------------------- output formats


def test_every_format_at_once(web: Web, article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = run(
        article, *LOCAL,
        "--json", out / "a.json", "--markdown", out / "b.md",
        "--junit", out / "c.xml", "--sarif", out / "d.sarif",
    )
    assert result.exit_code == 1
    assert sorted(os.listdir(out)) == ["a.json", "b.md", "c.xml", "d.sarif"]

    report = json.loads((out / "a.json").read_text(encoding="utf-8"))
    validate_report(report)
    assert report["summary"]["failed"] == 4

    markdown = (out / "b.md").read_text(encoding="utf-8")
    assert markdown.startswith("## citecheck")
    assert "Gate failed" in markdown and "/withdrawn-report" in markdown

    suites = ET.parse(out / "c.xml").getroot()
    assert suites.tag == "testsuites"
    assert suites.get("failures") == "4"
    failures = suites.findall(".//failure")
    assert sorted(f.get("type") or "" for f in failures) == ["dead", "dead", "soft404", "soft404"]

    sarif = json.loads((out / "d.sarif").read_text(encoding="utf-8"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(sarif)
    results = sarif["runs"][0]["results"]
    assert len(results) == 6  # 4 failed + 2 warned notes
    assert sum(r["level"] == "error" for r in results) == 4


def test_github_actions_annotations_and_step_summary(
    web: Web, article: Path, tmp_path: Path
) -> None:
    summary = tmp_path / "step-summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = run(article, *LOCAL, env={"GITHUB_ACTIONS": "true",
                                       "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    errors = [line for line in annotations if line.startswith(f"::error file={article},")]
    assert len(errors) == 4
    assert any(line.startswith(f"::warning file={article},") for line in annotations)
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n## citecheck")  # appended, not replaced
    assert "/withdrawn-report" in written


def test_github_actions_keeps_json_on_stdout_parseable(web: Web, article: Path) -> None:
    result = run(article, *LOCAL, "--json", "-", env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    json.loads(result.stdout)


def test_no_colour_when_not_a_terminal_or_no_color(web: Web, article: Path) -> None:
    plain = run(article, *LOCAL)
    assert not ANSI.search(plain.stdout) and not ANSI.search(plain.stderr)
    # FORCE_COLOR makes rich treat the output as a terminal: colour appears...
    forced = run(article, *LOCAL, env={"FORCE_COLOR": "1"})
    assert ANSI.search(forced.stdout)
    # ...unless NO_COLOR is set.
    honoured = run(article, *LOCAL, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not ANSI.search(honoured.stdout)
    assert "dead" in honoured.stdout
    assert ANSI.search(run(article, *LOCAL, "--color", "--output", "table").stdout)


# ----------------------------------------------------------------------------- archive rescue


@pytest.fixture
def wayback() -> Iterator[FakeWayback]:
    with fake_wayback() as archive:
        yield archive


def test_archive_rescues_rotten_links_only(web: Web, article: Path, wayback: FakeWayback) -> None:
    result = run(article, "--allow-private", "--timeout", "5", "--archive",
                 "--archive-base", wayback.origin, "--json", "-")
    assert result.exit_code == 1  # a snapshot does not change a verdict
    report = json.loads(result.stdout)
    urls, archived = note_fields(report, "url"), note_fields(report, "archive_url")
    dead = urls["8"]
    assert archived["8"] == f"https://web.archive.org/web/20201117/{dead}"
    assert archived["9"] == archived["8"]  # the short form shares its root's rescue
    assert archived["5"] == f"https://web.archive.org/web/20201117/{urls['5']}"
    for label in ("1", "2", "3", "4", "7"):  # live, moved and blocked: nothing to rescue
        assert archived[label] is None
    asked = {hit["url"][0]: hit.get("timestamp") for hit in wayback.asked}
    assert asked == {dead: ["20201117"], urls["5"]: ["20201117"]}


# ----------------------------------------------------------------------------- usage errors


def test_missing_path() -> None:
    assert_usage_error(run("no-such-dir/"), "no such file or directory", "no-such-dir")


def test_empty_directory(workdir: Path) -> None:
    (workdir / "empty").mkdir()
    assert_usage_error(run("empty"), "no documents", "'empty'")


def test_no_paths_at_all() -> None:
    assert_usage_error(run(), "no documents given")


def test_unknown_option_exit_2_without_traceback(article: Path) -> None:
    result = run(article, "--no-such-option")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--no-such-option" in result.stderr


def test_unknown_option_is_one_line(article: Path) -> None:
    assert_usage_error(run(article, "--no-such-option"), "--no-such-option")


def test_bad_fail_on_verdict(article: Path) -> None:
    line = assert_usage_error(run(article, *LOCAL, "--fail-on", "dead,gonne"), "--fail-on")
    assert "'gonne'" in line


def test_config_file_with_unknown_key_given_by_flag(article: Path, tmp_path: Path) -> None:
    config = tmp_path / "settings.toml"
    config.write_text("timout = 5\n", encoding="utf-8")
    assert_usage_error(run(article, "--config", config), "unknown key 'timout'", "'timeout'")
    assert_usage_error(run("config", "--config", config), "unknown key 'timout'")


def test_config_file_with_unknown_key_found_in_cwd(article: Path, workdir: Path) -> None:
    (workdir / "citecheck.toml").write_text("timout = 5\n", encoding="utf-8")
    assert_usage_error(run(article), "citecheck.toml", "unknown key 'timout'")
    assert_usage_error(run("config"), "citecheck.toml", "unknown key 'timout'")


def test_missing_config_file(article: Path) -> None:
    assert_usage_error(run(article, "--config", "nowhere.toml"), "nowhere.toml")


def test_report_over_an_input_document_is_refused(web: Web, article: Path) -> None:
    before = article.read_bytes()
    for flag in ("--json", "--markdown", "--junit", "--sarif"):
        assert_usage_error(run(article, *LOCAL, flag, article), flag, "input documents")
    # Also when the document was found by walking its directory.
    assert_usage_error(run(article.parent, *LOCAL, "--json", article), "input documents")
    assert article.read_bytes() == before
    assert web.main.total == 0


def test_report_into_a_missing_directory(web: Web, article: Path) -> None:
    assert_usage_error(run(article, *LOCAL, "--json", "nowhere/report.json"),
                       "cannot write report to 'nowhere/report.json'")


def test_report_into_a_missing_directory_fails_before_checking(web: Web, article: Path) -> None:
    assert_usage_error(run(article, *LOCAL, "--json", "nowhere/report.json"))
    assert web.main.total == 0


def test_binary_file_among_documents_is_a_diagnostic(
    web: Web, article: Path, tmp_path: Path
) -> None:
    binary = article.parent / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = run(article.parent, *LOCAL, "--json", "-")
    assert result.exit_code == 1  # the article's own failures, not a crash
    report = json.loads(result.stdout)
    validate_report(report)
    by_path = {d["path"]: d for d in report["documents"]}
    assert set(by_path) == {str(article), str(binary)}
    unreadable = by_path[str(binary)]
    assert unreadable["format"] == "unreadable" and unreadable["notes"] == []
    assert [(d["code"], d["severity"]) for d in unreadable["diagnostics"]] == [("binary", "error")]

    alone = run(binary, *LOCAL)
    assert_usage_error(alone, "looks like a binary file")


# ----------------------------------------------------------------------------- inputs


def test_stdin_document(web: Web) -> None:
    text = (
        "Rooftop solar grew by a third in 2020.[1] The outlook was withdrawn.[2]\n\n"
        "Notes\n\n"
        f"[1] Doe, Jane. “Solar Power Adoption Report 2020,” 2020. {web.main.url('/page')}\n"
        f"[2] Coe, Di. “Offshore Wind Outlook,” 2019. {web.main.url('/withdrawn-report')}\n"
    )
    result = run("-", *LOCAL, "--json", "-", stdin=text)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["documents"][0]["path"] == "<stdin>"
    assert note_fields(report, "verdict") == {"1": "live", "2": "dead"}
    assert "<stdin>" in result.stderr


def test_markdown_document(web: Web, tmp_path: Path) -> None:
    document = render("article.md", web, tmp_path)
    result = run(document, *LOCAL, "--json", "-")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["documents"][0]["format"] == "markdown"
    assert note_fields(report, "verdict") == {"solar": "live", "outlook": "dead", "again": "dead"}
    assert note_fields(report, "resolves_to")["again"] == "outlook"
    assert web.main.hits("/withdrawn-report") == 1


def test_html_document(web: Web, tmp_path: Path) -> None:
    document = render("article.html", web, tmp_path)
    result = run(document, *LOCAL, "--json", "-")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["documents"][0]["format"] == "html"
    assert note_fields(report, "verdict") == {"1": "live", "2": "dead"}
    assert note_fields(report, "detail")["2"] == "HTTP 410 Gone"
    claims = note_fields(report, "claims")
    assert [c["text"] for c in claims["2"]] == ["Wind turbines now line the coast."]


# ----------------------------------------------------------------------------- subcommands


def test_config_shows_defaults_and_the_file_in_cwd(workdir: Path) -> None:
    defaults = run("config")
    assert defaults.exit_code == 0
    assert "timeout = 20.0  (default)\n" in defaults.stdout
    assert 'fail_on = ["dead", "soft404", "invalid"]  (default)\n' in defaults.stdout

    (workdir / "citecheck.toml").write_text(
        'timeout = 5\nexclude = ["linkedin\\\\.com"]\n', encoding="utf-8"
    )
    configured = run("config")
    assert configured.exit_code == 0
    assert "timeout = 5.0  (citecheck.toml)\n" in configured.stdout
    assert "exclude = ['linkedin\\.com']  (citecheck.toml)\n" in configured.stdout
    assert "retries = 2  (default)\n" in configured.stdout


def test_schema_prints_the_report_schema() -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == load_schema()


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"citecheck {__version__}\n"


# ----------------------------------------------------------------------------- the real script


def test_installed_console_script(web: Web, article: Path) -> None:
    script = Path(sys.executable).with_name("citecheck")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "citecheck"]
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    completed = subprocess.run(
        [*command, str(article), *LOCAL, "--json", "-"],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=30, check=False,
    )
    assert completed.returncode == 1, completed.stderr
    report = json.loads(completed.stdout)
    assert note_fields(report, "verdict") == ARTICLE_VERDICTS
    assert "gate failed" in completed.stderr
    assert not ANSI.search(completed.stdout + completed.stderr)
    assert "Traceback" not in completed.stderr
    assert web.main.hits("/page-two") == 1


# ------------------------------------------------------------------ report destinations collide


@pytest.mark.parametrize(
    "flags",
    [
        ("--json", "-", "--markdown", "-"),
        ("--junit", "-", "--sarif", "-"),
        ("--json", "-", "--markdown", "-", "--junit", "-", "--sarif", "-"),
    ],
)
def test_two_reports_to_stdout_is_a_usage_error(
    web: Web, article: Path, flags: tuple[str, ...]
) -> None:
    # Two documents concatenated on stdout parse as neither: refuse before fetching anything.
    line = assert_usage_error(run(article, *LOCAL, *flags), "stdout")
    assert flags[0] in line and flags[2] in line
    assert web.main.total == 0


def test_two_reports_to_one_file_is_a_usage_error(
    web: Web, article: Path, workdir: Path
) -> None:
    # The second report would silently replace the first; "./r.out" is the same file as "r.out".
    assert_usage_error(run(article, *LOCAL, "--json", "r.out", "--sarif", "./r.out"),
                       "--json", "--sarif", "r.out")
    assert not (workdir / "r.out").exists()
    assert web.main.total == 0


def test_sarif_paths_start_at_the_github_workspace(
    web: Web, article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Run from the document's folder, as a workflow step with working-directory: docs does;
    # code scanning resolves URIs from the repository root, so "article.txt" would miss.
    monkeypatch.chdir(article.parent)
    result = run("article.txt", *LOCAL, "--sarif", "-",
                 env={"GITHUB_WORKSPACE": str(tmp_path)})
    log = json.loads(result.stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]}
    assert uris == {"docs/article.txt"}


def test_a_document_with_nothing_to_check_is_said_and_can_fail_the_gate(tmp_path: Path) -> None:
    speech = tmp_path / "speech.txt"
    speech.write_text("Thank you all. It is good to be here tonight.\n", encoding="utf-8")
    lost = tmp_path / "lost.txt"
    lost.write_text("Rents rose [1]. Wages fell [2].\n", encoding="utf-8")
    report_path = tmp_path / "r.json"
    result = run(speech, lost, "--json", report_path, "--no-archive")
    assert result.exit_code == 0  # said, but not a failure unless asked
    assert "no notes, references or links found" in result.stdout
    assert "no notes were found for them" in result.stdout
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["summary"]["empty_documents"] == 2
    codes = [doc["diagnostics"][0]["code"] for doc in report["documents"]]
    assert sorted(codes) == ["no-notes", "no-notes-section"]
    failed = run(speech, "--fail-on-empty", "--no-archive")
    assert failed.exit_code == 1
    assert "with nothing to check" in failed.stdout


def test_the_readmes_example_line_is_what_citecheck_prints(web: Web, workdir: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = next(line for line in readme.splitlines() if line.startswith("seeds/000_"))
    match = LINE_ROW.match(example)
    assert match is not None, example
    reason = example.split(" — ", 1)[1].split(" (note ", 1)[0]
    essay = workdir / "essay.txt"
    essay.write_text("A claim.[1]\n\nNotes\n\n1. A report. "
                     f"{web.main.url('/withdrawn-report')}\n", encoding="utf-8")
    # A first run with a fresh results cache, as a new user's is.
    printed = run(essay, *LOCAL, "--output", "lines", "--cache-dir", workdir / "cache"
                  ).stdout.splitlines()[0]
    assert LINE_ROW.match(printed) is not None, printed
    assert f" — {reason} (note 1; claim: " in printed, (reason, printed)


def test_the_readme_does_not_contradict_its_schema_version() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`schema_version` 2" in readme
    assert "Within version 1" not in readme and "schema_minor" not in readme


_OPTIONS_PROBE = """
import sys
from citecheck.cli import app
try:
    app(sys.argv[1:], prog_name="citecheck", standalone_mode=False)
except SystemExit:
    pass
print("pydantic" in sys.modules)
"""


def test_a_check_builds_no_coercion_for_options_left_out(tmp_path: Path) -> None:
    # typer >= 0.29 would build a pydantic adapter for each of check's 40-odd options on
    # every run (a tenth of a second, and pydantic's import); only given numbers need one.
    pytest.importorskip("typer._coercion")
    doc = tmp_path / "doc.md"
    doc.write_text("A claim.[^1]\n\n[^1]: https://example.org/a\n", encoding="utf-8")
    base = [sys.executable, "-c", _OPTIONS_PROBE, str(doc), "--no-cache", "--exclude", ".",
            "--json", str(tmp_path / "r.json"), "--fail-on", "dead", "--quiet"]
    plain = subprocess.run(base, capture_output=True, text=True, cwd=tmp_path, check=False)
    assert plain.stdout.splitlines()[-1] == "False", plain.stderr
    assert json.loads((tmp_path / "r.json").read_text())["summary"]["counts"]["skipped"] == 1
    # A number given still goes through typer's coercion, and its errors read as typer's.
    numbered = subprocess.run([*base, "--timeout", "abc"], capture_output=True, text=True,
                              cwd=tmp_path, check=False)
    assert "Invalid value for '--timeout'" in numbered.stderr
