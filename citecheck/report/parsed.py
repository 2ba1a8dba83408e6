"""What ``citecheck parse`` prints: each document's notes as parsed, before any host is contacted.

Like lychee's ``--dump``: a writer sees what will be checked (label, kind, where it is, what an
Ibid. or short form resolves to, its URLs) and the body links. Pure functions of parsed
:class:`~citecheck.models.Document` values; the CLI prints what they return.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from citecheck.models import Diagnostic, Document, Note

__all__ = ["format_parsed", "format_parsed_json", "position"]


def position(line: int | None, page: int | None, file: str | None = None) -> str:
    """Where something is, as shown to people: ``12`` for a line, ``p3:12`` on a PDF page,
    ``refs.bib:12`` in another file than the document."""
    if line is None:
        return "-"
    if file:
        return f"{file}:{line}"
    return f"p{page}:{line}" if page is not None else str(line)


def _count(number: int, noun: str) -> str:
    """"1 note", "2 notes", "0 URLs"."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _is_body_link(note: Note) -> bool:
    return note.label.startswith("link-")


def _note_line(note: Note) -> str:
    resolution = f" → {note.resolves_to}" if note.resolves_to else ""
    at = position(note.line, note.page, note.file)
    head = f"  [{note.label}] {note.kind.value}{resolution} at {at}"
    urls = "".join(f"\n      {url}" for url in note.urls)
    return head + urls


def _diagnostic_line(diagnostic: Diagnostic) -> str:
    where = f" at {position(diagnostic.line, diagnostic.page)}" if diagnostic.line else ""
    return f"  {diagnostic.severity}: {diagnostic.code.value}{where}: {diagnostic.message}"


def format_parsed(documents: Sequence[Document]) -> str:
    """Human-readable listing, one block per document."""
    blocks = []
    for document in documents:
        notes = [n for n in document.notes if not _is_body_link(n)]
        links = [n for n in document.notes if _is_body_link(n)]
        urls = sum(len(n.urls) for n in document.notes)
        lines = [f"{document.path} ({document.format.value}): {_count(len(notes), 'note')}, "
                 f"{_count(len(links), 'body link')}, {_count(urls, 'URL')}"]
        lines += [_note_line(note) for note in notes]
        if links:
            lines.append("  body links:")
            lines += [f"    {position(n.line, n.page, n.file)} {url}"
                      for n in links for url in n.urls]
        lines += [_diagnostic_line(d) for d in document.diagnostics]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _note_json(note: Note) -> dict[str, Any]:
    return {
        "label": note.label,
        "kind": note.kind.value,
        "page": note.page,
        "line": note.line,
        "column": note.column,
        "resolves_to": note.resolves_to,
        "points_to": note.points_to,
        "urls": list(note.urls),
        "doi": note.citation.doi,
        "text": note.text,
        "file": note.file,
        "claims": [{"page": c.page, "file": c.file, "line": c.line, "column": c.column,
                    "text": c.text} for c in note.claims],
    }


def format_parsed_json(documents: Sequence[Document]) -> str:
    """The same as JSON: ``{"documents": [{path, format, notes, links, diagnostics}]}``."""
    out = []
    for document in documents:
        out.append({
            "path": document.path,
            "format": document.format.value,
            "notes": [_note_json(n) for n in document.notes if not _is_body_link(n)],
            "links": [_note_json(n) for n in document.notes if _is_body_link(n)],
            "diagnostics": [
                {"code": d.code.value, "message": d.message, "severity": d.severity,
                 "page": d.page, "line": d.line, "label": d.label}
                for d in document.diagnostics
            ],
        })
    return json.dumps({"documents": out}, indent=2, ensure_ascii=False) + "\n"
