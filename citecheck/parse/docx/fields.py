"""Word's citation fields, found in one pass over a part apart from the paragraph walk.

``CITATION`` (an in-text citation of a stored source) and ``BIBLIOGRAPHY`` (the list of sources),
and their Zotero, Mendeley and EndNote counterparts (``ADDIN ZOTERO_ITEM CSL_CITATION {…}``,
``ADDIN ZOTERO_BIBL … CSL_BIBLIOGRAPHY``, ``ADDIN CSL_CITATION {…}``, ``ADDIN EN.CITE
<EndNote>…``, ``ADDIN EN.REFLIST``), are complex fields
(``w:fldChar`` begin, ``w:instrText``, separate, result, end) or simple ones (``w:fldSimple``). A
bibliography's result runs over many paragraphs, so fields are followed across paragraphs here,
in document order, with their own stack; a field still in its instruction when its paragraph
ends is broken and is dropped there, as the walk drops it.

Each field is placed on the paragraphs of :func:`~citecheck.parse.docx.wordml.paragraphs`
(same ordinals) and its result located in the paragraph's text by what it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from citecheck.parse.docx.wordml import Paragraph, w

__all__ = ["Field", "citation_fields"]

_KEPT = ("CITATION", "BIBLIOGRAPHY")
# Reference managers' fields (``ADDIN …``): Zotero and Mendeley keep each cited item's CSL JSON
# in the instruction, and render the list in a bibliography field of their own.
# EndNote's (``ADDIN EN.CITE <EndNote>…``) keep each cited record's XML there.
_ADDIN_CITATION = ("ZOTERO_ITEM", "CSL_CITATION", "MENDELEY CITATION", "EN.CITE")
_ADDIN_BIBLIOGRAPHY = ("ZOTERO_BIBL", "CSL_BIBLIOGRAPHY", "MENDELEY BIBLIOGRAPHY", "EN.REFLIST")
_MARKS = (w("fldChar"), w("instrText"), w("fldSimple"))


@dataclass(frozen=True, slots=True)
class Field:
    """A kept field: its instruction, and its result from ``start`` in paragraph ``first`` to
    ``end`` in paragraph ``last`` (1-based ordinals, offsets into each paragraph's text)."""

    instruction: str
    first: int
    start: int
    last: int
    end: int

    def kind(self) -> str:
        """``CITATION`` or ``BIBLIOGRAPHY`` (a reference manager's fields too)."""
        return _kind(self.instruction) or ""


@dataclass
class _Open:
    parts: list[str]
    paragraph: Any  # the w:p of its begin, then of its separate
    separate: Any = None  # the separate w:fldChar, once seen


def _kind(instruction: str) -> str | None:
    head = instruction.lstrip()[:48].upper()
    if head.startswith(_KEPT):
        return head.split(None, 1)[0]
    if not head.startswith("ADDIN"):
        return None
    if any(name in head for name in _ADDIN_BIBLIOGRAPHY):
        return "BIBLIOGRAPHY"
    return "CITATION" if any(name in head for name in _ADDIN_CITATION) else None


def _kept(instruction: str) -> bool:
    return _kind(instruction) is not None


def citation_fields(root: Any, body: list[Paragraph]) -> list[Field]:
    """The ``CITATION`` and ``BIBLIOGRAPHY`` fields under ``root`` in document order, placed on
    ``body`` (the paragraphs read from the same ``root``)."""
    if not any(_kept(e.text or "") for e in root.iter(w("instrText"))) and not any(
            _kept(e.get(w("instr"), "")) for e in root.iter(w("fldSimple"))):
        return []  # most documents: one pass, nothing more
    ordinals = {p: n for n, p in enumerate(root.iter(w("p")), 1)}
    texts = {p.index: p.text for p in body}
    cursors: dict[int, int] = {}  # per paragraph: where the next result is looked for
    found: list[Field] = []
    stack: list[_Open] = []
    last_paragraph: Any = None
    for element in root.iter(*_MARKS):
        paragraph = _paragraph_of(element)
        if paragraph is not last_paragraph:
            stack = [f for f in stack if f.separate is not None]
            last_paragraph = paragraph
        if element.tag == w("instrText"):
            if stack and stack[-1].separate is None:
                stack[-1].parts.append(element.text or "")
            continue
        if element.tag == w("fldSimple"):
            instruction = element.get(w("instr"), "")
            if _kept(instruction) and paragraph in ordinals:
                shown = "".join(element.itertext(w("t")))
                found.append(_place(instruction, ordinals[paragraph], shown, ordinals[paragraph],
                                    texts=texts, cursors=cursors))
            continue
        kind = element.get(w("fldCharType"))
        if kind == "begin":
            stack.append(_Open([], paragraph))
        elif kind == "separate" and stack:
            stack[-1].separate, stack[-1].paragraph = element, paragraph
        elif kind == "end" and stack:
            field = stack.pop()
            instruction = "".join(field.parts)
            if not _kept(instruction) or field.paragraph not in ordinals:
                continue
            if paragraph not in ordinals:
                continue
            first, last = ordinals[field.paragraph], ordinals[paragraph]
            shown = _shown(field.paragraph, field.separate, element) if first == last else ""
            found.append(_place(instruction, first, shown, last, texts=texts, cursors=cursors))
    return found


def _paragraph_of(element: Any) -> Any:
    parent = element.getparent()
    while parent is not None and parent.tag != w("p"):
        parent = parent.getparent()
    return parent


def _shown(paragraph: Any, separate: Any, end: Any) -> str:
    """The text a one-paragraph field shows: the w:t between its separate and its end."""
    if separate is None:
        return ""
    out: list[str] = []
    inside = False
    for element in paragraph.iter(w("t"), w("fldChar")):
        if element is separate:
            inside = True
        elif element is end:
            break
        elif inside and element.tag == w("t") and _paragraph_of(element) is paragraph:
            out.append(element.text or "")
    return "".join(out)


def _place(instruction: str, first: int, shown: str, last: int, *, texts: dict[int, str],
           cursors: dict[int, int]) -> Field:
    """The field with its result located: a one-paragraph field where its shown text next
    occurs in its paragraph; a longer one from the start of its first paragraph to the end of
    its last."""
    instruction = instruction.strip()
    if first != last:
        return Field(instruction, first, 0, last, len(texts.get(last, "")))
    text = texts.get(first, "")
    cursor = cursors.get(first, 0)
    at = text.find(shown, cursor) if shown else -1
    if at < 0:
        at = min(cursor, len(text))
        return Field(instruction, first, at, last, at)
    cursors[first] = at + len(shown)
    return Field(instruction, first, at, last, at + len(shown))
