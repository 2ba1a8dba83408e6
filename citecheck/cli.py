"""The command line: the only place that reads configuration, prints, writes files and exits.

``citecheck PATH...`` is shorthand for ``citecheck check PATH...``; ``citecheck config`` shows the
effective configuration. Domain errors become exit codes here and nowhere else.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

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

from citecheck import __version__
from citecheck.config import (
    ConfigError,
    Settings,
    find_config,
    format_settings,
    load_config,
    resolve_settings,
)
from citecheck.filters import collect_targets, split_targets
from citecheck.inputs import InputError, Source, discover, read_source
from citecheck.models import Document, DocumentFormat, ExitCode, LinkResult, Report
from citecheck.output import OutputError, append_text, check_writable, write_atomic
from citecheck.parse import parse_document
from citecheck.report.assemble import assemble
from citecheck.report.github import format_annotations
from citecheck.report.json import format_json
from citecheck.report.junit import format_junit
from citecheck.report.markdown import format_markdown
from citecheck.report.sarif import format_sarif
from citecheck.report.table import format_table


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


class UsageProblem(Exception):
    """Bad input from the user: one line on stderr, exit code 2."""


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


@app.command()
def check(  # noqa: PLR0917 - typer maps each parameter to an option
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Documents, directories or globs to check; '-' reads stdin.",
                       show_default=False),
    ] = None,
    json_path: Annotated[str | None, typer.Option("--json", help="Write the JSON report here "
                                                  "('-' for stdout).")] = None,
    markdown_path: Annotated[str | None, typer.Option("--markdown", help="Write a Markdown "
                                                      "summary here ('-' for stdout).")] = None,
    junit_path: Annotated[str | None, typer.Option("--junit", help="Write JUnit XML here "
                                                   "('-' for stdout).")] = None,
    sarif_path: Annotated[str | None, typer.Option("--sarif", help="Write SARIF 2.1.0 here "
                                                   "('-' for stdout).")] = None,
    timeout: Annotated[float | None, typer.Option(help="Hard deadline per URL in seconds, "
                                                  "retries included. [default: 20]")] = None,
    retries: Annotated[int | None, typer.Option(help="Retries on timeouts, resets, 429 and "
                                                "502-504. [default: 2]")] = None,
    concurrency: Annotated[int | None, typer.Option(help="Requests in flight overall. "
                                                    "[default: 32]")] = None,
    per_host: Annotated[int | None, typer.Option("--per-host", help="Requests in flight per "
                                                 "host. [default: 4]")] = None,
    allow_private: Annotated[bool | None, typer.Option("--allow-private", help="Also contact "
                             "private, loopback and link-local addresses.")] = None,
    user_agent: Annotated[str | None, typer.Option("--user-agent", help="User-Agent header to "
                                                   "send.")] = None,
    doi_base: Annotated[str | None, typer.Option("--doi-base", help="DOI resolver origin. "
                                                 "[default: https://doi.org/]")] = None,
    probe: Annotated[bool | None, typer.Option("--probe/--no-probe", help="Probe a made-up "
                     "sibling URL to detect soft 404s. [default: probe]")] = None,
    max_redirects: Annotated[int | None, typer.Option("--max-redirects", help="Redirects to "
                                                      "follow. [default: 10]")] = None,
    archive: Annotated[bool | None, typer.Option("--archive/--no-archive", help="Look up "
                       "Wayback snapshots of rotten sources near their accessed date. "
                       "[default: archive]")] = None,
    archive_base: Annotated[str | None, typer.Option("--archive-base", help="Wayback "
                            "availability API origin. [default: https://archive.org/]")] = None,
    fail_on: Annotated[str | None, typer.Option("--fail-on", help="Verdicts that fail the "
                       "gate, comma-separated. [default: dead,soft404,invalid]")] = None,
    warn_on: Annotated[str | None, typer.Option("--warn-on", help="Verdicts that only warn. "
                       "[default: drifted,moved,blocked,timeout,error]")] = None,
    max_failures: Annotated[int | None, typer.Option("--max-failures", help="Fail only when "
                            "more notes than this fail. [default: 0]")] = None,
    exclude: Annotated[list[str] | None, typer.Option("--exclude", help="Skip URLs matching "
                       "this regex (repeatable).")] = None,
    include: Annotated[list[str] | None, typer.Option("--include", help="Check only URLs "
                       "matching this regex (repeatable); wins over --exclude.")] = None,
    quiet: Annotated[bool | None, typer.Option("--quiet", "-q", help="Show only failures, "
                                               "warnings and the summary.")] = None,
    verbose: Annotated[bool | None, typer.Option("--verbose", "-v", help="Show redirect "
                       "chains, attempts and timings.")] = None,
    color: Annotated[bool | None, typer.Option("--color/--no-color", help="Force colour on or "
                     "off. [default: auto; NO_COLOR is honoured]", show_default=False)] = None,
    config: ConfigOpt = None,
) -> None:
    """Check every cited source in PATHS and report which claims still stand."""
    given: dict[str, object] = {
        "paths": tuple(paths) if paths else None,
        "json": json_path, "markdown": markdown_path, "junit": junit_path, "sarif": sarif_path,
        "timeout": timeout, "retries": retries, "concurrency": concurrency,
        "per_host": per_host, "allow_private": allow_private, "user_agent": user_agent,
        "doi_base": doi_base, "probe": probe, "max_redirects": max_redirects,
        "archive": archive, "archive_base": archive_base,
        "fail_on": fail_on, "warn_on": warn_on, "max_failures": max_failures,
        "exclude": tuple(exclude) if exclude else None,
        "include": tuple(include) if include else None,
        "quiet": quiet, "verbose": verbose, "color": color,
    }
    code = _guarded(lambda: _run_check(_settings(given, config)))
    raise typer.Exit(int(code))


@app.command("config")
def show_config(config: ConfigOpt = None) -> None:
    """Print the effective configuration and where each value came from."""

    def show() -> ExitCode:
        settings, sources = _settings_and_sources({}, config)
        typer.echo(format_settings(settings, sources), nl=False)
        return ExitCode.OK

    raise typer.Exit(int(_guarded(show)))


@app.command("schema")
def show_schema() -> None:
    """Print the JSON Schema of the --json report."""
    import json

    from citecheck.report.json import load_schema

    typer.echo(json.dumps(load_schema(), indent=2))


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
    paths = settings.paths
    if not paths:
        raise UsageProblem("no documents given: name files or directories, e.g. 'citecheck "
                           "seeds/' (or set paths in the configuration)")
    outputs = {"json": settings.json, "markdown": settings.markdown, "junit": settings.junit,
               "sarif": settings.sarif}
    documents = _parse_all(discover(paths), outputs)
    if not any(document.format != "unreadable" for document in documents):
        raise UsageProblem("; ".join(d.diagnostics[0].message for d in documents
                                     if d.diagnostics) or "no readable documents")

    include = _compile(settings.include, "--include")
    exclude = _compile(settings.exclude, "--exclude")
    to_check, skipped = split_targets(collect_targets(documents), include, exclude)

    stdout_taken = any(path == "-" for path in outputs.values())
    err_console = Console(stderr=True)
    results, offline = _check_with_progress(to_check, settings, documents, err_console)
    links = {**skipped, **results}
    report = assemble(
        documents, links, policy=settings.policy(), offline=offline, version=__version__,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
    )
    _write_outputs(report, outputs)
    _show(report, settings, to_stderr=stdout_taken)
    if offline:
        _err("citecheck: the network is unavailable: no host could be reached, so no source "
             "could be checked (exit 3)")
    return report.summary.exit_code


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


def _parse_all(paths: Sequence[str], outputs: dict[str, str | None]) -> list[Document]:
    _check_destinations(outputs)
    inputs = {os.path.realpath(p) for p in paths if p != "-"}
    for flag, target in outputs.items():
        if not target or target == "-":
            continue
        if os.path.realpath(target) in inputs:
            raise UsageProblem(f"--{flag} '{target}' is one of the input documents; refusing to "
                               "overwrite it")
        check_writable(target)
    stdin = sys.stdin.buffer if "-" in paths else None
    documents: list[Document] = []
    for path in paths:
        source = read_source(path, stdin)
        documents.append(_parse_source(source))
    return documents


def _parse_source(source: Source) -> Document:
    if source.text is None:
        problems = (source.problem,) if source.problem else ()
        return Document(path=source.path, format=DocumentFormat.UNREADABLE, diagnostics=problems)
    return parse_document(source.text, source.path)


def _compile(patterns: Sequence[str], flag: str) -> list[re.Pattern[str]]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise UsageProblem(f"{flag} {pattern!r} is not a valid regular expression: "
                               f"{exc}") from exc
    return compiled


def _check_with_progress(
    targets: dict[str, str | None],
    settings: Settings,
    documents: Sequence[Document],
    console: Console,
) -> tuple[dict[str, LinkResult], bool]:
    """Check the targets (with a progress bar on a terminal), then rescue rotten ones."""
    if not targets:
        return {}, False
    if settings.quiet or not console.is_terminal:
        return asyncio.run(_check_and_rescue(targets, settings, documents, None))
    columns: list[Any] = [
        TextColumn("checking sources"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[last]}", style="dim"),
    ]
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("check", total=len(targets), last="")

        def advance(result: LinkResult) -> None:
            progress.update(task, advance=1, last=result.status.value)

        return asyncio.run(_check_and_rescue(targets, settings, documents, advance))


async def _check_and_rescue(
    targets: dict[str, str | None],
    settings: Settings,
    documents: Sequence[Document],
    on_result: Callable[[LinkResult], None] | None,
) -> tuple[dict[str, LinkResult], bool]:
    """One client for the whole run: the checks, then the archive look-ups."""
    from citecheck.archive import find_snapshots, rescue_dates
    from citecheck.check import check_urls
    from citecheck.check.client import make_client
    from citecheck.check.netguard import check_host

    options = settings.check_options()
    async with make_client(options) as client:
        run = await check_urls(targets, options, client=client, on_result=on_result)
        results = run.results
        if settings.archive and not run.offline:
            host = urlsplit(settings.archive_base).hostname or ""
            # The archive is contacted under the same address rules as the sources.
            if await check_host(host, settings.allow_private) is None:
                snapshots = await find_snapshots(
                    client, results, rescue_dates(documents), base=settings.archive_base,
                    timeout=settings.timeout, concurrency=settings.per_host,
                )
                results = {
                    url: replace(result, archive_url=snapshots[url]) if url in snapshots
                    else result
                    for url, result in results.items()
                }
    return results, run.offline


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
