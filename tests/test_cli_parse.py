"""``citecheck parse``: what was parsed, listed without contacting any host."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from support.pdf import Page, Run, build_pdf
from support.real import REAL
from typer.testing import CliRunner

from citecheck.cli import app
from citecheck.report.json import load_schema

PDF = REAL / "pdf" / "tob-ostp-national-priorities-ai-rfi.pdf"
DOCX = REAL / "docx" / "pandoc-test-notes.docx"


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), prog_name="citecheck")
    return result.exit_code, result.stdout, result.stderr


def test_parse_lists_labels_kinds_positions_and_urls() -> None:
    code, out, _ = _invoke("parse", str(PDF), str(DOCX))
    assert code == 0
    assert f"{PDF} (pdf): 27 notes, 0 body links, " in out
    arxiv = "https://arxiv.org/pdf/2108.09293.pdf"
    assert f"  [5] full at p3:42\n      {arxiv}\n  [6] full at p3:41" in out
    assert "[i] comment at 3" in out


def test_parse_json_is_machine_readable() -> None:
    code, out, _ = _invoke("parse", "--json", str(PDF))
    assert code == 0
    document = json.loads(out)["documents"][0]
    assert document["format"] == "pdf"
    note = next(n for n in document["notes"] if n["label"] == "9")
    assert (note["page"], note["line"], note["kind"]) == (4, 49, "full")
    assert note["urls"] == ["https://arxiv.org/abs/2207.14157"]
    assert note["claims"][0]["page"] == 4


def test_a_missing_path_is_a_usage_error() -> None:
    code, _, err = _invoke("parse", "no-such-file.pdf")
    assert code == 2
    assert err.strip() == "citecheck: error: no such file or directory: 'no-such-file.pdf'"


def test_a_document_named_parse_is_checked_with_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "parse").write_text("No notes here.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = _invoke("check", "parse", "--json", "-")
    assert code in (0, 3), err
    assert json.loads(out)["documents"][0]["path"] == "parse"


def test_a_pdf_is_checked_end_to_end_with_pages_in_every_report(
    web: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filler = "Planners measured the growth of every district over the whole decade again."
    page = Page(runs=[
        Run(72, 740, "Cities grew fast in the decade."), Run(262, 740, "1", size=7, rise=5),
        *(Run(72, 720 - 20 * i, filler) for i in range(11)),
        Run(72, 100, "1", size=6, rise=3),
        Run(78, 100, f"Smith, Growth, 2020, {web.main.origin}/gone", size=9),
    ])
    (tmp_path / "report.pdf").write_bytes(build_pdf([Page(runs=[Run(72, 700, filler)]), page]))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, [
        "report.pdf", "--allow-private", "--json", "out.json", "--sarif", "out.sarif",
        "--markdown", "out.md"], prog_name="citecheck")
    assert result.exit_code == 1, result.stdout + result.stderr
    report = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, load_schema())
    note = report["documents"][0]["notes"][0]
    assert (note["label"], note["page"], note["line"]) == ("1", 2, 13)  # exit 1: it is dead
    assert note["claims"][0]["page"] == 2
    sarif = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"][0]["properties"]["page"] == 2
    assert "report.pdf:p2:1" in (tmp_path / "out.md").read_text(encoding="utf-8")


def test_an_unreadable_pdf_is_listed_with_its_reason_and_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj <<")
    code, out, _ = _invoke("parse", str(broken))
    assert code == 2
    assert f"{broken} (unreadable): 0 notes" in out
    assert "  error: damaged: " in out and "not a readable PDF" in out


def test_parse_help_names_its_argument_as_check_does() -> None:
    code, out, _ = _invoke("parse", "--help")
    assert code == 0
    assert "Usage: citecheck parse [OPTIONS] PATHS..." in out
    assert "{paths}" not in out and "<list[str]>" not in out and "paths..." not in out
    assert "PATHS..." in out.split("Arguments", 1)[1]


def test_parse_counts_in_good_grammar(tmp_path: Path) -> None:
    one = tmp_path / "one.md"
    one.write_text("See [the report](https://x.example/r).\n", encoding="utf-8")
    code, out, _ = _invoke("parse", str(one))
    assert code == 0
    assert out.splitlines()[0].endswith("(markdown): 0 notes, 1 body link, 1 URL")
