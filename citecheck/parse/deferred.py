"""Regular expressions compiled when first used, not when their module is imported.

The parse modules hold about 300 module-level patterns; compiling them all took about a third of
the command line's start-up (≈0.1 s of CPU on the project's machine, before the first document is
read), while a document uses only the few its shape asks for: the benchmark's plain-text
document of numbered notes uses 43 of the 256 the text path imports. :func:`regex` returns a
stand-in that compiles its pattern the first time any attribute is asked of it; from then on the
pattern's methods are plain attributes of the stand-in (bound methods of the compiled pattern),
so a hot loop pays nothing for the deferral.

A stand-in is not a :class:`re.Pattern` to ``isinstance`` and cannot be passed where ``re``'s
functions take a pattern object (``re.sub(PATTERN, …)``); the parse modules call the pattern's
own methods, as a compiled pattern is used anyway.
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast

__all__ = ["regex"]

#: What a stand-in copies from the compiled pattern on first use: every method and attribute of
#: :class:`re.Pattern` (anything else still reaches the pattern, through ``__getattr__``).
_COPIED = (
    "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
    "pattern", "flags", "groups", "groupindex", "scanner",
)


class _Deferred:
    """A pattern compiled on first use (see the module's docstring)."""

    def __init__(self, source: str | bytes, flags: int) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # Called only for names not yet in the instance's dict: once, then never again for the
        # names copied here.
        compiled = re.compile(self._source, self._flags)
        for copied in _COPIED:
            setattr(self, copied, getattr(compiled, copied))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"regex({self._source!r}, {self._flags!r})"


def regex(source: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(source, flags)``, compiled the first time it is used."""
    return cast("re.Pattern[AnyStr]", _Deferred(source, flags))
