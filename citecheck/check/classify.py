"""Where a verdict is decided: the facts seen while fetching one URL → (Verdict, short reason).

Pure: no I/O, no clock. The runner fetches (and, when :func:`needs_probe` says so, fetches the
made-up sibling from :func:`probe_url` once per :func:`probe_key`) and hands the facts here.

The order of the rules is the policy, top to bottom:

1. a network failure decides alone (DNS → dead, refused → error, TLS → error, ...);
2. a redirect to a sign-in or consent page → blocked, whatever its status;
3. a status in ``accept`` → live (or moved);
4. a non-2xx status → dead (404, 410), blocked (401/402/403/407/429/451/999, bot challenges),
   timeout (408) or error (anything else, 400 included);
5. a 2xx that is a bot challenge → blocked; a domain parking or for-sale page → dead (the
   domain lapsed);
6. a deep link redirected (by HTTP or by ``<meta http-equiv="refresh">``) to the home page,
   an ancestor section or an error page → soft404;
7. a short page asking for a password → blocked;
8. the random-sibling probe and not-found wording → soft404 (the probe's honesty outranks
   wording, unless the probe's 4xx carried this very page: then it is the host's error page);
9. the page's titles no longer match the cited title → drifted;
10. a permanent redirect to a different page → moved; otherwise live.

The detectors for what a robot is shown instead of the work (sign-in walls, bot challenges,
parked domains) are in :mod:`citecheck.check.walls`; the words of every reason in
:mod:`citecheck.check.reasons`. Reasons are short, human, and never carry credentials.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from citecheck.check.fetch import REDIRECT_STATUSES
from citecheck.check.reasons import (
    clean_detail,
    display_url,
    final_url,
    http_reason,
    quoted,
    short_place,
)
from citecheck.check.similarity import text_mentions, title_matches
from citecheck.check.soft404 import (
    ProbeOutcome,
    canonical,
    error_page_path,
    host_name,
    is_ancestor,
    is_deep_link,
    is_html,
    is_root,
    not_found_wording,
    probe_key,
    probe_outcome,
    probe_url,
    resolve,
)
from citecheck.check.walls import bot_wall, login_redirect, parked_domain, password_wall
from citecheck.models import FailureKind, FetchFacts, Verdict

__all__ = [
    "classify", "display_url", "needs_probe", "probe_key", "probe_url", "shows_cited_work",
]

PERMANENT = frozenset({301, 308})
# The source may exist but refuses to show itself to a robot: never "dead".
BLOCKED_STATUSES = frozenset({401, 402, 403, 407, 429, 451, 999})
DEAD_STATUSES = frozenset({404, 410})

_FAILURE_DEFAULTS = {
    FailureKind.CONNECT: "connection refused",
    FailureKind.RESET: "connection reset",
    FailureKind.TLS: "TLS error",
    FailureKind.TIMEOUT: "timed out",
    FailureKind.PROTOCOL: "malformed response",
    FailureKind.INVALID_URL: "invalid URL",
    FailureKind.PRIVATE: "private address",
    FailureKind.EXCLUDED: "excluded by rule",
    FailureKind.UNSUPPORTED: "unsupported scheme",
}
_FAILURE_VERDICTS = {
    FailureKind.DNS: Verdict.DEAD,
    FailureKind.CONNECT: Verdict.ERROR,
    FailureKind.RESET: Verdict.ERROR,
    FailureKind.TLS: Verdict.ERROR,
    FailureKind.TIMEOUT: Verdict.TIMEOUT,
    FailureKind.PROTOCOL: Verdict.ERROR,
    FailureKind.TOO_MANY_REDIRECTS: Verdict.ERROR,
    FailureKind.REDIRECT_LOOP: Verdict.ERROR,
    FailureKind.INVALID_URL: Verdict.INVALID,
    FailureKind.PRIVATE: Verdict.SKIPPED,
    FailureKind.EXCLUDED: Verdict.SKIPPED,
    FailureKind.UNSUPPORTED: Verdict.SKIPPED,
}

# ------------------------------------------------------------------------- redirects


def _redirected(facts: FetchFacts) -> bool:
    """Whether the fetch ended somewhere that is a different page from the cited URL."""
    return bool(facts.chain) and canonical(final_url(facts)) != canonical(facts.url)


# ------------------------------------------------------------------------- failures


def _failure(facts: FetchFacts, kind: FailureKind) -> tuple[Verdict, str]:
    verdict = _FAILURE_VERDICTS[kind]
    if kind is FailureKind.DNS:
        # The resolver's own words ("[Errno -2] Name or service not known") help nobody.
        return verdict, "domain does not resolve"
    if facts.failure_detail and facts.failure_detail.strip():
        return verdict, clean_detail(facts.failure_detail)
    hops = len(facts.chain)
    if kind is FailureKind.REDIRECT_LOOP:
        return verdict, f"redirect loop after {hops} hops" if hops else "redirect loop"
    if kind is FailureKind.TOO_MANY_REDIRECTS:
        return verdict, f"too many redirects ({hops} hops)" if hops else "too many redirects"
    if kind is FailureKind.UNSUPPORTED:
        scheme = urlsplit(facts.url).scheme
        return verdict, f"unsupported scheme: {scheme}" if scheme else "unsupported scheme"
    return verdict, _FAILURE_DEFAULTS[kind]


# ------------------------------------------------------------------------- redirects


def _hop_targets(facts: FetchFacts) -> list[str]:
    targets = []
    for i, hop in enumerate(facts.chain):
        if i + 1 < len(facts.chain):
            targets.append(facts.chain[i + 1].url)
        elif facts.final_url:
            targets.append(facts.final_url)
        else:
            targets.append(resolve(hop.url, hop.location))
    return targets


def _permanent_target(facts: FetchFacts) -> str | None:
    """Where the cited URL moved permanently, or None when it did not.

    The first hop that goes somewhere *different* (see :func:`canonical`) decides: a 301/308
    there means the citation should be updated; a 302/303/307 means the cited URL is still the
    entry point, whatever happens after it. The new address is the end of the unbroken run of
    permanent (or trivial) hops, not a temporary hop's target (a session or CDN URL, say) that
    a citation must not adopt.
    """
    target: str | None = None
    for hop, dest in zip(facts.chain, _hop_targets(facts), strict=True):
        trivial = canonical(dest) == canonical(hop.url)
        if hop.status in PERMANENT:
            target = dest
        elif trivial:
            if target is not None:
                target = dest
        else:
            break
    if target is None or canonical(target) == canonical(facts.url):
        return None
    if (
        not is_deep_link(facts.url)
        and not is_deep_link(target)
        and canonical(target)[:2] == canonical(facts.url)[:2]
    ):
        return None  # "/" → "/en/": a site choosing a language for its home page
    return target


# Last segments that are views of a page, not pages: "/story/amp" → "/story" is the same work.
_VIEW_SEGMENTS = frozenset(
    {
        "amp",
        "print",
        "full",
        "fulltext",
        "comments",
        "view",
        "all",
        "embed",
        "preview",
        "share",
        "abstract",
        "summary",
        "html",
        "pdf",
        "index",
    }
)


def _section_of(final: str, origin: str) -> bool:
    """Whether ``final`` is a section page above the cited page, not the page in another form.

    A deep link sent to ``/news/`` or to ``/en/news/`` from three levels down no longer shows
    one article; ``/story/amp`` → ``/story`` or ``/a/b/c`` → ``/a/b`` (one level, into a page
    that may well be the article itself) is left to the probe and the title check.
    """
    if not is_ancestor(final, origin):
        return False
    kept = [s for s in canonical(final)[2].split("/") if s]
    lost = [s for s in canonical(origin)[2].split("/") if s][len(kept) :]
    if not kept:
        return False  # the root with a query ("/?s=…"): neither home nor a section
    if len(lost) == 1 and lost[0] in _VIEW_SEGMENTS:
        return False
    return len(kept) == 1 or len(lost) >= 2


def _dead_end_redirect(facts: FetchFacts, cited_title: str | None) -> str | None:
    """The soft-404 reason when a deep link was redirected to a page that cannot be it."""
    if not facts.chain or not is_deep_link(facts.url):
        return None
    final = final_url(facts)
    if canonical(final) == canonical(facts.url):
        return None
    if error_page_path(final) and not error_page_path(facts.url):
        return f"redirected to error page {short_place(final, facts.url)}"
    home = not is_deep_link(final)
    parent = _section_of(final, facts.url)
    if not (home or parent):
        return None
    page = facts.page
    if cited_title and page is not None:
        # A citation of the site itself (or of a page folded into its section) still stands.
        titles = (page.title, page.og_title, page.h1)
        if title_matches(cited_title, titles) is True:
            return None
    if home:
        same_site = canonical(final)[:2] == canonical(facts.url)[:2]
        if same_site:
            return "redirected to home page"
        return f"redirected to home page of {(urlsplit(final).hostname or '').lower()}"
    return f"redirected to section page {short_place(final, facts.url)}"


def _dead_end_refresh(facts: FetchFacts, cited_title: str | None) -> str | None:
    """The soft-404 reason when the page's meta refresh sends a deep link home or to an error
    page (the HTML way of the same redirect), else None."""
    page = facts.page
    if page is None or not page.refresh or not is_deep_link(facts.url):
        return None
    final = final_url(facts)
    target = resolve(final, page.refresh)
    if canonical(target) == canonical(final):
        return None
    if cited_title and title_matches(cited_title, (page.title, page.og_title, page.h1)) is True:
        return None
    if error_page_path(target) and not error_page_path(facts.url):
        return f"page refreshes to error page {short_place(target, facts.url)}"
    if not is_deep_link(target):
        if canonical(target)[:2] == canonical(final)[:2]:
            return "page refreshes to the home page"
        return f"page refreshes to the home page of {(urlsplit(target).hostname or '').lower()}"
    return None


# ------------------------------------------------------------------------- status codes


def _status_verdict(facts: FetchFacts, status: int) -> tuple[Verdict, str]:
    """The verdict of a final non-2xx status (not in ``accept``)."""
    reason = http_reason(status)
    if _redirected(facts):
        reason += f" after redirect to {display_url(final_url(facts))}"
    if status in DEAD_STATUSES:
        return Verdict.DEAD, reason
    if status == 429:
        return Verdict.BLOCKED, reason
    wall = bot_wall(facts) if 400 <= status < 500 or status == 503 else None
    if wall:
        return Verdict.BLOCKED, wall
    if status in BLOCKED_STATUSES:
        return Verdict.BLOCKED, reason
    if status == 408:
        return Verdict.TIMEOUT, reason
    if status in REDIRECT_STATUSES:
        return Verdict.ERROR, f"{reason} without a usable Location"
    # 400 on a plain GET of a published URL says more about the request (headers, cookies, a
    # bot filter, a mangled query) than about the source, so it is "error", not "dead"; so are
    # 405/406 (often bot filters too), the other 4xx, 5xx after retries, 1xx and 3xx leftovers.
    return Verdict.ERROR, reason


# ------------------------------------------------------------------------- entry points


def needs_probe(facts: FetchFacts, cited_title: str | None = None) -> bool:
    """Whether the runner should fetch the random sibling of this page before classifying.

    Only a 2xx HTML (or untyped) answer at a non-root path, reached without a failure, can be
    a soft 404 that the probe would expose; pages already settled by a redirect to a sign-in,
    home or error page, or by a bot challenge, are not worth a request. Nor is a page that
    shows the cited work (:func:`shows_cited_work`): whatever the host answers a made-up URL,
    such a page is live, so the probe would be one more request for the same verdict.
    """
    if facts.failure is not None or facts.status is None or not 200 <= facts.status < 300:
        return False
    if is_root(final_url(facts)) or is_root(facts.url) or not is_html(facts):
        return False
    if login_redirect(facts) or bot_wall(facts) or parked_domain(facts, None):
        return False
    if _dead_end_redirect(facts, None) is not None or _dead_end_refresh(facts, None) is not None:
        return False
    return not shows_cited_work(facts, cited_title)


def shows_cited_work(facts: FetchFacts, cited_title: str | None) -> bool:
    """Whether the page names the cited work (a specific title match, not just the site's
    name) and does not say "not found": evidence a soft 404 cannot have.

    A soft 404 serves one page for many addresses, so it shows the cited title only by
    accident; the probe's rules already let such a match outweigh a host that answers made-up
    URLs with the same page. What the probe could still add for it is a caveat, or, for a host
    whose own error page bears this very title without saying "not found", a soft 404 too
    unlikely to pay for a request per host and parent path.
    """
    page = facts.page
    if not cited_title or page is None or not_found_wording(page) is not None:
        return False
    site = host_name(final_url(facts))
    return title_matches(cited_title, (page.title, page.og_title, page.h1), site=site) is True


def _drift(facts: FetchFacts, cited_title: str | None) -> str | None:
    """The drift reason when the page's titles no longer name the cited work, else None."""
    page = facts.page
    if not cited_title or page is None or not is_html(facts):
        return None
    titles = (page.title, page.og_title, page.h1)
    site = host_name(final_url(facts))
    if title_matches(cited_title, titles, site=site) is not False:
        return None
    if text_mentions(cited_title, page.text):
        return None  # the cited title is the author's description, and the page still has it
    shown = next(t for t in titles if t and t.strip())
    return f"page title no longer matches: {quoted(shown)}"


