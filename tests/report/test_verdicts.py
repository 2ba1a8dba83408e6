"""The verdict and gate presentation table: every verdict and every gate outcome has a row."""

from __future__ import annotations

from rich.style import Style

from citecheck.models import Gate, Verdict
from citecheck.report.json import load_schema
from citecheck.report.verdicts import GATES, VERDICTS, rule_id, verdict_phrase

SARIF_LEVELS = {"error", "warning", "note", "none"}


def test_every_verdict_has_a_presentation_row_in_enum_order() -> None:
    # SARIF's ruleIndex is a position in the table, so its order is the enum's.
    assert list(VERDICTS) == list(Verdict)


def test_every_gate_has_a_presentation_row() -> None:
    assert set(GATES) == set(Gate)


def test_rows_are_complete_and_usable() -> None:
    for verdict, row in VERDICTS.items():
        assert row.singular and row.plural, verdict
        assert row.rule_name and row.description.endswith(".") and row.help.endswith("."), verdict
        Style.parse(row.style)  # raises on a style rich cannot show
    assert len({row.rule_name for row in VERDICTS.values()}) == len(Verdict)
    for gate, gate_row in GATES.items():
        assert gate_row.sarif_level in SARIF_LEVELS, gate
        Style.parse(gate_row.style or "none")


def test_only_unchecked_verdicts_are_junit_skips() -> None:
    assert {v for v, row in VERDICTS.items() if row.junit_skipped} == {
        Verdict.SKIPPED,
        Verdict.OFFLINE,
    }


def test_a_passing_note_gets_no_workflow_command() -> None:
    assert GATES[Gate.PASS].command is None
    assert GATES[Gate.FAIL].command == "error"
    assert GATES[Gate.WARN].command == "warning"


def test_rule_id_and_phrase() -> None:
    assert rule_id(Verdict.SOFT404) == "citecheck/soft404"
    assert verdict_phrase(Verdict.SOFT404, 1) == "1 soft 404"
    assert verdict_phrase(Verdict.SOFT404, 3) == "3 soft 404s"


def test_the_json_schema_knows_every_verdict_and_gate() -> None:
    # The schema is kept by hand: a verdict added to the enum must be added there too.
    schema = load_schema()
    values = [v.value for v in Verdict]
    assert schema["$defs"]["verdict"]["enum"] == values
    counts = schema["$defs"]["summary"]["properties"]["counts"]
    assert counts["required"] == values and list(counts["properties"]) == values
    assert schema["$defs"]["gate"]["enum"] == [g.value for g in Gate]
