"""Footnotes at the foot of PDF pages, and the superscript marks in the body that cite them.

A footnote starts with a line that begins with a superscript number (``⁶https://…``, or the
number alone on its line as Google Docs prints it) set in type smaller than the page's body
text; it runs over the following lines in that smaller type until the next footnote or a line
in body type (the other column of a two-column page). Everything else is body, handed to the
plain-text reader with the marks that cite a footnote taken out and any other superscript number
written as a Unicode superscript (``¹²``), which the text reader knows as a note marker.

A mark cites the footnote with its number on the same page (a footnote sits on the page of its
mark), else on the page before (a note continued over a page break).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from citecheck.parse.base import RawMarker, RawNote
from citecheck.parse.deferred import regex
from citecheck.parse.pdf.extract import MARK_END, MARK_START, PdfPage
from citecheck.parse.sentences import split_sentences

__all__ = ["Layout", "split_layout"]

_MARK = regex(f"{MARK_START}(\\d+){MARK_END}")
_ADDRESS_STARTS = ("http://", "https://", "www.")
_LEADING_MARK = regex(f"^\\s*{MARK_START}(\\d+){MARK_END}\\s*")
_RAISED_DECIMAL = regex(f"[.,]{MARK_START}\\d")
_PLAIN_LEAD = regex(r"^\s*(\d{1,3})\.?\s+(?=\S)")  # "4 …", "4. …" (biblatex-chicago)
_FOOT_SHARE = 0.6  # of the height of the page's top line: footnotes start below it
_SMALL = 0.95  # footnote type is smaller than this share of the body type
_STAMP = 0.6  # a stamp's type is smaller than this share of the body type
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_PAGE_NUMBER = regex(
    r"(?i)^\s*(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:/|of)\s*\d{1,4})?\s*$")
_MAX_GAP = 3  # footnote numbers skipped at most between two found footnotes
_CONTEXT = 8  # lines before a mark (and half as many after) read to find its sentence
_SPACE_BEFORE_STOP = regex(r"\s+(?=[,.;:)])")  # where a mark stood: "Khlaaf et al. ,"


@dataclass
class Layout:
    """A PDF's lines sorted into body and footnotes, over one global line count."""

    page_starts: list[int]  # global index of each page's first line
    body_lines: list[str] = field(default_factory=list)
    body_where: list[int] = field(default_factory=list)  # global index of each body line
    footnotes: list[RawNote] = field(default_factory=list)  # lines are global, 1-based
    markers: list[RawMarker] = field(default_factory=list)
    # A footnote's line → the first and last global line (1-based) of its part that runs on at
    # the foot of the next page; that part's text ends the note's last line.
    carried: dict[int, tuple[int, int]] = field(default_factory=dict)

    def global_line(self, page: int, line: int) -> int:
        """The 0-based global index of a page's 0-based line."""
        return self.page_starts[page - 1] + line

    def line_text(self, index: int) -> str:
        """The body text of a 0-based global line ("" for a footnote's line)."""
        at = bisect_right(self.body_where, index) - 1
        return self.body_lines[at] if at >= 0 and self.body_where[at] == index else ""

    def where(self, index: int) -> tuple[int, int]:
        """The 1-based page and 1-based line on it of a 0-based global index."""
        page = bisect_right(self.page_starts, index)
        return page, index - self.page_starts[page - 1] + 1


@dataclass
class _Mark:
    label: str
    page: int
    line: int  # global index
    column: int  # 0-based in the cleaned line
    sentence: str


