"""parse_url builds the httpx.URL of a simple-shaped URL from its parts instead of running
httpx's parser: it must be exactly what httpx's parser (and parse_url's general way) gives."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from citecheck.check import fetch
from citecheck.check.fetch import parse_url

# Characters the shortcut takes, and neighbours it must leave to httpx (space, quotes, braces,
# backslash, non-ASCII, a dot segment's dot, upper case, "@" in the authority).
_PIECES = [*"aZ09-._~!$&'()*+,;=:@%/?#", " ", '"', "<", "{", "`", "\\", "é", "..", "%2F", "%zz"]
_PART = st.lists(st.sampled_from(_PIECES), max_size=10).map("".join)
_HOST = st.sampled_from([
    "example.org", "Example.ORG", "127.0.0.1", "999.1.1.1", "1.2.3", "a-b.c", "a_b.c",
    "xn--bcher-kva.example",
    "bücher.example", "a..b", "localhost", "[::1]", "user@host.example", "",
])
_PORT = st.sampled_from(["", ":80", ":443", ":8080", ":0", ":65535", ":65536", ":99999", ":"])


def _general(text: str, monkeypatch: pytest.MonkeyPatch) -> object:
    with monkeypatch.context() as patched:
        patched.setattr(fetch, "_PARSED", None)
        return parse_url(text)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["http", "https", "HTTP", "ftp"]), _HOST, _PORT, _PART, _PART)
@example("http", "127.20.0.5", ":19440", "/d/item-00012", "")
@example("https", "example.org", "", "/a/./b", "?q")
@example("http", "example.org", ":80", "", "#frag")
def test_the_shortcut_is_httpx_own_parse(
    scheme: str, host: str, port: str, path: str, tail: str
) -> None:
    text = f"{scheme}://{host}{port}{path}{tail}"
    with pytest.MonkeyPatch.context() as monkeypatch:
        general = _general(text, monkeypatch)
    fast = parse_url(text)
    assert type(fast) is type(general)
    if isinstance(fast, httpx.URL):
        assert isinstance(general, httpx.URL)
        assert fast._uri_reference == general._uri_reference
        assert str(fast) == str(general) and fast.raw_host == general.raw_host
    else:
        assert fast == general


def test_the_shortcut_is_in_use() -> None:
    """httpx still keeps its URL as the tuple the shortcut builds (checked at import)."""
    assert fetch._PARSED is not None
    assert fetch._simple_url("http://127.20.0.5:19440/d/item-00012?x=1#y") is not None
    assert fetch._simple_url("http://example.org/a b") is None
