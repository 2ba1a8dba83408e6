"""The Word (.docx) and OpenDocument (.odt) readers: notes from the package's own note parts.

A ``.docx`` is read with :mod:`zipfile` and lxml, not python-docx, which has no footnote or
endnote API. Footnotes and endnotes come from ``word/footnotes.xml`` and ``word/endnotes.xml``
(found through the relationships); each reference mark in the body (``w:footnoteReference``,
``w:endnoteReference``) gives a claim, the sentence around it. Labels are what Word prints: the
position of the mark among the body's marks of its kind, in ``w:numFmt`` from the last section's
or the settings' ``w:footnotePr``/``w:endnotePr`` (Word's defaults: decimal footnotes, lower-roman
endnotes), from ``w:numStart``; a custom mark (``w:customMarkFollows``) is the text after it and
takes no number.

A hyperlink's URL is its relationship target or ``HYPERLINK`` field, whatever its display text
says; a display text that is itself a URL is replaced by the target. Hyperlinks in the body are
body links (``link-N``). Lines are paragraph ordinals: a note's line is the paragraph of its
first reference mark.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections import Counter
from dataclasses import replace
from io import BytesIO
from typing import Any

from lxml import etree

from citecheck.models import Diagnostic, DiagnosticCode, Document, DocumentFormat
from citecheck.parse.base import RawMarker, RawNote, build_document, is_bare_doi
from citecheck.parse.deferred import regex
from citecheck.parse.docx.body import body_notes
from citecheck.parse.docx.citations import cited_sources, word_citations
from citecheck.parse.docx.fields import Field, citation_fields
from citecheck.parse.docx.numbering import format_number
from citecheck.parse.docx.reduced import (
    MAX_XML_BYTES,
    package_too_dense,
    read_package_reduced,
    unpacked_size,
)
from citecheck.parse.docx.sources import Source, custom_parts, read_sources
from citecheck.parse.docx.wordml import Paragraph, paragraphs, w
from citecheck.parse.inline import body_link, is_citable_href
from citecheck.parse.sentences import split_sentences
from citecheck.parse.urls import prose_url_spans, url_spans

__all__ = ["read_docx", "read_odt"]

_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "/officeDocument"
# XML from a file is untrusted: no entities, no network, but documents may be large.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, recover=True)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: The most one XML part may unpack to: a 2 MB .docx of dense tables holds 75 MB of XML (read
#: in reduced mode: docx/reduced.py, which bounds all text parts together by MAX_XML_BYTES).
MAX_PART_BYTES = 128 * 2**20
_NOT_NOTES = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_EMPTY_PARENS = regex(r"^\s*\(\s*\)\s*")
_KEY = "\u2063"  # INVISIBLE SEPARATOR: between a printed label and its note's part and id
_INTERNAL = regex(f"{_KEY}[a-z]+:[^\\]\\s]*")
_LOOKS_LIKE_URL = regex(r"(?i)^\s*(?:https?://|www\.)\S+\s*$")


class PackageProblem(Exception):
    """Why a Word or ODF package could not be read: ``code`` is the diagnostic code."""

    def __init__(self, code: DiagnosticCode, message: str) -> None:
        super().__init__(message)
        self.code = code


def _unreadable(path: str, problem: PackageProblem) -> Document:
    diagnostic = Diagnostic(problem.code, f"{path}: {problem}", severity="error")
    return Document(path=path, format=DocumentFormat.UNREADABLE, diagnostics=(diagnostic,))


def open_package(data: bytes, what: str) -> zipfile.ZipFile:
    """The ZIP package, or a :class:`PackageProblem` saying why not."""
    if data.startswith(_OLE):
        raise PackageProblem(DiagnosticCode.ENCRYPTED, f"an encrypted or legacy (.doc) {what} "
                             "file: save it as an unprotected .docx")
    try:
        return zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise PackageProblem(DiagnosticCode.DAMAGED, f"not a readable {what} package ({exc})"
                             ) from None


def read_xml(
    package: zipfile.ZipFile, name: str, unpacked: dict[str, bytes] | None = None
) -> Any:
    """One XML part, parsed safely; a :class:`PackageProblem` when it is missing, broken or
    would unpack to more than :data:`MAX_PART_BYTES` (a ZIP bomb).

    ``unpacked`` holds parts already inflated (by :func:`_package_guard`): one is taken from
    there, and dropped from it, instead of being inflated again.
    """
    try:
        size = package.getinfo(name).file_size
    except KeyError:
        raise PackageProblem(DiagnosticCode.DAMAGED, f"{name} is missing") from None
    if size > MAX_PART_BYTES:
        raise PackageProblem(DiagnosticCode.DAMAGED, f"{name} unpacks to {size // 2**20} MiB, "
                             f"over the {MAX_PART_BYTES // 2**20} MiB a document part may have")
    try:
        data = unpacked.pop(name, None) if unpacked is not None else None
        root = etree.fromstring(package.read(name) if data is None else data, PARSER)
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, OSError, ValueError) as exc:
        raise PackageProblem(DiagnosticCode.DAMAGED, f"cannot read {name} ({exc})") from None
    if root is None:
        raise PackageProblem(DiagnosticCode.DAMAGED, f"{name} is empty")
    return root


def _rels_name(part: str) -> str:
    directory, base = posixpath.split(part)
    return posixpath.join(directory, "_rels", f"{base}.rels")


def _package_guard(
    package: zipfile.ZipFile, parts: list[str], inflated: dict[str, bytes] | None = None
) -> str | None:
    """Why the text ``parts`` must be read in reduced mode (docx/reduced.py), or None; a
    :class:`PackageProblem` when they unpack to more than anything is read from. The parts it
    inflates to count their markup are put in ``inflated``, for :func:`read_xml`."""
    unpacked = unpacked_size(package, parts)
    if unpacked > MAX_XML_BYTES:
        raise PackageProblem(DiagnosticCode.DAMAGED, f"its text unpacks to {unpacked // 2**20} "
                             f"MiB, over the {MAX_XML_BYTES // 2**20} MiB a document may have")
    return package_too_dense(package, parts, inflated)


def _rels(package: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """A part's relationships: id → (type, target); internal targets as package paths."""
    directory = posixpath.dirname(part)
    name = _rels_name(part)
    if name not in package.namelist():
        return {}
    found = {}
    for rel in read_xml(package, name).iter(f"{{{_PACKAGE_RELS}}}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") != "External":
            target = target[1:] if target.startswith("/") else posixpath.normpath(
                posixpath.join(directory, target))
        elif "\\" in target:
            # A backslash is no URL character: Word and LibreOffice show it as %5C, and that is
            # the address the text prints and a server is asked for.
            target = target.replace("\\", "%5C")
        if "%09" in target or "\t" in target:
            # A tab is no part of an address (a URL parser drops it): Word encodes the tab stop
            # it laid out in a long URL's display text into the target ("…Fahrzeugklass%09en…").
            target = target.replace("%09", "").replace("\t", "")
        found[rel.get("Id", "")] = (rel.get("Type", ""), target)
    return found


