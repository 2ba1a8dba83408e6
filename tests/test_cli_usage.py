"""Issue #16 at the command line: help that teaches, errors that say one thing, the options
users of other link checkers expect (--accept, -H, --remap, inline disable comments, the GitHub
token), progress in CI logs and the version without loading the checker."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

try:
    from support.server import Web
except ImportError:  # before the fake web moved to tests/support/
    from server import Web  # type: ignore[no-redef]

from citecheck.cli import EPILOG, app


@pytest.fixture(autouse=True)
def workdir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty working directory without CITECHECK_*, CI, token or colour variables."""
    for name in list(os.environ):
        if name.startswith("CITECHECK_") or name in (
            "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_TOKEN", "NO_COLOR", "FORCE_COLOR",
        ):
            monkeypatch.delenv(name)
    monkeypatch.setenv("COLUMNS", "120")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def run(*args: str | os.PathLike[str], env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(app, [os.fspath(a) for a in args], env=env,
                                prog_name="citecheck")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"citecheck raised {result.exception!r}") from result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result


def one_error_line(result: Result) -> str:
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("citecheck: error: ")
    return line


LOCAL = ("--allow-private", "--timeout", "5", "--no-archive", "--no-probe")


def document(web: Web, workdir: Path, body: str, name: str = "doc.md") -> Path:
    path = workdir / name
    path.write_text(body.replace("{main}", web.main.origin), encoding="utf-8")
    return path


def notes(report_text: str) -> dict[str, dict[str, Any]]:
    report = json.loads(report_text)
    return {n["label"]: n for d in report["documents"] for n in d["notes"]}


# ------------------------------------------------------------------------------------- help


def test_root_help_teaches_how_to_run_the_most_used_options_and_exit_codes() -> None:
    result = run("--help")
    assert result.exit_code == 0
    text = result.stdout
    assert "Usage: citecheck [OPTIONS] PATH... | COMMAND [ARGS]..." in text
    assert "citecheck PATH..." in text
    for option in ("--quiet", "--output lines|table", "--json", "--fail-on", "--exclude"):
        assert option in text, option
    for code in ("0  every claim passed", "1  the gate failed", "2  a usage", "3  nothing"):
        assert code in text, code
    assert "\b" not in text  # click's no-rewrap markers are not printed
    assert EPILOG.count("\b") == 3


def test_check_help_metavariables_say_what_to_type() -> None:
    text = run("check", "--help", env={"COLUMNS": "200"}).stdout
    for shown in ("--json PATH", "--timeout SECONDS", "--exclude REGEX", "PATHS...",
                  "--fail-on VERDICTS", "--accept CODES", "-H, --header 'NAME: VALUE'",
                  "--remap 'REGEX REPLACEMENT'", "--output lines|table", "--retries N"):
        assert shown in text, shown
    assert "<str>" not in text and "<list[str]>" not in text and "<float>" not in text
    assert "--config PATH" in text and not re.search(r"<\w[\w\[\]]*>", text)


def test_each_option_states_its_default_once() -> None:
    # --archive-base said "(default: archive.org and web.archive.org). [default:
    # https://archive.org/]": two defaults, the second only half of the truth.
    text = run("check", "--help", env={"COLUMNS": "100"}).stdout
    entries = re.split(r"\n(?=  -)", text.split("Options:", 1)[1])
    assert len(entries) > 30
    for entry in entries:
        assert entry.count("default:") <= 1, entry


@pytest.mark.parametrize("command", ["fix", "config", "schema"])
def test_every_command_help_says_what_to_type(command: str) -> None:
    text = run(command, "--help", env={"COLUMNS": "200"}).stdout
    assert not re.search(r"<\w[\w\[\]]*>", text), text  # no "<path>", "<list[str]>"
    assert "``" not in text  # docstring markup is not help text


def test_fix_help_names_its_one_document() -> None:
    text = run("fix", "--help", env={"COLUMNS": "200"}).stdout
    assert "Usage: citecheck fix [OPTIONS] PATH\n" in text
    assert "-o, --output FILE" in text and "--config PATH" in text
    assert "globs" not in text and "reads stdin" not in text  # fix takes one file


# ----------------------------------------------------------------------------- misspellings


def test_misspelt_subcommand_gets_a_suggestion() -> None:
    line = one_error_line(run("chek", "seeds/"))
    assert line == ("citecheck: error: no such command or file: 'chek' (did you mean 'check'?) "
                    "(see 'citecheck --help')")
    line = one_error_line(run("confgi"))
    assert "(did you mean 'config'?)" in line


def test_a_file_named_like_a_command_is_still_a_document(workdir: Path) -> None:
    (workdir / "chek").write_text("No notes here.\n", encoding="utf-8")
    result = run("chek")
    assert result.exit_code == 0, result.stderr
    assert "did you mean" not in result.stderr


