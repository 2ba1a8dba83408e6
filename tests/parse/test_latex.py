"""The LaTeX + BibTeX reader on small synthetic documents: one edge case each."""

from __future__ import annotations

import pytest

from citecheck.models import DiagnosticCode, DocumentFormat, NoteKind
from citecheck.parse import parse_document


class Folder:
    """The document's folder as the reader sees it, in memory."""

    def __init__(self, **files: str) -> None:
        self.files = {name.replace("__", "/").replace("_dot_", "."): text
                      for name, text in files.items()}
        self.asked: list[str] = []

    def read(self, name: str) -> str | None:
        self.asked.append(name)
        return self.files.get(name)

    def names(self, suffix: str) -> list[str]:
        return sorted(n for n in self.files if n.endswith(suffix) and "/" not in n)


BIB = r"""
@string{acm = "ACM Press"}
@book{knuth, author = {Donald E. Knuth}, title = {The {\TeX}book}, publisher = acm,
  year = 1984, url = {https://example.org/tex\_book%20x}, urldate = {2020-01-02}}
@article{lamport, author = {Leslie Lamport}, title = {Gr\"o{\ss}e}, journal = {J}, year = 1990,
  doi = {https://doi.org/10.1000/XYZ.1}}
@misc{arx, title = {An arXiv paper}, eprint = {2101.00001}, archivePrefix = {arXiv}}
@misc{site, title = {A site}, howpublished = {\url{https://site.example/a%20b}},
  note = {Archived at \href{https://archive.example/x}{the archive}}}
@book{offline, author = {Ann Author}, title = {A Printed Book}, year = 2001}
"""


def latex(body: str, bib: str = BIB, **files: str) -> tuple[object, Folder]:
    folder = Folder(refs_dot_bib=bib, **files)
    text = "\\documentclass{article}\n\\begin{document}\n" + body + "\n\\end{document}\n"
    return parse_document(text, "paper/main.tex", folder=folder), folder


def test_cited_entries_are_notes_labelled_by_key_with_their_addresses() -> None:
    document, _ = latex("Prior work \\cite[p.~3]{knuth, lamport} shows it.\n"
                        "Preprints \\citep{arx} and sites \\autocite{site} and books "
                        "\\parencite{offline} too.")
    assert document.format is DocumentFormat.LATEX
    notes = {n.label: n for n in document.notes}
    assert notes["knuth"].urls == ("https://example.org/tex_book%20x",)
    assert notes["knuth"].citation.accessed == "2020-01-02"
    assert notes["knuth"].citation.title == "The TeXbook"
    assert notes["lamport"].urls == ("https://doi.org/10.1000/XYZ.1",)
    assert notes["lamport"].citation.doi == "10.1000/XYZ.1"
    assert notes["lamport"].citation.title == "Größe"
    assert notes["arx"].urls == ("https://arxiv.org/abs/2101.00001",)
    assert notes["site"].urls == ("https://site.example/a%20b", "https://archive.example/x")
    assert notes["offline"].kind is NoteKind.FULL and notes["offline"].urls == ()
    assert notes["knuth"].claims[0].text == "Prior work shows it."
    assert notes["knuth"].claims[0].line == 3
    assert [n.label for n in document.notes] == ["knuth", "lamport", "arx", "site", "offline"]
    assert not document.diagnostics


def test_a_cite_of_a_missing_key_is_a_diagnostic_not_a_note() -> None:
    document, _ = latex("Shown twice \\cite{nowhere} and \\cite{knuth,nowhere}.")
    assert [n.label for n in document.notes] == ["knuth"]
    (problem,) = document.diagnostics
    assert problem.code is DiagnosticCode.UNKNOWN_CITE_KEY
    assert problem.label == "nowhere" and problem.line == 3
    assert "cited 2 times" in problem.message and "refs.bib" in problem.message


def test_url_with_percent_is_whole_and_the_rest_of_the_line_survives() -> None:
    document, _ = latex("Data.\\footnote{At \\url{https://x.example/a%20b_c#frag} and "
                        "\\url{http://y.example/c~h\\%41}.} After \\cite{knuth}.")
    fn1 = document.note("fn1")
    assert fn1 is not None
    assert fn1.urls == ("https://x.example/a%20b_c#frag", "http://y.example/c~h%41")
    assert document.note("knuth") is not None


def test_nested_braces_in_a_footnote_and_href_text_that_differs_from_its_url() -> None:
    document, _ = latex("A claim.\\footnote{See \\href{https://z.example/p?q=1&r=2}{the "
                        "{nested {braces}} page}, \\emph{{deeply} {nested}}.} Next sentence.")
    fn1 = document.note("fn1")
    assert fn1 is not None
    assert fn1.urls == ("https://z.example/p?q=1&r=2",)
    assert fn1.text == "See the nested braces page, deeply nested."
    assert fn1.claims[0].text == "A claim."


def test_verbatim_blocks_and_comments_cite_nothing() -> None:
    document, _ = latex("% \\cite{knuth}\n\\begin{verbatim}\n\\cite{lamport} \\url{https://fake.example/}"
                        "\n\\end{verbatim}\n\\begin{lstlisting}\n\\footnote{no}\n\\end{lstlisting}\n"
                        "Real \\cite{arx}.")
    assert [n.label for n in document.notes] == ["arx"]


