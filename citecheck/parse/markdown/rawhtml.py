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

import re
from collections.abc import Sequence
from typing import Any

from markdown_it.token import Token

from citecheck.parse.markdown.parser import _parser

__all__ = ["carries_note_html", "html_view"]

# Raw HTML that marks or holds a note: a link to an in-page anchor, a named anchor or a note
# container. (A bare "<sup>1</sup>" is the plain-text style, which the Markdown reader reads.)
_NOTE_HTML = re.compile(
    r"(?i)<a\s[^>]*(?:href\s*=\s*[\"']?#|name\s*=)|<div\s[^>]*id\s*=\s*[\"']?_?(?:edn|ftn|fn)"
)
_BETWEEN_TAGS = re.compile(r">\n+<")


def carries_note_html(tokens: Sequence[Token]) -> bool:
    """Whether the raw HTML of a parsed Markdown document marks or holds notes."""
    for token in tokens:
        if token.type == "html_block" and _NOTE_HTML.search(token.content):
            return True
        if token.type == "inline" and token.children:
            for child in token.children:
                if child.type == "html_inline" and _NOTE_HTML.search(child.content):
                    return True
    return False


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
            rendered = ""
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