def _targets(rels: dict[str, tuple[str, str]]) -> dict[str, str]:
    return {rid: target for rid, (_, target) in rels.items()}


def _part(rels: dict[str, tuple[str, str]], suffix: str) -> str | None:
    return next((t for kind, t in rels.values() if kind.endswith(suffix)), None)


def read_docx(data: bytes, path: str = "-") -> Document:
    """Parse a .docx's bytes into its notes, claims and diagnostics; never raises on bad input."""
    try:
        return _read_docx(open_package(data, "Word"), path)
    except PackageProblem as problem:
        return _unreadable(path, problem)


def _read_docx(package: zipfile.ZipFile, path: str) -> Document:
    names = set(package.namelist())
    main = _part(_rels(package, ""), _OFFICE_DOCUMENT) or "word/document.xml"
    if main not in names:
        raise PackageProblem(DiagnosticCode.DAMAGED, "not a Word document (no document part)")
    rels = _rels(package, main)
    text_parts = [main, *(part for kind in ("footnote", "endnote")
                          if (part := _part(rels, f"/{kind}s")) is not None)]
    unpacked: dict[str, bytes] = {}
    dense = _package_guard(package, text_parts, unpacked)
    if dense is not None:
        return read_package_reduced(package, text_parts, [_rels_name(p) for p in text_parts],
                                    path, fmt=DocumentFormat.DOCX, reason=dense)
    root = read_xml(package, main, unpacked)
    body_element = root.find(w("body"))
    if body_element is None:
        body_element = root
    body = paragraphs(body_element, _targets(rels))
    settings_part = _part(rels, "/settings")
    settings = read_xml(package, settings_part) if settings_part in names else None
    section = root.find(f"{w('body')}/{w('sectPr')}")
    notes: dict[tuple[str, str], list[Paragraph]] = {}
    in_notes: dict[tuple[str, str], list[Field]] = {}  # CITATION fields inside notes
    for kind in ("footnote", "endnote"):
        part = _part(rels, f"/{kind}s")
        if part is None or part not in names:
            continue
        targets = _targets(_rels(package, part))
        for element in read_xml(package, part, unpacked).iter(w(kind)):
            if element.get(w("type")) in _NOT_NOTES:
                continue
            key = (kind, element.get(w("id"), ""))
            notes[key] = paragraphs(element, targets)
            if cited := citation_fields(element, notes[key]):
                in_notes[key] = cited
    fields = citation_fields(body_element, body)
    sources = _sources(package, names) if fields or in_notes else {}
    return _document(path, body, notes, settings, section, fields=fields, sources=sources,
                     note_sources={key: cited_sources(found, sources)
                                   for key, found in in_notes.items()})


