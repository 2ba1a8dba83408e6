"""Splitting a list of sources without labels into entries: a bibliography set as paragraphs or
hanging indents, a list of shorthands, biblatex's reading list.

Where :mod:`~citecheck.parse.text.entries` follows a list by its numbering, nothing numbers
these: an entry ends where its text does (a stop, an address) and the next opens like a
reference (a name, a title, a URL), so each reader here tells entries apart by how they read.
"""

from __future__ import annotations

import re

from citecheck.parse.deferred import regex
from citecheck.parse.names import DITTO, LEADING_PARTICLE
from citecheck.parse.text.entries import (
    _ADDRESS,
    _APPENDIX,
    _HEADING,
    _TERMINAL,
    _URL_JOINERS,
    _YEAR_RE,
    _Entry,
    _heading_like,
    _is_blank,
    _paragraph_from,
    _Section,
)
from citecheck.parse.urls import url_spans

_BULLET = regex(r"^[-*•–·▪]\s+")
# The marks a quoted title may open with: English “…” and ‘…’, German „…“ and ‚…‘, French and
# German guillemets «…» and »…«. A German entry without an author opens „Public Domain“, unter: ….
_OPENING_QUOTES = "“\"‘'„‚«»"
# "Smith, J. …", "“Title” …", and Harvard's "Mayor of London (2022) ‘Title’": a name, its year.
_REFERENCE_START = regex(
    r"^(?:[^\W\d_][^,.]{0,60}[,.]|[“\"‘'„‚«»]"
    r"|[^\W\d_][^,.()]{0,60}\s\((?:(?:1[5-9]|20)\d\d[a-z]?|n\.\s?d\.|no date)\))"
)
# MLA's container and date opening a paragraph: "Vice, 11 June 2019, …", "The Guardian, 12 Nov.
# 2018", "Nature, vol. 3, 2019" — no author ("Surname, Given").
_CONTAINER_AND_DATE = regex(
    r"^[^\W\d_][\w.&'’ -]{0,60}?, (?:\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}|[A-Z][a-z]{2,8}\.? \d{1,2},? "
    r"\d{4}|\d{4}\b|vol\. \d)"
)
_FIELD = regex(r"^[^\W\d_][\w-]*(?: [\w-]+){0,2}: \S")  # "Version: 1.0", "Last updated: …"
_ENDS_IN_INITIAL = regex(r"(?:^|\s)[A-Z]\.$")
# What may follow an entry's URL on a line of its own: the access date, an archive's note.
_AFTER_ADDRESS = regex(
    r"(?i)^[(\[]?(?:last\s+)?(?:accessed|retrieved|visited|viewed|consulted|archived|available)\b"
)
# An entry's access date closing its line, with or without a stop: "zuletzt aufgerufen am
# 05.11.2022", "accessed 3 May 2021", "consulté le 12/03/2020". The entry has ended there.
_ACCESS_DATE_END = regex(
    r"(?i)\b(?:accessed|retrieved|visited|viewed|consulted|(?:auf|ab)gerufen|consult[ée]"
    r"|consultado|acesso|accesso)(?:\s+(?:am|on|le|el|em|il))?\s*:?\s*"
    r"(?:\d{1,2}[./-]\s?\d{1,2}[./-]\s?(?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}\.?\s+[^\W\d_]{3,10}\.?\s+\d{4}|[^\W\d_]{3,10}\.?\s+\d{1,2},?\s+\d{4})\s*$"
)
_PARTICLE_START = regex(rf"^{LEADING_PARTICLE}\s+[^\W\d_]", re.IGNORECASE)
_SCHEME_START = regex(r"(?i)^[a-z][a-z0-9+.-]{1,15}://")  # a line opening with a URL of its own
# An author who writes their name in lower case ("boyd, danah, and Kate Crawford. 2012.", "hooks,
# bell (2000)."): a surname, a comma, a given name, then the year after a stop, as an
# author-date entry opens. Prose ("however, in 2019 …") has no stop before its year.
_LOWER_CASE_AUTHOR = regex(
    r"^[^\W\d_A-Z][\w'’-]*,\s[^\W\d_][^()\d]{0,80}?[.,]\s\(?(?:1[5-9]|20)\d\d[a-z]?\b"
)
# APA's author in lower case, as the body names it ("dhcs. (n.d.). Refugee Insurance policy.",
# "boyd, d. (2014)."): a name of a few words, a stop, then the date in brackets.
_LOWER_CASE_APA = regex(
    r"^[^\W\d_A-Z][\w'’&,.-]*(?:\s[\w'’&,.-]+){0,5}\.\s\((?:(?:1[5-9]|20)\d\d[a-z]?\b|n\.\s?d\.)"
)
# An author known by a user name, then a quoted title: "gjtorikian. “The 451 Status Code Is Now
# Supported.” GitHub Developer, March 17, 2016. https://…" (a GitHub post or issue).
_HANDLE_AUTHOR = regex(r"^[a-z][\w-]{2,38}\.\s+[“\"]")
_BARE_DOI_IN = regex(r"\b10\.\d{4,9}/\S")
_WRAP_WIDTH = 130  # longer lines are not wrapped at a page's or a terminal's width
#: How long a paragraph that continues the entry above may be, and how far (lines) the next entry.
_CONTINUATION_WIDTH = 120
_CONTINUATION_REACH = 8


