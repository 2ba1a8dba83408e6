"""Speed shortcuts of the parse (issue #11) give exactly what the slower way they replace gives.

Each shortcut is held to the plain formulation it stands for, on generated input that leans on
its edge cases (case folding beyond ASCII, whitespace other than spaces, parts read twice).
"""

from __future__ import annotations

import io
import re
import zipfile

from hypothesis import example, given, settings
from hypothesis import strategies as st

from citecheck.models import DocumentFormat
from citecheck.parse import parse_document
from citecheck.parse.docx import read_xml
from citecheck.parse.docx.reduced import package_too_dense
from citecheck.parse.html.links import _MAY_HOLD_URL, _may_hold_url
from citecheck.parse.inline import _CITABLE, _SHARE_INTENT, is_citable_href
from citecheck.parse.reduced import MAX_WORK, too_dense, work_estimate
from citecheck.parse.sentences import split_sentences

# Characters that fold, or nearly fold, onto the letters the shortcuts look for.
_FOLDING = "dDoOiIıİwW.:/10239 xK\u212aſshareintent&?=-"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_FOLDING, max_size=12) | st.text(max_size=40))
@example("see the doı record")  # dotless i: the pattern folds it to "i", lower() does not
@example("DOİ 5")
@example("WwW.example")
@example("10.\u0663")  # an Arabic-Indic digit is a digit to \d
@example("10.x")
def test_may_hold_url_is_the_case_insensitive_pattern(text: str) -> None:
    assert _may_hold_url(text) == (_MAY_HOLD_URL.search(text) is not None)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["https://", "HTTP://", "ftp://", "doi: 10.", "mailto:", "https:// "]),
    st.text(alphabet=_FOLDING + "abcxyz.com", max_size=40),
)
def test_citable_href_is_the_two_patterns(scheme: str, rest: str) -> None:
    href = scheme + rest
    plain = href.strip()
    expected = _CITABLE.match(plain) is not None and _SHARE_INTENT.search(plain) is None
    assert is_citable_href(href) == expected


def test_share_buttons_are_still_not_sources() -> None:
    for href in ("https://twitter.com/intent/tweet?url=x", "HTTPS://WWW.FACEBOOK.COM/SHARER/",
                 "https://wa.me/?text=x", "https://example.org/share?url=y",
                 "https://x.com/\u017fhare?url=z"):  # "ſ" folds to "s" in the pattern
        assert not is_citable_href(href), href
    assert is_citable_href("https://example.org/shared-memory.pdf")


_WHITESPACE = re.compile(r"\s")


def _split_by_loop(text: str) -> list[tuple[int, int]]:
    """The sentence splitter with its original backward scan, character by character."""
    from citecheck.parse import sentences as module

    spans: list[tuple[int, int]] = []
    start = 0
    for brk in module._PARAGRAPH_BREAK.finditer(text):
        _paragraph_by_loop(text, start, brk.start(), spans)
        start = brk.end()
    _paragraph_by_loop(text, start, len(text), spans)
    return spans


def _paragraph_by_loop(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    from citecheck.parse import sentences as module

    sentence_start = start
    for match in module._BOUNDARY.finditer(text, start, end):
        following = match.group(1)
        if following.islower():
            continue
        cut, dot = match.end(), match.start()
        if text[dot] == "." and not text.startswith("..", dot):
            begin = dot
            while begin > sentence_start and not text[begin - 1].isspace():
                begin -= 1
            word = text[begin:dot]
            if begin < dot and not module._is_unit(text, sentence_start, begin, word) and (
                module._is_abbreviation(word, following)
            ):
                continue
        module._add(text, sentence_start, cut, spans)
        sentence_start = cut
    module._add(text, sentence_start, end, spans)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "U.S.", "e.g.", "Mr.", "J.", "p.", "4.", "Claim", "it", " ", "\n", "\t", "\u00a0", "\u2028",
    "\u00ad", ". ", "[1]", "“", "”", "No.", "K.", "0.01", "1999.", "x.y", "..", "A"]), max_size=30))
