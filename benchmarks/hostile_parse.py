"""Hostile documents: how long ``parse_document`` takes on 5 MB built to hurt each reader.

    python benchmarks/hostile_parse.py [--megabytes 5] [--repeat 3] [SHAPE ...]

The shapes are deep or dense markup (nested ``<div>``\\s, ``<b><i>`` misnesting, unclosed
``<li>``\\s), and runs that once cost quadratic time (many markers or links in one sentence, a
"URL" ending in thousands of markers, ``[^[^[^…`` in Markdown). The number reported is the best
CPU time (``time.process_time``) of ``--repeat`` runs. The target (issue #14) is under 2 s for
any shape that nests or repeats; documents with 100,000 real notes are a throughput matter
(issue #13), listed for reference.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from citecheck.parse import parse_document


def _fill(size: int, opening: str, closing: str, inner: str = "") -> str:
    count = max(1, (size - len(inner)) // (len(opening) + len(closing)))
    return "<html><body>" + opening * count + inner + closing * count + "</body></html>"


LINK = "<p>Claim <a href='https://example.org/a'>x</a>.</p>"
SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "nested div": (".html", lambda n: _fill(n, "<div>", "</div>", LINK)),
    "unclosed div": (".html", lambda n: _fill(n, "<div>", "", LINK)),
    "nested span attrs": (".html", lambda n: _fill(n, "<span class=x>", "</span>", LINK)),
    "nested ul li": (".html", lambda n: _fill(n, "<ul><li>", "</li></ul>", LINK)),
    "nested table": (".html", lambda n: _fill(n, "<table><tr><td>", "</td></tr></table>")),
    "div self-closing": (".html", lambda n: _fill(n, "<div/>", "", LINK)),
    "misnested b i": (".html", lambda n: _fill(n, "<b><i></b></i>", "", LINK)),
    "markers one sentence md": (".md", lambda n: "claim[^1] " * (n // 10) + "\n\n[^1]: https://e.org\n"),
    "markers one sentence txt": (".txt", lambda n: "claim[1] " * (n // 9) + "\n\n[1] https://e.org\n"),
    "links one sentence md": (".md", lambda n: "Claim " + "[x](https://e.org/a) " * (n // 21)),
    "footnote refs unclosed md": (".md", lambda n: "[^" * (n // 2)),
    "url ending in markers": (".txt", lambda n: "A.[1]\n\n[1] https://e.org/" + "[1]" * (n // 3)),
    "glued links md": (".md", lambda n: "[text](https://example.org/a)" * (n // 29)),
    "100k body links (throughput)": (".html", lambda n: "<html>" + LINK * (n // len(LINK))),
}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("shapes", nargs="*", help="shape names to run (default: all)")
    options = parser.parse_args()
    size = int(options.megabytes * 1_000_000)
    for name, (suffix, build) in SHAPES.items():
        if options.shapes and name not in options.shapes:
            continue
        text = build(size)
        best = float("inf")
        notes = 0
        for _ in range(options.repeat):
            started = time.process_time()
            document = parse_document(text, "hostile" + suffix)
            best = min(best, time.process_time() - started)
            notes = len(document.notes)
        print(f"{name:36s} {len(text) / 1e6:4.1f} MB  {best:6.2f} s CPU  {notes:6d} notes",
              flush=True)


if __name__ == "__main__":
    main()
