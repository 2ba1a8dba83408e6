"""Notes written as CSL-JSON (an EIP's ```csl-json footnotes): read as the citation they are."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.models import DocumentFormat, NoteKind
from citecheck.parse import parse_document
from citecheck.parse.csljson import csl_note

_ITEM = {
    "type": "article",
    "id": 1,
    "author": [{"family": "Turing", "given": "A.M."}],
    "DOI": "10.1093/mind/LIX.236.433",
    "title": "Computing Machinery and Intelligence.",
    "container-title": "Mind",
    "issued": {"date-parts": [[1950, 10]]},
    "URL": "https://doi.org/10.1093/mind/LIX.236.433",
}


def _fenced(item: dict[str, object], indent: str = "    ") -> str:
    body = json.dumps(item, indent=2).replace("\n", "\n" + indent)
    return f"{indent}```csl-json\n{indent}{body}\n{indent}```\n"


def test_an_item_is_read_as_its_citation() -> None:
    found = csl_note(json.dumps(_ITEM))
    assert found is not None
    assert found.urls == ("https://doi.org/10.1093/mind/LIX.236.433",)
    assert found.citation is not None
    assert found.citation.authors == ("Turing, A.M.",)
    assert found.citation.title == "Computing Machinery and Intelligence."
    assert found.citation.container == "Mind"
    assert found.citation.date == "1950-10"
    assert found.citation.doi == "10.1093/mind/LIX.236.433"
    assert found.text.startswith("Turing, A.M. “Computing Machinery and Intelligence”. Mind.")


def test_json_that_is_no_csl_item_is_not_a_citation() -> None:
    assert csl_note('{"name": "x", "version": 2}') is None
    assert csl_note('{"title": "only a title"}') is None  # one variable: any JSON has that
    assert csl_note('{"title": "T", "URL": "https://a.example/"') is None  # broken
    assert csl_note("Turing, A.M. Computing Machinery. {1950}") is None
    assert csl_note("[]") is None


def test_a_markdown_footnote_over_a_csl_json_block_cites_its_url_and_doi() -> None:
    arxiv = dict(_ITEM, DOI="10.48550/arXiv.2101.05735", URL="https://arxiv.org/abs/2101.05735")
    text = (
        "Turing asked it first.[^1] Others followed.[^2]\n\n"
        "<!--\n\n[^1]: Turing, A.M. Commented out. https://old.example/turing\n\n-->\n\n"
        "[^1]:\n" + _fenced(_ITEM) + "\n[^2]:\n" + _fenced(arxiv)
    )
    document = parse_document(text, "eip.md")
    assert document.format == DocumentFormat.MARKDOWN
    by_label = {note.label: note for note in document.notes}
    assert sorted(by_label) == ["1", "2"]
    first, second = by_label["1"], by_label["2"]
    assert first.kind == NoteKind.FULL
    assert first.urls == ("https://doi.org/10.1093/mind/LIX.236.433",)
    assert first.citation.doi == "10.1093/mind/LIX.236.433"
    assert first.citation.authors == ("Turing, A.M.",)
    assert first.line == text.split("\n").index("[^1]:") + 1
    # The DOI is the citation's; the URL the one address to check (no doi.org twin added).
    assert second.urls == ("https://arxiv.org/abs/2101.05735",)
    assert second.citation.doi == "10.48550/arXiv.2101.05735"


def test_other_code_in_a_footnote_stays_code() -> None:
    text = (
        "Run it.[^1]\n\n[^1]: Like this:\n\n    ```json\n"
        '    {"endpoint": "https://api.example/v1", "retries": 3}\n    ```\n'
    )
    (note,) = parse_document(text, "a.md").notes
    assert note.urls == ()
    assert "endpoint" not in note.text


def test_a_note_whose_text_is_csl_json_in_any_format_is_its_citation() -> None:
    item = json.dumps(dict(_ITEM, URL="https://example.org/turing"))
    plain = f"A claim.[1]\n\nNotes\n\n[1] {item}\n"
    html = (
        '<p>A claim.<sup><a href="#fn1" id="r1">1</a></sup></p><ol class="footnotes">'
        f'<li id="fn1"><pre>{item}</pre> <a href="#r1">↩</a></li></ol>'
    )
    for text, name in ((plain, "a.txt"), (html, "a.html")):
        (note,) = parse_document(text, name).notes
        assert note.urls == ("https://example.org/turing",), name
        assert note.citation.doi == "10.1093/mind/LIX.236.433", name
        assert note.citation.title == "Computing Machinery and Intelligence.", name


@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["title", "URL", "DOI", "author", "issued", "type", "x"]),
                      inner, max_size=5),
    max_leaves=20,
))
@settings(max_examples=200, deadline=None)
def test_any_json_is_read_or_refused_never_raised(value: object) -> None:
    found = csl_note(json.dumps(value))
    assert found is None or found.text.endswith(".")
    assert csl_note("[" * 5000) is None  # too deep to be an item: refused, not a crash
