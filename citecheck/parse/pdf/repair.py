"""Whole URLs from link annotations: a URL the text wraps or truncates is whole in its link.

For each URL printed on a page: if a link annotation of that page has exactly that URI, it is
confirmed; otherwise the first word of each following line is appended while the join is still
the start of one of the page's annotation URIs (a URL broken by the line end, even right after
``http:``); a URL cut short (``…``, or a running footer in the way) that starts exactly one URI is
replaced by it. The joined fragments are taken off the lines they came from, so line numbers
stay. A URL with no annotation to confirm it is left as printed; so is one printed whole whose
annotation differs only in its scheme (printed https://, linked http://): the annotation repairs
what the text broke, it does not replace what the writer printed.
"""

from __future__ import annotations

import re

from citecheck.parse.deferred import regex
from citecheck.parse.pdf.extract import MARK_START, PdfLink

__all__ = ["HOLD", "repair_lines"]

HOLD = "\u200b"

_URL = regex(
    r"(?i)(?:https?://|www\.)[^\s<>\"\x01\x02\u201c\u201d]+|\bhttps?:$|\bhttps?:/{0,2}$"
)
_TAIL = ".,;:)]}>'\u2019\u201d"
_ELLIPSIS = ("…", "...")
_SPACED_WORD = regex(r" ([^\s<>\"\x01\x02]+)")
_MAX_JOIN = 4  # lines a URL may run over
_NEXT_PAGE = 6  # lines at the top of the next page where a URL cut by the page break goes on


def repair_lines(
    lines: list[str], links: list[PdfLink], following: list[str] | None = None
) -> set[tuple[int, str]]:
    """Rewrite ``lines`` (one page) in place so each annotated URL is whole on its first line.

    ``links`` are the annotations of this page and the next; a URL at the foot of the page may
    go on at the top of ``following`` (the next page's lines, rewritten in place too), past a
    page number or running header. Returns ``(0, uri)`` for each URI this page now prints, and
    ``(1, uri)`` when its end was taken from the next page.
    """
    uris = list(dict.fromkeys(link.uri for link in links))
    if not uris:
        return set()
    view = lines + (following[:_NEXT_PAGE] if following else [])
    printed: set[tuple[int, str]] = set()
    for i in range(len(lines)):
        line = lines[i]
        if "http" not in line.lower() and "www." not in line.lower():
            continue
        position = 0
        while True:
            match = _URL.search(view[i], position)
            if match is None:
                break
            piece = match.group(0).rstrip(_TAIL)
            url, crossed = _repair_one(view, i, match, uris, len(lines))
            if url is not None:
                printed.add((0, url))
                if piece in uris:  # a link split in two annotations: its first is printed too
                    printed.add((0, piece))
                if crossed:
                    printed.add((1, url))
            position = match.start() + max(len(url or match.group(0)), 1)
    lines[:] = view[: len(lines)]
    if following:
        following[: len(view) - len(lines)] = view[len(lines) :]
    return printed