@pytest.mark.parametrize("environment", ["Verbatim", "lstlisting", "comment", "verbatim*"])
def test_a_verbatim_environment_ends_at_its_own_end_whatever_its_body_holds(
        environment: str) -> None:
    # pylatexenc looked for "\end{verbatim}" whatever the name: the R code's "$" opened math
    # that ran to the end of the document, and the citations after it were never read.
    document, _ = latex(f"Before \\cite{{knuth}}.\n\\begin{{{environment}}}\n"
                        'p <- dir("d", pattern = "\\\\.csv$") { \\cite{lamport}\n'
                        f"\\end{{{environment}}}\nAfter \\cite{{offline}}, see "
                        "\\url{https://after.example/}.")
    assert [n.label for n in document.notes] == ["knuth", "offline", "link-1"]
    assert document.notes[-1].urls == ("https://after.example/",)


def test_verb_takes_the_character_after_its_name_as_delimiter_even_a_space() -> None:
    # A table of characters: "\verb ! " prints "!" (the space is the delimiter); read as
    # pylatexenc reads it, "\verb " \\" ran to the next '"' and hid what lay between.
    rows = "\n".join(f"{code} & \\verb {char} \\\\" for code, char in
                     [(32, " "), (33, "!"), (34, '"'), (37, "%"), (92, "\\")])
    document, _ = latex(f"\\begin{{tabular}}{{cc}}\n{rows}\n\\end{{tabular}}\n"
                        "Ruby\\footnote{Few parentheses.} and \\cite{knuth}, "
                        "\\verb*|a\"b| and \\verb|open\nthen \"quoted\" \\cite{arx}.")
    assert [n.label for n in document.notes] == ["fn1", "knuth", "arx"]
    assert document.note("fn1").text == "Few parentheses."  # type: ignore[union-attr]


def test_input_is_expanded_in_place_and_footnotes_number_in_document_order() -> None:
    document, folder = latex("One.\\footnote{First.}\n\\input{chapters/two}\nThree."
                             "\\footnote{Third \\url{https://three.example/}.}",
                             chapters__two_dot_tex="Two.\\footnote{Second, see \\cite{knuth}.}\n")
    labels = [n.label for n in document.notes]
    assert labels == ["fn1", "fn2", "knuth", "fn3"]
    assert document.note("fn2").text == "Second, see [knuth]."  # type: ignore[union-attr]
    assert document.note("fn3").urls == ("https://three.example/",)  # type: ignore[union-attr]
    assert "chapters/two.tex" in folder.asked


def test_the_footnote_family_is_read_as_footnotes_numbered_in_document_order() -> None:
    # \tablefootnote (package tablefootnote) prints as an ordinary footnote; \thanks is the
    # title page's footnote, marked by a symbol and outside the footnote counter (so it is
    # "thanks1" and the first footnote is still fn1); \footnotetext gives the note a
    # \footnotemark set; \endnote and \mpfootnote are notes too. A margin note (\marginpar)
    # is text beside the page, no note.
    document, _ = latex(
        "\\title{A Paper\\thanks{Funded, see \\url{https://fund.example/}.}}\\maketitle\n"
        "One.\\footnote{First.}\n"
        "\\begin{tabular}{ll} Cost\\tablefootnote[9]{Per year, \\url{https://t.example/}} & 3 "
        "\\\\ \\end{tabular}\n"
        "Two\\footnotemark{} and\\footnotetext{Marked, \\cite{knuth}.} three.\\endnote{End.}\n"
        "\\begin{minipage}{3cm}Box\\mpfootnote{Boxed.}\\end{minipage}"
        "\\marginpar{Aside \\url{https://margin.example/}}\n")
    notes = {n.label: n for n in document.notes}
    assert [n.label for n in document.notes if n.label.startswith(("fn", "thanks"))] == [
        "thanks1", "fn1", "fn2", "fn3", "fn4", "fn5"]
    assert notes["thanks1"].urls == ("https://fund.example/",)
    assert notes["fn1"].text == "First."
    assert notes["fn2"].text == "Per year, https://t.example/"
    assert notes["fn2"].urls == ("https://t.example/",)
    assert notes["fn3"].text == "Marked, [knuth]." and notes["fn3"].kind is NoteKind.SHORT
    assert (notes["fn4"].text, notes["fn5"].text) == ("End.", "Boxed.")
    assert notes["fn2"].claims[0].line == 5
    # the margin note's address stays a body link, as before
    assert [n.urls for n in document.notes if n.kind is NoteKind.LINK] == [
        ("https://margin.example/",)]


@pytest.mark.parametrize("let", ["\\let\\thanks\\relax", "\\let \\footnote = \\thanks",
                                 "\\global\\let\\endnote\\footnote"])
def test_a_let_names_a_note_command_without_using_it(let: str) -> None:
    # "\let\thanks\relax" (a class switching title footnotes off), "\let\footnote\thanks":
    # neither name is a note taking the other as its text.
    document, _ = latex(let + "\n{\\large Title}\nText.\\footnote{Real \\url{https://r.example/}.}")
    assert [(n.label, n.urls) for n in document.notes] == [("fn1", ("https://r.example/",))]


def test_input_of_a_missing_file_is_a_diagnostic() -> None:
    document, _ = latex("Text.\\footnote{A note.}\n\\input{generated}\nMore.\\footnote{B.}")
    assert [n.label for n in document.notes] == ["fn1", "fn2"]
    (problem,) = document.diagnostics
    assert problem.code is DiagnosticCode.MISSING_INCLUDE and problem.line == 4
    assert "generated" in problem.message


def test_input_loop_is_read_once() -> None:
    document, _ = latex("\\input{a}", a_dot_tex="A.\\footnote{a}\\input{a}")
    assert [n.label for n in document.notes] == ["fn1"]
    assert [d.code for d in document.diagnostics] == [DiagnosticCode.MISSING_INCLUDE]


