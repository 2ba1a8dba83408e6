"""A minimal PDF writer for tests: pages of positioned text runs and URI link annotations.

Hand-written PDF syntax (Helvetica, one of the 14 standard fonts, needs no embedding), so each
synthetic edge case is built from a readable recipe instead of committed as an opaque binary.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """Text at (x, y) in points from the bottom-left, in a type size; ``rise`` raises it."""

    x: float
    y: float
    text: str
    size: float = 12
    rise: float = 0


@dataclass(frozen=True)
class Link:
    """A link annotation over a rectangle (left, bottom, right, top) opening ``uri``."""

    rect: tuple[float, float, float, float]
    uri: str


@dataclass
class Page:
    """One page's text runs and links."""

    runs: list[Run] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    # Filled rectangles (left, bottom, width, height): a rule TeX draws, as for "\_".
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def build_pdf(pages: list[Page], *, encrypt: bool = False) -> bytes:
    """The bytes of a PDF with these pages. ``encrypt`` adds a standard security handler whose
    user password is not empty, so no reader can open it without one."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    kids = []
    for page in pages:
        stream = "".join(
            f"BT /F1 {run.size} Tf {run.rise} Ts {run.x} {run.y} Td ({_escape(run.text)}) Tj ET\n"
            for run in page.runs
        ).encode("latin-1") + "".join(
            f"{x} {y} {w} {h} re f\n" for x, y, w, h in page.rules).encode()
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream")
        annots = [
            add((f"<< /Type /Annot /Subtype /Link /Rect [{' '.join(str(v) for v in link.rect)}]"
                 f" /Border [0 0 0] /A << /S /URI /URI ({_escape(link.uri)}) >> >>"
                 ).encode("latin-1"))
            for link in page.links
        ]
        annot_refs = " ".join(f"{a} 0 R" for a in annots)
        kids.append(add((f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 612 792] "
                         f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R "
                         f"/Annots [{annot_refs}] >>").encode()))
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
    objects[pages_id - 1] = (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
                             f"/Count {len(kids)} >>").encode()
    trailer_extra = b""
    if encrypt:
        key = b"<" + b"ab" * 32 + b">"
        encrypt_id = add(b"<< /Filter /Standard /V 1 /R 2 /O " + key + b" /U " + key
                         + b" /P -44 >>")
        trailer_extra = (b" /Encrypt %d 0 R /ID [<0123456789abcdef0123456789abcdef> "
                         b"<0123456789abcdef0123456789abcdef>]" % encrypt_id)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += (b"trailer\n<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog) + trailer_extra
            + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)
