"""Configuration discovery, validation and precedence; the CI files and their documentation.

action.yml and .pre-commit-hooks.yaml are read with a small YAML-subset reader defined here
(PyYAML is not a dependency); when PyYAML happens to be installed the reader is cross-checked
against it. The checks that need the real command line skip until ``citecheck.cli`` imports.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from citecheck.models import CheckOptions, HostSettings, Policy, Verdict
from citecheck.settings import (
    SETTING_NAMES,
    ConfigError,
    Secret,
    Settings,
    find_config,
    format_settings,
    load_config,
    resolve_settings,
)

ROOT = Path(__file__).resolve().parent.parent


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path, so messages name files as 'pyproject.toml' / 'citecheck.toml'."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def config_error(path: Path, env: Mapping[str, str] | None = None) -> str:
    with pytest.raises(ConfigError) as info:
        load_config(path, env={} if env is None else env)
    return str(info.value)


# --------------------------------------------------------------------------- discovery


def test_find_config_walks_up_to_the_nearest_citecheck_toml(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    config = write(tmp_path / "citecheck.toml", "")
    deep = tmp_path / "docs" / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == config
    nearer = write(tmp_path / "docs" / "citecheck.toml", "")
    assert find_config(deep) == nearer


def test_find_config_prefers_citecheck_toml_to_pyproject_in_one_directory(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "pyproject.toml", "[tool.citecheck]\ntimeout = 3\n")
    config = write(tmp_path / "citecheck.toml", "timeout = 4\n")
    assert find_config(tmp_path) == config


def test_pyproject_without_a_citecheck_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    outer = write(tmp_path / "pyproject.toml", "[tool.citecheck]\nretries = 1\n")
    # Mentions citecheck, but in another table: still not a citecheck configuration.
    write(tmp_path / "pkg" / "pyproject.toml", '[project]\nname = "citecheck-plugin"\n')
    write(tmp_path / "pkg" / "sub" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    assert find_config(tmp_path / "pkg" / "sub") == outer
    assert load_config(tmp_path / "pkg" / "pyproject.toml") == {}


def test_find_config_stops_at_the_repository_root(tmp_path: Path) -> None:
    write(tmp_path / "citecheck.toml", "timeout = 1\n")  # outside the repository: ignored
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs").mkdir()
    assert find_config(repo / "docs") is None
    root_config = write(repo / "citecheck.toml", "")
    assert find_config(repo / "docs") == root_config


def test_a_git_file_marks_the_root_too(tmp_path: Path) -> None:
    write(tmp_path / "citecheck.toml", "")
    write(tmp_path / "worktree" / ".git", "gitdir: elsewhere\n")
    assert find_config(tmp_path / "worktree") is None


def test_find_config_from_a_file_starts_in_its_directory(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    config = write(tmp_path / "citecheck.toml", "")
    document = write(tmp_path / "docs" / "paper.md", "text")
    assert find_config(document) == config


def test_a_broken_pyproject_that_mentions_citecheck_is_chosen_so_its_error_shows(
    in_tmp: Path,
) -> None:
    (in_tmp / ".git").mkdir()
    broken = write(in_tmp / "pyproject.toml", "[tool.citecheck]\ntimeout = 3\nretries = \n")
    assert find_config(in_tmp) == broken.resolve()
    message = config_error(broken)
    assert message.startswith("pyproject.toml: invalid TOML: ")
    assert "line 3" in message


def test_a_broken_pyproject_without_citecheck_is_not_our_business(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "pyproject.toml", "[project\nname = 1\n")
    assert find_config(tmp_path) is None


# --------------------------------------------------------------------------- loading


def test_pyproject_values_are_normalised(in_tmp: Path) -> None:
    path = write(
        in_tmp / "pyproject.toml",
        """
[project]
name = "paper"

