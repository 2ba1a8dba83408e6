"""The word lists that let most pages skip the wording patterns (not-found, bot challenge,
parked domain) are held to those patterns: every text a pattern matches holds one of them."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from citecheck.check import soft404, walls
from citecheck.check.soft404 import says_any


def _lines(source: str, flags: int, wrap: str = "{}") -> list[re.Pattern[str]]:
    """A verbose pattern's alternatives, one pattern per line that starts one ("|" or first)."""
    parts: list[str] = []
    for raw in source.strip().splitlines():
        line = raw.strip()
        if line.startswith("|") or not parts:
            parts.append(line.lstrip("|"))
        else:
            parts[-1] += "\n" + line
    return [re.compile(wrap.format(part), flags) for part in parts if part.strip()]


# Each line of the not-found patterns on its own, so that every alternative is generated.
def _alternatives(pattern: re.Pattern[str]) -> list[re.Pattern[str]]:
    inner = re.fullmatch(r"\s*\\b\(\?:(.*)\)\\b(.*)", pattern.pattern, re.DOTALL)
    assert inner is not None
    return [*_lines(inner.group(1), pattern.flags, r"\b(?:{})\b"),
            *_lines(inner.group(2), pattern.flags)]


_LISTS = [
    *((part, soft404._NOT_FOUND_WORDS) for part in _alternatives(soft404._NOT_FOUND)),
    *((part, soft404._NOT_FOUND_TEXT_WORDS)
      for part in _lines(soft404._NOT_FOUND_TEXT.pattern, soft404._NOT_FOUND_TEXT.flags)),
    *((pattern, walls._TEXT_SIGN_WORDS) for pattern, _, _ in walls._TEXT_SIGNS),
]


@pytest.mark.parametrize(("pattern", "words"), _LISTS)
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_every_match_holds_one_of_the_words(
    pattern: re.Pattern[str], words: tuple[str, ...], data: st.DataObject
) -> None:
    text = data.draw(st.from_regex(pattern))
    assert pattern.search(text)
    assert says_any(text, words), text


@settings(max_examples=60, deadline=None)
@given(st.from_regex(walls._PARKED_WORDING))
@example("This domain is for \u017fale")
@example("buy this domai\u0130n")  # not a match: the filter need not pass it, only not hide one
@example("BUY THIS DOMA\u0131N")
@example("make an offer on this domain \u212a")
@example("example.com is for sale")
def test_every_parked_wording_passes_the_filter(text: str) -> None:
    if walls._PARKED_WORDING.search(text):
        assert walls._may_be_parked(text), text


@pytest.mark.parametrize(
    "title",
    ["Page not found – Example", "404", "Oops!", "Seite nicht gefunden", "页面不存在",
     "Field Report 00012 on Security in the Sahel", "Sorry, this article is no longer available"],
)
def test_a_title_is_judged_as_by_the_pattern_alone(title: str) -> None:
    norm = walls.normalize_title(title)
    assert soft404._plain_not_found(title) == (
        bool(soft404._NOT_FOUND.search(norm))
        and not [w for w in soft404.content_words(soft404._NOT_FOUND.sub(" ", norm))
                 if w not in soft404._FILLER and not w.isdigit()]
    )
