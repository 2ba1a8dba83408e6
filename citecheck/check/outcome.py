"""What a check of a set of URLs hands back (:class:`CheckRun`), and how "offline or dead" is
settled from the run's own facts (see :mod:`citecheck.check.runner` for the rules).

Apart from the runner so that a process receiving runs from workers (``--jobs``, the warm
worker) unpickles and settles them without loading the HTTP stack (≈0.2 s of imports).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from citecheck.check.credentials import strip_userinfo_url
from citecheck.models import FailureKind, FetchFacts, LinkResult, Verdict

__all__ = [
    "OFFLINE_DETAIL",
    "REFUSED",
    "CheckRun",
    "is_offline",
    "link_result",
    "needs_dns_probe",
    "offline_result",
    "proves_dns",
    "reached",
    "refused",
    "run_offline",
    "settle_runs",
    "settle_unreachable",
    "unreachable",
]

#: The detail of a refused connection (:mod:`citecheck.check.failures`): the host answered
#: "no", so the network works.
REFUSED = "connection refused"


@dataclass(frozen=True, slots=True)
class CheckRun:
    """The outcome of checking a set of URLs: a result per URL (in the order given).

    ``facts`` keeps, per URL, what :func:`settle_runs` needs to settle "offline or dead" across
    runs that checked parts of one set (``--jobs``): the facts without page and headers.
    """

    results: dict[str, LinkResult]
    offline: bool
    facts: dict[str, FetchFacts] = field(default_factory=dict)
    dns_works: bool | None = None  # the DNS probe's answer, if one was asked (settle_runs)


OFFLINE_DETAIL = "network unavailable: no host could be reached"
# Failures that say nothing about the network: the URL was never tried.
_NOT_TRIED = frozenset(
    {FailureKind.PRIVATE, FailureKind.EXCLUDED, FailureKind.UNSUPPORTED, FailureKind.INVALID_URL}
)
_UNREACHABLE = frozenset({FailureKind.DNS, FailureKind.CONNECT})


def reached(facts: FetchFacts) -> bool:
    """Whether any HTTP response arrived (a redirect hop counts)."""
    return facts.status is not None or bool(facts.chain)


def refused(facts: FetchFacts) -> bool:
    """Whether the host refused the connection: something answered, so the network works."""
    return facts.failure is FailureKind.CONNECT and facts.failure_detail == REFUSED


def unreachable(facts: FetchFacts) -> bool:
    """Whether the fetch was tried and failed to reach its host at all (DNS, or a connect
    failure other than a refusal)."""
    return not reached(facts) and facts.failure in _UNREACHABLE and not refused(facts)


def _unresolved(facts: FetchFacts) -> bool:
    return not reached(facts) and facts.failure is FailureKind.DNS


def _name_timed_out(facts: FetchFacts) -> bool:
    """A name that timed out before any response: its lookup may be what hung."""
    return (
        not reached(facts) and facts.failure is FailureKind.TIMEOUT and _is_name(facts.url)
    )


def _is_name(url: str) -> bool:
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    return bool(host) and host != "localhost" and not host.endswith(".localhost") and not _is_ip(
        host
    )


def is_offline(facts: Iterable[FetchFacts]) -> bool:
    """Whether a run's fetches say "this machine has no network" rather than "these are dead".

    True when at least one fetch was tried, none got an HTTP response, and every one that was
    tried failed to reach its host. URLs never tried (private, excluded, unsupported, invalid)
    do not count either way, nor do refusals (a verdict of their own: the host said no, if
    perhaps only on this machine); a timeout, reset or TLS failure means some network is there.
    """
    tried = [f for f in facts if (f.failure not in _NOT_TRIED and not refused(f)) or reached(f)]
    return bool(tried) and all(unreachable(f) for f in tried)


def proves_dns(facts: FetchFacts) -> bool:
    """Whether this fetch shows that host names resolve on this machine.

    Only a real name counts: an IP literal or ``localhost`` reaching a server says nothing about
    DNS, so a local test server answering must not turn every unresolvable public name "dead".
    A refused connection, a TLS or reset failure on a name still proves the lookup worked; a
    timeout does not.
    """
    if not _is_name(facts.url):
        return False
    if reached(facts):
        return True
    # A timeout proves nothing: under a short --timeout it may be the lookup that hung.
    return facts.failure is not None and facts.failure not in _NOT_TRIED | {
        FailureKind.DNS, FailureKind.TIMEOUT
    }


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def needs_dns_probe(facts: Sequence[FetchFacts]) -> bool:
    """Whether the run cannot tell by itself if DNS works, and some result depends on it."""
    maybe = any(_unresolved(f) or _name_timed_out(f) for f in facts)
    return maybe and not any(proves_dns(f) for f in facts)


def settle_unreachable(
    facts: Sequence[FetchFacts], dns_works: bool | None = None
) -> list[bool]:
    """For each fetch, whether its failure means "offline" rather than a verdict on the source.

    A name that does not resolve is offline unless DNS is known to work: proven by a name in
    the run, or by ``dns_works`` (the probe's answer; None when there was none). A name that
    timed out before any response is offline when the probe says DNS is broken. Any other
    unreachable fetch is offline when nothing at all was reached (:func:`is_offline`).
    """
    everything = is_offline(facts)
    # Whether DNS works matters only to a name that did not resolve or timed out: with none
    # (nearly every run), no fetch's host is looked at.
    depends = any(_unresolved(f) or _name_timed_out(f) for f in facts)
    dns_ok = dns_works is True or (depends and any(proves_dns(f) for f in facts))
    dns_broken = dns_works is False and not dns_ok
    settled: list[bool] = []
    for f in facts:
        if _unresolved(f):
            settled.append(not dns_ok)  # "does not exist" only once DNS is known to work
        elif _name_timed_out(f):
            settled.append(dns_broken)
        else:
            settled.append(everything and unreachable(f))
    return settled


def run_offline(facts: Sequence[FetchFacts], settled: Sequence[bool]) -> bool:
    """Whether the run as a whole was offline: something was tried, and all of it is offline."""
    tried = [done for f, done in zip(facts, settled, strict=True)
             if f.failure not in _NOT_TRIED or reached(f)]
    return bool(tried) and all(tried)


def offline_result(result: LinkResult) -> LinkResult:
    """The result of a link that could not be checked because the network is unavailable."""
    return replace(result, status=Verdict.OFFLINE, detail=OFFLINE_DETAIL)


def link_result(facts: FetchFacts, verdict: Verdict, detail: str) -> LinkResult:
    """The reported result of a fetch: credentials stripped from every URL but the key."""
    final = facts.final_url
    page = facts.page
    title = None
    if page is not None:
        title = page.title or page.og_title or page.h1
    redirects = [hop.url for hop in facts.chain[1:]]
    if facts.chain and final and final != facts.chain[-1].url:
        redirects.append(final)  # where the chain ended (or broke off), unless a hop already
    return LinkResult(
        url=facts.url,
        status=verdict,
        detail=detail,
        http_status=facts.status,
        final_url=strip_userinfo_url(final) if final and final != facts.url else None,
        redirects=tuple(strip_userinfo_url(u) for u in redirects),
        title=title,
        elapsed_ms=facts.elapsed_ms,
        attempts=facts.attempts,
    )


def _undecided(facts: FetchFacts) -> bool:
    return unreachable(facts) or _unresolved(facts) or _name_timed_out(facts)


def settle_runs(order: Iterable[str], runs: Sequence[CheckRun]) -> CheckRun:
    """One run made of runs that each checked a part of ``order`` (``--jobs`` workers).

    Each part settled "offline or dead" on its own facts; whether a name that did not resolve
    is dead depends on whether *any* name resolved, so it is settled again over all the facts:
    a result a part called offline is classified afresh when the whole run reached something.
    A part's DNS probe counts for the whole run (any "resolves" wins over "broken").
    """
    results: dict[str, LinkResult] = {}
    facts: dict[str, FetchFacts] = {}
    probes = [run.dns_works for run in runs if run.dns_works is not None]
    dns_works = True if any(probes) else (False if probes else None)
    for run in runs:
        results.update(run.results)
        facts.update(run.facts)
    urls = [url for url in order if url in results]
    all_facts = [facts[url] for url in urls]
    settled = settle_unreachable(all_facts, dns_works)
    for url, fetched, is_offline_link in zip(urls, all_facts, settled, strict=True):
        if is_offline_link:
            results[url] = offline_result(results[url])
        elif results[url].status is Verdict.OFFLINE:
            from citecheck.check.classify import classify  # the HTTP stack, for this case only

            results[url] = link_result(fetched, *classify(fetched))
    ordered = {url: results[url] for url in urls}
    return CheckRun(results=ordered, offline=run_offline(all_facts, settled), facts=facts,
                    dns_works=dns_works)
