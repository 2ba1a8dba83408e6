"""Credentials never reach an output; every format renders unusual reports."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from citecheck.models import Report
from citecheck.report.github import format_annotations
from citecheck.report.json import format_json
from citecheck.report.junit import format_junit
from citecheck.report.markdown import format_markdown
from citecheck.report.redact import redact_report, redact_text
from citecheck.report.sarif import format_sarif
from citecheck.report.table import format_table

from . import fixtures as fx
from .samples import empty_report, offline_report, validate_json

FORMATTERS: dict[str, Callable[[Report], str]] = {
    "json": format_json,
    "table": lambda r: format_table(r, color=False),
    "table-color": lambda r: format_table(r, color=True),
    "table-quiet": lambda r: format_table(r, color=False, quiet=True),
    "table-verbose": lambda r: format_table(r, color=False, verbose=True),
    "markdown": format_markdown,
    "junit": format_junit,
    "sarif": format_sarif,
    "annotations": format_annotations,
}


@pytest.mark.parametrize("name", sorted(FORMATTERS))
def test_no_credentials_in_any_output(name: str) -> None:
    output = FORMATTERS[name](fx.REPORT)
    assert "s3cret" not in output and "abc123" not in output
    assert "reader:" not in output
    assert "intranet" in output  # the URL is still shown, redacted


@pytest.mark.parametrize("report", [offline_report(), empty_report()], ids=["offline", "empty"])
@pytest.mark.parametrize("name", sorted(FORMATTERS))
def test_every_format_renders_other_reports(name: str, report: Report) -> None:
    output = FORMATTERS[name](report)
    assert output.endswith("\n") or (name == "annotations" and output == "")
    if name == "json":
        validate_json(output)


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("https://user:secret@host.example/x", "https://***@host.example/x"),
        ("see HTTP://TOKEN@github.com/o/r.git.", "see HTTP://***@github.com/o/r.git."),
        ("https://h.example/a?token=abc&page=2", "https://h.example/a?token=***&page=2"),
        ("https://h.example/a?page=2&api_key=abc#top", "https://h.example/a?page=2&api_key=***#top"),
        ("https://s3.example/o?X-Amz-Signature=ff00&X-Amz-Credential=AK%2F1",
         "https://s3.example/o?X-Amz-Signature=***&X-Amz-Credential=***"),
        ("https://h.example/cb#access_token=abc&state=1", "https://h.example/cb#access_token=***&state=1"),
        # Left alone: an @ in a path, an e-mail address, ordinary query parameters.
        ("https://medium.com/@writer/post", "https://medium.com/@writer/post"),
        ("mail me@example.org", "mail me@example.org"),
        ("https://h.example/search?q=token&page=2", "https://h.example/search?q=token&page=2"),
    ],
)
def test_redact_text(text: str, redacted: str) -> None:
    assert redact_text(text) == redacted


def test_redacting_a_clean_report_changes_nothing() -> None:
    clean = offline_report()
    assert redact_report(empty_report()) == empty_report()
    redacted = redact_report(clean)
    assert redacted.links != clean.links  # the fixture's one secret URL was redacted...
    assert [k.url for k in redacted.links if "***" not in k.url] == [
        k.url for k in clean.links if "s3cret" not in k.url
    ]  # ...and nothing else
