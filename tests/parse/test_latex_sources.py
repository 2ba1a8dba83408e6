"""The LaTeX reader on how real sources are written: imports, user macros, odd .bib fields.

Each case is one general cause found on real theses and papers that the tests had not seen
(the holdout set): ``\\import`` with a ``\\def``'d path, templates in ``\\newcommand``, URLs
wrapped with ``%``, links inside ``\\autocite`` prenotes, a URL in a ``doi`` field…
"""

from __future__ import annotations

from citecheck.models import DiagnosticCode, NoteKind
from citecheck.parse import parse_document
from citecheck.parse.latex.bib import read_bib
from citecheck.parse.urls import web_address

from .test_latex import Folder, latex


def labels(document: object) -> list[str]:
    return [n.label for n in document.notes]  # type: ignore[attr-defined]


def test_import_reads_its_directory_built_from_a_def_and_names_inside_are_relative_to_it() -> None:
    text = ("\\def \\PATH {.}  % base path\n\\begin{document}\n"
            "\\import{\\PATH/ch/}{intro}\n\\end{document}\n")
    folder = Folder(ch__intro_dot_tex="Intro.\\footnote{One.}\n\\input{part}\n"
                                      "\\subimport{deeper/}{more}",
                    ch__part_dot_tex="Part.\\footnote{Two.}",
                    ch__deeper__more_dot_tex="More.\\footnote{Three.}")
    document = parse_document(text, "thesis.tex", folder=folder)
    assert labels(document) == ["fn1", "fn2", "fn3"]
    assert document.diagnostics == ()
    assert [n.file for n in document.notes] == ["ch/intro.tex", "ch/part.tex",
                                                 "ch/deeper/more.tex"]


def test_a_missing_import_names_the_expanded_path() -> None:
    document = parse_document("\\newcommand{\\chapters}{parts}\n\\import{\\chapters/}{gone}",
                              "main.tex", folder=Folder())
    (problem,) = [d for d in document.diagnostics
                  if d.code is DiagnosticCode.MISSING_INCLUDE]
    assert "parts/gone" in problem.message


def test_an_input_is_also_found_beside_the_file_that_names_it() -> None:
    document, _ = latex("\\input{chap/one}", chap__one_dot_tex="\\input{two}",
                        chap__two_dot_tex="Two.\\footnote{Beside.}")
    assert labels(document) == ["fn1"] and document.diagnostics == ()


def test_footnotes_links_and_cites_inside_definitions_are_templates_not_notes() -> None:
    document, _ = latex(
        "\\newcommand{\\fnref}[3][]{\\href{#2}{#3}\\footnote{#1\\url{#2}}}\n"
        "\\renewcommand{\\url}[2]{\\href{#2}{\\texttt{#1}}}\n"
        "\\def\\mycite#1{\\cite{knuth}\\footnote{x}}\n"
        "\\DeclareRobustCommand{\\site}{\\href{https://template.example/}{site}}\n"
        "Real.\\footnote{A real note.} See \\fnref{https://made.example/}{it}.")
    # The use "\\fnref{https://made.example/}{it}" prints its \\href: a link of the text (the
    # footnote it also makes only prints that address again: not counted, see below).
    assert labels(document) == ["fn1", "link-1"]
    assert document.note("link-1").urls == ("https://made.example/",)  # type: ignore[union-attr]
    assert document.note("fn1").kind is NoteKind.COMMENT  # type: ignore[union-attr]


def test_a_percent_at_the_end_of_a_line_inside_a_url_joins_the_lines() -> None:
    document, _ = latex("A.\\footnote{See \\url{https://x.example/long/%\n   path.html}.}\n"
                        "Body \\href{https://github.com/%\nnumpy/numpy}{numpy} and "
                        "\\url{http://y.example/python\\_vs\\_matlab.html} and "
                        "\\url{https://z.example/a%20b}.")
    assert document.note("fn1").urls == (  # type: ignore[union-attr]
        "https://x.example/long/path.html",)
    assert [n.urls[0] for n in document.notes if n.label.startswith("link-")] == [
        "https://github.com/numpy/numpy", "http://y.example/python_vs_matlab.html",
        "https://z.example/a%20b"]


