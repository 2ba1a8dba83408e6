"""Configuration files: discovery walking up, reading and validation, ``[hosts]`` tables."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.config import config_error, write

from citecheck.models import HostSettings, UnsetSecret, Verdict
from citecheck.settings import (
    Secret,
    find_config,
    format_settings,
    load_config,
    resolve_settings,
)

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


def test_a_missing_environment_variable_is_not_an_error_but_an_unset_header(in_tmp: Path) -> None:
    # A pull request from a fork has no secrets: the run goes on, and warns only when the
    # header's host is contacted (tests/check/test_hop_headers.py).
    path = write(in_tmp / "pyproject.toml", HOSTS)
    hosts = load_config(path, env={"API_TOKEN": "tok-123"})["hosts"]
    assert isinstance(hosts, tuple)
    headers = dict(hosts[0][1].headers)
    assert isinstance(headers["X-Key"], UnsetSecret)
    assert headers["X-Key"].variables == ("KEY",)
    assert headers["Authorization"] == "Bearer tok-123"


@pytest.mark.parametrize(
    ("value", "env", "expected"),
    [
        ("${TOKEN:-anonymous}", {}, "anonymous"),
        ("${TOKEN:-anonymous}", {"TOKEN": ""}, "anonymous"),
        ("${TOKEN:-anonymous}", {"TOKEN": "t"}, "t"),
        ("Bearer ${TOKEN:-}", {}, "Bearer "),
        ("${A}-${B:-b}", {"A": "a"}, "a-b"),
    ],
)
def test_a_variable_may_have_a_fallback(
    in_tmp: Path, value: str, env: dict[str, str], expected: str
) -> None:
    path = write(in_tmp / "citecheck.toml", f'[hosts."a.org"]\nheaders = {{ X-Id = "{value}" }}\n')
    hosts = load_config(path, env=env)["hosts"]
    assert isinstance(hosts, tuple)
    assert dict(hosts[0][1].headers)["X-Id"] == expected


def test_one_unset_variable_unsets_the_whole_value(in_tmp: Path) -> None:
    path = write(in_tmp / "citecheck.toml",
                 '[hosts."a.org"]\nheaders = { Authorization = "${A} ${B} ${A}" }\n')
    hosts = load_config(path, env={})["hosts"]
    assert isinstance(hosts, tuple)
    value = dict(hosts[0][1].headers)["Authorization"]
    assert isinstance(value, UnsetSecret) and value.variables == ("A", "B")
    assert value == "" and repr(value) == "'***'"


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
