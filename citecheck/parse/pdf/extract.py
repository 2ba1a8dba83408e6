"""PDF bytes → pages of lines and URI link annotations, with pypdfium2 (PDFium).

PDFium was chosen by measurement (see the issue #12 study): ~2 ms a page for text and link
annotations (a 300-page PDF in well under a second, where pypdf and pdfminer.six take 12 s), the
only one of the three that gives the text under an annotation's rectangle and the character under
a point, ligatures decomposed, and one exception type with an error code for encrypted and
damaged files.

Each line keeps its superscript note numbers apart from its text: a digit run printed smaller
than the surrounding letters (``Facebook⁶⁰`` comes out of PDFium as ``Facebook60``) is wrapped as
``\\x01 60 \\x02`` (without the spaces), so the readers can tell ``note 60`` from ``60 pages``.
"""

from __future__ import annotations

import ctypes
import statistics
from collections import Counter
from dataclasses import dataclass, replace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

__all__ = ["MARK_END", "MARK_START", "PdfLink", "PdfPage", "PdfProblem", "extract_pdf"]

MARK_START = "\x01"
MARK_END = "\x02"
# A digit run is a superscript mark when it is this much smaller than the letters around it.
_MARK_RATIO = 0.9
# Glyphs without a Unicode mapping come out as control characters; PDFium marks a word it has
# rejoined at a line-end hyphen with U+FFFE (and U+0002 in some builds).
_DROP = dict.fromkeys((*range(0, 9), 11, 12, *range(14, 32), 65534))


class PdfProblem(Exception):
    """Why a PDF could not be read: ``kind`` is ``encrypted``, ``damaged`` or ``no-text``."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True, slots=True)
class PdfLink:
    """A link annotation with a URI action."""

    page: int  # 1-based
    line: int | None  # 0-based line of the page where the link's rectangle starts
    uri: str
    anchor: str  # the text under the rectangle, whitespace-normalised


@dataclass(frozen=True, slots=True)
class PdfPage:
    """One page: its lines (marks wrapped in MARK_START/MARK_END) and each line's type size."""

    number: int  # 1-based
    lines: list[str]
    sizes: list[float]  # median letter size of each line (0 when it has no letters)
    body_size: float  # the body text's letter size: the commonest in the document
    heights: list[float]  # each line's height on the page (PDF points from the bottom; 0: empty)
    lefts: list[float]  # where each line starts, in points from the page's left edge


def extract_pdf(data: bytes) -> tuple[list[PdfPage], list[PdfLink]]:
    """The pages and URI links of a PDF. Raises :class:`PdfProblem` for an unreadable file."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise PdfProblem("encrypted", "the PDF is encrypted: a password is needed to read "
                             "it") from None
        raise PdfProblem("damaged", "not a readable PDF (damaged or truncated: "
                         f"{_reason(exc)})") from None
    pages: list[PdfPage] = []
    links: list[PdfLink] = []
    letters: Counter[float] = Counter()
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            try:
                read, starts = _page_lines(textpage, index + 1, letters)
                pages.append(read)
                links.extend(_links(document, page, textpage, index + 1, starts))
            finally:
                textpage.close()
                page.close()
    except pdfium.PdfiumError as exc:
        raise PdfProblem("damaged", f"the PDF is damaged ({_reason(exc)})") from None
    finally:
        document.close()
    if not pages:
        raise PdfProblem("damaged", "the PDF has no pages")
    if letters:
        body = letters.most_common(1)[0][0]
        pages = [replace(page, body_size=body) for page in pages]
    if not any(line.strip() for page in pages for line in page.lines):
        raise PdfProblem("no-text", f"the PDF has no text layer ({len(pages)} page"
                         f"{'s' if len(pages) != 1 else ''} of images, scanned?): run OCR first")
    return pages, links


def _reason(exc: Exception) -> str:
    text = str(exc)
    return text[text.find("(") + 1 : text.rfind(")")] if "(" in text else text


def _page_lines(
    textpage: pdfium.PdfTextPage, number: int, letters: Counter[float]
) -> tuple[PdfPage, list[int]]:
    """The page's lines, and the character index each line starts at (``letters`` counts the
    letters of each type size)."""
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    chars = [chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count)]
    sizes = [pdfium_c.FPDFText_GetFontSize(raw, i) for i in range(count)]
    page_letters = [round(s, 1) for c, s in zip(chars, sizes, strict=True) if c.isalpha()]
    letters.update(page_letters)
    body = statistics.median(page_letters) if page_letters else 0.0
    lines: list[str] = []
    line_sizes: list[float] = []
    heights: list[float] = []
    lefts: list[float] = []
    starts: list[int] = []
    start = 0
    i = 0
    while i <= count:
        if i == count or chars[i] in "\r\n":
            text, size = _line(chars[start:i], sizes[start:i], body)
            lines.append(text)
            line_sizes.append(size)
            left, bottom = _corner(raw, chars, start, i)
            heights.append(bottom)
            lefts.append(left)
            starts.append(start)
            if i < count - 1 and chars[i] == "\r" and chars[i + 1] == "\n":
                i += 1
            start = i + 1
        i += 1
    return PdfPage(number, lines, line_sizes, body, heights, lefts), starts


def _corner(raw: object, chars: list[str], start: int, end: int) -> tuple[float, float]:
    """The left and bottom of a line's first visible character, in points."""
    for i in range(start, end):
        if not chars[i].isspace():
            left, right = ctypes.c_double(), ctypes.c_double()
            bottom, top = ctypes.c_double(), ctypes.c_double()
            if pdfium_c.FPDFText_GetCharBox(raw, i, ctypes.byref(left), ctypes.byref(right),
                                            ctypes.byref(bottom), ctypes.byref(top)):
                return float(left.value), float(bottom.value)
            return 0.0, 0.0
    return 0.0, 0.0


