"""Rescue: find an archived snapshot of a rotten source near the date it was cited.

The date is the note's "Accessed" date, else its publication date: the snapshot nearest to when
the writer read the page is the best witness of what they cited, and one taken *before* that date
is preferred to one taken after (the page may already have changed by then).

Two Wayback APIs are asked, under one origin (``--archive-base``):

* the availability API, ``{base}/wayback/available?url=…&timestamp=YYYYMMDD``, which answers
  ``{"archived_snapshots": {"closest": {"available": true, "url": …, "timestamp": …,
  "status": "200"}}}`` with the capture closest to the timestamp on either side;
* the CDX API, ``{base}/cdx/search/cdx?url=…&output=json&filter=statuscode:200&…``, which
  answers a header row then rows of ``[urlkey, timestamp, original, mimetype, statuscode,
  digest, length]``. It is asked when the closest capture is *after* the date (for the last
  capture before it, ``to=…&limit=-1``), and as the fallback when the availability API has
  nothing usable (``from=…&limit=1``, or the latest capture when no date is known). Only
  captures whose status is 200 count, so an archived error page is never offered as a rescue.

The default origin is the Internet Archive's own, where the two APIs live on two hosts:
availability at ``https://archive.org``, CDX at ``https://web.archive.org``. Any other
``--archive-base`` serves both. Snapshot links always name the replay at
``https://web.archive.org/web/<timestamp>/<url>``, the form the archive itself answers with.

Date parsing, query building and answer parsing are pure; the I/O is in
:mod:`citecheck.rescue.lookup`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from citecheck.check.credentials import strip_userinfo_url
from citecheck.models import Document, NoteKind, Verdict

DEFAULT_ARCHIVE_BASE = "https://archive.org/"
#: Where the CDX API lives when the base is the default (the Internet Archive splits them).
DEFAULT_CDX_BASE = "https://web.archive.org/"
REPLAY_BASE = "https://web.archive.org/web/"
#: Verdicts worth a rescue: the source is gone, or no longer shows what was cited.
RESCUE_VERDICTS = frozenset({Verdict.DEAD, Verdict.SOFT404, Verdict.DRIFTED})

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
            if note.kind in (NoteKind.IBID, NoteKind.SHORT) and not note.sources:
                continue  # (a short form that writes an address again has it rescued too)
            stamp = wayback_timestamp(note.citation.accessed, note.citation.date, note.text)
            for url in note.sources:
                if stamps.get(url) is None:
                    stamps[url] = stamp
    return stamps


def _origin(base: str) -> str:
    return base.rstrip("/")


def cdx_base(base: str) -> str:
    """The origin of the CDX API for an ``--archive-base`` (see the module docstring)."""
    if _origin(base) == _origin(DEFAULT_ARCHIVE_BASE):
        return DEFAULT_CDX_BASE
    return base


def availability_url(base: str, url: str, timestamp: str | None) -> str:
    """The availability-API query for ``url`` near ``timestamp``.

    A ``user:password@`` in the cited URL is not sent: it is no business of the archive's, and
    the Wayback Machine files captures without it."""
    params = {"url": strip_userinfo_url(url)}
    if timestamp:
        params["timestamp"] = timestamp
    return f"{_origin(base)}/wayback/available?{urlencode(params, quote_via=quote)}"


def cdx_url(
    base: str, url: str, *, before: str | None = None, after: str | None = None,
    latest: bool = False,
) -> str:
    """A CDX query for the 200 captures of ``url``: the last one up to ``before``, the first
    one from ``after``, or (``latest``) the last of all."""
    params = [("url", strip_userinfo_url(url)), ("output", "json"), ("filter", "statuscode:200")]
    if before:
        params += [("to", before), ("limit", "-1")]
    elif after:
        params += [("from", after), ("limit", "1")]
    elif latest:
        params += [("limit", "-1")]
    return f"{_origin(cdx_base(base))}/cdx/search/cdx?{urlencode(params, quote_via=quote)}"


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One archived capture: where to read it and when it was taken (Wayback timestamp)."""

    url: str
    timestamp: str


class BadAnswer(ValueError):
    """An archive answer that is not the shape the API documents."""


def replay_url(timestamp: str, original: str) -> str:
    """The Wayback replay address of a capture."""
    return f"{REPLAY_BASE}{timestamp}/{original}"