def _sources(package: zipfile.ZipFile, names: set[str]) -> dict[str, Source]:
    """The sources Word's citation fields name; a broken custom part only loses its own."""
    roots = []
    for name in custom_parts(sorted(names)):
        try:
            roots.append(read_xml(package, name))
        except PackageProblem:
            continue
    return read_sources(roots)


def _number_formats(settings: Any, section: Any) -> dict[str, tuple[str, int, str]]:
    """Per note kind: Word's number format, first number and restart rule (``continuous``,
    ``eachSect`` or ``eachPage``), the last section's overriding the settings'."""
    formats = {}
    for kind, default in (("footnote", "decimal"), ("endnote", "lowerRoman")):
        fmt, start, restart = default, 1, "continuous"
        for holder in (settings, section):
            properties = holder.find(w(f"{kind}Pr")) if holder is not None else None
            if properties is None:
                continue
            number_format = properties.find(w("numFmt"))
            if number_format is not None and number_format.get(w("val")):
                fmt = number_format.get(w("val"))
            number_start = properties.find(w("numStart"))
            if number_start is not None and (number_start.get(w("val")) or "").isdigit():
                start = int(number_start.get(w("val")))
            number_restart = properties.find(w("numRestart"))
            if number_restart is not None and number_restart.get(w("val")):
                restart = number_restart.get(w("val"))
        formats[kind] = (fmt, start, restart)
    return formats


