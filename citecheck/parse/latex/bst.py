"""What a BibTeX style prints of an entry's addresses, read from its ``.bst``.

The reader of a paper sees what the style prints, in the order it prints it; a field the style
does not print is no link of the paper, however it sits in the ``.bib``. A ``.bst`` says:

- which fields an entry can have at all (its ``ENTRY`` list: ``juliacon.bst`` has no ``url``,
  so no ``url`` field is ever printed);
- in which order each entry type prints them (``FUNCTION {article}`` calls ``output.doi``,
  then ``format.eprint``, then ``note``): the fields named by the type's function and by the
  functions it calls, first use first; a type the style lacks is its ``default.type``;
- whether an ``eprint`` becomes an arXiv link at all (``naturemag.bst`` prints the bare
  identifier: no ``arxiv.org`` in the style), and whether only when its ``archivePrefix`` (or
  ``eprinttype``) says arXiv (``aasjournal.bst``, ``juliacon.bst``);
- whether it prints one identifier only (``aasjournal.bst``'s ``format.pid``: the DOI, else the
  eprint, else the url).

This is a reading of the style's text, not a BibTeX interpreter: conditions on a field's value
(``eprinttype "arxiv" =``) are not evaluated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from citecheck.parse.deferred import regex

__all__ = ["Style", "read_style"]

_ENTRY = regex(r"(?i)\bENTRY\s*\{([^{}]*)\}")
_FUNCTION = regex(r"(?i)\bFUNCTION\s*\{\s*([^{}\s]+)\s*\}\s*\{")
_TOKEN = regex(r"[^\s{}]+")
_STRING = regex(r'"[^"\n]*"')
# aasjournal.bst's format.pid: "{ doi empty$ {eprint empty$ …} {format.doi} if$ }", the eprint
# printed only in place of a missing DOI; "{eprint empty$ { url empty$ …": the url only in place
# of both.
_EPRINT_WITHOUT_DOI = regex(r"\bdoi\s+empty\$\s*\{\s*eprint\s+empty\$")
_URL_WITHOUT_EPRINT = regex(r"\beprint\s+empty\$\s*\{\s*url\s+empty\$")
# format.eprint: 'archivePrefix "arXiv" =' (aasjournal.bst), 'eprinttype "arxiv" =' (juliacon.bst):
# the link is made for an eprint whose archive field names arXiv; without one, the bare
# identifier is printed (or nothing).
_ARXIV_BY_ARCHIVE = regex(r'(?i)\b(?:archiveprefix|eprinttype)\s+"arxiv"\s+=')
_MAX_CALLS = 400  # functions visited for one type: a style is a few hundred functions at most


@dataclass(frozen=True)
class Style:
    """What a BibTeX style prints of the link fields (see the module's docstring)."""

    declared: frozenset[str] | None  # the ENTRY fields; None when the style lists none
    orders: Mapping[str, tuple[str, ...]]  # entry type → link fields in print order
    arxiv_links: bool  # an eprint can become an arxiv.org link
    eprint_without_doi: bool  # the eprint is printed only when there is no DOI
    url_without_pid: bool  # the url is printed only when there is neither DOI nor eprint
    arxiv_by_archive: bool = False  # an eprint is an arXiv link only when its archive says so

    def printed(self, entry_type: str, links: Sequence[tuple[str, str]],
                fields: Mapping[str, str]) -> list[str]:
        """The addresses of ``links`` (``(field, url)`` in the reader's order) the style
        prints for an entry of ``entry_type`` with these ``fields``, in its order."""
        has = {name for name in ("doi", "eprint") if fields.get(name, "").strip("{} ")}
        kept = [(field, url) for field, url in links if self._prints(field, has, fields)]
        order = self.orders.get(entry_type.lower(), self.orders.get("default.type"))
        if order is None:
            return [url for _, url in kept]
        return [url for field in order for named, url in kept if named == field]

    def _prints(self, field: str, has: set[str], fields: Mapping[str, str]) -> bool:
        if self.declared is not None and field not in self.declared:
            return False
        if field == "eprint":
            archive = fields.get("archiveprefix") or fields.get("eprinttype") or ""
            if self.arxiv_by_archive and archive.strip("{} ").lower() != "arxiv":
                return False
            return self.arxiv_links and not (self.eprint_without_doi and "doi" in has)
        if field == "url" and self.url_without_pid:
            return not has
        return True


def read_style(text: str) -> Style:
    """The :class:`Style` a ``.bst`` file's text describes."""
    code = _code(text)
    entry = _ENTRY.search(code)
    declared = frozenset(t.lower() for t in _TOKEN.findall(entry.group(1))) if entry else None
    functions = _functions(code)
    # Any field may hold an address (``publisher = {\\url{www.diplom.de}}``): each type's
    # order covers every field it prints, not only the usual link fields.
    fields = declared if declared is not None else frozenset()
    orders: dict[str, tuple[str, ...]] = {}
    if fields:
        for name in functions:
            orders[name] = _order(name, functions, fields)
    return Style(declared, orders, "arxiv.org" in text.lower(),
                 bool(_EPRINT_WITHOUT_DOI.search(code)), bool(_URL_WITHOUT_EPRINT.search(code)),
                 bool(_ARXIV_BY_ARCHIVE.search(code)))


def _code(text: str) -> str:
    """The style without its ``%`` comments (a ``%`` inside a string is text)."""
    lines = []
    for line in text.splitlines():
        quoted, end = False, len(line)
        for index, char in enumerate(line):
            if char == '"':
                quoted = not quoted
            elif char == "%" and not quoted:
                end = index
                break
        lines.append(line[:end])
    return "\n".join(lines)


def _functions(code: str) -> dict[str, list[str]]:
    """Each ``FUNCTION {name} { body }``'s body as its tokens (strings left out)."""
    out: dict[str, list[str]] = {}
    for found in _FUNCTION.finditer(code):
        depth, end = 1, found.end()
        while end < len(code) and depth:
            depth += {"{": 1, "}": -1}.get(code[end], 0)
            end += 1
        body = _STRING.sub(" ", code[found.end():end - 1])
        out[found.group(1).lower()] = [t.lower().lstrip("'") for t in _TOKEN.findall(body)]
    return out


def _order(name: str, functions: Mapping[str, list[str]], fields: frozenset[str]
           ) -> tuple[str, ...]:
    """The fields a function reads, itself or through the functions it calls, in order."""
    found: list[str] = []
    visited: set[str] = set()

    def visit(function: str) -> None:
        if function in visited or len(visited) >= _MAX_CALLS:
            return
        visited.add(function)
        for token in functions[function]:
            if token in fields:
                if token not in found:
                    found.append(token)
            elif token in functions:
                visit(token)

    visit(name)
    return tuple(found)