def test_a_url_without_its_scheme_is_a_web_address() -> None:
    document, _ = latex("BT (\\url{btimaging.com}) and \\url{www.example.org/x} and "
                        "\\href{mailto:me@example.org}{me} and \\url{notes.txt}.")
    links = [n.urls for n in document.notes if n.label.startswith("link-")]
    assert links == [("https://btimaging.com",), ("https://www.example.org/x",)]
    assert web_address("example.com/a?b") == "https://example.com/a?b"
    assert web_address("notes.txt") == "notes.txt"
    assert web_address("localhost:8080") == "localhost:8080"
    # any country's domain with a path; a file name stays one
    assert web_address("shahr.ir/x3F3") == "https://shahr.ir/x3F3"
    assert web_address("main.py#L10") == "main.py#L10"


def test_a_bib_field_link_without_its_scheme_is_a_web_address() -> None:
    document, _ = latex("News \\cite{news, bare}.", bib="@misc{news, title = {T}, howpublished = "
                        "{\\href{shahr.ir/x3F3}{\\lr{shahr.ir/x3F3}}}}\n"
                        "@misc{bare, title = {B}, url = {shahr.ir/y}}")
    assert document.note("news").urls == ("https://shahr.ir/x3F3",)  # type: ignore[union-attr]
    assert document.note("bare").urls == ("https://shahr.ir/y",)  # type: ignore[union-attr]


def test_links_in_a_citation_prenote_are_body_links_with_the_citation_claim() -> None:
    document, _ = latex("It runs on the renderer.\\autocite[The \\href{http://ssr.example/}"
                        "{SoundScape Renderer} is described in][]{knuth} More text.")
    assert labels(document) == ["link-1", "knuth"]
    link = document.note("link-1")
    assert link.urls == ("http://ssr.example/",)  # type: ignore[union-attr]
    assert [c.text for c in link.claims] == ["It runs on the renderer."]  # type: ignore[union-attr]


def test_a_bibliography_list_with_a_comment_and_a_defined_name() -> None:
    folder = Folder(long_dot_bib="@string{j = {Journal}}",
                    refs_dot_bib="@misc{k, url = {https://k.example/}}")
    document = parse_document("\\def\\refs{refs}\\bibliography{long,%   comment\n  \\refs}\n"
                              "\\cite{k}", "main.tex", folder=folder)
    assert document.note("k").urls == ("https://k.example/",)  # type: ignore[union-attr]
    assert document.diagnostics == ()


def test_providecommand_does_not_replace_a_definition() -> None:
    folder = Folder(a__x_dot_tex="A.\\footnote{a}", b__x_dot_tex="B.\\footnote{b}")
    document = parse_document("\\newcommand{\\dir}{a}\\providecommand{\\dir}{b}\\input{\\dir/x}",
                              "main.tex", folder=folder)
    assert [n.file for n in document.notes] == ["a/x.tex"]


BIB = r"""
@Article{urldoi, TITLE={A}, YEAR=2017 ,
DOI=https://inspirehep.net/record/1500696
}
@misc{two, url = {https://a.example/one https://b.example/two}}
@misc{wrapped, url = {https://c.example/long/%
    path/file.pdf}}
@misc{spaced, url = {https://d.example/broken/
    rest.html}}
@misc{bare, url = {example.com/page}}
@misc{dup, url = {https://first.example/}}
@misc{dup, title = {Second}}
@misc{realdoi, doi = {https://doi.org/10.1000/abc}}
@misc{cutdoi, doi = {10.1371/journal.pcbi. 1004568}}
@misc{enddoi, doi = {10.1016/j.cpc.}}
"""


