"""Real HTTP servers on 127.0.0.1 whose routes reproduce each kind of link rot and misbehaviour.

Each :class:`Site` is one ``ThreadingHTTPServer`` on its own random port, i.e. its own
host:port as far as per-host limits and the soft-404 probe cache are concerned:

* ``main``: an *honest* site (unknown paths get a real 404) carrying one route per case;
* ``catchall``: answers 200 with the same generic page to every path but one real article;
* ``homeredirect``: redirects every unknown path to its home page "/";
* TLS sites with a self-signed, an expired, a wrong-host and a good certificate.

Every site counts hits per path (and logs each request with its headers and start time) so
tests can assert politeness; :meth:`Site.reset` clears the counts between tests.
Handlers write raw bytes when a case needs a server to misbehave: hang, trickle, reset,
send a malformed status line, an endless body or a gzip bomb.
"""

from __future__ import annotations

import contextlib
import select
import socket
import ssl
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

Route = Callable[["Handler", "Site"], None]

SOLAR_TITLE = "Solar Power Adoption Report 2020"
SOLAR_TEXT = (
    "Rooftop solar installations grew by a third in 2020 as panel prices fell and new "
    "incentives took effect in twelve states. The report tracks adoption county by county, "
    "with installers, utilities and regulators describing what changed and what comes next. "
)


def html(title: str | None, body: str, head: str = "") -> bytes:
    """A small HTML page."""
    title_tag = f"<title>{title}</title>" if title is not None else ""
    return (
        f"<!doctype html><html><head><meta charset='utf-8'>{title_tag}{head}</head>"
        f"<body>{body}</body></html>"
    ).encode()


SOLAR_PAGE = html(SOLAR_TITLE, f"<h1>{SOLAR_TITLE}</h1><p>{SOLAR_TEXT * 3}</p>")
NOT_FOUND_PAGE = html("404 Not Found", "<h1>Not Found</h1><p>No such page here.</p>")


@dataclass(frozen=True)
class Hit:
    """One request as the server saw it."""

    path: str
    query: str
    headers: dict[str, str]
    started: float  # time.monotonic()
    client_port: int = 0  # the connection's port on the client side: tells connections apart


class Handler(BaseHTTPRequestHandler):
    """Dispatches to the site's routes; helpers for well-formed and raw responses."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the per-request log lines."""

    def setup(self) -> None:
        """Wrap the connection in TLS here, in the handler's thread, not the accept loop."""
        context = self.server.site.ssl_context
        if context is not None:
            self.request = context.wrap_socket(self.request, server_side=True)
        super().setup()

    def do_GET(self) -> None:
        site = self.server.site
        parts = urlsplit(self.path)
        site.record(Hit(parts.path, parts.query, dict(self.headers.items()), time.monotonic(),
                        self.client_address[1]))
        with site.lock:
            site.in_flight[parts.path] += 1
            site.max_in_flight[parts.path] = max(
                site.max_in_flight[parts.path], site.in_flight[parts.path]
            )
        try:
            route = site.routes.get(parts.path)
            if route is None:
                for prefix, prefix_route in site.prefix_routes:
                    if parts.path.startswith(prefix):
                        route = prefix_route
                        break
            (route or site.default)(self, site)
        finally:
            with site.lock:
                site.in_flight[parts.path] -= 1

    def send_response(self, code: int, message: str | None = None) -> None:
        """Status line and Date only: a route that wants a Server header sends its own."""
        self.send_response_only(code, message)
        self.send_header("Date", self.date_time_string())

    @property
    def path_only(self) -> str:
        """The request path without its query."""
        return urlsplit(self.path).path

    def send(
        self,
        status: int,
        body: bytes = b"",
        *,
        content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str] | list[tuple[str, str]] | None = None,
    ) -> None:
        """A well-formed response with a Content-Length."""
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        items = headers.items() if isinstance(headers, dict) else headers or []
        for name, value in items:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, status: int, location: str, headers: dict[str, str] | None = None) -> None:
        """A redirect with a small body, as real servers send."""
        self.send(
            status,
            html("Moved", f"<a href='{location}'>moved</a>"),
            headers={"Location": location, **(headers or {})},
        )

    def raw(self, data: bytes) -> None:
        """Bytes straight onto the socket; the connection is closed afterwards."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    site: Site

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients hanging up on misbehaving routes is the point, not an error."""


