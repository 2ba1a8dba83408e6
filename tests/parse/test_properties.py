"""Property tests: the parser never raises, repair is idempotent, rendering round-trips."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.models import Note, NoteKind
from citecheck.parse import parse_document
from citecheck.parse.sentences import split_sentences
from citecheck.parse.text import read_text
from citecheck.parse.urls import extract_urls, repair_url
from citecheck.report.scrub import mask_text, mask_url

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that real documents are made of, so random text reaches the interesting branches.
TEXT_PIECES = [
    "Notes", "References:", "## Sources", "Bibliography", "\n", "\n\n", " ", ". ", ", ",
    "[i]", "[ii]", "[12]", "[^3]", "[1, 2]", "[1–3]", "[sic]", "¹", "²³", "¹,²", "1. ", "2) ",
    "^4 ", "[iv] ", "Ibid.", "ibid. 23", "Ibid", "“", "”", '"', "‘", "’", "(", ")", "<", ">",
    "https://", "https://example.org/a-", "b/c", "www.", "doi:10.1000/", "10.1234/x", "http://dx.doi.org/",
    "Smith, John. ", "Smith 2010, 4.", "(Smith 2010)", "Smith (2010)", "“A Title,” ",
    "U.N.", "e.g.", "Mr.", "et al.", "p. 4", "2020", "March 3, 2020", "accessed May 4, 2021",
    "land.1 Next", "km²", "\t", "    ", "\r\n", "\ufeff", "é", "—", "…", "#", "-", "/", "_",
]  # fmt: skip
HTML_PIECES = [
    "<!doctype html>", "<html>", "<body>", "<p>", "</p>", "<sup>", "</sup>", '<a href="#fn1">',
    '<a href="https://example.org/x">', "</a>", '<li id="fn1">', "<ol>", "</ol>", "<div>",
    "</div>", "&amp;", "&nbsp;", "<script>x</script>", "<!-- c -->", "<br>", "[1]", "Notes",
    '<sup class="reference"><a href="#cite_note-1">[1]</a></sup>', '<ol class="references">',
]  # fmt: skip
MARKDOWN_PIECES = [
    "[^1]", "[^1]: ", "[^note]", "^[inline]", "[text](https://example.org/a)", "[ref][1]",
    "[1]: https://example.org/r \"T\"", "<https://example.org/auto>", "# ", "> ", "- ", "* ",
    "```\n", "`code`", "---\ntitle: x\n---\n", "| a | b |\n|---|---|\n", "    indented\n",
]  # fmt: skip


def pieces(options: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(options) | st.text(max_size=8), max_size=60).map("".join)


@FAST
@given(st.text(max_size=400),
       st.sampled_from([None, "text", "markdown", "html", "latex", "bibtex", "rst"]))
def test_parse_document_never_raises_on_arbitrary_text(text: str, fmt: str | None) -> None:
    document = parse_document(text, "doc", fmt)
    assert document.format in ("text", "markdown", "html", "latex", "bibtex", "rst")
    assert fmt is None or document.format == fmt


LATEX_PIECES = ["\\cite{", "\\footnote{", "\\url{", "\\href{", "}", "{", "%", "\\", "[",
                "]", "\\begin{verbatim}", "\\end{verbatim}", "\\input{", "@misc{k,",
                "url={", "doi=", "https://x.example/", ".. [#]", "[#]_", "`x <", ">`_", "\n"]


@FAST
@given(pieces(LATEX_PIECES), st.sampled_from(["latex", "bibtex", "rst"]))
def test_latex_bibtex_rst_readers_never_raise(text: str, fmt: str) -> None:
    document = parse_document(text, "doc", fmt)
    for note in document.notes:
        assert note.label and note.line >= 1


@FAST
@given(pieces(TEXT_PIECES))
def test_parse_document_never_raises_on_text_like_input(text: str) -> None:
    document = parse_document(text, "doc.txt")
    for note in document.notes:
        assert note.kind in NoteKind
        if note.kind in (NoteKind.IBID, NoteKind.SHORT):
            assert note.urls == ()
        assert all(url == repair_url(url) for url in note.urls)


@FAST
@given(pieces(HTML_PIECES + TEXT_PIECES))
def test_parse_document_never_raises_on_html_like_input(text: str) -> None:
    parse_document(text, "page.html")
    parse_document("<!doctype html>" + text)


@FAST
@given(pieces(MARKDOWN_PIECES + TEXT_PIECES))
def test_parse_document_never_raises_on_markdown_like_input(text: str) -> None:
    parse_document(text, "doc.md")


@FAST
@given(pieces(TEXT_PIECES))
def test_repair_url_is_idempotent(text: str) -> None:
    once = repair_url(text)
    assert repair_url(once) == once


@FAST
@given(pieces(TEXT_PIECES))
def test_extracted_urls_are_already_repaired(text: str) -> None:
    for url in extract_urls(text):
        assert repair_url(url) == url
        assert not any(ch.isspace() for ch in url)


@FAST
@given(pieces(TEXT_PIECES))
def test_sentence_spans_are_ordered_trimmed_and_disjoint(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end


@FAST
@given(pieces(TEXT_PIECES))
def test_read_text_positions_are_inside_the_document(text: str) -> None:
    notes, markers, _ = read_text(text)
    line_count = len(re.split(r"\r\n?|\n", text))
    for item in (*notes, *markers):
        assert 1 <= item.line <= line_count + 1
        assert item.column >= 1


# --------------------------------------------------------------------------- round trip

WORDS = st.sampled_from(
    ["water", "debt", "drought", "finance", "aid", "mission", "peace", "coup", "market", "trade"]
)
SURNAMES = st.sampled_from(["Smith", "Okafor", "Diallo", "Nguyen", "García", "Keita", "Moreau"])
SLUGS = st.lists(st.sampled_from(["a", "report", "2021", "mali", "data", "x_1"]), min_size=1,
                 max_size=4).map("-".join)  # fmt: skip


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[tuple[str, str, tuple[str, ...], str | None]]]:
    """A plain-text document and, for each note, (label, kind, urls, resolves_to)."""
    count = draw(st.integers(min_value=1, max_value=12))
    roman = draw(st.booleans())
    labels = [_roman(i) if roman else str(i) for i in range(1, count + 1)]
    notes: list[str] = []
    expected: list[tuple[str, str, tuple[str, ...], str | None]] = []
    full_before = False
    root: str | None = None
    for label in labels:
        if full_before and draw(st.integers(0, 3)) == 0:
            notes.append("Ibid.")
            expected.append((label, "ibid", (), root))
            continue
        author = draw(SURNAMES)
        title = " ".join(draw(st.lists(WORDS, min_size=3, max_size=6))).capitalize()
        url = f"https://example.org/{label}/{draw(SLUGS)}"
        notes.append(f"{author}, Jane. “{title} {label},” Review, March 3, 2020. {url}")
        expected.append((label, "full", (url,), None))
        full_before, root = True, label
    body = " ".join(
        f"Claim {i} holds for {draw(WORDS)} and {draw(WORDS)}.[{label}]"
        for i, label in enumerate(labels, start=1)
    )
    section = "\n\n".join(f"[{label}] {text}" for label, text in zip(labels, notes, strict=True))
    return f"Title\n\n{body}\n\nNotes\n\n{section}\n", expected


def _roman(value: int) -> str:
    numerals = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = ""
    for amount, numeral in numerals:
        while value >= amount:
            out += numeral
            value -= amount
    return out


@FAST
@given(documents())
def test_rendered_document_parses_to_its_notes(
    case: tuple[str, list[tuple[str, str, tuple[str, ...], str | None]]],
) -> None:
    text, expected = case
    document = parse_document(text, "doc.txt")
    got = [(n.label, n.kind.value, n.urls, n.resolves_to) for n in document.notes]
    assert got == expected
    for index, note in enumerate(document.notes, start=1):
        assert [c.text.split(" holds")[0] for c in note.claims] == [f"Claim {index}"]
    assert document.diagnostics == ()


@FAST
@given(documents())
def test_reparsing_a_rerendering_gives_the_same_notes(
    case: tuple[str, list[tuple[str, str, tuple[str, ...], str | None]]],
) -> None:
    text, _ = case
    first = parse_document(text, "doc.txt")
    body = " ".join(f"{c.text}[{n.label}]" for n in first.notes for c in n.claims)
    section = "\n\n".join(f"[{n.label}] {n.text}" for n in first.notes)
    second = parse_document(f"{body}\n\n{section}\n", "again.txt")

    def claims(note: Note) -> list[str]:
        return [c.text for c in note.claims]

    def key(notes: tuple[Note, ...]) -> list[tuple[object, ...]]:
        return [
            (n.label, n.kind, n.urls, n.resolves_to, n.points_to, n.citation, *claims(n))
            for n in notes
        ]

    assert key(second.notes) == key(first.notes)


# --------------------------------------------------------------------------- hostile input
# The readers on input shaped to hurt them (deep nesting, unclosed constructs, long runs), and
# the maskers on secrets hidden in every place a URL can carry one.

HOSTILE_PIECES = [
    "<div>", "<div/>", "</div>", "<b><i>", "</b></i>", "<!--", "-->", "<script>", "</script>",
    "<a href='", "'>", "<li>", "<p>", "<table><tr><td>", "[", "]", "(", ")", "[^", "]:", ">",
    "```", "`", "*", "_", "\\", "&#", "&amp", "\x00", "\u202e", "\u200b", "\r", "\n\n",
    "[1]", "[1]" * 20, "https://", "http://u:p@h/", "?token=", "#", "=", "&", "%", "@",
]  # fmt: skip


@FAST
@given(
    st.lists(st.sampled_from(HOSTILE_PIECES), max_size=200).map("".join)
    | st.tuples(st.sampled_from(HOSTILE_PIECES), st.integers(0, 3000)).map(lambda p: p[0] * p[1]),
    st.sampled_from(["x.txt", "x.md", "x.html"]),
)
def test_every_reader_survives_hostile_shapes(text: str, path: str) -> None:
    document = parse_document(text, path)
    for note in document.notes:
        assert all(url == repair_url(url) for url in note.urls)


SECRET = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ23456789", min_size=8, max_size=24)
SECRET_NAMES = st.sampled_from([
    "token", "access_token", "api_key", "apikey", "access_key", "private_key", "accesskey",
    "jwt", "client_secret", "X-Amz-Signature", "password", "PASSWORD", "sessionid", "sig",
])  # fmt: skip
HOSTS = st.sampled_from(
    ["example.org", "a.b.example", "127.0.0.1:8080", "[::1]", "xn--bcher-kva.ch"]
)
NOISE = st.text(alphabet="abcxyz01-._~/", max_size=12)  # no character a secret can hold


@st.composite
def urls_with_a_secret(draw: st.DrawFn) -> tuple[str, list[str]]:
    secret = draw(SECRET)
    where = draw(st.sampled_from(["userinfo", "password-with-at", "query", "fragment"]))
    host, noise = draw(HOSTS), draw(NOISE)
    name = draw(SECRET_NAMES)
    if where == "userinfo":
        url = f"https://{secret}@{host}/{noise}"
    elif where == "password-with-at":
        url = f"http://user:{secret[:4]}@{secret[4:]}@{host}/{noise}"
    elif where == "query":
        url = f"https://{host}/{noise}?page=2&{name}={secret}&q={noise}"
    else:
        url = f"https://{host}/{noise}#state=1&{name}={secret}"
    parts = [secret[:4], secret[4:]] if where == "password-with-at" else [secret]
    return url, parts


@FAST
@given(
    urls_with_a_secret(),
    st.sampled_from(["", "see ", "(", "<", "archived at https://web.archive.org/web/2020/"]),
    st.sampled_from(["", ".", ")", ">", " today", ","]),
)
def test_masked_output_never_contains_the_secret(
    case: tuple[str, list[str]], before: str, after: str
) -> None:
    url, secrets = case
    for secret in secrets:
        assert secret not in mask_url(url)
        assert secret not in mask_text(before + url + after)
    assert mask_url(mask_url(url)) == mask_url(url)


@FAST
@given(st.text(max_size=200))
def test_maskers_never_raise_and_are_idempotent(text: str) -> None:
    assert mask_text(mask_text(text)) == mask_text(text)
    assert mask_url(mask_url(text)) == mask_url(text)
