"""The HTML report: self-contained, escaped, accessible, and working in a real browser.

The browser tests drive Debian's ``chromium`` through Playwright (``executable_path``, never a
downloaded browser). ``.ci/run`` installs chromium when it is missing, so in CI they run; they
are skipped only where chromium cannot be found and cannot be installed (not root).
"""

from __future__ import annotations

import itertools
import math
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from citecheck.models import Claim, Document, LinkResult, Report, TrendPoint, Verdict
from citecheck.report.assemble import assemble
from citecheck.report.html import _CSS, format_html
from citecheck.report.verdicts import VERDICTS

from . import fixtures as fx
from .samples import offline_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run"]


class _Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(text: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(text)
    return parser.tags


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# ------------------------------------------------------------------------------- no browser


def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour, to measure how far apart two colours look."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    xyz = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
           0.2126 * r + 0.7152 * g + 0.0722 * b,
           (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)
    fx, fy, fz = (t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116 for t in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def test_every_verdict_has_colours_that_contrast_with_the_page_and_its_badge() -> None:
    page = re.search(r"--bg: (#[0-9a-fA-F]{6})", _CSS)
    assert page is not None
    for verdict, row in VERDICTS.items():
        assert contrast(row.colour, row.tint) >= 4.5, verdict  # WCAG AA: badge text
        assert contrast(row.colour, page.group(1)) >= 4.5, verdict  # bars, lines, legends


def test_no_two_verdicts_share_a_colour_family() -> None:
    # Soft 404, dead and error were all dark red; blocked and timeout both brown. A CIE76
    # distance of 20 is plainly a different colour side by side.
    for a, b in itertools.combinations(Verdict, 2):
        distance = math.dist(_lab(VERDICTS[a].colour), _lab(VERDICTS[b].colour))
        assert distance >= 20, (a, b, round(distance, 1))


def test_the_html_draws_verdicts_in_their_table_colours() -> None:
    page = format_html(fx.REPORT)
    dead = VERDICTS[Verdict.DEAD]
    assert f"color:{dead.colour};background:{dead.tint}" in page


def test_page_is_self_contained() -> None:
    page = format_html(fx.REPORT)
    for tag, attrs in tags(page):
        assert tag not in ("link", "img", "iframe", "object", "embed"), tag
        if tag == "script":
            assert "src" not in attrs
    assert not re.search(r"""(src|url)\s*[=(]\s*["']?https?:""", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_every_note_is_in_the_html_without_javascript() -> None:
    page = format_html(fx.REPORT)
    rows = [attrs for tag, attrs in tags(page) if tag == "tr" and "data-verdict" in attrs]
    assert len(rows) == fx.REPORT.summary.notes
    assert {r["data-verdict"] for r in rows} == {
        n.status.value for d in fx.REPORT.documents for n in d.notes}
    # Note text, URL and the archived copy are all there.
    assert "Stepansky, Joseph" in page
    assert 'href="https://web.archive.org/web/20200831000000/' in page
    assert '<form id="filters" hidden' in page  # filters appear only when the script runs


def test_hostile_text_is_escaped_and_only_http_urls_are_links() -> None:
    hostile = "<script>alert(1)</script>"
    url = "javascript:alert(1)"
    doc = Document(path="<b>x</b>.md", format="markdown", notes=(
        replace(fx.N_I, urls=(url,), text=hostile, claims=(Claim(line=1, text=hostile),)),
    ))
    report = assemble([doc], {url: LinkResult(url, Verdict.INVALID, "malformed URL")},
                      policy=fx.POLICY, offline=False, version="0",
                      generated_at=fx.GENERATED_AT)
    page = format_html(report)
    assert hostile not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>x</b>" not in page
    assert not [a for t, a in tags(page) if t == "a" and (a.get("href") or "").startswith("java")]


def test_history_chart_is_a_labelled_placeholder_without_history() -> None:
    page = format_html(fx.REPORT)
    assert "Rot over time" in page and "No history in this report" in page


def test_offline_cause_is_said_once() -> None:
    page = format_html(offline_report())
    assert page.count("network unreachable") == 1


# --------------------------------------------------------------------------------- browser


def _browser_available() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if CHROMIUM is None:
        return ("chromium is not installed and this user cannot install it (.ci/run runs "
                "'apt-get install -y chromium' as root)")
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _browser_available()
    if reason is not None:
        if CHROMIUM is None and os.geteuid() == 0:
            # Root can install it, as .ci/run does: a missing browser is a broken setup here.
            pytest.fail("chromium is missing: run .ci/run or 'apt-get install -y chromium'")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(format_html(fx.REPORT), encoding="utf-8")
    return path


def _open(browser: Any, path: Path, width: int = 1280, javascript: bool = True) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  java_script_enabled=javascript)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"{m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("request", lambda r: problems.append(f"request: {r.url}")
            if not r.url.startswith("file:") else None)
    page.goto(path.as_uri())
    page.problems = problems
    return page


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def _visible_verdicts(page: Any) -> list[str]:
    return list(page.eval_on_selector_all(
        "tr[data-verdict]", "rows => rows.filter(r => !r.hidden && r.offsetParent !== null)"
        ".map(r => r.dataset.verdict)"))


def test_page_loads_without_console_errors_or_requests(browser: Any, report_file: Path) -> None:
    page = _open(browser, report_file)
    assert page.title() == "citecheck report"
    assert page.problems == []
    assert len(_visible_verdicts(page)) == 19
    assert page.locator("#filter-status").inner_text() == "Showing 19 of 19 notes."
    page.context.close()


def test_verdict_filter_hides_rows(browser: Any, report_file: Path) -> None:
    page = _open(browser, report_file)
    page.locator("input[name=verdict][value=live]").click()
    page.locator("input[name=verdict][value=no_url]").click()
    shown = _visible_verdicts(page)
    assert "live" not in shown and "no_url" not in shown and len(shown) == 19 - 2 - 3
    assert page.locator("#filter-status").inner_text() == "Showing 14 of 19 notes."
    page.get_by_role("button", name="Show all").click()
    expect(page.locator("tr[data-verdict][hidden]")).to_have_count(0)
    assert page.problems == []
    page.context.close()


def test_host_filter_keeps_one_host(browser: Any, report_file: Path) -> None:
    page = _open(browser, report_file)
    page.select_option("#host-filter", "www.aljazeera.com")
    assert _visible_verdicts(page) == ["dead", "dead", "dead"]
    # A document with no matching note says so instead of showing an empty table.
    assert page.locator("section.document .none-shown:visible").count() == 1
    page.context.close()


def test_keyboard_reaches_the_filters(browser: Any, report_file: Path) -> None:
    page = _open(browser, report_file)
    reached = []
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(
            "(() => { const e = document.activeElement;"
            " return (e.closest('#filters') ? 'filters:' : '') + e.tagName + ':' +"
            " (e.getAttribute('value') || e.id || e.textContent.trim()); })()"))
    assert reached[0] == "A:Skip to the notes"  # the first Tab offers to skip to the notes
    live = reached.index("filters:INPUT:live")
    assert "filters:SELECT:host-filter" in reached[live:]
    # Space toggles the focused checkbox, as a mouse click would.
    page.locator("input[name=verdict][value=live]").focus()
    page.keyboard.press("Space")
    assert "live" not in _visible_verdicts(page)
    page.context.close()


