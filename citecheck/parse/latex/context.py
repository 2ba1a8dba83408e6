"""What the LaTeX tokenizer must know about the macros that carry citations.

pylatexenc's default context does not know biblatex's citation commands (``\\autocite``,
``\\parencite``, ``\\footcite``, ``\\textcite``…), ``\\href``, or that a ``\\url`` argument is
verbatim (its ``%`` is part of the address, not a comment). :data:`CONTEXT` adds them;
:data:`TO_TEXT` renders nodes as the plain text a reader sees, with each citation, footnote and
body link replaced by a placeholder that names where its macro started (:func:`placeholder`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pylatexenc import latexwalker as lw
from pylatexenc import macrospec as ms
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec
from pylatexenc.latex2text import get_default_latex_context_db as text_context_db

from citecheck.parse.deferred import regex
from citecheck.parse.latex.macros import (
    DEFINITION_MACROS,
    FOOTNOTE_MACROS,
    FOOTNOTE_TEXT_MACROS,
    definition_specs,
    group_end,
)
from citecheck.parse.urls import web_address

__all__ = [
    "CITE_MACROS",
    "CONTEXT",
    "DISCRETIONARY",
    "INCLUDE_MACROS",
    "KEYS_THEN_TEXT_MACROS",
    "LINK_MACROS",
    "MARK",
    "MULTICITE_MACROS",
    "PLACEHOLDER",
    "STANDARD",
    "TO_TEXT",
    "VERBATIM_ENVIRONMENTS",
    "Dialect",
    "declared_cite_commands",
    "dialect",
    "join_percent_lines",
    "link_nodes",
    "placeholder",
    "unwrap_url",
    "url_of",
]

#: natbib and biblatex citation commands taking ``*[pre][post]{keys}``.
CITE_MACROS = frozenset({
    "cite", "Cite", "citep", "Citep", "citet", "Citet", "citealp", "Citealp", "citealt",
    "Citealt", "citeauthor", "Citeauthor", "citeyear", "citeyearpar", "citenum", "citeurl",
    "autocite", "Autocite", "parencite", "Parencite", "footcite", "footcitetext", "textcite",
    "Textcite", "smartcite", "Smartcite", "supercite", "fullcite", "footfullcite", "citetitle",
    "Citetitle", "nocite", "citen",
    # the harvard package (agsm, dcu…): "\citeasnoun{k}" is "Name (Year)", "\citename{k}"
    # the name alone, "\possessivecite{k}" "Name's (Year)"
    "citeasnoun", "possessivecite", "citename", "citeaffixed",
})
#: Citation commands whose keys come before a text argument: harvard's
#: ``\\citeaffixed[pages]{keys}{e.g.}``.
KEYS_THEN_TEXT_MACROS = frozenset({"citeaffixed"})
#: biblatex multi-citations: ``\\autocites(pre)(post)[pre][post]{k1}[pre][post]{k2}…``.
MULTICITE_MACROS = frozenset({
    "cites", "Cites", "autocites", "Autocites", "parencites", "Parencites", "footcites",
    "textcites", "Textcites", "smartcites", "Smartcites", "supercites",
})
LINK_MACROS = frozenset({"url", "href"})
# (glossaries' \loadglsentries[type]{file} reads a file of entries, printed by \printglossaries)
INCLUDE_MACROS = frozenset({"input", "include", "subfile", "import", "subimport",
                            "loadglsentries"})
VERBATIM_ENVIRONMENTS = frozenset({
    "verbatim", "verbatim*", "lstlisting", "minted", "Verbatim", "BVerbatim", "LVerbatim",
    "comment", "alltt", "filecontents", "filecontents*",
})

#: A placeholder in rendered text: private-use brackets around the offset of the macro's start,
#: opened by U+E000 for a note marker (cut from the claim) or U+E002 for a body link.
PLACEHOLDER = regex("([\ue000\ue002])(\\d+)\ue001")
MARK = "\ue000"
_URL_ESCAPES = regex(r"\\([%#&_~$\\{}])")
_LINE_JOIN = regex(r"(?<!\\)%[ \t]*\r?\n[ \t]*")
# "\-", TeX's discretionary hyphen (a place a line may break), is never part of an address:
# "growing\--sustainable" is "growing-sustainable", "python/\-reproducible" "python/reproducible".
DISCRETIONARY = regex(r"(?<!\\)\\-")


def placeholder(pos: int, opening: str = MARK) -> str:
    """The placeholder text for the macro that starts at offset ``pos`` of its file."""
    return f"{opening}{pos}\ue001"


def _braced_verbatim(walker: Any, pos: int) -> tuple[int, int]:
    """Where a verbatim ``{…}`` argument starting at or after ``pos`` opens and closes."""
    s = walker.s
    while pos < len(s) and s[pos].isspace():
        pos += 1
    if pos >= len(s) or s[pos] != "{":
        raise lw.LatexWalkerParseError(s=s, pos=pos, msg="expected { for a URL argument")
    end = group_end(s, pos)
    if end >= len(s):
        raise lw.LatexWalkerParseError(s=s, pos=pos, msg="unbalanced URL argument")
    return pos, end


class _UrlArgs(ms.MacroStandardArgsParser):  # type: ignore[misc]
    """``\\url{verbatim}`` or, with a text argument, ``\\href[options]{verbatim}{text}``."""

    def __init__(self, text_args: int = 0) -> None:
        super().__init__(argspec="{" * (1 + text_args))
        self.text_args = text_args

    def parse_args(self, w: Any, pos: int, parsing_state: Any = None) -> Any:
        start = pos
        s = w.s
        if self.text_args:
            while pos < len(s) and s[pos].isspace():
                pos += 1
            if s.startswith("[", pos) and "]" in s[pos:]:
                pos = s.index("]", pos) + 1
        begin, end = _braced_verbatim(w, pos)
        url = w.make_node(lw.LatexCharsNode, parsing_state=parsing_state,
                          chars=s[begin + 1:end], pos=begin + 1, len=end - begin - 1)
        nodes = [url]
        pos = end + 1
        for _ in range(self.text_args):
            node, npos, nlen = w.get_latex_expression(pos, parsing_state=parsing_state)
            nodes.append(node)
            pos = npos + nlen
        return ms.ParsedMacroArgs(argspec=self.argspec, argnlist=nodes), start, pos - start


class _FileNameArgs(ms.MacroStandardArgsParser):  # type: ignore[misc]
    """``\\input{name}`` or TeX's own ``\\input name`` (the name runs up to a space)."""

    def __init__(self) -> None:
        super().__init__(argspec="{")

    def parse_args(self, w: Any, pos: int, parsing_state: Any = None) -> Any:
        s, start = w.s, pos
        while pos < len(s) and s[pos] in " \t":
            pos += 1
        if pos < len(s) and s[pos] == "{":
            node, npos, nlen = w.get_latex_expression(pos, parsing_state=parsing_state)
            return ms.ParsedMacroArgs(argspec="{", argnlist=[node]), start, npos + nlen - start
        end = pos
        while end < len(s) and not s[end].isspace() and s[end] not in "\\{}%":
            end += 1
        name = w.make_node(lw.LatexCharsNode, parsing_state=parsing_state, chars=s[pos:end],
                           pos=pos, len=end - pos)
        return ms.ParsedMacroArgs(argspec="{", argnlist=[name]), start, end - start


