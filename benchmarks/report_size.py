"""How long the human-facing reports take to draw for a large document (issue #13/#16).

Builds a Markdown document with N footnotes (default 2,000), parses it, gives its URLs mixed
verdicts (mostly live, some dead, blocked, timed out) without any network, and times
``format_table`` (compact and ``--all``) and ``format_lines``. Also writes the document, so the
CLI can be timed offline: ``python benchmarks/report_size.py --write /tmp/big.md``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from citecheck.models import LinkResult, Policy, Report, Verdict
from citecheck.parse import parse_document
from citecheck.report.assemble import assemble

_MIX = (
    (Verdict.DEAD, "HTTP 404", 404), (Verdict.BLOCKED, "HTTP 403", 403),
    (Verdict.TIMEOUT, "no answer within 20 s", None),
)


def document(notes: int) -> str:
    """A Markdown document with ``notes`` claims, each backed by its own footnote and URL."""
    body = [f"Claim number {i} says something about the world in a long sentence.[^{i}]"
            for i in range(1, notes + 1)]
    refs = [f'[^{i}]: Author {i}, "A Title About Topic {i}," Publisher, 2020, '
            f"https://site{i % 97}.example.org/section/{i}/a-long-article-slug-number-{i}"
            for i in range(1, notes + 1)]
    return "# Big\n\n" + "\n\n".join(body) + "\n\n" + "\n\n".join(refs) + "\n"


def report(notes: int) -> Report:
    """The parsed document with mixed verdicts: every 10th URL fails one way or another."""
    parsed = parse_document(document(notes), "big.md")
    links: dict[str, LinkResult] = {}
    for i, note in enumerate(parsed.notes):
        for url in note.urls:
            verdict, detail, status = (Verdict.LIVE, "HTTP 200", 200)
            if i % 10 == 0:
                verdict, detail, status = _MIX[(i // 10) % len(_MIX)]
            links[url] = LinkResult(url=url, status=verdict, detail=detail, http_status=status)
    return assemble([parsed], links, policy=Policy(), offline=False, version="bench",
                    generated_at="2026-01-01T00:00:00Z")


def _time(label: str, action: Callable[[], str], repeat: int) -> None:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        text = action()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<32} {best * 1000:8.0f} ms  {text.count(chr(10)):6d} lines")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write", metavar="PATH", help="write the document here and stop")
    args = parser.parse_args()
    if args.write:
        with open(args.write, "w", encoding="utf-8") as handle:
            handle.write(document(args.notes))
        return
    big = report(args.notes)
    from citecheck.report import table

    for width in (80, 120, 200):
        _time(f"table width {width}", lambda w=width: table.format_table(big, width=w),
              args.repeat)
    if "show_all" in table.format_table.__code__.co_varnames:
        _time("table --all width 120",
              lambda: table.format_table(big, width=120, show_all=True), args.repeat)
    try:
        from citecheck.report.html import format_html
        from citecheck.report.lines import format_lines
    except ImportError:
        return
    _time("lines", lambda: format_lines(big), args.repeat)
    _time("html", lambda: format_html(big), args.repeat)


if __name__ == "__main__":
    main()
