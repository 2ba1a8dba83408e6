"""The plain-text reader: where a text document's notes and note markers are.

Notes sections are found in these ways:

* a heading line (``Notes``, ``Endnotes``, ``References``, ``Sources``, ``Bibliography``,
  ``Works Cited`` …, any case, optional ``#``/``**`` and colon) followed by entries written
  ``1.``, ``1)``, ``[1]``, ``^1``, ``¹`` or ``1 `` (or a label alone on its line, the text on
  the next), or by Wikipedia's copied ``^ a b …`` lines;
* under a bibliography-type heading, unnumbered entries (a paragraph, a hanging-indented block
  or a bullet each), labelled ``ref-1``, … — or numbered 1…n when the body's numeric markers
  say the list is numbered;
* without a heading: a block of ``[label] …`` lines after the body (the seed's style), or a run
  of ``1.`` entries at the very end that mostly carry URLs or years.

An entry runs over its wrapped lines until the next entry or a blank line; a paragraph after a
blank line still belongs to the entry when a later entry continues the numbering (multi-paragraph
notes), and ends the section otherwise (``Leave a Reply …``). Labels are arabic (1 … 99999) or
roman (i … mmmcmxcix, either case), and numbering must advance, so a wrapped line that starts
with a year is not a new note.

Markers are ``[i]``, ``[12]``, ``[^3]``, ``[1, 2]``, ``[1–3]``, superscript digits (``¹²`` is
note 12, ``¹,²`` notes 1 and 2; not ``km²``) and superscripts flattened by a PDF copy
(``land.1 Planners``). A token counts only when it is a plausible label of this document, never
inside a URL. With an author–year bibliography, ``(Turing 1936, p. 230)`` and ``Turing (1936)``
in the body cite the entry they name.

The claim of a marker is the sentence holding it (:func:`split_sentences`), markers removed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from citecheck.models import Diagnostic
from citecheck.parse.base import RawMarker, RawNote, ReaderOutput
from citecheck.parse.citation import YEAR, parse_citation, surname
from citecheck.parse.names import CITED_NAMES, FROM_SUPERSCRIPT, TO_SUPERSCRIPT, normalise_newlines
from citecheck.parse.sentences import split_sentences
from citecheck.parse.urls import url_spans

__all__ = ["read_text", "roman_value"]

_WS = re.compile(r"\s+")
_ROMAN = re.compile(r"^m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_LABEL = r"(?:\d{1,5}|[ivxlcdm]{1,15}|[IVXLCDM]{1,15})"

_HEADING = re.compile(
    r"(?i)^\s{0,3}(?:#{1,6}\s*)?(?:\*\*|__)?"
    r"(?P<name>notes?|end\s?notes|foot\s?notes|notes\s+and\s+(?:references|sources)"
    r"|(?:references|sources)(?:\s+and\s+notes)?|reference\s+list|bibliography|works\s+cited"
    r"|literature\s+cited|citations|sources\s+cited|selected\s+bibliography)"
    r"(?:\*\*|__)?\s*:?\s*#*\s*$"
)
_BIBLIOGRAPHY_HEADINGS = ("reference", "source", "bibliograph", "works", "literature", "citation")
_RULE = re.compile(r"^\s*[-=_*~]{3,}\s*$")

# Entry starts, by style. Group "label" is the label, the match ends where the note text begins.
_ENTRY_STYLES: dict[str, re.Pattern[str]] = {
    # Each may also stand alone on its line, the text following on the next ("1\nSmith, …").
    # "[1]Smith" glued is an entry; "[1]1" or "[1][2]" is a run of markers.
    "bracket": re.compile(rf"^\s*\[\^?(?P<label>{_LABEL})\]:?(?:\s+(?=\S)|(?=[^\W\d_“\"‘(])|\s*$)"),
    "dot": re.compile(rf"^\s*(?P<label>{_LABEL})[.)](?:\s+(?=\S)|\s*$)"),
    "caret": re.compile(rf"^\s*\^(?P<label>{_LABEL})[.):]?(?:\s*(?=\S)|\s*$)"),
    "super": re.compile(r"^\s*(?P<label>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,5})[.)]?(?:\s*(?=\S)|\s*$)"),
    # "1 Smith", and with a spaced separator "1 – Smith", "1 . Smith" (a PDF's tab stop).
    "bare": re.compile(r"^\s*(?P<label>\d{1,5})(?:\s+[–—.:-](?=\s))?(?:\s+(?=\S)|\s*$)"),
}
# Wikipedia's notes copied as text: "^ a b Smith, John (2010)…", "↑ Smith…", "Jump up to: a b".
_BACKLINKS = re.compile(r"^(?:\^|↑|Jump up(?: to)?:?)\s*(?:(?:[a-z]{1,2}|\d+\.\d+)\s+){0,26}")
_WIKI_ENTRY = re.compile(r"^\s*(?:\^|↑)\s+(?=\S)")

_BRACKET_MARKER = re.compile(
    r"\[\^?(?P<labels>" + _LABEL + r"(?:\s*[,–-]\s*" + _LABEL + r"){0,20})"
    # IEEE's pinpoint: "[9, p. 12]", "[4, pp. 3–5]", "[2, ch. 3]", "[7, Fig. 2]"
    r"(?:,\s*(?:pp?\.|ch\.|sec\.|fig\.|§)\s*\d+(?:\s*[–-]\s*\d+)?)?\]",
    re.IGNORECASE,
)
# Between two bracket markers of a range: IEEE's "[1]–[3]".
_BRACKET_RANGE = re.compile(r"\s*[–—-]\s*")
_SUPER_MARKER = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?:\s?[,⁻–-]\s?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)*")
_ADDRESS = re.compile(r"(?i)^(?:\S*://|doi:|10\.\d{4,9}/|www\.)")
# The punctuation comes first in the pattern so the regex engine can skip ahead to it.
_SUPER_CHAR = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]")
# After a word ("land.1"), a bracket or percent ("(2019).4", "78%.2") or a year ("in 2020.2 The"):
# a decimal number is none of these.
# Before a capital (a new sentence) or the end; after a comma, semicolon or colon a lower-case
# word may follow too ("“Prices rose,”1 she said"): see _glued_markers.
_GLUED_NUMBER = re.compile(
    r"[.,;:!?](?:(?<=[^\W\d_].)|(?<=[)%\"”’].)|(?<=(?<!\d)(?:1[5-9]|20)\d\d\.)"
    r"|(?<=(?<!\d)(?:1[5-9]|20)\d\d[–-]\d\d\.))"
    r"[”’\"')]?(?P<label>\d{1,3}(?:, ?\d{1,3}){0,5})(?P<after>\s+[A-Z“\"‘(a-z]|\s*$)"
)
# What makes a superscript a power, not a note: a unit ("40 km²") or a lone variable ("x²").
_BULLET = re.compile(r"^[-*•–·▪]\s+")
_YEAR_RE = re.compile(YEAR)
_UNIT = re.compile(r"(?:\d\s?(?:[kcmd]?m|ft|in|mi|yd|km/h|m/s)|(?:^|[\s(=+*/-])[A-Za-z])$")
_TERMINAL = re.compile(r"""[.!?:;…]["'”’)\]]*(?:\s*\[[^\]\s]{1,8}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)*\s*$""")
_URL_JOINERS = frozenset("-/_?=&")
# A PDF's running header or footer: "12 | Report title", "Report title | 12", "Page 3 of 9", "14".
_PAGE_FURNITURE = re.compile(
    r"(?i)^\s*(?:\d{1,4}\s+[|·•]\s+[^|]{1,80}|[^|]{1,80}\s[|·•]\s+(?:page\s+)?\d{1,4}"
    r"|(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?)\s*$"
)
_HYPHEN_WRAP = re.compile(r"(?<=[^\W\d_])-\n[ \t]*(?=[a-z])")
_REFERENCE_START = re.compile(r"^(?:[^\W\d_][^,.]{0,60}[,.]|[“\"‘'])")
_PAGE_LINES = 250  # how far apart two pages' footnote blocks may be
_MAX_GAP = 10  # how far numbering may jump between entries (a note or two lost in pasting)

