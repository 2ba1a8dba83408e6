"""The verdict history, the pure part: failing streaks, confirmations spaced apart, the key."""

from __future__ import annotations

from citecheck.cache.history import (
    MAX_TREND_POINTS,
    Check,
    confirmations,
    history,
    iso,
    streak,
    trend,
)
from citecheck.cache.key import normalise_url, result_key
from citecheck.models import CheckOptions, History, HostSettings, Verdict

HOUR = 3600.0
DAY = 24 * HOUR
FAILING = frozenset({Verdict.DEAD, Verdict.SOFT404})


def test_the_streak_is_the_latest_run_of_failures() -> None:
    checks = [Check(0, Verdict.DEAD, "HTTP 404"), Check(DAY, Verdict.LIVE, "HTTP 200"),
              Check(2 * DAY, Verdict.DEAD, "HTTP 404"), Check(3 * DAY, Verdict.SOFT404, "soft")]
    assert [c.at for c in streak(checks, FAILING)] == [2 * DAY, 3 * DAY]
    assert streak([*checks, Check(4 * DAY, Verdict.LIVE, "")], FAILING) == []


def test_confirmations_count_only_checks_spaced_apart() -> None:
    run = [Check(t, Verdict.DEAD, "") for t in (0, HOUR, 2 * HOUR, DAY, DAY + HOUR, 2 * DAY)]
    assert confirmations(run, DAY) == 3  # 0, 24h, 48h
    assert confirmations(run, HOUR) == 6
    assert confirmations([], DAY) == 0


def test_history_says_since_when_and_how_often() -> None:
    start = 1_793_577_600.0  # 2026-11-02T00:00:00Z
    checks = [Check(start + n * DAY, Verdict.DEAD, "HTTP 404") for n in range(4)]
    assert history(checks, FAILING, DAY) == History("2026-11-02T00:00:00Z", 4, 4)
    assert history([Check(start, Verdict.LIVE, "")], FAILING, DAY) is None
    assert iso(start) == "2026-11-02T00:00:00Z"


def test_normalised_urls_share_a_key() -> None:
    assert normalise_url("HTTPS://Example.ORG:443/a?b=1#frag") == "https://example.org/a?b=1"
    assert normalise_url("http://example.org") == "http://example.org/"
    assert normalise_url("http://example.org:8080/x") == "http://example.org:8080/x"


def test_the_key_changes_with_every_option_that_changes_a_verdict() -> None:
    url = "https://example.org/a"
    base = CheckOptions()
    key = result_key(url, "Title", base)
    assert result_key("https://EXAMPLE.org/a#x", "Title", base) == key
    variants = [
        CheckOptions(timeout=5), CheckOptions(user_agent="bot/2"), CheckOptions(allow_private=True),
        CheckOptions(max_redirects=3), CheckOptions(soft404_probe=False), CheckOptions(retries=0),
        CheckOptions(hosts=(("example.org", HostSettings(headers=(("Cookie", "s=1"),))),)),
        CheckOptions(hosts=(("example.org", HostSettings(accept=(403,))),)),
        CheckOptions(accept=(403,)),  # --accept 403, for every host
        CheckOptions(headers=(("Authorization", "Bearer t"),)),  # -H, for every host
    ]
    keys = {result_key(url, "Title", options) for options in variants}
    assert key not in keys and len(keys) == len(variants)
    assert result_key(url, "Another title", base) != key  # drift is judged against the title
    # Another host's settings do not change this URL's key.
    other = CheckOptions(hosts=(("other.org", HostSettings(user_agent="x"),),))
    assert result_key(url, "Title", other) == key


def test_a_documents_trend_counts_each_note_at_its_urls_latest_check_by_each_run() -> None:
    checks = {
        "https://a.example/": [Check(0, Verdict.LIVE, ""), Check(2 * DAY, Verdict.DEAD, "")],
        "https://b.example/": [Check(DAY, Verdict.TIMEOUT, "")],  # first checked on day 1
        "https://never.example/": [],
    }
    urls = ["https://a.example/", "https://a.example/", "https://b.example/",
            "https://never.example/"]
    points = trend(urls, checks)
    assert [(p.at[:10], p.rotten, p.ok, p.unverifiable) for p in points] == [
        ("1970-01-01", 0, 2, 0),  # b not checked yet: not counted
        ("1970-01-02", 0, 2, 1),  # a's live check still holds (a cached run records nothing)
        ("1970-01-03", 2, 0, 1),
    ]
    assert trend(urls, {}) == ()


def test_a_trend_keeps_the_most_recent_runs() -> None:
    many = [Check(n * DAY, Verdict.LIVE, "") for n in range(MAX_TREND_POINTS + 5)]
    points = trend(["https://a.example/"], {"https://a.example/": many})
    assert len(points) == MAX_TREND_POINTS and points[-1].at == iso(many[-1].at)
