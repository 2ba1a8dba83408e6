"""Walk a LaTeX document (with the files it ``\\input``s) for footnotes, citations and links.

Each file is tokenized once with pylatexenc and rendered to plain text once (per sibling list,
not per citation: rendering around every ``\\cite`` would be quadratic); citations, footnotes
and links leave placeholders in that text, from which their claim sentences are cut with the
shared :class:`~citecheck.parse.claims.ClaimText`. Files are read through a :class:`Folder`
the caller passes in (``citecheck/collect/folder.py``), so the walk itself does no I/O.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from pylatexenc import latexwalker as lw

from citecheck.models import Diagnostic, DiagnosticCode, DocumentFormat
from citecheck.parse.claims import ClaimText
from citecheck.parse.deferred import regex
from citecheck.parse.latex.context import (
    INCLUDE_MACROS,
    KEYS_THEN_TEXT_MACROS,
    MARK,
    PLACEHOLDER,
    STANDARD,
    VERBATIM_ENVIRONMENTS,
    Dialect,
    declared_cite_commands,
    dialect,
    link_nodes,
    url_of,
)
from citecheck.parse.latex.macros import (
    DEFINITION_MACROS,
    FOOTNOTE_MACROS,
    FOOTNOTE_TEXT_MACROS,
    Template,
    argument_text,
    call,
    definition,
    expand,
    expand_calls,
    fill,
    half_environments_inert,
    link_template,
    note_template,
)
from citecheck.parse.reduced import too_dense
from citecheck.parse.urls import url_spans, web_address

__all__ = ["BUILD_FOLDERS", "BibItem", "Cite", "Embedded", "Folder", "Footnote", "LatexSource",
           "Link", "scan"]


class Folder(Protocol):
    """The document's folder, as far as a reader may see it."""

    def read(self, name: str) -> str | None:
        """The text of a file named relative to the folder; None when it cannot be read."""

    def names(self, suffix: str) -> list[str]:
        """The names of the folder's own files ending in ``suffix``, sorted."""

# A body link worth checking: a web address, even a broken one the author wrote
# ("https:///pyo3.rs"); not mailto:, a file name or an anchor.
_WEB_TARGET = regex(r"(?i)(?:https?|ftp)://|doi:")
_PARAGRAPH = regex(r"\n[ \t]*\n")
_SENTENCE_WINDOW = 40  # nodes each side of a macro whose sentence is wanted
# TeX's conditionals, closed by \fi (etoolbox's \ifdef{…}{…}{…} and friends are not).
_TEX_CONDITIONALS = frozenset({
    "if", "ifx", "ifnum", "ifdim", "ifodd", "ifcase", "ifcat", "iftrue", "iffalse", "ifvoid",
    "ifhbox", "ifvbox", "ifeof", "ifmmode", "ifvmode", "ifhmode", "ifinner", "ifdefined",
    "ifcsname", "iffontchar", "ifincsname", "ifpdf",
})
_FILECONTENTS = regex(
    r"\\begin\{filecontents\*?\}\s*(?:\[(?P<options>[^\]]*)\]\s*)?\{(?P<name>[^{}]+)\}[ \t]*\n?"
    r"(?P<body>.*)\\end\{filecontents\*?\}\Z", re.DOTALL)
_COMMENT = regex(r"(?<!\\)%[^\n]*(?:\n|$)")
_CLAIM_ENDS = frozenset(".!?)\"'”’")
_MAX_DEPTH = 32  # \input nesting deeper than this is a loop in all but name
#: Where a name the document's folder lacks is looked for next: a build run from the project's
#: folder above (``TEXINPUTS=src/ latexmk src/thesis``) reads names from there. The folder
#: refuses them unless a build file there names the document's folder.
BUILD_FOLDERS = ("../", "../../")


@dataclass(frozen=True, slots=True)
class Cite:
    """A citation command: its keys and the sentence it supports."""

    keys: tuple[str, ...]
    line: int
    column: int
    sentence: str
    listed_only: bool = False  # \nocite: in the bibliography, supporting no sentence
    source: str | None = None  # the \input file it is in; None in the main file


@dataclass(frozen=True, slots=True)
class Footnote:
    """A ``\\footnote``: its plain text, its ``\\url``/``\\href`` addresses and its claim."""

    label: str
    line: int
    column: int
    text: str
    urls: tuple[str, ...]
    sentence: str
    cites: bool = False  # the note \cite's a database entry: it cites a source
    cited: tuple[str, ...] = ()  # the keys it \cite's, in order
    source: str | None = None  # the \input file it is in; None in the main file


@dataclass(frozen=True, slots=True)
class BibItem:
    """A ``\\bibitem{key}`` of a ``thebibliography`` list (in the .tex, or its .bbl)."""

    key: str
    line: int
    text: str
    urls: tuple[str, ...]
    source: str | None = None  # the file it is in (\input file, .bbl); None in the main file


@dataclass(frozen=True, slots=True)
class Link:
    """A ``\\url``/``\\href`` in running text (not in a footnote)."""

    url: str
    text: str
    line: int
    column: int
    sentence: str
    source: str | None = None  # the \input file it is in; None in the main file


