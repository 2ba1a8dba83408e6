"""Inline disable comments: the lines of a document whose notes citecheck leaves unchecked.

As markdown-link-check does, in Markdown and HTML (the comments are HTML comments)::

    <!-- citecheck-disable-next-line -->   the line after the comment
    <!-- citecheck-disable-line -->        the comment's own line
    <!-- citecheck-disable -->             from here ...
    <!-- citecheck-enable -->              ... to here (or to the end of the document)

A pure pre-pass over the raw text: it returns line ranges, and the pipeline marks the notes on
those lines as skipped ("disabled by a comment") after parsing, whatever the reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.models import Note
from citecheck.parse.deferred import regex

_COMMENT = regex(
    r"<!--\s*citecheck-(disable-next-line|disable-line|disable|enable)\s*-->", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Disabled:
    """The 1-based, inclusive line ranges a document's comments disable."""

    ranges: tuple[tuple[int, int], ...] = ()

    def __contains__(self, line: object) -> bool:
        return isinstance(line, int) and any(a <= line <= b for a, b in self.ranges)

    def __bool__(self) -> bool:
        return bool(self.ranges)

    def covers(self, note: Note) -> bool:
        """Whether ``note`` is disabled: its own line is, or every claim marker citing it is."""
        if note.line in self:
            return True
        return bool(note.claims) and all(claim.line in self for claim in note.claims)


def disabled_lines(text: str) -> Disabled:
    """The line ranges the disable comments in ``text`` cover."""
    if "citecheck-" not in text:  # the common case: no comment, no regex over the text
        return Disabled()
    ranges: list[tuple[int, int]] = []
    open_from: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _COMMENT.finditer(line):
            word = match.group(1).lower()
            if word == "disable-next-line":
                ranges.append((number + 1, number + 1))
            elif word == "disable-line":
                ranges.append((number, number))
            elif word == "disable":
                if open_from is None:
                    open_from = number
            elif open_from is not None:  # enable
                ranges.append((open_from, number))
                open_from = None
    if open_from is not None:
        ranges.append((open_from, max(open_from, len(text.splitlines()))))
    return Disabled(tuple(sorted(ranges)))
