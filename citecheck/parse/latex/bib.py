"""BibTeX/BibLaTeX databases: each entry's key, line, plain-text fields and checkable URLs.

bibtexparser 2 splits the file into blocks (keeping each entry's line and surviving broken and
duplicate entries); the field values stay raw LaTeX, decoded here with the same pylatexenc
context as the ``.tex`` reader. bibtexparser's own LaTeX-decoding middleware is not used: it
drops whole entries holding ``\\href`` and cuts ``\\url{…%20…}`` at the ``%``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import bibtexparser
from bibtexparser import model
from bibtexparser.library import Library
from bibtexparser.middlewares.parsestack import default_parse_stack
from pylatexenc import latexwalker as lw

from citecheck.models import Diagnostic, DiagnosticCode, DocumentFormat
from citecheck.parse.deferred import regex
from citecheck.parse.latex.bibvalues import join_value, url_spelling
from citecheck.parse.latex.context import (
    CONTEXT,
    DISCRETIONARY,
    PLACEHOLDER,
    TO_TEXT,
    join_percent_lines,
    link_nodes,
    unwrap_url,
    url_of,
)
from citecheck.parse.latex.macros import group_end
from citecheck.parse.reduced import too_dense
from citecheck.parse.urls import DOI_BASE, find_doi, url_identity, url_spans, web_address

if TYPE_CHECKING:
    from citecheck.parse.latex.source import Folder

__all__ = ["BibEntry", "BibProblem", "addresses", "eprint_is_url", "read_bib", "read_bib_files",
           "read_biber_bbl"]

# bibtexparser logs every aborted block as a WARNING, which Python prints on stderr when the
# application configured no logging; the failure is reported as a diagnostic instead.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

_DOI = regex(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = regex(r"(?i)^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)")
_SCHEMED = regex(r"(?i)[a-z][a-z0-9+.-]*://")
# "URL $\{$http://…$\}$": braces an exporter escaped (in math, to print them) around a URL.
_ESCAPED_BRACE = regex(r"\$?\\[{}]\$?")
# "R package version 3.5.1https://www.apache.org": a scheme glued to the text before it.
_GLUED_SCHEME = regex(r"(?<=[A-Za-z0-9])(?=(?:https?|ftp)://)")
_NEW_ARXIV = regex(r"\d{4}\.\d{4,5}(?:v\d+)?")
_OLD_ARXIV = regex(r"[a-z-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?")
_ESCAPES = regex(r"\\([%#&_~$])")
_SCHEME_START = regex(r"(?i)(?:[a-z][a-z0-9+.-]*://|www\d{0,3}\.|doi:|mailto:)")
_LATEX_SYNTAX = regex(r"[\\$%~^]|--|``|''")
#: Fields whose ``\\url``/``\\href`` (or bare URL) is the entry's address besides ``url``.
_LINK_FIELDS = ("howpublished", "note", "addendum")
#: The other fields BibTeX's and biblatex's standard styles print: a ``\\url``/``\\href`` in
#: one (``publisher = {\\url{www.diplom.de}}``, an ``organization``'s) is an address the reader
#: sees. Not an ``abstract`` or a reference manager's own field, nor one a style ignores
#: (``_note``: the underscore hides it from BibTeX).
_PRINTED_FIELDS = frozenset({
    "author", "editor", "title", "subtitle", "titleaddon", "maintitle", "booktitle",
    "booktitleaddon", "eventtitle", "journal", "journaltitle", "series", "edition", "version",
    "volume", "number", "chapter", "pages", "type", "publisher", "organization", "institution",
    "school", "address", "location", "venue", "pubstate", "month", "year", "date",
})


@dataclass(frozen=True, slots=True)
class BibEntry:
    """One database entry as citecheck reads it."""

    key: str
    line: int  # 1-based, in its .bib file
    source: str  # the .bib file's name
    entry_type: str
    fields: dict[str, str]  # lower-cased names → raw LaTeX values
    urls: tuple[str, ...]  # its link fields' addresses in written order, then the DOI's
    doi: str | None
    links: tuple[tuple[str, str], ...] = ()  # (field, address) for urls, repeats kept

    @property
    def accessed(self) -> str | None:
        """The access date (biblatex ``urldate``, or ``lastchecked``/``accessed``)."""
        for name in ("urldate", "lastchecked", "accessed"):
            value = self.fields.get(name, "").strip("{} ")
            if value:
                return value
        return None

    def plain(self, name: str) -> str:
        """A field as plain text (``{Gr\\"o{\\ss}e}`` → ``Größe``), empty when missing."""
        value = self.fields.get(name, "")
        return latex_to_text(value) if value else ""


@dataclass(frozen=True, slots=True)
class BibProblem:
    """A block bibtexparser could not read."""

    line: int
    message: str


def latex_to_text(value: str) -> str:
    """LaTeX field text as plain text, whitespace normalised."""
    if not _LATEX_SYNTAX.search(value):  # most fields: only protective braces
        return " ".join(value.replace("{", "").replace("}", "").split())
    try:
        nodes = lw.LatexWalker(value, latex_context=CONTEXT, tolerant_parsing=True)
        text: str = TO_TEXT.nodelist_to_text(nodes.get_latex_nodes()[0])
    except (lw.LatexWalkerError, IndexError, ValueError):
        text = value
    return " ".join(PLACEHOLDER.sub("", text).split())


def read_bib_files(
    folder: Folder,
    names: Iterable[str],
    diagnostics: list[Diagnostic],
    *,
    quiet: bool = False,
    named_by: str = "",
) -> tuple[list[str], dict[str, BibEntry]]:
    """The ``.bib`` files ``names`` in ``folder`` that could be read, and their entries by key
    (the first definition wins, as in BibTeX), for a LaTeX document and an rST page alike.

    A file that cannot be read (unless ``quiet``), one too dense to read in time and each bad
    entry are diagnostics; ``named_by`` says, after a missing file's name, what named it.
    """
    read: list[str] = []
    entries: dict[str, BibEntry] = {}
    for name in dict.fromkeys(names):
        text = folder.read(name)
        if text is None:
            if not quiet:
                # A name that climbs out is read only inside a directory the user named.
                above = " (a name with ../ is read only inside a directory named on the " \
                    "command line: name the folder that holds both)" \
                    if name.replace("\\", "/").startswith("../") else ""
                diagnostics.append(Diagnostic(
                    DiagnosticCode.MISSING_BIBLIOGRAPHY,
                    f"bibliography {name}{named_by} cannot be read from the document's folder"
                    f"{above}; its entries are not checked"))
            continue
        dense = too_dense(text, DocumentFormat.BIBTEX)
        if dense is not None:  # a .bib is bounded as the document is
            diagnostics.append(Diagnostic(DiagnosticCode.DOCUMENT_TOO_DENSE,
                                          f"bibliography {name} is not read: {dense}"))
            continue
        found, problems = read_bib(text, name)
        diagnostics += [Diagnostic(DiagnosticCode.BAD_ENTRY, p.message) for p in problems]
        read.append(name)
        for entry in found:
            entries.setdefault(entry.key, entry)
    return read, entries


def read_bib(text: str, source: str) -> tuple[list[BibEntry], list[BibProblem]]:
    """Every entry of a .bib file (in file order) and the blocks that could not be read."""
    library = bibtexparser.parse_string(text)  # type: ignore[attr-defined]
    problems: list[BibProblem] = []
    blocks: list[Any] = list(library.entries)
    for block in library.failed_blocks:
        if isinstance(block, model.DuplicateFieldKeyBlock) and isinstance(
            block.ignore_error_block, model.Entry
        ):  # a repeated field: the entry is still whole, keep it
            blocks.append(_as_parsed(block.ignore_error_block, library))
            continue
        line = (block.start_line or 0) + 1
        if isinstance(block, model.DuplicateBlockKeyBlock):
            problems.append(BibProblem(line, f"{source}: entry '{block.key}' is defined again "
                                             f"on line {line}; the first one is used"))
        else:
            problems.append(BibProblem(line, f"{source}: cannot read the entry on line {line}"))
    blocks.sort(key=lambda block: block.start_line or 0)
    strings = {string.key.lower(): str(string.value) for string in library.strings}
    return [_entry(block, source, strings) for block in blocks], problems


def _as_parsed(entry: model.Entry, library: Any) -> Any:
    """A kept entry bibtexparser failed on, given what its parse stack gives the others
    (``@string`` names resolved, the ``{…}``/``"…"`` around each value removed): it returns
    such an entry untouched, quotes and all."""
    alone = Library([*library.strings, entry])
    for middleware in default_parse_stack(allow_inplace_modification=False):
        alone = middleware.transform(alone)
    return alone.entries[0] if alone.entries else entry


def _entry(block: Any, source: str, strings: dict[str, str] | None = None) -> BibEntry:
    fields: dict[str, str] = {}
    enclosing = block.parser_metadata.get("removed_enclosing") or {}
    for item in block.fields:
        value = item.value if isinstance(item.value, str) else str(item.value)
        if "#" in value and enclosing.get(item.key) == "no-enclosing":
            # "base # {/report.pdf}": BibTeX joins the parts (bibtexparser does not)
            joined = join_value(value, strings or {})
            value = value if joined is None else joined
        fields.setdefault(item.key.lower(), value)
    doi = _doi(fields.get("doi", ""))
    links = _written_order(_links(fields, doi), fields)
    return BibEntry(block.key, (block.start_line or 0) + 1, source, block.entry_type.lower(),
                    fields, addresses(links, fields), doi, links)


def addresses(links: Iterable[tuple[str, str]], fields: dict[str, str]) -> tuple[str, ...]:
    """An entry's addresses without repeats. Two spellings of one source (one DOI, one arXiv
    page: :func:`~citecheck.parse.urls.url_identity`) are one, and the address the entry
    writes (its ``url``, an ``eprint`` URL) wins over one built from an identifier
    (``https://arxiv.org/abs/ID`` from an arXiv ``eprint``, ``https://doi.org/DOI``): the url
    as written is what is checked."""
    links = list(links)
    written = {url_identity(url) for field, url in links if not _built(field, url, fields)}
    return tuple(dict.fromkeys(url for field, url in links if not (
        _built(field, url, fields) and url_identity(url) in written)))


def _built(field: str, url: str, fields: dict[str, str]) -> bool:
    if field == "doi":
        return url.startswith(DOI_BASE)
    return field == "eprint" and not eprint_is_url(fields)


def eprint_is_url(fields: dict[str, str]) -> bool:
    """Whether the ``eprint`` field holds an address (``http://plms.oxfordjournals.org/…``)
    rather than an identifier (``arXiv:1201.3898``)."""
    return "://" in fields.get("eprint", "")


def _links(fields: dict[str, str], doi: str | None) -> tuple[tuple[str, str], ...]:
    """``(field, address)`` for each address of an entry: its fields', then its DOI's. A url
    is the link the entry gives, as written: one that names the entry's own DOI, plainly
    (``http://dx.doi.org/10.1007/BF02484215``) or percent-encoded as reference managers export
    it (``https://doi.org/10.21105%2Fjoss.00388``), is still that DOI, one source (see
    :func:`~citecheck.parse.urls.url_identity`), checked once."""
    links = _field_links(fields)
    if doi:
        links.append(("doi", DOI_BASE + doi))
    # An address two fields give stays under both: a style may print one and not the other.
    return tuple(links)


def _written_order(links: tuple[tuple[str, str], ...],
                   fields: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """An entry's field addresses in the order its fields are written (``eprint`` before
    ``url``, a ``note``'s ``\\href`` before ``url``), the DOI's own address last: what a
    reader of the ``.bib`` sees when no style prints it (a style at hand orders them itself)."""
    position = {name: index for index, name in enumerate(fields)}
    last = len(position)
    return tuple(sorted(links, key=lambda link: last if link[0] == "doi" and link[1].startswith(
        DOI_BASE) else position.get(link[0], last)))


def _field_links(fields: dict[str, str]) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    url = _unbrace(fields.get("url", ""))
    if url:
        links += [("url", u) for u in (_latex_urls(url) if "\\url" in url or "\\href" in url
                                        else _plain_urls(url))]
    doi = _unbrace(fields.get("doi", ""))
    if "://" in doi and not _doi(doi):  # "doi = https://cds.cern.ch/record/1": an address
        links += [("doi", u) for u in _plain_urls(doi)]
    if eprint_is_url(fields):  # "eprint = {http://plms.oxfordjournals.org/…}": that address
        links += [("eprint", u) for u in _plain_urls(_unbrace(fields["eprint"]))]
    else:
        arxiv = _arxiv_url(fields)
        if arxiv:
            links.append(("eprint", arxiv))
    for name, value in fields.items():
        # A bare URL counts in any field a style prints: "journal = {URL https://…}" is how
        # exporters (Google Scholar's among them) write a web page's address.
        if value and (name in _LINK_FIELDS or name in _PRINTED_FIELDS):
            links += [(name, u) for u in _latex_urls(value)]
    return [(field, url) for field, url in links if url]


def _arxiv_url(fields: dict[str, str]) -> str | None:
    eprint = _arxiv(fields)
    return "https://arxiv.org/abs/" + eprint if eprint else None


def _arxiv(fields: dict[str, str]) -> str | None:
    """The arXiv identifier of an entry's ``eprint`` (``arXiv:`` prefix dropped), if it is one."""
    eprint = _unbrace(fields.get("eprint", "")).strip()
    archive = _unbrace(fields.get("archiveprefix") or fields.get("eprinttype") or "").lower()
    if eprint.lower().startswith("arxiv:"):
        return eprint[6:].strip()
    if archive == "arxiv" and eprint:
        return eprint
    if not archive and (_NEW_ARXIV.fullmatch(eprint) or _OLD_ARXIV.fullmatch(eprint)):
        return eprint
    return None


def _doi(value: str) -> str | None:
    value = _DOI_PREFIX.sub("", _unescape(url_spelling(_unbrace(value))).strip())
    found = _DOI.search(value)
    if found is None:
        return None
    doi = found.group(0).rstrip(".,;")
    # "10.1371/journal.pcbi. 1004568": a DOI cut after a dot is rejoined as in prose.
    rejoined = find_doi(value[found.start() :]) if found.end() < len(value) else None
    return rejoined if rejoined is not None and rejoined.startswith(doi) else doi


def _latex_urls(value: str) -> list[str]:
    """``\\url``/``\\href`` addresses in a LaTeX field; bare URLs when it has no such macro."""
    if "\\url" not in value and "\\href" not in value:
        return _bare_urls(value)
    try:
        nodes = lw.LatexWalker(value, latex_context=CONTEXT, tolerant_parsing=True)
        found = nodes.get_latex_nodes()[0]
    except (lw.LatexWalkerError, IndexError, ValueError):
        return []
    return [url_of(node) for node in link_nodes(found)]


def _bare_urls(value: str) -> list[str]:
    """The addresses written with their scheme in a field's text without ``\\url``.

    A URL an exporter spaced out (``URL http://ethereum. org/ethereum. html``, ``URL
    https://github.com /ethereum /EIPs``) is rejoined where the pieces are plainly URL text,
    as in prose (:func:`~citecheck.parse.urls.url_spans`); a following word stays out.
    """
    if "://" not in value:
        return []
    text = _GLUED_SCHEME.sub(" ", _ESCAPED_BRACE.sub(" ", _unescape(value)))
    return [url for start, _, url in url_spans(text) if _SCHEMED.match(text, start)]


def _plain_urls(value: str) -> list[str]:
    """The addresses of a ``url`` field written without ``\\url``.

    ``url = {https://a.org/x https://b.org/y}`` holds two; a line break in one address
    (``https://a.org/%⏎x`` or ``https://a.org/⏎  x``) is joined, as biblatex's ``\\url``
    drops spaces: a new address starts only where a scheme does.
    """
    urls: list[str] = []
    for word in (unwrap_url(w) for w in join_percent_lines(url_spelling(value)).split()):
        if _SCHEME_START.match(word) or not urls:
            urls.append(word)
        else:
            urls[-1] += word
    return [web_address(url) for url in urls]


def _unbrace(value: str) -> str:
    value = value.strip()
    while len(value) >= 2 and value[0] == "{" and value[-1] == "}":
        value = value[1:-1].strip()
    return value


def _unescape(value: str) -> str:
    return _ESCAPES.sub(r"\1", DISCRETIONARY.sub("", value))


_BIBER_FIELD = regex(r"\\(field|list|name|verb|range)\{(\w+)\}")


def read_biber_bbl(text: str, source: str) -> list[BibEntry]:
    """The entries of a ``.bbl`` that biber wrote for biblatex (``\\entry{key}{type}{}`` …).

    That file is a line-oriented data format, not prose: one ``\\field{name}{value}`` per
    line, ``\\verb{url}`` then ``\\verb <address>`` lines up to ``\\endverb``.
    """
    entries: list[BibEntry] = []
    key = kind = ""
    start = 0
    fields: dict[str, str] = {}
    verb: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if verb is not None:
            if stripped == "\\endverb":
                verb = None
            elif stripped.startswith("\\verb "):
                fields[verb] = fields.get(verb, "") + stripped[6:].strip()
            continue
        if stripped.startswith("\\entry{"):
            key, kind = [*_groups(stripped[6:], 2), "", ""][:2]
            start, fields = number, {}
            continue
        if stripped == "\\endentry" and key:
            if "urlyear" in fields:
                fields.setdefault("urldate", "-".join(
                    fields[name].zfill(2) for name in ("urlyear", "urlmonth", "urlday")
                    if name in fields))
            doi = _doi(fields.get("doi", ""))
            links = _links(fields, doi)
            entries.append(BibEntry(key, start, source, kind.lower(), dict(fields),
                                    tuple(dict.fromkeys(url for _, url in links)), doi, links))
            key = ""
            continue
        found = _BIBER_FIELD.match(stripped)
        if not key or not found:
            continue
        command, name = found.group(1), found.group(2).lower()
        if command == "verb":
            verb = name
        elif command == "field":
            value = _groups(stripped[found.end():], 1)
            if value:
                fields[name] = value[0]
    return entries


def _groups(text: str, count: int) -> list[str]:
    """The first ``count`` balanced ``{…}`` groups at the start of ``text``, unbraced."""
    groups: list[str] = []
    i = 0
    while len(groups) < count and i < len(text) and text[i] == "{":
        j = group_end(text, i)
        groups.append(text[i + 1:j])
        i = j + 1
    return groups
