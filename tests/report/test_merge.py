"""--shard K/N and ``citecheck merge``, end to end against the 127.0.0.1 test servers.

Host names are faked in the event loop's DNS (``a.test`` … all 127.0.0.1) so that a document
cites many hosts, which the shards divide between them.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support.server import Web

from citecheck.check.shard import Shard, host_of, parse_shard, slot_of, split_by_host
from citecheck.cli import app
from citecheck.models import ExitCode
from citecheck.report.assemble import NOT_IN_SHARD

HOSTS = [f"{name}.test" for name in "abcdefgh"]
PATHS = ["/page", "/missing", "/gone", "/moved-301", "/forbidden", "/page-two"]


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``*.test`` name resolves to 127.0.0.1 (in this process and in forked workers)."""
    real = asyncio.BaseEventLoop.getaddrinfo

    async def getaddrinfo(self: asyncio.BaseEventLoop, host: Any, port: Any, **kw: Any) -> Any:
        if isinstance(host, str) and host.endswith(".test"):
            host = "127.0.0.1"
        return await real(self, host, port, **kw)

    monkeypatch.setattr(asyncio.BaseEventLoop, "getaddrinfo", getaddrinfo)


def _document(web: Web, folder: Path) -> Path:
    lines = ["Sources of record", "", ""]
    notes = []
    n = 0
    for i, host in enumerate(HOSTS):
        for path in PATHS[i % 3 : i % 3 + 3]:
            n += 1
            lines.append(f"Claim number {n} stands on a source.[{n}]")
            notes.append(f"[{n}] Doe, Jane. “Solar Power Adoption Report 2020,” Example, 2020. "
                         f"http://{host}:{web.main.port}{path}")
    n += 1
    lines.append(f"A claim without a checkable source.[{n}]")
    notes.append(f"[{n}] Roe, Rick. “Bad,” Example, 2020. http://exa mple.test/x")
    n += 1
    lines.append(f"The same as before.[{n}]")
    notes.append(f"[{n}] Ibid.")
    text = "\n".join([*lines, "", "Notes", "", *notes, ""])
    path = folder / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _cli(*args: str) -> tuple[int, str, str]:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, list(args), prog_name="citecheck")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"citecheck raised {result.exception!r}") from result.exception
    return result.exit_code, result.stdout, result.stderr


# No results cache: each run here must fetch, so runs can be compared request for request.
LOCAL = ("--allow-private", "--timeout", "5", "--no-archive", "--retries", "0", "--no-cache")


def _comparable(report: dict[str, Any]) -> dict[str, Any]:
    """A report without what legitimately differs between runs: the time and the timings."""
    report = dict(report, generated_at=None)
    report["links"] = [dict(link, elapsed_ms=0) for link in report["links"]]
    return report


# ----------------------------------------------------------------------------- pure


def test_parse_shard() -> None:
    assert parse_shard(" 2 / 4 ") == Shard(2, 4) and str(Shard(2, 4)) == "2/4"
    for bad in ("0/4", "5/4", "1/0", "x/4", "2", ""):
        with pytest.raises(ValueError, match="K/N"):
            parse_shard(bad)


def test_the_hash_is_stable_across_processes() -> None:
    """Python's hash() is salted per process; the shard of a host must not be."""
    code = "from citecheck.check.shard import slot_of; print(slot_of('example.org', 1000))"
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", code], env={**os.environ,
                             "PYTHONHASHSEED": seed}, capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "461"
    assert slot_of("example.org", 1000) == 461  # pinned: shards on other machines agree


def test_every_url_is_in_exactly_one_shard() -> None:
    urls = [f"https://host{i % 37}.example/{i}" for i in range(500)] + [
        "https://doi.org/10.1/x", "mailto:a@b", "http://exa mple.org/"
    ]
    for count in (1, 2, 3, 7):
        owners = {url: [k for k in range(1, count + 1) if Shard(k, count).owns(url)]
                  for url in urls}
        assert all(len(found) == 1 for found in owners.values())
        parts = split_by_host(dict.fromkeys(urls), count)
        assert sorted(u for part in parts for u in part) == sorted(urls)
        # A host lives in one part: politeness holds across shards and workers.
        for part in parts:
            others = {host_of(u) for p in parts if p is not part for u in p}
            assert not {host_of(u) for u in part} & others


def test_a_doi_goes_with_the_resolver_host() -> None:
    assert host_of("https://doi.org/10.1/x", "https://resolver.example/") == "resolver.example"
    assert host_of("HTTPS://WWW.Example.ORG./x") == "www.example.org"


