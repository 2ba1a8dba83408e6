"""The command line: the only place that reads configuration, prints, writes files and exits.

``citecheck PATH...`` is shorthand for ``citecheck check PATH...``; ``citecheck config`` shows the
effective configuration; ``citecheck parse PATH...`` lists what was parsed, checking
nothing. Domain errors become exit codes here and nowhere else.
"""

from __future__ import annotations

import difflib
import inspect
import json
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

try:
    from typer._click.exceptions import ClickException, UsageError
except ImportError:  # typer < 0.29 uses click itself rather than a vendored copy
    from click.exceptions import (  # type: ignore[import-not-found,no-redef]
        ClickException,
        UsageError,
    )

from citecheck import __version__
from citecheck.models import ExitCode, LinkResult, Policy, Report
from citecheck.settings import (
    ENV_PREFIX,
    FIELDS,
    ConfigError,
    Settings,
    config_schema,
    find_config,
    format_settings,
    load_config,
    resolve_settings,
)
from citecheck.settings.coercion import PlainCoercion
from citecheck.settings.options import with_setting_options
from citecheck.settings.values import suggest

if TYPE_CHECKING:
    from rich.console import Console

    from citecheck.pipeline import OnResult

#: ``CITECHECK_*`` variables that are not settings but are known (no misspelling warning).
KNOWN_VARIABLES = frozenset({"CITECHECK_UPDATE_EXPECTED"})

#: What ``citecheck --help`` teaches after the command list (click keeps "\b" paragraphs as
#: written).
EPILOG = """\b
Run a check:
  citecheck PATH...                     check every source the documents cite
  citecheck docs/ --json report.json    ... and also write the JSON report
  citecheck check --help                every option of a check

\b
Most used options of a check:
  -q, --quiet / -v, --verbose           only the problems / also redirects, timings
  --output lines|table                  one full line per note, or a table (auto)
  --json/--markdown/--junit/--sarif/--html PATH
                                        write a report ('-' for stdout)
  --fail-on / --warn-on VERDICTS        which verdicts fail or warn the CI gate
  --exclude / --include REGEX           leave URLs out, or check only some
  --accept CODES, -H 'NAME: VALUE'      statuses that count as live, extra headers

\b
Exit codes:
  0  every claim passed the gate
  1  the gate failed: a cited source is dead, a soft 404 or invalid
  2  a usage or configuration error (nothing was checked)
  3  nothing could be checked (no network)
"""


class _DefaultCheckGroup(PlainCoercion, TyperGroup):  # PlainCoercion: start-up, issue #13
    """A group whose unknown first word is a path for the ``check`` command.

    This keeps ``citecheck seeds/`` working beside ``citecheck config`` and ``citecheck parse``.
    A document literally named ``config`` or ``parse`` is reached as ``citecheck check parse``
    or ``citecheck ./parse``.
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
        except typer.Abort as exc:
            terminated = isinstance(exc.__cause__, Terminated)
            _err("citecheck: terminated" if terminated else "citecheck: interrupted")
            code = 143 if terminated else 130
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h",
                                                                          "--version")):
            if args:
                _refuse_misspelt_command(args[0], sorted(self.commands))
            args = ["check", *args]
        if args[0] == "check":
            _refuse_repeated_options(args[1:])
        return super().parse_args(ctx, args)


def _refuse_misspelt_command(word: str, commands: list[str]) -> None:
    """``citecheck chek seeds/``: a word that is no file and is close to a command name is a
    misspelt command, not a document. A real file of that name is always a document."""
    if word.startswith("-") or os.path.lexists(word) or any(c in word for c in "*?[/\\."):
        return
    close = difflib.get_close_matches(word, commands, n=1, cutoff=0.6)
    if close:
        raise UsageError(f"no such command or file: {word!r} (did you mean {close[0]!r}?)")


def _single_valued_flags() -> dict[str, str]:
    """Flags of options that take one value, each to the name error messages use."""
    flags: dict[str, str] = {}
    for field in FIELDS:
        kind = field.row.kind
        if field.row.positional or not field.flags or kind.cli_type in (bool, list[str]):
            continue
        for flag in field.flags:
            flags[flag] = field.flags[0]
    return flags


def _refuse_repeated_options(args: list[str]) -> None:
    """``--json a.json --json b.json``: the first would be silently ignored, so refuse."""
    single = _single_valued_flags()
    seen: set[str] = set()
    for arg in args:
        if arg == "--":
            break
        flag = arg.split("=", 1)[0]
        if flag not in single:
            continue
        name = single[flag]
        if name in seen:
            raise UsageError(f"{name} was given twice; it takes one value")
        seen.add(name)


class _CheckCommand(PlainCoercion, TyperCommand):  # PlainCoercion: start-up, issue #13
    """``citecheck check`` (and ``parse``): its PATHS argument reads "PATHS..." in help, not a
    Python type, and "PATHS..." in the usage line when required (typer would write
    "{PATHS}...", a notation no other tool uses)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument):
                name = param.metavar or param.name or ""
                shown = f"{name}..."
                usage = shown if param.required else f"[{name}]..."
                param.display_type_rich = lambda ctx: None  # type: ignore[method-assign]
                param._rich_display_name = lambda shown=shown: shown  # type: ignore[method-assign,misc]
                param.get_usage_pieces = lambda ctx, usage=usage: [usage]  # type: ignore[method-assign,misc]


