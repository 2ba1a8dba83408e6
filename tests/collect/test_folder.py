"""What the LaTeX reader may read beside a document: only its own folder's regular files."""

from __future__ import annotations

import os
from pathlib import Path

from citecheck.collect.folder import DocumentFolder
from citecheck.pipeline import _read_documents, read_document


def test_reads_inside_the_folder_and_nothing_outside(tmp_path: Path) -> None:
    paper = tmp_path / "paper"
    (paper / "chapters").mkdir(parents=True)
    (paper / "main.tex").write_text("x")
    (paper / "chapters" / "one.tex").write_text("one")
    (tmp_path / "secret.tex").write_text("secret")
    os.symlink(tmp_path / "secret.tex", paper / "link.tex")
    folder = DocumentFolder(str(paper / "main.tex"))
    assert folder.read("chapters/one.tex") == "one"
    assert folder.read("../secret.tex") is None
    assert folder.read(str(tmp_path / "secret.tex")) is None
    assert folder.read("link.tex") is None  # a link that leads out of the folder
    assert folder.read("chapters") is None  # not a regular file
    assert folder.read("absent.tex") is None
    assert folder.names(".tex") == ["main.tex"]
    assert folder.read_paths == [str((paper / "chapters" / "one.tex").resolve())]


def test_a_build_file_above_that_names_the_document_folder_widens_it_to_the_project(
        tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "src").mkdir(parents=True)
    (project / "bib").mkdir()
    (project / "src" / "thesis.tex").write_text("x")
    (project / "bib" / "refs.bib").write_text("@misc{k, url = {https://a.example/}}")
    (tmp_path / "secret.bib").write_text("secret")
    (tmp_path / "Makefile").write_text("all:\n\tlatexmk other/src/thesis.tex\n")
    (project / "Makefile").write_text("export TEXINPUTS=src/:\n")
    folder = DocumentFolder(str(project / "src" / "thesis.tex"))
    assert folder.read("../bib/refs.bib") == "@misc{k, url = {https://a.example/}}"
    # the project's folder is the limit: a build file above it names another folder
    assert folder.read("../../secret.bib") is None
    (project / "Makefile").write_text("all:\n\tpdflatex thesis.tex\n")  # names no src/
    assert DocumentFolder(str(project / "src" / "thesis.tex")).read("../bib/refs.bib") is None
    document = read_document(str(project / "src" / "thesis.tex"))
    assert document.notes == ()
    (project / "src" / "thesis.tex").write_text("\\cite{k}\\addbibresource{bib/refs.bib}")
    (project / "latexmkrc").write_text("@default_files = ('src/thesis.tex');\n")
    document = read_document(str(project / "src" / "thesis.tex"))
    assert [(n.label, n.urls, n.file) for n in document.notes] == [
        ("k", ("https://a.example/",), "../bib/refs.bib")]
    assert not document.diagnostics


def test_a_directory_walk_does_not_read_latex_parts_twice(tmp_path: Path) -> None:
    (tmp_path / "chapters").mkdir()
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\\begin{document}\nA.\\cite{k}\n\\input{chapters/one}\n"
        "\\end{document}\n")
    (tmp_path / "chapters" / "one.tex").write_text("B.\\footnote{\\url{https://b.example/}}\n")
    (tmp_path / "refs.bib").write_text("@misc{k, url = {https://k.example/}}\n")
    (tmp_path / "other.bib").write_text("@misc{o, url = {https://o.example/}}\n")
    paths = sorted(str(p) for p in tmp_path.rglob("*") if p.is_file())
    documents = [r.document for r in _read_documents(paths, None)]
    # refs.bib is read by main.tex (the .bib files beside it), so is other.bib: only main.tex
    assert [Path(d.path).name for d in documents] == ["main.tex"]
    assert [n.label for n in documents[0].notes] == ["k", "fn1"]
    # Named alone, a part is still a document of its own.
    assert [n.label for n in read_document(str(tmp_path / "refs.bib")).notes] == ["k"]
