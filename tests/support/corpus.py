"""The corpus harness: each document in tests/data/<format>/ against its .expected.json.

An expected file is written by a person who read the document: for every note its label, kind
(full, ibid, short, comment), the note it points to and the full note it resolves to, its line,
its URLs and the body sentences that cite it; then the document's diagnostics. The harness parses
the document as the CLI reads it (bytes decoded as UTF-8, line endings as written), puts the
result in the same shape and, on a difference, shows both side by side as a unified diff of the
expected file's own layout. It never writes an expected file: a changed expectation is edited by
hand, after reading the document.
"""

from __future__ import annotations

import difflib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from citecheck.models import Document
from citecheck.parse import parse_document
from citecheck.parse.base import RawMarker, RawNote

DATA = Path(__file__).parents[1] / "data"
EXPECTED_SUFFIX = ".expected.json"
# The order of a note's fields in an expected file; the short ones share the first line.
_HEAD = ("label", "kind", "points_to", "resolves_to", "line")


@dataclass(frozen=True)
class Corpus:
    """One folder of documents of one format, each beside its expected file."""

    format: str  # text | markdown | html
    suffix: str  # the documents' file suffix, ".txt"
    # Known expectation the parser does not meet yet: case name -> why. Each is a strict xfail.
    known_wrong: Mapping[str, str]

    @property
    def folder(self) -> Path:
        """tests/data/<format>/."""
        return DATA / self.format

    def documents(self) -> list[Path]:
        """The documents, sorted by name."""
        return sorted(self.folder.glob(f"*{self.suffix}"))

    def names(self) -> list[str]:
        """The case names: the documents' stems."""
        return [path.stem for path in self.documents()]

    def expected_names(self) -> list[str]:
        """The stems of the expected files present."""
        return sorted(
            path.name.removesuffix(EXPECTED_SUFFIX)
            for path in self.folder.glob(f"*{EXPECTED_SUFFIX}")
        )

    def assert_complete(self, names: Sequence[str]) -> None:
        """Exactly these documents, each with its expectation; known-wrong ones among them."""
        assert self.names() == list(names)
        assert self.expected_names() == list(names)
        assert set(self.known_wrong) <= set(names)

    def cases(self) -> list[Any]:
        """The documents as pytest parameters, ids by stem, known-wrong ones as strict xfails."""
        return [
            pytest.param(
                path,
                id=path.stem,
                marks=[pytest.mark.xfail(strict=True, reason=self.known_wrong[path.stem])]
                if path.stem in self.known_wrong
                else [],
            )
            for path in self.documents()
        ]


def read_document(path: Path) -> str:
    """The document's text as the CLI reads it: bytes decoded, CRLF reaching the parser."""
    return path.read_bytes().decode("utf-8")


def expected_of(path: Path) -> dict[str, Any]:
    """The hand-written expectation beside ``path``."""
    data: dict[str, Any] = json.loads(
        path.with_name(path.stem + EXPECTED_SUFFIX).read_text(encoding="utf-8")
    )
    return data


def summarise(document: Document) -> dict[str, Any]:
    """A parsed document in the shape of an expected file."""
    return {
        "format": document.format,
        "notes": [
            {
                "label": note.label,
                "kind": note.kind.value,
                "points_to": note.points_to,
                "resolves_to": note.resolves_to,
                "line": note.line,
                "urls": list(note.urls),
                "claims": [{"line": c.line, "text": c.text} for c in note.claims],
            }
            for note in document.notes
        ],
        "diagnostics": [
            {"code": d.code, "label": d.label, "line": d.line} for d in document.diagnostics
        ],
    }


def summarise_raw(notes: Sequence[RawNote], markers: Iterable[RawMarker]) -> dict[str, Any]:
    """A format reader's raw output in the expected file's shape, as far as a reader knows it.

    A reader sees labels, lines, markup links and claim sentences; kinds, resolution and
    repaired URLs come later, so those fields are left out (and dropped from the expectation).
    """
    claims: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for marker in markers:
        claims[marker.label].append({"line": marker.line, "text": marker.sentence})
    return {
        "notes": [
            {"label": n.label, "line": n.line, "hrefs": list(n.hrefs), "claims": claims[n.label]}
            for n in notes
        ]
    }


def parse_as_cli(path: Path) -> Document:
    """Parse ``path`` as the CLI does: its text, and the format told by its name and content."""
    return parse_document(read_document(path), str(path))


def assert_document_matches(path: Path) -> None:
    """Parse ``path`` and compare its format, notes and diagnostics with its expectation."""
    document = parse_as_cli(path)
    assert_same(expected_of(path), summarise(document), path)


def assert_reader_matches(path: Path, raw: tuple[list[RawNote], list[RawMarker]]) -> None:
    """A reader's raw notes and claims against the expectation; markup links must be its URLs.

    The URLs a note ends with may add some the reader did not see as links (written out in the
    text) and repair others, so a raw ``href`` only has to be among the expected URLs.
    """
    notes, markers = raw
    expected = expected_of(path)
    got = summarise_raw(notes, markers)
    hrefs = {n["label"]: n.pop("hrefs") for n in got["notes"]}
    want = {
        "notes": [
            {"label": e["label"], "line": e["line"], "claims": e["claims"]}
            for e in expected["notes"]
        ]
    }
    assert_same(want, got, path)
    for entry in expected["notes"]:
        stray = set(hrefs[entry["label"]]) - set(entry["urls"])
        assert not stray, f"{path.name}: note {entry['label']} links {sorted(stray)}"


def assert_same(expected: dict[str, Any], got: dict[str, Any], path: Path) -> None:
    """Equal, or fail with a unified diff in the expected file's own layout."""
    if got == expected:
        return
    diff = difflib.unified_diff(
        render(expected).splitlines(),
        render(got).splitlines(),
        f"{path.stem}{EXPECTED_SUFFIX}",
        "parsed",
        lineterm="",
    )
    raise AssertionError(f"{path.name} differs from its expectation:\n" + "\n".join(diff))


def render(summary: Mapping[str, Any]) -> str:
    """A summary in the layout of the expected files: one note per block, one claim a line."""
    out = ["{"]
    if "format" in summary:
        out.append(f'  "format": {_json(summary["format"])},')
    out.append('  "notes": [')
    notes = [_render_note(note) for note in summary["notes"]]
    out.append(",\n".join(notes))
    out.append("  ]" + ("," if "diagnostics" in summary else ""))
    if "diagnostics" in summary:
        rows = [f"    {_json(d)}" for d in summary["diagnostics"]]
        out.append('  "diagnostics": [' + ("\n" + ",\n".join(rows) + "\n  ]" if rows else "]"))
    out.append("}")
    return "\n".join(out) + "\n"


def _render_note(note: Mapping[str, Any]) -> str:
    head = ", ".join(f"{_json(k)}: {_json(note[k])}" for k in _HEAD if k in note)
    lines = ["    {", f"      {head},"]
    rest = [k for k in note if k not in _HEAD]
    for i, key in enumerate(rest):
        comma = "," if i < len(rest) - 1 else ""
        value = note[key]
        if key == "claims" and value:
            rows = ",\n".join(f"        {_json(c)}" for c in value)
            lines.append(f'      "claims": [\n{rows}\n      ]{comma}')
        else:
            lines.append(f"      {_json(key)}: {_json(value)}{comma}")
    lines.append("    }")
    return "\n".join(lines)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
