"""Author names in a note: splitting a list of them, a surname, whether text reads as names."""

from __future__ import annotations

from citecheck.parse.deferred import regex

_ENDS_WITH_INITIAL = regex(r"(?:^|[\s.])[A-Za-z]\.$")
_NAME_RUN = regex(r"([^,.;]*)([,.;]?)")
_ROLES = ("ed", "eds", "editor", "editors", "trans", "comp")
_INITIALS = regex(r"^(?:(?:[A-Z]\.[ -]?){1,4}|[A-Z]{1,2})$")
_PARTICLES = frozenset(
    {
        "le", "la", "de", "del", "della", "der", "den", "di", "du", "da", "van", "von", "dos",
        "das", "al", "el", "bin", "ibn", "st", "st.", "mac", "ter", "ten",
    }
)  # fmt: skip
_ETAL = regex(r"(?i),?\s*\bet\s+al\.?$")
_EDITORS = regex(r"(?i),?\s*\(?\b(?:eds?|editors?|trans|comp)\.?\)?$")
_AUTHOR_SPLIT = regex(r"\s*;\s*|\s*,?\s+(?:and|&)\s+|\s*,?\s*&\s*")
_NUMBER_WORD = regex(r"^\d+(?:/\d+)+$")  # "Resolution 73/320"; a bare year is no name


def split_authors(text: str) -> tuple[str, ...]:
    """Author names from the text before a title, split the way the style wrote them.

    ``"Fornof, Emily and Emily Cole"`` → ``("Fornof, Emily", "Emily Cole")``;
    ``"Smith, J., Jones, K. L., & Lee, M."`` → three inverted names;
    an institution (``"U.N."``, ``"Security Council"``) is one author.
    """
    text = text.strip().strip(",;:").strip()
    text = _strip_role(text).strip(",;:").strip()
    if text.endswith(".") and not _ENDS_WITH_INITIAL.search(text, max(0, len(text) - 3)):
        text = text[:-1].rstrip()
    if not text or len(text) > 200:
        return ()
    authors: list[str] = []
    if ";" in text or "&" in text or " and " in text:
        parts = [p for p in _AUTHOR_SPLIT.split(text) if p and p.strip(" ,")]
    else:
        parts = [text]
    # "Madsen, Cort S.; McHugh, Kevin P.": between semicolons each name is inverted.
    inverted_each = ";" in text
    for number, part in enumerate(parts):
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        j = 0
        while j < len(pieces):
            piece = pieces[j]
            following = pieces[j + 1] if j + 1 < len(pieces) else None
            if following is not None and (
                _INITIALS.match(following)
                or (
                    (number == 0 or inverted_each)
                    and j == 0
                    and _surname_like(piece)
                    and _given_like(following)
                )
            ):
                authors.append(f"{piece}, {following}")
                j += 2
            else:
                authors.append(piece)
                j += 1
    return tuple(a for a in authors if any(map(str.isalpha, a)))


def _surname_like(piece: str) -> bool:
    words = piece.split()
    return bool(words) and all(w.lower() in _PARTICLES for w in words[:-1])


def _given_like(piece: str) -> bool:
    words = piece.split()
    return (
        0 < len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not any(map(str.isdigit, piece))
    )


def surname(author: str) -> str:
    """The family name of one author as written (``"Fornof, Emily"``, ``"Emily Fornof"`` and
    ``"Fornof E."`` give ``"Fornof"``); any other name gives its last word (``"World Bank"``:
    ``"Bank"``), as a short form of it does (reports name organisations whole instead)."""
    author = author.strip()
    if "," in author:
        return author.split(",", 1)[0].strip()
    words = author.split()
    if not words:
        return ""
    if len(words) > 1 and _INITIALS.match(words[-1]):
        return words[0]  # "Turing A. M." style
    return words[-1]


def _strip_role(text: str) -> str:
    """Drop a trailing "et al." and an editor/translator role from author names."""
    text = text.strip()
    lower = text.lower().rstrip(".) ")
    if lower.endswith(" al"):
        text = _ETAL.sub("", text).strip()
        lower = text.lower().rstrip(".) ")
    if lower.endswith(_ROLES):
        text = _EDITORS.sub("", text).strip()
    return text


def name_like(text: str) -> bool:
    """Whether ``text`` reads as author names (capitalised words, initials, particles)."""
    text = _strip_role(text.strip().strip(",.;:"))
    words = [w.strip(",;:()") for w in text.replace("&", " ").split()]
    words = [w for w in words if w and w.lower() != "and"]
    return 0 < len(words) <= 16 and all(_name_word(w) for w in words)


def _name_word(word: str) -> bool:
    """A capitalised word or initial (any script), a short particle, or a number like 73/320."""
    if word[0].isupper():
        return True
    return (word.islower() and len(word) <= 3) or bool(_NUMBER_WORD.match(word))


def _author_block_end(body: str, begin: int) -> int | None:
    """The index of the period that closes the author names begun before ``begin``."""
    i = begin
    while True:
        dot = body.find(". ", i)
        if dot == -1 or dot - begin > 200:
            return None
        word = body[:dot].rsplit(" ", 1)[-1].strip(",")
        if body.startswith(("et al. ", "et al., "), dot + 2):
            return body.index(".", dot + 2)  # "Nerem, R. S. et al. Title…": the names end there
        if (len(word) == 1 and word.isupper()) or _INITIALS.match(word + "."):
            # "James C. Seeing Like…" ends the names; "J. Caleb Johnson, and …" goes on.
            following = _NAME_RUN.match(body[dot + 2 :])
            run = following.group(1).split() if following else []
            if following and (
                following.group(2) == ","
                and 0 < len(run) <= 3
                and all(w[:1].isupper() or w.lower() in ("and", "&") for w in run)
            ):
                i = dot + 2
                continue
            if run and _INITIALS.match(run[0]):
                i = dot + 2
                continue
        return dot