@dataclass(frozen=True, slots=True)
class Embedded:
    """A file a ``filecontents`` environment writes."""

    text: str  # padded with blank lines to where it stands in ``source``
    source: str | None  # the file holding it; None for the document itself
    overwrite: bool  # [overwrite]/[force]: it replaces a file of that name, too


@dataclass
class LatexSource:
    """What a document's walk found, in document order."""

    events: list[Cite | Footnote | Link] = field(default_factory=list)
    bibliographies: list[str] = field(default_factory=list)  # names as written
    style: str | None = None  # \bibliographystyle{name}, the last one written
    biblatex: bool = False  # \addbibresource: biblatex prints, not a BibTeX style
    bibitems: list[BibItem] = field(default_factory=list)  # a typeset list, key → its text
    files: list[str] = field(default_factory=list)  # files read besides the main one
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # \begin{filecontents}{refs.bib}: file name → its text, placed at its lines in the file
    # that writes it, and that file (None for the document itself)
    embedded: dict[str, Embedded] = field(default_factory=dict)


def scan(text: str, name: str, load: Folder | None) -> LatexSource:
    """Walk the document ``text`` (file ``name``), following ``\\input``/``\\include``."""
    if load is not None:
        load = _ReadOnce(load)
    walk = _Walk(load)
    walk.defined["jobname"] = posixpath.splitext(posixpath.basename(name))[0]
    cites, multicites = _declared(text, load, {name}, 0)
    if cites or multicites:
        walk.dialect = dialect(cites, multicites)
    walk.file(text, name, depth=0)
    return walk.found


class _ReadOnce:
    """The document's folder, each file read from it once per document.

    The preamble's macro files are read to learn the citation commands they declare, then
    again when the walk follows their ``\\input``: the second read is the first one's text
    (and does not count against the folder's size budget twice).
    """

    def __init__(self, folder: Folder) -> None:
        self._folder = folder
        self._texts: dict[str, str | None] = {}

    def read(self, name: str) -> str | None:
        if name not in self._texts:
            self._texts[name] = self._folder.read(name)
        return self._texts[name]

    def names(self, suffix: str) -> list[str]:
        return self._folder.names(suffix)


# Files a preamble reads that may declare citation commands: "\input{macros}", a package of
# the document's own ("\usepackage{mystyle}" with mystyle.sty beside it).
_PREAMBLE_FILE = regex(
    r"\\(?P<macro>input|include|usepackage|RequirePackage)\s*(?:\[[^\]]*\])?\s*\{(?P<names>[^}]*)\}"
)
_DECLARING_DEPTH = 4


def _declared(text: str, load: Folder | None, seen: set[str], depth: int
              ) -> tuple[frozenset[str], frozenset[str]]:
    """The citation commands ``text`` declares, and the files it reads declare.

    The walk tokenizes a file before it follows that file's ``\\input``: the commands a macro
    file declares must be known before the document itself is read.
    """
    cites, multicites = declared_cite_commands(text)
    if load is None or depth >= _DECLARING_DEPTH:
        return cites, multicites
    packages: set[str] | None = None
    for found in _PREAMBLE_FILE.finditer(text):
        for raw in found["names"].split(","):
            stem = raw.strip()
            if not stem or "#" in stem:
                continue
            if found["macro"] in ("usepackage", "RequirePackage"):
                if packages is None:
                    packages = set(load.names(".sty"))
                candidates = [f"{stem}.sty"] if f"{stem}.sty" in packages else []
            else:
                candidates = [stem] if stem.endswith((".tex", ".ltx")) else [f"{stem}.tex", stem]
            for candidate in candidates:
                if candidate in seen:
                    continue
                seen.add(candidate)
                included = load.read(candidate)
                if included is not None:
                    more, more_multi = _declared(included, load, seen, depth + 1)
                    cites, multicites = cites | more, multicites | more_multi
                    break
    return cites, multicites


@dataclass(slots=True)
class _Place:
    claims: ClaimText
    offset: int
    opening: str