def test_bibliography_command_names_the_database() -> None:
    folder = Folder(refs_dot_bib=BIB, other_dot_bib="@misc{knuth, url={https://other.example/}}")
    text = "\\cite{knuth}\n\\bibliography{other}\n"
    document = parse_document(text, "main.tex", folder=folder)
    assert document.note("knuth").urls == ("https://other.example/",)  # type: ignore[union-attr]
    missing = parse_document("\\cite{knuth}\\addbibresource{gone.bib}", "main.tex",
                             folder=folder)
    # Nothing could be read to check, and that is said too (no-notes).
    assert {d.code for d in missing.diagnostics} == {
        DiagnosticCode.MISSING_BIBLIOGRAPHY, DiagnosticCode.UNKNOWN_CITE_KEY,
        DiagnosticCode.NO_NOTES}


def test_multicite_and_nocite() -> None:
    document, _ = latex("See \\parencites[3]{knuth}[cf.][]{arx} here.\\nocite{site}")
    assert [n.label for n in document.notes] == ["knuth", "arx", "site"]
    assert document.note("site").claims == ()  # type: ignore[union-attr]
    everything, _ = latex("\\nocite{*}")
    assert {n.label for n in everything.notes} == {"knuth", "lamport", "arx", "site", "offline"}


def test_nocite_star_lists_every_entry_of_every_named_database() -> None:
    # "\nocite{*}" prints the whole of each database the document names (one of them in the
    # folder above), cited or not; an entry in both is the first one's.
    folder = Folder(refs_dot_bib=BIB)
    folder.files["../shared.bib"] = ("@misc{extra, url = {https://extra.example/}}\n"
                                     "@misc{knuth, url = {https://shadowed.example/}}\n")
    text = ("\\documentclass{article}\\begin{document}\nAs shown \\cite{arx}.\\nocite{*}\n"
            "\\bibliography{refs,../shared}\n\\end{document}\n")
    document = parse_document(text, "paper/main.tex", folder=folder)
    assert [n.label for n in document.notes] == [
        "arx", "knuth", "lamport", "site", "offline", "extra"]
    assert document.note("knuth").urls == (  # type: ignore[union-attr]
        "https://example.org/tex_book%20x",)
    assert document.note("extra").file == "../shared.bib"  # type: ignore[union-attr]
    assert [c.text for c in document.note("arx").claims] == ["As shown."]  # type: ignore[union-attr]
    assert document.note("extra").claims == ()  # type: ignore[union-attr]
    assert not document.diagnostics


def test_body_links_outside_footnotes_are_link_entries() -> None:
    document, _ = latex("The code is at \\href{https://code.example/}{our repository}.")
    (link,) = document.notes
    assert link.label == "link-1" and link.urls == ("https://code.example/",)
    assert link.claims[0].text == "The code is at our repository."


def test_a_citation_used_as_subject_starts_its_own_sentence() -> None:
    document, _ = latex("It holds.\n\\citet{knuth} proved it later.")
    assert document.note("knuth").claims[0].text == "proved it later."  # type: ignore[union-attr]


def test_without_a_folder_only_the_text_is_read() -> None:
    document = parse_document("\\documentclass{x}\\cite{knuth}\\input{a}", "-")
    assert document.format is DocumentFormat.LATEX
    codes = {d.code for d in document.diagnostics}
    assert codes == {DiagnosticCode.MISSING_INCLUDE, DiagnosticCode.UNKNOWN_CITE_KEY,
                     DiagnosticCode.NO_NOTES}


def test_a_bib_file_alone_lists_entries_with_an_address() -> None:
    bib = BIB + "\n@article{broken, title = {unbalanced\n@misc{after, url={https://after.example/}}\n"
    document = parse_document(bib, "refs.bib")
    assert document.format is DocumentFormat.BIBTEX
    assert [n.label for n in document.notes] == ["knuth", "lamport", "arx", "site", "after"]
    assert document.notes[0].line == 3
    assert all(n.kind is NoteKind.FULL for n in document.notes)
    assert [d.code for d in document.diagnostics] == [DiagnosticCode.BAD_ENTRY]
    assert not any(d.code is DiagnosticCode.NOTE_NEVER_CITED for d in document.diagnostics)


@pytest.mark.parametrize("text", ["", "\\", "{{{", "\\footnote{", "\\url{http://x", "\\cite{",
                                  "\\begin{verbatim}", "}}}\\end{itemize}", "%", "$$\\cite{a}"])
def test_broken_latex_never_raises(text: str) -> None:
    parse_document(text, "x.tex", folder=Folder())


@pytest.mark.parametrize("text", ["", "@", "@article{", "@misc{a, url = {", "@string{x = y}",
                                  "@comment{ \\url{https://x} }", "% only a comment"])
def test_broken_bibtex_never_raises(text: str) -> None:
    parse_document(text, "x.bib")


def test_sniffing_latex_and_bibtex_without_a_suffix() -> None:
    assert parse_document("\\documentclass{article}\n", "-").format is DocumentFormat.LATEX
    assert parse_document("% refs\n@book{k, url={https://x.example/}}", "-").format \
        is DocumentFormat.BIBTEX


def test_input_without_braces_and_keys_in_another_case() -> None:
    # BibTeX matches keys whatever their case; the label is the key as the writer cites it
    # first (what they will search their source for), and later spellings are the same note.
    document, _ = latex("\\input chapter1\nEnd \\cite{KNUTH}. Again \\cite{Knuth}.",
                        chapter1_dot_tex="One.\\footnote{A note.}\n")
    assert [n.label for n in document.notes] == ["fn1", "KNUTH"]
    assert document.notes[1].urls == ("https://example.org/tex_book%20x",)
    assert [c.text for c in document.notes[1].claims] == ["End.", "Again."]
    assert not document.diagnostics


