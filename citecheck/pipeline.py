"""One run, stage by stage: find documents → parse → choose URLs → check → rescue → assemble.

:func:`run` is the only place the stages are wired together; the CLI gives it the settings and
two hooks (what to verify before any document is read, how to show progress) and formats the
:class:`~citecheck.models.Report` it returns. Nothing here prints or writes a file.
"""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager, AsyncExitStack, nullcontext
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, BinaryIO, NamedTuple
from urllib.parse import urlsplit

from citecheck import __version__
from citecheck.check.heap import collector_for_checks
from citecheck.collect.documents import (
    DEFAULT_MAX_SIZE,
    Source,
    discover_in_trees,
    read_source,
    read_sources,
)
from citecheck.collect.folder import DocumentFolder
from citecheck.collect.remap import remap_targets
from citecheck.collect.targets import collect_targets, split_targets
from citecheck.models import CheckOptions, Document, DocumentFormat, LinkResult, Report, Verdict
from citecheck.parse import parse_bytes, parse_document
from citecheck.parse.disable import disabled_lines
from citecheck.parse.spans import locate_urls
from citecheck.report.assemble import NOT_IN_SHARD, assemble
from citecheck.settings import Settings, values

if TYPE_CHECKING:
    import httpx

    from citecheck.cache.history import Check
    from citecheck.cache.store import Cache
    from citecheck.check import CheckRun
    from citecheck.check.warm import WarmWorker
    from citecheck.rescue.lookup import Archive, Rescue

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
    github_token: str | None = None,
    warn: Callable[[str], None] = lambda message: None,
    clock: Callable[[], float] = time.time,
    prepare: Callable[[], object] | None = None,
    warm_worker: bool = False,
) -> Report:
    """Check every source the documents in ``settings.paths`` cite, and assemble the report.

    ``before_reading`` sees the document paths once they are found and before any is read (the
    CLI refuses there to overwrite an input with a report); ``stdin`` is read for the path
    ``-``. ``github_token`` (``$GITHUB_TOKEN``) is sent to github.com and api.github.com only.
    ``warn`` gets one line per problem worth telling that is not a result (a corrupt results
    cache, a host header whose environment variable is unset, told when that host is contacted);
    ``clock`` gives POSIX seconds (tests inject one to simulate runs days apart);
    ``prepare`` is called once while the first requests are out (the CLI imports the report
    writers then; the pipeline locates each URL in its document then too), or before
    assembling when nothing is checked in this process.
    ``warm_worker`` (the CLI's choice) checks in a worker process forked before the documents
    are read, which readies the HTTP stack meanwhile (with ``--jobs N``, the first of the N;
    :class:`~citecheck.check.warm.WarmWorker`), where that can pay.
    Documents that may not be read (special files, links out of the tree, larger than
    ``--max-document-size``) are all refused in one
    :class:`~citecheck.collect.documents.InputError` before any host is contacted.
    Raises :class:`UsageProblem` when there is nothing to check or a pattern is invalid.
    """
    if settings.confirm > 1 and not settings.cache:
        raise UsageProblem(f"--confirm {settings.confirm} needs the results cache, which keeps "
                           "the failures of earlier runs; drop --no-cache")
    if not settings.paths:
        raise UsageProblem("no documents given: name files or directories, e.g. 'citecheck "
                           "seeds/' (or set paths in the configuration)")
    found = discover_in_trees(settings.paths)
    paths = [path for path, _tree in found]
    before_reading(paths)
    worker = _warm_worker(settings, warm_worker)
    try:
        return _run(settings, paths, worker, stdin=stdin, watch=watch, github_token=github_token,
                    warn=warn, clock=clock, prepare=prepare, trees=_trees(found))
    finally:
        if worker is not None:
            worker.close()