[tool.citecheck]
paths = ["docs", "/abs/notes.md", "-"]
json = "out/report.json"
timeout = 5
retries = 0
fail_on = ["dead", "Drifted", "dead"]
warn_on = []
exclude = ['linkedin\\.com', "^mailto:"]
allow_private = true
color = "auto"
doi_base = "https://doi.example.org"
""",
    )
    assert load_config(path) == {
        "paths": ("docs", "/abs/notes.md", "-"),
        "json": "out/report.json",
        "timeout": 5.0,
        "retries": 0,
        "fail_on": (Verdict.DEAD, Verdict.DRIFTED),
        "warn_on": (),
        "exclude": ("linkedin\\.com", "^mailto:"),
        "allow_private": True,
        "color": None,
        "doi_base": "https://doi.example.org/",
    }


def test_citecheck_toml_keys_are_at_the_top_level(in_tmp: Path) -> None:
    path = write(in_tmp / "citecheck.toml", "per_host = 2\nprobe = false\n")
    assert load_config(path) == {"per_host": 2, "probe": False}
    nested = write(in_tmp / "other" / "citecheck.toml", "[tool.citecheck]\nper_host = 2\n")
    assert config_error(nested) == (
        "other/citecheck.toml: put the settings at the top level of citecheck.toml, "
        "not under [tool.citecheck] (that table is for pyproject.toml)"
    )


def test_relative_paths_in_a_file_are_relative_to_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        '[tool.citecheck]\npaths = ["docs", "/abs"]\nsarif = "out.sarif"\njson = "-"\n',
    )
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    values = load_config(path.resolve())
    assert values["paths"] == (os.path.join("..", "docs"), "/abs")
    assert values["sarif"] == os.path.join("..", "out.sarif")
    assert values["json"] == "-"


def test_unknown_keys_name_the_file_and_suggest_the_right_one(in_tmp: Path) -> None:
    top = write(in_tmp / "citecheck.toml", "timout = 3\n")
    assert config_error(top) == "citecheck.toml: unknown key 'timout' (did you mean 'timeout'?)"
    pyproject = write(in_tmp / "pyproject.toml", "[tool.citecheck]\nperhost = 3\n")
    assert config_error(pyproject) == (
        "pyproject.toml: unknown key 'perhost' in [tool.citecheck] (did you mean 'per_host'?)"
    )
    far = write(in_tmp / "citecheck.toml", "zzz = 1\n")
    assert config_error(far) == "citecheck.toml: unknown key 'zzz'"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("retries = 'two'", "'retries' must be an integer, got 'two'"),
        ("retries = 2.5", "'retries' must be an integer, got 2.5"),
        ("retries = true", "'retries' must be an integer, got true"),
        ("retries = -1", "'retries' must be at least 0, got -1"),
        ("max_failures = -3", "'max_failures' must be at least 0, got -3"),
        ("concurrency = 0", "'concurrency' must be a positive integer, got 0"),
        ("per_host = -2", "'per_host' must be a positive integer, got -2"),
        ("timeout = 'fast'", "'timeout' must be a number, got 'fast'"),
        ("timeout = 0", "'timeout' must be greater than 0, got 0"),
        ("timeout = -1.5", "'timeout' must be greater than 0, got -1.5"),
        ("timeout = inf", "'timeout' must be a finite number, got inf"),
        ("quiet = 'yes'", "'quiet' must be true or false, got 'yes'"),
        ("color = 'maybe'", "'color' must be true, false or \"auto\", got 'maybe'"),
        ("paths = 3", "'paths' must be a list of strings, got 3"),
        ("paths = ['docs', 4]", "'paths' must be a list of strings, got an item 4"),
        ("paths = ['']", "'paths' must not contain an empty path"),
        ("json = ''", "'json' must be a file path or '-' for stdout, got ''"),
        ("sarif = ['a']", "'sarif' must be a string, got an array"),
        ("user_agent = ''", "'user_agent' must not be empty"),
        (
            "doi_base = 'doi.org'",
            "'doi_base' must be an http(s) URL like 'https://doi.org/', got 'doi.org'",
        ),
        ("fail_on = 3", "'fail_on' must be a list of verdict names, got 3"),
        ("warn_on = [1]", "'warn_on' must be a list of verdict names, got an item 1"),
        ("exclude = [true]", "'exclude' must be a list of strings, got an item true"),
        (
            "hosts = 1",
            "'hosts' must be a table of host tables, like [tool.citecheck.hosts."
            '"example.com"], got 1',
        ),
    ],
)
def test_wrong_types_and_negative_numbers(in_tmp: Path, line: str, message: str) -> None:
    path = write(in_tmp / "pyproject.toml", f"[tool.citecheck]\n{line}\n")
    assert config_error(path) == f"pyproject.toml: {message}"


def test_bad_verdict_names_are_named_with_a_suggestion(in_tmp: Path) -> None:
    path = write(in_tmp / "citecheck.toml", "fail_on = ['dead', 'ded']\n")
    known = ", ".join(v.value for v in Verdict)
    assert config_error(path) == (
        f"citecheck.toml: 'fail_on' has an unknown verdict 'ded' (did you mean 'dead'?); "
        f"verdicts are: {known}"
    )
    assert load_config(write(in_tmp / "citecheck.toml", "warn_on = ['no-url']\n")) == {
        "warn_on": (Verdict.NO_URL,)
    }
    # The command line's comma form works in a file too.
    assert load_config(write(in_tmp / "citecheck.toml", "fail_on = 'dead, soft404'\n")) == {
        "fail_on": (Verdict.DEAD, Verdict.SOFT404)
    }


def test_a_bad_regex_is_named(in_tmp: Path) -> None:
    path = write(in_tmp / "citecheck.toml", "include = ['ok', 'web\\.archive\\.org/(']\n")
    assert config_error(path) == (
        "citecheck.toml: 'include' has an invalid regular expression 'web\\\\.archive\\\\.org/(': "
        "missing ), unterminated subpattern at position 18"
    )


def test_invalid_toml_names_the_line(in_tmp: Path) -> None:
    path = write(in_tmp / "citecheck.toml", "timeout = 3\n\nfail_on = [dead]\n")
    message = config_error(path)
    assert message.startswith("citecheck.toml: invalid TOML: ")
    assert "(at line 3, column 12)" in message


def test_unreadable_files(in_tmp: Path) -> None:
    assert config_error(in_tmp / "missing.toml").startswith("missing.toml: cannot read: ")
    binary = in_tmp / "citecheck.toml"
    binary.write_bytes(b"timeout = 3\n# \xff\n")
    assert config_error(binary) == "citecheck.toml: not valid UTF-8 (byte 14)"


# --------------------------------------------------------------------------- hosts


HOSTS = """
[tool.citecheck.hosts."API.Example.com"]
user_agent = "citecheck-ci"
accept = [403, 429, 403]
concurrency = 1
interval = 2
timeout = 7.5

[tool.citecheck.hosts."API.Example.com".headers]
Authorization = "Bearer ${API_TOKEN}"
X-Key = "env:KEY"
Accept = "text/html"
X-Cost = "$$5"

