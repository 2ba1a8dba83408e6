"""Precedence: command line > ``CITECHECK_*`` environment > configuration file > defaults."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.config import write

from citecheck.models import CheckOptions, HostSettings, Policy, Verdict
from citecheck.settings import (
    SETTING_NAMES,
    ConfigError,
    Settings,
    load_config,
    resolve_settings,
)

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
