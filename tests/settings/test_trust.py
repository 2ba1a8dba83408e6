"""The trust model: a configuration discovered in the checked tree cannot widen access.

A pull request controls ``citecheck.toml`` and ``[tool.citecheck]`` in its own tree, so such a
file cannot set ``allow_private``, attach environment secrets to a host, or send citecheck to
read documents or write reports outside its directory. The same settings from the command line,
the environment or a file named with ``--config`` are honoured.
"""

from __future__ import annotations

from pathlib import Path

from support.config import write
from typer.testing import CliRunner

from citecheck import cli
from citecheck.settings import load_config

WIDE = """
allow_private = true
paths = ["docs", "../outside", "/etc/passwd"]
json = "../report.json"
markdown = "out/report.md"

[hosts."api.example.com"]
headers = { Authorization = "Bearer ${TOKEN}", X-Plain = "fine", X-Env = "env:TOKEN" }
"""


def _load(path: Path, *, trusted: bool) -> tuple[dict[str, object], list[str]]:
    warnings: list[str] = []
    values = load_config(path, env={"TOKEN": "s3cret"}, trusted=trusted, warn=warnings.append)
    return values, warnings


def test_an_untrusted_file_loses_what_widens_access_with_one_line_each(in_tmp: Path) -> None:
    (in_tmp / "docs").mkdir()
    path = write(in_tmp / "citecheck.toml", WIDE)
    values, warnings = _load(path, trusted=False)
    assert "allow_private" not in values
    assert values["paths"] == ("docs",)
    assert "json" not in values
    assert values["markdown"] == "out/report.md"
    hosts = values["hosts"]
    assert isinstance(hosts, tuple)
    assert hosts[0][1].headers == (("X-Plain", "fine"),)
    assert len(warnings) == 6, warnings
    assert all("\n" not in w and w.startswith("citecheck.toml: ") for w in warnings)
    assert any("'allow_private' ignored" in w for w in warnings)
    assert any("'Authorization'" in w and "api.example.com" in w for w in warnings)
    assert all("s3cret" not in w for w in warnings)


def test_a_trusted_file_keeps_everything(in_tmp: Path) -> None:
    path = write(in_tmp / "citecheck.toml", WIDE)
    values, warnings = _load(path, trusted=True)
    assert warnings == []
    assert values["allow_private"] is True
    assert values["json"] == "../report.json"
    hosts = values["hosts"]
    assert isinstance(hosts, tuple)
    assert dict(hosts[0][1].headers)["Authorization"] == "Bearer s3cret"


def test_allow_private_false_is_not_widening_and_gives_no_warning(in_tmp: Path) -> None:
    path = write(in_tmp / "citecheck.toml", "allow_private = false\n")
    values, warnings = _load(path, trusted=False)
    assert values == {"allow_private": False} and warnings == []


def _config(*args: str, env: dict[str, str | None] | None = None) -> tuple[str, str]:
    result = CliRunner().invoke(cli.app, ["config", *args], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def test_the_cli_ignores_a_discovered_files_allow_private_and_warns(in_tmp: Path) -> None:
    write(in_tmp / "citecheck.toml", "allow_private = true\n")
    stdout, stderr = _config()
    assert "allow_private = false  (default)" in stdout
    assert stderr.splitlines() == [
        "citecheck: warning: citecheck.toml: 'allow_private' ignored: a configuration found in "
        "the checked tree cannot widen access (use --allow-private, CITECHECK_ALLOW_PRIVATE or "
        "--config)"
    ]


def test_the_cli_honours_the_same_file_named_with_config(in_tmp: Path) -> None:
    write(in_tmp / "citecheck.toml", "allow_private = true\n")
    stdout, stderr = _config("--config", "citecheck.toml")
    assert "allow_private = true  (citecheck.toml)" in stdout
    assert stderr == ""


def test_the_cli_honours_the_environment_over_a_discovered_file(in_tmp: Path) -> None:
    write(in_tmp / "citecheck.toml", "allow_private = true\n")
    stdout, _ = _config(env={"CITECHECK_ALLOW_PRIVATE": "true"})
    assert "allow_private = true  (env CITECHECK_ALLOW_PRIVATE)" in stdout


def test_an_unset_header_variable_is_not_an_error_for_citecheck_config(in_tmp: Path) -> None:
    write(in_tmp / "ci.toml",
          '[hosts."api.github.com"]\nheaders = { Authorization = "Bearer ${GITHUB_TOKEN}" }\n')
    stdout, stderr = _config("--config", "ci.toml", env={"GITHUB_TOKEN": None})
    assert "api.github.com" in stdout and stderr == ""