[tool.citecheck.hosts."www.jstor.org"]
accept = [403]
"""


def test_hosts_are_parsed_and_env_references_resolved(in_tmp: Path) -> None:
    path = write(in_tmp / "pyproject.toml", HOSTS)
    hosts = load_config(path, env={"API_TOKEN": "tok-123", "KEY": "k-456"})["hosts"]
    assert hosts == (
        (
            "api.example.com",
            HostSettings(
                headers=(
                    ("Authorization", "Bearer tok-123"),
                    ("X-Key", "k-456"),
                    ("Accept", "text/html"),
                    ("X-Cost", "$5"),
                ),
                user_agent="citecheck-ci",
                accept=(403, 429),
                concurrency=1,
                interval=2.0,
                timeout=7.5,
            ),
        ),
        ("www.jstor.org", HostSettings(accept=(403,))),
    )
    assert isinstance(hosts, tuple)
    headers = dict(hosts[0][1].headers)
    assert isinstance(headers["Authorization"], Secret)
    assert isinstance(headers["X-Key"], Secret)
    assert not isinstance(headers["Accept"], Secret)
    # The repr (tracebacks, debug prints) never shows a value read from the environment.
    assert "tok-123" not in repr(hosts)
    assert "k-456" not in repr(hosts)
    assert headers["Authorization"].encode() == b"Bearer tok-123"


def test_a_missing_environment_variable_is_named(in_tmp: Path) -> None:
    path = write(in_tmp / "pyproject.toml", HOSTS)
    assert config_error(path, env={"API_TOKEN": "tok-123"}) == (
        "pyproject.toml: header 'X-Key' in [tool.citecheck.hosts.\"API.Example.com\"] reads "
        "environment variable 'KEY', which is not set"
    )


def test_header_errors_never_show_the_value(in_tmp: Path) -> None:
    path = write(
        in_tmp / "citecheck.toml", '[hosts."a.org"]\nheaders = { Authorization = "${TOKEN}" }\n'
    )
    message = config_error(path, env={"TOKEN": "s3cret\r\nX-Evil: 1"})
    assert message == (
        "citecheck.toml: header 'Authorization' in [hosts.\"a.org\"] contains a line break "
        "or NUL character"
    )
    path = write(in_tmp / "citecheck.toml", '[hosts."a.org"]\nheaders = { Cookie = 12345 }\n')
    assert config_error(path) == (
        "citecheck.toml: header 'Cookie' in [hosts.\"a.org\"] must be a string, got a number"
    )


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            '[hosts."a.org"]\nacept = [403]',
            "unknown key 'acept' in [hosts.\"a.org\"] (did you mean 'accept'?)",
        ),
        (
            '[hosts."a.org"]\naccept = [99]',
            "'accept' in [hosts.\"a.org\"] must be a list of HTTP status codes (100-599), got 99",
        ),
        (
            '[hosts."a.org"]\naccept = 403',
            "'accept' in [hosts.\"a.org\"] must be a list of HTTP status codes, got 403",
        ),
        (
            '[hosts."a.org"]\nconcurrency = 0',
            "'concurrency' in [hosts.\"a.org\"] must be a positive integer, got 0",
        ),
        (
            '[hosts."a.org"]\ninterval = -1',
            "'interval' in [hosts.\"a.org\"] must not be negative, got -1",
        ),
        (
            '[hosts."a.org"]\ntimeout = 0',
            "'timeout' in [hosts.\"a.org\"] must be greater than 0, got 0",
        ),
        (
            '[hosts."a.org"]\nheaders = "x"',
            "'headers' in [hosts.\"a.org\"] must be a table of header names to values, got 'x'",
        ),
        (
            '[hosts."a.org"]\nheaders = { "Bad Name" = "x" }',
            "header 'Bad Name' in [hosts.\"a.org\"]: 'Bad Name' is not a valid header name",
        ),
        (
            '[hosts."https://a.org/"]\naccept = [403]',
            "host 'https://a.org/' must be a bare host name like 'example.com', not a URL",
        ),
        (
            '[hosts."*.a.org"]\naccept = [403]',
            "host '*.a.org': write 'a.org' (it also matches its subdomains)",
        ),
        (
            '[hosts."a.org"]\n[hosts."A.ORG"]',
            "host 'a.org' is configured twice ([hosts.\"A.ORG\"])",
        ),
        ("hosts = { x = 1 }", '[hosts."x"] must be a table, got 1'),
    ],
)
def test_host_table_errors(in_tmp: Path, toml: str, message: str) -> None:
    path = write(in_tmp / "citecheck.toml", toml + "\n")
    assert config_error(path) == f"citecheck.toml: {message}"


def test_config_output_masks_secrets_and_credential_headers(in_tmp: Path) -> None:
    path = write(in_tmp / "pyproject.toml", HOSTS.replace("$$5", "literal-cookie"))
    path.write_text(path.read_text(encoding="utf-8").replace("X-Cost", "Cookie"), encoding="utf-8")
    env = {"API_TOKEN": "tok-123", "KEY": "k-456"}
    settings, sources = resolve_settings({}, load_config(path, env=env), path, env)
    text = format_settings(settings, sources)
    for secret in ("tok-123", "k-456", "literal-cookie"):
        assert secret not in text
    assert (
        '[hosts."api.example.com"]  (pyproject.toml)\n'
        'headers = { Authorization = "***", X-Key = "***", Accept = "text/html", '
        'Cookie = "***" }\n'
        'user_agent = "citecheck-ci"\n'
        "accept = [403, 429]\n"
        "concurrency = 1\n"
        "interval = 2.0\n"
        "timeout = 7.5\n"
        "\n"
        '[hosts."www.jstor.org"]  (pyproject.toml)\n'
        "accept = [403]\n"
    ) in text


# --------------------------------------------------------------------------- precedence


def test_defaults_when_nothing_is_given() -> None:
    settings, sources = resolve_settings({}, {}, None, {})
    assert settings == Settings()
    assert sources == dict.fromkeys(SETTING_NAMES, "default")
    assert settings.check_options() == CheckOptions()
    assert settings.policy() == Policy()


def test_command_line_beats_environment_beats_file_beats_defaults(in_tmp: Path) -> None:
    path = write(
        in_tmp / "pyproject.toml",
        "[tool.citecheck]\ntimeout = 5\nretries = 4\nper_host = 3\npaths = ['docs']\n",
    )
    env = {"CITECHECK_RETRIES": "1", "CITECHECK_PER_HOST": "2", "CITECHECK_TIMOUT": "9"}
    cli: dict[str, object] = {"per_host": 1, "quiet": None, "exclude": (), "paths": None}
    settings, sources = resolve_settings(cli, load_config(path), path.resolve(), env)
    assert (settings.timeout, settings.retries, settings.per_host) == (5.0, 1, 1)
    assert settings.paths == ("docs",)
    assert settings.quiet is False
    assert sources["timeout"] == "pyproject.toml"
    assert sources["paths"] == "pyproject.toml"
    assert sources["retries"] == "env CITECHECK_RETRIES"
    assert sources["per_host"] == "command line"
    assert sources["quiet"] == sources["exclude"] == sources["concurrency"] == "default"


def test_what_load_config_returns_resolves_unchanged(in_tmp: Path) -> None:
    path = write(
        in_tmp / "citecheck.toml",
        "color = 'auto'\nfail_on = ['moved']\npaths = ['a']\nverbose = true\n"
        '[hosts."a.org"]\naccept = [403]\n',
    )
    values = load_config(path)
    settings, sources = resolve_settings({"color": True}, values, path, {})
    assert settings.fail_on == (Verdict.MOVED,)
    assert settings.hosts == (("a.org", HostSettings(accept=(403,))),)
    assert settings.color is True
    assert sources["color"] == "command line"
    assert sources["hosts"] == sources["verbose"] == "citecheck.toml"
    auto, _ = resolve_settings({}, values, path, {})
    assert auto.color is None


def test_verdict_lists_from_strings_and_lists() -> None:
    cli: dict[str, object] = {"fail_on": "dead, soft404,,drifted", "warn_on": ["Moved"]}
    settings, _ = resolve_settings(cli, {}, None, {"CITECHECK_FAIL_ON": "live"})
    assert settings.fail_on == (Verdict.DEAD, Verdict.SOFT404, Verdict.DRIFTED)
    assert settings.warn_on == (Verdict.MOVED,)
    never, _ = resolve_settings({"fail_on": ""}, {}, None, {})
    assert never.fail_on == ()
    assert never.policy().gate(Verdict.DEAD).value == "pass"


def test_command_line_errors_name_the_flag() -> None:
    with pytest.raises(ConfigError) as info:
        resolve_settings({"fail_on": "dead,soff404"}, {}, None, {})
    assert str(info.value).startswith(
        "command line: --fail-on has an unknown verdict 'soff404' (did you mean 'soft404'?)"
    )
    with pytest.raises(ConfigError) as info:
        resolve_settings({"exclude": ("a(",)}, {}, None, {})
    assert str(info.value) == (
        "command line: --exclude has an invalid regular expression 'a(': "
        "missing ), unterminated subpattern at position 1"
    )
    with pytest.raises(ConfigError) as info:
        resolve_settings({"per_host": 0}, {}, None, {})
    assert str(info.value) == "command line: --per-host must be a positive integer, got 0"


def test_environment_values_are_parsed_and_errors_name_the_variable() -> None:
    env = {
        "CITECHECK_TIMEOUT": "2.5",
        "CITECHECK_ALLOW_PRIVATE": "yes",
        "CITECHECK_PROBE": "0",
        "CITECHECK_COLOR": "never",
        "CITECHECK_PATHS": "docs, README.md",
        "CITECHECK_EXCLUDE": "a{1,3}",
        "CITECHECK_JSON": "   ",  # blank: ignored, as CI systems set unset inputs to ""
        "CITECHECK_UNRELATED": "x",
    }
    settings, sources = resolve_settings({}, {}, None, env)
    assert settings.timeout == 2.5
    assert settings.allow_private is True
    assert settings.probe is False
    assert settings.color is False
    assert settings.paths == ("docs", "README.md")
    assert settings.exclude == ("a{1,3}",)
    assert settings.json is None
    assert sources["timeout"] == "env CITECHECK_TIMEOUT"
    assert sources["json"] == "default"
    for name, value, message in [
        ("CITECHECK_TIMEOUT", "abc", "environment: CITECHECK_TIMEOUT must be a number, got 'abc'"),
        (
            "CITECHECK_RETRIES",
            "two",
            "environment: CITECHECK_RETRIES must be an integer, got 'two'",
        ),
        (
            "CITECHECK_QUIET",
            "perhaps",
            "environment: CITECHECK_QUIET must be true or false, got 'perhaps'",
        ),
        (
            "CITECHECK_HOSTS",
            "x",
            "environment: CITECHECK_HOSTS: hosts can only be set in a configuration file",
        ),
    ]:
        with pytest.raises(ConfigError) as info:
            resolve_settings({}, {}, None, {name: value})
        assert str(info.value) == message


def test_a_key_that_is_not_a_setting_is_a_caller_bug() -> None:
    with pytest.raises(ValueError, match="'config' from the command line is not a citecheck"):
        resolve_settings({"config": "x.toml"}, {}, None, {})


def test_settings_feed_the_check_stage_and_the_gate() -> None:
    host = ("a.org", HostSettings(accept=(403,)))
    cli: dict[str, object] = {
        "timeout": 3,
        "retries": 0,
        "concurrency": 8,
        "per_host": 2,
        "allow_private": True,
        "user_agent": "bot/1",
        "doi_base": "http://127.0.0.1:9/doi",
        "probe": False,
        "max_redirects": 3,
        "hosts": (host,),
        "fail_on": "dead,moved",
        "warn_on": "moved,error",
        "max_failures": 2,
    }
    settings, _ = resolve_settings(cli, {}, None, {})
    assert settings.check_options() == CheckOptions(
        timeout=3.0,
        retries=0,
        concurrency=8,
        per_host=2,
        allow_private=True,
        user_agent="bot/1",
        max_redirects=3,
        soft404_probe=False,
        doi_base="http://127.0.0.1:9/doi/",
        hosts=(host,),
    )
    policy = settings.policy()
    assert policy == Policy(
        fail_on=frozenset({Verdict.DEAD, Verdict.MOVED}),
        warn_on=frozenset({Verdict.ERROR}),
        max_failures=2,
    )
    assert policy.gate(Verdict.MOVED).value == "fail"


def test_format_settings_shows_every_key_with_its_source(in_tmp: Path) -> None:
    path = write(in_tmp / "citecheck.toml", "exclude = ['linkedin\\.com']\ntimeout = 5\n")
    cli: dict[str, object] = {"json": "-", "fail_on": "dead,soft404"}
    settings, sources = resolve_settings(
        cli, load_config(path), path, {"CITECHECK_USER_AGENT": 'bot "x"'}
    )
    assert format_settings(settings, sources) == (
        "paths = []  (default)\n"
        'json = "-"  (command line)\n'
        "markdown = none  (default)\n"
        "junit = none  (default)\n"
        "sarif = none  (default)\n"
        "timeout = 5.0  (citecheck.toml)\n"
        "retries = 2  (default)\n"
        "concurrency = 32  (default)\n"
        "per_host = 4  (default)\n"
        "allow_private = false  (default)\n"
        'user_agent = "bot \\"x\\""  (env CITECHECK_USER_AGENT)\n'
        'doi_base = "https://doi.org/"  (default)\n'
        'fail_on = ["dead", "soft404"]  (command line)\n'
        'warn_on = ["drifted", "moved", "blocked", "timeout", "error"]  (default)\n'
        "max_failures = 0  (default)\n"
        "exclude = ['linkedin\\.com']  (citecheck.toml)\n"
        "include = []  (default)\n"
        "quiet = false  (default)\n"
        "verbose = false  (default)\n"
        'color = "auto"  (default)\n'
        "probe = true  (default)\n"
        "max_redirects = 10  (default)\n"
        "archive = true  (default)\n"
        "archive_base = \"https://archive.org/\"  (default)\n"
        "hosts = {}  (default)\n"
    )


# --------------------------------------------------------------------------- a YAML subset


class MiniYaml:
    """Block mappings and sequences, plain/quoted scalars, flow lists and ``|``/``>`` blocks.

    Enough for action.yml, .pre-commit-hooks.yaml and the README CI examples; anything
    outside the subset raises ValueError rather than being misread.
    """

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.pos = 0

    def document(self) -> Any:
        indent = self._indent()
        value = self._block(indent)
        if self._indent() != -1:
            raise ValueError(f"line {self.pos + 1}: unexpected indentation")
        return value

    def _skip(self) -> None:
        while self.pos < len(self.lines):
            stripped = self.lines[self.pos].strip()
            if stripped and not stripped.startswith("#"):
                return
            self.pos += 1

    def _indent(self) -> int:
        self._skip()
        if self.pos >= len(self.lines):
            return -1
        line = self.lines[self.pos]
        if "\t" in line[: len(line) - len(line.lstrip())]:
            raise ValueError(f"line {self.pos + 1}: tab in indentation")
        return len(line) - len(line.lstrip(" "))

    def _is_item(self) -> bool:
        stripped = self.lines[self.pos].strip()
        return stripped == "-" or stripped.startswith("- ")

    def _block(self, indent: int) -> Any:
        return self._sequence(indent) if self._is_item() else self._mapping(indent)

    def _sequence(self, indent: int) -> list[Any]:
        items: list[Any] = []
        while self._indent() == indent and self._is_item():
            line = self.lines[self.pos]
            rest = line.strip()[1:].lstrip(" ")
            if not rest or rest.startswith("#"):
                self.pos += 1
                child = self._indent()
                if child <= indent:
                    raise ValueError(f"line {self.pos + 1}: empty sequence item")
                items.append(self._block(child))
            elif split_key(rest) is not None:
                column = len(line) - len(rest)
                self.lines[self.pos] = " " * column + rest  # the item is a mapping at this column
                items.append(self._mapping(column))
            else:
                self.pos += 1
                items.append(scalar(rest))
        return items

    def _mapping(self, indent: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while self._indent() == indent and not self._is_item():
            number = self.pos + 1
            split = split_key(self.lines[self.pos].strip())
            if split is None:
                raise ValueError(f"line {number}: expected 'key: value'")
            key, rest = split
            if key in result:
                raise ValueError(f"line {number}: duplicate key {key!r}")
            self.pos += 1
            rest = strip_comment(rest)
            if rest[:1] in ("|", ">"):
                result[key] = self._block_scalar(indent, rest)
            elif rest:
                result[key] = scalar(rest)
            else:
                child = self._indent()
                nested = child > indent or (child == indent and child >= 0 and self._is_item())
                result[key] = self._block(child) if nested else None
        if self._indent() > indent:
            raise ValueError(f"line {self.pos + 1}: unexpected indentation")
        return result

    def _block_scalar(self, indent: int, header: str) -> str:
        raw: list[str] = []
        while self.pos < len(self.lines):
            line = self.lines[self.pos]
            if line.strip() and len(line) - len(line.lstrip(" ")) <= indent:
                break
            raw.append(line)
            self.pos += 1
        while raw and not raw[-1].strip():
            raw.pop()
        if not raw:
            return ""
        column = min(len(line) - len(line.lstrip(" ")) for line in raw if line.strip())
        lines = [line[column:] if line.strip() else "" for line in raw]
        if header.startswith(">"):
            paragraphs = "\n".join(lines).split("\n\n")
            text = "\n".join(" ".join(p.split("\n")) for p in paragraphs)
        else:
            text = "\n".join(lines)
        return text if header.endswith("-") else text + "\n"


def split_key(text: str) -> tuple[str, str] | None:
    """``key: rest`` → (key, rest); None when ``text`` is not a mapping entry."""
    if text[:1] in ("[", "{"):
        return None
    if text[:1] in ("'", '"'):
        end = closing_quote(text)
        if text[end + 1 : end + 2] != ":":
            return None
        return str(scalar(text[: end + 1])), text[end + 2 :].strip()
    match = re.match(r"^([^\s:#][^:#]*?):(?:\s+|$)(.*)$", text)
    if match is None:
        return None
    return match.group(1).strip(), match.group(2)


def closing_quote(text: str) -> int:
    quote, i = text[0], 1
    while i < len(text):
        if quote == '"' and text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            if quote == "'" and text[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    raise ValueError(f"unterminated string: {text}")


def strip_comment(text: str) -> str:
    text = text.strip()
    if text.startswith("#"):
        return ""
    if text[:1] in ("'", '"'):
        return text[: closing_quote(text) + 1]
    if text[:1] in ("[", "{"):
        depth, i = 0, 0
        while i < len(text):
            char = text[i]
            if char in "'\"":
                i += closing_quote(text[i:]) + 1
                continue
            depth += {"[": 1, "{": 1, "]": -1, "}": -1}.get(char, 0)
            if depth == 0:
                return text[: i + 1]
            i += 1
        raise ValueError(f"unterminated flow collection: {text}")
    match = re.search(r"\s#", text)
    return text[: match.start()].rstrip() if match else text


def scalar(text: str) -> Any:
    text = strip_comment(text)
    if text.startswith('"'):
        return json.loads(text)
    if text.startswith("'"):
        return text[1:-1].replace("''", "'")
    if text.startswith("["):
        inner = text[1:-1].strip()
        return [scalar(item) for item in split_flow(inner)] if inner else []
    if text.startswith("{"):
        inner = text[1:-1].strip()
        pairs = [split_key(item.strip()) for item in split_flow(inner)] if inner else []
        if any(pair is None for pair in pairs):
            raise ValueError(f"bad flow mapping: {text}")
        return {key: scalar(value) for key, value in (p for p in pairs if p is not None)}
    if text in ("true", "false"):
        return text == "true"
    if text in ("null", "~", ""):
        return None
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return text


def split_flow(inner: str) -> list[str]:
    items, start, depth, i = [], 0, 0, 0
    while i < len(inner):
        char = inner[i]
        if char in "'\"" and inner[start:i].strip() == "":
            i += closing_quote(inner[i:]) + 1
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        elif char == "," and depth == 0:
            items.append(inner[start:i])
            start = i + 1
        i += 1
    items.append(inner[start:])
    return [item.strip() for item in items]


def load_yaml(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    value = MiniYaml(text).document()
    try:
        import yaml  # type: ignore[import-untyped]
    except ImportError:
        return value
    assert yaml.safe_load(text) == value, f"{path.name}: the test's YAML reader misreads it"
    return value


def test_the_yaml_subset_reader() -> None:
    text = """
