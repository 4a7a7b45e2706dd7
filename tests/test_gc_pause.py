"""Stages that overlap in worker threads: collection resumes only when the last one ends."""

import gc

from dossier_tui.gc_pause import gc_paused


def test_collection_resumes_after_the_last_of_overlapping_pauses():
    assert gc.isenabled()
    outer = gc_paused()
    inner = gc_paused()
    outer.__enter__()
    inner.__enter__()
    outer.__exit__(None, None, None)  # the first stage ends while the second still runs
    assert not gc.isenabled()
    inner.__exit__(None, None, None)
    assert gc.isenabled()


def test_a_collector_the_user_turned_off_stays_off():
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