def split_layout(pages: list[PdfPage]) -> Layout:
    """Sort every page's lines into footnotes and body, and pair footnotes with their marks."""
    starts: list[int] = []
    total = 0
    for page in pages:
        starts.append(total)
        total += len(page.lines)
    layout = Layout(starts)
    defined: dict[int, set[str]] = {}
    body_marks: list[_Mark] = []
    body: list[tuple[int, int, str]] = []  # (page, global index, raw line)
    running = _running_lines(pages)
    chosen = _choose(pages)
    paragraphs: bool | None = None  # whether lists so far indent first lines (None: unknown)
    symbols: dict[int, dict[int, str]] = {}  # page → {line: symbol} of symbol footnotes
    for page in pages:
        symbols[page.number] = _symbol_notes(page)
        footnote_lines = _footnote_lines(
            page, {**chosen.get(page.number, {}), **symbols[page.number]})
        skip = running.get(page.number, set()) | _stamps(page)
        indents, paragraphs = _indents(page, skip, paragraphs)
        carried = _carried_on(page, footnote_lines, skip, layout, starts)
        current: tuple[str, int, list[str]] | None = None
        for i, text in enumerate(page.lines):
            index = starts[page.number - 1] + i
            entry = footnote_lines.get(i)
            if (i in skip and entry is None) or i in carried:
                continue  # a running header or footer, the page number, a note running on
            if entry is None:
                if current is not None:
                    layout.footnotes.append(_note(current))
                    current = None
                shown = " " * indents[i] + text.lstrip() if text else text
                body.append((page.number, index, shown))
                continue
            label = entry
            if label:
                if current is not None:
                    layout.footnotes.append(_note(current))
                rest = _LEADING_MARK.sub("", text, count=1)
                if label in _SYMBOLS:
                    rest = text.strip()[1:]
                elif rest == text:  # a number printed level with the note: "4 https://…"
                    rest = _PLAIN_LEAD.sub("", text, count=1)
                current = (label, index, [rest] if rest.strip() else [])
                defined.setdefault(page.number, set()).add(label)
            elif current is not None and not current[2] and index == current[1] + 1:
                # A number raised above its note's first line is a line of its own to PDFium
                # ("³" ⏎ "“Politician and paedophile …”"): the note starts where its text does,
                # so a link over that text is the note's.
                current = (current[0], index, [text])
            elif current is not None:
                current[2].append(text)
        if current is not None:
            layout.footnotes.append(_note(current))

    symbol_marks = _symbol_marks(body, symbols)
    for position, (page_number, index, text) in enumerate(body):
        for match in _MARK.finditer(text):
            body_marks.append(_Mark(match.group(1), page_number, index, match.start(),
                                    _sentence(body, position, match.start())))
    cited = _cite(body_marks, defined)
    for _page, index, text in body:
        def plain(match: re.Match[str], index: int = index) -> str:
            if (index, match.start()) in cited:
                return ""
            return match.group(1).translate(_SUPERSCRIPT)

        layout.body_lines.append(_MARK.sub(plain, text))
        layout.body_where.append(index)
    for mark in body_marks:
        if (mark.line, mark.column) in cited:
            layout.markers.append(RawMarker(mark.label, mark.line + 1, mark.sentence,
                                            mark.column + 1))
    layout.markers.extend(symbol_marks)
    return layout


# LaTeX's \thanks and a title's or author's note: "Title∗" ⏎ … ⏎ "∗University of …".
_SYMBOLS = "∗*†‡§¶"
_SYMBOL_START = regex(f"^\\s*([{_SYMBOLS}])\\s*(?=[^\\W\\d_])")


def _symbol_glued(symbol: str) -> re.Pattern[str]:
    """A symbol glued to the word it marks ("Pyre∗", "Smith,†")."""
    return re.compile(f"(?<=[^\\W_]|[.,;:”’)])[{re.escape(symbol)}](?=\\s|$|[,.;:])")


def _symbol_notes(page: PdfPage) -> dict[int, str]:
    """Line → symbol of the page's symbol footnotes: a line at the foot in footnote type that
    opens with "∗", "†", "‡"… before its text, where a line above on the page carries that
    symbol glued to a word (a title's or an author's note)."""
    foot = _FOOT_SHARE * max(page.heights, default=0.0)
    small = _SMALL * page.body_size
    found: dict[int, str] = {}
    for i, text in enumerate(page.lines):
        start = _SYMBOL_START.match(text)
        if start is None or page.heights[i] > foot or not 0 < page.sizes[i] < small:
            continue
        if any(page.sizes[k] >= small and page.heights[k] < page.heights[i]
               for k in range(len(page.lines)) if page.lines[k].strip()):
            continue  # text in body type below it: a table's or a figure's note, no footnote
        symbol = start.group(1)
        glued = _symbol_glued(symbol)
        if symbol not in found.values() and any(
            glued.search(page.lines[k]) for k in range(i)
            if page.heights[k] > page.heights[i] and page.sizes[k] >= small  # not a table's
        ):
            found[i] = symbol
    return found