class _Walk:
    def __init__(self, load: Folder | None) -> None:
        self.load = load
        self.found = LatexSource()
        self.seen: set[str] = set()
        self.footnotes = 0
        self.thanks = 0
        self.defined: dict[str, str] = {}  # parameterless user macros, for file names
        self.linking: dict[str, Template] = {}  # user macros that make links
        self.noting: dict[str, Template] = {}  # user macros that make footnotes
        self.calls: dict[str, tuple[re.Pattern[str], str]] = {}  # user macros with parameters
        self.user_macros: set[str] = set()  # every macro the document defines
        self.arguments = 0  # depth inside arguments of user macros: no typed-out links there
        self.dialect: Dialect = STANDARD

    # ---------------------------------------------------------------- files

    def file(self, text: str, name: str, depth: int, base: str = "") -> None:
        self.seen.add(name)
        cites, multicites = declared_cite_commands(text)
        if not (cites <= self.dialect.cites and multicites <= self.dialect.multicites):
            # A preamble (or an \input macro file) declares citation commands: they cite from
            # here on, like \cite.
            self.dialect = dialect(self.dialect.cites | cites,
                                   self.dialect.multicites | multicites)
        # "\newcommand{\beq}{\begin{equation}}" would swallow the rest of the file.
        text = half_environments_inert(text)
        walker = lw.LatexWalker(text, latex_context=self.dialect.context, tolerant_parsing=True)
        try:
            nodes = walker.get_latex_nodes()[0]
        except (lw.LatexWalkerError, IndexError, ValueError, RecursionError) as exc:
            self._problem(DiagnosticCode.UNREADABLE_MARKUP, f"{name}: cannot tokenize the LaTeX "
                          f"({type(exc).__name__})", None)
            return
        state = _FileState(name, walker, depth, {}, base)
        self._render(nodes, state)
        self._walk(nodes, state, in_footnote=False)

    def _define(self, node: Any) -> None:
        """Remember a definition: a parameterless macro (for file names), a link template."""
        name = node.macroname
        self.user_macros |= _defined_names(node)
        defined = definition(node)
        if defined is not None and not (name == "providecommand"
                                        and defined[0] in self.defined):
            self.defined[defined[0]] = defined[1]
        template = link_template(node, self.linking)
        if template is not None and not (name == "providecommand"
                                         and template[0] in self.linking):
            self.linking[template[0]] = template[1]
        noted = note_template(node)
        if noted is not None and not (name == "providecommand" and noted[0] in self.noting):
            self.noting[noted[0]] = noted[1]
        used = call(node)
        if used is not None and not (name == "providecommand" and used[0] in self.calls):
            self.calls[used[0]] = used[1:]

    def _package(self, names: str, depth: int = 0) -> None:
        """The definitions of the document's own packages (``\\usepackage{thesiscommands}``
        with ``thesiscommands.sty`` beside it): a macro defined there that makes a link
        (``\\newcommand{\\SMGR}{\\href{…}{Smgr}}``) makes it wherever the document uses it.
        A package is a file of definitions: nothing else in it is the document's text."""
        if self.load is None or depth >= _DECLARING_DEPTH:
            return
        packages = set(self.load.names(".sty"))
        for stem in (raw.strip() for raw in names.split(",")):
            candidate = f"{stem}.sty"
            if not stem or candidate not in packages or candidate in self.seen:
                continue
            self.seen.add(candidate)
            text = self.load.read(candidate)
            if text is None or too_dense(text, DocumentFormat.LATEX) is not None:
                continue
            walker = lw.LatexWalker(text, latex_context=self.dialect.context,
                                    tolerant_parsing=True)
            try:
                nodes = walker.get_latex_nodes()[0]
            except (lw.LatexWalkerError, IndexError, ValueError, RecursionError):
                continue
            for node in nodes:
                if not isinstance(node, lw.LatexMacroNode):
                    continue
                if node.macroname in DEFINITION_MACROS:
                    self._define(node)
                elif node.macroname in ("usepackage", "RequirePackage") and node.nodeargd:
                    given = [a for a in node.nodeargd.argnlist if a is not None]
                    if given:
                        self._package(self._name(given[-1]), depth + 1)

    def _include(self, node: Any, siblings: list[Any], index: int, state: _FileState) -> None:
        args = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]
        if not args:
            return
        target = self._name(args[-1])
        if (not isinstance(args[-1], lw.LatexGroupNode) and index + 1 < len(siblings)
                and node.macroname not in ("input", "include")):  # (those read the name whole)
            # "\subfile chapter1": TeX reads a name up to the space; pylatexenc gave one letter.
            after = siblings[index + 1]
            if isinstance(after, lw.LatexCharsNode):
                target += after.chars.split(None, 1)[0] if after.chars.strip() else ""
        line = self._line(node, state)[0]
        if not target:
            return
        base, shown = state.base, f"{{{target}}}"
        if node.macroname in ("import", "subimport") and len(args) == 2:
            # The import package: \import{dir}{file} from the document's folder,
            # \subimport{dir}{file} from the importing file's; inside, names are relative
            # to that directory.
            folder = self._name(args[0])
            base = _join(state.base, folder) if node.macroname == "subimport" else \
                _join("", folder)
            shown = f"{{{folder}}}{shown}"
        names = [target] if target.endswith((".tex", ".ltx")) else [target + ".tex", target]
        here = posixpath.dirname(state.name)
        # TeX reads a name from the document's folder (or the import directory); an editor's
        # habit of naming it from the including file's own folder is tried second.
        candidates = [_join(base, n) for n in names]
        candidates += [c for c in (_join(here, n) for n in names) if c not in candidates]
        if not base:
            candidates += [up + n for up in BUILD_FOLDERS for n in names
                           if not n.startswith(("/", ".."))]
        for candidate in candidates:
            if candidate in self.seen:
                self._problem(DiagnosticCode.MISSING_INCLUDE, f"{self._where(state, line)}"
                              f"\\{node.macroname}{shown} includes a file already read "
                              "(a loop?): not read again", line if state.depth == 0 else None)
                return
            text = self.load.read(candidate) if self.load is not None and state.depth < _MAX_DEPTH \
                else None
            dense = too_dense(text, DocumentFormat.LATEX) if text is not None else None
            if dense is not None:  # an included file is bounded as the document is
                self._problem(DiagnosticCode.DOCUMENT_TOO_DENSE,
                              f"{self._where(state, line)}\\{node.macroname}{{{target}}}: not "
                              f"read: {dense}", line if state.depth == 0 else None)
                return
            if text is not None:
                self.found.files.append(candidate)
                self.file(text, candidate, state.depth + 1, base)
                return
        if candidates[0] not in names:
            shown += f" (read as {candidates[0]})"
        self._problem(DiagnosticCode.MISSING_INCLUDE,
                      f"{self._where(state, line)}\\{node.macroname}{shown}: not read (no "
                      "such file, not text, or outside the document's folder, which a "
                      "symbolic link cannot leave); its notes are missing",
                      line if state.depth == 0 else None)

    # ---------------------------------------------------------------- walking

    def _walk(self, nodes: Any, state: _FileState, *, in_footnote: bool) -> None:
        siblings = [n for n in nodes or () if n is not None]
        skipping = 0  # depth inside "\iffalse … \fi": text the author switched off
        for index, node in enumerate(siblings):
            if skipping or (isinstance(node, lw.LatexMacroNode) and node.macroname == "iffalse"):
                skipping = _conditional_depth(node, skipping)
                continue
            if isinstance(node, lw.LatexMacroNode):
                self._macro(node, siblings, index, state, in_footnote)
            elif isinstance(node, lw.LatexEnvironmentNode):
                if node.environmentname in ("filecontents", "filecontents*"):
                    self._filecontents(node, state)
                if node.environmentname in VERBATIM_ENVIRONMENTS:
                    continue
                if node.environmentname == "thebibliography":
                    self._bibliography(node.nodelist, state)
                    continue
                if node.nodeargd and node.nodeargd.argnlist:
                    self._walk(node.nodeargd.argnlist, state, in_footnote=in_footnote)
                self._walk(node.nodelist, state, in_footnote=in_footnote)
            elif isinstance(node, lw.LatexGroupNode | lw.LatexMathNode):
                argument = self._user_argument(siblings, index)
                self.arguments += argument
                self._walk(node.nodelist, state, in_footnote=in_footnote)
                self.arguments -= argument
            elif (isinstance(node, lw.LatexCharsNode) and not in_footnote and not self.arguments
                  and (index == 0 or not _in_text_run(siblings[index - 1]))):
                self._bare_links(siblings, index, state)

    def _user_argument(self, siblings: list[Any], index: int) -> int:
        """1 when the group ``siblings[index]`` is an argument of a macro the document defines
        (``\\fnref{https://x.org/}{it}``): what TeX prints of it is the macro's to say, so
        an address typed in it is no body link of its own; else 0."""
        before = index - 1
        while before >= 0 and (isinstance(siblings[before], lw.LatexGroupNode) or (
                isinstance(siblings[before], lw.LatexCharsNode)
                and (not siblings[before].chars.strip()
                     or _OPTIONAL.fullmatch(siblings[before].chars.strip())))):
            before -= 1
        node = siblings[before] if before >= 0 else None
        return int(isinstance(node, lw.LatexMacroNode) and node.macroname in self.user_macros)

    def _bare_links(self, siblings: list[Any], index: int, state: _FileState) -> None:
        """URLs typed out in running text ("the Retriever (https://github.com/weecology/
        retriever)"): printed as written, so body links as a ``\\url`` is. The run of text
        from ``siblings[index]`` is read with its escapes (``\\_``, ``\\#``) undone."""
        end, parts = index, []
        while end < len(siblings) and _in_text_run(siblings[end]):
            node = siblings[end]
            parts.append(node.chars if isinstance(node, lw.LatexCharsNode) else node.macroname)
            end += 1
        text = "".join(parts)
        if "://" not in text and "www." not in text:
            return
        spans = [(start, url) for start, stop, url in url_spans(text)
                 if _TYPED_URL.match(text, start) and _WEB_TARGET.match(url)]
        if not spans:
            return
        line, column = self._line(siblings[index], state)
        to_text = self.dialect.to_text
        try:
            before = to_text.nodelist_to_text(siblings[max(0, index - _SENTENCE_WINDOW):index])
            after = to_text.nodelist_to_text(siblings[end:end + _SENTENCE_WINDOW])
        except (lw.LatexWalkerError, IndexError, ValueError, RecursionError):
            before = after = ""
        before = _PARAGRAPH.split(PLACEHOLDER.sub("", before))[-1]
        after = _PARAGRAPH.split(PLACEHOLDER.sub("", after))[0]
        claims = ClaimText(before + text + after)
        for start, url in spans:
            lines_before = text.count("\n", 0, start)
            at = (column + start) if not lines_before else (start - text.rfind("\n", 0, start))
            self.found.events.append(Link(url, url, line + lines_before, at,
                                          claims.around(len(before) + start), _source(state)))

    def _macro(self, node: Any, siblings: list[Any], index: int, state: _FileState,
               in_footnote: bool) -> None:
        name = node.macroname
        args = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]
        if name in DEFINITION_MACROS:
            # A template, not text: nothing in its body is the document's (see macros.py).
            self._define(node)
            return
        if name in ("usepackage", "RequirePackage") and args:
            self._package(self._name(args[-1]))
            return
        if name in INCLUDE_MACROS:
            self._include(node, siblings, index, state)
            return
        if name == "bibliographystyle" and args:
            self.found.style = self._name(args[-1]) or None
            return
        self.found.biblatex |= name == "addbibresource"
        if name in ("bibliography", "addbibresource") and args:
            listed = self._name(args[-1])
            self.found.bibliographies += [b.strip() for b in listed.split(",") if b.strip()]
            return
        if self.dialect.is_cite(name):
            keys = _keys(node, args, self.dialect)
            claim = self._claim(node, state) if keys or not in_footnote else ""
            if not in_footnote:
                # "\autocite[The \href{…}{tool} described in][]{key}": a link in a pre- or
                # postnote is printed in the running text (or the note biblatex makes).
                self._links(link_nodes(args), claim, state)
            if keys:
                line, column = self._line(node, state)
                self.found.events.append(Cite(keys, line, column, claim,
                                              listed_only=name == "nocite",
                                              source=_source(state)))
            return
        if name in ("url", "href") and args:
            if not in_footnote:
                place = state.places.get(node.pos)
                self._links([node], place.claims.around(place.offset) if place else "", state)
            return
        if name in _NOTE_MACROS and args:
            self._footnote(node, args[-1], state)
            self._walk([args[-1]], state, in_footnote=True)
            return
        if name in self.linking and not in_footnote:
            self._template_links(node, siblings, index, state)
        if name in self.noting and not in_footnote:
            self._template_notes(node, siblings, index, state)
        self._walk(args, state, in_footnote=in_footnote)

    def _template_links(self, node: Any, siblings: list[Any], index: int,
                        state: _FileState) -> None:
        """The links a user macro makes (``\\astropysubpkg{units}`` → its ``\\href``), placed
        at the use."""
        made = self._made(node, siblings, index)
        if not made:
            return
        line, column = self._line(node, state)
        to_text = self.dialect.to_text
        sentence = self._sentence_around(siblings, index)
        for link in made:
            url = self._url(link)
            if not _WEB_TARGET.match(url):
                continue
            args = link.nodeargd.argnlist if link.nodeargd else []
            text = to_text.nodelist_to_text(args[1:2]) if link.macroname == "href" else ""
            text = " ".join(PLACEHOLDER.sub("", text).split()) or url
            self.found.events.append(Link(url, text, line, column, sentence, _source(state)))

    def _template_notes(self, node: Any, siblings: list[Any], index: int,
                        state: _FileState) -> None:
        """The footnotes a user macro makes that cite (``\\linuxfnc{file}{line}{name}`` →
        ``\\footnote{Linux kernel~\\cite{linux-kernel}, file …, line …}``): numbered in
        document order with the author's own, placed at the use, supporting its sentence.

        A made footnote that cites nothing (``\\fnref``'s ``\\footnote{\\url{#2}}``, the
        address its ``\\href`` links once more) is the macro's print-out of its link, not
        counted: the note is the citation the author wrote into the macro.
        """
        made, end = self._expanded(self.noting[node.macroname], siblings, index)
        try:  # what the use prints: the expansion, its footnotes' marks left out
            printed = PLACEHOLDER.sub("", self.dialect.to_text.nodelist_to_text(made))
        except (lw.LatexWalkerError, IndexError, ValueError, RecursionError):
            printed = ""
        sentence = self._sentence_around(siblings, index, end, printed)
        line, column = self._line(node, state)
        at_use = _FileState(state.name, _AtUse(line, column), state.depth, {}, state.base)
        for footnote in _footnote_nodes(made):
            body = footnote.nodeargd.argnlist[-1]
            inner = body.nodelist if isinstance(body, lw.LatexGroupNode) else [body]
            if not _cite_nodes(inner, self.dialect):
                continue
            self._footnote(footnote, body, at_use)
            self.found.events[-1] = replace(self.found.events[-1], sentence=sentence)
            self._walk([body], at_use, in_footnote=True)

    def _made(self, node: Any, siblings: list[Any], index: int) -> list[Any]:
        """The ``\\url``/``\\href`` nodes the user macro ``node`` makes, its arguments (the
        groups after it, as TeX reads them) put in."""
        # A footnote the macro makes (``\\fnref``'s ``\\footnote{\\url{#2}}``) is a note of its
        # own (see _template_notes), not the use's link.
        return link_nodes(self._expanded(self.linking[node.macroname], siblings, index)[0],
                          _NOTE_MACROS)

    def _expanded(self, template: Template, siblings: list[Any], index: int
                  ) -> tuple[list[Any], int]:
        """The nodes of ``template``'s body at its use ``siblings[index]``, its arguments (the
        groups after it, as TeX reads them) put in, and the index of the sibling after the
        last argument; no nodes when the arguments are not all there."""
        arguments: list[str] = []
        at = index + 1
        if template.default is not None:
            # "\githubissue[2][]{…}": an optional first argument, its default when not given.
            given = next((i for i in range(at, len(siblings))
                          if not (isinstance(siblings[i], lw.LatexCharsNode)
                                  and not siblings[i].chars.strip())), None)
            written = siblings[given].chars.strip() if given is not None and isinstance(
                siblings[given], lw.LatexCharsNode) else ""
            if given is not None and _OPTIONAL.fullmatch(written):
                arguments.append(written[1:-1])
                at = given + 1
            else:
                arguments.append(template.default)
        while at < len(siblings) and len(arguments) < template.parameters:
            after = siblings[at]
            if isinstance(after, lw.LatexCharsNode) and not after.chars.strip():
                at += 1
                continue
            if not isinstance(after, lw.LatexGroupNode):
                break
            arguments.append(argument_text(after))
            at += 1
        if len(arguments) < template.parameters:
            return [], index + 1
        # The body as TeX reads it: arguments put in, the document's own macros with
        # parameters (``\\def\\first#1 #2\\relax{#1}``) expanded in it.
        text = expand_calls(fill(template.body, arguments), self.calls)
        walker = lw.LatexWalker(text, latex_context=self.dialect.context,
                                tolerant_parsing=True)
        try:
            return list(walker.get_latex_nodes()[0]), at
        except (lw.LatexWalkerError, IndexError, ValueError, RecursionError):
            return [], at

    def _note_links(self, nodes: Any) -> list[str]:
        """A footnote's addresses in order: its ``\\url``/``\\href`` and the links its user
        macros make."""
        found = [(n.pos, self._url(n)) for n in link_nodes(nodes)]
        if self.linking:
            found += [(pos, self._url(link)) for pos, link in self._macro_links(nodes)]
        return [url for _, url in sorted(found, key=lambda item: item[0])]

    def _macro_links(self, nodes: Any) -> list[tuple[int, Any]]:
        siblings = [n for n in nodes or () if n is not None]
        out: list[tuple[int, Any]] = []
        for index, node in enumerate(siblings):
            if isinstance(node, lw.LatexMacroNode):
                if node.macroname in self.linking:
                    out += [(node.pos, link) for link in self._made(node, siblings, index)]
                elif node.nodeargd and node.nodeargd.argnlist:
                    out += self._macro_links(node.nodeargd.argnlist)
            elif isinstance(node, lw.LatexGroupNode) or (
                    isinstance(node, lw.LatexEnvironmentNode)
                    and node.environmentname not in VERBATIM_ENVIRONMENTS):
                out += self._macro_links(node.nodelist)
        return out

    def _sentence_around(self, siblings: list[Any], index: int, end: int | None = None,
                         printed: str = "") -> str:
        """The sentence of the running text that holds ``siblings[index]``, a macro the
        file's rendering did not mark: its neighbours rendered, cut at paragraph breaks.
        ``end``, ``printed``: the macro's arguments run up to ``siblings[end]``, and it prints
        ``printed`` in their place (a user macro's expansion)."""
        to_text = self.dialect.to_text
        window = _SENTENCE_WINDOW
        end = index + 1 if end is None else end
        try:
            before = to_text.nodelist_to_text(siblings[max(0, index - window):index])
            after = to_text.nodelist_to_text(siblings[end:end + window])
        except (lw.LatexWalkerError, IndexError, ValueError, RecursionError):
            return ""
        before = _PARAGRAPH.split(PLACEHOLDER.sub("", before))[-1]
        after = printed + _PARAGRAPH.split(PLACEHOLDER.sub("", after))[0]
        return ClaimText(before + after).around(len(before))

    def _filecontents(self, node: Any, state: _FileState) -> None:
        """``\\begin{filecontents}{refs.bib}…``: a file the document writes when TeX runs
        (single-file papers carry their .bib this way); kept for when the folder lacks it."""
        found = _FILECONTENTS.match(node.latex_verbatim())
        if found is None:
            return
        name = expand(found["name"], self.defined).strip()
        offset = state.walker.pos_to_lineno_colno(node.pos + found.start("body"))[0]
        # Padded to its place, so the entries' lines are lines of the file that writes it.
        self.found.embedded.setdefault(name, Embedded(
            "\n" * (int(offset) - 1) + found["body"], _source(state),
            bool(re.search(r"overwrite|force", found["options"] or ""))))

    def _links(self, nodes: list[Any], sentence: str, state: _FileState) -> None:
        """Body links, each supporting ``sentence``."""
        for node in nodes:
            url = self._url(node)
            if not _WEB_TARGET.match(url):  # mailto:, a file name, "#section"
                continue
            line, column = self._line(node, state)
            args = node.nodeargd.argnlist if node.nodeargd else []
            to_text = self.dialect.to_text
            text = to_text.nodelist_to_text(args[1:2]) if node.macroname == "href" else ""
            text = " ".join(PLACEHOLDER.sub("", text).split()) or url
            self.found.events.append(Link(url, text, line, column, sentence,
                                          _source(state)))

    def _url(self, node: Any) -> str:
        """A link's address; ``\\href{\\repo/issues}{…}`` with ``\\repo`` defined without
        parameters is the address TeX builds."""
        url = url_of(node)
        return web_address(expand(url, self.defined)) if "\\" in url else url

    def _name(self, node: Any) -> str:
        """A file name argument: comments dropped, parameterless user macros expanded."""
        return expand(argument_text(node), self.defined).strip()

    def _bibliography(self, nodes: Any, state: _FileState) -> None:
        """The items of a ``thebibliography`` list: each ``\\bibitem`` up to the next one."""
        items: list[tuple[Any, list[Any]]] = []
        for node in nodes or ():
            if isinstance(node, lw.LatexMacroNode) and node.macroname == "bibitem":
                items.append((node, []))
            elif items and node is not None:
                items[-1][1].append(node)
        for item, body in items:
            args = item.nodeargd.argnlist if item.nodeargd else []
            key = _verbatim(args[-1]) if args and args[-1] is not None else ""
            if not key:
                continue
            try:
                rendered = self.dialect.to_text.nodelist_to_text(body)
            except (lw.LatexWalkerError, IndexError, ValueError, RecursionError):
                rendered = ""
            text = " ".join(PLACEHOLDER.sub("", rendered).split())
            # Links typed out and links the document's own macros make (``\\arxiv{1212.1721}``).
            urls = tuple(self._note_links(body))
            self.found.bibitems.append(BibItem(key, self._line(item, state)[0], text, urls,
                                               _source(state)))

    def _footnote(self, node: Any, body: Any, state: _FileState) -> None:
        # A title's \thanks prints a symbol and leaves the footnote counter alone (footnotes
        # after \maketitle start at 1): it is "thanks1", "thanks2", … and takes no fn number.
        if getattr(node, "macroname", None) == "thanks":
            self.thanks += 1
            label = f"thanks{self.thanks}"
        else:
            self.footnotes += 1
            label = f"fn{self.footnotes}"
        line, column = self._line(node, state)
        inner = body.nodelist if isinstance(body, lw.LatexGroupNode) else [body]
        keys = {n.pos: _keys(n, [a for a in (n.nodeargd.argnlist if n.nodeargd else [])
                                 if a is not None], self.dialect)
                for n in _cite_nodes(inner, self.dialect)}
        rendered = self.dialect.to_text.nodelist_to_text(inner)

        def shown(match: Any) -> str:
            cited = keys.get(int(match.group(2)))
            return f"[{', '.join(cited)}]" if match.group(1) == MARK and cited else ""

        text = " ".join(PLACEHOLDER.sub(shown, rendered).split())
        urls = tuple(self._note_links(inner))
        self._render(inner, state)  # citations inside the note take their claim from its text
        self.found.events.append(Footnote(label, line, column, text, urls,
                                          self._claim(node, state, footnote=True),
                                          cites=any(keys.values()),
                                          cited=tuple(key for pos in sorted(keys)
                                                      for key in keys[pos]),
                                          source=_source(state)))

    # ---------------------------------------------------------------- text

    def _render(self, nodes: Any, state: _FileState) -> None:
        """Render ``nodes`` once; remember where each placeholder sat in the plain text."""
        try:
            rendered = self.dialect.to_text.nodelist_to_text(nodes)
        except (lw.LatexWalkerError, IndexError, ValueError, RecursionError):
            return
        pieces: list[str] = []
        removed: list[int] = []
        breaks: list[int] = []
        positions: list[tuple[int, int, str]] = []
        last = length = 0
        for match in PLACEHOLDER.finditer(rendered):
            piece = rendered[last:match.start()]
            pieces.append(piece)
            length += len(piece)
            if match.group(1) == MARK:
                removed.append(length)
                if _opens_sentence(pieces):  # "… holds. \\citet{k} showed": a new sentence
                    breaks.append(length)
            positions.append((int(match.group(2)), length, match.group(1)))
            last = match.end()
        pieces.append(rendered[last:])
        claims = ClaimText("".join(pieces), removed=removed, breaks=breaks)
        for pos, offset, opening in positions:
            state.places[pos] = _Place(claims, offset, opening)

    def _claim(self, node: Any, state: _FileState, *, footnote: bool = False) -> str:
        place = state.places.get(node.pos)
        if place is None:
            return ""
        window = place.claims.text[max(0, place.offset - 64):place.offset]
        before = window.rstrip(" ~")
        if footnote or (before and len(before) == len(window) and before[-1] in _CLAIM_ENDS):
            # "claim.\footnote{…}", "claim.\cite{x}": the mark follows its sentence
            return place.claims.after(place.offset)
        return place.claims.around(place.offset)

    def _line(self, node: Any, state: _FileState) -> tuple[int, int]:
        line, column = state.walker.pos_to_lineno_colno(node.pos)
        return int(line), int(column) + 1

    def _where(self, state: _FileState, line: int) -> str:
        return "" if state.depth == 0 else f"{state.name}:{line}: "

    def _problem(self, code: DiagnosticCode, message: str, line: int | None) -> None:
        self.found.diagnostics.append(Diagnostic(code, message, line=line))