# comment
a: 1
b: "x: y"   # trailing comment
c: [one, "two, three", 'it''s']
d:
  - plain
  - k: v
    m: [1, 2]
  -
    nested: true
e: |
  line 1
    indented

  line 3
f: >-
  folded
  text
g: ${{ inputs.x }}
h: https://example.invalid/a#b
"""
    assert MiniYaml(text).document() == {
        "a": 1,
        "b": "x: y",
        "c": ["one", "two, three", "it's"],
        "d": ["plain", {"k": "v", "m": [1, 2]}, {"nested": True}],
        "e": "line 1\n  indented\n\nline 3\n",
        "f": "folded text",
        "g": "${{ inputs.x }}",
        "h": "https://example.invalid/a#b",
    }
    for bad in ("a: 1\n  b: 2\n", "a: 1\na: 2\n", "a: 'x\n", "- a\nb: 1\n"):
        with pytest.raises(ValueError):  # noqa: PT011 - any rejection will do
            MiniYaml(bad).document()


# --------------------------------------------------------------------------- the CLI contract


@pytest.fixture(scope="module")
def cli_commands() -> dict[str, Any]:
    """The subcommands of ``citecheck.cli.app``; skip until the CLI module imports."""
    try:
        from citecheck.cli import app
    except ImportError as exc:
        pytest.skip(f"citecheck.cli does not import yet: {exc}")
    import typer.main

    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


def parse_cli(commands: Mapping[str, Any], argv: list[str]) -> dict[str, Any]:
    """Parse ``citecheck ARGV`` the way the CLI would, without running it; return the params."""
    name = argv[0] if argv and argv[0] in commands else "check"
    rest = argv[1:] if argv and argv[0] in commands else argv
    context = commands[name].make_context(name, list(rest))
    return dict(context.params)


def option_flags(command: Any) -> set[str]:
    flags: set[str] = set()
    for param in command.params:
        flags.update(getattr(param, "opts", ()))
        flags.update(getattr(param, "secondary_opts", ()))
    return flags


def test_every_setting_is_a_check_option(cli_commands: dict[str, Any]) -> None:
    check = cli_commands["check"]
    flags = option_flags(check)
    for key in SETTING_NAMES:
        if key in ("hosts", "paths"):
            continue
        assert "--" + key.replace("_", "-") in flags, key
    assert "paths" in {param.name for param in check.params}


# --------------------------------------------------------------------------- action.yml


@pytest.fixture(scope="module")
def action() -> dict[str, Any]:
    value = load_yaml(ROOT / "action.yml")
    assert isinstance(value, dict)
    return dict(value)


def test_action_structure(action: dict[str, Any]) -> None:
    assert {"name", "description", "inputs", "outputs", "runs"} <= set(action)
    inputs = action["inputs"]
    assert set(inputs) == {
        "paths",
        "args",
        "json",
        "markdown",
        "sarif",
        "junit",
        "python-version",
        "version",
        "fail",
    }
    assert inputs["paths"]["default"] == "."
    assert inputs["python-version"]["default"] == "3.12"
    assert all(
        isinstance(spec["description"], str) and spec["description"] for spec in inputs.values()
    )
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    assert steps[0]["uses"].startswith("actions/setup-python@")
    assert steps[0]["with"]["python-version"] == "${{ inputs.python-version }}"
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"


def test_action_inputs_are_all_used_and_none_is_spliced_into_a_script(
    action: dict[str, Any],
) -> None:
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    referenced = set(re.findall(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", text))
    assert referenced == set(action["inputs"])
    for step in action["runs"]["steps"]:
        script = step.get("run")
        if script is None:
            continue
        assert "${{" not in script, f"expression spliced into the script of {step['name']!r}"
        defined = set(step.get("env", {}))
        words = set(re.findall(r"\b([A-Z][A-Z0-9_]*)\b", script))
        assert defined <= words, f"unused env in {step['name']!r}: {defined - words}"
        expanded = set(re.findall(r"\$\{?([A-Z][A-Z0-9_]*)", script))
        runner_vars = {"GITHUB_OUTPUT"}
        assert expanded - runner_vars <= defined, f"undefined in {step['name']!r}"


def test_action_output_is_written_by_the_step_it_names(action: dict[str, Any]) -> None:
    value = action["outputs"]["exit-code"]["value"]
    match = re.fullmatch(r"\$\{\{ steps\.([\w-]+)\.outputs\.exit-code \}\}", value)
    assert match is not None
    (step,) = [s for s in action["runs"]["steps"] if s.get("id") == match.group(1)]
    assert 'echo "exit-code=$status" >> "$GITHUB_OUTPUT"' in step["run"]


def shim_bin(tmp_path: Path) -> Path:
    """A PATH directory with the real python and a citecheck that records its argv."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    python = bin_dir / "python"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    citecheck = bin_dir / "citecheck"
    citecheck.write_text(
        '#!/bin/sh\nprintf \'%s\\0\' "$@" > "$FAKE_ARGV"\nexit "${FAKE_EXIT:-0}"\n',
        encoding="utf-8",
    )
    for script in (python, citecheck):
        script.chmod(0o755)
    return bin_dir


