"""One run, stage by stage: find documents → parse → choose URLs → check → rescue → assemble.

:func:`run` is the only place the stages are wired together; the CLI gives it the settings and
two hooks (what to verify before any document is read, how to show progress) and formats the
:class:`~citecheck.models.Report` it returns. Nothing here prints or writes a file.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import urlsplit

from citecheck import __version__
from citecheck.collect.documents import Source, discover, read_source
from citecheck.collect.targets import collect_targets, split_targets
from citecheck.models import Document, DocumentFormat, LinkResult, Report, Verdict
from citecheck.parse import parse_document
from citecheck.report.assemble import NOT_IN_SHARD, assemble
from citecheck.settings import Settings

if TYPE_CHECKING:
    from citecheck.check import CheckRun

#: Called with each URL's result as soon as it is settled.
OnResult = Callable[[LinkResult], None]
#: Given how many URLs will be checked, a context to check them in, yielding a result callback.
Watch = Callable[[int], AbstractContextManager[OnResult | None]]


class UsageProblem(Exception):
    """Bad input from the user: one line on stderr, exit code 2."""


def _unwatched(total: int) -> AbstractContextManager[OnResult | None]:
    return nullcontext(None)


def run(
    settings: Settings,
    *,
    stdin: BinaryIO | None = None,
    before_reading: Callable[[Sequence[str]], None] = lambda paths: None,
    watch: Watch = _unwatched,
) -> Report:
    """Check every source the documents in ``settings.paths`` cite, and assemble the report.

    ``before_reading`` sees the document paths once they are found and before any is read (the
    CLI refuses there to overwrite an input with a report); ``stdin`` is read for the path
    ``-``. Raises :class:`UsageProblem` when there is nothing to check or a pattern is invalid.
    """
    if not settings.paths:
        raise UsageProblem("no documents given: name files or directories, e.g. 'citecheck "
                           "seeds/' (or set paths in the configuration)")
    paths = discover(settings.paths)
    before_reading(paths)
    documents = [read_document(path, stdin if "-" in paths else None)
                 for path in paths]
    if not any(document.format != DocumentFormat.UNREADABLE for document in documents):
        raise UsageProblem("; ".join(d.diagnostics[0].message for d in documents
                                     if d.diagnostics) or "no readable documents")

    include = _compile(settings.include, "--include")
    exclude = _compile(settings.exclude, "--exclude")
    to_check, skipped = split_targets(collect_targets(documents), include, exclude)
    if settings.shard:
        to_check, elsewhere = _this_shard(to_check, settings)
        skipped.update(elsewhere)
    results: dict[str, LinkResult] = {}
    offline = False
    if to_check:
        with watch(len(to_check)) as on_result:
            checked = None
            if settings.jobs > 1:
                # Worker processes start before this process runs any event loop.
                from citecheck.check.jobs import check_in_workers

                checked = check_in_workers(
                    to_check, settings.check_options(), settings.jobs, on_result
                )
            results, offline = asyncio.run(
                _check_and_rescue(to_check, settings, documents, on_result, checked)
            )
    return assemble(
        documents, {**skipped, **results}, policy=settings.policy(), offline=offline,
        version=__version__,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
    )


def read_document(path: str, stdin: BinaryIO | None = None) -> Document:
    """Read and parse one document as ``citecheck PATH`` does; never raises on its content."""
    return _parse_source(read_source(path, stdin))


def _parse_source(source: Source) -> Document:
    if source.text is None:
        problems = (source.problem,) if source.problem else ()
        return Document(path=source.path, format=DocumentFormat.UNREADABLE, diagnostics=problems)
    return parse_document(source.text, source.path)


def _this_shard(
    targets: dict[str, str | None], settings: Settings
) -> tuple[dict[str, str | None], dict[str, LinkResult]]:
    """The URLs this shard checks, and the others as ``skipped``: "not in this shard"."""
    from citecheck.check.shard import parse_shard

    shard = parse_shard(settings.shard or "1/1")
    mine: dict[str, str | None] = {}
    elsewhere: dict[str, LinkResult] = {}
    for url, title in targets.items():
        if shard.owns(url, settings.doi_base):
            mine[url] = title
        else:
            elsewhere[url] = LinkResult(url=url, status=Verdict.SKIPPED, detail=NOT_IN_SHARD)
    return mine, elsewhere


def _compile(patterns: Sequence[str], flag: str) -> list[re.Pattern[str]]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise UsageProblem(f"{flag} {pattern!r} is not a valid regular expression: "
                               f"{exc}") from exc
    return compiled


async def _check_and_rescue(
    targets: dict[str, str | None],
    settings: Settings,
    documents: Sequence[Document],
    on_result: OnResult | None,
    checked: CheckRun | None = None,
) -> tuple[dict[str, LinkResult], bool]:
    """One client for the whole run: the checks (unless ``checked`` by workers already), then
    the archive look-ups."""
    from citecheck.check import check_urls
    from citecheck.check.client import make_client
    from citecheck.check.netguard import check_host
    from citecheck.rescue.wayback import find_snapshots, rescue_dates

    options = settings.check_options()
    async with make_client(options) as client:
        run = checked or await check_urls(targets, options, client=client, on_result=on_result)
        results = run.results
        if settings.archive and not run.offline:
            host = urlsplit(settings.archive_base).hostname or ""
            # The archive is contacted under the same address rules as the sources.
            if await check_host(host, settings.allow_private) is None:
                snapshots = await find_snapshots(
                    client, results, rescue_dates(documents), base=settings.archive_base,
                    timeout=settings.timeout, concurrency=settings.per_host,
                )
                results = {
                    url: replace(result, archive_url=snapshots[url]) if url in snapshots
                    else result
                    for url, result in results.items()
                }
    return results, run.offline
