"""reStructuredText: footnotes, citations and links, read with docutils (no Sphinx needed).

docutils resolves what a reader would otherwise re-implement: auto-numbered (``[#]_``) and
symbol (``[*]_``) footnotes get the number or symbol it prints, named and anonymous hyperlink
targets resolve to their URLs. Sphinx-only roles and directives (``:ref:``, ``.. toctree::``)
become error messages inside the tree and parsing carries on; they are not reported.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from typing import Any

from docutils import nodes
from docutils.core import publish_doctree
from docutils.nodes import fully_normalize_name

from citecheck.models import Diagnostic, DiagnosticCode
from citecheck.parse.base import RawMarker, RawNote, ReaderOutput
from citecheck.parse.claims import ClaimText
from citecheck.parse.deferred import regex
from citecheck.parse.inline import body_link, is_citable_href, is_titled_link
from citecheck.parse.latex.reader import entry_note
from citecheck.parse.latex.source import Folder
from citecheck.parse.rst.bibtex import read_database, unread_keys
from citecheck.parse.rst.roles import (
    cited_keys,
    is_generated_note,
    is_role_link,
    role_text,
    role_url,
    shown_text,
)
from citecheck.parse.rst.sphinx import as_docutils

__all__ = ["read_rst"]

# Silent and self-contained: nothing printed, nothing raised for bad markup, no other file read
# (include, raw and csv-table :file: options), no docutils.conf of the user's applied.
_SETTINGS: dict[str, Any] = {
    # Errors stay in the tree (and go to an in-memory stream): below that, docutils drops the
    # message a marker without its note leaves.
    "report_level": 3,
    "halt_level": 5,
    "file_insertion_enabled": False,
    "raw_enabled": False,
    "input_encoding": "unicode",
    "traceback": True,
    "syntax_highlight": "none",
    "line_length_limit": 10**7,
    "_disable_config": True,
}
# Messages about constructs docutils leaves to Sphinx: expected in Sphinx projects, not problems.
_SPHINX_ONLY = ("Unknown interpreted text role", "Unknown directive type", "No role entry",
                "No directive entry",
                # Sphinx's ":pep:`text <8#anchor>`" form, which plain docutils refuses.
                "PEP number must be", "RFC number must be")
_ERROR = 3
_SEVERE = 4
# Below SEVERE, only errors about notes and links are reported: "Unexpected indentation" in a
# PEP header or a Sphinx-style ":pep:`text <8>`" says nothing about what citecheck checks.
_ABOUT_NOTES = regex(r"(?i)footnote|citation|target|hyperlink|reference")
_ORPHAN = regex(r"\[([^\]\s]+)\]_")
# A named auto-numbered footnote's definition, "..  [#CT65]": docutils keeps only the
# lower-cased name, so the name as written is read back from the source.
_NAMED_AUTO = regex(r"(?m)^[ \t]*\.\.[ \t]+\[#([^\]\s]+)\]")
# Text elements that are not blocks of prose: inline ones are read with their block; code,
# comments and labels hold no claims.
_NOT_PROSE = (nodes.Inline, nodes.FixedTextElement, nodes.label, nodes.comment,
              nodes.substitution_definition, nodes.raw)


@dataclass(slots=True)
class _Block:
    """A text block's plain text, where its markers and links sit, and their source lines."""

    text: str = ""
    removed: list[int] = field(default_factory=list)
    marks: list[tuple[Any, int, int]] = field(default_factory=list)  # node, offset, line
    links: list[tuple[Any, int, int]] = field(default_factory=list)
    orphans: list[tuple[str, int, int, str]] = field(default_factory=list)  # label, …, message id
    cites: list[tuple[tuple[str, ...], int, int]] = field(default_factory=list)  # keys, …


