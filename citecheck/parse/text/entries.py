"""Splitting a notes section into entries: numbered and Wikipedia-style (``^ a b``) ones.

Lists without labels (bibliographies by paragraph, shorthands) are read in
:mod:`~citecheck.parse.text.listed`, with the shared pieces from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from citecheck.parse.citation import YEAR
from citecheck.parse.deferred import regex
from citecheck.parse.names import FROM_SUPERSCRIPT, TO_SUPERSCRIPT
from citecheck.parse.text.labels import _LABEL, _expand, _label_kind
from citecheck.parse.urls import url_spans

_HEADING = regex(
    r"(?i)^\s{0,3}(?:#{1,6}\s*)?(?:\*\*|__)?"
    # A numbered section heading, as papers and RFCs print it: "7. REFERENCES", "VI References",
    # "5.  Informative References", "12.1. References"; a report's lettered one, "E. Selected
    # References"; a thesis's "Selected Bibliography" or "Select Bibliography" is its bibliography.
    r"(?:(?:\d{1,2}(?:\.\d{1,2}){0,3}|[IVX]{1,5})\.?\s+|[A-H]\.\s+"
    # A Chinese or Japanese paper numbers its parts in words: "伍、參考資料", "五、参考文献".
    r"|[一二三四五六七八九十壹貳贰參叁肆伍陸陆柒捌玖拾]{1,3}\s*[、.．]\s*)?"
    r"(?:(?:normative|informative)\s+(?=references)"
    r"|select(?:ed)?\s+(?=references|bibliography|sources|works?\s+cited))?"
    # A label before the name: "Prior Art / References", "Appendix B: Bibliography".
    r"(?:(?:[^\W\d_][\w'’&,-]*\s+){0,4}[^\W\d_][\w'’&,-]*\s*/\s*"
    r"|(?:appendix|annex|annexe)\s+[A-Z0-9]{1,3}\s*[:.–—-]\s*)?"
    # pdftotext prints a small-caps heading with its first letter apart: "R EFERENCES".
    r"(?P<name>(?:n ?otes?|e ?nd\s?notes|f ?oot\s?notes|notes\s+and\s+(?:references|sources)"
    r"|(?:r ?eferences?|s ?ources)(?:\s+and\s+notes)?|reference\s+list|b ?ibliography"
    r"|w ?orks?\s+cited|literature\s+cited|c ?itations|sources\s+cited"
    # biblatex's list of shorthands ("KpV  Immanuel Kant. …"), under either name.
    r"|(?:list\s+of\s+)?(?:abbreviations|shorthands)|sigla"
    # The same lists in the other languages papers are written in: German, French, Spanish,
    # Portuguese, Italian, Dutch, Russian ("Literatur", "Références", "Bibliografía", "Примечания").
    r"|literatur(?:verzeichnis)?|quellen(?:verzeichnis|angaben)?|anmerkungen|fu(?:ß|ss)noten"
    r"|endnoten|bibliographie|bibliograf(?:ía|ia|ie)|r[ée]f[ée]rences\s+bibliographiques"
    r"|notes\s+de\s+bas\s+de\s+page|referencias(?:\s+bibliogr[áa]ficas)?"
    r"|refer[êe]ncias(?:\s+bibliogr[áa]ficas)?|riferimenti(?:\s+bibliografici)?|notas|noten"
    r"|literatuur(?:lijst)?|bronnen|список\s+литературы|литература|примечания|источники"
    # Chinese (traditional and simplified), Japanese and Korean: "參考資料", "参考文献", "참고문헌".
    r"|[參参]考(?:資料|资料|文獻|文献|書目|书目)|引用(?:文獻|文献)|[註注][釋释]|附註|참고\s?문헌))"
    # A copied or printed wiki page keeps its section edit link: "References[edit]".
    r"(?:\*\*|__)?\s*:?\s*#*(?:\s*\[\s*edit(?:\s+source)?\s*\])?\s*$"
)
# How every name _HEADING knows ends ("N otes", "Reference list", "Works cited", "Sigla",
# "Literaturverzeichnis"), lower-cased; the longest is 16 characters. Only these four
# characters beyond ASCII fold onto an ASCII letter in a case-insensitive pattern: with one
# near the end, ask the pattern.
_HEADING_ENDS = ("ote", "otes", "eference", "eferences", "ources", "list", "ibliography", "cited",
                 "itations", "abbreviations", "shorthands", "sigla", "literatur", "verzeichnis",
                 "quellen", "angaben", "anmerkungen", "noten", "bibliographie", "bibliografia",
                 "bibliografie", "bibliografía", "bibliographiques", "page",
                 "referencias", "referências", "bibliográficas", "bibliograficas", "riferimenti",
                 "bibliografici", "notas", "literatuur", "literatuurlijst", "bronnen",
                 "литературы", "литература", "примечания", "источники", "資料", "资料", "文獻",
                 "文献", "書目", "书目", "釋", "释", "附註", "문헌")
_FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"  # İ, ı, ſ and the Kelvin sign
_AFTER_HEADING = frozenset("*_:#")
# The edit link a copied or printed wiki page keeps after a heading's name (see _HEADING).
_EDIT_LINK = regex(r"(?i)\s*\[\s*edit(?:\s+source)?\s*\]\s*$")


def _heading(line: str) -> re.Match[str] | None:
    """``_HEADING.match(line)``, asked only of a line that ends as a heading's name does.

    A heading is its whole line, its name last but for "**", ":", "#", spaces and a wiki
    page's "[edit]" link. A prose line
    costs the pattern 10-15 µs (its optional label before the name backtracks over the
    words); most lines are ruled out here by their last letters.
    """
    end = len(line.rstrip())
    if end and line[end - 1] == "]":
        edit = _EDIT_LINK.search(line, 0, end)
        end = edit.start() if edit is not None else end
    while end and (line[end - 1] in _AFTER_HEADING or line[end - 1].isspace()):
        end -= 1
    tail = line[max(0, end - 16) : end]
    if not any(fold in tail for fold in _FOLDS_TO_ASCII) and not tail.lower().endswith(
        _HEADING_ENDS
    ):
        return None
    return _HEADING.match(line)


# Entry starts, by style. Group "label" is the label, the match ends where the note text begins.
_ENTRY_STYLES: dict[str, re.Pattern[str]] = {
    # Each may also stand alone on its line, the text following on the next ("1\nSmith, …").
    # "[1]Smith" glued is an entry; "[1]1" or "[1][2]" is a run of markers.
    "bracket": re.compile(rf"^\s*\[\^?(?P<label>{_LABEL})\]:?(?:\s+(?=\S)|(?=[^\W\d_“\"‘(])|\s*$)"),
    # "10.Bitcoin, …": a PDF may lose the space after the label; a capital follows then.
    # So may a copied Wikipedia list, before its backlinks: "14.^ Jump up to:a b …".
    "dot": re.compile(
        rf"^\s*(?P<label>{_LABEL})[.)](?:\s+(?=\S)|\s*$|(?=[A-Z][A-Za-z]|[\^↑]\s))"),
    "caret": re.compile(rf"^\s*\^(?P<label>{_LABEL})[.):]?(?:\s*(?=\S)|\s*$)"),
    # "¹⁰%" is a chart's axis label set small, a percentage, not note 10; "¹.⁷⁵x" a decimal
    # number in a table whose figures a PDF font raises.
    "super": re.compile(
        r"^\s*(?P<label>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,5})(?![⁰¹²³⁴⁵⁶⁷⁸⁹]|\s*%|[.,][⁰¹²³⁴⁵⁶⁷⁸⁹\d])[.)]?"
        r"(?:\s*(?=\S)|\s*$)"),
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
# A name label is a key: one word ("RFC2119", "OpenDoc-1.2", "Unicode"), or words with a year
# or number ("Auerbach '07", "KMN+ 02"). Plain words in brackets ("[Citation Label]", "[Full
# reference citation]") and a sentence ("[Required section.]") are a template's placeholders
# and editorial tags: prose, not sources.
_KEY_MARK = regex(r"[\d'’+]")


def _placeholder(label: str) -> bool:
    """Whether a bracketed name at a line's start is a placeholder or tag, not a label."""
    return (" " in label and _KEY_MARK.search(label) is None) or (
        label.endswith(".") and label[-2:-1].isalpha() and label[-2:-1].islower()
    )
