"""Option values turned into Python values without pydantic, where that is plainly the same.

typer 0.29 coerces every parameter of a command through a pydantic ``TypeAdapter``, built for
each of the ~45 options of ``citecheck check`` on every run, given or not: importing pydantic
and building those adapters took about 0.2 s before the first request, a tenth of a 2,000-URL
run. Our options are plain ``str``, ``int``, ``float``, ``bool`` and ``list[str]`` (the
settings table checks their meaning), and for the ordinary spellings of those the result is not
in doubt: ``"10"`` is 10, ``"2.5"`` is 2.5, a string is itself. :func:`coerce_plainly` gives each
parameter a coercion that answers those at once and hands anything else (a path, ``1_000``,
``"abc"`` for a number, an option with bounds) to typer's own, so values and error messages stay
typer's. Older typer releases coerce through click and have nothing to replace.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

try:
    from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
except ImportError:  # typer < 0.29: click coerces, pydantic is not involved
    RuntimeParam = None  # type: ignore[assignment,misc]

# Spellings whose value every parser agrees on; anything else goes to typer's coercion.
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,15})?")


class _Unsure:
    """No plain answer: typer's coercion decides."""


UNSURE = _Unsure()


def _plain_text(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")  # lone surrogates (undecodable argv bytes): typer decides
    except UnicodeEncodeError:
        return False
    return True


def plain_value(annotation: object, value: object, *, bounded: bool) -> object:
    """``value`` (as click hands it over, not None) coerced to ``annotation``, or UNSURE."""
    if annotation is str:
        return value if _plain_text(value) else UNSURE
    if annotation is bool:
        return value if isinstance(value, bool) else UNSURE
    if annotation == list[str]:  # a new alias each time it is written: equal, not identical
        if isinstance(value, (list, tuple)) and all(_plain_text(item) for item in value):
            return list(value)
        return UNSURE
    if bounded or not isinstance(value, str):
        return UNSURE
    if annotation is int and _INTEGER.fullmatch(value):
        return int(value)
    if annotation is float and _DECIMAL.fullmatch(value):
        return float(value)
    return UNSURE


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class _PlainRuntimeParam(RuntimeParam):
        """typer's coercion of one parameter, answering plain values without pydantic."""

        descriptor: TypeDescriptor

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            info = self.parameter_info
            bounded = info.min is not None or info.max is not None or bool(info.clamp)
            plain = plain_value(self.annotation, value, bounded=bounded)
            if plain is not UNSURE:
                return plain
            typer_own = build_runtime_param(self.descriptor)
            return typer_own._coerce_value(value, param=param, ctx=ctx)


def coerce_plainly(params: Iterable[Any]) -> None:
    """Give each typer parameter of a command the plain coercion (a no-op before typer 0.29).

    An option not given costs nothing; a given path goes to typer's coercion (it checks
    existence and kind, which is more than a value), as does anything :func:`plain_value` is
    unsure of. File parameters (typer opens them) keep typer's coercion altogether.
    """
    if RuntimeParam is None:
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", "absent") is not None:
            continue
        if descriptor.file_annotation is not None:
            continue
        param._runtime_param = _PlainRuntimeParam(
            parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
            descriptor=descriptor,
        )


class PlainCoercion:
    """A mixin for typer commands and groups: every parameter, the help option included (click
    adds it late), coerces plainly."""

    def get_params(self, ctx: Any) -> list[Any]:
        """The command's parameters, each with the plain coercion."""
        params: list[Any] = super().get_params(ctx)  # type: ignore[misc]
        coerce_plainly(params)
        return params
