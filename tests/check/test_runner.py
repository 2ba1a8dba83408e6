"""check_urls(): verdicts per route, politeness, the soft-404 probe and offline settlement."""

from __future__ import annotations

import asyncio
import itertools
import socket
import time
from urllib.parse import urlencode

import pytest
from support.server import SOLAR_TITLE, Web

from citecheck.check import CheckRun, check_urls
from citecheck.check.runner import (
    OFFLINE_DETAIL,
    _started,
    host_settings,
    is_offline,
    link_result,
    settle_unreachable,
)
from citecheck.models import (
    CheckOptions,
    FailureKind,
    FetchFacts,
    Hop,
    HostSettings,
    LinkResult,
    PageFacts,
    Verdict,
)

from .support import SLACK, Sleeps, check, local

# path → (verdict, HTTP status, cited title)
MAIN_CASES: dict[str, tuple[Verdict, int | None, str | None]] = {
    "/page": (Verdict.LIVE, 200, "Solar power adoption report 2020"),
    "/missing": (Verdict.DEAD, 404, None),
    "/gone": (Verdict.DEAD, 410, None),
    "/moved-301": (Verdict.MOVED, 200, None),
    "/moved-308": (Verdict.MOVED, 200, None),
    "/temp-302": (Verdict.LIVE, 200, None),
    "/auth": (Verdict.BLOCKED, 401, None),
    "/forbidden": (Verdict.BLOCKED, 403, None),
    "/legal": (Verdict.BLOCKED, 451, None),
    "/bot-block": (Verdict.BLOCKED, 999, None),
    "/rate-forever": (Verdict.BLOCKED, 429, None),
    "/error-500": (Verdict.ERROR, 500, None),
    "/loop-a": (Verdict.ERROR, None, None),
    "/chain/12": (Verdict.ERROR, None, None),
    "/cookie-gate": (Verdict.LIVE, 200, None),
    "/reset": (Verdict.ERROR, None, None),
    "/malformed": (Verdict.ERROR, None, None),
    "/challenge": (Verdict.BLOCKED, 403, None),
    "/challenge-503": (Verdict.BLOCKED, 503, None),
    "/members/report": (Verdict.BLOCKED, 200, None),
    "/password-page": (Verdict.BLOCKED, 200, None),
    "/drifted": (Verdict.DRIFTED, 200, SOLAR_TITLE),
    "/politico": (Verdict.LIVE, 200, "“Trump's border wall isn't finished”"),
    "/report.pdf": (Verdict.LIVE, 200, None),
    "/parked": (Verdict.DEAD, 200, SOLAR_TITLE),
    "/refresh-home": (Verdict.SOFT404, 200, None),
    "/refresh-page": (Verdict.LIVE, 200, None),
}
# path → the reason shown to a reader; "{origin}" is the test site's origin.
MAIN_DETAILS: dict[str, str] = {
    "/page": "HTTP 200",
    "/missing": "HTTP 404",
    "/gone": "HTTP 410 Gone",
    "/moved-301": "moved permanently to {origin}/page",
    "/moved-308": "moved permanently to {origin}/page",
    "/temp-302": "HTTP 200",
    "/auth": "HTTP 401",
    "/forbidden": "HTTP 403",
    "/legal": "HTTP 451 Unavailable For Legal Reasons",
    "/bot-block": "HTTP 999 (bot block)",
    "/rate-forever": "HTTP 429 Too Many Requests",
    "/error-500": "HTTP 500",
    "/loop-a": "redirect loop after 2 hops",
    "/chain/12": "too many redirects (more than 10)",
    "/cookie-gate": "HTTP 200",
    "/reset": "connection reset by peer",
    "/malformed": "malformed response: illegal status line: HTTP/1.1 two hundred OK",
    "/challenge": "bot challenge (Cloudflare)",
    "/challenge-503": "bot challenge (Cloudflare)",
    "/members/report": "login required: redirected to /login",
    "/password-page": "login required: page asks for a password",
    "/drifted": "page title no longer matches: “Best Garden Furniture Deals 2024”",
    "/politico": "HTTP 200",
    "/report.pdf": "HTTP 200",
    "/parked": "lapsed domain: parked page says “example-research.org is for sale”",
    "/refresh-home": "page refreshes to the home page",
    "/refresh-page": "HTTP 200, page refreshes to {origin}/page-two",
}
# Paths requested more than once in one run, and why.
EXPECTED_HITS = {
    "/rate-forever": 3,  # 429: retried twice
    "/reset": 3,  # reset: retried twice
    "/challenge-503": 3,  # 503: retried twice
    "/page": 4,  # cited once, and the target of /moved-301, /moved-308 and /temp-302
    "/cookie-gate": 2,  # redirects to itself once, with the cookie set
}


