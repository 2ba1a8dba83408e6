"""Find and read the documents a run was asked to check (the only file reads in citecheck).

A path that does not exist is a usage error (:class:`InputError`). A file that exists but cannot
be read as text (permissions, binary, undecodable) is not: it becomes a document with an error
diagnostic, so one bad file in a directory does not hide the report on the others.
"""

from __future__ import annotations

import glob
import os
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
    """A path the user gave cannot be used at all (exit code 2)."""


@dataclass(frozen=True, slots=True)
class Source:
    """One input document: its text (or its bytes, for PDF and Word), or why it was not read."""

    path: str
    text: str | None
    problem: Diagnostic | None = None
    data: bytes | None = None  # a binary document (parse.parse_bytes reads it); text is None


def discover(paths: Sequence[str]) -> list[str]:
    """Expand the user's paths (files, directories, globs, ``-``) into document paths, in order.

    Raises :class:`InputError` for a path that does not exist or a directory with no documents.
    Duplicates (the same file reached twice) are read once.
    """
    found: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = path if path == "-" else os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            found.append(path)

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
                add(str(document))
        elif path.exists():
            add(raw)
        elif glob.has_magic(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            files = [m for m in matches if Path(m).is_file()]
            if not files:
                raise InputError(f"no files match '{raw}'")
            for match in files:
                add(match)
        else:
            raise InputError(f"no such file or directory: '{raw}'")
    return found


def _walk(root: Path) -> Iterator[Path]:
    for directory, subdirs, files in os.walk(root):
        # Hidden directories (.git, .venv, .tox) hold no documents the user means to check.
        subdirs[:] = [d for d in subdirs if not d.startswith(".") and d not in SKIPPED_DIRS]
        for name in files:
            candidate = Path(directory, name)
            if candidate.suffix.lower() in DOCUMENT_SUFFIXES and not name.startswith("."):
                yield candidate


def read_source(path: str, stdin: BinaryIO | None = None) -> Source:
    """Read one document as text; problems become a diagnostic, never an exception."""
    display = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            if stdin is None:
                raise OSError("standard input is not available")
            data = stdin.read()
        else:
            data = Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return Source(display, None, _problem("unreadable", f"cannot read {display}: {reason}"))
    binary = sniff_binary(data) or format_of_path(display)
    if binary is not None and binary.is_binary:
        return Source(display, None, data=data)
    text, problem = decode(data, display)
    return Source(display, text, problem)


def decode(data: bytes, display: str) -> tuple[str | None, Diagnostic | None]:
    """Decode a document's bytes: UTF-8 (BOM allowed) or BOM-marked UTF-16; else a diagnostic."""
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
        message = (
            f"{display} is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start});"
            " convert it to UTF-8"
        )
        return None, _problem("undecodable", message)


def _problem(code: str, message: str) -> Diagnostic:
    return Diagnostic(code=DiagnosticCode(code), message=message, severity="error")
