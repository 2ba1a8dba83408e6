"""Linter-style lines: one per note, the URL never truncated, the cause said once."""

from __future__ import annotations

import re

from citecheck.report.lines import format_lines

from . import fixtures as fx
from .expected import assert_expected
from .samples import offline_report

LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<verdict>\w+) +(?P<url>\S+)")


def test_lines_match_frozen_file() -> None:
    assert_expected("lines.txt", format_lines(fx.REPORT))


def test_one_line_per_note_with_every_url_whole() -> None:
    text = format_lines(fx.REPORT)
    rows = [m for m in map(LINE.match, text.splitlines()) if m and "(note " in m.string]
    assert len(rows) == fx.REPORT.summary.notes
    urls = {m.group("url") for m in rows} - {"(no"}
    cited = {n.url for d in fx.REPORT.documents for n in d.notes if n.url}
    # Credentials are masked, nothing else is changed or cut.
    assert {u for u in urls if "***" not in u} == {u for u in cited if "@" not in u}
    assert all("…" not in m.group("url") for m in rows)


def test_quiet_lines_keep_only_problems_and_the_summary() -> None:
    text = format_lines(fx.REPORT, quiet=True)
    verdicts = {m.group("verdict") for m in map(LINE.match, text.splitlines())
                if m and "(note " in m.string}
    assert "live" not in verdicts and "no_url" not in verdicts and "dead" in verdicts
    assert text.splitlines()[-1].startswith("✗ gate failed")


def test_offline_cause_comes_first_and_once() -> None:
    text = format_lines(offline_report())
    assert text.splitlines()[0] == "citecheck: network unreachable, so no source could be checked"
    assert text.count("network unreachable") == 1


def test_verbose_lines_say_how_each_url_was_fetched() -> None:
    # -v promises "redirect chains, attempts and timings"; CI logs and pipes get lines, not the
    # table, so the lines carry them too: one per distinct URL, whole, after the notes.
    plain = format_lines(fx.REPORT)
    text = format_lines(fx.REPORT, verbose=True)
    links = [line for line in text.splitlines() if line.startswith("citecheck: link ")]
    assert "citecheck: link " not in plain
    assert len(links) == len(fx.REPORT.links)
    assert ("citecheck: link https://news.un.org/en/story/2015/05/498902#.VYXO2flVhBd — moved, "
            "HTTP 200, 1 try, 1288 ms, redirects → https://news.un.org/en/story/2015/05/498902 → "
            + fx.UN_NEWS_FINAL) in links
    assert not any("s3cret" in line or "abc123" in line for line in links)
    assert text.splitlines()[-1].startswith("✗ gate failed")


def test_an_unconfirmed_failure_says_so_on_its_line() -> None:
    # With --confirm N a dead line followed by "✓ gate passed" read as a contradiction: the line
    # says why this failure only warns, as the table's "dead · unconfirmed" does.
    from dataclasses import replace

    from citecheck.models import Gate, Verdict

    document = fx.REPORT.documents[0]
    notes = tuple(replace(r, gate=Gate.WARN, unconfirmed=True) if r.status is Verdict.DEAD
                  else r for r in document.notes)
    report = replace(fx.REPORT, documents=(replace(document, notes=notes),
                                           *fx.REPORT.documents[1:]))
    dead = [line for line in format_lines(report).splitlines() if ": dead " in line]
    assert dead and all("(unconfirmed)" in line for line in dead)
    assert "(unconfirmed)" not in format_lines(fx.REPORT)