def test_sentences_find_the_word_before_a_period_as_the_loop_did(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert split_sentences(text) == _split_by_loop(text)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 30), st.integers(0, 30), st.sampled_from(["text", "markdown", "html"]))
def test_too_dense_agrees_with_the_work_estimate(dense: int, extra: int, fmt: str) -> None:
    # Around the bound, with superscripts (counted only when the byte excess could tip it).
    kind = DocumentFormat(fmt)
    base = "[" * (MAX_WORK - 15) + "x" * 25_000
    text = base + "¹" * dense + "é" * extra
    reason = too_dense(text, kind)
    assert (reason is not None) == (work_estimate(text, kind) > MAX_WORK)


class _CountingFolder:
    def __init__(self, files: dict[str, str]) -> None:
        self.files = files
        self.asked: list[str] = []

    def read(self, name: str) -> str | None:
        self.asked.append(name)
        return self.files.get(name)

    def names(self, suffix: str) -> list[str]:
        return sorted(n for n in self.files if n.endswith(suffix))


def test_a_preamble_file_is_read_from_the_folder_once() -> None:
    folder = _CountingFolder({
        "macros.tex": "\\DeclareCiteCommand{\\citeonline}{}{}{}{}\n",
        "refs.bib": "@misc{site, title = {A site}, howpublished = {\\url{https://s.example/}}}",
    })
    text = ("\\documentclass{article}\n\\input{macros}\n\\begin{document}\n"
            "Online \\citeonline{site}.\n\\bibliography{refs}\n\\end{document}\n")
    document = parse_document(text, "paper/main.tex", folder=folder)
    assert [n.label for n in document.notes] == ["site"]
    assert folder.asked.count("macros.tex") == 1


def test_a_part_inflated_by_the_guard_is_parsed_from_those_bytes() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", "<doc><p>one</p></doc>")
    package = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    inflated: dict[str, bytes] = {}
    assert package_too_dense(package, ["word/document.xml"], inflated) is None
    assert inflated == {"word/document.xml": b"<doc><p>one</p></doc>"}
    inflated["word/document.xml"] = b"<doc><p>kept</p></doc>"  # read from here, not the ZIP
    assert read_xml(package, "word/document.xml", inflated).findtext("p") == "kept"
    assert inflated == {}  # handed over once, then let go
    assert read_xml(package, "word/document.xml", inflated).findtext("p") == "one"


def test_chrome_selectors_asked_by_attribute_fence_what_the_whole_list_does() -> None:
    from pathlib import Path

    from selectolax.lexbor import LexborHTMLParser

    from citecheck.parse.html.links import (
        _CHROME_BY_ATTRIBUTE,
        _CHROME_SELECTOR,
        _CONTENT_SELECTOR,
        _fenced,
    )
    from citecheck.parse.html.page import _Page
    from citecheck.parse.html.source import _Source

    grouped = [s for group in _CHROME_BY_ATTRIBUTE.values() for s in group.split(", ")]
    assert sorted(grouped) == sorted(_CHROME_SELECTOR.split(", "))
    pages = [
        "<p><a href='https://a.example/'>a</a></p><nav><a href='/x'>x</a></nav>",
        "<div id='comments'><a href='https://b.example/'>b</a></div><p>t</p>",
        "<div role='search'><a href='https://c.example/'>c</a></div>",
        "<div class='toc'><a href='https://d.example/'>d</a></div><main>m</main>",
        "<blockquote><p>q</p><footer><a href='https://e.example/'>e</a></footer></blockquote>"
        "<footer><a href='/f'>f</a></footer>",
        *(p.read_text(errors="replace") for p in sorted(Path("tests/data").rglob("*.htm*"))
          if "hostile" not in p.parts and p.stat().st_size < 300_000),
    ]
    for html in pages:
        tree = LexborHTMLParser(html)
        content = {node.mem_id for node in tree.css(_CONTENT_SELECTOR)}
        whole = {node.mem_id for node in tree.css(_CHROME_SELECTOR)} - content
        # A quotation's own <footer> (its attribution) is content, whichever list is asked.
        whole -= {node.mem_id for node in tree.css("blockquote > footer")}
        whole.update(node.mem_id for node in tree.css("head"))
        assert _fenced(_Page(_Source(html, tree), tree)) == whole