def _live(facts: FetchFacts, status: int, cited_title: str | None) -> tuple[Verdict, str]:
    """Drift, move or plain life for a page that answered and is not a soft 404."""
    target = _permanent_target(facts)
    moved = f"moved permanently to {display_url(target)}" if target else None
    drift = _drift(facts, cited_title)
    if drift:
        return Verdict.DRIFTED, f"{drift} ({moved})" if moved else drift
    if moved:
        return Verdict.MOVED, moved
    page = facts.page
    if page is not None and page.refresh:
        target = resolve(final_url(facts), page.refresh)
        if canonical(target) != canonical(final_url(facts)):
            return Verdict.LIVE, f"{http_reason(status)}, page refreshes to {display_url(target)}"
    return Verdict.LIVE, http_reason(status)


def _accepted(facts: FetchFacts, status: int) -> tuple[Verdict, str]:
    """A non-2xx status the user vouches for on this host: live, or moved.

    The body is whatever the host sends with that status, so it is not read for challenges,
    soft 404s or drift.
    """
    target = _permanent_target(facts)
    if target:
        return Verdict.MOVED, f"moved permanently to {display_url(target)}"
    return Verdict.LIVE, f"{http_reason(status)} (accepted)"


def classify(
    facts: FetchFacts,
    *,
    cited_title: str | None = None,
    probe: FetchFacts | None = None,
    accept: tuple[int, ...] = (),
) -> tuple[Verdict, str]:
    """The verdict on one fetched URL and a short human reason for it.

    ``cited_title`` is the title the note cites (for drift); ``probe`` the facts of fetching
    :func:`probe_url` of the page's final URL (for soft 404s); ``accept`` extra statuses that
    count as live for this host.
    """
    if facts.failure is not None:
        return _failure(facts, facts.failure)
    status = facts.status
    if status is None:
        return Verdict.ERROR, "no response"

    wall = login_redirect(facts)
    if wall:
        return Verdict.BLOCKED, wall

    if status in accept and not 200 <= status < 300:
        return _accepted(facts, status)
    if not 200 <= status < 300:
        return _status_verdict(facts, status)

    wall = bot_wall(facts)
    if wall:
        return Verdict.BLOCKED, wall

    parked = parked_domain(facts, cited_title)
    if parked:
        return Verdict.DEAD, parked

    dead_end = _dead_end_redirect(facts, cited_title) or _dead_end_refresh(facts, cited_title)
    if dead_end:
        return Verdict.SOFT404, dead_end

    if password_wall(facts, cited_title):
        return Verdict.BLOCKED, "login required: page asks for a password"

    caveat = None
    if not (is_root(facts.url) or is_root(final_url(facts))):
        soft, caveat = _soft404(facts, cited_title, probe)
        if soft:
            return Verdict.SOFT404, soft
    verdict, reason = _live(facts, status, cited_title)
    if verdict is Verdict.LIVE and caveat:
        reason = f"{reason}, {caveat}"
    return verdict, reason


