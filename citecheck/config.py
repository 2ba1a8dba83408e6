"""Configuration: where it is found, how it is validated, and how it meets the command line.

Sources, strongest first: the command line, ``CITECHECK_*`` environment variables, the
configuration file, the defaults. Every command-line option has a configuration key with the same
snake_case name (``--per-host`` ↔ ``per_host``).

The configuration file is the first found walking up from the working directory:

* ``citecheck.toml`` — keys at the top level, per-host tables as ``[hosts."example.com"]``;
* ``pyproject.toml`` — only if it has a ``[tool.citecheck]`` table (hosts as
  ``[tool.citecheck.hosts."example.com"]``); a pyproject.toml without one is passed over.

In one directory citecheck.toml wins over pyproject.toml. The walk stops after the first directory
that contains ``.git`` (the repository root), so a checkout never picks up a stray configuration
from the directory it happens to live in; otherwise it stops at the filesystem root.

Relative ``paths`` and report paths in a file are relative to the file's directory, so a run from
a subdirectory checks the same documents as a run from the root.

Header values in ``[hosts]`` tables may name environment variables (``"${TOKEN}"``,
``"Bearer ${TOKEN}"`` or ``"env:TOKEN"``); they are read when the file is loaded, and such values
(and those of credential-like headers such as Authorization or Cookie) are shown as ``***`` by
``citecheck config`` and never appear in an error message.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from citecheck.models import CheckOptions, HostSettings, Policy, Verdict

__all__ = [
    "ENV_PREFIX",
    "SETTING_NAMES",
    "ConfigError",
    "Secret",
    "Settings",
    "display_path",
    "find_config",
    "format_settings",
    "load_config",
    "resolve_settings",
]

ENV_PREFIX = "CITECHECK_"


class ConfigError(Exception):
    """A configuration mistake, as one line naming the file (or source) and the key."""


class Secret(str):
    """A header value read from the environment: used as-is, but never shown.

    It is a ``str`` so httpx sends it unchanged; only its ``repr`` (and therefore the repr of any
    dataclass holding it) is masked, which keeps it out of tracebacks and debug output.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return "'***'"


@dataclass(frozen=True, slots=True)
class Settings:
    """The effective configuration of one run. Field names are the configuration keys."""

    paths: tuple[str, ...] = ()  # documents/dirs to check when none are given on the CLI
    json: str | None = None  # report paths; "-" is stdout
    markdown: str | None = None
    junit: str | None = None
    sarif: str | None = None
    timeout: float = 20.0
    retries: int = 2
    concurrency: int = 32
    per_host: int = 4
    allow_private: bool = False
    user_agent: str | None = None
    doi_base: str = "https://doi.org/"
    fail_on: tuple[Verdict, ...] = (Verdict.DEAD, Verdict.SOFT404, Verdict.INVALID)
    warn_on: tuple[Verdict, ...] = (
        Verdict.DRIFTED,
        Verdict.MOVED,
        Verdict.BLOCKED,
        Verdict.TIMEOUT,
        Verdict.ERROR,
    )
    max_failures: int = 0
    exclude: tuple[str, ...] = ()  # regular expressions, validated
    include: tuple[str, ...] = ()
    quiet: bool = False
    verbose: bool = False
    color: bool | None = None  # None: colour when writing to a terminal and NO_COLOR is unset
    probe: bool = True  # the soft-404 probe of a made-up sibling URL
    max_redirects: int = 10
    archive: bool = True  # look up Wayback snapshots for rotten sources
    archive_base: str = "https://archive.org/"  # the Wayback availability API's origin
    hosts: tuple[tuple[str, HostSettings], ...] = ()

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
        )

    def policy(self) -> Policy:
        """The CI gate. A verdict listed in both ``fail_on`` and ``warn_on`` fails."""
        fail_on = frozenset(self.fail_on)
        return Policy(
            fail_on=fail_on,
            warn_on=frozenset(self.warn_on) - fail_on,
            max_failures=self.max_failures,
        )


SETTING_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Settings))

_NULLABLE = frozenset({"json", "markdown", "junit", "sarif", "user_agent", "color"})
_HOST_KEYS = ("headers", "user_agent", "accept", "concurrency", "interval", "timeout")

