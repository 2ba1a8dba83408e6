"""Author–date citations in a page's text: ``(Singh 2000)`` cites the bibliography entry by
Singh dated 2000, as in the plain-text reader.

A page whose notes are footnotes may cite its bibliography (paragraphs or a list under
"Bibliography", read as ``ref-1``, …) in the text by author and year, written as plain words
with no link, or by the author alone ("(Garfinkel)") when only one entry opens with that name.
Each such citation is a marker of that entry, with the sentence it follows or stands in as its
claim. The index of (surname, year) and the forms a citation takes are the plain-text reader's
own (:func:`citecheck.parse.text.markers._author_year_index`,
:func:`~citecheck.parse.text.markers._author_year_tokens`).
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from citecheck.parse.base import RawMarker, ReaderOutput
from citecheck.parse.citation import YEAR
from citecheck.parse.claims import ClaimText, strip_text_markers
from citecheck.parse.deferred import regex
from citecheck.parse.html.blocks import _SKIP_TAGS
from citecheck.parse.html.dom import _block_of, _text, _walk
from citecheck.parse.html.page import _Page
from citecheck.parse.names import CITED_NAME
from citecheck.parse.text.entries import _Entry
from citecheck.parse.text.markers import _author_year_index, _author_year_tokens, _Token

_HAS_YEAR = regex(YEAR)
_NAME_ALONE = regex(rf"\((?P<name>{CITED_NAME})\)")
_SPACE_BEFORE_STOP = regex(r"\s+([.,;:!?])")


def _with_author_date_markers(
    page: _Page, labels: dict[int, str], found: ReaderOutput
) -> ReaderOutput:
    """Add a marker for each author–date citation of a listed entry in the page's text.

    ``labels``: each note element's label (``ref-N`` for the listed entries).
    """
    entries = [
        _Entry(labels[ident], 0, 0, [_text(element)], listed=True)
        for ident, element in page.notes.items()
        if ident in page.listed and ident in labels
    ]
    index = _author_year_index(entries) if entries else {}
    if not index:
        return found
    labels_of: dict[str, set[str]] = {}
    for (name, _year), label in index.items():
        labels_of.setdefault(name, set()).add(label)
    # "(Garfinkel)": a name alone cites the one entry it opens; a name that opens two is
    # ambiguous and cites neither.
    named = {name: next(iter(found)) for name, found in labels_of.items() if len(found) == 1}
    body = page.tree.body
    if body is None:
        return found
    outside = set(page.notes) | page.skip
    # Each block's own text nodes (not those of the blocks inside it), in page order.
    blocks: dict[int, list[LexborNode]] = {}
    into: set[int] = set()
    for node, entering in _walk(body, into):
        if not entering:
            continue
        if node.tag == "-text":
            block = _block_of(node)
            if block is not None:
                blocks.setdefault(block.mem_id, []).append(node)
        elif node.tag not in _SKIP_TAGS and node.mem_id not in outside:
            into.add(node.mem_id)
    markers: list[RawMarker] = []
    for nodes in blocks.values():
        markers.extend(_block_markers(page, nodes, index, named))
    if not markers:
        return found
    return ReaderOutput(
        found.notes,
        sorted([*found.markers, *markers], key=lambda m: (m.line, m.column)),
        found.diagnostics,
    )


def _block_markers(
    page: _Page,
    nodes: list[LexborNode],
    index: dict[tuple[str, str], str],
    named: dict[str, str],
) -> list[RawMarker]:
    """The author–date markers in one block, whose own text nodes are ``nodes``."""
    pieces: list[str] = []
    starts: list[int] = []
    at = 0
    for node in nodes:
        piece = " ".join((node.text_content or "").split())
        starts.append(at)
        pieces.append(piece)
        at += len(piece) + 1
    text = " ".join(pieces)
    if "(" not in text:
        return []
    tokens = _author_year_tokens(text, index) if _HAS_YEAR.search(text) else []
    taken = [(token.start, token.end) for token in tokens]
    for match in _NAME_ALONE.finditer(text):
        label = named.get(match["name"].lower())
        if label is not None and not any(a <= match.start() < b for a, b in taken):
            tokens.append(_Token(match.start(), match.end(), [label]))
    if not tokens:
        return []
    tokens.sort(key=lambda token: token.start)
    claims = ClaimText(text)
    # Parenthetical citations are no part of any claim ("… secret. (Garfinkel 1996) Keys …").
    cut = [text[token.start : token.end] for token in tokens if token.cut]
    markers: list[RawMarker] = []
    for token in tokens:
        which = max(i for i, start in enumerate(starts) if start <= token.start)
        cited = text[token.start : token.end]
        offset = page.source.text_offset(nodes[which], cited.split()[0])
        line, column = page.source.locate(offset)
        # "… secret. (Garfinkel 1996)": a parenthetical one follows the sentence it supports;
        # "Kerckhoffs (1883) said …" is part of its own.
        sentence = claims.after(token.start) if token.cut else claims.around(token.start)
        for text_cut in cut:
            sentence = sentence.replace(text_cut, " ")
        sentence = strip_text_markers(_SPACE_BEFORE_STOP.sub(r"\1", sentence))
        for label in dict.fromkeys(token.labels):
            markers.append(RawMarker(label, line, sentence, column))
    return markers
