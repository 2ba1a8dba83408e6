"""Binary-format parse speed (issue #12 target: a 300-page PDF or a 2 MB .docx in under 3 s).

    python benchmarks/binary_speed.py [--repeat 3]

Builds the inputs from the real test documents in tests/data/real (nothing downloaded): a
300-page PDF by concatenating the Ethereum yellow paper (42 pages, two columns, footnotes, 32
wrapped reference URLs) with pypdfium2, and a ~2 MB .docx by repeating the body of the Russian
state contract (14,000 paragraphs, tables, footnotes) until the package passes 2 MB. Reports the
best wall time of ``--repeat`` runs of ``parse_bytes`` (read + every parse stage).
"""

from __future__ import annotations

import argparse
import io
import re
import time
import zipfile
from pathlib import Path

import pypdfium2 as pdfium

from citecheck.parse import parse_bytes

REAL = Path(__file__).resolve().parents[1] / "tests" / "data" / "real"


def big_pdf(pages: int = 300) -> bytes:
    """A ``pages``-page PDF made of copies of the yellow paper."""
    source = pdfium.PdfDocument(REAL / "pdf" / "ethereum-yellowpaper.pdf")
    out = pdfium.PdfDocument.new()
    while len(out) < pages:
        take = min(len(source), pages - len(out))
        out.import_pages(source, list(range(take)))
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def big_docx(size: int = 2_000_000) -> bytes:
    """A .docx of at least ``size`` bytes: the contract's body repeated."""
    path = REAL / "docx" / "spb-state-contract-ru.docx"
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    document = parts["word/document.xml"].decode("utf-8")
    match = re.search(r"<w:body>(.*)(<w:sectPr[ >].*?</w:sectPr>\s*</w:body>)", document, re.S)
    assert match is not None
    body, tail = match.group(1), match.group(2)
    copies = 1
    while True:
        parts["word/document.xml"] = (document[: match.start(1)] + body * copies + tail
                                      + document[match.end(2):]).encode("utf-8")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in parts.items():
                package.writestr(name, data)
        if buffer.tell() >= size:
            return buffer.getvalue()
        copies += 1


def _best(data: bytes, name: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        parse_bytes(data, name)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pdf = big_pdf()
    document = parse_bytes(pdf, "big.pdf")
    print(f"PDF  300 pages, {len(pdf) / 1e6:.1f} MB, {len(document.notes)} notes: "
          f"{_best(pdf, 'big.pdf', args.repeat):.2f} s")
    docx = big_docx()
    document = parse_bytes(docx, "big.docx")
    print(f"DOCX {len(docx) / 1e6:.1f} MB, {len(document.notes)} notes: "
          f"{_best(docx, 'big.docx', args.repeat):.2f} s")


if __name__ == "__main__":
    main()
