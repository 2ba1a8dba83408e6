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

#: Query/fragment parameter names whose values are credentials: any name ending in ``key``,
#: ``token``, ``secret``, ``signature``, ``password`` (``access_key``, ``private_key``,
#: ``accesskey``, ``X-Amz-Signature``), a few more endings, and some short names whole.
SECRET_NAME = (
    r"(?:[a-z0-9_.\-]*(?:key|token|secret|signature|passw(?:or)?d|credential|session(?:id)?)"
    r"|jwt|sig|auth|pwd|code)"
)
# In free text a value ends at a space, a quote or a bracket, and sentence punctuation right
# after it is the sentence's ("see https://h/?token=abc.").
_SECRET_PARAM = re.compile(
    rf"(?i)([?&;#]{SECRET_NAME}=)[^&#;\s\"'<>]*[^&#;\s\"'<>.,:!?)\]]"
)
# In a URL (not free text) a value runs to the next separator, quotes and brackets included.
_URL_SECRET_PARAM = re.compile(rf"(?i)([?&;#]{SECRET_NAME}=)[^&#;]+")
# The same inside a percent-encoded URL (an open redirect's "?to=https%3A…%3Ftoken%3D…"): the
# value runs to the next encoded or plain separator.
_ENCODED_SECRET_PARAM = re.compile(
    rf"(?i)((?:%3F|%26|%23|%3B){SECRET_NAME}%3D)(?:(?!%26|%23|%3B)[^&#;\s\"'<>])+"
)
_URL = re.compile(r"(?is)^([a-z][a-z0-9+.\-]*://)([^/?#]*)(.*)$")


def mask_text(text: str) -> str:
    """``text`` with URL user-info and secret-named query values replaced by ``***``.

    User-info is masked up to the last ``@`` of each URL's authority; a parameter is secret by
    its name (:data:`SECRET_NAME`), in a query or a fragment.
    """
    # Most strings hold neither "@" nor "="; checking first keeps 10,000-note reports fast.
    if "@" in text:
        text = USERINFO.sub(rf"\1{MASK}@", text)
    if "=" in text:
        text = _SECRET_PARAM.sub(rf"\1{MASK}", text)
    if "%" in text:
        text = _ENCODED_SECRET_PARAM.sub(rf"\1{MASK}", text)
    return text


def mask_url(url: str) -> str:
    """A URL with its user-info and secret-named parameter values replaced by ``***``.

    The authority is taken whole (to the first ``/``, ``?`` or ``#``, spaces included), so a
    URL that is not well-formed cannot hide its user-info; in the rest (which may embed another
    URL, as archive links do) a secret value runs to the next ``&``, ``;`` or ``#``, quotes and
    spaces included. Anything that is not ``scheme://…`` is masked as text.
    """
    match = _URL.match(url)
    if match is None:
        return mask_text(url)
    scheme, authority, rest = match.groups()
    if "@" in authority:
        authority = f"{MASK}@{authority.rpartition('@')[2]}"
    if "@" in rest:
        rest = USERINFO.sub(rf"\1{MASK}@", rest)
    rest = _URL_SECRET_PARAM.sub(rf"\1{MASK}", rest)
    if "%" in rest:
        rest = _ENCODED_SECRET_PARAM.sub(rf"\1{MASK}", rest)
    return scheme + authority + rest


def _opt(text: str | None) -> str | None:
    return None if text is None else mask_text(text)


def _url(url: str | None) -> str | None:
    return None if url is None else mask_url(url)


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
        urls=tuple(mask_url(u) for u in note.urls),
        spans=tuple(replace(s, url=mask_url(s.url), raw=mask_text(s.raw)) for s in note.spans),
        claims=tuple(replace(c, text=mask_text(c.text)) for c in note.claims),
    )


def _note_result(result: NoteResult) -> NoteResult:
    return replace(
        result,
        note=_note(result.note),
        url=_url(result.url),
        detail=mask_text(result.detail),
        final_url=_url(result.final_url),
        archive_url=_url(result.archive_url),
        archive_detail=_opt(result.archive_detail),
    )


def _diagnostic(diagnostic: Diagnostic) -> Diagnostic:
    return replace(diagnostic, message=mask_text(diagnostic.message))


def _link(link: LinkResult) -> LinkResult:
    return replace(
        link,
        url=mask_url(link.url),
        detail=mask_text(link.detail),
        final_url=_url(link.final_url),
        redirects=tuple(mask_url(u) for u in link.redirects),
        title=_opt(link.title),
        archive_url=_url(link.archive_url),
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
