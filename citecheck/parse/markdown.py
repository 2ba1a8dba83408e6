"""The Markdown reader: where a Markdown document's notes and note markers are.

Markdown is parsed by markdown-it-py (CommonMark with GFM tables and strikethrough) with the
footnote and front-matter plugins; this module only walks the tokens. Three citation styles are
read:

* footnotes, ``claim.[^1]`` with ``[^1]: Source …`` (multi-line, several paragraphs, inline
  ``^[…]`` footnotes too);
* reference-style links, ``[text][3]`` with ``[3]: https://… "Title"``: the definition is the
  note, every use a marker;
* inline links and autolinks in body text: each is an inline note (``link-1``, ``link-2``, …)
  whose claim is the sentence around it.

A Markdown file written in the plain-text style (``[i]`` markers and a Notes section) has none of
the first two; it is handed to the plain-text reader, with Markdown markup removed from what that
reader finds.

Positions are 1-based lines and columns in the original text. markdown-it-py records lines only
for blocks, so the inline rules that make markers are wrapped to stamp each token they emit with
its offset in the block's inline source; :class:`_BlockLines` maps that offset back to a line.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim, normalizeReference
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from citecheck.models import Diagnostic, DiagnosticCode
from citecheck.parse.base import RawMarker, RawNote, ReaderOutput
from citecheck.parse.claims import ClaimText, strip_text_markers, visible
from citecheck.parse.inline import body_link, is_chrome_link_text, is_citable_href, link_note_text
from citecheck.parse.names import TO_SUPERSCRIPT, normalise_newlines

__all__ = ["make_parser", "read_markdown"]

_TOML_FRONT_MATTER = re.compile(r"\A\ufeff?\+\+\+[ \t]*\n(?:.*\n)*?\+\+\+[ \t]*(?=\n|\Z)")
# kramdown's inline attribute lists: "[text](url){:target="_blank"}", "claim.[^1]{:.fn}".
_ATTRIBUTE_LIST = re.compile(r"\{:[^{}\n]*\}")
# A raw-HTML superscript marker in a plain-text-style file; the text reader knows "¹²".
_SUP_TAG = re.compile(r"(?i)<sup>\s*(\d{1,4}(?:\s*[,–-]\s*\d{1,4})*)\s*</sup>")
# Characters without which a fragment has no inline Markdown to remove.
_MARKUP = re.compile(r"[\\`*_\[\]<>!&~]")

# Inline rules whose tokens need a source position: everything that becomes a marker or a link.
_STAMPED_RULES = (
    "link", "image", "autolink", "bare_url", "footnote_ref", "footnote_inline", "html_inline",
)  # fmt: skip
_HTML_OPEN_A = re.compile(r"(?is)^<a(\s[^>]*)?>$")
_HTML_CLOSE_A = re.compile(r"(?i)^</a\s*>$")
_HTML_BR = re.compile(r"(?i)^<br\b")
_HTML_IMG = re.compile(r"(?i)^<img\b")
_HTML_ATTR = re.compile(r"""([^\s"'>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")


# --------------------------------------------------------------------------- the parser


def _stamped(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """Wrap an inline rule so every token it emits records where in the inline source it began."""

    def stamped_rule(state: StateInline, silent: bool) -> bool:
        if silent:
            return rule(state, silent)
        start = state.pos
        before = len(state.tokens)
        matched = rule(state, silent)
        if matched:
            for token in state.tokens[before:]:
                if "pos" not in token.meta:
                    token.meta["pos"] = start
        return matched

    return stamped_rule


# A footnote reference the link rule cannot take: a simple label, no "(" or "[" after it.
_FOOTNOTE_REF = re.compile(r"(?a)\[(\^[\w.-]+)\](?![(\[])")


def _footnote_refs_first(
    link: Callable[[StateInline, bool], bool],
) -> Callable[[StateInline, bool], bool]:
    """Wrap the link rule to give up at once on a plain ``[^1]``.

    The link rule would scan the label, find neither a target nor a definition and fail, after
    which the footnote rule takes it; that scan is most of a footnote-heavy document's inline
    time. Only when a reference definition ``[^1]: …`` exists can the link rule succeed.
    """

    def link_rule(state: StateInline, silent: bool) -> bool:
        src = state.src
        if src.startswith("[^", state.pos):
            simple = _FOOTNOTE_REF.match(src, state.pos, state.posMax)
            if simple is not None:
                references = state.env.get("references")
                if not references or normalizeReference(simple.group(1)) not in references:
                    return False
        return link(state, silent)

    return link_rule


_SCHEME_BEFORE = re.compile(r"(?i)(?:^|[^a-z0-9.+-])(https?|ftp)$")
_URL_REST = re.compile(r"://[^\s<>\"`]*")
_URL_TRAILING = "?!.,:;*_~'\""


def _bare_url(state: StateInline, silent: bool) -> bool:
    """GFM-style bare URLs (``https://…`` in running text), without linkify-it's cost.

    The rule fires on the ``:`` of ``://``; the scheme before it is already pending text.
    Trailing punctuation and an unbalanced closing parenthesis are left out, as GFM does.
    """
    pos = state.pos
    src = state.src
    if state.linkLevel > 0 or not src.startswith("://", pos):
        return False
    pending = state.pending
    scheme = _SCHEME_BEFORE.search(pending[-8:])
    if scheme is None:
        return False
    proto = scheme.group(1)
    rest = _URL_REST.match(src, pos, state.posMax)
    tail = rest.group() if rest else ""
    while tail and (
        tail[-1] in _URL_TRAILING or (tail[-1] == ")" and tail.count(")") > tail.count("("))
    ):
        tail = tail[:-1]
    if len(tail) <= 3:
        return False
    if not silent:
        url = proto + tail
        state.pending = pending[: -len(proto)]
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": url}
        token.markup = "linkify"
        token.info = "auto"
        token = state.push("text", "", 0)
        token.content = url
        token = state.push("link_close", "a", -1)
        token.markup = "linkify"
        token.info = "auto"
    state.pos = pos + len(tail)
    return True


BlockRule = Callable[[StateBlock, int, int, bool], bool]
# What a one-line definition's text may open with for it to be a plain paragraph: no block
# syntax (list, heading, quote, fence, HTML, table, reference) starts with a letter or a quote.
_PLAIN_OPENING = re.compile(r"[^\W\d_]|[“‘\"'«(]")


def _one_line_definitions(footnote_def: BlockRule) -> BlockRule:
    """Wrap the footnote plugin's definition rule with a fast path for one-line definitions.

    The plugin parses every definition's text with a nested block parse, which tries each block
    rule and each paragraph terminator on it: two thirds of the parse time of a document with
    thousands of notes. ``[^7]: Author, “Title,” 2020. https://…`` followed by another
    definition, a blank line and unindented text, or the end, always comes out of that parse as
    one paragraph; this pushes exactly the tokens, maps and state that the nested parse would
    (a test compares the two token streams) and leaves everything else to the plugin.
    """

    def rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        # Only at the top level (level 0: not in a quote, list or note; ``parentType`` cannot
        # tell, as markdown-it's setext-heading rule leaves it at "paragraph").
        if silent or state.level or state.blkIndent or state.sCount[start_line]:
            return footnote_def(state, start_line, end_line, silent)
        src = state.src
        begin = state.bMarks[start_line]
        line_end = state.eMarks[start_line]
        close = src.find("]", begin + 2, line_end)
        after = close + 2  # just past the colon
        if (
            not src.startswith("[^", begin)
            or close <= begin + 2
            or " " in src[begin + 2 : close]
            or not src.startswith(": ", close + 1)
            or _PLAIN_OPENING.match(src, after + 1, line_end) is None
            or state.level + 3 >= state.md.options.maxNesting
        ):
            return footnote_def(state, start_line, end_line, silent)
        following = start_line + 1
        if following < end_line:
            if state.isEmpty(following):
                following = state.skipEmptyLines(following)
                if following < end_line and state.sCount[following] >= 4:
                    return footnote_def(state, start_line, end_line, silent)  # continues
            elif state.sCount[following] or not footnote_def(state, following, end_line, True):
                return footnote_def(state, start_line, end_line, silent)
        label = src[begin + 2 : close]
        footnotes = state.env.setdefault("footnotes", {})
        footnotes.setdefault("refs", {})
        footnotes.setdefault("list", {})
        footnotes["refs"][":" + label] = -1

        opening = Token("footnote_reference_open", "", 1)
        opening.meta = {"label": label}
        opening.level = state.level
        state.level += 1
        state.tokens.append(opening)
        line_map = [start_line, start_line + 1]
        token = state.push("paragraph_open", "p", 1)
        token.map = line_map
        token = state.push("inline", "", 0)
        token.content = mdTrim(src[after + 1 : line_end])
        token.map = list(line_map)
        token.children = []
        state.push("paragraph_close", "p", -1)
        state.tight = True
        state.line = following if following < end_line else end_line
        opening.map = [start_line, state.line]
        closing = Token("footnote_reference_close", "", -1)
        state.level -= 1
        closing.level = state.level
        state.tokens.append(closing)
        return True

    return rule


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return make_parser()


def make_parser(*, fast_definitions: bool = True) -> MarkdownIt:
    """The Markdown parser, configured; ``fast_definitions=False`` is for the equivalence test."""
    md = MarkdownIt("commonmark", {"store_labels": True, "inline_definitions": True})
    md.enable(["table", "strikethrough"])
    # YAML front matter (Jekyll, Hugo) is metadata, not body text with links.
    md.use(front_matter_plugin)
    # Unmatched [^n] still become references, so a marker without a note is reported, and
    # definitions stay where they are written, so their lines are known.
    md.use(footnote_plugin, move_to_end=False, always_match_refs=True)
    # Bare URLs: linkify-it-py triples the parse time of a large document and the gfm_autolink
    # plugin doubles it (it slices the rest of the paragraph at every ":"); one regex does.
    md.inline.ruler.before("newline", "bare_url", _bare_url)
    # Targets are reported exactly as written, not percent-encoded or punycoded.
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.normalizeLinkText = lambda link: link  # type: ignore[method-assign]
    for rule in md.inline.ruler.__rules__:
        if rule.name in _STAMPED_RULES:
            md.inline.ruler.at(rule.name, _stamped(rule.fn))
    for rule in md.inline.ruler.__rules__:
        if rule.name == "link":
            md.inline.ruler.at("link", _footnote_refs_first(rule.fn))
    for block_rule in md.block.ruler.__rules__:
        if fast_definitions and block_rule.name == "footnote_def":
            md.block.ruler.at(
                "footnote_def", _one_line_definitions(block_rule.fn), {"alt": block_rule.alt}
            )
    return md


# --------------------------------------------------------------------------- positions


class _BlockLines:
    """Maps offsets in a block's inline source (``Token.content``) to source lines and columns.

    markdown-it-py builds the inline source from the block's lines with container prefixes
    (``>``, list indentation) removed, so each of its lines is the tail of a source line.
    """

    __slots__ = ("_cols", "_first", "_starts")

    def __init__(self, content: str, first_line: int, lines: Sequence[str]) -> None:
        self._first = first_line
        self._starts: list[int] = []
        self._cols: list[int] = []
        offset = 0
        for i, piece in enumerate(content.split("\n")):
            number = first_line + i
            source = lines[number] if number < len(lines) else ""
            if piece and source.endswith(piece):
                col = len(source) - len(piece)
            else:
                found = source.find(piece) if piece else -1
                col = found if found >= 0 else len(source) - len(source.lstrip())
            self._starts.append(offset)
            self._cols.append(col)
            offset += len(piece) + 1

    def locate(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of an offset in the inline source."""
        i = max(bisect_right(self._starts, offset) - 1, 0)
        return self._first + i + 1, self._cols[i] + offset - self._starts[i] + 1


# --------------------------------------------------------------------------- inline rendering


@dataclass(slots=True)
class _Link:
    href: str
    title: str
    text: str
    start: int  # offset of the link text in the rendered plain text
    src: int  # offset of the link in the inline source, -1 when unknown
    kind: str  # inline | reference | autolink | bare
    ref: str | None  # normalised reference label, for reference links
    image_only: bool


@dataclass(slots=True)
class _FootRef:
    label: str | None  # as written; None for an inline ^[…] footnote
    ident: int
    at: int  # offset in the rendered plain text
    src: int


@dataclass(slots=True)
class _Inline:
    text: str
    links: list[_Link]
    refs: list[_FootRef]
    removed: list[int]
    image_refs: list[str]  # reference labels that images use


def _link_kind(token: Token) -> str:
    if token.markup == "autolink":
        return "autolink"
    if token.markup == "linkify" or token.info == "auto":
        return "bare"
    return "reference" if token.meta.get("label") else "inline"


def _render(children: Sequence[Token] | None, *, in_note: bool = False) -> _Inline:
    """Plain text of an inline token's children, with where its links and markers sit."""
    parts: list[str] = []
    length = 0
    links: list[_Link] = []
    refs: list[_FootRef] = []
    removed: list[int] = []
    image_refs: list[str] = []
    # (opening token, offset in text, index into parts, saw an image)
    open_links: list[tuple[Token, int, int, list[bool]]] = []
    for child in children or ():
        token, kind = child, child.type
        if kind == "html_inline":
            # Raw HTML in the text: an <a href> is a link like any other, <br> a line break.
            content = child.content
            opener = _html_link(child)
            if opener is not None:
                token, kind = opener, "link_open"
            elif _HTML_CLOSE_A.match(content):
                kind = "link_close"
            elif _HTML_BR.match(content):
                kind = "hardbreak"
            elif _HTML_IMG.match(content):
                kind = "image"
        if kind in ("text", "text_special"):
            piece = token.content
            if "{:" in piece:
                piece = _ATTRIBUTE_LIST.sub("", piece)  # kramdown's "{:.class}" is markup
        elif kind in ("softbreak", "hardbreak"):
            piece = "\n"
        elif kind == "code_inline":
            # Code is not a citation: in a note, a URL shown as code is not the note's source.
            piece = token.content
            if in_note and "://" in piece:
                continue
        elif kind == "footnote_ref":
            meta = token.meta
            label = meta.get("label")
            refs.append(
                _FootRef(
                    label=label if isinstance(label, str) else None,
                    ident=int(meta.get("id", -1)),
                    at=length,
                    src=int(meta.get("pos", -1)),
                )
            )
            removed.append(length)
            continue
        elif kind == "link_open":
            open_links.append((token, length, len(parts), [False]))
            continue
        elif kind == "link_close":
            if open_links:
                opener, start, index, image = open_links.pop()
                label = opener.meta.get("label")
                links.append(
                    _Link(
                        href=str(opener.attrGet("href") or ""),
                        title=str(opener.attrGet("title") or ""),
                        text="".join(parts[index:]),
                        start=start,
                        src=_link_source(opener),
                        kind=_link_kind(opener),
                        ref=label if isinstance(label, str) else None,
                        image_only=image[0] and not "".join(parts[index:]).strip(),
                    )
                )
            continue
        elif kind == "image":
            for _, _, _, image in open_links:
                image[0] = True
            label = token.meta.get("label")
            if isinstance(label, str):
                image_refs.append(label)
            continue
        else:
            continue
        parts.append(piece)
        length += len(piece)
    links.sort(key=lambda link: link.start)
    return _Inline("".join(parts), links, refs, removed, image_refs)


def _html_link(token: Token) -> Token | None:
    """A ``link_open`` token for a raw ``<a href="…">`` tag, None for any other HTML."""
    match = _HTML_OPEN_A.match(token.content)
    if match is None:
        return None
    attrs: dict[str, str] = {}
    for name, double, single, bare in _HTML_ATTR.findall(match.group(1) or ""):
        attrs.setdefault(name.lower(), html.unescape(double or single or bare))
    href = attrs.get("href")
    if href is None:
        return None
    opener = Token("link_open", "a", 1, attrs={"href": href.strip()}, meta=dict(token.meta))
    if attrs.get("title"):
        opener.attrSet("title", attrs["title"])
    return opener


def _link_source(opener: Token) -> int:
    pos = int(opener.meta.get("pos", -1))
    if pos >= 0 and opener.markup == "linkify":
        # The linkify rule fires on the ":" of "://"; the link began at its scheme.
        href = str(opener.attrGet("href") or "")
        colon = href.find(":")
        if colon > 0:
            pos = max(pos - colon, 0)
    return pos


# --------------------------------------------------------------------------- the reader


@dataclass(slots=True)
class _Definition:
    label: str  # as written
    href: str
    title: str
    line: int
    column: int


@dataclass(slots=True)
class _FootnoteDef:
    label: str
    line: int
    column: int
    texts: list[str] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Reader:
    lines: list[str]
    env: dict[str, Any]
    notes: list[RawNote] = field(default_factory=list)
    markers: list[RawMarker] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    definitions: dict[str, _Definition] = field(default_factory=dict)
    # reference label → the text of its first link in the body
    body_refs: dict[str, str] = field(default_factory=dict)
    other_refs: set[str] = field(default_factory=set)  # … that images or notes' links use
    footnote_labels: set[str] = field(default_factory=set)
    # body links with their line, column and the claim text they sit in (split only if needed)
    inline_links: list[tuple[_Link, int, int, ClaimText]] = field(default_factory=list)
    found_notes: bool = False


def read_markdown(text: str) -> ReaderOutput:
    """Find the notes and note markers of a Markdown document.

    Returns raw notes (footnote definitions, reference-link definitions, inline body links) and
    markers (footnote references, reference-link uses, inline links), each with a 1-based line
    and column in ``text``, plus diagnostics. A document without footnotes or reference links is
    read as plain text (``[1]`` markers and a Notes section) with its Markdown markup removed.
    """
    source = normalise_newlines(text).replace("\0", "\ufffd")
    # Hugo's TOML front matter (+++ … +++) is metadata, like YAML's (the plugin knows only
    # that one): blanked line for line, so every later line keeps its number.
    toml = _TOML_FRONT_MATTER.match(source)
    if toml is not None:
        source = "\n" * toml.group().count("\n") + source[toml.end() :]
    lines = source.split("\n")
    env: dict[str, Any] = {}
    tokens = _parser().parse(source, env)
    reader = _Reader(lines=lines, env=env)
    for token in tokens:
        if token.type == "definition":
            _record_definition(reader, token)
    _walk(reader, tokens)
    _add_definitions(reader)
    if not reader.found_notes:
        return _read_plain_style(text, reader)
    link_notes, link_markers = _inline_link_notes(reader.inline_links)
    notes = sorted([*reader.notes, *link_notes], key=lambda n: (n.line, n.column))
    markers = sorted([*reader.markers, *link_markers], key=lambda m: (m.line, m.column))
    return ReaderOutput(notes, markers, reader.diagnostics)


def _walk(reader: _Reader, tokens: Sequence[Token]) -> None:
    footnotes: list[_FootnoteDef] = []  # open definitions, innermost last
    in_heading = False
    # in a table row: (its first marker, its first inline link, its cells' texts)
    row: tuple[int, int, list[str]] | None = None
    last_map: list[int] | None = None
    for token in tokens:
        kind = token.type
        if token.map:
            last_map = token.map
        if kind == "footnote_reference_open":
            footnotes.append(_open_footnote(reader, token))
        elif kind == "footnote_reference_close":
            if footnotes:
                _close_footnote(reader, footnotes.pop())
        elif kind == "heading_open":
            in_heading = True
        elif kind == "heading_close":
            in_heading = False
        elif kind == "tr_open":
            row = (len(reader.markers), len(reader.inline_links), [])
        elif kind == "tr_close" and row is not None:
            _fill_row_claims(reader, *row)
            row = None
        elif kind == "inline":
            block_map = token.map or last_map
            _read_inline(
                reader,
                token,
                block_map[0] if block_map else 0,
                footnotes[-1] if footnotes else None,
                in_heading=in_heading,
            )
            if row is not None:
                row[2].append(" ".join(visible(_render(token.children).text).split()))
    for footnote in reversed(footnotes):  # unbalanced only if markdown-it changes; be safe
        _close_footnote(reader, footnote)


def _fill_row_claims(reader: _Reader, first: int, first_link: int, cells: list[str]) -> None:
    """A marker alone in a table cell ("| Tap | 5.45 | [^1] |"), or a link that is all of its
    cell ("| Portland | Yes | [TriMet](…) |"), supports the whole row."""
    row_text = " ".join(cell for cell in cells if cell)
    for index in range(first, len(reader.markers)):
        if not reader.markers[index].sentence:
            reader.markers[index] = replace(reader.markers[index], sentence=row_text)
    row_claims: ClaimText | None = None
    for index in range(first_link, len(reader.inline_links)):
        link, line, column, claims = reader.inline_links[index]
        if " ".join(claims.text.split()) == " ".join(link.text.split()):
            row_claims = row_claims or ClaimText(row_text)
            reader.inline_links[index] = (replace(link, start=0), line, column, row_claims)


def _line_col(reader: _Reader, line_index: int, needle: str) -> tuple[int, int]:
    line = reader.lines[line_index] if line_index < len(reader.lines) else ""
    col = line.find(needle) if needle else -1
    if col < 0:
        col = len(line) - len(line.lstrip())
    return line_index + 1, col + 1


def _open_footnote(reader: _Reader, token: Token) -> _FootnoteDef:
    label = str(token.meta.get("label", ""))
    line_index = token.map[0] if token.map else 0
    line, column = _line_col(reader, line_index, f"[^{label}]:")
    return _FootnoteDef(label=label, line=line, column=column)


def _close_footnote(reader: _Reader, footnote: _FootnoteDef) -> None:
    reader.found_notes = True
    if footnote.label in reader.footnote_labels:
        reader.diagnostics.append(
            Diagnostic(
                code=DiagnosticCode.DUPLICATE_LABEL,
                message=f"footnote [^{footnote.label}] is defined more than once; "
                "the first definition is used",
                line=footnote.line,
                label=footnote.label,
            )
        )
        return
    reader.footnote_labels.add(footnote.label)
    reader.notes.append(
        RawNote(
            label=footnote.label,
            line=footnote.line,
            text=visible("\n\n".join(t for t in footnote.texts if t.strip())),
            hrefs=tuple(dict.fromkeys(footnote.hrefs)),
            column=footnote.column,
        )
    )


def _record_definition(reader: _Reader, token: Token) -> None:
    meta = token.meta
    ident = str(meta.get("id", ""))
    raw = str(meta.get("label", ident))
    line_index = token.map[0] if token.map else 0
    line, column = _line_col(reader, line_index, f"[{raw}]:")
    if ident in reader.definitions:
        reader.diagnostics.append(
            Diagnostic(
                code=DiagnosticCode.DUPLICATE_LABEL,
                message=f"link reference [{raw}] is defined more than once; "
                "the first definition is used",
                line=line,
                label=raw,
            )
        )
        return
    reader.definitions[ident] = _Definition(
        label=raw,
        href=str(meta.get("url", "")),
        title=str(meta.get("title", "") or ""),
        line=line,
        column=column,
    )


def _note_hrefs(links: Iterable[_Link]) -> list[str]:
    # Bare URLs stay in the text only: the core extracts them from there, repairing line wraps.
    return [
        link.href
        for link in links
        if link.kind != "bare" and not link.image_only and is_citable_href(link.href)
    ]


def _read_inline(
    reader: _Reader,
    token: Token,
    first_line: int,
    footnote: _FootnoteDef | None,
    *,
    in_heading: bool,
) -> None:
    rendered = _render(token.children, in_note=footnote is not None)
    reader.other_refs.update(rendered.image_refs)
    if footnote is not None:
        footnote.texts.append(rendered.text)
        footnote.hrefs.extend(_note_hrefs(rendered.links))
    if not rendered.refs and not rendered.links:
        return
    positions = _BlockLines(token.content, first_line, reader.lines)
    claims = ClaimText(rendered.text, rendered.removed)

    for ref in rendered.refs:
        line, column = positions.locate(max(ref.src, 0))
        label = ref.label
        if label is None:
            label = _inline_footnote(reader, ref, line, column)
        else:
            reader.found_notes = True
        reader.markers.append(RawMarker(label, line, claims.after(ref.at), column))

    for link in rendered.links:
        if link.image_only:
            if link.ref is not None:
                reader.other_refs.add(link.ref)  # a linked badge: its definition is no note
            continue
        if link.kind == "reference" and link.ref is not None:
            if footnote is not None:
                reader.other_refs.add(link.ref)
            else:
                reader.body_refs.setdefault(link.ref, " ".join(link.text.split()))
                definition = reader.definitions.get(link.ref)
                if definition is not None and is_citable_href(definition.href):
                    line, column = positions.locate(max(link.src, 0))
                    reader.markers.append(
                        RawMarker(definition.label, line, claims.around(link.start), column)
                    )
            continue
        if footnote is not None or in_heading or not is_citable_href(link.href):
            continue
        if is_chrome_link_text(link.text):
            continue  # "Subscribe now", "Sign in": the platform's buttons, not sources
        line, column = positions.locate(max(link.src, 0))
        reader.inline_links.append((link, line, column, claims))


def _inline_footnote(reader: _Reader, ref: _FootRef, line: int, column: int) -> str:
    """Make the note of an inline ``^[…]`` footnote, which has no written label."""
    reader.found_notes = True
    data = reader.env.get("footnotes", {}).get("list", {}).get(ref.ident, {})
    label = str(ref.ident + 1)
    if label in reader.footnote_labels or f":{label}" in reader.env["footnotes"]["refs"]:
        label = f"fn{ref.ident + 1}"
    rendered = _render(data.get("tokens"), in_note=True)
    reader.notes.append(
        RawNote(
            label=label,
            line=line,
            text=rendered.text,
            hrefs=tuple(dict.fromkeys(_note_hrefs(rendered.links))),
            column=column,
        )
    )
    return label


def _add_definitions(reader: _Reader) -> None:
    """Reference definitions used in the body (or never used) are notes; inline links follow."""
    for ident, definition in reader.definitions.items():
        if not is_citable_href(definition.href):
            continue
        if ident not in reader.body_refs and ident in reader.other_refs:
            # Only images or notes use it: a link target, not a note of its own.
            continue
        reader.found_notes = True
        # The note's words: the definition's title, else what the text calls the link.
        text = definition.title or reader.body_refs.get(ident) or definition.href
        reader.notes.append(
            RawNote(
                label=definition.label,
                line=definition.line,
                text=" ".join(text.split()),
                hrefs=(definition.href,),
                column=definition.column,
            )
        )


def _inline_link_notes(
    links: Sequence[tuple[_Link, int, int, ClaimText]],
    *,
    text_markers: bool = False,
) -> tuple[list[RawNote], list[RawMarker]]:
    notes: list[RawNote] = []
    markers: list[RawMarker] = []
    for number, (link, line, column, claims) in enumerate(links, start=1):
        sentence = claims.around(link.start)
        if text_markers:
            sentence = strip_text_markers(sentence)
        text = link_note_text(link.text.strip(), link.title)
        note, link_marker = body_link(number, text, link.href, sentence, line=line, column=column)
        notes.append(note)
        markers.append(link_marker)
    return notes, markers


def _plain(markdown: str) -> tuple[str, list[str]]:
    """A Markdown fragment's plain text and its link targets."""
    if not _MARKUP.search(markdown):
        return markdown, []
    tokens = _parser().parseInline(markdown, {})
    rendered = _render(tokens[0].children if tokens else None, in_note=True)
    return rendered.text, _note_hrefs(rendered.links)


def _read_plain_style(text: str, reader: _Reader) -> ReaderOutput:
    """Read a Markdown file written with ``[1]`` markers and a Notes section.

    The plain-text reader finds the notes and markers; their text and claims lose their Markdown
    markup here, links inside a note become its hrefs, and links elsewhere are inline notes.
    """
    from citecheck.parse.text import read_text

    # Where each <sup> tag was: a marker read inside one is placed at its "<sup>".
    sup_tags: dict[tuple[int, int], int] = {}
    line, counted = 1, 0
    for found in _SUP_TAG.finditer(text):
        line += text.count("\n", counted, found.start())
        counted = found.start()
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        for at in range(column, column + found.end() - found.start()):
            sup_tags[(line, at)] = column
    text_notes, text_markers, diagnostics = read_text(_SUP_TAG.sub(_superscript, text))
    starts = sorted({note.line for note in text_notes})
    ends = [*starts[1:], _paragraph_end(reader.lines, starts[-1]) if starts else 0]
    note_links: dict[int, list[str]] = {}
    body_links: list[tuple[_Link, int, int, ClaimText]] = []
    for link, line, column, claims in reader.inline_links:
        region = bisect_right(starts, line) - 1
        if region >= 0 and line < ends[region]:
            if link.kind != "bare":  # a bare URL is in the note's text, wrap damage and all
                note_links.setdefault(starts[region], []).append(link.href)
        else:
            body_links.append((link, line, column, claims))

    notes: list[RawNote] = []
    for note in text_notes:
        plain, hrefs = _plain(note.text)
        # Two notes never share a line in practice; if they do, the links go to the first.
        extra = note_links.pop(note.line, [])
        notes.append(
            replace(note, text=plain, hrefs=tuple(dict.fromkeys([*note.hrefs, *hrefs, *extra])))
        )
    markers = [
        RawMarker(
            m.label,
            m.line,
            " ".join(_plain(m.sentence)[0].split()),
            sup_tags.get((m.line, m.column), m.column),
        )
        for m in text_markers
    ]
    link_notes, link_markers = _inline_link_notes(body_links, text_markers=True)
    return ReaderOutput(
        sorted([*notes, *link_notes], key=lambda n: (n.line, n.column)),
        sorted([*markers, *link_markers], key=lambda m: (m.line, m.column)),
        [*reader.diagnostics, *diagnostics],
    )


def _superscript(match: re.Match[str]) -> str:
    """``<sup>12</sup>`` as ``¹²`` (``<sup>2, 3</sup>`` as ``²,³``, ``<sup>4–6</sup>`` as
    ``⁴–⁶``), padded in front to the same length so lines keep their columns. In front: the
    marker then touches what follows, so "times<sup>1</sup>." still ends its claim "times."."""
    digits = "".join(match.group(1).split()).translate(TO_SUPERSCRIPT)
    return " " * (len(match.group(0)) - len(digits)) + digits


def _paragraph_end(lines: Sequence[str], start: int) -> int:
    """The 1-based line after the paragraph that holds 1-based line ``start``."""
    line = start
    while line <= len(lines) and lines[line - 1].strip():
        line += 1
    return line
