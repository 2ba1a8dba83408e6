"""Exact expected outputs for the fixed report, kept in tests/report/expected/.

To regenerate after an intended change, run the tests once with CITECHECK_UPDATE_EXPECTED=1,
then read every changed file in the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

EXPECTED = Path(__file__).parent / "expected"


def assert_expected(name: str, actual: str) -> None:
    """``actual`` must equal the frozen file ``name``, byte for byte."""
    path = EXPECTED / name
    if os.environ.get("CITECHECK_UPDATE_EXPECTED") == "1":
        path.write_text(actual, encoding="utf-8", newline="\n")
    assert path.is_file(), f"missing expected file {path}"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {path}"
