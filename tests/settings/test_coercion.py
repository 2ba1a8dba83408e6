"""The plain coercion of option values gives exactly what typer's own coercion gives."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer
import typer.main

from citecheck.cli import app
from citecheck.settings.coercion import UNSURE, coerce_plainly, plain_value

_coercion = pytest.importorskip("typer._coercion", reason="typer < 0.29 coerces through click")

SAMPLES = ["10", "-3", "0", "007", "1_000", " 5", "+4", "2.5", "-0.5", "1e3", "nan", "inf",
           "abc", "", "é", "10.", ".5", "99999999999999999999", "a,b", "12345678901234567"]


def _params() -> list[typer.core.TyperOption]:
    group = typer.main.get_command(app)
    return [p for name in ("check", "fix", "parse") for p in group.commands[name].params
            if getattr(p, "type_descriptor", None) is not None]


@pytest.mark.parametrize("sample", SAMPLES)
def test_a_plain_answer_is_typers_answer(sample: str) -> None:
    answered = 0
    for param in _params():
        descriptor = param.type_descriptor
        value: object = (sample,) if param.multiple or param.nargs == -1 else sample
        plain = plain_value(descriptor.annotation, value, bounded=False)
        if plain is UNSURE:
            continue
        answered += 1
        typer_own = _coercion.build_runtime_param(descriptor)
        assert plain == typer_own.coerce(value, param=param, ctx=None)
        assert type(plain) is type(typer_own.coerce(value, param=param, ctx=None))
    assert answered  # every sample is at least a plain string


def test_unsure_values_go_to_typer_with_its_message() -> None:
    group = typer.main.get_command(app)
    with pytest.raises(Exception, match="valid integer"):
        group.commands["check"].make_context("check", ["doc.txt", "--concurrency", "many"])
    ctx = group.commands["check"].make_context("check", ["doc.txt", "--concurrency", "1_0"])
    assert ctx.params["concurrency"] == 10


def test_parameters_are_coerced_plainly_and_not_twice() -> None:
    group = typer.main.get_command(app)
    ctx = group.commands["check"].make_context("check", ["doc.txt", "--timeout", "2.5"])
    params = group.commands["check"].get_params(ctx)
    replaced = {p.name: p._runtime_param for p in params if hasattr(p, "_runtime_param")}
    assert all(type(rp).__name__ == "_PlainRuntimeParam" for rp in replaced.values())
    coerce_plainly(params)  # already replaced: left as it is
    assert replaced == {p.name: p._runtime_param for p in params if hasattr(p, "_runtime_param")}


def test_a_check_s_options_do_not_import_pydantic() -> None:
    code = (
        "import sys, typer.main\n"
        "from citecheck.cli import app\n"
        "group = typer.main.get_command(app)\n"
        "group.make_context('citecheck', ['doc.txt'])\n"
        "ctx = group.commands['check'].make_context('check', ['doc.txt', '--json', 'r.json',"
        " '--timeout', '5', '--concurrency', '128', '-H', 'A: b', '--no-archive'])\n"
        "assert ctx.params['timeout'] == 5.0 and ctx.params['headers'] == ['A: b'], ctx.params\n"
        "print('pydantic' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
