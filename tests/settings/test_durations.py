"""Durations for --max-age and --confirm-spacing."""

from __future__ import annotations

import pytest

from citecheck.settings import Settings
from citecheck.settings.values import Invalid, duration, durations, seconds


@pytest.mark.parametrize(
    ("text", "expected"),
    [("90", 90.0), ("90s", 90.0), ("30m", 1800.0), ("1h", 3600.0), ("1.5h", 5400.0),
     ("1d", 86400.0), ("2w", 1209600.0), (" 24H ", 86400.0)],
)
def test_seconds(text: str, expected: float) -> None:
    assert seconds(text) == expected


@pytest.mark.parametrize("bad", ["", "h", "-1h", "1 day", "1h30m", "1y"])
def test_bad_durations_are_refused(bad: str) -> None:
    with pytest.raises(Invalid, match="duration"):
        duration(bad, True)


def test_max_age_is_one_value_or_live_and_others() -> None:
    assert durations("7d,2h", True) == "7d,2h"
    assert durations(3600, False) == "3600s"
    with pytest.raises(Invalid, match="LIVE,FAILED"):
        durations("1d,1h,1m", True)
    assert Settings(max_age="7d,2h").max_ages() == (604800.0, 7200.0)
    assert Settings(max_age="0").max_ages() == (0.0, 0.0)
    assert Settings().max_ages() == (86400.0, 3600.0)