# --------------------------------------------------------------------------- fifth round

_SPACES = "a b\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2028\u2029\u202f\u3000\u200b"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_SPACES, max_size=30) | st.text(max_size=30))
def test_split_join_is_the_whitespace_regex(text: str) -> None:
    """Claims and diagnostics' context normalise whitespace with split/join: the very
    characters ``\\s`` matches, and strip() takes off the same ones."""
    assert " ".join(text.split()) == re.sub(r"\s+", " ", text).strip()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="doiDOIıİ: x", max_size=12) | st.text(max_size=30))
@example("see DOİ: 10.1/x")
@example("doı:10.1/x")
def test_doi_word_shortcut_is_the_pattern(text: str) -> None:
    """``_citation`` runs its case-insensitive "doi:" pattern only where "doi" is in the
    lower-cased text or the text is beyond ASCII (where the pattern folds "ı" and "İ")."""
    from citecheck.parse.base import _DOI_WORD

    shortcut = ("doi" in text.lower() or not text.isascii()) and _DOI_WORD.search(text)
    assert bool(shortcut) == (_DOI_WORD.search(text) is not None)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="\u00ad\u200b\u200c\u200d\u2060\ufeffab ", max_size=12)
       | st.text(max_size=30))
def test_visible_of_ascii_is_the_text(text: str) -> None:
    from citecheck.parse.claims import INVISIBLE, visible

    assert visible(text) == text.translate(INVISIBLE)


def test_a_large_document_repairs_each_url_once() -> None:
    """A large HTML page's links and their visible text are one URL each: the repair cache
    holds them all (4,500 here, more than the 4,096 it held before), so each link finds the
    repair of its written URL."""
    from citecheck.parse.urls import repair_url

    urls = [f"https://example.org/reports/{i}/full-text.html" for i in range(4500)]
    notes = "\n".join(f'<li id="fn{i}"><a href="{u}">{u}</a></li>' for i, u in enumerate(urls))
    body = "\n".join(f'<p>Claim {i}.<sup><a href="#fn{i}">{i}</a></sup></p>'
                     for i in range(4500))
    repair_url.cache_clear()
    document = parse_document(f"<html><body>{body}<ol>{notes}</ol></body></html>", "x.html",
                              DocumentFormat.HTML)
    assert [note.urls for note in document.notes] == [(u,) for u in urls]
    info = repair_url.cache_info()
    assert info.misses <= len(urls) + 10 and info.hits >= len(urls)


_HEADING_TEXT = "NotesReferncsBiblgraphyWkCtdLsSigla ıİſ\u212a*_:#\t\u00a0/1.Ae[edit]"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_HEADING_TEXT, max_size=30) | st.text(max_size=30))
@example("Notes")
@example("N OTES **:")
@example("Prior Art / References ##")
@example("Works cıted")  # dotless i: the pattern folds it to "i"
@example("SOURCES\u00a0:")
@example("bibliography\u212a")
@example("References[edit]")  # a printed wiki page keeps its edit link
@example("Literaturverzeichnis")
@example("3. Références bibliographiques")
@example("Список литературы")
@example("Fußnoten:")
@example("  External Links [ Edit source ] ")
@example("Notes [edit] ]")
def test_heading_shortcut_is_the_pattern(line: str) -> None:
    """The text reader asks its notes-heading pattern only of lines that end as a name does."""
    from citecheck.parse.text.entries import _HEADING, _heading

    fast, slow = _heading(line), _HEADING.match(line)
    assert (fast is None) == (slow is None)
    assert fast is None or slow is None or fast.groupdict() == slow.groupdict()


def test_newlines_untouched_without_carriage_return() -> None:
    from citecheck.parse.names import normalise_newlines

    assert normalise_newlines("a\r\nb\rc\n") == "a\nb\nc\n"
    assert normalise_newlines("a\nb") == "a\nb"
