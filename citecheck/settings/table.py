"""The settings table: every setting once, with its default, help, flags and value checker.

Each field of :class:`Settings` is one row. Its name is the configuration key; its environment
variable is ``CITECHECK_`` and the name in capitals; its command-line flag is ``--`` and the name
with dashes, unless the row names its flags. The options of ``citecheck check``, the configuration
reader, ``citecheck config`` and the configuration's JSON schema are all read from this table, so
adding a setting is adding one field here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from citecheck.models import (
    DEFAULT_FAIL_ON,
    DEFAULT_WARN_ON,
    CheckOptions,
    HostSettings,
    Policy,
    Verdict,
)
from citecheck.settings import values

ENV_PREFIX = "CITECHECK_"

#: Where an option stands in ``citecheck check --help``: by section in this order, then as listed.
SECTIONS = ("input", "reports", "checking", "gate", "selection", "display")


@dataclass(frozen=True, slots=True, eq=False)  # compared and hashed by identity
class Kind:
    """A kind of value: how it is checked, the type the CLI parses, its JSON schema."""

    check: Callable[[object, bool], object]
    cli_type: Any  # what typer parses the option as (a comma-separated str for verdicts)
    schema: Mapping[str, object]
    #: None is a valid value (unset); ``shown_none`` is how ``citecheck config`` prints it.
    nullable: bool = False
    shown_none: str = "none"
    #: What ``--help`` says to type after the flag (``--json PATH``); a row may say better.
    metavar: str | None = None
    #: How ``citecheck config`` shows a value, when plain TOML would show too much (secrets).
    show: Callable[[object], str] | None = None


@dataclass(frozen=True, slots=True)
class Row:
    """What the table says of one setting beyond its name, type and default."""

    kind: Kind
    help: str
    section: str
    #: The command-line flags; () means ``--name-with-dashes``; None means no flag (file only).
    flags: tuple[str, ...] | None = ()
    #: The setting is the positional PATHS argument rather than an option.
    positional: bool = False
    #: What ``[default: …]`` says when the value alone would not say it well.
    default_help: str | None = None
    #: What ``--help`` says to type after the flag, when the kind's metavar is not precise.
    metavar: str | None = None


def _setting(default: object, kind: Kind, help: str, section: str, **row: Any) -> Any:
    return field(default=default, metadata={"row": Row(kind, help, section, **row)})


def _number(*, positive: bool) -> Kind:
    return Kind(
        lambda value, text: values.number(value, positive=positive, text=text),
        float,
        {"type": "number", "exclusiveMinimum": 0} if positive else {"type": "number", "minimum": 0},
        metavar="NUMBER",
    )


def _count(minimum: int) -> Kind:
    return Kind(
        lambda value, text: values.integer(value, minimum=minimum, text=text),
        int,
        {"type": "integer", "minimum": minimum},
        metavar="N",
    )


def _origin(example: str) -> Kind:
    return Kind(
        lambda value, text: values.http_origin(value, example),
        str,
        {"type": "string", "pattern": r"^https?://[^/\s]+"},
        metavar="URL",
    )


def _hosts_not_here(value: object, text: bool) -> object:
    raise values.Invalid("can only be set as [hosts] tables in a configuration file")


_STRINGS = {"type": "array", "items": {"type": "string"}}
_VERDICT_NAMES = {"type": "array", "items": {"enum": [verdict.value for verdict in Verdict]}}
PATHS = Kind(values.paths, list[str], {"anyOf": [{"type": "string"}, _STRINGS]},
             metavar="PATHS")
OUTPUT = Kind(values.output, str, {"type": "string", "minLength": 1}, nullable=True,
              metavar="PATH")
TEXT = Kind(values.optional_text, str, {"type": "string", "pattern": r"\S"}, nullable=True,
            metavar="TEXT")
BOOLEAN = Kind(values.boolean, bool, {"type": "boolean"})
COLOR = Kind(
    values.color, bool, {"anyOf": [{"type": "boolean"}, {"const": "auto"}]},
    nullable=True, shown_none='"auto"',
)
VERDICTS = Kind(values.verdicts, str, {"anyOf": [{"type": "string"}, _VERDICT_NAMES]},
                metavar="VERDICTS")
REGEXES = Kind(values.regexes, list[str], {"anyOf": [{"type": "string"}, _STRINGS]},
               metavar="REGEX")
REPORT_STYLE = Kind(
    values.report_style, str, {"enum": ["lines", "table", "auto"]}, nullable=True,
    shown_none='"auto"', metavar="lines|table",
)
STATUS_CODES = Kind(
    values.status_code_list, str,
    {"anyOf": [{"type": "string", "pattern": r"^\s*\d{3}(\s*,\s*\d{3})*\s*$"},
               {"type": "array", "items": {"type": "integer", "minimum": 100, "maximum": 599}}]},
    metavar="CODES",
)


def _masked_headers(value: object) -> str:
    names = [str(item).partition(":")[0].strip() for item in value]  # type: ignore[attr-defined]
    return "[" + ", ".join(f'"{name}: ***"' for name in names) + "]"


# Header values are never shown (they are often credentials); only their names are.
HEADERS = Kind(values.header_lines, list[str], {"anyOf": [{"type": "string"}, _STRINGS]},
               metavar="'NAME: VALUE'", show=_masked_headers)
REMAPS = Kind(values.remaps, list[str], {"anyOf": [{"type": "string"}, _STRINGS]},
              metavar="'REGEX REPLACEMENT'")
DIRECTORY = Kind(values.directory, str, {"type": "string", "minLength": 1}, nullable=True,
                 metavar="DIR")
_DURATION_SCHEMA = {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*[smhdwSMHDW]?\s*$"}
DURATION = Kind(values.duration, str, {"anyOf": [_DURATION_SCHEMA, {"type": "number",
                                                                      "minimum": 0}]},
                metavar="DURATION")
DURATIONS = Kind(values.durations, str, {"anyOf": [
    {"type": "string", "pattern": r"^[^,]+(,[^,]+)?$"}, {"type": "number", "minimum": 0}]},
    metavar="LIVE[,FAILED]")
_HOST_TABLE = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "headers": {"type": "object", "additionalProperties": {"type": "string"}},
        "user_agent": {"type": "string"},
        "accept": {"type": "array", "items": {"type": "integer", "minimum": 100, "maximum": 599}},
        "concurrency": {"type": "integer", "minimum": 1},
        "interval": {"type": "number", "minimum": 0},
        "timeout": {"type": "number", "exclusiveMinimum": 0},
    },
}
def _shard(value: object, text: bool) -> str:
    from citecheck.check.shard import parse_shard

    try:
        return str(parse_shard(values.text_value(value)))
    except ValueError as exc:
        raise values.Invalid(str(exc)) from None


SHARD = Kind(_shard, str, {"type": "string", "pattern": r"^\s*\d+\s*/\s*\d+\s*$"},
             nullable=True, metavar="K/N")
HOSTS = Kind(_hosts_not_here, None, {"type": "object", "additionalProperties": _HOST_TABLE})


@dataclass(frozen=True, slots=True)
class Settings:
    """The effective configuration of one run. Field names are the configuration keys."""

    paths: tuple[str, ...] = _setting(
        (), PATHS, "Documents, directories or globs to check; '-' reads stdin.", "input",
        positional=True,
    )
    json: str | None = _setting(None, OUTPUT, "Write the JSON report here ('-' for stdout).",
                                "reports")
    markdown: str | None = _setting(
        None, OUTPUT, "Write a Markdown summary here ('-' for stdout).", "reports"
    )
    junit: str | None = _setting(None, OUTPUT, "Write JUnit XML here ('-' for stdout).", "reports")
    sarif: str | None = _setting(None, OUTPUT, "Write SARIF 2.1.0 here ('-' for stdout).",
                                 "reports")
    timeout: float = _setting(
        20.0, _number(positive=True), "Hard deadline per URL in seconds, retries included.",
        "checking", metavar="SECONDS",
    )
    retries: int = _setting(2, _count(0), "Retries on timeouts, resets, 429 and 502-504.",
                            "checking")
    concurrency: int = _setting(32, _count(1), "Requests in flight overall.", "checking")
    per_host: int = _setting(4, _count(1), "Requests in flight per host.", "checking")
    allow_private: bool = _setting(
        False, BOOLEAN, "Also contact private, loopback and link-local addresses.", "checking"
    )
    user_agent: str | None = _setting(None, TEXT, "User-Agent header to send.", "checking",
                                      metavar="STRING")
    doi_base: str = _setting(
        "https://doi.org/", _origin("https://doi.org/"), "DOI resolver origin.", "checking"
    )
    fail_on: tuple[Verdict, ...] = _setting(
        DEFAULT_FAIL_ON, VERDICTS,
        "Verdicts that fail the gate, comma-separated.", "gate",
    )
    warn_on: tuple[Verdict, ...] = _setting(
        DEFAULT_WARN_ON, VERDICTS, "Verdicts that only warn.", "gate",
    )
    max_failures: int = _setting(
        0, _count(0), "Fail only when more notes than this fail.", "gate"
    )
    fail_on_empty: bool = _setting(
        False, BOOLEAN,
        "Fail the gate when a document yields nothing to check: no notes and no links, markers "
        "without notes, or notes no marker cites.", "gate",
    )
    exclude: tuple[str, ...] = _setting(
        (), REGEXES, "Skip URLs matching this regex (repeatable).", "selection"
    )
    include: tuple[str, ...] = _setting(
        (), REGEXES, "Check only URLs matching this regex (repeatable); wins over --exclude.",
        "selection",
    )
    quiet: bool = _setting(False, BOOLEAN, "Show only failures, warnings and the summary.",
                           "display", flags=("--quiet", "-q"))
    verbose: bool = _setting(False, BOOLEAN, "Show redirect chains, attempts and timings.",
                             "display", flags=("--verbose", "-v"))
    # None: colour when writing to a terminal and NO_COLOR is unset.
    color: bool | None = _setting(
        None, COLOR, "Force colour on or off.", "display", flags=("--color/--no-color",),
        default_help="auto; NO_COLOR is honoured",
    )
    probe: bool = _setting(
        True, BOOLEAN, "Probe a made-up sibling URL to detect soft 404s.", "checking",
        flags=("--probe/--no-probe",),
    )
    max_redirects: int = _setting(10, _count(0), "Redirects to follow.", "checking")
    archive: bool = _setting(
        True, BOOLEAN,
        "Look up Wayback snapshots of rotten sources near their accessed date.", "checking",
        flags=("--archive/--no-archive",),
    )
    archive_base: str = _setting(
        "https://archive.org/", _origin("https://archive.org/"),
        "Wayback API origin for both the availability and CDX APIs.", "checking",
        default_help="the Internet Archive's own: archive.org and web.archive.org",
    )
    archive_all: bool = _setting(
        False, BOOLEAN, "Look up snapshots of every source, not only the rotten ones.",
        "checking",
    )
    cache: bool = _setting(
        True, BOOLEAN, "Reuse recent results and keep a history of verdicts across runs.",
        "checking", flags=("--cache/--no-cache",),
    )
    cache_dir: str | None = _setting(
        None, DIRECTORY, "Where the results cache lives.", "checking",
        default_help="the user cache directory",
    )
    max_age: str = _setting(
        "1d,1h", DURATIONS,
        "How long cached results are reused: LIVE,FAILED (e.g. '1d,1h'; one value sets both).",
        "checking",
    )
    confirm: int = _setting(
        1, _count(1), "Fail only on sources that failed in this many runs, spaced apart.", "gate"
    )
    confirm_spacing: str = _setting(
        "24h", DURATION, "The least time between two runs that confirm a failure.", "gate"
    )
    dns_probe: str | None = _setting(
        "example.com", TEXT,
        "A host name that always resolves, looked up to tell a broken resolver (offline) "
        "from names that do not exist (dead).", "checking",
    )
    max_document_size: int = _setting(
        64 * 1024 * 1024, _count(1),
        "Refuse (exit 2) a document larger than this many bytes.", "input",
        default_help="67108864, 64 MiB",
    )
    jobs: int = _setting(
        1, _count(1), "Worker processes to check in; each host lives in one (see README).",
        "checking",
    )
    shard: str | None = _setting(
        None, SHARD, "Check only the hosts of shard K of N (e.g. 2/4); join the shards' "
        "JSON reports with 'citecheck merge'.", "selection",
    )
    hosts: tuple[tuple[str, HostSettings], ...] = _setting(
        (), HOSTS, 'Per-host settings, as [hosts."example.com"] tables.', "checking", flags=None
    )
    # Appended rows (issue #16); the table's order within a section is the --help order.
    output: str | None = _setting(
        None, REPORT_STYLE,
        "Print one line per note with its full URL ('lines'), or a table fitted to the "
        "terminal ('table').", "display", default_help="auto: table on a terminal, else lines",
    )
    show_all: bool = _setting(
        False, BOOLEAN, "Show every row of a large table (beyond 200 rows only the problems are "
        "shown).", "display", flags=("--all",),
    )
    html: str | None = _setting(
        None, OUTPUT, "Write a self-contained HTML report here ('-' for stdout).", "reports"
    )
    accept: tuple[int, ...] = _setting(
        (), STATUS_CODES, "HTTP status codes that also count as live, comma-separated "
        "(e.g. 403,429).", "checking",
    )
    headers: tuple[str, ...] = _setting(
        (), HEADERS, "Send this request header to every host (repeatable; the value is never "
        "printed).", "checking", flags=("--header", "-H"),
    )
    remap: tuple[str, ...] = _setting(
        (), REMAPS, "Check URLs matching REGEX at REPLACEMENT instead (repeatable; \\1 refers "
        "to a group).", "checking",
    )

    def check_options(self) -> CheckOptions:
        """The options of the check stage."""
        return CheckOptions(
            timeout=self.timeout,
            retries=self.retries,
            concurrency=self.concurrency,
            per_host=self.per_host,
            allow_private=self.allow_private,
            user_agent=self.user_agent or "",
            max_redirects=self.max_redirects,
            soft404_probe=self.probe,
            doi_base=self.doi_base,
            hosts=self.hosts,
            dns_probe=self.dns_probe or "",
            accept=self.accept,
            headers=tuple(_header_pair(line) for line in self.headers),
        )

    def policy(self) -> Policy:
        """The CI gate. A verdict listed in both ``fail_on`` and ``warn_on`` fails."""
        fail_on = frozenset(self.fail_on)
        return Policy(
            fail_on=fail_on,
            warn_on=frozenset(self.warn_on) - fail_on,
            max_failures=self.max_failures,
            confirm=self.confirm,
            fail_on_empty=self.fail_on_empty,
        )

    def max_ages(self) -> tuple[float, float]:
        """Seconds a cached result is reused: (live results, all others)."""
        parts = [values.seconds(part) for part in self.max_age.split(",")]
        return parts[0], parts[-1]


def _header_pair(line: str) -> tuple[str, str]:
    name, _, value = line.partition(":")
    return name.strip(), value.strip()


@dataclass(frozen=True, slots=True)
class Field:
    """One row of the table, with the name and default the dataclass field holds."""

    name: str
    default: object
    row: Row

    @property
    def env(self) -> str:
        """The environment variable that sets it."""
        return ENV_PREFIX + self.name.upper()

    @property
    def flags(self) -> tuple[str, ...]:
        """Its command-line flags (none for a setting only a file can hold)."""
        if self.row.flags is None or self.row.positional:
            return ()
        return self.row.flags or ("--" + self.name.replace("_", "-"),)

    @property
    def label(self) -> str:
        """How an error message names it on the command line."""
        return "PATHS" if self.row.positional else "--" + self.name.replace("_", "-")

    @property
    def on_command_line(self) -> bool:
        """Whether ``citecheck check`` takes it (as an option or as PATHS)."""
        return self.row.positional or bool(self.flags)

    def check(self, value: object, *, text: bool) -> object:
        """Validate one value and return it in the type :class:`Settings` uses.

        ``text`` allows strings for every type (environment variables, command-line strings);
        TOML values must already have the right type.
        """
        return self.row.kind.check(value, text)

    def default_help(self) -> str | None:
        """What ``[default: …]`` in the option's help says, or None to say nothing."""
        if self.row.default_help is not None:
            return self.row.default_help
        value = self.default
        if value is None or value == () or (value is False and "/" not in self.flags[0]):
            return None
        if isinstance(value, bool):  # a --x/--no-x pair: the flag that is in force
            on, off = self.flags[0].split("/")
            return (on if value else off).lstrip("-")
        if isinstance(value, float):
            return f"{value:g}"
        if isinstance(value, tuple):
            return ",".join(str(item) for item in value)
        return str(value)

    @property
    def metavar(self) -> str | None:
        """What ``--help`` says to type after the flag: the row's word, else its kind's."""
        return self.row.metavar or self.row.kind.metavar


FIELDS: tuple[Field, ...] = tuple(
    Field(item.name, item.default, item.metadata["row"]) for item in fields(Settings)
)
BY_NAME: Mapping[str, Field] = {item.name: item for item in FIELDS}
SETTING_NAMES: tuple[str, ...] = tuple(BY_NAME)
