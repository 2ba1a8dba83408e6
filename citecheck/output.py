"""Writing what the user asked for, and nothing else.

Reports are written atomically (a temporary file in the same directory, then a rename), so a
crash or a full disk never leaves a half-written report where a good one was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class OutputError(Exception):
    """An output path cannot be written (exit code 2)."""


def check_writable(path: str) -> None:
    """Fail early, before any source is fetched, when ``path`` can never be written."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"cannot write report to '{path}': it is a directory")
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"cannot write report to '{path}': no such directory '{directory}'")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write report to '{path}': directory '{directory}' is not "
                          "writable")


def write_atomic(path: str, content: str) -> None:
    """Replace ``path`` with ``content`` in one step; raise :class:`OutputError` on failure."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"cannot write report to '{path}': it is a directory")
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write report to '{path}': {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
        # mkstemp creates 0600 files; a report is an ordinary file, so honour the umask instead.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"cannot write report to '{path}': {exc.strerror or exc}") from exc


def append_text(path: str, content: str) -> None:
    """Append to a file another tool owns (e.g. ``$GITHUB_STEP_SUMMARY``)."""
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(content)
    except OSError as exc:
        raise OutputError(f"cannot append to '{path}': {exc.strerror or exc}") from exc


def replace_document(path: str, data: bytes, *, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` in one step (``citecheck fix``), keeping ``mode`` if given;
    raise :class:`OutputError` on failure."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write '{path}': {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"cannot write '{path}': {exc.strerror or exc}") from exc
