"""Footnote and link-reference definitions: each becomes a note, duplicates a diagnostic."""

from __future__ import annotations

from markdown_it.token import Token

from citecheck.models import Diagnostic, DiagnosticCode
from citecheck.parse.base import RawNote
from citecheck.parse.claims import visible
from citecheck.parse.deferred import regex
from citecheck.parse.inline import is_citable_href, is_titled_link
from citecheck.parse.markdown.reader import (
    _Definition,
    _FootnoteDef,
    _line_col,
    _note_hrefs,
    _Reader,
)
from citecheck.parse.markdown.render import _FootRef, _render


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
    reader.listed_labels += footnote.label.startswith("ref-")
    text = visible("\n\n".join(t for t in footnote.texts if t.strip()))
    if "{{" in text:
        # A site generator's shortcode on the line after the note ("{{< /hint >}}" closing the
        # box the note sits in) runs on into its paragraph: template markup, not the note's.
        text = _SHORTCODE.sub("", text).strip()
    reader.notes.append(
        RawNote(
            label=footnote.label,
            line=footnote.line,
            text=text,
            hrefs=tuple(dict.fromkeys(footnote.hrefs)),
            column=footnote.column,
            listed=footnote.listed,
            reference=is_titled_link(text, footnote.links),
            citation=footnote.citation,
        )
    )


# A Hugo shortcode tag: "{{< hint info >}}", "{{< /hint >}}", "{{% notation %}}".
_SHORTCODE = regex(r"\s*\{\{[<%]\s*/?[\w.-]+(?:\s[^{}]*)?[>%]\}\}")

# Where "[//]: # (…)", "[comment]: <> (…)" point: nowhere, as a comment is written.
_COMMENT_TARGETS = frozenset({"#", ""})


def _record_definition(reader: _Reader, token: Token) -> None:
    meta = token.meta
    ident = str(meta.get("id", ""))
    raw = str(meta.get("label", ident))
    line_index = token.map[0] if token.map else 0
    line, column = _line_col(reader, line_index, f"[{raw}]:")
    if ident in reader.definitions:
        if str(meta.get("url", "")) in _COMMENT_TARGETS and (
            reader.definitions[ident].href in _COMMENT_TARGETS
        ):
            return  # "[//]: # (a remark)" again: Markdown's comment idiom, no link at all
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
            hrefs=tuple(dict.fromkeys(_note_hrefs(rendered.links, rendered.text))),
            column=column,
            reference=is_titled_link(rendered.text, ((link.text, link.href)
                                                     for link in rendered.links)),
        )
    )
    return label


def _add_definitions(reader: _Reader) -> None:
    """Reference definitions used in the body (or never used) are notes; inline links follow.

    In a document with footnotes the footnotes are the notes: a reference-style link
    (``[Phylum][phylum]`` with ``[phylum]: https://…``) is then a body link, kind ``link``,
    named by its reference and cited wherever the body uses it.
    """
    links = bool(reader.footnote_labels)
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
                inline=links,
            )
        )