def test_odd_bib_url_and_doi_fields() -> None:
    entries, problems = read_bib(BIB, "refs.bib")
    urls = {e.key: e.urls for e in entries}
    assert urls["urldoi"] == ("https://inspirehep.net/record/1500696",)
    assert urls["two"] == ("https://a.example/one", "https://b.example/two")
    assert urls["wrapped"] == ("https://c.example/long/path/file.pdf",)
    assert urls["spaced"] == ("https://d.example/broken/rest.html",)
    assert urls["bare"] == ("https://example.com/page",)
    assert urls["realdoi"] == ("https://doi.org/10.1000/abc",)
    # a DOI cut after a dot, as in prose; a sentence's full stop is no part of one
    assert [e.doi for e in entries if e.key in ("cutdoi", "enddoi")] == [
        "10.1371/journal.pcbi.1004568", "10.1016/j.cpc",
    ]
    assert [e.doi for e in entries if e.key == "urldoi"] == [None]
    # BibTeX keeps the first of two entries with one key, and says so.
    assert [e.urls for e in entries if e.key == "dup"] == [("https://first.example/",)]
    assert len(problems) == 1 and "'dup'" in problems[0].message


def test_text_switched_off_with_iffalse_gives_no_notes_but_its_else_branch_does() -> None:
    document, _ = latex("On.\\footnote{one}\n\\iffalse\nOff.\\footnote{\\url{https://off.example/}}"
                        "\\ifx\\a\\b nested\\footnote{x}\\fi \\cite{knuth}\n\\else\n"
                        "Else.\\footnote{two}\n\\fi\nAfter \\cite{lamport}.")
    assert labels(document) == ["fn1", "fn2", "lamport"]


def test_keys_split_over_lines_with_comments_and_a_database_named_by_jobname() -> None:
    folder = Folder(paper_dot_bib="@misc{a, url={https://a.example/}}\n"
                                  "@misc{b, url={https://b.example/}}")
    document = parse_document("\\addbibresource{\\jobname.bib}\nSee \\cite{a,% first\n  b}.",
                              "dir/paper.tex", folder=folder)
    assert labels(document) == ["a", "b"]
    assert document.diagnostics == ()


def test_bib_joins_with_strings_and_tex_spellings_in_urls() -> None:
    bib = ("@string{base = \"https://ex.org\"}\n"
           "@misc{joined, url = base # \"/report.pdf\", title = \"A\" # { B} # 2001}\n"
           "@misc{braced, url = \"https://q.org/a{\\_}b\"}\n"
           "@misc{worded, url = {https://q.org/a\\textunderscore b/\\~{}user}}\n"
           "@misc{fragment, note = {See https://x.org/#frag}}\n"
           "@misc{doi, doi = {10.1000/a{\\_}b}}\n")
    entries, problems = read_bib(bib, "refs.bib")
    urls = {e.key: e.urls for e in entries}
    assert urls == {
        "joined": ("https://ex.org/report.pdf",),
        "braced": ("https://q.org/a_b",),
        "worded": ("https://q.org/a_b/~user",),
        "fragment": ("https://x.org/#frag",),
        "doi": ("https://doi.org/10.1000/a_b",),
    }
    assert entries[0].plain("title") == "A B2001"  # BibTeX joins without spaces
    assert problems == []


