"""Reference lists typed in a Word document's body, read by the plain-text reader.

Many Word papers keep no notes in the note parts: they cite ``[1]`` or ``(Smith 2020)`` in the
text and list the sources under "References" at the end. The body's paragraphs, one per block
(blank lines between), go through :func:`~citecheck.parse.text.read_text`; its notes and
markers come back with paragraph numbers as lines, and a hyperlink inside a listed entry is that
entry's URL rather than a body link.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace

from citecheck.models import Diagnostic
from citecheck.parse.base import RawMarker, RawNote
from citecheck.parse.deferred import regex
from citecheck.parse.docx.wordml import Paragraph
from citecheck.parse.inline import is_citable_href
from citecheck.parse.text import read_text
from citecheck.parse.text.entries import _HEADING
from citecheck.parse.text.listed import _looks_like_reference

# A reference list needs a heading ("References", "7. Notes") or entries that start "[1]"; a
# body with neither is not handed to the text reader (a 14,000-paragraph contract saves ~0.6 s).
_ENTRY_START = regex(r"^\s*\[[^\]\s]{1,12}\]\s")

__all__ = ["BodyNotes", "body_notes"]

TEXT_KEY = "text"  # the note part of a label the text reader gave (see _internal)


@dataclass
class BodyNotes:
    """What the text reader found in the body, on paragraph numbers."""

    notes: list[RawNote]
    markers: list[RawMarker]
    diagnostics: list[Diagnostic]
    covered: set[int]  # paragraph numbers inside a listed entry: no body links there


_HANG = "    "
_LEADS_ON = ":,;-–—/("
_ENDS_SENTENCE = regex(r"[.!?][\"'\u201d\u2019)\]]*\s*$")
_ADDRESS_ALONE = regex(r"(?i)(?:https?://|doi:\s*|www\.)\S+")


def _set_in(paragraph: Paragraph) -> bool:
    """Set in from the margin: by the paragraph's indent, or typed with a tab or spaces first
    (which a paragraph of prose is too: asked only of an address alone on its line)."""
    return paragraph.indented or paragraph.text[:1] in ("\t", " ")


def _continues(before: Paragraph, paragraph: Paragraph) -> bool:
    """Whether ``paragraph`` goes on with the sentence ``before`` broke off: it is set in from
    the margin where ``before`` is not, and ``before`` stops short of a sentence's end ("…
    doesn't seem to know" ⏎ "how they work. Los Angeles Times. Retrieved from: …"); or it is an
    address alone, set in under a set-in part of an entry ("A Call to Action. …, 402–405." ⏎
    "https://doi.org/…": an entry typed as three paragraphs)."""
    shown, above = paragraph.text.strip(), before.text.strip()
    if (_set_in(paragraph) and _ADDRESS_ALONE.fullmatch(shown) and above
            and not _ADDRESS_ALONE.fullmatch(above) and not _HEADING.match(before.text)
            and (_set_in(before) or not _ENDS_SENTENCE.search(above))):
        return True
    if (_set_in(paragraph) and not _set_in(before) and shown and above
            and _looks_like_reference(before.text) and (above[-1].islower() or above[-1] in ":,")):
        # Set in with typed spaces or a tab under an entry broken off mid-clause ("…
        # (2016). Young People and HIV:" ⏎ "⇥A Call to Action. …"); a heading or a paragraph of
        # prose set in the same way is no entry's part.
        return True
    if not (paragraph.indented and not before.indented and bool(shown)
            and bool(above) and not _ENDS_SENTENCE.search(before.text)):
        return False
    # Two whole entries, one flush, one set in, are two ("Griffith, C.: Ionic 2, April 2017" ⏎
    # "https://…, Zeitpunkt des Zugriffs: 10.02.18"): the first broke off only if it stops
    # mid-clause (a lower-case word, a colon: "… Retrieved from" ⏎ "https://…").
    last = before.text.rstrip()[-1]
    return (last.islower() or last in _LEADS_ON or not _looks_like_reference(before.text)
            or not _looks_like_reference(paragraph.text))


def _last_paragraph(body: list[Paragraph], last: int, text: str, firsts: set[int]) -> int:
    """The last paragraph of an entry the text reader read over several paragraphs (an entry
    split in two, its "Accessed …" after it): the paragraphs after ``last`` whose text is in
    the entry's, empty ones between, up to the next entry."""
    j = last + 1
    while j < len(body) and j not in firsts:
        shown = body[j].text.strip()
        if shown and shown not in text:
            break
        if shown:
            last = j
        j += 1
    return last


def body_notes(
    body: list[Paragraph], internal: Callable[[str, tuple[str, str]], str]
) -> BodyNotes:
    """Notes and markers the plain-text reader finds in the body's paragraphs.

    ``internal(label, key)`` makes a label unique to this reader's notes (footnote 1 and
    reference [1] are different notes).
    """
    if not any(_HEADING.match(p.text) or _ENTRY_START.match(p.text) for p in body):
        return BodyNotes([], [], [], set())
    starts: list[int] = []  # first text line (1-based) of each paragraph
    parts: list[str] = []
    line = 1
    for k, paragraph in enumerate(body):
        text = paragraph.text
        if k and _continues(body[k - 1], paragraph):
            # One entry typed as two paragraphs, the second set in (Google Docs' hanging
            # indent by hand): the text reader's hanging indent, in one block.
            parts.append("\n")
            line += 1
            text = "\n".join(_HANG + piece for piece in text.split("\n"))
        elif k:
            parts.append("\n\n")  # the blank line between blocks
            line += 2
        starts.append(line)
        parts.append(text)
        line += text.count("\n")
    found = read_text("".join(parts))
    if not found.notes:
        return BodyNotes([], [], found.diagnostics, set())

    def paragraph_of(text_line: int) -> int:
        return max(bisect_right(starts, text_line) - 1, 0)

    notes: list[RawNote] = []
    covered: set[int] = set()
    firsts = {paragraph_of(note.line) for note in found.notes}
    for note in found.notes:
        first = paragraph_of(note.line)
        last = _last_paragraph(body, paragraph_of(note.line + note.text.count("\n")), note.text,
                               firsts)
        hrefs = [link.target for p in body[first : last + 1] for link in p.links
                 if is_citable_href(link.target)]
        covered.update(body[i].index for i in range(first, last + 1))
        notes.append(replace(
            note, label=internal(note.label, (TEXT_KEY, note.label)),
            line=body[first].index, hrefs=tuple(dict.fromkeys((*note.hrefs, *hrefs))),
        ))
    markers = [
        replace(m, label=internal(m.label, (TEXT_KEY, m.label)),
                line=body[paragraph_of(m.line)].index)
        for m in found.markers
    ]
    return BodyNotes(notes, markers, found.diagnostics, covered)
