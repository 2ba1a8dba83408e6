"""Atomic report writing."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from citecheck.output import (
    _CHUNK,
    STALE_AFTER,
    OutputError,
    append_text,
    remove_stale_temp_files,
    write_atomic,
)


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


def test_replacing_a_report_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old\n")
    target.chmod(0o640)
    write_atomic(str(target), "new\n")
    assert target.read_text() == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640


def test_stale_temp_files_of_our_naming_are_removed_on_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    stale = tmp_path / ".report.json.k3x_9a2b.tmp"  # what mkstemp names, left by a kill -9
    fresh = tmp_path / ".report.json.zz11aa22.tmp"  # a run writing right now
    others = [
        tmp_path / ".other.json.k3x_9a2b.tmp",  # another report's
        tmp_path / ".report.json.toolong123.tmp",  # not mkstemp's pattern
        tmp_path / "report.json.k3x_9a2b.tmp",  # not hidden
    ]
    for path in [stale, fresh, *others]:
        path.write_text("partial")
    old = time.time() - STALE_AFTER - 5
    for path in [stale, *others]:
        os.utime(path, (old, old))
    write_atomic(str(target), "{}")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert stale.name not in names
    assert fresh.name in names
    assert all(p.name in names for p in others)
    assert "report.json" in names


def test_a_stale_temp_directory_or_link_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    directory = tmp_path / ".report.json.abcdefgh.tmp"
    directory.mkdir()
    link = tmp_path / ".report.json.hgfedcba.tmp"
    link.symlink_to(tmp_path / "elsewhere")
    assert remove_stale_temp_files(target, now=time.time() + 3600) == []
    assert directory.is_dir() and link.is_symlink()


def test_a_large_report_is_written_whole_across_encoding_chunks(tmp_path: Path) -> None:
    # Written in chunks of characters: multi-byte characters at every chunk boundary survive.
    content = "é" * (_CHUNK - 1) + "€😀" + "x" * _CHUNK + "ü\n"
    target = tmp_path / "big.json"
    write_atomic(str(target), content)
    assert target.read_bytes() == content.encode("utf-8")


def test_a_report_given_in_pieces_is_written_in_order(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    write_atomic(str(target), iter(["{\n", '  "a": "ü"', "\n}\n"]))
    assert target.read_text(encoding="utf-8") == '{\n  "a": "ü"\n}\n'


def test_pieces_that_fail_midway_leave_the_old_report_and_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old\n", encoding="utf-8")

    def pieces() -> Iterator[str]:
        yield "{\n"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(target), pieces())
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
