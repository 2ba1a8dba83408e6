"""Marker → claim sentence: the one way every reader cuts the sentence a note supports.

A reader hands :class:`ClaimText` a block's plain text (and where markers were cut out of it);
``after(offset)`` is the sentence a marker supports, ``around(start)`` the one a body link sits in.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from citecheck.parse.deferred import regex
from citecheck.parse.sentences import split_sentences

__all__ = ["INVISIBLE", "ClaimText", "strip_text_markers", "visible"]

# Soft hyphens and zero-width characters: invisible on the page, noise in a claim or a URL.
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_HAS_INVISIBLE = regex("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# A space left before punctuation where a marker was cut out ("claim [^1]." → "claim.").
_PUNCT_AFTER_MARKER = frozenset(".,;:!?)]}»”’")
# A plain-text marker left in a claim that a link (not the marker) was cut from: "[3]", "[iv]".
_TEXT_MARKER = regex(r"\s*\[(?:\d{1,5}|[ivxlcdmIVXLCDM]{1,8})\]")


def visible(text: str) -> str:
    """``text`` without invisible characters.

    ``str.translate`` with a mapping looks up every character (slow on non-ASCII text); most
    text has nothing to drop, which one regex scan tells.
    """
    if text.isascii():  # a flag of the string: no scan
        return text
    return text.translate(INVISIBLE) if _HAS_INVISIBLE.search(text) else text


@lru_cache(maxsize=256)
def strip_text_markers(sentence: str) -> str:
    """A claim without plain-text note markers ("… 2030.[1]" → "… 2030.").

    Cached: the links of one long sentence all share it, and each would strip it again.
    """
    return " ".join(_TEXT_MARKER.sub("", sentence).split())


@dataclass(slots=True)
class ClaimText:
    """A block's plain text, split into sentences once, from which marker claims are cut.

    ``removed`` holds the offsets where a marker was taken out of the text, so that the space it
    leaves before punctuation can be closed up again.
    """

    text: str
    removed: Sequence[int] = ()
    breaks: Sequence[int] = ()  # offsets no sentence runs across (where a nested block sat)
    _spans: list[tuple[int, int]] | None = field(default=None, init=False)
    _starts: list[int] = field(default_factory=list, init=False)
    _cuts: list[int] = field(default_factory=list, init=False)
    _rendered: dict[int, str] = field(default_factory=dict, init=False)

    def _sentences(self) -> list[tuple[int, int]]:
        if self._spans is None:
            spans: list[tuple[int, int]] = []
            edges = [0, *sorted(self.breaks), len(self.text)]
            for begin, end in pairwise(edges):
                piece = self.text[begin:end]
                if not piece.strip():
                    continue
                found = [(begin + a, begin + b) for a, b in split_sentences(piece) if b > a]
                spans.extend(found or [(begin, end)])
            self._spans = spans
            self._starts = [a for a, _ in spans]
            self._cuts = sorted(self.removed)
        return self._spans

    def after(self, offset: int) -> str:
        """The sentence a marker at ``offset`` supports: the one begun before it.

        A marker follows its claim ("claim.[^1] Next", "claim. [1] Next"), so a marker between
        two sentences belongs to the one before.
        """
        spans = self._sentences()
        if not spans:
            return ""
        index = bisect_right(self._starts, offset - 1) - 1
        return self._render(max(index, 0))

    def around(self, start: int) -> str:
        """The sentence holding the text that begins at ``start`` (an inline link's text)."""
        spans = self._sentences()
        if not spans:
            return ""
        index = max(bisect_right(self._starts, start) - 1, 0)
        if spans[index][1] <= start and index + 1 < len(spans):
            # ``start`` falls in the gap after a sentence: the link opens the next one.
            index += 1
        return self._render(index)

    def _render(self, index: int) -> str:
        """Sentence ``index`` as a claim: markers' gaps closed, whitespace normalised."""
        done = self._rendered.get(index)
        if done is not None:
            return done
        start, end = self._spans[index] if self._spans else (0, 0)
        text = self.text
        cuts = self._cuts[bisect_right(self._cuts, start) : bisect_right(self._cuts, end - 1)]
        pieces: list[str] = []
        last = start
        for cut in cuts:
            piece = text[last:cut]
            following = text[cut : min(end, cut + 8)].lstrip()
            if following[:1] in _PUNCT_AFTER_MARKER and following:
                piece = piece.rstrip()
            pieces.append(piece)
            last = cut
        pieces.append(text[last:end])
        sentence = " ".join(visible("".join(pieces)).split())
        self._rendered[index] = sentence
        return sentence
