"""Assembly: notes joined with link verdicts, ibid propagation, counts and exit codes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from citecheck.models import (
    Claim,
    Document,
    DocumentFormat,
    ExitCode,
    Gate,
    LinkResult,
    Note,
    NoteKind,
    Policy,
    Report,
    Verdict,
)
from citecheck.report.assemble import assemble, summary_line, verdict_phrase

from . import fixtures as fx


def _assemble(
    documents: tuple[Document, ...] = fx.DOCUMENTS,
    links: dict[str, LinkResult] | None = None,
    *,
    policy: Policy = fx.POLICY,
    offline: bool = False,
) -> Report:
    return assemble(
        documents, fx.LINKS if links is None else links, policy=policy, offline=offline,
        version=fx.VERSION, generated_at=fx.GENERATED_AT,
    )


def _note(label: str, kind: NoteKind = NoteKind.FULL, **fields: object) -> Note:
    return Note(label=label, index=0, line=1, kind=kind, text=label,
                claims=(Claim(line=1, text=f"claim {label}"),), **fields)  # type: ignore[arg-type]


def _results(report: Report) -> dict[str, tuple[str | None, Verdict, str]]:
    return {
        r.note.label: (r.url, r.status, r.detail) for d in report.documents for r in d.notes
    }


def test_assembly_of_the_fixture_is_the_hand_built_report() -> None:
    assert _assemble() == fx.REPORT


def test_ibid_takes_everything_from_its_root() -> None:
    essay = _assemble().documents[0]
    root, ibid = essay.notes[3], essay.notes[4]
    assert (root.note.label, ibid.note.label) == ("iv", "v")
    assert ibid.url == fx.ALJAZEERA
    assert (ibid.status, ibid.detail, ibid.http_status, ibid.final_url, ibid.archive_url) == (
        root.status, root.detail, root.http_status, root.final_url, root.archive_url
    )
    assert ibid.gate is Gate.FAIL


def test_short_note_takes_its_roots_verdict() -> None:
    essay = _assemble().documents[0]
    short = next(r for r in essay.notes if r.note.label == "xi")
    assert (short.url, short.status, short.detail) == (fx.CSIS, Verdict.DRIFTED, fx.L_CSIS.detail)


def test_notes_without_a_url() -> None:
    results = _results(_assemble())
    assert results["x"] == (None, Verdict.NO_URL, "commentary, cites no source")
    assert results["xii"] == (None, Verdict.NO_URL, "no URL in note")
    assert results["4"] == (None, Verdict.NO_URL, "no URL in note")  # unresolved short note


def test_ibid_of_a_note_without_url_has_no_url() -> None:
    book = _note("1")
    ibid = _note("2", NoteKind.IBID, resolves_to="1", points_to="1")
    report = _assemble((Document(path="d.txt", format="text", notes=(book, ibid)),), {})
    assert _results(report)["2"] == (None, Verdict.NO_URL, "no URL in note")


def test_ibid_chain_is_followed_to_a_url() -> None:
    # The parser resolves chains itself; assembly still copes with an ibid pointing at an ibid.
    root = _note("1", urls=("https://a.example/",))
    first = _note("2", NoteKind.IBID, resolves_to="1")
    second = _note("3", NoteKind.IBID, resolves_to="2")
    looped = _note("4", NoteKind.IBID, resolves_to="4")
    missing = _note("5", NoteKind.SHORT, resolves_to="99")
    links = {"https://a.example/": LinkResult("https://a.example/", Verdict.DEAD, "HTTP 410")}
    doc = Document(path="d.txt", format="text", notes=(root, first, second, looped, missing))
    results = _results(_assemble((doc,), links))
    assert results["3"] == ("https://a.example/", Verdict.DEAD, "HTTP 410")
    assert results["4"][1] is Verdict.NO_URL
    assert results["5"][1] is Verdict.NO_URL


def test_own_url_wins_for_every_kind() -> None:
    comment = _note("1", NoteKind.COMMENT, urls=("https://c.example/",))
    ibid = _note("2", NoteKind.IBID, urls=("https://i.example/",), resolves_to="1")
    links = {u: LinkResult(u, Verdict.LIVE, "HTTP 200") for u in
             ("https://c.example/", "https://i.example/")}
    doc = Document(path="d.txt", format="text", notes=(comment, ibid))
    results = _results(_assemble((doc,), links))
    assert results["1"][0] == "https://c.example/"
    assert results["2"][0] == "https://i.example/"


def test_first_url_decides_and_every_url_is_listed() -> None:
    report = _assemble()
    iii = report.documents[0].notes[2]
    assert (iii.url, iii.status) == (fx.UN_NEWS, Verdict.MOVED)
    assert [k.url for k in report.links][:3] == [fx.USIP, fx.UN_NEWS, fx.UN_PDF]


def test_url_missing_from_links_is_skipped_not_checked() -> None:
    report = _assemble()
    assert _results(report)["5"] == (fx.UNCHECKED, Verdict.SKIPPED, "not checked")
    assert report.links[-1] == LinkResult(fx.UNCHECKED, Verdict.SKIPPED, "not checked")


def test_links_are_distinct_in_order_of_first_citation() -> None:
    report = _assemble()
    urls = [k.url for k in report.links]
    assert len(urls) == len(set(urls)) == report.summary.links == 13
    assert urls.index(fx.ALJAZEERA) == 3  # cited by iv and xiii, listed once


def test_shared_dead_url_fails_every_note_citing_it() -> None:
    summary = _assemble().summary
    dead = dict(summary.counts)[Verdict.DEAD]
    assert dead == 3  # iv, its ibid v, and xiii citing the same URL
    assert summary.failed == 5 and summary.warned == 6


def test_counts_are_in_verdict_order_without_zeros() -> None:
    links = {fx.USIP: fx.L_USIP, fx.ALJAZEERA: fx.L_ALJAZEERA}
    doc = Document(path="d.txt", format="text", notes=(fx.N_IV, fx.N_I, fx.N_X))
    summary = _assemble((doc,), links).summary
    assert summary.counts == ((Verdict.LIVE, 1), (Verdict.DEAD, 1), (Verdict.NO_URL, 1))
    assert (summary.notes, summary.claims, summary.links) == (3, 4, 2)


@pytest.mark.parametrize(
    ("policy", "offline", "code"),
    [
        (Policy(), False, ExitCode.GATE_FAILED),
        (Policy(max_failures=4), False, ExitCode.GATE_FAILED),
        (Policy(max_failures=5), False, ExitCode.OK),
        (Policy(fail_on=frozenset()), False, ExitCode.OK),
        (Policy(fail_on=frozenset({Verdict.OFFLINE})), False, ExitCode.GATE_FAILED),
        (Policy(), True, ExitCode.UNCHECKED),
        (Policy(max_failures=100), True, ExitCode.UNCHECKED),
    ],
)
def test_exit_codes(policy: Policy, offline: bool, code: ExitCode) -> None:
    assert _assemble(policy=policy, offline=offline).summary.exit_code is code


def test_policy_decides_each_gate() -> None:
    policy = Policy(fail_on=frozenset({Verdict.NO_URL}), warn_on=frozenset({Verdict.LIVE}))
    report = _assemble(policy=policy)
    gates = {r.note.label: r.gate for d in report.documents for r in d.notes}
    assert gates["x"] is Gate.FAIL and gates["i"] is Gate.WARN and gates["iv"] is Gate.PASS
    assert (report.summary.failed, report.summary.warned) == (3, 2)


def test_no_documents() -> None:
    report = _assemble((), {})
    assert report.summary.counts == ()
    assert report.summary.exit_code is ExitCode.OK
    assert summary_line(report) == "no cited claims found"


# --------------------------------------------------------------------------- summary line


def _single_verdicts(*verdicts: Verdict, offline: bool = False) -> Report:
    notes = tuple(
        replace(_note(str(i), urls=(f"https://{i}.example/",)), index=i)
        for i, _ in enumerate(verdicts)
    )
    links = {
        f"https://{i}.example/": LinkResult(f"https://{i}.example/", v, v.value)
        for i, v in enumerate(verdicts)
    }
    return _assemble((Document("d.txt", "text", notes),), links, offline=offline)


def test_summary_line_of_the_fixture() -> None:
    assert summary_line(fx.REPORT) == (
        "3 of 19 claims have a live source (1 moved) · 2 drifted · 1 soft 404 · 3 dead · "
        "1 blocked · 1 error · 1 timed out · 1 invalid · 2 skipped · 1 offline · 3 without URL · "
        "3 of 7 rotten claims can be rescued from the archive"
    )


@pytest.mark.parametrize(
    ("verdicts", "offline", "line"),
    [
        ((Verdict.LIVE,), False, "1 of 1 claim has a live source"),
        ((Verdict.LIVE, Verdict.LIVE), False, "2 of 2 claims have a live source"),
        ((Verdict.DEAD,), False, "0 of 1 claim has a live source · 1 dead"),
        ((Verdict.MOVED, Verdict.MOVED, Verdict.LIVE), False,
         "3 of 3 claims have a live source (2 moved)"),
        ((Verdict.ERROR, Verdict.ERROR, Verdict.SOFT404), False,
         "0 of 3 claims have a live source · 1 soft 404 · 2 errors"),
        ((Verdict.OFFLINE, Verdict.OFFLINE), True,
         "network unavailable: 0 of 2 claims could be checked (2 offline)"),
        ((Verdict.OFFLINE, Verdict.INVALID, Verdict.SKIPPED), True,
         "network unavailable: 1 of 3 claims could be checked (1 invalid · 1 skipped · 1 offline)"),
        ((), True, "network unavailable: 0 of 0 claims could be checked"),
    ],
)
def test_summary_line(verdicts: tuple[Verdict, ...], offline: bool, line: str) -> None:
    assert summary_line(_single_verdicts(*verdicts, offline=offline)) == line


def test_verdict_phrase_plurals() -> None:
    assert verdict_phrase(Verdict.ERROR, 1) == "1 error"
    assert verdict_phrase(Verdict.ERROR, 2) == "2 errors"
    assert verdict_phrase(Verdict.NO_URL, 2) == "2 without URL"


def test_body_links_are_counted_apart_from_notes_and_checked_like_them() -> None:
    from citecheck.report._text import count_phrase
    from citecheck.report.json import report_dict

    notes = (
        _note("1", urls=(fx.USIP,)),
        _note("link-1", NoteKind.LINK, urls=(fx.CNN,)),
        _note("link-2", NoteKind.LINK, urls=(fx.UNHCR,)),
    )
    report = _assemble((Document(path="page.html", format="html", notes=notes),))
    assert (report.summary.notes, report.summary.body_links) == (1, 2)
    assert count_phrase(report.documents[0]) == "1 note · 2 body links"
    assert [r.url for r in report.documents[0].notes] == [fx.USIP, fx.CNN, fx.UNHCR]
    assert " of 3 claims " in summary_line(report)  # a body link backs a claim as a note does
    as_json = report_dict(report)
    assert as_json["summary"]["body_links"] == 2
    assert [n["kind"] for n in as_json["documents"][0]["notes"]] == ["full", "link", "link"]


def test_an_unreachable_further_url_does_not_make_a_decided_run_offline() -> None:
    # `citecheck fix` appends "Archived at https://web.archive.org/…" to a rotten note; on a run
    # where the note's own URL comes from the results cache and only that archived copy is
    # fetched (and cannot be reached), every note still has its verdict: the gate decides.
    dead, copy = "https://gone.example/report", "https://web.archive.org/web/2020/x"
    note = replace(_note("iii", urls=(dead, copy)), index=0)
    links = {
        dead: LinkResult(dead, Verdict.DEAD, "HTTP 404", http_status=404, cached=True),
        copy: LinkResult(copy, Verdict.OFFLINE, "network unavailable"),
    }
    report = _assemble((Document("d.txt", "text", (note,)),), links, offline=True)
    assert report.summary.exit_code is ExitCode.GATE_FAILED
    assert not report.offline
    assert summary_line(report) == "0 of 1 claim has a live source · 1 dead"


def test_a_bib_file_alone_counts_entries_not_claims() -> None:
    # Nothing in a .bib cites its entries: they back no claim, so none is an "uncited claim".
    notes = tuple(replace(_note(f"k{i}", urls=(f"https://{i}.example/",)), index=i)
                  for i in range(2))
    links = {f"https://{i}.example/": LinkResult(f"https://{i}.example/", v, v.value)
             for i, v in enumerate((Verdict.LIVE, Verdict.DEAD))}
    alone = _assemble((Document("refs.bib", DocumentFormat.BIBTEX, notes),), links)
    assert summary_line(alone) == "1 of 2 bibliography entries have a live source · 1 dead"
    with_text = _assemble((Document("refs.bib", DocumentFormat.BIBTEX, notes[:1]),
                           Document("a.txt", DocumentFormat.TEXT, notes[1:])), links)
    assert summary_line(with_text).startswith(
        "1 of 2 claims and bibliography entries have a live source")


def test_a_note_in_another_file_is_placed_by_its_path_from_the_document() -> None:
    from citecheck.report._text import in_file

    assert in_file("thesis/src/main.tex", "../bib/refs.bib") == "thesis/bib/refs.bib"
    assert in_file("thesis/main.tex", "chapters/one.tex") == "thesis/chapters/one.tex"
    assert in_file("main.tex", "refs.bib") == "refs.bib"
    assert in_file("main.tex", None) == "main.tex"
