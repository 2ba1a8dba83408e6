"""Progress lines for CI logs, on a clock the test moves."""

from __future__ import annotations

from citecheck.models import LinkResult, Policy, Verdict
from citecheck.progress import ProgressLines


def test_a_line_every_interval_then_a_closing_line() -> None:
    now = [0.0]
    written: list[str] = []
    lines = ProgressLines(4, written.append, policy=Policy(), interval=5, clock=lambda: now[0])
    lines(LinkResult("https://a.example/", Verdict.LIVE, "HTTP 200"))
    now[0] = 4.9
    lines(LinkResult("https://b.example/", Verdict.DEAD, "HTTP 404"))
    assert written == []  # nothing before the interval has passed
    now[0] = 5.0
    lines(LinkResult("https://c.example/", Verdict.BLOCKED, "HTTP 403"))
    assert written == ["citecheck: checked 3/4 sources · 1 failing so far"]
    now[0] = 6.0
    lines(LinkResult("https://d.example/", Verdict.SOFT404, "soft 404"))
    assert len(written) == 1
    lines.close()
    assert written[-1] == "citecheck: checked 4/4 sources · 2 failing"


def test_a_quick_run_writes_nothing() -> None:
    written: list[str] = []
    lines = ProgressLines(1, written.append, policy=Policy(), clock=lambda: 0.0)
    lines(LinkResult("https://a.example/", Verdict.DEAD, "HTTP 404"))
    lines.close()
    assert written == []
