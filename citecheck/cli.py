"""The command line: the only place that reads configuration, prints, writes files and exits.

``citecheck PATH...`` is shorthand for ``citecheck check PATH...``; ``citecheck config`` shows the
effective configuration. Domain errors become exit codes here and nowhere else.
"""

from __future__ import annotations

import inspect
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from typer.core import TyperGroup

try:
    from typer._click.exceptions import ClickException, UsageError
except ImportError:  # typer < 0.29 uses click itself rather than a vendored copy
    from click.exceptions import (  # type: ignore[import-not-found,no-redef]
        ClickException,
        UsageError,
    )

from citecheck import __version__, pipeline
from citecheck.collect.documents import InputError
from citecheck.models import ExitCode, LinkResult, Report
from citecheck.output import OutputError, append_text, check_writable, write_atomic
from citecheck.pipeline import OnResult, UsageProblem
from citecheck.report.github import format_annotations
from citecheck.report.json import format_json
from citecheck.report.junit import format_junit
from citecheck.report.markdown import format_markdown
from citecheck.report.sarif import format_sarif
from citecheck.report.table import format_table
from citecheck.settings import (
    ConfigError,
    Settings,
    config_schema,
    find_config,
    format_settings,
    load_config,
    resolve_settings,
)
from citecheck.settings.options import with_setting_options


class _DefaultCheckGroup(TyperGroup):
    """A group whose unknown first word is a path for the ``check`` command.

    This keeps ``citecheck seeds/`` working beside ``citecheck config``. A document literally
    named ``config`` is reached as ``citecheck check config`` or ``citecheck ./config``.
    """

    # ctx is typed loosely: typer >= 0.29 vendors click, older releases use click itself.
    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run, turning click's multi-line usage errors into citecheck's one-line form."""
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except UsageError as exc:
            hint = f" (see '{prog_name or 'citecheck'} --help')"
            _err(f"citecheck: error: {exc.format_message()}{hint}")
            code = ExitCode.USAGE
        except ClickException as exc:
            _err(f"citecheck: error: {exc.format_message()}")
            code = exc.exit_code
        except typer.Abort:
            _err("citecheck: interrupted")
            code = 130
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h",
                                                                          "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_DefaultCheckGroup,
    help="Tell which claims in a document still stand on a live source.",
    add_completion=False,
    no_args_is_help=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"citecheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Tell which claims in a document still stand on a live source."""


ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="Configuration file (default: citecheck.toml or "
                 "[tool.citecheck] in pyproject.toml, found walking up from here)."),
]


def check(**given: Any) -> None:
    """Check every cited source in PATHS and report which claims still stand."""
    config = given.pop("config")
    code = _guarded(lambda: _run_check(_settings(given, config)))
    raise typer.Exit(int(code))


_CONFIG_PARAMETER = inspect.Parameter(
    "config", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=ConfigOpt
)
app.command("check")(with_setting_options(check, _CONFIG_PARAMETER))


@app.command("config")
def show_config(
    config: ConfigOpt = None,
    schema: Annotated[bool, typer.Option(
        "--schema", help="Print the JSON Schema of the configuration file instead.")] = False,
) -> None:
    """Print the effective configuration and where each value came from."""
    if schema:
        typer.echo(json.dumps(config_schema(), indent=2))
        raise typer.Exit(0)

    def show() -> ExitCode:
        settings, sources = _settings_and_sources({}, config)
        typer.echo(format_settings(settings, sources), nl=False)
        return ExitCode.OK

    raise typer.Exit(int(_guarded(show)))


@app.command("schema")
def show_schema() -> None:
    """Print the JSON Schema of the --json report."""
    from citecheck.report.json import load_schema

    typer.echo(json.dumps(load_schema(), indent=2))


@app.command("merge")
def merge(
    reports: Annotated[list[Path], typer.Argument(
        help="The JSON reports of a run's shards (--shard K/N --json FILE).",
        metavar="REPORT.json", show_default=False)],
    *,
    json_out: Annotated[str | None, typer.Option(
        "--json", help="Write the merged JSON report here ('-' for stdout).")] = None,
    markdown: Annotated[str | None, typer.Option(
        "--markdown", help="Write a Markdown summary here ('-' for stdout).")] = None,
    junit: Annotated[str | None, typer.Option(
        "--junit", help="Write JUnit XML here ('-' for stdout).")] = None,
    sarif: Annotated[str | None, typer.Option(
        "--sarif", help="Write SARIF 2.1.0 here ('-' for stdout).")] = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Show only failures, warnings and the summary.")] = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Show redirect chains, attempts and timings.")] = False,
    color: Annotated[bool | None, typer.Option(
        "--color/--no-color", help="Force colour on or off.", show_default=False)] = None,
) -> None:
    """Join the JSON reports of a run's shards into one report, and gate on it.

    The exit code and every report format are those of one run over all the shards' hosts.
    """

    def go() -> ExitCode:
        from datetime import UTC, datetime

        from citecheck.report.merge import MergeError, load_shard_report, merge_reports

        outputs = {"json": json_out, "markdown": markdown, "junit": junit, "sarif": sarif}
        _check_outputs([str(path) for path in reports], outputs)
        shards = []
        for path in reports:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise UsageProblem(f"cannot read report '{path}': "
                                   f"{getattr(exc, 'strerror', None) or exc}") from None
            try:
                shards.append(load_shard_report(text, str(path)))
            except MergeError as exc:
                raise UsageProblem(str(exc)) from None
        now = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        try:
            report = merge_reports(shards, generated_at=now)
        except MergeError as exc:
            raise UsageProblem(str(exc)) from None
        _write_outputs(report, outputs)
        settings = Settings(quiet=quiet, verbose=verbose, color=color)
        _show(report, settings, to_stderr=any(path == "-" for path in outputs.values()))
        if report.offline:
            _err("citecheck: the network was unavailable to the shards: no host could be "
                 "reached (exit 3)")
        return report.summary.exit_code

    raise typer.Exit(int(_guarded(go)))