def _repair_one(
    lines: list[str], i: int, match: re.Match[str], uris: list[str], boundary: int
) -> tuple[str | None, bool]:
    """Repair the URL ``match`` on line ``i``; lines from ``boundary`` on are the next page's."""
    raw = match.group(0)
    url = raw.rstrip(_TAIL)
    at_end = match.end() >= len(lines[i].rstrip())
    split = url in uris and at_end and _goes_on(url, lines, i, uris)
    if url in uris and not split:
        return url, False
    twin = _scheme_twin(url, uris) if not split else None
    if twin is not None:
        # Printed "https://www.energy.ca.gov/sb100", linked "http://…": the URL printed whole is
        # what the writer cited and stays as printed; its link is the same address, printed.
        return twin, False
    if not split and not any(uri.startswith(url) for uri in uris):
        lost = _lost_hyphens("", url, uris, whole=True)
        if lost is not None:
            # "https://nhsjs.com/wp-" ⏎ "content/…" that the layout's hyphenation rule made
            # one word again ("wpcontent"): the link has the URL's own hyphen.
            lines[i] = lines[i][: match.start()] + lost + lines[i][match.start() + len(url) :]
            return lost, False
    if not at_end:
        spaced = _underscores_as_spaces(lines, i, match, uris)
        if spaced is not None:
            return spaced, False
        # "(https://www. vidhiaagaz. com)": the text layer spaced the address at its dots on
        # one line; the annotation that has it whole takes the pieces back.
        more, used = _spaced_on(raw, lines[i], match.end(), uris)
        if used and more in uris:
            lines[i] = lines[i][: match.start()] + more + lines[i][match.end() + used :]
            return more, False
    joined = raw if at_end else url
    taken: list[tuple[int, int]] = []  # (line, characters taken from its start)
    k = i + 1
    skipped = 0
    while at_end and k < len(lines) and k <= i + _MAX_JOIN + skipped and (
        joined.rstrip(_TAIL) not in uris or (split and k == i + 1)
    ):
        text = lines[k]
        stripped = text.lstrip()
        indent = len(text) - len(stripped)
        word = stripped.split(" ", 1)[0].split(MARK_START, 1)[0]
        at_page_break = boundary - 2 <= k < boundary + 3 and len(lines) > boundary
        if at_page_break and skipped < 4 and not any(
            uri.startswith(joined + word) for uri in uris
        ) and not (word and (joined + word.rstrip(_TAIL)) in uris):
            skipped += 1  # a page number or running header or footer between the halves
            k += 1
            continue
        if not word:
            break
        if any(uri.startswith(joined + word) for uri in uris):
            joined += word
            more, used = _spaced_on(joined, stripped, len(word), uris)
            if used:
                # The text layer put spaces at the URL's break points ("uk- news/2018/…",
                # "theguardian . com / world / …"): the annotation takes the pieces back.
                joined = more
                taken.append((k, indent + len(word) + used))
                if stripped[len(word) + used :].strip():
                    break  # the URL ended inside this line
                k += 1
                continue
            taken.append((k, indent + len(word)))
        elif not joined.endswith("-") and any(
            uri.startswith(joined + "-" + word) for uri in uris
        ):
            # The URL's own hyphen at the break, which the text lost ("…/n1/daily" +
            # "quotidien/…" for "daily-quotidien", Word's): the annotation has it.
            joined += "-" + word
            taken.append((k, indent + len(word)))
        elif (restored := _lost_hyphens(joined, word, uris)) is not None:
            # Two printed lines PDFium gave as one, the hyphen at their break lost inside the
            # word ("…-order-establishmentoffice-trade-…"): the annotation has it.
            joined += restored
            taken.append((k, indent + len(word)))
        else:
            trimmed = word.rstrip(_TAIL)
            restored = _lost_hyphens(joined, trimmed, uris, whole=True) if trimmed else None
            if trimmed and (joined + trimmed) in uris:
                joined += trimmed
                taken.append((k, indent + len(trimmed)))
            elif restored is not None:
                joined += restored
                taken.append((k, indent + len(trimmed)))
            break
        if len(word) < len(stripped.split(" ", 1)[0]) or " " in stripped:
            break  # the URL ended inside this line
        k += 1
    joined = joined.rstrip(_TAIL) if joined.rstrip(_TAIL) in uris else joined
    if joined in uris:
        whole = joined
    else:
        starting = [uri for uri in uris if uri.startswith(joined.rstrip("".join(_ELLIPSIS)))]
        cut = at_end or raw.endswith(_ELLIPSIS) or joined != raw
        if len(starting) != 1 or not cut or len(joined) < 12:
            return None, False
        whole = starting[0]
        if raw.endswith(_ELLIPSIS):
            taken = []
    # At a line end the printed tail belongs to the join ("https://github." + "com/…").
    end = match.end() if at_end else match.start() + len(url)
    lines[i] = lines[i][: match.start()] + whole + lines[i][end:]
    for line, count in taken:
        # A line the URL took whole keeps a zero-width HOLD: a blank line would end the note
        # in the text reader. The PDF reader takes HOLD out of what the text reader returns.
        lines[line] = lines[line][count:] if lines[line][count:].strip() else HOLD
    return whole, any(line >= boundary for line, _ in taken)


