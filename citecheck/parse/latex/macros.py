"""User macro definitions: templates the walk does not enter, and names it can expand.

A definition's body (``\\newcommand{\\fnref}[2]{\\href{#1}{#2}\\footnote{\\url{#1}}}``) is a
template, not text: its ``\\footnote``, its ``\\href{#1}`` and its ``\\cite`` are no note, link
or citation of the document, so the walk skips it. A definition without parameters
(``\\def\\PATH{.}``, ``\\newcommand{\\base}{chapters}``) is remembered, so that a file name
built from it (``\\import{\\PATH/ch4/}{ch4}``, ``\\bibliography{\\base/refs}``) can be read.
A definition whose body makes a link (``\\newcommand{\\pkg}[1]{\\href{https://docs.example/#1}
{#1}}``) is remembered too (see :func:`link_template`): each use of it in running text is a link
TeX prints, at the place of the use, with the arguments put in; so is one whose body makes a
footnote (see :func:`note_template`): a footnote it makes that cites is a note at each use.
Nothing else is expanded: citecheck reports what the author wrote, not what TeX would build.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from pylatexenc import latexwalker as lw
from pylatexenc import macrospec as ms

from citecheck.parse.deferred import regex

__all__ = ["DEFINITION_MACROS", "FOOTNOTE_MACROS", "FOOTNOTE_TEXT_MACROS", "Template",
           "argument_text", "call", "definition", "definition_specs", "expand", "expand_calls",
           "fill", "group_end", "half_environments_inert", "link_template", "note_template"]

#: TeX primitives that take ``\\name<parameter text>{body}``.
_DEF_PRIMITIVES = ("def", "gdef", "edef", "xdef")
#: LaTeX, etoolbox and xparse commands whose last argument is a template.
_LATEX_DEFINERS = {
    "newcommand": "*{[[{", "renewcommand": "*{[[{", "providecommand": "*{[[{",
    "DeclareRobustCommand": "*{[[{", "newrobustcmd": "*{[[{", "renewrobustcmd": "*{[[{",
    "providerobustcmd": "*{[[{", "newenvironment": "*{[[{{", "renewenvironment": "*{[[{{",
    "NewDocumentCommand": "{{{", "RenewDocumentCommand": "{{{", "ProvideDocumentCommand": "{{{",
    "DeclareDocumentCommand": "{{{", "NewDocumentEnvironment": "{{{{",
    "RenewDocumentEnvironment": "{{{{", "NewExpandableDocumentCommand": "{{{",
}
#: TeX primitives giving a name another's meaning: ``\\let\\name\\other``, ``\\let\\name=\\other``.
_LET_PRIMITIVES = ("let", "glet")
DEFINITION_MACROS = frozenset({*_DEF_PRIMITIVES, *_LET_PRIMITIVES, *_LATEX_DEFINERS})
#: The footnote family, each with its argument spec: a command whose last argument is a note
#: the reader finds at the foot of the page (of a table, a minipage; or at the end, for
#: endnotes), its mark where the command stands. Each is a note numbered with ``\footnote``
#: in document order (``\tablefootnote``, package tablefootnote, prints as an ordinary
#: footnote), except the title page's ``\thanks``: a symbol marks it, outside the footnote
#: counter, so it is numbered apart (``thanks1``, …). Margin notes (``\marginpar``,
#: ``\marginnote``, ``\sidenote``) are not in it: they are text beside the page, not notes.
FOOTNOTE_MACROS = {"footnote": "[{", "tablefootnote": "[{", "mpfootnote": "[{",
                   "endnote": "[{", "thanks": "{"}
#: Note texts whose mark a ``\footnotemark`` (``\endnotemark``) set earlier: the note, no mark.
FOOTNOTE_TEXT_MACROS = {"footnotetext": "[{", "endnotetext": "[{"}
_CONTROL_WORD = regex(r"\\([A-Za-z@]+)\s*")
_MAX_PARAMETER_TEXT = 80  # a parameter text (\def\x#1.#2{) longer than this has no body
_MAX_EXPANSIONS = 16  # \a → \b → … deeper than this is a loop
_MAX_EXPANDED = 20_000  # characters: a macro that repeats itself ("\x{#1}\x{#1}") stops here


class _DefArgs(ms.MacroStandardArgsParser):  # type: ignore[misc]
    """``\\def\\name#1#2{body}``: the name, its parameter text and its body, as arguments."""

    def __init__(self) -> None:
        super().__init__(argspec="{{{")

    def parse_args(self, w: Any, pos: int, parsing_state: Any = None) -> Any:
        s, start = w.s, pos
        while pos < len(s) and s[pos].isspace():
            pos += 1
        name = re.compile(r"\\(?:[A-Za-z@]+|.)").match(s, pos)
        if name is None:  # not a definition after all: take nothing
            return ms.ParsedMacroArgs(argspec="", argnlist=[]), start, 0
        chars = [w.make_node(lw.LatexCharsNode, parsing_state=parsing_state,
                             chars=name.group(0)[1:], pos=pos, len=name.end() - pos)]
        brace = s.find("{", name.end(), name.end() + _MAX_PARAMETER_TEXT)
        if brace < 0:
            return ms.ParsedMacroArgs(argspec="{", argnlist=chars), start, name.end() - start
        chars.append(w.make_node(lw.LatexCharsNode, parsing_state=parsing_state,
                                 chars=s[name.end():brace], pos=name.end(),
                                 len=brace - name.end()))
        body, bpos, blen = w.get_latex_expression(brace, parsing_state=parsing_state)
        return ms.ParsedMacroArgs(argspec="{{{", argnlist=[*chars, body]), start, \
            bpos + blen - start


