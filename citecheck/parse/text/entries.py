"""Splitting a notes section into entries: numbered, Wikipedia-style (``^ a b``) and listed ones."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from citecheck.parse.citation import YEAR
from citecheck.parse.names import FROM_SUPERSCRIPT, LEADING_PARTICLE, TO_SUPERSCRIPT
from citecheck.parse.text.labels import _LABEL, _expand, _label_kind
from citecheck.parse.urls import url_spans

_HEADING = re.compile(
    r"(?i)^\s{0,3}(?:#{1,6}\s*)?(?:\*\*|__)?"
    # A numbered section heading, as papers and RFCs print it: "7. REFERENCES", "VI References",
    # "5.  Informative References", "12.1. References"; a report's lettered one, "E. Selected
    # References".
    r"(?:(?:\d{1,2}(?:\.\d{1,2}){0,3}|[IVX]{1,5})\.?\s+|[A-H]\.\s+)?"
    r"(?:(?:normative|informative|selected)\s+(?=references))?"
    # A label before the name: "Prior Art / References", "Appendix B: Bibliography".
    r"(?:(?:[^\W\d_][\w'’&,-]*\s+){0,4}[^\W\d_][\w'’&,-]*\s*/\s*"
    r"|(?:appendix|annex|annexe)\s+[A-Z0-9]{1,3}\s*[:.–—-]\s*)?"
    # pdftotext prints a small-caps heading with its first letter apart: "R EFERENCES".
    r"(?P<name>(?:n ?otes?|e ?nd\s?notes|f ?oot\s?notes|notes\s+and\s+(?:references|sources)"
    r"|(?:r ?eferences|s ?ources)(?:\s+and\s+notes)?|reference\s+list|b ?ibliography"
    r"|w ?orks\s+cited|literature\s+cited|c ?itations|sources\s+cited|selected\s+bibliography"
    # biblatex's list of shorthands ("KpV  Immanuel Kant. …"), under either name.
    r"|(?:list\s+of\s+)?(?:abbreviations|shorthands)|sigla))"
    r"(?:\*\*|__)?\s*:?\s*#*\s*$"
)
# Entry starts, by style. Group "label" is the label, the match ends where the note text begins.
_ENTRY_STYLES: dict[str, re.Pattern[str]] = {
    # Each may also stand alone on its line, the text following on the next ("1\nSmith, …").
    # "[1]Smith" glued is an entry; "[1]1" or "[1][2]" is a run of markers.
    "bracket": re.compile(rf"^\s*\[\^?(?P<label>{_LABEL})\]:?(?:\s+(?=\S)|(?=[^\W\d_“\"‘(])|\s*$)"),
    # "10.Bitcoin, …": a PDF may lose the space after the label; a capital follows then.
    "dot": re.compile(rf"^\s*(?P<label>{_LABEL})[.)](?:\s+(?=\S)|\s*$|(?=[A-Z][A-Za-z]))"),
    "caret": re.compile(rf"^\s*\^(?P<label>{_LABEL})[.):]?(?:\s*(?=\S)|\s*$)"),
    "super": re.compile(r"^\s*(?P<label>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,5})[.)]?(?:\s*(?=\S)|\s*$)"),
    # "1 Smith", and with a spaced separator "1 – Smith", "1 . Smith" (a PDF's tab stop).
    "bare": re.compile(r"^\s*(?P<label>\d{1,5})(?:\s+[–—.:-](?=\s))?(?:\s+(?=\S)|\s*$)"),
    # A reference list labelled by name (RFCs, papers, design documents): "[RFC5246]",
    # "[BEAST]", "[Auerbach '07]", the text after it or on the next, indented, line. Read only
    # under a heading: in the body such a line is prose.
    "labelled": re.compile(
        r"^\s{0,8}\[(?P<label>(?=[^\]]*[A-Za-z])[A-Za-z0-9][\w.'’+/:&-]*(?: [\w.'’+/:&-]+){0,3})\]"
        r"(?:\s+(?=\S)|\s*$)"
    ),
}
#: Styles whose labels are names, not numbers: any new label continues the list.
_NAMED_STYLES = frozenset({"labelled"})
_WIKI_ENTRY = re.compile(r"^\s*(?:\^|↑)\s+(?=\S)")
_ADDRESS = re.compile(r"(?i)^(?:\S*://|doi:|10\.\d{4,9}/|www\.)")
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
_TERMINAL = re.compile(r"""[.!?:;…]["'”’)\]]*(?:\s*\[[^\]\s]{1,8}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)*\s*$""")
_URL_JOINERS = frozenset("-/_?=&")
# A PDF's running header or footer: "12 | Report title", "Report title | 12", "Page 3 of 9", "14".
_PAGE_FURNITURE = re.compile(
    r"(?i)^\s*(?:\d{1,4}\s+[|·•]\s+[^|]{1,80}|[^|]{1,80}\s[|·•]\s+(?:page\s+)?\d{1,4}"
    r"|(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?"
    # An RFC's or Internet-Draft's page foot and running head, in columns set apart by spaces.
    r"|\S.*\s{3,}\[Page\s+\d{1,4}\]|(?:RFC\s+\d{1,5}|Internet-Draft)\s{3,}\S.*)\s*$"
)
# "Smith, J. …", "“Title” …", and Harvard's "Mayor of London (2022) ‘Title’": a name, its year.
_REFERENCE_START = re.compile(
    r"^(?:[^\W\d_][^,.]{0,60}[,.]|[“\"‘']"
    r"|[^\W\d_][^,.()]{0,60}\s\((?:(?:1[5-9]|20)\d\d[a-z]?|n\.\s?d\.|no date)\))"
)
# "— — —.", "———.", "—" alone or before the title: the previous entry's authors again (Chicago,
# biblatex). Hyphens only doubled or more ("--.", "___."): one is a bullet.
_DITTO = re.compile(r"^(?:(?:[—―]\s?){1,3}|(?:–\s?){2,3}|-{2,3}|_{2,8})(?:[.,:]|\s*$|\s+(?=\S))")
# MLA's container and date opening a paragraph: "Vice, 11 June 2019, …", "The Guardian, 12 Nov.
# 2018", "Nature, vol. 3, 2019" — no author ("Surname, Given").
_CONTAINER_AND_DATE = re.compile(
    r"^[^\W\d_][\w.&'’ -]{0,60}?, (?:\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}|[A-Z][a-z]{2,8}\.? \d{1,2},? "
    r"\d{4}|\d{4}\b|vol\. \d)"
)
_FIELD = re.compile(r"^[^\W\d_][\w-]*(?: [\w-]+){0,2}: \S")  # "Version: 1.0", "Last updated: …"
_ENDS_IN_INITIAL = re.compile(r"(?:^|\s)[A-Z]\.$")
# What may follow an entry's URL on a line of its own: the access date, an archive's note.
_AFTER_ADDRESS = re.compile(
    r"(?i)^[(\[]?(?:last\s+)?(?:accessed|retrieved|visited|viewed|consulted|archived|available)\b"
)
_PARTICLE_START = re.compile(rf"^{LEADING_PARTICLE}\s+[^\W\d_]", re.IGNORECASE)
_BARE_DOI_IN = re.compile(r"\b10\.\d{4,9}/\S")
_WRAP_WIDTH = 130  # longer lines are not wrapped at a page's or a terminal's width
_PAGE_LENGTH = 15  # lines per entry beyond which lone numbers are page numbers, not labels
#: How long a paragraph that continues the entry above may be, and how far (lines) the next entry.
_CONTINUATION_WIDTH = 120
_CONTINUATION_REACH = 8
_MAX_GAP = 10  # how far numbering may jump between entries (a note or two lost in pasting)


