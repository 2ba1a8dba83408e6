"""Merging the sources of a run's settings: command line > environment > file > defaults."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from citecheck.models import HostSettings
from citecheck.settings.files import display_path
from citecheck.settings.table import BY_NAME, SETTING_NAMES, Settings
from citecheck.settings.values import ConfigError, Invalid


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
        elif value is None and BY_NAME[key].row.kind.nullable:  # color = "auto" loads as None
            values[key] = None
        else:
            values[key] = _coerce_or_raise(key, value, False, f"{file_label}: {key!r}")
        sources[key] = file_label

    for key in SETTING_NAMES:
        name = BY_NAME[key].env
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
            label = f"command line: {BY_NAME[key].label}"
            values[key] = _coerce_or_raise(key, value, True, label)
        sources[key] = "command line"

    return Settings(**values), sources  # type: ignore[arg-type]


def _require_setting(key: str, origin: str) -> None:
    if key not in SETTING_NAMES:
        raise ValueError(f"{key!r} from the {origin} is not a citecheck setting")


def _coerce_or_raise(key: str, value: object, text: bool, label: str) -> object:
    try:
        return BY_NAME[key].check(value, text=text)
    except Invalid as exc:
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

