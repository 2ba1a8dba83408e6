"""Keep credentials out of every report: reports *mask* them with ``***``.

A cited URL can carry a secret: ``https://user:pass@host/…`` or ``?token=…``. Reports end up in
CI logs, PR comments and code-scanning dashboards, so every formatter passes the report through
:func:`scrub_report` first, and a reader sees that something was there. Masking works on free
text too (a note's text repeats its URL, a reason may quote a redirect target, an archive URL
embeds the cited one), so it is applied to every string in the report. The check stage, before
this, *strips* user-info from what it produces (:mod:`citecheck.check.credentials`).
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from enum import Enum
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

from citecheck.check.credentials import USERINFO
from citecheck.models import Report

MASK = "***"

#: Query/fragment parameter names whose values are credentials: any name ending in ``key``,
#: ``token``, ``secret``, ``signature``, ``password`` (``access_key``, ``private_key``,
#: ``accesskey``, ``X-Amz-Signature``), a few more endings, and some short names whole.
SECRET_NAME = (
    r"(?:[a-z0-9_.\-]*(?:key|token|secret|signature|passw(?:or)?d|credential|session(?:id)?)"
    r"|jwt|sig|auth|pwd|code)"
)
# In free text a value ends at a space, a quote or a bracket, and sentence punctuation right
# after it is the sentence's ("see https://h/?token=abc.").
_SECRET_PARAM = re.compile(
    rf"(?i)([?&;#]{SECRET_NAME}=)[^&#;\s\"'<>]*[^&#;\s\"'<>.,:!?)\]]"
)
# In a URL (not free text) a value runs to the next separator, quotes and brackets included.
_URL_SECRET_PARAM = re.compile(rf"(?i)([?&;#]{SECRET_NAME}=)[^&#;]+")
# The same inside a percent-encoded URL (an open redirect's "?to=https%3A…%3Ftoken%3D…"): the
# value runs to the next encoded or plain separator.
_ENCODED_SECRET_PARAM = re.compile(
    rf"(?i)((?:%3F|%26|%23|%3B){SECRET_NAME}%3D)(?:(?!%26|%23|%3B)[^&#;\s\"'<>])+"
)
_URL = re.compile(r"(?is)^([a-z][a-z0-9+.\-]*://)([^/?#]*)(.*)$")


def mask_text(text: str) -> str:
    """``text`` with URL user-info and secret-named query values replaced by ``***``.

    User-info is masked up to the last ``@`` of each URL's authority; a parameter is secret by
    its name (:data:`SECRET_NAME`), in a query or a fragment.
    """
    # Most strings hold neither "@" nor "="; checking first keeps 10,000-note reports fast.
    if "@" in text:
        text = USERINFO.sub(rf"\1{MASK}@", text)
    if "=" in text:
        text = _SECRET_PARAM.sub(rf"\1{MASK}", text)
    if "%" in text:
        text = _ENCODED_SECRET_PARAM.sub(rf"\1{MASK}", text)
    return text


def mask_url(url: str) -> str:
    """A URL with its user-info and secret-named parameter values replaced by ``***``.

    The authority is taken whole (to the first ``/``, ``?`` or ``#``, spaces included), so a
    URL that is not well-formed cannot hide its user-info; in the rest (which may embed another
    URL, as archive links do) a secret value runs to the next ``&``, ``;`` or ``#``, quotes and
    spaces included. Anything that is not ``scheme://…`` is masked as text.
    """
    if "@" not in url and "=" not in url and "%" not in url:
        return url  # nothing below can match: most cited URLs, kept as they are
    match = _URL.match(url)
    if match is None:
        return mask_text(url)
    scheme, authority, rest = match.groups()
    if "@" in authority:
        authority = f"{MASK}@{authority.rpartition('@')[2]}"
    if "@" in rest:
        rest = USERINFO.sub(rf"\1{MASK}@", rest)
    rest = _URL_SECRET_PARAM.sub(rf"\1{MASK}", rest)
    if "%" in rest:
        rest = _ENCODED_SECRET_PARAM.sub(rf"\1{MASK}", rest)
    return scheme + authority + rest


#: Fields that hold a URL (or a tuple of URLs), masked by :func:`mask_url`; every other string
#: in a report is free text, masked by :func:`mask_text`.
URL_FIELDS = frozenset({"url", "urls", "final_url", "archive_url", "redirects"})


def _holds_text(hint: object) -> bool:
    """Whether a value of type ``hint`` can hold a string to mask (an enum's value is not one)."""
    if hint is str or (isinstance(hint, type) and is_dataclass(hint)):
        return True
    if get_origin(hint) in (tuple, Union, UnionType):
        return any(_holds_text(arg) for arg in get_args(hint))
    return False  # numbers, enums, sets of enums


class _Masker:
    """One walk over a report: every string masked, a value rebuilt only where that changed it.

    Copy on change: most reports carry no credential at all, and every formatter scrubs, so the
    usual answer is the value itself, not a second copy of every note per format. Strings,
    tuples and dataclasses are walked (all a report is made of). Which fields of a dataclass can
    hold a string is read from its type hints, once per type and walk: the numbers, flags and
    enums that make up half a report are not visited.
    """

    def __init__(self) -> None:
        self._plans: dict[type, tuple[tuple[str, bool], ...]] = {}

    def mask(self, value: object, is_url: bool) -> object:
        """``value`` masked; ``is_url`` says its strings are URLs (:data:`URL_FIELDS`)."""
        kind = type(value)
        if kind is str:  # most values: tested first
            masked = mask_url(value) if is_url else mask_text(value)  # type: ignore[arg-type]
            return value if masked == value else masked
        plan = self._plans.get(kind)
        if plan is not None:
            return self._dataclass(value, plan)
        if kind is tuple:
            items = tuple([self.mask(item, is_url) for item in value])  # type: ignore[attr-defined]
            # Tuple equality tests identity first: an item is compared deeply only when
            # masking replaced it.
            return value if items == value else items
        if is_dataclass(value) and not isinstance(value, type):
            return self._dataclass(value, self._plan(kind))
        if isinstance(value, str) and not isinstance(value, Enum):
            masked = mask_url(value) if is_url else mask_text(value)
            return value if masked == value else masked
        return value

    def _plan(self, kind: type) -> tuple[tuple[str, bool], ...]:
        """The fields of dataclass ``kind`` that can hold text, each with whether it is a URL."""
        hints = get_type_hints(kind)
        plan = tuple((spec.name, spec.name in URL_FIELDS) for spec in fields(kind)
                     if _holds_text(hints[spec.name]))
        self._plans[kind] = plan
        return plan

    def _dataclass(self, value: Any, plan: tuple[tuple[str, bool], ...]) -> object:
        changes = {}
        for name, is_url in plan:
            old = getattr(value, name)
            if old is not None:
                new = self.mask(old, is_url)
                if new is not old:
                    changes[name] = new
        return replace(value, **changes) if changes else value


def scrub_report(report: Report) -> Report:
    """A copy of ``report`` in which no string shows a URL credential.

    Two URLs that differ only in a secret become equal after masking; the report stays
    consistent (notes and links are masked alike), which is what consumers join on. Values
    with nothing to mask are shared with ``report``, not copied: a report with no credential
    is its own scrubbed form.
    """
    scrubbed = _Masker().mask(report, is_url=False)
    assert isinstance(scrubbed, Report)
    return scrubbed
