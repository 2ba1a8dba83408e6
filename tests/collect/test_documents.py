"""Finding and reading documents: the CLI's only file reads."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from citecheck.collect.documents import InputError, decode, discover, read_source


def _touch(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_directory_is_walked_recursively_for_document_suffixes(tmp_path: Path) -> None:
    _touch(tmp_path / "a.txt")
    _touch(tmp_path / "sub" / "b.md")
    _touch(tmp_path / "sub" / "c.HTML")
    _touch(tmp_path / "sub" / "d.markdown")
    _touch(tmp_path / "sub" / "e.htm")
    _touch(tmp_path / "skip.py")
    _touch(tmp_path / ".git" / "x.txt")
    _touch(tmp_path / "node_modules" / "y.md")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in discover([str(tmp_path)])]
    assert found == ["a.txt", "sub/b.md", "sub/c.HTML", "sub/d.markdown", "sub/e.htm"]


def test_explicit_file_is_read_whatever_its_suffix(tmp_path: Path) -> None:
    doc = _touch(tmp_path / "paper.rst")
    assert discover([str(doc)]) == [str(doc)]


def test_same_file_twice_is_read_once(tmp_path: Path) -> None:
    doc = _touch(tmp_path / "a.txt")
    assert discover([str(doc), str(tmp_path), "-", "-"]) == [str(doc), "-"]


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no such file or directory: '.*nope\.txt'"):
        discover([str(tmp_path / "nope.txt")])


def test_empty_directory_is_an_input_error(tmp_path: Path) -> None:
    _touch(tmp_path / "code.py")
    with pytest.raises(InputError, match="no documents"):
        discover([str(tmp_path)])


def test_globs_expand_and_an_empty_glob_is_an_error(tmp_path: Path) -> None:
    _touch(tmp_path / "one.md")
    _touch(tmp_path / "two.md")
    _touch(tmp_path / "three.txt")
    found = discover([str(tmp_path / "*.md")])
    assert [Path(p).name for p in found] == ["one.md", "two.md"]
    with pytest.raises(InputError, match="no files match"):
        discover([str(tmp_path / "*.html")])


def test_binary_file_is_a_diagnostic(tmp_path: Path) -> None:
    doc = tmp_path / "image.txt"
    doc.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    source = read_source(str(doc))
    assert source.text is None
    assert source.problem is not None and source.problem.code == "binary"


def test_undecodable_file_is_a_diagnostic_naming_the_offset(tmp_path: Path) -> None:
    doc = tmp_path / "latin1.txt"
    doc.write_bytes("caf\u00e9 au lait".encode("latin-1"))
    source = read_source(str(doc))
    assert source.text is None
    assert source.problem is not None
    assert source.problem.code == "undecodable"
    assert "offset 3" in source.problem.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_a_diagnostic(tmp_path: Path) -> None:
    doc = _touch(tmp_path / "secret.txt")
    doc.chmod(0)
    source = read_source(str(doc))
    assert source.problem is not None and source.problem.code == "unreadable"


def test_directory_given_as_a_file_read_is_a_diagnostic(tmp_path: Path) -> None:
    source = read_source(str(tmp_path))
    assert source.text is None
    assert source.problem is not None and source.problem.code == "unreadable"


def test_bom_and_utf16_are_decoded() -> None:
    assert decode("\ufeffhello".encode(), "x") == ("hello", None)
    assert decode("hello [1]".encode("utf-16"), "x") == ("hello [1]", None)


def test_stdin_is_read_as_bytes() -> None:
    source = read_source("-", io.BytesIO(b"Claim.[1]\n\n[1] https://example.org/a\n"))
    assert source.path == "<stdin>"
    assert source.text is not None and source.text.startswith("Claim.")