@dataclass(eq=False)
class Site:
    """One server on 127.0.0.1, its routes and what it has seen."""

    name: str
    routes: dict[str, Route]
    default: Route
    prefix_routes: list[tuple[str, Route]] = field(default_factory=list)
    ssl_context: ssl.SSLContext | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)
    counts: Counter[str] = field(default_factory=Counter)
    log: list[Hit] = field(default_factory=list)
    sent: Counter[str] = field(default_factory=Counter)  # body bytes written per path
    in_flight: Counter[str] = field(default_factory=Counter)  # requests being answered, per path
    max_in_flight: Counter[str] = field(default_factory=Counter)
    port: int = 0
    _server: _Server | None = None
    _thread: threading.Thread | None = None

    # -- lifecycle

    def start(self) -> Site:
        """Listen on a random port and serve in a daemon thread."""
        server = _Server(("127.0.0.1", 0), Handler)
        server.site = self
        self._server = server
        self.port = server.server_address[1]
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def close(self) -> None:
        """Release hanging handlers and stop serving."""
        self.stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    # -- addresses and counts

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:PORT`` (https for TLS sites)."""
        scheme = "https" if self.ssl_context else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        """The absolute URL of a path on this site."""
        return self.origin + path

    def record(self, hit: Hit) -> int:
        """Count a hit; returns how many times this path has now been requested."""
        with self.lock:
            self.counts[hit.path] += 1
            self.log.append(hit)
            return self.counts[hit.path]

    def hits(self, path: str) -> int:
        """Requests for exactly this path (query ignored) since the last reset."""
        with self.lock:
            return self.counts[path]

    def hits_under(self, prefix: str) -> int:
        """Requests for any path starting with ``prefix``."""
        with self.lock:
            return sum(n for path, n in self.counts.items() if path.startswith(prefix))

    @property
    def total(self) -> int:
        """All requests since the last reset."""
        with self.lock:
            return sum(self.counts.values())

    def requests(self, path: str) -> list[Hit]:
        """The logged requests for one path, in order."""
        with self.lock:
            return [hit for hit in self.log if hit.path == path]

    def reset(self) -> None:
        """Forget all hits (routes whose answer depends on the hit count start over)."""
        with self.lock:
            self.counts.clear()
            self.log.clear()
            self.sent.clear()
            self.max_in_flight.clear()


# ----------------------------------------------------------------------------- routes


def _page(title: str | None, body: str, status: int = 200, **headers: str) -> Route:
    content = html(title, body)

    def route(h: Handler, site: Site) -> None:
        h.send(status, content, headers=dict(headers))

    return route


def _refresh(content: str, title: str, text: str) -> Route:
    """A 200 page whose <meta http-equiv="refresh"> sends the reader elsewhere."""
    page = html(title, f"<p>{text}</p>", f'<meta http-equiv="refresh" content="{content}">')

    def route(h: Handler, site: Site) -> None:
        h.send(200, page)

    return route


def _redirect(status: int, location: str) -> Route:
    def route(h: Handler, site: Site) -> None:
        h.redirect(status, location)

    return route


def _after(hits: int, first: Route, then: Route) -> Route:
    """``first`` for the first ``hits`` requests of the path, ``then`` afterwards."""

    def route(h: Handler, site: Site) -> None:
        (first if site.hits(h.path_only) <= hits else then)(h, site)

    return route


def _solar(h: Handler, site: Site) -> None:
    h.send(200, SOLAR_PAGE)


def _not_found(h: Handler, site: Site) -> None:
    h.send(404, NOT_FOUND_PAGE)


def _own_not_found_200(h: Handler, site: Site) -> None:
    # The body this host sends with its real 404s, but with a 200 (benchmark case
    # soft404-title-says-404).
    h.send(200, NOT_FOUND_PAGE)


def _rate_limited(seconds: str) -> Route:
    return _page("Too Many Requests", "<p>Slow down.</p>", 429, **{"Retry-After": seconds})


def _rate_limited_until_date(h: Handler, site: Site) -> None:
    now = time.time()
    h.send(
        429,
        html("Too Many Requests", "slow down"),
        headers={
            "Date": formatdate(now, usegmt=True),
            "Retry-After": formatdate(now + 7, usegmt=True),
        },
    )


def _chain(h: Handler, site: Site) -> None:
    remaining = int(h.path_only.rsplit("/", 1)[1])
    if remaining == 0:
        h.send(200, html("End of the chain", "<p>You made it through every hop.</p>"))
    else:
        h.redirect(302, f"/chain/{remaining - 1}")


def _cookie_gate(h: Handler, site: Site) -> None:
    if "gate=passed" in (h.headers.get("Cookie") or ""):
        _solar(h, site)
    else:
        h.redirect(302, "/cookie-gate", {"Set-Cookie": "gate=passed; Path=/"})


def _hang(h: Handler, site: Site) -> None:
    """Never answer; give the thread back once the client hangs up (or after 30 s)."""
    h.close_connection = True
    deadline = time.monotonic() + 30
    while not site.stop.is_set() and time.monotonic() < deadline:
        readable, _, _ = select.select([h.connection], [], [], 0.05)
        if readable:
            try:
                if not h.connection.recv(1, socket.MSG_PEEK):
                    return
            except OSError:
                return


def _trickle(h: Handler, site: Site) -> None:
    h.close_connection = True
    for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok":
        try:
            h.wfile.write(bytes([byte]))
        except OSError:
            return
        if site.stop.wait(1.0):
            return


def _trickle_body(h: Handler, site: Site) -> None:
    """Prompt headers, then a body a byte a second."""
    h.close_connection = True
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Length", "100")
    h.end_headers()
    for _ in range(100):
        try:
            h.wfile.write(b"<")
        except OSError:
            return
        if site.stop.wait(1.0):
            return


def _endless(h: Handler, site: Site) -> None:
    h.close_connection = True
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Connection", "close")
    h.end_headers()
    chunk = b"<p>" + b"all work and no play makes jack a dull boy " * 400 + b"</p>\n"
    try:
        h.wfile.write(html("Endless", "")[:-14])
        while not site.stop.is_set():
            h.wfile.write(chunk)
            with site.lock:
                site.sent[h.path_only] += len(chunk)
    except OSError:
        return


def _gzip_bomb(h: Handler, site: Site) -> None:
    """1 GiB of zeros behind a small title, gzip'ed lazily: ~1 MiB on the wire at most."""
    h.close_connection = True
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Encoding", "gzip")
    h.send_header("Connection", "close")
    h.end_headers()
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1 << 20)
    try:
        piece = packer.compress(b"<html><head><title>Bomb</title></head><body><p>")
        for _ in range(1024):
            piece += packer.compress(zeros)
            if piece:
                h.wfile.write(piece)
                with site.lock:
                    site.sent[h.path_only] += len(piece)
                piece = b""
            if site.stop.is_set():
                return
        h.wfile.write(piece + packer.flush())
    except OSError:
        return