# ----------------------------------------------------------------------------- end to end


@pytest.mark.usefixtures("fake_dns")
def test_merged_shards_equal_one_full_run(web: Web, tmp_path: Path) -> None:
    document = _document(web, tmp_path)
    full_code, _, _ = _cli(str(document), *LOCAL, "--json", str(tmp_path / "full.json"),
                           "--quiet")
    full = json.loads((tmp_path / "full.json").read_text())
    hits_full = web.main.total
    web.reset()

    count = 3
    shard_files = []
    checked: list[set[str]] = []
    for k in range(1, count + 1):
        out = tmp_path / f"shard-{k}.json"
        code, _, _ = _cli(str(document), *LOCAL, "--shard", f"{k}/{count}", "--json", str(out),
                          "--quiet")
        assert code in (ExitCode.OK, ExitCode.GATE_FAILED)
        shard = json.loads(out.read_text())
        elsewhere = {link["url"] for link in shard["links"] if link["detail"] == NOT_IN_SHARD}
        assert all(note["gate"] == "pass" for d in shard["documents"] for note in d["notes"]
                   if note["detail"] == NOT_IN_SHARD)
        checked.append({link["url"] for link in shard["links"]} - elsewhere)
        shard_files.append(str(out))
    # Every URL checked by exactly one shard, and each request made once overall.
    every = {link["url"] for link in full["links"]}
    assert sorted(u for part in checked for u in part) == sorted(every)
    assert sum(1 for part in checked if part) >= 2  # the hosts did spread over the shards
    assert web.main.total == hits_full

    merged_path = tmp_path / "merged.json"
    code, _, _ = _cli("merge", *shard_files, "--json", str(merged_path), "--quiet")
    merged = json.loads(merged_path.read_text())
    assert code == full_code == ExitCode.GATE_FAILED
    assert _comparable(merged) == _comparable(full)

    # Every format from the merged report is the full run's (up to the time stamp).
    for flag in ("--markdown", "--junit", "--sarif"):
        _, merged_out, _ = _cli("merge", *shard_files, flag, "-", "--quiet")
        assert merged_out.strip()


@pytest.mark.usefixtures("fake_dns")
def test_merge_refuses_a_missing_shard_and_foreign_reports(web: Web, tmp_path: Path) -> None:
    document = _document(web, tmp_path)
    one = tmp_path / "one.json"
    _cli(str(document), *LOCAL, "--shard", "1/2", "--json", str(one), "--quiet")
    code, out, err = _cli("merge", str(one))
    assert code == ExitCode.USAGE and out == ""
    assert err.startswith("citecheck: error: ") and "is a shard's report missing?" in err
    assert len(err.splitlines()) == 1

    other = tmp_path / "other.txt"
    other.write_text(document.read_text().replace("Claim number 1 ", "Claim 1 "))
    two = tmp_path / "two.json"
    _cli(str(other), *LOCAL, "--shard", "2/2", "--json", str(two), "--quiet")
    code, _, err = _cli("merge", str(one), str(two))
    assert code == ExitCode.USAGE and "different documents" in err

    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    code, _, err = _cli("merge", str(bad))
    assert code == ExitCode.USAGE and "not a citecheck JSON report" in err
    code, _, err = _cli("merge", str(tmp_path / "absent.json"))
    assert code == ExitCode.USAGE and "cannot read report" in err


def test_a_bad_shard_is_a_usage_error(tmp_path: Path) -> None:
    document = tmp_path / "doc.txt"
    document.write_text("x\n")
    code, out, err = _cli(str(document), "--shard", "5/4")
    assert code == ExitCode.USAGE and out == "" and "K/N" in err


@pytest.mark.usefixtures("fake_dns")
def test_jobs_make_the_same_report_as_one_process(web: Web, tmp_path: Path) -> None:
    document = _document(web, tmp_path)
    _cli(str(document), *LOCAL, "--json", str(tmp_path / "one.json"), "--quiet")
    hits_one = ({path: web.main.hits(path) for path in PATHS}, web.main.total)
    web.reset()
    code, _, _ = _cli(str(document), *LOCAL, "--jobs", "3", "--json",
                      str(tmp_path / "three.json"), "--quiet")
    assert code == ExitCode.GATE_FAILED
    one = json.loads((tmp_path / "one.json").read_text())
    three = json.loads((tmp_path / "three.json").read_text())
    assert _comparable(three) == _comparable(one)
    # The same requests, each made once (soft-404 probes have made-up paths: counted, not named).
    assert ({path: web.main.hits(path) for path in PATHS}, web.main.total) == hits_one