class _FixCommand(_CheckCommand):
    """``citecheck fix``: its one document reads "PATH" in help, not check's "PATHS..."."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument):
                param.help = "The plain-text or Markdown document to fix."
                param.metavar = "PATH"
                param._rich_display_name = lambda: "PATH"  # type: ignore[method-assign]
                param.get_usage_pieces = lambda ctx: ["PATH"]  # type: ignore[method-assign]


app = typer.Typer(
    cls=_DefaultCheckGroup,
    help="Tell which claims in a document still stand on a live source.",
    epilog=EPILOG,
    subcommand_metavar="PATH... | COMMAND [ARGS]...",
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
    typer.Option("--config", metavar="PATH", help="Configuration file (default: citecheck.toml or "
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
app.command("check", cls=_CheckCommand)(with_setting_options(check, _CONFIG_PARAMETER))


OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE",
                 help="Write the fixed document here (default: stdout).",
                 dir_okay=False),
]
InPlaceOpt = Annotated[
    bool,
    typer.Option("--in-place", help="Rewrite the document itself, keeping the original as "
                 "PATH.bak."),
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="Overwrite an existing --output file."),
]


def fix(**given: Any) -> None:
    """Add an archived copy to every rotten note of PATH that has one, and write URLs whole.

    Takes every option of 'citecheck check'. Plain text and Markdown documents only.
    """
    config = given.pop("config")
    options = (given.pop("output"), given.pop("in_place"), given.pop("force"))
    code = _guarded(lambda: _run_fix(_settings(given, config), *options))
    raise typer.Exit(int(code))


app.command("fix", cls=_FixCommand)(with_setting_options(
    fix, _CONFIG_PARAMETER,
    inspect.Parameter("output", inspect.Parameter.KEYWORD_ONLY, default=None,
                      annotation=OutputOpt),
    inspect.Parameter("in_place", inspect.Parameter.KEYWORD_ONLY, default=False,
                      annotation=InPlaceOpt),
    inspect.Parameter("force", inspect.Parameter.KEYWORD_ONLY, default=False,
                      annotation=ForceOpt),
))


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


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread as Ctrl-C is, so a run stops the same way: the report
    being written is left whole, and the exit says why (143, 128 + SIGTERM)."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


#: What help shows for a command's documents: the settings table's PATHS, as ``check`` shows it.
_PATHS_METAVAR = next(field.metavar for field in FIELDS if field.row.positional)


@app.command("parse", cls=_CheckCommand)
def show_parsed(
    paths: Annotated[list[str], typer.Argument(
        help="Documents, directories or globs ('-' reads standard input).",
        metavar=_PATHS_METAVAR)],
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print JSON instead of the listing.")] = False,
) -> None:
    """List what each document's notes and body links are, without contacting any host.

    Exits 2 when no document could be read (each one's diagnostic says why), else 0.
    """
    from citecheck import pipeline
    from citecheck.models import DocumentFormat
    from citecheck.report.parsed import format_parsed, format_parsed_json

    def show() -> ExitCode:
        documents = pipeline.parse_only(paths, stdin=getattr(sys.stdin, "buffer", None))
        typer.echo((format_parsed_json if as_json else format_parsed)(documents), nl=False)
        if all(d.format is DocumentFormat.UNREADABLE for d in documents):
            return ExitCode.USAGE
        return ExitCode.OK

    raise typer.Exit(int(_guarded(show)))


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

        from citecheck.pipeline import UsageProblem
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
    signal.signal(signal.SIGTERM, _on_sigterm)
    app(prog_name="citecheck")


# --------------------------------------------------------------------------- plumbing


def _guarded(action: Callable[[], ExitCode]) -> ExitCode:
    """Run ``action``; turn the user's mistakes into one line on stderr and exit code 2."""
    from citecheck.collect.documents import InputError
    from citecheck.output import OutputError
    from citecheck.pipeline import UsageProblem

    try:
        return action()
    except (UsageProblem, ConfigError, InputError, OutputError) as exc:
        for line in str(exc).splitlines() or [""]:  # several refused documents: one line each
            _err(f"citecheck: error: {line}")
        return ExitCode.USAGE
    except Terminated:
        _err("citecheck: terminated")
        raise typer.Exit(143) from None
    except KeyboardInterrupt:
        _err("citecheck: interrupted")
        raise typer.Exit(130) from None


def _warn(message: str) -> None:
    _err(f"citecheck: warning: {message}")


def _err(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def _settings_and_sources(
    given: dict[str, object], config: Path | None
) -> tuple[Settings, dict[str, str]]:
    from citecheck.pipeline import UsageProblem

    if config is not None:
        if not config.is_file():
            raise UsageProblem(f"no such configuration file: '{config}'")
        config_path: Path | None = config
    else:
        config_path = find_config(Path.cwd())
    # A file named with --config is the user's; one found in the tree may come from a pull
    # request, so it cannot widen access (see "Trust" in citecheck.settings.files).
    values = (load_config(config_path, trusted=config is not None, warn=_warn)
              if config_path is not None else {})
    cli = {key: value for key, value in given.items() if value is not None}
    _warn_unknown_variables(os.environ)
    return resolve_settings(cli, values, config_path, dict(os.environ))


def _warn_unknown_variables(environ: Mapping[str, str]) -> None:
    """A misspelt ``CITECHECK_*`` variable would be ignored without a word: say so."""
    known = [field.env for field in FIELDS]
    for name in sorted(environ):
        if name.startswith(ENV_PREFIX) and name not in known and name not in KNOWN_VARIABLES:
            _err(f"citecheck: warning: {name} is not a citecheck setting and is ignored"
                 f"{suggest(name, known)}")


def _settings(given: dict[str, object], config: Path | None) -> Settings:
    settings, sources = _settings_and_sources(given, config)
    return _without_conflicts(settings, sources)


def _without_conflicts(settings: Settings, sources: Mapping[str, str]) -> Settings:
    """Refuse settings that contradict each other, in one line naming both.

    A verdict in both gate lists is refused when the user gave both; when only one was given,
    it wins over the other's default (``--warn-on dead`` makes dead only warn).
    """
    from dataclasses import replace

    from citecheck.pipeline import UsageProblem

    if settings.quiet and settings.verbose:
        raise UsageProblem(f"--quiet ({sources['quiet']}) and --verbose ({sources['verbose']}) "
                           "contradict each other; give one")
    both = [v.value for v in settings.fail_on if v in settings.warn_on]
    if not both:
        return settings
    fail_given = sources["fail_on"] != "default"
    warn_given = sources["warn_on"] != "default"
    if fail_given and warn_given:
        raise UsageProblem(f"--fail-on and --warn-on both list {', '.join(both)}; a verdict "
                           "either fails or warns")
    if warn_given:
        return replace(settings, fail_on=tuple(v for v in settings.fail_on
                                               if v not in settings.warn_on))
    return replace(settings, warn_on=tuple(v for v in settings.warn_on
                                           if v not in settings.fail_on))


def _run_check(settings: Settings) -> ExitCode:
    from rich.console import Console

    from citecheck import pipeline

    outputs = {"json": settings.json, "markdown": settings.markdown, "junit": settings.junit,
               "sarif": settings.sarif, "html": settings.html}
    err_console = Console(stderr=True)
    policy = settings.policy()
    report = pipeline.run(
        settings,
        stdin=getattr(sys.stdin, "buffer", None),
        before_reading=lambda paths: _check_outputs(paths, outputs),
        watch=lambda total: _progress(total, console=err_console, policy=policy),
        github_token=os.environ.get("GITHUB_TOKEN") or None,
        warn=_warn,
        prepare=lambda: _prepare_outputs(outputs, settings),
        warm_worker=True,
    )
    _write_outputs(report, outputs)
    _show(report, settings, to_stderr=any(path == "-" for path in outputs.values()))
    return report.summary.exit_code


def _prepare_outputs(outputs: dict[str, str | None], settings: Settings) -> None:
    """Import what writing and showing the report will need; the pipeline calls this while
    the first requests are out, so the imports cost no time of their own (~20 ms)."""
    from citecheck import output  # noqa: F401

    for name, target in outputs.items():
        if target:
            _formatter(name)
    if settings.output == "table" or (settings.output is None and sys.stdout.isatty()):
        from citecheck.report import table  # noqa: F401
    else:
        from citecheck.report import lines  # noqa: F401


def _run_fix(settings: Settings, output: Path | None, in_place: bool, force: bool) -> ExitCode:
    """Check the one document, then write it back with the archive links added."""
    from rich.console import Console

    from citecheck import pipeline
    from citecheck.fix import FIXABLE_FORMATS, apply_edits, plan_edits, summary
    from citecheck.models import Verdict
    from citecheck.output import check_writable, replace_document
    from citecheck.parse import detect_format
    from citecheck.pipeline import UsageProblem

    if len(settings.paths) != 1 or settings.paths[0] == "-":
        raise UsageProblem("fix takes exactly one document file (PATH)")
    path = settings.paths[0]
    if output is not None and in_place:
        raise UsageProblem("--output and --in-place both say where to write; give one")
    if not os.path.isfile(path):
        raise UsageProblem(f"fix takes one document file; '{path}' is not a file")
    from citecheck.collect.documents import InputError, read_regular, too_large

    try:
        # A regular file, never past --max-document-size (as every document read is).
        original = read_regular(path, settings.max_document_size)
        if len(original) > settings.max_document_size:
            raise InputError(too_large(path, settings.max_document_size))
    except OSError as exc:
        raise UsageProblem(f"cannot read '{path}': {exc.strerror or exc}") from exc
    bom = b"\xef\xbb\xbf" if original.startswith(b"\xef\xbb\xbf") else b""
    try:
        text = original[len(bom):].decode("utf-8")
    except UnicodeDecodeError:
        raise UsageProblem(f"fix supports UTF-8 documents only; '{path}' is not UTF-8") from None
    fmt = detect_format(text, path)
    if fmt not in FIXABLE_FORMATS:
        raise UsageProblem(f"fix supports plain text and Markdown documents, not {fmt} "
                           f"('{path}'); 'citecheck check' reports on it")
    if output is not None:
        if os.path.realpath(output) == os.path.realpath(path):
            raise UsageProblem(f"--output '{output}' is the document itself; use --in-place")
        if output.exists() and not force:
            raise UsageProblem(f"--output '{output}' exists; refusing to overwrite it without "
                               "--force")
        check_writable(str(output))
    settings = replace(settings, paths=(path,), archive=True)
    outputs = {"json": settings.json, "markdown": settings.markdown, "junit": settings.junit,
               "sarif": settings.sarif}
    if output is None and not in_place and any(v == "-" for v in outputs.values()):
        raise UsageProblem("the fixed document goes to stdout; write reports to files, or give "
                           "--output or --in-place")
    report = pipeline.run(
        settings,
        before_reading=lambda paths: _check_outputs(paths, outputs),
        watch=lambda total: _progress(total, console=Console(stderr=True),
                                      policy=settings.policy()),
        github_token=os.environ.get("GITHUB_TOKEN") or None,
        warn=lambda message: _err(f"citecheck: warning: {message}"),
        warm_worker=True,
    )
    _write_outputs(report, outputs)
    document = report.documents[0]
    unknown = (Verdict.OFFLINE, Verdict.SKIPPED, Verdict.NO_URL)
    # Offline, sources answered from the cache are still known, and broken URLs are repaired
    # whatever the network says; the rest is left as it is.
    nothing_known = not any(note.status not in unknown for note in document.notes)
    edits = plan_edits(text, document)
    fixed = bom + apply_edits(text, edits).encode("utf-8")
    sys.stderr.write(summary(path, edits))
    if output is None and not in_place:
        sys.stdout.buffer.write(fixed)
        sys.stdout.flush()
    elif in_place:
        if fixed != original:
            mode = os.stat(path).st_mode & 0o7777
            replace_document(path + ".bak", original, mode=mode)
            # Through a symbolic link, rewrite the document it names, not the link.
            replace_document(os.path.realpath(path), fixed, mode=mode)
    else:
        assert output is not None
        replace_document(str(output), fixed)
    if report.offline and nothing_known:
        _err("citecheck: the network is unavailable: no source could be checked, so no "
             "archive link was added (exit 3)")
        return ExitCode.UNCHECKED
    if report.offline:
        _err("citecheck: warning: the network is unavailable: only sources known from the "
             "results cache were considered")
    # The check's gate, as its --json report says: an archive link added does not make the
    # source live again, so CI running fix still fails on the notes check would fail on.
    return report.summary.exit_code


def _check_outputs(paths: Sequence[str], outputs: dict[str, str | None]) -> None:
    """Refuse, before any document is read, reports that could not be written or would
    overwrite an input."""
    from citecheck.output import check_writable

    _check_destinations(outputs)
    inputs = {os.path.realpath(p) for p in paths if p != "-"}
    for flag, target in outputs.items():
        if not target or target == "-":
            continue
        if os.path.realpath(target) in inputs:
            from citecheck.pipeline import UsageProblem

            raise UsageProblem(f"--{flag} '{target}' is one of the input documents; refusing to "
                               "overwrite it")
        check_writable(target)


def _check_destinations(outputs: dict[str, str | None]) -> None:
    """Refuse two reports in one place: concatenated on stdout they parse as neither, and in one
    file the second silently replaces the first."""
    from citecheck.pipeline import UsageProblem

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
def _progress(total: int, *, console: Console, policy: Policy) -> Iterator[OnResult | None]:
    """Progress while the sources are checked: a bar on a terminal (also with --quiet, which
    hides rows, not the wait), else a line on stderr every few seconds for CI logs."""
    if not console.is_terminal:
        from citecheck.progress import ProgressLines

        lines = ProgressLines(total, _err, policy=policy)
        yield lines
        lines.close()
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

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


def _formatter(name: str) -> Callable[[Report], str | Iterable[str]]:
    """The formatter of report ``name``, imported only when that report is asked for."""
    if name == "json":  # written as it is encoded: the largest report, never held whole
        from citecheck.report.json import json_pieces

        return json_pieces
    if name == "markdown":
        from citecheck.report.markdown import format_markdown

        return format_markdown
    if name == "html":
        from citecheck.report.html import format_html

        return format_html
    root, cwd = _repository()
    if name == "junit":
        from citecheck.report.junit import format_junit

        return lambda r: format_junit(r, root=root, cwd=cwd)
    from citecheck.report.sarif import format_sarif

    return lambda r: format_sarif(r, root=root, cwd=cwd)


def _write_outputs(report: Report, outputs: dict[str, str | None]) -> None:
    from citecheck.output import append_text, write_atomic

    for name, target in outputs.items():
        if not target:
            continue
        content = _formatter(name)(report)
        if target == "-":
            sys.stdout.writelines([content] if isinstance(content, str) else content)
            sys.stdout.flush()
        else:
            write_atomic(target, content)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        from citecheck.report.markdown import format_markdown

        append_text(summary_file, format_markdown(report))


def _show(report: Report, settings: Settings, *, to_stderr: bool) -> None:
    """Print the report for people (on stderr when a report goes to stdout, so stdout stays
    machine-readable): a table on a terminal, else one full line per note, or as --output says.
    """
    from rich.console import Console

    stream = sys.stderr if to_stderr else sys.stdout
    console = Console(file=stream)
    style = settings.output or ("table" if console.is_terminal else "lines")
    if style == "lines":
        from citecheck.report.lines import format_lines

        stream.write(format_lines(report, quiet=settings.quiet, verbose=settings.verbose))
    else:
        from citecheck.report.table import format_table

        color = settings.color
        if color is None:
            color = console.is_terminal and not os.environ.get("NO_COLOR")
        width = console.width if console.is_terminal else _plain_width()
        stream.write(format_table(report, width=width, color=color, quiet=settings.quiet,
                                  verbose=settings.verbose,
                                  show_all=settings.show_all or settings.verbose))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        from citecheck.report.github import format_annotations

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