def run_step(
    step: dict[str, Any], inputs: dict[str, str], tmp_path: Path, exit_code: int = 0
) -> tuple[subprocess.CompletedProcess[str], list[str], str]:
    """Run one composite step's script as the runner would, with ``inputs`` substituted."""
    tmp_path.mkdir(exist_ok=True)
    env = {"PATH": f"{shim_bin(tmp_path)}{os.pathsep}{os.environ.get('PATH', '')}"}
    for name, expression in step["env"].items():
        match = re.fullmatch(r"\$\{\{ inputs\.([\w-]+) \}\}", expression)
        env[name] = inputs.get(match.group(1), "") if match else str(tmp_path / "action")
    argv_file = tmp_path / "argv"
    output_file = tmp_path / "github_output"
    output_file.write_text("", encoding="utf-8")
    env.update(FAKE_ARGV=str(argv_file), FAKE_EXIT=str(exit_code), GITHUB_OUTPUT=str(output_file))
    script = tmp_path / "step.sh"
    script.write_text(step["run"], encoding="utf-8")
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    argv = argv_file.read_bytes().decode().split("\0")[:-1] if argv_file.exists() else []
    return done, argv, output_file.read_text(encoding="utf-8")


def action_step(action: dict[str, Any], name: str) -> dict[str, Any]:
    (step,) = [s for s in action["runs"]["steps"] if s.get("name") == name]
    return dict(step)


