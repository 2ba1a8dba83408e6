"""The SQLite results cache: ages, history, two runs at once, a corrupt file, secrets kept out."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from citecheck.cache.store import FILE_NAME, Cache
from citecheck.models import LinkResult, Verdict

HOUR = 3600.0
AGES = (24 * HOUR, HOUR)
LIVE = LinkResult("https://a.example/", Verdict.LIVE, "HTTP 200", http_status=200,
                  redirects=("https://a.example/x",), elapsed_ms=12, attempts=1)
DEAD = LinkResult("https://b.example/", Verdict.DEAD, "HTTP 404", http_status=404,
                  archive_url="https://web.archive.org/web/2020/https://b.example/",
                  archive_timestamp="2020")


def open_cache(folder: Path, warnings: list[str]) -> Cache:
    cache = Cache.open(str(folder), warnings.append)
    assert cache is not None
    return cache


def test_results_come_back_marked_cached_until_their_age(tmp_path: Path) -> None:
    warnings: list[str] = []
    cache = open_cache(tmp_path, warnings)
    cache.put("k-live", LIVE, now=1000.0)
    cache.put("k-dead", DEAD, now=1000.0)
    hit = cache.get("k-live", LIVE.url, 1000.0 + 23 * HOUR, AGES)
    assert hit is not None and hit.cached and hit.redirects == LIVE.redirects
    assert hit == LinkResult(**{**_fields(LIVE), "cached": True})
    dead = cache.get("k-dead", DEAD.url, 1000.0 + 0.5 * HOUR, AGES)
    assert dead is not None and dead.archive_url == DEAD.archive_url
    assert cache.get("k-dead", DEAD.url, 1000.0 + 1.5 * HOUR, AGES) is None  # failures: an hour
    assert cache.get("k-live", LIVE.url, 1000.0 + 25 * HOUR, AGES) is None  # live: a day
    assert cache.get("k-live", LIVE.url, 500.0, AGES) is None  # from the future: not trusted
    assert cache.get("missing", LIVE.url, 1000.0, AGES) is None
    assert warnings == []


def _fields(result: LinkResult) -> dict[str, object]:
    return {name: getattr(result, name) for name in result.__dataclass_fields__}


def test_skipped_and_offline_results_are_not_remembered(tmp_path: Path) -> None:
    cache = open_cache(tmp_path, [])
    for verdict in (Verdict.SKIPPED, Verdict.OFFLINE):
        result = LinkResult("https://c.example/", verdict, "x")
        cache.put("k", result, now=1.0)
        cache.record(result.url, result, now=1.0)
    assert cache.get("k", "https://c.example/", 2.0, AGES) is None
    assert cache.checks("https://c.example/") == []


def test_history_is_kept_per_normalised_url(tmp_path: Path) -> None:
    cache = open_cache(tmp_path, [])
    cache.record("https://b.example/", DEAD, now=10.0)
    cache.record("HTTPS://B.EXAMPLE/#top", DEAD, now=20.0)
    assert [(c.at, c.verdict, c.reason) for c in cache.checks("https://b.example/")] == [
        (10.0, Verdict.DEAD, "HTTP 404"), (20.0, Verdict.DEAD, "HTTP 404")]


def test_a_corrupt_file_is_reported_once_and_rebuilt(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_bytes(b"this is not a database, just some bytes" * 200)
    warnings: list[str] = []
    cache = open_cache(tmp_path, warnings)
    assert len(warnings) == 1 and "has been rebuilt" in warnings[0]
    cache.put("k", LIVE, now=1.0)
    assert cache.get("k", LIVE.url, 2.0, AGES) is not None


def test_a_cache_directory_that_cannot_exist_is_a_warning(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    warnings: list[str] = []
    assert Cache.open(str(blocker / "cache"), warnings.append) is None
    assert len(warnings) == 1 and "running without the cache" in warnings[0]


def test_wal_mode_and_nothing_secret_in_the_file(tmp_path: Path) -> None:
    cache = open_cache(tmp_path, [])
    cache.put("0" * 64, LIVE, now=1.0)
    cache.close()
    with sqlite3.connect(tmp_path / FILE_NAME) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        rows = list(db.execute("SELECT key, payload FROM results"))
    # Only the digest identifies a result (it hashes the headers and user agent used).
    assert [key for key, _ in rows] == ["0" * 64]
    assert '"url"' not in rows[0][1]


def test_a_cache_of_another_schema_version_is_rebuilt(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / FILE_NAME) as db:
        db.execute("PRAGMA user_version = 99")
    warnings: list[str] = []
    open_cache(tmp_path, warnings)
    assert len(warnings) == 1 and "schema version 99" in warnings[0]


def test_a_read_only_cache_is_left_alone(tmp_path: Path) -> None:
    cache = open_cache(tmp_path, [])
    cache.put("k", LIVE, now=1.0)
    cache.close()
    for name in tmp_path.iterdir():
        name.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        warnings: list[str] = []
        again = Cache.open(str(tmp_path), warnings.append)
        if again is not None:  # root may write anyway: then it simply works
            assert again.get("k", LIVE.url, 2.0, AGES) is not None
            again.close()
        else:
            assert len(warnings) == 1 and "running without it" in warnings[0]
        assert (tmp_path / FILE_NAME).exists()  # never deleted for being out of reach
    finally:
        tmp_path.chmod(0o755)


def test_refresh_rewrites_a_result_without_making_it_younger(tmp_path: Path) -> None:
    cache = open_cache(tmp_path, [])
    cache.put("k", DEAD, now=1000.0)
    archived = LinkResult(**{**_fields(DEAD), "archive_url": "https://web.archive.org/web/1/x",
                             "archive_timestamp": "1", "cached": True})
    cache.refresh("k", archived)
    hit = cache.get("k", DEAD.url, 1000.0 + 0.5 * HOUR, AGES)
    assert hit is not None and hit.archive_url == "https://web.archive.org/web/1/x"
    assert cache.get("k", DEAD.url, 1000.0 + 1.5 * HOUR, AGES) is None  # still its first age


def test_a_file_another_run_is_setting_up_is_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SQLite says "database is locked" at once (no busy handler) while a second process sets
    # up the same new file; the run waits for it instead of going without the cache.
    from citecheck.cache import store

    real = store._connect
    calls: list[int] = []

    def busy_twice(path: Path) -> sqlite3.Connection:
        calls.append(1)
        if len(calls) <= 2:
            raise sqlite3.OperationalError("database is locked")
        return real(path)

    monkeypatch.setattr(store, "_connect", busy_twice)
    warnings: list[str] = []
    cache = Cache.open(str(tmp_path), warnings.append)
    assert cache is not None and warnings == [] and len(calls) == 3
    cache.close()


def test_a_file_locked_for_good_is_a_warning_not_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from citecheck.cache import store

    def locked(path: Path) -> sqlite3.Connection:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(store, "_connect", locked)
    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 50)
    warnings: list[str] = []
    assert Cache.open(str(tmp_path), warnings.append) is None
    assert len(warnings) == 1 and "database is locked" in warnings[0]