@dataclass(slots=True)
class _Entry:
    label: str
    line: int  # 0-based line index
    column: int  # 0-based
    parts: list[str] = field(default_factory=list)
    listed: bool = False
    reference: bool = False  # labelled by name in a reference list: cites a source
    # Numbered in a list headed "References" or "Bibliography": what reads as a short form
    # there and repeats no other entry is a source ("[14] B. McCloskey. Personal communication.")
    reference_list: bool = False


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
    if style not in _NAMED_STYLES and _label_kind(label) is None:
        return None
    column = match.start("label") - (1 if style in ("bracket", "caret") else 0)
    if style == "bracket" and line[column] != "[":
        column = line.index("[")
    return label, column, match.end()


def _any_entry(line: str, named: bool = False) -> tuple[str, str, int, int] | None:
    """The first entry style ``line`` starts; ``named`` admits labels that are names."""
    styles = ("bracket", "dot", "caret", "super", "bare") + (("labelled",) if named else ())
    for style in styles:
        found = _entry_at(line, style)
        if found is not None:
            return (style, *found)
    return None


def _advances(previous: str | None, label: str, style: str, restart: bool) -> bool:
    """Whether ``label`` can follow ``previous`` in one numbered list."""
    if style in _NAMED_STYLES:
        return label != previous
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
    # A zero-width space alone on its line (a PDF's empty paragraph) prints nothing either.
    return not line.strip().strip("\u200b\u2060\ufeff")


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
    skipped: set[str] = set()  # numbers the list jumped over, which a swapped entry may fill
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
        advances = found is not None and _advances(
            previous, found[0], style, after_blank or after_heading
        )
        # "5.", "7.", "6.": extraction swapped two entries; 6 fills the gap 7 left.
        fills_gap = found is not None and found[0] in skipped and style in ("dot", "bracket")
        if found is not None and (advances or fills_gap):
            label, column, text_at = found
            skipped.discard(label)
            if advances and previous is not None and previous.isdigit() and label.isdigit():
                skipped.update(str(n) for n in range(int(previous) + 1, int(label)))
            entries.append(
                _Entry(
                    label, i, column, [line[text_at:].strip()], reference=style in _NAMED_STYLES
                )
            )
            after_blank = after_heading = False
            end = i + 1
            i += 1
            continue
        if not entries:
            return None
        if _HEADING.match(line):
            if not _numbering_goes_on(lines, i + 1, style, entries[-1].label):
                break  # "Bibliography" right under the last note starts another section
            # A running head repeating the section's name at a page top ("REFERENCES" then
            # "[7] …" after "[6] …"): page furniture inside the list.
            after_heading = True
            i += 1
            continue
        if _PAGE_FURNITURE.match(line) and not _ZERO_LED_NUMBER.match(line) and (
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
    if _pages_numbered(entries, end - first):
        return None
    _pair_label_column(entries)
    entries = [entry for entry in entries if any(part for part in entry.parts)]
    if not entries:
        return None
    return _Section(start, end, entries)


def _pages_numbered(entries: list[_Entry], lines: int) -> bool:
    """Page numbers alone on their lines, each followed by a page of text, are no notes list.

    A table of contents ("References" ⏎ "43") leads into the body of a PDF copied as text,
    whose page numbers then read as labels alone with their notes on the next lines; notes run a
    few lines each, pages dozens.
    """
    alone = [entry for entry in entries if entry.parts[0] == ""]
    return len(alone) >= 3 and len(alone) * 2 > len(entries) and lines > _PAGE_LENGTH * len(entries)


def _pair_label_column(entries: list[_Entry]) -> None:
    """Labels extracted apart from their texts: "1", "2", … "7" alone, then seven texts.

    A PDF laid out as a label column beside a text column comes out of extraction as a run of
    bare labels followed by the texts in the same order, all of them read as the last label's.
    When the texts split into exactly as many entries as there are empty labels before them
    (and the last), they are paired by position.
    """
    i = 0
    while i < len(entries):
        j = i
        while j < len(entries) and entries[j].parts == [""]:
            j += 1
        if j > i and j < len(entries) and not entries[j].parts[0]:
            run = entries[i : j + 1]
            for units in (_text_units(entries[j].parts), _text_units(entries[j].parts, True)):
                if len(units) == len(run):
                    for entry, unit in zip(run, units, strict=True):
                        entry.parts = unit
                    break
        i = j + 1


def _text_units(parts: list[str], addresses_close: bool = False) -> list[list[str]]:
    """Lines grouped into entries: a new one starts with an address, a capital or a digit, or
    after a line that ends a sentence or an address; a lower-case line after "claims," goes on.

    With ``addresses_close``, an address alone on its line ends the entry before it when that
    entry has none yet ("GRAFT Definition. Merriam-Webster (2017)." ⏎ "https://…").
    """
    units: list[list[str]] = []
    for part in parts:
        line = part.strip()
        if not line:
            continue
        previous = units[-1][-1] if units else ""
        bare = line.strip("\u200b .")
        if (
            addresses_close
            and units
            and _ADDRESS.match(bare) is not None
            and " " not in bare
            and not any("://" in earlier or "www." in earlier for earlier in units[-1])
        ):
            units[-1].append(line)
            continue
        opens = (
            _ADDRESS.match(line) is not None
            or line[0].isupper()
            or line[0].isdigit()
            or _TERMINAL.search(previous) is not None
            or bool(previous and _ADDRESS.match(previous.rsplit(None, 1)[-1]))
        )
        if opens or not units:
            units.append([line])
        else:
            units[-1].append(line)
    return units


def _numbering_goes_on(lines: list[str], begin: int, style: str, previous: str) -> bool:
    """Whether the next entry within a few paragraphs continues ``previous``'s numbering
    (not a new list starting again at 1)."""
    following = _next_entry(lines, begin, style, previous)
    if following is None:
        return False
    found = _entry_at(lines[following], style)
    return found is not None and _advances(previous, found[0], style, restart=False)


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
        and _cites_source(paragraph)
        and (
            head[0].isupper()
            or head[0] in "“\"'‘"
            or _ADDRESS.match(head) is not None
            or _PARTICLE_START.match(head) is not None  # "van Zanten HHE, …", "de Boer, …"
        )
    )