@dataclass(slots=True)
class _FileState:
    name: str
    walker: Any
    depth: int
    places: dict[int, _Place]
    base: str = ""  # the directory names are read from: "" (the document's), or \import's


# TeX's escapes for characters URLs hold: "\_", "\#", "\%", "\&", "\~".
_URL_CHARACTER_MACROS = frozenset("_#%&~")
# A URL typed out in prose begins with its scheme or "www." (a bare "10.1000/x" is a DOI, not a
# link, and "example.org" a name).
_TYPED_URL = regex(r"(?i)(?:https?|ftp)://|www\d{0,3}\.")


_OPTIONAL = regex(r"\[[^\]]*\]")
_NOTE_MACROS = frozenset({*FOOTNOTE_MACROS, *FOOTNOTE_TEXT_MACROS})  # \footnote and its kin


def _defined_names(node: Any) -> set[str]:
    """The macro a definition defines (``\\newcommand{\\fnref}…``, ``\\def\\x#1{…}``)."""
    args = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]
    if node.macroname in ("def", "gdef", "edef", "xdef"):
        return {args[0].chars} if args and isinstance(args[0], lw.LatexCharsNode) else set()
    for arg in args:
        inner = arg.nodelist if isinstance(arg, lw.LatexGroupNode) else [arg]
        macros = [n.macroname for n in inner if isinstance(n, lw.LatexMacroNode)]
        if macros:
            return {macros[0]}
    return set()