def test_a_missing_file_far_from_any_command_is_reported_as_a_file() -> None:
    line = one_error_line(run("essay.md"))
    assert "essay.md" in line and "did you mean" not in line


def test_misspelt_environment_variable_is_warned_about(workdir: Path) -> None:
    (workdir / "a.txt").write_text("Nothing cited.\n", encoding="utf-8")
    result = run("a.txt", env={"CITECHECK_TIMOUT": "5", "CITECHECK_UPDATE_EXPECTED": "0"})
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "citecheck: warning: CITECHECK_TIMOUT is not a citecheck setting and is ignored "
        "(did you mean 'CITECHECK_TIMEOUT'?)"
    ]


# -------------------------------------------------------------------------------- conflicts


def test_quiet_and_verbose_together_are_refused(workdir: Path) -> None:
    (workdir / "a.txt").write_text("Nothing.\n", encoding="utf-8")
    line = one_error_line(run("a.txt", "-q", "-v"))
    assert "--quiet" in line and "--verbose" in line and "contradict" in line


def test_a_verdict_in_both_gate_lists_is_refused_when_both_are_given(workdir: Path) -> None:
    (workdir / "a.txt").write_text("Nothing.\n", encoding="utf-8")
    line = one_error_line(run("a.txt", "--fail-on", "dead,blocked", "--warn-on", "blocked"))
    assert line == ("citecheck: error: --fail-on and --warn-on both list blocked; a verdict "
                    "either fails or warns")


def test_one_gate_list_given_wins_over_the_others_default(web: Web, workdir: Path) -> None:
    doc = document(web, workdir, "Claim.[^1]\n\n[^1]: Report. {main}/gone\n")
    warned = run(doc, *LOCAL, "--warn-on", "dead", "--json", "-")
    assert warned.exit_code == 0  # dead only warns now (the default --fail-on had it)
    assert notes(warned.stdout)["1"]["gate"] == "warn"
    failed = run(doc, *LOCAL, "--fail-on", "blocked,dead", "--json", "-")
    assert failed.exit_code == 1


@pytest.mark.parametrize("flag", ["--json", "--timeout", "--output"])
def test_a_single_valued_option_given_twice_is_refused(flag: str) -> None:
    value = {"--json": "a.json", "--timeout": "5", "--output": "lines"}[flag]
    line = one_error_line(run("x.txt", flag, value, f"{flag}={value}"))
    assert line == f"citecheck: error: {flag} was given twice; it takes one value " \
        "(see 'citecheck --help')"


def test_repeatable_options_may_repeat(workdir: Path) -> None:
    (workdir / "a.txt").write_text("Nothing.\n", encoding="utf-8")
    assert run("a.txt", "--exclude", "a", "--exclude", "b").exit_code == 0


# --------------------------------------------------------------------------------- --output


def test_output_lines_prints_every_url_whole(web: Web, workdir: Path) -> None:
    long_path = "/gone?" + "x" * 150
    doc = document(web, workdir, f"Claim one.[^1]\n\n[^1]: Report. {{main}}{long_path}\n")
    result = run(doc, *LOCAL, "--output", "lines", env={"COLUMNS": "80"})
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first == (f"{doc}:3: dead {web.main.origin}{long_path} — HTTP 410 Gone · first failure "
                     '(note 1; claim: "Claim one.")')
    assert result.stdout.splitlines()[-1].startswith("✗ gate failed")


def test_verbose_in_a_pipe_shows_redirect_chains_attempts_and_timings(
    web: Web, workdir: Path
) -> None:
    doc = document(web, workdir, "Claim one.[^1]\n\n[^1]: Report. {main}/chain/2\n")
    origin = web.main.origin
    plain = run(doc, *LOCAL, "--output", "lines")
    verbose = run(doc, *LOCAL, "--output", "lines", "-v")
    assert "citecheck: link" not in plain.stdout
    [line] = [x for x in verbose.stdout.splitlines() if x.startswith("citecheck: link ")]
    assert line.startswith(f"citecheck: link {origin}/chain/2 — ")
    assert "1 try, " in line and " ms, " in line
    assert line.endswith(f"redirects → {origin}/chain/1 → {origin}/chain/0")


def test_output_table_in_a_pipe_fits_columns(web: Web, workdir: Path) -> None:
    doc = document(web, workdir, "Claim one.[^1]\n\n[^1]: Report. {main}/gone\n")
    result = run(doc, *LOCAL, "--output", "table", env={"COLUMNS": "80"})
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    assert "verdict" in result.stdout


def test_bad_output_value_is_one_line() -> None:
    line = one_error_line(run("x.txt", "--output", "tabel"))
    assert "'tabel'" in line and "did you mean 'table'?" in line


# ------------------------------------------------------------------ --accept, -H, --remap


