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
import math
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from citecheck.parse.deferred import regex

__all__ = ["MARK_END", "MARK_START", "PdfLink", "PdfPage", "PdfProblem", "extract_pdf"]

MARK_START = "\x01"
MARK_END = "\x02"
# A digit run is a superscript mark when it is this much smaller than the letters around it.
_MARK_RATIO = 0.9
# Glyphs without a Unicode mapping come out as control characters; PDFium marks a word it has
# rejoined at a line-end hyphen with U+FFFE (and U+0002 in some builds).
_DROP: dict[int, int | str | None] = dict.fromkeys((*range(0, 9), 11, 12, *range(14, 32), 65534))
# PDFium gives a hyphen that ends a line as U+0002: kept as a soft hyphen until the whole text
# is read, then settled (see _settle_hyphens).
_SOFT = "\u00ad"
# After a line's soft hyphen: the line was cut from the next where PDFium had joined the two
# (see _soft_join), so the hyphen is settled as in a joined word.
_JOINED = "\u2064"
_HELD = "\u200b"  # a line whose text went to the line above: not blank (see repair.HOLD)
_DROP[2] = _DROP[0xFFFE] = _SOFT  # (its text API gives U+FFFE for it)
# The same line-end hyphen drawn as a text object of its own, not with the letters before it.
# A producer draws the hyphens it inserts one way and the text's own hyphens the other (Word
# draws its inserted "anna-" + "belle.ch" with the letters, a typed "wenn-der-" + "wecker"
# apart; InDesign the other way round): see _layout_hyphens. Settled with the others.
_SOFT_APART = "\ue0ad"
_SOFTS = (_SOFT, _SOFT_APART)


_BREAK = regex(r"\r\n|\r|\n")
_LETTER = regex(r"[^\W\d_]")
_DIGITS = regex(r"\d+")
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
#: read up to there, with a diagnostic (read_pdf says so).
MAX_PAGES = 3000
MAX_CHARACTERS = 6_000_000


def extract_pdf(data: bytes) -> tuple[list[PdfPage], list[PdfLink], bool]:
    """The pages and URI links of a PDF, and whether pages were left unread at the bound
    (:data:`MAX_PAGES`, :data:`MAX_CHARACTERS`). Raises :class:`PdfProblem` for an unreadable
    file."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise PdfProblem("encrypted", "the PDF is encrypted: a password is needed to read "
                             "it") from None
        raise PdfProblem("damaged", "not a readable PDF (damaged or truncated: "
                         f"{_reason(exc)})") from None
    tex = _made_by_tex(document)
    pages: list[PdfPage] = []
    links: list[PdfLink] = []
    letters: Counter[float] = Counter()
    characters = 0
    stopped = False
    try:
        for index in range(len(document)):
            if index >= MAX_PAGES or characters > MAX_CHARACTERS:
                stopped = True
                break  # the rest is not read (read_pdf says so): 100,000 empty pages took 19 s
            page = document[index]
            textpage = page.get_textpage()
            try:
                read, starts = _page_lines(page, textpage, index + 1, letters)
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
    _settle_hyphens(pages, tex)
    _settle_accents(pages)
    if not any(line.strip() for page in pages for line in page.lines):
        raise PdfProblem("no-text", f"the PDF has no text layer ({len(pages)} page"
                         f"{'s' if len(pages) != 1 else ''} of images, scanned?): run OCR first")
    return pages, links, stopped


def _made_by_tex(document: pdfium.PdfDocument) -> bool:
    """Whether the PDF's producer or creator is a TeX engine (pdfTeX, XeTeX, LuaTeX, dvipdfmx)."""
    try:
        metadata = document.get_metadata_dict()
    except pdfium.PdfiumError:
        return False
    return any(_TEX.search(metadata.get(key) or "") for key in ("Producer", "Creator"))


_TEX = regex(r"(?i)\b(?:pdf|xe|lua)?tex\b|pdftex|xetex|luatex|dvipdfm|dvips|\blatex\b")
_LETTERS = regex(r"[^\W\d_]+")
_AROUND_SOFT = regex(
    r"([^\W\d_]*)[\u00ad\ue0ad]\s*$|([^\W\d_]*)[\u00ad\ue0ad]([^\W\d_]*)")
