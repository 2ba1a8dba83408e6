"""Raw HTML inside Markdown: Word and Google-Docs exports, hand-written ``<sup><a href>``.

Markdown exported from Word or Google Docs carries its notes as raw HTML (``<a href="#_edn1"
name="_ednref1">[i]</a>`` with ``<div id="edn1">…</div>``), which the Markdown walk skips. Such a
document is rendered to HTML and read by the HTML reader, so its notes are found by the same
note logic as a page saved as ``.html``.

Line numbers are kept: every top-level block is rendered on the line where its source begins
(raw HTML blocks verbatim), so a note or marker the HTML reader finds on line n is on line n of
the Markdown file. Markdown that renders to more lines than its source (lists, tables) gives
up the newlines between its tags (a space, to HTML the same).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markdown_it.token import Token

from citecheck.parse.deferred import regex
from citecheck.parse.markdown.parser import _parser

__all__ = ["carries_note_html", "holds_note_container", "html_view"]

# Raw HTML that marks or holds a note: a link to an in-page anchor, a named anchor or a note
# container. (A bare "<sup>1</sup>" is the plain-text style, which the Markdown reader reads.)
_NOTE_HTML = regex(
    r"(?i)<a\s[^>]*(?:href\s*=\s*[\"']?#|name\s*=)|<div\s[^>]*id\s*=\s*[\"']?_?(?:edn|ftn|fn)"
)
_BETWEEN_TAGS = regex(r">\n+<")
# A front-matter key whose value is a block scalar ("footnotes: |"), its lines indented below;
# and an element of such a value that holds notes (a Jekyll layout renders them under the page).
_BLOCK_SCALAR = regex(r"^[\w-]+:[ \t]*[|>][-+0-9]*[ \t]*$")
_NOTE_CONTAINER = regex(
    r"(?i)<(?:p|div|li|ol|ul|section|aside)\b[^<>]{0,300}?\b(?:class|id)\s*=\s*[\"']?"
    r"[^\"'<>]{0,200}?(?:foot|endnote)"
)


def carries_note_html(tokens: Sequence[Token]) -> bool:
    """Whether the raw HTML of a parsed Markdown document marks or holds notes."""
    for token in tokens:
        if token.type == "html_block" and _NOTE_HTML.search(token.content):
            return True
        if token.type == "front_matter" and _front_matter_html(token.content) is not None:
            return True
        if token.type == "inline" and token.children:
            for child in token.children:
                if child.type == "html_inline" and _NOTE_HTML.search(child.content):
                    return True
    return False


def holds_note_container(html: str) -> bool:
    """Whether raw HTML holds an element whose class or id names notes (``<div
    class="footnotes">``, ``<ol id="endnotes">``)."""
    return _NOTE_CONTAINER.search(html) is not None


def html_view(tokens: Sequence[Token], env: dict[str, Any]) -> str:
    """The document as HTML, each top-level block on its source line."""
    md = _parser()
    parts: list[str] = []
    line = 0  # 0-based line the next part starts on
    i = 0
    n = len(tokens)
    while i < n:
        j = i
        depth = 0
        while j < n:
            depth += tokens[j].nesting
            j += 1
            if depth <= 0:
                break
        block = tokens[i:j]
        first = block[0]
        if first.type == "html_block":
            rendered = first.content
        elif first.type == "front_matter":
            # Its notes' HTML, on their lines (the opening "---" is the first); the rest blank.
            kept = _front_matter_html(first.content)
            rendered = "\n" + "\n".join(kept) if kept is not None else ""
        else:
            try:
                rendered = md.renderer.render(list(block), md.options, env)
            except Exception:  # a plugin token without a renderer rule: its text only
                rendered = " ".join(t.content for t in block if t.content)
        if first.map is not None:
            start, end = first.map
            if start > line:
                parts.append("\n" * (start - line))
                line = start
            if rendered.count("\n") > max(end - start, 1):
                rendered = _BETWEEN_TAGS.sub("> <", rendered)
        parts.append(rendered)
        line += rendered.count("\n")
        i = j
    return "".join(parts)


def _front_matter_html(content: str) -> list[str] | None:
    """The front matter's lines with only its note-holding block-scalar values kept, as HTML
    (``footnotes: |`` over ``<p class="footnotes">[28] …</p>``: notes a Jekyll layout prints
    below the text), every other line blank; None when no value holds notes."""
    if "<" not in content:
        return None
    lines = content.split("\n")
    kept = [""] * len(lines)
    found = False
    i = 0
    while i < len(lines):
        if not _BLOCK_SCALAR.match(lines[i]):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and (not lines[j].strip() or lines[j][:1] in (" ", "\t")):
            j += 1
        if any(_NOTE_CONTAINER.search(line) for line in lines[i + 1 : j]):
            kept[i + 1 : j] = [line.strip() for line in lines[i + 1 : j]]
            found = True
        i = j
    return kept if found else None