def _soft404(
    facts: FetchFacts, cited_title: str | None, probe: FetchFacts | None
) -> tuple[str | None, str | None]:
    """Probe and wording → (soft-404 reason, or None; caveat for a live reason, or None)."""
    if not is_html(facts):
        return None, None
    outcome = probe_outcome(facts, probe)
    if outcome is ProbeOutcome.SAME:
        page = facts.page
        if (
            cited_title
            and page is not None
            and not_found_wording(page) is None
            and title_matches(cited_title, (page.title, page.og_title, page.h1)) is True
        ):
            # Slug-tolerant sites (/questions/123/any-slug) answer a made-up sibling with the
            # same real page; when that page still shows the cited work, it is not a soft 404.
            return None, "though the site answers made-up sibling URLs with this same page"
        return "soft 404: the site answers a made-up sibling URL with the same page", None
    if outcome is ProbeOutcome.ERROR_PAGE and probe is not None and probe.status is not None:
        # The honest host's own 4xx body, served here with a 200: only the status lies. No
        # cited-title or wording check: a copy of the host's error page is never the cited work.
        status = probe.status
        kind = "not-found page" if status in DEAD_STATUSES else f"{http_reason(status)} error page"
        return f"soft 404: the page is the site's own {kind} (served with 200)", None
    wording = not_found_wording(facts.page)
    if wording is None:
        return None, None
    page = facts.page
    if cited_title and page is not None:
        titles = (page.title, page.og_title, page.h1)
        if title_matches(cited_title, titles) is True:
            return None, None  # the cited work is *about* not-found pages
    if outcome is ProbeOutcome.HONEST:
        # The host answers made-up URLs with a real 4xx, yet serves this one with a 200 that
        # says "not found". Wording is only supporting evidence and never outweighs an honest
        # host on its own: the verdict stays live and the reader is told. (When a cited title
        # is known, the drift check that follows still flags a page that no longer shows it.)
        return None, f"though the page says {quoted(wording)}"
    return f"soft 404: page says {quoted(wording)}", None