def _scheme_twin(url: str, uris: list[str]) -> str | None:
    """The annotation URI that is ``url`` but for its scheme (http:// for https:// or back)."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        return None
    other = ("http" if scheme.lower() == "https" else "https") + "://" + rest
    return other if other in uris else None


_MAX_LOST = 3  # hyphens a word may have lost inside it


def _lost_hyphens(joined: str, word: str, uris: list[str], *, whole: bool = False
                  ) -> str | None:
    """How a URI that starts with ``joined`` goes on with ``word`` once the hyphens the text
    lost inside or before it are put back (``establishmentoffice-trade`` for
    ``establishment-office-trade``): that piece of the URI, or None. ``whole``: the URI must end
    there."""
    for uri in uris:
        if not uri.startswith(joined):
            continue
        rest, at, lost = uri[len(joined) :], 0, 0
        for char in word:
            while at < len(rest) and rest[at] == "-" and char != "-" and lost < _MAX_LOST:
                at += 1
                lost += 1
            if at >= len(rest) or rest[at] != char:
                break
            at += 1
        else:
            if lost and (not whole or at == len(rest)):
                return rest[:at]
    return None


def _underscores_as_spaces(
    lines: list[str], i: int, match: re.Match[str], uris: list[str]
) -> str | None:
    """The URL a font without an underscore printed with spaces in its place ("…/social-
    policies 20743408." for "…/social-policies_20743408"), where an annotation has it whole:
    rewritten whole on line ``i``; or None."""
    line = lines[i]
    joined = match.group(0)
    end = match.end()
    while True:
        found = _SPACED_WORD.match(line, end)
        if found is None:
            return None
        word = found.group(1)
        trimmed = word.rstrip(_TAIL)
        if (joined + "_" + trimmed) in uris:
            whole = joined + "_" + trimmed
            lines[i] = line[: match.start()] + whole + line[end + 1 + len(trimmed) :]
            return whole
        if not any(uri.startswith(joined + "_" + word) for uri in uris):
            return None
        joined += "_" + word
        end += 1 + len(word)


_SPACED_PIECE = regex(r"\s+([^\s<>\"\x01\x02]+)")


def _spaced_on(joined: str, line: str, at: int, uris: list[str]) -> tuple[str, int]:
    """``joined`` gone on with the space-separated pieces of ``line`` from ``at`` while it is
    still the start of an annotation's URI (or, trailing punctuation off, one whole), and the
    characters of ``line`` those pieces took (0: none)."""
    used = 0
    while True:
        found = _SPACED_PIECE.match(line, at + used)
        if found is None:
            return joined, used
        piece = found.group(1).split(MARK_START, 1)[0]
        trimmed = piece.rstrip(_TAIL)
        if piece and any(uri.startswith(joined + piece) for uri in uris):
            joined += piece
            used = found.start(1) + len(piece) - at
        elif trimmed and (joined + trimmed) in uris:
            return joined + trimmed, found.start(1) + len(trimmed) - at
        elif trimmed and "/" not in trimmed and (joined + trimmed + "/") in uris:
            # "https://www. example. com)" printed, "https://www.example.com/" linked
            return joined + trimmed + "/", found.start(1) + len(trimmed) - at
        else:
            return joined, used
        if len(piece) < len(found.group(1)):
            return joined, used  # a raised mark glued on ends the URL


def _goes_on(url: str, lines: list[str], i: int, uris: list[str]) -> bool:
    """Whether a URL printed whole as one annotation's URI at the end of line ``i`` is the first
    piece of a longer one that the next line goes on with (a link split in two annotations)."""
    following = lines[i + 1].split() if i + 1 < len(lines) else []
    if not following:
        return False
    word = following[0]
    return any(uri != url and (uri.startswith(url + word) or uri.startswith(f"{url}-{word}"))
               for uri in uris)