# Header names whose literal values are credentials even when written straight into the file.
_SENSITIVE_HEADER = re.compile(
    r"authorization|cookie|token|secret|password|passwd|api[-_]?key|session|credential|auth",
    re.IGNORECASE,
)
_HEADER_NAME = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
_ENV_REFERENCE = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_ENV_WHOLE = re.compile(r"^env:([A-Za-z_][A-Za-z0-9_]*)$")
_HOST_NAME = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$|^\[[0-9A-Fa-f:.]+\]$")


class _Invalid(Exception):
    """A value problem, phrased without its location; the caller adds file and key."""


# --------------------------------------------------------------------------- discovery


def find_config(start: Path) -> Path | None:
    """The configuration file that applies to ``start`` (a directory or a file in one), or None.

    Walks up: in each directory ``citecheck.toml`` wins, else ``pyproject.toml`` if it has a
    ``[tool.citecheck]`` table. Stops after a directory containing ``.git``, or at the root.
    """
    current = start.resolve()
    if not current.is_dir():
        current = current.parent
    while True:
        candidate = current / "citecheck.toml"
        if candidate.is_file():
            return candidate
        pyproject = current / "pyproject.toml"
        if pyproject.is_file() and _has_citecheck_table(pyproject):
            return pyproject
        if (current / ".git").exists() or current.parent == current:
            return None
        current = current.parent


def _has_citecheck_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "citecheck" not in text:
        return False
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        # It mentions citecheck but does not parse: choose it, so load_config names the error
        # instead of the user's settings being silently ignored.
        return True
    tool = data.get("tool")
    return isinstance(tool, dict) and isinstance(tool.get("citecheck"), dict)


# --------------------------------------------------------------------------- loading


