"""The HTML report: one self-contained file a writer opens in a browser.

Everything is inline (CSS, a few lines of JavaScript, SVG charts): the page makes no request,
so it opens from a CI artifact, an e-mail or a laptop without a network. All content is in the
HTML, readable without JavaScript; the script only filters rows (by verdict and by host) and
announces how many remain. Every string from a document or a server is escaped, and only
http(s) URLs become links.

Layout: the verdict and the gate first, then the charts (verdicts per document, failures per
host, and rot over time once the report carries history), then each document's notes: the
verdict in colour and in words, the claim, the note's text, the URL, the archived copy and the
reason.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from citecheck.models import (
    Claim,
    DocumentResult,
    Gate,
    Note,
    NoteResult,
    Report,
    TrendPoint,
    Verdict,
)
from citecheck.report._layout import row_reason, run_wide_cause
from citecheck.report._text import gate_status
from citecheck.report.assemble import summary_line
from citecheck.report.scrub import scrub_report
from citecheck.report.verdicts import GATES, VERDICTS

#: The rot-over-time chart's two series: notes on rotten sources, notes on live or moved ones.
_ROTTEN = VERDICTS[Verdict.DEAD].colour
_OK = VERDICTS[Verdict.LIVE].colour

_CSS = """
:root { color-scheme: light; --fg: #1b1f24; --muted: #4d5560; --line: #d5d9de; --bg: #ffffff;
  --focus: #0b57d0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: var(--bg); line-height: 1.45; }
main { max-width: 1200px; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; overflow-wrap: anywhere; }
h3 { font-size: 1rem; margin: 0 0 .5rem; }
a { color: #0b57d0; }
a:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible,
button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
.skip:focus { left: .5rem; }
.summary { font-size: 1.05rem; font-weight: 600; }
.gate-fail { color: #8f0a0a; } .gate-pass { color: #0b6b2e; }
.cause { border-left: 4px solid #7a4a00; background: #fcefd2; padding: .5rem .75rem; }
.meta, .muted { color: var(--muted); font-size: .9rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
  gap: 1rem; margin: 1rem 0; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: .75rem; }
figcaption { font-weight: 600; margin-bottom: .5rem; }
svg text { font: 12px system-ui, sans-serif; fill: var(--fg); }
svg.chart { max-width: 100%; height: auto; display: block; }
col.c-note { width: 5.5rem; } col.c-verdict { width: 7.5rem; } col.c-gate { width: 2rem; }
col.c-url, col.c-archive { width: 17%; }
.placeholder { color: var(--muted); font-style: italic; }
#filters { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem;
  margin: 1rem 0; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; }
#filters fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap;
  gap: .25rem .75rem; align-items: center; }
#filters legend { font-weight: 600; float: left; margin-right: .5rem; }
#filters label { white-space: nowrap; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem;
  border-bottom: 1px solid var(--line); }
th { background: #f4f6f8; position: sticky; top: 0; }
td.reason, td.claim { overflow-wrap: anywhere; }
td.url { word-break: break-all; }
td.note { white-space: nowrap; font-weight: 600; }
.badge { display: inline-block; padding: .05rem .45rem; border-radius: 999px;
  font-weight: 600; font-size: .85rem; white-space: nowrap; border: 1px solid currentColor; }
.mark { font-weight: 700; }
.gate-word { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
details summary { cursor: pointer; color: var(--muted); }
tr[hidden], #filters[hidden], .none-shown[hidden] { display: none; }
@media (max-width: 700px) {
  /* A phone: each note becomes a card of labelled fields instead of an 8-column row. */
  table, tbody, tr, td { display: block; width: 100%; }
  thead, colgroup { display: none; }
  tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 .75rem; padding: .25rem 0; }
  td { border: 0; padding: .2rem .6rem; }
  td[data-label]::before { content: attr(data-label) ": "; font-weight: 600;
    color: var(--muted); }
  td.empty { display: none; }
  .gate-word { position: static; width: auto; height: auto; clip: auto; font-weight: 600; }
}
.diagnostics { color: var(--muted); font-size: .9rem; }
"""

# Filters only: without JavaScript the form stays hidden and every row shows.
_SCRIPT = """
(function () {
  var form = document.getElementById('filters');
  if (!form) { return; }
  form.hidden = false;
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-verdict]'));
  var status = document.getElementById('filter-status');
  function apply() {
    var verdicts = {};
    form.querySelectorAll('input[name=verdict]').forEach(function (box) {
      verdicts[box.value] = box.checked;
    });
    var host = form.querySelector('#host-filter').value;
    var shown = 0;
    rows.forEach(function (row) {
      var visible = verdicts[row.dataset.verdict] !== false &&
        (host === '' || row.dataset.host === host);
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    document.querySelectorAll('section.document').forEach(function (section) {
      var any = section.querySelector('tr[data-verdict]:not([hidden])');
      section.querySelector('.none-shown').hidden = Boolean(any) ||
        !section.querySelector('tr[data-verdict]');
    });
    status.textContent = 'Showing ' + shown + ' of ' + rows.length + ' notes.';
  }
  form.addEventListener('change', apply);
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  apply();
})();
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def host_of(url: str | None) -> str:
    """The host a URL points at ("" when it has none)."""
    if not url:
        return ""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _link(url: str | None) -> str:
    if not url:
        return '<span class="muted">—</span>'
    if urlsplit(url).scheme.lower() in ("http", "https"):
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(url)}</a>'
    return _e(url)  # javascript:, data: and the like are shown, never linked


def _badge(verdict: Verdict) -> str:
    fg, bg = VERDICTS[verdict].colour, VERDICTS[verdict].tint
    return (f'<span class="badge" style="color:{fg};background:{bg}">'
            f"{_e(VERDICTS[verdict].singular)}</span>")


def _at(where: Note | Claim) -> str:
    """"line 12", or "refs.bib line 12" for a line of another file than the document."""
    return f"{where.file} line {where.line}" if where.file else f"line {where.line}"


def _claims(result: NoteResult) -> str:
    claims = result.note.claims
    if not claims:
        return '<span class="muted">not cited in the text</span>'
    first = f"{_e(claims[0].text)} <span class=\"muted\">({_e(_at(claims[0]))})</span>"
    if len(claims) == 1:
        return first
    rest = "".join(f"<li>{_e(c.text)} <span class=\"muted\">({_e(_at(c))})</span></li>"
                   for c in claims[1:])
    return f"{first}<details><summary>{len(claims) - 1} more</summary><ul>{rest}</ul></details>"


def _row(result: NoteResult, report: Report) -> str:
    gate = GATES[result.gate]
    note = result.note
    words = {Gate.FAIL: "fails the gate", Gate.WARN: "warns"}.get(result.gate, "")
    # The mark alone on a wide table; spelt out where the rows become cards.
    mark = (f'<span class="mark" title="{words}">{_e(gate.mark)}</span>'
            f'<span class="gate-word"> {words}</span>' if gate.mark else "")
    archived = _link(result.archive_url) if result.archive_url else \
        '<span class="muted">—</span>'
    return (
        f'<tr data-verdict="{_e(result.status.value)}" data-host="{_e(host_of(result.url))}" '
        f'data-gate="{_e(result.gate.value)}">'
        f"<td{'' if mark else ' class=empty'}>{mark}</td>"
        f'<td class="note" data-label="note">{_e(note.label)}'
        f'<div class="muted">{_e(_at(note))}</div></td>'
        f'<td data-label="verdict">{_badge(result.status)}</td>'
        f'<td class="claim" data-label="claim">{_claims(result)}</td>'
        f'<td class="claim" data-label="note text">{_e(note.text)}</td>'
        f'<td class="url" data-label="URL">{_link(result.url)}</td>'
        f'<td class="url" data-label="archived copy">{archived}</td>'
        f'<td class="reason" data-label="reason">{_e(row_reason(result, report)) or "—"}</td>'
        "</tr>"
    )


def _document(document: DocumentResult, report: Report, number: int) -> str:
    counts = Counter(r.status for r in document.notes)
    words = " · ".join(VERDICTS[v].phrase(n) for v in Verdict if (n := counts.get(v, 0)))
    parts = [
        f'<section class="document" aria-labelledby="doc-{number}">',
        f'<h2 id="doc-{number}">{_e(document.path)}</h2>',
        f'<p class="meta">{_e(document.format)} · {len(document.notes)} notes'
        f"{' · ' + _e(words) if words else ''}</p>",
    ]
    if document.notes:
        parts.append(
            '<table><colgroup><col class="c-gate"><col class="c-note"><col class="c-verdict">'
            '<col><col><col class="c-url"><col class="c-archive"><col></colgroup><thead><tr>'
            '<th scope="col">gate</th>'
            '<th scope="col">note</th><th scope="col">verdict</th>'
            '<th scope="col">claim</th><th scope="col">note text</th>'
            '<th scope="col">URL</th><th scope="col">archived copy</th>'
            '<th scope="col">reason</th></tr></thead><tbody>'
        )
        parts.extend(_row(r, report) for r in document.notes)
        parts.append("</tbody></table>")
        parts.append('<p class="none-shown muted" hidden>No note of this document matches '
                     "the filters.</p>")
    else:
        parts.append('<p class="muted">No notes found.</p>')
    if document.diagnostics:
        items = "".join(
            f"<li>{_e(d.severity)}"
            f"{' line ' + str(d.line) if d.line is not None else ''}"
            f"{' [' + _e(d.label) + ']' if d.label else ''}: {_e(d.message)} "
            f"({_e(d.code)})</li>"
            for d in document.diagnostics
        )
        parts.append(f'<ul class="diagnostics">{items}</ul>')
    parts.append("</section>")
    return "\n".join(parts)


def _bars(
    title: str, ident: str, rows: Sequence[tuple[str, Sequence[tuple[Verdict, int]]]],
    empty: str,
) -> str:
    """A horizontal stacked bar chart in SVG: one bar per row label, a segment per verdict.

    The SVG has a text alternative (its ``aria-label`` lists every number), so a screen reader
    gets the figures a sighted reader gets from the bars.
    """
    if not rows:
        return (f'<figure aria-labelledby="{ident}"><figcaption id="{ident}">{_e(title)}'
                f'</figcaption><p class="placeholder">{_e(empty)}</p></figure>')
    label_w, bar_w, row_h = 172, 170, 24
    biggest = max(sum(n for _, n in segments) for _, segments in rows) or 1
    height = row_h * len(rows) + 8
    spoken = "; ".join(
        f"{label}: " + ", ".join(f"{VERDICTS[v].phrase(n)}" for v, n in segments)
        for label, segments in rows
    )
    shapes = []
    for i, (label, segments) in enumerate(rows):
        y = 4 + i * row_h
        short = label if len(label) <= 24 else "…" + label[-23:]
        shapes.append(f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end">'
                      f"<title>{_e(label)}</title>{_e(short)}</text>")
        x = float(label_w)
        total = 0
        for verdict, n in segments:
            width = bar_w * n / biggest
            shapes.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="{row_h - 8}" '
                f'fill="{VERDICTS[verdict].colour}"><title>{_e(label)}: '
                f"{_e(VERDICTS[verdict].phrase(n))}</title></rect>"
            )
            x += width
            total += n
        shapes.append(f'<text x="{x + 6:.1f}" y="{y + 16}">{total}</text>')
    width = label_w + bar_w + 48
    return (
        f'<figure aria-labelledby="{ident}"><figcaption id="{ident}">{_e(title)}</figcaption>'
        f'<svg role="img" aria-label="{_e(title)}: {_e(spoken)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" class="chart">{"".join(shapes)}</svg>'
        f"{_legend(v for _, segments in rows for v, _ in segments)}</figure>"
    )


def _legend(verdicts: Iterable[Verdict]) -> str:
    present = set(verdicts)
    seen = [v for v in Verdict if v in present]
    items = "".join(
        f'<li><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" '
        f'fill="{VERDICTS[v].colour}"/></svg> {_e(VERDICTS[v].singular)}</li>' for v in seen
    )
    return (f'<ul class="muted" style="list-style:none;padding:0;display:flex;flex-wrap:wrap;'
            f'gap:.25rem 1rem;margin:.5rem 0 0">{items}</ul>')


def _charts(report: Report) -> str:
    per_document = [
        (document.path, [(v, n) for v in Verdict
                         if (n := sum(1 for r in document.notes if r.status is v))])
        for document in report.documents if document.notes
    ]
    failing: dict[str, Counter[Verdict]] = {}
    for document in report.documents:
        for result in document.notes:
            if result.gate is not Gate.PASS and result.url:
                failing.setdefault(host_of(result.url) or "(no host)", Counter())[
                    result.status] += 1
    per_host = sorted(failing.items(), key=lambda item: (-sum(item[1].values()), item[0]))[:15]
    hosts = [(host, [(v, counts[v]) for v in Verdict if counts[v]]) for host, counts in per_host]
    return (
        '<section aria-labelledby="charts-title"><h2 id="charts-title">At a glance</h2>'
        '<div class="charts">'
        + _bars("Verdicts per document", "chart-documents", per_document,
                "No document has notes.")
        + _bars("Failures and warnings per host", "chart-hosts", hosts,
                "No host failed or warned.")
        + _history(report)
        + "</div></section>"
    )


def _history(report: Report) -> str:
    """Rot over time: per document, its notes on rotten and on ok sources at each run the
    results cache remembers (``DocumentResult.trend``); a labelled placeholder without one."""
    trends = [(d.path, d.trend) for d in report.documents if d.trend]
    if not trends:
        return (
            '<figure aria-labelledby="chart-history"><figcaption id="chart-history">Rot over '
            'time</figcaption><p class="placeholder">No history in this report: this chart shows '
            "how each document's rot moved across runs once citecheck remembers earlier results "
            "(the results cache is on by default; --no-cache turns it off).</p></figure>"
        )
    charts = "".join(_trend(path, points) for path, points in trends)
    legend = (f'<ul class="muted" style="list-style:none;padding:0;display:flex;gap:1rem;'
              f'margin:.5rem 0 0"><li><svg width="10" height="10" aria-hidden="true"><rect '
              f'width="10" height="10" fill="{_ROTTEN}"/></svg> rotten</li><li><svg width="10" '
              f'height="10" aria-hidden="true"><rect width="10" height="10" fill="{_OK}"/></svg>'
              " live or moved</li></ul>")
    return (f'<figure aria-labelledby="chart-history"><figcaption id="chart-history">Rot over '
            f"time</figcaption>{charts}{legend}</figure>")


def _trend(path: str, points: Sequence[TrendPoint]) -> str:
    """One document's trend as a small SVG: the ok notes as a line, the rotten ones as a line
    over a filled area, a dot per run (its ``<title>`` and ``data-*`` give the numbers)."""
    width, height, pad = 300, 90, 8
    biggest = max(max(p.rotten, p.ok) for p in points) or 1
    step = (width - 2 * pad) / max(1, len(points) - 1)

    def x(i: int) -> float:
        return pad + i * step if len(points) > 1 else width / 2

    def y(n: int) -> float:
        return height - pad - (height - 2 * pad) * n / biggest

    rotten = " ".join(f"{x(i):.1f},{y(p.rotten):.1f}" for i, p in enumerate(points))
    ok = " ".join(f"{x(i):.1f},{y(p.ok):.1f}" for i, p in enumerate(points))
    base = f"{x(len(points) - 1):.1f},{height - pad} {x(0):.1f},{height - pad}"
    dots = "".join(
        f'<circle class="run" cx="{x(i):.1f}" cy="{y(p.rotten):.1f}" r="3" fill="{_ROTTEN}" '
        f'data-at="{_e(p.at)}" data-rotten="{p.rotten}" data-ok="{p.ok}" '
        f'data-unverifiable="{p.unverifiable}"><title>{_e(p.at)}: {p.rotten} rotten, {p.ok} '
        f"live or moved, {p.unverifiable} unverifiable</title></circle>"
        for i, p in enumerate(points)
    )
    spoken = "; ".join(f"{p.at}: {p.rotten} rotten, {p.ok} live or moved" for p in points)
    short = path if len(path) <= 40 else "…" + path[-39:]
    return (
        f'<div class="trend"><div class="muted" title="{_e(path)}">{_e(short)} — '
        f"{len(points)} {'run' if len(points) == 1 else 'runs'}, "
        f"{_e(points[0].at[:10])} to {_e(points[-1].at[:10])}</div>"
        f'<svg role="img" class="chart trend" data-points="{len(points)}" '
        f'aria-label="Rot over time in {_e(path)}: {_e(spoken)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">'
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
        f'stroke="#d5d9de"/>'
        f'<polygon points="{rotten} {base}" fill="{_ROTTEN}" fill-opacity="0.15"/>'
        f'<polyline points="{ok}" fill="none" stroke="{_OK}" stroke-width="2"/>'
        f'<polyline points="{rotten}" fill="none" stroke="{_ROTTEN}" stroke-width="2"/>'
        f"{dots}</svg></div>"
    )


def _filters(report: Report) -> str:
    counts = Counter(r.status for d in report.documents for r in d.notes)
    boxes = "".join(
        f'<label><input type="checkbox" name="verdict" value="{_e(v.value)}" checked> '
        f"{_badge(v)} <span class=\"muted\">{counts[v]}</span></label>"
        for v in Verdict if counts[v]
    )
    hosts = sorted({host_of(r.url) for d in report.documents for r in d.notes if r.url} - {""})
    options = "".join(f'<option value="{_e(h)}">{_e(h)}</option>' for h in hosts)
    return (
        '<form id="filters" hidden aria-label="Filter the notes">'
        f"<fieldset><legend>Verdict</legend>{boxes}</fieldset>"
        '<fieldset><legend><label for="host-filter">Host</label></legend>'
        f'<select id="host-filter" name="host"><option value="">all hosts</option>{options}'
        "</select></fieldset>"
        '<button type="reset">Show all</button>'
        '<p id="filter-status" role="status" aria-live="polite" class="muted"></p>'
        "</form>"
    )


def format_html(report: Report) -> str:
    """The report as one self-contained HTML page (UTF-8, no external resource)."""
    report = scrub_report(report)
    status = gate_status(report)
    gate = ""
    if status is not None:
        passed, why = status
        cls = "gate-pass" if passed else "gate-fail"
        head = "✓ gate passed" if passed else "✗ gate failed"
        gate = f'<p class="{cls}"><strong>{head}</strong>{": " + _e(why) if why else ""}</p>'
    cause = run_wide_cause(report)
    documents = "\n".join(_document(d, report, i) for i, d in enumerate(report.documents, 1))
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        "<title>citecheck report</title>"
        f"<style>{_CSS}</style></head><body>"
        '<a class="skip" href="#notes">Skip to the notes</a>'
        "<main>"
        "<header><h1>citecheck report</h1>"
        f'<p class="summary">{_e(summary_line(report))}</p>{gate}'
        + (f'<p class="cause" role="note">{_e(cause)}</p>' if cause else "")
        + f'<p class="meta">citecheck {_e(report.citecheck_version)} · '
        f"{_e(report.generated_at)}</p></header>"
        + _charts(report)
        + '<section id="notes" aria-labelledby="notes-title" tabindex="-1">'
        '<h2 id="notes-title">Notes</h2>'
        + _filters(report)
        + documents
        + "</section></main>"
        f"<script>{_SCRIPT}</script>"
        "</body></html>\n"
    )
