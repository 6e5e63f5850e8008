"""liverguide.plugins.gc_tuning: the build's collector threshold while Pelican runs, the process's own after."""
from __future__ import annotations

import gc
from types import SimpleNamespace

from liverguide.plugins import gc_tuning


def test_threshold_is_the_builds_while_building_and_the_processs_after():
    before = gc.get_threshold()
    try:
        gc_tuning.tune(SimpleNamespace(settings={}))
        assert gc.get_threshold() == gc_tuning.DEFAULT
        gc_tuning.tune(SimpleNamespace(settings={"GC_THRESHOLD": (5000, 5, 5)}))  # a second build
        assert gc.get_threshold() == (5000, 5, 5)
        gc_tuning.restore()
        assert gc.get_threshold() == before
        gc_tuning.restore()  # finalized without initialized: nothing to put back
        assert gc.get_threshold() == before
    finally:
        gc.set_threshold(*before)
