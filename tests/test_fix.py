"""``citecheck fix``: archive links added to rotten notes, broken URLs written whole, nothing else.

The seed essay and a Markdown document are rewritten with their sources on the local test
server (every seed source is gone there) and the fake Wayback Machine answering; each round
trip checks that only the intended bytes differ and that fixing again changes nothing.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from support.archive import FakeWayback, fake_wayback
from typer.testing import CliRunner, Result

from citecheck.cli import app
from citecheck.fix import plan_edits
from citecheck.models import DocumentResult, Note, NoteKind, NoteResult, UrlSpan, Verdict

if TYPE_CHECKING:  # the fixture's type; the module moves in the test tree
    from server import Web

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_f49f3406d1885974.txt"


@pytest.fixture
def wayback() -> Iterator[FakeWayback]:
    with fake_wayback() as archive:
        yield archive


@pytest.fixture(autouse=True)
def _no_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def fix(*args: str | os.PathLike[str], archive: FakeWayback) -> Result:
    # A fixed document cites web.archive.org: the suite must not reach it, wherever it runs.
    result = CliRunner().invoke(
        app, ["fix", *(os.fspath(a) for a in args), "--allow-private", "--timeout", "5",
              "--archive-base", archive.origin, "--exclude", r"web\.archive\.org/web/"],
        prog_name="citecheck")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"citecheck raised {result.exception!r}") from result.exception
    return result


def local_seed(web: Web, folder: Path) -> tuple[Path, str]:
    """The seed essay with every source moved to the local server, where none exists."""
    text = SEED.read_text(encoding="utf-8")
    local = re.sub(r"https?://(?:www\.)?([a-z0-9.-]+)/", rf"{web.main.origin}/seed/\1/", text)
    path = folder / "essay.txt"
    path.write_bytes(local.encode("utf-8"))
    return path, local


def without(text: str, pieces: list[str]) -> str:
    for piece in pieces:
        assert piece in text
        text = text.replace(piece, "", 1)
    return text


def test_fix_in_place_on_the_seed_adds_archive_links_and_nothing_else(
    web: Web, wayback: FakeWayback, tmp_path: Path
) -> None:
    path, original = local_seed(web, tmp_path)
    result = fix(path, "--in-place", archive=wayback)
    assert result.exit_code == 1, result.stderr  # the check's gate: its rotten notes fail
    fixed = path.read_text(encoding="utf-8")
    assert (tmp_path / "essay.txt.bak").read_text(encoding="utf-8") == original

    seed = web.main.origin + "/seed/"
    # Note vi: accessed November 17, 2020 → the snapshot of that day; its text ends in a URL.
    assert (f"Accessed November 17, 2020. {seed}minusma.unmissions.org/en/history. Archived at "
            f"https://web.archive.org/web/20201117/{seed}minusma.unmissions.org/en/history on "
            "17 November 2020.\n") in fixed
    # Note vii ends with a full stop already: one space, no second full stop.
    assert (f"{seed}csis.org/analysis/militancy-and-arc-instability. Archived at "
            f"https://web.archive.org/web/20160927/{seed}csis.org/analysis/militancy-and-arc-"
            "instability on 27 September 2016.\n") in fixed
    # Note xviii's URL was broken by a stray space: written whole, and archived.
    whole = (f"{seed}passblue.com/2019/06/24/a-survey-on-mali-for-malians-what-they-want-for-"
             "their-country/")
    assert (f"{whole}. Archived at https://web.archive.org/web/20190624/{whole} on 24 June "
            "2019.") in fixed
    assert "for- malians" not in fixed

    # Only the intended bytes differ: take the additions out, put the break back, and it is
    # the original byte for byte. Ibid. notes get nothing (their full note is amended once).
    # The summary names each addition ("essay.txt:72: [vi] +. Archived at …").
    added = re.findall(r"^\S+:\d+: \[\w+\] \+(.*)$", result.stderr, re.MULTILINE)
    assert len(added) == 17  # every note with its own URL: all are dead on the local server
    assert all(re.fullmatch(r"\.? Archived at \S+ (?:on|in) [\w ]*\d{4}\.", a) for a in added)
    restored = without(fixed, added).replace("mali-for-malians", "mali-for- malians")
    assert restored == original
    assert "17 archive links added, 1 URL repaired" in result.stderr
    assert "essay.txt:72: [vi] +. Archived at https://web.archive.org/web/20201117/" in (
        result.stderr)

    again = fix(path, "--in-place", archive=wayback)
    assert again.exit_code == 1, again.stderr
    assert path.read_text(encoding="utf-8") == fixed  # idempotent
    assert "no change" in again.stderr


MARKDOWN = """\
# Wind

