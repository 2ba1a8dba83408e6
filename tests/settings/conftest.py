"""Fixtures of the settings tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path, so messages name files as 'pyproject.toml' / 'citecheck.toml'."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
