"""Configuration files: where one is found, and how it is read and validated.

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
``"Bearer ${TOKEN}"``, ``"${TOKEN:-fallback}"`` or ``"env:TOKEN"``); they are read when the file
is loaded, and such values (and those of credential-like headers such as Authorization or Cookie)
are shown as ``***`` by ``citecheck config`` and never appear in an error message. A variable
that is not set (and has no ``:-`` fallback) is not an error: the header becomes
:class:`UnsetSecret`, is never sent, and the check stage warns when its host is contacted (a pull
request from a fork has no secrets, and most runs never touch the host).

Trust: a file *discovered* by walking up (``trusted=False``) may be part of the tree being checked,
so a pull request controls it. Such a file cannot widen what a run may touch: ``allow_private``,
header values that read the environment, and documents or reports outside the file's directory
are ignored with a warning. A file named with ``--config`` is the user's own, and trusted.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from citecheck.models import HostSettings, UnsetSecret
from citecheck.settings.table import BY_NAME, DIRECTORY, OUTPUT, PATHS, SETTING_NAMES
from citecheck.settings.values import (
    ConfigError,
    Invalid,
    describe,
    integer,
    number,
    status_codes,
    suggest,
    text_value,
    type_name,
)


class Secret(str):
    """A header value read from the environment: used as-is, but never shown.

    It is a ``str`` so httpx sends it unchanged; only its ``repr`` (and therefore the repr of any
    dataclass holding it) is masked, which keeps it out of tracebacks and debug output.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return "'***'"


#: How a warning about an ignored setting reaches the user (the CLI prints it).
Warn = Callable[[str], None]


def _no_warning(message: str) -> None:
    """The default :data:`Warn`: callers that ignore warnings."""


_HOST_KEYS = ("headers", "user_agent", "accept", "concurrency", "interval", "timeout")

# Header names whose literal values are credentials even when written straight into the file.
SENSITIVE_HEADER = re.compile(
    r"authorization|cookie|token|secret|password|passwd|api[-_]?key|session|credential|auth",
    re.IGNORECASE,
)
_HEADER_NAME = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
_ENV_REFERENCE = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
_ENV_WHOLE = re.compile(r"^env:([A-Za-z_][A-Za-z0-9_]*)$")
_HOST_NAME = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$|^\[[0-9A-Fa-f:.]+\]$")



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
    import tomllib  # only when a file is read: its import compiles regexes (start-up, #13)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        # It mentions citecheck but does not parse: choose it, so load_config names the error
        # instead of the user's settings being silently ignored.
        return True
    tool = data.get("tool")
    return isinstance(tool, dict) and isinstance(tool.get("citecheck"), dict)


# --------------------------------------------------------------------------- loading


def load_config(
    path: Path,
    env: Mapping[str, str] | None = None,
    *,
    trusted: bool = True,
    warn: Warn = _no_warning,
) -> dict[str, object]:
    """Read and validate a configuration file; return its settings, normalised.

    ``pyproject.toml`` is read from ``[tool.citecheck]``, any other file from its top level.
    Values come back in the types of :class:`Settings` (tuples, :class:`Verdict`, host tuples),
    with relative paths re-anchored at the file's directory. ``env`` (default: the process
    environment) supplies the variables that header values refer to. An untrusted file (one
    discovered in the tree, not named with ``--config``) loses the settings that would widen
    access, each with one ``warn`` line (see the module docstring).
    Raises :class:`ConfigError` for unreadable or invalid TOML, unknown keys and bad values.
    """
    where = display_path(path)
    table, prefix = _settings_table(path, where)
    base = str(path.parent)
    environ = os.environ if env is None else env
    values: dict[str, object] = {}
    for key, value in table.items():
        section = f" in [{prefix[:-1]}]" if prefix else ""
        if key not in SETTING_NAMES:
            hint = suggest(key, SETTING_NAMES)
            raise ConfigError(f"{where}: unknown key {key!r}{section}{hint}")
        if key == "hosts":
            hosts = _parse_hosts(value, where, prefix, environ)
            values[key] = hosts if trusted else _untrusted_hosts(hosts, where, warn)
            continue
        try:
            normalised = BY_NAME[key].check(value, text=False)
        except Invalid as exc:
            raise ConfigError(f"{where}: {key!r} {exc}") from None
        anchored = _anchor(key, normalised, base)
        if not trusted:
            kept = _untrusted_value(key, anchored, path.parent, where, warn)
            if kept is _IGNORED:
                continue
            anchored = kept
        values[key] = anchored
    return values