def _huge_headers(h: Handler, site: Site) -> None:
    """A status line, then 4 MiB of headers (2,000 of 2 KiB each) before a tiny body."""
    h.close_connection = True
    try:
        h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
        line = b"X-Filler-%d: " + b"a" * 2048 + b"\r\n"
        for number in range(2000):
            h.wfile.write(line.replace(b"%d", str(number).encode()))
            with site.lock:
                site.sent[h.path_only] += len(line)
            if site.stop.is_set():
                return
        h.wfile.write(b"Content-Length: 2\r\n\r\nok")
    except OSError:
        return


def _endless_headers(h: Handler, site: Site) -> None:
    """Header lines forever: the response never gets to its body."""
    h.close_connection = True
    try:
        h.wfile.write(b"HTTP/1.1 200 OK\r\n")
        number = 0
        while not site.stop.is_set():
            piece = b"X-More-%d: y\r\n" % number
            h.wfile.write(piece)
            with site.lock:
                site.sent[h.path_only] += len(piece)
            number += 1
    except OSError:
        return


def _endless_chunks(h: Handler, site: Site) -> None:
    """A chunked body of one-byte chunks that never ends."""
    h.close_connection = True
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    try:
        h.wfile.write(b"5\r\n<html\r\n")
        while not site.stop.is_set():
            h.wfile.write(b"1\r\n \r\n")
            with site.lock:
                site.sent[h.path_only] += 6
    except OSError:
        return


