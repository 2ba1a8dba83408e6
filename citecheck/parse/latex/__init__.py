"""LaTeX with BibTeX/BibLaTeX: ``\\footnote``, ``\\cite`` and friends, and ``.bib`` databases.

``context.py`` teaches the pylatexenc tokenizer the citation macros; ``source.py`` walks a
document and the files it ``\\input``s; ``bib.py`` reads databases with bibtexparser; and
``reader.py`` turns what was found into notes and markers for
:func:`~citecheck.parse.base.build_document`.
"""

from __future__ import annotations

from citecheck.parse.latex.reader import read_bibtex, read_latex
from citecheck.parse.latex.source import Folder

__all__ = ["Folder", "read_bibtex", "read_latex"]