def test_action_run_step_quotes_everything_and_reports_the_exit_code(
    action: dict[str, Any], tmp_path: Path
) -> None:
    inputs = {
        "paths": "docs 'My Notes/paper.md'\n-odd.md $(touch pwned)",
        "args": "--fail-on dead,soft404 --user-agent 'Bot \"1\"; rm -rf /' `touch pwned2`",
        "json": "out dir/report.json",
        "sarif": "-",
        "fail": "true",
    }
    done, argv, outputs = run_step(action_step(action, "Run citecheck"), inputs, tmp_path, 1)
    assert done.returncode == 1, done.stderr
    assert argv == [
        "check",
        "--fail-on",
        "dead,soft404",
        "--user-agent",
        'Bot "1"; rm -rf /',
        "`touch",
        "pwned2`",
        "--json",
        "out dir/report.json",
        "--sarif",
        "-",
        "--",
        "docs",
        "My Notes/paper.md",
        "-odd.md",
        "$(touch",
        "pwned)",
    ]
    assert outputs == "exit-code=1\n"
    assert not list(tmp_path.glob("pwned*"))


def test_action_run_step_can_leave_the_step_green(action: dict[str, Any], tmp_path: Path) -> None:
    done, argv, outputs = run_step(
        action_step(action, "Run citecheck"), {"paths": "", "fail": "false"}, tmp_path, 3
    )
    assert done.returncode == 0, done.stderr
    assert argv == ["check", "--"]
    assert outputs == "exit-code=3\n"