Offshore wind doubled.[^1] Solar too, says [the agency]({gone}/agency/report).

A live source stays as it is.[^2]

[^1]: Coe, Di. “Offshore Wind Outlook,” May 3, 2019. <{gone}/withdrawn-outlook>

[^2]: Doe, Jane. “Solar Power Adoption Report 2020,” 2020. {live}
"""


def test_fix_markdown_round_trip(web: Web, wayback: FakeWayback, tmp_path: Path) -> None:
    path = tmp_path / "wind.md"
    gone = web.main.origin + "/gone"
    wayback.captures[f"{gone}/agency/report"] = [("20210405120000", 200)]
    original = MARKDOWN.format(gone=gone, live=web.main.url("/page"))
    path.write_bytes(original.encode("utf-8"))
    out = tmp_path / "fixed.md"
    result = fix(path, "--output", out, archive=wayback)
    assert result.exit_code == 1, result.stderr  # the check's gate: its rotten notes fail
    fixed = out.read_text(encoding="utf-8")
    assert path.read_text(encoding="utf-8") == original  # --output leaves the input alone
    footnote = (f". Archived at <https://web.archive.org/web/20190503/{gone}/withdrawn-outlook> "
                "on 3 May 2019.")
    body = (f" (archived <https://web.archive.org/web/20210405120000/{gone}/agency/report> "
            "on 5 April 2021)")
    assert f"<{gone}/withdrawn-outlook>{footnote}\n" in fixed
    assert f"({gone}/agency/report){body}." in fixed
    assert without(fixed, [footnote, body]) == original

    # Fixing the fixed document changes nothing; --output refuses to overwrite without --force.
    refused = fix(out, "--output", out.with_name("again.md"), archive=wayback)
    assert refused.exit_code == 1
    assert out.with_name("again.md").read_text(encoding="utf-8") == fixed
    clash = fix(path, "--output", out, archive=wayback)
    assert clash.exit_code == 2
    assert "refusing to overwrite" in clash.stderr and "--force" in clash.stderr
    forced = fix(path, "--output", out, "--force", archive=wayback)
    assert forced.exit_code == 1


def test_fix_writes_to_stdout_by_default(web: Web, wayback: FakeWayback, tmp_path: Path) -> None:
    path = tmp_path / "wind.md"
    path.write_text(MARKDOWN.format(gone=web.main.origin + "/gone",
                                    live=web.main.url("/page")), encoding="utf-8")
    result = fix(path, archive=wayback)
    assert result.exit_code == 1  # the check's gate: its rotten notes fail
    assert "Archived at <https://web.archive.org/web/20190503/" in result.stdout
    assert "2 archive links added" in result.stderr


def test_a_reference_definition_is_named_not_broken(
    web: Web, wayback: FakeWayback, tmp_path: Path
) -> None:
    path = tmp_path / "refs.md"
    original = (f"Wind doubled, says [the outlook][wind].\n\n"
                f"[wind]: {web.main.origin}/gone/outlook \"Outlook\"\n")
    path.write_text(original, encoding="utf-8")
    result = fix(path, "--in-place", archive=wayback)
    assert result.exit_code == 1, result.stderr  # the check's gate: its rotten notes fail
    assert path.read_text(encoding="utf-8") == original
    assert "[wind] not changed: a link reference definition" in result.stderr
    assert "no change" in result.stderr


def test_a_rotten_note_without_an_archived_copy_is_named_not_skipped_silently(
    web: Web, wayback: FakeWayback, tmp_path: Path
) -> None:
    path = tmp_path / "essay.txt"
    original = (f"One.[1] Two.[2]\n\n[1] Doe, “Kept,” 2019. {web.main.origin}/gone/kept\n\n"
                f"[2] Roe, “Lost,” 2019. {web.main.origin}/gone/never-archived\n")
    path.write_text(original, encoding="utf-8")
    result = fix(path, "--in-place", archive=wayback)
    assert result.exit_code == 1, result.stderr  # the check's gate: its rotten notes fail
    fixed = path.read_text(encoding="utf-8")
    assert fixed.count("Archived at") == 1 and "never-archived. Archived" not in fixed
    assert ("essay.txt:5: [2] not changed: dead, no snapshot in the archive; cite another "
            "source or an archived copy by hand") in result.stderr
    assert "1 archive link added, 0 URLs repaired" in result.stderr


def test_fix_in_place_through_a_symbolic_link_rewrites_the_document_it_names(
    web: Web, wayback: FakeWayback, tmp_path: Path
) -> None:
    # Like `sed -i --follow-symlinks`: replacing the link with a regular file would leave the
    # real document unfixed and silently cut the link.
    real = tmp_path / "real.md"
    real.write_text(f"A claim.[^1]\n\n[^1]: Doe, “Gone,” 2019. {web.main.origin}/gone/x\n",
                    encoding="utf-8")
    original = real.read_bytes()
    link = tmp_path / "link.md"
    link.symlink_to(real.name)
    result = fix(link, "--in-place", archive=wayback)
    assert result.exit_code == 1, result.stderr  # the check's gate: its rotten notes fail
    assert link.is_symlink() and os.readlink(link) == real.name
    assert b"Archived at <https://web.archive.org/web/" in real.read_bytes()
    assert (tmp_path / "link.md.bak").read_bytes() == original


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("page.html", "<html><body><p>x<a href='http://127.0.0.1:9/a'>1</a></p></body></html>",
         "fix supports plain text and Markdown documents, not html"),
    ],
)
def test_fix_refuses_other_formats_in_one_line(
    wayback: FakeWayback, tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = fix(path, "--in-place", archive=wayback)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert wayback.paths == []  # refused before any request


def test_fix_usage_errors(wayback: FakeWayback, tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("x\n", encoding="utf-8")
    both = fix(doc, "--in-place", "--output", tmp_path / "b.txt", archive=wayback)
    assert both.exit_code == 2 and "give one" in both.stderr
    two = fix(doc, doc, archive=wayback)
    assert two.exit_code == 2 and "exactly one document" in two.stderr
    itself = fix(doc, "--output", doc, archive=wayback)
    assert itself.exit_code == 2 and "--in-place" in itself.stderr


@pytest.fixture
def no_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """No host name resolves (addresses still do): the seed's public hosts stay out of reach."""
    real = socket.getaddrinfo

    def lookup(host: object, *args: Any, **kwargs: Any) -> Any:
        try:
            ipaddress.ip_address(str(host))
        except ValueError:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", lookup)