@pytest.fixture(scope="module")
def main_run(sites: Web) -> tuple[CheckRun, dict[str, int]]:
    """One run over every case of the honest site, and the hits it caused."""
    sites.reset()
    targets = {sites.main.url(path): title for path, (_, _, title) in MAIN_CASES.items()}
    run = check(targets, local(retries=2, timeout=5))
    return run, dict(sites.main.counts)


@pytest.mark.parametrize("path", list(MAIN_CASES))
def test_verdicts(main_run: tuple[CheckRun, dict[str, int]], sites: Web, path: str) -> None:
    run, _ = main_run
    verdict, status, _ = MAIN_CASES[path]
    result = run.results[sites.main.url(path)]
    assert (result.status, result.http_status) == (verdict, status), result.detail
    assert result.detail == MAIN_DETAILS[path].format(origin=sites.main.origin)


def test_each_url_is_fetched_once(main_run: tuple[CheckRun, dict[str, int]]) -> None:
    run, hits = main_run
    for path in MAIN_CASES:
        assert hits.get(path) == EXPECTED_HITS.get(path, 1), path
    assert not run.offline


def test_reported_fields(main_run: tuple[CheckRun, dict[str, int]], sites: Web) -> None:
    run, _ = main_run
    moved = run.results[sites.main.url("/moved-301")]
    assert moved.final_url == sites.main.url("/page") and moved.redirects == (moved.final_url,)
    assert moved.title == SOLAR_TITLE and moved.attempts == 1 and moved.elapsed_ms >= 0
    page = run.results[sites.main.url("/page")]
    assert page.final_url is None and page.redirects == ()
    loop = run.results[sites.main.url("/loop-a")]
    assert loop.detail == "redirect loop after 2 hops"
    assert loop.redirects == (sites.main.url("/loop-b"),)
    assert run.results[sites.main.url("/rate-forever")].attempts == 3
    assert list(run.results) == [sites.main.url(path) for path in MAIN_CASES]


def test_soft404_probe_once_per_host_and_prefix(web: Web) -> None:
    site = web.catchall
    targets = {
        site.url("/articles/deleted-story"): None,
        site.url("/articles/another-deleted-story"): None,
        site.url("/articles/real-story"): "Council approves new bridge",
        site.url("/opinion/old-column"): None,
    }
    run = check(targets, local())
    verdicts = {url[len(site.origin) :]: r.status for url, r in run.results.items()}
    assert verdicts == {
        "/articles/deleted-story": Verdict.SOFT404,
        "/articles/another-deleted-story": Verdict.SOFT404,
        "/articles/real-story": Verdict.LIVE,
        "/opinion/old-column": Verdict.SOFT404,
    }
    assert all(site.hits(url[len(site.origin) :]) == 1 for url in targets)
    assert site.hits_under("/articles/") == 3 + 1  # three pages, one shared probe
    assert site.hits_under("/opinion/") == 1 + 1


def test_no_probe_for_a_page_that_shows_the_cited_work(web: Web) -> None:
    site = web.catchall
    url = site.url("/articles/real-story")
    run = check({url: "Council approves new bridge"}, local())
    assert run.results[url].status is Verdict.LIVE and site.total == 1  # no probe asked
    site.reset()
    # Cited without a title, the same page cannot vouch for itself: the probe is asked.
    run = check({url: None}, local())
    assert run.results[url].status is Verdict.LIVE and site.total == 1 + 1


def test_no_probe_when_disabled(web: Web) -> None:
    url = web.catchall.url("/articles/deleted-story")
    run = check({url: None}, local(soft404_probe=False))
    assert web.catchall.total == 1
    assert run.results[url].status is Verdict.LIVE  # without the probe nothing gives it away