_FIRST_LETTERS = regex(r"^\s*(?:\x01\d+\x02)?([^\W\d_]*)")
_IN_ADDRESS = regex(r"(?i)(?:https?://|www\.)[^\s/]+/\S*$")  # a break in a URL's path
# Hyphenation breaks a word between two letters: a hyphen next to a digit ("…-Revenue-and-" +
# "151-Billion", "COVID-" + "19", "2008-" + "02") is the text's own.
_BY_A_DIGIT = regex(r"\s*\d")
_IN_HOST = regex(r"(?i)(?:https?://|www\.)[\w.-]*$")  # a break in a URL's host name
_CAPITALISED = regex(r"[A-Z][a-z]")  # a word opening with a capital: "Authorities"


def _settle_hyphens(pages: list[PdfPage], tex: bool = False) -> None:
    """Decide each hyphen where a line broke: a word the layout broke ("compromis-" + "es") or
    a hyphen the text has ("secure-supply-chain-" + "assessment.md", a URL's own).

    PDFium marks both alike (and may already have joined the two lines), so the document's
    own words decide: the hyphen stays only where both pieces are words the document uses
    elsewhere and their join is not. Otherwise the break is the layout's and the hyphen goes.
    In a PDF that ``tex`` made, a break inside a URL keeps its hyphen (TeX never hyphenates
    one) unless the join is a word the document uses.
    """
    broken = [(page, i) for page in pages for i, line in enumerate(page.lines)
              if _SOFT in line or _SOFT_APART in line]
    if not broken:
        return
    words = Counter(_LETTERS.findall("\n".join("\n".join(page.lines) for page in pages).lower()))
    layout_form = _layout_hyphens(pages, words)

    def keep(head: str, tail: str, slug: bool) -> bool:
        head, tail = head.lower(), tail.lower()
        # (each piece was counted once at the break itself; in a hyphenated slug, "…-supply-
        # chain-" + "assessment.md", the word before the break is enough)
        return bool(head and tail) and words[head] > 1 and (words[tail] > 1 or slug) and (
            words[head + tail] == 0)

    def keeps_joined(head: str, tail: str, before: str, after: str, form: bool | None) -> bool:
        """Whether the hyphen of "head-tail", a word PDFium joined at the line end, stays."""
        if after[:1].isdigit() or (not head and before[-1:].isdigit()):
            return True
        if form is not None and (_IN_ADDRESS.search(before) or _IN_HOST.search(before)):
            return form  # the document's own hyphen, drawn unlike the layout's
        in_path = _IN_ADDRESS.search(before) is not None
        own = (tex and in_path) or _IN_HOST.search(before) is not None or (
                in_path and "-" in before.rsplit("/", 1)[-1])
        if head and _CAPITALISED.match(tail) and _IN_ADDRESS.search(before):
            # "…/projects/UNIMARC-" + "AuthoritiesFormat.pdf": hyphenation splits a word
            # between syllables, never before a capital that opens the next one; a
            # capitalised word after the break is the address's own next word.
            return True
        if own and not words[(head + tail).lower()] and not (
                not tex and _hyphenated_compound(head, tail, words)):
            # The same break with the two lines already joined ("…/europe/great" +
            # "britain/…"): TeX breaks a URL only at its own hyphens. (Word processors
            # and InDesign do hyphenate one's path: "…/tc39/propos-" + "al-compartments";
            # not its host name, no word to them: "www.sac-" + "isc.gc.ca"; nor a slug of
            # hyphenated words, whose line breaks at its own hyphens: "…/development-of-
            # indicators" + "on-municipal-…", "…-intl-hnk" + "scli/" stay two words.)
            return True
        return keep(head, tail, before.endswith("-"))

    for page, i in broken:
        below = next((k for k in range(i + 1, len(page.lines)) if page.lines[k].strip()), None)
        following = page.lines[below] if below is not None else ""
        cut = page.lines[i].endswith(_JOINED)
        page.lines[i] = page.lines[i].removesuffix(_JOINED)

        def settle(match: re.Match[str], following: str = following, cut: bool = cut,
                   below: int | None = below, page: PdfPage = page) -> str:
            form = None if layout_form is None else (
                (_SOFT_APART in match.group(0)) != layout_form)
            if match.group(1) is not None:  # at the end of the line: the word goes on below
                start = _FIRST_LETTERS.match(following)
                tail = start.group(1) if start is not None else ""
                before = match.string[: match.start()]
                if cut and match.group(1):
                    after = following[start.end() :] if start is not None else following
                    kept = keeps_joined(match.group(1), tail, before, after, form)
                    if kept or below is None or following.lstrip().startswith(MARK_START):
                        return match.group(1) + "-"
                    # A word the layout hyphenated ("…/tc39/propos-" + "al-compartments"):
                    # whole again on this line, as PDFium had it.
                    word, _, rest = following.lstrip().partition(" ")
                    page.lines[below] = rest.lstrip() or _HELD
                    return match.group(1) + word
                if _BY_A_DIGIT.match(following) or (
                        not match.group(1) and before[-1:].isdigit()):
                    return match.group(1) + "-"
                in_address = _IN_ADDRESS.search(before) or _IN_HOST.search(before)
                if in_address and form is not None:
                    if form or below is None or following.lstrip().startswith(MARK_START):
                        return match.group(1) + ("-" if form else "")
                    # The layout's hyphen in an address ("https://web.ar-" + "chive.org/…"):
                    # the address goes on below, whole again on this line.
                    word, _, rest = following.lstrip().partition(" ")
                    page.lines[below] = rest.lstrip() or _HELD
                    return match.group(1) + word
                if in_address and match.group(1) and _CAPITALISED.match(tail):
                    return match.group(1) + "-"  # "…/UNIMARC-" ⏎ "AuthoritiesFormat.pdf"
                if in_address and match.group(1) and tail and (tex or not (words[
                        (match.group(1) + tail).lower()] or _hyphenated_compound(
                        match.group(1), tail, words))):
                    # In an address TeX never hyphenates (it finds no word there: "…/cms/
                    # smart-" + "cities.php" keeps its hyphen though "smartcities" is a word
                    # elsewhere), and a path's or host's pieces need not be words ("…/equipes/
                    # analyse-" + "synthese/", "www.sac-" + "isc.gc.ca"): elsewhere the hyphen
                    # goes only where the join is a word the document uses ("compromis-" +
                    # "es-with", InDesign's).
                    return match.group(1) + "-"
                slug = before.endswith("-")
                return match.group(1) + ("-" if keep(match.group(1), tail, slug) else "")
            head, tail = match.group(2), match.group(3)
            before = match.string[: match.start()]
            after = match.string[match.end() : match.end() + 1]
            return head + ("-" if keeps_joined(head, tail, before, after, form) else "") + tail

        page.lines[i] = _AROUND_SOFT.sub(settle, page.lines[i])


