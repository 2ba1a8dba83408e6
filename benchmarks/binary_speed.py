"""Binary-format parse speed (issue #12 target: a 300-page PDF or a 2 MB .docx in under 3 s).

    python benchmarks/binary_speed.py [--repeat 3]

Builds the inputs from the real test documents in tests/data/real (nothing downloaded): a
300-page PDF by concatenating the Ethereum yellow paper (42 pages, two columns, footnotes, 32
wrapped reference URLs) with pypdfium2, and ~2 MB .docx files by repeating the body of the UN
general comment (footnotes, hyperlinks) and of the Russian state contract (14,000 paragraphs of
tables: its XML compresses 37-fold, the worst case) until the package passes 2 MB. Reports the
best CPU and wall times of ``--repeat`` runs of ``parse_bytes`` (read + every parse stage).
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


def big_docx(name: str, size: int = 2_000_000) -> bytes:
    """A .docx of at least ``size`` bytes: the body of ``name`` repeated."""
    path = REAL / "docx" / name
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
            for part, data in parts.items():
                package.writestr(part, data)
        if buffer.tell() >= size:
            return buffer.getvalue()
        copies += 1


def _best(data: bytes, name: str, repeat: int) -> str:
    """Best CPU and wall time of ``repeat`` parses (CPU time is what a loaded machine hides)."""
    cpu, wall = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        parse_bytes(data, name)
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return f"{min(cpu):.2f} s CPU ({min(wall):.2f} s wall)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pdf = big_pdf()
    document = parse_bytes(pdf, "big.pdf")
    print(f"PDF  300 pages, {len(pdf) / 1e6:.1f} MB, {len(document.notes)} notes: "
          f"{_best(pdf, 'big.pdf', args.repeat)}")
    for name in ("un-crc-gc20-arabic.docx", "spb-state-contract-ru.docx"):
        docx = big_docx(name)
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            xml = package.getinfo("word/document.xml").file_size
        document = parse_bytes(docx, "big.docx")
        print(f"DOCX {len(docx) / 1e6:.1f} MB ({name}; document.xml {xml / 1e6:.0f} MB), "
              f"{len(document.notes)} notes: {_best(docx, 'big.docx', args.repeat)}")


if __name__ == "__main__":
    main()
