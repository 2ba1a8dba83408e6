"""Locating the notes: headed sections, a trailing numbered run, per-page footnote blocks."""

from __future__ import annotations

from itertools import pairwise

from citecheck.parse.deferred import regex
from citecheck.parse.names import FROM_SUPERSCRIPT
from citecheck.parse.text.entries import (
    _HEADING,
    _PAGE_FURNITURE,
    _WIKI_ENTRY,
    _YEAR_RE,
    _any_entry,
    _cites,
    _Entry,
    _entry_at,
    _glued_markers,
    _heading,
    _is_blank,
    _read_addresses,
    _read_numbered,
    _read_wiki,
    _Section,
    _titles_addresses,
)
from citecheck.parse.text.labels import _expand
from citecheck.parse.text.listed import _read_listed, _read_reading, _read_shorthands
from citecheck.parse.text.parenthesised import read_parenthesised

# Names of a list of sources, folded, in the languages _HEADING knows ("literatur" is German's
# "Literatur(verzeichnis)", "référence" French, "bibliografi" Spanish, Italian, Portuguese;
# "參考"/"参考" Chinese and Japanese "參考資料", "参考文献", "引用" their "引用文獻").
_OTHER_SOURCE_LISTS = (
    "literatur", "quellen", "bibliografi", "référence", "referencia", "referência", "riferiment",
    "bronnen", "списоклитературы", "литература", "источники", "參考", "参考", "引用", "참고")
_BIBLIOGRAPHY_HEADINGS = (
    "reference", "source", "bibliograph", "works", "workcited", "literature", "citation",
    *_OTHER_SOURCE_LISTS)
_SOURCE_LISTS = (
    "reference", "bibliograph", "workscited", "workcited", "literaturecited", "sources",
    *_OTHER_SOURCE_LISTS)
# "Reference materials", "Reference implementation", "Reference-level explanation" (the Rust RFC
# template's section): "reference" qualifying another word names that thing, not a list of
# sources ("Reference list", "Reference sources" still do).
_REFERENCE_COMPOUND = regex(r"(?i)^\W*reference[\s-]+(?!lists?\b|sources?\b)[^\W\d_]")
_SHORTHAND_HEADINGS = ("listof", "abbreviation", "shorthand", "sigla")
_RULE = regex(r"^\s*[-=_*~]{3,}\s*$")
_PAGE_LINES = 250  # how far apart two pages' footnote blocks may be
_LONE_NUMBER = regex(r"^\d{1,3}$")
_RUNNING = 3  # a line printed this many times is a running head or foot
# Project Gutenberg's footnote, set after the paragraph that cites it ("[1]" or "[A]" there):
# "[Footnote 1: text…" wrapped over lines, the bracket that balances the opening one ends it.
_GUTENBERG = regex(r"^\s*\[(?:Footnote|Note)\s+(?P<label>\d{1,4}|[A-Z]{1,2}|[a-z])\s*:\s*")
_PAGE_BREAK_LINE = "<<PAGE_BREAK>>"  # a page break as some PDF-to-text exports mark it
_FEET_MIN = 3  # fewer page-foot notes than this are no footnote apparatus
_GUTENBERG_LINES = 200  # a footnote never closed within this many lines is not one