def _symbol_marks(body: list[tuple[int, int, str]], symbols: dict[int, dict[int, str]]
                  ) -> list[RawMarker]:
    """The marks of the symbol footnotes: on each page, the first body line carrying the
    symbol glued to a word, taken out of the body text (``body`` is changed)."""
    marks: list[RawMarker] = []
    for page_number, found in symbols.items():
        for symbol in found.values():
            glued = _symbol_glued(symbol)
            for position, (number, index, text) in enumerate(body):
                match = glued.search(text) if number == page_number else None
                if match is None:
                    continue
                body[position] = (number, index, text[: match.start()] + text[match.end() :])
                marks.append(RawMarker(symbol, index + 1, _sentence(body, position,
                                                                     match.start()),
                                       match.start() + 1))
                break
    return marks


_ENDS_SENTENCE = regex(r"[.!?:][\"'\u201d\u2019)\]]*\s*$")
_CAPTION = regex(r"(?i)^\s*(?:fig(?:ure)?\.?|table|source|note)\s")


def _carried_on(page: PdfPage, footnote_lines: dict[int, str], skip: set[int], layout: Layout,
                starts: list[int]) -> set[int]:
    """The lines at the foot of ``page`` that go on with the last footnote of the page before,
    broken off mid-sentence by the page break (LaTeX runs a long note on at the next page's
    foot): lines in footnote type right under the body text, before the page's first footnote
    or its end, with no number of their own. Their text ends that note's last line (so the
    note's own lines stay one run) and ``layout.carried`` keeps where they are."""
    if not layout.footnotes or page.number < 2:
        return set()
    last = layout.footnotes[-1]
    if not starts[page.number - 2] < last.line <= starts[page.number - 1]:
        return set()  # the page before has no footnote
    if not last.text.strip() or _ENDS_SENTENCE.search(last.text):
        return set()
    small = _SMALL * page.body_size
    foot = _FOOT_SHARE * max(page.heights, default=0.0)
    run: list[int] = []
    for i, text in enumerate(page.lines):
        if footnote_lines.get(i):
            break  # the page's own first footnote
        if i in skip or i in footnote_lines or not text.strip():
            continue
        if 0 < page.sizes[i] < small and 0 < page.heights[i] < foot:
            if not run and (_LEADING_MARK.match(text) or _CAPTION.match(text)):
                return set()
            run.append(i)
        elif run:
            return set()  # body text again after it: not the foot of the page
    if not run or not all(_flows(page, b) for b in run[1:]):
        return set()
    before = [i for i in range(run[0]) if page.sizes[i] > 0 and i not in skip]
    if not before or page.sizes[before[-1]] < small:
        return set()  # a note runs on only under body text
    text = " ".join(_MARK.sub("", page.lines[i]).replace("\u200b", "").strip() for i in run)
    layout.footnotes[-1] = replace(last, text=f"{last.text.rstrip()} {text}")
    first = starts[page.number - 1]
    layout.carried[last.line] = (first + run[0] + 1, first + run[-1] + 1)
    return set(run)


def _footnote_lines(page: PdfPage, accepted: dict[int, str]) -> dict[int, str]:
    """Line index → the label of the footnote it starts (``accepted``: the starts chosen), or
    "" for a footnote's later line."""
    small = _SMALL * page.body_size
    found: dict[int, str] = {}
    inside = False
    lines = page.lines
    lowest = 0.0  # the height of the footnote's last line with text
    for i, text in enumerate(lines):
        size, height = page.sizes[i], page.heights[i]
        if i in accepted:
            found[i] = accepted[i]
            inside, lowest = True, height
            continue
        if inside and _PAGE_NUMBER.match(text):
            inside = False  # the page number under the footnotes
        elif inside and 0 < lowest < height - page.body_size:
            # Back up the page: the next column's top, which may be set in the footnote's
            # small type too (a reference list, a caption), is not the footnote running on.
            inside = False
        elif inside and (size == 0 or size < small or not text.strip() or _flows(page, i)):
            found[i] = ""
            lowest = height or lowest
        else:
            inside = False
    return found


