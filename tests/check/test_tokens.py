"""GITHUB_TOKEN goes to GitHub's hosts only; credentials stay behind on a cross-host redirect."""

from __future__ import annotations

from citecheck.check.fetch import hop_headers
from citecheck.check.runner import host_settings
from citecheck.check.tokens import with_github_token
from citecheck.models import CheckOptions, HostSettings


def test_token_only_for_github_hosts_and_never_shown() -> None:
    options = with_github_token(CheckOptions(), "ghp_x")
    for url in ("https://github.com/o/r", "https://api.github.com/repos/o/r"):
        headers = dict(host_settings(url, options.hosts).headers)
        assert headers == {"Authorization": "Bearer ghp_x"}
    for url in ("https://example.org/", "https://github.com.evil.example/",
                "https://notgithub.com/"):
        assert host_settings(url, options.hosts).headers == ()
    assert "ghp_x" not in repr(options)


def test_users_own_authorization_wins_and_other_host_settings_stay() -> None:
    own = HostSettings(headers=(("Authorization", "token mine"),), timeout=3)
    options = with_github_token(CheckOptions(hosts=(("github.com", own),)), "ghp_x")
    hosts = dict(options.hosts)
    assert hosts["github.com"] == own
    assert dict(hosts["api.github.com"].headers) == {"Authorization": "Bearer ghp_x"}
    assert with_github_token(CheckOptions(), "  ") == CheckOptions()


def test_credentials_are_dropped_on_a_redirect_to_another_origin() -> None:
    headers = {"Authorization": "Bearer x", "Cookie": "a=b", "X-Api-Key": "k",
               "Accept": "text/html"}
    first = "https://github.com/o/r"
    assert hop_headers(first, "https://github.com/o/r2", headers) == headers
    assert hop_headers("http://github.com/a", "https://github.com/a", headers) == headers
    assert hop_headers(first, "https://objects.githubusercontent.com/x", headers) == {
        "Accept": "text/html"}
    assert hop_headers(first, "http://github.com/o/r", headers) == {"Accept": "text/html"}
    assert hop_headers(first, "https://github.com:8443/o", headers) == {"Accept": "text/html"}
