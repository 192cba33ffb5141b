"""Garbage collection tuned for a build, and put back after it."""

import gc

from pilkada.gc_tuning import MIDDLE, OLD, YOUNG, tuned_gc


def test_tuned_for_the_block_and_restored_after():
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    with tuned_gc():
        assert gc.get_threshold() == (YOUNG, MIDDLE, OLD)
        assert gc.get_freeze_count() > frozen  # what existed is left out of collections
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_restored_when_the_block_raises():
    before = gc.get_threshold()
    try:
        with tuned_gc():
            raise RuntimeError("a failed build")
    except RuntimeError:
        pass
    assert gc.get_threshold() == before
