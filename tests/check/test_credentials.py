"""The check stage strips credentials (user-info) from the URLs and reasons it produces."""

from __future__ import annotations

import pytest

from citecheck.check.credentials import strip_userinfo_text, strip_userinfo_url


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://user:pass@example.org/a?b=1#c", "https://example.org/a?b=1#c"),
        ("https://token@example.org:8443/", "https://example.org:8443/"),
        ("https://example.org/a@b", "https://example.org/a@b"),
        ("https://example.org/", "https://example.org/"),
        ("http://u:p@[::1/x", "http://[::1/x"),
    ],
)
def test_strip_userinfo_url(url: str, shown: str) -> None:
    assert strip_userinfo_url(url) == shown


def test_strip_userinfo_url_even_with_an_at_in_the_password() -> None:
    assert strip_userinfo_url("https://user:p@ss@example.org/a?b=1") == "https://example.org/a?b=1"
    assert strip_userinfo_url("https://example.org/@handle") == "https://example.org/@handle"


def test_strip_userinfo_text_strips_every_url_in_free_text() -> None:
    text = "redirect to https://u:secret@a.example/x then ftp://me@b.example/"
    assert strip_userinfo_text(text) == "redirect to https://a.example/x then ftp://b.example/"