def _find_sections(lines: list[str]) -> list[_Section]:
    """Every notes section of the document, in order, without overlaps."""
    sections: list[_Section] = []
    n = len(lines)
    i = 0
    previous_blank = True
    where: dict[str, tuple[int, int]] | None = None  # see _contents_item
    while i < n:
        line = lines[i]
        heading = _heading(line)
        if heading is not None and not previous_blank and heading["name"].lower() == "reference":
            # "Reference" alone heads a list only as a heading stands, after a blank line: a
            # table cell's wrapped "OSCAL Syntax" ⏎ "Reference" is no heading.
            heading = None
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
                    if section is not None and len(section.entries) == 1:
                        if where is None:
                            where = _line_spans(lines)
                        if _contents_item(lines, i, j, section, where):
                            # No section, nor any other reading of one: the heading is text.
                            i, previous_blank = i + 1, False
                            continue
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
                if section.entries and section.entries[0].reference_list and i < n and (
                        _titles_addresses(section.entries[-1], lines, i)):
                    # A numbered list of addresses, then "Images" and bare addresses: the
                    # second list is one too, its entries unlabelled (ref-1, …).
                    extra = _read_addresses(lines, i)
                    if extra is not None:
                        sections.append(extra)
                        i = extra.end
                previous_blank = False
                continue
        elif "[" in line and (gutenberg := _read_gutenberg(lines, i)) is not None:
            sections.append(gutenberg)
            i = gutenberg.end
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
    parenthesised = read_parenthesised(lines, [(s.start, s.end) for s in sections])
    if parenthesised:
        sections = sorted([*sections, *parenthesised], key=lambda section: section.start)
    if not sections:
        sections.extend(_page_feet(lines) or _trailing_numbered(lines))
    return sections


def _paged(lines: list[str]) -> bool:
    """Whether a text export marks its page breaks at all (a quick look before reading them)."""
    return any("\f" in line or _PAGE_BREAK_LINE in line for line in lines)


def _page_breaks(lines: list[str]) -> list[int]:
    """Where pages begin in a paged text export: after a ``<<PAGE_BREAK>>`` line, or at a line
    starting with pdftotext's form feed."""
    starts = [0]
    for i, line in enumerate(lines):
        if line.strip() == _PAGE_BREAK_LINE:
            starts.append(i + 1)
        elif line.startswith("\f") and i:
            starts.append(i)
    return starts


