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
import re
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


_BREAK = re.compile(r"\r\n|\r|\n")
_LETTER = re.compile(r"[^\W\d_]")
_DIGITS = re.compile(r"\d+")
_SAMPLE = 9  # letters per line whose type size is read


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


#: The most pages, and characters, read from one PDF: some 2 s of reading; a longer PDF is
#: read up to there, with a diagnostic (:func:`cut_short`).
MAX_PAGES = 3000
MAX_CHARACTERS = 6_000_000


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
    characters = 0
    try:
        for index in range(len(document)):
            if index >= MAX_PAGES or characters > MAX_CHARACTERS:
                break  # the rest is not read (read_pdf says so): 100,000 empty pages took 19 s
            page = document[index]
            textpage = page.get_textpage()
            try:
                read, starts = _page_lines(textpage, index + 1, letters)
                pages.append(read)
                characters += sum(map(len, read.lines))
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


def cut_short(pages: list[PdfPage]) -> bool:
    """Whether :func:`extract_pdf` stopped at its bound (:data:`MAX_PAGES`,
    :data:`MAX_CHARACTERS`) with these pages."""
    return len(pages) >= MAX_PAGES or sum(len(line) for p in pages for line in p.lines) > (
        MAX_CHARACTERS)


def _reason(exc: Exception) -> str:
    text = str(exc)
    return text[text.find("(") + 1 : text.rfind(")")] if "(" in text else text


def _page_lines(
    textpage: pdfium.PdfTextPage, number: int, letters: Counter[float]
) -> tuple[PdfPage, list[int]]:
    """The page's lines, and the character index each line starts at (``letters`` counts the
    letters of each type size).

    One ctypes call a character would cost seconds on a long PDF: the text comes in one call,
    and type sizes are read only for digits (superscript marks) and a sample of each line's
    letters (its type size).
    """
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    text = textpage.get_text_range(0, count, errors="replace") if count > 0 else ""
    if len(text) != count:  # characters beyond the BMP: indices differ, read one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count))
    size_of = pdfium_c.FPDFText_GetFontSize
    spans: list[tuple[int, int]] = []
    start = 0
    for brk in _BREAK.finditer(text):
        spans.append((start, brk.start()))
        start = brk.end()
    spans.append((start, len(text)))
    samples: list[list[float]] = []
    for a, b in spans:
        found = [m.start() for m in _LETTER.finditer(text, a, b)]
        step = max(1, len(found) // _SAMPLE)
        sample = [size_of(raw, i) for i in found[::step]]
        samples.append(sample)
        weight = len(found) / len(sample) if sample else 0
        for size in sample:
            letters[round(size, 1)] += weight  # type: ignore[assignment]
    every = [size for sample in samples for size in sample]
    body = statistics.median(every) if every else 0.0
    lines: list[str] = []
    line_sizes: list[float] = []
    heights: list[float] = []
    lefts: list[float] = []
    for (a, b), sample in zip(spans, samples, strict=True):
        size = statistics.median(sample) if sample else 0.0
        reference = size if len(sample) >= 3 else body
        lines.append(_line(raw, text, a, b, _MARK_RATIO * reference))
        line_sizes.append(size)
        left, bottom = _corner(raw, text, a, b)
        heights.append(bottom)
        lefts.append(left)
    return PdfPage(number, lines, line_sizes, body, heights, lefts), [a for a, _ in spans]


def _corner(raw: object, text: str, start: int, end: int) -> tuple[float, float]:
    """The left and bottom of a line's first visible character, in points."""
    for i in range(start, end):
        if not text[i].isspace():
            left, right = ctypes.c_double(), ctypes.c_double()
            bottom, top = ctypes.c_double(), ctypes.c_double()
            if pdfium_c.FPDFText_GetCharBox(raw, i, ctypes.byref(left), ctypes.byref(right),
                                            ctypes.byref(bottom), ctypes.byref(top)):
                return float(left.value), float(bottom.value)
            return 0.0, 0.0
    return 0.0, 0.0


def _line(raw: object, text: str, start: int, end: int, small: float) -> str:
    """Line ``text[start:end]`` with each digit run smaller than ``small`` wrapped as a mark."""
    out: list[str] = []
    at = start
    size_of = pdfium_c.FPDFText_GetFontSize
    for run in _DIGITS.finditer(text, start, end):
        flags = [0 < size_of(raw, i) < small for i in range(run.start(), run.end())]
        if not any(flags):
            continue
        i = run.start()
        while i < run.end():
            if not flags[i - run.start()]:
                i += 1
                continue
            j = i
            while j < run.end() and flags[j - run.start()]:
                j += 1
            out.append(text[at:i].translate(_DROP))
            out.append(f"{MARK_START}{text[i:j]}{MARK_END}")
            at = i = j
    out.append(text[at:end].translate(_DROP))
    return "".join(out).rstrip()


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