_COMPOUND_PART = 3  # letters, at least, of each word a compound is read as
_FORM_EVIDENCE = 3  # line-end hyphens in prose, at least, that show how the layout draws its own
_FORM_SHARE = 0.8  # of which this share, at least, agree


def _layout_hyphens(pages: list[PdfPage], words: Counter[str]) -> bool | None:
    """How this PDF draws the hyphens its layout inserted: ``True`` as text objects of their
    own, ``False`` with the letters before them, ``None`` when it does not tell.

    Its prose shows the producer's way: a line-end hyphen whose join is a word the document
    writes elsewhere ("ver-" + "klebter") is the layout's, one before a capital ("Wecker-" +
    "Kacheln") or between two words whose join it never writes ("client-" + "side") the
    text's own. This decides a break inside a URL, where the words cannot ("www.anna-" +
    "belle.ch" is Word's; "…/wissenschaftliches-" + "arbeiten/…" the address's) — only where
    the URLs' breaks are drawn both ways: a PDF that draws all its hyphens alike tells nothing.
    """
    votes: Counter[bool] = Counter()  # for "the layout draws its hyphens apart", and against
    in_urls: set[bool] = set()
    for page in pages:
        for index, line in enumerate(page.lines):
            if _SOFT not in line and _SOFT_APART not in line:
                continue
            for match in _AROUND_SOFT.finditer(line):
                apart = _SOFT_APART in match.group(0)
                before = line[: match.start()]
                if _IN_ADDRESS.search(before) or _IN_HOST.search(before):
                    in_urls.add(apart)
                    continue
                if match.group(1) is not None:
                    following = next((page.lines[k] for k in range(index + 1, len(page.lines))
                                      if page.lines[k].strip()), "")
                    start = _FIRST_LETTERS.match(following)
                    head, tail = match.group(1), start.group(1) if start is not None else ""
                else:
                    head, tail = match.group(2), match.group(3)
                if not head or not tail:
                    continue
                joined = (head + tail).lower()
                if (head[-1].islower() and tail[0].isupper()) or (
                        words[head.lower()] > 1 and words[tail.lower()] > 1
                        and not words[joined]):
                    votes[not apart] += 1  # the text's own hyphen
                elif words[joined] and tail[0].islower():
                    votes[apart] += 1  # the layout's
    total = votes[True] + votes[False]
    if len(in_urls) < 2 or total < _FORM_EVIDENCE:
        return None
    form, most = votes.most_common(1)[0]
    return form if most >= _FORM_SHARE * total else None