class _LetArgs(ms.MacroStandardArgsParser):  # type: ignore[misc]
    """``\\let\\name\\other`` (or ``\\let\\name = \\other``): the two names, as arguments.
    Neither is a use: ``\\let\\thanks\\relax`` is no ``\\thanks`` taking ``\\relax`` as its note."""

    def __init__(self) -> None:
        super().__init__(argspec="{{")

    def parse_args(self, w: Any, pos: int, parsing_state: Any = None) -> Any:
        found = _LET.match(w.s, pos)
        if found is None:  # not a \let after all: take nothing
            return ms.ParsedMacroArgs(argspec="", argnlist=[]), pos, 0
        names = [w.make_node(lw.LatexCharsNode, parsing_state=parsing_state,
                             chars=found.group(group), pos=found.start(group),
                             len=len(found.group(group))) for group in (1, 2)]
        return ms.ParsedMacroArgs(argspec="{{", argnlist=names), pos, found.end() - pos


_LET = regex(r"\s*(\\(?:[A-Za-z@]+|.))\s*=?\s?(\\(?:[A-Za-z@]+|.)|[^\s\\{}])")


def definition_specs() -> list[Any]:
    """The tokenizer's specs for every definition command (its arguments, body included)."""
    return [*(ms.MacroSpec(name, args_parser=_DefArgs()) for name in _DEF_PRIMITIVES),
            *(ms.MacroSpec(name, args_parser=_LetArgs()) for name in _LET_PRIMITIVES),
            *(ms.MacroSpec(name, spec) for name, spec in _LATEX_DEFINERS.items())]


def definition(node: Any) -> tuple[str, str] | None:
    """``(name, body)`` of a definition without parameters; None for any other definition."""
    args = list(node.nodeargd.argnlist) if node.nodeargd else []
    if node.macroname in _DEF_PRIMITIVES:
        if len(args) != 3 or args[1].chars.strip():  # "\def\x#1{…}" takes parameters
            return None
        return args[0].chars, argument_text(args[2])
    if node.macroname not in ("newcommand", "renewcommand", "providecommand",
                              "DeclareRobustCommand") or len(args) != 5:
        return None
    _star, name, count, _default, body = args
    if count is not None or name is None or body is None:
        return None
    inner = name.nodelist if isinstance(name, lw.LatexGroupNode) else [name]
    macros = [n for n in inner if isinstance(n, lw.LatexMacroNode)]
    return (macros[0].macroname, argument_text(body)) if len(macros) == 1 else None


_LINKS = regex(r"\\(?:href|url)\b")
_FOOTNOTES = regex(rf"\\(?:{'|'.join(FOOTNOTE_MACROS)})\b")
_PARAMETER = regex(r"#([1-9])")


@dataclass(frozen=True)
class Template:
    """A user macro that makes a link or a footnote: its parameter count, the default of its
    optional first parameter (``\\newcommand\\x[2][]{…}``; None when it has none) and its
    body."""

    parameters: int
    default: str | None
    body: str