# A section heading of a copied or printed wiki page, with its edit link: "External links[edit]".
_WIKI_HEADING = regex(r"\S\s*\[\s*edit(?:\s+source)?\s*\]\s*$")
# Wikipedia's backlinks before a note copied without its number: "^ …", "↑ …", and the 2016
# skins' "Jump up^ …" / "Jump up to:a b …".
_WIKI_ENTRY = regex(r"^\s*(?:(?:\^|↑)\s+(?=\S)|Jump up\b)")
_ADDRESS = regex(r"(?i)^(?:\S*://|doi:|10\.\d{4,9}/|www\.)")
# After a word ("land.1"), a bracket or percent ("(2019).4", "78%.2") or a year ("in 2020.2 The"):
# a decimal number is none of these.
# Before a capital (a new sentence) or the end; after a comma, semicolon or colon a lower-case
# word may follow too ("“Prices rose,”1 she said"): see _glued_markers.
_GLUED_NUMBER = regex(
    r"[.,;:!?](?:(?<=[^\W\d_].)|(?<=[)%\"”’].)|(?<=(?<!\d)(?:1[5-9]|20)\d\d\.)"
    r"|(?<=(?<!\d)(?:1[5-9]|20)\d\d[–-]\d\d\.))"
    r"[”’\"')]?(?P<label>\d{1,3}(?:, ?\d{1,3}){0,5})(?P<after>\s+[A-Z“\"‘(a-z]|\s*$)"
)
_YEAR_RE = regex(YEAR)
# An appendix's heading, after the notes or the references: "Appendix", "Appendix B",
# "Appendix: Figures", "Appendices". It ends them.
# A lettered or numbered section heading alone on its line ("A. Untersuchte Markteilnehmer",
# "B Data sources"), no sentence: what comes after a paper's labelled reference list.
_LETTERED_SECTION = regex(
    r"^(?:[A-H]|[IVX]{1,4}|\d{1,2})\.?\s+[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,6}\s*$"
)
_APPENDIX = regex(
    r"(?i)^\s{0,3}(?:appendix|appendices|annexe?)(?:\s+[A-Z0-9]{1,3})?"
    r"(?:\s*[:.–—-]\s*[^\W\d_][^.!?:;]{0,60})?\s*$"
)
_TERMINAL = regex(r"""[.!?:;…]["'”’)\]]*(?:\s*\[[^\]\s]{1,8}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)*\s*$""")
_URL_JOINERS = frozenset("-/_?=&")
# A PDF's running header or footer: "12 | Report title", "Report title | 12", "Page 3 of 9", "14".
_PAGE_FURNITURE = regex(
    r"(?i)^\s*(?:\d{1,4}\s+[|·•]\s+[^|]{1,80}|[^|]{1,80}\s[|·•]\s+(?:page\s+)?\d{1,4}"
    r"|(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?"
    # An RFC's or Internet-Draft's page foot and running head, in columns set apart by spaces.
    r"|\S.*\s{3,}\[Page\s+\d{1,4}\]|(?:RFC\s+\d{1,5}|Internet-Draft)\s{3,}\S.*)\s*$"
)
_PAGE_LENGTH = 15  # lines per entry beyond which lone numbers are page numbers, not labels
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
    # Printed "(1) …" after the text that cites it "(1)" (see parenthesised.py): its markers are
    # parenthesised numbers, not brackets or superscripts.
    parenthesised: bool = False


