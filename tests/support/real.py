"""The real-document harness: public documents nobody wrote for citecheck, against expectations
written by hand before the parser ran on them.

Each case under ``tests/data/real/<set>/`` is a document (or, for LaTeX, a folder holding the
document and what it includes) beside ``<name>.expected.json`` (``expected.json`` inside a
folder). An expectation lists, for every note, its printed label, its kind, the note an Ibid. or
short form resolves to, its URLs exactly as they must be checked and its bare DOI; then the body
links (URLs in the text that are not notes), in order. ``SOURCES.md`` in each set names every
document's origin and licence.

:func:`score` compares a parsed document with its expectation and counts what the issue judges:
notes found, URLs exact, Ibid. and short forms resolved, body links or stray URLs counted as notes.
A case that cannot be parsed exactly says why under ``known_limits`` in its expectation; the test
marks it a strict xfail with that reason, so fixing it is noticed.

Expectations may say more than labels and URLs: a BibTeX entry's ``doi`` (in the ``latex`` and
``bibtex`` sets the ``urls`` leave a bare DOI out, and the reader checks it at
``https://doi.org/<doi>``; the web sets list DOI addresses as the page prints them), its
arXiv ``eprint`` (``arXiv:ID``: checked at ``https://arxiv.org/abs/ID``), its ``urldate`` (the
access date the archive lookup starts from, ``Citation.accessed``), and for a LaTeX document the
``missing_keys`` it cites without a database entry (each must be reported as a diagnostic).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citecheck.models import Document, Note
from citecheck.parse.urls import doi_of
from citecheck.pipeline import parse_only, read_document

REAL = Path(__file__).parents[1] / "data" / "real"
EXPECTED = ".expected.json"
LINK_KINDS = frozenset({"link"})


@dataclass(frozen=True)
class Case:
    """One real document and its hand-written expectation."""

    name: str  # "<set>/<document stem>"
    document: Path  # the file to give citecheck (a folder's main file for LaTeX)
    expected: dict[str, Any]
    folder: Path | None = None  # a folder case's folder: what the user points citecheck at


def cases(root: Path = REAL) -> list[Case]:
    """Every case under ``root``, sorted by name."""
    found = []
    for expected_path in sorted(root.rglob(f"*{EXPECTED}")) + sorted(root.rglob("expected.json")):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        if expected_path.name == "expected.json":  # a folder case: the main file is named or found
            folder = expected_path.parent
            document = folder / expected["main"] if "main" in expected else _main_file(folder)
            name = f"{folder.parent.name}/{folder.name}"
        else:
            stem = expected_path.name.removesuffix(EXPECTED)
            document = next(p for p in expected_path.parent.glob(f"{stem}.*")
                            if not p.name.endswith(EXPECTED))
            name = f"{expected_path.parent.name}/{stem}"
        found.append(Case(name, document, expected,
                          folder if expected_path.name == "expected.json" else None))
    return sorted(found, key=lambda case: case.name)


def read_case(case: Case) -> Document:
    """The case's document as citecheck reads it when pointed at the case: a document case's
    file named alone, a folder case's main file found in its folder (``citecheck FOLDER/``, so
    the files the main file names with ``../`` inside the folder are read, as a user pointing
    at the folder has them read)."""
    if case.folder is None:
        return read_document(str(case.document))
    main = os.path.realpath(case.document)
    for document in parse_only([str(case.folder)]):
        if os.path.realpath(document.path) == main:
            return document
    raise AssertionError(f"{case.name}: {case.document} was read as a part of another document")


def _main_file(folder: Path) -> Path:
    tex = sorted(folder.glob("*.tex"))
    for path in tex:
        if "\\documentclass" in path.read_text(encoding="utf-8", errors="replace"):
            return path
    return tex[0] if tex else sorted(folder.glob("*.bib"))[0]


def _is_link(note: Note) -> bool:
    return note.kind.value in LINK_KINDS or note.label.startswith("link-")


@dataclass
class Score:
    """What one document's parse got right, in the units the issues judge."""

    notes_expected: int = 0
    notes_found: int = 0  # expected labels present among the parsed notes
    urls_expected: int = 0
    urls_exact: int = 0  # expected URLs found on the right note, exactly
    ibid_expected: int = 0
    ibid_resolved: int = 0
    short_expected: int = 0
    short_resolved: int = 0
    stray_notes: int = 0  # parsed notes that are not expected notes (body links counted as notes)
    links_expected: int = 0
    links_found: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        """Whether the document was parsed exactly as expected."""
        return not self.problems