def test_a_bib_written_by_filecontents_is_read_when_the_folder_lacks_it() -> None:
    text = ("\\begin{filecontents*}[overwrite]{\\jobname.bib}\n"
            "@misc{k, url = {https://k.example/}}\n"
            "\\end{filecontents*}\n\\documentclass{article}\n\\addbibresource{\\jobname.bib}\n"
            "\\begin{document}\nSee \\cite{k}.\n\\end{document}\n")
    document = parse_document(text, "paper.tex", folder=Folder())
    note = document.note("k")
    assert note is not None and note.urls == ("https://k.example/",)
    assert note.line == 2 and note.file is None  # a line of paper.tex itself
    assert document.diagnostics == ()
    # Without a folder (text from standard input) it is read all the same.
    alone = parse_document(text, "paper.tex")
    assert [n.label for n in alone.notes] == ["k"]
    # With [overwrite] the document's text wins over a file of that name; without, the file.
    disk = Folder(paper_dot_bib="@misc{k, url={https://disk.example/}}")
    assert parse_document(text, "paper.tex", folder=disk).note("k").urls == (  # type: ignore[union-attr]
        "https://k.example/",)
    kept = parse_document(text.replace("[overwrite]", ""), "paper.tex", folder=disk)
    assert kept.note("k").urls == ("https://disk.example/",)  # type: ignore[union-attr]
    assert kept.note("k").file == "paper.bib"  # type: ignore[union-attr]


def test_a_url_built_from_a_parameterless_macro_is_the_address_tex_builds() -> None:
    document, _ = latex("\\newcommand{\\repo}{https://github.com/org/proj}\n"
                        "\\def\\base{\\repo/tree/main}\n"
                        "Code.\\footnote{At \\url{\\repo/issues}.} See \\href{\\base/docs}{docs}"
                        " and \\href{\\unknown/x}{it}.")
    assert document.note("fn1").urls == (  # type: ignore[union-attr]
        "https://github.com/org/proj/issues",)
    links = [n.urls for n in document.notes if n.label.startswith("link-")]
    assert links == [("https://github.com/org/proj/tree/main/docs",)]  # \unknown: no address


def test_quoted_values_of_an_entry_with_a_repeated_field_and_a_scheme_relative_url() -> None:
    # bibtexparser returns an entry with a repeated field ("keywords" twice, as Elsevier's
    # exports write it) without its parse stack: the quotes around each value were kept.
    bib = ('@string{els = "Elsevier"}\n'
           '@article{quoted,\ntitle = "Physarum solver",\npublisher = els,\n'
           'doi = "http://dx.doi.org/10.1016/j.physa.2006.01.053",\n'
           'url = "http://www.sciencedirect.com/science/article/pii/S0378437106000963",\n'
           'keywords = "Amoeboid movement",\nkeywords = "Navigation algorithm"\n}\n'
           '@article{relative, doi = "10.1016/S0006-3495(92)81843-X",\n'
           'url = "//www.sciencedirect.com/science/article/pii/S000634959281843X"}\n'
           '@article{twice, doi = "10.1007/BF02484215",\n'
           'url = "http://dx.doi.org/10.1007/BF02484215"}\n')
    entries, problems = read_bib(bib, "refs.bib")
    found = {e.key: e for e in entries}
    assert found["quoted"].urls == (
        "http://www.sciencedirect.com/science/article/pii/S0378437106000963",
        "https://doi.org/10.1016/j.physa.2006.01.053")
    assert found["quoted"].doi == "10.1016/j.physa.2006.01.053"
    assert found["quoted"].plain("publisher") == "Elsevier"
    assert found["quoted"].plain("title") == "Physarum solver"
    assert found["relative"].urls[0] == (
        "https://www.sciencedirect.com/science/article/pii/S000634959281843X")
    assert problems == []
    # One DOI, one source: the url field's resolver link is where that DOI is checked.
    document = parse_document("\\cite{twice}\\bibliography{refs}", "main.tex",
                              folder=Folder(refs_dot_bib=bib))
    assert document.note("twice").sources == (  # type: ignore[union-attr]
        "http://dx.doi.org/10.1007/BF02484215",)
    assert web_address("//cdn.example.org/a.js") == "https://cdn.example.org/a.js"
    assert web_address("//localhost/x") == "//localhost/x"