def test_citation_commands_the_preamble_declares_cite_too() -> None:
    preamble = ("\\DeclareCiteCommand{\\citeonline}[\\mkbibbrackets]\n  {\\usebibmacro{prenote}}\n"
                "  {\\printfield{labelnumber}}\n  {\\multicitedelim}\n  {\\usebibmacro{postnote}}\n"
                "\\newcommand{\\mycite}[1]{\\citep[see][]{#1}}\n"
                "% \\DeclareCiteCommand{\\commentedout}{}{}{}{}\n"
                "\\DeclareMultiCiteCommand{\\onlines}{\\citeonline}{\\multicitedelim}\n")
    document = parse_document(
        "\\documentclass{article}\n" + preamble + "\\begin{document}\n"
        "Online \\citeonline[p.~2]{site}. Wrapped \\mycite{arx}. Both \\onlines{knuth}{lamport}.\n"
        "Not one \\commentedout{offline}.\n\\end{document}\n",
        "paper/main.tex", folder=Folder(refs_dot_bib=BIB))
    assert [n.label for n in document.notes] == ["site", "arx", "knuth", "lamport"]
    assert document.note("site").claims[0].text == "Online."
    assert document.note("arx").claims[0].text == "Wrapped."
    assert not document.diagnostics


def test_a_wrapper_may_set_the_size_or_open_a_macro_before_its_citation() -> None:
    # "\\inlinecite" in a table: a size switch, then cite.sty's \\citen; the keys are cited
    document = parse_document(
        "\\documentclass{article}\n"
        "\\newcommand{\\inlinecite}[1]{\\footnotesize\\citen{#1}}\n"
        "\\newcommand{\\supcite}[1]{\\textsuperscript{\\cite{#1}}}\n"
        "\\newcommand{\\bold}[1]{\\textbf{#1}}\n\\begin{document}\n"
        "Table \\inlinecite{site, arx}. Up \\supcite{knuth}. Not \\bold{lamport}.\n"
        "\\end{document}\n",
        "paper/main.tex", folder=Folder(refs_dot_bib=BIB))
    assert [n.label for n in document.notes] == ["site", "arx", "knuth"]
    assert document.note("arx").claims[0].text == "Table."


def test_declarations_in_an_input_file_cite_in_the_files_after_it() -> None:
    document, _ = latex("\\input{macros}\nOnline \\citeonline{site}.",
                        macros_dot_tex="\\DeclareCiteCommand{\\citeonline}{}{}{}{}\n")
    assert [n.label for n in document.notes] == ["site"]


def test_a_missing_key_in_an_input_file_names_the_file() -> None:
    document, _ = latex("\\input{part}", part_dot_tex="\n\nSee \\cite{gone}.")
    problem, nothing = document.diagnostics
    assert nothing.code is DiagnosticCode.NO_NOTES
    assert problem.message.startswith("part.tex:3: ") and problem.line is None


BBL = r"""\begin{thebibliography}{10}
\providecommand{\url}[1]{\texttt{#1}}

\bibitem[Knuth(1984)]{knuth84}
D.~E. Knuth.
\newblock {\em The \TeX book}.
\newblock \url{https://bbl.example/texbook%20v2}, 1984.

\bibitem{lamport94}
L.~Lamport.
\newblock \LaTeX: A Document Preparation System, 1994.
\newblock \doi{10.1000/lamport.94}

\bibitem{printed}
A.~Author. A printed book. 2001.
\end{thebibliography}
"""


def test_a_bbl_file_stands_in_for_a_missing_bib_as_preprint_archives_ship_it() -> None:
    folder = Folder(main_dot_bbl=BBL)
    text = "Typeset \\cite{knuth84,lamport94} and \\citep{printed}.\\bibliography{refs}"
    document = parse_document(text, "main.tex", folder=folder)
    notes = {n.label: n for n in document.notes}
    assert list(notes) == ["knuth84", "lamport94", "printed"]
    assert notes["knuth84"].urls == ("https://bbl.example/texbook%20v2",)
    assert notes["knuth84"].line == 4
    assert notes["lamport94"].urls == ()  # a DOI field is the citation's DOI, checked at doi.org
    assert notes["lamport94"].sources == ("https://doi.org/10.1000/lamport.94",)
    assert notes["printed"].urls == () and notes["printed"].kind is NoteKind.FULL
    assert notes["knuth84"].claims[0].text == "Typeset and."
    assert not document.diagnostics


def test_an_inline_thebibliography_is_the_database() -> None:
    body = "See \\cite{knuth84} and \\cite{gone}.\n" + BBL
    document = parse_document(body, "main.tex", folder=Folder())
    # Every \bibitem is printed, cited or not: each is a note (the cited one first).
    assert [n.label for n in document.notes] == ["knuth84", "lamport94", "printed"]
    assert [d.code for d in document.diagnostics] == [DiagnosticCode.UNKNOWN_CITE_KEY]
    assert "typeset bibliography" in document.diagnostics[0].message


BIBER_BBL = r"""% $ biblatex auxiliary file $
\begingroup
\makeatletter
\refsection{0}
  \datalist[entry]{nty/global//global/global}
    \entry{ctan}{online}{}
      \name{author}{1}{}{%
        {{hash=abc}{%
           family={CTAN},
        }}%
      }
      \field{sortinit}{C}
      \field{title}{{CTAN}: The {Comprehensive} {\TeX} Archive Network}
      \field{year}{2006}
      \field{urlday}{1}
      \field{urlmonth}{10}
      \field{urlyear}{2006}
      \verb{url}
      \verb http://www.ctan.org/a%20b
      \endverb
    \endentry
    \entry{baez}{article}{}
      \field{eprinttype}{arxiv}
      \field{title}{Higher-Dimensional Algebra V}
      \verb{eprint}
      \verb math/0307200v3
      \endverb
      \verb{doi}
      \verb 10.1000/x(1)
      \endverb
    \endentry
  \enddatalist
\endrefsection
\endgroup
"""


