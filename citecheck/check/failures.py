"""Network failures in words: an httpx (or lower) exception → a FailureKind and a human detail.

The one place where a lower layer's error is translated, keeping its cause in the words
(``"TLS: certificate has expired"``, ``"connection reset by peer"``); credentials are stripped
from what it says.
"""

from __future__ import annotations

import re
import socket
import ssl

import httpx

from citecheck.check.credentials import strip_userinfo_text
from citecheck.check.netguard import PrivateAddressError
from citecheck.check.outcome import REFUSED
from citecheck.models import FailureKind

__all__ = ["REFUSED", "causes", "describe_error"]

_TLS_CODES = {
    9: "certificate is not yet valid",
    10: "certificate has expired",
    18: "self-signed certificate",
    19: "self-signed certificate in chain",
    20: "certificate from an unknown authority",
    21: "certificate from an unknown authority",
    23: "certificate has been revoked",
    62: "hostname mismatch",
    64: "hostname mismatch",
}
_BYTES_REPR = re.compile(r"""bytearray\(b(['"])(.*?)\1\)|\bb(['"])(.*?)\3""")
_DNS_WORDS = (
    "name or service not known",
    "nodename nor servname",
    "getaddrinfo failed",
    "temporary failure in name resolution",
    "no address associated",
)


def causes(exc: BaseException) -> list[BaseException]:
    """``exc`` and what caused it, outermost first (explicit causes, else context; 20 at most)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain and len(chain) < 20:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _tls_reason(exc: ssl.SSLError) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError):
        known = _TLS_CODES.get(exc.verify_code)
        return f"TLS: {known or exc.verify_message or 'certificate verification failed'}"
    reason = (exc.reason or "").replace("_", " ").lower()
    return f"TLS: handshake failed ({reason})" if reason else "TLS: handshake failed"


def describe_error(exc: BaseException) -> tuple[FailureKind, str]:
    """An httpx (or lower) exception → failure kind and a human detail, credentials stripped."""
    kind, detail = _describe(exc)
    return kind, strip_userinfo_text(detail)


def _describe(exc: BaseException) -> tuple[FailureKind, str]:
    if isinstance(exc, httpx.TimeoutException):
        phase = {
            httpx.ConnectTimeout: "connecting",
            httpx.ReadTimeout: "waiting for the server",
            httpx.WriteTimeout: "sending the request",
            httpx.PoolTimeout: "waiting for a free connection",
        }.get(type(exc), "")
        return FailureKind.TIMEOUT, f"timed out {phase}".strip()
    if isinstance(exc, httpx.UnsupportedProtocol):
        return FailureKind.UNSUPPORTED, f"unsupported scheme: {exc}"
    if isinstance(exc, httpx.InvalidURL):
        return FailureKind.INVALID_URL, f"invalid URL: {exc}"
    for cause in causes(exc):
        if isinstance(cause, PrivateAddressError):  # refused at connect time (DNS rebinding)
            return cause.refusal.kind, cause.refusal.detail
        if isinstance(cause, ssl.SSLError):
            return FailureKind.TLS, _tls_reason(cause)
        if isinstance(cause, socket.gaierror):
            return FailureKind.DNS, "domain does not resolve"
        if isinstance(cause, ConnectionRefusedError):
            return FailureKind.CONNECT, REFUSED
        if isinstance(cause, ConnectionResetError | BrokenPipeError):
            return FailureKind.RESET, "connection reset by peer"
    message = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.ConnectError):
        if any(word in message.lower() for word in _DNS_WORDS):
            return FailureKind.DNS, "domain does not resolve"
        return FailureKind.CONNECT, f"connection failed: {message}"
    if isinstance(exc, httpx.ProxyError):
        return FailureKind.CONNECT, f"proxy error: {message}"
    if isinstance(exc, httpx.ReadError | httpx.WriteError | httpx.CloseError):
        return FailureKind.RESET, "connection reset"
    if isinstance(exc, httpx.RemoteProtocolError):
        lowered = message.lower()
        if "disconnect" in lowered or "closed" in lowered or "incomplete" in lowered:
            return FailureKind.RESET, "connection closed without a complete response"
        # h11 quotes the offending bytes as "bytearray(b'...')"; a reader wants the bytes.
        message = _BYTES_REPR.sub(lambda m: m.group(2) or m.group(4) or "", message)
        return FailureKind.PROTOCOL, f"malformed response: {message}"
    if isinstance(exc, httpx.NetworkError):
        return FailureKind.CONNECT, f"network error: {message}"
    return FailureKind.PROTOCOL, f"protocol error: {message}"