def score(document: Document, expected: dict[str, Any]) -> Score:
    """Compare a parsed document with its hand-written expectation."""
    result = Score()
    # A label may be printed twice (footnote 1 and reference [1] of the same paper; the
    # expectation tells them apart by "where"): the n-th expected note with a label is the n-th
    # parsed note with it, in document order.
    notes: dict[str, list[Note]] = {}
    for note in document.notes:
        if not _is_link(note):
            notes.setdefault(note.label, []).append(note)
    links = [url for n in document.notes if _is_link(n) for url in n.urls]
    for want in expected["notes"]:
        same = notes.get(want["label"])
        _score_note(result, want, same.pop(0) if same else None, expected.get("format"))
    for label, left in notes.items():
        for note in left:
            result.stray_notes += 1
            result.problems.append(f"note {label!r} is not a note ({note.urls})")
    want_links = expected.get("links", [])
    result.links_expected = len(want_links)
    missing = [url for url in want_links if url not in links]
    result.links_found = len(want_links) - len(missing)
    result.problems += [f"body link {url} not found" for url in missing]
    reported = {d.label for d in document.diagnostics if d.label is not None}
    result.problems += [f"\\cite of missing key {key!r} not reported"
                        for key in expected.get("missing_keys", []) if key not in reported]
    return result


_ARXIV = "arxiv:"


_DOI_CHECKED = frozenset({"latex", "bibtex"})


def expected_urls(want: dict[str, Any], fmt: str | None = None) -> list[str]:
    """The addresses a note must be checked at: its ``urls``, then its arXiv id's and DOI's."""
    urls = list(want.get("urls", []))
    eprint = want.get("eprint", "")
    if eprint.lower().startswith(_ARXIV):
        arxiv = "https://arxiv.org/abs/" + eprint[len(_ARXIV):]
        if arxiv not in urls:
            urls.append(arxiv)
    # One DOI is one source whichever resolver spells it: a listed ``http://dx.doi.org/`` link
    # of the same DOI is where it is checked (README, "One DOI, one source").
    if want.get("doi") and want.get("kind") == "full" and fmt in _DOI_CHECKED and not any(
        (doi_of(url) or "").lower() == want["doi"].lower() for url in urls
    ):
        urls.append("https://doi.org/" + want["doi"])
    return urls


def _score_note(result: Score, want: dict[str, Any], got: Note | None, fmt: str | None) -> None:
    label, kind = want["label"], want["kind"]
    if "where" in want:
        label = f"{label} ({want['where']})"
    urls = expected_urls(want, fmt)
    result.notes_expected += 1
    result.urls_expected += len(urls)
    if kind == "ibid":
        result.ibid_expected += 1
    elif kind == "short":
        result.short_expected += 1
    if got is None:
        result.problems.append(f"note {label!r} not found")
        return
    label = want["label"] if "where" not in want else label
    result.notes_found += 1
    # Where the expectation lists the DOI's address among the URLs, it is compared with what is
    # checked (the URLs as written, then a DOI cited without a link); else with the URLs alone.
    checked = got.sources if fmt in _DOI_CHECKED else got.urls
    result.urls_exact += sum(1 for url in urls if url in checked)
    if list(checked) != list(urls):
        result.problems.append(f"note {label!r}: urls {list(checked)} != {urls}")
    if got.kind.value != kind:
        result.problems.append(f"note {label!r}: kind {got.kind.value} != {kind}")
    if kind in ("ibid", "short"):
        resolved = got.resolves_to == want.get("resolves_to")
        if kind == "ibid":
            result.ibid_resolved += resolved
        else:
            result.short_resolved += resolved
        if not resolved:
            result.problems.append(
                f"note {label!r}: resolves to {got.resolves_to!r} != {want.get('resolves_to')!r}"
            )
    if "doi" in want and got.citation.doi != want["doi"]:
        result.problems.append(f"note {label!r}: doi {got.citation.doi!r} != {want['doi']!r}")
    if "urldate" in want and got.citation.accessed != want["urldate"]:
        result.problems.append(
            f"note {label!r}: accessed {got.citation.accessed!r} != {want['urldate']!r}")


def iter_problems(scores: dict[str, Score]) -> Iterator[str]:
    """Every problem of every case, prefixed with the case name."""
    for name, item in scores.items():
        for problem in item.problems:
            yield f"{name}: {problem}"
