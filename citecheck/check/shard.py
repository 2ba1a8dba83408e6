"""Hosts split by a stable hash: which URLs a shard (``--shard K/N``) or a worker (``--jobs``)
checks.

A URL goes with its host, so every request to one host is made by one shard or one worker and
per-host politeness holds across them. The hash is BLAKE2 of the host name, not Python's
``hash()`` (salted per process): shard K of N owns the same hosts on every machine and run.
The host is the one requested: a doi.org link goes with the DOI resolver's host (``doi_base``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from citecheck.check.hosts import doi_target

__all__ = ["Shard", "host_of", "parse_shard", "slot_of", "split_by_host"]

_SHARD = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


def host_of(url: str, doi_base: str = "https://doi.org/") -> str:
    """The host name ``url`` is requested from, lower-cased; "" when it has none."""
    try:
        host = urlsplit(doi_target(url.strip(), doi_base)).hostname or ""
    except ValueError:
        return ""
    return host.rstrip(".").lower()


def slot_of(host: str, count: int) -> int:
    """Which of ``count`` slots (0-based) a host belongs to: the same on every machine."""
    digest = hashlib.blake2b(host.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count


@dataclass(frozen=True, slots=True)
class Shard:
    """Shard ``index`` (1-based) of ``count``."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def owns(self, url: str, doi_base: str = "https://doi.org/") -> bool:
        """Whether this shard checks ``url``."""
        return slot_of(host_of(url, doi_base), self.count) == self.index - 1


def parse_shard(text: str) -> Shard:
    """``"2/4"`` → ``Shard(2, 4)``; raises :class:`ValueError` with a human reason."""
    match = _SHARD.fullmatch(text)
    if match is None:
        raise ValueError(f"must be K/N, e.g. 2/4, got {text!r}")
    index, count = int(match.group(1)), int(match.group(2))
    if count < 1 or not 1 <= index <= count:
        raise ValueError(f"must be K/N with 1 <= K <= N, got {text!r}")
    return Shard(index, count)


def split_by_host(
    targets: Mapping[str, str | None], count: int, doi_base: str = "https://doi.org/"
) -> list[dict[str, str | None]]:
    """``targets`` in ``count`` parts by host (each part keeps the given order)."""
    parts: list[dict[str, str | None]] = [{} for _ in range(count)]
    slots: dict[str, int] = {}
    for url, title in targets.items():
        host = host_of(url, doi_base)
        slot = slots.get(host)
        if slot is None:
            slot = slots[host] = slot_of(host, count)
        parts[slot][url] = title
    return parts


def balance_by_host(
    targets: Mapping[str, str | None], count: int, doi_base: str = "https://doi.org/"
) -> list[dict[str, str | None]]:
    """``targets`` in ``count`` parts by host, each host's URLs in one part and the parts as
    even in URLs as whole hosts allow (each part keeps the given order).

    For ``--jobs``, whose workers all belong to one run: a hash alone (:func:`split_by_host`,
    which ``--shard`` needs to stay stable across machines) left one worker with most of the
    URLs whenever a few hosts carried most of them. Hosts go, the largest first, to the part
    with the fewest URLs so far; ties by host name, so a run splits the same way every time.
    """
    host = {url: host_of(url, doi_base) for url in targets}
    sizes: dict[str, int] = {}
    for name in host.values():
        sizes[name] = sizes.get(name, 0) + 1
    loads = [0] * count
    slot: dict[str, int] = {}
    for name, size in sorted(sizes.items(), key=lambda item: (-item[1], item[0])):
        lightest = min(range(count), key=loads.__getitem__)
        slot[name] = lightest
        loads[lightest] += size
    parts: list[dict[str, str | None]] = [{} for _ in range(count)]
    for url, title in targets.items():
        parts[slot[host[url]]][url] = title
    return parts
