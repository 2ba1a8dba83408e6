"""Keep credentials out of every report: reports *mask* them with ``***``.

A cited URL can carry a secret: ``https://user:pass@host/…`` or ``?token=…``. Reports end up in
CI logs, PR comments and code-scanning dashboards, so every formatter passes the report through
:func:`scrub_report` first, and a reader sees that something was there. Masking works on free
text too (a note's text repeats its URL, a reason may quote a redirect target, an archive URL
embeds the cited one), so it is applied to every string in the report. The check stage, before
this, *strips* user-info from what it produces (:mod:`citecheck.check.credentials`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from citecheck.check.credentials import USERINFO
from citecheck.models import (
    Citation,
    Diagnostic,
    LinkResult,
    Note,
    NoteResult,
    Report,
)

MASK = "***"

# Query/fragment parameters whose values are credentials by name (signed S3 URLs included).
_SECRET_PARAM = re.compile(
    r"(?i)([?&;#](?:[a-z0-9_.\-]*(?:token|secret|passw(?:or)?d|api[_\-]?key|signature|credential|"
    r"session(?:id)?)|key|sig|auth|pwd|code)=)[^&#;\s\"'<>]+"
)


def mask_text(text: str) -> str:
    """``text`` with URL user-info and secret-named query values replaced by ``***``."""
    # Most strings hold neither "@" nor "="; checking first keeps 10,000-note reports fast.
    if "@" in text:
        text = USERINFO.sub(rf"\1{MASK}@", text)
    if "=" in text:
        text = _SECRET_PARAM.sub(rf"\1{MASK}", text)
    return text


def _opt(text: str | None) -> str | None:
    return None if text is None else mask_text(text)


def _citation(citation: Citation) -> Citation:
    return replace(
        citation,
        authors=tuple(mask_text(a) for a in citation.authors),
        title=_opt(citation.title),
        container=_opt(citation.container),
        date=_opt(citation.date),
        accessed=_opt(citation.accessed),
        doi=_opt(citation.doi),
    )


def _note(note: Note) -> Note:
    return replace(
        note,
        text=mask_text(note.text),
        citation=_citation(note.citation),
        urls=tuple(mask_text(u) for u in note.urls),
        spans=tuple(replace(s, url=mask_text(s.url), raw=mask_text(s.raw)) for s in note.spans),
        claims=tuple(replace(c, text=mask_text(c.text)) for c in note.claims),
    )


def _note_result(result: NoteResult) -> NoteResult:
    return replace(
        result,
        note=_note(result.note),
        url=_opt(result.url),
        detail=mask_text(result.detail),
        final_url=_opt(result.final_url),
        archive_url=_opt(result.archive_url),
        archive_detail=_opt(result.archive_detail),
    )


def _diagnostic(diagnostic: Diagnostic) -> Diagnostic:
    return replace(diagnostic, message=mask_text(diagnostic.message))


def _link(link: LinkResult) -> LinkResult:
    return replace(
        link,
        url=mask_text(link.url),
        detail=mask_text(link.detail),
        final_url=_opt(link.final_url),
        redirects=tuple(mask_text(u) for u in link.redirects),
        title=_opt(link.title),
        archive_url=_opt(link.archive_url),
        archive_detail=_opt(link.archive_detail),
    )


def scrub_report(report: Report) -> Report:
    """A copy of ``report`` in which no string shows a URL credential.

    Two URLs that differ only in a secret become equal after masking; the report stays
    consistent (notes and links are masked alike), which is what consumers join on.
    """
    documents = tuple(
        replace(
            document,
            path=mask_text(document.path),
            notes=tuple(_note_result(n) for n in document.notes),
            diagnostics=tuple(_diagnostic(d) for d in document.diagnostics),
        )
        for document in report.documents
    )
    return replace(report, documents=documents, links=tuple(_link(k) for k in report.links))
