"""Shared fixtures: real HTTP(S) servers on 127.0.0.1, started once per test session.

``web`` hands a test the servers with their hit counts reset, so each test can assert exactly
how many requests it caused. ``tls`` adds HTTPS servers with broken and good certificates and
an SSL context that trusts the throwaway CA behind them.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from support.server import Tls, Web, make_sites, tls_site


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own results cache in a temporary directory: no test writes to the
    user's cache, and no test is answered from another's (tests count requests at the server)."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("CITECHECK_CACHE_DIR", str(folder / "citecheck"))
    # Some tests clear every CITECHECK_* variable: the default directory must be private too,
    # in this process (platformdirs' answer) and in the subprocesses they start (XDG).
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.setattr("citecheck.cache.store.default_directory",
                        lambda: str(folder / "citecheck"))


@pytest.fixture(scope="session")
def sites() -> Iterator[Web]:
    """The plain-HTTP test sites, started once for the session (counts not reset)."""
    started = make_sites()
    yield Web(started["main"], started["catchall"], started["homeredirect"])
    for site in started.values():
        site.close()


@pytest.fixture
def web(sites: Web) -> Web:
    """The test sites, with hit counts reset for this test."""
    sites.reset()
    return sites


@pytest.fixture(scope="session")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tls]:
    """HTTPS sites: self-signed, expired, wrong host name, and good."""
    import trustme

    ca = trustme.CA()
    now = datetime.now(UTC)

    def server_context(cert: trustme.LeafCert) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert.configure_cert(context)
        return context

    # The CA's own certificate is self-signed: served as a leaf, it is "a self-signed
    # certificate" to any client that does not trust it.
    folder = tmp_path_factory.mktemp("tls")
    ca.cert_pem.write_to_path(str(folder / "ca.pem"))
    ca.private_key_pem.write_to_path(str(folder / "ca.key"))
    self_signed = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    self_signed.load_cert_chain(str(folder / "ca.pem"), str(folder / "ca.key"))

    expired = ca.issue_cert(
        "127.0.0.1", not_before=now - timedelta(days=30), not_after=now - timedelta(days=1)
    )
    trusting = ssl.create_default_context()
    ca.configure_trust(trusting)
    servers = Tls(
        self_signed=tls_site("self-signed", self_signed),
        expired=tls_site("expired", server_context(expired)),
        wrong_host=tls_site("wrong-host", server_context(ca.issue_cert("other.example"))),
        good=tls_site("good", server_context(ca.issue_cert("127.0.0.1"))),
        trusting=trusting,
    )
    yield servers
    for site in (servers.self_signed, servers.expired, servers.wrong_host, servers.good):
        site.close()