def _line(chars: list[str], sizes: list[float], body: float) -> tuple[str, float]:
    kept = [(c, s) for c, s in zip(chars, sizes, strict=True) if ord(c) not in _DROP]
    chars = [c for c, _ in kept]
    sizes = [s for _, s in kept]
    letters = [s for c, s in zip(chars, sizes, strict=True) if c.isalpha()]
    size = statistics.median(letters) if letters else 0.0
    reference = size if len(letters) >= 3 else body
    out: list[str] = []
    i = 0
    while i < len(chars):
        char = chars[i]
        if char.isdigit() and 0 < sizes[i] < _MARK_RATIO * reference:
            j = i
            while j < len(chars) and chars[j].isdigit() and sizes[j] < _MARK_RATIO * reference:
                j += 1
            out.append(f"{MARK_START}{''.join(chars[i:j])}{MARK_END}")
            i = j
            continue
        out.append(char)
        i += 1
    return "".join(out).rstrip(), size


def _links(
    document: pdfium.PdfDocument,
    page: pdfium.PdfPage,
    textpage: pdfium.PdfTextPage,
    number: int,
    starts: list[int],
) -> list[PdfLink]:
    """The page's URI link annotations (internal GoTo links, e.g. note marks, are skipped)."""
    from bisect import bisect_right

    found: list[PdfLink] = []
    position = ctypes.c_int(0)
    link = pdfium_c.FPDF_LINK()
    while pdfium_c.FPDFLink_Enumerate(page.raw, ctypes.byref(position), ctypes.byref(link)):
        action = pdfium_c.FPDFLink_GetAction(link)
        if not action or pdfium_c.FPDFAction_GetType(action) != pdfium_c.PDFACTION_URI:
            continue
        size = pdfium_c.FPDFAction_GetURIPath(document.raw, action, None, 0)
        if size <= 0:
            continue
        buffer = ctypes.create_string_buffer(size)
        pdfium_c.FPDFAction_GetURIPath(document.raw, action, buffer, size)
        uri = buffer.value.decode("utf-8", "replace").strip()
        if not uri:
            continue
        rect = pdfium_c.FS_RECTF()
        pdfium_c.FPDFLink_GetAnnotRect(link, ctypes.byref(rect))
        left, bottom, right, top = rect.left, rect.bottom, rect.right, rect.top
        anchor = " ".join(textpage.get_text_bounded(left, bottom, right, top).split())
        index = textpage.get_index(left + 1, (bottom + top) / 2, 3, 3)
        line = bisect_right(starts, index) - 1 if index is not None and index >= 0 else None
        found.append(PdfLink(number, line, uri, anchor.translate(_DROP)))
    return found