def read_rst(text: str, name: str = "-", folder: Folder | None = None) -> ReaderOutput:
    """Notes (footnotes and citations, in document order), their markers and the body links.

    ``folder`` lets the page's sphinxcontrib-bibtex citations (``:cite:`key```) find their
    entries in the ``.bib`` files beside it (see bibtex.py)."""
    settings = {**_SETTINGS, "warning_stream": io.StringIO()}
    try:
        doctree = publish_doctree(as_docutils(text), source_path=name,
                                  settings_overrides=settings)
    except Exception as exc:  # a docutils bug on odd input must not end the run
        problem = Diagnostic(DiagnosticCode.UNREADABLE_MARKUP,
                             f"docutils could not parse the document ({type(exc).__name__}: "
                             f"{exc})", severity="error")
        return ReaderOutput([], [], [problem])

    notes: list[RawNote] = []
    labels: dict[str, str] = {}  # footnote/citation id → label
    written = _written_names(text)
    for note in doctree.findall(_is_note):
        label = _label(note, written)
        for node_id in note["ids"]:
            labels[node_id] = label
        # A footnote that cites through a role ("adapted from :cite:t:`key`") names its source.
        cites = any(cited_keys(role.astext()) for role in note.findall(nodes.problematic))
        note_text = _note_text(note)
        notes.append(RawNote(label, note.line or _line_of(note), note_text,
                             hrefs=tuple(_note_urls(note)), listed=cites,
                             reference=is_titled_link(note_text, _note_links(note))))
    diagnostics: list[Diagnostic] = []
    entries = _cited_entries(doctree, text, folder, notes, diagnostics)

    markers: list[RawMarker] = []
    explained: set[str] = set()
    links = 0
    for block in doctree.findall(nodes.TextElement):
        if isinstance(block, _NOT_PROSE) or _inside_note(block):
            continue
        found = _Block()
        _flatten(block, found, block.rawsource or "", [0], _line_of(block))
        if not found.marks and not found.links and not found.orphans and not found.cites:
            continue
        claims = ClaimText(found.text, removed=found.removed)
        for label, offset, line, message_id in found.orphans:
            # build_document reports it as a marker without a note; docutils' own message
            # about it is then left out.
            markers.append(RawMarker(label, line, claims.after(offset)))
            explained.add(message_id)
        for ref, offset, line in found.marks:
            cited = labels.get(ref.get("refid", ""))
            if cited is not None:
                markers.append(RawMarker(cited, line, claims.after(offset)))
        for keys, offset, line in found.cites:
            for key in keys:
                if key in entries:
                    markers.append(RawMarker(entries[key], line, claims.around(offset)))
        for ref, offset, line in found.links:
            links += 1
            note, marker = body_link(links, " ".join(ref.astext().split()), ref["refuri"],
                                     claims.around(offset), line=line, column=1)
            notes.append(note)
            markers.append(marker)
    for target in doctree.findall(_is_unused_target):
        # ".. _name: URL" that no reference uses still writes the URL in the body.
        links += 1
        note, marker = body_link(links, " ".join(target["names"][:1]), target["refuri"], "",
                                 line=target.line, column=1)
        notes.append(note)
        markers.append(marker)
    return ReaderOutput(notes, markers, _problems(doctree, explained) + diagnostics)


def _is_unused_target(node: Any) -> bool:
    """An explicit external target (``.. _name: URL``) no reference uses, outside any note,
    whose definition writes the URL itself (not ``.. _alias: other_``, whose URL is written
    at ``other``)."""
    if not isinstance(node, nodes.target) or getattr(node, "referenced", False) or not node.line:
        return False
    url = str(node.get("refuri") or "")
    written = "".join(str(node.rawsource).split())
    return (is_citable_href(url) and "".join(url.split()) in written
            and not _inside_note(node))


def _is_note(node: Any) -> bool:
    return isinstance(node, nodes.footnote | nodes.citation) and not is_generated_note(node)