def _stamps(page: PdfPage) -> set[int]:
    """A page's stamps: lines in tiny type below (or above) all its other text, which a
    repository or a download adds ("View publication stats", "Downloaded from … on …")."""
    filled = [i for i, text in enumerate(page.lines) if text.strip() and page.heights[i] > 0]
    tiny = {i for i in filled if 0 < page.sizes[i] < _STAMP * page.body_size}
    text = [page.heights[i] for i in filled if i not in tiny]
    if not tiny or not text:
        return set()
    low, high = min(text) - page.body_size, max(text) + page.body_size
    return {i for i in tiny if not low <= page.heights[i] <= high}


def _running_lines(pages: list[PdfPage]) -> dict[int, set[int]]:
    """Page → the lines of running headers and footers: among a page's first and last three
    lines, those that recur (digits aside) on at least three pages, and bare page numbers."""
    edges: dict[int, list[tuple[int, str]]] = {}
    counts: dict[str, int] = {}
    page_lines = {page.number: page.lines for page in pages}
    for page in pages:
        filled = [i for i, text in enumerate(page.lines) if text.strip()]
        chosen = filled[:3] + filled[-3:]
        keys = []
        for i in dict.fromkeys(chosen):
            # A page number set smaller than the text reads as a raised mark ("⁸" alone on
            # its line): it is the bare number it prints.
            key = re.sub(r"\d+", "#", _MARK.sub(_digits, page.lines[i]) if _MARK.fullmatch(
                page.lines[i].strip()) else _MARK.sub("", page.lines[i])).strip().lower()
            keys.append((i, key))
        edges[page.number] = keys
        for key in {k for _, k in keys}:
            counts[key] = counts.get(key, 0) + 1
    needed = 3 if len(pages) >= 4 else len(pages) + 1
    numbered = {number for number, keys in edges.items()
                if any(_PAGE_NUMBER.match(key.replace("#", "1")) for _, key in keys)}
    found: dict[int, set[int]] = {}
    for number, keys in edges.items():
        for position, (i, key) in enumerate(keys):
            recurs = len(key) > 3 and counts[key] >= needed and not _ends_sentence_above(
                page_lines[number], i, key)
            # A bare number is the page's number at the page's very top or foot, or where
            # other pages print theirs too: not "2025" wrapped under a reference's first line
            # on the one page of a document that numbers none.
            outermost = position == 0 or position == len(keys) - 1
            if recurs or (_PAGE_NUMBER.match(key.replace("#", "1")) and (
                    outermost or len(numbered) > 1)):
                found.setdefault(number, set()).add(i)
    return found


def _ends_sentence_above(lines: list[str], i: int, key: str) -> bool:
    """Whether line ``i``, figures and a stop alone ("30.09.2022."), ends the sentence of the
    line above, which broke off before it ("…, zuletzt aufgerufen am"): a note's access date
    recurs on many pages, set at the foot of each, yet it is text, not a running foot."""
    if not key.endswith(".") or any(char.isalpha() for char in key):
        return False
    above = next((lines[k].rstrip() for k in range(i - 1, -1, -1) if lines[k].strip()), "")
    return bool(above) and above[-1].isalpha()


def _digits(match: re.Match[str]) -> str:
    return match.group(1)


