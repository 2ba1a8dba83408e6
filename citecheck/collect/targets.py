"""Which cited URLs a run checks: --include / --exclude rules and URL collection.

Pure functions. A URL left out by a rule is not silently dropped: it becomes a ``skipped``
result whose reason names the rule, so the report still accounts for every note.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from citecheck.models import Document, LinkResult, NoteKind, Verdict


def collect_targets(documents: Iterable[Document]) -> dict[str, str | None]:
    """Every distinct URL the documents cite, mapped to the first cited title found for it.

    The title is what drift detection compares the page against; insertion order is the order
    of first citation, which keeps runs and reports deterministic.
    """
    targets: dict[str, str | None] = {}
    for document in documents:
        for note in document.notes:
            if note.kind in (NoteKind.IBID, NoteKind.SHORT) and not note.sources:
                continue  # they repeat a URL their root note already contributes
            for url in note.sources:
                if targets.get(url) is None:
                    targets[url] = note.citation.title
    return targets


def skip_reason(
    url: str, include: Sequence[re.Pattern[str]], exclude: Sequence[re.Pattern[str]]
) -> str | None:
    """Why ``url`` is not checked, or None to check it.

    As in lychee, an --include match wins over an --exclude match; when --include rules exist,
    a URL matching none of them is skipped.
    """
    for rule in include:
        if rule.search(url):
            return None
    if include:
        # Rules are shown as the user wrote them (repr() would double every backslash).
        rules = ", ".join(f"'{r.pattern}'" for r in include)
        return f"not matched by --include {rules}"
    for rule in exclude:
        if rule.search(url):
            return f"excluded by --exclude '{rule.pattern}'"
    return None


def split_targets(
    targets: dict[str, str | None],
    include: Sequence[re.Pattern[str]],
    exclude: Sequence[re.Pattern[str]],
) -> tuple[dict[str, str | None], dict[str, LinkResult]]:
    """Separate the URLs to check from those the rules skip (returned as results)."""
    to_check: dict[str, str | None] = {}
    skipped: dict[str, LinkResult] = {}
    for url, title in targets.items():
        reason = skip_reason(url, include, exclude)
        if reason is None:
            to_check[url] = title
        else:
            skipped[url] = LinkResult(url=url, status=Verdict.SKIPPED, detail=reason)
    return to_check, skipped