class _AtUse:
    """Where the nodes of a user macro's expansion are: all at the use of the macro."""

    def __init__(self, line: int, column: int) -> None:
        self.place = (line, column - 1)

    def pos_to_lineno_colno(self, pos: int) -> tuple[int, int]:
        return self.place


def _footnote_nodes(nodes: Any) -> list[Any]:
    """The ``\\footnote`` nodes among ``nodes`` and inside their arguments and groups, in order
    (not one inside another)."""
    out: list[Any] = []
    for node in nodes or ():
        if isinstance(node, lw.LatexMacroNode):
            if node.macroname in FOOTNOTE_MACROS and node.nodeargd and node.nodeargd.argnlist \
                    and node.nodeargd.argnlist[-1] is not None:
                out.append(node)
            elif node.nodeargd and node.nodeargd.argnlist:
                out += _footnote_nodes(node.nodeargd.argnlist)
        elif isinstance(node, lw.LatexGroupNode | lw.LatexEnvironmentNode):
            out += _footnote_nodes(node.nodelist)
    return out


def _in_text_run(node: Any) -> bool:
    """Plain characters, or an escaped character TeX prints as itself (``\\_``)."""
    return isinstance(node, lw.LatexCharsNode) or (
        isinstance(node, lw.LatexMacroNode) and node.macroname in _URL_CHARACTER_MACROS
        and not (node.nodeargd and node.nodeargd.argnlist))


