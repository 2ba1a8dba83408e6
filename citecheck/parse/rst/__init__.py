"""reStructuredText: footnotes (``[1]_``, ``[#]_``, ``[#name]_``, ``[*]_``), citations
(``[CIT2002]_``) and hyperlinks, read with docutils (``reader.py``)."""

from __future__ import annotations

from citecheck.parse.rst.reader import read_rst

__all__ = ["read_rst"]
