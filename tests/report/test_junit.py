"""JUnit XML, parsed back with xml.etree."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from junitparser import Failure, JUnitXml  # type: ignore[import-not-found,unused-ignore]

from citecheck.models import Claim, Document, Gate, Report, Verdict
from citecheck.report.assemble import assemble
from citecheck.report.junit import format_junit

from . import fixtures as fx
from .expected import assert_expected
from .samples import empty_report, offline_report


def test_junit_parses_with_consistent_counts() -> None:
    root = ET.fromstring(format_junit(fx.REPORT))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [fx.ESSAY, fx.BRIEF]
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests", "")) == len(cases)
        assert int(suite.get("failures", "")) == sum(c.find("failure") is not None for c in cases)
        assert int(suite.get("skipped", "")) == sum(c.find("skipped") is not None for c in cases)
        assert int(suite.get("errors", "")) == 0
        assert float(suite.get("time", "")) == pytest.approx(
            sum(float(c.get("time", "")) for c in cases)
        )
    essay, brief = suites
    assert (essay.get("tests"), essay.get("failures"), essay.get("skipped")) == ("12", "4", "0")
    assert (brief.get("tests"), brief.get("failures"), brief.get("skipped")) == ("4", "1", "3")
    assert int(root.get("tests", "")) == 16 and int(root.get("failures", "")) == 5
    failure = essay.findall("testcase")[4].find("failure")
    assert failure is not None and failure.get("type") == "dead"
    # The shared URL was fetched once: only its first own citation carries the time.
    times = [c.get("time") for c in essay.findall("testcase") if fx.ALJAZEERA in c.get("name", "")]
    assert times == ["0.233", "0.000", "0.000"]


def test_junit_survives_control_characters() -> None:
    bad = replace(fx.N_I, claims=(Claim(line=1, text="bell\x07 and nul\x00"),))
    doc = Document(path="x.txt", format="text", notes=(bad,))
    report = assemble([doc], fx.LINKS, policy=fx.POLICY, offline=False, version="0",
                      generated_at=fx.GENERATED_AT)
    report = replace(report, policy=replace(fx.POLICY, fail_on=frozenset({Verdict.LIVE})))
    failing = replace(report.documents[0].notes[0], gate=Gate.FAIL)
    report = replace(report, documents=(replace(report.documents[0], notes=(failing,)),))
    text = ET.fromstring(format_junit(report)).findtext("testsuite/testcase/failure")
    assert text is not None and "bell\ufffd and nul\ufffd" in text


def test_junit_matches_frozen_file() -> None:
    assert_expected("junit.xml", format_junit(fx.REPORT))


# ------------------------------------------------------------ read back as CI systems read it


def _no_url_fails() -> Report:
    policy = replace(fx.POLICY, fail_on=fx.POLICY.fail_on | {Verdict.NO_URL})
    return assemble(fx.DOCUMENTS, fx.LINKS, policy=policy, offline=False, version="0",
                    generated_at=fx.GENERATED_AT)


@pytest.mark.parametrize("report", [fx.REPORT, _no_url_fails(), offline_report(), empty_report()],
                         ids=["fixture", "no_url-fails", "offline", "empty"])
def test_junitparser_sees_every_gated_note(report: Report, tmp_path: Path) -> None:
    # junitparser reads JUnit as GitLab and Jenkins do: one failed case per note that failed the
    # gate, one skipped case per unchecked note; counts, times and attributes agree.
    path = tmp_path / "junit.xml"
    path.write_text(format_junit(report), encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    failed = skipped = 0
    for suite, document in zip(xml, report.documents, strict=True):
        assert suite.name == document.path
        cases = list(suite)
        assert suite.tests == len(cases)
        assert suite.failures == sum(any(isinstance(r, Failure) for r in c.result) for c in cases)
        assert suite.skipped == sum(c.is_skipped for c in cases)
        for case in cases:
            assert case.classname == document.path and case.name
            assert case._elem.get("file") == document.path
            assert isinstance(case.time, float) and case.time >= 0
            for outcome in case.result:
                assert outcome.message and "None" not in outcome.message
                if isinstance(outcome, Failure):
                    assert outcome.type in {v.value for v in Verdict}
                    assert "None" not in (outcome.text or "")
        failed += suite.failures
        skipped += suite.skipped
    assert failed == report.summary.failed
    assert xml.failures == failed and xml.skipped == skipped


def test_case_files_are_paths_from_the_repository_root() -> None:
    tree = ET.fromstring(format_junit(fx.REPORT, root="/repo", cwd="/repo/docs"))
    files = {case.get("file") for case in tree.iter("testcase")}
    assert files == {"docs/essays/mali.txt", "docs/reports/sahel, part 2.md"}
    suites = {suite.get("name") for suite in tree.iter("testsuite")}
    assert suites == {fx.ESSAY, fx.BRIEF}  # names stay as the user gave the paths
