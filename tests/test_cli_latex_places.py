"""A LaTeX document's notes live in other files (its .bib, its \\input files): every report
names that file and gives that file's line, never the main document with another file's line."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
from support.server import Web

from citecheck.report.json import load_schema
from tests.test_cli import LOCAL, run, workdir  # noqa: F401  (the autouse fixture)


def _paper(folder: Path, web: Web) -> Path:
    tex = folder / "tex"
    tex.mkdir()
    (tex / "main.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\nSee the work.\\cite{doe2020}\n"
        "\\input{chap}\n\\bibliography{refs}\n\\end{document}\n", encoding="utf-8")
    (tex / "chap.tex").write_text(
        "% chapter\n" + "\n" * 8 + f"A claim.\\footnote{{See \\url{{{web.main.url('/gone')}}}.}}"
        " And \\cite{roe}.\n", encoding="utf-8")
    (tex / "refs.bib").write_text(
        f"\n\n@misc{{doe2020,\n  title={{T}},\n  url={{{web.main.url('/gone?d')}}}\n}}\n"
        f"@misc{{roe, title={{R}}, url={{{web.main.url('/gone?r')}}}}}\n", encoding="utf-8")
    return tex / "main.tex"


def test_every_report_names_the_file_and_line_a_latex_note_is_in(web: Web, workdir: Path) -> None:  # noqa: F811
    main = _paper(workdir, web)
    result = run("tex/main.tex", *LOCAL, "--output", "lines", "--json", "r.json", "--sarif",
                 "r.sarif", "--junit", "r.xml", "--markdown", "r.md", "--html", "r.html",
                 env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1, result.stdout + result.stderr
    out = result.stdout
    assert "tex/refs.bib:3: dead" in out and "tex/chap.tex:10: dead" in out
    assert "tex/refs.bib:7: dead" in out
    assert "tex/main.tex:3: dead" not in out and "tex/main.tex:10:" not in out
    assert "file=tex/refs.bib,line=3," in out and "file=tex/chap.tex,line=10," in out
    # the claim of roe is the \cite in chap.tex, line 10
    assert "cited at line chap.tex:10:" in out

    report = json.loads((workdir / "r.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, load_schema())
    notes = {n["label"]: n for n in report["documents"][0]["notes"]}
    assert (notes["doe2020"]["file"], notes["doe2020"]["line"]) == ("refs.bib", 3)
    assert "file" not in notes["doe2020"]["claims"][0]  # the \cite is in main.tex
    assert notes["doe2020"]["claims"][0]["line"] == 3
    assert (notes["fn1"]["file"], notes["fn1"]["line"]) == ("chap.tex", 10)
    roe = notes["roe"]["claims"][0]
    assert (roe["file"], roe["line"]) == ("chap.tex", 10)
    assert main.read_text(encoding="utf-8").count("\n") == 6

    sarif = json.loads((workdir / "r.sarif").read_text(encoding="utf-8"))
    places = {r["locations"][0]["message"]["text"]: r for r in sarif["runs"][0]["results"]}
    doe = places["note [doe2020]"]
    location = doe["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("tex/refs.bib")
    assert location["region"]["startLine"] == 3
    claim = doe["relatedLocations"][0]["physicalLocation"]
    assert claim["artifactLocation"]["uri"].endswith("tex/main.tex")
    roe_claim = places["note [roe]"]["relatedLocations"][0]["physicalLocation"]
    assert roe_claim["artifactLocation"]["uri"].endswith("tex/chap.tex")

    junit = ET.parse(workdir / "r.xml").getroot()
    described = " ".join(f.text or "" for f in junit.iter("failure"))
    assert "note [doe2020] at refs.bib line 3" in described
    assert "claim (chap.tex line 10)" in described
    assert "tex/refs.bib:3" in (workdir / "r.md").read_text(encoding="utf-8")
    html = (workdir / "r.html").read_text(encoding="utf-8")
    assert "refs.bib line 3" in html and "chap.tex line 10" in html


def test_parse_lists_a_latex_note_at_its_file_and_line(web: Web, workdir: Path) -> None:  # noqa: F811
    _paper(workdir, web)
    result = run("parse", "tex/main.tex")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "[doe2020] full at refs.bib:3" in result.stdout
    assert "[fn1] full at chap.tex:10" in result.stdout
