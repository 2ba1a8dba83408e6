"""What one read of an HTML page has found so far: notes, markers, labels, diagnostics."""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from citecheck.models import Diagnostic
from citecheck.parse.html.source import _Source

# --------------------------------------------------------------------------- notes


@dataclass(slots=True)
class _Marker:
    element: LexborNode  # what is cut from the claim: the <sup>, or the link itself
    link: LexborNode
    note: int | None  # mem_id of the note element, None when the target is missing
    text_label: str


@dataclass(slots=True)
class _Page:
    source: _Source
    tree: LexborHTMLParser
    skip: set[int] = field(default_factory=set)
    notes: dict[int, LexborNode] = field(default_factory=dict)  # mem_id → note element
    markers: list[_Marker] = field(default_factory=list)
    backlinks: set[int] = field(default_factory=set)
    labels: dict[int, str] = field(default_factory=dict)  # labels fixed before assembly
    listed: set[int] = field(default_factory=set)  # bibliography entries, cited through notes
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _order_key(page: _Page, node: LexborNode) -> int:
    offset = page.source.offset(node)
    if offset is None:
        # An element the source does not have (a run of notes the reader wrapped): where the
        # first element in it with an id, href or name is.
        offset = page.source.anchored_offset(node)
    return offset if offset is not None else 0