def _hyphenated_compound(head: str, tail: str, words: Counter[str]) -> bool:
    """Whether a break in a host name is a word processor's hyphenation of a compound it did
    not know: neither piece is a word the document uses, but their join is two that it does
    ("openac-" + "cess.mpg.de": "open" + "access"). A host's own hyphen joins pieces that
    read as words ("open-" + "science.org") or that the document never writes ("sac-" +
    "isc.gc.ca")."""
    head, tail = head.lower(), tail.lower()
    if not head or not tail or words[head] > 1 or words[tail] > 1:
        return False
    joined = head + tail
    return any(
        words[joined[:cut]] > 1 and words[joined[cut:]] > 1
        for cut in range(_COMPOUND_PART, len(joined) - _COMPOUND_PART + 1)
        if cut != len(head)
    )


# TeX's accents as PDFium reads them: a spacing mark before its letter ("Guzm´an"), or cut
# off from its word ("Guzman, ´ Edouard", "Hohne, ¨ Jean").
_SPACING_ACCENTS = {"´": "\u0301", "¨": "\u0308", "ˆ": "\u0302", "˜": "\u0303", "ˇ": "\u030c",
                    "˘": "\u0306", "˚": "\u030a", "¸": "\u0327", "˝": "\u030b", "¯": "\u0304"}
_ACCENT = "[" + "".join(_SPACING_ACCENTS) + "]"
_GLUED_ACCENT = regex(f"({_ACCENT})([A-Za-zı])")
_LOOSE_ACCENT = regex(f"(?:(?<=\\s)|^){_ACCENT}(?:\\s+|$)")


def _accented(match: re.Match[str]) -> str:
    letter = "i" if match.group(2) == "ı" else match.group(2)  # "na¨ıve": the dot is the accent
    return unicodedata.normalize("NFC", letter + _SPACING_ACCENTS[match.group(1)])


# TeX's grave accent reads as a backtick, which code in a PDF prints too ("`git push`"): it
# goes back only on a word's last letter it was cut from ("Jord ` a." → "Jordà.") and is
# dropped where it stands alone ("Serra, J. `" at a line's end), never joined to a word after.
_GRAVE_SPLIT = regex(r"(?<=[^\W\d_]) ` ([a-z])(?![^\W\d_])")
_GRAVE_LOOSE = regex(r"(?:(?<=\s)|^)`(?:\s+|$)")


def _settle_accents(pages: list[PdfPage]) -> None:
    """Put spacing accents back on their letters ("Guzm´an" → "Guzmán"), and drop one left
    standing between words, where PDFium moved it off its letter: a name must read as one."""
    for page in pages:
        for i, line in enumerate(page.lines):
            text = line
            if any(accent in text for accent in _SPACING_ACCENTS):
                text = _LOOSE_ACCENT.sub("", _GLUED_ACCENT.sub(_accented, text))
            if "`" in text:
                text = _GRAVE_LOOSE.sub("", _GRAVE_SPLIT.sub(_grave, text))
            page.lines[i] = text


