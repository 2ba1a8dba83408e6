"""The state of one Markdown read: definitions and footnotes found, notes and markers so far."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from citecheck.models import Citation, Diagnostic
from citecheck.parse.base import RawMarker, RawNote
from citecheck.parse.claims import ClaimText
from citecheck.parse.inline import is_citable_href
from citecheck.parse.markdown.render import _Link
from citecheck.parse.urls import doi_of, repair_url, url_identity, url_spans

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
    listed: bool = False  # a bibliography entry, not a footnote
    links: list[tuple[str, str]] = field(default_factory=list)  # (shown text, target), any
    citation: Citation | None = None  # the fields of a CSL-JSON block that is the note


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
    listed_labels: int = 0  # how many of footnote_labels are ref-N (numbering the next entry)
    # body links with their line, column and the claim text they sit in (split only if needed)
    inline_links: list[tuple[_Link, int, int, ClaimText]] = field(default_factory=list)
    found_notes: bool = False


def _line_col(reader: _Reader, line_index: int, needle: str) -> tuple[int, int]:
    line = reader.lines[line_index] if line_index < len(reader.lines) else ""
    col = line.find(needle) if needle else -1
    if col < 0:
        col = len(line) - len(line.lstrip())
    return line_index + 1, col + 1


def _note_hrefs(links: Iterable[_Link], text: str = "") -> list[str]:
    """A note's link targets in reading order.

    Bare URLs stay in the text only: the core extracts them from there, repairing line wraps.
    A link whose visible text is another URL than its target (``[https://a.example/](https://b
    .example/)``, a wrong target pasted from elsewhere) is read text first: the shown URL, then
    the target, so both keep the place where the reader meets them. A link on the first part
    of a URL that the ``text`` goes on writing (``[https://a.example/news](…/news)/item-4/``:
    the editor linked only what it recognised) is that longer URL, which the text holds.
    """
    hrefs: list[str] = []
    for link in links:
        if link.kind == "bare" or link.image_only or not is_citable_href(link.href):
            continue
        if text and _cut_short(link, text):
            continue
        if "." in link.text and link.kind != "autolink":  # a shown URL has a dot at least
            target = url_identity(repair_url(link.href.strip()))
            hrefs.extend(
                url
                for _, _, url in url_spans(link.text)
                if url_identity(url) != target
                and doi_of(url) is None
                and not _shown_part(url, link.href)
            )
        hrefs.append(link.href)
    return hrefs


def _shown_part(shown: str, href: str) -> bool:
    """Whether the link text ``shown`` is only the start of its own target ``href`` (a PDF
    converter's link on the first line of a wrapped URL: ``[https://github.com/](https://
    github.com/fchollet/keras)``): the target, not a second source."""
    head = shown.rstrip("/")
    target = href.strip()
    return (
        "://" in head
        and len(target) > len(head)
        and target.startswith(head)
        and target[len(head)] in "/?#"
    )


def _cut_short(link: _Link, text: str) -> bool:
    """Whether ``link`` shows its own target and the text goes on with more of that URL."""
    end = link.start + len(link.text)
    if end >= len(text) or text[end] not in "/?#=&%_-" or "://" not in link.text:
        return False
    return url_identity(repair_url(link.text)) == url_identity(repair_url(link.href))