_PAREN_CITATION = re.compile(r"\(([^()\n]{0,300}?\b" + YEAR + r"[a-z]?\b[^()\n]{0,120}?)\)")
_CITED_WORK = re.compile(
    rf"(?:^|;\s*)(?:(?:see|e\.g\.|cf\.|also)[,\s]+)*(?P<names>{CITED_NAMES}),?\s+"
    rf"(?P<year>{YEAR}[a-z]?)"
)
_NARRATIVE = re.compile(
    rf"(?P<names>{CITED_NAMES})\s+\((?P<year>{YEAR}[a-z]?)(?:,[^()\n]{{0,40}})?\)"
)


def roman_value(label: str) -> int | None:
    """The value of a roman numeral (either case, 1…3999), or None if it is not one."""
    lower = label.lower()
    if not lower or _ROMAN.match(lower) is None:
        return None
    total = 0
    for i, ch in enumerate(lower):
        value = _ROMAN_VALUES[ch]
        if i + 1 < len(lower) and _ROMAN_VALUES[lower[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def _label_kind(label: str) -> tuple[str, int] | None:
    """(numbering system, value) of a label: ``("arabic", 12)``, ``("roman", 4)``…"""
    if label.isdigit():
        return "arabic", int(label)
    value = roman_value(label)
    if value is None:
        return None
    return ("roman" if label.islower() else "ROMAN"), value


@dataclass(slots=True)
class _Entry:
    label: str
    line: int  # 0-based line index
    column: int  # 0-based
    parts: list[str] = field(default_factory=list)
    listed: bool = False


@dataclass(slots=True)
class _Section:
    start: int  # first line index (the heading, if any)
    end: int  # one past the last line index
    entries: list[_Entry]


def _entry_at(line: str, style: str) -> tuple[str, int, int] | None:
    """(label, label column, text column) when ``line`` starts an entry in ``style``."""
    match = _ENTRY_STYLES[style].match(line)
    if match is None:
        return None
    label = match["label"]
    if style == "super":
        label = label.translate(FROM_SUPERSCRIPT)
    if _label_kind(label) is None:
        return None
    column = match.start("label") - (1 if style in ("bracket", "caret") else 0)
    if style == "bracket" and line[column] != "[":
        column = line.index("[")
    return label, column, match.end()


def _any_entry(line: str) -> tuple[str, str, int, int] | None:
    for style in ("bracket", "dot", "caret", "super", "bare"):
        found = _entry_at(line, style)
        if found is not None:
            return (style, *found)
    return None


def _advances(previous: str | None, label: str, style: str, restart: bool) -> bool:
    """Whether ``label`` can follow ``previous`` in one numbered list."""
    kind = _label_kind(label)
    if kind is None:
        return False
    if previous is None:
        return True
    before = _label_kind(previous)
    if before is None:
        return False
    if kind[0] != before[0] and not (kind[0] != "arabic" and before[0] != "arabic"):
        return False
    if restart and kind[1] == 1:
        return True
    if style == "bare":
        return kind[1] == before[1] + 1
    return before[1] < kind[1] <= before[1] + _MAX_GAP


def _is_blank(line: str) -> bool:
    return not line.strip()


def _heading_like(line: str) -> bool:
    """A short line without closing punctuation: a heading, not note text."""
    stripped = line.strip()
    return (
        0 < len(stripped.split()) <= 6
        and _TERMINAL.search(stripped) is None
        and "://" not in stripped
        and not stripped.endswith(",")
    )


def _read_numbered(
    lines: list[str], start: int, first: int, style: str, headed: bool = True
) -> _Section | None:
    """Entries in ``style`` from line ``first`` on; the section begins at ``start``.

    A label alone on its line (the text on the next) is an entry under a heading, or, without
    one, when its text follows on the very next line (Substack's notes copied as text).
    """
    entries: list[_Entry] = []
    n = len(lines)
    i = first
    after_blank = False
    after_heading = False
    end = first
    while i < n:
        line = lines[i]
        if _is_blank(line):
            after_blank = True
            i += 1
            continue
        found = _entry_at(line, style)
        if (
            found is not None
            and not headed
            and not line[found[2] :].strip()
            and (i + 1 >= n or _is_blank(lines[i + 1]) or _any_entry(lines[i + 1]) is not None)
        ):
            found = None
        if found is not None and style == "bare" and entries and not after_blank:
            # "…which estimated that" ⏎ "4 million people were…": a wrapped line that starts
            # with a number, not note 4, when the line before breaks off mid-sentence.
            before = lines[i - 1].rstrip()
            text = line[found[2] :]
            if before[-1:].isalpha() and text[:1].islower():
                found = None
        previous = entries[-1].label if entries else None
        if found is not None and _advances(previous, found[0], style, after_blank or after_heading):
            label, column, text_at = found
            entries.append(_Entry(label, i, column, [line[text_at:].strip()]))
            after_blank = after_heading = False
            end = i + 1
            i += 1
            continue
        if not entries:
            return None
        if _HEADING.match(line):
            break  # "Bibliography" right under the last note starts another section
        if _PAGE_FURNITURE.match(line) and (
            not line.strip().isdigit() or after_blank or i + 1 >= n or _is_blank(lines[i + 1])
        ):
            # "12 | Report title", "Page 3 of 9", a page number set apart: a PDF page break.
            i += 1
            continue
        if not after_blank or entries[-1].parts == [""]:
            entries[-1].parts.append(line.strip())
            after_blank = False
            end = i + 1
            i += 1
            continue
        # A paragraph after a blank line: more of the last note if the numbering goes on later.
        following = _next_entry(lines, i, style, entries[-1].label)
        if following is None:
            break
        if _heading_like(line) or _HEADING.match(line):
            after_heading = True
            i += 1
            continue
        upcoming = _entry_at(lines[following], style)
        if upcoming is not None and _cites(_paragraph_from(lines, i), upcoming[0]):
            # "…covers 5,988 households.4 The survey…": body text that cites the next note,
            # between two pages' footnotes, not more of this note.
            break
        if not _url_broken_off(entries[-1].parts, line):
            entries[-1].parts.append("")  # a paragraph of its own
        entries[-1].parts.append(line.strip())
        after_blank = False
        end = i + 1
        i += 1
    entries = [entry for entry in entries if any(part for part in entry.parts)]
    if not entries:
        return None
    return _Section(start, end, entries)


def _cites(text: str, label: str) -> bool:
    """Whether ``text`` carries a superscript or PDF-flattened marker for note ``label``."""
    if not label.isdigit():
        return False
    if label.translate(TO_SUPERSCRIPT) in text:
        return True
    return any(label in _expand(match["label"]) for match in _glued_markers(text))


def _glued_markers(text: str) -> Iterator[re.Match[str]]:
    """PDF-flattened superscripts: ``land.1 Planners``, ``rose,”1 she said``, ``2019–20.1 The``."""
    for match in _GLUED_NUMBER.finditer(text):
        after = match["after"]
        if after.strip()[:1].islower() and text[match.start()] not in ",;:":
            continue  # "fell by 2.2 percent": a decimal, not a marker
        yield match


def _url_broken_off(parts: list[str], line: str) -> bool:
    """Whether ``line`` finishes a URL that a page break cut off at the end of a note's ``parts``.

    A PDF page break puts blank lines (and a running footer) inside a note:
    ``…/files/2022/06/wcr_`` ⏎⏎ ``12 | Title`` ⏎⏎ ``2022.pdf.``. The URL is visibly unfinished
    (it ends at a joiner) and the line goes on without a capital; whether it really continues
    the URL is then the URL reader's call, as for any line wrap.
    """
    last = parts[-1] if parts else ""
    head = line.lstrip()
    if not last or last[-1] not in _URL_JOINERS or not head or head[0].isupper():
        return False
    text = "\n".join(parts)
    spans = url_spans(text) if ("://" in text or "www." in text) else []
    return bool(spans) and spans[-1][1] == len(text)


def _read_wiki(lines: list[str], start: int, first: int) -> _Section | None:
    """Wikipedia's reference list copied without its numbers: one "^ …" line per note.

    The list is numbered on the page, so the n-th entry is note ``n``, as the body's [n] says.
    """
    entries: list[_Entry] = []
    i = first
    end = first
    after_blank = False
    while i < len(lines):
        line = lines[i]
        if _is_blank(line):
            after_blank = True
            i += 1
            continue
        match = _WIKI_ENTRY.match(line)
        if match is None:
            if entries and not after_blank and not _heading_like(line):
                # An entry wrapped onto the next line (copied from a narrow window or a PDF).
                entries[-1].parts.append(line.strip())
                end = i + 1
                i += 1
                continue
            break
        column = line.index(line.strip()[0])
        entries.append(_Entry(str(len(entries) + 1), i, column, [line[match.start() :].strip()]))
        after_blank = False
        end = i + 1
        i += 1
    return _Section(start, end, entries) if entries else None


def _next_entry(lines: list[str], begin: int, style: str, previous: str) -> int | None:
    """Where the numbering after ``previous`` goes on within the next few paragraphs."""
    blanks = 0
    for j in range(begin, min(len(lines), begin + 60)):
        line = lines[j]
        if _is_blank(line):
            blanks += 1
            if blanks > 6:
                return None
            continue
        found = _entry_at(line, style)
        if found is not None and _advances(previous, found[0], style, restart=True):
            return j
        if _HEADING.match(line):
            return None
    return None


def _looks_like_reference(paragraph: str) -> bool:
    """A bibliography entry carries a year or a URL and starts like a name, title or URL."""
    head = paragraph.lstrip()
    return (
        bool(head)
        and (_YEAR_RE.search(paragraph) is not None or "://" in paragraph or "doi" in head.lower())
        and (head[0].isupper() or head[0] in "“\"'‘" or _ADDRESS.match(head) is not None)
    )


def _read_listed(lines: list[str], start: int, first: int) -> _Section | None:
    """Unnumbered bibliography entries from ``first`` on (paragraphs or hanging indents)."""
    entries: list[_Entry] = []
    n = len(lines)
    i = first
    end = first
    current: _Entry | None = None
    previous_line = ""
    while i < n:
        line = lines[i]
        if _is_blank(line):
            current = None
            i += 1
            continue
        stripped = line.strip()
        bullet = _BULLET.match(stripped)
        indented = len(line) - len(line.lstrip()) >= 2
        if bullet is not None:
            new_entry = True  # "- https://…", "• Smith, J. (2010)…": one bullet, one entry
        elif current is None:
            new_entry = True
        elif indented:
            new_entry = False  # a hanging indent continues the entry
        else:
            last_word = previous_line.rsplit(None, 1)[-1] if previous_line else ""
            # An entry ending in a URL has ended, unless the URL visibly goes on ("…/10.1111/").
            ended = _TERMINAL.search(previous_line) is not None or (
                bool(_ADDRESS.match(last_word)) and last_word[-1] not in _URL_JOINERS
            )
            new_entry = ended and _REFERENCE_START.match(stripped) is not None
        if new_entry:
            text = stripped[bullet.end() :] if bullet is not None else stripped
            paragraph = text if bullet is not None else _paragraph_from(lines, i)
            if _HEADING.match(line) or not _looks_like_reference(paragraph):
                break
            column = len(line) - len(line.lstrip()) + (bullet.end() if bullet else 0)
            current = _Entry(f"ref-{len(entries) + 1}", i, column, [text], listed=True)
            entries.append(current)
        elif current is not None:
            current.parts.append(stripped)
        end = i + 1
        previous_line = stripped
        i += 1
    if not entries:
        return None
    return _Section(start, end, entries)


def _paragraph_from(lines: list[str], begin: int) -> str:
    out: list[str] = []
    for j in range(begin, min(len(lines), begin + 12)):
        if _is_blank(lines[j]):
            break
        out.append(lines[j].strip())
    return " ".join(out)


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
            while j < n and (_is_blank(lines[j]) or _RULE.match(lines[j])):
                j += 1
            section = None
            if j < n:
                first = _any_entry(lines[j])
                if first is not None:
                    section = _read_numbered(lines, i, j, first[0])
                elif _WIKI_ENTRY.match(lines[j]):
                    section = _read_wiki(lines, i, j)
                name = heading["name"].lower()
                if section is None and name.startswith(_BIBLIOGRAPHY_HEADINGS):
                    section = _read_listed(lines, i, j)
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


# --------------------------------------------------------------------------- markers


@dataclass(slots=True)
class _Token:
    start: int  # offset in the paragraph
    end: int
    labels: list[str]
    cut: bool = True  # removed from the claim text


def _expand(labels: str) -> list[str]:
    """``"1, 3"`` → 1, 3; ``"2–4"`` → 2, 3, 4 (ranges only between arabic or same-case roman)."""
    out: list[str] = []
    for piece in re.split(r"\s*,\s*", labels.strip()):
        bounds = re.split(r"\s*[–-]\s*", piece)
        if len(bounds) == 2:
            low, high = _label_kind(bounds[0]), _label_kind(bounds[1])
            if low and high and low[0] == high[0] == "arabic" and 0 <= high[1] - low[1] <= 50:
                out.extend(str(v) for v in range(low[1], high[1] + 1))
                continue
            if low and high and low[0] == high[0] and 0 <= high[1] - low[1] <= 50:
                out.extend(_to_roman(v, bounds[0].islower()) for v in range(low[1], high[1] + 1))
                continue
        out.extend(b for b in bounds if b)
    return out


def _to_roman(value: int, lower: bool) -> str:
    numerals = (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    )  # fmt: skip
    out = []
    for amount, numeral in numerals:
        while value >= amount:
            out.append(numeral)
            value -= amount
    text = "".join(out)
    return text if lower else text.upper()


class _Plausible:
    """Decides which bracketed or superscript tokens are note markers in this document."""

    def __init__(self, defined: set[str], bracket_counts: dict[str, int]) -> None:
        self.defined = defined
        systems: dict[str, int] = {}
        for label in defined:
            kind = _label_kind(label)
            if kind is not None:
                systems[kind[0]] = max(systems.get(kind[0], 0), kind[1])
        self.systems = systems
        # Without any notes, [n] markers still count when the body numbers several of them.
        self.orphan_numbers = (
            not defined
            and sum(1 for label in bracket_counts if label.isdigit() and int(label) < 1000) >= 2
        )

    def bracket(self, label: str) -> bool:
        if label in self.defined:
            return True
        kind = _label_kind(label)
        if kind is None:
            return False
        if kind[0] in self.systems:
            return kind[1] <= self.systems[kind[0]] + 20
        return kind[0] == "arabic" and self.orphan_numbers

    def superscript(self, label: str) -> bool:
        return label in self.defined

    def spelled(self, label: str) -> str:
        """The notes' spelling of a roman label written in the other case ("[I]" for "[i]")."""
        if label in self.defined:
            return label
        for other in (label.lower(), label.upper()):
            if other in self.defined:
                return other
        return label


def _tokens(paragraph: str, plausible: _Plausible) -> list[_Token]:
    """The marker tokens of a body paragraph, outside URLs."""
    has_super = _SUPER_CHAR.search(paragraph) is not None
    glued = plausible.defined and _GLUED_NUMBER.search(paragraph) is not None
    if "[" not in paragraph and not has_super and not glued:
        return []
    urls = url_spans(paragraph) if ("://" in paragraph or "www." in paragraph) else []
    tokens: list[_Token] = []
    for match in _BRACKET_MARKER.finditer(paragraph):
        if any(s <= match.start() < e for s, e, _ in urls):
            continue
        labels = [
            plausible.spelled(label)
            for label in _expand(match["labels"])
            if plausible.bracket(plausible.spelled(label))
        ]
        if not labels:
            continue
        last = tokens[-1] if tokens else None
        glue = _BRACKET_RANGE.fullmatch(paragraph, last.end, match.start()) if last else None
        if last is not None and glue is not None:
            # IEEE's "[1]–[3]" cites 2 too, and is one cut: no "–" is left in the claim.
            if last.labels[-1].isdigit() and labels[0].isdigit():
                low, high = int(last.labels[-1]), int(labels[0])
                middle = [str(v) for v in range(low + 1, high)] if high - low <= 50 else []
                labels = [label for label in middle if plausible.bracket(label)] + labels
            tokens[-1] = _Token(last.start, match.end(), [*last.labels, *labels])
            continue
        tokens.append(_Token(match.start(), match.end(), labels))
    for match in _SUPER_MARKER.finditer(paragraph) if has_super else ():
        if _UNIT.search(paragraph, max(0, match.start() - 12), match.start()):
            continue  # "4,000 km²", "12 m³": a power, not a note
        raw = match.group().translate(FROM_SUPERSCRIPT)
        labels = [label for label in _expand(raw.replace("⁻", "-")) if plausible.superscript(label)]
        if labels and not any(s <= match.start() < e for s, e, _ in urls):
            tokens.append(_Token(match.start(), match.end(), labels))
    if glued:
        # Superscripts flattened by a PDF copy: "rural land.1 Planners", "power.”12 The".
        for match in _glued_markers(paragraph):
            # "scarce.5, 6 Climate": a flattened list, every number a defined note
            labels = _expand(match["label"])
            if all(label in plausible.defined for label in labels) and not any(
                s <= match.start() < e for s, e, _ in urls
            ):
                tokens.append(_Token(match.start("label"), match.end("label"), labels))
    tokens.sort(key=lambda t: t.start)
    return tokens


def _claim(paragraph: str, span: tuple[int, int], cuts: list[tuple[int, int]]) -> str:
    """The sentence ``span`` with the marker tokens ``cuts`` removed and spacing closed up."""
    start, end = span
    pieces: list[str] = []
    last = start
    for cut_start, cut_end in _merge_runs(paragraph, cuts):
        if cut_end <= start or cut_start >= end or cut_start < last:
            continue
        piece = paragraph[last:cut_start]
        rest = paragraph[cut_end:end].lstrip()
        if not rest or rest[0] in ".,;:!?)]}»”’":
            piece = piece.rstrip()
        pieces.append(piece)
        last = cut_end
    pieces.append(paragraph[last:end])
    text = "".join(pieces)
    if "-\n" in text:
        # "deforestation-\nfree": a compound broken at its hyphen by the line wrap.
        text = _HYPHEN_WRAP.sub("-", text)
    return _WS.sub(" ", text).strip()


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


def _author_year_index(entries: list[_Entry]) -> dict[tuple[str, str], str]:
    """(first author's surname, year) → label, for bibliography entries."""
    index: dict[tuple[str, str], str] = {}
    for entry in entries:
        citation = parse_citation(" ".join(entry.parts))
        if not citation.authors:
            continue
        year = re.search(YEAR + r"[a-z]?", f"{citation.date or ''} {' '.join(entry.parts)}")
        if year is None:
            continue
        first = citation.authors[0]
        family = surname(first).lower()
        for name in (family, family.split()[-1] if family else "", first.lower()):
            if name:
                index.setdefault((name, year.group()), entry.label)
                index.setdefault((name, year.group()[:4]), entry.label)
    return index


def _author_year_tokens(paragraph: str, index: dict[tuple[str, str], str]) -> list[_Token]:
    """``(Turing 1936, p. 230)``, ``(Smith and Lee 2010; Jones 2012)``, ``Turing (1936)``."""
    tokens: list[_Token] = []

    def label_for(names: str, year: str) -> str | None:
        first = re.split(r",\s+|\s+and\s+|\s*&\s*|,?\s+et\s+al", names)[0].strip().lower()
        # "Yet Sen (1981)": a capitalised word before the name is not part of it.
        for name in (first, first.split()[-1] if first else ""):
            label = index.get((name, year)) or index.get((name, year[:4]))
            if label is not None:
                return label
        return None

    for match in _PAREN_CITATION.finditer(paragraph):
        labels: list[str] = []
        for work in _CITED_WORK.finditer(match.group(1)):
            label = label_for(work["names"], work["year"])
            if label is not None:
                labels.append(label)
        if labels:
            tokens.append(_Token(match.start(), match.end(), labels))
    taken = [(t.start, t.end) for t in tokens]
    for match in _NARRATIVE.finditer(paragraph):
        if any(s <= match.start() < e for s, e in taken):
            continue
        label = label_for(match["names"], match["year"])
        if label is not None:
            year_at = match.start("year") - 1
            # "Turing (1936) showed": the name is part of the sentence, so nothing is cut.
            tokens.append(_Token(year_at, match.end(), [label], cut=False))
    return tokens


def _number_listed(entries: list[_Entry], paragraphs: list[_Paragraph]) -> None:
    """Give an unnumbered source list the numbers the body's markers use.

    A "Sources" list of bullets under a text marked ``[1]``/``¹`` is numbered on the page (or
    was, before copying): when every numeric marker of the body is within the list's length,
    the n-th entry is note n.
    """
    used: set[int] = set()
    for paragraph in paragraphs:
        for match in _BRACKET_MARKER.finditer(paragraph.text):
            used.update(int(label) for label in _expand(match["labels"]) if label.isdigit())
        for match in _SUPER_MARKER.finditer(paragraph.text):
            raw = match.group().translate(FROM_SUPERSCRIPT).replace("⁻", "-")
            used.update(int(label) for label in _expand(raw) if label.isdigit())
    if not used or min(used) < 1 or max(used) > len(entries):
        return
    for number, entry in enumerate(entries, start=1):
        entry.label = str(number)
        entry.listed = False


def read_text(text: str) -> ReaderOutput:
    """Find the notes and note markers of a plain-text document."""
    text = normalise_newlines(text.removeprefix("\ufeff"))
    lines = text.split("\n")
    sections = _find_sections(lines)
    diagnostics: list[Diagnostic] = []

    entries: list[_Entry] = []
    for section in sections:
        entries.extend(section.entries)
    paragraphs = _paragraphs(lines, [(s.start, s.end) for s in sections])
    if entries and all(entry.listed for entry in entries):
        _number_listed(entries, paragraphs)

    notes: list[RawNote] = []
    for entry in entries:
        notes.append(
            RawNote(
                label=entry.label,
                line=entry.line + 1,
                text=_BACKLINKS.sub("", "\n".join(entry.parts).strip(), count=1),
                column=entry.column + 1,
                listed=entry.listed,
            )
        )

    defined = {entry.label for entry in entries if not entry.listed}
    listed = [entry for entry in entries if entry.listed]
    author_year = _author_year_index(listed) if listed else {}
    counts: dict[str, int] = {}
    if not defined:
        for paragraph in paragraphs:
            for match in _BRACKET_MARKER.finditer(paragraph.text):
                for label in _expand(match["labels"]):
                    counts[label] = counts.get(label, 0) + 1
    plausible = _Plausible(defined, counts)

    markers: list[RawMarker] = []
    for paragraph in paragraphs:
        tokens = _tokens(paragraph.text, plausible)
        if author_year:
            tokens = sorted(
                tokens + _author_year_tokens(paragraph.text, author_year), key=lambda t: t.start
            )
        if not tokens:
            continue
        spans = split_sentences(paragraph.text) or [(0, len(paragraph.text))]
        starts = [s for s, _ in spans]
        cuts = [(t.start, t.end) for t in tokens if t.cut]
        for token in tokens:
            index = max(bisect_right(starts, token.start) - 1, 0)
            claim = _claim(paragraph.text, spans[index], cuts)
            line, column = _position(paragraph, token.start)
            for label in dict.fromkeys(token.labels):
                markers.append(RawMarker(label, line, claim, column))
    return ReaderOutput(notes, markers, diagnostics)