def test_honest_host_probe_and_redirect_to_home(web: Web) -> None:
    targets = {
        web.main.url("/page"): None,
        web.main.url("/page-two"): None,
        web.homeredirect.url("/2019/old-story"): None,
        web.homeredirect.url("/about"): None,
    }
    run = check(targets, local())
    assert run.results[web.main.url("/page")].status is Verdict.LIVE
    assert run.results[web.main.url("/page-two")].status is Verdict.LIVE
    assert web.main.total == 2 + 1  # both pages share the parent "/", so one probe
    old = run.results[web.homeredirect.url("/2019/old-story")]
    assert old.status is Verdict.SOFT404 and old.final_url == web.homeredirect.url("/")
    assert run.results[web.homeredirect.url("/about")].status is Verdict.LIVE


def test_a_200_copy_of_the_honest_hosts_404_page_is_a_soft_404(web: Web) -> None:
    url = web.main.url("/docview/2329130006/")
    run = check({url: "Violent Extremism in the Sahel: Africa Security Brief No. 36"}, local())
    result = run.results[url]
    assert (result.status, result.http_status) == (Verdict.SOFT404, 200)
    assert result.detail == "soft 404: the page is the site's own not-found page (served with 200)"
    assert web.main.hits("/docview/2329130006/") == 1
    assert web.main.hits_under("/docview/") == 1 + 1  # the page, then one probe (a real 404)
    assert web.main.total == 2


def test_on_result_gets_every_final_result_once(web: Web) -> None:
    seen: list[LinkResult] = []
    targets = {web.main.url("/page"): None, web.main.url("/missing"): None, "mailto:a@b": None}
    run = check(targets, local(), on_result=seen.append)
    assert sorted(seen, key=lambda r: r.url) == sorted(run.results.values(), key=lambda r: r.url)


def test_invalid_and_unsupported_urls_make_no_request(web: Web) -> None:
    targets = {"http://exa mple.org/": None, "http://example.org:99999/": None, "ftp://x/y": None}
    run = check(targets, local())
    assert [r.status for r in run.results.values()] == [
        Verdict.INVALID,
        Verdict.INVALID,
        Verdict.SKIPPED,
    ]
    assert all(r.attempts == 0 for r in run.results.values())
    assert not run.offline


def test_doi_keeps_the_doi_url(web: Web) -> None:
    doi = "https://doi.org/10.1234/solar.2020"
    run = check({doi: SOLAR_TITLE}, local(doi_base=web.main.url("/doi/")))
    result = run.results[doi]
    assert result.url == doi and result.status is Verdict.LIVE
    assert result.final_url == web.main.url("/page")


# ----------------------------------------------------------------------------- politeness


def test_per_host_concurrency(web: Web) -> None:
    targets = {web.main.url(f"/slow?ms=150&i={i}"): None for i in range(4)}
    check(targets, local(per_host=2, concurrency=10, soft404_probe=False))
    assert web.main.hits("/slow") == 4 and web.main.max_in_flight["/slow"] == 2


def test_a_hanging_host_does_not_block_the_others(web: Web) -> None:
    """No head-of-line blocking: while one host's queue waits for its only slot, the fast
    host's results all arrive, before the hanging host's first timeout.

    Two global slots, one per host: the hanging host's second URL waits for its host's slot
    without holding a global one, so the fast host keeps the other slot (ordering, not time,
    is asserted).
    """
    hanging = [web.main.url(f"/hang?i={i}") for i in range(2)]
    fast = [web.catchall.url(f"/fast/{i}") for i in range(4)]
    # Wide enough that four loopback requests in a row finish first on a loaded machine.
    hosts = ((f"127.0.0.1:{web.main.port}", HostSettings(timeout=2.5)),)
    seen: list[str] = []
    run = check(
        dict.fromkeys([*hanging, *fast]),
        local(per_host=1, concurrency=2, retries=0, soft404_probe=False, hosts=hosts),
        on_result=lambda result: seen.append(result.url),
    )
    assert all(run.results[url].status is Verdict.TIMEOUT for url in hanging)
    assert all(run.results[url].status is Verdict.LIVE for url in fast)
    assert sorted(seen[: len(fast)]) == sorted(fast) and sorted(seen[len(fast):]) == sorted(hanging)
    # (Not max_in_flight: the server notices a timed-out client's hang-up only when it polls,
    # so its count of the first request can overlap the second's start.)
    assert web.main.hits("/hang") == len(hanging) and web.catchall.total == len(fast)


