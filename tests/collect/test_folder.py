"""What the LaTeX reader may read beside a document: only its own folder's regular files."""

from __future__ import annotations

import os
from pathlib import Path

from citecheck.collect.folder import DocumentFolder
from citecheck.models import DiagnosticCode
from citecheck.pipeline import _read_documents, parse_only, read_document


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


def _seminar(tmp_path: Path) -> Path:
    """A seminar's repository: the paper in paper/, its database one folder up."""
    seminar = tmp_path / "seminar"
    (seminar / "paper").mkdir(parents=True)
    (seminar / "paper" / "paper.tex").write_text(
        "\\documentclass{article}\\begin{document}\nTrust matters \\cite{trust}.\n"
        "\\nocite{*}\\bibliography{../bib}\n\\end{document}\n")
    (seminar / "bib.bib").write_text(
        "@article{trust, title = {Trust}, url = {https://doi.org/10.1515/auk-2004-0110}}\n"
        "@misc{ethics, title = {Ethics}, year = 2016}\n")
    (tmp_path / "secret.bib").write_text("@misc{secret, url = {https://secret.example/}}\n")
    return seminar


def test_a_directory_the_user_named_is_the_tree_a_document_in_it_may_read_with_dots(
        tmp_path: Path) -> None:
    seminar = _seminar(tmp_path)
    (document,) = parse_only([str(seminar)])  # bib.bib is the paper's, not a document
    assert [(n.label, n.urls, n.file) for n in document.notes] == [
        ("trust", ("https://doi.org/10.1515/auk-2004-0110",), "../bib.bib"),
        ("ethics", (), "../bib.bib")]
    assert not document.diagnostics
    # The paper named alone: its own folder is the limit, as before, and the warning says how
    # to let the database be read.
    (alone,) = parse_only([str(seminar / "paper" / "paper.tex")])
    assert alone.notes == ()
    (missing,) = [d for d in alone.diagnostics if d.code is DiagnosticCode.MISSING_BIBLIOGRAPHY]
    assert "read only inside a directory named on the command line" in missing.message
    # The paper's folder named: the database lies outside that tree.
    (inner,) = parse_only([str(seminar / "paper")])
    assert inner.notes == ()


def test_a_named_tree_is_left_neither_by_dots_nor_through_a_symbolic_link(tmp_path: Path) -> None:
    seminar = _seminar(tmp_path)
    paper = seminar / "paper" / "paper.tex"
    paper.write_text(paper.read_text().replace("../bib}", "../bib,../../secret,../out/secret}"))
    os.symlink(tmp_path, seminar / "out")  # a directory link: the walk does not follow it
    (document,) = parse_only([str(seminar)])
    assert [n.label for n in document.notes] == ["trust", "ethics"]
    refused = sorted(d.message.split()[1] for d in document.diagnostics
                     if d.code is DiagnosticCode.MISSING_BIBLIOGRAPHY)
    assert refused == ["../../secret.bib", "../out/secret.bib"]
    # A build file above the named tree widens nothing: the tree the user named is the limit.
    (tmp_path / "Makefile").write_text("export TEXINPUTS=seminar/paper/:\n")
    folder = DocumentFolder(str(paper), tree=str(seminar))
    assert folder.read("../../secret.bib") is None
    assert folder.read("../bib.bib") is not None
    assert DocumentFolder(str(paper)).read("../../secret.bib") is not None  # (named alone)