@pytest.mark.usefixtures("no_names")
def test_offline_fix_still_writes_broken_urls_whole(wayback: FakeWayback, tmp_path: Path) -> None:
    # The seed as it is: its hosts cannot be resolved here, so nothing can be checked.
    path = tmp_path / "seed.txt"
    path.write_bytes(SEED.read_bytes())
    result = fix(path, "--in-place", archive=wayback)
    assert result.exit_code == 3
    assert "no archive link was added" in result.stderr
    fixed = path.read_text(encoding="utf-8")
    assert "mali-for-malians" in fixed and "for- malians" not in fixed
    assert fixed.replace("mali-for-malians", "mali-for- malians") == SEED.read_text(
        encoding="utf-8")
    assert wayback.paths == []


# ----------------------------------------------------------------------------- pure edits


def _planned(text: str, path: str) -> str:
    from citecheck.fix import apply_edits, plan_edits
    from citecheck.models import LinkResult, Policy, Verdict
    from citecheck.parse import parse_document
    from citecheck.parse.spans import locate_urls
    from citecheck.report.assemble import assemble

    document = locate_urls(parse_document(text, path), text)
    links = {
        url: LinkResult(url, Verdict.DEAD, "HTTP 404", archive_timestamp="20190503000000",
                        archive_url=f"https://web.archive.org/web/20190503000000/{url}")
        for note in document.notes for url in note.urls
    }
    report = assemble([document], links, policy=Policy(), offline=False, version="0",
                      generated_at="2026-01-01T00:00:00Z")
    return apply_edits(text, plan_edits(text, report.documents[0]))


