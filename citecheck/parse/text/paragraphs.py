"""The body's paragraphs, positions in them, and the claim sentence a marker cuts from one."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from citecheck.parse.deferred import regex
from citecheck.parse.text.entries import _TERMINAL, _heading_like, _is_blank

_HYPHEN_WRAP = regex(r"(?<=[^\W\d_])-\n[ \t]*(?=[a-z])")


def _claim(paragraph: str, span: tuple[int, int], runs: list[tuple[int, int]]) -> str:
    """The sentence ``span`` with the marker runs ``runs`` (:func:`_merge_runs`, in order)
    removed and spacing closed up.

    Only the runs that touch the sentence are looked at (found by bisection), and only the
    character after each cut, so a paragraph of thousands of markers stays linear.
    """
    start, end = span
    pieces: list[str] = []
    last = start
    first = max(bisect_right(runs, (start, -1)) - 1, 0)
    for cut_start, cut_end in runs[first:]:
        if cut_start >= end:
            break
        if cut_end <= start or cut_start < last:
            continue
        piece = paragraph[last:cut_start]
        after = _NON_SPACE.search(paragraph, cut_end, end)
        if after is None or after.group() in ".,;:!?)]}»”’":
            piece = piece.rstrip()
        pieces.append(piece)
        last = cut_end
    pieces.append(paragraph[last:end])
    text = "".join(pieces)
    if "-\n" in text:
        # "deforestation-\nfree": a compound broken at its hyphen by the line wrap.
        text = _HYPHEN_WRAP.sub("-", text)
    return " ".join(text.split())  # as re.sub(r"\s+", " ", text).strip(), 8x faster


_NON_SPACE = regex(r"\S")


def _merge_runs(paragraph: str, cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Markers in a row (``[4][5]``, ``[1], [2]``, ``¹ ²``) as one cut, with what separates them.

    Cut one by one, the space or comma between them would stay behind (``poles ,.``).
    """
    merged: list[tuple[int, int]] = []
    for cut in cuts:
        if merged and 0 <= cut[0] - merged[-1][1] <= 3:
            between = paragraph[merged[-1][1] : cut[0]]
            if not between.strip(" ,;\u00a0"):
                merged[-1] = (merged[-1][0], max(merged[-1][1], cut[1]))
                continue
        merged.append(cut)
    return merged


@dataclass(slots=True)
class _Paragraph:
    first_line: int  # 0-based line index
    text: str  # lines joined with "\n", as written
    line_starts: list[int]  # offsets of each line in ``text``


def _paragraphs(lines: list[str], skip: list[tuple[int, int]]) -> list[_Paragraph]:
    """Body paragraphs (blank-line separated, headings on their own) outside ``skip`` ranges."""
    out: list[_Paragraph] = []
    skip_at = 0
    current: list[int] = []

    def flush() -> None:
        if not current:
            return
        starts: list[int] = []
        offset = 0
        for index in current:
            starts.append(offset)
            offset += len(lines[index]) + 1
        out.append(_Paragraph(current[0], "\n".join(lines[i] for i in current), starts))
        current.clear()

    i = 0
    n = len(lines)
    while i < n:
        if skip_at < len(skip) and i >= skip[skip_at][0]:
            flush()
            i = max(i, skip[skip_at][1])
            skip_at += 1
            continue
        line = lines[i]
        if _is_blank(line):
            flush()
        elif (
            _heading_like(line)
            and (not current or _TERMINAL.search(lines[current[-1]]))
            and (i + 1 >= n or not lines[i + 1][:1].islower())
        ):
            # A heading stands alone, so it does not run into the sentence after it.
            flush()
            current.append(i)
            flush()
        else:
            current.append(i)
        i += 1
    flush()
    return out


def _position(paragraph: _Paragraph, offset: int) -> tuple[int, int]:
    """1-based (line, column) of an offset in a paragraph."""
    row = bisect_right(paragraph.line_starts, offset) - 1
    return paragraph.first_line + row + 1, offset - paragraph.line_starts[row] + 1