def test_a_biber_bbl_stands_in_for_a_missing_bib() -> None:
    folder = Folder(paper_dot_bbl=BIBER_BBL)
    text = "Archive \\autocite{ctan}, algebra \\textcite{baez}.\\addbibresource{refs.bib}"
    document = parse_document(text, "dir/paper.tex", folder=folder)
    notes = {n.label: n for n in document.notes}
    assert notes["ctan"].urls == ("http://www.ctan.org/a%20b",)
    assert notes["ctan"].citation.accessed == "2006-10-01"
    assert notes["ctan"].citation.title == "CTAN: The Comprehensive TeX Archive Network"
    assert notes["ctan"].line == 6
    assert notes["baez"].urls == ("https://arxiv.org/abs/math/0307200v3",
                                  "https://doi.org/10.1000/x(1)")
    assert not document.diagnostics


def test_notes_and_claims_in_other_files_name_the_file_and_keep_its_lines() -> None:
    # main.tex: the \cite of knuth on line 3; chap.tex: a footnote and a \cite on line 4.
    chap = "% chapter\n\n\nA claim.\\footnote{See \\url{https://fn.example/}.} And \\cite{arx}."
    document, _ = latex("Cited.\\cite{knuth}\n\\input{chap}", chap_dot_tex=chap)
    notes = {n.label: n for n in document.notes}  # type: ignore[attr-defined]
    knuth, arx, footnote = notes["knuth"], notes["arx"], notes["fn1"]
    assert (knuth.file, knuth.line) == ("refs.bib", 3)  # its line in refs.bib, not main.tex
    assert (knuth.claims[0].file, knuth.claims[0].line) == (None, 3)  # the \cite in main.tex
    assert (footnote.file, footnote.line) == ("chap.tex", 4)
    assert (footnote.claims[0].file, footnote.claims[0].line) == ("chap.tex", 4)
    assert (arx.file, arx.claims[0].file, arx.claims[0].line) == ("refs.bib", "chap.tex", 4)


def test_a_bib_file_alone_is_the_document_its_notes_name_no_other_file() -> None:
    document = parse_document(BIB, "refs.bib")
    assert document.notes and all(n.file is None for n in document.notes)


def test_a_user_macro_that_makes_a_link_is_a_link_where_it_is_used() -> None:
    # "\pkg{units}" prints \href{https://docs.example/units/}{…}: the PDF links there, at the
    # place of the use; the definition itself is a template, not a link.
    preamble = ("\\newcommand{\\pkg}[1]{\\href{https://docs.example/#1/index.html}"
                "{\\texttt{pkg.#1}}\\xspace}\n"
                "\\newcommand{\\home}{\\url{https://home.example/}}\n"
                "\\newcommand{\\two}[2]{\\href{https://#1.example/#2}{#2}}\n"
                "\\newcommand{\\plain}[1]{\\textbf{#1}}\n")
    document = parse_document(
        "\\documentclass{article}\n" + preamble + "\\begin{document}\n"
        "The \\pkg{units} and \\pkg {time} parts. See \\home. Also \\two{a}{b}.\n"
        "Bold \\plain{x}.\\footnote{In a note \\pkg{notes}.}\n\\end{document}\n",
        "paper/main.tex", folder=Folder(refs_dot_bib=BIB))
    links = [(n.urls, n.line) for n in document.notes if n.label.startswith("link-")]
    assert links == [(("https://docs.example/units/index.html",), 7),
                     (("https://docs.example/time/index.html",), 7),
                     (("https://home.example/",), 7), (("https://a.example/b",), 7)]
    first = next(n for n in document.notes if n.label == "link-1")
    assert [c.text for c in first.claims] == ["The units and time parts."]
    note = document.note("fn1")  # in a footnote, the link is the note's address
    assert note is not None and note.urls == ("https://docs.example/notes/index.html",)


def test_a_user_macro_makes_links_in_a_hand_written_bibliography_too() -> None:
    # "\arxiv{1212.1721}" in a \bibitem prints \href{http://arxiv.org/abs/1212.1721}: the
    # entry's address, as the document's macro writes it (scheme included).
    document = parse_document(
        "\\documentclass{article}\n"
        "\\newcommand{\\arxiv}[1]{\\href{http://arxiv.org/abs/#1}{arXiv:#1}}\n"
        "\\begin{document}\nAs shown \\citep{a, b}.\n"
        "\\begin{thebibliography}{}\n"
        "\\bibitem[Ak(2012)]{a} Akeret, J. 2012, A sampler, \\arxiv{1212.1721}\n"
        "\\bibitem[Bo(2013)]{b} Bovy, J. 2013, \\url{https://b.example/} and \\arxiv {1301.6673}\n"
        "% \\arxiv{9999.9999} commented out\n"
        "\\end{thebibliography}\n\\end{document}\n", "paper/main.tex", folder=Folder())
    assert document.note("a") is not None and document.note("b") is not None
    assert document.note("a").urls == ("http://arxiv.org/abs/1212.1721",)
    assert document.note("b").urls == ("https://b.example/", "http://arxiv.org/abs/1301.6673")


