"""The whole CLI, used as an attacker would: hostile files, a pull request's configuration, an
open redirect carrying a token, credentials in cited URLs. One line and the right exit code,
never a traceback, no secret in any output or at any host it was not configured for."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

import pytest
from support.server import Web
from typer.testing import CliRunner, Result

from citecheck.cli import app

TOKEN = "tok-SECRET-4242"


@pytest.fixture(autouse=True)
def workdir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in list(os.environ):
        if name.startswith(("CITECHECK_", "GITHUB_")) or name in ("NO_COLOR", "FORCE_COLOR"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("COLUMNS", "160")
    work = tmp_path / "work"
    work.mkdir()
    (work / ".git").mkdir()  # the repository root: configuration discovery stops here
    monkeypatch.chdir(work)
    return work


def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
    result = CliRunner().invoke(app, list(args), env=env, prog_name="citecheck")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"citecheck raised {result.exception!r}") from result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result


def _doc(folder: Path, name: str, url: str) -> Path:
    path = folder / name
    path.write_text(f"A claim.[^1]\n\n[^1]: {url}\n", encoding="utf-8")
    return path


def test_a_link_to_dev_zero_and_a_fifo_in_the_checked_directory(workdir: Path) -> None:
    docs = workdir / "docs"
    docs.mkdir()
    _doc(docs, "good.md", "https://example.invalid/")
    (docs / "a.md").symlink_to("/dev/zero")
    os.mkfifo(docs / "b.md")
    result = run("docs", "--no-archive")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "citecheck: error: 'docs/a.md' is a character device, not a regular file; refusing to "
        "read it",
        "citecheck: error: 'docs/b.md' is a named pipe (FIFO), not a regular file; refusing to "
        "read it",
    ]


def test_a_link_out_of_the_tree_is_refused_and_its_text_never_shown(
    workdir: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "netrc.md"
    secret.write_text("machine h login me password hunter2 https://h.example/\n")
    docs = workdir / "docs"
    docs.mkdir()
    (docs / "notes.md").symlink_to(secret)
    result = run("docs", "--no-archive", "--json", "-")
    assert result.exit_code == 2 and result.stdout == ""
    assert "hunter2" not in result.stderr and "outside 'docs'" in result.stderr


def test_a_document_over_the_size_cap(workdir: Path) -> None:
    (workdir / "big.md").write_text("x" * 5000)
    result = run("big.md", "--max-document-size", "4096")
    assert result.exit_code == 2
    assert result.stderr == (
        "citecheck: error: 'big.md' is larger than --max-document-size (4 KiB); refusing to "
        "read it (raise the limit to check it)\n"
    )


def test_a_pull_requests_config_cannot_allow_private_addresses(workdir: Path, web: Web) -> None:
    (workdir / "citecheck.toml").write_text("allow_private = true\n")
    _doc(workdir, "doc.md", web.main.url("/page"))
    result = run("doc.md", "--no-archive", "--json", "report.json")
    assert web.main.total == 0  # zero connections to the private address
    report = json.loads((workdir / "report.json").read_text())
    # The JSON key is "verdict" since #16.11 (it was "status" when this test was written).
    assert {link["verdict"] for link in report["links"]} == {"skipped"}
    assert "citecheck: warning: citecheck.toml: 'allow_private' ignored" in result.stderr
    assert result.exit_code == 0


def test_an_open_redirect_does_not_carry_the_token_and_no_output_shows_it(
    workdir: Path, web: Web
) -> None:
    config = workdir / "ci.toml"
    config.write_text(
        'allow_private = true\n[hosts."127.0.0.1"]\n'
        'headers = { Authorization = "Bearer ${CI_TOKEN}" }\n'
    )
    # Another host: "localhost", which the configured "127.0.0.1" does not match.
    target = web.catchall.url(f"/articles/real-story?access_key={TOKEN}").replace(
        "127.0.0.1", "localhost"
    )
    cited = web.main.url("/go?to=" + quote(target, safe=""))
    _doc(workdir, "doc.md", cited)
    result = run("doc.md", "--config", "ci.toml", "--no-archive", "-v", "--json", "r.json",
                 "--markdown", "r.md", "--sarif", "r.sarif", "--junit", "r.xml",
                 env={"CI_TOKEN": TOKEN})
    assert result.exit_code == 0, result.stderr
    assert [hit.headers.get("Authorization") for hit in web.main.requests("/go")] == [
        f"Bearer {TOKEN}"
    ]
    landed = web.catchall.requests("/articles/real-story")
    assert landed and all("Authorization" not in hit.headers for hit in landed)
    outputs = [result.stdout, result.stderr] + [
        (workdir / name).read_text() for name in ("r.json", "r.md", "r.sarif", "r.xml")
    ]
    leaks = [output for output in outputs if TOKEN in output]
    assert leaks == []


def test_credentials_in_a_cited_url_appear_in_no_output(workdir: Path, web: Web) -> None:
    url = web.main.url("/page?jwt=JWTSECRET&private_key=PKSECRET").replace(
        "http://", "http://user:SEC@RET@"
    )
    _doc(workdir, "doc.md", url)
    result = run("doc.md", "--allow-private", "--no-archive", "-v", "--json", "r.json")
    outputs = result.stdout + result.stderr + (workdir / "r.json").read_text()
    for secret in ("SEC@RET", "RET@", "JWTSECRET", "PKSECRET"):
        assert secret not in outputs
    assert "***@127.0.0.1" in outputs


def test_an_unset_token_is_not_an_error_and_warns_only_for_a_contacted_host(
    workdir: Path, web: Web
) -> None:
    (workdir / "ci.toml").write_text(
        '[hosts."api.github.com"]\nheaders = { Authorization = "Bearer ${GITHUB_TOKEN}" }\n'
        '[hosts."127.0.0.1"]\nheaders = { X-Token = "${LOCAL_TOKEN}" }\n'
    )
    assert run("config", "--config", "ci.toml").exit_code == 0
    _doc(workdir, "doc.md", web.main.url("/page"))
    result = run("doc.md", "--config", "ci.toml", "--allow-private", "--no-archive")
    assert result.exit_code == 0
    assert [line for line in result.stderr.splitlines() if "warning" in line] == [
        "citecheck: warning: header 'X-Token' not sent to 127.0.0.1: environment variable "
        "LOCAL_TOKEN is not set"
    ]


def test_fix_refuses_a_document_over_the_size_cap(workdir: Path) -> None:
    # main's `citecheck fix` reads the document itself: the same cap holds there.
    (workdir / "big.md").write_text("x" * 5000)
    result = run("fix", "big.md", "--max-document-size", "4096")
    assert result.exit_code == 2
    assert "'big.md' is larger than --max-document-size (4 KiB)" in result.stderr


def test_worker_processes_warnings_reach_the_user_once(workdir: Path, web: Web) -> None:
    # --jobs 4 puts 127.0.0.1 and localhost in two workers; both contact 127.0.0.1 (localhost's
    # URL redirects there), so its warning is given twice, and must be told once.
    (workdir / "ci.toml").write_text(
        '[hosts."127.0.0.1"]\nheaders = { X-Token = "${LOCAL_TOKEN}" }\n'
        '[hosts."localhost"]\nheaders = { X-Other = "${OTHER_TOKEN}" }\n'
    )
    direct = web.main.url("/page")
    hop = web.main.url("/go").replace("127.0.0.1", "localhost") + "?to=" + quote(
        web.main.url("/gone"), safe=""
    )
    (workdir / "doc.md").write_text(
        f"One.[^1] Two.[^2]\n\n[^1]: {direct}\n[^2]: {hop}\n", encoding="utf-8"
    )
    expected = [
        "citecheck: warning: header 'X-Other' not sent to localhost: environment variable "
        "OTHER_TOKEN is not set",
        "citecheck: warning: header 'X-Token' not sent to 127.0.0.1: environment variable "
        "LOCAL_TOKEN is not set",
    ]
    for jobs in ("4", "1"):
        result = run("doc.md", "--config", "ci.toml", "--allow-private", "--no-archive",
                     "--no-cache", "--jobs", jobs)
        warnings = [line for line in result.stderr.splitlines() if "warning" in line]
        assert sorted(warnings) == expected, jobs
