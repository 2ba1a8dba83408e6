"""What the plain-style paths of the Markdown and HTML readers share.

A Markdown file or HTML page without note markup is rendered to text and read by the plain-text
reader; the notes it finds are then regions of the rendered text (or of its lines), and a link
inside a region belongs to that note, a link outside any is a body link.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["NoteRegions"]


@dataclass(frozen=True, slots=True)
class NoteRegions:
    """Half-open spans ``[starts[i], ends[i])``, one per note, in order and not overlapping."""

    starts: Sequence[int]
    ends: Sequence[int]

    def holding(self, position: int) -> int | None:
        """The index of the region holding ``position``, or None when it is in none."""
        region = bisect_right(self.starts, position) - 1
        return region if region >= 0 and position < self.ends[region] else None
