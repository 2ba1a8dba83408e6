"""Splitting prose into sentences, the way citation markers need it.

A marker follows the sentence it supports: ``…failed to control.[i] Crumbling…`` puts ``[i]`` in
the first sentence, not the second, and so does ``…control. [i] Crumbling…``. Abbreviations
(``U.N.``, ``Mr.``, ``e.g.``, ``et al.``, ``p. 4``) and initials (``J. Caleb Johnson``) never end a
sentence. A blank line always does.

The splitter is one regular-expression pass per paragraph: linear in the text, no model.
"""

from __future__ import annotations

from citecheck.parse.deferred import regex

__all__ = ["MARKER", "split_sentences"]

# A note marker as it appears right after a sentence: "[i]", "[12]", "[^3]", "[1, 2]", "[1–3]",
# or superscript digits ("¹²", "¹,²").
MARKER = (
    r"(?:\[\^?[0-9A-Za-z][\w.-]{0,15}(?:\s*[,–-]\s*\^?[0-9A-Za-z][\w.-]{0,15})*\]"
    r"|[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?:[,⁻–-][⁰¹²³⁴⁵⁶⁷⁸⁹]+)*)"
)

_PARAGRAPH_BREAK = regex(r"\n[ \t]*\n\s*")
# End punctuation, closing quotes/brackets, glued or spaced markers, then the gap to the next
# sentence (or the end of the text).
_BOUNDARY = regex(
    r"[.!?…][.!?]*[”’\"')\]»]*"  # a set first: the engine can skip ahead to it
    # A superscript flattened to digits by a PDF copy ("land.1 Planners"): only right after a
    # word's final punctuation and before a capital, so "3.5 percent" is not one.
    # After a bracket, a percent sign, a closing quote or a year too ("(2019).4 The", "the
    # “donut effect”.1 Rents", "in 2020.2 Informal", "in 2019–20.1 Wages").
    r"(?:(?:(?<=[^\W\d_][.!?])|(?<=[)%”’\"][.!?])|(?<=[^\W\d_][.!?][”’\"')])"
    r"|(?<=(?<!\d)(?:1[5-9]|20)\d\d\.)|(?<=(?<!\d)(?:1[5-9]|20)\d\d[–-]\d\d\.))"
    r"\d{1,3}(?:, ?\d{1,3}){0,5}(?=\s+[A-Z“\"‘(]))?"
    rf"(?:[ \t]*{MARKER})*"
    r"(?=\s|$)"
    # The next visible character (group 1, "" at the end): whether a sentence begins there.
    r"(?=\s*(\S?))"
)

# Never the end of a sentence.
_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "messrs", "dr", "prof", "sr", "jr", "st", "mt", "ft", "rev", "hon",
        "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "gov", "sen", "rep", "pres", "supt",
        "insp", "amb", "esq", "rt", "e.g", "i.e", "cf", "al", "vs", "viz", "ca", "approx",
        "inc", "ltd", "co", "corp", "bros", "dept", "univ", "assn",
    }
)  # fmt: skip
# Not the end of a sentence when a number follows ("No. 36", "p. 4", "Aug. 18", "vol. 3").
_NUMBER_ABBREVIATIONS = frozenset(
    {
        "no", "nos", "p", "pp", "vol", "vols", "ed", "eds", "fig", "figs", "ch", "chap", "sec",
        "art", "para", "paras", "n", "nn", "ibid", "op", "cit", "loc", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "est",
    }
)  # fmt: skip
_ACRONYM = regex(r"^(?:[A-Za-z]\.)*[A-Za-z]$")  # U.N, U.S, e.g, J (before the final dot)
_OPENERS = "([{“‘\"'«"


def _is_abbreviation(word: str, following: str) -> bool:
    """Whether the period after ``word`` is an abbreviation's rather than a sentence's end."""
    word = word.lstrip(_OPENERS)
    if not word:
        return False
    lower = word.lower()
    if lower in _ABBREVIATIONS:
        return True
    if _ACRONYM.match(word) and len(word) <= 6:
        # "U.N", "E.U", "e.g", and single initials "J"; but "CIA" or "Mali" are words.
        return True
    if lower in _NUMBER_ABBREVIATIONS:
        return following[:1].isdigit() or (lower != "n" and following[:1] in "ivxlcdm")
    return False


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` offsets, leading/trailing space excluded.

    A note marker right after a sentence's final punctuation (``claim.[3]``, ``claim.” ¹``)
    stays with that sentence.
    """
    spans: list[tuple[int, int]] = []
    para_start = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        _split_paragraph(text, para_start, brk.start(), spans)
        para_start = brk.end()
    _split_paragraph(text, para_start, len(text), spans)
    return spans


def _split_paragraph(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    sentence_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        # Only the next visible character matters (the pattern's lookahead reads it); slicing
        # the rest of the paragraph at each boundary made long paragraphs quadratic.
        following = match.group(1)
        if following.islower():
            continue
        cut = match.end()
        dot = match.start()
        if text[dot] == "." and not text.startswith("..", dot):
            # Back to the start of the word before the period: after the last space, unless
            # other whitespace (a line break, a tab) comes later, which the loop finds.
            begin = max(text.rfind(" ", sentence_start, dot) + 1, sentence_start)
            word = text[begin:dot]
            if not word or not word.isprintable() or " " in word:
                begin = dot
                while begin > sentence_start and not text[begin - 1].isspace():
                    begin -= 1
                word = text[begin:dot]
            if begin < dot and not _is_unit(text, sentence_start, begin, word) and (
                _is_abbreviation(word, following)
            ):
                continue
        _add(text, sentence_start, cut, spans)
        sentence_start = cut
    _add(text, sentence_start, end, spans)


_UNITS = frozenset("KCF")  # kelvin and degrees: "0.01 K.", "40 C."; "s. 3" is a section
_NUMBER_BEFORE = regex(r"(\d[\d.,]*)\s*$")


def _is_unit(text: str, start: int, begin: int, word: str) -> bool:
    """"as low as 0.01 K. Their", "hit 40 C. Nobody": a unit after a number, not an initial.

    A year is no number here: "In 2010 J. Smith agreed" keeps its initial.
    """
    if len(word) != 1 or word not in _UNITS:
        return False
    number = _NUMBER_BEFORE.search(text, start, begin)
    return number is not None and not (
        len(number[1]) == 4 and number[1].isdigit() and number[1][:2] in ("15", "16", "17",
                                                                          "18", "19", "20")
    )


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