def test_a_link_macro_with_an_optional_argument_and_a_delimited_helper_expands() -> None:
    # LaTeX News: "\githubissue{1004}" with an optional first argument (default empty) builds
    # its address through "\def\first#1 #2\relax{#1}", which takes the first of the numbers.
    preamble = ("\\providecommand\\issue[2][]{\\ifhmode\\unskip\\fi\\mbox{(%\n"
                "  \\href{https://git.example/issues/\\first#2 \\relax}%\n"
                "  {issue#1 #2})}\\par}\n"
                "\\def\\first#1 #2\\relax{#1}\n"
                "\\newcommand{\\unused}[1]{\\href{https://unused.example/#1}{#1}}\n")
    document = parse_document(
        "\\documentclass{article}\n" + preamble + "\\begin{document}\n"
        "A fix.\n\\issue{1004}\n\nTwo fixes.\n\\issue[s]{1085 1090}\n\\end{document}\n",
        "paper/main.tex", folder=Folder())
    links = [n.urls for n in document.notes if n.label.startswith("link-")]
    assert links == [("https://git.example/issues/1004",), ("https://git.example/issues/1085",)]


def test_a_macro_that_uses_a_link_macro_makes_its_link_too() -> None:
    # "\\paper{10.1/x}" prints "see \\doi{10.1/x}", which prints the \\href: the link is made
    # through the document's two macros, in the text and in a footnote alike.
    document = parse_document(
        "\\documentclass{article}\n"
        "\\newcommand{\\doi}[1]{\\href{https://doi.org/#1}{doi:#1}}\n"
        "\\newcommand{\\paper}[1]{see \\doi{#1}}\n\\begin{document}\n"
        "A result, \\paper{10.1000/abc}.\\footnote{Also \\paper{10.1000/def}.}\n"
        "\\end{document}\n", "paper/main.tex", folder=Folder())
    assert [n.urls for n in document.notes if n.label.startswith("link-")] == [
        ("https://doi.org/10.1000/abc",)]
    assert document.note("fn1") is not None
    assert document.note("fn1").urls == ("https://doi.org/10.1000/def",)


@pytest.mark.parametrize(("style", "files", "arxiv"), [
    # naturemag.bst prints "\eprint{2101.00001}" (the bare identifier): no arXiv link
    ("\\bibliographystyle{nat}\n", {"nat_dot_bst": "ENTRY { eprint url } {} {label}\n"}, False),
    # no \bibliographystyle (a journal's class names it): the one style beside the document
    ("", {"nat_dot_bst": "ENTRY { eprint } {} {label}\n"}, False),
    # aasjournal.bst links it: \href{https://arxiv.org/abs/#1}
    ("\\bibliographystyle{aas}\n",
     {"aas_dot_bst": '"\\providecommand{\\doarXiv}[1]{\\href{https://arXiv.org/abs/#1}{#1}}"'},
     True),
    # ... in place of a missing DOI only (aasjournal.bst's format.pid): "arx" has none
    ("\\bibliographystyle{aas}\n",
     {"aas_dot_bst": "FUNCTION {format.pid}\n{ doi empty$\n  {eprint empty$\n {\"\"} "
                     "{format.eprint} if$}\n  { format.doi }\n  if$\n}\n"
                     "\"\\providecommand{\\doarXiv}[1]{\\href{https://arxiv.org/abs/#1}{#1}}\""},
     True),
    ("\\bibliographystyle{gone}\n", {}, True),  # a style not at hand says nothing
    ("", {"a_dot_bst": "ENTRY {}", "b_dot_bst": "ENTRY {}"}, True),  # which of two? unknown
])
def test_an_eprint_is_an_arxiv_link_unless_the_style_at_hand_prints_none(
    style: str, files: dict[str, str], arxiv: bool
) -> None:
    document, _ = latex(f"Preprint \\cite{{arx}}.\n{style}\\bibliography{{refs}}", **files)
    note = document.note("arx")
    assert note is not None
    assert note.urls == (("https://arxiv.org/abs/2101.00001",) if arxiv else ())


def test_a_style_printing_the_eprint_for_a_missing_doi_prints_the_doi_instead() -> None:
    bib = BIB + "@article{both, title = {T}, eprint = {2101.00002}, archivePrefix = {arXiv},\n" \
        "  doi = {10.1000/both}}\n"
    style = ("FUNCTION {format.pid}\n{ doi empty$\n  {eprint empty$\n {\"\"} {format.eprint} "
             "if$}\n  { format.doi }\n  if$\n}\n\"\\href{https://arxiv.org/abs/#1}\"\n")
    document, _ = latex("See \\cite{both,arx}.\n\\bibliographystyle{aas}\\bibliography{refs}", bib,
                        aas_dot_bst=style)
    assert [n.urls for n in document.notes] == [
        ("https://doi.org/10.1000/both",), ("https://arxiv.org/abs/2101.00001",)]


