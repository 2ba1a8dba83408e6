"""aiohttp, imported without loading trust stores that citecheck never uses.

At import, ``aiohttp.connector`` builds two TLS contexts (``_SSL_CONTEXT_VERIFIED`` and
``_SSL_CONTEXT_UNVERIFIED``), each loading the system's CA store: ≈40 ms of CPU of the ≈90 ms
aiohttp's import costs, on the critical path of every run that checks. aiohttp uses them only
for a request or connector given no context of its own; citecheck's transport
(:class:`~citecheck.check.transport.AiohttpTransport`) gives its connector the run's context
and passes none per request, and proxies are httpx's transports, not aiohttp's. So the import
runs with the CA-loading calls of :class:`ssl.SSLContext` turned into no-ops: the two unused
contexts trust nothing, and were one ever used, every certificate would fail to verify (fail
closed, never open). Contexts made after the import (httpx's, the run's) load as usual.

If aiohttp is already imported, nothing is done and nothing changes.
"""

from __future__ import annotations

import ssl
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["AbstractResolver", "ResolveResult", "aiohttp", "trusting_nothing"]

#: The methods through which a context loads the platform's CA certificates: what
#: ``ssl.create_default_context()`` and aiohttp's unverified context call.
_LOADERS = ("load_default_certs", "set_default_verify_paths")


def _trust_nothing(*_args: Any, **_kwargs: Any) -> None:
    return None


@contextmanager
def trusting_nothing() -> Iterator[None]:
    """Contexts made in this block load no CA certificates (so verify no certificate).

    For the length of an import only: it changes :class:`ssl.SSLContext` for the whole
    process, and its owner restores what was there, own attribute or inherited.
    """
    cls = ssl.SSLContext
    saved = {name: vars(cls).get(name) for name in _LOADERS}
    for name in _LOADERS:
        setattr(cls, name, _trust_nothing)
    try:
        yield
    finally:
        for name, own in saved.items():
            if own is None:
                delattr(cls, name)  # inherited from _ssl._SSLContext: uncover it again
            else:
                setattr(cls, name, own)


if "aiohttp" in sys.modules:
    import aiohttp
else:
    with trusting_nothing():
        import aiohttp

from aiohttp.abc import AbstractResolver, ResolveResult  # noqa: E402  (aiohttp is loaded)
