"""Locating the notes: headed sections, a trailing numbered run, per-page footnote blocks."""

from __future__ import annotations

import re

from citecheck.parse.text.entries import (
    _HEADING,
    _WIKI_ENTRY,
    _YEAR_RE,
    _any_entry,
    _cites,
    _Entry,
    _entry_at,
    _is_blank,
    _read_numbered,
    _read_wiki,
    _Section,
)
from citecheck.parse.text.listed import _read_listed, _read_reading, _read_shorthands

# "work" holds "Works Cited" and its common slip "Work Cited".
_BIBLIOGRAPHY_HEADINGS = ("reference", "source", "bibliograph", "work", "literature", "citation")
_SOURCE_LISTS = ("reference", "bibliograph", "workscited", "workcited", "literaturecited",
                 "sources")
_SHORTHAND_HEADINGS = ("listof", "abbreviation", "shorthand", "sigla")
_RULE = re.compile(r"^\s*[-=_*~]{3,}\s*$")
_PAGE_LINES = 250  # how far apart two pages' footnote blocks may be
_LONE_NUMBER = re.compile(r"^\d{1,3}$")
_RUNNING = 3  # a line printed this many times is a running head or foot


def _find_sections(lines: list[str]) -> list[_Section]:
    """Every notes section of the document, in order, without overlaps."""
    sections: list[_Section] = []
    n = len(lines)
    i = 0
    previous_blank = True
    while i < n:
        line = lines[i]
        heading = _HEADING.match(line)
        if heading is not None:
            j = i + 1
            while j < n and (
                _is_blank(lines[j]) or _RULE.match(lines[j]) or _page_number(lines, j)
            ):
                j += 1
            section = None
            if j < n:
                first = _any_entry(lines[j], named=True)
                if first is not None:
                    section = _read_numbered(lines, i, j, first[0])
                    if section is not None and _a_count(section, lines[j]):
                        section = None
                    if section is not None and _lists_sources(heading["name"]):
                        for entry in section.entries:
                            entry.reference_list = True
                elif _WIKI_ENTRY.match(lines[j]):
                    section = _read_wiki(lines, i, j)
                name = heading["name"].lower().replace(" ", "", 1)
                if name.startswith(_SHORTHAND_HEADINGS):
                    section = section or _read_shorthands(lines, i, j)
                elif section is None and name.startswith(_BIBLIOGRAPHY_HEADINGS):
                    section = _read_reading(lines, i, j) or _read_listed(lines, i, j)
                elif section is None:
                    section = _read_detached(lines, i, j)
            if section is not None:
                sections.append(section)
                i = section.end
                previous_blank = False
                continue
        elif previous_blank and _entry_at(line, "bracket") is not None:
            section = _read_numbered(lines, i, i, "bracket", headed=False)
            if section is not None and _plausible_headless(section, lines):
                sections.append(section)
                i = section.end
                previous_blank = False
                continue
        previous_blank = _is_blank(line)
        i += 1
    if not sections:
        sections.extend(_trailing_numbered(lines))
    return sections


def _a_count(section: _Section, line: str) -> bool:
    """Whether a heading's one "entry" is a number alone on its line past 1: a count under a
    label, as a cover page prints them ("CITATIONS" ⏎ "58" ⏎ "READS" ⏎ "875"), not a note."""
    only = section.entries[0]
    return len(section.entries) == 1 and only.label.isdigit() and only.label != "1" and (
        line.strip() == only.label)


def _lists_sources(name: str) -> bool:
    """Whether a heading names a list of sources ("References", "Bibliography"), whose
    numbered entries are sources, not remarks ("Notes", "Notes and references")."""
    folded = name.lower().replace(" ", "")
    return folded.startswith(_SOURCE_LISTS) and "note" not in folded


def _read_detached(lines: list[str], start: int, first: int) -> _Section | None:
    """Notes whose numbers a PDF extractor put apart from their texts.

    Under a notes heading, the labels come as lone numbers (``1``, ``2``, …) in blocks of
    their own, before, after or between the note texts, which are paragraphs in order. When the
    lone numbers run 1…n and there are exactly n paragraphs, the k-th paragraph is note k. Lone
    numbers out of sequence (page numbers) and lines that repeat all through the document
    (running heads and feet) are left out; another heading ends the section.
    """
    n = len(lines)
    repeated: set[str] | None = None
    labels: list[int] = []  # line index of each label, in order
    paragraphs: list[list[int]] = []
    current: list[int] | None = None
    end = first
    for i in range(first, n):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            current = None
            continue
        if _HEADING.match(line):
            break
        if _LONE_NUMBER.match(stripped):
            if int(stripped) == len(labels) + 1:
                labels.append(i)
                end = i + 1
            current = None
            continue
        if repeated is None:
            repeated = _repeated_lines(lines)
        if stripped in repeated:
            current = None
            continue
        if current is None:
            current = []
            paragraphs.append(current)
        current.append(i)
        end = i + 1
    if len(labels) < 3 or len(paragraphs) != len(labels):
        return None
    entries = [
        _Entry(
            str(k),
            rows[0],
            len(lines[rows[0]]) - len(lines[rows[0]].lstrip()),
            [lines[row].strip() for row in rows],
        )
        for k, rows in enumerate(paragraphs, start=1)
    ]
    return _Section(start, end, entries)