def test_per_host_limit_holds_on_redirect_targets(web: Web) -> None:
    """URLs cited on one host that redirect to another: the transport's per-origin limit
    holds the target at ``per_host`` connections although its gate sees only its own URLs."""
    port = web.main.port
    slow = [f"http://127.0.0.1:{port}/slow?ms=200&i={i}" for i in range(6)]
    redirected = [
        f"http://localhost:{port}/redirect-to?{urlencode({'to': url})}" for url in slow[:3]
    ]
    check(dict.fromkeys([*redirected, *slow[3:]]),
          local(per_host=2, concurrency=10, soft404_probe=False))
    assert web.main.hits("/slow") == 6 and web.main.max_in_flight["/slow"] == 2


def test_host_settings_override_concurrency(web: Web) -> None:
    targets = {web.main.url(f"/slow?ms=100&i={i}"): None for i in range(3)}
    hosts = ((f"127.0.0.1:{web.main.port}", HostSettings(concurrency=1)),)
    check(targets, local(per_host=8, hosts=hosts, soft404_probe=False))
    assert web.main.max_in_flight["/slow"] == 1


def test_host_interval_spaces_request_starts(web: Web) -> None:
    targets = {web.main.url(f"/slow?ms=0&i={i}"): None for i in range(3)}
    hosts = (("127.0.0.1", HostSettings(interval=0.2)),)
    # The waits the run asks for: the three fetches reach the host's gate together, so the
    # second waits one interval and the third two (no clock decides this part).
    sleeps = Sleeps()
    check(targets, local(hosts=hosts, soft404_probe=False), sleep=sleeps)
    assert sleeps.calls == pytest.approx([0.2, 0.4], abs=0.05)
    assert web.main.hits("/slow") == 3
    # And with real sleeping, the server sees the starts spaced. Its threads record a start
    # when they get to run, so on a busy machine a gap can shrink by that delay: half the
    # interval is the margin (without pacing, the gaps are a few milliseconds).
    web.reset()
    check(targets, local(hosts=hosts, soft404_probe=False), sleep=asyncio.sleep)
    starts = sorted(hit.started for hit in web.main.requests("/slow"))
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(starts) == 3 and all(gap >= 0.1 for gap in gaps), gaps


def test_host_headers_user_agent_and_accept(web: Web) -> None:
    hosts = (
        (
            "127.0.0.1",
            HostSettings(headers=(("X-Token", "abc"),), user_agent="special-bot/2", accept=(451,)),
        ),
    )
    echo, legal = web.main.url("/echo"), web.main.url("/legal")
    run = check({echo: None, legal: None}, local(hosts=hosts))
    (request,) = web.main.requests("/echo")
    assert request.headers["User-Agent"] == "special-bot/2"
    assert request.headers["X-Token"] == "abc"
    assert run.results[legal].status is Verdict.LIVE


def test_host_timeout_override(web: Web) -> None:
    hosts = (("127.0.0.1", HostSettings(timeout=0.5)),)
    start = time.monotonic()
    run = check({web.main.url("/hang"): None}, local(timeout=30, hosts=hosts))
    result = run.results[web.main.url("/hang")]
    assert result.status is Verdict.TIMEOUT and result.detail == "timed out after 0.5 s"
    # The host's 0.5 s, not the run's 30 s: a wide margin for a slow machine still tells them apart.
    assert time.monotonic() - start < 0.5 + SLACK


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("www.example.org", "suffix"),
        ("example.org", "suffix"),
        ("news.deep.example.org", "deeper"),
        ("badexample.org", None),
        ("other.test", None),
    ],
)
def test_host_settings_match_on_dot_boundaries(host: str, expected: str | None) -> None:
    hosts = (
        ("example.org", HostSettings(user_agent="suffix")),
        ("deep.example.org", HostSettings(user_agent="deeper")),
    )
    assert host_settings(f"https://{host}/x", hosts).user_agent == expected


def test_host_settings_exact_host_and_port() -> None:
    hosts = (("127.0.0.1", HostSettings(timeout=1)), ("127.0.0.1:8080", HostSettings(timeout=2)))
    assert host_settings("http://127.0.0.1:8080/", hosts).timeout == 2
    assert host_settings("http://127.0.0.1:9090/", hosts).timeout == 1


# ----------------------------------------------------------------------------- offline


def _failed(kind: FailureKind) -> FetchFacts:
    return FetchFacts("https://x.test/", failure=kind)