def _huge_location(h: Handler, site: Site) -> None:
    """A redirect whose Location is 1 MiB long."""
    h.close_connection = True
    try:
        h.wfile.write(b"HTTP/1.1 302 Found\r\nLocation: /page?" + b"x" * (1 << 20)
                      + b"\r\nContent-Length: 0\r\n\r\n")
    except OSError:
        return


def _ladder(h: Handler, site: Site) -> None:
    """Redirects that never repeat (/ladder?n=1, n=2, …): not a loop, just endless."""
    query = dict(parse_qsl(urlsplit(h.path).query))
    h.redirect(302, f"/ladder?n={int(query.get('n', '0')) + 1}")


def _reset(h: Handler, site: Site) -> None:
    h.close_connection = True
    # SO_LINGER with a zero timeout turns close() into a TCP RST.
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.connection.close()


def _malformed(h: Handler, site: Site) -> None:
    h.raw(b"HTTP/1.1 two hundred OK\r\nthis is not a header line\r\n\r\n<html></html>")


_CHALLENGE = html(
    "Just a moment...",
    "<h1>Checking your browser before accessing the site.</h1>"
    "<p>Enable JavaScript and cookies to continue</p>",
)


def _challenge(status: int) -> Route:
    def route(h: Handler, site: Site) -> None:
        h.send(
            status,
            _CHALLENGE,
            headers={
                "cf-mitigated": "challenge",
                "Server": "cloudflare",
                "cf-ray": "8a1b2c3d4e5f-AMS",
            },
        )

    return route


_LOGIN_PAGE = html(
    "Sign in",
    "<h1>Sign in</h1><form method='post'><input name='user'>"
    "<input type='password' name='pw'><button>Sign in</button></form>",
)


def _login(h: Handler, site: Site) -> None:
    h.send(200, _LOGIN_PAGE)


def _members(h: Handler, site: Site) -> None:
    h.redirect(302, f"/login?next={h.path_only}")


def _to_localhost(h: Handler, site: Site) -> None:
    h.redirect(302, f"http://localhost:{site.port}/page")


def _to_credentials(h: Handler, site: Site) -> None:
    h.redirect(301, f"http://bob:hunter2@127.0.0.1:{site.port}/page")


def _pdf(h: Handler, site: Site) -> None:
    body = b"%PDF-1.4\n1 0 obj << /Title (Solar Report) >> endobj\ntrailer << >>\n%%EOF\n"
    h.send(200, body, content_type="application/pdf")


def _doi(h: Handler, site: Site) -> None:
    if h.path_only == "/doi/10.1234/solar.2020":
        h.redirect(302, site.url("/page"))
    else:
        h.send(404, html("DOI Not Found", "<h1>DOI Not Found</h1>"))


def _echo(h: Handler, site: Site) -> None:
    lines = "\n".join(f"{k.lower()}: {v}" for k, v in h.headers.items())
    h.send(200, lines.encode(), content_type="text/plain; charset=utf-8")


