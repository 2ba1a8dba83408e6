"""Rescue, the pure parts: Wayback timestamps, queries, answers and the choice of capture."""

from __future__ import annotations

import pytest

from citecheck.models import Citation, Document, Note, NoteKind
from citecheck.rescue.wayback import (
    BadAnswer,
    Snapshot,
    archived_on,
    availability_url,
    cdx_url,
    choose,
    parse_availability,
    parse_cdx,
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


def test_cdx_queries_live_at_web_archive_org_by_default_and_under_any_other_base() -> None:
    assert cdx_url("https://archive.org/", "https://x.org/a", before="20201117") == (
        "https://web.archive.org/cdx/search/cdx?url=https%3A%2F%2Fx.org%2Fa&output=json"
        "&filter=statuscode%3A200&to=20201117&limit=-1"
    )
    assert cdx_url("http://127.0.0.1:9/", "https://x.org/a", after="2015") == (
        "http://127.0.0.1:9/cdx/search/cdx?url=https%3A%2F%2Fx.org%2Fa&output=json"
        "&filter=statuscode%3A200&from=2015&limit=1"
    )
    assert cdx_url("http://127.0.0.1:9", "https://x.org/a", latest=True).endswith(
        "&filter=statuscode%3A200&limit=-1")


def test_parse_availability() -> None:
    hit = {"archived_snapshots": {"closest": {
        "available": True, "status": "200", "timestamp": "20201117000000",
        "url": "http://web.archive.org/web/20201117000000/https://x.org/a"}}}
    assert parse_availability(hit) == Snapshot(
        "https://web.archive.org/web/20201117000000/https://x.org/a", "20201117000000")
    assert parse_availability({"archived_snapshots": {}}) is None
    assert parse_availability({"url": "x", "archived_snapshots": {}}) is None
    not_ok = {"archived_snapshots": {"closest": {"available": True, "status": "404", "url": "u",
                                                 "timestamp": "2020"}}}
    assert parse_availability(not_ok) is None
    with pytest.raises(BadAnswer):
        parse_availability(["not", "a", "dict"])


CDX_HEADER = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]


def test_parse_cdx_keeps_200_captures_oldest_first() -> None:
    rows = [CDX_HEADER,
            ["org,x)/a", "20210101000000", "https://x.org/a", "text/html", "200", "D", "9"],
            ["org,x)/a", "20190101000000", "https://x.org/a", "text/html", "200", "D", "9"],
            ["org,x)/a", "20200101000000", "https://x.org/a", "text/html", "404", "D", "9"]]
    assert parse_cdx(rows) == [
        Snapshot("https://web.archive.org/web/20190101000000/https://x.org/a", "20190101000000"),
        Snapshot("https://web.archive.org/web/20210101000000/https://x.org/a", "20210101000000"),
    ]
    assert parse_cdx([]) == []
    assert parse_cdx([["timestamp", "original"], ["2019", "https://x.org/a"]]) == [
        Snapshot("https://web.archive.org/web/2019/https://x.org/a", "2019")]
    for bad in ({"a": 1}, [["urlkey"], ["x"]], [CDX_HEADER, ["short"]], "text"):
        with pytest.raises(BadAnswer):
            parse_cdx(bad)


def _shot(stamp: str) -> Snapshot:
    return Snapshot(f"https://web.archive.org/web/{stamp}/https://x.org/a", stamp)


@pytest.mark.parametrize(
    ("stamps", "cited", "expected"),
    [
        # The last capture before the date wins, even over a closer one after it.
        (["20190101000000", "20201110000000", "20201118000000"], "20201117", "20201110000000"),
        # The same day counts as before.
        (["20201117235959", "20201201000000"], "20201117", "20201117235959"),
        # Nothing before: the first after.
        (["20210101000000", "20220101000000"], "20201117", "20210101000000"),
        # A year-only date: anything in that year is "before" its end.
        (["2015063000000", "20160101000000"], "2015", "2015063000000"),
        # No date at all: the latest.
        (["20190101000000", "20210101000000"], None, "20210101000000"),
    ],
)
def test_choose_prefers_the_closest_capture_before_the_date(
    stamps: list[str], cited: str | None, expected: str
) -> None:
    assert choose([_shot(s) for s in stamps], cited) == _shot(expected)


def test_choose_without_captures() -> None:
    assert choose([], "2020") is None


def test_archived_on_reads_like_a_citation() -> None:
    assert archived_on("20201117083000") == "17 November 2020"
    assert archived_on("202011") == "November 2020"
    assert archived_on("2020") == "2020"