@dataclass(slots=True)
class _Section:
    start: int  # first line index (the heading, if any)
    end: int  # one past the last line index
    entries: list[_Entry]
    # Lines inside it that are body text after all: the prose a labelled reference list holds
    # between its entries (a template's instructions, a sub-list's introduction).
    prose: list[int] = field(default_factory=list)

    def spans(self) -> list[tuple[int, int]]:
        """The [start, end) line ranges that are the section's, ``prose`` left out."""
        out: list[tuple[int, int]] = []
        begin = self.start
        for line in sorted(set(self.prose)):
            if self.start <= line < self.end:
                if line > begin:
                    out.append((begin, line))
                begin = line + 1
        if begin < self.end:
            out.append((begin, self.end))
        return out


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
    named = style in _NAMED_STYLES
    prose: list[int] = []  # a labelled list's lines that are body text (see _Section.prose)
    in_prose = False
    while i < n:
        line = lines[i]
        if _is_blank(line):
            after_blank = True
            in_prose = False
            i += 1
            continue
        found = _entry_at(line, style)
        if found is not None and named and _placeholder(found[0]):
            found = None  # "[Citation Label]" ⏎ "Work Product title …": a template's prose
            in_prose = True
            if entries and entries[-1].parts == [""] and entries[-1].line == i - 1:
                # "[Reference]" ⏎ "[Full reference citation]": a label whose text is a
                # placeholder is one too.
                prose.append(entries.pop().line)
        if in_prose and found is None:
            prose.append(i)
            i += 1
            continue
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
            after_blank = after_heading = in_prose = False
            end = i + 1
            i += 1
            continue
        if not entries:
            if named and prose and _next_entry(lines, i, style, "") is not None:
                prose.append(i)  # a template's instructions before its first entry
                in_prose = True
                i += 1
                continue
            return None
        if _WIKI_HEADING.search(line):
            break  # "External links[edit]": a wiki page's next section
        if named and found is None and not line[:1].isspace() and _LETTERED_SECTION.match(line):
            # A labelled list's entries hang their lines under the label; a flush lettered or
            # numbered heading after them is the next part: "A. Untersuchte Markteilnehmer".
            break
        if _HEADING.match(line) or _APPENDIX.match(line):
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
        if headed and _titles_addresses(entries[-1], lines, i):
            break  # "Images" ⏎ "https://…": a list of bare addresses of its own (see sections)
        if not after_blank or entries[-1].parts == [""]:
            entries[-1].parts.append(line.strip())
            after_blank = False
            end = i + 1
            i += 1
            continue
        if named and _hangs_under(entries[-1], lines[end - 1], line):
            # "   [W3C.REC-…]" ⏎ "              Roessler, …" ⏎⏎ "              Latest version
            # available at" ⏎ "              <http://…>.": an RFC entry's second paragraph is
            # set in as its first, after the list's last entry and across a page break too.
            entries[-1].parts.extend(["", line.strip()])
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
        if named and not _continues_labelled(entries[-1], line, _paragraph_from(lines, i)):
            # Any name goes on a named list, so the numbering cannot tell a second paragraph
            # of an entry from prose between entries ("Reference sources: …"); an entry's own
            # lines hang under its text or finish its address.
            prose.append(i)
            in_prose = True
            i += 1
            continue
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
    return _Section(start, end, entries, prose)


