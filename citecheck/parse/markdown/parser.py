"""The markdown-it parser citecheck reads with: footnotes first, bare URLs, one-line definitions."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim, normalizeReference
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from citecheck.parse.deferred import regex

# Inline rules whose tokens need a source position: everything that becomes a marker or a link.
_STAMPED_RULES = (
    "link", "image", "autolink", "bare_url", "footnote_ref", "footnote_inline", "html_inline",
)  # fmt: skip


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
_FOOTNOTE_REF = regex(r"(?a)\[(\^[\w.-]+)\](?![(\[])")


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


_SCHEME_BEFORE = regex(r"(?i)(?:^|[^a-z0-9.+-])(https?|ftp)$")
_URL_REST = regex(r"://[^\s<>\"`]*")
_URL_TRAILING = "?!.,:;*_~'\""
_URL_ESCAPE = regex(r"\\([!-/:-@\[-`{-~])")  # a backslash-escaped ASCII punctuation mark


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
        # "mesh\_kapitel4\_leseprobe.pdf": Markdown escapes inside the address are the
        # writer's (or a converter's) markup, not part of it.
        url = proto + (_URL_ESCAPE.sub(r"\1", tail) if "\\" in tail else tail)
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
_PLAIN_OPENING = regex(r"[^\W\d_]|[“‘\"'«(]")


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


def _normalize_when_needed(normalize: Callable[[StateCore], None]) -> Callable[[StateCore], None]:
    """Wrap markdown-it's first core rule to skip its two substitutions when they change nothing.

    It turns ``\\r\\n`` and ``\\r`` into ``\\n`` and NUL into U+FFFD, which the reader has
    done already: two regex passes over the whole document (13 ms of 2 MB) for no change. A text
    holding either character still gets them.
    """

    def rule(state: StateCore) -> None:
        if "\r" in state.src or "\0" in state.src:
            normalize(state)

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
    for core_rule in md.core.ruler.__rules__:
        if core_rule.name == "normalize":
            md.core.ruler.at("normalize", _normalize_when_needed(core_rule.fn))
    for block_rule in md.block.ruler.__rules__:
        if fast_definitions and block_rule.name == "footnote_def":
            md.block.ruler.at(
                "footnote_def", _one_line_definitions(block_rule.fn), {"alt": block_rule.alt}
            )
    return md
