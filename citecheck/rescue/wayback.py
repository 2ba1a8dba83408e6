"""Rescue: find an archived snapshot of a rotten source near the date it was cited.

Uses the Wayback Machine's availability API (``/wayback/available?url=…&timestamp=…``), which
answers with the snapshot closest to the timestamp. The timestamp comes from the note's
"Accessed" date, else its publication date: the snapshot nearest to when the writer read the page
is the best witness of what they cited. Date parsing and answer parsing are pure; only
:func:`find_snapshots` does I/O, through the run's one client.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable, Mapping
from urllib.parse import quote, urlencode

import httpx

from citecheck.models import Document, LinkResult, NoteKind, Verdict

DEFAULT_ARCHIVE_BASE = "https://archive.org/"
#: Verdicts worth a rescue: the source is gone, or changed, or could not be reached at all.
RESCUE_VERDICTS = frozenset(
    {Verdict.DEAD, Verdict.SOFT404, Verdict.DRIFTED, Verdict.ERROR, Verdict.TIMEOUT}
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DATE_FORMS = [
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})"),
    re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"),
    re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})"),
    re.compile(rf"{_MONTH},?\s+(?P<year>\d{{4}})"),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})(?!\d)"),
]


def wayback_timestamp(*dates: str | None) -> str | None:
    """The first parseable date among ``dates`` as a Wayback timestamp (YYYYMMDD, or shorter).

    "November 17, 2020" → "20201117"; "June 2019" → "201906"; "2015" → "2015".
    """
    for text in dates:
        if not text:
            continue
        for form in _DATE_FORMS:
            for match in form.finditer(text):
                stamp = _stamp(match)
                if stamp:
                    return stamp
    return None


def _stamp(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if not 1991 <= year <= 2100:  # nothing was on the web before 1991
        return None
    month: int | None = None
    if groups.get("mnum"):
        month = int(groups["mnum"])
    elif groups.get("month"):
        month = _MONTHS.get(groups["month"].lower())
        if month is None:
            return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if groups.get("day"):
        day = int(groups["day"])
        if not 1 <= day <= 31:
            return None
        return f"{year:04d}{month:02d}{day:02d}"
    return f"{year:04d}{month:02d}"


def rescue_dates(documents: Iterable[Document]) -> dict[str, str | None]:
    """Each cited URL mapped to the Wayback timestamp of the note that cites it first."""
    stamps: dict[str, str | None] = {}
    for document in documents:
        for note in document.notes:
            if note.kind in (NoteKind.IBID, NoteKind.SHORT):
                continue
            stamp = wayback_timestamp(note.citation.accessed, note.citation.date, note.text)
            for url in note.sources:
                if stamps.get(url) is None:
                    stamps[url] = stamp
    return stamps


def availability_url(base: str, url: str, timestamp: str | None) -> str:
    """The availability-API query for ``url`` near ``timestamp``."""
    params = {"url": url}
    if timestamp:
        params["timestamp"] = timestamp
    return f"{base.rstrip('/')}/wayback/available?{urlencode(params, quote_via=quote)}"


def parse_availability(payload: object) -> str | None:
    """The closest snapshot URL in an availability-API answer, if it is a usable capture."""
    if not isinstance(payload, dict):
        return None
    snapshots = payload.get("archived_snapshots")
    if not isinstance(snapshots, dict):
        return None
    closest = snapshots.get("closest")
    if not isinstance(closest, dict) or closest.get("available") is False:
        return None
    status = str(closest.get("status", "200"))
    snapshot = closest.get("url")
    if not isinstance(snapshot, str) or not status.startswith("2"):
        return None
    # The API answers http:// snapshot URLs; archive.org serves them over https as well.
    return re.sub(r"^http://web\.archive\.org/", "https://web.archive.org/", snapshot)


async def find_snapshots(
    client: httpx.AsyncClient,
    links: Mapping[str, LinkResult],
    stamps: Mapping[str, str | None],
    *,
    base: str = DEFAULT_ARCHIVE_BASE,
    timeout: float = 20.0,
    concurrency: int = 4,
) -> dict[str, str]:
    """Snapshot URLs for the links whose verdict is worth a rescue.

    A failed lookup is simply no snapshot: rescue never changes a verdict or fails a run.
    """
    wanted = [url for url, result in links.items() if result.status in RESCUE_VERDICTS]
    gate = asyncio.Semaphore(max(1, concurrency))

    async def lookup(url: str) -> tuple[str, str | None]:
        async with gate:
            try:
                async with asyncio.timeout(timeout):
                    response = await client.get(
                        availability_url(base, url, stamps.get(url)),
                        headers={"Accept": "application/json"},
                        follow_redirects=True,
                    )
                    if response.status_code != 200:
                        return url, None
                    return url, parse_availability(response.json())
            except (httpx.HTTPError, TimeoutError, ValueError):
                return url, None

    found = await asyncio.gather(*(lookup(url) for url in wanted))
    return {url: snapshot for url, snapshot in found if snapshot}
