"""``citecheck parse``: what was parsed, listed without contacting any host."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.real import REAL
from typer.testing import CliRunner

from citecheck.cli import app

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
