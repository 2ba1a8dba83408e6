"""``--remap 'REGEX REPLACEMENT'``: check a cited URL at another address (as lychee does).

A document cites ``http://old.example/x``; ``--remap '^http://old\\.example/ https://new.example/'``
checks ``https://new.example/x`` instead. The report keeps the URL as cited (that is what the
writer fixes) and its reason says where it was checked. Rules apply in order, the first that
matches wins; two cited URLs rewritten to one address are fetched once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from citecheck.models import LinkResult


def remap_url(url: str, rules: Sequence[tuple[re.Pattern[str], str]]) -> str:
    """``url`` rewritten by the first rule whose regex matches it (unchanged when none does)."""
    for pattern, replacement in rules:
        if pattern.search(url):
            return pattern.sub(replacement, url, count=1)
    return url


@dataclass(frozen=True, slots=True)
class Rewrites:
    """The addresses to fetch, and the way back from their results to the cited URLs."""

    targets: dict[str, str | None]  # address to fetch → cited title
    cited: Mapping[str, str]  # cited URL → address fetched

    def results(self, checked: Mapping[str, LinkResult]) -> dict[str, LinkResult]:
        """The results keyed by cited URL; a rewritten one says where it was checked."""
        found: dict[str, LinkResult] = {}
        for url, address in self.cited.items():
            result = checked.get(address)
            if result is None:
                continue
            if address != url:
                result = replace(result, url=url, detail=f"{result.detail} (checked at "
                                 f"{address} by --remap)")
            found[url] = result
        return found


def remap_targets(
    targets: Mapping[str, str | None], rules: Sequence[tuple[re.Pattern[str], str]]
) -> Rewrites:
    """The addresses to fetch for ``targets`` (cited URL → title) under ``rules``."""
    fetch: dict[str, str | None] = {}
    cited: dict[str, str] = {}
    for url, title in targets.items():
        address = remap_url(url, rules)
        cited[url] = address
        if fetch.get(address) is None:
            fetch[address] = title
    return Rewrites(fetch, cited)
