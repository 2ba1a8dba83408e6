"""Documents built straight from note texts, for tests of kinds and resolution."""

from __future__ import annotations

from citecheck.models import Document
from citecheck.parse.base import RawMarker, RawNote, build_document


def build(*texts: str, markers: list[RawMarker] | None = None) -> Document:
    """A document whose notes are ``texts`` labelled 1, 2, …, each cited once (or by
    ``markers``)."""
    notes = [RawNote(str(i), i, text) for i, text in enumerate(texts, start=1)]
    if markers is None:
        markers = [RawMarker(str(i), 1, f"claim {i}") for i in range(1, len(texts) + 1)]
    return build_document("doc", "text", notes, markers)


def kinds(document: Document) -> list[tuple[str, str, str | None, str | None]]:
    """Each note's label, kind, the note it points to and the note it resolves to."""
    return [(n.label, n.kind.value, n.points_to, n.resolves_to) for n in document.notes]


def codes(document: Document) -> list[tuple[str, str | None]]:
    """Each diagnostic's code and label."""
    return [(d.code, d.label) for d in document.diagnostics]
