"""``citecheck fix``: the edits that cite an archived copy of each rotten source, made in place.

Pure: the document's text and its checked notes in, a list of :class:`Edit` out, applied by
:func:`apply_edits`. Nothing else in the document changes, byte for byte:

* a rotten note (``dead``, ``soft404``, ``drifted``, ``invalid``) whose source has a snapshot gets
  "Archived at <snapshot> on 17 November 2020." appended after its text, the way
  InternetArchiveBot amends a citation (in Markdown the link is written ``<…>``, an autolink);
  a Markdown body link gets ``(archived <snapshot> on …)`` right after it;
* a URL the parser had to repair (broken by a line wrap or a stray space) is written whole.

A note that already cites an archived copy (a ``web.archive.org/web/`` URL, or "Archived at") is
left alone, so running ``fix`` twice changes nothing the second time. Ibid. and short notes
share their full note's source: the full note is amended, once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from citecheck.models import DocumentResult, NoteKind, NoteResult
from citecheck.parse.spans import line_starts, offset, position, region_ends
from citecheck.rescue.wayback import archived_when

#: The formats ``fix`` can write back: their notes are text the writer typed, not markup trees.
FIXABLE_FORMATS = frozenset({"text", "markdown"})
_ALREADY_ARCHIVED = re.compile(r"web\.archive\.org/web/|\barchived at\b", re.IGNORECASE)
_REFERENCE_DEFINITION = re.compile(r"\[(?!\^)[^\]\n]+\]:")
_FOLLOWING_ARCHIVE = re.compile(r"\s*\(archived\b", re.IGNORECASE)
_END_OF_SENTENCE = ".!?"


#: An archive link added, a broken URL written whole, or (no change) a snapshot to cite by hand,
#: or a rotten source the archive had no copy of (the writer must find another source).
EditKind = Literal["archive", "repair", "manual", "unrescued"]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` by ``insert``; what it is for, for the summary."""

    start: int
    end: int
    insert: str
    label: str  # the note's label
    line: int  # 1-based line of the change in the original text
    kind: EditKind
    archive_url: str = ""  # for "manual": the snapshot to cite
    reason: str = ""  # for "unrescued": the verdict and why no copy was found


def _already_archived(result: NoteResult) -> bool:
    return bool(_ALREADY_ARCHIVED.search(result.note.text)) or any(
        "web.archive.org/web/" in url for url in result.note.urls[1:]
    )


def _note_end(text: str, after: int, limit: int) -> int:
    """Where a note's text ends: the end of the paragraph holding ``after`` (a blank line, the
    next note, or the end of the text), before any trailing whitespace."""
    blank = re.compile(r"\n[ \t]*\r?\n").search(text, after, limit)
    end = blank.start() if blank else limit
    while end > after and text[end - 1].isspace():
        end -= 1
    return end


def _archive_sentence(result: NoteResult, fmt: str) -> str:
    assert result.archive_url is not None
    link = f"<{result.archive_url}>" if fmt == "markdown" else result.archive_url
    if not result.archive_timestamp:
        return f"Archived at {link}."
    return f"Archived at {link} {archived_when(result.archive_timestamp)}."


def _is_body_link(result: NoteResult) -> bool:
    # Readers label a link written in the body text "link-N" (it is its own note).
    return re.fullmatch(r"link-\d+", result.note.label) is not None


def plan_edits(text: str, document: DocumentResult) -> list[Edit]:
    """Every edit ``fix`` makes to ``text``, the document ``document`` was parsed from.

    A note written in another file (a LaTeX document's .bib entry or ``\\input`` file) is not
    in ``text``: its lines and offsets are that file's, so it is never edited here.
    """
    starts = line_starts(text)
    ordered = sorted((r for r in document.notes if r.note.file is None),
                     key=lambda r: (r.note.line, r.note.column))
    begins = [offset(starts, r.note.line, r.note.column) for r in ordered]
    ends = region_ends(begins, len(text))
    edits: list[Edit] = []
    for number, result in enumerate(ordered):
        note = result.note
        if note.kind not in (NoteKind.FULL, NoteKind.LINK) or not note.spans:
            continue
        for span in note.spans:
            if span.raw != span.url and any(c.isspace() for c in span.raw):
                edits.append(Edit(span.start, span.end, span.url, note.label, span.line,
                                  "repair"))
        wanted = result.status.is_rotten and result.url == note.urls[0]
        if not wanted or _already_archived(result):
            continue
        first = note.spans[0]
        if first.url != result.url:
            continue
        if not result.archive_url:
            # Said, not silently skipped: "5 archive links added" must not hide the dead source
            # that has no copy.
            why = result.archive_detail or "no archived copy found"
            edits.append(Edit(first.end, first.end, "", note.label, first.line, "unrescued",
                              reason=f"{result.status.value}, {why}"))
            continue
        if document.format == "markdown" and _REFERENCE_DEFINITION.match(text, begins[number]):
            # "[ref]: url" takes no text after it: the link would stop being a definition.
            edits.append(Edit(first.end, first.end, "", note.label, first.line, "manual",
                              result.archive_url or ""))
            continue
        if _is_body_link(result):
            # After the link: the ")" of "[text](url)" or the ">" of "<url>", if any.
            at = first.end + (text[first.end:first.end + 1] in (")", ">"))
            if _FOLLOWING_ARCHIVE.match(text, at):
                continue
            stamp = result.archive_timestamp
            when = f" {archived_when(stamp)}" if stamp else ""
            insert = f" (archived <{result.archive_url}>{when})"
        else:
            at = _note_end(text, first.end, ends[number])
            sentence = _archive_sentence(result, document.format)
            insert = (" " if text[at - 1] in _END_OF_SENTENCE else ". ") + sentence
        edits.append(Edit(at, at, insert, note.label, position(starts, at)[0], "archive"))
    return sorted(edits, key=lambda e: (e.start, e.end))


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with the (non-overlapping) ``edits`` made."""
    out: list[str] = []
    at = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < at:
            continue  # overlaps an edit already made; cannot happen with plan_edits' spans
        out.append(text[at:edit.start])
        out.append(edit.insert)
        at = edit.end
    out.append(text[at:])
    return "".join(out)


def summary(path: str, edits: Sequence[Edit]) -> str:
    """What ``fix`` changed, for people: one line per edit, then a count."""
    lines = []
    for edit in edits:
        if edit.kind == "archive":
            lines.append(f"{path}:{edit.line}: [{edit.label}] +{edit.insert}")
        elif edit.kind == "unrescued":
            lines.append(f"{path}:{edit.line}: [{edit.label}] not changed: {edit.reason}; "
                         "cite another source or an archived copy by hand")
        elif edit.kind == "manual":
            lines.append(f"{path}:{edit.line}: [{edit.label}] not changed: a link reference "
                         f"definition takes no text after it; cite {edit.archive_url} by hand")
        else:
            lines.append(f"{path}:{edit.line}: [{edit.label}] URL written whole: {edit.insert}")
    archived = sum(1 for e in edits if e.kind == "archive")
    repaired = sum(1 for e in edits if e.kind == "repair")
    noun = "archive link" if archived == 1 else "archive links"
    changed = archived + repaired
    lines.append(f"{path}: {archived} {noun} added, {repaired} URL"
                 f"{'' if repaired == 1 else 's'} repaired" if changed else f"{path}: no change")
    return "\n".join(lines) + "\n"