class _MultiCiteArgs(ms.MacroStandardArgsParser):  # type: ignore[misc]
    """biblatex ``\\autocites(pre)(post)[pre][post]{k1}[pre][post]{k2}…``: the key groups."""

    def __init__(self) -> None:
        super().__init__(argspec="{")

    def parse_args(self, w: Any, pos: int, parsing_state: Any = None) -> Any:
        s, start, nodes = w.s, pos, []

        def skip(p: int, opening: str, closing: str) -> int:
            while True:
                while p < len(s) and s[p] in " \t\n":
                    p += 1
                if p < len(s) and s[p] == opening and closing in s[p:]:
                    p = s.index(closing, p) + 1
                else:
                    return p

        p = skip(pos, "(", ")")
        while True:
            q = skip(p, "[", "]")
            if q >= len(s) or s[q] != "{":
                break
            begin, end = _braced_verbatim(w, q)
            nodes.append(w.make_node(lw.LatexCharsNode, parsing_state=parsing_state,
                                     chars=s[begin + 1:end], pos=begin + 1, len=end - begin - 1))
            p = end + 1
        return ms.ParsedMacroArgs(argspec="{" * len(nodes), argnlist=nodes), start, p - start


@dataclass(frozen=True, slots=True)
class Dialect:
    """The tokenizer and renderer for one document: the standard citation commands plus those
    its preamble declares (``\\DeclareCiteCommand{\\citeonline}``, a ``\\newcommand`` that
    wraps ``\\cite``)."""

    context: Any
    to_text: Any
    cites: frozenset[str]
    multicites: frozenset[str]

    def is_cite(self, name: str) -> bool:
        """Whether the macro ``name`` cites database entries."""
        return name in self.cites or name in self.multicites


