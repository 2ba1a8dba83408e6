"""``citecheck config``: the effective settings as text, each with where its value came from."""

from __future__ import annotations

import re
from collections.abc import Mapping

from citecheck.models import HostSettings, Verdict
from citecheck.settings.files import SENSITIVE_HEADER, Secret
from citecheck.settings.table import FIELDS, Settings


def format_settings(settings: Settings, sources: Mapping[str, str]) -> str:
    """The text ``citecheck config`` prints: ``key = value  (source)`` per key, then hosts.

    Values are TOML-ish (``none`` stands for an unset value); header values read from the
    environment or belonging to credential-like headers are shown as ``***``.
    """
    lines: list[str] = []
    for field in FIELDS:
        key = field.name
        if key == "hosts":
            continue
        value = getattr(settings, key)
        show = field.row.kind.show or _toml
        shown = field.row.kind.shown_none if value is None else show(value)
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
    if isinstance(value, Secret) or SENSITIVE_HEADER.search(name):
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
