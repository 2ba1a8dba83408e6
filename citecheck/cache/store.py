"""The results cache and verdict history, in one SQLite file in the user's cache directory.

Safe for runs that share it: WAL mode lets readers and one writer work at once, and a busy
timeout makes a second writer wait instead of failing. Each write is its own short transaction.
A file that is not a usable database (a crash mid-write on a filesystem without locking, a stray
file) is reported in one line and rebuilt; a cache that cannot be used at all is reported and the
run goes on without it. The cache never fails a run.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir

from citecheck.cache.history import Check
from citecheck.cache.key import url_key
from citecheck.models import LinkResult, Verdict

FILE_NAME = "results.sqlite3"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 15_000
#: Verdicts not worth remembering: nothing was learnt about the source.
NOT_CACHED = frozenset({Verdict.SKIPPED, Verdict.OFFLINE, Verdict.NO_URL})
_STORED = [f.name for f in fields(LinkResult) if f.name not in ("url", "cached", "history")]

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS results (
    key TEXT PRIMARY KEY,
    checked_at REAL NOT NULL,
    verdict TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS history (
    url_key TEXT NOT NULL,
    at REAL NOT NULL,
    verdict TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS history_by_url ON history (url_key, at);
PRAGMA user_version = {SCHEMA_VERSION};
"""

Warn = Callable[[str], None]


def default_directory() -> str:
    """The user's cache directory for citecheck (XDG on Linux, Library/Caches on macOS…)."""
    return user_cache_dir("citecheck", appauthor=False)


class Cache:
    """An open results cache. Every method swallows database trouble after reporting it once."""

    def __init__(self, path: Path, connection: sqlite3.Connection, warn: Warn) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = connection
        self._warn = warn

    @classmethod
    def open(cls, directory: str | None, warn: Warn) -> Cache | None:
        """The cache in ``directory`` (default: the user cache dir), created if need be;
        rebuilt once if corrupt; None (after a warning) if it cannot be used."""
        path = Path(directory or default_directory()) / FILE_NAME
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            warn(f"the results cache directory '{path.parent}' cannot be created "
                 f"({exc.strerror or exc}); running without the cache")
            return None
        try:
            return cls(path, _connect_waiting(path), warn)
        except sqlite3.DatabaseError as exc:
            if not _corrupt(exc):  # locked, read-only, no space…: not the file's fault
                warn(f"the results cache '{path}' cannot be used ({exc}); running without it")
                return None
            warn(f"the results cache '{path}' was unreadable ({exc}) and has been rebuilt")
        try:
            _remove(path)
            return cls(path, _connect(path), warn)
        except (OSError, sqlite3.DatabaseError) as exc:
            warn(f"the results cache '{path}' cannot be rebuilt ({exc}); running without it")
            return None

    def close(self) -> None:
        """Close the database (idempotent)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def _failed(self, exc: sqlite3.Error) -> None:
        self._warn(f"the results cache '{self.path}' failed ({exc}); the rest of this run "
                   "goes without it")
        self.close()

    def get(
        self, key: str, url: str, now: float, max_age: tuple[float, float]
    ) -> LinkResult | None:
        """The cached result for ``key`` if it is younger than its age limit (live results
        ``max_age[0]``, others ``max_age[1]``), marked ``cached``."""
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT checked_at, verdict, payload FROM results WHERE key = ?", (key,)
            ).fetchone()
        except sqlite3.Error as exc:
            self._failed(exc)
            return None
        if row is None:
            return None
        checked_at, verdict, payload = row
        try:
            result = _load(url, payload)
        except (ValueError, TypeError, KeyError):
            return None  # written by another version: check again, and overwrite it
        limit = max_age[0] if Verdict(verdict).is_ok else max_age[1]
        if not 0 <= now - checked_at < limit:
            return None
        return result

    def put(self, key: str, result: LinkResult, now: float) -> None:
        """Remember a fresh result (not the ones that taught nothing: skipped, offline)."""
        if self._db is None or result.cached or result.status in NOT_CACHED:
            return
        payload = _dump(result)
        try:
            with self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO results (key, checked_at, verdict, payload) "
                    "VALUES (?, ?, ?, ?)", (key, now, result.status.value, payload),
                )
        except sqlite3.Error as exc:
            self._failed(exc)

    def refresh(self, key: str, result: LinkResult) -> None:
        """Rewrite a cached result (its archive look-up, made in this run) without making it
        any younger."""
        if self._db is None:
            return
        payload = _dump(result)
        try:
            with self._db:
                self._db.execute("UPDATE results SET payload = ? WHERE key = ?", (payload, key))
        except sqlite3.Error as exc:
            self._failed(exc)

    def record(self, url: str, result: LinkResult, now: float) -> None:
        """Add a fresh check to the URL's history of verdicts."""
        if self._db is None or result.cached or result.status in NOT_CACHED:
            return
        try:
            with self._db:
                self._db.execute(
                    "INSERT INTO history (url_key, at, verdict, reason) VALUES (?, ?, ?, ?)",
                    (url_key(url), now, result.status.value, result.detail),
                )
        except sqlite3.Error as exc:
            self._failed(exc)

    def checks(self, url: str) -> list[Check]:
        """Every recorded check of ``url``, oldest first."""
        if self._db is None:
            return []
        try:
            rows = self._db.execute(
                "SELECT at, verdict, reason FROM history WHERE url_key = ? ORDER BY at",
                (url_key(url),),
            ).fetchall()
        except sqlite3.Error as exc:
            self._failed(exc)
            return []
        known = {v.value for v in Verdict}
        return [Check(at, Verdict(verdict), reason) for at, verdict, reason in rows
                if verdict in known]


def _connect_waiting(path: Path) -> sqlite3.Connection:
    """:func:`_connect`, waiting (up to the busy timeout) while another run holds the file.

    SQLite answers "database is locked" at once, without its busy handler, when two processes
    open a new file together: switching it to WAL and creating its tables both need the write
    lock, and a reader waiting to upgrade could deadlock. Two CI jobs sharing a cache start
    that way; the second waits for the first to finish setting the file up.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.01
    while True:
        try:
            return _connect(path)
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA journal_mode = WAL")
        check = db.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            raise sqlite3.DatabaseError(f"integrity check: {check[0] if check else 'no answer'}")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, SCHEMA_VERSION):
            raise sqlite3.DatabaseError(f"unknown cache schema version {version}")
        db.executescript(_SCHEMA)
        # executescript commits; back to autocommit, each write in its own ``with`` transaction.
        db.isolation_level = "DEFERRED"
    except BaseException:
        db.close()
        raise
    return db


_CORRUPT = ("not a database", "malformed", "integrity check", "schema version", "corrupt")


def _corrupt(exc: sqlite3.DatabaseError) -> bool:
    """Whether the file itself is bad (rebuild it) rather than out of reach for now."""
    text = str(exc).lower()
    return any(sign in text for sign in _CORRUPT)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{path}{suffix}")


def _plain(value: object) -> object:
    if isinstance(value, tuple):
        return list(value)
    return value


def _dump(result: LinkResult) -> str:
    """The stored fields of ``result`` as JSON (what :func:`_load` reads back)."""
    return json.dumps({name: _plain(getattr(result, name)) for name in _STORED})


def _load(url: str, payload: str) -> LinkResult:
    data: dict[str, Any] = json.loads(payload)
    values = {name: data[name] for name in _STORED}
    values["status"] = Verdict(values["status"])
    values["redirects"] = tuple(values["redirects"])
    return LinkResult(url=url, cached=True, **values)


__all__ = ["Cache", "default_directory"]