def _https(snapshot: str) -> str:
    # The API answers http:// snapshot URLs; archive.org serves them over https as well.
    return re.sub(r"^http://web\.archive\.org/", "https://web.archive.org/", snapshot)


def parse_availability(payload: object) -> Snapshot | None:
    """The closest capture in an availability-API answer, if it is a usable (200) capture.

    Raises :class:`BadAnswer` when the answer is not the documented object at all.
    """
    if not isinstance(payload, dict):
        raise BadAnswer("the availability API answered something other than a JSON object")
    snapshots = payload.get("archived_snapshots")
    if snapshots in (None, [], {}):
        return None
    if not isinstance(snapshots, dict):
        raise BadAnswer("the availability API answered no archived_snapshots object")
    closest = snapshots.get("closest")
    if not isinstance(closest, dict) or closest.get("available") is False:
        return None
    status = str(closest.get("status", "200"))
    snapshot = closest.get("url")
    stamp = closest.get("timestamp")
    if not isinstance(snapshot, str) or not status.startswith("2"):
        return None
    if not isinstance(stamp, str) or not stamp.isdigit():
        found = re.search(r"/web/(\d{4,14})", snapshot)
        if found is None:
            return None
        stamp = found.group(1)
    return Snapshot(_https(snapshot), stamp)


def parse_cdx(payload: object) -> list[Snapshot]:
    """The 200 captures in a CDX ``output=json`` answer, oldest first.

    The first row names the fields (``urlkey, timestamp, original, mimetype, statuscode, digest,
    length`` unless ``fl=`` chose others); ``[]`` means no capture. Rows whose status is not 200
    are dropped even if the server ignored ``filter=``. Raises :class:`BadAnswer` on any other
    shape.
    """
    if payload == []:
        return []
    if not isinstance(payload, list) or not all(isinstance(row, list) for row in payload):
        raise BadAnswer("the CDX API answered something other than a list of rows")
    header = [str(name) for name in payload[0]]
    try:
        at_time, at_original = header.index("timestamp"), header.index("original")
    except ValueError:
        raise BadAnswer("the CDX API answered no timestamp/original columns") from None
    at_status = header.index("statuscode") if "statuscode" in header else None
    found = []
    for row in payload[1:]:
        if len(row) != len(header):
            raise BadAnswer("the CDX API answered a row of the wrong length")
        stamp, original = str(row[at_time]), str(row[at_original])
        if at_status is not None and str(row[at_status]) != "200":
            continue
        if stamp.isdigit() and original:
            found.append(Snapshot(replay_url(stamp, original), stamp))
    return sorted(found, key=lambda snapshot: snapshot.timestamp)


def is_before(snapshot: Snapshot, stamp: str) -> bool:
    """Whether a capture was taken on or before the (possibly shortened) timestamp ``stamp``."""
    return snapshot.timestamp[: len(stamp)] <= stamp


def choose(captures: Sequence[Snapshot], stamp: str | None) -> Snapshot | None:
    """The best capture for a source cited at ``stamp``: the last one on or before it, else the
    first one after it; without a date, the latest."""
    if not captures:
        return None
    ordered = sorted(captures, key=lambda snapshot: snapshot.timestamp)
    if stamp is None:
        return ordered[-1]
    before = [snapshot for snapshot in ordered if is_before(snapshot, stamp)]
    return before[-1] if before else ordered[0]


def archived_on(timestamp: str) -> str:
    """A Wayback timestamp as a date people read: ``20201117…`` → ``17 November 2020``."""
    year, month, day = timestamp[:4], timestamp[4:6], timestamp[6:8]
    names = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
    if not (month.isdigit() and 1 <= int(month) <= 12):
        return year
    if not (day.isdigit() and 1 <= int(day) <= 31):
        return f"{names[int(month) - 1]} {year}"
    return f"{int(day)} {names[int(month) - 1]} {year}"


def archived_when(timestamp: str) -> str:
    """The date of a capture after a preposition: "on 17 November 2020", "in May 2015"."""
    when = archived_on(timestamp)
    return f"on {when}" if when[:1].isdigit() and len(timestamp) >= 8 else f"in {when}"


def iso_date(timestamp: str) -> str:
    """A Wayback timestamp as an ISO date (``2020-11-17``), shortened with the timestamp."""
    parts = [timestamp[:4], timestamp[4:6], timestamp[6:8]]
    return "-".join(part for part in parts if part)