# No page is numbered "025": a zero-led number is the rest of something the line end cut.
_ZERO_LED_NUMBER = re.compile(r"^\s*0\d+\s*$")


def _read_listed(lines: list[str], start: int, first: int) -> _Section | None:
    """Unnumbered bibliography entries from ``first`` on (paragraphs or hanging indents)."""
    entries: list[_Entry] = []
    n = len(lines)
    i = first
    end = first
    current: _Entry | None = None
    previous_line = ""
    unwrapped = _unwrapped(lines, first)
    while i < n:
        line = lines[i]
        if _is_blank(line):
            current = None
            i += 1
            continue
        stripped = line.strip()
        if current is None and entries and (
            _AFTER_ADDRESS.match(stripped) is not None or _second_half(entries[-1], stripped)
        ):
            # "Available online at: https://…" or "Accessed 08/2018" in a paragraph of its own
            # (Word): the access note of the entry above, never an entry; so is the rest of an
            # entry split over two paragraphs (see _second_half).
            current = entries[-1]
            current.parts.append(stripped)
            end = i + 1
            previous_line = stripped
            i += 1
            continue
        if unwrapped and entries and _REFERENCE_START.match(stripped) and (
            _looks_like_reference(stripped) or _looks_like_reference(_next_text(lines, i + 1))
        ):
            # A list copied from a web page: one entry a line however it ends ("… has generic
            # name (help)"), a short one ("“Official page”.") among them too.
            current = _Entry(f"ref-{len(entries) + 1}", i, len(line) - len(line.lstrip()),
                             [stripped], listed=True)
            entries.append(current)
            end = i + 1
            previous_line = stripped
            i += 1
            continue
        if entries and stripped.isdigit() and _is_blank(lines[i - 1]):
            k = i + 1
            while k < n and _is_blank(lines[k]):
                k += 1
            after = lines[k].strip() if k < n else ""
            if (
                _address_goes_on(previous_line, after)
                or _ADDRESS.match(after)
                or (len(stripped) <= 4 and _looks_like_reference(after))
            ):
                i += 1  # a page number set apart in a list: a PDF page break
                continue
        after_address = False
        ditto = _DITTO.match(stripped)
        bullet = None if ditto is not None else _BULLET.match(stripped)
        indented = len(line) - len(line.lstrip()) >= 2
        last_word = previous_line.rsplit(None, 1)[-1] if previous_line else ""
        # An entry ending in a URL has ended, unless the URL visibly goes on ("…/10.1111/").
        # "…(2014). The k2 mission:" ⏎ "Characterization and early results.": a title's
        # colon introduces its subtitle, it ends no entry.
        address_ended = bool(_ADDRESS.match(last_word)) and last_word[-1] not in _URL_JOINERS
        if (
            not address_ended
            and current is not None
            and not indented
            and ditto is None
            and bullet is None
            and _TERMINAL.search(previous_line) is None
        ):
            # "…Retrieved from https://www.marxists." ⏎ "  org/archive/…/Capital.pdf": the
            # wrapped line alone is no address, the entry still ends in one.
            address_ended = _ends_in_address(current.parts)
        # "…New York: G. P." ⏎ "Putnam, 1929.": a line that ends in an initial ends no entry.
        ended = (
            _TERMINAL.search(previous_line) is not None
            and not previous_line.endswith(":")
            and _ENDS_IN_INITIAL.search(previous_line) is None
        ) or address_ended
        if (
            bullet is None
            and ditto is None
            and not indented
            and (
                ((current is None or ended) and _sub_heading(lines, i)) or _list_label(lines, i)
            )
        ):
            # "Printed Sources" ⏎ "Goossens, Michel, …": a bibliography split by type or
            # topic goes on under each sub-heading, which is no entry of its own; a list of
            # fields ("Document Metadata:" ⏎ "· Version: 1.0") ends it.
            if _fields_follow(lines, i):
                break
            current = None
            previous_line = ""
            i += 1
            continue
        if (
            entries
            and bullet is None
            and ditto is None
            and _address_goes_on(previous_line, stripped)
        ):
            # "…/for-merch" ⏎ "ant-acquirers.pdf": one URL cut mid-word, by a line or a page.
            entries[-1].parts.append(stripped)
            current = entries[-1]
            end = i + 1
            previous_line += stripped
            i += 1
            continue
        if ditto is not None or bullet is not None:
            # "- https://…", "• Smith, J. (2010)…": one bullet, one entry; "— — —. Title…":
            # another work by the authors of the entry before.
            new_entry = True
        elif current is None:
            new_entry = True
        elif len(current.parts) == 1 and _DITTO.match(current.parts[0]) is not None and not (
            current.parts[0].strip("—―–-_.,: ")
        ):
            new_entry = False  # "—" alone on its line, the title on the next
        elif indented:
            new_entry = False  # a hanging indent continues the entry
        elif (
            _ADDRESS.match(stripped) is not None
            and " " not in stripped
            and previous_line
            and _ADDRESS.match(previous_line.rsplit(None, 1)[-1]) is None
        ):
            # "…, 713(2), L155-L159." ⏎ "https://doi.org/10.1088/…": an entry's DOI or URL on a
            # line of its own belongs to it (a list of bare addresses goes address after address).
            new_entry = False
        else:
            # (A URL ending in "/" may go on, but not with a line of words; "Accessed 3 May
            # 2021." after the URL closes the entry as well.)
            after_address = _opens_title(stripped) and (
                address_ended
                or (bool(_ADDRESS.match(last_word)) and last_word[-1] == "/" and " " in stripped)
                or (_AFTER_ADDRESS.match(previous_line) is not None and previous_line[-1] in ".)")
            )
            new_entry = (
                (
                    ended
                    and _REFERENCE_START.match(stripped) is not None
                    # "Ed. and trans." ⏎ "by Kalman P. Bland.": no entry opens in lower case
                    and (not stripped[0].islower() or _PARTICLE_START.match(stripped) is not None)
                    and not (address_ended and _AFTER_ADDRESS.match(stripped))
                )
                # "…/businesses/" ⏎ "https://…": one address after another, one entry each
                or (bool(_ADDRESS.match(last_word)) and "://" in stripped.split(None, 1)[0])
                # "…/ossf/scorecard" ⏎ "OSSF Open Source Project Criticality Score": a URL
                # without a stop ends its entry; a title opens the next ("Accessed 3 May" not).
                or after_address
            )
        if new_entry:
            text = stripped[bullet.end() :] if bullet is not None else stripped
            paragraph = _bullet_from(lines, i, text) if bullet is not None else _paragraph_from(
                lines, i)
            sourced = (
                _cites_source(paragraph)
                if ditto is not None or after_address
                else _looks_like_reference(paragraph)
            )
            if not sourced and not _HEADING.match(line) and _second_half(
                _Entry("", i, 0, [paragraph]), _next_paragraph(lines, i)
            ):
                sourced = True  # "Cole, Samantha. “Title.”" ⏎ "Vice, 11 June 2019, …"
            if _HEADING.match(line) or not sourced:
                if entries and bullet is None and _continues_entry(lines, i):
                    # "Mogoaşe, C. … (2013). Can Concreteness …" ⏎ "Cognitive Therapy
                    # Research, 37(4), 704-712.": Word keeps an entry's second half in a
                    # paragraph of its own, which is no source; the list goes on after it.
                    entries[-1].parts.append(stripped)
                    current = entries[-1]
                    end = i + 1
                    previous_line = stripped
                    i += 1
                    continue
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


