"""Small text helpers shared by the human-facing formatters (table, Markdown, annotations)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping

from citecheck.models import DocumentResult, ExitCode, NoteKind, NoteResult, Report

ELLIPSIS = "…"


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters at a word boundary when one is near, with "…"."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space >= width * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + ELLIPSIS


def shorten_middle(text: str, width: int) -> str:
    """``text`` with its middle replaced by "…": a URL keeps its host and its last segment."""
    if len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    head = (width - 1) * 3 // 5
    tail = width - 1 - head
    return text[:head] + ELLIPSIS + (text[-tail:] if tail else "")


# Words that mark an author as an organisation, whose name must not be cut to its last word.
_ORGANISATION_WORDS = frozenset({
    "agency", "association", "bank", "bureau", "center", "centre", "commission", "committee",
    "council", "department", "forum", "foundation", "fund", "group", "initiative", "institute",
    "international", "ministry", "nations", "network", "news", "office", "organisation",
    "organization", "press", "program", "programme", "project", "service", "society", "union",
    "university", "watch",
})


def _shown_name(author: str) -> str:
    """How a report names an author in a few words: the family name in "Fornof, Emily" or "Tim
    Lister", an organisation whole ("U.N. Office"). Not the resolver's
    :func:`~citecheck.parse.authors.surname`, which matches short forms by one word."""
    author = author.strip()
    if "," in author:
        return author.split(",", 1)[0].strip()
    words = author.split()
    if len(words) <= 1 or any(w.lower().strip(".") in _ORGANISATION_WORDS for w in words):
        return author
    if any(w.endswith(".") and len(w) > 2 for w in words):  # "U.N. Office", "St. Louis Post"
        return author
    return words[-1]


def display_url(url: str) -> str:
    """A URL as shown to a reader: "https://" is the norm and goes; other schemes stay."""
    return url.removeprefix("https://")


def source_text(result: NoteResult) -> str:
    """What a note cites, in a few words: "→ xv" for ibid/short, else "Surname — Title"."""
    note = result.note
    if note.kind in (NoteKind.IBID, NoteKind.SHORT) and not note.urls:
        return f"→ {note.resolves_to}" if note.resolves_to else f"{note.kind.value}, unresolved"
    if note.kind is NoteKind.COMMENT and not note.urls:
        return "(commentary)"
    citation = note.citation
    title = citation.title or citation.container
    if citation.authors and title:
        return f"{_shown_name(citation.authors[0])} — {title}"
    return title or (_shown_name(citation.authors[0]) if citation.authors else note.text)


def count_phrase(document: DocumentResult) -> str:
    """How much a document cites: "4 notes · 3 body links", "1 note", "0 notes"."""
    links = sum(1 for r in document.notes if r.note.kind is NoteKind.LINK)
    notes = len(document.notes) - links
    phrase = f"{notes} {'note' if notes == 1 else 'notes'}"
    if links:
        phrase += f" · {links} body {'link' if links == 1 else 'links'}"
    return phrase


def by_label(document: DocumentResult) -> dict[str, NoteResult]:
    """A document's note results by label (the first, should a label repeat)."""
    found: dict[str, NoteResult] = {}
    for result in document.notes:
        found.setdefault(result.note.label, result)
    return found


def full_source_text(result: NoteResult, notes: Mapping[str, NoteResult]) -> str:
    """Like :func:`source_text`, but an ibid/short note also names its root's source:
    "→ iv: Stepansky — What does the coup mean…". For outputs with room to say it."""
    short = source_text(result)
    root = notes.get(result.note.resolves_to or "")
    if not short.startswith("→ ") or root is None or root is result:
        return short
    return f"{short}: {source_text(root)}"


def claim_text(result: NoteResult, width: int | None = None) -> str:
    """The first claim a note backs (shortened to ``width``), with "(+n)" when it backs more."""
    claims = result.note.claims
    if not claims:
        return "(not cited in the text)"
    more = f" (+{len(claims) - 1})" if len(claims) > 1 else ""
    text = claims[0].text
    if width is not None:
        text = shorten(text, max(1, width - len(more)))
    return text + more


def gate_status(report: Report) -> tuple[bool, str] | None:
    """Whether the CI gate passed, and why in words; None when the run was offline."""
    summary = report.summary
    if report.offline:
        return None
    allowed = report.policy.max_failures
    parts = []
    empty_failed = bool(summary.empty and report.policy.fail_on_empty)
    if summary.failed or (summary.exit_code is ExitCode.GATE_FAILED and not empty_failed):
        noun = "note" if summary.failed == 1 else "notes"
        parts.append(f"{summary.failed} {noun} failed, {allowed} allowed")
    if empty_failed:
        noun = "document" if summary.empty == 1 else "documents"
        parts.append(f"{summary.empty} {noun} with nothing to check (--fail-on-empty)")
    if summary.warned:
        parts.append(f"{summary.warned} warned")
    return summary.exit_code is not ExitCode.GATE_FAILED, " · ".join(parts)


