"""Values of settings: each checks one raw value and returns it in the type ``Settings`` uses.

A checker takes the raw value and ``text``: True for the command line and ``CITECHECK_*``
variables, where every value arrives as a string; False for TOML, whose values must already have
the right type. A problem is raised as :class:`Invalid`, phrased without its location; the caller
adds the file or flag and the key.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Sequence

from citecheck.models import Verdict


class ConfigError(Exception):
    """A configuration mistake, as one line naming the file (or source) and the key."""


class Invalid(Exception):
    """A value problem, phrased without its location; the caller adds file and key."""


def _string_list(value: object, *, split: bool) -> tuple[str, ...]:
    if isinstance(value, str):
        if split:  # an environment variable: "docs,README.md"
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return (value,)
    if isinstance(value, list | tuple):
        for item in value:
            if not isinstance(item, str):
                raise Invalid(f"must be a list of strings, got an item {describe(item)}")
        return tuple(value)
    raise Invalid(f"must be a list of strings, got {describe(value)}")


def paths(value: object, text: bool) -> tuple[str, ...]:
    """Documents, directories or globs; a text value is comma-separated."""
    items = _string_list(value, split=text)
    if any(not item.strip() for item in items):
        raise Invalid("must not contain an empty path")
    return items


def output(value: object, text: bool) -> str:
    """A report destination: a file path or ``-`` for stdout."""
    path = text_value(value)
    if not path.strip():
        raise Invalid("must be a file path or '-' for stdout, got ''")
    return path


def text_value(value: object) -> str:
    """Any string."""
    if not isinstance(value, str):
        raise Invalid(f"must be a string, got {describe(value)}")
    return value


def optional_text(value: object, text: bool) -> str:
    """A string with something in it (an unset value is None, never '')."""
    result = text_value(value)
    if not result.strip():
        raise Invalid("must not be empty")
    return result


def integer(value: object, *, minimum: int, text: bool) -> int:
    """A whole number of at least ``minimum``."""
    number: int
    if isinstance(value, bool):
        raise Invalid(f"must be an integer, got {describe(value)}")
    if isinstance(value, int):
        number = value
    elif text and isinstance(value, str) and re.fullmatch(r"\s*[-+]?\d+\s*", value):
        number = int(value)
    else:
        raise Invalid(f"must be an integer, got {describe(value)}")
    if number < minimum:
        bound = "a positive integer" if minimum == 1 else f"at least {minimum}"
        raise Invalid(f"must be {bound}, got {number}")
    return number


def number(value: object, *, positive: bool, text: bool) -> float:
    """A finite number, not negative (and above 0 when ``positive``)."""
    number: float
    if isinstance(value, bool):
        raise Invalid(f"must be a number, got {describe(value)}")
    if isinstance(value, int | float):
        number = float(value)
    elif text and isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            raise Invalid(f"must be a number, got {describe(value)}") from None
    else:
        raise Invalid(f"must be a number, got {describe(value)}")
    if not math.isfinite(number):
        raise Invalid(f"must be a finite number, got {value}")
    if positive and number <= 0:
        raise Invalid(f"must be greater than 0, got {describe(value)}")
    if number < 0:
        raise Invalid(f"must not be negative, got {describe(value)}")
    return number


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def boolean(value: object, text: bool) -> bool:
    """true or false (as text also 1/0, yes/no, on/off)."""
    if isinstance(value, bool):
        return value
    if text and isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise Invalid(f"must be true or false, got {describe(value)}")


def color(value: object, text: bool) -> bool | None:
    """A boolean or "auto" (None); as text also always/force/never."""
    if isinstance(value, str) and value.strip().lower() == "auto":
        return None
    if isinstance(value, str) and text:
        word = value.strip().lower()
        if word in ("always", "force"):
            return True
        if word == "never":
            return False
    try:
        return boolean(value, text)
    except Invalid:
        raise Invalid(f'must be true, false or "auto", got {describe(value)}') from None


def verdicts(value: object, text: bool) -> tuple[Verdict, ...]:
    """Verdict names, as a list or comma-separated; duplicates dropped."""
    if isinstance(value, str):
        names = [part.strip() for part in value.split(",")]
        names = [name for name in names if name]
    elif isinstance(value, list | tuple):
        names = []
        for item in value:
            if not isinstance(item, str):
                raise Invalid(f"must be a list of verdict names, got an item {describe(item)}")
            names.append(item.strip())
    else:
        raise Invalid(f"must be a list of verdict names, got {describe(value)}")
    known = [verdict.value for verdict in Verdict]
    result: list[Verdict] = []
    for name in names:
        lowered = name.lower().replace("-", "_")
        if lowered not in known:
            hint = suggest(lowered, known)
            raise Invalid(
                f"has an unknown verdict {name!r}{hint}; verdicts are: {', '.join(known)}"
            )
        verdict = Verdict(lowered)
        if verdict not in result:
            result.append(verdict)
    return tuple(result)


def regexes(value: object, text: bool) -> tuple[str, ...]:
    """Regular expressions that compile."""
    # Never split on commas: a comma is ordinary in a regular expression ("a{1,3}").
    patterns = _string_list(value, split=False)
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise Invalid(f"has an invalid regular expression {pattern!r}: {exc}") from None
    return tuple(patterns)


def http_origin(value: object, example: str) -> str:
    """An http(s) origin, with a trailing slash."""
    base = text_value(value).strip()
    if not re.match(r"^https?://[^/\s]+", base):
        raise Invalid(f"must be an http(s) URL like {example!r}, got {base!r}")
    return base if base.endswith("/") else base + "/"


def status_codes(value: object) -> tuple[int, ...]:
    """HTTP status codes (100-599); duplicates dropped."""
    if not isinstance(value, list | tuple):
        raise Invalid(f"must be a list of HTTP status codes, got {describe(value)}")
    codes: list[int] = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int) or not 100 <= item <= 599:
            raise Invalid(f"must be a list of HTTP status codes (100-599), got {describe(item)}")
        if item not in codes:
            codes.append(item)
    return tuple(codes)


def describe(value: object) -> str:
    """A value as an error message shows it: strings quoted, containers by kind only."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return type_name(value)


