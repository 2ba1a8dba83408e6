"""The static hostile corpus (tests/data/hostile/): every reader gets through every file.

Each file is read as itself and as the other two formats: no exception, and a Document back.
The special files (FIFOs, devices, links out of the tree, sparse giants) are built at test time
in tests/collect/test_hostile_documents.py. The shapes that were quadratic are pinned below by
counting work, not by timing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.parse import claims, markdown, parse_document, text
from citecheck.parse.base import MAX_CLAIM

HOSTILE = Path(__file__).parents[1] / "data" / "hostile"
FILES = sorted(HOSTILE.iterdir())


def test_the_corpus_is_there() -> None:
    assert len(FILES) >= 10


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_reader_gets_through_every_hostile_file(path: Path, suffix: str) -> None:
    document = parse_document(path.read_text(encoding="utf-8"), path.stem + suffix)
    assert document.path == path.stem + suffix
    for note in document.notes:
        assert all(len(claim.text) <= MAX_CLAIM + 2 for claim in note.claims)


def test_a_sentence_of_many_markers_is_cut_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, int]] = []
    real = text._claim

    def counting(paragraph: str, span: tuple[int, int], runs: list[tuple[int, int]]) -> str:
        calls.append(span)
        return real(paragraph, span, runs)

    monkeypatch.setattr(text, "_claim", counting)
    document = parse_document("claim[1] " * 3000 + "\n\n[1] https://example.org/a\n", "x.txt")
    assert len(calls) == 1
    [note] = document.notes
    # main keeps a sentence that cites one note many times as that note's claim once (the
    # markers are all on line 1): one claim, not 3,000 copies of it.
    assert len(note.claims) == 1


def test_the_links_of_one_long_sentence_share_its_stripped_claim() -> None:
    claims.strip_text_markers.cache_clear()
    page = "<p>Claim " + " ".join(f"<a href='https://e.org/{i}'>x</a>" for i in range(500)) + "</p>"
    document = parse_document(page, "x.html")
    assert len(document.notes) == 500
    info = claims.strip_text_markers.cache_info()
    assert info.misses <= 2


def test_a_claim_without_sentence_ends_is_bounded() -> None:
    document = parse_document("word " * 5000 + "[1]\n\n[1] https://example.org/a\n", "x.txt")
    [claim] = document.notes[0].claims
    assert len(claim.text) <= MAX_CLAIM + 2 and claim.text.endswith(" …")


def test_markdown_with_too_many_brackets_is_read_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown, "_parser", None)  # calling the Markdown parser would fail
    # parse_document reads so many brackets in reduced mode first (test_reduced.py); the
    # reader's own bound still holds when it is called alone.
    found = markdown.read_markdown("[^" * (markdown.MAX_BRACKETS + 1) + "\n")
    assert found.diagnostics[0].code == "markdown-too-complex"
