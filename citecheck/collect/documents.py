"""Find and read the documents a run was asked to check (the only file reads in citecheck).

A path that does not exist is a usage error (:class:`InputError`). A file that exists but cannot
be read as text (permissions, binary) is not: it becomes a document with an error
diagnostic, so one bad file in a directory does not hide the report on the others.

Documents come from pull requests, so reading them is guarded. Each of these is refused with
one line and exit 2 (:class:`InputError`, every refusal of a run listed, before any source is
checked):

* anything but a regular file (a FIFO would block forever, ``/dev/zero`` never ends, a socket
  cannot be read): the type is checked with ``stat`` before opening, and again on the open
  descriptor, which is opened non-blocking so a file swapped for a FIFO in between cannot hang;
* a symbolic link found inside a directory or glob that points outside it (a committed link to
  ``~/.netrc`` would copy its text into the reports), unless the link itself was named on the
  command line;
* a document larger than ``max_size`` bytes (``--max-document-size``): at most ``max_size + 1``
  bytes are ever read, whatever ``stat`` claimed.
"""

from __future__ import annotations

import codecs
import errno
import glob
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from citecheck.models import Diagnostic, DiagnosticCode
from citecheck.parse.formats import DOCUMENT_SUFFIXES, format_of_path, sniff_binary

#: Directories never walked into: tool caches and dependency trees are not the user's documents.
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", "site-packages", "venv"})
_SNIFF_BYTES = 8192


class InputError(Exception):
    """A path the user gave cannot be used at all (exit code 2); one line per problem."""


#: The default of ``--max-document-size``.
DEFAULT_MAX_SIZE = 64 * 1024 * 1024
_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Source:
    """One input document: its text (or its bytes, for PDF and Word), or why it was not read."""

    path: str
    text: str | None
    problem: Diagnostic | None = None
    data: bytes | None = None  # a binary document (parse.parse_bytes reads it); text is None


def discover(paths: Sequence[str]) -> list[str]:
    """Expand the user's paths (files, directories, globs, ``-``) into document paths, in order.

    Raises :class:`InputError` for a path that does not exist, a directory with no documents,
    or symbolic links found under a directory or glob that lead out of it (all of them listed).
    Duplicates (the same file reached twice) are read once.
    """
    return [path for path, _tree in discover_in_trees(paths)]