def test_readable_without_javascript(browser: Any, report_file: Path) -> None:
    page = _open(browser, report_file, javascript=False)
    assert len(_visible_verdicts(page)) == 19
    assert not page.locator("#filters").is_visible()  # controls that would do nothing
    assert page.locator("svg.chart").count() == 2
    page.context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_layout_boxes(browser: Any, report_file: Path, width: int, tmp_path: Path) -> None:
    """A screenshot test by element boxes: nothing overflows the viewport sideways, the charts
    sit side by side on a desktop and stack on a phone, every table fills its section."""
    page = _open(browser, report_file, width=width)
    page.screenshot(path=str(tmp_path / f"report-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    figures = [page.locator("figure").nth(i).bounding_box() for i in range(3)]
    if width >= 1000:
        assert figures[0]["y"] == figures[1]["y"] == figures[2]["y"]
        assert figures[0]["x"] < figures[1]["x"] < figures[2]["x"]
    else:
        assert figures[0]["y"] < figures[1]["y"] < figures[2]["y"]
    for i in range(page.locator("section.document").count()):
        section = page.locator("section.document").nth(i).bounding_box()
        table = page.locator("section.document table").nth(i).bounding_box()
        assert table["width"] <= section["width"] + 1
    first, second = (page.locator("tr[data-verdict]").nth(i).bounding_box() for i in (0, 1))
    if width >= 1000:  # rows of a table: side by side columns, one row under the other
        assert page.locator("thead").first.is_visible()
    else:  # cards: the column headings are hidden and each field says what it is
        assert not page.locator("thead").first.is_visible()
        assert first["width"] <= width and second["y"] > first["y"] + first["height"] - 1
    badge = page.locator("tr[data-verdict=dead] .badge").first.bounding_box()
    assert badge["height"] < 40  # one line: the badge never wraps
    page.context.close()


def _with_trend() -> Report:
    points = (TrendPoint("2026-11-02T00:00:00Z", 0, 3, 0),
              TrendPoint("2026-11-04T00:00:00Z", 2, 1, 0))
    first, *rest = fx.REPORT.documents
    return replace(fx.REPORT, documents=(replace(first, trend=points), *rest))


def test_history_chart_draws_each_documents_trend() -> None:
    page = format_html(_with_trend())
    assert "No history in this report" not in page
    assert page.count('<svg role="img" class="chart trend" data-points="2"') == 1
    assert 'data-at="2026-11-04T00:00:00Z" data-rotten="2" data-ok="1"' in page


def test_history_chart_is_drawn_in_the_browser(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "trend.html"
    path.write_text(format_html(_with_trend()), encoding="utf-8")
    page = _open(browser, path)
    chart = page.locator("svg.trend")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 40
    dots = [page.locator("svg.trend circle.run").nth(i).bounding_box() for i in range(2)]
    assert all(d is not None for d in dots)
    assert dots[0]["x"] < dots[1]["x"] and dots[0]["y"] > dots[1]["y"]  # type: ignore[index]
    assert page.problems == []
    page.context.close()