def _warm_worker(settings: Settings, wanted: bool) -> WarmWorker | None:
    """The worker to check this run in (with ``--jobs N``, the first of N): the one the
    console script started ahead, else a new one; none when not ``wanted``."""
    from citecheck.check.warm import WarmWorker, take_ahead

    ahead = take_ahead()
    if not wanted:
        if ahead is not None:
            ahead.close()
        return None
    return ahead or WarmWorker.start()


def _run(
    settings: Settings,
    paths: Sequence[str],
    worker: WarmWorker | None,
    *,
    stdin: BinaryIO | None,
    watch: Watch,
    github_token: str | None,
    warn: Callable[[str], None],
    clock: Callable[[], float],
    prepare: Callable[[], object] | None,
    trees: Mapping[str, str],
) -> Report:
    read = _read_documents(paths, stdin if "-" in paths else None,
                           max_size=settings.max_document_size, locate=False, trees=trees)
    # Where each URL stands in its document is for the report alone: worked out while the
    # first requests are out (or before assembling when nothing is checked here).
    documents = [r.document for r in read]
    located: list[Document] = []

    def while_waiting() -> None:
        located.extend(_located(read))
        if prepare is not None:
            prepare()

    wait_work = _once(while_waiting)
    disabled = {r.document.path: r.disabled for r in read if r.disabled}
    if not any(document.format != DocumentFormat.UNREADABLE for document in documents):
        raise UsageProblem("; ".join(d.diagnostics[0].message for d in documents
                                     if d.diagnostics) or "no readable documents")

    include = _compile(settings.include, "--include")
    exclude = _compile(settings.exclude, "--exclude")
    enabled = [_without(document, disabled.get(document.path, frozenset()))
               for document in documents]
    to_check, skipped = split_targets(collect_targets(enabled), include, exclude)
    if settings.shard:
        to_check, elsewhere = _this_shard(to_check, settings)
        skipped.update(elsewhere)
    rewrites = remap_targets(to_check, _remaps(settings.remap))
    results: dict[str, LinkResult] = {}
    past: dict[str, list[Check]] = {}  # each cited URL's recorded checks, for the trend
    offline = False
    if to_check:
        now = clock()
        cache: Cache | None = None
        if settings.cache:
            from citecheck.cache.store import Cache

            cache = Cache.open(settings.cache_dir, warn)
        try:
            with watch(len(rewrites.targets)) as on_result, collector_for_checks():
                checked = None
                if settings.jobs > 1 or worker is not None:
                    # Worker processes (the warm worker first) check what the cache does not
                    # answer; any other starts before this process runs an event loop.
                    from citecheck.check.jobs import check_in_workers

                    options = _options(settings, github_token)
                    pending = _uncached(rewrites.targets, options, settings, cache, now)
                    if pending:
                        checked = check_in_workers(pending, options, settings.jobs, on_result,
                                                   warn=warn, warm=worker,
                                                   while_waiting=wait_work)
                    elif worker is not None:
                        worker.close()
                checked_results, offline = asyncio.run(_check_and_rescue(
                    rewrites.targets, settings, documents, on_result,
                    github_token=github_token, cache=cache, now=now, checked=checked,
                    warn=warn, prepare=wait_work))
            if cache is not None:
                past = {url: cache.checks(address) for url, address in rewrites.cited.items()}
        finally:
            if cache is not None:
                cache.close()
        results = rewrites.results(checked_results)
    elif worker is not None:
        worker.close()
    wait_work()  # unless the checks' wait already did (nothing checked here: cached, --jobs)
    documents = located
    report = assemble(
        documents, {**skipped, **results}, policy=settings.policy(), offline=offline,
        version=__version__,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        disabled=disabled,
    )
    return _with_trends(report, past) if past else report


def _once(action: Callable[[], object] | None) -> Callable[[], None]:
    """``action`` to be called at most once, however often the result is."""
    pending = [action] if action is not None else []

    def call() -> None:
        if pending:
            pending.pop()()

    return call


