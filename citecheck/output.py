"""Writing what the user asked for, and nothing else.

Reports are written atomically (a temporary file in the same directory, then a rename), so a
crash or a full disk never leaves a half-written report where a good one was. A run killed
outright (``kill -9``) mid-write can leave its temporary ``.NAME.XXXXXXXX.tmp`` behind; the next
write of the same report removes such files once they are :data:`STALE_AFTER` seconds old (a
younger one may belong to a run writing right now). Replacing a report keeps its mode.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

#: Seconds after which a temporary report file of ours is another run's leftover, not its work.
STALE_AFTER = 60.0
# tempfile.mkstemp's random part: 8 characters of this alphabet.
_TEMP_PART = r"\.[a-z0-9_]{8}\.tmp"


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


def write_atomic(path: str, content: str | Iterable[str]) -> None:
    """Replace ``path`` with ``content`` (a text, or its pieces in order) in one step; raise
    :class:`OutputError` on failure."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"cannot write report to '{path}': it is a directory")
    remove_stale_temp_files(target)
    _replace(target, content, _mode_of(target), f"cannot write report to '{path}'")


#: Characters encoded at a time: a large report is never held twice, as text and as bytes.
_CHUNK = 1 << 20


def _replace(
    target: Path, data: bytes | str | Iterable[str], mode: int | None, failure: str
) -> None:
    """Write ``data`` (text, or pieces of text, as UTF-8) to a temporary file beside
    ``target``, then rename it over ``target``."""
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"{failure}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                for piece in [data] if isinstance(data, str) else data:
                    for start in range(0, len(piece), _CHUNK):
                        handle.write(piece[start:start + _CHUNK].encode("utf-8"))
        # mkstemp creates 0600 files: keep the mode of the file being replaced, and give a new
        # file an ordinary file's mode (the umask's).
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:  # also the pieces' maker failing, or Ctrl-C: the old report
        with contextlib.suppress(OSError):  # stays whole, and no temporary file is left
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{failure}: {exc.strerror or exc}") from exc
        raise


def _mode_of(target: Path) -> int | None:
    """The permission bits of the regular file at ``target``, or None when there is none."""
    try:
        info = target.stat()
    except OSError:
        return None
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else None


def remove_stale_temp_files(target: Path, *, now: float | None = None) -> list[Path]:
    """Remove temporary files a killed run left beside ``target``; return what was removed.

    Only names of our own making (``.NAME.XXXXXXXX.tmp`` for this report's NAME), only regular
    files, only ones older than :data:`STALE_AFTER`; anything that cannot be removed is left.
    """
    directory = target.parent if str(target.parent) else Path(".")
    pattern = re.compile(re.escape(f".{target.name}") + _TEMP_PART)
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_AFTER:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


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
    _replace(Path(path), data, mode, f"cannot write '{path}'")
