"""Every file the docs, the hooks, the action and the packaging name exists in the repository.

A reference to a missing file (the pre-commit hook once pointed to a ``docs/ci.md`` that was
never written) sends a reader nowhere; this reads every such reference and looks for the file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The files that point readers at other files.
REFERRING = ("README.md", "CHANGELOG.md", "action.yml", ".pre-commit-hooks.yaml",
             "pyproject.toml", "benchmarks/README.md", ".ci/run")
# A path under one of the repository's own folders, or a relative Markdown link.
_PATH = re.compile(
    r"(?<![\w/.-])((?:\.ci|citecheck|tests|docs|benchmarks|scripts|seeds)/[A-Za-z0-9_./*-]*"
    r"[A-Za-z0-9_*/-])"
)
_LINK = re.compile(r"\]\((?!https?:|#|mailto:)([^)\s#]+)")
#: Paths the docs name as outputs of a command, not as files in the repository.
GENERATED = frozenset({"benchmarks/.venv", "benchmarks/results/latest.json"})


def references(name: str) -> list[str]:
    text = (ROOT / name).read_text(encoding="utf-8")
    found = [m.group(1) for m in _PATH.finditer(text)]
    base = Path(name).parent
    found += [str(base / m.group(1)) for m in _LINK.finditer(text)]
    return [path for path in found if "*" not in path and path not in GENERATED]


@pytest.mark.parametrize("name", REFERRING)
def test_every_referenced_file_exists(name: str) -> None:
    assert (ROOT / name).is_file(), name
    missing = [path for path in references(name) if not (ROOT / path).exists()]
    assert missing == [], f"{name} refers to files that do not exist: {missing}"


def test_the_check_finds_a_missing_file(tmp_path: Path) -> None:
    # The reader of references must see what the hook once said.
    assert _PATH.findall("# see docs/ci.md.") == ["docs/ci.md"]
    assert _LINK.findall("[guide](docs/guide.md#top) and [site](https://x.org/a.md)") == [
        "docs/guide.md"]