def _settings_table(path: Path, where: str) -> tuple[dict[str, Any], str]:
    """The TOML table of ``path`` that holds citecheck's settings, and the prefix that names it
    in messages: ``[tool.citecheck]`` of a ``pyproject.toml``, the top level of any other file.
    Raises :class:`ConfigError` for an unreadable file, bad UTF-8 or TOML, a misplaced table."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{where}: cannot read: {exc.strerror or exc}") from exc
    import tomllib  # only when a file is read: its import compiles regexes (start-up, #13)

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
        return table, "tool.citecheck."
    if "tool" in data and isinstance(data["tool"], dict) and "citecheck" in data["tool"]:
        raise ConfigError(
            f"{where}: put the settings at the top level of {path.name}, "
            "not under [tool.citecheck] (that table is for pyproject.toml)"
        )
    return data, ""

# --------------------------------------------------------------------------- trust

_IGNORED = object()
_WIDENS = "a configuration found in the checked tree cannot widen access"


def _untrusted_value(key: str, value: object, home: Path, where: str, warn: Warn) -> object:
    """What an untrusted file may set for ``key``: the value, part of it, or :data:`_IGNORED`."""
    if key == "allow_private":
        if value is True:
            warn(f"{where}: 'allow_private' ignored: {_WIDENS} (use --allow-private, "
                 "CITECHECK_ALLOW_PRIVATE or --config)")
            return _IGNORED
        return value
    kind = BY_NAME[key].row.kind
    if kind is PATHS and isinstance(value, tuple):
        inside = tuple(item for item in value if _inside(item, home))
        for item in value:
            if item not in inside:
                warn(f"{where}: path {item!r} in 'paths' ignored: it is outside "
                     f"{display_path(home)!r} and {_WIDENS} (name it on the command line)")
        return inside
    if kind is OUTPUT and isinstance(value, str) and value != "-" and not _inside(value, home):
        warn(f"{where}: {key!r} ignored: {value!r} is outside {display_path(home)!r} and "
             f"{_WIDENS} (use --{key.replace('_', '-')} or --config)")
        return _IGNORED
    return value


def _inside(item: str, home: Path) -> bool:
    """Whether a (possibly globbed) path stays under ``home``, symlinks resolved."""
    if item == "-":
        return True
    try:
        resolved = Path(os.path.realpath(item))
        root = Path(os.path.realpath(home))
    except (OSError, ValueError):
        return False
    return resolved == root or root in resolved.parents


def _untrusted_hosts(
    hosts: tuple[tuple[str, HostSettings], ...], where: str, warn: Warn
) -> tuple[tuple[str, HostSettings], ...]:
    """Host settings without the header values that read the environment."""
    kept: list[tuple[str, HostSettings]] = []
    for host, settings in hosts:
        headers = []
        for name, value in settings.headers:
            if isinstance(value, Secret | UnsetSecret):
                warn(f"{where}: header {name!r} for {host!r} ignored: it reads the environment, "
                     f"and {_WIDENS} (put it in a file named with --config)")
            else:
                headers.append((name, value))
        kept.append((host, replace(settings, headers=tuple(headers))))
    return tuple(kept)


def display_path(path: Path) -> str:
    """``path`` as the user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _anchor(key: str, value: object, base: str) -> object:
    """Make file-relative paths of a configuration file usable from the working directory."""
    if BY_NAME[key].row.kind is PATHS and isinstance(value, tuple):
        return tuple(_rebase(item, base) for item in value)
    if BY_NAME[key].row.kind in (OUTPUT, DIRECTORY) and isinstance(value, str):
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
            f'like [{prefix}hosts."example.com"], got {describe(value)}'
        )
    hosts: dict[str, HostSettings] = {}
    for name, table in value.items():
        section = f'[{prefix}hosts."{name}"]'
        host = _host_name(name, where)
        if host in hosts:
            raise ConfigError(f"{where}: host {host!r} is configured twice ({section})")
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: {section} must be a table, got {describe(table)}")
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
                user_agent = text_value(value)
            elif key == "accept":
                accept = status_codes(value)
            elif key == "concurrency":
                concurrency = integer(value, minimum=1, text=False)
            elif key == "interval":
                interval = number(value, positive=False, text=False)
            elif key == "timeout":
                timeout = number(value, positive=True, text=False)
            else:
                raise ConfigError(
                    f"{where}: unknown key {key!r} in {section}{suggest(key, _HOST_KEYS)}"
                )
        except Invalid as exc:
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
        raise Invalid(f"must be a table of header names to values, got {describe(value)}")
    headers: list[tuple[str, str]] = []
    for name, raw in value.items():
        label = f"header {name!r} in {section}"
        if not _HEADER_NAME.match(name):
            raise ConfigError(f"{where}: {label}: {name!r} is not a valid header name")
        if not isinstance(raw, str):
            # Say only the type: the value may be a credential.
            raise ConfigError(f"{where}: {label} must be a string, got {type_name(raw)}")
        resolved = _expand_env(raw, env, where, label)
        if any(ch in resolved for ch in "\r\n\0"):
            raise ConfigError(f"{where}: {label} contains a line break or NUL character")
        headers.append((name, resolved))
    return tuple(headers)


def _expand_env(raw: str, env: Mapping[str, str], where: str, label: str) -> str:
    """Substitute ``${NAME}`` and ``${NAME:-fallback}`` (``$$`` is a literal ``$``), or read a
    whole ``env:NAME`` value. A variable that is unset (``:-`` also: empty) with no fallback
    makes the whole value an :class:`UnsetSecret`."""
    whole = _ENV_WHOLE.match(raw)
    if whole:
        name = whole.group(1)
        return Secret(env[name]) if name in env else UnsetSecret((name,))
    if "${" not in raw:
        return raw.replace("$$", "$") if "$$" in raw else raw
    used = False
    missing: list[str] = []

    def substitute(match: re.Match[str]) -> str:
        nonlocal used
        if match.group(1) is None:
            return "$"
        used = True
        name, fallback = match.group(1), match.group(2)
        if fallback is not None:
            return env.get(name) or fallback
        if name not in env:
            missing.append(name)
            return ""
        return env[name]

    expanded = _ENV_REFERENCE.sub(substitute, raw)
    if missing:
        return UnsetSecret(tuple(dict.fromkeys(missing)))
    return Secret(expanded) if used else expanded


