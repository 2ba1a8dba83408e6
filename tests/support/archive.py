"""A fake Wayback Machine on 127.0.0.1 serving both APIs, for the rescue tests and the CLI's.

``/wayback/available`` answers like the real availability API: the capture closest to
``timestamp`` on either side, whatever its status (``"status": "404"`` for an archived error
page). ``/cdx/search/cdx`` answers like the real CDX server with ``output=json``: a header row,
then ``[urlkey, timestamp, original, mimetype, statuscode, digest, length]`` rows, honouring
``filter=statuscode:…``, ``from``/``to`` (padded like the real server) and ``limit`` (negative:
the last ones).

A URL's captures are ``archive.captures[url]`` (timestamp, status) when set. Otherwise: URLs
containing ``never-archived`` have none; ``broken-archive`` gets HTTP 500 from both APIs,
``hang-archive`` an answer that never comes, ``bad-json`` a body that is not JSON; any other URL
has one 200 capture at exactly the asked timestamp (``2`` when none is asked).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class FakeWayback:
    """A running fake archive: its origin (the ``--archive-base``) and the queries it got."""

    origin: str
    asked: list[dict[str, list[str]]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    captures: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    #: HTTP statuses to answer before behaving, per path ("/wayback/available"): to test retries
    fail_first: dict[str, list[int]] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)
    #: Set by the first request: lets a test source wait until the archive has been asked.
    first_ask: threading.Event = field(default_factory=threading.Event)

    def hits(self, path: str) -> int:
        """How many requests reached ``path``."""
        return sum(1 for p in self.paths if p == path)


def _pad(stamp: str, high: bool) -> str:
    filler = "12312359595959" if high else "00000101000000"
    return stamp + filler[len(stamp):14] if len(stamp) < 14 else stamp[:14]


def _captures(archive: FakeWayback, cited: str, stamp: str | None) -> list[tuple[str, int]]:
    if cited in archive.captures:
        return sorted(archive.captures[cited])
    if "never-archived" in cited:
        return []
    return [(stamp or "2", 200)]


def _closest(captures: list[tuple[str, int]], stamp: str | None) -> tuple[str, int] | None:
    if not captures:
        return None
    if stamp is None:
        return captures[-1]
    target = int(_pad(stamp, high=False))
    return min(captures, key=lambda c: abs(int(_pad(c[0], high=False)) - target))


def _handler(archive: FakeWayback) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body: bytes, kind: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = parse_qs(parts.query)
            archive.asked.append(query)
            archive.paths.append(parts.path)
            archive.first_ask.set()
            pending = archive.fail_first.get(parts.path)
            if pending:
                self._send(pending.pop(0), b"{}")
                return
            cited = query.get("url", [""])[0]
            if "broken-archive" in cited:
                self._send(500, b"internal error", "text/plain")
                return
            if "hang-archive" in cited:
                archive.stop.wait(30)
                return
            if "bad-json" in cited:
                self._send(200, b"<html>not json", "application/json")
                return
            if parts.path == "/wayback/available":
                self._available(cited, query.get("timestamp", [None])[0])
            elif parts.path == "/cdx/search/cdx":
                self._cdx(cited, query)
            else:
                self._send(404, b"not found", "text/plain")

        def _available(self, cited: str, stamp: str | None) -> None:
            best = _closest(_captures(archive, cited, stamp), stamp)
            snapshots = {} if best is None else {"closest": {
                "available": True, "status": str(best[1]), "timestamp": best[0],
                "url": f"http://web.archive.org/web/{best[0]}/{cited}"}}
            body = {"url": cited, "archived_snapshots": snapshots}
            if stamp:
                body["timestamp"] = stamp
            self._send(200, json.dumps(body).encode())

        def _cdx(self, cited: str, query: dict[str, list[str]]) -> None:
            rows = _captures(archive, cited, None if cited in archive.captures else "2")
            if cited not in archive.captures and "never-archived" not in cited:
                rows = []  # the default capture is only known to the availability API
            for expression in query.get("filter", []):
                name, _, wanted = expression.partition(":")
                if name == "statuscode":
                    rows = [r for r in rows if str(r[1]) == wanted]
            if "from" in query:
                rows = [r for r in rows if _pad(r[0], False) >= _pad(query["from"][0], False)]
            if "to" in query:
                rows = [r for r in rows if _pad(r[0], False) <= _pad(query["to"][0], True)]
            if "limit" in query:
                limit = int(query["limit"][0])
                rows = rows[:limit] if limit >= 0 else rows[limit:]
            if not rows:
                self._send(200, b"[]")
                return
            key = "org,example)/"
            table = [["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest",
                      "length"]]
            table += [[key, stamp, cited, "text/html", str(status), "SHA1DIGEST", "1234"]
                      for stamp, status in rows]
            self._send(200, json.dumps(table).encode())

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    return Handler


@contextmanager
def fake_wayback() -> Iterator[FakeWayback]:
    """Serve a fake Wayback Machine in a thread for the duration of the ``with`` block."""
    archive = FakeWayback(origin="")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(archive))
    server.daemon_threads = True
    archive.origin = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield archive
    finally:
        archive.stop.set()
        server.shutdown()
        server.server_close()