def test_crlf_text_with_a_wrapped_url_and_text_after_the_notes() -> None:
    text = ("A claim.[1] Another.[2]\r\n\r\nNotes\r\n\r\n"
            "[1] Doe, “T,” May 3, 2019. https://x.org/a\r\n"
            "[2] Roe, “U,” 2020. https://y.org/b-\r\nc (in French)\r\n\r\n"
            "About the author: https://z.org/\r\n")
    assert _planned(text, "a.txt") == (
        "A claim.[1] Another.[2]\r\n\r\nNotes\r\n\r\n"
        "[1] Doe, “T,” May 3, 2019. https://x.org/a. Archived at "
        "https://web.archive.org/web/20190503000000/https://x.org/a on 3 May 2019.\r\n"
        "[2] Roe, “U,” 2020. https://y.org/b-c (in French). Archived at "
        "https://web.archive.org/web/20190503000000/https://y.org/b-c on 3 May 2019.\r\n\r\n"
        # A rotten link in the body text is a source too: its archived copy follows it.
        "About the author: https://z.org/ (archived "
        "<https://web.archive.org/web/20190503000000/https://z.org/> on 3 May 2019)\r\n")


def test_markdown_footnote_with_a_link_inside() -> None:
    text = ("Wind doubled.[^w]\n\n"
            "[^w]: Coe, [Offshore Wind Outlook](https://x.org/wind), May 3, 2019.\n"
            "    Second line of the note.\n")
    assert _planned(text, "a.md") == (
        "Wind doubled.[^w]\n\n"
        "[^w]: Coe, [Offshore Wind Outlook](https://x.org/wind), May 3, 2019.\n"
        "    Second line of the note. Archived at "
        "<https://web.archive.org/web/20190503000000/https://x.org/wind> on 3 May 2019.\n")


def test_a_note_written_in_another_file_is_never_edited_in_the_document() -> None:
    # A LaTeX .bib entry's line and offsets are the .bib's: editing the document there would
    # write into the wrong place.
    text = "Claim.[1]\n\n1. Source https://gone.example/x\n"
    start = text.index("https://")
    span = UrlSpan("https://gone.example/x", 3, start - text.index("1. S") + 1, start,
                   len(text) - 1, "https://gone.example/x")
    note = Note("1", 0, 3, NoteKind.FULL, "Source https://gone.example/x",
                urls=("https://gone.example/x",), spans=(span,))
    result = NoteResult(note, "https://gone.example/x", Verdict.DEAD, "HTTP 404",
                        archive_url="https://web.archive.org/web/2020/https://gone.example/x",
                        archive_timestamp="20200101000000")
    here = DocumentResult("a.txt", "text", (result,))
    assert plan_edits(text, here)  # the test's own premise: in the document, it is edited
    elsewhere = replace(here, notes=(replace(result, note=replace(note, file="refs.bib")),))
    assert plan_edits(text, elsewhere) == []


def test_fix_exits_with_the_gate_its_json_report_states(
    web: Web, wayback: FakeWayback, tmp_path: Path
) -> None:
    path, _ = local_seed(web, tmp_path)
    report = tmp_path / "r.json"
    failing = fix(path, "--output", tmp_path / "out.txt", "--json", report, archive=wayback)
    assert failing.exit_code == 1 == json.loads(report.read_text())["summary"]["exit_code"]
    passing = fix(path, "--output", tmp_path / "out2.txt", "--json", report, "--max-failures",
                  "1000", archive=wayback)
    assert passing.exit_code == 0 == json.loads(report.read_text())["summary"]["exit_code"]
