"""The reStructuredText reader on small synthetic documents."""

from __future__ import annotations

import pytest

from citecheck.models import DiagnosticCode, DocumentFormat, NoteKind
from citecheck.parse import parse_document

DOC = """\
Title
=====

A manual note [1]_ and an auto one [#]_ on one line.
A named one [#fnv]_ and a symbol [*]_, then a citation [CIT2002]_.

- In a list, on its second line:
  see [#fnv]_ again.

Read `the docs <https://docs.example/a_b>`_ or the named target_.

.. _target: https://named.example/x

.. [1] Smith, "First Source," 2020. https://one.example/
.. [#] Jones, "Auto Source," 2019. https://auto.example/
.. [#fnv] Named note: https://fnv.example/
.. [*] Only an explanation here.
.. [CIT2002] Citation, "Cited Work," 2002, https://cit.example/2002
"""


def test_notes_labels_lines_and_urls() -> None:
    document = parse_document(DOC, "doc.rst")
    assert document.format is DocumentFormat.RST
    notes = {n.label: n for n in document.notes if not n.label.startswith("link-")}
    assert list(notes) == ["1", "2", "fnv", "*", "CIT2002"]
    assert notes["1"].urls == ("https://one.example/",)
    assert notes["2"].urls == ("https://auto.example/",)
    assert notes["fnv"].urls == ("https://fnv.example/",)
    assert notes["*"].kind is NoteKind.COMMENT
    assert notes["CIT2002"].urls == ("https://cit.example/2002",)
    assert notes["1"].line == 14
    assert [c.line for c in notes["1"].claims] == [4]
    assert [c.line for c in notes["2"].claims] == [4]
    assert [c.line for c in notes["fnv"].claims] == [5, 8]
    assert [c.line for c in notes["CIT2002"].claims] == [5]
    assert notes["1"].claims[0].text == "A manual note and an auto one on one line."


def test_body_links_with_their_lines() -> None:
    document = parse_document(DOC, "doc.rst")
    links = [n for n in document.notes if n.label.startswith("link-")]
    assert [(n.urls, n.line) for n in links] == [
        (("https://docs.example/a_b",), 10), (("https://named.example/x",), 10)]
    assert links[0].text == "the docs"


SPHINX = """\
Sphinx only
===========

See :ref:`somewhere` and :func:`os.path.join` [#a]_.

.. toctree::
   :maxdepth: 2

   intro

.. versionadded:: 3.1
   Something https://inside.example/

.. code-block:: python

   x = "https://not.a.link/"

.. include:: /etc/passwd

.. [#a] https://a.example/
"""


