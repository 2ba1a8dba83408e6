"""The collector's settings during a check: changed inside, restored after."""

from __future__ import annotations

import gc

from citecheck.check.heap import CHECK_THRESHOLD, collector_for_checks


def test_objects_are_frozen_and_young_collected_less_often_inside() -> None:
    before = gc.get_threshold()
    kept = [object() for _ in range(10)]
    with collector_for_checks():
        assert gc.get_freeze_count() >= len(kept)
        assert gc.get_threshold() == (CHECK_THRESHOLD, *before[1:])
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_settings_are_restored_when_the_check_raises() -> None:
    before = gc.get_threshold()
    try:
        with collector_for_checks():
            raise KeyError("boom")
    except KeyError:
        pass
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_collector_held_off_by_the_caller_is_left_alone() -> None:
    before = gc.get_threshold()
    gc.disable()
    try:
        with collector_for_checks():
            assert gc.get_threshold() == before
            assert gc.get_freeze_count() == 0
            assert not gc.isenabled()
    finally:
        gc.enable()
