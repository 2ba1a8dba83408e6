"""Text as a reader of the built page sees it, where docutils alone cannot build it.

Plain docutils does not know Sphinx's roles (``:ref:``, ``:doc:``, ``:command:``…): it keeps
the source (``:ref:`section below <install>```) in a ``problematic`` node and adds a message.
A claim or a note's text shows what Sphinx prints instead: the title, or the target itself.
Links that roles make (``:pep:`8```) and the notes ``.. target-notes::`` generates are the
document's machinery, not sources its author wrote down.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes

from citecheck.parse.deferred import regex

__all__ = ["cited_keys", "is_generated_note", "is_role_link", "role_text", "role_url",
           "shown_text"]

# ":role:`content`", ":domain:role:`content`"
_ROLE = regex(r"^:(?:[\w.+-]+:)+`(?P<content>.*)`$", re.DOTALL)
_TITLED = regex(r"^(?P<title>.*?)\s*<[^<>]*>$", re.DOTALL)
_TARGET = regex(r"<(?P<target>[^<>]*)>$")
# Roles whose content a Sphinx project prints as a link to the work itself (SciPy's, NumPy's and
# Astropy's doi roles, sphinxcontrib-doi): in a footnote or citation that link is its source.
_SOURCE_ROLES = {"doi": "https://doi.org/{}"}
# sphinxcontrib-bibtex's citation roles: ":cite:`key`", ":cite:t:`a,b`", ":footcite:p:`key`"
# (any variant: p, t, ps, ts, ct, alp, year, author…), with a page in "key, p. 3" left to Sphinx.
_CITATION_ROLE = regex(r"^:(?:foot)?cite(?::[a-z]+)?:`(?P<keys>[^`]*)`$", re.DOTALL)
# The name docutils gives each footnote the target-notes directive makes.
_TARGET_NOTE = "TARGET_NOTE:"


def role_text(raw: str) -> str | None:
    """What Sphinx prints for an interpreted-text role, or None when ``raw`` is not one.

    ``:ref:`section below <install>``` → ``section below``; ``:doc:`venv``` → ``venv``;
    ``:func:`~pkg.mod.run``` → ``run``; ``:class:`!Name``` → ``Name``.
    """
    found = _ROLE.match(raw.strip())
    if found is None:
        return None
    content = " ".join(found.group("content").split())
    titled = _TITLED.match(content)
    if titled and titled.group("title"):
        return titled.group("title")
    if content.startswith("~"):
        return content[1:].rsplit(".", 1)[-1]
    return content.lstrip("!")


def role_url(raw: str) -> str | None:
    """The link a source-naming role prints: ``:doi:`10.1/x``` → ``https://doi.org/10.1/x``
    (also ``:doi:`the paper <10.1/x>```); None for any other role or text."""
    found = _ROLE.match(raw.strip())
    if found is None:
        return None
    name = raw.strip()[1:].split("`", 1)[0].rstrip(":").rsplit(":", 1)[-1]
    pattern = _SOURCE_ROLES.get(name.lower())
    content = "".join(found.group("content").split())
    target = _TARGET.search(content)
    value = target.group("target") if target else content
    return pattern.format(value) if pattern is not None and value else None


def cited_keys(raw: str) -> tuple[str, ...]:
    """The BibTeX keys a sphinxcontrib-bibtex role cites (``:footcite:p:`a, b``` → a, b);
    none for any other text. The entries live in the project's ``.bib`` files, which Sphinx
    names in ``conf.py``, not in the page."""
    found = _CITATION_ROLE.match(raw.strip())
    if found is None:
        return ()
    return tuple(key for key in (k.strip() for k in found.group("keys").split(",")) if key)


def is_role_link(ref: Any) -> bool:
    """``:pep:`8``` and ``:rfc:`2616``` make links to documents, not cited sources."""
    return str(ref.rawsource).startswith(":")


def is_generated_note(note: Any) -> bool:
    """A footnote ``.. target-notes::`` made for a hyperlink target: the link is the source."""
    return any(str(name).startswith(_TARGET_NOTE) for name in note.get("names", ()))


def shown_text(node: Any) -> str:
    """The text of ``node`` as printed: no docutils messages, Sphinx roles as their titles."""
    parts: list[str] = []

    def visit(element: Any) -> None:
        for child in element.children:
            if isinstance(child, nodes.Text):
                # Escapes undone: docutils keeps "\M. Sugihara" as a NUL before the "M".
                parts.append(child.astext())
            elif isinstance(child, nodes.system_message | nodes.label | nodes.Invisible):
                continue
            elif isinstance(child, nodes.problematic):
                shown = role_text(child.astext())
                parts.append(shown if shown is not None else child.astext())
            elif isinstance(child, nodes.Element):
                if not isinstance(child, nodes.Inline) and parts:  # a paragraph, a list…
                    parts.append("\n")
                visit(child)

    visit(node)
    return "".join(parts).strip()
