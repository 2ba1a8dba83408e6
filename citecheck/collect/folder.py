"""A document's own folder, as the LaTeX reader may read it (``\\input``, ``.bib`` files).

Reading sibling files is I/O, so it happens here, at the edge, and the reader gets a
:class:`DocumentFolder`. Only regular files inside the document's folder (or below it) are
read: an absolute name or one that climbs out with ``..`` (or through a symbolic link) is
refused, so a document cannot make citecheck read ``/etc/passwd`` into a report. One exception,
bounded: a document kept in a subfolder of its project (``src/thesis.tex``) whose build file
one or two levels up names that subfolder (a ``Makefile`` with ``TEXINPUTS=src/`` or
``src/thesis.tex``, a ``latexmkrc``) is built from there, so TeX reads ``bib/ieee.bib`` from
the project's folder: that folder is the limit then, and ``../bib/ieee.bib`` may be read.

A document found in a directory the user named (``citecheck seminar/`` finding
``seminar/paper/paper.tex``) may read what it names with ``../`` as far as that directory
reaches (``\bibliography{../bib}`` is ``seminar/bib.bib``): the user pointed at that tree. The
directory is then the limit, whatever a build file says, and a symbolic link out of it is refused
as any other path out of it.
"""

from __future__ import annotations

import os
from pathlib import Path

from citecheck.collect.documents import DEFAULT_MAX_SIZE, InputError, decode, read_regular

__all__ = ["DocumentFolder"]

class DocumentFolder:
    """The folder holding one document; remembers which of its files were read."""

    def __init__(self, document: str, *, max_size: int = DEFAULT_MAX_SIZE,
                 tree: str | None = None) -> None:
        """``tree``: the directory the user named that the document was found in, if any."""
        self.root = Path(document).resolve().parent
        named = Path(tree).resolve() if tree is not None else None
        # the directory the user named, else the root or the project folder a build runs in
        self.limit = named if named is not None and self.root.is_relative_to(named) \
            else _build_root(self.root)
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
        return path.is_relative_to(self.limit) and path.is_file()


# Files that run a LaTeX build, and how far above the document one may be.
_BUILD_FILES = ("Makefile", "makefile", "GNUmakefile", "latexmkrc", ".latexmkrc")
_BUILD_LEVELS = 2
_BUILD_FILE_MAX = 256 * 1024


def _build_root(root: Path) -> Path:
    """The folder a document's build runs in: the nearest of its two ancestors holding a build
    file that names the document's folder (``src/`` in ``TEXINPUTS=src/``, ``src/thesis.tex``),
    else the document's own folder. Naming it is what ties the build file to this document: a
    ``Makefile`` that merely lies above (in a home folder) widens nothing."""
    here = root
    for _ in range(_BUILD_LEVELS):
        parent = here.parent
        if parent == here:
            break
        named = root.relative_to(parent).as_posix() + "/"
        for name in _BUILD_FILES:
            try:
                text = read_regular(str(parent / name), _BUILD_FILE_MAX)
            except (OSError, InputError):
                continue
            if named in text.decode("utf-8", "replace"):
                return parent
        here = parent
    return root
