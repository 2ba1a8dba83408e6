"""The reduced reading: a document too dense to read in full is read by a linear scan.

Every reader's cost grows with the links and note markers a document holds: a body link costs the
full readers some 40 µs (the format's parser, the claim sentence, the citation fields, URL
repair), a marker some 5 µs. 5 MB of glued Markdown links (172,000 of them) took 6.5 s, 100,000
HTML links 5 s, half a million markers in one sentence 2.5 s. No real document comes near: the
longest Wikipedia articles hold a few thousand links and notes.

So before a reader runs, :func:`too_dense` estimates that work in C-speed passes (``str.count``
of ``://``, ``www.``, ``10.``, ``[``, ``(``, ``\\cite``, ``<sup``, superscript digits, and the
markup a format's parser pays for): a document over :data:`MAX_WORK` is not given to its reader
(nor a LaTeX file or ``.bib`` it includes: those are left out, with the diagnostic).
:func:`read_reduced` reads it instead, with a few regular-expression scans and no per-character
Python loop:

* every URL (and DOI) written in it, once per distinct source, as a body link (``link-N``)
  with the text around its first occurrence as the claim;
* bracketed notes (``[^1]: …``, ``[1] …`` opening a line) with their URLs, each cited by the
  first ``[^1]``/``[1]`` marker of its label;
* at most :data:`MAX_NOTES` sources; a ``document-too-dense`` diagnostic says the document was
  read this way, and how many sources were left out, if any.

Citation fields, Ibid. chains, other note styles and every repeated citation are not read: the
URLs are what gets checked, and each is checked once anyway. A URL longer than
:data:`MAX_URL` characters is cut there (no server takes a longer one).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from citecheck.models import (
    Claim,
    Diagnostic,
    DiagnosticCode,
    Document,
    DocumentFormat,
    Note,
    NoteKind,
)
from citecheck.parse.deferred import regex
from citecheck.parse.names import normalise_newlines
from citecheck.parse.spans import line_starts, position
from citecheck.parse.urls import repair_url, url_identity

__all__ = ["MAX_NOTES", "MAX_WORK", "read_reduced", "too_dense", "work_estimate"]

#: The work a document may take to be read in full, in markers: a link weighs
#: :data:`LINK_WEIGHT` markers. 200,000 is about a second of the full readers, and some ten
#: times the densest real document of the test corpora.
MAX_WORK = 200_000
LINK_WEIGHT = 10
#: The most sources (distinct URLs and notes) a reduced reading lists.
MAX_NOTES = 50_000
#: The longest URL read (HTTP servers refuse request lines of more than 8 to 16 KiB).
MAX_URL = 4096
#: The text kept around a link or marker as its claim, on each side.
_CONTEXT = 200

_STOP_CHARS = "\\s<>\"“”‘«»`|{}\\\\^\\[\\]⁰¹²³⁴⁵⁶⁷⁸⁹\u202a-\u202e\u2066-\u2069\u200e\u200f"
# A URL or DOI: a scheme, "www.", doi.org, or a bare DOI; then a run of URL characters that
# stops at a bracket (so "…/a)[x](https://…" and "…/a[1][1]…" end where the URL does).
_URL = regex(
    rf"(?i)(?<![\w@./-])(?:(?:https?|ftp)://|www\d{{0,3}}\.|(?:dx\.)?doi\.org/|doi:\s?(?=10\.)"
    rf"|(?=10\.\d{{4,9}}/))[^{_STOP_CHARS}]{{1,{MAX_URL}}}"
)
_TRAILING = ".,;:!?'’*…؛،()"
# A bracketed note opening a line ("[^1]: …", "[12] …", ".. [1] …") and a bracketed marker.
_DEFINITION = regex(r"(?m)^[ \t]{0,3}(?:\.\.[ \t]+)?\[\^?([^\]\[\s]{1,32})\]:?(?=[ \t])")
_MARKER = regex(r"\[\^?([^\]\[\s]{1,32})\]")
_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
#: The longest run of LaTeX text without a command, group, comment or math read in full.
MAX_LATEX_RUN = 100_000
_LATEX_SPECIAL = regex(r"[\\{}%$]")


def work_estimate(text: str, fmt: DocumentFormat | None = None) -> int:
    """The reading work ``text`` asks for, in markers (see :data:`MAX_WORK`): C-speed counts.

    Some formats cost more per character: pylatexenc spends some 25 µs on each LaTeX command,
    group and comment (5 MB of ``\\textbf{x}`` took 23 s), bibtexparser 20 µs on each entry,
    docutils some 20 µs on each inline markup and 0.25 µs on each character, markdown-it 13 µs
    on each emphasis delimiter and 5 µs on each entity.
    """
    return _work_but_superscripts(text, fmt) + _superscripts(text)


def _superscripts(text: str) -> int:
    return 0 if text.isascii() else sum(text.count(digit) for digit in _SUPERSCRIPT_DIGITS)


def _work_but_superscripts(text: str, fmt: DocumentFormat | None) -> int:
    links = text.count("://") + text.count("www.") + text.count("10.")  # URLs and DOIs
    markers = text.count("[") + text.count("(") + text.count("\\cite") + text.count("<sup")
    work = links * LINK_WEIGHT + markers
    if fmt is DocumentFormat.LATEX:
        work += 5 * (text.count("\\") + text.count("%") + text.count("{"))
        # pylatexenc joins a run of plain characters by repeated concatenation: quadratic
        # (5 MB of prose without a command did not end in 5 minutes). No real run is this long.
        longest = max(map(len, _LATEX_SPECIAL.split(text)), default=0)
        if longest > MAX_LATEX_RUN:
            work += MAX_WORK + 1
    elif fmt is DocumentFormat.BIBTEX:
        # bibtexparser: some 20 µs an entry, 1 µs a brace.
        work += 5 * text.count("@") + text.count("{") // 4
    elif fmt is DocumentFormat.MARKDOWN:
        # markdown-it: some 5 µs an entity, 13 µs an emphasis delimiter (5 MB of "*a* _b_ "
        # took 16 s, of "&amp;" 5 s).
        work += text.count("&") + 3 * (text.count("*") + text.count("_"))
    elif fmt is DocumentFormat.RST:
        work += len(text) // 20 + 2 * (text.count("*") + text.count("`") + text.count("|"))
    return work


def too_dense(text: str, fmt: DocumentFormat | None = None) -> str | None:
    """Why ``text`` (of format ``fmt``) is too dense to read in full, or None (see the module
    docstring)."""
    if len(text) < MAX_WORK // LINK_WEIGHT:  # cannot reach the bound: skip the counting
        return None
    work = _work_but_superscripts(text, fmt)
    # Ten counts of superscript digits cost more than encoding the text: each is at least two
    # bytes in UTF-8, so the extra bytes bound them, and most texts are far below the limit.
    if work + len(text.encode("utf-8", "surrogatepass")) - len(text) <= MAX_WORK:
        return None
    work += _superscripts(text)
    if work <= MAX_WORK:
        return None
    return (f"the document is too dense to read in full in time (about {work:,} units of "
            f"work: a note marker or markup is 1 to 5, a link 10; at most {MAX_WORK:,})")


def _around(text: str, starts: list[int], start: int, end: int) -> str:
    """The text of the line holding ``start`` within :data:`_CONTEXT` of the span, as one
    whitespace-normalised string (``starts``: :func:`~citecheck.parse.spans.line_starts`)."""
    index = bisect_right(starts, start) - 1
    line_start = starts[index]
    line_end = starts[index + 1] - 1 if index + 1 < len(starts) else len(text)
    window = text[max(line_start, start - _CONTEXT) : min(line_end, end + _CONTEXT)]
    return " ".join(window.split())


def _repaired(written: str) -> str:
    """A URL as written, repaired: trailing punctuation and unbalanced closing parentheses off
    in C-speed passes first, so that repair_url never loops over a long tail."""
    core = written.rstrip(_TRAILING)
    opened = core.count("(") - core.count(")")
    if opened > 0:  # "…/Mali_(country))." keeps the parenthesis it opened
        tail = written[len(core) :]
        closers = len(tail) - len(tail.lstrip(")"))
        core += ")" * min(opened, closers)
    return repair_url(core)  # DOI spellings too: one canonical form for every reader


def read_reduced(text: str, path: str, fmt: DocumentFormat, reason: str) -> Document:
    """Read ``text`` by the linear scan of the module docstring; never raises on odd input.

    ``reason`` (from :func:`too_dense`) opens the ``document-too-dense`` diagnostic. An HTML
    page is read as its text (tags dropped, link targets kept).
    """
    if fmt is DocumentFormat.HTML:
        from citecheck.parse.html_depth import as_text

        text = as_text(normalise_newlines(text))
    else:
        text = normalise_newlines(text)
    starts = line_starts(text)
    found: list[_Found] = []
    budget = MAX_NOTES  # sources (notes and distinct URLs) still to list
    left_out = 0

    # Bracketed notes: where each starts, what label, and its first marker.
    definitions = {m.start(1): m for m in _DEFINITION.finditer(text)}
    defined: dict[str, _Found] = {}
    note_starts: list[int] = []  # line start offsets of the notes, ascending
    for match in definitions.values():
        label = match.group(1)
        if label in defined:
            continue
        if budget == 0:
            left_out += 1
            continue
        budget -= 1
        line, column = position(starts, match.start())
        note = _Found(label, line, column, NoteKind.FULL,
                      _around(text, starts, match.end(), match.end()))
        defined[label] = note
        found.append(note)
        note_starts.append(starts[line - 1])
    if defined:
        for match in _MARKER.finditer(text):
            cited = defined.get(match.group(1))
            if cited is None or cited.claim is not None or match.start(1) in definitions:
                continue
            line, column = position(starts, match.start())
            cited.claim = Claim(line, _around(text, starts, match.start(), match.end()), column)

    # URLs: on a note's line they are that note's; elsewhere each distinct one is a body link.
    seen_written: set[str] = set()
    seen: set[str] = set()
    links = 0
    for match in _URL.finditer(text):
        written = match.group()
        if written in seen_written:
            continue
        seen_written.add(written)
        if budget == 0:
            left_out += 1  # not repaired: a written spelling, perhaps of a source listed
            continue
        url = _repaired(written)
        if "://" not in url:
            continue
        start = match.start()
        line, column = position(starts, start)
        owner = _owner(note_starts, starts[line - 1])
        identity = url_identity(url)
        if owner is not None:
            urls = found[owner].urls
            if identity not in urls:
                budget -= 1
                urls[identity] = url
            continue
        if identity in seen:
            continue
        seen.add(identity)
        budget -= 1
        links += 1
        link = _Found(f"link-{links}", line, column, NoteKind.LINK, url, {identity: url})
        link.claim = Claim(line, _around(text, starts, start, match.end()), column)
        found.append(link)

    found.sort(key=lambda note: (note.line, note.column))
    notes = tuple(
        Note(label=note.label, index=index, line=note.line, kind=note.kind, text=note.text,
             urls=tuple(note.urls.values()), claims=() if note.claim is None else (note.claim,),
             column=note.column)
        for index, note in enumerate(found)
    )
    message = (f"{reason}; it was read in reduced mode: each URL once, with the line around "
               "it, and bracketed notes with their first marker (citation fields, other note "
               "styles and repeated citations were not read)")
    if left_out:
        message += (f"; {left_out:,} further notes or URLs past the first {MAX_NOTES:,} "
                    "sources were left out")
    diagnostics = [Diagnostic(DiagnosticCode.DOCUMENT_TOO_DENSE, message)]
    if not notes:
        diagnostics.append(Diagnostic(DiagnosticCode.NO_NOTES, "no notes, references or links "
                                      "found"))
    return Document(path=path, format=fmt, notes=notes, diagnostics=tuple(diagnostics))


@dataclass(slots=True)
class _Found:
    """A note or body link while the scan goes: its first marker and URLs still to come."""

    label: str
    line: int
    column: int
    kind: NoteKind
    text: str
    urls: dict[str, str] = field(default_factory=dict)  # identity → URL, in order
    claim: Claim | None = None


def _owner(note_starts: list[int], line_start: int) -> int | None:
    """The position of the note whose opening line starts at ``line_start``, if any (notes
    come first in the list, in the order of ``note_starts``)."""
    index = bisect_right(note_starts, line_start) - 1
    if index < 0 or note_starts[index] != line_start:
        return None
    return index