def _grave(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFC", match.group(1) + "\u0300")

def _reason(exc: Exception) -> str:
    text = str(exc)
    return text[text.find("(") + 1 : text.rfind(")")] if "(" in text else text


def _page_lines(
    page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, number: int, letters: Counter[float]
) -> tuple[PdfPage, list[int]]:
    """The page's lines, and the character index each line starts at (``letters`` counts the
    letters of each type size).

    One ctypes call a character would cost seconds on a long PDF: the text comes in one call,
    and type sizes are read only for digits (superscript marks) and a sample of each line's
    letters (its type size).
    """
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    try:
        text = textpage.get_text_range(0, count, errors="replace") if count > 0 else ""
    except (RecursionError, ctypes.ArgumentError):
        # pypdfium2 steps over the generated characters at each end of the range by recursion,
        # one level per character: a page that opens with a thousand of them overflows the
        # stack (ctypes wraps the RecursionError). Character by index has no such walk.
        text = ""
    if len(text) != count:
        text = _text_by_index(raw, count)
    text = _drawn_underscores(page, raw, text)
    size_of = _sizer(raw, text)
    spans: list[tuple[int, int]] = []
    start = 0
    for brk in _BREAK.finditer(text):
        spans.append((start, brk.start()))
        start = brk.end()
    spans.append((start, len(text)))
    spans, corners = _split_merged(raw, text, spans)
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
    above: tuple[float, float] | None = None  # size and height of the last line with letters
    for (a, b), sample, (left, bottom) in zip(spans, samples, corners, strict=True):
        size = statistics.median(sample) if sample else 0.0
        reference = size if len(sample) >= 3 else body
        if len(sample) < 3 and above is not None and 0 < above[1] - bottom <= 2 * above[0]:
            # A line of few letters right under a line in small type is measured against that
            # line, not the page: a reference's "S0267364922001017" or "1801.08992" wrapped in
            # 8-point type is the entry's text, not raised marks.
            reference = above[0]
        if len(sample) >= 3:
            above = (size, bottom)
        line = _apart_hyphens(raw, text, a, b,
                              _line(raw, text, a, b, _MARK_RATIO * reference, size_of=size_of))
        if b < len(text) and text[b - 1] == "\ufffe" and _IN_URL.search(
                text[text.rfind(" ", a, b) + 1 : b]) and _WORD_AFTER.match(text, b):
            line += _JOINED  # cut where PDFium had joined it to the next (see _soft_join)
        lines.append(line)
        line_sizes.append(size)
        heights.append(bottom)
        lefts.append(left)
    return PdfPage(number, lines, line_sizes, body, heights, lefts), [a for a, _ in spans]


# An underscore TeX draws as a rule (``\_`` in OT1 type has no glyph): a thin bar, about a
# letter wide, filling the gap between two characters at their baseline, which PDFium reads as
# a space ("…/article-p111 001.xml").
_RULE_THICKNESS = 1.5  # points, at most
_RULE_WIDTH = (1.0, 9.0)  # points
_RULE_FIT = 1.0  # points: how far the bar's ends may be from the characters either side
_RULE_DROP = 2.0  # points: how far below the baseline its top may be


def _drawn_underscores(page: pdfium.PdfPage, raw: object, text: str) -> str:
    """``text`` with each space that stands for an underscore drawn as a rule made ``_``.

    Only pages that print an address pay for it (a figure's thousands of paths are no cost
    elsewhere): their top-level path objects are scanned, and the spaces' neighbours measured
    only where such a bar is found.
    """
    if " " not in text or ("://" not in text and "www." not in text):
        return text
    bars: list[tuple[float, float, float, float]] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    refs = [ctypes.byref(v) for v in (left, bottom, right, top)]
    for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        thing = pdfium_c.FPDFPage_GetObject(page.raw, i)
        if pdfium_c.FPDFPageObj_GetType(thing) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(thing, *refs):
            continue
        width, thickness = right.value - left.value, top.value - bottom.value
        if 0 < thickness <= _RULE_THICKNESS and _RULE_WIDTH[0] <= width <= _RULE_WIDTH[1]:
            bars.append((left.value, bottom.value, right.value, top.value))
    if not bars:
        return text
    box = [ctypes.c_double() for _ in range(4)]
    box_refs = [ctypes.byref(v) for v in box]

    def edges(index: int) -> tuple[float, float, float] | None:
        """Left, right and baseline of character ``index`` (its box's bottom is no baseline:
        a "p" hangs below it)."""
        if not pdfium_c.FPDFText_GetCharBox(raw, index, *box_refs) or not (
                pdfium_c.FPDFText_GetCharOrigin(raw, index, box_refs[2], box_refs[3])):
            return None
        return box[0].value, box[1].value, box[3].value

    chars = list(text)
    for at in (m.start() for m in re.finditer(r"(?<=\S) (?=\S)", text)):
        before, after = edges(at - 1), edges(at + 1)
        if before is None or after is None or after[0] <= before[1]:
            continue
        baseline = before[2]
        if any(abs(bar[0] - before[1]) <= _RULE_FIT and abs(bar[2] - after[0]) <= _RULE_FIT
               and baseline - _RULE_DROP <= bar[3] <= baseline + _RULE_FIT for bar in bars):
            chars[at] = "_"
    return "".join(chars)


_CHUNK = 256
_PROBES = 24  # characters whose text matrix is read to tell how a page sets its type size
_TINY_FONT = 3.0  # points: a font set smaller than this is scaled up by its text matrix


def _sizer(raw: object, text: str) -> Callable[[object, int], float]:
    """How to read a character's type size on this page.

    Most producers set the size in the font (``/F1 9.5 Tf``) and PDFium's font size is it.
    Some (InDesign, the Adobe PDF Library) set every font at 1 pt and scale the text matrix
    instead: every character then reads 1.0, footnotes and raised marks alike. Where a sample
    of the page's characters has such tiny fonts and text matrices that scale them, the size is
    the font size times the matrix's scale — one more call a character, paid only on such
    pages.
    """
    font_size = pdfium_c.FPDFText_GetFontSize
    get_matrix = pdfium_c.FPDFText_GetMatrix
    matrix = pdfium_c.FS_MATRIX()
    step = max(1, len(text) // _PROBES)
    for i in range(0, len(text), step):
        if not text[i].isalnum() or not get_matrix(raw, i, matrix):
            continue
        if font_size(raw, i) >= _TINY_FONT:
            return font_size  # type: ignore[no-any-return]  # sizes set in the font
        if abs(abs(matrix.a * matrix.d - matrix.b * matrix.c) - 1.0) > 0.01:
            break
    else:
        return font_size  # type: ignore[no-any-return]

    def scaled(raw: object, index: int) -> float:
        size = float(font_size(raw, index))
        if get_matrix(raw, index, matrix):
            size *= math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
        return size

    return scaled


def _text_by_index(raw: object, count: int) -> str:
    """The page's text with one character per PDFium character index.

    PDFium's text of a page can be shorter than its character count (a generated character
    dropped, a non-BMP character taken apart, U+0002 given as U+FFFE), so line offsets found in
    it would not be character indices. Chunks whose text comes back whole are taken in one
    call; only the few that do not are read a character at a time (one ctypes call each would
    cost a second on a long PDF).
    """
    buffer = (ctypes.c_ushort * (_CHUNK + 1))()
    get_text, get_unicode = pdfium_c.FPDFText_GetText, pdfium_c.FPDFText_GetUnicode
    pieces: list[str] = []
    for start in range(0, count, _CHUNK):
        size = min(_CHUNK, count - start)
        written = get_text(raw, start, size, buffer) - 1  # without the terminating NUL
        units = buffer[:written] if written == size else None
        if (
            units is None
            # a dropped character can pull the next chunk's first one in: the ends must agree
            or units[0] != get_unicode(raw, start)
            or units[-1] != get_unicode(raw, start + size - 1)
            or (size > 1 and units[-2] != get_unicode(raw, start + size - 2))
            or 0xFFFE in units
            or any(0xD800 <= u < 0xE000 or u == 0 for u in units)
        ):
            units = [get_unicode(raw, i) for i in range(start, start + size)]
        pieces.append("".join(map(chr, units)))
    return "".join(pieces)


_RAISED = 0.8  # a note number's height, against the text's, at most
_RETURN = 4.0  # how far left (in character heights) the next line's start is from the text
_MEASURED = 8  # characters a line's text height is read from
_APART = 2.5  # a line's last character this many of its first one's heights lower is on
# another line (a raised mark sits a third of one higher)


class _Boxes:
    """Character boxes of one page, read through one set of ctypes buffers (allocating four
    doubles a call costs more than the call)."""

    def __init__(self, raw: object) -> None:
        self.raw = raw
        self.values = [ctypes.c_double() for _ in range(4)]
        self.refs = [ctypes.byref(value) for value in self.values]

    def __call__(self, index: int) -> tuple[float, float, float] | None:
        """The left, bottom and top of character ``index``, in points, or None."""
        if not pdfium_c.FPDFText_GetCharBox(self.raw, index, *self.refs):
            return None
        left, _, bottom, top = self.values
        return left.value, bottom.value, top.value

    def baseline(self, index: int, fallback: float) -> float:
        """The height of character ``index``'s baseline (its origin), else ``fallback``.

        A glyph's box is no measure of its line's height: a slash or a comma hangs below the
        baseline and a quotation mark stands above it, so a line opening with '/files/…' or
        '‘https://…' would read as set closer to (or farther from) its neighbours than it is.
        """
        if not pdfium_c.FPDFText_GetCharOrigin(self.raw, index, self.refs[0], self.refs[1]):
            return fallback
        return self.values[1].value


def _split_merged(
    raw: object, text: str, spans: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], list[tuple[float, float]]]:
    """Lines as they sit on the page, with the left and bottom of each one's first character.

    PDFium sometimes runs a footnote's first line on from a body line far above it
    ("…client-side (pre¹⁹ See, for example: https://docs."): such a line's last character is
    far below its first, and it is cut where the text drops. It may run one footnote on from
    the one above it as well ("…in the AD docket. ⁸MCAS is…"): it is cut where a small raised
    number starts a line again, lower and back at the left. A piece cut off is read again:
    Word's footnotes that are a bare URL each may come as three printed lines in one ("⁷ https://
    …importance ⁸ https://…/unterstuetzte-" and its URL's tail).
    """
    box = _Boxes(raw)
    out: list[tuple[int, int]] = []
    corners: list[tuple[float, float]] = []
    for a, b in spans:
        piece = text[a:b]
        stripped = piece.strip()
        if not stripped:
            out.append((a, b))
            corners.append((0.0, 0.0))
            continue
        first = a + piece.index(stripped[0])
        last = a + len(piece.rstrip()) - 1
        head = box(first)
        corners.append((head[0], box.baseline(first, head[1])) if head is not None
                       else (0.0, 0.0))
        out.append((a, b))
        while (cut := _cut_once(box, text, first, last, head)) is not None:
            first, head, note = cut
            out[-1] = (out[-1][0], first)
            out.append((first, b))
            corners.append((head[0], box.baseline(first, head[1])))
            if not note:
                break  # (text set on its side drops at every letter: one cut, as ever)
    return out, corners


def _cut_once(box: _Boxes, text: str, first: int, last: int,
              head: tuple[float, float, float] | None
              ) -> tuple[int, tuple[float, float, float], bool] | None:
    """Where the line from ``first`` to ``last`` (``head``: its first character's box) is
    cut in two, if it is two printed lines run together, and whether a footnote's number
    starts the second (then it is read again)."""
    if head is None or first == last or head[2] <= head[1]:
        return None
    # (a line that opens with punctuation is measured on its first letters: a URL's "-total&…"
    # after "…uninsured-" would measure a hyphen's hairline height, and drop at its "t")
    height = head[2] - head[1] if text[first].isalnum() else _text_height(
        box, text, first, last, head)
    limit = _APART * height
    joined = _soft_join(box, text, first, last, height)
    if joined is not None:
        return (*joined, True)
    tail = box(last)
    if tail is None or abs(tail[1] - head[1]) <= height:
        return None
    # A note run on is cut where its number starts, even when the line also drops by more
    # than the limit a short first letter sets ("sion.” …, ibid. ⁴In such …").
    cut = _run_on_note(box, text, first, last, head)
    if cut is not None:
        return (*cut, True)
    if abs(tail[1] - head[1]) > limit:
        dropped = _cut(box, text, first, last, head=head, limit=limit)
        return None if dropped is None else (*dropped, False)
    return None


_IN_URL = regex(r"(?i)(?:https?://|www\.)\S")
# What follows a URL's hyphen on the next printed line when the URL ended there: a word of the
# text, and more words after it ("Ives, N., Hanley, …"), not the URL's tail ("content/…").
_WORD_AFTER = regex(r"[^\W\d_]+[.,;:]?\s+\S")


def _soft_join(box: _Boxes, text: str, first: int, last: int, height: float
               ) -> tuple[int, tuple[float, float, float]] | None:
    """Where PDFium ran the next printed line on at a hyphen that ended a line: it gives such a
    hyphen as U+FFFE and joins the two lines ("…shelter-resources\ufffeand-data#…-placement-
    data\ufffeIves, N., …", a Word reference list's URL and the next entry). Where the hyphen
    ends a URL and words follow it, the piece after it that starts a line lower and back at the
    left is cut off; the hyphen stays with the first piece. A URL that goes on after its hyphen
    ("wp\ufffecontent/uploads/…") and a word hyphenated in prose stay joined, as PDFium gives
    them."""
    at = text.find("\ufffe", first, last)
    while at != -1:
        before, after = box(at - 1), box(at + 1) if at + 1 <= last else None
        word = text[text.rfind(" ", first, at) + 1 : at]
        if before is not None and after is not None and _IN_URL.search(word) and (
                _WORD_AFTER.match(text, at + 1, last + 1)) and (
                before[1] - after[1] > 0.5 * height and after[0] < before[0]):
            return at + 1, after
        at = text.find("\ufffe", at + 1, last)
    return None


def _cut(box: _Boxes, text: str, first: int, last: int, *, head: tuple[float, float, float],
         limit: float) -> tuple[int, tuple[float, float, float]] | None:
    """Where a line's text drops more than ``limit`` below its first character."""
    for i in range(first + 1, last + 1):
        found = None if text[i].isspace() else box(i)
        if found is not None and abs(found[1] - head[1]) > limit:
            return i, found
    return None


def _text_height(box: _Boxes, text: str, first: int, last: int,
                 head: tuple[float, float, float]) -> float:
    """A line's text height: the tallest of its first few letters and digits (not "§" or "(",
    which hang below). A line opening "sion.” …" starts with a letter no taller than a raised
    digit."""
    return max([head[2] - head[1], *(
        found[2] - found[1] for i in range(first + 1, min(first + _MEASURED, last + 1))
        if text[i].isalnum() and (found := box(i)) is not None)])


def _run_on_note(box: _Boxes, text: str, first: int, last: int,
                 head: tuple[float, float, float]) -> tuple[int, tuple[float, float, float]] | None:
    """Where a footnote run on from the line above starts: a small raised number a line lower
    than the line's start and back at the left ("… in the AD docket. ⁸MCAS is …"). Only digits
    are measured (and the character before each), not every character of the line."""
    height = _text_height(box, text, first, last, head)
    for match in _DIGIT_RUN.finditer(text, first + 1, last + 1):
        i = match.start()
        found = box(i)
        if found is None or abs(found[1] - head[1]) <= height or (
            found[2] - found[1] >= _RAISED * height
        ):
            continue
        j = i - 1
        while j > first and text[j].isspace():
            j -= 1
        before = box(j)
        if before is not None and found[0] < before[0] - _RETURN * height:
            return i, found
    return None


_DIGIT_RUN = regex(r"\d+")


def _apart_hyphens(raw: object, text: str, start: int, end: int, line: str) -> str:
    """``line`` with each line-end hyphen that PDFium's text object shows drawn on its own
    (see _SOFT_APART) marked so; left as it is where its hyphens cannot be matched up."""
    at = [i for i in range(start, end) if text[i] in "\ufffe\x02"]
    if not at or line.count(_SOFT) != len(at):
        return line
    apart = [_drawn_apart(raw, i) for i in at]
    if not any(apart):
        return line
    pieces = line.split(_SOFT)
    out = [pieces[0]]
    for alone, piece in zip(apart, pieces[1:], strict=True):
        out.append(_SOFT_APART if alone else _SOFT)
        out.append(piece)
    return "".join(out)


def _drawn_apart(raw: object, index: int) -> bool:
    """Whether the character at ``index`` is the only one of its PDF text object."""
    obj = pdfium_c.FPDFText_GetTextObject(raw, index)
    if not obj:
        return False
    size = pdfium_c.FPDFTextObj_GetText(obj, raw, None, 0)
    if size <= 0 or size > _OBJECT_TEXT:
        return False
    buffer = (ctypes.c_ushort * (size // 2 + 1))()
    pdfium_c.FPDFTextObj_GetText(obj, raw, buffer, size)
    return len("".join(map(chr, buffer[: size // 2 - 1])).strip()) <= 1


_OBJECT_TEXT = 64  # bytes: a text object longer than this holds more than a hyphen


def _line(raw: object, text: str, start: int, end: int, small: float, *,
          size_of: Callable[[object, int], float]) -> str:
    """Line ``text[start:end]`` with each digit run smaller than ``small`` wrapped as a mark."""
    out: list[str] = []
    at = start
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
        middle = (bottom + top) / 2
        index = textpage.get_index(left + 1, middle, 3, 3)
        if index is None or index < 0:  # the rectangle starts on a space: try its middle
            index = textpage.get_index((left + right) / 2, middle, (right - left) / 2 + 1, 3)
        if index is None or index < 0:
            # A rectangle much taller than its words (Word's, around "here."): its middle is
            # below their baseline; any character inside it will do.
            index = textpage.get_index((left + right) / 2, middle, (right - left) / 2 + 1,
                                       (top - bottom) / 2 + 1)
        line = bisect_right(starts, index) - 1 if index is not None and index >= 0 else None
        found.append(PdfLink(number, line, uri, anchor.translate(_DROP).replace(_SOFT, "")))
    return found