def _with_trends(report: Report, past: Mapping[str, Sequence[Check]]) -> Report:
    """Each document's rot over time, from the cache's history of the URLs its notes stand on."""
    from citecheck.cache.history import trend

    return replace(report, documents=tuple(
        replace(document, trend=trend([r.url for r in document.notes if r.url], past))
        for document in report.documents))


def parse_only(
    paths: Sequence[str], stdin: BinaryIO | None = None, *, max_size: int = DEFAULT_MAX_SIZE
) -> list[Document]:
    """Find and parse the documents at ``paths`` as :func:`run` does, checking nothing.

    Raises :class:`UsageProblem` when no path is given and
    :class:`~citecheck.collect.documents.InputError` for a path that does not exist or a
    document that may not be read (all of them listed).
    """
    if not paths:
        raise UsageProblem("no documents given: name files or directories")
    found = discover_in_trees(paths)
    documents = [path for path, _tree in found]
    return [r.document for r in
            _read_documents(documents, stdin if "-" in documents else None, max_size=max_size,
                            trees=_trees(found))]


def _trees(found: Sequence[tuple[str, str | None]]) -> dict[str, str]:
    """Each document found in a directory the user named → that directory."""
    return {path: tree for path, tree in found if tree is not None}


def read_document(
    path: str,
    stdin: BinaryIO | None = None,
    *,
    companions: set[str] | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    tree: str | None = None,
) -> Document:
    """Read and parse one document as ``citecheck PATH`` does; never raises on its content.

    The files a LaTeX document reads besides itself (``\\input``, ``.bib``) are added, as real
    paths, to ``companions`` when it is given. ``tree``: the directory the user named that
    holds the document (as ``citecheck TREE`` finds it), which the files it names with ``../``
    may not leave. A document that may not be read (a special file, larger than ``max_size``)
    raises :class:`~citecheck.collect.documents.InputError`.
    """
    return _parsed(read_source(path, stdin, max_size=max_size), path, companions, max_size,
                   tree=tree)[0]


class _Read(NamedTuple):
    """A document as read, the indexes of the notes an inline disable comment covers, and its
    text when its URLs are still to be located (:func:`_located`)."""

    document: Document
    disabled: frozenset[int]
    text: str | None = None


def _located(read: Sequence[_Read]) -> list[Document]:
    """The documents with each note's URL spans, for those read with ``locate=False``."""
    return [r.document if r.text is None else locate_urls(r.document, r.text) for r in read]


def _read_documents(
    paths: Sequence[str],
    stdin: BinaryIO | None,
    *,
    max_size: int = DEFAULT_MAX_SIZE,
    locate: bool = True,
    trees: Mapping[str, str] | None = None,
) -> list[_Read]:
    """Every document with the indexes of the notes an inline disable comment covers, except
    LaTeX parts another document already read as its own. With ``locate=False`` the notes'
    URL spans are left to :func:`_located` (the text is kept for it).

    All documents are read first (:func:`~citecheck.collect.documents.read_sources`): every
    refusal is listed in one :class:`~citecheck.collect.documents.InputError` before any
    is parsed or any host contacted.

    Walking ``paper/`` finds ``main.tex`` and also the ``chapter1.tex`` it ``\\input``s and the
    ``refs.bib`` it cites from; those are part of ``main.tex``'s notes, not documents of their
    own (a file named alone is still read alone).
    """
    sources = read_sources(paths, stdin, max_size=max_size)
    companions: set[str] = set()
    trees = trees or {}
    read = [(path, source, *_parsed(source, path, companions, max_size, locate=locate,
                                    tree=trees.get(path)))
            for path, source in zip(paths, sources, strict=True)]
    return [_Read(document, disabled, None if locate or source.data is not None else source.text)
            for path, source, document, disabled in read
            if path == "-" or document.format not in _LATEX_PARTS
            or os.path.realpath(path) not in companions]


