"""Footnotes numbered ``(1)``, printed after the paragraph or section that cites them.

Plain-text essays (GNU and FSF texts, Emacs's ``etc/`` files, older Gutenberg books) mark a note
``(1)`` in the running text ("the lab's staff hackers (1) had", "called "copyleft".(1)",
"the Bourne Again Shell(1), which") and print it as a paragraph of its own opening ``(1) …``
soon after, before the next section goes on; the numbering often starts again at 1 in each
section. Nothing heads such notes, so a block of ``(1)``, ``(2)`` … paragraphs counts only when
the text just before it cites every one of its numbers as a marker: a numbered list in the body
("(1) A decentralized content delivery service …") is cited by nothing, and an enumeration in a
sentence ("two reasons: (1) it is cheap, and (2) …") is no marker (see :func:`paren_markers`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from citecheck.parse.deferred import regex
from citecheck.parse.text.entries import _Entry, _is_blank, _Section

# A note's first line: "   (1) The use of "hacker" …" (the text on the same line).
_PAREN_ENTRY = regex(r"^(?P<indent>[ \t]*)\((?P<label>\d{1,3})\)[ \t]+(?=\S)")
_PAREN_NUMBER = regex(r"\((?P<label>\d{1,3})\)(?=[\s.,;:!?\"”’')]|$)")
# Words that name what a parenthesised number refers to in the text itself: "equation (1)",
# "step (2)", "clause (3)"; after "and"/"or" it is an enumeration's next item.
_REFERRING = frozenset({
    "and", "or", "nor", "eq", "eqn", "equation", "equations", "formula", "step", "steps", "item",
    "items", "clause", "clauses", "paragraph", "subsection", "section", "article", "rule", "case",
    "condition", "conditions", "point", "part", "line", "lines", "example", "table", "figure",
    "fig", "option", "stage", "phase", "type", "no", "number",
})
_WORD_BEFORE = regex(r"([^\W\d_]+)[\"”’']?\.?$")
_CLOSING_QUOTES = "\"”’'"
#: How far (lines) a block of notes may be from the text that cites them.
_REACH = 250


def paren_markers(text: str) -> Iterator[re.Match[str]]:
    """The ``(n)`` note markers of running text: after a word ("hackers (1) had", "Shell(1),")
    or a quotation, or glued to a sentence's stop ("manuals.(2)"); never first on a line, after
    a number or a bracket ("Article 6(1)", "230(c)(1)"), after a comma or colon ("reasons: (1)
    it", an enumeration), nor after a word that names what the number refers to ("equation
    (1)", "and (2)")."""
    for match in _PAREN_NUMBER.finditer(text):
        start = match.start()
        before = text[max(0, start - 48) : start]  # enough for the word before, never all
        glued = before[-1:]
        if not glued:
            continue  # the text's first word
        if start >= 48 and not before.strip():
            continue  # only spaces as far back as looked: set apart, no word's marker
        if glued in " \t":
            stripped = before.rstrip(" \t")
            if stripped[-1:] in ".!?":
                continue  # "… as follows. (1) The first": a list after a sentence
            before = stripped
        elif glued in ".!?":
            pass  # "manuals.(2)"
        elif not (glued.isalpha() or glued in _CLOSING_QUOTES):
            continue  # at a line's start, after a digit, a bracket, a comma or colon
        last = before[-1:]
        if not (last.isalpha() or last in _CLOSING_QUOTES or (glued in ".!?" and last == glued)):
            continue
        word = _WORD_BEFORE.search(before)
        if word is not None and word.group(1).lower() in _REFERRING:
            continue
        yield match


def read_parenthesised(lines: list[str], taken: list[tuple[int, int]]) -> list[_Section]:
    """The blocks of ``(1)``, ``(2)`` … footnotes of a text, each a section, in order.

    A block opens with a ``(1)`` paragraph after a blank line; each later paragraph opening with
    the next number goes on with it (a note runs to its blank line). It counts only if the
    text between the last block (or the document's start, at most :data:`_REACH` lines back) and
    it cites each of its numbers with a marker (:func:`paren_markers`). ``taken``: the line
    ranges other readers already hold, left alone.
    """
    sections: list[_Section] = []
    cited_from = 0
    n = len(lines)
    i = 0
    cited: dict[str, list[int]] | None = None  # label → the lines citing it, read once
    while i < n:
        match = _PAREN_ENTRY.match(lines[i]) if "(1)" in lines[i] else None
        if (
            match is None
            or match["label"] != "1"
            or (i and not _is_blank(lines[i - 1]))
            or any(begin <= i < end for begin, end in taken)
        ):
            i += 1
            continue
        entries, end = _read_block(lines, i)
        if cited is None:
            cited = _citing_lines(lines)
        since = max(cited_from, i - _REACH)
        if all(_cited_between(cited.get(entry.label, []), since, i) for entry in entries):
            sections.append(_Section(i, end, entries))
            cited_from = end
            i = end
            continue
        i += 1
    return sections


def _citing_lines(lines: list[str]) -> dict[str, list[int]]:
    """Each number the text cites with a ``(n)`` marker → the lines citing it, in order. (A
    marker is never first on its line, so reading line by line finds them all.)"""
    cited: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        if "(" in line:
            for found in paren_markers(line):
                cited.setdefault(found["label"], []).append(index)
    return cited


def _cited_between(rows: list[int], begin: int, end: int) -> bool:
    """Whether one of the sorted line numbers ``rows`` is in [begin, end)."""
    at = bisect_left(rows, begin)
    return at < len(rows) and rows[at] < end


def _read_block(lines: list[str], first: int) -> tuple[list[_Entry], int]:
    """The notes ``(1)``, ``(2)`` … from line ``first`` on, and the line after the last."""
    entries: list[_Entry] = []
    i = first
    end = first
    while i < len(lines):
        match = _PAREN_ENTRY.match(lines[i])
        if match is None or match["label"] != str(len(entries) + 1):
            break
        entry = _Entry(
            match["label"], i, len(match["indent"]), [lines[i][match.end() :].strip()],
            parenthesised=True,
        )
        entries.append(entry)
        i += 1
        while i < len(lines) and not _is_blank(lines[i]):
            entry.parts.append(lines[i].strip())
            i += 1
        end = i
        while i < len(lines) and _is_blank(lines[i]):
            i += 1
    return entries, end