# A list of shorthands: "KpV  Immanuel Kant. “Kritik …”". A shorthand is an abbreviation:
# two capitals ("KpV", "KU", "LThK") or a digit ("CIL2"), not a word of the text.
_SHORTHAND = re.compile(
    r"^\s*(?P<label>(?=[^\s.,;:]*[A-Z][^\s.,;:]*[A-Z]|[^\s.,;:]*\d)(?=[^\s.,;:]*[^\W\d_])"
    r"[^\s.,;:]{1,12})(?:\s+(?=\S)|\s*$)"
)


def _read_shorthands(lines: list[str], start: int, first: int) -> _Section | None:
    """A list of shorthands (abbreviations) that stand for works: ``KpV  Immanuel Kant. …``.

    Each entry is the shorthand, then the work's full reference; an entry starts after a line
    that ends a sentence (extraction keeps no reliable indent for the wrapped lines). A list of
    abbreviations that expand to names ("NATO  North Atlantic Treaty Organization") is a
    glossary, no list of sources: every entry must read as a reference, opening with a name and
    its stop and giving a year or an address, or the list is none.
    """
    entries: list[_Entry] = []
    n = len(lines)
    i = first
    end = first
    after_blank = False
    while i < n:
        line = lines[i]
        if _is_blank(line):
            after_blank = True
            i += 1
            continue
        if _HEADING.match(line) is not None:
            break
        match = _SHORTHAND.match(line)
        previous = entries[-1].parts[-1] if entries else ""
        if match is None or (entries and _TERMINAL.search(previous) is None):
            if not entries or after_blank:
                break
            entries[-1].parts.append(line.strip())
            end = i + 1
            i += 1
            continue
        text = line[match.end() :].strip()
        k = i + 1
        rest = [] if text or k >= n else [lines[k].strip()]
        whole = " ".join([text, *rest, _paragraph_from(lines, k + len(rest))]).strip()
        if _REFERENCE_START.match(whole) is None or not _looks_like_reference(whole):
            if not entries:
                return None
            break
        column = match.start("label")
        entries.append(_Entry(match["label"], i, column, [text, *rest], reference=True))
        after_blank = False
        end = k + len(rest)
        i = end
    return _Section(start, end, entries) if entries else None