_LATEX_PARTS = frozenset({DocumentFormat.LATEX, DocumentFormat.BIBTEX})


def _parsed(
    source: Source,
    path: str,
    companions: set[str] | None,
    max_size: int = DEFAULT_MAX_SIZE,
    *,
    locate: bool = True,
    tree: str | None = None,
) -> tuple[Document, frozenset[int]]:
    folder = DocumentFolder(path, max_size=max_size, tree=tree) if path != "-" else None
    document = _parse_source(source, folder, locate=locate)
    if companions is not None and folder is not None:
        companions.update(folder.read_paths)
    lines = disabled_lines(source.text or "")
    disabled = (frozenset(n.index for n in document.notes if lines.covers(n)) if lines
                else frozenset())
    return document, disabled


def _without(document: Document, indexes: frozenset[int]) -> Document:
    if not indexes:
        return document
    return replace(document, notes=tuple(n for n in document.notes if n.index not in indexes))


def _remaps(rules: Sequence[str]) -> list[tuple[re.Pattern[str], str]]:
    compiled = []
    for rule in rules:
        pattern, replacement = rule.strip().split(None, 1)
        compiled.append((_compile([pattern], "--remap")[0], replacement))
    return compiled


def _parse_source(
    source: Source, folder: DocumentFolder | None = None, *, locate: bool = True
) -> Document:
    if source.data is not None:  # PDF, Word: read from their bytes
        return parse_bytes(source.data, source.path)
    if source.text is None:
        problems = (source.problem,) if source.problem else ()
        return Document(path=source.path, format=DocumentFormat.UNREADABLE, diagnostics=problems)
    document = parse_document(source.text, source.path, folder=folder)
    if source.problem is not None:  # read, with a warning (an encoding it had to guess)
        document = replace(document, diagnostics=(source.problem, *document.diagnostics))
    return locate_urls(document, source.text) if locate else document


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
    *,
    github_token: str | None = None,
    cache: Cache | None,
    now: float,
    checked: CheckRun | None = None,
    warn: Callable[[str], None] = lambda message: None,
    prepare: Callable[[], None] | None = None,
) -> tuple[dict[str, LinkResult], bool]:
    """One client for the whole run: cached results first, then the checks (unless
    ``checked`` by worker processes already), each rotten source's archive look-up started as
    soon as its verdict is in (so look-ups overlap the checks of other hosts), then the history
    of each failing source. With the checks done elsewhere, the client (and the HTTP stack)
    is made only for an archive look-up."""
    from citecheck.cache.history import history
    from citecheck.rescue.wayback import RESCUE_VERDICTS, rescue_dates

    options = _options(settings, github_token)
    max_ages = settings.max_ages()
    keys: dict[str, str] = {}
    if cache is not None:  # only the cache needs keys
        from citecheck.cache.key import result_key

        keys = {url: result_key(url, title, options) for url, title in targets.items()}
    # Only archive look-ups need the dates the documents give.
    stamps = rescue_dates(documents) if settings.archive else {}
    results: dict[str, LinkResult] = {}
    to_check: dict[str, str | None] = {}
    for url, title in targets.items():
        hit = cache.get(keys[url], url, now, max_ages) if cache is not None else None
        if hit is None:
            to_check[url] = title
        else:
            results[url] = hit if settings.archive else replace(
                hit, archive_url=None, archive_timestamp=None, archive_detail=None)

    async with AsyncExitStack() as stack:
        client: httpx.AsyncClient | None = None
        if to_check and checked is None:
            from citecheck.check.client import make_client

            client = await stack.enter_async_context(make_client(options))

        async def open_archive() -> Archive:
            from citecheck.check.client import make_client
            from citecheck.rescue.lookup import Archive

            archive_client = client
            if archive_client is None:
                archive_client = await stack.enter_async_context(make_client(options))
            if not options.allow_private and _local(settings.archive_base):
                # --archive-base is the operator's own choice, like a proxy, not a document's:
                # a local archive (a mirror, a test double) is reached even without
                # --allow-private.
                archive_client = await stack.enter_async_context(
                    make_client(replace(options, allow_private=True)))
            return Archive(archive_client, options, settings.archive_base)

        archive: list[asyncio.Future[Archive]] = []  # opened by the first look-up
        lookups: dict[str, asyncio.Future[Rescue]] = {}

        async def look_up(url: str) -> Rescue:
            if not archive:
                archive.append(asyncio.ensure_future(open_archive()))
            return await (await archive[0]).rescue(url, stamps.get(url))

        def rescue(result: LinkResult) -> None:
            wanted = settings.archive_all or result.status in RESCUE_VERDICTS
            if not settings.archive or not wanted or result.archive_url is not None:
                return
            if result.url not in lookups and result.status is not Verdict.OFFLINE:
                lookups[result.url] = asyncio.ensure_future(look_up(result.url))

        def settled(result: LinkResult) -> None:
            if on_result is not None:
                on_result(result)
            rescue(result)

        for result in results.values():
            settled(result)
        offline = False
        if to_check:
            if checked is None:
                from citecheck.check import check_urls

                assert client is not None
                checked = await check_urls(to_check, options, client=client,
                                           on_result=settled, warn=warn, while_waiting=prepare)
            results.update(checked.results)
            offline = checked.offline
        for result in results.values():
            rescue(result)  # links settled only at the end (unreachable hosts) are asked now
        if offline:  # no look-up can succeed; the report says the network is unavailable
            for pending in lookups.values():
                pending.cancel()
            await asyncio.gather(*lookups.values(), return_exceptions=True)
            lookups = {}
        found = dict(zip(lookups, await asyncio.gather(*lookups.values()), strict=True))
        # An archive being opened when every look-up was cancelled closes with the others.
        await asyncio.gather(*archive, return_exceptions=True)

    results = {url: _rescued(result, found.get(url)) for url, result in
               ((url, results[url]) for url in targets)}
    if cache is not None and not offline:
        failing = settings.policy().fail_on
        spacing = values.seconds(settings.confirm_spacing)
        for url, result in results.items():
            if not result.cached:
                cache.put(keys[url], result, now)
                cache.record(url, result, now)
            elif url in found and found[url].snapshot is not None:
                cache.refresh(keys[url], result)  # the next run need not ask the archive again
            if result.status in failing:
                results[url] = replace(
                    result, history=history(cache.checks(url), failing, spacing))
    return results, offline