def test_discretionary_hyphens_are_no_part_of_an_address() -> None:
    bib = ("@misc{brown, url = {http://ivory.example/2015-growing\\--sustainable\\--dev.html}}\n"
           "@misc{kitzes, url = {http://datasci.example/python/\\-reproducible\\_workflow.html}}\n")
    document, _ = latex("See \\cite{brown,kitzes}.\\footnote{\\url{https://x.example/long\\-path}}"
                        "\\bibliography{refs}", bib=bib)
    urls = {n.label: n.urls for n in document.notes}  # type: ignore[attr-defined]
    entries, _ = read_bib("@misc{n, note = {Online: http://n.example/long\\-path\\_x.html}}",
                          "r.bib")
    assert entries[0].urls == ("http://n.example/longpath_x.html",)
    assert urls == {"brown": ("http://ivory.example/2015-growing-sustainable-dev.html",),
                    "kitzes": ("http://datasci.example/python/reproducible_workflow.html",),
                    "fn1": ("https://x.example/longpath",)}


SHIPPED_BIB = "@misc{kitzes, url = {https://from-the-bib.example/}}\n"
THEBIBLIOGRAPHY = r"""
\begin{thebibliography}{9}
\bibitem[Ki]{kitzes} Kitzes J. Reproducible Workflows; 2016. \url{https://printed.example/k}.
\bibitem[Fu]{Fu} Fujisaki E. Sub-linear size traceable ring signatures. 2021.
\bibitem[IAN]{IAN} IANIX http://ianix.example/pub/curve25519-deployment.html
\end{thebibliography}
"""


def test_a_written_thebibliography_is_the_bibliography_every_item_a_note() -> None:
    # The .bib beside it is shipped but never named by \bibliography: LaTeX does not read it.
    # Every \bibitem is printed, so every one is a note, cited or not.
    document = parse_document(
        "\\documentclass{article}\\begin{document}Workflows \\cite{kitzes}.\n"
        + THEBIBLIOGRAPHY + "\\end{document}\n", "main.tex",
        folder=Folder(paper_dot_bib=SHIPPED_BIB))
    notes = {n.label: n for n in document.notes}
    assert list(notes) == ["kitzes", "Fu", "IAN"]
    assert notes["kitzes"].urls == ("https://printed.example/k",)
    assert notes["IAN"].urls == ("http://ianix.example/pub/curve25519-deployment.html",)
    assert all(n.kind is NoteKind.FULL for n in notes.values())
    assert not notes["Fu"].claims
    assert not document.diagnostics


def test_a_link_macro_defined_in_the_documents_own_package_links_where_it_is_used() -> None:
    folder = Folder(
        thesiscommands_dot_sty="\\RequirePackage{more}\n"
                               "\\newcommand{\\SMGR}{\\href{http://smgr.example}{\\textsc{Smgr}}"
                               "\\@\\xspace}\n\\newcommand{\\unused}{\\href{http://no.example}{x}}",
        more_dot_sty="\\newcommand{\\pkg}[1]{\\href{https://docs.example/#1/}{#1}}\n"
                     "\\footnote{a template file, not text}",
        ch_dot_tex="The graphs in the \\SMGR could be used with \\pkg{units}.")
    document = parse_document("\\documentclass{book}\\usepackage{thesiscommands}\n"
                              "\\usepackage{hyperref}\n\\begin{document}\\input{ch}\\end{document}",
                              "thesis.tex", folder=folder)
    assert [(n.label, n.urls) for n in document.notes] == [
        ("link-1", ("http://smgr.example",)), ("link-2", ("https://docs.example/units/",))]
    assert not document.diagnostics


