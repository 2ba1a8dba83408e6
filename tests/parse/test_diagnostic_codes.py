"""Diagnostic codes are a closed set whose values are the JSON vocabulary."""

from __future__ import annotations

import json
import re

from citecheck.models import Diagnostic, DiagnosticCode
from citecheck.parse import parse_document


def test_codes_are_kebab_case_and_serialise_as_their_value() -> None:
    for code in DiagnosticCode:
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", code.value), code
        assert json.dumps(Diagnostic(code, "m").code) == json.dumps(code.value)
        assert f"{code}" == code.value


def test_parser_emits_enum_members() -> None:
    text = "A claim.[1] Another.[9]\n\nNotes\n\n1. Ibid.\n2. Never cited, 2020.\n"
    document = parse_document(text, "doc.txt")
    codes = [d.code for d in document.diagnostics]
    assert codes
    assert all(type(code) is DiagnosticCode for code in codes)
