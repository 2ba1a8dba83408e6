"""Finding note markers in body text: bracketed, superscript, glued and author–year ones."""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.parse.citation import YEAR, parse_citation, surname
from citecheck.parse.deferred import regex
from citecheck.parse.names import CITED_NAMES, DITTO, FROM_SUPERSCRIPT
from citecheck.parse.text.entries import _GLUED_NUMBER, _Entry, _glued_markers
from citecheck.parse.text.labels import _LABEL, _expand, _label_kind
from citecheck.parse.text.paragraphs import _Paragraph
from citecheck.parse.text.parenthesised import paren_markers
from citecheck.parse.urls import in_spans, url_spans

_BRACKET_MARKER = regex(
    r"\[\^?(?P<labels>" + _LABEL + r"(?:\s*[,–-]\s*" + _LABEL + r"){0,20})"
    # IEEE's pinpoint: "[9, p. 12]", "[4, pp. 3–5]", "[2, ch. 3]", "[7, Fig. 2]"
    r"(?:,\s*(?:pp?\.|ch\.|sec\.|fig\.|§)\s*\d+(?:\s*[–-]\s*\d+)?)?\]",
    re.IGNORECASE,
)
# A marker of a reference list labelled by name: "[RFC5246]", "[BEAST], [CRIME]", "[RFC2119; X]".
_NAMED_MARKER = regex(r"\[(?P<labels>[^\[\]\n]{1,80})\]")
# Between two bracket markers of a range: IEEE's "[1]–[3]".
_BRACKET_RANGE = regex(r"\s*[–—-]\s*")
_SUPER_MARKER = regex(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?:\s?[,⁻–-]\s?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)*")
# The punctuation comes first in the pattern so the regex engine can skip ahead to it.
_SUPER_CHAR = regex("[⁰¹²³⁴⁵⁶⁷⁸⁹]")
_UNIT = regex(r"(?:\d\s?(?:[kcmd]?m|ft|in|mi|yd|km/h|m/s)|(?:^|[\s(=+*/-])[A-Za-z])$")
_PAREN_CITATION = regex(r"\(([^()\n]{0,300}?\b" + YEAR + r"[a-z]?\b[^()\n]{0,120}?)\)")
_CITED_WORK = regex(
    rf"(?:^|;\s*)(?:(?:see|e\.g\.|cf\.|also)[,\s]+)*(?P<names>{CITED_NAMES}),?\s+"
    rf"(?P<year>{YEAR}[a-z]?)"
)
_NARRATIVE = regex(
    rf"(?P<names>{CITED_NAMES})\s+\((?P<year>{YEAR}[a-z]?)(?:,[^()\n]{{0,40}})?\)"
)


# --------------------------------------------------------------------------- markers


@dataclass(slots=True)
class _Token:
    start: int  # offset in the paragraph
    end: int
    labels: list[str]
    cut: bool = True  # removed from the claim text


