"""Helpers for the configuration tests: write a file, read the one-line error it causes."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from citecheck.settings import ConfigError, load_config


def write(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` (creating its folders) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def config_error(path: Path, env: Mapping[str, str] | None = None) -> str:
    """The message of the :class:`ConfigError` that loading ``path`` raises."""
    with pytest.raises(ConfigError) as info:
        load_config(path, env={} if env is None else env)
    return str(info.value)