def test_a_url_typed_out_in_running_text_is_a_body_link() -> None:
    document, _ = latex(
        "\\newcommand{\\fnref}[2]{\\href{#1}{#2}}\n"
        "\\newcommand{\\withurl}[2]{{#1}}\n"
        "See the Retriever (https://github.com/weecology/retriever); for more, see the khmer\n"
        "project (https://github.com/dib-lab/khmer\\_x\\#top). Typed in \\fnref{https://in.example/}"
        "{an argument}, \\withurl{Zenodo}{https://zenodo.org/} or\n"
        "\\begin{verbatim}\nhttp://doi.org/doi:10.1371/journal.pone.0065848\n\\end{verbatim}\n"
        "a footnote.\\footnote{https://note.example/a} Write to me@example.org, or \\url{x.org}.")
    links = [(n.urls, n.line) for n in document.notes  # type: ignore[attr-defined]
             if n.label.startswith("link-")]
    # \withurl prints only its name: the URL given to a user macro is the macro's to print.
    assert links == [(("https://github.com/weecology/retriever",), 5),
                     (("https://github.com/dib-lab/khmer_x#top",), 6),
                     (("https://in.example/",), 6), (("https://x.org",), 10)]
    retriever = document.note("link-1")
    assert [c.text for c in retriever.claims] == [  # type: ignore[union-attr]
        "See the Retriever (https://github.com/weecology/retriever); for more, see the khmer "
        "project (https://github.com/dib-lab/khmer_x#top)."]
    assert document.note("fn1").urls == ("https://note.example/a",)  # type: ignore[union-attr]


def test_a_footnote_whose_only_source_is_a_cite_is_a_short_form_of_the_cited_entry() -> None:
    document, _ = latex(
        "Blocks are not final.\\footnote{For \\TeX, refer to \\cite{Knuth}, section 5.}\n"
        "Also.\\footnote{See \\cite{lamport,knuth} and \\url{https://own.example/}.}\n"
        "Lost.\\footnote{As in \\cite{gone}.}")
    notes = {n.label: n for n in document.notes}  # type: ignore[attr-defined]
    assert notes["fn1"].kind is NoteKind.SHORT
    assert notes["fn1"].resolves_to == "Knuth" and notes["fn1"].points_to == "Knuth"
    assert notes["fn1"].urls == () and notes["fn1"].sources == ()
    assert [c.text for c in notes["fn1"].claims] == ["Blocks are not final."]
    assert "For TeX, refer to, section 5." in [c.text for c in notes["Knuth"].claims]
    assert notes["fn2"].kind is NoteKind.FULL  # an address of its own: a source itself
    assert notes["fn2"].urls == ("https://own.example/",)
    assert notes["fn3"].resolves_to is None


def test_a_footnote_citing_two_different_entries_is_full_not_a_short_form_of_the_first() -> None:
    document, _ = latex(
        "Sampled.\\footnote{Following \\citet{knuth} and \\citet{lamport}.}\n"
        "Again.\\footnote{See \\cite{knuth} and \\cite{Knuth} once more.}")
    notes = {n.label: n for n in document.notes}  # type: ignore[attr-defined]
    assert notes["fn1"].kind is NoteKind.FULL  # it repeats neither: its sources are the two
    assert notes["fn1"].resolves_to is None and notes["fn1"].urls == ()
    assert notes["fn2"].kind is NoteKind.SHORT  # one entry, however often and spelled
    assert notes["fn2"].resolves_to == "knuth"


def test_the_harvard_package_citation_commands_cite() -> None:
    document, _ = latex(
        "As \\citeasnoun{knuth} wrote, and \\citeasnoun*[p.~2]{lamport} too. "
        "\\citename{arx} says so \\citeyear{arx}. \\possessivecite{site} view differs "
        "\\citeaffixed[ch.~3]{offline}{see}.")
    notes = {n.label: n for n in document.notes}  # type: ignore[attr-defined]
    assert list(notes) == ["knuth", "lamport", "arx", "site", "offline"]
    assert [c.text for c in notes["arx"].claims] == ["says so."]
    assert [c.text for c in notes["offline"].claims] == ["view differs."]
    # \citeaffixed's keys come before its text: "see" is no key
    assert not [d for d in document.diagnostics  # type: ignore[attr-defined]
                if d.code is DiagnosticCode.UNKNOWN_CITE_KEY]