# biblatex's "reading" style: each entry under a header "Author et al.: Title  key", then the
# reference, then fields of its own, "Annotations: …", "Abstract: …", "File: …".
_READING_FIELD = re.compile(r"^(?:annotations?|abstract|file|library|keywords|notes?):\s", re.I)
_READING_HEAD = re.compile(r"^(?P<who>[^\W\d_][\w’'.-]*(?: [\w’'.-]+){0,3}?)(?: et al\.)?: \S")


def _reading_head(lines: list[str], i: int) -> bool:
    """Whether line ``i`` is a reading list's header: "Padhye et al.: A Stochastic Model…",
    the surname named again in the reference that follows within three lines."""
    stripped = lines[i].strip()
    match = _READING_HEAD.match(stripped)
    if match is None or _READING_FIELD.match(stripped) is not None:
        return False
    surname = match["who"].split()[-1]
    return any(surname in line for line in lines[i + 1 : i + 4])


def _read_reading(lines: list[str], start: int, first: int) -> _Section | None:
    """An annotated reading list: each entry runs from its header to the next, its abstract
    and annotations included; another heading ends the list. None unless the entries carry
    such fields (``Annotations:``, ``Abstract:``) and the list starts with a header."""
    if not _reading_head(lines, first):
        return None
    entries: list[_Entry] = []
    fields = 0
    end = first
    for i in range(first, len(lines)):
        line = lines[i]
        if _is_blank(line):
            continue
        if _HEADING.match(line) is not None:
            break
        stripped = line.strip()
        fields += _READING_FIELD.match(stripped) is not None
        if _reading_head(lines, i):
            entries.append(_Entry(f"ref-{len(entries) + 1}", i, 0, [stripped], listed=True))
        else:
            entries[-1].parts.append(stripped)
        end = i + 1
    if fields < len(entries):
        return None
    return _Section(start, end, entries)


