"""The JSON report: citecheck's versioned contract with other programs.

The shape is described by ``schema/report.schema.json`` (JSON Schema 2020-12), shipped inside the
package and printed by ``citecheck schema``. ``schema_version`` changes only when a field is
removed or changes meaning; new fields may appear within a version, so consumers should ignore
keys they do not know. Every key is always present (``null`` when there is no value), and
``summary.counts`` lists all verdicts, zeros included, so consumers need no defaults.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from typing import Any

import orjson

from citecheck.models import (
    Diagnostic,
    DocumentResult,
    History,
    LinkResult,
    NoteResult,
    Policy,
    Report,
    Verdict,
)
from citecheck.report.scrub import scrub_report

SCHEMA_RESOURCE = "schema/report.schema.json"


def load_schema() -> dict[str, Any]:
    """The JSON Schema of the report, read from the installed package."""
    text = resources.files("citecheck.report").joinpath(SCHEMA_RESOURCE).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _verdicts(verdicts: frozenset[Verdict]) -> list[str]:
    # Declaration order, not set order: the output must be the same on every run.
    return [v.value for v in Verdict if v in verdicts]


def _policy(policy: Policy) -> dict[str, Any]:
    return {
        "fail_on": _verdicts(policy.fail_on),
        "warn_on": _verdicts(policy.warn_on),
        "max_failures": policy.max_failures,
        "confirm": policy.confirm,
        "fail_on_empty": policy.fail_on_empty,
    }


def _paged(found: dict[str, Any], page: int | None) -> dict[str, Any]:
    """Add ``page`` for a position in a PDF (its ``line`` then counts on that page)."""
    if page is not None:
        found["page"] = page
    return found


def _diagnostic(diagnostic: Diagnostic) -> dict[str, Any]:
    return _paged({
        "code": diagnostic.code,
        "message": diagnostic.message,
        "line": diagnostic.line,
        "label": diagnostic.label,
        "severity": diagnostic.severity,
    }, diagnostic.page)


def _filed(entry: dict[str, Any], file: str | None) -> dict[str, Any]:
    """A note's or claim's ``file`` (from the document's folder), when it is not the document
    itself: its ``line`` and ``column`` are that file's."""
    if file is not None:
        entry["file"] = file
    return entry


def _note(result: NoteResult) -> dict[str, Any]:
    note = result.note
    citation = note.citation
    return _filed(_paged({
        "label": note.label,
        "index": note.index,
        "line": note.line,
        "column": note.column,
        "kind": note.kind.value,
        "resolves_to": note.resolves_to,
        "text": note.text,
        "citation": {
            "authors": list(citation.authors),
            "title": citation.title,
            "container": citation.container,
            "date": citation.date,
            "accessed": citation.accessed,
            "doi": citation.doi,
        },
        "urls": list(note.urls),
        "url_locations": [
            {"url": span.url, "line": span.line, "column": span.column} for span in note.spans
        ],
        "url": result.url,
        "verdict": result.status.value,
        "http_status": result.http_status,
        "final_url": result.final_url,
        "archive_url": result.archive_url,
        "archive_timestamp": result.archive_timestamp,
        "archive_detail": result.archive_detail,
        "detail": result.detail,
        "gate": result.gate.value,
        "cached": result.cached,
        "history": _history(result.history),
        "unconfirmed": result.unconfirmed,
        "claims": [
            _filed(_paged({"line": claim.line, "column": claim.column, "text": claim.text},
                          claim.page), claim.file)
            for claim in note.claims
        ],
    }, note.page), note.file)


def _document(document: DocumentResult, lazy: bool = False) -> dict[str, Any]:
    found: dict[str, Any] = {
        "path": document.path,
        "format": document.format,
        "notes": _Lazy(document.notes, _note) if lazy else [_note(n) for n in document.notes],
        "diagnostics": [_diagnostic(d) for d in document.diagnostics],
    }
    if document.trend:  # only with the results cache, which remembers earlier runs
        found["trend"] = [
            {"at": p.at, "rotten": p.rotten, "ok": p.ok, "unverifiable": p.unverifiable}
            for p in document.trend
        ]
    return found


def _link(link: LinkResult) -> dict[str, Any]:
    return {
        "url": link.url,
        "verdict": link.status.value,
        "http_status": link.http_status,
        "final_url": link.final_url,
        "redirects": list(link.redirects),
        "title": link.title,
        "elapsed_ms": link.elapsed_ms,
        "attempts": link.attempts,
        "detail": link.detail,
        "archive_url": link.archive_url,
        "archive_timestamp": link.archive_timestamp,
        "archive_detail": link.archive_detail,
        "cached": link.cached,
        "history": _history(link.history),
    }


def _history(history: History | None) -> dict[str, Any] | None:
    if history is None:
        return None
    return {
        "failing_since": history.failing_since,
        "failed_checks": history.failed_checks,
        "confirmations": history.confirmations,
    }


class _Lazy(list):  # type: ignore[type-arg]
    """A list that the JSON encoder walks without it being held: each item is made when the
    encoder reaches it, and dropped once written.

    Only for :func:`json_pieces`'s encoder, which asks a list for its length and then
    iterates it; it is empty to anything else.
    """

    def __init__(self, items: Sequence[Any], make: Callable[[Any], Any]) -> None:
        super().__init__()
        self._items = items
        self._make = make

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Any]:
        return map(self._make, self._items)


