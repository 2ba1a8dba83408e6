"""Assembly: join each parsed note with the verdict on the URL it stands on, and count.

This is where an "Ibid." learns that its source is dead: a note's URL is its own first URL or,
for ibid/short notes, the URL of the full note it resolves to, and it takes that link's verdict,
reason, HTTP status and final URL unchanged. The CI gate is applied per note, so when several
notes cite one dead URL each of them is a failure: each is a claim that lost its source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from citecheck.models import (
    EMPTY_DIAGNOSTICS,
    Document,
    DocumentFormat,
    DocumentResult,
    ExitCode,
    Gate,
    LinkResult,
    Note,
    NoteKind,
    NoteResult,
    Policy,
    Report,
    Summary,
    Verdict,
)
from citecheck.report.verdicts import verdict_phrase

NO_URL_DETAIL = "no URL in note"
COMMENT_DETAIL = "commentary, cites no source"
NOT_CHECKED_DETAIL = "not checked"
DISABLED_DETAIL = "disabled by a citecheck-disable comment"
#: The detail of a URL another shard checks (``--shard``); it never fails the gate, whatever
#: the policy says of ``skipped``, and ``citecheck merge`` replaces it with that shard's result.
NOT_IN_SHARD = "not in this shard"


def _root(notes: Mapping[str, Note], note: Note) -> Note | None:
    """The full note an ibid/short note stands on (following a chain, should one remain)."""
    seen = {note.label}
    current = note
    while not current.sources and current.resolves_to and current.resolves_to not in seen:
        seen.add(current.resolves_to)
        target = notes.get(current.resolves_to)
        if target is None:
            return None
        current = target
    return current if current is not note else None


def _by_label(document: Document) -> dict[str, Note]:
    # Like Document.note(): the first note wins should a label repeat.
    labels: dict[str, Note] = {}
    for note in document.notes:
        labels.setdefault(note.label, note)
    return labels


def _note_url(notes: Mapping[str, Note], note: Note) -> str | None:
    if note.sources:
        return note.sources[0]
    root = _root(notes, note)
    return root.sources[0] if root is not None and root.sources else None


def _unchecked(url: str) -> LinkResult:
    return LinkResult(url=url, status=Verdict.SKIPPED, detail=NOT_CHECKED_DETAIL)


def _note_result(
    notes: Mapping[str, Note], note: Note, links: Mapping[str, LinkResult], policy: Policy
) -> NoteResult:
    url = _note_url(notes, note)
    if url is None:
        detail = COMMENT_DETAIL if note.kind is NoteKind.COMMENT else NO_URL_DETAIL
        return NoteResult(
            note=note, url=None, status=Verdict.NO_URL, detail=detail,
            gate=policy.gate(Verdict.NO_URL),
        )
    link = links.get(url) or _unchecked(url)
    gate = policy.gate(link.status)
    # --confirm: a failure fails the gate only once seen in enough runs spaced apart.
    unconfirmed = gate is Gate.FAIL and policy.confirm > 1 and (
        link.history is None or link.history.confirmations < policy.confirm)
    return NoteResult(
        note=note,
        url=url,
        status=link.status,
        detail=link.detail,
        http_status=link.http_status,
        final_url=link.final_url,
        archive_url=link.archive_url,
        gate=Gate.PASS if _elsewhere(link) else Gate.WARN if unconfirmed else gate,
        archive_timestamp=link.archive_timestamp,
        archive_detail=link.archive_detail,
        cached=link.cached,
        history=link.history,
        unconfirmed=unconfirmed,
    )


def _disabled_result(notes: Mapping[str, Note], note: Note, policy: Policy) -> NoteResult:
    return NoteResult(
        note=note, url=_note_url(notes, note), status=Verdict.SKIPPED, detail=DISABLED_DETAIL,
        gate=policy.gate(Verdict.SKIPPED),
    )


def _elsewhere(link: LinkResult) -> bool:
    return link.status is Verdict.SKIPPED and link.detail == NOT_IN_SHARD


def _summarise(
    documents: Sequence[DocumentResult], links: int, policy: Policy, offline: bool
) -> Summary:
    results = [n for d in documents for n in d.notes]
    per_verdict = dict.fromkeys(Verdict, 0)
    for result in results:
        per_verdict[result.status] += 1
    failed = sum(1 for r in results if r.gate is Gate.FAIL)
    empty = sum(1 for d in documents if any(x.code in EMPTY_DIAGNOSTICS for x in d.diagnostics))
    if offline:
        exit_code = ExitCode.UNCHECKED
    elif failed > policy.max_failures or (policy.fail_on_empty and empty):
        exit_code = ExitCode.GATE_FAILED
    else:
        exit_code = ExitCode.OK
    body_links = sum(1 for r in results if r.note.kind is NoteKind.LINK)
    return Summary(
        counts=tuple((v, n) for v, n in per_verdict.items() if n),
        notes=len(results) - body_links,
        body_links=body_links,
        empty=empty,
        claims=sum(len(r.note.claims) for r in results),
        links=links,
        failed=failed,
        warned=sum(1 for r in results if r.gate is Gate.WARN),
        exit_code=exit_code,
        rescuable=sum(1 for r in results if r.status.is_rotten and r.archive_url),
        unconfirmed=sum(1 for r in results if r.unconfirmed),
    )


def assemble(
    documents: Sequence[Document],
    links: Mapping[str, LinkResult],
    *,
    policy: Policy,
    offline: bool,
    version: str,
    generated_at: str,
    disabled: Mapping[str, frozenset[int]] | None = None,
) -> Report:
    """Build the report: one :class:`NoteResult` per note, the cited links, and the summary.

    ``links`` maps each checked URL to its result; a cited URL missing from it is reported as
    skipped ("not checked"). ``report.links`` holds every distinct URL the notes cite (all of a
    note's own URLs, not only the first), in order of first citation. The exit code is
    ``UNCHECKED`` when the run was ``offline`` and that left some note ``offline``, else
    ``GATE_FAILED`` when more notes failed the gate than ``policy.max_failures`` allows, else
    ``OK``. ``disabled`` maps a document's path
    to the indexes of notes an inline comment disables: they are skipped, whatever their URL.
    """
    results: list[DocumentResult] = []
    for document in documents:
        labels = _by_label(document)
        off = (disabled or {}).get(document.path, frozenset())
        notes = tuple(
            _disabled_result(labels, note, policy) if note.index in off
            else _note_result(labels, note, links, policy)
            for note in document.notes
        )
        results.append(
            DocumentResult(document.path, document.format, notes, document.diagnostics)
        )
    # Offline matters only where it left a note without a verdict: a note's further URL (the
    # archived copy `citecheck fix` wrote after it, say) decides nothing when unreachable, and a
    # note whose URL the results cache knows still faces the gate.
    offline = offline and (
        not any(d.notes for d in results)
        or any(r.status is Verdict.OFFLINE for d in results for r in d.notes)
    )
    cited: dict[str, LinkResult] = {}
    for document in documents:
        for note in document.notes:
            for url in note.sources:
                if url not in cited:
                    cited[url] = links.get(url) or _unchecked(url)
    return Report(
        citecheck_version=version,
        generated_at=generated_at,
        documents=tuple(results),
        links=tuple(cited.values()),
        summary=_summarise(results, len(cited), policy, offline),
        policy=policy,
        offline=offline,
    )


def summary_line(report: Report) -> str:
    """One line for humans: how many cited claims still stand, and what happened to the rest.

    Every note backs at least one claim, so notes are counted as "claims" here: 27 notes read
    "17 of 27 claims have a live source · 3 dead · 2 blocked". A moved source is live (at a new
    address) and is shown in brackets. Offline runs say that nothing could be checked.
    """
    summary = report.summary
    counts = dict(summary.counts)
    cited = summary.notes + summary.body_links  # a body link backs its sentence as a note does
    noun = _noun(report, cited)
    if report.offline:
        unchecked = (Verdict.OFFLINE, Verdict.SKIPPED, Verdict.NO_URL)
        checked = cited - sum(counts.get(v, 0) for v in unchecked)
        parts = " · ".join(verdict_phrase(v, n) for v, n in summary.counts)
        line = f"network unavailable: {checked} of {cited} {noun} could be checked"
        return f"{line} ({parts})" if parts else line
    if cited == 0:
        return "no cited claims found"
    live = sum(n for v, n in summary.counts if v.is_ok)
    verb = "has" if cited == 1 else "have"
    line = f"{live} of {cited} {noun} {verb} a live source"
    if counts.get(Verdict.MOVED):
        line += f" ({verdict_phrase(Verdict.MOVED, counts[Verdict.MOVED])})"
    rest = [verdict_phrase(v, n) for v, n in summary.counts if not v.is_ok]
    rotten = sum(n for v, n in summary.counts if v.is_rotten)
    if summary.rescuable:
        rest.append(
            f"{summary.rescuable} of {rotten} rotten {_noun(report, 2)} can be rescued from the "
            "archive")
    if summary.unconfirmed:
        rest.append(f"{summary.unconfirmed} failing, not yet confirmed")
    return " · ".join([line, *rest])


def _noun(report: Report, count: int) -> str:
    """What the summary counts: claims; a .bib checked alone has entries, which back no claim
    (nothing in it cites them), so they are not called claims, uncited or otherwise."""
    entries = sum(len(d.notes) for d in report.documents if d.format == DocumentFormat.BIBTEX)
    cited = report.summary.notes + report.summary.body_links
    if entries and entries == cited:
        return "bibliography entry" if count == 1 else "bibliography entries"
    if entries:
        return "claims and bibliography entries"
    return "claim" if count == 1 else "claims"