def discover_in_trees(paths: Sequence[str]) -> list[tuple[str, str | None]]:
    """:func:`discover`, each document with the directory the user named that it was found in
    (None for a file named alone, a glob's match or ``-``).

    That directory is a tree the user pointed at: a LaTeX document found in it may read the
    files it names with ``../`` as far as the tree reaches, never beyond
    (:class:`~citecheck.collect.folder.DocumentFolder`).
    """
    found: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    refused: list[str] = []

    def add_inside(path: str, root: str, tree: str | None = None) -> None:
        try:
            mode = os.stat(path).st_mode
        except OSError:
            mode = stat.S_IFREG  # a broken link or a race: read_source reports it
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            refused.append(_not_regular(path, mode))
        elif _escapes(path, root):
            refused.append(
                f"'{path}' is a symbolic link to a file outside '{root}'; refusing to read it "
                "(name the link itself to check it)"
            )
        else:
            add(path, tree)

    def add(path: str, tree: str | None = None) -> None:
        key = path if path == "-" else os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            found.append((path, tree))

    for raw in paths:
        if raw == "-":
            add(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            documents = sorted(_walk(path))
            if not documents:
                suffixes = ", ".join(sorted(DOCUMENT_SUFFIXES))
                raise InputError(f"no documents ({suffixes}) found in directory '{raw}'")
            for document in documents:
                add_inside(str(document), raw, raw)
        elif path.exists():
            add(raw)
        elif glob.has_magic(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            files = [m for m in matches if os.path.lexists(m) and not os.path.isdir(m)]
            if not files:
                raise InputError(f"no files match '{raw}'")
            for match in files:
                add_inside(match, _glob_root(raw))
        else:
            raise InputError(f"no such file or directory: '{raw}'")
    if refused:
        raise InputError("\n".join(refused))
    return found


def _glob_root(pattern: str) -> str:
    """The directory a glob cannot leave: its path up to the first component with magic."""
    parts: list[str] = []
    for part in Path(pattern).parts:
        if glob.has_magic(part):
            break
        parts.append(part)
    return str(Path(*parts)) if parts else "."


def _escapes(path: str, root: str) -> bool:
    """Whether ``path`` (found under ``root``) resolves, through symbolic links, outside it."""
    real_root = Path(os.path.realpath(root))
    real = Path(os.path.realpath(path))
    return real != real_root and real_root not in real.parents


def _walk(root: Path) -> Iterator[Path]:
    for directory, subdirs, files in os.walk(root):
        # Hidden directories (.git, .venv, .tox) hold no documents the user means to check.
        subdirs[:] = [d for d in subdirs if not d.startswith(".") and d not in SKIPPED_DIRS]
        for name in files:
            candidate = Path(directory, name)
            if candidate.suffix.lower() in DOCUMENT_SUFFIXES and not name.startswith("."):
                yield candidate


def read_sources(
    paths: Sequence[str], stdin: BinaryIO | None = None, *, max_size: int = DEFAULT_MAX_SIZE
) -> list[Source]:
    """Read every document (:func:`read_source`); every refusal is listed in one
    :class:`InputError`, so a run with two bad files names both."""
    sources: list[Source] = []
    refused: list[str] = []
    for path in paths:
        try:
            sources.append(read_source(path, stdin, max_size=max_size))
        except InputError as exc:
            refused.append(str(exc))
    if refused:
        raise InputError("\n".join(refused))
    return sources


def read_source(
    path: str, stdin: BinaryIO | None = None, *, max_size: int = DEFAULT_MAX_SIZE
) -> Source:
    """Read one document: as text, or as bytes for a binary format (PDF, Word); problems become
    a diagnostic, refusals an :class:`InputError`.

    Refused (see the module docstring): anything but a regular file, and more than ``max_size``
    bytes, binary documents included. Unreadable (permissions, I/O errors), binary files of no
    known format are diagnostics; text in a legacy encoding is read with a warning.
    """
    display = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            if stdin is None:
                raise OSError("standard input is not available")
            data = stdin.read(max_size + 1)
        else:
            data = read_regular(path, max_size)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return Source(display, None, _problem("unreadable", f"cannot read {display}: {reason}"))
    if len(data) > max_size:
        raise InputError(too_large(display, max_size))
    binary = sniff_binary(data) or format_of_path(display)
    if binary is not None and binary.is_binary:
        return Source(display, None, data=data)
    text, problem = decode(data, display)
    return Source(display, text, problem)


def read_regular(path: str, max_size: int) -> bytes:
    """At most ``max_size + 1`` bytes of a regular file; :class:`InputError` for anything else."""
    info = os.stat(path)  # follows symbolic links: a link to /dev/zero is a character device
    _require_regular(path, info.st_mode)
    if info.st_size > max_size:
        raise InputError(too_large(path, max_size))
    # O_NONBLOCK: should the file be swapped for a FIFO after the stat, open() must not wait
    # for a writer; the descriptor is checked again below.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        _require_regular(path, os.fstat(fd).st_mode)
        chunks: list[bytes] = []
        remaining = max_size + 1
        while remaining > 0:
            chunk = os.read(fd, min(_CHUNK, remaining))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


_FILE_TYPES = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _require_regular(path: str, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):  # only when read_source is called on one: cannot read, as before
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
    raise InputError(_not_regular(path, mode))


def _not_regular(path: str, mode: int) -> str:
    kind = next((name for test, name in _FILE_TYPES if test(mode)), "not a regular file")
    return f"'{path}' is {kind}, not a regular file; refusing to read it"


def too_large(display: str, max_size: int) -> str:
    return (f"'{display}' is larger than --max-document-size ({_size(max_size)}); refusing to "
            "read it (raise the limit to check it)")


def _size(count: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= scale and count % scale == 0:
            return f"{count // scale} {unit}"
    return f"{count} bytes"


def decode(data: bytes, display: str) -> tuple[str | None, Diagnostic | None]:
    """Decode a document's bytes: UTF-8 (BOM allowed), BOM-marked UTF-16, the encoding the
    document declares (HTML/XML charset, a Gutenberg header), else Windows-1252 with a
    ``legacy-encoding`` warning beside the text; a binary file is an error diagnostic."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:_SNIFF_BYTES]:
        return None, _problem("binary", f"{display} looks like a binary file, not a document")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        at = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    declared = declared_encoding(data[:_SNIFF_BYTES])
    if declared is not None:
        try:
            return data.decode(declared), None  # the document says what it is: no news
        except (UnicodeDecodeError, LookupError):
            pass
    # Older texts (Project Gutenberg's -8.txt, pages saved before UTF-8 won) are Latin-1 or
    # Windows-1252: read them so, and say so, rather than giving nothing to check.
    try:
        text, legacy = data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        text, legacy = data.decode("latin-1"), "Latin-1"
    message = (f"{display} is not valid UTF-8 ({at}) and names no encoding; read as {legacy} "
               "(save it as UTF-8 to be sure)")
    return text, Diagnostic(code=DiagnosticCode.LEGACY_ENCODING, message=message)


# <meta charset="iso-8859-1">, <meta http-equiv="Content-Type" content="text/html;
# charset=iso-8859-1">, <?xml version="1.0" encoding="iso-8859-1"?>, and Project Gutenberg's
# "Character set encoding: ISO-8859-1" header line.
_DECLARED = re.compile(
    rb"""(?i)(?:<meta[^>]{0,200}?charset\s*=\s*["']?|<\?xml[^>]{0,100}?encoding\s*=\s*["']|"""
    rb"""^character set encoding:[ \t]*)([a-z][a-z0-9_.:-]{1,30})""",
    re.MULTILINE,
)


def declared_encoding(head: bytes) -> str | None:
    """The encoding a document's first bytes declare, if Python knows it (not UTF-8, which
    already failed)."""
    match = _DECLARED.search(head)
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    return None if name in ("utf-8", "utf-8-sig") else name


def _problem(code: str, message: str) -> Diagnostic:
    return Diagnostic(code=DiagnosticCode(code), message=message, severity="error")
