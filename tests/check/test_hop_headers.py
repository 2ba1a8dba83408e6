"""A host's configured headers (credentials) go to that host only, hop by hop.

Two real servers: the cited host redirects to the other (as an open redirect, a renamed
repository or a CDN would); what each server received is asserted at the server.
"""

from __future__ import annotations

from urllib.parse import quote

from support.server import Tls, Web

from citecheck.check.runner import host_settings
from citecheck.models import HostSettings, UnsetSecret, Verdict

from .support import check, fetch_one, local

TOKEN = "Bearer s3cret-token"


def _hosts(web: Web) -> tuple[tuple[str, HostSettings], ...]:
    return ((f"127.0.0.1:{web.main.port}", HostSettings(headers=(("Authorization", TOKEN),))),)


def test_a_redirect_to_another_host_does_not_carry_the_cited_hosts_headers(web: Web) -> None:
    target = web.catchall.url("/articles/real-story")
    url = web.main.url("/go?to=" + quote(target, safe=""))
    run = check({url: None}, local(hosts=_hosts(web)))
    assert run.results[url].status is not Verdict.ERROR
    cited = web.main.requests("/go")
    assert [hit.headers.get("Authorization") for hit in cited] == [TOKEN]
    landed = web.catchall.requests("/articles/real-story")
    assert landed, "the redirect was followed"
    assert all("Authorization" not in hit.headers for hit in landed)
    assert all("s3cret" not in str(hit.headers) for hit in landed)


def test_a_redirect_within_the_configured_host_carries_its_headers(web: Web) -> None:
    url = web.main.url("/go?to=/page")
    check({url: None}, local(hosts=_hosts(web)))
    assert [hit.headers.get("Authorization") for hit in web.main.requests("/page")] == [TOKEN]


def test_an_https_to_http_downgrade_drops_the_headers_even_on_a_matching_host(
    web: Web, tls: Tls
) -> None:
    target = web.main.url("/page")
    url = tls.good.url("/go?to=" + quote(target, safe=""))
    # "127.0.0.1" matches both servers (any port): only the scheme changes on the way.
    hosts = (("127.0.0.1", HostSettings(headers=(("Authorization", TOKEN),))),)
    facts = fetch_one(url, local(hosts=hosts), verify=tls.trusting,
                      hop_headers=lambda address: dict(host_settings(address, hosts).headers))
    assert facts.status == 200
    assert [hit.headers.get("Authorization") for hit in tls.good.requests("/go")] == [TOKEN]
    landed = web.main.requests("/page")
    assert len(landed) == 1 and "Authorization" not in landed[0].headers


def test_the_other_hosts_own_headers_are_sent_to_it(web: Web) -> None:
    target = web.catchall.url("/articles/real-story")
    url = web.main.url("/go?to=" + quote(target, safe=""))
    hosts = (
        *_hosts(web),
        (f"127.0.0.1:{web.catchall.port}", HostSettings(headers=(("X-Other", "mine"),))),
    )
    check({url: None}, local(hosts=hosts))
    landed = web.catchall.requests("/articles/real-story")
    assert [hit.headers.get("X-Other") for hit in landed] == ["mine"]
    assert all("Authorization" not in hit.headers for hit in landed)
    assert all("X-Other" not in hit.headers for hit in web.main.requests("/go"))


def test_an_unset_variable_sends_nothing_and_warns_once_when_the_host_is_contacted(
    web: Web,
) -> None:
    hosts = (
        (f"127.0.0.1:{web.main.port}",
         HostSettings(headers=(("Authorization", UnsetSecret(("GITHUB_TOKEN",))),))),
        ("never.example", HostSettings(headers=(("X-Key", UnsetSecret(("OTHER",))),))),
    )
    warnings: list[str] = []
    urls = [web.main.url("/page"), web.main.url("/page-two")]
    check(dict.fromkeys(urls), local(hosts=hosts), warn=warnings.append)
    assert warnings == [
        "header 'Authorization' not sent to 127.0.0.1: environment variable GITHUB_TOKEN "
        "is not set"
    ]
    assert all("Authorization" not in hit.headers for hit in web.main.requests("/page"))


def test_a_credential_configured_for_the_redirect_target_reaches_it(web: Web) -> None:
    # Merged with main's credential filter (fetch.hop_headers, for headers sent to every host):
    # that filter holds for --header only; a host's own headers are its own on every hop to it.
    target = web.catchall.url("/articles/real-story")
    url = web.main.url("/go?to=" + quote(target, safe=""))
    hosts = (
        *_hosts(web),
        (f"127.0.0.1:{web.catchall.port}",
         HostSettings(headers=(("Authorization", "Bearer other"),))),
    )
    check({url: None}, local(hosts=hosts, headers=(("X-Api-Key", "everywhere"),)))
    landed = web.catchall.requests("/articles/real-story")
    assert [hit.headers.get("Authorization") for hit in landed] == ["Bearer other"]
    # --header goes to every host, but a credential in it stays on the cited URL's origin.
    assert all("X-Api-Key" not in hit.headers for hit in landed)
    assert [hit.headers.get("X-Api-Key") for hit in web.main.requests("/go")] == ["everywhere"]
    assert [hit.headers.get("Authorization") for hit in web.main.requests("/go")] == [TOKEN]
