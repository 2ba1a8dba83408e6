"""Hostile files of every binary and markup format, built at run time: bounded work, no entity
expanded, no file read from outside the document, nothing written to the terminal.

Work is pinned by bounds and by what is (not) called, never by timing.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from support.pdf import Page, Run, build_pdf

from citecheck.collect.folder import DocumentFolder
from citecheck.models import DiagnosticCode, DocumentFormat
from citecheck.parse import parse_bytes, parse_document
from citecheck.parse.docx import reduced as docx_reduced
from citecheck.parse.pdf import extract
from citecheck.parse.reduced import MAX_WORK

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _docx(document_xml: str, *, deflate: bool = True, extra: int = 0) -> bytes:
    parts = {
        "[Content_Types].xml": "<Types/>",
        "_rels/.rels": f'<Relationships xmlns="{_PKG}"><Relationship Id="d" '
                       f'Type="{_REL}/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": document_xml,
        "word/_rels/document.xml.rels":
            f'<Relationships xmlns="{_PKG}"><Relationship Id="h1" Type="{_REL}/hyperlink" '
            'TargetMode="External" Target="https://e.org/rel?a=1&amp;b=2"/></Relationships>',
    }
    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w", method) as package:
        for name, text in parts.items():
            package.writestr(name, text)
        for number in range(extra):
            package.writestr(f"junk/{number}.xml", "")
    return buffer.getvalue()


def _body(paragraphs: str, prolog: str = "") -> str:
    return f"{prolog}<w:document {_W}><w:body>{paragraphs}</w:body></w:document>"


def _p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def test_a_docx_dense_with_links_is_read_in_reduced_mode() -> None:
    paragraphs = "".join(_p(f"See https://e.org/{i % 7} &amp; more") for i in range(20_001))
    document = parse_bytes(_docx(_body(paragraphs)), "dense.docx")
    assert document.diagnostics[0].code is DiagnosticCode.DOCUMENT_TOO_DENSE
    assert sorted(url for note in document.notes for url in note.urls) == [
        *(f"https://e.org/{i}" for i in range(7)), "https://e.org/rel?a=1&b=2"
    ]
    assert document.notes[0].line == 1  # a paragraph is a line


def test_a_docx_that_unpacks_past_the_full_reading_is_streamed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(docx_reduced, "FULL_XML_BYTES", 10_000)
    monkeypatch.setattr(docx_reduced, "_CHUNK", 1000)  # many chunks: no tag cut in two
    document = parse_bytes(_docx(_body(_p("x " * 5000) + _p("At https://e.org/end."))), "b.docx")
    assert "unpacks to" in document.diagnostics[0].message
    assert [note.urls for note in document.notes if note.line == 2] == [("https://e.org/end",)]


def test_a_zip_bomb_is_refused_from_the_directory_alone() -> None:
    data = _docx(_body(_p("a" * (docx_reduced.MAX_XML_BYTES + 1))))
    assert len(data) < docx_reduced.MAX_XML_BYTES // 100  # a small file that unpacks to a lot
    document = parse_bytes(data, "bomb.docx")
    assert document.format is DocumentFormat.UNREADABLE
    assert f"over the {docx_reduced.MAX_XML_BYTES // 2**20} MiB a document may have" in (
        document.diagnostics[0].message)


def test_entities_in_document_xml_are_never_expanded_nor_files_read() -> None:
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 12))
    prolog = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "lol">{laughs}'
              '<!ENTITY pw SYSTEM "file:///etc/passwd">]>')
    body = _body(_p("&l11; &pw; A claim, see https://e.org/a"), prolog)
    document = parse_bytes(_docx(body), "laughs.docx")
    text = repr(document)
    assert "lollol" not in text and "root:" not in text


def test_thousands_of_zip_entries_are_not_read() -> None:
    document = parse_bytes(_docx(_body(_p("See https://e.org/a")), extra=20_000), "many.docx")
    assert [note.urls for note in document.notes] == [("https://e.org/a",)]


def test_an_odt_too_dense_is_read_in_reduced_mode() -> None:
    content = ('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
               'office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:xlink="http://www.w3.org/1999/xlink"><office:body><office:text>'
               + '<text:p>See <text:a xlink:href="https://e.org/odt">x</text:a> '
                 'https://e.org/typed</text:p>' * 20_001
               + "</office:text></office:body></office:document-content>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)
    document = parse_bytes(buffer.getvalue(), "dense.odt")
    assert document.diagnostics[0].code is DiagnosticCode.DOCUMENT_TOO_DENSE
    assert {url for note in document.notes for url in note.urls} == {
        "https://e.org/odt", "https://e.org/typed"
    }


def test_a_pdf_is_read_up_to_its_page_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "MAX_PAGES", 2)
    pages = [Page(runs=[Run(72, 700, f"Page {n} cites https://e.org/{n} here.")])
             for n in range(1, 6)]
    document = parse_bytes(build_pdf(pages), "long.pdf")
    assert {url for note in document.notes for url in note.urls} == {
        "https://e.org/1", "https://e.org/2"
    }
    assert document.diagnostics[0].code is DiagnosticCode.DOCUMENT_TOO_DENSE
    assert "only the first 2 pages were read" in document.diagnostics[0].message



def test_a_pdf_of_exactly_its_page_bound_is_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "MAX_PAGES", 2)
    pages = [Page(runs=[Run(72, 700, f"Page {n} cites https://e.org/{n} here.")])
             for n in range(1, 3)]
    document = parse_bytes(build_pdf(pages), "two.pdf")
    assert not any(d.code is DiagnosticCode.DOCUMENT_TOO_DENSE for d in document.diagnostics)

def test_a_pdf_dense_with_urls_is_read_in_reduced_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    from citecheck.parse import pdf, reduced

    monkeypatch.setattr(reduced, "MAX_WORK", 50)
    monkeypatch.setattr(pdf, "read_text", None)  # the full reading would fail
    runs = [Run(72, 700 - 14 * i, f"Claim https://e.org/{i} here.") for i in range(10)]
    document = parse_bytes(build_pdf([Page(runs=runs)]), "dense.pdf")
    assert document.diagnostics[0].code is DiagnosticCode.DOCUMENT_TOO_DENSE
    assert len(document.notes) == 10


def test_rst_never_inserts_files_nor_raw_and_prints_nothing(
    tmp_path: Path, capfd: pytest.CaptureFixture[str],
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET https://e.org/secret\n")
    text = (f"Title\n=====\n\n.. include:: {secret}\n\n.. raw:: html\n   :file: {secret}\n\n"
            f".. raw:: html\n   :url: file://{secret}\n\n.. literalinclude:: {secret}\n\n"
            f".. csv-table::\n   :file: {secret}\n\nA link https://e.org/ok.\n\n"
            ".. bad-directive::\n")
    document = parse_document(text, str(tmp_path / "doc.rst"))
    assert "TOP-SECRET" not in repr(document) and "e.org/secret" not in repr(document)
    assert [note.urls for note in document.notes] == [("https://e.org/ok",)]
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def _latex_folder(tmp_path: Path, main: str) -> tuple[str, DocumentFolder]:
    folder = tmp_path / "paper"
    folder.mkdir()
    (folder / "main.tex").write_text(main)
    return str(folder / "main.tex"), DocumentFolder(str(folder / "main.tex"))


def test_latex_reads_nothing_outside_its_folder_and_no_fifo(tmp_path: Path) -> None:
    import os

    (tmp_path / "secret.tex").write_text("TOP-SECRET \\url{https://e.org/secret}")
    path, folder = _latex_folder(
        tmp_path,
        "\\begin{document}\\input{/etc/passwd}\\input{../secret}\\include{../secret}"
        "\\input{fifo}\\input{main}\\input{loop}Text \\url{https://e.org/ok}.\\end{document}",
    )
    os.mkfifo(Path(path).parent / "fifo.tex")
    (Path(path).parent / "loop.tex").write_text("\\input{loop}\\input{main}")
    document = parse_document(Path(path).read_text(), path, folder=folder)
    assert "TOP-SECRET" not in repr(document) and "root:" not in repr(document)
    assert [note.urls for note in document.notes] == [("https://e.org/ok",)]
    assert {d.code for d in document.diagnostics} == {DiagnosticCode.MISSING_INCLUDE}


def test_latex_includes_are_bounded_like_the_document(tmp_path: Path) -> None:
    path, folder = _latex_folder(
        tmp_path, "\\begin{document}\\input{big}\\cite{k}\\bibliography{refs}\\end{document}"
    )
    (Path(path).parent / "big.tex").write_text("prose " * 30_000)  # one run pylatexenc chokes on
    (Path(path).parent / "refs.bib").write_text("@misc{k, url={https://e.org/k}}\n" * MAX_WORK)
    document = parse_document(Path(path).read_text(), path, folder=folder)
    dense = [d.message for d in document.diagnostics
             if d.code is DiagnosticCode.DOCUMENT_TOO_DENSE]
    assert len(dense) == 2
    assert dense[0].startswith("\\input{big}: not read: ")
    assert dense[1].startswith("bibliography refs.bib is not read: ")


def test_a_document_s_included_files_share_one_size_budget(tmp_path: Path) -> None:
    folder = tmp_path / "paper"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.tex").write_text("x" * 600)
    reader = DocumentFolder(str(folder / "main.tex"), max_size=1000)
    assert reader.read("a.tex") is not None
    assert reader.read("b.tex") is None  # 1,200 bytes together: over the budget


@pytest.mark.parametrize(
    "page",
    [
        "<p><a href='https://e.org/" + "a" * 2_000_000 + "'>x</a></p>",
        "<p>" + "&amp;&#x1F600;&lt;" * 50_000 + " https://e.org/a</p>",
        "<p title='" + "'" * 500_000 + "'>x</p>",
        "<div " + "a=b " * 300_000 + ">https://e.org/a</div>",
    ],
    ids=["long href", "many entities", "quotes", "many attributes"],
)
def test_html_with_huge_attributes_and_entities(page: str) -> None:
    document = parse_document(page, "x.html")
    assert all(len(url) < 3_000_000 for note in document.notes for url in note.urls)


def _odt(inner: str) -> bytes:
    content = ('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
               'office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:xlink="http://www.w3.org/1999/xlink"><office:body><office:text>'
               f"{inner}</office:text></office:body></office:document-content>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "inner",
    [
        '<text:p>See<text:s text:c="abc"/>https://e.org/a</text:p>',  # was a ValueError
        '<text:p>See<text:s text:c="300000000"/>https://e.org/a</text:p>',  # 19 s, 600 MB
        "<text:p>" + "<text:span>" * 5000 + "See https://e.org/a" + "</text:span>" * 5000
        + "</text:p>",  # was a RecursionError
    ],
    ids=["spaces not a number", "a billion spaces", "deep spans"],
)
def test_odt_spaces_and_nesting_are_bounded(inner: str) -> None:
    document = parse_bytes(_odt(inner), "x.odt")
    assert document.format is DocumentFormat.ODT
    assert all(len(note.text) < 2000 for note in document.notes)


def test_odt_links_of_one_paragraph_are_all_collected(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from citecheck.parse.docx import odt

    joined: list[int] = []
    real = odt._text

    def counting(element: object, links: list[tuple[int, str, str]] | None = None) -> str:
        text = real(element, links)
        joined.append(len(links or ()))
        return text

    monkeypatch.setattr(odt, "_text", counting)
    links = "".join(f'<text:a xlink:href="https://e.org/{i}">x{i}</text:a> ' for i in range(300))
    document = parse_bytes(_odt(f"<text:p>{links}</text:p>"), "x.odt")
    assert len(document.notes) == 300 and joined == [300]


def test_a_pdf_decompression_bomb_is_refused_before_pdfium_opens_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import zlib

    from citecheck.parse.pdf import guard

    page = Page(runs=[Run(72, 700, "Claim https://e.org/a here.")])
    normal = build_pdf([page])
    bomb = zlib.compress(b"0 0 m " * 400_000, 9)  # 2.4 MB of drawing from 7 KB
    data = normal.replace(b"%%EOF", b"9 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n"
                          % len(bomb) + bomb + b"\nendstream\nendobj\n%%EOF")
    monkeypatch.setattr(guard, "MAX_INFLATED", 2_000_000)
    assert not guard.inflates_past(normal)
    document = parse_bytes(data, "bomb.pdf")
    assert document.format is DocumentFormat.UNREADABLE
    assert "inflate to more than" in document.diagnostics[0].message
    monkeypatch.setattr(guard, "MAX_INFLATED", 3_000_000)
    assert [n.urls for n in parse_bytes(data, "ok.pdf").notes] == [("https://e.org/a",)]
