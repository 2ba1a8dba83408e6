"""A fake Wayback availability API on 127.0.0.1, for the rescue tests and the CLI's.

Every URL asked about has a snapshot at the asked timestamp, except URLs containing
``never-archived`` (no snapshot) and ``broken-archive`` (the API answers 500).
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


def _handler(archive: FakeWayback) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            query = parse_qs(urlsplit(self.path).query)
            archive.asked.append(query)
            cited = query["url"][0]
            if "broken-archive" in cited:
                self.send_response(500)
                self.end_headers()
                return
            stamp = query.get("timestamp", ["2"])[0]
            closest = {} if "never-archived" in cited else {"closest": {
                "available": True, "status": "200", "timestamp": stamp,
                "url": f"http://web.archive.org/web/{stamp}/{cited}"}}
            body = json.dumps({"url": cited, "archived_snapshots": closest}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    return Handler


@contextmanager
def fake_wayback() -> Iterator[FakeWayback]:
    """Serve a fake availability API in a thread for the duration of the ``with`` block."""
    archive = FakeWayback(origin="")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(archive))
    archive.origin = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield archive
    finally:
        server.shutdown()
        server.server_close()