class _Plausible:
    """Decides which bracketed or superscript tokens are note markers in this document."""

    def __init__(
        self, defined: set[str], bracket_counts: dict[str, int],
        parenthesised: frozenset[str] = frozenset(),
    ) -> None:
        self.defined = defined
        self.parenthesised = parenthesised  # labels of "(1) …" notes, cited "(1)"
        systems: dict[str, int] = {}
        for label in defined:
            kind = _label_kind(label)
            if kind is not None:
                systems[kind[0]] = max(systems.get(kind[0], 0), kind[1])
        self.systems = systems
        self.named = frozenset(label for label in defined if _label_kind(label) is None)
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
    # Superscript digits are beyond ASCII: an ASCII paragraph (a flag, no scan) has none.
    has_super = not paragraph.isascii() and _SUPER_CHAR.search(paragraph) is not None
    glued = plausible.defined and _GLUED_NUMBER.search(paragraph) is not None
    paren = bool(plausible.parenthesised) and "(" in paragraph
    if "[" not in paragraph and not has_super and not glued and not paren:
        return []
    urls = url_spans(paragraph) if ("://" in paragraph or "www." in paragraph) else []
    url_starts = [s for s, _, _ in urls]  # for in_spans: bisection, not a scan per marker
    tokens: list[_Token] = []
    for match in _BRACKET_MARKER.finditer(paragraph):
        if in_spans(urls, url_starts, match.start()):
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
    if plausible.named and "[" in paragraph:
        for match in _NAMED_MARKER.finditer(paragraph):
            named = [
                label
                for label in re.split(r"\s*[,;]\s*", match["labels"].strip())
                if label in plausible.named
            ]
            if named and not in_spans(urls, url_starts, match.start()):
                tokens.append(_Token(match.start(), match.end(), named))
    for match in _SUPER_MARKER.finditer(paragraph) if has_super else ():
        if _UNIT.search(paragraph, max(0, match.start() - 12), match.start()):
            continue  # "4,000 km²", "12 m³": a power, not a note
        raw = match.group().translate(FROM_SUPERSCRIPT)
        labels = [label for label in _expand(raw.replace("⁻", "-")) if plausible.superscript(label)]
        if labels and not in_spans(urls, url_starts, match.start()):
            tokens.append(_Token(match.start(), match.end(), labels))
    if glued:
        # Superscripts flattened by a PDF copy: "rural land.1 Planners", "power.”12 The".
        for match in _glued_markers(paragraph):
            # "scarce.5, 6 Climate": a flattened list, every number a defined note
            labels = _expand(match["label"])
            if all(label in plausible.defined for label in labels) and not in_spans(
                urls, url_starts, match.start()
            ):
                tokens.append(_Token(match.start("label"), match.end("label"), labels))
    for match in paren_markers(paragraph) if paren else ():
        if match["label"] in plausible.parenthesised and not in_spans(
            urls, url_starts, match.start()
        ):
            tokens.append(_Token(match.start(), match.end(), [match["label"]]))
    tokens.sort(key=lambda t: t.start)
    return tokens


def _ditto_authors(entries: list[_Entry]) -> dict[int, tuple[str, ...]]:
    """The authors a ditto entry ("— — —. Title…", "———.") repeats from the entry before it,
    by position in ``entries`` (dittos in a row all repeat the first one's)."""
    found: dict[int, tuple[str, ...]] = {}
    if not any(e.parts and DITTO.match(e.parts[0]) for e in entries):
        return found
    for position, entry in enumerate(entries):
        if position == 0 or not entry.parts or DITTO.match(entry.parts[0]) is None:
            continue
        before = found.get(position - 1) or parse_citation(
            " ".join(entries[position - 1].parts)).authors
        if before:
            found[position] = before
    return found


def _author_year_index(entries: list[_Entry]) -> dict[tuple[str, str], str]:
    """(first author's surname, year) → label, for bibliography entries."""
    index: dict[tuple[str, str], str] = {}
    dittos = _ditto_authors(entries)
    for position, entry in enumerate(entries):
        citation = parse_citation(" ".join(entry.parts))
        authors = dittos.get(position) or citation.authors
        if not authors:
            continue
        year = re.search(YEAR + r"[a-z]?", f"{citation.date or ''} {' '.join(entry.parts)}")
        if year is None:
            continue
        first = authors[0]
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


def _number_listed(entries: list[_Entry], paragraphs: list[_Paragraph]) -> dict[str, str]:
    """The numbers the body's markers give an unnumbered source list: ``{"1": "ref-1", …}``.

    A "Sources" list of bullets under a text marked ``[1]``/``¹`` is numbered on the page (or
    was, before copying): when every numeric marker of the body is within the list's length,
    marker n cites the n-th entry. The entries keep the label they print (none: ``ref-n``).
    """
    used: set[int] = set()
    for paragraph in paragraphs:
        for match in _BRACKET_MARKER.finditer(paragraph.text):
            used.update(int(label) for label in _expand(match["labels"]) if label.isdigit())
        for match in _SUPER_MARKER.finditer(paragraph.text):
            raw = match.group().translate(FROM_SUPERSCRIPT).replace("⁻", "-")
            used.update(int(label) for label in _expand(raw) if label.isdigit())
    if not used or min(used) < 1 or max(used) > len(entries):
        return {}
    return {str(number): entry.label for number, entry in enumerate(entries, start=1)}
