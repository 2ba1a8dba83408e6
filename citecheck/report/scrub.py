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
    Claim,
    Diagnostic,
    DocumentResult,
    LinkResult,
    Note,
    NoteResult,
    Report,
    UrlSpan,
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
    if "@" not in url and "=" not in url and "%" not in url:
        return url  # nothing below can match: most cited URLs, kept as they are
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


# Copy on change: a value is rebuilt only when masking changed one of its strings. Most reports
# carry no credential at all, and every formatter scrubs, so the usual answer is the report
# itself: no second copy of every note per format.


def _citation(citation: Citation) -> Citation:
    authors = tuple(mask_text(a) for a in citation.authors)
    title, container, date = (_opt(citation.title), _opt(citation.container),
                              _opt(citation.date))
    accessed, doi = _opt(citation.accessed), _opt(citation.doi)
    if (authors, title, container, date, accessed, doi) == (
            citation.authors, citation.title, citation.container, citation.date,
            citation.accessed, citation.doi):
        return citation
    return replace(citation, authors=authors, title=title, container=container, date=date,
                   accessed=accessed, doi=doi)


def _span(span: UrlSpan) -> UrlSpan:
    url, raw = mask_url(span.url), mask_text(span.raw)
    return span if url == span.url and raw == span.raw else replace(span, url=url, raw=raw)


def _claim(claim: Claim) -> Claim:
    text = mask_text(claim.text)
    return claim if text == claim.text else replace(claim, text=text)


def _note(note: Note) -> Note:
    text, citation = mask_text(note.text), _citation(note.citation)
    urls = tuple(mask_url(u) for u in note.urls)
    spans = tuple(_span(s) for s in note.spans)
    claims = tuple(_claim(c) for c in note.claims)
    if (text == note.text and citation is note.citation and urls == note.urls
            and _same(spans, note.spans) and _same(claims, note.claims)):
        return note
    return replace(note, text=text, citation=citation, urls=urls, spans=spans, claims=claims)


def _note_result(result: NoteResult) -> NoteResult:
    note, url, detail = _note(result.note), _url(result.url), mask_text(result.detail)
    final_url, archive_url = _url(result.final_url), _url(result.archive_url)
    archive_detail = _opt(result.archive_detail)
    if note is result.note and (url, detail, final_url, archive_url, archive_detail) == (
            result.url, result.detail, result.final_url, result.archive_url,
            result.archive_detail):
        return result
    return replace(result, note=note, url=url, detail=detail, final_url=final_url,
                   archive_url=archive_url, archive_detail=archive_detail)


def _diagnostic(diagnostic: Diagnostic) -> Diagnostic:
    message = mask_text(diagnostic.message)
    return diagnostic if message == diagnostic.message else replace(diagnostic, message=message)


def _link(link: LinkResult) -> LinkResult:
    url, detail, final_url = mask_url(link.url), mask_text(link.detail), _url(link.final_url)
    redirects = tuple(mask_url(u) for u in link.redirects)
    title, archive_url = _opt(link.title), _url(link.archive_url)
    archive_detail = _opt(link.archive_detail)
    if (url, detail, final_url, redirects, title, archive_url, archive_detail) == (
            link.url, link.detail, link.final_url, link.redirects, link.title,
            link.archive_url, link.archive_detail):
        return link
    return replace(link, url=url, detail=detail, final_url=final_url, redirects=redirects,
                   title=title, archive_url=archive_url, archive_detail=archive_detail)


def _same(new: tuple[object, ...], old: tuple[object, ...]) -> bool:
    """Whether every value of ``new`` is the very value of ``old`` at its place."""
    return all(a is b for a, b in zip(new, old, strict=True))


def _document(document: DocumentResult) -> DocumentResult:
    path = mask_text(document.path)
    notes = tuple(_note_result(n) for n in document.notes)
    diagnostics = tuple(_diagnostic(d) for d in document.diagnostics)
    if path == document.path and _same(notes, document.notes) and _same(
            diagnostics, document.diagnostics):
        return document
    return replace(document, path=path, notes=notes, diagnostics=diagnostics)


def scrub_report(report: Report) -> Report:
    """A copy of ``report`` in which no string shows a URL credential.

    Two URLs that differ only in a secret become equal after masking; the report stays
    consistent (notes and links are masked alike), which is what consumers join on. Values
    with nothing to mask are shared with ``report``, not copied (``report`` itself when none
    has), and the answer for the last report scrubbed is remembered: the CLI formats one report
    several times.
    """
    last = _LAST.get("report")
    if last is not None and last[0] is report:
        return last[1]
    documents = tuple(_document(d) for d in report.documents)
    links = tuple(_link(k) for k in report.links)
    scrubbed = report
    if not (_same(documents, report.documents) and _same(links, report.links)):
        scrubbed = replace(report, documents=documents, links=links)
    _LAST["report"] = (report, scrubbed)
    return scrubbed


#: The last report scrubbed and its scrubbed form (held, so its ``id`` cannot be reused).
_LAST: dict[str, tuple[Report, Report]] = {}