def _open_redirect(h: Handler, site: Site) -> None:
    """An open redirect: ``/go?to=URL`` sends the client wherever the query says."""
    query = dict(parse_qsl(urlsplit(h.path).query))
    h.redirect(int(query.get("status", "302")), query.get("to", "/"))


def _slow(h: Handler, site: Site) -> None:
    query = dict(parse_qsl(urlsplit(h.path).query))
    site.stop.wait(int(query.get("ms", "300")) / 1000)
    h.send(200, html("Slow", "<p>Worth the wait.</p>"))


def _redirect_to(h: Handler, site: Site) -> None:
    """302 to the URL in ``?to=`` (another host, for limits that must follow redirects)."""
    h.redirect(302, dict(parse_qsl(urlsplit(h.path).query))["to"])


def _gzip_page(h: Handler, site: Site) -> None:
    packer = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    body = packer.compress(SOLAR_PAGE) + packer.flush()
    h.send(200, body, headers={"Content-Encoding": "gzip"})


def _raw_deflate_page(h: Handler, site: Site) -> None:
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    body = packer.compress(SOLAR_PAGE) + packer.flush()
    h.send(200, body, headers={"Content-Encoding": "deflate"})


def _with_cookie(h: Handler, site: Site) -> None:
    h.send(
        200,
        SOLAR_PAGE,
        headers=[
            ("Set-Cookie", "session=s3cr3t-token; Path=/; HttpOnly"),
            ("Set-Cookie", "datadome=abc123; Path=/"),
            ("Server", "test-server"),
        ],
    )


def main_routes() -> dict[str, Route]:
    """The honest site's routes: one per case."""
    ok = _solar
    return {
        "/": _page("Example Research Institute", "<h1>Welcome</h1><p>Reports and data.</p>"),
        "/page": ok,
        "/page-two": _page("Wind Power Outlook", "<h1>Wind Power Outlook</h1><p>Turbines.</p>"),
        "/gone": _page("Gone", "<p>This report was withdrawn.</p>", 410),
        "/moved-301": _redirect(301, "/page"),
        "/moved-308": _redirect(308, "/page"),
        "/temp-302": _redirect(302, "/page"),
        "/auth": _page(
            "Unauthorized",
            "<p>Credentials required.</p>",
            401,
            **{"WWW-Authenticate": 'Basic realm="reports"'},
        ),
        "/forbidden": _page("Forbidden", "<p>Forbidden.</p>", 403),
        "/legal": _page("Unavailable For Legal Reasons", "<p>Blocked in your region.</p>", 451),
        "/bot-block": _page(None, "", 999),
        "/rate-then-ok": _after(2, _rate_limited("2"), ok),
        "/rate-date": _after(1, _rate_limited_until_date, ok),
        "/rate-forever": _rate_limited("1"),
        "/rate-long": _rate_limited("120"),
        "/unavailable-then-ok": _after(1, _page("Service Unavailable", "<p>Busy.</p>", 503), ok),
        "/error-500": _page("Internal Server Error", "<p>Oops.</p>", 500),
        "/loop-a": _redirect(302, "/loop-b"),
        "/loop-b": _redirect(302, "/loop-a"),
        "/self-loop": _redirect(301, "/self-loop"),
        "/cookie-gate": _cookie_gate,
        "/hang": _hang,
        "/trickle": _trickle,
        "/trickle-body": _trickle_body,
        "/endless": _endless,
        "/gzip-bomb": _gzip_bomb,
        "/gzip-page": _gzip_page,
        "/deflate-page": _raw_deflate_page,
        "/reset": _reset,
        "/malformed": _malformed,
        "/challenge": _challenge(403),
        "/challenge-503": _challenge(503),
        "/members/report": _members,
        "/login": _login,
        "/password-page": _page(
            "Subscriber area",
            "<form><input type='password' name='pw'><button>Go</button></form>",
        ),
        "/drifted": _page(
            "Best Garden Furniture Deals 2024",
            "<h1>Best Garden Furniture Deals 2024</h1><p>Chairs, tables and parasols.</p>",
        ),
        "/politico": _page(
            "‘Trump’s Border Wall’ Isn’t Finished | Politico",
            "<h1>Trump’s border wall isn’t finished</h1><p>Construction stalled.</p>",
        ),
        "/not-found-200": _page(
            "Page not found", "<h1>Page not found</h1><p>Sorry, we could not find that page.</p>"
        ),
        "/docview/2329130006/": _own_not_found_200,
        "/report.pdf": _pdf,
        # A lapsed domain's parking page, and deep links sent away by <meta http-equiv=refresh>.
        "/parked": _page(
            "example-research.org is for sale",
            "<h1>example-research.org</h1><p>This domain may be for sale. Buy this domain "
            "today.</p><p>Related searches: solar panels, energy</p>",
        ),
        "/refresh-home": _refresh("0; url=/", "Example Research Institute", "Redirecting…"),
        "/refresh-page": _refresh("0;URL='/page-two'", "Moved", "This report has moved."),
        "/echo": _echo,
        "/go": _open_redirect,
        "/huge-headers": _huge_headers,
        "/endless-headers": _endless_headers,
        "/endless-chunks": _endless_chunks,
        "/huge-location": _huge_location,
        "/ladder": _ladder,
        "/slow": _slow,
        "/redirect-to": _redirect_to,
        "/with-cookie": _with_cookie,
        "/to-localhost": _to_localhost,
        "/to-credentials": _to_credentials,
    }