def _document(
    path: str,
    body: list[Paragraph],
    notes: dict[tuple[str, str], list[Paragraph]],
    settings: Any,
    section: Any,
    *,
    fields: list[Field],
    sources: dict[str, Source],
    note_sources: dict[tuple[str, str], tuple[Source, ...]],
) -> Document:
    formats = _number_formats(settings, section)
    counters = {"footnote": 0, "endnote": 0}
    labels: dict[tuple[str, str], str] = {}
    first_line: dict[tuple[str, str], int] = {}
    first_column: dict[tuple[str, str], int] = {}
    custom_marks: set[tuple[str, str]] = set()
    markers: list[RawMarker] = []
    links: list[RawNote] = []
    word = word_citations(body, fields, sources, internal=_internal, note_text=_note_text)
    listed = body_notes([_masked(p) if p.index in word.covered else p for p in body], _internal)
    covered = listed.covered | word.covered
    for paragraph in body:
        cut_marks = [(m.offset, m.offset) for m in paragraph.marks]
        for mark in paragraph.marks:
            key = (mark.kind, mark.id)
            if key not in notes:
                continue
            if key not in labels:
                if mark.custom:
                    following = paragraph.text[mark.offset:].split()
                    labels[key] = following[0] if following else "*"
                    custom_marks.add(key)
                else:
                    fmt, start, _ = formats[mark.kind]
                    labels[key] = format_number(start + counters[mark.kind], fmt)
                    counters[mark.kind] += 1
                first_line[key] = paragraph.index
                first_column[key] = mark.offset + 1
            sentence = _sentence(paragraph.text, mark.offset, mark.custom, cut_marks)
            markers.append(RawMarker(_internal(labels[key], key), paragraph.index, sentence,
                                     mark.offset + 1))
        for link, url in [] if paragraph.index in covered else _body_urls(paragraph):
            sentence = _sentence(paragraph.text, link, False, cut_marks)
            note, marker = body_link(len(links) + 1, _display(paragraph, link, url), url,
                                     sentence, line=paragraph.index, column=link + 1)
            links.append(note)
            markers.append(marker)
        if paragraph.ends_section:
            for kind, (_, _, restart) in formats.items():
                if restart == "eachSect":
                    counters[kind] = 0
    # Reading order: footnotes and body links where their marks are, endnotes at the end.
    footnotes: list[RawNote] = []
    endnotes: list[RawNote] = []
    for key in sorted(labels, key=lambda key: (first_line[key], first_column[key])):
        text, hrefs = _note_text(notes[key])
        if key in custom_marks:  # the note repeats its custom mark ("* Reissued …")
            text = text.removeprefix(labels[key]).lstrip()
        # A note citing stored sources (CITATION fields) checks their URLs, printed or not.
        cited = note_sources.get(key, ())
        note = RawNote(_internal(labels[key], key), first_line[key], text,
                       hrefs=(*hrefs, *(s.url for s in cited if s.url)),
                       column=first_column[key],
                       citation=cited[0].citation() if len(cited) == 1 else None)
        (footnotes if key[0] == "footnote" else endnotes).append(note)
    ordered = sorted(footnotes + links + listed.notes + word.notes,
                     key=lambda n: (n.line, n.column))
    ordered += endnotes
    markers += listed.markers + word.markers
    ordered, markers = _plain_unless_shared(ordered, markers)
    problems = [*listed.diagnostics, *[
        Diagnostic(DiagnosticCode.NUMBERING_RESTART, f"{kind} numbers restart on each page in "
                   f"this document: labels here count on through it and may differ from the "
                   "print")
        for kind, (_, _, restart) in formats.items()
        if restart == "eachPage" and any(key[0] == kind for key in labels)
    ]]
    return _printed(build_document(path, DocumentFormat.DOCX, ordered, markers, problems))


def _masked(paragraph: Paragraph) -> Paragraph:
    """A paragraph Word's citation fields have read, blank for the plain-text reader."""
    return replace(paragraph, text="", links=[], marks=[])


def _internal(label: str, key: tuple[str, str]) -> str:
    """A label unique to its note while the document is built: footnote 1 and endnote 1, or
    the 1s of two sections that restart numbering, are different notes."""
    return f"{label}{_KEY}{key[0]}:{key[1]}"


def _plain_unless_shared(
    notes: list[RawNote], markers: list[RawMarker]
) -> tuple[list[RawNote], list[RawMarker]]:
    """Printed labels for the build wherever they are unique, so that "see note 3 above" finds
    note 3; only a label two notes share keeps its note's part and id until the build is done."""
    printed = Counter(note.label.split(_KEY, 1)[0] for note in notes)
    shared = {label for label, count in printed.items() if count > 1}

    def plain(label: str) -> str:
        head = label.split(_KEY, 1)[0]
        return label if head in shared else head

    return ([replace(n, label=plain(n.label)) for n in notes],
            [replace(m, label=plain(m.label)) for m in markers])