def gate_line(report: Report) -> str:
    """What the CI gate concluded, in one line ("" when the run was offline: nothing to judge)."""
    status = gate_status(report)
    if status is None:
        return ""
    passed, why = status
    head = "✓ gate passed" if passed else "✗ gate failed"
    return f"{head}: {why}" if why else head


def location(result: NoteResult) -> tuple[int, int]:
    """Where a reader should look, and what ``citecheck fix`` rewrites: the note's cited URL
    where it is written (line and column), else the note itself (an Ibid. names no URL)."""
    note = result.note
    for span in note.spans:
        if span.url == result.url:
            return span.line, span.column
    return note.line, note.column


def cited_by(result: NoteResult) -> str:
    """The claim markers citing a note, for messages: "cited at lines 5:187, 9:12" (a claim in
    another file than the document is named with it: "chap.tex:10:5")."""
    claims = result.note.claims
    if not claims:
        return "not cited in the text"
    noun = "line" if len(claims) == 1 else "lines"
    return f"cited at {noun} " + ", ".join(
        f"{c.file + ':' if c.file else ''}{c.line}:{c.column}" for c in claims)


def in_file(path: str, file: str | None) -> str:
    """The path of the file a note or claim is written in: the document's own ``path``, or
    ``file`` (a LaTeX document's .bib or \\input file, named from the document's folder)."""
    if not file:
        return path
    folder = posixpath.dirname(slashes(path))
    # "../bib/refs.bib" of "src/thesis.tex", read from the project's folder: "bib/refs.bib"
    return posixpath.normpath(posixpath.join(folder, file)) if folder else file


_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")


def is_absolute(path: str) -> bool:
    """An absolute POSIX or Windows path (after :func:`slashes`)."""
    return path.startswith("/") or _WINDOWS_DRIVE.match(path) is not None


def slashes(path: str) -> str:
    return path.replace("\\", "/")


def repo_path(path: str, *, root: str | None = None, cwd: str | None = None) -> tuple[str, bool]:
    """A document's path as CI tools want it: from the repository root, "/" separated.

    GitHub (annotations, code scanning) and GitLab (JUnit ``file``) place a result by its path
    from the repository root. With ``root`` (the repository) and ``cwd`` (where relative
    document paths start), both absolute, a document under ``root`` gets its path from
    ``root`` however it was named (``docs/a.md``, ``./a.md`` from ``docs``, an absolute path).
    Returns ``(path, inside)``: ``inside`` is False for a document outside ``root`` (or an
    absolute path without one), whose path is then absolute and normalised.
    """
    path = slashes(path)
    if root is not None and cwd is not None:
        full = path if is_absolute(path) else posixpath.join(slashes(cwd), path)
        full = posixpath.normpath(full)
        base = posixpath.normpath(slashes(root))
        if full == base or not full.startswith(base.rstrip("/") + "/"):
            return full, False
        return full[len(base.rstrip("/")) + 1 :], True
    if is_absolute(path):
        return posixpath.normpath(path), False
    return posixpath.normpath(path), True


def history_text(result: NoteResult) -> str | None:
    """How long a failing source has failed, from the results cache's history:
    "first failure" or "failing since 2026-11-02, 4 checks"; None without a history."""
    history = result.history
    if history is None:
        return None
    if history.failed_checks <= 1:
        return "first failure"
    return f"failing since {history.failing_since[:10]}, {history.failed_checks} checks"


def history_status_text(result: NoteResult) -> str | None:
    """:func:`history_text` and whether ``--confirm`` has confirmed the failure yet: "failing
    since 2026-11-02, 4 checks (not yet confirmed)"; None without a history."""
    history = history_text(result)
    if history is None:
        return None
    return history + (" (not yet confirmed)" if result.unconfirmed else "")


def archive_date(result: NoteResult) -> str | None:
    """The day of the archived snapshot, "2020-11-17", when the archive said when it was taken."""
    stamp = result.archive_timestamp
    if not result.archive_url or not stamp:
        return None
    return "-".join(part for part in (stamp[:4], stamp[4:6], stamp[6:8]) if part)


def verdict_text(result: NoteResult) -> str:
    """A note's verdict with what the run adds to it: "dead · archived 2020-11-17",
    "live · cached", "dead · unconfirmed" (failing, but not yet in enough ``--confirm`` runs)."""
    parts = [result.status.value]
    if result.unconfirmed:
        parts.append("unconfirmed")
    if result.archive_url:
        stamp = archive_date(result)
        parts.append(f"archived {stamp}" if stamp else "archived")
    if result.cached:
        parts.append("cached")
    return " · ".join(parts)


def reason_text(result: NoteResult) -> str:
    """A note's reason with its failing history: "HTTP 404 · failing since 2026-11-02, 4 checks"
    or "HTTP 404 · first failure"."""
    history = history_text(result)
    return f"{result.detail} · {history}" if history else result.detail