# "\DeclareCiteCommand{\citeonline}", "\DeclareCiteCommand*{\cite}", "\DeclareMultiCiteCommand
# {\cites}"; "\newcommand{\mycite}[1]{\citep{#1}}" (a wrapper whose key is its argument), also
# after switches or an opened macro: "{\footnotesize\citen{#1}}", "{\textsuperscript{\cite{#1}}}".
_DECLARED = regex(
    r"\\Declare(?P<multi>Multi)?CiteCommand\*?\s*\{?\s*\\(?P<name>[A-Za-z]+)"
    r"|\\(?:re|provide)?newcommand\*?\s*\{?\s*\\(?P<wrapper>[A-Za-z]+)\s*\}?\s*\[\s*[1-9]\s*\]"
    r"(?:\s*\[[^\]]*\])?\s*\{\s*(?:(?:\\[A-Za-z]+\s*\{?|\\[,;!]|~)\s*)*?"
    r"\\(?P<inner>[A-Za-z]+)\*?\s*(?:\[[^\]]*\]\s*)*\{\s*#1\s*\}"
)
_COMMENT = regex(r"(?<!\\)%[^\n]*")


@lru_cache(maxsize=16)  # asked of the preamble's files first, then again as the walk reads them
def declared_cite_commands(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The citation commands a LaTeX file declares: (single-key-group, multi-citation) names."""
    if "CiteCommand" not in text and "newcommand" not in text:
        return frozenset(), frozenset()
    cites: set[str] = set()
    multis: set[str] = set()
    for found in _DECLARED.finditer(_COMMENT.sub("", text)):
        if found["name"]:
            (multis if found["multi"] else cites).add(found["name"])
        elif found["inner"] in CITE_MACROS and found["wrapper"] not in _NEVER_CITES:
            cites.add(found["wrapper"])
    return frozenset(cites - CITE_MACROS), frozenset(multis - MULTICITE_MACROS)


# Macros whose meaning the reader relies on: a document cannot turn them into citations.
_NEVER_CITES = frozenset({"url", "href", "input", "include", "bibitem", "bibliography",
                          "addbibresource", *FOOTNOTE_MACROS, *FOOTNOTE_TEXT_MACROS})


class _VerbArgs(ms.VerbatimArgsParser):  # type: ignore[misc]
    """``\\verb<d>…<d>`` (and ``\\verb*``) as LaTeX reads it: the delimiter is the character
    right after the name, a space included (``\\verb ! `` prints "!"), and the argument ends at
    the line's end at the latest. pylatexenc skips spaces first and looks for the delimiter
    past line ends, so a table of characters (``\\verb " \\\\``) swallowed the rest of the
    document up to the next ``"``."""

    def __init__(self) -> None:
        super().__init__(verbatim_arg_type="verb-macro")

    def parse_args(self, w: Any, pos: int, parsing_state: Any = None) -> Any:
        s = w.s
        start = pos
        while start > 0 and s[start - 1] in " \t" and not s.endswith("\\verb", 0, start):
            start -= 1  # the spaces pylatexenc took as the name's: the delimiter may be one
        if s.startswith("*", start):
            start += 1
        line_end = s.find("\n", start)
        line_end = len(s) if line_end == -1 else line_end
        # (The walker goes on from the returned position plus length, so ``start`` may lie
        # before ``pos``.)
        if start >= line_end:
            return self._verbatim(w, parsing_state, start, start, (None, None)), start, 0
        delimiter = s[start]
        end = s.find(delimiter, start + 1, line_end)
        if end == -1:  # "\verb ended by end of line": LaTeX stops there, so does the reader
            return (self._verbatim(w, parsing_state, start + 1, line_end, (delimiter, None)),
                    start, line_end - start)
        return (self._verbatim(w, parsing_state, start + 1, end, (delimiter, delimiter)),
                start, end + 1 - start)

    @staticmethod
    def _verbatim(w: Any, parsing_state: Any, begin: int, end: int,
                  delimiters: tuple[str | None, str | None]) -> Any:
        node = w.make_node(lw.LatexCharsNode, parsing_state=parsing_state, chars=w.s[begin:end],
                           pos=begin, len=end - begin)
        return ms.ParsedVerbatimArgs(verbatim_chars_node=node, verbatim_delimiters=delimiters)


class _VerbatimEnvironmentArgs(ms.VerbatimArgsParser):  # type: ignore[misc]
    """The body of a verbatim environment, read up to its own ``\\end{name}`` as LaTeX reads
    it. pylatexenc looks for ``\\end{verbatim}`` whatever the name, so a ``Verbatim`` or
    ``lstlisting`` body was parsed as LaTeX: a ``$`` in R code (``"\\\\.csv$"``) opened
    math that ran to the end of the document and hid every citation after it."""

    def __init__(self, name: str) -> None:
        super().__init__(verbatim_arg_type="verbatim-environment")
        self.end = f"\\end{{{name}}}"

    def parse_args(self, w: Any, pos: int, parsing_state: Any = None) -> Any:
        end = w.s.find(self.end, pos)
        if end == -1:
            raise lw.LatexWalkerParseError(s=w.s, pos=pos, msg=f"Cannot find {self.end}")
        node = w.make_node(lw.LatexCharsNode, parsing_state=parsing_state, chars=w.s[pos:end],
                           pos=pos, len=end - pos)
        return ms.ParsedVerbatimArgs(verbatim_chars_node=node), pos, end - pos


@lru_cache(maxsize=32)
def dialect(cites: frozenset[str] = frozenset(), multicites: frozenset[str] = frozenset()
            ) -> Dialect:
    """The :class:`Dialect` knowing the standard commands and ``cites``/``multicites`` too."""
    cites = (CITE_MACROS | cites) - _NEVER_CITES
    multicites = (MULTICITE_MACROS | multicites) - _NEVER_CITES
    return Dialect(_make_context(cites, multicites), _make_text(cites | multicites), cites,
                   multicites)


def _make_context(cites: frozenset[str], multicites: frozenset[str]) -> Any:
    db = lw.get_default_latex_context_db()
    macros = [
        ms.MacroSpec("url", args_parser=_UrlArgs()),
        ms.MacroSpec("nolinkurl", args_parser=_UrlArgs()),
        ms.MacroSpec("href", args_parser=_UrlArgs(text_args=1)),
        ms.MacroSpec("verb", args_parser=_VerbArgs()),
        *(ms.MacroSpec(name, spec)
          for name, spec in (FOOTNOTE_MACROS | FOOTNOTE_TEXT_MACROS).items()),
        ms.MacroSpec("input", args_parser=_FileNameArgs()),
        ms.MacroSpec("include", args_parser=_FileNameArgs()),
        ms.MacroSpec("subfile", "{"),
        ms.MacroSpec("loadglsentries", "[{"),
        ms.MacroSpec("import", "{{"),
        ms.MacroSpec("subimport", "{{"),
        ms.MacroSpec("bibitem", "[{"),
        ms.MacroSpec("doi", args_parser=_UrlArgs()),
        ms.MacroSpec("addbibresource", "[{"),
        ms.MacroSpec("bibliography", "{"),
        ms.MacroSpec("bibliographystyle", "{"),
        *(ms.MacroSpec(name, "*[{{" if name in KEYS_THEN_TEXT_MACROS else "*[[{")
          for name in sorted(cites)),
        *(ms.MacroSpec(name, args_parser=_MultiCiteArgs()) for name in sorted(multicites)),
        *definition_specs(),
    ]
    environments = [
        ms.EnvironmentSpec(name, args_parser=_VerbatimEnvironmentArgs(name))
        for name in sorted(VERBATIM_ENVIRONMENTS - {"verbatim"})
    ]
    db.add_context_category("citecheck", prepend=True, macros=macros, environments=environments)
    db.test_for_specials = _specials_lookup(db)
    return db


def _specials_lookup(db: Any) -> Any:
    """pylatexenc's specials test (``~``, ``--``, ``&``…), indexed by first character.

    The tokenizer asks at every character; pylatexenc scans every special of every category
    each time, a fifth of a large document's parse. Same answer: the longest match, the first
    category's on a tie. Built once, the context is not changed afterwards.
    """
    found: dict[str, Any] = {}
    for category in db.category_list:
        for chars, spec in db.d[category]["specials"].items():
            found.setdefault(chars, spec)
    by_first: dict[str, list[tuple[str, Any]]] = {}
    for chars, spec in sorted(found.items(), key=lambda item: -len(item[0])):
        by_first.setdefault(chars[:1], []).append((chars, spec))

    def test_for_specials(s: str, pos: int, parsing_state: Any = None) -> Any:
        for chars, spec in by_first.get(s[pos:pos + 1], ()):
            if s.startswith(chars, pos):
                return spec
        return None

    return test_for_specials


def url_of(node: Any) -> str:
    """The address of a ``\\url``/``\\href`` node, its TeX escapes (``\\%``, ``\\#``…) undone.

    A ``%`` that ends a line inside the argument joins the lines (``https://x.org/%⏎path``):
    inside another macro's argument (a ``\\footnote``) TeX reads it as a comment, and no
    address ends a line with a lone ``%``. A scheme-less host (``\\url{example.com}``) is
    the web address the author means.
    """
    args = node.nodeargd.argnlist if node.nodeargd else None
    chars = getattr(args[0], "chars", "") if args else ""
    return web_address(unwrap_url(chars))


def unwrap_url(written: str) -> str:
    """A URL written in TeX source, whole: ``%`` line joins, spaces and escapes removed."""
    joined = "".join(join_percent_lines(written).split())
    return _URL_ESCAPES.sub(r"\1", DISCRETIONARY.sub("", joined))


def join_percent_lines(text: str) -> str:
    """``text`` with each line that ends in an unescaped ``%`` joined to the next."""
    return _LINE_JOIN.sub("", text)


def link_nodes(nodes: Any, skip: frozenset[str] = frozenset()) -> list[Any]:
    """The ``\\url``/``\\href`` nodes among ``nodes`` and inside them, in order; not inside
    the macros named in ``skip``."""
    out: list[Any] = []
    for node in nodes or ():
        if node is None:
            continue
        if isinstance(node, lw.LatexMacroNode):
            if node.macroname in skip:
                continue
            if node.macroname in LINK_MACROS and node.nodeargd and node.nodeargd.argnlist:
                out.append(node)
            elif node.nodeargd and node.nodeargd.argnlist:
                out += link_nodes(node.nodeargd.argnlist, skip)
        elif isinstance(node, lw.LatexGroupNode) or (
            isinstance(node, lw.LatexEnvironmentNode)
            and node.environmentname not in VERBATIM_ENVIRONMENTS
        ):
            out += link_nodes(node.nodelist, skip)
    return out


def _marker(node: Any) -> str:
    return placeholder(node.pos)


def _link_text(node: Any, l2tobj: Any) -> str:
    args = node.nodeargd.argnlist if node.nodeargd else []
    text = l2tobj.nodelist_to_text(args[1:2]) if node.macroname == "href" else ""
    return placeholder(node.pos, "\ue002") + (text if text.strip() else url_of(node))


def _make_text(cites: frozenset[str]) -> Any:
    db = text_context_db()
    specs = [
        # pylatexenc passes itself to a replacement that has a parameter named ``l2tobj``.
        MacroTextSpec("url", simplify_repl=_link_text),
        MacroTextSpec("href", simplify_repl=_link_text),
        MacroTextSpec("nolinkurl", simplify_repl=url_of),
        *(MacroTextSpec(name, simplify_repl=_marker) for name in FOOTNOTE_MACROS),
        *(MacroTextSpec(name, simplify_repl="") for name in FOOTNOTE_TEXT_MACROS),
        MacroTextSpec("doi", simplify_repl=lambda n: " doi:" + url_of(n) + " "),
        MacroTextSpec("bibitem", simplify_repl=""),
        MacroTextSpec("newblock", simplify_repl=" "),
        MacroTextSpec("TeX", simplify_repl="TeX"),
        MacroTextSpec("LaTeX", simplify_repl="LaTeX"),
        MacroTextSpec("BibTeX", simplify_repl="BibTeX"),
        # pylatexenc prints nothing of these: "file \\texttt{net/core/dev.c}" is no "file ".
        *(MacroTextSpec(name, simplify_repl="%(1)s")
          for name in ("texttt", "textsf", "textup", "textmd", "mbox")),
        *(MacroTextSpec(name, simplify_repl=_marker)
          for name in sorted(cites)),
        *(MacroTextSpec(name, simplify_repl="")
          for name in ("input", "include", "subfile", "import", "subimport", "loadglsentries",
                       "label", "ref",
                       "addbibresource", "bibliography", "bibliographystyle")),
        *(MacroTextSpec(name, simplify_repl="") for name in sorted(DEFINITION_MACROS)),
    ]
    db.add_context_category("citecheck", prepend=True, macros=specs)
    return LatexNodes2Text(latex_context=db, math_mode="verbatim", strict_latex_spaces=True)


STANDARD = dialect()
CONTEXT: Any = STANDARD.context
TO_TEXT: Any = STANDARD.to_text