def _inside_note(node: Any) -> bool:
    """Inside a footnote or citation (its links are the note's), or a message docutils wrote."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.footnote | nodes.citation | nodes.system_message):
            return True
        parent = parent.parent
    return False


def _written_names(text: str) -> dict[str, str]:
    """Each named auto-numbered footnote's name as written, by docutils' normalised name (the
    first definition wins, as docutils keeps the first of duplicate names)."""
    written: dict[str, str] = {}
    for match in _NAMED_AUTO.finditer(text):
        written.setdefault(fully_normalize_name(match.group(1)), match.group(1))
    return written


def _label(note: Any, written: dict[str, str]) -> str:
    """The label as written: ``[#CT65]`` → ``CT65``, ``[#]`` → the number docutils printed,
    ``[*]`` → the symbol, ``[CIT2002]`` → ``CIT2002`` (docutils lower-cases its names, so a
    named footnote's name is taken from its definition in the source)."""
    printed = note.next_node(nodes.label)
    shown = printed.astext() if printed is not None else ""
    if isinstance(note, nodes.footnote) and note.get("auto") and note["names"]:
        name = str(note["names"][0])
        return written.get(name, name)
    return shown or (str(note["names"][0]) if note["names"] else "")


def _note_text(note: Any) -> str:
    return "\n".join(shown_text(child) for child in note.children
                     if not isinstance(child, nodes.label | nodes.system_message))


def _note_urls(note: Any) -> list[str]:
    """The note's links in source order, a Sphinx ``:doi:`` role among them (plain docutils
    leaves it as a ``problematic`` node; Sphinx prints it as the DOI's link)."""
    urls = []
    for node in note.findall(lambda n: isinstance(n, nodes.reference | nodes.problematic)):
        if isinstance(node, nodes.problematic):
            role = role_url(node.astext())
            if role is not None:
                urls.append(role)
        elif node.get("refuri") and is_citable_href(node["refuri"]) and not is_role_link(node):
            urls.append(node["refuri"])
    return list(dict.fromkeys(urls))


def _note_links(note: Any) -> list[tuple[str, str]]:
    """The (shown text, target) of each link in a note, relative targets included."""
    return [(node.astext(), str(node.get("refuri") or ""))
            for node in note.findall(nodes.reference) if node.get("refuri")]


def _flatten(node: Any, block: _Block, raw: str, cursor: list[int], first_line: int) -> None:
    """Collect ``node``'s text into ``block``, noting each marker's and link's offset and line.

    Lines: docutils gives inline nodes none, so each is found in the block's source from a
    cursor that only moves forward (two ``[#]_`` in one paragraph are two places).
    """
    for child in node.children:
        if isinstance(child, nodes.Text):
            block.text += child.astext()  # escapes undone, as in shown_text
            continue
        if isinstance(child, nodes.footnote_reference | nodes.citation_reference):
            block.removed.append(len(block.text))
            block.marks.append((child, len(block.text), _find(child, raw, cursor, first_line)))
            continue
        if isinstance(child, nodes.reference) and child.get("refuri") \
                and is_citable_href(child["refuri"]) and not is_role_link(child):
            block.links.append((child, len(block.text), _find(child, raw, cursor, first_line)))
            block.text += child.astext()
            continue
        if isinstance(child, nodes.problematic):
            orphan = _ORPHAN.fullmatch(child.astext())
            if orphan:  # "[9]_" with no "[9]" note: docutils leaves the text, flagged
                block.removed.append(len(block.text))
                block.orphans.append((orphan.group(1), len(block.text),
                                      _find(child, raw, cursor, first_line), child.get("refid")))
                continue
            shown = role_text(child.astext())
            if shown is not None:  # a Sphinx role: ":ref:`the guide <x>`" reads "the guide"
                line = _find(child, raw, cursor, first_line)
                keys = cited_keys(child.astext())
                if keys:  # ":cite:p:`key`": a marker of the entry, as "[1]_" is of a note
                    block.removed.append(len(block.text))
                    block.cites.append((keys, len(block.text), line))
                    continue
                block.text += shown
                continue
        if isinstance(child, nodes.system_message | nodes.target):
            continue
        if isinstance(child, nodes.Element):
            _flatten(child, block, raw, cursor, first_line)


def _find(node: Any, raw: str, cursor: list[int], first_line: int) -> int:
    needle = node.rawsource or node.astext()
    at = raw.find(needle, cursor[0]) if needle else -1
    if at < 0:
        return first_line
    cursor[0] = at + len(needle)
    return first_line + raw.count("\n", 0, at)


def _line_of(node: Any) -> int:
    """A node's 1-based line: its own, else its nearest ancestor's."""
    while node is not None:
        if node.line:
            return int(node.line)
        node = node.parent
    return 1


def _cited_entries(doctree: Any, text: str, folder: Folder | None, notes: list[RawNote],
                   diagnostics: list[Diagnostic]) -> dict[str, str]:
    """The entries the page's bibtex roles cite, appended to ``notes`` in order of first
    citation (labelled by the key as first written); a footnote citing one refers to it. Keys
    found nowhere are diagnostics. Returns each key as written → its note's label."""
    uses: list[tuple[str, str, int]] = []  # role, key, line
    footnote_cites: dict[int, list[str]] = {}  # position in notes → keys it cites
    positions = {id(note): index for index, note in enumerate(doctree.findall(_is_note))}
    for role in doctree.findall(nodes.problematic):
        raw = role.astext()
        keys = cited_keys(raw)
        if not keys:
            continue
        line = _role_line(role, raw, text)
        uses += [(raw.split("`", 1)[0], key, line) for key in keys]
        holder = role.parent
        while holder is not None and not _is_note(holder):
            holder = holder.parent
        if holder is not None and id(holder) in positions:
            footnote_cites.setdefault(positions[id(holder)], []).extend(keys)
    if not uses:
        return {}
    database = read_database(folder, diagnostics)
    labels: dict[str, str] = {}
    for _, key, _ in uses:
        entry = database.find(key)
        if entry is None or key in labels:
            continue
        label = next((labels[k] for k in labels if database.find(k) is entry), key)
        if label == key:
            notes.append(entry_note(entry, file=entry.source or None, label=key))
        labels[key] = label
    for position, written in footnote_cites.items():
        cited = {labels[key] for key in written if key in labels}
        if len(cited) == 1:  # a footnote citing two different entries is no short form of one
            notes[position] = replace(notes[position], refers_to=cited.pop())
    diagnostics += unread_keys(uses, database)
    return labels


def _role_line(role: Any, raw: str, text: str) -> int:
    """The source line of a role: docutils knows only its paragraph's first line."""
    start = _line_of(role)
    first = raw.split("\n", 1)[0]
    lines = text.splitlines()
    return next((number for number in range(start, len(lines) + 1)
                 if first in lines[number - 1]), start)


def _problems(doctree: Any, explained: set[str]) -> list[Diagnostic]:
    problems = []
    for message in doctree.findall(nodes.system_message):
        if message["level"] < _ERROR or set(message["ids"]) & explained:
            continue
        text = message.children[0].astext() if message.children else message.astext()
        if text.startswith(_SPHINX_ONLY) or (
            message["level"] < _SEVERE and not _ABOUT_NOTES.search(text)
        ):
            continue
        problems.append(Diagnostic(DiagnosticCode.UNREADABLE_MARKUP, " ".join(text.split()),
                                   line=message.get("line")))
    return problems