def _join(base: str, name: str) -> str:
    """``name`` read from the directory ``base`` (relative to the document's folder)."""
    joined = posixpath.normpath(posixpath.join(base, name))
    return "" if joined == "." else joined


def _source(state: _FileState) -> str | None:
    """The file a node is in, for notes and claims: None for the document itself."""
    return state.name if state.depth else None


def _opens_sentence(pieces: list[str]) -> bool:
    """Whether a marker placed after ``pieces`` starts a sentence: after an end mark and a space.

    The sentence splitter cannot see it once the marker is cut out: what follows a citation
    used as a subject ("\\citet{k} showed") starts with a lower-case word.
    """
    tail = "".join(pieces[-4:])[-64:]
    stripped = tail.rstrip()
    return not stripped or (len(stripped) < len(tail) and stripped[-1:] in _CLAIM_ENDS)


def _verbatim(node: Any) -> str:
    text: str = node.latex_verbatim()
    if isinstance(node, lw.LatexGroupNode):
        text = text[1:-1]
    return text.strip()


def _keys(node: Any, args: list[Any], known: Dialect) -> tuple[str, ...]:
    """The keys a citation command names: its last ``{…}`` (every one, for ``\\cites``)."""
    if node.macroname in known.multicites:
        groups = [a.chars for a in args if isinstance(a, lw.LatexCharsNode)]
    else:
        written = node.nodeargd.argnlist if node.nodeargd else []
        # "\citeaffixed{keys}{e.g.}": the keys, then a text
        at = -2 if node.macroname in KEYS_THEN_TEXT_MACROS else -1
        group = written[at] if len(written) >= -at else None
        groups = [_verbatim(group)] if group is not None else []
    keys = (k.strip() for g in groups for k in _COMMENT.sub("", g).split(","))
    # "#1" is a macro's parameter ("\newcommand{\mycite}[1]{\citep{#1}}"), not a key.
    return tuple(dict.fromkeys(k for k in keys if k and not k.startswith("#")))


def _conditional_depth(node: Any, depth: int) -> int:
    """The depth of skipped ``\\iffalse`` text after ``node`` (0: the text is read again).

    Nested TeX conditionals open and ``\\fi`` closes; an ``\\else`` of the ``\\iffalse``
    itself switches the text back on.
    """
    if not isinstance(node, lw.LatexMacroNode):
        return depth
    if node.macroname in _TEX_CONDITIONALS:
        return depth + 1
    if node.macroname == "fi":
        return depth - 1
    if node.macroname == "else" and depth == 1:
        return 0
    return depth


def _cite_nodes(nodes: Any, known: Dialect) -> list[Any]:
    out: list[Any] = []
    for node in nodes or ():
        if isinstance(node, lw.LatexMacroNode):
            if known.is_cite(node.macroname):
                out.append(node)
            elif node.nodeargd and node.nodeargd.argnlist:
                out += _cite_nodes(node.nodeargd.argnlist, known)
        elif isinstance(node, lw.LatexGroupNode | lw.LatexEnvironmentNode | lw.LatexMathNode):
            out += _cite_nodes(node.nodelist, known)
    return out
