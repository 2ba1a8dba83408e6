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


def test_a_legacy_encoding_is_read_with_a_warning_naming_the_offset(tmp_path: Path) -> None:
    doc = tmp_path / "latin1.txt"
    doc.write_bytes("caf\u00e9 au lait \u2014 \u201cquoted\u201d".encode("cp1252"))
    source = read_source(str(doc))
    assert source.text == "caf\u00e9 au lait \u2014 \u201cquoted\u201d"
    assert source.problem is not None and source.problem.severity == "warning"
    assert source.problem.code == "legacy-encoding"
    assert "offset 3" in source.problem.message and "Windows-1252" in source.problem.message


@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        (b'<html><head><meta charset="iso-8859-1"><title>x</title>', "iso-8859-1"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-7">', "iso-8859-7"),
        (b'<?xml version="1.0" encoding="koi8-r"?><html>', "koi8-r"),
        (b"Title: A Book\r\nCharacter set encoding: ISO-8859-1\r\n\r\n", "iso-8859-1"),
    ],
)
def test_a_declared_encoding_is_read_without_a_warning(
    tmp_path: Path, head: bytes, encoding: str
) -> None:
    body = "\u00a0Beethoven\u2019s notes" if encoding == "iso-8859-7" else "\u00e9t\u00e9 \u00a7 2"
    if encoding == "koi8-r":
        body = "\u0416\u0443\u0440\u043d\u0430\u043b"
    written = body.encode(encoding, errors="replace")
    doc = tmp_path / "page.html"
    doc.write_bytes(head + written)
    source = read_source(str(doc))
    assert source.problem is None
    assert source.text is not None and source.text.endswith(written.decode(encoding))


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


def test_a_latin1_text_is_parsed_with_its_notes_and_the_warning(tmp_path: Path) -> None:
    # Project Gutenberg's -8.txt files: Latin-1, no declaration. Read as citecheck PATH reads.
    from citecheck.parse import parse_bytes
    from citecheck.pipeline import read_document

    text = ("M\u00fcller's Lexicon appeared in 1732.[1]\n\nFOOTNOTES:\n\n"
            "[1] M\u00fcller, _Musikalisches Lexicon_, Leipzig, 1732. https://example.org/lexicon\n")
    doc = tmp_path / "sonata.txt"
    doc.write_bytes(text.encode("latin-1"))
    for document in (read_document(str(doc)), parse_bytes(doc.read_bytes(), str(doc))):
        assert [(n.label, n.urls) for n in document.notes] == [
            ("1", ("https://example.org/lexicon",))
        ]
        assert document.notes[0].text.startswith("M\u00fcller")
        assert [d.code for d in document.diagnostics] == ["legacy-encoding"]
