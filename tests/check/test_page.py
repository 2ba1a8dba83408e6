"""page_facts(): what a bounded body prefix shows."""

from __future__ import annotations

from citecheck.check.page import TEXT_LIMIT, decode_body, page_facts

HTML = "text/html; charset=utf-8"


def test_title_og_title_h1_and_visible_text() -> None:
    body = (
        b"<html><head><title>  The  Report &amp; Data </title>"
        b"<meta property='og:title' content='The Report (OG)'>"
        b"<script>var hidden = 'script text';</script><style>p {color: red}</style></head>"
        b"<body><h1>The <em>Report</em></h1><p>Visible words.</p>"
        b"<noscript>enable js</noscript><template>tmpl</template></body></html>"
    )
    page = page_facts(body, HTML)
    assert page.title == "The Report & Data"
    assert page.og_title == "The Report (OG)"
    assert page.h1 == "The Report"
    assert "Visible words." in page.text
    for hidden in ("script text", "color", "enable js", "tmpl", "The Report & Data"):
        assert hidden not in page.text
    assert page.content_type == HTML and not page.has_password_field and not page.truncated


def test_password_field_in_any_case() -> None:
    page = page_facts(b"<form><INPUT TYPE='Password' name=pw></form>", HTML)
    assert page.has_password_field
    assert not page_facts(b"<form><input type=text></form>", HTML).has_password_field


def test_truncated_markup_without_closing_title() -> None:
    page = page_facts(b"<html><head><title>Cut off mid", HTML, truncated=True)
    assert page.truncated and page.title == "Cut off mid"


def test_text_is_limited() -> None:
    body = b"<p>" + b"word " * 10_000 + b"</p>"
    assert len(page_facts(body, HTML).text) == TEXT_LIMIT


def test_charsets() -> None:
    latin = "<title>Café</title>".encode("latin-1")
    assert page_facts(latin, "text/html; charset=ISO-8859-1").title == "Café"
    meta = b"<meta charset='windows-1252'><title>Caf\xe9</title>"
    assert page_facts(meta, "text/html").title == "Café"
    assert decode_body(b"\xef\xbb\xbfhello", None) == "hello"
    assert "\ufffd" in decode_body(b"bad \xff byte", "text/html; charset=utf-8")
    assert decode_body(b"x", "text/html; charset=no-such-codec") == "x"


def test_other_types() -> None:
    pdf = page_facts(b"%PDF-1.4 <title>not html</title>", "application/pdf")
    assert pdf.title is None and pdf.text == "" and pdf.content_type == "application/pdf"
    text = page_facts(b"plain   words\nhere", "text/plain")
    assert text.text == "plain words here" and text.title is None


def test_untyped_bodies_are_sniffed() -> None:
    assert page_facts(b"  <!DOCTYPE html><title>Sniffed</title>", None).title == "Sniffed"
    assert page_facts(b"\x89PNG\r\n", None).title is None
