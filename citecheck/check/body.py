"""The bounded start of a response body, decompressed here, and the headers worth keeping.

The body is read raw and decompressed with an output bound: httpx's own decoder inflates a
whole network chunk at once, and 64 KiB of gzip'ed zeros inflate to 64 MiB before any
caller-side bound can look at them.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import httpx

__all__ = ["BodyPrefix", "kept_headers", "read_prefix"]

_MAX_HEADERS = 100
_MAX_HEADER_VALUE = 1000

class _Inflater:
    """Incremental decompression with a bound on *output* per call (gzip and deflate)."""

    def __init__(self, encoding: str) -> None:
        self._raw_fallback = encoding == "deflate"
        wbits = 16 + zlib.MAX_WBITS if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._z = zlib.decompressobj(wbits)
        self._started = False

    def feed(self, data: bytes, limit: int) -> bytes:
        """Up to ``limit`` decompressed bytes from ``data``; input left over is kept."""
        try:
            out = self._z.decompress(data, limit)
        except zlib.error:
            if self._started or not self._raw_fallback:
                raise
            # "deflate" is meant to be zlib-wrapped; some servers send raw deflate.
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self._z.decompress(data, limit)
        self._started = True
        return out

    @property
    def pending(self) -> bool:
        """Whether input is waiting that an output bound held back."""
        return bool(self._z.unconsumed_tail)


@dataclass
class BodyPrefix:
    """The decoded start of a body, and whether there was more."""

    data: bytes = b""
    truncated: bool = False
    readable: bool = True  # False: an encoding citecheck cannot decode


async def read_prefix(response: httpx.Response, bound: int) -> BodyPrefix:
    """At most ``bound`` *decoded* bytes of a streamed response's body.

    Stops reading the network as soon as the bound is passed, so an endless body costs one
    network chunk more than the bound and a gzip bomb costs the bound, not its inflated size.
    """
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    inflater: _Inflater | None = None
    if encoding in ("gzip", "x-gzip", "deflate"):
        inflater = _Inflater(encoding)
    elif encoding not in ("", "identity"):
        return BodyPrefix(readable=False)  # we only ever ask for gzip and deflate
    buf = bytearray()
    try:
        async for chunk in response.aiter_raw():
            room = bound + 1 - len(buf)
            if inflater is None:
                buf += chunk[:room]
            else:
                buf += inflater.feed(chunk, room)
                if inflater.pending:
                    return BodyPrefix(bytes(buf[:bound]), truncated=True)
            if len(buf) > bound:
                return BodyPrefix(bytes(buf[:bound]), truncated=True)
    except zlib.error:
        return BodyPrefix(bytes(buf[:bound]), truncated=True)
    except (httpx.ReadError, httpx.RemoteProtocolError, httpx.TimeoutException):
        # The status and headers did arrive; what came of the body is still worth reading.
        return BodyPrefix(bytes(buf[:bound]), truncated=True)
    return BodyPrefix(bytes(buf))


def kept_headers(headers: httpx.Headers) -> tuple[tuple[str, str], ...]:
    """Final-response headers with lower-case names; cookies reduced to their names.

    Set-Cookie values are session secrets and never needed: the classifier only asks which
    cookies a bot-protection service set.
    """
    kept: list[tuple[str, str]] = []
    for raw_name, raw_value in headers.multi_items()[:_MAX_HEADERS]:
        name, value = raw_name.lower(), raw_value
        if name == "set-cookie":
            value = value.split("=", 1)[0].strip() + "="
        kept.append((name, value[:_MAX_HEADER_VALUE]))
    return tuple(kept)
