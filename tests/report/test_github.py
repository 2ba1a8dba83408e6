"""GitHub Actions workflow-command annotations."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from citecheck.models import Claim, Document, Note, NoteKind, Verdict
from citecheck.report.assemble import assemble
from citecheck.report.github import escape_data, escape_property, format_annotations

from . import fixtures as fx
from .expected import assert_expected


def test_annotations_one_line_per_failed_or_warned_note() -> None:
    lines = format_annotations(fx.REPORT).splitlines()
    assert len(lines) == 11
    assert sum(line.startswith("::error ") for line in lines) == 5
    assert all(re.match(r"^::(error|warning) file=[^:]*,line=\d+,col=\d+,title=[^:,]*::", line)
               for line in lines)


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("50% done", "50%25 done", "50%25 done"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("k: v, w", "k: v, w", "k%3A v%2C w"),
        ("%0A", "%250A", "%250A"),
    ],
)
def test_github_escaping(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_annotation_cannot_be_split_by_a_claim() -> None:
    evil = Note(label="1", index=0, line=3, kind=NoteKind.FULL, text="x",
                urls=(fx.ALJAZEERA,),
                claims=(Claim(line=3, text="ok\n::error file=x::injected"),))
    report = assemble([Document("a,b:c.md", "markdown", (evil,))], fx.LINKS, policy=fx.POLICY,
                      offline=False, version="0", generated_at=fx.GENERATED_AT)
    output = format_annotations(report)
    assert output.count("\n") == 1
    assert output.startswith("::error file=a%2Cb%3Ac.md,line=3,col=1,title=citecheck dead::")


def test_annotations_matches_frozen_file() -> None:
    assert_expected("annotations.txt", format_annotations(fx.REPORT))


def test_a_failing_note_without_url_does_not_say_none() -> None:
    policy = replace(fx.POLICY, fail_on=fx.POLICY.fail_on | {Verdict.NO_URL})
    report = assemble(fx.DOCUMENTS, fx.LINKS, policy=policy, offline=False, version="0",
                      generated_at=fx.GENERATED_AT)
    lines = [line for line in format_annotations(report).splitlines() if "no_url" in line]
    assert lines and all("None" not in line for line in lines)


def test_annotation_files_are_paths_from_the_repository_root() -> None:
    # citecheck run from /repo/docs on "essays/mali.txt": the runner looks from /repo.
    lines = format_annotations(fx.REPORT, root="/repo", cwd="/repo/docs").splitlines()
    files = {re.search(r"file=([^,]*),", line).group(1) for line in lines}  # type: ignore[union-attr]
    assert files == {"docs/essays/mali.txt", "docs/reports/sahel%2C part 2.md"}
    outside = format_annotations(fx.REPORT, root="/repo", cwd="/elsewhere").splitlines()
    assert all("file=/elsewhere/" in line for line in outside)
