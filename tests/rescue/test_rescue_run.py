"""Rescue inside a run: look-ups overlap the checks of other hosts, never change a verdict, and
the summary counts what can be rescued."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from support.archive import FakeWayback, fake_wayback

from citecheck import pipeline
from citecheck.models import Verdict
from citecheck.settings import Settings


@pytest.fixture
def wayback() -> Iterator[FakeWayback]:
    with fake_wayback() as archive:
        yield archive


@pytest.fixture
def sources(wayback: FakeWayback) -> Iterator[str]:
    """A site where /gone is 404 and /after-archive answers only once the archive was asked."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.startswith("/after-archive"):
                asked = wayback.first_ask.wait(10)
                status = 200 if asked else 503
            else:
                status = 404
            body = b"<html><head><title>Page</title></head><body>Text</body></html>"
            self.send_response(status)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def document(folder: Path, *urls: str) -> Path:
    notes = "\n".join(f"[{n}] Doe, J. “Report {n},” accessed May 4, 2021. {url}"
                      for n, url in enumerate(urls, start=1))
    claims = " ".join(f"Claim {n}.[{n}]" for n in range(1, len(urls) + 1))
    path = folder / "doc.txt"
    path.write_text(f"{claims}\n\nNotes\n\n{notes}\n", encoding="utf-8")
    return path


def run(path: Path, wayback: FakeWayback, **more: object) -> pipeline.Report:
    config = Settings(paths=(str(path),), allow_private=True, timeout=15.0, probe=False,
                      archive_base=wayback.origin, cache=False, **more)  # type: ignore[arg-type]
    return pipeline.run(config)


def test_lookups_start_while_other_hosts_are_still_being_checked(
    sources: str, wayback: FakeWayback, tmp_path: Path
) -> None:
    # /after-archive holds its answer until the archive is asked: were look-ups made after all
    # checks, it would wait out its ten seconds and be reported 503 (blocked/error).
    report = run(document(tmp_path, f"{sources}/gone", f"{sources}/after-archive"), wayback)
    verdicts = [n.status for n in report.documents[0].notes]
    assert verdicts == [Verdict.DEAD, Verdict.LIVE]
    dead = report.documents[0].notes[0]
    assert dead.archive_url == f"https://web.archive.org/web/20210504/{sources}/gone"
    assert dead.archive_timestamp == "20210504"
    assert report.summary.rescuable == 1


def test_a_failing_archive_changes_no_verdict_and_says_why(
    sources: str, wayback: FakeWayback, tmp_path: Path
) -> None:
    wayback.fail_first["/wayback/available"] = [500]
    wayback.fail_first["/cdx/search/cdx"] = [500, 500]
    report = run(document(tmp_path, f"{sources}/gone", f"{sources}/gone-too"), wayback,
                 retries=0)
    first, second = report.documents[0].notes
    assert (first.status, second.status) == (Verdict.DEAD, Verdict.DEAD)
    failed = first if first.archive_url is None else second
    assert failed.archive_url is None
    assert failed.archive_detail == "archive answered HTTP 500"
    assert report.summary.exit_code == 1


def test_archive_all_looks_up_live_sources_too(
    sources: str, wayback: FakeWayback, tmp_path: Path
) -> None:
    wayback.first_ask.set()
    path = document(tmp_path, f"{sources}/after-archive")
    assert run(path, wayback).documents[0].notes[0].archive_url is None
    assert wayback.paths == []
    live = run(path, wayback, archive_all=True).documents[0].notes[0]
    assert live.status is Verdict.LIVE and live.archive_url is not None
    assert run(path, wayback, archive=False).documents[0].notes[0].archive_url is None


def test_a_local_archive_base_is_reached_without_allow_private(
    sources: str, wayback: FakeWayback, tmp_path: Path
) -> None:
    # The source itself is refused (a private address, and no --allow-private), but the archive
    # the operator chose is theirs to reach: --archive-all looks the source up there.
    config = Settings(paths=(str(document(tmp_path, f"{sources}/gone")),), timeout=5.0,
                      archive_base=wayback.origin, cache=False, archive_all=True)
    note = pipeline.run(config).documents[0].notes[0]
    assert note.status is not Verdict.DEAD  # never fetched
    assert note.archive_url == f"https://web.archive.org/web/20210504/{sources}/gone"


def test_local_origins() -> None:
    assert pipeline._local("http://127.0.0.1:8080/")
    assert pipeline._local("http://localhost/")
    assert pipeline._local("http://[::1]:9/")
    assert not pipeline._local("https://archive.org/")
    assert not pipeline._local("https://93.184.216.34/")