def load_config(path: Path, env: Mapping[str, str] | None = None) -> dict[str, object]:
    """Read and validate a configuration file; return its settings, normalised.

    ``pyproject.toml`` is read from ``[tool.citecheck]``, any other file from its top level.
    Values come back in the types of :class:`Settings` (tuples, :class:`Verdict`, host tuples),
    with relative paths re-anchored at the file's directory. ``env`` (default: the process
    environment) supplies the variables that header values refer to.
    Raises :class:`ConfigError` for unreadable or invalid TOML, unknown keys and bad values.
    """
    where = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{where}: cannot read: {exc.strerror or exc}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{where}: not valid UTF-8 (byte {exc.start})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: invalid TOML: {exc}") from exc

    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("citecheck", {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: 'tool.citecheck' must be a table")
        prefix = "tool.citecheck."
    else:
        if "tool" in data and isinstance(data["tool"], dict) and "citecheck" in data["tool"]:
            raise ConfigError(
                f"{where}: put the settings at the top level of {path.name}, "
                "not under [tool.citecheck] (that table is for pyproject.toml)"
            )
        table = data
        prefix = ""

    base = str(path.parent)
    environ = os.environ if env is None else env
    values: dict[str, object] = {}
    for key, value in table.items():
        section = f" in [{prefix[:-1]}]" if prefix else ""
        if key not in SETTING_NAMES:
            hint = _suggest(key, SETTING_NAMES)
            raise ConfigError(f"{where}: unknown key {key!r}{section}{hint}")
        if key == "hosts":
            values[key] = _parse_hosts(value, where, prefix, environ)
            continue
        try:
            normalised = _coerce(key, value, text=False)
        except _Invalid as exc:
            raise ConfigError(f"{where}: {key!r} {exc}") from None
        values[key] = _anchor(key, normalised, base)
    return values


def display_path(path: Path) -> str:
    """``path`` as the user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _anchor(key: str, value: object, base: str) -> object:
    """Make file-relative paths of a configuration file usable from the working directory."""
    if key == "paths" and isinstance(value, tuple):
        return tuple(_rebase(item, base) for item in value)
    if key in ("json", "markdown", "junit", "sarif") and isinstance(value, str):
        return _rebase(value, base)
    return value


def _rebase(item: str, base: str) -> str:
    if item == "-" or os.path.isabs(item) or base in ("", "."):
        return item
    joined = os.path.join(base, item)
    try:
        return os.path.relpath(joined)
    except ValueError:  # another drive on Windows
        return joined


def _parse_hosts(
    value: object, where: str, prefix: str, env: Mapping[str, str]
) -> tuple[tuple[str, HostSettings], ...]:
    if not isinstance(value, dict):
        raise ConfigError(
            f"{where}: 'hosts' must be a table of host tables, "
            f'like [{prefix}hosts."example.com"], got {_describe(value)}'
        )
    hosts: dict[str, HostSettings] = {}
    for name, table in value.items():
        section = f'[{prefix}hosts."{name}"]'
        host = _host_name(name, where)
        if host in hosts:
            raise ConfigError(f"{where}: host {host!r} is configured twice ({section})")
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: {section} must be a table, got {_describe(table)}")
        hosts[host] = _host_settings(table, where, section, env)
    return tuple(hosts.items())


def _host_name(name: str, where: str) -> str:
    host = name.strip().lower().rstrip(".")
    if "://" in host or "/" in host:
        raise ConfigError(
            f"{where}: host {name!r} must be a bare host name like 'example.com', not a URL"
        )
    if host.startswith("*."):
        raise ConfigError(
            f"{where}: host {name!r}: write {host[2:]!r} (it also matches its subdomains)"
        )
    if not _HOST_NAME.match(host):
        raise ConfigError(f"{where}: host {name!r} is not a valid host name")
    return host


def _host_settings(
    table: dict[str, object], where: str, section: str, env: Mapping[str, str]
) -> HostSettings:
    headers: tuple[tuple[str, str], ...] = ()
    user_agent: str | None = None
    accept: tuple[int, ...] = ()
    concurrency: int | None = None
    interval: float | None = None
    timeout: float | None = None
    for key, value in table.items():
        try:
            if key == "headers":
                headers = _headers(value, where, section, env)
            elif key == "user_agent":
                user_agent = _text(value)
            elif key == "accept":
                accept = _status_codes(value)
            elif key == "concurrency":
                concurrency = _integer(value, minimum=1, text=False)
            elif key == "interval":
                interval = _number(value, positive=False, text=False)
            elif key == "timeout":
                timeout = _number(value, positive=True, text=False)
            else:
                raise ConfigError(
                    f"{where}: unknown key {key!r} in {section}{_suggest(key, _HOST_KEYS)}"
                )
        except _Invalid as exc:
            raise ConfigError(f"{where}: {key!r} in {section} {exc}") from None
    return HostSettings(
        headers=headers,
        user_agent=user_agent,
        accept=accept,
        concurrency=concurrency,
        interval=interval,
        timeout=timeout,
    )


def _headers(
    value: object, where: str, section: str, env: Mapping[str, str]
) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise _Invalid(f"must be a table of header names to values, got {_describe(value)}")
    headers: list[tuple[str, str]] = []
    for name, raw in value.items():
        label = f"header {name!r} in {section}"
        if not _HEADER_NAME.match(name):
            raise ConfigError(f"{where}: {label}: {name!r} is not a valid header name")
        if not isinstance(raw, str):
            # Say only the type: the value may be a credential.
            raise ConfigError(f"{where}: {label} must be a string, got {_type_name(raw)}")
        resolved = _expand_env(raw, env, where, label)
        if any(ch in resolved for ch in "\r\n\0"):
            raise ConfigError(f"{where}: {label} contains a line break or NUL character")
        headers.append((name, resolved))
    return tuple(headers)


def _expand_env(raw: str, env: Mapping[str, str], where: str, label: str) -> str:
    """Substitute ``${NAME}`` (``$$`` is a literal ``$``) or read a whole ``env:NAME`` value."""
    whole = _ENV_WHOLE.match(raw)
    if whole:
        return Secret(_lookup(whole.group(1), env, where, label))
    if "${" not in raw:
        return raw.replace("$$", "$") if "$$" in raw else raw
    used = False

    def substitute(match: re.Match[str]) -> str:
        nonlocal used
        if match.group(1) is None:
            return "$"
        used = True
        return _lookup(match.group(1), env, where, label)

    expanded = _ENV_REFERENCE.sub(substitute, raw)
    return Secret(expanded) if used else expanded


def _lookup(name: str, env: Mapping[str, str], where: str, label: str) -> str:
    try:
        return env[name]
    except KeyError:
        raise ConfigError(
            f"{where}: {label} reads environment variable {name!r}, which is not set"
        ) from None


# --------------------------------------------------------------------------- resolution


def resolve_settings(
    cli: Mapping[str, object],
    config: Mapping[str, object],
    config_path: Path | None,
    env: Mapping[str, str],
) -> tuple[Settings, dict[str, str]]:
    """Merge command line > ``CITECHECK_*`` environment > configuration file > defaults.

    ``cli`` holds only what the user gave: None values and empty lists count as absent.
    ``config`` is what :func:`load_config` returned for ``config_path``. Environment variables
    are ``CITECHECK_<KEY>`` (``CITECHECK_PER_HOST=2``, ``CITECHECK_FAIL_ON=dead,soft404``);
    empty ones are ignored, as are ``CITECHECK_*`` names that are not settings.
    Returns the settings and, for every key, where its value came from: ``"default"``, the
    file's path, ``"env CITECHECK_<KEY>"`` or ``"command line"``.
    Raises :class:`ConfigError` for bad values, ``ValueError`` for a key that is not a setting
    (a programming error in the caller).
    """
    values: dict[str, object] = {}
    sources: dict[str, str] = dict.fromkeys(SETTING_NAMES, "default")

    file_label = display_path(config_path) if config_path is not None else "configuration"
    for key, value in config.items():
        _require_setting(key, "configuration")
        if key == "hosts":
            values[key] = _checked_hosts(value, file_label)
        elif value is None and key in _NULLABLE:  # color = "auto" is loaded as None
            values[key] = None
        else:
            values[key] = _coerce_or_raise(key, value, False, f"{file_label}: {key!r}")
        sources[key] = file_label

    for key in SETTING_NAMES:
        name = ENV_PREFIX + key.upper()
        raw = env.get(name, "")
        if not raw.strip():
            continue
        if key == "hosts":
            raise ConfigError(f"environment: {name}: hosts can only be set in a configuration file")
        values[key] = _coerce_or_raise(key, raw, True, f"environment: {name}")
        sources[key] = f"env {name}"

    for key, value in cli.items():
        _require_setting(key, "command line")
        if value is None or (isinstance(value, list | tuple) and not value):
            continue
        if key == "hosts":
            values[key] = _checked_hosts(value, "command line")
        else:
            flag = "PATHS" if key == "paths" else "--" + key.replace("_", "-")
            values[key] = _coerce_or_raise(key, value, True, f"command line: {flag}")
        sources[key] = "command line"

    return Settings(**values), sources  # type: ignore[arg-type]


def _require_setting(key: str, origin: str) -> None:
    if key not in SETTING_NAMES:
        raise ValueError(f"{key!r} from the {origin} is not a citecheck setting")


def _coerce_or_raise(key: str, value: object, text: bool, label: str) -> object:
    try:
        return _coerce(key, value, text=text)
    except _Invalid as exc:
        raise ConfigError(f"{label} {exc}") from None


def _checked_hosts(value: object, label: str) -> tuple[tuple[str, HostSettings], ...]:
    if isinstance(value, tuple) and all(
        isinstance(item, tuple)
        and len(item) == 2
        and isinstance(item[0], str)
        and isinstance(item[1], HostSettings)
        for item in value
    ):
        return value
    raise ConfigError(f"{label}: 'hosts' must be host settings as load_config returns them")


# --------------------------------------------------------------------------- values


def _coerce(key: str, value: object, *, text: bool) -> object:
    """Validate one value and return it in the type :class:`Settings` uses.

    ``text`` allows strings for every type (environment variables, command-line strings);
    TOML values must already have the right type.
    """
    return _COERCERS[key](value, text)


def _string_list(value: object, *, split: bool) -> tuple[str, ...]:
    if isinstance(value, str):
        if split:  # an environment variable: "docs,README.md"
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return (value,)
    if isinstance(value, list | tuple):
        for item in value:
            if not isinstance(item, str):
                raise _Invalid(f"must be a list of strings, got an item {_describe(item)}")
        return tuple(value)
    raise _Invalid(f"must be a list of strings, got {_describe(value)}")


def _paths(value: object, text: bool) -> tuple[str, ...]:
    items = _string_list(value, split=text)
    if any(not item.strip() for item in items):
        raise _Invalid("must not contain an empty path")
    return items


def _output(value: object, text: bool) -> str:
    path = _text(value)
    if not path.strip():
        raise _Invalid("must be a file path or '-' for stdout, got ''")
    return path


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"must be a string, got {_describe(value)}")
    return value


def _optional_text(value: object, text: bool) -> str:
    result = _text(value)
    if not result.strip():
        raise _Invalid("must not be empty")
    return result


def _integer(value: object, *, minimum: int, text: bool) -> int:
    number: int
    if isinstance(value, bool):
        raise _Invalid(f"must be an integer, got {_describe(value)}")
    if isinstance(value, int):
        number = value
    elif text and isinstance(value, str) and re.fullmatch(r"\s*[-+]?\d+\s*", value):
        number = int(value)
    else:
        raise _Invalid(f"must be an integer, got {_describe(value)}")
    if number < minimum:
        bound = "a positive integer" if minimum == 1 else f"at least {minimum}"
        raise _Invalid(f"must be {bound}, got {number}")
    return number


def _number(value: object, *, positive: bool, text: bool) -> float:
    number: float
    if isinstance(value, bool):
        raise _Invalid(f"must be a number, got {_describe(value)}")
    if isinstance(value, int | float):
        number = float(value)
    elif text and isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            raise _Invalid(f"must be a number, got {_describe(value)}") from None
    else:
        raise _Invalid(f"must be a number, got {_describe(value)}")
    if not math.isfinite(number):
        raise _Invalid(f"must be a finite number, got {value}")
    if positive and number <= 0:
        raise _Invalid(f"must be greater than 0, got {_describe(value)}")
    if number < 0:
        raise _Invalid(f"must not be negative, got {_describe(value)}")
    return number


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _boolean(value: object, text: bool) -> bool:
    if isinstance(value, bool):
        return value
    if text and isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise _Invalid(f"must be true or false, got {_describe(value)}")


def _color(value: object, text: bool) -> bool | None:
    if isinstance(value, str) and value.strip().lower() == "auto":
        return None
    if isinstance(value, str) and text:
        word = value.strip().lower()
        if word in ("always", "force"):
            return True
        if word == "never":
            return False
    try:
        return _boolean(value, text)
    except _Invalid:
        raise _Invalid(f'must be true, false or "auto", got {_describe(value)}') from None


def _verdicts(value: object, text: bool) -> tuple[Verdict, ...]:
    if isinstance(value, str):
        names = [part.strip() for part in value.split(",")]
        names = [name for name in names if name]
    elif isinstance(value, list | tuple):
        names = []
        for item in value:
            if not isinstance(item, str):
                raise _Invalid(f"must be a list of verdict names, got an item {_describe(item)}")
            names.append(item.strip())
    else:
        raise _Invalid(f"must be a list of verdict names, got {_describe(value)}")
    known = [verdict.value for verdict in Verdict]
    result: list[Verdict] = []
    for name in names:
        lowered = name.lower().replace("-", "_")
        if lowered not in known:
            hint = _suggest(lowered, known)
            raise _Invalid(
                f"has an unknown verdict {name!r}{hint}; verdicts are: {', '.join(known)}"
            )
        verdict = Verdict(lowered)
        if verdict not in result:
            result.append(verdict)
    return tuple(result)


def _regexes(value: object, text: bool) -> tuple[str, ...]:
    # Never split on commas: a comma is ordinary in a regular expression ("a{1,3}").
    patterns = _string_list(value, split=False)
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise _Invalid(f"has an invalid regular expression {pattern!r}: {exc}") from None
    return tuple(patterns)


def _doi_base(value: object, text: bool) -> str:
    return _http_origin(value, "https://doi.org/")


def _http_base(value: object, text: bool) -> str:
    return _http_origin(value, "https://archive.org/")


def _http_origin(value: object, example: str) -> str:
    base = _text(value).strip()
    if not re.match(r"^https?://[^/\s]+", base):
        raise _Invalid(f"must be an http(s) URL like {example!r}, got {base!r}")
    return base if base.endswith("/") else base + "/"


def _status_codes(value: object) -> tuple[int, ...]:
    if not isinstance(value, list | tuple):
        raise _Invalid(f"must be a list of HTTP status codes, got {_describe(value)}")
    codes: list[int] = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int) or not 100 <= item <= 599:
            raise _Invalid(f"must be a list of HTTP status codes (100-599), got {_describe(item)}")
        if item not in codes:
            codes.append(item)
    return tuple(codes)


def _int_at_least(minimum: int) -> Callable[[object, bool], int]:
    return lambda value, text: _integer(value, minimum=minimum, text=text)


def _hosts_not_here(value: object, text: bool) -> object:
    raise _Invalid("can only be set as [hosts] tables in a configuration file")


_COERCERS: dict[str, Callable[[object, bool], object]] = {
    "paths": _paths,
    "json": _output,
    "markdown": _output,
    "junit": _output,
    "sarif": _output,
    "timeout": lambda value, text: _number(value, positive=True, text=text),
    "retries": _int_at_least(0),
    "concurrency": _int_at_least(1),
    "per_host": _int_at_least(1),
    "allow_private": _boolean,
    "user_agent": _optional_text,
    "doi_base": _doi_base,
    "fail_on": _verdicts,
    "warn_on": _verdicts,
    "max_failures": _int_at_least(0),
    "exclude": _regexes,
    "include": _regexes,
    "quiet": _boolean,
    "verbose": _boolean,
    "color": _color,
    "probe": _boolean,
    "max_redirects": _int_at_least(0),
    "archive": _boolean,
    "archive_base": _http_base,
    "hosts": _hosts_not_here,
}


def _describe(value: object) -> str:
    """A value as an error message shows it: strings quoted, containers by kind only."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return _type_name(value)


def _type_name(value: object) -> str:
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"


def _suggest(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


# --------------------------------------------------------------------------- display


def format_settings(settings: Settings, sources: Mapping[str, str]) -> str:
    """The text ``citecheck config`` prints: ``key = value  (source)`` per key, then hosts.

    Values are TOML-ish (``none`` stands for an unset value); header values read from the
    environment or belonging to credential-like headers are shown as ``***``.
    """
    lines: list[str] = []
    for key in SETTING_NAMES:
        if key == "hosts":
            continue
        value = getattr(settings, key)
        shown = '"auto"' if key == "color" and value is None else _toml(value)
        lines.append(f"{key} = {shown}  ({sources.get(key, 'default')})")
    hosts_source = sources.get("hosts", "default")
    if not settings.hosts:
        lines.append(f"hosts = {{}}  ({hosts_source})")
    for host, host_settings in settings.hosts:
        lines.append("")
        lines.append(f"[hosts.{_toml_key(host)}]  ({hosts_source})")
        lines.extend(_host_lines(host_settings))
    return "\n".join(lines) + "\n"


def _host_lines(host: HostSettings) -> list[str]:
    lines: list[str] = []
    if host.headers:
        shown = ", ".join(
            f"{_toml_key(name)} = {_masked(name, value)}" for name, value in host.headers
        )
        lines.append(f"headers = {{ {shown} }}")
    if host.user_agent is not None:
        lines.append(f"user_agent = {_toml(host.user_agent)}")
    if host.accept:
        lines.append(f"accept = {_toml(host.accept)}")
    if host.concurrency is not None:
        lines.append(f"concurrency = {host.concurrency}")
    if host.interval is not None:
        lines.append(f"interval = {_toml(host.interval)}")
    if host.timeout is not None:
        lines.append(f"timeout = {_toml(host.timeout)}")
    return lines


def _masked(name: str, value: str) -> str:
    if isinstance(value, Secret) or _SENSITIVE_HEADER.search(name):
        return '"***"'
    return _toml(value)


def _toml(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Verdict):
        return _toml_string(value.value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return _toml_string(str(value))


def _toml_string(text: str) -> str:
    # A literal string keeps regular expressions readable ('linkedin\.com', not "linkedin\\.com").
    if "\\" in text and "'" not in text and text.isprintable():
        return f"'{text}'"
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    escaped = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in escaped)
    return f'"{escaped}"'


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_string(key)