def _indents(page: PdfPage, skip: set[int], paragraphs: bool | None = None
             ) -> tuple[list[int], bool | None]:
    """Each line's indentation in spaces, against the leftmost line of its column block.

    The text reader tells a hanging-indented bibliography entry from its continuation lines by
    their indentation, which PDF text has lost; a block is a run of lines each right under
    the one before. ``paragraphs``: whether the pages before set lists as first-line-indented
    paragraphs (see :func:`_first_line_indents`); returned for the next page.
    """
    out = [0] * len(page.lines)
    step = max(page.body_size * 0.5, 1.0)
    start = 0
    for i in range(1, len(page.lines) + 1):
        # The column's left edge is measured over lines up to two pitches apart: PDFium may
        # give two printed lines as one (a link running over both), and the entry's
        # continuation lines after it must not become a block of their own, flush.
        if i < len(page.lines) and _flows(page, i, _BLOCK_REACH):
            continue
        lefts = [page.lefts[k] for k in range(start, i) if page.heights[k] > 0 and k not in skip]
        base = min(lefts) if lefts else 0.0
        for k in range(start, i):
            if page.heights[k] > 0 and k not in skip:
                out[k] = min(2, round((page.lefts[k] - base) / step))
        start = i
    start = 0
    blocks: list[range] = []
    for i in range(1, len(page.lines) + 1):
        if i < len(page.lines) and _flows(page, i):
            continue
        blocks.append(range(start, i))
        start = i
    verdict = _first_line_indents(page, out, blocks, skip, paragraphs)
    _spaced_paragraphs(page, out, blocks, skip)
    return out, verdict


_BLOCK_REACH = 3.5  # body sizes: two line pitches and a little more
_SPACED = 1.2  # a gap this many times the line pitch (or more) parts two paragraphs
_SPACED_MIN = 3  # so many gaps of each size, at least, before the two sizes are believed


def _spaced_paragraphs(page: PdfPage, out: list[int], blocks: list[range], skip: set[int]
                       ) -> None:
    """Blocks set flush whose paragraphs stand apart by space, not by indentation (WeasyPrint's
    reference lists): rewritten as the hanging indents the text reader knows (the line after a
    wider gap flush, the others indented), in place. A block with any line indented already
    tells its paragraphs apart and is left alone."""
    for block in blocks:
        lines = [k for k in block if page.heights[k] > 0 and k not in skip
                 and page.lines[k].strip()]
        if len(lines) < 3 or any(out[k] > 0 for k in lines):
            continue
        gaps = [page.heights[a] - page.heights[b] for a, b in itertools.pairwise(lines)]
        ranked = sorted(gaps)
        if ranked[0] <= 0:
            continue
        # The gaps fall in two sizes, the line pitch (give or take a raised mark) and the
        # pitch plus the space between paragraphs: split them where they jump most.
        jump, cut = max((b / a, b) for a, b in itertools.pairwise(ranked))
        if jump < _SPACED:
            continue
        wide = [gap >= cut for gap in gaps]
        if wide.count(False) < _SPACED_MIN or wide.count(True) < _SPACED_MIN:
            continue
        for n, k in enumerate(lines[1:]):
            out[k] = 0 if wide[n] else 2


_SHORT_LINE = 0.8  # of a block's longest line: a paragraph's last line ends short
_MIN_PARAGRAPHS = 3


def _first_line_indents(page: PdfPage, out: list[int], blocks: list[range], skip: set[int],
                        previous: bool | None) -> bool | None:
    """Blocks whose paragraphs indent their first line (the line before each indented one
    ends short, as a paragraph's last line does) rather than hang: a list typeset so has one
    entry per paragraph. Rewritten as the hanging indents the text reader knows (a paragraph's
    first line flush, the others indented), in place. Space between paragraphs cuts a list
    into blocks of a few lines: a block too short to tell takes the verdict of the nearest
    block after it that can, else before it, else ``previous`` (the pages before); returns
    the verdict the next page starts from."""
    chosen = [[k for k in block if page.heights[k] > 0 and k not in skip and page.lines[k].strip()]
              for block in blocks]
    chosen = [lines for lines in chosen if len(lines) >= 2]
    if not chosen:
        return previous
    widest = max(len(page.lines[k].rstrip()) for lines in chosen for k in lines)

    def short(k: int) -> bool:
        return len(page.lines[k].rstrip()) < _SHORT_LINE * widest

    def verdict(lines: list[int]) -> bool | None:
        starts = ends = flush_after_short = 0
        for n in range(1, len(lines)):
            here, before = lines[n], lines[n - 1]
            if out[here] > 0 and out[before] == 0:
                starts += 1
                ends += short(before)
            elif out[here] == 0 and out[before] > 0 and short(before):
                flush_after_short += 1
        if starts < _MIN_PARAGRAPHS:
            return None  # too short to tell
        return ends * 10 >= starts * 7 and flush_after_short <= starts // 3

    told = [verdict(lines) for lines in chosen]
    for index, lines in enumerate(chosen):
        decided = told[index]
        if decided is None:
            after = [v for v in told[index + 1 :] if v is not None]
            before = [v for v in told[:index] if v is not None]
            decided = after[0] if after else (before[-1] if before else bool(previous))
        # A block with no line indented has no first lines to tell apart: rewriting it would
        # make every line after its first a continuation (WeasyPrint sets entries flush, apart
        # by space), so it stays as it is.
        if decided and any(out[k] > 0 for k in lines):
            for n, k in enumerate(lines):
                out[k] = 0 if n == 0 or out[k] > 0 else 2
    known = [v for v in told if v is not None]
    return known[-1] if known else previous