# A style in the shape of juliacon.bst: no "url" among its fields; @article prints the DOI, then
# the arXiv eprint, then the note; @book prints the DOI and the note, no eprint; a type the style
# lacks (@online) is its default.type, misc, which prints howpublished first.
_JULIACON = r"""
ENTRY { author doi eprint eprinttype howpublished note title year } {} { label }
FUNCTION {output.doi} { doi empty$ { skip$ } { "\href{http://dx.doi.org/" doi * "}" * output } if$ }
FUNCTION {format.eprint} { eprint empty$ { "" } { eprinttype "arxiv" =
  { "\href{http://arxiv.org/abs/" eprint * "}" * } { eprint } if$ } if$ }  % "url": no field
FUNCTION {article} { output.bibitem title output output.doi format.eprint output note output }
FUNCTION {book} { output.bibitem title output output.doi note output }
FUNCTION {misc} { output.bibitem howpublished output output.doi format.eprint output note output }
FUNCTION {default.type} { misc }
"""
# ... and in the shape of aasjournal.bst (AASTeX 6.31): one identifier, the DOI, else the eprint,
# else the url.
_AASJOURNAL = r"""
ENTRY { author doi eprint archiveprefix title url year } {} { label }
FUNCTION {format.url} { url empty$ { "" } { "\url{" url * "}" * } if$ }
FUNCTION {format.eprint} { archivePrefix empty$ { "" }
  { archivePrefix "arXiv" = { "\doarXiv{" eprint * "}" * } { "" } if$ } if$ }
FUNCTION {format.doi} { "\dodoi{" doi * "}" * }
FUNCTION {format.pid}
{ doi empty$
{eprint empty$
     { url empty$ { "" } { format.url } if$}
     { format.eprint }
    if$}
  { format.doi }
  if$
}
FUNCTION {article} { output.bibitem title output format.pid output }
FUNCTION {book} { output.bibitem title output format.pid output }
FUNCTION {misc} { output.bibitem title output format.pid output }
"\providecommand{\doarXiv}[1]{\href{https://arxiv.org/abs/#1}{#1}}"
"""
_PRINTED = r"""
@article{art, title = {A}, url = {https://code.example/a}, note = {See \url{https://n.example/}},
  eprint = {2101.00003}, eprinttype = {arxiv}, archivePrefix = {arXiv}, doi = {10.1000/a}}
@book{bk, title = {B}, eprint = {2101.00004}, eprinttype = {arxiv}, doi = {10.1000/b}}
@online{web, title = {C}, howpublished = {\url{https://how.example/}}, doi = {10.1000/c}}
@misc{pref, title = {D}, url = {https://doi.org/10.21105%2Fjoss.00388}, doi = {10.21105/joss.00388}}
@misc{urlonly, title = {E}, url = {https://only.example/}}
@article{bare, title = {F}, eprint = {2101.00005}}
"""


@pytest.mark.parametrize(("style", "expected"), [
    (_JULIACON, {"art": ("https://doi.org/10.1000/a", "https://arxiv.org/abs/2101.00003",
                         "https://n.example/"),
                 "bk": ("https://doi.org/10.1000/b",),
                 "web": ("https://how.example/", "https://doi.org/10.1000/c"),
                 "pref": ("https://doi.org/10.21105/joss.00388",),
                 "urlonly": (), "bare": ()}),
    (_AASJOURNAL, {"art": ("https://doi.org/10.1000/a",), "bk": ("https://doi.org/10.1000/b",),
                   "web": ("https://doi.org/10.1000/c",),
                   "pref": ("https://doi.org/10.21105/joss.00388",),
                   "urlonly": ("https://only.example/",), "bare": ()}),
], ids=["juliacon", "aasjournal"])
def test_what_the_style_prints_in_its_order_is_what_the_reader_sees(
        style: str, expected: dict[str, tuple[str, ...]]) -> None:
    # (an eprint without an archive naming arXiv is printed bare, or not at all: no link)
    document, _ = latex("See \\cite{art,bk,web,pref,urlonly,bare}.\n\\bibliographystyle{sty}"
                        "\\bibliography{refs}", _PRINTED, sty_dot_bst=style)
    assert {n.label: n.urls for n in document.notes} == expected


def test_without_a_style_every_address_of_an_entry_is_read_and_a_url_as_written() -> None:
    document, _ = latex("See \\cite{art,pref,bare}.\n\\bibliography{refs}", _PRINTED)
    notes = {n.label: n.urls for n in document.notes}
    # in the order the fields are written (url, note, eprint), the DOI's address last
    assert notes["art"] == ("https://code.example/a", "https://n.example/",
                            "https://arxiv.org/abs/2101.00003", "https://doi.org/10.1000/a")
    # the url spells the entry's own DOI percent-encoded: kept as written, still one source
    assert notes["pref"] == ("https://doi.org/10.21105%2Fjoss.00388",)
    pref = next(n for n in document.notes if n.label == "pref")
    assert pref.citation.doi == "10.21105/joss.00388"
    assert pref.sources == ("https://doi.org/10.21105%2Fjoss.00388",)  # one request
    assert notes["bare"] == ("https://arxiv.org/abs/2101.00005",)


_WRITTEN = r"""
@article{wkom, Doi = {10.1112/plms/pdq026},
  eprint = {http://plms.example/content/102/2/370.full.pdf+html},
  Url = {http://plms.example/content/102/2/370.abstract}}
@article{lumsdaine, Note = {\href{http://arxiv.org/abs/0812.0409/}{arXiv:0812.0409}},
  Url = {http://www.springer.example/k5w4.pdf}}
@inproceedings{hott, eprint = {arXiv:1201.3898}, url = {http://dx.doi.org/10.1109/LICS.2012.21},
  doi = {10.1109/LICS.2012.21}}
@misc{rubik, eprint = {1910.07113}, archiveprefix = {arXiv}, doi = {10.48550/arXiv.1910.07113},
  url = {http://arxiv.org/abs/1910.07113}}
"""


def test_an_eprint_url_is_an_address_and_fields_come_in_the_order_they_are_written() -> None:
    # no style at hand: the .bib's order (eprint or a note's \href before Url), the DOI's
    # own address last; a url as written wins over the arXiv address built from an eprint
    document, _ = latex("See \\cite{wkom,lumsdaine,hott,rubik}.\n\\bibliography{refs}", _WRITTEN)
    assert {n.label: n.urls for n in document.notes} == {
        "wkom": ("http://plms.example/content/102/2/370.full.pdf+html",
                 "http://plms.example/content/102/2/370.abstract",
                 "https://doi.org/10.1112/plms/pdq026"),
        "lumsdaine": ("http://arxiv.org/abs/0812.0409/", "http://www.springer.example/k5w4.pdf"),
        "hott": ("https://arxiv.org/abs/1201.3898", "http://dx.doi.org/10.1109/LICS.2012.21"),
        "rubik": ("http://arxiv.org/abs/1910.07113", "https://doi.org/10.48550/arXiv.1910.07113"),
    }