@pytest.mark.parametrize(
    ("kinds", "offline"),
    [
        ([FailureKind.DNS, FailureKind.DNS], True),
        ([FailureKind.DNS, FailureKind.CONNECT], True),
        ([FailureKind.DNS, FailureKind.PRIVATE, FailureKind.INVALID_URL], True),
        ([FailureKind.DNS, FailureKind.TIMEOUT], False),
        ([FailureKind.DNS, FailureKind.TLS], False),
        ([FailureKind.DNS, None], False),
        ([FailureKind.PRIVATE, FailureKind.UNSUPPORTED], False),
        ([], False),
    ],
)
def test_is_offline(kinds: list[FailureKind | None], offline: bool) -> None:
    facts = [FetchFacts("https://ok.test/", status=200) if k is None else _failed(k) for k in kinds]
    assert is_offline(facts) is offline


def test_a_redirect_that_then_fails_dns_means_online() -> None:
    hop = FetchFacts(
        "https://x.test/",
        chain=(Hop("https://x.test/", 301, "https://y.test/"),),
        failure=FailureKind.DNS,
    )
    assert not is_offline([hop, _failed(FailureKind.DNS)])


def test_offline_run() -> None:
    seen: list[LinkResult] = []
    targets = {
        "https://nonexistent.invalid/a": "A",
        "https://also-missing.invalid/b": None,
        "http://10.0.0.5/": None,
    }
    run = asyncio.run(
        check_urls(targets, CheckOptions(timeout=5), on_result=seen.append, resolves=_never)
    )
    assert run.offline
    statuses = {url: r.status for url, r in run.results.items()}
    assert statuses == {
        "https://nonexistent.invalid/a": Verdict.OFFLINE,
        "https://also-missing.invalid/b": Verdict.OFFLINE,
        "http://10.0.0.5/": Verdict.SKIPPED,
    }
    assert run.results["https://nonexistent.invalid/a"].detail == OFFLINE_DETAIL
    assert sorted(r.status for r in seen) == sorted(statuses.values())  # no provisional "dead"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_refused_connection_is_an_error_not_offline() -> None:
    # A refusal proves the network works: the host said no (#14.6b).
    url = f"http://127.0.0.1:{_closed_port()}/"
    run = check({url: None}, local(retries=0), resolves=_never)
    assert not run.offline
    assert run.results[url].status is Verdict.ERROR
    assert run.results[url].detail == "connection refused"


def test_refused_connection_beside_an_unresolved_name_keeps_each_its_own_verdict() -> None:
    refused_url = f"http://127.0.0.1:{_closed_port()}/"
    targets = {refused_url: None, "https://nonexistent.invalid/": None}
    run = check(targets, local(retries=0), resolves=_never)
    assert run.results[refused_url].status is Verdict.ERROR
    assert run.results["https://nonexistent.invalid/"].status is Verdict.OFFLINE
    assert not run.offline  # something answered, if only with a refusal
    run = check(targets, local(retries=0), resolves=_always)
    assert run.results["https://nonexistent.invalid/"].status is Verdict.DEAD


def test_unknown_domain_while_only_a_local_server_answers_is_offline(web: Web) -> None:
    # A server reached by IP address says nothing about DNS: on a machine with no resolver,
    # checking a local docs server beside public sources must not call them all dead.
    seen: list[LinkResult] = []
    targets = {"https://nonexistent.invalid/": None, web.main.url("/page"): None}
    run = check(targets, local(), on_result=seen.append, resolves=_never)
    assert not run.offline
    unknown = run.results["https://nonexistent.invalid/"]
    assert unknown.status is Verdict.OFFLINE
    assert run.results[web.main.url("/page")].status is Verdict.LIVE
    assert sorted(r.status for r in seen) == [Verdict.LIVE, Verdict.OFFLINE]


async def _never(name: str) -> bool:
    return False


async def _always(name: str) -> bool:
    return True


