"""The CI files and their documentation against the real command line.

action.yml, .pre-commit-hooks.yaml and the README's CI examples are read with PyYAML (a test
extra) and every citecheck command line in them is parsed by the CLI itself."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from support.config import write

from citecheck.models import HostSettings, UnsetSecret
from citecheck.settings import (
    FIELDS,
    SETTING_NAMES,
    load_config,
)

ROOT = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------- the CLI contract


@pytest.fixture(scope="module")
def cli_commands() -> dict[str, Any]:
    """The subcommands of ``citecheck.cli.app``."""
    import typer.main

    from citecheck.cli import app

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
    for field in FIELDS:
        if field.name in ("hosts", "paths"):
            continue
        assert field.flags[0].split("/")[0] in flags, field.name
    assert "paths" in {param.name for param in check.params}


# --------------------------------------------------------------------------- action.yml


@pytest.fixture(scope="module")
def action() -> dict[str, Any]:
    value = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
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
    value = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
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
        "github-actions-shards",
        "pre-commit",
        "gitlab-ci",
        "shell",
    }
    for name, (language, body) in examples.items():
        if language == "yaml":
            assert isinstance(yaml.safe_load(body), dict), name
    language, body = examples["config"]
    assert language == "toml"
    config = write(tmp_path / "pyproject.toml", body)
    values = load_config(config, env={"GITHUB_TOKEN": "t"})
    assert values["hosts"] == (
        ("api.github.com", HostSettings(headers=(("Authorization", "Bearer t"),), interval=0.5)),
        ("www.jstor.org", HostSettings(accept=(403,), concurrency=1)),
    )


def test_docs_config_example_without_its_variable_leaves_the_header_unset(
    tmp_path: Path,
) -> None:
    # Not an error (a fork's pull request has no secrets): the header is never sent, and the
    # run warns when api.github.com is contacted.
    config = write(tmp_path / "pyproject.toml", doc_examples()["config"][1])
    hosts = load_config(config, env={})["hosts"]
    assert isinstance(hosts, tuple)
    [(name, value)] = hosts[0][1].headers
    assert name == "Authorization" and isinstance(value, UnsetSecret)


def test_docs_use_only_real_action_inputs_and_hook_ids(
    action: dict[str, Any], hooks: list[dict[str, Any]]
) -> None:
    examples = doc_examples()
    used = 0
    for name in ("github-actions", "github-actions-sarif"):
        workflow = yaml.safe_load(examples[name][1])
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                if str(step.get("uses", "")).split("@")[0].endswith("/citecheck"):
                    used += 1
                    assert set(step.get("with", {})) <= set(action["inputs"]), name
    assert used == 2
    config = yaml.safe_load(examples["pre-commit"][1])
    ids = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert ids <= {hook["id"] for hook in hooks}


def doc_command_lines() -> Iterator[tuple[str, list[str]]]:
    """Every citecheck argument list the README CI section shows, with its example."""
    examples = doc_examples()
    for name in ("github-actions", "github-actions-sarif"):
        workflow = yaml.safe_load(examples[name][1])
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                if "args" in step.get("with", {}):
                    yield name, ["check", *shlex.split(step["with"]["args"]), "docs"]
    config = yaml.safe_load(examples["pre-commit"][1])
    for repo in config["repos"]:
        for hook in repo["hooks"]:
            yield "pre-commit", ["check", *hook.get("args", []), "README.md"]
    lines = [
        *yaml.safe_load(examples["gitlab-ci"][1])["citecheck"]["script"],
        *examples["shell"][1].splitlines(),
    ]
    for line in lines:
        words = shlex.split(line)
        if "citecheck" in words:
            yield "script", words[words.index("citecheck") + 1 :]


def test_docs_shard_example_runs_every_shard_and_merges_them(
    cli_commands: dict[str, Any]
) -> None:
    workflow = yaml.safe_load(doc_examples()["github-actions-shards"][1])
    shards = workflow["jobs"]["shard"]["strategy"]["matrix"]["shard"]
    runs = {name: [step["run"] for step in job["steps"] if "citecheck" in step.get("run", "")
                   and "pip install" not in step["run"]]
            for name, job in workflow["jobs"].items()}
    (shard_line,) = runs["shard"]
    (merge_line,) = runs["merge"]
    for k in shards:
        words = shlex.split(shard_line.replace("${{ matrix.shard }}", str(k)))
        argv = words[words.index("citecheck") + 1 : words.index("||")]
        assert parse_cli(cli_commands, argv)["shard"] == f"{k}/{len(shards)}"
    words = shlex.split(merge_line)
    params = parse_cli(cli_commands, words[words.index("citecheck") + 1 :])
    assert [str(p) for p in params["reports"]] == [f"shard-{k}.json" for k in shards]


def test_docs_environment_variables_are_settings() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    # The README's "Continuous integration" section, up to the next second-level heading.
    section = re.search(r"^## Continuous integration\n(.*?)(?=^## )", readme, re.S | re.M)
    assert section is not None, "README.md has no '## Continuous integration' section"
    text = section.group(1)
    names = set(re.findall(r"CITECHECK_([A-Z_]+)", text)) - {"KEY"}
    assert names == {"TIMEOUT", "ALLOW_PRIVATE"}  # the ones the README names today
    assert {name.lower() for name in names} <= set(SETTING_NAMES)


def test_docs_command_lines_are_accepted_by_the_cli(cli_commands: dict[str, Any]) -> None:
    lines = list(doc_command_lines())
    assert len(lines) == 4  # the GitHub, pre-commit, GitLab and shell examples
    for name, argv in lines:
        try:
            parse_cli(cli_commands, argv)
        except Exception as exc:
            pytest.fail(f"{name}: citecheck {shlex.join(argv)}: {exc}")


def test_the_sarif_example_does_not_upload_a_run_that_checked_nothing() -> None:
    workflow = yaml.safe_load(doc_examples()["github-actions-sarif"][1])
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    upload = [s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload")]
    assert len(upload) == 1 and upload[0].get("if") == "steps.citecheck.outputs.exit-code != '3'"
