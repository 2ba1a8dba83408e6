"""Atomic report writing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from citecheck.output import OutputError, append_text, write_atomic


def test_write_atomic_replaces_content_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    write_atomic(str(target), "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_write_atomic_honours_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(str(tmp_path / "r.json"), "{}")
    finally:
        os.umask(old)
    assert (tmp_path / "r.json").stat().st_mode & 0o777 == 0o644


def test_write_atomic_to_a_directory_or_missing_parent_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a directory"):
        write_atomic(str(tmp_path), "x")
    with pytest.raises(OutputError, match="cannot write report"):
        write_atomic(str(tmp_path / "no" / "such" / "dir.json"), "x")


def test_append_text_appends(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# before\n", encoding="utf-8")
    append_text(str(summary), "after\n")
    assert summary.read_text(encoding="utf-8") == "# before\nafter\n"
