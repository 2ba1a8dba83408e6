"""aiohttp imported without its default contexts' CA loads: they fail closed, citecheck's verify."""

from __future__ import annotations

import asyncio
import ssl
import subprocess
import sys
from pathlib import Path

import pytest
from support.server import Tls

from citecheck.check.aio import aiohttp, trusting_nothing
from citecheck.check.client import make_client
from citecheck.check.failures import describe_error
from citecheck.models import FailureKind

from .support import local


def _ca_count(context: ssl.SSLContext) -> int:
    return context.cert_store_stats()["x509_ca"]


def test_aiohttps_default_contexts_trust_nothing() -> None:
    """In a fresh interpreter, as a run imports it: the store of either context is empty."""
    code = (
        "import citecheck.check.transport, aiohttp.connector as c\n"
        "print(c._SSL_CONTEXT_VERIFIED.cert_store_stats()['x509_ca'],"
        " c._SSL_CONTEXT_VERIFIED.verify_mode == c.ssl.CERT_REQUIRED,"
        " c._SSL_CONTEXT_UNVERIFIED.cert_store_stats()['x509_ca'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "True", "0"]


def test_contexts_made_after_the_import_load_the_store_again() -> None:
    before = dict(vars(ssl.SSLContext))
    with trusting_nothing():
        assert _ca_count(ssl.create_default_context()) == 0
    assert dict(vars(ssl.SSLContext)) == before
    with_store = ssl.create_default_context()
    if _ca_count(with_store) == 0:
        pytest.skip("this system has no CA store to load")
    assert _ca_count(with_store) > 0


def _get(url: str, verify: ssl.SSLContext | bool) -> int | BaseException:
    async def go() -> int | BaseException:
        async with make_client(local(retries=0), verify=verify) as client:
            try:
                return (await client.get(url)).status_code
            except Exception as exc:
                return exc

    return asyncio.run(go())


def test_every_request_verifies_against_the_clients_context(tls: Tls) -> None:
    """With aiohttp's default context emptied here outright (whichever module imported aiohttp
    first in this test process), a good certificate accepted through the client proves the
    client's context verified it; bad ones still fail."""
    empty = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    saved = aiohttp.connector._SSL_CONTEXT_VERIFIED
    aiohttp.connector._SSL_CONTEXT_VERIFIED = empty
    try:
        assert _get(tls.good.url("/page"), tls.trusting) == 200
        expired = _get(tls.expired.url("/page"), tls.trusting)
        assert isinstance(expired, BaseException)
        assert describe_error(expired) == (FailureKind.TLS, "TLS: certificate has expired")
        self_signed = _get(tls.self_signed.url("/page"), True)
        assert isinstance(self_signed, BaseException)
        assert describe_error(self_signed) == (FailureKind.TLS, "TLS: self-signed certificate")
    finally:
        aiohttp.connector._SSL_CONTEXT_VERIFIED = saved


def test_aiohttps_own_default_context_would_refuse_every_certificate(
    tls: Tls, tmp_path: Path
) -> None:
    """Fail closed: were a request ever sent with aiohttp's import-time context, even a
    certificate the client trusts would not verify."""
    code = (
        "import asyncio, ssl, sys\n"
        "import citecheck.check.transport, aiohttp\n"
        "async def go():\n"
        "    async with aiohttp.ClientSession() as s:\n"  # no context: aiohttp's default
        "        try:\n"
        "            await s.get(sys.argv[1])\n"
        "        except aiohttp.ClientConnectorCertificateError:\n"
        "            return 'refused'\n"
        "        return 'accepted'\n"
        "print(asyncio.run(go()))\n"
    )
    # A certificate trusted through SSL_CERT_FILE: a store loaded as usual would accept it.
    ca_file = tmp_path / "trusted.pem"
    ca_file.write_text("".join(
        ssl.DER_cert_to_PEM_cert(der) for der in tls.trusting.get_ca_certs(binary_form=True)
    ))
    env = {"SSL_CERT_FILE": str(ca_file), "PATH": ""}
    trusted = subprocess.run(
        [sys.executable, "-c", code.replace("import citecheck.check.transport, ", "import "),
         tls.good.url("/page")],
        capture_output=True, text=True, check=True, env=env,
    )
    assert trusted.stdout.strip() == "accepted"
    ours = subprocess.run(
        [sys.executable, "-c", code, tls.good.url("/page")],
        capture_output=True, text=True, check=True, env=env,
    )
    assert ours.stdout.strip() == "refused"
