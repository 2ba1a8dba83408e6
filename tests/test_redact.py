"""The one credential-redaction module every stage uses."""

from __future__ import annotations

from citecheck.redact import mask_secrets, redact_text, redact_url


def test_redact_url_strips_userinfo_even_with_an_at_in_the_password() -> None:
    assert redact_url("https://user:p@ss@example.org/a?b=1") == "https://example.org/a?b=1"
    assert redact_url("https://example.org/@handle") == "https://example.org/@handle"


def test_redact_text_strips_every_url_in_free_text() -> None:
    text = "redirect to https://u:secret@a.example/x then ftp://me@b.example/"
    assert redact_text(text) == "redirect to https://a.example/x then ftp://b.example/"


def test_mask_secrets_shows_that_something_was_there() -> None:
    masked = mask_secrets("https://u:pw@a.example/x?api_key=abc&page=2&sig=zz")
    assert masked == "https://***@a.example/x?api_key=***&page=2&sig=***"
    assert "pw" not in masked