def _flows(page: PdfPage, i: int, reach: float = 2) -> bool:
    """Whether line ``i`` sits right under the line before it (same column, next line), at
    most ``reach`` body sizes below it, or goes on along the same baseline to its right (one
    printed line PDFium gives as two: "—" ⏎ ". 1999. Preemptive …")."""
    above, here = page.heights[i - 1], page.heights[i]
    if not (i > 0 and above > 0 and here > 0):
        return False
    if abs(above - here) < _SAME_BASELINE * page.body_size:
        return page.lefts[i] > page.lefts[i - 1]
    return 0 < above - here <= reach * page.body_size


_SAME_BASELINE = 0.05  # of the body size: two pieces of one printed line


@dataclass(frozen=True)
class _Candidate:
    page: int
    line: int
    number: int
    strong: bool  # text in footnote type follows the number (not the number alone)


def _candidates(page: PdfPage) -> list[_Candidate]:
    """Lines that may start a footnote: a raised number at the line start, then text in
    footnote type (smaller than the body's; or, where a document sets footnotes in body type,
    a capital after a number already raised in the text above), or the number alone (a
    redacted or empty note; the text may follow on the next line)."""
    small = _SMALL * page.body_size
    found: list[_Candidate] = []
    lines = page.lines
    cited: set[str] = set()
    # Footnotes sit at the foot of the page: a number in its upper part is a figure's label,
    # an affiliation or an exponent.
    foot = _FOOT_SHARE * max(page.heights, default=0.0)
    for i, text in enumerate(lines):
        if page.heights[i] > foot:
            cited.update(_MARK.findall(text))
            continue
        lead = _LEADING_MARK.match(text)
        if lead is None:
            plain = _PLAIN_LEAD.match(text)
            if plain is not None and plain.group(1) in cited and 0 < page.sizes[i] < small:
                # "4 https://…" in footnote type under a text raising ⁴: the footnote's number
                # printed level with its text (InDesign), not raised.
                found.append(_Candidate(page.number, i, int(plain.group(1)), True))
                continue
            cited.update(_MARK.findall(text))
            continue
        cited.update(_MARK.findall(text[lead.end():]))
        if _RAISED_DECIMAL.match(text, lead.end()):
            continue  # "¹.⁷⁵x": a table's figures a font raises, not a footnote's number
        rest = text[lead.end():].strip()
        number = int(lead.group(1))
        if rest:
            # A note in body type starts like a citation: a capital or an address.
            same_type = lead.group(1) in cited and (
                rest[:1].isupper() or rest.lower().startswith(_ADDRESS_STARTS))
            if 0 < page.sizes[i] < small or same_type:
                found.append(_Candidate(page.number, i, number, True))
            else:
                cited.add(lead.group(1))  # "pip-audit" ⏎ "¹ and It-Depends²": a mark, wrapped
            continue
        after = next((k for k in range(i + 1, len(lines)) if lines[k].strip()), None)
        below = lines[after].strip() if after is not None else ""
        if (after is not None and lead.group(1) in cited and 0 < page.sizes[after] < small
                and (below[:1].isupper() or below.lower().startswith(_ADDRESS_STARTS))):
            # Word's "¹" alone on its line, the note's text in footnote type below, after a
            # text that raises "¹": a footnote as sure as one whose text follows the number
            # (LaTeX's raised "¹" too, over a footnote that is only its address).
            found.append(_Candidate(page.number, i, number, True))
        elif (after is None or _PAGE_NUMBER.match(lines[after]) is not None
                or 0 < page.sizes[after] < small or _LEADING_MARK.match(lines[after])):
            found.append(_Candidate(page.number, i, number, False))
        else:
            cited.add(lead.group(1))
    return found