def link_template(node: Any, linking: Collection[str] = ()) -> tuple[str, Template] | None:
    """The name and :class:`Template` of a ``\\newcommand`` (or ``\\renewcommand``,
    ``\\providecommand``, ``\\DeclareRobustCommand``) whose body holds ``\\href``/``\\url``,
    or uses a macro in ``linking`` (one defined before that makes a link:
    ``\\newcommand{\\ads}[1]{see \\doi{#1}}``); None for any other definition."""
    return _template(node, lambda text: bool(_LINKS.search(text)) or any(
        m.group(1) in linking for m in _CONTROL_WORD.finditer(text)))


def note_template(node: Any) -> tuple[str, Template] | None:
    """The name and :class:`Template` of a ``\\newcommand`` (or ``\\renewcommand``…) whose
    body makes a footnote (``\\newcommand{\\linuxfnc}[3]{\\href{…#1}{#3\\footnote{Linux
    kernel~\\cite{linux-kernel}, file #1, line #2}}}``); None for any other definition."""
    return _template(node, lambda text: bool(_FOOTNOTES.search(text)))


def _template(node: Any, wanted: Callable[[str], bool]) -> tuple[str, Template] | None:
    args = list(node.nodeargd.argnlist) if node.nodeargd else []
    if node.macroname not in ("newcommand", "renewcommand", "providecommand",
                              "DeclareRobustCommand") or len(args) != 5:
        return None
    _star, name, count, default, body = args
    if name is None or body is None:
        return None
    text = argument_text(body)
    if not wanted(text):
        return None
    inner = name.nodelist if isinstance(name, lw.LatexGroupNode) else [name]
    macros = [n for n in inner if isinstance(n, lw.LatexMacroNode)]
    try:
        parameters = int(argument_text(count)) if count is not None else 0
    except ValueError:
        return None
    if default is not None and parameters < 1:
        return None
    optional = argument_text(default) if default is not None else None
    return (macros[0].macroname, Template(parameters, optional, text)) \
        if len(macros) == 1 else None


def call(node: Any) -> tuple[str, re.Pattern[str], str] | None:
    """A definition with parameters as a pattern of its use: ``\\def\\first#1 #2\\relax{#1}``
    gives ``first``, a pattern whose groups are the arguments of ``\\first1004 \\relax`` and
    the body; ``\\newcommand{\\x}[2]{…}`` reads two braced arguments. None for a definition
    without parameters or with an optional one."""
    args = list(node.nodeargd.argnlist) if node.nodeargd else []
    if node.macroname in _DEF_PRIMITIVES:
        if len(args) != 3 or not args[1].chars.strip():
            return None
        name, written, body = args[0].chars, args[1].chars, argument_text(args[2])
    elif node.macroname in ("newcommand", "renewcommand", "providecommand",
                            "DeclareRobustCommand") and len(args) == 5:
        _star, named, count, default, template = args
        if named is None or count is None or default is not None or template is None:
            return None
        inner = named.nodelist if isinstance(named, lw.LatexGroupNode) else [named]
        macros = [n for n in inner if isinstance(n, lw.LatexMacroNode)]
        try:
            parameters = int(argument_text(count))
        except ValueError:
            return None
        if len(macros) != 1 or not 1 <= parameters <= 9:
            return None
        name, body = macros[0].macroname, argument_text(template)
        written = "".join(f"#{n}" for n in range(1, parameters + 1))
    else:
        return None
    pattern = _parameter_pattern(written)
    return (name, re.compile(re.escape("\\" + name) + r"(?![A-Za-z@])\s*" + pattern, re.S), body) \
        if pattern is not None else None


_BRACED = r"\{((?:[^{}]|\{[^{}]*\})*)\}"
_UNDELIMITED = r"\s*(?:" + _BRACED + r"|(\\[A-Za-z@]+|[^\s{}]))"


def _parameter_pattern(written: str) -> str | None:
    """The regular expression of a ``\\def`` parameter text (``#1 #2\\relax``): a parameter
    followed by other text is delimited by it (lazily, as TeX reads it), one followed by a
    parameter or by nothing takes one token or one braced group."""
    pieces = re.split(r"(#[1-9])", written)
    out: list[str] = []
    expected = 1
    for index, piece in enumerate(pieces):
        if not piece:
            continue
        if re.fullmatch(r"#[1-9]", piece):
            if int(piece[1]) != expected:
                return None
            expected += 1
            delimited = index + 1 < len(pieces) and pieces[index + 1] != ""
            out.append(r"(?:" + _BRACED + r"|(.*?))" if delimited else _UNDELIMITED)
        else:
            out.append(re.escape(piece))
    return "".join(out)


