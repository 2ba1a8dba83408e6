"""LaTeX documents and BibTeX databases as notes and markers.

In a ``.tex`` document a note is a ``\\footnote`` (labels ``fn1``, ``fn2``… in document order)
or a cited database entry (label: its key); the markers are the footnotes and the ``\\cite``
commands, each with the sentence it supports. A ``.bib`` file alone lists every entry that has
an address (``url``, ``doi``, an arXiv ``eprint``, ``\\url`` in ``howpublished``/``note``).
"""

from __future__ import annotations

from dataclasses import replace

from citecheck.models import Citation, Diagnostic, DiagnosticCode
from citecheck.parse.base import RawMarker, RawNote, ReaderOutput
from citecheck.parse.inline import body_link
from citecheck.parse.latex.bib import (
    BibEntry,
    addresses,
    eprint_is_url,
    read_bib,
    read_bib_files,
    read_biber_bbl,
)
from citecheck.parse.latex.bst import Style, read_style
from citecheck.parse.latex.source import (
    BUILD_FOLDERS,
    BibItem,
    Cite,
    Embedded,
    Folder,
    Footnote,
    LatexSource,
    Link,
    scan,
)

__all__ = ["entry_note", "read_bibtex", "read_latex"]

_CONTAINERS = ("journaltitle", "journal", "booktitle", "series", "publisher", "institution",
               "school", "organization", "howpublished")


def read_latex(text: str, name: str = "-", folder: Folder | None = None) -> ReaderOutput:
    """Notes, markers and diagnostics of the LaTeX document ``text``.

    ``folder`` reads the files the document names (``\\input``, ``\\include``,
    ``\\bibliography``, ``\\addbibresource``) and lists the ``.bib`` files beside it when it
    names none; without one, only ``text`` is read.
    """
    found = scan(text, _base(name), folder)
    diagnostics = list(found.diagnostics)
    embedded = _WithEmbedded(folder, found.embedded)
    if found.embedded:
        folder = embedded
    items = _typeset_list(found, _base(name), folder)
    # A thebibliography the document writes is its bibliography: a .bib that merely lies beside
    # it (shipped, never named by \bibliography) is not read, as LaTeX does not read it.
    entries = _databases(found.bibliographies, folder, diagnostics,
                         quiet=bool(items), beside=not found.bibitems)
    # The typeset list stands in for the database (no .bib read): every item it holds is
    # printed, cited or not, so every item is a note.
    printed = list(items) if items and not entries else []
    for key, entry in entries.items():
        if isinstance(entry, BibEntry) and entry.source in embedded.used:
            # written by \begin{filecontents}: its lines are those of the file holding it
            entries[key] = replace(entry, source=found.embedded[entry.source].source or "")
    # What the BibTeX style prints of each entry, in its order, is what the reader sees
    # (biblatex's styles print every link field).
    style = None if found.biblatex else _style(found.style, folder)
    if found.biblatex:
        # biblatex links an eprint of a known eprinttype (arXiv, JSTOR, …); any other is
        # printed as text ("eprint: http://…full.pdf"), no link.
        for key, entry in entries.items():
            if isinstance(entry, BibEntry) and eprint_is_url(entry.fields):
                linked = [link for link in entry.links if link[0] != "eprint"]
                entries[key] = replace(entry, urls=addresses(linked, entry.fields))
    if style is not None:
        for key, entry in entries.items():
            if isinstance(entry, BibEntry) and entry.links:
                shown = style.printed(entry.entry_type, entry.links, entry.fields)
                entries[key] = replace(entry, urls=tuple(dict.fromkeys(shown)))
    for key, item in items.items():  # the .bib entries win: they have the fields
        entries.setdefault(key, item)
    notes: list[RawNote] = []
    markers: list[RawMarker] = []
    noted: set[str] = set()
    missing: dict[str, list[tuple[str | None, int]]] = {}
    links = 0
    # BibTeX matches keys whatever their case (biber warns): "\cite{Knuth}" finds "knuth".
    folded: dict[str, str] = {}
    for key in entries:
        folded.setdefault(key.casefold(), key)

    # A note's label is the key as the writer first cites it ("\cite{GMPY}" of "@misc{gmpy"):
    # the spelling they will look for in their source.
    spelled: dict[str, str] = {}

    def note_entry(key: str, written: str) -> None:
        if key not in noted:
            noted.add(key)
            label = spelled.setdefault(key, written)
            entry = entries[key]
            notes.append(entry_note(entry, file=entry.source or None, label=label)
                         if isinstance(entry, BibEntry)
                         else RawNote(label, entry.line, entry.text, hrefs=entry.urls,
                                      listed=True, file=entry.source))

    def known(written: str) -> str:
        return written if written in entries else folded.get(written.casefold(), written)

    citing: list[tuple[int, str]] = []  # footnotes that \cite an entry: (note index, key)
    for event in found.events:
        if isinstance(event, Footnote):
            cited = [key for key in map(known, event.cited) if key in entries]
            if len(set(cited)) == 1:  # two different entries: a note of its own, not a short form
                citing.append((len(notes), cited[0]))
            notes.append(RawNote(event.label, event.line, event.text, hrefs=event.urls,
                                 column=event.column, listed=event.cites, file=event.source))
            markers.append(RawMarker(event.label, event.line, event.sentence, event.column,
                                     file=event.source))
        elif isinstance(event, Link):
            links += 1
            note, marker = body_link(links, event.text, event.url, event.sentence,
                                     line=event.line, column=event.column, file=event.source)
            notes.append(note)
            markers.append(marker)
        elif isinstance(event, Cite):
            for written in event.keys:
                key = known(written)
                if key == "*" and event.listed_only:  # \nocite{*}: the whole database
                    for every in entries:
                        note_entry(every, every)
                elif key in entries:
                    note_entry(key, written)
                    if not event.listed_only:
                        markers.append(RawMarker(spelled[key], event.line, event.sentence,
                                                 event.column, file=event.source))
                else:
                    missing.setdefault(key, []).append((event.source, event.line))
    for key in printed:
        note_entry(key, key)
    # A footnote that cites one entry names its source: without an address of its own it is a
    # short form of that entry, which holds the address. One citing two or more different
    # entries repeats none of them: it is a full note, its sources those entries.
    for index, key in citing:
        notes[index] = replace(notes[index], refers_to=spelled.get(key, key))
    where = ", ".join(sorted({entry.source or _base(name) for entry in entries.values()
                              if isinstance(entry, BibEntry)} | ({"the typeset bibliography"}
                                                                 if items else set()))) \
        or "no .bib file"
    for key, places in missing.items():
        times = f" (cited {len(places)} times)" if len(places) > 1 else ""
        source, line = places[0]
        # A line of an \input file is not a line of the document: name the file instead.
        prefix = f"{source}:{line}: " if source else ""
        diagnostics.append(Diagnostic(
            DiagnosticCode.UNKNOWN_CITE_KEY,
            f"{prefix}\\cite{{{key}}} names no entry in {where}{times}",
            line=None if source else line, label=key))
    return ReaderOutput(notes, markers, diagnostics)


