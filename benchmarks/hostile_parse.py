"""Hostile documents: how long ``parse_document`` takes on 5 MB built to hurt each reader.

    python benchmarks/hostile_parse.py [--megabytes 5] [--repeat 3] [SHAPE ...]

The shapes are deep or dense markup (nested ``<div>``\\s, ``<b><i>`` misnesting, unclosed
``<li>``\\s), and runs that once cost quadratic time (many markers or links in one sentence, a
"URL" ending in thousands of markers, ``[^[^[^…`` in Markdown). The number reported is the best
CPU time (``time.process_time``) of ``--repeat`` runs. The target (issue #14) is under 2 s for
any shape. Shapes dense in links or markers are read in reduced mode (``parse/reduced.py``):
the notes column then counts the distinct sources listed, at most 50,000.
"""

# ruff: noqa: E501  (the SHAPES table: one shape a line reads best)
from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from citecheck.parse import parse_bytes, parse_document


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
    "100k body links": (".html", lambda n: "<html>" + LINK * (n // len(LINK))),
    # Dense in what the full readers pay for per item: read in reduced mode (parse/reduced.py).
    "distinct urls txt": (".txt", lambda n: " ".join(f"https://e.org/{i}" for i in range(n // 20))),
    "distinct links md": (".md", lambda n: " ".join(f"[x](https://e.org/{i})" for i in range(n // 26))),
    "bare www hosts txt": (".txt", lambda n: " ".join(f"www.e{i}.org" for i in range(n // 14))),
    "dois in one note txt": (".txt", lambda n: "A.[1]\n\n[1] " + " ".join(f"10.1234/{i}" for i in range(n // 12))),
    "dois in the body txt": (".txt", lambda n: " ".join(f"doi:10.1234/{i}" for i in range(n // 16))),
    "superscripts one sentence": (".txt", lambda n: "claim¹ " * (n // 8) + "\n\nNotes\n\n1. https://e.org\n"),
    "author-year one sentence": (".txt", lambda n: "claim (Smith 2010) " * (n // 19) + "\n\nReferences\n\nSmith, J. (2010). T. https://e.org\n"),
    "numbered notes txt": (".txt", lambda n: "A.[1]\n\nNotes\n\n" + "".join(f"{i}. Smith, J. Title. https://e.org/{i}\n" for i in range(1, n // 40))),
    "footnotes md": (".md", lambda n: "".join(f"C.[^{i}]\n" for i in range(n // 60)) + "\n" + "".join(f"[^{i}]: S https://e.org/{i}\n" for i in range(n // 60))),
    "cites tex": (".tex", lambda n: "\\begin{document}" + "x\\cite{a} " * (n // 10) + "\\end{document}"),
    "prose without commands tex": (".tex", lambda n: "\\begin{document}" + "Some words here. " * (n // 17) + "\\end{document}"),
    "commands tex": (".tex", lambda n: "\\begin{document}" + "\\textbf{x} " * (n // 11) + "\\end{document}"),
    "footnotes tex": (".tex", lambda n: "\\begin{document}" + "".join(f"x\\footnote{{See https://e.org/{i}}} " for i in range(n // 36)) + "\\end{document}"),
    "entries bib": (".bib", lambda n: "".join(f"@misc{{k{i}, url={{https://e.org/{i}}}}}\n" for i in range(n // 40))),
    "plain paragraphs rst": (".rst", lambda n: "T\n=\n\n" + "Some words here. " * (n // 17)),
    "links rst": (".rst", lambda n: "T\n=\n\n" + "`x <https://e.org/a>`_ " * (n // 23)),
    "footnotes rst": (".rst", lambda n: "T\n=\n\n" + "C [#]_.\n" * (n // 40) + "\n" + "".join(f".. [#] https://e.org/{i}\n" for i in range(n // 40))),
    "emphasis md": (".md", lambda n: "*a* _b_ " * (n // 8)),
    "entities md": (".md", lambda n: "&amp;" * (n // 5)),
    "entities html": (".html", lambda n: "<p>" + "&amp;" * (n // 5) + "</p>"),
    "long href html": (".html", lambda n: "<p><a href='https://e.org/" + "a" * n + "'>x</a></p>"),
    "url of open parens txt": (".txt", lambda n: "A.[1]\n\n[1] https://e.org/" + "(" * n),
}  # fmt: skip


def _docx(paragraph: Callable[[int], str], size: int, *, deflate: bool = True) -> bytes:
    """A Word package of ``size`` bytes of document.xml made of ``paragraph(i)``."""
    import io
    import zipfile

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    body, length, i = [], 0, 0
    while length < size:
        body.append(paragraph(i))
        length += len(body[-1])
        i += 1
    parts = {
        "_rels/.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="d" '
                       f'Type="{rel}/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": f"<w:document {w}><w:body>{''.join(body)}</w:body></w:document>",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return buffer.getvalue()


def _p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


# Binary shapes: ``size`` is the unpacked XML; the file itself is what the name says.
BINARY: dict[str, Callable[[int], bytes]] = {
    "docx 5 MB of typed URLs (stored)": lambda n: _docx(lambda i: _p(f"See https://e.org/{i} now."), n, deflate=False),
    "docx 5 MB of paragraphs (stored)": lambda n: _docx(lambda i: _p("Some words in a paragraph."), n, deflate=False),
    "docx 60 MB of XML (deflated)": lambda n: _docx(lambda i: _p(f"Words, see https://e.org/{i % 9}."), 12 * n),
    "docx zip bomb, 1 GB of XML": lambda n: _docx(lambda i: _p("a" * 100_000), 200 * n),
}


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
    for name, make in BINARY.items():
        if options.shapes and name not in options.shapes:
            continue
        data = make(size)
        best = float("inf")
        for _ in range(options.repeat):
            started = time.process_time()
            document = parse_bytes(data, "hostile.docx")
            best = min(best, time.process_time() - started)
        print(f"{name:36s} {len(data) / 1e6:4.1f} MB  {best:6.2f} s CPU  "
              f"{len(document.notes):6d} notes", flush=True)


if __name__ == "__main__":
    main()