def main() -> None:
    """Console-script entry point."""
    app(prog_name="citecheck")


# --------------------------------------------------------------------------- plumbing


def _guarded(action: Callable[[], ExitCode]) -> ExitCode:
    """Run ``action``; turn the user's mistakes into one line on stderr and exit code 2."""
    try:
        return action()
    except (UsageProblem, ConfigError, InputError, OutputError) as exc:
        _err(f"citecheck: error: {exc}")
        return ExitCode.USAGE
    except KeyboardInterrupt:
        _err("citecheck: interrupted")
        raise typer.Exit(130) from None


def _err(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def _settings_and_sources(
    given: dict[str, object], config: Path | None
) -> tuple[Settings, dict[str, str]]:
    if config is not None:
        if not config.is_file():
            raise UsageProblem(f"no such configuration file: '{config}'")
        config_path: Path | None = config
    else:
        config_path = find_config(Path.cwd())
    values = load_config(config_path) if config_path is not None else {}
    cli = {key: value for key, value in given.items() if value is not None}
    return resolve_settings(cli, values, config_path, dict(os.environ))


def _settings(given: dict[str, object], config: Path | None) -> Settings:
    return _settings_and_sources(given, config)[0]


def _run_check(settings: Settings) -> ExitCode:
    outputs = {"json": settings.json, "markdown": settings.markdown, "junit": settings.junit,
               "sarif": settings.sarif}
    err_console = Console(stderr=True)
    report = pipeline.run(
        settings,
        stdin=getattr(sys.stdin, "buffer", None),
        before_reading=lambda paths: _check_outputs(paths, outputs),
        watch=lambda total: _progress(total, quiet=settings.quiet, console=err_console),
    )
    _write_outputs(report, outputs)
    _show(report, settings, to_stderr=any(path == "-" for path in outputs.values()))
    if report.offline:
        _err("citecheck: the network is unavailable: no host could be reached, so no source "
             "could be checked (exit 3)")
    return report.summary.exit_code


def _check_outputs(paths: Sequence[str], outputs: dict[str, str | None]) -> None:
    """Refuse, before any document is read, reports that could not be written or would
    overwrite an input."""
    _check_destinations(outputs)
    inputs = {os.path.realpath(p) for p in paths if p != "-"}
    for flag, target in outputs.items():
        if not target or target == "-":
            continue
        if os.path.realpath(target) in inputs:
            raise UsageProblem(f"--{flag} '{target}' is one of the input documents; refusing to "
                               "overwrite it")
        check_writable(target)


def _check_destinations(outputs: dict[str, str | None]) -> None:
    """Refuse two reports in one place: concatenated on stdout they parse as neither, and in one
    file the second silently replaces the first."""
    taken: dict[str, str] = {}
    for flag, target in outputs.items():
        if not target:
            continue
        key = "-" if target == "-" else os.path.realpath(target)
        if key in taken:
            where = "stdout" if key == "-" else f"'{target}'"
            raise UsageProblem(f"--{taken[key]} and --{flag} both write to {where}; give each "
                               "report its own destination")
        taken[key] = flag


@contextmanager
def _progress(total: int, *, quiet: bool, console: Console) -> Iterator[OnResult | None]:
    """A progress bar on a terminal while the sources are checked (nothing when quiet)."""
    if quiet or not console.is_terminal:
        yield None
        return
    columns: list[Any] = [
        TextColumn("checking sources"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[last]}", style="dim"),
    ]
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("check", total=total, last="")

        def advance(result: LinkResult) -> None:
            progress.update(task, advance=1, last=result.status.value)

        yield advance


def _repository() -> tuple[str, str]:
    """(repository root, working directory): CI tools place results by their path from the
    root, the checkout in GitHub Actions (else GitLab's project dir, else the working one)."""
    cwd = os.getcwd()
    root = os.environ.get("GITHUB_WORKSPACE") or os.environ.get("CI_PROJECT_DIR") or cwd
    return root, cwd


def _write_outputs(report: Report, outputs: dict[str, str | None]) -> None:
    root, cwd = _repository()
    formatters: dict[str, Callable[[Report], str]] = {
        "json": format_json, "markdown": format_markdown,
        "junit": lambda r: format_junit(r, root=root, cwd=cwd),
        "sarif": lambda r: format_sarif(r, root=root, cwd=cwd),
    }
    for name, target in outputs.items():
        if not target:
            continue
        content = formatters[name](report)
        if target == "-":
            sys.stdout.write(content)
            sys.stdout.flush()
        else:
            write_atomic(target, content)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        append_text(summary_file, format_markdown(report))


def _show(report: Report, settings: Settings, *, to_stderr: bool) -> None:
    """Print the table (stderr when a report goes to stdout, so stdout stays machine-readable)."""
    stream = sys.stderr if to_stderr else sys.stdout
    console = Console(file=stream)
    color = settings.color
    if color is None:
        color = console.is_terminal and not os.environ.get("NO_COLOR")
    width = console.width if console.is_terminal else _plain_width()
    stream.write(format_table(report, width=width, color=color, quiet=settings.quiet,
                              verbose=settings.verbose))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        # The runner reads workflow commands from both streams; stdout may hold a report.
        annotations = sys.stderr if to_stderr else sys.stdout
        root, cwd = _repository()
        annotations.write(format_annotations(report, root=root, cwd=cwd))
        annotations.flush()
    stream.flush()


def _plain_width() -> int:
    try:
        return max(80, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return 120