_GENERIC = html(
    "Example News",
    "<h1>Example News</h1><p>Latest headlines from around the region, updated hourly. "
    "Weather, traffic, politics and sport.</p>",
)


def _generic(h: Handler, site: Site) -> None:
    h.send(200, _GENERIC)


def catchall_routes() -> dict[str, Route]:
    """A site that answers 200 with one generic page to everything but one real article."""
    return {
        "/articles/real-story": _page(
            "Council Approves New Bridge",
            "<h1>Council Approves New Bridge</h1><p>After two years of debate the council "
            "voted nine to two to fund a new pedestrian bridge over the river.</p>",
        ),
    }


def _to_home(h: Handler, site: Site) -> None:
    h.redirect(302, "/")


def homeredirect_routes() -> dict[str, Route]:
    """A site that sends every unknown path to its home page."""
    return {
        "/": _page("Example Gazette", "<h1>Example Gazette</h1><p>Front page stories.</p>"),
        "/about": _page("About the Gazette", "<h1>About</h1><p>Founded in 1901.</p>"),
    }


def tls_routes() -> dict[str, Route]:
    """The TLS sites serve one page."""
    return {"/page": _solar, "/go": _open_redirect}


def make_sites() -> dict[str, Site]:
    """The plain-HTTP sites, started."""
    return {
        "main": Site(
            "main",
            main_routes(),
            _not_found,
            prefix_routes=[("/chain/", _chain), ("/doi/", _doi)],
        ).start(),
        "catchall": Site("catchall", catchall_routes(), _generic).start(),
        "homeredirect": Site("homeredirect", homeredirect_routes(), _to_home).start(),
    }


def tls_site(name: str, context: ssl.SSLContext) -> Site:
    """A started HTTPS site using ``context`` for its certificate."""
    return Site(name, tls_routes(), _not_found, ssl_context=context).start()


@dataclass(frozen=True)
class Web:
    """The plain-HTTP test sites."""

    main: Site  # honest: unknown paths are 404
    catchall: Site  # 200 with one generic page for every unknown path
    homeredirect: Site  # unknown paths redirect to "/"

    def reset(self) -> None:
        """Clear every site's hit counts."""
        for site in (self.main, self.catchall, self.homeredirect):
            site.reset()


@dataclass(frozen=True)
class Tls:
    """HTTPS test sites and a client context that trusts their CA (not the self-signed one)."""

    self_signed: Site
    expired: Site
    wrong_host: Site
    good: Site
    trusting: ssl.SSLContext