def _looks_like_reference(paragraph: str) -> bool:
    """A bibliography entry carries a year or a URL and starts like a name, title or URL."""
    head = paragraph.lstrip()
    return (
        bool(head)
        and _cites_source(paragraph)
        and (
            head[0].isupper()
            or head[0] in _OPENING_QUOTES
            or _ADDRESS.match(head) is not None
            or _PARTICLE_START.match(head) is not None  # "van Zanten HHE, …", "de Boer, …"
            or _LOWER_CASE_AUTHOR.match(head) is not None
            or _LOWER_CASE_APA.match(head) is not None
            or _HANDLE_AUTHOR.match(head) is not None
        )
    )


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
        if entries and _APPENDIX.match(stripped):
            break  # "Appendix" after the list: the list has ended
        if entries and _TERMINAL.search(previous_line) and _next_section(lines[start], stripped):
            break  # "15 Eidesstattliche Erklärung" after "14 Literaturverzeichnis"
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
        if unwrapped and entries and not line[:2].isspace() and _REFERENCE_START.match(
            stripped
        ) and (
            _looks_like_reference(stripped) or _looks_like_reference(_next_text(lines, i + 1))
        ):
            # A list copied from a web page: one entry a line however it ends ("… has generic
            # name (help)"), a short one ("“Official page”.") among them too; a line set in
            # goes on with the entry above (a hanging indent).
            current = _Entry(f"ref-{len(entries) + 1}", i, len(line) - len(line.lstrip()),
                             [stripped], listed=True)
            entries.append(current)
            end = i + 1
            previous_line = stripped
            i += 1
            continue
        if entries and stripped.isdigit() and _page_number_between(lines, i, previous_line):
            i += 1  # a page number set apart in a list: a PDF page break
            continue
        ditto = DITTO.match(stripped)
        bullet = None if ditto is not None else _BULLET.match(stripped)
        indented = len(line) - len(line.lstrip()) >= 2
        address_ended, ended = _has_ended(
            previous_line, current, not indented and ditto is None and bullet is None
        )
        if (
            bullet is None
            and ditto is None
            and not indented
            and (
                ((current is None or ended)
                 and (_sub_heading(lines, i) or _numbered_part(lines[start], stripped)))
                or _list_label(lines, i)
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
            new_entry, after_address = True, False
        elif current is None:
            new_entry, after_address = True, False
        elif (
            not indented
            and i > first
            and len(lines[i - 1]) - len(lines[i - 1].lstrip()) >= 2  # the line above set in
            and current.column == 0
            and _REFERENCE_START.match(stripped) is not None
            and not stripped[0].islower()
        ):
            # A hanging indent: an entry's own lines are set in, so a line flush again after
            # them opens the next entry, whatever the line before ends with ("…(UBCIM" ⏎
            # "  Publications, New series, v. 11)" ⏎ "Delsey, Tom (1989). …").
            new_entry, after_address = True, False
        else:
            opening = stripped
            if stripped.endswith("\u2010") and i + 1 < n and lines[i + 1].strip():
                # "Jap‐" ⏎ "pelli, T. and …": CSS hyphenation (U+2010) broke the entry's first
                # word; the entry opens with the word whole.
                opening = stripped[:-1] + lines[i + 1].strip()
            new_entry, after_address = _opens_entry(
                opening, previous_line, current, indented=indented, address_ended=address_ended,
                ended=ended,
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



def _second_half(entry: _Entry, paragraph: str) -> bool:
    """Whether ``paragraph`` is the second half of ``entry``, split over two paragraphs: it
    closes a quoted title the entry left open ("… Where Truth Goes to" ⏎ "Die.” The Guardian,
    …"), or the entry, a name and a title but no year or address yet, goes on with its
    container and date ("Cole, Samantha. “This Deepfake … Policies.”" ⏎ "Vice, 11 June 2019,
    www.vice.com/…", MLA)."""
    text = " ".join(entry.parts)
    opener = _open_quote(text)
    if opener is not None and _closes_first(paragraph, opener):
        return True
    return (
        len(entry.parts) == 1
        and not _cites_source(text)
        and _CONTAINER_AND_DATE.match(paragraph) is not None
        and _cites_source(paragraph)
    )


# Which double quotes close a title opened by each: English “…”, German „…“ (or „…” typed).
_CLOSERS = {"“": "”", "„": "“”"}


def _open_quote(text: str) -> str | None:
    """The double quote a title in ``text`` opened and left open at its end, or None. A German
    title closes with “, the mark an English title opens with: „SD Library“ is closed."""
    opener: str | None = None
    for char in text:
        if opener is not None and char in _CLOSERS[opener]:
            opener = None
        elif opener is None and char in _CLOSERS:
            opener = char
    return opener


def _closes_first(paragraph: str, opener: str) -> bool:
    """Whether ``paragraph`` closes the title ``opener`` left open before it opens one."""
    for char in paragraph:
        if char in _CLOSERS[opener]:
            return True
        if char in _CLOSERS:
            return False
    return False


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


def _page_number_between(lines: list[str], i: int, previous_line: str) -> bool:
    """Whether the number alone on line ``i``, after a blank line, is a page number that a PDF
    page break left between two lines of the list (not the label of an entry)."""
    if not _is_blank(lines[i - 1]):
        return False
    k = i + 1
    while k < len(lines) and _is_blank(lines[k]):
        k += 1
    after = lines[k].strip() if k < len(lines) else ""
    return bool(
        _address_goes_on(previous_line, after)
        or _ADDRESS.match(after)
        or (len(lines[i].strip()) <= 4 and _looks_like_reference(after))
    )


def _has_ended(previous_line: str, current: _Entry | None, plain: bool) -> tuple[bool, bool]:
    """Whether the entry has ended in an address, and whether it has ended at all, after
    ``previous_line`` (``plain``: the next line is not indented, a bullet or a ditto)."""
    last_word = previous_line.rsplit(None, 1)[-1] if previous_line else ""
    # An entry ending in a URL has ended, unless the URL visibly goes on ("…/10.1111/").
    # "…(2014). The k2 mission:" ⏎ "Characterization and early results.": a title's
    # colon introduces its subtitle, it ends no entry.
    address_ended = bool(_ADDRESS.match(last_word)) and last_word[-1] not in _URL_JOINERS
    if (
        not address_ended
        and current is not None
        and plain
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
    ) or address_ended or (plain and _ACCESS_DATE_END.search(previous_line) is not None)
    return address_ended, ended


def _opens_entry(
    stripped: str, previous_line: str, current: _Entry, *, indented: bool, address_ended: bool,
    ended: bool,
) -> tuple[bool, bool]:
    """Whether ``stripped`` (neither a bullet nor a ditto) opens an entry after ``current``,
    and whether it does as a title after an entry that ended in its address (which then needs
    no year or address of its own)."""
    if len(current.parts) == 1 and DITTO.match(current.parts[0]) is not None and not (
        current.parts[0].strip("—―–-_.,: ")
    ):
        return False, False  # "—" alone on its line, the title on the next
    if indented:
        return False, False  # a hanging indent continues the entry
    if (
        _ADDRESS.match(stripped) is not None
        and " " not in stripped
        and previous_line
        and _ADDRESS.match(previous_line.rsplit(None, 1)[-1]) is None
    ):
        # "…, 713(2), L155-L159." ⏎ "https://doi.org/10.1088/…": an entry's DOI or URL on a
        # line of its own belongs to it (a list of bare addresses goes address after address).
        return False, False
    last_word = previous_line.rsplit(None, 1)[-1] if previous_line else ""
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
            and (not stripped[0].islower() or _PARTICLE_START.match(stripped) is not None
                 or _LOWER_CASE_APA.match(stripped) is not None)
            # "Available at: https://…" or "Accessed 3 May 2021" on a line of its own, flush
            # under a hanging indent too (Word's Harvard): the entry's access note, never an
            # entry, whether or not the line above ended in a stop ("… [Online]").
            and _AFTER_ADDRESS.match(stripped) is None
        )
        # "…/businesses/" ⏎ "https://…": one address after another, one entry each
        # ("…/web.ar" ⏎ "chive.org/web/2003…/http://…" is one address broken, not two)
        or (bool(_ADDRESS.match(last_word)) and _SCHEME_START.match(stripped) is not None)
        # "…-for-all-californians/" ⏎ "dhcs. (n.d.). Refugee Insurance policy. …": an APA
        # entry opens with its author and date, in lower case too
        or (bool(_ADDRESS.match(last_word)) and _LOWER_CASE_APA.match(stripped) is not None)
        # "…/ossf/scorecard" ⏎ "OSSF Open Source Project Criticality Score": a URL
        # without a stop ends its entry; a title opens the next ("Accessed 3 May" not).
        or after_address
    )
    return new_entry, after_address

# A list of shorthands: "KpV  Immanuel Kant. “Kritik …”". A shorthand is an abbreviation:
# two capitals ("KpV", "KU", "LThK") or a digit ("CIL2"), not a word of the text.
_SHORTHAND = regex(
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
_READING_FIELD = regex(r"^(?:annotations?|abstract|file|library|keywords|notes?):\s", re.I)
_READING_HEAD = regex(r"^(?P<who>[^\W\d_][\w’'.-]*(?: [\w’'.-]+){0,3}?)(?: et al\.)?: \S")


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
    opens = line[0].isupper() or line[0] in _OPENING_QUOTES or (
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


def _sub_heading(lines: list[str], i: int) -> bool:
    """Whether line ``i`` heads a part of a bibliography ("Printed Sources", "Books"): a short
    title without a year or closing stop, followed by a line that opens a reference (not a
    URL: "OWASP Packman" ⏎ "https://…" is a title and its address)."""
    stripped = lines[i].strip()
    if (
        len(stripped) > 40
        # A script without case (Chinese "二、中文部分") heads its parts all the same.
        or not (stripped[0].isupper() or (stripped[0].isalpha() and not stripped[0].islower()))
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


# A heading's section number: "6." in "6. Literaturverzeichnis", "6.1" in "6.1 Rechtsquellen".
_SECTION_NUMBER = regex(
    r"^\s{0,3}(?:#{1,6}\s*)?(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?=[^\W\d_])"
)
_PART_WORDS = 12


def _numbered_part(heading: str, stripped: str) -> bool:
    """Whether ``stripped`` heads a numbered part of the list under ``heading``: its number
    extends the heading's ("6.1 Rechtsquellen und amtliche Dokumente", "6.4 Untersuchte
    Primärdokumente (Stand Oktober 2025)" under "6. Literaturverzeichnis"), a few words that
    end without a stop. Such a part may be long and name a year, as a source never heads."""
    outer = _SECTION_NUMBER.match(heading)
    inner = _SECTION_NUMBER.match(stripped)
    return (
        outer is not None
        and inner is not None
        and inner["number"].startswith(outer["number"] + ".")
        and len(stripped.split()) <= _PART_WORDS
        and _TERMINAL.search(stripped) is None
        and "://" not in stripped
    )


def _next_section(heading: str, stripped: str) -> bool:
    """Whether ``stripped`` heads the document's next numbered section after the list's own
    numbered ``heading`` ("15 Eidesstattliche Erklärung" after "14 Literaturverzeichnis"), not
    a part of it ("14.2 Bildquellen", see :func:`_numbered_part`)."""
    outer = _SECTION_NUMBER.match(heading)
    inner = _SECTION_NUMBER.match(stripped)
    return (
        outer is not None
        and inner is not None
        and inner["number"] != outer["number"]
        and not inner["number"].startswith(outer["number"] + ".")
        and len(stripped.split()) <= _PART_WORDS
        and _TERMINAL.search(stripped) is None
        and "://" not in stripped
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


_HEAD_WORDS = 6  # "Menezes, Alfred J.": a name before its first comma or stop, not a sentence
_NAME_END = regex(r"[,.](?:\s|$)")  # (a URL's dots end no name)
# A page's notices that open like an entry and carry a year: "Copyright 2024 Foo Inc.",
# "Last updated: 2021-03-04.", "Posted by Jane, March 2020."
_NOTICE = regex(
    r"(?i)^(?:©|\(c\)|copyright\b|all rights\b|(?:last\s+)?(?:updated|modified|revised)\b"
    r"|(?:posted|published|written)\s+(?:by|on|in)\b)"
)


_INSTITUTION_WORDS = 10
_NAME_JOINERS = frozenset({"of", "the", "and", "for", "on", "in", "&", "de", "du", "des", "für"})


def _institution(words: list[str]) -> bool:
    """Whether a long head is an organisation's name ("Department of Justice Office of Public
    Affairs"): every word capitalised but the little ones that join a name's parts."""
    return len(words) <= _INSTITUTION_WORDS and all(
        word[:1].isupper() or word in _NAME_JOINERS for word in words
    )


def _reads_as_entry(text: str) -> bool:
    """Whether a paragraph under a sources heading opens and reads like an entry: a name (a few
    words before a comma or stop, no lower-case word after them), a quoted title or a ditto
    first, and a year, URL or DOI somewhere; a page's notice ("Copyright 2024 …") is none."""
    ditto = DITTO.match(text)
    if ditto is not None:
        # "———. Title …, 1996.": the authors of the entry above again
        return _looks_like_reference(text[ditto.end() :].lstrip())
    if _REFERENCE_START.match(text) is None or _NOTICE.match(text) is not None:
        return False
    if text[0] not in _OPENING_QUOTES:
        # The name, then what follows it: "Kahn, David. The Codebreakers …"; not a sentence
        # ("This post draws on …, which …") nor a name in one ("Smith, whose 2019 book …").
        parts = _NAME_END.split(text, maxsplit=1)
        rest = parts[1].lstrip() if len(parts) > 1 else ""
        words = parts[0].split()
        if (len(words) > _HEAD_WORDS and not _institution(words)) or rest[:1].islower():
            return False
    return _looks_like_reference(text)
