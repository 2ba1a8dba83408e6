"""pipeline.run: where each URL stands in its document is worked out while the first requests
are out, and the report has it exactly as reading the document alone gives it."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.server import Web

from citecheck import pipeline
from citecheck.models import Document
from citecheck.settings import Settings


def _essay(web: Web, folder: Path) -> Path:
    path = folder / "essay.txt"
    path.write_text(
        "Rooftop solar grew by a third in 2020.[1] The outlook was withdrawn.[2]\n\n"
        "Notes\n\n"
        f"[1] Doe, Jane. “Solar Power Adoption Report 2020,” 2020. {web.main.url('/page-two')}\n"
        f"[2] Coe, Di. “Offshore Wind Outlook,” 2019.\n    {web.main.url('/withdrawn-report')}\n",
        encoding="utf-8",
    )
    return path


def _spans(document: Document) -> list[object]:
    return [(note.index, note.spans) for note in document.notes]


@pytest.mark.parametrize("exclude", [(), (".",)], ids=["checked", "nothing-checked"])
def test_the_report_locates_every_url_as_reading_the_document_does(
    web: Web, tmp_path: Path, exclude: tuple[str, ...]
) -> None:
    path = _essay(web, tmp_path)
    config = Settings(paths=(str(path),), allow_private=True, timeout=5.0, archive=False,
                      cache=False, exclude=exclude)
    calls: list[None] = []
    report = pipeline.run(config, prepare=lambda: calls.append(None))
    alone = pipeline.read_document(str(path))
    assert all(note.spans for note in alone.notes)
    assert _spans(Document(path=str(path), format=alone.format,
                           notes=tuple(n.note for n in report.documents[0].notes))) == _spans(alone)
    assert calls == [None]