def _choose(pages: list[PdfPage]) -> dict[int, dict[int, str]]:
    """Page → {line: label} of the footnotes, chosen so that their numbers run on through the
    document (a page may list its footnotes in any order; a gap of a few numbers is a note the
    text layer lost; numbering may restart at 1 on a later page).

    A raised digit at a line start is as often a formula's exponent: a candidate counts only
    when it continues the numbering; a number alone on its line only when it is the very next
    number (and, for the first footnote, when a footnote with text follows within a few).
    """
    candidates = sorted((c for page in pages for c in _candidates(page)),
                        key=lambda c: (c.page, c.number))
    chosen: dict[int, dict[int, str]] = {}
    previous = 0
    previous_page = 0
    for index, candidate in enumerate(candidates):
        restart = (candidate.number == 1 and candidate.strong and previous > 1
                   and candidate.page > previous_page and any(
                       later.strong and later.number == 2 and later.page <= candidate.page + 1
                       for later in candidates[index + 1 : index + 40]))
        if not restart and not previous < candidate.number <= previous + _MAX_GAP:
            continue
        if not candidate.strong and (candidate.number != previous + 1 or (
            previous == 0 and not any(
                later.strong and later.page <= candidate.page + 1
                and candidate.number < later.number <= candidate.number + _MAX_GAP
                for later in candidates[index + 1 :]
            )
        )):
            continue
        chosen.setdefault(candidate.page, {})[candidate.line] = str(candidate.number)
        previous, previous_page = candidate.number, candidate.page
    return chosen


def _note(current: tuple[str, int, list[str]]) -> RawNote:
    label, index, parts = current
    text = "\n".join(_MARK.sub("", part).replace("\u200b", "").strip() for part in parts)
    return RawNote(label, index + 1, text)


def _sentence(body: list[tuple[int, int, str]], position: int, column: int) -> str:
    """The sentence around a mark, read from the body lines near it."""
    before = [_MARK.sub("", t) for _, _, t in body[max(0, position - _CONTEXT) : position]]
    after = [_MARK.sub("", t) for _, _, t in body[position + 1 : position + 1 + _CONTEXT // 2]]
    line = body[position][2]
    head = _MARK.sub("", line[:column])
    tail = _MARK.sub("", line[column:])
    text = " ".join([*before, head]).strip()
    at = len(text)
    text = f"{text} {tail.strip()} {' '.join(after)}".strip() if tail.strip() else (
        f"{text} {' '.join(after)}".strip())
    for start, end in split_sentences(text) or [(0, len(text))]:
        if start <= max(at - 1, 0) < end:
            return _SPACE_BEFORE_STOP.sub("", " ".join(text[start:end].split()))
    return _SPACE_BEFORE_STOP.sub("", " ".join(text.split()))


def _cite(marks: list[_Mark], defined: dict[int, set[str]]) -> set[tuple[int, int]]:
    """Which marks cite a footnote: the first mark with its number on the footnote's page, else
    on the page before (a formula's superscripts further down are not note marks)."""
    cited: set[tuple[int, int]] = set()
    taken: set[tuple[int, str]] = set()
    # The footnote's own page first: a chart's raised "15" at the foot of the page before is
    # no mark of footnote 15 when the text above the footnote raises one.
    for offset in (0, 1):
        for mark in marks:
            page = mark.page + offset
            if (mark.line, mark.column) in cited or (page, mark.label) in taken:
                continue
            if mark.label in defined.get(page, ()):
                taken.add((page, mark.label))
                cited.add((mark.line, mark.column))
    return cited