def read_bibtex(text: str, name: str = "-") -> ReaderOutput:
    """Every entry of a ``.bib`` file that has an address, as a listed note (label: its key)."""
    entries, problems = read_bib(text, _base(name))
    diagnostics = [Diagnostic(DiagnosticCode.BAD_ENTRY, p.message, line=p.line) for p in problems]
    notes = [entry_note(entry) for entry in entries if entry.urls or entry.doi]
    return ReaderOutput(notes, [], diagnostics)


def entry_note(entry: BibEntry, file: str | None = None, label: str | None = None) -> RawNote:
    """A database entry as a note: a full citation of its addresses, its fields as citation.

    ``file``: the database's name relative to the document's folder, when the entry is not
    in the document itself (a .tex document's .bib); its ``line`` is a line of that file.
    ``label``: the key as the document cites it, when its case differs from the entry's.
    """
    authors = tuple(a.strip() for a in entry.plain("author").split(" and ") if a.strip()) or \
        tuple(a.strip() for a in entry.plain("editor").split(" and ") if a.strip())
    title = entry.plain("title") or None
    container = next((text for field in _CONTAINERS
                      if (text := entry.plain(field)) and "://" not in text), None)
    date = entry.plain("date") or entry.plain("year") or None
    words = [", ".join(authors), f"“{title}”" if title else "", container or "", date or ""]
    text = ". ".join(w for w in words if w) or entry.key
    citation = Citation(authors=authors, title=title, container=container, date=date,
                        accessed=entry.accessed, doi=entry.doi)
    return RawNote(label or entry.key, entry.line, text, hrefs=entry.urls, listed=True,
                   citation=citation, file=file)


