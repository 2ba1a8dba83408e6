"""Sphinx's prose directives, shown to plain docutils as the admonitions they print as.

docutils does not know ``.. seealso::``, ``.. versionchanged::``, ``.. tab::`` or
``.. dropdown::``: it keeps their whole body as the text of an error, so the links and note
references written inside them (often a page's "See also" links) would be lost. Their
bodies are ordinary reStructuredText, so each such directive line is rewritten, before
parsing, as ``.. note:: <what Sphinx prints first>`` and its options (``:sync: unix``) as
blank lines: one line for one line, so every line number stays the author's. (A ``note``
takes no argument, so docutils reads the lines right under it as its text, as Sphinx reads
``.. versionchanged:: 3.2`` followed by its explanation.) An object description
(``.. function:: name(args)``, ``.. py:class::``, ``.. c:function::``) is prose too: Sphinx prints
the signature, then the body that describes it, where manuals keep their links. Directives whose
body is code or configuration (``code-block``, ``toctree``, ``autoclass``…) stay unknown and
unread, as before.
"""

from __future__ import annotations

import re

from docutils.parsers.rst.languages import en

from citecheck.parse.deferred import regex

__all__ = ["as_docutils"]

#: Sphinx (and common extensions') directives whose body is prose, with what Sphinx prints
#: before the body: a label (the argument follows), "" (the argument alone), or None
#: (nothing: the argument is a condition, not text).
_PROSE: dict[str, str | None] = {
    "seealso": "See also", "glossary": "", "todo": "", "centered": "", "hlist": "",
    "only": None, "ifconfig": None, "margin": "", "tab": "", "tabs": "", "group-tab": "",
    "tab-set": "", "tab-item": "", "card": "", "grid": None, "grid-item": None,
    "grid-item-card": "", "dropdown": "", "details": "",
    # ABlog's note of a blog post's later change: "Updated on <date>", then what changed.
    "update": "Updated on",
}
#: Object descriptions of Sphinx's domains (``py``, ``c``, ``cpp``, ``js``, ``rst``, ``std``):
#: the argument is a signature, not a sentence, so only the body is read as text.
_OBJECTS = frozenset({
    "function", "class", "method", "staticmethod", "classmethod", "attribute", "property",
    "data", "exception", "decorator", "decoratormethod", "module", "currentmodule", "type",
    "member", "macro", "struct", "union", "enum", "enumerator", "var", "concept", "object",
    "directive", "role", "option", "envvar", "describe",
})
_DOMAINS = frozenset({"py", "c", "cpp", "js", "rst", "std"})
#: Version notes print "Changed in version 3.2: <the rest of the argument>".
_VERSIONS = {
    "versionadded": "New in version", "versionchanged": "Changed in version",
    "deprecated": "Deprecated since version", "versionremoved": "Removed in version",
}
_DIRECTIVE = regex(
    r"^(?P<indent>[ \t]*)\.\.[ \t]+(?:(?P<domain>[a-z]+):)?(?P<name>[\w-]+)::(?P<args>.*)$")
_OPTION = regex(r"^[ \t]+:[\w-]+:(?:[ \t]|$)")
#: Directives docutils reads itself (``image``, ``figure``, ``include``, ``raw``…): an address
#: given to them is an image's or an inclusion's, not a link.
_DOCUTILS = frozenset(en.directives) | frozenset(en.directives.values())
_ADDRESS = regex(r"https?://\S+")


def as_docutils(text: str) -> str:
    """``text`` with each Sphinx prose directive written as an admonition, line for line."""
    if ":: " not in text and "::\n" not in text:
        return text
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        found = _DIRECTIVE.match(lines[i])
        name = _prose_name(found) if found else ""
        if found is not None and not name and _address_argument(found, lines, i):
            # ".. ticket-url:: https://…": a project's own directive (GHC proposals, PEP-like
            # headers) that gives an address as its argument and nothing else; docutils keeps
            # an unknown directive as an error's text, so the address is read as a note's.
            lines[i] = f"{found['indent']}.. note:: {found['args'].strip()}"
            i += 1
            continue
        if found is None or not name:
            i += 1
            continue
        lines[i] = f"{found['indent']}.. note:: {_first_words(name, found['args'].strip())}"
        i += 1
        while i < len(lines) and _OPTION.match(lines[i]):  # options the admonition lacks
            lines[i] = ""
            i += 1
    return "\n".join(lines)


def _address_argument(found: re.Match[str], lines: list[str], i: int) -> bool:
    """Whether a directive docutils does not know has one web address for its argument and no
    options or body (the next line is blank or no deeper than the directive)."""
    if found["domain"] is not None or found["name"] in _DOCUTILS:
        return False
    argument = found["args"].strip()
    if _ADDRESS.fullmatch(argument) is None:
        return False
    following = lines[i + 1] if i + 1 < len(lines) else ""
    indent = len(found["indent"])
    return not following.strip() or len(following) - len(following.lstrip()) <= indent


def _prose_name(found: re.Match[str]) -> str:
    """The directive's name when its body is prose, else ""."""
    name, domain = found["name"], found["domain"]
    if name in _OBJECTS and (domain is None or domain in _DOMAINS):
        return name
    if domain is None and (name in _PROSE or name in _VERSIONS):
        return name
    return ""


def _first_words(name: str, argument: str) -> str:
    """What Sphinx prints before a prose directive's body."""
    if name in _OBJECTS:
        return ""
    if name in _VERSIONS:
        version, _, rest = argument.partition(" ")
        return f"{_VERSIONS[name]} {version}: {rest.strip()}".rstrip()
    label = _PROSE[name]
    if label is None:
        return ""
    return " ".join(w for w in (label, argument) if w)