def test_accept_makes_a_status_live_everywhere(web: Web, workdir: Path) -> None:
    doc = document(web, workdir, "Claim.[^1]\n\n[^1]: Report. {main}/forbidden\n")
    result = run(doc, *LOCAL, "--accept", "403", "--json", "-")
    assert result.exit_code == 0
    assert notes(result.stdout)["1"]["verdict"] == "live"


def test_header_is_sent_and_never_printed(web: Web, workdir: Path) -> None:
    doc = document(web, workdir, "Claim.[^1]\n\n[^1]: Report. {main}/page-two\n")
    result = run(doc, *LOCAL, "-H", "X-Api-Key: s3cret-value", "--header", "X-Other: two",
                 "--json", "-")
    assert result.exit_code == 0
    [hit] = web.main.requests("/page-two")
    headers = {k.lower(): v for k, v in hit.headers.items()}
    assert headers["x-api-key"] == "s3cret-value" and headers["x-other"] == "two"
    assert "s3cret" not in result.stdout + result.stderr
    shown = run("config", env={"CITECHECK_HEADERS": "X-Api-Key: s3cret-value"}).stdout
    assert 'headers = ["X-Api-Key: ***"]' in shown and "s3cret" not in shown


def test_malformed_header_is_refused_without_its_value() -> None:
    line = one_error_line(run("x.txt", "-H", "no-colon-s3cret"))
    assert "Name: value" in line and "s3cret" not in line


def test_remap_checks_another_address_and_reports_the_cited_one(web: Web, workdir: Path) -> None:
    doc = document(web, workdir, "Claim.[^1]\n\n[^1]: Report. https://old.invalid/page-two\n")
    rule = f"^https://old\\.invalid/ {web.main.origin}/"
    result = run(doc, *LOCAL, "--remap", rule, "--json", "-")
    assert result.exit_code == 0, result.stderr
    note = notes(result.stdout)["1"]
    assert note["url"] == "https://old.invalid/page-two"
    assert note["verdict"] == "live"
    assert f"checked at {web.main.origin}/page-two by --remap" in note["detail"]
    assert web.main.hits("/page-two") == 1


def test_bad_remap_is_one_line() -> None:
    assert "REGEX REPLACEMENT" in one_error_line(run("x.txt", "--remap", "onlyone"))
    assert "invalid regular expression" in one_error_line(run("x.txt", "--remap", "( x"))


# -------------------------------------------------------------------------- disable comments


def test_disable_comments_skip_notes_without_fetching(web: Web, workdir: Path) -> None:
    doc = document(web, workdir, (
        "One.[^1] Two.[^2] Three.[^3]\n\n"
        "[^1]: Report. {main}/gone\n"
        "<!-- citecheck-disable-next-line -->\n"
        "[^2]: Report. {main}/withdrawn-report\n"
        "<!-- citecheck-disable -->\n"
        "[^3]: Report. {main}/error-500\n"
        "<!-- citecheck-enable -->\n"
    ))
    result = run(doc, *LOCAL, "--json", "-")
    found = notes(result.stdout)
    assert found["1"]["verdict"] == "dead"
    for label in ("2", "3"):
        assert found[label]["verdict"] == "skipped"
        assert found[label]["detail"] == "disabled by a citecheck-disable comment"
    assert web.main.hits("/withdrawn-report") == 0 and web.main.hits("/error-500") == 0


# -------------------------------------------------------------------------------- the token


def test_github_token_is_not_sent_to_other_hosts(web: Web, workdir: Path) -> None:
    doc = document(web, workdir, "Claim.[^1]\n\n[^1]: Report. {main}/page-two\n")
    result = run(doc, *LOCAL, "--json", "-", env={"GITHUB_TOKEN": "ghp_secret"})
    assert result.exit_code == 0
    [hit] = web.main.requests("/page-two")
    assert "authorization" not in {k.lower() for k in hit.headers}
    assert "ghp_secret" not in result.stdout + result.stderr


# ------------------------------------------------------------------------- progress, version


def test_no_progress_line_when_the_run_is_quick(web: Web, workdir: Path) -> None:
    doc = document(web, workdir, "Claim.[^1]\n\n[^1]: Report. {main}/page-two\n")
    assert "checked" not in run(doc, *LOCAL).stderr


def test_version_does_not_load_typer_or_the_checker() -> None:
    script = Path(sys.executable).with_name("citecheck")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "citecheck"]
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-c",
         "import sys; sys.argv = ['citecheck', '--version']; from citecheck.entry import main;"
         " main()"],
        capture_output=True, text=True, check=False, timeout=30,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("citecheck ")
    loaded = completed.stderr
    for heavy in ("typer", "httpx", "rich", "citecheck.check", "citecheck.cli"):
        assert f" {heavy}\n" not in loaded, heavy
    installed = subprocess.run([*command, "--version"], capture_output=True, text=True,
                               check=False, timeout=30)
    assert installed.stdout == completed.stdout