def _typeset_list(
    found: LatexSource, name: str, folder: Folder | None
) -> dict[str, BibItem | BibEntry]:
    """``\\bibitem`` entries: the document's own ``thebibliography``, else its ``.bbl``.

    Preprint archives ship a paper's sources with the ``.bbl`` BibTeX wrote and often without
    the ``.bib``; the ``.bbl`` is a ``thebibliography`` list, or biber's entry list for biblatex.
    """
    items = list(found.bibitems)
    if not items and folder is not None:
        stem = name.rsplit(".", 1)[0]
        candidates = [f"{stem}.bbl", *folder.names(".bbl")]
        for bbl in dict.fromkeys(candidates):
            text = folder.read(bbl)
            if text is None:
                continue
            if "\\entry{" in text and "thebibliography" not in text:  # biber's, for biblatex
                biber: dict[str, BibItem | BibEntry] = {}
                for entry in read_biber_bbl(text, bbl):
                    biber.setdefault(entry.key, entry)
                return biber
            items = [replace(item, source=bbl) for item in scan(text, bbl, None).bibitems]
            break
    listed: dict[str, BibItem | BibEntry] = {}
    for item in items:
        listed.setdefault(item.key, item)
    return listed


def _style(style: str | None, folder: Folder | None) -> Style | None:
    """The BibTeX style's reading of the link fields (see bst.py). Only a style whose ``.bst``
    is at hand tells: the one ``\\bibliographystyle`` names, else the only one beside the
    document, as a journal's class names it."""
    if folder is None:
        return None
    if style is None:
        styles = folder.names(".bst")
        style = styles[0] if len(styles) == 1 else None
    if style is None:
        return None
    # (the project's folder above, when a build runs there, as for the .bib files)
    text = _FromBuildFolder(folder).read(style if style.lower().endswith(".bst")
                                         else style + ".bst")
    return read_style(text) if text is not None else None


def _databases(named: list[str], folder: Folder | None, diagnostics: list[Diagnostic], *,
               quiet: bool = False, beside: bool = True) -> dict[str, BibEntry | BibItem]:
    """The entries of the .bib files the document names, else (``beside``) of those beside it
    (first wins).

    ``quiet``: a named .bib that is missing is no problem when a typeset list stands in.
    """
    if folder is None:
        return {}
    names = [n if n.lower().endswith(".bib") else n + ".bib" for n in named]
    if not names and beside:
        names = folder.names(".bib")
    built = _FromBuildFolder(folder)
    _read, entries = read_bib_files(built, names, diagnostics, quiet=quiet)
    return {key: replace(entry, source=built.found.get(entry.source, entry.source))
            for key, entry in entries.items()}


class _FromBuildFolder:
    """The document's folder, where a name it lacks is read from the folder above (or the one
    above that), which the folder allows when a build file there names the document's folder:
    ``latexmk`` run from the project's root reads ``\\addbibresource{bib/ieee.bib}`` there,
    though the document is ``src/thesis.tex`` (see ``citecheck/collect/folder.py``)."""

    def __init__(self, folder: Folder) -> None:
        self.folder = folder
        self.found: dict[str, str] = {}  # name as written → name from the document's folder

    def read(self, name: str) -> str | None:
        text = self.folder.read(name)
        if text is not None or name.startswith(("/", "..")):
            return text
        for up in BUILD_FOLDERS:
            text = self.folder.read(up + name)
            if text is not None:
                self.found[name] = up + name
                return text
        return None

    def names(self, suffix: str) -> list[str]:
        return self.folder.names(suffix)


class _WithEmbedded:
    """The document's folder, with the files its ``filecontents`` environments write where
    the folder lacks them (LaTeX writes such a file only when it does not exist, unless told
    to ``[overwrite]`` it)."""

    def __init__(self, folder: Folder | None, embedded: dict[str, Embedded]):
        self.folder = folder
        self.embedded = embedded
        self.used: set[str] = set()  # the names read from the document, not the folder

    def read(self, name: str) -> str | None:
        written = self.embedded.get(name)
        text = None if written is not None and written.overwrite else \
            self.folder.read(name) if self.folder is not None else None
        if text is None and written is not None:
            self.used.add(name)
            return written.text
        return text

    def names(self, suffix: str) -> list[str]:
        names = self.folder.names(suffix) if self.folder is not None else []
        extra = [n for n in self.embedded if n.lower().endswith(suffix.lower())]
        return sorted(set(names) | set(extra))


def _base(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1]
