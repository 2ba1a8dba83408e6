"""URL collection and --include/--exclude rules (pure)."""

from __future__ import annotations

import re

from citecheck.collect.targets import collect_targets, skip_reason, split_targets
from citecheck.models import Citation, Document, Note, NoteKind, Verdict


def _note(label: str, kind: NoteKind, urls: tuple[str, ...], title: str | None) -> Note:
    return Note(label=label, index=0, line=1, kind=kind, text="", urls=urls,
                citation=Citation(title=title))


def test_collect_targets_dedupes_and_keeps_first_cited_title() -> None:
    doc_a = Document("a.txt", "text", notes=(
        _note("1", NoteKind.FULL, ("https://a.example/x",), None),
        _note("2", NoteKind.FULL, ("https://a.example/x", "https://b.example/y"), "Title A"),
        _note("3", NoteKind.IBID, (), None),
    ))
    doc_b = Document("b.txt", "text", notes=(
        _note("1", NoteKind.FULL, ("https://b.example/y",), "Other title"),
    ))
    assert collect_targets([doc_a, doc_b]) == {
        "https://a.example/x": "Title A",
        "https://b.example/y": "Title A",
    }


def test_include_wins_over_exclude_and_limits_the_run() -> None:
    include = [re.compile(r"example\.org")]
    exclude = [re.compile(r"example")]
    assert skip_reason("https://example.org/a", include, exclude) is None
    reason = skip_reason("https://example.com/a", include, exclude)
    assert reason == r"not matched by --include 'example\.org'"


def test_exclude_names_the_rule_that_matched() -> None:
    exclude = [re.compile(r"^https://twitter\.com/"), re.compile(r"linkedin")]
    assert skip_reason("https://www.linkedin.com/in/x", [], exclude) == (
        "excluded by --exclude 'linkedin'"
    )
    assert skip_reason("https://example.org", [], exclude) is None


def test_split_targets_turns_skips_into_results() -> None:
    to_check, skipped = split_targets(
        {"https://a.example/": "A", "https://skip.example/": None}, [], [re.compile("skip")]
    )
    assert to_check == {"https://a.example/": "A"}
    result = skipped["https://skip.example/"]
    assert result.status is Verdict.SKIPPED
    assert "skip" in result.detail


def test_a_short_form_that_writes_an_address_again_has_it_checked() -> None:
    # "Trudeau II Report at para. 5. <https://…/summary>": the short form's own address is
    # checked; one with none stands on its root's.
    doc = Document("a.md", "markdown", notes=(
        _note("1", NoteKind.FULL, ("https://a.example/report.pdf",), "Report"),
        _note("2", NoteKind.SHORT, ("https://a.example/summary",), "Report"),
        _note("3", NoteKind.SHORT, (), "Report"),
    ))
    assert collect_targets([doc]) == {
        "https://a.example/report.pdf": "Report",
        "https://a.example/summary": "Report",
    }