def _ends_in_address(parts: list[str]) -> bool:
    """Whether an entry's lines end in a URL or DOI (however wrapped) that does not visibly
    go on."""
    text = "\n".join(parts).rstrip()
    if "://" not in text and "www." not in text and "10." not in text:
        return False
    spans = url_spans(text)
    return bool(spans) and spans[-1][1] == len(text) and text[-1] not in _URL_JOINERS


def _opens_title(line: str) -> bool:
    """Whether ``line`` opens like an entry's name or title ("2020 data-breach investigation
    report" too), not an access date after a URL."""
    opens = line[0].isupper() or line[0] in "“\"‘" or (
        line[0].isdigit() and len(line.split()) >= 3
    )
    return opens and _AFTER_ADDRESS.match(line) is None


def _cites_source(paragraph: str) -> bool:
    """Whether ``paragraph`` carries a year, a URL or a DOI, as a source's entry does."""
    return (
        _YEAR_RE.search(paragraph) is not None
        or "://" in paragraph
        or "doi" in paragraph.lower()
        or _BARE_DOI_IN.search(paragraph) is not None
    )


def _list_label(lines: list[str], i: int) -> bool:
    """Whether line ``i`` labels the bulleted list under it ("Document Metadata:" ⏎ "·
    Version: 1.0"): a short title and its colon, a bullet on the next line."""
    stripped = lines[i].strip()
    return (
        stripped.endswith(":")
        and 1 < len(stripped) <= 40
        and stripped[0].isupper()
        and i + 1 < len(lines)
        and _BULLET.match(lines[i + 1].strip()) is not None
        and _heading_like(stripped[:-1])
    )


