"""CSL-JSON: a cited work written as the citation processors' data (``{"author": […],
"title": …, "DOI": …, "URL": …}``) rather than as prose.

Reference managers keep items this way (Zotero's and Mendeley's Word fields carry it), and some
writers put it in the note itself: Ethereum's EIPs define each footnote as a fenced ``csl-json``
block. Such a note is the citation it encodes: its authors, title and DOI are the citation's
fields, its ``URL`` is its source, and its words are the reference a citation processor would
print, so that a reader of the report sees a citation, not a JSON object.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from citecheck.models import Citation
from citecheck.parse.deferred import regex

__all__ = ["CslNote", "csl_authors", "csl_date", "csl_note", "csl_text"]

# The variables that make an object a CSL item rather than any JSON (a configuration snippet
# with a "title"): at least two of them, one an item's own (a title, a DOI or a URL).
_CSL_KEYS = frozenset({
    "type", "id", "author", "editor", "title", "container-title", "issued", "original-date",
    "accessed", "DOI", "URL", "ISBN", "ISSN", "publisher", "page", "volume", "issue",
    "citation-key",
})
_OWN_KEYS = ("title", "DOI", "URL")
# The resolver or scheme before a DOI as some items store it: "https://doi.org/", "doi:".
_DOI_LEAD = regex(r"(?i)^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)")
#: Past this a note's text is no item a writer typed: not parsed.
_MAX_JSON = 200_000


@dataclass(frozen=True, slots=True)
class CslNote:
    """What a note written as CSL-JSON cites: its printed words, addresses and fields."""

    text: str
    urls: tuple[str, ...]
    citation: Citation | None  # None when the note holds several items (one set of fields)


def csl_text(data: dict[str, Any], key: str) -> str | None:
    """The item's ``key`` as one line of text, or None."""
    value = data.get(key)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def csl_date(value: Any) -> str | None:
    """A CSL date (``{"date-parts": [[1842, 10, 1]]}``, ``{"raw": "1842"}``) as ISO text."""
    parts = value.get("date-parts") if isinstance(value, dict) else None
    first = parts[0] if isinstance(parts, list) and parts and isinstance(parts[0], list) else []
    numbers = [int(p) for p in first[:3] if isinstance(p, int | str) and str(p).isdigit()]
    if not numbers:
        raw = value.get("raw") or value.get("literal") if isinstance(value, dict) else None
        return str(raw) if raw else None
    return "-".join([f"{numbers[0]:04d}", *(f"{n:02d}" for n in numbers[1:])])


def csl_authors(data: dict[str, Any]) -> tuple[str, ...]:
    """The item's authors (else editors) as "Family, Given" or a literal name."""
    names: list[str] = []
    people = data.get("author") or data.get("editor") or []
    for person in people if isinstance(people, list) else []:
        if not isinstance(person, dict):
            continue
        family, given = person.get("family"), person.get("given")
        name = person.get("literal") or (f"{family}, {given}" if family and given else family)
        if isinstance(name, str) and name.strip():
            names.append(" ".join(name.split()))
    return tuple(names)


def _is_item(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and any(key in data for key in _OWN_KEYS)
        and len(_CSL_KEYS.intersection(data)) >= 2
    )


def _items(text: str) -> list[dict[str, Any]] | None:
    stripped = text.strip()
    if not stripped or stripped[0] not in "{[" or len(stripped) > _MAX_JSON:
        return None
    try:
        data = json.loads(stripped)
    except (ValueError, RecursionError):
        return None
    items = data if isinstance(data, list) else [data]
    if not items or not all(_is_item(item) for item in items):
        return None
    return items


def _item_citation(data: dict[str, Any]) -> Citation:
    doi = csl_text(data, "DOI")
    return Citation(
        authors=csl_authors(data),
        title=csl_text(data, "title"),
        container=csl_text(data, "container-title") or csl_text(data, "publisher"),
        date=csl_date(data.get("issued")) or csl_date(data.get("original-date")),
        accessed=csl_date(data.get("accessed")),
        doi=_DOI_LEAD.sub("", doi) if doi else None,
    )


def _printed(citation: Citation, url: str | None) -> str:
    """The item as a plain reference: authors, title, container, date, DOI, URL."""
    parts = [
        "; ".join(citation.authors),
        f"“{citation.title.rstrip('.')}”" if citation.title else "",
        citation.container or "",
        citation.date or "",
        f"DOI: {citation.doi}" if citation.doi else "",
        url or "",
    ]
    return ". ".join(part.strip().rstrip(".") for part in parts if part.strip()) + "."


def csl_note(text: str) -> CslNote | None:
    """The citation a note's whole ``text`` encodes as CSL-JSON (one item or a list of them);
    None when it is anything else: prose, JSON that is no CSL item, broken JSON."""
    items = _items(text)
    if items is None:
        return None
    citations = [_item_citation(item) for item in items]
    urls = [url for item in items if (url := csl_text(item, "URL")) is not None]
    printed = " ".join(
        _printed(citation, csl_text(item, "URL"))
        for citation, item in zip(citations, items, strict=True)
    )
    return CslNote(
        text=printed,
        urls=tuple(dict.fromkeys(urls)),
        citation=citations[0] if len(citations) == 1 else None,
    )