def test_action_install_step(action: dict[str, Any], tmp_path: Path) -> None:
    step = dict(action_step(action, "Install citecheck"))
    # Record pip's argv instead of installing: "python" here is the recording shim.
    step["run"] = step["run"].replace("python -m pip", "citecheck")
    _, argv, _ = run_step(step, {"version": ""}, tmp_path / "a")
    assert argv == [
        "install",
        "--disable-pip-version-check",
        "--quiet",
        str(tmp_path / "a" / "action"),
    ]
    _, argv, _ = run_step(step, {"version": "citecheck==0.1.0"}, tmp_path / "b")
    assert argv == ["install", "--disable-pip-version-check", "--quiet", "citecheck==0.1.0"]


def test_action_command_line_is_accepted_by_the_cli(
    action: dict[str, Any], tmp_path: Path, cli_commands: dict[str, Any]
) -> None:
    inputs = {
        "paths": "docs",
        "args": "--max-failures 2 --no-probe",
        "json": "r.json",
        "markdown": "r.md",
        "sarif": "r.sarif",
        "junit": "r.xml",
    }
    _, argv, _ = run_step(action_step(action, "Run citecheck"), inputs, tmp_path)
    params = parse_cli(cli_commands, argv)
    assert params["paths"] == ["docs"]
    assert params["max_failures"] == 2