def _on(url: str, **kwargs: object) -> FetchFacts:
    return FetchFacts(url, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        # Another name answered: DNS works, so the unresolvable name is dead.
        ([_on("https://gone.example/", failure=FailureKind.DNS),
          _on("https://www.example.org/", status=200)], [False, False]),
        # A refused connection on a name still proves its lookup worked.
        ([_on("https://gone.example/", failure=FailureKind.DNS),
          _on("https://www.example.org/", failure=FailureKind.CONNECT),
          _on("http://127.0.0.1:9/", status=200)], [False, False, False]),
        # Only an IP literal and localhost answered: the unresolvable name is offline.
        ([_on("https://gone.example/", failure=FailureKind.DNS),
          _on("http://127.0.0.1:8000/", status=200),
          _on("http://localhost:8000/", status=200)], [True, False, False]),
        # Nothing answered at all: everything unreachable is offline, but a refusal is an
        # answer: a verdict (error), never offline.
        ([_on("https://gone.example/", failure=FailureKind.DNS),
          _on("http://10.0.0.9/", failure=FailureKind.CONNECT, failure_detail="connection "
              "failed: [Errno 101] Network is unreachable"),
          _on("http://127.0.0.1:9/", failure=FailureKind.CONNECT,
              failure_detail="connection refused")], [True, True, False]),
        ([_on("http://127.0.0.1:9/", failure=FailureKind.CONNECT,
              failure_detail="connection refused"),
          _on("http://127.0.0.1:8000/", status=200)], [False, False]),
        # A timeout on a name proves nothing about DNS.
        ([_on("https://gone.example/", failure=FailureKind.DNS),
          _on("https://slow.example/", failure=FailureKind.TIMEOUT)], [True, False]),
    ],
)
def test_settle_unreachable(facts: list[FetchFacts], expected: list[bool]) -> None:
    assert settle_unreachable(facts) == expected


def test_link_result_strips_userinfo_and_reports_final_url_only_when_different() -> None:
    facts = FetchFacts(
        "https://u:pw@a.test/x",
        final_url="https://u:pw@a.test/y",
        status=200,
        chain=(Hop("https://u:pw@a.test/x", 301, "/y"),),
        page=PageFacts(title=None, og_title="OG"),
    )
    result = link_result(facts, Verdict.MOVED, "moved")
    assert result.final_url == "https://a.test/y" and result.redirects == ("https://a.test/y",)
    assert result.url == facts.url and result.title == "OG"
    same = link_result(
        FetchFacts("https://a.test/", final_url="https://a.test/", status=200),
        Verdict.LIVE,
        "HTTP 200",
    )
    assert same.final_url is None


# ------------------------------------------------------------------ starting thousands of checks


def test_the_network_is_polled_while_checks_are_still_being_started() -> None:
    # A readable socket stands for a connection that completed: its callback runs only when
    # the loop polls the network, which must happen before the last checks have started.
    async def main() -> list[object]:
        loop = asyncio.get_running_loop()
        order: list[object] = []
        ours, theirs = socket.socketpair()
        with ours, theirs:
            theirs.send(b"x")

            def polled() -> None:
                order.append("network")
                loop.remove_reader(ours.fileno())

            loop.add_reader(ours.fileno(), polled)

            async def one(i: int) -> int:
                order.append(i)
                return i

            tasks = await _started((one(i) for i in range(8)), batch=2)
            assert await asyncio.gather(*tasks) == list(range(8))
        return order

    order = asyncio.run(main())
    assert sorted(x for x in order if isinstance(x, int)) == list(range(8))
    assert order.index("network") < order.index(7)


def test_checks_started_before_a_cancellation_are_cancelled_with_it() -> None:
    async def main() -> list[asyncio.Task[None]]:
        started: list[asyncio.Task[None]] = []

        async def forever() -> None:
            await asyncio.Event().wait()

        async def starter() -> None:
            started.extend(await _started((forever() for _ in range(10)), batch=2))

        starting = asyncio.ensure_future(starter())
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        starting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await starting
        return [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]

    assert asyncio.run(main()) == []


def test_while_waiting_is_called_once_while_the_checks_run(web: Web) -> None:
    site = web.main
    targets = {site.url(path): None for path in ("/page-two", "/withdrawn-report", "/gone")}
    settled: list[str] = []
    calls: list[int] = []
    run = check(targets, local(), on_result=lambda result: settled.append(result.url),
                while_waiting=lambda: calls.append(len(settled)))
    assert len(calls) == 1
    assert calls[0] < len(targets)  # before every answer was in
    assert list(run.results) == list(targets)


def test_a_failing_while_waiting_leaves_no_check_running(web: Web) -> None:
    targets = {web.main.url(path): None for path in ("/page-two", "/withdrawn-report")}

    def broken() -> None:
        raise RuntimeError("preparation failed")

    async def main() -> list[asyncio.Task[object]]:
        with pytest.raises(RuntimeError, match="preparation failed"):
            await check_urls(targets, local(), while_waiting=broken)
        return [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]

    assert asyncio.run(main()) == []
