"""sphinxcontrib-bibtex citations: ``:cite:`key```, ``:footcite:p:`key``` and their entries.

The entries live in the project's ``.bib`` files, which Sphinx finds through ``conf.py``
(``bibtex_bibfiles = ["refs.bib"]``, relative to the folder of ``conf.py``). citecheck reads
what the document's folder holds: the files a ``conf.py`` beside the page names, else every
``.bib`` beside it (a page in a subfolder of the documentation sees neither). A cited key found
there is a note labelled by the key, as a LaTeX ``\\cite`` of it is; a key found nowhere is an
``unknown-cite-key`` diagnostic at its first use, never a silent empty result.
"""

from __future__ import annotations

from collections.abc import Sequence

from citecheck.models import Diagnostic, DiagnosticCode
from citecheck.parse.deferred import regex
from citecheck.parse.latex.bib import BibEntry, read_bib_files
from citecheck.parse.latex.source import Folder

__all__ = ["Database", "read_database", "unread_keys"]

_BIBFILES = regex(r"(?m)^\s*bibtex_bibfiles\s*=\s*[\[(]([^\])]*)[\])]")
_QUOTED = regex(r"""["']([^"'\n]+)["']""")


class Database:
    """The ``.bib`` entries a page can see, by key (first definition wins, as in BibTeX)."""

    def __init__(self, files: Sequence[str], entries: dict[str, BibEntry]) -> None:
        self.files = tuple(files)
        self.entries = entries
        self._folded = {key.casefold(): key for key in reversed(list(entries))}

    def find(self, key: str) -> BibEntry | None:
        """The entry of ``key``, whatever its case (BibTeX matches keys so)."""
        entry = self.entries.get(key)
        if entry is None and key.casefold() in self._folded:
            entry = self.entries[self._folded[key.casefold()]]
        return entry


def read_database(folder: Folder | None, diagnostics: list[Diagnostic]) -> Database:
    """The entries of the ``.bib`` files ``conf.py`` names beside the page, else of those
    beside it; none without a folder."""
    if folder is None:
        return Database((), {})
    names: list[str] = []
    conf = folder.read("conf.py")
    listed = _BIBFILES.search(conf) if conf else None
    if listed is not None:
        names = [n.strip() for n in _QUOTED.findall(listed.group(1)) if n.strip()]
    if not names:
        names = folder.names(".bib")
    read, entries = read_bib_files(folder, names, diagnostics,
                                   named_by=" (conf.py's bibtex_bibfiles)")
    return Database(read, entries)


def unread_keys(uses: Sequence[tuple[str, str, int]], database: Database) -> list[Diagnostic]:
    """One ``unknown-cite-key`` per key of ``uses`` (``(role, key, line)`` in document order)
    that ``database`` does not hold, at its first use."""
    places: dict[str, list[tuple[str, int]]] = {}
    for role, key, line in uses:
        if database.find(key) is None:
            places.setdefault(key, []).append((role, line))
    where = (f"names no entry in {', '.join(database.files)}" if database.files else
             "names an entry of the project's BibTeX database (sphinxcontrib-bibtex's "
             "bibtex_bibfiles), which is not beside the document: its source is not checked")
    problems = []
    for key, found in places.items():
        role, line = found[0]
        times = f" (cited {len(found)} times)" if len(found) > 1 else ""
        problems.append(Diagnostic(DiagnosticCode.UNKNOWN_CITE_KEY,
                                   f"{role}`{key}` {where}{times}", line=line, label=key))
    return problems