def _fields_follow(lines: list[str], i: int) -> bool:
    """Whether the bullets after line ``i`` are fields ("· Version: 1.0", "· Date: …"), a
    document's metadata, not sources."""
    bullet = _BULLET.match(lines[i + 1].strip()) if i + 1 < len(lines) else None
    return bullet is not None and _FIELD.match(lines[i + 1].strip()[bullet.end() :]) is not None


def _sub_heading(lines: list[str], i: int) -> bool:
    """Whether line ``i`` heads a part of a bibliography ("Printed Sources", "Books"): a short
    title without a year or closing stop, followed by a line that opens a reference (not a
    URL: "OWASP Packman" ⏎ "https://…" is a title and its address)."""
    stripped = lines[i].strip()
    if (
        len(stripped) > 40
        or not stripped[0].isupper()
        or not _heading_like(stripped)
        or _HEADING.match(lines[i]) is not None
        or _YEAR_RE.search(stripped) is not None
        or stripped[-1] in "-–—,;/&"
    ):
        return False
    k = i + 1
    while k < len(lines) and k <= i + 3 and _is_blank(lines[k]):
        k += 1
    if k >= len(lines) or _is_blank(lines[k]) or lines[k][:1].isspace():
        return False
    following = lines[k].strip()
    return (
        _ADDRESS.match(following) is None
        and _REFERENCE_START.match(following) is not None
        and _looks_like_reference(_paragraph_from(lines, k))
    )