def _repeated_lines(lines: list[str]) -> set[str]:
    """Lines printed on every page (running heads and feet): three times or more, not numbers."""
    counts: dict[str, int] = {}
    for line in lines:
        stripped = line.strip()
        if stripped and not stripped.isdigit():
            counts[stripped] = counts.get(stripped, 0) + 1
    return {line for line, count in counts.items() if count >= _RUNNING}


def _page_number(lines: list[str], j: int) -> bool:
    """A number alone between blank lines under a running head: the page's, not note 42.

    Not when a numbered entry or another lone number follows: then it is a list's first label
    (a label column extracted apart from its text).
    """
    if not (
        lines[j].strip().isdigit()
        and _is_blank(lines[j - 1])
        and (j + 1 >= len(lines) or _is_blank(lines[j + 1]))
    ):
        return False
    k = j + 1
    while k < len(lines) and _is_blank(lines[k]):
        k += 1
    return k < len(lines) and _any_entry(lines[k]) is None


def _trailing_numbered(lines: list[str]) -> list[_Section]:
    """Notes numbered ``1.``/``1``/``¹`` at the end of a document that has no notes heading.

    Copied from Substack, Google Docs or a PDF, the heading is often lost. Such a run counts
    only if it starts at 1, has several entries, most carrying a URL or a year, and only a few
    lines (boilerplate) follow it; a numbered list in the body rarely looks like that.

    A PDF with footnotes puts each page's notes at the foot of the page, so the run may come in
    blocks between body paragraphs (``…households.4 The…`` then ``4 Central Bureau…``): a block
    that goes on with the numbering continues the run when the text just before it cites its
    first note.
    """
    chain: list[_Section] = []
    previous_blank = True
    for i, line in enumerate(lines):
        if previous_blank and not _is_blank(line):
            found = _any_entry(line)
            if found is not None and found[1] == "1" and found[0] != "bracket":
                section = _read_numbered(lines, i, i, found[0], headed=False)
                if section is not None:
                    blocks = _footnote_blocks(lines, section, found[0])
                    if sum(len(block.entries) for block in blocks) >= 2:
                        chain = blocks
        previous_blank = _is_blank(line)
    if not chain:
        return []
    entries = [entry for block in chain for entry in block.entries]
    after = sum(1 for line in lines[chain[-1].end :] if not _is_blank(line))
    sourced = sum(
        1
        for entry in entries
        if "://" in " ".join(entry.parts) or _YEAR_RE.search(" ".join(entry.parts))
    )
    if after > 12 or sourced * 2 < len(entries):
        return []
    # Notes are cited: a numbered list of steps or examples in the body ("1. Portland's TriMet
    # marks…") is cited by nothing before it.
    body = "\n".join(lines[: chain[0].start])
    if not any(f"[{e.label}]" in body or _cites(body, e.label) for e in entries):
        return []
    return chain


def _footnote_blocks(lines: list[str], first: _Section, style: str) -> list[_Section]:
    """``first`` and the later blocks of footnotes that continue its numbering."""
    blocks = [first]
    i = first.end
    while i < len(lines) and i - blocks[-1].end < _PAGE_LINES:
        if _is_blank(lines[i]) or not _is_blank(lines[i - 1]):
            i += 1
            continue
        found = _entry_at(lines[i], style)
        last = blocks[-1].entries[-1].label
        if found is not None and last.isdigit() and found[0] == str(int(last) + 1):
            between = "\n".join(lines[blocks[-1].end : i])
            section = (
                _read_numbered(lines, i, i, style, headed=False)
                if _cites(between, found[0])
                else None
            )
            if section is None:
                break
            blocks.append(section)
            i = section.end
            continue
        i += 1
    if len(blocks) == 1 and len(first.entries) < 2:
        return []
    return blocks


def _plausible_headless(section: _Section, lines: list[str]) -> bool:
    """A ``[label]`` block without a heading is a notes section if it numbers several notes
    or its one note is cited before it."""
    if len(section.entries) >= 2:
        return True
    label = section.entries[0].label
    before = "\n".join(lines[: section.start])
    return f"[{label}]" in before or f"[^{label}]" in before