def expand_calls(text: str, calls: dict[str, tuple[re.Pattern[str], str]]) -> str:
    """``text`` with each use of a macro in ``calls`` (see :func:`call`) replaced by its body,
    the arguments put in; a use that does not match its parameter text is left as written."""
    if not calls:
        return text
    for _ in range(_MAX_EXPANSIONS):
        changed = text
        for pattern, body in calls.values():
            changed = pattern.sub(_filler(body), changed)
        if changed == text or len(changed) > _MAX_EXPANDED:
            break
        text = changed
    return text


def _filler(body: str) -> Callable[[re.Match[str]], str]:
    return lambda match: fill(body, _arguments(match))


def _arguments(match: re.Match[str]) -> list[str]:
    """The arguments of a matched use: each parameter has two groups (braced, or not)."""
    groups = match.groups()
    return [a if a is not None else b or ""
            for a, b in zip(groups[::2], groups[1::2], strict=True)]


def fill(body: str, arguments: list[str]) -> str:
    """A template's body with ``#1``… replaced by ``arguments`` (a missing one by nothing)."""
    return _PARAMETER.sub(
        lambda m: arguments[int(m.group(1)) - 1] if int(m.group(1)) <= len(arguments) else "",
        body)


def argument_text(node: Any) -> str:
    """An argument as written, without its braces and without its ``%`` comments."""
    if node is None:
        return ""
    if isinstance(node, lw.LatexGroupNode):
        return "".join(argument_text(child) for child in node.nodelist).strip()
    if isinstance(node, lw.LatexCommentNode):
        return ""
    return str(node.latex_verbatim())


def expand(text: str, defined: dict[str, str]) -> str:
    """``text`` with the parameterless macros in ``defined`` replaced by their bodies."""
    for _ in range(_MAX_EXPANSIONS):
        changed = _CONTROL_WORD.sub(
            lambda m: defined.get(m.group(1), m.group(0)), text)
        if changed == text:
            break
        text = changed
    return text


def group_end(text: str, opening: int) -> int:
    """Where the ``}`` that closes the group opened at ``opening`` stands (``len(text)`` if the
    group is never closed); a backslash escapes the character after it (``\\}``, ``\\\\``)."""
    depth, i = 0, opening
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(text)


# The head of a definition, up to the brace that opens its body: "\newcommand{\beq}{",
# "\renewcommand*\x[2][]{", "\def\beq{", "\gdef\x#1#2{".
_DEFINITION_HEAD = regex(
    r"\\(?:(?:re|provide)?newcommand\*?\s*(?:\{\s*\\[A-Za-z@]+\s*\}|\\[A-Za-z@]+)"
    r"(?:\s*\[[^\]]*\]){0,2}|[gex]?def\s*\\[A-Za-z@]+[^{}\n]{0,20}?)\s*\{"
)
_ENVIRONMENT_EDGE = regex(r"\\(begin|end)(?=\s*\{)")


def half_environments_inert(text: str) -> str:
    """``text`` with the ``\\begin``/``\\end`` of definition bodies that open or close an
    environment without the other half made inert, at the same length.

    ``\\newcommand{\\beq}{\\begin{equation}}`` (a shorthand pair with ``\\eeq``) is a body
    that opens an environment it does not close: read as written, the tokenizer takes everything
    after it for that environment's body, and a whole paper's citations and footnotes were lost
    (0 notes). Such bodies' halves become ``\\BEGIN``/``\\END``, macros nothing knows, so the
    rest of the document is read as TeX reads it. Lengths are kept: positions (line numbers) of
    everything else stay what they were.
    """
    if "\\begin" not in text or ("newcommand" not in text and "def" not in text):
        return text
    pieces: list[str] = []
    done = 0
    for head in _DEFINITION_HEAD.finditer(text):
        if head.start() < done:
            continue
        start = head.end()  # just inside the body's brace
        at = group_end(text, start - 1)  # its closing brace
        body = text[start:at]
        if "\\begin" in body or "\\end" in body:
            edges = [m.group(1) for m in _ENVIRONMENT_EDGE.finditer(body)]
            if edges.count("begin") != edges.count("end"):
                pieces.append(text[done:start])
                pieces.append(_ENVIRONMENT_EDGE.sub(lambda m: "\\" + m.group(1).upper(), body))
                done = at
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)

