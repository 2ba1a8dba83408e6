"""Keep credentials out of every report.

A cited URL can carry a secret: ``https://user:pass@host/…`` or ``?token=…``. Reports end up in
CI logs, PR comments and code-scanning dashboards, so every formatter passes the report through
:func:`redact_report` first. Redaction works on free text too (a note's text repeats its URL, a
reason may quote a redirect target), so it is applied to every string in the report.
"""

from __future__ import annotations

from dataclasses import replace

from citecheck.models import (
    Citation,
    Diagnostic,
    LinkResult,
    Note,
    NoteResult,
    Report,
)
from citecheck.redact import mask_secrets


def redact_text(text: str) -> str:
    """``text`` with URL user-info and secret-named query values replaced by ``***``."""
    return mask_secrets(text)


def _opt(text: str | None) -> str | None:
    return None if text is None else redact_text(text)


def _citation(citation: Citation) -> Citation:
    return replace(
        citation,
        authors=tuple(redact_text(a) for a in citation.authors),
        title=_opt(citation.title),
        container=_opt(citation.container),
        date=_opt(citation.date),
        accessed=_opt(citation.accessed),
        doi=_opt(citation.doi),
    )


def _note(note: Note) -> Note:
    return replace(
        note,
        text=redact_text(note.text),
        citation=_citation(note.citation),
        urls=tuple(redact_text(u) for u in note.urls),
        claims=tuple(replace(c, text=redact_text(c.text)) for c in note.claims),
    )


def _note_result(result: NoteResult) -> NoteResult:
    return replace(
        result,
        note=_note(result.note),
        url=_opt(result.url),
        detail=redact_text(result.detail),
        final_url=_opt(result.final_url),
        archive_url=_opt(result.archive_url),
    )


def _diagnostic(diagnostic: Diagnostic) -> Diagnostic:
    return replace(diagnostic, message=redact_text(diagnostic.message))


def _link(link: LinkResult) -> LinkResult:
    return replace(
        link,
        url=redact_text(link.url),
        detail=redact_text(link.detail),
        final_url=_opt(link.final_url),
        redirects=tuple(redact_text(u) for u in link.redirects),
        title=_opt(link.title),
        archive_url=_opt(link.archive_url),
    )


def redact_report(report: Report) -> Report:
    """A copy of ``report`` in which no string shows a URL credential.

    Two URLs that differ only in a secret become equal after redaction; the report stays
    consistent (notes and links are redacted alike), which is what consumers join on.
    """
    documents = tuple(
        replace(
            document,
            path=redact_text(document.path),
            notes=tuple(_note_result(n) for n in document.notes),
            diagnostics=tuple(_diagnostic(d) for d in document.diagnostics),
        )
        for document in report.documents
    )
    return replace(report, documents=documents, links=tuple(_link(k) for k in report.links))