# A number glued straight to a word, a PDF's flattened superscript without punctuation before
# it: "the Magnuson-Moss Act16 controls".
_WORD_GLUED = regex(r"[^\W\d_][”’\"')]?(\d{1,3})(?!\d)(?=[\s.,;:]|$)")
_SUPERSCRIPT_RUN = regex(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


def _cited_on(line: str) -> tuple[set[str], set[str]]:
    """The note numbers a body line cites as flattened or real superscripts: the sure signs
    (after punctuation, :func:`_cites`'s) and those with numbers glued to words too, which a
    page's foot accepts once its numbering vouches for the notes. Read line by line, so a page
    is read once however many of its lines open with a number."""
    strict = {label for match in _glued_markers(line) for label in _expand(match["label"])}
    for run in _SUPERSCRIPT_RUN.findall(line):
        digits = run.translate(FROM_SUPERSCRIPT)
        strict.update({digits, *digits})
    return strict, strict | set(_WORD_GLUED.findall(line))


def _page_feet(lines: list[str]) -> list[_Section]:
    """Footnotes at the foot of each page of a paged text export (a law review's PDF as text).

    The notes run straight on from the body, no blank line between: a page's foot begins at
    the line that starts with the next note's number (``12 See id. at 5.``) when the body above
    it cites that number as a flattened superscript (``…problem.12 The``). Each later line
    starting with the number after continues the numbering if the body cited it too; other
    lines wrap the note, but running heads and feet (``Electronic copy available at: …``,
    printed on every page) are skipped. The foot ends the page; there must be several notes.
    """
    if not _paged(lines):
        return []
    starts = _page_breaks(lines)
    starts.append(len(lines))
    repeated = _repeated_lines(lines)
    sections: list[_Section] = []
    expected = 1
    strict: set[str] = set()  # what the body cites since the last foot, surely
    loose: set[str] = set()  # … and with numbers glued to words
    for page, end in pairwise(starts):
        foot = None
        for k in range(page, end):
            found = _entry_at(lines[k], "bare") or _entry_at(lines[k], "super")
            # Note 1 opens the apparatus: a sure sign; later feet go on with its numbering.
            if found is not None and found[0] == str(expected) and (
                found[0] in (strict if expected == 1 else loose)
            ):
                foot = k
                break
            sure, glued = _cited_on(lines[k])
            strict |= sure
            loose |= glued
        if foot is None:
            continue
        entries: list[_Entry] = []
        for k in range(foot, end):
            line = lines[k]
            stripped = line.strip()
            if not stripped or stripped in repeated or stripped == _PAGE_BREAK_LINE or (
                _PAGE_FURNITURE.match(line)
            ):
                continue
            found = _entry_at(line, "bare") or _entry_at(line, "super")
            if found is not None and found[0] == str(expected) and found[0] in loose:
                entries.append(_Entry(found[0], k, found[1], [line[found[2] :].strip()]))
                expected += 1
            elif entries:
                entries[-1].parts.append(stripped)
        sections.append(_Section(foot, end, entries))
        strict, loose = set(), set()
    if expected <= _FEET_MIN:
        return []
    return sections


def _read_gutenberg(lines: list[str], start: int) -> _Section | None:
    """A Project Gutenberg footnote starting at ``start``: ``[Footnote 3: text…]``.

    Its text runs over wrapped lines, and over blank lines within it, to the bracket that
    closes the opening one (brackets inside, "[sic]", nest); unclosed before the next
    footnote starts, or within a page's worth of lines, it is not a footnote.
    """
    match = _GUTENBERG.match(lines[start])
    if match is None:
        return None
    parts: list[str] = []
    depth = 1
    for i in range(start, min(len(lines), start + _GUTENBERG_LINES)):
        line = lines[i]
        if i > start and _GUTENBERG.match(line):
            return None
        begin = match.end() if i == start else 0
        closing = line.count("]", begin)
        if closing >= depth:  # the closing bracket may be on this line: look where
            for k in range(begin, len(line)):
                depth += {"[": 1, "]": -1}.get(line[k], 0)
                if depth == 0:
                    parts.append(line[begin:k].strip())
                    entry = _Entry(match["label"], start, match.start("label") - 1, parts)
                    entry.parts = [part for part in parts if part]
                    return _Section(start, i + 1, [entry])
        else:
            depth += line.count("[", begin) - closing
        parts.append(line[begin:].strip())
    return None


def _a_count(section: _Section, line: str) -> bool:
    """Whether a heading's one "entry" is a number alone on its line past 1: a count under a
    label, as a cover page prints them ("CITATIONS" ⏎ "58" ⏎ "READS" ⏎ "875"), not a note."""
    only = section.entries[0]
    return len(section.entries) == 1 and only.label.isdigit() and only.label != "1" and (
        line.strip() == only.label)


def _line_spans(lines: list[str]) -> dict[str, tuple[int, int]]:
    """Each line's text (stripped) → the indexes of its first and last printing."""
    spans: dict[str, tuple[int, int]] = {}
    for index, line in enumerate(lines):
        text = line.strip()
        if text:
            first = spans.get(text)
            spans[text] = (index if first is None else first[0], index)
    return spans


def _contents_item(
    lines: list[str], heading: int, first: int, section: _Section,
    where: dict[str, tuple[int, int]],
) -> bool:
    """Whether a heading and its one "entry" are a table of contents' last item and the first
    numbered heading after it ("References" ⏎ "1 Introduction"): the entry's line is printed
    before, in the contents, and the heading's after, over the real list."""
    entry = where.get(lines[first].strip())
    name = where.get(lines[heading].strip())
    return (
        len(section.entries) == 1
        and entry is not None and entry[0] < heading
        and name is not None and name[1] >= section.end
    )


def _lists_sources(name: str) -> bool:
    """Whether a heading names a list of sources ("References", "Bibliography"), whose
    numbered entries are sources, not remarks ("Notes", "Notes and references")."""
    if _REFERENCE_COMPOUND.match(name):
        return False
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
