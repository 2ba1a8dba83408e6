"""Rescue: Wayback timestamps, availability answers, and lookups against a local fake archive."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from support.archive import FakeWayback, fake_wayback

from citecheck.models import Citation, Document, LinkResult, Note, NoteKind, Verdict
from citecheck.rescue.wayback import (
    availability_url,
    find_snapshots,
    parse_availability,
    rescue_dates,
    wayback_timestamp,
)


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (("November 17, 2020",), "20201117"),
        (("Accessed Nov. 3, 2019",), "20191103"),
        (("17 November 2020",), "20201117"),
        (("2021-03-04",), "20210304"),
        (("June 2019",), "201906"),
        (("2015",), "2015"),
        ((None, "September 21, 2020"), "20200921"),
        (("no date here", None), None),
        (("Smarch 3, 2020",), "2020"),
        (("1066",), None),
    ],
)
def test_wayback_timestamp(dates: tuple[str | None, ...], expected: str | None) -> None:
    assert wayback_timestamp(*dates) == expected


def test_rescue_dates_prefers_accessed_over_published() -> None:
    note = Note(
        label="vi", index=0, line=1, kind=NoteKind.FULL, text="",
        citation=Citation(date="May 15, 2015", accessed="November 17, 2020"),
        urls=("https://example.org/history",),
    )
    assert rescue_dates([Document("a.txt", "text", (note,))]) == {
        "https://example.org/history": "20201117"
    }


def test_availability_url_quotes_the_cited_url() -> None:
    url = availability_url("https://archive.org/", "https://x.org/a?b=1&c=2#f", "20201117")
    assert url == (
        "https://archive.org/wayback/available?url=https%3A%2F%2Fx.org%2Fa%3Fb%3D1%26c%3D2%23f"
        "&timestamp=20201117"
    )


def test_parse_availability() -> None:
    hit = {"archived_snapshots": {"closest": {
        "available": True, "status": "200", "timestamp": "20201117000000",
        "url": "http://web.archive.org/web/20201117000000/https://x.org/a"}}}
    assert parse_availability(hit) == "https://web.archive.org/web/20201117000000/https://x.org/a"
    assert parse_availability({"archived_snapshots": {}}) is None
    not_ok = {"archived_snapshots": {"closest": {"available": True, "status": "404", "url": "u"}}}
    assert parse_availability(not_ok) is None
    assert parse_availability(["not", "a", "dict"]) is None


@pytest.fixture
def wayback() -> Iterator[FakeWayback]:
    with fake_wayback() as archive:
        yield archive


def test_find_snapshots_asks_only_for_rotten_links(wayback: FakeWayback) -> None:
    links = {
        "https://gone.example/a": LinkResult("https://gone.example/a", Verdict.DEAD, "HTTP 404"),
        "https://fine.example/b": LinkResult("https://fine.example/b", Verdict.LIVE, "HTTP 200"),
        "https://never-archived.example/c": LinkResult(
            "https://never-archived.example/c", Verdict.SOFT404, "soft 404"),
        "https://broken-archive.example/d": LinkResult(
            "https://broken-archive.example/d", Verdict.TIMEOUT, "timeout"),
    }
    stamps = {"https://gone.example/a": "20201117"}

    async def run() -> dict[str, str]:
        async with httpx.AsyncClient() as client:
            return await find_snapshots(client, links, stamps, base=wayback.origin, timeout=5)

    found = asyncio.run(run())
    assert found == {
        "https://gone.example/a": "https://web.archive.org/web/20201117/https://gone.example/a"
    }
    asked = sorted(hit["url"][0] for hit in wayback.asked)
    assert asked == [
        "https://broken-archive.example/d",
        "https://gone.example/a",
        "https://never-archived.example/c",
    ]
    gone = next(h for h in wayback.asked if h["url"][0] == "https://gone.example/a")
    assert gone["timestamp"] == ["20201117"]
