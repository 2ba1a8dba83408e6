"""The settings table: every field round-trips through the command line, a configuration file and
its environment variable, and shows in ``citecheck config``, ``check --help`` and the schema.

A sample value is given per kind of value, not per setting, so a new setting of a known kind is
covered without editing this file; a new kind fails here until it has a sample.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest
from typer.testing import CliRunner

from citecheck import cli
from citecheck.models import ExitCode, Verdict
from citecheck.settings import (
    FIELDS,
    ConfigError,
    Field,
    Settings,
    config_schema,
    load_config,
    resolve_settings,
)
from citecheck.settings import table as kinds


@dataclass(frozen=True)
class Sample:
    """One value of a kind, as the command line, the environment and TOML write it."""

    cli: tuple[str, ...]  # after the flag (nothing for a switch)
    env: str
    toml: str
    expected: object


def sample(field: Field) -> tuple[list[str], Sample]:
    """The command-line arguments that set ``field`` to a value other than its default."""
    kind = field.row.kind
    if kind in (kinds.BOOLEAN, kinds.COLOR):
        on = field.default is not True
        flag = field.flags[0].split("/")[0 if on else 1]
        word = "true" if on else "false"
        return [flag], Sample((), word, word, on)
    if kind is kinds.PATHS:
        return ["a.md", "b.md"], Sample((), "a.md,b.md", '["a.md", "b.md"]', ("a.md", "b.md"))
    by_kind = {
        kinds.OUTPUT: Sample(("out.txt",), "out.txt", '"out.txt"', "out.txt"),
        kinds.TEXT: Sample(("bot/1.0",), "bot/1.0", '"bot/1.0"', "bot/1.0"),
        kinds.VERDICTS: Sample(
            ("moved,dead",), "moved,dead", '["moved", "dead"]', (Verdict.MOVED, Verdict.DEAD)
        ),
        kinds.REGEXES: Sample(("x{1,3}",), "x{1,3}", "'x{1,3}'", ("x{1,3}",)),
        kinds.REPORT_STYLE: Sample(("lines",), "lines", '"lines"', "lines"),
        kinds.STATUS_CODES: Sample(("403,429",), "403,429", "[403, 429]", (403, 429)),
        kinds.HEADERS: Sample(("X-Api: a, b",), "X-Api: a, b", '"X-Api: a, b"',
                              ("X-Api: a, b",)),
        kinds.REMAPS: Sample(("^http:// https://",), "^http:// https://",
                             '"^http:// https://"', ("^http:// https://",)),

        kinds.DIRECTORY: Sample(("cache",), "cache", '"cache"', "cache"),
        kinds.DURATION: Sample(("90m",), "90m", '"90m"', "90m"),
        kinds.DURATIONS: Sample(("7d,2h",), "7d,2h", '"7d,2h"', "7d,2h"),

        kinds.SHARD: Sample(("2/4",), "2/4", '"2 / 4"', "2/4"),
    }
    if kind in by_kind:
        value = by_kind[kind]
    elif kind.cli_type is float:
        value = Sample(("7.5",), "7.5", "7.5", 7.5)
    elif kind.cli_type is int:
        number = int(str(field.default)) + 3
        value = Sample((str(number),), str(number), str(number), number)
    elif field.name.endswith("_base"):  # an http(s) origin
        value = Sample(("http://example.test",), "http://example.test", '"http://example.test"',
                       "http://example.test/")
    else:
        raise AssertionError(f"no sample for the kind of {field.name!r}: add one here")
    return [field.flags[0], *value.cli], value


ON_CLI = [field for field in FIELDS if field.on_command_line]


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory with no configuration and no CITECHECK_* variables."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()  # no configuration above this directory applies
    for name in list(os.environ):
        if name.startswith("CITECHECK_"):
            monkeypatch.delenv(name)
    return tmp_path


def test_every_setting_but_hosts_is_on_the_command_line() -> None:
    assert [field.name for field in FIELDS if not field.on_command_line] == ["hosts"]


@pytest.mark.parametrize("field", ON_CLI, ids=lambda field: field.name)
def test_flag_sets_the_setting(field: Field, monkeypatch: pytest.MonkeyPatch) -> None:
    args, value = sample(field)
    seen: list[Settings] = []

    def capture(settings: Settings) -> ExitCode:
        seen.append(settings)
        return ExitCode.OK

    monkeypatch.setattr(cli, "_run_check", capture)
    result = CliRunner().invoke(cli.app, ["check", *args])
    assert result.exit_code == 0, result.output
    [settings] = seen
    assert getattr(settings, field.name) == value.expected
    assert getattr(settings, field.name) != field.default


@pytest.mark.parametrize("field", ON_CLI, ids=lambda field: field.name)
def test_config_key_sets_the_setting_and_shows_in_citecheck_config(
    field: Field, isolated: Path
) -> None:
    _, value = sample(field)
    path = isolated / "citecheck.toml"
    path.write_text(f"{field.name} = {value.toml}\n", encoding="utf-8")
    settings, sources = resolve_settings({}, load_config(path, env={}), path, env={})
    assert getattr(settings, field.name) == value.expected
    assert sources[field.name] == "citecheck.toml"
    # Named with --config, so trusted: a discovered file cannot set allow_private (test_trust).
    shown = CliRunner().invoke(cli.app, ["config", "--config", "citecheck.toml"]).stdout
    [line] = [line for line in shown.splitlines() if line.startswith(f"{field.name} = ")]
    assert line.endswith("  (citecheck.toml)")


@pytest.mark.parametrize("field", ON_CLI, ids=lambda field: field.name)
def test_env_variable_sets_the_setting_and_shows_in_citecheck_config(
    field: Field, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, value = sample(field)
    assert field.env == "CITECHECK_" + field.name.upper()
    settings, sources = resolve_settings({}, {}, None, env={field.env: value.env})
    assert getattr(settings, field.name) == value.expected
    assert sources[field.name] == f"env {field.env}"
    monkeypatch.setenv(field.env, value.env)
    shown = CliRunner().invoke(cli.app, ["config"]).stdout
    assert f"{field.name} = " in shown
    [line] = [line for line in shown.splitlines() if line.startswith(f"{field.name} = ")]
    assert line.endswith(f"  (env {field.env})")


def test_hosts_come_only_from_a_file() -> None:
    with pytest.raises(ConfigError) as info:
        resolve_settings({}, {}, None, env={"CITECHECK_HOSTS": "x"})
    assert str(info.value) == (
        "environment: CITECHECK_HOSTS: hosts can only be set in a configuration file"
    )


@pytest.mark.parametrize("field", ON_CLI, ids=lambda field: field.name)
def test_check_help_names_the_flag_and_the_default_from_the_table(field: Field) -> None:
    # Wide enough that no help text wraps.
    text = CliRunner().invoke(cli.app, ["check", "--help"], terminal_width=400).stdout
    names = [flag.replace("/", " / ") for flag in field.flags] or [f"{field.metavar}..."]
    [line] = [
        line for line in text.splitlines()
        if any(line.lstrip().startswith(name + " ") or f", {name} " in line for name in names)
    ]
    shown = field.default_help()
    expected = field.row.help + ("" if shown is None else f" [default: {shown}]")
    assert line.rstrip().endswith(expected)


def test_schema_has_every_setting_and_accepts_the_samples() -> None:
    schema = config_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert list(schema["properties"]) == [field.name for field in FIELDS]  # type: ignore[call-overload]
    document = "\n".join(f"{field.name} = {sample(field)[1].toml}" for field in ON_CLI)
    document += '\n[hosts."example.com"]\nheaders = { Accept = "text/html" }\ntimeout = 3\n'
    jsonschema.validate(tomllib.loads(document), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"per-host": 2}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"timeout": 0}, schema)


def test_citecheck_config_schema_prints_the_schema() -> None:
    result = CliRunner().invoke(cli.app, ["config", "--schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(json.dumps(config_schema()))
