"""The options of ``citecheck check``, generated from the settings table.

A typer command's options are the parameters of its function. :func:`with_setting_options`
gives a command one ``Annotated`` parameter per setting on the command line, in the table's
section order, so the flags, help texts and ``[default: …]`` notes are never typed twice.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from citecheck.settings.table import FIELDS, SECTIONS, Field

Command = TypeVar("Command", bound=Callable[..., Any])


def setting_parameters() -> list[inspect.Parameter]:
    """One keyword parameter per setting the command line takes, named as the setting."""
    on_cli = [field for field in FIELDS if field.on_command_line]
    on_cli.sort(key=lambda field: SECTIONS.index(field.row.section))  # stable: table order within
    return [
        inspect.Parameter(
            field.name,
            inspect.Parameter.KEYWORD_ONLY,
            default=None,
            annotation=Annotated[field.row.kind.cli_type | None, _parameter_info(field)],
        )
        for field in on_cli
    ]


def _parameter_info(field: Field) -> Any:
    if field.row.positional:
        return typer.Argument(help=field.row.help, show_default=False, metavar=field.metavar)
    shown = field.default_help()
    help_text = field.row.help if shown is None else f"{field.row.help} [default: {shown}]"
    return typer.Option(*field.flags, help=help_text, show_default=False, metavar=field.metavar)


def with_setting_options(command: Command, *extra: inspect.Parameter) -> Command:
    """``command`` taking every setting as an option (``None`` when not given), then ``extra``.

    An extra parameter replaces a setting of the same name: ``fix --output`` names where the
    fixed document goes, whatever ``--output`` means to ``check``.
    """
    names = {parameter.name for parameter in extra}
    parameters = [*(p for p in setting_parameters() if p.name not in names), *extra]
    command.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return command
