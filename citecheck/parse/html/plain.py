"""A page without note markup, read as plain text (``[1]`` markers and a Notes section)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace

from selectolax.lexbor import LexborNode

from citecheck.parse.base import RawMarker, RawNote, ReaderOutput
from citecheck.parse.claims import ClaimText, strip_text_markers
from citecheck.parse.html.dom import _citable, _href, _row_text, _text
from citecheck.parse.html.links import (
    _content_roots,
    _fenced,
    _is_body_link,
    _text_urls,
    _TextUrl,
    _wiki_host,
)
from citecheck.parse.html.page import _Page
from citecheck.parse.html.rendering import _render_page, _Rendering, _source_position
from citecheck.parse.inline import body_link, link_note_text
from citecheck.parse.names import normalise_newlines
from citecheck.parse.plain import NoteRegions


def _read_plain_style(text: str, page: _Page, *, links: bool = True) -> ReaderOutput:
    """Read a page written with ``[1]`` markers and a Notes section, rendered to text.

    ``links=False`` leaves the body's links and written-out URLs out (the notes keep theirs):
    for a caller that wants only the ``[1]`` notes and their markers, beside a markup read
    that has found the body links already.
    """
    from citecheck.parse.text import read_text

    source = normalise_newlines(text)
    rendering = _render_page(page, source)
    text_notes, text_markers, diagnostics = read_text(rendering.text)

    def rendered_offset(line: int, column: int) -> int:
        starts = rendering.line_starts
        row = min(max(line, 1), len(starts)) - 1
        return starts[row] + max(column, 1) - 1

    block_ends = [end for _, end in rendering.blocks]
    regions: list[tuple[int, int]] = []
    ordered = sorted(text_notes, key=lambda n: (n.line, n.column))
    for i, note in enumerate(ordered):
        start = rendered_offset(note.line, note.column)
        # A note's links are those of the blocks its text spans: not of the body between it
        # and the next note (a numbered heading read as a note must not take the body's links).
        end = _note_end(rendering, block_ends, start, note.text)
        if i + 1 < len(ordered):
            following = rendered_offset(ordered[i + 1].line, ordered[i + 1].column)
            end = following if end is None else min(end, following)
        elif end is None:
            end = _block_end(block_ends, start + 1, len(rendering.text))
        regions.append((start, end))
    note_regions = NoteRegions([start for start, _ in regions], [end for _, end in regions])

    note_hrefs: dict[int, list[str]] = {}
    body: list[tuple[int, LexborNode | _TextUrl]] = []
    in_body: list[tuple[int, LexborNode]] = []
    for offset, link in rendering.links:
        region = note_regions.holding(offset)
        if region is not None:
            href = _citable(_href(link))
            if href:
                note_hrefs.setdefault(region, []).append(href)
        else:
            in_body.append((offset, link))
    if links:
        fenced = _fenced(page)
        wiki = _wiki_host(page)
        roots = _content_roots(page, fenced)
        body.extend(item for item in in_body if _is_body_link(item[1], fenced, wiki, roots))
        for text_url in _text_urls(page, fenced | page.skip, roots, wiki):
            node_at = rendering.text_nodes.get(text_url.node.mem_id)
            if node_at is not None and note_regions.holding(node_at + text_url.start) is None:
                body.append((node_at + text_url.start, text_url))  # the notes' URLs are theirs
        body.sort(key=lambda item: item[0])

    notes: list[RawNote] = []
    for i, note in enumerate(ordered):
        line, column = _source_position(page, rendering, note.line, note.column)
        hrefs = tuple(dict.fromkeys([*note.hrefs, *note_hrefs.get(i, [])]))
        notes.append(replace(note, line=line, column=column, hrefs=hrefs))
    markers = []
    for marker in text_markers:
        line, column = _source_position(page, rendering, marker.line, marker.column)
        markers.append(RawMarker(marker.label, line, marker.sentence, column))

    link_notes, link_markers = _link_entries(page, rendering, body)
    notes.extend(link_notes)
    markers.extend(link_markers)

    notes.sort(key=lambda n: (n.line, n.column))
    markers.sort(key=lambda m: (m.line, m.column))
    return ReaderOutput(notes, markers, [*page.diagnostics, *diagnostics])


def _note_end(
    rendering: _Rendering, block_ends: list[int], start: int, text: str
) -> int | None:
    """Where a note's region ends: with the block holding the last of its text. A note may
    span blocks (an RFC's ``<dt>[RFC4924]</dt><dd>Aboba, … <a href>…</a></dd>``), and the links
    of every block it spans are its own. None when its text's end is not found."""
    tail = text.rstrip().rsplit("\n", 1)[-1].strip()[-40:]
    if not tail:
        return _block_end(block_ends, start + 1, len(rendering.text))
    found = rendering.text.find(tail, start)
    if found < 0:
        return None
    return _block_end(block_ends, found + len(tail), len(rendering.text))


def _block_end(block_ends: list[int], at: int, size: int) -> int:
    """The end of the block holding rendered offset ``at`` (the text's end past the last)."""
    index = bisect_left(block_ends, at)
    return block_ends[index] if index < len(block_ends) else size


def _link_entries(
    page: _Page, rendering: _Rendering, body: list[tuple[int, LexborNode | _TextUrl]]
) -> tuple[list[RawNote], list[RawMarker]]:
    """The body's links and written-out URLs as ``link-N`` entries, claims cut from the text."""
    notes: list[RawNote] = []
    markers: list[RawMarker] = []
    block_starts = [start for start, _ in rendering.blocks]
    claims: dict[int, ClaimText] = {}
    for number, (offset, item) in enumerate(body, start=1):
        if isinstance(item, _TextUrl):
            source_offset: int | None = page.source.text_offset(item.node, item.raw)
        else:
            source_offset = page.source.offset(item)
        line, column = page.source.locate(source_offset if source_offset is not None else 0)
        sentence = ""
        block = bisect_right(block_starts, offset) - 1
        if block >= 0:
            start, end = rendering.blocks[block]
            claim = claims.get(block)
            if claim is None:
                claim = claims[block] = ClaimText(rendering.text[start:end])
            sentence = strip_text_markers(claim.around(offset - start))
        if isinstance(item, _TextUrl):
            text_of_link, href = item.raw, item.url
        else:
            text_of_link = link_note_text(_text(item), str(item.attributes.get("title") or ""))
            href = _citable(_href(item)) or ""
            if sentence == " ".join(text_of_link.split()):
                sentence = strip_text_markers(_row_text(item)) or sentence
        note, link_marker = body_link(
            number, text_of_link, href, sentence, line=line, column=column
        )
        notes.append(note)
        markers.append(link_marker)
    return notes, markers
