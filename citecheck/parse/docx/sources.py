"""Word's own store of cited sources: the ``b:Sources`` part of a package.

Word's References tab keeps each source the writer entered (or imported) in a custom XML part
(``customXml/item*.xml`` whose root is ``b:Sources``): a tag, a type, authors, title, year,
publisher or journal, a URL, a DOI and the day it was accessed. ``CITATION`` fields in the text
name sources by tag; a ``BIBLIOGRAPHY`` field prints them. The URL and DOI a checker needs are
often only here, whole, whatever the rendered style wraps or leaves out.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from lxml import etree

from citecheck.models import Citation
from citecheck.parse.csljson import csl_authors, csl_date, csl_text
from citecheck.parse.deferred import regex

__all__ = [
    "Source", "citation_tags", "csl_sources", "custom_parts", "endnote_sources", "fold",
    "read_sources",
]

B = "http://schemas.openxmlformats.org/officeDocument/2006/bibliography"
_CUSTOM_XML = regex(r"(?i)^customxml/item\d*\.xml$")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
# The people a source names, in the order a style cites them by.
_ROLES = ("Author", "Editor", "Compiler", "Interviewee", "Inventor", "Performer", "Writer",
          "Artist", "Director", "ProducerName", "Translator", "Conductor")
# Where the work appeared, the first one present.
_CONTAINERS = ("JournalName", "BookTitle", "PeriodicalTitle", "ConferenceName",
               "InternetSiteTitle", "Publisher", "Institution", "ProductionCompany")
_TOKEN = regex(r'"[^"]*"|\S+')
# CITATION switches that take an argument (\m names another source: one citation, many works).
_ARGUMENT_SWITCHES = frozenset({"\\l", "\\f", "\\s", "\\p", "\\v", "\\m"})
# The resolver or scheme before a DOI as reference managers store it: "https://doi.org/",
# "http://dx.doi.org/", "doi:".
_DOI_LEAD = regex(r"(?i)^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)")


def _bare_doi(doi: str) -> str:
    """A stored DOI without its resolver or scheme: "10.1000/xyz"."""
    return _DOI_LEAD.sub("", doi)


def _b(tag: str) -> str:
    return f"{{{B}}}{tag}"


@dataclass(frozen=True, slots=True)
class Source:
    """One ``b:Source``: what Word knows about a cited work."""

    tag: str
    title: str | None
    authors: tuple[str, ...]  # "Last, First Middle" or a corporate author
    surnames: tuple[str, ...]  # folded, for matching a rendered entry
    year: str | None
    container: str | None
    url: str | None
    doi: str | None
    accessed: str | None  # ISO date (or year-month, year) from Year/Month/DayAccessed
    label: str  # what a note of its own is called: Word's tag, or "Smith2020" for a CSL item

    def citation(self) -> Citation:
        """The source's fields as a note's citation."""
        return Citation(authors=self.authors, title=self.title, container=self.container,
                        date=self.year, accessed=self.accessed, doi=self.doi)

    def text(self) -> str:
        """The source written as a plain reference, for a note no bibliography prints."""
        parts = ["; ".join(self.authors), self.title, self.container, self.year, self.url]
        return ". ".join(p.strip().rstrip(".") for p in parts if p and p.strip()) + "."


def fold(text: str) -> str:
    """Text reduced for matching: accents, case and punctuation dropped, spaces single."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.casefold().split())


def custom_parts(names: Iterable[str]) -> list[str]:
    """The package's custom XML parts, where Word keeps its sources."""
    return [name for name in names if _CUSTOM_XML.match(name)]


def read_sources(roots: Iterable[Any]) -> dict[str, Source]:
    """Every source in the ``b:Sources`` parts among ``roots``, by tag (the first wins)."""
    found: dict[str, Source] = {}
    for root in roots:
        if root.tag != _b("Sources"):
            continue
        for element in root.iter(_b("Source")):
            source = _source(element)
            if source is not None:
                found.setdefault(source.tag, source)
    return found


def _text(element: Any, tag: str) -> str | None:
    value = element.findtext(_b(tag))
    return " ".join(value.split()) if value and value.strip() else None


def _people(element: Any) -> tuple[str, ...]:
    names: list[str] = []
    holder = element.find(_b("Author"))
    if holder is None:
        return ()
    for role in _ROLES:
        for person_list in holder.findall(f"{_b(role)}"):
            corporate = _text(person_list, "Corporate")
            if corporate:
                names.append(corporate)
            for person in person_list.iter(_b("Person")):
                last = _text(person, "Last")
                given = " ".join(filter(None, (_text(person, "First"), _text(person, "Middle"))))
                if last:
                    names.append(f"{last}, {given}" if given else last)
        if names:
            break
    return tuple(names)


def _accessed(element: Any) -> str | None:
    year = _text(element, "YearAccessed")
    if not year or not year.isdigit():
        return None
    month = (_text(element, "MonthAccessed") or "").strip().lower()
    number = int(month) if month.isdigit() else next(
        (i + 1 for i, name in enumerate(_MONTHS) if month and name.startswith(month[:3])), None)
    if number is None or not 1 <= number <= 12:
        return year
    day = _text(element, "DayAccessed") or ""
    if day.isdigit() and 1 <= int(day) <= 31:
        return f"{year}-{number:02d}-{int(day):02d}"
    return f"{year}-{number:02d}"