def report_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON values (credentials masked), in the documented key order."""
    return _report_dict(report)


def _report_dict(report: Report, lazy: bool = False) -> dict[str, Any]:
    report = scrub_report(report)
    summary = report.summary
    counts = dict(summary.counts)
    return {
        "schema_version": report.schema_version,
        "citecheck_version": report.citecheck_version,
        "generated_at": report.generated_at,
        "summary": {
            "counts": {v.value: counts.get(v, 0) for v in Verdict},
            "notes": summary.notes,
            "body_links": summary.body_links,
            "empty_documents": summary.empty,
            "claims": summary.claims,
            "links": summary.links,
            "failed": summary.failed,
            "warned": summary.warned,
            "rescuable": summary.rescuable,
            "unconfirmed": summary.unconfirmed,
            "exit_code": int(summary.exit_code),
            "offline": report.offline,
        },
        "policy": _policy(report.policy),
        "documents": [_document(d, lazy) for d in report.documents],
        "links": _Lazy(report.links, _link) if lazy else [_link(k) for k in report.links],
    }


def format_json(report: Report) -> str:
    """The JSON report: indented by two, UTF-8 text kept as is, ending in a newline."""
    return "".join(json_pieces(report))


#: Encoded values joined into one piece of :func:`json_pieces` (a few tens of kB of text).
_PIECE = 256
_INDENT = "  "


def json_pieces(report: Report) -> Iterator[str]:
    """:func:`format_json`'s text in consecutive pieces, made as they are asked for.

    A note's values are built when the encoder reaches the note and dropped once it is
    encoded, so a large report never exists as a tree of dictionaries, nor as a list of a
    million small strings (``json.dumps`` with ``indent`` builds both), nor, when the pieces
    are written as they come, as one string.
    """
    batch: list[str] = []
    for part in _parts(_report_dict(report, lazy=True), "", 0):
        batch.append(part)
        if len(batch) >= _PIECE:
            yield "".join(batch)
            batch.clear()
    batch.append("\n")
    yield "".join(batch)


def _parts(value: Any, indent: str, depth: int) -> Iterator[str]:
    """``value`` as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it (at
    ``indent``), in parts: the outer levels and each item of a :class:`_Lazy` list apart, the
    rest of each value whole."""
    lazy = isinstance(value, _Lazy)
    if not (lazy or (depth < 3 and isinstance(value, dict | list) and value)):
        yield _encoded(value, indent)
        return
    inner = indent + _INDENT
    if isinstance(value, dict):
        yield "{"
        separator = "\n" + inner
        for key, item in value.items():
            yield separator + _key(key)
            yield from _parts(item, inner, depth + 1)
            separator = ",\n" + inner
        yield "\n" + indent + "}"
        return
    if not value:
        yield "[]"
        return
    yield "["
    separator = "\n" + inner
    for item in value:
        yield separator
        yield from ([_encoded(item, inner)] if lazy else _parts(item, inner, depth + 1))
        separator = ",\n" + inner
    yield "\n" + indent + "]"


def _encoded(value: Any, indent: str) -> str:
    """One value as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it at
    ``indent``, encoded by orjson (a note in microseconds; the standard library's encoder for
    ``indent`` is its pure-Python one before Python 3.13).

    orjson writes the same text for every kind of value the report holds (strings, integers,
    booleans, null, lists, string-keyed objects; the schema has no fractional numbers, where
    the two would differ in exponent notation). A value it refuses (a lone surrogate from an
    undecodable file name, an integer beyond 64 bits) is written by the standard library.
    A JSON string holds no raw line break, so indenting every line break indents the value.
    """
    try:
        text = orjson.dumps(value, option=orjson.OPT_INDENT_2).decode("utf-8")
    except TypeError:  # orjson.JSONEncodeError
        text = json.dumps(value, indent=2, ensure_ascii=False)
    return text.replace("\n", "\n" + indent) if indent else text


def _key(key: object) -> str:
    if not isinstance(key, str):  # every key of the report is a string
        raise TypeError(f"keys must be str, not {type(key).__name__}")
    return _string(key) + ": "


#: The standard library's string encoder for ``ensure_ascii=False`` (its C version when built).
_string: Callable[[str], str] = json.encoder.encode_basestring
