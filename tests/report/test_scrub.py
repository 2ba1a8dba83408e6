"""Credentials never reach an output; every format renders unusual reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import is_dataclass, replace
from enum import Enum
from typing import get_args, get_type_hints

import pytest

from citecheck.models import Diagnostic, DiagnosticCode, History, Report, TrendPoint
from citecheck.report.github import format_annotations
from citecheck.report.json import format_json
from citecheck.report.junit import format_junit
from citecheck.report.markdown import format_markdown
from citecheck.report.sarif import format_sarif
from citecheck.report.scrub import mask_text, scrub_report
from citecheck.report.table import format_table

from . import fixtures as fx
from .samples import empty_report, offline_report, validate_json

FORMATTERS: dict[str, Callable[[Report], str]] = {
    "json": format_json,
    # Wide enough that the masked URL is not shortened in the middle (an archived verdict,
    # "dead · archived 2020-08-31", takes room from the other columns).
    "table": lambda r: format_table(r, width=160, color=False),
    "table-color": lambda r: format_table(r, width=160, color=True),
    "table-quiet": lambda r: format_table(r, width=160, color=False, quiet=True),
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
    assert "intranet" in output  # the URL is still shown, masked


@pytest.mark.parametrize("report", [offline_report(), empty_report()], ids=["offline", "empty"])
@pytest.mark.parametrize("name", sorted(FORMATTERS))
def test_every_format_renders_other_reports(name: str, report: Report) -> None:
    output = FORMATTERS[name](report)
    assert output.endswith("\n") or (name == "annotations" and output == "")
    if name == "json":
        validate_json(output)


@pytest.mark.parametrize(
    ("text", "masked"),
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
def test_mask_text(text: str, masked: str) -> None:
    assert mask_text(text) == masked


def test_scrubbing_a_clean_report_changes_nothing() -> None:
    clean = offline_report()
    assert scrub_report(empty_report()) == empty_report()
    scrubbed = scrub_report(clean)
    assert scrubbed.links != clean.links  # the fixture's one secret URL was masked...
    assert [k.url for k in scrubbed.links if "***" not in k.url] == [
        k.url for k in clean.links if "s3cret" not in k.url
    ]  # ...and nothing else


# An archive URL embeds the cited URL, query string and all; a redirect chain can pass a
# credential from hop to hop. Neither may leak through a field that masking forgot.
LEAKY_ARCHIVE = "https://web.archive.org/web/2020/https://intranet.example.org/b.pdf?token=abc123"
LEAKY_HOP = "https://reader:s3cret@intranet.example.org/moved?token=abc123"
MASKED_ARCHIVE = "https://web.archive.org/web/2020/https://intranet.example.org/b.pdf?token=***"
MASKED_HOP = "https://***@intranet.example.org/moved?token=***"


def _leaky_report() -> Report:
    """The fixture with a secret in the cited link's redirect chain and archive URL."""
    links = tuple(
        replace(k, redirects=(LEAKY_HOP,), archive_url=LEAKY_ARCHIVE) if k.url == fx.SECRET else k
        for k in fx.REPORT.links
    )
    documents = tuple(
        replace(d, notes=tuple(
            replace(n, archive_url=LEAKY_ARCHIVE) if n.url == fx.SECRET else n for n in d.notes
        ))
        for d in fx.REPORT.documents
    )
    return replace(fx.REPORT, documents=documents, links=links)


def test_redirect_chains_and_archive_urls_are_masked() -> None:
    scrubbed = scrub_report(_leaky_report())
    [link] = [k for k in scrubbed.links if k.redirects == (MASKED_HOP,)]
    assert link.archive_url == MASKED_ARCHIVE
    leaky_notes = [n for d in scrubbed.documents for n in d.notes if n.archive_url is not None
                   and "intranet" in n.archive_url]
    assert [n.archive_url for n in leaky_notes] == [MASKED_ARCHIVE]


@pytest.mark.parametrize("name", sorted(FORMATTERS))
def test_no_credentials_from_redirects_or_archive_urls_in_any_output(name: str) -> None:
    output = FORMATTERS[name](_leaky_report())
    assert "s3cret" not in output and "abc123" not in output


def test_mask_text_shows_that_something_was_there() -> None:
    masked = mask_text("https://u:pw@a.example/x?api_key=abc&page=2&sig=zz")
    assert masked == "https://***@a.example/x?api_key=***&page=2&sig=***"
    assert "pw" not in masked


