"""Note labels in plain text: arabic and roman numbering, ranges such as ``[1–3]``."""

from __future__ import annotations

import re

from citecheck.parse.deferred import regex

# A note label as written: arabic, or roman in either case (not mixed).
_LABEL = r"(?:\d{1,5}|[ivxlcdm]{1,15}|[IVXLCDM]{1,15})"
_ROMAN = regex(r"^m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def roman_value(label: str) -> int | None:
    """The value of a roman numeral (either case, 1…3999), or None if it is not one."""
    lower = label.lower()
    if not lower or _ROMAN.match(lower) is None:
        return None
    total = 0
    for i, ch in enumerate(lower):
        value = _ROMAN_VALUES[ch]
        if i + 1 < len(lower) and _ROMAN_VALUES[lower[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def _label_kind(label: str) -> tuple[str, int] | None:
    """(numbering system, value) of a label: ``("arabic", 12)``, ``("roman", 4)``…"""
    if label.isdigit():
        return "arabic", int(label)
    value = roman_value(label)
    if value is None:
        return None
    return ("roman" if label.islower() else "ROMAN"), value


def _expand(labels: str) -> list[str]:
    """``"1, 3"`` → 1, 3; ``"2–4"`` → 2, 3, 4 (ranges only between arabic or same-case roman)."""
    out: list[str] = []
    for piece in re.split(r"\s*,\s*", labels.strip()):
        bounds = re.split(r"\s*[–-]\s*", piece)
        if len(bounds) == 2:
            low, high = _label_kind(bounds[0]), _label_kind(bounds[1])
            if low and high and low[0] == high[0] == "arabic" and 0 <= high[1] - low[1] <= 50:
                out.extend(str(v) for v in range(low[1], high[1] + 1))
                continue
            if low and high and low[0] == high[0] and 0 <= high[1] - low[1] <= 50:
                out.extend(_to_roman(v, bounds[0].islower()) for v in range(low[1], high[1] + 1))
                continue
        out.extend(b for b in bounds if b)
    return out


def _to_roman(value: int, lower: bool) -> str:
    numerals = (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    )  # fmt: skip
    out = []
    for amount, numeral in numerals:
        while value >= amount:
            out.append(numeral)
            value -= amount
    text = "".join(out)
    return text if lower else text.upper()
