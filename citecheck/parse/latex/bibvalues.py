"""BibTeX field values that bibtexparser leaves as written: ``#`` joins and TeX in URLs.

bibtexparser resolves a field that is one ``@string`` name, but leaves a join
(``url = base # "/report.pdf"``) as its source text; BibTeX builds the value. And a URL
written with TeX's spellings (``a{\\_}b``, ``\\~{}user``, ``a\\textunderscore b``) is, once
typeset, the address with ``_`` and ``~``: braces group, they are never part of an address.
"""

from __future__ import annotations

from citecheck.parse.deferred import regex

__all__ = ["join_value", "url_spelling"]

_WORD_MACROS = regex(r"\\(textunderscore|textasciitilde|slash|textslash)\b\s*(?:\{\})?")
_WORD_CHARS = {"textunderscore": "_", "textasciitilde": "~", "slash": "/", "textslash": "/"}
_BRACE = regex(r"(?<!\\)[{}]")
_MACRO_NAME = regex(r"^[^\s\"#%'(),={}0-9][^\s\"#%'(),={}]*$")


def join_value(value: str, strings: dict[str, str]) -> str | None:
    """The value of an unenclosed field that joins parts with ``#``; None if it joins none.

    ``strings``: the ``@string`` names (lower-cased) and their values.
    """
    parts = _split(value)
    if len(parts) < 2:
        return None
    out: list[str] = []
    for part in parts:
        if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
            out.append(part[1:-1])
        elif part.isdigit():
            out.append(part)
        elif _MACRO_NAME.match(part):
            out.append(strings.get(part.lower(), ""))  # BibTeX: an undefined name is empty
        else:
            return None  # not a join after all
    return "".join(out)


def _split(value: str) -> list[str]:
    """``value`` cut at each ``#`` outside braces and quotes, parts stripped."""
    parts: list[str] = []
    depth, quoted, start = 0, False, 0
    for i, c in enumerate(value):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == '"' and depth == 0:
            quoted = not quoted
        elif c == "#" and depth == 0 and not quoted:
            parts.append(value[start:i].strip())
            start = i + 1
    parts.append(value[start:].strip())
    return parts


def url_spelling(value: str) -> str:
    """A URL field's text without TeX's grouping braces and word macros for ``_ ~ /``."""
    value = _WORD_MACROS.sub(lambda m: _WORD_CHARS[m.group(1)], value)
    return _BRACE.sub("", value)