def _unwrapped(lines: list[str], first: int) -> bool:
    """Whether a list's lines are not wrapped at a width: most of its first lines are longer
    than any page or terminal prints (a web page's list copied as text, one entry a line)."""
    sample = [line for line in lines[first : first + 40] if line.strip()][:20]
    return len(sample) >= 5 and sum(len(line) > _WRAP_WIDTH for line in sample) * 2 > len(sample)


def _next_text(lines: list[str], begin: int) -> str:
    return next((line.strip() for line in lines[begin : begin + 3] if line.strip()), "")


def _address_goes_on(previous_line: str, stripped: str) -> bool:
    """Whether ``stripped`` is the rest of the URL that ``previous_line`` ends in, cut by a line
    or page break: one token without spaces that is no address of its own, after an address
    that ends without sentence punctuation."""
    last_word = previous_line.rsplit(None, 1)[-1] if previous_line else ""
    return (
        bool(last_word)
        and _ADDRESS.match(last_word) is not None
        and last_word[-1] not in ".,;)"
        and bool(stripped)
        and len(stripped.split()) == 1
        and _ADDRESS.match(stripped) is None
        and not stripped.isdigit()
    )


def _second_half(entry: _Entry, paragraph: str) -> bool:
    """Whether ``paragraph`` is the second half of ``entry``, split over two paragraphs: it
    closes a quoted title the entry left open ("… Where Truth Goes to" ⏎ "Die.” The Guardian,
    …"), or the entry, a name and a title but no year or address yet, goes on with its
    container and date ("Cole, Samantha. “This Deepfake … Policies.”" ⏎ "Vice, 11 June 2019,
    www.vice.com/…", MLA)."""
    text = " ".join(entry.parts)
    if text.count("“") > text.count("”") and paragraph.find("”") >= 0 and (
        paragraph.find("“") < 0 or paragraph.find("”") < paragraph.find("“")
    ):
        return True
    return (
        len(entry.parts) == 1
        and not _cites_source(text)
        and _CONTAINER_AND_DATE.match(paragraph) is not None
        and _cites_source(paragraph)
    )


def _continues_entry(lines: list[str], i: int) -> bool:
    """Whether line ``i``, no source of its own, is the rest of the entry above set apart (a
    journal's name and pages, "Accessed 02/09/18."): one short paragraph, no heading, and the
    next paragraph opens another entry."""
    paragraph = _paragraph_from(lines, i)
    if len(paragraph) > _CONTINUATION_WIDTH or _HEADING.match(lines[i]) is not None:
        return False
    k = _next_start(lines, i)
    if k >= len(lines) or k - i > _CONTINUATION_REACH:
        return False
    following = lines[k].strip()
    return _REFERENCE_START.match(following) is not None and _looks_like_reference(
        _paragraph_from(lines, k))


def _next_start(lines: list[str], i: int) -> int:
    """The first line of the paragraph after the one at line ``i`` (``len(lines)`` if none)."""
    k = i
    while k < len(lines) and not _is_blank(lines[k]):
        k += 1  # past the paragraph's own wrapped lines
    while k < len(lines) and _is_blank(lines[k]):
        k += 1
    return k


def _next_paragraph(lines: list[str], i: int) -> str:
    """The paragraph after the one at line ``i``, close by, or ""."""
    k = _next_start(lines, i)
    return _paragraph_from(lines, k) if k - i <= _CONTINUATION_REACH else ""


def _bullet_from(lines: list[str], begin: int, text: str) -> str:
    """A bullet's text with its wrapped lines, up to the next bullet ("· GitHub/…, “Feasibility
    Study,” July" ⏎ "  2025": its year is on the second line)."""
    out = [text]
    for j in range(begin + 1, min(len(lines), begin + 6)):
        if _is_blank(lines[j]) or _BULLET.match(lines[j].strip()) or _HEADING.match(lines[j]):
            break
        out.append(lines[j].strip())
    return " ".join(out)


def _paragraph_from(lines: list[str], begin: int) -> str:
    out: list[str] = []
    for j in range(begin, min(len(lines), begin + 12)):
        if _is_blank(lines[j]):
            break
        out.append(lines[j].strip())
    return " ".join(out)
