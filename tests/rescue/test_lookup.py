"""Rescue look-ups against a fake Wayback Machine on 127.0.0.1 (both APIs, real formats)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from support.archive import FakeWayback, fake_wayback

from citecheck.models import CheckOptions
from citecheck.rescue.lookup import NO_SNAPSHOT, Archive, Rescue

AVAILABLE = "/wayback/available"
CDX = "/cdx/search/cdx"
CITED = "https://gone.example/page"


@pytest.fixture
def wayback() -> Iterator[FakeWayback]:
    with fake_wayback() as archive:
        yield archive


async def _no_sleep(seconds: float) -> None:
    return None


def rescue(wayback: FakeWayback, url: str, stamp: str | None, **options: object) -> Rescue:
    async def go() -> Rescue:
        async with httpx.AsyncClient() as client:
            archive = Archive(client, CheckOptions(**{"timeout": 5.0, **options}),  # type: ignore[arg-type]
                              wayback.origin, sleep=_no_sleep)
            return await archive.rescue(url, stamp)

    return asyncio.run(go())


def replay(stamp: str, url: str = CITED) -> str:
    return f"https://web.archive.org/web/{stamp}/{url}"


def test_a_capture_before_the_date_needs_only_the_availability_api(wayback: FakeWayback) -> None:
    wayback.captures[CITED] = [("20190101000000", 200), ("20201101000000", 200)]
    found = rescue(wayback, CITED, "20201117")
    assert found.snapshot is not None
    assert (found.snapshot.url, found.snapshot.timestamp) == (
        replay("20201101000000"), "20201101000000")
    assert wayback.paths == [AVAILABLE]
    assert wayback.asked[0]["timestamp"] == ["20201117"]


def test_the_closest_capture_before_the_date_beats_a_closer_one_after(
    wayback: FakeWayback,
) -> None:
    wayback.captures[CITED] = [("20190101000000", 200), ("20201118000000", 200)]
    found = rescue(wayback, CITED, "20201117")
    assert found.snapshot is not None and found.snapshot.timestamp == "20190101000000"
    assert wayback.paths == [AVAILABLE, CDX]
    cdx = wayback.asked[1]
    assert (cdx["output"], cdx["filter"], cdx["to"], cdx["limit"]) == (
        ["json"], ["statuscode:200"], ["20201117"], ["-1"])


def test_only_a_capture_after_the_date_is_taken_when_there_is_none_before(
    wayback: FakeWayback,
) -> None:
    wayback.captures[CITED] = [("20210301000000", 200), ("20230101000000", 200)]
    found = rescue(wayback, CITED, "20201117")
    assert found.snapshot is not None and found.snapshot.timestamp == "20210301000000"


def test_an_archived_error_page_is_never_the_rescue(wayback: FakeWayback) -> None:
    # The availability API's closest capture is an archived 404; CDX finds the 200 before it.
    wayback.captures[CITED] = [("20180101000000", 200), ("20201116000000", 404)]
    found = rescue(wayback, CITED, "20201117")
    assert found.snapshot is not None and found.snapshot.timestamp == "20180101000000"


def test_only_error_pages_archived_means_no_rescue(wayback: FakeWayback) -> None:
    wayback.captures[CITED] = [("20201116000000", 404), ("20201118000000", 500)]
    found = rescue(wayback, CITED, "20201117")
    assert found == Rescue(None, NO_SNAPSHOT)
    assert wayback.hits(CDX) == 2  # before the date, then after it


def test_cdx_is_the_fallback_when_the_availability_api_fails(wayback: FakeWayback) -> None:
    wayback.captures[CITED] = [("20200101000000", 200)]
    wayback.fail_first[AVAILABLE] = [500]
    found = rescue(wayback, CITED, "20201117", retries=0)
    assert found.snapshot is not None and found.snapshot.url == replay("20200101000000")
    assert wayback.paths == [AVAILABLE, CDX]


def test_without_a_date_the_latest_capture(wayback: FakeWayback) -> None:
    wayback.captures[CITED] = [("20150101000000", 200), ("20240101000000", 200)]
    wayback.fail_first[AVAILABLE] = [404]
    found = rescue(wayback, CITED, None, retries=0)
    assert found.snapshot is not None and found.snapshot.timestamp == "20240101000000"
    assert "timestamp" not in wayback.asked[0]


def test_archive_requests_are_retried_like_any_host(wayback: FakeWayback) -> None:
    wayback.fail_first[AVAILABLE] = [503, 429]
    found = rescue(wayback, CITED, "20201117", retries=2)
    assert found.snapshot is not None and found.snapshot.timestamp == "20201117"
    assert wayback.hits(AVAILABLE) == 3


@pytest.mark.parametrize(
    ("url", "options", "reason"),
    [
        ("https://broken-archive.example/a", {"retries": 0}, "archive answered HTTP 500"),
        ("https://bad-json.example/a", {}, "archive answered malformed JSON"),
        ("https://hang-archive.example/a", {"timeout": 0.3, "retries": 0},
         "archive timed out after 0.3s"),
        ("https://never-archived.example/a", {}, NO_SNAPSHOT),
    ],
)
def test_a_failing_archive_is_no_snapshot_and_a_reason(
    wayback: FakeWayback, url: str, options: dict[str, object], reason: str
) -> None:
    assert rescue(wayback, url, "20201117", **options) == Rescue(None, reason)


def test_a_500_is_an_answer_not_retried_as_for_any_host(wayback: FakeWayback) -> None:
    rescue(wayback, "https://broken-archive.example/a", "20201117", retries=1)
    # The availability API, then CDX before the date and after it: each asked once.
    assert (wayback.hits(AVAILABLE), wayback.hits(CDX)) == (1, 2)


def test_credentials_in_a_cited_url_are_not_sent_to_the_archive(wayback: FakeWayback) -> None:
    # A password written in a cited URL is the document's business, not archive.org's; the
    # Wayback Machine ignores userinfo anyway, so the look-up asks for the URL without it.
    cited = "https://reader:hunter2@gone.example/page"
    wayback.captures["https://gone.example/page"] = [("20201118000000", 200)]
    found = rescue(wayback, cited, "20201117")
    assert wayback.asked and all(q["url"] == ["https://gone.example/page"] for q in wayback.asked)
    assert found.snapshot is not None and found.snapshot.timestamp == "20201118000000"
    assert "hunter2" not in found.snapshot.url and "reader" not in found.snapshot.url
