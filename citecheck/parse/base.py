"""The format-neutral middle of parsing.

Each format reader (plain text, Markdown, HTML) only finds *where* the notes and the note
markers are. It hands :func:`build_document` a list of :class:`RawNote` and :class:`RawMarker`,
and everything that is the same for every format happens once, here: citation fields, URL
extraction and repair, note kinds, Ibid./short-form resolution, claims and diagnostics.
"""

from __future__ import annotations

from dataclasses import dataclass

from citecheck.models import Diagnostic, Document


@dataclass(frozen=True, slots=True)
class RawNote:
    """A note as a format reader found it."""

    label: str
    line: int  # 1-based
    text: str  # the note's plain text (markup removed, entities decoded)
    hrefs: tuple[str, ...] = ()  # URLs given by markup (<a href>, Markdown link targets), in order
    column: int = 1
    inline: bool = False  # an inline body link rather than a note: always a full citation


@dataclass(frozen=True, slots=True)
class RawMarker:
    """An in-text reference to a note, with the sentence it supports."""

    label: str
    line: int  # 1-based
    sentence: str  # the claim sentence, markers removed, whitespace normalised
    column: int = 1


def build_document(
    path: str,
    fmt: str,
    notes: list[RawNote],
    markers: list[RawMarker],
    diagnostics: list[Diagnostic] | None = None,
) -> Document:
    """Turn what a format reader found into a :class:`Document`."""
    raise NotImplementedError  # implemented by the parse-core work
