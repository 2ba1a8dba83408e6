"""One table of masking cases, for the URL masker and the text masker alike."""

from __future__ import annotations

import pytest

from citecheck.check.credentials import strip_userinfo_text, strip_userinfo_url
from citecheck.report.scrub import mask_text, mask_url

# (a URL as cited, the same URL masked). Each case holds for mask_url, for mask_text on the
# URL alone, and for mask_text on the URL inside a sentence.
CASES: list[tuple[str, str]] = [
    ("https://user:secret@host.example/x", "https://***@host.example/x"),
    ("http://user:SEC@RET@host.example/", "http://***@host.example/"),
    ("http://a@b@c@host.example:8080/p?q=1", "http://***@host.example:8080/p?q=1"),
    ("HTTP://TOKEN@github.com/o/r.git", "HTTP://***@github.com/o/r.git"),
    ("https://h.example/a?token=abc&page=2", "https://h.example/a?token=***&page=2"),
    ("https://h.example/a?access_key=AKIA1&b=2", "https://h.example/a?access_key=***&b=2"),
    ("https://h.example/a?private_key=pk&accesskey=ak", "https://h.example/a?private_key=***&accesskey=***"),
    ("https://h.example/a?jwt=eyJhbGciOi.x.y", "https://h.example/a?jwt=***"),
    ("https://h.example/a?ClientSecret=s&PASSWORD=p", "https://h.example/a?ClientSecret=***&PASSWORD=***"),
    ("https://h.example/a?page=2&api_key=abc#top", "https://h.example/a?page=2&api_key=***#top"),
    ("https://s3.example/o?X-Amz-Signature=ff00&X-Amz-Credential=AK%2F1",
     "https://s3.example/o?X-Amz-Signature=***&X-Amz-Credential=***"),
    ("https://h.example/cb#access_token=abc&state=1", "https://h.example/cb#access_token=***&state=1"),
    ("https://h.example/a?x=1;sessionid=zz", "https://h.example/a?x=1;sessionid=***"),
    ("https://web.archive.org/web/2020/https://u:p@in.example/b?token=t1",
     "https://web.archive.org/web/2020/https://***@in.example/b?token=***"),
    # A secret inside a percent-encoded URL (an open redirect's target).
    ("https://r.example/go?to=https%3A%2F%2Fx.example%2Fa%3Faccess_key%3DAK1%26b%3D2&c=3",
     "https://r.example/go?to=https%3A%2F%2Fx.example%2Fa%3Faccess_key%3D***%26b%3D2&c=3"),
    # Left alone: an @ in a path, ordinary parameters, a secret word as a value or a prefix.
    ("https://medium.com/@writer/post", "https://medium.com/@writer/post"),
    ("https://h.example/search?q=token&page=2", "https://h.example/search?q=token&page=2"),
    ("https://h.example/a?keyword=solar&tokens_left=3", "https://h.example/a?keyword=solar&tokens_left=3"),
    ("https://h.example/a?token=", "https://h.example/a?token="),
]


@pytest.mark.parametrize(("url", "masked"), CASES)
def test_mask_url(url: str, masked: str) -> None:
    assert mask_url(url) == masked


@pytest.mark.parametrize(("url", "masked"), CASES)
def test_mask_text_on_the_url_alone(url: str, masked: str) -> None:
    assert mask_text(url) == masked


@pytest.mark.parametrize(("url", "masked"), CASES)
def test_mask_text_on_the_url_in_a_sentence(url: str, masked: str) -> None:
    sentence = "see <{}> (accessed) and {}."
    assert mask_text(sentence.format(url, url)) == sentence.format(masked, masked)


@pytest.mark.parametrize(("url", "masked"), CASES)
def test_masking_is_idempotent(url: str, masked: str) -> None:
    assert mask_url(masked) == masked and mask_text(masked) == masked


@pytest.mark.parametrize(("url", "masked"), [c for c in CASES if "@" in c[0].split("/")[2]])
def test_the_check_stage_strips_up_to_the_same_last_at(url: str, masked: str) -> None:
    stripped = masked.replace("***@", "", 1)
    assert strip_userinfo_url(url).lower() == stripped.lower()  # urlunsplit lowers the scheme
    assert strip_userinfo_text(f"redirect to {url}") == f"redirect to {stripped}"


def test_a_value_with_quotes_does_not_leak_its_tail_from_a_url() -> None:
    assert mask_url("https://h.example/a?token=ab\"c'd<e&x=1") == "https://h.example/a?token=***&x=1"