def _options(settings: Settings, github_token: str | None) -> CheckOptions:
    from citecheck.check.tokens import with_github_token

    return with_github_token(settings.check_options(), github_token)


def _uncached(
    targets: dict[str, str | None], options: CheckOptions, settings: Settings,
    cache: Cache | None, now: float,
) -> dict[str, str | None]:
    """The targets the results cache does not answer."""
    if cache is None:
        return dict(targets)
    from citecheck.cache.key import result_key

    ages = settings.max_ages()
    return {url: title for url, title in targets.items()
            if cache.get(result_key(url, title, options), url, now, ages) is None}


def _local(base: str) -> bool:
    """Whether an origin names this machine or a private network by address."""
    from citecheck.check.netguard import is_public_address

    host = (urlsplit(base).hostname or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return not is_public_address(host)
    except ValueError:  # a name, not an address: the guard resolves and judges it
        return False


def _rescued(result: LinkResult, rescue: Rescue | None) -> LinkResult:
    """The result with its archive look-up's outcome, if one was made."""
    if rescue is None:
        return result
    if rescue.snapshot is None:
        return replace(result, archive_detail=rescue.reason)
    return replace(result, archive_url=rescue.snapshot.url,
                   archive_timestamp=rescue.snapshot.timestamp, archive_detail=None)
