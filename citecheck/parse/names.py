"""Small facts every reader shares: how an author is cited, superscript digits, line breaks.

Each lived in two or three readers before and had started to drift; now they are defined once
and the readers (and :mod:`citecheck.parse.resolve`) build their patterns from them.
"""

from __future__ import annotations

from citecheck.parse.deferred import regex

__all__ = [
    "CITED_NAME",
    "CITED_NAMES",
    "DITTO",
    "FROM_SUPERSCRIPT",
    "LEADING_PARTICLE",
    "NAME_WORD",
    "NEWLINES",
    "SUPERSCRIPT_DIGITS",
    "TO_SUPERSCRIPT",
    "normalise_newlines",
]

#: One capitalised name word: "Sen", "O’Brien", "Smith-Jones".
NAME_WORD = r"[A-Z][\w’'-]+"
#: Lower-case particles inside a name ("Pérouse de Montclos", "Van der Berg").
_INNER_PARTICLE = r"(?:de|van|von|der|den|la|le|du|da|dos|del)"
#: A particle that may open a name as cited ("de Waal 2015", "al Jazeera").
LEADING_PARTICLE = r"(?:de|van|von|der|le|la|du|da|al|el)"
#: One author as cited: "Sen", "FEWS NET", "Pérouse de Montclos" (up to four words).
CITED_NAME = rf"{NAME_WORD}(?:\s+(?:{_INNER_PARTICLE}\s+)*{NAME_WORD}){{0,3}}"
#: Several authors as cited: "Smith, Jones and Lee", "Smith & Jones", APA's "Rich, Wood, & Majidi",
#: "Smith et al."
CITED_NAMES = rf"{CITED_NAME}(?:(?:,\s+|,?\s+and\s+|,?\s*&\s*){CITED_NAME})*(?:,?\s+et\s+al\.?)?"

# "— — —.", "———.", "—" alone or before the title, a typist's "________.": the previous
# bibliography entry's authors again (Chicago, biblatex). Hyphens only doubled or more ("--.",
# "___."): one is a bullet.
# (A longer run of underscores only before its stop: alone on a line it is a rule.)
DITTO = regex(
    r"^(?:(?:[—―]\s?){1,3}|(?:–\s?){2,3}|-{2,3}|_{2,8}|_{9,16}(?=[.,]))(?:[.,:]|\s*$|\s+(?=\S))"
)

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
#: ``str.translate`` tables between ASCII digits and superscript digits.
TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

#: Line numbers count what editors count: \r\n, \r and \n; a form feed is only whitespace.
NEWLINES = regex(r"\r\n?")


def normalise_newlines(text: str) -> str:
    """``text`` with every \\r\\n and lone \\r made \\n, so line numbers match an editor's."""
    # A substitution with nothing to substitute still costs some 10 ns a character (4-5 ms
    # for a 500 KB page); "in" finds out at C speed that most texts hold no \r at all.
    return NEWLINES.sub("\n", text) if "\r" in text else text
