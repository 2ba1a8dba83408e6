"""Parse speed: how long ``parse_document`` takes on a 10,000-note document in each style.

    python benchmarks/parse_speed.py [--notes 10000] [--repeat 5] [--profile markdown]

Each document mixes the kinds a real one has (seven in ten full citations with a URL, one in
ten Ibid., one in ten short form, one in ten a comment with no source) and one claim sentence
per note. The number reported is the best CPU time (``time.process_time``) of ``--repeat``
runs of the whole ``parse_document``: reader plus citation fields, URL repair, resolution and
claims. The target (issue #5) is under one second per style.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time

from citecheck.parse import parse_document


def _note_text(i: int) -> str:
    kind = i % 10
    if kind == 2:
        return f"Ibid., {i % 40}."
    if kind == 5:
        return f"Author{i - 2}, “Report on Topic {i - 2}.”"
    if kind == 7:
        return "See the discussion in the introduction for the wider context."
    return (
        f"Author{i}, Jane. “Report on Topic {i} and Region {i % 97},” Institute of Studies, "
        f"March 3, 2020. Accessed May 1, 2021. https://example.org/reports/{i}/full-text.html"
    )


def _claim(i: int) -> str:
    return f"Claim {i} says the U.N. mission in region {i % 97} grew by {i % 13} per cent"


def text_document(count: int) -> str:
    body = [f"{_claim(i)}.[{i}] It did." for i in range(1, count + 1)]
    notes = [f"[{i}] {_note_text(i)}" for i in range(1, count + 1)]
    return "\n\n".join(body) + "\n\nNotes\n\n" + "\n".join(notes) + "\n"


def markdown_document(count: int) -> str:
    body = "\n\n".join(
        " ".join(f"{_claim(i)}.[^{i}]" for i in range(start, min(start + 5, count + 1)))
        for start in range(1, count + 1, 5)
    )
    notes = "\n".join(f"[^{i}]: {_note_text(i)}" for i in range(1, count + 1))
    return f"# Report\n\n{body}\n\n{notes}\n"


def html_document(count: int) -> str:
    def note(i: int) -> str:
        text = _note_text(i)
        url = f"https://example.org/reports/{i}/full-text.html"
        if url in text:
            text = text.replace(url, f'<a href="{url}">{url}</a>')
        return f'<li id="fn{i}">{text} <a href="#ref{i}">↩</a></li>'

    body = "\n".join(
        f'<p>{_claim(i)}.<sup id="ref{i}"><a href="#fn{i}">{i}</a></sup> It did.</p>'
        for i in range(1, count + 1)
    )
    notes = "\n".join(note(i) for i in range(1, count + 1))
    return (
        "<!doctype html><html><head><title>Report</title></head><body>\n"
        f"{body}\n<h2>Notes</h2>\n<ol>\n{notes}\n</ol>\n</body></html>\n"
    )


BUILDERS = {"text": text_document, "markdown": markdown_document, "html": html_document}


def _forget() -> None:
    """Empty the parse modules' memos of text (repaired URLs, read comments, claims), so that
    each run parses cold: a run must not find the URLs of the run before already repaired.
    Built machinery (the Markdown parser, compiled tables) stays, as in a process that parses
    many documents."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("citecheck.parse"):
            continue
        for value in vars(module).values():
            info = getattr(value, "cache_info", None)
            if callable(info) and (info().maxsize or 0) >= 256:
                value.cache_clear()


def best_cpu(text: str, fmt: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        _forget()
        started = time.process_time()
        parse_document(text, f"bench.{fmt}", fmt)
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", choices=sorted(BUILDERS), help="cProfile one style instead")
    args = parser.parse_args()
    if args.profile:
        text = BUILDERS[args.profile](args.notes)
        profiler = cProfile.Profile()
        profiler.runcall(parse_document, text, f"bench.{args.profile}", args.profile)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        return
    print(f"| style | notes | size | best CPU of {args.repeat} |")
    print("| --- | ---: | ---: | ---: |")
    for fmt, build in BUILDERS.items():
        text = build(args.notes)
        document = parse_document(text, f"bench.{fmt}", fmt)
        assert len(document.notes) == args.notes, (fmt, len(document.notes))
        seconds = best_cpu(text, fmt, args.repeat)
        print(f"| {fmt} | {args.notes:,} | {len(text) / 1e6:.1f} MB | {seconds:.2f} s |")


if __name__ == "__main__":
    main()