def _source(element: Any) -> Source | None:
    tag = _text(element, "Tag")
    if not tag:
        return None
    authors = _people(element)
    surnames = tuple(fold(a.split(",")[0]) for a in authors if fold(a.split(",")[0]))
    doi = _text(element, "DOI")
    if doi:
        doi = _bare_doi(doi)
    return Source(
        tag=tag,
        title=_text(element, "Title") or _text(element, "ShortTitle"),
        authors=authors,
        surnames=surnames,
        year=_text(element, "Year"),
        container=next(filter(None, (_text(element, t) for t in _CONTAINERS)), None),
        url=_text(element, "URL"),
        doi=doi or None,
        accessed=_accessed(element),
        label=tag,
    )


def citation_tags(instruction: str) -> list[str]:
    """The source tags a ``CITATION`` field names: its first argument and each ``\\m``."""
    tokens = _TOKEN.findall(instruction)
    if not tokens or tokens[0].upper() != "CITATION":
        return []
    tags: list[str] = []
    i = 1
    while i < len(tokens):
        token = tokens[i]
        if token.startswith("\\"):
            switch = token.lower()
            if switch == "\\m" and i + 1 < len(tokens):
                tags.append(tokens[i + 1].strip('"'))
            i += 2 if switch in _ARGUMENT_SWITCHES else 1
            continue
        if not tags:
            tags.append(token.strip('"'))
        i += 1
    return list(dict.fromkeys(t for t in tags if t))


def csl_sources(instruction: str) -> list[Source]:
    """The items a Zotero or Mendeley citation field carries as CSL JSON (``citationItems``,
    each with its ``itemData``), tagged by their URI or id; none when the JSON is unreadable."""
    start = instruction.find("{")
    if start < 0:
        return []
    try:
        data, _ = json.JSONDecoder().raw_decode(instruction, start)
    except ValueError:
        return []
    items = data.get("citationItems") if isinstance(data, dict) else None
    found: list[Source] = []
    for item in items if isinstance(items, list) else []:
        data = item.get("itemData") if isinstance(item, dict) else None
        if isinstance(data, dict):
            # The item's URI names it across citations; an "id" ("ITEM-1" in Mendeley's) may be
            # per citation, so without a URI the work itself is its name.
            uris = item.get("uris") or item.get("uri") or []
            source = _csl_source("", data)
            tag = str(uris[0]) if isinstance(uris, list) and uris else "csl:" + fold(
                f"{' '.join(source.surnames)} {source.year or ''} {source.title or ''}")
            found.append(replace(source, tag=tag))
    return found


def _csl_source(tag: str, data: dict[str, Any]) -> Source:
    authors = list(csl_authors(data))
    issued = csl_date(data.get("issued"))
    doi = csl_text(data, "DOI")
    first = authors[0].split(",")[0] if authors else ""
    short = "".join(w for w in re.split(r"\W+", first) if w) + (issued[:4] if issued else "")
    return Source(
        tag=tag,
        title=csl_text(data, "title"),
        authors=tuple(authors),
        surnames=tuple(fold(a.split(",")[0]) for a in authors if fold(a.split(",")[0])),
        year=issued[:4] if issued else None,
        container=csl_text(data, "container-title") or csl_text(data, "publisher"),
        url=csl_text(data, "URL"),
        doi=_bare_doi(doi) if doi else None,
        accessed=csl_date(data.get("accessed")),
        label=short if first else str(data.get("id") or tag),
    )


# An EndNote record's XML comes from the document: no entities, no network.
_ENDNOTE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)


def endnote_sources(instruction: str) -> list[Source]:
    """The records an EndNote citation field carries (``<EndNote><Cite>…<record>``), tagged
    by record number; none when its data is elsewhere (``EN.CITE.DATA``) or unreadable."""
    start = instruction.find("<EndNote")
    if start < 0:
        return []
    try:
        root = etree.fromstring(instruction[start:].encode("utf-8"), _ENDNOTE_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return []
    found: list[Source] = []
    for cite in [] if root is None else root.iter("Cite"):
        record = cite.find("record")
        if record is not None:
            found.append(_endnote_source(cite, record))
    return found


def _endnote_text(record: Any, path: str) -> str | None:
    element = record.find(path)
    text = " ".join("".join(element.itertext()).split()) if element is not None else ""
    return text or None


def _endnote_source(cite: Any, record: Any) -> Source:
    authors = tuple(" ".join("".join(a.itertext()).split())
                    for a in record.iterfind("contributors/authors/author"))
    authors = tuple(a for a in authors if a)
    year = _endnote_text(record, "dates/year") or _endnote_text(cite, "Year")
    number = _endnote_text(record, "rec-number") or _endnote_text(cite, "RecNum") or ""
    first = authors[0].split(",")[0] if authors else ""
    doi = _endnote_text(record, "electronic-resource-num")
    doi = _bare_doi(doi) if doi else None
    return Source(
        tag=f"endnote:{number}" if number else "endnote:" + fold(f"{first} {year or ''}"),
        title=_endnote_text(record, "titles/title"),
        authors=authors,
        surnames=tuple(fold(a.split(",")[0]) for a in authors if fold(a.split(",")[0])),
        year=year[:4] if year else None,
        container=_endnote_text(record, "titles/secondary-title")
        or _endnote_text(record, "publisher"),
        url=_endnote_text(record, "urls/related-urls/url"),
        doi=doi if doi and doi.startswith("10.") else None,
        accessed=None,
        label="".join(w for w in re.split(r"\W+", first) if w) + (year[:4] if year else "")
        or number,
    )