def _printed(document: Document) -> Document:
    """The document with every label as Word prints it again."""

    def label(value: str | None) -> str | None:
        return None if value is None else value.split(_KEY, 1)[0]

    def message(text: str) -> str:
        return _INTERNAL.sub("", text)

    notes = tuple(
        replace(n, label=n.label.split(_KEY, 1)[0], resolves_to=label(n.resolves_to),
                points_to=label(n.points_to))
        for n in document.notes
    )
    diagnostics = tuple(
        replace(d, label=label(d.label), message=message(d.message)) for d in document.diagnostics
    )
    return replace(document, notes=notes, diagnostics=diagnostics)


def _display(paragraph: Paragraph, start: int, url: str) -> str:
    for link in paragraph.links:
        if link.start == start:
            return paragraph.text[link.start:link.end].strip() or url
    return url


def _body_urls(paragraph: Paragraph) -> list[tuple[int, str]]:
    """The citable URLs of a body paragraph: its hyperlinks' targets and URLs typed in it."""
    found: list[tuple[int, str]] = []
    covered: list[tuple[int, int]] = []
    for link in paragraph.links:
        if is_citable_href(link.target):
            found.append((link.start, link.target))
            covered.append((link.start, link.end))
    for start, _end, url in prose_url_spans(paragraph.text):
        if not any(a <= start < max(b, a + 1) for a, b in covered):
            found.append((start, url))
    return sorted(found)


def _note_text(parts: list[Paragraph]) -> tuple[str, tuple[str, ...]]:
    """A note's text and its URLs in reading order (link targets, then typed URLs, by place)."""
    texts: list[str] = []
    hrefs: list[tuple[int, int, str]] = []
    offset = 0
    for number, paragraph in enumerate(parts):
        text = paragraph.text
        replaced = 0
        for link in sorted(paragraph.links, key=lambda lk: lk.start):
            if not is_citable_href(link.target):
                continue
            start, end = link.start + replaced, link.end + replaced
            shown = text[start:end]
            if _LOOKS_LIKE_URL.match(shown) or not shown.strip():
                # What the reader clicks is the target, whatever URL the text shows.
                text = f"{text[:start]} {link.target} {text[end:]}"
                replaced += len(link.target) + 2 - (end - start)
            else:
                hrefs.append((offset + start, 0, link.target))
        if number == 0:
            text = _EMPTY_PARENS.sub("", text)
        for start, end, url in url_spans(text):
            if not is_bare_doi(text[start:end], url):  # "doi:10.…" typed: the note's DOI
                hrefs.append((offset + start, 1, url))
        texts.append(text)
        offset += len(text) + 1
    ordered = [url for _, _, url in sorted(hrefs)]
    return "\n".join(texts).strip(), tuple(dict.fromkeys(ordered))


def _sentence(text: str, offset: int, custom: bool, marks: list[tuple[int, int]]) -> str:
    """The sentence holding position ``offset`` of a paragraph, without a custom mark's text
    (``*`` printed right after the reference)."""
    if custom:
        mark = re.match(r"\S+", text[offset:])
        if mark is not None:
            text = text[:offset] + " " * len(mark.group(0)) + text[offset + mark.end():]
    spans = split_sentences(text) or [(0, len(text))]
    for start, end in spans:
        if start <= offset < end or (offset == end and end == len(text)):
            return " ".join(text[start:end].split())
    before = [s for s in spans if s[0] < offset]
    start, end = before[-1] if before else spans[0]
    return " ".join(text[start:end].split())


def read_odt(data: bytes, path: str = "-") -> Document:
    """Parse an OpenDocument text file's bytes (notes are ``text:note`` in ``content.xml``)."""
    from citecheck.parse.docx.odt import read_odt_package

    try:
        return read_odt_package(open_package(data, "OpenDocument"), path)
    except PackageProblem as problem:
        return _unreadable(path, problem)