def test_sphinx_directives_and_roles_are_tolerated_silently(
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = parse_document(SPHINX, "doc.rst")
    # The versionadded body is prose Sphinx prints (see sphinx.py); code blocks stay unread.
    assert [n.label for n in document.notes] == ["a", "link-1"]
    assert document.notes[0].urls == ("https://a.example/",)
    assert document.notes[1].urls == ("https://inside.example/",)
    assert document.notes[1].claims[0].text == "New in version 3.1: Something https://inside.example/"
    assert document.notes[0].claims[0].line == 4
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""
    # The include directive is refused (no file is read), and says so.
    assert all(d.code is DiagnosticCode.UNREADABLE_MARKUP for d in document.diagnostics)
    assert not any("root:" in d.message for d in document.diagnostics)


def test_a_marker_without_its_note_is_reported() -> None:
    document = parse_document("A claim [9]_.\n", "doc.rst")
    assert document.notes == ()
    assert document.diagnostics
    assert document.diagnostics[0].line == 1


@pytest.mark.parametrize("text", ["", "..", ".. [", "[#]_", "`x <", "====\n", ".. [*]\n",
                                  "Title\n===\n\n.. _a: b_\n.. _b: a_\n\na_", "\x00"])
def test_odd_rst_never_raises(text: str) -> None:
    parse_document(text, "odd.rst")


def test_target_notes_make_no_notes_the_links_are_the_sources() -> None:
    text = ("See Python_ and `the docs <https://docs.example/>`__ [#]_ [*]_ [*]_.\n\n"
            ".. [#] A remark.\n.. [*] Another.\n.. [*] A third.\n\n"
            ".. _Python: https://www.python.org\n\n.. target-notes::\n")
    document = parse_document(text, "doc.rst")
    notes = [n for n in document.notes if not n.label.startswith("link-")]
    # docutils numbers and symbols the written notes as it prints them.
    assert [n.label for n in notes] == ["1", "*", "†"]
    links = [n.urls for n in document.notes if n.label.startswith("link-")]
    assert links == [("https://www.python.org",), ("https://docs.example/",)]
    assert [c.text for c in notes[0].claims] == ["See Python and the docs."]


def test_sphinx_roles_read_as_their_titles_and_role_links_are_no_sources() -> None:
    text = ("Read :ref:`the guide <install-guide>` and :func:`~pkg.mod.run` first [1]_.\n\n"
            ".. [1] Accepted in :pep:`440`, see :ref:`pip` and :command:`curl`.\n")
    document = parse_document(text, "doc.rst")
    note = document.note("1")
    assert note is not None
    assert note.text == "Accepted in PEP 440, see pip and curl."
    assert note.urls == () and note.kind is NoteKind.COMMENT
    assert [c.text for c in note.claims] == ["Read the guide and run first."]
    assert document.diagnostics == ()


def test_a_remark_opening_with_a_quoted_word_is_a_comment_not_a_short_form() -> None:
    text = ("Secure [1]_ and repeated [2]_.\n\n"
            ".. [1] \"Secure\" in this context means using a modern browser or a tool like "
            ":command:`curl` that verifies SSL certificates when downloading from https URLs.\n"
            ".. [2] \"Reforming Candidate Registration,\" 4.\n")
    document = parse_document(text, "doc.rst")
    kinds = {n.label: n.kind for n in document.notes}
    assert kinds == {"1": NoteKind.COMMENT, "2": NoteKind.SHORT}


def test_sphinx_prose_directives_keep_their_links_markers_and_lines() -> None:
    text = ("Title\n=====\n\nText [1]_.\n\n"  # lines 1-5
            ".. seealso::\n\n   The `zip docs <https://docs.example/zip>`_ and [2]_.\n\n"
            ".. tab:: Unix\n   :sync: unix\n\n   Run `it <https://run.example/>`_.\n\n"
            ".. only:: html\n\n   Only `html <https://html.example/>`_.\n\n"
            ".. code-block:: bash\n\n   curl https://code.example/\n\n"
            ".. [1] A note.\n.. [2] Another https://two.example/\n")
    document = parse_document(text, "doc.rst")
    links = [(n.urls, n.line) for n in document.notes if n.label.startswith("link-")]
    assert links == [(("https://docs.example/zip",), 8), (("https://run.example/",), 13),
                     (("https://html.example/",), 17)]
    two = document.note("2")
    assert two is not None and [(c.line, c.text) for c in two.claims] == [
        (8, "The zip docs and.")]
    assert document.diagnostics == ()


def test_an_ablog_update_keeps_the_links_of_its_body() -> None:
    # ABlog prints ".. update:: <date>" as an admonition "Updated on <date>" over its body,
    # where a blog post says what changed and links the discussion and the commit.
    text = ("Title\n=====\n\n.. post:: 2020-04-21\n   :tags: RSA\n\nText.\n\n"  # lines 1-8
            ".. update:: 2020-11-20\n\n"
            "  `Pointed out <https://git.example/issues/3#c1>`_, fixed.\n\n"
            "  * `commit:ef9bb4d <https://git.example/commit/ef9bb4d>`_\n")
    document = parse_document(text, "doc.rst")
    links = [(n.urls, n.line) for n in document.notes if n.label.startswith("link-")]
    assert links == [(("https://git.example/issues/3#c1",), 11),
                     (("https://git.example/commit/ef9bb4d",), 13)]


def test_a_custom_directive_whose_argument_is_an_address_gives_a_body_link() -> None:
    # GHC proposals head each page with their own directives (".. ticket-url:: https://…");
    # docutils keeps an unknown directive as an error's text, where its address was lost. A
    # directive docutils reads (".. image::") or one with a body keeps its address to itself.
    text = ("Title\n=====\n\n"  # lines 1-3
            ".. author:: Ann Smith\n"
            ".. ticket-url:: https://tracker.example/issues/19416\n"
            ".. implemented:: 9.8\n\n"
            ".. image:: https://img.example/badge.svg\n\n"
            ".. embed-url:: https://video.example/1\n   :width: 400\n\n"
            "Text.\n")
    document = parse_document(text, "doc.rst")
    links = [(n.urls, n.line) for n in document.notes if n.label.startswith("link-")]
    assert links == [(("https://tracker.example/issues/19416",), 5)]
    assert document.diagnostics == ()


def test_sphinx_object_descriptions_keep_the_links_of_their_bodies() -> None:
    # A manual describes each function in ".. function::" (or ".. py:class::"): the body is
    # prose Sphinx prints under the signature; a foreign domain's body ("foo:bar") stays unread.
    text = ("Title\n=====\n\n"  # lines 1-3
            ".. function:: polylabel(polygon, *tolerance)\n   :noindex:\n\n"
            "   Based on polylabel_, see `RFC 7946 <https://geojson.org/>`__.\n\n"
            ".. py:class:: Point(*args)\n\n   Like `points <https://points.example/>`_.\n\n"
            ".. foo:function:: hidden()\n\n   Not `read <https://foreign.example/>`_.\n\n"
            ".. _polylabel: https://github.com/mapbox/polylabel\n")
    document = parse_document(text, "doc.rst")
    links = [(n.urls, n.line) for n in document.notes if n.label.startswith("link-")]
    assert links == [(("https://github.com/mapbox/polylabel",), 7),
                     (("https://geojson.org/",), 7), (("https://points.example/",), 11)]


def test_a_named_auto_footnote_keeps_its_name_as_written() -> None:
    # docutils lower-cases names ("ct65"); the label is the name the author wrote.
    document = parse_document(
        "Cooley and Tukey [#CT65]_. See also [#Wiki_DFT]_. Again [#CT65]_.\n\n"
        ".. [#CT65] Cooley, J. W. and Tukey, J. W., 1965, An algorithm.\n"
        ".. [#Wiki_DFT] https://en.wikipedia.org/wiki/Discrete_Fourier_transform\n", "fft.rst")
    notes = {n.label: n for n in document.notes}
    assert list(notes) == ["CT65", "Wiki_DFT"]
    assert len(notes["CT65"].claims) == 2
    assert notes["Wiki_DFT"].urls == ("https://en.wikipedia.org/wiki/Discrete_Fourier_transform",)
    assert not document.diagnostics


def test_a_doi_role_in_a_note_is_its_link_as_sphinx_prints_it() -> None:
    document = parse_document(
        "The fast cosine transform [#Mak]_. A second one [#Two]_.\n\n"
        ".. [#Mak] J. Makhoul, 1980, 'A Fast Cosine Transform', IEEE,\n"
        "        vol. 28(1), pp. 27-34, :doi:`10.1109/TASSP.1980.1163351`\n"
        ".. [#Two] A. Author, 2001, 'Another', :doi:`the paper <10.1000/xyz.1>`, "
        ":ref:`not a link <sec>`\n", "fft.rst")
    notes = {n.label: n for n in document.notes}
    assert notes["Mak"].urls == ("https://doi.org/10.1109/TASSP.1980.1163351",)
    assert notes["Mak"].citation is not None
    assert notes["Mak"].citation.doi == "10.1109/TASSP.1980.1163351"
    assert notes["Two"].urls == ("https://doi.org/10.1000/xyz.1",)


def test_a_footnote_citing_through_a_bibtex_role_names_its_source() -> None:
    # "adapted from :cite:t:`key`": the footnote gives its source (in the project's .bib), so
    # it is a full note, not a remark; the same words without the role are a remark.
    document = parse_document(
        "Some code [#]_ and more [#]_.\n\n"
        ".. [#] This code adapted from :cite:t:`jones1997` Section 7.\n"
        ".. [#] This code adapted from the one above.\n", "page.rst")
    kinds = [n.kind for n in document.notes]
    assert kinds == [NoteKind.FULL, NoteKind.COMMENT]


def test_bibtex_role_keys_whose_database_is_not_read_are_named_in_diagnostics() -> None:
    # sphinxcontrib-bibtex: ":footcite:p:" entries live in conf.py's bibtex_bibfiles, which
    # citecheck does not read: each key is reported at its first use, never silently dropped.
    document = parse_document(
        "Title\n=====\n\nRecoBundles :footcite:p:`Gary2018` extracts\n"
        "bundles :footcite:p:`Yeh2018, Gary2018` and :ref:`not a key <sec>`.\n\n"
        "References\n----------\n\n.. footbibliography::\n", "flow.rst")
    assert list(document.notes) == []
    unread = [d for d in document.diagnostics if d.code is DiagnosticCode.UNKNOWN_CITE_KEY]
    assert [(d.label, d.line) for d in unread] == [("Gary2018", 4), ("Yeh2018", 5)]
    assert "cited 2 times" in unread[0].message and ":footcite:p:`Gary2018`" in unread[0].message


class _Folder:
    """The page's folder, in memory."""

    def __init__(self, files: dict[str, str]) -> None:
        self.files = files

    def read(self, name: str) -> str | None:
        return self.files.get(name)

    def names(self, suffix: str) -> list[str]:
        return sorted(n for n in self.files if n.endswith(suffix))


_REFS = """@article{Gary2018, author = {Eleftherios Garyfallidis}, title = {Recognition of white
  matter bundles}, journal = {NeuroImage}, year = {2018}, doi = {10.1016/j.neuroimage.2017.07.015}}
@misc{tool, title = {A tool}, url = {https://tool.example/}}
"""


def test_bibtex_role_keys_are_notes_from_the_bib_files_conf_py_names_beside_the_page() -> None:
    # sphinxcontrib-bibtex: conf.py names refs.bib (the other .bib is not the project's);
    # each cited entry is a note labelled by its key, each role a marker with its sentence; a
    # footnote citing one is a short form of it; a key no entry holds is a diagnostic.
    page = ("Title\n=====\n\nRecoBundles :footcite:p:`Gary2018` extracts bundles.\n"
            "A tool :cite:`tool,missing` helps [#]_.\n\n"
            ".. [#] As in :cite:t:`Gary2018`.\n\n.. footbibliography::\n")
    folder = _Folder({"conf.py": "extensions = ['sphinxcontrib.bibtex']\n"
                                 "bibtex_bibfiles = ['refs.bib']\n",
                      "refs.bib": _REFS, "other.bib": "@misc{missing, url = {https://x.example/}}"})
    document = parse_document(page, "flow.rst", folder=folder)
    notes = {n.label: n for n in document.notes}
    assert list(notes) == ["1", "Gary2018", "tool"]
    assert notes["Gary2018"].urls == ("https://doi.org/10.1016/j.neuroimage.2017.07.015",)
    assert notes["Gary2018"].file == "refs.bib"
    assert [c.text for c in notes["Gary2018"].claims] == ["RecoBundles extracts bundles."]
    assert notes["tool"].urls == ("https://tool.example/",)
    assert notes["1"].kind is NoteKind.SHORT and notes["1"].resolves_to == "Gary2018"
    unread = [d for d in document.diagnostics if d.code is DiagnosticCode.UNKNOWN_CITE_KEY]
    assert [(d.label, d.line) for d in unread] == [("missing", 5)]
    assert "names no entry in refs.bib" in unread[0].message


def test_a_footnote_citing_two_different_entries_through_roles_is_full() -> None:
    page = ("Title\n=====\n\nRecoBundles :cite:`Gary2018` and a tool :cite:`tool` [#]_.\n\n"
            ".. [#] As in :cite:t:`Gary2018` and :cite:t:`tool`.\n")
    folder = _Folder({"refs.bib": _REFS})
    notes = {n.label: n for n in parse_document(page, "flow.rst", folder=folder).notes}
    assert notes["1"].kind is NoteKind.FULL and notes["1"].resolves_to is None


def test_a_target_no_reference_uses_is_a_body_link_where_it_is_defined() -> None:
    text = ("Body uses Used_ and a note [#a]_.\n\n.. [#a] See InNote_.\n\n"
            ".. _Used: https://used.example/\n.. _InNote: https://innote.example/\n"
            ".. _Unused: https://unused.example/\n.. _Wrapped:\n    https://wrapped.example/p\n"
            ".. _alias: Used_\n.. _internal:\n\nPara.\n")
    document = parse_document(text, "doc.rst")
    links = [(n.urls, n.line) for n in document.notes if n.label.startswith("link-")]
    # A used target is a link where it is used (in the body) or the note's URL (in a note);
    # an alias writes no URL of its own and an internal target none at all.
    assert links == [(("https://used.example/",), 1), (("https://unused.example/",), 7),
                     (("https://wrapped.example/p",), 8)]
    assert [n.urls for n in document.notes if n.label == "a"] == [("https://innote.example/",)]


def test_a_backslash_escape_opening_a_footnote_is_no_part_of_its_text() -> None:
    # '\M. Sugihara' keeps "M." from reading as an enumerated list: docutils stores the escape
    # as a NUL, which must not reach the note's text (it hid the authors: a comment).
    text = (
        "A claim [#]_ and another [#]_.\n\n"
        ".. [#] \\M. Sugihara, K. Murota, Theoretical Numerical Linear Algebra, Iwanami Shoten,"
        " 2009.\n"
        ".. [#] \\http://example.org/titpack/index.html\n"
    )
    notes = parse_document(text, "a.rst").notes
    assert [n.text for n in notes] == [
        "M. Sugihara, K. Murota, Theoretical Numerical Linear Algebra, Iwanami Shoten, 2009.",
        "http://example.org/titpack/index.html",
    ]
    assert [n.kind for n in notes] == [NoteKind.FULL, NoteKind.FULL]
    assert notes[1].urls == ("http://example.org/titpack/index.html",)