# --------------------------------------------------------------------------- pre-commit


KNOWN_IDENTIFY_TAGS = {"markdown", "html", "plain-text", "text", "rst", "asciidoc"}


@pytest.fixture(scope="module")
def hooks() -> list[dict[str, Any]]:
    value = load_yaml(ROOT / ".pre-commit-hooks.yaml")
    assert isinstance(value, list)
    return list(value)


def test_pre_commit_hook(hooks: list[dict[str, Any]]) -> None:
    (hook,) = hooks
    assert hook["id"] == "citecheck"
    assert hook["entry"].split()[0] == "citecheck"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    assert hook["require_serial"] is True
    assert set(hook["types_or"]) <= KNOWN_IDENTIFY_TAGS
    assert "text" not in hook["types_or"], "'text' would feed source code to citecheck"


def test_pre_commit_entry_is_accepted_by_the_cli(
    hooks: list[dict[str, Any]], cli_commands: dict[str, Any]
) -> None:
    entry = shlex.split(hooks[0]["entry"])[1:]
    params = parse_cli(cli_commands, [*entry, "--timeout", "5", "README.md", "config"])
    assert params["paths"] == ["README.md", "config"]


# --------------------------------------------------------------- README: continuous integration

EXAMPLE = re.compile(r"<!-- example: ([\w-]+) -->\n```(\w+)\n(.*?)\n```", re.DOTALL)


def doc_examples() -> dict[str, tuple[str, str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    # The README's "Continuous integration" section, up to the next second-level heading.
    section = re.search(r"^## Continuous integration\n(.*?)(?=^## )", readme, re.S | re.M)
    assert section is not None, "README.md has no '## Continuous integration' section"
    text = section.group(1)
    examples: dict[str, tuple[str, str]] = {}
    for name, language, body in EXAMPLE.findall(text):
        assert name not in examples, f"duplicate example {name}"
        examples[name] = (language, body)
    fences = len(re.findall(r"^```\w+$", text, re.MULTILINE))
    assert fences == len(examples), "a README CI fence lacks a marker"
    return examples


def test_docs_examples_are_marked_and_parse(tmp_path: Path) -> None:
    examples = doc_examples()
    assert set(examples) == {
        "config",
        "github-actions",
        "github-actions-sarif",
        "pre-commit",
        "gitlab-ci",
        "shell",
    }
    for name, (language, body) in examples.items():
        if language == "yaml":
            assert isinstance(MiniYaml(body).document(), dict), name
    language, body = examples["config"]
    assert language == "toml"
    config = write(tmp_path / "pyproject.toml", body)
    values = load_config(config, env={"GITHUB_TOKEN": "t"})
    assert values["hosts"]


def test_docs_config_example_needs_its_variable(tmp_path: Path) -> None:
    config = write(tmp_path / "pyproject.toml", doc_examples()["config"][1])
    with pytest.raises(ConfigError, match="'GITHUB_TOKEN', which is not set"):
        load_config(config, env={})


def test_docs_use_only_real_action_inputs_and_hook_ids(
    action: dict[str, Any], hooks: list[dict[str, Any]]
) -> None:
    examples = doc_examples()
    used = 0
    for name in ("github-actions", "github-actions-sarif"):
        workflow = MiniYaml(examples[name][1]).document()
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                if str(step.get("uses", "")).split("@")[0].endswith("/citecheck"):
                    used += 1
                    assert set(step.get("with", {})) <= set(action["inputs"]), name
    assert used == 2
    config = MiniYaml(examples["pre-commit"][1]).document()
    ids = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert ids <= {hook["id"] for hook in hooks}


def doc_command_lines() -> Iterator[tuple[str, list[str]]]:
    """Every citecheck argument list the README CI section shows, with its example."""
    examples = doc_examples()
    for name in ("github-actions", "github-actions-sarif"):
        workflow = MiniYaml(examples[name][1]).document()
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                if "args" in step.get("with", {}):
                    yield name, ["check", *shlex.split(step["with"]["args"]), "docs"]
    config = MiniYaml(examples["pre-commit"][1]).document()
    for repo in config["repos"]:
        for hook in repo["hooks"]:
            yield "pre-commit", ["check", *hook.get("args", []), "README.md"]
    lines = [
        *MiniYaml(examples["gitlab-ci"][1]).document()["citecheck"]["script"],
        *examples["shell"][1].splitlines(),
    ]
    for line in lines:
        words = shlex.split(line)
        if "citecheck" in words:
            yield "script", words[words.index("citecheck") + 1 :]


def test_docs_environment_variables_are_settings() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    # The README's "Continuous integration" section, up to the next second-level heading.
    section = re.search(r"^## Continuous integration\n(.*?)(?=^## )", readme, re.S | re.M)
    assert section is not None, "README.md has no '## Continuous integration' section"
    text = section.group(1)
    names = set(re.findall(r"CITECHECK_([A-Z_]+)", text)) - {"KEY"}
    assert names
    assert {name.lower() for name in names} <= set(SETTING_NAMES)


def test_docs_command_lines_are_accepted_by_the_cli(cli_commands: dict[str, Any]) -> None:
    lines = list(doc_command_lines())
    assert len(lines) >= 4
    for name, argv in lines:
        try:
            parse_cli(cli_commands, argv)
        except Exception as exc:
            pytest.fail(f"{name}: citecheck {shlex.join(argv)}: {exc}")
