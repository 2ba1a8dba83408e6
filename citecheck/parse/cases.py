"""Court cases a note names by their parties: the short form legal writing repeats a case by.

A judgment cited in full ("Supreme Court of India, Shreya Singhal v Union of India, WP
(Criminal) No. 167 of 2012 (24 March 2015), https://…") is cited again by its case name alone,
often with a party abbreviated and a pin or "supra" after it: "Shreya Singhal v UOI.",
"Roe v. Wade, supra.", "Romila Thapar v UOI, para 12." Such a note is a short form of the
earlier full note naming that case (:func:`same_case`).

Pure functions over a note's text.
"""

from __future__ import annotations

import re

from citecheck.parse.deferred import regex
from citecheck.parse.shortforms import fold

__all__ = ["case_short_form", "cases_named", "reported_at", "reporter_pin", "same_case"]

# A party: a capitalised word and up to five more, capitalised or joining ones ("Union of
# India"), none holding a comma or a bracket ("The court in Roe v Wade said" is prose).
_PARTY = r"[A-Z][\w.&’'-]*(?: (?:[A-Z][\w.&’'-]*|of|the|and|for|&|de|van|von|da|del)){0,5}?"
# The whole of a short case note: a cue at most, the case name, then a "supra", a pin
# (", para 12", ", at 5", ", p. 3", ", 45") or OSCOLA's "(n 2)" at most.
_SHORT_CASE = regex(
    rf"^(?:(?:See|Cf\.|Compare)\s+(?:also\s+)?)?(?P<first>{_PARTY})\s+v\.?\s+(?P<second>{_PARTY})"
    r"(?:,?\s+(?:supra|above)\b[^.]{0,40}"
    r"|,\s*(?:at\s+)?(?:(?:paras?|paragraphs?|pp?)\.?\s*)?\d[\d\s,–-]{0,20}"
    r"|\s*\(n\.?\s*\d+\)[^.]{0,40})?\s*\.?$"
)
# A case name inside a full note: "Shreya Singhal v Union of India, WP …", "Roe v. Wade, 410
# U.S. 113 (1973)". The second party ends at a comma, a bracket, a digit or the note's end.
_CASE = regex(
    r"(?P<first>[A-Z][\w.&’'-]*(?: [\w.&’'-]+){0,5}?)\s+v\.?\s+"
    r"(?P<second>[A-Z][\w.&’'-]*(?: (?:[A-Za-z][\w.&’'-]*|\([A-Za-z.]+\))){0,8}?)"
    r"(?=[,;(\[]|\s+\d|\.?$)"
)


def case_short_form(text: str) -> tuple[str, str] | None:
    """The (first party, second party), folded, of a note that is a case name alone."""
    if " v" not in text:
        return None
    found = _SHORT_CASE.match(text.strip())
    if found is None:
        return None
    return fold(found["first"]), fold(found["second"])


def cases_named(text: str) -> list[tuple[str, str]]:
    """Every case a note names, as folded (first party, second party)."""
    if " v" not in text:
        return []
    return [(fold(found["first"]), fold(found["second"])) for found in _CASE.finditer(text)]


def same_case(short: tuple[str, str], full: tuple[str, str]) -> bool:
    """Whether a short case name names the case a full note gives: the first party's last word
    (a surname, "Singhal") and the second party as written, shortened ("Union" for "Union of
    India") or as its initials ("UOI")."""
    first, second = short
    full_first, full_second = full
    if not first or not second or not full_first or not full_second:
        return False
    if first.split()[-1] != full_first.split()[-1]:
        return False
    if full_second == second or full_second.startswith(second + " "):
        return True
    words = full_second.split()
    return len(words) >= 2 and " " not in second and "".join(w[0] for w in words) == second


# Bluebook's short form of a reported case or decision: its short name, the volume and reporter,
# "at" and the pin: "Verizon, 740 F.3d at 645-46.", "See 2014 Open Internet NPRM, 29 FCC Rcd at
# 5562, para. 2." (the full citation gives the first page: "740 F.3d 623").
_REPORTER_PIN = regex(
    r"^(?:(?:See|Cf\.|Compare|Accord|But\s+see)(?:,?\s+e\.g\.,?)?(?:\s+also)?\s+)?"
    r"(?P<name>[A-Z0-9][\w.&’'-]*(?:\s+(?:[A-Z0-9][\w.&’'-]*|of|the|and|on|for|&|v\.?)){0,7}),\s+"
    r"(?P<volume>\d{1,4})\s+(?P<reporter>[A-Z][\w.]*(?:\s?[A-Z0-9][\w.]*){0,3})\s+at\s+"
    r"(?P<pin>\d{1,6})(?:\s*[-–]\s*\d{1,6})?(?:(?:,|\s*&)?\s*(?:paras?\.|nn?\.)\s*\d[\d,–-]*)*"
    r"(?:\s*\([^()]*\))?\s*\.?$"
)


def reporter_pin(text: str) -> tuple[str, str, str, int] | None:
    """The (short name, volume, reporter, pin page) of a note that is a reporter pin cite alone."""
    if " at " not in text:
        return None
    found = _REPORTER_PIN.match(text.strip())
    if found is None:
        return None
    return found["name"], found["volume"], found["reporter"], int(found["pin"])


def reported_at(text: str, volume: str, reporter: str, pin: int) -> int | None:
    """The first page at which ``text`` cites volume ``volume`` of ``reporter`` ("740 F.3d
    623"), the latest at or before the pin when it cites several; None when it cites none."""
    spaced = r"\s?".join(re.escape(piece) for piece in reporter.split())
    pages = [int(found[1]) for found in re.finditer(
        rf"(?<!\d){re.escape(volume)}\s+{spaced}\s+(\d{{1,6}})(?!\d)", text)]
    before = [page for page in pages if page <= pin]
    return max(before) if before else None
