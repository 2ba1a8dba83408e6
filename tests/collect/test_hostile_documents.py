"""Hostile documents: special files, links out of the tree, huge files — refused, never hung.

The special files are built here, at test time (a FIFO or a device cannot be committed); the
static hostile corpus is tests/data/hostile/ (see tests/parse/test_hostile_corpus.py).
"""

from __future__ import annotations

import io
import os
import socket
import threading
from pathlib import Path

import pytest

from citecheck.collect.documents import InputError, discover, read_source, read_sources

DOC = b"A claim.[1]\n\n[1] https://example.org/a\n"


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path




def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path / "a.md")
    # If read_source ever blocked on the FIFO, this writer would release it (and the test would
    # fail on the assertion instead of hanging the suite).
    def release() -> None:
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            return
        os.close(fd)

    timer = threading.Timer(10, release)
    timer.start()
    try:
        with pytest.raises(InputError, match=r"is a named pipe \(FIFO\), not a regular file"):
            read_source(str(fifo))
    finally:
        timer.cancel()


def test_a_fifo_in_a_directory_is_refused_when_found_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_bytes(DOC)
    _fifo(tmp_path / "a.md")
    (tmp_path / "z.md").symlink_to("/dev/zero")
    with pytest.raises(InputError) as caught:
        discover([str(tmp_path)])
    assert str(caught.value).splitlines() == [
        f"'{tmp_path / 'a.md'}' is a named pipe (FIFO), not a regular file; refusing to read it",
        f"'{tmp_path / 'z.md'}' is a character device, not a regular file; refusing to read it",
    ]


def test_a_link_to_dev_zero_is_refused_as_a_device_even_when_named(tmp_path: Path) -> None:
    link = tmp_path / "a.md"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="is a character device"):
        read_source(str(link))


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.md"
    with socket.socket(socket.AF_UNIX) as server:
        try:
            server.bind(str(path))
        except OSError as exc:  # a path too long for AF_UNIX
            pytest.skip(f"cannot bind a unix socket here: {exc}")
        with pytest.raises(InputError, match="is a socket"):
            read_source(str(path))


def test_a_link_leaving_the_scanned_directory_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "home" / ".netrc.md"
    outside.parent.mkdir()
    outside.write_text("machine example.org password hunter2\n")
    tree = tmp_path / "repo"
    tree.mkdir()
    (tree / "good.md").write_bytes(DOC)
    (tree / "notes.md").symlink_to(outside)
    with pytest.raises(InputError) as caught:
        discover([str(tree)])
    message = str(caught.value)
    assert message == (
        f"'{tree / 'notes.md'}' is a symbolic link to a file outside '{tree}'; refusing to read "
        "it (name the link itself to check it)"
    )
    assert "hunter2" not in message and ".netrc" not in message


def test_a_link_leaving_a_globs_directory_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_bytes(DOC)
    tree = tmp_path / "docs"
    tree.mkdir()
    (tree / "a.md").symlink_to(outside)
    with pytest.raises(InputError, match="outside"):
        discover([str(tree / "*.md")])


def test_a_link_inside_the_tree_and_a_link_named_on_the_command_line_are_read(
    tmp_path: Path,
) -> None:
    tree = tmp_path / "repo"
    (tree / "sub").mkdir(parents=True)
    (tree / "sub" / "real.md").write_bytes(DOC)
    (tree / "alias.md").symlink_to(tree / "sub" / "real.md")
    outside = tmp_path / "elsewhere.md"
    outside.write_bytes(DOC)
    named = tree / "named.txt"  # .txt: found by the walk too, so named below explicitly
    named.symlink_to(outside)
    assert discover([str(tree / "alias.md")]) == [str(tree / "alias.md")]
    assert discover([str(named)]) == [str(named)]
    assert read_source(str(named)).text == DOC.decode()


def test_a_huge_sparse_file_is_refused_by_its_size(tmp_path: Path) -> None:
    huge = tmp_path / "huge.md"
    with huge.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: no disk used, 100 MiB by stat
    with pytest.raises(InputError) as caught:
        read_source(str(huge))
    assert str(caught.value) == (
        f"'{huge}' is larger than --max-document-size (64 MiB); refusing to read it "
        "(raise the limit to check it)"
    )


def test_the_cap_holds_while_reading_not_only_by_stat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "grows.md"
    doc.write_bytes(b"x" * 5000)
    real_stat = os.stat

    def lying_stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        result = real_stat(path, *args, **kwargs)  # type: ignore[arg-type]
        fields = list(result)
        fields[6] = 10  # st_size: a file that claims to be small (or grew after the stat)
        return os.stat_result(fields)

    monkeypatch.setattr(os, "stat", lying_stat)
    reads: list[int] = []
    real_read = os.read

    def counting_read(fd: int, n: int) -> bytes:
        reads.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(os, "read", counting_read)
    with pytest.raises(InputError, match=r"larger than --max-document-size \(1000 bytes\)"):
        read_source(str(doc), max_size=1000)
    assert sum(reads) <= 1001


def test_stdin_is_capped_too() -> None:
    with pytest.raises(InputError, match="'<stdin>' is larger"):
        read_source("-", io.BytesIO(b"x" * 2048), max_size=1024)
    assert read_source("-", io.BytesIO(DOC), max_size=len(DOC)).text == DOC.decode()


def test_every_refusal_of_a_run_is_listed(tmp_path: Path) -> None:
    _fifo(tmp_path / "a.md")
    (tmp_path / "b.md").symlink_to("/dev/null")
    (tmp_path / "c.md").write_bytes(DOC)
    with pytest.raises(InputError) as caught:
        read_sources([str(tmp_path / n) for n in ("a.md", "b.md", "c.md")])
    lines = str(caught.value).splitlines()
    assert len(lines) == 2
    assert "FIFO" in lines[0] and "character device" in lines[1]


def test_the_size_cap_holds_for_binary_documents_too(tmp_path: Path) -> None:
    # PDF and Word are read as bytes (Source.data), not text: capped all the same.
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + b"0" * 5000)
    with pytest.raises(InputError, match="is larger than --max-document-size"):
        read_source(str(pdf), max_size=4096)
    source = read_source(str(pdf), max_size=1 << 20)
    assert source.text is None and source.data is not None and len(source.data) == 5009


def test_a_latex_companion_over_the_size_cap_is_not_read(tmp_path: Path) -> None:
    from citecheck.collect.folder import DocumentFolder

    (tmp_path / "main.tex").write_text("x")
    (tmp_path / "big.tex").write_text("y" * 5000)
    (tmp_path / "small.tex").write_text("z")
    folder = DocumentFolder(str(tmp_path / "main.tex"), max_size=4096)
    assert folder.read("big.tex") is None
    assert folder.read("small.tex") == "z"


def test_parse_only_refuses_special_files_before_parsing_any(tmp_path: Path) -> None:
    from citecheck.pipeline import parse_only

    (tmp_path / "good.md").write_bytes(DOC)
    _fifo(tmp_path / "b.md")
    with pytest.raises(InputError, match=r"named pipe \(FIFO\)"):
        parse_only([str(tmp_path / "good.md"), str(tmp_path / "b.md")])