def _has_secret(value: object) -> bool:
    return any(secret in repr(value) for secret in ("s3cret", "abc123", "reader:"))


def test_scrubbing_copies_only_what_it_masks() -> None:
    scrubbed = scrub_report(fx.REPORT)
    assert scrubbed is not fx.REPORT
    pairs = [(a, b) for d0, d1 in zip(fx.REPORT.documents, scrubbed.documents, strict=True)
             for a, b in zip(d0.notes, d1.notes, strict=True)]
    pairs += list(zip(fx.REPORT.links, scrubbed.links, strict=True))
    assert any(_has_secret(a) for a, _ in pairs)
    for original, masked in pairs:
        # A value with nothing to mask is shared, not copied; one with a secret is rebuilt.
        assert (masked is original) is not _has_secret(original), original
        assert not _has_secret(masked)


def test_a_report_without_credentials_is_its_own_scrubbed_form() -> None:
    clean = replace(fx.REPORT, links=tuple(k for k in fx.REPORT.links if not _has_secret(k)),
                    documents=tuple(
                        replace(d, notes=tuple(n for n in d.notes if not _has_secret(n)))
                        for d in fx.REPORT.documents))
    assert scrub_report(clean) is clean
    # A scrubbed report is clean: scrubbing it again (the next formatter) copies nothing.
    scrubbed = scrub_report(fx.REPORT)
    assert scrubbed is not fx.REPORT and scrub_report(scrubbed) is scrubbed
    assert scrub_report(fx.REPORT) == scrubbed  # no state kept from one call to the next


def test_every_string_field_is_masked_and_only_strings() -> None:
    # Fields that no formatter masked by name before (a note's file, a label, a history's
    # start) are masked too: the walk reaches every string, so a new field cannot leak.
    document = fx.REPORT.documents[0]
    first = document.notes[0]
    note = replace(first.note, file=fx.SECRET, label=f"see {fx.SECRET}",
                   points_to=fx.SECRET, resolves_to=fx.SECRET)
    history = History(failing_since=fx.SECRET, failed_checks=2, confirmations=1)
    diagnostic = Diagnostic(code=DiagnosticCode.NO_NOTES, message="m", label=fx.SECRET)
    leaky = replace(fx.REPORT, generated_at=fx.SECRET, documents=(
        replace(document, notes=(replace(first, note=note, history=history),
                                 *document.notes[1:]),
                diagnostics=(diagnostic,), trend=(TrendPoint(fx.SECRET, 1, 2, 3),)),
        *fx.REPORT.documents[1:]))
    scrubbed = scrub_report(leaky)
    assert not _has_secret(scrubbed)
    masked = scrubbed.documents[0].notes[0]
    assert masked.note.file == "https://***@intranet.example.org/briefing.pdf?token=***&page=2"
    # Enums, numbers and flags are kept as they are (a StrEnum is a str, but no free text).
    assert (masked.status, masked.gate, masked.note.kind) == (first.status, first.gate,
                                                             first.note.kind)
    assert scrubbed.summary is leaky.summary and scrubbed.policy is leaky.policy


def _leaves(hint: object) -> list[object]:
    args = [arg for arg in get_args(hint) if arg is not Ellipsis]  # tuple[X, ...]
    return [leaf for arg in args for leaf in _leaves(arg)] if args else [hint]


def test_every_field_a_report_holds_is_walked_unless_it_cannot_hold_text() -> None:
    # The walk reads from type hints which fields to visit. A field it skips must hold no text
    # at all: a new field of strings in a set or a dict would otherwise go unmasked.
    from citecheck.report.scrub import _holds_text

    seen: set[type] = set()
    todo: list[type] = [Report]
    while todo:
        kind = todo.pop()
        if kind in seen:
            continue
        seen.add(kind)
        for name, hint in get_type_hints(kind).items():
            leaves = _leaves(hint)
            todo.extend(leaf for leaf in leaves if isinstance(leaf, type) and is_dataclass(leaf))
            if not _holds_text(hint):
                assert all(
                    leaf in (int, float, bool, type(None))
                    or (isinstance(leaf, type) and issubclass(leaf, Enum))
                    for leaf in leaves
                ), f"{kind.__name__}.{name}: {hint} is not masked"
    assert {"Note", "Citation", "UrlSpan", "LinkResult", "History"} <= {k.__name__ for k in seen}