def type_name(value: object) -> str:
    """A value's kind in TOML words, without the value (it may be a secret)."""
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"


def suggest(word: str, choices: Sequence[str]) -> str:
    """A ' (did you mean …?)' hint for a misspelt key or name, or ''."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""



def report_style(value: object, text: bool) -> str | None:
    """How the report is printed: "lines", "table" or "auto" (None: table on a terminal)."""
    word = text_value(value).strip().lower()
    if word == "auto":
        return None
    if word not in ("lines", "table"):
        raise Invalid(f'must be "lines", "table" or "auto", got {describe(value)}'
                      f"{suggest(word, ['lines', 'table', 'auto'])}")
    return word


def status_code_list(value: object, text: bool) -> tuple[int, ...]:
    """HTTP status codes, as a list or (as text) comma-separated: "403,429"."""
    if text and isinstance(value, str):
        items: list[object] = []
        for part in (p.strip() for p in value.split(",")):
            if not part:
                continue
            if not part.isdigit():
                raise Invalid(f"must be HTTP status codes like '403,429', got {part!r}")
            items.append(int(part))
        return status_codes(items)
    return status_codes(value)


_HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")


def header_lines(value: object, text: bool) -> tuple[str, ...]:
    """Request headers as "Name: value" strings (one per item; never split on commas, which
    header values contain). Errors name the header, never its value."""
    items = _string_list(value, split=False)
    for item in items:
        name, colon, _ = item.partition(":")
        if not colon or not _HEADER_NAME.match(name.strip()):
            shown = name.strip()[:40] if colon else "a value without ':'"
            raise Invalid(f"must be 'Name: value' headers, got {shown!r}"
                          if colon else f"must be 'Name: value' headers, got {shown}")
    return items


def remaps(value: object, text: bool) -> tuple[str, ...]:
    """URL rewrites as "REGEX REPLACEMENT" (split at the first whitespace), the regex valid."""
    items = _string_list(value, split=False)
    for item in items:
        parts = item.strip().split(None, 1)
        if len(parts) != 2:
            raise Invalid(f"must be 'REGEX REPLACEMENT' (two words), got {item!r}")
        try:
            re.compile(parts[0])
        except re.error as exc:
            raise Invalid(f"has an invalid regular expression {parts[0]!r}: {exc}") from None
    return items

_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*", re.IGNORECASE)
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def seconds(duration: str) -> float:
    """A checked duration (``"90s"``, ``"30m"``, ``"1h"``, ``"1d"``, ``"2w"``, bare seconds)
    in seconds."""
    match = _DURATION.fullmatch(duration)
    if match is None:
        raise Invalid(f"must be a duration like '1h', '30m' or '1d', got {describe(duration)}")
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]


def duration(value: object, text: bool) -> str:
    """A duration, kept as written (a TOML number is seconds)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = f"{value:g}s"
    written = text_value(value).strip()
    seconds(written)
    return written


def durations(value: object, text: bool) -> str:
    """One duration for everything, or two: ``LIVE,FAILED`` (``"1d,1h"``)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return duration(value, text)
    parts = [part.strip() for part in text_value(value).split(",")]
    if not 1 <= len(parts) <= 2:
        raise Invalid(f"must be one duration or two, LIVE,FAILED like '1d,1h', got "
                      f"{describe(value)}")
    for part in parts:
        duration(part, text)
    return ",".join(parts)


def directory(value: object, text: bool) -> str:
    """A directory path."""
    path = text_value(value)
    if not path.strip():
        raise Invalid("must be a directory path, got ''")
    return path