_ANY_FIELD = r"""
@book{pub, title = {T}, publisher = {\url{www.diplom.de}}, year = 2000, isbn = {9783832425548},
  _note = {\url{https://web.archive.org/web/2017/http://www.diplom.de/}}}
@book{both, title = {U}, organization = {\href{https://org.example/}{Org}},
  url = {https://u.example/}, abstract = {Mirrored at \url{https://abstract.example/}}}
"""


def test_a_url_macro_in_any_printed_field_is_an_address_of_the_entry() -> None:
    # publisher = {\url{www.diplom.de}}: the address the reader sees, scheme-less as \url's
    # always are read; fields keep their written order; an abstract is never printed, nor a
    # field BibTeX ignores (_note).
    document, _ = latex("See \\cite{pub,both}.", _ANY_FIELD)
    assert {n.label: n.urls for n in document.notes} == {
        "pub": ("https://www.diplom.de",),
        "both": ("https://org.example/", "https://u.example/")}


_SPACED = r"""
@article{eth, title = {Ethereum}, journal = {URL $\{$http://eth.example. org/white. html$\}$}}
@article{erc, title = {ERC}, journal = {URL https://git.example /ethereum /EIPs /issues /20}}
@article{hash, journal = {URL: https://q.example. org/files/ cf6d69348ca50dd9. pdf}, year = 2017}
@misc{glued, note = {R package version 3.5.1https://a.example https://b.example/x Accessed 2020},
  title = {See https://t.example/a/ accessed 3 May 2020}}
"""


def test_a_bare_url_in_any_printed_field_is_read_and_rejoined_where_an_exporter_spaced_it(
) -> None:
    # Google Scholar's export writes a web page's address as "journal = {URL …}", often with
    # the spaces a PDF's text left in it; the pieces are rejoined only where plainly URL text
    # (a TLD or an extension after a dot, a "/" opening a segment, a hash after "/"), and
    # a following word never is.
    document, _ = latex("See \\cite{eth,erc,hash,glued}.", _SPACED)
    assert {n.label: n.urls for n in document.notes} == {
        "eth": ("http://eth.example.org/white.html",),
        "erc": ("https://git.example/ethereum/EIPs/issues/20",),
        "hash": ("https://q.example.org/files/cf6d69348ca50dd9.pdf",),
        "glued": ("https://a.example", "https://b.example/x", "https://t.example/a/")}


def test_a_style_prints_a_link_in_any_field_in_its_own_order() -> None:
    style = ("ENTRY { doi organization publisher title url } {} { label }\n"
             "FUNCTION {book} { title output url output organization output publisher output }\n")
    document, _ = latex("See \\cite{pub,both}.\n\\bibliographystyle{sty}\\bibliography{refs}",
                        _ANY_FIELD, sty_dot_bst=style)
    assert {n.label: n.urls for n in document.notes} == {
        "pub": ("https://www.diplom.de",),
        "both": ("https://u.example/", "https://org.example/")}


def test_biblatex_prints_an_eprint_url_without_an_eprinttype_as_text_not_a_link() -> None:
    document, _ = latex("See \\cite{wkom}.\n\\addbibresource{refs.bib}", _WRITTEN)
    assert document.note("wkom").urls == (  # type: ignore[attr-defined]
        "http://plms.example/content/102/2/370.abstract", "https://doi.org/10.1112/plms/pdq026")


@pytest.mark.parametrize("definitions", [
    "\\newcommand{\\beq}{\\begin{equation}}\n\\newcommand{\\eeq}{\\end{equation}}",
    "\\def\\beq{\\begin{equation}}\\def\\eeq{\\end{equation}}",
    "\\renewcommand*\\bal[1][x]{\\begin{align}}",
])
def test_a_definition_opening_an_environment_it_does_not_close_loses_nothing_after_it(
    definitions: str,
) -> None:
    # A real whitepaper's preamble defines \beq / \eeq this way; read as written, every \cite
    # and \footnote after it was inside one unclosed environment: 0 notes.
    text = (f"\\documentclass{{article}}\n{definitions}\n\\begin{{document}}\n"
            "A claim \\cite{knuth}.\\footnote{See \\url{https://f.example/a}.}\n"
            "\\beq x = 1 \\eeq\n"
            "\\begin{equation}y = 2\\end{equation}\n"
            "Another claim.\\footnote{Second.}\n\\bibliography{refs}\n\\end{document}\n")
    document = parse_document(text, "paper/main.tex", folder=Folder(refs_dot_bib=BIB))
    assert [note.label for note in document.notes] == ["knuth", "fn1", "fn2"]
    fn1 = document.note("fn1")
    assert fn1 is not None and fn1.urls == ("https://f.example/a",)
    fn2 = document.note("fn2")
    # Lines stay where they were.
    assert fn2 is not None and fn2.claims[0].line == text[: text.index("Another")].count("\n") + 1
    # A balanced definition body is left as it is.
    from citecheck.parse.latex.macros import half_environments_inert
    balanced = "\\newcommand{\\eq}[1]{\\begin{equation}#1\\end{equation}}"
    assert half_environments_inert(balanced) == balanced
    assert len(half_environments_inert(text)) == len(text)