_SUB_LIST_WORDS = 3
_SCHEME = regex(r"(?i)^[a-z][a-z0-9+.-]{1,15}://\S")


def _titles_addresses(entry: _Entry, lines: list[str], i: int) -> bool:
    """Whether line ``i``, after an entry that ends in its address, titles a list of bare
    addresses of its own: "Images" ⏎ "https://…" under a numbered "Sources" list of URLs (a
    white paper's image credits), a few capitalised words without a stop, the next line an
    address."""
    stripped = lines[i].strip()
    last = entry.parts[-1].rsplit(None, 1)[-1] if entry.parts and entry.parts[-1] else ""
    return (
        bool(stripped)
        and stripped[0].isupper()
        and len(stripped.split()) <= _SUB_LIST_WORDS
        and _heading_like(stripped)
        and _SCHEME.match(last) is not None
        and i + 1 < len(lines)
        and _SCHEME.match(lines[i + 1].strip()) is not None
    )


_CREDIT_WORDS = 8  # a credit without an address among addresses: "apple watch - Bing images"


def _read_addresses(lines: list[str], start: int) -> _Section | None:
    """The list of bare addresses that line ``start`` titles (see :func:`_titles_addresses`):
    one entry a line (``ref-1``, …), a short credit without an address among them too
    ("apple watch - Bing images"); it ends at a blank line or a line of prose."""
    entries: list[_Entry] = []
    i = start + 1
    while i < len(lines):
        stripped = lines[i].strip()
        if not stripped:
            break
        address = _SCHEME.match(stripped) is not None
        credit = (
            not address
            and len(stripped.split()) <= _CREDIT_WORDS
            and _TERMINAL.search(stripped) is None
            and i + 1 < len(lines)
            and _SCHEME.match(lines[i + 1].strip()) is not None
        )
        if not (address or credit):
            break
        entries.append(_Entry(f"ref-{len(entries) + 1}", i, 0, [stripped], listed=True,
                              reference_list=True))
        i += 1
    return _Section(start, i, entries) if entries else None


def _continues_labelled(entry: _Entry, line: str, paragraph: str) -> bool:
    """Whether a paragraph after a blank line is more of a labelled entry: its text still to
    come (the label alone), indented under it (an RFC's hanging entry over a page break), the
    rest of its address, or a reference itself (a PDF's two columns copied apart put an
    entry's text paragraphs below its label)."""
    from citecheck.parse.text.listed import _reads_as_entry  # (listed reads entries: cyclic)

    indent = len(line) - len(line.lstrip())
    return (
        entry.parts == [""]
        or indent > entry.column
        or _url_broken_off(entry.parts, line)
        or _reads_as_entry(paragraph)
    )


def _hangs_under(entry: _Entry, last: str, line: str) -> bool:
    """Whether ``line``, after a blank line, is set in exactly as the labelled ``entry``'s own
    last line ``last`` is, deeper than its label: the entry's next paragraph."""
    indent = len(line) - len(line.lstrip())
    return (
        indent > entry.column
        and indent == len(last) - len(last.lstrip())
        and _HEADING.match(line) is None
    )


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


# No page is numbered "025": a zero-led number is the rest of something the line end cut.
_ZERO_LED_NUMBER = regex(r"^\s*0\d+\s*$")


def _paragraph_from(lines: list[str], begin: int) -> str:
    out: list[str] = []
    for j in range(begin, min(len(lines), begin + 12)):
        if _is_blank(lines[j]):
            break
        out.append(lines[j].strip())
    return " ".join(out)
