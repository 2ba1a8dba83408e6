"""Walking the block tokens: markers and claims in body text, inline links as their own notes."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import replace

from markdown_it.token import Token

from citecheck.parse.base import RawMarker, RawNote, ReaderOutput
from citecheck.parse.claims import ClaimText, strip_text_markers, visible
from citecheck.parse.csljson import csl_note
from citecheck.parse.deferred import regex
from citecheck.parse.inline import body_link, is_chrome_link_text, is_citable_href, link_note_text
from citecheck.parse.markdown.footnotes import _close_footnote, _inline_footnote, _open_footnote
from citecheck.parse.markdown.parser import _parser
from citecheck.parse.markdown.rawhtml import holds_note_container
from citecheck.parse.markdown.reader import _FootnoteDef, _line_col, _note_hrefs, _Reader
from citecheck.parse.markdown.render import _BlockLines, _Link, _render
from citecheck.parse.text.listed import _reads_as_entry
from citecheck.parse.text.sections import _lists_sources
from citecheck.parse.urls import scheme_added, url_spans


def _walk(reader: _Reader, tokens: Sequence[Token]) -> None:
    footnotes: list[_FootnoteDef] = []  # open definitions, innermost last
    in_heading = False
    # in a table row: (its first marker, its first inline link, its cells' texts)
    row: tuple[int, int, list[str]] | None = None
    last_map: list[int] | None = None
    # A document with footnotes may list its sources apart, under "Bibliography": the level
    # of that heading while its section lasts, and how deep in lists the walk is.
    sources_level = 0
    list_depth = 0
    paragraph_entry = False  # the open entry is a paragraph of that section
    sources_prose = False  # in a paragraph of that section that is no entry
    has_footnotes = bool(reader.env.get("footnotes", {}).get("list"))
    for index, token in enumerate(tokens):
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
            level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
            if sources_level and level <= sources_level:
                sources_level = 0
            title = tokens[index + 1].content if index + 1 < len(tokens) else ""
            if has_footnotes and not footnotes and _lists_sources(visible(title).strip()):
                sources_level = level
        elif kind == "heading_close":
            in_heading = False
        elif kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif kind == "list_item_open" and sources_level and list_depth == 1 and not footnotes:
            footnotes.append(_open_entry(reader, token))
        elif kind == "list_item_close" and sources_level and list_depth == 1 and footnotes:
            _close_footnote(reader, footnotes.pop())
        elif (
            kind == "paragraph_open"
            and sources_level
            and not list_depth
            and not footnotes
            and _entry_paragraph(tokens, index)
        ):
            # A bibliography set as paragraphs (pandoc's Markdown of a Word document): one
            # entry each, as in the HTML reader.
            footnotes.append(_open_entry(reader, token))
            paragraph_entry = True
        elif kind == "paragraph_open" and sources_level and not list_depth and not footnotes:
            sources_prose = True
        elif kind == "paragraph_close" and paragraph_entry and footnotes:
            _close_footnote(reader, footnotes.pop())
            paragraph_entry = False
        elif kind == "paragraph_close":
            sources_prose = False
        elif kind == "tr_open":
            row = (len(reader.markers), len(reader.inline_links), [])
        elif kind == "tr_close" and row is not None:
            _fill_row_claims(reader, *row)
            row = None
        elif kind in ("fence", "code_block") and footnotes:
            _read_code_in_note(footnotes[-1], token.content)
        elif kind == "html_block":
            _read_html_block(reader, token, footnotes[-1] if footnotes else None)
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
            if sources_prose and not footnotes:
                _read_written_addresses(reader, token, block_map[0] if block_map else 0)
    for footnote in reversed(footnotes):  # unbalanced only if markdown-it changes; be safe
        _close_footnote(reader, footnote)


def _read_code_in_note(footnote: _FootnoteDef, code: str) -> None:
    """A code block in a footnote is code, not the note's words, unless it is the note's
    citation written as CSL-JSON (an EIP's ``[^1]:`` over a ```` ```csl-json ```` block): then
    it is read as that citation, its ``URL`` the note's source, its fields the note's."""
    found = csl_note(code)
    if found is None:
        return
    footnote.texts.append(found.text)
    footnote.hrefs.extend(found.urls)
    if footnote.citation is None:
        footnote.citation = found.citation


# Raw HTML that shows no text of its own: comments, scripts, styles, code. Blanked, not cut, so
# every later offset still points where it did.
_NOT_TEXT = regex(
    r"(?is)<!--.*?(?:-->|\Z)|<(script|style|pre|code|textarea)\b.*?(?:</\1\s*>|\Z)"
)
_MAY_LINK = regex(r"(?i)<a\s|<iframe\b|://")


def _read_html_block(reader: _Reader, token: Token, footnote: _FootnoteDef | None) -> None:
    """A raw HTML block (``<aside>This post also appears at <a href="…">BlogWest</a>.</aside>``,
    ``<center><p>Download: <a href="…">Code</a></p></center>``): the writer's own text, whose
    links are body links (or, inside a footnote, the note's sources) as in a paragraph. Read
    as inline text whose tags are raw HTML, as markdown-it reads a paragraph; footnote syntax
    in it is left alone, since a renderer leaves HTML blocks as they are. A block that holds
    notes (``<div class="footnotes">``) is left to the raw-HTML note reading.
    """
    content = token.content
    if _MAY_LINK.search(content) is None or holds_note_container(content):
        return
    content = _NOT_TEXT.sub(lambda found: re.sub(r"[^\n]", " ", found.group()), content)
    content = content.replace("[^", "[\u02c6").replace("^[", "\u02c6[")
    inline = _parser().parseInline(content, dict(reader.env))[0]
    inline.map = token.map
    _read_inline(reader, inline, token.map[0] if token.map else 0, footnote, in_heading=False)


def _entry_paragraph(tokens: Sequence[Token], index: int) -> bool:
    """Whether the paragraph opened at ``tokens[index]`` reads as a bibliography entry."""
    inline = tokens[index + 1] if index + 1 < len(tokens) else None
    if inline is None or inline.type != "inline" or not inline.children:
        return False
    text = " ".join(visible(_render(inline.children).text).split())
    return not _bibliographic_essay(inline.children, text) and _reads_as_entry(text)


_RUN_IN_LABEL_WORDS = 6
_ESSAY_SOURCES = 3  # works a paragraph lists, separated by semicolons


def _bibliographic_essay(children: Sequence[Token], text: str) -> bool:
    """Whether a paragraph under a sources heading is a bibliographic essay's: a run-in bold
    label ("**Part I.**", "**Chapter 3:**") and then several works separated by semicolons
    ("… Office of the Auditor General, *An Examination …* (2025); reporting … in *The Globe and
    Mail* …; Public Accounts of Alberta, …"). It is the writer's account of where a part of the
    text draws from, no one work's entry; a bold author ("**Smith, J.** 2010. …") lists no
    works after it."""
    children = [child for child in children if child.type != "text" or child.content]
    if not children or children[0].type != "strong_open":
        return False
    close = next((i for i, child in enumerate(children) if child.type == "strong_close"), None)
    if close is None:
        return False
    label = " ".join(child.content for child in children[1:close]).strip()
    if not label or label[-1] not in ".:" or len(label.split()) > _RUN_IN_LABEL_WORDS:
        return False
    rest = text[len(label):] if text.startswith(label) else text
    return len([part for part in rest.split("; ") if part.strip()]) >= _ESSAY_SOURCES


def _read_written_addresses(reader: _Reader, token: Token, first_line: int) -> None:
    """The addresses a sources section's prose writes without a link or a scheme ("National
    Institute of Standards and Technology, *Randomness Beacon Project*
    (csrc.nist.gov/projects/interoperable-randomness-beacons)"): body links, for they are given
    for the reader to visit. (A link, or an address with its scheme, is read as one already.)"""
    rendered = _render(token.children)
    if "/" not in rendered.text or "." not in rendered.text:
        return
    linked = {link.href for link in rendered.links}
    positions: _BlockLines | None = None
    for start, end, url in url_spans(rendered.text):
        written = rendered.text[start:end]
        if "://" in written or url in linked or not scheme_added(written):
            continue
        positions = positions or _BlockLines(token.content, first_line, reader.lines)
        src = token.content.find(written)
        line, column = positions.locate(max(src, 0))
        link = _Link(url, "", written, start, src, "bare", None, False)
        reader.inline_links.append(
            (link, line, column, ClaimText(rendered.text, rendered.removed))
        )


def _open_entry(reader: _Reader, token: Token) -> _FootnoteDef:
    """A bibliography entry (``- Author. *Title*. <a href="…">…</a>.``): a note that prints no
    label, so ``ref-N`` in document order, as every reader names one."""
    line_index = token.map[0] if token.map else 0
    line, column = _line_col(reader, line_index, str(token.markup))
    number = reader.listed_labels + 1
    return _FootnoteDef(label=f"ref-{number}", line=line, column=column, listed=True)


# An embedded frame's address: '<iframe width="560" src="https://www.youtube.com/embed/…">'.
# (No "<" inside a tag: each "<iframe" is scanned only up to the next tag, whatever follows.)
_IFRAME = regex(
    r"(?is)<iframe\b[^<>]*?\ssrc\s*=\s*(?:\"([^\"<]*)\"|'([^'<]*)'|([^\s<>]+))[^<>]*>"
)
_TITLE_ATTR = regex(r"""(?is)\stitle\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _read_embeds(reader: _Reader, content: str, first_line: int) -> None:
    """An ``<iframe src>`` the writer put in the text (a video, a map) is a body link: the page
    shows what it points to, and a dead embed is a hole in the page."""
    for found in _IFRAME.finditer(content):
        href = html.unescape(found.group(1) or found.group(2) or found.group(3) or "").strip()
        if href.startswith("//"):
            href = "https:" + href  # protocol-relative: a network address
        if not is_citable_href(href):
            continue
        title_match = _TITLE_ATTR.search(found.group())
        title = ""
        if title_match is not None:
            title = html.unescape(title_match.group(1) or title_match.group(2) or "")
        line_index = first_line + content.count("\n", 0, found.start())
        line, column = _line_col(reader, line_index, "<iframe")
        link = _Link(href, title, title, 0, -1, "embed", None, False)
        reader.inline_links.append((link, line, column, ClaimText(title)))


def _fill_row_claims(reader: _Reader, first: int, first_link: int, cells: list[str]) -> None:
    """A marker in a table cell ("| Tap | 5.45 | [^1] |", "| Vermont | 23,000 | state map[^5] |")
    supports the whole row: a cell's words are no sentence of their own. So does a link that is
    all of its cell ("| Portland | Yes | [TriMet](…) |")."""
    row_text = " ".join(cell for cell in cells if cell)
    for index in range(first, len(reader.markers)):
        reader.markers[index] = replace(reader.markers[index], sentence=row_text)
    row_claims: ClaimText | None = None
    for index in range(first_link, len(reader.inline_links)):
        link, line, column, claims = reader.inline_links[index]
        if " ".join(claims.text.split()) == " ".join(link.text.split()):
            row_claims = row_claims or ClaimText(row_text)
            reader.inline_links[index] = (replace(link, start=0), line, column, row_claims)


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
    if footnote is None and "<iframe" in token.content.lower():
        _read_embeds(reader, token.content, first_line)
    if footnote is not None:
        footnote.texts.append(rendered.text)
        footnote.hrefs.extend(_note_hrefs(rendered.links, rendered.text))
        footnote.links.extend((link.text, link.href) for link in rendered.links
                              if link.kind in ("inline", "reference"))
    if not rendered.refs and not rendered.links:
        return
    if footnote is not None and not rendered.refs:
        # A note's own links are its sources, not claims: no positions or sentences needed
        # (building them was most of the walk's time over a document of linked notes).
        for link in rendered.links:
            if link.ref is not None and (link.image_only or link.kind == "reference"):
                reader.other_refs.add(link.ref)
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


def _with_embeds(
    found: ReaderOutput, embeds: Sequence[tuple[_Link, int, int, ClaimText]]
) -> ReaderOutput:
    """The HTML reader's view of a Markdown document with the ``<iframe>`` embeds the walk
    found added as body links, every ``link-N`` renumbered in document order."""
    if not embeds:
        return found
    notes, markers = _inline_link_notes(embeds)
    # Embeds are labelled "embed-N" until every body link is numbered in order below.
    for index, note in enumerate(notes):
        notes[index] = replace(note, label=f"embed-{index + 1}")
        markers[index] = replace(markers[index], label=f"embed-{index + 1}")
    links = sorted(
        (note for note in [*found.notes, *notes] if note.inline), key=lambda n: (n.line, n.column)
    )
    labels = {note.label: f"link-{number}" for number, note in enumerate(links, start=1)}
    all_notes = [replace(n, label=labels.get(n.label, n.label)) for n in [*found.notes, *notes]]
    all_markers = [
        replace(m, label=labels.get(m.label, m.label)) for m in [*found.markers, *markers]
    ]
    return ReaderOutput(
        sorted(all_notes, key=lambda n: (n.line, n.column)),
        sorted(all_markers, key=lambda m: (m.line, m.column)),
        found.diagnostics,
    )
