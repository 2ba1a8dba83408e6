"""A document's own folder, as the LaTeX reader may read it (``\\input``, ``.bib`` files).

Reading sibling files is I/O, so it happens here, at the edge, and the reader gets a
:class:`DocumentFolder`. Only regular files inside the document's folder (or below it) are
read: an absolute name or one that climbs out with ``..`` (or through a symbolic link) is
refused, so a document cannot make citecheck read ``/etc/passwd`` into a report.
"""

from __future__ import annotations

import os
from pathlib import Path

from citecheck.collect.documents import DEFAULT_MAX_SIZE, InputError, decode, read_regular

__all__ = ["DocumentFolder"]

class DocumentFolder:
    """The folder holding one document; remembers which of its files were read."""

    def __init__(self, document: str, *, max_size: int = DEFAULT_MAX_SIZE) -> None:
        self.root = Path(document).resolve().parent
        self.max_size = max_size  # --max-document-size holds for these files too
        self.read_paths: list[str] = []  # real paths of the files read, in order
        # ... and for all of them together: a document cannot \input a thousand large files.
        self.budget = max_size

    def read(self, name: str) -> str | None:
        """The text of ``name`` (relative to the folder), or None if it may not or cannot be."""
        if not name or os.path.isabs(name) or name.startswith(("~", "\\")):
            return None
        if not self._inside(name):
            return None
        path = (self.root / name).resolve()
        try:
            # A regular file only, read without blocking and never past the cap (a FIFO or a
            # link to /dev/zero named chapter.tex must not hang or exhaust memory).
            data = read_regular(str(path), self.budget)
        except (OSError, InputError):
            return None
        if len(data) > self.budget:
            return None
        self.budget -= len(data)
        text, _problem = decode(data, name)
        if text is not None:
            self.read_paths.append(str(path))
        return text

    def names(self, suffix: str) -> list[str]:
        """The folder's own regular files ending in ``suffix`` (case-insensitive), sorted."""
        try:
            entries = sorted(os.listdir(self.root))
        except OSError:
            return []
        return [name for name in entries
                if name.lower().endswith(suffix.lower()) and not name.startswith(".")
                and self._inside(name)]

    def _inside(self, name: str) -> bool:
        try:
            path = (self.root / name).resolve()
        except (OSError, RuntimeError):
            return False
        return path.is_relative_to(self.root) and path.is_file()