def test_names_the_document_folder_lacks_are_read_from_the_project_folder_above() -> None:
    # src/thesis.tex built from the project's folder (TEXINPUTS=src/): TeX reads bib/ and
    # appendix/ there; the folder decides whether it may be read (collect/folder.py).
    folder = Folder(intro_dot_tex="Intro \\cite{knuth}.")
    folder.files |= {"../bib/refs.bib": "@book{knuth, title = {T}, url = {https://k.example/}}",
                     "../appendix/a.tex": "A.\\footnote{\\url{https://a.example/}}"}
    document = parse_document("\\addbibresource{bib/refs.bib}\\begin{document}\\input{intro}"
                              "\\input{appendix/a}\\end{document}", "src/thesis.tex",
                              folder=folder)
    assert [(n.label, n.file) for n in document.notes] == [  # type: ignore[attr-defined]
        ("knuth", "../bib/refs.bib"), ("fn1", "../appendix/a.tex")]
    assert not document.diagnostics  # type: ignore[attr-defined]
    # ... and the BibTeX style there: one that prints no url field
    folder.files["../nourl.bst"] = ("ENTRY { title } {} { label }\n"
                                    "FUNCTION {book} { output.bibitem title output }\n")
    document = parse_document("\\bibliographystyle{nourl}\\bibliography{bib/refs}"
                              "\\begin{document}\\input{intro}\\end{document}",
                              "src/thesis.tex", folder=folder)
    assert document.note("knuth").urls == ()  # type: ignore[union-attr]


def test_a_footnote_a_user_macro_makes_is_a_note_when_it_cites() -> None:
    document, _ = latex(
        "\\newcommand{\\fnc}[3]{\\href{https://git.example/tree/#1\\#n#2}"
        "{\\texttt{#3}\\footnote{Kernel~\\cite{knuth}, file \\texttt{#1}, line #2}}}\n"
        "\\newcommand{\\fnref}[2]{\\href{#1}{#2}\\footnote{\\url{#1}}}\n"
        "First.\\footnote{Own.} It calls \\fnc{net/dev\\_x.c}{40}{rx} first.\n"
        "See \\fnref{https://made.example/}{it}. Last.\\footnote{Own too.}")
    notes = {n.label: n for n in document.notes}  # type: ignore[attr-defined]
    # numbered with the author's footnotes, in document order; \fnref's footnote only repeats
    # the link it makes, so it is not counted
    assert [label for label in notes if label.startswith("fn")] == ["fn1", "fn2", "fn3"]
    made = notes["fn2"]
    assert made.text == "Kernel [knuth], file net/dev_x.c, line 40"
    assert made.kind is NoteKind.SHORT and made.resolves_to == "knuth"
    assert (made.line, made.column) == (5, 32)  # the use of \\fnc
    assert [c.text for c in made.claims] == ["It calls rx first."]
    assert notes["link-1"].urls == ("https://git.example/tree/net/dev_x.c#n40",)
    assert notes["link-2"].urls == ("https://made.example/",)
    assert notes["fn3"].text == "Own too."


def test_a_glossary_file_the_document_loads_is_read_for_its_citations() -> None:
    _, folder = latex("", abbreviations_dot_tex="\\newacronym{IPv4}{IPv4}{Internet Protocol, "
                                                 "version 4~\\cite{lamport}}")
    document = parse_document("\\loadglsentries[main]{abbreviations}\\begin{document}"
                              "\\printglossaries\\end{document}", "main.tex", folder=folder)
    lamport = document.note("lamport")
    assert lamport is not None and lamport.file == "refs.bib"
    assert [(c.file, c.line) for c in lamport.claims] == [("abbreviations.tex", 1)]
